"""
### wirehouse_ingest

Nightly at 02:00 UTC: fetch every due feed and the new article pages they link to, archive the
raw bytes as WARC, and upsert the extracted articles into the warehouse.

A configuration error (`ConfigError`, such as "no active feeds", or a malformed feed list) fails
its task at once, without retries; every other error is retried with back-off. A task that fails
for good alerts `WIREHOUSE_ALERT_WEBHOOK_URL` with its error's first line and a link to its log.

* **begin** takes the warehouse's run lease (so a `wirehouse run` and this DAG run never
  overlap; while another run holds it, **begin** waits: it is rescheduled every
  `WIREHOUSE_AIRFLOW_LEASE_POLL` seconds), checks the warehouse, syncs `WIREHOUSE_FEEDS` into it and records a `runs` row
  keyed by this DAG run's id (so a retry reuses it). Every task holds the lease while it runs
  (renewed every `WIREHOUSE_AIRFLOW_LEASE_SECONDS` / 3, and kept through a retry's back-off);
  one whose run lost it fails at once in one line rather than write. **finish** gives the lease
  back; a failed DAG run's failure callback records its `runs` row as `failed` and gives it
  back too.
* **plan** lists the feeds due now in batches of `WIREHOUSE_FEED_BATCH_SIZE`.
* **fetch** is mapped over those batches (one task per batch, never per URL), in the pool
  `WIREHOUSE_AIRFLOW_FETCH_POOL` and at most `WIREHOUSE_AIRFLOW_FETCH_PARALLELISM` at once.
* **load** extracts and upserts each batch's pages; **finish** records the run's figures and
  emits `wirehouse://articles`, which schedules `wirehouse_events`.

Schedule: `CronTriggerTimetable("0 2 * * *", interval=1 day)`: the run fires at 02:00 and its
data interval is the 24 hours before it, with `logical_date` = the firing time.

Pool: the docker-compose `airflow-init` service creates it
(`airflow pools set wirehouse_fetch $WIREHOUSE_FETCH_POOL_SLOTS ...`) and sets
`WIREHOUSE_AIRFLOW_FETCH_POOL=wirehouse_fetch`. Anywhere else (`airflow standalone`,
`dag.test()`) the setting defaults to `default_pool`, which always exists, because the
scheduler never runs a task whose pool is missing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from airflow.sdk import CronTriggerTimetable, dag, get_current_context, task

from wirehouse.airflow_support import (
    ARTICLES,
    FailureNotifier,
    batch_label,
    config_errors_fail_fast,
    default_args,
    holding_run_lease,
    lease_holder,
    waiting_for_run_lease,
    warehouse_run_id,
)
from wirehouse.settings import load_settings

_settings = load_settings()


@dag(
    dag_id="wirehouse_ingest",
    schedule=CronTriggerTimetable("0 2 * * *", timezone="UTC", interval=timedelta(days=1)),
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=6),
    default_args=default_args(_settings),
    tags=["wirehouse", "ingest"],
    doc_md=__doc__,
    on_failure_callback=FailureNotifier(settle_run=True),
)
def wirehouse_ingest() -> None:
    @task
    def begin() -> str:
        from wirehouse.pipeline import begin_run, take_run_lease

        context = get_current_context()
        run_id = warehouse_run_id(context["run_id"])
        # takes the run lease: while a `wirehouse run` or a wirehouse_events run holds it, this
        # task waits (rescheduled every WIREHOUSE_AIRFLOW_LEASE_POLL seconds)
        with config_errors_fail_fast(), waiting_for_run_lease(_settings):
            take_run_lease(run_id, _settings, **lease_holder(context))
        with config_errors_fail_fast(), holding_run_lease(context, _settings):
            return begin_run(_settings, run_id)

    @task
    def plan() -> list[list[int]]:
        from wirehouse.pipeline import plan_feed_batches

        with config_errors_fail_fast(), holding_run_lease(get_current_context(), _settings):
            return plan_feed_batches()

    @task(
        pool=_settings.airflow_fetch_pool,
        max_active_tis_per_dagrun=_settings.airflow_fetch_parallelism,
        map_index_template="{{ batch_label }}",
    )
    def fetch(feed_ids: list[int], warehouse_run: str) -> list[dict[str, Any]]:
        from wirehouse.pipeline import fetch_feed_batch

        context = get_current_context()
        context["batch_label"] = batch_label(feed_ids)  # type: ignore[typeddict-unknown-key]
        with config_errors_fail_fast(), holding_run_lease(context, _settings):
            return fetch_feed_batch(feed_ids, warehouse_run)

    @task(map_index_template="{{ page_label }}")
    def load(page_refs: list[dict[str, Any]], warehouse_run: str) -> dict[str, int]:
        from wirehouse.pipeline import load_articles

        context = get_current_context()
        context["page_label"] = f"{len(page_refs)} pages"  # type: ignore[typeddict-unknown-key]
        with config_errors_fail_fast(), holding_run_lease(context, _settings):
            return load_articles(page_refs, warehouse_run)

    # none_failed: a night with no feed due maps fetch/load to zero tasks (skipped), and the
    # run must still be recorded and the asset still emitted.
    @task(outlets=[ARTICLES], trigger_rule="none_failed")
    def finish(warehouse_run: str, batch_counts: list[dict[str, int]]) -> dict[str, Any]:
        from wirehouse.pipeline import finish_ingest

        context = get_current_context()
        # One slice fetches every mapped load's counts in a single request; the lease is given
        # back once the run is recorded.
        with config_errors_fail_fast(), holding_run_lease(context, _settings, give_back=True):
            summary = finish_ingest(warehouse_run, list(batch_counts[:]))
        context["outlet_events"][ARTICLES].extra = {
            "run_id": warehouse_run,
            "articles_new": summary["articles_new"],
        }
        return summary

    run = begin()
    batches = plan()
    run >> batches
    page_refs = fetch.partial(warehouse_run=run).expand(feed_ids=batches)
    counts = load.partial(warehouse_run=run).expand(page_refs=page_refs)
    finish(run, counts)


wirehouse_ingest()
