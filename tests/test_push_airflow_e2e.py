"""The Airflow push path end to end, with the triggerer: `airflow standalone` (API server,
scheduler, DAG processor, triggerer) on a free port and a temporary AIRFLOW_HOME, the Redis
connection given as AIRFLOW_CONN_REDIS_DEFAULT (database 11) and a channel of this test's own.
Once the watcher of ``wirehouse://push`` listens on the channel, an article URL is submitted as
other systems do (`wirehouse push`): stored in the outbox, then announced on Redis. The
triggerer turns the message into an asset event, ``wirehouse_push`` runs on it ("asset
triggered"), drains the outbox and the article row appears. The sweep is set to a day, so
only the message can have started that run. Every process group is killed afterwards.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import stop_process_group
from faultserver import FaultServer, Reply
from sqlalchemy import select
from sqlalchemy.orm import Session
from waiting import wait_for
from websub_hub import article_page, free_port

from load.db import make_engine, upgrade
from load.models import ArticleUrl, PushOutbox
from wirehouse import push
from wirehouse.settings import load_settings

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
REDIS_URL = "redis://127.0.0.1:6379/11"

pytestmark = [pytest.mark.airflow, pytest.mark.timeout(1200)]


@dataclasses.dataclass
class Airflow:
    home: Path
    log: Path
    process: subprocess.Popen[bytes]
    env: dict[str, str]

    def wait_for(self, what: str, check: Callable[[], Any], timeout: float) -> Any:
        """Poll ``check`` until it returns something truthy; fail with the log's tail."""
        return wait_for(what, check, timeout, processes={"airflow standalone": self.process},
                        diagnostics=self.tail, interval=1,
                        transient=(sqlite3.OperationalError,))  # tables not made yet, or busy

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-6000:]

    def query(self, sql: str, *args: object) -> list[tuple[Any, ...]]:
        with sqlite3.connect(f"file:{self.home / 'airflow.db'}?mode=ro", uri=True,
                             timeout=30) as conn:
            return conn.execute(sql, args).fetchall()

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(BIN / "airflow"), *args], env=self.env, cwd=self.home,
                              capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture
def redis_client(redis_client_at: Callable[[str], Any]) -> Any:
    return redis_client_at(REDIS_URL)


@pytest.fixture
def site() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server


@pytest.fixture
def airflow(tmp_path: Path) -> Iterator[tuple[Airflow, dict[str, str]]]:
    home = tmp_path / "airflow_home"
    home.mkdir()
    data = tmp_path / "data"
    data.mkdir()
    db_url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    upgrade(db_url)
    wirehouse_env = {
        "WIREHOUSE_DATA_DIR": str(data),
        "WIREHOUSE_DB_URL": db_url,
        "WIREHOUSE_ALLOW_PRIVATE_HOSTS": "1",
        "WIREHOUSE_HOST_DELAY": "0.02",
        "WIREHOUSE_AIRFLOW_TASK_RETRIES": "0",
        "WIREHOUSE_PUSH_REDIS_URL": REDIS_URL,
        "WIREHOUSE_PUSH_REDIS_CHANNEL": f"pushdag.e2e.{secrets.token_hex(4)}",
        "WIREHOUSE_PUSH_SWEEP_INTERVAL": "86400",  # only a message can start a run here
    }
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "WIREHOUSE_"))}
    env.update(wirehouse_env)
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",  # standalone starts `airflow ...`
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        AIRFLOW_HOME=str(home),
        AIRFLOW_CONN_REDIS_DEFAULT=REDIS_URL,
        AIRFLOW__API__HOST="127.0.0.1",
        AIRFLOW__API__PORT=str(port),
        AIRFLOW__API__BASE_URL=f"http://localhost:{port}",
        AIRFLOW__CORE__DAGS_FOLDER=str(REPO / "dags"),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT="30",
        AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT=str(free_port()),
        AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT=str(free_port()),
    )
    log = tmp_path / "standalone.log"
    with log.open("wb") as out:
        process = subprocess.Popen([str(BIN / "airflow"), "standalone"], env=env, cwd=home,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield Airflow(home, log, process, env), wirehouse_env
    finally:
        stop_process_group(process)


def _runs(airflow: Airflow) -> list[tuple[str, str, str]]:
    return airflow.query("SELECT run_id, run_type, state FROM dag_run WHERE dag_id = ? "
                         "ORDER BY id", "wirehouse_push")


def test_a_redis_message_runs_wirehouse_push_and_loads_the_article(
    airflow: tuple[Airflow, dict[str, str]], redis_client: Any, site: FaultServer
) -> None:
    af, wirehouse_env = airflow
    channel = wirehouse_env["WIREHOUSE_PUSH_REDIS_CHANNEL"]

    af.wait_for("wirehouse_push parsed", lambda: af.query(
        "SELECT dag_id FROM dag WHERE dag_id = 'wirehouse_push'"), 600)
    unpaused = af.cli("dags", "unpause", "wirehouse_push")
    assert unpaused.returncode == 0, unpaused.stdout[-2000:] + unpaused.stderr[-2000:]
    # the triggerer runs the asset's watcher: it subscribes to the channel
    af.wait_for(f"a subscriber on {channel}",
                lambda: dict(redis_client.pubsub_numsub(channel)).get(channel.encode()), 600)
    # unpausing may start one sweep run at once: let it end, so only the message is left
    af.wait_for("no wirehouse_push run in progress", lambda: all(
        state in {"success", "failed"} for _r, _t, state in _runs(af)) or None, 600)
    before = {run_id for run_id, _t, _s in _runs(af)}

    page = site.url("/a/ferry.html")
    site.route("/a/ferry.html", Reply(200, body=article_page("Ferry resumes")))
    settings = load_settings(env=wirehouse_env)
    engine = make_engine(settings.warehouse_url)
    try:
        [row_id] = push.submit_urls(engine, settings, [page])  # outbox row, then the message

        def asset_run() -> tuple[str, str, str] | None:
            new = [r for r in _runs(af) if r[0] not in before and r[1] == "asset_triggered"]
            return new[-1] if new and new[-1][2] in {"success", "failed"} else None

        run_id, _type, state = af.wait_for("an asset-triggered wirehouse_push run", asset_run, 600)
        tasks = dict(af.query("SELECT task_id, state FROM task_instance WHERE dag_id = ? AND "
                              "run_id = ?", "wirehouse_push", run_id))
        assert (state, tasks) == ("success", {"drain": "success"}), af.tail()
        events = af.query("SELECT a.uri FROM asset_event e JOIN asset a ON a.id = e.asset_id "
                          "WHERE e.source_dag_id = ? AND e.source_run_id = ?",
                          "wirehouse_push", run_id)
        # Airflow stores the URI normalized, with a slash after the host part
        assert [uri.rstrip("/") for (uri,) in events] == ["wirehouse://articles"]
        with Session(engine) as session:
            assert page in set(session.scalars(select(ArticleUrl.url)))
            assert session.get(PushOutbox, row_id).state == "done"
    finally:
        engine.dispose()
