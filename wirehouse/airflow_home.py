"""Check, before ``make airflow`` migrates Airflow's metadata, that AIRFLOW_HOME can hold it.

Airflow creates its home, its ``airflow.cfg`` and its logs before anything else, and where it
cannot (a path below a file, ``/proc``, a directory the user may not write) it stopped in a
traceback. This says why in one line, naming the Make variable, and exits 1.

Run as ``python -m wirehouse.airflow_home DIR``, DIR being ``$(AIRFLOW_HOME)``; DIR is created
(with its parents) as Airflow would create it.
"""

from __future__ import annotations

import sys
from pathlib import Path

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


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m wirehouse.airflow_home DIR", file=sys.stderr)
        return 2
    try:
        prepare(argv[0])
    except OSError as exc:  # a full disk too, from the probe
        print(
            f"make airflow: {exc}; give another, as in make airflow AIRFLOW_HOME=DIR",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
