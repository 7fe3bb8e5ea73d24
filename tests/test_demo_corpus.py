"""The bundled demo corpus meets its brief, and the loopback server serves it faithfully."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import socket
import struct
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape, unescape
from itertools import combinations
from urllib.parse import parse_qs, urlsplit

import feedparser
import httpx
import pytest
from protego import Protego

from wirehouse.demo import (
    CorpusError,
    DemoServerError,
    DemoSites,
    default_corpus,
    expected_articles,
    expected_events,
    expected_feeds,
    load_corpus,
    manifest_json,
)
from wirehouse.demo.corpus import CORPUS_DIR
from wirehouse.settings import load_settings

CORPUS = default_corpus()
FEED_VERSIONS = {"rss2": "rss20", "rdf": "rss10", "atom": "atom10"}


@pytest.fixture(scope="module")
def client():
    with httpx.Client(timeout=60) as c:  # the demo server shares a loaded machine
        yield c


@pytest.fixture(scope="module")
def expected(demo):
    return {e.id: e for e in expected_articles(demo.base_urls)}


def _shingles(text: str, size: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b)


# --- the corpus itself -----------------------------------------------------------------------

def test_counts_and_lengths():
    assert len(CORPUS.articles) >= 30
    assert len({s.template for s in CORPUS.sites}) >= 4
    assert {s.feed_format for s in CORPUS.sites} == {"rss2", "rdf", "atom"}
    for article in CORPUS.articles:
        assert 150 <= article.word_count <= 600, article.id
        assert article.authors and article.title and article.summary


def test_events_span_days_and_outlets():
    events = expected_events()
    by_id = {a.id: a for a in CORPUS.articles}
    multi_outlet = [k for k, ids in events.items() if len({by_id[i].site for i in ids}) >= 3]
    assert len(multi_outlet) >= 6
    days = {by_id[i].published.astimezone(UTC).date() for k in multi_outlet for i in events[k]}
    assert len(days) >= 5
    standalone = [a for a in CORPUS.articles if a.event is None]
    assert len(standalone) >= 3
    offsets = {a.published.utcoffset() for a in CORPUS.articles}
    assert len(offsets) >= 3


def test_same_topic_weeks_apart_are_separate_events():
    budget = defaultdict(list)
    for a in CORPUS.articles:
        if a.event and a.event.startswith("thistlecombe-budget-"):
            budget[a.event].append(a.published)
    assert len(budget) == 2
    first, second = sorted(budget.values(), key=min)
    settings = load_settings(env={})
    assert min(second) - max(first) > timedelta(days=21 + settings.event_window_days)


def test_outlets_word_the_same_event_differently():
    size = load_settings(env={}).shingle_size
    for ids in expected_events().values():
        articles = [CORPUS.article(i) for i in ids]
        for a, b in combinations(articles, 2):
            if a.site == b.site or a.syndicated_from == b.id or b.syndicated_from == a.id:
                continue
            overlap = _jaccard(_shingles(" ".join(a.paragraphs), size),
                               _shingles(" ".join(b.paragraphs), size))
            assert overlap < 0.1, (a.id, b.id, overlap)


def test_syndicated_copy_is_trimmed_original_with_note():
    copies = [a for a in CORPUS.articles if a.syndicated_from]
    assert copies
    size = load_settings(env={}).shingle_size
    for copy in copies:
        original = CORPUS.article(copy.syndicated_from)
        assert copy.site != original.site and copy.path != original.path
        assert copy.paragraphs[:-1] == original.paragraphs[:len(copy.paragraphs) - 1]
        assert len(copy.paragraphs) - 1 < len(original.paragraphs)
        assert copy.paragraphs[-1] == f"This story first appeared in the {CORPUS.site(original.site).name}."
        assert (copy.title, copy.authors, copy.event) == (original.title, original.authors, original.event)
        overlap = _jaccard(_shingles(" ".join(copy.paragraphs), size),
                           _shingles(" ".join(original.paragraphs), size))
        assert overlap >= load_settings(env={}).near_duplicate_threshold


def test_special_cases_are_present():
    kinds = {a.feed_link for a in CORPUS.articles}
    assert {"tracking", "amp"} <= kinds
    base_urls = {s.key: f"http://{s.key}.invalid" for s in CORPUS.sites}
    manifest = expected_articles(base_urls)
    disallowed = [e for e in manifest if e.robots_disallowed]
    assert len(disallowed) == 1 and disallowed[0].event is None
    tracked = [e for e in manifest if e.has_tracking_params]
    assert all(parse_qs(urlsplit(e.feed_url).query)["utm_source"] == ["rss"] for e in tracked)
    assert all(urlsplit(e.feed_url).path.startswith("/amp/") for e in manifest if e.is_amp)
    assert all(e.published_at.endswith("+00:00") for e in manifest)


def test_bad_syndication_is_rejected(tmp_path):
    (tmp_path / "articles" / "ledger").mkdir(parents=True)
    (tmp_path / "articles" / "gazette").mkdir(parents=True)
    shutil.copy(CORPUS_DIR / "sites.yaml", tmp_path / "sites.yaml")
    original = CORPUS_DIR / "articles" / "gazette" / "orla-ceramics-kiln-fire.yaml"
    shutil.copy(original, tmp_path / "articles" / "gazette" / original.name)
    copy = tmp_path / "articles" / "ledger" / "copy.yaml"
    copy.write_text('published: "2026-11-19T13:00:00+01:00"\n'
                    "syndicated_from: gazette/orla-ceramics-kiln-fire\nkeep_paragraphs: 99\n")
    with pytest.raises(CorpusError, match="keep_paragraphs"):
        load_corpus(tmp_path)
    copy.write_text('published: "2026-11-19 13:00"\nsyndicated_from: gazette/orla-ceramics-kiln-fire\n')
    with pytest.raises(CorpusError, match="UTC offset"):
        load_corpus(tmp_path)


# --- the server ------------------------------------------------------------------------------

def test_not_running_is_an_error():
    with pytest.raises(DemoServerError):
        _ = DemoSites().feed_urls


def test_a_client_hanging_up_mid_request_prints_nothing(capfd):
    """A reset connection is routine for a server: `make run` must not show a traceback for it."""
    with DemoSites() as sites:
        base_url = sites.sites[0].base_url
        address = urlsplit(base_url)
        with socket.create_connection((address.hostname, address.port)) as hung_up:
            hung_up.sendall(b"GET / HT")  # the server waits for the rest of the request line
            hung_up.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # closed with linger 0: a reset, which the server's blocked read raises
        assert httpx.get(base_url + "/robots.txt", timeout=60).status_code == 200
        time.sleep(0.5)  # the reset request's thread has printed by now, if it prints at all
    assert capfd.readouterr().err == ""


def test_every_page_is_served(demo, client, expected):
    for e in expected.values():
        response = client.get(e.url)
        assert response.status_code == 200, e.url
        html = response.text
        assert f'<link rel="canonical" href="{escape(e.canonical_url)}">' in html
        assert escape(e.title) in html
        for paragraph in e.paragraphs:
            assert escape(paragraph) in html, (e.id, paragraph[:40])
        assert "Advertisement" in html and "&copy;" in html
    for site in demo.sites:
        home = client.get(site.base_url + "/")
        assert home.status_code == 200
        assert client.get(site.base_url + "/no/such/page").status_code == 404


def test_templates_differ(demo, client, expected):
    by_template = {}
    for e in expected.values():
        by_template.setdefault(CORPUS.site(e.site).template, e)
    jsonld = client.get(by_template["jsonld"].url).text
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', jsonld).group(1))
    assert ld["@type"] == "NewsArticle" and "<article" in jsonld
    assert [a["name"] for a in ld["author"]] == list(by_template["jsonld"].authors)
    og = client.get(by_template["opengraph"].url).text
    assert "<article" not in og and "<time" not in og and "<h1" not in og
    assert 'property="article:published_time"' in og and "application/ld+json" not in og
    micro = client.get(by_template["microdata"].url).text
    assert 'itemprop="datePublished" datetime=' in micro and "<article" not in micro
    odd = client.get(by_template["oddbyline"].url).text
    assert 'class="endnote">Reporting by ' + escape(by_template["oddbyline"].authors[0]) in odd
    assert 'name="author"' not in odd and "application/ld+json" not in odd


def test_feeds_parse_and_list_the_articles(demo, client, expected):
    for feed in expected_feeds(demo.base_urls):
        response = client.get(feed.url)
        parsed = feedparser.parse(response.content)
        if feed.kind == "error500":
            assert response.status_code == 500
            continue
        assert response.status_code == 200
        if feed.kind == "malformed":
            assert parsed.bozo
            continue
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version == FEED_VERSIONS[feed.kind]
        assert response.headers["etag"] and response.headers["last-modified"]
        site_articles = {e.feed_url: e for e in expected.values() if e.site == feed.site}
        assert {entry.link for entry in parsed.entries} == set(site_articles)
        for entry in parsed.entries:
            e = site_articles[entry.link]
            assert entry.title == e.title
            assert [a["name"] for a in entry.authors] == list(e.authors)
            moment = entry.get("published_parsed") or entry.get("updated_parsed")
            assert datetime(*moment[:6], tzinfo=UTC).isoformat() == e.published_at


def test_feed_urls_include_broken_ones(demo):
    kinds = {f.url: f.kind for f in expected_feeds(demo.base_urls)}
    assert sorted(demo.feed_urls) == sorted(kinds)
    assert sorted(kinds.values()).count("error500") == 1
    assert sorted(kinds.values()).count("malformed") == 1


def test_conditional_get(demo, client):
    url = demo.sites[0].feed_urls[0]
    first = client.get(url)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200
    earlier = format_datetime(datetime(2026, 1, 1, tzinfo=UTC), usegmt=True)
    assert client.get(url, headers={"If-Modified-Since": earlier}).status_code == 200
    logged = [r for r in demo.requests if r.path == urlsplit(url).path]
    assert any(r.headers.get("if-none-match") == etag and r.status == 304 for r in logged)


def test_gzip_when_accepted(demo, client):
    gzip_sites = {s.key for s in CORPUS.sites if s.gzip}
    assert gzip_sites and gzip_sites != {s.key for s in CORPUS.sites}
    for site in demo.sites:
        url = site.feed_urls[0]
        raw = client.get(url, headers={"Accept-Encoding": "gzip"})
        plain = client.get(url, headers={"Accept-Encoding": "identity"})
        assert raw.headers.get("content-encoding") == ("gzip" if site.name in gzip_sites else None)
        assert "content-encoding" not in plain.headers
        assert raw.text == plain.text
    with client.stream("GET", demo.sites[0].feed_urls[0], headers={"Accept-Encoding": "gzip"}) as r:
        body = b"".join(r.iter_raw())
    assert gzip.decompress(body).startswith(b"<?xml")


def test_robots_and_disallowed_entry(demo, client, expected):
    blocked = [e for e in expected.values() if e.robots_disallowed]
    for e in blocked:
        robots = client.get(demo.base_urls[e.site] + "/robots.txt")
        assert robots.status_code == 200 and robots.headers["content-type"].startswith("text/plain")
        rules = Protego.parse(robots.text)
        assert not rules.can_fetch(e.url, "wirehouse")
        feed = feedparser.parse(client.get(demo.sites[[s.name for s in demo.sites].index(e.site)]
                                           .feed_urls[0]).content)
        assert e.feed_url in {entry.link for entry in feed.entries}
    for e in expected.values():
        if not e.robots_disallowed:
            rules = Protego.parse(client.get(demo.base_urls[e.site] + "/robots.txt").text)
            assert rules.can_fetch(e.url, "wirehouse"), e.id


def test_tracking_link_and_amp_variant(client, expected):
    tracked = next(e for e in expected.values() if e.has_tracking_params)
    page = client.get(tracked.feed_url)
    assert page.status_code == 200 and f'href="{tracked.canonical_url}"' in page.text
    amp = next(e for e in expected.values() if e.is_amp)
    amp_html = client.get(amp.feed_url).text
    assert re.search(r"<html (⚡|amp)[ >]", amp_html)
    assert "https://cdn.ampproject.org/v0.js" in amp_html and "<amp-img" in amp_html
    assert f'<link rel="canonical" href="{amp.canonical_url}">' in amp_html
    assert f'<link rel="amphtml" href="{amp.feed_url}">' in client.get(amp.url).text
    for paragraph in amp.paragraphs:
        assert escape(paragraph) in amp_html


def test_syndicated_page_keeps_its_own_canonical(client, expected):
    copy = next(e for e in expected.values() if e.syndicated_from)
    original = expected[copy.syndicated_from]
    html = client.get(copy.url).text
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert unescape(canonical) == copy.url != original.url
    assert "This story first appeared in the" in html


def test_request_log(demo, client, expected):
    demo.clear_requests()
    e = next(iter(expected.values()))
    client.get(e.url, headers={"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"})
    (entry,) = demo.requests
    assert (entry.site, entry.method, entry.path, entry.status) == (e.site, "GET", e.path, 200)
    assert entry.headers["if-modified-since"] == "Mon, 01 Jan 2024 00:00:00 GMT"


def test_opml_lists_every_feed(demo, tmp_path):
    path = demo.write_opml(tmp_path / "feeds.opml")
    root = ET.parse(path).getroot()
    assert root.tag == "opml" and root.get("version") == "2.0"
    groups = root.find("body").findall("outline")
    assert [g.get("text") for g in groups] == [s.name for s in CORPUS.sites]
    urls = [o.get("xmlUrl") for g in groups for o in g.findall("outline")]
    assert urls == demo.feed_urls
    assert all(o.get("type") == "rss" for g in groups for o in g.findall("outline"))


def test_manifest_json_round_trips(demo):
    data = json.loads(manifest_json(demo.base_urls))
    assert len(data["articles"]) == len(CORPUS.articles)
    assert {f["url"] for f in data["feeds"]} == set(demo.feed_urls)
    assert data["events"] == {k: list(v) for k, v in expected_events().items()}
