"""Running the DAGs under Airflow in subprocesses, shared by the test_dags*.py modules: each
subprocess gets its own AIRFLOW_HOME, so the metadata DB and config never leak into (or from)
the test process; and a loopback webhook receiver that records the alerts posted to it.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DAGS = REPO / "dags"
BIN = Path(sys.executable).parent
# Hang guards only: an Airflow subprocess takes about a minute on an idle machine, several times
# that on a loaded one, which must not fail a test (pyproject's default per test is 300 s).
SUBPROCESS_TIMEOUT = 840


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


DAG_TEST = """
import json, sys
from sqlalchemy import select
from airflow.dag_processing.dagbag import DagBag
from airflow.models.asset import AssetEvent, AssetModel
from airflow.models.taskinstance import TaskInstance
from airflow.utils.session import create_session

bag = DagBag(dag_folder=sys.argv[1])
assert not bag.import_errors, bag.import_errors
out = []
for dag_id in sys.argv[2:]:
    run = bag.dags[dag_id].test()
    with create_session() as session:
        tis = session.scalars(select(TaskInstance).where(
            TaskInstance.dag_id == dag_id, TaskInstance.run_id == run.run_id)).all()
        out.append({
            "dag_id": dag_id,
            "state": str(getattr(run.state, "value", run.state)),
            "run_id": run.run_id,
            "tasks": sorted(
                [t.task_id, t.map_index, str(getattr(t.state, "value", t.state)), t.rendered_map_index]
                for t in tis
            ),
            "tries": {t.task_id: t.try_number for t in tis if t.map_index < 1},
            # Airflow stores an asset URI normalized, with a slash after the host part
            "events": [[uri.rstrip("/"), extra] for uri, extra in session.execute(
                select(AssetModel.uri, AssetEvent.extra)
                .join(AssetModel, AssetModel.id == AssetEvent.asset_id)
                .where(AssetEvent.source_dag_id == dag_id, AssetEvent.source_run_id == run.run_id))],
        })
print("RESULT " + json.dumps(out, default=str))
"""


def task_states(result: dict) -> dict[str, str]:
    """The state of each (unmapped) task of a :func:`dag_test` result, by task id."""
    return {task_id: state for task_id, _, state, _ in result["tasks"]}


def dag_test(airflow_home: Path, dag_ids: list[str], **env: str) -> list[dict]:
    """``dag.test()`` each DAG in turn in one subprocess; one result per run, in order: its
    state, its task instances ``[task_id, map_index, state, rendered_map_index]``, tries per
    task, and the asset events it emitted ``[uri, extra]``."""
    done = run_airflow(
        [sys.executable, "-c", DAG_TEST, str(DAGS), *dag_ids],
        airflow_env(airflow_home, **env),
    )
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-5000:])
    return last_json_line(done.stdout, "RESULT ")
