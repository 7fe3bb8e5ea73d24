"""
### wirehouse_websub

Hourly upkeep of the WebSub subscriptions (the nightly run does the same): **unsubscribe** ends
the subscriptions whose feed left the feed list (`WIREHOUSE_FEEDS`), then **renew** subscribes
again where a lease ends within `WIREHOUSE_WEBSUB_RENEW_BEFORE` seconds (86400) or has ended.
A hub that refuses is recorded on its subscription (`wirehouse websub list`) and the others go
on. A missing or malformed `WIREHOUSE_WEBSUB_CALLBACK_URL` while a subscription needs a request
is a configuration error: the task fails at once and alerts.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from airflow.sdk import CronTriggerTimetable, dag, task

from wirehouse.airflow_support import FailureNotifier, config_errors_fail_fast, default_args
from wirehouse.settings import load_settings


@dag(
    dag_id="wirehouse_websub",
    schedule=CronTriggerTimetable("0 * * * *", timezone="UTC"),
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(minutes=50),
    default_args=default_args(load_settings()),
    tags=["wirehouse", "push"],
    doc_md=__doc__,
    on_failure_callback=FailureNotifier(dag_level=True),
)
def wirehouse_websub() -> None:
    @task
    def unsubscribe() -> dict[str, Any]:
        from wirehouse.push import unsubscribe_departed
        from wirehouse.warehouse import open_warehouse

        with config_errors_fail_fast():
            settings = load_settings()
            return unsubscribe_departed(open_warehouse(settings), settings)

    @task
    def renew() -> dict[str, Any]:
        from wirehouse.push import renew_due
        from wirehouse.warehouse import open_warehouse

        with config_errors_fail_fast():
            settings = load_settings()
            return renew_due(open_warehouse(settings), settings)

    unsubscribe() >> renew()


wirehouse_websub()
