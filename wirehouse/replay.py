"""Transform and load again from WARC files, without touching the network.

`wirehouse reprocess --since DATE` replays this warehouse's own archive (after an extractor
upgrade, say); `wirehouse reprocess --quarantined` retries the records quarantined because they
failed to load; `wirehouse ingest-warc FILE...` loads WARC files from elsewhere, such as Common
Crawl's CC-NEWS. Both stream: memory is bounded by one load batch, whatever the files' size.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, update

from extract.archive import ArchiveError, StoredResponse, iter_archive
from extract.crawl import FetchLogEntry
from extract.feeds import FeedParseError, parse_feed
from extract.warc_start import ReplayedStream
from load import db
from load.models import Run
from load.upsert import name_unnamed_sources, record_fetch_log
from transform.articles import SITE_NAME_MAX
from transform.records import FeedEntry
from transform.urls import InvalidURLError, canonicalize_url, domain_of
from wirehouse.pipeline import (
    ArchivedPage,
    load_pages,
    new_run_id,
    process_stories,
    retry_quarantined,
)
from wirehouse.progress import ProgressHook
from wirehouse.runlock import run_lock
from wirehouse.runs import fail_run
from wirehouse.settings import Settings
from wirehouse.warehouse import open_warehouse

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_html(stored: StoredResponse) -> bool:
    content_type = (stored.content_type or "").lower()
    return any(kind in content_type for kind in HTML_TYPES)


def archived_pages(
    paths: Iterable[Path],
    settings: Settings,
    since: datetime | None = None,
    feed_titles: dict[str, str] | None = None,
    skip_unreadable: bool = False,
    opened: dict[Path, ReplayedStream] | None = None,
) -> Iterator[ArchivedPage]:
    """The successful HTML responses of ``paths``, each with its feed entry when the same file
    holds the feed that linked to it (the pipeline archives a batch's feeds before its pages).

    ``feed_titles``, when given, is filled with the title of each feed met, by the feed's domain.
    With ``skip_unreadable``, a file that cannot be read on (empty, cut short, malformed) is one
    warning and the next file is read: the warehouse's own archive, where a crashed run leaves
    such files, is not to be replayed only up to the first. ``opened`` holds the files already
    opened to check their start (:func:`extract.archive.iter_archive`), each read once (a
    path given again is opened again).
    """
    for path in paths:
        try:
            yield from _file_pages(path, settings, since, feed_titles, (opened or {}).pop(path, None))
        except ArchiveError as exc:
            if not skip_unreadable:
                raise
            log.warning("%s; going on with the next file", exc)


def _file_pages(
    path: Path,
    settings: Settings,
    since: datetime | None,
    feed_titles: dict[str, str] | None,
    opened: ReplayedStream | None,
) -> Iterator[ArchivedPage]:
    entries: dict[str, FeedEntry] = {}
    for stored in iter_archive(path, max_body_bytes=settings.max_body_bytes, opened=opened):
        if stored.status_code != 200 or stored.truncated:
            continue
        if since is not None and stored.fetched_at < since:
            continue
        if not _is_html(stored):
            entries.update(_feed_entries(stored, settings, feed_titles))
            continue
        fetched = stored.requested_url or stored.url
        yield ArchivedPage(stored, fetched, entries.get(_canonical(fetched, settings)))


def _feed_entries(
    stored: StoredResponse, settings: Settings, titles: dict[str, str] | None
) -> dict[str, FeedEntry]:
    try:
        parsed = parse_feed(stored.body, stored.url, stored.content_type)
    except FeedParseError:
        return {}
    title = " ".join((parsed.title or "").split())
    if titles is not None and title:
        titles.setdefault(domain_of(stored.url), title[:SITE_NAME_MAX])
    links = ((_canonical(entry.link, settings), entry) for entry in parsed.entries)
    return {url: entry for url, entry in links if url}


def _canonical(url: str, settings: Settings) -> str:
    try:
        return canonicalize_url(url, settings.tracking_params)
    except InvalidURLError:
        return ""


def reprocess(
    settings: Settings, since: datetime, progress: ProgressHook | None = None
) -> dict[str, Any]:
    """Re-extract and re-load every page this warehouse archived since ``since``."""
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    cutoff = since.timestamp()
    paths = sorted(
        path
        for path in settings.archive_dir.glob("*/*.warc.gz")
        if path.stat().st_mtime >= cutoff  # a file is written during its run
    )
    # opened before the lock, whose lease table would otherwise be looked for in a warehouse that
    # is missing (and the SQLite file created empty) instead of saying `wirehouse db upgrade`
    engine = open_warehouse(settings)
    with run_lock(settings, wait=settings.run_lock_wait, run_id=f"reprocess-{new_run_id()}",
                  holder="wirehouse reprocess"):
        counts = load_pages(
            engine, settings, archived_pages(paths, settings, since, skip_unreadable=True),
            progress=progress,
        )
        return {
            "files": len(paths),
            **counts,
            "stories": process_stories(settings, progress=progress),
        }


def ingest_warc(
    settings: Settings,
    paths: list[Path],
    progress: ProgressHook | None = None,
    opened: dict[Path, ReplayedStream] | None = None,
) -> dict[str, Any]:
    """Load the HTML responses of WARC files from elsewhere, then deduplicate and cluster.

    The load is a run of its own: a ``runs`` row (``warc-...``) that ends completed or failed,
    and one ``fetch_log`` row per response read, with the status, size and time the WARC records.
    ``opened``: the paths the caller opened to check their start before any run (pipes, which
    cannot be read twice).
    """
    run_id = f"warc-{new_run_id()}"
    engine = open_warehouse(settings)  # before the lock, as in reprocess
    with run_lock(settings, wait=settings.run_lock_wait, run_id=run_id,
                  holder="wirehouse ingest-warc"):
        with db.session_scope(engine) as session:
            session.add(Run(id=run_id, started_at=datetime.now(UTC), status="running"))
        try:
            feed_titles: dict[str, str] = {}
            pages = archived_pages(paths, settings, feed_titles=feed_titles, opened=opened)
            logged = _logged(engine, settings, run_id, pages)
            counts = load_pages(engine, settings, logged, run_id=run_id, progress=progress)
            with db.session_scope(engine) as session:
                # as a feed list without names would: a page without og:site_name leaves its
                # source to be named after the feed that lists it
                name_unnamed_sources(session, feed_titles)
            stories = process_stories(settings, run_id=run_id, progress=progress)
        except BaseException as exc:
            try:  # recorded with its error, as `wirehouse run` records a failed run
                fail_run(engine, run_id, db.error_reason(engine, exc))
            except Exception as exc:  # noqa: BLE001 - the first failure is the one to report
                log.warning("run %s could not be marked failed: %s", run_id, exc)
            raise
        _complete_run(engine, run_id, pages=counts["pages"], new=counts["inserted"])
        return {"files": len(paths), **counts, "stories": stories, "run_id": run_id}


def _logged(
    engine: Engine, settings: Settings, run_id: str, pages: Iterable[ArchivedPage]
) -> Iterator[ArchivedPage]:
    """``pages``, each recorded in ``fetch_log`` as it passes, ``load_batch_size`` rows a write."""
    entries: list[FetchLogEntry] = []
    for page in pages:
        stored = page.stored
        entries.append(
            FetchLogEntry(
                run_id=run_id,
                url=stored.url,
                kind="page",
                status_code=stored.status_code,
                error=None,
                bytes=len(stored.body),
                elapsed_ms=0,  # a WARC does not say how long its fetch took
                attempt=1,
                fetched_at=stored.fetched_at,
            )
        )
        if len(entries) >= settings.load_batch_size:
            _write_log(engine, entries)
        yield page
    _write_log(engine, entries)


def _write_log(engine: Engine, entries: list[FetchLogEntry]) -> None:
    if entries:
        with db.session_scope(engine) as session:
            record_fetch_log(session, entries)
        entries.clear()


def _complete_run(engine: Engine, run_id: str, pages: int, new: int) -> None:
    with db.session_scope(engine) as session:
        session.execute(
            update(Run)
            .where(Run.id == run_id)
            .values(
                status="completed",
                finished_at=datetime.now(UTC),
                pages_fetched=pages,
                articles_new=new,
            )
        )


def retry_quarantine(settings: Settings) -> dict[str, Any]:
    """Retry every quarantined record (see pipeline.retry_quarantined), then cluster."""
    open_warehouse(settings).dispose()  # missing or unmigrated: said before the lock, as above
    with run_lock(settings, wait=settings.run_lock_wait, run_id=f"quarantine-{new_run_id()}",
                  holder="wirehouse reprocess --quarantined"):
        counts = retry_quarantined(settings)
        return {**counts, "stories": process_stories(settings)}
