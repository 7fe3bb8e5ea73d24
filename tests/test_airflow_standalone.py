"""`make airflow` runs `airflow standalone` through wirehouse.airflow_standalone, so that Ctrl-C
in the terminal stops it whole: here a stand-in for standalone (it stops its one part with
SIGTERM when interrupted, as standalone does) shows which signals the part gets."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")

# A part of standalone (the scheduler): it notes every SIGINT and SIGTERM it gets, ends on
# SIGTERM, and says when it is ready.
PART = textwrap.dedent("""
    import signal, sys, time
    from pathlib import Path
    noted = Path(sys.argv[1])
    def note(signum, _frame):
        with noted.open("a") as out:
            out.write(signal.Signals(signum).name + "\\n")
        if signum == signal.SIGTERM:
            sys.exit(0)
    signal.signal(signal.SIGINT, note)
    signal.signal(signal.SIGTERM, note)
    Path(sys.argv[2]).write_text("ready")
    while True:
        time.sleep(0.05)
""")
# The stand-in for standalone: starts the part, and on Ctrl-C stops it with SIGTERM and waits,
# or (IGNORE) ignores Ctrl-C altogether.
STANDALONE = textwrap.dedent("""
    import signal, subprocess, sys
    if sys.argv[4] == "IGNORE":
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    part = subprocess.Popen([sys.executable, sys.argv[1], sys.argv[2], sys.argv[3]])
    try:
        part.wait()
    except KeyboardInterrupt:
        part.terminate()
        part.wait()
        print("Complete", flush=True)
""")


STARTED: list[subprocess.Popen] = []


@pytest.fixture(autouse=True)
def _nothing_left_running() -> Iterator[None]:
    """Whatever a test started, and all it started in turn, killed when it ends. While it runs,
    the stand-ins start as a terminal's job does, with Ctrl-C neither ignored nor blocked,
    however the suite was started (as a background job of a shell without job control, `bash
    .ci/run &`, every worker ignores SIGINT) or an earlier test left it: children inherit both
    across exec, and the bare stand-in then waited out its 60 s."""
    handler = signal.signal(signal.SIGINT, signal.default_int_handler)
    blocked = signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT, signal.SIGTERM])
    yield
    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    if handler is not None:  # None: set outside Python, left as it was
        signal.signal(signal.SIGINT, handler)
    while STARTED:
        process = STARTED.pop()
        for pid in [*_descendants(process.pid), process.pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=60)


def _descendants(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:
        return []
    return [d for child in map(int, children) for d in (*_descendants(child), child)]


def _wait_for(what: str, condition, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"no {what} within {seconds} s")
        time.sleep(0.05)


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (not gone, not a zombie)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def _start(
    tmp_path: Path, supervised: bool, mode: str = "STOP", ignoring_ctrl_c: bool = False
) -> tuple[subprocess.Popen, Path]:
    """The stand-in, in a session of its own as a terminal's foreground job is, through the
    supervisor or not, started ignoring SIGINT (as a shell's background job) or not; returns
    it and the file the part notes its signals in."""
    (tmp_path / "part.py").write_text(PART)
    (tmp_path / "standalone.py").write_text(STANDALONE)
    noted, ready = tmp_path / "signals", tmp_path / "ready"
    command = [
        sys.executable,
        str(tmp_path / "standalone.py"),
        str(tmp_path / "part.py"),
        str(noted),
        str(ready),
        mode,
    ]
    if supervised:
        command = [sys.executable, "-m", "wirehouse.airflow_standalone", *command]
    if ignoring_ctrl_c:  # a shell's trap "" INT: ignored, and kept so across exec
        command = ["sh", "-c", 'trap "" INT; exec "$@"', "sh", *command]
    process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.PIPE, text=True)
    STARTED.append(process)
    _wait_for("ready part", ready.exists)
    return process, noted


def test_ctrl_c_reaches_standalone_alone_and_its_parts_once(tmp_path: Path) -> None:
    """The terminal signals its whole foreground group: run there, standalone's parts got
    Ctrl-C and then standalone's SIGTERM, and a scheduler signalled twice hung."""
    (tmp_path / "bare").mkdir()
    bare, noted = _start(tmp_path / "bare", supervised=False)
    os.killpg(bare.pid, signal.SIGINT)
    assert bare.wait(timeout=60) == 0
    assert noted.read_text().split() == ["SIGINT", "SIGTERM"]  # how standalone's parts fared

    (tmp_path / "supervised").mkdir()
    supervised, noted = _start(tmp_path / "supervised", supervised=True)
    os.killpg(supervised.pid, signal.SIGINT)  # Ctrl-C
    assert supervised.wait(timeout=60) == 130
    assert noted.read_text().split() == ["SIGTERM"]
    assert supervised.stdout is not None and supervised.stdout.read() == "Complete\n"


def test_a_second_ctrl_c_ends_everything_standalone_started(tmp_path: Path) -> None:
    """A second Ctrl-C ended standalone and left its scheduler and workers running."""
    supervised, _noted = _start(tmp_path, supervised=True, mode="IGNORE")
    children = Path(f"/proc/{supervised.pid}/task/{supervised.pid}/children").read_text().split()
    (standalone,) = map(int, children)
    part = int(Path(f"/proc/{standalone}/task/{standalone}/children").read_text().split()[0])
    os.killpg(supervised.pid, signal.SIGINT)  # ignored by this standalone
    time.sleep(0.5)
    assert _running(standalone) and _running(part)
    os.killpg(supervised.pid, signal.SIGINT)
    assert supervised.wait(timeout=60) == 130
    _wait_for(
        "end of standalone and its part", lambda: not (_running(standalone) or _running(part))
    )


def test_standalone_takes_ctrl_c_though_make_was_started_ignoring_it(tmp_path: Path) -> None:
    """Started as a shell's background job (`make airflow &`), which ignores SIGINT, the
    supervisor's child inherited that: standalone ignored the Ctrl-C passed on to it."""
    supervised, noted = _start(tmp_path, supervised=True, ignoring_ctrl_c=True)
    supervised.send_signal(signal.SIGINT)  # as `kill -INT` would; the terminal's never comes
    assert supervised.wait(timeout=60) == 130
    assert noted.read_text().split() == ["SIGTERM"]


# A standalone still starting (importing Airflow): it has started no part, and Python's default
# Ctrl-C handler ends it in a KeyboardInterrupt traceback.
STARTING = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    Path(sys.argv[1]).write_text("ready")
    time.sleep(60)
""")


def test_ctrl_c_before_standalone_started_its_parts_ends_it_without_a_traceback(
    tmp_path: Path,
) -> None:
    """Ctrl-C while standalone imported Airflow printed some thirty lines of traceback."""
    (tmp_path / "starting.py").write_text(STARTING)
    ready = tmp_path / "ready"
    supervised = subprocess.Popen(
        [sys.executable, "-m", "wirehouse.airflow_standalone", sys.executable,
         str(tmp_path / "starting.py"), str(ready)],
        start_new_session=True, stderr=subprocess.PIPE, text=True,
    )
    STARTED.append(supervised)
    _wait_for("starting stand-in", ready.exists)
    os.killpg(supervised.pid, signal.SIGINT)  # Ctrl-C
    assert supervised.wait(timeout=60) == 130
    assert supervised.stderr is not None and supervised.stderr.read() == ""


def test_a_second_start_on_the_same_home_is_one_line(tmp_path: Path) -> None:
    """The lock airflow_home checks before `airflow db migrate` is held while standalone runs:
    a second start on the home (other ports) ran a second Airflow over the same metadata."""
    (tmp_path / "part.py").write_text(PART)
    (tmp_path / "standalone.py").write_text(STANDALONE)
    env = {**os.environ, "AIRFLOW_HOME": str(tmp_path), "AIRFLOW__API__BASE_URL": "http://x:1"}
    command = [sys.executable, "-m", "wirehouse.airflow_standalone", "--hold-home", sys.executable,
               str(tmp_path / "standalone.py"), str(tmp_path / "part.py"),
               str(tmp_path / "signals"), str(tmp_path / "ready"), "STOP"]
    first = subprocess.Popen(command, env=env, start_new_session=True, stdout=subprocess.PIPE)
    STARTED.append(first)
    _wait_for("ready part", (tmp_path / "ready").exists)
    second = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert second.returncode == 1
    assert second.stderr == (
        f"make airflow: AIRFLOW_HOME={tmp_path} is in use: another make airflow runs there (UI "
        "http://x:1); stop it first (Ctrl-C in its terminal), or give another AIRFLOW_HOME\n"
    )
