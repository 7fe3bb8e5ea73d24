"""Push ingestion against a real WebSub hub nobody here wrote (flask-websub's, on loopback):
subscribe, verify, publish, receive, drain into articles, renew, unsubscribe; SQLite and
PostgreSQL alike."""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from faultserver import FaultServer, Reply, bound_socket
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from websub_hub import RSS_TYPE, Callback, LoopbackHub, article_page, feed

from extract.websub import HubRequestError
from load.models import ArticleUrl, PushOutbox, WebSubSubscription
from wirehouse import push
from wirehouse.settings import Settings


@pytest.fixture
def hub(tmp_path) -> Iterator[LoopbackHub]:
    with LoopbackHub(tmp_path) as running:
        yield running


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """The callback's socket, held from before its URL is known until the test ends."""
    with bound_socket() as sock:
        yield sock


@pytest.fixture
def push_settings(settings: Settings, listener: socket.socket) -> Settings:
    port = listener.getsockname()[1]
    return dataclasses.replace(settings, websub_callback_url=f"http://127.0.0.1:{port}/websub",
                               serve_port=port, host_delay=0.0, websub_lease_seconds=3600,
                               websub_renew_before=60)


def _publish_feed(site: FaultServer, hub: LoopbackHub, pages: list[str]) -> str:
    topic = site.url("/feed.xml")
    for path in pages:
        site.route(path, Reply(200, body=article_page(f"Ferry {path}")))
    site.route("/feed.xml", Reply(200, body=feed(topic, hub.url, [site.url(p) for p in pages]),
                                  content_type=RSS_TYPE,
                                  headers=(("Link", f'<{hub.url}>; rel="hub", <{topic}>; rel="self"'),)))
    return topic


def _sub(engine: Engine, topic: str) -> WebSubSubscription:
    with Session(engine) as session:
        sub = session.scalar(select(WebSubSubscription).where(WebSubSubscription.topic_url == topic))
        assert sub is not None
        return sub


def _urls(engine: Engine) -> set[str]:
    with Session(engine) as session:
        return set(session.scalars(select(ArticleUrl.url)))


def test_subscribe_publish_renew_unsubscribe(engine, push_settings, listener, site, hub) -> None:
    topic = _publish_feed(site, hub, ["/news/ferry-1.html", "/news/ferry-2.html"])
    with Callback(engine, push_settings, listener):
        sub = push.subscribe(engine, push_settings, topic)
        # the hub verified our intent while answering: the lease is the one it granted
        assert (sub.state, sub.pending_mode) == ("verified", None)
        assert sub.lease_seconds == 3600
        assert sub.lease_expires_at > datetime.now(UTC) + timedelta(seconds=3500)
        assert hub.callbacks(topic) == [sub.callback_url]
        assert sub.callback_url == f"{push_settings.websub_callback_url}/{sub.id}"

        assert hub.publish(topic).status_code == 202
        with Session(engine) as session:
            rows = session.scalars(select(PushOutbox)).all()
        assert [(r.kind, r.state, r.topic_url) for r in rows] == [("fat", "received", topic)]
        assert _sub(engine, topic).pushes == 1

        summary = push.drain(engine, push_settings)
        assert (summary.rows, summary.failed, summary.pages_wanted) == (1, 0, 2)
        assert summary.counts["inserted"] == 2
        assert {site.url("/news/ferry-1.html"), site.url("/news/ferry-2.html")} <= _urls(engine)
        with Session(engine) as session:
            row = session.scalars(select(PushOutbox)).one()
        assert (row.state, row.pages_fetched, row.error) == ("done", 2, None)

        # the same feed published again: a replay, acknowledged and discarded
        assert hub.publish(topic).status_code == 202
        with Session(engine) as session:
            assert session.scalar(select(func.count()).select_from(PushOutbox)) == 1
        assert "replay" in (_sub(engine, topic).last_error or "")

        # a new story: pushed, and only the new page is fetched
        _publish_feed(site, hub, ["/news/ferry-1.html", "/news/ferry-2.html", "/news/ferry-3.html"])
        assert hub.publish(topic).status_code == 202
        summary = push.drain(engine, push_settings)
        assert (summary.rows, summary.pages_wanted, summary.counts["inserted"]) == (1, 1, 1)
        assert len(site.seen("/news/ferry-1.html")) == 1

        # renewal: a lease ending within websub_renew_before is asked for again
        first_verified = _sub(engine, topic).verified_at
        result = push.renew_due(engine, dataclasses.replace(push_settings,
                                                            websub_renew_before=7200))
        assert result == {"due": 1, "failed": []}
        renewed = _sub(engine, topic)
        assert renewed.state == "verified" and renewed.verified_at > first_verified
        assert push.renew_due(engine, push_settings) == {"due": 0, "failed": []}

        [ended] = push.unsubscribe(engine, push_settings, topic)
        assert (ended.state, ended.pending_mode) == ("unsubscribed", None)
        assert hub.callbacks(topic) == []
        _publish_feed(site, hub, ["/news/ferry-4.html"])
        assert hub.publish(topic).status_code == 202
        with Session(engine) as session:
            assert session.scalar(select(func.count()).select_from(PushOutbox)) == 2


def test_lapsed_lease_is_marked_expired_and_renewed(engine, push_settings, listener, site,
                                                    hub) -> None:
    topic = _publish_feed(site, hub, [])
    with Callback(engine, push_settings, listener):
        sub = push.subscribe(engine, push_settings, topic)
        with Session(engine) as session:
            stored = session.get(WebSubSubscription, sub.id)
            stored.lease_expires_at = datetime.now(UTC) - timedelta(seconds=1)
            session.commit()
        assert push.renew_due(engine, push_settings) == {"due": 1, "failed": []}
        assert _sub(engine, topic).state == "verified"


def test_the_nightly_run_renews_a_lease_ending_soon(engine, push_settings, listener, site, hub,
                                                    tmp_path) -> None:
    from wirehouse.pipeline import begin_run

    topic = _publish_feed(site, hub, [])
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(f"sources:\n  - name: Ferry News\n    feeds:\n      - {topic}\n")
    nightly = dataclasses.replace(push_settings, feeds=feeds, websub_renew_before=7200)
    with Callback(engine, push_settings, listener):
        push.subscribe(engine, push_settings, topic)
        first = _sub(engine, topic).verified_at
        begin_run(nightly, "night-1")  # the lease (1 h) ends within the margin (2 h)
        renewed = _sub(engine, topic)
    assert (renewed.state, renewed.pending_mode) == ("verified", None)
    assert renewed.verified_at > first  # asked for again, verified by the hub again
    assert len(hub.callbacks(topic)) == 1


def test_hub_refusal_is_kept_and_reported(engine, push_settings, site, hub) -> None:
    topic = _publish_feed(site, hub, [])
    # a hub endpoint answering 404 refuses the request: recorded, nothing left pending
    with pytest.raises(HubRequestError, match="refused the subscribe request: HTTP 404"):
        push._subscribe_to(engine, push_settings, topic, hub.url + "/nowhere",
                           push_settings.websub_callback_url)
    sub = _sub(engine, topic)
    assert sub.state == "denied" and "HTTP 404" in (sub.last_error or "")
    assert sub.pending_mode is None


def test_feed_without_hub_is_refused(engine, push_settings, site) -> None:
    site.route("/plain.xml", Reply(200, body=b"<rss version='2.0'><channel><title>t</title>"
                                             b"</channel></rss>", content_type=RSS_TYPE))
    with pytest.raises(push.NoHubError, match="announces no WebSub hub"):
        push.subscribe(engine, push_settings, site.url("/plain.xml"))
