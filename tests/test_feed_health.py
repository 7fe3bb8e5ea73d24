"""Feed health that tells the truth (issue 17), on SQLite and PostgreSQL: a malformed feed stays
failing across 304s until its content is fixed, back-off is visible and reported, and failures
are counted per request, not per retry."""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import text, update

from load import db
from load.models import Feed
from wirehouse import cli
from wirehouse.errors import AllFeedsFailedError
from wirehouse.pipeline import run_once

ITEM = "<item><title>Quay reopens</title><link>{base}/a1</link></item>"
GOOD = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{item}</channel></rss>'
)
# a bare ampersand and an unclosed channel: feedparser salvages the item and flags the document
MALFORMED = '<?xml version="1.0"?><rss version="2.0"><channel><title>A & B</title>{item}'


@dataclass
class FeedServer:
    """Feeds on loopback whose bodies the test changes; ETag validators, 304 when they match."""

    bodies: dict[str, tuple[int, str]] = field(default_factory=dict)  # path: (status, body)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path

    def conditional(self, path: str) -> list[bool]:
        """For each request of ``path`` so far, whether it carried a validator."""
        return [
            "if-none-match" in headers or "if-modified-since" in headers
            for requested, headers in self.requests
            if requested == path
        ]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    state = FeedServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            state.requests.append((self.path, headers))
            status, body = state.bodies.get(self.path, (404, "not here"))
            payload = body.format(base=state.base, item=ITEM.format(base=state.base), title="T")
            etag = '"' + hashlib.sha256(payload.encode()).hexdigest()[:16] + '"'
            if status == 200 and headers.get("if-none-match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(status)
            kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html"
            self.send_header("Content-Type", kind + "; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(payload.encode())))
            self.end_headers()
            self.wfile.write(payload.encode())

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def feed_settings(settings, server, engine):
    feeds = settings.data_dir / "feeds.yaml"
    feeds.write_text(
        "sources:\n  - name: Quay Courier\n    feeds:\n"
        f"      - {server.url('/good.xml')}\n      - {server.url('/odd.xml')}\n",
        encoding="utf-8",
    )
    return dataclasses.replace(
        settings, feeds=feeds, host_delay=0.0, retry_base_delay=0.01, max_retries=2
    )


def health(engine, url: str) -> dict:
    sql = (
        "SELECT state, last_status, consecutive_failures, last_error, in_backoff, next_fetch_at "
        "FROM feed_health WHERE url = :url"
    )
    with engine.connect() as connection:
        row = dict(connection.execute(text(sql), {"url": url}).mappings().one())
    row["in_backoff"] = bool(row["in_backoff"])
    return row


def test_a_malformed_feed_stays_failing_through_304s_until_fixed(server, feed_settings, engine):
    server.bodies["/good.xml"] = (200, GOOD)
    server.bodies["/odd.xml"] = (200, MALFORMED)
    good, odd = server.url("/good.xml"), server.url("/odd.xml")

    first = run_once(feed_settings)
    assert [url for url, _ in first.failed_feeds] == [odd]
    after_first = health(engine, odd)
    # consistent: failing, answered 200, one failure in its streak (was 0), no back-off
    assert (after_first["state"], after_first["last_status"]) == ("failing", 200)
    assert after_first["consecutive_failures"] == 1 and not after_first["in_backoff"]
    assert after_first["last_error"].startswith("salvaged: ")

    second = run_once(feed_settings)
    assert server.conditional("/good.xml") == [False, True]  # the good feed answers 304
    assert server.conditional("/odd.xml") == [False, False]  # the broken one is refetched whole
    assert [url for url, _ in second.failed_feeds] == [odd] and second.feeds_not_modified == 1
    assert health(engine, odd)["consecutive_failures"] == 2
    assert health(engine, good)["state"] == "ok"

    server.bodies["/odd.xml"] = (200, GOOD)
    third = run_once(feed_settings)
    assert third.failed_feeds == []
    fixed = health(engine, odd)
    assert (fixed["state"], fixed["consecutive_failures"], fixed["last_error"]) == ("ok", 0, None)
    run_once(feed_settings)
    assert server.conditional("/odd.xml")[-1] is True  # healthy again: conditional fetches


def test_back_off_is_visible_and_a_skipped_feed_is_reported(
    server, feed_settings, engine, capsys, monkeypatch
):
    server.bodies["/good.xml"] = (200, GOOD)
    server.bodies["/odd.xml"] = (500, "generator crashed")
    server.bodies["/a1"] = (200, "<html><body><p>The quay reopened.</p></body></html>")
    odd = server.url("/odd.xml")

    first = run_once(feed_settings)
    assert first.feeds_failed == 1 and first.feeds_in_backoff == 0
    failing = health(engine, odd)
    assert failing["state"] == "failing" and failing["in_backoff"]
    assert failing["consecutive_failures"] == 1  # one request, though it was tried 3 times
    requests = [path for path, _ in server.requests if path == "/odd.xml"]
    assert len(requests) == 3

    second = run_once(feed_settings)
    assert (second.feeds_failed, second.feeds_in_backoff) == (0, 1)
    assert [url for url, _ in second.backoff_feeds] == [odd]
    assert len([path for path, _ in server.requests if path == "/odd.xml"]) == 3  # skipped
    cli._print_summary(second, feed_settings)
    printed = capsys.readouterr().out
    assert "feeds skipped in back-off (still failing): 1 (`wirehouse feeds retry`" in printed
    due = datetime.fromisoformat(second.backoff_feeds[0][1]).strftime("%Y-%m-%d %H:%M UTC")
    assert f"in back-off until {due}: {odd}" in printed  # was to the microsecond, in ISO

    monkeypatch.setenv("WIREHOUSE_DB_URL", feed_settings.warehouse_url)
    monkeypatch.setenv("WIREHOUSE_DATA_DIR", str(feed_settings.data_dir))
    assert cli.main(["feeds", "list"]) == 0
    listing = capsys.readouterr().out
    next_fetch = failing["next_fetch_at"]
    if isinstance(next_fetch, str):  # SQLite hands the time back as text
        next_fetch = datetime.fromisoformat(next_fetch).replace(tzinfo=UTC)
    assert f"back-off until {next_fetch:%Y-%m-%d %H:%M} UTC" in listing

    with engine.connect() as connection:
        daily = connection.execute(
            text(
                "SELECT fetch_failures, failed_attempts FROM source_daily WHERE fetch_failures > 0"
            )
        ).all()
    assert [tuple(row) for row in daily] == [(1, 3)]  # robots.txt's 404 is no failure


def test_feeds_retry_has_the_next_run_fetch_a_feed_in_back_off(
    server, feed_settings, engine, capsys, monkeypatch
):
    """A feed that is back (here: the generator fixed) was skipped until its back-off ended,
    with no way to fetch it sooner; `wirehouse feeds retry URL` ends that back-off only."""
    server.bodies["/good.xml"] = (200, GOOD)
    server.bodies["/odd.xml"] = (500, "generator crashed")
    server.bodies["/a1"] = (200, "<html><body><p>The quay reopened.</p></body></html>")
    odd = server.url("/odd.xml")
    run_once(feed_settings)
    server.bodies["/odd.xml"] = (200, GOOD)
    monkeypatch.setenv("WIREHOUSE_DB_URL", feed_settings.warehouse_url)
    monkeypatch.setenv("WIREHOUSE_DATA_DIR", str(feed_settings.data_dir))
    assert cli.main(["feeds", "list"]) == 0
    assert "1 feed in back-off (`wirehouse feeds retry` has" in capsys.readouterr().out

    assert cli.main(["feeds", "retry", server.url("/nowhere.xml")]) == 2  # a typo, not a feed
    assert f"no active feed at {server.url('/nowhere.xml')}" in capsys.readouterr().err
    assert health(engine, odd)["in_backoff"]

    assert cli.main(["feeds", "retry", odd]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"due at the next run: {odd}", "ended the back-off of 1 feed"]
    retried = health(engine, odd)
    assert not retried["in_backoff"]
    assert (retried["state"], retried["consecutive_failures"]) == ("failing", 1)  # streak kept

    requests = len([path for path, _ in server.requests if path == "/odd.xml"])
    assert run_once(feed_settings).feeds_in_backoff == 0
    assert len([path for path, _ in server.requests if path == "/odd.xml"]) == requests + 1
    assert health(engine, odd)["state"] == "ok"


def test_feeds_retry_without_urls_ends_every_active_feeds_back_off(
    server, feed_settings, engine, capsys, monkeypatch
):
    """Every active feed in back-off, in URL order; an inactive one keeps its own (it is not
    fetched anyway), and one whose back-off has passed is not counted."""
    server.bodies["/good.xml"] = (500, "down")
    server.bodies["/odd.xml"] = (500, "down")
    with pytest.raises(AllFeedsFailedError):
        run_once(feed_settings)
    good, odd = server.url("/good.xml"), server.url("/odd.xml")
    with engine.begin() as connection:
        connection.execute(text("UPDATE feeds SET active = false WHERE url = :url"), {"url": odd})
    monkeypatch.setenv("WIREHOUSE_DB_URL", feed_settings.warehouse_url)
    monkeypatch.setenv("WIREHOUSE_DATA_DIR", str(feed_settings.data_dir))
    assert cli.main(["feeds", "retry", odd]) == 2  # inactive: a retry would fetch nothing
    capsys.readouterr()

    assert cli.main(["feeds", "retry"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"due at the next run: {good}", "ended the back-off of 1 feed"]
    assert not health(engine, good)["in_backoff"]
    with engine.connect() as connection:
        kept = connection.execute(
            text("SELECT next_fetch_at FROM feeds WHERE url = :url"), {"url": odd}
        ).scalar_one()
    assert kept is not None

    with db.session_scope(engine) as session:  # a back-off that has passed
        session.execute(update(Feed).where(Feed.url == good).values(
            next_fetch_at=datetime(2026, 1, 1, tzinfo=UTC)))
    assert cli.main(["feeds", "retry"]) == 0
    assert capsys.readouterr().out.splitlines() == ["ended the back-off of 0 feeds"]
