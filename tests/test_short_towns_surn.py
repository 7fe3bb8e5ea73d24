"""A town's name of three letters is read after an English settlement noun and "of" ("the
northern Bavarian town of Hof") as the gazetteer's town, whatever the word means in another
language: held_out_44's English report of a heating-oil theft from a kindergarten "in the
northern Bavarian town of Hof" read Hof as a town of no country, and shared no placed name with
the German reports of Hof (geonames), so it stayed an event of its own."""

from __future__ import annotations

import pytest

from transform.entities import recognize_entities

HOF = "place:geonames:2902768"


def _places(text: str, language: str = "en") -> set[str]:
    return {
        m.entity.key for m in recognize_entities("", text, language) if m.entity.kind == "place"
    }


@pytest.mark.parametrize(
    "text",
    [
        "Thieves drained a kindergarten's tank in the northern Bavarian town of Hof.",
        "Thieves drained a kindergarten's tank in the German city of Hof on Sunday.",
    ],
)
def test_a_short_name_after_town_of_is_the_gazetteers_town(text: str) -> None:
    assert HOF in _places(text)


@pytest.mark.parametrize(
    "text",
    [
        # a frequent German word after "in" alone stays a word, as before
        "Thieves drained a kindergarten's tank in Hof.",
        # "of" after no settlement noun places nothing
        "The head of Hof said nothing.",
    ],
)
def test_a_short_name_without_the_settlement_noun_is_not_read(text: str) -> None:
    assert HOF not in _places(text)
