"""The WebSub callback against hostile and odd requests: missing and wrong signatures, every
signature method, a topic that is not ours, oversized and compressed bodies, replays, floods,
verification requests nobody asked for; then light pings and submitted URLs through the drain.
SQLite and PostgreSQL alike."""

from __future__ import annotations

import dataclasses
import gzip
import logging
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from faultserver import Reply
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from starlette.testclient import TestClient
from websub_hub import RSS_TYPE, article_page, feed

from extract.archive import ArchiveRef, read_record
from load import db
from load import websub as state
from load.models import ArticleUrl, Feed, PushOutbox, WebSubSubscription
from transform.websub import sign
from wirehouse import push
from wirehouse.push_app import create_app
from wirehouse.settings import Settings

TOPIC = "https://news.example/feed.xml"
HUB = "https://hub.example/"
BODY = feed(TOPIC, HUB, ["https://news.example/a/1.html"])


@pytest.fixture
def push_settings(settings: Settings) -> Settings:
    return dataclasses.replace(settings, websub_callback_url="http://127.0.0.1:9/websub",
                               host_delay=0.0, push_max_body_bytes=64 * 1024)


def _verified(engine: Engine, topic: str = TOPIC) -> WebSubSubscription:
    """A subscription as after the hub verified it."""
    with db.session_scope(engine) as session:
        sub = state.request_subscription(session, topic, HUB, "http://127.0.0.1:9/websub", 600,
                                         datetime.now(UTC))
        session.flush()
        state.answer_verification(session, sub.id, {
            "hub.mode": "subscribe", "hub.topic": topic, "hub.challenge": "c",
            "hub.lease_seconds": "600"}, datetime.now(UTC))
        session.flush()
        session.expunge(sub)
    return sub


@pytest.fixture
def client(engine, push_settings) -> Iterator[TestClient]:
    with TestClient(create_app(engine, push_settings)) as test_client:
        yield test_client


def _rows(engine: Engine) -> list[PushOutbox]:
    with Session(engine) as session:
        return list(session.scalars(select(PushOutbox).order_by(PushOutbox.id)))


def _last_error(engine: Engine, sub_id: int) -> str:
    with Session(engine) as session:
        return session.get(WebSubSubscription, sub_id).last_error or ""


@pytest.mark.parametrize("method", ["sha1", "sha256", "sha384", "sha512"])
def test_signed_push_is_archived_in_the_outbox_before_the_answer(engine, client, method) -> None:
    sub = _verified(engine)
    answer = client.post(f"/websub/{sub.id}", content=BODY, headers={
        "Content-Type": RSS_TYPE, "X-Hub-Signature": sign(sub.secret, BODY, method),
        "Link": f'<{HUB}>; rel="hub", <{TOPIC}>; rel="self"'})
    assert answer.status_code == 202
    [row] = _rows(engine)
    assert (row.kind, row.state, row.subscription_id, row.topic_url) == ("fat", "received",
                                                                         sub.id, TOPIC)
    stored = read_record(ArchiveRef(row.archive_path, row.archive_offset))
    assert (stored.url, stored.body, stored.content_type) == (TOPIC, BODY, RSS_TYPE)


@pytest.mark.parametrize("signature", [
    None, "", "sha256", "sha256=", "md5=abc", "sha256=" + "0" * 64, "sha512=zz",
])
def test_missing_or_wrong_signature_is_acknowledged_and_discarded(engine, client, caplog,
                                                                  signature) -> None:
    sub = _verified(engine)
    headers = {"Content-Type": RSS_TYPE}
    if signature is not None:
        headers["X-Hub-Signature"] = signature
    with caplog.at_level(logging.WARNING, logger="wirehouse.push"):
        answer = client.post(f"/websub/{sub.id}", content=BODY, headers=headers)
    assert answer.status_code == 202  # acknowledged, as the spec allows
    assert _rows(engine) == []
    assert "X-Hub-Signature" in _last_error(engine, sub.id)
    assert any("discarded" in r.getMessage() for r in caplog.records)


def test_signature_of_another_secret_or_body_is_discarded(engine, client) -> None:
    sub = _verified(engine)
    for signature in (sign("not-the-secret", BODY), sign(sub.secret, BODY + b" ")):
        answer = client.post(f"/websub/{sub.id}", content=BODY,
                             headers={"X-Hub-Signature": signature})
        assert answer.status_code == 202
    assert _rows(engine) == []


def test_push_naming_another_topic_is_discarded(engine, client) -> None:
    sub = _verified(engine)
    answer = client.post(f"/websub/{sub.id}", content=BODY, headers={
        "X-Hub-Signature": sign(sub.secret, BODY),
        "Link": f'<{HUB}>; rel="hub", <https://elsewhere.example/feed>; rel="self"'})
    assert answer.status_code == 202
    assert _rows(engine) == []
    assert "not this subscription's topic" in _last_error(engine, sub.id)


def test_unknown_subscription_404_and_ended_one_410(engine, client) -> None:
    assert client.post("/websub/999", content=BODY).status_code == 404
    assert client.post("/websub/not-a-number", content=BODY).status_code == 404
    sub = _verified(engine)
    with db.session_scope(engine) as session:
        session.get(WebSubSubscription, sub.id).state = "unsubscribed"
    signed = {"X-Hub-Signature": sign(sub.secret, BODY)}
    assert client.post(f"/websub/{sub.id}", content=BODY, headers=signed).status_code == 410
    assert _rows(engine) == []


def test_push_before_verification_is_discarded(engine, client) -> None:
    with db.session_scope(engine) as session:
        sub = state.request_subscription(session, TOPIC, HUB, "http://127.0.0.1:9/websub", 600,
                                         datetime.now(UTC))
        sub_id, secret = sub.id, sub.secret
    answer = client.post(f"/websub/{sub_id}", content=BODY,
                         headers={"X-Hub-Signature": sign(secret, BODY)})
    assert answer.status_code == 202
    assert _rows(engine) == []
    assert "not verified" in _last_error(engine, sub_id)


def test_oversized_bodies_are_refused_unread(engine, client, push_settings) -> None:
    sub = _verified(engine)
    limit = push_settings.push_max_body_bytes
    big = b"<rss>" + b"x" * limit
    assert client.post(f"/websub/{sub.id}", content=big,
                       headers={"X-Hub-Signature": sign(sub.secret, big)}).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the stream itself is cut
        for _ in range(limit // 4096 + 2):
            yield b"y" * 4096

    assert client.post(f"/websub/{sub.id}", content=chunks()).status_code == 413
    bomb = gzip.compress(b"\0" * (limit * 50))
    assert len(bomb) < limit
    answer = client.post(f"/websub/{sub.id}", content=bomb, headers={
        "Content-Encoding": "gzip", "X-Hub-Signature": sign(sub.secret, bomb)})
    assert answer.status_code == 413
    assert client.post(f"/websub/{sub.id}", content=b"\x1f\x8bnot gzip", headers={
        "Content-Encoding": "gzip"}).status_code == 400
    assert client.post(f"/websub/{sub.id}", content=b"x", headers={
        "Content-Encoding": "br"}).status_code == 400
    assert _rows(engine) == []


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_compressed_push_is_checked_raw_and_stored_inflated(engine, client, encoding) -> None:
    sub = _verified(engine)
    packed = gzip.compress(BODY) if encoding == "gzip" else zlib.compress(BODY)
    answer = client.post(f"/websub/{sub.id}", content=packed, headers={
        "Content-Encoding": encoding, "X-Hub-Signature": sign(sub.secret, packed)})
    assert answer.status_code == 202
    [row] = _rows(engine)
    assert read_record(ArchiveRef(row.archive_path, row.archive_offset)).body == BODY


def test_replayed_push_is_stored_once(engine, client) -> None:
    sub = _verified(engine)
    signed = {"X-Hub-Signature": sign(sub.secret, BODY, "sha256")}
    assert client.post(f"/websub/{sub.id}", content=BODY, headers=signed).status_code == 202
    assert client.post(f"/websub/{sub.id}", content=BODY, headers=signed).status_code == 202
    assert len(_rows(engine)) == 1
    assert "replay" in _last_error(engine, sub.id)
    with Session(engine) as session:
        assert session.get(WebSubSubscription, sub.id).pushes == 1


def test_pushes_over_the_topic_rate_get_429(engine, push_settings) -> None:
    sub = _verified(engine)
    limited = dataclasses.replace(push_settings, push_max_per_minute=2)
    with TestClient(create_app(engine, limited)) as client:
        answers = []
        for n in range(3):
            body = feed(TOPIC, HUB, [f"https://news.example/a/{n}.html"])
            answers.append(client.post(f"/websub/{sub.id}", content=body,
                                       headers={"X-Hub-Signature": sign(sub.secret, body)}))
        other = _verified(engine, "https://news.example/other.xml")
        body = feed(other.topic_url, HUB, [])
        other_answer = client.post(f"/websub/{other.id}", content=body,
                                   headers={"X-Hub-Signature": sign(other.secret, body)})
    assert [a.status_code for a in answers] == [202, 202, 429]
    assert int(answers[2].headers["Retry-After"]) >= 1
    assert other_answer.status_code == 202  # the limit is per topic
    assert len(_rows(engine)) == 3


def test_verification_echoes_only_our_pending_request(engine, client) -> None:
    with db.session_scope(engine) as session:
        sub = state.request_subscription(session, TOPIC, HUB, "http://127.0.0.1:9/websub", 600,
                                         datetime.now(UTC))
        sub_id = sub.id
    asked = {"hub.mode": "subscribe", "hub.topic": TOPIC, "hub.challenge": "abc123",
             "hub.lease_seconds": "500"}
    for hostile in (
        {**asked, "hub.topic": "https://news.example/other.xml"},  # not our topic
        {**asked, "hub.mode": "unsubscribe"},  # not what we asked for
        {**asked, "hub.mode": "publish"},
        {**asked, "hub.lease_seconds": "soon"},
        {k: v for k, v in asked.items() if k != "hub.challenge"},
    ):
        assert client.get(f"/websub/{sub_id}", params=hostile).status_code == 404
    assert client.get("/websub/999", params=asked).status_code == 404
    answer = client.get(f"/websub/{sub_id}", params=asked)
    assert (answer.status_code, answer.text) == (200, "abc123")
    with Session(engine) as session:
        stored = session.get(WebSubSubscription, sub_id)
        assert (stored.state, stored.pending_mode, stored.lease_seconds) == ("verified", None, 500)
        assert stored.lease_expires_at > datetime.now(UTC) + timedelta(seconds=400)
    # answered once: the same verification again is no longer a pending request of ours
    assert client.get(f"/websub/{sub_id}", params=asked).status_code == 404


def test_denial_is_recorded(engine, client) -> None:
    with db.session_scope(engine) as session:
        sub_id = state.request_subscription(session, TOPIC, HUB, "http://127.0.0.1:9/websub",
                                            600, datetime.now(UTC)).id
    answer = client.get(f"/websub/{sub_id}", params={
        "hub.mode": "denied", "hub.topic": TOPIC, "hub.reason": "topic not served here"})
    assert answer.status_code == 200
    with Session(engine) as session:
        stored = session.get(WebSubSubscription, sub_id)
        assert stored.state == "denied" and "topic not served here" in stored.last_error


def _urls(engine: Engine) -> set[str]:
    with Session(engine) as session:
        return set(session.scalars(select(ArticleUrl.url)))


def test_light_ping_fetches_the_topic_conditionally(engine, client, push_settings, site) -> None:
    topic = site.url("/feed.xml")
    page = site.url("/a/light.html")
    site.route("/a/light.html", Reply(200, body=article_page("Light ping story")))
    site.respond("/feed.xml", lambda seen: Reply(304) if seen.headers.get("if-none-match") == '"v1"'
                 else Reply(200, body=feed(topic, HUB, [page]), content_type=RSS_TYPE))
    with db.session_scope(engine) as session:
        session.add(Feed(url=topic, active=True, etag='"v1"', last_modified=None,
                         last_unconditional_at=datetime.now(UTC)))
    sub = _verified(engine, topic)
    signed = {"X-Hub-Signature": sign(sub.secret, b"")}
    assert client.post(f"/websub/{sub.id}", content=b"", headers=signed).status_code == 202
    assert [(r.kind, r.archive_path) for r in _rows(engine)] == [("light", None)]
    summary = push.drain(engine, push_settings)
    # the feed's validator was sent and the topic had not changed: nothing to fetch
    assert site.seen("/feed.xml")[0].headers["if-none-match"] == '"v1"'
    assert (summary.rows, summary.pages_wanted) == (1, 0)
    with db.session_scope(engine) as session:
        session.execute(Feed.__table__.update().values(etag=None))
    assert client.post(f"/websub/{sub.id}", content=b"", headers=signed).status_code == 202
    summary = push.drain(engine, push_settings)
    assert (summary.rows, summary.pages_wanted, summary.counts["inserted"]) == (1, 1, 1)
    assert page in _urls(engine)


def test_submitted_urls_are_drained_once(engine, push_settings, site) -> None:
    site.route("/a/one.html", Reply(200, body=article_page("Submitted story")))
    site.route("/robots.txt", Reply(200, body=b"User-agent: *\nDisallow: /private/\n",
                                    content_type="text/plain"))
    site.route("/private/two.html", Reply(200, body=article_page("Hidden story")))
    one, two = site.url("/a/one.html?utm_source=x"), site.url("/private/two.html")
    push.submit_urls(engine, push_settings, [one, two])
    summary = push.drain(engine, push_settings)
    assert (summary.rows, summary.failed, summary.counts["inserted"]) == (2, 0, 1)
    assert site.url("/a/one.html") in _urls(engine)  # canonical: tracking parameter gone
    assert site.seen("/private/two.html") == []  # robots.txt obeyed
    # submitted again: known, so not fetched again
    push.submit_urls(engine, push_settings, [site.url("/a/one.html")])
    summary = push.drain(engine, push_settings)
    assert (summary.rows, summary.pages_wanted) == (1, 0)
    assert len(site.seen("/a/one.html")) == 1
    assert {r.state for r in _rows(engine)} == {"done"}
    assert push.drain(engine, push_settings).rows == 0


def test_stale_claim_is_taken_again_and_a_fresh_one_is_not(engine, push_settings) -> None:
    [row_id] = push.submit_urls(engine, push_settings, ["https://news.example/a/9.html"])
    now = datetime.now(UTC)
    with db.session_scope(engine) as session:
        assert state.claim(session, row_id, now, 900, 3)
    with db.session_scope(engine) as session:
        assert not state.claim(session, row_id, now, 900, 3)  # another drain holds it
        assert state.claimable(session, now, 900, 3, 10) == []
        later = now + timedelta(seconds=901)
        assert state.claimable(session, later, 900, 3, 10) == [row_id]
        assert state.claim(session, row_id, later, 900, 3)
    with Session(engine) as session:
        assert session.get(PushOutbox, row_id).attempts == 2


def test_unusable_fat_body_fails_its_row_only(engine, push_settings, client, site) -> None:
    sub = _verified(engine)
    junk = b"this is not a feed at all"
    client.post(f"/websub/{sub.id}", content=junk, headers={"X-Hub-Signature": sign(sub.secret,
                                                                                     junk)})
    site.route("/a/ok.html", Reply(200, body=article_page("Fine story")))
    push.submit_urls(engine, push_settings, [site.url("/a/ok.html")])
    summary = push.drain(engine, push_settings)
    assert (summary.rows, summary.failed, summary.counts["inserted"]) == (2, 1, 1)
    failed = [r for r in _rows(engine) if r.state == "failed"]
    assert len(failed) == 1 and "pushed body unusable" in failed[0].error
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(ArticleUrl)) == 1
    # a failed row is taken again by later drains, up to push_max_attempts in all
    for attempt in (2, 3):
        assert push.drain(engine, push_settings).rows == 1
        with Session(engine) as session:
            assert session.get(PushOutbox, failed[0].id).attempts == attempt
    assert push.drain(engine, push_settings).rows == 0


REDIS_URL = "redis://127.0.0.1:6379/0"


def test_stored_push_is_announced_on_redis(engine, push_settings) -> None:
    import json
    import uuid

    import redis

    listener = redis.Redis.from_url(REDIS_URL)
    try:
        listener.ping()
    except redis.ConnectionError as exc:
        pytest.skip(f"no Redis at {REDIS_URL}: {exc}")
    channel = f"wirehouse.push.test.{uuid.uuid4().hex}"  # not shared with a parallel run
    announced = dataclasses.replace(push_settings, push_redis_url=REDIS_URL,
                                    push_redis_channel=channel)
    sub = _verified(engine)
    with listener.pubsub() as pubsub:
        pubsub.subscribe(channel)
        # subscribed before anything is published (a message sent before is lost); the waits
        # end as soon as the message is there
        assert pubsub.get_message(timeout=60)["type"] == "subscribe"
        with TestClient(create_app(engine, announced)) as client:
            signed = {"X-Hub-Signature": sign(sub.secret, BODY)}
            assert client.post(f"/websub/{sub.id}", content=BODY, headers=signed).status_code == 202
        [row_id] = push.submit_urls(engine, announced, ["https://news.example/a/2.html"])
        messages = [pubsub.get_message(timeout=60) for _ in range(2)]
    rows = _rows(engine)
    assert [json.loads(m["data"]) for m in messages] == [
        {"outbox_id": rows[0].id, "kind": "fat"}, {"outbox_id": row_id, "kind": "url"}]


def test_redis_down_loses_no_push(engine, push_settings, caplog) -> None:
    down = dataclasses.replace(push_settings, push_redis_url="redis://127.0.0.1:1/0",
                               connect_timeout=2.0)
    sub = _verified(engine)
    with TestClient(create_app(engine, down)) as client, \
            caplog.at_level(logging.WARNING, logger="wirehouse.push"):
        answer = client.post(f"/websub/{sub.id}", content=BODY,
                             headers={"X-Hub-Signature": sign(sub.secret, BODY)})
    assert answer.status_code == 202
    assert [r.state for r in _rows(engine)] == ["received"]
    assert any("could not notify" in r.getMessage() for r in caplog.records)


def _incoming(sub: WebSubSubscription, body: bytes, secret: str | None = None,
              sub_id: int | None = None) -> push.IncomingPush:
    return push.IncomingPush(sub.id if sub_id is None else sub_id, body, body,
                             (("x-hub-signature", sign(secret or sub.secret, body, "sha256")),
                              ("content-type", RSS_TYPE)))


def test_a_batch_of_pushes_is_stored_in_one_go(engine, push_settings) -> None:
    """Group commit: one transaction and one WARC file for a batch; a body repeated inside the
    batch is a replay, a bad signature and an unknown subscription get their own verdicts, and
    every stored body reads back."""
    sub = _verified(engine)
    bodies = [feed(TOPIC, f"{HUB}{n}", [f"https://news.example/a/{n}.html"]) for n in range(40)]
    batch = [_incoming(sub, b) for b in bodies] + [
        _incoming(sub, bodies[0]), _incoming(sub, bodies[1], secret="wrong"),
        _incoming(sub, bodies[2], sub_id=sub.id + 99)]
    with push.PushArchive(push_settings) as archive:
        verdicts = push.store_pushes(engine, batch, archive)
    assert [v.status for v in verdicts] == [202] * 42 + [404]
    assert all(v.row_id is not None for v in verdicts[:40])
    assert "replay" in verdicts[40].note and verdicts[40].row_id is None
    assert "discarded" in verdicts[41].note and verdicts[41].row_id is None
    rows = _rows(engine)
    assert [row.id for row in rows] == [v.row_id for v in verdicts[:40]]
    assert len({row.archive_path for row in rows}) == 1  # one shared, appended file
    for row, body in zip(rows, bodies, strict=True):
        assert read_record(ArchiveRef(row.archive_path, row.archive_offset)).body == body
    with Session(engine) as session:
        assert session.get(WebSubSubscription, sub.id).pushes == 40


def test_concurrent_pushes_are_each_answered_once_stored(engine, push_settings) -> None:
    sub = _verified(engine)
    bodies = [feed(TOPIC, f"{HUB}{n}", []) for n in range(30)]
    writer = push.PushWriter(engine, push_settings)
    with ThreadPoolExecutor(8) as pool:
        verdicts = list(pool.map(lambda b: writer.submit(_incoming(sub, b)).result(60), bodies))
    writer.close()
    assert [v.status for v in verdicts] == [202] * 30
    assert sorted(v.row_id for v in verdicts) == [row.id for row in _rows(engine)]
    with pytest.raises(RuntimeError):
        writer.submit(_incoming(sub, BODY))


def test_push_archive_starts_a_new_file_past_its_size(engine, push_settings) -> None:
    sub = _verified(engine)
    small = dataclasses.replace(push_settings, push_archive_file_bytes=1)
    with push.PushArchive(small) as archive:
        refs = [archive.write(sub, BODY, (), datetime.now(UTC)) for _ in range(3)]
    assert len({ref.path for ref in refs}) == 3
    assert all(read_record(ref).body == BODY for ref in refs)
