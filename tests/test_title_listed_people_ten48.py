"""A round-up whose title lists people side by side tells each one's happening: the one its
lead names first is its own, the others are another happening's people, made no main people
by the title (held_out_48: three tennis players withdrawing from one tournament on one day,
and a report counting the three withdrawals)."""

from __future__ import annotations

from event_terms import terms_of

from transform import event_scoring as scoring
from transform import events as ev
from transform.entities import recognize_entities

WEIGHT = ev.TermWeights().who_where
HALLORAN = "p:brigid halloran"
VESTERGAARD = "p:sofie vestergard"  # "aa" is the one letter "å" folded

# invented: a round-up of two withdrawals, told from the first rower's
ROUND_UP = (
    "Two withdrawals in a day: Lake Corrin regatta loses Halloran and Vestergaard",
    (
        "LAKE CORRIN, May 4 (Test Wire) - Irish sculler Brigid Halloran withdrew from the Lake "
        "Corrin regatta on Tuesday with a back injury, hours after Danish sculler Sofie "
        "Vestergaard pulled out with a wrist problem.\n\n"
        '"I tried everything, but I cannot row without pain," Halloran told reporters.\n\n'
        "Halloran, a finalist last year, will return home for treatment."
    ),
)
# invented: the other rower's own report
VESTERGAARD_OUT = (
    "Vestergaard withdraws from Lake Corrin regatta with wrist injury",
    (
        "LAKE CORRIN, May 4 (Test Wire) - Danish sculler Sofie Vestergaard withdrew from the Lake "
        "Corrin regatta on Tuesday with a wrist injury.\n\n"
        "Vestergaard, the world champion, said her wrist needed rest. Vestergaard hopes to race "
        "again in June."
    ),
)
# invented: the first rower's own report
HALLORAN_OUT = (
    "Halloran pulls out of Lake Corrin regatta with back injury",
    (
        "LAKE CORRIN, May 4 (Test Wire) - Irish sculler Brigid Halloran withdrew from the Lake "
        "Corrin regatta on Tuesday with a back injury.\n\n"
        '"I cannot row without pain," Halloran said. Halloran will return home for treatment.'
    ),
)
# invented: one happening of two people, each named again and again
COUPLE = (
    "Actor Tomas Reyes and singer Mia Lund announce separation",
    (
        "MADRID, May 4 (Test Wire) - Actor Tomas Reyes and singer Mia Lund have separated after "
        "six years of marriage, their agents said.\n\n"
        "Reyes and Lund asked for privacy. Reyes is filming in Seville; Lund is on tour.\n\n"
        "Lund and Reyes met on a film set in 2021."
    ),
)


def _listed(article: tuple[str, str]) -> frozenset[str]:
    title, text = article
    mentions = recognize_entities(title, text, "en")
    return ev.title_listed_people(mentions, title, ev.lead_of(text, ev.TermWeights().lead_words))


def _roles(article: tuple[str, str]) -> scoring.Roles:
    return scoring.roles(terms_of(*article, "en"), WEIGHT)


def test_the_people_a_round_ups_title_lists_beside_its_own_are_another_happenings() -> None:
    assert _listed(ROUND_UP) == frozenset({"person:sofie vestergaard"})
    side = _roles(ROUND_UP)
    assert side.actor == HALLORAN
    assert side.people == frozenset({HALLORAN})  # the title makes Vestergaard no main person
    assert side.other_happening_people == frozenset({VESTERGAARD})


def test_people_of_one_happening_named_again_and_again_are_listed_as_no_one_elses() -> None:
    assert _listed(COUPLE) == frozenset()


def test_a_title_naming_people_in_no_list_or_a_headline_alone_lists_no_one() -> None:
    title, text = ROUND_UP
    beaten = title.replace("loses Halloran and Vestergaard", "sees Halloran beat Vestergaard")
    assert _listed((beaten, text)) == frozenset()
    assert _listed((title, "")) == frozenset()


def test_the_round_up_joins_its_own_side_and_bridges_no_two() -> None:
    own = _roles(ROUND_UP)
    halloran, vestergaard = _roles(HALLORAN_OUT), _roles(VESTERGAARD_OUT)
    assert not scoring.conflict(own, halloran)
    assert scoring.conflict(own, vestergaard)
    assert scoring._actor_of_another_happening(own, halloran, vestergaard)
