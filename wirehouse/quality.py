"""Data-quality gates run after each load: the warehouse invariants analysts rely on."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, text

from wirehouse.errors import DataQualityError
from wirehouse.settings import Settings
from wirehouse.wording import counted

FEED_FAILURE_SHARE = "feed failure share"

# name -> SQL returning one number, the count of offending rows (0 when the invariant holds)
CHECKS: dict[str, str] = {
    "canonical URL shared by two articles": """
        SELECT COUNT(*) FROM (
            SELECT canonical_url FROM articles GROUP BY canonical_url HAVING COUNT(*) > 1
        ) AS shared""",
    "original article not in exactly one event": """
        SELECT COUNT(*) FROM articles a
        WHERE a.duplicate_of_id IS NULL AND a.clustered_at IS NOT NULL
          AND (SELECT COUNT(*) FROM event_articles ea WHERE ea.article_id = a.id) <> 1""",
    "duplicate pointing at another duplicate": """
        SELECT COUNT(*) FROM articles d JOIN articles o ON o.id = d.duplicate_of_id
        WHERE o.duplicate_of_id IS NOT NULL""",
    "article published more than a day in the future": """
        SELECT COUNT(*) FROM articles WHERE published_at > :future_limit""",
    "article stored with empty text": """
        SELECT COUNT(*) FROM articles WHERE TRIM(COALESCE(text, '')) = ''""",
}


def measure_warehouse(
    engine: Engine, settings: Settings, now: datetime
) -> tuple[dict[str, Any], list[str]]:
    """Every check's figure (offending rows; the feed failure share) and what broke, without
    raising: the operator page shows the figures whatever they are."""
    params = {"future_limit": now + timedelta(days=settings.max_future_days)}
    broken: list[str] = []
    figures: dict[str, Any] = {}
    with engine.connect() as conn:
        for name, sql in CHECKS.items():
            count = conn.execute(text(sql), params).scalar_one()
            figures[name] = count
            if count:
                broken.append(f"{name}: {count}")
        fetched, failing = conn.execute(
            text(
                "SELECT COUNT(*), COALESCE(SUM(CASE WHEN last_error IS NOT NULL THEN 1 ELSE 0 END), 0)"
                " FROM feeds WHERE active AND last_fetched_at IS NOT NULL"
            )
        ).one()
    share = failing / fetched if fetched else 0.0
    figures[FEED_FAILURE_SHARE] = round(share, 4)
    if share > settings.max_feed_failure_share:
        broken.append(
            f"feed failure share {share:.0%} above WIREHOUSE_MAX_FEED_FAILURE_SHARE "
            f"{settings.max_feed_failure_share:.0%} ({failing} of {counted(fetched, 'feed')}; "
            "`wirehouse feeds list` shows each one's error and back-off; `wirehouse feeds retry` "
            "ends the back-off)"
        )
    return figures, broken


def check_warehouse(engine: Engine, settings: Settings, now: datetime) -> dict[str, Any]:
    """Run every check; return the figures, or raise DataQualityError naming what broke."""
    figures, broken = measure_warehouse(engine, settings, now)
    if broken:
        raise DataQualityError("data-quality check failed: " + "; ".join(broken))
    return figures
