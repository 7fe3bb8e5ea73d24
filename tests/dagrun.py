"""Running the DAGs under Airflow in subprocesses, shared by the test_dags*.py modules: each
subprocess gets its own AIRFLOW_HOME, so the metadata DB and config never leak into (or from)
the test process; ``dag_test`` runs DAGs in one long-lived subprocess per AIRFLOW_HOME; and a
loopback webhook receiver that records the alerts posted to it.
"""

from __future__ import annotations

import atexit
import collections
import fcntl
import itertools
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DAGS = REPO / "dags"
BIN = Path(sys.executable).parent
# Hang guards only: an Airflow subprocess (or the runner's start, or one request to it) takes
# up to about a minute on an idle machine, several times that on a loaded one, which must not
# fail a test (pyproject's default per test is 300 s).
SUBPROCESS_TIMEOUT = 840
# A test's own limit never comes before its steps' (a total would be a speed requirement): the
# first Airflow test of a worker waits for the metadata DB's migration, the runner's start and
# its request, each under SUBPROCESS_TIMEOUT.
TEST_TIMEOUT = 3 * SUBPROCESS_TIMEOUT + 60


# --- a loopback webhook receiver -------------------------------------------------------------


class Receiver(ThreadingHTTPServer):
    def __init__(self, status: int) -> None:
        super().__init__(("127.0.0.1", 0), ReceiverHandler)
        self.status = status
        self.posts: list[dict] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook"


class ReceiverHandler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.posts.append(
            {"path": self.path, "type": self.headers["Content-Type"], "json": json.loads(body)}
        )
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def serve_webhook(status: int) -> Iterator[Receiver]:
    """A receiver answering ``status`` to every POST, served on a thread until closed."""
    server = Receiver(status)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


# --- Airflow itself, in subprocesses -----------------------------------------------------------


def airflow_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "WIREHOUSE_"))}
    env.update(
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__DAGS_FOLDER=str(DAGS),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__CORE__UNIT_TEST_MODE="False",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    env.update(extra)
    return env


def run_airflow(
    args: list[str], env: dict[str, str], timeout: float = SUBPROCESS_TIMEOUT
) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, check=False, env=env, cwd=env["AIRFLOW_HOME"], capture_output=True, text=True,
        timeout=timeout,
    )


def migrated_airflow_home(home: Path, shared: Path | None = None) -> Path:
    """``home`` as an AIRFLOW_HOME with a migrated SQLite metadata DB.

    On an empty DB ``airflow db migrate`` creates the tables from the models and stamps the
    head revision (no migration replay), which is the cheapest correct setup, yet a whole
    Airflow start-up. With ``shared`` (a directory all pytest-xdist workers see) that happens
    once per session: the first worker migrates a template there, under a file lock, and every
    worker copies its file.
    """
    home.mkdir(parents=True, exist_ok=True)
    if shared is None:
        done = run_airflow([str(BIN / "airflow"), "db", "migrate"], airflow_env(home))
        assert done.returncode == 0, done.stderr[-3000:]
        return home
    template = shared / "airflow_home_template"
    shared.mkdir(parents=True, exist_ok=True)
    with (shared / "airflow_home_template.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (template / "airflow.db").exists():
            building = migrated_airflow_home(shared / f"airflow_home_building_{os.getpid()}")
            building.rename(template)  # only a completely migrated template is ever seen
    for part in template.glob("airflow.db*"):  # with its WAL, should SQLite have left one
        shutil.copyfile(part, home / part.name)
    return home


def last_json_line(stdout: str, marker: str) -> object:
    for line in reversed(stdout.splitlines()):
        if line.startswith(marker):
            return json.loads(line[len(marker):])
    raise AssertionError(f"no {marker!r} line in output:\n{stdout[-3000:]}")


# The runner: one Python process per AIRFLOW_HOME (so per pytest process: the session's
# ``airflow_home``) that imports Airflow and the pipeline once and then runs each request's DAGs
# with ``dag.test()``, which runs the tasks in that process. Importing Airflow, parsing the DAG
# files cold and building the in-process execution API cost far more CPU than a small run itself.
# Each request gets a fresh environment (the runner's own plus the request's variables, as a new
# process would) and parses the DAG folder again under it, since the DAG files read the
# WIREHOUSE_* settings when parsed.
DAG_RUNNER = """
import json, os, sys, traceback
from sqlalchemy import select
from airflow.dag_processing.dagbag import DagBag
from airflow.models.asset import AssetEvent, AssetModel
from airflow.models.taskinstance import TaskInstance
from airflow.utils.session import create_session

BASE_ENV = dict(os.environ)


def run_dags(dag_ids):
    bag = DagBag(dag_folder=sys.argv[1])
    assert not bag.import_errors, bag.import_errors
    out = []
    for dag_id in dag_ids:
        run = bag.dags[dag_id].test()
        with create_session() as session:
            tis = session.scalars(select(TaskInstance).where(
                TaskInstance.dag_id == dag_id, TaskInstance.run_id == run.run_id)).all()
            out.append({
                "dag_id": dag_id,
                "state": str(getattr(run.state, "value", run.state)),
                "run_id": run.run_id,
                "tasks": sorted(
                    [t.task_id, t.map_index, str(getattr(t.state, "value", t.state)),
                     t.rendered_map_index]
                    for t in tis
                ),
                "tries": {t.task_id: t.try_number for t in tis if t.map_index < 1},
                # Airflow stores an asset URI normalized, with a slash after the host part
                "events": [[uri.rstrip("/"), extra] for uri, extra in session.execute(
                    select(AssetModel.uri, AssetEvent.extra)
                    .join(AssetModel, AssetModel.id == AssetEvent.asset_id)
                    .where(AssetEvent.source_dag_id == dag_id,
                           AssetEvent.source_run_id == run.run_id))],
            })
    return out


print("READY", flush=True)
for line in sys.stdin:
    request = json.loads(line)
    os.environ.clear()
    os.environ.update(BASE_ENV, **request["env"])
    try:
        reply = {"id": request["id"], "result": run_dags(request["dag_ids"])}
    except BaseException:
        reply = {"id": request["id"], "error": traceback.format_exc()}
    print("REPLY " + json.dumps(reply, default=str), flush=True)
"""


class DagRunnerError(AssertionError):
    """The runner failed a request, died, or did not answer within SUBPROCESS_TIMEOUT."""


class DagRunner:
    """A running :data:`DAG_RUNNER` process on one AIRFLOW_HOME, answering one request at a
    time (callers on several threads queue on a lock). Its output (Airflow's logs and the
    replies) is read by a thread, so the process never blocks on a full pipe."""

    def __init__(self, home: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", DAG_RUNNER, str(DAGS)], env=airflow_env(home), cwd=home,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.output: collections.deque[str] = collections.deque(maxlen=200)
        self.lock = threading.Lock()
        self.requests = itertools.count()
        threading.Thread(target=self._read, daemon=True).start()
        self._next_line_starting("READY")

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)  # end of output: the process exited

    def _next_line_starting(self, marker: str) -> str:
        deadline = time.monotonic() + SUBPROCESS_TIMEOUT
        while True:
            try:
                line = self.lines.get(timeout=max(deadline - time.monotonic(), 0))
            except queue.Empty:
                self.process.kill()
                raise DagRunnerError(f"no {marker!r} within {SUBPROCESS_TIMEOUT} s:\n"
                                     + "".join(self.output)[-5000:]) from None
            if line is None:
                raise DagRunnerError(f"the runner exited ({self.process.wait()}):\n"
                                     + "".join(self.output)[-5000:])
            self.output.append(line)
            if line.startswith(marker):
                return line[len(marker):]

    def run(self, dag_ids: list[str], env: dict[str, str]) -> list[dict]:
        with self.lock:
            self.output.clear()
            request_id = next(self.requests)
            self.process.stdin.write(
                json.dumps({"id": request_id, "dag_ids": dag_ids, "env": env}) + "\n")
            self.process.stdin.flush()
            while True:  # a reply to an earlier request whose caller gave up is skipped
                reply = json.loads(self._next_line_starting("REPLY "))
                if reply["id"] == request_id:
                    break
            if "error" in reply:
                raise DagRunnerError(reply["error"] + "".join(self.output)[-5000:])
            return reply["result"]

    def close(self) -> None:
        """End of input: the runner exits after its current request."""
        self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_runners: dict[Path, DagRunner] = {}
_runners_lock = threading.Lock()


def dag_runner(airflow_home: Path) -> DagRunner:
    """The runner on ``airflow_home``, started on first use (a dead one is replaced); every
    runner ends when this process does (atexit, or end of its input if killed)."""
    with _runners_lock:
        runner = _runners.get(airflow_home)
        if runner is None or runner.process.poll() is not None:
            runner = _runners[airflow_home] = DagRunner(airflow_home)
        return runner


@atexit.register
def _close_runners() -> None:
    for runner in _runners.values():
        runner.close()


def task_states(result: dict) -> dict[str, str]:
    """The state of each (unmapped) task of a :func:`dag_test` result, by task id."""
    return {task_id: state for task_id, _, state, _ in result["tasks"]}


def dag_test(airflow_home: Path, dag_ids: list[str], **env: str) -> list[dict]:
    """``dag.test()`` each DAG in turn, in the runner on ``airflow_home`` with the environment
    variables ``env``; one result per run, in order: its state, its task instances
    ``[task_id, map_index, state, rendered_map_index]``, tries per task, and the asset events
    it emitted ``[uri, extra]``."""
    return dag_runner(airflow_home).run(dag_ids, env)
