"""The Fetcher against the fault-injecting loopback server: retries, limits, redirects, types."""

from __future__ import annotations

import asyncio
import gzip
import threading
import time
import zlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
from faultserver import FaultServer, Reply, SeenRequest, loopback_policy, quick_fetch_settings

from extract.errors import (
    BadContentType,
    BlockedAddress,
    FetchConnectionError,
    FetchTimeoutError,
    HTTPStatusError,
    TooLarge,
    TooManyRedirects,
)
from extract.guard import AddressPolicy
from extract.http import (
    Attempt,
    ContentDecodingError,
    Fetcher,
    FetchResult,
    check_content_type,
    parse_retry_after,
)
from wirehouse.settings import Settings

RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
       b"<item><title>A</title><link>http://example.com/a</link></item></channel></rss>")
HTML = b"<!DOCTYPE html><html><head><title>x</title></head><body><p>hi</p></body></html>"


def make_settings(**overrides: Any) -> Settings:
    return quick_fetch_settings(**{"max_retries": 2, "read_timeout": 30.0, **overrides})


def fetch(settings: Settings, servers: list[FaultServer], url: str, attempts: list[Attempt]
          | None = None, **kwargs: Any) -> FetchResult:
    async def go() -> FetchResult:
        async with Fetcher(settings, loopback_policy(*servers)) as fetcher:
            return await fetcher.fetch(url, on_attempt=(attempts.append if attempts is not None
                                                        else None), **kwargs)
    return asyncio.run(go())


def test_5xx_then_success_is_retried_and_each_attempt_logged(server: FaultServer) -> None:
    server.route("/f", Reply(500), Reply(502), Reply(200, RSS, "application/rss+xml"))
    attempts: list[Attempt] = []
    result = fetch(make_settings(), [server], server.url("/f"), attempts, kind="feed")
    assert result.status_code == 200 and result.body == RSS
    assert [a.status_code for a in attempts] == [500, 502, 200]
    assert [a.attempt for a in attempts] == [1, 2, 3]
    assert attempts[-1].bytes == len(RSS)


def test_persistent_5xx_gives_up_after_max_retries(server: FaultServer) -> None:
    server.route("/f", Reply(503))
    with pytest.raises(HTTPStatusError) as info:
        fetch(make_settings(max_retries=1), [server], server.url("/f"), kind="feed")
    assert info.value.status_code == 503
    assert len(server.seen("/f")) == 2


def test_other_4xx_is_not_retried(server: FaultServer) -> None:
    server.route("/f", Reply(404))
    with pytest.raises(HTTPStatusError, match="HTTP 404"):
        fetch(make_settings(), [server], server.url("/f"), kind="feed")
    assert len(server.seen("/f")) == 1


def test_429_retry_after_seconds_is_honoured(server: FaultServer) -> None:
    server.route("/f", Reply(429, headers=(("Retry-After", "1"),)), Reply(200, RSS, "text/xml"))
    fetch(make_settings(), [server], server.url("/f"), kind="feed")
    first, second = server.seen("/f")
    assert second.at - first.at >= 0.95


def test_retry_after_is_capped(server: FaultServer) -> None:
    server.route("/f", Reply(503, headers=(("Retry-After", "3600"),)), Reply(200, RSS, "text/xml"))
    fetch(make_settings(retry_after_cap=0.2), [server], server.url("/f"), kind="feed")
    first, second = server.seen("/f")
    # waited the cap, not the hour asked for (a wait of the hour would end on pytest's timeout;
    # any shorter one shows the cap, however loaded the machine)
    assert 0.19 <= second.at - first.at < 3600


def test_parse_retry_after_forms() -> None:
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30
    assert parse_retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now) == 0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


def test_trickling_body_hits_total_timeout(server: FaultServer) -> None:
    body = HTML * 200
    server.route("/slow", Reply(200, body, trickle=0.05, chunk_size=16))
    attempts: list[Attempt] = []
    with pytest.raises(FetchTimeoutError):
        fetch(make_settings(total_timeout=0.5, max_retries=0), [server], server.url("/slow"),
              attempts, kind="page")
    # cut with most of the body still to come (the server's sleeps alone take 51 s)
    assert attempts[0].error == "timed out" and attempts[0].status_code == 200
    assert attempts[0].bytes < len(body)


def test_slow_headers_hit_read_timeout_and_are_retried(server: FaultServer) -> None:
    # the first answer's headers come too late; the retries' come at once (though a loaded
    # machine may still make some of them miss the 1 s read timeout: only the last must succeed,
    # and there are five retries)
    server.route("/slow", Reply(200, HTML, delay=5.0), Reply(200, HTML))
    attempts: list[Attempt] = []
    result = fetch(make_settings(read_timeout=1.0, max_retries=5), [server], server.url("/slow"),
                   attempts, kind="page")
    assert result.body == HTML
    assert [a.error for a in attempts] == ["timed out"] * (len(attempts) - 1) + [None]
    assert len(attempts) >= 2 and len(server.seen("/slow")) == len(attempts)


def test_connection_reset_is_a_typed_retryable_error(server: FaultServer) -> None:
    server.route("/reset", Reply(reset=True))
    attempts: list[Attempt] = []
    with pytest.raises(FetchConnectionError):
        fetch(make_settings(max_retries=1), [server], server.url("/reset"), attempts, kind="page")
    assert len(attempts) == 2 and all(a.status_code is None for a in attempts)


def test_redirect_loop_is_stopped(server: FaultServer) -> None:
    server.route("/a", Reply(302, headers=(("Location", "/b"),)))
    server.route("/b", Reply(302, headers=(("Location", "/a"),)))
    with pytest.raises(TooManyRedirects, match="loop"):
        fetch(make_settings(), [server], server.url("/a"), kind="page")


def test_too_many_redirects(server: FaultServer) -> None:
    for i in range(5):
        server.route(f"/r{i}", Reply(307, headers=(("Location", f"/r{i + 1}"),)))
    server.route("/r5", Reply(200, HTML))
    with pytest.raises(TooManyRedirects, match="more than 3"):
        fetch(make_settings(max_redirects=3), [server], server.url("/r0"), kind="page")
    assert fetch(make_settings(max_redirects=5), [server], server.url("/r0"),
                 kind="page").final_url == server.url("/r5")


@pytest.mark.parametrize("target", ["http://10.0.0.1/admin", "http://169.254.169.254/latest",
                                    "http://2130706433:{port2}/", "http://[::1]:{port}/"])
def test_redirect_to_private_address_is_refused(server: FaultServer, target: str) -> None:
    server.route("/r", Reply(302, headers=(("Location", target.format(
        port=server.port, port2=server.port + 1)),)))
    with pytest.raises(BlockedAddress, match="not public"):
        fetch(make_settings(), [server], server.url("/r"), kind="page")


def test_host_names_are_checked_at_connect_time(server: FaultServer) -> None:
    server.route("/", Reply(200, HTML))
    with pytest.raises(BlockedAddress, match="not public"):
        fetch(make_settings(max_retries=0), [], f"http://localhost:{server.port}/", kind="page")
    assert server.requests == []
    assert fetch(make_settings(), [server], f"http://localhost:{server.port}/",
                 kind="page").body == HTML


def test_allow_private_hosts_setting_allows_loopback(server: FaultServer) -> None:
    server.route("/", Reply(200, HTML))
    async def go() -> FetchResult:
        async with Fetcher(make_settings(allow_private_hosts=True)) as fetcher:
            return await fetcher.fetch(server.url("/"), kind="page")
    assert asyncio.run(go()).status_code == 200


def test_oversized_body_declared_length(server: FaultServer) -> None:
    server.route("/big", Reply(200, HTML * 100))
    with pytest.raises(TooLarge):
        fetch(make_settings(max_body_bytes=1000), [server], server.url("/big"), kind="page")


def test_oversized_body_while_streaming(server: FaultServer) -> None:
    server.route("/big", Reply(200, HTML + b" " * 50_000, chunked=True))
    attempts: list[Attempt] = []
    with pytest.raises(TooLarge):
        fetch(make_settings(max_body_bytes=10_000), [server], server.url("/big"), attempts,
              kind="page")
    assert 10_000 < attempts[0].bytes < 30_000


def test_gzip_bomb_stops_at_the_limit(server: FaultServer) -> None:
    bomb = gzip.compress(HTML + b"\0" * 50_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    server.route("/bomb", Reply(200, bomb, headers=(("Content-Encoding", "gzip"),)))
    with pytest.raises(TooLarge, match="decompressed"):
        fetch(make_settings(max_body_bytes=1_000_000), [server], server.url("/bomb"), kind="page")


def test_gzip_and_deflate_bodies_are_decoded(server: FaultServer) -> None:
    server.route("/gz", Reply(200, gzip.compress(HTML), headers=(("Content-Encoding", "gzip"),)))
    raw_deflate = zlib.compressobj(wbits=-15)
    server.route("/raw", Reply(200, raw_deflate.compress(HTML) + raw_deflate.flush(),
                               headers=(("Content-Encoding", "deflate"),)))
    server.route("/zlib", Reply(200, zlib.compress(HTML), headers=(("Content-Encoding", "deflate"),)))
    for path in ("/gz", "/raw", "/zlib"):
        assert fetch(make_settings(), [server], server.url(path), kind="page").body == HTML


def test_a_gzip_body_of_several_members_or_cut_short(server: FaultServer) -> None:
    """Every gzip member is read; a body that stops inside one is a decoding error, not a
    shorter page."""
    half = len(HTML) // 2
    server.route("/members", Reply(200, gzip.compress(HTML[:half]) + gzip.compress(HTML[half:]),
                                   headers=(("Content-Encoding", "gzip"),)))
    server.route("/cut", Reply(200, gzip.compress(HTML)[:-10], headers=(("Content-Encoding", "gzip"),)))
    assert fetch(make_settings(), [server], server.url("/members"), kind="page").body == HTML
    with pytest.raises(ContentDecodingError, match="truncated"):
        fetch(make_settings(), [server], server.url("/cut"), kind="page")


def test_wrong_content_types(server: FaultServer) -> None:
    server.route("/img", Reply(200, b"\x89PNG....", "image/png"))
    server.route("/html-feed", Reply(200, RSS, "text/html; charset=utf-8"))
    server.route("/html-page-as-feed", Reply(200, HTML, "text/html"))
    server.route("/untyped", Reply(200, HTML, None))
    settings = make_settings()
    with pytest.raises(BadContentType, match="image/png"):
        fetch(settings, [server], server.url("/img"), kind="page")
    with pytest.raises(BadContentType):
        fetch(settings, [server], server.url("/img"), kind="feed")
    assert fetch(settings, [server], server.url("/html-feed"), kind="feed").body == RSS
    with pytest.raises(BadContentType, match="does not look like a feed"):
        fetch(settings, [server], server.url("/html-page-as-feed"), kind="feed")
    assert fetch(settings, [server], server.url("/untyped"), kind="page").body == HTML


def test_content_type_rules_without_network() -> None:
    check_content_type("feed", "u", "application/atom+xml", None)
    check_content_type("feed", "u", "application/feed+json", b"{}")
    check_content_type("page", "u", "application/xhtml+xml", None)
    check_content_type("robots", "u", "image/gif", b"")
    with pytest.raises(BadContentType):
        check_content_type("page", "u", "application/pdf", None)
    with pytest.raises(BadContentType):
        check_content_type("page", "u", "text/plain", b"just words")


def test_conditional_get_304(server: FaultServer) -> None:
    def respond(request: Any) -> Reply:
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(304, content_type=None)
        return Reply(200, RSS, "application/rss+xml", headers=(("ETag", '"v1"'),))
    server.respond("/f", respond)
    settings = make_settings()
    first = fetch(settings, [server], server.url("/f"), kind="feed")
    assert first.header("etag") == '"v1"' and not first.not_modified
    again = fetch(settings, [server], server.url("/f"), kind="feed",
                  headers={"If-None-Match": '"v1"'})
    assert again.not_modified and again.status_code == 304 and again.body == b""


def test_permanent_redirects_report_the_new_url(server: FaultServer) -> None:
    server.route("/old", Reply(301, headers=(("Location", "/older"),)))
    server.route("/older", Reply(308, headers=(("Location", "/new#frag"),)))
    server.route("/new", Reply(200, RSS, "application/rss+xml"))
    server.route("/temp", Reply(302, headers=(("Location", "/old"),)))
    settings = make_settings()
    result = fetch(settings, [server], server.url("/old"), kind="feed")
    assert result.moved_to == server.url("/new") == result.final_url
    assert fetch(settings, [server], server.url("/temp"), kind="feed").moved_to is None


def test_410_is_a_status_error(server: FaultServer) -> None:
    server.route("/gone", Reply(410))
    with pytest.raises(HTTPStatusError) as info:
        fetch(make_settings(), [server], server.url("/gone"), kind="feed")
    assert info.value.status_code == 410


def test_user_agent_and_accept_are_sent(server: FaultServer) -> None:
    server.route("/", Reply(200, HTML))
    settings = make_settings()
    fetch(settings, [server], server.url("/"), kind="page")
    headers = server.requests[0].headers
    assert headers["user-agent"] == settings.user_agent and "wirehouse/" in headers["user-agent"]
    assert headers["accept"].startswith("text/html")


def _fetch_many(settings: Settings, servers: list[FaultServer], urls: list[str]) -> float:
    async def go() -> None:
        async with Fetcher(settings, loopback_policy(*servers)) as fetcher:
            await asyncio.gather(*(fetcher.fetch(u, kind="page") for u in urls))
    started = time.monotonic()
    asyncio.run(go())
    return time.monotonic() - started


def test_host_delay_spaces_request_starts(server: FaultServer) -> None:
    server.route("/p", Reply(200, HTML))
    began = time.monotonic()
    _fetch_many(make_settings(host_delay=0.2), [server], [server.url("/p")] * 4)
    times = sorted(r.at for r in server.requests)
    # The n-th request may start only n delays after the first, which started after `began`;
    # it arrives after it starts. Gaps between arrivals are not compared: a request delayed
    # by machine load arrives late while the next keeps its own turn.
    assert len(times) == 4
    assert all(at - began >= n * 0.2 for n, at in enumerate(times))


def test_per_host_cap_and_hosts_in_parallel() -> None:
    with FaultServer() as one, FaultServer() as two:
        one.route("/p", Reply(200, HTML, delay=0.3))
        settings = make_settings(max_connections_per_host=2)
        alone = _fetch_many(settings, [one], [one.url("/p")] * 4)

        # The hosts in parallel, whatever the machine's load: host one answers only once host
        # two has received a request, which a fetcher serving the hosts one after the other
        # never lets happen (each wait would then run out instead).
        two_reached = threading.Event()
        waits: list[bool] = []

        def after_two(_request: SeenRequest) -> Reply:
            waits.append(two_reached.wait(timeout=240))  # a hang guard: ends at once
            return Reply(200, HTML)

        def reach_two(_request: SeenRequest) -> Reply:
            two_reached.set()
            return Reply(200, HTML)

        one.respond("/q", after_two)
        two.respond("/q", reach_two)
        _fetch_many(settings, [one, two], [one.url("/q")] * 4 + [two.url("/q")] * 4)
    assert alone >= 0.58  # 4 requests, 2 at a time, 0.3 s each
    assert waits == [True] * 4


def test_global_cap() -> None:
    with FaultServer() as one, FaultServer() as two:
        for srv in (one, two):
            srv.route("/p", Reply(200, HTML, delay=0.3))
        settings = make_settings(max_connections=1, max_connections_per_host=2)
        elapsed = _fetch_many(settings, [one, two], [one.url("/p"), two.url("/p")])
    assert elapsed >= 0.58


def test_a_refused_connection_says_so() -> None:
    """httpx words a refused connection "ConnectError: All connection attempts failed", which
    `feeds discover`, `feeds list` and a run's summary repeated; the errno says why."""
    from faultserver import bound_socket

    held = bound_socket()  # bound, not listening: connections to it are refused
    port = held.getsockname()[1]
    policy = AddressPolicy(allowed_endpoints=frozenset({("127.0.0.1", port)}))

    async def go() -> FetchResult:
        async with Fetcher(make_settings(max_retries=0), policy) as fetcher:
            return await fetcher.fetch(f"http://127.0.0.1:{port}/feed.xml", kind="feed")

    try:
        with pytest.raises(FetchConnectionError) as refused:
            asyncio.run(go())
    finally:
        held.close()
    assert refused.value.reason == "cannot connect: connection refused"
