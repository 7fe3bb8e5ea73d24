"""parse_feed over the hand-written fixtures, entity attacks, and feed discovery."""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path

import pytest

from extract.feeds import FeedParseError, common_feed_urls, discover_feeds, parse_feed

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
CASES = sorted(p for p in FIXTURES.iterdir() if not p.name.endswith(".expect.json"))


def _expectation(path: Path) -> dict:
    stem = path.name.rsplit(".", 1)[0]
    return json.loads((FIXTURES / f"{stem}.expect.json").read_text(encoding="utf-8"))


def test_every_fixture_has_an_expectation() -> None:
    assert len(CASES) >= 10
    for case in CASES:
        assert _expectation(case)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_fixture(case: Path) -> None:
    expected = _expectation(case)
    body = case.read_bytes()
    if expected.get("raises"):
        with pytest.raises(FeedParseError):
            parse_feed(body, expected["url"], expected["content_type"])
        return
    feed = parse_feed(body, expected["url"], expected["content_type"])
    assert feed.title == expected["title"]
    assert feed.site_url == expected["site_url"]
    assert (feed.error is not None) == expected["error"]
    assert [e.link for e in feed.entries] == [e["link"] for e in expected["entries"]]
    for entry, want in zip(feed.entries, expected["entries"]):
        assert entry.title == want["title"]
        assert want["summary_contains"] in entry.summary
        if want["summary_contains"] == "":
            assert entry.summary == ""
        published = want["published_at"]
        assert entry.published_at == (datetime.fromisoformat(published) if published else None)
        if entry.published_at is not None:
            assert entry.published_at.utcoffset().total_seconds() == 0
        assert list(entry.authors) == want["authors"]


def _laughs(levels: int) -> bytes:
    lines = ['<!ENTITY l0 "ha! ha! ha! ha! ha! ha! ha! ha! ha! ha!">']
    lines += [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels)]
    top = f"&l{levels - 1};"
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n{chr(10).join(lines)}\n]>\n'
            f'<rss version="2.0"><channel><title>{top}</title><item><title>Joke {top}</title>'
            f"<link>https://laugh.example.com/1</link></item></channel></rss>").encode()


def test_billion_laughs_stays_bounded() -> None:
    body = _laughs(10)  # 10**9 "ha!" if expanded
    started = time.process_time()  # CPU time: the expansion is work, whatever the machine's load
    try:
        feed = parse_feed(body, "https://laugh.example.com/feed")
    except FeedParseError:
        pass
    else:
        assert feed.error is not None
        assert sum(len(e.title) + len(e.summary) for e in feed.entries) < 10 * len(body)
        assert len(feed.title) < 10 * len(body)
    assert time.process_time() - started < 5


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    body = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
            '<rss version="2.0"><channel><title>t &x;</title><item><title>i &x;</title>'
            "<link>https://x.example.com/1</link></item></channel></rss>").encode()
    try:
        feed = parse_feed(body, "https://x.example.com/feed")
    except FeedParseError:
        return
    assert "TOP-SECRET" not in feed.title
    assert all("TOP-SECRET" not in e.title + e.summary for e in feed.entries)


def test_body_that_looks_like_a_path_is_not_opened(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    target.write_bytes(b'<rss version="2.0"><channel><title>leaked</title></channel></rss>')
    with pytest.raises(FeedParseError):
        parse_feed(str(target).encode(), "https://x.example.com/feed")


@pytest.mark.parametrize("body", [b"", b"   ", b"{not json", b'{"items": "nope"}', b"[1, 2]",
                                  b"\x00\xff\xfe garbage", b"<rss><channel>"])
def test_hopeless_documents_raise_typed_error(body: bytes) -> None:
    with pytest.raises(FeedParseError):
        parse_feed(body, "https://x.example.com/feed")


def test_empty_but_valid_feed_is_not_an_error() -> None:
    feed = parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>',
                      "https://q.example.com/rss")
    assert feed.title == "Quiet" and feed.entries == () and feed.error is None


DISCOVERY_PAGE = """<!doctype html><html><head>
<base href="/site/">
<link rel="alternate" type="application/rss+xml" title="All" href="feeds/all.rss">
<link rel="Alternate home" type="application/atom+xml" href="https://cdn.example.com/atom.xml">
<link rel="alternate" type="application/feed+json" href="/feed.json">
<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
<link rel="stylesheet" type="text/css" href="/style.css">
<link rel="alternate" type="application/rss+xml" href="javascript:void(0)">
<link rel="alternate" type="application/rss+xml" href="feeds/all.rss">
</head><body><a href="/rss.xml">RSS</a></body></html>"""


def test_discover_feeds_from_link_alternate() -> None:
    assert discover_feeds(DISCOVERY_PAGE, "https://www.example.com/index.html") == [
        "https://www.example.com/site/feeds/all.rss",
        "https://cdn.example.com/atom.xml",
        "https://www.example.com/feed.json",
    ]
    assert discover_feeds("<html><p>nothing", "https://www.example.com/") == []


def test_common_feed_urls() -> None:
    urls = common_feed_urls("https://www.example.com/some/page?x=1")
    assert urls[0] == "https://www.example.com/feed"
    assert "https://www.example.com/atom.xml" in urls and "https://www.example.com/index.xml" in urls


def test_a_salvaged_feed_says_where_its_xml_broke() -> None:
    """Was "SAXParseException: <unknown>:2:16: not well-formed (invalid token)"."""
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Orrin</title>\n'
            b"<item><title>Tides & locks</title><link>https://orrin.example/a</link></item>"
            b"</channel></rss>")
    parsed = parse_feed(body, "https://orrin.example/rss.xml", "application/rss+xml")
    assert parsed.error == "XML error at line 2, column 20: not well-formed (invalid token)"
    assert [entry.link for entry in parsed.entries] == ["https://orrin.example/a"]
