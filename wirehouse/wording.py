"""Counts in words for what people read: "1 feed", "2 feeds" (never "1 feeds")."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str = "") -> str:
    """``count`` and ``noun``, in the plural (``plural``, else ``noun`` + "s") unless it is 1."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
