"""Start-up cost of the `wirehouse` command: whole-process wall time against importing SQLAlchemy.

    .venv/bin/python bench/startup_bench.py [--repeats 9]

Each repeat runs, in turn, ``python -c "import sqlalchemy"`` (the baseline: the least any
command touching the warehouse must load), ``wirehouse --help`` and ``wirehouse stats`` on a
freshly migrated SQLite warehouse, each as a new process. The medians and their ratios to the
baseline are printed; running the three interleaved keeps a busy machine's noise on all of them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WIREHOUSE = [sys.executable, "-m", "wirehouse.cli"]
COMMANDS: dict[str, tuple[list[str], str]] = {
    "baseline": ([sys.executable, "-c", "import sqlalchemy"], ""),
    "wirehouse --help": ([*WIREHOUSE, "--help"], "<= 1.5x"),
    "wirehouse stats": ([*WIREHOUSE, "stats"], "<= 5x"),
}


def _wall(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=9, help="runs of each command")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="wirehouse-startup-") as scratch:
        env = {k: v for k, v in os.environ.items() if not k.startswith("WIREHOUSE_")}
        env["WIREHOUSE_DATA_DIR"] = str(Path(scratch) / "data")
        subprocess.run([*WIREHOUSE, "db", "upgrade"], env=env, check=True, capture_output=True)
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for _ in range(args.repeats):
            for name, (command, _goal) in COMMANDS.items():
                times[name].append(_wall(command, env))
    base = statistics.median(times["baseline"])
    print(f"python {sys.version.split()[0]}, {args.repeats} runs each, whole-process wall time")
    for name, (_command, goal) in COMMANDS.items():
        values = times[name]
        median = statistics.median(values)
        print(
            f"{name:18} median {median:.3f} s [{min(values):.3f}-{max(values):.3f}]"
            f"  ratio {median / base:.2f}x  goal {goal or '-'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
