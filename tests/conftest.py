"""Shared fixtures: a migrated warehouse on SQLite and on PostgreSQL for every DB test.

PostgreSQL comes from WIREHOUSE_TEST_PG_URL (default: local trust auth, database wirehouse_test,
created when missing). Each test gets its own schema there (selected through the connection's
search_path and dropped afterwards), so tests are isolated without re-creating databases. When
PostgreSQL is unreachable those tests are skipped, unless WIREHOUSE_REQUIRE_PG=1 (as in CI).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine, inspect, make_url, select
from sqlalchemy.orm import Session

from load.db import make_engine, normalize_url, safe_url, upgrade
from load.models import Base
from load.pg_admin import ensure_database, libpq_params
from wirehouse.settings import Settings, load_settings

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/wirehouse_test"


@pytest.fixture(scope="session")
def _postgres_base_url():
    """The reachable test database's URL, or a skip (a failure under WIREHOUSE_REQUIRE_PG=1)."""
    url = normalize_url(os.environ.get("WIREHOUSE_TEST_PG_URL") or DEFAULT_PG_URL)
    try:
        ensure_database(url)
    except psycopg.OperationalError as exc:
        reason = f"PostgreSQL unreachable at {safe_url(url)}: {str(exc).strip().splitlines()[0]}"
        if os.environ.get("WIREHOUSE_REQUIRE_PG") == "1":
            pytest.fail(reason + " (WIREHOUSE_REQUIRE_PG=1)")
        pytest.skip(reason)
    return url


@pytest.fixture
def _postgres_schema_url(_postgres_base_url) -> Iterator[str]:
    """A URL whose connections use a fresh, private schema; the schema is dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    params = libpq_params(_postgres_base_url)
    with psycopg.connect(**params, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    url = _postgres_base_url.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(**params, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture(params=["sqlite", "postgresql"])
def warehouse_url(request, tmp_path: Path) -> str:
    """An empty warehouse URL: a SQLite file under tmp_path, or a private PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'warehouse.db'}"
    return request.getfixturevalue("_postgres_schema_url")


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite warehouse migrated once per session; each test's ``engine`` starts from a copy
    (a file copy instead of running every migration again)."""
    path = tmp_path_factory.mktemp("migrated") / "warehouse.db"
    eng = make_engine(f"sqlite:///{path}")
    upgrade(eng)
    eng.dispose()  # closes the last connection: SQLite folds its WAL back into the file
    return path


@pytest.fixture
def engine(warehouse_url: str, request: pytest.FixtureRequest) -> Iterator[Engine]:
    """An engine on a warehouse migrated to the newest revision."""
    target = make_url(warehouse_url)
    if target.get_backend_name() == "sqlite" and not Path(target.database).exists():
        shutil.copyfile(request.getfixturevalue("_migrated_sqlite"), target.database)
        eng = make_engine(warehouse_url)
    else:
        eng = make_engine(warehouse_url)
        upgrade(eng)
    try:
        yield eng
    finally:
        eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the migrated warehouse; whatever was not committed is rolled back."""
    with Session(engine, expire_on_commit=False) as sess:
        yield sess
        sess.rollback()


@pytest.fixture
def settings(tmp_path: Path, warehouse_url: str) -> Settings:
    return load_settings(env={}, data_dir=tmp_path, db_url=warehouse_url, allow_private_hosts=True)


@pytest.fixture
def dump_tables() -> Callable[[Engine], dict[str, list[tuple]]]:
    """A function returning the rows of every table the warehouse has, in primary-key order:
    compare two dumps to check that an operation changed no row."""

    def dump(eng: Engine) -> dict[str, list[tuple]]:
        present = set(inspect(eng).get_table_names())  # a warehouse at an older revision
        with eng.connect() as connection:
            return {
                table.name: [
                    tuple(row)
                    for row in connection.execute(
                        select(table).order_by(*table.primary_key.columns)
                    )
                ]
                for table in Base.metadata.sorted_tables
                if table.name in present
            }

    return dump
