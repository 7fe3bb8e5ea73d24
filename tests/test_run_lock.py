"""One run at a time per warehouse: a flock beside the SQLite file, an advisory lock on PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from load.models import Feed, Run
from wirehouse import cli
from wirehouse.pipeline import run_once
from wirehouse.runlock import RunLockedError, advisory_key, lock_path, run_lock
from wirehouse.settings import Settings, load_settings

# waits that end as soon as what they wait for happens; only a loaded machine waits long
HANG_GUARD = 240.0


@pytest.fixture
def run_settings(make_run_settings: Callable[[Sequence[str]], Settings]) -> Settings:
    """Settings whose run would write feeds at once if it were let in (its one feed is on port 1,
    where nothing listens)."""
    return make_run_settings(["http://127.0.0.1:1/feed.xml"])


def test_lock_file_sits_beside_the_sqlite_file(tmp_path: Path) -> None:
    on_file = load_settings(env={}, data_dir=tmp_path / "d", db_url=f"sqlite:///{tmp_path}/w/x.db")
    assert lock_path(on_file) == tmp_path / "w" / "x.db.lock"
    default = load_settings(env={}, data_dir=tmp_path / "d")
    assert lock_path(default) == (tmp_path / "d" / "warehouse.db.lock").resolve()
    in_memory = load_settings(env={}, data_dir=tmp_path / "d", db_url="sqlite://")
    assert lock_path(in_memory) == tmp_path / "d" / "wirehouse.lock"


def test_advisory_keys_differ_per_warehouse_and_fit_bigint() -> None:
    keys = {advisory_key(db, schema) for db in ("a", "b") for schema in ("public", "t_1")}
    assert len(keys) == 4
    assert all(-(2**63) <= key < 2**63 for key in keys)
    assert advisory_key("a", "public") == advisory_key("a", "public")


def test_second_run_is_refused_and_writes_nothing(run_settings: Settings, engine) -> None:
    with run_lock(run_settings):
        with pytest.raises(RunLockedError, match="holds the"):
            run_once(run_settings)
        with pytest.raises(RunLockedError), run_lock(run_settings):
            pytest.fail("a second holder got the lock")
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Run)) == 0
        assert conn.scalar(select(func.count()).select_from(Feed)) == 0


def test_lock_is_free_again_after_the_block_even_after_an_error(run_settings: Settings) -> None:
    with pytest.raises(KeyError), run_lock(run_settings):
        raise KeyError("boom")
    with run_lock(run_settings):
        pass


def test_waiting_run_starts_only_after_the_holder_releases(run_settings: Settings) -> None:
    holding, release = threading.Event(), threading.Event()
    released_at: list[float] = []

    def holder() -> None:
        with run_lock(run_settings):
            holding.set()
            release.wait(HANG_GUARD)
            time.sleep(0.3)  # the waiter is meanwhile refused (ordering is checked below)
            released_at.append(time.monotonic())

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        assert holding.wait(HANG_GUARD)  # ends early: only a loaded machine waits long
        release.set()
        with run_lock(run_settings, wait=True):
            acquired_at = time.monotonic()
    finally:
        release.set()
        thread.join(HANG_GUARD)
    assert released_at and acquired_at >= released_at[0]


def test_separate_warehouses_do_not_block_each_other(tmp_path: Path) -> None:
    first = load_settings(env={}, data_dir=tmp_path / "a")
    second = load_settings(env={}, data_dir=tmp_path / "b")
    with run_lock(first), run_lock(second):
        pass


def test_cli_refuses_a_locked_warehouse_in_one_line(
    run_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WIREHOUSE_DATA_DIR", str(run_settings.data_dir))
    monkeypatch.setenv("WIREHOUSE_DB_URL", run_settings.warehouse_url)
    monkeypatch.setenv("WIREHOUSE_FEEDS", str(run_settings.feeds))
    with run_lock(run_settings):
        code = cli.main(["run"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("wirehouse: error: another wirehouse run")


def test_demo_run_on_a_locked_warehouse_serves_nothing_and_changes_no_feed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A second `demo run` beside a running one served the sites on free ports, wrote its feed
    list and set the running demo's feeds inactive, then failed on the lock."""
    monkeypatch.setenv("WIREHOUSE_DATA_DIR", str(tmp_path))
    settings = load_settings(env={}, data_dir=tmp_path)
    with run_lock(settings):
        code = cli.main(["demo", "run", "--port", "0"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("wirehouse: error: another wirehouse run"), err
    assert not (tmp_path / "demo-feeds.opml").exists()


def test_postgres_lock_survives_its_backend_being_terminated(
    run_settings: Settings, engine
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("advisory locks are PostgreSQL's")
    with run_lock(run_settings):
        with engine.connect() as conn:
            schema = conn.scalar(text("SELECT current_schema()"))
            key = advisory_key(conn.scalar(text("SELECT current_database()")), schema)
            pid = conn.scalar(
                text(
                    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
                    "AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = :key"
                ),
                {"key": key},
            )
            assert pid is not None, "the advisory lock is not visible in pg_locks"
            assert conn.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        deadline = time.monotonic() + HANG_GUARD  # ends early: only a loaded machine waits long
        while True:  # the lock goes with the terminated session
            try:
                with run_lock(run_settings):
                    break
            except RunLockedError:
                assert time.monotonic() < deadline, "lock still held after its backend ended"
                time.sleep(0.05)
    # leaving the original block on a dead connection raised nothing, and the lock is free
    with run_lock(run_settings):
        pass
