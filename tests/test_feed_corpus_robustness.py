"""Every document of feedparser's test corpus goes through parse_feed without an untyped
exception, and whatever is kept is sane. The corpus is shared bench data, not a fixture:
the test is skipped when it is absent (set WIREHOUSE_FEED_CORPUS to point elsewhere)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from extract.feeds import FeedParseError, parse_feed

CORPUS = Path(os.environ.get("WIREHOUSE_FEED_CORPUS")
              or Path(__file__).resolve().parents[2] / "shared/bench/feeds/feedparser-corpus")


def _documents() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".xml", ".json"))


DOCUMENTS = _documents()


@pytest.mark.skipif(not DOCUMENTS, reason=f"feed corpus not found at {CORPUS} "
                    "(set WIREHOUSE_FEED_CORPUS)")
def test_corpus_never_escapes_untyped_errors_and_keeps_sane_entries() -> None:
    failures: list[str] = []
    parsed = entries = 0
    for path in DOCUMENTS:
        url = f"http://corpus.example.com/{path.relative_to(CORPUS).as_posix()}"
        try:
            feed = parse_feed(path.read_bytes(), url)
        except FeedParseError:
            continue
        except Exception as exc:  # noqa: BLE001 - report every escape, do not stop at one
            failures.append(f"{path.name}: {type(exc).__name__}: {exc}")
            continue
        parsed += 1
        for entry in feed.entries:
            entries += 1
            parts = urlsplit(entry.link)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                failures.append(f"{path.name}: bad link {entry.link!r}")
            if not (entry.title.strip() or entry.summary.strip()):
                failures.append(f"{path.name}: entry without title or summary")
            when = entry.published_at
            if when is not None and when.utcoffset() != timedelta(0):
                failures.append(f"{path.name}: date {when!r} not UTC")
    assert not failures, "\n".join(failures[:50])
    assert len(DOCUMENTS) >= 2000 and parsed > 1000 and entries > 0
