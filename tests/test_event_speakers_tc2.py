"""An expert a report quotes is asked about every happening of a kind: their name makes no
event vouch for the report (tc2)."""

from __future__ import annotations

import pytest

from transform import events as ev
from transform.entities import recognize_entities
from transform.event_scoring import Roles, vouched

LONDON = "g:gb:geonames:2643743"
EXPERT = "p:mara quennell"


def _expert_marks(text: str, language: str = "en", title: str = "") -> dict[str, float]:
    mentions = recognize_entities(title, text, language)
    terms = ev.entity_terms(mentions, 1.0, f"{title}\n{text}")
    return ev.expert_terms(mentions, terms, text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            (
                'The sale went ahead. "It is lost to research," said Professor Mara Quennell'
                " of the University of Leeds."
            ),
            "en",
        ),
        ('"It is rare," said Mara Quennell, a historian at Durham University.', "en"),
        ('"Es una pena", lamentó el vulcanólogo Iker Sáenz, de la Universidad de Vigo.', "es"),
    ],
)
def test_a_person_introduced_as_an_expert_is_marked(text: str, language: str) -> None:
    marks = _expert_marks(text, language)
    assert len(marks) == 1
    (term,) = marks
    assert term.startswith(ev.EXPERT_PREFIX + ev.PERSON_PREFIX)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The fire was out by noon, fire chief Tom Brandle said at the scene.", "en"),
        ("Le ministre a reçu son homologue allemand, Boris Feldmann, à Paris.", "fr"),
        (
            '"Der Rumpf ist gut erhalten", sagte Archäologin Dr. Wiebke Thalmann vom Landesamt.',
            "de",
        ),
    ],
)
def test_an_officer_a_counterpart_or_a_field_alone_is_no_expert(text: str, language: str) -> None:
    assert _expert_marks(text, language) == {}


def _side(named: frozenset[str], experts: frozenset[str] = frozenset()) -> Roles:
    return Roles(
        None,
        "gb",
        frozenset(),
        frozenset({"gb"}),
        town=LONDON,
        towns=frozenset({LONDON}),
        named_people=named,
        experts=experts,
    )


def test_an_expert_named_by_both_vouches_for_nothing() -> None:
    event = _side(frozenset({EXPERT}))
    quoting = _side(frozenset({EXPERT}), experts=frozenset({EXPERT}))
    assert not vouched(quoting, event, frozenset({EXPERT}))


def test_a_witness_named_by_both_still_vouches() -> None:
    event = _side(frozenset({EXPERT}))
    assert vouched(_side(frozenset({EXPERT})), event, frozenset({EXPERT}))
