"""A WARC file's first bytes: read once, judged, and read again by the archive reader.

Apart from :mod:`extract.archive` (warcio) so that ``wirehouse ingest-warc`` refuses a file that
cannot be a WARC before it imports the loader or records a run: this needs only ``zlib``.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import IO

# How far into a file its start is read to tell whether it can be a WARC at all: a record's WARC
# header block (a few hundred bytes; a few KiB at most) ends well within it.
START_BYTES = 64 * 1024
_WARC_START = b"WARC/"
_GZIP_START = b"\x1f\x8b"
_BLANK = b" \t\r\n"

CUT_SHORT = "the file ends inside a record: truncated (a download or copy cut short?)"


class ReplayedStream:
    """A stream whose first bytes were read (to check them) and are read again: a pipe cannot
    seek back. It has what warcio asks of a file, ``read`` and ``tell``."""

    def __init__(self, start: bytes, rest: IO[bytes]) -> None:
        self._start = start
        self._rest = rest
        self._offset = 0

    def read(self, size: int = -1) -> bytes:
        if self._start:
            taken = self._start if size < 0 else self._start[:size]
            self._start = self._start[len(taken) :]
            if size < 0:
                taken += self._rest.read()
        else:
            taken = self._rest.read(size)
        self._offset += len(taken)
        return taken

    def tell(self) -> int:
        return self._offset

    def close(self) -> None:
        self._rest.close()


def read_start(stream: IO[bytes]) -> bytes:
    """Up to ``START_BYTES`` from ``stream`` (a pipe hands them over in pieces)."""
    pieces: list[bytes] = []
    wanted = START_BYTES
    while wanted > 0 and (piece := stream.read(wanted)):
        pieces.append(piece)
        wanted -= len(piece)
    return b"".join(pieces)


def empty_reason(path: str | Path) -> str:
    """The error line of a file that holds no WARC record."""
    return f"{path}: the file is empty: no WARC records"


def start_problem(path: str | Path, start: bytes) -> str | None:
    """Why ``start``, a file's first bytes (all of them when shorter than ``START_BYTES``),
    cannot begin a WARC, or None: a WARC begins with a record's header block, whole, plain or in
    gzip. warcio decides only once it has read a whole line or header block, and of a stream of
    none (/dev/zero, an endless pipe, a large binary file) it read forever; a blank line first,
    it took the rest for a record of blanks. A file of blank lines alone or nothing (/dev/null)
    is empty."""
    text, member_ended = start, True
    if start.startswith(_GZIP_START):
        inflating = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:  # inflated no further than a plain start is judged
            text = inflating.decompress(start, START_BYTES)
        except zlib.error as exc:
            return f"{path}: not a WARC file: its gzip does not inflate ({exc})"
        member_ended = inflating.eof
    whole = len(start) < START_BYTES and len(text) < START_BYTES  # nothing follows
    if not text.strip(_BLANK):
        if whole and not member_ended:
            # a gzip header with nothing whole after it inflates to nothing: it was "the file
            # is empty", of a file that is not
            return f"{path}: {CUT_SHORT}"
        if whole:
            return empty_reason(path)
        return f"{path}: not a WARC file: its first {START_BYTES} bytes are blank"
    if whole and _WARC_START.startswith(text.upper()):
        return f"{path}@0: {CUT_SHORT}"  # "WAR"
    if not text.upper().startswith(_WARC_START):
        return f"{path}: not a WARC file: it begins {text[:10]!r}, not with a WARC/1.x header"
    if b"\n\n" not in text and b"\n\r\n" not in text:  # the blank line ending the header
        if whole:
            return f"{path}@0: {CUT_SHORT}"
        return (
            f"{path}: not a WARC file: the header of its first record does not "
            f"end within {START_BYTES} bytes"
        )
    return None


__all__ = ["CUT_SHORT", "START_BYTES", "ReplayedStream", "empty_reason", "read_start", "start_problem"]
