"""A venue named with its town after a particle is the venue named without it, and a firm an
event is about, written as a word the recognizer did not read as a name, is still that firm
(transform/event_scoring.py): invented term vectors and reports, no database."""

from __future__ import annotations

from scoring_vectors import POLICY

from transform import event_scoring
from transform.events import TermWeights

_W = TermWeights().who_where
_TWICE = _W * 2.0  # a venue named twice (Roles.venues)


def _roles(raw: dict[str, float]) -> event_scoring.Roles:
    return event_scoring.roles(raw, _W)


def test_a_venue_named_with_its_town_is_the_venue_without_it() -> None:
    """The union's follow-up writes "la Cooperativa Vinícola Santa Lucía de Haro" in a report
    titled "... el operario de Haro"; the first reports "la Cooperativa Vinícola Santa Lucía":
    one venue, not two venues of one town (which :func:`conflict` holds apart)."""
    town = "g:es:geonames:3118150"
    first = _roles({town: _TWICE, "g:-:venue:santa lucia": _TWICE, "e:Haro": 1.5})
    follow_up = _roles({town: _TWICE, "g:-:venue:santa lucia de haro": _W, "e:Haro": 1.5})
    assert follow_up.venue == first.venue == "g:-:venue:santa lucia"
    assert not event_scoring.conflict(first, follow_up)


def test_a_venue_whose_tail_the_report_never_writes_alone_keeps_it() -> None:
    """A name after the particle that the report does not write on its own is part of the
    venue's name ("Colegio Santa Rosa de Lima" in a report from Madrid): two venues still."""
    town = "g:es:geonames:3117735"  # Madrid
    one = _roles({town: _TWICE, "g:-:venue:santa rosa": _TWICE, "e:Madrid": 1.5})
    other = _roles({town: _TWICE, "g:-:venue:santa rosa de lima": _TWICE, "e:Madrid": 1.5})
    assert other.venue == "g:-:venue:santa rosa de lima" != one.venue


_LISBON = "g:pt:geonames:2267057"
_MAIN = 1.5 * 3  # an entity term named in a title and more (tests/scoring_vectors.MAIN-like)


def _scored(words: dict[str, float], event_raw: dict[str, float]) -> float:
    """The score of the operator's outage event for the regulator's follow-up, whose words
    are ``words`` (and which names only the regulator's president and the regulator)."""
    own_raw = {_LISBON: _MAIN, "p:luisa menezes": 1.5, "o:institute for mobility": 1.5}
    own = event_scoring.roles(own_raw, 1.5)
    event = event_scoring.roles(event_raw, 1.5)
    assert event_scoring.strangers_in_one_town(own, event)
    # the follow-up's words share the outage's kind, not its heaviest (the operator, its
    # barriers and generator): no retelling (event_scoring.strangers_retold)
    vector = {**words, "toll": 1.0, "outage": 1.0, "motorway": 1.0, "regulator": 1.0}
    centroid = {"generator": 3.0, "barriers": 3.0, "datacentre": 3.0, "vialusa": 2.0, "toll": 1.0}
    assert not event_scoring.strangers_retold(vector, centroid, POLICY, own, event)
    (scored,) = event_scoring.score_events(
        vector, {7: 0.6}, {7: centroid}, POLICY, own, {7: event}, {}
    )
    return scored[0]


_OUTAGE = {_LISBON: _MAIN, "o:vialusa": _MAIN, "p:nuno albuquerque": 1.5}


def test_a_follow_up_writing_the_events_firm_as_a_word_is_no_stranger() -> None:
    """The regulator's follow-up writes "asked Vialusa to explain" (no organization to the
    recognizer): the firm the outage event is about, so no stranger to it."""
    assert _scored({"vialusa": 1.0}, _OUTAGE) > 0.2


def test_a_follow_up_not_writing_the_firm_stays_a_stranger() -> None:
    assert _scored({}, _OUTAGE) == 0.0


def test_a_firm_only_quoted_as_a_source_says_nothing() -> None:
    """A firm the event's reports only quote (a hospital's statement) speaks for every
    happening it is asked about: its name among the words lifts nothing."""
    quoted = {**_OUTAGE, "q:vialusa": _MAIN}
    assert _scored({"vialusa": 1.0}, quoted) == 0.0
