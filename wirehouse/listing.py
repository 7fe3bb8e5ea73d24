"""What the reading commands (`stats`, `events`, `articles`, `feeds list`, `feeds export`)
show, as plain rows.

Each function reads the warehouse through a :class:`load.reading.WarehouseReader` (the queries
of ``sql/queries``) and returns JSON-friendly dictionaries (times as ISO 8601 UTC strings), so
the command prints the same rows as a table or, with ``--json``, as JSON. Nothing here imports
SQLAlchemy: on a plain SQLite file these commands run on the standard library alone, on a plain
PostgreSQL URL on psycopg.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from load.reading import (
    LARGEST_COUNT,
    EngineReader,
    Row,
    WarehouseReader,
    plain_postgresql_params,
    plain_postgresql_url,
    plain_sqlite_path,
    postgresql_reader,
    sqlite_reader,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see load.reading)
if TYPE_CHECKING:
    from typing import Any

# column of the warehouse_counts query -> the label `wirehouse stats` prints, in order.
STAT_LABELS: dict[str, str] = {
    "sources": "sources",
    "feeds": "feeds",
    "feeds_failing": "feeds failing",
    "articles": "articles",
    "originals": "originals",
    "duplicates": "duplicates",
    "events": "events",
    "events_with_2plus_sources": "events with 2+ sources",
    "runs": "runs",
    "requests_logged": "requests logged",
    "records_quarantined": "records quarantined",
}


@contextmanager
def open_reader(url: str) -> Iterator[WarehouseReader]:
    """A reader on the warehouse at ``url`` (the settings' warehouse), with the checks of
    opening it for any command (it exists, it is migrated); a plain SQLite file or PostgreSQL URL
    is read without SQLAlchemy."""
    path = plain_sqlite_path(url)
    if path is not None:
        with sqlite_reader(path, url) as reader:
            yield reader
        return
    params = plain_postgresql_params(url)
    if params is not None:
        with postgresql_reader(params, plain_postgresql_url(url)) as reader:
            yield reader
        return
    from wirehouse.settings import load_settings
    from wirehouse.warehouse import open_warehouse

    engine = open_warehouse(load_settings())
    try:
        yield EngineReader(engine)
    finally:
        engine.dispose()


def _utc(value: object) -> datetime | None:
    """A timestamp column's value (a datetime, or SQLite's UTC text) as an aware UTC datetime."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if not isinstance(moment, datetime):
        raise TypeError(f"not a timestamp: {value!r}")
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def utc_iso(value: object) -> str | None:
    """A timestamp column's value as ISO 8601 UTC text."""
    moment = _utc(value)
    return moment.isoformat() if moment is not None else None


def warehouse_stats(reader: WarehouseReader) -> dict[str, Any]:
    """The counts of STAT_LABELS, the last run and the warehouse URL."""
    (counts,) = reader.rows("warehouse_counts")
    last = next(reader.rows("last_run"), None)
    last_run = (
        None
        if last is None
        else {
            "id": last["id"],
            "status": last["status"],
            "started_at": utc_iso(last["started_at"]),
            "finished_at": utc_iso(last["finished_at"]),
            "error": last["error"],
        }
    )
    return {
        "counts": {column: counts[column] for column in STAT_LABELS},
        "last_run": last_run,
        "warehouse": reader.url,
    }


def events(
    reader: WarehouseReader, since: datetime | None = None, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """Events, latest article first; with ``since``, only those with an article at or after it."""
    for row in reader.rows(
        "latest_events", since=since, event_id=None, max_rows=limit or LARGEST_COUNT
    ):
        yield {
            **row,
            "first_published_at": utc_iso(row["first_published_at"]),
            "last_published_at": utc_iso(row["last_published_at"]),
        }


def articles(
    reader: WarehouseReader, event_id: int | None = None, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """Articles, newest first, with their outlet and event; with ``event_id``, that event's only.

    Raises LookupError when ``event_id`` names no event (an empty list would hide a typo).
    """
    if event_id is not None and not any(
        reader.rows("latest_events", since=None, event_id=event_id, max_rows=1)
    ):
        raise LookupError(f"no event with id {event_id}")
    rows = reader.rows("latest_articles", event_id=event_id, max_rows=limit or LARGEST_COUNT)
    return ({**row, "published_at": utc_iso(row["published_at"])} for row in rows)


def feeds(reader: WarehouseReader) -> Iterator[Row]:
    """Every feed by URL with its fetch state (times as aware UTC datetimes, ``active`` a bool)."""
    for row in reader.rows("feed_list"):
        yield {
            **row,
            "active": bool(row["active"]),
            "last_fetched_at": _utc(row["last_fetched_at"]),
            "next_fetch_at": _utc(row["next_fetch_at"]),
        }


def exported_feeds(reader: WarehouseReader) -> Iterator[dict[str, str | None]]:
    """Every feed as `feeds export` writes it: URL, title, source name and site. The warehouse
    keeps a source's domain, not its site URL: the site gets the scheme of the feed it serves
    (an http:// feed's site is not rewritten to https://)."""
    for row in reader.rows("feed_export"):
        url, domain = str(row["url"]), row["domain"]
        yield {
            "url": url,
            "title": _text_or_none(row["title"]),
            "source_name": _text_or_none(row["source_name"]),
            "site_url": f"{url.split(':', 1)[0]}://{domain}/" if domain else None,
        }


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def subscriptions(reader: WarehouseReader) -> Iterator[Row]:
    """Every WebSub subscription by id (times as aware UTC datetimes)."""
    for row in reader.rows("websub_subscriptions"):
        yield {
            **row,
            "lease_expires_at": _utc(row["lease_expires_at"]),
            "last_push_at": _utc(row["last_push_at"]),
        }


def quarantined_by_feed(reader: WarehouseReader) -> dict[int | None, int]:
    """Feed id (None: no feed) -> how many of its records are quarantined."""
    return {row["feed_id"]: int(row["records"]) for row in reader.rows("quarantine_by_feed")}
