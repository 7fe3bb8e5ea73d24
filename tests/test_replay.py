"""Transform and load can be re-run from the raw archive without the network."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from load.db import make_engine, upgrade
from load.models import Article, EventArticle, FetchLog, Run, Source
from wirehouse.demo.corpus import default_corpus
from wirehouse.demo.server import DemoSites
from wirehouse.pipeline import run_once
from wirehouse.replay import ingest_warc, reprocess
from wirehouse.settings import load_settings


def _articles(engine) -> dict[str, tuple]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(Article.canonical_url, Article.title, Article.author, Article.published_at,
                   Article.content_hash)
        ).all()
    return {row[0]: tuple(row[1:]) for row in rows}


@pytest.fixture(scope="module")
def archived_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple]]:
    """One demo run on SQLite, shared by this module's tests: its data directory (whose
    archive/ they replay, without the network) and the articles it loaded."""
    data = tmp_path_factory.mktemp("archived-run")
    url = f"sqlite:///{data / 'warehouse.db'}"
    upgrade(url)
    with DemoSites() as demo:
        opml = demo.write_opml(data / "demo.opml")
        run_once(load_settings(env={}, data_dir=data, db_url=url, feeds=opml,
                               allow_private_hosts=True, host_delay=0.0))
    engine = make_engine(url)
    articles = _articles(engine)
    engine.dispose()
    return data, articles


def _replaying(settings, archived: Path):
    """``settings`` reading the shared run's archive (``archive_dir`` is ``data_dir/archive``)."""
    return dataclasses.replace(settings, data_dir=archived)


def test_reprocess_rebuilds_the_warehouse_offline_from_the_archive(settings, engine, archived_run):
    archived, original = archived_run
    replay_settings = _replaying(settings, archived)
    counts = reprocess(replay_settings, since=datetime.now(UTC) - timedelta(days=1))
    assert counts["files"] >= 1 and counts["inserted"] == len(original)
    assert _articles(engine) == original
    with engine.connect() as conn:
        clustered = conn.scalar(select(Article.id).where(Article.clustered_at.is_(None)))
        memberships = conn.execute(select(EventArticle.article_id)).all()
    assert clustered is None and len(memberships) == counts["inserted"]
    # replaying again changes nothing
    again = reprocess(replay_settings, since=datetime.now(UTC) - timedelta(days=1))
    assert again["inserted"] == again["updated"] == 0
    assert again["unchanged"] == counts["inserted"]


def test_reprocess_since_the_future_loads_nothing(settings, engine, archived_run):
    replay_settings = _replaying(settings, archived_run[0])
    counts = reprocess(replay_settings, since=datetime.now(UTC) + timedelta(hours=1))
    assert counts["pages"] == 0


def test_ingest_warc_loads_foreign_files_without_feed_entries(settings, engine, archived_run):
    archived, original = archived_run
    files = sorted((archived / "archive").glob("*/*.warc.gz"))
    heard: list[tuple[str, int, int | None]] = []
    counts = ingest_warc(settings, files, progress=lambda *report: heard.append(report))
    loaded = _articles(engine)
    # progress: each page extracted (how many the files hold is not known ahead), then events
    extract = [done for stage, done, _total in heard if stage == "extract"]
    assert extract == list(range(1, counts["pages"] + 1))
    assert heard[-1] == ("events", len(loaded), len(loaded))
    assert counts["files"] == len(files)
    assert set(loaded) == set(original)
    # the pages carry their own titles and hashes; only the feed's fallbacks are missing
    for url, (title, _author, _published, content_hash) in loaded.items():
        assert (title, content_hash) == (original[url][0], original[url][3])
    # no feed list names the outlets here: each is named as its pages name it, not by host
    with engine.connect() as conn:
        sources = {name for (name,) in conn.execute(select(Source.name))}
        run = conn.execute(select(Run).where(Run.id == counts["run_id"])).one()
        logged = conn.execute(
            select(FetchLog.url, FetchLog.status_code, FetchLog.kind)
            .where(FetchLog.run_id == run.id)
        ).all()
    assert sources == {site.name for site in default_corpus().sites}
    # the load is a run of its own, with one fetch_log row per response read from the files
    assert run.status == "completed" and run.finished_at is not None
    assert run.articles_new == counts["inserted"] and run.pages_fetched == counts["pages"]
    assert len(logged) == counts["pages"]
    assert {(status, kind) for _url, status, kind in logged} == {(200, "page")}
