"""The Wirehouse page of the Airflow UI, rendered by a test client against a small warehouse
(SQLite and PostgreSQL, from conftest's ``engine``), and the plugin's registration in Airflow."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from load.models import Article, Event, EventArticle, Feed, QuarantinedRecord, Run, Source

REPO = Path(__file__).resolve().parents[1]
PLUGINS = REPO / "plugins"
sys.path.insert(0, str(PLUGINS))  # Airflow puts the plugins folder on sys.path the same way

import wirehouse_dashboard
import wirehouse_plugin

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
EVIL = "<script>alert('x')</script> & more"


def _article(id_: int, source: int, seen: datetime, title: str = "", dup_of: int | None = None) -> Article:
    return Article(
        id=id_, url=f"https://s{source}.example/{id_}", canonical_url=f"https://s{source}.example/{id_}",
        source_id=source, title=title or f"story {id_}", text="words", word_count=1,
        content_hash=f"{id_:064d}", first_seen_at=seen, published_at=seen, duplicate_of_id=dup_of,
    )


@pytest.fixture
def warehouse(engine: Engine) -> Engine:
    """Two sources; articles on three days of the window plus one before it; one duplicate;
    two events; a failing feed whose error holds markup; two runs; three quarantined records,
    one whose error quotes a URL with a password over two lines."""
    day = timedelta(days=1)
    with Session(engine) as s:
        s.add_all([
            Source(id=1, name="Harbor Courier", domain="s1.example"),
            Source(id=2, name=f"Ledger {EVIL}", domain="s2.example"),
        ])
        s.flush()
        s.add_all([
            _article(1, 1, NOW - 2 * day, title=EVIL),
            _article(2, 2, NOW - 2 * day),
            _article(3, 1, NOW - day),
            _article(4, 2, NOW),
            _article(5, 2, NOW, dup_of=4),
            _article(6, 1, NOW - 30 * day),  # outside the 14-day chart
        ])
        s.add_all([
            Event(id=1, title=EVIL, article_count=3, source_count=2,
                  first_published_at=NOW - 2 * day, last_published_at=NOW - day),
            Event(id=2, title="Quiet council vote", article_count=1, source_count=1,
                  first_published_at=NOW, last_published_at=NOW),
        ])
        s.flush()
        s.add_all([
            EventArticle(event_id=1, article_id=1), EventArticle(event_id=1, article_id=2),
            EventArticle(event_id=1, article_id=3), EventArticle(event_id=2, article_id=4),
        ])
        s.add_all([
            Feed(url="https://s1.example/rss", title="Courier", active=True, consecutive_failures=0),
            Feed(url="https://s2.example/feed?a=1&b=2", title=None, active=True,
                 consecutive_failures=4, last_status=500, last_error="HTTP 500 <b>boom</b>",
                 last_fetched_at=NOW - timedelta(hours=7)),
            Feed(url="https://gone.example/rss", title="Gone", active=False,
                 consecutive_failures=9, last_error="410 gone"),
        ])
        s.add_all([
            Run(id="old-run", started_at=NOW - day, status="completed", articles_new=3),
            Run(id="scheduled__2026-11-23T02:00:00+00:00", started_at=NOW - timedelta(hours=7),
                finished_at=NOW - timedelta(hours=6), status="completed", feeds_ok=5, feeds_failed=1,
                pages_fetched=12, articles_new=2, duplicates_new=1, events_touched=2),
        ])
        s.flush()
        feed_id = s.scalar(select(Feed.id).where(Feed.url == "https://s2.example/feed?a=1&b=2"))
        s.add_all([
            QuarantinedRecord(kind="page", url="https://s2.example/old", feed_id=feed_id, run_id="old-run",
                              ref="{}", error="ValueError: old", attempts=3,
                              first_failed_at=NOW - 3 * day, last_failed_at=NOW - 2 * day),
            QuarantinedRecord(kind="page", url=f"https://s2.example/{EVIL}", feed_id=feed_id,
                              run_id="old-run", ref="{}", attempts=1,
                              error=f"DataError: cannot store {EVIL}",
                              first_failed_at=NOW - day, last_failed_at=NOW - day),
            QuarantinedRecord(kind="page", url="https://s1.example/nul", feed_id=None, run_id="old-run",
                              ref="{}", attempts=2,
                              error="\nOperationalError: postgresql://wh:S3cr3tPW@db/wh refused\nline two",
                              first_failed_at=NOW - day, last_failed_at=NOW - timedelta(hours=1)),
        ])
        s.commit()
    return engine


def test_collect_figures(warehouse: Engine) -> None:
    d = wirehouse_dashboard.collect(warehouse, NOW, days=14)
    assert d.last_run is not None and d.last_run.id == "scheduled__2026-11-23T02:00:00+00:00"
    assert d.last_run.articles_new == 2 and d.last_run.feeds_failed == 1
    per_day = dict(d.articles_per_day)
    assert len(per_day) == 14 and min(per_day) == NOW.date() - timedelta(days=13)
    assert per_day[NOW.date()] == 2
    assert per_day[NOW.date() - timedelta(days=1)] == 1
    assert per_day[NOW.date() - timedelta(days=2)] == 2
    assert sum(per_day.values()) == 5  # the 30-day-old article is outside the window
    assert (d.articles_total, d.duplicates_total) == (6, 1)
    assert d.duplicate_share == pytest.approx(1 / 6)
    assert [e.id for e in d.top_events] == [1, 2]
    assert d.top_events[0].sources == ("Harbor Courier", f"Ledger {EVIL}")
    assert d.top_events[1].sources == (f"Ledger {EVIL}",)
    assert [f.url for f in d.failing_feeds] == ["https://s2.example/feed?a=1&b=2"]  # active only


def test_collect_quarantine(warehouse: Engine) -> None:
    d = wirehouse_dashboard.collect(warehouse, NOW, quarantine_rows=2)
    assert d.quarantined_total == 3
    latest = d.quarantined_latest
    assert [q.url for q in latest] == ["https://s1.example/nul", f"https://s2.example/{EVIL}"]
    assert latest[0].error == "OperationalError: postgresql://wh:***@db/wh refused"  # 1st line
    assert latest[0].feed_url is None and latest[0].attempts == 2
    assert latest[1].feed_url == "https://s2.example/feed?a=1&b=2" and latest[1].kind == "page"
    assert latest[0].last_failed_at == NOW - timedelta(hours=1)


def test_collect_on_an_empty_warehouse(engine: Engine) -> None:
    d = wirehouse_dashboard.collect(engine, NOW, days=7)
    assert d.last_run is None
    assert [n for _, n in d.articles_per_day] == [0] * 7
    assert d.duplicate_share == 0.0
    assert d.top_events == () and d.failing_feeds == ()
    page = wirehouse_dashboard.render(d)
    assert "No run recorded yet." in page and "No failing feeds." in page
    assert d.quarantined_total == 0 and "No record is quarantined." in page


@pytest.fixture
def client(warehouse: Engine) -> TestClient:
    app = wirehouse_plugin.create_app(engine=lambda: warehouse, clock=lambda: NOW)
    app.dependency_overrides[wirehouse_plugin.authenticated] = lambda: None
    return TestClient(app)


def test_page_shows_the_figures(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    page = response.text
    assert "scheduled__2026-11-23T02:00:00+00:00" in page
    assert "new articles<b>2</b>" in page and "feeds failed<b>1</b>" in page
    assert "16.7% of 6 articles are duplicates (1)" in page
    assert "<title>2026-11-23: 2 articles</title>" in page
    assert "<title>2026-11-21: 2 articles</title>" in page
    assert page.count("<rect ") == 14
    assert "Quiet council vote" in page
    assert "HTTP 500 &lt;b&gt;boom&lt;/b&gt;" in page
    assert "https://s2.example/feed?a=1&amp;b=2" in page
    assert "Gone" not in page  # inactive feeds are not "failing"


def test_page_shows_the_quarantine(client: TestClient) -> None:
    page = client.get("/").text
    assert "<b>3</b> records failed to load and are quarantined." in page
    assert "<code>wirehouse reprocess --quarantined</code>" in page
    assert "S3cr3tPW" not in page and "line two" not in page
    assert "OperationalError: postgresql://wh:***@db/wh refused" in page
    assert "DataError: cannot store &lt;script&gt;" in page
    assert page.index("s1.example/nul") < page.index("s2.example/old")  # latest first


def test_page_escapes_warehouse_text(client: TestClient) -> None:
    page = client.get("/").text
    assert "<script" not in page
    assert "<b>boom</b>" not in page
    escaped = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more"
    assert page.count(escaped) >= 3  # the event title and the source name, twice
    assert f"Ledger {escaped}" in page


def test_page_requires_an_airflow_user(warehouse: Engine) -> None:
    app = wirehouse_plugin.create_app(engine=lambda: warehouse, clock=lambda: NOW)
    response = TestClient(app).get("/")
    assert response.status_code == 401


@pytest.mark.airflow
def test_airflow_loads_the_plugin(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "WIREHOUSE_"))}
    env.update(
        AIRFLOW_HOME=str(tmp_path),
        AIRFLOW__CORE__PLUGINS_FOLDER=str(PLUGINS),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        PYTHONPATH=str(REPO),
    )
    done = subprocess.run(
        [str(Path(sys.executable).parent / "airflow"), "plugins", "-o", "json"],
        check=False, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    listed = json.loads([line for line in done.stdout.splitlines() if line.startswith("[")][-1])
    plugin = next(p for p in listed if p["name"] == "wirehouse")
    assert "wirehouse_plugin" in str(plugin["source"])
    assert any("/wirehouse" in str(app) for app in plugin["fastapi_apps"])
    assert any("'url_route': 'wirehouse'" in str(v) or '"url_route": "wirehouse"' in str(v)
               for v in plugin["external_views"])
