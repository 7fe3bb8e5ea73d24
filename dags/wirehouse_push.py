"""
### wirehouse_push

Drains the push outbox (`push_outbox`): WebSub pushes received by the callback and article URLs
submitted with `wirehouse push URL...`, each already stored and archived before it was
acknowledged. **drain** is the same drain as `wirehouse push --drain` and `wirehouse serve`
(robots.txt, per-host delay, URLs already in the warehouse skipped; each outbox row claimed by
one drain only). One drain is bounded (`WIREHOUSE_PUSH_DRAIN_MAX_ROWS` outbox rows, 100; no new
batch after `WIREHOUSE_PUSH_DRAIN_MAX_SECONDS`, 30), so a long stream of pushes does not hold
back the events. Through the asset alias `wirehouse_push_drain` it emits
`wirehouse://articles` when it loaded articles, so `wirehouse_events` follows, and
`wirehouse://push` when it stopped at its bound with rows left, so the next run follows at once
(`max_active_runs=1`: after this one) and drains them; when it did neither it is skipped and
emits nothing.

Schedule: the asset `wirehouse://push` **or** every `WIREHOUSE_PUSH_SWEEP_INTERVAL` seconds
(600). The asset's watcher runs in the triggerer: a `MessageQueueTrigger` (scheme
`redis+pubsub`) on the channel `WIREHOUSE_PUSH_REDIS_CHANNEL` (`wirehouse.push`) through the
Airflow connection `WIREHOUSE_PUSH_REDIS_CONN_ID` (`redis_default`, e.g.
`AIRFLOW_CONN_REDIS_DEFAULT=redis://redis:6379/0`). The callback publishes there after each
outbox commit when `WIREHOUSE_PUSH_REDIS_URL` is set. The sweep drains whatever a lost
notification (triggerer down, Redis restarted) left behind; the nightly run drains too.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from airflow.sdk import AssetOrTimeSchedule, DeltaTriggerTimetable, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowSkipException

from wirehouse.airflow_support import (
    ARTICLES,
    PUSH,
    PUSH_DRAIN,
    FailureNotifier,
    config_errors_fail_fast,
    default_args,
    push_asset,
)
from wirehouse.settings import load_settings

_settings = load_settings()


@dag(
    dag_id="wirehouse_push",
    schedule=AssetOrTimeSchedule(
        timetable=DeltaTriggerTimetable(timedelta(seconds=_settings.push_sweep_interval)),
        assets=[push_asset(_settings)],
    ),
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,  # pushes arriving during a drain make one more run, not one each
    dagrun_timeout=timedelta(hours=1),
    default_args=default_args(_settings),
    tags=["wirehouse", "push"],
    doc_md=__doc__,
    on_failure_callback=FailureNotifier(dag_level=True),
)
def wirehouse_push() -> None:
    @task(outlets=[PUSH_DRAIN])
    def drain() -> dict[str, Any]:
        from wirehouse.push import drain_outbox

        with config_errors_fail_fast():
            summary = drain_outbox(load_settings(), bounded=True)
        if not summary["articles_loaded"] and not summary["more"]:
            # a skipped task emits no asset event: wirehouse_events has nothing new to do
            raise AirflowSkipException(f"no article loaded: {summary}")
        events = get_current_context()["outlet_events"][PUSH_DRAIN]
        if summary["articles_loaded"]:
            events.add(ARTICLES, extra={"source": "push", "articles_new": summary["articles_new"]})
        if summary["more"]:
            # the rows left are this DAG's next run, right after this one
            events.add(PUSH, extra={"source": "wirehouse_push", "rows_left": True})
        return summary

    drain()


wirehouse_push()
