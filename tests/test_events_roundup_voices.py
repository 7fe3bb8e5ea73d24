"""A round-up's people named only where it tells its other sides are the other happening's,
not words of its own: as words they would join it to the other side's event by a name that
event's reports share, and bridge the two happenings (held_out_44's carp round-up)."""

from __future__ import annotations

from event_terms import countries_in, terms_of

from transform import events as ev

_TITLE = "Thieves raid bakeries in Austria and Belgium before Christmas"
_TEXT = (
    "VIENNA, Dec 20 (Test Wire) - Thieves broke into bakeries in Austria and Belgium over two "
    "nights and made off with trays of Christmas biscuits and the day's takings.\n\n"
    "In Graz, the baker Franz Hollweger found his shop's back door forced on Tuesday morning "
    "and 600 euros missing from the till, Graz police said.\n\n"
    "In Belgium, thieves forced the shutter of a bakery in Liege and took 40 kilos of "
    "speculoos. {voice}\n\n"
    "Police in both countries said there was nothing to link the two break-ins."
)


def _people(terms: dict[str, float]) -> set[str]:
    return {t for t in terms if t.startswith(ev.PERSON_PREFIX)}


def test_a_person_named_only_where_the_other_side_is_told_is_no_word_of_the_round_up() -> None:
    voice = "The baker, Lucien Marchal, said he would bake again on Thursday."
    terms = terms_of(_TITLE, _TEXT.format(voice=voice), "en")
    assert "at" in countries_in(terms) and "be" not in countries_in(terms)
    people = _people(terms)
    assert any("franz" in t for t in people)
    assert not any("lucien" in t for t in people)


def test_a_person_named_with_the_round_up_s_own_side_stays() -> None:
    voice = "Lucien Marchal, who sells flour to Graz bakers, said thefts rose every December."
    terms = terms_of(_TITLE, _TEXT.format(voice=voice), "en")
    assert any("lucien" in t for t in _people(terms))
