"""A name every reading of which is a town named otherwise ("Levi", among the other names of
Lévis, Quebec) is the small town of that very own name in the country the article points to
(held_out_45: the Lapland ski village read as Lévis)."""

from __future__ import annotations

from transform.entities import recognize_entities

LAPLAND = (
    "ROVANIEMI, Feb 3 (Test Wire) - Two Dutch hikers were hurt by a falling branch near the "
    "village of Levi in Finnish Lapland, police in Rovaniemi said on Tuesday.\n\n"
    "Both were taken to hospital in Rovaniemi. The trail near Levi was closed."
)
QUEBEC = (
    "MONTREAL, Feb 3 (Test Wire) - A bus carrying 30 pupils slid off an icy road near Levi "
    "on Tuesday, Quebec provincial police said. Four pupils were taken to hospital in Levi."
)


def _levi(title: str, text: str) -> set[str | None]:
    return {
        m.entity.country_code
        for m in recognize_entities(title, text, "en")
        if m.entity.kind == "place" and m.entity.name.casefold().startswith(("levi", "lévis"))
    }


def test_a_town_named_otherwise_is_the_village_of_that_own_name_at_home() -> None:
    assert _levi("Hikers hurt near Levi", LAPLAND) == {"FI"}


def test_an_article_pointing_to_the_readings_country_keeps_it() -> None:
    assert _levi("Ice halts Quebec ferry", QUEBEC) == {"CA"}
