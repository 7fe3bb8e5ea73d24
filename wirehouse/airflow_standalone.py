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

Run as ``python -m wirehouse.airflow_standalone COMMAND...`` (``airflow standalone``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from types import FrameType

INTERRUPTED = 130  # the status of a command ended by Ctrl-C


def _end_group(group: int, how: signal.Signals) -> None:
    """Signal every process left in ``group`` (none left: nothing to do)."""
    try:
        os.killpg(group, how)
    except (ProcessLookupError, PermissionError):
        pass


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
            child.send_signal(signal.SIGINT)
        else:
            _end_group(child.pid, signal.SIGKILL)

    # Caught here, the signals start at their defaults in the command: one ignored here (a
    # shell's background job ignores SIGINT) would stay ignored there, and standalone, started
    # ignoring it, would ignore the SIGINT passed on to it too.
    for how in (signal.SIGINT, signal.SIGTERM):
        signal.signal(how, stop)
    child = subprocess.Popen(command, process_group=0)
    if stops == 1:
        child.send_signal(signal.SIGINT)
    elif stops:
        _end_group(child.pid, signal.SIGKILL)
    status = child.wait()
    # a part that outlived standalone (killed itself, it stopped none): SIGKILL, since a
    # scheduler and its LocalExecutor workers sent SIGTERM that way hung, never ending
    _end_group(child.pid, signal.SIGKILL)
    return INTERRUPTED if stops else status


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m wirehouse.airflow_standalone COMMAND...", file=sys.stderr)
        return 2
    try:
        return run(argv)
    except OSError as exc:  # the command cannot be started
        print(f"make airflow: cannot start {argv[0]}: {exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
