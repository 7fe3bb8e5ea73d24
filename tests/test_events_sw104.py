"""A firm one report recognizes and another only writes as a capitalised name (sw104)."""

from __future__ import annotations

from scoring_vectors import MAIN, ONCE, W

from transform import event_scoring as scoring
from transform import events as ev

LEIPZIG = ev.entity_term("place", "place:geonames:2879139", "DE")
SPOKESWOMAN = ev.entity_term("person", "ilka brandauer", None)
POLICE_CHIEF = ev.entity_term("person", "oskar wendelin", None)
CHAIN = ev.entity_term("organization", "brennwald", None)
POLICE = ev.entity_term("organization", "polizeidirektion", None)


def test_a_firm_written_as_a_name_by_a_follow_up_is_one_setting() -> None:
    """An invented blackmail of a Leipzig supermarket chain: the German first report reads
    "der Supermarktkette Brennwald" as an organization and quotes the police spokeswoman; the
    English follow-up, quoting the police chief instead, writes "the Brennwald chain" in its
    lead, a capitalised word no organization word marks. They name one firm, not strangers."""
    first = scoring.roles({LEIPZIG: MAIN, SPOKESWOMAN: ONCE, CHAIN: ONCE}, W)
    follow_up = scoring.roles(
        {LEIPZIG: MAIN, POLICE_CHIEF: ONCE, ev.ENTITY_PREFIX + "Brennwald": W}, W
    )
    assert not scoring.strangers_in_one_town(first, follow_up)
    assert not scoring.strangers_in_one_town(follow_up, first)
    assert not scoring.held_apart(first, follow_up)
    other_firm = scoring.roles(
        {LEIPZIG: MAIN, POLICE_CHIEF: ONCE, ev.ENTITY_PREFIX + "Kornfeld": W}, W
    )
    assert scoring.strangers_in_one_town(first, other_firm)  # another firm's happening


def test_an_authority_written_as_a_name_is_no_firm_in_common() -> None:
    """The town's police, named as an office that speaks for the town (an authority term),
    speaks of every happening there: a report writing its name in its lead shares no setting
    with the other for that."""
    first = scoring.roles(
        {
            LEIPZIG: MAIN,
            SPOKESWOMAN: ONCE,
            POLICE: ONCE,
            ev.AUTHORITY_PREFIX + POLICE: ONCE,
        },
        W,
    )
    other = scoring.roles(
        {LEIPZIG: MAIN, POLICE_CHIEF: ONCE, ev.ENTITY_PREFIX + "Polizeidirektion": W}, W
    )
    assert scoring.strangers_in_one_town(first, other)
