"""SQLite's insert of many rows (load.story_state.insert_rows): the rows stored as the
ordinary ``execute(insert(table), rows)`` stores them, bind processors (dates) included."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, event, insert
from sqlalchemy.engine import Engine

from load.models import ArticleBand, ArticleTerm, Base, TermStat
from load.story_state import insert_rows

WHEN = datetime(2026, 12, 6, 17, 5, 21, 123456, tzinfo=UTC)


def _engine() -> Engine:
    """An in-memory warehouse without foreign keys enforced (rows without their articles)."""
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    return engine


def _stored(engine: Engine, table: str) -> list[tuple]:
    with engine.connect() as connection:
        return list(connection.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1, 2"))


@pytest.mark.parametrize(
    ("table", "rows"),
    [
        (
            ArticleTerm.__table__,
            [
                {"article_id": 1, "term": "flood", "weight": 1.25, "published_at": WHEN},
                {
                    "article_id": 1,
                    "term": "p:ana lopez",
                    "weight": 0.5,
                    "published_at": WHEN.replace(microsecond=0),
                },
                {"article_id": 2, "term": "g:es:place:x", "weight": 3.0, "published_at": WHEN},
            ],
        ),
        (
            ArticleBand.__table__,
            [
                {"band": 0, "bucket": -(2**63), "article_id": 1},
                {"band": 1, "bucket": 7, "article_id": 1},
            ],
        ),
        (TermStat.__table__, [{"term": "flood", "document_count": 3}]),
    ],
)
def test_rows_stored_as_the_ordinary_insert_stores_them(table, rows) -> None:
    fast, plain = _engine(), _engine()
    sent: list[tuple] = []  # per cursor call: its SQL, whether compiled, whether executemany

    @event.listens_for(fast, "before_cursor_execute")
    def _sent(conn, cursor, sql, parameters, context, many) -> None:
        sent.append((sql.split(" (")[0], context.compiled is not None, many))

    with fast.begin() as connection:
        insert_rows(connection, table, rows)
    with plain.begin() as connection:
        connection.execute(insert(table), rows)
    assert _stored(fast, table.name) == _stored(plain, table.name)
    # one executemany for all the rows, of SQL text: no statement's parameters built per row
    assert [s for s in sent if s[0].startswith("INSERT")] == [
        (f"INSERT INTO {table.name}", False, len(rows) > 1)
    ]


def test_a_column_left_to_its_default_gets_it() -> None:
    engine = _engine()
    with engine.begin() as connection:
        insert_rows(connection, TermStat.__table__, [{"term": "flood"}, {"term": "river"}])
    assert _stored(engine, "term_stats") == [("flood", 0), ("river", 0)]


def test_no_rows_insert_nothing() -> None:
    engine = _engine()
    with engine.begin() as connection:
        insert_rows(connection, ArticleTerm.__table__, [])
    assert _stored(engine, "article_terms") == []
