"""bench/clustering_causes.py's reading of why a headline did not join its story."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import clustering_causes
from clustering_causes import arrival_cause

_THRESHOLD = 0.2


def test_a_headline_whose_story_had_no_event_is_its_first() -> None:
    assert arrival_cause({}, 7, [(0.3, 7)], {7: 0.4}, _THRESHOLD) == "first of its story"


def test_a_headline_joining_an_event_of_its_story_is_told_apart_from_a_miss() -> None:
    own = {3: 2, 5: 1}  # two events held its story's reports
    assert arrival_cause(own, 5, [(0.3, 5)], {5: 0.3}, _THRESHOLD) == "joined its story's event"


def test_a_story_event_no_candidate_member_belongs_to_is_a_retrieval_miss() -> None:
    cause = arrival_cause({3: 2}, 9, [(0.25, 4)], {4: 0.25}, _THRESHOLD)
    assert cause.startswith("retrieval: no member")


def test_a_retrieved_story_event_left_out_of_the_scored_ones_is_told_apart() -> None:
    cause = arrival_cause({3: 2}, 9, [(0.25, 4)], {4: 0.25, 3: 0.1}, _THRESHOLD)
    assert cause == "retrieval: its story's event not among those scored"


def test_a_story_event_held_apart_scores_zero() -> None:
    cause = arrival_cause({3: 2}, 9, [(0.25, 4), (0.0, 3)], {4: 0.25, 3: 0.5}, _THRESHOLD)
    assert cause == "scored 0 (roles held apart)"


def test_a_story_event_below_the_threshold_is_read_by_its_band() -> None:
    scored = [(0.17, 3), (0.12, 4)]
    cause = arrival_cause({3: 2, 4: 1}, 9, scored, {3: 0.1, 4: 0.1}, _THRESHOLD)
    assert cause == "below the threshold (score 0.15+)"  # the story's best event counts


def test_a_story_event_beaten_by_another_reached_the_threshold() -> None:
    scored = [(0.4, 8), (0.25, 3)]
    cause = arrival_cause({3: 2}, 8, scored, {3: 0.3, 8: 0.5}, _THRESHOLD)
    assert cause == "reached the threshold, another event scored higher"


def test_the_observed_run_leaves_the_clusterer_as_it_was() -> None:
    from load.stories import _Clusterer

    before = _Clusterer._score_events
    observer = clustering_causes._Observer({})
    with clustering_causes._observed(observer):
        assert _Clusterer._score_events is not before
    assert _Clusterer._score_events is before
