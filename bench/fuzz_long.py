"""`make fuzz`: the property-based fuzz tests (tests/test_fuzz.py) with many more examples than
the normal test run, which keeps them small.

    python bench/fuzz_long.py                 # 2000 examples per property
    python bench/fuzz_long.py --examples 20000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FUZZ_TESTS = "tests/test_fuzz.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--examples", type=int, default=2000, help="hypothesis examples per property (default 2000)"
    )
    args = parser.parse_args(argv)
    if args.examples < 1:
        parser.error("--examples must be at least 1")
    env = dict(os.environ, WIREHOUSE_FUZZ_EXAMPLES=str(args.examples))
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-o",
        "timeout=0",
        "--hypothesis-show-statistics",
        FUZZ_TESTS,
    ]
    started = time.monotonic()
    code = subprocess.run(command, cwd=REPO, env=env, check=False).returncode
    print(
        f"fuzz: {args.examples} examples per property, {time.monotonic() - started:.0f} s, "
        f"{'passed' if code == 0 else 'FAILED'}"
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
