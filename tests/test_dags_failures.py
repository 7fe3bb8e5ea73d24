"""DAG runs that fail, under ``dag.test()`` (in a subprocess with its own AIRFLOW_HOME): the
alert each one posts to the webhook, the run record, and a night with no feed due after one.

Its own module (not in test_dags.py) so that pytest-xdist runs it beside the other Airflow runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from dagrun import SUBPROCESS_TIMEOUT, Receiver, dag_test

pytestmark = pytest.mark.timeout(SUBPROCESS_TIMEOUT + 60)


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
def test_a_night_with_no_feed_due_still_finishes(airflow_home: Path, tmp_path: Path, webhook: Receiver) -> None:
    from load.db import upgrade

    closed = Receiver(200)
    dead_feed = f"http://127.0.0.1:{closed.server_address[1]}/feed.xml"
    closed.server_close()  # connection refused from now on
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>one dead feed'
        f'</title></head><body><outline type="rss" text="Dead" xmlUrl="{dead_feed}"/></body></opml>\n'
    )
    db_url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    upgrade(db_url)
    env = {
        "WIREHOUSE_FEEDS": str(opml),
        "WIREHOUSE_DATA_DIR": str(tmp_path),
        "WIREHOUSE_DB_URL": db_url,
        "WIREHOUSE_ALLOW_PRIVATE_HOSTS": "1",
        "WIREHOUSE_RETRY_BASE_DELAY": "0.01",
        "WIREHOUSE_AIRFLOW_TASK_RETRIES": "0",
        "WIREHOUSE_ALERT_WEBHOOK_URL": webhook.url,
    }
    # First night: the only feed fails, so the run fails (and alerts); the feed backs off.
    # Second night: nothing is due, fetch and load map to zero tasks, finish still runs.
    first, second = dag_test(airflow_home, ["wirehouse_ingest", "wirehouse_ingest"], **env)
    assert first["state"] == "failed"
    assert {t[0]: t[2] for t in first["tasks"]}["finish"] == "failed"
    assert [p["json"]["task_id"] for p in webhook.posts] == ["finish"]
    assert webhook.posts[0]["json"]["run_id"] == first["run_id"]
    assert webhook.posts[0]["json"]["reason"].startswith("AllFeedsFailedError: ")
    assert "/dags/wirehouse_ingest/runs/" in webhook.posts[0]["json"]["log_url"]

    assert second["state"] == "success", second
    states = {(t[0], t[1]): t[2] for t in second["tasks"]}
    assert states[("fetch", -1)] == states[("load", -1)] == "skipped"
    assert states[("finish", -1)] == "success"
    assert len(webhook.posts) == 1  # a successful night sends nothing


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
    assert alert["reason"].startswith("ConfigError: no active feeds: set WIREHOUSE_FEEDS")
    assert alert["log_url"].startswith("http://airflow.test:8123/dags/wirehouse_ingest/runs/")
    assert alert["text"].endswith("\nlog: " + alert["log_url"])
    engine = create_engine(db_url)
    with engine.connect() as conn:
        run = conn.execute(text("SELECT status, error FROM runs")).one_or_none()
    engine.dispose()
    # begin failed before recording its run, or the run records the same error
    assert run is None or (run.status == "failed" and "ConfigError: no active feeds" in run.error)
