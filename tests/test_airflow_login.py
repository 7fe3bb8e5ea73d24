"""`make airflow`'s login lines (wirehouse/airflow_login.py) on a fresh AIRFLOW_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.airflow


def test_a_first_start_prints_the_login_once(tmp_path: Path) -> None:
    """Generating the password file, Airflow's SimpleAuthManager echoed each password ("Simple
    auth manager | Password for user 'admin': ...") above the lines printed for it."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")},
        "AIRFLOW_HOME": str(tmp_path),
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__BASE_URL": "http://localhost:8199",
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "PYTHONWARNINGS": "ignore:Using `httpx` with `starlette.testclient`",  # as make sets it
    }
    done = subprocess.run(
        [sys.executable, "-m", "wirehouse.airflow_login"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Airflow UI: http://localhost:8199/"
    assert lines[1].startswith("Airflow login: user admin  password ")
    assert lines[-1].startswith(f"passwords kept in {tmp_path}/")
    assert len(lines) == 3, done.stdout
