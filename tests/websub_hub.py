"""Loopback pieces for the push tests: a real WebSub hub (the ``flask-websub`` package's, run
with Celery in eager mode so each request's work happens inside it), a news site publishing
through it, and our callback app served by uvicorn.

flask-websub's hub verifies a subscriber's intent while answering its request, and on
``hub.mode=publish`` fetches the topic (which must send ``Link`` rel="hub" and rel="self") and
POSTs it, signed with the subscription's secret, to every callback before answering.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Self

import httpx
import uvicorn
from celery import Celery
from flask import Flask
from flask_websub.hub import Hub, SQLite3HubStorage
from sqlalchemy import Engine
from starlette.types import ASGIApp
from werkzeug.serving import make_server

from wirehouse.push_app import create_app
from wirehouse.settings import Settings

RSS_TYPE = "application/rss+xml; charset=utf-8"

STORY = (
    "The river ferry between the two market towns resumed its crossings on Monday after the "
    "spring floods, and the operator said the new landing stage would let it carry twice as "
    "many bicycles as before. Passengers queued from early morning with crates of vegetables "
    "and the first school groups of the season, while the pilot checked the depth gauge at "
    "every bend of the channel. The county engineer said the dredging finished a week early "
    "and that the old timber piles would be kept as a memorial to the crossing's first keeper."
)


def article_page(title: str) -> bytes:
    paragraphs = "".join(f"<p>{title}. {sentence}.</p>" for sentence in STORY.split(". "))
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            f"</head><body><article><h1>{title}</h1><p class='byline'>By Ines Varga</p>"
            f"{paragraphs}</article></body></html>").encode()


def feed(topic_url: str, hub_url: str, links: list[str]) -> bytes:
    items = "".join(f"<item><title>Ferry story {i}</title><link>{link}</link>"
                    f"<pubDate>Tue, 01 Dec 2026 0{i % 10}:00:00 GMT</pubDate></item>"
                    for i, link in enumerate(links))
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0' "
            "xmlns:atom='http://www.w3.org/2005/Atom'><channel><title>River News</title>"
            f"<link>{topic_url}</link><atom:link rel='hub' href='{hub_url}'/>"
            f"<atom:link rel='self' href='{topic_url}'/>{items}</channel></rss>").encode()


class LoopbackHub:
    """flask-websub's hub on 127.0.0.1, publishing allowed, leases from 1 s."""

    def __init__(self, tmp_path: Path, signature_algorithm: str = "sha512") -> None:
        celery = Celery("loopback-hub", broker="memory://")
        celery.conf.task_always_eager = True
        app = Flask("loopback-hub")
        app.config.update(PUBLISH_SUPPORTED=True, HUB_MIN_LEASE_SECONDS=1)
        self.hub = Hub(SQLite3HubStorage(str(tmp_path / "hub.sqlite3")), celery,
                       REQUEST_TIMEOUT=30, MAX_ATTEMPTS=1,
                       SIGNATURE_ALGORITHM=signature_algorithm)
        app.register_blueprint(self.hub.build_blueprint(url_prefix="/hub"))
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}/hub"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._thread.join()

    def publish(self, topic_url: str) -> httpx.Response:
        """Tell the hub the topic changed; it pushes to every subscriber before answering."""
        return httpx.post(self.url, data={"hub.mode": "publish", "hub.topic": topic_url},
                          timeout=60, trust_env=False)

    def callbacks(self, topic_url: str) -> list[str]:
        return [callback for callback, _secret in self.hub.storage.get_callbacks(topic_url)]


class Callback:
    """Our callback app (wirehouse.push_app's, or ``app`` when given: the Airflow plugin's)
    served by uvicorn in a thread."""

    def __init__(self, engine: Engine, settings: Settings, port: int | socket.socket,
                 app: ASGIApp | None = None) -> None:
        """``port``: a socket from :func:`faultserver.bound_socket` to serve on (or a port
        number)."""
        sockets = [port] if isinstance(port, socket.socket) else None
        self.port = port.getsockname()[1] if isinstance(port, socket.socket) else port
        config = uvicorn.Config(app or create_app(engine, settings), host="127.0.0.1",
                                port=self.port, log_level="warning", lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": sockets},
                                        daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        deadline = time.monotonic() + 120  # ends early: only a loaded machine waits long
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the callback server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.should_exit = True
        self._thread.join()
