"""What the recognizer reads in one invented sentence, for the entity tests that each pin one
rule: its mentions' kinds and surfaces, or the people or organisations it names."""

from __future__ import annotations

from transform.entities import find_mentions, recognize_entities


def found(text: str, language: str) -> set[tuple[str, str]]:
    """The (kind, surface) of every mention :func:`find_mentions` reads in ``text`` (no title)."""
    return {(m.entity.kind, m.surface) for m in find_mentions("", text, language)}


def people(text: str, language: str) -> list[str]:
    """The names of the people :func:`recognize_entities` reads in ``text`` (no title), in order."""
    return [
        m.entity.name for m in recognize_entities("", text, language) if m.entity.kind == "person"
    ]


def organizations(title: str, text: str, language: str) -> set[str]:
    """The names of the organisations :func:`recognize_entities` reads in ``title`` and
    ``text``."""
    return {
        m.entity.name
        for m in recognize_entities(title, text, language)
        if m.entity.kind == "organization"
    }
