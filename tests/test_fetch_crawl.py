"""Crawl orchestration: feed outcomes, conditional GET, robots for pages, fetch log, discovery."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from faultserver import FaultServer, Reply, SeenRequest, loopback_policy, quick_fetch_settings

from extract.archive import ArchiveWriter, read_record
from extract.crawl import (
    FeedState,
    FetchLogEntry,
    discover,
    fetch_feeds,
    fetch_pages,
    needs_unconditional,
)
from extract.errors import FetchConnectionError, HTTPStatusError
from extract.robots import parse_robots, policy_for_error, product_token
from wirehouse.settings import Settings

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
       b"<link>https://wire.example.com/</link>"
       b"<item><title>Story one</title><link>/one</link>"
       b"<pubDate>Fri, 01 May 2026 10:00:00 GMT</pubDate></item></channel></rss>")
HTML = b"<!doctype html><html><head><title>Page</title></head><body><p>Body</p></body></html>"


def make_settings(**overrides: Any) -> Settings:
    return quick_fetch_settings(**{"max_retries": 1, "read_timeout": 30.0, **overrides})


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[ArchiveWriter]:
    with ArchiveWriter(tmp_path / "archive" / "run-1" / "0.warc.gz") as writer:
        yield writer


def test_feed_outcomes_cover_success_304_moved_gone_and_errors(
        server: FaultServer, archive: ArchiveWriter) -> None:
    def conditional(request: SeenRequest) -> Reply:
        if request.headers.get("if-none-match") == '"abc"':
            return Reply(304, content_type=None)
        return Reply(200, RSS, "application/rss+xml", headers=(("ETag", '"abc"'),))

    server.route("/ok", Reply(200, RSS, "application/rss+xml",
                              headers=(("ETag", '"v2"'),
                                       ("Last-Modified", "Fri, 01 May 2026 09:00:00 GMT"))))
    server.respond("/cond", conditional)
    server.route("/moved", Reply(301, headers=(("Location", "/ok"),)))
    server.route("/gone", Reply(410))
    server.route("/broken", Reply(200, b"<rss><channel><item>", "application/rss+xml"))
    server.route("/flaky", Reply(500))
    recent = NOW - timedelta(days=1)
    states = [
        FeedState(1, server.url("/ok")),
        FeedState(2, server.url("/cond"), etag='"abc"', last_unconditional_at=recent),
        FeedState(3, server.url("/moved")),
        FeedState(4, server.url("/gone")),
        FeedState(5, server.url("/broken")),
        FeedState(6, server.url("/flaky")),
        FeedState(7, "http://10.9.8.7/feed"),
    ]
    log: list[FetchLogEntry] = []
    ok, cond, moved, gone, broken, flaky, private = fetch_feeds(
        make_settings(), "run-1", states, archive, log.append, now=NOW,
        policy=loopback_policy(server))

    assert ok.error is None and ok.status_code == 200 and not ok.not_modified
    assert ok.etag == '"v2"' and ok.last_modified == "Fri, 01 May 2026 09:00:00 GMT"
    assert ok.unconditional and ok.parsed is not None
    assert [e.link for e in ok.parsed.entries] == [server.url("/one")]
    assert read_record(ok.archive_ref).body == RSS

    assert cond.not_modified and cond.status_code == 304 and cond.error is None
    assert cond.etag == '"abc"' and not cond.unconditional
    assert cond.parsed is None and cond.archive_ref is None

    assert moved.moved_to == server.url("/ok") and moved.error is None
    assert gone.gone and gone.status_code == 410 and gone.error
    assert broken.error and "no feed could be read" in broken.error
    assert broken.archive_ref is not None  # what was fetched is kept even if unparseable
    assert flaky.status_code == 500 and not flaky.gone
    assert private.error and "not public" in private.error

    assert all(e.run_id == "run-1" and e.kind == "feed" for e in log)
    assert len([e for e in log if e.url.endswith("/flaky")]) == 2  # one retry
    assert [e.attempt for e in log if e.url.endswith("/flaky")] == [1, 2]
    assert not server.seen("/robots.txt")  # feeds do not consult robots.txt
    assert server.seen("/cond")[0].headers.get("if-none-match") == '"abc"'


def test_unconditional_fetch_after_the_configured_age(server: FaultServer) -> None:
    server.route("/f", Reply(200, RSS, "application/rss+xml"))
    settings = make_settings(feed_unconditional_after_days=7)
    stale = FeedState(1, server.url("/f"), etag='"e"', last_modified="Mon, 01 Jan 2024 "
                      "00:00:00 GMT", last_unconditional_at=NOW - timedelta(days=8))
    fresh = FeedState(1, server.url("/f"), etag='"e"', last_unconditional_at=NOW)
    assert needs_unconditional(stale, settings, NOW)
    assert not needs_unconditional(fresh, settings, NOW)
    assert needs_unconditional(FeedState(1, "u", last_unconditional_at=NOW), settings, NOW)
    (outcome,) = fetch_feeds(settings, "r", [stale], None, lambda e: None, now=NOW,
                             policy=loopback_policy(server))
    assert outcome.unconditional and outcome.archive_ref is None
    headers = server.seen("/f")[0].headers
    assert "if-none-match" not in headers and "if-modified-since" not in headers


def test_pages_obey_robots_and_robots_comes_first(server: FaultServer,
                                                  archive: ArchiveWriter) -> None:
    server.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\n\n"
                                           b"User-agent: otherbot\nDisallow: /\n", "text/plain"))
    for path in ("/a", "/b", "/private/c"):
        server.route(path, Reply(200, HTML))
    server.route("/img", Reply(200, b"GIF89a", "image/gif"))
    server.route("/hop", Reply(302, headers=(("Location", "/private/d"),)))
    log: list[FetchLogEntry] = []
    urls = [server.url(p) for p in ("/a", "/b", "/private/c", "/a", "/img", "/hop")]
    a, b, private, a_again, img, hop = fetch_pages(make_settings(), "run-2", urls, archive,
                                                   log.append, policy=loopback_policy(server))
    assert a.error is None and a.status_code == 200 and a.content_type == "text/html; charset=utf-8"
    assert read_record(a.archive_ref).body == HTML
    assert a_again == a
    assert b.error is None
    assert private.blocked_by_robots and private.archive_ref is None
    assert img.error and "image/gif" in img.error and not img.blocked_by_robots
    assert hop.blocked_by_robots  # the redirect target is checked against robots too
    paths = [r.path for r in server.requests]
    assert paths[0] == "/robots.txt" and paths.count("/robots.txt") == 1
    assert "/private/c" not in paths and "/private/d" not in paths
    assert paths.count("/a") == 1
    robots_entries = [e for e in log if e.kind == "robots"]
    assert len(robots_entries) == 1 and robots_entries[0].status_code == 200
    assert len([e for e in log if e.kind == "page"]) == 4  # /a, /b, /img, /hop


@pytest.mark.parametrize("status", [500, 503, 429])
def test_robots_server_error_blocks_the_host(server: FaultServer, archive: ArchiveWriter,
                                             status: int) -> None:
    server.route("/robots.txt", Reply(status))
    server.route("/a", Reply(200, HTML))
    outcomes = fetch_pages(make_settings(max_retries=0), "r", [server.url("/a"),
                                                               server.url("/a?x")],
                           archive, lambda e: None, policy=loopback_policy(server))
    assert all(o.blocked_by_robots and "unavailable" in (o.error or "") for o in outcomes)
    assert [r.path for r in server.requests] == ["/robots.txt"]


def test_robots_unreachable_blocks_the_host(server: FaultServer, archive: ArchiveWriter) -> None:
    server.route("/robots.txt", Reply(reset=True))
    server.route("/a", Reply(200, HTML))
    (outcome,) = fetch_pages(make_settings(max_retries=0), "r", [server.url("/a")], archive,
                             lambda e: None, policy=loopback_policy(server))
    assert outcome.blocked_by_robots
    assert "/a" not in [r.path for r in server.requests]


@pytest.mark.parametrize("status", [404, 401, 403, 410])
def test_robots_4xx_allows_everything(server: FaultServer, archive: ArchiveWriter,
                                      status: int) -> None:
    server.route("/robots.txt", Reply(status))
    server.route("/private/a", Reply(200, HTML))
    (outcome,) = fetch_pages(make_settings(), "r", [server.url("/private/a")], archive,
                             lambda e: None, policy=loopback_policy(server))
    assert outcome.error is None


def test_crawl_delay_spaces_pages(server: FaultServer, archive: ArchiveWriter) -> None:
    server.route("/robots.txt", Reply(200, b"User-agent: wirehouse\nCrawl-delay: 0.3\n",
                                      "text/plain"))
    for i in range(3):
        server.route(f"/p{i}", Reply(200, HTML))
    began = time.monotonic()
    fetch_pages(make_settings(host_delay=0.05), "r", [server.url(f"/p{i}") for i in range(3)],
                archive, lambda e: None, policy=loopback_policy(server))
    times = sorted(r.at for r in server.requests if r.path.startswith("/p"))
    assert len(times) == 3
    # Crawl-delay 0.3 s beats host_delay: the n-th page may start only n delays after the
    # first, which started after `began`. Gaps between arrivals are not compared: a page
    # delayed by machine load arrives late while the next keeps its own turn.
    assert all(at - began >= n * 0.3 for n, at in enumerate(times))


def test_crawl_delay_is_capped(server: FaultServer, archive: ArchiveWriter) -> None:
    server.route("/robots.txt", Reply(200, b"User-agent: *\nCrawl-delay: 3600\n", "text/plain"))
    server.route("/p0", Reply(200, HTML))
    server.route("/p1", Reply(200, HTML))
    began = time.monotonic()
    fetch_pages(make_settings(max_crawl_delay=0.2), "r", [server.url("/p0"), server.url("/p1")],
                archive, lambda e: None, policy=loopback_policy(server))
    (first,), (second,) = server.seen("/p0"), server.seen("/p1")
    # spaced by the cap (the later page started a cap after the first, which started after
    # `began`), not by the hour asked for (a wait of the hour would end on pytest's timeout;
    # any shorter one shows the cap, however loaded the machine)
    assert 0.2 <= max(first.at, second.at) - began < 3600


def test_a_failing_page_does_not_stop_others(server: FaultServer, archive: ArchiveWriter) -> None:
    server.route("/robots.txt", Reply(404))
    server.route("/ok", Reply(200, HTML))
    server.route("/reset", Reply(reset=True))
    server.route("/missing", Reply(404))
    ok, reset, missing, bad = fetch_pages(
        make_settings(max_retries=0), "r",
        [server.url("/ok"), server.url("/reset"), server.url("/missing"), "ftp://x.example/"],
        archive, lambda e: None, policy=loopback_policy(server))
    assert ok.error is None
    assert reset.error and reset.status_code is None
    assert missing.status_code == 404
    assert bad.error and "scheme" in bad.error


def test_robots_helpers() -> None:
    policy = parse_robots(b"User-agent: wirehouse\nDisallow: /x\nCrawl-delay: 2\n")
    ua = "wirehouse/0.1.0 (+https://github.com/wirehouse/wirehouse)"
    assert product_token(ua) == "wirehouse"
    assert not policy.allowed("https://e.example.com/x/1", ua)
    assert policy.allowed("https://e.example.com/y", ua)
    assert policy.crawl_delay(ua) == 2.0
    assert policy_for_error(HTTPStatusError("u", 404)).allowed("https://e.example.com/", ua)
    assert not policy_for_error(HTTPStatusError("u", 500)).allowed("https://e.example.com/", ua)
    assert not policy_for_error(FetchConnectionError("u", "reset")).allowed(
        "https://e.example.com/", ua)


def test_discover_prefers_advertised_feeds(server: FaultServer) -> None:
    server.route("/robots.txt", Reply(404))
    server.route("/", Reply(200, b'<html><head><link rel="alternate" type="application/rss+xml"'
                                 b' href="/news.rss"></head></html>'))
    found = discover(make_settings(), server.url("/"), policy=loopback_policy(server))
    assert (found.feeds, found.how) == ([server.url("/news.rss")], "advertised")


def test_discover_probes_common_paths(server: FaultServer) -> None:
    server.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /\n", "text/plain"))
    server.route("/", Reply(200, HTML))
    server.route("/rss.xml", Reply(200, RSS, "application/rss+xml"))
    server.route("/feed", Reply(200, HTML))  # an HTML page, not a feed
    server.route("/index.xml", Reply(301, headers=(("Location", "/rss.xml"),)))
    found = discover(make_settings(), server.url("/"), policy=loopback_policy(server))
    assert (found.feeds, found.how) == ([server.url("/rss.xml")], "common paths")
    assert "/" not in [r.path for r in server.requests]  # robots disallowed the home page
