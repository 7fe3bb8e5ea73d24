"""Wording for what people read: counts ("1 feed", "2 feeds", never "1 feeds"), and a feed's
error on a line that names the feed already."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str = "") -> str:
    """``count`` and ``noun``, in the plural (``plural``, else ``noun`` + "s") unless it is 1."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def without_url(error: str, url: str) -> str:
    """A feed's error without the feed's own URL after it ("HTTP 500 (URL)"), which the line
    names already; another URL (a redirect's hop) is kept."""
    return error.removesuffix(f" ({url})")
