"""A Celery worker lost mid-run: the cluster of tests/test_celery.py (API server, scheduler, DAG
processor, triggerer and one Celery worker against this machine's PostgreSQL and Redis), the
worker killed with SIGKILL, its process group and every process it started, while a **fetch**
of ``wirehouse_ingest`` runs (as its host lost: nothing reports the try), then a new worker
started.

Airflow finds the try's heartbeat missing after ``[scheduler] task_instance_heartbeat_timeout``
(30 s here, 300 by default) and fails it; the DAG processor runs its callback. With a retry
left, the retry callback keeps the run lease through the back-off, the retry runs on the new
worker and the run ends succeeded with the warehouse as an uninterrupted run leaves it: every
fetchable demo article once, the run recorded with them, nothing pending. The timeline it
prints (``-s``) is the walk recorded in docs/airflow.md (with no retry left, the run fails: its
failure callback gave the lease back in three walks of four, not a test's worth).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psutil
import psycopg
import pytest
from sqlalchemy import URL, Engine, create_engine, text
from test_celery import (
    BIN,
    REDIS,
    REDIS_DB,
    Cluster,
    _cluster_env,
    _ended,
    _forget_queue,
    _runs,
    _start,
    require_redis,
)
from waiting import PORT_ATTEMPTS, PortTakenError

from load.db import upgrade
from load.pg_admin import libpq_params

pytestmark = [pytest.mark.airflow, pytest.mark.timeout(1800)]

HEARTBEAT_TIMEOUT = 30  # [scheduler] task_instance_heartbeat_timeout, seconds (Airflow's: 300)
QUEUED_TIMEOUT = 90  # [scheduler] task_queued_timeout, seconds (Airflow's: 600)


class Timeline:
    """Prints what changed, with the seconds since the start or the kill, and keeps the run
    lease's states seen after the kill."""

    def __init__(self) -> None:
        self.kill_at: float | None = None
        self.seen: dict[str, str] = {}
        self.started = time.monotonic()
        self.lease_after_kill: list[str] = []

    def note(self, key: str, value: str) -> None:
        if key == "lease" and self.kill_at is not None:
            self.lease_after_kill.append(value)
        if self.seen.get(key) != value:
            self.seen[key] = value
            since = time.monotonic() - (self.kill_at if self.kill_at is not None else self.started)
            mark = "kill" if self.kill_at is not None else "start"
            print(f"[{mark}{since:+7.1f} s] {key}: {value}", flush=True)


def _watch(timeline: Timeline, metadata: psycopg.Connection, warehouse: Engine) -> None:
    for task_id, map_index, state, try_number in metadata.execute(
        "SELECT task_id, map_index, state, try_number FROM task_instance"
        " WHERE dag_id = 'wirehouse_ingest' ORDER BY task_id, map_index"
    ).fetchall():
        timeline.note(f"{task_id}[{map_index}]", f"{state} try {try_number}")
    with warehouse.connect() as conn:
        lapsed = conn.execute(text("SELECT expires_at <= now() FROM run_lease")).scalar()
    timeline.note("lease", "free" if lapsed is None else "lapsed" if lapsed else "held")


@dataclass
class Walk:
    """What a walk left: the DAG run as the API shows it, its task instances' tries, the new
    worker's log, the lease's states after the kill and the articles the demo sites offer."""

    run: dict[str, Any]
    tries: list[tuple[str, int, int, str, str | None]]  # task, map index, try, state, Celery id
    new_worker_log: str
    lease_after_kill: list[str]
    fetchable: set[str]


def _walk(
    tmp_path: Path, metadata_db: str, warehouse_url: str, postgres: URL, settings: dict[str, str]
) -> Walk:
    """Start the cluster with ``settings`` added to its environment, run wirehouse_ingest and
    kill its worker mid-fetch (:func:`_kill_worker_mid_fetch`)."""
    from wirehouse.demo.expectations import expected_articles
    from wirehouse.demo.server import DemoSites

    require_redis()
    upgrade(warehouse_url)
    queue = f"wirehouse_test_{uuid.uuid4().hex[:8]}"

    def environment(feeds: Path) -> dict[str, str]:
        env = _cluster_env(tmp_path, metadata_db, warehouse_url, feeds, queue, redis_db=REDIS_DB)
        env.update(
            AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT=str(HEARTBEAT_TIMEOUT),
            # a task the killed worker had received but not started stays queued until the
            # scheduler requeues it after task_queued_timeout (600 s by default, looked for every
            # 120 s)
            AIRFLOW__SCHEDULER__TASK_QUEUED_TIMEOUT=str(QUEUED_TIMEOUT),
            AIRFLOW__SCHEDULER__TASK_QUEUED_TIMEOUT_CHECK_INTERVAL="10",
            WIREHOUSE_HOST_DELAY="2",  # a fetch lasts long enough to be killed in the middle
            **settings,
        )
        return env

    with DemoSites() as demo:
        feeds = demo.write_opml(tmp_path / "feeds.opml")
        env = environment(feeds)
        migrate = subprocess.run(
            [str(BIN / "airflow"), "db", "migrate"],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert migrate.returncode == 0, migrate.stdout[-2000:] + migrate.stderr[-3000:]
        password = secrets.token_urlsafe(16)
        (tmp_path / "passwords.json").write_text(json.dumps({"admin": password}))
        dsn = psycopg.conninfo.make_conninfo(
            **dict(libpq_params(postgres), dbname=metadata_db.rsplit("/", 1)[1])
        )
        cluster: Cluster | None = None
        try:
            for attempt in range(1, PORT_ATTEMPTS + 1):
                cluster = Cluster(
                    tmp_path / f"start{attempt}", env, env["AIRFLOW__API__BASE_URL"], queue
                )
                try:
                    walk = _kill_worker_mid_fetch(cluster, password, warehouse_url, dsn)
                    break
                except PortTakenError:
                    if attempt == PORT_ATTEMPTS:
                        raise
                    cluster.stop()
                    env = environment(feeds)
        finally:
            if cluster is not None:
                cluster.stop()
            _forget_queue(queue)
            _forget_unacked(queue)
        walk.fetchable = {
            a.canonical_url for a in expected_articles(demo.base_urls) if not a.robots_disallowed
        }
    return walk


def _forget_unacked(queue: str) -> None:
    """Delete what the killed worker had taken from this test's queue and not acknowledged:
    Airflow's Celery tasks are acknowledged late, and kombu keeps them (its ``unacked`` hash,
    shared by every queue of the Redis database) to put back in the queue once the broker's
    visibility timeout passes."""
    import redis

    client = redis.Redis(host=REDIS[0], port=REDIS[1], db=REDIS_DB)
    try:
        for tag, raw in client.hgetall("unacked").items():
            _message, _exchange, routing_key = json.loads(raw)
            if routing_key == queue:
                client.hdel("unacked", tag)
                client.zrem("unacked_index", tag)
    finally:
        client.close()


def _warehouse(warehouse_url: str) -> dict[str, Any]:
    engine = create_engine(warehouse_url)
    try:
        with engine.connect() as conn:
            return {
                "run": conn.execute(text("SELECT id, status, articles_new FROM runs")).one(),
                "urls": conn.execute(text("SELECT canonical_url FROM articles")).scalars().all(),
                "pending": conn.execute(text("SELECT COUNT(*) FROM pending_pages")).scalar_one(),
                "lease": conn.execute(text("SELECT COUNT(*) FROM run_lease")).scalar_one(),
            }
    finally:
        engine.dispose()


def test_a_run_whose_worker_is_lost_mid_fetch_is_retried_on_a_new_worker_and_succeeds(
    tmp_path: Path, metadata_db: str, _postgres_schema_url: str, _postgres_base_url: URL
) -> None:
    # a term far shorter than the retry's back-off (2 to 4 minutes): only the retry callback,
    # run by the DAG processor when the heartbeat timeout fails the try, keeps the lease, and
    # the other fetch, when the new worker runs it meanwhile, must not cut that short as it ends
    walk = _walk(
        tmp_path,
        metadata_db,
        _postgres_schema_url,
        _postgres_base_url,
        {"WIREHOUSE_AIRFLOW_TASK_RETRIES": "1", "WIREHOUSE_AIRFLOW_LEASE_SECONDS": "60"},
    )
    assert walk.run["state"] == "success", walk.tries
    retried = [t for t in walk.tries if t[2] > 1]
    assert retried and {t[0] for t in retried} == {"fetch"}
    for task_id, map_index, _, _, celery_id in retried:  # run by the new worker
        assert f"[{celery_id}] received" in walk.new_worker_log, (task_id, map_index)
    assert "lapsed" not in walk.lease_after_kill and walk.lease_after_kill[-1] == "free"
    warehouse = _warehouse(_postgres_schema_url)
    run, urls = warehouse["run"], warehouse["urls"]
    assert run.id == walk.run["dag_run_id"] and run.status == "ingested"
    assert len(urls) == len(set(urls)) and set(urls) == walk.fetchable  # each article once
    assert run.articles_new == len(urls)
    assert warehouse["pending"] == 0 and warehouse["lease"] == 0


def _group_of(process: subprocess.Popen[bytes]) -> list[psutil.Process]:
    """The worker and every process it started (Celery's pool, Airflow's supervisors and task
    processes)."""
    leader = psutil.Process(process.pid)
    return [leader, *leader.children(recursive=True)]


def _kill_worker_mid_fetch(
    cluster: Cluster, password: str, warehouse_url: str, metadata_dsn: str
) -> Walk:
    """Start the cluster, unpause wirehouse_ingest, kill the worker (its process group and every
    process it started) with SIGKILL while a fetch runs, start another worker and wait for the
    run to end."""
    _start(cluster)
    timeline = Timeline()
    warehouse = create_engine(warehouse_url)
    with (
        httpx.Client(base_url=cluster.base_url, timeout=120.0) as api,
        psycopg.connect(metadata_dsn, autocommit=True) as metadata,
    ):

        def token() -> str | None:
            response = api.post(
                "/auth/token", json={"username": "admin", "password": password}, timeout=60
            )
            return response.json()["access_token"] if response.status_code == 201 else None

        api.headers["Authorization"] = (
            f"Bearer {cluster.wait_for('API server', token, 300, starting=True)}"
        )
        cluster.wait_for(
            "wirehouse_ingest parsed",
            lambda: metadata.execute(
                "SELECT 1 FROM dag WHERE dag_id = 'wirehouse_ingest'"
            ).fetchone(),
            300,
            starting=True,
        )
        cluster.wait_for(
            "the worker", lambda: "ready." in cluster.log("worker"), 300, starting=True
        )
        # unpausing (catchup off) starts the run of the most recent 02:00
        api.patch("/api/v2/dags/wirehouse_ingest", json={"is_paused": False}).raise_for_status()

        def watching(check: Callable[[], Any]) -> Callable[[], Any]:
            def watched() -> Any:
                _watch(timeline, metadata, warehouse)
                return check()

            return watched

        def fetch_running() -> bool:
            return (
                metadata.execute(
                    "SELECT 1 FROM task_instance WHERE dag_id = 'wirehouse_ingest' AND task_id = 'fetch'"
                    " AND state = 'running' AND start_date < now() - interval '3 seconds'"
                ).fetchone()
                is not None
            )

        cluster.wait_for("a fetch running", watching(fetch_running), 360)
        worker = cluster.processes.pop("worker")
        group = _group_of(worker)
        print(
            "the worker's processes (pid, process group):",
            [(p.pid, os.getpgid(p.pid)) for p in group],
            flush=True,
        )
        # its process group, then each process left: Airflow puts every task process in a
        # process group of its own, which outlives the worker's (as it would not its host)
        os.killpg(worker.pid, signal.SIGKILL)
        for process in group:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
        worker.wait(timeout=30)
        timeline.kill_at = time.monotonic()
        _, alive = psutil.wait_procs(group, timeout=30)
        assert not alive, alive
        cluster.start(
            "worker2",
            "celery",
            "worker",
            "--queues",
            cluster.queue,
            "--concurrency",
            "2",
            "--celery-hostname",
            f"{cluster.queue}-2@%h",
        )
        cluster.wait_for("the run", watching(lambda: _ended(metadata, "wirehouse_ingest")), 900)
        # given back by finish, or by the DAG's failure callback, run by the DAG processor
        # once the run failed
        cluster.wait_for(
            "the lease given back", watching(lambda: timeline.seen["lease"] == "free"), 300
        )
        run = _runs(api, "wirehouse_ingest")[-1]
        tries = metadata.execute(
            "SELECT task_id, map_index, try_number, state, external_executor_id"
            " FROM task_instance WHERE run_id = %s",
            (run["dag_run_id"],),
        ).fetchall()
    warehouse.dispose()
    return Walk(run, tries, cluster.log("worker2"), timeline.lease_after_kill, set())
