"""Push ingestion: WebSub subscriptions, pushes into the outbox, and the outbox into articles.

A push is archived (WARC) and written to ``push_outbox`` in one transaction before the hub is
answered (:func:`store_push`, called by the callback app in wirehouse/push_app.py); article URLs
submitted by other systems (`wirehouse push URL...`) enter the same outbox. :func:`drain` turns
outbox rows into articles through the nightly run's functions: robots.txt and per-host delays
(one fetcher per batch of rows; a host the batch before requested is requested again a host
delay after it), URLs already in
the warehouse skipped, pages archived and loaded by ``pipeline.load_pages`` (idempotent upserts
keyed by URL, so a page the nightly run loads too is still one article).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import queue
import secrets
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Self

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from extract.archive import ArchiveError, ArchiveRef, ArchiveWriter, read_record
from extract.crawl import FeedState, FetchLogEntry, fetch_feeds_async, fetch_pages_async
from extract.feeds import FeedParseError, parse_feed
from extract.http import FetchResult, host_key
from extract.websub import HubRequestError, discover, send_request
from load import db
from load import websub as state
from load.models import Feed, PushOutbox, WebSubSubscription
from load.upsert import record_fetch_log
from transform.records import FeedEntry, RecordError, clean_text, clean_url, unstorable_url_reason
from transform.urls import InvalidURLError, canonicalize_url
from transform.websub import (
    SignatureError,
    body_digest,
    check_signature,
    parse_link_header,
    subscription_form,
)
from wirehouse import push_health
from wirehouse.alerts import AlertDeliveryError
from wirehouse.errors import PipelineError, RunLockedError
from wirehouse.pipeline import ArchivedPage, drop_stored_urls, load_pages, open_warehouse
from wirehouse.settings import ConfigError, Settings, websub_callback_base

log = logging.getLogger(__name__)


class NoHubError(PipelineError):
    """The feed announces no WebSub hub."""


def _now() -> datetime:
    return datetime.now(UTC)


# --- subscriptions ---


def _send(
    engine: Engine, settings: Settings, sub_id: int, hub_url: str, form: dict[str, str]
) -> None:
    try:
        send_request(settings, hub_url, form)
    except HubRequestError as exc:
        with db.session_scope(engine) as session:
            state.request_failed(session, sub_id, str(exc))
        raise


def subscribe(engine: Engine, settings: Settings, feed_url: str) -> WebSubSubscription:
    """Discover the hub and topic of ``feed_url`` and ask the hub for a subscription; the hub
    verifies it by calling `wirehouse serve` back. Raises NoHubError, FetchError,
    HubRequestError."""
    base = websub_callback_base(settings)
    found = discover(settings, feed_url)
    if not found.hubs:
        raise NoHubError(f'{feed_url} announces no WebSub hub (no rel="hub" link)')
    return _subscribe_to(engine, settings, found.topic_url, found.hubs[0], base, feed_url)


def _subscribe_to(
    engine: Engine,
    settings: Settings,
    topic_url: str,
    hub_url: str,
    base: str,
    feed_url: str | None = None,
) -> WebSubSubscription:
    """Ask the hub for a subscription (new or renewed); ``feed_url``, when given, is recorded
    as the feed it was made from."""
    # committed before the request: the hub may verify it before answering
    with db.session_scope(engine) as session:
        sub = state.request_subscription(
            session, topic_url, hub_url, base, settings.websub_lease_seconds, _now()
        )
        if feed_url is not None:
            sub.feed_url = feed_url
        form = subscription_form(
            "subscribe", sub.topic_url, sub.callback_url, settings.websub_lease_seconds, sub.secret
        )
        sub_id = sub.id
    _send(engine, settings, sub_id, hub_url, form)
    with db.session_scope(engine) as session:
        return _detached(session, sub_id)


def _detached(session: Session, sub_id: int) -> WebSubSubscription:
    sub = session.get(WebSubSubscription, sub_id)
    if sub is None:
        raise state.SubscriptionNotFound(f"no subscription {sub_id}")
    session.expunge(sub)
    return sub


def unsubscribe(engine: Engine, settings: Settings, topic_url: str) -> list[WebSubSubscription]:
    """Ask each hub holding a subscription to ``topic_url`` to end it (verified by callback)."""
    with db.session_scope(engine) as session:
        subs = session.scalars(
            select(WebSubSubscription).where(
                WebSubSubscription.topic_url == topic_url,
                WebSubSubscription.state.in_(("requested", "verified")),
            )
        ).all()
        if not subs:
            raise state.SubscriptionNotFound(f"no active subscription to {topic_url}")
        requests = []
        for sub in subs:
            state.request_unsubscription(session, sub, _now())
            requests.append(
                (
                    sub.id,
                    sub.hub_url,
                    subscription_form("unsubscribe", sub.topic_url, sub.callback_url, None, None),
                )
            )
    for sub_id, hub_url, form in requests:
        _send(engine, settings, sub_id, hub_url, form)
    with db.session_scope(engine) as session:
        return [_detached(session, sub_id) for sub_id, _hub, _form in requests]


def renew_due(engine: Engine, settings: Settings) -> dict[str, Any]:
    """Subscribe again to every topic whose lease ends within ``websub_renew_before`` (or has
    ended); a hub that refuses is counted and its error kept, the others go on. Before
    renewing, the subscriptions needing attention (lapsed, denied, never verified) are alerted
    (wirehouse.push_health); an alert the webhook does not take is logged, not raised. The
    callback URL setting is needed (ConfigError) only when something is due."""
    with db.session_scope(engine) as session:
        due = [
            (s.topic_url, s.hub_url)
            for s in session.scalars(
                select(WebSubSubscription).where(
                    WebSubSubscription.id.in_(
                        state.due_for_renewal(session, _now(), settings.websub_renew_before)
                    )
                )
            )
        ]
    try:
        push_health.alert_problems(engine, settings, _now())
    except AlertDeliveryError as exc:
        log.error("subscription alert not delivered: %s", exc)
    if not due:
        return {"due": 0, "failed": []}
    base = websub_callback_base(settings)
    failed: list[str] = []
    for topic_url, hub_url in due:
        try:
            _subscribe_to(engine, settings, topic_url, hub_url, base)
        except HubRequestError as exc:
            failed.append(str(exc))
            log.warning("renewal failed: %s", exc)
    return {"due": len(due), "failed": failed}


# --- pushes (the callback) ---


@dataclass(frozen=True)
class PushVerdict:
    """How the callback answers a push, and what became of it (``row_id`` when stored)."""

    status: int
    note: str
    row_id: int | None = None
    kind: str | None = None  # of the stored row


@dataclass(frozen=True)
class IncomingPush:
    """A push as the callback read it: ``raw_body`` as received (what the signature covers),
    ``body`` inflated."""

    sub_id: int
    raw_body: bytes
    body: bytes
    headers: tuple[tuple[str, str], ...]


class PushArchive:
    """Pushed bodies, appended as WARC response records to one file at a time under
    ``<archive_dir>/push/<day>/``: a new file each day, past ``push_archive_file_bytes``, and
    for each archive object (a process never appends to a file another one may be writing).
    A file is created only when a first body is written. Use as a context manager."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._writer: ArchiveWriter | None = None
        self._day = ""
        self._token = secrets.token_hex(6)
        self._files = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def write(
        self,
        sub: WebSubSubscription,
        body: bytes,
        headers: Sequence[tuple[str, str]],
        now: datetime,
    ) -> ArchiveRef:
        """Append one pushed body as a response record of its topic (not yet synced)."""
        day = f"{now:%Y%m%d}"
        if self._writer is not None and (
            day != self._day or self._writer.size() >= self._settings.push_archive_file_bytes
        ):
            self.close()
        if self._writer is None:
            self._files += 1
            path = (
                self._settings.archive_dir
                / "push"
                / day
                / f"callback-{now:%H%M%S}-{self._token}-{self._files}.warc.gz"
            )
            self._writer = ArchiveWriter(path).__enter__()
            self._day = day
        kept = tuple((k, v) for k, v in headers if k.lower() in _ARCHIVED_HEADERS)
        return self._writer.write(
            FetchResult(
                url=sub.topic_url,
                final_url=sub.topic_url,
                status_code=200,
                headers=kept,
                body=body,
                fetched_at=now,
                elapsed_ms=0,
            )
        )

    def sync(self) -> None:
        """Make every body written so far durable."""
        if self._writer is not None:
            self._writer.sync()

    def close(self) -> None:
        if self._writer is not None:
            self._writer.sync()
            self._writer.__exit__(None, None, None)
            self._writer = None


def store_push(
    engine: Engine,
    settings: Settings,
    sub_id: int,
    raw_body: bytes,
    body: bytes,
    headers: Sequence[tuple[str, str]],
) -> PushVerdict:
    """:func:`store_pushes` for one push, its body archived in a WARC file of its own."""
    with PushArchive(settings) as archive:
        return store_pushes(
            engine, [IncomingPush(sub_id, raw_body, body, tuple(headers))], archive
        )[0]


def store_pushes(
    engine: Engine, pushes: Sequence[IncomingPush], archive: PushArchive
) -> list[PushVerdict]:
    """Check pushes and, for those to be ingested, archive their bodies (synced to disk) and
    write their outbox rows in one transaction; the caller answers each hub only after this
    returns. One verdict per push, in order.

    Answers as the spec says: 404 to an unknown subscription, 410 to one we ended (the hub
    drops it), 2xx to a push whose signature is missing or wrong, that names another topic,
    repeats a body already received, or comes to a subscription not verified (discarded and
    logged, never ingested)."""
    now = _now()
    digests = [body_digest(p.body) if p.body.strip() else None for p in pushes]
    verdicts: list[PushVerdict] = []
    with db.session_scope(engine) as session:
        sub_ids = {p.sub_id for p in pushes}
        subs = {
            sub.id: sub
            for sub in session.scalars(
                select(WebSubSubscription).where(WebSubSubscription.id.in_(sorted(sub_ids)))
            )
        }
        seen = state.pushed_digests(session, sub_ids, {d for d in digests if d is not None})
        stored: list[tuple[int, PushOutbox]] = []
        for incoming, digest in zip(pushes, digests, strict=True):
            sub = subs.get(incoming.sub_id)
            if sub is None:
                verdicts.append(PushVerdict(404, "no such subscription"))
                continue
            if sub.state == "unsubscribed":
                verdicts.append(PushVerdict(410, "unsubscribed"))
                continue
            reason = _discard_reason(sub, incoming, digest is not None and (sub.id, digest) in seen)
            if reason is not None:
                sub.last_error = clean_text(
                    f"push discarded {now:%Y-%m-%dT%H:%M:%SZ}: {reason}", 2000
                )
                log.warning(
                    "push to subscription %d (%s) discarded: %s",
                    sub.id,
                    clean_text(sub.topic_url, 300),
                    reason,
                )
                verdicts.append(PushVerdict(202, f"discarded: {reason}"))
                continue
            kind = "light" if digest is None else "fat"
            ref = archive.write(sub, incoming.body, incoming.headers, now) if digest else None
            row = state.add_push(
                session, sub, kind, now, (ref.path, ref.offset) if ref else None, digest
            )
            if digest is not None:
                seen.add((sub.id, digest))
            stored.append((len(verdicts), row))
            verdicts.append(PushVerdict(202, f"accepted ({kind})", kind=kind))
        archive.sync()  # the bodies are on disk before their rows commit
        session.flush()
        for index, row in stored:
            verdicts[index] = dataclasses.replace(verdicts[index], row_id=row.id)
    return verdicts


def _discard_reason(sub: WebSubSubscription, incoming: IncomingPush, replayed: bool) -> str | None:
    """Why a push must not be ingested, or None."""
    if sub.state != "verified":
        return f"subscription is {sub.state}, not verified"
    try:
        check_signature(_header(incoming.headers, "x-hub-signature"), sub.secret, incoming.raw_body)
    except SignatureError as exc:
        return str(exc)
    topic_links = parse_link_header(
        [v for k, v in incoming.headers if k.lower() == "link"], sub.topic_url
    )
    selves = [url for url, rels in topic_links if "self" in rels]
    if selves and sub.topic_url not in selves:
        return f"pushed topic {clean_text(selves[0], 300)!r} is not this subscription's topic"
    if replayed:
        return "replay: this body was already pushed"
    return None


def _header(headers: Sequence[tuple[str, str]], name: str) -> str | None:
    return next((v for k, v in headers if k.lower() == name), None)


_ARCHIVED_HEADERS = frozenset({"content-type", "link", "last-modified", "etag"})


class PushWriter:
    """Group commit for the callback: the pushes that concurrent requests hand in while a batch
    is being stored wait for the next one, so up to ``push_batch_max`` pushes share one
    transaction and one WARC fsync. :meth:`submit` gives a future that completes with the
    push's verdict once its batch is committed (or with the error that stopped it: a batch
    that fails is stored again push by push, so one bad push fails alone)."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self._engine = engine
        self._settings = settings
        self._queue: queue.SimpleQueue[tuple[IncomingPush, Future[PushVerdict]] | None] = (
            queue.SimpleQueue()
        )
        self._archive = PushArchive(settings)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False

    def submit(self, incoming: IncomingPush) -> Future[PushVerdict]:
        future: Future[PushVerdict] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the push writer is closed")
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="push-writer", daemon=True)
                self._thread.start()
            self._queue.put((incoming, future))
        return future

    def close(self) -> None:
        """Store what was handed in, then stop (and close the WARC file)."""
        with self._lock:
            self._closed = True
            thread = self._thread
        if thread is not None:
            self._queue.put(None)
            thread.join()
        self._archive.close()

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            batch = [item]
            stopping = False
            while len(batch) < self._settings.push_batch_max:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stopping = True
                    break
                batch.append(more)
            self._store(batch)
            if stopping:
                return

    def _store(self, batch: list[tuple[IncomingPush, Future[PushVerdict]]]) -> None:
        try:
            verdicts = store_pushes(self._engine, [p for p, _f in batch], self._archive)
        except Exception as exc:  # noqa: BLE001 - handed to the waiting requests
            if len(batch) > 1:
                for one in batch:
                    self._store([one])
                return
            batch[0][1].set_exception(exc)
            return
        for (_push, future), verdict in zip(batch, verdicts, strict=True):
            future.set_result(verdict)


def submit_urls(engine: Engine, settings: Settings, urls: Sequence[str]) -> list[int]:
    """Queue article URLs in the outbox (canonicalized; InvalidURLError names a bad one, such
    as one the warehouse cannot store: a drain could only fail it)."""
    canonical = [canonicalize_url(url, settings.tracking_params) for url in urls]
    for url in canonical:
        if clean_url(url) is None:
            raise InvalidURLError(f"{clean_text(url, 120)!r} {unstorable_url_reason()}")
    with db.session_scope(engine) as session:
        ids = state.add_urls(session, canonical, _now())
    notify = Notifier(settings)
    for row_id in ids:
        notify(row_id, "url")
    return ids


class Notifier:
    """Publishes each new outbox row on ``push_redis_channel`` (when ``push_redis_url`` is set),
    after its commit, for the Airflow watcher and other listeners. A failed publish is logged
    and forgotten: the row is in the outbox, and sweeps and the nightly run drain it anyway."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client: Any = None

    def __call__(self, row_id: int, kind: str) -> bool:
        """Publish one row's message; whether Redis took it."""
        if not self._settings.push_redis_url:
            return False
        import redis

        try:
            if self._client is None:
                self._client = redis.Redis.from_url(
                    self._settings.push_redis_url,
                    socket_timeout=self._settings.connect_timeout,
                    socket_connect_timeout=self._settings.connect_timeout,
                )
            self._client.publish(
                self._settings.push_redis_channel, json.dumps({"outbox_id": row_id, "kind": kind})
            )
        except (redis.RedisError, OSError, ValueError) as exc:
            self._client = None
            log.warning(
                "could not notify %s of outbox row %d: %s",
                self._settings.push_redis_channel,
                row_id,
                exc,
            )
            return False
        return True


# --- the drain ---


@dataclass
class DrainSummary:
    rows: int = 0
    failed: int = 0
    pages_wanted: int = 0
    counts: dict[str, Any] = field(default_factory=dict)  # pipeline.load_pages figures
    # (URL, why) of each page wanted whose fetch failed or was refused (fetch_log has each try)
    pages_not_fetched: list[tuple[str, str]] = field(default_factory=list)
    more: bool = False  # a bounded drain stopped at its bound with rows still to take


@dataclass
class _Row:
    id: int
    kind: str
    topic_url: str | None
    url: str | None
    archive: ArchiveRef | None
    entries: list[FeedEntry] = field(default_factory=list)
    error: str | None = None


def drain(engine: Engine, settings: Settings, bounded: bool = False) -> DrainSummary:
    """Turn claimable outbox rows into articles, batch after batch, until none is left;
    returns figures. ``bounded`` (the DAG's and `serve`'s drains) ends it sooner, so what it
    loaded reaches the events stage while pushes keep coming: after ``push_drain_max_rows``
    rows, or at the end of the first batch to finish past ``push_drain_max_seconds`` (a batch
    begun is finished: its rows are claimed). ``more`` then says whether rows were left for
    the next drain."""
    total = DrainSummary()
    started = _now()
    clock = time.monotonic()
    # a batch has a fetcher of its own: the hosts the batches before it requested, and when
    last_request: dict[str, float] = {}
    while True:
        limit = settings.load_batch_size
        if bounded:  # the first batch is always taken, so every drain makes progress
            limit = min(limit, settings.push_drain_max_rows - total.rows)
            late = time.monotonic() - clock >= settings.push_drain_max_seconds
            if limit < 1 or (total.rows and late):
                total.more = _rows_left(engine, settings, started)
                return total
        summary = _drain_batch(engine, settings, started, limit, last_request)
        if not summary.rows:
            return total
        total.rows += summary.rows
        total.failed += summary.failed
        total.pages_wanted += summary.pages_wanted
        total.pages_not_fetched += summary.pages_not_fetched
        for key, value in summary.counts.items():
            total.counts[key] = total.counts.get(key, 0) + value


def _rows_left(engine: Engine, settings: Settings, started: datetime) -> bool:
    """Whether a drain begun at ``started`` would take another row (not counting those it
    failed itself: they wait for a later push, sweep or night, not for an immediate retry)."""
    with db.session_scope(engine) as session:
        return bool(
            state.claimable(
                session, _now(), settings.push_claim_timeout, settings.push_max_attempts, 1, started
            )
        )


def _wait_for_hosts(last_request: dict[str, float], urls: Sequence[str], delay: float) -> None:
    """Sleep until a host delay has passed since an earlier batch last requested any host of
    ``urls`` (``last_request``: host key -> time.monotonic()); hosts it did not touch wait
    for nothing."""
    due = max(
        (last_request[key] + delay for key in map(host_key, urls) if key in last_request),
        default=0.0,
    )
    time.sleep(max(0.0, due - time.monotonic()))


def _drain_batch(
    engine: Engine,
    settings: Settings,
    started: datetime,
    limit: int,
    last_request: dict[str, float],
) -> DrainSummary:
    """Claim up to ``limit`` rows and drain them with one fetcher (one politeness schedule),
    requesting a host an earlier batch of this drain requested (``last_request``, updated
    here) only a host delay after it; rows failed by this drain (begun at ``started``) wait
    for the next one."""
    now = _now()
    with db.session_scope(engine) as session:
        candidates = state.claimable(
            session, now, settings.push_claim_timeout, settings.push_max_attempts, limit, started
        )
    with db.session_scope(engine) as session:
        claimed = state.claim_many(
            session,
            candidates,
            now,
            settings.push_claim_timeout,
            settings.push_max_attempts,
            started,
        )
        rows = [
            _Row(
                row.id,
                row.kind,
                row.topic_url,
                row.url,
                ArchiveRef(row.archive_path, row.archive_offset)
                if row.archive_path is not None and row.archive_offset is not None
                else None,
            )
            for row in session.scalars(
                select(PushOutbox).where(PushOutbox.id.in_(claimed)).order_by(PushOutbox.id)
            )
        ]
    summary = DrainSummary(rows=len(rows))
    if not rows:
        return summary
    run_id = f"push-{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
    fetched: list[FetchLogEntry] = []
    archive_path = settings.archive_dir / "push" / f"{now:%Y%m%d}" / f"{run_id}.warc.gz"
    with ArchiveWriter(archive_path) as writer:
        topics = [row.topic_url for row in rows if row.kind == "light" and row.topic_url]
        _wait_for_hosts(last_request, topics, settings.host_delay)  # light pings fetch topics
        asyncio.run(_entries(engine, settings, run_id, rows, writer, fetched.append))
        wanted = _wanted(engine, settings, rows)
        summary.pages_wanted = len(wanted)
        _wait_for_hosts(last_request, list(wanted), settings.host_delay)
        outcomes = (
            asyncio.run(fetch_pages_async(settings, run_id, list(wanted), writer, fetched.append))
            if wanted
            else []
        )
    finished = time.monotonic()
    last_request.update((host_key(entry.url), finished) for entry in fetched)
    pages = []
    for outcome in outcomes:
        if outcome.archive_ref is None:
            summary.pages_not_fetched.append((outcome.url, outcome.error or "not fetched"))
            continue
        entry, _row_id = wanted[outcome.url]
        pages.append(ArchivedPage(read_record(outcome.archive_ref), outcome.url, entry))
    with db.session_scope(engine) as session:
        record_fetch_log(session, fetched)
    summary.counts = load_pages(engine, settings, pages, run_id=run_id)
    loaded = {outcome.url for outcome in outcomes if outcome.archive_ref is not None}
    with db.session_scope(engine) as session:
        for row in rows:
            count = sum(1 for url, (_e, rid) in wanted.items() if rid == row.id and url in loaded)
            state.finish(session, row.id, _now(), count, row.error)
            summary.failed += row.error is not None
    return summary


def warm(settings: Settings) -> None:
    """Load now what drains and the events stage load on first use (the entity gazetteers and
    word frequencies, the clustering modules, MinHash), so the first pushes a server takes are
    not slower than the others."""
    import load.stories  # noqa: F401 - the events stage's modules
    from transform.entities import LANGUAGES
    from transform.entities import warm as warm_entities
    from transform.events import warm as warm_event_terms
    from transform.fingerprint import minhash_signature

    warm_entities()
    warm_event_terms(LANGUAGES)
    minhash_signature("a story told once", settings.minhash_permutations, settings.shingle_size)


def cluster_pushed(engine: Engine, settings: Settings) -> dict[str, int | float] | None:
    """The events stage for the articles drains loaded (every article not yet in an event),
    holding the run lease meanwhile (renewed every ``lease_seconds`` / 3, as a command's); None, and nothing done, while a run holds the lease (its
    own events stage takes these articles)."""
    from wirehouse import lease
    from wirehouse.pipeline import process_stories

    run_id = f"push-events-{_now():%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
    ttl = timedelta(seconds=settings.lease_seconds)
    try:
        lease.acquire(engine, run_id, "cli", ttl, holder="events of pushed articles")
    except RunLockedError as exc:
        log.info("events for pushed articles left to the run in progress: %s", exc)
        return None
    try:
        with lease.heartbeat(engine, run_id, ttl, give_back=True):
            return process_stories(settings, lease_run_id=run_id)
    finally:
        lease.release(engine, run_id)  # also when the events stage failed


async def _entries(
    engine: Engine,
    settings: Settings,
    run_id: str,
    rows: list[_Row],
    writer: ArchiveWriter,
    on_log: Any,
) -> None:
    """Fill each row's entries: a fat ping's from its archived body, a light ping's from its
    topic fetched again (conditionally, with the feed's validators when it is a known feed), a
    submitted URL as an entry of its own. A row that cannot give entries gets its error."""
    light: dict[str, list[_Row]] = {}
    for row in rows:
        if row.kind == "url" and row.url:
            try:
                row.entries = [FeedEntry(link=row.url)]
            except RecordError as exc:  # queued before submit_urls refused such URLs
                row.error = f"submitted URL unusable: {exc}"
        elif row.kind == "fat" and row.archive is not None and row.topic_url:
            try:
                stored = read_record(row.archive, settings.push_max_body_bytes)
                row.entries = list(
                    parse_feed(stored.body, row.topic_url, stored.content_type).entries
                )
            except (ArchiveError, FeedParseError) as exc:
                row.error = f"pushed body unusable: {exc}"
        elif row.kind == "light" and row.topic_url:
            light.setdefault(row.topic_url, []).append(row)
        else:
            row.error = f"outbox row of kind {row.kind!r} has nothing to drain"
    if not light:
        return
    with db.session_scope(engine) as session:
        feeds = {f.url: f for f in session.scalars(select(Feed).where(Feed.url.in_(list(light))))}
    states = [
        FeedState(
            id=feeds[t].id if t in feeds else 0,
            url=t,
            etag=feeds[t].etag if t in feeds else None,
            last_modified=feeds[t].last_modified if t in feeds else None,
            last_unconditional_at=feeds[t].last_unconditional_at if t in feeds else None,
        )
        for t in light
    ]
    outcomes = await fetch_feeds_async(settings, run_id, states, writer, on_log)
    for feed_state, outcome in zip(states, outcomes, strict=True):
        for row in light[feed_state.url]:
            if outcome.error is not None:
                row.error = f"topic fetch failed: {outcome.error}"
            elif outcome.parsed is not None:
                row.entries = list(outcome.parsed.entries)


def _wanted(
    engine: Engine, settings: Settings, rows: list[_Row]
) -> dict[str, tuple[FeedEntry, int]]:
    """The rows' entry links to fetch: canonical, new to the warehouse, not quarantined, each
    once (the first row naming it)."""
    wanted: dict[str, tuple[FeedEntry, int]] = {}
    for row in rows:
        for entry in row.entries[: settings.feed_max_entries]:
            try:
                url = canonicalize_url(entry.link, settings.tracking_params)
            except InvalidURLError:
                continue
            wanted.setdefault(url, (entry, row.id))
    drop_stored_urls(engine, wanted)
    return wanted


# --- entry points of the DAGs and the nightly run ---


def drain_outbox(settings: Settings, bounded: bool = False) -> dict[str, Any]:
    """Drain the outbox of the configured warehouse (:func:`drain`, as `wirehouse push --drain`
    and `wirehouse serve` do); JSON-able figures, ``articles_loaded`` the articles inserted or
    updated, ``more`` whether a bounded drain left rows to take."""
    summary = drain(open_warehouse(settings), settings, bounded)
    loaded = int(summary.counts.get("inserted", 0)) + int(summary.counts.get("updated", 0))
    return {
        "rows": summary.rows,
        "failed": summary.failed,
        "pages_wanted": summary.pages_wanted,
        "articles_new": summary.counts.get("inserted", 0),
        "articles_loaded": loaded,
        "more": summary.more,
    }


def websub_upkeep(settings: Settings) -> dict[str, Any]:
    """What the hourly ``wirehouse_websub`` DAG and the nightly run do for the subscriptions:
    end those whose feed left the feed list (:func:`unsubscribe_departed`), then renew those
    whose lease ends soon (:func:`renew_due`)."""
    engine = open_warehouse(settings)
    ended = unsubscribe_departed(engine, settings)
    renewed = renew_due(engine, settings)
    return {
        "unsubscribed": ended["unsubscribed"],
        "unsubscribe_failed": ended["failed"],
        "renew_due": renewed["due"],
        "renew_failed": renewed["failed"],
    }


def nightly_upkeep(settings: Settings) -> dict[str, Any]:
    """The nightly run's share of push ingestion, before it fetches the feeds: drain the outbox
    (so the pages pushed are known and not fetched again) and keep the subscriptions. A
    subscription setting that is wrong (ConfigError) does not stop the night's ingest: it is
    logged, and the hourly ``wirehouse_websub`` DAG fails on it and alerts."""
    figures = drain_outbox(settings)
    try:
        figures.update(websub_upkeep(settings))
    except ConfigError as exc:
        log.warning("WebSub subscriptions not kept up this run: %s", exc)
        figures["websub_error"] = str(exc)
    return figures


def unsubscribe_departed(engine: Engine, settings: Settings) -> dict[str, Any]:
    """End the subscriptions whose feed left the feed list: the feed (the URL it was subscribed
    from, else its topic) is in the warehouse's feeds but no longer listed (not in
    ``WIREHOUSE_FEEDS`` when that is set, or marked inactive). A subscription to a feed never in
    the list is left alone. Live ones are unsubscribed at their hub (the hub verifies); lapsed
    ones need no request and are marked unsubscribed here. A hub that refuses is counted."""
    from extract.feedlist import read_feed_list

    listed = (
        None if settings.feeds is None else {spec.url for spec in read_feed_list(settings.feeds)}
    )
    with db.session_scope(engine) as session:
        known = {url: active for url, active in session.execute(select(Feed.url, Feed.active))}
        subs = session.scalars(
            select(WebSubSubscription).where(
                WebSubSubscription.state.in_(("requested", "verified", "expired"))
            )
        ).all()
        live: set[str] = set()
        for sub in subs:
            feed_url = sub.feed_url or sub.topic_url
            if feed_url not in known:
                continue
            if known[feed_url] and (listed is None or feed_url in listed):
                continue
            if sub.state == "expired":
                sub.state, sub.pending_mode = "unsubscribed", None
            else:
                live.add(sub.topic_url)
    failed: list[str] = []
    for topic_url in sorted(live):
        try:
            unsubscribe(engine, settings, topic_url)
        except HubRequestError as exc:
            failed.append(str(exc))
            log.warning("unsubscription failed: %s", exc)
    return {"unsubscribed": len(live) - len(failed), "failed": failed}


__all__ = [
    "DrainSummary",
    "IncomingPush",
    "NoHubError",
    "Notifier",
    "PushArchive",
    "PushVerdict",
    "PushWriter",
    "cluster_pushed",
    "drain",
    "drain_outbox",
    "nightly_upkeep",
    "renew_due",
    "store_push",
    "store_pushes",
    "submit_urls",
    "subscribe",
    "unsubscribe",
    "unsubscribe_departed",
    "warm",
    "websub_upkeep",
]
