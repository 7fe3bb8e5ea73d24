"""Push health: which WebSub subscriptions need attention (failed to verify, lapsed, never
verified), the receipt-to-articles latency of the last day, and the alert posted to
WIREHOUSE_ALERT_WEBHOOK_URL, also by each lease renewal check. SQLite and PostgreSQL alike."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from dagrun import Receiver
from faultserver import bound_socket
from push_history import DELAYS, EVIL, add_push_history
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from load import db
from load import websub as state
from load.models import WebSubSubscription
from wirehouse import push, push_health
from wirehouse.alerts import AlertDeliveryError
from wirehouse.settings import ConfigError, Settings

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def test_subscriptions_needing_attention_come_first(engine: Engine) -> None:
    add_push_history(engine, NOW)
    with Session(engine) as session:
        statuses = push_health.subscription_statuses(session, NOW, 3600.0)
    assert [s.id for s in statuses] == [2, 3, 4, 5, 1, 6, 7]
    problems = {s.id: s.problem for s in statuses}
    assert problems[2] is not None and problems[2].startswith("failed to verify")
    assert problems[3] == "lapsed: the lease ended 2026-11-23 08:30 UTC and was not renewed"
    assert problems[4] == "lapsed: the lease ended 2026-11-22 09:30 UTC and was not renewed"
    assert problems[5] is not None and "no verification from the hub since 2026-11-23 07:30" in problems[5]
    assert (problems[1], problems[6], problems[7]) == (None, None, None)
    by_id = {s.id: s for s in statuses}
    assert by_id[1].pushes_today == 3 and by_id[4].pushes_today == 0
    assert by_id[2].last_error == f"denied by the hub: {EVIL}"  # the first line only
    # a longer wait for verification is not a problem yet
    with Session(engine) as session:
        lenient = push_health.subscription_statuses(session, NOW, 3 * 3600.0)
    assert [s.id for s in lenient if s.problem] == [2, 3, 4]


def test_latency_of_the_last_day(engine: Engine) -> None:
    add_push_history(engine, NOW)
    with Session(engine) as session:
        latency = push_health.push_latency(session, NOW)
    assert (latency.pushes, latency.measured, latency.failed, latency.waiting) == (26, 20, 1, 3)
    assert (latency.p50, latency.p95) == (100.0, 190.0)
    assert sorted(DELAYS)[9] == latency.p50
    with Session(engine) as session:
        empty = push_health.push_latency(session, NOW + timedelta(days=3))
    assert (empty.pushes, empty.measured, empty.p50, empty.p95) == (0, 0, None, None)


def test_alert_names_every_subscription_needing_attention(engine: Engine, settings: Settings,
                                                         webhook: Receiver) -> None:
    add_push_history(engine, NOW)
    alerting = dataclasses.replace(settings, alert_webhook_url=webhook.url)
    problems = push_health.alert_problems(engine, alerting, NOW)
    assert [s.id for s in problems] == [2, 3, 4, 5]
    [post] = webhook.posts
    alert = post["json"]
    assert alert["text"].startswith("Wirehouse: 4 WebSub subscriptions need attention\n")
    assert "https://site3.example/feed.xml at https://hub.example/ (verified): lapsed" in alert["text"]
    assert [s["id"] for s in alert["subscriptions"]] == [2, 3, 4, 5]
    assert alert["subscriptions"][1]["lease_expires_at"] == "2026-11-23T08:30:00+00:00"


def test_no_alert_while_all_is_well(engine: Engine, settings: Settings, webhook: Receiver) -> None:
    with db.session_scope(engine) as session:
        sub = state.request_subscription(session, "https://ok.example/feed", "https://hub.example/",
                                         "https://cb.example/websub", 600, NOW)
        session.flush()
        state.answer_verification(session, sub.id, {
            "hub.mode": "subscribe", "hub.topic": "https://ok.example/feed",
            "hub.challenge": "c", "hub.lease_seconds": "600"}, NOW)
    alerting = dataclasses.replace(settings, alert_webhook_url=webhook.url)
    assert push_health.alert_problems(engine, alerting, NOW + timedelta(seconds=599)) == []
    assert webhook.posts == []
    # once the lease has run out, the same check alerts
    assert len(push_health.alert_problems(engine, alerting, NOW + timedelta(seconds=600))) == 1
    assert len(webhook.posts) == 1


def test_alert_refused_by_the_webhook_raises(engine: Engine, settings: Settings,
                                              broken_webhook: Receiver) -> None:
    add_push_history(engine, NOW)
    alerting = dataclasses.replace(settings, alert_webhook_url=broken_webhook.url)
    with pytest.raises(AlertDeliveryError, match="answered 503"):
        push_health.alert_problems(engine, alerting, NOW)
    assert len(broken_webhook.posts) == 1


@pytest.fixture
def down() -> Iterator[str]:
    """The base URL of a port that refuses connections (bound, never listening) for the whole
    test: no other process can start answering there meanwhile."""
    with bound_socket() as sock:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


def _lapsed(engine: Engine, hub_url: str) -> int:
    """A subscription verified two hours ago for an hour: its lease has run out."""
    then = datetime.now(UTC) - timedelta(hours=2)
    with db.session_scope(engine) as session:
        sub = state.request_subscription(session, "https://lapsed.example/feed", hub_url,
                                         "https://cb.example/websub", 3600, then)
        session.flush()
        state.answer_verification(session, sub.id, {
            "hub.mode": "subscribe", "hub.topic": "https://lapsed.example/feed",
            "hub.challenge": "c", "hub.lease_seconds": "3600"}, then)
        return sub.id


def test_renewal_check_alerts_a_lapsed_subscription_before_renewing(
        engine: Engine, settings: Settings, webhook: Receiver, down: str) -> None:
    sub_id = _lapsed(engine, f"{down}/hub")  # a hub that is down
    alerting = dataclasses.replace(settings, alert_webhook_url=webhook.url,
                                   websub_callback_url="https://cb.example/websub",
                                   connect_timeout=2.0)
    result = push.renew_due(engine, alerting)
    assert result["due"] == 1 and len(result["failed"]) == 1  # the hub could not be asked
    [post] = webhook.posts
    alert = post["json"]
    assert [(s["id"], s["state"]) for s in alert["subscriptions"]] == [(sub_id, "expired")]
    assert "lapsed: the lease ended" in alert["text"]
    with Session(engine) as session:  # the failed renewal leaves it denied: the next check says so
        assert session.get(WebSubSubscription, sub_id).state == "denied"


def test_renewal_goes_on_when_the_alert_cannot_be_delivered(engine: Engine, settings: Settings,
                                                            caplog, down: str) -> None:
    _lapsed(engine, f"{down}/hub")
    alerting = dataclasses.replace(settings, alert_webhook_url=f"{down}/",
                                   websub_callback_url="https://cb.example/websub",
                                   connect_timeout=2.0, alert_timeout=2.0)
    with caplog.at_level(logging.ERROR, logger="wirehouse.push"):
        result = push.renew_due(engine, alerting)
    assert result["due"] == 1
    assert any("subscription alert not delivered" in r.getMessage() for r in caplog.records)


def _alerted(engine: Engine) -> dict[int, str | None]:
    with Session(engine) as session:
        return dict(session.execute(select(WebSubSubscription.id,
                                           WebSubSubscription.alerted_problem)).all())


def test_each_problem_is_alerted_once_until_it_changes(engine: Engine, settings: Settings,
                                                       webhook: Receiver) -> None:
    add_push_history(engine, NOW)
    alerting = dataclasses.replace(settings, alert_webhook_url=webhook.url)
    assert [s.id for s in push_health.alert_problems(engine, alerting, NOW)] == [2, 3, 4, 5]
    recorded = _alerted(engine)
    assert recorded[3] == "lapsed: the lease ended 2026-11-23 08:30 UTC and was not renewed"
    assert recorded[1] is None
    # the hourly and nightly checks that follow find the same problems: no second alert
    assert push_health.alert_problems(engine, alerting, NOW) == []
    # an hour on, subscription 6's request (09:20) has waited too long: that one is new
    assert [s.id for s in push_health.alert_problems(engine, alerting,
                                                     NOW + timedelta(hours=1))] == [6]
    assert push_health.alert_problems(engine, alerting, NOW + timedelta(hours=24)) == []
    assert len(webhook.posts) == 2
    # subscription 3 is renewed (well again: its record is cleared, and that is alerted once),
    # then lapses again
    with db.session_scope(engine) as session:
        session.get(WebSubSubscription, 3).lease_expires_at = NOW + timedelta(hours=2)
    assert push_health.alert_problems(engine, alerting, NOW + timedelta(hours=1)) == []
    assert _alerted(engine)[3] is None and len(webhook.posts) == 3
    recovery = webhook.posts[2]["json"]
    assert recovery["text"] == (
        "Wirehouse: 1 WebSub subscription no longer needs attention\n"
        "- https://site3.example/feed.xml at https://hub.example/ (verified): was lapsed: "
        "the lease ended 2026-11-23 08:30 UTC and was not renewed")
    assert (recovery["subscriptions"], [r["id"] for r in recovery["recovered"]]) == ([], [3])
    assert push_health.alert_problems(engine, alerting, NOW + timedelta(minutes=90)) == []
    assert len(webhook.posts) == 3  # the recovery is told once
    again = push_health.alert_problems(engine, alerting, NOW + timedelta(hours=3))
    assert [s.id for s in again] == [3]
    assert len(webhook.posts) == 4
    alert = webhook.posts[3]["json"]
    assert alert["text"].startswith("Wirehouse: 1 WebSub subscription needs attention\n")
    assert "lapsed: the lease ended 2026-11-23 11:30 UTC" in alert["text"]
    # a subscription whose problem changes kind is alerted anew
    with db.session_scope(engine) as session:
        session.get(WebSubSubscription, 3).state = "denied"
    assert [s.id for s in push_health.alert_problems(engine, alerting, NOW + timedelta(hours=3))] == [3]
    assert _alerted(engine)[3].startswith("failed to verify")


def test_an_alert_the_webhook_refused_is_sent_by_the_next_check(
        engine: Engine, settings: Settings, webhook: Receiver, broken_webhook: Receiver) -> None:
    add_push_history(engine, NOW)
    broken = dataclasses.replace(settings, alert_webhook_url=broken_webhook.url)
    with pytest.raises(AlertDeliveryError):
        push_health.alert_problems(engine, broken, NOW)
    assert set(_alerted(engine).values()) == {None}  # nothing counts as alerted
    working = dataclasses.replace(settings, alert_webhook_url=webhook.url)
    assert [s.id for s in push_health.alert_problems(engine, working, NOW)] == [2, 3, 4, 5]
    assert len(webhook.posts) == 1


def test_renewal_checks_alert_a_lapsed_subscription_once(engine: Engine, settings: Settings,
                                                          webhook: Receiver, down: str) -> None:
    _lapsed(engine, f"{down}/hub")
    alerting = dataclasses.replace(settings, alert_webhook_url=webhook.url)  # no callback URL:
    with pytest.raises(ConfigError):  # the renewal cannot be asked for, every check
        push.renew_due(engine, alerting)
    with pytest.raises(ConfigError):
        push.renew_due(engine, alerting)
    [post] = webhook.posts
    assert "lapsed: the lease ended" in post["json"]["text"]


def test_recovery_is_alerted_once_verified_or_ended_not_while_a_request_is_pending(
        engine: Engine, settings: Settings, webhook: Receiver) -> None:
    add_push_history(engine, NOW)
    alerting = dataclasses.replace(settings, alert_webhook_url=webhook.url)
    assert [s.id for s in push_health.alert_problems(engine, alerting, NOW)] == [2, 3, 4, 5]
    # 2 (denied) is subscribed again: the hub has not verified the request yet
    with db.session_scope(engine) as session:
        state.request_subscription(session, "https://site2.example/feed.xml",
                                   "https://hub.example/", "https://cb.example/websub", 600, NOW)
        session.get(WebSubSubscription, 4).state = "unsubscribed"  # 4 (expired) is ended
    assert push_health.alert_problems(engine, alerting, NOW) == []
    [_first, ended] = webhook.posts
    assert [(r["id"], r["state"]) for r in ended["json"]["recovered"]] == [(4, "unsubscribed")]
    assert _alerted(engine)[2].startswith("failed to verify")  # pending: not recovered yet
    with db.session_scope(engine) as session:
        state.answer_verification(session, 2, {
            "hub.mode": "subscribe", "hub.topic": "https://site2.example/feed.xml",
            "hub.challenge": "c", "hub.lease_seconds": "600"}, NOW)
    # one alert tells both: 2 recovered, and 5's request is still not verified (no change)
    assert push_health.alert_problems(engine, alerting, NOW) == []
    assert len(webhook.posts) == 3
    recovered = webhook.posts[2]["json"]["recovered"]
    assert [(r["id"], r["state"]) for r in recovered] == [(2, "verified")]
    assert recovered[0]["was"].startswith("failed to verify")
    assert _alerted(engine)[2] is None


def test_a_recovery_the_webhook_refused_is_sent_by_the_next_check(
        engine: Engine, settings: Settings, webhook: Receiver, broken_webhook: Receiver) -> None:
    add_push_history(engine, NOW)
    working = dataclasses.replace(settings, alert_webhook_url=webhook.url)
    push_health.alert_problems(engine, working, NOW)
    with db.session_scope(engine) as session:
        session.get(WebSubSubscription, 3).lease_expires_at = NOW + timedelta(days=5)
    broken = dataclasses.replace(settings, alert_webhook_url=broken_webhook.url)
    with pytest.raises(AlertDeliveryError):
        push_health.alert_problems(engine, broken, NOW)
    assert _alerted(engine)[3] is not None  # not told: still counts as alerted
    assert push_health.alert_problems(engine, working, NOW) == []
    assert [r["id"] for r in webhook.posts[-1]["json"]["recovered"]] == [3]
    assert _alerted(engine)[3] is None
