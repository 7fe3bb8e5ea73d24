"""A renewal never brings the run lease's expiry nearer, on SQLite and PostgreSQL: a retry's
callback keeps it for the retry's back-off, and another task of the same run ending meanwhile
(a mapped fetch on another Celery worker, walked in tests/test_celery_worker_loss.py) renews it
for the term only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from load.models import RunLease
from wirehouse import lease
from wirehouse.errors import RunLockedError

RUN = "scheduled__2026-11-03T02:00:00+00:00"
TERM = timedelta(seconds=2)


def _expires(engine) -> datetime:
    with engine.connect() as conn:
        expires = conn.scalar(select(RunLease.expires_at))
    return expires if expires.tzinfo else expires.replace(tzinfo=UTC)


def test_a_renewal_for_the_term_keeps_a_longer_one_a_retry_took(engine) -> None:
    lease.acquire(engine, RUN, "airflow", TERM, holder="wirehouse_ingest.begin")
    lease.renew(engine, RUN, timedelta(minutes=5))  # the failed try's retry callback
    with lease.heartbeat(engine, RUN, TERM):  # another fetch of the run, ending
        pass
    assert _expires(engine) > datetime.now(UTC) + timedelta(minutes=4)
    with pytest.raises(RunLockedError, match="another wirehouse run is in progress"):
        lease.acquire(engine, "cli-run", "cli", TERM)


def test_a_renewal_still_pushes_a_nearer_expiry_ahead(engine) -> None:
    lease.acquire(engine, RUN, "airflow", TERM)
    lease.renew(engine, RUN, timedelta(minutes=5))
    assert _expires(engine) > datetime.now(UTC) + timedelta(minutes=4)
