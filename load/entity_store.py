"""Storing who and where: ``entities``, ``article_entities`` and ``event_entities``.

Idempotent: storing the same article's entities again changes no row, and event rows are
always recomputed from ``article_entities`` and the current ``event_articles`` membership, so
they stay right through merges, re-clustering and reprocessing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import Connection, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from load.db import WarehouseError
from load.models import ArticleEntity, EventArticle, EventEntity, NamedEntity
from transform.entities import Entity, EntityMention

ENTITIES = NamedEntity.__table__
ARTICLE_ENTITIES = ArticleEntity.__table__
EVENT_ENTITIES = EventEntity.__table__
MEMBERS = EventArticle.__table__
ENTITY_KINDS = ("person", "organization", "place", "vessel")
CHUNK = 500  # ids per IN (...) list: well under SQLite's bound-parameter limit
_NAME_WIDTH = ENTITIES.c.name.type.length or 300
_KEY_WIDTH = ENTITIES.c.key.type.length or 400


def _chunks(items: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert(connection: Connection):
    dialect = connection.dialect.name
    if dialect == "postgresql":
        return postgresql.insert(ENTITIES)
    if dialect == "sqlite":
        return sqlite.insert(ENTITIES)
    raise WarehouseError(f"unsupported warehouse dialect {dialect!r}")


def upsert_entities(connection: Connection, entities: Iterable[Entity]) -> dict[str, int]:
    """Ids of ``entities`` by key, inserting those not stored yet (in key order, so concurrent
    loaders never wait on each other in a cycle). A stored entity keeps its row as it is."""
    by_key: dict[str, Entity] = {}
    for entity in entities:
        if len(entity.key) > _KEY_WIDTH:
            continue  # a runaway name: no entity worth a row
        by_key.setdefault(entity.key, entity)
    ids: dict[str, int] = {}
    for chunk in _chunks(sorted(by_key)):
        rows = [
            {
                "kind": by_key[key].kind,
                "name": by_key[key].name[:_NAME_WIDTH],
                "key": key,
                "country_code": by_key[key].country_code,
                "lat": by_key[key].lat,
                "lon": by_key[key].lon,
            }
            for key in chunk
        ]
        connection.execute(_insert(connection).on_conflict_do_nothing(index_elements=["key"]), rows)
        ids.update(
            connection.execute(
                select(ENTITIES.c.key, ENTITIES.c.id).where(ENTITIES.c.key.in_(chunk))
            ).all()
        )
    return ids


def store_article_entities(
    session: Session, found: Mapping[int, Sequence[EntityMention]]
) -> set[int]:
    """Make ``article_entities`` hold exactly ``found`` for each article id given; returns the
    ids whose rows changed. The events of those articles get their ``event_entities`` again."""
    connection = session.connection()
    ids = upsert_entities(connection, (m.entity for ms in found.values() for m in ms))
    wanted: dict[int, dict[int, tuple[int, bool]]] = {}
    for article_id, mentions in found.items():
        rows: dict[int, tuple[int, bool]] = {}
        for mention in mentions:
            entity_id = ids.get(mention.entity.key)
            if entity_id is not None:
                rows[entity_id] = (mention.mentions, mention.in_title)
        wanted[article_id] = rows
    changed: set[int] = set()
    for chunk in _chunks(sorted(wanted)):
        held: dict[int, dict[int, tuple[int, bool]]] = {article_id: {} for article_id in chunk}
        for row in connection.execute(
            select(ARTICLE_ENTITIES).where(ARTICLE_ENTITIES.c.article_id.in_(chunk))
        ):
            held[row.article_id][row.entity_id] = (row.mentions, bool(row.in_title))
        stale = [article_id for article_id in chunk if held[article_id] != wanted[article_id]]
        if not stale:
            continue
        changed.update(stale)
        connection.execute(delete(ARTICLE_ENTITIES).where(ARTICLE_ENTITIES.c.article_id.in_(stale)))
        rows = [
            {"article_id": a, "entity_id": e, "mentions": count, "in_title": title}
            for a in stale
            for e, (count, title) in sorted(wanted[a].items())
        ]
        if rows:
            connection.execute(insert(ARTICLE_ENTITIES), rows)
    if changed:
        refresh_event_entities(connection, events_of(connection, sorted(changed)))
    return changed


def events_of(connection: Connection, article_ids: Sequence[int]) -> list[int]:
    """The events the articles belong to."""
    events: set[int] = set()
    for chunk in _chunks(article_ids):
        events.update(
            connection.scalars(
                select(MEMBERS.c.event_id).where(MEMBERS.c.article_id.in_(chunk)).distinct()
            )
        )
    return sorted(events)


def refresh_event_entities(connection: Connection, event_ids: Iterable[int]) -> None:
    """Recompute ``event_entities`` of the events from ``article_entities`` and the current
    article -> event mapping; an event that no longer exists (merged away) keeps no row."""
    ordered = sorted(set(event_ids))
    for chunk in _chunks(ordered):
        connection.execute(delete(EVENT_ENTITIES).where(EVENT_ENTITIES.c.event_id.in_(chunk)))
        counted = (
            select(
                MEMBERS.c.event_id,
                ARTICLE_ENTITIES.c.entity_id,
                func.count().label("articles"),
            )
            .join(ARTICLE_ENTITIES, ARTICLE_ENTITIES.c.article_id == MEMBERS.c.article_id)
            .where(MEMBERS.c.event_id.in_(chunk))
            .group_by(MEMBERS.c.event_id, ARTICLE_ENTITIES.c.entity_id)
        )
        connection.execute(
            insert(EVENT_ENTITIES).from_select(["event_id", "entity_id", "articles"], counted)
        )


def _ranked_event_entities(
    connection: Connection, event_ids: Iterable[int], kinds: Sequence[str], per_kind: int
) -> dict[int, list[tuple[str, str, int]]]:
    """Per event, ``(kind, name, articles)`` of the entities its articles name most, at most
    ``per_kind`` of each kind in ``kinds``: most articles first, then by name (and id). One
    bounded read per chunk of events, however many entities an event's articles name."""
    x, e = EVENT_ENTITIES.c, ENTITIES.c
    out: dict[int, list[tuple[str, str, int]]] = {}
    for chunk in _chunks(sorted(set(event_ids))):
        ranked = (
            select(
                x.event_id,
                e.kind,
                e.name,
                x.articles,
                func.row_number()
                .over(partition_by=(x.event_id, e.kind), order_by=(x.articles.desc(), e.name, e.id))
                .label("rank"),
            )
            .join(ENTITIES, e.id == x.entity_id)
            .where(x.event_id.in_(chunk), e.kind.in_(list(kinds)))
            .subquery()
        )
        rows = connection.execute(
            select(ranked.c.event_id, ranked.c.kind, ranked.c.name, ranked.c.articles)
            .where(ranked.c.rank <= per_kind)
            .order_by(ranked.c.event_id, ranked.c.articles.desc(), ranked.c.name, ranked.c.rank)
        )
        for event_id, kind, name, articles in rows:
            out.setdefault(event_id, []).append((kind, name, articles))
    return out


def event_top_entities(
    connection: Connection, event_ids: Iterable[int], per_kind: int = 3
) -> dict[int, dict[str, list[str]]]:
    """The names each event's articles name most, per kind (person, organization, place, vessel):
    at most ``per_kind`` of each, most articles first, then by name. For readable events."""
    top: dict[int, dict[str, list[str]]] = {}
    ranked = _ranked_event_entities(connection, event_ids, ENTITY_KINDS, per_kind)
    for event_id, entities in ranked.items():
        for kind, name, _ in entities:
            names = top.setdefault(event_id, {}).setdefault(kind, [])
            if name not in names:
                names.append(name)
    return top


def event_top_names(
    connection: Connection, event_ids: Iterable[int], kinds: Sequence[str], count: int
) -> dict[int, list[str]]:
    """Per event, the ``count`` names of the kinds given that most of its articles name,
    whatever their kind (most articles first, then by name); an event naming none is absent."""
    top: dict[int, list[str]] = {}
    for event_id, entities in _ranked_event_entities(connection, event_ids, kinds, count).items():
        names = top.setdefault(event_id, [])
        for _, name, _ in entities:  # already in rank order across the kinds
            if name not in names and len(names) < count:
                names.append(name)
    return top
