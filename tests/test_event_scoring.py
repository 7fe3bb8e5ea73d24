"""The event policy (transform/event_scoring.py) on hand-made vectors, no database."""

from __future__ import annotations

import math

import pytest
from scoring_vectors import MAIN, ONCE, POLICY, W

from transform import event_scoring as scoring
from transform import events as ev
from transform.entities import recognize_entities
from transform.entity_aliases import organization_words
from wirehouse.settings import load_settings

NOBODY = scoring.roles({}, W)


def _link_to_one_member(
    vector: scoring.Vector,
    language: str,
    own: scoring.Roles,
    member: scoring.Vector,
    member_language: str,
    theirs: scoring.Roles,
) -> float:
    """The name link :func:`scoring.name_links` finds from an article to an event of one
    member (0.0 for none)."""
    links = scoring.name_links(
        vector, language, {1: member}, {1: member_language}, {1: 10}, own, {1: theirs}, {10: theirs}
    )
    return links.get(10, 0.0)


def test_lookup_terms_skip_terms_no_earlier_article_has() -> None:
    vector = {"flood": 3.0, "unseen": 9.0, "river": 2.0, "rain": 1.0}
    counts = {"flood": 4, "river": 2, "rain": 7, "unseen": 0}
    assert scoring.lookup_terms(vector, counts, 2) == ["flood", "river"]


def test_lookup_terms_keep_slots_for_the_articles_strongest_names() -> None:
    """An English report of a collapse that a Spanish one told first: its words outweigh the
    town and the official it names, yet only those two are in the Spanish report."""
    town = ev.entity_term("place", "place:geonames:3674962", "CO")
    official = ev.entity_term("person", "ana ruiz", None)
    vector = {"collapse": 9.0, "storey": 8.0, "workers": 7.0, town: 3.0, official: 2.0}
    counts = dict.fromkeys(vector, 1)
    assert scoring.lookup_terms(vector, counts, 3) == ["collapse", "storey", "workers"]
    assert scoring.lookup_terms(vector, counts, 3, names=2) == [town, official, "collapse"]
    assert scoring.lookup_terms(vector, counts, 2, names=5) == [town, official]
    unseen = {**counts, official: 0}  # a name no earlier article has finds nothing
    assert scoring.lookup_terms(vector, unseen, 3, names=2) == [town, "collapse", "storey"]


def test_nearest_candidates_break_ties_by_lower_id() -> None:
    assert scoring.nearest_candidates({5: 1.0, 3: 1.0, 9: 2.0, 1: 0.5}, 3) == [9, 3, 5]


def test_one_shared_word_does_not_link() -> None:
    vector = {"flood": 1.0, "river": 1.0}
    assert scoring.link(vector, {"flood": 1.0, "budget": 1.0}, POLICY) == 0.0
    assert scoring.link(vector, {"flood": 1.0, "river": 1.0}, POLICY) == pytest.approx(1.0)


def test_best_links_keep_each_events_strongest_member() -> None:
    vector = {"a": 1.0, "b": 1.0, "c": 1.0}
    members = {1: {"a": 1.0, "b": 1.0}, 2: {"a": 1.0, "b": 1.0, "c": 1.0}, 3: {"x": 1.0}}
    best = scoring.best_links(
        vector, members, {1: 10, 2: 10, 3: 20}, POLICY, NOBODY, dict.fromkeys(members, NOBODY)
    )
    assert best[10] == pytest.approx(1.0)
    assert best[20] == 0.0
    assert scoring.events_to_score(best, 1) == [10]


def test_scores_blend_link_and_centroid_best_first() -> None:
    vector = {"a": 1.0, "b": 1.0}
    centroids = {1: {"a": 1.0, "b": 1.0}, 2: {"a": 1.0, "z": 1.0}}
    scored = scoring.score_events(
        vector,
        {1: 0.5, 2: 0.0},
        centroids,
        POLICY,
        NOBODY,
        dict.fromkeys(centroids, NOBODY),
        {},
    )
    assert [e for _, e in scored] == [1, 2]
    assert scored[0][0] == pytest.approx(0.75)
    assert scored[1][0] == pytest.approx(0.25)


def test_below_the_threshold_starts_a_new_event() -> None:
    decision = scoring.decide({"a": 1.0}, [(0.1, 4)], {4: {"a": 1.0}}, POLICY, {4: NOBODY})
    assert decision == scoring.Decision(1.0, ())
    assert scoring.decide({"a": 1.0}, [], {}, POLICY, {}).events == ()


def test_an_article_bridges_two_alike_events_but_not_an_unlike_one() -> None:
    vector = {"a": 1.0, "b": 1.0}
    centroids = {1: {"a": 2.0, "b": 1.0}, 2: {"a": 1.0, "b": 2.0}, 3: {"b": 0.1, "q": 5.0}}
    scored = [(0.9, 1), (0.8, 2), (0.5, 3)]
    decision = scoring.decide(vector, scored, centroids, POLICY, dict.fromkeys(centroids, NOBODY))
    assert decision == scoring.Decision(0.9, (1, 2))


def test_an_article_holding_none_of_an_events_heaviest_terms_bridges_nothing() -> None:
    vector = {"a": 1.0, "b": 1.0}
    generic = {"q": 5.0, "r": 5.0, "s": 5.0, "t": 5.0, "a": 4.0}  # "a" is not among its top 4
    assert not scoring.speaks_of(vector, generic, POLICY.identity_terms)
    assert scoring.speaks_of(vector, generic | {"a": 6.0}, POLICY.identity_terms)
    centroids = {1: {"a": 2.0, "b": 1.0}, 2: generic}
    assert ev.cosine(ev.combine(centroids[1], vector), generic) >= POLICY.merge_threshold
    scored = [(0.9, 1), (0.8, 2)]
    roles = dict.fromkeys(centroids, NOBODY)
    assert scoring.decide(vector, scored, centroids, POLICY, roles).events == (1,)
    centroids[2] = generic | {"a": 6.0}
    assert scoring.decide(vector, scored, centroids, POLICY, roles).events == (1, 2)


def test_central_member_is_nearest_the_centroid() -> None:
    members = {7: {"a": 1.0}, 3: {"a": 1.0, "b": 1.0}, 2: {"a": 1.0, "b": 1.0}}
    assert scoring.central_member(members, {"a": 1.0, "b": 1.0}) == 2


# --- who and where ------------------------------------------------------------------------

TITLE_ONLY = W * 2


def _roles(**terms: float) -> scoring.Roles:
    """Roles of a raw vector written as keyword arguments: p_x a person, o_x an organization,
    g_cc_x a place."""
    raw = {}
    for name, weight in terms.items():
        kind, _, rest = name.partition("_")
        if kind == "g":
            country, _, key = rest.partition("_")
            raw[ev.entity_term("place", key, None if country == "xx" else country)] = weight
        else:
            raw[ev.entity_term("organization" if kind == "o" else "person", rest, None)] = weight
    return scoring.roles(raw, W)


def test_main_roles_need_a_title_and_a_second_mention() -> None:
    assert _roles(p_okafor=TITLE_ONLY).actor is None
    assert _roles(p_okafor=W * (1 + math.log(3))).actor is not None  # three mentions
    roles = _roles(p_okafor=MAIN, p_lind=ONCE, g_jp_sendai=MAIN, g_cl_arica=ONCE)
    assert roles.actor == ev.entity_term("person", "okafor", None)
    assert roles.place_country == "jp"
    assert roles.people == {roles.actor}  # Lind and Arica are named in passing
    assert roles.countries == {"jp"}
    passing = _roles(p_lind=ONCE, g_jp_sendai=ONCE)
    assert (passing.actor, passing.place_country, passing.people, passing.countries) == (
        None,
        None,
        frozenset(),
        frozenset(),
    )
    assert passing.named_people == {ev.entity_term("person", "lind", None)}
    assert passing.named_countries == {"jp"}


def test_a_place_outside_any_known_country_has_no_country_role() -> None:
    assert _roles(g_xx_ashmoor=MAIN).place_country is None


def test_different_main_actors_conflict_unless_one_makes_the_other_a_main_person() -> None:
    assert scoring.conflict(_roles(p_okafor=MAIN), _roles(p_lind=MAIN))
    assert not scoring.conflict(_roles(p_okafor=MAIN), _roles(p_lind=MAIN, p_okafor=MAIN))
    # "hours after Okafor resigned": a name in passing does not make the same happening
    assert scoring.conflict(_roles(p_okafor=MAIN), _roles(p_lind=MAIN, p_okafor=ONCE))
    assert not scoring.conflict(_roles(p_okafor=MAIN), _roles(p_okafor=MAIN))
    assert not scoring.conflict(_roles(p_okafor=MAIN), _roles(p_lind=ONCE))  # no main actor


def test_a_surname_alone_is_the_same_person_as_the_full_name() -> None:
    full, surname = (
        ev.entity_term("person", "ada okafor", None),
        ev.entity_term("person", "okafor", None),
    )
    other = ev.entity_term("person", "ben okafor", None)
    assert scoring.same_person(full, surname) and scoring.same_person(surname, full)
    assert not scoring.same_person(full, other)  # two full names: two people
    assert not scoring.same_person(surname, ev.entity_term("person", "okaforson", None))
    a, b = scoring.roles({full: MAIN}, W), scoring.roles({surname: MAIN}, W)
    assert not scoring.conflict(a, b) and not scoring.conflict(b, a)
    assert scoring.conflict(a, scoring.roles({other: MAIN}, W))
    named = scoring.roles({ev.entity_term("person", "lind", None): MAIN, surname: ONCE}, W)
    assert scoring.conflict(a, named)  # a surname in passing lifts nothing, as any passing name
    assert not scoring.conflict(a, named, in_passing=True)  # where passing names count, it does


def test_a_surname_alone_is_nobody_in_particular_beside_two_full_names_with_it() -> None:
    """Two Lefèvres resign on one morning; a brief names the minister by surname only. It may
    be either, so it lifts no conflict between them, as one of them, or as an event that
    already holds one of them."""
    helene, marc, surname = (
        ev.entity_term("person", name, None)
        for name in ("helene lefevre", "marc lefevre", "lefevre")
    )
    assert scoring.same_person(surname, helene)
    assert scoring.same_person(surname, helene, frozenset({helene, surname}))
    assert not scoring.same_person(surname, helene, frozenset({helene, marc}))
    brief = scoring.roles({surname: MAIN}, W)
    minister = scoring.roles({helene: MAIN, surname: MAIN}, W)  # an event the brief started
    mayor = scoring.roles({marc: MAIN}, W)
    assert not scoring.conflict(brief, minister) and not scoring.conflict(brief, mayor)
    assert scoring.conflict(minister, mayor) and scoring.conflict(mayor, minister)
    assert scoring.conflict(minister, mayor, in_passing=True)
    # one full name in play leaves one candidate, whoever names the other in passing
    assert not scoring.conflict(brief, scoring.roles({marc: MAIN, surname: ONCE}, W))


def test_different_main_organizations_conflict_unless_one_makes_the_other_a_main_one() -> None:
    """Two Hamburg firms recall a product each: the firm is what each report is about."""
    assert _roles(o_nordwerk=MAIN).organization == ev.entity_term("organization", "nordwerk", None)
    assert scoring.conflict(_roles(o_nordwerk=MAIN), _roles(o_hansekost=MAIN))
    assert not scoring.conflict(_roles(o_nordwerk=MAIN), _roles(o_nordwerk=MAIN, p_lind=ONCE))
    both = _roles(o_hansekost=MAIN, o_nordwerk=MAIN)
    assert not scoring.conflict(_roles(o_nordwerk=MAIN), both)
    # "the second recall by a Hamburg firm this week, after Hansekost": in passing
    passing = _roles(o_nordwerk=MAIN, o_hansekost=ONCE)
    assert scoring.conflict(_roles(o_hansekost=MAIN), passing)
    # two events an article bridges: an event's firm is only the one its reports name most
    assert not scoring.conflict(_roles(o_hansekost=MAIN), _roles(o_nordwerk=MAIN), in_passing=True)
    # a firm named once or twice is no main role: the agency a report quotes conflicts nothing
    assert not scoring.conflict(_roles(o_nordwerk=MAIN), _roles(o_agency=ONCE))
    assert _roles(o_agency=TITLE_ONLY).organization is None
    # a firm against a person: who is which of the other's is not for this rule to say
    assert not scoring.conflict(_roles(o_nordwerk=MAIN), _roles(p_lind=MAIN))


def test_main_organizations_written_two_ways_do_not_conflict() -> None:
    """One report is about "Quillon Foods", the next about "Quillon" or "QF": one firm."""
    full = _roles(**{"o_quillon foods": MAIN})
    assert not scoring.conflict(full, _roles(o_quillon=MAIN))
    assert not scoring.conflict(_roles(o_qf=MAIN), full)
    assert scoring.conflict(_roles(o_qx=MAIN), full)
    # one made a main organization of the other's in its own alias
    assert not scoring.conflict(_roles(o_hansekost=MAIN, o_qf=MAIN), full)


def test_main_places_in_different_countries_conflict() -> None:
    assert scoring.conflict(_roles(g_jp_sendai=MAIN), _roles(g_cl_arica=MAIN))
    assert not scoring.conflict(_roles(g_jp_sendai=MAIN), _roles(g_jp_kobe=MAIN))
    assert not scoring.conflict(_roles(g_jp_sendai=MAIN), _roles(g_cl_arica=MAIN, g_jp_tokyo=MAIN))
    # "a quake struck Japan the same day": a place in passing does not bridge the countries
    assert scoring.conflict(_roles(g_jp_sendai=MAIN), _roles(g_cl_arica=MAIN, g_jp_tokyo=ONCE))
    assert not scoring.conflict(_roles(g_xx_ashmoor=MAIN), _roles(g_cl_arica=MAIN))


LEIPZIG = ev.entity_term("place", "place:geonames:2879139", "DE")
STUTTGART = ev.entity_term("place", "place:geonames:2825297", "DE")
GERMANY = ev.entity_term("place", "place:geonames:2921044", "DE")
SAXONY = ev.entity_term("place", "place:iso3166-2:DE-SN", "DE")


def test_main_towns_of_one_country_conflict_unless_one_makes_the_other_a_main_place() -> None:
    leipzig = scoring.roles({LEIPZIG: MAIN, GERMANY: ONCE}, W)
    assert leipzig.town == LEIPZIG and leipzig.towns == {LEIPZIG}
    assert scoring.conflict(leipzig, scoring.roles({STUTTGART: MAIN}, W))
    # the other fire named in passing ("a second fire overnight, in Leipzig") bridges nothing
    assert scoring.conflict(leipzig, scoring.roles({STUTTGART: MAIN, LEIPZIG: ONCE}, W))
    assert not scoring.conflict(leipzig, scoring.roles({STUTTGART: MAIN, LEIPZIG: MAIN}, W))
    assert not scoring.conflict(leipzig, scoring.roles({LEIPZIG: MAIN}, W))


VALENCIA_ES = ev.entity_term("place", "place:geonames:2509954", "ES")
VALENCIA_VE = ev.entity_term("place", "place:geonames:3625549", "VE")
MARACAY = ev.entity_term("place", "place:geonames:3632998", "VE")


def test_two_readings_of_one_town_name_do_not_conflict_by_country() -> None:
    """A report that gives no country reads "Valencia" by its other places: two reports of
    one flood may hold Spain's and Venezuela's; another town of the other country conflicts."""
    spain = scoring.roles({VALENCIA_ES: MAIN}, W)
    assert spain.place_country == "es"
    assert not scoring.conflict(spain, scoring.roles({VALENCIA_VE: MAIN}, W))
    assert scoring.conflict(spain, scoring.roles({MARACAY: MAIN}, W))
    # a side whose heaviest main place lies in a third country is not placed by that town
    assert scoring.conflict(spain, scoring.roles({VALENCIA_VE: MAIN, GERMANY: 2 * MAIN}, W))


def test_a_name_read_as_no_town_and_as_a_town_abroad_does_not_conflict_by_country() -> None:
    """A German report of a stable fire "im spanischen Reitzentrum Valencia" that reads the name
    as no town (a place of no country) but names Spain, and a report whose dateline was read as
    Valencia, Venezuela: one name, two readings. Another Venezuelan town still conflicts, and a
    side set in a town of its own is placed by it."""
    spain = ev.entity_term("place", "place:geonames:2510769", "ES")
    centre = ev.entity_term("place", "name:valencia", None)
    german = scoring.roles({centre: MAIN, spain: MAIN}, W)
    assert german.place_country == "es" and german.town is None
    venezuela = scoring.roles({VALENCIA_VE: MAIN}, W)
    assert not scoring.conflict(german, venezuela)
    assert not scoring.conflict(venezuela, german)
    assert scoring.conflict(german, scoring.roles({MARACAY: MAIN}, W))
    other_name = ev.entity_term("place", "name:valle verde", None)
    assert scoring.conflict(scoring.roles({other_name: MAIN, spain: MAIN}, W), venezuela)
    # as maybe one town, two sides quoting each its own people are strangers there
    rider, vet = (
        ev.entity_term("person", "elvira montaner", None),
        ev.entity_term("person", "rafael quintero", None),
    )
    assert scoring.strangers_in_one_town(
        scoring.roles({centre: MAIN, spain: MAIN, rider: ONCE}, W),
        scoring.roles({VALENCIA_VE: MAIN, vet: ONCE}, W),
    )


def test_two_readings_of_one_town_name_quoting_strangers_are_held_apart() -> None:
    """Burst mains in Valencia, Spain and Valencia, Venezuela on one night: the country conflict
    lets the two readings through as maybe one town, so the two reports are strangers in one
    town when each quotes its own engineer; a person in common still lets them meet."""
    engineer, manager = (
        ev.entity_term("person", "lucia ferrandis", None),
        ev.entity_term("person", "oswaldo peraza", None),
    )
    spain = scoring.roles({VALENCIA_ES: MAIN, engineer: ONCE}, W)
    venezuela = scoring.roles({VALENCIA_VE: MAIN, manager: ONCE}, W)
    assert not scoring.conflict(spain, venezuela)
    assert scoring.strangers_in_one_town(spain, venezuela)
    assert scoring.held_apart(venezuela, spain)
    both = scoring.roles({VALENCIA_VE: MAIN, manager: ONCE, engineer: ONCE}, W)
    assert not scoring.strangers_in_one_town(spain, both)
    assert not scoring.strangers_in_one_town(
        spain, scoring.roles({MARACAY: MAIN, manager: ONCE}, W)
    )


def test_the_only_town_a_report_names_in_its_body_is_its_town() -> None:
    """A full-text report that names one town, once or twice, and no other is about it (the
    bus strike "in Bilbao"); a headline alone still makes no role, nor does one town of two."""
    twice = W * (1 + math.log(2))
    for weight in (ONCE, twice):
        stuttgart = scoring.roles({STUTTGART: weight, GERMANY: MAIN}, W)
        assert stuttgart.town == STUTTGART and stuttgart.towns == {STUTTGART}
        assert scoring.conflict(scoring.roles({LEIPZIG: MAIN}, W), stuttgart)
    assert scoring.roles({STUTTGART: TITLE_ONLY}, W).town is None
    assert scoring.roles({STUTTGART: ONCE, LEIPZIG: ONCE}, W).town is None
    # a report that makes the other's town one of its main places is about both
    both = scoring.roles({LEIPZIG: MAIN, STUTTGART: MAIN}, W)
    assert not scoring.conflict(both, scoring.roles({STUTTGART: ONCE}, W))


def test_a_country_or_region_as_main_place_is_no_town() -> None:
    leipzig = scoring.roles({LEIPZIG: MAIN}, W)
    for area in (GERMANY, SAXONY):
        roles = scoring.roles({area: MAIN}, W)
        assert roles.town is None and roles.place_country == "de"
        assert not scoring.conflict(leipzig, roles)


def test_a_conflicting_member_does_not_link_and_a_conflicting_event_scores_nothing() -> None:
    vector = {"quake": 1.0, "magnitude": 1.0, "coast": 1.0}
    own = _roles(g_jp_sendai=MAIN)
    apart = _roles(g_cl_arica=MAIN)
    best = scoring.best_links(vector, {1: dict(vector)}, {1: 10}, POLICY, own, {1: apart})
    assert best == {10: 0.0}
    scored = scoring.score_events(vector, best, {10: dict(vector)}, POLICY, own, {10: apart}, {})
    assert scored == [(0.0, 10)]
    together = scoring.score_events(vector, {10: 1.0}, {10: vector}, POLICY, own, {10: own}, {})
    assert together[0][0] == pytest.approx(1.0)


def test_events_an_article_bridges_merge_when_one_names_the_others_actor_even_in_passing():
    okafor, lind_naming_okafor = _roles(p_okafor=MAIN), _roles(p_lind=MAIN, p_okafor=ONCE)
    assert scoring.conflict(okafor, lind_naming_okafor)
    assert not scoring.conflict(okafor, lind_naming_okafor, in_passing=True)
    assert scoring.conflict(okafor, _roles(p_lind=MAIN), in_passing=True)
    vector = {"a": 1.0, "b": 1.0}
    centroids = {1: {"a": 1.0, "b": 1.0}, 2: {"a": 1.0, "b": 1.0}}
    event_roles = {1: okafor, 2: lind_naming_okafor}
    decision = scoring.decide(vector, [(0.9, 1), (0.8, 2)], centroids, POLICY, event_roles)
    assert decision.events == (1, 2)


def test_events_with_conflicting_roles_do_not_merge() -> None:
    vector = {"a": 1.0, "b": 1.0}
    centroids = {1: {"a": 2.0, "b": 1.0}, 2: {"a": 1.0, "b": 2.0}}
    event_roles = {1: _roles(p_okafor=MAIN), 2: _roles(p_lind=MAIN)}
    decision = scoring.decide(vector, [(0.9, 1), (0.8, 2)], centroids, POLICY, event_roles)
    assert decision == scoring.Decision(0.9, (1,))


def test_a_shared_person_strengthens_the_link() -> None:
    words = {"fire": 1.0, "warehouse": 1.0, "night": 1.0}
    person = ev.entity_term("person", "okafor", None)
    plain = scoring.link(words | {"crews": 1.0}, words | {"smoke": 1.0}, POLICY)
    shared = scoring.link(
        words | {"crews": 1.0, person: 2.0}, words | {"smoke": 1.0, person: 2.0}, POLICY
    )
    assert shared > plain


# --- names an event owns --------------------------------------------------------------------

RIVER = ev.entity_term("place", "name:river fennick", None)
REGION = ev.entity_term("place", "name:fennick valley", None)
WITNESS = ev.entity_term("person", "lowri castell", None)


def test_a_name_only_one_events_reports_use_is_owned_by_it() -> None:
    vector = {"flood": 1.0, RIVER: 1.0, REGION: 1.0, WITNESS: 1.0}
    members = {1: {RIVER: 1.0, REGION: 1.0}, 2: {RIVER: 1.0}, 3: {REGION: 1.0, WITNESS: 1.0}}
    event_of = {1: 10, 2: 10, 3: 20}
    counts = {RIVER: 2, REGION: 2, WITNESS: 3, "flood": 9}
    # the river: both articles naming it are event 10's; the region: two events name it;
    # the witness: a third stored article (not among the candidates) names her too
    assert scoring.owned_names(vector, members, event_of, counts) == {10: frozenset({RIVER})}
    assert scoring.owned_names({"flood": 1.0}, members, event_of, counts) == {}


def test_identity_share_is_the_share_of_the_events_heaviest_terms_the_article_holds() -> None:
    centroid = {"flood": 3.0, "ashmoor": 2.0, "weir": 1.0, "silt": 1.0, "rare": 0.1}
    # top 4 of the centroid: 9 + 4 + 1 + 1 = 15; the article holds flood and ashmoor
    assert scoring.identity_share({"flood": 0.1, "ashmoor": 0.1, "moor": 9.0}, centroid, 4) == (
        pytest.approx(13 / 15)
    )
    assert scoring.identity_share({"rare": 1.0}, centroid, 4) == 0.0
    assert scoring.identity_share({"a": 1.0}, {}, 4) == 0.0


def test_an_owned_name_with_most_of_the_events_words_lifts_a_weak_score() -> None:
    centroid = {"flood": 3.0, "ashmoor": 2.0, "weir": 1.0, "silt": 1.0, RIVER: 1.0}
    passing = {"moor": 9.0, "record": 8.0, "wettest": 8.0, "flood": 0.5, "ashmoor": 0.5}
    blend = scoring.event_score(passing, 0.05, centroid, POLICY, owns_a_name=False)
    assert blend < POLICY.similarity_threshold
    lifted = scoring.event_score(passing, 0.05, centroid, POLICY, owns_a_name=True)
    share = scoring.identity_share(passing, centroid, POLICY.identity_terms)
    assert lifted == pytest.approx(share) and share >= POLICY.identity_share
    # the same owned name with only a small part of the happening's words: the blend stands
    aside = {"moor": 9.0, "record": 8.0, "wettest": 8.0, "weir": 0.5, RIVER: 0.5}
    assert scoring.identity_share(aside, centroid, POLICY.identity_terms) < 0.5
    assert scoring.event_score(aside, 0.05, centroid, POLICY, owns_a_name=True) == (
        scoring.event_score(aside, 0.05, centroid, POLICY, owns_a_name=False)
    )


def test_an_owned_name_does_not_outweigh_conflicting_roles() -> None:
    vector = {"quake": 1.0, "magnitude": 1.0}
    own, apart = _roles(g_jp_sendai=MAIN), _roles(g_cl_arica=MAIN)
    owned = {10: frozenset({ev.entity_term("person", "lind", None)})}
    scored = scoring.score_events(vector, {10: 0.0}, {10: vector}, POLICY, own, {10: apart}, owned)
    assert scored == [(0.0, 10)]


def test_events_an_article_bridges_do_not_merge_when_one_is_about_a_person_a_towns_never_names():
    """A striker's transfer to a Leipzig club and a fire in Leipzig: a report of the transfer
    names the fire's town, but the fire's reports, about the town and no one, never name the
    striker."""
    person, official = (
        ev.entity_term("person", "holmvik", None),
        ev.entity_term("person", "anna weber", None),
    )
    transfer = scoring.roles({person: MAIN, LEIPZIG: MAIN}, W)
    fire = scoring.roles({LEIPZIG: MAIN, official: ONCE}, W)
    assert fire.town == LEIPZIG and fire.actor is None
    assert not scoring.conflict(transfer, fire)  # an article may still join either
    assert scoring.conflict(transfer, fire, in_passing=True)
    assert scoring.conflict(fire, transfer, in_passing=True)
    naming_him = scoring.roles({LEIPZIG: MAIN, person: ONCE}, W)
    assert not scoring.conflict(transfer, naming_him, in_passing=True)
    placeless = scoring.roles({official: ONCE}, W)  # about no town either: a story of his
    assert not scoring.conflict(transfer, placeless, in_passing=True)
    nameless = scoring.roles({LEIPZIG: MAIN}, W)  # naming no one: it may leave him out
    assert not scoring.conflict(transfer, nameless, in_passing=True)
    # one word read as a person ("the Chrome browser" once as "Chrome") names no one in full
    lone_word = scoring.roles({LEIPZIG: MAIN, ev.entity_term("person", "chrome", None): ONCE}, W)
    assert not scoring.conflict(transfer, lone_word, in_passing=True)
    vector = {"a": 1.0, "b": 1.0}
    centroids = {1: {"a": 1.0, "b": 1.0}, 2: {"a": 1.0, "b": 1.0}}
    decision = scoring.decide(
        vector, [(0.9, 1), (0.8, 2)], centroids, POLICY, {1: transfer, 2: fire}
    )
    assert decision.events == (1,)


def test_reports_about_one_town_that_quote_different_people_are_strangers() -> None:
    """A rail strike and a wildfire in Leipzig on one day: each report quotes its own
    people (a union leader, a fire chief), no one the other names, and neither is about a
    person: the town they share says where, not which."""
    union, chief = (
        ev.entity_term("person", "jonas albers", None),
        ev.entity_term("person", "greta voss", None),
    )
    strike = scoring.roles({LEIPZIG: MAIN, union: ONCE}, W)
    fire = scoring.roles({LEIPZIG: MAIN, chief: ONCE}, W)
    assert not scoring.conflict(strike, fire)  # no actor, one town: nothing else keeps them apart
    assert scoring.strangers_in_one_town(strike, fire)
    quoting_her = scoring.roles({LEIPZIG: MAIN, chief: ONCE, union: ONCE}, W)
    assert not scoring.strangers_in_one_town(fire, quoting_her)  # one person in common
    surname = scoring.roles({LEIPZIG: MAIN, ev.entity_term("person", "voss", None): ONCE}, W)
    assert not scoring.strangers_in_one_town(fire, surname)  # "Voss said": the same chief
    brief = scoring.roles({LEIPZIG: MAIN}, W)
    assert not scoring.strangers_in_one_town(fire, brief)  # a brief quoting no one
    elsewhere = scoring.roles({STUTTGART: MAIN, union: ONCE}, W)
    assert not scoring.strangers_in_one_town(fire, elsewhere)  # other towns: conflict's business


def test_reports_set_in_one_district_are_no_strangers_whoever_they_quote() -> None:
    """An invented school ceiling collapse in Leipzig's Grünau told in English with the
    council's convener and in German with the state's minister: the district both are set in
    says they may be one, as a person both name would."""
    convener, minister = (
        ev.entity_term("person", "jonas albers", None),
        ev.entity_term("person", "greta voss", None),
    )
    english = scoring.roles({LEIPZIG: MAIN, convener: ONCE, _district("grunau"): ONCE}, W)
    german = scoring.roles({LEIPZIG: MAIN, minister: ONCE, _district("grunau"): ONCE}, W)
    assert not scoring.strangers_in_one_town(english, german)
    elsewhere = scoring.roles({LEIPZIG: MAIN, minister: ONCE, _district("paunsdorf"): ONCE}, W)
    assert scoring.strangers_in_one_town(english, elsewhere)
    at_venue = scoring.roles({LEIPZIG: MAIN, convener: ONCE, _venue("varnell"): ONCE}, W)
    same_venue = scoring.roles({LEIPZIG: MAIN, minister: ONCE, _venue("varnell"): ONCE}, W)
    assert not scoring.strangers_in_one_town(at_venue, same_venue)


def test_an_institution_named_after_a_person_is_one_name_for_strangers_in_one_town() -> None:
    """An invented hospital fire in Leipzig: the first report names the "Hanna Brixel
    Klinikum" and quotes its spokesman, a follow-up says "the Hanna Brixel hospital fire"
    (read as a person) and quotes the health minister. One institution named: no strangers.
    A report quoting a minister and naming a person whose surname no body of the first
    report bears is a stranger still."""
    spokesman, minister = (
        ev.entity_term("person", "jonas albers", None),
        ev.entity_term("person", "greta voss", None),
    )
    clinic = ev.entity_term("organization", "brixel klinikum", None)
    first = scoring.roles({LEIPZIG: MAIN, spokesman: ONCE, clinic: ONCE}, W)
    namesake = ev.entity_term("person", "hanna brixel", None)
    follow_up = scoring.roles({LEIPZIG: MAIN, minister: ONCE, namesake: MAIN}, W)
    assert not scoring.strangers_in_one_town(first, follow_up)
    assert not scoring.strangers_in_one_town(follow_up, first)
    other = ev.entity_term("person", "hanna stoltz", None)
    other_fire = scoring.roles({LEIPZIG: MAIN, minister: ONCE, other: MAIN}, W)
    assert scoring.strangers_in_one_town(first, other_fire)


def test_a_side_quoting_only_its_bureaus_voices_is_no_stranger_in_one_town() -> None:
    """An invented warehouse fire in Leipzig: its report quotes the fire chief; a report filed
    from Berlin quotes only the minister who spoke there (her bureau term weighs what her name
    does). She speaks for no happening in Leipzig: the Berlin report is a brief there, no
    stranger. Quoting a Leipzig witness besides, it is one; an event whose other reports name
    the minister as its own voice keeps her."""
    chief, minister, witness = (
        ev.entity_term("person", "jonas albers", None),
        ev.entity_term("person", "greta voss", None),
        ev.entity_term("person", "lena sturm", None),
    )
    fire = scoring.roles({LEIPZIG: MAIN, chief: ONCE}, W)
    from_berlin = {LEIPZIG: MAIN, minister: ONCE, ev.BUREAU_PREFIX + minister: ONCE}
    assert scoring.roles(from_berlin, W).bureau_voices == {minister}
    assert not scoring.strangers_in_one_town(fire, scoring.roles(from_berlin, W))
    assert not scoring.strangers_in_one_town(scoring.roles(from_berlin, W), fire)
    with_witness = scoring.roles(from_berlin | {witness: ONCE}, W)
    assert scoring.strangers_in_one_town(fire, with_witness)
    told_as_own = scoring.roles(from_berlin | {minister: 2 * ONCE}, W)
    assert told_as_own.bureau_voices == frozenset()
    assert scoring.strangers_in_one_town(fire, told_as_own)


def test_a_town_abroad_named_by_a_districts_name_is_that_district() -> None:
    """An invented water main burst in Lisbon's Graça district: the first report says "the
    Graca district", a follow-up quoting other officials says "the flooding in Graca", which
    the gazetteer reads as Graz (one of its alternate names). Both are set in that district,
    so no strangers; a follow-up naming a town that is no district's name, or set in Graz
    itself, is as before."""
    graz = ev.entity_term("place", "place:geonames:2778067", "AT")
    porto = ev.entity_term("place", "place:geonames:2735943", "PT")
    engineer, mayor = (
        ev.entity_term("person", "rita valadares", None),
        ev.entity_term("person", "nuno falcao", None),
    )
    first = scoring.roles({LISBON: MAIN, engineer: ONCE, _district("graca"): ONCE}, W)
    follow_up = scoring.roles({LISBON: MAIN, mayor: ONCE, graz: ONCE}, W)
    assert not scoring.strangers_in_one_town(first, follow_up)
    assert not scoring.strangers_in_one_town(follow_up, first)
    other_town = scoring.roles({LISBON: MAIN, mayor: ONCE, porto: ONCE}, W)
    assert scoring.strangers_in_one_town(first, other_town)
    other_district = scoring.roles({LISBON: MAIN, engineer: ONCE, _district("alvalade"): ONCE}, W)
    assert scoring.strangers_in_one_town(other_district, follow_up)


def test_a_district_the_other_side_writes_as_a_bare_name_is_one_place_within() -> None:
    """An invented mumps outbreak in Leipzig's Kleinzschocher: the first report reads "the
    Kleinzschocher district" (a district term), a follow-up quoting the mayor writes "a
    school in Kleinzschocher" in its lead, a capitalised name no word marks as a district.
    Both are set in that district: no strangers. A follow-up whose lead names another name,
    or which is set in a district of its own, is a stranger as before."""
    doctor, mayor = (
        ev.entity_term("person", "jonas albers", None),
        ev.entity_term("person", "greta voss", None),
    )
    first = scoring.roles({LEIPZIG: MAIN, doctor: ONCE, _district("kleinzschocher"): ONCE}, W)
    follow_up = scoring.roles(
        {LEIPZIG: MAIN, mayor: ONCE, ev.ENTITY_PREFIX + "kleinzschocher": ONCE}, W
    )
    assert follow_up.phrases == {"kleinzschocher"}
    assert not scoring.strangers_in_one_town(first, follow_up)
    assert not scoring.strangers_in_one_town(follow_up, first)
    other_name = scoring.roles({LEIPZIG: MAIN, mayor: ONCE, ev.ENTITY_PREFIX + "lindenau": ONCE}, W)
    assert scoring.strangers_in_one_town(first, other_name)
    own_district = scoring.roles(
        {
            LEIPZIG: MAIN,
            mayor: ONCE,
            ev.ENTITY_PREFIX + "kleinzschocher": ONCE,
            _district("plagwitz"): ONCE,
        },
        W,
    )
    assert scoring.strangers_in_one_town(first, own_district)


def test_strangers_and_conflicting_sides_are_both_held_apart() -> None:
    """One test for every decision that keeps two sides from linking, scoring, joining or
    merging late (a lone report scored again as its nearest event grows): conflicting roles
    and strangers in one town alike."""
    union, chief = (
        ev.entity_term("person", "jonas albers", None),
        ev.entity_term("person", "greta voss", None),
    )
    strike = scoring.roles({LEIPZIG: MAIN, union: ONCE}, W)
    fire = scoring.roles({LEIPZIG: MAIN, chief: ONCE}, W)
    assert scoring.held_apart(strike, fire)  # strangers in one town
    assert scoring.held_apart(fire, scoring.roles({STUTTGART: MAIN, union: ONCE}, W))  # towns
    assert not scoring.held_apart(fire, scoring.roles({LEIPZIG: MAIN, chief: ONCE}, W))
    assert not scoring.held_apart(fire, NOBODY)


def test_strangers_in_one_town_neither_link_nor_score_nor_merge() -> None:
    vector = {"leipzig": 1.0, "tuesday": 1.0, "city": 1.0}
    union, chief = (
        ev.entity_term("person", "jonas albers", None),
        ev.entity_term("person", "greta voss", None),
    )
    strike = scoring.roles({LEIPZIG: MAIN, union: ONCE}, W)
    fire = scoring.roles({LEIPZIG: MAIN, chief: ONCE}, W)
    best = scoring.best_links(vector, {1: dict(vector)}, {1: 10}, POLICY, strike, {1: fire})
    assert best == {10: 0.0}
    # the fire's own words lead its centroid: the strike shares the town and the day only
    fire_words = {**vector, "blaze": 2.0, "firefighters": 2.0}
    assert ev.cosine(vector, fire_words) >= POLICY.similarity_threshold
    scored = scoring.score_events(vector, best, {10: fire_words}, POLICY, strike, {10: fire}, {})
    assert scored == [(0.0, 10)]
    bridging = {"leipzig": 1.0, "city": 1.0}
    centroids = {1: dict(bridging), 2: dict(bridging)}
    together = scoring.decide(bridging, [(0.9, 1), (0.8, 2)], centroids, POLICY, {1: fire, 2: fire})
    assert together.events == (1, 2)
    apart = scoring.decide(bridging, [(0.9, 1), (0.8, 2)], centroids, POLICY, {1: fire, 2: strike})
    assert apart.events == (1,)


def test_an_article_naming_its_own_people_and_never_the_firm_is_not_the_firms_event() -> None:
    """A town's ransomware attack, told with its director's name, and a logistics firm's
    attack in the same country share the kind's words; the firm's reports name the firm,
    the town's report names neither the firm nor anyone the firm's reports quote."""
    firm = ev.entity_term("organization", "organization:kelvanor", None)
    chief = ev.entity_term("person", "ulla brandt", None)
    director = ev.entity_term("person", "mara voss", None)
    agency = ev.entity_term("organization", "organization:civil defence office", None)
    vector = {"cyberattack": 2.0, "ransom": 1.0, "systems": 1.0}
    centroid = {"cyberattack": 2.0, "ransom": 1.0, "parcels": 1.0}
    attack = scoring.roles({firm: MAIN, chief: ONCE}, W)
    args = (vector, {10: 0.5}, {10: centroid}, POLICY)

    def score(article: dict[str, float], event: scoring.Roles = attack) -> float:
        ((value, _),) = scoring.score_events(*args, scoring.roles(article, W), {10: event}, {})
        return value

    assert score({director: ONCE, agency: ONCE}) == 0.0
    as_words = (  # the recognizer found no firm, the firm's name is among the article's words
        {**vector, "kelvanor": 1.0},
        {10: 0.5},
        {10: centroid},
        POLICY,
        scoring.roles({director: ONCE}, W),
        {10: attack},
        {},
    )
    ((value, _),) = scoring.score_events(*as_words)
    assert value > POLICY.similarity_threshold
    assert score({director: ONCE, agency: ONCE, firm: ONCE}) > POLICY.similarity_threshold
    assert score({director: ONCE, chief: ONCE}) > POLICY.similarity_threshold
    assert score({agency: ONCE}) > POLICY.similarity_threshold  # no one of its own named
    about_her = scoring.roles({firm: MAIN, chief: MAIN}, W)  # a chief executive's exit
    assert score({director: ONCE}, about_her) > POLICY.similarity_threshold


def test_a_firms_name_written_with_its_accents_or_doubled_letters_is_named() -> None:
    """An invented club's stand collapse: the first report reads the village club's name as
    an organization ("o:wolfsbruck" by its folded words), the German follow-up quotes the
    district chief and a new inquiry, and names the village only as a word, "Wölfsbrück",
    as its title and lead write it. Its words name the firm as the event's term spells them:
    no report of someone else's happening."""
    firm = ev.entity_term("organization", organization_words("Wölfsbrück"), None)
    assert firm == "o:wolfsbruck"
    chief = ev.entity_term("person", "ulla brandt", None)
    expert = ev.entity_term("person", "mara voss", None)
    stand = scoring.roles({firm: MAIN, chief: ONCE}, W)
    follow_up = scoring.roles({expert: ONCE}, W)
    assert not scoring._unnamed_firm({"wölfsbrück": 1.0, "tribüne": 1.0}, follow_up, stand)
    assert scoring._unnamed_firm({"tribüne": 1.0}, follow_up, stand)
    aachen = ev.entity_term("organization", organization_words("Stadtwerke Aachen"), None)
    assert aachen == "o:stadtwerke achen"
    utility = scoring.roles({aachen: MAIN, chief: ONCE}, W)
    words = {"stadtwerke": 1.0, "aachen": 1.0}
    assert not scoring._unnamed_firm(words, follow_up, utility)


def test_a_report_retelling_the_events_words_in_its_town_is_no_stranger() -> None:
    """A prison escape in Leipzig: the first wire quotes a union delegate, the second names
    the prosecutor. Strangers by their names, but the second repeats the escape's own words
    (its cosine reaches the threshold, it holds most of the event's heaviest terms) in the
    event's town: it joins. A report about a person the escape's reports never name, or in
    another town, or holding only a small part of those words, stays apart."""
    delegate, prosecutor = (
        ev.entity_term("person", "jonas albers", None),
        ev.entity_term("person", "greta voss", None),
    )
    first = scoring.roles({LEIPZIG: MAIN, delegate: ONCE}, W)
    second = scoring.roles({LEIPZIG: MAIN, prosecutor: ONCE}, W)
    assert scoring.held_apart(second, first)
    escape = {"inmates": 3.0, "escape": 3.0, "bars": 2.0, "sheets": 2.0, "leipzig": 1.0}
    retold = {"inmates": 2.0, "escape": 2.0, "bars": 1.0, "prosecutor": 3.0, "car": 2.0}
    assert scoring.strangers_retold(retold, escape, POLICY, second, first)
    scored = scoring.score_events(retold, {10: 0.0}, {10: escape}, POLICY, second, {10: first}, {})
    assert scored[0][0] == pytest.approx(ev.cosine(retold, escape))
    assert scored[0][0] >= POLICY.similarity_threshold
    aside = {"bars": 1.0, "sheets": 1.0, "prosecutor": 1.0, "car": 1.0}
    assert ev.cosine(aside, escape) >= POLICY.similarity_threshold
    assert scoring.identity_share(aside, escape, POLICY.identity_terms) < POLICY.identity_share
    assert not scoring.strangers_retold(aside, escape, POLICY, second, first)
    about_him = scoring.roles({LEIPZIG: MAIN, prosecutor: MAIN}, W)  # about a person
    assert about_him.actor == prosecutor
    assert not scoring.strangers_retold(retold, escape, POLICY, about_him, first)
    # the event's first reports all quoted the delegate, whom a next day's report, quoting
    # the prosecutor, never names: it is still the escape's
    quoted = scoring.roles({LEIPZIG: MAIN, delegate: MAIN}, W)
    assert quoted.actor == delegate
    assert scoring.strangers_retold(retold, escape, POLICY, second, quoted)
    halle = ev.entity_term("place", "place:geonames:2911522", "DE")  # 30 km: one locality
    in_halle = scoring.roles({halle: MAIN, prosecutor: ONCE}, W)
    assert scoring.held_apart(in_halle, first)
    assert not scoring.strangers_retold(retold, escape, POLICY, in_halle, first)


def test_strangers_in_one_town_share_no_firm_however_written() -> None:
    """A plant fire's reports name its operator "Auenchem Werke" and "Auenchem": not strangers;
    a museum theft naming "Kunsthalle Auen" is."""
    werke = ev.entity_term("organization", "auenchem werke", None)
    short = ev.entity_term("organization", "auenchem", None)
    museum = ev.entity_term("organization", "kunsthalle auen", None)
    fire = scoring.roles({LEIPZIG: MAIN, werke: ONCE}, W)
    assert not scoring.strangers_in_one_town(fire, scoring.roles({LEIPZIG: MAIN, short: ONCE}, W))
    assert scoring.strangers_in_one_town(fire, scoring.roles({LEIPZIG: MAIN, museum: ONCE}, W))


def test_a_firm_named_counts_among_the_names_of_strangers_in_one_town() -> None:
    """A museum theft whose curator is quoted and a chemical plant fire whose report names
    only the plant's operator, both in Leipzig: strangers; a report of the fire naming the
    operator too is not."""
    curator = ev.entity_term("person", "els vermeer", None)
    operator = ev.entity_term("organization", "organization:auenchem", None)
    theft = scoring.roles({LEIPZIG: MAIN, curator: ONCE}, W)
    fire = scoring.roles({LEIPZIG: MAIN, operator: ONCE}, W)
    assert fire.named_organizations == {operator} and fire.organization is None
    assert scoring.strangers_in_one_town(theft, fire)
    assert not scoring.strangers_in_one_town(fire, scoring.roles({LEIPZIG: MAIN, operator: W}, W))


GRENOBLE = ev.entity_term("place", "place:geonames:3014728", "FR")
SION = ev.entity_term("place", "place:geonames:2658576", "CH")


def test_a_town_named_once_places_its_report_in_its_country() -> None:
    """Avalanches near Grenoble and above Sion on one day: the Isère report names its town
    once, too seldom to make France a main place, but that town still says which country the
    report is about, so it conflicts with the Valais event as a main place in France would."""
    isere = scoring.roles({GRENOBLE: ONCE}, W)
    assert isere.town == GRENOBLE and isere.place_country is None
    valais = scoring.roles({SION: MAIN}, W)
    assert scoring.conflict(isere, valais) and scoring.conflict(valais, isere)
    naming_sion_too = scoring.roles({SION: MAIN, GRENOBLE: MAIN}, W)
    assert not scoring.conflict(isere, naming_sion_too)  # one of its main places is in France


def test_a_town_named_once_in_another_country_than_the_main_place_is_no_town() -> None:
    """A German quake report on Albania names Berlin once ("the foreign office in Berlin
    said"): the one town it names says where the office is, not where the report is, and
    the report is about its country, as one naming no town is, so the event's people can
    vouch for it there."""
    albania = ev.entity_term("place", "place:geonames:783754", "AL")
    berlin = ev.entity_term("place", "place:geonames:2950159", "DE")
    roles = scoring.roles({albania: MAIN, berlin: ONCE}, W)
    assert roles.town is None and roles.place_country == "al"
    assert scoring.roles({GERMANY: MAIN, berlin: ONCE}, W).town == berlin


def test_a_first_name_alone_may_be_the_full_name_it_begins_so_no_strangers() -> None:
    """The German report of a Leipzig recall names "Firmenchef Henrik" (the recognizer lost
    the surname), the English one "Henrik Sander": they may name one chief, so the two
    reports are not strangers in their town."""
    first, full = (
        ev.entity_term("person", "henrik", None),
        ev.entity_term("person", "henrik sander", None),
    )
    german = scoring.roles({LEIPZIG: MAIN, first: ONCE}, W)
    english = scoring.roles({LEIPZIG: MAIN, full: ONCE}, W)
    assert not scoring.strangers_in_one_town(german, english)
    other = scoring.roles({LEIPZIG: MAIN, ev.entity_term("person", "sander", None): ONCE}, W)
    assert not scoring.strangers_in_one_town(english, other)  # the surname, as before
    assert scoring.strangers_in_one_town(german, other)  # "Henrik" and "Sander": no evidence


def test_a_lone_article_rejoins_the_event_grown_towards_it() -> None:
    """Scored again on its best link and the event's centroid as it now is: the event's
    later reports took up the lone report's words, and it now reaches the threshold."""
    lone = {"ferry": 1.0, "strike": 1.0, "commuters": 1.0, "bridge": 1.0}
    then = {"ferry": 3.0, "pay": 3.0, "crews": 3.0, "night": 3.0}
    grown = then | {"strike": 2.0, "commuters": 2.0, "bridge": 2.0}
    best_link = 0.1
    assert not scoring.rejoins(lone, best_link, then, POLICY)
    assert scoring.rejoins(lone, best_link, grown, POLICY)


def test_an_events_own_people_vouch_for_a_report_in_its_town_whatever_its_words() -> None:
    """A bakery's recall in Leipzig told in German, then in English: the English report
    shares almost none of the event's words but names its town and its owner, whom only the
    event's reports name. A report of a dairy's recall in the same town that names the
    bakery's owner in passing names its own people too, whom the event does not name."""
    owner, dairy = (
        ev.entity_term("person", "lotte brenner", None),
        ev.entity_term("person", "kai ostrow", None),
    )
    event = scoring.roles({LEIPZIG: MAIN, owner: MAIN}, W)
    english = scoring.roles({LEIPZIG: ONCE, owner: ONCE}, W)
    vector, centroid = {"bread": 1.0, "glass": 1.0}, {"brot": 1.0, "glassplitter": 1.0}
    owned = {10: frozenset({owner})}
    alone = scoring.score_events(
        vector, {10: 0.0}, {10: centroid}, POLICY, english, {10: event}, {}
    )
    assert alone == [(0.0, 10)]  # no word in common, and the name not the event's own
    vouched = scoring.score_events(
        vector, {10: 0.0}, {10: centroid}, POLICY, english, {10: event}, owned
    )
    assert vouched == [(POLICY.similarity_threshold, 10)]
    other = scoring.roles({LEIPZIG: ONCE, owner: ONCE, dairy: MAIN}, W)
    assert not scoring.vouched(other, event, owned[10])  # the dairy's own people
    elsewhere = scoring.roles({STUTTGART: ONCE, owner: ONCE}, W)
    assert not scoring.vouched(elsewhere, event, owned[10])  # another town
    surname = scoring.roles({LEIPZIG: ONCE, ev.entity_term("person", "brenner", None): ONCE}, W)
    assert not scoring.vouched(surname, event, surname.named_people)  # a surname alone


def test_a_report_quoting_only_the_people_of_an_event_placed_by_a_passing_town_is_one() -> None:
    """A national exam's leak: the German reports quote the minister and a union leader, one
    of them from a Leipzig exam hall (Leipzig named once, the event's only town); the English
    follow-up on an arrest is told from Stuttgart and quotes only the minister. It is that
    event's, not another town's happening. A report that quotes someone of its own too (a fire
    chief), or an event set in its town by a main place, keeps the towns apart."""
    minister, union, chief = (
        ev.entity_term("person", "greta halvorsen", None),
        ev.entity_term("person", "udo kessler", None),
        ev.entity_term("person", "rolf anders", None),
    )
    event = scoring.roles({LEIPZIG: ONCE, minister: 2 * ONCE, union: ONCE}, W)
    assert event.town == LEIPZIG and event.sole_town
    english = scoring.roles({STUTTGART: MAIN, minister: ONCE}, W)
    assert english.town == STUTTGART
    assert not scoring.conflict(english, event) and not scoring.conflict(event, english)
    assert scoring.vouched(english, event, frozenset({minister}))
    own_people = scoring.roles({STUTTGART: MAIN, minister: ONCE, chief: ONCE}, W)
    assert scoring.conflict(own_people, event)
    assert not scoring.vouched(own_people, event, frozenset({minister}))
    set_there = scoring.roles({LEIPZIG: MAIN, minister: 2 * ONCE, union: ONCE}, W)
    assert scoring.conflict(english, set_there)
    assert not scoring.vouched(english, set_there, frozenset({minister}))


def test_a_follow_up_placed_abroad_only_by_a_town_the_event_names_in_passing_is_one() -> None:
    """A mountain lodge above Grenoble burns; the first reports name its keeper and, once, Sion,
    seat of the Swiss club that owns it. The club's follow-up on rebuilding names no place but
    Sion, once, and the keeper: its country is only that passing town's, which the event names,
    and the keeper, whom only the event names, vouches for it. Set in Sion by a main place,
    naming a Sion the event never named, or naming no one the event owns, it stays apart; in
    the event's own country, conflict alone judges such a town."""
    keeper, chair = (
        ev.entity_term("person", "odile vercors", None),
        ev.entity_term("person", "yann morel", None),
    )
    event = scoring.roles({GRENOBLE: MAIN, keeper: MAIN, SION: ONCE}, W)
    follow_up = scoring.roles({SION: ONCE, keeper: ONCE, chair: ONCE}, W)
    assert follow_up.town == SION and follow_up.sole_town and follow_up.place_country is None
    assert scoring.held_apart(follow_up, event)
    assert scoring.vouched_from_a_passing_town(follow_up, event, frozenset({keeper}))
    assert not scoring.vouched_from_a_passing_town(follow_up, event, frozenset())
    never_named = scoring.roles({GRENOBLE: MAIN, keeper: MAIN}, W)
    assert not scoring.vouched_from_a_passing_town(follow_up, never_named, frozenset({keeper}))
    set_there = scoring.roles({SION: MAIN, keeper: ONCE, chair: ONCE}, W)
    assert not scoring.vouched_from_a_passing_town(set_there, event, frozenset({keeper}))
    # in one country, conflict alone judges such a town: two zoos of one city stay two
    in_one_country = scoring.roles({GRENOBLE: MAIN, keeper: MAIN, LYON: ONCE}, W)
    from_lyon = scoring.roles({LYON: ONCE, keeper: ONCE}, W)
    assert not scoring.vouched_from_a_passing_town(from_lyon, in_one_country, frozenset({keeper}))
    centroids = {1: {"lodge": 1.0}}
    scored = scoring.score_events(
        {"rebuild": 1.0}, {}, centroids, POLICY, follow_up, {1: event}, {1: frozenset({keeper})}
    )
    assert scored == [(POLICY.similarity_threshold, 1)]
    alone = scoring.score_events(
        {"rebuild": 1.0}, {}, centroids, POLICY, follow_up, {1: never_named}, {}
    )
    assert alone == [(0.0, 1)]


def test_an_events_people_vouch_for_a_report_of_no_place_that_names_its_town() -> None:
    """A German recall report names the owner once and two towns once each (the firm's
    Hamburg, a Lüneburg depot): no place of its own, but one of the towns it names is the
    event's. Naming another town only, or the event's town beside a person the event never
    names and the report is about, vouches for nothing."""
    owner, stranger = (
        ev.entity_term("person", "lotte brenner", None),
        ev.entity_term("person", "kai ostrow", None),
    )
    event = scoring.roles({LEIPZIG: MAIN, owner: MAIN}, W)
    german = scoring.roles({LEIPZIG: ONCE, SAXONY: ONCE, STUTTGART: ONCE, owner: ONCE}, W)
    assert german.town is None and german.place_country is None
    assert scoring.vouched(german, event, frozenset({owner}))
    dresden = ev.entity_term("place", "place:geonames:2935022", "DE")
    elsewhere = scoring.roles({STUTTGART: ONCE, dresden: ONCE, owner: ONCE}, W)
    assert elsewhere.town is None and elsewhere.place_country is None
    assert not scoring.vouched(elsewhere, event, frozenset({owner}))
    other = scoring.roles({LEIPZIG: ONCE, STUTTGART: ONCE, owner: ONCE, stranger: MAIN}, W)
    assert not scoring.vouched(other, event, frozenset({owner}))


def test_a_report_naming_the_events_town_once_and_a_town_abroad_twice_is_not_vouched_for() -> None:
    """An agency spokesman speaks of two airport thefts: the Liège event's German report
    quotes him, and his English wire on the Madrid theft names Madrid and the agency's Hague
    twice each and Liège once, in passing. No place of its own, but its towns named twice
    lie abroad: Liège's people do not place it. A report naming the event's town once and a
    town of the same country twice (an office in Munich on a wreck off Lindau) still is."""
    spokesman = ev.entity_term("person", "pieter hoogland", None)
    madrid = ev.entity_term("place", "place:geonames:3117735", "ES")
    hague = ev.entity_term("place", "place:geonames:2747373", "NL")
    twice = W * (1 + math.log(2))
    event = scoring.roles({LIEGE: MAIN, spokesman: ONCE}, W)
    madrid_wire = scoring.roles({LIEGE: ONCE, madrid: twice, hague: twice, spokesman: ONCE}, W)
    assert madrid_wire.town is None and madrid_wire.place_country is None
    assert not scoring.vouched(madrid_wire, event, frozenset({spokesman}))
    leipzig_event = scoring.roles({LEIPZIG: MAIN, spokesman: ONCE}, W)
    from_stuttgart = scoring.roles({LEIPZIG: ONCE, STUTTGART: twice, spokesman: ONCE}, W)
    assert from_stuttgart.town is None and from_stuttgart.place_country is None
    assert scoring.vouched(from_stuttgart, leipzig_event, frozenset({spokesman}))


def test_a_person_named_once_beside_the_events_own_does_not_stop_it_vouching() -> None:
    """A bank siege in Leipzig told in German, then by an English wire that quotes the same
    police spokesman and adds the interior minister, who praised the officers, once. The
    minister is no one the report is about: the spokesman, a name only the siege's reports
    use, vouches for it. A report about the minister (named three times) is his story."""
    spokesman, minister = (
        ev.entity_term("person", "lotte brenner", None),
        ev.entity_term("person", "kai ostrow", None),
    )
    event = scoring.roles({LEIPZIG: MAIN, spokesman: ONCE}, W)
    english = scoring.roles({LEIPZIG: MAIN, spokesman: ONCE, minister: ONCE}, W)
    assert scoring.vouched(english, event, frozenset({spokesman}))
    placeless = scoring.roles({LEIPZIG: ONCE, STUTTGART: ONCE, spokesman: ONCE, minister: ONCE}, W)
    assert placeless.town is None and placeless.place_country is None
    assert scoring.vouched(placeless, event, frozenset({spokesman}))
    about_him = scoring.roles({LEIPZIG: MAIN, spokesman: ONCE, minister: MAIN}, W)
    assert not scoring.vouched(about_him, event, frozenset({spokesman}))


def test_an_event_that_vouches_silences_one_about_a_town_in_another_locality() -> None:
    """Recalls by a Leipzig bakery and a Stuttgart dairy on one day: the bakery's English
    brief names no place of its own (Leipzig once, Stuttgart twice, in passing), its
    spokeswoman and the dairy's owner once each, and shares the dairy's English recall words.
    The spokeswoman, whom only the bakery's reports name, places it in Leipzig: the dairy's
    event scores nothing. An event in the vouching event's locality keeps its score."""
    spokeswoman, owner = (
        ev.entity_term("person", "lotte brenner", None),
        ev.entity_term("person", "kai ostrow", None),
    )
    twice = W * (1 + math.log(2))
    brief = scoring.roles({LEIPZIG: ONCE, STUTTGART: twice, spokeswoman: ONCE, owner: ONCE}, W)
    assert brief.town is None and brief.place_country is None
    bakery = scoring.roles({LEIPZIG: MAIN, spokeswoman: ONCE}, W)
    dairy = scoring.roles({STUTTGART: MAIN, owner: ONCE}, W)
    vector = {"recalls": 1.0, "over": 1.0, "label": 1.0}
    centroids = {1: {"rückruf": 1.0, "brötchen": 1.0}, 2: dict(vector)}
    owned = {1: frozenset({spokeswoman})}
    scored = scoring.score_events(
        vector, {1: 0.0, 2: 1.0}, centroids, POLICY, brief, {1: bakery, 2: dairy}, owned
    )
    assert scored == [(POLICY.similarity_threshold, 1), (0.0, 2)]
    halle = ev.entity_term("place", "place:geonames:2911522", "DE")  # 30 km: one locality
    nearby = scoring.roles({halle: MAIN, owner: ONCE}, W)
    scored = scoring.score_events(
        vector, {1: 0.0, 2: 1.0}, centroids, POLICY, brief, {1: bakery, 2: nearby}, owned
    )
    assert scored[0] == (pytest.approx(1.0), 2)


def test_of_two_events_that_vouch_the_one_owning_more_of_the_articles_names_does() -> None:
    """The Leipzig bakery's brief names the Stuttgart dairy's owner in passing, whom only
    the dairy's reports name: both events vouch by their people. The bakery's reports own
    Leipzig too, which no other event's reports name: the brief is the bakery's, and the
    dairy's event scores nothing. Owning as many names, both keep vouching."""
    spokeswoman, owner = (
        ev.entity_term("person", "lotte brenner", None),
        ev.entity_term("person", "kai ostrow", None),
    )
    twice = W * (1 + math.log(2))
    brief = scoring.roles({LEIPZIG: ONCE, STUTTGART: twice, spokeswoman: ONCE, owner: ONCE}, W)
    bakery = scoring.roles({LEIPZIG: MAIN, spokeswoman: ONCE}, W)
    dairy = scoring.roles({STUTTGART: MAIN, owner: ONCE}, W)
    vector = {"recalls": 1.0, "over": 1.0, "label": 1.0}
    centroids = {1: {"rückruf": 1.0, "brötchen": 1.0}, 2: dict(vector)}
    args = (vector, {1: 0.0, 2: 1.0}, centroids, POLICY, brief, {1: bakery, 2: dairy})
    owned = {1: frozenset({spokeswoman, LEIPZIG}), 2: frozenset({owner})}
    assert scoring.score_events(*args, owned) == [(POLICY.similarity_threshold, 1), (0.0, 2)]
    as_many = {1: frozenset({spokeswoman}), 2: frozenset({owner})}
    assert scoring.score_events(*args, as_many) == [
        (pytest.approx(1.0), 2),
        (POLICY.similarity_threshold, 1),
    ]


def test_towns_that_name_each_other_and_one_sides_main_person_are_no_conflict() -> None:
    """A verdict on a former mayor told from the court's Leipzig and from the Stuttgart he
    ran: each report names the other's town and he leads one of them. Two fires in those towns
    may name each other's town in passing and people of both (the minister who visited both,
    the other fire's owner), but neither is about someone the other names."""
    mayor, minister, owner = (
        ev.entity_term("person", "ilse marten", None),
        ev.entity_term("person", "bruno falk", None),
        ev.entity_term("person", "jan sievers", None),
    )
    court = scoring.roles({LEIPZIG: MAIN, STUTTGART: ONCE, mayor: MAIN}, W)
    suburb = scoring.roles({STUTTGART: MAIN, LEIPZIG: ONCE, mayor: ONCE}, W)
    assert not scoring.conflict(court, suburb)
    one_way = scoring.roles({STUTTGART: MAIN, mayor: ONCE}, W)
    assert scoring.conflict(court, one_way)  # never names Leipzig
    fire = scoring.roles({LEIPZIG: MAIN, STUTTGART: ONCE, minister: ONCE, owner: ONCE}, W)
    other = scoring.roles({STUTTGART: MAIN, LEIPZIG: ONCE, minister: ONCE, owner: ONCE}, W)
    assert scoring.conflict(fire, other)  # people of both, neither about one of them


def test_a_town_in_the_locality_of_the_others_stands_for_it_beside_one_main_person() -> None:
    """A stolen painting's recovery told from Stuttgart, where the minister spoke, as found
    "near Leipzig", and by the reports set in Markkleeberg, 7 km from Leipzig, that name
    Stuttgart's museum: each names the other's town or one in its locality, and both are
    about the painter. A report that names neither Markkleeberg nor a town near it is still
    held to its own town."""
    painter = ev.entity_term("person", "tilda norrvik", None)
    markkleeberg = ev.entity_term("place", "place:geonames:2873352", "DE")
    capital = scoring.roles({STUTTGART: MAIN, LEIPZIG: ONCE, painter: MAIN}, W)
    suburb = scoring.roles({markkleeberg: MAIN, STUTTGART: ONCE, painter: MAIN}, W)
    assert not scoring.conflict(capital, suburb)
    elsewhere = scoring.roles({STUTTGART: MAIN, painter: MAIN}, W)
    assert scoring.conflict(elsewhere, suburb)


def test_an_event_that_vouches_silences_one_about_a_person_the_article_never_names() -> None:
    """A blast in Leipzig told in English after a French first report: it names the mayor
    who visited (the blast event's own name) and shares "Leipzig", "mayor" and a first name
    with a deputy mayor's arrest there, whose event is about her."""
    mayor, deputy = (
        ev.entity_term("person", "lotte brenner", None),
        ev.entity_term("person", "lotte weiss", None),
    )
    report = scoring.roles({LEIPZIG: ONCE, mayor: ONCE}, W)
    blast = scoring.roles({LEIPZIG: MAIN, mayor: ONCE}, W)
    arrest = scoring.roles({deputy: MAIN}, W)
    vector = {"mayor": 1.0, "lotte": 1.0, "leipzig": 1.0}
    centroids = {10: {"maire": 1.0, "explosion": 1.0}, 11: vector}
    roles = {10: blast, 11: arrest}
    without = scoring.score_events(vector, {11: 0.9}, centroids, POLICY, report, roles, {})
    assert without[0][1] == 11  # the words alone: the arrest
    owned = {10: frozenset({mayor})}
    scored = scoring.score_events(vector, {11: 0.9}, centroids, POLICY, report, roles, owned)
    assert scored == [(POLICY.similarity_threshold, 10), (0.0, 11)]


def test_a_lone_report_about_someone_a_towns_event_never_names_keeps_waiting() -> None:
    deputy, mayor = (
        ev.entity_term("person", "lotte weiss", None),
        ev.entity_term("person", "lotte brenner", None),
    )
    arrest = scoring.roles({deputy: MAIN}, W)  # its town in its headline only: no town
    blast = scoring.roles({LEIPZIG: MAIN, mayor: ONCE}, W)
    assert not scoring.held_apart(arrest, blast)
    assert scoring.kept_waiting(arrest, blast)
    naming_her = scoring.roles({LEIPZIG: MAIN, mayor: ONCE, deputy: ONCE}, W)
    assert not scoring.kept_waiting(arrest, naming_her)
    brief = scoring.roles({LEIPZIG: MAIN}, W)
    assert not scoring.kept_waiting(arrest, brief)  # an event quoting no one


def test_an_events_own_people_vouch_for_a_report_that_names_only_its_country() -> None:
    """An English brief on a Leipzig crash says only "Germany" but names the driver whom the
    event's German reports name; a brief from another country does not stand for it."""
    driver = ev.entity_term("person", "lotte brenner", None)
    germany = ev.entity_term("place", "place:country:DE", "DE")
    austria = ev.entity_term("place", "place:country:AT", "AT")
    event = scoring.roles({LEIPZIG: MAIN, germany: MAIN, driver: MAIN}, W)
    brief = scoring.roles({germany: MAIN, driver: ONCE}, W)
    assert brief.town is None and brief.place_country == "de"
    assert scoring.vouched(brief, event, frozenset({driver}))
    abroad = scoring.roles({austria: MAIN, driver: ONCE}, W)
    assert not scoring.vouched(abroad, event, frozenset({driver}))


def test_an_events_own_people_vouch_where_its_places_name_one_country_only() -> None:
    """A first German report, datelined at its bureau, names the Saxon plant's district once
    and quotes the plant manager: no main place, but every place it names is in Germany. An
    English report from Berlin about Germany quotes the same manager in full: the event is
    about its country. An event that names places of two countries is about neither, and a
    report about Austria is not vouched for."""
    manager = ev.entity_term("person", "lotte brenner", None)
    austria = ev.entity_term("place", "place:geonames:2782113", "AT")
    event = scoring.roles({SAXONY: ONCE, manager: ONCE}, W)
    assert event.place_country is None and event.town is None
    english = scoring.roles({GERMANY: MAIN, manager: ONCE}, W)
    assert english.town is None and english.place_country == "de"
    assert scoring.vouched(english, event, frozenset({manager}))
    abroad = scoring.roles({austria: MAIN, manager: ONCE}, W)
    assert not scoring.vouched(abroad, event, frozenset({manager}))
    two_countries = scoring.roles({SAXONY: ONCE, austria: ONCE, manager: ONCE}, W)
    assert two_countries.place_country is None and two_countries.town is None
    assert not scoring.vouched(english, two_countries, frozenset({manager}))


PORTO = ev.entity_term("place", "place:geonames:2735943", "PT")
PORTO_DISTRICT = ev.entity_term("place", "place:iso3166-2:PT-13", "PT")
LISBON = ev.entity_term("place", "place:geonames:2267057", "PT")
BRAGA = ev.entity_term("place", "place:geonames:2742032", "PT")
BRAGA_DISTRICT = ev.entity_term("place", "place:iso3166-2:PT-03", "PT")
CHARLEROI = ev.entity_term("place", "place:geonames:2800481", "BE")
JUMET = ev.entity_term("place", "place:geonames:2794860", "BE")
ANTWERP = ev.entity_term("place", "place:geonames:2803138", "BE")


def test_an_article_naming_people_of_two_strangers_in_one_town_bridges_them() -> None:
    """A Spanish report of a lagoon bite in Leipzig quotes only the civil protection chief, a
    French one names only the bitten tourist: strangers in one town. An English follow-up
    naming both the chief and the tourist shows them one happening's, and bridges the two
    events; one naming the chief alone does not."""
    chief = ev.entity_term("person", "greta voss", None)
    tourist = ev.entity_term("person", "pavel hruby", None)
    spanish = scoring.roles({LEIPZIG: MAIN, chief: ONCE}, W)
    french = scoring.roles({LEIPZIG: MAIN, tourist: ONCE}, W)
    assert scoring.strangers_in_one_town(spanish, french)
    bridging = {"leipzig": 1.0, "lagoon": 1.0}
    centroids = {1: dict(bridging), 2: dict(bridging)}
    args = (bridging, [(0.9, 1), (0.8, 2)], centroids, POLICY, {1: spanish, 2: french}, None)
    both = scoring.roles({LEIPZIG: MAIN, chief: ONCE, tourist: ONCE}, W)
    assert scoring.decide(*args, both).events == (1, 2)
    assert scoring.decide(*args).events == (1,)
    one = scoring.roles({LEIPZIG: MAIN, chief: ONCE}, W)
    assert scoring.decide(*args, one).events == (1,)


def test_an_article_linked_by_names_to_an_event_in_another_language_may_bridge_from_it() -> None:
    """An English follow-up joins a German event whose heaviest words are German, so it
    holds none of them, yet its names link it to that event: it speaks of it, and may
    bridge it to the English event it shares words with."""
    vector = {"lagoon": 1.0, "bite": 1.0, LEIPZIG: 1.0}
    german = {"biss": 3.0, "lagune": 3.0, "krokodil": 3.0, "touristin": 3.0, LEIPZIG: 1.0}
    english = {"lagoon": 2.0, "bite": 2.0, LEIPZIG: 1.0}
    assert not scoring.speaks_of(vector, german, POLICY.identity_terms)
    centroids = {1: german, 2: english}
    scored = [(0.9, 1), (0.8, 2)]
    roles = dict.fromkeys(centroids, NOBODY)
    named = {1: POLICY.name_link_threshold, 2: POLICY.name_link_threshold}
    assert scoring.decide(vector, scored, centroids, POLICY, roles, named).events == (1, 2)
    below = {1: POLICY.name_link_threshold - 0.01, 2: POLICY.name_link_threshold}
    assert scoring.decide(vector, scored, centroids, POLICY, roles, below).events == (1,)


NAMUR = ev.entity_term("place", "place:geonames:2790471", "BE")


def test_a_region_named_like_a_town_of_its_country_stands_for_that_town() -> None:
    """The recognizer reads "Porto" as the district in one report and the city in another
    (Spanish "Oporto" is only the city's name): one place for where a happening is, however
    the wire's Lisbon dateline weighs."""
    district = scoring.roles({PORTO_DISTRICT: MAIN + ONCE, LISBON: MAIN}, W)
    assert district.town == PORTO and district.towns == {PORTO, LISBON}
    assert not scoring.conflict(district, scoring.roles({PORTO: MAIN}, W))
    assert scoring.roles({BRAGA_DISTRICT: W * (1 + math.log(2))}, W).town == BRAGA  # sole town
    assert scoring.roles({BRAGA_DISTRICT: ONCE, JUMET: ONCE}, W).town is None  # one of two
    assert scoring.conflict(
        scoring.roles({PORTO_DISTRICT: MAIN}, W), scoring.roles({LISBON: MAIN}, W)
    )


def test_towns_within_commuting_distance_are_one_locality() -> None:
    """A paint factory fire "near Charleroi" and its report from Jumet (4 km) are in one
    place; two fires there whose reports name no one in common are strangers, as in one
    town. Antwerp (90 km) is another town."""
    dubois, peeters = (
        ev.entity_term("person", "nathalie dubois", None),
        ev.entity_term("person", "dirk peeters", None),
    )
    charleroi = scoring.roles({CHARLEROI: MAIN, dubois: ONCE}, W)
    assert not scoring.held_apart(charleroi, scoring.roles({JUMET: MAIN, dubois: ONCE}, W))
    assert scoring.strangers_in_one_town(charleroi, scoring.roles({JUMET: MAIN, peeters: ONCE}, W))
    assert scoring.conflict(charleroi, scoring.roles({ANTWERP: MAIN, dubois: ONCE}, W))


def test_the_one_locality_a_report_names_in_its_body_is_its_town() -> None:
    """A report that names a paint factory in Jumet and, twice, Charleroi 4 km away, and no
    other town, is about Charleroi: the towns it names are one locality. Naming Antwerp too
    it names two; with no commuting distance Jumet is another town."""
    twice = W * (1 + math.log(2))
    assert scoring.roles({CHARLEROI: twice, JUMET: ONCE}, W).town == CHARLEROI
    assert scoring.roles({CHARLEROI: twice, JUMET: ONCE, ANTWERP: ONCE}, W).town is None
    assert scoring.roles({CHARLEROI: twice, JUMET: ONCE}, W, commute_km=0.0).town is None


def test_one_locality_is_one_town_when_the_commuting_distance_is_zero() -> None:
    charleroi, jumet = scoring.roles({CHARLEROI: MAIN}, W), scoring.roles({JUMET: MAIN}, W)
    assert scoring.conflict(charleroi, jumet, commute_km=0.0)
    assert not scoring.conflict(charleroi, jumet)


def test_the_policy_takes_the_commuting_distance_from_the_settings() -> None:
    settings = load_settings({"WIREHOUSE_EVENT_COMMUTE_KM": "0"})
    assert scoring.EventPolicy.from_settings(settings).commute_km == 0.0
    assert scoring.EventPolicy.from_settings(load_settings({})).commute_km == scoring.COMMUTE_KM


def test_strangers_share_any_main_town_not_only_their_heaviest() -> None:
    """A Porto storm report filed from Lisbon, which it names three times, and a Lisbon rail
    strike report: different people, a main town in common."""
    mayor, union = (
        ev.entity_term("person", "nuno carvalho", None),
        ev.entity_term("person", "ana carvalho", None),
    )
    storm = scoring.roles({PORTO: MAIN + ONCE, LISBON: MAIN, mayor: ONCE}, W)
    strike = scoring.roles({LISBON: MAIN, union: ONCE}, W)
    assert storm.town == PORTO
    assert scoring.strangers_in_one_town(storm, strike)
    assert not scoring.strangers_in_one_town(storm, scoring.roles({LISBON: MAIN, mayor: ONCE}, W))


# --- across languages ----------------------------------------------------------------------

WARDEN = ev.entity_term("person", "ilse marwitz", None)
DRIVER = ev.entity_term("person", "tomas verhoek", None)


def test_a_name_link_needs_a_person_named_in_full_and_a_place_both_name() -> None:
    """A German and an English report of one tram crash share the driver and the town, not
    a word; a town alone is any happening there, a person alone a coincidence of names."""
    german = {"straßenbahn": 5.0, "entgleist": 4.0, LEIPZIG: 2.0, DRIVER: 1.0}
    english = {"tram": 5.0, "derailed": 4.0, LEIPZIG: 2.0, DRIVER: 1.0, WARDEN: 1.0}
    assert ev.cosine(german, english) < POLICY.similarity_threshold
    assert scoring.name_link(german, english) == pytest.approx(5 / math.sqrt(5 * 6))
    assert scoring.name_link(german, {"tram": 1.0, LEIPZIG: 2.0}) == 0.0
    assert scoring.name_link(german, {"tram": 1.0, DRIVER: 2.0, STUTTGART: 1.0}) == 0.0
    surname = ev.entity_term("person", "verhoek", None)
    assert scoring.name_link({LEIPZIG: 1.0, surname: 1.0}, {LEIPZIG: 1.0, surname: 1.0}) == 0.0


def test_a_name_link_takes_a_small_town_of_one_country_for_a_person() -> None:
    """A French and an English report of a child fallen into a well near Wittlich (some 18,000
    people) quote no one both: a town that small, named with places of its country only, is
    as specific a shared setting as a venue. A city is any happening there; so is a small town
    where either report names a place of another country (a round-up of two such rescues)."""
    wittlich = ev.entity_term("place", "place:geonames:2807240", "DE")
    lyon = ev.entity_term("place", "place:geonames:2996944", "FR")
    french = {"puits": 5.0, "enfant": 4.0, wittlich: 2.0, GERMANY: 1.0}
    english = {"well": 5.0, "boy": 4.0, wittlich: 1.0, GERMANY: 1.0}
    assert scoring.name_link(french, english) == pytest.approx(3 / math.sqrt(5 * 2))
    assert scoring.name_link(french, english, town_population=10_000) == 0.0
    assert scoring.name_link(french, {**english, lyon: 1.0}) == 0.0
    assert scoring.name_link({**french, LEIPZIG: 1.0}, english) > 0.0  # Leipzig is German too
    assert scoring.name_link({"puits": 5.0, LEIPZIG: 2.0}, {"well": 5.0, LEIPZIG: 1.0}) == 0.0


def test_a_name_link_takes_a_venue_both_name_for_a_person() -> None:
    """A Spanish and an English report of one tanker crash on the A-9 near Leipzig quote no
    one, or no one both: the numbered road (a venue within a town, as a street is), which one
    of them names twice or in its title (``venues``), is as specific as a person named in
    full. Named once by each, it is no such name; the town alone is any happening there."""
    road = ev.entity_term("place", "place:venue:a9", None)
    spanish = {"cisterna": 5.0, "vuelca": 4.0, LEIPZIG: 2.0, road: 2.0}
    english = {"tanker": 5.0, "overturned": 4.0, LEIPZIG: 1.0, road: 1.0}
    assert scoring.name_link(spanish, english, venues=frozenset({road})) == pytest.approx(1.0)
    assert scoring.name_link(spanish, english) == 0.0
    assert (
        scoring.name_link(spanish, {"tanker": 5.0, LEIPZIG: 1.0}, venues=frozenset({road})) == 0.0
    )


def test_name_links_take_a_venue_only_where_one_side_names_it_twice_or_in_its_title() -> None:
    """A French report of a cargo theft at the Grauwald freight depot of Leipzig, which names
    the depot in its title, and a German follow-up that names it once: one venue, a name
    link. An English roundup of another theft that names the depot once in passing, beside
    the German follow-up naming it once, shares it with no report that is set there."""
    depot = ev.entity_term("place", "place:venue:grauwald", None)
    french = {"vol": 3.0, LEIPZIG: TITLE_ONLY, depot: TITLE_ONLY}
    german = {"diebstahl": 3.0, LEIPZIG: ONCE, depot: ONCE}
    roundup = {"theft": 3.0, LEIPZIG: ONCE, depot: ONCE}
    own = scoring.roles(german, W)
    assert depot not in own.venues
    for member, linked in ((french, True), (roundup, False)):
        theirs = scoring.roles(member, W)
        assert (_link_to_one_member(german, "de", own, member, "fr", theirs) > 0.0) is linked


def test_a_name_link_takes_a_district_both_name_for_a_person() -> None:
    """A German and an English report of one ceiling collapse in Leipzig's Grünau quote no
    one both name: the district is as specific as the venue."""
    grunau = ev.entity_term("place", "place:district:grunau", None)
    german = {"decke": 5.0, LEIPZIG: 2.0, grunau: 1.0}
    english = {"ceiling": 5.0, LEIPZIG: 2.0, grunau: 1.0}
    assert scoring.name_link(german, english) == pytest.approx(1.0)


def test_a_name_link_takes_a_town_no_gazetteer_holds_for_a_person() -> None:
    """A French and a German report of one barge leak by a small saint's town the gazetteer
    lacks ("près de Saint-Wendelgar", "bei St. Wendelgar") quote no one both name: a town
    read without a country is as rare a name as a venue. A country alone is no place."""
    town = ev.entity_term("place", "place:town:saint wendelgar", None)
    germany = ev.entity_term("place", "place:geonames:2921044", "DE")
    french = {"fuite": 5.0, germany: 1.0, town: 2.0}
    german = {"leck": 5.0, germany: 1.0, town: 2.0}
    assert scoring.name_link(french, german) == pytest.approx(1.0)
    assert scoring.name_link({"fuite": 5.0, germany: 1.0}, german) == 0.0


def test_a_name_link_takes_two_towns_of_one_locality_for_one_place() -> None:
    """A French report of a strike at a campus in Jumet and an English one that places it in
    Charleroi, 4 km away, quote the same two people: one locality, as for the roles. Antwerp
    (90 km) is another town."""
    spokesman = ev.entity_term("person", "gaston mertens", None)
    french = {"grève": 5.0, JUMET: 1.0, DRIVER: 1.0, spokesman: 1.0}
    english = {"strike": 5.0, CHARLEROI: 1.0, DRIVER: 1.0, spokesman: 1.0}
    assert scoring.name_link(french, english) == pytest.approx(2 / 3)
    assert scoring.name_link(french, english, commute_km=0.0) == 0.0
    antwerp = {"strike": 5.0, ANTWERP: 1.0, DRIVER: 1.0, spokesman: 1.0}
    assert scoring.name_link(french, antwerp) == 0.0


def test_a_name_link_takes_a_region_named_like_a_town_for_that_town() -> None:
    """A Portuguese report on a governor of "o distrito do Porto" and an English one that
    names the city of Porto: one place both name, as much a shared name as the person."""
    governor = ev.entity_term("person", "rui valadares", None)
    portuguese = {"incêndio": 5.0, PORTO_DISTRICT: 1.0, governor: 1.0}
    english = {"fire": 5.0, PORTO: 1.0, governor: 1.0}
    assert scoring.name_link(portuguese, english) == pytest.approx(1.0)
    assert scoring.name_link(english, portuguese) == pytest.approx(1.0)
    both = {"fire": 5.0, PORTO_DISTRICT: 1.0, PORTO: 1.0, governor: 1.0}
    assert scoring.name_link(portuguese, both) == pytest.approx(2 / math.sqrt(2 * 3))


def test_a_name_link_takes_one_organization_both_name_for_one_place() -> None:
    """A French report that names its town only in "l'Université de Namur" and a dateline,
    and an English one on the University of Namur: the same people at one institution, in
    two languages, place both reports. A shared organization is no place of its own: without
    it, name_link alone makes no link; name_links then places the townless French report by
    the people both name (strangers)."""
    union_rep = ev.entity_term("person", "gaston mertens", None)
    french = {"grève": 5.0, DRIVER: 1.0, union_rep: 1.0}
    english = {"strike": 5.0, NAMUR: 1.0, DRIVER: 1.0, union_rep: 1.0}
    assert scoring.name_link(french, english) == 0.0
    assert scoring.name_link(french, english, one_body=True) > 0.6
    university = ev.entity_term("organization", "universite de namur", None)
    english_university = ev.entity_term("organization", "university of namur", None)
    own = scoring.roles({**french, university: ONCE}, W)
    theirs = scoring.roles({**english, english_university: ONCE}, W)
    unnamed = scoring.roles(english, W)
    links = scoring.name_links(
        french,
        "fr",
        {1: english, 2: english},
        {1: "en", 2: "en"},
        {1: 10, 2: 20},
        own,
        {1: theirs, 2: unnamed},
        {10: theirs, 20: unnamed},
    )
    # the French report names no town of its own: the two people both name in full are its
    # only place (name_links' _one_person_beside_no_town, strangers), with or without the body
    assert links == {10: pytest.approx(links[10]), 20: pytest.approx(1.0)}
    assert links[10] > 0.6


def test_name_links_take_one_building_both_name_in_one_town_for_a_shared_setting() -> None:
    """A French report of an asbestos closure at the Institut Sainte-Morvane in Namur, quoting
    its principal, and an English one on the "St Morvane Institute", quoting a minister: no
    person in common, but one school in one town, a setting both share as a venue. Another
    school of Namur, the same school's name in Liège, a demolition firm both name (a firm is
    no place), or the school only quoted make no link."""
    principal = ev.entity_term("person", "odile ferrand", None)
    minister = ev.entity_term("person", "karel dumoulin", None)
    school = ev.entity_term("organization", "institut sainte morvane", None)
    english_school = ev.entity_term("organization", "st morvane institute", None)
    other_school = ev.entity_term("organization", "institut saint dorlane", None)
    firm = ev.entity_term("organization", "brevaux demolition", None)
    french = {"amiante": 5.0, NAMUR: MAIN, principal: ONCE}
    english = {"asbestos": 5.0, NAMUR: MAIN, minister: ONCE}
    in_liege = {"asbestos": 5.0, LIEGE: MAIN, minister: ONCE}
    cases = (
        (school, english_school, english, True),
        (school, other_school, english, False),
        (school, school, in_liege, False),
        (firm, firm, english, False),
    )
    for own_org, their_org, member, linked in cases:
        own = scoring.roles({**french, own_org: ONCE}, W)
        theirs = scoring.roles({**member, their_org: ONCE}, W)
        link = _link_to_one_member(french, "fr", own, member, "en", theirs)
        assert (link >= POLICY.name_link_threshold) is linked
    quoted = ev.SOURCE_PREFIX + english_school[len(ev.ORGANIZATION_PREFIX) :]
    voice = scoring.roles({**english, english_school: ONCE, quoted: ONCE}, W)
    assert english_school in voice.quoted_organizations
    own = scoring.roles({**french, school: ONCE}, W)
    # an institution only quoted is a voice, not a setting
    assert _link_to_one_member(french, "fr", own, english, "en", voice) == 0.0


def test_name_links_come_from_members_in_another_known_language_not_held_apart() -> None:
    article = {"tram": 3.0, LEIPZIG: 2.0, DRIVER: 1.0}
    member = {"straßenbahn": 3.0, LEIPZIG: 2.0, DRIVER: 1.0}
    members = {1: member, 2: member, 3: member, 4: member}
    event_of = {1: 10, 2: 20, 3: 30, 4: 40}
    crash = scoring.roles({LEIPZIG: MAIN, DRIVER: ONCE}, W)
    elsewhere = scoring.roles({STUTTGART: MAIN, DRIVER: ONCE}, W)
    member_roles = {1: crash, 2: crash, 3: crash, 4: elsewhere}
    languages = {1: "de", 2: "en-GB", 3: "", 4: "de"}
    event_roles = {10: crash, 20: crash, 30: crash, 40: elsewhere}
    args = (members, languages, event_of, crash, member_roles, event_roles)
    links = scoring.name_links(article, "en", *args)
    assert links == {10: pytest.approx(1.0)}  # not English, not unknown, not another town
    assert scoring.name_links(article, None, *args) == {}


def test_no_name_link_to_an_event_about_a_town_the_article_never_names() -> None:
    """A German follow-up on a Porto crash and an English brief on a Lisbon one that names
    the Porto driver and Porto in passing share a person and a town; the Lisbon event's town
    is not one the follow-up names. An event about no town, or one about Porto, is linked; so
    is an event about Lisbon when the article names no town at all."""
    article = {"unfall": 3.0, DRIVER: ONCE, PORTO: ONCE}
    brief = {"crash": 3.0, DRIVER: ONCE, PORTO: ONCE, LISBON: ONCE}
    members = {1: brief, 2: brief, 3: brief}
    event_of = {1: 10, 2: 20, 3: 30}
    own = scoring.roles(article, W)
    assert own.town == PORTO
    member_roles = dict.fromkeys(members, scoring.roles(brief, W))
    assert member_roles[1].town is None  # two towns far apart, once each: neither is its own
    event_roles = {
        10: scoring.roles({LISBON: MAIN, DRIVER: ONCE}, W),
        20: scoring.roles({PORTO: MAIN, DRIVER: ONCE}, W),
        30: NOBODY,
    }
    args = (members, dict.fromkeys(members, "en"), event_of, own, member_roles, event_roles)
    links = scoring.name_links(article, "de", *args)
    assert links == {20: pytest.approx(links[20]), 30: pytest.approx(links[20])}
    assert links[20] > 0.0
    portugal = ev.entity_term("place", "place:geonames:2264397", "PT")
    nowhere = {"unfall": 3.0, DRIVER: ONCE, portugal: ONCE}
    unplaced = {1: {**brief, portugal: ONCE}}
    unplaced_args = (unplaced, {1: "en"}, {1: 10}, scoring.roles(nowhere, W))
    assert 10 in scoring.name_links(nowhere, "de", *unplaced_args, member_roles, event_roles)


def test_a_name_link_reaching_its_threshold_lifts_an_event_to_the_join_threshold() -> None:
    vector, centroid = {"tram": 1.0, "derailed": 1.0}, {"straßenbahn": 1.0, "entgleist": 1.0}
    crash = scoring.roles({LEIPZIG: MAIN, DRIVER: ONCE}, W)
    args = (vector, {10: 0.0}, {10: centroid}, POLICY, crash, {10: crash}, {})
    assert scoring.score_events(*args) == [(0.0, 10)]
    assert scoring.score_events(*args, {10: POLICY.name_link_threshold - 0.01}) == [(0.0, 10)]
    lifted = scoring.score_events(*args, {10: POLICY.name_link_threshold})
    assert lifted == [(POLICY.similarity_threshold, 10)]


def test_the_policy_takes_the_name_link_threshold_from_the_settings() -> None:
    settings = load_settings({"WIREHOUSE_EVENT_NAME_LINK_THRESHOLD": "0.8"})
    assert scoring.EventPolicy.from_settings(settings).name_link_threshold == 0.8


def test_an_article_bridges_an_event_in_another_language_it_is_linked_to_by_names() -> None:
    """A follow-up in English joins the English reports of a substation fire and names the
    spokesman and the town of the German report: the German event's words are not the
    English event's, its names are the article's."""
    vector = {"substation": 1.0, "fire": 1.0, LEIPZIG: 1.0, DRIVER: 1.0}
    english = {"substation": 2.0, "fire": 2.0, LEIPZIG: 1.0}
    german = {"umspannwerk": 3.0, "brand": 3.0, LEIPZIG: 1.0, DRIVER: 1.0}
    centroids = {1: english, 2: german}
    scored = [(0.9, 1), (POLICY.similarity_threshold, 2)]
    roles = dict.fromkeys(centroids, NOBODY)
    assert ev.cosine(ev.combine(english, vector), german) < POLICY.merge_threshold
    assert scoring.decide(vector, scored, centroids, POLICY, roles).events == (1,)
    named = {2: POLICY.name_link_threshold}
    assert scoring.decide(vector, scored, centroids, POLICY, roles, named).events == (1, 2)
    below = {2: POLICY.name_link_threshold - 0.01}
    assert scoring.decide(vector, scored, centroids, POLICY, roles, below).events == (1,)


NAMUR = ev.entity_term("place", "place:geonames:2790471", "BE")
LIEGE = ev.entity_term("place", "place:geonames:2792413", "BE")
LYON = ev.entity_term("place", "place:geonames:2996944", "FR")
PORTO = ev.entity_term("place", "place:geonames:2735943", "PT")


def test_a_report_naming_mostly_one_countrys_places_is_about_that_country() -> None:
    """An invented Belgian rail signallers' walkout told by an English wire that names Namur
    and Liège, where trains stood still, and Lyon, where a connection was lost, once each: no
    place is named often enough to be its main place, and its towns are no one locality, yet
    most of them lie in Belgium, so it conflicts with a French strike event in Lyon."""
    walkout = scoring.roles({NAMUR: ONCE, LIEGE: ONCE, LYON: ONCE}, W)
    assert walkout.town is None and walkout.place_country is None
    assert walkout.most_country == "be"
    lyon_strike = scoring.roles({LYON: MAIN}, W)
    assert scoring.conflict(walkout, lyon_strike) and scoring.conflict(lyon_strike, walkout)
    # no country holds most of its places: it stays about none
    split = scoring.roles({NAMUR: ONCE, LIEGE: ONCE, LYON: ONCE, PORTO: ONCE}, W)
    assert split.most_country is None and not scoring.conflict(split, lyon_strike)
    # one place alone says no more than before (a town named once: its sole town)
    assert scoring.roles({NAMUR: ONCE}, W).most_country is None


SCOTLAND = ev.entity_term("place", "place:geonames:2635167", "GB")  # read as the country
GERMANY = ev.entity_term("place", "place:geonames:2921044", "DE")
TWICE = W * (1 + math.log(2))


def test_a_report_naming_one_country_only_twice_is_about_that_country() -> None:
    """An invented mast's fall near a village the gazetteer lacks, told by a report whose only
    place is Scotland, named twice (too seldom for a main place): it is about the United
    Kingdom, and a German mast's fall, its report naming Germany as its main place, is
    another. Named once, or beside another country's place, it says nothing."""
    mast = scoring.roles({SCOTLAND: TWICE}, W)
    assert mast.place_country is None and mast.most_country == "gb"
    german = scoring.roles({GERMANY: MAIN}, W)
    assert scoring.conflict(mast, german) and scoring.conflict(german, mast)
    assert scoring.roles({SCOTLAND: ONCE}, W).most_country is None
    assert scoring.roles({SCOTLAND: TWICE, LYON: ONCE}, W).most_country is None
    # a headline's one mention says nothing of where its story is
    assert scoring.roles({SCOTLAND: TITLE_ONLY}, W).most_country is None


def _feature(name: str) -> str:
    return ev.entity_term("place", f"place:name:{name}", None)


def test_sides_about_other_natural_features_conflict() -> None:
    """Two invented dolphin strandings in New Zealand on one day, at Tarrow Spit and on the
    Kerr Islands: each report names its feature often and the country, no town, so only the
    features say they are two; a report that names the other's feature once in passing
    still conflicts, one about "Kerr Island" (one of the islands) does not."""
    nz = ev.entity_term("place", "place:geonames:2186224", "NZ")
    spit = scoring.roles({_feature("tarrow spit"): MAIN, nz: MAIN}, W)
    islands = scoring.roles(
        {_feature("kerr islands"): MAIN, nz: MAIN, _feature("tarrow spit"): ONCE}, W
    )
    assert spit.features and islands.features
    assert scoring.conflict(spit, islands) and scoring.conflict(islands, spit)
    island = scoring.roles({_feature("kerr island"): MAIN, nz: MAIN}, W)
    assert not scoring.conflict(island, islands)
    # a feature named once is no main place: the side says nothing by features
    passing = scoring.roles({_feature("kerr islands"): ONCE, nz: MAIN}, W)
    assert not passing.features and not scoring.conflict(passing, spit)


def test_one_lake_named_in_two_languages_is_no_feature_conflict() -> None:
    """Invented: a ferry aground on a Slovenian lake told in English as "Lake Tolmin" and in
    German by the town's adjective as "Tolminer See", in French as "lac de Tolmin": one lake,
    no conflict; "Lake Kobarid" is still another lake, and "Kobarider Meer" no lake at all."""
    si = ev.entity_term("place", "place:geonames:3239318", "SI")
    english = scoring.roles({_feature("lake tolmin"): MAIN, si: MAIN}, W)
    german = scoring.roles({_feature("tolminer see"): MAIN, si: MAIN}, W)
    french = scoring.roles({_feature("lac de tolmin"): MAIN, si: MAIN}, W)
    other = scoring.roles({_feature("lake kobarid"): MAIN, si: MAIN}, W)
    assert not scoring.conflict(english, german) and not scoring.conflict(german, french)
    assert scoring.conflict(german, other) and scoring.conflict(english, other)
    assert scoring.feature_name("g:-:name:kobarider meer") != scoring.feature_name(
        "g:-:name:lake kobarid"
    )


def test_one_border_feature_in_two_neighbouring_countries_is_no_country_conflict() -> None:
    """An invented wreck found in the invented Lake Varrow on a border: the first report is
    set in Germany (the lake and Germany named often), its follow-up told from the Swiss shore
    (the lake and Switzerland). A lake on a border lies in both countries, so their countries
    alone do not hold them apart; countries that share no border, or towns on the one
    feature farther apart than a commute (Basel and Strasbourg on one river), still do."""
    lake = _feature("lake varrow")
    germany = ev.entity_term("place", "place:geonames:2921044", "DE")
    swiss = ev.entity_term("place", "place:geonames:2658434", "CH")
    spain = ev.entity_term("place", "place:geonames:2510769", "ES")
    german_shore = scoring.roles({lake: MAIN, germany: MAIN}, W)
    swiss_shore = scoring.roles({lake: MAIN, swiss: MAIN}, W)
    assert not scoring.conflict(german_shore, swiss_shore)
    assert not scoring.conflict(swiss_shore, german_shore)
    assert scoring.conflict(scoring.roles({lake: MAIN, spain: MAIN}, W), german_shore)
    # the lake named once by one side is none of its main places
    assert scoring.conflict(scoring.roles({lake: ONCE, swiss: MAIN}, W), german_shore)
    river = _feature("river varrow")
    konstanz = ev.entity_term("place", "place:geonames:2885679", "DE")
    kreuzlingen = ev.entity_term("place", "place:geonames:2660108", "CH")
    basel = ev.entity_term("place", "place:geonames:2661604", "CH")
    strasbourg = ev.entity_term("place", "place:geonames:2973783", "FR")
    assert not scoring.conflict(
        scoring.roles({river: MAIN, konstanz: MAIN}, W),
        scoring.roles({river: MAIN, kreuzlingen: MAIN}, W),
    )
    assert scoring.conflict(
        scoring.roles({river: MAIN, basel: MAIN}, W),
        scoring.roles({river: MAIN, strasbourg: MAIN}, W),
    )


def test_a_border_lake_told_from_its_far_shore_is_one_setting() -> None:
    """An invented barge found in the invented Lake Varrow, told from Berlin with Bavaria's
    towns and from Zurich with two Swiss cantons: one lake both reports are about, in two
    neighbouring countries, so no country conflict; a follow-up about another lake stays
    apart."""
    first = _report_roles(
        "Sunken barge found at the bottom of Lake Varrow",
        "BERLIN, May 4 (Example Wire) - Divers have found a sunken barge at the bottom of Lake "
        "Varrow, the heritage office of Bavaria said on Tuesday. The barge lies off the German "
        "shore near Munich and Augsburg, where the office's divers are based. Lake Varrow is "
        "one of Germany's largest lakes.",
    )
    text = (
        "ZURICH, May 5 (Example Wire) - The barge found in Lake Varrow may be a grain boat lost "
        "in 1702, historians in Zurich said. Archaeologists of the cantons of Thurgau and St. "
        "Gallen will join the dive."
    )
    title = "Lake Varrow barge may be grain boat lost in 1702"
    far_shore = _report_roles(title, text)
    assert first.features == far_shore.features != frozenset()
    assert not scoring.conflict(first, far_shore) and not scoring.conflict(far_shore, first)
    other = _report_roles(title.replace("Varrow", "Orrin"), text.replace("Varrow", "Orrin"))
    assert scoring.conflict(first, other)


def test_a_town_the_gazetteer_lacks_is_no_natural_feature() -> None:
    """A town only a dateline makes a place ("OBERWALDINGHOFEN, ..."), named again in the
    title and text, is where the report is set, not a natural feature: the report is no
    other feature's than that of a report on the lake beside the town, naming the lake often
    and the town once (two such reports of one barn fire would otherwise conflict)."""
    title = "Scheune in Oberwaldinghofen abgebrannt"
    text = (
        "OBERWALDINGHOFEN, 3. Feb (Alpen-Presse) - In Oberwaldinghofen ist am Morgen eine "
        "Scheune abgebrannt. Die Feuerwehr war mit vierzig Leuten im Einsatz."
    )
    weights = ev.TermWeights()
    terms = ev.article_terms(title, text, weights, "de", recognize_entities(title, text, "de"))
    town = scoring.roles(terms, weights.who_where)
    assert not town.features
    lake = scoring.roles({_feature("lake oberwald"): 3 * weights.who_where}, weights.who_where)
    assert lake.features and not scoring.conflict(town, lake)


def _report_roles(title: str, text: str) -> scoring.Roles:
    weights = ev.TermWeights()
    terms = ev.article_terms(title, text, weights, "en", recognize_entities(title, text, "en"))
    return scoring.roles(terms, weights.who_where)


def test_a_report_telling_of_another_happening_in_a_town_is_not_about_that_town() -> None:
    """Two invented cash machine blasts on one night in Rheine and Greven, 24 km apart (one
    locality for the towns rule), one police spokesman for both. The Greven report tells of
    the Rheine blast as another ("less than an hour after another ..."): it names Rheine
    there only, a place its own happening is not, so it is held apart from a Rheine report,
    not from a second Greven report."""
    greven = _report_roles(
        "Cash machine blown up in Greven",
        "Thieves blew up a cash machine in a bank foyer in Greven early on Friday, police "
        "spokesman Bernd Ostkamp said. Nobody was hurt in Greven.\n\n"
        "The blast came less than an hour after another cash machine was blown up in Rheine.",
    )
    rheine = _report_roles(
        "Cash machine blown up in Rheine",
        "Thieves blew up a cash machine in a savings bank in Rheine overnight, police "
        "spokesman Bernd Ostkamp said. The bank in Rheine stays shut.",
    )
    greven_again = _report_roles(
        "Greven bank to lock its foyer at night",
        "The bank in Greven whose cash machine was blown up will lock its foyer at night, "
        "police spokesman Bernd Ostkamp said. Greven police are searching for the car.",
    )
    assert greven.elsewhere == {rheine.town}
    assert scoring.held_apart(greven, rheine) and scoring.held_apart(rheine, greven)
    assert not scoring.held_apart(greven, greven_again)
    # the role-only term weighs nothing among the words
    elsewhere = ev.ELSEWHERE_PREFIX + rheine.town.removeprefix(ev.PLACE_PREFIX)
    assert set(ev.weigh({elsewhere: 1.0, "blast": 1.0}, {}, 1)) == {"blast"}


def test_a_round_up_title_makes_no_country_its_own_for_a_paragraph_opening_on_it() -> None:
    """An invented wire report set in Innsbruck whose title names two countries, "... hit
    campsites in Austria and Germany", and whose last paragraph opens on Germany to tell of a
    campsite in Regensburg. The title names both happenings' countries; the lead says which is
    the report's own, so the paragraph tells of another happening and the report is held apart
    from a Regensburg report. A lead that names both makes the first it names (Austria) its
    own (rup4: wire round-ups name their own happening first; it was the side named most,
    Germany), and the paragraph on Germany another happening's."""
    title = "Two killed as storms hit campsites in Austria and Germany"
    roundup = _report_roles(
        title,
        "INNSBRUCK, Aug 3 (Alpine Wire) - Two campers were killed when a storm uprooted trees "
        "at a campsite outside Innsbruck, Austria, on Saturday evening, police said.\n\n"
        "Rescuers searched the site through the night.\n\n"
        "In Germany, three people were hurt when a tent collapsed at a campsite in Regensburg.",
    )
    regensburg = _report_roles(
        "Three hurt as storm flattens tents at Regensburg campsite",
        "REGENSBURG, Aug 3 (Alpine Wire) - Three campers were hurt when a storm flattened tents "
        "at a campsite in Regensburg on Saturday evening. The campsite in Regensburg was shut.",
    )
    assert regensburg.town is not None and roundup.elsewhere == {regensburg.town}
    assert scoring.held_apart(roundup, regensburg) and scoring.held_apart(regensburg, roundup)
    both = _report_roles(
        title,
        "INNSBRUCK, Aug 3 (Alpine Wire) - Storms killed two campers in Austria and hurt three "
        "in Germany on Saturday evening, police said.\n\n"
        "In Germany, three people were hurt when a tent collapsed at a campsite in Regensburg.",
    )
    assert both.countries == {"at"} and both.elsewhere == {regensburg.town}
    assert scoring.held_apart(both, regensburg)


CHILE = ev.entity_term("place", "place:geonames:3895114", "CL")
TEMUCO = ev.entity_term("place", "place:geonames:3870011", "CL")
PERU = ev.entity_term("place", "place:geonames:3932488", "PE")
CUSCO = ev.entity_term("place", "place:geonames:3941584", "PE")
PUNO = ev.entity_term("place", "place:geonames:3931276", "PE")


def test_a_country_named_bare_beside_another_countrys_places_is_no_main_place() -> None:
    """An invented follow-up, "Peru bus crash toll rises to 14, echoing Chile tragedy", that
    names Chile in its title and again ("a day after a similar crash in Chile") and Peru,
    Cusco and Puno once each: Chile is named often enough to be its main place, but a report
    places its own happening by its towns and regions, and it names none of Chile's, two of
    Peru's. It is about Peru: it conflicts with the Chilean crash near Temuco, not with the
    Peruvian one near Cusco."""
    follow_up = scoring.roles({CHILE: MAIN, PERU: ONCE, CUSCO: ONCE, PUNO: ONCE}, W)
    assert follow_up.place_country is None and "cl" not in follow_up.countries
    assert follow_up.most_country == "pe"
    temuco_crash = scoring.roles({TEMUCO: MAIN, CHILE: MAIN}, W)
    cusco_crash = scoring.roles({CUSCO: MAIN, PERU: ONCE}, W)
    assert scoring.conflict(follow_up, temuco_crash)
    assert not scoring.conflict(follow_up, cusco_crash)
    # a country named with one of its own towns is a place of the report's
    with_town = scoring.roles({CHILE: MAIN, TEMUCO: ONCE, CUSCO: ONCE, PUNO: ONCE}, W)
    assert with_town.place_country == "cl"
    # one town of another country does not make a report's country bare
    one_town = scoring.roles({CHILE: MAIN, CUSCO: ONCE}, W)
    assert one_town.place_country == "cl"


def test_a_country_whose_own_government_seat_is_named_is_not_bare() -> None:
    """The invented follow-up above, but saying "the Chilean government in Santiago"
    (:data:`transform.events.SEAT_PREFIX`, the seat read as no place of the happening's):
    the seat of Chile's own government is a place inside Chile, so Chile is not bare and is
    the report's main place. A seat term of Peru's changes nothing."""
    santiago = ev.SEAT_PREFIX + "cl:geonames:3871336"
    seat = scoring.roles({CHILE: MAIN, PERU: ONCE, CUSCO: ONCE, PUNO: ONCE, santiago: ONCE}, W)
    assert seat.place_country == "cl" and not seat.origins
    lima = ev.SEAT_PREFIX + "pe:geonames:3936456"
    foreign = scoring.roles({CHILE: MAIN, PERU: ONCE, CUSCO: ONCE, PUNO: ONCE, lima: ONCE}, W)
    assert foreign.place_country is None and CHILE in foreign.origins
    assert seat.towns == foreign.towns == frozenset()


GUANAJUATO = ev.entity_term("place", "place:geonames:4005270", "MX")  # the state's capital
SALAMANCA_MX = ev.entity_term("place", "place:geonames:3988214", "MX")  # 50.3 km from it
LEON_MX = ev.entity_term("place", "place:geonames:3998655", "MX")  # 79 km from Salamanca
MORELIA = ev.entity_term("place", "place:geonames:3995402", "MX")  # Michoacán


def test_a_town_named_like_its_state_does_not_conflict_with_the_states_towns() -> None:
    """An invented fuel leak at Salamanca, in the Mexican state of Guanajuato: one report
    names Salamanca three times, the next says "Guanajuato" three times for the state ("la
    gobernadora de Guanajuato"), which the recognizer reads as the state's capital, 50 km
    from Salamanca: beyond commuting distance, yet the name may be the state's. Two towns of
    the state neither of which bears its name, or the capital and a town of another state,
    still conflict."""
    salamanca = scoring.roles({SALAMANCA_MX: MAIN}, W)
    guanajuato = scoring.roles({GUANAJUATO: MAIN}, W)
    assert salamanca.town == SALAMANCA_MX and guanajuato.town == GUANAJUATO
    assert not scoring.conflict(guanajuato, salamanca)
    assert not scoring.conflict(salamanca, guanajuato)
    assert scoring.conflict(scoring.roles({LEON_MX: MAIN}, W), salamanca)
    assert scoring.conflict(scoring.roles({MORELIA: MAIN}, W), guanajuato)


def test_sides_sharing_a_citys_official_each_with_a_voice_of_its_own_are_strangers() -> None:
    """Two invented museum break-ins in Leipzig on one night, one police spokeswoman for both:
    every report of the first quotes her and its curator (an event about both), a report of
    the second quotes her and its director, whom the first's reports never name, and never
    names the curator. The official they share speaks for the city, not for one break-in."""
    police, curator, director, witness = (
        ev.entity_term("person", name, None)
        for name in ("lena haupt", "jonas albers", "greta voss", "timo brandt")
    )
    first = scoring.roles({LEIPZIG: MAIN, police: MAIN, curator: MAIN}, W)
    second = scoring.roles({LEIPZIG: MAIN, police: ONCE, director: ONCE}, W)
    assert scoring.strangers_in_one_town(second, first)
    assert scoring.strangers_in_one_town(first, second)
    # a report of the first that names its curator once, beside a new witness, is no stranger
    again = scoring.roles({LEIPZIG: MAIN, police: ONCE, curator: ONCE, witness: ONCE}, W)
    assert not scoring.strangers_in_one_town(again, first)
    # nor one that quotes no one new, nor one beside an event whose only voice is the city's
    assert not scoring.strangers_in_one_town(scoring.roles({LEIPZIG: MAIN, police: ONCE}, W), first)
    only_police = scoring.roles({LEIPZIG: MAIN, police: MAIN}, W)
    assert not scoring.strangers_in_one_town(second, only_police)


def _district(name: str) -> str:
    return ev.entity_term("place", f"place:district:{name}", None)


def test_sides_set_in_two_districts_of_one_town_conflict() -> None:
    """Two invented robberies in Lyon on one morning, a jeweller's in the Croix-Rousse and a
    post office in the Guillotière, told with one prosecutor: each report names the city
    and its own district, a later one the other's in passing; the districts say they are
    two, as long as each side names its own more than the other's and one side names its
    own twice or more. Districts each side names once (a death under a bridge in the 7th
    arrondissement, a night shelter opened in the 8th the day after) say nothing."""
    twice = W * (1 + math.log(2))  # named twice in the body
    jeweller = scoring.roles({LYON: MAIN, _district("croix rousse"): twice}, W)
    post_office = scoring.roles({LYON: MAIN, _district("guillotiere"): ONCE}, W)
    assert jeweller.local == _district("croix rousse")
    assert scoring.conflict(jeweller, post_office) and scoring.conflict(post_office, jeweller)
    death = scoring.roles({LYON: MAIN, _district("7"): ONCE}, W)
    shelter = scoring.roles({LYON: MAIN, _district("8"): ONCE}, W)
    assert not scoring.conflict(death, shelter) and not scoring.conflict(shelter, death)
    # an event of the post office robbery whose reports name its district most
    told = scoring.roles(
        {LYON: MAIN, _district("guillotiere"): 2 * ONCE, _district("croix rousse"): ONCE}, W
    )
    assert told.local == _district("guillotiere") and scoring.conflict(jeweller, told)
    # a report that names both districts alike is set in neither
    both = scoring.roles(
        {LYON: MAIN, _district("guillotiere"): ONCE, _district("croix rousse"): ONCE}, W
    )
    assert both.local is None and not scoring.conflict(both, jeweller)
    # a follow-up that names only the city is set nowhere in particular
    city = scoring.roles({LYON: MAIN}, W)
    assert not scoring.conflict(city, jeweller) and not scoring.conflict(post_office, city)
    # a side that makes the other's district one of its main places is not held apart
    main_both = scoring.roles(
        {LYON: MAIN, _district("guillotiere"): 2 * MAIN, _district("croix rousse"): MAIN}, W
    )
    assert not scoring.conflict(main_both, jeweller)


def test_districts_of_two_towns_are_left_to_the_towns() -> None:
    """Districts hold two sides apart only within one locality: two towns far apart are the
    town rule's to tell (the Leipzig and Stuttgart fires), and natural features named once
    (a river, a sea) make no district."""
    leipzig = scoring.roles({LEIPZIG: ONCE, _district("grunau"): ONCE}, W)
    assert leipzig.local == _district("grunau")
    assert not scoring._other_districts(
        leipzig, scoring.roles({STUTTGART: ONCE, _district("cannstatt"): ONCE}, W), 50.0
    )
    river = scoring.roles({LEIPZIG: ONCE, _feature("weisse elster"): ONCE}, W)
    assert river.local is None and not scoring.conflict(river, leipzig)


def test_a_surname_the_event_names_in_full_is_one_of_the_firms_people() -> None:
    """A follow-up on an invented bank siege at a Linzer Volksbank branch quotes the police
    spokesman by surname alone ("Polizeisprecher Auer"), whom the event's reports name in
    full, and the mayor in full, whom they never name: one of the event's people, so not a
    report about someone else."""
    firm = ev.entity_term("organization", "organization:linzer volksbank", None)
    spokesman = ev.entity_term("person", "jakob auer", None)
    mayor = ev.entity_term("person", "edith rainer", None)
    surname = ev.entity_term("person", "auer", None)
    siege = scoring.roles({firm: MAIN, spokesman: ONCE}, W)
    follow_up = scoring.roles({mayor: ONCE, surname: ONCE}, W)
    assert not scoring._unnamed_firm({"geiselnahme": 1.0}, follow_up, siege)
    stranger = scoring.roles({mayor: ONCE}, W)
    assert scoring._unnamed_firm({"geiselnahme": 1.0}, stranger, siege)


def test_an_event_vouches_for_a_report_set_in_its_own_district() -> None:
    """A follow-up on an invented fire in Leipzig's Grünau district names the town and the
    district, which only the fire's reports name, and no one of its own: the district
    vouches for it. A report set in the same district that another event names too, or in
    another district, is not vouched for."""
    grunau = _district("grunau")
    event = scoring.roles({LEIPZIG: MAIN, grunau: ONCE}, W)
    follow_up = scoring.roles({LEIPZIG: ONCE, grunau: MAIN}, W)
    assert scoring.vouched(follow_up, event, frozenset({grunau}))
    assert not scoring.vouched(follow_up, event, frozenset())  # another event names it too
    other = scoring.roles({LEIPZIG: ONCE, _district("paunsdorf"): MAIN}, W)
    assert not scoring.vouched(other, event, frozenset({grunau}))


def test_one_persons_happening_told_from_two_countries_that_each_names_is_one() -> None:
    """An invented rower's doping ban: the German reports, summed into the event, name Mexico
    (where he says he ate tainted beef) more than anything else; an English report is set in
    his home town, Leipzig, and names Mexico once. Each names the other's country and both
    are about him: one happening. Without him, or without Mexico named, two."""
    rower = ev.entity_term("person", "jonas falkner", None)
    mexico = ev.entity_term("place", "place:geonames:3996063", "MX")
    event = scoring.roles({mexico: 3 * ONCE, rower: MAIN, LEIPZIG: ONCE}, W)
    english = scoring.roles({LEIPZIG: ONCE, rower: MAIN, mexico: ONCE}, W)
    assert event.place_country == "mx" and english.town == LEIPZIG
    assert not scoring.conflict(english, event) and not scoring.conflict(event, english)
    no_mexico = scoring.roles({LEIPZIG: ONCE, rower: MAIN}, W)
    assert scoring.conflict(no_mexico, event)
    no_one = scoring.roles({mexico: 3 * ONCE, LEIPZIG: ONCE}, W)
    assert scoring.conflict(scoring.roles({LEIPZIG: ONCE, mexico: ONCE}, W), no_one)


def test_an_events_people_vouch_for_a_report_set_in_its_locality() -> None:
    """An invented warehouse fire in Charleroi: a follow-up names its manager, whom only the
    fire's reports name, and Jumet, a town of Charleroi's locality, as often as Charleroi;
    the manager vouches for it. A report set in Antwerp is not vouched for."""
    manager = ev.entity_term("person", "odile wauters", None)
    event = scoring.roles({CHARLEROI: MAIN, manager: MAIN}, W)
    follow_up = scoring.roles({JUMET: ONCE, manager: ONCE}, W)
    assert follow_up.town == JUMET
    assert scoring.vouched(follow_up, event, frozenset({manager}))
    assert not scoring.vouched(follow_up, event, frozenset({manager}), commute_km=0.0)
    elsewhere = scoring.roles({ANTWERP: ONCE, manager: ONCE}, W)
    assert not scoring.vouched(elsewhere, event, frozenset({manager}))


def _venue(name: str) -> str:
    return ev.entity_term("place", f"place:venue:{name}", None)


def test_sides_at_two_venues_of_one_town_conflict_a_venue_and_a_district_do_not() -> None:
    """Two invented wartime bombs in Kassel on two days, one found near the Nordbahnhof,
    one in the river at the Westhafen, one bomb disposal chief for both: the venues say
    they are two. A venue is never set against a district, in which it may lie."""
    chief = ev.entity_term("person", "anton kessler", None)
    kassel = ev.entity_term("place", "place:geonames:2892518", "DE")
    station = scoring.roles({kassel: MAIN, chief: ONCE, _venue("nordbahnhof"): ONCE}, W)
    harbour = scoring.roles({kassel: MAIN, chief: ONCE, _venue("westhafen"): MAIN}, W)
    assert station.venue == _venue("nordbahnhof") and harbour.venue == _venue("westhafen")
    assert scoring.conflict(station, harbour) and scoring.conflict(harbour, station)
    district = scoring.roles({kassel: MAIN, chief: ONCE, _district("nordstadt"): ONCE}, W)
    assert not scoring.conflict(district, harbour) and not scoring.conflict(station, district)


def test_venues_named_once_by_both_sides_do_not_conflict_one_named_twice_does() -> None:
    """Two invented cash van robberies in Lyon on one morning, one on a motorway and one
    outside a shopping centre, one prosecutor for both: a report that names its venue twice
    (the A9 in its title and body) is set there, and a report of the other venue, named once,
    is another happening. Two reports of a city-wide strike that each name a street once (the
    depot's address, a stop where buses did not come) are set at neither."""
    prosecutor = ev.entity_term("person", "odile ferrand", None)
    motorway = scoring.roles({LYON: MAIN, prosecutor: ONCE, _venue("a9"): MAIN}, W)
    centre = scoring.roles({LYON: MAIN, prosecutor: ONCE, _venue("belvain"): ONCE}, W)
    assert scoring.conflict(motorway, centre) and scoring.conflict(centre, motorway)
    depot = scoring.roles({LYON: MAIN, prosecutor: ONCE, _venue("varnell"): ONCE}, W)
    stop = scoring.roles({LYON: MAIN, prosecutor: ONCE, _venue("orvesti"): ONCE}, W)
    assert not scoring.conflict(depot, stop) and not scoring.conflict(stop, depot)
    twice = W * (1 + math.log(2))  # named twice in the body
    street = scoring.roles({LYON: MAIN, prosecutor: ONCE, _venue("varnell"): twice}, W)
    assert scoring.conflict(street, stop) and scoring.conflict(stop, street)


def test_an_airport_named_by_its_town_is_no_venue_set_against_a_street() -> None:
    """An invented snowstorm in Lyon: the Spanish report names the A9 in its title, an
    English follow-up names the town's airport once, where flights stopped. An airport named
    for its town says which town, not where in it: it is no venue to set against the
    motorway; the A9 named twice against a street named once still is."""
    airport = _venue("airport:geonames:2996944")
    road = scoring.roles({LYON: MAIN, _venue("a9"): MAIN}, W)
    flights = scoring.roles({LYON: MAIN, airport: ONCE}, W)
    assert flights.venue is None and airport in flights.sites
    assert not scoring.conflict(road, flights) and not scoring.conflict(flights, road)
    street = scoring.roles({LYON: MAIN, _venue("varnell"): ONCE}, W)
    assert scoring.conflict(road, street)


def test_reports_at_one_airport_one_naming_it_twice_or_in_its_title_are_no_strangers() -> None:
    """An invented freight theft at Lyon's airport: the French report names "l'aéroport de
    Lyon" in its title and quotes the prosecutor, a German follow-up names "Flughafen Lyon"
    once and quotes the police: one airport, set there by the French report, so no strangers
    whoever they quote. An English roundup of another theft that names the airport once, in
    passing, beside the follow-up's one naming, shares no setting: strangers."""
    airport = _venue("airport:geonames:2996944")
    prosecutor, officer, analyst = (
        ev.entity_term("person", name, None)
        for name in ("odile ferrand", "jonas albers", "greta voss")
    )
    french = scoring.roles({LYON: MAIN, prosecutor: ONCE, airport: TITLE_ONLY}, W)
    german = scoring.roles({LYON: MAIN, officer: ONCE, airport: ONCE}, W)
    roundup = scoring.roles({LYON: MAIN, analyst: ONCE, airport: ONCE}, W)
    assert not scoring.strangers_in_one_town(french, german)
    assert scoring.strangers_in_one_town(german, roundup)


def test_a_side_naming_the_others_town_too_seldom_for_its_own_is_set_in_it() -> None:
    """Two invented nights of vandalism in Lyon, tiles broken at one square and a tower sprayed
    with paint: the square's second report names Lyon once, beside the four towns whose tiles
    were hit, so it has no town of its own; it still names Lyon, and its square, named twice,
    is not the tower."""
    towns = [ev.entity_term("place", f"place:geonames:{n}", "FR") for n in (2988507, 3031582)]
    tiles = scoring.roles({LYON: ONCE, towns[0]: ONCE, towns[1]: ONCE, _venue("orvane"): MAIN}, W)
    assert tiles.town is None and tiles.venue == _venue("orvane")
    tower = scoring.roles({LYON: MAIN, _venue("belmar"): MAIN, _venue("orvane"): ONCE}, W)
    assert scoring.conflict(tiles, tower) and scoring.conflict(tower, tiles)
    marseille = ev.entity_term("place", "place:geonames:2995469", "FR")  # a town it never names
    elsewhere = scoring.roles({marseille: MAIN, _venue("belmar"): MAIN}, W)
    assert not scoring._other_districts(tiles, elsewhere, scoring.COMMUTE_KM)


def test_an_article_at_one_venue_or_naming_both_bridges_no_two_events_at_two() -> None:
    """Two invented events in one town, one set at a tower and one at a square, each naming
    the other's venue often enough in passing that their roles do not conflict: an article
    set at the tower, or one naming both twice, joins its best event and bridges nothing."""
    tower = scoring.roles({LYON: MAIN, _venue("belmar"): MAIN * 2, _venue("orvane"): MAIN}, W)
    square = scoring.roles({LYON: MAIN, _venue("orvane"): MAIN * 2, _venue("belmar"): MAIN}, W)
    assert not scoring.conflict(tower, square, in_passing=True)
    vector = {"a": 1.0, "b": 1.0}
    centroids = {1: {"a": 2.0, "b": 1.0}, 2: {"a": 1.0, "b": 2.0}}
    scored, roles = [(0.9, 1), (0.8, 2)], {1: tower, 2: square}
    assert scoring.decide(vector, scored, centroids, POLICY, roles).events == (1, 2)
    at_tower = scoring.roles({LYON: MAIN, _venue("belmar"): MAIN}, W)
    both = scoring.roles({LYON: MAIN, _venue("belmar"): MAIN, _venue("orvane"): MAIN}, W)
    for own in (at_tower, both):
        assert scoring.decide(vector, scored, centroids, POLICY, roles, own=own).events == (1,)
    elsewhere = scoring.roles({LYON: MAIN, _venue("belmar"): ONCE}, W)  # named once: set nowhere
    assert scoring.decide(vector, scored, centroids, POLICY, roles, own=elsewhere).events == (
        1,
        2,
    )


def test_an_article_naming_two_districts_twice_bridges_no_two_events_set_in_them() -> None:
    """Two invented floods in one town, one event set in the Marvelle district and one in
    the Ostrane district, each naming the other's in passing often enough that their roles
    do not conflict: the council's order to pump cellars "after both floods", naming each
    district twice, tells of both side by side and bridges nothing, as with two venues."""
    first = scoring.roles(
        {LYON: MAIN, _district("marvelle"): MAIN * 2, _district("ostrane"): MAIN}, W
    )
    second = scoring.roles(
        {LYON: MAIN, _district("ostrane"): MAIN * 2, _district("marvelle"): MAIN}, W
    )
    assert first.local == _district("marvelle") and second.local == _district("ostrane")
    assert not scoring.conflict(first, second, in_passing=True)
    vector = {"a": 1.0, "b": 1.0}
    centroids = {1: {"a": 2.0, "b": 1.0}, 2: {"a": 1.0, "b": 2.0}}
    scored, roles = [(0.9, 1), (0.8, 2)], {1: first, 2: second}
    assert scoring.decide(vector, scored, centroids, POLICY, roles).events == (1, 2)
    both = scoring.roles({LYON: MAIN, _district("marvelle"): MAIN, _district("ostrane"): MAIN}, W)
    assert scoring.decide(vector, scored, centroids, POLICY, roles, own=both).events == (1,)


# A headline-only wire on the Fennick flood: "Levee repairs begin in Fennick". The run's
# events have paired its words with the flood's ("levee" and "fennick" each joined reports
# whose event said "river" and "evacuation") and with the council's budget row ("fennick"
# with "budget"). Document counts of 100 earlier reports.
_LINKS = {
    "fennick": {"river": 6, "evacuation": 4, "budget": 5},
    "levee": {"river": 5, "evacuation": 3, "sandbag": 4},
}
_COUNTS = {"fennick": 10, "levee": 8, "river": 9, "evacuation": 6, "budget": 7, "sandbag": 4}


def test_linked_terms_are_those_two_headline_terms_link_to() -> None:
    """One word's links drift to its other stories ("fennick" to the budget row); a term two
    of the headline's words link to belongs to the story they tell together."""
    headline = {"fennick": 2.0, "levee": 3.0}
    linked = scoring.linked_terms(headline, _LINKS, _COUNTS, 100)
    assert set(linked) == {"river", "evacuation"}
    fennick_alone = scoring.linked_terms({"fennick": 2.0}, _LINKS, _COUNTS, 100)
    assert fennick_alone == {}
    # each weight: headline weight x share of the term's reports x the linked term's IDF
    river = 2.0 * 0.6 * ev.idf(9, 100) + 3.0 * 5 / 8 * ev.idf(9, 100)
    assert linked["river"] == pytest.approx(river)


def test_a_term_seen_everywhere_is_not_linked() -> None:
    """A term that follows the headline's words no more often than it occurs at all (its
    pointwise mutual information is not positive) says nothing of their story."""
    everywhere = {**_COUNTS, "river": 90}  # in 90 of 100 reports; after "fennick" in 6 of 10
    linked = scoring.linked_terms({"fennick": 2.0, "levee": 3.0}, _LINKS, everywhere, 100)
    assert set(linked) == {"evacuation"}


def test_a_headline_in_context_weighs_its_linked_terms_at_a_share_of_its_own() -> None:
    headline = {"fennick": 3.0, "levee": 4.0}
    linked = {"river": 10.0, "evacuation": 5.0}
    read = scoring.in_context(headline, linked)
    assert {t: read[t] for t in headline} == headline
    assert ev.norm({t: read[t] for t in linked}) == pytest.approx(0.3 * 5.0)
    assert read["river"] == pytest.approx(2 * read["evacuation"])
    assert scoring.in_context(headline, {}) == headline


def test_a_headline_in_context_takes_the_terms_and_share_a_deployment_sets() -> None:
    headline = {"fennick": 3.0, "levee": 4.0}
    read = scoring.in_context(headline, {"river": 10.0, "evacuation": 5.0}, terms=1, share=0.5)
    assert "evacuation" not in read
    assert read["river"] == pytest.approx(0.5 * 5.0)


def test_a_headline_in_context_finds_its_story_among_events_sharing_one_word() -> None:
    """The headline shares one word with the flood and one with the budget row: alone it
    cannot tell them apart; read with the terms its words link to, the flood scores higher."""
    headline = {"fennick": 2.0, "repairs": 3.0}
    flood = {"fennick": 2.0, "river": 4.0, "evacuation": 3.0, "rain": 2.0}
    budget = {"fennick": 2.0, "budget": 4.0, "tax": 3.0, "council": 2.0}
    centroids = {1: flood, 2: budget}
    links = {"fennick": _LINKS["fennick"], "repairs": {"river": 3, "evacuation": 3}}
    counts = {**_COUNTS, "repairs": 5}
    roles = dict.fromkeys(centroids, NOBODY)
    best = {1: 0.0, 2: 0.0}
    plain = scoring.score_events(headline, best, centroids, POLICY, NOBODY, roles, {})
    assert plain[0][0] == pytest.approx(plain[1][0])
    context = scoring.in_context(headline, scoring.linked_terms(headline, links, counts, 100))
    read = scoring.score_events(headline, best, centroids, POLICY, NOBODY, roles, {}, None, context)
    assert [e for _, e in read] == [1, 2]
    assert read[0][0] > plain[0][0] and read[1][0] < plain[1][0]


def test_countries_named_alike_place_no_report_and_its_town_does() -> None:
    """A Bremen brewer's recall "widens to Austria and Denmark": the two countries, named as
    often as each other, say where the product went, not where the report is; the one town it
    names, Bremen, still does, so the recall's first report (Bremen, Germany) is not another
    country's happening. One country named that often is still the report's place."""
    austria = ev.entity_term("place", "place:geonames:2782113", "AT")
    denmark = ev.entity_term("place", "place:geonames:2623032", "DK")
    bremen = ev.entity_term("place", "place:geonames:2944388", "DE")
    widens = scoring.roles({austria: MAIN, denmark: MAIN, bremen: ONCE}, W)
    assert widens.place_country is None and widens.town == bremen
    assert widens.countries == {"at", "dk"}
    first = scoring.roles({bremen: MAIN, GERMANY: MAIN}, W)
    assert not scoring.conflict(widens, first) and not scoring.conflict(first, widens)
    one_country = scoring.roles({austria: MAIN, bremen: ONCE}, W)
    assert one_country.place_country == "at" and scoring.conflict(one_country, first)


def test_one_persons_reports_naming_a_town_each_once_are_not_set_apart_by_them() -> None:
    """A minister's resignation told by one report with Leipzig, where she announced it, and
    by another with Stuttgart, where she once ran a theatre, each named once: both are about
    her, and the towns are details. The mayor of Stuttgart of the same name, whose report makes
    Stuttgart its main place, is still held to his town; people of two towns still conflict."""
    surname = ev.entity_term("person", "wendel", None)
    full = ev.entity_term("person", "margit wendel", None)
    announced = scoring.roles({surname: MAIN, LEIPZIG: ONCE}, W)
    career = scoring.roles({full: MAIN, STUTTGART: ONCE}, W)
    assert announced.sole_town and career.sole_town
    assert not scoring.conflict(announced, career) and not scoring.conflict(career, announced)
    mayor = scoring.roles({ev.entity_term("person", "jost wendel", None): MAIN, STUTTGART: MAIN}, W)
    assert not mayor.sole_town and scoring.conflict(announced, mayor)
    other = scoring.roles({ev.entity_term("person", "ute brahms", None): MAIN, STUTTGART: ONCE}, W)
    assert scoring.conflict(announced, other)


def test_a_full_name_and_the_longer_one_it_begins_name_one_person() -> None:
    """A Spanish report names the mayor with both surnames, "Tomás Reyna Quiroga", the English
    wire "Tomás Reyna": in one town they are no strangers, and their names link the two
    reports as one term would. A full name beginning two longer ones names neither."""
    short, long_ = (
        ev.entity_term("person", "tomas reyna", None),
        ev.entity_term("person", "tomas reyna quiroga", None),
    )
    english = scoring.roles({LEIPZIG: MAIN, short: ONCE}, W)
    spanish = scoring.roles({LEIPZIG: MAIN, long_: ONCE}, W)
    assert not scoring.strangers_in_one_town(english, spanish)
    assert scoring.name_link({LEIPZIG: 2.0, short: 1.0}, {LEIPZIG: 2.0, long_: 1.0}) == (
        pytest.approx(1.0)
    )
    other = ev.entity_term("person", "tomas reyna salas", None)
    both = {LEIPZIG: 2.0, long_: 1.0, other: 1.0}
    assert scoring.name_link({LEIPZIG: 2.0, short: 1.0}, both) == 0.0


def test_a_report_naming_no_place_meets_by_name_where_its_words_place_it() -> None:
    """An English follow-up on a Leipzig tram crash names the driver and "the Saxon city",
    no place: its words join the English event about Leipzig, and there its driver meets the
    German report naming him and Leipzig, as a name link needs a place both name. Words too
    weak for the join threshold place it nowhere, and a report naming a place keeps its own."""
    follow_up = {"tram": 3.0, "inquiry": 2.0, DRIVER: 1.0}
    german = {"straßenbahn": 4.0, LEIPZIG: 2.0, DRIVER: 1.0}
    english_event = {"tram": 5.0, "derailed": 3.0, LEIPZIG: 2.0}
    assert scoring.name_link(follow_up, german) == 0.0
    placed = scoring.placed_by_its_event(follow_up, {7: 0.3}, {7: english_event}, POLICY)
    assert placed[LEIPZIG] == 2.0
    assert scoring.name_link(placed, german) >= POLICY.name_link_threshold
    weak = scoring.placed_by_its_event(follow_up, {7: 0.1}, {7: english_event}, POLICY)
    assert weak == follow_up
    own = {**follow_up, STUTTGART: 1.0}
    assert scoring.placed_by_its_event(own, {7: 0.3}, {7: english_event}, POLICY) == own


def _ship(name: str) -> str:
    return ev.entity_term("vessel", f"vessel:{name}", None)


PORTO = ev.entity_term("place", "place:geonames:2735943", "PT")
DOVER = ev.entity_term("place", "place:geonames:2651048", "GB")


def test_a_vessel_is_a_role_of_its_own() -> None:
    roles = scoring.roles({_ship("marisol dawn"): MAIN, _ship("tessa morrow"): ONCE}, W)
    assert roles.vessel == _ship("marisol dawn") == "v:marisol dawn"
    assert roles.vessels == {roles.vessel}
    assert roles.named_vessels == {_ship("marisol dawn"), _ship("tessa morrow")}
    assert roles.actor is None and roles.organization is None and not roles.named_people


def test_two_main_vessels_hold_reports_apart_as_two_main_actors_do() -> None:
    """Two cruise ships' outbreaks in one week: the virus, the kind's words and the ports
    named in passing are shared, the ship never."""
    dawn, morrow = (scoring.roles({_ship(n): MAIN}, W) for n in ("marisol dawn", "tessa morrow"))
    assert scoring.conflict(dawn, morrow) and scoring.held_apart(dawn, morrow)
    assert not scoring.conflict(dawn, scoring.roles({_ship("marisol dawn"): MAIN}, W))
    # a report that makes both ships its own does not conflict with either
    both = scoring.roles({_ship("marisol dawn"): MAIN, _ship("tessa morrow"): MAIN}, W)
    assert not scoring.conflict(dawn, both)
    # the other ship in passing ("after a ship in Dover, the Tessa Morrow") bridges nothing
    passing = scoring.roles({_ship("marisol dawn"): MAIN, _ship("tessa morrow"): ONCE}, W)
    assert scoring.conflict(morrow, passing)
    assert not scoring.conflict(morrow, passing, in_passing=True)
    # a ship named once makes no main role
    assert not scoring.conflict(dawn, scoring.roles({_ship("tessa morrow"): ONCE}, W))


def test_one_vessel_named_by_two_reports_lifts_their_ports_apart() -> None:
    """A ship's outbreak told from Porto, where it was held, and from Dover, where it sails
    back to: one ship, the same happening, though each report is set in its own country."""
    held = scoring.roles({PORTO: MAIN, _ship("marisol dawn"): ONCE}, W)
    back = scoring.roles({DOVER: MAIN, _ship("marisol dawn"): ONCE}, W)
    assert not scoring.conflict(held, back) and not scoring.held_apart(held, back)
    assert scoring.conflict(
        held, scoring.roles({DOVER: MAIN, _ship("tessa morrow"): ONCE}, W)
    )  # another ship
    assert scoring.conflict(held, scoring.roles({DOVER: MAIN}, W))  # no ship named


def test_a_shared_vessel_makes_a_name_link_across_languages() -> None:
    """A Portuguese and an English report of one ship in one port quote no one in common: the
    ship and the port they share link them as a person and a place would."""
    ship = _ship("marisol dawn")
    portuguese = {ship: 2.0, PORTO: 2.0, "surto": 3.0}
    english = {ship: 1.5, PORTO: 1.0, "outbreak": 3.0}
    assert scoring.name_link(portuguese, english) == pytest.approx(
        (2.0 * 1.5 + 2.0 * 1.0) / (math.hypot(2.0, 2.0) * math.hypot(1.5, 1.0))
    )
    assert scoring.name_link({PORTO: 2.0}, {PORTO: 1.0}) == 0.0  # one port is any happening


def test_a_town_named_once_that_the_other_side_names_too_sets_no_side_apart() -> None:
    """A hunter's stray bullet hits a walker near a village the gazetteer lacks, in Leipzig's
    hinterland; the first reports name Leipzig as where it is and Stuttgart once, where he was
    flown to hospital. The next day's follow-up names Stuttgart once only ("Stuttgart's
    hospital"): the first reports speak of that town too, so it is no sign of elsewhere. A
    follow-up naming once a town the first reports never name (Hamburg) still is."""
    first = scoring.roles({LEIPZIG: MAIN, STUTTGART: ONCE}, W)
    follow_up = scoring.roles({STUTTGART: ONCE}, W)
    assert follow_up.sole_town and follow_up.town == STUTTGART
    assert not scoring.conflict(follow_up, first) and not scoring.conflict(first, follow_up)
    hamburg = ev.entity_term("place", "place:geonames:2911298", "DE")
    elsewhere = scoring.roles({hamburg: ONCE}, W)
    assert scoring.conflict(elsewhere, first) and scoring.conflict(first, elsewhere)


def test_a_ship_the_firms_event_names_makes_a_report_one_of_its_own() -> None:
    """A tug's barges hit a pier in Leipzig; the German reports' heaviest name is a word read
    as a firm ("Schleppverband"), the English report quotes its own spokeswoman and never
    that word, but names the tug the German reports name: the same happening, not a report
    about someone else. Another tug, or none, says nothing of it."""
    convoy = ev.entity_term("organization", "organization:schleppverband", None)
    spokeswoman = ev.entity_term("person", "greta vollmer", None)
    event = scoring.roles({convoy: MAIN, LEIPZIG: MAIN, _ship("elsterfalke"): ONCE}, W)
    english = scoring.roles({spokeswoman: ONCE, _ship("elsterfalke"): ONCE}, W)
    assert not scoring._unnamed_firm({"barge": 1.0}, english, event)
    other_tug = scoring.roles({spokeswoman: ONCE, _ship("muldenreiher"): ONCE}, W)
    assert scoring._unnamed_firm({"barge": 1.0}, other_tug, event)
    assert scoring._unnamed_firm({"barge": 1.0}, scoring.roles({spokeswoman: ONCE}, W), event)


def test_a_ship_only_the_events_reports_name_vouches_as_a_full_name_does() -> None:
    """A tanker hijacked off Leipzig's (invented) port: the owners' German report quotes only
    their own manager, names the town and the tanker once each. The tanker, which only this
    event's reports name, vouches for it; a tanker another event names too does not."""
    manager = ev.entity_term("person", "hauke tessmer", None)
    tanker = _ship("marisol dawn")
    event = scoring.roles({LEIPZIG: MAIN, tanker: ONCE}, W)
    owners = scoring.roles({LEIPZIG: ONCE, STUTTGART: ONCE, tanker: ONCE, manager: ONCE}, W)
    assert owners.town is None and owners.place_country is None
    assert scoring.vouched(owners, event, frozenset({tanker}))
    assert not scoring.vouched(owners, event, frozenset())


def _headline_vector(headline: str) -> dict[str, float]:
    return {word: 1.0 for word in headline.lower().split()}


CRANE = [
    "crane collapse halts halvik port",
    "halvik port crane collapse injures dockers",
    "dockers strike after halvik crane collapse",
    "halvik crane collapse inquiry opens",
    "halvik port reopens after crane collapse",
    "inquiry blames wind for halvik crane collapse",
    "halvik port operator files for bankruptcy after crane collapse",
]
BAKERY = [
    "luma bakeries files for bankruptcy",
    "luma bakeries bankruptcy puts jobs at risk",
    "bankruptcy judge approves luma bakeries loan",
    "luma bakeries seeks buyer in bankruptcy",
]


def test_a_second_story_that_a_bridge_headline_let_in_is_parted_out() -> None:
    """Bakery headlines that came in through the crane operator's bankruptcy link among
    themselves, hardly to the crane reports: they are a story of their own."""
    members = {i: _headline_vector(h) for i, h in enumerate(CRANE + BAKERY)}
    bakery = frozenset(range(len(CRANE), len(CRANE) + len(BAKERY)))
    assert scoring.second_community(members, POLICY) == bakery


def test_one_story_told_many_ways_is_not_parted() -> None:
    members = {i: _headline_vector(h) for i, h in enumerate(CRANE)}
    assert scoring.second_community(members, POLICY) == frozenset()


HAMBURG = ev.entity_term("place", "place:geonames:2911298", "DE")
ALTONA = ev.entity_term("place", "place:geonames:2911296", "DE")  # a district of Hamburg
WANDSBEK = ev.entity_term("place", "place:geonames:2911285", "DE")  # another


def test_sides_set_in_two_parts_of_one_city_conflict() -> None:
    """Two invented roof collapses in Hamburg on one day, a gym's in Altona and a warehouse's
    in Wandsbek, districts the gazetteer holds as towns within commuting distance of the
    city: each report names the city and makes its own part a main place, the other's once
    at most; the parts say they are two, as districts do. A report that names only the city,
    one that makes both parts main places, and a part against its city itself are not held
    apart (a report of one happening may place it by the city or the part)."""
    gym = scoring.roles({HAMBURG: ONCE, ALTONA: MAIN}, W)
    warehouse = scoring.roles({HAMBURG: MAIN, WANDSBEK: MAIN, ALTONA: ONCE}, W)
    assert scoring.conflict(gym, warehouse) and scoring.conflict(warehouse, gym)
    city = scoring.roles({HAMBURG: MAIN}, W)
    assert not scoring.conflict(city, gym) and not scoring.conflict(warehouse, city)
    both = scoring.roles({HAMBURG: ONCE, ALTONA: MAIN, WANDSBEK: MAIN}, W)
    assert not scoring.conflict(both, gym) and not scoring.conflict(warehouse, both)
    # a report that does not name the city: the two towns are one locality, as before
    alone = scoring.roles({WANDSBEK: MAIN}, W)
    assert not scoring.conflict(gym, alone)


def test_a_district_and_a_town_held_as_part_of_one_city_conflict() -> None:
    """Two invented thefts in Hamburg on one night, a chapel's in its Lindenhof district
    (named twice, no town to the gazetteer) and a shop's in Altona (a town to the gazetteer,
    within the city): each side's part of the city is its own, and they are two. A side that
    names Altona as a district is set where the town-reading side is, and the city alone
    sets no part."""
    district = ev.entity_term("place", "place:district:lindenhof", None)
    altona_district = ev.entity_term("place", "place:district:altona", None)
    chapel = scoring.roles({HAMBURG: MAIN, district: MAIN}, W)
    shop = scoring.roles({HAMBURG: MAIN, ALTONA: MAIN}, W)
    assert scoring.conflict(chapel, shop) and scoring.conflict(shop, chapel)
    shop_in_german = scoring.roles({HAMBURG: MAIN, altona_district: MAIN}, W)
    assert not scoring.conflict(shop_in_german, shop)
    assert not scoring.conflict(scoring.roles({HAMBURG: MAIN}, W), chapel)


def test_a_district_a_side_names_as_its_town_is_its_own() -> None:
    """An invented theft set in Hamburg's Altona district by one report, and a follow-up
    that makes Altona (a town to the gazetteer) its main place and names the Lindenhof
    district once, for where the loot was sold: one place, not two districts."""
    altona_district = ev.entity_term("place", "place:district:altona", None)
    lindenhof = ev.entity_term("place", "place:district:lindenhof", None)
    theft = scoring.roles({HAMBURG: MAIN, altona_district: MAIN}, W)
    follow_up = scoring.roles({ALTONA: MAIN, lindenhof: ONCE}, W)
    assert not scoring.conflict(theft, follow_up) and not scoring.conflict(follow_up, theft)
    elsewhere = scoring.roles({HAMBURG: MAIN, lindenhof: MAIN}, W)
    assert scoring.conflict(theft, elsewhere)


def test_towns_around_a_city_are_no_parts_of_it() -> None:
    """Towns beyond a city's districts (Pinneberg and Norderstedt, 17-18 km from Hamburg's
    centre) are its neighbours, not parts: an invented flood whose reports place it by one
    town and by the next, both naming the city, is left to the town rules (one locality)."""
    pinneberg = ev.entity_term("place", "place:geonames:2853658", "DE")
    norderstedt = ev.entity_term("place", "place:geonames:2862026", "DE")
    one = scoring.roles({HAMBURG: ONCE, pinneberg: MAIN}, W)
    other = scoring.roles({HAMBURG: ONCE, norderstedt: MAIN}, W)
    assert not scoring.conflict(one, other)


def test_a_roundup_naming_two_held_apart_events_towns_alike_joins_neither() -> None:
    """A lorry wedged under a rail bridge in Leipzig and another in Stuttgart on one day, one
    rail operator for both: the next day's hauliers' call names each town twice and makes
    neither its own, and shares its words with both strikes' follow-ups. It tells of both
    side by side and joins neither event; a report naming one of them twice and the other
    once, or one that names a town of its own, is scored as before."""
    twice = W * (1 + math.log(2))
    operator = ev.entity_term("organization", "railnet", None)
    leipzig = scoring.roles({LEIPZIG: MAIN, operator: MAIN}, W)
    stuttgart = scoring.roles({STUTTGART: MAIN, operator: MAIN}, W)
    assert scoring.held_apart(leipzig, stuttgart)
    vector = {"lorry": 1.0, "bridge": 1.0, "hauliers": 1.0}
    centroids = {1: dict(vector), 2: {"lorry": 1.0, "bridge": 1.0}}
    events = {1: leipzig, 2: stuttgart}
    best = {1: 0.9, 2: 0.5}
    roundup = scoring.roles({LEIPZIG: twice, STUTTGART: twice, operator: ONCE}, W)
    assert roundup.town is None
    scored = scoring.score_events(vector, best, centroids, POLICY, roundup, events, {})
    assert [s for s, _ in scored] == [0.0, 0.0]
    passing = scoring.roles({LEIPZIG: twice, STUTTGART: ONCE, operator: ONCE}, W)
    scored = scoring.score_events(vector, best, centroids, POLICY, passing, events, {})
    assert scored[0][1] == 1 and scored[0][0] > POLICY.similarity_threshold
    # two events of one locality (Halle is 30 km from Leipzig) are no two happenings' towns
    halle = ev.entity_term("place", "place:geonames:2911522", "DE")
    nearby = {1: leipzig, 2: scoring.roles({halle: MAIN, operator: MAIN}, W)}
    roundup = scoring.roles({LEIPZIG: twice, halle: twice, operator: ONCE}, W)
    scored = scoring.score_events(vector, best, centroids, POLICY, roundup, nearby, {})
    assert scored[0][1] == 1 and scored[0][0] > POLICY.similarity_threshold
    # unless they are held apart: each strike's report quotes its own driver
    drivers = [ev.entity_term("person", name, None) for name in ("timo brandt", "uwe kessler")]
    apart = {
        1: scoring.roles({LEIPZIG: MAIN, operator: MAIN, drivers[0]: MAIN}, W),
        2: scoring.roles({halle: MAIN, operator: MAIN, drivers[1]: MAIN}, W),
    }
    assert scoring.held_apart(apart[1], apart[2])
    # the roundup names the state police in Stuttgart too: no sole locality of its own
    roundup = scoring.roles({LEIPZIG: twice, halle: twice, STUTTGART: ONCE, operator: ONCE}, W)
    assert roundup.town is None
    scored = scoring.score_events(vector, best, centroids, POLICY, roundup, apart, {})
    assert [s for s, _ in scored] == [0.0, 0.0]


def test_a_roundup_telling_of_an_events_other_happening_is_no_bridge_into_it() -> None:
    """Cash machines blown up on one night in Leipzig and in Halle (one locality, one police
    for both): the Halle reports tell of "another blast in Leipzig", and a roundup with no
    town of its own names both towns twice each. A Halle follow-up that takes both the Halle
    event and the roundup's lone event does not merge them: the roundup tells of both side by
    side. A report that names a town of its own, or Halle more often, is bridged as before."""
    twice = W * (1 + math.log(2))
    halle = ev.entity_term("place", "place:geonames:2911522", "DE")
    told = ev.ELSEWHERE_PREFIX + LEIPZIG[len(ev.PLACE_PREFIX) :]
    halle_event = scoring.roles({halle: MAIN, told: ONCE}, W)
    assert LEIPZIG in halle_event.elsewhere
    vector = {"blast": 1.0, "cash": 1.0, "machine": 1.0}
    centroids = {1: dict(vector), 2: dict(vector)}
    scored = [(0.7, 1), (0.5, 2)]

    def bridged(second: scoring.Roles) -> tuple[int, ...]:
        events = {1: halle_event, 2: second}
        return scoring.decide(vector, scored, centroids, POLICY, events, {}, NOBODY).events

    assert bridged(scoring.roles({LEIPZIG: twice, halle: twice, STUTTGART: ONCE}, W)) == (1,)
    assert bridged(scoring.roles({LEIPZIG: twice, halle: MAIN + ONCE}, W)) == (1, 2)
    assert bridged(scoring.roles({halle: twice}, W)) == (1, 2)


def test_a_member_moves_to_an_event_that_takes_it_over_its_own() -> None:
    threshold = POLICY.similarity_threshold
    assert scoring.moves_to([(threshold + 0.2, 2), (threshold, 1)], 1, POLICY) == 2
    # its own event still scores higher, or the other does not reach the join threshold
    assert scoring.moves_to([(threshold + 0.2, 1), (threshold + 0.1, 2)], 1, POLICY) == 1
    assert scoring.moves_to([(threshold - 0.01, 2), (0.0, 1)], 1, POLICY) == 1
    # only the best other event is a candidate; nothing scored, it stays
    assert scoring.moves_to([(threshold - 0.01, 2), (threshold + 0.1, 3)], 1, POLICY) == 1
    assert scoring.moves_to([], 1, POLICY) == 1


def test_the_least_central_members_are_those_least_like_their_event_without_them() -> None:
    members = {
        1: {"quake": 1.0, "coast": 1.0},
        2: {"quake": 1.0, "coast": 0.5},
        3: {"quake": 1.0, "tsunami": 1.0},
        4: {"ferry": 1.0, "strike": 1.0},
    }
    centroid: dict[str, float] = {}
    for vector in members.values():
        for term, weight in vector.items():
            centroid[term] = centroid.get(term, 0.0) + weight
    assert scoring.least_central(members, centroid, 1) == [4]
    assert scoring.least_central(members, centroid, 2) == [3, 4]


def test_a_side_set_in_a_town_the_gazetteer_lacks_takes_no_town_named_once() -> None:
    """An invented stud outbreak at Deauville, a town under the gazetteer's floor (read as a
    ``town:`` term): the report names Compiègne once, where another yard's outbreak is. It is
    set in Deauville, its town when its country is known, so Compiègne is not its one town;
    a report that names Deauville once only still takes the one town it names."""
    deauville = ev.entity_term("place", "place:town:deauville", "FR")
    countryless = ev.entity_term("place", "place:town:deauville", None)
    compiegne = ev.entity_term("place", "place:geonames:3024066", "FR")
    assert scoring.roles({deauville: MAIN, compiegne: ONCE}, W).town == deauville
    assert scoring.roles({countryless: MAIN, compiegne: ONCE}, W).town is None
    assert scoring.roles({deauville: ONCE, compiegne: ONCE}, W).town == compiegne


PARIS = ev.entity_term("place", "place:geonames:2988507", "FR")
BORDEAUX = ev.entity_term("place", "place:geonames:3031582", "FR")


def test_a_follow_up_from_another_town_that_names_the_events_town_and_retells_it_joins() -> None:
    """A tailings dam breaks at a Leipzig gravel pit; the next day the quarrying federation
    speaks in Stuttgart, where the wire files from, names Leipzig and retells the breach (the
    operator, the sludge, the flooded allotments). The first reports never name Stuttgart:
    held apart by the towns alone, the follow-up's words make it the breach's. A pit fire in
    Stuttgart that names the Leipzig breach shares the kind's words, not the breach's own; a
    follow-up that never names Leipzig, or one about a person the breach's reports never
    name, stays apart."""
    engineer, federation_head, owner = (
        ev.entity_term("person", "henrike solm", None),
        ev.entity_term("person", "arvid kranich", None),
        ev.entity_term("person", "matthis obenauer", None),
    )
    operator = ev.entity_term("organization", "kieswerk auenblick", None)
    breach = {
        "tailings": 3.0,
        "kieswerk": 3.0,
        "auenblick": 3.0,
        "sludge": 2.0,
        "allotments": 2.0,
        "dam": 1.0,
        "pit": 1.0,
    }
    event = scoring.roles({LEIPZIG: MAIN, engineer: ONCE, operator: ONCE}, W)
    follow_up = scoring.roles({STUTTGART: MAIN, LEIPZIG: ONCE, federation_head: ONCE}, W)
    assert scoring.conflict(follow_up, event)
    retold = {
        "tailings": 3.0,
        "kieswerk": 3.0,
        "auenblick": 2.0,
        "sludge": 2.0,
        "federation": 2.0,
        "checks": 1.0,
        "pit": 1.0,
    }
    assert scoring.retold_from_elsewhere(retold, breach, POLICY, follow_up, event)
    ((value, _),) = scoring.score_events(
        retold, {10: 0.0}, {10: breach}, POLICY, follow_up, {10: event}, {}
    )
    assert value >= POLICY.similarity_threshold
    other_pit = {
        "pit": 3.0,
        "fire": 3.0,
        "conveyor": 2.0,
        "dam": 1.0,
        "sludge": 1.0,
        "allotments": 1.0,
    }
    assert ev.cosine(other_pit, breach) >= POLICY.similarity_threshold
    fire = scoring.roles({STUTTGART: MAIN, LEIPZIG: ONCE, owner: ONCE}, W)
    assert not scoring.retold_from_elsewhere(other_pit, breach, POLICY, fire, event)
    # a conveyor fire in Stuttgart whose lead names the breach's operator and its pit: most
    # of the breach's identity, but mostly about its own
    own_news = {
        "tailings": 1.0,
        "kieswerk": 1.0,
        "auenblick": 1.0,
        "sludge": 1.0,
        "fire": 3.0,
        "conveyor": 3.0,
        "smoke": 2.0,
        "belt": 2.0,
    }
    assert ev.cosine(own_news, breach) >= POLICY.similarity_threshold
    assert scoring.identity_share(own_news, breach, POLICY.identity_terms) >= 0.5
    assert not scoring.retold_from_elsewhere(own_news, breach, POLICY, fire, event)
    # the breach's reports name Stuttgart, where the minister travelled on to: a happening
    # of the same day there, not a follow-up they could not have known of
    knows_stuttgart = scoring.roles({LEIPZIG: MAIN, STUTTGART: ONCE, engineer: ONCE}, W)
    assert scoring.conflict(follow_up, knows_stuttgart)
    assert not scoring.retold_from_elsewhere(retold, breach, POLICY, follow_up, knows_stuttgart)
    silent = scoring.roles({STUTTGART: MAIN, federation_head: ONCE}, W)  # never names Leipzig
    assert not scoring.retold_from_elsewhere(retold, breach, POLICY, silent, event)
    about_him = scoring.roles({STUTTGART: MAIN, LEIPZIG: ONCE, federation_head: MAIN}, W)
    assert not scoring.retold_from_elsewhere(retold, breach, POLICY, about_him, event)


def test_a_verdicts_reaction_from_the_capital_joins_the_verdict_in_its_town() -> None:
    """A Bordeaux court fines a wine merchant for blending; the trade body reacts in Paris
    and names the Bordeaux court, the merchant and the fine. One town conflict, no other:
    the reaction joins. Another court's fine in Paris the same day, naming Bordeaux's verdict
    beside its own, holds the kind's words only."""
    judge, trade_head, other_merchant = (
        ev.entity_term("person", "odile verrant", None),
        ev.entity_term("person", "paul estrabaut", None),
        ev.entity_term("person", "lucien morvaque", None),
    )
    verdict = {
        "chateau": 3.0,
        "lormiane": 3.0,
        "blending": 3.0,
        "fine": 2.0,
        "court": 1.0,
        "merchant": 1.0,
    }
    event = scoring.roles({BORDEAUX: MAIN, judge: ONCE}, W)
    reaction = scoring.roles({PARIS: MAIN, BORDEAUX: ONCE, trade_head: ONCE}, W)
    assert scoring.conflict(reaction, event)
    told = {
        "lormiane": 3.0,
        "blending": 3.0,
        "chateau": 2.0,
        "fine": 2.0,
        "trade": 2.0,
        "labels": 1.0,
    }
    assert scoring.retold_from_elsewhere(told, verdict, POLICY, reaction, event)
    own_case = {"fine": 3.0, "court": 3.0, "merchant": 2.0, "labels": 2.0, "blending": 1.0}
    other = scoring.roles({PARIS: MAIN, BORDEAUX: ONCE, other_merchant: ONCE}, W)
    assert not scoring.retold_from_elsewhere(own_case, verdict, POLICY, other, event)


def _summed_terms(reports: list[tuple[str, str, str]]) -> dict[str, float]:
    """The raw centroid of invented ``(language, title, text)`` reports: their terms summed."""
    weights = ev.TermWeights()
    centroid: dict[str, float] = {}
    for language, title, text in reports:
        mentions = recognize_entities(title, text, language)
        for term, value in ev.article_terms(title, text, weights, language, mentions).items():
            centroid[term] = centroid.get(term, 0.0) + value
    return centroid


# An invented ferry grounding whose first reports only quote the port operator "Portvia" as
# their source, and the ferry line's follow-up, naming its chief in full.
_GROUNDING_REPORTS = [
    (
        "es",
        "Un ferry encalla con 300 pasajeros frente a Punta Lobera",
        (
            "Unos 300 pasajeros pasaron la noche a bordo de un ferry encallado frente a Punta "
            "Lobera, según ha informado Portvia. El portavoz de Portvia, Ignacio "
            "Maldonado, aseguró que nadie resultó herido. Los remolcadores intentarán liberar el "
            "buque con la marea alta."
        ),
    ),
    (
        "en",
        "Ferry with 300 aboard runs aground off Punta Lobera",
        (
            "About 300 passengers spent the night aboard a ferry that ran aground off Punta Lobera, "
            "port operator Portvia said. A Portvia spokesman said tugs would try to "
            "pull the ship free at high tide."
        ),
    ),
]
_GROUNDING_FOLLOW_UP = (
    "es",
    "La naviera indemnizará a los pasajeros del ferry encallado",
    (
        "La naviera Solmarina devolverá el billete a los 300 pasajeros del ferry encallado. Su "
        "presidenta, Beatriz Arregui, pidió disculpas y atribuyó el accidente a un fallo del radar."
    ),
)


def test_a_firm_the_reports_only_quote_is_their_source_not_what_they_are_about() -> None:
    """The grounding's reports name the port authority twice each, only as their source
    ("según ha informado", "el portavoz de", "... said", "a ... spokesman"): it is their
    event's main organization, but the event is not about it, so the ferry line's follow-up,
    naming its chairwoman, is not held off as a report of another happening about someone
    else (:func:`event_scoring._unnamed_firm`)."""
    weights = ev.TermWeights()
    event = scoring.roles(_summed_terms(_GROUNDING_REPORTS), weights.who_where)
    assert event.organization is not None
    assert event.organization in event.quoted_organizations
    follow_up_terms = _summed_terms([_GROUNDING_FOLLOW_UP])
    follow_up = scoring.roles(follow_up_terms, weights.who_where)
    assert not scoring._unnamed_firm(follow_up_terms, follow_up, event)


def test_a_firm_one_report_tells_of_is_what_the_event_is_about() -> None:
    """A report telling what the firm did ("Portvia closed the harbour") makes the
    event about the firm, however often the others only quote it: a stranger naming someone
    else is held off as before."""
    acting = (
        "en",
        "Harbour closed after ferry grounding",
        (
            "The port operator Portvia closed the harbour at Punta Lobera to all traffic on "
            "Tuesday after a ferry ran aground, and Portvia sent two tugs to free it."
        ),
    )
    weights = ev.TermWeights()
    event = scoring.roles(_summed_terms([*_GROUNDING_REPORTS, acting]), weights.who_where)
    assert event.organization is not None
    assert event.organization not in event.quoted_organizations
    follow_up_terms = _summed_terms([_GROUNDING_FOLLOW_UP])
    follow_up = scoring.roles(follow_up_terms, weights.who_where)
    assert scoring._unnamed_firm(follow_up_terms, follow_up, event)


def test_a_town_the_gazetteer_lacks_named_twice_is_its_reports_town() -> None:
    """An invented lab raid in Kleinwalsbach, a village under the gazetteer's floor read with
    its country from a dateline ("KLEINWALSBACH, Germany, May 2 -") and named again: the
    report is set there, so a report of another raid in Leipzig is another happening, as is
    one in Oberhainach, another village the gazetteer lacks (no coordinates say the two are
    one locality); a second report of the Kleinwalsbach raid is not. A village named once
    (a dateline alone, a passing mention) is no town of its report."""
    village = ev.entity_term("place", "place:town:kleinwalsbach", "DE")
    other_village = ev.entity_term("place", "place:town:oberhainach", "DE")
    raid = scoring.roles({village: TWICE, GERMANY: ONCE}, W)
    assert raid.town == village and raid.sole_town
    assert scoring.conflict(raid, scoring.roles({LEIPZIG: MAIN}, W))
    assert scoring.conflict(raid, scoring.roles({other_village: MAIN}, W))
    assert not scoring.conflict(raid, scoring.roles({village: MAIN}, W))
    named_once = scoring.roles({village: ONCE, GERMANY: ONCE}, W)
    assert named_once.town is None
    assert not scoring.conflict(named_once, scoring.roles({LEIPZIG: MAIN}, W))


def test_a_town_the_gazetteer_lacks_may_lie_in_the_region_the_other_side_is_read_by() -> None:
    """An invented ferry held at Vilarmedo, a harbour village under the gazetteer's floor, in a
    report that names the Porto district as its main place (read as the town of Porto); the
    skipper's hearing told from Vilarmedo the next day: the village may lie in that district,
    and no coordinates say it does not. Against the city of Porto named as itself, or the
    town of Braga, the village is another town."""
    village = ev.entity_term("place", "place:town:vilarmedo", "PT")
    hearing = scoring.roles({village: MAIN}, W)
    held = scoring.roles({PORTO_DISTRICT: MAIN, village: ONCE}, W)
    assert held.town == PORTO and held.regional_town
    assert not scoring.conflict(hearing, held) and not scoring.conflict(held, hearing)
    assert scoring.conflict(hearing, scoring.roles({PORTO: MAIN}, W))
    assert not scoring.roles({PORTO: MAIN}, W).regional_town
    assert scoring.conflict(hearing, scoring.roles({BRAGA: MAIN}, W))


# Two invented market debuts in one city on one day, each report naming the other firm once.
_FIRST_DEBUT = (
    "en",
    "Lumarent shares jump in Vienna debut",
    (
        "VIENNA, June 3 - Shares in solar firm Lumarent rose 15 percent on their first day in "
        "Vienna. Lumarent raised 300 million euros. Kestrova lists later in the day."
    ),
)
_SECOND_DEBUT = (
    "de",
    "Kestrova-Aktie fällt beim Börsendebüt",
    (
        "WIEN, 3. Juni - Der Linzer Batteriehersteller Kestrova hat einen schwachen Start an "
        "der Wiener Börse erlebt. Kestrova nahm 90 Millionen Euro ein. Anleger kauften lieber "
        "die Aktie von Lumarent."
    ),
)


def test_a_headline_naming_its_firm_in_a_compound_holds_it_apart_from_another_firms_event() -> None:
    """The second firm's German report names its firm in the headline's compound
    ("Kestrova-Aktie") and twice in its text: its firm is its main organization, so the first
    firm's event is another happening."""
    weights = ev.TermWeights()
    event = scoring.roles(_summed_terms([_FIRST_DEBUT]), weights.who_where)
    report = scoring.roles(_summed_terms([_SECOND_DEBUT]), weights.who_where)
    assert report.organization == ev.entity_term("organization", "kestrova", None)
    assert scoring.conflict(report, event)


def test_of_two_districts_named_alike_the_leads_is_the_articles_own() -> None:
    """An invented report of a roof falling in the Varnezzo district of Lyon that names, at
    its end, the Ostrane district where a roof fell that morning: each named once, the lead's
    is where its happening was; the other stays a district it names."""
    title = "Roof falls on flats in Lyon"
    text = (
        "LYON, June 3 - A roof fell onto flats in the Varnezzo district of Lyon on Tuesday,"
        " injuring two people, firefighters said.\n\n"
        "Engineers inspected the building overnight.\n\n"
        "In the morning a roof had come down in the Ostrane district as well."
    )
    weights = ev.TermWeights()
    terms = ev.article_terms(title, text, weights, "en", recognize_entities(title, text, "en"))
    assert _district("ostrane") in terms
    assert scoring.roles(terms, weights.who_where).local == _district("varnezzo")


def test_a_shared_town_the_gazetteer_lacks_makes_a_name_link_across_languages() -> None:
    """An invented trawler held at Kilnacarrig, a harbour village under the gazetteer's floor:
    the English wire reads it from its dateline ("KILNACARRIG, Ireland"), the Spanish report
    from "el puerto irlandés de Kilnacarrig". Neither quotes anyone the other does; the rare
    town both name, in the country both name, links them as a venue would. The country alone
    is any happening there."""
    village = ev.entity_term("place", "place:town:kilnacarrig", "IE")
    ireland = ev.entity_term("place", "place:geonames:2963597", "IE")
    spanish = {village: 2.0, ireland: 1.0, "arrastrero": 3.0}
    english = {village: 1.5, ireland: 1.0, "trawler": 3.0}
    assert scoring.name_link(spanish, english) == pytest.approx(
        (2.0 * 1.5 + 1.0 * 1.0) / (math.hypot(2.0, 1.0) * math.hypot(1.5, 1.0))
    )
    assert scoring.name_link({ireland: 2.0}, {ireland: 1.0}) == 0.0


def test_a_town_the_gazetteer_lacks_names_the_town_of_an_event_read_by_its_region() -> None:
    """The invented Vilarmedo ferry again: an event about the Porto district (read as the town
    of Porto) and a report in another language naming only Vilarmedo, a village under the
    gazetteer's floor that may lie in that district (as :func:`conflict` lets through). The
    report names the event's town as far as anyone can tell; a gazetteer town elsewhere
    (Lisbon) does not, nor does the village beside the city of Porto named as itself."""
    village = ev.entity_term("place", "place:town:vilarmedo", "PT")
    held = scoring.roles({PORTO_DISTRICT: MAIN, village: ONCE}, W)
    report = scoring.roles({village: MAIN}, W)
    assert scoring._names_town_of(report, held, scoring.COMMUTE_KM)
    assert not scoring._names_town_of(scoring.roles({LISBON: MAIN}, W), held, scoring.COMMUTE_KM)
    assert not scoring._names_town_of(report, scoring.roles({PORTO: MAIN}, W), scoring.COMMUTE_KM)


def test_a_report_set_at_the_event_s_venue_names_its_town() -> None:
    """An invented buffalo attack in a Zambian park named like its town: the English event
    reads the town Kalawe and the park, the German report only "im Kalawe-Nationalpark",
    the ministry's Lusaka and the victim's Kiel. Set at the event's own park, it names the
    event's setting; one set at another park, or at none, names Lusaka only."""
    kalawe = ev.entity_term("place", "place:town:kalawe", "ZM")
    lusaka = ev.entity_term("place", "place:geonames:909137", "ZM")
    kiel = ev.entity_term("place", "place:geonames:2891122", "DE")
    event = scoring.roles({kalawe: MAIN, _venue("kalawe"): MAIN}, W)
    german = {_venue("kalawe"): TWICE, lusaka: ONCE, kiel: ONCE}
    assert scoring._names_town_of(scoring.roles(german, W), event, scoring.COMMUTE_KM)
    german.pop(_venue("kalawe"))
    assert not scoring._names_town_of(scoring.roles(german, W), event, scoring.COMMUTE_KM)
    german[_venue("mwanda")] = TWICE
    assert not scoring._names_town_of(scoring.roles(german, W), event, scoring.COMMUTE_KM)


def test_a_natural_feature_one_side_is_about_makes_a_name_link_across_languages() -> None:
    """An invented ice fall on the Harlow Glacier in New Zealand: the English wire names the
    glacier in its title and text, the German report ("auf dem Harlow-Gletscher", "im Dorf
    Harlow Glacier") once, beside the victim's home town and the ministry's Berlin. They quote
    no one in common; the glacier one of them is about, in the country both name, links them
    as a venue would. A feature each names once is as often another happening's, named in
    passing (a sea two trawlers were arrested in)."""
    glacier = ev.entity_term("place", "name:harlow glacier", None)
    new_zealand = ev.entity_term("place", "place:geonames:2186224", "NZ")
    english = {glacier: MAIN, new_zealand: MAIN, "ice": 3.0}
    german = {glacier: ONCE, new_zealand: MAIN, "gletscher": 3.0}
    about = scoring.roles(english, W).features
    assert about == frozenset({glacier})
    assert scoring.name_link(german, english, features=about) == pytest.approx(
        (ONCE * MAIN + MAIN * MAIN) / (math.hypot(ONCE, MAIN) * math.hypot(MAIN, MAIN))
    )
    assert scoring.name_link(german, english) == 0.0


def test_name_links_take_one_sports_club_both_name_in_one_town_for_a_shared_setting() -> None:
    """A Spanish report of arrests at "el Club Deportivo Ribanova Sur" in Namur's locality,
    quoting a police inspector, and an English follow-up on "football club Ribanova Sur",
    quoting a league official: no person in common, but one club of two proper words in one
    town, as rare a name as a school's. A club of another name, the club in Liège, or a firm
    of the same words (no club) make no link."""
    inspector = ev.entity_term("person", "odile ferrand", None)
    official = ev.entity_term("person", "karel dumoulin", None)
    club = ev.entity_term("organization", "club deportivo ribanova sur", None)
    english_club = ev.entity_term("organization", "ribanova sur", None)
    other_club = ev.entity_term("organization", "ribanova norte", None)
    spanish = {"amaño": 5.0, NAMUR: MAIN, inspector: ONCE}
    english = {"fixing": 5.0, NAMUR: MAIN, official: ONCE}
    in_liege = {"fixing": 5.0, LIEGE: MAIN, official: ONCE}
    firm = ev.entity_term("organization", "ribanova sur logistics", None)
    cases = (
        (club, english_club, english, True),
        (club, other_club, english, False),
        (club, english_club, in_liege, False),
        (firm, firm, english, False),
    )
    for own_org, their_org, member, linked in cases:
        own = scoring.roles({**spanish, own_org: ONCE}, W)
        theirs = scoring.roles({**member, their_org: ONCE}, W)
        link = _link_to_one_member(spanish, "es", own, member, "en", theirs)
        assert (link >= POLICY.name_link_threshold) is linked


MOROCCO = ev.entity_term("place", "place:geonames:2542007", "MA")
VILLEURBANNE = ev.entity_term("place", "place:geonames:2968254", "FR")
RHONE = ev.entity_term("place", "place:iso3166-2:FR-69", "FR")


def test_name_links_take_a_country_of_origin_both_name_for_a_shared_setting() -> None:
    """A French report of a rabid kitten brought from Morocco to Villeurbanne, quoting the
    prefect's office, and an English one set in Lyon (Villeurbanne's city), quoting a
    ministry doctor, both naming the national laboratory that confirmed it: no person in
    common, but both name Morocco in their titles and none of its towns, beside their own
    towns: where the happening came from, as specific a name as a venue. A country named
    once is no such origin."""
    prefect = ev.entity_term("person", "odile ferrand", None)
    doctor = ev.entity_term("person", "karel dumoulin", None)
    lab = ev.entity_term("organization", "institut varonne", None)
    french = {"rage": 5.0, VILLEURBANNE: MAIN, RHONE: MAIN, LYON: ONCE, prefect: ONCE, lab: ONCE}
    english = {"rabies": 5.0, LYON: MAIN, VILLEURBANNE: ONCE, doctor: ONCE, lab: ONCE}
    for their_morocco, linked in ((MAIN, True), (ONCE, False)):
        own_vector = {**french, MOROCCO: MAIN}
        member = {**english, MOROCCO: their_morocco}
        own, theirs = scoring.roles(own_vector, W), scoring.roles(member, W)
        assert MOROCCO in own.origins
        link = _link_to_one_member(own_vector, "fr", own, member, "en", theirs)
        assert (link >= POLICY.name_link_threshold) is linked


def test_a_village_the_gazetteer_lacks_is_one_locality_with_a_town_near_it() -> None:
    """A village below the gazetteer's floor ("BERCHTESGADEN, Germany", a ``town:`` key) has
    the coordinates of GeoNames' one town of that name in that country: a report set there
    and one set in Bad Reichenhall (15 km) quoting one spokeswoman are one place, and with no
    one in common strangers in one locality; Berlin is another town, and a village GeoNames
    does not know either is another town than any."""
    village = ev.entity_term("place", "place:town:berchtesgaden", "DE")
    nowhere = ev.entity_term("place", "place:town:quellbrunnerhof", "DE")
    reichenhall = ev.entity_term("place", "place:geonames:2953371", "DE")
    berlin = ev.entity_term("place", "place:geonames:2950159", "DE")
    vogt, brandl = (
        ev.entity_term("person", "marlene vogt", None),
        ev.entity_term("person", "georg brandl", None),
    )
    at_village = scoring.roles({village: MAIN, vogt: ONCE}, W)
    assert not scoring.held_apart(at_village, scoring.roles({reichenhall: MAIN, vogt: ONCE}, W))
    assert scoring.strangers_in_one_town(
        at_village, scoring.roles({reichenhall: MAIN, brandl: ONCE}, W)
    )
    assert scoring.conflict(at_village, scoring.roles({berlin: MAIN, vogt: ONCE}, W))
    assert scoring.conflict(
        scoring.roles({nowhere: MAIN, vogt: ONCE}, W),
        scoring.roles({reichenhall: MAIN, vogt: ONCE}, W),
    )


def test_two_villages_of_a_few_hundred_people_take_their_coordinates() -> None:
    """Two Irish fishing villages well under 5,000 people, each read with its country (a
    dateline's "SCHULL, Ireland", a Spanish "el puerto irlandés de Skibbereen"), lie 20 km
    apart by GeoNames' smallest set: a trawler's detention told from one and its skipper's
    bail hearing told from the other, both quoting the fisheries authority, are one locality,
    not two towns; Clifden, 220 km north, is another town."""
    schull = ev.entity_term("place", "place:town:schull", "IE")
    skibbereen = ev.entity_term("place", "place:town:skibbereen", "IE")
    clifden = ev.entity_term("place", "place:town:clifden", "IE")
    authority = ev.entity_term("organization", "fisheries protection board", None)
    at_schull = scoring.roles({schull: MAIN, authority: ONCE}, W)
    at_skibbereen = scoring.roles({skibbereen: MAIN, authority: ONCE}, W)
    assert at_schull.town == schull and at_skibbereen.town == skibbereen
    assert not scoring.held_apart(at_schull, at_skibbereen)
    assert not scoring.held_apart(at_skibbereen, at_schull)
    assert scoring.conflict(at_schull, scoring.roles({clifden: MAIN, authority: ONCE}, W))


HONG_KONG = ev.entity_term("place", "place:geonames:1819730", "HK")
GIRONDE = ev.entity_term("place", "place:iso3166-2:FR-33", "FR")  # a French department
BANGKOK = ev.entity_term("place", "place:geonames:1609350", "TH")
CHENNAI = ev.entity_term("place", "place:geonames:1264527", "IN")
THAILAND = ev.entity_term("place", "place:geonames:1605651", "TH")


def test_a_report_placed_nowhere_naming_none_of_an_events_countries_is_held_apart() -> None:
    """An invented French wire on baby eels seized at an airport the gazetteer lacks, filed
    from its bureau: its places are a French department and Hong Kong (the flight's end), once
    each, so it is placed in no country; an event of tortoises seized in Bangkok, whose
    reports name Chennai too, names neither country. Both told of smuggled animals in
    suitcases, yet they share no country: two happenings. Naming a place of the event's
    country, or a person the event names, lifts it."""
    eels = scoring.roles(
        {GIRONDE: ONCE, HONG_KONG: ONCE, ev.entity_term("person", "lea roux", None): ONCE}, W
    )
    assert eels.town is None and eels.place_country is None and eels.most_country is None
    bangkok = scoring.roles({BANGKOK: MAIN, CHENNAI: ONCE}, W)
    assert bangkok.place_country == "th"
    assert scoring.conflict(eels, bangkok) and scoring.conflict(bangkok, eels)
    assert scoring.held_apart(eels, bangkok)
    assert scoring.conflict(eels, bangkok, in_passing=True)
    # naming a place of the event's country, or the event's person, it may be one of its reports
    via_thailand = scoring.roles({GIRONDE: ONCE, HONG_KONG: ONCE, THAILAND: ONCE}, W)
    assert via_thailand.town is None and not scoring.conflict(via_thailand, bangkok)
    voiced = scoring.roles(
        {BANGKOK: MAIN, CHENNAI: ONCE, ev.entity_term("person", "lea roux", None): ONCE}, W
    )
    assert not scoring.conflict(eels, voiced)
    # one country named alone (a headline's market) is no evidence of another place
    assert not scoring.conflict(scoring.roles({HONG_KONG: ONCE}, W), bangkok)
    # an event placed nowhere either: nothing to hold apart
    assert not scoring.conflict(eels, scoring.roles({CHENNAI: ONCE, HONG_KONG: ONCE}, W))


MADRID = ev.entity_term("place", "place:geonames:3117735", "ES")
CARABANCHEL = ev.entity_term("place", "place:geonames:6544493", "ES")  # a district, a town too
VALLECAS = ev.entity_term("place", "place:geonames:3106601", "ES")


def test_a_name_link_takes_a_town_named_like_the_other_sides_district_for_that_district() -> None:
    """An invented gas leak in a Madrid clinic: the German report says "im Madrider Stadtteil
    Carabanchel" (a district, read by its district word), the English wire "the Carabanchel
    district", which the gazetteer holds as a town. Neither names a person; one part of one
    city both name links them as a district both write alike does. Another district's town
    (Vallecas) is no such part."""
    district = ev.entity_term("place", "place:district:carabanchel", None)
    german = {"gasleck": 5.0, MADRID: 2.0, district: 1.0}
    english = {"leak": 5.0, MADRID: 2.0, CARABANCHEL: 1.0}
    assert scoring.name_link(german, english) == pytest.approx(1.0)
    assert scoring.name_link(english, german) == pytest.approx(1.0)
    elsewhere = {"leak": 5.0, MADRID: 2.0, VALLECAS: 1.0}
    assert scoring.name_link(german, elsewhere) == 0.0


def test_a_town_in_the_title_makes_the_one_town_of_the_body_a_passing_one() -> None:
    """An invented follow-up "Einbruch in St. Wendelgar: Polizei sucht falschen Gutachter":
    St. Wendelgar, a village the gazetteer lacks, in its title only; its body names one town
    once, Cusco, where the suspect claimed to work. The headline says where the theft was:
    Cusco is no town of its own, and the follow-up does not conflict with the first report,
    set in a town of another country (Temuco). Without that title, Cusco is its one town."""
    village = ev.entity_term("place", "place:town:saint wendelgar", None)
    follow_up = scoring.roles({village: TITLE_ONLY, CUSCO: ONCE}, W)
    assert follow_up.town is None and not follow_up.sole_town
    first = scoring.roles({TEMUCO: MAIN}, W)
    assert not scoring.conflict(follow_up, first)
    untitled = scoring.roles({CUSCO: ONCE}, W)
    assert untitled.town == CUSCO and scoring.conflict(untitled, first)


GRONINGEN = ev.entity_term("place", "place:geonames:2755251", "NL")
BREST = ev.entity_term("place", "place:geonames:3030300", "FR")
ROSTOCK = ev.entity_term("place", "place:geonames:2844588", "DE")


def test_a_headlines_adjective_places_a_report_its_places_leave_unplaced() -> None:
    """An invented English wire, "Dutch harbour town bans bathing as algae bloom spreads",
    that names Groningen once and, in its last paragraph, the same day's bans in Brest and in
    Germany: its places settle no country (no main place, no town of one locality, no country
    of most), and its headline's adjective says the Netherlands, so it conflicts with a French
    event in Brest and a German one. Without the title's country it conflicts with neither."""
    title = ev.title_country_terms(
        "Dutch harbour town bans bathing as algae bloom spreads", "en", (), W
    )
    assert title == {ev.TITLE_COUNTRY_PREFIX + "nl": W}
    places = {GRONINGEN: ONCE, BREST: ONCE, GERMANY: ONCE}
    wire = scoring.roles({**places, **title}, W)
    assert wire.place_country is None and wire.town is None and wire.most_country == "nl"
    brest = scoring.roles({BREST: MAIN}, W)
    rostock = scoring.roles({ROSTOCK: MAIN}, W)
    assert scoring.conflict(wire, brest) and scoring.conflict(wire, rostock)
    # a brief set only by the one town it names once, Brest, which the wire names too: the
    # headline's country is weaker than a town both name
    brief = scoring.roles({BREST: ONCE}, W)
    assert brief.sole_town and wire.country_by_title
    assert not scoring.conflict(wire, brief) and not scoring.conflict(brief, wire)
    unplaced = scoring.roles(places, W)
    assert unplaced.most_country is None
    assert not scoring.conflict(unplaced, brest) and not scoring.conflict(unplaced, rostock)


@pytest.mark.parametrize(
    "title",
    [
        # two nations: the riders' and the race's
        "Belgian rider breaks collarbone as dozens fall in Dutch stage race",
        # a place of another country in the title
        "Two Polish divers missing off Croatia's Adriatic coast",
        # title case: the word after an adjective says nothing
        "Indian Ocean Swell Closes Beaches Along The Coast",
    ],
)
def test_a_headline_says_no_country_by_adjective_beside_another(title: str) -> None:
    mentions = recognize_entities(title, "", "en")
    assert ev.title_country_terms(title, "en", mentions, W) == {}


def test_a_round_up_title_lends_no_other_side_its_places() -> None:
    """An invented wire round-up whose title lists two countries joined by "and": its lead
    names both, so its own side is the first the title names (Portugal). Greece and the Greek
    town it tells of in passing are another happening's (roles only, ``x:``), so a later
    report of the Greek closures finds no Greek place in the Portuguese event."""
    title = "Wildfire smoke shuts schools in Portugal and Greece"
    text = (
        "LISBON, Aug 3 (Coast Wire) - Smoke from forest fires closed schools in Portugal and "
        "Greece on Tuesday.\n\n"
        "In Portugal, the town of Viseu sent pupils home after the smoke thickened overnight, "
        "mayor Albertina Quelhas said. Viseu's firefighters fought the blaze all day.\n\n"
        "Schools were also shut in Lamia, in central Greece."
    )
    weights = ev.TermWeights()
    terms = ev.article_terms(title, text, weights, "en", recognize_entities(title, text, "en"))
    places = {t for t in terms if t.startswith((ev.PLACE_PREFIX, "x:"))}
    assert any(t.startswith(ev.PLACE_PREFIX + "pt:") for t in places)
    assert not any(t.startswith(ev.PLACE_PREFIX + "gr:") for t in places)
    assert any(t.startswith("x:gr:") for t in places)


@pytest.mark.parametrize(
    ("language", "title", "text", "second"),
    [
        (
            "en",
            "Internet slows in Ghana and Togo after undersea cable cut",
            (
                "ACCRA, Mar 2 (Coast Wire) - Internet connections slowed sharply in Ghana and Togo "
                "on Tuesday after an undersea cable was cut off the Ghanaian coast, operators "
                "said.\n\nBanks in Ghana reported outages all morning. In Togo, which relies on the "
                "cable for most of its traffic, mobile payments stopped."
            ),
            "g:tg:",
        ),
        (
            "fr",
            "Internet coupé en Guinée et en Sierra Leone après la rupture d'un câble sous-marin",
            (
                "CONAKRY, 2 mars (Coast Wire) - L'accès à internet était presque coupé mardi en "
                "Guinée et en Sierra Leone après la rupture d'un câble sous-marin au large des côtes "
                "guinéennes, ont indiqué les opérateurs.\n\nEn Guinée, les banques ont fermé leurs "
                "guichets. En Sierra Leone, les paiements mobiles étaient suspendus."
            ),
            "g:sl:",
        ),
        (
            "es",
            "Apagón en Uruguay y Argentina tras la avería de una línea de alta tensión",
            (
                "MONTEVIDEO, 2 mar (Coast Wire) - Millones de personas se quedaron sin luz el martes "
                "en Uruguay y Argentina tras la avería de una línea de alta tensión que une los dos "
                "países, informaron las compañías eléctricas.\n\nEn Uruguay, el servicio volvió por "
                "la tarde. En Argentina, varias provincias seguían a oscuras."
            ),
            "g:ar:",
        ),
        (
            "de",
            "Stromausfall in Österreich und Slowenien nach einem Brand in einem Umspannwerk",
            (
                "WIEN, 2. März (Coast Wire) - Nach einem Brand in einem Umspannwerk ist am Dienstag "
                "in Teilen Österreichs und Sloweniens der Strom ausgefallen, teilten die "
                "Netzbetreiber mit.\n\nIn Österreich waren rund 200.000 Haushalte betroffen. In "
                "Slowenien fielen Ampeln und Züge aus."
            ),
            "g:si:",
        ),
    ],
)
def test_a_title_listing_where_one_cause_struck_is_no_round_up(
    language: str, title: str, text: str, second: str
) -> None:
    """Invented reports whose title lists two countries struck "after" one thing (a cable cut,
    a line's failure, a fire): one happening felt in both, so the second country the title
    names stays a place of the report's own, not another happening's."""
    weights = ev.TermWeights()
    mentions = recognize_entities(title, text, language)
    terms = ev.article_terms(title, text, weights, language, mentions)
    assert any(t.startswith(second) for t in terms)


def test_a_round_up_title_after_several_causes_stays_a_round_up() -> None:
    """An invented round-up whose title lists two countries struck "after falls" (a plural):
    several happenings, the side its lead names its own (Switzerland), Italy another's."""
    title = "Two climbers die in Italy and Switzerland after falls from ridges"
    text = (
        "GENEVA, Aug 3 (Coast Wire) - A climber from Turin died on Sunday after falling from a "
        "ridge near Zermatt in Switzerland, police said.\n\nThe man, 41, slipped on ice. Hours "
        "earlier a German climber fell to his death in Italy's Aosta valley."
    )
    weights = ev.TermWeights()
    terms = ev.article_terms(title, text, weights, "en", recognize_entities(title, text, "en"))
    assert not any(t.startswith(ev.PLACE_PREFIX + "it:") for t in terms)
    assert any(t.startswith(ev.PLACE_PREFIX + "ch:") for t in terms)


def test_a_round_up_title_of_two_towns_keeps_the_one_its_lead_names() -> None:
    """An invented round-up naming two towns of one country in its title, "and" between: its
    lead tells of the second (Bilbao), so the first (Zaragoza) is the other happening's."""
    title = "Power cuts hit Zaragoza and Bilbao hospitals in heat"
    text = (
        "MADRID, Jul 9 (Coast Wire) - A power cut forced the main hospital in Bilbao to "
        "postpone operations on Friday, the regional health service said.\n\n"
        "The Bilbao hospital ran on generators for six hours. A shorter cut hit Zaragoza."
    )
    weights = ev.TermWeights()
    terms = ev.article_terms(title, text, weights, "en", recognize_entities(title, text, "en"))
    bilbao = ev.entity_term("place", "place:geonames:3128026", "ES")
    zaragoza = ev.entity_term("place", "place:geonames:3104324", "ES")
    assert bilbao in terms and zaragoza not in terms
    assert "x:" + zaragoza[len(ev.PLACE_PREFIX) :] in terms


def test_reports_giving_one_figure_in_their_leads_are_no_strangers_in_one_town() -> None:
    """An invented raid freeing 43 farm workers near Leipzig, told in English with the
    police spokesman and in German with a charity's worker: the count both give in their
    titles or leads (written alike in every language) says they are one happening, as a
    person both name would. Another count there is another happening's."""
    spokesman, worker = (
        ev.entity_term("person", "jonas albers", None),
        ev.entity_term("person", "greta voss", None),
    )
    english = scoring.roles({LEIPZIG: MAIN, spokesman: ONCE, f"{ev.NUMBER_PREFIX}43": 1.0}, W)
    german = scoring.roles({LEIPZIG: MAIN, worker: ONCE, f"{ev.NUMBER_PREFIX}43": 1.0}, W)
    assert english.figures == frozenset({f"{ev.NUMBER_PREFIX}43"})
    assert not scoring.strangers_in_one_town(english, german)
    other = scoring.roles({LEIPZIG: MAIN, worker: ONCE, f"{ev.NUMBER_PREFIX}117": 1.0}, W)
    assert scoring.strangers_in_one_town(english, other)
    dated = {f"{ev.NUMBER_PREFIX}25": 1.0, f"{ev.NUMBER_PREFIX}2027": 1.0}
    on_one_day = scoring.roles({LEIPZIG: MAIN, spokesman: ONCE, **dated}, W)
    assert on_one_day.figures == frozenset()  # "Dec 25", "2027": a date both may give
    assert scoring.strangers_in_one_town(
        on_one_day, scoring.roles({LEIPZIG: MAIN, worker: ONCE, **dated}, W)
    )


def test_a_name_link_takes_a_figure_both_give_for_a_person() -> None:
    """A French and an English report of 43 farm workers freed near Leipzig quote no one
    both: the figure both give, with the town both name, is as specific as a person named
    in full. Without it the town alone is any happening there; a figure alone, anywhere."""
    figure = f"{ev.NUMBER_PREFIX}43"
    french = {"ouvriers": 5.0, "libérés": 4.0, LEIPZIG: 2.0, figure: 1.0}
    english = {"workers": 5.0, "freed": 4.0, LEIPZIG: 1.0, figure: 1.0}
    shared = frozenset({figure})
    assert scoring.name_link(french, english, figures=shared) == pytest.approx(1.0)
    assert scoring.name_link(french, english) == 0.0
    stuttgart = {"workers": 5.0, STUTTGART: 1.0, figure: 1.0}
    assert scoring.name_link(french, stuttgart, figures=shared) == 0.0
    own, theirs = scoring.roles(french, W), scoring.roles(english, W)
    assert _link_to_one_member(french, "fr", own, english, "en", theirs) == pytest.approx(1.0)
