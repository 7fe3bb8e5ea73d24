"""Per-article cost of duplicate lookup + event assignment as the warehouse grows.

    python bench/story_scale_bench.py [--sizes 10000,100000] [--new 200] [--repeat 3]
        [--pg postgresql+psycopg://postgres@127.0.0.1:5432/wirehouse_bench_stories] [--no-pg]
        [--sqlite FILE] [--workers N]

For each size N, a warehouse already holding N clustered synthetic articles (bench/synthetic.py)
is bulk-loaded directly with the rows the loader and the events stage would have left
(articles, signatures, LSH bands, entities and article/event entities, term tables, events;
the generator's events stand for the clustering), then the next ``--new`` articles of the same
timeline are stored with their entities, as the loader does, and run through
load.stories.process_new_articles, timed (the median of ``--repeat`` runs, each rolled back,
with their range). The stored articles' signatures, entities and terms are computed once for
all sizes, on ``--workers`` processes. Prints wall and this process's CPU ms per new article
per backend (on PostgreSQL also its server process's CPU, when it runs on this machine) and
their ratio between the largest and smallest size (goal: <= 1.3, i.e. the cost does not grow
with the warehouse). Needs no data files: it generates its own.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg
from sqlalchemy import insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from synthetic import SyntheticArticle, generate

from load.db import make_engine
from load.entity_store import store_article_entities
from load.models import (
    Article,
    Base,
    NamedEntity,
    Source,
)
from load.pg_admin import ensure_database
from load.stories import DOCUMENTS, process_new_articles
from transform import events as ev
from transform import fingerprint as fp
from transform.entities import Entity, EntityMention, recognize_entities, source_country
from wirehouse.settings import Settings, load_settings

START = datetime(2025, 1, 1, tzinfo=UTC)
BATCH = 5000


def _rows(article: SyntheticArticle, article_id: int, source_ids: dict[str, int]) -> dict:
    return {
        "id": article_id,
        "url": f"https://{article.source}/{article.key}",
        "canonical_url": f"https://{article.source}/{article.key}",
        "source_id": source_ids[article.source],
        "title": article.title,
        "author": "",
        "text": article.text,
        "published_at": article.published_at,
        "word_count": len(article.text.split()),
        "content_hash": fp.content_hash(article.text),
        "first_seen_at": article.published_at,
    }


def recognize(article: SyntheticArticle) -> list[EntityMention]:
    """The entities the pipeline's loader stores for an article (language unknown)."""
    return recognize_entities(article.title, article.text, None, source_country(article.source))


class _EntityRows:
    """The ``entities`` and ``article_entities`` rows store_article_entities would leave after
    loading articles in order: an entity keeps the row of the first article naming it, and an
    article's mentions come back as read_mentions returns them (with the stored entity)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.entities: list[dict] = []
        self.links: list[dict] = []
        self._stored: dict[str, Entity] = {}
        self._width = NamedEntity.__table__.c.key.type.length
        self._name_width = NamedEntity.__table__.c.name.type.length

    def add(self, article_id: int, found: list[EntityMention]) -> list[EntityMention]:
        held: dict[int, EntityMention] = {}
        for mention in found:
            entity = mention.entity
            if len(entity.key) > self._width:
                continue
            if entity.key not in self.ids:
                self.ids[entity.key] = len(self.ids) + 1
                name = entity.name[: self._name_width]
                self._stored[entity.key] = Entity(
                    entity.kind, name, entity.key, entity.country_code, entity.lat, entity.lon
                )
                self.entities.append(
                    {
                        "id": self.ids[entity.key],
                        "kind": entity.kind,
                        "name": name,
                        "key": entity.key,
                        "country_code": entity.country_code,
                        "lat": entity.lat,
                        "lon": entity.lon,
                    }
                )
            stored = self._stored[entity.key]
            held[self.ids[entity.key]] = EntityMention(stored, mention.mentions, mention.in_title)
        for entity_id, mention in sorted(held.items()):
            self.links.append(
                {
                    "article_id": article_id,
                    "entity_id": entity_id,
                    "mentions": mention.mentions,
                    "in_title": mention.in_title,
                }
            )
        return sorted(held.values(), key=lambda m: (-m.mentions, m.entity.key))


@dataclass(frozen=True)
class _Work:
    """What one article yields by itself: its signature, LSH band keys, recognized entities
    and (for an original) its term frequencies with those entities."""

    signature: bytes
    bands: list[tuple[int, int]]
    mentions: list[EntityMention]
    terms: dict[str, float] | None


def _terms(article: SyntheticArticle, mentions: list[EntityMention], entities: bool) -> dict:
    weights = ev.TermWeights()  # as load/stories.py; the language is unknown
    return ev.article_terms(
        article.title, article.text, weights, None, mentions if entities else ()
    )


def _article_work(params: tuple[int, int, int, bool], article: SyntheticArticle) -> _Work:
    permutations, shingle_size, bands, entities = params
    signature = fp.minhash_signature(article.text, permutations, shingle_size)
    mentions = recognize(article)
    return _Work(
        fp.signature_to_bytes(signature),
        fp.band_keys(signature, bands),
        mentions,
        None if article.copy_of else _terms(article, mentions, entities),
    )


def article_work(
    articles: list[SyntheticArticle], settings: Settings, workers: int
) -> dict[str, _Work]:
    """:class:`_Work` of each article by key, on ``workers`` processes (the slow part of
    building a warehouse's state; every size's stored slice reads it)."""
    params = (
        settings.minhash_permutations,
        settings.shingle_size,
        settings.minhash_bands,
        settings.event_entities,
    )
    work = partial(_article_work, params)
    if workers <= 1:
        return {a.key: work(a) for a in articles}
    with ProcessPoolExecutor(workers) as pool:
        return dict(
            zip(
                (a.key for a in articles),
                pool.map(work, articles, chunksize=max(1, len(articles) // (workers * 16))),
                strict=True,
            )
        )


def _same_mentions(a: list[EntityMention], b: list[EntityMention]) -> bool:
    def fields(mentions: list[EntityMention]) -> list[tuple]:
        return sorted(
            (m.entity.kind, m.entity.key, m.entity.country_code, m.mentions, m.in_title)
            for m in mentions
        )

    return fields(a) == fields(b)


def state_rows(
    stored: list[SyntheticArticle], settings: Settings, work: dict[str, _Work]
) -> dict[str, list[dict]]:
    """The rows the loader and process_new_articles would have left after loading and
    clustering ``stored`` (entities included), taking the generator's events as the
    clustering; ``work`` from :func:`article_work`. Computed once, loaded into every backend."""
    ids = {a.key: i + 1 for i, a in enumerate(stored)}
    sources = sorted({a.source for a in stored})
    source_ids = {name: i + 1 for i, name in enumerate(sources)}
    articles, signatures, bands, terms = [], [], [], []
    named = _EntityRows()
    event_entities: dict[int, Counter] = defaultdict(Counter)
    event_members: dict[int, list[tuple[int, SyntheticArticle]]] = defaultdict(list)
    event_terms: dict[int, Counter] = defaultdict(Counter)
    document_counts: Counter = Counter()
    for article in stored:
        article_id = ids[article.key]
        row = _rows(article, article_id, source_ids)
        # clustered by the nightly run after it was published, as the pipeline leaves them: one
        # time for every article would tell SQLite's ANALYZE that "clustered_at IS NULL" matches
        # the whole table, and the pending-article query would scan it
        row["clustered_at"] = datetime.combine(
            article.published_at.date() + timedelta(days=1), datetime.min.time(), UTC
        )
        # A copy whose original lies before the stored slice counts as an original here.
        is_copy = article.copy_of in ids
        row["duplicate_of_id"] = ids[article.copy_of] if is_copy else None
        articles.append(row)
        done = work[article.key]
        signatures.append({"article_id": article_id, "signature": done.signature})
        bands.extend({"band": b, "bucket": k, "article_id": article_id} for b, k in done.bands)
        event_members[article.event].append((article_id, article))
        mentions = named.add(article_id, done.mentions)
        event_entities[article.event].update(m.entity.key for m in mentions)
        if not is_copy:
            frequencies = done.terms
            if frequencies is None or not _same_mentions(mentions, done.mentions):
                # the stored entities differ from those recognized (a longer key, an entity
                # another article stored first), or an original copy: as the pipeline reads them
                frequencies = _terms(article, mentions, settings.event_entities)
            terms.extend(
                {
                    "article_id": article_id,
                    "term": t,
                    "weight": w,
                    "published_at": article.published_at,
                }
                for t, w in frequencies.items()
            )
            event_terms[article.event].update(frequencies)
            document_counts.update(frequencies.keys())
    events, memberships, centroid_rows, entity_rows = [], [], [], []
    for event_id, members in event_members.items():
        first = min(a.published_at for _, a in members)
        last = max(a.published_at for _, a in members)
        lead = members[0][1]
        events.append(
            {
                "id": event_id + 1,
                "title": lead.title,
                "summary": ev.lead_of(lead.text, 60),
                "first_published_at": first,
                "last_published_at": last,
                "article_count": len(members),
                "source_count": len({a.source for _, a in members}),
                "top_terms": "",
            }
        )
        memberships.extend(
            {"event_id": event_id + 1, "article_id": article_id, "similarity": 0.5}
            for article_id, _ in members
        )
        centroid_rows.extend(
            {"event_id": event_id + 1, "term": t, "weight": w}
            for t, w in event_terms[event_id].items()
        )
        entity_rows.extend(
            {"event_id": event_id + 1, "entity_id": named.ids[key], "articles": count}
            for key, count in sorted(event_entities[event_id].items())
        )
    originals = sum(1 for row in articles if row["duplicate_of_id"] is None)
    return {
        "sources": [{"id": i, "name": n, "domain": n} for n, i in source_ids.items()],
        "articles": articles,
        "article_signatures": signatures,
        "article_bands": bands,
        "article_terms": terms,
        "term_stats": [{"term": t, "document_count": c} for t, c in document_counts.items()],
        "events": events,
        "event_articles": memberships,
        "event_terms": centroid_rows,
        "story_counters": [{"name": DOCUMENTS, "value": originals}],
        "entities": named.entities,
        "article_entities": named.links,
        "event_entities": entity_rows,
    }


def preload(engine: Engine, rows: dict[str, list[dict]]) -> None:
    """Recreate the schema and bulk-insert the precomputed state."""
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            records = rows.get(table.name, [])
            if not records:
                continue
            if engine.dialect.name == "postgresql":
                # COPY: an executemany would be one statement per row on psycopg
                columns = list(records[0])
                raw = connection.connection.driver_connection
                with (
                    raw.cursor() as cursor,
                    cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy,
                ):
                    for record in records:
                        copy.write_row([record[c] for c in columns])
            else:
                for start in range(0, len(records), BATCH):
                    connection.execute(insert(table), records[start : start + BATCH])
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            # Rows were written with explicit ids: move the id sequences past them.
            for table in ("sources", "articles", "events", "entities"):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
            connection.commit()
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
        else:
            connection.execute(text("ANALYZE"))
            connection.commit()
    # Close every connection, as between two nightly runs: SQLite then folds its write-ahead
    # log (the whole preload) into the database file, so the timed runs do not read through it.
    engine.dispose()


def _server_cpu(session: Session) -> float | None:
    """CPU seconds so far of the PostgreSQL backend serving ``session``, read from /proc when
    the server runs on this machine; None elsewhere (or on SQLite, which runs in-process)."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    pid = session.scalar(text("SELECT pg_backend_pid()"))
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def measure(engine: Engine, new: list[SyntheticArticle], settings: Settings) -> dict[str, float]:
    """Insert the new articles, cluster them, time it, and roll everything back."""
    with Session(engine) as session:
        known = {s.domain: s.id for s in session.scalars(select(Source))}
        for article in new:
            if article.source not in known:
                source = Source(name=article.source, domain=article.source)
                session.add(source)
                session.flush()
                known[article.source] = source.id
        next_id = (session.scalar(select(Article.id).order_by(Article.id.desc()).limit(1)) or 0) + 1
        rows = [_rows(a, next_id + i, known) for i, a in enumerate(new)]
        session.execute(insert(Article), rows)
        # as the loader does, before the events stage: not timed
        store_article_entities(session, {next_id + i: recognize(a) for i, a in enumerate(new)})
        session.flush()
        server_started = _server_cpu(session)
        started, cpu_started = time.perf_counter(), time.process_time()
        summary = process_new_articles(session, settings, datetime.now(UTC))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        server_ended = _server_cpu(session)
        session.rollback()
    copies = sum(1 for a in new if a.copy_of)
    return {
        "ms_per_article": 1000 * elapsed / len(new),
        "cpu_ms_per_article": 1000 * cpu / len(new),  # this process only (SQLite: all of it)
        "server_cpu_ms_per_article": (
            float("nan")
            if server_started is None or server_ended is None
            else 1000 * (server_ended - server_started) / len(new)
        ),
        "duplicates_found": summary.exact_duplicates + summary.near_duplicates,
        "copies": copies,
        "events_created": summary.events_created,
        "events_true_new": len({a.event for a in new}),
    }


def _postgres_engine(url: str) -> Engine | None:
    """An engine on ``url``'s database, created when missing; None when no server answers."""
    try:
        ensure_database(url)
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL unavailable ({str(exc).splitlines()[0]}), skipped")
        return None
    return make_engine(url)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--new", type=int, default=200)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per size; median kept")
    parser.add_argument(
        "--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/wirehouse_bench_stories"
    )
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument(
        "--sqlite",
        help="SQLite warehouse file, kept after the run with the largest size's state "
        "(default: a temporary one)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes computing the stored articles' signatures, entities and terms",
    )
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    settings = load_settings()
    generated = time.perf_counter()
    timeline = generate(sizes[-1] + args.new, seed=args.seed, start=START)
    print(f"generated {len(timeline)} synthetic articles in {time.perf_counter() - generated:.0f}s")
    backends: list[tuple[str, Engine]] = []
    workdir = tempfile.TemporaryDirectory(prefix="story_scale_")
    sqlite_path = args.sqlite or f"{workdir.name}/warehouse.db"
    backends.append(("sqlite", make_engine(f"sqlite:///{sqlite_path}")))
    if not args.no_pg:
        pg = _postgres_engine(args.pg)
        if pg is not None:
            backends.append(("postgresql", pg))
    results: dict[str, dict[int, dict[str, float]]] = defaultdict(dict)
    working = time.perf_counter()
    # every size's stored slice lies inside the largest one
    work = article_work(timeline[: sizes[-1]], settings, args.workers)
    print(
        f"signatures, entities and terms of {sizes[-1]} articles in "
        f"{time.perf_counter() - working:.0f}s ({args.workers} processes)"
    )
    for size in sizes:
        # The N stored articles are the ones right before the new ones on the same timeline,
        # so the event window holds the same density of articles at every size.
        offset = sizes[-1] - size
        stored = timeline[offset : offset + size]
        new = timeline[sizes[-1] : sizes[-1] + args.new]
        preparing = time.perf_counter()
        rows = state_rows(stored, settings, work)
        print(
            f"prepared the state of {size} stored articles in {time.perf_counter() - preparing:.0f}s"
        )
        for name, engine in backends:
            loading = time.perf_counter()
            preload(engine, rows)
            load_seconds = time.perf_counter() - loading
            measure(engine, new[: max(1, args.new // 10)], settings)  # warm caches
            runs = sorted(
                (measure(engine, new, settings) for _ in range(args.repeat)),
                key=lambda r: r["ms_per_article"],
            )
            result = dict(runs[len(runs) // 2])  # the median run (upper median for an even count)
            # CPU times are the medians of their own: on a loaded machine wall time is noise
            for key in ("cpu_ms_per_article", "server_cpu_ms_per_article"):
                result[key] = sorted(r[key] for r in runs)[len(runs) // 2]
            results[name][size] = result
            cpus = sorted(r["cpu_ms_per_article"] for r in runs)
            server = (
                f" + server {result['server_cpu_ms_per_article']:.2f} ms"
                if name == "postgresql"
                else ""
            )
            print(
                f"{name:<10} stored={size:>7}  {result['ms_per_article']:7.2f} ms/new article "
                f"(median of {args.repeat} [{runs[0]['ms_per_article']:.2f}-"
                f"{runs[-1]['ms_per_article']:.2f}]; cpu {result['cpu_ms_per_article']:.2f} ms "
                f"[{cpus[0]:.2f}-{cpus[-1]:.2f}]{server})  "
                f"duplicates {result['duplicates_found']:.0f}/{result['copies']:.0f} copies  "
                f"events created {result['events_created']:.0f}  (preload {load_seconds:.0f}s)"
            )
    for name, by_size in results.items():
        small, large = by_size[sizes[0]], by_size[sizes[-1]]
        ratio = large["ms_per_article"] / small["ms_per_article"]
        cpu_ratio = large["cpu_ms_per_article"] / small["cpu_ms_per_article"]
        print(
            f"{name:<10} ratio {sizes[-1]}/{sizes[0]} = {ratio:.2f} wall, {cpu_ratio:.2f} cpu "
            "(goal <= 1.3)"
        )
    for _, engine in backends:
        engine.dispose()
    workdir.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
