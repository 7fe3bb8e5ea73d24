"""The faults section of bench/RESULTS.md: which faults the reliability tests injected, how many
the pipeline survived, and how many warehouse rows were lost.

The fault tests (FAULT_TESTS below) write one JSON record per scenario (per engine where a
scenario runs on both) into test-artifacts/faults/; this script reads them. With ``--run`` it first runs
those tests (a few minutes on two cores) so the records are fresh.

    python bench/faults_report.py --markdown            # print the section
    python bench/faults_report.py --run --out faults.md # run the tests, write the section
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO / "test-artifacts" / "faults"
FAULT_TESTS = (
    "tests/test_crash_safety.py",
    "tests/test_crash_safety_pg.py",
    "tests/test_hostile_input.py",
    "tests/test_poison_input.py",
    "tests/test_secrets_masked.py",
    "tests/test_run_deadlines.py",
    "tests/test_run_records.py",
)


class ReportError(RuntimeError):
    """The fault records are missing or unreadable."""


def read_records(folder: Path) -> list[dict]:
    """Every scenario record in ``folder``, sorted by file name."""
    files = sorted(folder.glob("*.json"))
    if not files:
        raise ReportError(
            f"no fault records in {folder}: run `python bench/faults_report.py --run` "
            f"(or pytest {' '.join(FAULT_TESTS)}) first"
        )
    records = []
    for path in files:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ReportError(f"{path}: {exc}") from exc
        for key in ("fault", "tried", "survived", "rows_lost"):
            if key not in record:
                raise ReportError(f"{path}: no {key!r} field")
        record["_name"] = path.stem
        record["_written"] = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        records.append(record)
    return records


def _notes(record: dict) -> str:
    parts = []
    for key in ("phases", "outcomes"):
        values = record.get(key)
        if isinstance(values, dict) and values:
            if all(isinstance(v, int) for v in values.values()):
                parts.append(", ".join(f"{k}: {v}" for k, v in sorted(values.items())))
            else:
                parts.append(f"{len(values)} cases, listed below")
    if "seed" in record:
        parts.append(f"seed {record['seed']}")
    if "run_seconds" in record:
        parts.append(f"clean run {record['run_seconds']} s")
    return "; ".join(parts)


def markdown(records: list[dict]) -> str:
    tried = sum(r["tried"] for r in records)
    survived = sum(r["survived"] for r in records)
    lost = sum(r["rows_lost"] for r in records)
    newest = max(r["_written"] for r in records)
    verdict = "goal met" if survived == tried and lost == 0 else "GOAL MISSED"
    lines = [
        "## Faults",
        "",
        (
            f"{survived} of {tried} injected faults survived ({survived / tried:.0%}), "
            f"{lost} warehouse rows lost: {verdict} (goal: every fault survived, zero rows lost). "
            f"Records from {newest:%Y-%m-%d %H:%M} UTC, written by {', '.join(FAULT_TESTS)}."
        ),
        "",
        "| Fault | Tried | Survived | Rows lost | Notes |",
        "|---|---:|---:|---:|---|",
    ]
    for r in records:
        fault = str(r["fault"]).replace("|", "\\|")
        lines.append(
            f"| {fault} | {r['tried']} | {r['survived']} | {r['rows_lost']} | "
            f"{_notes(r).replace('|', '/')} |"
        )
    details = [
        r
        for r in records
        if isinstance(r.get("outcomes"), dict)
        and not all(isinstance(v, int) for v in r["outcomes"].values())
    ]
    for r in details:
        lines += ["", f"Outcome of each case, {r['_name']} (the error recorded, or what loaded):", ""]
        lines += [
            f"- `{case}`: {str(error)[:160]}" for case, error in sorted(r["outcomes"].items())
        ]
    return "\n".join(lines) + "\n"


def run_fault_tests() -> int:
    """Run the fault tests; their progress goes to stderr, so stdout carries only the section."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *FAULT_TESTS]
    print("running:", " ".join(command), file=sys.stderr)
    sys.stderr.flush()
    return subprocess.run(command, cwd=REPO, check=False, stdout=sys.stderr).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DIR,
        help=f"folder of fault records (default {DEFAULT_DIR.relative_to(REPO)})",
    )
    parser.add_argument("--run", action="store_true", help="run the fault tests first")
    parser.add_argument("--markdown", action="store_true", help="print the markdown section")
    parser.add_argument("--out", type=Path, help="also write the section to this file")
    args = parser.parse_args(argv)
    if args.run and run_fault_tests() != 0:
        print(
            "faults_report: some fault tests failed; the records show what broke", file=sys.stderr
        )
    try:
        section = markdown(read_records(args.data))
    except ReportError as exc:
        print(f"faults_report: {exc}", file=sys.stderr)
        return 1
    if args.out:
        args.out.write_text(section, encoding="utf-8")
    if args.markdown or not args.out:
        print(section, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
