"""DAG runs that fail, under ``dag.test()`` (in a subprocess with its own AIRFLOW_HOME): the
alert each one posts to the webhook, and the run record. A night with no feed due after a failed
one is test_dags_no_feed_due.py.

Under pytest-xdist it runs on one worker with the other modules of ``dag.test()`` runs, which
share that worker's runner process (conftest's DAG_RUNNER_MODULES).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from dagrun import TEST_TIMEOUT, Receiver, dag_test

pytestmark = pytest.mark.timeout(TEST_TIMEOUT)


@pytest.mark.airflow
def test_a_failing_dag_run_alerts_the_webhook(airflow_home: Path, tmp_path: Path, webhook: Receiver) -> None:
    # A warehouse that was never migrated: the first task fails with a typed error.
    env = {
        "WIREHOUSE_DATA_DIR": str(tmp_path),
        "WIREHOUSE_DB_URL": f"sqlite:///{tmp_path / 'empty.db'}",
        "WIREHOUSE_AIRFLOW_TASK_RETRIES": "0",
        "WIREHOUSE_ALERT_WEBHOOK_URL": webhook.url,
    }
    (events,) = dag_test(airflow_home, ["wirehouse_events"], **env)
    assert events["state"] == "failed"
    states = {t[0]: t[2] for t in events["tasks"]}
    assert states["stories"] == "failed"
    assert states["views"] == states["quality"] == "upstream_failed"
    assert len(webhook.posts) == 1
    alert = webhook.posts[0]["json"]
    assert alert["dag_id"] == "wirehouse_events"
    assert alert["run_id"] == events["run_id"]
    assert alert["text"].startswith("Wirehouse: wirehouse_events")


@pytest.mark.airflow
def test_a_configuration_error_fails_at_once_and_alerts_with_it(
    airflow_home: Path, tmp_path: Path, webhook: Receiver
) -> None:
    from sqlalchemy import create_engine, text

    from load.db import upgrade

    db_url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    upgrade(db_url)  # a warehouse, but no feed list and no feeds in it
    env = {
        "WIREHOUSE_DATA_DIR": str(tmp_path),
        "WIREHOUSE_DB_URL": db_url,
        "WIREHOUSE_AIRFLOW_TASK_RETRIES": "3",  # would retry a network glitch 3 times
        "WIREHOUSE_ALERT_WEBHOOK_URL": webhook.url,
        "AIRFLOW__API__BASE_URL": "http://airflow.test:8123",
    }
    (ingest,) = dag_test(airflow_home, ["wirehouse_ingest"], **env)
    assert ingest["state"] == "failed"
    states = {t[0]: t[2] for t in ingest["tasks"]}
    assert states["begin"] == "failed"  # not up_for_retry
    assert ingest["tries"]["begin"] == 1
    assert len(webhook.posts) == 1
    alert = webhook.posts[0]["json"]
    assert alert["task_id"] == "begin"
    assert alert["reason"].startswith("no active feeds: set WIREHOUSE_FEEDS")
    assert alert["log_url"].startswith("http://airflow.test:8123/dags/wirehouse_ingest/runs/")
    assert alert["text"].endswith("\nlog: " + alert["log_url"])
    engine = create_engine(db_url)
    with engine.connect() as conn:
        run = conn.execute(text("SELECT status, error FROM runs")).one_or_none()
    engine.dispose()
    # begin failed before recording its run, or the run records the same error
    assert run is None or (run.status == "failed" and ": no active feeds: " in run.error)
