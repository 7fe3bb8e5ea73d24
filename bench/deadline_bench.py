"""A run among hostile hosts ends within its deadline, and the healthy feeds' pages all load.

Serves on loopback: healthy feeds (each linking article pages), a feed trickled at 1 byte/s,
feeds answering 429 with a ten-year Retry-After, and a host whose pages trickle too. Runs
`run_once` on a fresh SQLite warehouse with ``WIREHOUSE_RUN_DEADLINE`` set to ``--deadline``
(the per-URL deadline left at its default, far longer, so the run deadline is what binds; its
default reserve leaves the last tenth to loading, events and checks) and
reports the run's wall time against that deadline, which is the baseline (goal: <= 1.1x).

    python bench/deadline_bench.py --deadline 30
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # the project's own loopback fault server

from faultserver import FaultServer, Reply

from load.db import make_engine, upgrade
from load.models import Article
from wirehouse.pipeline import run_once
from wirehouse.settings import load_settings

RSS = "application/rss+xml; charset=utf-8"
TEN_YEARS = str(10 * 365 * 24 * 3600)
TEXT = ("The harbour authority confirmed on Tuesday that the northern breakwater will close for "
        "repairs after winter storms loosened several of its granite blocks and undermined the "
        "walkway that fishermen use every morning to reach their moorings. ")


def _rss(title: str, links: list[str]) -> bytes:
    items = "".join(f"<item><title>{title} {i}</title><link>{link}</link>"
                    f"<pubDate>Tue, 03 Mar 2026 0{i % 10}:00:00 GMT</pubDate></item>"
                    for i, link in enumerate(links))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title>{items}"
            "</channel></rss>").encode()


def _page(title: str) -> bytes:
    return (f"<!doctype html><html><head><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1><p>{title}: {TEXT * 3}</p></article></body></html>").encode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deadline", type=float, default=30.0, help="run deadline, seconds")
    parser.add_argument("--healthy-feeds", type=int, default=4)
    parser.add_argument("--pages", type=int, default=3, help="pages per healthy feed")
    args = parser.parse_args(argv)
    with (FaultServer() as healthy, FaultServer() as trickle, FaultServer() as retry,
          tempfile.TemporaryDirectory() as tmp):
        feeds, wanted = [], set()
        for f in range(args.healthy_feeds):
            links = [healthy.url(f"/f{f}/p{p}") for p in range(args.pages)]
            for p, link in enumerate(links):
                healthy.route(f"/f{f}/p{p}", Reply(200, _page(f"Story {f}-{p}")))
            # a healthy feed also links one page on the trickling host
            healthy.route(f"/f{f}.xml", Reply(200, _rss(f"Feed {f}", [
                *links, trickle.url(f"/slow/{f}")]), RSS))
            feeds.append(healthy.url(f"/f{f}.xml"))
            wanted.update(links)
        body = _rss("Slow", [trickle.url("/never")]) * 20
        trickle.route("/feed.xml", Reply(200, body, RSS, trickle=1.0, chunk_size=1))
        for f in range(args.healthy_feeds):
            trickle.route(f"/slow/{f}", Reply(200, _page("Slow") * 20, trickle=1.0,
                                              chunk_size=1))
        feeds.append(trickle.url("/feed.xml"))
        for n in range(3):
            retry.route(f"/r{n}.xml", Reply(429, b"later", "text/plain",
                                            headers=(("Retry-After", TEN_YEARS),)))
            feeds.append(retry.url(f"/r{n}.xml"))
        opml = Path(tmp) / "feeds.opml"
        opml.write_text("<?xml version='1.0'?><opml version='2.0'><head/><body>" + "".join(
            f"<outline type='rss' text='f' xmlUrl='{u}'/>" for u in feeds) + "</body></opml>")
        settings = load_settings(env={}, data_dir=Path(tmp), allow_private_hosts=True,
                                 feeds=opml, run_deadline=args.deadline, host_delay=0.0,
                                 max_feed_failure_share=1.0)
        engine = make_engine(settings.warehouse_url)
        upgrade(engine)
        started = time.monotonic()
        summary = run_once(settings)
        wall = time.monotonic() - started
        with engine.connect() as conn:
            loaded = set(conn.scalars(Article.__table__.select().with_only_columns(
                Article.canonical_url)))
        engine.dispose()
    got = len(wanted & loaded)
    ratio = wall / args.deadline
    print(f"run deadline {args.deadline:.1f} s, wall {wall:.2f} s, ratio {ratio:.3f} "
          f"(goal <= 1.1)")
    print(f"healthy pages loaded {got} of {len(wanted)}; feeds failed {summary.feeds_failed}, "
          f"feeds skipped {summary.feeds_skipped}, pages failed {summary.pages_failed}, "
          f"pages skipped {summary.pages_skipped}")
    stages = ", ".join(f"{name} {seconds:.2f}" for name, seconds in summary.stage_seconds.items())
    print(f"stage seconds: {stages}")
    return 0 if ratio <= 1.1 and got == len(wanted) else 1


if __name__ == "__main__":
    sys.exit(main())
