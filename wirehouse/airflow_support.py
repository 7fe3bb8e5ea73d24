"""What the DAGs in ``dags/`` share: assets, default task arguments, the failure notifier and
the rule that configuration errors fail a task at once.

Kept in the package (not in ``dags/``) so the DAG processor never parses it as a DAG file, and
kept light: importing it must not pull in the pipeline, SQLAlchemy models or httpx.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from airflow.sdk import Asset, AssetAlias, BaseNotifier
from airflow.sdk.exceptions import AirflowFailException, AirflowRescheduleException

from wirehouse.alerts import AlertDeliveryError, post_alert
from wirehouse.redact import install_log_masking, mask_secrets, url_passwords
from wirehouse.reporting import report
from wirehouse.settings import Settings, load_settings

log = logging.getLogger(__name__)
# Both DAG files import this module in every process that runs their tasks or callbacks: from
# here on, no log line of those processes (the task logs) carries a password in clear.
install_log_masking()

ARTICLES = Asset("wirehouse://articles")
EVENTS = Asset("wirehouse://events")
PUSH_URI = "wirehouse://push"
PUSH_WATCHER = "wirehouse_push_redis"
# wirehouse://push without its watcher: what a task names when it emits an event of it
PUSH = Asset(uri=PUSH_URI, name=PUSH_URI)
# The outlet of wirehouse_push's drain: it emits, through this alias, wirehouse://articles when
# it loaded articles and wirehouse://push when it left rows, each only then (a task's plain
# Asset outlets all get an event whenever it succeeds).
PUSH_DRAIN = AssetAlias("wirehouse_push_drain")

# The warehouse's runs.id column is String(64); Airflow run ids may be up to 250 characters.
_RUN_ID_MAX = 64


def mask_settings_secrets(settings: Settings) -> list[str]:
    """Register the passwords in the warehouse, webhook and push Redis URLs with Airflow's secrets masker,
    which redacts them from every task log line (tracebacks included) in the task process and
    its supervisor; returns what was registered."""
    from airflow.sdk.log import mask_secret

    passwords = url_passwords(settings.warehouse_url, settings.alert_webhook_url,
                              settings.push_redis_url)
    for password in passwords:
        mask_secret(password)
    return passwords


def default_args(settings: Settings, owner: str = "wirehouse") -> dict[str, Any]:
    """Task defaults for both DAGs: retry delays doubling from 2 minutes, capped at 30, the
    task-level :class:`FailureNotifier`, which alerts with the task's error once its last try
    failed (the DAG-level one cannot: Airflow hands DAG callbacks no exception), and
    :func:`keep_run_lease_through_retry`, which keeps the run lease through a retry's back-off.

    In Airflow 3.3 ``retry_exponential_backoff`` is the multiplier (0 disables it). Both DAG
    files call this when they are parsed, which every task process does first: so this is also
    where the settings' passwords are given to Airflow's log masker (:func:`mask_settings_secrets`).
    """
    mask_settings_secrets(settings)
    return {
        "owner": owner,
        "retries": settings.airflow_task_retries,
        "retry_delay": timedelta(minutes=2),
        "retry_exponential_backoff": 2.0,
        "max_retry_delay": timedelta(minutes=30),
        "on_failure_callback": FailureNotifier(record_run=True),
        "on_retry_callback": keep_run_lease_through_retry,
    }


@contextmanager
def config_errors_fail_fast() -> Iterator[None]:
    """Turn a configuration error (ConfigError, FeedListError) raised inside into
    AirflowFailException: the task fails at once, without the retries meant for network
    glitches, since a wrong setting or feed list does not heal by waiting. The message is
    the error's first line as the command words it, secrets masked; the original is chained."""
    from extract.feedlist import FeedListError
    from wirehouse.settings import ConfigError

    try:
        yield
    except (ConfigError, FeedListError) as exc:
        raise AirflowFailException(error_line(exc)) from exc


@contextmanager
def waiting_for_run_lease(settings: Settings) -> Iterator[None]:
    """Turn RunLockedError raised inside (another run holds the warehouse's run lease: the
    nightly ingest while a push-triggered events run starts, or an events run while the
    nightly ingest begins) into a reschedule ``airflow_lease_poll`` seconds later: the task
    waits for the lease instead of failing, without holding a worker slot or using a retry,
    until its DAG run's timeout. So is a SQLite warehouse busy past its busy timeout: another
    run's writing transaction holds its write lock (a run's clustering, minutes long), and the
    lease cannot even be read; walked under `make airflow`, **begin** used a retry on it."""
    from sqlalchemy.exc import SQLAlchemyError

    from load.errors import WarehouseUnavailable, database_reason
    from wirehouse.errors import RunLockedError

    try:
        yield
    except (RunLockedError, WarehouseUnavailable, SQLAlchemyError) as exc:
        if not isinstance(exc, RunLockedError) and not _sqlite_busy(exc):
            raise
        retry_at = datetime.now(UTC) + timedelta(seconds=settings.airflow_lease_poll)
        log.info("waiting for the run lease, trying again at %s UTC: %s",
                 f"{retry_at:%H:%M:%S}", database_reason(exc))
        raise AirflowRescheduleException(retry_at) from exc


def _sqlite_busy(exc: BaseException | None) -> bool:
    """Whether ``exc`` or an error it was raised from is SQLite's SQLITE_BUSY (its base code:
    the database file is locked by another connection's transaction)."""
    import sqlite3

    while exc is not None:
        driver_error = getattr(exc, "orig", None) or exc
        if isinstance(driver_error, sqlite3.Error) and (
                getattr(driver_error, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_BUSY:
            return True
        exc = exc.__cause__
    return False


@contextmanager
def holding_run_lease(context: Mapping[str, Any], settings: Settings, *,
                      give_back: bool = False) -> Iterator[None]:
    """Hold the DAG run's run lease while a task of it runs (:func:`wirehouse.lease.heartbeat`):
    checked before the task does anything, renewed every ``airflow_lease_seconds`` / 3 as it
    runs and once more when it ends (given back instead with ``give_back``: the run's last
    task). A run that lost its lease (it lapsed and another run took it, or `wirehouse lease
    --release` gave it back) fails the task at once, without retries, in one line saying whose
    the lease is now (AirflowFailException)."""
    from wirehouse import lease
    from wirehouse.errors import RunLockLostError
    from wirehouse.warehouse import open_warehouse

    engine = open_warehouse(settings)
    try:
        with lease.heartbeat(engine, warehouse_run_id(context["run_id"]),
                             timedelta(seconds=settings.airflow_lease_seconds),
                             give_back=give_back):
            yield
    except RunLockLostError as exc:
        raise AirflowFailException(error_line(exc)) from exc
    finally:
        engine.dispose()


def longest_retry_wait(task: Any, try_number: int) -> timedelta:
    """The longest Airflow (3.3) waits before retrying ``task`` after its try ``try_number``
    failed: ``retry_delay``, or with an exponential back-off up to twice
    ``retry_delay * retry_exponential_backoff ** (try_number - 1)`` (Airflow adds a jitter of
    up to the delay itself, and at most its ``[core] max_task_retry_delay``, a day unless
    configured) and ``max_retry_delay``."""
    delay: timedelta = task.retry_delay
    multiplier = float(task.retry_exponential_backoff or 1.0)
    if multiplier in (0.0, 1.0):
        return delay
    from airflow.sdk.configuration import conf

    longest = conf.getint("core", "max_task_retry_delay", fallback=86400)
    try:
        seconds = min(2 * delay.total_seconds() * multiplier ** max(try_number - 1, 0), longest)
    except OverflowError:
        seconds = longest
    delay = timedelta(seconds=seconds)
    return min(delay, task.max_retry_delay) if task.max_retry_delay else delay


def keep_run_lease_through_retry(context: Mapping[str, Any]) -> None:
    """A task's ``on_retry_callback``, run in the task's process when a try failed and Airflow
    retries it: its DAG run's lease, when it holds it, is renewed to last the retry's longest
    back-off (:func:`longest_retry_wait`) plus ``airflow_lease_seconds``, so no `wirehouse run`
    takes the warehouse between the tries. A lease no longer the run's is left alone (the retry
    then fails in one line, :func:`holding_run_lease`); a warehouse out of reach is logged."""
    from wirehouse import lease
    from wirehouse.errors import RunLockLostError
    from wirehouse.warehouse import open_warehouse

    settings = load_settings()
    run_id = warehouse_run_id(context["run_id"])
    keep = (longest_retry_wait(context["task"], context["ti"].try_number)
            + timedelta(seconds=settings.airflow_lease_seconds))
    try:
        engine = open_warehouse(settings)
        try:
            lease.renew(engine, run_id, keep)
        finally:
            engine.dispose()
    except RunLockLostError as exc:  # not held: the task failed before taking it, or lost it
        log.info("the run lease is not this run's to keep through the retry: %s", exc)
    except Exception as exc:  # noqa: BLE001 - the retry must still be scheduled
        log.warning("could not keep the run lease through the retry: %s", error_line(exc))


def scheduler_pid() -> int | None:
    """The pid of the Airflow scheduler this task runs under on this host: the nearest ancestor
    process running `airflow scheduler` (LocalExecutor, as `airflow standalone` runs tasks).
    It outlives the DAG run's tasks, and once it is gone (Airflow stopped) nothing carries the
    run on, so a run lease naming it is taken over. None when tasks run elsewhere (Celery) or
    in-process (``dag.test()``)."""
    import psutil  # an Airflow requirement

    try:
        for ancestor in psutil.Process().parents():
            words = " ".join(ancestor.cmdline()).split()  # a process title may be one string
            if "scheduler" in words and any(word.endswith("airflow") for word in words):
                return ancestor.pid
    except psutil.Error:
        return None
    return None


def lease_holder(context: Mapping[str, Any]) -> dict[str, Any]:
    """The run lease's holder for the task of ``context``: ``holder`` (the DAG and task,
    ``wirehouse_events.stories``) and ``pid`` (:func:`scheduler_pid`), as keyword arguments of
    :func:`wirehouse.pipeline.take_run_lease`."""
    ti = context["ti"]
    return {"holder": f"{ti.dag_id}.{ti.task_id}", "pid": scheduler_pid()}


def error_line(exc: BaseException) -> str:
    """The first line of the `wirehouse` command's report of ``exc``
    (:func:`wirehouse.reporting.report`: "no active feeds: ...", "warehouse error: disk full:
    ..."), secrets masked. An AirflowFailException raised by :func:`config_errors_fail_fast`
    is reported as the error it wraps."""
    if isinstance(exc, AirflowFailException) and exc.__cause__ is not None:
        exc = exc.__cause__
    message, _status = report(exc)
    lines = message.strip().splitlines()
    return mask_secrets(lines[0] if lines else type(exc).__name__)


def push_asset(settings: Settings) -> Asset:
    """The asset ``wirehouse://push``: "the push outbox has new rows". Its watcher, run by the
    triggerer, waits for a message on the Redis channel ``push_redis_channel`` (read through
    the Airflow connection ``push_redis_conn_id``, every ``push_watch_poll_interval`` seconds)
    and turns each into an event of the asset, which schedules ``wirehouse_push``.

    The message queue provider is imported here, not at module level: only the push DAG's file
    pays for it when parsed."""
    from airflow.providers.common.messaging.triggers.msg_queue import MessageQueueTrigger
    from airflow.sdk import AssetWatcher

    trigger = MessageQueueTrigger(
        scheme="redis+pubsub",
        channels=[settings.push_redis_channel],
        redis_conn_id=settings.push_redis_conn_id,
        poll_interval=settings.push_watch_poll_interval,
    )
    return Asset(uri=PUSH_URI, name=PUSH_URI,
                 watchers=[AssetWatcher(name=PUSH_WATCHER, trigger=trigger)])


def airflow_base_url() -> str:
    """The UI's address as configured (``[api] base_url``), without a trailing slash."""
    from airflow.sdk.configuration import conf

    return (conf.get("api", "base_url", fallback="") or "http://localhost:8080").rstrip("/")


def warehouse_run_id(airflow_run_id: str) -> str:
    """The warehouse ``runs.id`` for an Airflow DAG run: the same id, shortened when too long."""
    if len(airflow_run_id) <= _RUN_ID_MAX:
        return airflow_run_id
    digest = hashlib.sha256(airflow_run_id.encode()).hexdigest()[:10]
    return f"{airflow_run_id[: _RUN_ID_MAX - 11]}-{digest}"


def batch_label(feed_ids: list[int]) -> str:
    """The label a mapped fetch task shows in the UI instead of its bare map index."""
    if not feed_ids:
        return "no feeds"
    if len(feed_ids) == 1:
        return f"feed {feed_ids[0]}"
    return f"feeds {feed_ids[0]}-{feed_ids[-1]} ({len(feed_ids)})"


def latest_ingest_run(asset_events: Mapping[Any, Iterable[Any]]) -> str | None:
    """The warehouse run id carried by the newest triggering ``wirehouse://articles`` event.

    Returns None for runs not triggered by an ingest (a manual trigger or ``dag.test``).
    """
    newest: tuple[Any, str] | None = None
    for asset, events in asset_events.items():
        if getattr(asset, "uri", None) != ARTICLES.uri:
            continue
        for event in events:
            run_id = (event.extra or {}).get("run_id")
            if isinstance(run_id, str) and (newest is None or event.timestamp > newest[0]):
                newest = (event.timestamp, run_id)
    return newest[1] if newest else None


def build_alert(context: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON-able alert from a DAG- or task-level failure callback context: what failed (the
    task, and the feeds or pages of a mapped one), the error's first line, and links to the
    task's log and the DAG run in the UI."""
    dag = context.get("dag")
    ti = context.get("ti") or context.get("task_instance")
    dag_id = getattr(dag, "dag_id", None) or getattr(ti, "dag_id", None) or "unknown DAG"
    run_id = context.get("run_id") or getattr(ti, "run_id", None) or ""
    task_id = getattr(ti, "task_id", None)
    map_index = getattr(ti, "map_index", -1)
    exception = context.get("exception")
    reason = mask_secrets(
        error_line(exception) if isinstance(exception, BaseException)
        else str(context.get("reason") or exception or "")
    )
    where = dag_id if task_id is None else f"{dag_id}.{task_id}"
    if task_id is not None and map_index is not None and map_index >= 0:
        where += f"[{map_index}]"
    # the label a mapped task gave itself (fetch: its feeds, load: its pages)
    target = context.get("batch_label") or context.get("page_label")
    if target:
        where += f" ({target})"
    run_url = f"{airflow_base_url()}/dags/{quote(dag_id)}/runs/{quote(run_id)}" if run_id else None
    log_url = getattr(ti, "log_url", None) if task_id is not None else None
    text = mask_secrets(f"Wirehouse: {where} failed in run {run_id}")
    if reason:
        text += f": {reason}"
    if log_url or run_url:
        text += f"\n{'log' if log_url else 'run'}: {log_url or run_url}"
    return {
        "text": text,
        "dag_id": dag_id,
        "run_id": run_id,
        "task_id": task_id,
        "map_index": map_index if task_id is not None else None,
        "target": target,
        "reason": reason,
        "log_url": log_url,
        "run_url": run_url,
    }


def settle_failed_run(run_id: str, error: str, settings: Settings) -> None:
    """Record a failed DAG run's warehouse run as failed, give back its lease and settle its
    archives; a warehouse that cannot be reached is logged (the next run reconciles the
    record)."""
    from wirehouse import lease
    from wirehouse.pipeline import open_warehouse
    from wirehouse.runs import fail_run, settle_archives

    try:
        engine = open_warehouse(settings)
        fail_run(engine, run_id, error)
        lease.release(engine, run_id)
        settle_archives(engine, settings, run_id)
    except Exception as exc:  # noqa: BLE001 - the alert must still go out
        log.error("could not record warehouse run %s as failed: %s", run_id, exc)


def record_failed_run(run_id: str, error: str, settings: Settings) -> None:
    """Record a warehouse run as failed with ``error`` (a task's, from its failure callback);
    the run lease and archives are left to the DAG's failure callback, since the run's other
    tasks may still be running. A warehouse that cannot be reached is logged."""
    from wirehouse.pipeline import open_warehouse
    from wirehouse.runs import fail_run

    try:
        fail_run(open_warehouse(settings), run_id, error)
    except Exception as exc:  # noqa: BLE001 - the alert must still go out
        log.error("could not record warehouse run %s as failed: %s", run_id, exc)


class FailureNotifier(BaseNotifier):
    """Logs every failure and, when ``WIREHOUSE_ALERT_WEBHOOK_URL`` is set, posts it as JSON.

    Attached twice. As every task's ``on_failure_callback`` (:func:`default_args`, with
    ``record_run``) it runs in the task's process once its last try failed, where the error is
    known: it alerts with it and records it as the warehouse run's error (a failed task always
    fails its DAG run). As the DAGs' ``on_failure_callback`` (with ``settle_run``) it runs in
    the DAG processor, which knows only a reason such as ``task_failure``: it records the
    warehouse run as ``failed`` (unless the task already did), gives back the run lease and
    settles the archives, and alerts only for failures no task reported (a DAG run timing
    out). The push DAGs, which keep no warehouse run, attach it with ``dag_level`` alone: it
    only alerts for failures no task reported. The settings are read at call time, from the
    calling process's environment.
    """

    def __init__(
        self, settings: Settings | None = None, settle_run: bool = False, record_run: bool = False,
        dag_level: bool = False,
    ) -> None:
        super().__init__()
        self._settings = settings
        self._settle_run = settle_run
        self._record_run = record_run
        # a DAG's own callback (settle_run implies it): failures of tasks are theirs to report
        self._dag_level = dag_level or settle_run

    def render_template_fields(self, context: Any, jinja_env: Any = None) -> None:
        """Nothing to render (no template fields). Skipping the base class also avoids
        asking the DAG for a Jinja environment: under ``dag.test()`` in Airflow 3.3 the DAG
        handed to DAG callbacks is a SerializedDAG, which has no ``get_template_env``."""

    def notify(self, context: Mapping[str, Any]) -> None:
        settings = self._settings if self._settings is not None else load_settings()
        alert = build_alert(context)
        log.error("%s", alert["text"])
        if self._record_run and alert["run_id"]:
            record_failed_run(warehouse_run_id(alert["run_id"]), alert["text"], settings)
        if self._settle_run and alert["run_id"]:
            settle_failed_run(warehouse_run_id(alert["run_id"]), alert["text"], settings)
        reported_by_task = self._dag_level and context.get("reason") == "task_failure"
        if settings.alert_webhook_url and not reported_by_task:
            post_alert(settings.alert_webhook_url, alert, settings.alert_timeout)


__all__ = [
    "ARTICLES",
    "EVENTS",
    "PUSH",
    "PUSH_DRAIN",
    "PUSH_URI",
    "PUSH_WATCHER",
    "AlertDeliveryError",
    "FailureNotifier",
    "airflow_base_url",
    "batch_label",
    "build_alert",
    "config_errors_fail_fast",
    "default_args",
    "error_line",
    "holding_run_lease",
    "keep_run_lease_through_retry",
    "latest_ingest_run",
    "lease_holder",
    "longest_retry_wait",
    "mask_settings_secrets",
    "post_alert",
    "push_asset",
    "record_failed_run",
    "scheduler_pid",
    "settle_failed_run",
    "warehouse_run_id",
]
