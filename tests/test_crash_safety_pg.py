"""Crash safety on PostgreSQL: `wirehouse run` killed with SIGKILL at seeded random moments, then
run again, leaves the same warehouse content as one uninterrupted run (tests/crashkit.py); its
connections terminated mid-run are caught up by the next run. SQLite's share is
test_crash_safety.py (its own module so that pytest-xdist runs the two side by side).
"""

from __future__ import annotations

import random
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from crashkit import (
    RUN_TIMEOUT,
    SEED,
    Baseline,
    NoProgressGuard,
    Warehouses,
    baseline_run,
    content,
    pg_admin,
    rows_lost,
    run_env,
    run_to_completion,
    sigkill_then_rerun,
    start_run,
    write_fault_record,
)
from sqlalchemy import select

from load.db import make_engine
from load.models import Run
from wirehouse.demo.server import DemoSites


@pytest.fixture(scope="module")
def baseline(forkserver, demo: DemoSites, _postgres_base_url,
             tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    """The uninterrupted run both tests compare with, made once."""
    root = tmp_path_factory.mktemp("baseline")
    pool = Warehouses("postgresql", root, _postgres_base_url)
    try:
        with NoProgressGuard():  # set up under a test without a limit on its total
            return baseline_run(forkserver, demo, pool, root)
    finally:
        pool.drop_all()


# no limit on the total, which would be a speed requirement (the runs' time grows with the
# machine's load): each run has its own, and the test one on progress (tests/crashkit.py)
@pytest.mark.timeout(0)
@pytest.mark.usefixtures("no_progress_guard")
def test_sigkill_at_random_moments_then_rerun_matches_an_uninterrupted_run(
    forkserver, demo: DemoSites, _postgres_base_url, tmp_path: Path, baseline: Baseline
) -> None:
    pool = Warehouses("postgresql", tmp_path, _postgres_base_url)
    try:
        sigkill_then_rerun(forkserver, demo, pool, tmp_path, baseline)
    finally:
        pool.drop_all()


# trials whose connections were cut at least once; more trials run while runs outpace the
# baseline's timing (a machine less loaded than when it was made)
_CUT_TRIALS = 3
_MAX_TRIALS = 6


def _terminate(base, application_name: str) -> int:
    with pg_admin(base) as conn:
        return len(conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = %s AND pid <> pg_backend_pid()",
            (application_name,),
        ).fetchall())


# no limit on the total, which would be a speed requirement (the runs' time grows with the
# machine's load): each run has its own, and the test one on progress (tests/crashkit.py)
@pytest.mark.timeout(0)
@pytest.mark.usefixtures("no_progress_guard")
def test_postgres_backends_terminated_mid_run_are_caught_up_by_the_next_run(
    forkserver, demo: DemoSites, _postgres_base_url, tmp_path: Path, baseline: Baseline
) -> None:
    expected, duration = baseline.expected, baseline.duration
    pool = Warehouses("postgresql", tmp_path, _postgres_base_url)
    try:
        rng = random.Random(SEED)
        outcomes: Counter[str] = Counter()
        terminated = 0
        trials_cut = 0
        lost_total = 0
        for trial in range(_MAX_TRIALS):
            if trials_cut == _CUT_TRIALS:
                break
            name = f"wh_cut_{uuid.uuid4().hex[:10]}"
            root = tmp_path / f"cut{trial}"
            url = pool.new(f"cut{trial}", application_name=name)
            env = run_env(demo, root, url)
            process = start_run(forkserver, env, root)
            started = time.monotonic()
            deadline = started + RUN_TIMEOUT
            cut = 0
            while process.is_alive() and time.monotonic() < deadline:
                process.join(rng.uniform(0.1, 0.5) * duration)  # or until it ends
                if process.is_alive():
                    cut += _terminate(_postgres_base_url, name)
            process.join(RUN_TIMEOUT)
            terminated += cut
            if cut:
                trials_cut += 1
            else:
                # the run ended before its first cut: the machine is less loaded than when the
                # baseline was timed, so later trials cut within this run's time
                duration = min(duration, time.monotonic() - started)
            assert process.exitcode is not None, "the run hung after its connections were cut"
            log = (root / "run.log").read_text(errors="replace")
            if process.exitcode == 0:
                outcomes["completed"] += 1
            else:
                # clean: the command's own lines only (warnings, then one error), no traceback
                lines = log.strip().splitlines()
                clean = all(line.startswith("wirehouse: ") for line in lines) and sum(
                    line.startswith("wirehouse: error: ") for line in lines) == 1
                outcomes["failed cleanly" if clean else "failed with stray output"] += 1
            run_to_completion(forkserver, env, root)  # the next run, nothing cut
            engine = make_engine(url)
            try:
                got = content(engine)
                with engine.connect() as conn:
                    statuses = list(conn.scalars(select(Run.status)))
            finally:
                engine.dispose()
            lost_total += rows_lost(expected, got)
            assert got == expected, f"trial {trial}: the next run did not catch up"
            assert "completed" in statuses
    finally:
        pool.drop_all()
    write_fault_record("postgres-backends-terminated", {
        "fault": "PostgreSQL connections of the run terminated mid-run, then a rerun",
        # stray output (a traceback, a driver's message) is not a clean failure, even when the
        # next run catches up
        "tried": sum(outcomes.values()),
        "survived": outcomes["completed"] + outcomes["failed cleanly"],
        "rows_lost": lost_total, "outcomes": dict(outcomes), "backends_terminated": terminated,
    })
    assert terminated > 0
