"""Start-up cost of the `wirehouse` command: whole-process wall time against two baselines.

    .venv/bin/python bench/startup_bench.py [--repeats 9] [--page PAGE.html]

Each repeat runs, in turn, ``python -c "import sqlalchemy"`` (the baseline: the least any
command touching the warehouse must load), ``wirehouse --help`` and ``wirehouse stats`` on a
freshly migrated SQLite warehouse, then the trafilatura one-liner a user would run instead of
``wirehouse extract`` (``python -c "import trafilatura,sys;
print(trafilatura.extract(open(sys.argv[1]).read()))" PAGE``) and ``wirehouse extract PAGE``,
each as a new process. The medians and their ratios to their baselines are printed (the
warehouse commands against the SQLAlchemy import, ``wirehouse extract`` against the one-liner);
running them interleaved keeps a busy machine's noise on all of them.
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
TRAFILATURA_ONE_LINER = "import trafilatura,sys; print(trafilatura.extract(open(sys.argv[1]).read()))"
DEFAULT_PAGE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "html" / "meta_jsonld.html"


def commands(page: Path) -> dict[str, tuple[list[str], str, str]]:
    """name -> (command, goal, name of its baseline; "" for a baseline)."""
    return {
        "baseline": ([sys.executable, "-c", "import sqlalchemy"], "", ""),
        "wirehouse --help": ([*WIREHOUSE, "--help"], "<= 1.5x", "baseline"),
        "wirehouse stats": ([*WIREHOUSE, "stats"], "<= 5x", "baseline"),
        "trafilatura one-liner": ([sys.executable, "-c", TRAFILATURA_ONE_LINER, str(page)], "", ""),
        "wirehouse extract": ([*WIREHOUSE, "extract", str(page)], "<= 1.2x",
                              "trafilatura one-liner"),
    }


def _wall(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=9, help="runs of each command")
    parser.add_argument("--page", type=Path, default=DEFAULT_PAGE,
                        help="the HTML page `wirehouse extract` and the one-liner read")
    args = parser.parse_args(argv)
    if not args.page.is_file():
        print(f"startup bench: no page at {args.page}; pass --page FILE", file=sys.stderr)
        return 2
    table = commands(args.page)
    with tempfile.TemporaryDirectory(prefix="wirehouse-startup-") as scratch:
        env = {k: v for k, v in os.environ.items() if not k.startswith("WIREHOUSE_")}
        env["WIREHOUSE_DATA_DIR"] = str(Path(scratch) / "data")
        subprocess.run([*WIREHOUSE, "db", "upgrade"], env=env, check=True, capture_output=True)
        times: dict[str, list[float]] = {name: [] for name in table}
        for _ in range(args.repeats):
            for name, (command, _goal, _base) in table.items():
                times[name].append(_wall(command, env))
    print(f"python {sys.version.split()[0]}, {args.repeats} runs each, whole-process wall time")
    for name, (_command, goal, base_name) in table.items():
        values = times[name]
        median = statistics.median(values)
        base = statistics.median(times[base_name or name])
        print(
            f"{name:21} median {median:.3f} s [{min(values):.3f}-{max(values):.3f}]"
            f"  ratio {median / base:.2f}x  goal {goal or '-'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
