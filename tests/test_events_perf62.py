"""cost62: the story step's shortcuts give what the full readings give (invented texts only):
an event label's word forms worked out for its top words alone, and a round-up's sides not
read off a title or lead that cannot list any."""

from __future__ import annotations

import pytest

from transform import entities
from transform import events as ev

_TEXTS = [
    (
        "Quarry Blast Shakes Thornbury Valley",
        (
            "The blast at the Thornbury quarry shook houses. Thornbury residents said the "
            "blast woke them. Quarry managers at Halvercot Stone said blasting would pause."
            "\n\nBlasting resumes next week, the quarry said. Residents of Thornbury met."
        ),
    ),
    (
        "Ferry delayed after engine fault off Marrowick",
        (
            "A ferry bound for Marrowick was delayed for hours. The ferry's engines failed "
            "twice. Passengers said the Marrowick crossing was calm.\n\nEngines were repaired."
        ),
    ),
    ("Storms, storms and more storms", "storms STORMS Storms. storming storm's stormy."),
    ("", "Only a body: lanterns lit the lantern walk. Lantern makers sold lanterns."),
]


@pytest.mark.parametrize(("title", "text"), _TEXTS)
def test_forms_of_some_stems_are_those_of_every_stem(title: str, text: str) -> None:
    """:func:`ev.surface_forms` with ``stems`` gives each of them the form it has among every
    stem's, and no other stem: an event's label reads its top words' forms alone."""
    every = ev.surface_forms(title, text)
    stems = sorted(every)
    for size in range(len(stems) + 1):
        for offset in range(0, len(stems), 3):
            wanted = stems[offset : offset + size]
            some = ev.surface_forms(title, text, stems=wanted)
            assert some == {s: every[s] for s in wanted}
            assert ev.readable(wanted, some) == ev.readable(wanted, every)
    assert ev.surface_forms(title, text, stems=["zzqx"]) == {}


def _mentions(title: str, text: str) -> list[entities.EntityMention]:
    return entities.recognize_entities(title, text, "en", None)


def test_a_lead_placed_in_one_country_is_not_read_for_sides() -> None:
    """A report whose places lie in one country lists no sides of two countries: its lead's
    mentions are not read for them (the recognizer's costliest reading of the step)."""
    title = "Flooding closes roads"
    lead_text = "Flooding closed roads in Leeds and Bradford on Monday, police said."
    mentions = _mentions(title, lead_text)
    countries = {m.entity.country_code for m in mentions if m.entity.kind == "place"}
    assert len(countries - {None, ""}) < 2
    lead = entities.TextReading(lead_text, "en")
    body = entities.TextReading("Crews pumped water all night.", "en")
    assert ev._lead_sides_told_apart(mentions, lead, body) == []
    assert "found" not in vars(lead)


def test_a_lead_of_two_countries_is_still_read_for_sides() -> None:
    """A lead naming places of two countries is read as before: the shortcut spares only
    reports that cannot list sides."""
    title = "Water pipes burst"
    lead_text = "Water pipes burst in public buildings in Germany and Spain, officials said."
    mentions = _mentions(title, lead_text)
    lead = entities.TextReading(lead_text, "en")
    body = entities.TextReading(
        "In the German spa town of Gerolstein, a school flooded.\n\n"
        "In Avila, in central Spain, a museum closed.",
        "en",
    )
    found = ev._lead_sides_told_apart(mentions, lead, body)
    assert "found" in vars(lead)
    assert found == [] or len({m.entity.country_code for m in found}) > 1
