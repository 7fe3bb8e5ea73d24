"""The Wirehouse page inside a real Airflow API server, looked at by headless Chromium.

The warehouse is built by the demo pipeline (`wirehouse demo run`, SQLite in tmp) plus one event
whose title carries a ``<script>`` tag, a quarantined page and the record of an Airflow run;
Airflow's metadata DB gets this repo's DAGs (`airflow dags reserialize`) and two runs of them
(one failed after retries). Airflow runs as `airflow api-server` (after `airflow db
migrate`) with this repo's dags/ and plugins/, on an ephemeral loopback port; the test logs in as
a SimpleAuthManager user (password from the generated password file, JWT from ``/auth/token``,
handed to the browser as Airflow's ``_token`` cookie). Every figure on the page is compared with
what the test reads from the warehouse or wrote into Airflow. The warehouse also holds WebSub
subscriptions in every state and a day of pushes (tests/push_history.py) for the push panel; and
the WebSub callback the plugin mounts is called as a hub would, without signing in. The
screenshots land in test-artifacts/ (wirehouse-page.png, wirehouse-push.png,
wirehouse-in-airflow.png).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from browser import CHROMIUM, Browser, Page, chromium, stop_process_group
from push_history import add_push_history
from sqlalchemy import Engine, MetaData, Table, create_engine, func, insert, select, text
from sqlalchemy.orm import Session

from load import db
from load import websub as websub_state
from load.db import make_engine
from load.models import (
    Article,
    Event,
    EventArticle,
    PushOutbox,
    QuarantinedRecord,
    Run,
    Source,
    WebSubSubscription,
)
from transform.websub import sign

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ARTIFACTS = REPO / "test-artifacts"
SCRIPT_TITLE = "Harbour notice <script>alert(1)</script> posted on the quay"
USER = "e2e"
AIRFLOW_INGEST_RUN = "scheduled__2026-12-01T02:00:00+00:00"
WEBHOOK_SECRET = "T00/B00/hook-secret-token"
DAYS, TOP = 14, 10  # the page's chart window and number of events (wirehouse_dashboard.collect)

pytestmark = [
    pytest.mark.airflow,
    pytest.mark.timeout(240),
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason=f"{CHROMIUM} is not installed (apt-get install chromium chromium-driver); "
        "under CI this test runs regardless",
    ),
]


@dataclass(frozen=True)
class Stack:
    base_url: str  # http://127.0.0.1:<port>
    token: str  # a SimpleAuthManager JWT for USER
    warehouse: Engine


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "WIREHOUSE_"))}
    env.update(extra)
    return env


def _add_script_event(engine: Engine, now: datetime) -> None:
    """One more outlet with three articles on one event; the event and the first article carry
    a script tag in their titles."""
    titles = [SCRIPT_TITLE, "Quay notice explained", "What the quay notice means for ferries"]
    with Session(engine) as s:
        source = Source(name="Night Desk", domain="night-desk.example")
        s.add(source)
        s.flush()
        articles = [
            Article(
                url=f"https://night-desk.example/{i}", canonical_url=f"https://night-desk.example/{i}",
                source_id=source.id, title=title, text=f"{title}. Body words.", word_count=4,
                content_hash=f"{i:064x}", first_seen_at=now, published_at=now - timedelta(hours=i),
            )
            for i, title in enumerate(titles, start=1)
        ]
        event = Event(
            title=SCRIPT_TITLE, article_count=len(articles), source_count=1,
            first_published_at=now - timedelta(hours=len(articles)), last_published_at=now,
        )
        s.add_all([*articles, event])
        s.flush()
        s.add_all(EventArticle(event_id=event.id, article_id=a.id) for a in articles)
        s.commit()


def _add_airflow_runs(airflow_db: Path, now: datetime) -> None:
    """Two runs of the wirehouse DAGs in Airflow's migrated metadata DB, written with its own
    reflected tables: an ingest run that failed in ``finish`` on its third try after a mapped
    ``fetch`` needed two, and a later events run that succeeded."""
    engine = create_engine(f"sqlite:///{airflow_db}")
    meta = MetaData()
    dag_run = Table("dag_run", meta, autoload_with=engine)
    task_instance = Table("task_instance", meta, autoload_with=engine)
    naive = now.replace(tzinfo=None)  # Airflow keeps naive UTC on SQLite
    ingest_start, events_start = naive - timedelta(hours=3), naive - timedelta(hours=2)
    runs = [
        ("wirehouse_ingest", AIRFLOW_INGEST_RUN, "scheduled", "failed", ingest_start,
         ingest_start + timedelta(minutes=12)),
        ("wirehouse_events", "asset_triggered__2026-12-01T02:13:00+00:00", "asset_triggered",
         "success", events_start, events_start + timedelta(minutes=1)),
    ]
    tasks = [  # (dag, task, map index, state, try number)
        ("wirehouse_ingest", "begin", -1, "success", 1),
        ("wirehouse_ingest", "fetch", 0, "success", 1),
        ("wirehouse_ingest", "fetch", 1, "success", 2),
        ("wirehouse_ingest", "finish", -1, "failed", 3),
        ("wirehouse_events", "cluster", -1, "success", 1),
    ]
    run_ids = {dag: run_id for dag, run_id, *_ in runs}
    with engine.begin() as conn:
        conn.execute(insert(dag_run), [
            {"dag_id": dag, "run_id": run_id, "run_type": kind, "state": state,
             "run_after": start, "start_date": start, "end_date": end, "queued_at": start}
            for dag, run_id, kind, state, start, end in runs
        ])
        conn.execute(insert(task_instance), [
            {"id": uuid.uuid4().hex, "dag_id": dag, "run_id": run_ids[dag], "task_id": task,
             "map_index": index, "state": state, "try_number": tries, "max_tries": 2,
             "pool": "default_pool", "pool_slots": 1}
            for dag, task, index, state, tries in tasks
        ])
    engine.dispose()


def _add_quarantine_and_airflow_record(engine: Engine, now: datetime) -> None:
    """The warehouse record of the failed Airflow ingest run, and one quarantined page whose
    error quotes a database URL with its password."""
    with Session(engine) as s:
        s.add(Run(id=AIRFLOW_INGEST_RUN, started_at=now - timedelta(hours=3),
                  finished_at=now - timedelta(hours=3) + timedelta(minutes=12), status="failed",
                  feeds_failed=2, error="every feed failed (2); first error: HTTP 503"))
        s.add(QuarantinedRecord(
            kind="page", url="https://night-desk.example/poison", feed_id=None, run_id=AIRFLOW_INGEST_RUN,
            ref="{}", attempts=2, first_failed_at=now - timedelta(hours=3), last_failed_at=now,
            error="DataError: postgresql://wh:S3cr3tPW@db/wh cannot store it\nsecond line",
        ))
        s.commit()


def _wait_for_port(log: Path, process: subprocess.Popen, timeout: float) -> int:
    """The port uvicorn reports after binding port 0."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"airflow api-server exited with {process.returncode}:\n"
                        f"{log.read_text(errors='replace')[-3000:]}")
        found = re.search(r"Uvicorn running on http://127\.0\.0\.1:(\d+)", log.read_text(errors="replace"))
        if found:
            return int(found.group(1))
        time.sleep(0.5)
    pytest.fail(f"airflow api-server did not listen within {timeout:.0f} s:\n"
                f"{log.read_text(errors='replace')[-3000:]}")


def _wait_for_health(base_url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            response = httpx.get(f"{base_url}/api/v2/monitor/health", timeout=5)
            if response.status_code == 200 and response.json()["metadatabase"]["status"] == "healthy":
                return
            last = f"{response.status_code} {response.text[:200]}"
        except httpx.HTTPError as exc:
            last = repr(exc)
        time.sleep(0.5)
    pytest.fail(f"{base_url} not healthy within {timeout:.0f} s: {last}")


def _token(base_url: str, home: Path) -> str:
    passwords = json.loads((home / "simple_auth_manager_passwords.json.generated").read_text())
    response = httpx.post(f"{base_url}/auth/token",
                          json={"username": USER, "password": passwords[USER]}, timeout=10)
    assert response.status_code == 201, response.text
    return response.json()["access_token"]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Demo warehouse + migrated Airflow metadata (built side by side), then the API server."""
    root = tmp_path_factory.mktemp("ui_e2e")
    home, data = root / "airflow_home", root / "data"
    warehouse_url = f"sqlite:///{data / 'warehouse.db'}"
    airflow_env = _env(
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__DAGS_FOLDER=str(REPO / "dags"),
        AIRFLOW__CORE__PLUGINS_FOLDER=str(REPO / "plugins"),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__CORE__EXECUTOR="LocalExecutor",
        AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS=f"{USER}:viewer",
        WIREHOUSE_ALERT_WEBHOOK_URL=f"https://alerts.example/services/{WEBHOOK_SECRET}",
        AIRFLOW__API__HOST="127.0.0.1",
        PYTHONPATH=str(REPO),
        WIREHOUSE_DB_URL=warehouse_url,
    )
    home.mkdir()
    # The slow parts overlap: `airflow db migrate` and the demo run start together, and the API
    # server and `airflow dags reserialize` start as soon as the metadata is migrated (the page
    # reads the warehouse and Airflow's runs only when it is viewed, after both are written).
    migrate_log, demo_log, server_log = root / "migrate.log", root / "demo.log", root / "api-server.log"
    started: list[subprocess.Popen] = []

    def start(command: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen:
        with log_path.open("wb") as log:
            process = subprocess.Popen(command, env=env, cwd=root, stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        started.append(process)
        return process

    def finished(process: subprocess.Popen, log_path: Path, timeout: float) -> None:
        returncode = process.wait(timeout=timeout)
        assert returncode == 0, log_path.read_text(errors="replace")[-3000:]

    engines: list[Engine] = []
    try:
        migrate = start([str(BIN / "airflow"), "db", "migrate"], airflow_env, migrate_log)
        demo = start([str(BIN / "wirehouse"), "demo", "run", "--port", "0"],
                     _env(WIREHOUSE_DATA_DIR=str(data), WIREHOUSE_DB_URL=warehouse_url), demo_log)
        finished(migrate, migrate_log, timeout=150)
        server = start([str(BIN / "airflow"), "api-server", "--host", "127.0.0.1", "--port", "0",
                        "--workers", "1", "--apps", "core"], airflow_env, server_log)
        # the DAGs in Airflow's `dag` table, as the DAG processor puts them: the page shows only
        # the runs of DAGs the user may read, and the auth manager knows the DAGs from there
        reserialize_log = root / "reserialize.log"
        reserialize = start([str(BIN / "airflow"), "dags", "reserialize"], airflow_env, reserialize_log)
        finished(reserialize, reserialize_log, timeout=150)
        now = datetime.now(UTC)
        _add_airflow_runs(home / "airflow.db", now)
        finished(demo, demo_log, timeout=150)
        engine = make_engine(warehouse_url)
        engines.append(engine)
        _add_script_event(engine, now)
        _add_quarantine_and_airflow_record(engine, now)
        add_push_history(engine, now)
        base_url = f"http://127.0.0.1:{_wait_for_port(server_log, server, timeout=120)}"
        _wait_for_health(base_url, timeout=60)
        yield Stack(base_url, _token(base_url, home), engine)
    finally:
        for process in reversed(started):
            stop_process_group(process, grace=3)  # none holds anything worth a graceful stop
        for engine in engines:
            engine.dispose()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, stack: Stack) -> Iterator[Browser]:
    """Depends on ``stack`` so that it closes first: the API server then stops at once instead
    of waiting for the browser's keep-alive connections."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing under CI: .ci/run installs chromium with apt-get")
    with chromium(tmp_path_factory.mktemp("chromium") / "profile") as running:
        yield running


def _signed_in_page(browser: Browser, stack: Stack) -> Page:
    page = browser.new_page()
    page.set_cookie(f"{stack.base_url}/", "_token", stack.token)
    return page


# Everything the assertions need from the rendered DOM, read in one go.
READ_PAGE = """(() => {
  const table = (id) => {
    const el = document.getElementById(id);
    return el ? [...el.tBodies[0].rows].map((tr) => [...tr.cells].map((td) => td.innerText)) : [];
  };
  const links = (id) => {
    const el = document.getElementById(id);
    return el ? [...el.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href'),
                                                         a.getAttribute('target')]) : [];
  };
  return {
    asOf: document.querySelector('h1 + p').textContent,
    cards: Object.fromEntries([...document.querySelectorAll('.card')]
        .map((c) => [c.firstChild.textContent, c.querySelector('b').textContent])),
    charts: Object.fromEntries([...document.querySelectorAll('svg.chart')].map((svg) => [
        svg.dataset.metric,
        {box: [svg.getBoundingClientRect().width, svg.getBoundingClientRect().height],
         bars: [...svg.querySelectorAll('rect')].map((r) =>
             [r.querySelector('title').textContent, r.getBoundingClientRect().height])}])),
    tables: Object.fromEntries(['airflow-runs', 'trends', 'feeds', 'quality', 'quarantine',
                                'events', 'alerted', 'subscriptions'].map((id) => [id, table(id)])),
    problemRows: document.querySelectorAll('#subscriptions tr.problem').length,
    attention: (document.getElementById('push-attention') || {innerText: ''}).innerText,
    pushLatency: document.getElementById('push-latency').innerText,
    runLinks: links('airflow-runs'),
    feedUrls: [...document.getElementById('feeds').tBodies[0].rows].map((tr) => {
      const small = tr.cells[0].querySelector('small');
      return small ? small.textContent : tr.cells[0].innerText.split('\\n')[0];
    }),
    quarantineCount: document.getElementById('quarantine-count').innerText,
    feedSummary: document.getElementById('feed-summary').innerText,
    alerts: document.getElementById('alerts').innerText,
    duplicates: document.getElementById('duplicate-share').textContent,
    scripts: document.scripts.length,
    html: document.documentElement.outerHTML,
    text: document.body.innerText,
  };
})()"""


def _when(moment: datetime | None) -> str:
    return "—" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def _expected_events(s: Session, now: datetime) -> list[list[str]]:
    events = s.scalars(
        select(Event).where(Event.last_published_at >= now - timedelta(days=DAYS))
        .order_by(Event.article_count.desc(), Event.last_published_at.desc(), Event.id).limit(TOP)
    ).all()
    rows = []
    for event in events:
        sources = s.scalars(
            select(Source.name).distinct()
            .join(Article, Article.source_id == Source.id)
            .join(EventArticle, EventArticle.article_id == Article.id)
            .where(EventArticle.event_id == event.id)
        ).all()
        rows.append([event.title, str(event.article_count), _when(event.last_published_at),
                     ", ".join(sorted(sources))])
    return rows


def _expected_trends(s: Session, now: datetime) -> dict[str, dict[date, float]]:
    """Per day of the window, from the warehouse: what the trend charts must show."""
    first_day = now.date() - timedelta(days=DAYS - 1)
    days = [first_day + timedelta(days=i) for i in range(DAYS)]
    trends: dict[str, dict[date, float]] = {
        name: dict.fromkeys(days, 0.0) for name in ("runs", "pages", "articles", "failures")
    }
    durations: dict[date, list[float]] = {d: [] for d in days}
    for run in s.scalars(select(Run)):
        day = run.started_at.date()
        if day not in durations:
            continue
        trends["runs"][day] += 1
        trends["pages"][day] += run.pages_fetched
        trends["failures"][day] += run.feeds_failed + (run.status == "failed")
        if run.finished_at is not None:
            durations[day].append((run.finished_at - run.started_at).total_seconds() / 60)
    for seen in s.scalars(select(Article.first_seen_at)):
        if seen.date() in durations:
            trends["articles"][seen.date()] += 1
    trends["duration"] = {d: sum(v) / len(v) if v else 0.0 for d, v in durations.items()}
    return trends


def test_the_page_shows_the_warehouse_and_airflow_figures(browser: Browser, stack: Stack) -> None:
    page = _signed_in_page(browser, stack)
    page.goto(f"{stack.base_url}/wirehouse/")
    shown = page.evaluate(READ_PAGE)
    page.screenshot(ARTIFACTS / "wirehouse-page.png")

    # The server's own clock, as printed on the page, sets the window (minute precision).
    now = datetime.strptime(shown["asOf"], "As of %Y-%m-%d %H:%M UTC").replace(tzinfo=UTC)
    with Session(stack.warehouse) as s:
        run = s.scalars(select(Run).order_by(Run.started_at.desc()).limit(1)).one()
        total = s.scalar(select(func.count()).select_from(Article))
        duplicates = s.scalar(
            select(func.count()).select_from(Article).where(Article.duplicate_of_id.is_not(None)))
        events = _expected_events(s, now)
        trends = _expected_trends(s, now)
        feeds = s.execute(text("SELECT url, state, consecutive_failures, entry_count FROM feed_health")).all()
        quarantined = s.scalar(select(func.count()).select_from(QuarantinedRecord))
        airflow_record = s.get(Run, AIRFLOW_INGEST_RUN)

    # the last warehouse run, as cards
    assert shown["cards"]["run"] == run.id and shown["cards"]["status"] == run.status
    assert shown["cards"]["pages fetched"] == str(run.pages_fetched)

    # Airflow's runs (read by the API server from its metadata DB), newest first, with links
    # in the form Airflow's own TaskInstance.log_url gives them, and the warehouse record beside
    runs = shown["tables"]["airflow-runs"]
    assert [row[0] for row in runs] == ["wirehouse_events", "wirehouse_ingest"]
    events_run, ingest_run = runs
    assert ingest_run[1].startswith(AIRFLOW_INGEST_RUN) and ingest_run[2] == "failed"
    assert ingest_run[4] == "12 min" and ingest_run[5] == "4 tasks, 7 tries"
    assert ingest_run[6] == "fetch[1] try 2/3, finish try 3/3" and ingest_run[7] == "finish try 3/3"
    assert ingest_run[8].startswith("failed") and airflow_record.status == "failed"
    assert airflow_record.error in ingest_run[8]
    assert events_run[2] == "success" and events_run[8] == "no record"
    quoted = quote(AIRFLOW_INGEST_RUN, safe="")
    run_path = f"/dags/wirehouse_ingest/runs/{quoted}"
    assert [AIRFLOW_INGEST_RUN, run_path, "_top"] in shown["runLinks"]
    assert ["finish try 3/3", f"{run_path}/tasks/finish?try_number=3", "_top"] in shown["runLinks"]
    assert ["fetch[1] try 2/3", f"{run_path}/tasks/fetch/mapped/1?try_number=2", "_top"] in shown["runLinks"]

    # 14-day trends: every chart has a bar per day, matching the warehouse
    assert set(shown["charts"]) == {"runs", "pages", "articles", "failures", "duration"}
    for metric, chart in shown["charts"].items():
        width, height = chart["box"]
        assert width > 200 and height > 60
        expected = trends[metric]
        assert len(chart["bars"]) == DAYS
        for (title, bar_height), day in zip(chart["bars"], sorted(expected), strict=True):
            value = float(title.split(": ")[1].split()[0])
            assert title.startswith(day.isoformat())
            assert value == pytest.approx(expected[day], abs=0.06), (metric, day)
            assert (bar_height > 0) == (expected[day] > 0.05)
    today = shown["tables"]["trends"][0]
    assert today[0] == now.date().isoformat() and int(today[4]) == trends["articles"][now.date()] > 0

    # every feed, with the feed_health view's state
    assert len(shown["tables"]["feeds"]) == len(feeds) >= 4
    by_url = dict(zip(shown["feedUrls"], shown["tables"]["feeds"], strict=True))
    for feed in feeds:
        row = by_url[feed.url]
        assert row[1].split("\n")[0] == feed.state
        assert row[6] == str(feed.consecutive_failures)
        assert row[5] == ("—" if feed.entry_count is None else str(feed.entry_count))
    failing = sum(1 for f in feeds if f.state == "failing")
    assert failing >= 2 and shown["feedSummary"].startswith(f"{len(feeds)} feeds: {failing} failing")

    # quality figures and alerts; the webhook's secret never reaches the page
    assert {row[0] for row in shown["tables"]["quality"]} >= {"feed failure share",
                                                              "article stored with empty text"}
    assert shown["alerts"].startswith("Alerts: on, posted to https://alerts.example/…")
    assert WEBHOOK_SECRET not in shown["html"] and "S3cr3tPW" not in shown["html"]
    assert [row[1] for row in shown["tables"]["alerted"]] == ["finish"]

    # the quarantine, masked
    assert shown["quarantineCount"].startswith(f"{quarantined} record")
    assert "wirehouse reprocess --quarantined" in shown["quarantineCount"]
    assert "postgresql://wh:***@db/wh" in shown["tables"]["quarantine"][0][2]

    assert duplicates > 0
    assert shown["duplicates"] == (
        f"{duplicates / total:.1%} of {total} articles are duplicates ({duplicates})"
    )
    assert SCRIPT_TITLE in [row[0] for row in events]
    assert shown["tables"]["events"] == events


def test_the_page_shows_the_push_subscriptions(browser: Browser, stack: Stack) -> None:
    page = _signed_in_page(browser, stack)
    page.goto(f"{stack.base_url}/wirehouse/")
    shown = page.evaluate(READ_PAGE)
    page.screenshot_element("#push", ARTIFACTS / "wirehouse-push.png")
    now = datetime.strptime(shown["asOf"], "As of %Y-%m-%d %H:%M UTC").replace(tzinfo=UTC)
    midnight = datetime.combine(now.date(), datetime.min.time(), tzinfo=UTC)
    with Session(stack.warehouse) as s:
        subs = {sub.topic_url: sub for sub in s.scalars(select(WebSubSubscription))}
        today = dict(s.execute(select(PushOutbox.subscription_id, func.count())
                               .where(PushOutbox.received_at >= midnight)
                               .group_by(PushOutbox.subscription_id)).all())
    rows = shown["tables"]["subscriptions"]
    assert len(rows) == len(subs) >= 7
    for hub, topic, state, lease, last_push, pushes_today, _error in rows:
        sub = subs[topic]
        assert hub == sub.hub_url and state.split("\n")[0] == sub.state
        assert lease == _when(sub.lease_expires_at) and last_push == _when(sub.last_push_at)
        assert pushes_today == str(today.get(sub.id, 0))
    # failed to verify (denied), lapsed (two) and never verified: first, marked, and in a banner
    assert [row[1] for row in rows[:4]] == [f"https://site{i}.example/feed.xml" for i in (2, 3, 4, 5)]
    assert shown["problemRows"] == 4
    assert shown["attention"].startswith("4 WebSub subscriptions need attention")
    assert "site3.example/feed.xml: lapsed: the lease ended" in shown["attention"]
    assert "site2.example/feed.xml: failed to verify" in shown["attention"]
    assert "p50 100.0 s, p95 190.0 s over 20 pushes that brought new articles" in shown["pushLatency"]
    assert shown["scripts"] == 0 and "<script>alert('x')</script>" in rows[0][6]


def test_hubs_reach_the_callback_without_signing_in(stack: Stack) -> None:
    """The callback inside the API server, called as a hub calls it: no cookie, no token."""
    topic = "https://hubtest.example/feed.xml"
    with db.session_scope(stack.warehouse) as session:
        sub = websub_state.request_subscription(
            session, topic, "https://hub.example/", f"{stack.base_url}/wirehouse/websub", 600,
            datetime.now(UTC))
        session.flush()
        sub_id, secret = sub.id, sub.secret
    callback = f"{stack.base_url}/wirehouse/websub/{sub_id}"
    verify = {"hub.mode": "subscribe", "hub.topic": topic, "hub.challenge": "e2e-challenge",
              "hub.lease_seconds": "600"}
    unasked = httpx.get(callback, params={**verify, "hub.topic": "https://other.example/"}, timeout=30)
    assert unasked.status_code == 404
    answer = httpx.get(callback, params=verify, timeout=30)
    assert (answer.status_code, answer.text) == (200, "e2e-challenge")
    body = b"<rss version='2.0'><channel><title>t</title></channel></rss>"
    assert httpx.post(callback, content=body, timeout=30,
                      headers={"X-Hub-Signature": "sha256=" + "0" * 64}).status_code == 202
    signed = httpx.post(callback, content=body, timeout=30,
                        headers={"X-Hub-Signature": sign(secret, body, "sha256")})
    assert signed.status_code == 202
    with Session(stack.warehouse) as s:
        assert s.get(WebSubSubscription, sub_id).state == "verified"
        rows = s.scalars(select(PushOutbox).where(PushOutbox.subscription_id == sub_id)).all()
    assert [(r.kind, r.state) for r in rows] == [("fat", "received")]  # the unsigned one discarded
    assert httpx.get(f"{stack.base_url}/wirehouse/", timeout=30).status_code == 401


def test_markup_in_titles_renders_as_text(browser: Browser, stack: Stack) -> None:
    page = _signed_in_page(browser, stack)
    page.goto(f"{stack.base_url}/wirehouse/")
    shown = page.evaluate(READ_PAGE)
    assert shown["scripts"] == 0  # no <script> element made it into the DOM
    assert page.dialogs() == []  # and nothing called alert()
    assert SCRIPT_TITLE in shown["text"]  # the literal text is what the reader sees
    assert [row[0] for row in shown["tables"]["events"]].count(SCRIPT_TITLE) == 1
    problems = [e for e in page.log_entries() if e["level"] == "error"]
    assert problems == []  # no CSP violation, no failed load


def test_the_page_refuses_anonymous_visitors(browser: Browser, stack: Stack) -> None:
    page = browser.new_page()
    page.goto(f"{stack.base_url}/wirehouse/")
    assert json.loads(page.evaluate("document.body.innerText")) == {"detail": "Not authenticated"}
    assert SCRIPT_TITLE not in page.evaluate("document.documentElement.outerHTML")


def test_the_airflow_ui_embeds_the_page(browser: Browser, stack: Stack) -> None:
    page = _signed_in_page(browser, stack)
    page.goto(f"{stack.base_url}/plugin/wirehouse")
    heading = page.wait_until(
        "(() => { const f = document.querySelector('iframe');"
        " const h = f && f.contentDocument && f.contentDocument.querySelector('h1');"
        " return h && f.getAttribute('src') + ' ' + h.textContent; })()",
        timeout=60,
    )
    assert heading.endswith("/wirehouse/ Wirehouse")
    nav_links = page.evaluate("[...document.querySelectorAll('a[href$=\"/plugin/wirehouse\"]')]"
                              ".map((a) => a.textContent.trim())")
    assert "Wirehouse" in nav_links  # the navigation entry of external_views
    page.screenshot(ARTIFACTS / "wirehouse-in-airflow.png")
