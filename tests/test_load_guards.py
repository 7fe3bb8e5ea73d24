"""The suite's own guards against machine load: a server whose port was taken between choosing
and binding it is told apart from one that failed (tests/waiting.py), and the crash tests' guard
fails a test on a lack of progress, not on its total time (tests/crashkit.py)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from _pytest.outcomes import Failed
from crashkit import NoProgressGuard, progress
from waiting import PortTakenError, wait_for

# uvicorn's line, as Airflow's API server and log servers print it
TAKEN = (
    "[Errno 98] error while attempting to bind on address ('127.0.0.1', 8080): "
    "address already in use"
)


def _server(tmp_path: Path, says: str) -> tuple[subprocess.Popen[bytes], Path]:
    """A process that says ``says`` and exits 1, as a server that could not start."""
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", f"print({says!r}); raise SystemExit(1)"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return process, log


@pytest.mark.parametrize(
    ("says", "raised", "message"),
    [
        (TAKEN, PortTakenError, "address already in use"),
        ("ImportError: no module named airflow", Failed, "server exited"),
    ],
    ids=["port-taken", "other-failure"],
)
def test_a_taken_port_is_told_apart_from_other_failures(
    tmp_path: Path, says: str, raised: type[BaseException], message: str
) -> None:
    process, log = _server(tmp_path, says)
    with pytest.raises(raised, match=message):
        wait_for(
            "the server",
            lambda: None,
            240,
            processes={"server": process},
            diagnostics=log.read_text,
            logs=log.read_text,
            interval=0.05,
        )


@pytest.mark.timeout(0)  # the guard takes SIGALRM
def test_the_no_progress_guard_fails_a_test_that_stalls() -> None:
    with (
        pytest.raises(Failed, match="no progress for 1 s; the last: step 2"),
        NoProgressGuard(limit=1.0),
    ):
        for step in (1, 2):
            progress(f"step {step}")
        time.sleep(60)  # interrupted after 1 s


@pytest.mark.timeout(0)
def test_the_no_progress_guard_lets_a_long_test_that_progresses_go_on() -> None:
    with NoProgressGuard(limit=1.0):
        for step in range(5):  # 2.5 s in all, over the limit: only the gaps count
            time.sleep(0.5)
            progress(f"step {step}")
    assert NoProgressGuard.active is None
