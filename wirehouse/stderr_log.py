"""The `wirehouse` command's log handler: warnings and errors on stderr, one line each.

Apart from wirehouse.cli so that the command imports ``logging`` only when it runs (not for
``--help`` or a wrong argument).
"""

from __future__ import annotations

import logging
import sys
import warnings


class StderrLog(logging.Handler):
    """The command's warnings and errors on stderr, one line each.

    psycopg reports a second failure met while the first is on its way up ("error ignored
    terminating <Pipeline>: the connection is lost") as a warning of its own; the command
    reports that first failure in one line, so those reports are left out.
    """

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def filter(self, record: logging.LogRecord) -> bool:
        secondary = record.name.partition(".")[0] == "psycopg" and str(record.msg).startswith(
            "error ignored"
        )
        return not secondary and bool(super().filter(record))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage().strip().replace("\n", " ")
            sys.stderr.write(f"wirehouse: {record.levelname.lower()}: {message}\n")
        except Exception:  # noqa: BLE001 - logging must not break the command
            self.handleError(record)


def show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: object = None,
    line: str | None = None,
) -> None:
    """A Python warning (a library's, such as SQLAlchemy's about a URL option it ignores) as one
    line, passwords masked: Python's own format adds the file and the line of code that warned."""
    from wirehouse.redact import mask_secrets

    text = mask_secrets(str(message)).strip().replace("\n", " ")
    sys.stderr.write(f"wirehouse: warning: {text}\n")


def log_to_stderr() -> None:
    """Send the process's warnings and errors to stderr through :class:`StderrLog`, and its
    Python warnings through :func:`show_warning` (idempotent)."""
    root = logging.getLogger()
    if not any(isinstance(handler, StderrLog) for handler in root.handlers):
        root.addHandler(StderrLog())
    warnings.showwarning = show_warning
