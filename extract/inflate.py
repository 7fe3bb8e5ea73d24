"""Bounded inflation of an HTTP body's Content-Encoding (gzip or deflate).

The fetcher inflates a response as it streams in; the push receiver inflates a whole pushed
body. Both go through :class:`BoundedInflater`, so both share the same rules:

* never more than ``limit`` bytes come out, however small the compressed input (a compression
  bomb stops at the limit with :class:`InflatedTooLarge`);
* a gzip body may hold several members one after the other (RFC 1952): all are inflated; bytes
  after the last member that do not open another are ignored, as browsers do;
* ``deflate`` is a zlib stream, or a raw deflate stream as some servers send it;
* a body that stops inside a member is truncated (:class:`InflateError`); a body of no bytes
  at all is empty, not truncated (a redirect or an empty reply may carry the header).
"""

from __future__ import annotations

import zlib

ENCODINGS = frozenset({"gzip", "x-gzip", "deflate"})

# Compressed bytes handed to zlib at a time: what follows a member's end is copied when the
# member ends, so a body of many tiny members fed whole would cost its length again for each.
_STEP = 1024
_GZIP_MAGIC = b"\x1f\x8b"


class InflateError(ValueError):
    """The compressed body is corrupt or stops inside a member."""


class InflatedTooLarge(ValueError):
    """The body inflates to more than the limit."""


class BoundedInflater:
    """Incremental decoder of one body: :meth:`feed` the compressed bytes as they come (each call
    returns what they inflate to), then :meth:`finish`."""

    def __init__(self, encoding: str, limit: int) -> None:
        if encoding not in ENCODINGS:
            raise ValueError(f"not a compressed Content-Encoding: {encoding!r}")
        self._gzip = encoding != "deflate"
        self._wbits = 31 if self._gzip else 47  # 47: a zlib or a gzip header
        self._inflater = zlib.decompressobj(self._wbits)
        self._limit = limit
        self._produced = 0
        self._started = False  # zlib took the first bytes (or the raw-deflate retry began)
        self._ended = False  # the last member ended and what followed opens none
        self._between = False  # a member ended: what follows may open another
        self._carry = b""  # a feed's last byte, too short to judge a header by

    def feed(self, data: bytes) -> bytes:
        if self._carry:
            data, self._carry = self._carry + data, b""
        out = bytearray()
        view = memoryview(data)
        offset = 0
        while offset < len(view) and not self._ended:
            if self._between:
                following = view[offset : offset + 2]
                if len(following) < 2:
                    self._carry = bytes(following)
                    break
                if following != _GZIP_MAGIC:
                    self._ended = True
                    break
                self._inflater, self._between = zlib.decompressobj(self._wbits), False
            elif not self._started and len(view) - offset < 2:
                self._carry = bytes(view[offset:])  # a header is judged on two bytes at least
                break
            piece = view[offset : offset + _STEP]
            try:
                out += self._inflater.decompress(piece, self._limit + 1 - self._produced - len(out))
            except zlib.error as exc:
                if self._started or self._gzip:
                    raise InflateError(f"corrupt compressed body ({exc})") from None
                self._inflater, self._wbits = zlib.decompressobj(-15), -15  # raw deflate
                self._started = True
                continue
            self._started = True
            if self._produced + len(out) > self._limit:
                raise InflatedTooLarge(f"inflated body over {self._limit} bytes")
            offset += len(piece)
            if self._inflater.eof:
                offset -= len(self._inflater.unused_data)
                self._between = True
        self._produced += len(out)
        return bytes(out)

    def finish(self) -> None:
        """Say the body is over: :class:`InflateError` if it stopped inside a member (every
        byte it inflated to has already come out of :meth:`feed`)."""
        cut_in_header = self._carry and not self._started
        cut_in_member = self._started and not (self._ended or self._between)
        if cut_in_header or cut_in_member:
            raise InflateError("truncated compressed body")


def inflate(body: bytes, encoding: str, limit: int) -> bytes:
    """``body`` (whole) decoded from its Content-Encoding (``encoding`` in :data:`ENCODINGS`),
    at most ``limit`` bytes."""
    inflater = BoundedInflater(encoding, limit)
    inflated = inflater.feed(body)
    inflater.finish()
    return inflated
