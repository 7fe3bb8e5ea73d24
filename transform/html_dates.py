"""Dates found in pages, parsed and normalized to UTC.

A value without a time zone is taken as UTC (pages rarely say otherwise, and a fixed rule keeps
results reproducible); a date without a time is midnight UTC. Values outside 1990..(next year)
are rejected as junk (copyright years, placeholders).
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, date, datetime, timedelta

from dateutil import parser as dateutil_parser
from dateutil.parser import UnknownTimezoneWarning

_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_]|\.html?|$)"
    r"|/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/"
)
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
_MIN_YEAR = 1990
# Zone abbreviations dateutil does not know by itself; offsets in seconds.
_TZINFOS = {"UTC": 0, "GMT": 0, "Z": 0, "EST": -5 * 3600, "EDT": -4 * 3600,
            "CST": -6 * 3600, "CDT": -5 * 3600, "MST": -7 * 3600, "MDT": -6 * 3600,
            "PST": -8 * 3600, "PDT": -7 * 3600, "BST": 3600, "CET": 3600, "CEST": 7200,
            "EET": 7200, "EEST": 10800, "IST": 19800, "JST": 9 * 3600, "AEST": 10 * 3600,
            "AEDT": 11 * 3600}


def _plausible(value: datetime) -> datetime | None:
    latest = datetime.now(UTC) + timedelta(days=366)
    if value.year < _MIN_YEAR or value > latest:
        return None
    return value


def to_utc(value: datetime) -> datetime:
    """``value`` as a tz-aware UTC datetime (naive values are taken as UTC)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def parse_date(raw: str) -> datetime | None:
    """Parse an ISO 8601 / RFC 2822 / human-readable date string; None when it is not one."""
    text = raw.strip()
    if not text or len(text) > 80:
        return None
    if _EPOCH.match(text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return _plausible(datetime.fromtimestamp(seconds, UTC))
    iso = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        return _plausible(to_utc(datetime.fromisoformat(iso)))
    except ValueError:
        pass
    if not re.search(r"\d", text):
        return None
    try:
        with warnings.catch_warnings():
            # An unknown zone name leaves the value naive (then taken as UTC); no warning.
            warnings.simplefilter("ignore", UnknownTimezoneWarning)
            parsed = dateutil_parser.parse(text, tzinfos=_TZINFOS)
    except (ValueError, OverflowError):
        return None
    return _plausible(to_utc(parsed))


def url_date(url: str | None) -> datetime | None:
    """A date written into the URL path (``/2024/03/15/``, ``/2024-03-15-``, ``/20240315/``)."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    groups = [g for g in match.groups() if g is not None]
    try:
        day = date(int(groups[0]), int(groups[1]), int(groups[2]))
    except ValueError:
        return None
    return _plausible(datetime(day.year, day.month, day.day, tzinfo=UTC))


__all__ = ["parse_date", "to_utc", "url_date"]
