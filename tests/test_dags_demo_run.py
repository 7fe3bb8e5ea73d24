"""The ingest DAG, then the events DAG, run end to end under ``dag.test()`` (in a subprocess with
its own AIRFLOW_HOME) on the demo sites served on loopback, into a SQLite warehouse.

Under pytest-xdist it runs on one worker with the other modules of ``dag.test()`` runs, which
share that worker's runner process (conftest's DAG_RUNNER_MODULES).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from dagrun import TEST_TIMEOUT, dag_test

pytestmark = pytest.mark.timeout(TEST_TIMEOUT)


@pytest.fixture
def demo_warehouse(tmp_path: Path) -> Iterator[tuple[object, dict[str, str]]]:
    """The demo sites on loopback and a migrated SQLite warehouse, as WIREHOUSE_* variables."""
    from load.db import upgrade
    from wirehouse.demo.server import DemoSites

    data = tmp_path / "data"
    data.mkdir()
    db_url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    upgrade(db_url)
    with DemoSites() as demo:
        env = {
            "WIREHOUSE_FEEDS": str(demo.write_opml(tmp_path / "feeds.opml")),
            "WIREHOUSE_DATA_DIR": str(data),
            "WIREHOUSE_DB_URL": db_url,
            "WIREHOUSE_ALLOW_PRIVATE_HOSTS": "1",
            "WIREHOUSE_HOST_DELAY": "0.02",
            "WIREHOUSE_RETRY_BASE_DELAY": "0.05",
            "WIREHOUSE_FEED_BATCH_SIZE": "2",  # several batches, so fetch really maps
            "WIREHOUSE_AIRFLOW_TASK_RETRIES": "0",  # fail now rather than wait for a retry
        }
        yield demo, env


@pytest.mark.airflow
def test_dag_test_runs_ingest_then_events_on_the_demo_sites(airflow_home: Path, demo_warehouse) -> None:
    from sqlalchemy import create_engine, text

    from wirehouse.demo.expectations import expected_articles

    demo, env = demo_warehouse
    ingest, events = dag_test(airflow_home, ["wirehouse_ingest", "wirehouse_events"], **env)

    assert ingest["state"] == "success", ingest
    fetches = [t for t in ingest["tasks"] if t[0] == "fetch"]
    feed_count = len(demo.feed_urls)
    assert len(fetches) == -(-feed_count // 2) > 1  # one mapped task per batch of two feeds
    assert all(state == "success" for _, _, state, _ in ingest["tasks"])
    assert fetches[0][3] == "feeds 1-2 (2)"  # map_index_template names the batch
    assert events["state"] == "success", events
    assert sorted(t[0] for t in events["tasks"]) == ["quality", "stories", "views"]

    expected = {a.canonical_url for a in expected_articles(demo.base_urls) if not a.robots_disallowed}
    engine = create_engine(env["WIREHOUSE_DB_URL"])
    with engine.connect() as conn:
        loaded = set(conn.execute(text("SELECT canonical_url FROM articles")).scalars())
        run = conn.execute(text("SELECT id, status, articles_new FROM runs")).one()
        event_count = conn.execute(text("SELECT COUNT(*) FROM events")).scalar_one()
    engine.dispose()
    assert loaded and loaded <= expected
    assert run.id == ingest["run_id"] and run.status == "ingested"
    assert run.articles_new == len(loaded)
    assert event_count > 0
