"""Start-up cost of the light `wirehouse` commands: whole-process wall time against a baseline.

    .venv/bin/python bench/startup_bench.py [--repeats 9] [--page PAGE.html] [--compare-ref REF]
        [--pg postgresql+psycopg://postgres@127.0.0.1:5432/wirehouse_bench_startup]

Each repeat runs, in turn, each as a new process: ``python -c pass`` (the interpreter alone,
with this environment's site packages, printed for reference), the baseline (a minimal
standard-library command line: the interpreter importing ``argparse`` and ``sqlite3`` and
parsing its arguments, the floor any Python command reading a SQLite file pays), every light
command (``--help``,
``--version``, an unknown subcommand, each subcommand's ``--help``, and the reading commands
``stats``, ``stats --json``, ``events``, ``articles``, ``feeds list``, ``feeds export -``,
``websub list`` and ``lease`` on a freshly migrated SQLite warehouse, and ``push --listen --check``, the
listener's health check, on a fresh heartbeat file), then the trafilatura one-liner a user
would run instead of ``wirehouse extract`` (``python -c "import trafilatura,sys;
print(trafilatura.extract(open(sys.argv[1]).read()))" PAGE``) and ``wirehouse extract PAGE``.
Running them interleaved keeps a busy machine's noise on all of them; a first, untimed run of
each writes the bytecode every later one reads (a cache in the scratch directory), as a user's
second run of a command finds it. The medians, the fastest run and their ratios to their
baselines are printed (the commands against the minimal command line, ``wirehouse extract``
against the one-liner). The light commands' goal was once relative to ``python -c pass``, but
that baseline lost two thirds of its time when the editable install stopped running setuptools'
import finder at every start, while no command changed: a goal relative to the interpreter
alone moves with how the environment is installed, one relative to a minimal command line with
what a command line needs. ``--compare-ref REF`` runs each command a second
time with commit REF's packages (on its own warehouse, migrated by its own code), right after
the current code's run, and prints its rows too (``name @REF``). ``--pg URL`` times the reading
commands on PostgreSQL too (``name [postgresql]``), on URL's database (``<name>_ref`` for
REF's code), each dropped and migrated afresh by its own code, and dropped at the end. Each row
gives the wall time and the CPU time (user and system, of the process and its children), each
with its ratio to its baseline's.
"""

from __future__ import annotations

import argparse
import os
import resource
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
MINIMAL_COMMAND_LINE = "import argparse, sqlite3; argparse.ArgumentParser().parse_args([])"
# The reading commands: timed on the SQLite warehouse, and on PostgreSQL with --pg.
READING = ("stats", "stats --json", "events", "articles", "feeds list", "feeds export -",
           "websub list", "lease")
POSTGRESQL = " [postgresql]"


def commands(page: Path, postgresql: bool) -> dict[str, tuple[list[str], str, str, int]]:
    """name -> (command, goal, name of its baseline or "" for a baseline, expected status); a
    name ending in POSTGRESQL runs on the PostgreSQL warehouse."""
    table: dict[str, tuple[list[str], str, str, int]] = {
        "python -c pass": ([sys.executable, "-c", "pass"], "", "", 0),
        "baseline": ([sys.executable, "-c", MINIMAL_COMMAND_LINE], "", "", 0),
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
    for reading in (*READING, "push --listen --check"):
        table[f"wirehouse {reading}"] = ([*WIREHOUSE, *reading.split()], LIGHT_GOAL, "baseline", 0)
    if postgresql:
        for reading in READING:
            table[f"wirehouse {reading}{POSTGRESQL}"] = (
                [*WIREHOUSE, *reading.split()], LIGHT_GOAL, "baseline", 0
            )
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


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _timed(
    command: list[str], env: dict[str, str], expected: int, cwd: Path
) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of ``command``, a new process."""
    cpu_before, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(
        command, check=False, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    wall, cpu = time.perf_counter() - started, _children_cpu() - cpu_before
    if done.returncode != expected:
        raise SystemExit(
            f"startup bench: {' '.join(command[1:])} exited {done.returncode}, "
            f"not {expected}: {done.stderr.decode(errors='replace').strip()}"
        )
    return wall, cpu


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


def _row(
    name: str, runs: list[tuple[float, float]], base: list[tuple[float, float]], goal: str
) -> str:
    walls, cpus = [wall for wall, _ in runs], [cpu for _, cpu in runs]
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    base_wall = statistics.median(wall for wall, _ in base)
    base_cpu = statistics.median(cpu for _, cpu in base)
    return (
        f"{name:52} median {wall:.3f} s [{min(walls):.3f}-{max(walls):.3f}]"
        f"  ratio {wall / base_wall:.2f}x  cpu {cpu:.3f} s ({cpu / base_cpu:.2f}x)"
        f"  goal {goal or '-'}"
    )


def _fresh_database(url: str) -> None:
    """Drop ``url``'s database and create it empty (for a warehouse migrated afresh)."""
    from sqlalchemy.engine import make_url

    from load.pg_admin import create_database, drop_database

    name = make_url(url).database
    drop_database(url, name)
    create_database(url, name)


def _drop_database(url: str) -> None:
    from sqlalchemy.engine import make_url

    from load.pg_admin import drop_database

    drop_database(url, make_url(url).database)


def _ref_database(url: str) -> str:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_ref").render_as_string(hide_password=False)


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
    parser.add_argument(
        "--pg",
        metavar="URL",
        help="also time the reading commands on this PostgreSQL database (made afresh)",
    )
    args = parser.parse_args(argv)
    if not args.page.is_file():
        print(f"startup bench: no page at {args.page}; pass --page FILE", file=sys.stderr)
        return 2
    table = commands(args.page.resolve(), postgresql=args.pg is not None)
    # Run from a scratch directory: `python -m` puts the working directory first on the path,
    # where it would hide the code --compare-ref puts on PYTHONPATH.
    with tempfile.TemporaryDirectory(prefix="wirehouse-startup-") as scratch:
        bytecode, heartbeat = Path(scratch) / "bytecode", Path(scratch) / "heartbeat"
        heartbeat.touch()
        variants = {"": _environment(Path(scratch) / "data", None, bytecode, heartbeat)}
        postgresql_urls = {"": args.pg}
        if args.compare_ref:
            try:
                short = unpack_ref(args.compare_ref, PACKAGES, Path(scratch) / "ref")
            except RefError as exc:
                print(f"startup bench: {exc}", file=sys.stderr)
                return 2
            variants[f" @{short}"] = _environment(
                Path(scratch) / "ref-data", Path(scratch) / "ref", bytecode, heartbeat
            )
            postgresql_urls[f" @{short}"] = args.pg and _ref_database(args.pg)
        try:
            times = _time_all(table, variants, postgresql_urls, args.repeats, Path(scratch))
        finally:
            for url in postgresql_urls.values():
                if url:
                    _drop_database(url)
    print(
        f"python {sys.version.split()[0]}, {args.repeats} runs each, whole-process wall and CPU "
        "time"
    )
    for name, (_command, goal, base_name, _expected) in table.items():
        base = times[base_name or name, ""]
        for variant in variants:
            if base_name or not variant:
                print(_row(f"{name}{variant}", times[name, variant], base, goal))
    return 0


def _time_all(
    table: dict[str, tuple[list[str], str, str, int]],
    variants: dict[str, dict[str, str]],
    postgresql_urls: dict[str, str | None],
    repeats: int,
    scratch: Path,
) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """(name, variant) -> (wall, CPU) of each run: every command in turn, each variant right
    after the other, ``repeats`` times, after an untimed run of each (it writes the bytecode)."""

    def environment(name: str, variant: str) -> dict[str, str]:
        env = variants[variant]
        url = postgresql_urls[variant]
        return {**env, "WIREHOUSE_DB_URL": url} if name.endswith(POSTGRESQL) and url else env

    for variant, env in variants.items():
        warehouses = [env]
        if url := postgresql_urls[variant]:
            _fresh_database(url)
            warehouses.append(environment(POSTGRESQL, variant))
        for warehouse_env in warehouses:  # each migrated by its own code
            subprocess.run(
                [*WIREHOUSE, "db", "upgrade"], env=warehouse_env, cwd=scratch, check=True,
                capture_output=True,
            )
    times: dict[tuple[str, str], list[tuple[float, float]]] = {
        (name, variant): [] for name in table for variant in variants
    }
    for name, (command, _goal, _base_name, expected) in table.items():  # writes the bytecode
        for variant in variants:
            _timed(command, environment(name, variant), expected, scratch)
    for _ in range(repeats):
        for name, (command, _goal, base_name, expected) in table.items():
            for variant in variants:
                if base_name or not variant:  # a baseline is the same process either way
                    times[name, variant].append(
                        _timed(command, environment(name, variant), expected, scratch)
                    )
    return times

if __name__ == "__main__":
    sys.exit(main())
