"""One run at a time per warehouse.

Two runs writing the same warehouse at once would interleave their feed updates, loads and event
assignment, so a run holds a lock for its whole length:

* PostgreSQL: a session-level advisory lock taken on a dedicated autocommit connection that stays
  open for the run. Its key is derived from the database and schema names, so separate warehouses
  sharing one server (or one database, in different schemas) never block each other. If that
  connection dies the server releases the lock with it, so the connection is watched: when it is
  lost the lock is taken again if it is free (with a warning), and otherwise the run stops at its
  next check (:class:`RunLockLostError`).
* SQLite: ``fcntl.flock`` on a ``.lock`` file next to the database file, its path resolved so
  that a symlinked path locks the same file (``<data_dir>/wirehouse.lock`` for an in-memory
  database). The kernel releases it when the process exits, even by SIGKILL, so a crashed run
  never leaves a stale lock behind.

Given a ``run_id``, :func:`run_lock` also takes the run lease (:mod:`wirehouse.lease`), which the
DAG runs take too, and renews it from a watcher thread that also checks the PostgreSQL lock.
:func:`wirehouse.pipeline.run_once` does so and calls :meth:`HeldLock.check` between steps.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from load import db
from wirehouse import lease
from wirehouse.errors import RunLockedError, RunLockLostError
from wirehouse.settings import Settings

log = logging.getLogger(__name__)


class HeldLock:
    """The run's hold on the warehouse. :meth:`check` raises :class:`RunLockLostError` once the
    PostgreSQL lock or the lease is lost; a watcher thread runs the same check in between."""

    def __init__(self) -> None:
        self._checks: list[Callable[[], None]] = []
        self._lost: RunLockLostError | None = None
        self._mutex = threading.Lock()

    def add_check(self, check: Callable[[], None]) -> None:
        self._checks.append(check)

    @property
    def watched(self) -> bool:
        """Whether anything is checked (the PostgreSQL lock, the lease)."""
        return bool(self._checks)

    def check(self) -> None:
        with self._mutex:
            if self._lost is None:
                try:
                    for one in self._checks:
                        one()
                except RunLockLostError as exc:
                    self._lost = exc
            if self._lost is not None:
                raise self._lost

    @property
    def lost(self) -> RunLockLostError | None:
        return self._lost


@contextmanager
def _watching(held: HeldLock, interval: float) -> Iterator[None]:
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(interval):
            try:
                held.check()
            except RunLockLostError as exc:
                log.error("%s", exc)
                return
            except (SQLAlchemyError, OSError) as exc:  # a busy or briefly absent warehouse
                log.warning("run lock check failed, trying again: %s", exc)

    thread = threading.Thread(target=watch, name="wirehouse-lock-watch", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def lock_path(settings: Settings) -> Path:
    """The lock file guarding a SQLite warehouse: ``<database file>.lock`` beside it."""
    url = db.normalize_url(settings.warehouse_url)
    database = url.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        return settings.data_dir / "wirehouse.lock"
    path = Path(database).expanduser().resolve()  # a symlinked path locks the same file
    return path.with_name(path.name + ".lock")


def advisory_key(database: str, schema: str) -> int:
    """A signed 64-bit advisory lock key for one warehouse (database and schema)."""
    digest = hashlib.sha256(f"wirehouse-run:{database}:{schema}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def run_lock(settings: Settings, wait: bool = False, run_id: str | None = None,
             holder: str | None = None) -> Iterator[HeldLock]:
    """Hold the warehouse's run lock (and, given ``run_id``, the run lease, naming ``holder``:
    the command taking it) for the block.

    With ``wait`` the caller blocks until the lock is free; otherwise a held lock raises
    :class:`RunLockedError` at once, as does a lease another live run holds. An unreachable
    warehouse raises :class:`load.db.WarehouseUnavailable`.
    """
    url = db.normalize_url(settings.warehouse_url)
    held = HeldLock()
    if url.get_backend_name() == "postgresql":
        with _advisory_lock(url, wait, held), _leased(settings, url, run_id, holder, held):
            yield held
    else:
        with _file_lock(lock_path(settings), wait), _leased(settings, url, run_id, holder, held):
            yield held


@contextmanager
def _leased(settings: Settings, url: URL, run_id: str | None, holder: str | None,
            held: HeldLock) -> Iterator[None]:
    if run_id is None and not held.watched:  # the PostgreSQL lock is watched even without one
        yield
        return
    engine = db.make_engine(url)
    ttl = timedelta(seconds=settings.lease_seconds)
    try:
        if run_id is not None:
            lease.acquire(engine, run_id, "cli", ttl, holder=holder)
            held.add_check(lambda: lease.renew(engine, run_id, ttl))
        try:
            with _watching(held, min(5.0, settings.lease_seconds / 3)):
                yield
        finally:
            if run_id is not None:
                try:
                    lease.release(engine, run_id)
                except SQLAlchemyError as exc:  # it lapses by itself
                    log.warning("could not give back the run lease: %s", exc)
    finally:
        engine.dispose()


@contextmanager
def _file_lock(path: Path, wait: bool) -> Iterator[None]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="ascii")  # noqa: SIM115 - held for the whole run
    except OSError as exc:
        raise db.WarehouseUnavailable(f"cannot open the run lock file {path}: {exc}") from exc
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise RunLockedError(
                f"another wirehouse run (pid {holder}) holds the lock {path}; "
                "wait for it to finish or stop it"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()  # closing the last descriptor releases the flock


class _AdvisoryWatch:
    """Checks the lock's connection still holds the lock; re-takes it only if it is free."""

    def __init__(self, engine: Engine, connection: Connection, key: int, where: str) -> None:
        self.engine, self.connection, self.key, self.where = engine, connection, key, where

    def __call__(self) -> None:
        try:
            if self.connection.execute(_HELD, {"key": self.key}).scalar_one():
                return
        except DBAPIError:
            pass
        self.connection.close()
        self.connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            taken = self.connection.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}).scalar_one()
        except DBAPIError as exc:
            raise RunLockLostError(f"the run lock's connection to {self.where} was lost and "
                                   f"could not be restored: {_first_line(exc)}") from exc
        if not taken:
            raise RunLockLostError(f"the run lock's connection to {self.where} was lost and "
                                   "another run took the lock: stopping before writing more")
        log.warning("the run lock's connection to %s was lost; the lock was free and is held "
                    "again", self.where)


_HELD = text(
    "SELECT count(*) > 0 FROM pg_locks WHERE locktype = 'advisory' AND granted "
    "AND pid = pg_backend_pid() AND objsubid = 1 "
    "AND ((classid::bigint << 32) | objid::bigint) = :key"
)


@contextmanager
def _advisory_lock(url: URL, wait: bool, held: HeldLock) -> Iterator[None]:
    engine = db.make_engine(url)
    try:
        db.check_connection(engine)
        try:
            connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            database, schema = connection.execute(
                text("SELECT current_database(), current_schema()")
            ).one()
        except DBAPIError as exc:
            raise db.WarehouseUnavailable(
                f"warehouse unavailable at {db.safe_url(url)}: {_first_line(exc)}"
            ) from exc
        key = advisory_key(database, schema or "")
        watch = _AdvisoryWatch(engine, connection, key, db.safe_url(url))
        try:
            _acquire(connection, key, wait, db.safe_url(url))
            held.add_check(watch)
            try:
                yield
            finally:
                _release(watch.connection, key)
        finally:
            watch.connection.close()
    finally:
        engine.dispose()


def _acquire(connection: Connection, key: int, wait: bool, where: str) -> None:
    if wait:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
        return
    if connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar_one():
        return
    holder = connection.execute(
        text(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            "AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = :key"
        ),
        {"key": key},
    ).scalar()
    raise RunLockedError(
        f"another wirehouse run (PostgreSQL backend pid {holder or 'unknown'}) holds the run lock "
        f"of {where}; wait for it to finish or stop it"
    )


def _release(connection: Connection, key: int) -> None:
    """Unlock; a connection that died during the run already lost the lock with its session."""
    try:
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise


def _first_line(exc: BaseException) -> str:
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


__all__ = ["HeldLock", "RunLockLostError", "RunLockedError", "advisory_key", "lock_path",
           "run_lock"]
