"""Event centroids kept in memory and written back in bounded statements (SQLite and
PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import event, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from load import story_state
from load.models import Event, EventTerm
from load.story_state import EventCentroids, LruCache, insert_rows, read_vectors
from transform.event_scoring import COMMUTE_KM, LINK_SUPPORT


class _CountingConnection:
    """A connection that notes how many rows each writing statement of many rows carried:
    parameter sets, or (story_state.insert_rows on PostgreSQL) arrays of column values, or (on
    SQLite) the driver's tuples. Reads are not counted: an IN-list of ids (story_state.in_list)
    is one list of values too."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self.dialect = connection.dialect
        self.parameter_sets: list[int] = []

    def execute(self, statement, parameters=None):
        if getattr(statement, "is_select", False):
            return self._connection.execute(statement, parameters)
        if isinstance(parameters, list):
            self.parameter_sets.append(len(parameters))
        elif parameters and all(isinstance(v, list) for v in parameters.values()):
            self.parameter_sets.append(len(next(iter(parameters.values()))))
        return self._connection.execute(statement, parameters)

    def exec_driver_sql(self, statement: str, parameters: list[tuple]):
        """story_state.insert_rows on SQLite: one statement of many rows as the driver's tuples."""
        self.parameter_sets.append(len(parameters))
        return self._connection.exec_driver_sql(statement, parameters)


def _stored(session: Session) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    for event_id, term, weight in session.execute(
        select(EventTerm.event_id, EventTerm.term, EventTerm.weight)
    ):
        out.setdefault(event_id, {})[term] = weight
    return out


def test_dirty_centroids_are_written_in_bounded_statements(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(story_state, "_WRITE_ROWS", 4)
    connection = _CountingConnection(session.connection())
    events = [
        session.execute(insert(Event).returning(Event.id), {"title": f"e{i}"}).scalar_one()
        for i in range(3)
    ]
    old = events[0]
    session.execute(
        insert(EventTerm),
        [{"event_id": old, "term": t, "weight": w} for t, w in (("pier", 2.0), ("ferry", 1.0))],
    )
    centroids = EventCentroids(lambda: connection, cached=10)
    # a stored event gains, loses and changes terms; two new events get many terms each
    centroids.add(old, {"ferry": 1.0, "strike": 3.0}, +1.0)
    centroids.add(old, {"pier": 2.0}, -1.0)
    for event_id in events[1:]:
        centroids.create(event_id)
        centroids.add(event_id, {f"t{event_id}-{n}": float(n + 1) for n in range(9)}, +1.0)
    centroids.write()

    assert connection.parameter_sets and max(connection.parameter_sets) <= 4
    assert sum(connection.parameter_sets) == 1 + 1 + 1 + 18  # delete, update, insert, new events
    expected = {
        old: {"ferry": 2.0, "strike": 3.0},
        **{e: {f"t{e}-{n}": float(n + 1) for n in range(9)} for e in events[1:]},
    }
    assert _stored(session) == expected
    assert centroids.dirty == 0
    assert centroids.get(events) == expected  # now clean, served from the cache

    # the next write changes only what changed since
    connection.parameter_sets.clear()
    centroids.add(events[1], {f"t{events[1]}-0": 1.0}, -1.0)
    centroids.write()
    assert connection.parameter_sets == [1]
    del expected[events[1]][f"t{events[1]}-0"]
    assert _stored(session) == expected


def test_vectors_read_back_share_their_term_strings(session: Session) -> None:
    events = [
        session.execute(insert(Event).returning(Event.id), {"title": f"e{i}"}).scalar_one()
        for i in range(2)
    ]
    term = "harbour"  # each row read back is a string object of its own unless interned
    session.execute(
        insert(EventTerm), [{"event_id": e, "term": term, "weight": 1.0} for e in events]
    )
    vectors = read_vectors(
        session.connection(), EventTerm.__table__, "event_id", events, LruCache(10)
    )
    first, second = (next(iter(vectors[e])) for e in events)
    assert first == term and first is second


def test_centroid_roles_follow_every_change_of_the_centroid(session: Session) -> None:
    event_id = session.execute(insert(Event).returning(Event.id), {"title": "e"}).scalar_one()
    centroids = EventCentroids(session.connection, cached=10)
    centroids.create(event_id)
    weight = 0.5
    lead = weight * 3  # an entity named in a title and once more: a main role (main_level)
    centroids.add(event_id, {"p:ada lind": lead, "strike": 2.0}, +1.0)
    assert centroids.roles([event_id], weight, COMMUTE_KM)[event_id].actor == "p:ada lind"
    # a second person outweighs her: the roles read before must not be served again
    centroids.add(event_id, {"p:ben marsh": 2 * lead}, +1.0)
    assert centroids.roles([event_id], weight, COMMUTE_KM)[event_id].actor == "p:ben marsh"
    centroids.add(event_id, {"p:ben marsh": 2 * lead}, -1.0)
    assert centroids.roles([event_id], weight, COMMUTE_KM)[event_id].actor == "p:ada lind"
    centroids.write()  # written and clean: still the same roles
    assert centroids.roles([event_id], weight, COMMUTE_KM)[event_id].people == {"p:ada lind"}
    centroids.delete(event_id)
    assert centroids.roles([event_id], weight, COMMUTE_KM)[event_id].people == frozenset()


def test_rows_are_inserted_in_one_statement_on_postgresql(session: Session) -> None:
    event_id = session.execute(insert(Event).returning(Event.id), {"title": "quay"}).scalar_one()
    connection = session.connection()
    executions: list[bool] = []  # per statement sent: whether it was an executemany

    def note(_conn, _cursor, _statement, _parameters, _context, executemany) -> None:
        executions.append(executemany)

    event.listen(connection, "before_cursor_execute", note)
    try:
        insert_rows(connection, EventTerm.__table__, [])
        assert executions == []  # no rows, no statement (not a row of defaults)
        rows = [{"event_id": event_id, "term": f"dock{n}", "weight": n / 4} for n in range(7)]
        insert_rows(connection, EventTerm.__table__, rows)
    finally:
        event.remove(connection, "before_cursor_execute", note)
    # PostgreSQL: one statement for all of them, not psycopg's statement per row
    postgresql = connection.dialect.name == "postgresql"
    assert executions == ([False] if postgresql else [True])
    assert _stored(session) == {event_id: {f"dock{n}": n / 4 for n in range(7)}}


def test_term_links_need_their_support_and_leave_organizations_out() -> None:
    """Two terms are linked once that many headlines joining an event paired them; an
    organization names a whole beat, not a story, and pairs with nothing."""
    links = story_state.TermLinks(capacity=100)
    headline = {"levee": 3.0, "fennick": 2.0, "o:fennick water": 2.0}
    flood = {"river": 9.0, "levee": 7.0, "o:fennick water": 6.0}
    for _ in range(LINK_SUPPORT - 1):
        links.add(headline, flood)
    assert dict(links.links) == {}
    links.add(headline, flood)
    assert links.links == {
        "levee": {"river": LINK_SUPPORT},
        "fennick": {"river": LINK_SUPPORT, "levee": LINK_SUPPORT},
    }
    links.add(headline, flood)
    assert links.links["levee"]["river"] == LINK_SUPPORT + 1


def test_term_links_pair_the_strongest_terms_a_deployment_sets() -> None:
    """WIREHOUSE_EVENT_LINK_TERMS and WIREHOUSE_EVENT_LINK_SUPPORT reach TermLinks."""
    links = story_state.TermLinks(capacity=100, terms=1, support=1)
    links.add({"levee": 3.0, "fennick": 2.0}, {"river": 9.0, "rain": 1.0})
    assert links.links == {"levee": {"river": 1}}


def test_term_links_forget_pairs_short_of_support_beyond_their_capacity() -> None:
    links = story_state.TermLinks(capacity=2)
    links.add({"levee": 1.0}, {"river": 1.0, "rain": 1.0})
    links.add({"sandbag": 1.0}, {"river": 1.0})  # three pairs waiting: more than two
    for _ in range(LINK_SUPPORT - 1):
        links.add({"levee": 1.0}, {"river": 1.0})
    assert dict(links.links) == {}  # the first pairing was forgotten
    links.add({"levee": 1.0}, {"river": 1.0})
    assert links.links == {"levee": {"river": LINK_SUPPORT}}
