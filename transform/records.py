"""The records that flow between stages. Plain frozen dataclasses, JSON-friendly."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class FeedEntry:
    """One item of a parsed feed, reduced to what the pipeline uses."""

    link: str  # absolute http(s) URL
    title: str = ""
    summary: str = ""
    published_at: datetime | None = None  # UTC, tz-aware
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedFeed:
    """The result of parsing one feed document. ``error`` is set when it was not well-formed
    but entries could be salvaged (or not)."""

    title: str = ""
    site_url: str = ""
    entries: tuple[FeedEntry, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class ExtractedPage:
    """What article extraction found in one HTML document."""

    title: str = ""
    authors: tuple[str, ...] = ()
    published_at: datetime | None = None  # UTC, tz-aware
    modified_at: datetime | None = None  # UTC, tz-aware
    language: str | None = None  # ISO 639-1 where known
    canonical_url: str | None = None  # absolute, as the page declares it
    site_name: str | None = None
    text: str = ""  # paragraphs separated by a blank line
    top_image: str | None = None
    section: str | None = None
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleRecord:
    """One article ready for the warehouse: extraction merged with its feed entry."""

    url: str  # the URL it was fetched from (normalized)
    canonical_url: str  # the key: one row per canonical URL
    domain: str
    title: str
    author: str  # byline as text, authors joined by ", "
    published_at: datetime | None
    language: str | None
    text: str
    word_count: int
    content_hash: str
    fetched_at: datetime
    aliases: tuple[str, ...] = field(default_factory=tuple)  # every URL seen for it
    site_name: str | None = None  # the outlet's own name for itself (og:site_name), if the page says
