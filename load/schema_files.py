"""What the code ships about the warehouse's schema, read without SQLAlchemy or Alembic: the
newest migration revision and the SQL files of ``sql/`` rendered for an engine."""

from __future__ import annotations

import re
from pathlib import Path

from load import sqlgen
from load.errors import WarehouseError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
# An unindented assignment's target name, annotated or not ("revision: str = ...").
_ASSIGNED = re.compile(r"([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)")
# The whole of such a line when it assigns None or a string without escapes, and perhaps ends in
# a comment: how a migration names its revisions.
_PLAIN_ASSIGNMENT = re.compile(
    r"""([A-Za-z_]\w*)\s*(?::[^=]*)?=\s*(None|"[^"\\\n]*"|'[^'\\\n]*')\s*(?:#.*)?"""
)


def sql_text(kind: str, name: str, dialect: str) -> str:
    """The SQL of ``sql/<kind>/<name>.sql`` rendered for ``dialect`` (see :mod:`load.sqlgen`)."""
    path = SQL_DIR / kind / f"{name}.sql"
    if not path.is_file():
        raise WarehouseError(f"no SQL for {kind}/{name} in {path.parent}")
    return sqlgen.render(path.read_text(encoding="utf-8"), dialect)


def head_revision() -> str:
    """The newest migration revision shipped with the code: the one no other revises.

    Read from the ``revision`` and ``down_revision`` assignments of the migration files, as
    Alembic reads them, without importing Alembic (tests/test_warehouse_db.py compares the two).
    """
    revisions = _revision_links()
    heads = set(revisions) - set(revisions.values())
    if len(heads) != 1:
        raise WarehouseError(
            f"expected one newest migration in {MIGRATIONS_DIR}, found {sorted(heads) or 'none'}"
        )
    return heads.pop()


def known_revisions() -> frozenset[str]:
    """Every migration revision shipped with the code (a warehouse at another one was migrated
    by a newer version)."""
    return frozenset(_revision_links())


def _revision_links() -> dict[str, str | None]:
    """Each migration's revision -> the revision it follows (None for the first)."""
    revisions: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        values = _module_constants(path, ("revision", "down_revision"))
        if isinstance(values.get("revision"), str):
            revisions[values["revision"]] = values.get("down_revision")
    return revisions


def _module_constants(path: Path, names: tuple[str, ...]) -> dict[str, object]:
    """The literal values assigned to ``names`` at the top level of a Python file.

    Only the file's unindented lines that assign one of ``names`` are read: parsing the whole
    file was most of the time reading commands spent on the revision check. Lines that assign
    None or a plain string are read as they are (importing :mod:`ast` was a tenth of what a
    reading command added to the interpreter's start-up); others are parsed, and when they do
    not parse alone (a statement spread over lines), the whole file is.
    """
    source = path.read_text(encoding="utf-8")
    lines = [
        line
        for line in source.splitlines()
        if (assigned := _ASSIGNED.match(line)) and assigned[1] in names
    ]
    plain = [_PLAIN_ASSIGNMENT.fullmatch(line) for line in lines]
    if all(plain):
        return {match[1]: None if match[2] == "None" else match[2][1:-1] for match in plain}
    import ast

    assignments = "\n".join(lines)
    try:
        tree = ast.parse(assignments)
    except SyntaxError:
        tree = ast.parse(source)
    found: dict[str, object] = {}
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id in names and node.value is not None:
            found[target.id] = ast.literal_eval(node.value)
    return found


__all__ = ["MIGRATIONS_DIR", "SQL_DIR", "head_revision", "known_revisions", "sql_text"]
