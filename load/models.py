"""The warehouse schema as SQLAlchemy 2 typed models.

Table and column names are the public interface analysts rely on: add, never rename.
All timestamps are stored as UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every engine (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# SQLite only auto-increments INTEGER PRIMARY KEY, so big ids are INTEGER there.
Id = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    pass


class Source(Base):
    """A publisher, keyed by its web domain."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    domain: Mapped[str] = mapped_column(String(253), unique=True)


class Feed(Base):
    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    title: Mapped[str | None] = mapped_column(String(500))
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_unconditional_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    next_fetch_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    entry_count: Mapped[int | None] = mapped_column(Integer)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048))
    canonical_url: Mapped[str] = mapped_column(String(2048), unique=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    language: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Set once deduplication and event assignment have looked at the row.
    clustered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class ArticleUrl(Base):
    """Every URL ever seen for an article (feed link, redirect target, AMP, canonical)."""

    __tablename__ = "article_urls"

    url: Mapped[str] = mapped_column(String(2048), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)


class ArticleBand(Base):
    """MinHash LSH band keys: candidate near-duplicates are one indexed lookup away."""

    __tablename__ = "article_bands"

    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    bucket: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    first_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    last_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    article_count: Mapped[int] = mapped_column(Integer, default=0)
    source_count: Mapped[int] = mapped_column(Integer, default=0)
    top_terms: Mapped[str] = mapped_column(Text, default="")


class EventArticle(Base):
    __tablename__ = "event_articles"
    __table_args__ = (UniqueConstraint("article_id", name="uq_event_articles_article"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    similarity: Mapped[float | None] = mapped_column(Float)


class EventMerge(Base):
    __tablename__ = "event_merges"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    survivor_id: Mapped[int] = mapped_column(ForeignKey("events.id"))
    merged_id: Mapped[int] = mapped_column(Integer)
    merged_at: Mapped[datetime] = mapped_column(UTCDateTime)


class FetchLog(Base):
    __tablename__ = "fetch_log"
    __table_args__ = (Index("ix_fetch_log_run", "run_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    run_id: Mapped[str] = mapped_column(String(64))
    url: Mapped[str] = mapped_column(String(2048))
    kind: Mapped[str] = mapped_column(String(16))  # feed, page, robots
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    bytes: Mapped[int] = mapped_column(Integer, default=0)
    elapsed_ms: Mapped[int] = mapped_column(Integer, default=0)
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # Host of ``url`` as transform.urls.domain_of gives it: joins failures to sources.domain.
    domain: Mapped[str | None] = mapped_column(String(253), index=True)


class Run(Base):
    """One nightly run (or `wirehouse run`), with its summary counts."""

    __tablename__ = "runs"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="running")
    feeds_ok: Mapped[int] = mapped_column(Integer, default=0)
    feeds_failed: Mapped[int] = mapped_column(Integer, default=0)
    pages_fetched: Mapped[int] = mapped_column(Integer, default=0)
    articles_new: Mapped[int] = mapped_column(Integer, default=0)
    duplicates_new: Mapped[int] = mapped_column(Integer, default=0)
    events_touched: Mapped[int] = mapped_column(Integer, default=0)
    # Why a failed run failed (first line of its error), NULL otherwise.
    error: Mapped[str | None] = mapped_column(Text)
    # Feeds and pages never requested: a deadline had passed, or robots.txt was unreadable.
    feeds_skipped: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    pages_skipped: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class RunLease(Base):
    """Who may run now: one row per lease name ("ingest"), taken by `wirehouse run` and by a
    DAG run's `begin`, so the two never overlap (wirehouse/lease.py)."""

    __tablename__ = "run_lease"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    run_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # cli or airflow
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int | None] = mapped_column(Integer)
    acquired_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)



class PendingPage(Base):
    """A page fetched and archived but not yet loaded.

    Written in the same transaction that stores its feed's new validators, deleted in the one
    that loads it: a run killed in between leaves the page here for the next run to load from
    the archive, instead of losing it behind the feed's next 304.
    """

    __tablename__ = "pending_pages"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    run_id: Mapped[str] = mapped_column(String(64), index=True)
    ref: Mapped[str] = mapped_column(Text)  # the page reference as JSON
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)



class QuarantinedRecord(Base):
    """A page (with its feed entry) that failed to load, moved aside with its error.

    The dead-letter table: a record that cannot be extracted or stored is moved here instead of
    staying pending (where it would stop every later run), so the run and the records after it
    go on. `wirehouse reprocess --quarantined` retries each; a success deletes its row.
    """

    __tablename__ = "quarantine"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # "page": an archived page and its entry
    url: Mapped[str] = mapped_column(Text)  # as received, so never too long to quarantine
    feed_id: Mapped[int | None] = mapped_column(Integer, index=True)
    run_id: Mapped[str | None] = mapped_column(String(64))  # the run that quarantined it
    ref: Mapped[str] = mapped_column(Text)  # the page reference as JSON (ASCII), for retries
    error: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    first_failed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_failed_at: Mapped[datetime] = mapped_column(UTCDateTime)


# --- Story clustering state (transform/fingerprint.py, transform/events.py, load/stories.py) ---
# Each table below is maintained incrementally by load/stories.py; none needs a full scan.


class ArticleSignature(Base):
    """The MinHash signature of an article's normalized text (little-endian uint32 per
    permutation), so verifying an LSH candidate costs one row read, not a re-shingling."""

    __tablename__ = "article_signatures"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class ArticleTerm(Base):
    """The weighted terms (title, lead, body, entities, numbers) of an original article.

    ``weight`` is the field-weighted term frequency; IDF is applied at scoring time from
    ``term_stats``. ``published_at`` repeats the article's effective time so candidate
    lookups are one range scan per term on ``(term, published_at)``.
    """

    __tablename__ = "article_terms"
    __table_args__ = (Index("ix_article_terms_term_published", "term", "published_at"),)

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    term: Mapped[str] = mapped_column(String(200), primary_key=True)
    weight: Mapped[float] = mapped_column(Float)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EventTerm(Base):
    """An event's term centroid: the sum of its original articles' term weights."""

    __tablename__ = "event_terms"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), primary_key=True)
    term: Mapped[str] = mapped_column(String(200), primary_key=True)
    weight: Mapped[float] = mapped_column(Float)


class TermStat(Base):
    """Document frequency of each term over original (non-duplicate) articles."""

    __tablename__ = "term_stats"

    term: Mapped[str] = mapped_column(String(200), primary_key=True)
    document_count: Mapped[int] = mapped_column(Integer, default=0)


class StoryCounter(Base):
    """Named counters of the clustering state, e.g. ``documents`` (the IDF's N)."""

    __tablename__ = "story_counters"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
