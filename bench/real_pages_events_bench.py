"""Event precision on real full-text pages that are almost all about different happenings.

    python bench/real_pages_events_bench.py [--data ../shared/bench] [--seed 7] [--show-joins]

The shared extraction sets hold 1,171 real article pages (``article-extraction``: 181,
``article-extraction-multilingual``: 990) from many sites, languages and years. Each page's
text, title and language come from the project's own extraction (``extract_page``, as the
pipeline stores them), its source is its URL's domain, and every page is given a published time
drawn uniformly in one 36-hour window (fixed seed). ``load.stories.cluster_records`` then
clusters them all in one run, with who and where and words only (``WIREHOUSE_EVENT_ENTITIES``),
next to the TF-IDF single pass of clustering_bench.py.

Every page is taken as its own story except the pairs judged to report one real story in
``bench/real_pages_same_story.json``, so any event joining two other pages is a false join.
Printed per method: events of 2+ pages, pages in them, B-cubed precision (and recall, which is
1.0 but for the judged pairs). A second block does the same on the 181 ``article-extraction``
pages alone with their ground-truth article body as text and again with the extracted text, so
that extraction noise (boilerplate, related-article lists) is told apart from the event rules.
``--show-joins`` lists every event of 2+ pages of the pipeline with each page's title; under
each false join, each page's recognized entities and, per pair of its pages, the cosine of
their TF-IDF vectors (IDF over all the run's pages) and the shared terms that weigh most in it,
so the link that joined them (words, a shared entity, a name) can be read: pairs of pages, not
the pipeline's own decision (which weighs event centroids, name links and waiting pages).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
for entry in (REPO, BENCH):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from clustering_bench import SPAN, bcubed, tfidf_single_pass
from extraction_bench import SET_DIRS, load_multilingual, load_zyte

from load.stories import cluster_records
from transform import events as ev
from transform.entities import EntityMention, recognize_entities
from transform.html_extract import ExtractionError, extract_page
from transform.urls import InvalidURLError, domain_of
from wirehouse.settings import Settings, load_settings

DEFAULT_DATA = REPO.parent / "shared" / "bench"
DEFAULT_JUDGED = BENCH / "real_pages_same_story.json"
WINDOW_START = datetime(2024, 3, 1, tzinfo=UTC)


def judged_gold(ids: Iterable[str], same_story: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each id its own story, except the judged pairs (and what they chain to) sharing one."""
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in same_story:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    return {i: root(i) for i in parent}


def joins(predicted: dict[str, str]) -> tuple[int, int]:
    """(events holding 2+ ids, ids in them)."""
    sizes = [n for n in Counter(predicted.values()).values() if n > 1]
    return len(sizes), sum(sizes)


def spread_in_window(records: list[dict], seed: int) -> list[dict]:
    """The records shuffled with ``seed``, each given a time uniform in the 36-hour window,
    sorted by it (so arrival order says nothing about the pages)."""
    rng = random.Random(seed)
    shuffled = list(records)
    rng.shuffle(shuffled)
    timed = [
        {**record, "published_at": (
            WINDOW_START + timedelta(seconds=rng.uniform(0, SPAN.total_seconds()))).isoformat()}
        for record in shuffled
    ]
    return sorted(timed, key=lambda r: (r["published_at"], r["id"]))


def source_of(url: str) -> str:
    """The page's domain; the multilingual set names a few pages ``hard::<file>``, not by URL."""
    try:
        return domain_of(url)
    except InvalidURLError:
        return url.split("::")[-1].split("-")[0]


def load_pages(data: Path) -> tuple[list[dict], dict[str, str]]:
    """Every page as a record (its extracted title, text and language), and per zyte page id
    its ground-truth article body."""
    records, truth = [], {}
    for set_name, loader in (("zyte", load_zyte), ("multilingual", load_multilingual)):
        for page in loader(data / SET_DIRS[set_name]):
            record_id = f"{SET_DIRS[set_name]}/{page.key}"
            try:
                found = extract_page(page.raw, page.url, content_type="text/html; charset=utf-8")
            except ExtractionError:
                continue
            if not found.text.strip():
                continue
            records.append({"id": record_id, "title": found.title or "", "text": found.text,
                            "language": found.language, "source": source_of(page.url),
                            "url": page.url})
            if page.truth:
                truth[record_id] = page.truth
    return records, truth


def report(name: str, gold: dict[str, str], predicted: dict[str, str], seconds: float) -> None:
    events, pages = joins(predicted)
    p, r, _ = bcubed(gold, predicted)
    print(f"{name:<34} events of 2+={events:4d}  pages in them={pages:4d}  "
          f"B3 P={p:.3f} R={r:.3f}  ({seconds:.1f}s)")


def run_methods(label: str, records: list[dict], gold: dict[str, str], settings: Settings,
                threshold: float) -> dict[str, str]:
    """TF-IDF, words only and wirehouse on ``records``; returns wirehouse's events."""
    print(f"{label}: {len(records)} pages, {len(set(gold.values()))} judged stories")
    started = time.perf_counter()
    report("  TF-IDF single pass", gold, tfidf_single_pass(records, threshold),
           time.perf_counter() - started)
    ours: dict[str, str] = {}
    for name, entities in (("  wirehouse, words only", False), ("  wirehouse", True)):
        chosen = dataclasses.replace(settings, event_entities=entities)
        started = time.perf_counter()
        ours = dict(cluster_records(records, chosen))
        report(name, gold, ours, time.perf_counter() - started)
    return ours


def page_vectors(records: list[dict]) -> tuple[dict[str, dict[str, float]],
                                               dict[str, list[EntityMention]]]:
    """Per page its TF-IDF vector as the pipeline weighs it (IDF over all ``records``) and its
    recognized entities."""
    mentions = {r["id"]: recognize_entities(r["title"], r["text"], r["language"])
                for r in records}
    raw = {r["id"]: ev.article_terms(r["title"], r["text"], ev.TermWeights(), r["language"],
                                     mentions[r["id"]]) for r in records}
    counts: Counter[str] = Counter()
    for vector in raw.values():
        counts.update(vector.keys())
    return {i: ev.weigh(v, counts, len(raw)) for i, v in raw.items()}, mentions


def explain_join(ids: list[str], vectors: dict[str, dict[str, float]],
                 mentions: dict[str, list[EntityMention]], shared: int = 8) -> None:
    """Each page's entities, and per pair the cosine and its heaviest shared terms."""
    for record_id in sorted(ids):
        named = ", ".join(f"{m.entity.key}x{m.mentions}{'T' if m.in_title else ''}"
                          for m in mentions[record_id][:10])
        print(f"      entities {record_id.split('/')[-1][:16]}: {named or '-'}")
    for index, a in enumerate(sorted(ids)):
        for b in sorted(ids)[index + 1:]:
            va, vb = vectors[a], vectors[b]
            products = sorted(((va[t] * vb[t], t) for t in va.keys() & vb.keys()), reverse=True)
            dot = sum(p for p, _ in products) or 1.0
            top = ", ".join(f"{t} {p / dot:.0%}" for p, t in products[:shared])
            print(f"      {a.split('/')[-1][:16]} ~ {b.split('/')[-1][:16]}: "
                  f"cosine {ev.cosine(va, vb):.3f}; {top}")


def show_joins(records: list[dict], gold: dict[str, str], predicted: dict[str, str]) -> None:
    """Every event of 2+ pages with its titles; each false join explained (:func:`explain_join`)."""
    by_id = {r["id"]: r for r in records}
    vectors, mentions = page_vectors(records)
    members: dict[str, list[str]] = defaultdict(list)
    for record_id, event in predicted.items():
        members[event].append(record_id)
    for event, ids in sorted(members.items(), key=lambda kv: -len(kv[1])):
        if len(ids) < 2:
            continue
        false = len({gold[i] for i in ids}) > 1
        print(f"  {event} ({len(ids)} pages, {'FALSE JOIN' if false else 'judged one story'})")
        for record_id in sorted(ids):
            record = by_id[record_id]
            print(f"    {record['language'] or '??'} {record['source']:<28.28} "
                  f"{record['title'][:70]!r}  [{record_id}]")
        if false:
            explain_join(ids, vectors, mentions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--judged", type=Path, default=DEFAULT_JUDGED)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline-threshold", type=float, default=0.12)
    parser.add_argument("--show-joins", action="store_true",
                        help="list every event of 2+ pages (all pages run) with its titles")
    args = parser.parse_args(argv)
    missing = [str(args.data / d) for d in SET_DIRS.values() if not (args.data / d).is_dir()]
    if missing:
        print(f"benchmark data absent: {', '.join(missing)} (use --data)")
        return 2
    same_story = [tuple(entry["pages"]) for entry in
                  json.loads(args.judged.read_text(encoding="utf-8"))["same_story"]]
    settings = load_settings()
    started = time.perf_counter()
    pages, truth = load_pages(args.data)
    print(f"extracted {len(pages)} pages in {time.perf_counter() - started:.0f}s, seed {args.seed}")
    records = spread_in_window(pages, args.seed)
    gold = judged_gold((r["id"] for r in records), same_story)
    ours = run_methods("all pages, extracted text", records, gold, settings,
                       args.baseline_threshold)
    zyte = [r for r in records if r["id"] in truth]
    zyte_gold = {r["id"]: gold[r["id"]] for r in zyte}
    run_methods("article-extraction pages, extracted text", zyte, zyte_gold, settings,
                args.baseline_threshold)
    run_methods("article-extraction pages, ground-truth text",
                [{**r, "text": truth[r["id"]]} for r in zyte], zyte_gold, settings,
                args.baseline_threshold)
    if args.show_joins:
        show_joins(records, gold, ours)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
