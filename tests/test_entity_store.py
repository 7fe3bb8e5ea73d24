"""Storing entities per article and per event, their views and queries, and migration 0005
(SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from migration_rows import insert_source_and_article
from sqlalchemy import Engine, delete, func, inspect, select, text, update
from sqlalchemy.orm import Session

from load.db import make_engine, run_query, upgrade
from load.entity_store import (
    event_top_entities,
    event_top_names,
    refresh_event_entities,
    store_article_entities,
    upsert_entities,
)
from load.models import (
    Article,
    ArticleEntity,
    Event,
    EventArticle,
    EventEntity,
    NamedEntity,
    Source,
)
from load.stories import process_new_articles
from transform.entities import Entity, EntityMention, recognize_entities
from transform.fingerprint import content_hash
from wirehouse.settings import Settings

T0 = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)

LYON = Entity("place", "Lyon", "place:geonames:2996944", "FR", 45.75, 4.85)
FRANCE = Entity("place", "France", "place:geonames:3017382", "FR", None, None)
PERU = Entity("place", "Peru", "place:geonames:3932488", "PE", None, None)
DUMONT = Entity("person", "Claire Dumont", "person:claire dumont", None, None, None)
RIVERA = Entity("person", "Ana Rivera", "person:ana rivera", None, None, None)
UNION = Entity("organization", "Harbour Union", "organization:harbour union", None, None, None)


def _article(session: Session, slug: str, source: str, when: datetime, title: str = "") -> int:
    src = session.scalar(select(Source).where(Source.domain == source))
    if src is None:
        src = Source(name=source.split(".")[0].title(), domain=source)
        session.add(src)
        session.flush()
    article = Article(
        url=f"https://{source}/{slug}",
        canonical_url=f"https://{source}/{slug}",
        source_id=src.id,
        title=title or slug,
        author="",
        text=f"text of {slug}",
        word_count=3,
        content_hash=content_hash(slug),
        published_at=when,
        first_seen_at=when,
    )
    session.add(article)
    session.flush()
    return article.id


def _event(session: Session, title: str, members: list[int], when: datetime) -> int:
    event = Event(
        title=title,
        first_published_at=when,
        last_published_at=when + timedelta(hours=len(members)),
        article_count=len(members),
        source_count=1,
    )
    session.add(event)
    session.flush()
    session.add_all(EventArticle(event_id=event.id, article_id=a, similarity=1.0) for a in members)
    session.flush()
    return event.id


def _event_rows(session: Session) -> set[tuple[int, str, int]]:
    return set(
        session.execute(
            select(EventEntity.event_id, NamedEntity.key, EventEntity.articles).join(
                NamedEntity, NamedEntity.id == EventEntity.entity_id
            )
        )
    )


def test_upsert_entities_is_idempotent_and_keeps_the_first_row(session: Session) -> None:
    first = upsert_entities(session.connection(), [LYON, DUMONT, LYON])
    renamed = dataclasses.replace(DUMONT, name="Dr Claire Dumont")
    again = upsert_entities(session.connection(), [renamed, LYON])
    assert first == again and len(first) == 2
    stored = session.execute(select(NamedEntity).where(NamedEntity.key == LYON.key)).scalar_one()
    assert (stored.kind, stored.name, stored.country_code) == ("place", "Lyon", "FR")
    assert stored.lat == pytest.approx(45.75)
    assert session.scalar(select(NamedEntity.name).where(NamedEntity.key == DUMONT.key)) == (
        "Claire Dumont"
    )


def test_article_entities_are_replaced_and_events_follow(session: Session) -> None:
    a1 = _article(session, "a1", "gazette.test", T0)
    a2 = _article(session, "a2", "post.test", T0 + timedelta(hours=1))
    event = _event(session, "Strike in Lyon", [a1, a2], T0)
    changed = store_article_entities(
        session,
        {
            a1: [EntityMention(LYON, 3, True), EntityMention(DUMONT, 1, False)],
            a2: [EntityMention(LYON, 1, False)],
        },
    )
    assert changed == {a1, a2}
    assert _event_rows(session) == {(event, LYON.key, 2), (event, DUMONT.key, 1)}
    # the same again: nothing changes
    assert (
        store_article_entities(
            session, {a1: [EntityMention(LYON, 3, True), EntityMention(DUMONT, 1, False)]}
        )
        == set()
    )
    # a reprocessed article that no longer names Dumont: its rows and its event's rows follow
    assert store_article_entities(session, {a1: [EntityMention(LYON, 2, True)]}) == {a1}
    rows = session.execute(
        select(ArticleEntity.article_id, ArticleEntity.mentions, ArticleEntity.in_title)
    ).all()
    assert sorted(rows) == [(a1, 2, True), (a2, 1, False)]
    assert _event_rows(session) == {(event, LYON.key, 2)}


def test_event_entities_survive_a_merge_and_a_regrouping(session: Session) -> None:
    a1 = _article(session, "m1", "gazette.test", T0)
    a2 = _article(session, "m2", "post.test", T0)
    a3 = _article(session, "m3", "wire.test", T0)
    first = _event(session, "one", [a1], T0)
    second = _event(session, "two", [a2, a3], T0)
    store_article_entities(
        session,
        {
            a1: [EntityMention(LYON, 1, True)],
            a2: [EntityMention(LYON, 1, False), EntityMention(UNION, 2, True)],
            a3: [EntityMention(UNION, 1, False)],
        },
    )
    assert _event_rows(session) == {
        (first, LYON.key, 1),
        (second, LYON.key, 1),
        (second, UNION.key, 2),
    }
    # merge as the story stage does: members move, the merged event is deleted
    session.execute(
        update(EventArticle).where(EventArticle.event_id == second).values(event_id=first)
    )
    session.execute(delete(Event).where(Event.id == second))
    refresh_event_entities(session.connection(), [first, second])
    assert _event_rows(session) == {(first, LYON.key, 2), (first, UNION.key, 2)}
    # an article leaves the event
    session.execute(delete(EventArticle).where(EventArticle.article_id == a2))
    refresh_event_entities(session.connection(), [first])
    assert _event_rows(session) == {(first, LYON.key, 1), (first, UNION.key, 1)}


def test_the_story_stage_fills_event_entities(session: Session, settings: Settings) -> None:
    body = (
        "Ferry crews in Port Alder walked out on Monday over night-shift pay, and the "
        "Harbour Union said talks with board chair Miriam Oduya had failed. Oduya said the "
        "offer stood. Commuters in Lyon queued for buses across the Kestrel Bridge."
    )
    ids = []
    for slug, source in (("strike", "gazette.test"), ("strike-2", "post.test")):
        article_id = _article(session, slug, source, T0, title="Ferry strike in Lyon")
        session.execute(
            update(Article)
            .where(Article.id == article_id)
            .values(text=body + f" ({slug})", content_hash=content_hash(body + slug), language="en")
        )
        ids.append(article_id)
    store_article_entities(
        session, {a: recognize_entities("Ferry strike in Lyon", body, "en") for a in ids}
    )
    process_new_articles(session, settings, T0 + timedelta(hours=2))
    events = session.scalars(select(EventArticle.event_id).distinct()).all()
    assert len(events) == 1
    rows = _event_rows(session)
    assert (events[0], "person:miriam oduya", 2) in rows
    assert (events[0], "organization:harbour union", 2) in rows
    assert (events[0], LYON.key, 2) in rows


@pytest.fixture
def covered(session: Session) -> Session:
    """Two outlets, three events: a strike in Lyon (both outlets), a flood in Peru, and a
    later one in France."""
    g1 = _article(session, "g1", "gazette.test", T0, "Dumont in Lyon")
    p1 = _article(session, "p1", "post.test", T0 + timedelta(hours=2), "Lyon strike")
    g2 = _article(session, "g2", "gazette.test", T0 + timedelta(days=1), "Floods in Peru")
    p2 = _article(session, "p2", "post.test", T0 + timedelta(days=10), "Dumont visits France")
    lyon = _event(session, "Strike in Lyon", [g1, p1], T0)
    peru = _event(session, "Floods in Peru", [g2], T0 + timedelta(days=1))
    france = _event(session, "Dumont visits France", [p2], T0 + timedelta(days=10))
    store_article_entities(
        session,
        {
            g1: [EntityMention(LYON, 2, True), EntityMention(DUMONT, 1, True)],
            p1: [EntityMention(LYON, 1, True), EntityMention(DUMONT, 2, False)],
            g2: [EntityMention(PERU, 2, True), EntityMention(RIVERA, 1, False)],
            p2: [EntityMention(FRANCE, 1, True), EntityMention(DUMONT, 1, True)],
        },
    )
    session.info["events"] = {"lyon": lyon, "peru": peru, "france": france}
    session.commit()
    return session


def test_event_who_where(covered: Session) -> None:
    events = covered.info["events"]
    rows = (
        covered.execute(
            text("SELECT * FROM event_who_where WHERE event_id = :e"), {"e": events["lyon"]}
        )
        .mappings()
        .all()
    )
    assert [(r["name"], r["kind"], r["articles"], r["country_code"]) for r in rows] == [
        ("Lyon", "place", 2, "FR"),
        ("Claire Dumont", "person", 2, None),
    ] or [(r["name"], r["articles"]) for r in rows] == [("Claire Dumont", 2), ("Lyon", 2)]
    assert all(r["article_share"] == pytest.approx(1.0) for r in rows)
    assert rows[0]["span_hours"] == pytest.approx(2.0)
    assert rows[0]["event_title"] == "Strike in Lyon"


def test_event_top_entities(covered: Session) -> None:
    events = covered.info["events"]
    top = event_top_entities(covered.connection(), events.values(), per_kind=1)
    assert top[events["lyon"]] == {"person": ["Claire Dumont"], "place": ["Lyon"]}
    assert top[events["peru"]] == {"person": ["Ana Rivera"], "place": ["Peru"]}
    assert event_top_entities(covered.connection(), []) == {}


def test_event_top_names_rank_across_kinds(covered: Session) -> None:
    events = covered.info["events"]
    connection = covered.connection()
    # a third article of the Lyon strike names Dumont alone: she now leads, Lyon follows
    extra = _article(covered, "g3", "gazette.test", T0 + timedelta(hours=3), "Dumont speaks")
    covered.add(EventArticle(event_id=events["lyon"], article_id=extra, similarity=1.0))
    covered.flush()
    store_article_entities(covered, {extra: [EntityMention(DUMONT, 1, True)]})
    top = event_top_names(connection, events.values(), ("person", "place"), 2)
    assert top[events["lyon"]] == ["Claire Dumont", "Lyon"]
    assert top[events["peru"]] == ["Ana Rivera", "Peru"]  # equal counts: by name
    assert event_top_names(connection, [events["lyon"]], ("person", "place"), 1) == {
        events["lyon"]: ["Claire Dumont"]
    }
    assert event_top_names(connection, [events["lyon"]], ("place",), 3) == {
        events["lyon"]: ["Lyon"]
    }
    assert event_top_names(connection, events.values(), ("organization",), 3) == {}


def test_entity_coverage(covered: Session) -> None:
    rows = (
        covered.execute(text("SELECT * FROM entity_coverage WHERE key = 'person:claire dumont'"))
        .mappings()
        .all()
    )
    got = [
        (r["source_domain"], r["articles"], r["title_articles"], r["events"], r["days"])
        for r in rows
    ]
    assert got == [("post.test", 2, 1, 2, 2), ("gazette.test", 1, 1, 1, 1)]


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    assert isinstance(bind, Engine)
    return bind


def test_query_events_in_a_country_in_a_date_range(covered: Session) -> None:
    events = covered.info["events"]
    engine = _engine(covered)
    week = {"since": T0 - timedelta(days=1), "until": T0 + timedelta(days=7), "max_rows": 10}
    france = run_query(engine, "events_in_country", country="fr", **week)
    assert [r["event_id"] for r in france] == [events["lyon"]]
    later = run_query(
        engine,
        "events_in_country",
        country="FR",
        since="2026-05-01",
        until="2026-06-01",
        max_rows=10,
    )
    assert {r["event_id"] for r in later} == {events["lyon"], events["france"]}
    assert [
        r["event_id"] for r in run_query(engine, "events_in_country", country="PE", **week)
    ] == [events["peru"]]
    assert run_query(engine, "events_in_country", country="DE", **week) == []


def test_query_sources_covering_a_person(covered: Session) -> None:
    engine = _engine(covered)
    rows = run_query(
        engine, "sources_covering_person", person="Claire Dumont", since=T0 - timedelta(days=1)
    )
    assert [
        (r["source_domain"], r["articles"], r["mentions"], r["title_articles"]) for r in rows
    ] == [
        ("post.test", 2, 3, 1),
        ("gazette.test", 1, 1, 1),
    ]
    by_key = run_query(
        engine, "sources_covering_person", person="person:claire dumont", since="2026-05-10"
    )
    assert [(r["source_domain"], r["articles"]) for r in by_key] == [("post.test", 1)]
    assert (
        run_query(engine, "sources_covering_person", person="Lyon", since=T0 - timedelta(days=1))
        == []
    )


NEW_TABLES = ("entities", "article_entities", "event_entities")


def test_migration_0005_from_0004_keeps_every_row(
    warehouse_url: str, dump_tables: Callable[[Engine], dict[str, list[tuple]]]
) -> None:
    def _dump(engine: Engine) -> dict[str, list[tuple]]:
        """Every row of the tables revision 0004 has (later revisions' are left out)."""
        return {name: rows for name, rows in dump_tables(engine).items() if name not in NEW_TABLES}

    from load.db import current_revision, downgrade, head_revision

    engine = make_engine(warehouse_url)
    try:
        upgrade(engine, "0004_views")
        with engine.begin() as connection:
            insert_source_and_article(connection)
            connection.execute(
                text(
                    "INSERT INTO events (id, title, summary, article_count, source_count, "
                    "top_terms) VALUES (1, 'E', '', 1, 1, '')"
                )
            )
            connection.execute(
                text("INSERT INTO event_articles (event_id, article_id) VALUES (1, 1)")
            )
        before = _dump(engine)
        upgrade(engine, "0005_entities")
        assert _dump(engine) == before
        with engine.begin() as connection:
            for table in (*NEW_TABLES, "event_who_where", "entity_coverage"):
                assert connection.execute(text(f"SELECT * FROM {table}")).all() == []
        with Session(engine) as session:
            store_article_entities(session, {1: [EntityMention(LYON, 1, True)]})
            session.commit()
            assert _event_rows(session) == {(1, LYON.key, 1)}
        downgrade(engine, "0004_views")
        assert _dump(engine) == before
        assert not {*NEW_TABLES} & set(inspect(engine).get_table_names())
        upgrade(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_pipeline_load_stores_entities(settings: Settings, engine: Engine, tmp_path: Path) -> None:
    """Pages loaded by the pipeline get their entities in the same transaction, and loading
    them again (reprocess) leaves every entity row as it was."""
    from wirehouse.demo.server import DemoSites
    from wirehouse.pipeline import run_once
    from wirehouse.replay import reprocess

    with DemoSites() as demo:
        feeds = demo.write_opml(tmp_path / "demo.opml")
        run_settings = dataclasses.replace(settings, feeds=feeds, host_delay=0.0)
        run_once(run_settings)
    with engine.connect() as connection:
        articles = connection.scalar(select(func.count()).select_from(Article))
        named = connection.scalar(select(func.count(ArticleEntity.article_id.distinct())))
        stored = connection.execute(select(ArticleEntity)).all()
        events = connection.execute(select(EventEntity)).all()
        recomputed = connection.execute(
            select(EventArticle.event_id, ArticleEntity.entity_id, func.count())
            .join(ArticleEntity, ArticleEntity.article_id == EventArticle.article_id)
            .group_by(EventArticle.event_id, ArticleEntity.entity_id)
        ).all()
    assert articles and named >= articles * 0.8
    assert sorted(tuple(r) for r in events) == sorted(tuple(r) for r in recomputed)
    reprocess(run_settings, since=datetime.now(UTC) - timedelta(days=1))
    with engine.connect() as connection:
        assert connection.execute(select(ArticleEntity)).all() == stored
        assert sorted(tuple(r) for r in connection.execute(select(EventEntity))) == sorted(
            tuple(r) for r in events
        )


def test_a_vessel_is_stored_and_shown_as_a_vessel(session: Session) -> None:
    """A ship named like a person is a vessel in ``entities`` and in both views, and no
    person for the analysts' person query."""
    found = recognize_entities(
        "Norovirus on the Marisol Dawn",
        "The cruise ship Marisol Dawn docked in Lyon's river port on Monday.",
        "en",
    )
    ship = next(m.entity for m in found if m.entity.name == "Marisol Dawn")
    assert (ship.kind, ship.key) == ("vessel", "vessel:marisol dawn")
    article = _article(session, "ship", "gazette.test", T0, "Norovirus on the Marisol Dawn")
    event = _event(session, "Norovirus on the Marisol Dawn", [article], T0)
    store_article_entities(session, {article: found})
    session.commit()
    stored = session.execute(
        select(NamedEntity.kind, NamedEntity.country_code).where(NamedEntity.key == ship.key)
    ).one()
    assert tuple(stored) == ("vessel", None)
    who = (
        session.execute(
            text("SELECT kind FROM event_who_where WHERE event_id = :e AND name = 'Marisol Dawn'"),
            {"e": event},
        )
        .scalars()
        .all()
    )
    assert who == ["vessel"]
    coverage = session.execute(
        text("SELECT kind, articles FROM entity_coverage WHERE key = 'vessel:marisol dawn'")
    ).all()
    assert [tuple(r) for r in coverage] == [("vessel", 1)]
    assert event_top_entities(session.connection(), [event])[event]["vessel"] == ["Marisol Dawn"]
    session.commit()
    since = T0 - timedelta(days=1)
    engine = _engine(session)
    assert run_query(engine, "sources_covering_person", person="Marisol Dawn", since=since) == []
