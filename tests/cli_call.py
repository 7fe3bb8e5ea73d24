"""`wirehouse` called in the test process: ``wirehouse.cli.main`` with the environment, working
directory, stdout and stderr a command would have, and its exit status.

A fresh interpreter costs a second or more of CPU in imports per command; the tests that check
what a command prints and returns (arguments, settings, one-line errors) call ``main`` here
instead, as the console script does (``sys.exit(main())``). The tests where the process itself
is the subject (start-up imports, a server killed, a real exit status) still start one.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from wirehouse import cli


@dataclass(frozen=True)
class CliOutcome:
    """What a finished command left: the fields of ``subprocess.CompletedProcess`` the tests
    read."""

    returncode: int
    stdout: str
    stderr: str


def call_wirehouse(
    args: tuple[str, ...] | list[str], env: Mapping[str, str], cwd: Path
) -> CliOutcome:
    """Run ``wirehouse ARGS`` in this process with the variables of ``env`` set, no other
    WIREHOUSE_* variable (the test process's own are left out, as for a subprocess given
    ``env``) and ``cwd`` as working directory; everything it changes in the process
    (environment, working directory, root log handlers, the log record factory) is put back
    afterwards."""
    stdout, stderr = io.StringIO(), io.StringIO()
    root = logging.getLogger()
    record_factory = logging.getLogRecordFactory()
    with pytest.MonkeyPatch.context() as patch:
        for name in [name for name in os.environ if name.startswith("WIREHOUSE_")]:
            patch.delenv(name)
        for name, value in env.items():
            patch.setenv(name, value)
        patch.chdir(cwd)
        patch.setattr(root, "handlers", list(root.handlers))  # main adds its stderr handler
        try:
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                try:
                    status = cli.main(list(args))
                except SystemExit as exc:  # argparse: usage errors and --help
                    status = _exit_status(exc.code, stderr)
        finally:
            logging.setLogRecordFactory(record_factory)
    return CliOutcome(status, stdout.getvalue(), stderr.getvalue())


def _exit_status(code: object, stderr: io.StringIO) -> int:
    """The status a process exiting with ``SystemExit(code)`` ends with (a code that is no
    number is printed on stderr, status 1, as the interpreter does)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=stderr)
    return 1
