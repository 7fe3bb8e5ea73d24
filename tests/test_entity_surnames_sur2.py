"""A common surname alone is a person (names-dataset's ranks, entity_lists.person_by_surname)."""

from __future__ import annotations

import pytest
from entity_mentions import people

from transform import entity_gazetteer
from transform.entity_gazetteer import loaded_lexicon
from transform.entity_lists import person_by_surname


@pytest.mark.parametrize(
    ("text", "language", "surname"),
    [
        (
            "Asked about the delay, Lindqvist blamed the weather and the supplier.",
            "en",
            "Lindqvist",
        ),
        ("Au conseil, seul Brunet a voté contre le budget.", "fr", "Brunet"),
        ("La propuesta llegó tarde y Villalobos la rechazó sin leerla.", "es", "Villalobos"),
    ],
)
def test_common_surname_alone_is_a_person(text: str, language: str, surname: str) -> None:
    assert people(text, language) == [surname]


def test_the_common_surnames_hold_a_country_s_frequent_surnames_only() -> None:
    surnames = entity_gazetteer.common_surnames()
    assert {"lindqvist", "brunet", "villalobos"} <= surnames
    assert "porsche" not in surnames  # Germany's 6,501st: a firm's name far more often


_SURNAMES = frozenset({"castillo", "mullin", "hauser", "sheppard", "ferreira", "dec"})


def _by_surname(body: str, word: str, language: str, *, sentence_start: bool = False) -> bool:
    start = body.index(word)
    before = body[:start].split()[-1].strip(",").casefold() if body[:start].strip() else ""
    return person_by_surname(
        body,
        (start, start + len(word)),
        [word],
        before,
        language,
        loaded_lexicon(),
        sentence_start,
        _SURNAMES,
        body,
    )


def test_a_surname_the_sentence_makes_a_subject_is_read() -> None:
    assert _by_surname("El plan, dijo la prensa, lo firmó Castillo ayer.", "Castillo", "es")


def test_a_sentence_s_or_headline_s_first_word_is_not_read() -> None:
    # every sentence's first word is capitalised, a common word's as a name's
    assert not _by_surname("Castillo firmó el plan ayer.", "Castillo", "es", sentence_start=True)
    assert not _by_surname("Castillo firmó el plan ayer.", "Castillo", "es")
    # a date's figure and its full stop are one token: the sentence still ends there
    assert not _by_surname("It opens on May 22. Hauser staff agreed.", "Hauser", "en")


def test_german_is_left_out_as_it_capitalises_its_nouns() -> None:
    assert people("Am Abend sprach Hauser lange mit den Gästen.", "de") == []


def test_a_word_the_article_writes_in_small_letters_is_not_read() -> None:
    body = "The hauser crews came early. Officials said Hauser crews left."
    assert not _by_surname(body, "Hauser", "en")


def test_after_de_a_contracted_article_or_a_possessive_it_is_no_person() -> None:
    assert not _by_surname("Un vecino de Castillo llamó a la policía.", "Castillo", "es")
    assert not _by_surname("La orilla del Castillo quedó inundada.", "Castillo", "es")
    assert not _by_surname("Officials closed Spain's Hauser plant.", "Hauser", "en")


def test_beside_an_ampersand_or_before_an_abbreviation_s_stop_it_is_no_person() -> None:
    assert not _by_surname("The sale was held at Mullin & Sheppard in London.", "Sheppard", "en")
    assert not _by_surname("The sale was held at Mullin & Sheppard in London.", "Mullin", "en")
    assert not _by_surname("The date, Hauser. 14, was set by the court.", "Hauser", "en")


def test_a_list_member_is_not_read_by_its_surname() -> None:
    body = "The deal went to the law firm of Sheppard, Mullin and Ferreira last year."
    assert not _by_surname(body, "Mullin", "en")
    assert not _by_surname(body, "Sheppard", "en")


def test_a_word_after_a_number_is_no_surname() -> None:
    assert not _by_surname("The line runs at 120 Hauser a second.", "Hauser", "en")
    assert not _by_surname("Two titles come from Ferreira 3 and one from us.", "Ferreira", "en")


def test_a_surname_after_a_place_preposition_is_left_as_a_first_name_is() -> None:
    assert not _by_surname("The team moved to Hauser last spring.", "Hauser", "en")
    assert _by_surname("The team praised Hauser last spring.", "Hauser", "en")


def test_a_name_outside_the_common_surnames_is_not_read() -> None:
    assert not _by_surname("Asked about it, Quorvane blamed the weather.", "Quorvane", "en")


def test_after_until_or_since_or_as_a_month_s_abbreviation_it_is_no_person() -> None:
    assert not _by_surname("Las obras se extienden hasta Castillo.", "Castillo", "es")
    assert not _by_surname("The vote was cancelled with a scheduled Dec.", "Dec", "en")
