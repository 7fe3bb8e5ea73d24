"""Run records that tell the truth: a failed run ends ``failed`` with its error and end time,
a run whose process died is found by the next run and recorded the same way, and the WARC files
such runs leave are kept when their batch was recorded and deleted otherwise.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from extract.archive import ArchiveError, iter_archive
from load import db
from load.models import Article, FetchLog, Run
from wirehouse.settings import Settings

log = logging.getLogger(__name__)


def articles_first_loaded(session: Session, run_id: str) -> int:
    """How many articles ``run_id`` stored first: its ``articles_new``, read from the rows
    themselves, so it holds whichever task or attempt loaded them and however often it is read."""
    counted = select(func.count()).select_from(Article).where(Article.first_run_id == run_id)
    return session.scalar(counted) or 0


def fail_run(engine: Engine, run_id: str, error: str, *, even_completed: bool = False) -> bool:
    """Record that ``run_id`` failed with ``error`` (its first line), and the articles it
    stored before failing, unless it already failed or (without ``even_completed``) completed;
    True when the record changed."""
    lines = str(error).strip().splitlines()
    open_states = ("running", "ingested", "completed") if even_completed else ("running", "ingested")
    with db.session_scope(engine) as session:
        return bool(session.execute(
            update(Run)
            .where(Run.id == run_id, Run.status.in_(open_states))
            .values(status="failed", error=(lines[0] if lines else "failed")[:2000],
                    finished_at=datetime.now(UTC),
                    articles_new=articles_first_loaded(session, run_id))
        ).rowcount)


def reconcile_dead_runs(engine: Engine, settings: Settings, run_id: str) -> list[str]:
    """Mark runs still ``running`` (other than ``run_id``) as failed: their process ended
    without finishing. Their last fetch is taken as when they ended. Their WARC files are
    adopted when the run recorded the batch they hold, and deleted otherwise (that batch's
    feeds were not marked fetched, so it is fetched again)."""
    with db.session_scope(engine) as session:
        dead = session.scalars(
            select(Run).where(Run.status == "running", Run.id != run_id)
        ).all()
        for run in dead:
            last = session.scalar(select(func.max(FetchLog.fetched_at))
                                  .where(FetchLog.run_id == run.id))
            run.status = "failed"
            run.finished_at = max(last or run.started_at, run.started_at)
            run.error = (f"interrupted: the run's process ended before it finished "
                         f"(found by run {run_id})")
            run.articles_new = articles_first_loaded(session, run.id)
        names = [run.id for run in dead]
    for name in names:
        log.warning("run %s never finished; recorded as failed", name)
        settle_archives(engine, settings, name)
    return names


def settle_archives(engine: Engine, settings: Settings, run_id: str) -> None:
    """Keep a failed run's WARC files whose batch it recorded (``reprocess`` reads them);
    delete the others, whose feeds were not marked fetched and are fetched again."""
    folder = settings.archive_dir / run_id
    if not folder.is_dir():
        return
    with db.session_scope(engine) as session:
        logged = set(session.scalars(select(FetchLog.url).where(FetchLog.run_id == run_id)))
    for path in sorted(folder.glob("*.warc.gz")):
        try:
            first = next(iter_archive(path), None)
        except ArchiveError:
            first = None
        if first is not None and first.url in logged:
            continue  # adopted: its batch was recorded, `wirehouse reprocess` can read it
        log.info("deleting %s: an interrupted run wrote it and never recorded it", path)
        path.unlink(missing_ok=True)


__all__ = ["articles_first_loaded", "fail_run", "reconcile_dead_runs", "settle_archives"]
