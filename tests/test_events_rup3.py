"""A round-up's own side told first after a lead that sums its sides up, or by a nation's
adjective before a town the gazetteer lacks; a report that counts the happenings of its span
tells the others in paragraphs of other countries (held_out_41, helper rup3)."""

from __future__ import annotations

from event_terms import countries_in, terms_of

from transform import events as ev
from transform.entities import counts_its_span
from transform.entity_places import one_place_countries_by_adjective


def test_one_place_named_by_adjective() -> None:
    assert one_place_countries_by_adjective("In the German town of Paderborn, a", "en") == [
        (7, "DE")
    ]
    assert one_place_countries_by_adjective("the southern Austrian province of Tyrol", "en") == [
        (13, "AT")
    ]
    # a list or a plural sums places up; a boat is no place; other languages are not read
    assert one_place_countries_by_adjective("in French and German towns", "en") == []
    assert one_place_countries_by_adjective("a German fishing boat", "en") == []
    assert one_place_countries_by_adjective("dans la ville allemande de Paderborn", "fr") == []


_HAIL_SUMMED_UP = (
    "BERLIN, May 4 (Test Wire) - Hailstones the size of eggs smashed greenhouses in Germany "
    "and Spain on Monday, growers and officials said.\n\n"
    "In the German town of Paderborn, hail broke the glass roofs of four nurseries and "
    "flattened seedlings, the fire brigade said.\n\n"
    '"We lost the whole spring crop in ten minutes," a grower said.\n\n'
    "In Almeria, in southern Spain, hail tore plastic sheeting over tomato farms. Farmers in "
    "Spain asked for emergency aid."
)


def test_round_up_whose_lead_sums_up_keeps_the_side_its_body_tells_first() -> None:
    # the lead names both countries alone; Spain is named more often, Germany first after it
    terms = terms_of("Hail smashes greenhouses in Germany and Spain", _HAIL_SUMMED_UP, "en")
    assert "de" in countries_in(terms, ev.PLACE_PREFIX)
    assert "es" not in countries_in(terms, ev.PLACE_PREFIX)
    assert countries_in(terms, ev.ELSEWHERE_PREFIX) == {"es"}


_STORKS = (
    "PARIS, May 4 (Test Wire) - A stork crashed through the skylight of a bakery in the French "
    "town of Brisonnet on Sunday, hours after another landed in a school yard in Leeds, in "
    "northern England.\n\n"
    "The bird was caught by firefighters and released in a wood outside Brisonnet."
)


def test_round_up_lead_naming_a_town_by_its_nations_adjective_first() -> None:
    # the gazetteer has no Brisonnet; "the French town of" names France before Leeds
    terms = terms_of("Storks crash into shops in England and France", _STORKS, "en")
    assert "fr" in countries_in(terms, ev.PLACE_PREFIX)
    assert "gb" not in countries_in(terms, ev.PLACE_PREFIX)
    assert countries_in(terms, ev.ELSEWHERE_PREFIX) == {"gb"}


def test_an_ordinal_in_a_span_counts_the_happenings() -> None:
    assert counts_its_span("Second chlorine leak in two days shuts a Swiss pool", "en")
    assert not counts_its_span("Chlorine leak shuts a Swiss pool", "en")


_POOL = (
    "ZURICH, May 4 (Test Wire) - Chlorine leaked at a public pool in the Swiss city of "
    "Winterthur on Tuesday, sending three swimmers to hospital{count}.\n\n"
    "On Monday, a leak at a pool in Graz, Austria, sent four children to hospital.\n\n"
    "Winterthur's pool will stay closed until Friday."
)


def test_report_counting_its_span_tells_the_others_in_other_countries() -> None:
    counted = _POOL.format(count=", the second such leak at a European pool in two days")
    terms = terms_of("Chlorine leak shuts a Swiss pool", counted, "en")
    assert "at" not in countries_in(terms, ev.PLACE_PREFIX)
    assert "at" in countries_in(terms, ev.ELSEWHERE_PREFIX)
    assert "ch" in countries_in(terms, ev.PLACE_PREFIX)


def test_report_counting_nothing_keeps_its_paragraphs() -> None:
    terms = terms_of("Chlorine leak shuts a Swiss pool", _POOL.format(count=""), "en")
    assert "at" in countries_in(terms, ev.PLACE_PREFIX)
