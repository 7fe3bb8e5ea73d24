"""The warehouse's errors, apart from :mod:`load.db` so that code reading the warehouse without
SQLAlchemy (:mod:`load.reading`) raises and reports the same ones."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

# SQLite's primary result codes (an extended code holds one in its low byte)
_SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 13, 14
# PostgreSQL's SQLSTATE disk_full: its message ("could not extend file ...: wrote only 4096 of
# 8192 bytes at block 0") leaves the cause to a hint
_PG_DISK_FULL = "53100"
# libpq's connection options whose value it reads as an integer (its parse_int_param) only while
# it tries a server, so that a bad value was worded as a failed attempt ("connection to server
# at ... failed: invalid integer value"), as if the server were unreachable: they are checked
# before connecting (port and connect_timeout are read before any attempt and refused as such).
_LIBPQ_INTEGER_OPTIONS = frozenset(
    {"keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout"}
)
# What libpq's parse_int_param takes: C's strtol, white space either side, a C int
_LIBPQ_INTEGER = re.compile(r"[ \t\n\v\f\r]*[+-]?[0-9]+[ \t\n\v\f\r]*", re.ASCII)
_C_INT_BITS = 31
# Linux's ranges (setsockopt's) for the keepalive options libpq sets on a TCP connection unless
# `keepalives=0` (it turns a negative value into 0, refused too): libpq worded the refusal as a
# failed attempt ("connection to server at ... failed: setsockopt(TCP_KEEPIDLE) failed: Invalid
# argument"), as if the server were unreachable
_LINUX_KEEPALIVE_RANGES = {
    "keepalives_idle": (1, 32767),
    "keepalives_interval": (1, 32767),
    "keepalives_count": (1, 127),
}


class WarehouseError(Exception):
    """Base of every warehouse failure."""


class WarehouseUnavailable(WarehouseError):
    """The warehouse database cannot be reached or opened."""


def refused_connection_options(exc: BaseException) -> bool:
    """Whether the PostgreSQL driver refused the warehouse URL's connection options before trying
    any server: an option libpq or psycopg does not know (``?foo=1``) or a value it does not take
    (``?sslmode=bogus``, ``?connect_timeout=soon``). psycopg raises ProgrammingError for what it
    checks itself; libpq words each failed attempt at a server "connection to server at ...
    failed" (or "on socket"), so an OperationalError on a connection libpq made that names no
    attempt is a refusal of the options. Such a URL is a configuration error: no server and no
    retry makes it work."""
    if not type(exc).__module__.startswith("psycopg"):
        return False
    if type(exc).__name__ == "ProgrammingError":
        return True
    return (
        type(exc).__name__ == "OperationalError"
        and getattr(exc, "pgconn", None) is not None
        and "connection to server" not in str(exc)
    )


def refused_options(options: Iterable[tuple[str, str]]) -> str | None:
    """Why libpq refuses the connection ``options`` (name and value pairs), when it would say so
    only on trying a server: an integer option (:data:`_LIBPQ_INTEGER_OPTIONS`) whose value is
    no C int as its strtol reads it, or, on Linux, a keepalive option out of the kernel's range
    (:data:`_LINUX_KEEPALIVE_RANGES`) while keepalives are on. None when libpq takes them or
    reads the option before any attempt (its refusal is then worded by
    :func:`connection_failure`). The range is checked whatever the host: libpq sets no
    keepalive on a Unix socket, where such a value means nothing either."""
    integers: dict[str, int] = {}
    for name, value in options:
        if name not in _LIBPQ_INTEGER_OPTIONS:
            continue
        if not _LIBPQ_INTEGER.fullmatch(value) or not (
            -(2**_C_INT_BITS) <= int(value) < 2**_C_INT_BITS
        ):
            return f"connection option {name} must be an integer, got {value!r}"
        integers[name] = int(value)
    if sys.platform != "linux" or integers.get("keepalives") == 0:
        return None
    for name, (low, high) in _LINUX_KEEPALIVE_RANGES.items():
        if name in integers and not low <= integers[name] <= high:
            return f"connection option {name} must be {low}-{high} on Linux, got {integers[name]}"
    return None


def connection_failure(
    exc: BaseException, safe_url: str, database: str | None = None
) -> Exception:
    """The error for a connection to the warehouse at ``safe_url`` that failed with the
    driver's ``exc`` (``database``: a SQLite file, see :func:`database_reason`): a
    configuration error when the driver refused the URL's options
    (:func:`refused_connection_options`), else :class:`WarehouseUnavailable`."""
    reason = database_reason(exc, database)
    if refused_connection_options(exc):
        from wirehouse.settings import ConfigError

        return ConfigError(
            f"WIREHOUSE_DB_URL {safe_url}: the driver refuses its connection options (the "
            f"URL's, or a PG* environment variable's): {reason.removeprefix('connection is bad: ')}"
        )
    return WarehouseUnavailable(f"warehouse unavailable at {safe_url}: {reason}")


def missing_sqlite_file(path: str) -> WarehouseUnavailable:
    """The error for a SQLite warehouse file that does not exist (only `db upgrade` creates one),
    or cannot, a file standing where the path needs a directory (`db upgrade` would refuse)."""
    blocking = next(
        (parent for parent in Path(path).parents if parent.exists() and not parent.is_dir()),
        None,
    )
    if blocking is not None:  # a file, or a device such as /dev/null
        kind = "a file, not a directory" if blocking.is_file() else "not a directory"
        return WarehouseUnavailable(f"no warehouse at {path}: {blocking} is {kind}")
    return WarehouseUnavailable(f"no warehouse at {path}: run `wirehouse db upgrade` to create it")


def directory_not_database(safe_url: str, path: str) -> WarehouseUnavailable:
    """The error for a SQLite warehouse path naming a directory (SQLite would only say "unable to
    open database file")."""
    return WarehouseUnavailable(
        f"warehouse unavailable at {safe_url}: {path} is a directory, not a database file"
    )


def unreadable_sqlite_file(safe_url: str, path: str) -> WarehouseUnavailable:
    """The error for a SQLite warehouse file the process may not read (SQLite would only say
    "unable to open database file")."""
    return WarehouseUnavailable(
        f"warehouse unavailable at {safe_url}: permission denied reading {path}"
    )


def database_reason(exc: BaseException, database: str | None = None) -> str:
    """The first line of a database driver's error. SQLite's "database or disk is full"
    (SQLITE_FULL), its "disk I/O error" on a disk with no space left (the WAL index cannot
    grow: ``database`` is the file's path) and PostgreSQL's errors of SQLSTATE disk_full begin
    with "disk full: ". SQLite's "unable to open database file" (SQLITE_CANTOPEN) on an
    existing file says why when its directory takes no new file: SQLite creates the WAL index
    (``-shm``) there to read it, and a journal to write."""
    lines = str(exc).strip().splitlines()
    reason = lines[0] if lines else type(exc).__name__
    if getattr(exc, "sqlstate", None) == _PG_DISK_FULL:
        return f"disk full: {reason}"
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return reason
    if code & 0xFF == _SQLITE_FULL or (
        code & 0xFF == _SQLITE_IOERR and database and _no_space_left(database)
    ):
        return f"disk full: {reason}"
    if code & 0xFF == _SQLITE_CANTOPEN and database:
        directory = Path(database).expanduser().absolute().parent
        if on_read_only_file_system(directory):
            return f"{reason}: {directory} is on a read-only file system"
        if directory.is_dir() and not os.access(directory, os.W_OK):
            return (
                f"{reason}: SQLite cannot create the WAL index beside it, "
                f"{directory} is not writable"
            )
    return reason


def on_read_only_file_system(path: str | Path) -> bool:
    """Whether ``path`` lies on a file system mounted read-only (a snapshot, a ``ro`` mount)."""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _no_space_left(database: str) -> bool:
    """Whether the disk holding the SQLite file ``database`` has no block left to write."""
    try:
        return os.statvfs(Path(database).expanduser().absolute().parent).f_bavail == 0
    except OSError:
        return False


def wrong_revision(
    safe_url: str, current: str | None, head: str, known: frozenset[str]
) -> WarehouseError:
    """The error for a warehouse whose schema is not at the code's newest revision: `db upgrade`
    migrates one at a revision in ``known``; one at another was migrated by a newer version."""
    if current is not None and current not in known:
        return newer_revision(safe_url, current, head)
    return WarehouseError(
        f"warehouse {safe_url} is at schema revision {current or 'none'}, "
        f"not {head}: run `wirehouse db upgrade`"
    )


def newer_revision(safe_url: str, current: str, head: str) -> WarehouseError:
    """The error for a warehouse at a schema revision the code does not ship (no downgrade)."""
    return WarehouseError(
        f"warehouse {safe_url} is at schema revision {current}, which this Wirehouse does not "
        f"know (its newest is {head}): it was migrated by a newer version, use that one"
    )


__all__ = [
    "WarehouseError",
    "WarehouseUnavailable",
    "connection_failure",
    "database_reason",
    "directory_not_database",
    "missing_sqlite_file",
    "newer_revision",
    "on_read_only_file_system",
    "refused_connection_options",
    "refused_options",
    "wrong_revision",
]
