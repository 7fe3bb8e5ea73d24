"""Transform and load again from WARC files, without touching the network.

`wirehouse reprocess --since DATE` replays this warehouse's own archive (after an extractor
upgrade, say); `wirehouse ingest-warc FILE...` loads WARC files from elsewhere, such as Common
Crawl's CC-NEWS. Both stream: memory is bounded by one load batch, whatever the files' size.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from extract.archive import StoredResponse, iter_archive
from extract.feeds import FeedParseError, parse_feed
from transform.records import FeedEntry
from transform.urls import InvalidURLError, canonicalize_url
from wirehouse.pipeline import ArchivedPage, load_pages, process_stories
from wirehouse.runlock import run_lock
from wirehouse.settings import Settings
from wirehouse.warehouse import open_warehouse

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_html(stored: StoredResponse) -> bool:
    content_type = (stored.content_type or "").lower()
    return any(kind in content_type for kind in HTML_TYPES)


def archived_pages(
    paths: Iterable[Path], settings: Settings, since: datetime | None = None
) -> Iterator[ArchivedPage]:
    """The successful HTML responses of ``paths``, each with its feed entry when the same file
    holds the feed that linked to it (the pipeline archives a batch's feeds before its pages)."""
    for path in paths:
        entries: dict[str, FeedEntry] = {}
        for stored in iter_archive(path, max_body_bytes=settings.max_body_bytes):
            if stored.status_code != 200 or stored.truncated:
                continue
            if since is not None and stored.fetched_at < since:
                continue
            if not _is_html(stored):
                entries.update(_feed_entries(stored, settings))
                continue
            fetched = stored.requested_url or stored.url
            yield ArchivedPage(stored, fetched, entries.get(_canonical(fetched, settings)))


def _feed_entries(stored: StoredResponse, settings: Settings) -> dict[str, FeedEntry]:
    try:
        parsed = parse_feed(stored.body, stored.url, stored.content_type)
    except FeedParseError:
        return {}
    links = ((_canonical(entry.link, settings), entry) for entry in parsed.entries)
    return {url: entry for url, entry in links if url}


def _canonical(url: str, settings: Settings) -> str:
    try:
        return canonicalize_url(url, settings.tracking_params)
    except InvalidURLError:
        return ""


def reprocess(settings: Settings, since: datetime) -> dict[str, Any]:
    """Re-extract and re-load every page this warehouse archived since ``since``."""
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    cutoff = since.timestamp()
    paths = sorted(
        path
        for path in settings.archive_dir.glob("*/*.warc.gz")
        if path.stat().st_mtime >= cutoff  # a file is written during its run
    )
    with run_lock(settings, wait=settings.run_lock_wait):
        engine = open_warehouse(settings)
        counts = load_pages(engine, settings, archived_pages(paths, settings, since))
        return {"files": len(paths), **counts, "stories": process_stories(settings)}


def ingest_warc(settings: Settings, paths: list[Path]) -> dict[str, Any]:
    """Load the HTML responses of WARC files from elsewhere, then deduplicate and cluster."""
    with run_lock(settings, wait=settings.run_lock_wait):
        engine = open_warehouse(settings)
        counts = load_pages(engine, settings, archived_pages(paths, settings))
        return {"files": len(paths), **counts, "stories": process_stories(settings)}
