"""Happenings of the same kind in the same window: are they kept apart, and each kept whole?

    python bench/same_window_bench.py [--data bench/same_window]

bench/same_window/reports.yaml (written for the project) holds 20 pairs of happenings of one
kind on the same days (two warehouse fires, two port strikes, two storms, ...) in different
places or with different actors, three reports each. All 120 reports are clustered in one run
by the pipeline's own code (load.stories.cluster_records), with and without who and where
(WIREHOUSE_EVENT_ENTITIES), and by a plain TF-IDF single pass. Printed per method: pairs kept
apart (no event holds reports of both), happenings kept whole (all reports in one event),
B-cubed precision/recall/F1.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clustering_bench import bcubed, tfidf_single_pass

from load.stories import cluster_records
from wirehouse.settings import load_settings

DEFAULT_DATA = Path(__file__).resolve().parent / "same_window"


@dataclasses.dataclass(frozen=True)
class Corpus:
    records: list[dict]
    gold: dict[str, str]  # report id -> happening
    pairs: list[tuple[str, str]]  # the two happenings of each kind


def load_corpus(data: Path) -> Corpus:
    pairs, records, gold = [], [], {}
    for entry in yaml.safe_load((data / "reports.yaml").read_text(encoding="utf-8")):
        keys = [h["key"] for h in entry["happenings"]]
        if len(keys) != 2:
            raise ValueError(f"kind {entry['kind']!r}: a pair needs two happenings")
        pairs.append((keys[0], keys[1]))
        for happening in entry["happenings"]:
            for index, report in enumerate(happening["reports"]):
                record_id = f"{happening['key']}/{index}"
                gold[record_id] = happening["key"]
                records.append(
                    {
                        "id": record_id,
                        "title": report["title"],
                        "text": report["text"],
                        "source": report["source"],
                        "published_at": report["at"],
                        "language": "en",
                    }
                )
    records.sort(key=lambda r: (r["published_at"], r["id"]))
    return Corpus(records, gold, pairs)


def score(name: str, corpus: Corpus, predicted: dict[str, str], seconds: float) -> None:
    events_of: dict[str, set[str]] = defaultdict(set)
    for record_id, happening in corpus.gold.items():
        events_of[happening].add(predicted[record_id])
    apart = sum(1 for a, b in corpus.pairs if not events_of[a] & events_of[b])
    whole = sum(1 for events in events_of.values() if len(events) == 1)
    p, r, f1 = bcubed(corpus.gold, predicted)
    print(
        f"{name:<30} pairs apart={apart:2d}/{len(corpus.pairs)}  whole={whole:2d}/"
        f"{len(events_of)}  B3 P={p:.3f} R={r:.3f} F1={f1:.3f}  ({seconds:.1f}s)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--baseline-threshold", type=float, default=0.12)
    args = parser.parse_args(argv)
    if not (args.data / "reports.yaml").is_file():
        print(f"benchmark data absent: no reports.yaml under {args.data} (use --data)")
        return 2
    corpus = load_corpus(args.data)
    print(
        f"{len(corpus.records)} reports, {len(corpus.gold and set(corpus.gold.values()))} "
        f"happenings in {len(corpus.pairs)} same-kind pairs"
    )
    settings = load_settings()
    started = time.perf_counter()
    baseline = tfidf_single_pass(corpus.records, args.baseline_threshold)
    score("TF-IDF single pass", corpus, baseline, time.perf_counter() - started)
    for name, entities in (("wirehouse, words only", False), ("wirehouse", True)):
        chosen = dataclasses.replace(settings, event_entities=entities)
        started = time.perf_counter()
        predicted = dict(cluster_records(corpus.records, chosen))
        score(name, corpus, predicted, time.perf_counter() - started)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
