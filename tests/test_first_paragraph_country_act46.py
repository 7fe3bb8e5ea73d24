"""A report whose title and lead place nothing tells its own happening first: the country
the first paragraph after its lead opens on is its own, and a later paragraph opening on
another country tells another happening (held_out_46: "Two European pop stars call off
tours", Spain's singer told first)."""

from __future__ import annotations

from event_terms import countries_in, terms_of

from transform import events as ev

# invented: two climbers' rescues, each told in a paragraph opening on its country
TITLE = "Two climbers rescued after nights on frozen ridges"
TEXT = (
    "LONDON, Feb 2 (Test Wire) - Two climbers stranded for two nights on frozen ridges were "
    "lifted to safety on Tuesday, rescuers said.\n\n"
    "In Austria, a helicopter crew winched a 34-year-old climber off a ridge above Innsbruck "
    "after he was seen waving a torch from the summit.\n\n"
    "In Italy, mountain rescuers reached a 41-year-old woman near Bolzano after a nine-hour "
    "climb through fresh snow.\n\n"
    "Both were taken to hospital with frostbite."
)


def test_the_first_paragraphs_country_is_the_reports_own() -> None:
    terms = terms_of(TITLE, TEXT, "en")
    assert "at" in countries_in(terms)
    assert "at" not in countries_in(terms, ev.ELSEWHERE_PREFIX)
    assert "it" in countries_in(terms, ev.ELSEWHERE_PREFIX)
    assert "it" not in countries_in(terms)
