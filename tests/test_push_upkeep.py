"""The outbox drained by several drains at once without an entry processed twice, by bounded
drains (rows, time) that leave the rest to the next drain, and by the nightly run; and the
subscriptions kept by it: a feed that left the feed list is unsubscribed, one never in it is
left alone, and one being ended is not renewed meanwhile."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from faultserver import FaultServer, Reply
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from websub_hub import article_page

from extract.feedlist import FeedSpec
from load import db
from load import websub as state
from load.models import ArticleUrl, PushOutbox, WebSubSubscription
from load.upsert import upsert_feeds
from wirehouse import push
from wirehouse.pipeline import begin_run
from wirehouse.settings import Settings


@pytest.fixture
def fast(settings: Settings) -> Settings:
    return dataclasses.replace(settings, host_delay=0.0, load_batch_size=4)


def _queue_pages(site: FaultServer, engine: Engine, settings: Settings, count: int) -> list[str]:
    urls = []
    for n in range(count):
        site.route(f"/a/{n}.html", Reply(200, body=article_page(f"Ferry crossing {n}")))
        urls.append(site.url(f"/a/{n}.html"))
    push.submit_urls(engine, settings, urls)
    return urls


@pytest.mark.parametrize("warehouse_url", ["postgresql"], indirect=True)
def test_concurrent_drains_take_each_row_once(engine, fast, site) -> None:
    urls = _queue_pages(site, engine, fast, 24)
    start = threading.Barrier(3)
    summaries: list[push.DrainSummary] = []
    errors: list[BaseException] = []

    def drain() -> None:
        try:
            start.wait()
            summaries.append(push.drain(engine, fast))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=drain) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    assert not errors, errors
    assert sum(s.rows for s in summaries) == 24  # each row claimed by one drain only
    with Session(engine) as session:
        rows = session.scalars(select(PushOutbox)).all()
        assert {(r.state, r.attempts) for r in rows} == {("done", 1)}
        assert set(urls) <= set(session.scalars(select(ArticleUrl.url)))
    assert all(len(site.seen(f"/a/{n}.html")) == 1 for n in range(24))


def _outbox(engine: Engine) -> list[tuple[str, int]]:
    with Session(engine) as session:
        return [(r.state, r.attempts)
                for r in session.scalars(select(PushOutbox).order_by(PushOutbox.id))]


def test_a_bounded_drain_stops_at_its_row_bound_and_tells_rows_are_left(
    engine, fast, site
) -> None:
    _queue_pages(site, engine, fast, 4)
    bounded = dataclasses.replace(fast, push_drain_max_rows=3)  # batches of 4 otherwise
    first = push.drain(engine, bounded, bounded=True)
    assert (first.rows, first.counts["inserted"], first.more) == (3, 3, True)
    assert _outbox(engine) == [("done", 1)] * 3 + [("received", 0)]  # the rest not claimed
    second = push.drain(engine, bounded, bounded=True)
    assert (second.rows, second.more) == (1, False)
    last = push.drain(engine, bounded, bounded=True)
    assert (last.rows, last.more) == (0, False)
    assert _outbox(engine) == [("done", 1)] * 4  # each row drained once
    assert all(len(site.seen(f"/a/{n}.html")) == 1 for n in range(4))


def test_a_drain_at_its_bound_with_nothing_left_tells_none_is_left(engine, fast, site) -> None:
    _queue_pages(site, engine, fast, 2)
    summary = push.drain(engine, dataclasses.replace(fast, push_drain_max_rows=2), bounded=True)
    assert (summary.rows, summary.more) == (2, False)


def test_a_bounded_drain_begins_no_batch_past_its_time_bound(engine, fast, site) -> None:
    _queue_pages(site, engine, fast, 3)
    timed = dataclasses.replace(fast, load_batch_size=1, push_drain_max_seconds=1e-6)
    first = push.drain(engine, timed, bounded=True)
    assert (first.rows, first.more) == (1, True)  # its first batch, begun within the bound
    assert _outbox(engine) == [("done", 1), ("received", 0), ("received", 0)]
    rest = push.drain(engine, timed)  # unbounded (`push --drain`, the nightly run): all
    assert (rest.rows, rest.more) == (2, False)
    assert _outbox(engine) == [("done", 1)] * 3


@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_consecutive_batches_of_a_drain_keep_the_host_delay(engine, fast, site) -> None:
    _queue_pages(site, engine, fast, 3)
    spaced = dataclasses.replace(fast, load_batch_size=1, host_delay=2.0)
    assert push.drain(engine, spaced).rows == 3  # three batches, each with a fetcher of its own
    arrivals = [(r.path, r.at) for r in site.requests]
    assert [path for path, _at in arrivals] == [
        "/robots.txt", "/a/0.html", "/robots.txt", "/a/1.html", "/robots.txt", "/a/2.html"]
    # a batch's first request (robots.txt again) comes a host delay after the last one of the
    # batch before: a batch begins only then (gaps within a batch are the fetcher's)
    gaps = [at - arrivals[n - 1][1] for n, (_path, at) in enumerate(arrivals) if n in (2, 4)]
    assert all(gap >= 2.0 for gap in gaps), gaps


def test_a_batch_on_other_hosts_waits_for_no_host_delay(engine, fast, site) -> None:
    """Spacing between batches is per host: a batch whose hosts the batch before did not
    request begins at once (within a batch, robots.txt and the page are the fetcher's to
    space)."""
    with FaultServer() as other:
        other.route("/b/0.html", Reply(200, body=article_page("Harbour dredging resumes")))
        site.route("/a/0.html", Reply(200, body=article_page("Ferry crossing 0")))
        push.submit_urls(engine, fast, [site.url("/a/0.html"), other.url("/b/0.html")])
        spaced = dataclasses.replace(fast, load_batch_size=1, host_delay=10.0)
        assert push.drain(engine, spaced).rows == 2  # two batches, one host each
        first = [(r.path, r.at) for r in site.requests]
        second = [(r.path, r.at) for r in other.requests]
    assert [p for p, _at in first] == ["/robots.txt", "/a/0.html"]
    assert [p for p, _at in second] == ["/robots.txt", "/b/0.html"]
    gap = second[0][1] - first[-1][1]
    assert gap < 5.0, gap  # well short of the 10 s a host the batch before requested waits


def test_serve_drains_what_a_bounded_drain_left_at_once(engine, fast, site, monkeypatch) -> None:
    from wirehouse.push_app import Drainer

    monkeypatch.setattr(push, "warm", lambda _settings: None)  # not this test's concern
    clustered: list[int] = []
    monkeypatch.setattr(push, "cluster_pushed", lambda *_args: clustered.append(1))
    _queue_pages(site, engine, fast, 3)
    # one row per drain, and no sweep for an hour: only "rows left" can start the next drains
    settings = dataclasses.replace(fast, push_drain_max_rows=1, push_drain_interval=3600.0,
                                   push_events_delay=0.1, push_events_max_wait=0.1)
    drainer = Drainer(engine, settings)
    drainer.start()
    try:
        deadline = time.monotonic() + 120
        while _outbox(engine) != [("done", 1)] * 3:
            assert time.monotonic() < deadline, _outbox(engine)
            time.sleep(0.1)
    finally:
        drainer.stop()
    assert all(len(site.seen(f"/a/{n}.html")) == 1 for n in range(3))


def _opml(path: Path, urls: list[str]) -> Path:
    outlines = "".join(f'<outline type="rss" text="f{n}" xmlUrl="{u}"/>' for n, u in enumerate(urls))
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>'
                    f"feeds</title></head><body>{outlines}</body></opml>\n")
    return path


def test_the_nightly_run_drains_the_outbox_first(engine, fast, site, tmp_path) -> None:
    [url] = _queue_pages(site, engine, fast, 1)
    listed = dataclasses.replace(fast, feeds=_opml(tmp_path / "feeds.opml",
                                                   [site.url("/feed.xml")]))
    begin_run(listed, "night-1")
    with Session(engine) as session:
        assert [r.state for r in session.scalars(select(PushOutbox))] == ["done"]
        assert url in set(session.scalars(select(ArticleUrl.url)))
    begin_run(listed, "night-2")  # nothing left: no row taken twice, no page fetched twice
    with Session(engine) as session:
        assert [r.attempts for r in session.scalars(select(PushOutbox))] == [1]
    assert len(site.seen("/a/0.html")) == 1


def _sub(session: Session, topic: str, state_: str, feed_url: str | None = None,
         lease_left: timedelta = timedelta(days=5)) -> WebSubSubscription:
    now = datetime.now(UTC)
    sub = WebSubSubscription(topic_url=topic, hub_url="http://127.0.0.1:1/hub",
                             callback_url="http://127.0.0.1:2/websub/1", secret="s" * 64,
                             state=state_, pushes=0, requested_at=now, feed_url=feed_url,
                             lease_expires_at=now + lease_left)
    session.add(sub)
    return sub


def test_departed_feeds_are_ended_and_others_left_alone(engine, fast, tmp_path) -> None:
    listed, departed, lapsed, never = (f"https://{h}.example/feed.xml"
                                       for h in ("listed", "departed", "lapsed", "never"))
    with db.session_scope(engine) as session:
        upsert_feeds(session, [FeedSpec(listed), FeedSpec(departed), FeedSpec(lapsed)])
        _sub(session, listed, "verified")
        # subscribed from the feed URL; the hub knows it by another self URL
        _sub(session, "https://departed.example/self", "verified", feed_url=departed)
        _sub(session, lapsed, "expired", lease_left=-timedelta(hours=1))
        _sub(session, never, "verified")  # subscribed by hand, never in the feed list
    settings = dataclasses.replace(
        fast, feeds=_opml(tmp_path / "feeds.opml", [listed]),
        websub_callback_url="http://127.0.0.1:2/websub", connect_timeout=1.0, max_retries=0)
    result = push.unsubscribe_departed(engine, settings)
    # the departed one's hub is unreachable here: the request fails and is reported
    assert result["unsubscribed"] == 0 and len(result["failed"]) == 1
    with Session(engine) as session:
        subs = {s.topic_url: s for s in session.scalars(select(WebSubSubscription))}
    assert subs[listed].state == subs[never].state == "verified"
    assert subs[lapsed].state == "unsubscribed"  # no lease left: nothing to ask the hub
    assert subs["https://departed.example/self"].last_error


def test_a_subscription_being_ended_is_not_renewed(engine, fast) -> None:
    with db.session_scope(engine) as session:
        ending = _sub(session, "https://a.example/feed.xml", "verified",
                      lease_left=timedelta(minutes=1))
        ending.pending_mode = "unsubscribe"
        due = _sub(session, "https://b.example/feed.xml", "verified",
                   lease_left=timedelta(minutes=1))
        session.flush()
        due_id = due.id
    with db.session_scope(engine) as session:
        assert state.due_for_renewal(session, datetime.now(UTC), 3600) == [due_id]


def test_renewal_needs_no_callback_url_when_nothing_is_due(engine, fast) -> None:
    assert not fast.websub_callback_url
    assert push.renew_due(engine, fast) == {"due": 0, "failed": []}
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(WebSubSubscription)) == 0


def test_a_subscription_setting_missing_does_not_stop_the_nightly_run(engine, fast, site,
                                                                      tmp_path, caplog) -> None:
    # a lease ends soon and no WIREHOUSE_WEBSUB_CALLBACK_URL is set: the hourly wirehouse_websub
    # DAG fails on it and alerts; the night's ingest goes on, its outbox drained
    [url] = _queue_pages(site, engine, fast, 1)
    with db.session_scope(engine) as session:
        _sub(session, "https://a.example/feed.xml", "verified", lease_left=timedelta(minutes=5))
    listed = dataclasses.replace(fast, feeds=_opml(tmp_path / "feeds.opml",
                                                   [site.url("/feed.xml")]))
    with caplog.at_level(logging.WARNING, logger="wirehouse.push"):
        begin_run(listed, "night-1")
    assert any("WebSub subscriptions not kept up this run" in r.getMessage()
               and "WIREHOUSE_WEBSUB_CALLBACK_URL" in r.getMessage() for r in caplog.records)
    with Session(engine) as session:
        assert url in set(session.scalars(select(ArticleUrl.url)))
