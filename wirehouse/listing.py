"""What the reading commands (`stats`, `events`, `articles`) show, as plain rows.

Each function returns JSON-friendly dictionaries (times as ISO 8601 UTC strings), so the
command prints the same rows as a table or, with ``--json``, as JSON.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select, text

from load import db
from load.models import Article, Event, EventArticle, Run, Source

# label -> SQL: the counts `wirehouse stats` reports, in order.
STAT_QUERIES: dict[str, str] = {
    "sources": "SELECT COUNT(*) FROM sources",
    "feeds": "SELECT COUNT(*) FROM feeds",
    "feeds failing": "SELECT COUNT(*) FROM feeds WHERE last_error IS NOT NULL",
    "articles": "SELECT COUNT(*) FROM articles",
    "originals": "SELECT COUNT(*) FROM articles WHERE duplicate_of_id IS NULL",
    "duplicates": "SELECT COUNT(*) FROM articles WHERE duplicate_of_id IS NOT NULL",
    "events": "SELECT COUNT(*) FROM events",
    "events with 2+ sources": "SELECT COUNT(*) FROM events WHERE source_count >= 2",
    "runs": "SELECT COUNT(*) FROM runs",
    "requests logged": "SELECT COUNT(*) FROM fetch_log",
    "records quarantined": "SELECT COUNT(*) FROM quarantine",
}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def warehouse_stats(engine: Engine) -> dict[str, Any]:
    """The counts of STAT_QUERIES (keys with underscores), the last run and the warehouse URL."""
    with engine.connect() as conn:
        counts = {
            label.replace(" ", "_").replace("+", "plus"): conn.execute(text(sql)).scalar_one()
            for label, sql in STAT_QUERIES.items()
        }
    with db.session_scope(engine) as session:
        latest = session.scalars(select(Run).order_by(Run.started_at.desc()).limit(1)).first()
        last_run = (
            None
            if latest is None
            else {
                "id": latest.id,
                "status": latest.status,
                "started_at": _iso(latest.started_at),
                "finished_at": _iso(latest.finished_at),
                "error": latest.error,
            }
        )
    return {"counts": counts, "last_run": last_run, "warehouse": db.safe_url(engine.url)}


def events(
    engine: Engine, since: datetime | None = None, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """Events, latest article first; with ``since``, only those with an article at or after it."""
    query = select(Event).order_by(Event.last_published_at.desc(), Event.id.desc())
    if since is not None:
        query = query.where(Event.last_published_at >= since)
    if limit is not None:
        query = query.limit(limit)
    with db.session_scope(engine) as session:
        for event in session.scalars(query):
            yield {
                "id": event.id,
                "title": event.title,
                "first_published_at": _iso(event.first_published_at),
                "last_published_at": _iso(event.last_published_at),
                "article_count": event.article_count,
                "source_count": event.source_count,
                "top_terms": event.top_terms,
            }


def articles(
    engine: Engine, event_id: int | None = None, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """Articles, newest first, with their outlet and event; with ``event_id``, that event's only.

    Raises LookupError when ``event_id`` names no event (an empty list would hide a typo).
    """
    query = (
        select(
            Article.id,
            Article.published_at,
            Source.name.label("source"),
            Article.title,
            Article.canonical_url.label("url"),
            Article.language,
            Article.word_count,
            Article.duplicate_of_id,
            EventArticle.event_id,
        )
        .outerjoin(Source, Source.id == Article.source_id)
        .outerjoin(EventArticle, EventArticle.article_id == Article.id)
        .order_by(Article.published_at.desc(), Article.id.desc())
    )
    with db.session_scope(engine) as session:
        if event_id is not None:
            if session.get(Event, event_id) is None:
                raise LookupError(f"no event with id {event_id}")
            query = query.where(EventArticle.event_id == event_id)
        if limit is not None:
            query = query.limit(limit)
        for row in session.execute(query).mappings():
            yield {**row, "published_at": _iso(row["published_at"])}
