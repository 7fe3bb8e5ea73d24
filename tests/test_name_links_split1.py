"""Name links across languages where one report names where its people came from: a country or
town named in passing sets no report in another country (event_scoring._placed_in)."""

from __future__ import annotations

import math

import pytest
from scoring_vectors import MAIN, ONCE, POLICY, W

from transform import event_scoring as scoring
from transform import events as ev

WITTLICH = ev.entity_term("place", "place:geonames:2807240", "DE")  # some 18,000 people
GERMANY = ev.entity_term("place", "place:geonames:2921044", "DE")
LYON = ev.entity_term("place", "place:geonames:2996944", "FR")
TWICE = W * (1 + math.log(2))  # named twice in a body


def _link(french: scoring.Vector, english: scoring.Vector) -> float:
    """The name link scoring.name_links finds from a French report to the event of one
    English report (0.0 for none), each side's roles read from its own vector."""
    theirs = scoring.roles(english, W)
    links = scoring.name_links(
        french,
        "fr",
        {1: english},
        {1: "en"},
        {1: 10},
        scoring.roles(french, W),
        {1: theirs},
        {10: theirs},
    )
    return links.get(10, 0.0)


def test_a_small_town_links_reports_one_of_which_names_its_peoples_home_abroad_once() -> None:
    """A French and an English report of a lorry that overturned at Wittlich quote no one
    both; the French one says once that its driver came from Lyon. Lyon is where he lives, not
    where the lorry overturned: both reports are set in Germany alone, and the small town
    they share is as specific a setting as when neither names a place abroad."""
    english = {"lorry": 5.0, "overturned": 4.0, WITTLICH: MAIN, GERMANY: ONCE}
    french = {"camion": 5.0, "renversé": 4.0, WITTLICH: MAIN, GERMANY: ONCE, LYON: ONCE}
    assert scoring.roles(french, W).towns_twice == frozenset({WITTLICH})
    assert _link(french, english) == pytest.approx(
        ev.cosine({WITTLICH: MAIN, GERMANY: ONCE, LYON: ONCE}, {WITTLICH: MAIN, GERMANY: ONCE})
    )
    assert _link(french, english) >= POLICY.name_link_threshold


def test_a_small_town_makes_no_link_where_a_report_tells_a_town_abroad_twice() -> None:
    """A report that names a town abroad twice or more sets itself there too (a round-up of
    two lorries overturned, at Wittlich and near Lyon): the small town it shares with a report
    of one of them says nothing of which it reports."""
    english = {"lorry": 5.0, "overturned": 4.0, WITTLICH: MAIN, GERMANY: ONCE}
    roundup = {"camions": 5.0, "renversés": 4.0, WITTLICH: MAIN, GERMANY: ONCE, LYON: TWICE}
    assert _link(roundup, english) == 0.0


def test_a_report_set_nowhere_is_read_in_every_country_it_names() -> None:
    """A Spanish report on a wind turbine fallen in a Galician village the recognizer could not
    read names no main place; it names Wittlich once (another turbine fallen there) and Spain.
    Set nowhere, it may be in either country, and the small town it shares with the Wittlich
    report makes no link."""
    english = {"turbine": 5.0, "fell": 4.0, WITTLICH: MAIN, GERMANY: ONCE}
    spain = ev.entity_term("place", "place:geonames:2510769", "ES")
    spanish = {"aerogenerador": 5.0, "cayó": 4.0, WITTLICH: ONCE, spain: ONCE}
    assert scoring.roles(spanish, W).towns_twice == frozenset()
    assert _link(spanish, english) == 0.0
