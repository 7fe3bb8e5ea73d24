"""The records that flow between stages. Plain frozen dataclasses, JSON-friendly.

They are also the warehouse's one sanitizing boundary: every record cleans its own fields when it
is constructed (:func:`sanitize_record`, called from each ``__post_init__``), so whatever reaches
a record from a feed, a page, JSON-LD or a WARC file is storable on SQLite and PostgreSQL alike:

* text has no surrogates (each becomes U+FFFD), no NUL nor other C0 control except tab and
  newline (a carriage return becomes a newline), and is cut to a bounded length;
* URLs hold no control character or surrogate and fit their column; a required URL that
  does not is a :class:`RecordError`, an optional one becomes None;
* dates are tz-aware UTC within a stated range (``earliest_year`` to ``max_future_days`` after
  now); one outside it is dropped (None), a required one is a :class:`RecordError`.

The bounds are :class:`RecordLimits`, set from the settings by the pipeline with
:func:`set_record_limits` (``WIREHOUSE_MAX_TEXT_CHARS`` and friends).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import ClassVar


class RecordError(ValueError):
    """A required field of a record cannot be made storable (a URL too long, a date out of range)."""


@dataclass(frozen=True)
class RecordLimits:
    """The bounds :func:`sanitize_record` enforces (defaults equal the settings' defaults)."""

    max_text_chars: int = 1_000_000  # article text, entry summaries
    max_field_chars: int = 500  # titles, names, errors and other short text
    max_url_chars: int = 2048  # the URL columns' width
    earliest_year: int = 1990
    max_future_days: float = 1.0  # the quality gate's limit for published_at


_limits = RecordLimits()


def set_record_limits(limits: RecordLimits) -> RecordLimits:
    """Make ``limits`` the bounds of every record built from now on; returns the previous ones."""
    global _limits
    previous, _limits = _limits, limits
    return previous


# C0 controls except tab (\x09), newline (\x0a) and carriage return (\x0d, handled apart)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_URL_FORBIDDEN = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
# Short identifiers whose cut form would be wrong: over these widths they are dropped instead.
_CODE_WIDTHS = {"language": 16, "domain": 253, "content_hash": 64}


def clean_text(value: object, max_chars: int | None = None) -> str:
    """``value`` as storable text: no surrogate, no C0 control but tab and newline, bounded."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    limit = _limits.max_field_chars if max_chars is None else max_chars
    return text[:limit]


def clean_url(value: str | None, max_chars: int | None = None) -> str | None:
    """``value`` if it is a storable URL (no controls or surrogates, short enough), else None."""
    if not value or not isinstance(value, str):
        return None
    text = value.strip()
    limit = _limits.max_url_chars if max_chars is None else max_chars
    if not text or len(text) > limit or _URL_FORBIDDEN.search(text):
        return None
    return text


def unstorable_url_reason() -> str:
    """Why :func:`clean_url` refuses a URL, for the message of whoever refuses it."""
    return f"cannot be stored: over {_limits.max_url_chars} characters, or with control characters"


def clean_date(value: datetime | None, now: datetime | None = None) -> datetime | None:
    """``value`` in UTC if it lies within the stated range, else None (naive is taken as UTC)."""
    if not isinstance(value, datetime):
        return None
    try:
        moment = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        latest = (now or datetime.now(UTC)) + timedelta(days=_limits.max_future_days)
    except (OverflowError, ValueError):
        return None
    if moment.year < _limits.earliest_year or moment > latest:
        return None
    return moment


def _clean(name: str, value: object, kind: str, required: bool) -> object:
    if kind == "text":
        return clean_text(value, _limits.max_text_chars)
    if kind == "url":
        url = clean_url(value)  # type: ignore[arg-type]
        if url is None and required:
            raise RecordError(f"{name}: not a storable URL: {clean_text(value, 200)!r}")
        return url
    if kind == "urls":
        return tuple(u for u in (clean_url(v) for v in value or ()) if u)  # type: ignore[union-attr]
    if kind == "date":
        moment = clean_date(value)  # type: ignore[arg-type]
        if moment is None and required:
            raise RecordError(f"{name}: date {value!r} outside the range the warehouse accepts")
        return moment
    if kind == "day":  # a calendar day: kept when its noon lies within the range of "date"
        if not isinstance(value, date) or isinstance(value, datetime):
            return None
        noon = datetime(value.year, value.month, value.day, 12, tzinfo=UTC)
        return value if clean_date(noon) is not None else None
    if kind == "fetched":  # when we fetched it: any real moment, however old the archive
        try:
            if value.tzinfo is None:  # type: ignore[union-attr]
                return value.replace(tzinfo=UTC)  # type: ignore[union-attr]
            return value.astimezone(UTC)  # type: ignore[union-attr]
        except (AttributeError, OverflowError, ValueError):
            raise RecordError(f"{name}: {value!r} is not a storable moment") from None
    if kind == "names":
        names = (clean_text(v).strip() for v in value or ())  # type: ignore[union-attr]
        return tuple(dict.fromkeys(n for n in names if n))
    if kind == "code":
        if value is None:
            return None
        code = clean_text(value).strip()
        if len(code) > _CODE_WIDTHS[name] or (not code and required):
            if required:
                raise RecordError(f"{name}: {code[:80]!r} is not a storable {name}")
            return None
        return code or None
    if value is None and not required:
        return None
    return clean_text(value)


def sanitize_record(record: object) -> None:
    """Clean every field of a frozen record in place, by the kinds its ``_KINDS`` declares.

    A field not named there is short text; a field typed ``X | None`` is optional.
    """
    kinds: dict[str, str] = getattr(record, "_KINDS", {})
    for spec in dataclasses.fields(record):  # type: ignore[arg-type]
        value = getattr(record, spec.name)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            continue
        required = "None" not in str(spec.type)
        cleaned = _clean(spec.name, value, kinds.get(spec.name, "short"), required)
        if cleaned is not value:
            object.__setattr__(record, spec.name, cleaned)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a parsed feed, reduced to what the pipeline uses."""

    _KINDS: ClassVar[dict[str, str]] = {
        "link": "url",
        "summary": "text",
        "published_at": "date",
        "authors": "names",
    }

    link: str  # absolute http(s) URL
    title: str = ""
    summary: str = ""
    published_at: datetime | None = None  # UTC, tz-aware
    authors: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        sanitize_record(self)


@dataclass(frozen=True)
class ParsedFeed:
    """The result of parsing one feed document. ``error`` is set when it was not well-formed
    but entries could be salvaged (or not)."""

    title: str = ""
    site_url: str = ""
    entries: tuple[FeedEntry, ...] = ()
    error: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", clean_text(self.title))
        object.__setattr__(self, "site_url", clean_url(self.site_url) or "")
        if self.error is not None:
            object.__setattr__(self, "error", clean_text(self.error))


@dataclass(frozen=True)
class ExtractedPage:
    """What article extraction found in one HTML document."""

    _KINDS: ClassVar[dict[str, str]] = {
        "published_at": "date",
        "published_on": "day",
        "modified_at": "date",
        "language": "code",
        "canonical_url": "url",
        "text": "text",
        "top_image": "url",
        "authors": "names",
        "keywords": "names",
    }

    title: str = ""
    authors: tuple[str, ...] = ()
    published_at: datetime | None = None  # UTC, tz-aware
    # The day of publication as the page states it, in the publisher's time zone: the UTC
    # moment above can fall on the next or previous day.
    published_on: date | None = None
    modified_at: datetime | None = None  # UTC, tz-aware
    language: str | None = None  # ISO 639-1 where known
    canonical_url: str | None = None  # absolute, as the page declares it
    site_name: str | None = None
    text: str = ""  # paragraphs separated by a blank line
    top_image: str | None = None
    section: str | None = None
    keywords: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        sanitize_record(self)
        if self.published_at is None:  # the day of a moment the range check dropped goes too
            object.__setattr__(self, "published_on", None)


@dataclass(frozen=True)
class ArticleRecord:
    """One article ready for the warehouse: extraction merged with its feed entry."""

    _KINDS: ClassVar[dict[str, str]] = {
        "url": "url",
        "canonical_url": "url",
        "domain": "code",
        "author": "text",
        "published_at": "date",
        "language": "code",
        "text": "text",
        "content_hash": "code",
        "fetched_at": "fetched",
        "aliases": "urls",
    }

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
    site_name: str | None = (
        None  # the outlet's own name for itself (og:site_name), if the page says
    )

    def __post_init__(self) -> None:
        sanitize_record(self)
