"""The one line and exit status that report a failure, in the command's own words: the
`wirehouse` command prints it (``wirehouse: error: ...``) and the Airflow failure callback
alerts with it, so an operator reads one wording wherever a run failed.

Light on purpose: the reading commands report their errors through it, so it imports nothing
but ``sys``.
"""

from __future__ import annotations

import sys

# Errors reported in one line, by (module, class name) and exit status: 2 when what was given
# is wrong (arguments, input files, settings), 1 when the work failed. The classes are looked up
# in sys.modules, not imported: one whose module was never loaded cannot have been raised, so
# reporting costs no import and `--help` or `stats` stay light.
REPORTED: tuple[tuple[str, str, int], ...] = (
    ("wirehouse.settings", "ConfigError", 2),
    ("extract.feedlist", "FeedListError", 2),
    ("transform.urls", "InvalidURLError", 2),
    ("transform.story_input", "StoryInputError", 2),
    ("load.errors", "WarehouseError", 1),
    ("wirehouse.errors", "PipelineError", 1),
    ("wirehouse.demo.server", "DemoServerError", 1),
    ("extract.errors", "FetchError", 1),
    ("extract.archive", "ArchiveError", 1),
    ("extract.websub", "HubRequestError", 1),
    ("load.websub", "SubscriptionNotFound", 1),
    ("load.story_state", "StoryError", 1),
)


def report(exc: BaseException) -> tuple[str, int]:
    """The message reporting ``exc`` (secrets not yet masked) and its exit status."""
    for module, name, status in REPORTED:
        cls = getattr(sys.modules.get(module), name, None)
        if cls is not None and isinstance(exc, cls):
            return str(exc), status
    dbapi = getattr(sys.modules.get("sqlalchemy.exc"), "DBAPIError", None)
    if dbapi is not None and isinstance(exc, dbapi):
        # the database refused or went away mid-run; the next run catches up
        from load.errors import database_reason

        reason = database_reason(exc.orig)
        if "connection" in reason.lower():
            return f"warehouse connection lost: {reason}", 1
        return f"warehouse error: {reason}", 1
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror or exc}{where}", 1
    return f"unexpected {type(exc).__name__}: {exc}", 1


__all__ = ["REPORTED", "report"]
