"""Shared fixtures: a migrated warehouse on SQLite and on PostgreSQL for every DB test.

PostgreSQL comes from WIREHOUSE_TEST_PG_URL (default: local trust auth, database wirehouse_test,
created when missing). Each test gets its own schema there (selected through the connection's
search_path and dropped afterwards), so tests are isolated without re-creating databases. When
PostgreSQL is unreachable those tests are skipped, unless WIREHOUSE_REQUIRE_PG=1 (as in CI).

Under pytest-xdist (``make test`` runs ``-n 6 --dist loadfile``) each worker works in a database of its own,
``<database>_<worker>`` (e.g. ``wirehouse_test_gw0``) on the same server, made at the worker's
start and dropped at its end: run locks are PostgreSQL advisory locks, which are per database,
so two workers' runs in one database would lock each other out.
"""

from __future__ import annotations

import dataclasses
import multiprocessing.context
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from xml.sax.saxutils import quoteattr

import psycopg
import pytest
from faultserver import FaultServer
from psycopg.conninfo import make_conninfo
from sqlalchemy import (
    URL,
    Column,
    Engine,
    Inspector,
    Table,
    create_engine,
    inspect,
    make_url,
    select,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from load.db import make_engine, normalize_url, safe_url, upgrade
from load.models import Base
from load.pg_admin import (
    create_database,
    drop_database,
    ensure_database,
    libpq_params,
    private_schema,
    schema_url,
)
from wirehouse.demo.server import DemoSites
from wirehouse.settings import Settings, load_settings

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/wirehouse_test"

# pytest keeps the test modules it rewrote for its assertion messages (tests/__pycache__/
# *-pytest-*.pyc) only where bytecode may be written. Under PYTHONDONTWRITEBYTECODE=1 every
# pytest process, each xdist worker, rewrote every test module again at collection: about 3 s
# of CPU each, half the cost of collecting the suite. Everything else the tests import is
# compiled already (`make install`, `make test`), so little else is written.
sys.dont_write_bytecode = False


# Modules whose tests are the longest (mostly waiting on subprocesses: Airflow, `wirehouse run`
# killed and rerun, a browser), longest first as measured on an idle 2-core machine: under xdist
# they are handed out first, so they overlap with each other and with the many short tests
# instead of running alone at the end. Modules with Airflow-marked tests count as long even
# when not listed (after the listed ones). Only the order depends on this list, never what runs.
LONG_MODULES = (
    # `make airflow` (standalone): the demo ingest and events run, the page in Chromium, a
    # Redis-watched push run through the triggerer
    "test_make_airflow.py",
    "test_celery.py",  # five Airflow processes on the CeleryExecutor, an ingest and events run
    # the same cluster, its worker killed mid-fetch of an ingest run and another started
    "test_celery_worker_loss.py",
    # the dag.test() runs, one work unit on one worker (see DAG_RUNNER_MODULES): ten DAG runs,
    # the demo ingest and events among them, and flask-websub's hub
    "test_push_dags.py",
    "test_dags_demo_run.py",
    "test_dags_no_feed_due.py",
    "test_dags_failures.py",
    "test_crash_safety.py",  # dozens of `wirehouse run`s killed and rerun (SQLite)
    "test_crash_safety_pg.py",  # the same on PostgreSQL, and its connections cut
    "test_dags.py",  # DagBag and `airflow dags list` subprocesses
    "test_plugin.py",
    "test_hostile_input.py",
    "test_run_deadlines.py",
    "test_pipeline_e2e.py",
    "test_cli_errors.py",
    "test_cli.py",
)

# Modules whose tests run DAGs through tests/dagrun.py's runner. A runner process costs about
# 10 s of CPU before its first DAG run ends (Airflow imported, its in-process execution API
# built) and a few tenths of a second for each run after that, and there is one per pytest
# process: under xdist these modules are one work unit, run one after the other by one worker
# and its one runner, instead of a runner on each worker they would land on.
DAG_RUNNER_MODULES = (
    "test_push_dags.py",
    "test_dags_demo_run.py",
    "test_dags_no_feed_due.py",
    "test_dags_failures.py",
)
DAG_RUNNER_UNIT = "dag.test() runs (tests/dagrun.py)"


def _module_rank(item: pytest.Item) -> int:
    if item.path.name in LONG_MODULES:
        return LONG_MODULES.index(item.path.name)
    if item.get_closest_marker("airflow") is not None:
        return len(LONG_MODULES)
    return len(LONG_MODULES) + 1


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Order the modules for pytest-xdist: ``make test`` runs ``--dist loadfile
    --no-loadscope-reorder``, which hands whole modules (so a module-scoped fixture, a demo run
    or an API server, is built once) to the workers in this order. Whole modules move, their own
    order kept, long ones first."""
    last = len(LONG_MODULES) + 1
    rank: dict[Path, int] = {}
    for item in items:
        rank[item.path] = min(rank.get(item.path, last), _module_rank(item))
    first_seen = {path: n for n, path in enumerate(dict.fromkeys(item.path for item in items))}
    items.sort(key=lambda item: (rank[item.path], first_seen[item.path]))


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist, absent under -p no:xdist
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """``--dist loadfile`` with one change, see ``_LongModulesApart``; other modes as xdist has
    them (None: xdist's own choice)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class _LongModulesApart(LoadFileScheduling):
        """xdist hands a worker its next module while the last two tests of its current one
        still run (a worker runs a test only once it knows the next), and a worker whose first
        module has at most two tests gets a second one at once. Taken from the head of the
        queue, that next module is another long one whenever the current one ends in a long
        test (the Airflow modules are one or a few long tests): two long modules in a row on
        one worker, while the other workers run out of work. So a worker still busy with a long
        module is topped up from the tail of the queue (the short modules), and only a worker
        whose long work is done takes the next long module. The DAG_RUNNER_MODULES are one
        work unit (a long one)."""

        def _split_scope(self, nodeid: str) -> str:
            module = super()._split_scope(nodeid)
            return DAG_RUNNER_UNIT if Path(module).name in DAG_RUNNER_MODULES else module

        def _assign_work_unit(self, node) -> None:
            busy_with_long = any(
                (scope == DAG_RUNNER_UNIT or Path(scope).name in LONG_MODULES)
                and not all(done.values())
                for scope, done in self.assigned_work.get(node, {}).items()
            )
            if busy_with_long:
                self.workqueue.move_to_end(next(reversed(self.workqueue)), last=False)
            super()._assign_work_unit(node)

    return _LongModulesApart(config, log)


def _xdist_worker() -> str | None:
    """This process's pytest-xdist worker id (``gw0``, ``gw1``...), None when not a worker."""
    return os.environ.get("PYTEST_XDIST_WORKER") or None


@pytest.fixture(scope="session")
def _postgres_base_url() -> Iterator[URL]:
    """The reachable test database's URL, or a skip (a failure under WIREHOUSE_REQUIRE_PG=1);
    an xdist worker's own database, made fresh and dropped when the worker ends."""
    url = normalize_url(os.environ.get("WIREHOUSE_TEST_PG_URL") or DEFAULT_PG_URL)
    worker = _xdist_worker()
    try:
        if worker is None:
            ensure_database(url)
        else:
            name = f"{url.database or 'postgres'}_{worker}"
            drop_database(url, name)  # left over by a killed run: start from an empty one
            url = normalize_url(create_database(url, name))
    except psycopg.OperationalError as exc:
        reason = f"PostgreSQL unreachable at {safe_url(url)}: {str(exc).strip().splitlines()[0]}"
        if os.environ.get("WIREHOUSE_REQUIRE_PG") == "1":
            pytest.fail(reason + " (WIREHOUSE_REQUIRE_PG=1)")
        pytest.skip(reason)
    try:
        yield url
    finally:
        if worker is not None:
            drop_database(url, url.database)


@pytest.fixture
def metadata_db(_postgres_base_url: URL) -> Iterator[str]:
    """A fresh PostgreSQL database for Airflow's metadata beside the test database (named after
    it), dropped afterwards (connections too): the Celery cluster tests' scheduler and workers."""
    name = f"{_postgres_base_url.database}_airflow_{uuid.uuid4().hex[:8]}"
    url = make_url(create_database(_postgres_base_url, name)).set(drivername="postgresql+psycopg2")
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        drop_database(_postgres_base_url, name)


@pytest.fixture
def _postgres_schema_url(_postgres_base_url) -> Iterator[str]:
    """A URL whose connections use a fresh, private schema; the schema is dropped afterwards."""
    with private_schema(_postgres_base_url, "t") as schema:
        yield schema_url(_postgres_base_url, schema).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def warehouse_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
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


MIGRATED_SCHEMA = "{migrated schema}"  # where _migrated_postgres_ddl names its schema


@pytest.fixture(scope="session")
def _migrated_postgres_ddl(_postgres_base_url: URL) -> str | None:
    """The DDL of a PostgreSQL warehouse schema migrated once per session, as pg_dump writes it
    (its one row, alembic's version, as an INSERT), the schema named MIGRATED_SCHEMA: each
    test's ``engine`` replays it in its own schema, one round trip instead of every migration
    again (0.13 s less CPU per test, client and server together, 0.09 s of it in pytest).
    None where pg_dump is missing or cannot dump this server: each test migrates then."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        return None
    params = libpq_params(_postgres_base_url)
    with private_schema(_postgres_base_url, "m") as schema:
        migrated = make_engine(schema_url(_postgres_base_url, schema))
        upgrade(migrated)
        migrated.dispose()
        dump = subprocess.run(
            [
                pg_dump,
                "--schema",
                schema,
                "--no-owner",
                "--no-privileges",
                "--inserts",
                "--dbname",
                make_conninfo("", **params),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
    if dump.returncode != 0:  # e.g. a pg_dump older than the server
        return None
    # psql's own commands (\restrict...) and the schema itself (each test's exists) left out
    statements = [
        line
        for line in dump.stdout.splitlines()
        if not line.startswith("\\") and line != f"CREATE SCHEMA {schema};"
    ]
    return "\n".join(statements).replace(schema, MIGRATED_SCHEMA)


@pytest.fixture
def engine(warehouse_url: str, request: pytest.FixtureRequest) -> Iterator[Engine]:
    """An engine on a warehouse migrated to the newest revision: a copy of one migrated once per
    session (SQLite: its file; PostgreSQL: its DDL replayed in the test's schema)."""
    target = make_url(warehouse_url)
    if target.get_backend_name() == "sqlite" and not Path(target.database).exists():
        shutil.copyfile(request.getfixturevalue("_migrated_sqlite"), target.database)
    elif target.get_backend_name() == "postgresql" and (
        ddl := request.getfixturevalue("_migrated_postgres_ddl")
    ):
        schema = target.query["options"].removeprefix("-csearch_path=")
        with psycopg.connect(**libpq_params(target), autocommit=True) as conn:
            conn.execute(ddl.replace(MIGRATED_SCHEMA, schema))
    else:
        upgrade(warehouse_url)
    eng = make_engine(warehouse_url)
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
def make_run_settings(settings: Settings, engine: Engine) -> Callable[[Sequence[str]], Settings]:
    """A factory: ``settings`` for a run of the given feed URLs (written as the OPML feed list
    ``feeds.opml`` in the data directory) on the migrated warehouse, failing fast: no retries,
    one second to connect."""

    def make(feed_urls: Sequence[str]) -> Settings:
        outlines = "".join(
            f'<outline text="feed {n}" type="rss" xmlUrl={quoteattr(url)}/>\n'
            for n, url in enumerate(feed_urls, start=1)
        )
        opml = settings.data_dir / "feeds.opml"
        opml.write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>t</title>'
            f"</head><body>\n{outlines}</body></opml>\n",
            encoding="utf-8",
        )
        return dataclasses.replace(settings, feeds=opml, max_retries=0, connect_timeout=1.0)

    return make


@pytest.fixture
def sqlite_full_error() -> DBAPIError:
    """SQLite's SQLITE_FULL as SQLAlchemy raises it, from an in-memory database whose page
    limit the inserts reach, as a full disk stops them."""
    engine = create_engine("sqlite://")
    with engine.connect() as connection, pytest.raises(DBAPIError) as failed:
        connection.exec_driver_sql("CREATE TABLE t (x TEXT)")
        connection.exec_driver_sql("PRAGMA max_page_count = 4")
        for _ in range(100):
            connection.exec_driver_sql("INSERT INTO t VALUES (?)", ("x" * 4000,))
    return failed.value


@pytest.fixture
def dump_tables() -> Callable[[Engine], dict[str, list[tuple]]]:
    """A function returning the rows of every table the warehouse has, in primary-key order:
    compare two dumps to check that an operation changed no row."""

    def dump(eng: Engine) -> dict[str, list[tuple]]:
        # a warehouse at an older revision lacks tables and columns later ones add
        with eng.connect() as connection:
            inspector = inspect(connection)
            present = set(inspector.get_table_names())
            return {
                table.name: [
                    tuple(row)
                    for row in connection.execute(
                        select(*_columns_present(inspector, table)).order_by(
                            *table.primary_key.columns
                        )
                    )
                ]
                for table in Base.metadata.sorted_tables
                if table.name in present
            }

    return dump


def _columns_present(inspector: Inspector, table: Table) -> list[Column]:
    names = {column["name"] for column in inspector.get_columns(table.name)}
    return [column for column in table.columns if column.name in names]


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoSites]:
    """The four demo sites, served for the module's tests."""
    with DemoSites() as sites:
        yield sites


def _fault_server() -> Iterator[FaultServer]:
    """A scriptable HTTP server on loopback for one test (tests/faultserver.py)."""
    with FaultServer() as srv:
        yield srv


# One fixture under the names the tests give the hosts they script: a test that asks for two
# of them (a hostile host beside a healthy one) gets two servers.
server = pytest.fixture(_fault_server, name="server")
site = pytest.fixture(_fault_server, name="site")
hostile = pytest.fixture(_fault_server, name="hostile")
healthy = pytest.fixture(_fault_server, name="healthy")


@pytest.fixture(scope="module")
def forkserver() -> multiprocessing.context.BaseContext:
    """A forkserver with the pipeline preloaded, for the crash-safety runs it starts and kills."""
    from crashkit import preloaded_forkserver

    return preloaded_forkserver()


@pytest.fixture
def no_progress_guard() -> Iterator[None]:
    """The test fails once crashkit.NO_PROGRESS_TIMEOUT passes without one of its `wirehouse
    run`s starting or ending (for the crash-safety tests, which have no limit on their total)."""
    from crashkit import NoProgressGuard

    with NoProgressGuard():
        yield


@pytest.fixture(scope="session")
def airflow_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An AIRFLOW_HOME with a migrated SQLite metadata DB, shared by the session's tests
    (tests/dagrun.py runs Airflow there in subprocesses); under xdist its DB is a copy of one
    migrated once for all workers, in the directory their own temporary directories share."""
    from dagrun import migrated_airflow_home

    home = tmp_path_factory.mktemp("airflow_home")
    shared = tmp_path_factory.getbasetemp().parent if _xdist_worker() else None
    return migrated_airflow_home(home, shared)


@pytest.fixture
def webhook() -> Iterator[object]:
    """A loopback webhook receiver answering 200 (tests/dagrun.py's ``Receiver``): its
    ``posts`` are the alerts it received."""
    from dagrun import serve_webhook

    yield from serve_webhook(200)


@pytest.fixture
def redis_client_at() -> Iterator[Callable[[str], object]]:
    """Connects to a Redis URL, skipping the test when no Redis answers there; every client
    made is closed after the test."""
    clients: list[object] = []

    def connect(url: str) -> object:
        redis = pytest.importorskip("redis")
        client = redis.Redis.from_url(url)
        try:
            client.ping()
        except redis.ConnectionError as exc:
            pytest.skip(f"no Redis at {url}: {exc}")
        clients.append(client)
        return client

    yield connect
    for client in clients:
        client.close()


@pytest.fixture
def broken_webhook() -> Iterator[object]:
    """The same receiver answering 503 to every alert (a webhook that refuses)."""
    from dagrun import serve_webhook

    yield from serve_webhook(503)
