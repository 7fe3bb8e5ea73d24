"""Feed documents to :class:`ParsedFeed`: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 via feedparser,
JSON Feed 1.0/1.1 by our own reader, plus feed discovery in HTML.

What is kept of an entry: an absolute http(s) link (relative ones resolved against the feed URL,
``javascript:``, ``data:`` and the like dropped, as is an entry without one), a title or summary
(an entry with neither is dropped), the published date (else updated) in UTC or None, authors.
Summaries keep feedparser's sanitized HTML; titles are plain text.

Safety: the body always reaches feedparser as a stream (a ``bytes`` argument that looks like a
path would otherwise be opened as a file). feedparser removes entity declarations from the
DOCTYPE and turns off external entities, so a billion-laughs or XXE document parses as
not-well-formed with its entities unexpanded; the tests pin that behaviour.

A not-well-formed document (feedparser's ``bozo``) still yields what could be salvaged, with
``ParsedFeed.error`` set; when nothing at all is salvaged from a broken or unrecognised document,
:class:`FeedParseError` is raised.
"""

from __future__ import annotations

import html
import io
import json
import re
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.sax import SAXParseException

import feedparser
from dateutil import parser as dateparser

from extract.encoding import decode_text, http_charset, is_unsafe_charset
from transform.records import FeedEntry, ParsedFeed, RecordError

FEED_LINK_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/feed+json", "application/json", "application/x-rss+xml",
    "application/x-atom+xml", "text/xml", "application/xml",
})
COMMON_FEED_PATHS = ("/feed", "/rss.xml", "/atom.xml", "/feed.json", "/index.xml", "/feed/",
                     "/rss", "/feeds/posts/default")
_TAG = re.compile(r"<[^>]*>")
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
_REPLACEMENT_REF = b"&#xFFFD;"
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?(encoding\s*=\s*[\"'])([\w.:-]+)[\"']", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


class FeedParseError(ValueError):
    """The document is not a feed, or is broken beyond salvaging a single entry."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{message} ({url})")
        self.url = url


def _plain(text: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text))).strip()


def absolute_http_url(link: str | None, base: str) -> str | None:
    """``link`` resolved against ``base`` if the result is an http(s) URL with a host."""
    if not link or not isinstance(link, str):
        return None
    try:
        resolved = urljoin(base, link.strip())
        parts = urlsplit(resolved)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return resolved


def _struct_to_utc(value: time.struct_time | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def _parse_date_text(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = dateparser.isoparse(value.strip())
    except (ValueError, OverflowError):
        try:
            parsed = dateparser.parse(value.strip())
        except (ValueError, OverflowError, dateparser.ParserError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _unique_names(names: Iterable[object]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for name in names:
        if isinstance(name, str) and name.strip():
            seen.setdefault(_plain(name), None)
    return tuple(n for n in seen if n)


def _feedparser_entry(entry: Mapping[str, Any], base: str) -> FeedEntry | None:
    link = absolute_http_url(entry.get("link"), base)
    if link is None:
        for candidate in entry.get("links") or ():
            if candidate.get("rel", "alternate") == "alternate":
                link = absolute_http_url(candidate.get("href"), base)
                if link:
                    break
    if link is None and entry.get("guidislink", True):
        link = absolute_http_url(entry.get("id"), base)
    if link is None:
        return None
    title = _plain(entry.get("title") or "")
    summary = (entry.get("summary") or "").strip()
    if not summary:
        for content in entry.get("content") or ():
            if content.get("value", "").strip():
                summary = content["value"].strip()
                break
    if not title and not summary:
        return None
    published = None
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # dict.get: feedparser's own get() maps missing keys onto others, with a warning
        published = _struct_to_utc(dict.get(entry, key))
        if published is not None:
            break
    names = [a.get("name") or a.get("email") for a in entry.get("authors") or () if a]
    if not any(names):
        names = [entry.get("author")]
    return _entry(link=link, title=title, summary=summary, published_at=published,
                  authors=_unique_names(names))


def _entry(**fields: Any) -> FeedEntry | None:
    """The entry, or None when its link cannot be stored (see transform.records)."""
    try:
        return FeedEntry(**fields)
    except RecordError:
        return None


def _feedparser_content_type(content_type: str | None) -> str:
    # feedparser applies RFC 3023's us-ascii default to text/* types without a charset, which
    # garbles most real feeds, and flags non-XML types; keep only the charset, under a neutral
    # XML type.
    charset = http_charset(content_type)
    if is_unsafe_charset(charset):
        charset = None
    return f"application/xml; charset={charset}" if charset else "application/xml"


def _xml_char(match: re.Match[bytes]) -> bytes:
    hex_digits, decimal = match.groups()
    digits = hex_digits or decimal
    if len(digits.lstrip(b"0")) > 8:
        return _REPLACEMENT_REF
    code = int(digits, 16 if hex_digits else 10)
    allowed = (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )
    return match.group(0) if allowed else _REPLACEMENT_REF


def replace_bad_char_refs(body: bytes) -> bytes:
    """``body`` with every numeric character reference to a character XML cannot hold (NUL,
    other controls, surrogates, beyond U+10FFFF) replaced by one to U+FFFD.

    feedparser's strict parser rejects such a reference and its fallback (loose) parser then
    crashes on it (``chr()`` out of range, an unencodable surrogate), which lost the whole feed.
    Only ASCII-compatible bodies hold the references as these bytes; others go through as they are.
    """
    if b"&#" not in body:
        return body
    return _CHAR_REF.sub(_xml_char, body)


def _refuse_unsafe_charset(body: bytes) -> bytes:
    """``body`` with an XML declaration of an unsafe charset (UTF-7 and the like, see
    extract.encoding) rewritten to UTF-8, so its bytes are read as they are, never decoded."""
    match = _XML_ENCODING.search(body[:4096])
    if match is None or not is_unsafe_charset(match.group(2).decode("ascii", "replace")):
        return body
    return body[: match.start(2)] + b"utf-8" + body[match.end(2) :]


def _parse_xml(body: bytes, url: str, content_type: str | None) -> ParsedFeed:
    headers = {"content-location": url, "content-type": _feedparser_content_type(content_type)}
    body = _refuse_unsafe_charset(body)
    try:
        result = feedparser.parse(io.BytesIO(replace_bad_char_refs(body)), response_headers=headers)
    except (ValueError, OverflowError, RecursionError) as exc:  # the loose parser's own failures
        raise FeedParseError(url, f"no feed could be read: {type(exc).__name__}: {exc}") from None
    error = None
    if result.get("bozo"):
        exc = result.get("bozo_exception")
        error = _bozo_reason(exc)[:500] if exc else "not well-formed"
    entries = tuple(e for e in (_feedparser_entry(x, url) for x in result.entries) if e)
    feed = result.get("feed", {})
    if not entries and (error is not None or not result.get("version")):
        raise FeedParseError(url, f"no feed could be read: {error or 'unrecognised format'}")
    site = absolute_http_url(feed.get("link"), url) or ""
    return ParsedFeed(title=_plain(feed.get("title") or ""), site_url=site, entries=entries,
                      error=error)


def _bozo_reason(exc: Exception) -> str:
    """Why the strict XML parser refused a feed: where, for a syntax error (its text began
    "SAXParseException: <unknown>:4:16: ..."), else the exception's name and text."""
    if isinstance(exc, SAXParseException):
        return (f"XML error at line {exc.getLineNumber()}, column {exc.getColumnNumber()}: "
                f"{exc.getMessage()}")
    return f"{type(exc).__name__}: {exc}"


def _json_authors(item: Mapping[str, Any]) -> tuple[str, ...]:
    raw = item.get("authors")
    if not isinstance(raw, list):
        raw = [item.get("author")]
    return _unique_names(a.get("name") for a in raw if isinstance(a, dict))


def _json_entry(item: object, base: str) -> FeedEntry | None:
    if not isinstance(item, dict):
        return None
    link = absolute_http_url(item.get("url"), base) or absolute_http_url(
        item.get("external_url"), base)
    if link is None:
        return None
    title = _plain(item["title"]) if isinstance(item.get("title"), str) else ""
    summary = ""
    for key in ("summary", "content_html", "content_text"):
        if isinstance(item.get(key), str) and item[key].strip():
            summary = item[key].strip()
            break
    if not title and not summary:
        return None
    published = _parse_date_text(item.get("date_published")) or _parse_date_text(
        item.get("date_modified"))
    return _entry(link=link, title=title, summary=summary, published_at=published,
                  authors=_json_authors(item))


def _parse_json(body: bytes, url: str, content_type: str | None) -> ParsedFeed:
    try:
        doc = json.loads(decode_text(body, content_type))
    except (ValueError, RecursionError) as exc:
        raise FeedParseError(url, f"invalid JSON: {exc}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise FeedParseError(url, "JSON document is not a JSON Feed (no items list)")
    version = doc.get("version")
    error = None
    if not (isinstance(version, str) and "jsonfeed.org/version/" in version):
        error = f"unknown JSON Feed version {version!r}"
    entries = tuple(e for e in (_json_entry(i, url) for i in doc["items"]) if e)
    title = _plain(doc["title"]) if isinstance(doc.get("title"), str) else ""
    site = absolute_http_url(doc.get("home_page_url"), url) or ""
    return ParsedFeed(title=title, site_url=site, entries=entries, error=error)


def _is_json(body: bytes, content_type: str | None) -> bool:
    if content_type and "json" in content_type.lower():
        return True
    return body[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse one feed document fetched from ``url`` (see the module docstring)."""
    if _is_json(body, content_type):
        return _parse_json(body, url, content_type)
    return _parse_xml(body, url, content_type)


class _AlternateLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and self.base is None and values.get("href"):
            self.base = values["href"]
        if tag != "link":
            return
        rels = values.get("rel", "").lower().split()
        mtype = values.get("type", "").split(";", 1)[0].strip().lower()
        if "alternate" in rels and mtype in FEED_LINK_TYPES and values.get("href"):
            self.links.append(values["href"])


def discover_feeds(html_text: str, base_url: str) -> list[str]:
    """Feed URLs a page advertises with ``<link rel="alternate" type=...>``, absolute, in
    document order, without duplicates."""
    parser = _AlternateLinks()
    parser.feed(html_text)
    parser.close()
    base = urljoin(base_url, parser.base) if parser.base else base_url
    found: dict[str, None] = {}
    for href in parser.links:
        url = absolute_http_url(href, base)
        if url:
            found.setdefault(url, None)
    return list(found)


# What makes a plain <a href> worth probing as a feed: a feed-like file name or path word, a
# feed media type, or link text that says so ("RSS", "Atom feed", "Subscribe via RSS").
_FEED_PATH = re.compile(r"(?:\.(?:xml|rss|rdf|atom)|feed\.json)$|(?:^|[/._-])(?:feeds?|rss|atom|rdf)(?:[/._-]|$)",
                        re.IGNORECASE)
_FEED_WORDS = re.compile(r"\b(?:feeds?|rss|atom|rdf|syndication)\b", re.IGNORECASE)


class _FeedAnchors(HTMLParser):
    """Every ``<a href>`` with its type attribute and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.anchors: list[tuple[str, str, list[str]]] = []  # href, type, text parts
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and self.base is None and values.get("href"):
            self.base = values["href"]
        if tag == "a" and values.get("href"):
            self._open = []
            mtype = values.get("type", "").split(";", 1)[0].strip().lower()
            self.anchors.append((values["href"], mtype, self._open))
        elif tag == "img" and self._open is not None:
            self._open.append(values.get("alt", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


def linked_feed_candidates(html_text: str, base_url: str) -> list[str]:
    """URLs of plain ``<a href>`` links that look like feeds (by path, media type or link
    text), absolute, in document order, without duplicates. They are only candidates: the
    caller fetches each and keeps those that parse as feeds."""
    parser = _FeedAnchors()
    parser.feed(html_text)
    parser.close()
    base = urljoin(base_url, parser.base) if parser.base else base_url
    found: dict[str, None] = {}
    for href, mtype, text_parts in parser.anchors:
        url = absolute_http_url(href, base)
        if url is None:
            continue
        path = urlsplit(url).path
        if (
            mtype in FEED_LINK_TYPES
            or _FEED_PATH.search(path)
            or _FEED_WORDS.search(" ".join(text_parts))
        ):
            found.setdefault(url, None)
    return list(found)


def common_feed_urls(site_url: str) -> list[str]:
    """The usual feed locations on ``site_url``'s origin, to probe when a page advertises none."""
    parts = urlsplit(site_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    return [origin + path for path in COMMON_FEED_PATHS]


__all__ = [
    "COMMON_FEED_PATHS",
    "FeedParseError",
    "absolute_http_url",
    "common_feed_urls",
    "discover_feeds",
    "linked_feed_candidates",
    "parse_feed",
    "replace_bad_char_refs",
]
