"""The analyst views (sql/views) and queries (sql/queries) over a small hand-built warehouse,
with every figure checked, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from migration_rows import insert_source_and_article
from sqlalchemy import text

from load.db import LATER_VIEWS, SQL_DIR, VIEWS, run_query, sql_text
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


def test_every_view_has_one_definition_rendered_for_both_dialects():
    assert sorted(p.name for p in (SQL_DIR / "views").iterdir()) == sorted(
        f"{v}.sql" for v in VIEWS + LATER_VIEWS
    )
    for name in VIEWS + LATER_VIEWS:
        sqlite, postgresql = (sql_text("views", name, d) for d in ("sqlite", "postgresql"))
        assert "{{" not in sqlite + postgresql
        template = (SQL_DIR / "views" / f"{name}.sql").read_text()
        assert (sqlite != postgresql) == ("{{" in template)
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


def _raw(engine, sql: str, **params) -> list[dict]:
    with engine.connect() as connection:
        return [dict(row) for row in connection.execute(text(sql), params).mappings()]


def test_lag_hours_are_exact(engine, session):
    """SQLite's julianday arithmetic gave 31.2500000037253 and 0.33333333581686 here."""
    session.add_all(
        [
            Source(id=1, name="A", domain="a.test"),
            Source(id=2, name="B", domain="b.test"),
            Source(id=3, name="C", domain="c.test"),
            Event(id=1, title="E"),
        ]
    )
    session.flush()
    times = {
        1: datetime(2026, 11, 19, 0, 0, tzinfo=UTC),
        2: datetime(2026, 11, 20, 7, 15, tzinfo=UTC),
        3: datetime(2026, 11, 19, 0, 20, tzinfo=UTC),
    }
    for article_id, published in times.items():
        session.add(
            Article(
                id=article_id,
                url=f"https://x.test/{article_id}",
                canonical_url=f"https://x.test/{article_id}",
                source_id=article_id,
                published_at=published,
                content_hash="0" * 64,
                first_seen_at=published,
            )
        )
        session.flush()
        session.add(EventArticle(event_id=1, article_id=article_id))
    session.commit()
    got = _raw(engine, "SELECT source_id, lag_hours FROM event_coverage")
    assert [(r["source_id"], r["lag_hours"]) for r in got] == [
        (1, 0.0),
        (3, 1200 / 3600),
        (2, 31.25),
    ]


def test_every_view_returns_its_rows_in_its_documented_order(warehouse):
    orders = {
        "unique_articles": ("article_id",),
        "event_timeline": ("day",),
        "source_daily": ("source_id", "day"),
        "event_coverage": ("event_id", "reporter_rank", "source_id"),
        "feed_health": ("feed_id",),
    }
    assert set(orders) == set(VIEWS)
    for view, keys in orders.items():
        got = [tuple(r[k] for k in keys) for r in rows(warehouse, f"SELECT * FROM {view}")]
        assert len(got) > 2 and got == sorted(got), view


@pytest.mark.parametrize(
    "since",
    [
        at(5, 0),
        "2024-03-05 00:00:00",
        "2024-03-05T00:00:00",
        "2024-03-05",
        "2024-03-05T02:00:00+02:00",
        "2024-03-05 00:00:00.000000",
    ],
)
def test_timestamp_parameters_mean_the_same_in_every_iso_spelling(warehouse, since):
    """On SQLite a 'T' spelling compared as text and silently dropped the whole day."""
    assert [
        r["event_id"] for r in run_query(warehouse, "biggest_events", since=since, max_rows=9)
    ] == [2]
    earlier = since.replace("05", "04", 1) if isinstance(since, str) else at(4, 0)
    assert [
        r["event_id"] for r in run_query(warehouse, "biggest_events", since=earlier, max_rows=9)
    ] == [1, 2]


def test_a_naive_datetime_parameter_is_refused(warehouse):
    from load.db import WarehouseError

    with pytest.raises(WarehouseError, match="naive datetime"):
        run_query(warehouse, "biggest_events", since=datetime(2024, 3, 5), max_rows=9)


def test_source_daily_counts_failed_requests_not_retries(warehouse, session):
    """Retries count once, and a request never sent (skipped by a deadline) not at all."""
    day = at(7, 0)
    attempts = [  # url, attempt, status, error
        ("https://valley.test/feed.json", 1, 503, None),
        ("https://valley.test/feed.json", 2, 503, None),
        ("https://valley.test/feed.json", 3, 503, None),  # one request failing after 2 retries
        ("https://valley.test/a", 1, None, "connection reset"),
        ("https://valley.test/a", 2, 200, None),  # failed once, then succeeded: no failure
        ("https://valley.test/b", 1, 404, None),  # one plain failure
        ("https://valley.test/c", 1, None, "skipped: run deadline passed"),  # never sent
    ]
    for offset, (url, attempt, status, error) in enumerate(attempts):
        session.add(
            FetchLog(
                run_id="r7",
                url=url,
                kind="feed" if "feed" in url else "page",
                status_code=status,
                error=error,
                attempt=attempt,
                fetched_at=day + timedelta(seconds=offset),
                domain="valley.test",
            )
        )
    session.commit()
    got = rows(
        warehouse,
        "SELECT fetch_failures, failed_attempts FROM source_daily "
        "WHERE source_id = 2 AND day = '2024-03-07'",
    )
    assert got == [{"fetch_failures": 2, "failed_attempts": 5}]


def test_quiet_feeds_go_by_publication_time_not_first_seen(warehouse, session):
    """A backlog loaded now of an outlet silent since March is quiet."""
    session.add(Source(id=4, name="Old Bugle", domain="bugle.test"))
    session.flush()
    session.add(
        Feed(
            id=5,
            url="https://bugle.test/rss",
            source_id=4,
            consecutive_failures=0,
            active=True,
            last_status=200,
        )
    )
    session.add(
        Article(
            id=9,
            url="https://bugle.test/9",
            canonical_url="https://bugle.test/9",
            source_id=4,
            published_at=at(2, 9),
            content_hash="9" * 64,
            first_seen_at=NOW,
        )
    )
    session.commit()
    got = normalized(run_query(warehouse, "quiet_feeds", quiet_since=at(6, 0)))
    assert [(r["feed_id"], r["last_published_at"], r["last_article_seen_at"]) for r in got] == [
        (5, stamp(at(2, 9)), stamp(NOW)),
        (2, stamp(at(5, 11)), stamp(at(5, 11, 30))),
    ]


def test_unique_articles_leave_the_text_out_and_a_join_brings_it(warehouse):
    columns = list(rows(warehouse, "SELECT * FROM unique_articles WHERE article_id = 1")[0])
    assert "text" not in columns and "word_count" in columns
    joined = rows(
        warehouse,
        "SELECT u.article_id, a.text FROM unique_articles AS u "
        "JOIN articles AS a ON a.id = u.article_id WHERE u.article_id = 1",
    )
    assert joined == [{"article_id": 1, "text": "..."}]


def test_feed_health_shows_back_off_until_the_next_fetch(warehouse, session):
    session.get(Feed, 2).next_fetch_at = NOW + timedelta(hours=2)
    session.get(Feed, 3).next_fetch_at = NOW + timedelta(hours=2)  # inactive: never fetched again
    session.commit()
    got = rows(warehouse, "SELECT feed_id, state, in_backoff, next_fetch_at FROM feed_health")
    assert [(r["feed_id"], r["state"], r["in_backoff"]) for r in got] == [
        (1, "ok", 0),  # next_fetch_at = NOW, already passed
        (2, "failing", 1),
        (3, "inactive", 0),
        (4, "never_fetched", 0),
    ]
    assert got[1]["next_fetch_at"] == stamp(NOW + timedelta(hours=2))


def test_migration_0004_replaces_the_views_and_keeps_every_row(warehouse_url, dump_tables):
    from load.db import current_revision, head_revision, make_engine, upgrade

    engine = make_engine(warehouse_url)
    try:
        upgrade(engine, "0003_run_lease")  # the revision 0004 follows
        with engine.begin() as connection:
            insert_source_and_article(connection)
            # the view as it was before 0004, dragging the text along
            connection.execute(text("DROP VIEW unique_articles"))
            connection.execute(
                text(
                    "CREATE VIEW unique_articles AS SELECT a.id AS article_id, a.text FROM articles AS a"
                )
            )
        before = dump_tables(engine)
        upgrade(engine, "0004_views")
        assert {k: v for k, v in dump_tables(engine).items() if k in before} == before
        got = _raw(engine, "SELECT * FROM unique_articles")
        assert [(r["article_id"], r["source_name"]) for r in got] == [(1, "A")]
        assert "text" not in got[0]
        upgrade(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_sql_macros_render_per_dialect_and_refuse_mistakes():
    from load.sqlgen import SQLTemplateError, render

    template = "SELECT {{ utc_day(COALESCE(a, 'x,)')) }}, {{hours_between(f(a, b), c)}} FROM t"
    assert render(template, "sqlite") == (
        "SELECT date(COALESCE(a, 'x,)')), "
        "(ROUND((julianday(f(a, b)) - julianday(c)) * 86400000.0) / 3600000.0) FROM t"
    )
    assert render("{{ days_ago(7) }}", "postgresql") == "(now() - INTERVAL '7 days')"
    for bad, message in [
        ("{{ nope(1) }}", "unknown SQL macro 'nope'"),
        ("{{ utc_day(a, b) }}", "given 2 argument"),
        ("{{ days_ago(x) }}", "integer literal"),
        ("{{ now( }}", "unclosed macro call"),
        ("{{ now() ", "not closed"),
    ]:
        with pytest.raises(SQLTemplateError, match=message):
            render(bad, "sqlite")
    with pytest.raises(SQLTemplateError, match="unknown SQL dialect"):
        render("SELECT 1", "mysql")
