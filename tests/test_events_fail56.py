"""Happenings of one kind done by two people of one body (fail56): a person a report names only
after a turn that says "also" of another happening is that happening's (transform/events.py,
people_told_after_a_turn); two main actors whose names differ by a word before or after are one
person for conflict (transform/event_scoring.py, _one_named); a district's name is one with or
without its article (transform/events.py, entity_term). Invented reports and term vectors."""

from __future__ import annotations

import pytest
from event_terms import terms_of

from transform import event_scoring
from transform import events as ev
from transform.entities import recognize_entities

_W = ev.TermWeights().who_where
_MAIN = event_scoring.main_level(_W)

_TITLE = "Spain lose prop Ibarrola to calf tear hours after Serrano blow"
_LEAD = (
    "MADRID, May 3 (Test Wire) - Spain prop Carlos Ibarrola will miss the last two rounds of the "
    "championship with a torn calf, the federation said on Tuesday, hours after scrum-half "
    "Pablo Serrano was also ruled out."
)
_BODY = (
    "Ibarrola, 27, was hurt in training on Monday. Coach Marta Olazabal said Ibarrola had been "
    "the team's best forward this season and called up a replacement from Valencia."
)


def _told(title: str, lead: str, body: str = _BODY) -> frozenset[str]:
    text = f"{lead}\n\n{body}"
    mentions = recognize_entities(title, text, "en")
    return ev.people_told_after_a_turn(mentions, title, text, "en")


def test_the_other_player_of_a_turn_that_says_also_is_another_happenings() -> None:
    """The lead tells its own player first, then the other "also ruled out" after "hours
    after", and the title names him only after its own turn: the other's happening."""
    assert _told(_TITLE, _LEAD) == {"person:pablo serrano"}


def test_such_a_player_is_no_main_person_of_the_report() -> None:
    """Named in the title and the lead, the other player would weigh as a main person; read as
    another happening's, he weighs as one named twice, and is marked so."""
    terms = terms_of(_TITLE, f"{_LEAD}\n\n{_BODY}", "en")
    assert terms["p:pablo serrano"] < _MAIN <= terms["p:carlos ibarrola"]
    assert ev.OTHER_HAPPENING_PERSON_PREFIX + "p:pablo serrano" in terms
    roles = event_scoring.roles(terms, _W)
    assert roles.people == {"p:carlos ibarrola"}
    assert roles.other_happening_people == {"p:pablo serrano"}


@pytest.mark.parametrize(
    ("title", "lead", "body"),
    [
        # no "also": "hours after" tells the report's own happening's earlier hours as often
        (_TITLE, _LEAD.replace(" was also ruled out", " was ruled out"), _BODY),
        # the sentence opens on the turn: its own happening is told after it
        (
            _TITLE,
            (
                "MADRID, May 3 (Test Wire) - Hours after scrum-half Pablo Serrano was also "
                "ruled out, Spain prop Carlos Ibarrola will miss the last two rounds."
            ),
            _BODY,
        ),
        # the title names him before its turn: one of its subjects
        ("Serrano and Ibarrola out for Spain hours after training blow", _LEAD, _BODY),
        # the body names him again in a paragraph of the report's own
        (_TITLE, _LEAD, _BODY + "\n\nSerrano and Ibarrola were hurt in the same drill."),
    ],
)
def test_a_person_named_otherwise_stays_the_reports(title: str, lead: str, body: str) -> None:
    """Any naming outside those turns keeps the person the report's own."""
    assert _told(title, lead, body) == frozenset()


def test_a_later_paragraph_that_tells_another_happening_keeps_him_anothers() -> None:
    """A closing paragraph that tells the other player's happening ("Hours earlier, ...") names
    him there only: still another happening's."""
    body = _BODY + "\n\nHours earlier, the federation had said Serrano would miss six weeks."
    assert _told(_TITLE, _LEAD, body) == {"person:pablo serrano"}


@pytest.mark.parametrize(
    ("one", "other", "apart"),
    [
        ("p:jordi vallbona", "p:jordi vallbona serra", False),  # both surnames, or the first
        ("p:espana carlos ibarrola", "p:carlos ibarrola", False),  # a word read into the name
        ("p:vallbona serra", "p:jordi vallbona serra", False),  # both surnames alone
        ("p:jordi", "p:jordi vallbona", True),  # a first name alone says no one
        ("p:jordi vallbona", "p:marc vallbona", True),  # two people
    ],
)
def test_two_actors_one_name_longer_by_a_word(one: str, other: str, apart: bool) -> None:
    """Two reports, each about one person by the name it gives: one word more before or after
    a name of two words is that person's name in full; a first name alone is not."""
    a = event_scoring.roles({one: _W * 3, "ceremony": 1.0}, _W)
    b = event_scoring.roles({other: _W * 3, "ceremony": 1.0}, _W)
    assert event_scoring.conflict(a, b) is apart


def test_a_name_two_fuller_names_begin_is_neither() -> None:
    """Beside two people whose names both begin "Jordi Vallbona", the short name is no one of
    them for certain: still apart from each."""
    a = event_scoring.roles({"p:jordi vallbona": _W * 3, "p:jordi vallbona puig": _W}, _W)
    b = event_scoring.roles({"p:jordi vallbona serra": _W * 3}, _W)
    assert event_scoring.conflict(a, b)


@pytest.mark.parametrize(
    ("key", "term"),
    [
        ("place:district:la marelle", "g:-:district:marelle"),
        ("place:district:les tanneurs", "g:-:district:tanneurs"),
        ("place:district:el carme", "g:-:district:carme"),
        ("place:district:marelle", "g:-:district:marelle"),
        ("place:district:la", "g:-:district:la"),  # a name that is only the word
        ("place:town:la marelle", "g:-:town:la marelle"),  # a town keeps its article
    ],
)
def test_a_districts_name_with_or_without_its_article(key: str, term: str) -> None:
    """The German "im Ortsteil La Marelle" and the French "quartier de la Marelle": one district."""
    assert ev.entity_term("place", key, None) == term
