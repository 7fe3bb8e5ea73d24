"""WARC archive: write, read back by reference, stream, foreign WARCs, caps."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import os
import threading
import zlib
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from extract.archive import (
    ArchiveError,
    ArchiveRef,
    ArchiveWriter,
    archive_path,
    iter_archive,
    read_record,
)
from extract.http import FetchResult

WHEN = datetime(2025, 3, 4, 5, 6, 7, 123456, tzinfo=UTC)


def result(i: int, body: bytes | None = None, redirected: bool = False) -> FetchResult:
    url = f"https://news.example.com/story/{i}"
    return FetchResult(
        url=url,
        final_url=url + "?amp=0" if redirected else url,
        status_code=200,
        headers=(
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Encoding", "gzip"),
            ("Content-Length", "12"),
            ("ETag", f'"e{i}"'),
        ),
        body=body if body is not None else f"<html><p>story {i}</p></html>".encode(),
        fetched_at=WHEN,
        elapsed_ms=12,
    )


def test_write_and_read_back_by_reference(tmp_path: Path) -> None:
    path = tmp_path / "run-1" / "batch-0.warc.gz"
    with ArchiveWriter(path) as writer:
        refs = [writer.write(result(i, redirected=i == 1)) for i in range(3)]
    assert len({r.offset for r in refs}) == 3
    stored = read_record(refs[1])
    assert stored.url == "https://news.example.com/story/1?amp=0"
    assert stored.requested_url == "https://news.example.com/story/1"
    assert stored.status_code == 200
    assert stored.body == b"<html><p>story 1</p></html>"
    assert stored.fetched_at == WHEN
    assert stored.header("etag") == '"e1"'
    assert stored.header("content-encoding") is None
    assert stored.header("content-length") == str(len(stored.body))
    assert stored.content_type == "text/html; charset=utf-8"
    assert read_record(refs[0]).requested_url is None


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="no /dev/full here")
def test_a_full_disk_names_the_archive_file(tmp_path: Path) -> None:
    """A run on a full disk ended in "wirehouse: error: No space left on device" alone: a
    failed write names no file."""
    path = tmp_path / "batch-0.warc.gz"
    path.symlink_to("/dev/full")
    with pytest.raises(OSError, match="No space left") as failed, ArchiveWriter(path) as writer:
        for i in range(200):  # past the write buffer
            writer.write(result(i, body=bytes(range(256)) * 64))
    assert failed.value.filename == str(path)


def test_ref_is_json_friendly() -> None:
    ref = ArchiveRef("/data/archive/r/b.warc.gz", 1234)
    assert ArchiveRef.from_dict(json.loads(json.dumps(ref.to_dict()))) == ref


def test_iter_archive_streams_every_response_with_its_ref(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    with ArchiveWriter(path) as writer:
        refs = [writer.write(result(i)) for i in range(5)]
    items = list(iter_archive(path))
    assert [s.ref for s in items] == refs
    assert [s.body for s in items] == [read_record(r).body for r in refs]


def test_body_cap_truncates_and_flags(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    with ArchiveWriter(path) as writer:
        writer.write(result(0, body=b"x" * 5000))
        writer.write(result(1))
    first, second = iter_archive(path, max_body_bytes=100)
    assert first.truncated and len(first.body) == 100
    assert not second.truncated and second.body.startswith(b"<html>")


def test_foreign_warc_with_other_record_types(tmp_path: Path) -> None:
    """Shaped like CC-NEWS: warcinfo, request, response (chunked, gzip), metadata, uncompressed."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    writer.write_record(writer.create_warcinfo_record("cc.warc", {"software": "crawler"}))
    writer.write_record(
        writer.create_warc_record(
            "https://foreign.example.org/a",
            "request",
            payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n"),
        )
    )
    html = b"<html><body>Foreign article</body></html>"
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(gzip.compress(html)), gzip.compress(html))
    headers = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", "text/html"),
            ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip"),
        ],
        protocol="HTTP/1.1",
    )
    writer.write_record(
        writer.create_warc_record(
            "https://foreign.example.org/a",
            "response",
            payload=io.BytesIO(chunked),
            length=len(chunked),
            http_headers=headers,
        )
    )
    writer.write_record(
        writer.create_warc_record(
            "https://foreign.example.org/a",
            "metadata",
            payload=io.BytesIO(b"fetchTimeMs: 10"),
            warc_content_type="application/warc-fields",
        )
    )
    path = tmp_path / "foreign.warc"
    path.write_bytes(buffer.getvalue())
    (only,) = list(iter_archive(path))
    assert only.url == "https://foreign.example.org/a" and only.body == html
    assert read_record(only.ref).body == html


def test_errors_are_typed(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError):
        read_record(ArchiveRef(str(tmp_path / "missing.warc.gz"), 0))
    (tmp_path / "dir.warc.gz").mkdir()
    with pytest.raises(ArchiveError) as named_once:
        list(iter_archive(tmp_path / "dir.warc.gz"))
    assert str(named_once.value) == f"{tmp_path / 'dir.warc.gz'}: is a directory"
    path = tmp_path / "a.warc.gz"
    with ArchiveWriter(path) as writer:
        writer.write(result(0))
    with pytest.raises(ArchiveError, match="no HTTP response"):
        read_record(ArchiveRef(str(path), 0))  # the warcinfo record
    with pytest.raises(ArchiveError):
        read_record(ArchiveRef(str(path), 7))  # the middle of a gzip member
    with pytest.raises(ArchiveError, match="not open"):
        ArchiveWriter(tmp_path / "b.warc.gz").write(result(0))
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"hello world\nnot a WARC\n")
    with pytest.raises(ArchiveError):
        list(iter_archive(junk))


def _two_page_archive(path: Path) -> bytes:
    """A gzip WARC of two pages with bodies long enough to cut inside; its bytes."""
    with ArchiveWriter(path) as writer:
        for i in range(2):
            writer.write(result(i, body=b"<html><p>" + b"the tide came in early " * 40 + b"</p>"))
    return path.read_bytes()


@pytest.mark.parametrize("compressed", [True, False], ids=["gzip", "plain"])
def test_a_file_cut_inside_a_body_is_an_error_before_the_cut_page(
    tmp_path: Path, compressed: bool
) -> None:
    """A download cut short: warcio handed the second page's first bytes over as its body,
    and `ingest-warc` loaded that half page as an article."""
    whole = _two_page_archive(tmp_path / "whole.warc.gz")
    data = whole if compressed else gzip.decompress(whole)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: len(data) - 120])
    pages = iter_archive(cut)
    assert next(pages).url == "https://news.example.com/story/0"
    with pytest.raises(ArchiveError, match="the file ends inside a record: truncated"):
        next(pages)


def test_a_file_cut_inside_a_records_headers_is_an_error(tmp_path: Path) -> None:
    """Cut in the second page's WARC headers, warcio saw no second record and ended quietly."""
    whole = _two_page_archive(tmp_path / "whole.warc.gz")
    first = [stored.ref.offset for stored in iter_archive(tmp_path / "whole.warc.gz")]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: first[1] + 30])  # the second member's gzip header and a little
    pages = iter_archive(cut)
    assert next(pages).url == "https://news.example.com/story/0"
    with pytest.raises(ArchiveError, match=r"cut.warc.gz: the file ends inside a record"):
        next(pages)


def test_an_archive_of_no_page_is_no_error(tmp_path: Path) -> None:
    """A WARC of a warcinfo record alone (a batch that fetched nothing) is whole: no pages."""
    with ArchiveWriter(tmp_path / "info.warc.gz"):
        pass
    assert list(iter_archive(tmp_path / "info.warc.gz")) == []


def _response_record(status_line: bytes, warc_date: bytes | None) -> bytes:
    """An uncompressed WARC of one response record, as a foreign writer may leave one."""
    body = b"<html><body><p>Lock gates shut for the night.</p></body></html>"
    http = b"%s\r\nContent-Type: text/html\r\n\r\n%s" % (status_line, body)
    headers = b"WARC-Type: response\r\nWARC-Target-URI: https://canal.example/locks\r\n"
    if warc_date is not None:
        headers += b"WARC-Date: %s\r\n" % warc_date
    return b"WARC/1.0\r\n%sContent-Length: %d\r\n\r\n%s\r\n\r\n" % (headers, len(http), http)


@pytest.mark.parametrize(
    ("status_line", "warc_date", "reason"),
    [
        (b"HTTP/1.1 200 OK", None, "record has no WARC-Date"),
        (b"HTTP/1.1 200 OK", b"last Tuesday", "bad WARC-Date 'last Tuesday'"),
        # was "unexpected OverflowError": the year 1 in UTC+1 is before the year 1 in UTC
        (b"HTTP/1.1 200 OK", b"0001-01-01T00:30:00+01:00", "out of range in UTC"),
        # was "unexpected ValueError: invalid literal for int()"
        (b"HTTP/1.1 2OO OK", b"2026-11-20T08:00:00Z", "bad HTTP status '2OO'"),
    ],
)
def test_a_malformed_response_record_is_named_with_its_place(
    tmp_path: Path, status_line: bytes, warc_date: bytes | None, reason: str
) -> None:
    path = tmp_path / "foreign.warc"
    path.write_bytes(_response_record(status_line, warc_date))
    with pytest.raises(ArchiveError) as failed:
        list(iter_archive(path))
    message = str(failed.value)
    assert message.startswith(f"{path}@0: malformed WARC record ("), message
    assert reason in message


def test_a_record_whose_content_length_is_wrong_is_one_error_with_its_offset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """warcio printed three indented lines of its own ("WARNING: Record not followed by
    newline...") to stderr before the error line."""
    record = _response_record(b"HTTP/1.1 200 OK", b"2026-11-20T08:00:00Z")
    path = tmp_path / "short.warc"
    length = record.split(b"Content-Length: ", 1)[1].split(b"\r\n", 1)[0]
    path.write_bytes(record.replace(b"Content-Length: " + length, b"Content-Length: 20", 1))
    with pytest.raises(ArchiveError, match="a record is not followed by the blank lines"):
        list(iter_archive(path))
    assert capsys.readouterr().err == ""


def test_a_record_warcio_reads_past_is_one_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """A stray line where a record's blank lines belong: warcio reads on, and said so on
    stderr in three lines of its own."""
    record = _response_record(b"HTTP/1.1 200 OK", b"2026-11-20T08:00:00Z")
    path = tmp_path / "stray.warc"
    path.write_bytes(record.removesuffix(b"\r\n\r\n") + b"stray\r\n" + record)
    assert len(list(iter_archive(path))) == 2
    # warcio's own lines are gone; ours reaches stderr too once a command set up logging
    assert all(str(path) in line for line in capsys.readouterr().err.splitlines())
    assert [r.getMessage() for r in caplog.records] == [
        (
            f"{path}: at offset {len(record) - 4} a record is not followed by the blank lines that "
            "end one (its Content-Length wrong?)"
        )
    ]


def _endless_pipe(tmp_path: Path, chunks: Iterable[bytes]) -> Path:
    """A named pipe a thread feeds ``chunks`` into until its reader closes it (as `yes` does)."""
    fifo = tmp_path / "endless"
    os.mkfifo(fifo)

    def feed() -> None:
        try:
            with open(fifo, "wb") as pipe:
                pipe.writelines(chunks)
        except BrokenPipeError:
            pass

    threading.Thread(target=feed, daemon=True).start()
    return fifo


def _gzip_of_endless_zeros() -> Iterable[bytes]:
    compressor = zlib.compressobj(wbits=16 + zlib.MAX_WBITS)
    while True:
        yield compressor.compress(bytes(1 << 16))
        yield compressor.flush(zlib.Z_SYNC_FLUSH)


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    ("chunks", "reason"),
    [
        (itertools.repeat(bytes(4096)), "it begins b'\\x00"),  # /dev/zero
        (itertools.repeat(b"y\n"), "it begins b'y\\ny"),  # `yes`
        (itertools.repeat(b"\r\n"), "first 65536 bytes are blank"),
        # a WARC/1.0 line, then header lines that never end in the blank line ending a header
        (
            itertools.chain([b"WARC/1.0\r\n"], itertools.repeat(b"WARC-Note: the gulls again\r\n")),
            "the header of its first record does not end within 65536 bytes",
        ),
        (_gzip_of_endless_zeros(), "it begins b'\\x00"),
        # warcio took a blank line first for a record of blanks, its block all that followed
        (itertools.repeat(b"\r\nWARC/1.0\r\n\r\n"), "it begins b'\\r\\nWARC/1.0"),
    ],
    ids=["zeros", "yes", "blank lines", "endless header", "gzip of zeros", "blank line first"],
)
def test_an_endless_stream_that_is_no_warc_is_refused_from_its_first_bytes(
    tmp_path: Path, chunks: Iterable[bytes], reason: str
) -> None:
    """warcio reads a line, or a header block, to its end before it decides: of an endless
    stream with none, it read forever (`wirehouse ingest-warc /dev/zero` never ended)."""
    fifo = _endless_pipe(tmp_path, chunks)
    with pytest.raises(ArchiveError) as refused:
        list(iter_archive(fifo))
    assert str(refused.value).startswith(f"{fifo}: not a WARC file: "), refused.value
    assert reason in str(refused.value)


@pytest.mark.timeout(30)
@pytest.mark.parametrize("compressed", [True, False], ids=["gzip", "plain"])
@pytest.mark.parametrize(
    ("tail", "reason"),
    [
        (itertools.repeat(bytes(4096)), "malformed WARC record"),
        (itertools.repeat(b"\r\n"), "no WARC record header ends within 65536 bytes"),
    ],
    ids=["zeros", "blank lines"],
)
def test_a_warc_going_on_endlessly_after_its_records_is_an_error(
    tmp_path: Path, compressed: bool, tail: Iterable[bytes], reason: str
) -> None:
    """A whole WARC, then bytes that never end in a line or a record: warcio read on forever."""
    whole = _two_page_archive(tmp_path / "whole.warc.gz")
    fifo = _endless_pipe(
        tmp_path, itertools.chain([whole if compressed else gzip.decompress(whole)], tail)
    )
    pages = iter_archive(fifo)
    assert next(pages).url == "https://news.example.com/story/0"
    with pytest.raises(ArchiveError, match=reason):
        list(pages)


@pytest.mark.timeout(30)
def test_a_record_without_content_length_is_malformed(tmp_path: Path) -> None:
    """WARC requires a record's Content-Length; without one, warcio took all that followed as
    the record's block, and read an endless stream to its end."""
    fifo = _endless_pipe(
        tmp_path,
        itertools.chain(
            [b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Date: 2026-11-20T08:00:00Z\r\n\r\n"],
            itertools.repeat(b"the same tide table, again\n"),
        ),
    )
    with pytest.raises(ArchiveError, match=r"malformed WARC record \(no Content-Length\)"):
        list(iter_archive(fifo))


@pytest.mark.parametrize(
    "start", [b"W", b"warc/", b"WARC/1.1", b"WARC/1.0\r\n", b"WARC/1.1\r\nWARC-Type: resp"]
)
def test_a_file_of_a_records_first_bytes_alone_is_cut_short_at_its_offset(
    tmp_path: Path, start: bytes
) -> None:
    """A file of "WARC/1.0\\r\\n" alone was "the file is empty: no WARC records"."""
    path = tmp_path / "start.warc"
    path.write_bytes(start)
    with pytest.raises(ArchiveError) as cut:
        list(iter_archive(path))
    assert str(cut.value) == (
        f"{path}@0: the file ends inside a record: truncated (a download or copy cut short?)"
    )


@pytest.mark.parametrize("record_type", [b"response", b"request", b"revisit"])
def test_a_record_of_http_headers_without_its_target_uri_says_so(
    tmp_path: Path, record_type: bytes
) -> None:
    """WARC requires a response's WARC-Target-URI: warcio failed without one, and the error
    was "AttributeError: 'NoneType' object has no attribute 'startswith'"."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Harbour lights relit.</p>"
    path = tmp_path / "untargeted.warc"
    path.write_bytes(
        b"WARC/1.0\r\nWARC-Type: %s\r\nWARC-Date: 2026-11-20T08:00:00Z\r\n"
        b"Content-Length: %d\r\n\r\n%s\r\n\r\n" % (record_type, len(http), http)
    )
    with pytest.raises(ArchiveError) as malformed:
        list(iter_archive(path))
    assert str(malformed.value) == (
        f"{path}: malformed WARC record (ArchiveLoadFailed: a {record_type.decode()} record "
        "without WARC-Target-URI)"
    )


def test_archive_path_convention(tmp_path: Path) -> None:
    assert archive_path(tmp_path, "run-7", 3) == tmp_path / "run-7" / "3.warc.gz"
    for run_id, batch in (("../etc", 0), ("run", "a/b"), ("", 1), ("..", 2)):
        with pytest.raises(ValueError, match="unsafe"):
            archive_path(tmp_path, run_id, batch)
