"""Incremental deduplication and event assignment over the warehouse tables.

Every lookup is indexed and bounded, whatever the size of the warehouse: exact duplicates by
``content_hash``, near duplicates by LSH band keys, candidate events by ``(term, published_at)``
range scans that read at most ``event_postings_per_term`` rows per term, nearest in time first.
Document frequencies, event centroids and event attributes are kept in memory for the run and
written once (load/story_state.py). Every decision on what is read (terms, links, event
scores, joins and merges) is taken by the pure functions of transform/event_scoring.py,
transform/events.py and transform/fingerprint.py.
"""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import (
    Select,
    and_,
    bindparam,
    create_engine,
    delete,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    true,
    union,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from load.entity_store import (
    event_top_names,
    refresh_event_entities,
    store_article_entities,
)
from load.models import (
    Article,
    ArticleBand,
    ArticleEntity,
    ArticleSignature,
    ArticleTerm,
    Base,
    Event,
    EventArticle,
    EventMerge,
    EventWait,
    NamedEntity,
    Source,
    StoryCounter,
)
from load.story_state import (
    DocumentFrequencies,
    EventCentroids,
    LruCache,
    StoryError,
    TermLinks,
    chunks,
    in_list,
    insert_rows,
    read_vectors,
)
from transform import event_scoring as scoring
from transform import events as ev
from transform import fingerprint as fp
from transform.entities import Entity, EntityMention, recognize_entities
from transform.story_input import StoryInputError, checked_story_record
from wirehouse.settings import Settings

DOCUMENTS = "documents"  # story_counters row: number of original articles (the IDF's N)
_SUMMARY_WORDS = 60
_WEIGHTS = ev.TermWeights()
_NO_TERM = ""  # pads the fixed-size posting lookup: no stored term is empty

_TERMS = ArticleTerm.__table__
_BANDS = ArticleBand.__table__
_EVENTS = Event.__table__
_MEMBERS = EventArticle.__table__
_ARTICLE_ENTITIES = ArticleEntity.__table__
_ENTITIES = NamedEntity.__table__
_WAITS = EventWait.__table__
_NAMED_IN_TOP_TERMS = 3  # people and places that lead an event's top terms
# statements run for every article, built once (story_state.in_list)
_LANGUAGES = select(Article.id, Article.language).where(Article.id.in_(in_list("ids")))
_EVENTS_OF = select(_MEMBERS.c.article_id, _MEMBERS.c.event_id).where(
    _MEMBERS.c.article_id.in_(in_list("ids"))
)
_SAME_CONTENT = (
    select(Article.id, Article.duplicate_of_id)
    .where(
        Article.content_hash == bindparam("content_hash"),
        Article.id != bindparam("article_id"),
        Article.clustered_at.is_not(None),
    )
    .limit(1)
)
_SIGNATURES = select(ArticleSignature.article_id, ArticleSignature.signature).where(
    ArticleSignature.article_id.in_(in_list("ids"))
)


@dataclass(frozen=True)
class _Look:
    """An event's latest originals as a look read them: ids in order, stored and weighted terms."""

    ids: list[int]
    stored: dict[int, dict[str, float]]
    weighted: dict[int, dict[str, float]]


@dataclass(frozen=True)
class _Waiting:
    """A lone article (``event_id`` holds it alone), waiting on the event that scored nearest
    to it, below the join threshold; ``best_link`` is its strongest link to that event's
    members so far. Kept across runs in ``event_waits``."""

    article_id: int
    event_id: int
    when: datetime
    best_link: float


@dataclass(frozen=True)
class StorySummary:
    articles_seen: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    events_created: int = 0
    events_updated: int = 0
    events_merged: int = 0
    # Where the time went: duplicate lookups, and everything else (event assignment, writes).
    dedup_seconds: float = field(default=0.0, compare=False)
    events_seconds: float = field(default=0.0, compare=False)


@dataclass
class _Tally:
    seen: int = 0
    exact: int = 0
    near: int = 0
    created: set[int] = field(default_factory=set)
    touched: set[int] = field(default_factory=set)
    merged: int = 0
    dedup_seconds: float = 0.0


def _terms(article: Article, mentions: list[EntityMention]) -> dict[str, float]:
    return ev.article_terms(article.title, article.text, _WEIGHTS, article.language, mentions)


def read_mentions(connection: Connection, article_ids: list[int]) -> dict[int, list[EntityMention]]:
    """The stored entities of articles (``article_entities``, filled when they were loaded),
    most mentioned first; an article without any maps to ``[]``."""
    out: dict[int, list[EntityMention]] = {i: [] for i in article_ids}
    e, a = _ENTITIES.c, _ARTICLE_ENTITIES.c
    for chunk in chunks(article_ids):
        rows = connection.execute(
            select(a.article_id, a.mentions, a.in_title, e.kind, e.name, e.key)
            .add_columns(e.country_code, e.lat, e.lon)
            .join(_ENTITIES, e.id == a.entity_id)
            .where(a.article_id.in_(chunk))
            .order_by(a.article_id, a.mentions.desc(), e.key)
        )
        for row in rows:
            entity = Entity(row.kind, row.name, row.key, row.country_code, row.lat, row.lon)
            out[row.article_id].append(EntityMention(entity, row.mentions, bool(row.in_title)))
    return out


def _when(article: Article) -> datetime:
    return article.published_at or article.first_seen_at


def _utc(moment: datetime | str | None) -> datetime | None:
    """Aggregates bypass the column type on SQLite: restore the zone (or parse the text)."""
    if moment is None:
        return None
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _is_original() -> ColumnElement[bool]:
    """Articles that duplicate none, written so no index on ``duplicate_of_id`` serves it: with
    a long IN list of events, SQLite would otherwise walk every original in the warehouse
    (``IS NULL`` matches nearly all of them) instead of the few members of those events."""
    return func.coalesce(Article.duplicate_of_id, 0) == 0  # ids start at 1


def _posting_lookup(terms: int, per_side: int) -> Select:
    """One statement reading the postings of up to ``terms`` terms inside the event window:
    per term, at most ``per_side`` rows on each side of ``when``, nearest in time first, so a
    term common in a busy window costs a bounded index scan. Parameters: ``t0``..``tN``,
    ``start``, ``when``, ``end``."""
    columns = (_TERMS.c.article_id, _TERMS.c.term, _TERMS.c.weight)
    when = bindparam("when", type_=_TERMS.c.published_at.type)
    start = bindparam("start", type_=_TERMS.c.published_at.type)
    end = bindparam("end", type_=_TERMS.c.published_at.type)
    parts = []
    for index in range(terms):
        term = bindparam(f"t{index}", type_=_TERMS.c.term.type)
        before = (
            select(*columns)
            .where(_TERMS.c.term == term, _TERMS.c.published_at <= when)
            .where(_TERMS.c.published_at >= start)
            .order_by(_TERMS.c.published_at.desc())
            .limit(per_side)
        )
        after = (
            select(*columns)
            .where(_TERMS.c.term == term, _TERMS.c.published_at > when)
            .where(_TERMS.c.published_at <= end)
            .order_by(_TERMS.c.published_at)
            .limit(per_side)
        )
        parts += [select(before.subquery()), select(after.subquery())]
    return union_all(*parts)


def _posting_lateral(per_side: int) -> Select:
    """PostgreSQL: :func:`_posting_lookup` as one short statement, the same rows in the same
    order (term by term, each term's rows before ``when`` then after), over the array
    parameter ``terms``. Its text stays short whatever the number of terms: psycopg caches
    its conversion (the union of two selects per term is too long for that, and was
    converted again for every article) and the server prepares it once."""
    columns = (_TERMS.c.article_id, _TERMS.c.term, _TERMS.c.weight)
    when = bindparam("when", type_=_TERMS.c.published_at.type)
    start = bindparam("start", type_=_TERMS.c.published_at.type)
    end = bindparam("end", type_=_TERMS.c.published_at.type)
    wanted = (
        func.unnest(bindparam("terms", type_=ARRAY(_TERMS.c.term.type)))
        .table_valued("term")
        .render_derived(name="wanted")
    )
    before = (
        select(*columns)
        .where(_TERMS.c.term == wanted.c.term, _TERMS.c.published_at <= when)
        .where(_TERMS.c.published_at >= start)
        .order_by(_TERMS.c.published_at.desc())
        .limit(per_side)
    )
    after = (
        select(*columns)
        .where(_TERMS.c.term == wanted.c.term, _TERMS.c.published_at > when)
        .where(_TERMS.c.published_at <= end)
        .order_by(_TERMS.c.published_at)
        .limit(per_side)
    )
    found = union_all(before, after).subquery().lateral("found")
    return select(found.c.article_id, found.c.term, found.c.weight).join_from(wanted, found, true())


def _band_lookup(bands: int, limit: int) -> Select:
    """Articles sharing at least one LSH band key; parameter ``k<n>`` is band n's bucket.

    An OR of equalities, not a row-value IN: SQLite scans the table for the latter. The band
    numbers are written into the statement: with a parameter each, it has more parameters than
    psycopg caches the conversion of (50), which then parses the statement on every call."""
    matches = [
        and_(_BANDS.c.band == literal_column(str(i)), _BANDS.c.bucket == bindparam(f"k{i}"))
        for i in range(bands)
    ]
    return select(_BANDS.c.article_id).where(or_(*matches)).distinct().limit(limit)


class _Weighed(Mapping[int, dict[str, float]]):
    """Stored vectors (``raw``, of the ids ``order``) weighed by ``weigh`` when first read:
    of a new article's candidate members, most are held apart by their roles and never
    compared (:func:`transform.event_scoring.best_links`). Read while the document counts
    stay as they are (within one :meth:`_Clusterer._score_events`), each weighs as it would
    have at once."""

    def __init__(
        self,
        order: list[int],
        raw: Mapping[int, Mapping[str, float]],
        weigh: Callable[[list[Mapping[str, float]]], list[dict[str, float]]],
    ) -> None:
        self._order = order
        self._raw = raw
        self._weigh = weigh
        self._done: dict[int, dict[str, float]] = {}

    def __getitem__(self, key: int) -> dict[str, float]:
        found = self._done.get(key)
        if found is None:
            (found,) = self._weigh([self._raw[key]])
            self._done[key] = found
        return found

    def __iter__(self) -> Iterator[int]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)


class _Clusterer:
    """One pass over the pending articles, sharing a session and the settings.

    Rows that later articles of the run must find (article terms, LSH bands, signatures, event
    memberships) are inserted at once; document frequencies, centroids, event attributes and
    the articles' own columns are written by :meth:`finish`.
    """

    def __init__(
        self, session: Session, settings: Settings, now: datetime, started: float | None = None
    ) -> None:
        self.s = session
        self.started = time.perf_counter() if started is None else started  # for the timings
        self.settings = settings
        self.now = now
        self.window = timedelta(days=settings.event_window_days)
        self.policy = scoring.EventPolicy.from_settings(settings)
        self.tally = _Tally()
        self.documents = self._read_documents()
        self.frequencies = DocumentFrequencies(lambda: self.c)
        self.centroids = EventCentroids(lambda: self.c, settings.event_cached_events)
        self.links = TermLinks(
            settings.event_waiting_pairs, settings.event_link_terms, settings.event_link_support
        )
        self._terms_cache: LruCache[int, dict[str, float]] = LruCache(
            settings.event_cached_articles
        )
        self._roles_cache: LruCache[int, scoring.Roles] = LruCache(settings.event_cached_articles)
        # the IDF factor of each term weighed (ev.term_factors) while the document counts and
        # their total stay as they were when it was worked out (_factors_state)
        self._factors: dict[str, float | None] = {}
        self._factors_state: tuple[int, int] = (-1, -1)
        # the IDF of each document count at the total of _factors_state (ev.term_factors): the
        # counts of the terms change with every article stored, the IDF of a count only with
        # the total
        self._idfs: dict[int, float] = {}
        self._language_cache: LruCache[int, str] = LruCache(
            settings.event_cached_articles
        )  # "": unknown
        self._run_hashes: dict[str, int] = {}  # content hash -> original, for this run's articles
        self._mentions_read: dict[int, list[EntityMention]] = {}  # of the chunk in process
        per_side = max(1, settings.event_postings_per_term // 2)
        self._lateral = session.get_bind().dialect.name == "postgresql"
        self._postings = (
            _posting_lateral(per_side)
            if self._lateral
            else _posting_lookup(settings.event_lookup_terms, per_side)
        )
        self._bands = _band_lookup(settings.minhash_bands, settings.near_duplicate_candidates)
        # Events of one article waiting (event -> article), and per event the lone articles
        # whose nearest event it was (_recall_waiting): read from event_waits by _take_up for
        # the events the run changes (or all at once by read_waits), changed in memory,
        # written back by finish. _stored_waits mirrors the rows read (article -> waited-on
        # event, best link) as they now are.
        self._taken_up: set[int] = set()  # events whose waits _take_up has read
        self._all_waits_read = False
        self._lone: dict[int, int] = {}
        self._waiting: dict[int, list[_Waiting]] = defaultdict(list)
        self._stored_waits: dict[int, tuple[int, float]] = {}
        self._stored_on: dict[int, set[int]] = defaultdict(set)  # event -> its stored waiters
        self._latest: datetime | None = None  # the newest article clustered in the run
        self._originals: dict[int, int] = {}  # event -> originals it holds (_originals_in)

    @property
    def c(self) -> Connection:
        """The session's connection: statements on it skip the ORM (and its autoflush)."""
        return self.s.connection()

    # --- corpus statistics -------------------------------------------------------------

    def _read_documents(self) -> int:
        value = self.s.scalar(select(StoryCounter.value).where(StoryCounter.name == DOCUMENTS))
        return int(value or 0)

    def _write_documents(self) -> None:
        table = StoryCounter.__table__
        exists = self.c.scalar(select(table.c.name).where(table.c.name == DOCUMENTS))
        if exists is None:
            self.c.execute(insert(table).values(name=DOCUMENTS, value=self.documents))
        else:
            self.c.execute(
                update(table).where(table.c.name == DOCUMENTS).values(value=self.documents)
            )

    def _weigh(self, vectors: Iterable[Mapping[str, float]]) -> list[dict[str, float]]:
        vectors = list(vectors)
        counts = self.frequencies.counts
        state = (self.frequencies.changes, self.documents)
        if state != self._factors_state:
            if state[1] != self._factors_state[1]:
                self._idfs = {}
            self._factors, self._factors_state = {}, state
        missing = set().union(*vectors).difference(self._factors)
        self.frequencies.ensure(missing)
        self._factors.update(ev.term_factors(missing, counts, self.documents, self._idfs))
        return [ev.weigh(v, counts, self.documents, self._factors) for v in vectors]

    # --- article terms ---------------------------------------------------------------------

    def prefetch_mentions(self, article_ids: list[int]) -> None:
        """Read the stored entities of the next articles to process, in one query."""
        if self.settings.event_entities:
            self._mentions_read = read_mentions(self.c, article_ids)

    def _mentions(self, article: Article) -> list[EntityMention]:
        if not self.settings.event_entities:
            return []
        found = self._mentions_read.pop(article.id, None)
        if found is None:
            found = read_mentions(self.c, [article.id])[article.id]
        return found

    def _store_terms(
        self, article_id: int, frequencies: Mapping[str, float], when: datetime
    ) -> None:
        insert_rows(
            self.c,
            _TERMS,
            [
                {"article_id": article_id, "term": t, "weight": w, "published_at": when}
                for t, w in frequencies.items()
            ],
        )
        self._terms_cache.put(article_id, dict(frequencies))
        self.frequencies.add(frequencies, +1)
        self.documents += 1

    def _drop_terms(self, article_id: int) -> dict[str, float]:
        frequencies = self._terms_of([article_id])[article_id]
        self.c.execute(delete(_TERMS).where(_TERMS.c.article_id == article_id))
        self._terms_cache.drop(article_id)
        self._roles_cache.drop(article_id)
        self._language_cache.drop(article_id)
        self.frequencies.add(frequencies, -1)
        self.documents -= 1
        return frequencies

    def _terms_of(self, article_ids: list[int]) -> dict[int, dict[str, float]]:
        """Raw term frequencies of stored originals; ``{}`` for an article without terms."""
        out = {i: v for i in article_ids if (v := self._terms_cache.get(i)) is not None}
        missing = [i for i in article_ids if i not in out]
        out.update(read_vectors(self.c, _TERMS, "article_id", missing, self._terms_cache))
        return out

    def _roles_of(
        self, article_ids: list[int], stored: Mapping[int, Mapping[str, float]]
    ) -> dict[int, scoring.Roles]:
        """The roles of stored originals whose term vectors are ``stored``; an article's
        terms never change while it is stored, so its roles are worked out once."""
        out: dict[int, scoring.Roles] = {}
        for article_id in article_ids:
            found = self._roles_cache.get(article_id)
            if found is None:
                found = scoring.roles(
                    stored[article_id], _WEIGHTS.who_where, self.policy.commute_km
                )
                self._roles_cache.put(article_id, found)
            out[article_id] = found
        return out

    def _languages_of(self, article_ids: list[int]) -> dict[int, str]:
        """The languages of stored originals ("" where unknown), read once per article."""
        out = {i: found for i in article_ids if (found := self._language_cache.get(i)) is not None}
        missing = [i for i in article_ids if i not in out]
        for chunk in chunks(missing):
            for article_id, language in self.c.execute(_LANGUAGES, {"ids": chunk}).all():
                out[article_id] = language or ""
        for article_id in missing:
            self._language_cache.put(article_id, out.setdefault(article_id, ""))
        return out

    def _event_of(self, article_id: int) -> int:
        event_id = self.c.scalar(
            select(_MEMBERS.c.event_id).where(_MEMBERS.c.article_id == article_id)
        )
        if event_id is None:
            raise StoryError(f"article {article_id} was clustered but belongs to no event")
        return event_id

    def _join(self, event_id: int, article_id: int, similarity: float) -> None:
        self._take_up(event_id)
        self._lone.pop(event_id, None)
        self.c.execute(
            insert(_MEMBERS),
            {"event_id": event_id, "article_id": article_id, "similarity": similarity},
        )
        self.tally.touched.add(event_id)

    # --- duplicates ------------------------------------------------------------------------

    def _headline_only(self, article: Article) -> bool:
        """Whether ``article``'s text is shorter than ``dedup_min_words`` words (a headline-only
        feed item): too short for the duplicate checks, and scored as a headline in context.
        Only the first words are split off: a long body is not split whole to count them."""
        least = self.settings.dedup_min_words
        return len(article.text.split(maxsplit=least)) < least

    def _exact_original(self, article: Article) -> int | None:
        if self._headline_only(article):
            return None
        row = self.c.execute(
            _SAME_CONTENT, {"content_hash": article.content_hash, "article_id": article.id}
        ).first()
        if row is not None:
            return row.duplicate_of_id or row.id
        return self._run_hashes.get(article.content_hash)

    def _near_original(self, article: Article) -> tuple[int | None, float]:
        """Store the article's signature and bands; return the best verified match's original."""
        settings = self.settings
        if self._headline_only(article):
            return None, 0.0
        signature = fp.minhash_signature(
            article.text, settings.minhash_permutations, settings.shingle_size
        )
        keys = fp.band_keys(signature, settings.minhash_bands)
        parameters = {f"k{band}": bucket for band, bucket in keys}
        candidates = self.c.execute(self._bands, parameters).scalars().all()
        best_id, best_score = None, 0.0
        if candidates:
            rows = self.c.execute(_SIGNATURES, {"ids": candidates}).all()
            for other_id, blob in sorted(rows):  # ties go to the lowest id
                score = fp.estimated_jaccard(
                    signature, fp.signature_from_bytes(blob, settings.minhash_permutations)
                )
                if score >= settings.near_duplicate_threshold and score > best_score:
                    best_id, best_score = other_id, score
        self.c.execute(
            insert(ArticleSignature.__table__),
            {"article_id": article.id, "signature": fp.signature_to_bytes(signature)},
        )
        insert_rows(
            self.c, _BANDS, [{"band": b, "bucket": k, "article_id": article.id} for b, k in keys]
        )
        if best_id is None:
            return None, 0.0
        best = self.s.get(Article, best_id)  # this run's articles are in the identity map
        if best is None:
            raise StoryError(f"near-duplicate candidate {best_id} does not exist")
        return best.duplicate_of_id or best_id, best_score

    def _attach_duplicate(self, article: Article, original_id: int, similarity: float) -> None:
        original = self.s.get(Article, original_id)
        if original is None:
            raise StoryError(f"duplicate target {original_id} does not exist")
        event_id = self._event_of(original_id)
        if _when(article) >= _when(original):
            article.duplicate_of_id = original_id
            self._join(event_id, article.id, similarity)
            return
        # The earlier original arrived late: it takes the old original's place. Rare, so the
        # ORM statements (which keep this run's loaded articles in step) are fine here.
        self.s.execute(
            update(Article)
            .where(Article.duplicate_of_id == original_id)
            .values(duplicate_of_id=article.id)
        )
        original.duplicate_of_id = article.id
        self.c.execute(
            update(_MEMBERS)
            .where(_MEMBERS.c.article_id == original_id)
            .values(similarity=similarity)
        )
        self._join(event_id, article.id, 1.0)
        self.centroids.add(event_id, self._drop_terms(original_id), -1.0)
        terms = _terms(article, self._mentions(article))
        self._store_terms(article.id, terms, _when(article))
        self.centroids.add(event_id, terms, +1.0)
        for digest, root in self._run_hashes.items():
            if root == original_id:
                self._run_hashes[digest] = article.id

    # --- events ----------------------------------------------------------------------------

    def _score_events(
        self,
        vector: dict[str, float],
        own: scoring.Roles,
        when: datetime,
        language: str | None,
        headline: bool,
        member: tuple[int, int] | None = None,
    ) -> tuple[
        list[tuple[float, int]],
        dict[int, dict[str, float]],
        dict[int, scoring.Roles],
        dict[int, float],
        dict[int, float],
    ]:
        """Candidate events with their scores (best first), their weighted centroids, their
        roles, their strongest member links and their strongest links on names alone from
        members in another language (:func:`transform.event_scoring.name_links`). A
        ``headline`` (a record without a body) is compared with each centroid together with
        the terms the run's events link to it (:func:`transform.event_scoring.in_context`).
        ``member`` (an article and its event) scores a stored member again (:meth:`_reassign`):
        the member itself is no candidate, and its event is always scored."""
        settings = self.settings
        counts = self.frequencies.counts
        lookup = scoring.lookup_terms(
            vector, counts, settings.event_lookup_terms, settings.event_lookup_names
        )
        if not lookup:
            return [], {}, {}, {}, {}
        parameters: dict[str, object] = {
            "when": when,
            "start": when - self.window,
            "end": when + self.window,
        }
        if self._lateral:
            parameters["terms"] = lookup
        else:
            for index in range(settings.event_lookup_terms):
                parameters[f"t{index}"] = lookup[index] if index < len(lookup) else _NO_TERM
        idfs = {term: ev.idf(counts[term], self.documents) for term in lookup}
        partial: dict[int, float] = defaultdict(float)
        for article_id, term, weight in self.c.execute(self._postings, parameters).all():
            partial[article_id] += vector[term] * weight * idfs[term]
        if member is not None:
            partial.pop(member[0], None)
        top = scoring.nearest_candidates(partial, settings.event_candidate_articles)
        if not top:
            return [], {}, {}, {}, {}
        stored = self._terms_of(top)
        weighted = _Weighed(top, stored, self._weigh)
        event_of = dict(self.c.execute(_EVENTS_OF, {"ids": top}).all())
        for article_id in top:
            if article_id not in event_of:
                raise StoryError(f"article {article_id} has terms but no event")
        member_roles = self._roles_of(top, stored)
        best_link = scoring.best_links(vector, weighted, event_of, self.policy, own, member_roles)
        event_ids = scoring.events_to_score(best_link, settings.event_candidate_events)
        if member is not None and member[1] not in event_ids:
            event_ids = sorted([*event_ids, member[1]])
        # A large event is scored on its heaviest terms: bounded cost, whatever its size.
        raw = self.centroids.get(event_ids)
        centroids = dict(
            zip(
                event_ids,
                self._weigh(
                    ev.strongest(raw[e], settings.event_scored_centroid_terms) for e in event_ids
                ),
                strict=True,
            )
        )
        event_roles = self.centroids.roles(event_ids, _WEIGHTS.who_where, self.policy.commute_km)
        named = scoring.name_links(
            scoring.placed_by_its_event(vector, best_link, centroids, self.policy),
            language,
            weighted,
            self._languages_of(top),
            event_of,
            own,
            member_roles,
            event_roles,
            self.policy.commute_km,
            self.policy.specific_town_population,
        )
        # the raw vectors: owned_names reads which names a member holds, and weighing drops
        # role-only terms alone, never a name's
        owned = scoring.owned_names(vector, stored, event_of, counts)
        context = None
        if headline:
            links = self.links.links
            self.frequencies.ensure(o for t in vector for o in links.get(t, ()))
            context = scoring.in_context(
                vector,
                scoring.linked_terms(vector, links, counts, self.documents),
                settings.event_context_terms,
                settings.event_context_share,
            )
        scored = scoring.score_events(
            vector, best_link, centroids, self.policy, own, event_roles, owned, named, context
        )
        return scored, centroids, event_roles, best_link, named

    def _assign_original(self, article: Article) -> None:
        when = _when(article)
        terms = _terms(article, self._mentions(article))
        (vector,) = self._weigh([terms])
        own = scoring.roles(terms, _WEIGHTS.who_where, self.policy.commute_km)
        headline = self._headline_only(article)
        scored, centroids, event_roles, best_link, named = self._score_events(
            vector, own, when, article.language, headline
        )
        decision = scoring.decide(vector, scored, centroids, self.policy, event_roles, named, own)
        score = decision.score
        if decision.events:
            event_id = decision.events[0]
            for other_id in decision.events[1:]:
                event_id = self._merge(event_id, other_id)
        else:
            event_id = self.c.execute(
                insert(_EVENTS).returning(_EVENTS.c.id),
                {
                    "title": article.title,
                    "summary": ev.lead_of(article.text, _SUMMARY_WORDS),
                    "first_published_at": when,
                    "last_published_at": when,
                    "article_count": 1,
                    "source_count": 1 if article.source_id is not None else 0,
                    "top_terms": "",
                },
            ).scalar_one()
            self.centroids.create(event_id)
            self.tally.created.add(event_id)
            self._taken_up.add(event_id)  # a new event: no stored wait names it
        if decision.events:
            self._originals_in(event_id)  # counted before it joins
        self._join(event_id, article.id, score)
        self._store_terms(article.id, terms, when)
        self._language_cache.put(article.id, article.language or "")
        self.centroids.add(event_id, terms, +1.0)
        if headline and decision.events:
            self.links.add(terms, self.centroids.get([event_id])[event_id])
        if decision.events:
            self._originals[event_id] = self._originals_in(event_id) + 1
            merged = len(decision.events) > 1
            grown = self._recall_waiting(event_id, vector, own, when)
            unparted = self._part_if_two(grown, merged or grown != event_id)
            self._reassign(grown, unparted)
        else:
            self._lone[event_id] = article.id
            if scored and scored[0][0] > 0:
                nearest = scored[0][1]
                self._take_up(nearest)
                self._waiting[nearest].append(
                    _Waiting(article.id, event_id, when, best_link.get(nearest, 0.0))
                )
        if self.centroids.dirty > self.settings.event_dirty_events:
            self.centroids.write()

    def _recall_waiting(
        self, event_id: int, vector: dict[str, float], own: scoring.Roles, when: datetime
    ) -> int:
        """Score again, against the event as it now is, the lone articles that found it their
        nearest event when they arrived (below the join threshold then): a story's second
        report may start an event of its own while the story's event holds one or two
        headlines, and its later reports make that event what the lone one was about. Each
        that reaches the threshold now merges into it, if it is still alone and within the
        window. Returns the event's id after those merges."""
        self._take_up(event_id)
        waiting = self._waiting.pop(event_id, [])
        if not waiting:
            return event_id
        raw = self.centroids.get([event_id])[event_id]
        (centroid,) = self._weigh([ev.strongest(raw, self.settings.event_scored_centroid_terms)])
        (event_roles,) = self.centroids.roles(
            [event_id], _WEIGHTS.who_where, self.policy.commute_km
        ).values()
        live = [
            entry
            for entry in waiting
            if self._lone.get(entry.event_id) == entry.article_id
            and when - entry.when <= self.window
        ]
        ids = [entry.article_id for entry in live]
        stored = self._terms_of(ids)
        vectors = dict(zip(ids, self._weigh(stored[i] for i in ids), strict=True))
        roles = self._roles_of(ids, stored)
        still: list[_Waiting] = []
        for entry in live:
            lone_vector, lone_roles = vectors[entry.article_id], roles[entry.article_id]
            if scoring.kept_waiting(lone_roles, event_roles, self.policy.commute_km):
                still.append(entry)
                continue
            if not scoring.held_apart(lone_roles, own, self.policy.commute_km):  # one more link
                link = scoring.link(lone_vector, vector, self.policy)
                entry = dataclasses.replace(entry, best_link=max(entry.best_link, link))
            if scoring.rejoins(lone_vector, entry.best_link, centroid, self.policy):
                event_id = self._merge(event_id, entry.event_id)
            else:
                still.append(entry)
        still.extend(self._waiting.pop(event_id, []))
        self._waiting[event_id] = still
        return event_id

    def _originals_in(self, event_id: int) -> int:
        """How many originals the event holds, counted once per run and then kept in step."""
        if event_id not in self._originals:
            self._originals[event_id] = self.c.scalar(
                select(func.count())
                .select_from(_MEMBERS)
                .join(Article, Article.id == _MEMBERS.c.article_id)
                .where(_MEMBERS.c.event_id == event_id, _is_original())
            )
        return self._originals[event_id]

    def _part_if_two(self, event_id: int, merged: bool) -> _Look | None:
        """Move a second story out of an event that grew (:func:`scoring.second_community`)
        into an event of its own. Looked at when the event merged, or when its originals
        reach a power of two: each member is read a bounded number of times per doubling, and
        a look reads the latest ``event_split_among`` originals only, where a story drifting in
        shows. Returns what the look read when it parted nothing (the event is then as read,
        for :meth:`_reassign` at the same look), else None."""
        size = self._originals_in(event_id)
        if size < self.settings.event_split_from or (not merged and size & (size - 1)):
            return None
        look = self._look(event_id)
        part = sorted(scoring.second_community(look.weighted, self.policy))
        if not part:
            return look
        stored = look.stored
        first = self.s.get(Article, part[0])
        if first is None:
            raise StoryError(f"event member {part[0]} does not exist")
        new_id = self.c.execute(
            insert(_EVENTS).returning(_EVENTS.c.id),
            {
                "title": first.title,
                "summary": ev.lead_of(first.text, _SUMMARY_WORDS),
                "first_published_at": _when(first),
                "last_published_at": _when(first),
                "article_count": len(part),
                "source_count": 0,
                "top_terms": "",
            },
        ).scalar_one()
        self.centroids.create(new_id)
        self._taken_up.add(new_id)
        for article_id in part:
            self.centroids.add(event_id, stored[article_id], -1.0)
            self.centroids.add(new_id, stored[article_id], +1.0)
        for chunk in chunks(part):
            copies = select(Article.id).where(Article.duplicate_of_id.in_(chunk))
            self.c.execute(
                update(_MEMBERS)
                .where(
                    _MEMBERS.c.event_id == event_id,
                    or_(_MEMBERS.c.article_id.in_(chunk), _MEMBERS.c.article_id.in_(copies)),
                )
                .values(event_id=new_id)
            )
        self._originals[event_id] -= len(part)
        self._originals[new_id] = len(part)
        self.tally.created.add(new_id)
        self.tally.touched.update((event_id, new_id))
        return None

    def _look(self, event_id: int) -> _Look:
        """The event's latest ``event_split_among`` originals, in id order, with their terms."""
        ids = sorted(
            self.c.execute(
                select(_MEMBERS.c.article_id)
                .join(Article, Article.id == _MEMBERS.c.article_id)
                .where(_MEMBERS.c.event_id == event_id, _is_original())
                .order_by(_MEMBERS.c.article_id.desc())
                .limit(self.settings.event_split_among)
            ).scalars()
        )
        stored = self._terms_of(ids)
        return _Look(ids, stored, dict(zip(ids, self._weigh(stored[i] for i in ids), strict=True)))

    def _reassign(self, event_id: int, look: _Look | None) -> None:
        """Score each member of an event whose originals reached a power of two from
        ``event_reassign_from`` on (16, 32, ...) again, against the events retrieval finds for
        it, its own event's centroid and links taken without it, and move it (with its
        duplicates and its share of the centroids) where :func:`scoring.moves_to` says. A
        member joined while its event was small; other events grew since. Of the latest
        ``event_split_among`` originals (as a look for a second story reads), the
        ``event_reassign_per_look`` least like the event without them
        (:func:`scoring.least_central`) are scored: a bounded cost per look, whatever the
        event's size. It leaves the event ``event_reassign_keep`` originals. ``look``: what the
        look for a second story just read of the event, unchanged since (else read here)."""
        size = self._originals_in(event_id)
        if size < self.settings.event_reassign_from or size & (size - 1):
            return
        if look is None:
            look = self._look(event_id)
        stored, vectors = look.stored, look.weighted
        (centroid,) = self._weigh([self.centroids.get([event_id])[event_id]])
        ids = scoring.least_central(vectors, centroid, self.settings.event_reassign_per_look)
        roles = self._roles_of(ids, stored)
        articles = {a.id: a for a in self.s.scalars(select(Article).where(Article.id.in_(ids)))}
        for article_id in ids:
            if self._originals_in(event_id) < self.settings.event_reassign_keep:
                return
            article = articles[article_id]
            self.centroids.add(event_id, stored[article_id], -1.0)
            scored, *_ = self._score_events(
                vectors[article_id],
                roles[article_id],
                _when(article),
                article.language,
                self._headline_only(article),
                member=(article_id, event_id),
            )
            target = scoring.moves_to(scored, event_id, self.policy)
            self.centroids.add(target, stored[article_id], +1.0)
            if target != event_id:
                score = next(s for s, e in scored if e == target)
                self._move(article_id, event_id, target, score)

    def _move(self, article_id: int, source: int, target: int, similarity: float) -> None:
        """Move an original and its duplicates from one event to another (centroids apart)."""
        self._take_up(target)
        self._lone.pop(target, None)
        joined = self._originals_in(target) + 1
        self.c.execute(
            update(_MEMBERS)
            .where(_MEMBERS.c.article_id == article_id)
            .values(event_id=target, similarity=similarity)
        )
        copies = select(Article.id).where(Article.duplicate_of_id == article_id)
        self.c.execute(
            update(_MEMBERS)
            .where(_MEMBERS.c.event_id == source, _MEMBERS.c.article_id.in_(copies))
            .values(event_id=target)
        )
        self._originals[source] -= 1
        self._originals[target] = joined
        self.tally.touched.update((source, target))

    def _rank(self, event_id: int) -> tuple:
        """Which of two merging events survives: the older, then the larger, then lower id."""
        when = func.coalesce(Article.published_at, Article.first_seen_at)
        first, count = self.c.execute(
            select(func.min(when), func.count())
            .select_from(_MEMBERS)
            .join(Article, Article.id == _MEMBERS.c.article_id)
            .where(_MEMBERS.c.event_id == event_id)
        ).one()
        if not count:
            raise StoryError(f"cannot merge event {event_id}: it has no articles")
        return (_utc(first), -count, event_id)

    def _merge(self, first_id: int, second_id: int) -> int:
        """Merge two events; returns the survivor."""
        self._take_up(first_id)
        self._take_up(second_id)
        survivor, merged = sorted((first_id, second_id), key=self._rank)
        self.centroids.add(survivor, dict(self.centroids.get([merged])[merged]), +1.0)
        self.centroids.delete(merged)
        self.c.execute(
            update(_MEMBERS).where(_MEMBERS.c.event_id == merged).values(event_id=survivor)
        )
        merges = EventMerge.__table__
        # Earlier merges into the absorbed event now point at where their articles went.
        self.c.execute(
            update(merges).where(merges.c.survivor_id == merged).values(survivor_id=survivor)
        )
        self.c.execute(
            insert(merges),
            {"survivor_id": survivor, "merged_id": merged, "merged_at": self.now},
        )
        self._repoint_waits(merged, survivor)
        self.c.execute(delete(_EVENTS).where(_EVENTS.c.id == merged))
        self.tally.merged += 1
        self._originals.pop(merged, None)
        self._originals.pop(survivor, None)
        self._lone.pop(merged, None)
        self._lone.pop(survivor, None)
        if merged in self._waiting:
            self._waiting[survivor] += self._waiting.pop(merged)
        self.tally.created.discard(merged)
        self.tally.touched.discard(merged)
        self.tally.touched.add(survivor)
        return survivor

    # --- waiting across runs -----------------------------------------------------------------

    def waits_at_most(self, count: int) -> bool:
        """Whether earlier runs left at most ``count`` waits (counting no further)."""
        some = select(_WAITS.c.article_id).limit(count + 1).subquery()
        return self.c.scalar(select(func.count()).select_from(some)) <= count

    def read_waits(self) -> None:
        """Take up every lone article earlier runs left waiting (``event_waits``) at once,
        instead of event by event as the run changes them (:meth:`_take_up`)."""
        self._read_stored_waits(None)
        self._all_waits_read = True

    def _take_up(self, event_id: int) -> None:
        """Take up the lone articles earlier runs left waiting that a change to the event can
        recall, move or end, unless taken up already: those waiting on it, and its own
        report's wait if that report is alone, with every other wait on the event it waits on
        (each event's waiters are kept oldest first). The waits of events the run leaves alone
        stay as they are in the table; so one batch reads no more of it than it touches."""
        if self._all_waits_read or event_id in self._taken_up:
            return
        self._taken_up.add(event_id)
        w = _WAITS.c
        # a stored waiter is alone in its event: two of the event's reports are enough to see
        own = select(_MEMBERS.c.article_id).where(_MEMBERS.c.event_id == event_id).limit(2)
        waited_on = select(w.event_id).where(w.article_id.in_(own))
        self._read_stored_waits(w.event_id.in_(union(select(literal(event_id)), waited_on)))

    def _read_stored_waits(self, which: ColumnElement[bool] | None) -> None:
        """Take up stored waits (all, or ``which`` of them) not taken up yet, oldest first:
        each is scored again, as in the run that left it alone, whenever the event it waits
        on grows. A stored waiter is alone in its event (``finish`` keeps no other)."""
        w = _WAITS.c
        when = func.coalesce(Article.published_at, Article.first_seen_at)
        query = (
            select(w.article_id, w.event_id, w.best_link, _MEMBERS.c.event_id.label("lone"))
            .add_columns(when.label("when"))
            .join(Article, Article.id == w.article_id)
            .outerjoin(_MEMBERS, _MEMBERS.c.article_id == w.article_id)
            .order_by(when, w.article_id)
        )
        for row in self.c.execute(query if which is None else query.where(which)):
            if row.article_id in self._stored_waits:
                continue
            if row.lone is None:
                raise StoryError(f"article {row.article_id} waits but belongs to no event")
            self._lone[row.lone] = row.article_id
            self._waiting[row.event_id].append(
                _Waiting(row.article_id, row.lone, _utc(row.when), row.best_link)
            )
            self._stored_waits[row.article_id] = (row.event_id, row.best_link)
            self._stored_on[row.event_id].add(row.article_id)

    def _repoint_waits(self, merged: int, survivor: int) -> None:
        """Stored waiters on an event merged away now wait on its survivor (before the
        merged event's row goes: they reference it)."""
        moved = self._stored_on.pop(merged, set())
        if not moved:
            return
        self.c.execute(update(_WAITS).where(_WAITS.c.event_id == merged).values(event_id=survivor))
        self._stored_on[survivor] |= moved
        for article_id in moved:
            self._stored_waits[article_id] = (survivor, self._stored_waits[article_id][1])

    def _write_waits(self) -> None:
        """Write back who waits: the lone articles still alone and within the window of the
        newest article clustered (an older one could be recalled only by an article published
        before that newest one and arriving later), each on the event it now waits on; only
        the rows that changed are written."""
        horizon = None if self._latest is None else self._latest - self.window
        live: dict[int, tuple[int, float]] = {}
        for event_id, entries in self._waiting.items():
            for entry in entries:
                if self._lone.get(entry.event_id) != entry.article_id:
                    continue
                if horizon is None or entry.when >= horizon:
                    live[entry.article_id] = (event_id, entry.best_link)
        gone = sorted(a for a, row in self._stored_waits.items() if live.get(a) != row)
        for chunk in chunks(gone):
            self.c.execute(delete(_WAITS).where(_WAITS.c.article_id.in_(chunk)))
        fresh = [
            {"article_id": a, "event_id": e, "best_link": link}
            for a, (e, link) in sorted(live.items())
            if self._stored_waits.get(a) != (e, link)
        ]
        if fresh:
            self.c.execute(insert(_WAITS), fresh)
        if horizon is not None and not self._all_waits_read:
            # the waits not taken up that left the window go too, as if they had been read
            when = func.coalesce(Article.published_at, Article.first_seen_at)
            expired = (
                select(_WAITS.c.article_id)
                .join(Article, Article.id == _WAITS.c.article_id)
                .where(when < horizon)
            )
            self.c.execute(delete(_WAITS).where(_WAITS.c.article_id.in_(expired)))
        self._stored_waits = live
        self._stored_on = defaultdict(set)
        for article_id, (event_id, _) in live.items():
            self._stored_on[event_id].add(article_id)

    # --- event attributes ---------------------------------------------------------------------

    def _refresh_events(self, event_ids: list[int]) -> None:
        """Recompute counts, time span, title, summary and top terms of events, in bulk.

        ``source_count`` counts distinct ``source_id`` values; articles with no source row are
        not attributed to any. The title is the headline of the most central original among
        the members that were most similar when they joined: bounded cost, whatever the size.
        """
        when = func.coalesce(Article.published_at, Article.first_seen_at)
        refresh_event_entities(self.c, event_ids)
        rows = []
        for chunk in chunks(event_ids):
            stats = {
                row.event_id: row
                for row in self.c.execute(
                    select(
                        _MEMBERS.c.event_id,
                        func.count().label("articles"),
                        func.count(Article.source_id.distinct()).label("sources"),
                        func.min(when).label("first"),
                        func.max(when).label("last"),
                    )
                    .join(Article, Article.id == _MEMBERS.c.article_id)
                    .where(_MEMBERS.c.event_id.in_(chunk))
                    .group_by(_MEMBERS.c.event_id)
                )
            }
            ranked = (
                select(
                    _MEMBERS.c.event_id,
                    _MEMBERS.c.article_id,
                    func.row_number()
                    .over(
                        partition_by=_MEMBERS.c.event_id,
                        order_by=(_MEMBERS.c.similarity.desc(), _MEMBERS.c.article_id),
                    )
                    .label("rank"),
                )
                .join(Article, Article.id == _MEMBERS.c.article_id)
                .where(_MEMBERS.c.event_id.in_(chunk), _is_original())
                .subquery()
            )
            leaders: dict[int, list[int]] = defaultdict(list)
            for event_id, article_id in self.c.execute(
                select(ranked.c.event_id, ranked.c.article_id).where(
                    ranked.c.rank <= self.settings.event_title_candidates
                )
            ):
                leaders[event_id].append(article_id)
            raw = self.centroids.get(chunk)
            best: dict[int, int] = {}
            centroids: dict[int, dict[str, float]] = {}
            for event_id in chunk:
                if event_id not in stats or not leaders[event_id]:
                    raise StoryError(f"event {event_id} has no original article")
                ids = sorted(leaders[event_id])
                (centroids[event_id],) = self._weigh([raw[event_id]])
                stored = self._terms_of(ids)
                weighted = dict(zip(ids, self._weigh(stored[a] for a in ids), strict=True))
                best[event_id] = scoring.central_member(weighted, centroids[event_id])
            names = event_top_names(
                self.c, chunk, ("person", "vessel", "place"), _NAMED_IN_TOP_TERMS
            )
            texts = {
                row.id: row
                for row in self.c.execute(
                    select(Article.id, Article.title, Article.text).where(
                        Article.id.in_(sorted(set(best.values())))
                    )
                )
            }
            for event_id in chunk:
                leader, stat = texts[best[event_id]], stats[event_id]
                top = ev.top_terms(centroids[event_id], self.settings.event_top_terms)
                values = {
                    "title": leader.title,
                    "summary": ev.lead_of(leader.text, _SUMMARY_WORDS),
                    "first_published_at": _utc(stat.first),
                    "last_published_at": _utc(stat.last),
                    "article_count": stat.articles,
                    "source_count": stat.sources,
                    "top_terms": ", ".join(
                        ev.label_terms(
                            names.get(event_id, []),
                            # the forms of the top words alone: all a label shows
                            ev.readable(
                                top, ev.surface_forms(leader.title, leader.text, stems=top)
                            ),
                            self.settings.event_top_terms,
                        )
                    ),
                }
                # Parameter names may not repeat the columns they set: prefix them.
                rows.append({"event": event_id} | {f"new_{k}": v for k, v in values.items()})
        if rows:
            columns = [name.removeprefix("new_") for name in rows[0] if name != "event"]
            self.c.execute(
                update(_EVENTS)
                .where(_EVENTS.c.id == bindparam("event"))
                .values({name: bindparam(f"new_{name}") for name in columns}),
                rows,
            )

    # --- re-clustering changed articles ------------------------------------------------------

    def forget(self, changed: list[Article]) -> None:
        """Undo the clustering of articles whose content changed (the loader reset their
        ``clustered_at``), and of their duplicates, so all of them are examined afresh."""
        ids = {a.id for a in changed}
        dependents = self.s.scalars(
            select(Article).where(Article.duplicate_of_id.in_(ids), Article.id.not_in(ids))
        ).all()
        events: set[int] = set()
        for article in [*changed, *dependents]:
            event_id = self.c.scalar(
                select(_MEMBERS.c.event_id).where(_MEMBERS.c.article_id == article.id)
            )
            if event_id is not None:
                if article.duplicate_of_id is None:
                    self.centroids.add(event_id, self._drop_terms(article.id), -1.0)
                self.c.execute(delete(_MEMBERS).where(_MEMBERS.c.article_id == article.id))
                events.add(event_id)
            self.c.execute(delete(_BANDS).where(_BANDS.c.article_id == article.id))
            self.c.execute(
                delete(ArticleSignature.__table__).where(ArticleSignature.article_id == article.id)
            )
            self.c.execute(delete(_WAITS).where(_WAITS.c.article_id == article.id))
            article.duplicate_of_id = None
            article.clustered_at = None
        self.s.flush()
        for event_id in sorted(events):
            remaining = self.c.scalar(
                select(func.count()).select_from(_MEMBERS).where(_MEMBERS.c.event_id == event_id)
            )
            if remaining:
                self.tally.touched.add(event_id)
                continue
            # Nothing left: the event goes, with the merge records naming it as survivor
            # and the waits on it (their reports stay alone, waiting on nothing).
            self.centroids.delete(event_id)
            self.c.execute(delete(_WAITS).where(_WAITS.c.event_id == event_id))
            merges = EventMerge.__table__
            self.c.execute(delete(merges).where(merges.c.survivor_id == event_id))
            self.c.execute(delete(_EVENTS).where(_EVENTS.c.id == event_id))

    # --- driver ----------------------------------------------------------------------------

    def process(self, article: Article) -> None:
        self.tally.seen += 1
        started = time.perf_counter()
        original = self._exact_original(article)
        near_original, similarity = self._near_original(article)
        if original is not None:
            self.tally.exact += 1
            self._attach_duplicate(article, original, 1.0)
        elif near_original is not None:
            self.tally.near += 1
            self._attach_duplicate(article, near_original, similarity)
        self.tally.dedup_seconds += time.perf_counter() - started
        if original is None and near_original is None:
            self._assign_original(article)
        if not self._headline_only(article):
            self._run_hashes.setdefault(article.content_hash, article.duplicate_of_id or article.id)
        article.clustered_at = self.now
        when = _when(article)
        if self._latest is None or when > self._latest:
            self._latest = when

    def finish(self) -> StorySummary:
        """Write what the run kept in memory, then report. Loaded events are expired, since
        their rows were written without the ORM."""
        self.s.flush()
        self.centroids.write()
        self.frequencies.write()
        self._write_documents()
        self._write_waits()
        self._refresh_events(sorted(self.tally.touched))
        for instance in list(self.s.identity_map.values()):
            if isinstance(instance, Event | EventArticle | EventMerge | EventWait):
                self.s.expire(instance)
        touched = self.tally.touched - self.tally.created
        return StorySummary(
            articles_seen=self.tally.seen,
            exact_duplicates=self.tally.exact,
            near_duplicates=self.tally.near,
            events_created=len(self.tally.created),
            events_updated=len(touched),
            events_merged=self.tally.merged,
            dedup_seconds=self.tally.dedup_seconds,
            events_seconds=time.perf_counter() - self.started - self.tally.dedup_seconds,
        )


def _forget_changed(session: Session, clusterer: _Clusterer, pending: list[int]) -> bool:
    """Undo the clustering that articles the loader updated (new content) still carry; True
    if there were any."""
    changed: list[Article] = []
    for chunk in chunks(sorted(pending)):
        clustered = select(EventArticle.article_id).where(EventArticle.article_id.in_(chunk))
        changed.extend(session.scalars(select(Article).where(Article.id.in_(clustered))))
    if changed:
        clusterer.forget(changed)
    return bool(changed)


def process_new_articles(
    session: Session,
    settings: Settings,
    now: datetime,
    on_article: Callable[[int, int], None] | None = None,
) -> StorySummary:
    """Deduplicate and assign to events every article not clustered yet.

    Articles are handled in published order (first-seen time when unpublished), loaded a chunk
    at a time and flushed after each, so memory stays bounded however many are pending (the
    session keeps flushed objects only while someone holds them). Flushes but never commits:
    the caller owns the transaction. With nothing pending, no row changes. ``on_article`` hears
    ``(done, pending)`` after each article (progress of the events stage).
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    started = time.perf_counter()
    pending_query = (
        select(Article.id)
        .where(Article.clustered_at.is_(None))
        .order_by(func.coalesce(Article.published_at, Article.first_seen_at), Article.id)
    )
    pending = session.scalars(pending_query).all()
    if not pending:
        return StorySummary()
    clusterer = _Clusterer(session, settings, now, started)
    if _forget_changed(session, clusterer, pending):
        pending = session.scalars(pending_query).all()
    # Reading every stored wait at once costs less than a look-up per event the run changes
    # (one at least per article) when there are no more of them than articles (a nightly
    # run); a smaller batch (a push) takes up only the waits of the events it changes.
    if clusterer.waits_at_most(len(pending)):
        clusterer.read_waits()
    done = 0
    for chunk in chunks(pending):
        loaded = {a.id: a for a in session.scalars(select(Article).where(Article.id.in_(chunk)))}
        clusterer.prefetch_mentions(chunk)
        for article_id in chunk:
            clusterer.process(loaded[article_id])
            done += 1
            if on_article is not None:
                on_article(done, len(pending))
        session.flush()
    return clusterer.finish()


def cluster_records(records: Iterable[dict], settings: Settings) -> list[tuple[str, str]]:
    """Cluster plain records (id, title, text, published_at, source) with the pipeline's own
    code path: a throwaway in-memory SQLite warehouse and :func:`process_new_articles`.

    Returns ``(id, event_key)`` pairs in input order; ``event_key`` is ``"event-<n>"``.
    """
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    now = datetime.now(UTC)
    order: list[str] = []
    with Session(engine) as session:
        sources: dict[str, int] = {}
        rows = []
        for record in records:
            checked = checked_story_record(record, settings.event_window_days)
            record_id, source, text = checked.record_id, checked.source, checked.text
            when = checked.published_at
            if source not in sources:
                src = Source(name=source, domain=f"source-{len(sources) + 1}.invalid")
                session.add(src)
                session.flush()
                sources[source] = src.id
            order.append(record_id)
            rows.append(
                {
                    "url": f"urn:wirehouse:record:{record_id}",
                    "canonical_url": f"urn:wirehouse:record:{record_id}",
                    "source_id": sources[source],
                    "title": checked.title,
                    "text": text,
                    "published_at": when,
                    "word_count": len(text.split()),
                    "content_hash": fp.content_hash(text),
                    "first_seen_at": when,
                    "language": checked.language,
                }
            )
        if len(set(order)) != len(order):
            raise StoryInputError("record ids must be unique")
        for chunk in chunks(rows):
            session.execute(insert(Article), chunk)
        if settings.event_entities:  # as the pipeline's loader does
            stored = session.execute(
                select(Article.id, Article.title, Article.text, Article.language)
            )
            store_article_entities(
                session,
                {row.id: recognize_entities(row.title, row.text, row.language) for row in stored},
            )
        process_new_articles(session, settings, now)
        mapping = dict(
            session.execute(
                select(Article.canonical_url, EventArticle.event_id).join(
                    EventArticle, EventArticle.article_id == Article.id
                )
            ).all()
        )
        session.rollback()
    engine.dispose()
    return [(rid, f"event-{mapping[f'urn:wirehouse:record:{rid}']}") for rid in order]


__all__ = [
    "StoryError",
    "StoryInputError",
    "StorySummary",
    "cluster_records",
    "process_new_articles",
]
