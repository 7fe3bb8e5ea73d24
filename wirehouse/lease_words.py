"""How the run lease (:mod:`wirehouse.lease`) is worded and how it stands, on a lease row read
either way: a :class:`load.models.RunLease` of the commands that write, or a :class:`LeaseRow`
that `wirehouse lease` reads through :mod:`load.reading`'s light readers (sqlite3 or psycopg
directly), without SQLAlchemy, whose import was most of its time.
"""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see load.reading)
if TYPE_CHECKING:
    from load.models import RunLease
    from load.reading import WarehouseReader



class LeaseRow:
    """The run lease's row as the ``run_lease`` query reads it (times as aware UTC datetimes)."""

    def __init__(self, row: dict[str, object]) -> None:
        self.run_id = str(row["run_id"])
        self.kind = str(row["kind"])
        self.host = str(row["host"])
        self.pid = None if row["pid"] is None else int(str(row["pid"]))
        self.holder = str(row["holder"]) if row["holder"] is not None else None
        self.acquired_at = _utc(row["acquired_at"])
        self.expires_at = _utc(row["expires_at"])


def _utc(value: object) -> datetime:
    """A timestamp column's value (a datetime, or SQLite's UTC text) as an aware UTC datetime."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if not isinstance(moment, datetime):
        raise TypeError(f"not a timestamp: {value!r}")
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def read_lease(reader: WarehouseReader) -> LeaseRow | None:
    """The run lease's row, None when no run holds it."""
    row = next(reader.rows("run_lease"), None)
    return LeaseRow(row) if row is not None else None


# /proc/stat's boot time is in whole seconds and moves with clock adjustments
_START_SLACK = timedelta(seconds=2)


def _started_at(pid: int) -> datetime | None:
    """When process ``pid`` started, from Linux's /proc; None where that cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        boot = next(line for line in Path("/proc/stat").read_text(encoding="ascii").splitlines()
                    if line.startswith("btime "))
        ticks = int(fields[19])  # field 22, starttime: clock ticks after boot
        return datetime.fromtimestamp(int(boot.split()[1]) + ticks / os.sysconf("SC_CLK_TCK"), UTC)
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def process_state(lease: LeaseRow | RunLease) -> str:
    """Whether the lease's process runs, ``alive``, ``gone`` or ``unknown``: known only for one
    on this host (another process's).
    A process that started after the lease was taken is not its holder but a reuse of its pid
    (after a reboot, or in a restarted container)."""
    if not lease.pid or lease.host != socket.gethostname() or lease.pid == os.getpid():
        return "unknown"
    try:
        os.kill(lease.pid, 0)
    except ProcessLookupError:
        return "gone"
    except PermissionError:  # another user's process
        pass
    started = _started_at(lease.pid)
    if started is not None and started > lease.acquired_at + _START_SLACK:
        return "gone"
    return "alive"


def _holder_words(lease: LeaseRow | RunLease) -> str:
    """``pid 812 on box: wirehouse run`` or ``Airflow on box: wirehouse_events.stories,
    scheduler pid 640``."""
    if lease.kind == "cli":
        words = f"pid {lease.pid} on {lease.host}" if lease.pid else f"on {lease.host}"
        return f"{words}: {lease.holder}" if lease.holder else words
    words = f"Airflow on {lease.host}"
    if lease.holder:
        words += f": {lease.holder}"
    return f"{words}, scheduler pid {lease.pid}" if lease.pid else words


def whose(lease: LeaseRow | RunLease) -> str:
    """``run R (pid 812 on box: wirehouse run)``: the run and what holds the lease for it."""
    return f"run {lease.run_id} ({_holder_words(lease)})"


def _span(lease: LeaseRow | RunLease) -> str:
    return (f"since {lease.acquired_at:%Y-%m-%d %H:%M:%S} UTC, "
            f"until {lease.expires_at:%Y-%m-%d %H:%M:%S} UTC")


def describe(lease: LeaseRow | RunLease) -> str:
    """Whose the lease is, since and until when: one clause of a message."""
    return f"{whose(lease)} has held the run lease {_span(lease)}"


def released_message(lease: LeaseRow | RunLease) -> str:
    """What `wirehouse lease --release` says it gave back."""
    return f"released the run lease of {whose(lease)}, held {_span(lease)}"


def blocked_message(lease: LeaseRow | RunLease) -> str:
    """The line a run refused by ``lease`` ends with: whose it is, and how to get it."""
    if process_state(lease) == "alive":
        advice = "wait for it to finish or stop it"
    else:  # on another host, or a process this host cannot see: it may be gone
        advice = ("wait for it to finish or stop it; if it is gone, "
                  "`wirehouse lease --release` gives the lease back")
    return f"another wirehouse run is in progress: {describe(lease)}; {advice}"


def state(lease: LeaseRow | RunLease) -> str:
    """How the lease stands, for `wirehouse lease`: lapsed, its process ended, or held."""
    if lease.expires_at <= datetime.now(UTC):
        return "lapsed: the next run takes it over"
    process = process_state(lease)
    if process == "gone":
        return "its process has ended: the next run takes it over"
    if process == "alive":
        return "held: its process runs on this host"
    return "held: its process cannot be seen from here (`wirehouse lease --release` if it is gone)"


__all__ = ["LeaseRow", "blocked_message", "describe", "process_state", "read_lease",
           "released_message", "state", "whose"]
