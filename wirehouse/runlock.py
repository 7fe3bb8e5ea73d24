"""One run at a time per warehouse.

Two runs writing the same warehouse at once would interleave their feed updates, loads and event
assignment, so a run holds a lock for its whole length:

* PostgreSQL: a session-level advisory lock taken on a dedicated autocommit connection that stays
  open for the run. Its key is derived from the database and schema names, so separate warehouses
  sharing one server (or one database, in different schemas) never block each other. If that
  connection dies the server releases the lock with it.
* SQLite: ``fcntl.flock`` on a ``.lock`` file next to the database file (``<data_dir>/wirehouse.lock``
  for an in-memory database). The kernel releases it when the process exits, even by SIGKILL, so
  a crashed run never leaves a stale lock behind.

The Airflow DAGs rely on ``max_active_runs=1`` instead; :func:`wirehouse.pipeline.run_once` takes
this lock.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from load import db
from wirehouse.errors import PipelineError
from wirehouse.settings import Settings


class RunLockedError(PipelineError):
    """Another run holds the warehouse's run lock."""


def lock_path(settings: Settings) -> Path:
    """The lock file guarding a SQLite warehouse: ``<database file>.lock`` beside it."""
    url = db.normalize_url(settings.warehouse_url)
    database = url.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        return settings.data_dir / "wirehouse.lock"
    path = Path(database).expanduser()
    return path.with_name(path.name + ".lock")


def advisory_key(database: str, schema: str) -> int:
    """A signed 64-bit advisory lock key for one warehouse (database and schema)."""
    digest = hashlib.sha256(f"wirehouse-run:{database}:{schema}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def run_lock(settings: Settings, wait: bool = False) -> Iterator[None]:
    """Hold the warehouse's run lock for the ``with`` block.

    With ``wait`` the caller blocks until the lock is free; otherwise a held lock raises
    :class:`RunLockedError` at once. An unreachable warehouse raises
    :class:`load.db.WarehouseUnavailable`.
    """
    url = db.normalize_url(settings.warehouse_url)
    if url.get_backend_name() == "postgresql":
        with _advisory_lock(url, wait):
            yield
    else:
        with _file_lock(lock_path(settings), wait):
            yield


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


@contextmanager
def _advisory_lock(url: URL, wait: bool) -> Iterator[None]:
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
        try:
            _acquire(connection, key, wait, db.safe_url(url))
            try:
                yield
            finally:
                _release(connection, key)
        finally:
            connection.close()
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


__all__ = ["RunLockedError", "advisory_key", "lock_path", "run_lock"]
