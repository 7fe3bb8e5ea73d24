"""Event clustering quality on real headlines with an aggregator's story labels.

    python bench/clustering_bench.py [--data ../shared/bench/story-clustering] [--seed 7]

Rows are shuffled with a fixed seed and given published times drawn uniformly across the
36 hours of the crawl, so arrival order carries no cluster information. The pipeline's own
clustering (load.stories.cluster_records) is compared with a plain TF-IDF single-pass
baseline in the same run. Prints B-cubed precision/recall/F1 and pairwise F1.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from load.stories import cluster_records
from wirehouse.settings import Settings, load_settings

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "story-clustering"
SPAN = timedelta(hours=36)


def bcubed(
    gold: dict[str, str], predicted: dict[str, str], within: Collection[str] | None = None
) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1, averaged over the items ``within`` (all by default),
    each scored against the whole run: an event that also holds items outside ``within``
    costs their precision."""
    within = gold if within is None else within
    gold_size = Counter(gold.values())
    predicted_size = Counter(predicted.values())
    both = Counter((gold[i], predicted[i]) for i in gold)
    precision = sum(both[(gold[i], predicted[i])] / predicted_size[predicted[i]] for i in within)
    recall = sum(both[(gold[i], predicted[i])] / gold_size[gold[i]] for i in within)
    precision, recall = precision / len(within), recall / len(within)
    return precision, recall, 2 * precision * recall / (precision + recall)


def pairwise_f1(gold: dict[str, str], predicted: dict[str, str]) -> float:
    def pairs(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    true_pairs = pairs(Counter((gold[i], predicted[i]) for i in gold))
    gold_pairs, predicted_pairs = pairs(Counter(gold.values())), pairs(Counter(predicted.values()))
    if not true_pairs:
        return 0.0
    precision, recall = true_pairs / predicted_pairs, true_pairs / gold_pairs
    return 2 * precision * recall / (precision + recall)


def _tokens(text: str) -> list[str]:
    return [
        w for w in "".join(c.lower() if c.isalnum() else " " for c in text).split() if len(w) > 2
    ]


def tfidf_single_pass(records: list[dict], threshold: float) -> dict[str, str]:
    """Baseline: incremental-IDF TF-IDF vectors, each item joins the most similar cluster
    centroid (cosine) or starts a new one."""
    document_frequency: Counter = Counter()
    centroids: list[Counter] = []
    members: dict[str, str] = {}
    for documents, record in enumerate(records):
        counts = Counter(_tokens(record["title"] + " " + record["text"]))
        vector = {
            t: c * (math.log((documents + 1) / (document_frequency[t] + 1)) + 1)
            for t, c in counts.items()
        }
        length = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        best, best_score = -1, 0.0
        for index, centroid in enumerate(centroids):
            dot = sum(v * centroid.get(t, 0.0) for t, v in vector.items())
            if dot:
                score = dot / (length * math.sqrt(sum(v * v for v in centroid.values())))
                if score > best_score:
                    best, best_score = index, score
        if best < 0 or best_score < threshold:
            centroids.append(Counter())
            best = len(centroids) - 1
        centroids[best].update({t: v / length for t, v in vector.items()})
        members[record["id"]] = str(best)
        document_frequency.update(counts.keys())
    return members


def load_records(data: Path, seed: int) -> tuple[list[dict], dict[str, str]]:
    rows = []
    for path in sorted(data.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    rng = random.Random(seed)
    rng.shuffle(rows)
    start = min(datetime.fromisoformat(r["date"]) for r in rows)
    records = []
    for row in rows:
        moment = start + timedelta(seconds=rng.uniform(0, SPAN.total_seconds()))
        records.append(
            {
                "id": row["id"],
                "title": row["title"],
                "text": row.get("text") or "",
                "source": row["source"],
                "published_at": moment.astimezone(UTC).isoformat(),
            }
        )
    records.sort(key=lambda r: r["published_at"])
    return records, {row["id"]: row["cluster_id"] for row in rows}


def report(name: str, gold: dict[str, str], predicted: dict[str, str], seconds: float) -> float:
    p, r, f1 = bcubed(gold, predicted)
    print(
        f"{name:<28} clusters={len(set(predicted.values())):5d}  B3 P={p:.4f} R={r:.4f} "
        f"F1={f1:.4f}  pairwise F1={pairwise_f1(gold, predicted):.3f}  ({seconds:.1f}s)"
    )
    return f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline-threshold", type=float, default=0.12)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N shuffled rows")
    args = parser.parse_args(argv)
    if not args.data.is_dir() or not any(args.data.glob("*.jsonl")):
        print(f"benchmark data absent: no *.jsonl under {args.data} (use --data)")
        return 2
    settings = load_settings()  # WIREHOUSE_* variables apply, to try other thresholds
    records, gold = load_records(args.data, args.seed)
    if args.limit:
        records = records[: args.limit]
        gold = {r["id"]: gold[r["id"]] for r in records}
    print(f"{len(records)} headlines, {len(set(gold.values()))} gold stories, seed {args.seed}")
    defaults = Settings()
    changed = {
        f.name: getattr(settings, f.name)
        for f in dataclasses.fields(Settings)
        if f.name.startswith(("event_", "near_", "minhash", "shingle"))
        and getattr(settings, f.name) != getattr(defaults, f.name)
    }
    print("settings changed from defaults:", changed or "none")

    started = time.perf_counter()
    baseline = tfidf_single_pass(records, args.baseline_threshold)
    base_f1 = report("TF-IDF single pass", gold, baseline, time.perf_counter() - started)

    started = time.perf_counter()
    ours = dict(cluster_records(records, settings))
    our_f1 = report("wirehouse (process_new_art.)", gold, ours, time.perf_counter() - started)
    print(f"B-cubed F1 ratio wirehouse/baseline = {our_f1 / base_f1:.2f}")
    by_size: dict[int, int] = defaultdict(int)
    for size in Counter(ours.values()).values():
        by_size[min(size, 10)] += 1
    print("wirehouse cluster sizes (10 = 10+):", dict(sorted(by_size.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
