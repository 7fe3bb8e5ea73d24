"""The health check of `wirehouse push --listen`: the age of the heartbeat file its listener
(wirehouse/push_submit.py) touches while subscribed. Kept apart from the listener so the check,
which a container runs every few seconds, imports neither Redis, SQLAlchemy nor the push code."""

from __future__ import annotations

import stat
import time
from pathlib import Path

from wirehouse.errors import PipelineError


class ListenerNotAliveError(PipelineError):
    """The listener's heartbeat file is missing or stale."""


def check_heartbeat(heartbeat: Path, stale_after: float) -> float:
    """The age in seconds of a listener's heartbeat file; ListenerNotAliveError when it is
    missing or older than ``stale_after`` (the listener is not subscribed, or is stuck)."""
    try:
        status = heartbeat.stat()
    except FileNotFoundError:
        raise ListenerNotAliveError(f"no listener heartbeat at {heartbeat} (not started, or "
                                    "never subscribed)") from None
    if stat.S_ISDIR(status.st_mode):  # whatever touches it, no listener does
        raise ListenerNotAliveError(f"{heartbeat} is a directory, not a listener's heartbeat")
    age = time.time() - status.st_mtime
    if age > stale_after:
        raise ListenerNotAliveError(f"the listener's heartbeat {heartbeat} is {age:.0f} s old "
                                    f"(more than {stale_after:g} s): not subscribed to Redis, "
                                    "or stuck")
    return age


__all__ = ["ListenerNotAliveError", "check_heartbeat"]
