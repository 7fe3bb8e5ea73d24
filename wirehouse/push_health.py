"""How push ingestion is doing, for the Wirehouse page and for alerts: each WebSub
subscription's state with the problem it has (failed to verify, lapsed, verification never
came), and the latency from receiving a push to its articles being rows of the warehouse.

A subscription needs attention when:

- the hub denied it, or refused our request (state ``denied``): it failed to verify;
- its lease ran out without a renewal (state ``expired``, or still ``verified`` past
  ``lease_expires_at`` until the next renewal check marks it): pushes are being missed;
- a request has waited for the hub's verification longer than ``websub_verify_within``
  (state ``requested``): the hub cannot reach the callback, most often because
  ``WIREHOUSE_WEBSUB_CALLBACK_URL`` is not its public address.

:func:`alert_problems` posts them to ``WIREHOUSE_ALERT_WEBHOOK_URL`` as the DAGs' failure
alerts are posted (wirehouse.alerts); `wirehouse websub renew` and every renewal through
:func:`wirehouse.push.renew_due` check before renewing. Each problem is alerted once: the one
alerted is recorded (``websub_subscriptions.alerted_problem``) and alerted again only once it
changed (a new lapse, a new request left unverified) or cleared and came back. Its end is
alerted once too, when the subscription is verified again (or was ended): a request still
awaiting the hub is not well yet. An alert the webhook did not take is sent again by the next
check.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from load import db
from load.models import PushOutbox, WebSubSubscription
from wirehouse.alerts import AlertDeliveryError, post_alert
from wirehouse.redact import mask_secrets
from wirehouse.settings import Settings
from wirehouse.wording import counted

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SubscriptionStatus:
    """One subscription as the page shows it; ``problem`` is None when all is well."""

    id: int
    topic_url: str
    hub_url: str
    state: str
    lease_expires_at: datetime | None
    last_push_at: datetime | None
    pushes_today: int  # accepted since 00:00 UTC
    last_error: str  # first line, secrets masked
    problem: str | None


@dataclass(frozen=True)
class PushLatency:
    """From receipt (``push_outbox.received_at``) to the drain that loaded its new articles
    (``processed_at``, written right after their rows are committed), over the pushes of a
    window that loaded at least one new article; seconds, nearest-rank percentiles."""

    pushes: int  # outbox rows received in the window
    measured: int  # of them, drained with new articles
    failed: int  # of them, failed (their drain's error kept in push_outbox.error)
    waiting: int  # of them, not drained yet (received or processing)
    p50: float | None
    p95: float | None


def problem_of(sub: WebSubSubscription, now: datetime, verify_within: float) -> str | None:
    """What is wrong with ``sub`` at ``now``, or None."""
    if sub.state == "denied":
        return "failed to verify: the hub denied or refused the subscription"
    if sub.state == "expired" or (sub.state == "verified" and sub.lease_expires_at is not None
                                  and sub.lease_expires_at <= now):
        ended = sub.lease_expires_at.strftime("%Y-%m-%d %H:%M UTC") if sub.lease_expires_at else "?"
        return f"lapsed: the lease ended {ended} and was not renewed"
    if sub.state == "requested" and sub.requested_at <= now - timedelta(seconds=verify_within):
        return (f"not verified: no verification from the hub since "
                f"{sub.requested_at:%Y-%m-%d %H:%M UTC} (can it reach WIREHOUSE_WEBSUB_CALLBACK_URL?)")
    return None


def _first_line(text: str | None) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return mask_secrets(lines[0]) if lines else ""


def subscription_statuses(session: Session, now: datetime,
                          verify_within: float) -> list[SubscriptionStatus]:
    """Every subscription, those needing attention first, then by id."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    today = dict(session.execute(
        select(PushOutbox.subscription_id, func.count())
        .where(PushOutbox.subscription_id.is_not(None), PushOutbox.received_at >= midnight)
        .group_by(PushOutbox.subscription_id)).all())
    statuses = [
        SubscriptionStatus(
            id=sub.id, topic_url=mask_secrets(sub.topic_url), hub_url=mask_secrets(sub.hub_url),
            state=sub.state, lease_expires_at=sub.lease_expires_at,
            last_push_at=sub.last_push_at, pushes_today=today.get(sub.id, 0),
            last_error=_first_line(sub.last_error),
            problem=problem_of(sub, now, verify_within),
        )
        for sub in session.scalars(select(WebSubSubscription).order_by(WebSubSubscription.id))
    ]
    statuses.sort(key=lambda s: (s.problem is None, s.id))
    return statuses


def _percentile(ordered: Sequence[float], share: float) -> float:
    """Nearest-rank percentile of a sorted, non-empty sequence."""
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def push_latency(session: Session, now: datetime, window: timedelta = timedelta(days=1)) -> PushLatency:
    """Receipt-to-articles latency of the pushes received in the ``window`` before ``now``."""
    rows = session.execute(
        select(PushOutbox.received_at, PushOutbox.processed_at, PushOutbox.state,
               PushOutbox.pages_fetched)
        .where(PushOutbox.received_at >= now - window)).all()
    delays = sorted((processed - received).total_seconds()
                    for received, processed, row_state, pages in rows
                    if row_state == "done" and pages and processed is not None)
    return PushLatency(
        pushes=len(rows), measured=len(delays),
        failed=sum(1 for r in rows if r.state == "failed"),
        waiting=sum(1 for r in rows if r.state in ("received", "processing")),
        p50=_percentile(delays, 0.50) if delays else None,
        p95=_percentile(delays, 0.95) if delays else None,
    )


@dataclass(frozen=True)
class Recovery:
    """A subscription alerted earlier whose problem has ended: ``was`` is the problem alerted."""

    status: SubscriptionStatus
    was: str


# States in which a subscription that had a problem no longer needs attention: verified again,
# or ended. A request awaiting the hub's verification (requested) has not recovered yet.
_RECOVERED_STATES = ("verified", "unsubscribed")


def _subscriptions(n: int, verb: str, verb_plural: str) -> str:
    return f"{counted(n, 'WebSub subscription')} {verb if n == 1 else verb_plural}"


def alert_payload(problems: Sequence[SubscriptionStatus],
                  recovered: Sequence[Recovery] = ()) -> dict[str, Any]:
    """The JSON of an alert about ``problems`` and ``recovered`` (not both empty): a ``text``
    as the DAGs' alerts have, each subscription needing attention (``subscriptions``) and each
    that no longer does (``recovered``)."""
    lines: list[str] = []
    if problems:
        lines.append(f"Wirehouse: {_subscriptions(len(problems), 'needs', 'need')} attention")
        lines += [f"- {s.topic_url} at {s.hub_url} ({s.state}): {s.problem}" for s in problems]
    if recovered:
        lines.append(f"Wirehouse: "
                     f"{_subscriptions(len(recovered), 'no longer needs', 'no longer need')} attention")
        lines += [f"- {r.status.topic_url} at {r.status.hub_url} ({r.status.state}): was {r.was}"
                  for r in recovered]
    return {
        "text": "\n".join(lines),
        "subscriptions": [
            {"id": s.id, "topic_url": s.topic_url, "hub_url": s.hub_url, "state": s.state,
             "problem": s.problem, "last_error": s.last_error,
             "lease_expires_at": s.lease_expires_at.isoformat() if s.lease_expires_at else None}
            for s in problems
        ],
        "recovered": [
            {"id": r.status.id, "topic_url": r.status.topic_url, "hub_url": r.status.hub_url,
             "state": r.status.state, "was": r.was}
            for r in recovered
        ],
    }


def alert_problems(engine: Engine, settings: Settings, now: datetime) -> list[SubscriptionStatus]:
    """Alert the subscriptions whose problem at ``now`` is new (not the one last alerted), and
    in the same alert those alerted before that are well again (verified or ended): logged and,
    when ``WIREHOUSE_ALERT_WEBHOOK_URL`` is set, posted there (AlertDeliveryError when the
    webhook does not take it; all of it is alerted again next time). Returns those alerted as
    needing attention. Each change is claimed with a conditional update of
    ``alerted_problem`` first, so two concurrent checks alert it once."""
    with db.session_scope(engine) as session:
        statuses = subscription_statuses(session, now, settings.websub_verify_within)
        alerted = dict(session.execute(
            select(WebSubSubscription.id, WebSubSubscription.alerted_problem)).all())
        recovered = [Recovery(s, was) for s in statuses
                     if s.problem is None and s.state in _RECOVERED_STATES
                     and (was := alerted.get(s.id)) is not None
                     and _mark_alerted(session, s.id, was, None)]
        problems = [s for s in statuses if s.problem is not None and s.problem != alerted.get(s.id)
                    and _mark_alerted(session, s.id, alerted.get(s.id), s.problem)]
    if not problems and not recovered:
        return problems
    payload = alert_payload(problems, recovered)
    log.log(logging.ERROR if problems else logging.WARNING, "%s", payload["text"])
    if settings.alert_webhook_url:
        try:
            post_alert(settings.alert_webhook_url, payload, settings.alert_timeout)
        except AlertDeliveryError:
            with db.session_scope(engine) as session:  # not alerted after all: the next check is
                for status in problems:
                    _mark_alerted(session, status.id, status.problem, alerted.get(status.id))
                for recovery in recovered:
                    _mark_alerted(session, recovery.status.id, None, recovery.was)
            raise
    return problems


def _mark_alerted(session: Session, sub_id: int, was: str | None, problem: str | None) -> bool:
    """Record ``problem`` as the one alerted for the subscription if it still records ``was``
    (so of two concurrent checks only one alerts); whether it did."""
    return session.execute(
        update(WebSubSubscription)
        .where(WebSubSubscription.id == sub_id,
               WebSubSubscription.alerted_problem.is_not_distinct_from(was))
        .values(alerted_problem=problem)
    ).rowcount == 1


__all__ = [
    "PushLatency",
    "Recovery",
    "SubscriptionStatus",
    "alert_payload",
    "alert_problems",
    "problem_of",
    "push_latency",
    "subscription_statuses",
]
