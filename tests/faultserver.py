"""A scriptable, fault-injecting HTTP server on 127.0.0.1 (ephemeral port) for tests.

    with FaultServer() as server:
        server.route("/feed.xml", Reply(500), Reply(200, body=b"<rss .../>"))
        url = server.url("/feed.xml")

Each route answers with its replies in order, repeating the last one. A route may instead be a
function of the :class:`SeenRequest` returning a :class:`Reply` (for conditional GET). Unknown
paths answer 404. Faults: ``delay`` before the status line, ``trickle`` seconds between body
chunks of ``chunk_size`` bytes (until ``released``, when given, is set: then the connection
closes mid-body), ``chunked`` transfer encoding (no Content-Length), ``reset`` to drop the
connection with a TCP RST. Every request is recorded in ``server.requests`` with its arrival
time.
"""

from __future__ import annotations

import socket
import struct
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self

from extract.guard import AddressPolicy
from wirehouse.settings import Settings, load_settings


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    trickle: float = 0.0
    chunk_size: int = 1
    reset: bool = False
    chunked: bool = False  # Transfer-Encoding: chunked, so the length is not known up front
    # a trickle held until the test sets this (the connection then closes mid-body): a hostile
    # host whose hold ends on an event of the test's choosing, not after some wall time
    released: threading.Event | None = None


@dataclass(frozen=True)
class SeenRequest:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() on arrival
    port: int


Responder = Callable[[SeenRequest], Reply]


@dataclass
class _Route:
    replies: list[Reply] = field(default_factory=list)
    responder: Responder | None = None
    served: int = 0

    def next(self, request: SeenRequest) -> Reply:
        if self.responder is not None:
            return self.responder(request)
        reply = self.replies[min(self.served, len(self.replies) - 1)]
        self.served += 1
        return reply


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    # An idle keep-alive connection is closed after this long. Far above any test's length, so
    # a client slowed by machine load never reuses a connection the server has just dropped.
    timeout = 300

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        owner = self.server.owner
        request = SeenRequest(path=self.path, headers={k.lower(): v for k, v in self.headers.items()},
                              at=time.monotonic(), port=owner.port)
        with owner.lock:
            owner.requests.append(request)
            route = owner.routes.get(self.path)
            reply = route.next(request) if route else Reply(404, b"not found", "text/plain")
        if reply.delay:
            time.sleep(reply.delay)
        if reply.reset:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        self.send_response(reply.status)
        if reply.content_type:
            self.send_header("Content-Type", reply.content_type)
        names = {k.lower() for k, _ in reply.headers}
        for key, value in reply.headers:
            self.send_header(key, value)
        if reply.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif "content-length" not in names:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        try:
            if reply.chunked:
                step = max(reply.chunk_size, 4096)
                for start in range(0, len(reply.body), step):
                    piece = reply.body[start:start + step]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.write(b"0\r\n\r\n")
            elif reply.trickle:
                for start in range(0, len(reply.body), reply.chunk_size):
                    self.wfile.write(reply.body[start:start + reply.chunk_size])
                    self.wfile.flush()
                    if reply.released is None:
                        time.sleep(reply.trickle)
                    elif reply.released.wait(reply.trickle):
                        self.close_connection = True
                        return
            else:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # listen() backlog: the default 5 overflows when a run opens many connections at once while
    # the loaded machine is slow to accept them; the kernel then drops SYNs and the client's
    # connect retries after a second or more, eating the short timeouts the tests set
    request_queue_size = 128

    def __init__(self, owner: FaultServer) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.owner = owner

    def handle_error(self, request, client_address) -> None:
        """A client hanging up mid-request is one of the faults under test, not a server bug:
        only other errors are printed (on stderr, where in-process command tests read)."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


def bound_socket() -> socket.socket:
    """A socket bound to a free 127.0.0.1 port, not listening: no other process can take the
    port while it is held, and connections to it are refused until a server listens on it
    (websub_hub's Callback), which leaves no window between choosing the port and serving."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    return sock


def free_port() -> int:
    """A port free a moment ago: for a server in another process, which cannot be handed a
    socket (use :func:`bound_socket` for one in this process). Another process may take it
    meanwhile, so such a server's start must allow for that: given the server's output
    (``logs``), waiting.wait_for raises PortTakenError, and the start is tried again on other ports."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class FaultServer:
    """Context manager running the server in a background thread."""

    def __init__(self) -> None:
        self.routes: dict[str, _Route] = {}
        self.requests: list[SeenRequest] = []
        self.lock = threading.Lock()
        self._server = _Server(self)
        self.port: int = self._server.server_address[1]
        self.host = "127.0.0.1"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def route(self, path: str, *replies: Reply) -> None:
        if not replies:
            raise ValueError("a route needs at least one reply")
        with self.lock:
            self.routes[path] = _Route(replies=list(replies))

    def respond(self, path: str, responder: Responder) -> None:
        with self.lock:
            self.routes[path] = _Route(responder=responder)

    def seen(self, path: str) -> list[SeenRequest]:
        with self.lock:
            return [r for r in self.requests if r.path == path]


__all__ = ["FaultServer", "Reply", "Responder", "SeenRequest", "bound_socket", "free_port"]


def loopback_policy(*servers: FaultServer) -> AddressPolicy:
    """An address policy that lets requests reach these servers (the fetch guard refuses
    loopback addresses otherwise)."""
    return AddressPolicy(allowed_endpoints=frozenset((s.host, s.port) for s in servers))


def quick_fetch_settings(**overrides: object) -> Settings:
    """Settings for fetching from a :class:`FaultServer`: no host delay, retries 10 ms apart,
    a 2 s connect timeout; ``overrides`` on top."""
    base: dict[str, object] = {"host_delay": 0.0, "retry_base_delay": 0.01, "max_retries": 0,
                               "connect_timeout": 2.0}
    return load_settings(env={}, **{**base, **overrides})
