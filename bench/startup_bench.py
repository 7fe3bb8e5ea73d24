"""Start-up cost of the light `wirehouse` commands: whole-process wall time against a baseline.

    .venv/bin/python bench/startup_bench.py [--repeats 9] [--page PAGE.html] [--compare-ref REF]

Each repeat runs, in turn, each as a new process: ``python -c pass`` (the baseline: the
interpreter alone, with this environment's site packages), every light command (``--help``,
``--version``, an unknown subcommand, each subcommand's ``--help``, and the reading commands
``stats``, ``stats --json``, ``events``, ``articles``, ``feeds list``, ``feeds export -`` and
``websub list`` on a freshly migrated SQLite warehouse, and ``push --listen --check``, the
listener's health check, on a fresh heartbeat file), then the trafilatura one-liner a user
would run instead of ``wirehouse extract`` (``python -c "import trafilatura,sys;
print(trafilatura.extract(open(sys.argv[1]).read()))" PAGE``) and ``wirehouse extract PAGE``.
Running them interleaved keeps a busy machine's noise on all of them; a first, untimed run of
each writes the bytecode every later one reads (a cache in the scratch directory), as a user's
second run of a command finds it. The medians, the fastest run and their ratios to their
baselines are printed (the commands against ``python -c pass``, ``wirehouse extract`` against
the one-liner). ``--compare-ref REF`` runs each command a second
time with commit REF's packages (on its own warehouse, migrated by its own code), right after
the current code's run, and prints its rows too (``name @REF``).
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

from gitref import RefError, unpack_ref

WIREHOUSE = [sys.executable, "-m", "wirehouse.cli"]
TRAFILATURA_ONE_LINER = (
    "import trafilatura,sys; print(trafilatura.extract(open(sys.argv[1]).read()))"
)
DEFAULT_PAGE = (
    Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "html" / "meta_jsonld.html"
)
# What `--compare-ref` unpacks: the packages the command imports, the SQL files it reads.
PACKAGES = ("wirehouse", "load", "transform", "extract", "sql")
# Subcommands whose --help is timed; a nested one as "feeds import".
SUBCOMMANDS = (
    "run",
    "db",
    "db upgrade",
    "feeds",
    "feeds import",
    "feeds export",
    "feeds list",
    "feeds discover",
    "stats",
    "events",
    "articles",
    "extract",
    "cluster",
    "reprocess",
    "ingest-warc",
    "serve",
    "push",
    "websub",
    "websub list",
    "demo",
    "demo run",
)
LIGHT_GOAL = "<= 2.5x"


def commands(page: Path) -> dict[str, tuple[list[str], str, str, int]]:
    """name -> (command, goal, name of its baseline or "" for a baseline, expected status)."""
    table: dict[str, tuple[list[str], str, str, int]] = {
        "baseline": ([sys.executable, "-c", "pass"], "", "", 0),
        "wirehouse --help": ([*WIREHOUSE, "--help"], LIGHT_GOAL, "baseline", 0),
        "wirehouse --version": ([*WIREHOUSE, "--version"], LIGHT_GOAL, "baseline", 0),
        "wirehouse nosuchcommand": ([*WIREHOUSE, "nosuchcommand"], LIGHT_GOAL, "baseline", 2),
    }
    for sub in SUBCOMMANDS:
        table[f"wirehouse {sub} --help"] = (
            [*WIREHOUSE, *sub.split(), "--help"],
            LIGHT_GOAL,
            "baseline",
            0,
        )
    for reading in ("stats", "stats --json", "events", "articles", "feeds list", "feeds export -",
                    "websub list", "push --listen --check"):
        table[f"wirehouse {reading}"] = ([*WIREHOUSE, *reading.split()], LIGHT_GOAL, "baseline", 0)
    table["trafilatura one-liner"] = (
        [sys.executable, "-c", TRAFILATURA_ONE_LINER, str(page)],
        "",
        "",
        0,
    )
    table["wirehouse extract"] = (
        [*WIREHOUSE, "extract", str(page)],
        "<= 1.2x",
        "trafilatura one-liner",
        0,
    )
    return table


def _wall(command: list[str], env: dict[str, str], expected: int, cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        command, check=False, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    wall = time.perf_counter() - started
    if done.returncode != expected:
        raise SystemExit(
            f"startup bench: {' '.join(command[1:])} exited {done.returncode}, "
            f"not {expected}: {done.stderr.decode(errors='replace').strip()}"
        )
    return wall


def _environment(
    data: Path, code: Path | None, bytecode: Path, heartbeat: Path
) -> dict[str, str]:
    """The commands' environment: no WIREHOUSE_* but the data dir and the listener's heartbeat
    file (fresh for a day, the health check's status 0); ``code`` first on the path; bytecode
    written to and read from ``bytecode``, for every command alike (the other commit's unpacked
    code has none, and PYTHONDONTWRITEBYTECODE would leave each run compiling)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WIREHOUSE_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    env["WIREHOUSE_DATA_DIR"] = str(data)
    env["WIREHOUSE_PUSH_LISTEN_HEARTBEAT"] = str(heartbeat)
    env["WIREHOUSE_PUSH_LISTEN_STALE_AFTER"] = "86400"
    env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


def _row(name: str, values: list[float], base: float, goal: str) -> str:
    median = statistics.median(values)
    return (
        f"{name:40} median {median:.3f} s [{min(values):.3f}-{max(values):.3f}]"
        f"  ratio {median / base:.2f}x  goal {goal or '-'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=9, help="runs of each command")
    parser.add_argument(
        "--page",
        type=Path,
        default=DEFAULT_PAGE,
        help="the HTML page `wirehouse extract` and the one-liner read",
    )
    parser.add_argument(
        "--compare-ref",
        metavar="REF",
        help="also time the commands with this commit's code, in the same run",
    )
    args = parser.parse_args(argv)
    if not args.page.is_file():
        print(f"startup bench: no page at {args.page}; pass --page FILE", file=sys.stderr)
        return 2
    table = commands(args.page.resolve())
    # Run from a scratch directory: `python -m` puts the working directory first on the path,
    # where it would hide the code --compare-ref puts on PYTHONPATH.
    with tempfile.TemporaryDirectory(prefix="wirehouse-startup-") as scratch:
        bytecode, heartbeat = Path(scratch) / "bytecode", Path(scratch) / "heartbeat"
        heartbeat.touch()
        variants = {"": _environment(Path(scratch) / "data", None, bytecode, heartbeat)}
        if args.compare_ref:
            try:
                short = unpack_ref(args.compare_ref, PACKAGES, Path(scratch) / "ref")
            except RefError as exc:
                print(f"startup bench: {exc}", file=sys.stderr)
                return 2
            variants[f" @{short}"] = _environment(
                Path(scratch) / "ref-data", Path(scratch) / "ref", bytecode, heartbeat
            )
        for env in variants.values():
            subprocess.run(
                [*WIREHOUSE, "db", "upgrade"], env=env, cwd=scratch, check=True, capture_output=True
            )
        times: dict[tuple[str, str], list[float]] = {
            (name, variant): [] for name in table for variant in variants
        }
        for name, (command, _goal, _base_name, expected) in table.items():  # writes the bytecode
            for env in variants.values():
                _wall(command, env, expected, Path(scratch))
        for _ in range(args.repeats):
            for name, (command, _goal, base_name, expected) in table.items():
                for variant, env in variants.items():
                    if base_name or not variant:  # a baseline is the same process either way
                        times[name, variant].append(_wall(command, env, expected, Path(scratch)))
    print(f"python {sys.version.split()[0]}, {args.repeats} runs each, whole-process wall time")
    for name, (_command, goal, base_name, _expected) in table.items():
        base = statistics.median(times[base_name or name, ""])
        for variant in variants:
            if base_name or not variant:
                print(_row(f"{name}{variant}", times[name, variant], base, goal))
    return 0


if __name__ == "__main__":
    sys.exit(main())
