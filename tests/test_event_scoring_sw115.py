"""A town the gazetteer lacks, told by an event as another happening's place and written in an
article's title or lead, holds the two apart (held_out_37: the Lourmarin plane tree)."""

from __future__ import annotations

from transform import event_scoring as scoring

LOURMARIN = f"{scoring._UNKNOWN_TOWN_PREFIX}lourmarin"
NUREMBERG = "g:de:geonames:2861650"


def _side(place_country: str | None = None, **fields: object) -> scoring.Roles:
    return scoring.Roles(
        actor=None, place_country=place_country, people=frozenset(), countries=frozenset(), **fields
    )


# the Bavarian lime tree's event: set near Nuremberg, it tells of Lourmarin's plane tree
BAVARIAN = _side(
    place_country="de",
    town=NUREMBERG,
    towns=frozenset({NUREMBERG}),
    named_towns=frozenset({NUREMBERG}),
    elsewhere=frozenset({LOURMARIN}),
)


def test_a_lead_naming_the_town_told_as_another_conflicts() -> None:
    # "the main square of Lourmarin, a village in Provence": no town read, the name in its lead
    provence = _side(phrases=frozenset({"lourmarin", "provence"}))
    assert scoring.conflict(provence, BAVARIAN)
    assert scoring.conflict(BAVARIAN, provence)
    assert scoring.held_apart(provence, BAVARIAN)


def test_a_lead_without_that_name_is_unchanged() -> None:
    # the Spanish follow-up on the lime tree names neither town the recognizer reads
    follow_up = _side(phrases=frozenset({"klaus dötsch", "baviera"}))
    assert not scoring.conflict(follow_up, BAVARIAN)


def test_naming_the_events_town_lifts_it() -> None:
    # a round-up placed nowhere, naming both villages and the event's own town
    round_up = _side(
        phrases=frozenset({"lourmarin", "nuremberg"}), named_towns=frozenset({NUREMBERG})
    )
    assert not scoring._unknown_town_led_as_another(round_up, BAVARIAN)


def test_a_side_with_a_town_of_its_own_is_left_to_the_towns_rules() -> None:
    other = "g:fr:geonames:3035681"
    placed = _side(
        place_country="fr",
        town=other,
        towns=frozenset({other}),
        phrases=frozenset({"lourmarin"}),
    )
    assert not scoring._unknown_town_led_as_another(placed, BAVARIAN)
