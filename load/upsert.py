"""Idempotent, batched writes into the warehouse.

Every function works inside the caller's transaction (commit once per batch, e.g. with
:func:`load.db.session_scope`) and writes with chunked Core ``INSERT ... ON CONFLICT``
statements (SQLite and PostgreSQL dialect inserts), never ORM object by object: an executemany
on SQLite; on PostgreSQL, articles and their URLs are first COPied into temporary staging tables
and upserted with one ``INSERT ... SELECT ... ON CONFLICT`` per chunk.

Idempotence: loading the same data twice changes no row. Rows are compared before writing, and
each upsert's ``DO UPDATE`` is guarded by ``WHERE <some column differs>`` so a concurrent loader
cannot cause churn either.

Articles, one row per ``canonical_url``:

* ``first_seen_at`` is the ``fetched_at`` of the first load and ``first_run_id`` the run that
  made it; neither is ever changed. ``url`` stays the URL the article was first fetched from
  (later URLs land in ``article_urls``).
* a changed title, author, date, language, text, word count, content hash or source updates the
  row. ``duplicate_of_id`` is never touched here: it belongs to deduplication.
* when ``content_hash`` changes, ``clustered_at`` is reset to NULL so that deduplication and event
  assignment look at the article again (its old bands, terms and event stay until they do); any
  other change keeps ``clustered_at``.
* every URL seen for an article (fetched, canonical, aliases) is recorded in ``article_urls``; a URL
  already recorded keeps pointing at the article it was first seen for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

import psycopg
from sqlalchemy import Column, MetaData, Row, Table, bindparam, case, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateTable

from load.db import WarehouseError
from load.models import (
    Article,
    ArticleUrl,
    Feed,
    FetchLog,
    QuarantinedRecord,
    Source,
    UTCDateTime,
)
from transform.records import ArticleRecord, clean_text
from transform.urls import InvalidURLError, domain_of

URL_WIDTH = 2048  # the URL columns' width
# Rows per statement / values per IN list: far below SQLite's 32766 bound-parameter limit.
CHUNK_ROWS = 1000

ARTICLES: Table = Article.__table__  # type: ignore[assignment]
ARTICLE_URLS: Table = ArticleUrl.__table__  # type: ignore[assignment]
FEEDS: Table = Feed.__table__  # type: ignore[assignment]
FETCH_LOG: Table = FetchLog.__table__  # type: ignore[assignment]
SOURCES: Table = Source.__table__  # type: ignore[assignment]

# Article columns a later load may change (url and first_seen_at are fixed by the first load).
UPDATABLE = (
    "source_id",
    "title",
    "author",
    "published_at",
    "language",
    "text",
    "word_count",
    "content_hash",
)

# On PostgreSQL, rows reach the upserts through per-connection temporary tables filled by COPY:
# far cheaper than sending thousands of bound parameters. The first column is the conflict key.
_STAGING = MetaData()
ARTICLE_STAGE = Table(
    "wirehouse_stage_articles",
    _STAGING,
    *(
        Column(name, ARTICLES.c[name].type)
        for name in ("canonical_url", "url", *UPDATABLE, "first_seen_at", "first_run_id")
    ),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DELETE ROWS",
)
URL_STAGE = Table(
    "wirehouse_stage_article_urls",
    _STAGING,
    Column("url", ARTICLE_URLS.c.url.type),
    Column("article_id", ARTICLE_URLS.c.article_id.type),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DELETE ROWS",
)
_UTC = UTCDateTime()

T = TypeVar("T")


class FeedSpecLike(Protocol):
    url: str
    title: str
    source_name: str
    site_url: str


class FetchLogEntryLike(Protocol):
    run_id: str
    url: str
    kind: str
    status_code: int | None
    error: str | None
    bytes: int
    elapsed_ms: int
    attempt: int
    fetched_at: datetime


@dataclass(frozen=True)
class UpsertResult:
    """What :func:`upsert_articles` did; ``article_ids`` follows the order of the input."""

    inserted: int
    updated: int
    unchanged: int
    article_ids: list[int]


def _chunks(items: Sequence[T], size: int = CHUNK_ROWS) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert(session: Session, table: Table):
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise WarehouseError(f"unsupported warehouse dialect {dialect!r}")


def _write(
    session: Session, target: Table, stage: Table, rows: Sequence[dict[str, object]], conflict
) -> list[Row]:
    """Run ``conflict(<dialect insert into target>)`` over ``rows``; the rows it returns.

    SQLite: one executemany. PostgreSQL: COPY into ``stage``, then one INSERT ... SELECT.
    """
    if not rows:
        return []
    if session.get_bind().dialect.name != "postgresql":
        result = session.execute(conflict(_insert(session, target)), list(rows))
        return result.all() if result.returns_rows else []
    connection = session.connection()
    connection.execute(CreateTable(stage, if_not_exists=True))
    names = [column.name for column in stage.c]
    statement = f"COPY {stage.name} ({', '.join(names)}) FROM STDIN"
    raw = connection.connection.driver_connection
    try:
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[name] for name in names])
    except psycopg.Error as exc:
        # The driver's own error, raised outside SQLAlchemy: treat it as SQLAlchemy treats every
        # other one. A connection the server dropped leaves the pool instead of being reset,
        # and the error is wrapped (a dropped connection becomes an OperationalError).
        if raw.broken or raw.closed:
            connection.invalidate(exc)
        raise DBAPIError.instance(statement, None, exc, psycopg.Error) from exc
    source = select(*stage.c).order_by(stage.c[names[0]])  # key order: no lock cycles
    result = session.execute(conflict(postgresql.insert(target).from_select(names, source)))
    written = result.all() if result.returns_rows else []
    connection.execute(stage.delete())
    return written


def upsert_source(session: Session, name: str, domain: str) -> int:
    """The id of the source for ``domain``, created if missing; its name is set to ``name``."""
    return _upsert_sources(session, {domain: name}, rename=True)[domain]


def _upsert_sources(session: Session, names: dict[str, str], rename: bool) -> dict[str, int]:
    """Ids by domain for ``names`` (domain -> name). Existing names change only if ``rename``."""
    if not names:
        return {}
    insert = _insert(session, SOURCES)
    if rename:
        statement = insert.on_conflict_do_update(
            index_elements=[SOURCES.c.domain],
            set_={"name": insert.excluded.name},
            where=SOURCES.c.name != insert.excluded.name,
        )
    else:
        statement = insert.on_conflict_do_nothing(index_elements=[SOURCES.c.domain])
    ids: dict[str, int] = {}
    for chunk in _chunks(sorted(names)):
        if not rename:
            ids.update(_source_ids(session, chunk))
            chunk = [domain for domain in chunk if domain not in ids]
            if not chunk:
                continue
        session.execute(statement, [{"domain": d, "name": names[d]} for d in chunk])
        ids.update(_source_ids(session, chunk))
    return ids


def name_unnamed_sources(session: Session, names: dict[str, str]) -> None:
    """Give sources still named after their domain the name their pages give (og:site_name);
    a name set by a feed list, or given earlier, is kept."""
    if not names:
        return
    session.execute(
        SOURCES.update()
        .where(SOURCES.c.domain == bindparam("d"), SOURCES.c.name == SOURCES.c.domain)
        .values(name=bindparam("n")),
        [{"d": domain, "n": name} for domain, name in sorted(names.items())],
    )


def _source_ids(session: Session, domains: Sequence[str]) -> dict[str, int]:
    rows = session.execute(
        select(SOURCES.c.domain, SOURCES.c.id).where(SOURCES.c.domain.in_(domains))
    )
    return {row.domain: row.id for row in rows}


def upsert_feeds(session: Session, specs: Iterable[FeedSpecLike]) -> list[int]:
    """Feed ids, in the order of ``specs``; feeds are keyed by URL, sources by the domain of
    ``site_url`` (else of the feed URL). Fetch state columns are never touched here.

    A source takes the name given by the first spec of its domain (falling back to the feed
    title); a domain no spec names keeps its current name (the domain, for a new source). An
    empty title leaves a feed's stored title alone. Raises ``InvalidURLError`` for a feed URL
    that is not http(s).
    """
    specs = list(specs)
    named: dict[str, str] = {}
    domains: set[str] = set()
    rows: dict[str, dict[str, object]] = {}
    for spec in specs:
        domain = domain_of(spec.site_url or spec.url)
        domains.add(domain)
        # names and titles pass the records' boundary, cut to their columns' widths
        name = clean_text(spec.source_name or spec.title, 300).strip()
        if name:
            named.setdefault(domain, name)
        title = clean_text(spec.title, 500).strip() or None
        rows[spec.url] = {"url": spec.url, "title": title, "domain": domain}
    source_ids = _upsert_sources(session, named, rename=True)
    source_ids.update(
        _upsert_sources(session, {d: d for d in domains - named.keys()}, rename=False)
    )
    values = [
        {"url": row["url"], "title": row["title"], "source_id": source_ids[row["domain"]]}
        for row in rows.values()
    ]
    insert = _insert(session, FEEDS)
    new_title = func.coalesce(insert.excluded.title, FEEDS.c.title)
    statement = insert.on_conflict_do_update(
        index_elements=[FEEDS.c.url],
        set_={"title": new_title, "source_id": insert.excluded.source_id},
        where=or_(
            FEEDS.c.title.is_distinct_from(new_title),
            FEEDS.c.source_id.is_distinct_from(insert.excluded.source_id),
        ),
    )
    feed_ids: dict[str, int] = {}
    for chunk in _chunks(values):
        session.execute(statement, list(chunk))
        found = session.execute(
            select(FEEDS.c.url, FEEDS.c.id).where(FEEDS.c.url.in_([v["url"] for v in chunk]))
        )
        feed_ids.update({row.url: row.id for row in found})
    return [feed_ids[spec.url] for spec in specs]


def _merge_by_canonical(
    records: Sequence[ArticleRecord],
) -> dict[str, tuple[ArticleRecord, set[str]]]:
    """The last record per canonical URL, with the URLs of all records that share it."""
    merged: dict[str, tuple[ArticleRecord, set[str]]] = {}
    for record in records:
        urls = merged[record.canonical_url][1] if record.canonical_url in merged else set()
        urls.update((record.url, record.canonical_url, *record.aliases))
        merged[record.canonical_url] = (record, urls)
    return merged


def _article_row(record: ArticleRecord, source_id: int, run_id: str | None) -> dict[str, object]:
    return {
        "url": record.url,
        "canonical_url": record.canonical_url,
        "source_id": source_id,
        "title": record.title,
        "author": record.author,
        "published_at": _UTC.process_bind_param(record.published_at, None),
        "language": record.language,
        "text": record.text,
        "word_count": record.word_count,
        "content_hash": record.content_hash,
        "first_seen_at": _UTC.process_bind_param(record.fetched_at, None),
        "first_run_id": run_id,
    }


def _article_upsert(insert):
    excluded = insert.excluded
    set_ = {name: excluded[name] for name in UPDATABLE}
    set_["clustered_at"] = case(
        (ARTICLES.c.content_hash != excluded.content_hash, None),
        else_=ARTICLES.c.clustered_at,
    )
    return insert.on_conflict_do_update(
        index_elements=[ARTICLES.c.canonical_url],
        set_=set_,
        where=or_(*(ARTICLES.c[name].is_distinct_from(excluded[name]) for name in UPDATABLE)),
    ).returning(ARTICLES.c.id, ARTICLES.c.canonical_url)


def upsert_articles(
    session: Session, records: Sequence[ArticleRecord], run_id: str | None = None
) -> UpsertResult:
    """Insert or update one article per canonical URL, record every URL seen for each, and
    create sources by domain, named as their pages name their site (og:site_name) or else
    after the domain, until a feed list names them. A row inserted records ``run_id`` as its
    ``first_run_id`` (the run whose ``articles_new`` counts it); a row updated keeps its own.

    Several records with one canonical URL count once (the last one wins, all their URLs are kept).
    """
    merged = _merge_by_canonical(records)
    names: dict[str, str] = {}
    for rec, _ in merged.values():
        if names.get(rec.domain, rec.domain) == rec.domain:
            names[rec.domain] = rec.site_name or rec.domain
    source_ids = _upsert_sources(session, names, rename=False)
    name_unnamed_sources(session, {d: n for d, n in names.items() if n != d})
    ids: dict[str, int] = {}
    inserted = updated = unchanged = 0
    for chunk in _chunks(sorted(merged)):  # one key order for all loaders: no lock cycles
        existing = {
            row.canonical_url: row
            for row in session.execute(
                select(
                    ARTICLES.c.id, ARTICLES.c.canonical_url, *(ARTICLES.c[n] for n in UPDATABLE)
                ).where(ARTICLES.c.canonical_url.in_(chunk))
            )
        }
        to_write = []
        for canonical in chunk:
            record = merged[canonical][0]
            row = _article_row(record, source_ids[record.domain], run_id)
            old = existing.get(canonical)
            if old is None:
                inserted += 1
                to_write.append(row)
            elif any(getattr(old, name) != row[name] for name in UPDATABLE):
                updated += 1
                to_write.append(row)
                ids[canonical] = old.id
            else:
                unchanged += 1
                ids[canonical] = old.id
        for written in _write(session, ARTICLES, ARTICLE_STAGE, to_write, _article_upsert):
            ids[written.canonical_url] = written.id
        missing = [c for c in chunk if c not in ids]  # rows a concurrent loader wrote identically
        if missing:
            found = session.execute(
                select(ARTICLES.c.canonical_url, ARTICLES.c.id).where(
                    ARTICLES.c.canonical_url.in_(missing)
                )
            )
            ids.update({row.canonical_url: row.id for row in found})
        _record_urls(session, [(url, ids[c]) for c in chunk for url in sorted(merged[c][1])])
    return UpsertResult(
        inserted=inserted,
        updated=updated,
        unchanged=unchanged,
        article_ids=[ids[record.canonical_url] for record in records],
    )


def _record_urls(session: Session, pairs: Sequence[tuple[str, int]]) -> None:
    """Add (url, article_id) aliases; a URL already recorded is left as it is."""
    rows = [{"url": url, "article_id": article_id} for url, article_id in pairs]
    for chunk in _chunks(rows):
        _write(
            session,
            ARTICLE_URLS,
            URL_STAGE,
            chunk,
            lambda insert: insert.on_conflict_do_nothing(index_elements=[ARTICLE_URLS.c.url]),
        )


def known_urls(session: Session, urls: Iterable[str]) -> set[str]:
    """Which of ``urls`` are already recorded in ``article_urls`` (as any article's URL)."""
    wanted = sorted(set(urls))
    found: set[str] = set()
    for chunk in _chunks(wanted):
        found.update(
            session.scalars(select(ARTICLE_URLS.c.url).where(ARTICLE_URLS.c.url.in_(chunk)))
        )
    return found


def quarantined_urls(session: Session, urls: Iterable[str]) -> set[str]:
    """Which of ``urls`` have a record in the quarantine (they wait for ``wirehouse reprocess
    --quarantined``, not for the next fetch)."""
    wanted = sorted(set(urls))
    found: set[str] = set()
    for chunk in _chunks(wanted):
        found.update(
            session.scalars(
                select(QuarantinedRecord.url).where(QuarantinedRecord.url.in_(chunk)).distinct()
            )
        )
    return found


def _fetch_domain(url: str) -> str | None:
    """The domain a fetch is attributed to; None for a URL no source can have."""
    try:
        return domain_of(url)
    except InvalidURLError:
        return None


def record_fetch_log(session: Session, entries: Iterable[FetchLogEntryLike]) -> int:
    """Append fetch-log rows (one per HTTP request); returns how many were written."""
    rows = [
        {
            "run_id": entry.run_id,
            "url": clean_text(entry.url, URL_WIDTH),  # a log line: a cut URL still says enough
            "kind": entry.kind,
            "status_code": entry.status_code,
            "error": None if entry.error is None else clean_text(entry.error, 2000),
            "bytes": entry.bytes,
            "elapsed_ms": entry.elapsed_ms,
            "attempt": entry.attempt,
            "fetched_at": entry.fetched_at,
            "domain": _fetch_domain(entry.url),
        }
        for entry in entries
    ]
    for chunk in _chunks(rows):
        session.execute(FETCH_LOG.insert(), list(chunk))
    return len(rows)


__all__ = [
    "UpsertResult",
    "known_urls",
    "name_unnamed_sources",
    "quarantined_urls",
    "record_fetch_log",
    "upsert_articles",
    "upsert_feeds",
    "upsert_source",
]
