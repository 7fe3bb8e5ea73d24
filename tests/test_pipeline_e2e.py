"""The warehouse contract, rule by rule, on the demo corpus through the real HTTP path.

Every test runs the whole pipeline (`run_once`, the same steps the DAGs run) against the demo
sites on loopback, on SQLite and on PostgreSQL. The tests that only read what one run on a fresh
warehouse left (its rows, its summary, the requests the sites saw) share that run, one per
engine (``first_run``); the tests that change the warehouse or interrupt a run have their own.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from crashkit import Warehouses
from sqlalchemy import Engine, func, select, update

from load.db import make_engine
from load.models import Article, ArticleUrl, EventArticle, Feed, PendingPage, Run, Source
from transform.urls import canonicalize_url
from wirehouse import lease
from wirehouse.demo.corpus import default_corpus
from wirehouse.demo.expectations import expected_articles, expected_feeds
from wirehouse.demo.server import DemoSites, LoggedRequest
from wirehouse.pipeline import RunSummary, run_once
from wirehouse.settings import Settings, load_settings

BROKEN_FEED_KINDS = {"error500", "malformed"}


def _for_demo(settings: Settings, demo: DemoSites) -> Settings:
    """``settings`` for a run over the demo sites (whose request log starts empty)."""
    opml = demo.write_opml(settings.data_dir / "demo.opml")
    demo.clear_requests()
    return dataclasses.replace(settings, feeds=opml, host_delay=0.0, retry_base_delay=0.01)


@pytest.fixture
def demo_settings(settings: Settings, demo: DemoSites, engine) -> Settings:
    return _for_demo(settings, demo)


@dataclasses.dataclass(frozen=True)
class FirstRun:
    """What one run over the demo sites on a fresh warehouse left."""

    settings: Settings
    engine: Engine
    summary: RunSummary
    requests: list[LoggedRequest]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def first_run(
    request: pytest.FixtureRequest, demo: DemoSites, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FirstRun]:
    """One run over the demo sites on a fresh, migrated warehouse of each engine, shared by the
    tests that only read what it left."""
    root: Path = tmp_path_factory.mktemp(f"first-run-{request.param}")
    base = request.getfixturevalue("_postgres_base_url") if request.param == "postgresql" else None
    warehouses = Warehouses(request.param, root, base)
    try:
        url = warehouses.new("warehouse")
        settings = _for_demo(
            load_settings(env={}, data_dir=root, db_url=url, allow_private_hosts=True), demo)
        summary = run_once(settings)
        engine = make_engine(url)
        try:
            yield FirstRun(settings, engine, summary, demo.requests)
        finally:
            engine.dispose()
    finally:
        warehouses.drop_all()


@pytest.fixture
def expected(demo: DemoSites):
    return expected_articles(demo.base_urls)


def _articles(engine) -> list[Article]:
    with engine.connect() as conn:
        return list(conn.execute(select(Article)).all())


def test_one_row_per_canonical_url_with_variants_resolved(first_run: FirstRun, expected):
    with first_run.engine.connect() as conn:
        rows = {r.canonical_url: r for r in conn.execute(select(Article))}
        aliases = dict(conn.execute(select(ArticleUrl.url, ArticleUrl.article_id)).all())
    fetchable = [a for a in expected if not a.robots_disallowed]
    assert sorted(rows) == sorted(a.canonical_url for a in fetchable)
    for article in fetchable:
        row = rows[article.canonical_url]
        feed_link = canonicalize_url(article.feed_url, first_run.settings.tracking_params)
        assert aliases[feed_link] == row.id, f"{article.id}: feed link not aliased"
        assert row.title == article.title
        assert row.author == ", ".join(article.authors)
        assert row.published_at.tzinfo is not None
        assert row.published_at.astimezone(UTC).isoformat() == article.published_at
        assert row.text and row.word_count > 100
    tracked = [a for a in fetchable if a.has_tracking_params]
    amp = [a for a in fetchable if a.is_amp]
    assert tracked and amp, "the demo corpus lost its tracking-parameter or AMP entry"
    for article in tracked:
        assert "utm_" in article.feed_url and "utm_" not in rows[article.canonical_url].url
    for article in amp:
        assert "/amp/" in article.feed_url and "/amp/" not in article.canonical_url


def test_sources_are_the_demo_sites(first_run: FirstRun, demo):
    with first_run.engine.connect() as conn:
        domains = set(conn.scalars(select(Source.domain)))
        names = set(conn.scalars(select(Source.name)))
        per_source = dict(
            conn.execute(
                select(Source.domain, Article.id).join(Article, Article.source_id == Source.id)
            ).all()
        )
    assert domains == {base.removeprefix("http://") for base in demo.base_urls.values()}
    assert names == {site.name for site in default_corpus().sites}
    assert set(per_source) == domains


def _stored_and_wanted_events(engine, expected) -> tuple[list[set[str]], list[set[str]]]:
    """Events as sets of corpus article ids: as stored, and as the corpus says they are."""
    by_canonical = {a.canonical_url: a for a in expected}
    with engine.connect() as conn:
        rows = conn.execute(select(Article.id, Article.canonical_url)).all()
        membership = dict(conn.execute(select(EventArticle.article_id, EventArticle.event_id)).all())
    # every article (originals and copies) is in exactly one event
    assert set(membership) == {row.id for row in rows}
    stored = defaultdict(set)
    for row in rows:
        stored[membership[row.id]].add(by_canonical[row.canonical_url].id)
    wanted = defaultdict(set)
    for article in expected:
        if not article.robots_disallowed:
            wanted[article.event or article.id].add(article.id)
    return list(stored.values()), list(wanted.values())


def test_syndicated_copy_points_at_original(first_run: FirstRun, expected):
    by_canonical = {a.canonical_url: a for a in expected}
    with first_run.engine.connect() as conn:
        rows = conn.execute(select(Article.id, Article.canonical_url, Article.duplicate_of_id)).all()
    id_of = {row.canonical_url: row.id for row in rows}
    copies = [a for a in expected if a.syndicated_from and not a.robots_disallowed]
    assert copies, "the demo corpus lost its syndicated copy"
    for row in rows:
        article = by_canonical[row.canonical_url]
        if article.syndicated_from:
            original = next(a for a in expected if a.id == article.syndicated_from)
            assert row.duplicate_of_id == id_of[original.canonical_url]
        else:
            assert row.duplicate_of_id is None, f"{article.id} wrongly marked a duplicate"


def test_events_never_mix_two_happenings(first_run: FirstRun, expected):
    """Precision: articles share an event only when the corpus says they report one happening
    (different outlets' reports of one event, same-topic statements weeks apart, standalones)."""
    stored, wanted = _stored_and_wanted_events(first_run.engine, expected)
    for event in stored:
        assert any(event <= happening for happening in wanted), f"mixed event: {sorted(event)}"
    assert sum(len(event) > 1 for event in stored) >= 6, "too few multi-outlet events"


def test_events_gather_every_report_of_a_happening(first_run: FirstRun, expected):
    """Recall: every corpus event is exactly one stored event."""
    stored, wanted = _stored_and_wanted_events(first_run.engine, expected)
    assert sorted(map(sorted, stored)) == sorted(map(sorted, wanted))


def test_failing_feeds_are_recorded_and_the_run_completes(first_run: FirstRun, demo):
    summary = first_run.summary
    kinds = {f.url: f.kind for f in expected_feeds(demo.base_urls)}
    with first_run.engine.connect() as conn:
        feeds = conn.execute(select(Feed.url, Feed.last_error, Feed.last_status)).all()
    assert {f.url for f in feeds} == set(kinds)
    for feed in feeds:
        if kinds[feed.url] in BROKEN_FEED_KINDS:
            assert feed.last_error, f"{feed.url} ({kinds[feed.url]}) has no last_error"
        else:
            assert feed.last_error is None and feed.last_status == 200
    assert summary.feeds_failed == len(BROKEN_FEED_KINDS)
    assert summary.articles_new == sum(1 for _ in _articles(first_run.engine))


def test_robots_is_read_before_pages_and_obeyed(first_run: FirstRun, demo, expected):
    first_page_at: dict[str, int] = {}
    robots_at: dict[str, int] = {}
    feed_paths = {f.url.split("/", 3)[3] for f in expected_feeds(demo.base_urls)}
    for index, request in enumerate(first_run.requests):
        if request.path == "/robots.txt":
            robots_at.setdefault(request.site, index)
        elif request.path.lstrip("/") not in feed_paths:
            first_page_at.setdefault(request.site, index)
    assert first_page_at, "no page was fetched"
    for site, index in first_page_at.items():
        assert robots_at[site] < index, f"{site}: a page was fetched before robots.txt"
    forbidden = {a.path for a in expected if a.robots_disallowed}
    assert forbidden, "the demo corpus lost its robots-disallowed entry"
    assert not forbidden & {r.path.split("?")[0] for r in first_run.requests}


def test_second_run_is_conditional_fetches_nothing_known_and_changes_no_row(
    demo_settings, engine, demo, dump_tables
):
    run_once(demo_settings)
    # a feed that failed before and now succeeds (a 304 counts) gets its last_error cleared
    good_feed = next(f.url for f in expected_feeds(demo.base_urls) if f.kind not in BROKEN_FEED_KINDS)
    with engine.begin() as conn:
        conn.execute(update(Feed).where(Feed.url == good_feed).values(last_error="HTTP 503"))
    before = dump_tables(engine)
    demo.clear_requests()
    run_once(demo_settings)
    after = dump_tables(engine)

    conditional = [r for r in demo.requests if "if-none-match" in r.headers or "if-modified-since" in r.headers]
    assert conditional and all(r.status == 304 for r in conditional)
    pages = [r for r in demo.requests if r.path.startswith("/") and r.status == 200
             and r.path != "/robots.txt" and "feed" not in r.path and "rss" not in r.path]
    assert pages == [], f"already stored articles fetched again: {[r.path for r in pages]}"
    for table in ("sources", "articles", "article_urls", "article_bands", "events",
                  "event_articles", "event_merges"):
        assert after[table] == before[table], f"second run changed {table}"
    with engine.connect() as conn:
        assert conn.scalar(select(Feed.last_error).where(Feed.url == good_feed)) is None


def test_every_request_names_wirehouse_and_its_version(first_run: FirstRun):
    from wirehouse import __version__

    agents = {r.headers.get("user-agent", "") for r in first_run.requests}
    assert agents and all(f"wirehouse/{__version__}" in agent for agent in agents)


def _begin_dag_run(run_id: str, settings: Settings) -> str:
    """A DAG run's begin task without Airflow: the run lease, then the runs row."""
    from wirehouse.pipeline import begin_run, take_run_lease

    take_run_lease(run_id, settings)
    return begin_run(settings, run_id)


def _interrupt_after_fetching(settings: Settings, engine: Engine) -> None:
    """A DAG run that fetched every due feed and died before loading: feeds have new
    validators, pages are archived and pending, nothing is loaded; its failure callback gave
    the run lease back."""
    from wirehouse.pipeline import fetch_feed_batch, plan_feed_batches

    run_id = _begin_dag_run("interrupted", settings)
    for batch in plan_feed_batches(settings):
        fetch_feed_batch(batch, run_id, settings)
    lease.release(engine, run_id)
    assert _articles(engine) == []
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(PendingPage)) > 0


def test_pages_fetched_by_an_interrupted_run_are_loaded_by_the_next(
    demo_settings, engine, demo, expected
):
    _interrupt_after_fetching(demo_settings, engine)
    demo.clear_requests()
    summary = run_once(demo_settings)
    # a malformed feed is refetched in full while it stays broken (issue 17)
    malformed = {f.url.split("/", 3)[3] for f in expected_feeds(demo.base_urls) if f.kind == "malformed"}
    pages = [r for r in demo.requests if r.status == 200 and r.path != "/robots.txt"
             and r.path.lstrip("/") not in malformed]
    assert pages == [], "the next run fetched again instead of loading from the archive"
    stored = {row.canonical_url for row in _articles(engine)}
    assert stored == {a.canonical_url for a in expected if not a.robots_disallowed}
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(PendingPage)) == 0
        runs = {run.id: run for run in conn.execute(select(Run))}
    # the run that loaded the leftovers reports them, in its summary and its runs row
    assert summary.articles_new == len(stored) > 0
    assert runs[summary.run_id].articles_new == len(stored)
    assert summary.stories["events_created"] > 0
    assert runs[summary.run_id].events_touched >= summary.stories["events_created"]
    assert runs["interrupted"].articles_new == 0


def test_a_dag_run_counts_the_leftovers_it_loads_once_however_often_finish_runs(
    demo_settings, engine, demo
):
    from wirehouse.pipeline import finish_ingest

    _interrupt_after_fetching(demo_settings, engine)
    run_id = _begin_dag_run("next", demo_settings)  # its begin loads the leftovers
    stored = len(_articles(engine))
    # no batch of its own loaded anything (its load tasks' counts are empty): a retried finish
    # reads the same rows and records the same figure
    for _attempt in range(2):
        assert finish_ingest(run_id, [], demo_settings)["articles_new"] == stored > 0
        with engine.connect() as conn:
            assert conn.scalar(select(Run.articles_new).where(Run.id == run_id)) == stored
    lease.release(engine, run_id)
