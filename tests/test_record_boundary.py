"""The records' sanitizing boundary (transform/records.py), property-based: arbitrary Unicode
(lone surrogates, NUL and every other control included) and arbitrary dates (year 1 to 9999, any
offset) thrown at the record constructors always give records that load, unchanged, on SQLite
and PostgreSQL; or, for a required field that cannot be stored, a RecordError.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from extract.crawl import FetchLogEntry
from extract.feeds import parse_feed, replace_bad_char_refs
from load.models import Article, Feed, FetchLog, Source
from load.upsert import record_fetch_log, upsert_articles, upsert_feeds
from transform.articles import EmptyArticleError, build_article_record
from transform.records import (
    ExtractedPage,
    FeedEntry,
    ParsedFeed,
    RecordError,
    RecordLimits,
    clean_date,
    clean_text,
    set_record_limits,
)
from wirehouse.settings import ConfigError, load_settings

LIMITS = RecordLimits(max_text_chars=300, max_field_chars=40)
# every code point, with lone surrogates and C0 controls drawn often (neither is by default)
any_char = (st.characters(exclude_categories=()) | st.characters(categories=["Cs"])
            | st.characters(max_codepoint=0x1F))
any_text = st.text(any_char, max_size=120)
offsets = st.timedeltas(min_value=-timedelta(hours=23, minutes=59),
                        max_value=timedelta(hours=23, minutes=59))
any_date = st.datetimes(
    min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59),
    timezones=st.none() | st.just(UTC) | st.builds(timezone, offsets),
)


@dataclass(frozen=True)
class Spec:
    url: str
    title: str
    source_name: str
    site_url: str = ""


@pytest.fixture
def small_limits() -> Iterator[RecordLimits]:
    previous = set_record_limits(LIMITS)
    try:
        yield LIMITS
    finally:
        set_record_limits(previous)


def storable(value: str | None) -> bool:
    return value is None or not any(
        "\ud800" <= c <= "\udfff" or (c < " " and c not in "\t\n") for c in value
    )


def in_range(moment: datetime | None, now: datetime) -> bool:
    latest = now + timedelta(days=LIMITS.max_future_days)
    return moment is None or (moment.tzinfo is not None and moment.year >= LIMITS.earliest_year
                              and moment <= latest)


@hypothesis_settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=any_text, author=any_text, body=any_text, summary=any_text, language=any_text,
       page_date=any_date, entry_date=any_date, fetched=any_date, path=any_text)
def test_records_from_arbitrary_text_and_dates_load_unchanged_on_both_engines(
    engine, small_limits, title, author, body, summary, language, page_date, entry_date,
    fetched, path,
) -> None:
    now = datetime.now(UTC)
    entry = FeedEntry(link="https://harbour-gazette.test/news/a", title=title, summary=summary,
                      published_at=entry_date, authors=(author, title))
    page = ExtractedPage(title=title, authors=(author,), published_at=page_date,
                         modified_at=entry_date, language=language, text=body + " harbour",
                         site_name=title, section=summary, keywords=(title, author))
    for record in (entry, page):
        texts = [v for v in vars(record).values() if isinstance(v, str)]
        texts += [n for v in vars(record).values() if isinstance(v, tuple) for n in v]
        assert all(storable(t) for t in texts)
    assert all(len(t) <= LIMITS.max_field_chars for t in (entry.title, page.title, *page.authors))
    assert len(page.text) <= LIMITS.max_text_chars and len(entry.summary) <= LIMITS.max_text_chars
    assert in_range(entry.published_at, now) and in_range(page.published_at, now)
    assert page.language is None or len(page.language) <= 16
    try:
        record = build_article_record(
            fetched_url="https://harbour-gazette.test/news/a?utm_source=x",
            final_url="https://harbour-gazette.test/news/a", page=page, entry=entry,
            fetched_at=fetched, tracking_params=("utm_*",))
    except RecordError as exc:  # only a moment that cannot be put in UTC at all
        assert "fetched_at" in str(exc)
        return
    except EmptyArticleError:
        return
    with Session(engine) as session:
        try:
            upsert_articles(session, [record])
            upsert_feeds(session, [Spec(url=f"https://harbour-gazette.test/feed{len(path)}",
                                        title=title + summary, source_name=author * 20)])
            record_fetch_log(session, [FetchLogEntry("run", "https://harbour-gazette.test/" + path,
                                                "page", None, body, 0, 0, 1, record.fetched_at)])
            session.flush()
            stored = session.execute(select(Article.__table__)).one()
            feed = session.execute(select(Feed.__table__)).one()
            source_names = session.scalars(select(Source.name)).all()
            log = session.execute(select(FetchLog.__table__)).one()
        finally:
            session.rollback()
    assert (stored.title, stored.author, stored.text, stored.language) == (
        record.title, record.author, record.text, record.language)
    assert stored.published_at == record.published_at and stored.first_seen_at == record.fetched_at
    assert storable(feed.title) and all(storable(n) and len(n) <= 300 for n in source_names)
    assert storable(log.url) and storable(log.error) and len(log.url) <= 2048


@given(title=any_text, site=any_text, error=any_text)
def test_a_parsed_feed_is_storable_whatever_its_title_and_error(title, site, error) -> None:
    parsed = ParsedFeed(title=title, site_url=site, error=error)
    assert storable(parsed.title) and storable(parsed.site_url) and storable(parsed.error)


@given(value=any_date)
def test_clean_date_keeps_only_moments_in_range(value) -> None:
    now = datetime(2026, 12, 2, tzinfo=UTC)
    cleaned = clean_date(value, now=now)
    assert in_range(cleaned, now)
    if cleaned is not None:
        assert cleaned.tzinfo is UTC and cleaned == (
            value.replace(tzinfo=UTC) if value.tzinfo is None else value)


@pytest.mark.parametrize(("raw", "expected"), [
    ("a\x00b", "ab"), ("x \ud800 y", "x \ufffd y"), ("tab\tnew\nline", "tab\tnew\nline"),
    ("cr\r\nlf\rx", "cr\nlf\nx"), ("bell\x07esc\x1b", "bellesc"), ("é" * 600, "é" * 500),
])
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_a_required_url_too_long_for_its_column_is_a_record_error() -> None:
    with pytest.raises(RecordError, match="link"):
        FeedEntry(link="https://harbour-gazette.test/" + "a" * 3000, title="t")
    assert ExtractedPage(canonical_url="https://x.test/\x00").canonical_url is None


@pytest.mark.parametrize("ref", [b"&#xD800;", b"&#x110000;", b"&#99999999999;", b"&#0;",
                                 b"&#x1F;", b"&#" + b"9" * 5000 + b";"])
def test_a_bad_character_reference_does_not_lose_the_feed(ref: bytes) -> None:
    body = (b"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>T " + ref
            + b"</title><item><title>a " + ref + b" b</title><link>http://x.test/1</link></item>"
            b"<item><title>ok</title><link>http://x.test/2</link></item></channel></rss>")
    parsed = parse_feed(body, "http://x.test/feed")
    assert [e.link for e in parsed.entries] == ["http://x.test/1", "http://x.test/2"]
    assert parsed.entries[0].title == "a \ufffd b" and parsed.error is None


def test_good_character_references_are_left_alone() -> None:
    body = b"<title>caf&#233; &#x1F600; &#9; &amp;#0;</title>"
    assert replace_bad_char_refs(body) == body


def test_the_record_limits_are_settings() -> None:
    defaults = load_settings(env={})
    assert (defaults.max_text_chars, defaults.max_field_chars, defaults.earliest_published_year,
            defaults.max_future_days) == (RecordLimits().max_text_chars,
                                          RecordLimits().max_field_chars,
                                          RecordLimits().earliest_year,
                                          RecordLimits().max_future_days)
    assert load_settings(env={"WIREHOUSE_MAX_FIELD_CHARS": "80"}).max_field_chars == 80
    for name, value in (("MAX_FIELD_CHARS", "0"), ("EARLIEST_PUBLISHED_YEAR", "0"),
                        ("MAX_FUTURE_DAYS", "-1")):
        with pytest.raises(ConfigError, match=name):
            load_settings(env={f"WIREHOUSE_{name}": value})
