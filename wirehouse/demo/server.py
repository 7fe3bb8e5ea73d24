"""Serve the demo corpus over real HTTP on 127.0.0.1, one threaded server per invented site.

Each site gets its own port, so each has its own origin and its own robots.txt. Responses are
rendered once at start-up with the real base URL, so absolute links in feeds, canonical tags and
JSON-LD carry host and port. Every request is recorded in :attr:`DemoSites.requests`.
"""

from __future__ import annotations

import gzip
import hashlib
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import NamedTuple, Self
from urllib.parse import urlsplit

from wirehouse.demo.corpus import Corpus, DemoSite, default_corpus
from wirehouse.demo.render import (
    FEED_CONTENT_TYPES,
    amp_path,
    feed_url,
    render_amp,
    render_article,
    render_feed,
    render_home,
    render_malformed_feed,
    render_opml,
    render_robots,
)

HOST = "127.0.0.1"


class DemoServerError(RuntimeError):
    """The demo servers could not start, or were used before they started."""


class ServedSite(NamedTuple):
    name: str  # the site key from sites.yaml, e.g. "courier"
    base_url: str  # "http://127.0.0.1:<port>", no trailing slash
    feed_urls: tuple[str, ...]  # the good feed first, then the broken ones


@dataclass(frozen=True)
class LoggedRequest:
    site: str
    method: str
    path: str  # as requested, with any query string
    headers: dict[str, str]  # header names lower-cased
    status: int
    at: float = field(default_factory=time.monotonic)


@dataclass(frozen=True)
class _Response:
    status: int
    body: bytes
    content_type: str
    last_modified: datetime | None = None

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:20] + '"'


def _routes(corpus: Corpus, site: DemoSite, base_url: str) -> dict[str, _Response]:
    articles = corpus.articles_of(site.key)
    latest = max(a.published for a in articles)
    html = "text/html; charset=utf-8"
    routes = {
        "/": _Response(200, render_home(corpus, site).encode(), html, latest),
        "/robots.txt": _Response(200, render_robots(site).encode(), "text/plain; charset=utf-8"),
        site.feed_path: _Response(200, render_feed(corpus, site, base_url).encode(),
                                  FEED_CONTENT_TYPES[site.feed_format] + "; charset=utf-8", latest),
    }
    for path, kind in site.extra_feeds:
        if kind == "error500":
            routes[path] = _Response(500, b"Internal Server Error: feed generator crashed\n",
                                     "text/plain; charset=utf-8")
        else:
            routes[path] = _Response(200, render_malformed_feed(corpus, site, base_url).encode(),
                                     "application/rdf+xml; charset=utf-8")
    for article in articles:
        routes[article.path] = _Response(
            200, render_article(corpus, article, base_url).encode(), html, article.published)
        if article.feed_link == "amp":
            routes[amp_path(article)] = _Response(
                200, render_amp(corpus, article, base_url).encode(), html, article.published)
    return routes


def _not_modified(response: _Response, headers: dict[str, str]) -> bool:
    """RFC 9110 order: If-None-Match wins over If-Modified-Since."""
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or response.etag in tags
    since = headers.get("if-modified-since")
    if since is None or response.last_modified is None:
        return False
    try:
        since_at = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    if since_at.tzinfo is None:
        since_at = since_at.replace(tzinfo=UTC)
    return response.last_modified.replace(microsecond=0) <= since_at


def _handler_class(site: DemoSite, routes: dict[str, _Response],
                   record: Callable[[LoggedRequest], None]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out in separate writes
        server_version = f"wirehouse-demo/{site.key}"

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            response = routes.get(urlsplit(self.path).path)
            if response is None:
                response = _Response(404, b"Not Found\n", "text/plain; charset=utf-8")
            status = 304 if response.status == 200 and _not_modified(response, headers) else response.status
            record(LoggedRequest(site.key, self.command, self.path, headers, status))
            body = b"" if status == 304 else response.body
            encoded = False
            if body and site.gzip and "gzip" in headers.get("accept-encoding", ""):
                body, encoded = gzip.compress(body, mtime=0), True
            self.send_response(status)
            if response.status == 200:
                self.send_header("ETag", response.etag)
                if response.last_modified is not None:
                    self.send_header("Last-Modified", format_datetime(
                        response.last_modified.astimezone(UTC), usegmt=True))
            if status != 304:
                self.send_header("Content-Type", response.content_type)
                self.send_header("Content-Length", str(len(body)))
            if encoded:
                self.send_header("Content-Encoding", "gzip")
            if site.gzip:
                self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            if send_body and status != 304:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Requests go to the in-memory log, not stderr."""

    return Handler


class _DemoHTTPServer(ThreadingHTTPServer):
    """A site's server; a client that hangs up mid-request is routine, not an error to print."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class DemoSites:
    """Context manager running every demo site on loopback.

    ``base_port=0`` gives each site an ephemeral port; otherwise site *i* listens on
    ``base_port + i`` in sites.yaml order.
    """

    def __init__(self, base_port: int = 0, corpus: Corpus | None = None) -> None:
        self.corpus = corpus if corpus is not None else default_corpus()
        self._base_port = base_port
        self._servers: list[tuple[DemoSite, _DemoHTTPServer, threading.Thread]] = []
        self._served: list[ServedSite] = []
        self._log: list[LoggedRequest] = []
        self._lock = threading.Lock()

    def _record(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._log.append(entry)

    def __enter__(self) -> Self:
        last_port = self._base_port + len(self.corpus.sites) - 1
        if self._base_port and last_port > 65535:
            raise DemoServerError(
                f"the {len(self.corpus.sites)} demo sites need ports {self._base_port}-{last_port},"
                " beyond 65535"
            )
        port = 0
        try:
            for index, site in enumerate(self.corpus.sites):
                port = self._base_port + index if self._base_port else 0
                server = _DemoHTTPServer((HOST, port), BaseHTTPRequestHandler)
                base_url = f"http://{HOST}:{server.server_address[1]}"
                server.RequestHandlerClass = _handler_class(
                    site, _routes(self.corpus, site, base_url), self._record)
                thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                          name=f"demo-{site.key}", daemon=True)
                thread.start()
                self._servers.append((site, server, thread))
                feeds = (feed_url(base_url, site),) + tuple(base_url + p for p, _ in site.extra_feeds)
                self._served.append(ServedSite(site.key, base_url, feeds))
        except OSError as exc:
            self._stop()
            where = f"port {port}" if port else "a free port"
            raise DemoServerError(
                f"could not bind a demo site to {where} on {HOST}: {exc.strerror or exc}"
            ) from exc
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop()

    def _stop(self) -> None:
        for _, server, thread in self._servers:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
        self._servers.clear()

    def _require_started(self) -> None:
        if not self._served:
            raise DemoServerError("DemoSites is not running; use it as a context manager")

    @property
    def sites(self) -> list[ServedSite]:
        self._require_started()
        return list(self._served)

    @property
    def base_urls(self) -> dict[str, str]:
        """Site key to base URL."""
        return {s.name: s.base_url for s in self.sites}

    @property
    def feed_urls(self) -> list[str]:
        """Every feed URL, including the one answering 500 and the malformed one."""
        return [url for s in self.sites for url in s.feed_urls]

    @property
    def requests(self) -> list[LoggedRequest]:
        """A snapshot of every request served so far, in arrival order."""
        with self._lock:
            return list(self._log)

    def clear_requests(self) -> None:
        with self._lock:
            self._log.clear()

    def opml(self) -> str:
        names = {site.key: site.name for site in self.corpus.sites}
        return render_opml("Wirehouse demo sites",
                           [(names[s.name], s.base_url + "/", s.feed_urls) for s in self.sites])

    def write_opml(self, path: Path | str) -> Path:
        """Write the OPML 2.0 feed list (one nested outline per site) and return its path."""
        target = Path(path)
        try:
            target.write_text(self.opml(), encoding="utf-8")
        except OSError as exc:  # a failed write names no file: "No space left on device"
            exc.filename = exc.filename or str(target)
            raise
        return target
