"""Fetch orchestration for one run, without a database.

The orchestrator passes feed states in and gets outcomes back; it owns the ``feeds`` table
(validators, backoff, ``next_fetch_at``) and the ``fetch_log`` rows, which it receives through
``on_log``: one :class:`FetchLogEntry` per request on the wire (each redirect hop, each retry,
each robots.txt fetch). A failing feed or page never stops the others: its outcome carries the
error. Feeds are fetched regardless of robots.txt, pages obey it (see :mod:`extract.robots`).

Feeds are parsed in threads of their own (``feed_parse_timeout`` each), so a big document never
freezes the requests in flight, and only the ``feed_max_entries`` newest entries are kept.
:func:`fetch_batch_async` fetches a batch's pages as soon as each feed is read, so a slow or
hostile feed never holds up the pages of the others; a run's ``deadline`` bounds it all. A
request never sent (deadline passed, robots.txt unreadable) has a ``skipped:`` row in fetch_log.

Async functions end in ``_async``; the plain names are sync wrappers using ``asyncio.run``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from extract.archive import ArchiveRef, ArchiveWriter
from extract.encoding import decode_text
from extract.errors import (
    BlockedAddress,
    BlockedByRobots,
    FetchConnectionError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    MalformedURL,
    RobotsUnavailable,
    Skipped,
)
from extract.feeds import (
    COMMON_FEED_PATHS,
    FeedParseError,
    common_feed_urls,
    discover_feeds,
    linked_feed_candidates,
    parse_feed,
)
from extract.guard import AddressPolicy, check_url
from extract.http import SKIPPED, Attempt, AttemptCallback, Fetcher, FetchResult, Kind
from extract.robots import RobotsCache
from transform.records import FeedEntry, ParsedFeed
from wirehouse.settings import Settings


@dataclass(frozen=True)
class FeedState:
    """What the warehouse knows about a feed before fetching it."""

    id: int
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_unconditional_at: datetime | None = None


@dataclass(frozen=True)
class FeedOutcome:
    """One feed's fetch. Success is ``error is None`` (a 304 is a success with
    ``not_modified``); ``etag``/``last_modified`` are the validators to store next (the old ones
    are carried over on a 304 that sends none). ``unconditional`` says validators were not sent,
    so the orchestrator can update ``last_unconditional_at``."""

    feed_id: int
    url: str
    status_code: int | None
    not_modified: bool
    etag: str | None
    last_modified: str | None
    error: str | None
    moved_to: str | None  # new URL after a permanent redirect (301/308)
    gone: bool  # HTTP 410: deactivate the feed
    parsed: ParsedFeed | None
    archive_ref: ArchiveRef | None
    unconditional: bool
    fetched_at: datetime
    retry_after: float | None = None  # seconds the server asked us to wait (429/503)
    skipped: bool = False  # never requested: a deadline had passed (not the feed's fault)
    entries_dropped: int = 0  # older entries beyond feed_max_entries


@dataclass(frozen=True)
class PageOutcome:
    """One page's fetch; the body is in the archive at ``archive_ref``."""

    url: str
    final_url: str | None
    status_code: int | None
    content_type: str | None
    error: str | None
    archive_ref: ArchiveRef | None
    blocked_by_robots: bool = False
    skipped: bool = False  # never requested: a deadline had passed or robots.txt was unreadable


@dataclass(frozen=True)
class FetchLogEntry:
    """One request on the wire, for the ``fetch_log`` table (same column names)."""

    run_id: str
    url: str
    kind: Kind
    status_code: int | None
    error: str | None
    bytes: int
    elapsed_ms: int
    attempt: int
    fetched_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


LogCallback = Callable[[FetchLogEntry], None]


def _logger(run_id: str, kind: Kind, on_log: LogCallback) -> AttemptCallback:
    def log(attempt: Attempt) -> None:
        on_log(FetchLogEntry(run_id=run_id, url=attempt.url, kind=kind,
                             status_code=attempt.status_code, error=attempt.error,
                             bytes=attempt.bytes, elapsed_ms=attempt.elapsed_ms,
                             attempt=attempt.attempt, fetched_at=attempt.fetched_at))
    return log


def needs_unconditional(state: FeedState, settings: Settings, now: datetime) -> bool:
    """Fetch without validators when there are none, or the last full fetch is too old."""
    if not state.etag and not state.last_modified:
        return True
    if state.last_unconditional_at is None:
        return True
    age = now - state.last_unconditional_at
    return age > timedelta(days=settings.feed_unconditional_after_days)


def conditional_headers(state: FeedState) -> dict[str, str]:
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


class FeedParser:
    """Parses each feed document in a thread of its own, within ``feed_parse_timeout`` from the
    moment its parse starts, keeping the ``feed_max_entries`` newest entries. A parse over its
    time limit fails its feed; its thread finishes in the background (bounded by
    ``max_body_bytes``), as threads cannot be stopped, and holds up no other parse."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    async def parse(self, result: FetchResult) -> tuple[ParsedFeed, int]:
        """The parsed feed and how many older entries were dropped; raises FeedParseError."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[ParsedFeed] = loop.create_future()

        def settle(value: ParsedFeed | None, error: BaseException | None) -> None:
            if done.done():  # abandoned after its time limit
                return
            if error is not None:
                done.set_exception(error)
            else:
                done.set_result(value)  # type: ignore[arg-type]

        def work() -> None:
            try:
                outcome: tuple[ParsedFeed | None, BaseException | None] = (
                    parse_feed(result.body, result.final_url, result.content_type), None)
            except Exception as exc:  # noqa: BLE001 - handed to the awaiting coroutine
                outcome = (None, exc)
            try:
                loop.call_soon_threadsafe(settle, *outcome)
            except RuntimeError:  # the loop has closed: an abandoned parse nobody awaits
                pass

        threading.Thread(target=work, name="feed-parse", daemon=True).start()
        try:
            parsed = await asyncio.wait_for(done, self._settings.feed_parse_timeout)
        except TimeoutError:
            raise FeedParseError(result.final_url, "parsing took over "
                                 f"{self._settings.feed_parse_timeout:g} s") from None
        return cap_entries(parsed, self._settings.feed_max_entries)


def cap_entries(parsed: ParsedFeed, limit: int) -> tuple[ParsedFeed, int]:
    """Keep the ``limit`` newest entries (undated ones last, document order among equals)."""
    if len(parsed.entries) <= limit:
        return parsed, 0

    def newest_first(entry: FeedEntry) -> float:
        return -entry.published_at.timestamp() if entry.published_at else float("inf")

    kept = tuple(sorted(parsed.entries, key=newest_first)[:limit])
    return dataclasses.replace(parsed, entries=kept), len(parsed.entries) - limit


async def _feed_success(state: FeedState, result: FetchResult, archive: ArchiveWriter | None,
                        unconditional: bool, parser: FeedParser) -> FeedOutcome:
    etag = result.header("etag")
    last_modified = result.header("last-modified")
    common: dict[str, Any] = {
        "feed_id": state.id, "url": state.url, "status_code": result.status_code,
        "moved_to": result.moved_to, "gone": False, "unconditional": unconditional,
        "fetched_at": result.fetched_at,
    }
    if result.not_modified:
        return FeedOutcome(**common, not_modified=True, etag=etag or state.etag,
                           last_modified=last_modified or state.last_modified, error=None,
                           parsed=None, archive_ref=None)
    ref = archive.write(result) if archive is not None else None
    parsed: ParsedFeed | None = None
    error: str | None = None
    dropped = 0
    try:
        parsed, dropped = await parser.parse(result)
    except FeedParseError as exc:
        error = str(exc)
    return FeedOutcome(**common, not_modified=False, etag=etag, last_modified=last_modified,
                       error=error, parsed=parsed, archive_ref=ref, entries_dropped=dropped)


def _feed_failure(state: FeedState, exc: Exception, unconditional: bool) -> FeedOutcome:
    status = exc.status_code if isinstance(exc, HTTPStatusError) else None
    retry_after = exc.retry_after if isinstance(exc, HTTPStatusError) else None
    message = str(exc) if isinstance(exc, FetchError) else f"internal error: {exc!r}"
    return FeedOutcome(feed_id=state.id, url=state.url, status_code=status, not_modified=False,
                       etag=state.etag, last_modified=state.last_modified, error=message,
                       moved_to=None, gone=status == 410, parsed=None, archive_ref=None,
                       unconditional=unconditional, fetched_at=datetime.now(UTC),
                       retry_after=retry_after, skipped=isinstance(exc, Skipped))


async def _fetch_feed(fetcher: Fetcher, parser: FeedParser, state: FeedState,
                      archive: ArchiveWriter | None, log: AttemptCallback,
                      now: datetime) -> FeedOutcome:
    unconditional = needs_unconditional(state, fetcher.settings, now)
    headers = {} if unconditional else conditional_headers(state)
    try:
        result = await fetcher.fetch(state.url, kind="feed", headers=headers, on_attempt=log)
        return await _feed_success(state, result, archive, unconditional, parser)
    except Exception as exc:  # noqa: BLE001 - one feed's failure must not stop the rest
        return _feed_failure(state, exc, unconditional)


async def _fetch_page(fetcher: Fetcher, robots: RobotsCache, url: str, archive: ArchiveWriter,
                      page_log: AttemptCallback, robots_log: AttemptCallback) -> PageOutcome:
    sent: list[Attempt] = []

    def on_attempt(attempt: Attempt) -> None:
        sent.append(attempt)
        page_log(attempt)

    try:
        check_url(url, fetcher.policy)
        await robots.check(url, robots_log)
        result = await fetcher.fetch(url, kind="page", on_attempt=on_attempt,
                                     hop_check=lambda hop: robots.check(hop, robots_log))
        ref = archive.write(result)
        return PageOutcome(url=url, final_url=result.final_url, status_code=result.status_code,
                           content_type=result.content_type, error=None, archive_ref=ref)
    except Exception as exc:  # noqa: BLE001 - one page's failure must not stop the rest
        message = str(exc) if isinstance(exc, FetchError) else f"internal error: {exc!r}"
        unreadable = isinstance(exc, RobotsUnavailable)
        blocked = isinstance(exc, BlockedByRobots)
        if unreadable:
            # never requested because its host's robots.txt could not be read: say so
            message = SKIPPED + message
            page_log(Attempt(url=url, status_code=None, error=SKIPPED + exc.reason, bytes=0,
                             elapsed_ms=0, attempt=len(sent) + 1, fetched_at=datetime.now(UTC)))
        elif not blocked and not isinstance(exc, HTTPStatusError) \
                and (not sent or sent[-1].error is None):
            # refused between requests (the SSRF guard on a redirect hop, a redirect loop):
            # no request on the wire carried the reason, so log the refusal itself. An HTTP
            # error's reason is the status of the last request, already logged.
            page_log(Attempt(url=url, status_code=None, error=message, bytes=0, elapsed_ms=0,
                             attempt=len(sent) + 1, fetched_at=datetime.now(UTC)))
        return PageOutcome(
            url=url, final_url=None,
            status_code=exc.status_code if isinstance(exc, HTTPStatusError) else None,
            content_type=None, error=message, archive_ref=None,
            blocked_by_robots=blocked, skipped=unreadable or isinstance(exc, Skipped))


async def fetch_feeds_async(settings: Settings, run_id: str, states: Sequence[FeedState],
                            archive: ArchiveWriter | None, on_log: LogCallback, *,
                            now: datetime | None = None, policy: AddressPolicy | None = None,
                            deadline: float | None = None) -> list[FeedOutcome]:
    """Fetch every feed concurrently (politely); outcomes in the order of ``states``.
    ``deadline``: the run's, as a ``time.time()`` value."""
    now = now or datetime.now(UTC)
    log = _logger(run_id, "feed", on_log)
    parser = FeedParser(settings)
    async with Fetcher(settings, policy, deadline) as fetcher:
        return list(await asyncio.gather(
            *(_fetch_feed(fetcher, parser, s, archive, log, now) for s in states)))


async def fetch_pages_async(settings: Settings, run_id: str, urls: Sequence[str],
                            archive: ArchiveWriter, on_log: LogCallback, *,
                            policy: AddressPolicy | None = None,
                            deadline: float | None = None) -> list[PageOutcome]:
    """Fetch article pages, obeying robots.txt (read once per host, before its pages).
    Outcomes come in the order of ``urls``; a URL listed twice is fetched once."""
    page_log = _logger(run_id, "page", on_log)
    robots_log = _logger(run_id, "robots", on_log)
    unique = list(dict.fromkeys(urls))
    async with Fetcher(settings, policy, deadline) as fetcher:
        robots = RobotsCache(fetcher, settings.max_crawl_delay)
        outcomes = await asyncio.gather(
            *(_fetch_page(fetcher, robots, u, archive, page_log, robots_log) for u in unique))
    by_url = dict(zip(unique, outcomes))
    return [by_url[u] for u in urls]


PageSelector = Callable[[FeedOutcome], Sequence[str]]


async def fetch_batch_async(settings: Settings, run_id: str, states: Sequence[FeedState],
                            archive: ArchiveWriter, on_log: LogCallback,
                            select_pages: PageSelector, *, now: datetime | None = None,
                            policy: AddressPolicy | None = None,
                            deadline: float | None = None,
                            ) -> tuple[list[FeedOutcome], list[PageOutcome]]:
    """Fetch a batch of feeds and, as soon as each one is read, the pages ``select_pages``
    picks from it (called on the event loop, once per feed, in completion order; it should
    be quick). Feed outcomes in the order of ``states``; each page is fetched once."""
    now = now or datetime.now(UTC)
    feed_log = _logger(run_id, "feed", on_log)
    page_log = _logger(run_id, "page", on_log)
    robots_log = _logger(run_id, "robots", on_log)
    pages: dict[str, asyncio.Task[PageOutcome]] = {}
    parser = FeedParser(settings)
    async with Fetcher(settings, policy, deadline) as fetcher:
        robots = RobotsCache(fetcher, settings.max_crawl_delay)

        async def feed_then_pages(state: FeedState) -> FeedOutcome:
            outcome = await _fetch_feed(fetcher, parser, state, archive, feed_log, now)
            for url in select_pages(outcome):
                if url not in pages:
                    pages[url] = asyncio.ensure_future(
                        _fetch_page(fetcher, robots, url, archive, page_log, robots_log))
            return outcome

        outcomes = list(await asyncio.gather(*(feed_then_pages(s) for s in states)))
        page_outcomes = list(await asyncio.gather(*pages.values()))
    return outcomes, page_outcomes


@dataclass(frozen=True)
class Discovery:
    """The feeds found for a site (``feeds``), how (``how``), or why none were (``reason``)."""

    feeds: list[str]
    how: str  # "advertised", "linked", "common paths", or "" when none were found
    reason: str | None = None


# Failures that say the host is out of reach, rather than that one URL on it is wrong.
_UNREACHABLE = (BlockedAddress, FetchConnectionError, FetchTimeoutError)


def _why_unfetchable(exc: FetchError) -> str:
    """One line saying why a request failed, naming the SSRF guard when it was the cause."""
    if isinstance(exc, BlockedAddress) and not isinstance(exc, MalformedURL):
        return f"blocked by the SSRF guard: {exc.reason} (WIREHOUSE_ALLOW_PRIVATE_HOSTS=1 allows it)"
    return exc.reason


async def discover_async(settings: Settings, url: str, *,
                         policy: AddressPolicy | None = None) -> Discovery:
    """Feeds of a site: those its page advertises with ``<link rel="alternate">``; else the plain
    ``<a href>`` links of the page that look like feeds and parse as feeds (at most
    ``discover_max_links`` probed); else those of the common paths (``/feed``, ``/rss.xml``, ...)
    that parse as feeds. The page obeys robots.txt (when disallowed, only the common paths are
    probed). When nothing is found, ``reason`` says why: the page could not be fetched (refused,
    unresolvable, blocked by the SSRF guard, an HTTP error), or it links no feed."""
    async with Fetcher(settings, policy) as fetcher:
        robots = RobotsCache(fetcher, settings.max_crawl_delay)
        base = url
        page_problem: str | None = None
        try:
            await robots.check(url)
            page = await fetcher.fetch(url, kind="page",
                                       hop_check=lambda hop: robots.check(hop))
        except BlockedByRobots as exc:
            page, page_problem = None, f"robots.txt keeps us off the page: {exc.reason}"
        except FetchError as exc:
            reason = _why_unfetchable(exc)
            if isinstance(exc, _UNREACHABLE):  # probing the same host is pointless
                return Discovery([], "", f"the site could not be reached: {reason}")
            page, page_problem = None, f"the page could not be read: {reason}"
        problems: list[FetchError] = []

        async def probe(candidate: str) -> str | None:
            try:
                result = await fetcher.fetch(candidate, kind="feed")
                parse_feed(result.body, result.final_url, result.content_type)
            except FetchError as exc:
                problems.append(exc)
                return None
            except FeedParseError:
                return None
            return result.final_url

        async def probe_all(candidates: list[str]) -> list[str]:
            found = await asyncio.gather(*(probe(c) for c in candidates))
            return list(dict.fromkeys(f for f in found if f is not None))

        linked: list[str] = []
        if page is not None:
            base = page.final_url
            text = decode_text(page.body, page.content_type)
            advertised = discover_feeds(text, base)
            if advertised:
                return Discovery(advertised, "advertised")
            linked = linked_feed_candidates(text, base)[: settings.discover_max_links]
            if found := await probe_all(linked):
                return Discovery(found, "linked")
        common = common_feed_urls(base)
        if found := await probe_all(common):
            return Discovery(found, "common paths")
        return Discovery([], "", _why_none(page is not None, page_problem, linked, problems))


def _why_none(page_read: bool, page_problem: str | None, linked: list[str],
              problems: list[FetchError]) -> str:
    """Why discovery found nothing, in one line."""
    unreachable = [p for p in problems if isinstance(p, _UNREACHABLE)]
    if not page_read and problems and len(unreachable) == len(problems):
        return f"the site could not be reached: {_why_unfetchable(unreachable[0])}"
    if page_problem is None:
        page_problem = "the page advertises no feed with <link rel=\"alternate\"> and " + (
            f"none of the {len(linked)} feed-like links on it is a feed" if linked
            else "has no link that looks like a feed"
        )
    return (f"{page_problem}; none of the usual paths "
            f"({', '.join(COMMON_FEED_PATHS[:3])}, ...) answers a feed")


def fetch_feeds(settings: Settings, run_id: str, states: Sequence[FeedState],
                archive: ArchiveWriter | None, on_log: LogCallback, *,
                now: datetime | None = None, policy: AddressPolicy | None = None,
                deadline: float | None = None) -> list[FeedOutcome]:
    return asyncio.run(fetch_feeds_async(settings, run_id, states, archive, on_log, now=now,
                                         policy=policy, deadline=deadline))


def fetch_pages(settings: Settings, run_id: str, urls: Sequence[str], archive: ArchiveWriter,
                on_log: LogCallback, *, policy: AddressPolicy | None = None,
                deadline: float | None = None) -> list[PageOutcome]:
    return asyncio.run(fetch_pages_async(settings, run_id, urls, archive, on_log, policy=policy,
                                         deadline=deadline))


def fetch_batch(settings: Settings, run_id: str, states: Sequence[FeedState],
                archive: ArchiveWriter, on_log: LogCallback, select_pages: PageSelector, *,
                now: datetime | None = None, policy: AddressPolicy | None = None,
                deadline: float | None = None) -> tuple[list[FeedOutcome], list[PageOutcome]]:
    return asyncio.run(fetch_batch_async(settings, run_id, states, archive, on_log,
                                         select_pages, now=now, policy=policy,
                                         deadline=deadline))


def discover(settings: Settings, url: str, *, policy: AddressPolicy | None = None) -> Discovery:
    return asyncio.run(discover_async(settings, url, policy=policy))


__all__ = [
    "Discovery",
    "FeedOutcome",
    "FeedParser",
    "FeedState",
    "FetchLogEntry",
    "LogCallback",
    "PageOutcome",
    "PageSelector",
    "cap_entries",
    "conditional_headers",
    "discover",
    "discover_async",
    "fetch_batch",
    "fetch_batch_async",
    "fetch_feeds",
    "fetch_feeds_async",
    "fetch_pages",
    "fetch_pages_async",
    "needs_unconditional",
]
