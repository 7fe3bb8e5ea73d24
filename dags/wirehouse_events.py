"""
### wirehouse_events

Runs whenever `wirehouse_ingest` emits `wirehouse://articles`: deduplicates the articles not
yet clustered and assigns them to events, refreshes the analyst views, then checks the
warehouse invariants (a broken invariant fails **quality**, naming what broke). Emits
`wirehouse://events` for anything downstream. Holds the warehouse's run lease from **stories**
to the end of **quality** (or its failure callback), so no `wirehouse run` writes meanwhile:
each task renews it while it runs (every `WIREHOUSE_AIRFLOW_LEASE_SECONDS` / 3) and keeps it
through a retry's back-off, and one whose run lost it fails at once in one line.
While another run holds the lease (the nightly `wirehouse_ingest`, when pushes woke this run),
**stories** waits for it: it is rescheduled every `WIREHOUSE_AIRFLOW_LEASE_POLL` seconds (60),
holding no worker slot and using no retry, for at most the DAG run's timeout.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from airflow.sdk import dag, get_current_context, task

from wirehouse.airflow_support import (
    ARTICLES,
    EVENTS,
    FailureNotifier,
    config_errors_fail_fast,
    default_args,
    holding_run_lease,
    latest_ingest_run,
    lease_holder,
    waiting_for_run_lease,
    warehouse_run_id,
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
    on_failure_callback=FailureNotifier(settle_run=True),
)
def wirehouse_events() -> None:
    @task
    def stories() -> dict[str, int]:
        from wirehouse.pipeline import process_stories, take_run_lease

        context = get_current_context()
        settings = load_settings()
        # the run lease keeps a `wirehouse run` out until quality gives it back; while another
        # run holds it (the nightly ingest, when pushes woke this run) this task waits for it
        with config_errors_fail_fast(), waiting_for_run_lease(settings):
            take_run_lease(warehouse_run_id(context["run_id"]), settings,
                           **lease_holder(context))
        with config_errors_fail_fast(), holding_run_lease(context, settings):
            return process_stories(settings,
                                   run_id=latest_ingest_run(context["triggering_asset_events"]),
                                   lease_run_id=warehouse_run_id(context["run_id"]))

    @task
    def views() -> None:
        from wirehouse.pipeline import refresh_views

        settings = load_settings()
        with config_errors_fail_fast(), holding_run_lease(get_current_context(), settings):
            refresh_views(settings)

    # A broken invariant does not heal by retrying: fail at once, and alert.
    @task(outlets=[EVENTS], retries=0)
    def quality() -> dict[str, Any]:
        from wirehouse.pipeline import check_quality

        settings = load_settings()
        with config_errors_fail_fast(), holding_run_lease(get_current_context(), settings,
                                                          give_back=True):
            return check_quality(settings)

    stories() >> views() >> quality()


wirehouse_events()
