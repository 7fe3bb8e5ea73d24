"""Why headlines did not join their story: each headline's decision read at its arrival.

    python bench/clustering_causes.py --data /work/shared/bench/story-clustering --seed 8

Same shuffle and times as bench/clustering_bench.py. The run is observed as it goes (the
candidate events each headline was scored against, the event it joined, every merge), so the
state at each arrival is known: which events then held reports of its gold story. For the
headlines outside their story's largest final fragment (the recall loss), in the stories
losing most, the cause at arrival is tallied (:func:`arrival_cause`): the story had no event
yet, the headline joined one of its story's events (that fragment never merged with the
largest), no member of its story's events was among the candidates retrieved, its story's
event was retrieved but not among those scored, scored 0 (roles held apart), scored below
the join threshold (in bands of 0.05), or reached it and another event scored higher. Joins into an
event holding none of the headline's story are tallied too (the precision loss starts there):
by whether the story had an event of its own then, and the winning score (bands of 0.1).
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clustering_bench import bcubed, load_records

from load import stories
from wirehouse.settings import load_settings

_BAND = 0.05  # width of the score bands below the join threshold


def arrival_cause(
    own_events: Mapping[int, int],
    joined: int,
    scored: Sequence[tuple[float, int]],
    linked: Mapping[int, float],
    threshold: float,
) -> str:
    """Why a headline did or did not join its story at arrival: ``own_events`` are the events
    then holding reports of its story (event -> reports), ``joined`` the event it joined or
    started, ``scored`` the candidate events' scores, ``linked`` the events its retrieved
    candidate members belonged to (their best links)."""
    if not own_events:
        return "first of its story"
    if joined in own_events:
        return "joined its story's event"
    if not any(e in linked for e in own_events):
        return "retrieval: no member of its story's events among the candidates"
    score_of = {e: s for s, e in scored}
    own_scores = [score_of[e] for e in own_events if e in score_of]
    if not own_scores:
        return "retrieval: its story's event not among those scored"
    best = max(own_scores)
    if best == 0:
        return "scored 0 (roles held apart)"
    if best >= threshold:
        return "reached the threshold, another event scored higher"
    return f"below the threshold (score {math.floor(best / _BAND) * _BAND:.2f}+)"


class _Observer:
    """What the run did at each headline's arrival, keyed by record id."""

    def __init__(self, gold: Mapping[str, str]) -> None:
        self.gold = gold
        self.record_of: dict[int, str] = {}  # article id -> record id
        self.members: dict[int, set[int]] = defaultdict(set)  # event -> article ids, live
        self.arrivals: dict[str, dict] = {}
        self.scoring: tuple = ()

    def story_events(self, record_id: str) -> dict[int, int]:
        story = self.gold[record_id]
        counts = {
            e: sum(1 for m in ms if self.gold[self.record_of[m]] == story)
            for e, ms in self.members.items()
        }
        return {e: n for e, n in counts.items() if n}


@contextmanager
def _observed(observer: _Observer) -> Iterator[None]:
    """Wrap the clusterer's scoring, assignment, join and merge to feed ``observer``."""
    cls = stories._Clusterer
    originals = {
        name: getattr(cls, name)
        for name in ("_score_events", "_assign_original", "_join", "_merge")
    }

    def score_events(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        observer.scoring = originals["_score_events"](self, *args, **kwargs)
        return observer.scoring

    def assign_original(self, article):  # type: ignore[no-untyped-def]
        record_id = article.canonical_url.rsplit(":", 1)[1]
        observer.record_of[article.id] = record_id
        observer.scoring = ()
        own = observer.story_events(record_id)
        originals["_assign_original"](self, article)
        scored, _, _, linked, _ = observer.scoring or ([], {}, {}, {}, {})
        joined = next(e for e, ms in observer.members.items() if article.id in ms)
        observer.arrivals[record_id] = {
            "own": own,
            "joined": joined,
            "scored": scored,
            "linked": linked,
        }

    def join(self, event_id, article_id, similarity):  # type: ignore[no-untyped-def]
        originals["_join"](self, event_id, article_id, similarity)
        observer.members[event_id].add(article_id)

    def merge(self, first_id, second_id):  # type: ignore[no-untyped-def]
        survivor = originals["_merge"](self, first_id, second_id)
        merged = second_id if survivor == first_id else first_id
        observer.members[survivor] |= observer.members.pop(merged, set())
        return survivor

    replacements = {
        "_score_events": score_events,
        "_assign_original": assign_original,
        "_join": join,
        "_merge": merge,
    }
    for name, function in replacements.items():
        setattr(cls, name, function)
    try:
        yield
    finally:
        for name, function in originals.items():
            setattr(cls, name, function)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stories", type=int, default=40, help="stories losing most recall")
    args = parser.parse_args(argv)
    settings = load_settings()
    records, gold = load_records(args.data, args.seed)
    observer = _Observer(gold)
    with _observed(observer):
        predicted = dict(stories.cluster_records(records, settings))
    n = len(records)
    p, r, f1 = bcubed(gold, predicted)
    print(f"{n} headlines, seed {args.seed}: B3 P={p:.3f} R={r:.3f} F1={f1:.3f}")

    story_size = Counter(gold.values())
    fragments: dict[str, Counter] = defaultdict(Counter)
    for i, story in gold.items():
        fragments[story][predicted[i]] += 1
    loss = {i: 1 - fragments[gold[i]][predicted[i]] / story_size[gold[i]] for i in gold}
    story_loss: Counter = Counter()
    for i, story in gold.items():
        story_loss[story] += loss[i]
    worst = {story for story, _ in story_loss.most_common(args.stories)}
    threshold = settings.event_similarity_threshold
    causes: Counter = Counter()
    weights: Counter = Counter()
    for record in records:
        i = record["id"]
        largest = fragments[gold[i]].most_common(1)[0][0]
        if gold[i] not in worst or predicted[i] == largest or i not in observer.arrivals:
            continue
        seen = observer.arrivals[i]
        cause = arrival_cause(
            seen["own"], seen["joined"], seen["scored"], seen["linked"], threshold
        )
        causes[cause] += 1
        weights[cause] += loss[i] / n
    print(f"\n== recall: headlines outside their story's largest fragment, {args.stories} stories")
    for cause, count in causes.most_common():
        print(f"{count:6d}  loss {weights[cause]:.4f}  {cause}")

    wrong: Counter = Counter()
    for seen in observer.arrivals.values():
        scored = seen["scored"]
        if not scored or scored[0][0] < threshold or seen["joined"] in seen["own"]:
            continue
        had = "its story had an event" if seen["own"] else "first of its story"
        wrong[(had, math.floor(scored[0][0] * 10) / 10)] += 1
    print("\n== precision: joins into an event holding none of the headline's story")
    for (had, band), count in sorted(wrong.items()):
        print(f"{count:6d}  {had}, winning score {band:.1f}+")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
