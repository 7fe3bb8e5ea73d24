"""Idempotent batched writes (load/upsert.py), on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError

import load.upsert as upsert_module
from extract.crawl import FetchLogEntry
from load.models import Article, ArticleUrl, Feed, FetchLog, Source
from load.upsert import (
    known_urls,
    record_fetch_log,
    upsert_articles,
    upsert_feeds,
    upsert_source,
)
from transform.records import ArticleRecord
from transform.urls import InvalidURLError

T0 = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)


def make_record(n: int, domain: str = "harbour-gazette.test", **changes) -> ArticleRecord:
    canonical = f"https://{domain}/news/story-{n}"
    record = ArticleRecord(
        url=f"https://www.{domain}/news/story-{n}?from=feed",
        canonical_url=canonical,
        domain=domain,
        title=f"Ferry timetable changes, part {n}",
        author="Ines Varga",
        published_at=T0 + timedelta(hours=n),
        language="en",
        text=f"The harbour authority published winter timetable number {n}.",
        word_count=8,
        content_hash=f"{n:064x}",
        fetched_at=T0 + timedelta(hours=n, minutes=30),
        aliases=(f"https://{domain}/amp/story-{n}",),
    )
    return replace(record, **changes)


@dataclass(frozen=True)
class Spec:
    url: str
    title: str = ""
    source_name: str = ""
    site_url: str = ""


def test_insert_creates_articles_sources_and_aliases(session):
    records = [make_record(1), make_record(2), make_record(3, domain="valley-post.test")]
    result = upsert_articles(session, records)
    session.commit()

    assert (result.inserted, result.updated, result.unchanged) == (3, 0, 0)
    rows = {a.canonical_url: a for a in session.scalars(select(Article))}
    assert result.article_ids == [rows[r.canonical_url].id for r in records]
    first = rows[records[0].canonical_url]
    assert first.url == records[0].url
    assert first.first_seen_at == records[0].fetched_at
    assert first.published_at == records[0].published_at
    assert first.clustered_at is None and first.duplicate_of_id is None

    sources = {s.domain: s for s in session.scalars(select(Source))}
    assert set(sources) == {"harbour-gazette.test", "valley-post.test"}
    assert sources["valley-post.test"].name == "valley-post.test"
    assert rows[records[2].canonical_url].source_id == sources["valley-post.test"].id

    aliases = {(u.url, u.article_id) for u in session.scalars(select(ArticleUrl))}
    expected = {
        (url, rows[r.canonical_url].id)
        for r in records
        for url in (r.url, r.canonical_url, *r.aliases)
    }
    assert aliases == expected


def test_reloading_the_same_records_changes_no_row(engine, session, dump_tables):
    records = [make_record(n) for n in range(1, 6)]
    first = upsert_articles(session, records)
    session.commit()
    before = dump_tables(engine)

    again = upsert_articles(session, records)
    session.commit()

    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 5)
    assert again.article_ids == first.article_ids
    assert dump_tables(engine) == before


def test_changed_title_updates_but_keeps_first_seen_url_and_clustering(session):
    original = make_record(1)
    (article_id,) = upsert_articles(session, [original]).article_ids
    clustered = T0 + timedelta(days=1)
    session.execute(update(Article).where(Article.id == article_id).values(clustered_at=clustered))
    session.commit()

    later = replace(
        original,
        title="Ferry timetable changes (corrected)",
        url="https://harbour-gazette.test/news/story-1?ref=home",
        fetched_at=T0 + timedelta(days=2),
    )
    result = upsert_articles(session, [later])
    session.commit()
    session.expire_all()

    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 0)
    row = session.get(Article, article_id)
    assert row.title == "Ferry timetable changes (corrected)"
    assert row.url == original.url
    assert row.first_seen_at == original.fetched_at
    assert row.clustered_at == clustered
    assert later.url in known_urls(session, [later.url])


def test_changed_content_hash_resets_clustering_but_not_duplicate_link(session):
    original_a, copy_b = make_record(1), make_record(2)
    id_a, id_b = upsert_articles(session, [original_a, copy_b]).article_ids
    session.execute(
        update(Article)
        .where(Article.id == id_b)
        .values(duplicate_of_id=id_a, clustered_at=T0 + timedelta(days=1))
    )
    session.commit()

    rewritten = replace(copy_b, text="An entirely new text.", content_hash="f" * 64, word_count=4)
    result = upsert_articles(session, [rewritten])
    session.commit()
    session.expire_all()

    assert result.updated == 1
    row = session.get(Article, id_b)
    assert row.text == "An entirely new text."
    assert row.clustered_at is None
    assert row.duplicate_of_id == id_a


def test_records_sharing_a_canonical_url_make_one_row(session):
    via_feed = make_record(1)
    via_amp = replace(
        make_record(1),
        url="https://harbour-gazette.test/amp/story-1",
        aliases=("https://m.harbour-gazette.test/news/story-1",),
        title="Ferry timetable changes, part 1 (AMP)",
    )
    result = upsert_articles(session, [via_feed, via_amp])
    session.commit()

    assert result.inserted == 1
    assert result.article_ids[0] == result.article_ids[1]
    (row,) = session.scalars(select(Article)).all()
    assert row.title == via_amp.title  # the last record wins
    urls = set(session.scalars(select(ArticleUrl.url).where(ArticleUrl.article_id == row.id)))
    assert urls == {
        via_feed.url,
        via_feed.canonical_url,
        *via_feed.aliases,
        via_amp.url,
        *via_amp.aliases,
    }


def test_a_recorded_url_keeps_its_first_article(session):
    first = make_record(1)
    shared_alias = first.aliases[0]
    other = make_record(2, aliases=(shared_alias,))
    id_first, id_other = upsert_articles(session, [first, other]).article_ids
    session.commit()
    owner = session.scalar(select(ArticleUrl.article_id).where(ArticleUrl.url == shared_alias))
    assert owner == id_first != id_other


def test_chunk_boundaries_keep_ids_in_input_order(session, monkeypatch):
    monkeypatch.setattr(upsert_module, "CHUNK_ROWS", 3)
    records = [make_record(n) for n in range(10)]
    first = upsert_articles(session, records[:4])
    result = upsert_articles(session, list(reversed(records)))
    session.commit()

    assert (result.inserted, result.unchanged) == (6, 4)
    by_url = dict(session.execute(select(Article.canonical_url, Article.id)).all())
    assert result.article_ids == [by_url[r.canonical_url] for r in reversed(records)]
    assert first.article_ids == [by_url[r.canonical_url] for r in records[:4]]
    urls = [r.url for r in records] + ["https://elsewhere.test/x"]
    assert known_urls(session, urls) == {r.url for r in records}


def test_known_urls_of_nothing_is_empty(session):
    assert known_urls(session, []) == set()
    assert known_urls(session, ["https://harbour-gazette.test/never"]) == set()


def test_upsert_source_creates_then_renames(engine, session, dump_tables):
    source_id = upsert_source(session, "harbour-gazette.test", "harbour-gazette.test")
    session.commit()
    assert upsert_source(session, "The Harbour Gazette", "harbour-gazette.test") == source_id
    session.commit()
    before = dump_tables(engine)
    assert upsert_source(session, "The Harbour Gazette", "harbour-gazette.test") == source_id
    session.commit()
    assert dump_tables(engine) == before
    assert session.get(Source, source_id).name == "The Harbour Gazette"


def test_articles_do_not_rename_a_named_source(session):
    source_id = upsert_source(session, "The Harbour Gazette", "harbour-gazette.test")
    upsert_articles(session, [make_record(1)])
    session.commit()
    session.expire_all()
    assert session.get(Source, source_id).name == "The Harbour Gazette"
    assert session.scalar(select(Article.source_id)) == source_id


SPECS = [
    Spec(
        "https://feeds.harbour-gazette.test/rss.xml",
        title="Harbour Gazette: all news",
        source_name="The Harbour Gazette",
        site_url="https://www.harbour-gazette.test/",
    ),
    Spec("https://valley-post.test/feed.json", title="Valley Post"),
    Spec("https://www.harbour-gazette.test/sport/atom.xml", title="Harbour Gazette: sport"),
]


def test_upsert_feeds_keys_sources_by_site_domain(session):
    ids = upsert_feeds(session, SPECS)
    session.commit()

    feeds = {f.id: f for f in session.scalars(select(Feed))}
    assert [feeds[i].url for i in ids] == [s.url for s in SPECS]
    sources = {s.id: s for s in session.scalars(select(Source))}
    named = {
        feeds[i].url: (sources[feeds[i].source_id].domain, sources[feeds[i].source_id].name)
        for i in ids
    }
    assert named == {
        SPECS[0].url: ("harbour-gazette.test", "The Harbour Gazette"),
        SPECS[1].url: ("valley-post.test", "Valley Post"),
        SPECS[2].url: ("harbour-gazette.test", "The Harbour Gazette"),
    }
    assert all(f.active and f.consecutive_failures == 0 for f in feeds.values())


def test_reimporting_feeds_changes_no_row_and_keeps_fetch_state(engine, session, dump_tables):
    ids = upsert_feeds(session, SPECS)
    session.execute(
        update(Feed).where(Feed.id == ids[1]).values(etag='"v7"', consecutive_failures=2)
    )
    session.commit()
    before = dump_tables(engine)

    assert upsert_feeds(session, SPECS) == ids
    session.commit()
    assert dump_tables(engine) == before

    retitled = [replace(SPECS[1], title="Valley Post: front page")]
    assert upsert_feeds(session, retitled) == [ids[1]]
    session.commit()
    session.expire_all()
    feed = session.get(Feed, ids[1])
    assert feed.title == "Valley Post: front page"
    assert (feed.etag, feed.consecutive_failures) == ('"v7"', 2)


def test_unnamed_untitled_feeds_keep_names_and_titles(session):
    ids = upsert_feeds(session, SPECS)
    session.commit()
    bare = [Spec(SPECS[0].url, site_url=SPECS[0].site_url), Spec("https://valley.test/extra.xml")]
    new_ids = upsert_feeds(session, bare)
    session.commit()
    session.expire_all()

    assert new_ids[0] == ids[0]
    assert session.get(Feed, ids[0]).title == SPECS[0].title
    names = dict(session.execute(select(Source.domain, Source.name)).all())
    assert names == {
        "harbour-gazette.test": "The Harbour Gazette",
        "valley-post.test": "Valley Post",
        "valley.test": "valley.test",
    }


def test_upsert_feeds_refuses_non_http_urls(session):
    with pytest.raises(InvalidURLError):
        upsert_feeds(session, [Spec("ftp://harbour-gazette.test/rss.xml")])


def test_record_fetch_log_appends_rows_with_domains(session):
    entries = [
        FetchLogEntry(
            "run-1", "https://www.harbour-gazette.test/rss.xml", "feed", 200, None, 5120, 140, 1, T0
        ),
        FetchLogEntry(
            "run-1",
            "https://valley-post.test/a",
            "page",
            None,
            "connection reset",
            0,
            3000,
            2,
            T0 + timedelta(seconds=5),
        ),
        FetchLogEntry("run-1", "not a url", "page", None, "invalid URL", 0, 0, 1, T0),
    ]
    assert record_fetch_log(session, entries) == 3
    assert record_fetch_log(session, []) == 0
    session.commit()
    rows = session.scalars(select(FetchLog).order_by(FetchLog.id)).all()
    assert [(r.url, r.domain, r.status_code, r.error, r.attempt) for r in rows] == [
        (entries[0].url, "harbour-gazette.test", 200, None, 1),
        (entries[1].url, "valley-post.test", None, "connection reset", 2),
        ("not a url", None, None, "invalid URL", 1),
    ]
    assert rows[1].fetched_at == T0 + timedelta(seconds=5)


def test_a_driver_error_inside_copy_is_raised_as_a_database_error(session):
    """PostgreSQL loads through COPY on the raw driver cursor; what goes wrong there (here a
    NUL character, which PostgreSQL text cannot hold; in production a dropped connection)
    must surface as SQLAlchemy's DBAPIError, which the command reports in one line."""
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("SQLite loads with executemany, through SQLAlchemy")
    poisoned = make_record(1)
    # the record type strips NUL characters; forced back in here to reach the driver
    object.__setattr__(poisoned, "text", "a NUL \x00 in the text " * 5)
    with pytest.raises(DBAPIError) as raised:
        upsert_articles(session, [poisoned])
    assert isinstance(raised.value.orig, psycopg.Error)
