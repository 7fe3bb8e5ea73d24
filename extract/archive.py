"""The raw archive: every response body the pipeline used, as WARC 1.1 ``response`` records.

One gzip WARC per writer (the orchestrator names it ``<data_dir>/archive/<run_id>/<batch>.warc.gz``
so parallel tasks never share a file); each record is its own gzip member, so an
:class:`ArchiveRef` (file, byte offset) opens one record without reading the rest.

Stored bodies are the decoded ones the pipeline saw: ``Content-Encoding`` and
``Transfer-Encoding`` are dropped from the stored headers and ``Content-Length`` is set to the
stored body length, so every WARC reader gets a consistent record. The requested URL, when a
redirect made it differ from ``WARC-Target-URI``, is kept in ``WARC-Wirehouse-Requested-URI``.

:func:`iter_archive` streams any WARC (ours, or foreign ones such as Common Crawl CC-NEWS),
one record in memory at a time, with each body capped at ``max_body_bytes``.
"""

from __future__ import annotations

import io
import logging
import os
import zlib
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import IO, Any, Self

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from extract.http import FetchResult, header_value
from extract.warc_start import CUT_SHORT as _CUT_SHORT
from extract.warc_start import START_BYTES as _START_BYTES
from extract.warc_start import ReplayedStream, empty_reason, read_start, start_problem
from wirehouse import __version__

log = logging.getLogger(__name__)

REQUESTED_URI_HEADER = "WARC-Wirehouse-Requested-URI"
_DROPPED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


class ArchiveError(Exception):
    """A WARC file or record cannot be read or is not what a reference points at."""


@dataclass(frozen=True)
class ArchiveRef:
    """Where one stored response lives: a WARC file and the byte offset of its record."""

    path: str
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "offset": self.offset}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArchiveRef:
        return cls(path=str(data["path"]), offset=int(data["offset"]))


@dataclass(frozen=True)
class StoredResponse:
    """A response as read back from a WARC."""

    url: str  # WARC-Target-URI: the URL that answered
    status_code: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: datetime
    ref: ArchiveRef
    requested_url: str | None = None
    truncated: bool = False  # the body was longer than the reader's cap

    def header(self, name: str) -> str | None:
        return header_value(self.headers, name)

    @property
    def content_type(self) -> str | None:
        return self.header("content-type")


def _warc_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def archive_path(archive_dir: str | Path, run_id: str, batch: str | int) -> Path:
    """The conventional file of one writer: ``<archive_dir>/<run_id>/<batch>.warc.gz``."""
    for part in (run_id, str(batch)):
        if not part or "/" in part or "\\" in part or part in (".", ".."):
            raise ValueError(f"unsafe archive path component {part!r}")
    return Path(archive_dir) / run_id / f"{batch}.warc.gz"


class ArchiveWriter:
    """Append response records to one gzip WARC; use as a context manager.

    The file is created (or truncated: a retried task rewrites its batch) on entry."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._stream: IO[bytes] | None = None
        self._writer: WARCWriter | None = None

    def __enter__(self) -> Self:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._stream = open(self.path, "wb")
        self._writer = WARCWriter(self._stream, gzip=True, warc_version="WARC/1.1")
        info = self._writer.create_warcinfo_record(
            self.path.name,
            {"software": f"wirehouse/{__version__}", "format": "WARC File Format 1.1"},
        )
        with self._naming_the_file():
            self._writer.write_record(info)
        return self

    def __exit__(self, *exc_info: object) -> None:
        stream, self._stream, self._writer = self._stream, None, None
        if stream is not None:
            with self._naming_the_file():
                stream.close()

    @contextmanager
    def _naming_the_file(self) -> Iterator[None]:
        """A failed write names no file ("No space left on device" alone): name the archive."""
        try:
            yield
        except OSError as exc:
            exc.filename = exc.filename or str(self.path)
            raise

    def write(self, result: FetchResult) -> ArchiveRef:
        """Store ``result`` as a response record and return where it went."""
        if self._writer is None or self._stream is None:
            raise ArchiveError(f"{self.path}: writer is not open (use it as a context manager)")
        headers = [(k, v) for k, v in result.headers if k.lower() not in _DROPPED_HEADERS]
        headers.append(("Content-Length", str(len(result.body))))
        try:
            reason = HTTPStatus(result.status_code).phrase
        except ValueError:
            reason = "Unknown"
        http_headers = StatusAndHeaders(
            f"{result.status_code} {reason}", headers, protocol=result.http_version or "HTTP/1.1"
        )
        warc_headers = {"WARC-Date": _warc_date(result.fetched_at)}
        if result.url != result.final_url:
            warc_headers[REQUESTED_URI_HEADER] = result.url
        record = self._writer.create_warc_record(
            result.final_url,
            "response",
            payload=io.BytesIO(result.body),
            length=len(result.body),
            warc_headers_dict=warc_headers,
            http_headers=http_headers,
        )
        offset = self._stream.tell()
        with self._naming_the_file():
            self._writer.write_record(record)
            self._stream.flush()
        return ArchiveRef(path=str(self.path), offset=offset)

    def size(self) -> int:
        """Bytes written to the file so far."""
        if self._stream is None:
            raise ArchiveError(f"{self.path}: writer is not open (use it as a context manager)")
        return self._stream.tell()

    def sync(self) -> None:
        """Make every record written so far durable (on disk, not only handed to the OS)."""
        if self._stream is None:
            raise ArchiveError(f"{self.path}: writer is not open (use it as a context manager)")
        with self._naming_the_file():
            self._stream.flush()
            os.fsync(self._stream.fileno())


def _parse_warc_date(value: str | None) -> datetime:
    if not value:
        raise ArchiveError("record has no WARC-Date")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ArchiveError(f"bad WARC-Date {value!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00+01:00: in UTC, before the year 1
        raise ArchiveError(f"bad WARC-Date {value!r}: out of range in UTC") from None


def _status_code(http_headers: Any) -> int:
    code = http_headers.get_statuscode()
    if not code:
        return 0
    if not (code.isascii() and code.isdigit()):
        raise ArchiveError(f"bad HTTP status {code!r}")
    return int(code)


def _read_body(record: Any, max_body_bytes: int | None) -> tuple[bytes, bool]:
    stream = record.content_stream()
    if max_body_bytes is None:
        return stream.read(), False
    body = stream.read(max_body_bytes + 1)
    return body[:max_body_bytes], len(body) > max_body_bytes


def _to_response(record: Any, body: bytes, truncated: bool, ref: ArchiveRef) -> StoredResponse:
    http_headers = record.http_headers
    try:  # warcio checks neither: a bad one was "unexpected ValueError" or named no file
        status_code = _status_code(http_headers)
        fetched_at = _parse_warc_date(record.rec_headers.get_header("WARC-Date"))
    except ArchiveError as exc:
        raise ArchiveError(f"{ref.path}@{ref.offset}: malformed WARC record ({exc})") from None
    return StoredResponse(
        url=record.rec_headers.get_header("WARC-Target-URI") or "",
        status_code=status_code,
        headers=tuple((k, v) for k, v in http_headers.headers),
        body=body,
        fetched_at=fetched_at,
        ref=ref,
        requested_url=record.rec_headers.get_header(REQUESTED_URI_HEADER),
        truncated=truncated,
    )


def _is_http_response(record: Any) -> bool:
    return (
        record.rec_type == "response"
        and record.http_headers is not None
        and record.http_headers.protocol.upper().startswith("HTTP")
    )


# What warcio raises on a malformed record besides ArchiveLoadFailed: it parses headers it has
# not validated (a response without WARC-Target-URI fails with AttributeError, a bad length with
# ValueError), so these mean "this file is not a readable WARC" only around its iteration.
_WARCIO_PARSE_ERRORS = (ArchiveLoadFailed, AttributeError, ValueError, TypeError, IndexError)


def _next_record(records: Iterator[Any], where: str) -> Any:
    """The next record of a warcio iterator (None at the end); a malformed one is an
    :class:`ArchiveError` naming ``where``."""
    try:
        record = next(records, None)
    except _WARCIO_PARSE_ERRORS as exc:
        # warcio quotes the file's first line: from a binary file, hundreds of bytes of noise
        message = str(exc).partition(", first line:")[0]
        reason = f"{type(exc).__name__}: {message[:200]}"
        raise ArchiveError(f"{where}: malformed WARC record ({reason})") from None
    if record is not None and record.format != "warc":
        # warcio reads any line of five words as the header of a record of ARC, WARC's
        # predecessor: a page or a text of one line was "1 WARC file, 0 pages", no error
        raise ArchiveError(f"{where}: malformed WARC record (no WARC/1.x header: read as ARC)")
    if (
        record is not None
        and record.rec_type is not None
        and record.rec_headers.get_header("Content-Length") is None
    ):
        # WARC requires one: without, warcio takes the rest of the file as the record's block
        raise ArchiveError(f"{where}: malformed WARC record (no Content-Length)")
    return record


def read_record(ref: ArchiveRef, max_body_bytes: int | None = None) -> StoredResponse:
    """The HTTP response stored at ``ref``."""
    try:
        with open(ref.path, "rb") as stream:
            stream.seek(ref.offset)
            record = _next_record(iter(ArchiveIterator(stream)), f"{ref.path}@{ref.offset}")
            if record is None or not _is_http_response(record):
                raise ArchiveError(f"{ref.path}@{ref.offset}: no HTTP response record there")
            return _to_response(record, *_read_body(record, max_body_bytes), ref)
    except (OSError, ArchiveLoadFailed, zlib.error) as exc:
        raise ArchiveError(f"{ref.path}@{ref.offset}: {_reason(exc)}") from None


def empty_archive(path: str | Path) -> ArchiveError:
    """The error of a file that holds no WARC record."""
    return ArchiveError(empty_reason(path))


class _MisplacedEnd:
    """Stands in for warcio's INC_RECORD, the template of the warning it prints to stderr (three
    indented lines) when a record is not followed by the blank lines that end each (its
    Content-Length wrong): keeps the first such offset, for the one line naming the file."""

    def __init__(self) -> None:
        self.offset: int | None = None

    def format(self, offset: int, _line: bytes) -> str:
        if self.offset is None:
            self.offset = offset
        return ""

    def explained(self, error: ArchiveError) -> ArchiveError:
        """``error``, saying where a record's end was misplaced, if one was."""
        if self.offset is None:
            return error
        return ArchiveError(f"{error}; {self}")

    def __str__(self) -> str:
        return (
            f"at offset {self.offset} a record is not followed by the blank lines that end "
            "one (its Content-Length wrong?)"
        )


class _HeaderBoundReader(DecompressingBufferedReader):
    """warcio's reader, bounding what it reads as lines: warcio reads a record's WARC header block
    line by line to its blank line, and the blank lines between records, however long a line or
    a block goes on; a file that goes on with no line end (a WARC followed by /dev/zero's bytes)
    it read forever, into memory. Bodies are read within their Content-Length, not as lines."""

    def __init__(self, stream: ReplayedStream) -> None:
        super().__init__(stream)
        self.header_bytes = 0  # read as lines since the last record began

    def readline(self, length: int | None = None) -> bytes:
        if length is not None:  # a body's lines, within its Content-Length
            return super().readline(length)
        line = super().readline(_START_BYTES + 1 - self.header_bytes)
        self.header_bytes += len(line)
        if self.header_bytes > _START_BYTES:
            raise ArchiveLoadFailed(f"no WARC record header ends within {_START_BYTES} bytes")
        return line


class _TargetRequiring(ArcWarcRecordLoader):
    """warcio's record loader, saying so when a record that may hold HTTP headers (a response,
    request or revisit) names no WARC-Target-URI, which WARC requires of it: warcio failed with
    "AttributeError: 'NoneType' object has no attribute 'startswith'"."""

    def load_http_headers(self, rec_type: str, uri: str | None, stream: Any, length: Any) -> Any:
        if uri is None and rec_type in self.HTTP_RECORDS:
            raise ArchiveLoadFailed(f"a {rec_type} record without WARC-Target-URI")
        return super().load_http_headers(rec_type, uri, stream, length)


class _TruncationNoting(ArchiveIterator):
    """warcio's iterator, noting whether the file ended inside a gzip member: warcio stops where
    a download cut short stops, without an error, and a half record's WARC headers are no
    record to it at all. It notes a misplaced record end too, which warcio printed."""

    ended_mid_member = False

    def __init__(self, stream: ReplayedStream) -> None:
        super().__init__(stream)
        self.reader = _HeaderBoundReader(self.fh)  # in place of warcio's, before any read
        self.loader = _TargetRequiring(verify_http=False, arc2warc=False)  # as warcio's
        self.misplaced_end = self.INC_RECORD = _MisplacedEnd()

    def _next_record(self, next_line: bytes | None) -> Any:
        self.reader.header_bytes = len(next_line or b"")
        return super()._next_record(next_line)

    def read_to_end(self, record: Any = None) -> None:
        if self.record is not None and self.record.rec_type is None and not self.member_info:
            # warcio's read of blank lines (after a file's last gzip member): a record of no
            # length, whose block would be all that follows, however much
            self.record.raw_stream = LimitReader(self.reader, _START_BYTES)
        super().read_to_end(record)

    def close(self) -> None:
        decompressor = getattr(self.reader, "decompressor", None)
        if decompressor is not None:  # the last member's, before close() lets it go
            # (one given no byte at all, an empty file's, ended inside nothing)
            self.ended_mid_member = not decompressor.eof and self.reader.num_read > 0
        super().close()


def _body_cut_short(record: Any) -> bool:
    """Whether the file ended before ``record``'s Content-Length (read through)."""
    return getattr(record.raw_stream, "limit", 0) > 0


def iter_archive(
    path: str | Path, max_body_bytes: int | None = None, opened: ReplayedStream | None = None
) -> Iterator[StoredResponse]:
    """Stream the HTTP response records of a WARC (gzip or not), skipping other record types.

    A file of no record at all (empty, blank, a gzip of nothing, a pipe that delivered nothing,
    an archive a crash left before its warcinfo record) is an :class:`ArchiveError`, not a WARC
    of no pages: ``ingest-warc`` and ``reprocess`` say so rather than load nothing. ``opened``
    is ``path`` already opened and its start read (a pipe checked before a run began), read
    instead of opening ``path`` again; it is closed at the end."""
    try:
        with open(path, "rb") if opened is None else closing(opened) as stream:
            start = read_start(stream)
            if problem := start_problem(path, start):
                raise ArchiveError(problem)
            records = _TruncationNoting(ReplayedStream(start, stream))
            iterator = iter(records)
            read_any = False
            try:
                while (record := _next_record(iterator, str(path))) is not None:
                    read_any = read_any or record.rec_type is not None  # warcio's read of blanks
                    if not _is_http_response(record):
                        continue
                    body, truncated = _read_body(record, max_body_bytes)
                    # warcio knows a record's offset only once the record has been read through
                    ref = ArchiveRef(str(path), records.get_record_offset())
                    if _body_cut_short(record):
                        raise ArchiveError(f"{path}@{ref.offset}: {_CUT_SHORT}")
                    yield _to_response(record, body, truncated, ref)
            except ArchiveError as exc:
                raise records.misplaced_end.explained(exc) from None
            if records.misplaced_end.offset is not None:  # and warcio read on past it
                log.warning("%s: %s", path, records.misplaced_end)
            if records.ended_mid_member:
                raise ArchiveError(f"{path}: {_CUT_SHORT}")
            if not read_any:
                raise empty_archive(path)
    except (OSError, ArchiveLoadFailed, zlib.error) as exc:
        raise ArchiveError(f"{path}: {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    """Why a file could not be read, without the path an OSError repeats ("[Errno 21] Is a
    directory: '/data/a.warc.gz'" after that very path)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)


__all__ = [
    "ArchiveError",
    "ArchiveRef",
    "ArchiveWriter",
    "StoredResponse",
    "archive_path",
    "empty_archive",
    "iter_archive",
    "read_record",
]
