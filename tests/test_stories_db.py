"""Deduplication and event assignment over a migrated warehouse (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, func, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from story_texts import SYNDICATED_COPY, WIRE_STORY

from load import stories
from load.entity_store import store_article_entities
from load.models import (
    Article,
    ArticleTerm,
    Event,
    EventArticle,
    EventEntity,
    EventMerge,
    EventTerm,
    EventWait,
    Source,
    StoryCounter,
    TermStat,
)
from load.stories import (
    StoryInputError,
    StorySummary,
    _Clusterer,
    _posting_lateral,
    _posting_lookup,
    cluster_records,
    process_new_articles,
)
from transform import events as ev
from transform.entities import Entity, EntityMention
from transform.event_scoring import EventPolicy, Vector
from transform.fingerprint import content_hash
from wirehouse.pipeline import process_stories
from wirehouse.progress import ProgressDisplay
from wirehouse.settings import Settings

T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)

STRIKE, STRIKE_COPY = WIRE_STORY, SYNDICATED_COPY

STRIKE_OTHER_OUTLET = """Thousands of commuters who rely on the Port Alder ferries were left looking for
other ways to get to work on Monday after ferry crews went on strike over night-shift pay.

Harbour board chair Miriam Oduya described the ferry strike as premature, pointing out that talks with
the crews' union were already planned for Thursday. The union wants a written pay offer first.

Extra buses were laid on across the Kestrel Bridge, but passengers at the north pier reported waits
of more than an hour. Several cafe owners near the water said the morning was their quietest in years."""

# Weeks later: the same ferry pay dispute, a new stoppage — a separate event.
STRIKE_LATER = """Ferry crews in Port Alder walked out again on Tuesday in the long-running dispute over
night-shift pay, after the harbour board's written offer was rejected by the crews' union.

Board chair Miriam Oduya said the offer was final. Commuters queued at the north pier and the council
again opened extra bus lanes across the Kestrel Bridge."""

LIBRARY = """The city council approved a budget of 3.2 million for the new central library on
Wednesday, ending a year of argument about whether the old post office should be converted.

Councillor Tomas Reyes said the reading rooms would open in 2028. Opponents had wanted the money spent
on repairs to branch libraries in the outer districts, which have seen cuts to their opening hours."""

LIBRARY_FOLLOW_UP = """Architects shortlisted for the new central library in the old post office building
presented their designs on Friday, two days after the council approved the 3.2 million library budget.

Councillor Tomas Reyes said the reading rooms in the converted post office should open in 2028, as planned."""


def _add(
    session: Session,
    slug: str,
    title: str,
    text: str,
    published: datetime | None,
    source: str,
    seen: datetime | None = None,
) -> Article:
    src = session.scalar(select(Source).where(Source.domain == source))
    if src is None:
        src = Source(name=source, domain=source)
        session.add(src)
        session.flush()
    article = Article(
        url=f"https://{source}/{slug}",
        canonical_url=f"https://{source}/{slug}",
        source_id=src.id,
        title=title,
        text=text,
        published_at=published,
        word_count=len(text.split()),
        content_hash=content_hash(text),
        first_seen_at=seen or published or T0,
    )
    session.add(article)
    session.flush()
    return article


def _event(session: Session, article: Article) -> int:
    return session.scalar(
        select(EventArticle.event_id).where(EventArticle.article_id == article.id)
    )


def _assert_every_article_in_one_event(session: Session) -> None:
    articles = session.scalar(select(func.count()).select_from(Article))
    memberships = session.scalar(select(func.count()).select_from(EventArticle))
    assert articles == memberships
    _assert_term_state_consistent(session)


def _assert_term_state_consistent(session: Session) -> None:
    """The incremental statistics equal what a full recount would give."""
    session.flush()
    originals = session.scalars(select(Article.id).where(Article.duplicate_of_id.is_(None))).all()
    documents = session.scalar(select(StoryCounter.value).where(StoryCounter.name == "documents"))
    assert documents == len(originals)
    recount: dict[str, int] = {}
    expected: dict[int, dict[str, float]] = {}
    rows = session.execute(
        select(
            ArticleTerm.article_id, ArticleTerm.term, ArticleTerm.weight, EventArticle.event_id
        ).join(EventArticle, EventArticle.article_id == ArticleTerm.article_id)
    )
    for article_id, term, weight, event_id in rows:
        assert article_id in originals
        recount[term] = recount.get(term, 0) + 1
        centroid = expected.setdefault(event_id, {})
        centroid[term] = centroid.get(term, 0.0) + weight
    stats = dict(session.execute(select(TermStat.term, TermStat.document_count)).all())
    assert {t: c for t, c in stats.items() if c} == recount
    stored: dict[int, dict[str, float]] = {}
    for event_id, term, weight in session.execute(
        select(EventTerm.event_id, EventTerm.term, EventTerm.weight)
    ):
        stored.setdefault(event_id, {})[term] = weight
    assert stored.keys() == expected.keys()
    for event_id, centroid in expected.items():
        assert stored[event_id] == pytest.approx(centroid)


def test_same_event_from_different_outlets_and_unrelated_news(
    session: Session, settings: Settings
) -> None:
    a = _add(
        session,
        "strike",
        "Ferry crews strike in Port Alder over night pay",
        STRIKE,
        T0,
        "courier.example",
    )
    b = _add(
        session,
        "ferries",
        "Port Alder ferry strike leaves commuters stranded",
        STRIKE_OTHER_OUTLET,
        T0 + timedelta(hours=2),
        "harbourtimes.example",
    )
    c = _add(
        session,
        "library",
        "Council approves central library budget",
        LIBRARY,
        T0 + timedelta(hours=3),
        "citypost.example",
    )
    summary = process_new_articles(session, settings, T0 + timedelta(hours=4))
    assert summary == StorySummary(articles_seen=3, events_created=2)
    assert _event(session, a) == _event(session, b) != _event(session, c)
    event = session.get(Event, _event(session, a))
    assert event.article_count == 2 and event.source_count == 2
    assert event.first_published_at == T0 and event.last_published_at == T0 + timedelta(hours=2)
    assert event.title in {a.title, b.title}
    assert event.summary and event.summary.split()[0] in {"Ferry", "Thousands"}
    assert "ferry" in event.top_terms.split(", ")
    assert a.duplicate_of_id is None and b.duplicate_of_id is None
    assert a.clustered_at == T0 + timedelta(hours=4)
    _assert_every_article_in_one_event(session)


def test_same_topic_weeks_apart_is_a_separate_event(session: Session, settings: Settings) -> None:
    first = _add(
        session, "strike", "Ferry crews strike in Port Alder", STRIKE, T0, "courier.example"
    )
    later = _add(
        session,
        "strike-again",
        "Port Alder ferry crews strike again",
        STRIKE_LATER,
        T0 + timedelta(days=21),
        "courier.example",
    )
    process_new_articles(session, settings, T0 + timedelta(days=22))
    assert _event(session, first) != _event(session, later)
    # Inside the window the same pair is one event: the window alone separates them.
    wide = dataclasses.replace(settings, event_window_days=30.0)
    again = _add(
        session,
        "strike-third",
        "Port Alder ferry crews strike again",
        STRIKE_LATER,
        T0 + timedelta(days=22),
        "harbourtimes.example",
    )
    process_new_articles(session, wide, T0 + timedelta(days=23))
    assert _event(session, again) in {_event(session, first), _event(session, later)}


def test_syndicated_and_exact_copies_join_the_original(
    session: Session, settings: Settings
) -> None:
    original = _add(session, "strike", "Ferry crews strike", STRIKE, T0, "courier.example")
    copy = _add(
        session,
        "wire/strike",
        "Ferry crews strike in Port Alder",
        STRIKE_COPY,
        T0 + timedelta(hours=1),
        "dailywire.example",
    )
    exact = _add(
        session,
        "syndicated",
        "FERRY CREWS STRIKE",
        STRIKE.upper().replace("\n", " "),
        T0 + timedelta(hours=2),
        "morningnews.example",
    )
    summary = process_new_articles(session, settings, T0 + timedelta(hours=3))
    assert summary.near_duplicates == 1 and summary.exact_duplicates == 1
    assert summary.events_created == 1
    assert copy.duplicate_of_id == original.id and exact.duplicate_of_id == original.id
    assert _event(session, copy) == _event(session, exact) == _event(session, original)
    event = session.get(Event, _event(session, original))
    assert event.article_count == 3 and event.source_count == 3
    assert event.title == original.title  # duplicates are never the event's headline
    _assert_every_article_in_one_event(session)


def test_an_earlier_original_arriving_later_takes_over(
    session: Session, settings: Settings
) -> None:
    copy = _add(
        session,
        "wire/strike",
        "Ferry crews strike (wire)",
        STRIKE_COPY,
        T0 + timedelta(hours=5),
        "dailywire.example",
    )
    exact_of_copy = _add(
        session,
        "copy2",
        "Ferry crews strike (wire)",
        STRIKE_COPY,
        T0 + timedelta(hours=6),
        "morningnews.example",
    )
    process_new_articles(session, settings, T0 + timedelta(hours=7))
    assert exact_of_copy.duplicate_of_id == copy.id
    event_id = _event(session, copy)

    original = _add(
        session,
        "strike",
        "Ferry crews strike",
        STRIKE,
        T0,
        "courier.example",
        seen=T0 + timedelta(hours=8),
    )
    summary = process_new_articles(session, settings, T0 + timedelta(hours=9))
    assert summary.near_duplicates == 1 and summary.events_created == 0
    assert original.duplicate_of_id is None
    assert copy.duplicate_of_id == original.id
    assert exact_of_copy.duplicate_of_id == original.id
    assert _event(session, original) == event_id
    event = session.get(Event, event_id)
    assert event.first_published_at == T0 and event.article_count == 3
    assert event.title == original.title
    _assert_every_article_in_one_event(session)


def test_late_article_joins_an_old_event(session: Session, settings: Settings) -> None:
    a = _add(
        session,
        "library",
        "Council approves central library budget",
        LIBRARY,
        T0,
        "citypost.example",
    )
    process_new_articles(session, settings, T0 + timedelta(hours=1))
    event_id = _event(session, a)
    # Crawled ten days later, published two days after the first report.
    late = _add(
        session,
        "designs",
        "Library designs for old post office unveiled",
        LIBRARY_FOLLOW_UP,
        T0 + timedelta(days=2),
        "architecture.example",
        seen=T0 + timedelta(days=10),
    )
    summary = process_new_articles(session, settings, T0 + timedelta(days=10))
    assert summary == StorySummary(articles_seen=1, events_updated=1)
    assert _event(session, late) == event_id
    event = session.get(Event, event_id)
    assert event.last_published_at == T0 + timedelta(days=2) and event.source_count == 2


def test_an_article_bridging_two_events_merges_them(session: Session, settings: Settings) -> None:
    strict = dataclasses.replace(
        settings, event_similarity_threshold=0.2, event_merge_threshold=0.2
    )
    left = _add(
        session,
        "pay",
        "Ferry crews reject night-shift pay offer",
        "Ferry crews rejected the night-shift pay offer from the harbour board on Monday.",
        T0,
        "courier.example",
    )
    right = _add(
        session,
        "bridge",
        "Kestrel Bridge bus lanes opened for stranded commuters",
        "The council opened bus lanes on the Kestrel Bridge for stranded commuters on Monday.",
        T0 + timedelta(hours=1),
        "citypost.example",
    )
    process_new_articles(session, strict, T0 + timedelta(hours=2))
    first_left, first_right = _event(session, left), _event(session, right)
    assert first_left != first_right
    bridge = _add(
        session,
        "both",
        "Ferry crews strike over pay as commuters use Kestrel Bridge bus lanes",
        "Ferry crews struck over the night-shift pay offer and stranded commuters crowded the "
        "council's new bus lanes on the Kestrel Bridge on Monday.",
        T0 + timedelta(hours=3),
        "harbourtimes.example",
    )
    summary = process_new_articles(session, strict, T0 + timedelta(hours=4))
    assert summary.events_merged == 1
    assert _event(session, left) == _event(session, right) == _event(session, bridge) == first_left
    assert session.get(Event, first_right) is None
    merge = session.scalars(select(EventMerge)).one()
    assert (merge.survivor_id, merge.merged_id) == (first_left, first_right)
    assert session.get(Event, first_left).article_count == 3
    _assert_every_article_in_one_event(session)


def test_changed_article_is_clustered_afresh(session: Session, settings: Settings) -> None:
    a = _add(session, "strike", "Ferry crews strike in Port Alder", STRIKE, T0, "courier.example")
    b = _add(
        session,
        "ferries",
        "Port Alder ferry strike leaves commuters stranded",
        STRIKE_OTHER_OUTLET,
        T0 + timedelta(hours=1),
        "harbourtimes.example",
    )
    copy = _add(
        session, "wire", "Ferry crews strike", STRIKE_COPY, T0 + timedelta(hours=2), "wire.example"
    )
    library = _add(session, "library", "Library budget approved", LIBRARY, T0, "citypost.example")
    process_new_articles(session, settings, T0 + timedelta(hours=3))
    assert copy.duplicate_of_id == a.id
    strike_event = _event(session, b)
    # The loader stores new content for `a` (the page was replaced) and resets clustered_at.
    a.title, a.text = "Library architects shortlisted", LIBRARY_FOLLOW_UP
    a.content_hash, a.clustered_at = content_hash(LIBRARY_FOLLOW_UP), None
    session.flush()
    summary = process_new_articles(session, settings, T0 + timedelta(hours=4))
    assert summary.articles_seen == 2  # `a` and its former copy
    assert copy.duplicate_of_id is None and a.duplicate_of_id is None
    assert _event(session, a) == _event(session, library)
    assert _event(session, copy) == strike_event
    assert session.get(Event, strike_event).article_count == 2
    _assert_every_article_in_one_event(session)


def test_rerun_without_new_articles_changes_no_row(engine, settings: Settings, dump_tables) -> None:
    with Session(engine) as session:
        _add(session, "strike", "Ferry crews strike", STRIKE, T0, "courier.example")
        _add(
            session,
            "copy",
            "Ferry crews strike",
            STRIKE_COPY,
            T0 + timedelta(hours=1),
            "dailywire.example",
        )
        _add(session, "library", "Library budget approved", LIBRARY, T0, "citypost.example")
        process_new_articles(session, settings, T0 + timedelta(hours=2))
        session.commit()
    before = dump_tables(engine)
    with Session(engine) as session:
        assert process_new_articles(session, settings, T0 + timedelta(days=1)) == StorySummary()
        session.commit()
    assert dump_tables(engine) == before


def test_events_stage_reports_progress_article_by_article(engine, settings: Settings) -> None:
    """`wirehouse run` and the events task show the events stage advancing, not only its start
    and end: the hook hears each article against the number pending."""
    with Session(engine) as session:
        _add(session, "strike", "Ferry crews strike", STRIKE, T0, "courier.example")
        _add(session, "copy", "Ferry crews strike", STRIKE_COPY, T0, "dailywire.example")
        _add(session, "library", "Library budget approved", LIBRARY, T0, "citypost.example")
        session.commit()
    heard: list[tuple[str, int, int | None]] = []
    screen = io.StringIO()
    display = ProgressDisplay(screen, interval=60.0, live=True)

    def hook(stage: str, done: int, total: int | None) -> None:
        heard.append((stage, done, total))
        display(stage, done, total)

    summary = process_stories(settings, progress=hook)
    assert summary["articles_seen"] == 3
    assert heard == [("events", 0, None), ("events", 1, 3), ("events", 2, 3), ("events", 3, 3)]
    assert screen.getvalue().split("\r\x1b[2K")[-1].startswith("events   [####")
    assert "3/3 100%" in screen.getvalue()
    # nothing pending: the stage still starts and ends
    heard.clear()
    process_stories(settings, progress=hook)
    assert heard == [("events", 0, None), ("events", 0, 0)]


def test_unpublished_articles_are_ordered_by_first_seen(
    session: Session, settings: Settings
) -> None:
    undated = _add(
        session,
        "undated",
        "Ferry crews strike",
        STRIKE,
        None,
        "courier.example",
        seen=T0 - timedelta(hours=1),
    )
    dated = _add(session, "copy", "Ferry crews strike", STRIKE_COPY, T0, "dailywire.example")
    process_new_articles(session, settings, T0 + timedelta(hours=1))
    assert dated.duplicate_of_id == undated.id


def test_naive_now_is_rejected(session: Session, settings: Settings) -> None:
    with pytest.raises(ValueError):
        process_new_articles(session, settings, datetime(2026, 1, 1))


def test_cluster_records_uses_the_pipeline() -> None:
    records = [
        {
            "id": "s1",
            "title": "Ferry crews strike in Port Alder",
            "text": STRIKE,
            "published_at": "2026-03-02T07:00:00Z",
            "source": "Courier",
        },
        {
            "id": "lib",
            "title": "Council approves library budget",
            "text": LIBRARY,
            "published_at": "2026-03-02T09:00:00+00:00",
            "source": "City Post",
        },
        {
            "id": "s2",
            "title": "Port Alder ferry strike strands commuters",
            "text": STRIKE_OTHER_OUTLET,
            "published_at": "2026-03-02T08:00:00",
            "source": "Harbour Times",
        },
        {
            "id": "s3",
            "title": "Ferry crews strike",
            "text": STRIKE_COPY,
            "published_at": "2026-03-02T10:00:00Z",
            "source": "Daily Wire",
        },
    ]
    result = cluster_records(records, Settings())
    assert [rid for rid, _ in result] == ["s1", "lib", "s2", "s3"]
    keys = dict(result)
    assert keys["s1"] == keys["s2"] == keys["s3"] != keys["lib"]
    assert all(key.startswith("event-") for key in keys.values())


@pytest.mark.parametrize(
    "record",
    [
        {"title": "x", "text": "", "published_at": "2026-03-02T07:00:00Z", "source": "a"},
        {"id": "1", "title": "x", "text": "", "published_at": "yesterday", "source": "a"},
        {"id": "1", "text": "", "published_at": "2026-03-02T07:00:00Z", "source": "a"},
    ],
)
def test_cluster_records_rejects_malformed_input(record: dict) -> None:
    with pytest.raises(StoryInputError):
        cluster_records([record], Settings())


def test_merging_an_event_that_absorbed_another_keeps_history(
    session: Session, settings: Settings
) -> None:
    texts = [
        ("pay", "Ferry crews reject pay offer", "Ferry crews rejected the harbour pay offer."),
        ("lib", "Council approves library budget", "The council approved the library budget."),
        ("zoo", "Zoo welcomes twin otters", "The city zoo welcomed twin otter pups this week."),
    ]
    articles = [
        _add(session, slug, title, body, T0 + timedelta(hours=i), f"s{i}.example")
        for i, (slug, title, body) in enumerate(texts)
    ]
    process_new_articles(session, settings, T0 + timedelta(hours=4))
    first, second, third = (_event(session, a) for a in articles)
    assert len({first, second, third}) == 3
    clusterer = _Clusterer(session, settings, T0 + timedelta(hours=5))
    assert clusterer._merge(third, second) == second  # the older event survives
    assert clusterer._merge(second, first) == first
    clusterer.finish()
    history = sorted((m.survivor_id, m.merged_id) for m in session.scalars(select(EventMerge)))
    assert history == sorted([(first, third), (first, second)])
    assert {_event(session, a) for a in articles} == {first}
    assert session.get(Event, first).article_count == 3
    _assert_every_article_in_one_event(session)


def test_weights_follow_the_document_counts_as_originals_are_stored(
    session: Session, settings: Settings
) -> None:
    """The IDF factors a run keeps between weighings are worked out again once an original
    is stored (its terms' document counts and the number of originals change)."""
    lamp = _add(session, "lamp", "Lighthouse keeper retires", "", T0, "a.example")
    gulls = _add(session, "gulls", "Gulls return to the cliffs", "", T0, "b.example")
    clusterer = _Clusterer(session, settings, T0)
    clusterer._store_terms(gulls.id, {"gulls": 1.0}, T0)
    vector = {"lighthouse": 2.0, "keeper": 1.0}
    (before,) = clusterer._weigh([vector])
    clusterer._store_terms(lamp.id, {"lighthouse": 1.0}, T0)
    (after,) = clusterer._weigh([vector])
    assert after == ev.weigh(vector, clusterer.frequencies.counts, clusterer.documents)
    assert after["lighthouse"] < before["lighthouse"]  # one more original holds it


@pytest.mark.parametrize(("min_shared", "together"), [(1, True), (2, False)])
def test_one_shared_word_does_not_make_a_story(
    session: Session, settings: Settings, min_shared: int, together: bool
) -> None:
    """Headlines about two happenings in one place share its name and nothing else."""
    settings = dataclasses.replace(settings, event_min_shared_words=min_shared)
    quarry = _add(session, "q", "Zorblat quarry permit granted", "", T0, "a.example")
    festival = _add(
        session, "f", "Zorblat festival tickets sold", "", T0 + timedelta(hours=1), "b.example"
    )
    process_new_articles(session, settings, T0 + timedelta(hours=2))
    assert (_event(session, quarry) == _event(session, festival)) is together


REHAB = (
    "{name} has checked into a rehabilitation clinic, a spokesman said on Tuesday, and "
    "cancelled the last dates of a tour that was due to end in the capital next week. "
    "{surname} thanked fans for their messages of support and promised to return to the stage "
    "next spring; refunds for the cancelled concerts will be paid automatically."
)
REHAB_TOLD_OTHERWISE = (
    "A spokesman for {name} said on Tuesday that the singer was in a rehabilitation clinic. "
    "Tour dates next week in the capital are cancelled and refunds paid automatically, while "
    "{surname}, thanking fans for support, expects a return to the stage in spring."
)
REHAB_THIRD_TELLING = (
    "Fans sent messages of support after {name} entered a rehabilitation clinic on Tuesday. "
    "{surname} cancelled the tour's last dates in the capital; the concerts will be refunded "
    "automatically, and the singer hopes to be back on stage by spring, a spokesman said."
)


def _rehab(session: Session, name: str, hours: int, source: str, text: str) -> Article:
    surname = name.split()[-1]
    return _add(
        session,
        surname.lower(),
        f"Singer {name} enters rehab",
        text.format(name=name, surname=surname),
        T0 + timedelta(hours=hours),
        source,
    )


def _person(name: str, mentions: int) -> EntityMention:
    entity = Entity("person", name, f"person:{name.lower()}", None, None, None)
    return EntityMention(entity, mentions, True)


@pytest.mark.parametrize("entities", [True, False])
def test_different_main_actors_hold_alike_reports_apart(
    session: Session, settings: Settings, entities: bool
) -> None:
    """Two singers enter rehab the same day: the same words, but the stored entities say who."""
    settings = dataclasses.replace(settings, event_entities=entities)
    lane = _rehab(session, "Jessica Lane", 0, "ledger.example", REHAB)
    brandt = _rehab(session, "Michael Brandt", 2, "courier.example", REHAB_TOLD_OTHERWISE)
    again = _rehab(session, "Jessica Lane", 3, "gazette.example", REHAB_THIRD_TELLING)
    store_article_entities(
        session,
        {
            lane.id: [_person("Jessica Lane", 2)],
            brandt.id: [_person("Michael Brandt", 2)],
            again.id: [_person("Jessica Lane", 2)],
        },
    )
    process_new_articles(session, settings, T0 + timedelta(hours=4))
    assert _event(session, lane) == _event(session, again)
    assert (_event(session, lane) != _event(session, brandt)) is entities
    assert not any(a.duplicate_of_id for a in (lane, brandt, again))
    _assert_every_article_in_one_event(session)


def _organization(name: str) -> EntityMention:
    entity = Entity("organization", name, f"organization:{name.lower()}", None, None, None)
    return EntityMention(entity, 1, False)  # said once, in the body: no role


def _lanes_joins_as_the_strike_grows(
    session: Session, settings: Settings, strike: Article, lanes: Article
) -> int:
    """The strike's next report and an unrelated library report arrive: the bus-lane report
    merges into the strike's event (its id), the library stays apart."""
    again = _add_strike_again(session, T0 + timedelta(hours=2))
    library = _add_library(session, T0 + timedelta(hours=2, minutes=30))
    summary = process_new_articles(session, settings, T0 + timedelta(hours=3))
    event_id = _event(session, strike)
    assert _event(session, lanes) == _event(session, again) == event_id
    assert _event(session, library) != event_id
    assert summary.events_merged == 1
    return event_id


def _stored_waits(session: Session) -> list[tuple[int, int]]:
    """Every stored wait: (waiting article, event waited on)."""
    return [tuple(row) for row in session.execute(select(EventWait.article_id, EventWait.event_id))]


def test_a_lone_report_joins_its_storys_event_once_later_reports_make_it_near(
    session: Session, settings: Settings
) -> None:
    """The bus-lane report scores below the threshold against the strike's event of one
    report, so it starts an event of its own; the strike's next report, about the commuters
    too, brings the event near enough, and the lone report moves into it (merge bookkeeping,
    counts and entities included). A high merge threshold keeps that report from bridging the
    two itself."""
    settings = _strike_story_settings(settings)
    strike, lanes = _add_strike_and_lanes(session)
    event_id = _lanes_joins_as_the_strike_grows(session, settings, strike, lanes)
    merge = session.scalars(select(EventMerge)).one()
    assert event_id == merge.survivor_id
    assert session.scalar(select(func.count()).select_from(Event)) == 2  # and the library's
    assert session.get(Event, event_id).article_count == 3
    assert session.get(Event, event_id).source_count == 3
    entities = session.execute(select(EventEntity.event_id, EventEntity.articles)).all()
    assert entities == [(event_id, 1)]
    _assert_every_article_in_one_event(session)


@pytest.fixture(params=["all at once", "by event"])
def waits_read(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """How a run reads the waits earlier runs stored: all at once (a batch of more articles
    than waits) or only those of the events it changes (a smaller batch, as a push brings),
    whatever the number of waits. Both must leave the same events and waits."""
    monkeypatch.setattr(
        _Clusterer, "waits_at_most", lambda _self, _count: request.param == "all at once"
    )
    return request.param


def _lone_lanes_report(session: Session, settings: Settings) -> tuple[Settings, Article, Article]:
    """Run 1 of the strike story: the strike's first report, and the bus-lane report that
    scores below the threshold against its event and is left alone, waiting on it (the
    settings of the test above)."""
    settings = _strike_story_settings(settings)
    strike, lanes = _add_strike_and_lanes(session)
    process_new_articles(session, settings, T0 + timedelta(hours=1, minutes=30))
    assert _event(session, lanes) != _event(session, strike)
    assert _stored_waits(session) == [(lanes.id, _event(session, strike))]
    return settings, strike, lanes


def _strike_story_settings(settings: Settings) -> Settings:
    """A join threshold the bus-lane report misses against the strike's first report, and a
    merge threshold high enough that no report bridges the two events itself."""
    return dataclasses.replace(settings, event_similarity_threshold=0.36, event_merge_threshold=0.6)


def _add_strike_and_lanes(session: Session) -> tuple[Article, Article]:
    """The strike's first report and the bus-lane report (naming the bus company)."""
    strike = _add(
        session,
        "strike",
        "Ferry crews strike over night-shift pay",
        "Ferry crews went on strike over night-shift pay on Monday, and the Port Alder ferries "
        "stood idle all morning.",
        T0,
        "courier.example",
    )
    lanes = _add(
        session,
        "lanes",
        "Port Alder ferries idle as commuters crowd Kestrel Bridge",
        "The Port Alder ferries stood idle and commuters crowded the Kestrel Bridge bus lanes "
        "on Monday morning.",
        T0 + timedelta(hours=1),
        "citypost.example",
    )
    store_article_entities(session, {lanes.id: [_organization("Alder Bus Company")]})
    return strike, lanes


def _add_library(session: Session, published: datetime) -> Article:
    return _add(session, "library", "Library budget approved", LIBRARY, published, "ledger.example")


def _add_strike_again(session: Session, published: datetime) -> Article:
    return _add(
        session,
        "again",
        "Ferry crews strike over night-shift pay",
        "Ferry crews went on strike over night-shift pay on Monday, sending commuters to the "
        "Kestrel Bridge.",
        published,
        "harbourtimes.example",
    )


def test_a_lone_report_of_an_earlier_run_joins_its_event_when_it_grows_in_a_later_one(
    session: Session, settings: Settings, waits_read: str
) -> None:
    """As the test above, the reports arriving over two runs of the events stage: the bus-lane
    report left alone in run 1 still waits in run 2, where the strike's next report brings
    the event near enough and the lone report moves into it."""
    settings, strike, lanes = _lone_lanes_report(session, settings)
    event_id = _lanes_joins_as_the_strike_grows(session, settings, strike, lanes)
    assert session.get(Event, event_id).article_count == 3
    assert session.scalars(select(EventWait)).all() == []  # joined: it waits no more
    _assert_every_article_in_one_event(session)


def _add_zoo(session: Session, published: datetime) -> Article:
    """A report no other story shares a word with."""
    text = "The city zoo welcomed twin otter pups this week."
    return _add(session, "zoo", "Zoo welcomes twin otters", text, published, "zoo.example")


def test_a_stored_wait_follows_its_event_into_a_merge(
    session: Session, settings: Settings, waits_read: str
) -> None:
    """The event a report of an earlier run waits on is merged away into an older one: the
    report now waits on the survivor (whose row the wait may reference; the merged one's is
    gone)."""
    settings, strike, lanes = _lone_lanes_report(session, settings)
    older = _add_zoo(session, T0 - timedelta(hours=1))
    process_new_articles(session, settings, T0 + timedelta(hours=2))
    clusterer = _Clusterer(session, settings, T0 + timedelta(hours=2))
    if waits_read == "all at once":
        clusterer.read_waits()
    survivor = clusterer._merge(_event(session, strike), _event(session, older))
    clusterer.finish()
    assert survivor == _event(session, older) == _event(session, strike)
    assert _stored_waits(session) == [(lanes.id, survivor)]


@pytest.mark.parametrize("changed", ["strike", "lanes"])
def test_a_changed_report_or_event_leaves_no_wait_behind(
    session: Session, settings: Settings, changed: str, waits_read: str
) -> None:
    """The loader stores new content (`wirehouse reprocess`, a replaced page) for the waiting
    report or for the only report of the event it waits on: the changed report's wait goes
    (it is clustered afresh), and so do the waits on an event its change emptied."""
    settings, strike, lanes = _lone_lanes_report(session, settings)
    library = _add_library(session, T0)
    process_new_articles(session, settings, T0 + timedelta(hours=2))
    article = {"strike": strike, "lanes": lanes}[changed]
    article.title, article.text = "Library architects shortlisted", LIBRARY_FOLLOW_UP
    article.content_hash, article.clustered_at = content_hash(LIBRARY_FOLLOW_UP), None
    session.flush()
    process_new_articles(session, settings, T0 + timedelta(hours=3))
    # the report clustered afresh is alone again, now nearest the library's event
    assert _stored_waits(session) == [(article.id, _event(session, library))]
    assert _event(session, article) != _event(session, library)
    _assert_every_article_in_one_event(session)


def test_a_small_batch_reads_no_wait_of_the_events_it_leaves_alone(
    session: Session, settings: Settings, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch of fewer articles than stored waits (a push) reads the waits of the events it
    changes only: a report on another story reads none, however many wait, and the stored
    wait stays as it was."""
    settings, strike, lanes = _lone_lanes_report(session, settings)
    _add_zoo(session, T0 + timedelta(hours=2))
    monkeypatch.setattr(_Clusterer, "waits_at_most", lambda _self, _count: False)
    statements: list[str] = []

    def seen(_conn, _cursor, statement: str, *_args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        process_new_articles(session, settings, T0 + timedelta(hours=3))
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert [s for s in statements if s.lstrip().startswith("SELECT") and "event_waits" in s] == []
    assert _stored_waits(session) == [(lanes.id, _event(session, strike))]


def test_a_wait_ends_when_the_report_leaves_the_window(
    session: Session, settings: Settings, waits_read: str
) -> None:
    """Once a report newer than the event window after the waiting one is clustered, no
    report can reach it any more in time order: its wait is dropped."""
    settings, _, lanes = _lone_lanes_report(session, settings)
    window = timedelta(days=settings.event_window_days)
    _add_library(session, T0 + window)
    process_new_articles(session, settings, T0 + window)
    assert session.scalars(select(EventWait.article_id)).all() == [lanes.id]  # T0 + 1h: inside
    _add(
        session,
        "follow",
        "Library architects shortlisted",
        LIBRARY_FOLLOW_UP,
        T0 + window + timedelta(hours=2),
        "ledger.example",
    )
    process_new_articles(session, settings, T0 + window + timedelta(hours=2))
    assert session.scalars(select(EventWait)).all() == []


def test_postgresql_posting_lookup_reads_the_rows_of_the_portable_one_in_order(
    session: Session,
) -> None:
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("the lateral posting lookup is PostgreSQL's")
    for n in range(10):  # hourly, T0 - 5 h to T0 + 4 h; "quay" in all, "tide"/"gull" alternate
        article = _add(
            session, f"quay-{n}", "Quay notice", f"notice {n}", T0 + timedelta(hours=n - 5), "q.io"
        )
        for term in ("quay", "tide" if n % 2 else "gull"):
            row = {"article_id": article.id, "term": term, "weight": 1.0 + n}
            session.execute(insert(ArticleTerm), row | {"published_at": article.published_at})
    window = {"when": T0, "start": T0 - timedelta(hours=4), "end": T0 + timedelta(hours=3)}
    terms = ["tide", "quay", "gull"]
    padded = {f"t{i}": term for i, term in enumerate([*terms, ""])}
    portable = session.execute(_posting_lookup(4, 2), window | padded).all()
    lateral = session.execute(_posting_lateral(2), window | {"terms": terms}).all()
    # two per side and term within the window: tide 3 (one after), quay 4, gull 4
    assert len(portable) == 11
    assert [tuple(row) for row in lateral] == [tuple(row) for row in portable]


CRANE_HEADLINES = [
    "Crane collapse halts Port Halvik",
    "Port Halvik crane collapse injures two dockers",
    "Halvik dockers strike after crane collapse",
    "Crane collapse at Port Halvik: inquiry opens",
    "Port Halvik reopens after crane collapse",
    "Inquiry blames wind for Halvik crane collapse",
    "Port Halvik operator files for bankruptcy after crane collapse",
]
BAKERY_HEADLINES = [
    "Luma Bakeries files for bankruptcy",
    "Luma Bakeries bankruptcy puts 300 jobs at risk",
    "Bankruptcy judge approves Luma Bakeries loan",
    "Luma Bakeries seeks buyer in bankruptcy",
    "Luma Bakeries bankruptcy: stores stay open",
    "Luma Bakeries bankruptcy plan wins creditors",
    "Rival bids for Luma Bakeries in bankruptcy auction",
    "Luma Bakeries founder speaks on bankruptcy",
    "Luma Bakeries leaves bankruptcy under new owner",
]


@pytest.mark.parametrize("runs", [1, 2])
def test_a_second_story_grown_into_an_event_is_parted_out(
    session: Session, settings: Settings, runs: int
) -> None:
    """With a low join threshold the bakery's bankruptcy headlines come into the crane event
    through the crane operator's bankruptcy; once the event holds 16 headlines the two
    stories, linked only by that bridge, are parted into two events, stored consistently
    (also when the event was stored by an earlier run)."""
    loose = dataclasses.replace(settings, event_similarity_threshold=0.08)
    headlines = CRANE_HEADLINES + BAKERY_HEADLINES
    articles = []
    for hour, title in enumerate(headlines):
        if runs == 2 and hour == 10:
            process_new_articles(session, loose, T0 + timedelta(hours=hour))
        articles.append(
            _add(session, f"h{hour}", title, "", T0 + timedelta(hours=hour), f"s{hour % 3}.example")
        )
    summary = process_new_articles(session, loose, T0 + timedelta(hours=24))
    crane = {_event(session, a) for a in articles[: len(CRANE_HEADLINES)]}
    bakery = {_event(session, a) for a in articles[len(CRANE_HEADLINES) :]}
    assert len(crane) == len(bakery) == 1 and crane != bakery
    assert summary.events_created >= 1
    for event_id, titles in ((*crane, CRANE_HEADLINES), (*bakery, BAKERY_HEADLINES)):
        assert session.get(Event, event_id).article_count == len(titles)
    _assert_every_article_in_one_event(session)


# A bakery's founder runs for mayor: her headline joins the bakery's event, the only one then;
# the election's event, started later, grows towards it.
FOUNDER_HEADLINE = "Luma Bakeries founder Ada Kern to run for Tolby mayor"
FOUNDER_AND_ELECTION = [
    "Luma Bakeries files for bankruptcy",
    "Luma Bakeries bankruptcy puts 300 jobs at risk",
    FOUNDER_HEADLINE,
    "Tolby election campaign opens with debate",
    "Tolby election debate: Kern in mayor race",
    "Bankruptcy judge approves Luma Bakeries loan",
    "Tolby election campaign: mayor debate draws crowd",
    "Luma Bakeries seeks buyer in bankruptcy",
    "Tolby election debate: Kern attacks mayor",
    "Luma Bakeries bankruptcy: stores stay open",
    "Tolby election campaign ends with debate",
    "Luma Bakeries bankruptcy plan wins creditors",
    "Tolby election: Kern wins mayor race after debate",
    "Rival bids for Luma Bakeries in bankruptcy auction",
    "Luma Bakeries leaves bankruptcy under new owner",
]


def test_a_member_nearer_another_event_moves_there(session: Session, settings: Settings) -> None:
    """The founder's headline joined the bakery's event on arrival; when that event reaches 8
    originals (members are scored again from ``event_reassign_from`` on: 8 here, so the story
    stays short) it is scored again without it, and the election's event, grown since, takes
    it. Counts and centroids of both events stay what a recount gives."""
    settings = dataclasses.replace(settings, event_reassign_from=8)
    articles = [
        _add(session, f"h{hour}", title, "", T0 + timedelta(hours=hour), f"s{hour % 3}.example")
        for hour, title in enumerate(FOUNDER_AND_ELECTION)
    ]
    process_new_articles(session, settings, T0 + timedelta(hours=24))
    founder = articles[FOUNDER_AND_ELECTION.index(FOUNDER_HEADLINE)]
    bakery = {_event(session, a) for a in articles if "ankrupt" in a.title}
    election = {_event(session, a) for a in articles if "Tolby election" in a.title}
    assert len(bakery) == len(election) == 1 and bakery != election
    assert _event(session, founder) in election
    for event_id in (*bakery, *election):
        members = session.scalar(
            select(func.count()).where(EventArticle.event_id == event_id)
        )
        assert session.get(Event, event_id).article_count == members
    _assert_every_article_in_one_event(session)


def test_a_look_for_a_second_story_reads_the_latest_originals_only(
    session: Session, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A look weighs every pair of the members it reads, so it reads the latest
    ``event_split_among`` originals only (those where a story drifting in shows): here 8 of
    the event's 16, the newest."""
    looked: list[list[int]] = []
    real = stories.scoring.second_community

    def spy(members: Mapping[int, Vector], policy: EventPolicy) -> frozenset[int]:
        looked.append(sorted(members))
        return real(members, policy)

    monkeypatch.setattr(stories.scoring, "second_community", spy)
    loose = dataclasses.replace(
        settings, event_similarity_threshold=0.08, event_split_among=8
    )
    articles = [
        _add(session, f"h{hour}", title, "", T0 + timedelta(hours=hour), f"s{hour % 3}.example")
        for hour, title in enumerate(CRANE_HEADLINES + BAKERY_HEADLINES)
    ]
    process_new_articles(session, loose, T0 + timedelta(hours=24))
    sixteen = [ids for ids in looked if ids[-1] == articles[15].id]
    assert sixteen and all(len(ids) == 8 for ids in looked)
    assert sixteen[0] == [a.id for a in articles[8:16]]
