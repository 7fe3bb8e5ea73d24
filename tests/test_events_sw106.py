"""Strangers in one small town across languages (transform/event_scoring.py): hand-made
vectors of invented reports, no database."""

from __future__ import annotations

from scoring_vectors import MAIN, ONCE, POLICY, W

from transform import event_scoring as scoring
from transform import events as ev

ILHAVO = ev.entity_term("place", "place:geonames:2738707", "PT")  # 17,000 people
AVEIRO = ev.entity_term("place", "place:geonames:2742611", "PT")  # 8 km away
LEIPZIG = ev.entity_term("place", "place:geonames:2879139", "DE")  # 600,000 people
STUTTGART = ev.entity_term("place", "place:geonames:2825297", "DE")
# an invented regatta boat fire: the English wire quotes the harbour master, the French one
# the regatta's organiser
HARBOUR_MASTER = ev.entity_term("person", "rui tavolara", None)
ORGANISER = ev.entity_term("person", "ines calvado", None)


def test_strangers_in_one_small_town_only_where_the_shared_town_is_small() -> None:
    english = scoring.roles({ILHAVO: MAIN, HARBOUR_MASTER: ONCE}, W)
    french = scoring.roles({ILHAVO: MAIN, ORGANISER: ONCE}, W)
    assert scoring.strangers_in_one_town(english, french)  # each quotes its own voice
    assert scoring.strangers_in_one_small_town(english, french)
    in_a_city = scoring.roles({LEIPZIG: MAIN, HARBOUR_MASTER: ONCE}, W)
    other_city = scoring.roles({LEIPZIG: MAIN, ORGANISER: ONCE}, W)
    assert scoring.strangers_in_one_town(in_a_city, other_city)
    assert not scoring.strangers_in_one_small_town(in_a_city, other_city)  # two happenings
    # a town no more than a setting's size in WIREHOUSE_EVENT_SPECIFIC_TOWN_POPULATION
    assert not scoring.strangers_in_one_small_town(english, french, town_population=10_000)
    quoting_both = scoring.roles({ILHAVO: MAIN, ORGANISER: ONCE, HARBOUR_MASTER: ONCE}, W)
    assert not scoring.strangers_in_one_small_town(english, quoting_both)  # no strangers
    far = scoring.roles({STUTTGART: MAIN, ORGANISER: ONCE}, W)
    assert not scoring.strangers_in_one_small_town(english, far)  # conflict's business


def test_a_small_town_one_side_is_about_and_the_other_names_is_shared() -> None:
    """The English wire is about Aveiro, where the crew were taken to hospital, naming Ílhavo
    once; the Spanish report is about Ílhavo, naming Aveiro once."""
    english = scoring.roles({AVEIRO: MAIN, ILHAVO: ONCE, HARBOUR_MASTER: ONCE}, W)
    spanish = scoring.roles({ILHAVO: MAIN, AVEIRO: ONCE, ORGANISER: ONCE}, W)
    assert scoring.strangers_in_one_small_town(english, spanish)
    aside = scoring.roles({AVEIRO: MAIN, HARBOUR_MASTER: ONCE}, W)  # Ílhavo never named
    alone = scoring.roles({ILHAVO: MAIN, ORGANISER: ONCE}, W)  # Aveiro never named
    assert scoring.strangers_in_one_town(aside, alone)  # one locality, 5 km apart
    assert not scoring.strangers_in_one_small_town(aside, alone)


def _link(vector: scoring.Vector, member: scoring.Vector, language: str) -> float:
    own, theirs = scoring.roles(vector, W), scoring.roles(member, W)
    links = scoring.name_links(
        vector, "fr", {1: member}, {1: language}, {1: 10}, own, {1: theirs}, {10: theirs}
    )
    return links.get(10, 0.0)


def test_name_links_cross_a_language_gap_in_one_small_town() -> None:
    """A French report naming the organiser and an English one naming the harbour master,
    both about Ílhavo, link on the small town they share; the strangers rule no longer stops
    the link. Two reports about Leipzig share no name rarer than the city."""
    french = {"incendie": 3.0, ILHAVO: MAIN, ORGANISER: ONCE}
    english = {"fire": 3.0, ILHAVO: MAIN, HARBOUR_MASTER: ONCE}
    assert _link(french, english, "en") >= POLICY.name_link_threshold
    assert _link(french, english, "fr") == 0.0  # one language: the words decide
    in_leipzig = {"incendie": 3.0, LEIPZIG: MAIN, ORGANISER: ONCE}
    also_leipzig = {"fire": 3.0, LEIPZIG: MAIN, HARBOUR_MASTER: ONCE}
    assert _link(in_leipzig, also_leipzig, "en") == 0.0


def test_an_event_named_across_a_language_gap_in_one_small_town_is_scored() -> None:
    """An event held apart only as strangers scores the join threshold when a member in
    another language links to the article on names in a small town; in a city it stays 0."""
    vector = {"incendie": 9.0, ILHAVO: MAIN, ORGANISER: ONCE}
    centroid = {"fire": 9.0, ILHAVO: MAIN, HARBOUR_MASTER: ONCE}
    own, event = scoring.roles(vector, W), scoring.roles(centroid, W)
    named = {10: 0.6}
    scored = scoring.score_events(vector, {}, {10: centroid}, POLICY, own, {10: event}, {}, named)
    assert scored[0][0] >= POLICY.similarity_threshold
    unnamed = scoring.score_events(vector, {}, {10: centroid}, POLICY, own, {10: event}, {}, {})
    assert unnamed == [(0.0, 10)]
    city_vector = {"incendie": 9.0, LEIPZIG: MAIN, ORGANISER: ONCE}
    city_centroid = {"fire": 9.0, LEIPZIG: MAIN, HARBOUR_MASTER: ONCE}
    city = scoring.score_events(
        city_vector,
        {},
        {10: city_centroid},
        POLICY,
        scoring.roles(city_vector, W),
        {10: scoring.roles(city_centroid, W)},
        {},
        named,
    )
    assert city == [(0.0, 10)]
