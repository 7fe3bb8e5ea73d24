"""Progress of long work: a live line on a terminal, a periodic log line otherwise.

The pipeline only calls a :data:`ProgressHook` (``hook(stage, done, total)``); it never prints.
The `wirehouse` command passes a :class:`ProgressDisplay`, which redraws one line in place on a
terminal and, when stderr is a file or a pipe (cron, CI, Airflow logs), writes a plain line at
most every ``interval`` seconds so a log shows the run advancing without flooding it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Self, TextIO

# stage ("feeds", "pages", "extract", "events"), items done, items in all (None: unknown yet)
ProgressHook = Callable[[str, int, int | None], None]

_BAR_WIDTH = 24


def _line(stage: str, done: int, total: int | None, elapsed: float) -> str:
    if total:
        share = min(done / total, 1.0)
        filled = round(share * _BAR_WIDTH)
        bar = "#" * filled + "." * (_BAR_WIDTH - filled)
        return f"{stage:8} [{bar}] {done}/{total} {share:4.0%} {elapsed:6.1f}s"
    return f"{stage:8} {done} {elapsed:6.1f}s"


class ProgressDisplay:
    """A :data:`ProgressHook` writing to ``stream``: live on a terminal, periodic otherwise."""

    def __init__(
        self,
        stream: TextIO,
        interval: float,
        live: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._interval = interval
        self._live = stream.isatty() if live is None else live
        self._clock = clock
        self._started = clock()
        # periodic lines start one interval in: a short run writes none
        self._last_write = float("-inf") if self._live else self._started
        self._shown = False  # a live line is on screen and must be cleared before other output

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        now = self._clock()
        finished = total is not None and done >= total
        # live: redraw at most ten times a second, and always at a stage's end
        wait = 0.1 if self._live else self._interval
        if now - self._last_write < wait and not (self._live and finished):
            return
        self._last_write = now
        text = _line(stage, done, total, now - self._started)
        if self._live:
            self._stream.write(f"\r\x1b[2K{text}")
            self._shown = True
        else:
            self._stream.write(f"wirehouse: progress: {' '.join(text.split())}\n")
        self._stream.flush()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Clear the live line, so what the command prints next starts on a clean line."""
        if self._shown:
            self._stream.write("\r\x1b[2K")
            self._stream.flush()
            self._shown = False
