"""bench/clustering_diagnose.py's account of how an event came to mix stories."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import clustering_diagnose


def test_a_strays_first_headline_is_shown_after_the_members_that_came_before_it() -> None:
    titles = {
        "1": "Bitcoin exchange files for US bankruptcy",
        "2": "Q & A on bitcoins",
        "3": "Pizza chain files for second bankruptcy",
        "4": "Pizza chain bankrupt again",
        "5": "Bitcoin exchange bankrupt",
    }
    by_id = {i: {"title": t} for i, t in titles.items()}
    gold = {"1": "coin", "2": "coin", "3": "pizza", "4": "pizza", "5": "coin"}
    arrival = {"1": 0, "2": 1, "3": 2, "4": 3, "5": 4}
    lines = clustering_diagnose._first_strays(["5", "4", "3", "2", "1"], gold, arrival, by_id, 3)
    assert len(lines) == 1  # the pizza story only: the bitcoin story is the majority
    assert "came 3." in lines[0] and "Pizza chain files for second" in lines[0]
    assert lines[0].endswith("after: Bitcoin exchange files for US bankruptcy | Q & A on bitcoins")


def test_a_story_whose_headline_started_the_event_has_no_first_stray() -> None:
    by_id = {i: {"title": f"headline {i}"} for i in "123"}
    gold = {"1": "small", "2": "big", "3": "big"}
    arrival = {"1": 0, "2": 1, "3": 2}
    assert clustering_diagnose._first_strays(["1", "2", "3"], gold, arrival, by_id, 3) == []
