"""A DAG run holds the run lease by heartbeat, on SQLite and PostgreSQL: each task renews it
while it runs and when it ends, a retry keeps it through its back-off, a run whose tasks died
frees the warehouse once it lapses, and a task of a run that lost it fails in one line before
writing (the DAG tasks' wiring is run here without a scheduler, their callables called under a
task context as Airflow's task runner calls them).
"""

from __future__ import annotations

import json
import re
import socket
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from dagrun import DAGS, airflow_env, last_json_line, run_airflow
from sqlalchemy import insert, select

from load.models import Article, Run, RunLease
from wirehouse import lease
from wirehouse.airflow_support import (
    holding_run_lease,
    keep_run_lease_through_retry,
    longest_retry_wait,
)
from wirehouse.errors import RunLockedError, RunLockLostError
from wirehouse.pipeline import load_articles, take_run_lease
from wirehouse.settings import Settings, load_settings

RUN = "manual__2026-12-06T03:00:00+00:00"
TTL = timedelta(seconds=0.6)


def _expires(engine) -> datetime:
    with engine.connect() as conn:
        expires = conn.scalar(select(RunLease.expires_at))
    return expires if expires.tzinfo else expires.replace(tzinfo=UTC)


def _held_elsewhere(engine, run_id: str = "cli-run") -> None:
    """The lease as another run holds it now, on another host (never taken over from here)."""
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(insert(RunLease).values(
            name=lease.NAME, run_id=run_id, kind="cli", host="elsewhere", pid=4242,
            holder="wirehouse run", acquired_at=now, expires_at=now + timedelta(hours=1)))


def _settings(engine, tmp_path: Path, **values: object) -> Settings:
    return load_settings(env={}, data_dir=tmp_path, allow_private_hosts=True,
                         db_url=engine.url.render_as_string(hide_password=False), **values)


def test_a_heartbeat_keeps_the_lease_past_its_term_and_renews_it_at_the_end(engine) -> None:
    lease.acquire(engine, RUN, "airflow", TTL)
    with lease.heartbeat(engine, RUN, TTL) as still_held:
        time.sleep(3 * TTL.total_seconds())  # five renewals, where the term was one
        still_held()
        with pytest.raises(RunLockedError, match="another wirehouse run is in progress"):
            lease.acquire(engine, "cli-run", "cli", TTL)
    assert lease.holder(engine).run_id == RUN
    assert _expires(engine) > datetime.now(UTC) + TTL / 2, "not renewed at the end"


def test_a_heartbeat_gives_the_lease_back_when_asked(engine) -> None:
    lease.acquire(engine, RUN, "airflow", TTL)
    with lease.heartbeat(engine, RUN, TTL, give_back=True):
        pass
    assert lease.holder(engine) is None


def test_a_run_whose_tasks_died_frees_the_warehouse_once_its_term_lapses(
    engine, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No task of the run renews it any more (its worker host was lost): the next run takes it
    over once the term has passed, with one warning saying it lapsed. The clock is moved past
    the term rather than slept past it: on a loaded machine a 0.6 s term lapsed between the
    first two calls."""
    term = timedelta(minutes=10)
    lease.acquire(engine, RUN, "airflow", term, holder="wirehouse_ingest.fetch")
    with pytest.raises(RunLockedError):
        lease.acquire(engine, "cli-run", "cli", TTL)
    after_the_term = datetime.now(UTC) + term + timedelta(seconds=1)
    monkeypatch.setattr(lease, "_now", lambda: after_the_term)
    lease.acquire(engine, "cli-run", "cli", TTL)
    assert lease.holder(engine).run_id == "cli-run"
    assert [r.getMessage().rsplit("; ", 1)[1] for r in caplog.records
            if r.levelname == "WARNING"] == ["it lapsed"]


def test_a_heartbeat_of_a_lease_taken_over_stops_the_block(engine) -> None:
    lease.acquire(engine, RUN, "airflow", TTL)
    lost = re.escape(f"run {RUN} lost the run lease; run cli-run")
    with pytest.raises(RunLockLostError, match=lost), \
            lease.heartbeat(engine, RUN, TTL) as still_held:
        lease.free(engine)  # `wirehouse lease --release`, then a run takes it
        _held_elsewhere(engine)
        time.sleep(TTL.total_seconds())  # a renewal finds it lost
        with pytest.raises(RunLockLostError):
            still_held()
    assert lease.holder(engine).run_id == "cli-run", "the lost lease was renewed or released"
    with pytest.raises(RunLockLostError), lease.heartbeat(engine, RUN, TTL):
        pytest.fail("the block ran without the lease")


def test_a_task_of_a_run_that_lost_its_lease_fails_in_one_line_without_retries(
    engine, tmp_path: Path,
) -> None:
    from airflow.sdk.exceptions import AirflowFailException

    settings = _settings(engine, tmp_path)
    _held_elsewhere(engine)
    with pytest.raises(AirflowFailException) as failed, \
            holding_run_lease({"run_id": RUN}, settings):
        pytest.fail("the task ran without the lease")
    assert str(failed.value) == (
        f"run {RUN} lost the run lease; run cli-run (pid 4242 on elsewhere: wirehouse run) has "
        f"held the run lease since {lease.holder(engine).acquired_at:%Y-%m-%d %H:%M:%S} UTC, "
        f"until {lease.holder(engine).expires_at:%Y-%m-%d %H:%M:%S} UTC: stopping before "
        "writing more")


def test_a_transaction_fenced_by_a_lease_it_lost_commits_nothing(engine) -> None:
    """The fence is read inside the writing transaction, just before it commits: a run that
    lost the lease rolls back what it wrote; one that holds it commits."""
    from load import db

    _held_elsewhere(engine)
    with pytest.raises(RunLockLostError, match=re.escape(f"run {RUN} lost the run lease")), \
            db.session_scope(engine) as session:
        session.add(Run(id=RUN, started_at=datetime.now(UTC), status="running"))
        session.flush()
        lease.fence(session, RUN)
    lease.free(engine)
    lease.acquire(engine, RUN, "airflow", TTL)
    with db.session_scope(engine) as session:
        session.add(Run(id=RUN, started_at=datetime.now(UTC), status="running"))
        session.flush()
        lease.fence(session, RUN)
    with engine.connect() as conn:
        assert conn.scalars(select(Run.id)).all() == [RUN]


def test_no_run_takes_the_lease_between_the_fence_and_the_commit(engine) -> None:
    """A lapsed lease, fenced by its run's writing transaction: another run's takeover waits
    for that transaction to commit (the row is locked), and then finds it renewed by that
    commit for the run's term."""
    from load import db

    lease.acquire(engine, RUN, "airflow", TTL)
    time.sleep(TTL.total_seconds() + 0.1)  # lapsed: the next run may take it over
    took: list[str] = []

    def take() -> None:
        try:
            lease.acquire(engine, "cli-run", "cli", TTL)
            took.append("cli-run")
        except RunLockedError:
            took.append("refused")

    with db.session_scope(engine) as session:
        session.add(Run(id=RUN, started_at=datetime.now(UTC), status="running"))
        session.flush()
        lease.fence(session, RUN)
        taker = threading.Thread(target=take)
        taker.start()
        taker.join(1.0)
        assert taker.is_alive() and not took, "the lease was taken before the commit"
    taker.join(30)
    assert took == ["refused"] and lease.holder(engine).run_id == RUN
    with engine.connect() as conn:
        assert conn.scalars(select(Run.id)).all() == [RUN]


def test_a_commit_under_the_lease_renews_it_for_the_runs_term(engine) -> None:
    """On SQLite a task's long writing transaction (clustering) keeps its heartbeat's renewals
    out with its write lock, and the lease lapsed under a run still working: walked under
    `make airflow`, the next writer waiting took it over after the commit and the run failed.
    The fenced commit renews it for the term this process holds it for, a longer one kept."""
    from load import db

    lease.acquire(engine, RUN, "airflow", TTL)
    time.sleep(TTL.total_seconds() + 0.1)  # the heartbeat could not renew it meanwhile
    with db.session_scope(engine) as session:
        session.add(Run(id=RUN, started_at=datetime.now(UTC), status="running"))
        session.flush()
        lease.fence(session, RUN)
    assert _expires(engine) > datetime.now(UTC) + TTL / 2
    with pytest.raises(RunLockedError, match="another wirehouse run is in progress"):
        lease.acquire(engine, "cli-run", "cli", TTL)
    lease.renew(engine, RUN, timedelta(hours=1))  # a retry's back-off: longer than the term
    with db.session_scope(engine) as session:
        lease.fence(session, RUN)
    assert _expires(engine) > datetime.now(UTC) + timedelta(minutes=59)


def test_a_renewal_that_failed_is_logged_in_one_line(
    engine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    """SQLAlchemy's error text adds the statement and a link on lines of their own."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    lease.acquire(engine, RUN, "airflow", TTL)
    renew = lease.renew
    calls: list[int] = []

    def locked_once(*args: object) -> None:
        calls.append(1)
        if len(calls) == 2:  # the first renewal from the thread
            raise OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError(
                "database is locked"))
        renew(*args)

    monkeypatch.setattr(lease, "renew", locked_once)
    with lease.heartbeat(engine, RUN, TTL):
        time.sleep(TTL.total_seconds() * 0.6)
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "could not renew the run lease, trying again: database is locked"]


def test_load_writes_no_batch_for_a_run_that_lost_its_lease(engine, tmp_path: Path) -> None:
    settings = _settings(engine, tmp_path)
    _held_elsewhere(engine)
    with pytest.raises(RunLockLostError, match=re.escape(f"run {RUN} lost the run lease")):
        load_articles([], RUN, settings)
    with engine.connect() as conn:
        assert conn.scalar(select(Article.id)) is None


def test_a_retry_keeps_the_lease_through_its_longest_back_off(engine, tmp_path: Path,
                                                              monkeypatch) -> None:
    monkeypatch.setenv("WIREHOUSE_DB_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("WIREHOUSE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("WIREHOUSE_AIRFLOW_LEASE_SECONDS", "60")
    task = SimpleNamespace(retry_delay=timedelta(minutes=2), retry_exponential_backoff=2.0,
                           max_retry_delay=timedelta(minutes=30))
    take_run_lease(RUN, _settings(engine, tmp_path, airflow_lease_seconds=60))
    before = datetime.now(UTC)
    keep_run_lease_through_retry({"run_id": RUN, "task": task, "ti": SimpleNamespace(try_number=2)})
    kept = _expires(engine) - before
    assert timedelta(minutes=9) < kept <= timedelta(minutes=9, seconds=2)  # 8 min + 60 s
    # a lease another run holds is left alone
    lease.free(engine)
    _held_elsewhere(engine)
    keep_run_lease_through_retry({"run_id": RUN, "task": task, "ti": SimpleNamespace(try_number=2)})
    assert lease.holder(engine).run_id == "cli-run"


def test_a_renewal_for_the_term_keeps_a_longer_one_a_retry_took(engine) -> None:
    """Another task of the run ending during a retry's back-off (a mapped fetch on another
    Celery worker, walked in tests/test_celery_worker_loss.py) renews the lease for the term
    only: that must not cut short the back-off the retry's callback took."""
    lease.acquire(engine, RUN, "airflow", TTL, holder="wirehouse_ingest.begin")
    lease.renew(engine, RUN, timedelta(minutes=5))  # the failed try's retry callback
    with lease.heartbeat(engine, RUN, TTL):  # another fetch of the run, ending
        pass
    assert _expires(engine) > datetime.now(UTC) + timedelta(minutes=4)
    with pytest.raises(RunLockedError, match="another wirehouse run is in progress"):
        lease.acquire(engine, "cli-run", "cli", TTL)


def test_a_renewal_still_pushes_a_nearer_expiry_ahead(engine) -> None:
    lease.acquire(engine, RUN, "airflow", TTL)
    lease.renew(engine, RUN, timedelta(minutes=5))
    assert _expires(engine) > datetime.now(UTC) + timedelta(minutes=4)


def test_longest_retry_wait_follows_airflows_back_off() -> None:
    """Airflow 3.3 waits ``retry_delay * backoff ** (try - 1)`` plus a jitter of up to as much
    again, at most ``max_retry_delay``."""
    doubling = SimpleNamespace(retry_delay=timedelta(minutes=2), retry_exponential_backoff=2.0,
                               max_retry_delay=timedelta(minutes=30))
    assert [longest_retry_wait(doubling, n) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=4), timedelta(minutes=8), timedelta(minutes=16), timedelta(minutes=30)]
    fixed = SimpleNamespace(retry_delay=timedelta(minutes=5), retry_exponential_backoff=0,
                            max_retry_delay=None)
    assert longest_retry_wait(fixed, 7) == timedelta(minutes=5)
    endless = SimpleNamespace(retry_delay=timedelta(days=1), retry_exponential_backoff=10.0,
                              max_retry_delay=None)
    assert longest_retry_wait(endless, 400) == timedelta(days=1)  # Airflow's own ceiling


# Calls DAG tasks' callables as Airflow's task runner does (under a task context), each
# printing "ok" or the one line its AirflowFailException says, then the lease's holder.
_CALL_TASKS = """
import json, sys
from airflow.dag_processing.dagbag import DagBag
from airflow.sdk.exceptions import AirflowFailException
from airflow.sdk.execution_time.context import set_current_context
from types import SimpleNamespace

bag = DagBag(dag_folder=sys.argv[1])
assert not bag.import_errors, bag.import_errors
out = []
for dag_id, task_id in json.loads(sys.argv[3]):
    task = bag.dags[dag_id].get_task(task_id)
    context = {"run_id": sys.argv[2], "ti": SimpleNamespace(dag_id=dag_id, task_id=task_id)}
    try:
        with set_current_context(context):
            task.python_callable()
        out.append("ok")
    except AirflowFailException as exc:
        out.append(str(exc))
from wirehouse import lease
from wirehouse.pipeline import open_warehouse
from wirehouse.settings import load_settings
held = lease.holder(open_warehouse(load_settings()))
out.append(held.run_id if held else None)
print("CALLED " + json.dumps(out))
"""

_TASKS = [["wirehouse_ingest", "plan"], ["wirehouse_events", "views"],
          ["wirehouse_events", "quality"]]


def _call_tasks(engine, tmp_path: Path) -> list[str | None]:
    env = airflow_env(tmp_path / "airflow", WIREHOUSE_DATA_DIR=str(tmp_path),
                      WIREHOUSE_DB_URL=engine.url.render_as_string(hide_password=False))
    (tmp_path / "airflow").mkdir(exist_ok=True)
    done = run_airflow([sys.executable, "-c", _CALL_TASKS, str(DAGS), RUN, json.dumps(_TASKS)],
                       env)
    assert done.returncode == 0, done.stderr[-3000:]
    return last_json_line(done.stdout, "CALLED ")


@pytest.mark.airflow
def test_every_task_of_a_run_that_lost_its_lease_fails_before_writing(
    engine, tmp_path: Path,
) -> None:
    """A restarted DAG run whose lease another run took: plan, views and quality (which did not
    check it) fail in one line each, and the other run's lease is left as it was."""
    _held_elsewhere(engine)
    called = _call_tasks(engine, tmp_path)
    lost = f"run {RUN} lost the run lease; run cli-run (pid 4242 on elsewhere: wirehouse run)"
    assert [line.split(" has held")[0] for line in called[:3]] == [lost] * 3
    assert called[3] == "cli-run"


@pytest.mark.airflow
def test_the_tasks_of_the_run_holding_the_lease_renew_it_and_quality_gives_it_back(
    engine, tmp_path: Path,
) -> None:
    take_run_lease(RUN, _settings(engine, tmp_path), holder="wirehouse_events.stories")
    with engine.begin() as conn:  # nearly lapsed: each task renews it
        conn.execute(RunLease.__table__.update().values(
            expires_at=datetime.now(UTC) + timedelta(seconds=30)))
    assert _call_tasks(engine, tmp_path) == ["ok", "ok", "ok", None]


def test_a_dag_runs_lease_is_taken_for_the_heartbeats_term(engine, tmp_path: Path) -> None:
    take_run_lease(RUN, _settings(engine, tmp_path, airflow_lease_seconds=120),
                   holder="wirehouse_ingest.begin")
    row = lease.holder(engine)
    assert (row.kind, row.host, row.holder) == ("airflow", socket.gethostname(),
                                                "wirehouse_ingest.begin")
    assert timedelta(seconds=115) < _expires(engine) - datetime.now(UTC) <= timedelta(seconds=120)
