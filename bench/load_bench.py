"""How fast is upsert_articles compared with the fastest plain load of the same rows?

Builds N article records from real data (UCI News Aggregator headlines, URLs, publishers and
times, with article bodies from the Zyte extraction benchmark's ground truth, cycled; every copy
gets its own canonical URL) and loads them into a freshly migrated warehouse, in batches of
``--batch`` rows, one transaction per batch:

* baseline on SQLite: bare ``executemany`` INSERTs through the sqlite3 driver (articles with
  pre-assigned ids, then their two URLs into article_urls);
* baseline on PostgreSQL: ``COPY`` of the same rows through psycopg;
* upsert: ``load.upsert.upsert_articles`` (source lookup, change detection, ON CONFLICT upsert,
  alias rows), then a second pass over the same records (all unchanged: the idempotent re-load).

Prints rows/s for each and the ratio upsert/baseline (goal: >= 0.5 on both engines).

    .venv/bin/python bench/load_bench.py [--rows 100000] [--engine sqlite|postgresql|both]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from sqlalchemy import URL, Engine

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from load.db import make_engine, session_scope, upgrade
from load.pg_admin import ensure_database, libpq_params, private_schema, schema_url
from load.upsert import UPDATABLE, upsert_articles
from transform.records import ArticleRecord
from wirehouse.settings import load_settings

HEADLINES = Path("story-clustering/uci_news_stories_2014-03-10.jsonl")
BODIES = Path("article-extraction/ground-truth.json")
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/wirehouse_bench_load"
# The columns the baseline inserts: upsert's UPDATABLE and those the first load fixes.
ARTICLE_COLUMNS = ("id", "url", "canonical_url", *UPDATABLE, "first_seen_at")


def build_records(data: Path, count: int) -> list[ArticleRecord]:
    """``count`` distinct article records from the bench data (headlines cycled, bodies cycled)."""
    with (data / HEADLINES).open(encoding="utf-8") as handle:
        headlines = [json.loads(line) for line in handle if line.strip()]
    bodies = [
        entry["articleBody"] for entry in json.loads((data / BODIES).read_text("utf-8")).values()
    ]
    records = []
    for index, (row, body) in enumerate(zip(itertools.cycle(headlines), itertools.cycle(bodies))):
        if index == count:
            break
        published = datetime.fromisoformat(row["date"])
        domain = row["hostname"].lower().removeprefix("www.")
        canonical = f"{row['url'].split('?')[0].rstrip('/')}/copy-{index}"
        records.append(
            ArticleRecord(
                url=f"{canonical}?utm_source=rss",
                canonical_url=canonical,
                domain=domain,
                title=row["title"],
                author=row["source"],
                published_at=published,
                language="en",
                text=body,
                word_count=len(body.split()),
                content_hash=uuid.uuid5(uuid.NAMESPACE_URL, canonical).hex * 2,
                fetched_at=published + timedelta(minutes=10),
            )
        )
    return records


def batches(records: Sequence[ArticleRecord], size: int) -> Iterator[Sequence[ArticleRecord]]:
    for start in range(0, len(records), size):
        yield records[start : start + size]


def plain_rows(
    records: Sequence[ArticleRecord], to_time: Callable[[datetime], object]
) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Sources, article rows and URL rows with pre-assigned ids, as a bare loader would send."""
    source_ids: dict[str, int] = {}
    articles, urls = [], []
    for article_id, rec in enumerate(records, start=1):
        source_id = source_ids.setdefault(rec.domain, len(source_ids) + 1)
        articles.append(
            (
                article_id,
                rec.url,
                rec.canonical_url,
                source_id,
                rec.title,
                rec.author,
                to_time(rec.published_at),
                rec.language,
                rec.text,
                rec.word_count,
                rec.content_hash,
                to_time(rec.fetched_at),
            )
        )
        urls.append((rec.url, article_id))
        urls.append((rec.canonical_url, article_id))
    sources = [(source_id, domain, domain) for domain, source_id in source_ids.items()]
    return sources, articles, urls


def sqlite_baseline(path: Path, records: Sequence[ArticleRecord], batch: int) -> float:
    import sqlite3

    def to_text(moment: datetime) -> str:
        return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")

    start = time.perf_counter()
    sources, articles, urls = plain_rows(records, to_text)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA foreign_keys = ON")
    insert_article = (
        f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})"
    )
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO sources (id, name, domain) VALUES (?, ?, ?)", sources)
    connection.execute("COMMIT")
    for offset in range(0, len(articles), batch):
        connection.execute("BEGIN")
        connection.executemany(insert_article, articles[offset : offset + batch])
        connection.executemany(
            "INSERT INTO article_urls (url, article_id) VALUES (?, ?)",
            urls[2 * offset : 2 * (offset + batch)],
        )
        connection.execute("COMMIT")
    connection.close()
    return time.perf_counter() - start


def postgres_baseline(url: URL, records: Sequence[ArticleRecord], batch: int) -> float:
    start = time.perf_counter()
    sources, articles, urls = plain_rows(records, lambda moment: moment)
    with psycopg.connect(**libpq_params(url)) as connection:
        with (
            connection.cursor() as cursor,
            cursor.copy("COPY sources (id, name, domain) FROM STDIN") as copy,
        ):
            for row in sources:
                copy.write_row(row)
        connection.commit()
        for offset in range(0, len(articles), batch):
            with connection.cursor() as cursor:
                with cursor.copy(
                    f"COPY articles ({', '.join(ARTICLE_COLUMNS)}) FROM STDIN"
                ) as copy:
                    for row in articles[offset : offset + batch]:
                        copy.write_row(row)
                with cursor.copy("COPY article_urls (url, article_id) FROM STDIN") as copy:
                    for row in urls[2 * offset : 2 * (offset + batch)]:
                        copy.write_row(row)
            connection.commit()
    return time.perf_counter() - start


def upsert_run(engine: Engine, records: Sequence[ArticleRecord], batch: int) -> tuple[float, int]:
    start = time.perf_counter()
    written = 0
    for chunk in batches(records, batch):
        with session_scope(engine) as session:
            result = upsert_articles(session, chunk)
        written += result.inserted + result.updated
    return time.perf_counter() - start, written


def bench_sqlite(records: Sequence[ArticleRecord], batch: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        base_path, upsert_path = Path(tmp) / "baseline.db", Path(tmp) / "upsert.db"
        upgrade(f"sqlite:///{base_path}")
        upgrade(f"sqlite:///{upsert_path}")
        baseline = sqlite_baseline(base_path, records, batch)
        engine = make_engine(f"sqlite:///{upsert_path}")
        try:
            first, written = upsert_run(engine, records, batch)
            again, rewritten = upsert_run(engine, records, batch)
        finally:
            engine.dispose()
    assert written == len(records) and rewritten == 0, (written, rewritten)
    return {"baseline": baseline, "upsert": first, "reload": again}


def bench_postgres(records: Sequence[ArticleRecord], batch: int, pg_url: str) -> dict[str, float]:
    ensure_database(pg_url)
    with (
        private_schema(pg_url, "bench") as baseline_schema,
        private_schema(pg_url, "bench") as upsert_schema,
    ):
        baseline_url, upsert_url = (schema_url(pg_url, baseline_schema),
                                    schema_url(pg_url, upsert_schema))
        upgrade(baseline_url)
        upgrade(upsert_url)
        baseline = postgres_baseline(baseline_url, records, batch)
        engine = make_engine(upsert_url)
        try:
            first, written = upsert_run(engine, records, batch)
            again, rewritten = upsert_run(engine, records, batch)
        finally:
            engine.dispose()
    assert written == len(records) and rewritten == 0, (written, rewritten)
    return {"baseline": baseline, "upsert": first, "reload": again}


def report(engine_name: str, baseline_name: str, rows: int, timings: dict[str, float]) -> None:
    rate = {name: rows / seconds for name, seconds in timings.items()}
    print(f"\n{engine_name}: {rows:,} articles (+{2 * rows:,} URL rows)")
    print(f"  {'load':<34}{'seconds':>9}{'rows/s':>11}")
    print(f"  {baseline_name:<34}{timings['baseline']:>9.2f}{rate['baseline']:>11,.0f}")
    print(
        f"  {'upsert_articles (first load)':<34}{timings['upsert']:>9.2f}{rate['upsert']:>11,.0f}"
    )
    print(f"  {'upsert_articles (re-load)':<34}{timings['reload']:>9.2f}{rate['reload']:>11,.0f}")
    ratio = rate["upsert"] / rate["baseline"]
    verdict = "meets" if ratio >= 0.5 else "MISSES"
    print(f"  ratio upsert/baseline = {ratio:.2f} ({verdict} the >= 0.5 goal)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=REPO.parent / "shared" / "bench",
        help="bench data folder (default: ../shared/bench next to the repo)",
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--batch",
        type=int,
        default=load_settings().load_batch_size,
        help="rows per transaction (default: WIREHOUSE_LOAD_BATCH_SIZE)",
    )
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument(
        "--pg-url",
        default=DEFAULT_PG_URL,
        help="PostgreSQL database to bench in, created when missing (private schemas, dropped "
        "after)",
    )
    args = parser.parse_args(argv)

    missing = [p for p in (args.data / HEADLINES, args.data / BODIES) if not p.is_file()]
    if missing:
        print(
            f"bench data absent: {', '.join(map(str, missing))} not found; "
            "pass --data pointing at the shared bench folder"
        )
        return 2
    records = build_records(args.data, args.rows)
    print(f"{len(records):,} records built from {args.data} (batch {args.batch} rows/transaction)")
    if args.engine in ("sqlite", "both"):
        report(
            "SQLite", "bare executemany (sqlite3)", len(records), bench_sqlite(records, args.batch)
        )
    if args.engine in ("postgresql", "both"):
        report(
            "PostgreSQL",
            "COPY (psycopg)",
            len(records),
            bench_postgres(records, args.batch, args.pg_url),
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
