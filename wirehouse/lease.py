"""The run lease: one row of ``run_lease`` saying which run may write the warehouse now.

The process-level lock of :mod:`wirehouse.runlock` only sees processes sharing a lock file or a
PostgreSQL session; a DAG run spreads over many task processes and holds no lock between them.
The lease lives in the warehouse itself, so `wirehouse run` and the DAG runs see each other:

* a command-line run takes it with its process (host, pid) and renews it every few seconds;
  a lease that lapsed, or whose process is gone on this host, is taken over with a warning;
* a DAG run takes it in ``begin`` for ``airflow_lease_hours`` and gives it back in ``finish``
  or in its failure callback; its tasks check they still hold it before fetching.

Every change is one conditional statement, so two runs racing for the lease cannot both win.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from load import db
from load.models import RunLease
from wirehouse.errors import RunLockedError, RunLockLostError

log = logging.getLogger(__name__)

NAME = "ingest"
Kind = Literal["cli", "airflow"]


def _now() -> datetime:
    return datetime.now(UTC)


def _process_gone(lease: RunLease) -> bool:
    """True when the holder is a command-line run on this host whose process has ended."""
    if lease.kind != "cli" or lease.host != socket.gethostname() or not lease.pid:
        return False
    if lease.pid == os.getpid():
        return False
    try:
        os.kill(lease.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def describe(lease: RunLease) -> str:
    who = f"pid {lease.pid} on {lease.host}" if lease.kind == "cli" else f"Airflow on {lease.host}"
    return f"run {lease.run_id} ({who}) holds the run lease until {lease.expires_at:%Y-%m-%d %H:%M:%S} UTC"


def acquire(engine: Engine, run_id: str, kind: Kind, ttl: timedelta) -> None:
    """Take the lease for ``run_id`` (renew it when already ours); RunLockedError when another
    live run holds it."""
    now = _now()
    values = {"run_id": run_id, "kind": kind, "host": socket.gethostname(),
              "pid": os.getpid() if kind == "cli" else None, "acquired_at": now,
              "expires_at": now + ttl}
    with db.session_scope(engine) as session:
        current = session.get(RunLease, NAME)
        if current is None:
            try:
                with session.begin_nested():
                    session.execute(insert(RunLease).values(name=NAME, **values))
            except IntegrityError:
                raise RunLockedError("another wirehouse run took the run lease just now") from None
            return
        if current.run_id != run_id:
            lapsed = current.expires_at <= now
            if not lapsed and not _process_gone(current):
                raise RunLockedError(f"another wirehouse run is in progress: {describe(current)}; "
                                     "wait for it to finish or stop it")
            log.warning("taking over the run lease of run %s (%s)", current.run_id,
                        "lapsed" if lapsed else "its process has ended")
        taken = session.execute(
            update(RunLease)
            .where(RunLease.name == NAME, RunLease.run_id == current.run_id,
                   RunLease.expires_at == current.expires_at)
            .values(**values)
        ).rowcount
        if taken != 1:
            raise RunLockedError("another wirehouse run took the run lease just now")


def renew(engine: Engine, run_id: str, ttl: timedelta) -> None:
    """Push our lease's expiry ``ttl`` ahead; RunLockLostError when it is no longer ours."""
    with db.session_scope(engine) as session:
        renewed = session.execute(
            update(RunLease).where(RunLease.name == NAME, RunLease.run_id == run_id)
            .values(expires_at=_now() + ttl)
        ).rowcount
        if renewed != 1:
            raise RunLockLostError(_lost_message(session.get(RunLease, NAME), run_id))


def check(engine: Engine, run_id: str) -> None:
    """RunLockLostError unless ``run_id`` holds the lease."""
    with db.session_scope(engine) as session:
        current = session.get(RunLease, NAME)
        if current is None or current.run_id != run_id:
            raise RunLockLostError(_lost_message(current, run_id))


def release(engine: Engine, run_id: str) -> bool:
    """Give the lease back if ``run_id`` holds it; True when it did."""
    with db.session_scope(engine) as session:
        return session.execute(
            delete(RunLease).where(RunLease.name == NAME, RunLease.run_id == run_id)
        ).rowcount == 1


def holder(engine: Engine) -> RunLease | None:
    """The current lease row, if any (detached)."""
    with db.session_scope(engine) as session:
        row = session.scalar(select(RunLease).where(RunLease.name == NAME))
        if row is not None:
            session.expunge(row)
        return row


def _lost_message(current: RunLease | None, run_id: str) -> str:
    now_held = f"; {describe(current)}" if current is not None else ""
    return f"run {run_id} lost the run lease{now_held}: stopping before writing more"


__all__ = ["NAME", "acquire", "check", "describe", "holder", "release", "renew"]
