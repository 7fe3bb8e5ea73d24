"""Everything that needs a running Airflow, against ONE `airflow standalone` (API server,
scheduler, DAG processor, triggerer) started exactly as the README starts it: `wirehouse demo
serve` (its printed feed list path must be absolute), then `make airflow` with a temporary
AIRFLOW_HOME, a free AIRFLOW_PORT and this test's Redis database given as Make variables, that
feed list in WIREHOUSE_FEEDS. Starting Airflow takes minutes on a busy machine, so the checks
share it; the tests run in file order and build on each other (run the module whole):

1. the login printed with its file, and printed again by a second start (`make airflow-login`);
   the UI and API answer;
2. the four DAGs listed and paused, `make airflow-unpause`, the demo ingest run unpausing starts
   and the asset-scheduled events run following it, their warehouse rows;
3. the Wirehouse page in headless Chromium, signed in as a viewer, over the demo run's warehouse
   plus one event whose title carries a ``<script>`` tag, a quarantined page, WebSub
   subscriptions in every state, a day of pushes (tests/push_history.py) and two more runs in
   Airflow (one failed after retries; tests/wirehouse_page.py); every figure on the page is
   compared with what the test reads from the warehouse or Airflow's metadata DB; the WebSub
   callback the plugin mounts is called as a hub would, without signing in. The scheduled DAGs
   are paused meanwhile, so nothing changes the data under the page. Screenshots land in test-artifacts/
   (wirehouse-page.png, wirehouse-push.png, wirehouse-in-airflow.png);
4. the push path with the triggerer: once the watcher of ``wirehouse://push`` listens on this
   test's Redis channel, an article URL submitted as other systems do (`wirehouse push`) is
   stored in the outbox and announced on Redis; the triggerer turns the message into an asset
   event, ``wirehouse_push`` runs on it ("asset triggered"), drains the outbox and the article
   row appears. The sweep is set to a day, so only the message can start that run. A drain
   takes one row at most here (WIREHOUSE_PUSH_DRAIN_MAX_ROWS=1): two rows announced by one
   message take two runs, the second scheduled by the ``wirehouse://push`` event of the first;
5. a manual trigger (what the UI's button does) accepted.

Every process group is killed afterwards, passing or failing.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from browser import CHROMIUM, Browser, Page, chromium, stop_process_group
from faultserver import FaultServer, Reply, free_port
from push_history import add_push_history
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session
from waiting import PORT_ATTEMPTS, TRANSIENT, PortTakenError, wait_for
from websub_hub import article_page
from wirehouse_page import (
    AIRFLOW_EVENTS_RUN,
    AIRFLOW_INGEST_RUN,
    DAYS,
    READ_PAGE,
    SCRIPT_TITLE,
    add_airflow_runs,
    add_quarantine_and_airflow_record,
    add_script_event,
    expected_events,
    expected_trends,
    page_clock,
    when,
)

from load import db
from load import websub as websub_state
from load.db import make_engine
from load.models import (
    Article,
    ArticleUrl,
    PushOutbox,
    QuarantinedRecord,
    Run,
    WebSubSubscription,
)
from transform.websub import sign
from wirehouse import push
from wirehouse.settings import load_settings
from wirehouse.wording import counted

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ARTIFACTS = REPO / "test-artifacts"
# one API request may take long on a busy machine (the scheduler shares its database)
API_TIMEOUT = 120.0
SUBPROCESS_TIMEOUT = 600
DAG_IDS = ("wirehouse_ingest", "wirehouse_events", "wirehouse_push", "wirehouse_websub")
LOGIN = re.compile(r"^Airflow login: user (\S+)  password (\S+)", re.MULTILINE)
VIEWER = "e2e"  # the page is looked at as a viewer (besides Airflow's admin)
WEBHOOK_SECRET = "T00/B00/hook-secret-token"
# the Redis of the push watcher (Airflow connection redis_default), a channel of this test's own
REDIS_URL = "redis://127.0.0.1:6379/11"

pytestmark = [
    pytest.mark.airflow,
    # hang guards only (each test, the first paying for Airflow's start, and each `make`
    # below): on a loaded 2-core machine starting Airflow alone took over six minutes and
    # `make airflow-login` over two
    pytest.mark.timeout(1800),
    pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make"),
]


@dataclass
class Standalone:
    base_url: str
    home: Path
    log: Path
    process: subprocess.Popen[bytes]
    make_args: list[str]
    env: dict[str, str]
    data_dir: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, what: str, check: Callable[[], Any], timeout: float,
                 starting: bool = False) -> Any:
        """Poll ``check`` until it returns something truthy; fail with the log's tail.
        ``starting``: a part saying its port was taken raises PortTakenError (the API server
        dies of it; the triggerer's log server too, the triggerer itself going on)."""
        return wait_for(what, check, timeout, processes={"make airflow": self.process},
                        diagnostics=lambda: self.output()[-6000:],
                        # sqlite3: Airflow's tables not made yet, or locked a while
                        transient=(*TRANSIENT, sqlite3.OperationalError),
                        logs=self.output if starting else None)

    def wait_until_serving(self) -> None:
        """Until the API server answers healthy (PortTakenError when a port was taken)."""
        # one client polls: a new one per request (httpx.get) costs 40 ms CPU for its TLS
        # context, 2 Hz of that for the minutes Airflow takes to start on a busy machine
        with httpx.Client(base_url=self.base_url, timeout=API_TIMEOUT) as client:
            def healthy() -> bool:
                health = client.get("/api/v2/monitor/health", timeout=60).json()
                return health["metadatabase"]["status"] == "healthy"

            self.wait_for("healthy API server", healthy, 900, starting=True)

    def query(self, sql: str, *args: object) -> list[tuple[Any, ...]]:
        """Rows of Airflow's metadata DB (SQLite, read-only)."""
        with sqlite3.connect(f"file:{self.home / 'airflow.db'}?mode=ro", uri=True,
                             timeout=30) as conn:
            return conn.execute(sql, args).fetchall()

    def warehouse(self) -> Engine:
        return make_engine(f"sqlite:///{self.data_dir / 'warehouse.db'}")


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


def _make_airflow(root: Path, env: dict[str, str], data_dir: Path, attempt: int) -> Standalone:
    """`make airflow` started as the README says, on ports free when chosen (they may be taken
    before Airflow binds them: see the ``standalone`` fixture), AIRFLOW_HOME and log new."""
    port = free_port()
    env = dict(
        env,
        # the log servers' fixed default ports (8793, 8794) may be taken by another Airflow
        AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT=str(free_port()),
        AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT=str(free_port()),
    )
    # `-o install`: the venv this test runs in is the installed one (`make test` made it).
    home = root / ("airflow_home" if attempt == 1 else f"airflow_home{attempt}")
    make_args = ["make", "--no-print-directory", "-C", str(REPO), "-o", "install",
                 f"AIRFLOW_HOME={home}", f"AIRFLOW_PORT={port}", f"AIRFLOW_REDIS_URL={REDIS_URL}"]
    log = root / ("make-airflow.log" if attempt == 1 else f"make-airflow{attempt}.log")
    with log.open("wb") as out:
        process = subprocess.Popen([*make_args, "airflow"], env=env, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    return Standalone(f"http://127.0.0.1:{port}", home, log, process, make_args, env, data_dir)


@pytest.fixture(scope="module")
def standalone(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Standalone]:
    """`make airflow`, its API server answering. Started again (a fresh AIRFLOW_HOME, other
    ports) when a part says its port was taken meanwhile, at most PORT_ATTEMPTS times."""
    root = tmp_path_factory.mktemp("make_airflow")
    data_dir = root / "data"
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
        # alerts on: the page shows where they go (no task fails here, so none is posted)
        WIREHOUSE_ALERT_WEBHOOK_URL=f"https://alerts.example/services/{WEBHOOK_SECRET}",
        # the push watcher's channel, of this test's own; only a message starts wirehouse_push
        WIREHOUSE_PUSH_REDIS_CHANNEL=f"pushdag.e2e.{secrets.token_hex(4)}",
        WIREHOUSE_PUSH_SWEEP_INTERVAL="86400",
        # one outbox row per drain: a drain that left rows asks for the next run (part 4)
        WIREHOUSE_PUSH_DRAIN_MAX_ROWS="1",
        # a viewer to look at the page as, besides the admin `make airflow` prints by default
        AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS=f"admin:admin,{VIEWER}:viewer",
    )
    try:
        for attempt in range(1, PORT_ATTEMPTS + 1):
            started = _make_airflow(root, env, data_dir, attempt)
            try:
                started.wait_until_serving()
                break
            except BaseException as exc:  # pytest.fail's too: no Airflow is left running
                _stop_airflow(started)
                if not isinstance(exc, PortTakenError) or attempt == PORT_ATTEMPTS:
                    raise
        try:
            yield started
        finally:
            _stop_airflow(started)
    finally:
        stop_process_group(demo)


def _stop_airflow(started: Standalone) -> None:
    """Stop `make airflow`, then kill whatever of its Airflow is left. standalone runs in a
    process group of its own (wirehouse/airflow_standalone.py), which SIGKILL to make's group
    after the grace does not reach: on a loaded machine standalone stopped slower than that,
    and it ran on after the suite, holding its ports."""
    stop_process_group(started.process)
    marker = f"AIRFLOW_HOME={started.home}".encode()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if marker in (proc / "environ").read_bytes().split(b"\0"):
                os.killpg(os.getpgid(int(proc.name)), signal.SIGKILL)
        except (OSError, ProcessLookupError):
            continue  # ended meanwhile, or not ours to read


def _token(standalone: Standalone, user: str) -> str:
    """A JWT for ``user``, whose password `make airflow` printed."""
    logins = dict(LOGIN.findall(standalone.output()))
    response = httpx.post(f"{standalone.base_url}/auth/token",
                          json={"username": user, "password": logins[user]}, timeout=API_TIMEOUT)
    assert response.status_code == 201, response.text
    return response.json()["access_token"]


@pytest.fixture(scope="module")
def api(standalone: Standalone) -> Iterator[httpx.Client]:
    """A client signed in as the admin, with the login `make airflow` printed."""
    found = standalone.wait_for("login line", lambda: LOGIN.search(standalone.output()), 240)
    assert found.group(1) == "admin"
    with httpx.Client(base_url=standalone.base_url, timeout=API_TIMEOUT) as client:
        client.headers["Authorization"] = f"Bearer {_token(standalone, 'admin')}"
        yield client


def _dags(api: httpx.Client) -> dict[str, dict[str, Any]]:
    response = api.get("/api/v2/dags", params={"limit": 100})
    response.raise_for_status()
    return {dag["dag_id"]: dag for dag in response.json()["dags"]}


def _set_paused(api: httpx.Client, dag_id: str, paused: bool) -> None:
    """What the DAG's toggle in the UI does."""
    api.patch(f"/api/v2/dags/{dag_id}", json={"is_paused": paused}).raise_for_status()


def _pause_with_no_run_left(standalone: Standalone, api: httpx.Client,
                            dag_ids: tuple[str, ...]) -> None:
    """Pause ``dag_ids`` with no run of theirs left running or queued. The scheduler examines no
    paused DAG's runs, so a run begun just before its DAG was paused never ends: wirehouse_websub's
    hourly tick, landing as a suite crossed the hour, kept one running for good. A DAG with such
    a run is let on until the run ends, then paused again."""
    for dag_id in dag_ids:
        _set_paused(api, dag_id, True)
    while busy := _dags_with_runs_under_way(standalone, dag_ids):
        for dag_id in busy:
            _set_paused(api, dag_id, False)
        standalone.wait_for(f"the runs of {', '.join(busy)} ended",
                            lambda: not _dags_with_runs_under_way(standalone, busy), 600)
        for dag_id in busy:
            _set_paused(api, dag_id, True)


def _dags_with_runs_under_way(standalone: Standalone, dag_ids: tuple[str, ...]) -> tuple[str, ...]:
    """Which of ``dag_ids`` have a run running or queued, read from the metadata DB."""
    marks = ", ".join("?" * len(dag_ids))
    rows = standalone.query("SELECT DISTINCT dag_id FROM dag_run WHERE state IN ('running', "
                            f"'queued') AND dag_id IN ({marks}) ORDER BY dag_id", *dag_ids)
    return tuple(dag_id for (dag_id,) in rows)


def _runs(api: httpx.Client, dag_id: str) -> list[dict[str, Any]]:
    response = api.get(f"/api/v2/dags/{dag_id}/dagRuns")
    response.raise_for_status()
    return response.json()["dag_runs"]


def _ended(standalone: Standalone, dag_id: str) -> bool:
    """Whether the newest run of ``dag_id`` ended, read from the metadata DB: far cheaper to poll
    than the API server, which the tasks need meanwhile."""
    rows = standalone.query("SELECT state FROM dag_run WHERE dag_id = ? ORDER BY id DESC LIMIT 1",
                            dag_id)
    return bool(rows) and rows[0][0] in {"success", "failed"}


def _finished(standalone: Standalone, api: httpx.Client, dag_id: str) -> dict[str, Any]:
    """The newest run of ``dag_id`` as the API shows it, once it ended; fails when it failed."""
    standalone.wait_for(f"a finished {dag_id} run", lambda: _ended(standalone, dag_id), 600)
    runs = _runs(api, dag_id)
    assert runs and runs[-1]["state"] in {"success", "failed"}, runs
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


# --- 1. the login, every start, and the UI ----------------------------------------------------


def test_make_airflow_prints_the_login_every_start_and_the_ui_answers(
    standalone: Standalone, api: httpx.Client
) -> None:
    out = standalone.output()
    assert "FileNotFoundError" not in out
    assert f"passwords kept in {standalone.home}/simple_auth_manager_passwords.json.generated" in out
    assert f"Airflow UI: http://localhost:{standalone.base_url.rsplit(':', 1)[1]}/" in out
    logins = LOGIN.findall(out)
    assert [user for user, _ in logins] == ["admin", VIEWER]
    # a second start (here: `make airflow-login`) prints the same logins again
    again = subprocess.run([*standalone.make_args, "airflow-login"], env=standalone.env,
                           capture_output=True, text=True, timeout=SUBPROCESS_TIMEOUT, check=False)
    assert again.returncode == 0, again.stderr[-2000:]
    assert LOGIN.findall(again.stdout) == logins

    page = httpx.get(f"{standalone.base_url}/", timeout=API_TIMEOUT, follow_redirects=True)
    assert page.status_code == 200
    assert "<html" in page.text.lower()


# --- 2. the DAGs, paused, and the demo chain unpausing starts --------------------------------


def test_the_dags_start_paused_and_unpausing_runs_the_demo_chain(
    standalone: Standalone, api: httpx.Client
) -> None:
    standalone.wait_for("the four DAGs parsed", lambda: set(DAG_IDS) <= {
        dag_id for (dag_id,) in standalone.query("SELECT dag_id FROM dag")}, 600)
    standalone.wait_for("the four DAGs listed", lambda: set(DAG_IDS) <= set(_dags(api)), 600)
    dags = _dags(api)
    assert all(dags[dag_id]["is_paused"] for dag_id in DAG_IDS), "DAGs start paused"
    assert _runs(api, "wirehouse_ingest") == []

    unpaused_at = datetime.now(UTC)
    unpause = subprocess.run([*standalone.make_args, "airflow-unpause"], env=standalone.env,
                             capture_output=True, text=True, timeout=SUBPROCESS_TIMEOUT, check=False)
    assert unpause.returncode == 0, unpause.stdout[-2000:] + unpause.stderr[-2000:]
    dags = _dags(api)
    assert not any(dags[dag_id]["is_paused"] for dag_id in DAG_IDS)

    # catchup is off: unpausing starts one run, for the most recent 02:00, and no other but
    # one per 02:00 the clock has passed since (a test run that straddles 02:00 UTC sees two)
    ingest = _finished(standalone, api, "wirehouse_ingest")
    assert ingest["run_type"] == "scheduled"
    events = _finished(standalone, api, "wirehouse_events")
    assert events["run_type"] == "asset_triggered"
    ticks_before = _nightly_ticks_between(unpaused_at, datetime.now(UTC))
    runs = _runs(api, "wirehouse_ingest")
    ticks_after = _nightly_ticks_between(unpaused_at, datetime.now(UTC))
    assert {r["run_type"] for r in runs} == {"scheduled"}, runs
    assert 1 + ticks_before <= len(runs) <= 1 + ticks_after, runs
    first = runs[0]
    assert first["state"] == "success", runs

    engine = standalone.warehouse()
    try:
        with engine.connect() as conn:
            run = conn.execute(text("SELECT id, status, articles_new FROM runs WHERE id = :id"),
                               {"id": first["dag_run_id"]}).one()
            event_count = conn.execute(text("SELECT COUNT(*) FROM events")).scalar_one()
    finally:
        engine.dispose()
    assert run.articles_new > 0
    assert event_count > 0


def _nightly_ticks_between(start: datetime, end: datetime) -> int:
    """How many of wirehouse_ingest's 02:00 UTC ticks fall after ``start`` and by ``end``."""
    tick = start.replace(hour=2, minute=0, second=0, microsecond=0)
    if tick <= start:
        tick += timedelta(days=1)
    return 0 if tick > end else (end - tick).days + 1


# --- 3. the Wirehouse page in Chromium -------------------------------------------------------


@dataclass(frozen=True)
class Stack:
    base_url: str  # http://127.0.0.1:<port>
    token: str  # a SimpleAuthManager JWT for VIEWER
    warehouse: Engine
    airflow: Standalone


@pytest.fixture(scope="module")
def stack(standalone: Standalone, api: httpx.Client) -> Iterator[Stack]:
    """The page's data added to the demo run's warehouse and to Airflow's metadata, with the
    scheduled DAGs paused first (and no run left running), so nothing changes them while they
    are compared with the page. wirehouse_push stays on: only a Redis message starts it here
    (the sweep is a day; the callback publishes nothing without WIREHOUSE_PUSH_REDIS_URL), and
    pausing it would restart the watcher the push test waits for."""
    _pause_with_no_run_left(standalone, api,
                            ("wirehouse_ingest", "wirehouse_events", "wirehouse_websub"))
    standalone.wait_for("no wirehouse run running", lambda: not standalone.query(
        "SELECT run_id FROM dag_run WHERE dag_id LIKE 'wirehouse%' AND state = 'running'"), 600)
    now = datetime.now(UTC)
    add_airflow_runs(standalone.home / "airflow.db", now)
    engine = standalone.warehouse()
    try:
        add_script_event(engine, now)
        add_quarantine_and_airflow_record(engine, now)
        add_push_history(engine, now)
        yield Stack(standalone.base_url, _token(standalone, VIEWER), engine, standalone)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, stack: Stack) -> Iterator[Browser]:
    """Depends on ``stack`` so that it closes first."""
    if not CHROMIUM.exists():
        if not os.environ.get("CI"):
            pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium chromium-driver); "
                        "under CI this test runs regardless")
        pytest.fail(f"{CHROMIUM} is missing under CI: .ci/run installs chromium with apt-get")
    with chromium(tmp_path_factory.mktemp("chromium") / "profile") as running:
        yield running


def _signed_in_page(browser: Browser, stack: Stack) -> Page:
    page = browser.new_page()
    page.set_cookie(f"{stack.base_url}/", "_token", stack.token)
    return page


def test_the_page_shows_the_warehouse_and_airflow_figures(browser: Browser, stack: Stack) -> None:
    page = _signed_in_page(browser, stack)
    page.goto(f"{stack.base_url}/wirehouse/")
    shown = page.evaluate(READ_PAGE)
    page.screenshot(ARTIFACTS / "wirehouse-page.png")

    now = page_clock(shown)  # the window is the server's
    with Session(stack.warehouse) as s:
        run = s.scalars(select(Run).order_by(Run.started_at.desc()).limit(1)).one()
        records = {record.id: record for record in s.scalars(select(Run))}
        total = s.scalar(select(func.count()).select_from(Article))
        duplicates = s.scalar(
            select(func.count()).select_from(Article).where(Article.duplicate_of_id.is_not(None)))
        events = expected_events(s, now)
        # the server's clock has the seconds the page does not print: an event leaving the
        # window within that minute may or may not be shown yet
        events_a_minute_on = expected_events(s, now + timedelta(minutes=1))
        trends = expected_trends(s, now)
        feeds = s.execute(text("SELECT url, state, consecutive_failures, entry_count FROM feed_health")).all()
        quarantined = s.scalar(select(func.count()).select_from(QuarantinedRecord))
    airflow_record = records[AIRFLOW_INGEST_RUN]

    # the last warehouse run (the demo run), as cards
    assert shown["cards"]["run"] == run.id and shown["cards"]["status"] == run.status
    assert shown["cards"]["pages fetched"] == str(run.pages_fetched)

    # Airflow's runs (read by the API server from its metadata DB), newest first: the demo
    # chain's and the two added, each beside its warehouse record
    runs = shown["tables"]["airflow-runs"]
    in_airflow = stack.airflow.query(
        "SELECT dag_id, run_id, state FROM dag_run WHERE dag_id LIKE 'wirehouse%' "
        "ORDER BY run_after DESC, id DESC LIMIT 20")
    assert [(row[0], row[1].split("\n")[0], row[2]) for row in runs] == in_airflow
    for row in runs:
        record = records.get(row[1].split("\n")[0])
        assert row[8] == "no record" if record is None else row[8].startswith(record.status)
    by_id = {row[1].split("\n")[0]: row for row in runs}
    assert by_id[run.id][8].split("\n")[1] == (
        f"{counted(run.articles_new, 'new article')}, {counted(run.feeds_failed, 'feed')} failed")
    ingest_run, events_run = by_id[AIRFLOW_INGEST_RUN], by_id[AIRFLOW_EVENTS_RUN]
    assert ingest_run[0] == "wirehouse_ingest" and ingest_run[2] == "failed"
    assert ingest_run[4] == "12 min" and ingest_run[5] == "4 tasks, 7 tries"
    assert ingest_run[6] == "fetch[1] try 2/3, finish try 3/3" and ingest_run[7] == "finish try 3/3"
    assert ingest_run[8].startswith("failed") and airflow_record.status == "failed"
    assert airflow_record.error in ingest_run[8]
    assert events_run[0] == "wirehouse_events"
    assert events_run[2] == "success" and events_run[8] == "no record"
    # links in the form Airflow's own TaskInstance.log_url gives them
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
    assert shown["tables"]["events"] in (events, events_a_minute_on)


def test_the_page_shows_the_push_subscriptions(browser: Browser, stack: Stack) -> None:
    page = _signed_in_page(browser, stack)
    page.goto(f"{stack.base_url}/wirehouse/")
    shown = page.evaluate(READ_PAGE)
    page.screenshot_element("#push", ARTIFACTS / "wirehouse-push.png")
    now = page_clock(shown)
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
        assert lease == when(sub.lease_expires_at) and last_push == when(sub.last_push_at)
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
    unasked = httpx.get(callback, params={**verify, "hub.topic": "https://other.example/"}, timeout=API_TIMEOUT)
    assert unasked.status_code == 404
    answer = httpx.get(callback, params=verify, timeout=API_TIMEOUT)
    assert (answer.status_code, answer.text) == (200, "e2e-challenge")
    body = b"<rss version='2.0'><channel><title>t</title></channel></rss>"
    assert httpx.post(callback, content=body, timeout=API_TIMEOUT,
                      headers={"X-Hub-Signature": "sha256=" + "0" * 64}).status_code == 202
    signed = httpx.post(callback, content=body, timeout=API_TIMEOUT,
                        headers={"X-Hub-Signature": sign(secret, body, "sha256")})
    assert signed.status_code == 202
    with Session(stack.warehouse) as s:
        assert s.get(WebSubSubscription, sub_id).state == "verified"
        rows = s.scalars(select(PushOutbox).where(PushOutbox.subscription_id == sub_id)).all()
    assert [(r.kind, r.state) for r in rows] == [("fat", "received")]  # the unsigned one discarded
    assert httpx.get(f"{stack.base_url}/wirehouse/", timeout=API_TIMEOUT).status_code == 401


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
        timeout=180,
    )
    assert heading.endswith("/wirehouse/ Wirehouse")
    nav_links = page.evaluate("[...document.querySelectorAll('a[href$=\"/plugin/wirehouse\"]')]"
                              ".map((a) => a.textContent.trim())")
    assert "Wirehouse" in nav_links  # the navigation entry of external_views
    page.screenshot(ARTIFACTS / "wirehouse-in-airflow.png")


# --- 4. the push path through the triggerer ---------------------------------------------------


def _push_runs(standalone: Standalone) -> list[tuple[str, str, str]]:
    return standalone.query("SELECT run_id, run_type, state FROM dag_run WHERE dag_id = ? "
                            "ORDER BY id", "wirehouse_push")


def _push_watcher_idle(standalone: Standalone, redis_client: Any, channel: str) -> set[str]:
    """Wait until the triggerer's watcher listens on ``channel`` and no wirehouse_push run is
    in progress (unpausing may start one sweep run at once), so that only what the test sends
    starts a run; returns the ids of the runs so far."""
    standalone.wait_for(f"a subscriber on {channel}",
                        lambda: dict(redis_client.pubsub_numsub(channel)).get(channel.encode()), 600)
    standalone.wait_for("no wirehouse_push run in progress", lambda: all(
        state in {"success", "failed"} for _r, _t, state in _push_runs(standalone)) or None, 600)
    return {run_id for run_id, _t, _s in _push_runs(standalone)}


def _push_events(standalone: Standalone, run_id: str) -> list[str]:
    return sorted(uri.rstrip("/") for (uri,) in standalone.query(
        "SELECT a.uri FROM asset_event e JOIN asset a ON a.id = e.asset_id "
        "WHERE e.source_dag_id = ? AND e.source_run_id = ?", "wirehouse_push", run_id))


def test_a_drain_that_left_rows_is_followed_by_the_next_run(
    standalone: Standalone, redis_client_at: Callable[[str], Any], site: FaultServer,
) -> None:
    redis_client = redis_client_at(REDIS_URL)
    channel = standalone.env["WIREHOUSE_PUSH_REDIS_CHANNEL"]
    before = _push_watcher_idle(standalone, redis_client, channel)
    pages = [site.url(f"/b/ferry-{n}.html") for n in range(2)]
    for n in range(2):
        site.route(f"/b/ferry-{n}.html", Reply(200, body=article_page(f"Ferry timetable {n}")))
    # queued without announcing them (no WIREHOUSE_PUSH_REDIS_URL), then one message for both
    wirehouse_env = {k: v for k, v in standalone.env.items() if k.startswith("WIREHOUSE_")}
    settings = load_settings(env=wirehouse_env)
    engine = make_engine(settings.warehouse_url)
    try:
        # the page's push history (part 3) left outbox rows no drain finished: set aside, so
        # the outbox holds this part's rows only
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM push_outbox WHERE state <> 'done'"))
        ids = push.submit_urls(engine, settings, pages)
        assert redis_client.publish(channel, json.dumps({"outbox_id": ids[0], "kind": "url"})) == 1

        def two_runs() -> list[tuple[str, str, str]] | None:
            new = [r for r in _push_runs(standalone) if r[0] not in before]
            finished = [r for r in new if r[2] in {"success", "failed"}]
            return new if len(finished) >= 2 and len(finished) == len(new) else None

        runs = standalone.wait_for("two wirehouse_push runs", two_runs, 600)
        assert [(run_type, state) for _r, run_type, state in runs] == [
            ("asset_triggered", "success")] * 2, standalone.output()[-6000:]
        assert _push_events(standalone, runs[0][0]) == ["wirehouse://articles", "wirehouse://push"]
        assert _push_events(standalone, runs[1][0]) == ["wirehouse://articles"]  # none left
        with Session(engine) as session:
            rows = session.scalars(select(PushOutbox).where(PushOutbox.id.in_(ids))).all()
            assert [(r.state, r.attempts) for r in rows] == [("done", 1)] * 2
    finally:
        engine.dispose()


def test_a_redis_message_runs_wirehouse_push_and_loads_the_article(
    standalone: Standalone, redis_client_at: Callable[[str], Any], site: FaultServer,
) -> None:
    redis_client = redis_client_at(REDIS_URL)
    channel = standalone.env["WIREHOUSE_PUSH_REDIS_CHANNEL"]
    before = _push_watcher_idle(standalone, redis_client, channel)

    page = site.url("/a/ferry.html")
    site.route("/a/ferry.html", Reply(200, body=article_page("Ferry resumes")))
    # `wirehouse push` as other systems run it: the standalone's settings, announcing on Redis
    wirehouse_env = {k: v for k, v in standalone.env.items() if k.startswith("WIREHOUSE_")}
    settings = load_settings(env=dict(wirehouse_env, WIREHOUSE_PUSH_REDIS_URL=REDIS_URL))
    engine = make_engine(settings.warehouse_url)
    try:
        [row_id] = push.submit_urls(engine, settings, [page])  # outbox row, then the message

        def asset_run() -> tuple[str, str, str] | None:
            new = [r for r in _push_runs(standalone)
                   if r[0] not in before and r[1] == "asset_triggered"]
            return new[-1] if new and new[-1][2] in {"success", "failed"} else None

        run_id, _type, state = standalone.wait_for("an asset-triggered wirehouse_push run",
                                                   asset_run, 600)
        tasks = dict(standalone.query("SELECT task_id, state FROM task_instance WHERE dag_id = ? "
                                      "AND run_id = ?", "wirehouse_push", run_id))
        assert (state, tasks) == ("success", {"drain": "success"}), standalone.output()[-6000:]
        events = standalone.query("SELECT a.uri FROM asset_event e JOIN asset a ON a.id = e.asset_id "
                                  "WHERE e.source_dag_id = ? AND e.source_run_id = ?",
                                  "wirehouse_push", run_id)
        # Airflow stores the URI normalized, with a slash after the host part
        assert [uri.rstrip("/") for (uri,) in events] == ["wirehouse://articles"]
        with Session(engine) as session:
            assert page in set(session.scalars(select(ArticleUrl.url)))
            assert session.get(PushOutbox, row_id).state == "done"
    finally:
        engine.dispose()


# --- 5. the UI's trigger button ---------------------------------------------------------------


def test_the_trigger_button_queues_a_manual_run(api: httpx.Client) -> None:
    _set_paused(api, "wirehouse_ingest", False)
    trigger = api.post("/api/v2/dags/wirehouse_ingest/dagRuns", json={"logical_date": None})
    assert trigger.status_code == 200, trigger.text
    assert trigger.json()["run_type"] == "manual"
    assert trigger.json()["state"] in {"queued", "running"}
