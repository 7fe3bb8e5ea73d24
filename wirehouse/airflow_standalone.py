"""Run ``airflow standalone`` for ``make airflow`` so that Ctrl-C stops it whole.

Ctrl-C in a terminal signals its whole foreground process group. Run there, standalone and the
parts it starts (scheduler, DAG processor, API server, triggerer) each got SIGINT, and then
standalone, stopping, sent each part SIGTERM: a scheduler signalled twice mid-shutdown hung
("standalone | Shutting down components", then nothing), and a second Ctrl-C ended standalone
while the scheduler and its LocalExecutor workers ran on, orphaned. Signalled alone, standalone
stops every part once and ends ("standalone | Complete").

So standalone runs here in a process group of its own, which the terminal does not signal: the
first Ctrl-C (or SIGTERM) is passed to standalone alone, a second kills its whole group, and
whatever of the group outlives standalone is killed too.

A Ctrl-C before standalone has started any part (while it imports Airflow) is passed on as
SIGTERM, which ends it quietly where SIGINT printed a KeyboardInterrupt traceback; `make airflow`
runs `airflow db migrate` here too for that (its first run takes many seconds).

Run as ``python -m wirehouse.airflow_standalone [--hold-home] COMMAND...`` (``airflow
standalone``; ``airflow db migrate``). With ``--hold-home`` it holds AIRFLOW_HOME's lock
(:func:`wirehouse.airflow_home.hold`) while the command runs, or ends in one line when another
holds it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType

from wirehouse.airflow_home import hold

INTERRUPTED = 130  # the status of a command ended by Ctrl-C


def _end_group(group: int, how: signal.Signals) -> None:
    """Signal every process left in ``group`` (none left: nothing to do)."""
    try:
        os.killpg(group, how)
    except (ProcessLookupError, PermissionError):
        pass


def _has_started_parts(pid: int) -> bool:
    """Whether process ``pid`` has started any child (from any of its threads: standalone
    starts each part from a thread of its own). Unknown (no /proc) counts as started."""
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
        return any((task / "children").read_text().split() for task in tasks)
    except OSError:
        return True


def _interrupt(child: subprocess.Popen[bytes]) -> None:
    """Pass one Ctrl-C on to standalone: SIGINT once it has started its parts (it stops each
    once), SIGTERM before (still importing Airflow or checking its database, it has nothing to
    stop, and SIGINT ended it in a KeyboardInterrupt traceback of some thirty lines)."""
    child.send_signal(signal.SIGINT if _has_started_parts(child.pid) else signal.SIGTERM)


def run(command: list[str]) -> int:
    """Run ``command`` in a process group of its own until it ends; its exit status, or 130
    when it was stopped by a signal passed on from here."""
    stops = 0
    child: subprocess.Popen[bytes] | None = None

    def stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stops
        stops += 1
        if child is None:
            return  # passed on once the command has started
        if stops == 1:
            _interrupt(child)
        else:
            _end_group(child.pid, signal.SIGKILL)

    # Caught here, the signals start at their defaults in the command: one ignored here (a
    # shell's background job ignores SIGINT) would stay ignored there, and standalone, started
    # ignoring it, would ignore the SIGINT passed on to it too.
    for how in (signal.SIGINT, signal.SIGTERM):
        signal.signal(how, stop)
    child = subprocess.Popen(command, process_group=0)
    if stops == 1:
        _interrupt(child)
    elif stops:
        _end_group(child.pid, signal.SIGKILL)
    status = child.wait()
    # a part that outlived standalone (killed itself, it stopped none): SIGKILL, since a
    # scheduler and its LocalExecutor workers sent SIGTERM that way hung, never ending
    _end_group(child.pid, signal.SIGKILL)
    return INTERRUPTED if stops else status


def main(argv: list[str]) -> int:
    hold_home = argv[:1] == ["--hold-home"]
    if hold_home:
        argv = argv[1:]
    if not argv:
        print(
            "usage: python -m wirehouse.airflow_standalone [--hold-home] COMMAND...",
            file=sys.stderr,
        )
        return 2
    home = os.environ.get("AIRFLOW_HOME")
    try:
        # one Airflow a home: held until this process ends (airflow_home checked it before
        # `airflow db migrate`; this closes the gap between two starts at once)
        lock = (
            hold(home, os.environ.get("AIRFLOW__API__BASE_URL", ""))
            if hold_home and home
            else None
        )
    except OSError as exc:
        print(f"make airflow: {exc}", file=sys.stderr)
        return 1
    try:
        return run(argv)
    except OSError as exc:  # the command cannot be started
        print(f"make airflow: cannot start {argv[0]}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        if lock is not None:
            lock.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
