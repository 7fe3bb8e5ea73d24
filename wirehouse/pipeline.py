"""The nightly run's task functions.

The Airflow DAGs and the `wirehouse` command call these same functions. Each takes an optional
``settings`` (read from the environment when omitted, as inside an Airflow worker) and passes only
small JSON-friendly values between steps, so Airflow can carry them through XCom.
"""

from __future__ import annotations

import functools
import json
import logging
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.exc import DBAPIError, OperationalError, StatementError
from sqlalchemy.orm import Session

from extract.archive import (
    ArchiveError,
    ArchiveRef,
    ArchiveWriter,
    StoredResponse,
    read_record,
)
from extract.crawl import FeedOutcome, FeedState, FetchLogEntry, fetch_batch
from extract.feedlist import read_feed_list
from extract.http import SKIPPED
from load import db
from load.models import Feed, FetchLog, PendingPage, QuarantinedRecord, Run
from load.upsert import (
    known_urls,
    quarantined_urls,
    record_fetch_log,
    upsert_articles,
    upsert_feeds,
)
from transform.articles import EmptyArticleError, build_article_record
from transform.html_extract import ExtractionError, extract_page
from transform.records import (
    ArticleRecord,
    FeedEntry,
    RecordError,
    clean_text,
    clean_url,
)
from transform.urls import InvalidURLError, canonicalize_url
from wirehouse import lease, quality
from wirehouse.errors import AllFeedsFailedError, PipelineError
from wirehouse.progress import ProgressHook
from wirehouse.runlock import HeldLock, run_lock
from wirehouse.runs import (
    articles_first_loaded,
    fail_run,
    reconcile_dead_runs,
    settle_archives,
)
from wirehouse.settings import ConfigError, Settings, load_settings
from wirehouse.warehouse import open_warehouse
from wirehouse.wording import counted, without_url

log = logging.getLogger(__name__)


# Stages of a run, in order, as reported in RunSummary.stage_seconds: "extract" is HTML parsing
# and extraction, "dedup" the duplicate lookups, "events" event assignment and its writes.
STAGES = ("fetch", "extract", "load", "dedup", "events", "quality")


@dataclass
class RunSummary:
    run_id: str
    warehouse_url: str  # password masked
    feeds_ok: int = 0
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    pages_fetched: int = 0
    pages_failed: int = 0
    feeds_skipped: int = 0  # never requested: the run's deadline had passed
    pages_skipped: int = 0  # never requested: a deadline had passed, or robots.txt unreadable
    articles_new: int = 0
    articles_updated: int = 0
    pages_without_text: int = 0
    pages_quarantined: int = 0
    stories: dict[str, int | float] = field(default_factory=dict)
    quality: dict[str, Any] = field(default_factory=dict)
    failed_feeds: list[tuple[str, str]] = field(default_factory=list)
    # failing feeds skipped because their back-off runs until after the run began
    feeds_in_backoff: int = 0
    backoff_feeds: list[tuple[str, str]] = field(default_factory=list)  # (url, next fetch ISO)
    stage_seconds: dict[str, float] = field(default_factory=dict)  # by STAGES


def _settings(settings: Settings | None) -> Settings:
    return settings if settings is not None else load_settings()


def _now() -> datetime:
    return datetime.now(UTC)


def new_run_id() -> str:
    return f"{_now():%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def begin_run(settings: Settings | None = None, run_id: str | None = None) -> str:
    """Check the warehouse, sync the feed list, record the start of a run, settle the runs that
    died before finishing, load what they fetched but did not load, drain the push outbox and
    keep the WebSub subscriptions (:func:`wirehouse.push.nightly_upkeep`).

    The caller holds the run lease (``run_once``'s lock, or :func:`take_run_lease`), so any
    other run still marked ``running`` is dead."""
    run_id = run_id or new_run_id()
    _begin(_settings(settings), run_id)
    return run_id


def _begin(settings: Settings, run_id: str) -> dict[str, Any]:
    """:func:`begin_run`'s work; the load counts of the pages left by earlier runs."""
    engine = open_warehouse(settings)
    reconcile_dead_runs(engine, settings, run_id)
    with db.session_scope(engine) as session:
        if settings.feeds is not None:
            upsert_feeds(session, read_feed_list(settings.feeds))
        if not session.scalar(select(func.count()).select_from(Feed).where(Feed.active)):
            raise ConfigError(
                "no active feeds: set WIREHOUSE_FEEDS to an OPML or YAML feed list, "
                "or run `wirehouse feeds import FILE.opml`"
            )
        existing = session.get(Run, run_id)
        if existing is None:
            session.add(Run(id=run_id, started_at=_now(), status="running"))
    leftovers = _load_leftovers(engine, settings, run_id)
    # the push outbox drained (a lost notification loses nothing) and the WebSub leases kept,
    # before the feeds are fetched: pages pushed are then known and not fetched again
    from wirehouse.push import nightly_upkeep

    nightly_upkeep(settings)
    return leftovers


def take_run_lease(run_id: str, settings: Settings | None = None, *,
                   holder: str | None = None, pid: int | None = None) -> None:
    """Take the run lease for a DAG run (RunLockedError while a command-line run or another
    DAG run holds it), for ``airflow_lease_seconds``: its tasks renew it
    (:func:`wirehouse.airflow_support.holding_run_lease`). ``holder`` names the DAG and task,
    ``pid`` the Airflow scheduler on this host whose end frees the lease
    (:func:`wirehouse.airflow_support.lease_holder`)."""
    settings = _settings(settings)
    engine = open_warehouse(settings)
    lease.acquire(engine, run_id, "airflow", timedelta(seconds=settings.airflow_lease_seconds),
                  holder=holder, pid=pid)


def plan_feed_batches(settings: Settings | None = None) -> list[list[int]]:
    """The ids of the feeds due now, in batches of ``feed_batch_size``."""
    settings = _settings(settings)
    engine = open_warehouse(settings)
    now = _now()
    with db.session_scope(engine) as session:
        ids = session.scalars(
            select(Feed.id)
            .where(Feed.active, (Feed.next_fetch_at.is_(None)) | (Feed.next_fetch_at <= now))
            .order_by(Feed.id)
        ).all()
    size = settings.feed_batch_size
    return [list(ids[i : i + size]) for i in range(0, len(ids), size)]


def fetch_feed_batch(
    feed_ids: list[int],
    run_id: str,
    settings: Settings | None = None,
    progress: ProgressHook | None = None,
) -> list[dict[str, Any]]:
    """Fetch a batch of feeds and their new article pages; archive every body as WARC.

    Returns one small reference per fetched page (its URLs, feed entry and archive location).
    """
    settings = _settings(settings)
    engine = open_warehouse(settings)
    lease.check(engine, run_id)  # a run that lost its lease stops here
    with db.session_scope(engine) as session:
        started_at = session.scalar(select(Run.started_at).where(Run.id == run_id))
        if started_at is None:
            raise PipelineError(f"run {run_id} was never begun")
        states = [
            FeedState(
                id=f.id,
                url=f.url,
                etag=f.etag,
                last_modified=f.last_modified,
                last_unconditional_at=f.last_unconditional_at,
            )
            for f in session.scalars(select(Feed).where(Feed.id.in_(feed_ids)).order_by(Feed.id))
        ]
    if not states:
        return []
    fetched: list[FetchLogEntry] = []
    # one file per attempt: a retried task must not overwrite what an earlier attempt recorded
    archive_path = (
        settings.archive_dir / run_id / f"feeds-{states[0].id:06d}-{secrets.token_hex(4)}.warc.gz"
    )
    wanted: dict[str, tuple[FeedEntry, int]] = {}

    def select_pages(outcome: FeedOutcome) -> list[str]:
        fresh = _new_entry_links(engine, settings, outcome, wanted)
        wanted.update(fresh)
        return list(fresh)

    with ArchiveWriter(archive_path) as archive:
        on_log = _counting(fetched.append, len(states), wanted, progress)
        outcomes, pages = fetch_batch(settings, run_id, states, archive, on_log, select_pages,
                                      deadline=fetch_deadline(started_at, settings))
    for outcome in outcomes:
        if outcome.entries_dropped:
            log.warning("%s: kept the newest %s, dropped %s", outcome.url,
                        counted(settings.feed_max_entries, "entry", "entries"),
                        counted(outcome.entries_dropped, "older one"))
    refs: list[dict[str, Any]] = []
    for page in pages:
        if page.archive_ref is None:
            continue
        entry, feed_id = wanted[page.url]
        refs.append(
            {
                "url": page.url,
                "archive": page.archive_ref.to_dict(),
                "feed_id": feed_id,
                "entry_title": entry.title,
                "entry_published_at": entry.published_at.isoformat() if entry.published_at else None,
                "entry_authors": list(entry.authors),
            }
        )
    with db.session_scope(engine) as session:
        _record_feed_outcomes(session, settings, outcomes)
        record_fetch_log(session, fetched)
        pending = [
            PendingPage(run_id=run_id, ref=json.dumps(ref), created_at=_now()) for ref in refs
        ]
        session.add_all(pending)
        session.flush()
        for ref, row in zip(refs, pending, strict=True):
            ref["pending_id"] = row.id
        lease.fence(session, run_id)  # committed only while the run holds the lease
    return refs


def fetch_deadline(started_at: datetime, settings: Settings) -> float:
    """When a run's fetching stops (a ``time.time()`` value): its deadline less the share kept
    for loading, events and checks, so the whole run ends within ``run_deadline``."""
    return started_at.timestamp() + settings.run_deadline * (1 - settings.run_deadline_reserve)


def _counting(
    on_log: Callable[[FetchLogEntry], None],
    feeds_total: int,
    pages_wanted: dict[str, Any],
    progress: ProgressHook | None,
) -> Callable[[FetchLogEntry], None]:
    """``on_log`` that also reports how many feeds and pages have had a request; the pages'
    total grows as the feeds are read (``pages_wanted`` is filled as each one is)."""
    if progress is None:
        return on_log
    seen: dict[str, set[str]] = {"feed": set(), "page": set()}
    progress("feeds", 0, feeds_total)

    def log_and_count(entry: FetchLogEntry) -> None:
        on_log(entry)
        urls = seen.get(entry.kind)
        if urls is None or entry.url in urls:
            return
        urls.add(entry.url)
        if entry.kind == "feed":
            progress("feeds", min(len(urls), feeds_total), feeds_total)
        else:
            progress("pages", min(len(urls), len(pages_wanted)), len(pages_wanted))

    return log_and_count


def _new_entry_links(engine: Engine, settings: Settings, outcome: FeedOutcome,
                     claimed: dict[str, tuple[FeedEntry, int]]) -> dict[str, tuple[FeedEntry, int]]:
    """A feed's entry links not yet in the warehouse nor ``claimed`` by a feed read earlier in
    the batch, canonicalized."""
    wanted: dict[str, tuple[FeedEntry, int]] = {}
    if outcome.parsed is None:
        return wanted
    for entry in outcome.parsed.entries:
        try:
            url = canonicalize_url(entry.link, settings.tracking_params)
        except InvalidURLError:
            continue
        if url not in claimed:
            wanted.setdefault(url, (entry, outcome.feed_id))
    drop_stored_urls(engine, wanted)
    return wanted


def drop_stored_urls(engine: Engine, wanted: dict[str, tuple[FeedEntry, int]]) -> None:
    """Take out of ``wanted`` the URLs the warehouse already has as articles and those it holds
    in quarantine (a quarantined page waits for `wirehouse reprocess --quarantined`, not the
    next fetch)."""
    if not wanted:
        return
    with db.session_scope(engine) as session:
        for url in known_urls(session, wanted):
            del wanted[url]
        for url in quarantined_urls(session, wanted):
            del wanted[url]


def _record_feed_outcomes(session: Session, settings: Settings, outcomes: list[FeedOutcome]) -> None:
    """Store each feed's fetch outcome: validators, health and back-off.

    A body that parsed only in part (entries salvaged from a malformed document) is a failure of
    that fetch, not a success: the error is kept, the streak grows (without back-off, since its
    entries still arrive) and the validators are dropped, so the next fetch is unconditional and
    a 304 cannot make a still broken feed look healthy; the first clean body clears the error.
    """
    now = _now()
    for outcome in outcomes:
        feed = session.get(Feed, outcome.feed_id)
        if feed is None or outcome.skipped:  # not requested: nothing learnt, due next run
            continue
        feed.last_fetched_at = now
        feed.last_status = outcome.status_code
        # What the server sent passes the records' boundary too: a NUL in a channel title or a
        # validator longer than its column must not stop the batch's results from being saved.
        error = clean_text(outcome.error, 2000) if outcome.error is not None else None
        content_error = outcome.parsed.error if outcome.parsed is not None else None
        if outcome.error is None and content_error:
            feed.last_error = clean_text(f"salvaged: {content_error}", 2000)
            feed.consecutive_failures = (feed.consecutive_failures or 0) + 1
            feed.next_fetch_at = None
            feed.etag = feed.last_modified = None
            feed.title = feed.title or clean_text(outcome.parsed.title, 500) or None
            feed.entry_count = len(outcome.parsed.entries)
        elif outcome.error is None:
            feed.last_error = None
            feed.last_success_at = now
            feed.consecutive_failures = 0
            feed.next_fetch_at = None
            if outcome.unconditional:
                feed.last_unconditional_at = now
            if not outcome.not_modified:
                feed.etag = _validator(outcome.etag, 500)
                feed.last_modified = _validator(outcome.last_modified, 100)
            if outcome.parsed is not None:
                feed.title = feed.title or clean_text(outcome.parsed.title, 500) or None
                feed.entry_count = len(outcome.parsed.entries)
        else:
            feed.last_error = error
            feed.consecutive_failures = (feed.consecutive_failures or 0) + 1
            hours = min(
                settings.feed_failure_backoff_hours * 2 ** (feed.consecutive_failures - 1),
                settings.feed_failure_backoff_max_hours,
            )
            feed.next_fetch_at = now + timedelta(hours=hours)
        if outcome.gone:
            feed.active = False
        moved_to = clean_url(outcome.moved_to)
        if moved_to and moved_to != feed.url:
            clash = session.scalar(select(Feed.id).where(Feed.url == moved_to))
            if clash is None:
                feed.url = moved_to


def _validator(value: str | None, width: int) -> str | None:
    """A cache validator as sent, or None when it cannot be stored whole (a cut one is wrong)."""
    if value is None:
        return None
    cleaned = clean_text(value, width + 1)
    return cleaned if cleaned == value and len(cleaned) <= width else None


def load_articles(
    page_refs: list[dict[str, Any]],
    run_id: str,
    settings: Settings | None = None,
    progress: ProgressHook | None = None,
) -> dict[str, Any]:
    """Extract archived pages into article records and upsert them, one transaction per batch,
    each committed only while ``run_id`` holds the run lease (RunLockLostError, and that batch
    rolled back, when it does not)."""
    settings = _settings(settings)
    engine = open_warehouse(settings)
    lease.check(engine, run_id)  # a run that lost its lease stops here
    return load_pages(
        engine,
        settings,
        _pages_from_refs(engine, page_refs, run_id),
        run_id=run_id,
        progress=progress,
        total=len(page_refs),
        leased=True,
    )


def _pages_from_refs(
    engine: Engine, refs: Iterable[dict[str, Any]], run_id: str | None
) -> Iterator[ArchivedPage]:
    """The archived pages ``refs`` point at; a ref whose archive cannot be read is quarantined."""
    for ref in refs:
        try:
            yield _page_from_ref(ref)
        except (ArchiveError, KeyError, TypeError, ValueError) as exc:
            log.warning("page %s cannot be read back: %s", ref.get("url"), exc)
            with db.session_scope(engine) as session:
                _quarantine(
                    session, ref, exc, run_id, ref.get("pending_id"), ref.get("quarantine_id")
                )


def _page_from_ref(ref: dict[str, Any]) -> ArchivedPage:
    return ArchivedPage(
        read_record(ArchiveRef.from_dict(ref["archive"])),
        ref["url"],
        _entry_from_ref(ref),
        ref.get("pending_id"),
        ref.get("feed_id"),
        ref.get("quarantine_id"),
    )


def _load_leftovers(engine: Engine, settings: Settings, run_id: str) -> dict[str, Any]:
    """Load the pages an interrupted earlier run fetched but never loaded."""
    with db.session_scope(engine) as session:
        rows = session.execute(
            select(PendingPage.id, PendingPage.ref).where(PendingPage.run_id != run_id)
        ).all()
    refs = [{**_json_ref(raw), "pending_id": pending_id} for pending_id, raw in rows]
    counts = load_pages(engine, settings, _pages_from_refs(engine, refs, run_id), run_id)
    if rows:
        log.info("loaded %d pages left pending by interrupted runs: %s", len(rows), counts)
    return counts


def _json_ref(raw: str) -> dict[str, Any]:
    try:
        ref = json.loads(raw)
    except ValueError:
        return {"url": raw[:200], "archive": None}
    return ref if isinstance(ref, dict) else {"url": str(ref)[:200], "archive": None}


def retry_quarantined(
    settings: Settings | None = None, run_id: str | None = None
) -> dict[str, Any]:
    """Load every quarantined record again; one that loads (or is found to hold no article)
    leaves the quarantine, one that fails again stays with its new error and attempt count."""
    settings = _settings(settings)
    engine = open_warehouse(settings)
    with db.session_scope(engine) as session:
        rows = session.execute(
            select(QuarantinedRecord.id, QuarantinedRecord.ref).order_by(QuarantinedRecord.id)
        ).all()
    refs = [{**_json_ref(raw), "quarantine_id": qid, "pending_id": None} for qid, raw in rows]
    counts = load_pages(engine, settings, _pages_from_refs(engine, refs, run_id), run_id)
    with db.session_scope(engine) as session:
        counts["still_quarantined"] = session.scalar(
            select(func.count()).select_from(QuarantinedRecord)
        )
    counts["retried"] = len(rows)
    return counts


@dataclass(frozen=True)
class ArchivedPage:
    """A stored response with what is known of how it was reached."""

    stored: StoredResponse
    fetched_url: str  # the URL that was asked for (the feed's link), before redirects
    entry: FeedEntry | None = None
    pending_id: int | None = None  # its pending_pages row, deleted when it is loaded
    feed_id: int | None = None
    quarantine_id: int | None = None  # its quarantine row when retried, deleted when it loads

    def ref(self) -> dict[str, Any]:
        """The page as a JSON-friendly reference (the shape of pending_pages.ref)."""
        entry = self.entry
        published = entry.published_at.isoformat() if entry and entry.published_at else None
        return {
            "url": self.fetched_url,
            "archive": self.stored.ref.to_dict(),
            "feed_id": self.feed_id,
            "entry_title": entry.title if entry else "",
            "entry_published_at": published,
            "entry_authors": list(entry.authors) if entry else [],
        }


def _is_record_fault(exc: BaseException) -> bool:
    """Whether ``exc`` is a fault of the data written (one record is to blame: isolate it), not
    of the warehouse (a lost connection, a lock timeout: every record would fail alike, so the
    run must stop and the next one catch up)."""
    if isinstance(exc, DBAPIError):
        return not exc.connection_invalidated and not isinstance(exc, OperationalError)
    return isinstance(exc, (StatementError, ValueError, OverflowError, TypeError, RecordError))


def _error_text(exc: BaseException) -> str:
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return clean_text(f"{type(exc).__name__}: {detail[0] if detail else ''}", 2000)


def _quarantine(
    session: Session,
    ref: dict[str, Any],
    exc: BaseException,
    run_id: str | None,
    pending_id: int | None,
    quarantine_id: int | None,
) -> None:
    """Move one record to the quarantine (or count another failed attempt there)."""
    now = _now()
    error = _error_text(exc)
    if quarantine_id is not None and session.get(QuarantinedRecord, quarantine_id) is not None:
        session.execute(
            update(QuarantinedRecord)
            .where(QuarantinedRecord.id == quarantine_id)
            .values(
                error=error,
                attempts=QuarantinedRecord.attempts + 1,
                last_failed_at=now,
                run_id=run_id,
            )
        )
    else:
        clean_ref = {k: v for k, v in ref.items() if k not in ("pending_id", "quarantine_id")}
        feed_id = ref.get("feed_id")
        session.add(
            QuarantinedRecord(
                kind="page",
                url=clean_text(ref.get("url"), 100_000),
                feed_id=feed_id if isinstance(feed_id, int) else None,
                run_id=run_id,
                ref=json.dumps(clean_ref, ensure_ascii=True, default=str),
                error=error,
                attempts=1,
                first_failed_at=now,
                last_failed_at=now,
            )
        )
    if pending_id is not None:
        session.execute(delete(PendingPage).where(PendingPage.id == pending_id))
    log.warning("quarantined %s: %s", clean_text(ref.get("url"), 300), error)


def _settle(session: Session, pages: Iterable[ArchivedPage]) -> None:
    """Delete the pending and quarantine rows of pages that are done with."""
    pages = list(pages)
    pending = [p.pending_id for p in pages if p.pending_id is not None]
    quarantined = [p.quarantine_id for p in pages if p.quarantine_id is not None]
    if pending:
        session.execute(delete(PendingPage).where(PendingPage.id.in_(pending)))
    if quarantined:
        session.execute(delete(QuarantinedRecord).where(QuarantinedRecord.id.in_(quarantined)))


def load_pages(
    engine: Engine,
    settings: Settings,
    pages: Iterable[ArchivedPage],
    run_id: str | None = None,
    progress: ProgressHook | None = None,
    total: int | None = None,
    leased: bool = False,
) -> dict[str, Any]:
    """Extract and upsert a stream of stored pages, ``load_batch_size`` records per transaction;
    ``progress`` hears of each page as stage "extract" (of ``total``, when known). With
    ``leased``, each transaction commits only while ``run_id`` holds the run lease
    (:func:`wirehouse.lease.fence`; RunLockLostError otherwise).

    Memory stays bounded by one batch whatever the stream's length. No single page can stop the
    others: one whose extraction fails unexpectedly is quarantined at once; when a batch fails to
    store, its records are stored one by one and those that still fail are quarantined.
    """
    from load.entity_store import store_article_entities  # word lists: only when loading
    from transform.entities import recognize_entities, source_country

    counts: dict[str, Any] = dict.fromkeys(
        ("pages", "inserted", "updated", "unchanged", "no_text", "not_html", "quarantined"), 0
    )
    counts["extract_seconds"] = counts["load_seconds"] = 0.0
    batch: list[tuple[ArticleRecord, ArchivedPage]] = []
    done: list[ArchivedPage] = []  # pages the batch settles without a record (no article text)

    def store(items: list[tuple[ArticleRecord, ArchivedPage]], settled: list[ArchivedPage]) -> None:
        records = [record for record, _page in items]
        entities = [
            recognize_entities(r.title, r.text, r.language, source_country(r.domain))
            for r in records
        ]
        with db.session_scope(engine) as session:
            result = upsert_articles(session, records, run_id)
            # the last record of a canonical URL is the one stored, and so are its entities
            store_article_entities(session, dict(zip(result.article_ids, entities, strict=True)))
            _settle(session, [page for _record, page in items] + settled)
            if leased and run_id is not None:
                lease.fence(session, run_id)
        counts["inserted"] += result.inserted
        counts["updated"] += result.updated
        counts["unchanged"] += result.unchanged

    def flush() -> None:
        started = time.perf_counter()
        try:
            store(batch, done)
        except Exception as exc:
            if not _is_record_fault(exc):
                raise
            log.warning(
                "a batch of %d articles failed to load (%s); loading them one by one",
                len(batch),
                _error_text(exc),
            )
            store([], done)
            for item in batch:
                try:
                    store([item], [])
                except Exception as item_exc:
                    if not _is_record_fault(item_exc):
                        raise
                    quarantine(item[1], item_exc)
        counts["load_seconds"] += time.perf_counter() - started
        batch.clear()
        done.clear()

    def quarantine(page: ArchivedPage, exc: BaseException) -> None:
        with db.session_scope(engine) as session:
            _quarantine(session, page.ref(), exc, run_id, page.pending_id, page.quarantine_id)
        counts["quarantined"] += 1

    for page in pages:
        counts["pages"] += 1
        started = time.perf_counter()
        try:
            batch.append((_article_from(page, settings), page))
        except EmptyArticleError:
            counts["no_text"] += 1
            done.append(page)
        except ExtractionError:
            counts["not_html"] += 1
            done.append(page)
        except Exception as exc:  # noqa: BLE001 - an extractor failure isolates its page only
            quarantine(page, exc)
        counts["extract_seconds"] += time.perf_counter() - started
        if len(batch) >= settings.load_batch_size:
            flush()
        if progress is not None:
            progress("extract", counts["pages"], total)
    if batch or done:
        flush()
    return counts


def _article_from(page: ArchivedPage, settings: Settings) -> ArticleRecord:
    stored = page.stored
    extracted = extract_page(
        stored.body,
        url=stored.url,
        content_type=stored.content_type,
        http_headers={key.lower(): value for key, value in stored.headers},
    )
    return build_article_record(
        fetched_url=page.fetched_url,
        final_url=stored.url,
        page=extracted,
        entry=page.entry,
        fetched_at=stored.fetched_at,
        tracking_params=settings.tracking_params,
    )


def _entry_from_ref(ref: dict[str, Any]) -> FeedEntry:
    published = ref.get("entry_published_at")
    try:
        moment = datetime.fromisoformat(published) if isinstance(published, str) else None
    except ValueError:
        moment = None
    return FeedEntry(
        link=ref["url"],
        title=ref.get("entry_title") or "",
        published_at=moment,
        authors=tuple(ref.get("entry_authors") or ()),
    )


def finish_ingest(
    run_id: str, batch_counts: list[dict[str, int]], settings: Settings | None = None
) -> dict[str, Any]:
    """Record the run's fetch and load figures; fail when every due feed failed."""
    settings = _settings(settings)
    engine = open_warehouse(settings)
    with db.session_scope(engine) as session:
        run = session.get(Run, run_id)
        if run is None:
            raise PipelineError(f"run {run_id} was never begun")
        feeds = session.scalars(select(Feed).where(Feed.last_fetched_at >= run.started_at)).all()
        failed = [(f.url, f.last_error) for f in feeds if f.last_error is not None]
        # failing feeds this run did not fetch because their back-off had not ended
        backoff = session.scalars(
            select(Feed)
            .where(Feed.active, Feed.next_fetch_at > run.started_at)
            .where(Feed.last_fetched_at.is_(None) | (Feed.last_fetched_at < run.started_at))
            .order_by(Feed.next_fetch_at, Feed.url)
        ).all()
        pages = session.execute(
            select(FetchLog.url, FetchLog.status_code, FetchLog.error, FetchLog.attempt)
            .where(FetchLog.run_id == run_id, FetchLog.kind == "page")
        ).all()
        final_attempts: dict[str, tuple[int | None, str | None]] = {}
        for url, status, error, _attempt in sorted(pages, key=lambda row: row.attempt):
            final_attempts[url] = (status, error)
        pages_ok = sum(1 for status, error in final_attempts.values() if error is None and status == 200)
        pages_skipped = sum(1 for _status, error in final_attempts.values()
                            if error is not None and error.startswith(SKIPPED))
        feed_tries = session.execute(
            select(FetchLog.url, FetchLog.error, FetchLog.attempt)
            .where(FetchLog.run_id == run_id, FetchLog.kind == "feed")
        ).all()
        final_feed_errors = {url: error for url, error, _a in sorted(feed_tries, key=lambda r: r.attempt)}
        feeds_skipped = sum(1 for error in final_feed_errors.values()
                            if error is not None and error.startswith(SKIPPED))
        summary = {
            "run_id": run_id,
            "feeds_ok": len(feeds) - len(failed),
            "feeds_not_modified": sum(1 for f in feeds if f.last_status == 304),
            "feeds_failed": len(failed),
            "feeds_skipped": feeds_skipped,
            "failed_feeds": failed,
            "feeds_in_backoff": len(backoff),
            "backoff_feeds": [(f.url, f.next_fetch_at.isoformat()) for f in backoff],
            "pages_fetched": pages_ok,
            "pages_failed": len(final_attempts) - pages_ok - pages_skipped,
            "pages_skipped": pages_skipped,
            # counted in the table, as the rows this run inserted: pages an interrupted run
            # left pending and this run loaded (in begin_run) count here too, and a retried
            # load or finish task counts each article once
            "articles_new": articles_first_loaded(session, run_id),
            "articles_updated": sum(c.get("updated", 0) for c in batch_counts),
            "pages_without_text": sum(c.get("no_text", 0) for c in batch_counts),
            # counted in the table: records quarantined while reloading an earlier run's
            # leftovers (in begin_run) or because their archive could not be read back are
            # not in any batch's counts
            "pages_quarantined": session.scalar(
                select(func.count())
                .select_from(QuarantinedRecord)
                .where(QuarantinedRecord.run_id == run_id)
            ),
        }
        run.feeds_ok = summary["feeds_ok"]
        run.feeds_failed = summary["feeds_failed"]
        run.pages_fetched = pages_ok
        run.articles_new = summary["articles_new"]
        run.feeds_skipped = feeds_skipped
        run.pages_skipped = pages_skipped
        run.status = "ingested"
        if feeds and not summary["feeds_ok"]:
            error = AllFeedsFailedError(
                f"every feed failed ({len(failed)}); first error: {failed[0][0]}: "
                f"{without_url(failed[0][1], failed[0][0])}"
            )
            run.status, run.error, run.finished_at = "failed", str(error), _now()
    if feeds and not summary["feeds_ok"]:
        raise error
    return summary


def process_stories(
    settings: Settings | None = None,
    run_id: str | None = None,
    progress: ProgressHook | None = None,
    lease_run_id: str | None = None,
) -> dict[str, int | float]:
    """Deduplicate new articles and assign them to events, recording the figures in the run
    ``run_id``; given ``lease_run_id``, committed only while that run holds the run lease
    (:func:`wirehouse.lease.fence`; RunLockLostError, and nothing written, otherwise)."""
    # Clustering's dependencies (MinHash/SciPy, word lists) load here, in the events stage only:
    # the ingest tasks and the reading commands never pay for them.
    from load.stories import process_new_articles

    settings = _settings(settings)
    engine = open_warehouse(settings)
    with db.session_scope(engine) as session:
        on_article = None
        if progress is not None:
            progress("events", 0, None)  # until the pending articles are counted
            on_article = functools.partial(progress, "events")
        summary = asdict(process_new_articles(session, settings, _now(), on_article))
        if progress is not None and not summary["articles_seen"]:
            progress("events", 0, 0)  # nothing was pending: the stage is over
        if run_id is not None:
            session.execute(
                update(Run)
                .where(Run.id == run_id)
                .values(
                    duplicates_new=summary["exact_duplicates"] + summary["near_duplicates"],
                    events_touched=summary["events_created"] + summary["events_updated"],
                    finished_at=_now(),
                    status="completed",
                )
            )
        if lease_run_id is not None:
            lease.fence(session, lease_run_id)
    return summary


def refresh_views(settings: Settings | None = None) -> None:
    """Re-create the analyst views from sql/views, so they always match the shipped definitions."""
    settings = _settings(settings)
    with open_warehouse(settings).begin() as connection:
        db.replace_views(connection)


def check_quality(settings: Settings | None = None) -> dict[str, Any]:
    """Check the warehouse invariants; raises DataQualityError naming what broke."""
    settings = _settings(settings)
    return quality.check_warehouse(open_warehouse(settings), settings, _now())


def run_once(settings: Settings | None = None, progress: ProgressHook | None = None) -> RunSummary:
    """One whole nightly run in-process, through the same steps as the DAGs, holding the
    warehouse's run lock and lease (RunLockedError when another run holds either); ``progress``
    hears of feeds, pages, extraction and events as they advance. A run that fails is recorded
    ``failed`` with its error before the error is raised."""
    settings = _settings(settings)
    engine = open_warehouse(settings)  # a missing warehouse is reported before any lock file
    run_id = new_run_id()
    with run_lock(settings, wait=settings.run_lock_wait, run_id=run_id,
                  holder="wirehouse run") as held:
        begun = False
        try:
            leftovers = _begin(settings, run_id)
            begun = True
            return _run_steps(settings, run_id, held, progress, leftovers)
        except BaseException as exc:
            if begun:
                try:
                    fail_run(engine, run_id, db.error_reason(engine, exc), even_completed=True)
                    settle_archives(engine, settings, run_id)
                except Exception as record_error:  # noqa: BLE001 - the run's own error wins
                    log.warning("could not record run %s as failed: %s", run_id, record_error)
            raise


def _run_steps(
    settings: Settings,
    run_id: str,
    held: HeldLock,
    progress: ProgressHook | None,
    leftovers: dict[str, Any],
) -> RunSummary:
    """The run after :func:`_begin`; ``leftovers`` (the load counts of the pages earlier runs
    left pending, loaded by this one) count in its summary like its own batches."""
    stages = dict.fromkeys(STAGES, 0.0)
    stages["extract"], stages["load"] = leftovers["extract_seconds"], leftovers["load_seconds"]
    batch_counts = [leftovers]
    for batch in plan_feed_batches(settings):
        held.check()
        started = time.perf_counter()
        refs = fetch_feed_batch(batch, run_id, settings, progress)
        stages["fetch"] += time.perf_counter() - started
        held.check()
        counts = load_articles(refs, run_id, settings, progress)
        stages["extract"] += counts["extract_seconds"]
        stages["load"] += counts["load_seconds"]
        batch_counts.append(counts)
    held.check()
    ingest = finish_ingest(run_id, batch_counts, settings)
    held.check()
    stories = process_stories(settings, run_id=run_id, progress=progress, lease_run_id=run_id)
    stages["dedup"] = stories["dedup_seconds"]
    stages["events"] = stories["events_seconds"]
    started = time.perf_counter()
    refresh_views(settings)
    checks = check_quality(settings)
    stages["quality"] = time.perf_counter() - started
    return RunSummary(
        run_id=run_id,
        warehouse_url=db.safe_url(settings.warehouse_url),
        feeds_ok=ingest["feeds_ok"],
        feeds_not_modified=ingest["feeds_not_modified"],
        feeds_failed=ingest["feeds_failed"],
        pages_fetched=ingest["pages_fetched"],
        pages_failed=ingest["pages_failed"],
        feeds_skipped=ingest["feeds_skipped"],
        pages_skipped=ingest["pages_skipped"],
        articles_new=ingest["articles_new"],
        articles_updated=ingest["articles_updated"],
        pages_without_text=ingest["pages_without_text"],
        pages_quarantined=ingest["pages_quarantined"],
        stories=stories,
        quality=checks,
        failed_feeds=ingest["failed_feeds"],
        feeds_in_backoff=ingest["feeds_in_backoff"],
        backoff_feeds=ingest["backoff_feeds"],
        stage_seconds=stages,
    )
