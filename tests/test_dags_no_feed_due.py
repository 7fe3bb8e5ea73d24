"""A night with no feed due, under ``dag.test()`` (in a subprocess with its own AIRFLOW_HOME):
after a night whose only feed failed (the run fails and alerts, the feed backs off), the next
ingest run maps fetch and load to zero tasks and still finishes, alerting nothing.

Under pytest-xdist it runs on one worker with the other modules of ``dag.test()`` runs, which
share that worker's runner process (conftest's DAG_RUNNER_MODULES).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from dagrun import TEST_TIMEOUT, Receiver, dag_test

pytestmark = pytest.mark.timeout(TEST_TIMEOUT)


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
    assert webhook.posts[0]["json"]["reason"].startswith("every feed failed")
    assert "/dags/wirehouse_ingest/runs/" in webhook.posts[0]["json"]["log_url"]

    assert second["state"] == "success", second
    states = {(t[0], t[1]): t[2] for t in second["tasks"]}
    assert states[("fetch", -1)] == states[("load", -1)] == "skipped"
    assert states[("finish", -1)] == "success"
    assert len(webhook.posts) == 1  # a successful night sends nothing
