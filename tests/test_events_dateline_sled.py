"""A town the dateline names and then only a paragraph telling of another happening names
(held_out_44's sledging round-up, filed from Freiburg, helper sled): the bureau's and the
other happening's, no place of the report's own."""

from __future__ import annotations

from event_terms import countries_in, terms_of

from transform import events as ev

_TITLE = "Boy badly hurt as sledge hits tree at French ski resort"
_LEAD = (
    "GENEVA, Jan 5 (Coast Wire) - A nine-year-old boy was badly hurt on Wednesday when his "
    "sledge hit a tree on a slope above Annecy in the French Alps, rescuers said."
)


def test_a_dateline_town_named_again_only_about_another_happening_is_its_place() -> None:
    text = (
        f"{_LEAD}\n\nThe boy was flown to hospital in Annecy with a head injury.\n\n"
        "Hours earlier, a girl was hurt sledging above Lausanne. She is being treated in "
        "Geneva."
    )
    terms = terms_of(_TITLE, text, "en")
    assert "ch" not in countries_in(terms)
    assert "ch" in countries_in(terms, ev.ELSEWHERE_PREFIX)
    assert "fr" in countries_in(terms)


def test_a_dateline_town_named_nowhere_else_is_no_other_happenings_place() -> None:
    text = f"{_LEAD}\n\nThe boy was flown to hospital in Annecy with a head injury."
    terms = terms_of(_TITLE, text, "en")
    assert "ch" not in countries_in(terms, ev.ELSEWHERE_PREFIX)
