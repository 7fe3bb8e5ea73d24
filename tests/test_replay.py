"""Transform and load can be re-run from the raw archive without the network."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from load.db import make_engine, upgrade
from load.models import Article, EventArticle, FetchLog, Run, Source
from wirehouse.demo.server import DemoSites
from wirehouse.pipeline import run_once
from wirehouse.replay import ingest_warc, reprocess


def _articles(engine) -> dict[str, tuple]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(Article.canonical_url, Article.title, Article.author, Article.published_at,
                   Article.content_hash)
        ).all()
    return {row[0]: tuple(row[1:]) for row in rows}


def _fresh_warehouse(settings, name: str):
    url = f"sqlite:///{settings.data_dir / name}"
    upgrade(url)
    return dataclasses.replace(settings, db_url=url), make_engine(url)


def test_reprocess_rebuilds_the_warehouse_offline_from_the_archive(settings, engine, tmp_path):
    with DemoSites() as demo:
        online = dataclasses.replace(
            settings, feeds=demo.write_opml(tmp_path / "demo.opml"), host_delay=0.0
        )
        run_once(online)
    # the demo sites are gone: anything that touched the network now would fail
    replay_settings, replay_engine = _fresh_warehouse(settings, "replayed.db")
    counts = reprocess(replay_settings, since=datetime.now(UTC) - timedelta(days=1))
    assert counts["files"] >= 1 and counts["inserted"] == len(_articles(engine))
    assert _articles(replay_engine) == _articles(engine)
    with replay_engine.connect() as conn:
        clustered = conn.scalar(select(Article.id).where(Article.clustered_at.is_(None)))
        memberships = conn.execute(select(EventArticle.article_id)).all()
    assert clustered is None and len(memberships) == counts["inserted"]
    # replaying again changes nothing
    again = reprocess(replay_settings, since=datetime.now(UTC) - timedelta(days=1))
    assert again["inserted"] == again["updated"] == 0
    assert again["unchanged"] == counts["inserted"]


def test_reprocess_since_the_future_loads_nothing(settings, engine, tmp_path):
    with DemoSites() as demo:
        run_once(dataclasses.replace(
            settings, feeds=demo.write_opml(tmp_path / "demo.opml"), host_delay=0.0
        ))
    counts = reprocess(settings, since=datetime.now(UTC) + timedelta(hours=1))
    assert counts["pages"] == 0


def test_ingest_warc_loads_foreign_files_without_feed_entries(settings, engine, tmp_path):
    with DemoSites() as demo:
        run_once(dataclasses.replace(
            settings, feeds=demo.write_opml(tmp_path / "demo.opml"), host_delay=0.0
        ))
    files = sorted(settings.archive_dir.glob("*/*.warc.gz"))
    other_settings, other_engine = _fresh_warehouse(settings, "elsewhere.db")
    counts = ingest_warc(other_settings, files)
    original = _articles(engine)
    loaded = _articles(other_engine)
    assert counts["files"] == len(files)
    assert set(loaded) == set(original)
    # the pages carry their own titles and hashes; only the feed's fallbacks are missing
    for url, (title, _author, _published, content_hash) in loaded.items():
        assert (title, content_hash) == (original[url][0], original[url][3])
    # no feed list names the outlets here: each is named as its pages name it, not by host
    with other_engine.connect() as conn:
        sources = {name for (name,) in conn.execute(select(Source.name))}
        run = conn.execute(select(Run).where(Run.id == counts["run_id"])).one()
        logged = conn.execute(
            select(FetchLog.url, FetchLog.status_code, FetchLog.kind)
            .where(FetchLog.run_id == run.id)
        ).all()
    assert sources == {site.name for site in demo.corpus.sites}
    # the load is a run of its own, with one fetch_log row per response read from the files
    assert run.status == "completed" and run.finished_at is not None
    assert run.articles_new == counts["inserted"] and run.pages_fetched == counts["pages"]
    assert len(logged) == counts["pages"]
    assert {(status, kind) for _url, status, kind in logged} == {(200, "page")}
