"""What the Wirehouse page test adds to a warehouse and to Airflow's metadata DB before it looks
at the page in Chromium, and what it expects the page to show, read from the same data: one
event whose title carries a ``<script>`` tag, a quarantined page with a password in its error,
the warehouse record of a failed Airflow run, and in Airflow two runs of the wirehouse DAGs (an
ingest run that failed after retries, an events run that succeeded)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, MetaData, Table, create_engine, insert, select
from sqlalchemy.orm import Session

from load.models import Article, Event, EventArticle, QuarantinedRecord, Run, Source

SCRIPT_TITLE = "Harbour notice <script>alert(1)</script> posted on the quay"
# the injected runs: the ingest run's id is also its warehouse record's; ids of dates before
# this test was written, so no run the scheduler makes has them
AIRFLOW_INGEST_RUN = "scheduled__2026-12-01T02:00:00+00:00"
AIRFLOW_EVENTS_RUN = "asset_triggered__2026-12-01T02:13:00+00:00"
DAYS, TOP = 14, 10  # the page's chart window and number of events (wirehouse_dashboard.collect)

# Everything the assertions need from the rendered DOM, read in one go.
READ_PAGE = """(() => {
  const table = (id) => {
    const el = document.getElementById(id);
    return el ? [...el.tBodies[0].rows].map((tr) => [...tr.cells].map((td) => td.innerText)) : [];
  };
  const links = (id) => {
    const el = document.getElementById(id);
    return el ? [...el.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href'),
                                                         a.getAttribute('target')]) : [];
  };
  return {
    asOf: document.querySelector('h1 + p').textContent,
    cards: Object.fromEntries([...document.querySelectorAll('.card')]
        .map((c) => [c.firstChild.textContent, c.querySelector('b').textContent])),
    charts: Object.fromEntries([...document.querySelectorAll('svg.chart')].map((svg) => [
        svg.dataset.metric,
        {box: [svg.getBoundingClientRect().width, svg.getBoundingClientRect().height],
         bars: [...svg.querySelectorAll('rect')].map((r) =>
             [r.querySelector('title').textContent, r.getBoundingClientRect().height])}])),
    tables: Object.fromEntries(['airflow-runs', 'trends', 'feeds', 'quality', 'quarantine',
                                'events', 'alerted', 'subscriptions'].map((id) => [id, table(id)])),
    problemRows: document.querySelectorAll('#subscriptions tr.problem').length,
    attention: (document.getElementById('push-attention') || {innerText: ''}).innerText,
    pushLatency: document.getElementById('push-latency').innerText,
    runLinks: links('airflow-runs'),
    feedUrls: [...document.getElementById('feeds').tBodies[0].rows].map((tr) => {
      const small = tr.cells[0].querySelector('small');
      return small ? small.textContent : tr.cells[0].innerText.split('\\n')[0];
    }),
    quarantineCount: document.getElementById('quarantine-count').innerText,
    feedSummary: document.getElementById('feed-summary').innerText,
    alerts: document.getElementById('alerts').innerText,
    duplicates: document.getElementById('duplicate-share').textContent,
    scripts: document.scripts.length,
    html: document.documentElement.outerHTML,
    text: document.body.innerText,
  };
})()"""


def add_script_event(engine: Engine, now: datetime) -> None:
    """One more outlet with three articles on one event; the event and the first article carry
    a script tag in their titles."""
    titles = [SCRIPT_TITLE, "Quay notice explained", "What the quay notice means for ferries"]
    with Session(engine) as s:
        source = Source(name="Night Desk", domain="night-desk.example")
        s.add(source)
        s.flush()
        articles = [
            Article(
                url=f"https://night-desk.example/{i}", canonical_url=f"https://night-desk.example/{i}",
                source_id=source.id, title=title, text=f"{title}. Body words.", word_count=4,
                content_hash=f"{i:064x}", first_seen_at=now, published_at=now - timedelta(hours=i),
            )
            for i, title in enumerate(titles, start=1)
        ]
        event = Event(
            title=SCRIPT_TITLE, article_count=len(articles), source_count=1,
            first_published_at=now - timedelta(hours=len(articles)), last_published_at=now,
        )
        s.add_all([*articles, event])
        s.flush()
        s.add_all(EventArticle(event_id=event.id, article_id=a.id) for a in articles)
        s.commit()


def add_airflow_runs(airflow_db: Path, now: datetime) -> None:
    """Two runs of the wirehouse DAGs in Airflow's metadata DB, written with its own reflected
    tables: an ingest run that failed in ``finish`` on its third try after a mapped ``fetch``
    needed two, and a later events run that succeeded. Both ended before the scheduler sees
    them, which leaves ended runs alone."""
    # a running Airflow writes to the same SQLite file: wait for its locks
    engine = create_engine(f"sqlite:///{airflow_db}", connect_args={"timeout": 120})
    meta = MetaData()
    dag_run = Table("dag_run", meta, autoload_with=engine)
    task_instance = Table("task_instance", meta, autoload_with=engine)
    naive = now.replace(tzinfo=None)  # Airflow keeps naive UTC on SQLite
    ingest_start, events_start = naive - timedelta(hours=3), naive - timedelta(hours=2)
    runs = [
        ("wirehouse_ingest", AIRFLOW_INGEST_RUN, "scheduled", "failed", ingest_start,
         ingest_start + timedelta(minutes=12)),
        ("wirehouse_events", AIRFLOW_EVENTS_RUN, "asset_triggered", "success", events_start,
         events_start + timedelta(minutes=1)),
    ]
    tasks = [  # (dag, task, map index, state, try number)
        ("wirehouse_ingest", "begin", -1, "success", 1),
        ("wirehouse_ingest", "fetch", 0, "success", 1),
        ("wirehouse_ingest", "fetch", 1, "success", 2),
        ("wirehouse_ingest", "finish", -1, "failed", 3),
        ("wirehouse_events", "cluster", -1, "success", 1),
    ]
    run_ids = {dag: run_id for dag, run_id, *_ in runs}
    with engine.begin() as conn:
        conn.execute(insert(dag_run), [
            {"dag_id": dag, "run_id": run_id, "run_type": kind, "state": state,
             "run_after": start, "start_date": start, "end_date": end, "queued_at": start}
            for dag, run_id, kind, state, start, end in runs
        ])
        conn.execute(insert(task_instance), [
            {"id": uuid.uuid4().hex, "dag_id": dag, "run_id": run_ids[dag], "task_id": task,
             "map_index": index, "state": state, "try_number": tries, "max_tries": 2,
             "pool": "default_pool", "pool_slots": 1}
            for dag, task, index, state, tries in tasks
        ])
    engine.dispose()


def add_quarantine_and_airflow_record(engine: Engine, now: datetime) -> None:
    """The warehouse record of the failed Airflow ingest run, and one quarantined page whose
    error quotes a database URL with its password."""
    with Session(engine) as s:
        s.add(Run(id=AIRFLOW_INGEST_RUN, started_at=now - timedelta(hours=3),
                  finished_at=now - timedelta(hours=3) + timedelta(minutes=12), status="failed",
                  feeds_failed=2, error="every feed failed (2); first error: HTTP 503"))
        s.add(QuarantinedRecord(
            kind="page", url="https://night-desk.example/poison", feed_id=None, run_id=AIRFLOW_INGEST_RUN,
            ref="{}", attempts=2, first_failed_at=now - timedelta(hours=3), last_failed_at=now,
            error="DataError: postgresql://wh:S3cr3tPW@db/wh cannot store it\nsecond line",
        ))
        s.commit()


def when(moment: datetime | None) -> str:
    """A time as the page prints it."""
    return "—" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def expected_events(s: Session, now: datetime) -> list[list[str]]:
    events = s.scalars(
        select(Event).where(Event.last_published_at >= now - timedelta(days=DAYS))
        .order_by(Event.article_count.desc(), Event.last_published_at.desc(), Event.id).limit(TOP)
    ).all()
    rows = []
    for event in events:
        sources = s.scalars(
            select(Source.name).distinct()
            .join(Article, Article.source_id == Source.id)
            .join(EventArticle, EventArticle.article_id == Article.id)
            .where(EventArticle.event_id == event.id)
        ).all()
        rows.append([event.title, str(event.article_count), when(event.last_published_at),
                     ", ".join(sorted(sources))])
    return rows


def expected_trends(s: Session, now: datetime) -> dict[str, dict[date, float]]:
    """Per day of the window, from the warehouse: what the trend charts must show."""
    first_day = now.date() - timedelta(days=DAYS - 1)
    days = [first_day + timedelta(days=i) for i in range(DAYS)]
    trends: dict[str, dict[date, float]] = {
        name: dict.fromkeys(days, 0.0) for name in ("runs", "pages", "articles", "failures")
    }
    durations: dict[date, list[float]] = {d: [] for d in days}
    for run in s.scalars(select(Run)):
        day = run.started_at.date()
        if day not in durations:
            continue
        trends["runs"][day] += 1
        trends["pages"][day] += run.pages_fetched
        trends["failures"][day] += run.feeds_failed + (run.status == "failed")
        if run.finished_at is not None:
            durations[day].append((run.finished_at - run.started_at).total_seconds() / 60)
    for seen in s.scalars(select(Article.first_seen_at)):
        if seen.date() in durations:
            trends["articles"][seen.date()] += 1
    trends["duration"] = {d: sum(v) / len(v) if v else 0.0 for d, v in durations.items()}
    return trends


def page_clock(shown: dict) -> datetime:
    """The server's own clock, as printed on the page (minute precision)."""
    return datetime.strptime(shown["asOf"], "As of %Y-%m-%d %H:%M UTC").replace(tzinfo=UTC)
