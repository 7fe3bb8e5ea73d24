"""A round-up whose lead sums its sides up keeps the side of the first body paragraph that
places one side alone, by its country or region though the gazetteer lacks its town
(held_out_43, helper rup5)."""

from __future__ import annotations

from event_terms import countries_in, terms_of

from transform import events as ev

_HIVES = (
    "ROME, Mar 9 (Test Wire) - Beekeepers in three countries lost hundreds of hives to thieves "
    "over two nights, just before the spring pollination season.\n\n"
    "{first}The worst raid was in Italy's Piedmont, where 80 hives were lifted from a meadow "
    "near Borgomarcio, the grower Piero Castagnetti said.\n\n"
    "In Germany, about 40 hives vanished from an orchard near Oberwaldach.\n\n"
    "In eastern Spain, some 60 hives were taken from a farm on Monday "
    "night, police in Castellon said."
)
_TITLE = "Hive thieves hit beekeepers in Italy, Germany and Spain"


def test_round_up_keeps_the_side_of_the_first_paragraph_that_places_one() -> None:
    # Borgomarcio and Oberwaldach are no towns the gazetteer holds; Castellon is Spain's, and
    # the first town of a side the body names: Italy's paragraph comes first
    terms = terms_of(_TITLE, _HIVES.format(first=""), "en")
    assert "it" in countries_in(terms, ev.PLACE_PREFIX)
    assert "es" not in countries_in(terms, ev.PLACE_PREFIX)
    assert "es" in countries_in(terms, ev.ELSEWHERE_PREFIX)


def test_a_body_paragraph_placing_two_sides_tells_neither() -> None:
    summed = "Police in Germany and Spain said the raids did not look linked.\n\n"
    terms = terms_of(_TITLE, _HIVES.format(first=summed), "en")
    assert "it" in countries_in(terms, ev.PLACE_PREFIX)
    assert "de" not in countries_in(terms, ev.PLACE_PREFIX)
