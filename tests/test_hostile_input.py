"""Hostile and broken sites through the whole pipeline (`run_once`), served on loopback by the
fetch tests' FaultServer: every fault is bounded in time and memory, leaves a recorded error on
its feed (feeds.last_error) or page (fetch_log.error), and the good feed beside it still loads.
Also: the SSRF guard is on by default and refuses redirects to private addresses in every
spelling, and the repository holds no credentials.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import resource
import subprocess
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from faultserver import FaultServer, Reply, loopback_policy
from sqlalchemy import select

from extract import crawl
from load.models import Article, Feed, FetchLog
from transform.entities import LANGUAGES
from transform.entities import warm as warm_recognizer
from transform.events import warm as warm_event_terms
from wirehouse import pipeline
from wirehouse.errors import AllFeedsFailedError
from wirehouse.pipeline import run_once
from wirehouse.settings import Settings, load_settings

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts" / "faults"
RSS_TYPE = "application/rss+xml; charset=utf-8"
BODY_LIMIT = 256 * 1024
# CPU seconds, not wall time: what hostile bodies could make a run burn (bombs, huge trees);
# a server holding the run is bounded by the run's own deadlines, shown by the recorded errors.
RUN_CPU_LIMIT = 60.0
RSS_GROWTH_LIMIT_KB = 150 * 1024  # far below the 200 MB the gzip bombs inflate to

PARAGRAPHS = (
    ("The harbour authority confirmed on Tuesday that the northern breakwater will close for "
     "repairs after winter storms loosened several of its granite blocks and undermined the "
     "walkway that fishermen use every morning to reach their moorings."),
    ("Engineers who inspected the structure said the damage was worse than the first survey "
     "suggested, with two sections leaning seaward and a third showing cracks along its base "
     "that could widen quickly under the pressure of another large swell."),
    ("Local boat owners were told to move their vessels to the southern basin by the end of "
     "the month, and the authority promised temporary pontoons so that the morning catch can "
     "still be landed close to the market hall without long detours."),
)


def article_html(title: str, topic: str) -> bytes:
    paragraphs = "".join(f"<p>{topic}: {p}</p>" for p in PARAGRAPHS)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title></head><body><header><nav><a href='/'>Home</a></nav></header>"
        f"<article><h1>{title}</h1><p class='byline'>By Ada Marsh</p>{paragraphs}</article>"
        "<footer>Harbour Gazette</footer></body></html>"
    ).encode()


def rss(title: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Item {i}</title><link>{link}</link>"
        f"<pubDate>Tue, 03 Mar 2026 0{i % 10}:00:00 GMT</pubDate></item>"
        for i, link in enumerate(links)
    )
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>{title}</title><link>http://127.0.0.1:9/</link>{items}</channel></rss>").encode()


def gzip_bomb(inflated_bytes: int, prefix: bytes = b"") -> bytes:
    """A gzip stream of ``prefix`` then zeros, ``inflated_bytes`` long once inflated."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1024 * 1024)
    parts = [packer.compress(prefix)]
    for _ in range(inflated_bytes // len(chunk)):
        parts.append(packer.compress(chunk))
    parts.append(packer.flush())
    return b"".join(parts)


def billion_laughs(link: str) -> bytes:
    entities = b"".join(
        b"<!ENTITY lol%d '%s'>" % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    return (b"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY lol 'lol'>" + entities
            + b"]><rss version='2.0'><channel><title>&lol9;</title><item><title>&lol9;</title>"
            + b"<link>" + link.encode() + b"</link></item></channel></rss>")


def xxe(link: str) -> bytes:
    return (b"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
            b"<rss version='2.0'><channel><title>Leak &xxe;</title><item><title>Leak &xxe;</title>"
            b"<description>&xxe;</description><link>" + link.encode() + b"</link></item>"
            b"</channel></rss>")


def broken_bytes_feed(link: str) -> bytes:
    return (b"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            b"<title>Bad \xff\xfe bytes \x00 here</title><item><title>\xc3\x28\x00</title>"
            b"<link>" + link.encode() + b"\x00bytes</link></item></channel></rss>")


DEEP_FEED = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Deep</title>"
             + b"<x>" * 10_000 + b"</x>" * 10_000 + b"</channel></rss>")


def write_fault_record(name: str, record: dict[str, Any]) -> None:
    """One scenario's outcome, read by bench/faults_report.py."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.json").write_text(json.dumps(record, indent=2, sort_keys=True))


def opml(path: Path, feed_urls: list[str]) -> Path:
    outlines = "".join(f'<outline text="f{i}" type="rss" xmlUrl="{u}"/>'
                       for i, u in enumerate(feed_urls))
    path.write_text(f'<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head>'
                    f"<body>{outlines}</body></opml>", encoding="utf-8")
    return path


@pytest.fixture
def internal() -> Iterator[FaultServer]:
    """A private service the crawler must never reach (stands in for 169.254.169.254 & co)."""
    with FaultServer() as server:
        server.route("/secret", Reply(200, b"root:x:0:0:secret", "text/plain"))
        yield server


def _bounded(settings: Settings, **changes: object) -> Settings:
    # the trickles (1 byte/s for minutes) are cut by total_timeout; every other request takes
    # milliseconds when idle and must end within these limits on a loaded machine too, its
    # event loop sharing the CPU with feed parses in threads (3 s left little room; each
    # second more is a second more the trickles hold the test)
    return dataclasses.replace(
        settings, host_delay=0.0, max_retries=0, retry_base_delay=0.01, max_body_bytes=BODY_LIMIT,
        connect_timeout=8.0, read_timeout=8.0, total_timeout=10.0, max_redirects=5,
        max_connections_per_host=8,
        max_feed_failure_share=1.0,  # most feeds here fail on purpose; the gate is tested elsewhere
        **changes)


def _cpu_seconds() -> float:
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed_run(settings: Settings):
    # The entity recognizer's gazetteers and the events stage's word lists are a fixed cost of
    # each process (about 120 MB and 40 MB, loaded once); the limit is about growth hostile
    # input causes, so they are loaded before measuring.
    warm_recognizer()
    warm_event_terms(LANGUAGES)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu_before = time.monotonic(), _cpu_seconds()
    summary = run_once(settings)
    elapsed, cpu = time.monotonic() - started, _cpu_seconds() - cpu_before
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
    assert cpu < RUN_CPU_LIMIT, f"the hostile run took {cpu:.1f} s of CPU"
    assert growth < RSS_GROWTH_LIMIT_KB, f"peak memory grew by {growth // 1024} MB"
    return summary, elapsed


def test_hostile_feeds_and_pages_are_bounded_recorded_and_do_not_stop_the_run(
    settings: Settings, engine, hostile: FaultServer
) -> None:
    u = hostile.url
    pages = {
        "/good/1": Reply(200, article_html("Breakwater to close for repairs", "Harbour")),
        "/good/2": Reply(200, article_html("Pontoons promised for fishing fleet", "Fleet")),
        "/page/bomb": Reply(200, gzip_bomb(200 * 1024 * 1024, b"<!doctype html><html><body>"),
                            headers=(("Content-Encoding", "gzip"),)),
        "/page/huge": Reply(200, b"<!doctype html><html><body>" + b"<p>word</p>" * 50_000),
        "/page/trickle": Reply(200, article_html("Slow", "Slow"), trickle=1.0, chunk_size=1),
        "/page/loop-a": Reply(302, headers=(("Location", "/page/loop-b"),)),
        "/page/loop-b": Reply(302, headers=(("Location", "/page/loop-a"),)),
        "/page/deep": Reply(200, b"<!doctype html><html><body>" + b"<div>" * 10_000 + b"deep"
                            + b"</div>" * 10_000 + b"</body></html>"),
        "/page/badbytes": Reply(200, b"<!doctype html><html><body><p>caf\xe9 \x00 \xff\xfe "
                                + PARAGRAPHS[0].encode() + b"\x00</p></body></html>",
                                "text/html"),
        "/page/attrs": Reply(200, b"<!doctype html><html><body><div title='" + b"A" * 200_000
                             + b"' data-x='" + b"\"" * 50_000 + b"'><p>"
                             + PARAGRAPHS[1].encode() + b"</p></div></body></html>"),
    }
    for path, reply in pages.items():
        hostile.route(path, reply)
    good_links = [u("/good/1"), u("/good/2")]
    hostile_links = [u(p) for p in pages if p.startswith("/page/") and p != "/page/loop-b"]
    scheme_links = ["javascript:alert(document.cookie)", "data:text/html,<script>x</script>",
                    "JaVaScRiPt:alert(1)", "file:///etc/passwd"]
    feeds = {
        "/good.xml": Reply(200, rss("Good", good_links + hostile_links + scheme_links), RSS_TYPE),
        "/laughs.xml": Reply(200, billion_laughs(u("/missing/laughs")), RSS_TYPE),
        "/xxe.xml": Reply(200, xxe(u("/missing/xxe")), RSS_TYPE),
        "/bomb.xml": Reply(200, gzip_bomb(200 * 1024 * 1024, b"<?xml version='1.0'?><rss>"),
                           RSS_TYPE, headers=(("Content-Encoding", "gzip"),)),
        "/huge.xml": Reply(200, rss("Huge", [u(f"/n/{i}") for i in range(6000)]), RSS_TYPE),
        "/deep.xml": Reply(200, DEEP_FEED, RSS_TYPE),
        "/badbytes.xml": Reply(200, broken_bytes_feed(u("/missing/bad")), RSS_TYPE),
        "/trickle.xml": Reply(200, rss("Slow", []), RSS_TYPE, trickle=1.0, chunk_size=1),
        "/loop.xml": Reply(301, headers=(("Location", "/loop2.xml"),)),
        "/loop2.xml": Reply(301, headers=(("Location", "/loop.xml"),)),
    }
    for path, reply in feeds.items():
        hostile.route(path, reply)
    feed_urls = [u(p) for p in feeds if p != "/loop2.xml"]
    run_settings = _bounded(settings, feeds=opml(settings.data_dir / "hostile.opml", feed_urls))

    summary, elapsed = _timed_run(run_settings)

    with engine.connect() as conn:
        feed_rows = {f.url: f for f in conn.execute(select(Feed))}
        articles = {a.canonical_url: a for a in conn.execute(select(Article))}
        log = conn.execute(select(FetchLog.url, FetchLog.kind, FetchLog.error)).all()
    errors = {url: error for url, _kind, error in log if error}
    outcome: dict[str, str] = {}

    # the good feed and its good pages load, and the rest of the feeds failed with a reason
    assert feed_rows[u("/good.xml")].last_error is None
    assert set(good_links) <= set(articles)
    for path in ("/bomb.xml", "/huge.xml", "/trickle.xml", "/loop.xml"):
        assert feed_rows[u(path)].last_error, f"{path}: no error recorded"
        outcome[f"feed {path}"] = feed_rows[u(path)].last_error
    assert f"over {BODY_LIMIT} bytes" in feed_rows[u("/bomb.xml")].last_error
    assert "redirect" in feed_rows[u("/loop.xml")].last_error.lower()
    assert "timed out" in feed_rows[u("/trickle.xml")].last_error.lower()
    # entity tricks, deep nesting and broken bytes: an error or a salvage note, never a leak or
    # an expansion stored
    for path in ("/laughs.xml", "/xxe.xml", "/deep.xml", "/badbytes.xml"):
        row = feed_rows[u(path)]
        outcome[f"feed {path}"] = row.last_error or f"parsed, {row.entry_count} entries"
        assert len(row.title or "") < 1000, f"{path}: entity expansion reached the warehouse"
    # pages: over the limit, bombs, trickles and loops fail with a fetch_log error
    for path, words in (("/page/bomb", f"over {BODY_LIMIT} bytes"),
                        ("/page/huge", f"over {BODY_LIMIT} bytes"),
                        ("/page/trickle", "timed out")):
        assert u(path) in errors, f"{path}: no fetch_log error"
        assert words in errors[u(path)], errors[u(path)]
        outcome[f"page {path}"] = errors[u(path)]
    # pages that parse with difficulty: loaded with sane text or counted as having none
    for path in ("/page/deep", "/page/badbytes", "/page/attrs"):
        row = articles.get(u(path))
        outcome[f"page {path}"] = f"loaded, {row.word_count} words" if row else "no article text"
        if row is not None:
            assert "\x00" not in row.text and "\ufffd\ufffd\ufffd" not in row.text
            assert len(row.text) < 20_000
    # no scheme other than http(s) was fetched or stored, nothing leaked from /etc/passwd
    assert all(url.startswith("http://127.0.0.1:") for url, _kind, _error in log)
    assert all(url.startswith("http") for url in articles)
    stored_text = " ".join([*(a.text + a.title for a in articles.values()),
                            *(str(f.title) + str(f.last_error) for f in feed_rows.values()),
                            *(str(e) for e in errors.values())])
    assert "root:x:0:0" not in stored_text
    assert not [p for p in hostile.requests if p.path.startswith("/etc")]
    assert summary.feeds_ok >= 1

    write_fault_record("hostile-input", {
        "fault": "hostile feeds and pages through run_once (bombs, entities, oversize, deep "
                 "nesting, bad bytes, huge attributes, bad schemes, loops, trickling)",
        "tried": len(outcome) + len(scheme_links),
        "survived": len(outcome) + len(scheme_links),
        "rows_lost": len(set(good_links) - set(articles)),
        "outcomes": outcome,
        "run_seconds": round(elapsed, 2),
    })


def _allow_only(monkeypatch: pytest.MonkeyPatch, server: FaultServer) -> None:
    """Keep the guard on but let the crawler reach ``server`` itself (the way the fetch tests do):
    the pipeline's fetch functions get an allow-list of exactly that endpoint."""
    monkeypatch.setattr(pipeline, "fetch_batch",
                        functools.partial(crawl.fetch_batch, policy=loopback_policy(server)))


def test_redirects_to_private_addresses_are_refused_with_the_guard_on(
    settings: Settings, engine, hostile: FaultServer, internal: FaultServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = internal.port
    targets = {
        "loopback": f"http://127.0.0.1:{port}/secret",
        "metadata": "http://169.254.169.254/latest/meta-data/",
        "ipv6-loopback": f"http://[::1]:{port}/secret",
        "decimal": f"http://2130706433:{port}/secret",
        "octal": f"http://0177.0.0.1:{port}/secret",
        "hex": f"http://0x7f.1:{port}/secret",
    }
    for name, target in targets.items():
        hostile.route(f"/go/{name}", Reply(302, headers=(("Location", target),)))
    hostile.route("/good/1", Reply(200, article_html("Breakwater to close for repairs", "Harbour")))
    hostile.route("/feed-to-metadata.xml",
                  Reply(302, headers=(("Location", "http://169.254.169.254/feed.xml"),)))
    links = [hostile.url("/good/1")] + [hostile.url(f"/go/{n}") for n in targets]
    hostile.route("/feed.xml", Reply(200, rss("Redirects", links), RSS_TYPE))
    feeds = [hostile.url("/feed.xml"), hostile.url("/feed-to-metadata.xml"), internal.url("/secret")]
    run_settings = _bounded(settings, allow_private_hosts=False,
                            feeds=opml(settings.data_dir / "ssrf.opml", feeds))
    _allow_only(monkeypatch, hostile)

    _timed_run(run_settings)

    with engine.connect() as conn:
        feed_errors = dict(conn.execute(select(Feed.url, Feed.last_error)).all())
        log = conn.execute(select(FetchLog.url, FetchLog.kind, FetchLog.status_code,
                                  FetchLog.error)).all()
        loaded = set(conn.scalars(select(Article.canonical_url)))
    assert internal.requests == [], "the private service was reached"
    assert hostile.url("/good/1") in loaded
    # each redirect was followed no further than its first hop, and its refusal is recorded
    # (the octal form is already refused by httpx's URL parser, the others by the guard)
    pages = {url for url, kind, _status, _error in log if kind == "page" and "/go/" in url}
    assert pages == {hostile.url(f"/go/{n}") for n in targets}
    errors = {url: error for url, _kind, _status, error in log if error}
    for name in targets:
        error = errors.get(hostile.url(f"/go/{name}")) or ""
        expected = "Invalid IPv4 address" if name == "octal" else "not public"
        assert expected in error, f"{name}: {error!r}"
    assert "not public" in (feed_errors[hostile.url("/feed-to-metadata.xml")] or "")
    assert "not public" in (feed_errors[internal.url("/secret")] or "")
    write_fault_record("ssrf-redirects", {
        "fault": "redirects to private addresses (loopback, metadata, ::1, decimal, octal, hex) "
                 "with the SSRF guard on",
        "tried": len(targets) + 2, "survived": len(targets) + 2,
        "rows_lost": 0 if hostile.url("/good/1") in loaded else 1,
    })


def test_pages_refused_at_a_redirect_hop_have_their_error_in_fetch_log(
    settings: Settings, engine, hostile: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile.route("/go/metadata", Reply(302, headers=(("Location", "http://169.254.169.254/"),)))
    hostile.route("/go/loop-a", Reply(302, headers=(("Location", "/go/loop-b"),)))
    hostile.route("/go/loop-b", Reply(302, headers=(("Location", "/go/loop-a"),)))
    links = [hostile.url("/go/metadata"), hostile.url("/go/loop-a")]
    hostile.route("/feed.xml", Reply(200, rss("Refused", links), RSS_TYPE))
    run_settings = _bounded(settings, allow_private_hosts=False,
                            feeds=opml(settings.data_dir / "hops.opml", [hostile.url("/feed.xml")]))
    _allow_only(monkeypatch, hostile)
    run_once(run_settings)
    with engine.connect() as conn:
        errors = dict(conn.execute(select(FetchLog.url, FetchLog.error)
                                   .where(FetchLog.error.is_not(None))).all())
    assert "not public" in (errors.get(hostile.url("/go/metadata")) or "")
    assert "redirect loop" in (errors.get(hostile.url("/go/loop-a")) or "")


def test_guard_is_on_by_default_and_a_loopback_run_records_blocked_addresses(
    settings: Settings, engine, hostile: FaultServer
) -> None:
    assert load_settings(env={}).allow_private_hosts is False
    hostile.route("/feed.xml", Reply(200, rss("Loopback", [hostile.url("/good/1")]), RSS_TYPE))
    defaults = load_settings(env={})
    run_settings = dataclasses.replace(
        settings, allow_private_hosts=defaults.allow_private_hosts, host_delay=0.0,
        max_retries=0, feeds=opml(settings.data_dir / "loop.opml", [hostile.url("/feed.xml")]))
    with pytest.raises(AllFeedsFailedError, match="not public"):
        run_once(run_settings)
    with engine.connect() as conn:
        error = conn.scalar(select(Feed.last_error))
        logged = conn.scalar(select(FetchLog.error).where(FetchLog.kind == "feed"))
    assert "not public" in error and "not public" in (logged or error)
    assert hostile.requests == []


PLACEHOLDER = r"(?i:changeme|change_me|change-me|example|placeholder|xxx|dummy)"
KEY_PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |OPENSSH |DSA |PGP )?PRIVATE KEY"),
    "AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
}
PASSWORD_PATTERNS = {
    # a quoted literal assigned to a password-like name: password="...", "api_key": '...'
    "password literal": re.compile(
        r"""(?i)(?:password|passwd|secret|api_?key|token)["']?(?:\s*=|:\s)\s*["']"""
        rf"""(?!{PLACEHOLDER}|\*)([^"'\s$<{{]{{6,}})["']"""),
    # an env or YAML setting: DB_PASSWORD=value, APP_SECRET: value (not ${...}, <...>)
    "password setting": re.compile(
        r"""(?m)^\s*(?:export\s+)?[A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|SECRET_KEY)\s*[=:]"""
        rf"""\s*(?!{PLACEHOLDER})[^\s$<{{"'#*()][^\s#()]{{5,}}\s*$"""),
    "URL with a password": re.compile(r"://[^/\s:@]+:(?![$<{*])[^/\s@]{3,}@"),
}


def find_secrets(text: str, in_tests: bool = False) -> list[str]:
    """Names of the credential kinds ``text`` seems to hold. Tests plant obviously fake passwords
    (to check that URLs are masked, say), so only keys are looked for in them."""
    patterns = KEY_PATTERNS if in_tests else {**KEY_PATTERNS, **PASSWORD_PATTERNS}
    return [name for name, pattern in patterns.items() if pattern.search(text)]


@pytest.mark.parametrize("sample", [
    "-----BEGIN RSA PRIVATE KEY-----\nMIIE",
    "aws_key = AKIAIOSFODNN7EXAMPLZ",
    "DB_PASSWORD=hunter2hunter2",
    "postgresql://wirehouse:s3cr3tpass@db:5432/wirehouse",
    'api_key = "9f8e7d6c5b4a"',
])
def test_secret_scanner_finds_planted_secrets(sample: str) -> None:
    assert find_secrets(sample)


@pytest.mark.parametrize("sample", [
    "WIREHOUSE_DB_URL=postgresql+psycopg://postgres@127.0.0.1:5432/wirehouse",
    "POSTGRES_PASSWORD=${POSTGRES_PASSWORD}",
    "password: changeme",
    "POSTGRES_PASSWORD=CHANGE_ME",
    "CREATE ROLE airflow LOGIN PASSWORD :'airflow_pw';",
    "    tokens = normalize_text(text).split()",
    '_TOKEN = re.compile(r"\\w+")',
    "    AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE: /opt/airflow/auth/passwords.json",
    'if url.password: params["password"] = url.password',
    "AIRFLOW__API_AUTH__JWT_SECRET: ${AIRFLOW_JWT_SECRET:?set it in .env}",
    "postgresql://wirehouse:${WAREHOUSE_DB_PASSWORD}@postgres:5432/wirehouse",
])
def test_secret_scanner_passes_placeholders(sample: str) -> None:
    assert not find_secrets(sample)


def test_no_credentials_in_tracked_or_new_files() -> None:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert listed, "git listed no files"
    found = []
    for name in listed:
        path = REPO / name
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        data = path.read_bytes()
        if b"\x00" in data[:4096]:
            continue
        text = data.decode("utf-8", errors="replace")
        if name == "tests/test_hostile_input.py":
            text = text.split("PLACEHOLDER = ", 1)[0]  # this file plants samples on purpose
        found += [f"{name}: {kind}" for kind in find_secrets(text, name.startswith("tests/"))]
    assert not found, "possible credentials: " + "; ".join(found)
