"""The WebSub callback inside the Airflow API server: the plugin's FastAPI app mounted the way
Airflow mounts plugin apps (its own init_plugins), reachable by hubs without an Airflow login
while the Wirehouse page stays behind Airflow's authentication; then a real hub
(flask-websub's) subscribing, verifying and pushing through the plugin-mounted callback."""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from faultserver import FaultServer, Reply, bound_socket
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from websub_hub import RSS_TYPE, Callback, LoopbackHub, article_page, feed

from extract.archive import ArchiveRef, read_record
from load import db
from load import websub as state
from load.models import ArticleUrl, PushOutbox, WebSubSubscription
from transform.websub import sign
from wirehouse import push
from wirehouse.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

import wirehouse_plugin

TOPIC = "https://news.example/feed.xml"
HUB = "https://hub.example/"
BODY = feed(TOPIC, HUB, ["https://news.example/a/1.html"])


def api_server(engine: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    """An API server app with the plugin's app mounted by Airflow's own code, under the
    plugin's url_prefix."""
    from airflow import plugins_manager
    from airflow.api_fastapi.app import init_plugins

    plugin_app = wirehouse_plugin.create_app(engine=lambda: engine, settings=lambda: settings,
                                             airflow_runs=lambda dags: ())
    entry = {"app": plugin_app, "url_prefix": wirehouse_plugin.URL_PREFIX, "name": "Wirehouse"}
    monkeypatch.setattr(plugins_manager, "get_fastapi_plugins", lambda: ([entry], []))
    root = FastAPI()
    init_plugins(root)
    return root


@pytest.fixture
def push_settings(settings: Settings) -> Settings:
    return dataclasses.replace(settings, host_delay=0.0, push_max_body_bytes=64 * 1024,
                               websub_callback_url="http://127.0.0.1:9/wirehouse/websub")


@pytest.fixture
def client(engine: Engine, push_settings: Settings,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    with TestClient(api_server(engine, push_settings, monkeypatch)) as test_client:
        yield test_client


def _requested(engine: Engine) -> WebSubSubscription:
    with db.session_scope(engine) as session:
        sub = state.request_subscription(session, TOPIC, HUB, "http://127.0.0.1:9/wirehouse/websub",
                                         600, datetime.now(UTC))
        session.flush()
        session.expunge(sub)
    return sub


def _rows(engine: Engine) -> list[PushOutbox]:
    with Session(engine) as session:
        return list(session.scalars(select(PushOutbox).order_by(PushOutbox.id)))


def test_verification_is_echoed_without_an_airflow_login(engine, client) -> None:
    sub = _requested(engine)
    assert sub.callback_url.endswith(f"/wirehouse/websub/{sub.id}")
    answer = client.get(f"/wirehouse/websub/{sub.id}", params={
        "hub.mode": "subscribe", "hub.topic": TOPIC, "hub.challenge": "ch4llenge-9",
        "hub.lease_seconds": "600"})
    assert (answer.status_code, answer.text) == (200, "ch4llenge-9")
    with Session(engine) as session:
        assert session.get(WebSubSubscription, sub.id).state == "verified"
    # the page beside it still wants an Airflow user
    assert client.get("/wirehouse/").status_code == 401


def test_verification_nobody_asked_for_is_404(engine, client) -> None:
    sub = _requested(engine)
    other_topic = {"hub.mode": "subscribe", "hub.topic": "https://evil.example/feed",
                   "hub.challenge": "x", "hub.lease_seconds": "600"}
    assert client.get(f"/wirehouse/websub/{sub.id}", params=other_topic).status_code == 404
    not_pending = {"hub.mode": "unsubscribe", "hub.topic": TOPIC, "hub.challenge": "x"}
    assert client.get(f"/wirehouse/websub/{sub.id}", params=not_pending).status_code == 404
    unknown = {"hub.mode": "subscribe", "hub.topic": TOPIC, "hub.challenge": "x",
               "hub.lease_seconds": "600"}
    assert client.get("/wirehouse/websub/99999", params=unknown).status_code == 404
    with Session(engine) as session:
        assert session.get(WebSubSubscription, sub.id).state == "requested"


def _verify(client: TestClient, sub_id: int) -> None:
    answer = client.get(f"/wirehouse/websub/{sub_id}", params={
        "hub.mode": "subscribe", "hub.topic": TOPIC, "hub.challenge": "c",
        "hub.lease_seconds": "600"})
    assert answer.status_code == 200


def test_signed_push_goes_into_the_outbox(engine, client) -> None:
    sub = _requested(engine)
    _verify(client, sub.id)
    answer = client.post(f"/wirehouse/websub/{sub.id}", content=BODY, headers={
        "Content-Type": RSS_TYPE, "X-Hub-Signature": sign(sub.secret, BODY, "sha256")})
    assert answer.status_code == 202
    [row] = _rows(engine)
    assert (row.kind, row.state, row.subscription_id, row.topic_url) == ("fat", "received",
                                                                         sub.id, TOPIC)
    assert read_record(ArchiveRef(row.archive_path, row.archive_offset)).body == BODY


@pytest.mark.parametrize("signature", [None, "sha256=" + "0" * 64])
def test_bad_signature_is_acknowledged_and_discarded(engine, client, caplog, signature) -> None:
    sub = _requested(engine)
    _verify(client, sub.id)
    headers = {"Content-Type": RSS_TYPE}
    if signature is not None:
        headers["X-Hub-Signature"] = signature
    with caplog.at_level(logging.WARNING, logger="wirehouse.push"):
        answer = client.post(f"/wirehouse/websub/{sub.id}", content=BODY, headers=headers)
    assert answer.status_code == 202
    assert _rows(engine) == []
    assert any("discarded" in r.getMessage() for r in caplog.records)


def test_plugin_import_needs_no_warehouse() -> None:
    """The callback's engine and settings are made on its first request, not when Airflow
    imports the plugin (in the scheduler, the DAG processor, `airflow plugins`)."""

    def not_yet() -> Engine:
        raise AssertionError("the warehouse was opened before any request")

    def no_settings() -> Settings:
        raise AssertionError("the settings were read before any request")

    app = wirehouse_plugin.create_app(engine=not_yet, settings=no_settings)
    assert any(getattr(route, "path", "") == wirehouse_plugin.WEBSUB_PATH for route in app.routes)


def test_real_hub_through_the_plugin_mounted_callback(engine, settings, tmp_path,
                                                      monkeypatch) -> None:
    listener = bound_socket()
    port = listener.getsockname()[1]
    push_settings = dataclasses.replace(
        settings, host_delay=0.0, websub_lease_seconds=3600,
        websub_callback_url=f"http://127.0.0.1:{port}/wirehouse/websub")
    app = api_server(engine, push_settings, monkeypatch)
    with listener, FaultServer() as site, LoopbackHub(tmp_path) as hub, \
            Callback(engine, push_settings, listener, app=app):
        topic = site.url("/feed.xml")
        site.route("/news/ferry-1.html", Reply(200, body=article_page("Ferry landing reopens")))
        site.route("/feed.xml", Reply(200, body=feed(topic, hub.url, [site.url("/news/ferry-1.html")]),
                                      content_type=RSS_TYPE,
                                      headers=(("Link", f'<{hub.url}>; rel="hub", <{topic}>; rel="self"'),)))
        sub = push.subscribe(engine, push_settings, topic)
        assert (sub.state, sub.callback_url) == ("verified", f"{push_settings.websub_callback_url}/{sub.id}")
        assert hub.callbacks(topic) == [sub.callback_url]
        assert hub.publish(topic).status_code == 202
        assert [(r.kind, r.state) for r in _rows(engine)] == [("fat", "received")]
        push.drain(engine, push_settings)
        with Session(engine) as session:
            assert site.url("/news/ferry-1.html") in set(session.scalars(select(ArticleUrl.url)))
        unsubscribed = push.unsubscribe(engine, push_settings, topic)
        assert [s.state for s in unsubscribed] == ["unsubscribed"]
        assert hub.callbacks(topic) == []
