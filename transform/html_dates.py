"""Dates found in pages, parsed and normalized to UTC.

A value without a time zone is taken as UTC (pages rarely say otherwise, and a fixed rule keeps
results reproducible); a date without a time is midnight UTC. Values outside 1990..(next year)
are rejected as junk (copyright years, placeholders).

Dates written for people ("5. Oktober 2013", "22 de mayo de 2019", "2019年10月5日",
"am 25.08.2015 22:30") are read by :func:`text_date`: day, month and year must all be there,
month names are known in the languages below, and numbers separated by dots are day first (as
everywhere dots are used; "31.10.23" is the one form read with a two-digit year); with slashes,
day first unless ``month_first`` (US English) or one of the two numbers cannot be a month.
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
# A last path segment that is a date, day first ("/meldungen/29-10-2021").
_URL_DAY_FIRST = re.compile(
    r"/(0?[1-9]|[12]\d|3[01])[-.](0?[1-9]|1[0-2])[-.]((?:19|20)\d{2})"
    r"(?:\.html?)?/?$"
)
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
# Month names and common abbreviations: en, de, fr, es, it, pt, nl, sv/da/no, pl, ru and uk
# (nominative and genitive), fi (partitive), tr, cs (genitive). Keys are casefolded and without
# a trailing dot.
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: (
        "january",
        "jan",
        "januar",
        "jänner",
        "janvier",
        "janv",
        "enero",
        "ene",
        "gennaio",
        "gen",
        "janeiro",
        "januari",
        "styczeń",
        "stycznia",
        "tammikuuta",
        "ocak",
        "ledna",
        "январь",
        "января",
        "янв",
        "січень",
        "січня",
    ),
    2: (
        "february",
        "feb",
        "februar",
        "feber",
        "février",
        "fevrier",
        "févr",
        "fevr",
        "febrero",
        "febbraio",
        "fevereiro",
        "fev",
        "februari",
        "luty",
        "lutego",
        "helmikuuta",
        "şubat",
        "subat",
        "února",
        "февраль",
        "февраля",
        "фев",
        "лютий",
        "лютого",
    ),
    3: (
        "march",
        "mar",
        "märz",
        "maerz",
        "mars",
        "marzo",
        "março",
        "marco",
        "maart",
        "mrt",
        "marts",
        "mars",
        "marzec",
        "marca",
        "maaliskuuta",
        "mart",
        "března",
        "март",
        "марта",
        "мар",
        "березень",
        "березня",
    ),
    4: (
        "april",
        "apr",
        "avril",
        "avr",
        "abril",
        "abr",
        "aprile",
        "kwiecień",
        "kwietnia",
        "huhtikuuta",
        "nisan",
        "dubna",
        "апрель",
        "апреля",
        "апр",
        "квітень",
        "квітня",
    ),
    5: (
        "may",
        "mai",
        "mayo",
        "maggio",
        "mag",
        "maio",
        "mei",
        "maj",
        "maja",
        "toukokuuta",
        "mayıs",
        "mayis",
        "května",
        "май",
        "мая",
        "травень",
        "травня",
    ),
    6: (
        "june",
        "jun",
        "juni",
        "juin",
        "junio",
        "giugno",
        "giu",
        "junho",
        "czerwiec",
        "czerwca",
        "kesäkuuta",
        "haziran",
        "června",
        "июнь",
        "июня",
        "июн",
        "червень",
        "червня",
    ),
    7: (
        "july",
        "jul",
        "juli",
        "juillet",
        "juil",
        "julio",
        "luglio",
        "lug",
        "julho",
        "lipiec",
        "lipca",
        "heinäkuuta",
        "temmuz",
        "července",
        "июль",
        "июля",
        "июл",
        "липень",
        "липня",
    ),
    8: (
        "august",
        "aug",
        "août",
        "aout",
        "agosto",
        "ago",
        "augusti",
        "augustus",
        "sierpień",
        "sierpnia",
        "elokuuta",
        "ağustos",
        "agustos",
        "srpna",
        "август",
        "августа",
        "авг",
        "серпень",
        "серпня",
    ),
    9: (
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "set",
        "settembre",
        "setembro",
        "wrzesień",
        "września",
        "syyskuuta",
        "eylül",
        "eylul",
        "září",
        "сентябрь",
        "сентября",
        "сен",
        "сент",
        "вересень",
        "вересня",
    ),
    10: (
        "october",
        "oct",
        "oktober",
        "okt",
        "octobre",
        "octubre",
        "ottobre",
        "ott",
        "outubro",
        "out",
        "październik",
        "października",
        "lokakuuta",
        "ekim",
        "října",
        "октябрь",
        "октября",
        "окт",
        "жовтень",
        "жовтня",
    ),
    11: (
        "november",
        "nov",
        "novembre",
        "noviembre",
        "novembro",
        "listopad",
        "listopada",
        "marraskuuta",
        "kasım",
        "kasim",
        "listopadu",
        "ноябрь",
        "ноября",
        "ноя",
        "листопад",
        "листопада",
    ),
    12: (
        "december",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
        "grudzień",
        "grudnia",
        "joulukuuta",
        "aralık",
        "aralik",
        "prosince",
        "декабрь",
        "декабря",
        "дек",
        "грудень",
        "грудня",
    ),
}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names}
_MONTH = "(" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_YEAR = r"((?:19|20)\d{2})"
_TEXT_DATES: tuple[tuple[re.Pattern[str], str], ...] = (
    # (pattern, order of the groups: y year, m month number, n month name, d day)
    (re.compile(_YEAR + r"-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(_YEAR + r"\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?"), "ymd"),
    (re.compile(_YEAR + r"[./](\d{1,2})[./](\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?" + _YEAR + r"(?!\d)"), "dmy"),
    # "23.09.22": a two-digit year only with dots and nothing numeric around (not "1.2.10.4").
    (re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.])"), "dmy"),
    (re.compile(r"(?<![\d/])(\d{1,2})[/-](\d{1,2})[/-]" + _YEAR + r"(?!\d)"), "?/"),
    (
        re.compile(
            r"(?<!\d)(\d{1,2})(?:st|nd|rd|th|er|º|°|\.)?\s*(?:de\s+|of\s+)?"
            + _MONTH
            + r",?\s*(?:de\s+)?"
            + _YEAR
            + r"(?!\d)",
            re.IGNORECASE,
        ),
        "dny",
    ),
    (
        re.compile(
            r"(?<!\w)" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + r"(?!\d)",
            re.IGNORECASE,
        ),
        "ndy",
    ),
)
_MIN_YEAR = 1990
_WORD = re.compile(r"\w+")
# Words that a written date's time of day brings along ("12:30 Uhr", "à 10h", "at 9 am").
_TIME_WORDS = frozenset({"uhr", "um", "h", "am", "pm", "at", "à", "de", "del", "of", "a", "las"})
_DOTTED = re.compile(r"(?<![\d.])\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d{2}(?!\d)")
_OTHER_DEFAULT = datetime(1904, 2, 29)  # differs from today in day, month and year
# Zone abbreviations dateutil does not know by itself; offsets in seconds.
_TZINFOS = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -5 * 3600,
    "EDT": -4 * 3600,
    "CST": -6 * 3600,
    "CDT": -5 * 3600,
    "MST": -7 * 3600,
    "MDT": -6 * 3600,
    "PST": -8 * 3600,
    "PDT": -7 * 3600,
    "BST": 3600,
    "CET": 3600,
    "CEST": 7200,
    "EET": 7200,
    "EEST": 10800,
    "IST": 19800,
    "JST": 9 * 3600,
    "AEST": 10 * 3600,
    "AEDT": 11 * 3600,
}


def _plausible(value: datetime) -> datetime | None:
    latest = datetime.now(UTC) + timedelta(days=366)
    if value.year < _MIN_YEAR or to_utc(value) > latest:
        return None
    return value


def to_utc(value: datetime) -> datetime:
    """``value`` as a tz-aware UTC datetime (naive values are taken as UTC)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def parse_date(raw: str, *, complete: bool = False) -> datetime | None:
    """Parse an ISO 8601 / RFC 2822 / human-readable date string to UTC; None when it is not
    one. With ``complete``, a value must state its day, month and year ("21:11" or "March
    2020" is no date) and dates written for people in other languages are read too
    (:func:`text_date`)."""
    stated = stated_date(raw, complete=complete)
    return to_utc(stated) if stated is not None else None


def stated_date(raw: str, *, complete: bool = False) -> datetime | None:
    """As :func:`parse_date`, but in the offset the value states, naive when it states none:
    its calendar day is the publisher's, which the UTC moment may put a day later or earlier
    ("2022-05-03T22:46-03:00" is 4 May in UTC)."""
    text = raw.strip()
    if not text or len(text) > 80:
        return None
    if _EPOCH.match(text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return _plausible(datetime.fromtimestamp(seconds, UTC))
    iso = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        return _plausible(datetime.fromisoformat(iso))
    except ValueError:
        pass
    if not re.search(r"\d", text):
        return None
    if complete and _DOTTED.search(text):
        return text_date(text)  # dateutil would read 05.11.2021 as May 11
    try:
        with warnings.catch_warnings():
            # An unknown zone name leaves the value naive (then taken as UTC); no warning.
            warnings.simplefilter("ignore", UnknownTimezoneWarning)
            parsed = dateutil_parser.parse(text, tzinfos=_TZINFOS)
            if (
                complete
                and parsed.date()
                != dateutil_parser.parse(text, tzinfos=_TZINFOS, default=_OTHER_DEFAULT).date()
            ):
                return None  # the day, month or year came from the default, not the text
    except (ValueError, OverflowError):
        return text_date(text) if complete else None
    return _plausible(parsed)


def text_date(text: str, *, month_first: bool = False) -> datetime | None:
    """The first complete date written in ``text`` (see the module docstring), at midnight UTC;
    None when there is none."""
    if len(text) > 300 or not any(map(str.isdigit, text)):
        return None
    best: tuple[int, datetime] | None = None
    for pattern, order in _TEXT_DATES:
        for match in pattern.finditer(text):
            found = _date_of(match.groups(), order, month_first)
            if found is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), found)
                break
    return best[1] if best else None


def written_date_only(text: str) -> bool:
    """Whether ``text`` is a date written for people and nothing more: a complete date
    (:func:`text_date`) among words that are all numbers, month names or the words of a time
    ("5. März 2024, 12:30 Uhr", "05 de mayo de 2022"), not a sentence that names a date."""
    words = _WORD.findall(text)
    return (
        bool(words)
        and all(
            word.isdigit() or word.casefold() in _MONTHS or word.casefold() in _TIME_WORDS
            for word in words
        )
        and text_date(text) is not None
    )


def _date_of(groups: tuple[str, ...], order: str, month_first: bool) -> datetime | None:
    if order == "?/":
        first, second = int(groups[0]), int(groups[1])
        order = "mdy" if second > 12 or (month_first and first <= 12) else "dmy"
    values: dict[str, int] = {}
    for key, group in zip(order, groups):
        if key == "n":
            values["m"] = _MONTHS[group.casefold()]
        else:
            values[key] = int(group)
    if values["y"] < 100:  # a two-digit year: the latest past or next year it can be
        values["y"] += 2000 if values["y"] <= datetime.now(UTC).year % 100 + 1 else 1900
    try:
        day = date(values["y"], values["m"], values["d"])
    except ValueError:
        return None
    return _plausible(datetime(day.year, day.month, day.day, tzinfo=UTC))


def url_date(url: str | None) -> datetime | None:
    """A date written into the URL path (``/2024/03/15/``, ``/2024-03-15-``, ``/20240315/``,
    or a last segment ``/15-03-2024``)."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if match:
        year, month, day_of_month = (g for g in match.groups() if g is not None)
    else:
        match = _URL_DAY_FIRST.search(url.split("?", 1)[0].split("#", 1)[0])
        if not match:
            return None
        day_of_month, month, year = match.groups()
    try:
        day = date(int(year), int(month), int(day_of_month))
    except ValueError:
        return None
    return _plausible(datetime(day.year, day.month, day.day, tzinfo=UTC))


__all__ = ["parse_date", "stated_date", "text_date", "to_utc", "url_date"]
