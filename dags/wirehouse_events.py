"""
### wirehouse_events

Runs whenever `wirehouse_ingest` emits `wirehouse://articles`: deduplicates the articles not
yet clustered and assigns them to events, refreshes the analyst views, then checks the
warehouse invariants (a broken invariant fails **quality**, naming what broke). Emits
`wirehouse://events` for anything downstream.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from airflow.sdk import dag, get_current_context, task

from wirehouse.airflow_support import (
    ARTICLES,
    EVENTS,
    FailureNotifier,
    default_args,
    latest_ingest_run,
)
from wirehouse.settings import load_settings


@dag(
    dag_id="wirehouse_events",
    schedule=[ARTICLES],
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=3),
    default_args=default_args(load_settings()),
    tags=["wirehouse", "events"],
    doc_md=__doc__,
    on_failure_callback=FailureNotifier(),
)
def wirehouse_events() -> None:
    @task
    def stories() -> dict[str, int]:
        from wirehouse.pipeline import process_stories

        run_id = latest_ingest_run(get_current_context()["triggering_asset_events"])
        return process_stories(run_id=run_id)

    @task
    def views() -> None:
        from wirehouse.pipeline import refresh_views

        refresh_views()

    # A broken invariant does not heal by retrying: fail at once, and alert.
    @task(outlets=[EVENTS], retries=0)
    def quality() -> dict[str, Any]:
        from wirehouse.pipeline import check_quality

        return check_quality()

    stories() >> views() >> quality()


wirehouse_events()
