"""The warehouse schema as SQLAlchemy 2 typed models.

Table and column names are the public interface analysts rely on: add, never rename.
All timestamps are stored as UTC.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from load.utc_datetime import UTCDateTime

# SQLite only auto-increments INTEGER PRIMARY KEY, so big ids are INTEGER there.
Id = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    pass


class Source(Base):
    """A publisher, keyed by its web domain."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Id, primary_key=True, doc="Surrogate key.")
    name: Mapped[str] = mapped_column(
        String(300),
        doc="Publisher name, from the feed list (or the host when none was given).",
    )
    domain: Mapped[str] = mapped_column(
        String(253),
        unique=True,
        doc="Host of the publisher as transform.urls.domain_of gives it (lower case, no leading www., with a non-default port); unique.",
    )


class Feed(Base):
    """A feed of a publisher, with its fetch state and health."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Id, primary_key=True, doc="Surrogate key.")
    url: Mapped[str] = mapped_column(
        String(2048),
        unique=True,
        doc="Feed URL (RSS, Atom or JSON Feed); unique; follows permanent redirects.",
    )
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id"),
        doc="Publisher of the feed (sources.id).",
    )
    title: Mapped[str | None] = mapped_column(
        String(500),
        doc="Feed title, from the feed list or the feed itself.",
    )
    etag: Mapped[str | None] = mapped_column(
        String(500),
        doc="ETag validator of the last clean body, sent as If-None-Match; cleared while the body is malformed.",
    )
    last_modified: Mapped[str | None] = mapped_column(
        String(100),
        doc="Last-Modified validator of the last clean body, sent as If-Modified-Since.",
    )
    last_status: Mapped[int | None] = mapped_column(
        Integer,
        doc="HTTP status of the last fetch (304 = not modified); NULL when no answer came.",
    )
    last_error: Mapped[str | None] = mapped_column(
        Text,
        doc="Why the last fetch failed ('salvaged: ...' when a malformed body was read in part); NULL when it succeeded.",
    )
    last_fetched_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime,
        doc="When the feed was last fetched (UTC).",
    )
    last_success_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime,
        doc="When the feed last answered with a clean body or a 304 (UTC).",
    )
    last_unconditional_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime,
        doc="When the feed was last fetched without validators (UTC).",
    )
    consecutive_failures: Mapped[int] = mapped_column(
        Integer,
        default=0,
        doc="Failed fetches in a row (one per request, however many retries); 0 after a clean fetch.",
    )
    next_fetch_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime,
        doc="While failing: the end of its back-off, before which runs skip the feed (UTC); NULL = next run.",
    )
    active: Mapped[bool] = mapped_column(
        Boolean,
        default=True,
        doc="False once the feed answered 410 Gone (or was switched off): runs skip it.",
    )
    entry_count: Mapped[int | None] = mapped_column(Integer, doc="Entries in the last body read.")


class Article(Base):
    """An article: one row per canonical URL, originals and duplicates alike."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Id, primary_key=True, doc="Surrogate key.")
    url: Mapped[str] = mapped_column(
        String(2048),
        doc="URL the article was fetched from (after redirects).",
    )
    canonical_url: Mapped[str] = mapped_column(
        String(2048),
        unique=True,
        doc="Canonical form of the article's URL (tracking parameters removed); unique: one row per article.",
    )
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id"),
        index=True,
        doc="Publisher (sources.id).",
    )
    title: Mapped[str] = mapped_column(Text, default="", doc="Headline.")
    author: Mapped[str] = mapped_column(
        Text,
        default="",
        doc="Authors joined with ', '; empty when unknown.",
    )
    published_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime,
        index=True,
        doc="Publication time from the page or the feed entry (UTC); NULL when neither gave one.",
    )
    language: Mapped[str | None] = mapped_column(
        String(16),
        doc="Language code (e.g. en), when known.",
    )
    text: Mapped[str] = mapped_column(
        Text,
        default="",
        doc="Extracted article text (plain text).",
    )
    word_count: Mapped[int] = mapped_column(Integer, default=0, doc="Words in text.")
    content_hash: Mapped[str] = mapped_column(
        String(64),
        index=True,
        doc="SHA-256 of the normalized text: equal hashes are exact duplicates.",
    )
    duplicate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id"),
        index=True,
        doc="The earlier article this one copies (exact or near duplicate); NULL for an original.",
    )
    first_seen_at: Mapped[datetime] = mapped_column(
        UTCDateTime,
        doc="When the warehouse first stored the article (UTC).",
    )
    first_run_id: Mapped[str | None] = mapped_column(
        String(64),
        index=True,
        doc=(
            "The run that first stored the article (runs.id): its articles_new counts these rows; "
            "NULL for articles stored before revision 0010 or by a load outside any run."
        ),
    )
    # Set once deduplication and event assignment have looked at the row.
    clustered_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime,
        index=True,
        doc="When deduplication and event assignment looked at the article (UTC); NULL = not yet.",
    )


class ArticleUrl(Base):
    """Every URL ever seen for an article (feed link, redirect target, AMP, canonical)."""

    __tablename__ = "article_urls"

    url: Mapped[str] = mapped_column(
        String(2048),
        primary_key=True,
        doc="A URL seen for the article (feed link, redirect target, AMP or canonical URL).",
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id"),
        index=True,
        doc="The article (articles.id).",
    )


class ArticleBand(Base):
    """MinHash LSH band keys: candidate near-duplicates are one indexed lookup away."""

    __tablename__ = "article_bands"

    band: Mapped[int] = mapped_column(Integer, primary_key=True, doc="MinHash LSH band number.")
    bucket: Mapped[int] = mapped_column(
        BigInteger,
        primary_key=True,
        doc="Hash of the article's signature rows in that band.",
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id"),
        primary_key=True,
        doc="The article (articles.id).",
    )


class Event(Base):
    """A real-world happening: articles from any source reporting it."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Id, primary_key=True, doc="Surrogate key.")
    title: Mapped[str] = mapped_column(
        Text,
        default="",
        doc="Title of the event's leading article.",
    )
    summary: Mapped[str] = mapped_column(
        Text,
        default="",
        doc="Lead of the leading article's text.",
    )
    first_published_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime,
        index=True,
        doc="Time of the event's earliest article (UTC).",
    )
    last_published_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime,
        index=True,
        doc="Time of the event's latest article (UTC).",
    )
    article_count: Mapped[int] = mapped_column(
        Integer,
        default=0,
        doc="Articles in the event, duplicates included.",
    )
    source_count: Mapped[int] = mapped_column(
        Integer,
        default=0,
        doc="Distinct sources that covered the event.",
    )
    top_terms: Mapped[str] = mapped_column(
        Text,
        default="",
        doc="The event's highest-weighted terms, joined with ', '.",
    )


class EventArticle(Base):
    """An article's membership in its event."""

    __tablename__ = "event_articles"
    __table_args__ = (UniqueConstraint("article_id", name="uq_event_articles_article"),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id"),
        primary_key=True,
        doc="The event (events.id).",
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id"),
        primary_key=True,
        doc="The article (articles.id); an article belongs to one event at most.",
    )
    similarity: Mapped[float | None] = mapped_column(
        Float,
        doc="Score with which the article joined the event.",
    )


class EventMerge(Base):
    """Two events found to be one: the merged one lives on in the survivor."""

    __tablename__ = "event_merges"
    # Each merge re-points the earlier merges into the absorbed event, and deleting an emptied
    # event deletes those naming it: without this index both scan the whole merge history.
    __table_args__ = (Index("ix_event_merges_survivor", "survivor_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, doc="Surrogate key.")
    survivor_id: Mapped[int] = mapped_column(
        ForeignKey("events.id"),
        doc="The event that absorbed the other (events.id).",
    )
    merged_id: Mapped[int] = mapped_column(
        Integer,
        doc="Id of the event merged away (no longer in events).",
    )
    merged_at: Mapped[datetime] = mapped_column(UTCDateTime, doc="When the merge happened (UTC).")


class EventWait(Base):
    """A report alone in its event, waiting on the event that scored nearest to it (below the
    join threshold) to grow towards it: each later run of the events stage scores it again
    whenever that event gains a report, and merges its event into that one once it reaches the
    threshold. Kept while the report is alone and within the event window of the newest
    report clustered."""

    __tablename__ = "event_waits"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id"),
        primary_key=True,
        doc="The waiting report (articles.id), an original alone in its event.",
    )
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id"),
        index=True,
        doc="The event it waits on (events.id); follows that event through merges.",
    )
    best_link: Mapped[float] = mapped_column(
        Float,
        doc="Its strongest link so far to that event's members (event_scoring.link).",
    )


class FetchLog(Base):
    """One HTTP request attempt on the wire (each redirect hop, each retry, each robots.txt)."""

    __tablename__ = "fetch_log"
    __table_args__ = (Index("ix_fetch_log_run", "run_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, doc="Surrogate key.")
    run_id: Mapped[str] = mapped_column(String(64), doc="The run that made the request (runs.id).")
    url: Mapped[str] = mapped_column(String(2048), doc="URL requested.")
    kind: Mapped[str] = mapped_column(
        String(16),
        doc="What was fetched: feed, page or robots.",
    )  # feed, page, robots
    status_code: Mapped[int | None] = mapped_column(
        Integer,
        doc="HTTP status; NULL when no answer came.",
    )
    error: Mapped[str | None] = mapped_column(
        Text,
        doc="Why the attempt failed; NULL when it got an answer it could use.",
    )
    bytes: Mapped[int] = mapped_column(Integer, default=0, doc="Body bytes received.")
    elapsed_ms: Mapped[int] = mapped_column(
        Integer,
        default=0,
        doc="Duration of the attempt in milliseconds.",
    )
    attempt: Mapped[int] = mapped_column(
        Integer,
        default=1,
        doc="1 for the first try of a request, 2 for its first retry, and so on.",
    )
    fetched_at: Mapped[datetime] = mapped_column(
        UTCDateTime,
        index=True,
        doc="When the attempt was made (UTC).",
    )
    # Host of ``url`` as transform.urls.domain_of gives it: joins failures to sources.domain.
    domain: Mapped[str | None] = mapped_column(
        String(253),
        index=True,
        doc="Host of url as transform.urls.domain_of gives it: joins failures to sources.domain.",
    )


class Run(Base):
    """One nightly run (or `wirehouse run`), with its summary counts."""

    __tablename__ = "runs"

    id: Mapped[str] = mapped_column(
        String(64),
        primary_key=True,
        doc="Run id (UTC start time and a random suffix, or the Airflow run's).",
    )
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, doc="When the run began (UTC).")
    finished_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime,
        doc="When the run finished (UTC); NULL while running or if it died.",
    )
    status: Mapped[str] = mapped_column(
        String(16),
        default="running",
        doc=(
            "running, ingested (fetched and loaded), completed (deduplicated and clustered too) "
            "or failed (see error)."
        ),
    )
    feeds_ok: Mapped[int] = mapped_column(
        Integer,
        default=0,
        doc="Feeds fetched cleanly (304 included).",
    )
    feeds_failed: Mapped[int] = mapped_column(
        Integer,
        default=0,
        doc="Feeds whose fetch failed (feeds skipped in back-off are not fetched, so not counted).",
    )
    pages_fetched: Mapped[int] = mapped_column(
        Integer,
        default=0,
        doc="Article pages fetched successfully.",
    )
    articles_new: Mapped[int] = mapped_column(
        Integer,
        default=0,
        doc=(
            "Articles the run stored first (their articles.first_run_id), whichever of its steps "
            "loaded them: pages an interrupted run left pending count for the run that loads them."
        ),
    )
    duplicates_new: Mapped[int] = mapped_column(
        Integer,
        default=0,
        doc="New articles found to be duplicates.",
    )
    events_touched: Mapped[int] = mapped_column(
        Integer,
        default=0,
        doc="Events created or updated.",
    )
    error: Mapped[str | None] = mapped_column(
        Text,
        doc="Why a failed run failed (first line of its error); NULL otherwise.",
    )
    feeds_skipped: Mapped[int] = mapped_column(
        Integer,
        default=0,
        server_default="0",
        doc="Feeds never requested: the run's deadline had passed.",
    )
    pages_skipped: Mapped[int] = mapped_column(
        Integer,
        default=0,
        server_default="0",
        doc="Pages never requested: a deadline had passed, or robots.txt was unreadable.",
    )


class RunLease(Base):
    """Who may run now: one row per lease name ("ingest"), taken by `wirehouse run` and by a
    DAG run's `begin`, so the two never overlap (wirehouse/lease.py)."""

    __tablename__ = "run_lease"

    name: Mapped[str] = mapped_column(
        String(32), primary_key=True, doc='Lease name ("ingest").'
    )
    run_id: Mapped[str] = mapped_column(String(64), doc="The run holding the lease (runs.id).")
    kind: Mapped[str] = mapped_column(String(16), doc="Who holds it: cli or airflow.")
    host: Mapped[str] = mapped_column(String(255), doc="Host name of the holder.")
    pid: Mapped[int | None] = mapped_column(
        Integer, doc="Process id of the holder on its host: the command's, or for a DAG run the "
        "Airflow scheduler's (LocalExecutor); none when unknown. Gone, the lease is taken over."
    )
    holder: Mapped[str | None] = mapped_column(
        String(255), doc="What took it: the command (wirehouse run) or the DAG and task "
        "(wirehouse_events.stories); none before revision 0012."
    )
    acquired_at: Mapped[datetime] = mapped_column(UTCDateTime, doc="When it was taken (UTC).")
    expires_at: Mapped[datetime] = mapped_column(
        UTCDateTime, doc="When it lapses unless renewed (UTC)."
    )


class PendingPage(Base):
    """A page fetched and archived but not yet loaded.

    Written in the same transaction that stores its feed's new validators, deleted in the one
    that loads it: a run killed in between leaves the page here for the next run to load from
    the archive, instead of losing it behind the feed's next 304.
    """

    __tablename__ = "pending_pages"

    id: Mapped[int] = mapped_column(Id, primary_key=True, doc="Surrogate key.")
    run_id: Mapped[str] = mapped_column(
        String(64),
        index=True,
        doc="The run that fetched the page (runs.id).",
    )
    ref: Mapped[str] = mapped_column(
        Text,
        doc="The page reference as JSON (URLs, feed entry, archive location).",
    )  # the page reference as JSON
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime,
        doc="When the page was archived (UTC).",
    )




class QuarantinedRecord(Base):
    """A page (with its feed entry) that failed to load, moved aside with its error.

    The dead-letter table: a record that cannot be extracted or stored is moved here instead of
    staying pending (where it would stop every later run), so the run and the records after it
    go on. `wirehouse reprocess --quarantined` retries each; a success deletes its row.
    """

    __tablename__ = "quarantine"

    id: Mapped[int] = mapped_column(Id, primary_key=True, doc="Surrogate key.")
    kind: Mapped[str] = mapped_column(
        String(16), doc='What was quarantined: "page" (an archived page and its feed entry).'
    )
    url: Mapped[str] = mapped_column(
        Text, doc="The record's URL as received (Text, so never too long to quarantine)."
    )
    feed_id: Mapped[int | None] = mapped_column(
        Integer, index=True, doc="The feed whose entry linked it (feeds.id), if any."
    )
    run_id: Mapped[str | None] = mapped_column(
        String(64), doc="The run that quarantined it (runs.id)."
    )
    ref: Mapped[str] = mapped_column(
        Text, doc="The page reference as JSON (ASCII): archive location and entry, for retries."
    )
    error: Mapped[str] = mapped_column(Text, doc="Why it failed to load (the last error).")
    attempts: Mapped[int] = mapped_column(
        Integer, default=1, doc="How many times it failed to load."
    )
    first_failed_at: Mapped[datetime] = mapped_column(
        UTCDateTime, doc="When it first failed (UTC)."
    )
    last_failed_at: Mapped[datetime] = mapped_column(
        UTCDateTime, doc="When it last failed (UTC)."
    )


# --- Story clustering state (transform/fingerprint.py, transform/events.py, load/stories.py) ---
# Each table below is maintained incrementally by load/stories.py; none needs a full scan.


class ArticleSignature(Base):
    """The MinHash signature of an article's normalized text (little-endian uint32 per
    permutation), so verifying an LSH candidate costs one row read, not a re-shingling."""

    __tablename__ = "article_signatures"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id"),
        primary_key=True,
        doc="The article (articles.id).",
    )
    signature: Mapped[bytes] = mapped_column(
        LargeBinary,
        doc="MinHash signature: one little-endian uint32 per permutation.",
    )


class ArticleTerm(Base):
    """The weighted terms (title, lead, body, entities, numbers) of an original article.

    ``weight`` is the field-weighted term frequency; IDF is applied at scoring time from
    ``term_stats``. ``published_at`` repeats the article's effective time so candidate
    lookups are one range scan per term on ``(term, published_at)``.
    """

    __tablename__ = "article_terms"
    __table_args__ = (Index("ix_article_terms_term_published", "term", "published_at"),)

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id"),
        primary_key=True,
        doc="The article (articles.id).",
    )
    term: Mapped[str] = mapped_column(
        String(200),
        primary_key=True,
        doc="A term (word, entity or number) of the article.",
    )
    weight: Mapped[float] = mapped_column(Float, doc="Field-weighted term frequency.")
    published_at: Mapped[datetime] = mapped_column(
        UTCDateTime,
        doc="The article's effective time (publication, else first seen), for range scans.",
    )


class EventTerm(Base):
    """An event's term centroid: the sum of its original articles' term weights."""

    __tablename__ = "event_terms"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id"),
        primary_key=True,
        doc="The event (events.id).",
    )
    term: Mapped[str] = mapped_column(
        String(200),
        primary_key=True,
        doc="A term of the event's centroid.",
    )
    weight: Mapped[float] = mapped_column(
        Float,
        doc="Sum of the term's weights over the event's original articles.",
    )


class TermStat(Base):
    """Document frequency of each term over original (non-duplicate) articles."""

    __tablename__ = "term_stats"

    term: Mapped[str] = mapped_column(String(200), primary_key=True, doc="A term.")
    document_count: Mapped[int] = mapped_column(
        Integer,
        default=0,
        doc="Original articles containing the term.",
    )


class StoryCounter(Base):
    """Named counters of the clustering state, e.g. ``documents`` (the IDF's N)."""

    __tablename__ = "story_counters"

    name: Mapped[str] = mapped_column(
        String(64),
        primary_key=True,
        doc="Counter name, e.g. documents (the IDF's N).",
    )
    value: Mapped[int] = mapped_column(BigInteger, default=0, doc="Counter value.")


class NamedEntity(Base):
    """A person, organisation, place or named vessel that articles name (transform.entities)."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Id, primary_key=True, doc="Surrogate key.")
    kind: Mapped[str] = mapped_column(
        String(16),
        doc="person, organization, place or vessel (a named ship, ferry or tanker).",
    )
    name: Mapped[str] = mapped_column(
        String(300),
        doc="Display name: the GeoNames/ISO name of a place, the fullest form seen of a person "
        "or organisation, a vessel's name as a report introduces it.",
    )
    key: Mapped[str] = mapped_column(
        String(400),
        unique=True,
        doc="Normalized key, the same across articles and languages: place:geonames:<id>, "
        "place:iso3166-2:<code>, place:name:<folded name> (a river, lake or mountain no "
        "gazetteer places), place:town:<folded name> (a town no gazetteer holds, named by a "
        "dateline or a settlement noun: the town of ...), place:district:<folded name> (a "
        "town's district, named by a district word), place:venue:<folded name> (a venue in a "
        "town, named by a German compound: Osthafen), person:<folded name>, "
        "organization:<folded name less the legal forms and group words it ends with>, "
        "vessel:<folded name>; unique.",
    )
    country_code: Mapped[str | None] = mapped_column(
        String(2),
        index=True,
        doc="ISO 3166-1 alpha-2 country of a place; NULL for people, organisations and vessels.",
    )
    lat: Mapped[float | None] = mapped_column(
        Float,
        doc="Latitude of a city (GeoNames); NULL for countries, regions and non-places.",
    )
    lon: Mapped[float | None] = mapped_column(
        Float,
        doc="Longitude of a city (GeoNames); NULL for countries, regions and non-places.",
    )


class ArticleEntity(Base):
    """An entity an article names, with how often and whether its title does."""

    __tablename__ = "article_entities"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
        doc="The article (articles.id).",
    )
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id"),
        primary_key=True,
        index=True,
        doc="The entity (entities.id).",
    )
    mentions: Mapped[int] = mapped_column(
        Integer,
        doc="Times the title and text name it (a surname alone counts for the full name).",
    )
    in_title: Mapped[bool] = mapped_column(Boolean, doc="True when the title names it.")


class EventEntity(Base):
    """An entity an event's articles name: recomputed from article_entities whenever the
    event's membership changes (new articles, merges, re-clustering)."""

    __tablename__ = "event_entities"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"),
        primary_key=True,
        doc="The event (events.id); its rows go with it when it is merged away.",
    )
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id"),
        primary_key=True,
        index=True,
        doc="The entity (entities.id).",
    )
    articles: Mapped[int] = mapped_column(
        Integer,
        doc="The event's articles (duplicates included) that name the entity.",
    )


# --- Push ingestion (WebSub subscriber, wirehouse/push.py) ---


class WebSubSubscription(Base):
    """A WebSub subscription of this warehouse to a topic (a feed) on a hub, with its lease.

    ``pending_mode`` is the request last sent to the hub and not yet verified: the callback
    echoes a hub's challenge only for that request (the spec's verification of intent)."""

    __tablename__ = "websub_subscriptions"
    __table_args__ = (UniqueConstraint("topic_url", "hub_url", name="uq_websub_topic_hub"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, doc="Surrogate key; the last segment of the callback URL.")
    topic_url: Mapped[str] = mapped_column(
        String(2048), doc="The topic: the feed's self URL (rel=\"self\"), else the URL it was read from."
    )
    hub_url: Mapped[str] = mapped_column(String(2048), doc="The hub the feed announces (rel=\"hub\").")
    callback_url: Mapped[str] = mapped_column(
        String(2048), doc="The hub.callback sent: WIREHOUSE_WEBSUB_CALLBACK_URL, then /<id>."
    )
    secret: Mapped[str] = mapped_column(
        String(200), doc="The hub.secret of this subscription (random, under 200 bytes): the key of X-Hub-Signature."
    )
    state: Mapped[str] = mapped_column(
        String(16), doc="requested, verified, denied, expired or unsubscribed."
    )
    pending_mode: Mapped[str | None] = mapped_column(
        String(16), doc="subscribe or unsubscribe while a request awaits the hub's verification; NULL otherwise."
    )
    lease_seconds: Mapped[int | None] = mapped_column(
        Integer, doc="Lease asked for (while requested) or granted by the hub (once verified)."
    )
    lease_expires_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, doc="When the verified lease runs out unless renewed (UTC)."
    )
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, doc="When the last request was sent to the hub (UTC).")
    verified_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, doc="When the hub last verified a request of ours (UTC)."
    )
    last_push_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, doc="When the last accepted push arrived (UTC)."
    )
    pushes: Mapped[int] = mapped_column(Integer, default=0, doc="Pushes accepted into push_outbox.")
    last_error: Mapped[str | None] = mapped_column(
        Text, doc="The last problem: a hub refusal, a denial's hub.reason, a discarded push; NULL when none."
    )
    feed_url: Mapped[str | None] = mapped_column(
        String(2048),
        doc="The feed URL it was subscribed from (`wirehouse websub subscribe`); when that feed leaves "
        "the feed list the subscription is ended. NULL for subscriptions made before 0007_websub_feed.",
    )
    alerted_problem: Mapped[str | None] = mapped_column(
        Text,
        doc="The problem last alerted (failed to verify, lapsed, not verified), so each is alerted once; "
        "NULL when none is open. Cleared when the subscription is well again.",
    )


class PushOutbox(Base):
    """A push received (or an article URL submitted) and not lost: stored before it is answered.

    The body is archived as WARC first and the row written in the same transaction that answers
    the hub; draining (wirehouse/push.py) turns rows into articles and marks them done."""

    __tablename__ = "push_outbox"
    __table_args__ = (
        Index("ix_push_outbox_state", "state", "id"),
        Index("ix_push_outbox_digest", "subscription_id", "body_sha256"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, doc="Surrogate key.")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, doc="When it arrived (UTC).")
    kind: Mapped[str] = mapped_column(
        String(8), doc="fat (entries in the body), light (fetch the topic) or url (one article URL submitted)."
    )
    subscription_id: Mapped[int | None] = mapped_column(
        Integer, doc="The subscription it came through (websub_subscriptions.id); NULL for kind url."
    )
    topic_url: Mapped[str | None] = mapped_column(
        String(2048), doc="The topic pushed; NULL for kind url."
    )
    url: Mapped[str | None] = mapped_column(Text, doc="The article URL submitted (kind url); NULL otherwise.")
    archive_path: Mapped[str | None] = mapped_column(
        Text, doc="WARC file holding the pushed body (fat pings); NULL when there is no body."
    )
    archive_offset: Mapped[int | None] = mapped_column(
        BigInteger, doc="Byte offset of the body's record in archive_path."
    )
    body_sha256: Mapped[str | None] = mapped_column(
        String(64), doc="SHA-256 of the body as received: a replayed push is recognized by it."
    )
    state: Mapped[str] = mapped_column(
        String(16), doc="received, processing (claimed by a drain), done or failed."
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0, doc="Drains that claimed it.")
    claimed_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, doc="When a drain last claimed it (UTC); a stale claim is taken again."
    )
    processed_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, doc="When a drain finished with it (UTC)."
    )
    pages_fetched: Mapped[int] = mapped_column(
        Integer, default=0, doc="Article pages new to the warehouse it had fetched and loaded."
    )
    error: Mapped[str | None] = mapped_column(Text, doc="Why its last drain failed; NULL when none.")
