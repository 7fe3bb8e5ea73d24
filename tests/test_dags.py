"""The Airflow DAGs: the helpers and alerts they use, and that they parse and are wired as
specified. Their runs under ``dag.test()`` are in test_dags_demo_run.py, test_dags_failures.py
and test_dags_no_feed_due.py (under pytest-xdist those run on one worker, sharing its runner
process; this module runs beside them).

Everything that runs Airflow itself does so in a subprocess with its own AIRFLOW_HOME (see
tests/dagrun.py), so the metadata DB and config never leak into (or from) the test process.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from dagrun import (
    BIN,
    DAGS,
    TEST_TIMEOUT,
    Receiver,
    airflow_env,
    last_json_line,
    run_airflow,
)
from faultserver import bound_socket

from wirehouse.airflow_support import (
    ARTICLES,
    EVENTS,
    PUSH_DRAIN,
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

pytestmark = pytest.mark.timeout(TEST_TIMEOUT)


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
        "unexpected ValueError: feed exploded\nlog: " + ti.log_url
    )
    assert alert["reason"] == "unexpected ValueError: feed exploded"  # its first line only
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
    assert alert["reason"] == "WIREHOUSE_DB_URL=postgresql://wh:***@db/wh is unreachable"


def test_alert_words_the_error_as_the_command_does(sqlite_full_error: Exception) -> None:
    """The alert said "OperationalError: (sqlite3.OperationalError) database or disk is full",
    SQLAlchemy's wrapping under its class name, where `wirehouse run` says "warehouse error:
    disk full: database or disk is full" for the same failure."""
    ti = SimpleNamespace(dag_id="wirehouse_ingest", run_id="r", task_id="load", map_index=0,
                         log_url="http://localhost:8080/dags/wirehouse_ingest/runs/r/tasks/load")
    alert = build_alert({"ti": ti, "exception": sqlite_full_error})
    assert alert["reason"] == "warehouse error: disk full: database or disk is full"
    assert error_line(RuntimeError("boom\ntraceback")) == "unexpected RuntimeError: boom"


def test_configuration_errors_fail_fast_and_others_pass_through(tmp_path: Path) -> None:
    from airflow.sdk.exceptions import AirflowFailException

    from extract.feedlist import FeedListError, read_feed_list
    from wirehouse.settings import ConfigError

    with (pytest.raises(AirflowFailException, match=r"^no active feeds$") as raised,
          config_errors_fail_fast()):
        raise ConfigError("no active feeds\nsecond line")
    assert isinstance(raised.value.__cause__, ConfigError)
    # the alert names the configuration error, not the wrapper
    assert error_line(raised.value) == "no active feeds"

    broken = tmp_path / "feeds.opml"
    broken.write_text("<opml><body>")
    with (pytest.raises(AirflowFailException, match=f"^{re.escape(str(broken))}: ") as raised,
          config_errors_fail_fast()):
        read_feed_list(broken)
    assert isinstance(raised.value.__cause__, FeedListError)

    # a network glitch or a locked warehouse is retried as before: not converted
    with pytest.raises(ConnectionError), config_errors_fail_fast():
        raise ConnectionError("connection reset")


def _dag_context(reason: str = "task_failure") -> dict:
    from airflow.sdk import DAG

    return {"dag": DAG("wirehouse_events", schedule=None), "run_id": "r1", "reason": reason}


def test_notifier_posts_json_to_the_configured_webhook(webhook: Receiver, caplog) -> None:
    settings = load_settings(env={}, alert_webhook_url=webhook.url, alert_timeout=60.0)
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


def test_a_dag_level_task_failure_is_left_to_the_task_alert(webhook: Receiver, caplog) -> None:
    # The DAG-level callback (settle_run) knows only "task_failure": the failed task's own
    # callback already alerted with the error, so the DAG run adds no second, vaguer alert.
    settings = load_settings(env={}, alert_webhook_url=webhook.url, alert_timeout=60.0)
    with caplog.at_level("ERROR", logger="wirehouse.airflow_support"):
        FailureNotifier(settings, settle_run=True)(_dag_context("task_failure"))
        assert webhook.posts == []
        FailureNotifier(settings, settle_run=True)(_dag_context("timed_out"))
    assert [p["json"]["reason"] for p in webhook.posts] == ["timed_out"]
    assert "failed in run r1: task_failure" in caplog.text  # still logged


def test_a_dag_level_notifier_without_a_run_to_settle_leaves_task_failures_too(
    webhook: Receiver, tmp_path: Path
) -> None:
    # the push DAGs keep no warehouse run: dag_level alone, nothing settled, one alert each
    settings = load_settings(env={}, alert_webhook_url=webhook.url, alert_timeout=60.0,
                             db_url=f"sqlite:///{tmp_path / 'none.db'}")
    FailureNotifier(settings, dag_level=True)(_dag_context("task_failure"))
    assert webhook.posts == []
    FailureNotifier(settings, dag_level=True)(_dag_context("timed_out"))
    assert [p["json"]["reason"] for p in webhook.posts] == ["timed_out"]
    assert not (tmp_path / "none.db").exists()  # no warehouse was touched


def test_notifier_without_a_webhook_only_logs(webhook: Receiver, caplog) -> None:
    with caplog.at_level("ERROR", logger="wirehouse.airflow_support"):
        FailureNotifier(load_settings(env={}))(_dag_context())
    assert "wirehouse_events failed in run r1" in caplog.text
    assert webhook.posts == []


def test_notifier_raises_when_the_webhook_refuses(broken_webhook: Receiver) -> None:
    settings = load_settings(env={}, alert_webhook_url=broken_webhook.url)
    with pytest.raises(AlertDeliveryError, match="answered 503"):
        FailureNotifier(settings)(_dag_context())
    assert len(broken_webhook.posts) == 1


def test_notifier_raises_when_the_webhook_is_unreachable() -> None:
    with bound_socket() as held:  # bound, never listening: refused, and no one else can take it
        url = f"http://127.0.0.1:{held.getsockname()[1]}/alert"
        settings = load_settings(env={}, alert_webhook_url=url, alert_timeout=2.0)
        with pytest.raises(AlertDeliveryError, match="unreachable"):
            FailureNotifier(settings)(_dag_context())


# --- Airflow itself, in subprocesses -----------------------------------------------------------


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
            "outlets": [getattr(a, "uri", None) or f"alias:{a.name}" for a in t.outlets],
            "upstream": sorted(t.upstream_task_ids),
            "on_retry": [getattr(c, "__name__", type(c).__name__) for c in (
                t.on_retry_callback if isinstance(t.on_retry_callback, (list, tuple))
                else [t.on_retry_callback] if t.on_retry_callback else [])],
        } for t in dag.tasks},
    }
print("DESCRIBE " + json.dumps(out, default=str))
"""


@pytest.fixture(scope="module")
def described(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("airflow_parse")
    env = airflow_env(home, WIREHOUSE_AIRFLOW_FETCH_POOL="wirehouse_fetch",
                      WIREHOUSE_PUSH_REDIS_CHANNEL="pushdag.describe",
                      WIREHOUSE_PUSH_SWEEP_INTERVAL="300")
    heavy = ",".join((*HEAVY_MODULES, "wirehouse.pipeline"))
    done = run_airflow([sys.executable, "-c", _DESCRIBE, str(DAGS), heavy], env)
    assert done.returncode == 0, done.stderr[-3000:]
    return last_json_line(done.stdout, "DESCRIBE ")


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
    # articles and the push asset itself, each emitted only when due (through the alias)
    assert dag["tasks"]["drain"]["outlets"] == [f"alias:{PUSH_DRAIN.name}"]


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
        # a retry keeps the run lease through its back-off (test_run_lease_heartbeat.py)
        assert task["on_retry"] == ["keep_run_lease_through_retry"]
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
    assert {t["on_retry"][0] for t in tasks.values()} == {"keep_run_lease_through_retry"}


@pytest.mark.airflow
def test_airflow_dags_list_shows_every_dag(airflow_home: Path) -> None:
    done = run_airflow(
        [str(BIN / "airflow"), "dags", "list", "--local", "-o", "json"], airflow_env(airflow_home)
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Failed to load all files" not in done.stdout + done.stderr
    listed = json.loads([line for line in done.stdout.splitlines() if line.startswith("[")][-1])
    assert {d["dag_id"] for d in listed} >= {"wirehouse_ingest", "wirehouse_events",
                                             "wirehouse_push", "wirehouse_websub"}


