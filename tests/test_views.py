"""The analyst views (sql/views) and queries (sql/queries) over a small hand-built warehouse,
with every figure checked, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from load.db import SQL_DIR, VIEWS, run_query
from load.models import Article, Event, EventArticle, Feed, FetchLog, Source

NOW = datetime.now(UTC).replace(microsecond=0)
RECENT = NOW - timedelta(days=1)
QUERIES = ("biggest_events", "first_reporters", "syndication_share", "quiet_feeds")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 3, day, hour, minute, tzinfo=UTC)


def norm(value):
    """One spelling per value on both engines (SQLite hands back text for dates and times)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (float, Decimal)):
        return round(float(value), 6)
    return value


def stamp(moment: datetime) -> str:
    return norm(moment)


def rows(engine, sql: str, **params) -> list[dict]:
    with engine.connect() as connection:
        result = connection.execute(text(sql), params)
        return [{k: norm(v) for k, v in row.items()} for row in result.mappings()]


def normalized(records: list[dict]) -> list[dict]:
    return [{k: norm(v) for k, v in record.items()} for record in records]


@pytest.fixture
def warehouse(engine, session):
    """Three outlets, two events, one syndicated copy, one self-duplicate, an undated article,
    a recent article, four feeds in four states and a handful of fetch-log rows."""
    session.add_all(
        [
            Source(id=1, name="Harbour Gazette", domain="harbour.test"),
            Source(id=2, name="Valley Post", domain="valley.test"),
            Source(id=3, name="Ridge Wire", domain="ridge.test"),
        ]
    )
    session.flush()
    session.add_all(
        [
            Feed(
                id=1,
                url="https://feeds.harbour.test/rss",
                source_id=1,
                title="Harbour",
                last_status=200,
                consecutive_failures=0,
                last_fetched_at=RECENT,
                last_success_at=RECENT,
                next_fetch_at=NOW,
                active=True,
            ),
            Feed(
                id=2,
                url="https://valley.test/feed.json",
                source_id=2,
                title="Valley",
                last_status=503,
                last_error="HTTP 503 upstream down",
                consecutive_failures=3,
                last_fetched_at=RECENT,
                last_success_at=at(5, 1),
                active=True,
            ),
            Feed(
                id=3,
                url="https://ridge.test/atom.xml",
                source_id=3,
                title="Ridge",
                last_status=410,
                consecutive_failures=1,
                last_fetched_at=at(6, 0),
                active=False,
            ),
            Feed(
                id=4,
                url="https://harbour.test/sport.xml",
                source_id=1,
                title="Harbour sport",
                consecutive_failures=0,
                active=True,
            ),
            Event(
                id=1,
                title="Harbour bridge closes",
                first_published_at=at(4, 6),
                last_published_at=at(4, 9),
                article_count=3,
                source_count=3,
            ),
            Event(
                id=2,
                title="Valley floods",
                first_published_at=at(5, 8),
                last_published_at=at(5, 11),
                article_count=3,
                source_count=2,
            ),
        ]
    )
    specs = [  # id, source, published, duplicate_of, event
        (1, 1, at(4, 6), None, 1),
        (2, 2, at(4, 9), None, 1),
        (3, 3, at(4, 7, 30), 1, 1),  # Ridge Wire runs Harbour Gazette's story
        (4, 2, at(5, 10), None, 2),
        (5, 3, at(5, 8), None, 2),
        (6, 1, None, None, None),  # undated: first seen 2024-03-05 12:00
        (7, 1, RECENT, None, None),
        (8, 2, at(5, 11), 4, 2),  # Valley Post republishes its own story
    ]
    for article_id, source_id, published, duplicate_of, _ in specs:
        seen = published + timedelta(minutes=30) if published else at(5, 12)
        session.add(
            Article(
                id=article_id,
                url=f"https://s{source_id}.test/{article_id}",
                canonical_url=f"https://s{source_id}.test/{article_id}",
                source_id=source_id,
                title=f"Article {article_id}",
                author="",
                published_at=published,
                text="...",
                word_count=1,
                content_hash=f"{article_id:064x}",
                first_seen_at=seen,
            )
        )
        session.flush()
        if duplicate_of:
            session.get(Article, article_id).duplicate_of_id = duplicate_of
    session.flush()
    session.add_all(
        EventArticle(event_id=event_id, article_id=article_id, similarity=0.5)
        for article_id, _, _, _, event_id in specs
        if event_id
    )
    session.add_all(
        [
            FetchLog(
                run_id="r",
                url="https://feeds.harbour.test/rss",
                kind="feed",
                status_code=None,
                error="connection reset",
                fetched_at=at(4, 2),
                domain="feeds.harbour.test",
            ),
            FetchLog(
                run_id="r",
                url="https://harbour.test/1",
                kind="page",
                status_code=200,
                fetched_at=at(4, 3),
                domain="harbour.test",
            ),
            FetchLog(
                run_id="r",
                url="https://valley.test/feed.json",
                kind="feed",
                status_code=503,
                fetched_at=at(5, 1),
                domain="valley.test",
            ),
            FetchLog(
                run_id="r",
                url="https://www.ridge.test/x",
                kind="page",
                status_code=404,
                fetched_at=at(5, 2),
                domain="ridge.test",
            ),
            FetchLog(
                run_id="r",
                url="https://cdn.unrelated.test/x",
                kind="page",
                error="timeout",
                fetched_at=at(5, 3),
                domain="unrelated.test",
            ),
        ]
    )
    session.commit()
    return engine


def test_every_view_and_query_has_sql_for_both_dialects():
    for name in VIEWS:
        assert (SQL_DIR / "views" / f"{name}.sql").is_file() or all(
            (SQL_DIR / "views" / f"{name}.{d}.sql").is_file() for d in ("sqlite", "postgresql")
        )
    for name in QUERIES:
        assert (SQL_DIR / "queries" / f"{name}.sql").is_file()
        assert (SQL_DIR / "queries" / f"{name}.sql").read_text().startswith("-- ")


def test_unique_articles(warehouse):
    got = rows(
        warehouse,
        "SELECT article_id, source_name, source_domain, event_id "
        "FROM unique_articles ORDER BY article_id",
    )
    assert [tuple(r.values()) for r in got] == [
        (1, "Harbour Gazette", "harbour.test", 1),
        (2, "Valley Post", "valley.test", 1),
        (4, "Valley Post", "valley.test", 2),
        (5, "Ridge Wire", "ridge.test", 2),
        (6, "Harbour Gazette", "harbour.test", None),
        (7, "Harbour Gazette", "harbour.test", None),
    ]


def test_event_timeline(warehouse):
    got = rows(warehouse, "SELECT * FROM event_timeline ORDER BY day")
    assert got == [
        {
            "day": "2024-03-04",
            "articles": 3,
            "unique_articles": 2,
            "duplicates": 1,
            "active_events": 1,
            "new_events": 1,
        },
        {
            "day": "2024-03-05",
            "articles": 4,
            "unique_articles": 3,
            "duplicates": 1,
            "active_events": 1,
            "new_events": 1,
        },
        {
            "day": RECENT.date().isoformat(),
            "articles": 1,
            "unique_articles": 1,
            "duplicates": 0,
            "active_events": 0,
            "new_events": 0,
        },
    ]


def test_source_daily(warehouse):
    got = rows(
        warehouse,
        "SELECT source_name, day, articles, duplicates, fetch_failures "
        "FROM source_daily ORDER BY source_id, day",
    )
    assert [tuple(r.values()) for r in got] == [
        ("Harbour Gazette", "2024-03-04", 1, 0, 1),  # the feed's reset, attributed via feeds
        ("Harbour Gazette", "2024-03-05", 1, 0, 0),  # the undated article, on its first-seen day
        ("Harbour Gazette", RECENT.date().isoformat(), 1, 0, 0),
        ("Valley Post", "2024-03-04", 1, 0, 0),
        ("Valley Post", "2024-03-05", 2, 1, 1),
        ("Ridge Wire", "2024-03-04", 1, 1, 0),
        ("Ridge Wire", "2024-03-05", 1, 0, 1),  # the 404, attributed by domain
    ]


def test_event_coverage(warehouse):
    got = rows(
        warehouse,
        "SELECT event_id, event_title, source_name, source_count, articles, "
        "original_articles, first_published_at, reporter_rank, lag_hours "
        "FROM event_coverage ORDER BY event_id, reporter_rank",
    )
    assert [tuple(r.values()) for r in got] == [
        (1, "Harbour bridge closes", "Harbour Gazette", 3, 1, 1, stamp(at(4, 6)), 1, 0.0),
        (1, "Harbour bridge closes", "Ridge Wire", 3, 1, 0, stamp(at(4, 7, 30)), 2, 1.5),
        (1, "Harbour bridge closes", "Valley Post", 3, 1, 1, stamp(at(4, 9)), 3, 3.0),
        (2, "Valley floods", "Ridge Wire", 2, 1, 1, stamp(at(5, 8)), 1, 0.0),
        (2, "Valley floods", "Valley Post", 2, 2, 1, stamp(at(5, 10)), 2, 2.0),
    ]


def test_feed_health(warehouse):
    got = rows(
        warehouse,
        "SELECT feed_id, state, active, last_status, last_error, "
        "consecutive_failures, last_success_at, articles_7d "
        "FROM feed_health ORDER BY feed_id",
    )
    assert [tuple(r.values()) for r in got] == [
        (1, "ok", 1, 200, None, 0, stamp(RECENT), 1),
        (2, "failing", 1, 503, "HTTP 503 upstream down", 3, stamp(at(5, 1)), 0),
        (3, "inactive", 0, 410, None, 1, None, 0),
        (4, "never_fetched", 1, None, None, 0, None, 1),
    ]


def test_biggest_events(warehouse):
    week = normalized(run_query(warehouse, "biggest_events", since=at(1, 0), max_rows=10))
    assert [(r["event_id"], r["sources"], r["articles"], r["original_articles"]) for r in week] == [
        (1, 3, 3, 2),
        (2, 2, 3, 2),
    ]
    assert (week[1]["first_published_at"], week[1]["last_published_at"]) == (
        stamp(at(5, 8)),
        stamp(at(5, 11)),
    )
    later = run_query(warehouse, "biggest_events", since=at(5, 0), max_rows=10)
    assert [r["event_id"] for r in later] == [2]
    assert [
        r["event_id"] for r in run_query(warehouse, "biggest_events", since=at(1, 0), max_rows=1)
    ] == [1]


def test_first_reporters(warehouse):
    got = normalized(run_query(warehouse, "first_reporters", min_sources=2))
    assert [
        (
            r["source_name"],
            r["events_covered"],
            r["times_first"],
            r["first_share"],
            r["mean_lag_hours_when_later"],
        )
        for r in got
    ] == [
        ("Harbour Gazette", 1, 1, 1.0, None),
        ("Ridge Wire", 2, 1, 0.5, 1.5),
        ("Valley Post", 2, 0, 0.0, 2.5),
    ]
    wide = run_query(warehouse, "first_reporters", min_sources=3)
    assert [(r["source_name"], r["times_first"]) for r in wide] == [
        ("Harbour Gazette", 1),
        ("Ridge Wire", 0),
        ("Valley Post", 0),
    ]


def test_syndication_share(warehouse):
    got = normalized(run_query(warehouse, "syndication_share", since=at(1, 0)))
    assert [
        (
            r["source_name"],
            r["articles"],
            r["originals"],
            r["syndicated"],
            r["self_duplicates"],
            r["syndication_share"],
            r["copied_by_others"],
        )
        for r in got
    ] == [
        ("Ridge Wire", 2, 1, 1, 0, 0.5, 0),
        ("Harbour Gazette", 3, 3, 0, 0, 0.0, 1),
        ("Valley Post", 3, 2, 0, 1, 0.0, 0),
    ]
    recent = run_query(warehouse, "syndication_share", since=NOW - timedelta(days=7))
    assert [(r["source_name"], r["articles"]) for r in recent] == [("Harbour Gazette", 1)]


def test_quiet_feeds(warehouse):
    got = normalized(run_query(warehouse, "quiet_feeds", quiet_since=at(6, 0)))
    assert [
        (
            r["feed_id"],
            r["articles_total"],
            r["last_article_seen_at"],
            r["last_status"],
            r["consecutive_failures"],
        )
        for r in got
    ] == [
        (2, 3, stamp(at(5, 11, 30)), 503, 3),  # Ridge Wire is quiet too, but its feed is inactive
    ]
    everyone = run_query(warehouse, "quiet_feeds", quiet_since=NOW)
    assert [r["feed_id"] for r in everyone] == [2, 1, 4]


def test_unknown_query_is_a_warehouse_error(engine):
    from load.db import WarehouseError

    with pytest.raises(WarehouseError, match="no SQL for queries/no_such_query"):
        run_query(engine, "no_such_query")
