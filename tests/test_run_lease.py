"""The run lease names its holder, on SQLite and PostgreSQL: a DAG run's lease whose Airflow
scheduler is gone from this host (Airflow stopped with Ctrl-C mid-run) is taken over by the next
run with one warning; a live holder, or one on another host, blocks with a line saying whose
lease it is, since and until when, and how to free it; `wirehouse lease` shows it and
`wirehouse lease --release` gives it back (not while its process runs on this host).
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import insert, select

from load.models import Run, RunLease
from load.reading import SQLiteReader
from wirehouse import cli, lease
from wirehouse.airflow_support import lease_holder, scheduler_pid
from wirehouse.errors import RunLockedError
from wirehouse.runlock import run_lock
from wirehouse.settings import Settings

TAKEN = datetime(2026, 12, 6, 0, 10, 3, tzinfo=UTC)


@pytest.fixture
def run_settings(make_run_settings: Callable[[Sequence[str]], Settings]) -> Settings:
    """Settings whose run fails at once: its feed is on port 1, where nothing listens."""
    return make_run_settings(["http://127.0.0.1:1/feed.xml"])


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, run_settings: Settings) -> None:
    monkeypatch.setenv("WIREHOUSE_DATA_DIR", str(run_settings.data_dir))
    monkeypatch.setenv("WIREHOUSE_DB_URL", run_settings.warehouse_url)
    monkeypatch.setenv("WIREHOUSE_FEEDS", str(run_settings.feeds))
    monkeypatch.setenv("WIREHOUSE_MAX_RETRIES", "0")
    monkeypatch.setenv("WIREHOUSE_CONNECT_TIMEOUT", "1")


@pytest.fixture
def live_pid() -> Iterator[int]:
    """A process of this host that runs for the test (another process than the test's)."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        yield sleeper.pid
    finally:
        sleeper.kill()
        sleeper.wait()


def _ended_pid() -> int:
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(ended.stdout)


def _hold(engine, *, run_id: str = "manual__2026-12-06T00:10:00+00:00", kind: str = "airflow",
          host: str | None = None, pid: int | None, holder: str = "wirehouse_events.stories",
          taken: datetime = TAKEN) -> None:
    """A lease as a DAG run's task leaves it: taken at ``taken``, for six hours from now."""
    with engine.begin() as conn:
        conn.execute(insert(RunLease).values(
            name=lease.NAME, run_id=run_id, kind=kind, host=host or socket.gethostname(),
            pid=pid, holder=holder, acquired_at=taken,
            expires_at=datetime.now(UTC) + timedelta(hours=6)))


def test_a_dag_runs_lease_whose_scheduler_ended_is_taken_over_with_one_warning(
    run_settings: Settings, engine, env: None, capsys: pytest.CaptureFixture[str],
) -> None:
    gone = _ended_pid()
    _hold(engine, pid=gone)
    assert cli.main(["run"]) == 1  # taken over; its one feed then fails
    err = capsys.readouterr().err
    warnings = [line for line in err.splitlines() if "warning" in line]
    here = socket.gethostname()
    assert warnings == [
        f"wirehouse: warning: taking over the run lease: run manual__2026-12-06T00:10:00+00:00 "
        f"(Airflow on {here}: wirehouse_events.stories, scheduler pid {gone}) has held the run "
        "lease since 2026-12-06 00:10:03 UTC, until " + warnings[0].split("until ")[1]
    ]
    assert warnings[0].endswith("UTC; its process has ended")
    with engine.connect() as conn:
        assert conn.scalar(select(Run.error)).startswith("every feed failed")
    assert lease.holder(engine) is None, "the run gave the lease back"


def test_a_live_holder_blocks_with_whose_lease_it_is(
    run_settings: Settings, engine, env: None, live_pid: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    taken = datetime.now(UTC)  # after its process started
    _hold(engine, pid=live_pid, taken=taken)
    assert cli.main(["run"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(
        "wirehouse: error: another wirehouse run is in progress: run "
        f"manual__2026-12-06T00:10:00+00:00 (Airflow on {socket.gethostname()}: "
        f"wirehouse_events.stories, scheduler pid {live_pid}) has held the run lease since "
        f"{taken:%Y-%m-%d %H:%M:%S} UTC, until ")
    assert err.endswith("UTC; wait for it to finish or stop it") and "\n" not in err
    with engine.connect() as conn:
        assert conn.scalars(select(Run.id)).all() == [], "the refused run recorded itself"
    assert lease.holder(engine).pid == live_pid


def test_a_pid_reused_by_a_process_started_after_the_lease_was_taken_is_no_holder(
    run_settings: Settings, engine, live_pid: int, caplog: pytest.LogCaptureFixture,
) -> None:
    """After a reboot or in a restarted container, the scheduler's pid may run another process:
    one that started after the lease was taken cannot be what took it."""
    _hold(engine, pid=live_pid, taken=datetime.now(UTC) - timedelta(minutes=5))
    with run_lock(run_settings, run_id="cli-run", holder="wirehouse run"):
        assert lease.holder(engine).holder == "wirehouse run"
    assert [r.getMessage().rsplit("; ", 1)[1] for r in caplog.records
            if r.levelname == "WARNING"] == ["its process has ended"]


def test_a_holder_on_another_host_is_kept_and_the_message_says_how_to_free_it(
    run_settings: Settings, engine
) -> None:
    _hold(engine, host="celery-worker-7", pid=4242, holder="wirehouse_ingest.begin")
    with pytest.raises(RunLockedError) as refused, run_lock(run_settings, run_id="cli-run"):
        pytest.fail("a lease held on another host was taken over")
    assert str(refused.value).endswith(
        "(Airflow on celery-worker-7: wirehouse_ingest.begin, scheduler pid 4242) has held the "
        "run lease since 2026-12-06 00:10:03 UTC, until "
        f"{lease.holder(engine).expires_at:%Y-%m-%d %H:%M:%S} UTC; wait for it to finish or stop "
        "it; if it is gone, `wirehouse lease --release` gives the lease back")


def test_wirehouse_lease_shows_and_releases_it(
    engine, env: None, capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["lease"]) == 0
    assert capsys.readouterr().out == "the run lease is free\n"
    _hold(engine, host="celery-worker-7", pid=4242, holder="wirehouse_ingest.begin")
    assert cli.main(["lease"]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert shown[0].startswith("run manual__2026-12-06T00:10:00+00:00 (Airflow on "
                               "celery-worker-7: wirehouse_ingest.begin, scheduler pid 4242) "
                               "has held the run lease since 2026-12-06 00:10:03 UTC, until ")
    assert shown[1] == ("  held: its process cannot be seen from here "
                        "(`wirehouse lease --release` if it is gone)")
    assert cli.main(["lease", "--release"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("released the run lease of run manual__2026-12-06T00:10:00+00:00 "
                          "(Airflow on celery-worker-7: wirehouse_ingest.begin, scheduler pid "
                          "4242), held since 2026-12-06 00:10:03 UTC, until ")
    assert lease.holder(engine) is None
    assert cli.main(["lease", "--release"]) == 0
    assert capsys.readouterr().out == "the run lease is free: nothing to release\n"


def test_the_light_reader_reads_the_lease_as_the_orm_does(engine) -> None:
    """`wirehouse lease` reads the row with sqlite3 or psycopg alone (load.reading): the same
    holder, and the same aware UTC times, as the commands that write read through the ORM."""
    from load.reading import EngineReader
    from wirehouse.lease_words import read_lease

    assert read_lease(EngineReader(engine)) is None
    _hold(engine, host="celery-worker-7", pid=4242, holder="wirehouse_ingest.begin")
    orm = lease.holder(engine)
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    reader = (SQLiteReader(path, str(engine.url)) if path else EngineReader(engine))
    light = read_lease(reader)
    assert [getattr(light, name) for name in _COLUMNS] == [getattr(orm, name) for name in _COLUMNS]
    assert light.acquired_at == TAKEN and lease.describe(light) == lease.describe(orm)


_COLUMNS = ("run_id", "kind", "host", "pid", "holder", "acquired_at", "expires_at")


def test_release_refuses_a_lease_whose_process_runs_here(
    engine, env: None, live_pid: int, capsys: pytest.CaptureFixture[str],
) -> None:
    taken = datetime.now(UTC)
    _hold(engine, run_id="cli-run", kind="cli", pid=live_pid, holder="wirehouse run", taken=taken)
    assert cli.main(["lease", "--release"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        "wirehouse: error: not releasing the run lease: run cli-run (pid "
        f"{live_pid} on {socket.gethostname()}: wirehouse run) has held the run lease since "
        f"{taken:%Y-%m-%d %H:%M:%S} UTC, until {lease.holder(engine).expires_at:%Y-%m-%d %H:%M:%S} "
        "UTC, and that process still runs on this host; wait for it to finish or stop it")
    assert lease.holder(engine).run_id == "cli-run"


def test_a_dag_task_names_itself_and_the_scheduler_it_runs_under(tmp_path) -> None:
    """The ancestor running `airflow scheduler` is the lease's process; without one, none."""
    assert scheduler_pid() is None  # pytest runs under no scheduler
    context = {"ti": SimpleNamespace(dag_id="wirehouse_events", task_id="stories")}
    assert lease_holder(context) == {"holder": "wirehouse_events.stories", "pid": None}
    # a process whose command line is `…/bin/airflow scheduler`, starting a task process
    task = ("from wirehouse.airflow_support import scheduler_pid; print(scheduler_pid())")
    scheduler = (f"import subprocess, sys, os; print(os.getpid()); sys.stdout.flush(); "
                 f"subprocess.run([sys.executable, '-c', {task!r}], check=True)")
    airflow = tmp_path / "bin" / "airflow"
    airflow.parent.mkdir()
    airflow.write_text(scheduler, encoding="utf-8")
    ran = subprocess.run([sys.executable, str(airflow), "scheduler"], capture_output=True,
                         text=True, check=True)
    scheduler_id, found = ran.stdout.split()
    assert found == scheduler_id
