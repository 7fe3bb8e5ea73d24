"""The push DAGs under ``dag.test()``: ``wirehouse_push`` drains the outbox into articles and
emits ``wirehouse://articles`` (and, with nothing to load, is skipped and emits nothing), one
bounded drain per run, each that left rows emitting ``wirehouse://push`` for the next;
``wirehouse_websub`` ends the subscription of a feed that left the feed list and renews one
whose lease ends soon, against flask-websub's hub on loopback, our callback answering it.

Airflow runs in a subprocess with its own AIRFLOW_HOME (conftest's ``airflow_home``), as in
the test_dags*.py modules.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from dagrun import SUBPROCESS_TIMEOUT, TEST_TIMEOUT, dag_test, task_states
from faultserver import FaultServer, Reply, bound_socket
from sqlalchemy import select
from sqlalchemy.orm import Session
from websub_hub import RSS_TYPE, Callback, LoopbackHub, article_page, feed

from extract.feedlist import FeedSpec
from load import db
from load.models import ArticleUrl, PushOutbox, WebSubSubscription
from load.upsert import upsert_feeds
from wirehouse import lease, push
from wirehouse.settings import load_settings

pytestmark = pytest.mark.timeout(TEST_TIMEOUT)

@pytest.fixture
def warehouse(tmp_path: Path) -> dict[str, str]:
    data = tmp_path / "data"
    data.mkdir()
    db_url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    db.upgrade(db_url)
    return {
        "WIREHOUSE_DATA_DIR": str(data),
        "WIREHOUSE_DB_URL": db_url,
        "WIREHOUSE_ALLOW_PRIVATE_HOSTS": "1",
        "WIREHOUSE_HOST_DELAY": "0.02",
        "WIREHOUSE_AIRFLOW_TASK_RETRIES": "0",
    }


@pytest.mark.airflow
def test_push_dag_drains_the_outbox_and_emits_articles(
    airflow_home: Path, warehouse: dict[str, str], site: FaultServer
) -> None:
    pages = [site.url(f"/a/story-{n}.html") for n in range(3)]
    for n, url in enumerate(pages):
        site.route(f"/a/story-{n}.html", Reply(200, body=article_page(f"Ferry story {n}")))
    settings = load_settings(env=warehouse)
    engine = db.make_engine(settings.warehouse_url)
    try:
        ids = push.submit_urls(engine, settings, pages)
        first, second = dag_test(airflow_home, ["wirehouse_push", "wirehouse_push"], **warehouse)
        with Session(engine) as session:
            assert set(pages) <= set(session.scalars(select(ArticleUrl.url)))
            rows = session.scalars(select(PushOutbox).where(PushOutbox.id.in_(ids))).all()
            assert [(r.state, r.attempts) for r in rows] == [("done", 1)] * 3
    finally:
        engine.dispose()
    assert first["state"] == "success", first
    assert task_states(first) == {"drain": "success"}
    assert first["events"] == [["wirehouse://articles", {"source": "push", "articles_new": 3}]]
    # nothing left to drain: the task is skipped and wirehouse_events is not woken
    assert second["state"] == "success", second
    assert task_states(second) == {"drain": "skipped"}
    assert second["events"] == []
    assert all(len(site.seen(f"/a/story-{n}.html")) == 1 for n in range(3))


def _events(run: dict) -> list[list]:
    return sorted(run["events"], key=lambda event: event[0])


@pytest.mark.airflow
def test_a_push_drain_stops_at_its_bound_and_asks_for_the_next_run(
    airflow_home: Path, warehouse: dict[str, str], site: FaultServer
) -> None:
    # a long stream of pushes, here 5 rows for drains of 2: each run hands its articles to
    # wirehouse_events as it ends and emits wirehouse://push, which schedules wirehouse_push
    # again (the run after it), until the outbox is empty
    pages = [site.url(f"/s/story-{n}.html") for n in range(5)]
    for n in range(5):
        site.route(f"/s/story-{n}.html", Reply(200, body=article_page(f"Ferry stream {n}")))
    env = warehouse | {"WIREHOUSE_PUSH_DRAIN_MAX_ROWS": "2"}
    settings = load_settings(env=env)
    engine = db.make_engine(settings.warehouse_url)
    try:
        ids = push.submit_urls(engine, settings, pages)
        runs = dag_test(airflow_home, ["wirehouse_push"] * 4, **env)
        with Session(engine) as session:
            rows = session.scalars(select(PushOutbox).where(PushOutbox.id.in_(ids))).all()
            assert [(r.state, r.attempts) for r in rows] == [("done", 1)] * 5  # none twice
            assert set(pages) <= set(session.scalars(select(ArticleUrl.url)))
    finally:
        engine.dispose()
    assert [run["state"] for run in runs] == ["success"] * 4, runs
    assert [task_states(run) for run in runs] == [{"drain": "success"}] * 3 + [
        {"drain": "skipped"}]
    more = ["wirehouse://push", {"source": "wirehouse_push", "rows_left": True}]
    assert [_events(run) for run in runs] == [
        [["wirehouse://articles", {"source": "push", "articles_new": 2}], more],
        [["wirehouse://articles", {"source": "push", "articles_new": 2}], more],
        [["wirehouse://articles", {"source": "push", "articles_new": 1}]],  # the last rows
        [],
    ]
    assert all(len(site.seen(f"/s/story-{n}.html")) == 1 for n in range(5))


def _feed_site(site: FaultServer, hub: LoopbackHub, path: str) -> str:
    topic = site.url(path)
    site.route(path, Reply(200, body=feed(topic, hub.url, [site.url(f"{path}.story")]),
                           content_type=RSS_TYPE,
                           headers=(("Link", f'<{hub.url}>; rel="hub", <{topic}>; rel="self"'),)))
    return topic


def _opml(path: Path, urls: list[str]) -> Path:
    outlines = "".join(f'<outline type="rss" text="f{n}" xmlUrl="{u}"/>' for n, u in enumerate(urls))
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>'
                    f"feeds</title></head><body>{outlines}</body></opml>\n")
    return path


@pytest.mark.airflow
def test_websub_dag_unsubscribes_a_departed_feed_and_renews_a_listed_one(
    airflow_home: Path, warehouse: dict[str, str], site: FaultServer, tmp_path: Path
) -> None:
    held = bound_socket()  # the callback's port, held from now until the Callback serves on it
    port = held.getsockname()[1]
    env = dict(warehouse, WIREHOUSE_WEBSUB_CALLBACK_URL=f"http://127.0.0.1:{port}/websub",
               WIREHOUSE_WEBSUB_LEASE_SECONDS="3600")
    with LoopbackHub(tmp_path) as hub:
        kept, departed = _feed_site(site, hub, "/kept.xml"), _feed_site(site, hub, "/gone.xml")
        settings = load_settings(env=env)
        engine = db.make_engine(settings.warehouse_url)
        try:
            with db.session_scope(engine) as session:
                upsert_feeds(session, [FeedSpec(kept), FeedSpec(departed)])
            with Callback(engine, settings, held):
                for url in (kept, departed):
                    assert push.subscribe(engine, settings, url).state == "verified"
                with Session(engine) as session:
                    before = {s.topic_url: s.lease_expires_at
                              for s in session.scalars(select(WebSubSubscription))}
                # the feed list now holds one feed; every lease (1 h) ends within the margin (2 h)
                env.update(WIREHOUSE_FEEDS=str(_opml(tmp_path / "feeds.opml", [kept])),
                           WIREHOUSE_WEBSUB_RENEW_BEFORE="7200")
                (result,) = dag_test(airflow_home, ["wirehouse_websub"], **env)
            with Session(engine) as session:
                subs = {s.topic_url: s for s in session.scalars(select(WebSubSubscription))}
        finally:
            engine.dispose()
        assert result["state"] == "success", result
        assert task_states(result) == {"unsubscribe": "success", "renew": "success"}
        assert subs[departed].state == "unsubscribed"
        assert hub.callbacks(departed) == []  # the hub verified it with our callback
        assert subs[kept].state == "verified"
        assert subs[kept].feed_url == kept
        assert subs[kept].lease_expires_at > before[kept]  # renewed, verified again
        assert subs[kept].pending_mode is None
        assert len(hub.callbacks(kept)) == 1


@pytest.mark.airflow
def test_websub_dag_fails_at_once_when_a_renewal_has_no_callback_url(
    airflow_home: Path, warehouse: dict[str, str], tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    settings = load_settings(env=warehouse)
    engine = db.make_engine(settings.warehouse_url)
    try:
        with db.session_scope(engine) as session:
            session.add(WebSubSubscription(
                topic_url="https://news.example/feed.xml", hub_url="https://hub.example/",
                callback_url="https://wirehouse.example/websub/1", secret="s" * 64,
                state="verified", pushes=0, requested_at=datetime.now(UTC),
                lease_expires_at=datetime.now(UTC) + timedelta(minutes=5)))
    finally:
        engine.dispose()
    env = dict(warehouse, WIREHOUSE_AIRFLOW_TASK_RETRIES="3")  # would retry a network glitch
    (result,) = dag_test(airflow_home, ["wirehouse_websub"], **env)
    assert result["state"] == "failed"
    assert task_states(result) == {"unsubscribe": "success", "renew": "failed"}  # not up_for_retry


def _reschedules(airflow_home: Path, task_id: str) -> int:
    """Reschedule requests of ``task_id`` in the metadata DB of the dag.test() subprocess."""
    uri = f"file:{airflow_home / 'airflow.db'}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True, timeout=30)) as connection:
        return connection.execute(
            "SELECT count(*) FROM task_reschedule JOIN task_instance "
            "ON task_instance.id = task_reschedule.ti_id WHERE task_instance.task_id = ?",
            (task_id,)).fetchone()[0]


@pytest.mark.airflow
def test_an_events_run_waits_for_the_lease_of_the_nightly_run(
    airflow_home: Path, warehouse: dict[str, str]
) -> None:
    # pushes woke wirehouse_events while the nightly wirehouse_ingest holds the run lease
    settings = load_settings(env=warehouse)
    engine = db.make_engine(settings.warehouse_url)
    nightly = "scheduled__2026-12-03T02:00:00+00:00"
    lease.acquire(engine, nightly, "airflow", timedelta(hours=1))
    env = warehouse | {"WIREHOUSE_AIRFLOW_LEASE_POLL": "1"}
    results: list[dict] = []
    runner = threading.Thread(
        target=lambda: results.extend(dag_test(airflow_home, ["wirehouse_events"], **env)))
    runner.start()
    try:
        deadline = time.monotonic() + SUBPROCESS_TIMEOUT
        while _reschedules(airflow_home, "stories") < 2 and runner.is_alive():
            assert time.monotonic() < deadline, "stories was never rescheduled"
            time.sleep(0.5)
        assert lease.holder(engine).run_id == nightly  # not taken over while it waited
    finally:
        lease.release(engine, nightly)  # the nightly run finishes
        runner.join(SUBPROCESS_TIMEOUT)
    try:
        [run] = results
        assert run["state"] == "success", run
        assert task_states(run) == {"stories": "success", "views": "success",
                                    "quality": "success"}
        assert run["tries"]["stories"] == 1  # waited without using a retry
        assert lease.holder(engine) is None  # taken after the nightly run, given back by quality
    finally:
        engine.dispose()


def test_a_lease_held_elsewhere_reschedules_the_task() -> None:
    from airflow.sdk.exceptions import AirflowRescheduleException

    from wirehouse.airflow_support import waiting_for_run_lease
    from wirehouse.errors import RunLockedError

    settings = load_settings(env={"WIREHOUSE_AIRFLOW_LEASE_POLL": "90"})
    before = datetime.now(UTC)
    with pytest.raises(AirflowRescheduleException) as caught, waiting_for_run_lease(settings):
        raise RunLockedError("another wirehouse run is in progress")
    assert isinstance(caught.value.__cause__, RunLockedError)
    waited = (caught.value.reschedule_date - before).total_seconds()
    assert 90 <= waited < 90 + 60
    with pytest.raises(ValueError, match="not a lease"), waiting_for_run_lease(settings):
        raise ValueError("not a lease problem")  # other errors fail (and retry) as before


def test_a_sqlite_warehouse_another_run_writes_to_reschedules_the_task(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another run's writing transaction (its clustering, minutes long) holds the SQLite write
    lock past the busy timeout: the task taking the lease waits for it as for a lease held,
    rescheduled in one line, where it used a retry; another SQLite error still fails."""
    from airflow.sdk.exceptions import AirflowRescheduleException

    from load import db
    from wirehouse import airflow_support
    from wirehouse.airflow_support import waiting_for_run_lease
    from wirehouse.pipeline import take_run_lease

    lines: list[str] = []
    monkeypatch.setattr(airflow_support.log, "info", lambda msg, *args: lines.append(msg % args))
    settings = load_settings(env={}, data_dir=tmp_path)
    db.upgrade(settings.warehouse_url)
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 200)
    writer = sqlite3.connect(tmp_path / "warehouse.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(AirflowRescheduleException), waiting_for_run_lease(settings):
            take_run_lease("manual__2026-12-06T03:00:00+00:00", settings)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    (line,) = lines
    assert line.startswith("waiting for the run lease, trying again at ")
    assert line.endswith("database is locked") and "\n" not in line
    with pytest.raises(sqlite3.OperationalError), waiting_for_run_lease(settings):
        raise sqlite3.OperationalError("no such table: run_lease")
