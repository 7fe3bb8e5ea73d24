"""Bytes to text for fetched documents.

The charset is taken from, in order: a byte-order mark (it cannot lie about itself), the HTTP
``Content-Type`` charset, an XML declaration, an HTML ``<meta charset>`` or ``http-equiv``
declaration in the first 4 KiB, then charset-normalizer's guess. A declared charset that is
unknown or does not decode the body strictly is skipped. The last resort is UTF-8 with
replacement characters, so :func:`decode_text` never raises on bad bytes.

Unsafe declared charsets are refused (taken as unknown): UTF-7, which turns ``+ADw-script+AD4-``
into ``<script>`` and which no browser honours any more, the other stateful encodings browsers
map to "replacement" (HZ, ISO-2022-KR), and Python's non-charset codecs (``unicode_escape``,
``punycode``, ``idna``...) whose decoding of plain ASCII is a program of its own.

A body that is UTF-8 with stray single-byte characters (a template in UTF-8 and a database
field in windows-1252: a mixed-encoding page) is decoded as UTF-8 wherever it is valid and as
windows-1252 elsewhere, instead of mis-decoding its UTF-8 part as a whole.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)[\"']", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_SNIFF_BYTES = 4096

# WHATWG: these labels mean windows-1252 in practice, which is a superset.
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252",
            "us-ascii": "cp1252", "iso8859-1": "cp1252"}


# Codec names (as codecs.lookup gives them) never taken from a declaration: see the docstring.
UNSAFE_CHARSETS = frozenset({
    "utf-7", "hz", "iso2022_kr", "unicode-escape", "raw-unicode-escape", "punycode", "idna",
    "undefined",
})
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def normalize_charset(label: str | None) -> str | None:
    """The Python codec name for a charset label, or None if Python has no such text codec or
    the charset is unsafe (:data:`UNSAFE_CHARSETS`)."""
    if not label:
        return None
    label = label.strip().lower()
    label = _ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    if info.name in UNSAFE_CHARSETS or not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def is_unsafe_charset(label: str | None) -> bool:
    """Whether ``label`` names a codec that exists but must not be used (UTF-7 and the like)."""
    if not label:
        return False
    try:
        return normalize_charset(label) is None and codecs.lookup(label.strip().lower()) is not None
    except LookupError:
        return False


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return chunk.decode("cp1252", "replace"), error.end


codecs.register_error("wirehouse-cp1252", _cp1252_fallback)


def _mixed_utf8(body: bytes) -> str | None:
    """``body`` decoded as UTF-8 with windows-1252 for the bytes that are not, when it holds
    UTF-8 sequences (else it is a legacy single-byte document, for the charset guesser)."""
    if _UTF8_MULTIBYTE.search(body) is None:
        return None
    return body.decode("utf-8", "wirehouse-cp1252")


def bom_charset(body: bytes) -> str | None:
    found = _strip_bom(body)
    return found[1] if found else None


def _strip_bom(body: bytes) -> tuple[bytes, str] | None:
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom):], name
    return None


def http_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _HTTP_CHARSET.search(content_type)
    return match.group(1) if match else None


def declared_charset(body: bytes) -> str | None:
    """The charset an XML declaration or HTML meta tag in the document's head declares."""
    head = body[:_SNIFF_BYTES]
    for pattern in (_XML_DECL, _META_CHARSET):
        match = pattern.search(head)
        if match:
            return match.group(1).decode("ascii", "replace")
    return None


def _strict(body: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_text(body: bytes, content_type: str | None = None) -> str:
    """Decode ``body`` using the best evidence available (see the module docstring)."""
    stripped = _strip_bom(body)
    if stripped is not None:
        rest, codec = stripped
        return rest.decode(codec, "replace")
    for label in (http_charset(content_type), declared_charset(body)):
        text = _strict(body, normalize_charset(label))
        if text is not None:
            return text
    text = _strict(body, "utf-8")
    if text is not None:
        return text
    declared = normalize_charset(http_charset(content_type) or declared_charset(body))
    if declared in (None, "utf-8"):
        text = _mixed_utf8(body)
        if text is not None:
            return text
    best = from_bytes(body).best()
    if best is not None and normalize_charset(best.encoding) is not None:
        return str(best)
    return body.decode("utf-8", "replace")


__all__ = [
    "UNSAFE_CHARSETS",
    "bom_charset",
    "declared_charset",
    "decode_text",
    "http_charset",
    "is_unsafe_charset",
    "normalize_charset",
]
