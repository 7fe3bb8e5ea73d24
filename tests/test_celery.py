"""Scale-out: the ingest -> events chain on the CeleryExecutor, set up as docker-compose.yml sets
it up, but on this machine: Airflow's metadata in a database of its own on the local PostgreSQL
(created here and dropped afterwards), Redis on 127.0.0.1:6379 as the broker (a database number
and a queue of this test's own), the warehouse in a private PostgreSQL schema, and the API
server, scheduler, DAG processor, triggerer and a Celery worker as five separate processes.

The tasks can only have run on the worker (the scheduler of a CeleryExecutor runs none), and the
test checks it: every task instance went through this test's queue with a Celery task id, and
the worker's log names each of them.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
import yaml
from browser import stop_process_group
from faultserver import free_port
from sqlalchemy import create_engine, text
from waiting import PORT_ATTEMPTS, PortTakenError, wait_for

from load.db import upgrade
from load.pg_admin import libpq_params

REPO = Path(__file__).resolve().parents[1]
# one API request may take long on a busy machine (the scheduler shares its database)
API_TIMEOUT = 120.0
BIN = Path(sys.executable).parent
REDIS = ("127.0.0.1", 6379)
# not the default 0: this test's keys stay apart from anything else on that Redis (another
# number with WIREHOUSE_TEST_REDIS_DB, when several checkouts test on one machine)
REDIS_DB = int(os.environ.get("WIREHOUSE_TEST_REDIS_DB", "9"))

# a hang guard only: on a loaded 2-core machine the whole chain took close to ten minutes
pytestmark = [pytest.mark.airflow, pytest.mark.timeout(1800)]


def _redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def require_redis() -> None:
    """Skip the test when Redis, the Celery broker, does not answer; fail it on CI, where it
    must."""
    if not _redis_answers():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not answering on {REDIS[0]}:{REDIS[1]}")
        pytest.skip(f"Redis is not answering on {REDIS[0]}:{REDIS[1]}")


@dataclass
class Cluster:
    root: Path
    env: dict[str, str]
    base_url: str
    queue: str
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def log(self, name: str) -> str:
        return (self.root / f"{name}.log").read_text(errors="replace")

    def start(self, name: str, *args: str) -> None:
        with (self.root / f"{name}.log").open("wb") as out:
            self.processes[name] = subprocess.Popen(
                [str(BIN / "airflow"), *args], env=self.env, cwd=self.root, stdout=out,
                stderr=subprocess.STDOUT, start_new_session=True,
            )

    def stop(self) -> None:
        for process in self.processes.values():
            stop_process_group(process)

    def wait_for(self, what: str, check: Callable[[], Any], timeout: float,
                 starting: bool = False) -> Any:
        """Poll ``check`` until it returns something truthy; fail with every process's log tail.
        ``starting``: nothing has run yet, so a process saying its port was taken raises
        PortTakenError, for a start on other ports (later, only a log server can still be
        starting: without it the chain runs all the same)."""
        return wait_for(what, check, timeout, processes=self.processes,
                        diagnostics=lambda: "\n".join(f"--- {n}\n{self.log(n)[-1500:]}"
                                                      for n in self.processes),
                        logs=(lambda: "\n".join(self.log(n) for n in self.processes))
                        if starting else None)


def _compose_environment() -> dict[str, str]:
    """docker-compose.yml's shared Airflow environment, as written (before interpolation)."""
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    return {k: str(v) for k, v in compose["x-airflow-common"]["environment"].items()}


def _cluster_env(root: Path, metadata_url: str, warehouse_url: str, feeds: Path,
                 queue: str, redis_db: int) -> dict[str, str]:
    """The processes' environment, on ports free when chosen (they may be taken before a
    process binds them: see _start_cluster)."""
    api_port = free_port()
    compose = _compose_environment()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "WIREHOUSE_"))}
    # compose's settings, with this machine's addresses, this test's secrets and files
    same_as_compose = (
        "AIRFLOW__CORE__EXECUTOR", "AIRFLOW__CORE__AUTH_MANAGER", "AIRFLOW__CORE__LOAD_EXAMPLES",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION", "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS",
        "AIRFLOW__CELERY_BROKER_TRANSPORT_OPTIONS__VISIBILITY_TIMEOUT",
    )
    env.update({name: compose[name] for name in same_as_compose})
    base_url = f"http://127.0.0.1:{api_port}"
    env.update(
        AIRFLOW_HOME=str(root / "airflow_home"),
        AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=metadata_url,
        AIRFLOW__CELERY__BROKER_URL=f"redis://{REDIS[0]}:{REDIS[1]}/{redis_db}",
        AIRFLOW__CELERY__RESULT_BACKEND=f"db+{metadata_url}",
        AIRFLOW__CORE__FERNET_KEY=_fernet_key(),
        AIRFLOW__API__SECRET_KEY=secrets.token_urlsafe(32),
        AIRFLOW__API_AUTH__JWT_SECRET=secrets.token_urlsafe(64),
        AIRFLOW__CORE__EXECUTION_API_SERVER_URL=f"{base_url}/execution/",
        AIRFLOW__API__BASE_URL=base_url,
        AIRFLOW__API__HOST="127.0.0.1",
        AIRFLOW__API__PORT=str(api_port),
        # as `make airflow`: a task waits 30 s for the execution API (Airflow's 5 s failed
        # tasks at start on a busy 2-core machine)
        AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT="30",
        AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE=str(root / "passwords.json"),
        AIRFLOW__CORE__DAGS_FOLDER=str(REPO / "dags"),
        AIRFLOW__CORE__PLUGINS_FOLDER=str(REPO / "plugins"),
        # every task goes through this test's own queue, served by this test's worker only
        AIRFLOW__OPERATORS__DEFAULT_QUEUE=queue,
        # ports of the log servers and the scheduler's health check: free ones, not the defaults
        AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT=str(free_port()),
        AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT=str(free_port()),
        AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_PORT=str(free_port()),
        PYTHONPATH=str(REPO),
        WIREHOUSE_DB_URL=warehouse_url,
        WIREHOUSE_DATA_DIR=str(root / "data"),
        WIREHOUSE_FEEDS=str(feeds),
        WIREHOUSE_ALLOW_PRIVATE_HOSTS="1",
        WIREHOUSE_HOST_DELAY="0.02",
        WIREHOUSE_AIRFLOW_TASK_RETRIES="0",
        WIREHOUSE_FEED_BATCH_SIZE="3",  # a few mapped fetch tasks
        # speed only: the DAG files do not change during the test and no DAG here has a watcher
        # (registered when an unpaused DAG is parsed), so each file is parsed once instead of
        # every 30 s, each time in a process of its own
        AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL="3600",
    )
    return env


def _forget_queue(queue: str) -> None:
    """Delete what the broker kept of this test's queue (kombu's bindings and messages)."""
    import redis

    client = redis.Redis(host=REDIS[0], port=REDIS[1], db=REDIS_DB)
    try:
        names = list(client.scan_iter(match=f"*{queue}*"))
        if names:
            client.delete(*names)
    finally:
        client.close()


def _fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


def _runs(api: httpx.Client, dag_id: str) -> list[dict[str, Any]]:
    response = api.get(f"/api/v2/dags/{dag_id}/dagRuns")
    response.raise_for_status()
    return response.json()["dag_runs"]


def _ended(metadata: psycopg.Connection, dag_id: str) -> bool:
    """Whether the newest run of ``dag_id`` ended, read from the metadata DB: far cheaper to poll
    than the API server, which the tasks need meanwhile."""
    row = metadata.execute("SELECT state FROM dag_run WHERE dag_id = %s ORDER BY id DESC LIMIT 1",
                           (dag_id,)).fetchone()
    return row is not None and row[0] in {"success", "failed"}


def _succeeded(api: httpx.Client, dag_id: str) -> dict[str, Any]:
    """The newest run of ``dag_id`` as the API shows it, once it ended; fails unless it succeeded."""
    runs = _runs(api, dag_id)
    assert runs and runs[-1]["state"] in {"success", "failed"}, runs
    run = runs[-1]
    tis = api.get(f"/api/v2/dags/{dag_id}/dagRuns/{run['dag_run_id']}/taskInstances").json()
    assert run["state"] == "success", [(t["task_id"], t["state"]) for t in tis["task_instances"]]
    return run


def test_ingest_then_events_run_on_a_celery_worker(
    tmp_path: Path, metadata_db: str, _postgres_schema_url: str, _postgres_base_url
) -> None:
    from wirehouse.demo.server import DemoSites

    require_redis()
    upgrade(_postgres_schema_url)
    queue = f"wirehouse_test_{uuid.uuid4().hex[:8]}"
    with DemoSites() as demo:
        feeds = demo.write_opml(tmp_path / "feeds.opml")
        env = _cluster_env(tmp_path, metadata_db, _postgres_schema_url, feeds, queue,
                           redis_db=REDIS_DB)
        migrate = subprocess.run([str(BIN / "airflow"), "db", "migrate"], env=env, cwd=tmp_path,
                                 capture_output=True, text=True, timeout=300, check=False)
        assert migrate.returncode == 0, migrate.stdout[-2000:] + migrate.stderr[-3000:]
        # the password file compose's airflow-init writes
        password = secrets.token_urlsafe(16)
        (tmp_path / "passwords.json").write_text(json.dumps({"admin": password}))
        dsn = psycopg.conninfo.make_conninfo(
            **dict(libpq_params(_postgres_base_url), dbname=metadata_db.rsplit("/", 1)[1]))
        try:
            for attempt in range(1, PORT_ATTEMPTS + 1):
                cluster = Cluster(tmp_path / f"start{attempt}", env, env["AIRFLOW__API__BASE_URL"],
                                  queue)
                try:
                    _run_chain(cluster, password, _postgres_schema_url, dsn)
                    break
                except PortTakenError:
                    if attempt == PORT_ATTEMPTS:
                        raise
                    cluster.stop()
                    env = _cluster_env(tmp_path, metadata_db, _postgres_schema_url, feeds, queue,
                                       redis_db=REDIS_DB)
        finally:
            cluster.stop()
            _forget_queue(queue)


def _start(cluster: Cluster) -> None:
    """The five processes, as docker-compose.yml runs them."""
    cluster.root.mkdir(parents=True, exist_ok=True)
    cluster.start("api-server", "api-server", "--workers", "1")
    cluster.start("scheduler", "scheduler")
    cluster.start("dag-processor", "dag-processor")
    cluster.start("triggerer", "triggerer")
    cluster.start("worker", "celery", "worker", "--queues", cluster.queue, "--concurrency", "2",
                  "--celery-hostname", f"{cluster.queue}@%h")


def _run_chain(cluster: Cluster, password: str, warehouse_url: str, metadata_dsn: str) -> None:
    """Start the cluster and run the chain on it; PortTakenError, with nothing run yet, when a
    process said its port was taken while the cluster started."""
    _start(cluster)
    # one client for the polling too: a new one per request (httpx.post) costs 40 ms CPU for
    # its TLS context, twice a second while the API server starts
    with (httpx.Client(base_url=cluster.base_url, timeout=API_TIMEOUT) as api,
          psycopg.connect(metadata_dsn, autocommit=True) as metadata):
        def token() -> str | None:
            response = api.post("/auth/token", json={"username": "admin", "password": password},
                                timeout=60)
            return response.json()["access_token"] if response.status_code == 201 else None

        api.headers["Authorization"] = f"Bearer {cluster.wait_for('API server', token, 300, starting=True)}"

        def parsed() -> bool:
            rows = metadata.execute("SELECT dag_id FROM dag").fetchall()
            return {"wirehouse_ingest", "wirehouse_events"} <= {dag_id for (dag_id,) in rows}

        def listed() -> bool:
            dags = api.get("/api/v2/dags").json()["dags"]
            return {"wirehouse_ingest", "wirehouse_events"} <= {d["dag_id"] for d in dags}

        cluster.wait_for("both DAGs parsed", parsed, 300, starting=True)
        cluster.wait_for("both DAGs listed by the API", listed, 300, starting=True)
        cluster.wait_for("the worker", lambda: "ready." in cluster.log("worker"), 300,
                         starting=True)
        for dag_id in ("wirehouse_events", "wirehouse_ingest"):
            api.patch(f"/api/v2/dags/{dag_id}", json={"is_paused": False}).raise_for_status()
        # unpausing (catchup off) starts the run of the most recent 02:00
        cluster.wait_for("ingest run", lambda: _ended(metadata, "wirehouse_ingest"), 360)
        ingest = _succeeded(api, "wirehouse_ingest")
        cluster.wait_for("events run", lambda: _ended(metadata, "wirehouse_events"), 300)
        events = _succeeded(api, "wirehouse_events")
        assert events["run_type"] == "asset_triggered"

        worker_log = cluster.log("worker")
        rows = metadata.execute(
            "SELECT dag_id, task_id, map_index, state, queue, hostname, external_executor_id"
            " FROM task_instance WHERE run_id IN (%s, %s)",
            (ingest["dag_run_id"], events["dag_run_id"]),
        ).fetchall()
        ran = [row for row in rows if row[3] == "success"]
        assert {row[0] for row in ran} == {"wirehouse_ingest", "wirehouse_events"}
        for dag_id, task_id, map_index, _, queue, hostname, celery_id in ran:
            where = (dag_id, task_id, map_index)
            assert queue == cluster.queue, where
            assert hostname, where
            # the Celery task id the executor sent it as, received by this worker
            assert celery_id and f"[{celery_id}] received" in worker_log, where
        fetches = [t for t in api.get(
            f"/api/v2/dags/wirehouse_ingest/dagRuns/{ingest['dag_run_id']}/taskInstances"
        ).json()["task_instances"] if t["task_id"] == "fetch"]
        assert len(fetches) > 1  # mapped over several batches, all on the worker

    engine = create_engine(warehouse_url)
    try:
        with engine.connect() as conn:
            run = conn.execute(text("SELECT id, status, articles_new FROM runs")).one()
            assert conn.execute(text("SELECT COUNT(*) FROM events")).scalar_one() > 0
    finally:
        engine.dispose()
    assert run.id == ingest["dag_run_id"] and run.articles_new > 0
