"""Scale the demo corpus to N pages across H loopback hosts, for throughput benchmarks.

    .venv/bin/python bench/demo_scale.py [--pages 600] [--hosts 6] [--data CORPUS_DIR]
    .venv/bin/python bench/demo_scale.py --pages 5000 --hosts 12 --serve --opml /tmp/scale.opml

Hosts cycle through the demo's four page templates, with its clutter, and each runs its own
server, as in the demo. The news on them comes from bench/synthetic.py: articles of known
events, each event with its own invented names, figures and topic words, the running text in
the demo corpus's own vocabulary (its words, most frequent first), published at a steady
rate that ends where the demo's week ends, so a larger corpus covers more days, as a
warehouse grows. ``--copy-share`` of the pages are trimmed syndicated copies of an earlier
page on another host, so deduplication has real work. (Pages stitched from the demo's own
paragraphs would all share text with each other: every page a near copy of many, every
event merged into one, which no news wire looks like.)

Without ``--serve`` it measures the servers themselves: every page fetched by one sequential
client (the baseline) and then by one client thread per host, and prints both rates and
their ratio. With ``--serve`` it writes the OPML feed list and serves until Ctrl-C, for
pipeline benchmarks to run against.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import httpx

REPO = Path(__file__).resolve().parent.parent
for entry in (REPO, REPO / "bench"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from synthetic import generate

from wirehouse.demo.corpus import CORPUS_DIR, Corpus, DemoArticle, load_corpus
from wirehouse.demo.expectations import expected_articles
from wirehouse.demo.server import DemoSites

END = datetime(2026, 11, 22, tzinfo=UTC)  # the demo corpus's week ends here
PER_DAY = 300.0  # pages published per day, whatever the corpus size
_WORD = re.compile(r"[a-z]+")


def corpus_vocabulary(base: Corpus) -> list[str]:
    """The lowercase words of the corpus's original articles, most frequent first."""
    counts: Counter[str] = Counter()
    for article in base.articles:
        if article.syndicated_from is None:
            for paragraph in article.paragraphs:
                counts.update(_WORD.findall(paragraph.lower()))
    return [word for word, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def scaled_corpus(base: Corpus, pages: int, hosts: int, seed: int = 7,
                  copy_share: float = 0.05) -> Corpus:
    """A corpus of ``pages`` articles over ``hosts`` sites, deterministic for a given seed.

    Article ``event`` keys are the generator's events; originals go round the hosts in turn,
    a copy to the host after its original's."""
    if pages < 2 * hosts or hosts < 1:
        raise ValueError("need at least two pages per host")
    sites = tuple(
        dataclasses.replace(base.sites[i % len(base.sites)], key=f"host{i:03d}",
                            name=f"{base.sites[i % len(base.sites)].name} {i:03d}", extra_feeds=())
        for i in range(hosts))
    index_of = {site.key: i for i, site in enumerate(sites)}
    models = [a for a in base.articles if a.syndicated_from is None]
    news = generate(pages, seed=seed, start=END - timedelta(days=pages / PER_DAY),
                    per_day=PER_DAY, copy_share=copy_share, sources=hosts,
                    common_words=corpus_vocabulary(base))
    by_key: dict[str, DemoArticle] = {}
    articles: list[DemoArticle] = []
    originals = 0
    for j, item in enumerate(news):
        model = models[j % len(models)]
        published = item.published_at.astimezone(model.published.tzinfo)
        if item.copy_of is not None:
            source = by_key[item.copy_of]
            source_index = index_of[source.site]
            site = sites[(source_index + 1) % hosts]
            note = f"This story first appeared in the {sites[source_index].name}."
            fields = {
                "title": source.title, "authors": source.authors, "section": source.section,
                "summary": source.summary, "syndicated_from": source.id,
                "paragraphs": source.paragraphs[:max(2, len(source.paragraphs) - 1)] + (note,),
            }
        else:
            site = sites[originals % hosts]
            originals += 1
            paragraphs = tuple(item.text.split("\n\n"))
            fields = {
                "title": item.title, "authors": model.authors, "section": model.section,
                "summary": paragraphs[0].split(". ", 1)[0] + ".", "syndicated_from": None,
                "paragraphs": paragraphs,
            }
        slug = f"story-{j:06d}"
        path = site.path_pattern.format(
            yyyy=f"{published.year:04d}", mm=f"{published.month:02d}", dd=f"{published.day:02d}",
            slug=slug, section=fields["section"].lower())
        article = DemoArticle(
            id=f"{site.key}/{slug}", site=site.key, slug=slug, path=path, published=published,
            event=f"event-{item.event}", feed_link="plain", image_caption=model.image_caption,
            image_credit=model.image_credit, **fields)
        by_key[item.key] = article
        articles.append(article)
    return Corpus(sites=sites, articles=tuple(articles))


def _fetch_all(urls: list[str]) -> int:
    with httpx.Client(timeout=30) as client:
        return sum(len(client.get(u).content) for u in urls)


def measure(demo: DemoSites, corpus: Corpus) -> None:
    urls = [e.url for e in expected_articles(demo.base_urls, corpus)]
    started = time.perf_counter()
    total = _fetch_all(urls)
    sequential = time.perf_counter() - started
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(urlsplit(url).netloc, []).append(url)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(by_host)) as pool:
        parallel_total = sum(pool.map(_fetch_all, by_host.values()))
    parallel = time.perf_counter() - started
    if parallel_total != total:
        raise RuntimeError("the parallel pass fetched different bytes from the baseline")
    print(f"fetched {len(urls)} pages, {total / 1e6:.1f} MB, from {len(demo.sites)} hosts")
    print(f"baseline, one sequential client: {len(urls) / sequential:8.0f} pages/s ({sequential:.2f} s)")
    print(f"one client per host (parallel):  {len(urls) / parallel:8.0f} pages/s ({parallel:.2f} s)")
    print(f"ratio parallel/baseline: {sequential / parallel:.2f}x")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--hosts", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--copy-share", type=float, default=0.05)
    parser.add_argument("--data", type=Path, default=CORPUS_DIR, help="corpus directory to scale")
    parser.add_argument("--port", type=int, default=0, help="first port with --serve (0 = ephemeral)")
    parser.add_argument("--serve", action="store_true", help="serve until Ctrl-C instead of measuring")
    parser.add_argument("--opml", type=Path, default=Path("scaled-demo.opml"))
    args = parser.parse_args(argv)
    if not (args.data / "sites.yaml").is_file():
        print(f"no demo corpus at {args.data} (expected sites.yaml and articles/); nothing to do")
        return 1
    started = time.perf_counter()
    corpus = scaled_corpus(load_corpus(args.data), args.pages, args.hosts, args.seed, args.copy_share)
    generated = time.perf_counter() - started
    copies = sum(1 for a in corpus.articles if a.syndicated_from)
    print(f"generated {len(corpus.articles)} pages ({copies} syndicated copies) in {generated:.2f} s")
    started = time.perf_counter()
    with DemoSites(args.port if args.serve else 0, corpus=corpus) as demo:
        print(f"rendered and bound {len(demo.sites)} hosts in {time.perf_counter() - started:.2f} s")
        if not args.serve:
            measure(demo, corpus)
            return 0
        print(f"feed list: {demo.write_opml(args.opml)}; serving until Ctrl-C")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
