"""One SQL text for both engines: the dialect differences (date arithmetic) as small macros.

The files in ``sql/`` are plain SQL plus macro calls written ``{{ name(arg, ...) }}``; each
argument is a SQL expression (commas inside parentheses or quotes do not split). :func:`render`
replaces every call by the SQL of the engine in use:

* ``{{ utc_day(ts) }}``: the UTC calendar day of timestamp ``ts``;
* ``{{ hours_between(later, earlier) }}``: exact hours from ``earlier`` to ``later``, a float
  (millisecond precision on SQLite, microsecond on PostgreSQL);
* ``{{ now() }}``: the current time (UTC);
* ``{{ days_ago(n) }}``: the current time minus ``n`` days (``n`` an integer literal).

Run ``python -m load.sqlgen FILE DIALECT`` to print a file rendered for ``sqlite`` or
``postgresql``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

DIALECTS = ("sqlite", "postgresql")
# On SQLite, timestamps are text 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC); '%f' gives seconds with
# milliseconds, so generated times compare correctly against stored ones.
_SQLITE_TS = "'%Y-%m-%d %H:%M:%f'"


class SQLTemplateError(ValueError):
    """A macro call that is unknown, malformed or given the wrong number of arguments."""


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError as exc:
        raise SQLTemplateError(f"expected an integer literal, got {value!r}") from exc


_MACROS: dict[str, dict[str, Callable[..., str]]] = {
    "utc_day": {
        "sqlite": lambda ts: f"date({ts})",
        "postgresql": lambda ts: f"(({ts}) AT TIME ZONE 'UTC')::date",
    },
    "hours_between": {
        # julianday is a double (about 40 us of resolution now); rounding to whole milliseconds
        # before dividing gives exactly what PostgreSQL's exact interval arithmetic gives.
        "sqlite": lambda later, earlier: (
            f"(ROUND((julianday({later}) - julianday({earlier})) * 86400000.0) / 3600000.0)"
        ),
        "postgresql": lambda later, earlier: (
            f"CAST(EXTRACT(EPOCH FROM (({later}) - ({earlier}))) / 3600 AS FLOAT)"
        ),
    },
    "now": {
        "sqlite": lambda: f"strftime({_SQLITE_TS}, 'now')",
        "postgresql": lambda: "now()",
    },
    "days_ago": {
        "sqlite": lambda n: f"strftime({_SQLITE_TS}, 'now', '-{_int(n)} days')",
        "postgresql": lambda n: f"(now() - INTERVAL '{_int(n)} days')",
    },
}
_CALL = re.compile(r"\{\{\s*(\w+)\s*\(")


def _split_args(text: str, start: int) -> tuple[list[str], int]:
    """The comma-separated arguments from ``start`` (just after the opening parenthesis) to the
    matching closing one, and the index after it."""
    args: list[str] = []
    depth, quote, current = 0, False, start
    for index in range(start, len(text)):
        char = text[index]
        if char == "'":
            quote = not quote
        elif quote:
            continue
        elif char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif char == ")":
            last = text[current:index].strip()
            if last or args:
                args.append(last)
            return args, index + 1
        elif char == "," and depth == 0:
            args.append(text[current:index].strip())
            current = index + 1
    raise SQLTemplateError("unclosed macro call")


def render(template: str, dialect: str) -> str:
    """``template`` with every ``{{ macro(...) }}`` replaced by ``dialect``'s SQL."""
    if dialect not in DIALECTS:
        raise SQLTemplateError(f"unknown SQL dialect {dialect!r} (known: {', '.join(DIALECTS)})")
    out: list[str] = []
    position = 0
    while match := _CALL.search(template, position):
        name = match.group(1)
        if name not in _MACROS:
            raise SQLTemplateError(f"unknown SQL macro {name!r}")
        args, after = _split_args(template, match.end())
        close = re.compile(r"\s*\}\}").match(template, after)
        if close is None:
            raise SQLTemplateError(f"macro {name!r} is not closed with '}}}}'")
        try:
            sql = _MACROS[name][dialect](*args)
        except TypeError as exc:
            raise SQLTemplateError(f"macro {name!r} given {len(args)} argument(s)") from exc
        out += [template[position : match.start()], sql]
        position = close.end()
    out.append(template[position:])
    return "".join(out)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m load.sqlgen FILE sqlite|postgresql", file=sys.stderr)
        return 2
    path, dialect = argv
    try:
        with open(path, encoding="utf-8") as handle:
            print(render(handle.read(), dialect), end="")
    except (OSError, SQLTemplateError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
