"""Crash safety on SQLite: `wirehouse run` killed with SIGKILL at seeded random moments, then run
again, leaves the same warehouse content as one uninterrupted run (tests/crashkit.py); an
unreachable warehouse fails in one line; a connection lost mid-run is reported in one line.
PostgreSQL's share is test_crash_safety_pg.py (its own module so that pytest-xdist runs the two
side by side).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_call import call_wirehouse
from crashkit import (
    Warehouses,
    baseline_run,
    run_env,
    sigkill_then_rerun,
    write_fault_record,
)

from wirehouse.demo.server import DemoSites


# no limit on the total, which would be a speed requirement (the runs' time grows with the
# machine's load): each run has its own, and the test one on progress (tests/crashkit.py)
@pytest.mark.timeout(0)
@pytest.mark.usefixtures("no_progress_guard")
def test_sigkill_at_random_moments_then_rerun_matches_an_uninterrupted_run(
    forkserver, demo: DemoSites, tmp_path: Path
) -> None:
    warehouses = Warehouses("sqlite", tmp_path)
    baseline = baseline_run(forkserver, demo, warehouses, tmp_path / "baseline")
    sigkill_then_rerun(forkserver, demo, warehouses, tmp_path, baseline)


def test_unreachable_warehouse_fails_in_one_line_and_writes_nothing(tmp_path: Path, demo) -> None:
    # in the test process, as the console script runs (a real process ends the same way:
    # test_cli_errors.py)
    env = run_env(demo, tmp_path / "data", "postgresql+psycopg://postgres@127.0.0.1:1/wirehouse")
    before = sorted(p.name for p in (tmp_path / "data").iterdir())
    started = time.monotonic()
    result = call_wirehouse(["run"], env, tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("wirehouse: error: warehouse unavailable at postgresql")
    assert "127.0.0.1:1" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == before
    write_fault_record("warehouse-unreachable", {
        "fault": "warehouse unreachable at start (PostgreSQL on a closed port)",
        "tried": 1, "survived": 1, "rows_lost": 0,
        "seconds": round(time.monotonic() - started, 2),
    })


def test_connection_lost_mid_run_is_reported_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy.exc import OperationalError

    from wirehouse import cli, pipeline

    def lost(*_args: object, **_kwargs: object) -> str:
        raise OperationalError("SELECT 1", {}, Exception(
            "terminating connection due to administrator command\nSSL SYSCALL error"))

    monkeypatch.setattr(pipeline, "run_once", lost)
    (tmp_path / "warehouse.db").touch()  # `run` refuses a missing file before the pipeline
    monkeypatch.setenv("WIREHOUSE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("WIREHOUSE_DB_URL", raising=False)
    monkeypatch.delenv("WIREHOUSE_FEEDS", raising=False)
    assert cli.main(["run"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "wirehouse: error: warehouse connection lost: "
        "terminating connection due to administrator command\n"
    )


# A `wirehouse run` whose connection is lost while psycopg is in pipeline mode: psycopg logs the
# second failure it meets leaving the pipeline, as it does in a real cut, then the first one
# reaches the command. Outside pytest, whose log handlers would swallow the warning.
_LOST_IN_PIPELINE = """
import logging, sys
from sqlalchemy.exc import OperationalError
from wirehouse import cli, pipeline

def lost(*_args, **_kwargs):
    logging.getLogger("pipeline-test").warning("a feed was slow\\nto answer")
    logging.getLogger("psycopg").warning(
        "error ignored terminating %r: %s", "<psycopg.Pipeline [BAD]>", "the connection is lost")
    raise OperationalError("INSERT", {}, Exception("server closed the connection unexpectedly"))

pipeline.run_once = lost
sys.exit(cli.main(["run"]))
"""


def test_a_drivers_second_report_of_a_lost_connection_is_left_out(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREHOUSE_")}
    env["WIREHOUSE_DATA_DIR"] = str(tmp_path)
    (tmp_path / "warehouse.db").touch()  # `run` refuses a missing file before the pipeline
    result = subprocess.run([sys.executable, "-c", _LOST_IN_PIPELINE], env=env,
                            capture_output=True, text=True, timeout=240, check=False)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "wirehouse: warning: a feed was slow to answer",
        "wirehouse: error: warehouse connection lost: server closed the connection unexpectedly",
    ]
