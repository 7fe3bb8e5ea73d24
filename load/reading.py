"""Reading the warehouse with the documented queries of ``sql/queries``, for the reading
commands (`stats`, `events`, `articles`, `feeds list`, `websub list`).

A plain SQLite file is read with the standard library's ``sqlite3``, and a plain PostgreSQL URL
(no escapes; options such as ``?sslmode=require`` allowed) with psycopg alone: those commands
then start without SQLAlchemy, whose import is most of their time. Any other warehouse URL (one
with %-escapes, an IPv6 or several hosts, an option whose value SQLAlchemy quotes) is read
through SQLAlchemy (:func:`load.db.run_query`), whose parser alone reads such URLs as the other
commands do. The queries are the same files either way, so the
readers return the same rows; only the values' types differ as the engines' do (timestamps
come back from SQLite as text, see sql/README.md).
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from load.errors import (
    WarehouseError,
    WarehouseUnavailable,
    connection_failure,
    database_reason,
    directory_not_database,
    missing_sqlite_file,
    on_read_only_file_system,
    refused_options,
    unreadable_sqlite_file,
    wrong_revision,
)
from load.schema_files import head_revision, known_revisions, sql_text
from wirehouse.redact import mask_secrets

# typing.TYPE_CHECKING, without importing typing (a few percent of a reading command's start-up)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import psycopg
    from sqlalchemy import Engine

Row = dict[str, object]
# The largest integer SQLite and PostgreSQL's bigint hold: a larger id or LIMIT cannot be bound.
LARGEST_COUNT = 2**63 - 1
_PLAIN_SQLITE = "sqlite:///"
# SCHEME:// then an optional USER, ":PASSWORD" and "@", HOST, ":PORT", "/DATABASE" and
# "?OPTION=VALUE&...", with names and values of letters, digits and "._~-" (what no URL
# quotes): the PostgreSQL URLs read without SQLAlchemy.
_PLAIN_POSTGRESQL = re.compile(
    r"(?P<scheme>postgresql(?:\+psycopg)?|postgres)://"
    r"(?P<address>(?:(?P<user>[\w.~-]+)(?::(?P<password>[^@/?#%\[\]\s]+))?@)?"
    r"(?P<host>[\w.~-]*)(?::(?P<port>[0-9]{1,5}))?(?:/(?P<dbname>[\w.~-]*))?)"
    r"(?:\?(?P<options>[A-Za-z_]+=[\w.~-]+(?:&[A-Za-z_]+=[\w.~-]+)*))?",
    re.ASCII,
)
# Options SQLAlchemy reads itself (several hosts) or that would override the URL's address
_ADDRESS_OPTIONS = frozenset({"host", "hostaddr", "port", "dbname", "user", "password"})
_HIGHEST_PORT = 65535
# A query's :named parameter, as SQLAlchemy's text() finds them (not a :: cast)
_NAMED_PARAMETER = re.compile(r"(?<![:\w\\]):(\w+)(?!:)")
# How long a SQLite connection waits for another's write lock: here and in the SQLAlchemy
# engines (load.db), so a reader waits for a writer alike either way.
SQLITE_BUSY_TIMEOUT_S = 30.0


def _named_rows(cursor: sqlite3.Cursor | psycopg.Cursor[Any]) -> Iterator[Row]:
    """A cursor's rows by column name (the DB-API's description, which both drivers give)."""
    names = [column[0] for column in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


class WarehouseReader:
    """Runs the queries of ``sql/queries`` on one warehouse (a plain base class rather than a
    typing.Protocol: the reading commands import no typing)."""

    url: str  # the warehouse's URL, password masked

    def rows(self, query: str, **params: object) -> Iterator[Row]:
        """The rows of ``sql/queries/<query>.sql`` with its ``:named`` parameters bound."""
        raise NotImplementedError

    def _versions(self) -> list[str]:
        """The schema revisions the warehouse's ``alembic_version`` holds (none without it)."""
        raise NotImplementedError

    def _check_revision(self) -> None:
        """Raise unless the warehouse's schema is at the code's newest revision, as
        :func:`wirehouse.warehouse.open_warehouse` checks it."""
        versions = self._versions()
        if len(versions) > 1:
            raise WarehouseError(f"warehouse has several schema revisions: {', '.join(versions)}")
        current = versions[0] if versions else None
        if current != (head := head_revision()):
            raise wrong_revision(self.url, current, head, known_revisions())


def plain_sqlite_path(url: str) -> str | None:
    """The file of a plain ``sqlite:///PATH`` URL, as SQLAlchemy reads it; None for any other URL
    (another engine, an in-memory or ``file:`` database, a query string or a %-escape, which
    only SQLAlchemy's parser should read)."""
    if not url.startswith(_PLAIN_SQLITE):
        return None
    path = url.removeprefix(_PLAIN_SQLITE)
    if not path or path == ":memory:" or path.startswith("file:") or any(c in path for c in "?%#"):
        return None
    return path


def plain_postgresql_params(url: str) -> dict[str, str] | None:
    """psycopg's connection parameters for a plain PostgreSQL URL (``postgresql://``,
    ``postgres://`` or ``postgresql+psycopg://``, then ``[USER[:PASSWORD]@][HOST][:PORT]
    [/DATABASE]`` with plain names and a port from 1 to 65535, and options such as
    ``?sslmode=require`` each given once, none naming the address), the ones SQLAlchemy's
    psycopg dialect passes for it; None for any other URL, which only SQLAlchemy's parser should
    read (it also words the errors of a malformed one)."""
    match = _PLAIN_POSTGRESQL.fullmatch(url)
    if match is None or (match["port"] and not 0 < int(match["port"]) <= _HIGHEST_PORT):
        return None
    options = _options(match["options"])
    if options is None:
        return None
    address = ("user", "password", "host", "port", "dbname")
    return {name: match[name] for name in address if match[name]} | options


def _options(query: str | None) -> dict[str, str] | None:
    """The ``OPTION=VALUE&...`` of a plain URL; None when one is given twice, names the address
    or has a value libpq refuses (:func:`load.errors.refused_options`: SQLAlchemy's path
    words that error, as for a port out of range)."""
    pairs = [pair.partition("=")[::2] for pair in query.split("&")] if query else []
    options = dict(pairs)
    if (
        len(options) < len(pairs)
        or not _ADDRESS_OPTIONS.isdisjoint(options)
        or refused_options(pairs)
    ):
        return None
    return options


def plain_postgresql_url(url: str) -> str:
    """The plain PostgreSQL ``url`` as the commands show it, as SQLAlchemy renders it: with the
    driver it uses (``postgresql+psycopg://``), its options sorted, password masked."""
    match = _PLAIN_POSTGRESQL.fullmatch(url)
    if match is None:
        raise ValueError(f"not a plain PostgreSQL URL: {mask_secrets(url)!r}")
    options = sorted((_options(match["options"]) or {}).items())
    query = "&".join(f"{name}={value}" for name, value in options)
    return mask_secrets(f"postgresql+psycopg://{match['address']}{'?' if query else ''}{query}")


def unchangeable_sqlite_file(path: str) -> bool:
    """Whether the SQLite file ``path`` lies on a read-only file system with no write-ahead log
    left unmerged (no non-empty ``-wal`` file). Nothing can change it then, so it is read as
    immutable: read as usual, SQLite would need to create its WAL index (``-shm``) beside it,
    and fail with "unable to open database file"."""
    if not on_read_only_file_system(path):
        return False
    try:
        return os.stat(f"{path}-wal").st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def sqlite_timestamp(moment: datetime) -> str:
    """``moment`` as the warehouse stores a timestamp on SQLite (UTC text, as SQLAlchemy's
    SQLite ``DateTime`` writes it), so that comparing the text compares the times."""
    if moment.tzinfo is None:
        raise WarehouseError(f"naive datetime {moment!r}: give a timezone (UTC)")
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


class SQLiteReader(WarehouseReader):
    """A SQLite warehouse file read with ``sqlite3``, every query in one read transaction (one
    snapshot), after the checks :func:`wirehouse.warehouse.open_warehouse` makes: the file
    exists and its schema is at the newest revision."""

    def __init__(self, path: str, url: str) -> None:
        self.url = mask_secrets(url)
        self._path = path
        if not Path(path).exists():  # sqlite3 would create it: only `db upgrade` creates one
            raise missing_sqlite_file(path)
        if Path(path).is_dir():
            raise directory_not_database(self.url, path)
        if not os.access(path, os.R_OK):
            raise unreadable_sqlite_file(self.url, path)
        try:
            if unchangeable_sqlite_file(path):
                self._connection = sqlite3.connect(
                    f"{Path(path).resolve().as_uri()}?immutable=1",
                    uri=True,
                    isolation_level=None,
                )
            else:
                self._connection = sqlite3.connect(
                    path, timeout=SQLITE_BUSY_TIMEOUT_S, isolation_level=None
                )
        except sqlite3.Error as exc:
            raise self._unavailable(exc) from exc
        try:
            self._connection.execute("BEGIN")
            self._check_revision()
        except BaseException:
            self._connection.close()
            raise

    def _unavailable(self, exc: sqlite3.Error) -> WarehouseUnavailable:
        reason = database_reason(exc, self._path)
        return WarehouseUnavailable(f"warehouse unavailable at {self.url}: {reason}")

    def _versions(self) -> list[str]:
        try:
            has_versions = self._connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).fetchone()
            return (
                [
                    version
                    for (version,) in self._connection.execute(
                        "SELECT version_num FROM alembic_version"
                    )
                ]
                if has_versions
                else []
            )
        except sqlite3.Error as exc:  # not a database, unreadable
            raise self._unavailable(exc) from exc

    def rows(self, query: str, **params: object) -> Iterator[Row]:
        bound = {
            name: sqlite_timestamp(value) if isinstance(value, datetime) else value
            for name, value in params.items()
        }
        try:
            yield from _named_rows(
                self._connection.execute(sql_text("queries", query, "sqlite"), bound)
            )
        except sqlite3.Error as exc:
            raise WarehouseError(f"warehouse error at {self.url}: {exc}") from exc

    def close(self) -> None:
        self._connection.close()  # nothing was written: the read transaction just ends


class PostgreSQLReader(WarehouseReader):
    """A PostgreSQL warehouse read with psycopg alone, every query in one transaction, after
    the checks :func:`wirehouse.warehouse.open_warehouse` makes: it is reachable and its schema
    is at the newest revision. Errors are worded as there (the connection's as
    :func:`load.db.check_connection` words them)."""

    def __init__(self, params: dict[str, str], url: str) -> None:
        import psycopg

        self.url = url
        try:
            self._connection = psycopg.connect(**params)
        except psycopg.Error as exc:
            raise connection_failure(exc, url) from exc
        try:
            self._check_revision()
        except BaseException:
            self._connection.close()
            raise

    def _versions(self) -> list[str]:
        (found,) = self._records("SELECT to_regclass('alembic_version') IS NOT NULL AS found")
        if not found["found"]:
            return []
        return [row["version_num"] for row in self._records("SELECT version_num FROM alembic_version")]

    def rows(self, query: str, **params: object) -> Iterator[Row]:
        for value in params.values():
            if isinstance(value, datetime) and value.tzinfo is None:
                raise WarehouseError(f"naive datetime {value!r}: give a timezone (UTC)")
        # psycopg's placeholders are %(name)s, and a literal % is written %%
        statement = _NAMED_PARAMETER.sub(
            r"%(\1)s", sql_text("queries", query, "postgresql").replace("%", "%%")
        )
        yield from self._records(statement, params)

    def _records(self, statement: str, params: dict[str, object] | None = None) -> Iterator[Row]:
        """The rows of ``statement`` by column name; a database error as a WarehouseError."""
        import psycopg

        try:
            yield from _named_rows(self._connection.execute(statement, params))
        except psycopg.Error as exc:
            raise WarehouseError(f"warehouse error at {self.url}: {database_reason(exc)}") from exc

    def close(self) -> None:
        self._connection.close()  # nothing was written: the transaction is rolled back


class EngineReader(WarehouseReader):
    """A warehouse read through a SQLAlchemy engine (PostgreSQL, or SQLite given as a URL that
    only SQLAlchemy reads)."""

    def __init__(self, engine: Engine) -> None:
        from load import db

        self._engine = engine
        self.url = db.safe_url(engine.url)

    def rows(self, query: str, **params: object) -> Iterator[Row]:
        from load.db import run_query

        yield from run_query(self._engine, query, **params)


@contextmanager
def sqlite_reader(path: str, url: str) -> Iterator[SQLiteReader]:
    """A :class:`SQLiteReader` on ``path``, closed on exit."""
    reader = SQLiteReader(path, url)
    try:
        yield reader
    finally:
        reader.close()


@contextmanager
def postgresql_reader(params: dict[str, str], url: str) -> Iterator[PostgreSQLReader]:
    """A :class:`PostgreSQLReader` with psycopg's connection ``params``, closed on exit."""
    reader = PostgreSQLReader(params, url)
    try:
        yield reader
    finally:
        reader.close()


__all__ = [
    "LARGEST_COUNT",
    "EngineReader",
    "PostgreSQLReader",
    "Row",
    "SQLiteReader",
    "WarehouseReader",
    "plain_postgresql_params",
    "plain_postgresql_url",
    "plain_sqlite_path",
    "postgresql_reader",
    "sqlite_reader",
    "sqlite_timestamp",
    "unchangeable_sqlite_file",
]
