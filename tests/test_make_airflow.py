"""`make airflow` from the operator's side, as the README walks through it: `wirehouse demo
serve` (its printed feed list path must be absolute), then Airflow standalone started exactly
as the Makefile starts it (a temporary AIRFLOW_HOME and a free AIRFLOW_PORT given as Make
variables, that feed list in WIREHOUSE_FEEDS); then the login it printed, the UI and API
answering, both DAGs listed and paused, `make airflow-unpause`, the demo ingest run that
unpausing starts and the asset-scheduled events run following it, and a manual trigger (what
the UI's button does) accepted. Every process group is killed afterwards, passing or failing.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser import stop_process_group
from sqlalchemy import create_engine, text
from waiting import wait_for

REPO = Path(__file__).resolve().parents[1]
# one API request may take long on a busy machine (the scheduler shares its database)
API_TIMEOUT = 120.0
SUBPROCESS_TIMEOUT = 600
BIN = Path(sys.executable).parent
DAG_IDS = {"wirehouse_ingest", "wirehouse_events"}
LOGIN = re.compile(r"^Airflow login: user (\S+)  password (\S+)", re.MULTILINE)

pytestmark = [
    pytest.mark.airflow,
    # hang guards only (this test, and each `make` below): on a loaded 2-core machine starting
    # Airflow alone took over six minutes and `make airflow-login` over two
    pytest.mark.timeout(1800),
    pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Standalone:
    base_url: str
    log: Path
    process: subprocess.Popen[bytes]
    make_args: list[str]
    env: dict[str, str]
    data_dir: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, what: str, check: Callable[[], Any], timeout: float) -> Any:
        """Poll ``check`` until it returns something truthy; fail with the log's tail."""
        return wait_for(what, check, timeout, processes={"make airflow": self.process},
                        diagnostics=lambda: self.output()[-4000:])


def _serve_demo(root: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], Path]:
    """`wirehouse demo serve` as the README starts it (free ports here), and the absolute
    feed list path it prints."""
    log = root / "demo-serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen([str(BIN / "wirehouse"), "demo", "serve", "--port", "0"],
                                   env=env, cwd=root, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)

    def printed() -> re.Match[str] | None:
        return re.search(r"^feed list: (\S+)  \(WIREHOUSE_FEEDS=(\S+) WIREHOUSE_ALLOW_PRIVATE_HOSTS=1\)",
                         log.read_text(errors="replace"), re.MULTILINE)

    try:
        found = wait_for("feed list printed by wirehouse demo serve", printed, 300,
                         processes={"wirehouse demo serve": process},
                         diagnostics=lambda: log.read_text(errors="replace"))
    except BaseException:  # pytest.fail's exception included: the server stops either way
        stop_process_group(process)
        raise
    assert found.group(1) == found.group(2)
    return process, Path(found.group(1))


@pytest.fixture
def standalone(tmp_path: Path) -> Iterator[Standalone]:
    root = tmp_path
    data_dir = root / "data"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "WIREHOUSE_", "MAKE"))}
    # a relative data directory, as the default ./data: the printed feed list is absolute still
    demo, feeds = _serve_demo(root, dict(env, WIREHOUSE_DATA_DIR="data"))
    assert feeds.is_absolute() and feeds == data_dir / "demo-feeds.opml" and feeds.exists()
    env.update(
        WIREHOUSE_FEEDS=str(feeds),
        WIREHOUSE_DATA_DIR=str(data_dir),
        WIREHOUSE_ALLOW_PRIVATE_HOSTS="1",
        WIREHOUSE_HOST_DELAY="0.02",
        WIREHOUSE_AIRFLOW_TASK_RETRIES="0",
        WIREHOUSE_FEED_BATCH_SIZE="100",  # one fetch and one load task: fewer task processes
        # the log servers' fixed default ports (8793, 8794) may be taken by another Airflow
        AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT=str(free_port()),
        AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT=str(free_port()),
    )
    # `-o install`: the venv this test runs in is the installed one (`make test` made it).
    make_args = ["make", "--no-print-directory", "-C", str(REPO), "-o", "install",
                 f"AIRFLOW_HOME={root / 'airflow_home'}", f"AIRFLOW_PORT={port}"]
    log = root / "make-airflow.log"
    try:
        with log.open("wb") as out:
            process = subprocess.Popen([*make_args, "airflow"], env=env, stdout=out,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield Standalone(f"http://127.0.0.1:{port}", log, process, make_args, env, data_dir)
        finally:
            stop_process_group(process)
    finally:
        stop_process_group(demo)


@pytest.fixture
def api(standalone: Standalone) -> Iterator[httpx.Client]:
    """A client signed in with the login `make airflow` printed."""
    found = standalone.wait_for("login line", lambda: LOGIN.search(standalone.output()), 240)
    user, password = found.groups()
    assert user == "admin"

    def healthy() -> bool:
        health = httpx.get(f"{standalone.base_url}/api/v2/monitor/health", timeout=5).json()
        return health["metadatabase"]["status"] == "healthy"

    standalone.wait_for("healthy API server", healthy, 300)
    token = httpx.post(f"{standalone.base_url}/auth/token",
                       json={"username": user, "password": password}, timeout=API_TIMEOUT)
    assert token.status_code == 201, token.text
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    with httpx.Client(base_url=standalone.base_url, headers=headers, timeout=API_TIMEOUT) as client:
        yield client


def _check_login_printed_with_its_file(standalone: Standalone) -> None:
    out = standalone.output()
    assert "FileNotFoundError" not in out
    home = standalone.make_args[-2].removeprefix("AIRFLOW_HOME=")
    assert f"passwords kept in {home}/simple_auth_manager_passwords.json.generated" in out
    assert f"Airflow UI: http://localhost:{standalone.base_url.rsplit(':', 1)[1]}/" in out
    # a second start (here: `make airflow-login`) prints the same login again
    again = subprocess.run([*standalone.make_args, "airflow-login"], env=standalone.env,
                           capture_output=True, text=True, timeout=SUBPROCESS_TIMEOUT, check=False)
    assert again.returncode == 0, again.stderr[-2000:]
    assert LOGIN.search(again.stdout).groups() == LOGIN.search(out).groups()


def _check_ui_answers(standalone: Standalone) -> None:
    page = httpx.get(f"{standalone.base_url}/", timeout=API_TIMEOUT, follow_redirects=True)
    assert page.status_code == 200
    assert "<html" in page.text.lower()


def _dag_ids(api: httpx.Client) -> set[str]:
    response = api.get("/api/v2/dags", params={"limit": 100})
    response.raise_for_status()
    return {dag["dag_id"] for dag in response.json()["dags"]}


def _runs(api: httpx.Client, dag_id: str) -> list[dict[str, Any]]:
    response = api.get(f"/api/v2/dags/{dag_id}/dagRuns")
    response.raise_for_status()
    return response.json()["dag_runs"]


def _finished(api: httpx.Client, dag_id: str, run_id: str | None = None) -> dict[str, Any] | None:
    """The (given or newest) run of ``dag_id`` once it ended; fails when it failed."""
    runs = [r for r in _runs(api, dag_id) if run_id is None or r["dag_run_id"] == run_id]
    if not runs or runs[-1]["state"] not in {"success", "failed"}:
        return None
    run = runs[-1]
    if run["state"] == "failed":
        path = f"/api/v2/dags/{dag_id}/dagRuns/{run['dag_run_id']}/taskInstances"
        tis = api.get(path).json()["task_instances"]
        logs = [
            api.get(f"{path}/{t['task_id']}/logs/{t['try_number']}",
                    params={"map_index": t["map_index"]}, headers={"Accept": "text/plain"}).text[-3000:]
            for t in tis if t["state"] == "failed"
        ]
        pytest.fail(f"{dag_id} run failed: {[(t['task_id'], t['state']) for t in tis]}\n"
                    + "\n".join(logs))
    return run


def _check_demo_run_followed_by_events(standalone: Standalone, api: httpx.Client) -> None:
    standalone.wait_for("both DAGs listed", lambda: DAG_IDS <= _dag_ids(api), 300)
    dags = {d["dag_id"]: d for d in api.get("/api/v2/dags").json()["dags"]}
    assert all(dags[dag_id]["is_paused"] for dag_id in DAG_IDS), "DAGs start paused"
    assert _runs(api, "wirehouse_ingest") == []

    unpause = subprocess.run([*standalone.make_args, "airflow-unpause"], env=standalone.env,
                             capture_output=True, text=True, timeout=SUBPROCESS_TIMEOUT, check=False)
    assert unpause.returncode == 0, unpause.stdout[-2000:] + unpause.stderr[-2000:]
    dags = {d["dag_id"]: d for d in api.get("/api/v2/dags").json()["dags"]}
    assert not any(dags[dag_id]["is_paused"] for dag_id in DAG_IDS)

    # catchup is off: unpausing starts one run, for the most recent 02:00, and no other
    ingest = standalone.wait_for("finished ingest run", lambda: _finished(api, "wirehouse_ingest"), 300)
    assert ingest["run_type"] == "scheduled"
    events = standalone.wait_for("finished events run", lambda: _finished(api, "wirehouse_events"), 240)
    assert events["run_type"] == "asset_triggered"
    assert [r["run_type"] for r in _runs(api, "wirehouse_ingest")] == ["scheduled"]

    engine = create_engine(f"sqlite:///{standalone.data_dir / 'warehouse.db'}")
    try:
        with engine.connect() as conn:
            run = conn.execute(text("SELECT id, status, articles_new FROM runs")).one()
            event_count = conn.execute(text("SELECT COUNT(*) FROM events")).scalar_one()
    finally:
        engine.dispose()
    assert run.id == ingest["dag_run_id"] and run.articles_new > 0
    assert event_count > 0

    # the UI's trigger button: a manual run is accepted and queued behind nothing
    trigger = api.post("/api/v2/dags/wirehouse_ingest/dagRuns", json={"logical_date": None})
    assert trigger.status_code == 200, trigger.text
    assert trigger.json()["run_type"] == "manual"
    assert trigger.json()["state"] in {"queued", "running"}


# One test, not one per step: each step needs the running Airflow, which takes minutes to start,
# and a module-scoped one would be started once per pytest-xdist worker running a step.
def test_make_airflow_from_a_fresh_home(standalone: Standalone, api: httpx.Client) -> None:
    _check_login_printed_with_its_file(standalone)
    _check_ui_answers(standalone)
    _check_demo_run_followed_by_events(standalone, api)
