"""Property-based fuzzing of the three parsers that read the outside world: feeds
(extract.feeds.parse_feed), article pages (transform.html_extract.extract_page) and URLs
(transform.urls.canonicalize_url). Only their typed errors may escape, and what they return is
sane. Bounded for the normal run; `make fuzz` (bench/fuzz_long.py) raises
WIREHOUSE_FUZZ_EXAMPLES for a long session.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.feeds import FeedParseError, parse_feed
from transform.html_extract import ExtractionError, extract_page
from transform.records import ExtractedPage, ParsedFeed
from transform.urls import InvalidURLError, canonicalize_url

EXAMPLES = int(os.environ.get("WIREHOUSE_FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # a per-example wall-clock limit fails as "Flaky" on a loaded machine
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FEED_URL = "http://feeds.example.org/news/rss.xml"

# --- building blocks ------------------------------------------------------------------------

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
xml_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
hosts = st.one_of(
    st.sampled_from(["example.org", "News.Example.COM.", "xn--bcher-kva.example", "bücher.de",
                     "127.0.0.1", "[::1]", "[2001:db8::1]", "2130706433", "0177.0.0.1",
                     "a..b", "", "-bad-.org", "münchen.de", "sub.domain.example.co.uk"]),
    st.from_regex(r"[a-z0-9]{1,10}(\.[a-z0-9-]{1,10}){0,3}", fullmatch=True),
)
schemes = st.sampled_from(["http", "https", "HTTP", "HtTpS", "ftp", "javascript", "data",
                           "file", "mailto", ""])
ports = st.one_of(st.none(), st.integers(min_value=0, max_value=70000))
path_parts = st.lists(st.one_of(text, st.sampled_from(["..", ".", "%2F", "%zz", "a b", "ü",
                                                        "%E2%82%AC", "amp"])), max_size=4)
query_items = st.lists(
    st.tuples(st.one_of(st.sampled_from(["utm_source", "UTM_Medium", "fbclid", "id", "page",
                                         "ref", "q", "gclid", "mc_eid", ""]), text),
              text),
    max_size=4,
)


@st.composite
def urls(draw) -> str:
    scheme, host, port = draw(schemes), draw(hosts), draw(ports)
    netloc = host if port is None else f"{host}:{port}"
    path = "/".join(draw(path_parts))
    query = "&".join(f"{k}={v}" for k, v in draw(query_items))
    fragment = draw(st.one_of(st.just(""), text))
    url = f"{scheme}://{netloc}/{path}"
    if query:
        url += "?" + query
    if fragment:
        url += "#" + fragment
    return url


any_url = st.one_of(urls(), text, st.sampled_from(["javascript:alert(1)", "data:text/html,x",
                                                    "//example.org/x", "/relative/path", "?q=1"]))
dates = st.one_of(
    st.datetimes(timezones=st.timezones()).map(lambda d: d.strftime("%a, %d %b %Y %H:%M:%S %z")),
    st.datetimes().map(lambda d: d.isoformat()),
    st.sampled_from(["", "yesterday", "Mon, 32 Foo 2026 25:61:00 XYZ", "0000-00-00T00:00:00Z",
                     "9999-12-31T23:59:59+14:00", "1970-01-01", "-1"]),
    text,
)


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def rss_documents(draw) -> bytes:
    items = []
    for _ in range(draw(st.integers(0, 5))):
        items.append(
            "<item>"
            f"<title>{_escape(draw(xml_text))}</title>"
            f"<link>{_escape(draw(any_url))}</link>"
            f"<description>{_escape(draw(xml_text))}</description>"
            f"<pubDate>{_escape(draw(dates))}</pubDate>"
            f"<author>{_escape(draw(xml_text))}</author>"
            "</item>"
        )
    document = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                f"<title>{_escape(draw(xml_text))}</title><link>{_escape(draw(any_url))}</link>"
                f"{''.join(items)}</channel></rss>")
    raw = document.encode("utf-8")
    if draw(st.booleans()):  # damage it: cut, splice random bytes
        cut = draw(st.integers(0, len(raw)))
        raw = raw[:cut] + draw(st.binary(max_size=20)) + raw[cut:]
    return raw


@st.composite
def atom_documents(draw) -> bytes:
    entries = "".join(
        f"<entry><title>{_escape(draw(xml_text))}</title>"
        f"<link href=\"{_escape(draw(any_url)).replace(chr(34), '&quot;')}\"/>"
        f"<updated>{_escape(draw(dates))}</updated><id>{i}</id></entry>"
        for i in range(draw(st.integers(0, 4)))
    )
    return (f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>{_escape(draw(xml_text))}</title>{entries}</feed>").encode()


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), text),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=10,
)


@st.composite
def json_feeds(draw) -> bytes:
    items = draw(st.lists(st.fixed_dictionaries(
        {"id": json_values, "url": st.one_of(any_url, json_values)},
        optional={"title": st.one_of(text, json_values), "date_published": st.one_of(dates, json_values),
                  "authors": json_values, "content_html": text},
    ), max_size=4))
    doc = {"version": draw(st.sampled_from(["https://jsonfeed.org/version/1.1", "1", ""])),
           "title": draw(st.one_of(text, json_values)), "items": items}
    return json.dumps(doc).encode()


feed_bodies = st.one_of(rss_documents(), atom_documents(), json_feeds(), st.binary(max_size=300))
feed_types = st.sampled_from([None, "application/rss+xml", "application/feed+json",
                              "text/html", "application/json; charset=latin-1", "text/xml"])


def _is_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _is_utc(moment) -> bool:
    return moment is None or (moment.tzinfo is not None and moment.utcoffset() == timedelta(0))


# --- properties -----------------------------------------------------------------------------


@FUZZ
@given(body=feed_bodies, content_type=feed_types)
def test_parse_feed_raises_only_feed_errors_and_keeps_only_http_links(body, content_type) -> None:
    try:
        parsed = parse_feed(body, FEED_URL, content_type)
    except FeedParseError:
        return
    assert isinstance(parsed, ParsedFeed)
    assert parsed.site_url == "" or _is_http(parsed.site_url)
    for entry in parsed.entries:
        assert _is_http(entry.link), entry.link
        assert _is_utc(entry.published_at), entry.published_at
        assert isinstance(entry.title, str) and all(isinstance(a, str) for a in entry.authors)


tags = st.sampled_from(["p", "div", "article", "main", "span", "h1", "script", "style", "a",
                        "time", "meta", "link", "table", "td", "li", "ul", "header", "nav",
                        "figure", "figcaption", "section", "br", "img", "noscript", "svg"])
attributes = st.lists(st.tuples(
    st.sampled_from(["class", "id", "href", "src", "rel", "property", "name", "content",
                     "datetime", "itemprop", "lang", "charset", "http-equiv"]),
    st.one_of(text, any_url, dates, st.sampled_from(["canonical", "og:url", "article:published_time",
                                                     "author", "byline", "content", "ad"]))),
    max_size=3)


@st.composite
def html_documents(draw) -> str:
    """Random tag soup: opened, closed, unclosed and mis-nested elements with text between."""
    pieces = ["<!doctype html><html><head>"]
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(tags)
        attrs = "".join(f' {k}="{_escape(v).replace(chr(34), "&quot;")}"'
                        for k, v in draw(attributes))
        choice = draw(st.integers(0, 3))
        if choice == 0:
            pieces.append(f"<{tag}{attrs}>")
        elif choice == 1:
            pieces.append(f"</{tag}>")
        else:
            pieces.append(f"<{tag}{attrs}>{_escape(draw(text))}</{tag}>")
    return "".join(pieces)


page_inputs = st.one_of(
    html_documents(),
    html_documents().map(lambda s: s.encode("utf-8")),
    st.binary(max_size=400),
    text,
    st.integers(1, 3000).map(lambda n: "<div>" * n + "deep" + "</div>" * n),
)


@FUZZ
@given(page=page_inputs, url=st.one_of(st.none(), urls()),
       content_type=st.sampled_from([None, "text/html", "text/html; charset=windows-1252",
                                     "application/xhtml+xml", "image/png"]))
def test_extract_page_raises_only_extraction_errors_and_returns_sane_fields(
    page, url, content_type
) -> None:
    try:
        result = extract_page(page, url=url, content_type=content_type)
    except ExtractionError:
        return
    assert isinstance(result, ExtractedPage)
    assert _is_utc(result.published_at) and _is_utc(result.modified_at)
    assert "\x00" not in result.text and isinstance(result.title, str)
    for link in (result.canonical_url, result.top_image):
        assert link is None or _is_http(link), link


@FUZZ
@given(url=st.one_of(urls(), any_url))
def test_canonicalize_url_is_idempotent_http_only_and_strips_tracking(url: str) -> None:
    try:
        canonical = canonicalize_url(url)
    except InvalidURLError:
        return
    assert _is_http(canonical), canonical
    assert "#" not in canonical
    keys = [key.lower() for key, _ in parse_qsl(urlsplit(canonical).query, keep_blank_values=True)]
    assert not [k for k in keys if k.startswith("utm_") or k in ("fbclid", "gclid")], keys
    assert canonicalize_url(canonical) == canonical
