"""The event policy (transform/event_scoring.py) on hand-made vectors, no database."""

from __future__ import annotations

import pytest

from transform import event_scoring as scoring

POLICY = scoring.EventPolicy(
    similarity_threshold=0.2, merge_threshold=0.2, link_share=0.5, min_shared_words=2
)


def test_lookup_terms_skip_terms_no_earlier_article_has() -> None:
    vector = {"flood": 3.0, "unseen": 9.0, "river": 2.0, "rain": 1.0}
    counts = {"flood": 4, "river": 2, "rain": 7, "unseen": 0}
    assert scoring.lookup_terms(vector, counts, 2) == ["flood", "river"]


def test_nearest_candidates_break_ties_by_lower_id() -> None:
    assert scoring.nearest_candidates({5: 1.0, 3: 1.0, 9: 2.0, 1: 0.5}, 3) == [9, 3, 5]


def test_one_shared_word_does_not_link() -> None:
    vector = {"flood": 1.0, "river": 1.0}
    assert scoring.link(vector, {"flood": 1.0, "budget": 1.0}, POLICY) == 0.0
    assert scoring.link(vector, {"flood": 1.0, "river": 1.0}, POLICY) == pytest.approx(1.0)


def test_best_links_keep_each_events_strongest_member() -> None:
    vector = {"a": 1.0, "b": 1.0, "c": 1.0}
    members = {1: {"a": 1.0, "b": 1.0}, 2: {"a": 1.0, "b": 1.0, "c": 1.0}, 3: {"x": 1.0}}
    best = scoring.best_links(vector, members, {1: 10, 2: 10, 3: 20}, POLICY)
    assert best[10] == pytest.approx(1.0)
    assert best[20] == 0.0
    assert scoring.events_to_score(best, 1) == [10]


def test_scores_blend_link_and_centroid_best_first() -> None:
    vector = {"a": 1.0, "b": 1.0}
    centroids = {1: {"a": 1.0, "b": 1.0}, 2: {"a": 1.0, "z": 1.0}}
    scored = scoring.score_events(vector, {1: 0.5, 2: 0.0}, centroids, POLICY)
    assert [e for _, e in scored] == [1, 2]
    assert scored[0][0] == pytest.approx(0.75)
    assert scored[1][0] == pytest.approx(0.25)


def test_below_the_threshold_starts_a_new_event() -> None:
    decision = scoring.decide({"a": 1.0}, [(0.1, 4)], {4: {"a": 1.0}}, POLICY)
    assert decision == scoring.Decision(1.0, ())
    assert scoring.decide({"a": 1.0}, [], {}, POLICY).events == ()


def test_an_article_bridges_two_alike_events_but_not_an_unlike_one() -> None:
    vector = {"a": 1.0, "b": 1.0}
    centroids = {1: {"a": 2.0, "b": 1.0}, 2: {"a": 1.0, "b": 2.0}, 3: {"b": 0.1, "q": 5.0}}
    scored = [(0.9, 1), (0.8, 2), (0.5, 3)]
    decision = scoring.decide(vector, scored, centroids, POLICY)
    assert decision == scoring.Decision(0.9, (1, 2))


def test_central_member_is_nearest_the_centroid() -> None:
    members = {7: {"a": 1.0}, 3: {"a": 1.0, "b": 1.0}, 2: {"a": 1.0, "b": 1.0}}
    assert scoring.central_member(members, {"a": 1.0, "b": 1.0}) == 2
