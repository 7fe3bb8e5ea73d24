"""Happenings of the same kind in the same window: are they kept apart, and each kept whole?

    python bench/same_window_bench.py [--data bench/same_window] [--show-split]

Every ``*.yaml`` file under bench/same_window (written for the project) is one part of the
corpus, and each of its groups holds two or more happenings of one kind on the same days (two
warehouse fires, three earthquakes in three countries, ...) in different places or with
different actors, three or more reports each: reports.yaml the 20 short pairs, busy_day.yaml
the groups that reproduce how events merge on a busy news day, held_out.yaml to held_out_11.yaml
groups written before the event rules were read (see README.md there). All reports of all parts
are clustered in one run by the pipeline's own code (load.stories.cluster_records), with and
without who and where (WIREHOUSE_EVENT_ENTITIES), and by a plain TF-IDF single pass. Printed
per method, for the whole corpus and then per part: pairs kept apart (two happenings of one
group that no event holds reports of both), happenings kept whole (all reports in one event),
B-cubed precision/recall/F1.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
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
    pairs: list[tuple[str, str]]  # every two happenings of one group
    parts: dict[str, frozenset[str]]  # file stem -> its happenings


def load_corpus(data: Path) -> Corpus:
    pairs, records, gold, parts = [], [], {}, {}
    for path in sorted(data.glob("*.yaml")):
        part: set[str] = set()
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
            keys = [h["key"] for h in entry["happenings"]]
            if len(keys) < 2:
                raise ValueError(f"{path.name}: kind {entry['kind']!r} needs two happenings")
            if part.intersection(keys) or any(k in p for p in parts.values() for k in keys):
                raise ValueError(f"{path.name}: kind {entry['kind']!r} repeats a key")
            part.update(keys)
            pairs.extend(itertools.combinations(keys, 2))
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
                            "language": report.get("language", "en"),
                        }
                    )
        parts[path.stem] = frozenset(part)
    records.sort(key=lambda r: (r["published_at"], r["id"]))
    return Corpus(records, gold, pairs, parts)


def score(
    name: str, corpus: Corpus, predicted: dict[str, str], seconds: float | None, part: str = ""
) -> None:
    """One line of figures; ``part`` limits them to one file's happenings (clustered with the
    rest, so a merge with another part's happening costs that part's precision)."""
    happenings = corpus.parts[part] if part else frozenset(corpus.gold.values())
    within = {r for r, h in corpus.gold.items() if h in happenings}
    pairs = [(a, b) for a, b in corpus.pairs if a in happenings]
    events_of: dict[str, set[str]] = defaultdict(set)
    for record_id in within:
        events_of[corpus.gold[record_id]].add(predicted[record_id])
    apart = sum(1 for a, b in pairs if not events_of[a] & events_of[b])
    whole = sum(1 for events in events_of.values() if len(events) == 1)
    p, r, f1 = bcubed(corpus.gold, predicted, within)
    took = f"  ({seconds:.1f}s)" if seconds is not None else ""
    label = f"  {part}: {name}" if part else name
    print(
        f"{label:<40} pairs apart={apart:3d}/{len(pairs)}  whole={whole:2d}/"
        f"{len(events_of)}  B3 P={p:.3f} R={r:.3f} F1={f1:.3f}{took}"
    )


def show_split(corpus: Corpus, predicted: dict[str, str]) -> None:
    """Each happening not kept whole and each pair not kept apart, with every report's event
    (language, time and title): where to look when a figure moves."""
    records = {r["id"]: r for r in corpus.records}
    events_of: dict[str, set[str]] = defaultdict(set)
    for record_id, happening in corpus.gold.items():
        events_of[happening].add(predicted[record_id])
    shown = {h for h, events in events_of.items() if len(events) > 1}
    shown |= {h for a, b in corpus.pairs if events_of[a] & events_of[b] for h in (a, b)}
    for happening in sorted(shown):
        print(f"  {happening}: {len(events_of[happening])} events")
        for record_id in sorted(r for r, h in corpus.gold.items() if h == happening):
            record = records[record_id]
            shared = {
                h for h in events_of if h != happening and predicted[record_id] in events_of[h]
            }
            also = f"  (with {', '.join(sorted(shared))})" if shared else ""
            print(
                f"    {predicted[record_id]:<10} {record['language']} {record['published_at'][:16]}"
                f" {record['title'][:70]}{also}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--baseline-threshold", type=float, default=0.12)
    parser.add_argument(
        "--show-split",
        action="store_true",
        help="list, for wirehouse, each happening not kept whole or merged with another",
    )
    args = parser.parse_args(argv)
    if not any(args.data.glob("*.yaml")):
        print(f"benchmark data absent: no *.yaml under {args.data} (use --data)")
        return 2
    corpus = load_corpus(args.data)
    print(
        f"{len(corpus.records)} reports, {len(corpus.gold and set(corpus.gold.values()))} "
        f"happenings in {len(corpus.pairs)} same-kind pairs"
        f" ({', '.join(f'{name}: {len(keys)}' for name, keys in corpus.parts.items())})"
    )
    settings = load_settings()
    started = time.perf_counter()
    runs = [("TF-IDF single pass", tfidf_single_pass(corpus.records, args.baseline_threshold))]
    score(runs[0][0], corpus, runs[0][1], time.perf_counter() - started)
    for name, entities in (("wirehouse, words only", False), ("wirehouse", True)):
        chosen = dataclasses.replace(settings, event_entities=entities)
        started = time.perf_counter()
        runs.append((name, dict(cluster_records(corpus.records, chosen))))
        score(name, corpus, runs[-1][1], time.perf_counter() - started)
    if len(corpus.parts) > 1:
        for part in corpus.parts:
            for name, predicted in runs:
                score(name, corpus, predicted, None, part)
    if args.show_split:
        show_split(corpus, runs[-1][1])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
