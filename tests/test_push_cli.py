"""`wirehouse serve`, `wirehouse websub` and `wirehouse push` as commands: the whole path from a
real hub's publish to an article row and its event row with the server draining the outbox
and running the events stage itself, and bad input
ending in one line."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from cli_call import CliOutcome, call_wirehouse
from faultserver import FaultServer, Reply, free_port
from sqlalchemy import select
from sqlalchemy.orm import Session
from waiting import ADDRESS_IN_USE, PORT_ATTEMPTS
from websub_hub import RSS_TYPE, LoopbackHub, article_page, feed

from load import db
from load import websub as state
from load.models import ArticleUrl, EventArticle, PushOutbox
from transform.websub import body_digest, sign

WAIT = 300.0  # how long a step may take on a loaded machine before the test gives up (60 s
# failed under a load of 40 on 2 cores); every wait ends as soon as its condition holds
# `wirehouse serve` imports the whole pipeline before it answers: on a machine loaded 20-fold
# that alone took over a minute (the wait ends as soon as it answers)
START_WAIT = 600.0


def _env(tmp_path: Path, db_url: str, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREHOUSE_")}
    env.update(
        WIREHOUSE_DATA_DIR=str(tmp_path),
        WIREHOUSE_DB_URL=db_url,
        WIREHOUSE_ALLOW_PRIVATE_HOSTS="1",
        WIREHOUSE_HOST_DELAY="0",
        WIREHOUSE_SERVE_PORT=str(port),
        WIREHOUSE_PUSH_EVENTS_DELAY="0.5",
        WIREHOUSE_WEBSUB_CALLBACK_URL=f"http://127.0.0.1:{port}/websub",
    )
    return env


def _wirehouse(env: dict[str, str], *args: str) -> CliOutcome:
    """The command called in this process (tests/cli_call.py); `serve` itself runs as a real
    process below, where it is killed or must keep running."""
    return call_wirehouse(args, env, Path.cwd())


def _until(check, what: str, wait: float = WAIT) -> None:
    deadline = time.monotonic() + wait
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


_SERVE = (sys.executable, "-m", "wirehouse.cli", "serve")


def _ctrl_c_default() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_serve(
    tmp_path: Path,
    db_url: str,
    extra: dict[str, str] | None = None,
    command: tuple[str, ...] = _SERVE,
) -> tuple[subprocess.Popen[bytes], dict[str, str], int, Path]:
    """`wirehouse serve` (or ``command`` running it) answering on a free port: its process,
    environment, port and stderr file (a file, not a pipe, which would stop the server once
    full). The port is chosen before serve binds it and another process may take it
    meanwhile: serve then ends in "Address already in use" and is started again on another
    port. Ctrl-C is the default's, as from a terminal: a suite started as a shell's background
    job ignores SIGINT, and its children inherit that."""
    for _ in range(PORT_ATTEMPTS):
        port = free_port()
        env = _env(tmp_path, db_url, port) | (extra or {})
        err_path = tmp_path / f"serve-{port}.err"
        with err_path.open("wb") as err:
            server = subprocess.Popen(
                command,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=err,
                preexec_fn=_ctrl_c_default,  # noqa: PLW1509
            )

        def up(server: subprocess.Popen[bytes] = server, port: int = port) -> bool:
            if server.poll() is not None:
                return True
            try:
                return (
                    httpx.get(f"http://127.0.0.1:{port}/healthz", trust_env=False).status_code
                    == 200
                )
            except httpx.TransportError:
                return False

        try:
            _until(up, "wirehouse serve to answer", START_WAIT)
        except AssertionError:
            server.kill()  # not left running behind a failed test
            server.wait()
            raise
        if server.poll() is None:
            return server, env, port, err_path
        if not ADDRESS_IN_USE.search(err_path.read_text()):
            raise AssertionError(f"serve exited: {err_path.read_text()}")
    raise AssertionError(f"serve found no free port in {PORT_ATTEMPTS} tries")


@pytest.fixture
def served(tmp_path, engine, warehouse_url) -> Iterator[tuple[dict[str, str], int]]:
    server, env, port, err_path = _start_serve(tmp_path, warehouse_url)
    try:
        yield env, port
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=WAIT)
        err = err_path.read_text()
        assert server.returncode == 0, err
        assert "WebSub callback on http://127.0.0.1:" in err


def test_publish_reaches_the_warehouse_through_serve(tmp_path, engine, served) -> None:
    env, _port = served
    with FaultServer() as site, LoopbackHub(tmp_path) as hub:
        topic = site.url("/feed.xml")
        page = site.url("/stories/ferry.html")
        site.route("/stories/ferry.html", Reply(200, body=article_page("Ferry resumes")))
        site.route(
            "/feed.xml",
            Reply(
                200,
                body=feed(topic, hub.url, [page]),
                content_type=RSS_TYPE,
                headers=(("Link", f'<{hub.url}>; rel="hub"'), ("Link", f'<{topic}>; rel="self"')),
            ),
        )
        done = _wirehouse(env, "websub", "subscribe", topic)
        assert done.returncode == 0, done.stderr
        assert f"{topic} at {hub.url}: verified" in done.stdout
        listed = _wirehouse(env, "websub", "list")
        assert listed.returncode == 0 and "\tverified\t" in listed.stdout

        assert hub.publish(topic).status_code == 202

        def loaded() -> bool:
            with Session(engine) as session:
                return (
                    session.scalar(select(ArticleUrl.url).where(ArticleUrl.url == page)) is not None
                )

        _until(loaded, "the pushed story to become an article")

        def in_event() -> bool:  # serve runs the events stage itself after loading it
            with Session(engine) as session:
                return (
                    session.scalar(
                        select(EventArticle.event_id)
                        .join(ArticleUrl, ArticleUrl.article_id == EventArticle.article_id)
                        .where(ArticleUrl.url == page)
                    )
                    is not None
                )

        _until(in_event, "the pushed story to join an event")
        done = _wirehouse(env, "websub", "unsubscribe", topic)
        assert done.returncode == 0 and ": unsubscribed" in done.stdout, done.stderr


def test_push_command_queues_and_drains(tmp_path, engine, warehouse_url) -> None:
    env = _env(tmp_path, warehouse_url, free_port())
    with FaultServer() as site:
        site.route("/a/cli.html", Reply(200, body=article_page("Queued by hand")))
        done = _wirehouse(env, "push", site.url("/a/cli.html"), "--drain")
        assert done.returncode == 0, done.stderr
        assert "queued 1 URL in" in done.stdout and "1 new article\n" in done.stdout


def test_a_drain_names_the_pages_it_could_not_fetch(tmp_path, engine, warehouse_url) -> None:
    """A page that answered 404 said nothing: "1 new page wanted, 0 new articles", status 0."""
    env = _env(tmp_path, warehouse_url, free_port())
    with FaultServer() as site:
        site.route("/a/kept.html", Reply(200, body=article_page("Lamplighters return to Orrin")))
        site.route("/a/gone.html", Reply(404, body=b"not here"))
        gone = site.url("/a/gone.html")
        done = _wirehouse(env, "push", site.url("/a/kept.html"), gone, "--drain")
    assert done.returncode == 0, done.stderr
    assert "2 new pages wanted (1 not fetched), 1 new article\n" in done.stdout, done.stdout
    [missed] = [line for line in done.stdout.splitlines() if "not fetched:" in line]
    assert missed.startswith("  page not fetched: ") and gone in missed and "404" in missed


def test_an_unstorable_url_is_refused_and_an_old_one_fails_alone(
    tmp_path, engine, warehouse_url
) -> None:
    """`push` refuses a URL the warehouse cannot store (a drain could only fail it); such a row
    queued before (by an older version) fails alone in its drain, with its error, instead of
    failing every drain and the rows claimed with it."""
    env = _env(tmp_path, warehouse_url, free_port())
    too_long = "https://x.example/" + "a" * 3000
    done = _wirehouse(env, "push", too_long)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "cannot be stored: over 2048 characters" in done.stderr
    with Session(engine) as session:
        assert session.scalar(select(PushOutbox.id)) is None
    with FaultServer() as site:
        site.route("/a/fine.html", Reply(200, body=article_page("Queued beside a long one")))
        with db.session_scope(engine) as session:
            bad, good = state.add_urls(
                session, [too_long, site.url("/a/fine.html")], datetime.now(UTC)
            )
        done = _wirehouse(env, "push", "--drain")
        assert done.returncode == 0, done.stderr
        assert "(1 failed)" in done.stdout and "1 new article\n" in done.stdout
    with Session(engine) as session:
        rows = {row.id: row for row in session.scalars(select(PushOutbox))}
    assert rows[bad].state == "failed" and "submitted URL unusable" in rows[bad].error
    assert rows[good].state == "done", rows[good].error


@pytest.mark.parametrize(
    ("args", "extra", "status", "text"),
    [
        (("push",), {}, 2, "push needs article URLs, --drain, or both"),
        (("push", "ftp://x.example/a"), {}, 2, "is not an http(s) URL"),
        (("serve", "--port", "70000"), {}, 2, "not a port number"),
        (
            ("websub", "subscribe", "https://x.example/feed"),
            {"WIREHOUSE_WEBSUB_CALLBACK_URL": ""},
            2,
            "set WIREHOUSE_WEBSUB_CALLBACK_URL",
        ),
        (
            ("websub", "subscribe", "https://x.example/feed"),
            {"WIREHOUSE_WEBSUB_CALLBACK_URL": "callback"},
            2,
            "must be an http(s) URL",
        ),
        (("websub", "unsubscribe", "https://x.example/feed"), {}, 1, "no active subscription"),
        (("serve",), {"WIREHOUSE_PUSH_MAX_PER_MINUTE": "0"}, 2, "must be above 0"),
    ],
)
def test_bad_input_ends_in_one_line(
    tmp_path, engine, warehouse_url, args, extra, status, text
) -> None:
    env = {**_env(tmp_path, warehouse_url, free_port()), **extra}
    done = _wirehouse(env, *args)
    assert done.returncode == status
    lines = [line for line in done.stderr.splitlines() if not line.startswith(("usage:", " "))]
    assert len(lines) == 1 and text in lines[0], done.stderr


@pytest.mark.parametrize(
    ("callback", "text"),
    [("", "set WIREHOUSE_WEBSUB_CALLBACK_URL"), ("callback", "must be an http(s) URL")],
)
def test_subscribe_refuses_a_wrong_callback_before_loading_the_push_code(
    tmp_path: Path, callback: str, text: str
) -> None:
    """Every subscription names the callback to a hub: a wrong one is refused before the push
    code (fetchers, feed parser, ORM) is imported and the warehouse opened, which took 0.9 s of
    CPU (4 s at a load of 14) only to end in this line."""
    probe = (
        "import sys\n"
        "from wirehouse.cli import main\n"
        "status = main(sys.argv[1:])\n"
        "print(status, 'wirehouse.push' in sys.modules, 'sqlalchemy' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREHOUSE_")}
    env.update(WIREHOUSE_DATA_DIR=str(tmp_path), WIREHOUSE_WEBSUB_CALLBACK_URL=callback)
    done = subprocess.run(
        [sys.executable, "-c", probe, "websub", "subscribe", "https://x.example/feed"],
        env=env, capture_output=True, text=True, timeout=120, check=True,
    )
    assert done.stdout.split() == ["2", "False", "False"], done.stderr
    assert [line for line in done.stderr.splitlines() if text in line] == [
        done.stderr.strip()
    ], done.stderr


def test_serve_on_a_taken_port_ends_in_one_line(tmp_path, engine, warehouse_url) -> None:
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        done = _wirehouse(_env(tmp_path, warehouse_url, port), "serve")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"wirehouse: error: cannot listen on 127.0.0.1:{port}: Address already in use"
    ]


# `wirehouse serve` whose warm-up never ends, standing for the seconds it takes
_SERVE_WARMING_FOREVER = """
import sys
import threading
from wirehouse import push
push.warm = lambda _settings: threading.Event().wait()
from wirehouse.cli import console
sys.argv[1:] = ["serve"]
console()
"""


def test_ctrl_c_stops_serve_during_its_warm_up_at_once(tmp_path, engine, warehouse_url) -> None:
    """Ctrl-C ends serve as it ends every command, one line and 130, without waiting for the
    warm-up: it waited for the warm-up to finish (here: forever), then ended 0 without a line."""
    server, _env_used, _port, err_path = _start_serve(
        tmp_path, warehouse_url, command=(sys.executable, "-c", _SERVE_WARMING_FOREVER)
    )
    try:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=WAIT)
    finally:
        server.kill()
    lines = err_path.read_text().splitlines()
    assert server.returncode == 130, lines
    assert len(lines) == 2 and lines[0].startswith("wirehouse: WebSub callback on "), lines
    assert lines[1] == "wirehouse: interrupted"


def test_serve_killed_mid_burst_has_stored_every_push_it_acknowledged(
    tmp_path, engine, warehouse_url
) -> None:
    topic = "https://news.example/feed.xml"
    with db.session_scope(engine) as session:
        sub = state.request_subscription(
            session,
            topic,
            "https://hub.example/",
            "http://127.0.0.1:9/websub",
            600,
            datetime.now(UTC),
        )
        session.flush()
        state.answer_verification(
            session,
            sub.id,
            {
                "hub.mode": "subscribe",
                "hub.topic": topic,
                "hub.challenge": "c",
                "hub.lease_seconds": "600",
            },
            datetime.now(UTC),
        )
        sub_id, secret = sub.id, sub.secret
    server, _env_used, port, _err = _start_serve(
        tmp_path, warehouse_url, {"WIREHOUSE_PUSH_MAX_PER_MINUTE": "100000"}
    )
    acked: list[str] = []
    lock = threading.Lock()
    threads: list[threading.Thread] = []

    def sender(worker: int) -> None:
        with httpx.Client(trust_env=False, timeout=WAIT) as client:
            for n in range(400):
                body = feed(topic, f"https://hub.example/{worker}/{n}", [])
                try:
                    answer = client.post(
                        f"http://127.0.0.1:{port}/websub/{sub_id}",
                        content=body,
                        headers={"X-Hub-Signature": sign(secret, body)},
                    )
                except httpx.TransportError:
                    return  # the server is gone
                if answer.status_code == 202:
                    with lock:
                        acked.append(body_digest(body))

    try:
        threads += [threading.Thread(target=sender, args=(w,)) for w in range(8)]
        for thread in threads:
            thread.start()
        _until(lambda: len(acked) >= 60, "pushes to be acknowledged")
    finally:
        server.kill()  # SIGKILL, in the middle of the burst
        server.wait(timeout=WAIT)
    for thread in threads:
        thread.join()
    with Session(engine) as session:
        stored = set(session.scalars(select(PushOutbox.body_sha256)))
    assert len(acked) >= 60 and set(acked) <= stored
