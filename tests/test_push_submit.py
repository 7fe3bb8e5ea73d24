"""URL submission over Redis (transform/submission.py, wirehouse/push_submit.py): the message
rules, the listener against the real Redis on 127.0.0.1:6379 (DB 12; skipped when absent),
including a dropped connection, and the whole path through `wirehouse serve` and
`wirehouse push --listen` to the outbox and the article row."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable

import pytest
from cli_call import CliOutcome
from faultserver import FaultServer, Reply, free_port
from sqlalchemy import select
from sqlalchemy.orm import Session
from test_push_cli import _env, _start_serve, _until, _wirehouse
from websub_hub import article_page

from load.models import ArticleUrl, PushOutbox
from transform.submission import MAX_URL_CHARS, SubmissionError, parse_submission
from wirehouse.push_heartbeat import ListenerNotAliveError, check_heartbeat
from wirehouse.push_submit import CLIENT_NAME, SubmissionListener
from wirehouse.settings import ConfigError, Settings, load_settings

REDIS_URL = "redis://127.0.0.1:6379/12"
WAIT = 300.0  # a hang guard: a loaded machine starts `wirehouse serve` slowly (180 s was seen to fail)
TRACKING = ("utm_*",)


def _parse(data: bytes | str, max_urls: int = 3, max_bytes: int = 400) -> tuple[str, ...]:
    return parse_submission(data, max_urls, max_bytes, TRACKING)


@pytest.mark.parametrize(("data", "urls"), [
    ('{"urls": ["https://news.example/a.html"]}', ("https://news.example/a.html",)),
    (b'{"urls": ["HTTP://News.Example:80/a?utm_source=x#top", "https://news.example/b"]}',
     ("http://news.example/a", "https://news.example/b")),
    ('{"urls": ["https://x.example/a", "https://x.example/a#again"], "source": "crm"}',
     ("https://x.example/a",)),  # each once; other members ignored
    ('{"urls": ["https://x.example/1", "https://x.example/2", "https://x.example/3"]}',
     ("https://x.example/1", "https://x.example/2", "https://x.example/3")),
    ('{"urls": ["https://b\\u00fccher.example/\\u00e9"]}',
     ("https://xn--bcher-kva.example/%C3%A9",)),
])
def test_valid_messages_give_canonical_urls(data, urls) -> None:
    assert _parse(data) == urls


@pytest.mark.parametrize(("data", "reason"), [
    ("", "not JSON"),
    ("urls=https://x.example/a", "not JSON"),
    (b'{"urls": ["https://x.example/\xff"]}', "not UTF-8"),
    ('["https://x.example/a"]', "a JSON list, not an object"),
    ('"https://x.example/a"', "a JSON str, not an object"),
    ("null", "a JSON NoneType, not an object"),
    ('{"url": "https://x.example/a"}', 'no "urls" member'),
    ('{"urls": "https://x.example/a"}', '"urls" is a str, not a list'),
    ('{"urls": []}', '"urls" is empty'),
    (('{"urls": ["https://x.example/1", "https://x.example/2", "https://x.example/3", '
     '"https://x.example/4"]}'), "4 entries, over the limit of 3"),
    ('{"urls": ["https://x.example/a", 7]}', "urls[1] is not a string: 7"),
    ('{"urls": [null]}', "urls[0] is not a string"),
    ('{"urls": ["ftp://x.example/a"]}', "urls[0] is not an absolute http(s) URL"),
    ('{"urls": ["javascript:alert(1)"]}', "is not an absolute http(s) URL"),
    ('{"urls": ["/relative/path"]}', "is not an absolute http(s) URL"),
    ('{"urls": ["https:///no-host"]}', "is not an absolute http(s) URL"),
    ('{"urls": ["https://x.example:99999/a"]}', "urls[0] is not a valid URL"),
    ('{"urls": ["http://[::1/a"]}', "urls[0] is not a valid URL"),
    ('{"urls": ["https://x.example/' + "a" * 400 + '"]}', "bytes is over the limit of 400"),
])
def test_malformed_messages_are_refused_whole(data, reason) -> None:
    with pytest.raises(SubmissionError) as raised:
        _parse(data)
    assert reason in str(raised.value)


def test_a_long_url_is_refused_within_a_message_that_fits() -> None:
    url = "https://x.example/" + "a" * MAX_URL_CHARS
    with pytest.raises(SubmissionError, match=r"urls\[0\] is over 2048 characters"):
        parse_submission(json.dumps({"urls": [url]}), 3, 10_000, TRACKING)


def test_the_submission_channel_must_differ_from_the_notification_channel() -> None:
    with pytest.raises(ConfigError, match="must differ"):
        load_settings({"WIREHOUSE_PUSH_SUBMIT_CHANNEL": "wirehouse.push"})
    with pytest.raises(ConfigError, match="MAX_URLS must be above 0"):
        load_settings({"WIREHOUSE_PUSH_SUBMIT_MAX_URLS": "0"})
    assert load_settings({}).push_submit_channel == "wirehouse.submit"


# --- against Redis ---


@pytest.fixture
def redis_client(redis_client_at: Callable[[str], object]) -> object:
    return redis_client_at(REDIS_URL)


def _channels() -> tuple[str, str]:
    token = secrets.token_hex(4)
    return f"submit.urls.{token}", f"submit.push.{token}"


def _subscribed(client, channel: str) -> Callable[[], bool]:
    return lambda: dict(client.pubsub_numsub(channel)).get(channel.encode(), 0) >= 1


def _outbox_urls(engine) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(select(PushOutbox.url).where(PushOutbox.kind == "url")
                                    .order_by(PushOutbox.id)))


def _our_connections(client, name: str) -> list[int]:
    """The ids of the subscribed connections on DB 12 named ``name``: a listener's of one test
    alone when the name is (other tests, in this worker or another, listen on DB 12 too)."""
    return [int(c["id"]) for c in client.client_list()
            if c.get("db") == "12" and c.get("name") == name and int(c.get("sub", 0)) > 0]


def test_listener_queues_valid_messages_drops_bad_ones_and_survives_a_lost_connection(
        engine, settings: Settings, redis_client, caplog) -> None:
    submit_channel, push_channel = _channels()
    settings = dataclasses.replace(settings, host_delay=0.0, push_redis_url=REDIS_URL,
                                   push_redis_channel=push_channel,
                                   push_submit_channel=submit_channel)
    announced = redis_client.pubsub(ignore_subscribe_messages=True)
    announced.subscribe(push_channel)
    woken: list[int] = []
    name = f"{CLIENT_NAME}-{secrets.token_hex(4)}"
    listener = SubmissionListener(engine, settings, on_queued=lambda: woken.append(1),
                                  client_name=name)
    caplog.set_level(logging.INFO, logger="wirehouse.push_submit")
    listener.start()
    try:
        _until(_subscribed(redis_client, submit_channel), "the listener to subscribe")
        for bad in (b"not json", b'{"urls": ["ftp://x.example/a"]}', b'{"urls": []}',
                    b"\xff\xfe", json.dumps({"urls": ["https://x.example/"] * 101})):
            redis_client.publish(submit_channel, bad)
        redis_client.publish(submit_channel, json.dumps(
            {"urls": ["https://news.example/one.html?utm_medium=x", "https://news.example/two"]}))
        _until(lambda: len(_outbox_urls(engine)) == 2, "the submitted URLs in the outbox")
        # the listener counts them once their notifications are sent, after the commit
        _until(lambda: listener.queued == 2, "the listener to count the queued URLs")
        assert _outbox_urls(engine) == ["https://news.example/one.html",
                                        "https://news.example/two"]
        assert listener.dropped == 5 and listener.queued == 2 and woken == [1]
        dropped = [r.getMessage() for r in caplog.records if "dropped" in r.getMessage()]
        assert len(dropped) == 5
        assert any("not JSON" in m for m in dropped)
        assert any("101 entries, over the limit of 100" in m for m in dropped)
        notes = []  # each outbox row announced, as a push's
        deadline = time.monotonic() + WAIT
        while len(notes) < 2 and time.monotonic() < deadline:
            message = announced.get_message(timeout=1.0)
            if message is not None:
                notes.append(json.loads(message["data"])["kind"])
        assert notes == ["url", "url"]

        killed = _our_connections(redis_client, name)
        assert len(killed) == 1
        redis_client.client_kill_filter(_id=killed[0])
        # subscribed again once it says so (redis-py's own reconnect of the lost connection,
        # closed by the listener, may be subscribed for a moment before)
        _until(lambda: sum("listening" in r.getMessage() for r in caplog.records) == 2
               and len(_our_connections(redis_client, name)) == 1, "the listener to subscribe again")
        assert _our_connections(redis_client, name) != killed
        assert redis_client.publish(submit_channel, json.dumps({"urls": ["https://news.example/3"]})) == 1
        _until(lambda: len(_outbox_urls(engine)) == 3, "a URL submitted after the reconnect")
        assert any("connection lost" in r.getMessage() for r in caplog.records)
    finally:
        listener.stop()
        announced.close()


def test_a_redis_never_reached_is_no_lost_connection(engine, settings: Settings, caplog) -> None:
    """Was "connection lost" for a Redis that refused the first connection."""
    refused = f"redis://127.0.0.1:{free_port()}/0"
    listener = SubmissionListener(engine, dataclasses.replace(settings, push_redis_url=refused))
    caplog.set_level(logging.INFO, logger="wirehouse.push_submit")
    listener.start()
    try:
        _until(lambda: any("retrying" in r.getMessage() for r in caplog.records),
               "the listener to try again")
    finally:
        listener.stop()
    (warning, *_) = [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()]
    assert ": cannot connect (" in warning and "connection lost" not in warning


@pytest.mark.parametrize("command", [("push", "--listen"), ("serve",)])
def test_a_redis_refusing_its_url_ends_the_listener_in_one_line(
        tmp_path, engine, warehouse_url, redis_client, command) -> None:
    """A database index the Redis does not have, or a user it does not know, never comes right
    by waiting: the listener warned of it for ever (every 30 s), now the command ends at once,
    status 2, as for any other wrong setting."""
    (databases,) = redis_client.config_get("databases").values()
    refused = [
        (f"redis://127.0.0.1:6379/{databases}", "DB index is out of range"),
        ("redis://nobody-here:no-such-secret@127.0.0.1:6379/12", "invalid username-password"),
    ]
    for url, reason in refused:
        env = _env(tmp_path, warehouse_url, free_port()) | {"WIREHOUSE_PUSH_REDIS_URL": url}
        done = subprocess.run([sys.executable, "-m", "wirehouse.cli", *command], env=env,
                              capture_output=True, text=True, timeout=120, check=False)
        (line,) = done.stderr.strip().splitlines()
        assert line.startswith("wirehouse: error: WIREHOUSE_PUSH_REDIS_URL redis://"), line
        assert f"the Redis server refuses it: {reason}" in line and "no-such-secret" not in line
        assert done.returncode == 2, done.stderr


def _submit_env() -> tuple[dict[str, str], str]:
    """The Redis settings of a listener on channels of its own, and its submit channel."""
    submit_channel, push_channel = _channels()
    return {"WIREHOUSE_PUSH_REDIS_URL": REDIS_URL, "WIREHOUSE_PUSH_REDIS_CHANNEL": push_channel,
            "WIREHOUSE_PUSH_SUBMIT_CHANNEL": submit_channel}, submit_channel


def test_a_url_published_on_the_channel_becomes_an_article_through_serve(
        tmp_path, engine, warehouse_url, redis_client) -> None:
    extra, channel = _submit_env()
    with FaultServer() as site:
        page = site.url("/stories/submitted.html")
        site.route("/stories/submitted.html", Reply(200, body=article_page("Bridge reopens")))
        server, _env_used, _port, err_path = _start_serve(tmp_path, warehouse_url, extra)
        try:
            _until(_subscribed(redis_client, channel), "serve to subscribe")
            redis_client.publish(channel, b'{"urls": "not a list"}')
            redis_client.publish(channel, json.dumps({"urls": [page]}))
            _until(lambda: _outbox_urls(engine) == [page], "the outbox row")

            def loaded() -> bool:
                with Session(engine) as session:
                    return session.scalar(select(ArticleUrl.url).where(ArticleUrl.url == page)) \
                        is not None

            _until(loaded, "the submitted page to become an article")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=WAIT)
    err = err_path.read_text()
    assert server.returncode == 0, err
    assert f"taking URL submissions on Redis channel {channel}" in err
    assert ('URL submission on ' + channel + ' dropped: "urls" is a str, not a list') in err


def _check_listener(env: dict[str, str]) -> CliOutcome:
    """`wirehouse push --listen --check`, called in this process (tests/cli_call.py)."""
    return _wirehouse(env, "push", "--listen", "--check")


def test_push_listen_queues_submissions_until_terminated(tmp_path, engine, warehouse_url,
                                                         redis_client) -> None:
    extra, channel = _submit_env()
    env = _env(tmp_path, warehouse_url, free_port()) | extra  # no server: the port is unused
    heartbeat = tmp_path / "listen.heartbeat"
    env["WIREHOUSE_PUSH_LISTEN_HEARTBEAT"] = str(heartbeat)
    listener = subprocess.Popen([sys.executable, "-m", "wirehouse.cli", "push", "--listen"],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
    try:
        _until(_subscribed(redis_client, channel), "push --listen to subscribe")
        # the health check passes once the subscribed listener has beaten (the listener removes
        # an old heartbeat file when it starts)
        _until(heartbeat.exists, "the listener's heartbeat")
        # named as the operator's CLIENT LIST shows it (another test's listener may be there too)
        assert _our_connections(redis_client, CLIENT_NAME)
        checked = _check_listener(env)
        assert checked.returncode == 0, checked.stderr
        assert "listener alive: heartbeat" in checked.stdout
        redis_client.publish(channel, b"[]")
        redis_client.publish(channel, json.dumps({"urls": ["https://news.example/listened"]}))
        _until(lambda: _outbox_urls(engine) == ["https://news.example/listened"],
               "the outbox row")
    finally:
        listener.send_signal(signal.SIGTERM)
        _out, err = listener.communicate(timeout=WAIT)
    assert listener.returncode == 0, err
    assert "queued 1 submitted URL, dropped 1 malformed message" in err
    # stopped, it is no listener: the check failed only once its last beat was a minute old
    assert not heartbeat.exists()
    assert _check_listener(env).returncode == 1


def test_ctrl_c_ends_push_listen_as_it_ends_serve(tmp_path, engine, warehouse_url,
                                                   redis_client) -> None:
    """Ctrl-C: the summary, then `wirehouse: interrupted` and 130, as serve and every other
    command end on it (SIGTERM, above, is a stop asked for: 0). It ended 0 without the line."""
    extra, channel = _submit_env()
    env = _env(tmp_path, warehouse_url, free_port()) | extra
    listener = subprocess.Popen([sys.executable, "-m", "wirehouse.cli", "push", "--listen"],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
    try:
        subscribed = _subscribed(redis_client, channel)
        _until(lambda: listener.poll() is not None or subscribed(), "push --listen to subscribe")
        assert listener.poll() is None, listener.communicate()
    finally:
        listener.send_signal(signal.SIGINT)
        _out, err = listener.communicate(timeout=WAIT)
    assert listener.returncode == 130, err
    summary = "wirehouse: queued 0 submitted URLs, dropped 0 malformed messages"
    assert err.splitlines()[-2:] == [summary, "wirehouse: interrupted"]


def test_the_listener_check_fails_without_a_fresh_heartbeat(tmp_path) -> None:
    heartbeat = tmp_path / "listen.heartbeat"
    with pytest.raises(ListenerNotAliveError, match="no listener heartbeat"):
        check_heartbeat(heartbeat, 60.0)
    heartbeat.touch()
    assert 0 <= check_heartbeat(heartbeat, 60.0) <= 60.0
    past = time.time() - 120
    os.utime(heartbeat, (past, past))
    with pytest.raises(ListenerNotAliveError, match=r"is 1[23]\d s old \(more than 60 s\)"):
        check_heartbeat(heartbeat, 60.0)
    assert 110 <= check_heartbeat(heartbeat, 600.0) <= 600.0


def test_the_listener_check_exits_1_on_a_stale_heartbeat(tmp_path, warehouse_url) -> None:
    heartbeat = tmp_path / "listen.heartbeat"
    env = _env(tmp_path, warehouse_url, free_port()) | {
        "WIREHOUSE_PUSH_LISTEN_HEARTBEAT": str(heartbeat), "WIREHOUSE_PUSH_REDIS_URL": REDIS_URL}
    heartbeat.touch()
    past = time.time() - 3600
    os.utime(heartbeat, (past, past))
    done = _check_listener(env)
    assert done.returncode == 1, done.stderr
    assert "heartbeat" in done.stderr and "s old (more than 60 s)" in done.stderr


@pytest.mark.parametrize(("args", "extra", "text"), [
    (("push", "--listen"), {"WIREHOUSE_PUSH_REDIS_URL": ""}, "needs WIREHOUSE_PUSH_REDIS_URL"),
    (("push", "--listen", "https://x.example/a"), {}, "takes no URLs and no --drain"),
    (("push", "--check"), {}, "--check goes with --listen"),
    (("push", "--listen", "--check"), {}, "needs WIREHOUSE_PUSH_LISTEN_HEARTBEAT"),
])
def test_push_listen_misuse_ends_in_one_line(tmp_path, engine, warehouse_url, args, extra,
                                             text) -> None:
    env = _env(tmp_path, warehouse_url, free_port()) | {"WIREHOUSE_PUSH_REDIS_URL": REDIS_URL}
    env |= extra
    done = _wirehouse(env, *args)
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if not line.startswith(("usage:", " "))]
    assert len(lines) == 1 and text in lines[0], done.stderr
