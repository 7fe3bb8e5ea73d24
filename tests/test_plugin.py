"""The Wirehouse page of the Airflow UI, rendered by a test client against a small warehouse
(SQLite and PostgreSQL, from conftest's ``engine``), and the plugin's registration in Airflow."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from load.models import Article, Event, EventArticle, Feed, QuarantinedRecord, Run, Source
from wirehouse.settings import Settings

REPO = Path(__file__).resolve().parents[1]
PLUGINS = REPO / "plugins"
sys.path.insert(0, str(PLUGINS))  # Airflow puts the plugins folder on sys.path the same way

import wirehouse_dashboard
import wirehouse_plugin
from wirehouse_dashboard import AirflowRun, AirflowUnavailableError, TaskTry

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
EVIL = "<script>alert('x')</script> & more"
PIPELINE_DAGS = frozenset({"wirehouse_ingest", "wirehouse_events"})


def _article(id_: int, source: int, seen: datetime, title: str = "", dup_of: int | None = None) -> Article:
    return Article(
        id=id_, url=f"https://s{source}.example/{id_}", canonical_url=f"https://s{source}.example/{id_}",
        source_id=source, title=title or f"story {id_}", text="words", word_count=1,
        content_hash=f"{id_:064d}", first_seen_at=seen, published_at=seen, duplicate_of_id=dup_of,
    )


@pytest.fixture
def warehouse(engine: Engine) -> Engine:
    """Two sources; articles on three days of the window plus one before it; one duplicate;
    two events; four feeds (ok, failing in back-off with markup in its error, never fetched,
    inactive); four runs over three days, one failed and one still running; three quarantined
    records, one whose error quotes a URL with a password over two lines."""
    day, hour = timedelta(days=1), timedelta(hours=1)
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
            _article(6, 1, NOW - 30 * day),  # outside the 14-day window
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
            Feed(url="https://s1.example/rss", title="Courier", source_id=1, active=True,
                 consecutive_failures=0, last_status=200, entry_count=12,
                 last_fetched_at=NOW - 7 * hour, last_success_at=NOW - 7 * hour),
            Feed(url="https://s2.example/feed?a=1&b=2", title=None, source_id=2, active=True,
                 consecutive_failures=4, last_status=500,
                 last_error="HTTP 500 <b>boom</b>\nsecond line", entry_count=30,
                 last_fetched_at=NOW - 7 * hour, last_success_at=NOW - 3 * day,
                 next_fetch_at=NOW + 5 * hour),
            Feed(url="https://new.example/rss", title="Newcomer", active=True, consecutive_failures=0),
            Feed(url="https://gone.example/rss", title="Gone", active=False,
                 consecutive_failures=9, last_error="410 gone", last_fetched_at=NOW - 2 * day),
        ])
        s.add_all([
            Run(id="old-run", started_at=NOW - day, finished_at=NOW - day + 20 * timedelta(minutes=1),
                status="completed", pages_fetched=7, articles_new=3, feeds_failed=2),
            Run(id="broken-run", started_at=NOW - day + 2 * hour, finished_at=NOW - day + 3 * hour,
                status="failed", feeds_failed=6,
                error="every feed failed (6)\nTraceback (most recent call last):"),
            Run(id="ancient-run", started_at=NOW - 20 * day, status="completed", pages_fetched=99),
            Run(id="manual__2026-11-23T08:00:00+00:00", started_at=NOW - 90 * timedelta(minutes=1),
                status="running", pages_fetched=3),
            Run(id="scheduled__2026-11-23T02:00:00+00:00", started_at=NOW - 7 * hour,
                finished_at=NOW - 6 * hour, status="completed", feeds_ok=5, feeds_failed=1,
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
                              first_failed_at=NOW - day, last_failed_at=NOW - hour),
        ])
        s.commit()
    return engine


def _try(task: str, state: str, tries: int, map_index: int = -1) -> TaskTry:
    link = f"/dags/wirehouse_ingest/runs/scheduled__2026-11-23T02%3A00%3A00%2B00%3A00/tasks/{task}"
    return TaskTry(task, map_index, state, tries, 3, link + f"?try_number={tries}")


AIRFLOW_RUNS = (
    AirflowRun(
        dag_id="wirehouse_ingest", run_id="scheduled__2026-11-23T02:00:00+00:00", run_type="scheduled",
        state="failed", run_after=NOW - timedelta(hours=7), start_date=NOW - timedelta(hours=7),
        end_date=NOW - timedelta(hours=6, minutes=15), tasks=5, tries=8,
        failed=(_try("finish", "failed", 4),),
        retried=(_try("fetch", "success", 2, map_index=1), _try("finish", "failed", 4)),
        link="/dags/wirehouse_ingest/runs/scheduled__2026-11-23T02%3A00%3A00%2B00%3A00",
    ),
    AirflowRun(
        dag_id="wirehouse_events", run_id=f"asset_triggered__{EVIL}", run_type="asset_triggered",
        state="running", run_after=NOW, start_date=NOW, end_date=None, tasks=2, tries=1,
        failed=(), retried=(), link="/dags/wirehouse_events/runs/x",
    ),
)


@pytest.fixture
def page_settings(settings: Settings) -> Settings:
    return dataclasses.replace(settings, alert_webhook_url="https://hooks.example/services/T0/B0/SeCrEtToKeN")


def test_collect_figures(warehouse: Engine, page_settings: Settings) -> None:
    d = wirehouse_dashboard.collect(warehouse, page_settings, NOW, AIRFLOW_RUNS, days=14)
    assert d.last_run is not None and d.last_run.id == "manual__2026-11-23T08:00:00+00:00"
    assert d.last_run.status == "running" and d.last_run.pages_fetched == 3
    assert (d.articles_total, d.duplicates_total) == (6, 1)
    assert d.duplicate_share == pytest.approx(1 / 6)
    assert [e.id for e in d.top_events] == [1, 2]
    assert d.top_events[0].sources == ("Harbor Courier", f"Ledger {EVIL}")
    assert d.top_events[1].sources == (f"Ledger {EVIL}",)
    # the warehouse record beside each Airflow run (the ingest run has one, the events run none)
    assert list(d.warehouse_runs) == ["scheduled__2026-11-23T02:00:00+00:00"]
    assert d.warehouse_runs["scheduled__2026-11-23T02:00:00+00:00"].status == "completed"
    assert d.alerts.webhook == "https://hooks.example/…"


def test_collect_trends(warehouse: Engine, page_settings: Settings) -> None:
    d = wirehouse_dashboard.collect(warehouse, page_settings, NOW, days=14)
    assert len(d.trends) == 14 and d.trends[0].day == NOW.date() - timedelta(days=13)
    by_day = {t.day: t for t in d.trends}
    today, yesterday = by_day[NOW.date()], by_day[NOW.date() - timedelta(days=1)]
    assert (today.runs, today.failed_runs, today.pages_fetched, today.feed_failures) == (2, 0, 15, 1)
    assert today.minutes == pytest.approx(60.0)  # the running run has no duration yet
    assert today.articles_new == 2  # first seen today, duplicate included
    assert (yesterday.runs, yesterday.failed_runs, yesterday.pages_fetched) == (2, 1, 7)
    assert yesterday.feed_failures == 8 and yesterday.minutes == pytest.approx(40.0)
    assert by_day[NOW.date() - timedelta(days=2)].articles_new == 2
    assert sum(t.runs for t in d.trends) == 4  # the 20-day-old run is outside the window
    assert sum(t.articles_new for t in d.trends) == 5


def test_collect_feeds(warehouse: Engine, page_settings: Settings) -> None:
    feeds = wirehouse_dashboard.collect(warehouse, page_settings, NOW).feeds
    assert [(f.url, f.state) for f in feeds] == [
        ("https://s2.example/feed?a=1&b=2", "failing"),
        ("https://new.example/rss", "never_fetched"),
        ("https://s1.example/rss", "ok"),
        ("https://gone.example/rss", "inactive"),
    ]
    failing, new, ok, gone = feeds
    assert failing.in_backoff and failing.next_fetch_at == NOW + timedelta(hours=5)
    assert failing.last_error == "HTTP 500 <b>boom</b>"  # first line
    assert failing.stale_for == timedelta(days=3) and failing.consecutive_failures == 4
    assert (failing.entry_count, failing.quarantined) == (30, 2)
    assert failing.source == f"Ledger {EVIL}"
    assert not ok.in_backoff and ok.stale_for == timedelta(hours=7) and ok.entry_count == 12
    assert ok.quarantined == 0
    assert new.stale_for is None and new.last_success_at is None and not new.in_backoff
    assert not gone.in_backoff and gone.consecutive_failures == 9


def test_collect_quality(warehouse: Engine, page_settings: Settings) -> None:
    checks = {q.name: q for q in wirehouse_dashboard.collect(warehouse, page_settings, NOW).quality}
    share = checks["feed failure share"]
    assert share.value == pytest.approx(0.5) and share.limit == page_settings.max_feed_failure_share
    assert share.ok  # 1 of the 2 active fetched feeds fails: at the limit, not above it
    assert checks["original article not in exactly one event"].value == 0
    assert all(q.ok for q in checks.values())
    with Session(warehouse) as s:  # an empty article dated three days ahead breaks two checks
        s.add(Article(id=7, url="https://s1.example/7", canonical_url="https://s1.example/7",
                      source_id=1, title="t", text="", word_count=0, content_hash="f" * 64,
                      first_seen_at=NOW, published_at=NOW + timedelta(days=3)))
        s.commit()
    checks = {q.name: q for q in wirehouse_dashboard.collect(warehouse, page_settings, NOW).quality}
    broken = {name for name, q in checks.items() if not q.ok}
    assert broken == {"article stored with empty text",
                      "article published more than a day in the future"}
    assert checks["article stored with empty text"].value == 1


def test_quality_figures_are_reused_for_their_max_age(warehouse: Engine, page_settings: Settings) -> None:
    cache = wirehouse_dashboard.QualityCache(max_age=300)

    def empty_texts(now: datetime) -> tuple[float, datetime]:
        d = wirehouse_dashboard.collect(warehouse, page_settings, now, quality=cache)
        return next(q.value for q in d.quality if q.name == "article stored with empty text"), \
            d.quality_measured_at

    assert empty_texts(NOW) == (0, NOW)
    with Session(warehouse) as s:
        s.add(Article(id=7, url="https://s1.example/7", canonical_url="https://s1.example/7",
                      source_id=1, title="t", text=" ", word_count=0, content_hash="f" * 64,
                      first_seen_at=NOW, published_at=NOW))
        s.commit()
    later = NOW + timedelta(seconds=299)
    assert empty_texts(later) == (0, NOW)  # reused
    assert empty_texts(NOW + timedelta(seconds=300)) == (1, NOW + timedelta(seconds=300))
    assert empty_texts(NOW) == (1, NOW)  # a clock set back measures again


def test_collect_quarantine(warehouse: Engine, page_settings: Settings) -> None:
    d = wirehouse_dashboard.collect(warehouse, page_settings, NOW, quarantine_rows=2)
    assert d.quarantined_total == 3
    latest = d.quarantined_latest
    assert [q.url for q in latest] == ["https://s1.example/nul", f"https://s2.example/{EVIL}"]
    assert latest[0].error == "OperationalError: postgresql://wh:***@db/wh refused"  # 1st line
    assert latest[0].feed_url is None and latest[0].attempts == 2
    assert latest[1].feed_url == "https://s2.example/feed?a=1&b=2" and latest[1].kind == "page"
    assert latest[0].last_failed_at == NOW - timedelta(hours=1)


def test_collect_on_an_empty_warehouse(engine: Engine, settings: Settings) -> None:
    d = wirehouse_dashboard.collect(engine, settings, NOW, days=7)
    assert d.last_run is None
    assert [t.runs + t.articles_new for t in d.trends] == [0] * 7
    assert d.duplicate_share == 0.0 and d.feeds == () and d.top_events == ()
    assert d.quarantined_total == 0 and d.alerts.webhook == ""
    page = wirehouse_dashboard.render(d)
    assert "No run recorded yet." in page and "No record is quarantined." in page
    assert "No run of the wirehouse DAGs in Airflow yet (or none you may read)." in page
    assert "Alerts: <b>off</b>" in page and "No feed yet" in page


@pytest.mark.parametrize(("map_index", "try_number"), [(-1, 1), (3, 2), (-1, 0)])
def test_task_links_are_airflows_own(map_index: int, try_number: int) -> None:
    from airflow.models.taskinstance import TaskInstance

    fields = SimpleNamespace(dag_id="wirehouse_ingest", run_id="manual__2026-11-23T08:00:00+00:00",
                             task_id="fetch", map_index=map_index, try_number=try_number)
    airflows = urlsplit(TaskInstance.log_url.fget(fields))  # the property reads only these fields
    link = wirehouse_dashboard.task_log_link("", fields.dag_id, fields.run_id, fields.task_id,
                                             map_index, try_number)
    assert link == airflows.path + (f"?{airflows.query}" if airflows.query else "")
    assert link.startswith(wirehouse_dashboard.run_link("", fields.dag_id, fields.run_id) + "/tasks/")


def test_masked_webhook() -> None:
    assert wirehouse_dashboard.masked_webhook("") == ""
    assert wirehouse_dashboard.masked_webhook("https://u:pw@alerts.example:8443/hook?k=1") == \
        "https://alerts.example/…"
    assert wirehouse_dashboard.masked_webhook("http://alerts.example") == "http://alerts.example"


@pytest.fixture
def client(warehouse: Engine, page_settings: Settings) -> TestClient:
    return _signed_in(wirehouse_plugin.create_app(
        engine=lambda: warehouse, clock=lambda: NOW, settings=lambda: page_settings,
        airflow_runs=lambda dags: tuple(r for r in AIRFLOW_RUNS if r.dag_id in dags),
    ))


def _signed_in(app: FastAPI, readable: frozenset[str] = PIPELINE_DAGS) -> TestClient:
    """A client past Airflow's authentication, allowed to read the runs of ``readable``."""
    app.dependency_overrides[wirehouse_plugin.authenticated] = lambda: None
    app.dependency_overrides[wirehouse_plugin.readable_dags] = lambda: readable
    return TestClient(app)


def test_page_shows_the_figures(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    page = response.text
    assert "run<b>manual__2026-11-23T08:00:00+00:00</b>" in page
    assert "status<b>running</b>" in page and "pages fetched<b>3</b>" in page
    assert "16.7% of 6 articles are duplicates (1)" in page
    assert page.count('<svg class="chart"') == 5 and page.count("<rect ") == 5 * 14
    assert "<title>2026-11-23: 2 articles</title>" in page
    assert "<title>2026-11-22: 40.0 min</title>" in page
    assert "<title>2026-11-22: 9 failures</title>" in page  # 1 failed run + 8 feed failures
    assert "<td>2026-11-22</td><td>2</td><td>1</td><td>7</td><td>1</td><td>8</td><td>40.0 min</td>" in page
    assert "Quiet council vote" in page
    assert "HTTP 500 &lt;b&gt;boom&lt;/b&gt;" in page and "second line" not in page
    assert "https://s2.example/feed?a=1&amp;b=2" in page
    assert "4 feeds: 1 failing, 1 in back-off." in page
    assert "2026-11-23 14:30 UTC (back-off, in 5.0 h)" in page and "never (inactive)" in page
    assert "3.0 d" in page and "never succeeded" in page


def test_page_shows_airflow_runs_with_links(client: TestClient) -> None:
    page = client.get("/").text
    run_link = "/dags/wirehouse_ingest/runs/scheduled__2026-11-23T02%3A00%3A00%2B00%3A00"
    assert f'<a href="{run_link}" target="_top">scheduled__2026-11-23T02:00:00+00:00</a>' in page
    assert '<span class="state state-failed">failed</span>' in page
    assert "45 min" in page and "5 tasks, 8 tries" in page
    assert f'<a href="{run_link}/tasks/finish?try_number=4" target="_top">finish try 4/4</a>' in page
    assert "fetch[1] try 2/4" in page
    assert '<span class="state state-completed">completed</span><br><small>2 new articles' in page
    assert "no record" in page  # the events run has no warehouse record
    assert "2 tasks, 1 try" in page
    assert "asset_triggered__&lt;script&gt;" in page


def test_page_shows_quality_and_alerts(client: TestClient) -> None:
    page = client.get("/").text
    assert "<td>feed failure share</td><td>50.0%</td><td>≤ 50%</td>" in page
    assert "Measured 2026-11-23 09:30 UTC (WIREHOUSE_PAGE_QUALITY_MAX_AGE)" in page
    assert "Alerts: <b>on</b>, posted to https://hooks.example/…" in page
    assert "SeCrEtToKeN" not in page and "T0/B0" not in page
    assert '<a href="/dags/wirehouse_ingest/runs/scheduled__2026-11-23T02%3A00%3A00%2B00%3A00/tasks/finish' in page


def test_page_shows_only_the_runs_the_user_may_read(warehouse: Engine, page_settings: Settings) -> None:
    app = wirehouse_plugin.create_app(
        engine=lambda: warehouse, clock=lambda: NOW, settings=lambda: page_settings,
        airflow_runs=lambda dags: tuple(r for r in AIRFLOW_RUNS if r.dag_id in dags),
    )
    page = _signed_in(app, frozenset({"wirehouse_events"})).get("/").text
    assert "asset_triggered__" in page and "scheduled__2026-11-23T02:00:00+00:00" not in page
    page = _signed_in(app, frozenset()).get("/").text
    assert "No run of the wirehouse DAGs in Airflow yet (or none you may read)." in page


def test_page_when_airflow_cannot_be_read(warehouse: Engine, settings: Settings) -> None:
    failure = AirflowUnavailableError(
        "Airflow's metadata database could not be read: postgresql://af:Pw0rd@db/af gone\nmore")
    app = wirehouse_plugin.create_app(engine=lambda: warehouse, clock=lambda: NOW,
                                      airflow_runs=lambda dags: failure, settings=lambda: settings)
    response = _signed_in(app).get("/")
    assert response.status_code == 200  # the warehouse's figures still show
    assert "could not be read: postgresql://af:***@db/af gone" in response.text
    assert "Pw0rd" not in response.text and "Quiet council vote" in response.text


def test_page_shows_the_quarantine(client: TestClient) -> None:
    page = client.get("/").text
    assert "<b>3</b> records failed to load and are quarantined." in page
    assert "<code>wirehouse reprocess --quarantined</code>" in page
    assert "S3cr3tPW" not in page and "line two" not in page
    assert "OperationalError: postgresql://wh:***@db/wh refused" in page
    assert "DataError: cannot store &lt;script&gt;" in page
    assert page.index("s1.example/nul") < page.index("s2.example/old")  # latest first
    assert "2 quarantined" in page  # beside the failing feed


def test_page_escapes_warehouse_text(client: TestClient) -> None:
    page = client.get("/").text
    assert "<script" not in page
    assert "<b>boom</b>" not in page
    escaped = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more"
    assert page.count(escaped) >= 3  # the event title and the source name, twice
    assert f"Ledger {escaped}" in page


def test_page_requires_an_airflow_user(warehouse: Engine, settings: Settings) -> None:
    app = wirehouse_plugin.create_app(engine=lambda: warehouse, clock=lambda: NOW,
                                      airflow_runs=lambda dags: (), settings=lambda: settings)
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


# --- push ingestion: WebSub subscriptions and latency -----------------------------------------


@pytest.fixture
def pushed(warehouse: Engine) -> Engine:
    from push_history import add_push_history

    add_push_history(warehouse, NOW)
    return warehouse


def test_collect_push_figures(pushed: Engine, page_settings: Settings) -> None:
    d = wirehouse_dashboard.collect(pushed, page_settings, NOW, AIRFLOW_RUNS)
    assert [s.id for s in d.subscription_problems] == [2, 3, 4, 5]
    assert [s.id for s in d.subscriptions] == [2, 3, 4, 5, 1, 6, 7]
    assert (d.push_latency.p50, d.push_latency.p95, d.push_latency.measured) == (100.0, 190.0, 20)


def test_page_shows_the_subscriptions_panel(pushed: Engine, page_settings: Settings) -> None:
    app = wirehouse_plugin.create_app(engine=lambda: pushed, clock=lambda: NOW,
                                      settings=lambda: page_settings, airflow_runs=lambda dags: ())
    page = _signed_in(app).get("/").text
    assert ('<th>hub</th><th>topic</th><th>state</th><th>lease expires</th><th>last push</th>'
            '<th>pushes today</th><th>last error</th>') in page
    assert ('<tr><td>https://hub.example/</td><td>https://site1.example/feed.xml</td><td>'
            '<span class="state state-verified">verified</span></td><td>2026-11-28 09:30 UTC</td>'
            '<td>2026-11-23 08:30 UTC</td><td>3</td><td>—</td></tr>') in page
    assert ("p50 <b>100.0 s</b>, p95 <b>190.0 s</b> over 20 pushes that brought new articles; "
            "26 pushes received, 1 failed, 3 waiting to be drained.") in page
    # failed to verify and lapsed: in a banner at the top, and highlighted in the panel
    banner = page[page.index('id="push-attention"'):page.index("<h2>Last run</h2>")]
    assert "4 WebSub subscriptions need attention" in banner
    assert "site3.example/feed.xml: lapsed: the lease ended 2026-11-23 08:30 UTC" in banner
    assert "site2.example/feed.xml: failed to verify" in banner
    assert "site5.example/feed.xml: not verified" in banner
    assert "site6.example" not in banner and "site1.example" not in banner
    assert page.count('<tr class="problem">') == 4
    assert "<script" not in page and "denied by the hub: &lt;script&gt;" in page
    assert "second line" not in page
    assert "on every lease renewal check while a WebSub subscription needs attention" in page


def test_page_without_subscriptions_has_no_banner(client: TestClient) -> None:
    page = client.get("/").text
    assert 'id="push-attention"' not in page
    assert "No WebSub subscription: see `wirehouse websub subscribe`." in page
    assert "no push brought new articles; 0 pushes received" in page
