"""Polite, bounded, SSRF-guarded HTTP GET over async httpx.

:class:`Fetcher` owns one ``httpx.AsyncClient`` for a run and enforces:

* concurrency: at most ``max_connections`` requests in flight overall and
  ``max_connections_per_host`` per host (host = ``host:port``), with request *starts* on a host
  spaced by the host's delay (``host_delay``, raised by a robots ``Crawl-delay`` through
  :meth:`Fetcher.set_host_delay`). A request holds a global slot only while it is on the wire,
  never while waiting for its host's turn, so hosts proceed in parallel;
* redirects followed by hand (``max_redirects``), each hop checked by the SSRF guard and, when a
  ``hop_check`` is given, by the caller (robots for pages);
* retries with exponential backoff and jitter on connection errors, timeouts, 429 and 5xx; 429
  and 503 honour ``Retry-After`` (seconds or HTTP date, capped at ``retry_after_cap``), which also
  pushes back the host's next request;
* deadlines (wall clock): ``fetch_url_deadline`` per URL across its attempts and redirect hops,
  ``fetch_host_deadline`` per host from the first request this fetcher sent it, and the run's
  deadline when one is given. A request whose turn would come after its deadline is never sent
  (:class:`Skipped`, reported to ``on_attempt`` with an error starting ``skipped:``); one on
  the wire when the deadline passes is cut (:class:`DeadlineExceeded`); a retry that could not
  start before the deadline is not waited for (the last answer or error stands). Waiting for
  one host (its turn, its back-off, a Retry-After) never holds up another host;
* limits: connect/read timeouts from httpx, a total timeout per request, and ``max_body_bytes``
  on the raw stream and again while inflating gzip/deflate ourselves, so a gzip bomb stops at
  the limit;
* content types: feeds accept any ``*xml*`` or ``*json*`` type; ``text/html``, ``text/plain``,
  ``application/octet-stream`` or no type are accepted only when the body looks like RSS, Atom,
  RDF or JSON (many servers mislabel feeds); pages accept HTML/XHTML, or the mislabels above when
  the body starts like HTML. Anything else raises :class:`BadContentType` (for pages, before the
  body is read). robots.txt is read whatever its type (RFC 9309).

Each request on the wire (each hop, each retry) is reported once to ``on_attempt``.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Literal, Self
from urllib.parse import urldefrag, urljoin, urlsplit

import httpcore
import httpx

from extract.errors import (
    BadContentType,
    BlockedAddress,
    DeadlineExceeded,
    FetchConnectionError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    Skipped,
    TooLarge,
    TooManyRedirects,
)
from extract.guard import AddressPolicy, GuardedBackend, check_url
from extract.inflate import ENCODINGS as INFLATED_ENCODINGS
from extract.inflate import BoundedInflater, InflatedTooLarge, InflateError
from wirehouse.settings import Settings

Kind = Literal["feed", "page", "robots"]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})

_ACCEPT: dict[str, str] = {
    "feed": "application/rss+xml, application/atom+xml, application/feed+json, "
            "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5",
    "page": "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
    "robots": "text/plain, */*;q=0.5",
}
_MISLABELS = frozenset({"", "text/html", "text/plain", "application/octet-stream"})
_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf", b"<rdf ", b"<channel")
_SNIFF_BYTES = 2048
SKIPPED = "skipped: "  # how a request never sent starts its error in fetch_log


class ContentDecodingError(FetchError):
    """The body's Content-Encoding is unsupported or the compressed stream is corrupt."""


def header_value(headers: tuple[tuple[str, str], ...], name: str) -> str | None:
    """The first value of header ``name`` (case-insensitive), or None when absent."""
    lowered = name.lower()
    return next((value for key, value in headers if key.lower() == lowered), None)


@dataclass(frozen=True)
class Attempt:
    """One request as it went on the wire (a hop of a redirect chain, or a retry)."""

    url: str
    status_code: int | None
    error: str | None
    bytes: int
    elapsed_ms: int
    attempt: int
    fetched_at: datetime


@dataclass(frozen=True)
class FetchResult:
    """A usable response: 2xx with its (decompressed) body, or 304 with an empty one."""

    url: str  # as requested
    final_url: str  # after redirects
    status_code: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: datetime
    elapsed_ms: int
    moved_to: str | None = None  # end of an unbroken chain of 301/308 starting at ``url``
    http_version: str = "HTTP/1.1"

    def header(self, name: str) -> str | None:
        return header_value(self.headers, name)

    @property
    def content_type(self) -> str | None:
        return self.header("content-type")

    @property
    def not_modified(self) -> bool:
        return self.status_code == 304


AttemptCallback = Callable[[Attempt], None]
HopCheck = Callable[[str], Awaitable[None]]


def media_type(content_type: str | None) -> str:
    """``text/html; charset=x`` -> ``text/html``; None -> ``""``."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def _looks_like_feed(body: bytes) -> bool:
    head = body[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return True
    lowered = head.lower()
    return any(marker in lowered for marker in _FEED_MARKERS)


def _looks_like_html(body: bytes) -> bool:
    head = body[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def check_content_type(kind: Kind, url: str, content_type: str | None,
                       body: bytes | None) -> None:
    """Raise :class:`BadContentType` unless the response suits ``kind`` (module docstring).

    With ``body`` None only the header is judged: mislabels pass, to be sniffed later."""
    if kind == "robots":
        return
    mtype = media_type(content_type)
    if kind == "feed" and ("xml" in mtype or "json" in mtype):
        return
    if kind == "page" and mtype in _PAGE_TYPES:
        return
    if mtype not in _MISLABELS:
        raise BadContentType(url, f"unexpected content type {mtype!r} for a {kind}")
    if body is None:
        return
    sniff = _looks_like_feed if kind == "feed" else _looks_like_html
    if not sniff(body):
        raise BadContentType(url, f"{mtype or 'untyped'} body does not look like a {kind}")


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


class _Meter:
    __slots__ = ("bytes",)

    def __init__(self) -> None:
        self.bytes = 0


async def _read_body(response: httpx.Response, limit: int, meter: _Meter, url: str) -> bytes:
    encoding = response.headers.get("content-encoding", "").strip().lower()
    inflater: BoundedInflater | None = None
    if encoding in INFLATED_ENCODINGS:
        inflater = BoundedInflater(encoding, limit)
    elif encoding not in ("", "identity"):
        raise ContentDecodingError(url, f"unsupported content-encoding {encoding!r}")
    declared = response.headers.get("content-length", "")
    if inflater is None and declared.isdigit() and int(declared) > limit:
        raise TooLarge(url, f"content-length {declared} over {limit} bytes")
    chunks: list[bytes] = []
    try:
        async for chunk in response.aiter_raw():
            meter.bytes += len(chunk)
            if meter.bytes > limit:
                raise TooLarge(url, f"body over {limit} bytes")
            chunks.append(inflater.feed(chunk) if inflater else chunk)
        if inflater is not None:
            inflater.finish()
    except InflatedTooLarge:
        raise TooLarge(url, f"decompressed body over {limit} bytes") from None
    except InflateError as exc:
        raise ContentDecodingError(url, str(exc)) from None
    return b"".join(chunks)


@dataclass
class _Host:
    semaphore: asyncio.Semaphore
    delay: float
    next_start: float = 0.0
    first_start: float | None = None  # loop time of the first request's turn (host deadline)


@dataclass(frozen=True)
class _Raw:
    url: str
    status_code: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    http_version: str
    fetched_at: datetime
    elapsed_ms: int

    def header(self, name: str) -> str | None:
        return header_value(self.headers, name)


class _GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with its connection pool built on :class:`GuardedBackend`.

    httpx offers no public hook for the network backend, so the pool it builds is replaced."""

    def __init__(self, policy: AddressPolicy, limits: httpx.Limits) -> None:
        super().__init__(limits=limits, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(policy),
        )


def host_key(url: str) -> str:
    """The politeness key of a URL: ``host:port`` (port defaulted by scheme)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{(parts.hostname or '').lower()}:{port}"


class Fetcher:
    """One run's HTTP client; use as ``async with Fetcher(settings) as fetcher``."""

    def __init__(self, settings: Settings, policy: AddressPolicy | None = None,
                 deadline: float | None = None) -> None:
        """``deadline``: the run's fetch deadline as a ``time.time()`` value, or None."""
        self.settings = settings
        self._run_deadline_wall = deadline
        self._run_deadline: float | None = None  # in loop time, set on entering
        self.policy = policy or AddressPolicy(allow_private=settings.allow_private_hosts)
        self._hosts: dict[str, _Host] = {}
        self._global = asyncio.Semaphore(settings.max_connections)
        limits = httpx.Limits(max_connections=settings.max_connections,
                              max_keepalive_connections=settings.max_connections)
        self._client = httpx.AsyncClient(
            transport=_GuardedTransport(self.policy, limits),
            timeout=httpx.Timeout(connect=settings.connect_timeout, read=settings.read_timeout,
                                  write=settings.read_timeout, pool=settings.total_timeout),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    async def __aenter__(self) -> Self:
        if self._run_deadline_wall is not None:
            loop_now = asyncio.get_running_loop().time()
            self._run_deadline = loop_now + (self._run_deadline_wall - time.time())
        await self._client.__aenter__()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._client.__aexit__(*exc_info)

    def _host(self, url: str) -> _Host:
        key = host_key(url)
        state = self._hosts.get(key)
        if state is None:
            state = _Host(asyncio.Semaphore(self.settings.max_connections_per_host),
                          self.settings.host_delay)
            self._hosts[key] = state
        return state

    def set_host_delay(self, url: str, delay: float) -> None:
        """Space requests to ``url``'s host by at least ``delay`` seconds (never less than
        ``host_delay``)."""
        state = self._host(url)
        state.delay = max(self.settings.host_delay, delay)

    def _deadline(self, url_deadline: float, state: _Host) -> tuple[float, str]:
        """The earliest of the URL's, its host's and the run's deadlines (loop time), named."""
        limits = [(url_deadline, f"per-URL deadline of {self.settings.fetch_url_deadline:g} s")]
        if state.first_start is not None:
            limits.append((state.first_start + self.settings.fetch_host_deadline,
                           f"per-host deadline of {self.settings.fetch_host_deadline:g} s"))
        if self._run_deadline is not None:
            limits.append((self._run_deadline, "run deadline"))
        return min(limits)

    def _take_turn(self, state: _Host, url_deadline: float) -> tuple[float, float, str] | None:
        """Reserve the host's next request start (loop time) and return it with the deadline
        that applies; None, reserving nothing, when that start would be past the deadline."""
        now = asyncio.get_running_loop().time()
        start = max(now, state.next_start)
        if state.first_start is None:
            state.first_start = start
        at, why = self._deadline(url_deadline, state)
        if start >= at:
            return None
        state.next_start = start + state.delay
        return start, at, why

    def _backoff(self, attempt: int) -> float:
        return self.settings.retry_base_delay * (2 ** (attempt - 1)) * (0.5 + random.random())

    async def fetch(self, url: str, *, kind: Kind, headers: Mapping[str, str] | None = None,
                    max_bytes: int | None = None, on_attempt: AttemptCallback | None = None,
                    hop_check: HopCheck | None = None) -> FetchResult:
        """GET ``url`` following redirects; return a 2xx or 304 result or raise a FetchError."""
        limit = self.settings.max_body_bytes if max_bytes is None else max_bytes
        request_headers = {"Accept": _ACCEPT[kind], **(headers or {})}
        current, _ = urldefrag(url)
        url_deadline = asyncio.get_running_loop().time() + self.settings.fetch_url_deadline
        moved_to: str | None = None
        permanent = True
        seen = {current}
        for hop in range(self.settings.max_redirects + 1):
            check_url(current, self.policy)
            if hop and hop_check is not None:
                await hop_check(current)
            raw = await self._with_retries(current, request_headers, kind, limit, on_attempt,
                                           url_deadline)
            status = raw.status_code
            if status in REDIRECT_STATUSES:
                location = raw.header("location")
                if not location:
                    raise TooManyRedirects(current, f"HTTP {status} without Location")
                target, _ = urldefrag(urljoin(current, location.strip()))
                permanent = permanent and status in PERMANENT_REDIRECTS
                if permanent:
                    moved_to = target
                if target in seen:
                    raise TooManyRedirects(url, "redirect loop")
                seen.add(target)
                current = target
                continue
            if 200 <= status < 300 or status == 304:
                return FetchResult(url=url, final_url=current, status_code=status,
                                   headers=raw.headers, body=raw.body, fetched_at=raw.fetched_at,
                                   elapsed_ms=raw.elapsed_ms, moved_to=moved_to,
                                   http_version=raw.http_version)
            raise HTTPStatusError(current, status,
                                  parse_retry_after(raw.header("retry-after")))
        raise TooManyRedirects(url, f"more than {self.settings.max_redirects} redirects")

    async def _with_retries(self, url: str, headers: Mapping[str, str], kind: Kind, limit: int,
                            on_attempt: AttemptCallback | None, url_deadline: float) -> _Raw:
        retries = self.settings.max_retries
        attempt = 0
        loop = asyncio.get_running_loop()
        state = self._host(url)
        while True:
            attempt += 1
            try:
                raw = await self._request_once(url, headers, kind, limit, attempt, on_attempt,
                                               url_deadline)
            except FetchError as exc:
                if not exc.retryable or attempt > retries:
                    raise
                if loop.time() + self._backoff(attempt) >= self._deadline(url_deadline, state)[0]:
                    raise  # no retry can start before the deadline: the error stands
                delay = self._backoff(attempt)
            else:
                status = raw.status_code
                if not (status == 429 or status >= 500) or attempt > retries:
                    return raw
                delay = self._backoff(attempt)
                after = parse_retry_after(raw.header("retry-after")) \
                    if status in (429, 503) else None
                if after is not None:  # backs off this host only; other hosts go on
                    delay = min(after, self.settings.retry_after_cap)
                    state.next_start = max(state.next_start, loop.time() + delay)
                if loop.time() + delay >= self._deadline(url_deadline, state)[0]:
                    return raw  # no retry can start before the deadline: this answer stands
            await asyncio.sleep(delay)

    def _skip(self, url: str, why: str, attempt: int,
              on_attempt: AttemptCallback | None) -> Skipped:
        if on_attempt is not None:
            on_attempt(Attempt(url=url, status_code=None, error=SKIPPED + why, bytes=0,
                               elapsed_ms=0, attempt=attempt, fetched_at=datetime.now(UTC)))
        return Skipped(url, SKIPPED + why)

    async def _request_once(self, url: str, headers: Mapping[str, str], kind: Kind, limit: int,
                            attempt: int, on_attempt: AttemptCallback | None,
                            url_deadline: float) -> _Raw:
        state = self._host(url)
        loop = asyncio.get_running_loop()
        at, why = self._deadline(url_deadline, state)
        try:
            async with asyncio.timeout_at(at):
                await state.semaphore.acquire()
        except TimeoutError:
            raise self._skip(url, f"{why} reached waiting for the host", attempt,
                             on_attempt) from None
        try:
            turn = self._take_turn(state, url_deadline)
            if turn is None:
                raise self._skip(url, f"{self._deadline(url_deadline, state)[1]} reached before "
                                 "the host's turn", attempt, on_attempt)
            start, at, why = turn
            if start > loop.time():
                await asyncio.sleep(start - loop.time())
            try:
                async with asyncio.timeout_at(at):
                    await self._global.acquire()
            except TimeoutError:
                raise self._skip(url, f"{why} reached waiting for a connection", attempt,
                                 on_attempt) from None
            try:
                return await self._send(url, headers, kind, limit, attempt, on_attempt, at, why)
            finally:
                self._global.release()
        finally:
            state.semaphore.release()

    async def _send(self, url: str, headers: Mapping[str, str], kind: Kind, limit: int,
                    attempt: int, on_attempt: AttemptCallback | None, at: float,
                    why: str) -> _Raw:
        loop = asyncio.get_running_loop()
        budget = min(self.settings.total_timeout, at - loop.time())
        if budget <= 0:
            raise self._skip(url, f"{why} reached before sending", attempt, on_attempt)
        meter = _Meter()
        fetched_at = datetime.now(UTC)
        started = time.monotonic()
        status: int | None = None
        failure: FetchError | None = None
        try:
            async with asyncio.timeout(budget):
                async with self._client.stream("GET", url, headers=headers) as response:
                    status = response.status_code
                    body = b""
                    if 200 <= status < 300:
                        ctype = response.headers.get("content-type")
                        check_content_type(kind, url, ctype, None)
                        body = await _read_body(response, limit, meter, url)
                        check_content_type(kind, url, ctype, body)
                    raw_headers = tuple(response.headers.multi_items())
                    version = response.http_version
        except FetchError as exc:
            failure = exc
            if isinstance(exc, BlockedAddress) and exc.url != url:
                failure = BlockedAddress(url, exc.reason)
        except (TimeoutError, httpx.TimeoutException):
            if budget < self.settings.total_timeout and loop.time() >= at - 0.05:
                failure = DeadlineExceeded(url, f"timed out: {why} reached")
            else:
                failure = FetchTimeoutError(url, "timed out")
        except httpx.InvalidURL as exc:
            failure = BlockedAddress(url, f"invalid URL: {exc}")
        except httpx.HTTPError as exc:
            failure = FetchConnectionError(url, connection_reason(exc)[:200])
        elapsed_ms = int((time.monotonic() - started) * 1000)
        if on_attempt is not None:
            on_attempt(Attempt(url=url, status_code=status,
                               error=str(failure.reason) if failure else None,
                               bytes=meter.bytes, elapsed_ms=elapsed_ms, attempt=attempt,
                               fetched_at=fetched_at))
        if failure is not None:
            raise failure
        assert status is not None
        return _Raw(url=url, status_code=status, headers=raw_headers, body=body,
                    http_version=version, fetched_at=fetched_at, elapsed_ms=elapsed_ms)


def connection_reason(exc: httpx.HTTPError) -> str:
    """Why a request failed without an answer, in one line. A connection the system refused
    or could not route is named by its errno ("cannot connect: connection refused"), which
    httpx's ConnectError hides behind "All connection attempts failed"; an unresolvable host
    is the guard's own words ("cannot resolve ..."); anything else keeps httpx's class name
    (RemoteProtocolError, ReadError), the only word saying what broke."""
    if isinstance(exc, httpx.ConnectError):
        if str(exc).startswith("cannot resolve "):
            return str(exc)
        cause: BaseException | None = exc
        while cause is not None:
            if isinstance(cause, OSError) and cause.errno:  # asyncio words it "Connect call
                why = os.strerror(cause.errno)  # failed ('127.0.0.1', 1)": the errno says why
                return f"cannot connect: {why[:1].lower()}{why[1:]}"
            cause = cause.__cause__ or cause.__context__
    return f"{type(exc).__name__}: {exc}"


__all__ = [
    "Attempt",
    "AttemptCallback",
    "ContentDecodingError",
    "FetchResult",
    "Fetcher",
    "HopCheck",
    "Kind",
    "check_content_type",
    "connection_reason",
    "host_key",
    "media_type",
    "parse_retry_after",
]
