"""The analyst views and queries over the demo corpus, on both engines, checked against the
corpus's own expectations."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from load.db import run_query
from wirehouse.demo.expectations import expected_articles, expected_feeds
from wirehouse.demo.server import DemoSites
from wirehouse.pipeline import run_once

BROKEN = {"error500", "malformed"}


def _rows(engine, sql: str) -> list[dict]:
    with engine.connect() as conn:
        return [dict(row) for row in conn.execute(text(sql)).mappings()]


def test_views_and_queries_agree_with_the_demo_corpus(settings, engine, tmp_path):
    with DemoSites() as demo:
        run_once(dataclasses.replace(
            settings, feeds=demo.write_opml(tmp_path / "demo.opml"), host_delay=0.0
        ))
        expected = [a for a in expected_articles(demo.base_urls) if not a.robots_disallowed]
        feeds = expected_feeds(demo.base_urls)
    copies = [a for a in expected if a.syndicated_from]
    originals = len(expected) - len(copies)

    assert len(_rows(engine, "SELECT * FROM unique_articles")) == originals

    timeline = _rows(engine, "SELECT * FROM event_timeline")
    assert [str(r["day"]) for r in timeline] == sorted(str(r["day"]) for r in timeline)
    assert sum(r["articles"] for r in timeline) == len(expected)
    assert sum(r["duplicates"] for r in timeline) == len(copies)

    daily = _rows(engine, "SELECT * FROM source_daily")
    assert sum(r["articles"] for r in daily) == len(expected)
    assert sum(r["duplicates"] for r in daily) == len(copies)
    assert sum(r["fetch_failures"] or 0 for r in daily) >= 1  # the feed answering 500

    health_rows = _rows(engine, "SELECT * FROM feed_health")
    health = {r["url"]: r["state"] for r in health_rows}
    assert health == {f.url: ("failing" if f.kind in BROKEN else "ok") for f in feeds}
    kinds = {f.url: f.kind for f in feeds}
    for row in health_rows:  # consistent right after the first run, on both engines
        assert (row["state"] == "failing") == (row["consecutive_failures"] > 0), row
        assert bool(row["in_backoff"]) == (kinds[row["url"]] == "error500"), row
    assert [r["feed_id"] for r in health_rows] == sorted(r["feed_id"] for r in health_rows)

    coverage = _rows(engine, "SELECT * FROM event_coverage")
    per_event: dict[int, set] = {}
    for row in coverage:
        per_event.setdefault(row["event_id"], set()).add(row["source_id"])
        assert (row["lag_hours"] == 0) == (row["reporter_rank"] == 1)
        # whole milliseconds (SQLite's julianday noise was about 0.01 ms)
        milliseconds = row["lag_hours"] * 3_600_000
        assert abs(milliseconds - round(milliseconds)) < 1e-6, row["lag_hours"]
    events = {r["id"]: r["source_count"] for r in _rows(engine, "SELECT id, source_count FROM events")}
    assert {e: len(s) for e, s in per_event.items()} == events

    since = datetime(2000, 1, 1, tzinfo=UTC)
    share = {r["source_name"]: r for r in run_query(engine, "syndication_share", since=since)}
    assert len(copies) == 1
    copy, = copies
    original = next(a for a in expected if a.id == copy.syndicated_from)
    assert share[_source_name(engine, demo, copy.site)]["syndicated"] == 1
    assert share[_source_name(engine, demo, original.site)]["copied_by_others"] == 1

    biggest = run_query(engine, "biggest_events", since=since, max_rows=3)
    assert len(biggest) == 3
    assert biggest[0]["sources"] == max(events.values())
    reporters = run_query(engine, "first_reporters", min_sources=2)
    assert {r["source_id"] for r in reporters} <= {r["source_id"] for r in coverage}
    quiet = run_query(engine, "quiet_feeds", quiet_since=datetime.now(UTC) + timedelta(days=1))
    assert quiet, "every source is quiet after tomorrow"


def _source_name(engine, demo: DemoSites, site_key: str) -> str:
    """The source name the warehouse holds for a demo site key."""
    domain = demo.base_urls[site_key].removeprefix("http://")
    with engine.connect() as conn:
        return conn.execute(text("SELECT name FROM sources WHERE domain = :d"), {"d": domain}).scalar_one()
