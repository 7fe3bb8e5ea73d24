"""Listed companies named alone (tick): the names of pytickersymbols' companies, read as
organisations where nothing says they are a word, a place or a person."""

from __future__ import annotations

import pytest
from entity_mentions import found

from transform import entity_gazetteer as gazetteer


@pytest.mark.parametrize(
    ("text", "language", "company"),
    [
        ("Inditex opened thirty stores in Asia last year, the filing shows.", "en", "Inditex"),
        ("The works council said Siemens would close the plant by June.", "en", "Siemens"),
        ("Nach Angaben der Gewerkschaft will Siemens das Werk schließen.", "de", "Siemens"),
        ("Les syndicats ont rencontré Danone et Renault mardi soir.", "fr", "Danone"),
        ("Los sindicatos se reunieron con Iberdrola el martes por la tarde.", "es", "Iberdrola"),
        # a part of a run that a connector joins to a noun or a date (know2)
        ("Er sprach über die Zukunftschancen von Volkswagen in Niedersachsen.", "de", "Volkswagen"),
        ("Mit Anno 1800 bringen Blue Byte und Ubisoft im April ein Spiel.", "de", "Ubisoft"),
    ],
)
def test_a_listed_company_named_alone_is_an_organisation(
    text: str, language: str, company: str
) -> None:
    assert ("organization", company) in found(text, language)


def test_each_company_of_a_list_is_one() -> None:
    mentions = found("The union wrote to Siemens and Inditex on Friday.", "en")
    assert {("organization", "Siemens"), ("organization", "Inditex")} <= mentions


def test_a_company_opening_a_sentence_is_one() -> None:
    assert ("organization", "Inditex") in found("Inditex opened a store in Vigo.", "en")


def test_a_full_name_with_its_legal_form_and_its_press_name_are_one_company() -> None:
    assert gazetteer.company_forms("Roche Holding AG") == [
        "roche holding ag",
        "roche holding",
        "roche",
    ]
    assert gazetteer.company_forms("The Walt Disney Company") == [
        "walt disney company",
        "walt disney",
    ]
    assert gazetteer.company_forms("Alphabet Inc. (Class A)") == ["alphabet inc", "alphabet"]


def test_a_name_in_capitals_only_is_left_to_the_acronym_rules() -> None:
    assert gazetteer.company_forms("NOW Inc") == ["now inc"]  # not "now", the word
    assert gazetteer.company_forms("SAP") == []


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        ("Next year Inditex will close the mill, the owners said.", "en", "Next"),  # frequent
        ("Target prices were lowered again, Inditex said.", "en", "Target"),  # opens it
        ("Er lag am Pool, während Siemens das Werk schloss.", "de", "Pool"),  # noun after "am"
        ("Siemens baut ein Gerät, das 120 Hertz schafft.", "de", "Hertz"),  # a number counts it
        ("Fires have burned across the Amazon, Danone said.", "en", "Amazon"),  # "the"
        ("He bought a Porsche with his Inditex bonus.", "en", "Porsche"),  # one of a kind
        ("The crash closed Apple Valley Road near Inditex's depot.", "en", "Apple"),
        ("Inditex sponsors the fair in Bristow, Virginia.", "en", "Bristow"),  # an address
        ("Inditex hired Ralph Lauren as an adviser.", "en", "Ralph Lauren"),  # a person's name
    ],
)
def test_a_listed_name_that_is_a_word_place_or_person_here_is_no_company(
    text: str, language: str, word: str
) -> None:
    mentions = found(text, language)
    assert ("organization", word) not in mentions
    assert any(kind == "organization" for kind, _ in mentions)  # the other company is read


def test_the_surname_of_a_person_named_in_full_is_that_person() -> None:
    text = "Greta Porsche runs a bakery that Inditex supplies. Porsche said the ovens were old."
    mentions = found(text, "en")
    assert ("organization", "Inditex") in mentions
    assert ("organization", "Porsche") not in mentions
    assert ("person", "Porsche") in mentions


def test_the_cache_key_names_the_company_package() -> None:
    key = gazetteer.cache_key()
    assert "pytickersymbols=" in key
    assert "pytickersymbols=missing" not in key
