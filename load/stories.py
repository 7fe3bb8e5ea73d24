"""Incremental deduplication and event assignment over the warehouse tables.

Every lookup is indexed and bounded: exact duplicates by ``content_hash``, near duplicates by
LSH band keys, candidate events by ``(term, published_at)`` ranges inside the event window.
The scoring itself lives in transform/events.py and transform/fingerprint.py.
"""

from __future__ import annotations

import heapq
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import Table, and_, create_engine, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from load.models import (
    Article,
    ArticleBand,
    ArticleSignature,
    ArticleTerm,
    Base,
    Event,
    EventArticle,
    EventMerge,
    EventTerm,
    Source,
    StoryCounter,
    TermStat,
)
from transform import events as ev
from transform import fingerprint as fp
from wirehouse.settings import Settings

DOCUMENTS = "documents"  # story_counters row: number of original articles (the IDF's N)
_CHUNK = 500  # bound on IN-list sizes
_EVENT_CANDIDATES = 10  # events scored against their centroid, per new article
_TITLE_CANDIDATES = 10  # members considered for an event's headline
_CACHED_ARTICLES = 5000
_CACHED_EVENTS = 2000
_SUMMARY_WORDS = 60
_NEAR_CANDIDATES = 500  # LSH candidates verified per article (guards against boilerplate buckets)
_WEIGHTS = ev.TermWeights()
_INSERT_ROWS = 200  # rows per multi-row INSERT (well under SQLite's bound-parameter limit)


class StoryError(RuntimeError):
    """The clustering state is inconsistent (e.g. an original without an event)."""


class StoryInputError(ValueError):
    """A record given to :func:`cluster_records` lacks a field or has a malformed one."""


@dataclass(frozen=True)
class StorySummary:
    articles_seen: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    events_created: int = 0
    events_updated: int = 0
    events_merged: int = 0


@dataclass
class _Tally:
    seen: int = 0
    exact: int = 0
    near: int = 0
    created: set[int] = field(default_factory=set)
    touched: set[int] = field(default_factory=set)
    merged: int = 0


class _Cache:
    """A small least-recently-used map."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.data: OrderedDict[int, dict[str, float]] = OrderedDict()

    def get(self, key: int) -> dict[str, float] | None:
        value = self.data.get(key)
        if value is not None:
            self.data.move_to_end(key)
        return value

    def put(self, key: int, value: dict[str, float]) -> None:
        self.data[key] = value
        self.data.move_to_end(key)
        if len(self.data) > self.capacity:
            self.data.popitem(last=False)

    def drop(self, key: int) -> None:
        self.data.pop(key, None)


def _when(article: Article) -> datetime:
    return article.published_at or article.first_seen_at


def _utc(moment: datetime | None) -> datetime | None:
    """Aggregates bypass the column type on SQLite: restore the zone (or parse the text)."""
    if moment is None:
        return None
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _chunks(items: list, size: int = _CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Clusterer:
    """One pass over the pending articles, sharing a session and the settings."""

    def __init__(self, session: Session, settings: Settings, now: datetime) -> None:
        self.s = session
        self.settings = settings
        self.now = now
        self.window = timedelta(days=settings.event_window_days)
        self.tally = _Tally()
        self.documents = self._read_documents()
        self._df: dict[str, int | None] = {}  # None: no term_stats row yet
        # Write-through caches of rows this run reads again and again. Valid because the
        # caller's transaction is the only writer of the clustering tables during a run.
        self._terms_cache = _Cache(_CACHED_ARTICLES)
        self._centroid_cache = _Cache(_CACHED_EVENTS)

    @property
    def c(self) -> Connection:
        """The session's connection, for bulk statements on the clustering-state tables
        (never mapped to objects, so the ORM layer would only add overhead)."""
        return self.s.connection()

    def _insert(self, table: Table, rows: list[dict]) -> None:
        """Multi-row INSERTs: one statement per chunk (an executemany costs a round trip per
        row on PostgreSQL)."""
        for chunk in _chunks(rows, _INSERT_ROWS):
            self.c.execute(insert(table).values(chunk))

    # --- corpus statistics -------------------------------------------------------------

    def _read_documents(self) -> int:
        value = self.s.scalar(select(StoryCounter.value).where(StoryCounter.name == DOCUMENTS))
        return int(value or 0)

    def _write_documents(self) -> None:
        exists = self.s.scalar(select(StoryCounter.name).where(StoryCounter.name == DOCUMENTS))
        if exists is None:
            self.s.execute(insert(StoryCounter).values(name=DOCUMENTS, value=self.documents))
        else:
            self.s.execute(
                update(StoryCounter)
                .where(StoryCounter.name == DOCUMENTS)
                .values(value=self.documents)
            )

    def _document_counts(self, terms: Iterable[str]) -> dict[str, int]:
        """Document frequencies, read once per run and then kept current in ``self._df``."""
        wanted = set(terms)
        missing = sorted(t for t in wanted if t not in self._df)
        for chunk in _chunks(missing):
            rows = self.c.execute(
                select(TermStat.term, TermStat.document_count).where(TermStat.term.in_(chunk))
            )
            self._df.update({term: count for term, count in rows})
            self._df.update({term: None for term in chunk if term not in self._df})
        return {t: self._df[t] or 0 for t in wanted}

    def _count_terms(self, terms: Iterable[str], delta: int) -> None:
        terms = sorted(set(terms))
        self._document_counts(terms)
        fresh = [t for t in terms if self._df[t] is None]
        if fresh and delta < 0:
            raise StoryError(f"removing terms never counted: {fresh[:5]}")
        self._insert(TermStat.__table__, [{"term": t, "document_count": delta} for t in fresh])
        stale = [t for t in terms if self._df[t] is not None]
        for chunk in _chunks(stale):  # one statement per chunk, not one per term
            self.c.execute(
                update(TermStat.__table__)
                .where(TermStat.term.in_(chunk))
                .values(document_count=TermStat.document_count + delta)
            )
        for term in terms:
            self._df[term] = (self._df[term] or 0) + delta

    # --- event term centroids ------------------------------------------------------------

    def _add_event_terms(
        self, event_id: int, frequencies: Mapping[str, float], sign: float
    ) -> None:
        """Add (``sign`` +1) or subtract (-1) term weights to an event's centroid rows."""
        if not frequencies:
            return
        centroid = self._centroids([event_id])[event_id]
        fresh = [
            {"event_id": event_id, "term": t, "weight": sign * w}
            for t, w in frequencies.items()
            if t not in centroid
        ]
        changes = [(t, centroid[t] + sign * w) for t, w in frequencies.items() if t in centroid]
        # Changed rows are replaced (delete, then one multi-row insert with the new rows):
        # per-row UPDATEs would cost a round trip each on PostgreSQL.
        changed_terms = [t for t, _ in changes]
        for chunk in _chunks(changed_terms):
            self.c.execute(
                delete(EventTerm.__table__).where(
                    EventTerm.event_id == event_id, EventTerm.term.in_(chunk)
                )
            )
        kept = [{"event_id": event_id, "term": t, "weight": w} for t, w in changes if w > 1e-9]
        self._insert(EventTerm.__table__, fresh + kept)
        # Keep the cached centroid (the same dict object) equal to the rows.
        for term in changed_terms:
            del centroid[term]
        for row in fresh + kept:
            centroid[row["term"]] = row["weight"]
        self._centroid_cache.put(event_id, centroid)

    def _centroids(self, event_ids: list[int]) -> dict[int, dict[str, float]]:
        """Raw term centroids (no IDF) of events; an event without terms maps to ``{}``."""
        return self._vectors(event_ids, self._centroid_cache, EventTerm.event_id, EventTerm)

    def _vectors(self, ids: list[int], cache, owner, table) -> dict[int, dict[str, float]]:
        """Term vectors by owner id (article or event), read through ``cache``."""
        out = {i: v for i in ids if (v := cache.get(i)) is not None}
        missing = [i for i in ids if i not in out]
        for chunk in _chunks(missing):
            fetched: dict[int, dict[str, float]] = {i: {} for i in chunk}
            rows = self.c.execute(select(owner, table.term, table.weight).where(owner.in_(chunk)))
            for owner_id, term, weight in rows:
                fetched[owner_id][term] = weight
            for owner_id, vector in fetched.items():
                cache.put(owner_id, vector)
            out.update(fetched)
        return out

    def _weigh(self, vectors: Iterable[Mapping[str, float]]) -> list[dict[str, float]]:
        vectors = list(vectors)
        counts = self._document_counts(t for v in vectors for t in v)
        return [ev.weigh(v, counts, self.documents) for v in vectors]

    # --- article terms ---------------------------------------------------------------------

    def _store_terms(
        self, article: Article, frequencies: Mapping[str, float], when: datetime
    ) -> None:
        self._insert(
            ArticleTerm.__table__,
            [
                {"article_id": article.id, "term": t, "weight": w, "published_at": when}
                for t, w in frequencies.items()
            ],
        )
        self._terms_cache.put(article.id, dict(frequencies))
        self._count_terms(frequencies, +1)
        self.documents += 1

    def _drop_terms(self, article_id: int) -> dict[str, float]:
        frequencies = self._terms_of([article_id])[article_id]
        self.c.execute(delete(ArticleTerm.__table__).where(ArticleTerm.article_id == article_id))
        self._terms_cache.drop(article_id)
        self._count_terms(frequencies, -1)
        self.documents -= 1
        return frequencies

    def _terms_of(self, article_ids: list[int]) -> dict[int, dict[str, float]]:
        """Raw term frequencies of stored originals; ``{}`` for an article without terms."""
        return self._vectors(article_ids, self._terms_cache, ArticleTerm.article_id, ArticleTerm)

    def _event_of(self, article_id: int) -> int:
        event_id = self.s.scalar(
            select(EventArticle.event_id).where(EventArticle.article_id == article_id)
        )
        if event_id is None:
            raise StoryError(f"article {article_id} was clustered but belongs to no event")
        return event_id

    # --- duplicates ------------------------------------------------------------------------

    def _exact_original(self, article: Article) -> int | None:
        if len(article.text.split()) < self.settings.dedup_min_words:
            return None
        row = self.s.execute(
            select(Article.id, Article.duplicate_of_id)
            .where(
                Article.content_hash == article.content_hash,
                Article.id != article.id,
                Article.clustered_at.is_not(None),
            )
            .limit(1)
        ).first()
        if row is None:
            return None
        return row.duplicate_of_id or row.id

    def _near_original(self, article: Article) -> tuple[int | None, float]:
        """Store the article's signature and bands; return the best verified match's original."""
        settings = self.settings
        if len(article.text.split()) < settings.dedup_min_words:
            return None, 0.0
        signature = fp.minhash_signature(
            article.text, settings.minhash_permutations, settings.shingle_size
        )
        keys = fp.band_keys(signature, settings.minhash_bands)
        candidates = (
            self.c.execute(
                select(ArticleBand.article_id)
                # OR of equalities, not a row-value IN: SQLite scans the table for the latter.
                .where(
                    or_(*(and_(ArticleBand.band == b, ArticleBand.bucket == k) for b, k in keys))
                )
                .distinct()
                .limit(_NEAR_CANDIDATES)
            )
            .scalars()
            .all()
        )
        best_id, best_score = None, 0.0
        if candidates:
            rows = self.c.execute(
                select(ArticleSignature.article_id, ArticleSignature.signature).where(
                    ArticleSignature.article_id.in_(candidates)
                )
            )
            for other_id, blob in sorted(rows):  # ties go to the lowest id
                score = fp.estimated_jaccard(
                    signature, fp.signature_from_bytes(blob, settings.minhash_permutations)
                )
                if score >= settings.near_duplicate_threshold and score > best_score:
                    best_id, best_score = other_id, score
        self.c.execute(
            insert(ArticleSignature.__table__).values(
                article_id=article.id, signature=fp.signature_to_bytes(signature)
            )
        )
        self._insert(
            ArticleBand.__table__,
            [{"band": b, "bucket": k, "article_id": article.id} for b, k in keys],
        )
        if best_id is None:
            return None, 0.0
        root = self.s.scalar(select(Article.duplicate_of_id).where(Article.id == best_id))
        return root or best_id, best_score

    def _attach_duplicate(self, article: Article, original_id: int, similarity: float) -> None:
        original = self.s.get(Article, original_id)
        if original is None:
            raise StoryError(f"duplicate target {original_id} does not exist")
        event_id = self._event_of(original_id)
        if _when(article) < _when(original):
            # The earlier original arrived late: it takes the old original's place.
            self.s.execute(
                update(Article)
                .where(Article.duplicate_of_id == original_id)
                .values(duplicate_of_id=article.id)
            )
            original.duplicate_of_id = article.id
            self.s.execute(
                update(EventArticle)
                .where(EventArticle.article_id == original_id)
                .values(similarity=similarity)
            )
            self.s.execute(
                insert(EventArticle).values(
                    event_id=event_id, article_id=article.id, similarity=1.0
                )
            )
            old_terms = self._drop_terms(original_id)
            self._add_event_terms(event_id, old_terms, -1.0)
            terms = ev.article_terms(article.title, article.text, _WEIGHTS)
            self._store_terms(article, terms, _when(article))
            self._add_event_terms(event_id, terms, +1.0)
            self._refresh_event(event_id, title_candidates=[article.id])
        else:
            article.duplicate_of_id = original_id
            self.s.execute(
                insert(EventArticle).values(
                    event_id=event_id, article_id=article.id, similarity=similarity
                )
            )
            self._refresh_event(event_id, title_candidates=[])
        self.tally.touched.add(event_id)

    # --- events ----------------------------------------------------------------------------

    def _score_events(
        self, vector: dict[str, float], when: datetime
    ) -> tuple[list[tuple[float, int]], dict[int, dict[str, float]]]:
        """Candidate events with their scores (best first) and their weighted centroids."""
        settings = self.settings
        # Only terms some earlier article has can retrieve candidates: a word seen for the first
        # time has the highest IDF of all and would crowd the shared ones out of the lookup.
        counts = self._document_counts(vector)
        known = [t for t in vector if counts[t]]
        lookup = heapq.nlargest(settings.event_lookup_terms, known, key=lambda t: (vector[t], t))
        if not lookup:
            return [], {}
        partial: dict[int, float] = defaultdict(float)
        rows = self.c.execute(
            select(ArticleTerm.article_id, ArticleTerm.term, ArticleTerm.weight).where(
                ArticleTerm.term.in_(lookup),
                ArticleTerm.published_at >= when - self.window,
                ArticleTerm.published_at <= when + self.window,
            )
        )
        for article_id, term, weight in rows:
            partial[article_id] += (
                vector[term] * weight * ev.idf(counts.get(term, 0), self.documents)
            )
        top = heapq.nlargest(
            settings.event_candidate_articles, partial, key=lambda a: (partial[a], -a)
        )
        if not top:
            return [], {}
        stored = self._terms_of(top)
        weighted = dict(zip(top, self._weigh(stored[a] for a in top), strict=True))
        event_of = dict(
            self.c.execute(
                select(EventArticle.article_id, EventArticle.event_id).where(
                    EventArticle.article_id.in_(top)
                )
            ).all()
        )
        best_link: dict[int, float] = defaultdict(float)
        for article_id in top:
            if article_id not in event_of:
                raise StoryError(f"article {article_id} has terms but no event")
            event_id = event_of[article_id]
            best_link[event_id] = max(best_link[event_id], ev.cosine(vector, weighted[article_id]))
        event_ids = sorted(
            heapq.nlargest(_EVENT_CANDIDATES, best_link, key=lambda e: (best_link[e], -e))
        )
        raw = self._centroids(event_ids)
        centroids = dict(zip(event_ids, self._weigh(raw[e] for e in event_ids), strict=True))
        scored = [
            (
                ev.event_similarity(
                    best_link[e], ev.cosine(vector, centroids[e]), settings.event_link_share
                ),
                e,
            )
            for e in event_ids
        ]
        scored.sort(key=lambda se: (-se[0], se[1]))
        return scored, centroids

    def _assign_original(self, article: Article) -> None:
        settings = self.settings
        when = _when(article)
        terms = ev.article_terms(article.title, article.text, _WEIGHTS)
        (vector,) = self._weigh([terms])
        scored, centroids = self._score_events(vector, when)
        if scored and scored[0][0] >= settings.event_similarity_threshold:
            score, event_id = scored[0]
            # The event as it will be with this article: it bridges to another event when that
            # event also takes the article and the two centroids are alike.
            joined = ev.combine(centroids[event_id], vector)
            for other_score, other_id in scored[1:]:
                if other_score < settings.event_similarity_threshold:
                    break
                if ev.cosine(joined, centroids[other_id]) >= settings.event_merge_threshold:
                    event_id = self._merge(event_id, other_id)
                    joined = ev.combine(joined, centroids[other_id])
            self.tally.touched.add(event_id)
        else:
            score, joined = 1.0, vector
            event = Event(first_published_at=when, last_published_at=when)
            self.s.add(event)
            self.s.flush()
            event_id = event.id
            self.tally.created.add(event_id)
        self.s.execute(
            insert(EventArticle).values(event_id=event_id, article_id=article.id, similarity=score)
        )
        self._store_terms(article, terms, when)
        self._add_event_terms(event_id, terms, +1.0)
        self._refresh_event(event_id, title_candidates=[article.id], centroid=joined)

    def _merge(self, first_id: int, second_id: int) -> int:
        """Merge two events; the older (then larger, then lower id) survives. Returns it."""
        a, b = self.s.get(Event, first_id), self.s.get(Event, second_id)
        if a is None or b is None:
            raise StoryError(f"cannot merge missing events {first_id}, {second_id}")

        def rank(e: Event) -> tuple:
            return (e.first_published_at or self.now, -e.article_count, e.id)

        survivor, merged = (a, b) if rank(a) <= rank(b) else (b, a)
        terms = self._centroids([merged.id])[merged.id]
        self.c.execute(delete(EventTerm.__table__).where(EventTerm.event_id == merged.id))
        self._centroid_cache.drop(merged.id)
        self._add_event_terms(survivor.id, terms, +1.0)
        self.s.execute(
            update(EventArticle)
            .where(EventArticle.event_id == merged.id)
            .values(event_id=survivor.id)
        )
        # Earlier merges into the absorbed event now point at where their articles went.
        self.s.execute(
            update(EventMerge)
            .where(EventMerge.survivor_id == merged.id)
            .values(survivor_id=survivor.id)
        )
        self.s.add(EventMerge(survivor_id=survivor.id, merged_id=merged.id, merged_at=self.now))
        self.s.delete(merged)
        self.s.flush()
        self._refresh_event(survivor.id, title_candidates=[])
        self.tally.merged += 1
        self.tally.created.discard(merged.id)
        self.tally.touched.discard(merged.id)
        self.tally.touched.add(survivor.id)
        return survivor.id

    def _refresh_event(
        self,
        event_id: int,
        title_candidates: list[int],
        centroid: Mapping[str, float] | None = None,
    ) -> None:
        """Recompute counts, time span, and (when originals changed) title, summary, top terms.

        ``source_count`` counts distinct ``source_id`` values; articles with no source row are
        not attributed to any. ``centroid`` is the event's weighted centroid when the caller has
        it at hand.
        """
        event = self.s.get(Event, event_id)
        if event is None:
            raise StoryError(f"event {event_id} does not exist")
        when = func.coalesce(Article.published_at, Article.first_seen_at)
        count, sources, first, last = self.s.execute(
            select(
                func.count(),
                func.count(Article.source_id.distinct()),
                func.min(when),
                func.max(when),
            )
            .select_from(EventArticle)
            .join(Article, Article.id == EventArticle.article_id)
            .where(EventArticle.event_id == event_id)
        ).one()
        event.article_count, event.source_count = count, sources
        event.first_published_at, event.last_published_at = _utc(first), _utc(last)
        if title_candidates or not event.title:
            self._retitle(event, title_candidates, centroid)

    def _retitle(
        self, event: Event, extra: list[int], centroid: Mapping[str, float] | None
    ) -> None:
        """Headline and lead of the most central original among the new article and the
        members that were most similar when they joined: bounded cost, whatever the size."""
        leaders = self.s.scalars(
            select(EventArticle.article_id)
            .join(Article, Article.id == EventArticle.article_id)
            .where(EventArticle.event_id == event.id, Article.duplicate_of_id.is_(None))
            .order_by(EventArticle.similarity.desc(), EventArticle.article_id)
            .limit(_TITLE_CANDIDATES)
        ).all()
        ids = sorted(set(leaders) | set(extra))
        if centroid is None:
            (centroid,) = self._weigh([self._centroids([event.id])[event.id]])
        stored = self._terms_of(ids)
        weighted = dict(zip(ids, self._weigh(stored[a] for a in ids), strict=True))
        best = max(ids, key=lambda a: (ev.cosine(weighted[a], centroid), -a))
        leader = self.s.get(Article, best)
        if leader is None:
            raise StoryError(f"event {event.id} lost its article {best}")
        event.title = leader.title
        event.summary = ev.lead_of(leader.text, _SUMMARY_WORDS)
        event.top_terms = ", ".join(ev.top_terms(centroid, self.settings.event_top_terms))

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
            event_id = self.s.scalar(
                select(EventArticle.event_id).where(EventArticle.article_id == article.id)
            )
            if event_id is not None:
                if article.duplicate_of_id is None:
                    self._add_event_terms(event_id, self._drop_terms(article.id), -1.0)
                self.s.execute(delete(EventArticle).where(EventArticle.article_id == article.id))
                events.add(event_id)
            self.c.execute(
                delete(ArticleBand.__table__).where(ArticleBand.article_id == article.id)
            )
            self.c.execute(
                delete(ArticleSignature.__table__).where(ArticleSignature.article_id == article.id)
            )
            article.duplicate_of_id = None
            article.clustered_at = None
        self.s.flush()
        for event_id in sorted(events):
            remaining = self.s.scalar(
                select(func.count())
                .select_from(EventArticle)
                .where(EventArticle.event_id == event_id)
            )
            if remaining:
                self._refresh_event(event_id, title_candidates=[])
                self.tally.touched.add(event_id)
                continue
            # Nothing left: the event goes, with the merge records naming it as survivor.
            self.c.execute(delete(EventTerm.__table__).where(EventTerm.event_id == event_id))
            self._centroid_cache.drop(event_id)
            self.s.execute(delete(EventMerge).where(EventMerge.survivor_id == event_id))
            self.s.execute(delete(Event).where(Event.id == event_id))
        self.s.flush()

    # --- driver ----------------------------------------------------------------------------

    def process(self, article: Article) -> None:
        self.tally.seen += 1
        original = self._exact_original(article)
        near_original, similarity = self._near_original(article)
        if original is not None:
            self.tally.exact += 1
            self._attach_duplicate(article, original, 1.0)
        elif near_original is not None:
            self.tally.near += 1
            self._attach_duplicate(article, near_original, similarity)
        else:
            self._assign_original(article)
        article.clustered_at = self.now
        self.s.flush()

    def summary(self) -> StorySummary:
        self._write_documents()
        self.s.flush()
        touched = self.tally.touched - self.tally.created
        return StorySummary(
            articles_seen=self.tally.seen,
            exact_duplicates=self.tally.exact,
            near_duplicates=self.tally.near,
            events_created=len(self.tally.created),
            events_updated=len(touched),
            events_merged=self.tally.merged,
        )


def process_new_articles(session: Session, settings: Settings, now: datetime) -> StorySummary:
    """Deduplicate and assign to events every article not clustered yet.

    Articles are handled in published order (first-seen time when unpublished). Flushes but
    never commits: the caller owns the transaction. With nothing pending, no row changes.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    pending_query = (
        select(Article)
        .where(Article.clustered_at.is_(None))
        .order_by(func.coalesce(Article.published_at, Article.first_seen_at), Article.id)
    )
    pending = session.scalars(pending_query).all()
    if not pending:
        return StorySummary()
    clusterer = _Clusterer(session, settings, now)
    # Articles the loader updated (new content) still carry their old clustering: undo it.
    changed: list[Article] = []
    by_id = {a.id: a for a in pending}
    for chunk in _chunks(sorted(by_id)):
        clustered = session.scalars(
            select(EventArticle.article_id).where(EventArticle.article_id.in_(chunk))
        ).all()
        changed.extend(by_id[i] for i in clustered)
    if changed:
        clusterer.forget(changed)
        pending = session.scalars(pending_query).all()
    for article in pending:
        clusterer.process(article)
    return clusterer.summary()


def _parse_time(value: object, record_id: str) -> datetime:
    if not isinstance(value, str) or not value:
        raise StoryInputError(f"record {record_id!r}: published_at must be an ISO string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise StoryInputError(f"record {record_id!r}: bad published_at {value!r}") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


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
            try:
                record_id = str(record["id"])
                title, source = str(record["title"]), str(record["source"])
                text = str(record.get("text") or "")
            except KeyError as exc:
                raise StoryInputError(
                    f"record lacks field {exc.args[0]!r}: {record!r:.200}"
                ) from None
            when = _parse_time(record.get("published_at"), record_id)
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
                    "title": title,
                    "text": text,
                    "published_at": when,
                    "word_count": len(text.split()),
                    "content_hash": fp.content_hash(text),
                    "first_seen_at": when,
                }
            )
        if len(set(order)) != len(order):
            raise StoryInputError("record ids must be unique")
        for chunk in _chunks(rows):
            session.execute(insert(Article), chunk)
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
