"""The warehouse's errors, apart from :mod:`load.db` so that code reading the warehouse without
SQLAlchemy (:mod:`load.reading`) raises and reports the same ones."""

from __future__ import annotations

from pathlib import Path


class WarehouseError(Exception):
    """Base of every warehouse failure."""


class WarehouseUnavailable(WarehouseError):
    """The warehouse database cannot be reached or opened."""


def missing_sqlite_file(path: str) -> WarehouseUnavailable:
    """The error for a SQLite warehouse file that does not exist (only `db upgrade` creates one),
    or cannot, a file standing where the path needs a directory (`db upgrade` would refuse)."""
    blocking = next((parent for parent in Path(path).parents if parent.is_file()), None)
    if blocking is not None:
        return WarehouseUnavailable(
            f"no warehouse at {path}: {blocking} is a file, not a directory"
        )
    return WarehouseUnavailable(f"no warehouse at {path}: run `wirehouse db upgrade` to create it")


def directory_not_database(safe_url: str, path: str) -> WarehouseUnavailable:
    """The error for a SQLite warehouse path naming a directory (SQLite would only say "unable to
    open database file")."""
    return WarehouseUnavailable(
        f"warehouse unavailable at {safe_url}: {path} is a directory, not a database file"
    )


def unreadable_sqlite_file(safe_url: str, path: str) -> WarehouseUnavailable:
    """The error for a SQLite warehouse file the process may not read (SQLite would only say
    "unable to open database file")."""
    return WarehouseUnavailable(
        f"warehouse unavailable at {safe_url}: permission denied reading {path}"
    )


def wrong_revision(
    safe_url: str, current: str | None, head: str, known: frozenset[str]
) -> WarehouseError:
    """The error for a warehouse whose schema is not at the code's newest revision: `db upgrade`
    migrates one at a revision in ``known``; one at another was migrated by a newer version."""
    if current is not None and current not in known:
        return newer_revision(safe_url, current, head)
    return WarehouseError(
        f"warehouse {safe_url} is at schema revision {current or 'none'}, "
        f"not {head}: run `wirehouse db upgrade`"
    )


def newer_revision(safe_url: str, current: str, head: str) -> WarehouseError:
    """The error for a warehouse at a schema revision the code does not ship (no downgrade)."""
    return WarehouseError(
        f"warehouse {safe_url} is at schema revision {current}, which this Wirehouse does not "
        f"know (its newest is {head}): it was migrated by a newer version, use that one"
    )


__all__ = [
    "WarehouseError",
    "WarehouseUnavailable",
    "directory_not_database",
    "missing_sqlite_file",
    "newer_revision",
    "wrong_revision",
]
