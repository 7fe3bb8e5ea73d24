"""Run records that tell the truth and a run lock that holds, on SQLite and PostgreSQL: a failed
run ends `failed` with its error (the command line, the DAG's failure callback, and a killed run
settled by the next one), orphan archives of killed runs are settled, the run lease keeps
`wirehouse run` and DAG runs apart, a PostgreSQL lock whose connection is cut is taken again
only if free, and a symlinked SQLite path locks the same file. Fault records go to
bench/faults_report.py as in tests/test_hostile_input.py.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, text
from test_hostile_input import write_fault_record

from extract.archive import ArchiveWriter
from extract.http import FetchResult
from load.models import Article, Feed, FetchLog, Run, RunLease, Source
from wirehouse import cli, lease
from wirehouse.airflow_support import FailureNotifier
from wirehouse.errors import (
    AllFeedsFailedError,
    DataQualityError,
    RunLockedError,
    RunLockLostError,
)
from wirehouse.pipeline import begin_run, run_once, take_run_lease
from wirehouse.runlock import advisory_key, lock_path, run_lock
from wirehouse.settings import Settings


def begin_dag_run(run_id: str, settings: Settings) -> str:
    """A DAG run's begin task without Airflow: the run lease, then the runs row."""
    take_run_lease(run_id, settings)
    return begin_run(settings, run_id)


@pytest.fixture
def run_settings(make_run_settings: Callable[[Sequence[str]], Settings]) -> Settings:
    """Settings whose run fails at once: both feeds are on port 1, where nothing listens."""
    return make_run_settings(["http://127.0.0.1:1/feed.xml", "http://127.0.0.1:1/other.xml"])


def _env(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    monkeypatch.setenv("WIREHOUSE_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("WIREHOUSE_DB_URL", settings.warehouse_url)
    monkeypatch.setenv("WIREHOUSE_FEEDS", str(settings.feeds))
    monkeypatch.setenv("WIREHOUSE_MAX_RETRIES", "0")
    monkeypatch.setenv("WIREHOUSE_CONNECT_TIMEOUT", "1")


def test_a_run_where_every_feed_failed_ends_failed_with_its_error(
    run_settings: Settings, engine, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _env(monkeypatch, run_settings)
    assert cli.main(["run"]) == 1
    with engine.connect() as conn:
        run = conn.execute(select(Run)).one()
        held = conn.scalar(select(func.count()).select_from(RunLease))
    assert run.status == "failed" and run.finished_at is not None
    assert run.error.startswith("every feed failed (2)")
    assert held == 0, "the failed run kept the run lease"
    # its archive held nothing the run recorded: settled (deleted) with the failure
    assert list((run_settings.archive_dir / run.id).glob("*.warc.gz")) == []
    capsys.readouterr()
    assert cli.main(["stats"]) == 0
    assert f"{run.id} (failed: every feed failed (2)" in capsys.readouterr().out
    # in-process, with both feeds in back-off, the quality gate fails it: recorded the same way
    with pytest.raises(DataQualityError, match="feed failure share.*`wirehouse feeds list` shows.*"
                       "`wirehouse feeds retry` ends the back-off"):
        run_once(run_settings)
    with engine.connect() as conn:
        statuses = conn.scalars(select(Run.status)).all()
    assert statuses == ["failed", "failed"]


def test_a_run_that_fills_the_disk_is_recorded_with_the_commands_reason(
    run_settings: Settings, engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run's record said "(sqlite3.OperationalError) database or disk is full", where the
    command's line says "disk full": the record keeps the database's own words, as the line."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DBAPIError

    import wirehouse.pipeline

    scratch = create_engine("sqlite://")  # SQLite's page limit gives SQLITE_FULL, as a full disk
    with scratch.connect() as connection, pytest.raises(DBAPIError) as full:
        connection.exec_driver_sql("CREATE TABLE t (x TEXT)")
        connection.exec_driver_sql("PRAGMA max_page_count = 4")
        for _ in range(100):
            connection.exec_driver_sql("INSERT INTO t VALUES (?)", ("x" * 4000,))

    def fill_the_disk(*_args: object) -> None:
        raise full.value

    monkeypatch.setattr(wirehouse.pipeline, "_run_steps", fill_the_disk)
    with pytest.raises(DBAPIError):
        run_once(run_settings)
    with engine.connect() as conn:
        run = conn.execute(select(Run)).one()
    assert (run.status, run.error) == ("failed", "disk full: database or disk is full")


def test_a_failed_warc_ingest_is_recorded_failed_with_its_error(
    run_settings: Settings, engine, tmp_path: Path
) -> None:
    from extract.archive import ArchiveError
    from wirehouse.replay import ingest_warc

    not_a_warc = tmp_path / "page.warc.gz"
    not_a_warc.write_bytes(b"<html><body>no WARC here</body></html>")
    with pytest.raises(ArchiveError):
        ingest_warc(run_settings, [not_a_warc])
    with engine.connect() as conn:
        run = conn.execute(select(Run)).one()
    assert run.id.startswith("warc-") and run.status == "failed" and run.finished_at is not None
    assert run.error.startswith(f"{not_a_warc}: not a WARC file")


def test_a_failed_dag_run_is_recorded_failed_by_its_failure_callback(
    run_settings: Settings, engine
) -> None:
    run_id = begin_dag_run("scheduled__2026-12-02T02:00:00+00:00", run_settings)
    context = {"run_id": run_id, "reason": "task_failure"}
    FailureNotifier(run_settings, settle_run=True).notify(context)
    with engine.connect() as conn:
        run = conn.execute(select(Run)).one()
    assert run.status == "failed" and run.finished_at is not None
    assert "task_failure" in run.error
    assert lease.holder(engine) is None, "the failed DAG run kept the run lease"


def _fake_response(url: str) -> FetchResult:
    body = b"<!doctype html><html><body><p>kept</p></body></html>"
    return FetchResult(url=url, final_url=url, status_code=200,
                       headers=(("Content-Type", "text/html"),), body=body,
                       fetched_at=datetime.now(UTC), elapsed_ms=1)


def test_a_killed_run_is_settled_by_the_next_and_its_orphan_archives_too(
    run_settings: Settings, engine
) -> None:
    started = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
    last_fetch = started + timedelta(minutes=3)
    recorded_url, unrecorded_url = "http://news.example/recorded", "http://news.example/lost"
    with engine.begin() as conn:
        conn.execute(insert(Run).values(id="killed", started_at=started, status="running",
                                        feeds_ok=0, feeds_failed=0, pages_fetched=0,
                                        articles_new=0, duplicates_new=0, events_touched=0))
        conn.execute(insert(FetchLog).values(run_id="killed", url=recorded_url, kind="page",
                                             status_code=200, bytes=10, elapsed_ms=1, attempt=1,
                                             fetched_at=last_fetch))
        # the one article it stored before it died counts for it
        source = conn.execute(insert(Source).values(name="News", domain="news.example"))
        conn.execute(insert(Article).values(
            url=recorded_url, canonical_url=recorded_url, source_id=source.inserted_primary_key[0],
            title="kept", author="", text="kept", word_count=1, content_hash="0" * 64,
            first_seen_at=last_fetch, first_run_id="killed"))
    folder = run_settings.archive_dir / "killed"
    with ArchiveWriter(folder / "feeds-000001-a.warc.gz") as archive:
        archive.write(_fake_response(recorded_url))
    with ArchiveWriter(folder / "feeds-000002-b.warc.gz") as archive:
        archive.write(_fake_response(unrecorded_url))
    (folder / "feeds-000003-c.warc.gz").write_bytes(b"\x1f\x8b\x08 cut short by SIGKILL")

    with pytest.raises(AllFeedsFailedError):
        run_once(run_settings)

    with engine.connect() as conn:
        killed = conn.execute(select(Run).where(Run.id == "killed")).one()
    assert killed.status == "failed"
    assert killed.finished_at == last_fetch
    assert killed.error.startswith("interrupted: the run's process ended before it finished")
    assert killed.articles_new == 1
    assert sorted(p.name for p in folder.iterdir()) == ["feeds-000001-a.warc.gz"]
    write_fault_record(f"killed-run-records-{engine.dialect.name}", {
        "fault": f"a killed run left `running` with a recorded, an unrecorded and a truncated "
                 f"archive ({engine.dialect.name})",
        "tried": 3, "survived": 3, "rows_lost": 0,
    })


def test_the_run_lease_keeps_command_line_and_dag_runs_apart(
    run_settings: Settings, engine
) -> None:
    begin_dag_run("manual__1", run_settings)
    with pytest.raises(RunLockedError, match="run manual__1 \\(Airflow"):
        run_once(run_settings)
    with engine.connect() as conn:
        assert conn.scalars(select(Run.id)).all() == ["manual__1"]
        assert conn.scalar(select(func.count()).select_from(Feed).where(
            Feed.last_fetched_at.is_not(None))) == 0
    assert lease.release(engine, "manual__1")
    with run_lock(run_settings, run_id="cli-run"), \
            pytest.raises(RunLockedError, match="run cli-run \\(pid"):
        begin_dag_run("manual__2", run_settings)
    # a command-line run killed on this host: its lease is taken over at once
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    with engine.begin() as conn:
        conn.execute(insert(RunLease).values(
            name=lease.NAME, run_id="killed-cli", kind="cli", host=__import__("socket").gethostname(),
            pid=int(dead.stdout), acquired_at=datetime.now(UTC),
            expires_at=datetime.now(UTC) + timedelta(hours=1)))
    begin_dag_run("manual__3", run_settings)
    assert lease.holder(engine).run_id == "manual__3"
    write_fault_record(f"run-lease-{engine.dialect.name}", {
        "fault": f"a command-line run during a DAG run, a DAG run during a command-line run, a "
                 f"dead run's lease ({engine.dialect.name})",
        "tried": 3, "survived": 3, "rows_lost": 0,
    })


def test_replays_take_the_run_lease_too(run_settings: Settings, engine) -> None:
    """reprocess, ingest-warc and the quarantine retry write the warehouse as runs do, so a DAG
    run holding the lease keeps them out (and they write nothing)."""
    from wirehouse.replay import ingest_warc, reprocess, retry_quarantine

    begin_dag_run("manual__9", run_settings)
    replays = {
        "reprocess": lambda: reprocess(run_settings, datetime(2000, 1, 1, tzinfo=UTC)),
        "ingest-warc": lambda: ingest_warc(run_settings, []),
        "quarantine retry": lambda: retry_quarantine(run_settings),
    }
    for name, replay in replays.items():
        with pytest.raises(RunLockedError, match="run manual__9 \\(Airflow"):
            replay()
        with engine.connect() as conn:
            assert conn.scalars(select(Run.id)).all() == ["manual__9"], name
    assert lease.release(engine, "manual__9")


def _terminate_lock_holder(engine, key: int) -> None:
    with engine.connect() as conn:
        pid = conn.scalar(text(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = :key"), {"key": key})
        assert pid is not None
        # With a timeout, PostgreSQL returns only once the backend has exited, so its
        # advisory lock is released: without one the call returns on the signal alone.
        assert conn.scalar(text("SELECT pg_terminate_backend(:pid, 10000)"), {"pid": pid})


def test_a_cut_lock_connection_is_taken_again_only_when_free(
    run_settings: Settings, engine, caplog: pytest.LogCaptureFixture
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("advisory locks are PostgreSQL's")
    with engine.connect() as conn:
        key = advisory_key(conn.scalar(text("SELECT current_database()")),
                           conn.scalar(text("SELECT current_schema()")))
    with run_lock(run_settings, run_id="first") as held:
        _terminate_lock_holder(engine, key)
        held.check()  # the lock was free: taken again, and said so
        assert "the lock was free and is held again" in caplog.text
        with pytest.raises(RunLockedError), run_lock(run_settings, run_id="second"):
            pytest.fail("two runs hold the warehouse")  # a second run is still refused
        _terminate_lock_holder(engine, key)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as thief:
            assert thief.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": key})
            with pytest.raises(RunLockLostError, match="another run took the lock"):
                held.check()
            with pytest.raises(RunLockLostError):  # and it stays lost
                held.check()
    write_fault_record("pg-lock-connection-cut", {
        "fault": "the run lock's PostgreSQL connection terminated, then the lock taken by another",
        "tried": 2, "survived": 2, "rows_lost": 0,
    })


def test_two_runs_through_a_symlinked_sqlite_path_do_not_both_run(
    tmp_path: Path, run_settings: Settings, engine
) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("a SQLite file path")
    database = Path(engine.url.database)
    link = tmp_path / "elsewhere"
    link.symlink_to(database.parent, target_is_directory=True)
    linked = dataclasses.replace(run_settings, db_url=f"sqlite:///{link / database.name}")
    assert lock_path(linked) == lock_path(run_settings)
    with run_lock(run_settings), pytest.raises(RunLockedError):
        run_once(linked)
