"""The WebSub callback as a small ASGI app (Starlette), and `wirehouse serve`, which runs it
with uvicorn and drains the outbox itself. The same routes (:func:`websub_routes`) serve the
callback inside the Airflow API server, mounted by the plugin (plugins/wirehouse_plugin.py).

Routes: ``GET /websub/<id>`` answers a hub's verification of intent (the challenge echoed only
for a request we made, else 404); ``POST /websub/<id>`` receives a push: the body is read within
``push_max_body_bytes`` (raw and inflated), checked, archived and put in the outbox before the
answer (wirehouse.push.PushWriter: the pushes arriving together share one transaction and
one WARC fsync, each answered once its batch is committed); ``GET /healthz`` says the server
is up. With ``push_redis_url`` set, `wirehouse serve` also queues the article URLs other systems
publish on ``push_submit_channel`` (wirehouse/push_submit.py).
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from types import FrameType

from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route

from load import db
from load import websub as state
from transform.websub import BodyTooLarge, VerificationRefused, WebSubError, inflate
from wirehouse import push
from wirehouse.errors import PipelineError
from wirehouse.push_submit import SubmissionListener, check_redis_accepts
from wirehouse.settings import Settings
from wirehouse.wording import counted

log = logging.getLogger(__name__)


class _TopicRate:
    """At most ``per_minute`` accepted pushes per subscription in any 60 s (in this process)."""

    def __init__(self, per_minute: int) -> None:
        self._per_minute = per_minute
        self._seen: dict[int, deque[float]] = {}
        self._lock = threading.Lock()

    def wait_time(self, sub_id: int) -> float:
        """0 when a push may be taken now (and counts it), else seconds until one may."""
        now = time.monotonic()
        with self._lock:
            seen = self._seen.setdefault(sub_id, deque())
            while seen and seen[0] <= now - 60.0:
                seen.popleft()
            if len(seen) >= self._per_minute:
                return max(0.001, seen[0] + 60.0 - now)
            seen.append(now)
            return 0.0


def websub_routes(engine: Engine, settings: Settings,
                  on_stored: Callable[[], None] | None = None,
                  writer: push.PushWriter | None = None) -> list[Route]:
    """The callback's routes, ``/<id>`` relative to where they are mounted, on ``engine``;
    pushes are stored by ``writer`` (group commit; one of their own when not given, living as
    long as the process); after each push is committed, it is published on Redis
    (push.Notifier) and ``on_stored`` is called."""
    rate = _TopicRate(settings.push_max_per_minute)
    writer = writer or push.PushWriter(engine, settings)
    notify = push.Notifier(settings)
    limit = settings.push_max_body_bytes

    async def verify(request: Request) -> Response:
        sub_id = request.path_params["sub_id"]
        params = {k: v for k, v in request.query_params.items()}

        def apply() -> str:
            with db.session_scope(engine) as session:
                return state.answer_verification(session, sub_id, params, push._now()).challenge

        try:
            challenge = await run_in_threadpool(apply)
        except (VerificationRefused, state.SubscriptionNotFound) as exc:
            log.warning("verification request for subscription %s refused: %s", sub_id, exc)
            return PlainTextResponse("not found\n", status_code=404)
        return PlainTextResponse(challenge)

    async def receive(request: Request) -> Response:
        sub_id = request.path_params["sub_id"]
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return PlainTextResponse(f"body over {limit} bytes\n", status_code=413)
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                return PlainTextResponse(f"body over {limit} bytes\n", status_code=413)
            chunks.append(chunk)
        raw = b"".join(chunks)
        try:
            body = inflate(raw, request.headers.get("content-encoding", ""), limit)
        except BodyTooLarge as exc:
            return PlainTextResponse(f"{exc}\n", status_code=413)
        except WebSubError as exc:
            return PlainTextResponse(f"{exc}\n", status_code=400)
        wait = rate.wait_time(sub_id)
        if wait:
            return PlainTextResponse("too many pushes for this topic\n", status_code=429,
                                     headers={"Retry-After": str(int(wait) + 1)})
        verdict = await asyncio.wrap_future(writer.submit(push.IncomingPush(
            sub_id, raw, body, tuple(request.headers.items()))))
        if verdict.row_id is not None:
            if settings.push_redis_url:
                await run_in_threadpool(notify, verdict.row_id, verdict.kind or "")
            if on_stored is not None:
                on_stored()
        return PlainTextResponse(verdict.note + "\n", status_code=verdict.status)

    return [
        Route("/{sub_id:int}", verify, methods=["GET"]),
        Route("/{sub_id:int}", receive, methods=["POST"]),
    ]


async def _healthz(_request: Request) -> Response:
    return PlainTextResponse("ok\n")


def create_app(engine: Engine, settings: Settings,
               on_stored: Callable[[], None] | None = None) -> Starlette:
    """The callback app of `wirehouse serve`: :func:`websub_routes` under ``/websub``, and
    ``/healthz``; ``app.state.close_writer()`` stores the pushes in hand and closes the WARC
    file."""
    writer = push.PushWriter(engine, settings)
    app = Starlette(routes=[
        Mount("/websub", routes=websub_routes(engine, settings, on_stored, writer)),
        Route("/healthz", _healthz, methods=["GET"]),
    ])
    app.state.close_writer = writer.close
    return app


class EventsFollower:
    """Runs the events stage (push.cluster_pushed) in a thread of its own for the articles
    drains load, so drains go on meanwhile: ``push_events_delay`` seconds after the last drain
    that loaded articles, or ``push_events_max_wait`` after the first, whichever comes sooner,
    so a burst of pushes is clustered once. A failed stage leaves its articles to the next one
    (or the nightly run)."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self._engine = engine
        self._settings = settings
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._first_loaded: float | None = None  # monotonic times of loading drains
        self._last_loaded = 0.0
        self._thread = threading.Thread(target=self._loop, name="push-events", daemon=True)

    def loaded(self) -> None:
        """A drain loaded articles."""
        with self._lock:
            self._last_loaded = time.monotonic()
            if self._first_loaded is None:
                self._first_loaded = self._last_loaded
        self._wake.set()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join()

    def _due_in(self) -> float | None:
        """Seconds until the stage is due (0 or less: now); None when nothing waits."""
        with self._lock:
            if self._first_loaded is None:
                return None
            due = min(self._last_loaded + self._settings.push_events_delay,
                      self._first_loaded + self._settings.push_events_max_wait)
            return due - time.monotonic()

    def _loop(self) -> None:
        while not self._stop.is_set():
            due_in = self._due_in()
            if due_in is None or due_in > 0:
                self._wake.wait(due_in)
                self._wake.clear()
                continue
            with self._lock:
                self._first_loaded = None
            try:
                stories = push.cluster_pushed(self._engine, self._settings)
                if stories is not None:
                    log.info("events for pushed articles: %s", stories)
            except Exception:  # the articles stay unclustered; the next stage takes them
                log.exception("events stage for pushed articles failed")


class Drainer:
    """Drains the outbox in a thread: at once after a push is stored, and every
    ``push_drain_interval`` seconds (a sweep), never sooner than ``host_delay`` after the last
    drain ended, so consecutive drains keep the per-host spacing; before the first, it loads
    what drains and the events stage use (push.warm). Each drain is bounded (push.drain's
    ``bounded``) and one that left rows is followed by the next at once. The events stage
    follows drains that loaded articles (EventsFollower), so under a steady stream of pushes
    it is not held back until the stream ends. Stopped during the warm-up, it does not wait for
    it (seconds of building indexes in memory, which nothing needs once the server stops)."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self._engine = engine
        self._settings = settings
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._warmed = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="push-drain", daemon=True)
        self._events = EventsFollower(engine, settings)

    def notify(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._events.start()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._warmed.is_set():  # else the thread, a daemon, drains nothing once warm
            self._thread.join()
        self._events.stop()

    def _loop(self) -> None:
        try:  # before the first drain; pushes are taken meanwhile
            push.warm(self._settings)
        except Exception:  # the drains load what they need on first use instead
            log.exception("could not load the extraction and events resources ahead")
        self._warmed.set()  # before the stop is looked at: stop() joins a drain begun
        while not self._stop.is_set():
            more = False
            try:
                summary = push.drain(self._engine, self._settings, bounded=True)
                more = summary.more
                if summary.rows:
                    log.info("drained %s: %s wanted, %s%s", counted(summary.rows, "outbox row"),
                             counted(summary.pages_wanted, "page"), summary.counts,
                             "; more left" if more else "")
                if summary.counts.get("inserted", 0) or summary.counts.get("updated", 0):
                    self._events.loaded()
            except Exception:  # the server outlives a failed drain; its rows stay
                log.exception("outbox drain failed; its rows are taken again later")
            self._stop.wait(self._settings.host_delay)
            if not more:
                self._wake.wait(self._settings.push_drain_interval)
            self._wake.clear()


def _server_class() -> type:
    import uvicorn

    class StoppingServer(uvicorn.Server):
        """uvicorn's server, returning on SIGINT or SIGTERM once shut down, the first signal in
        :attr:`stopped_by`: uvicorn raises the signal again after its shutdown, which would end
        the process before the drain stops."""

        stopped_by: int | None = None

        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            super().handle_exit(sig, frame)
            self._captured_signals.clear()
            self.stopped_by = self.stopped_by or sig

    return StoppingServer


class ServeError(PipelineError):
    """`wirehouse serve` cannot listen where it was told to."""


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket listening on ``host`` (a name, an IPv4 or an IPv6 address, which may be
    bracketed as in a URL: "[::1]") and ``port``, of the address family the host resolves to
    (``socket.create_server`` alone takes IPv4 only)."""
    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    family = socket.getaddrinfo(bare, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0][0]
    return socket.create_server((bare, port), family=family)


def _host_port(host: str, port: int) -> str:
    """``host:port`` as a URL writes it: an IPv6 address in brackets."""
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


def serve(settings: Settings, engine: Engine,
          on_listening: Callable[[str], None] | None = None) -> None:
    """Run the callback on ``serve_host``:``serve_port`` and drain the outbox until stopped
    (SIGINT or SIGTERM: the request in hand and the drain under way finish first, and SIGINT
    then raises KeyboardInterrupt, as Ctrl-C does in any other command); with
    ``push_redis_url`` set, it also takes the URLs submitted on ``push_submit_channel``
    (wirehouse.push_submit);
    ``on_listening`` hears the server's base URL once its socket is bound."""
    import uvicorn

    if settings.push_redis_url:
        check_redis_accepts(settings)
    try:
        sock = listening_socket(settings.serve_host, settings.serve_port)
    except OSError as exc:
        # an unknown host's errno is getaddrinfo's (negative, unknown to os.strerror)
        reason = os.strerror(exc.errno) if exc.errno and exc.errno > 0 else exc.strerror or exc
        raise ServeError(
            f"cannot listen on {_host_port(settings.serve_host, settings.serve_port)}: {reason}"
        ) from None
    if on_listening is not None:
        on_listening(f"http://{_host_port(*sock.getsockname()[:2])}")
    drainer = Drainer(engine, settings)
    app = create_app(engine, settings, on_stored=drainer.notify)
    server = _server_class()(uvicorn.Config(app, log_level="warning", lifespan="off"))
    submissions = (SubmissionListener(engine, settings, on_queued=drainer.notify)
                   if settings.push_redis_url else None)
    drainer.start()
    if submissions is not None:
        submissions.start()
    try:
        server.run(sockets=[sock])
    finally:
        if submissions is not None:
            submissions.stop()
        app.state.close_writer()
        drainer.stop()
        sock.close()
    if server.stopped_by == signal.SIGINT:
        raise KeyboardInterrupt


__all__ = ["Drainer", "EventsFollower", "ServeError", "create_app", "serve", "websub_routes"]
