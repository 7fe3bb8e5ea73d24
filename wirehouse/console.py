"""The `wirehouse` console script's entry point, apart from :mod:`wirehouse.cli` so that Ctrl-C
while the command's modules load (argparse and the CLI, a tenth of a second on a busy machine)
ends as any other Ctrl-C does: one line and status 130, not a traceback."""

import sys


def interrupted() -> int:
    """Report Ctrl-C in one line; its exit status. With stderr closed (``2>&-``: Python leaves
    ``sys.stderr`` None, and print() would write to stdout) the line goes nowhere."""
    if sys.stderr is not None:
        print("wirehouse: interrupted", file=sys.stderr, flush=True)
    return 130


def console() -> None:
    """:func:`wirehouse.cli.console`, once it is imported."""
    try:
        from wirehouse.cli import console as command
    except KeyboardInterrupt:
        sys.exit(interrupted())
    command()
