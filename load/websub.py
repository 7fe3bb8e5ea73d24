"""Stored state of push ingestion: WebSub subscriptions and the push outbox.

Every function takes a session; the caller owns the transaction (so a push's outbox row and its
subscription's counters commit together, before the hub is answered).
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from load.models import PushOutbox, WebSubSubscription
from transform.records import clean_text
from transform.websub import Verification, check_verification

STATES = ("requested", "verified", "denied", "expired", "unsubscribed")


class SubscriptionNotFound(LookupError):
    """No subscription has that id or topic."""


def callback_for(base_url: str, subscription_id: int) -> str:
    return f"{base_url.rstrip('/')}/{subscription_id}"


def request_subscription(session: Session, topic_url: str, hub_url: str, callback_base: str,
                         lease_seconds: int, now: datetime) -> WebSubSubscription:
    """Record a subscribe request about to be sent (new, renewal or re-subscription), before it
    is sent: the hub may verify it before answering. A verified subscription stays verified
    while its renewal is pending; the secret stays the same for the subscription's life."""
    sub = session.scalar(select(WebSubSubscription).where(
        WebSubSubscription.topic_url == topic_url, WebSubSubscription.hub_url == hub_url))
    if sub is None:
        sub = WebSubSubscription(topic_url=topic_url, hub_url=hub_url, callback_url="",
                                 secret=secrets.token_hex(32), state="requested", pushes=0,
                                 requested_at=now)
        session.add(sub)
        session.flush()
    sub.callback_url = callback_for(callback_base, sub.id)
    if sub.state != "verified":
        sub.state = "requested"
    sub.pending_mode = "subscribe"
    sub.lease_seconds = lease_seconds
    sub.requested_at = now
    sub.last_error = None
    return sub


def request_unsubscription(session: Session, sub: WebSubSubscription, now: datetime) -> None:
    sub.pending_mode = "unsubscribe"
    sub.requested_at = now


def request_failed(session: Session, subscription_id: int, error: str) -> None:
    """The hub refused or could not take a request: nothing is pending, the error is kept; a
    subscription never verified counts as denied."""
    sub = session.get(WebSubSubscription, subscription_id)
    if sub is None:
        return
    sub.pending_mode = None
    sub.last_error = clean_text(error, 2000)
    if sub.state == "requested":
        sub.state = "denied"


def answer_verification(session: Session, subscription_id: int, params: dict[str, str],
                        now: datetime) -> Verification:
    """Apply a hub's verification request to subscription ``subscription_id`` and return it
    (the caller echoes its challenge). Raises VerificationRefused or SubscriptionNotFound."""
    sub = session.get(WebSubSubscription, subscription_id, with_for_update=True)
    if sub is None:
        raise SubscriptionNotFound(f"no subscription {subscription_id}")
    verdict = check_verification(params, sub.topic_url, sub.pending_mode)
    if verdict.mode == "subscribe":
        sub.state = "verified"
        sub.lease_seconds = verdict.lease_seconds
        sub.lease_expires_at = now + timedelta(seconds=verdict.lease_seconds or 0)
        sub.verified_at = now
        sub.last_error = None
    elif verdict.mode == "unsubscribe":
        sub.state = "unsubscribed"
        sub.lease_expires_at = None
        sub.verified_at = now
    else:
        sub.state = "denied"
        sub.last_error = clean_text(f"denied by the hub: {verdict.reason or 'no reason given'}",
                                    2000)
    sub.pending_mode = None
    return verdict


def due_for_renewal(session: Session, now: datetime, renew_before: float) -> list[int]:
    """Ids of the subscriptions to subscribe again: verified ones whose lease ends within
    ``renew_before`` seconds, and lapsed ones (marked expired here); not those with an
    unsubscription pending."""
    session.execute(update(WebSubSubscription)
                    .where(WebSubSubscription.state == "verified",
                           WebSubSubscription.lease_expires_at <= now)
                    .values(state="expired"))
    horizon = now + timedelta(seconds=renew_before)
    return list(session.scalars(
        select(WebSubSubscription.id)
        .where(or_(WebSubSubscription.state == "expired",
                   and_(WebSubSubscription.state == "verified",
                        WebSubSubscription.lease_expires_at <= horizon)))
        # one we asked the hub to end is not renewed meanwhile
        .where(WebSubSubscription.pending_mode.is_distinct_from("unsubscribe"))
        .order_by(WebSubSubscription.id)))


def pushed_digests(session: Session, subscription_ids: Collection[int],
                   digests: Collection[str]) -> set[tuple[int, str]]:
    """The (subscription, body digest) pairs among these already in the outbox (replays)."""
    if not subscription_ids or not digests:
        return set()
    found: set[tuple[int, str]] = set()
    wanted = sorted(digests)
    for start in range(0, len(wanted), 500):
        found.update((sub_id, digest) for sub_id, digest in session.execute(
            select(PushOutbox.subscription_id, PushOutbox.body_sha256).where(
                PushOutbox.subscription_id.in_(sorted(subscription_ids)),
                PushOutbox.body_sha256.in_(wanted[start:start + 500]))))
    return found


def add_push(session: Session, sub: WebSubSubscription, kind: str, now: datetime,
             archive: tuple[str, int] | None, digest: str | None) -> PushOutbox:
    """The outbox row of an accepted push, and the subscription's counters."""
    row = PushOutbox(received_at=now, kind=kind, subscription_id=sub.id, topic_url=sub.topic_url,
                     archive_path=archive[0] if archive else None,
                     archive_offset=archive[1] if archive else None, body_sha256=digest,
                     state="received", attempts=0, pages_fetched=0)
    session.add(row)
    sub.pushes = (sub.pushes or 0) + 1
    sub.last_push_at = now
    return row


def add_urls(session: Session, urls: Sequence[str], now: datetime) -> list[int]:
    """Outbox rows (kind url) for article URLs submitted by other systems."""
    rows = [PushOutbox(received_at=now, kind="url", url=url, state="received", attempts=0,
                       pages_fetched=0) for url in urls]
    session.add_all(rows)
    session.flush()
    return [row.id for row in rows]


def _takeable(now: datetime, claim_timeout: float, max_attempts: int,
              drain_started: datetime) -> ColumnElement[bool]:
    stale = now - timedelta(seconds=claim_timeout)
    return or_(PushOutbox.state == "received",
               and_(PushOutbox.state == "failed", PushOutbox.attempts < max_attempts,
                    PushOutbox.processed_at < drain_started),
               and_(PushOutbox.state == "processing", PushOutbox.claimed_at < stale))


def claimable(session: Session, now: datetime, claim_timeout: float, max_attempts: int,
              limit: int, drain_started: datetime | None = None) -> list[int]:
    """Ids of outbox rows a drain may take: received; failed with attempts left (and not by
    this drain, which began at ``drain_started``); or claimed by a drain that has not finished
    within ``claim_timeout`` seconds (it died)."""
    return list(session.scalars(
        select(PushOutbox.id)
        .where(_takeable(now, claim_timeout, max_attempts, drain_started or now))
        .order_by(PushOutbox.id).limit(limit)))


def claim(session: Session, row_id: int, now: datetime, claim_timeout: float,
          max_attempts: int, drain_started: datetime | None = None) -> bool:
    """Take one row for this drain; False when another drain took it first."""
    return claim_many(session, [row_id], now, claim_timeout, max_attempts,
                      drain_started) == [row_id]


def claim_many(session: Session, row_ids: Sequence[int], now: datetime, claim_timeout: float,
               max_attempts: int, drain_started: datetime | None = None) -> list[int]:
    """Take these rows for this drain in one statement; the ids taken, in order (a row another
    drain took first is left out)."""
    if not row_ids:
        return []
    result = session.execute(
        update(PushOutbox)
        .where(PushOutbox.id.in_(list(row_ids)),
               _takeable(now, claim_timeout, max_attempts, drain_started or now))
        .values(state="processing", claimed_at=now, attempts=PushOutbox.attempts + 1)
        .returning(PushOutbox.id))
    return sorted(result.scalars())


def finish(session: Session, row_id: int, now: datetime, pages_fetched: int,
           error: str | None) -> None:
    session.execute(update(PushOutbox).where(PushOutbox.id == row_id).values(
        state="failed" if error else "done", processed_at=now, pages_fetched=pages_fetched,
        error=clean_text(error, 2000) if error else None))


__all__ = [
    "STATES",
    "SubscriptionNotFound",
    "add_push",
    "add_urls",
    "answer_verification",
    "callback_for",
    "claim",
    "claim_many",
    "claimable",
    "due_for_renewal",
    "finish",
    "pushed_digests",
    "request_failed",
    "request_subscription",
    "request_unsubscription",
]
