"""A one-word name the words after it show to be a person's: a relative pronoun only a person
takes (", who", ", quien"), or an English verb of saying whose clause opens with "he" or
"she". Every text is invented."""

from __future__ import annotations

import pytest
from entity_mentions import found as _found


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("The board met Wendmark, who chairs the trust, on Monday.", "en", "Wendmark"),
        ("Wendmark, who chairs the trust, resigned on Monday.", "en", "Wendmark"),
        ("Afterwards, Brennholt said he would appeal the ruling.", "en", "Brennholt"),
        ("Later, Brennholt insisted that she had paid the fine.", "en", "Brennholt"),
        ("La jueza citó a Quelvaro, quien trabajaba hasta tarde.", "es", "Quelvaro"),
    ],
)
def test_lone_name_before_a_persons_pronoun_is_a_person(
    text: str, language: str, name: str
) -> None:
    assert ("person", name) in _found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        # a company says "it"
        ("Afterwards, Quorvex said it would appeal the ruling.", "en", "Quorvex"),
        # a team after its article, a country's team
        ("The cup went to the Ridgebacks, who won in extra time.", "en", "Ridgebacks"),
        ("The cup went to Portugal, who won in extra time.", "en", "Portugal"),
        # a plural noun opening the sentence
        ("Commuters, who waited for hours, gave up.", "en", "Commuters"),
        # French "qui" stands for a body as well
        ("Le contrat revient à Quorvex, qui a gagné l'appel d'offres.", "fr", "Quorvex"),
    ],
)
def test_no_person_without_a_persons_pronoun(text: str, language: str, word: str) -> None:
    assert ("person", word) not in _found(text, language)


def test_the_name_alone_again_is_the_same_person() -> None:
    found = _found("Brennholt said he would appeal. The court heard Brennholt on Tuesday.", "en")
    assert ("person", "Brennholt") in found
    assert all(kind == "person" for kind, surface in found if surface == "Brennholt")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # an adjective in "-el" and one in "-ier" after the head, in small letters
        ("La loi a été censurée par le Tribunal sectoriel hier.", "Tribunal sectoriel"),
        (
            "Une enquête est ouverte par le Parquet régional financier contre lui.",
            "Parquet régional financier",
        ),
        ("Des assistants au Parlement européen ont été entendus.", "Parlement européen"),
        ("Elle a saisi la Caisse régionale douanière en mai.", "Caisse régionale douanière"),
    ],
)
def test_french_body_keeps_its_small_letter_adjectives(text: str, name: str) -> None:
    assert ("organization", name) in _found(text, "fr")


def test_french_body_takes_no_short_word_in_ier() -> None:
    assert ("organization", "Conseil") in _found("Le vote du Conseil hier a surpris.", "fr")
