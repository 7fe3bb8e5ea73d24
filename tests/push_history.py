"""A warehouse's push history for the tests of the Wirehouse page and the subscription alerts:
WebSub subscriptions in every state (well and not), and outbox rows over the last day whose
receipt-to-articles delays are known."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from load.models import PushOutbox, WebSubSubscription

EVIL = "<script>alert('x')</script>"
MINUTE, HOUR, DAY = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
# the 20 pushes that brought new articles took 10, 20, ..., 200 s: p50 100 s, p95 190 s
DELAYS = [10.0 * i for i in range(1, 21)]


def _sub(id_: int, state: str, now: datetime, **fields: object) -> WebSubSubscription:
    values: dict[str, object] = {
        "topic_url": f"https://site{id_}.example/feed.xml", "hub_url": "https://hub.example/",
        "callback_url": f"https://airflow.example/wirehouse/websub/{id_}", "secret": "s" * 64,
        "state": state, "requested_at": now - 2 * DAY, "pushes": 0,
    }
    values.update(fields)
    return WebSubSubscription(id=id_, **values)


def add_push_history(engine: Engine, now: datetime) -> None:
    """Subscriptions 1 (verified, 3 pushes today and one yesterday), 2 (denied, an error with
    markup), 3 (verified but its lease ended an hour ago: lapsed), 4 (expired), 5 (requested
    two hours ago, never verified), 6 (requested ten minutes ago), 7 (unsubscribed); and
    outbox rows: 20 submitted URLs drained with new articles after DELAYS, one drained with
    none, one failed, and one drained long ago (outside the last day). ``now`` is after
    04:00 UTC."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    with Session(engine) as s:
        s.add_all([
            _sub(1, "verified", now, lease_expires_at=now + 5 * DAY, verified_at=now - DAY,
                 last_push_at=now - HOUR, pushes=4),
            _sub(2, "denied", now, last_error=f"denied by the hub: {EVIL}\nsecond line"),
            _sub(3, "verified", now, lease_expires_at=now - HOUR, verified_at=now - 10 * DAY),
            _sub(4, "expired", now, lease_expires_at=now - DAY, verified_at=now - 11 * DAY),
            _sub(5, "requested", now, requested_at=now - 2 * HOUR, pending_mode="subscribe"),
            _sub(6, "requested", now, requested_at=now - 10 * MINUTE, pending_mode="subscribe"),
            _sub(7, "unsubscribed", now),
        ])
        s.flush()
        for received in (now - HOUR, now - 2 * HOUR, midnight + MINUTE):
            s.add(PushOutbox(received_at=received, kind="fat", subscription_id=1,
                             topic_url="https://site1.example/feed.xml", state="received",
                             attempts=0, pages_fetched=0))
        s.add(PushOutbox(received_at=midnight - 2 * HOUR, kind="light", subscription_id=1,
                         topic_url="https://site1.example/feed.xml", state="done", attempts=1,
                         processed_at=midnight - HOUR, pages_fetched=0))
        for i, delay in enumerate(DELAYS):
            received = now - 3 * HOUR - i * MINUTE
            s.add(PushOutbox(received_at=received, kind="url", url=f"https://n.example/{i}",
                             state="done", attempts=1, pages_fetched=1,
                             processed_at=received + timedelta(seconds=delay)))
        s.add(PushOutbox(received_at=now - 4 * HOUR, kind="url", url="https://n.example/known",
                         state="done", attempts=1, pages_fetched=0,
                         processed_at=now - 4 * HOUR + timedelta(seconds=5000)))
        s.add(PushOutbox(received_at=now - 4 * HOUR, kind="url", url="https://n.example/gone",
                         state="failed", attempts=3, pages_fetched=0, error="HTTP 500",
                         processed_at=now - 3 * HOUR))
        s.add(PushOutbox(received_at=now - 2 * DAY, kind="url", url="https://n.example/old",
                         state="done", attempts=1, pages_fetched=1,
                         processed_at=now - 2 * DAY + timedelta(seconds=9999)))
        s.commit()
