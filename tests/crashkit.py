"""The machinery of the crash-safety tests (test_crash_safety.py on SQLite,
test_crash_safety_pg.py on PostgreSQL, split so that pytest-xdist runs them side by side):
`wirehouse run` killed with SIGKILL at seeded random moments, then run again, must leave the same
warehouse content as one uninterrupted run.

Starting a fresh interpreter costs several seconds of imports on a loaded machine, so each
`wirehouse run` is a separate process forked from a preloaded ``multiprocessing`` forkserver: it
runs ``wirehouse.cli.main(["run"])`` with the WIREHOUSE_* environment, exactly as the console
script does, and is killed with SIGKILL like any other process. The demo sites are served on
loopback by the test process.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import sys
import time
from collections import Counter, defaultdict
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import psycopg
import pytest
from sqlalchemy import URL, Engine, create_engine, func, select
from test_hostile_input import write_fault_record

from load.db import make_engine, upgrade
from load.models import Article, ArticleUrl, Event, EventArticle, Feed, Run
from load.pg_admin import libpq_params, private_schema, schema_url
from wirehouse.demo.server import DemoSites

SEED = int(os.environ.get("WIREHOUSE_CRASH_SEED", "20261123"))
KILLS = {
    "sqlite": int(os.environ.get("WIREHOUSE_CRASH_KILLS", "20")),
    "postgresql": int(os.environ.get("WIREHOUSE_CRASH_KILLS_PG", "10")),
}
KILLS_PER_TRIAL = 4  # crashes in a row on one warehouse before the run to completion
# Hang guards only, far above what a loaded 2-core machine takes (a run is seconds when idle).
# A test of dozens of runs has no limit on its total, which would be a speed requirement (its
# time is the runs' time, which grows with the machine's load): each run has RUN_TIMEOUT, and
# the test fails when NO_PROGRESS_TIMEOUT passes without a run starting or ending (the time of
# one run, plus what is done between two: a warehouse made, one read).
RUN_TIMEOUT = 900.0
NO_PROGRESS_TIMEOUT = RUN_TIMEOUT + 300.0


class NoProgressGuard:
    """Fails the test (from the SIGALRM handler, as pytest-timeout's signal method does) when
    ``limit`` seconds pass without :meth:`progress`; only one guard is active at a time. The
    tests it guards have pytest-timeout turned off (``pytest.mark.timeout(0)``), which leaves
    SIGALRM to it."""

    active: NoProgressGuard | None = None

    def __init__(self, limit: float = NO_PROGRESS_TIMEOUT) -> None:
        self.limit = limit
        self.last = "nothing yet"

    def __enter__(self) -> Self:
        if NoProgressGuard.active is not None:
            raise RuntimeError("a no-progress guard is already active")
        self._previous = signal.signal(signal.SIGALRM, self._expired)
        NoProgressGuard.active = self
        self.progress("guard started")
        return self

    def __exit__(self, *exc_info: object) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous)
        NoProgressGuard.active = None

    def progress(self, what: str) -> None:
        """``what`` happened: the guard's time starts again."""
        self.last = what
        signal.setitimer(signal.ITIMER_REAL, self.limit)

    def _expired(self, _signum: int, _frame: object) -> None:
        pytest.fail(f"no progress for {self.limit:.0f} s; the last: {self.last}")


def progress(what: str) -> None:
    """Tell the active guard, if any, that ``what`` happened (a run started or ended)."""
    if NoProgressGuard.active is not None:
        NoProgressGuard.active.progress(what)


def _cli_run(env: dict[str, str], log_path: str) -> None:
    """The child: `wirehouse run` with ``env``, its output in ``log_path``."""
    from wirehouse import cli

    os.environ.update(env)
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    sys.stdout = os.fdopen(1, "w", buffering=1, closefd=False)
    sys.stderr = os.fdopen(2, "w", buffering=1, closefd=False)
    raise SystemExit(cli.main(["run"]))


def preloaded_forkserver() -> multiprocessing.context.BaseContext:
    """The ``forkserver`` context, its server started with the run's modules imported."""
    context = multiprocessing.get_context("forkserver")
    # the events stage imports clustering (load.stories, datasketch/SciPy) only when it runs,
    # and loading articles the entity gazetteers: preloaded here, so no forked run pays for them
    context.set_forkserver_preload(
        ["wirehouse.cli", "wirehouse.pipeline", "load.stories", "datasketch", "crash_preload",
         "crashkit"]
    )
    warm_up = context.Process(target=time.sleep, args=(0,))  # starts the server: imports once
    warm_up.start()
    warm_up.join(RUN_TIMEOUT)
    return context


class Warehouses:
    """Fresh, migrated warehouses of one engine, one per trial."""

    def __init__(self, kind: str, root: Path, pg_base: URL | None = None) -> None:
        self.kind, self.root, self.pg_base = kind, root, pg_base
        self._schemas = ExitStack()  # PostgreSQL: the trials' schemas, dropped by drop_all
        self._template: Path | None = None

    def new(self, name: str, application_name: str | None = None) -> str:
        if self.kind == "sqlite":
            if self._template is None:
                self._template = self.root / "template.db"
                upgrade(f"sqlite:///{self._template}")
            target = self.root / name / "warehouse.db"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self._template, target)
            return f"sqlite:///{target}"
        schema = self._schemas.enter_context(private_schema(self.pg_base, "crash"))
        url = schema_url(self.pg_base, schema)
        if application_name:
            url = url.update_query_dict({"application_name": application_name})
        rendered = url.render_as_string(hide_password=False)
        upgrade(rendered)
        return rendered

    def drop_all(self) -> None:
        self._schemas.close()


def pg_admin(base: URL) -> psycopg.Connection:
    return psycopg.connect(**libpq_params(base), autocommit=True)


def run_env(demo: DemoSites, root: Path, url: str) -> dict[str, str]:
    root.mkdir(parents=True, exist_ok=True)
    opml = root / "demo.opml"
    if not opml.exists():
        demo.write_opml(opml)
    return {
        "WIREHOUSE_FEEDS": str(opml),
        "WIREHOUSE_DATA_DIR": str(root),
        "WIREHOUSE_DB_URL": url,
        "WIREHOUSE_ALLOW_PRIVATE_HOSTS": "1",
        "WIREHOUSE_HOST_DELAY": "0.01",
        "WIREHOUSE_RETRY_BASE_DELAY": "0.01",
    }


def start_run(context: multiprocessing.context.BaseContext, env: dict[str, str],
              root: Path) -> multiprocessing.process.BaseProcess:
    process = context.Process(target=_cli_run, args=(env, str(root / "run.log")))
    process.start()
    progress(f"a run started in {root}")
    return process


def run_to_completion(context: multiprocessing.context.BaseContext, env: dict[str, str],
                      root: Path) -> float:
    started = time.monotonic()
    process = start_run(context, env, root)
    process.join(RUN_TIMEOUT)
    elapsed = time.monotonic() - started
    if process.is_alive():
        process.kill()
        process.join()
        pytest.fail(f"wirehouse run took over {RUN_TIMEOUT} s")
    progress(f"a run ended in {root}")
    log = (root / "run.log").read_text(errors="replace")
    assert process.exitcode == 0, f"wirehouse run failed ({process.exitcode}):\n{log[-3000:]}"
    return elapsed


def reader(url: str) -> Engine:
    """An engine for looking at a warehouse while a run writes it. make_engine's SQLite
    engines open every transaction with BEGIN IMMEDIATE, which would take the write lock."""
    return create_engine(url) if url.startswith("sqlite") else make_engine(url)


def content(engine: Engine) -> dict[str, list]:
    """The warehouse's content by canonical URL (never by id), plus its partial-row checks."""
    with engine.connect() as conn:
        articles = conn.execute(select(Article)).all()
        canonical = {a.id: a.canonical_url for a in articles}
        aliases = sorted((u, canonical[i]) for u, i in conn.execute(
            select(ArticleUrl.url, ArticleUrl.article_id)))
        members: dict[int, set[str]] = defaultdict(set)
        memberships = conn.execute(select(EventArticle.event_id, EventArticle.article_id)).all()
        for event_id, article_id in memberships:
            members[event_id].add(canonical[article_id])
        event_counts = dict(conn.execute(select(Event.id, Event.article_count)).all())
    partial = []
    for a in articles:
        if a.clustered_at is None:
            partial.append(f"{a.canonical_url}: never clustered")
        if (a.canonical_url, a.canonical_url) not in aliases:
            partial.append(f"{a.canonical_url}: no article_urls row")
    per_article = Counter(article_id for _, article_id in memberships)
    partial += [f"{canonical[i]}: in {n} events" for i, n in per_article.items() if n != 1]
    partial += [f"{canonical[a.id]}: in no event" for a in articles if a.id not in per_article]
    partial += [f"event {e}: article_count {n}, members {len(members.get(e, ()))}"
                for e, n in event_counts.items() if n != len(members.get(e, ()))]
    return {
        "articles": sorted(
            (a.canonical_url, a.url, a.title, a.author,
             a.published_at.isoformat() if a.published_at else None,
             a.language, a.content_hash, a.word_count)
            for a in articles
        ),
        "aliases": aliases,
        "duplicates": sorted((a.canonical_url, canonical[a.duplicate_of_id])
                             for a in articles if a.duplicate_of_id is not None),
        "events": sorted(sorted(urls) for urls in members.values()),
        "partial": sorted(partial),
    }


def rows_lost(expected: dict[str, list], got: dict[str, list]) -> int:
    """Rows of the uninterrupted run missing from ``got`` (articles, URLs, duplicate links, event
    memberships), plus the partial rows found."""
    lost = 0
    for key in ("articles", "aliases", "duplicates"):
        lost += len({tuple(r) for r in expected[key]} - {tuple(r) for r in got[key]})
    placed = {(tuple(e), u) for e in got["events"] for u in e}
    lost += sum(1 for e in expected["events"] for u in e if (tuple(e), u) not in placed)
    return lost + len(got["partial"])


def _runs(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(Run))


def _phase(engine: Engine, expected_articles: int, runs_before: int) -> str:
    """Where the newest run was when it died, read from what it had committed."""
    with engine.connect() as conn:
        run = conn.execute(select(Run).order_by(Run.started_at.desc()).limit(1)).first()
        if run is None or _runs(engine) == runs_before:
            return "starting"
        if run.status == "completed":
            return "views and quality checks"
        fetched = conn.scalar(select(func.count()).select_from(Feed)
                              .where(Feed.last_fetched_at >= run.started_at))
        loaded = conn.scalar(select(func.count()).select_from(Article))
        unclustered = conn.scalar(select(func.count()).select_from(Article)
                                  .where(Article.clustered_at.is_(None)))
    if not fetched and loaded < expected_articles:
        return "fetching"
    if loaded < expected_articles:
        return "extracting and loading"
    if unclustered:
        return "deduplication and events"
    return "finishing ingest"


def _timeline(context, env: dict[str, str], root: Path, url: str) -> tuple[float, float]:
    """Run to completion while watching the warehouse: (seconds until the run's row appeared,
    seconds in all)."""
    engine = reader(url)
    try:
        started = time.monotonic()
        process = start_run(context, env, root)
        begun = None
        while process.is_alive() and time.monotonic() - started < RUN_TIMEOUT:
            if begun is None and _runs(engine):
                begun = time.monotonic() - started
            time.sleep(0.05)
        process.join(RUN_TIMEOUT)
        total = time.monotonic() - started
        progress(f"the watched run ended in {root}")
    finally:
        engine.dispose()
    log = (root / "run.log").read_text(errors="replace")
    assert process.exitcode == 0, f"wirehouse run failed ({process.exitcode}):\n{log[-3000:]}"
    return (begun if begun is not None else total / 3), total


@dataclass(frozen=True)
class Baseline:
    """What one uninterrupted run left (``content``), and its timeline: seconds until its run
    row appeared, seconds in all."""

    expected: dict[str, list]
    begun: float
    duration: float


def baseline_run(
    forkserver: multiprocessing.context.BaseContext,
    demo: DemoSites,
    warehouses: Warehouses,
    root: Path,
) -> Baseline:
    """One uninterrupted run on a fresh warehouse of ``warehouses``, watched."""
    url = warehouses.new("baseline")
    begun, duration = _timeline(forkserver, run_env(demo, root, url), root, url)
    engine = make_engine(url)
    try:
        expected = content(engine)
    finally:
        engine.dispose()
    assert expected["articles"] and expected["events"] and not expected["partial"]
    return Baseline(expected, begun, duration)


def sigkill_then_rerun(forkserver: multiprocessing.context.BaseContext, demo: DemoSites,
                       warehouses: Warehouses, tmp_path: Path, baseline: Baseline) -> None:
    """The test itself, for the warehouses' engine: runs killed at seeded random moments (up to
    KILLS_PER_TRIAL in a row on one warehouse) and rerun to completion, each trial's warehouse
    compared with the baseline's."""
    kind = warehouses.kind
    expected, begun, duration = baseline.expected, baseline.begun, baseline.duration
    rng = random.Random(SEED)
    kills = KILLS[kind]
    # a few kills while the run starts, the rest stratified over its work (fetch, extraction,
    # load, stories, checks), so that every stage gets hit
    early_kills = max(1, kills // 8)
    work = kills - early_kills
    delays = [rng.uniform(0.0, begun) for _ in range(early_kills)] + [
        begun + (i + rng.random()) / work * (duration * 0.95 - begun) for i in range(work)]
    rng.shuffle(delays)
    phases: Counter[str] = Counter()
    failures: list[str] = []
    lost_total = trials = early = 0
    while delays:
        trials += 1
        root = tmp_path / f"trial{trials}"
        url = warehouses.new(f"trial{trials}")
        env = run_env(demo, root, url)
        engine = reader(url)
        try:
            # up to KILLS_PER_TRIAL crashes in a row; a run that beats its kill moment ends the
            # trial as its completed run, and the moment goes back for a later trial
            completed = False
            for _ in range(KILLS_PER_TRIAL):
                if not delays:
                    break
                delay = delays.pop()
                runs_before = _runs(engine)
                process = start_run(forkserver, env, root)
                # waits out the delay, or less where the run ends first: a baseline timed on a
                # loaded machine makes long delays that a run on an idle one never needs
                process.join(delay)
                # the forkserver, not this process, reaps the child, so it may be gone by the
                # time the signal is sent: Process.kill tolerates that, and exitcode tells below
                process.kill()
                process.join(RUN_TIMEOUT)  # a hang guard: reaped at once on an idle machine
                progress(f"a run killed after {delay:.2f} s in {root}")
                if process.exitcode == 0:  # it finished first
                    delays.insert(0, rng.uniform(0.0, delay * 0.8))
                    early += 1
                    completed = True
                    break
                assert process.exitcode == -signal.SIGKILL, (root / "run.log").read_text()[-3000:]
                phases[_phase(engine, len(expected["articles"]), runs_before)] += 1
            if not completed:
                run_to_completion(forkserver, env, root)
            got = content(engine)
        finally:
            engine.dispose()
        lost = rows_lost(expected, got)
        lost_total += lost
        if got != expected:
            failures.append(f"trial {trials}: {lost} rows lost; partial rows: {got['partial'][:5]}; "
                            f"articles {len(got['articles'])}/{len(expected['articles'])}, "
                            f"events {len(got['events'])}/{len(expected['events'])}")
    write_fault_record(f"crash-sigkill-{kind}", {
        "fault": f"SIGKILL of `wirehouse run` at random moments, then a rerun ({kind})",
        "tried": sum(phases.values()),
        "survived": sum(phases.values()) if not failures else 0,
        "trials": trials,
        "finished_before_kill": early,
        "trials_failed": len(failures),
        "rows_lost": lost_total,
        "phases": dict(phases),
        "seed": SEED,
        "run_seconds": round(duration, 2),
        "run_row_after_seconds": round(begun, 2),
    })
    assert sum(phases.values()) >= kills
    assert not failures, "\n".join(failures)
