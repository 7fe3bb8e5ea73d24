"""The Airflow DAGs: they parse, are wired as specified, run end to end under ``dag.test()``,
and alert on failure.

Everything that runs Airflow itself does so in a subprocess with its own AIRFLOW_HOME, so the
metadata DB and config never leak into (or from) the test process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest

from wirehouse.airflow_support import (
    ARTICLES,
    EVENTS,
    PUSH_URI,
    AlertDeliveryError,
    FailureNotifier,
    airflow_base_url,
    batch_label,
    build_alert,
    config_errors_fail_fast,
    error_line,
    latest_ingest_run,
    warehouse_run_id,
)
from wirehouse.settings import load_settings

REPO = Path(__file__).resolve().parents[1]
DAGS = REPO / "dags"
BIN = Path(sys.executable).parent
# Hang guards only: an Airflow subprocess takes about a minute on an idle machine, several times
# that on a loaded one, which must not fail a test (pyproject's default per test is 300 s).
SUBPROCESS_TIMEOUT = 840
pytestmark = pytest.mark.timeout(SUBPROCESS_TIMEOUT + 60)


# --- a loopback webhook receiver -------------------------------------------------------------


class _Receiver(ThreadingHTTPServer):
    def __init__(self, status: int) -> None:
        super().__init__(("127.0.0.1", 0), _ReceiverHandler)
        self.status = status
        self.posts: list[dict] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook"


class _ReceiverHandler(BaseHTTPRequestHandler):
    server: _Receiver

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


def _serve(status: int) -> Iterator[_Receiver]:
    server = _Receiver(status)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def webhook() -> Iterator[_Receiver]:
    yield from _serve(200)


@pytest.fixture
def broken_webhook() -> Iterator[_Receiver]:
    yield from _serve(503)


# --- helpers the DAGs use ----------------------------------------------------------------------


def test_warehouse_run_id_keeps_short_ids_and_shortens_long_ones_uniquely() -> None:
    assert warehouse_run_id("scheduled__2026-11-23T02:00:00+00:00") == (
        "scheduled__2026-11-23T02:00:00+00:00"
    )
    a, b = warehouse_run_id("x" * 200 + "a"), warehouse_run_id("x" * 200 + "b")
    assert len(a) == len(b) == 64
    assert a != b
    assert a == warehouse_run_id("x" * 200 + "a")


def test_batch_label_names_the_feed_range() -> None:
    assert batch_label([3, 4, 9]) == "feeds 3-9 (3)"
    assert batch_label([7]) == "feed 7"
    assert batch_label([]) == "no feeds"


def _event(extra: dict, minutes: int) -> SimpleNamespace:
    stamp = datetime(2026, 11, 23, 2, tzinfo=UTC) + timedelta(minutes=minutes)
    return SimpleNamespace(extra=extra, timestamp=stamp)


def test_latest_ingest_run_takes_the_newest_articles_event() -> None:
    events = {
        ARTICLES: [_event({"run_id": "old"}, 0), _event({"run_id": "new"}, 5), _event({}, 9)],
        EVENTS: [_event({"run_id": "not-an-ingest"}, 30)],
    }
    assert latest_ingest_run(events) == "new"
    assert latest_ingest_run({}) is None
    assert latest_ingest_run({EVENTS: [_event({"run_id": "x"}, 0)]}) is None


def test_build_alert_from_a_task_failure_context() -> None:
    ti = SimpleNamespace(
        dag_id="wirehouse_ingest", run_id="manual__1", task_id="fetch", map_index=2,
        log_url="http://airflow/dags/wirehouse_ingest/runs/manual__1/tasks/fetch/mapped/2",
    )
    alert = build_alert({"ti": ti, "exception": ValueError("feed exploded\n  at line 2"),
                         "batch_label": "feeds 3-9 (3)"})
    assert alert["text"] == (
        "Wirehouse: wirehouse_ingest.fetch[2] (feeds 3-9 (3)) failed in run manual__1: "
        "ValueError: feed exploded\nlog: " + ti.log_url
    )
    assert alert["reason"] == "ValueError: feed exploded"  # the error's first line only
    assert alert["task_id"] == "fetch"
    assert alert["map_index"] == 2
    assert alert["target"] == "feeds 3-9 (3)"
    assert alert["log_url"].endswith("/mapped/2")


def test_build_alert_from_a_dag_failure_context() -> None:
    dag = SimpleNamespace(dag_id="wirehouse_events")
    alert = build_alert({"dag": dag, "run_id": "asset_triggered__1", "reason": "timed_out"})
    run_url = f"{airflow_base_url()}/dags/wirehouse_events/runs/asset_triggered__1"
    assert alert["text"] == (
        f"Wirehouse: wirehouse_events failed in run asset_triggered__1: timed_out\nrun: {run_url}"
    )
    assert alert["task_id"] is None
    assert alert["map_index"] is None
    assert alert["log_url"] is None
    assert alert["run_url"] == run_url


def test_alert_links_follow_the_configured_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIRFLOW__API__BASE_URL", "https://airflow.example.org/prefix/")
    alert = build_alert({"dag": SimpleNamespace(dag_id="wirehouse_ingest"),
                         "run_id": "manual__2026-12-03T03:00:00+00:00", "reason": "timed_out"})
    assert alert["run_url"] == (
        "https://airflow.example.org/prefix/dags/wirehouse_ingest/runs/manual__2026-12-03T03%3A00%3A00%2B00%3A00"
    )


def test_alert_masks_the_password_in_the_error_line() -> None:
    from wirehouse.settings import ConfigError

    error = ConfigError("WIREHOUSE_DB_URL=postgresql://wh:s3cret-pw@db/wh is unreachable\ndetail")
    ti = SimpleNamespace(dag_id="wirehouse_ingest", run_id="r", task_id="begin", map_index=-1,
                         log_url="http://localhost:8080/dags/wirehouse_ingest/runs/r/tasks/begin")
    alert = build_alert({"ti": ti, "exception": error})
    assert "s3cret-pw" not in json.dumps(alert)
    assert alert["reason"] == "ConfigError: WIREHOUSE_DB_URL=postgresql://wh:***@db/wh is unreachable"


def test_configuration_errors_fail_fast_and_others_pass_through(tmp_path: Path) -> None:
    from airflow.sdk.exceptions import AirflowFailException

    from extract.feedlist import FeedListError, read_feed_list
    from wirehouse.settings import ConfigError

    with (pytest.raises(AirflowFailException, match=r"^ConfigError: no active feeds$") as raised,
          config_errors_fail_fast()):
        raise ConfigError("no active feeds\nsecond line")
    assert isinstance(raised.value.__cause__, ConfigError)
    # the alert names the configuration error, not the wrapper
    assert error_line(raised.value) == "ConfigError: no active feeds"

    broken = tmp_path / "feeds.opml"
    broken.write_text("<opml><body>")
    with (pytest.raises(AirflowFailException, match="^FeedListError: ") as raised,
          config_errors_fail_fast()):
        read_feed_list(broken)
    assert isinstance(raised.value.__cause__, FeedListError)

    # a network glitch or a locked warehouse is retried as before: not converted
    with pytest.raises(ConnectionError), config_errors_fail_fast():
        raise ConnectionError("connection reset")


def _dag_context(reason: str = "task_failure") -> dict:
    from airflow.sdk import DAG

    return {"dag": DAG("wirehouse_events", schedule=None), "run_id": "r1", "reason": reason}


def test_notifier_posts_json_to_the_configured_webhook(webhook: _Receiver, caplog) -> None:
    settings = load_settings(env={}, alert_webhook_url=webhook.url, alert_timeout=5.0)
    with caplog.at_level("ERROR", logger="wirehouse.airflow_support"):
        FailureNotifier(settings)(_dag_context())
    assert len(webhook.posts) == 1
    post = webhook.posts[0]
    assert post["path"] == "/hook"
    assert post["type"] == "application/json"
    assert post["json"]["dag_id"] == "wirehouse_events"
    assert post["json"]["run_id"] == "r1"
    assert post["json"]["text"].startswith("Wirehouse: wirehouse_events failed in run r1: task_failure\n")
    assert post["json"]["run_url"].endswith("/dags/wirehouse_events/runs/r1")
    assert "wirehouse_events failed in run r1" in caplog.text


def test_a_dag_level_task_failure_is_left_to_the_task_alert(webhook: _Receiver, caplog) -> None:
    # The DAG-level callback (settle_run) knows only "task_failure": the failed task's own
    # callback already alerted with the error, so the DAG run adds no second, vaguer alert.
    settings = load_settings(env={}, alert_webhook_url=webhook.url, alert_timeout=5.0)
    with caplog.at_level("ERROR", logger="wirehouse.airflow_support"):
        FailureNotifier(settings, settle_run=True)(_dag_context("task_failure"))
        assert webhook.posts == []
        FailureNotifier(settings, settle_run=True)(_dag_context("timed_out"))
    assert [p["json"]["reason"] for p in webhook.posts] == ["timed_out"]
    assert "failed in run r1: task_failure" in caplog.text  # still logged


def test_a_dag_level_notifier_without_a_run_to_settle_leaves_task_failures_too(
    webhook: _Receiver, tmp_path: Path
) -> None:
    # the push DAGs keep no warehouse run: dag_level alone, nothing settled, one alert each
    settings = load_settings(env={}, alert_webhook_url=webhook.url, alert_timeout=5.0,
                             db_url=f"sqlite:///{tmp_path / 'none.db'}")
    FailureNotifier(settings, dag_level=True)(_dag_context("task_failure"))
    assert webhook.posts == []
    FailureNotifier(settings, dag_level=True)(_dag_context("timed_out"))
    assert [p["json"]["reason"] for p in webhook.posts] == ["timed_out"]
    assert not (tmp_path / "none.db").exists()  # no warehouse was touched


def test_notifier_without_a_webhook_only_logs(webhook: _Receiver, caplog) -> None:
    with caplog.at_level("ERROR", logger="wirehouse.airflow_support"):
        FailureNotifier(load_settings(env={}))(_dag_context())
    assert "wirehouse_events failed in run r1" in caplog.text
    assert webhook.posts == []


def test_notifier_raises_when_the_webhook_refuses(broken_webhook: _Receiver) -> None:
    settings = load_settings(env={}, alert_webhook_url=broken_webhook.url)
    with pytest.raises(AlertDeliveryError, match="answered 503"):
        FailureNotifier(settings)(_dag_context())
    assert len(broken_webhook.posts) == 1


def test_notifier_raises_when_the_webhook_is_unreachable() -> None:
    server = _Receiver(200)
    url = server.url
    server.server_close()  # the port is now closed: connection refused
    settings = load_settings(env={}, alert_webhook_url=url, alert_timeout=2.0)
    with pytest.raises(AlertDeliveryError, match="unreachable"):
        FailureNotifier(settings)(_dag_context())


# --- Airflow itself, in subprocesses -----------------------------------------------------------


def _airflow_env(home: Path, **extra: str) -> dict[str, str]:
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


def _run(
    args: list[str], env: dict[str, str], timeout: float = SUBPROCESS_TIMEOUT
) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, check=False, env=env, cwd=env["AIRFLOW_HOME"], capture_output=True, text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def airflow_home(tmp_path_factory) -> Path:
    """An AIRFLOW_HOME with a migrated SQLite metadata DB, shared by the session's tests.

    On an empty DB ``airflow db migrate`` creates the tables from the models and stamps the
    head revision (no migration replay), which is the cheapest correct setup: a few seconds.
    """
    home = tmp_path_factory.mktemp("airflow_home")
    done = _run([str(BIN / "airflow"), "db", "migrate"], _airflow_env(home))
    assert done.returncode == 0, done.stderr[-3000:]
    return home


def _last_json_line(stdout: str, marker: str) -> object:
    for line in reversed(stdout.splitlines()):
        if line.startswith(marker):
            return json.loads(line[len(marker):])
    raise AssertionError(f"no {marker!r} line in output:\n{stdout[-3000:]}")


# Parsing a DAG file happens every few seconds in the dag-processor, and every task process
# starts by importing the module its callable needs: neither may pay for clustering's stack.
HEAVY_MODULES = ("datasketch", "scipy", "numpy", "sklearn", "load.stories")

_DESCRIBE = """
import json, pathlib, runpy, sys
# first, in a process that has imported nothing else: what parsing the DAG files and importing
# the tasks' and callbacks' modules load
heavy = sys.argv[2].split(",")
dag_files = sorted(str(p) for p in pathlib.Path(sys.argv[1]).glob("*.py"))
for path in dag_files:
    runpy.run_path(path)
parse = sorted(m for m in heavy if m in sys.modules)
import wirehouse.pipeline, wirehouse.runs, wirehouse.lease, wirehouse.push
imports = {"parse": parse, "tasks": sorted(m for m in heavy if m in sys.modules)}

from airflow.dag_processing.dagbag import DagBag

def asset_uris(condition):
    return [] if condition is None else sorted(a.uri for a in condition.objects)

def watchers(condition):
    return [] if condition is None else sorted(
        [w.name, *w.trigger.serialize()] for a in condition.objects for w in a.watchers)

bag = DagBag(dag_folder=sys.argv[1])
out = {"import_errors": bag.import_errors, "dags": {}, "dag_files": dag_files, "imports": imports}
for dag_id, dag in bag.dags.items():
    out["dags"][dag_id] = {
        "timetable": type(dag.timetable).__name__,
        "cron": getattr(dag.timetable, "expression", None),
        "timezone": str(getattr(dag.timetable, "timezone", "")),
        "interval_s": getattr(getattr(dag.timetable, "interval", None), "total_seconds", lambda: None)(),
        "schedule_uris": asset_uris(getattr(dag.timetable, "asset_condition", None)),
        "watchers": watchers(getattr(dag.timetable, "asset_condition", None)),
        "inner_timetable": type(getattr(dag.timetable, "timetable", None)).__name__,
        "inner_delta_s": getattr(getattr(getattr(dag.timetable, "timetable", None), "delta",
                                         None), "total_seconds", lambda: None)(),
        "catchup": dag.catchup,
        "max_active_runs": dag.max_active_runs,
        "tags": sorted(dag.tags),
        "owner": dag.owner,
        "doc_md": bool(dag.doc_md),
        "on_failure": [type(c).__name__ for c in (dag.on_failure_callback
                       if isinstance(dag.on_failure_callback, list) else [dag.on_failure_callback])],
        "tasks": {t.task_id: {
            "retries": t.retries,
            "backoff": t.retry_exponential_backoff,
            "max_retry_delay_s": t.max_retry_delay.total_seconds() if t.max_retry_delay else None,
            "pool": t.pool,
            "mapped": t.is_mapped,
            "map_index_template": t.map_index_template,
            "max_active_tis_per_dagrun": t.max_active_tis_per_dagrun,
            "trigger_rule": getattr(t.trigger_rule, "value", t.trigger_rule),
            "outlets": [a.uri for a in t.outlets],
            "upstream": sorted(t.upstream_task_ids),
        } for t in dag.tasks},
    }
print("DESCRIBE " + json.dumps(out, default=str))
"""


@pytest.fixture(scope="module")
def described(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("airflow_parse")
    env = _airflow_env(home, WIREHOUSE_AIRFLOW_FETCH_POOL="wirehouse_fetch",
                       WIREHOUSE_PUSH_REDIS_CHANNEL="pushdag.describe",
                       WIREHOUSE_PUSH_SWEEP_INTERVAL="300")
    heavy = ",".join((*HEAVY_MODULES, "wirehouse.pipeline"))
    done = _run([sys.executable, "-c", _DESCRIBE, str(DAGS), heavy], env)
    assert done.returncode == 0, done.stderr[-3000:]
    return _last_json_line(done.stdout, "DESCRIBE ")


@pytest.mark.airflow
def test_dag_files_and_task_modules_import_no_heavy_modules(described: dict) -> None:
    assert len(described["dag_files"]) == 4
    imported = described["imports"]
    assert imported["parse"] == [], "parsing the DAG files imported heavy modules"
    assert imported["tasks"] == ["wirehouse.pipeline"], "the task modules import heavy modules"


@pytest.mark.airflow
def test_dagbag_has_every_dag_and_no_import_errors(described: dict) -> None:
    assert described["import_errors"] == {}
    assert set(described["dags"]) == {"wirehouse_ingest", "wirehouse_events", "wirehouse_push",
                                      "wirehouse_websub"}


@pytest.mark.airflow
def test_push_dag_is_scheduled_on_the_redis_watched_asset_or_a_sweep(described: dict) -> None:
    dag = described["dags"]["wirehouse_push"]
    assert dag["timetable"] == "AssetOrTimeSchedule"
    from airflow.sdk import Asset

    assert dag["schedule_uris"] == [Asset(PUSH_URI).uri]  # normalized: wirehouse://push/
    assert dag["watchers"] == [[
        "wirehouse_push_redis",
        "airflow.providers.redis.triggers.redis_await_message.AwaitMessageTrigger",
        {"channels": ["pushdag.describe"], "redis_conn_id": "redis_default", "poll_interval": 1.0},
    ]]
    assert dag["inner_timetable"] == "DeltaTriggerTimetable"
    assert dag["inner_delta_s"] == 300  # WIREHOUSE_PUSH_SWEEP_INTERVAL
    assert (dag["catchup"], dag["max_active_runs"]) == (False, 1)
    assert dag["on_failure"] == ["FailureNotifier"]
    assert dag["tasks"]["drain"]["outlets"] == [ARTICLES.uri]


@pytest.mark.airflow
def test_websub_dag_runs_hourly_unsubscribe_then_renew(described: dict) -> None:
    dag = described["dags"]["wirehouse_websub"]
    assert (dag["timetable"], dag["cron"], dag["timezone"]) == ("CronTriggerTimetable",
                                                                "0 * * * *", "UTC")
    assert dag["tasks"]["renew"]["upstream"] == ["unsubscribe"]
    assert dag["on_failure"] == ["FailureNotifier"]


@pytest.mark.airflow
def test_ingest_dag_schedule_and_run_policy(described: dict) -> None:
    dag = described["dags"]["wirehouse_ingest"]
    assert dag["timetable"] == "CronTriggerTimetable"
    assert dag["cron"] == "0 2 * * *"
    assert dag["timezone"] == "UTC"
    assert dag["interval_s"] == 86400
    assert dag["catchup"] is False
    assert dag["max_active_runs"] == 1
    assert dag["tags"] == ["ingest", "wirehouse"]
    assert dag["owner"] == "wirehouse"
    assert dag["doc_md"]
    assert dag["on_failure"] == ["FailureNotifier"]


@pytest.mark.airflow
def test_ingest_dag_wiring(described: dict) -> None:
    tasks = described["dags"]["wirehouse_ingest"]["tasks"]
    assert set(tasks) == {"begin", "plan", "fetch", "load", "finish"}
    for task in tasks.values():
        assert task["retries"] == 3
        assert task["backoff"] == 2.0
        assert task["max_retry_delay_s"] == 1800
    fetch = tasks["fetch"]
    assert fetch["mapped"] and tasks["load"]["mapped"]
    assert fetch["pool"] == "wirehouse_fetch"  # from WIREHOUSE_AIRFLOW_FETCH_POOL
    assert fetch["max_active_tis_per_dagrun"] == 4
    assert fetch["map_index_template"] == "{{ batch_label }}"
    assert fetch["upstream"] == ["begin", "plan"]
    assert tasks["plan"]["upstream"] == ["begin"]
    assert tasks["load"]["upstream"] == ["begin", "fetch"]
    assert tasks["finish"]["upstream"] == ["begin", "load"]
    assert tasks["finish"]["outlets"] == [ARTICLES.uri]
    assert tasks["finish"]["trigger_rule"] == "none_failed"
    assert not any(t["mapped"] for name, t in tasks.items() if name not in {"fetch", "load"})


@pytest.mark.airflow
def test_events_dag_is_scheduled_on_the_articles_asset(described: dict) -> None:
    dag = described["dags"]["wirehouse_events"]
    assert dag["timetable"] == "AssetTriggeredTimetable"
    assert dag["schedule_uris"] == [ARTICLES.uri]
    assert dag["max_active_runs"] == 1
    assert dag["tags"] == ["events", "wirehouse"]
    assert dag["on_failure"] == ["FailureNotifier"]
    tasks = dag["tasks"]
    assert tasks["views"]["upstream"] == ["stories"]
    assert tasks["quality"]["upstream"] == ["views"]
    assert tasks["quality"]["outlets"] == [EVENTS.uri]
    assert tasks["quality"]["retries"] == 0  # a broken invariant does not heal by retrying
    assert tasks["stories"]["retries"] == 3


@pytest.mark.airflow
def test_airflow_dags_list_shows_every_dag(airflow_home: Path) -> None:
    done = _run(
        [str(BIN / "airflow"), "dags", "list", "--local", "-o", "json"], _airflow_env(airflow_home)
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Failed to load all files" not in done.stdout + done.stderr
    listed = json.loads([line for line in done.stdout.splitlines() if line.startswith("[")][-1])
    assert {d["dag_id"] for d in listed} >= {"wirehouse_ingest", "wirehouse_events",
                                             "wirehouse_push", "wirehouse_websub"}


_DAG_TEST = """
import json, sys
from sqlalchemy import select
from airflow.dag_processing.dagbag import DagBag
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
        })
print("RESULT " + json.dumps(out))
"""


def _dag_test(airflow_home: Path, dag_ids: list[str], **env: str) -> list[dict]:
    """``dag.test()`` each DAG in turn in one subprocess; one result per run, in order."""
    done = _run(
        [sys.executable, "-c", _DAG_TEST, str(DAGS), *dag_ids],
        _airflow_env(airflow_home, **env),
    )
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-5000:])
    return _last_json_line(done.stdout, "RESULT ")


@pytest.fixture
def demo_warehouse(tmp_path: Path) -> Iterator[tuple[object, dict[str, str]]]:
    """The demo sites on loopback and a migrated SQLite warehouse, as WIREHOUSE_* variables."""
    from load.db import upgrade
    from wirehouse.demo.server import DemoSites

    data = tmp_path / "data"
    data.mkdir()
    db_url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    upgrade(db_url)
    with DemoSites() as demo:
        env = {
            "WIREHOUSE_FEEDS": str(demo.write_opml(tmp_path / "feeds.opml")),
            "WIREHOUSE_DATA_DIR": str(data),
            "WIREHOUSE_DB_URL": db_url,
            "WIREHOUSE_ALLOW_PRIVATE_HOSTS": "1",
            "WIREHOUSE_HOST_DELAY": "0.02",
            "WIREHOUSE_RETRY_BASE_DELAY": "0.05",
            "WIREHOUSE_FEED_BATCH_SIZE": "2",  # several batches, so fetch really maps
            "WIREHOUSE_AIRFLOW_TASK_RETRIES": "0",  # fail now rather than wait for a retry
        }
        yield demo, env


@pytest.mark.airflow
def test_dag_test_runs_ingest_then_events_on_the_demo_sites(airflow_home: Path, demo_warehouse) -> None:
    from sqlalchemy import create_engine, text

    from wirehouse.demo.expectations import expected_articles

    demo, env = demo_warehouse
    ingest, events = _dag_test(airflow_home, ["wirehouse_ingest", "wirehouse_events"], **env)

    assert ingest["state"] == "success", ingest
    fetches = [t for t in ingest["tasks"] if t[0] == "fetch"]
    feed_count = len(demo.feed_urls)
    assert len(fetches) == -(-feed_count // 2) > 1  # one mapped task per batch of two feeds
    assert all(state == "success" for _, _, state, _ in ingest["tasks"])
    assert fetches[0][3] == "feeds 1-2 (2)"  # map_index_template names the batch
    assert events["state"] == "success", events
    assert sorted(t[0] for t in events["tasks"]) == ["quality", "stories", "views"]

    expected = {a.canonical_url for a in expected_articles(demo.base_urls) if not a.robots_disallowed}
    engine = create_engine(env["WIREHOUSE_DB_URL"])
    with engine.connect() as conn:
        loaded = set(conn.execute(text("SELECT canonical_url FROM articles")).scalars())
        run = conn.execute(text("SELECT id, status, articles_new FROM runs")).one()
        event_count = conn.execute(text("SELECT COUNT(*) FROM events")).scalar_one()
    engine.dispose()
    assert loaded and loaded <= expected
    assert run.id == ingest["run_id"] and run.status == "ingested"
    assert run.articles_new == len(loaded)
    assert event_count > 0


@pytest.mark.airflow
def test_a_failing_dag_run_alerts_the_webhook(airflow_home: Path, tmp_path: Path, webhook: _Receiver) -> None:
    # A warehouse that was never migrated: the first task fails with a typed error.
    env = {
        "WIREHOUSE_DATA_DIR": str(tmp_path),
        "WIREHOUSE_DB_URL": f"sqlite:///{tmp_path / 'empty.db'}",
        "WIREHOUSE_AIRFLOW_TASK_RETRIES": "0",
        "WIREHOUSE_ALERT_WEBHOOK_URL": webhook.url,
    }
    (events,) = _dag_test(airflow_home, ["wirehouse_events"], **env)
    assert events["state"] == "failed"
    states = {t[0]: t[2] for t in events["tasks"]}
    assert states["stories"] == "failed"
    assert states["views"] == states["quality"] == "upstream_failed"
    assert len(webhook.posts) == 1
    alert = webhook.posts[0]["json"]
    assert alert["dag_id"] == "wirehouse_events"
    assert alert["run_id"] == events["run_id"]
    assert alert["text"].startswith("Wirehouse: wirehouse_events")


@pytest.mark.airflow
def test_a_night_with_no_feed_due_still_finishes(airflow_home: Path, tmp_path: Path, webhook: _Receiver) -> None:
    from load.db import upgrade

    closed = _Receiver(200)
    dead_feed = f"http://127.0.0.1:{closed.server_address[1]}/feed.xml"
    closed.server_close()  # connection refused from now on
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>one dead feed'
        f'</title></head><body><outline type="rss" text="Dead" xmlUrl="{dead_feed}"/></body></opml>\n'
    )
    db_url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    upgrade(db_url)
    env = {
        "WIREHOUSE_FEEDS": str(opml),
        "WIREHOUSE_DATA_DIR": str(tmp_path),
        "WIREHOUSE_DB_URL": db_url,
        "WIREHOUSE_ALLOW_PRIVATE_HOSTS": "1",
        "WIREHOUSE_RETRY_BASE_DELAY": "0.01",
        "WIREHOUSE_AIRFLOW_TASK_RETRIES": "0",
        "WIREHOUSE_ALERT_WEBHOOK_URL": webhook.url,
    }
    # First night: the only feed fails, so the run fails (and alerts); the feed backs off.
    # Second night: nothing is due, fetch and load map to zero tasks, finish still runs.
    first, second = _dag_test(airflow_home, ["wirehouse_ingest", "wirehouse_ingest"], **env)
    assert first["state"] == "failed"
    assert {t[0]: t[2] for t in first["tasks"]}["finish"] == "failed"
    assert [p["json"]["task_id"] for p in webhook.posts] == ["finish"]
    assert webhook.posts[0]["json"]["run_id"] == first["run_id"]
    assert webhook.posts[0]["json"]["reason"].startswith("AllFeedsFailedError: ")
    assert "/dags/wirehouse_ingest/runs/" in webhook.posts[0]["json"]["log_url"]

    assert second["state"] == "success", second
    states = {(t[0], t[1]): t[2] for t in second["tasks"]}
    assert states[("fetch", -1)] == states[("load", -1)] == "skipped"
    assert states[("finish", -1)] == "success"
    assert len(webhook.posts) == 1  # a successful night sends nothing


@pytest.mark.airflow
def test_a_configuration_error_fails_at_once_and_alerts_with_it(
    airflow_home: Path, tmp_path: Path, webhook: _Receiver
) -> None:
    from sqlalchemy import create_engine, text

    from load.db import upgrade

    db_url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    upgrade(db_url)  # a warehouse, but no feed list and no feeds in it
    env = {
        "WIREHOUSE_DATA_DIR": str(tmp_path),
        "WIREHOUSE_DB_URL": db_url,
        "WIREHOUSE_AIRFLOW_TASK_RETRIES": "3",  # would retry a network glitch 3 times
        "WIREHOUSE_ALERT_WEBHOOK_URL": webhook.url,
        "AIRFLOW__API__BASE_URL": "http://airflow.test:8123",
    }
    (ingest,) = _dag_test(airflow_home, ["wirehouse_ingest"], **env)
    assert ingest["state"] == "failed"
    states = {t[0]: t[2] for t in ingest["tasks"]}
    assert states["begin"] == "failed"  # not up_for_retry
    assert ingest["tries"]["begin"] == 1
    assert len(webhook.posts) == 1
    alert = webhook.posts[0]["json"]
    assert alert["task_id"] == "begin"
    assert alert["reason"].startswith("ConfigError: no active feeds: set WIREHOUSE_FEEDS")
    assert alert["log_url"].startswith("http://airflow.test:8123/dags/wirehouse_ingest/runs/")
    assert alert["text"].endswith("\nlog: " + alert["log_url"])
    engine = create_engine(db_url)
    with engine.connect() as conn:
        run = conn.execute(text("SELECT status, error FROM runs")).one_or_none()
    engine.dispose()
    # begin failed before recording its run, or the run records the same error
    assert run is None or (run.status == "failed" and "ConfigError: no active feeds" in run.error)
