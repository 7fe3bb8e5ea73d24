"""extract.inflate: bounded gzip/deflate decoding, fed whole or in pieces of any size."""

from __future__ import annotations

import gzip
import zlib

import pytest

from extract.inflate import BoundedInflater, InflatedTooLarge, InflateError, inflate

TEXT = b"<feed><entry>first</entry><entry>second</entry></feed>" * 3


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(wbits=-15)
    return packer.compress(data) + packer.flush()


def _in_pieces(body: bytes, encoding: str, limit: int, size: int) -> bytes:
    inflater = BoundedInflater(encoding, limit)
    out = b"".join(inflater.feed(body[i : i + size]) for i in range(0, len(body), size))
    inflater.finish()
    return out


BODIES = {  # named: a gzip header holds the time it was made, so no test id may show its bytes
    "gzip": ("gzip", gzip.compress(TEXT)),
    "x-gzip": ("x-gzip", gzip.compress(TEXT)),
    "two members": ("gzip", gzip.compress(TEXT[:40]) + gzip.compress(TEXT[40:])),
    "many members": ("gzip", b"".join(gzip.compress(TEXT[i : i + 7]) for i in range(0, len(TEXT), 7))),
    "trailing junk": ("gzip", gzip.compress(TEXT) + b"\0\0 trailing junk"),  # ignored, as browsers do
    "one byte after": ("gzip", gzip.compress(TEXT) + b"\x1f"),  # it might have opened a member
    "zlib deflate": ("deflate", zlib.compress(TEXT)),  # RFC 9110's deflate: a zlib stream
    "raw deflate": ("deflate", _raw_deflate(TEXT)),  # what some servers send instead
}


@pytest.mark.parametrize(("encoding", "body"), BODIES.values(), ids=BODIES.keys())
@pytest.mark.parametrize("size", [1, 2, 3, 10, 1_000_000])
def test_every_body_inflates_alike_whatever_the_pieces(encoding: str, body: bytes, size: int):
    assert _in_pieces(body, encoding, len(TEXT), size) == TEXT


@pytest.mark.parametrize("size", [1, 5, 1_000_000])
def test_over_the_limit_stops_there(size: int):
    with pytest.raises(InflatedTooLarge, match="over 100 bytes"):
        _in_pieces(gzip.compress(b"\0" * 10_000_000), "gzip", 100, size)
    with pytest.raises(InflatedTooLarge):  # the limit counts every member, not each
        _in_pieces(gzip.compress(TEXT) * 2, "gzip", len(TEXT) + 1, size)


@pytest.mark.parametrize(
    ("encoding", "body", "why"),
    [
        ("gzip", gzip.compress(TEXT)[:-9], "truncated"),
        ("gzip", gzip.compress(TEXT) + gzip.compress(TEXT)[:12], "truncated"),
        ("gzip", b"\x1f\x8bnot gzip at all", "corrupt"),
        ("gzip", b"plain text sent as gzip", "corrupt"),
        ("deflate", b"neither zlib nor raw deflate \xff\xff\xff", "corrupt"),
    ],
    ids=["cut member", "cut second member", "gzip magic then junk", "not gzip", "not deflate"],
)
def test_a_corrupt_or_cut_body_is_an_error(encoding: str, body: bytes, why: str):
    for size in (1, 1_000_000):
        with pytest.raises(InflateError, match=why):
            _in_pieces(body, encoding, 10_000, size)


def test_no_bytes_at_all_is_an_empty_body():
    assert inflate(b"", "gzip", 10) == b""


def test_many_tiny_members_are_all_read():
    members = gzip.compress(b"x") * 20_000
    assert inflate(members, "gzip", 20_000) == b"x" * 20_000


def test_only_compressed_encodings_are_taken():
    with pytest.raises(ValueError, match="br"):
        BoundedInflater("br", 10)


def test_one_byte_alone_is_cut_short():
    with pytest.raises(InflateError, match="truncated"):
        inflate(b"\x1f", "gzip", 10)
