"""Per-article cost of duplicate lookup + event assignment as the warehouse grows.

    python bench/story_scale_bench.py [--sizes 10000,100000] [--new 200] [--repeat 3]
        [--processes 3] [--compare-ref GITREF]
        [--pg postgresql+psycopg://postgres@127.0.0.1:5432/wirehouse_bench_stories] [--no-pg]
        [--sqlite FILE] [--workers N]

For each size N, a warehouse already holding N clustered synthetic articles (bench/synthetic.py)
is bulk-loaded directly with the rows the loader and the events stage would have left
(articles, signatures, LSH bands, entities and article/event entities, term tables, events,
waits of lone reports; the generator's events stand for the clustering), then the next
``--new`` articles of the same timeline are stored with their entities, as the loader does,
and run through load.stories.process_new_articles, timed. Prints wall and CPU ms per new article per backend
(on PostgreSQL the client's CPU plus its server process's, when the server runs on this
machine) and their ratio between the largest and smallest size (goal: <= 1.3, i.e. the cost
does not grow with the warehouse). Needs no data files: it generates its own.

How a figure is made, so that two runs agree: each size's warehouse is built once (in a child
process), then measured by ``--processes`` fresh processes, each with its own PYTHONHASHSEED
(set and dict order of strings, hence query order, differs between processes as it does between
pipeline runs). A process reads the SQLite file once (so that it starts in the page cache,
whichever tree was built or measured last), warms its caches with one untimed run of the new
articles, then times ``--repeat`` runs, each rolled back; its figure is their median. The
printed figure is the median over processes, with their range. Every size's warehouse is built
before any is measured, and each pass of processes measures every size in turn (ascending, then
descending in the next pass): the growth from the smallest size to the largest is the median of
each pass's own ratio, so a change of load between passes does not pass for growth (87e6509's
story code grew 1.56x from 10,000 to 100,000 stored when the sizes were measured one after the
other, minutes apart, on a machine under changing load, and 1.04x on SQLite and PostgreSQL alike
when measured in turn, 1.02-1.08 and 1.00-1.38 over three passes). The warehouse is held in one
state for every run: PostgreSQL's tables are vacuumed, frozen and analyzed once after the bulk
load, autovacuum is off for them, and each rolled-back run's dead rows are vacuumed away before
the next (on a server with autovacuum on, one firing at a moment of its own choosing would
change the cost mid-measurement; without it, every rolled-back run leaves dead entries under the
very terms and band keys the next run looks up); the garbage collector is run before each timed
run. The two sizes, and a reference commit's figures, are compared only within one pass: on a
shared machine CPU time per article itself moves with the load (twice the idle figure under a
load of 15 on 2 cores), while processes measured minutes apart agree within about 10 %. Wall
time moves far more: each figure is also printed as wall time less the time the measuring
process waited for a CPU (``/proc/self/schedstat``); on a loaded machine that wait is nearly all
of wall minus CPU (on SQLite, blocking on disk came to under 0.1 ms per article at 100,000
stored). ``--compare-ref GITREF`` measures the story code of another commit the same way, in the
same session, alternating with this tree's processes (ABBA): that commit's ``load``,
``transform`` and ``wirehouse`` packages (``git archive``) build their own warehouse (their own
schema and terms, entities only where they exist) and are run by this harness; the ratio of each
adjacent pair of processes is printed as ``vs ref@...``.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The tree whose story code is measured: this checkout, or a --compare-ref commit's packages
# (set by the parent for its child processes).
TREE_ENV = "STORY_SCALE_TREE"
TREE = Path(os.environ.get(TREE_ENV) or REPO)
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(TREE))

import psycopg
from gitref import RefError, unpack_ref
from sqlalchemy import insert, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session
from synthetic import SyntheticArticle, generate

from load.db import make_engine
from load.models import (
    Article,
    Base,
    Source,
)
from load.stories import DOCUMENTS, process_new_articles
from transform import events as ev
from transform import fingerprint as fp
from wirehouse.settings import Settings, load_settings

try:
    from load.entity_store import store_article_entities
    from load.models import NamedEntity
    from transform.entities import Entity, EntityMention, recognize_entities, source_country

    ENTITIES = True
except ImportError:  # a --compare-ref commit from before entities: its articles have none
    ENTITIES = False

START = datetime(2025, 1, 1, tzinfo=UTC)
BATCH = 5000
# the tables a measured run writes to (PostgreSQL: vacuumed between runs)
WRITTEN = (
    "articles",
    "article_signatures",
    "article_bands",
    "article_terms",
    "term_stats",
    "events",
    "event_articles",
    "event_terms",
    "story_counters",
    "article_entities",
    "event_entities",
    "entities",
    "event_merges",
    "event_waits",
)


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
    if not ENTITIES:
        return []
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
    if not ENTITIES:
        return ev.article_terms(article.title, article.text, weights, None)
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
        getattr(settings, "event_entities", False),
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
    named = _EntityRows() if ENTITIES else None
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
        mentions = named.add(article_id, done.mentions) if named else []
        event_entities[article.event].update(m.entity.key for m in mentions)
        if not is_copy:
            frequencies = done.terms
            if frequencies is None or not _same_mentions(mentions, done.mentions):
                # the stored entities differ from those recognized (a longer key, an entity
                # another article stored first), or an original copy: as the pipeline reads them
                frequencies = _terms(article, mentions, getattr(settings, "event_entities", False))
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
            if named
        )
    originals = sum(1 for row in articles if row["duplicate_of_id"] is None)
    return {
        "event_waits": _waits(stored, event_members, settings),
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
        "entities": named.entities if named else [],
        "article_entities": named.links if named else [],
        "event_entities": entity_rows,
    }


def _waits(
    stored: list[SyntheticArticle],
    event_members: dict[int, list[tuple[int, SyntheticArticle]]],
    settings: Settings,
) -> list[dict]:
    """The waits (``event_waits``) the events stage would have left: every report alone in its
    event within the event window of the newest stored one waits, here on the event of the
    report stored just before it (the generator names no nearest event), so that a run reads
    as many waits as a nightly run would."""
    window = timedelta(days=settings.event_window_days)
    horizon = max(a.published_at for a in stored) - window
    position = {a.key: i for i, a in enumerate(stored)}
    out = []
    for members in event_members.values():
        (article_id, article), *others = members
        if others or article.published_at < horizon or position[article.key] == 0:
            continue
        before = stored[position[article.key] - 1]
        out.append({"article_id": article_id, "event_id": before.event + 1, "best_link": 0.0})
    return out


def preload(engine: Engine, rows: dict[str, list[dict]]) -> None:
    """Recreate the schema and bulk-insert the precomputed state."""
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            # The bulk load's index pages stay in memory instead of spilling to the log (the
            # measured connections get the tree's own cache size again after dispose below).
            connection.exec_driver_sql("PRAGMA cache_size = -1048576")
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
                if table not in Base.metadata.tables:
                    continue
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
            # Autovacuum off: one firing mid-measurement (the bulk load and every rolled-back
            # run count towards its thresholds) would change the cost at a random moment. The
            # state it would reach is made once instead: vacuumed (visibility map set, so index-only
            # scans skip the heap), frozen (no hint bits left to write on first read), analyzed.
            for table in Base.metadata.tables:
                connection.execute(
                    text(
                        f"ALTER TABLE {table} SET "
                        "(autovacuum_enabled = false, toast.autovacuum_enabled = false)"
                    )
                )
            connection.commit()
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(
                text("VACUUM (FREEZE, ANALYZE)")
            )
        else:
            connection.execute(text("ANALYZE"))
            connection.commit()
    # Close every connection, as between two nightly runs: SQLite then folds its write-ahead
    # log (the whole preload) into the database file, so the timed runs do not read through it.
    engine.dispose()


def _server_pid(session: Session) -> int | None:
    """The process id of the PostgreSQL backend serving ``session`` (None on SQLite, which
    runs in-process)."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    return session.scalar(text("SELECT pg_backend_pid()"))


def _cpu_seconds(pid: int) -> float | None:
    """CPU seconds so far of process ``pid``, read from /proc (None when it is not readable,
    e.g. a server on another machine)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _queued_seconds() -> float | None:
    """Seconds so far this process waited runnable for a CPU (Linux schedstat; None where
    missing): what a loaded machine adds to the wall time. The rest of wall minus CPU is
    blocking (disk reads, the server's answer)."""
    try:
        return int(Path("/proc/self/schedstat").read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return None


def _vacuum(engine: Engine) -> None:
    """PostgreSQL: clear the dead rows and index entries a rolled-back run left, so that every
    run reads the warehouse in the same state (SQLite's rollback leaves none)."""
    if engine.dialect.name != "postgresql":
        return
    tables = [t for t in WRITTEN if t in Base.metadata.tables]
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f"VACUUM {', '.join(tables)}"))


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
        if ENTITIES:  # as the loader does, before the events stage: not timed
            store_article_entities(session, {next_id + i: recognize(a) for i, a in enumerate(new)})
        session.flush()
        gc.collect()  # no collection owed by the set-up above falls into the timed part
        pid = _server_pid(session)
        server_started = None if pid is None else _cpu_seconds(pid)
        queued_started = _queued_seconds()
        started, cpu_started = time.perf_counter(), time.process_time()
        summary = process_new_articles(session, settings, datetime.now(UTC))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        queued_ended = _queued_seconds()
        server_ended = None if pid is None else _cpu_seconds(pid)
        session.rollback()
    _vacuum(engine)
    copies = sum(1 for a in new if a.copy_of)
    server_cpu = float("nan")
    if server_started is not None and server_ended is not None:
        server_cpu = 1000 * (server_ended - server_started) / len(new)
    queued = float("nan")
    if queued_started is not None and queued_ended is not None:
        queued = 1000 * (queued_ended - queued_started) / len(new)
    client = 1000 * cpu / len(new)  # this process only (SQLite: all of it)
    return {
        "ms_per_article": 1000 * elapsed / len(new),
        # the wall time less the time this process waited for a CPU, which the load of other
        # processes makes (SQLite: CPU plus blocking on disk; PostgreSQL: the client's CPU plus
        # its wait on the server, queued or not)
        "unqueued_ms_per_article": 1000 * elapsed / len(new) - queued,
        "cpu_ms_per_article": client,
        "server_cpu_ms_per_article": server_cpu,
        "total_cpu_ms_per_article": client if math.isnan(server_cpu) else client + server_cpu,
        "duplicates_found": summary.exact_duplicates + summary.near_duplicates,
        "copies": copies,
        "events_created": summary.events_created,
        "events_true_new": len({a.event for a in new}),
    }


def _median_run(runs: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's own median over ``runs`` (the counts are the same in every run)."""
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


# ---- child processes: one builds a tree's warehouses, one measures them -----------------------


def child_build(args: argparse.Namespace) -> dict:
    """Build the warehouse of ``args.size`` stored articles in every ``args.urls`` backend."""
    with open(args.input, "rb") as handle:
        timeline: list[SyntheticArticle] = pickle.load(handle)
    settings = load_settings()
    offset = args.largest - args.size  # the stored articles are the ones before the new ones
    stored = timeline[offset : offset + args.size]
    started = time.perf_counter()
    work = article_work(stored, settings, args.workers)
    rows = state_rows(stored, settings, work)
    out: dict = {"prepare_s": time.perf_counter() - started, "preload_s": {}}
    for name, url in json.loads(args.urls).items():
        engine = make_engine(url)
        started = time.perf_counter()
        preload(engine, rows)
        out["preload_s"][name] = time.perf_counter() - started
    return out


def _read_through(url: str) -> None:
    """SQLite: read the warehouse file (and its log, if any) once, so that every measuring
    process starts with the whole file in the OS page cache, whatever ran before it and for
    how long: this machine's kernel reclaims page cache left unread for about two minutes
    (DAMON pageout), so the tree built first, or measured longest ago, otherwise read part
    of its file from disk (at 100,000 stored, up to 33 MB per timed batch of 200, under
    1 ms per article of blocking)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return
    database = parsed.database
    for path in (Path(database), Path(f"{database}-wal")):
        if path.exists():
            with path.open("rb") as handle:
                while handle.read(1 << 20):
                    pass


def child_measure(args: argparse.Namespace) -> dict:
    """The median of ``args.repeat`` timed runs in each backend, after a warm-up run."""
    with open(args.input, "rb") as handle:
        new: list[SyntheticArticle] = pickle.load(handle)
    settings = load_settings()
    out = {}
    for name, url in json.loads(args.urls).items():
        _read_through(url)
        engine = make_engine(url)
        _vacuum(engine)
        measure(engine, new, settings)  # warm caches: every timed run then finds them as warm
        out[name] = _median_run([measure(engine, new, settings) for _ in range(args.repeat)])
        engine.dispose()
    return out


def _child(mode: str, tree: Path, options: list[str], hash_seed: int | None = None) -> dict:
    """Run this script as a ``mode`` child on ``tree``'s story code; its JSON answer."""
    env = dict(os.environ, **{TREE_ENV: str(tree)})
    if hash_seed is not None:
        env["PYTHONHASHSEED"] = str(hash_seed)
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", mode, *options],
        env=env,
        cwd=REPO,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---- the parent: builds, measures alternately, reports ----------------------------------------


def _fresh_database(url: str, create: bool = True) -> None:
    """Drop ``url``'s database and create it empty: a tree builds its warehouse on an empty one
    (another commit's tables, with keys on ours, would stop its schema from being dropped)."""
    # this checkout's helpers: only the parent calls this, never a --compare-ref tree's child
    from load.pg_admin import create_database, drop_database

    name = make_url(url).database
    drop_database(url, name)
    if create:
        create_database(url, name)


def _range(values: list[float]) -> str:
    return f"[{min(values):.2f}-{max(values):.2f}]"


@dataclass(frozen=True)
class _Tree:
    label: str  # "" for this checkout, "ref@<short>" for --compare-ref
    path: Path
    urls: dict[int, dict[str, str]]  # size -> backend name -> warehouse URL


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--new", type=int, default=200)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed runs per process; their median kept"
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=3,
        help="measuring processes per size (each its own PYTHONHASHSEED); median printed",
    )
    parser.add_argument(
        "--compare-ref",
        metavar="GITREF",
        help="also measure this commit's story code, alternating with this tree's",
    )
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
    parser.add_argument("--child", choices=("build", "measure"), help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--urls", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--largest", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        import load.stories

        # the measured code is the tree's, not an installed checkout's
        assert Path(load.stories.__file__).resolve().is_relative_to(TREE.resolve())
        child = child_build if args.child == "build" else child_measure
        print(json.dumps(child(args)))
        return 0
    sizes = sorted(int(s) for s in args.sizes.split(","))
    generated = time.perf_counter()
    timeline = generate(sizes[-1] + args.new, seed=args.seed, start=START)
    print(f"generated {len(timeline)} synthetic articles in {time.perf_counter() - generated:.0f}s")
    workdir = tempfile.TemporaryDirectory(prefix="story_scale_")
    scratch = Path(workdir.name)
    stored_file, new_file = scratch / "stored.pickle", scratch / "new.pickle"
    stored_file.write_bytes(pickle.dumps(timeline[: sizes[-1]]))
    new_file.write_bytes(pickle.dumps(timeline[sizes[-1] :]))
    use_pg = not args.no_pg
    if use_pg:
        try:
            _fresh_database(args.pg)
        except psycopg.OperationalError as exc:
            print(f"PostgreSQL unavailable ({str(exc).splitlines()[0]}), skipped")
            use_pg = False

    def urls(suffix: str, sqlite_path: str) -> dict[str, str]:
        out = {"sqlite": f"sqlite:///{sqlite_path}"}
        if use_pg:
            pg = make_url(args.pg)
            out["postgresql"] = pg.set(database=f"{pg.database}{suffix}").render_as_string(
                hide_password=False
            )
        return out

    def sized(tag: str, path_stem: str) -> dict[int, dict[str, str]]:
        """Each size's warehouse URLs; this tree's largest keeps the plain names (--sqlite,
        --pg), which outlive the run."""
        out = {}
        for size in sizes:
            plain = not tag and size == sizes[-1]
            suffix = "" if plain else f"{tag}_{size}"
            path = str(scratch / f"{path_stem}{suffix}.db")
            if plain and args.sqlite:
                path = args.sqlite
            out[size] = urls(suffix, path)
        return out

    trees = [_Tree("", REPO, sized("", "warehouse"))]
    if args.compare_ref:
        path = scratch / "ref"
        try:
            short = unpack_ref(args.compare_ref, ["load", "transform", "wirehouse", "extract"],
                               path)
        except RefError as exc:
            print(f"story-scale bench: {exc}", file=sys.stderr)
            return 2
        trees.append(_Tree(f"ref@{short}", path, sized("_ref", "ref")))
    for size in sizes:
        for tree in trees:
            for name, url in tree.urls[size].items():
                if name == "postgresql":
                    _fresh_database(url)
                else:
                    Path(make_url(url).database).unlink(missing_ok=True)
            built = _child(
                "build",
                tree.path,
                [
                    "--input",
                    str(stored_file),
                    "--urls",
                    json.dumps(tree.urls[size]),
                    "--size",
                    str(size),
                    "--largest",
                    str(sizes[-1]),
                    "--workers",
                    str(args.workers),
                ],
            )
            preloads = ", ".join(f"{n} {s:.0f}s" for n, s in built["preload_s"].items())
            print(
                f"{tree.label or 'this tree'}: prepared the state of {size} stored articles in "
                f"{built['prepare_s']:.0f}s, preloaded it ({preloads})"
            )
    # results[tree label][backend][size]: one dict of medians per measuring process
    results: dict[str, dict[str, dict[int, list[dict]]]] = {
        t.label: defaultdict(dict) for t in trees
    }
    for process in range(args.processes):
        # sizes and trees alternate (ABBA): each pass measures every size of every tree
        # within minutes, and none always runs first, after the others' caches
        forward = process % 2 == 0
        for size in sizes if forward else sizes[::-1]:
            for tree in trees if forward else trees[::-1]:
                measured = _child(
                    "measure",
                    tree.path,
                    [
                        "--input",
                        str(new_file),
                        "--urls",
                        json.dumps(tree.urls[size]),
                        "--repeat",
                        str(args.repeat),
                    ],
                    hash_seed=process + 1,
                )
                for name, figures in measured.items():
                    results[tree.label][name].setdefault(size, []).append(figures)
                    print(
                        f"  process {process + 1} {tree.label or 'this tree'} {name} "
                        f"stored={size}: {figures['ms_per_article']:.2f} ms wall "
                        f"({figures['unqueued_ms_per_article']:.2f} not queued for a CPU), "
                        f"{figures['total_cpu_ms_per_article']:.2f} ms cpu"
                    )
    for size in sizes:
        for tree in trees:
            for name, by_size in results[tree.label].items():
                print(_line(tree.label, name, size, by_size[size], args.repeat))
    for tree in trees:
        for name, by_size in results[tree.label].items():
            # the pass's own ratio: the two sizes were measured in the same minutes
            pairs = list(zip(by_size[sizes[-1]], by_size[sizes[0]], strict=True))
            wall = [large["ms_per_article"] / small["ms_per_article"] for large, small in pairs]
            cpu = [
                large["total_cpu_ms_per_article"] / small["total_cpu_ms_per_article"]
                for large, small in pairs
            ]
            print(
                f"{_label(tree.label, name)} ratio {sizes[-1]}/{sizes[0]} = "
                f"{statistics.median(wall):.2f} wall {_range(wall)}, "
                f"{statistics.median(cpu):.2f} cpu {_range(cpu)} "
                f"(median of {len(pairs)} same-pass process pairs; goal <= 1.3)"
            )
    if len(trees) == 2:
        ref = trees[1].label
        for name, by_size in results[""].items():
            for size in sizes:
                pairs = list(zip(by_size[size], results[ref][name][size], strict=True))
                ratios = {
                    key: [ours[key] / theirs[key] for ours, theirs in pairs]
                    for key in (
                        "total_cpu_ms_per_article",
                        "ms_per_article",
                        "unqueued_ms_per_article",
                    )
                }
                cpu, wall = ratios["total_cpu_ms_per_article"], ratios["ms_per_article"]
                unqueued = ratios["unqueued_ms_per_article"]
                print(
                    f"{name:<10} vs {ref} stored={size}: {statistics.median(cpu):.2f}x cpu "
                    f"{_range(cpu)}, {statistics.median(wall):.2f}x wall {_range(wall)}, "
                    f"{statistics.median(unqueued):.2f}x wall not queued {_range(unqueued)} "
                    f"(median of {len(pairs)} same-pass process pairs"
                    f"{'; goal <= 1.2' if size == sizes[-1] else ''})"
                )
    for tree in trees:
        for size, backends in tree.urls.items():
            if "postgresql" in backends and (tree.label or size != sizes[-1]):
                _fresh_database(backends["postgresql"], create=False)
    workdir.cleanup()
    return 0


def _median(processes: list[dict], key: str) -> float:
    return statistics.median(p[key] for p in processes)


def _label(tree: str, backend: str) -> str:
    # this tree's lines keep the form bench/run_all.py parses; a reference's do not match it
    return f"{backend:<10}" if not tree else f"{tree} {backend}"


def _line(tree: str, backend: str, size: int, processes: list[dict], repeat: int) -> str:
    """One size's figures: medians over the measuring processes, with their range."""
    walls = [p["ms_per_article"] for p in processes]
    unqueued = _median(processes, "unqueued_ms_per_article")
    cpus = [p["total_cpu_ms_per_article"] for p in processes]
    server = ""
    if backend == "postgresql":
        server = (
            f" = client {_median(processes, 'cpu_ms_per_article'):.2f} + server "
            f"{_median(processes, 'server_cpu_ms_per_article'):.2f}"
        )
    first = processes[0]
    return (
        f"{_label(tree, backend)} stored={size:>7}  {statistics.median(walls):7.2f} ms/new "
        f"article (median of {len(processes)} [{min(walls):.2f}-{max(walls):.2f}] processes, "
        f"each the median of {repeat} runs; cpu {statistics.median(cpus):.2f} ms "
        f"{_range(cpus)}{server}; wall not queued for a CPU {unqueued:.2f} ms)  duplicates {first['duplicates_found']:.0f}/"
        f"{first['copies']:.0f} copies  events created {first['events_created']:.0f}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
