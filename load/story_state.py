"""Clustering state read once per run, changed in memory, written back in bulk.

Every new original article changes the document frequency of its terms and the centroid of
its event. Writing those rows per article would cost a statement or two per term; instead the
run keeps them in memory and writes each changed row once (at the run's end, or when too many
event centroids are waiting), always inside the caller's transaction. The run is the only
writer of these tables while it holds the run lock, so what it keeps in memory stays true.
"""

from __future__ import annotations

import functools
import sys
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Generic, TypeVar

from sqlalchemy import BindParameter, Select, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Connection

from load.models import EventTerm, TermStat
from transform import event_scoring as scoring
from transform import events as ev

CHUNK = 500  # bound on IN-list sizes
_ZERO = 1e-9  # centroid weights at or below this are removed rows
_WRITE_ROWS = 5000  # centroid rows per executemany when dirty centroids are written

K = TypeVar("K")
V = TypeVar("V")


class StoryError(RuntimeError):
    """The clustering state is inconsistent (e.g. an original without an event)."""


def chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class LruCache(Generic[K, V]):
    """A small least-recently-used map."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.data: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self.data.get(key)
        if value is not None:
            self.data.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self.data[key] = value
        self.data.move_to_end(key)
        if len(self.data) > self.capacity:
            self.data.popitem(last=False)

    def drop(self, key: K) -> None:
        self.data.pop(key, None)


def insert_rows(connection: Connection, table: Table, rows: list[dict]) -> None:
    """Insert ``rows`` (dicts of the same columns) in their order. On PostgreSQL, one
    ``INSERT .. SELECT unnest(..)`` with an array per column: psycopg's executemany sends,
    and the server runs, a statement per row, while this statement's text is the same for
    any number of rows (psycopg converts it once, the server prepares it once)."""
    if not rows:  # an empty executemany would insert one row of defaults
        return
    if connection.dialect.name == "sqlite":
        _insert_sqlite(connection, table, rows)
        return
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    columns = list(rows[0])
    arrays = select(
        *(
            func.unnest(bindparam(f"{name}_values", type_=ARRAY(table.c[name].type)))
            for name in columns
        )
    )
    connection.execute(
        insert(table).from_select(columns, arrays),
        {f"{name}_values": [row[name] for row in rows] for name in columns},
    )


def _insert_sqlite(connection: Connection, table: Table, rows: list[dict]) -> None:
    """SQLite: the rows as the driver's tuples, each value through its column type's bind
    processor, as ``execute(insert(table), rows)`` would send them, without that call's
    parameter dict per row (a tenth of the story step's time went there). A table with a
    default for a column the rows lack is inserted the ordinary way (its defaults apply)."""
    columns = list(rows[0])
    if any(
        column.default is not None or column.server_default is not None
        for column in table.c
        if column.name not in rows[0]
    ):
        connection.execute(insert(table), rows)
        return
    dialect = connection.dialect
    pairs = [
        (name, table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) for name in columns
    ]
    quote = dialect.identifier_preparer.quote
    statement = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in columns)}) "
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    values = [
        tuple(row[name] if process is None else process(row[name]) for name, process in pairs)
        for row in rows
    ]
    connection.exec_driver_sql(statement, values)


def in_list(name: str) -> BindParameter:
    """The parameter ``name`` of an IN list: a statement written with it is built (and keyed
    for SQLAlchemy's compiled cache) once, not again for every list of values."""
    return bindparam(name, expanding=True)


@functools.cache
def _vectors_query(table: Table, owner: str) -> Select:
    column = table.c[owner]
    return select(column, table.c.term, table.c.weight).where(column.in_(in_list("ids")))


_COUNTS_QUERY = select(TermStat.term, TermStat.document_count).where(
    TermStat.term.in_(in_list("terms"))
)


def read_vectors(
    connection: Connection, table: Table, owner: str, ids: list[int], cache: LruCache
) -> dict[int, dict[str, float]]:
    """Term vectors (``term`` -> ``weight`` rows of ``table``) by ``owner`` id, one query per
    chunk, each put in ``cache``; an id without rows maps to ``{}``. Terms are interned: the
    cached vectors of a run share one string per term instead of one per row read."""
    out: dict[int, dict[str, float]] = {}
    query = _vectors_query(table, owner)
    for chunk in chunks(ids):
        fetched: dict[int, dict[str, float]] = {i: {} for i in chunk}
        # fetched at once: a row at a time costs a driver call per row
        rows = connection.execute(query, {"ids": chunk}).all()
        for owner_id, term, weight in rows:
            fetched[owner_id][sys.intern(term)] = weight
        for owner_id, vector in fetched.items():
            cache.put(owner_id, vector)
        out.update(fetched)
    return out


class DocumentFrequencies:
    """How many original articles hold each term (``term_stats``), counted in memory."""

    def __init__(self, connection: Callable[[], Connection]) -> None:
        self._connection = connection
        self._stored: dict[str, int | None] = {}  # the row's value when read; None: no row
        self.counts: dict[str, int] = {}  # current counts of every term read so far
        self.changes = 0  # calls of add so far: what was worked out from counts holds till then

    def ensure(self, terms: Iterable[str]) -> None:
        """Read the counts of ``terms`` not read yet (one query per chunk)."""
        missing = sorted({t for t in terms if t not in self.counts})
        for chunk in chunks(missing):
            rows = dict(self._connection().execute(_COUNTS_QUERY, {"terms": chunk}).all())
            for term in chunk:
                stored = rows.get(term)
                self._stored[term] = stored
                self.counts[term] = stored or 0

    def add(self, terms: Iterable[str], delta: int) -> None:
        terms = list(terms)
        self.ensure(terms)
        self.changes += 1
        for term in terms:
            value = self.counts[term] + delta
            if value < 0:
                raise StoryError(f"document count of {term!r} would drop below zero")
            self.counts[term] = value

    def write(self) -> None:
        """Write every count that changed since it was read."""
        fresh: list[dict] = []
        by_delta: dict[int, list[str]] = defaultdict(list)
        for term, value in self.counts.items():
            stored = self._stored[term]
            if stored is None:
                if value:
                    fresh.append({"term": term, "document_count": value})
            elif value != stored:
                by_delta[value - stored].append(term)
        connection = self._connection()
        insert_rows(connection, TermStat.__table__, fresh)
        for delta, terms in by_delta.items():  # one statement per distinct change and chunk
            for chunk in chunks(terms):
                connection.execute(
                    update(TermStat.__table__)
                    .where(TermStat.term.in_(chunk))
                    .values(document_count=TermStat.document_count + delta)
                )
        for term, value in self.counts.items():
            if value or self._stored[term] is not None:
                self._stored[term] = value  # the row now exists and holds this value


class TermLinks:
    """Which terms the run has seen in one event: each headline that joins an event pairs its
    ``terms`` strongest raw terms with the event's (its
    centroid with the headline in it), role-only terms left out as in every IDF-weighted
    vector. A pair that ``support`` joins made is a link
    (``links``, read by :func:`transform.event_scoring.linked_terms`); pairs seen fewer times
    are counted apart, and dropped once more than ``capacity`` of them wait (a link needs
    its support again after that): a run's memory grows with its links only, not with every
    pair it has seen once."""

    def __init__(
        self, capacity: int, terms: int = scoring.LINK_TERMS, support: int = scoring.LINK_SUPPORT
    ) -> None:
        self.capacity = capacity
        self.terms = terms
        self.support = support
        self.links: dict[str, dict[str, int]] = defaultdict(dict)
        self._waiting: dict[tuple[str, str], int] = {}

    def add(self, terms: Mapping[str, float], centroid: Mapping[str, float]) -> None:
        mine, theirs = (
            [t for t in ev.strongest(side, self.terms) if not t.startswith(ev.ROLE_ONLY_PREFIXES)]
            for side in (terms, centroid)
        )
        for term in mine:
            row = self.links.get(term)
            for other in theirs:
                if term == other:
                    continue
                if row is not None and other in row:
                    row[other] += 1
                    continue
                seen = self._waiting.get((term, other), 0) + 1
                if seen < self.support:
                    self._waiting[(term, other)] = seen
                    continue
                self._waiting.pop((term, other), None)
                row = self.links[term]
                row[other] = seen
        if len(self._waiting) > self.capacity:
            self._waiting.clear()


class EventCentroids:
    """Raw term centroids (no IDF) of events: the sum of their originals' term frequencies.

    Clean centroids sit in a bounded cache; changed ones are held until :meth:`write`, which
    updates, inserts and deletes exactly the ``event_terms`` rows that changed.
    """

    def __init__(self, connection: Callable[[], Connection], cached: int) -> None:
        self._connection = connection
        self._clean: LruCache[int, dict[str, float]] = LruCache(cached)
        self._dirty: dict[int, dict[str, float]] = {}
        self._stored_terms: dict[int, set[str]] = {}  # of dirty events: terms that have a row
        self._changed_terms: dict[int, set[str]] = {}
        # Who and where of each centroid, read off all its terms: kept until the centroid
        # changes, so an event scored again and again is not scanned again and again.
        self._roles: LruCache[int, scoring.Roles] = LruCache(cached)

    @property
    def dirty(self) -> int:
        return len(self._dirty)

    def get(self, event_ids: Iterable[int]) -> dict[int, dict[str, float]]:
        """Centroids by event id; an event without terms maps to ``{}``."""
        out: dict[int, dict[str, float]] = {}
        missing = []
        for event_id in event_ids:
            centroid = self._dirty.get(event_id)
            if centroid is None:
                centroid = self._clean.get(event_id)
            if centroid is None:
                missing.append(event_id)
            else:
                out[event_id] = centroid
        out.update(
            read_vectors(self._connection(), EventTerm.__table__, "event_id", missing, self._clean)
        )
        return out

    def roles(
        self, event_ids: Iterable[int], weight: float, commute_km: float
    ) -> dict[int, scoring.Roles]:
        """:func:`transform.event_scoring.roles` of each event's centroid (``weight``: the
        entity weight of the vectors, ``commute_km``: the policy's)."""
        event_ids = list(event_ids)
        out = {e: r for e in event_ids if (r := self._roles.get(e)) is not None}
        missing = [e for e in event_ids if e not in out]
        for event_id, centroid in self.get(missing).items():
            out[event_id] = scoring.roles(centroid, weight, commute_km)
            self._roles.put(event_id, out[event_id])
        return out

    def create(self, event_id: int) -> None:
        """Start the (empty) centroid of an event inserted in this run."""
        self._dirty[event_id] = {}
        self._stored_terms[event_id] = set()
        self._changed_terms[event_id] = set()

    def add(self, event_id: int, frequencies: Mapping[str, float], sign: float) -> None:
        """Add (``sign`` +1) or subtract (-1) term frequencies to an event's centroid."""
        if not frequencies:
            return
        self._roles.drop(event_id)
        centroid = self._dirty.get(event_id)
        if centroid is None:
            centroid = self.get([event_id])[event_id]
            self._clean.drop(event_id)
            self._dirty[event_id] = centroid
            self._stored_terms[event_id] = set(centroid)
            self._changed_terms[event_id] = set()
        for term, weight in frequencies.items():
            value = centroid.get(term, 0.0) + sign * weight
            if value > _ZERO:
                centroid[term] = value
            else:
                centroid.pop(term, None)
        self._changed_terms[event_id].update(frequencies)

    def delete(self, event_id: int) -> None:
        """Remove an event's centroid, rows included (the event is going away)."""
        self._clean.drop(event_id)
        self._roles.drop(event_id)
        self._dirty.pop(event_id, None)
        self._stored_terms.pop(event_id, None)
        self._changed_terms.pop(event_id, None)
        self._connection().execute(
            delete(EventTerm.__table__).where(EventTerm.event_id == event_id)
        )

    def write(self) -> None:
        """Write the changed rows of every dirty centroid, at most ``_WRITE_ROWS`` rows per
        statement (a mid-run write covers thousands of events: their parameter lists whole
        would be the story stage's largest allocation); they become clean."""
        table = EventTerm.__table__
        row = (table.c.event_id == bindparam("e")) & (table.c.term == bindparam("t"))
        statements = {
            "delete": delete(table).where(row),
            "update": update(table).where(row).values(weight=bindparam("w")),
        }
        waiting: dict[str, list[dict]] = {kind: [] for kind in (*statements, "insert")}
        connection = self._connection()

        def execute(kind: str) -> None:
            if kind == "insert":
                insert_rows(connection, table, waiting[kind])
            elif waiting[kind]:
                connection.execute(statements[kind], waiting[kind])
            waiting[kind] = []

        # Each (event, term) row changes at most once here, so the statements commute.
        for event_id, centroid in self._dirty.items():
            stored = self._stored_terms[event_id]
            for term in self._changed_terms[event_id]:
                weight = centroid.get(term)
                if term in stored and weight is None:
                    kind, parameters = "delete", {"e": event_id, "t": term}
                elif term in stored:
                    kind, parameters = "update", {"e": event_id, "t": term, "w": weight}
                elif weight is not None:
                    kind, parameters = (
                        "insert",
                        {"event_id": event_id, "term": term, "weight": weight},
                    )
                else:
                    continue
                waiting[kind].append(parameters)
                if len(waiting[kind]) >= _WRITE_ROWS:
                    execute(kind)
        for kind in waiting:
            execute(kind)
        for event_id, centroid in self._dirty.items():
            self._clean.put(event_id, centroid)
        self._dirty.clear()
        self._stored_terms.clear()
        self._changed_terms.clear()


__all__ = [
    "CHUNK",
    "DocumentFrequencies",
    "EventCentroids",
    "LruCache",
    "StoryError",
    "TermLinks",
    "chunks",
    "insert_rows",
    "read_vectors",
]
