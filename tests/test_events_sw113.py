"""A venue named with its town after a particle is the venue named without it, and a firm an
event is about, written as a word the recognizer did not read as a name, is still that firm
(transform/event_scoring.py): invented term vectors and reports, no database."""

from __future__ import annotations

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
