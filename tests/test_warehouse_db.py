"""Engines, migrations and sessions (load/db.py)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import Connection, func, inspect, make_url, select, text

from load.db import (
    MIGRATIONS_DIR,
    VIEWS,
    WarehouseError,
    WarehouseUnavailable,
    check_connection,
    current_revision,
    downgrade,
    head_revision,
    make_engine,
    normalize_url,
    safe_url,
    schema_diff,
    session_scope,
    upgrade,
)
from load.models import Base, Source


def test_plain_postgresql_urls_use_psycopg3():
    assert normalize_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"


def test_other_backends_are_refused():
    with pytest.raises(WarehouseError, match="unsupported warehouse backend 'mysql'"):
        make_engine("mysql://u@h/db")
    with pytest.raises(WarehouseError, match="not a database URL"):
        make_engine("no url at all")


@pytest.mark.parametrize(
    "option", ["keepalives=1", "keepalives_idle=%2030%20", "keepalives_count=+3", "tcp_user_timeout=-1"]
)
def test_integer_connection_options_libpq_takes_are_taken(option: str) -> None:
    assert normalize_url(f"postgresql://u@h/db?{option}").query


@pytest.mark.parametrize(
    "option",
    [
        "keepalives=on",
        "keepalives_idle=30s",
        "keepalives_interval=1.5",
        "keepalives_count=2147483648",  # past a C int, as libpq's strtol reads it
        "tcp_user_timeout=10&tcp_user_timeout=x",
    ],
)
def test_integer_connection_options_libpq_refuses_are_refused_before_connecting(
    option: str,
) -> None:
    """libpq reads these only when it tries a server, and its refusal named the attempt, as if
    the server were unreachable."""
    with pytest.raises(WarehouseError, match="not a database URL: .* must be an integer, got"):
        normalize_url(f"postgresql://u@h/db?{option}")


@pytest.mark.skipif(sys.platform != "linux", reason="Linux's keepalive ranges")
@pytest.mark.parametrize(
    ("option", "problem"),
    [
        ("keepalives_idle=-1", "keepalives_idle must be 1-32767 on Linux, got -1"),
        ("keepalives_interval=0", "keepalives_interval must be 1-32767 on Linux, got 0"),
        ("keepalives_idle=32768", "keepalives_idle must be 1-32767 on Linux, got 32768"),
        ("keepalives=1&keepalives_count=128", "keepalives_count must be 1-127 on Linux, got 128"),
    ],
)
def test_keepalive_options_out_of_linux_range_are_refused_before_connecting(
    option: str, problem: str
) -> None:
    """libpq passes them to setsockopt only as it tries a server, and the kernel's refusal
    ("setsockopt(TCP_KEEPIDLE) failed: Invalid argument") named the attempt."""
    with pytest.raises(WarehouseError, match=f"not a database URL: .*: connection option {problem}"):
        normalize_url(f"postgresql://u@h/db?{option}")


@pytest.mark.parametrize(
    "option",
    ["keepalives_idle=32767&keepalives_count=127", "keepalives=0&keepalives_idle=-1"],
)
def test_keepalive_options_linux_takes_or_libpq_leaves_unset_are_taken(option: str) -> None:
    """keepalives=0 turns them off: libpq never sets the others."""
    assert normalize_url(f"postgresql://u@h/db?{option}").query


def test_safe_url_masks_the_password():
    shown = safe_url("postgresql://alice:s3cret@db.internal:5432/wh")
    assert "s3cret" not in shown
    assert "alice" in shown and "db.internal:5432/wh" in shown


def test_safe_url_shows_a_database_file_name_that_is_no_utf8():
    """A path from the environment keeps an undecodable byte as a surrogate (os.fsdecode), which
    SQLAlchemy's rendering refuses: `wirehouse db upgrade` migrated such a warehouse, then
    failed to name it."""
    database = os.fsdecode(b"/srv/d\xff/warehouse.db")
    assert safe_url(make_url(f"sqlite:///{database}")) == "sqlite:////srv/d%EF%BF%BD/warehouse.db"


def test_unreachable_postgresql_raises_a_one_line_error_without_password():
    engine = make_engine("postgresql://alice:s3cret@127.0.0.1:1/wh?connect_timeout=2")
    with pytest.raises(WarehouseUnavailable) as caught:
        check_connection(engine)
    message = str(caught.value)
    assert "\n" not in message
    assert "s3cret" not in message
    assert message.startswith(
        "warehouse unavailable at postgresql+psycopg://alice:***@127.0.0.1:1/wh"
    )


def test_upgrade_of_unreachable_warehouse_raises_unavailable():
    with pytest.raises(WarehouseUnavailable):
        upgrade("postgresql://alice:s3cret@127.0.0.1:1/wh?connect_timeout=2")


def test_upgrade_refuses_a_database_holding_tables_but_no_revision(warehouse_url):
    """Another application's database, or a warehouse that lost its alembic_version: the first
    migration failed on "table sources already exists" (or added the warehouse's tables beside
    another application's)."""
    engine = make_engine(warehouse_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE recipes (title TEXT)"))
    with pytest.raises(WarehouseError, match=r"holds 1 table \(recipes\) but no Wirehouse schema"):
        upgrade(warehouse_url)
    assert inspect(engine).get_table_names() == ["recipes"]  # nothing added
    engine.dispose()


def test_sqlite_file_whose_directory_cannot_exist(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(WarehouseUnavailable, match="cannot create its directory"):
        make_engine(f"sqlite:///{blocker / 'sub' / 'warehouse.db'}")


def test_sqlite_engine_settings(tmp_path):
    path = tmp_path / "nested" / "dir" / "warehouse.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert path.parent.is_dir()
    finally:
        engine.dispose()


def test_sqlite_transaction_of_many_pages_stays_in_memory_until_commit(tmp_path):
    """A transaction dirtying more pages than SQLite's default 2 MiB cache holds (the events
    stage's inserts into indexes that grow with the warehouse) writes nothing to the
    write-ahead log before its commit: a spill would be written, then read back, per article."""
    path = tmp_path / "w.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE t (x INTEGER PRIMARY KEY, body TEXT)")
        wal = tmp_path / "w.db-wal"
        before = wal.stat().st_size
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO t (body) SELECT printf('%.1000c', 'x') FROM "
                "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8000) "
                "SELECT i FROM n)"
            )  # about 8 MB of rows
            assert wal.stat().st_size == before
        assert wal.stat().st_size > before
    finally:
        engine.dispose()


def test_sqlite_transactions_are_real(tmp_path):
    """A rolled-back transaction leaves nothing behind, DDL included (SQLAlchemy emits BEGIN)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    try:
        with pytest.raises(RuntimeError), engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE t (x INTEGER)")
            raise RuntimeError("abort")
        assert "t" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_migrations_up_from_empty(warehouse_url):
    engine = make_engine(warehouse_url)
    try:
        assert current_revision(engine) is None
        upgrade(warehouse_url)
        assert current_revision(engine) == head_revision()
        inspector = inspect(engine)
        assert set(Base.metadata.tables) <= set(inspector.get_table_names())
        assert set(VIEWS) <= set(inspector.get_view_names())
        upgrade(engine)  # already at head: a no-op
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_head_revision_is_alembics(engine):
    """head_revision reads the migration files without Alembic: it names Alembic's head, and
    current_revision (read without Alembic too) what Alembic's context reads."""
    from alembic.config import Config
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        alembic_reads = MigrationContext.configure(connection).get_current_revision()
    assert current_revision(engine) == alembic_reads == head_revision()


def test_migrations_match_the_models(engine):
    assert schema_diff(engine) == []


def test_merge_history_is_looked_up_by_survivor_through_an_index(engine):
    # a merge re-points earlier merges by survivor_id; unindexed, every merge scans the history
    indexed = [ix["column_names"] for ix in inspect(engine).get_indexes("event_merges")]
    assert ["survivor_id"] in indexed


def test_downgrade_to_base_removes_everything(engine):
    downgrade(engine, "base")
    inspector = inspect(engine)
    assert inspector.get_view_names() == []
    assert set(inspector.get_table_names()) <= {"alembic_version"}
    assert current_revision(engine) is None
    upgrade(engine)
    assert schema_diff(engine) == []


def test_foreign_keys_are_enforced(engine):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            text("INSERT INTO article_urls (url, article_id) VALUES ('https://x.test/a', 999)")
        )


def test_session_scope_commits(engine):
    with session_scope(engine) as session:
        session.add(Source(name="Example", domain="example.test"))
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Source)) == 1


def test_session_scope_rolls_back_on_error(engine):
    with pytest.raises(ValueError), session_scope(engine) as session:
        session.add(Source(name="Example", domain="example.test"))
        session.flush()
        raise ValueError("boom")
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Source)) == 0


def test_utc_datetimes_round_trip(session):
    from load.models import Run

    started = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    session.add(Run(id="r1", started_at=started))
    session.commit()
    session.expire_all()
    stored = session.get(Run, "r1").started_at
    assert stored == started and stored.tzinfo is not None


def test_sqlite_writer_that_read_first_waits_instead_of_failing(tmp_path):
    """Two loaders on one SQLite file: the second queues behind the first (BEGIN IMMEDIATE)."""
    import threading
    import time

    from sqlalchemy.exc import OperationalError

    url = f"sqlite:///{tmp_path / 'w.db'}"
    upgrade(url)
    engine = make_engine(url)
    errors: list[OperationalError] = []

    def other_loader() -> None:
        try:
            with session_scope(engine) as session:
                session.add(Source(name="Other", domain="other.test"))
        except OperationalError as exc:  # "database is locked": reported by the assertion below
            errors.append(exc)

    try:
        with session_scope(engine) as session:
            session.scalar(select(func.count()).select_from(Source))  # read first
            thread = threading.Thread(target=other_loader)
            thread.start()
            time.sleep(0.3)  # the other loader tries to commit meanwhile
            session.add(Source(name="First", domain="first.test"))  # then write
        thread.join(timeout=30)
        assert errors == []
        with session_scope(engine) as session:
            names = set(session.scalars(select(Source.name)))
        assert names == {"First", "Other"}
    finally:
        engine.dispose()


def _rows(engine, tables: tuple[str, ...]) -> dict[str, list[dict]]:
    """Every row of ``tables``, as the database has them at its revision, in key order (the
    first column, then the second: an association table's two ids)."""
    with engine.connect() as connection:
        return {
            table: [
                dict(row._mapping)
                for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2"))
            ]
            for table in tables
        }


def _check_rows_kept_up_and_down(
    engine,
    before: str,
    revision: str,
    tables: tuple[str, ...],
    seed: Callable[[Connection], None],
    *,
    use_added: str,
    added_column: tuple[str, str] | None = None,
) -> None:
    """Rows ``seed`` writes at revision ``before`` are kept, all of ``tables``, through the
    upgrade to ``revision`` (where the ``added_column`` (table, column), if any, is empty in
    every row) and through the downgrade back, after ``use_added`` has written into what
    ``revision`` adds."""
    upgrade(engine, before)
    with engine.begin() as connection:
        seed(connection)
    kept = _rows(engine, tables)
    upgrade(engine, revision)
    after = _rows(engine, tables)
    if added_column:
        table, column = added_column
        assert [row.pop(column) for row in after[table]] == [None] * len(kept[table])
    assert after == kept
    with engine.begin() as connection:
        connection.execute(text(use_added))
    downgrade(engine, before)
    assert _rows(engine, tables) == kept


def _add_subscriptions_and_push(connection: Connection) -> None:
    """A verified and a denied WebSub subscription, and a push received for the first."""
    for n, state in ((1, "verified"), (2, "denied")):
        connection.execute(
            text(
                "INSERT INTO websub_subscriptions (id, topic_url, hub_url, callback_url, "
                "secret, state, lease_seconds, lease_expires_at, requested_at, pushes, "
                "last_error) VALUES (:id, :topic, 'https://hub.test/', :callback, :secret, "
                ":state, 600, '2026-12-03 10:00:00', '2026-12-03 09:50:00', 1, :error)"
            ),
            {
                "id": n,
                "topic": f"https://a.test/{n}.xml",
                "secret": "s" * 64,
                "callback": f"https://cb.test/websub/{n}",
                "state": state,
                "error": None if n == 1 else "denied by the hub: no",
            },
        )
    connection.execute(
        text(
            "INSERT INTO push_outbox (id, received_at, kind, subscription_id, topic_url, "
            "state, attempts, pages_fetched) VALUES (1, '2026-12-03 09:55:00', 'light', 1, "
            "'https://a.test/1.xml', 'received', 0, 0)"
        )
    )


@pytest.mark.parametrize(
    ("before", "revision", "column"),
    [
        ("0006_push", "0007_websub_feed", "feed_url"),
        ("0007_websub_feed", "0008_websub_alerted", "alerted_problem"),
    ],
)
def test_push_migrations_add_their_column_and_keep_every_row(
    warehouse_url, before, revision, column
):
    engine = make_engine(warehouse_url)
    try:
        _check_rows_kept_up_and_down(
            engine,
            before,
            revision,
            ("websub_subscriptions", "push_outbox"),
            _add_subscriptions_and_push,
            added_column=("websub_subscriptions", column),
            use_added=f"UPDATE websub_subscriptions SET {column} = 'x' WHERE id = 2",
        )
        upgrade(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def _add_pier_articles(connection: Connection, *, second_duplicates_first: bool) -> None:
    """A source and two articles of it about its pier (ids 1 and 2)."""
    connection.execute(
        text("INSERT INTO sources (id, name, domain) VALUES (1, 'Harbour', 'harbour.test')")
    )
    for n in (1, 2):
        connection.execute(
            text(
                "INSERT INTO articles (id, url, canonical_url, source_id, title, author, "
                "text, word_count, content_hash, duplicate_of_id, first_seen_at) VALUES "
                "(:id, :url, :url, 1, 'Pier', '', 'the pier reopens', 3, :hash, :dup, "
                "'2026-12-03 02:05:00')"
            ),
            {
                "id": n,
                "url": f"https://harbour.test/{n}",
                "hash": f"{n:064d}",
                "dup": 1 if second_duplicates_first and n == 2 else None,
            },
        )


def _add_duplicate_pier_articles(connection: Connection) -> None:
    """The pier articles, the second a duplicate of the first, and the first's URL."""
    _add_pier_articles(connection, second_duplicates_first=True)
    connection.execute(
        text("INSERT INTO article_urls (url, article_id) VALUES ('https://harbour.test/1', 1)")
    )


def test_the_first_run_migration_adds_its_column_and_keeps_every_article(warehouse_url):
    before = "0009_event_merges_survivor"
    engine = make_engine(warehouse_url)
    try:
        _check_rows_kept_up_and_down(
            engine,
            before,
            "0010_articles_first_run",
            ("articles",),
            _add_duplicate_pier_articles,
            added_column=("articles", "first_run_id"),
            use_added="UPDATE articles SET first_run_id = 'r1' WHERE id = 2",
        )
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT COUNT(*) FROM article_urls")) == 1
        upgrade(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def _add_pier_story(connection: Connection) -> None:
    """The pier articles, an event of each, and a merge of an event into the first."""
    _add_pier_articles(connection, second_duplicates_first=False)
    for n in (1, 2):
        connection.execute(
            text(
                "INSERT INTO events (id, title, summary, article_count, source_count, "
                "top_terms) VALUES (:id, 'Pier', '', 1, 1, 'pier')"
            ),
            {"id": n},
        )
        connection.execute(
            text(
                "INSERT INTO event_articles (event_id, article_id, similarity) VALUES "
                "(:id, :id, 1.0)"
            ),
            {"id": n},
        )
    connection.execute(
        text(
            "INSERT INTO event_merges (id, survivor_id, merged_id, merged_at) VALUES "
            "(1, 1, 7, '2026-12-03 02:06:00')"
        )
    )


def _add_cli_lease(connection: Connection) -> None:
    """A run lease as a command-line run held it before revision 0012 (no holder)."""
    connection.execute(
        text(
            "INSERT INTO run_lease (name, run_id, kind, host, pid, acquired_at, expires_at) "
            "VALUES ('ingest', 'cli-run', 'cli', 'box', 812, '2026-12-05 23:00:00', "
            "'2026-12-05 23:01:30')"
        )
    )


def test_the_run_lease_holder_migration_adds_its_column_and_keeps_the_lease(warehouse_url):
    engine = make_engine(warehouse_url)
    try:
        _check_rows_kept_up_and_down(
            engine,
            "0011_event_waits",
            "0012_run_lease_holder",
            ("run_lease",),
            _add_cli_lease,
            added_column=("run_lease", "holder"),
            use_added="UPDATE run_lease SET holder = 'wirehouse run'",
        )
        upgrade(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_the_event_waits_migration_adds_its_table_and_keeps_every_story(warehouse_url):
    engine = make_engine(warehouse_url)
    try:
        _check_rows_kept_up_and_down(
            engine,
            "0010_articles_first_run",
            "0011_event_waits",
            ("articles", "events", "event_articles", "event_merges"),
            _add_pier_story,
            use_added="INSERT INTO event_waits (article_id, event_id, best_link) "
            "VALUES (2, 1, 0.2)",
        )
        assert "event_waits" not in inspect(engine).get_table_names()
        upgrade(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_revision_constants_are_read_from_their_lines_or_the_whole_file(tmp_path):
    """head_revision parses only a migration's `revision = ...` lines; an assignment spread over
    lines (a merge's tuple) is read from the whole file, as Alembic reads it."""
    from load.schema_files import _module_constants

    one_line = tmp_path / "one.py"
    one_line.write_text(
        'import op\nrevision: str = "0011_x"\ndown_revision = "0010_y"\n\n'
        'def upgrade():\n    revision = "inner"\n'
    )
    spread = tmp_path / "spread.py"
    spread.write_text(
        'revision = "0012_merge"\ndown_revision = (\n    "0011_a",\n    "0011_b",\n)\n'
    )
    names = ("revision", "down_revision")
    assert _module_constants(one_line, names) == {"revision": "0011_x", "down_revision": "0010_y"}
    assert _module_constants(spread, names) == {
        "revision": "0012_merge",
        "down_revision": ("0011_a", "0011_b"),
    }
    # plain strings, None and comments are read from the line; anything else is parsed
    other_forms = tmp_path / "other_forms.py"
    other_forms.write_text(
        "revision = '0013_x'  # quoted once\ndown_revision: str | None = None\n"
        'branch_labels = "0013\\x5fy"\ndepends_on = "00" "13"\n'
    )
    assert _module_constants(other_forms, names) == {"revision": "0013_x", "down_revision": None}
    labels = ("branch_labels", "depends_on")
    assert _module_constants(other_forms, labels) == {
        "branch_labels": "0013_y",
        "depends_on": "0013",
    }


def test_open_warehouse_reads_a_sqlite_files_revision_once(tmp_path, monkeypatch):
    """sqlite3 reads it before the engine's first connection writes (WAL on a file that is no
    warehouse, see wirehouse.warehouse): the engine read it a second time, through SQLAlchemy's
    inspector."""
    from wirehouse.settings import load_settings
    from wirehouse.warehouse import open_warehouse

    path = tmp_path / "warehouse.db"
    upgrade(f"sqlite:///{path}")
    read_again: list[object] = []
    monkeypatch.setattr(
        "load.db.current_revision", lambda engine: read_again.append(engine) or head_revision()
    )
    engine = open_warehouse(load_settings({"WIREHOUSE_DB_URL": f"sqlite:///{path}"}))
    engine.dispose()
    assert read_again == []
