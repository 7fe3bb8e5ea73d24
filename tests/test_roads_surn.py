"""German spells a road's class and gives its number without the letter ("auf der
Europastraße 16", "die Bundesstraße 2"): the road the other languages write E16 or B2, one
venue however it is written (held_out_47: a snowplough crash "on the E16 highway near
Fagernes", told in German "auf der Europastraße 16 bei Fagernes", read as a street
"Europastraße", set the two reports at two venues)."""

from __future__ import annotations

import pytest

from transform.entities import recognize_entities
from transform.entity_places import road_numbers


def _venues(text: str, language: str) -> dict[str, int]:
    return {
        m.entity.key: m.mentions
        for m in recognize_entities("", text, language)
        if m.entity.key.startswith("place:venue:")
    }


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Der Unfall ereignete sich auf der Europastraße 16 bei Lillehammer.", "E16"),
        ("Der Lastwagen kippte auf der Europastrasse 6 um.", "E6"),
        ("Die Bundesstraße 2 bleibt gesperrt.", "B2"),
        ("Stau auf der Bundesautobahn 7 bei Kassel.", "A7"),
    ],
)
def test_a_road_spelled_with_its_class_is_its_number(text: str, number: str) -> None:
    assert number in road_numbers(text)


def test_the_spelled_road_and_its_number_are_one_venue() -> None:
    # invented: the road spelled once, then written by its number
    text = (
        "OSLO, 5. Jan (Testdienst) - Ein Schneepflug ist auf der Europastraße 16 bei "
        "Lillehammer mit einem Auto zusammengestoßen. Die E16 war drei Stunden gesperrt."
    )
    assert _venues(text, "de") == {"place:venue:e16": 2}
    english = (
        "OSLO, Jan 5 (Test Wire) - A snowplough collided with a car on the E16 highway near "
        "Lillehammer. The E16 was closed for three hours."
    )
    assert _venues(english, "en") == {"place:venue:e16": 2}


def test_a_street_of_that_name_stays_a_street() -> None:
    # invented: "Europastraße" without a number is a street, as any German town has one
    assert road_numbers("Er wohnt in der Europastraße in Köln.") == frozenset()
    assert _venues("Er wohnt in der Europastraße in Köln.", "de") == {
        "place:venue:europastrasse": 1
    }
