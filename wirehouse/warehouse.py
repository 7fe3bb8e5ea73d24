"""Opening the warehouse for a command or task, without importing the pipeline.

Kept apart from ``wirehouse.pipeline`` so that commands that only read the warehouse (`stats`,
`feeds list`, `events`, `articles`) pay for SQLAlchemy and Alembic, not for the fetchers,
extractors and clustering the pipeline imports.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from load import db
from load.errors import wrong_revision
from load.reading import sqlite_reader
from transform.records import RecordLimits, set_record_limits
from wirehouse.settings import ConfigError, Settings


def warehouse_url(settings: Settings) -> URL:
    """The configured warehouse URL, parsed; a malformed one is a configuration error, and so
    is a SQLite URL naming no file: a warehouse in memory would end with the command."""
    try:
        url = db.normalize_url(settings.warehouse_url)
    except db.WarehouseError as exc:
        raise ConfigError(f"WIREHOUSE_DB_URL: {exc}") from None
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        raise ConfigError(
            f"WIREHOUSE_DB_URL {settings.warehouse_url} names no database file (a warehouse in "
            "memory would end with the command): give sqlite:///PATH, or unset it for "
            "WIREHOUSE_DATA_DIR/warehouse.db"
        )
    return url


def open_warehouse(settings: Settings) -> Engine:
    """An engine on a reachable, migrated warehouse, or a typed error saying what to do.

    A missing SQLite file is reported, not created: only `wirehouse db upgrade` creates warehouses.
    Every way into the warehouse opens it here, so this is where the settings' bounds for the
    records (transform.records) are put in force.
    """
    apply_record_limits(settings)
    url = warehouse_url(settings)
    sqlite = url.get_backend_name() == "sqlite"
    if sqlite:
        _check_sqlite_file(url)  # its revision too: read once, before the engine writes
    engine = db.make_engine(url)
    db.check_connection(engine)
    if not sqlite:
        current, head = db.current_revision(engine), db.head_revision()
        if current != head:
            raise wrong_revision(db.safe_url(engine.url), current, head, db.known_revisions())
    return engine


def _check_sqlite_file(url: URL) -> None:
    """Raise unless ``url``'s SQLite file exists (only `wirehouse db upgrade` creates one) and
    holds a warehouse at the newest revision, read with ``sqlite3`` alone as the reading
    commands read it. The engine's first connection sets WAL, which writes: it turned an empty
    file into a database and switched another program's database to WAL for good, before its
    revision was found wrong."""
    with sqlite_reader(url.database, db.safe_url(url)):
        pass


def apply_record_limits(settings: Settings) -> None:
    """Bound every record built from now on by the settings' limits (the sanitizing boundary)."""
    set_record_limits(
        RecordLimits(
            max_text_chars=settings.max_text_chars,
            max_field_chars=settings.max_field_chars,
            earliest_year=settings.earliest_published_year,
            max_future_days=settings.max_future_days,
        )
    )
