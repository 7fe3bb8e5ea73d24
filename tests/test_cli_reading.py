"""The reading commands (`stats --json`, `events`, `articles`), what the light commands import,
progress reporting, the demo's port choice and how sources are named."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cli_call import CliOutcome, call_wirehouse
from sqlalchemy import Column, Engine, MetaData, Table, create_engine, select, text
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.orm import Session

from load import db
from load.db import upgrade
from load.errors import WarehouseError
from load.models import (
    Article,
    Event,
    EventArticle,
    Feed,
    RunLease,
    Source,
    UTCDateTime,
    WebSubSubscription,
)
from load.pg_admin import libpq_params
from load.reading import (
    EngineReader,
    PostgreSQLReader,
    WarehouseReader,
    plain_postgresql_params,
    plain_postgresql_url,
    plain_sqlite_path,
    postgresql_reader,
    sqlite_reader,
    sqlite_timestamp,
)
from load.upsert import upsert_articles
from transform.records import ArticleRecord
from wirehouse import cli, listing
from wirehouse.demo.server import DemoServerError
from wirehouse.demo_run import _sites
from wirehouse.progress import ProgressDisplay
from wirehouse.settings import load_settings

T0 = datetime(2026, 11, 19, 9, 30, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
HEAVY = (
    "datasketch",
    "scipy",
    "wordfreq",
    "numpy",
    "httpx",
    "warcio",
    "feedparser",
    "lxml",
    "bs4",
    "airflow",
    "wirehouse.pipeline",
    "load.stories",
    "alembic",  # the schema revisions are read without it
)
# What the reading commands leave unloaded on a plain SQLite file (load.reading uses sqlite3).
WAREHOUSE_LAYER = ("sqlalchemy", "load.db", "load.models")


def _fill(session: Session) -> dict[str, int]:
    """Two outlets, three articles, two events (the flood has two sources); returns event ids."""
    post, courier = (
        Source(name="Orrin Post", domain="orrin.example"),
        Source(name="Haven Courier", domain="haven.example"),
    )
    session.add_all([post, courier])
    session.flush()
    flood = Event(
        title="Fennick flood",
        first_published_at=T0,
        last_published_at=T0 + timedelta(hours=5),
        article_count=2,
        source_count=2,
        top_terms="flood fennick",
    )
    fair = Event(
        title="Lantern fair",
        first_published_at=T0 - timedelta(days=3),
        last_published_at=T0 - timedelta(days=3),
        article_count=1,
        source_count=1,
    )
    session.add_all([flood, fair])
    session.flush()
    for n, (source, event, when) in enumerate(
        [
            (post, flood, T0),
            (courier, flood, T0 + timedelta(hours=5)),
            (post, fair, T0 - timedelta(days=3)),
        ]
    ):
        article = Article(
            url=f"https://{source.domain}/a{n}",
            canonical_url=f"https://{source.domain}/a{n}",
            source_id=source.id,
            title=f"{event.title} report {n}",
            published_at=when,
            text="words " * 40,
            word_count=40,
            content_hash=f"{n:064d}",
            first_seen_at=when,
        )
        session.add(article)
        session.flush()
        session.add(EventArticle(event_id=event.id, article_id=article.id, similarity=0.5))
    session.commit()
    return {"flood": flood.id, "fair": fair.id}


@contextlib.contextmanager
def _reader(engine: Engine) -> Iterator[WarehouseReader]:
    """The reader a reading command gets on this engine's warehouse: sqlite3 on a SQLite file,
    psycopg on PostgreSQL (the test's schema given in the ``options`` a plain URL names in
    PGOPTIONS)."""
    url = engine.url.render_as_string(hide_password=False)
    if engine.dialect.name == "postgresql":
        with postgresql_reader(libpq_params(engine.url), db.safe_url(engine.url)) as reader:
            yield reader
        return
    path = plain_sqlite_path(url)
    assert path is not None, url
    with sqlite_reader(path, url) as reader:
        yield reader


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u:p@db.example:5433/wh",
        "postgres://db.example",
        "postgresql+psycopg:///wh",
        "postgresql://",
        "postgresql+psycopg://u@db-1.example/",
        "postgresql://u:s:e;c!r*e$t@10.0.0.5/wh_2",
        "postgresql://u:p@db.example/wh?sslmode=require&connect_timeout=10",
        "postgresql://u@db.example/wh?target_session_attrs=read-write&application_name=wh.cli",
        "postgresql://u@db.example/wh?sslmode=bogus",  # refused on connecting, as there
    ],
)
def test_a_plain_postgresql_url_connects_as_sqlalchemy_would(url: str) -> None:
    """Read with psycopg alone, a plain URL gives the connection parameters SQLAlchemy's psycopg
    dialect gives, and is shown as SQLAlchemy shows it."""
    dialect = PGDialect_psycopg()
    args, params = dialect.create_connect_args(db.normalize_url(url))
    assert args in ([], [""])
    assert plain_postgresql_params(url) == {name: str(value) for name, value in params.items()}
    assert plain_postgresql_url(url) == db.safe_url(db.normalize_url(url))


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u@db/wh?sslrootcert=/etc/ca.pem",  # a value SQLAlchemy would quote
        "postgresql://u@db/wh?sslmode=require&sslmode=disable",  # an option given twice
        "postgresql://u@db/wh?host=db2",  # SQLAlchemy reads hosts in the options itself
        "postgresql://u@db/wh?dbname=other",  # an option overriding the address
        "postgresql://u@db/wh?sslmode=",  # no value
        "postgresql://u:p%40ss@db/wh",  # escapes
        "postgresql://u@[::1]/wh",  # an IPv6 host
        "postgresql://u@db1,db2/wh",  # several hosts
        "postgresql://u@db:0/wh",  # no port: SQLAlchemy words the error
        "postgresql://u@db:65536/wh",
        "postgresql+asyncpg://u@db/wh",  # another driver, refused there
        "postgresql://u@db/wh#frag",
        "sqlite:////srv/wh.db",
        "postgresql://u@db/wh?keepalives=yes",  # a value refused before connecting, there
        "postgresql://u@db/wh?keepalives_idle=0",  # out of Linux's range, refused there too
    ],
)
def test_other_postgresql_urls_are_left_to_sqlalchemy(url: str) -> None:
    assert plain_postgresql_params(url) is None


def test_both_postgresql_readers_read_the_same_rows(engine) -> None:
    """psycopg alone (a plain URL) and SQLAlchemy (a URL with options) read the same rows with
    every reading query."""
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's readers")
    with Session(engine) as session:
        ids = _fill(session)
        _subscribe_two(session)
        session.add(RunLease(name="ingest", run_id="manual__1", kind="airflow", host="box",
                             pid=None, holder="wirehouse_ingest.begin", acquired_at=T0,
                             expires_at=T0 + timedelta(minutes=10)))
        session.commit()
    queries = [
        ("run_lease", {}),
        ("warehouse_counts", {}),
        ("last_run", {}),
        ("latest_events", {"since": T0, "event_id": None, "max_rows": 5}),
        ("latest_events", {"since": None, "event_id": ids["fair"], "max_rows": 1}),
        ("latest_articles", {"event_id": ids["flood"], "max_rows": 10}),
        ("feed_list", {}),
        ("feed_export", {}),
        ("websub_subscriptions", {}),
    ]
    with _reader(engine) as reader:
        assert isinstance(reader, PostgreSQLReader)
        light = [list(reader.rows(query, **params)) for query, params in queries]
    through_sqlalchemy = [list(EngineReader(engine).rows(q, **params)) for q, params in queries]
    assert light == through_sqlalchemy
    assert light[0] and light[3] and light[5] and light[8]


def test_both_readers_refuse_a_schema_not_at_the_newest_revision(engine) -> None:
    """The one revision check of either reader: several revisions, then an older one, each
    refused as opening the warehouse refuses it (and the reader's connection closed)."""
    head = db.head_revision()
    older = next(revision for revision in sorted(db.known_revisions()) if revision != head)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO alembic_version VALUES (:v)"), {"v": older})
    several = pytest.raises(WarehouseError, match=f"several schema revisions: .*{older}")
    with several, _reader(engine):
        pass
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM alembic_version WHERE version_num = :v"), {"v": head})
    older_one = pytest.raises(WarehouseError, match=f"at schema revision {older}, not {head}: run")
    with older_one, _reader(engine):
        pass


def test_events_and_articles_listings_filter_and_order(engine) -> None:
    with Session(engine) as session:
        ids = _fill(session)
    with _reader(engine) as reader:
        _check_listings(reader, ids)


def _check_listings(reader: WarehouseReader, ids: dict[str, int]) -> None:
    everything = list(listing.events(reader))
    assert [e["id"] for e in everything] == [ids["flood"], ids["fair"]]  # latest article first
    recent = list(listing.events(reader, since=T0 - timedelta(days=1)))
    assert [e["title"] for e in recent] == ["Fennick flood"]
    assert recent[0]["last_published_at"] == (T0 + timedelta(hours=5)).isoformat()
    # an event whose last article is at ``since`` exactly is in, one a second before it is out
    boundary = T0 + timedelta(hours=5)
    assert [e["id"] for e in listing.events(reader, since=boundary)] == [ids["flood"]]
    assert list(listing.events(reader, since=boundary + timedelta(seconds=1))) == []
    # ``since`` in another zone means the same moment
    assert [e["id"] for e in listing.events(reader, since=boundary.astimezone(BERLIN))] == [
        ids["flood"]
    ]
    flood = list(listing.articles(reader, event_id=ids["flood"]))
    assert [(a["source"], a["event_id"]) for a in flood] == [
        ("Haven Courier", ids["flood"]),
        ("Orrin Post", ids["flood"]),
    ]
    assert flood[0]["published_at"] == (T0 + timedelta(hours=5)).isoformat()
    assert "text" not in flood[0]
    assert len(list(listing.articles(reader))) == 3
    assert len(list(listing.articles(reader, limit=2))) == 2
    with pytest.raises(LookupError):
        listing.articles(reader, event_id=ids["flood"] + ids["fair"] + 1)
    stats = listing.warehouse_stats(reader)
    assert stats["counts"]["events_with_2plus_sources"] == 1
    assert stats["counts"]["articles"] == 3 and stats["last_run"] is None
    assert list(stats["counts"]) == list(listing.STAT_LABELS)


def test_sqlite_timestamps_are_bound_as_sqlalchemy_stores_them(tmp_path: Path) -> None:
    """The sqlite3 reader compares stored timestamps as text: it must write a bound moment the
    way SQLAlchemy stored it, whatever the moment's zone and precision."""
    engine = create_engine(f"sqlite:///{tmp_path / 'times.db'}")
    table = Table("times", MetaData(), Column("moment", UTCDateTime()))
    table.metadata.create_all(engine)
    moments = [T0, T0.replace(microsecond=7), T0.astimezone(BERLIN), datetime(1, 1, 1, tzinfo=UTC)]
    with engine.begin() as conn:
        conn.execute(table.insert(), [{"moment": m} for m in moments])
        stored = [row[0] for row in conn.exec_driver_sql("SELECT moment FROM times")]
    engine.dispose()
    assert stored == [sqlite_timestamp(m) for m in moments]


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:////srv/wh/warehouse.db", "/srv/wh/warehouse.db"),
        ("sqlite:///data/warehouse.db", "data/warehouse.db"),
        ("sqlite://", None),
        ("sqlite:///:memory:", None),
        ("sqlite:///file:wh.db?mode=ro&uri=true", None),
        ("sqlite:////srv/my%20wh.db", None),
        ("postgresql+psycopg://u:p@db/wh", None),
    ],
)
def test_only_plain_sqlite_file_urls_skip_sqlalchemy(url: str, path: str | None) -> None:
    assert plain_sqlite_path(url) == path


def _wirehouse(*args: str, data: Path) -> CliOutcome:
    """The command called in this process (tests/cli_call.py), which must succeed; what it
    imports is checked in real processes below."""
    done = call_wirehouse(args, {"WIREHOUSE_DATA_DIR": str(data)}, data)
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def filled_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory whose SQLite warehouse holds the events of :func:`_fill`."""
    return _sqlite_data_dir(tmp_path_factory.mktemp("reading"), _fill)


def _sqlite_data_dir(root: Path, fill: Callable[[Session], object]) -> Path:
    """``root``/data, whose migrated SQLite warehouse holds what ``fill`` adds."""
    data = root / "data"
    url = f"sqlite:///{data / 'warehouse.db'}"
    upgrade(url)
    engine = create_engine(url)
    with Session(engine) as session:
        fill(session)
    engine.dispose()
    return data


def test_reading_commands_print_tables_and_json(filled_sqlite: Path) -> None:
    stats = json.loads(_wirehouse("stats", "--json", data=filled_sqlite).stdout)
    assert stats["counts"]["events"] == 2 and stats["warehouse"].startswith("sqlite:///")
    lines = _wirehouse("events", "--json", "--since", "2026-11-18", data=filled_sqlite).stdout
    events = [json.loads(line) for line in lines.splitlines()]
    assert [e["title"] for e in events] == ["Fennick flood"]
    table = _wirehouse("articles", "--event", str(events[0]["id"]), data=filled_sqlite).stdout
    rows = table.splitlines()
    assert rows[0].split() == ["id", "published", "event", "source", "title"]
    assert "Haven Courier" in rows[1] and "2026-11-19 14:30" in rows[1] and len(rows) == 3


@pytest.mark.parametrize(
    "command",
    [("--help",), ("stats",), ("stats", "--json"), ("feeds", "list"), ("events",), ("articles",),
     ("websub", "list"), ("feeds", "export", "-"), ("lease",)],
)
def test_light_commands_do_not_import_heavy_modules(filled_sqlite: Path, command) -> None:
    """`--help` and the reading commands on a SQLite file load neither the pipeline's libraries
    nor SQLAlchemy and the ORM models (most of their start-up before they were left out)."""
    probe = (
        "import sys, json\n"
        "from wirehouse.cli import main\n"
        "try:\n    status = main(sys.argv[2:])\nexcept SystemExit as exit_:\n    status = exit_.code\n"
        "heavy = [m for m in json.loads(sys.argv[1]) if m in sys.modules]\n"
        "sys.stderr.write(json.dumps({'status': status, 'heavy': heavy}))\n"
    )
    # shutil: argparse imports it (and its compression modules) only to ask the terminal's width;
    # typing: only type checkers need it here; logging: sqlite3 queries log nothing (each was a
    # few percent of `stats`' start-up); dataclasses (and the inspect it imports): the reading
    # commands check the settings without making the Settings dataclass (a third of it); ast:
    # the migrations' revisions are plain strings, read without parsing (a tenth)
    unwanted = [*HEAVY, *WAREHOUSE_LAYER, "shutil", "typing", "logging", "dataclasses", "inspect",
                "ast"]
    done = _wirehouse_probe(probe, json.dumps(unwanted), *command, data=filled_sqlite)
    assert json.loads(done.stderr.strip().splitlines()[-1]) == {"status": 0, "heavy": []}


@pytest.mark.parametrize("command", [("stats",), ("events",), ("lease",)])
def test_reading_commands_through_sqlalchemy_leave_the_orm_and_models_unloaded(
        engine, warehouse_url: str, tmp_path: Path, command) -> None:
    """Read through SQLAlchemy (PostgreSQL, or SQLite given with an option only SQLAlchemy
    reads), a reading command binds and reads with its core alone: the ORM and the models were
    a third of `stats`' CPU on PostgreSQL (load.db imported them)."""
    if warehouse_url.startswith("sqlite:"):
        warehouse_url += "?timeout=30"
    done = _wirehouse_probe(_LOADED_AFTER_MAIN, json.dumps(["sqlalchemy.orm", "load.models"]), *command,
                            data=tmp_path, WIREHOUSE_DB_URL=warehouse_url)
    assert json.loads(done.stderr.strip().splitlines()[-1]) == {"status": 0, "loaded": []}


@pytest.mark.parametrize("command", [("stats",), ("events",), ("lease",)])
def test_reading_commands_on_a_plain_postgresql_url_leave_sqlalchemy_unloaded(
        engine, tmp_path: Path, command) -> None:
    """On a plain PostgreSQL URL a reading command reads with psycopg alone: SQLAlchemy's
    import was most of what `stats` added to the interpreter's start-up there."""
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's reader")
    plain = engine.url.set(query={}).render_as_string(hide_password=False)
    done = _wirehouse_probe(_LOADED_AFTER_MAIN, json.dumps(["sqlalchemy"]), *command,
                            data=tmp_path, WIREHOUSE_DB_URL=plain,
                            PGOPTIONS=engine.url.query["options"])
    assert json.loads(done.stderr.strip().splitlines()[-1]) == {"status": 0, "loaded": []}


def _subscribe_two(session: Session) -> None:
    """A verified subscription with pushes, and a denied one with a two-line error."""
    session.add_all([
        WebSubSubscription(topic_url="https://orrin.example/feed.xml",
                           hub_url="https://hub.orrin.example/", callback_url="cb/1",
                           secret="s1", state="verified", requested_at=T0,
                           lease_expires_at=T0 + timedelta(days=10), pushes=3,
                           last_push_at=T0 + timedelta(hours=2)),
        WebSubSubscription(topic_url="https://haven.example/atom.xml",
                           hub_url="https://hub.haven.example/", callback_url="cb/2",
                           secret="s2", state="denied", requested_at=T0, pushes=0,
                           last_error="hub denied:\n  topic not served here"),
    ])
    session.commit()


def test_subscriptions_listing_reads_both_engines_alike(engine) -> None:
    with Session(engine) as session:
        _subscribe_two(session)
    with _reader(engine) as reader:
        listed = list(listing.subscriptions(reader))
    assert [(s["state"], s["lease_expires_at"], s["pushes"], s["last_push_at"]) for s in listed] \
        == [("verified", T0 + timedelta(days=10), 3, T0 + timedelta(hours=2)),
            ("denied", None, 0, None)]
    assert listed[1]["last_error"] == "hub denied:\n  topic not served here"


def test_exported_feeds_read_both_engines_alike(engine) -> None:
    """`feeds export` reads its rows as the other reading commands do (sqlite3 on a plain file):
    by outlet, then URL, each feed's site on its own scheme."""
    with Session(engine) as session:
        marsh = Source(name="Marsh Herald", domain="marsh.example")
        alder = Source(name="Alder Post", domain="alder.example")
        session.add_all([marsh, alder])
        session.flush()
        session.add_all([
            Feed(url="http://marsh.example/rss", source_id=marsh.id, title="Herald & Co"),
            Feed(url="https://alder.example/b.xml", source_id=alder.id),
            Feed(url="https://alder.example/a.xml", source_id=alder.id, title="Alder A"),
        ])
        session.commit()
    with _reader(engine) as reader:
        exported = list(listing.exported_feeds(reader))
    assert exported == [
        {"url": "https://alder.example/a.xml", "title": "Alder A", "source_name": "Alder Post",
         "site_url": "https://alder.example/"},
        {"url": "https://alder.example/b.xml", "title": None, "source_name": "Alder Post",
         "site_url": "https://alder.example/"},
        {"url": "http://marsh.example/rss", "title": "Herald & Co", "source_name": "Marsh Herald",
         "site_url": "http://marsh.example/"},
    ]


def test_websub_list_prints_a_line_per_subscription(tmp_path: Path) -> None:
    """`websub list` reads its table as the other reading commands do (sqlite3 on a plain file):
    id, state, lease end, pushes, last push, topic, hub, and the last error on one line."""
    data = _sqlite_data_dir(tmp_path, _subscribe_two)
    listed = _wirehouse("websub", "list", data=data)
    assert listed.stdout.splitlines() == [
        ("1\tverified\t2026-11-29 09:30 UTC\t3\t2026-11-19 11:30 UTC"
         "\thttps://orrin.example/feed.xml\thttps://hub.orrin.example/"),
        ("2\tdenied\t-\t0\t-\thttps://haven.example/atom.xml\thttps://hub.haven.example/"
         "\thub denied: topic not served here"),
    ]


def test_the_listeners_health_check_loads_neither_warehouse_nor_redis(tmp_path: Path) -> None:
    """`push --listen --check`, run by a container every few seconds, reads a file's age: it
    loaded the push machinery (SQLAlchemy, Redis, httpx; 860 modules, over a second) first."""
    heartbeat = tmp_path / "heartbeat"
    heartbeat.touch()
    unwanted = [*HEAVY, *WAREHOUSE_LAYER, "redis", "wirehouse.push", "wirehouse.push_submit"]
    done = _wirehouse_probe(_LOADED_AFTER_MAIN, json.dumps(unwanted), "push", "--listen", "--check",
                            data=tmp_path, WIREHOUSE_PUSH_LISTEN_HEARTBEAT=str(heartbeat))
    assert json.loads(done.stderr.strip().splitlines()[-1]) == {"status": 0, "loaded": []}
    assert done.stdout.startswith("listener alive: heartbeat ")


def test_stats_table_leaves_json_unloaded(filled_sqlite: Path) -> None:
    """Only `stats --json` needs the json module (a few percent of `stats`' start-up)."""
    probe = (
        "import sys\n"
        "from wirehouse.cli import main\n"
        "status = main(sys.argv[2:])\n"
        "sys.stderr.write(repr((status, 'json' in sys.modules)))\n"
    )
    done = _wirehouse_probe(probe, "", "stats", data=filled_sqlite)
    assert done.stderr.strip().splitlines()[-1] == "(0, False)"


def test_a_reading_command_still_warns_of_a_misspelled_setting(filled_sqlite: Path) -> None:
    """A reading command sets up the command's log lines when a setting is to be warned about
    (it starts without logging otherwise)."""
    misspelled = "WIREHOUSE_" + "EVENT_WINDOW"  # spelled apart: no setting the project reads
    env = {"WIREHOUSE_DATA_DIR": str(filled_sqlite), misspelled: "2"}
    done = call_wirehouse(["stats"], env, filled_sqlite)
    assert done.returncode == 0 and "events" in done.stdout
    hint = " (did you mean WIREHOUSE_EVENT_WINDOW_DAYS?)"
    assert done.stderr.splitlines() == [
        f"wirehouse: warning: {misspelled} is no Wirehouse setting and is ignored{hint}"
    ]


def _parser_outputs(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        pytest.raises(SystemExit),
    ):
        parser.parse_args(argv)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "argv",
    [["stats", "--help"], ["stats", "--bogus"], ["events", "--limit", "x"], ["feeds"],
     ["feeds", "list", "--help"], ["feeds", "nosuch"], ["demo", "run", "--bogus"]],
)
def test_a_parser_of_the_named_subcommand_prints_what_the_whole_one_does(argv, monkeypatch) -> None:
    """main() builds only the subcommand it is given (building the other 13 took about a tenth
    of `stats`' start-up); help and errors read the same, the usage line listing all."""
    monkeypatch.setenv("COLUMNS", "100")
    one = cli.build_parser(cli._named_subcommand(argv))
    assert list(one._subparsers._group_actions[0].choices) == [argv[0]]
    assert _parser_outputs(one, argv) == _parser_outputs(cli.build_parser(), argv)


@pytest.mark.parametrize("command", [("--help",), ("events", "--help"), ("nosuchcommand",)])
def test_help_and_wrong_arguments_end_before_settings_and_logging(tmp_path: Path, command) -> None:
    """Printing help or a usage error needs argparse only: the settings, logging, JSON, the
    warehouse readers, datetime (for --since and the listings) and signal (for a closed pipe)
    load once a command runs."""
    probe = (
        "import sys, json\n"
        "from wirehouse.cli import main\n"
        "try:\n    main(sys.argv[2:])\nexcept SystemExit as exit_:\n    status = exit_.code\n"
        "loaded = [m for m in json.loads(sys.argv[1]) if m in sys.modules]\n"
        "sys.stderr.write(json.dumps({'status': status, 'loaded': loaded}))\n"
    )
    unwanted = ["wirehouse.settings", "logging", "sqlite3", "load.reading", "datetime", "signal",
                *WAREHOUSE_LAYER]
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREHOUSE_")}
    done = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(unwanted), *command],
        env=env, capture_output=True, text=True, timeout=240, check=True,
    )
    outcome = json.loads(done.stderr.strip().splitlines()[-1])
    assert outcome == {"status": 2 if command == ("nosuchcommand",) else 0, "loaded": []}


def test_extract_imports_only_what_extraction_needs(tmp_path: Path) -> None:
    """`wirehouse extract` loads the parser and the extractor, not the warehouse (SQLAlchemy,
    load.*), the pipeline or the clustering libraries."""
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Pier two reopens | Harbour Post</title></head><body>"
                    "<article><p>Pier two reopened on Monday after four months of repairs to "
                    "its decking and lights.</p></article></body></html>", encoding="utf-8")
    probe = (
        "import sys, json\n"
        "from wirehouse.cli import main\n"
        "status = main(['extract', sys.argv[2]])\n"
        "loaded = [m for m in sys.modules if m in json.loads(sys.argv[1])"
        " or m.split('.')[0] in ('sqlalchemy', 'load')]\n"
        "sys.stderr.write(json.dumps({'status': status, 'loaded': sorted(loaded),"
        " 'extractor': 'transform.html_extract' in sys.modules}))\n"
    )
    unwanted = [*(m for m in HEAVY if m not in {"lxml", "bs4"}), "sqlalchemy",
                "wirehouse.warehouse"]
    done = _wirehouse_probe(probe, json.dumps(unwanted), str(page), data=tmp_path)
    assert json.loads(done.stderr.strip().splitlines()[-1]) == {
        "status": 0, "loaded": [], "extractor": True}
    assert json.loads(done.stdout)["text"].startswith("Pier two reopened on Monday")


# Runs `wirehouse` (argv[2:]) in this interpreter, then writes its status and which of the
# modules named in argv[1] (JSON) it loaded, as the last line of stderr.
_LOADED_AFTER_MAIN = (
    "import sys, json\n"
    "from wirehouse.cli import main\n"
    "status = main(sys.argv[2:])\n"
    "loaded = [m for m in json.loads(sys.argv[1]) if m in sys.modules]\n"
    "sys.stderr.write(json.dumps({'status': status, 'loaded': loaded}))\n"
)


def _wirehouse_probe(script: str, *args: str, data: Path,
                     **settings: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREHOUSE_")}
    env["WIREHOUSE_DATA_DIR"] = str(data)
    env.update(settings)
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_redraws_one_live_line_on_a_terminal() -> None:
    out, clock = io.StringIO(), _Clock()
    display = ProgressDisplay(out, interval=10.0, live=True, clock=clock)
    display("pages", 0, 4)
    clock.now += 0.01
    display("pages", 1, 4)  # too soon after the last redraw: skipped
    clock.now += 0.5
    display("pages", 2, 4)
    display("pages", 4, 4)  # a stage's end is always drawn
    display.close()
    frames = out.getvalue().split("\r\x1b[2K")
    assert [f.split()[0] for f in frames if f] == ["pages"] * 3
    assert "2/4" in frames[2] and "4/4" in frames[3] and "100%" in frames[3]
    assert "\n" not in out.getvalue() and out.getvalue().endswith("\r\x1b[2K")


def test_progress_writes_a_line_per_interval_to_a_log() -> None:
    out, clock = io.StringIO(), _Clock()
    display = ProgressDisplay(out, interval=10.0, live=False, clock=clock)
    for done in range(1, 31):
        clock.now += 1.0
        display("extract", done, 30)
    display("events", 0, None)
    display.close()
    # nothing in the first interval (a short run logs no progress), then one line per interval
    assert out.getvalue().splitlines() == [
        "wirehouse: progress: extract [########................] 10/30 33% 10.0s",
        "wirehouse: progress: extract [################........] 20/30 67% 20.0s",
        "wirehouse: progress: extract [########################] 30/30 100% 30.0s",
    ]


def test_demo_takes_free_ports_when_its_default_is_taken_but_not_when_asked(tmp_path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = load_settings(env={}, data_dir=tmp_path, demo_port=port)
        with _sites(settings, None) as sites:
            ports = {int(url.rsplit(":", 1)[1]) for url in sites.base_urls.values()}
        assert port not in ports and len(ports) == len(sites.base_urls)
        with pytest.raises(DemoServerError), _sites(settings, port):
            pass


def _record(domain: str, site_name: str | None, n: int) -> ArticleRecord:
    url = f"https://{domain}/story-{n}"
    return ArticleRecord(
        url=url,
        canonical_url=url,
        domain=domain,
        title="t",
        author="",
        published_at=T0,
        language="en",
        text="text",
        word_count=1,
        content_hash=f"{n:064d}",
        fetched_at=T0,
        aliases=(url,),
        site_name=site_name,
    )


def test_sources_take_their_pages_site_name_unless_already_named(engine) -> None:
    with Session(engine) as session:
        session.add_all(
            [
                Source(name="Named By Feed List", domain="listed.example"),
                Source(name="placeholder.example", domain="placeholder.example"),
            ]
        )
        session.commit()
        upsert_articles(
            session,
            [
                _record("listed.example", "Listed Site", 1),
                _record("placeholder.example", "Placeholder Gazette", 2),
                _record("new.example", "New Signal", 3),
                _record("bare.example", None, 4),
            ],
        )
        session.commit()
        names = dict(session.execute(select(Source.domain, Source.name)).all())
    assert names == {
        "listed.example": "Named By Feed List",
        "placeholder.example": "Placeholder Gazette",
        "new.example": "New Signal",
        "bare.example": "bare.example",
    }


def test_the_ingest_tasks_pipeline_import_leaves_clustering_unloaded(tmp_path: Path) -> None:
    """Airflow's ingest tasks import wirehouse.pipeline: MinHash/SciPy and the word lists load
    only in the events stage (process_stories), not for listing feeds or fetching."""
    probe = (
        "import sys, json\nimport wirehouse.pipeline\n"
        "print(json.dumps([m for m in json.loads(sys.argv[1]) if m in sys.modules]))\n"
    )
    clustering = ["datasketch", "scipy", "wordfreq", "load.stories", "transform.events"]
    done = _wirehouse_probe(probe, json.dumps(clustering), data=tmp_path)
    assert json.loads(done.stdout) == []


@pytest.mark.parametrize("columns", ["60", "137", "", "wide", None])
def test_help_is_laid_out_at_the_width_argparse_would_use(columns, monkeypatch) -> None:
    """The command's help formatter asks the width as shutil does, without importing it."""
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert cli._HelpFormatter("wirehouse")._width == argparse.HelpFormatter("wirehouse")._width


# (command, first word of its stdout: a table's header, or "" for none, the line on stderr)
EMPTY_LISTINGS = [
    (("websub", "list"), "", "no WebSub subscriptions (`wirehouse websub subscribe URL` adds one)"),
    (("events", "--json"), "", "no events"),
    (("events", "--since", "2026-11-19T07:30+01:00"), "id",
     "no events with an article since 2026-11-19 06:30 UTC"),
    (("articles", "--json"), "", "no articles"),
    (("articles",), "id", "no articles"),
    (("feeds", "list"), "health", "no feeds (`wirehouse feeds import FILE.opml` adds them)"),
]


@pytest.mark.parametrize(
    ("command", "stdout", "said"),
    [pytest.param(*case, id=" ".join(case[0])) for case in EMPTY_LISTINGS],
)
def test_a_listing_with_no_rows_says_so_in_one_line(
    tmp_path: Path, command: tuple[str, ...], stdout: str, said: str
) -> None:
    """A listing of nothing printed nothing (`websub list`, `--json`) or a header alone, and
    ended 0: a wrong warehouse looked like an empty one. The line goes to stderr, so that stdout
    stays JSON Lines or tab-separated lines for scripts."""
    data = _sqlite_data_dir(tmp_path, lambda _session: None)
    done = _wirehouse(*command, data=data)
    assert [line.split()[0] for line in done.stdout.splitlines()] == ([stdout] if stdout else [])
    assert done.stderr == f"wirehouse: {said}\n"
