"""A town too small for the gazetteer, read from how a sentence places it (sw117): an English
apposition that calls it a settlement ("X, a village of ..."), or a French, Spanish or German
apposition that places it in a direction or a region of a wider area ("à X, dans le sud de
..."). Invented text."""

from __future__ import annotations

import pytest
from entity_mentions import found


@pytest.mark.parametrize(
    "text",
    [
        "Quenterel, a village of about 400 people, lies below the dam.",
        "The fire broke out in Quenterel, a village of about 400 people near the coast.",
        "Rescuers reached Quenterel, the small fishing port on the estuary.",
    ],
)
def test_an_english_apposition_calls_the_name_a_settlement(text: str) -> None:
    assert ("place", "Quenterel") in found(text, "en")


def test_a_title_in_apposition_is_no_settlement() -> None:
    assert found("Anna Berg, a town councillor, said the road was closed.", "en") == {
        ("person", "Anna Berg")
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Un incendie a éclaté à Quenterel, dans le sud de la Sarthe, selon les pompiers.", "fr"),
        (
            "El accidente ocurrió cerca de Quenterel, en la provincia de Soria, dijo la policía.",
            "es",
        ),
        ("Der Unfall geschah in Quenterel im Süden Frankreichs.", "de"),
    ],
)
def test_an_apposition_places_the_name_in_a_wider_area(text: str, language: str) -> None:
    assert ("place", "Quenterel") in found(text, language)


def test_a_person_after_a_preposition_is_no_town() -> None:
    assert ("place", "Pierre") not in found(
        "Le maire a répondu à Pierre, dans le bureau de la mairie.", "fr"
    )


def test_a_clause_after_a_name_is_no_apposition() -> None:
    assert ("place", "Pixel Forge") not in found(
        "According to Pixel Forge, the Nimbus port of the game runs at 30 frames.", "en"
    )


@pytest.mark.parametrize(
    "text",
    [
        "In Ardovia, the town of Quenterel sent pupils home after the smoke thickened.",
        "Near Ardovia, the village of Quenterel was cut off.",
    ],
)
def test_a_settlement_noun_naming_another_town_is_no_apposition(text: str) -> None:
    """The noun and "of" name the town after them; the locative and the region before the
    comma are no town of their own."""
    assert not any(
        kind == "place" and name.startswith(("In ", "Near ")) for kind, name in found(text, "en")
    )
