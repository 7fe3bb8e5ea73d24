"""Check, before ``make airflow`` migrates Airflow's metadata, that AIRFLOW_HOME can hold it.

Airflow creates its home, its ``airflow.cfg`` and its logs before anything else, and where it
cannot (a path below a file, ``/proc``, a directory the user may not write) it stopped in a
traceback. This says why in one line, naming the Make variable, and exits 1.

It also refuses a home another ``make airflow`` runs in (holding :data:`RUNNING_LOCK` locked,
:func:`hold`): started again with other ports on the same home, a second Airflow migrated the
running one's metadata database and started a second scheduler over it.

Run as ``python -m wirehouse.airflow_home DIR``, DIR being ``$(AIRFLOW_HOME)``; DIR is created
(with its parents) as Airflow would create it.
"""

from __future__ import annotations

import fcntl
import sys
from pathlib import Path
from typing import TextIO

from wirehouse.writable import creation_refused, os_reason


class AirflowHomeError(OSError):
    """AIRFLOW_HOME cannot hold Airflow's files."""


def prepare(home: str) -> None:
    """Create ``home`` when missing; raise :class:`AirflowHomeError` unless Airflow can create
    its files in it."""
    if not home:
        raise AirflowHomeError("AIRFLOW_HOME is empty")
    path = Path(home)
    if path.exists() and not path.is_dir():
        raise AirflowHomeError(f"AIRFLOW_HOME={home} is a file, not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AirflowHomeError(f"AIRFLOW_HOME={home} cannot be created: {os_reason(exc)}") from None
    refused = creation_refused(path)
    if refused is not None:
        raise AirflowHomeError(f"AIRFLOW_HOME={home} takes no new file: {os_reason(refused)}")


# The file in AIRFLOW_HOME that wirehouse.airflow_standalone keeps locked (flock: the kernel lets
# go of it when the process ends, however it ends) while its Airflow runs; it holds the UI's
# address
RUNNING_LOCK = "wirehouse-airflow.lock"


class AirflowRunning(AirflowHomeError):
    """Another ``make airflow`` runs in AIRFLOW_HOME."""


def hold(home: str, ui: str | None = None) -> TextIO:
    """Lock ``home``'s :data:`RUNNING_LOCK` and return it open (the lock lasts while it is
    open), ``ui`` written in it when given; raise :class:`AirflowRunning` when it is locked."""
    lock = (Path(home) / RUNNING_LOCK).open("a+", encoding="utf-8")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.seek(0)
        where = lock.read().strip()
        lock.close()
        raise AirflowRunning(
            f"AIRFLOW_HOME={home} is in use: another make airflow runs there"
            + (f" (UI {where})" if where else "")
            + "; stop it first (Ctrl-C in its terminal), or give another AIRFLOW_HOME"
        ) from None
    if ui is not None:
        lock.truncate(0)
        lock.write(ui)
        lock.flush()
    return lock


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m wirehouse.airflow_home DIR", file=sys.stderr)
        return 2
    try:
        prepare(argv[0])
        hold(argv[0]).close()
    except AirflowRunning as exc:
        print(f"make airflow: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a full disk too, from the probe
        print(
            f"make airflow: {exc}; give another, as in make airflow AIRFLOW_HOME=DIR",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
