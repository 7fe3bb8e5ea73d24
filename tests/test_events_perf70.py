"""The shortcuts that make event scoring cheaper per article keep its results: the invariant
each relies on, and that the work it spares is done once (invented names only)."""

from __future__ import annotations

import pytest
from scoring_vectors import MAIN, ONCE, POLICY, W

from transform import event_scoring as scoring
from transform import events as ev

_TAGGED_PREFIXES = sorted(
    {
        value
        for module in (ev, scoring)
        for name, value in vars(module).items()
        if name.endswith("_PREFIX") and isinstance(value, str)
    }
)


@pytest.mark.parametrize("prefix", _TAGGED_PREFIXES)
def test_every_tagged_term_has_a_colon_so_roles_can_skip_plain_words(prefix: str) -> None:
    """:func:`scoring.roles` passes over a term without ":" at once (a plain word, most of a
    vector): right only while every tagged term's prefix holds one."""
    assert ":" in prefix


def test_roles_of_a_vector_are_those_of_its_tagged_terms_alone() -> None:
    """Plain words, however heavy, change no role: an invented ferry fire's roles are the
    same with or without its words."""
    tagged = {
        ev.entity_term("person", "oskar tremmel", None): MAIN,
        ev.entity_term("organization", "organization:brannvik ferries", None): MAIN,
        ev.entity_term("place", "place:nordholm", "no"): MAIN,
        f"{ev.NUMBER_PREFIX}212": ONCE,
    }
    words = {"ferry": 9.0, "fire": 7.0, "passengers": 5.0, "tremmel": 4.0}
    assert scoring.roles({**words, **tagged}, W) == scoring.roles(tagged, W)


def test_the_articles_words_as_names_are_worked_out_once_per_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Three invented firms' events, each about a firm and no one, scored against one
    article naming a person of its own: :func:`scoring._unnamed_firm` asks each time for
    the article's words read as names, which :func:`scoring.score_events` works out once."""
    calls: list[int] = []
    words_as_names = scoring._words_as_names

    def counted(vector: scoring.Vector) -> frozenset[str]:
        calls.append(len(vector))
        return words_as_names(vector)

    monkeypatch.setattr(scoring, "_words_as_names", counted)
    vector = {"warehouse": 2.0, "blaze": 1.0, "quellmoor": 1.0, "logistik": 1.0}
    firms = ("quellmoor logistik", "ardentay freight", "velmore parcels")
    event_roles = {
        10 + i: scoring.roles(
            {
                ev.entity_term("organization", f"organization:{firm}", None): MAIN,
                ev.entity_term("person", f"jon {firm.split()[0]}", None): ONCE,
            },
            W,
        )
        for i, firm in enumerate(firms)
    }
    own = scoring.roles({ev.entity_term("person", "ilse wendorf", None): ONCE}, W)
    centroids = {e: {"warehouse": 2.0, "blaze": 1.0} for e in event_roles}
    scored = scoring.score_events(
        vector, dict.fromkeys(centroids, 0.5), centroids, POLICY, own, event_roles, {}
    )
    assert calls == [len(vector)]
    by_event = {e: s for s, e in scored}
    assert by_event[10] > 0.0  # its name among the words: the firm is named
    assert by_event[11] == 0.0 and by_event[12] == 0.0  # never named: someone else's


def test_unnamed_firm_reads_the_words_itself_when_not_given_them() -> None:
    """Called alone, :func:`scoring._unnamed_firm` works the article's words out itself,
    with the same answer as when given them."""
    firm = ev.entity_term("organization", "organization:quellmoor logistik", None)
    event = scoring.roles({firm: MAIN, ev.entity_term("person", "jon quellmoor", None): ONCE}, W)
    own = scoring.roles({ev.entity_term("person", "ilse wendorf", None): ONCE}, W)
    for vector in ({"blaze": 1.0}, {"blaze": 1.0, "quellmoor": 1.0, "logistik": 1.0}):
        given = scoring._unnamed_firm(
            vector, own, event, lambda v=vector: scoring._words_as_names(v)
        )
        assert scoring._unnamed_firm(vector, own, event) == given
    assert scoring._unnamed_firm({"blaze": 1.0}, own, event)
