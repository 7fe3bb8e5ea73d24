"""The warehouse's errors, apart from :mod:`load.db` so that code reading the warehouse without
SQLAlchemy (:mod:`load.reading`) raises and reports the same ones."""

from __future__ import annotations


class WarehouseError(Exception):
    """Base of every warehouse failure."""


class WarehouseUnavailable(WarehouseError):
    """The warehouse database cannot be reached or opened."""


def missing_sqlite_file(path: str) -> WarehouseUnavailable:
    """The error for a SQLite warehouse file that does not exist (only `db upgrade` creates one)."""
    return WarehouseUnavailable(f"no warehouse at {path}: run `wirehouse db upgrade` to create it")


def wrong_revision(safe_url: str, current: str | None, head: str) -> WarehouseError:
    """The error for a warehouse whose schema is not at the code's newest revision."""
    return WarehouseError(
        f"warehouse {safe_url} is at schema revision {current or 'none'}, "
        f"not {head}: run `wirehouse db upgrade`"
    )


__all__ = ["WarehouseError", "WarehouseUnavailable", "missing_sqlite_file", "wrong_revision"]
