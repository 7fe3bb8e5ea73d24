"""Engines, sessions and schema migrations for the warehouse.

SQLite (the default) and PostgreSQL (production, via psycopg 3) are configured here so that the rest
of the code can treat them alike. Migrations are run programmatically, so `wirehouse db upgrade`
works from any working directory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, bindparam, create_engine, event, inspect, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

# The errors, head_revision and sql_text live apart so that load.reading uses them without
# SQLAlchemy; migrations and callers import them from here.
from load.errors import (
    WarehouseError,
    WarehouseUnavailable,
    connection_failure,
    database_reason,
    directory_not_database,
    newer_revision,
    refused_options,
    unreadable_sqlite_file,
)
from load.reading import SQLITE_BUSY_TIMEOUT_S
from load.schema_files import MIGRATIONS_DIR, SQL_DIR, head_revision, known_revisions, sql_text
from load.utc_datetime import UTCDateTime
from wirehouse.redact import mask_secrets
from wirehouse.wording import counted
from wirehouse.writable import creation_refused

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.orm import Session

SQLITE_BUSY_TIMEOUT_MS = round(SQLITE_BUSY_TIMEOUT_S * 1000)
# Page cache per SQLite connection. The events stage writes one transaction whose dirty pages
# (term postings, LSH bands, memberships: random leaves of indexes that grow with the
# warehouse) outgrow SQLite's default 2 MiB cache at 100,000 stored articles; spilled
# mid-transaction to the write-ahead log and read back, they made the per-article cost grow
# with the warehouse (2.5x the file reads and writes per article at 100,000 than at 10,000).
SQLITE_CACHE_KIB = 64 * 1024
# Analyst views in creation order (a view may read the ones before it).
VIEWS: tuple[str, ...] = (
    "unique_articles",
    "event_timeline",
    "source_daily",
    "event_coverage",
    "feed_health",
)
# Views of the who-and-where tables, created by revision 0005 (event_who_where first).
ENTITY_VIEWS: tuple[str, ...] = ("event_who_where", "entity_coverage")
# Views created by the migration that adds the tables they read (revision 0001 creates VIEWS).
LATER_VIEWS: tuple[str, ...] = ("quarantined_records", *ENTITY_VIEWS)


# The DB-API driver of each warehouse backend the code is written for (psycopg 3's COPY and
# advisory locks, the sqlite3 module's connection settings); a URL may name it or leave it out.
WAREHOUSE_DRIVERS: dict[str, str] = {"sqlite": "pysqlite", "postgresql": "psycopg"}
_HIGHEST_PORT = 65535


def safe_url(url: str | URL) -> str:
    """The URL as text with any password masked (by wirehouse.redact, the one masking helper),
    fit for output, logs and error messages."""
    text = url if isinstance(url, str) else _url_text(url)
    return mask_secrets(text)


def _url_text(url: URL) -> str:
    try:
        return url.render_as_string(hide_password=False)
    except UnicodeEncodeError:
        # a database file whose name is no UTF-8 (its bytes kept as surrogates, as os.fsdecode
        # keeps them), which SQLAlchemy's quoting refuses: those bytes are shown as U+FFFD
        readable = url.database.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return url.set(database=readable).render_as_string(hide_password=False)


def normalize_url(url: str | URL) -> URL:
    """Parse ``url``; plain ``postgresql://``/``postgres://`` URLs are pointed at psycopg 3."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:  # ValueError: a port that is no number
        raise WarehouseError(f"not a database URL: {safe_url(url)!r}") from exc
    if parsed.port is not None and not 0 < parsed.port <= _HIGHEST_PORT:
        # the driver said "invalid port number" on connecting, as if the server were unreachable
        raise WarehouseError(
            f"not a database URL: {safe_url(url)!r}: port {parsed.port} is no port number "
            f"(1-{_HIGHEST_PORT})"
        )
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in WAREHOUSE_DRIVERS:
        raise WarehouseError(f"unsupported warehouse backend {parsed.get_backend_name()!r}")
    backend, _, driver = parsed.drivername.partition("+")
    if driver and driver != WAREHOUSE_DRIVERS[backend]:
        # another driver failed later with its own words (an unknown name, an async driver's
        # "greenlet_spawn has not been called") or behaved apart from the one the code is for
        raise WarehouseError(
            f"unsupported {backend} driver {driver!r}: use "
            f"{backend}+{WAREHOUSE_DRIVERS[backend]}:// or {backend}://"
        )
    if backend == "postgresql":
        options = [
            (name, value)
            for name, values in parsed.query.items()
            for value in ((values,) if isinstance(values, str) else values)
        ]
        if problem := refused_options(options):
            raise WarehouseError(f"not a database URL: {safe_url(url)!r}: {problem}")
    return parsed


def make_engine(url: str | URL) -> Engine:
    """An engine for the warehouse at ``url`` (SQLite file or PostgreSQL).

    SQLite gets foreign keys, WAL, a busy timeout and real transactions: SQLAlchemy emits the
    ``BEGIN`` (so SAVEPOINTs and transactional DDL work), and it is ``BEGIN IMMEDIATE`` so that
    concurrent loaders queue on the busy timeout instead of failing when a transaction that read
    first tries to write after another one committed. The parent directory of the file is created.
    """
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_pre_ping=True)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        file = Path(database).expanduser()
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WarehouseUnavailable(
                f"warehouse unavailable at {safe_url(parsed)}: cannot create its directory ({exc})"
            ) from exc
        if file.is_dir():
            raise directory_not_database(safe_url(parsed), database)
        if file.exists() and not os.access(file, os.R_OK):
            raise unreadable_sqlite_file(safe_url(parsed), database)
        directory = file.parent
        if not file.exists() and not os.access(directory, os.W_OK):
            # SQLite would only say "unable to open database file"
            raise WarehouseUnavailable(
                f"warehouse unavailable at {safe_url(parsed)}: cannot create it, "
                f"the directory {directory} is not writable"
            )
        if not file.exists() and (refused := creation_refused(directory)) is not None:
            raise WarehouseUnavailable(  # root under /proc: as unhelpful from SQLite
                f"warehouse unavailable at {safe_url(parsed)}: cannot create it, nothing can "
                f"be created in {directory} ({(refused.strerror or str(refused)).lower()})"
            )
    engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _configure_sqlite_connection(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN: _begin_sqlite_transaction
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")  # negative: KiB, not pages
    finally:
        cursor.close()


def _begin_sqlite_transaction(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def error_reason(engine: Engine, exc: BaseException) -> str:
    """The first line of an error met on ``engine``, a database's in its driver's words, not
    as SQLAlchemy wraps them (:func:`load.errors.database_reason`: "disk full: ..." on a full
    SQLite disk)."""
    database = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    return database_reason(getattr(exc, "orig", None) or exc, database)


def check_connection(engine: Engine) -> None:
    """Raise :class:`WarehouseUnavailable` unless a trivial query succeeds (a ConfigError when
    the driver refuses the URL's connection options, see :func:`load.errors.connection_failure`)."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (DBAPIError, SQLAlchemyError, OSError) as exc:
        database = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
        driver_error = getattr(exc, "orig", None) or exc
        raise connection_failure(driver_error, safe_url(engine.url), database) from exc


def replace_views(connection: Connection, views: Sequence[str] = VIEWS) -> None:
    """Drop and re-create ``views`` from ``sql/views`` (called by migrations).

    They are plain views, so nothing ever needs refreshing: they read the tables live.
    """
    drop_views(connection, views)
    dialect = connection.dialect.name
    for name in views:
        connection.exec_driver_sql(f"CREATE VIEW {name} AS\n{sql_text('views', name, dialect)}")


def drop_views(connection: Connection, views: Sequence[str] = VIEWS) -> None:
    """Drop ``views`` if they exist, dependants first."""
    for name in reversed(views):
        connection.exec_driver_sql(f"DROP VIEW IF EXISTS {name}")


def run_query(engine: Engine, name: str, **params: object) -> list[dict[str, object]]:
    """Run the analysis ``sql/queries/<name>.sql`` with its ``:named`` parameters.

    Timestamps may be given as aware datetimes or as ISO 8601 text (``2026-11-19 00:00:00``,
    ``2026-11-19T00:00:00``, ``2026-11-19``, with or without an offset; without one, UTC): both
    are bound as UTC timestamps, so they compare correctly on both engines whatever the spelling.
    """
    statement = text(sql_text("queries", name, engine.dialect.name))
    params = {key: _as_timestamp(value) for key, value in params.items()}
    typed = [
        bindparam(key, value, type_=UTCDateTime())
        for key, value in params.items()
        if isinstance(value, datetime)
    ]
    if typed:
        statement = statement.bindparams(*typed)
    with engine.connect() as connection:
        result = connection.execute(statement, params)
        return [dict(row) for row in result.mappings()]


def _as_timestamp(value: object) -> object:
    """ISO 8601 date or timestamp text as a UTC datetime (naive means UTC); anything else as is."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise WarehouseError(f"naive datetime {value!r}: give a timezone (UTC)")
        return value
    if not isinstance(value, str):
        return value
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return value
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


# Alembic is imported only where a migration runs or a schema is compared: it costs a reading
# command (`wirehouse stats`) about a third of a second of CPU, and reading the revisions needs
# none of it (head_revision, current_revision).
def _alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


@contextmanager
def _engine_for(url_or_engine: str | URL | Engine) -> Iterator[Engine]:
    if isinstance(url_or_engine, Engine):
        yield url_or_engine
        return
    engine = make_engine(url_or_engine)
    try:
        yield engine
    finally:
        engine.dispose()


def upgrade(url_or_engine: str | URL | Engine, revision: str = "head") -> None:
    """Migrate the warehouse up to ``revision`` (default: the newest), in one transaction."""
    from alembic import command

    with _engine_for(url_or_engine) as engine:
        check_connection(engine)
        current = current_revision(engine)
        if current is not None and current not in known_revisions():  # Alembic: "Can't locate"
            raise newer_revision(safe_url(engine.url), current, head_revision())
        if current is None:
            _refuse_tables_without_revision(engine)
        with engine.begin() as connection:
            command.upgrade(_alembic_config(connection), revision)


def _refuse_tables_without_revision(engine: Engine) -> None:
    """Raise WarehouseError when a database that no migration made (no revision) holds tables
    already: another application's, or a warehouse whose ``alembic_version`` was lost. The
    first migration failed there on "table sources already exists", or would have added the
    warehouse's tables among another application's."""
    with engine.connect() as connection:
        tables = sorted(set(inspect(connection).get_table_names()) - {"alembic_version"})
    if tables:
        shown = ", ".join(tables[:3]) + (", …" if len(tables) > 3 else "")
        raise WarehouseError(
            f"{safe_url(engine.url)} holds {counted(len(tables), 'table')} ({shown}) but no "
            "Wirehouse schema revision (table alembic_version): `wirehouse db upgrade` migrates "
            "an empty database or one it made; give a new file or an empty database"
        )


def downgrade(url_or_engine: str | URL | Engine, revision: str) -> None:
    """Migrate the warehouse down to ``revision`` (``"base"`` drops everything)."""
    from alembic import command

    with _engine_for(url_or_engine) as engine:
        check_connection(engine)
        with engine.begin() as connection:
            command.downgrade(_alembic_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the warehouse is at (Alembic's ``alembic_version`` table), or None when it
    was never migrated."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        found = list(versions)
    if len(found) > 1:
        raise WarehouseError(f"warehouse has several schema revisions: {', '.join(found)}")
    return found[0] if found else None


def schema_diff(engine: Engine) -> list[object]:
    """Differences between the migrated database and ``load.models`` (empty when they agree)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from load.models import Base

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One session, one transaction: committed on success, rolled back on any exception."""
    from sqlalchemy.orm import sessionmaker

    session = sessionmaker(bind=engine, expire_on_commit=False)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


__all__ = [
    "ENTITY_VIEWS",
    "LATER_VIEWS",
    "MIGRATIONS_DIR",
    "SQL_DIR",
    "VIEWS",
    "WarehouseError",
    "WarehouseUnavailable",
    "check_connection",
    "current_revision",
    "downgrade",
    "drop_views",
    "head_revision",
    "known_revisions",
    "make_engine",
    "normalize_url",
    "replace_views",
    "run_query",
    "safe_url",
    "schema_diff",
    "session_scope",
    "sql_text",
    "upgrade",
]
