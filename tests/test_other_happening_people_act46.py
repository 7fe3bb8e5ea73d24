"""A person an article names only where it tells of another happening is that happening's
actor: an article so naming one of two events' main actors bridges no two events about two
people (held_out_46: two ministers placed under investigation in one capital on one day)."""

from __future__ import annotations

from event_terms import terms_of

from transform import event_scoring as scoring
from transform import events as ev

SOLHAUG = "p:ingrid solhaug"
BREKKE = "p:halvor brekke"

# invented: a culture minister's probe, its last paragraph on another minister's that morning
CULTURE_PROBE = (
    "OSLO, March 3 (Test Wire) - Norwegian Culture Minister Ingrid Solhaug has been placed "
    "under investigation over festival grants awarded to a friend's company, prosecutors said.\n\n"
    "Solhaug, 51, said she had broken no rule and would hand over every document.\n\n"
    "Prosecutors said Solhaug signed four of the grants herself.\n\n"
    "Earlier on Tuesday, Fisheries Minister Halvor Brekke said he was under investigation "
    "over a quota deal. The two cases are unrelated."
)
# invented: the same report, the other minister named in a paragraph of its own happening
CULTURE_PROBE_AND_DEPUTY = CULTURE_PROBE.replace(
    "Prosecutors said Solhaug signed four of the grants herself.",
    "Prosecutors said Solhaug and Halvor Brekke signed four of the grants together.",
)


def _roles(text: str) -> scoring.Roles:
    terms = terms_of("Culture minister under investigation over festival grants", text, "en")
    return scoring.roles(terms, ev.TermWeights().who_where)


def _event(actor: str, *others: str) -> scoring.Roles:
    people = frozenset({actor})
    return scoring.Roles(
        actor=actor,
        place_country="no",
        people=people,
        countries=frozenset({"no"}),
        named_people=people | frozenset(others),
    )


def test_a_person_named_only_where_another_happening_is_told_is_marked() -> None:
    side = _roles(CULTURE_PROBE)
    assert side.actor == SOLHAUG
    assert side.other_happening_people == frozenset({BREKKE})


def test_a_person_named_in_the_articles_own_paragraphs_too_is_not() -> None:
    assert _roles(CULTURE_PROBE_AND_DEPUTY).other_happening_people == frozenset()


def test_no_bridge_between_two_actors_when_the_article_tells_one_as_another() -> None:
    own = _roles(CULTURE_PROBE)
    culture, fisheries = _event(SOLHAUG, BREKKE), _event(BREKKE, SOLHAUG)
    # each event names the other's minister in passing: no conflict keeps them apart
    assert not scoring.conflict(culture, fisheries, in_passing=True)
    assert scoring._actor_of_another_happening(own, culture, fisheries)
    assert not scoring._actor_of_another_happening(
        _roles(CULTURE_PROBE_AND_DEPUTY), culture, fisheries
    )
    # one person's two events: nothing to keep apart
    assert not scoring._actor_of_another_happening(own, culture, _event(SOLHAUG))
