"""The run lease: one row of ``run_lease`` saying which run may write the warehouse now.

The process-level lock of :mod:`wirehouse.runlock` only sees processes sharing a lock file or a
PostgreSQL session; a DAG run spreads over many task processes and holds no lock between them.
The lease lives in the warehouse itself, so `wirehouse run` and the DAG runs see each other.
Its row names its holder: the run, what took it (``holder``: the command, or the DAG and task),
the host, and the process whose end frees it (``pid``):

* a command-line run takes it with its own process and renews it every few seconds;
* a DAG run takes it in ``begin`` (or ``stories``) for ``airflow_lease_seconds`` with the pid of
  the Airflow scheduler it runs under on that host (LocalExecutor, as `airflow standalone`),
  which outlives its tasks, or with none (Celery: its next task may run on any worker). Each of
  its tasks holds it while it runs (:func:`heartbeat`: checked at its start, renewed as it runs
  and at its end, so the next task finds it), a task's retry keeps it through its back-off, and
  ``finish`` (``quality``) or the failure callback gives it back. A task lost with its Celery
  worker is failed by Airflow's heartbeat timeout and retried (the retry keeps the lease) or
  fails the run (its callback gives the lease back); a run nothing carries on any more (its
  Airflow gone too) stops renewing it, and it lapses within ``airflow_lease_seconds``.

A lease that lapsed, or whose process is gone on this host (Airflow stopped with Ctrl-C while a
DAG run held it), is taken over with one warning. One held on another host or with no process
is kept until it lapses; ``wirehouse lease --release`` (:func:`free`) gives it back at once.

Every change is one conditional statement, so two runs racing for the lease cannot both win.
A run's fenced commit (:func:`fence`) renews the lease too: on SQLite a long writing
transaction keeps the heartbeat's own renewals waiting for the write lock.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy import Engine, case, delete, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from load import db
from load.errors import database_reason
from load.models import RunLease
from wirehouse.errors import RunLockedError, RunLockLostError
from wirehouse.lease_words import (
    blocked_message,
    describe,
    process_state,
    released_message,
)

log = logging.getLogger(__name__)

NAME = "ingest"
Kind = Literal["cli", "airflow"]

# The term each run holding the lease in this process renews it for (set by acquire and renew,
# dropped by release), which :func:`fence` renews it for as its transaction commits.
_terms: dict[str, timedelta] = {}


def _now() -> datetime:
    return datetime.now(UTC)


def acquire(engine: Engine, run_id: str, kind: Kind, ttl: timedelta, *,
            holder: str | None = None, pid: int | None = None) -> None:
    """Take the lease for ``run_id`` (renew it when already ours); RunLockedError when another
    live run holds it. ``holder`` says what takes it; ``pid`` is the process whose end frees it
    (a command's own by default, none for a DAG run unless given)."""
    now = _now()
    values = {"run_id": run_id, "kind": kind, "host": socket.gethostname(),
              "pid": pid if pid is not None or kind != "cli" else os.getpid(),
              "holder": holder, "acquired_at": now, "expires_at": now + ttl}
    with db.session_scope(engine) as session:
        current = session.get(RunLease, NAME)
        if current is None:
            try:
                with session.begin_nested():
                    session.execute(insert(RunLease).values(name=NAME, **values))
            except IntegrityError:
                raise RunLockedError("another wirehouse run took the run lease just now") from None
            _terms[run_id] = ttl
            return
        if current.run_id != run_id:
            lapsed = current.expires_at <= now
            if not lapsed and process_state(current) != "gone":
                raise RunLockedError(blocked_message(current))
            log.warning("taking over the run lease: %s; %s", describe(current),
                        "it lapsed" if lapsed else "its process has ended")
        else:
            values["acquired_at"] = current.acquired_at  # held since it was first taken
        taken = session.execute(
            update(RunLease)
            .where(RunLease.name == NAME, RunLease.run_id == current.run_id,
                   RunLease.expires_at == current.expires_at)
            .values(**values)
        ).rowcount
        if taken != 1:
            raise RunLockedError("another wirehouse run took the run lease just now")
    _terms[run_id] = ttl


def renew(engine: Engine, run_id: str, ttl: timedelta) -> None:
    """Push our lease's expiry ``ttl`` ahead, never nearer than it is; RunLockLostError when it
    is no longer ours. A retry's callback keeps the lease for the retry's back-off, and a task of
    the same run that ends meanwhile (another mapped fetch, on another worker) renews it for the
    term: walked with a Celery worker killed, that cut the back-off short and the lease lapsed
    before the retry started."""
    until = _now() + ttl
    with db.session_scope(engine) as session:
        renewed = session.execute(
            update(RunLease).where(RunLease.name == NAME, RunLease.run_id == run_id)
            .values(expires_at=case((RunLease.expires_at > until, RunLease.expires_at),
                                    else_=until))
        ).rowcount
        if renewed != 1:
            raise RunLockLostError(_lost_message(session.get(RunLease, NAME), run_id))
    _terms[run_id] = ttl


@contextmanager
def heartbeat(engine: Engine, run_id: str, ttl: timedelta, *,
              give_back: bool = False) -> Iterator[Callable[[], None]]:
    """Hold ``run_id``'s lease while the block runs: renewed on entry (RunLockLostError when it
    is no longer ours, and the block never runs), every third of ``ttl`` from a thread, and on a
    clean exit, when it is given back instead with ``give_back``. Yields a check raising
    RunLockLostError once a renewal found the lease lost; a clean exit raises it too. A renewal
    that fails for another reason (a busy or briefly absent warehouse) is tried again."""
    renew(engine, run_id, ttl)
    lost: list[RunLockLostError] = []
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(ttl.total_seconds() / 3):
            try:
                renew(engine, run_id, ttl)
            except RunLockLostError as exc:
                log.error("%s", exc)
                lost.append(exc)
                return
            except (SQLAlchemyError, OSError) as exc:
                log.warning("could not renew the run lease, trying again: %s",
                            database_reason(getattr(exc, "orig", None) or exc))

    def still_held() -> None:
        if lost:
            raise lost[0]

    thread = threading.Thread(target=beat, name="wirehouse-lease-heartbeat", daemon=True)
    thread.start()
    try:
        yield still_held
    finally:
        stop.set()
        thread.join()
    still_held()
    if give_back:
        release(engine, run_id)
    else:
        renew(engine, run_id, ttl)  # the next task of the run has a whole term to start


def check(engine: Engine, run_id: str) -> None:
    """RunLockLostError unless ``run_id`` holds the lease."""
    with db.session_scope(engine) as session:
        current = session.get(RunLease, NAME)
        if current is None or current.run_id != run_id:
            raise RunLockLostError(_lost_message(current, run_id))


def fence(session: Session, run_id: str) -> None:
    """RunLockLostError unless ``run_id`` holds the lease, read inside ``session``'s transaction
    just before it commits what it wrote: the row stays locked until then (FOR UPDATE on
    PostgreSQL; on SQLite the transaction's write lock keeps every other writer out), so no
    run takes the lease between this check and the commit, and a run that lost it commits
    nothing (the transaction is rolled back with the error).

    A lease held is renewed with the commit for the term this process holds it for: on SQLite
    a long writing transaction (a task's clustering) keeps the heartbeat's renewals out with
    its write lock, and the lease lapsed under a run still working; after the commit, the
    first writer waiting took it over and the run failed, its work committed."""
    current = session.scalar(select(RunLease).where(RunLease.name == NAME).with_for_update())
    if current is None or current.run_id != run_id:
        raise RunLockLostError(_lost_message(current, run_id))
    term = _terms.get(run_id)
    if term is not None and current.expires_at < (renewed := _now() + term):
        current.expires_at = renewed


def release(engine: Engine, run_id: str) -> bool:
    """Give the lease back if ``run_id`` holds it; True when it did."""
    _terms.pop(run_id, None)
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


def free(engine: Engine) -> RunLease | None:
    """Give back the lease whoever holds it (`wirehouse lease --release`) and return whose it
    was; None when it was free. RunLockedError, and nothing changed, while its process still
    runs on this host: stopping that process gives it back."""
    with db.session_scope(engine) as session:
        current = session.get(RunLease, NAME)
        if current is None:
            return None
        if current.expires_at > _now() and process_state(current) == "alive":
            raise RunLockedError(f"not releasing the run lease: {describe(current)}, and that "
                                 "process still runs on this host; wait for it to finish or "
                                 "stop it")
        freed = session.execute(
            delete(RunLease).where(RunLease.name == NAME, RunLease.run_id == current.run_id,
                                   RunLease.expires_at == current.expires_at)
        ).rowcount
        if freed != 1:
            raise RunLockedError("the run lease changed just now; look again with `wirehouse lease`")
        session.expunge(current)
        return current


def _lost_message(current: RunLease | None, run_id: str) -> str:
    now_held = f"; {describe(current)}" if current is not None else ""
    return f"run {run_id} lost the run lease{now_held}: stopping before writing more"


__all__ = ["NAME", "acquire", "blocked_message", "check", "describe", "fence", "free", "heartbeat",
           "holder", "release", "released_message", "renew"]
