"""What the recognizer reads in one invented sentence, for the entity tests that each pin one
rule: its mentions' kinds and surfaces."""

from __future__ import annotations

from transform.entities import find_mentions


def found(text: str, language: str) -> set[tuple[str, str]]:
    """The (kind, surface) of every mention :func:`find_mentions` reads in ``text`` (no title)."""
    return {(m.entity.kind, m.surface) for m in find_mentions("", text, language)}
