"""A report that tells of another happening at an event's town holds the two apart, also
when the report has no town of its own and names the town's namesake region (the province of
Parma for Parma): transform/event_scoring.py _told_as_another. Invented roles, no database."""

from __future__ import annotations

from transform import event_scoring as scoring

PARMA = "g:it:geonames:3171457"
PARMA_PROVINCE = "g:it:iso3166-2:IT-PR"
BOLOGNA = "g:it:geonames:3181928"


def _side(place_country: str | None = None, **fields: object) -> scoring.Roles:
    return scoring.Roles(
        actor=None, place_country=place_country, people=frozenset(), countries=frozenset(), **fields
    )


# the event of a ham theft in Parma
PARMA_EVENT = _side(
    place_country="it",
    town=PARMA,
    towns=frozenset({PARMA}),
    named_towns=frozenset({PARMA}),
)


def test_a_townless_report_telling_of_the_events_region_as_another_conflicts() -> None:
    # "In Italy, thieves took 300 hams from a store near Parma" closing a report on a theft in
    # a village the gazetteer lacks, the name read as the province
    village = _side(elsewhere=frozenset({PARMA_PROVINCE}))
    assert scoring.conflict(village, PARMA_EVENT)
    assert scoring.conflict(PARMA_EVENT, village)


def test_a_townless_report_telling_of_the_events_town_as_another_conflicts() -> None:
    village = _side(elsewhere=frozenset({PARMA}))
    assert scoring._told_as_another(village, PARMA_EVENT)


def test_a_report_naming_the_events_town_as_its_own_is_left_to_the_towns_rules() -> None:
    # it tells of Parma's theft and names Parma as its own too: no evidence it is elsewhere
    round_up = _side(elsewhere=frozenset({PARMA_PROVINCE}), named_towns=frozenset({PARMA}))
    assert not scoring._told_as_another(round_up, PARMA_EVENT)


def test_a_report_telling_of_another_town_is_unchanged() -> None:
    village = _side(elsewhere=frozenset({BOLOGNA}))
    assert not scoring._told_as_another(village, PARMA_EVENT)
