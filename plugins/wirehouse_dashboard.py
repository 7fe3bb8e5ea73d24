"""The figures on the Wirehouse page of the Airflow UI, and their HTML.

Every query of the page is here. :func:`collect` reads the warehouse (a handful of small
queries, portable between SQLite and PostgreSQL: dates are bucketed in Python, in UTC);
:func:`read_airflow_runs` reads the recent runs of the wirehouse DAGs from Airflow's metadata
database (the plugin runs inside the API server, which holds that database's session);
:func:`render` turns the result into one self-contained page (inline CSS, inline SVG charts, no
script). Every piece of warehouse or Airflow text is HTML-escaped: titles, URLs and errors come
from the open web; every error and URL shown goes through wirehouse.redact first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape
from typing import Any
from urllib.parse import quote, urlsplit

from sqlalchemy import Boolean, Engine, Integer, String, column, func, select, table
from sqlalchemy.orm import Session

from load.models import (
    Article,
    Event,
    EventArticle,
    Feed,
    QuarantinedRecord,
    Run,
    Source,
    UTCDateTime,
)
from wirehouse.push_health import (
    PushLatency,
    SubscriptionStatus,
    push_latency,
    subscription_statuses,
)
from wirehouse.quality import FEED_FAILURE_SHARE, measure_warehouse
from wirehouse.redact import mask_secrets
from wirehouse.settings import Settings
from wirehouse.wording import counted

RETRY_COMMAND = "wirehouse reprocess --quarantined"
DAG_PREFIX = "wirehouse_"  # the DAGs of dags/: wirehouse_ingest, wirehouse_events
FAILED_TASK_STATES = ("failed", "upstream_failed")
# feed_health states, the ones needing attention first
STATE_ORDER = {"failing": 0, "never_fetched": 1, "ok": 2, "inactive": 3}

# The view sql/views/feed_health.sql, with the types of the columns the page reads.
FEED_HEALTH = table(
    "feed_health",
    column("feed_id", Integer()),
    column("url", String()),
    column("title", String()),
    column("source_name", String()),
    column("state", String()),
    column("last_status", Integer()),
    column("last_error", String()),
    column("consecutive_failures", Integer()),
    column("last_fetched_at", UTCDateTime()),
    column("last_success_at", UTCDateTime()),
    column("next_fetch_at", UTCDateTime()),
    column("active", Boolean()),
    column("entry_count", Integer()),
)


class AirflowUnavailableError(RuntimeError):
    """Airflow's metadata database could not be read; the page says so and shows the rest."""


@dataclass(frozen=True)
class RunFigures:
    id: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    feeds_ok: int
    feeds_failed: int
    pages_fetched: int
    articles_new: int
    duplicates_new: int
    events_touched: int
    error: str  # first line, secrets masked; "" unless failed


@dataclass(frozen=True)
class EventFigures:
    id: int
    title: str
    article_count: int
    last_published_at: datetime | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class QuarantinedFigures:
    """One dead-letter record; ``error`` is its first line, secrets masked."""

    kind: str
    url: str
    feed_url: str | None
    error: str
    attempts: int
    last_failed_at: datetime


@dataclass(frozen=True)
class TaskTry:
    """A task instance of an Airflow run that failed or was retried, with its log's link."""

    task_id: str
    map_index: int
    state: str | None
    try_number: int
    max_tries: int
    log_link: str

    @property
    def label(self) -> str:
        return self.task_id if self.map_index < 0 else f"{self.task_id}[{self.map_index}]"


@dataclass(frozen=True)
class AirflowRun:
    """A DAG run as Airflow's metadata has it."""

    dag_id: str
    run_id: str
    run_type: str
    state: str | None
    run_after: datetime
    start_date: datetime | None
    end_date: datetime | None
    tasks: int
    tries: int  # task attempts in all (try numbers summed)
    failed: tuple[TaskTry, ...]
    retried: tuple[TaskTry, ...]  # tasks that needed more than one try
    link: str

    @property
    def duration(self) -> timedelta | None:
        if self.start_date is None or self.end_date is None:
            return None
        return self.end_date - self.start_date


@dataclass(frozen=True)
class DayTrend:
    day: date
    runs: int
    failed_runs: int
    pages_fetched: int
    articles_new: int  # articles first seen that day (whatever loaded them)
    feed_failures: int  # failed feed fetches recorded by that day's runs
    minutes: float | None  # mean duration of the day's finished runs


@dataclass(frozen=True)
class FeedRow:
    """One row of the feed_health view, with its staleness and quarantined records."""

    url: str
    title: str
    source: str
    state: str
    last_status: int | None
    last_error: str
    consecutive_failures: int
    last_fetched_at: datetime | None
    last_success_at: datetime | None
    next_fetch_at: datetime | None
    in_backoff: bool  # skipped by runs until next_fetch_at (by the page's clock)
    entry_count: int | None
    stale_for: timedelta | None  # since the last success; None when it never succeeded
    quarantined: int


@dataclass(frozen=True)
class QualityCheck:
    name: str
    value: float
    limit: float  # the check passes while value <= limit
    unit: str  # "rows" or "share"

    @property
    def ok(self) -> bool:
        return self.value <= self.limit


@dataclass(frozen=True)
class AlertConfig:
    webhook: str  # "" when unset, else scheme and host only (the rest can hold a token)
    timeout: float


@dataclass(frozen=True)
class Dashboard:
    generated_at: datetime
    last_run: RunFigures | None
    articles_total: int
    duplicates_total: int
    top_events: tuple[EventFigures, ...]
    quarantined_total: int
    quarantined_latest: tuple[QuarantinedFigures, ...]  # latest failure first
    trends: tuple[DayTrend, ...]  # oldest first, every day of the window
    feeds: tuple[FeedRow, ...]
    quality: tuple[QualityCheck, ...]
    quality_measured_at: datetime
    alerts: AlertConfig
    airflow_runs: tuple[AirflowRun, ...]
    airflow_error: str  # why Airflow's runs could not be read; "" when they were
    warehouse_runs: dict[str, RunFigures]  # by Airflow run id, for the runs that have a record
    subscriptions: tuple[SubscriptionStatus, ...]  # those needing attention first
    push_latency: PushLatency  # of the last day

    @property
    def subscription_problems(self) -> tuple[SubscriptionStatus, ...]:
        return tuple(s for s in self.subscriptions if s.problem is not None)

    @property
    def duplicate_share(self) -> float:
        return self.duplicates_total / self.articles_total if self.articles_total else 0.0


@dataclass
class QualityCache:
    """The quality figures scan whole tables (article texts included): the page reuses them for
    ``max_age`` seconds instead of scanning on every view."""

    max_age: float
    _taken: tuple[datetime, dict[str, Any]] | None = None

    def figures(self, engine: Engine, settings: Settings, now: datetime) -> tuple[datetime, dict[str, Any]]:
        """When the figures were measured, and the figures."""
        taken = self._taken
        if taken is None or not taken[0] <= now < taken[0] + timedelta(seconds=self.max_age):
            taken = self._taken = (now, measure_warehouse(engine, settings, now)[0])
        return taken


def first_line(text: str | None) -> str:
    """The first non-blank line of ``text``, secrets masked (errors can quote URLs)."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return mask_secrets(lines[0]) if lines else ""


def masked_webhook(url: str) -> str:
    """Scheme and host of a webhook URL: its path or query often is the secret (Slack, Teams)."""
    if not url:
        return ""
    parts = urlsplit(url)
    host = parts.hostname or "?"
    return f"{parts.scheme}://{host}/…" if parts.path.strip("/") or parts.query else f"{parts.scheme}://{host}"


def collect(
    engine: Engine,
    settings: Settings,
    now: datetime,
    airflow_runs: tuple[AirflowRun, ...] | AirflowUnavailableError = (),
    quality: QualityCache | None = None,
    days: int = 14,
    top: int = 10,
    quarantine_rows: int = 10,
) -> Dashboard:
    """Everything the page shows; ``now`` is tz-aware UTC, ``days`` the trends' window; without
    a ``quality`` cache the quality figures are measured now."""
    first_day = now.date() - timedelta(days=days - 1)
    window_start = datetime.combine(first_day, datetime.min.time(), tzinfo=now.tzinfo)
    with Session(engine) as session:
        run = session.scalars(select(Run).order_by(Run.started_at.desc()).limit(1)).first()
        total = session.scalar(select(func.count()).select_from(Article)) or 0
        duplicates = session.scalar(
            select(func.count()).select_from(Article).where(Article.duplicate_of_id.is_not(None))
        ) or 0
        events = session.scalars(
            select(Event)
            .where(Event.last_published_at >= now - timedelta(days=days))
            .order_by(Event.article_count.desc(), Event.last_published_at.desc(), Event.id)
            .limit(top)
        ).all()
        sources = _event_sources(session, [e.id for e in events])
        quarantined_total = session.scalar(select(func.count()).select_from(QuarantinedRecord)) or 0
        quarantined = session.execute(
            select(QuarantinedRecord, Feed.url)
            .outerjoin(Feed, Feed.id == QuarantinedRecord.feed_id)
            .order_by(QuarantinedRecord.last_failed_at.desc(), QuarantinedRecord.id.desc())
            .limit(quarantine_rows)
        ).all()
        trends = _trends(session, first_day, window_start, days)
        feeds = _feeds(session, now)
        runs = airflow_runs if isinstance(airflow_runs, tuple) else ()
        warehouse_runs = _warehouse_runs(session, [r.run_id for r in runs])
        last_run = _run_figures(run) if run is not None else None
        subscriptions = tuple(subscription_statuses(session, now, settings.websub_verify_within))
        latency = push_latency(session, now)
    measured_at, figures = (quality or QualityCache(0)).figures(engine, settings, now)
    return Dashboard(
        generated_at=now,
        last_run=last_run,
        articles_total=total,
        duplicates_total=duplicates,
        top_events=tuple(
            EventFigures(e.id, e.title, e.article_count, e.last_published_at, sources.get(e.id, ()))
            for e in events
        ),
        quarantined_total=quarantined_total,
        quarantined_latest=tuple(
            QuarantinedFigures(q.kind, mask_secrets(q.url), feed_url and mask_secrets(feed_url),
                               first_line(q.error), q.attempts, q.last_failed_at)
            for q, feed_url in quarantined
        ),
        trends=trends,
        feeds=feeds,
        quality=tuple(
            QualityCheck(name, value, settings.max_feed_failure_share, "share")
            if name == FEED_FAILURE_SHARE else QualityCheck(name, value, 0, "rows")
            for name, value in figures.items()
        ),
        quality_measured_at=measured_at,
        alerts=AlertConfig(masked_webhook(settings.alert_webhook_url), settings.alert_timeout),
        airflow_runs=runs,
        airflow_error="" if isinstance(airflow_runs, tuple) else first_line(str(airflow_runs)),
        warehouse_runs=warehouse_runs,
        subscriptions=subscriptions,
        push_latency=latency,
    )


def _run_figures(run: Run) -> RunFigures:
    return RunFigures(
        run.id, run.status, run.started_at, run.finished_at, run.feeds_ok, run.feeds_failed,
        run.pages_fetched, run.articles_new, run.duplicates_new, run.events_touched,
        first_line(run.error),
    )


def _event_sources(session: Session, event_ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not event_ids:
        return {}
    rows = session.execute(
        select(EventArticle.event_id, Source.name)
        .join(Article, Article.id == EventArticle.article_id)
        .join(Source, Source.id == Article.source_id)
        .where(EventArticle.event_id.in_(event_ids))
        .distinct()
    ).all()
    found: dict[int, set[str]] = {}
    for event_id, name in rows:
        found.setdefault(event_id, set()).add(name)
    return {event_id: tuple(sorted(names)) for event_id, names in found.items()}


def _trends(session: Session, first_day: date, window_start: datetime, days: int) -> tuple[DayTrend, ...]:
    """Per day of the window: the runs begun that day (count, failures, pages, feed failures,
    mean duration) and the articles first seen that day."""
    runs = session.execute(
        select(Run.started_at, Run.finished_at, Run.status, Run.pages_fetched, Run.feeds_failed)
        .where(Run.started_at >= window_start)
    ).all()
    seen = session.scalars(select(Article.first_seen_at).where(Article.first_seen_at >= window_start)).all()
    buckets: dict[date, dict[str, Any]] = {
        first_day + timedelta(days=i): {"runs": 0, "failed": 0, "pages": 0, "articles": 0,
                                        "feeds": 0, "durations": []}
        for i in range(days)
    }
    for started, finished, status, pages, feeds_failed in runs:
        bucket = buckets.get(started.date())
        if bucket is None:
            continue
        bucket["runs"] += 1
        bucket["failed"] += status == "failed"
        bucket["pages"] += pages or 0
        bucket["feeds"] += feeds_failed or 0
        if finished is not None:
            bucket["durations"].append((finished - started).total_seconds() / 60)
    for moment in seen:
        if moment.date() in buckets:
            buckets[moment.date()]["articles"] += 1
    return tuple(
        DayTrend(day, b["runs"], b["failed"], b["pages"], b["articles"], b["feeds"],
                 sum(b["durations"]) / len(b["durations"]) if b["durations"] else None)
        for day, b in sorted(buckets.items())
    )


def _feeds(session: Session, now: datetime) -> tuple[FeedRow, ...]:
    """Every feed as the feed_health view reports it, those needing attention first; back-off
    is judged by ``now`` (the view's in_backoff goes by the database's clock)."""
    quarantined = dict(
        session.execute(
            select(QuarantinedRecord.feed_id, func.count()).group_by(QuarantinedRecord.feed_id)
        ).all()
    )
    rows = session.execute(select(FEED_HEALTH)).mappings().all()
    feeds = [
        FeedRow(
            url=mask_secrets(r["url"]), title=r["title"] or "", source=r["source_name"] or "",
            state=r["state"], last_status=r["last_status"], last_error=first_line(r["last_error"]),
            consecutive_failures=r["consecutive_failures"] or 0,
            last_fetched_at=r["last_fetched_at"], last_success_at=r["last_success_at"],
            next_fetch_at=r["next_fetch_at"],
            in_backoff=bool(r["active"]) and r["next_fetch_at"] is not None and r["next_fetch_at"] > now,
            entry_count=r["entry_count"],
            stale_for=None if r["last_success_at"] is None else now - r["last_success_at"],
            quarantined=quarantined.get(r["feed_id"], 0),
        )
        for r in rows
    ]
    feeds.sort(key=lambda f: (STATE_ORDER.get(f.state, 9), -f.consecutive_failures, f.url))
    return tuple(feeds)


def _warehouse_runs(session: Session, airflow_run_ids: list[str]) -> dict[str, RunFigures]:
    """The warehouse ``runs`` row of each Airflow run that has one."""
    if not airflow_run_ids:
        return {}
    from wirehouse.airflow_support import warehouse_run_id

    by_record = {warehouse_run_id(run_id): run_id for run_id in airflow_run_ids}
    records = session.scalars(select(Run).where(Run.id.in_(list(by_record)))).all()
    return {by_record[r.id]: _run_figures(r) for r in records}


def run_link(base_path: str, dag_id: str, run_id: str) -> str:
    """The path of a DAG run's page in the Airflow UI."""
    return f"{base_path}/dags/{quote(dag_id)}/runs/{quote(run_id)}"


def task_log_link(base_path: str, dag_id: str, run_id: str, task_id: str, map_index: int,
                  try_number: int) -> str:
    """The path of a task try's log in the Airflow UI (the path of TaskInstance.log_url)."""
    link = f"{run_link(base_path, dag_id, run_id)}/tasks/{quote(task_id)}"
    if map_index >= 0:
        link += f"/mapped/{map_index}"
    if try_number > 0:
        link += f"?try_number={try_number}"
    return link


def read_airflow_runs(
    session: Session, readable: frozenset[str], base_path: str = "", limit: int = 20
) -> tuple[AirflowRun, ...]:
    """The latest ``limit`` runs of the wirehouse DAGs among the ``readable`` ones (the DAG ids
    the viewer may read) from Airflow's metadata database, with their failed and retried task
    instances; links are paths under ``base_path`` (the path of Airflow's ``[api] base_url``),
    in the form TaskInstance.log_url gives them."""
    from airflow.models.dagrun import DagRun
    from airflow.models.taskinstance import TaskInstance
    from sqlalchemy.exc import SQLAlchemyError

    dr, ti = DagRun.__table__.c, TaskInstance.__table__.c
    try:
        runs = session.execute(
            select(dr.dag_id, dr.run_id, dr.run_type, dr.state, dr.run_after, dr.start_date, dr.end_date)
            .where(dr.dag_id.startswith(DAG_PREFIX, autoescape=True), dr.dag_id.in_(readable))
            .order_by(dr.run_after.desc(), dr.id.desc())
            .limit(limit)
        ).all()
        keys = [(r.dag_id, r.run_id) for r in runs]
        tasks: dict[tuple[str, str], list[Any]] = {key: [] for key in keys}
        if keys:
            for row in session.execute(
                select(ti.dag_id, ti.run_id, ti.task_id, ti.map_index, ti.state, ti.try_number,
                       ti.max_tries)
                .where(ti.dag_id.in_({d for d, _ in keys}), ti.run_id.in_({r for _, r in keys}))
                .order_by(ti.task_id, ti.map_index)
            ):
                if (row.dag_id, row.run_id) in tasks:
                    tasks[(row.dag_id, row.run_id)].append(row)
    except SQLAlchemyError as exc:
        raise AirflowUnavailableError(f"Airflow's metadata database could not be read: {exc}") from exc

    def task_try(dag_id: str, run_id: str, row: Any) -> TaskTry:
        link = task_log_link(base_path, dag_id, run_id, row.task_id, row.map_index, row.try_number)
        return TaskTry(row.task_id, row.map_index, row.state, row.try_number, row.max_tries, link)

    result = []
    for r in runs:
        instances = tasks[(r.dag_id, r.run_id)]
        result.append(AirflowRun(
            dag_id=r.dag_id, run_id=r.run_id, run_type=r.run_type, state=r.state,
            run_after=r.run_after, start_date=r.start_date, end_date=r.end_date,
            tasks=len(instances), tries=sum(t.try_number or 0 for t in instances),
            failed=tuple(task_try(r.dag_id, r.run_id, t) for t in instances
                         if t.state in FAILED_TASK_STATES),
            retried=tuple(task_try(r.dag_id, r.run_id, t) for t in instances
                          if (t.try_number or 0) > 1),
            link=run_link(base_path, r.dag_id, r.run_id),
        ))
    return tuple(result)


# --- HTML ------------------------------------------------------------------------------------


def _when(moment: datetime | None) -> str:
    return "—" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def _span(length: timedelta | None) -> str:
    """A duration in its largest sensible unit: 45 s, 12 min, 7.5 h, 3.2 d."""
    if length is None:
        return "—"
    seconds = length.total_seconds()
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    if seconds < 36 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def _clip(text: str, width: int = 200) -> str:
    """``text`` cut to ``width`` characters (a quarantined URL can be 100,000 long)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _link(path: str, text: str) -> str:
    """A link into the Airflow UI, opened in the whole window (the page sits in its frame)."""
    return f'<a href="{escape(path)}" target="_top">{escape(text)}</a>'


def _bars(metric: str, label: str, values: list[tuple[date, float]], unit: str) -> str:
    """One trend as a small inline SVG bar chart, with a title on each bar for hovering."""
    width, height, pad = 300, 110, 16
    peak = max((v for _, v in values), default=0) or 1
    step = (width - 2 * pad) / max(len(values), 1)
    parts = [
        (
            f'<figure class="trend"><figcaption>{escape(label)}</figcaption>'
            f'<svg class="chart" data-metric="{escape(metric)}" viewBox="0 0 {width} {height}" '
            f'role="img" aria-label="{escape(label)} per day">'
        )
    ]
    for i, (day, value) in enumerate(values):
        bar = (height - 2 * pad) * value / peak
        x, y = pad + i * step, height - pad - bar
        shown = f"{value:.1f}" if unit == "min" else f"{value:.0f}"
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{step - 2:.1f}" height="{bar:.1f}">'
            f"<title>{escape(f'{day.isoformat()}: {shown} {unit}')}</title></rect>"
        )
    first, last = values[0][0], values[-1][0]
    parts.append(f'<text x="{pad}" y="{height - 3}">{escape(first.strftime("%m-%d"))}</text>')
    parts.append(f'<text x="{width - pad}" y="{height - 3}" text-anchor="end">'
                 f'{escape(last.strftime("%m-%d"))}</text>')
    parts.append(f'<text x="{pad}" y="11">max {escape(f"{peak:.1f}" if unit == "min" else f"{peak:.0f}")}</text>')
    parts.append("</svg></figure>")
    return "".join(parts)


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]], empty: str,
           table_id: str = "", marked: frozenset[int] = frozenset()) -> str:
    """A table of already-escaped cells; the rows at the ``marked`` indexes are highlighted."""
    if not rows:
        return f'<p class="empty">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(("<tr class=\"problem\">" if i in marked else "<tr>")
                   + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
                   for i, row in enumerate(rows))
    attribute = f' id="{table_id}"' if table_id else ""
    return f"<table{attribute}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1f2933;font-size:14px}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
.cards{display:flex;gap:1rem;flex-wrap:wrap}
.card{border:1px solid #d9e2ec;border-radius:6px;padding:.6rem 1rem;min-width:8rem}
.card b{display:block;font-size:1.3rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;
border-bottom:1px solid #e4e7eb;vertical-align:top}
.trends{display:flex;flex-wrap:wrap;gap:1rem}.trend{margin:0;width:300px}
.trend figcaption{font-weight:600;margin-bottom:.2rem}
.chart{display:block;width:100%}.chart rect{fill:#2f80ed}.chart text{font-size:10px;fill:#52606d}
.error{font-family:monospace;white-space:pre-wrap;word-break:break-all}.empty{color:#7b8794}
code{background:#f0f4f8;padding:0 .2rem}small{color:#52606d}
.state{font-weight:600}.state-failed,.state-failing,.state-broken{color:#c81e1e}
.state-success,.state-ok,.state-completed{color:#0e7c3a}
.state-running,.state-queued,.state-never_fetched,.state-ingested{color:#b7791f}
.state-verified{color:#0e7c3a}.state-denied,.state-expired{color:#c81e1e}
.state-requested{color:#b7791f}.state-unsubscribed{color:#7b8794}
.attention{border:2px solid #c81e1e;background:#fdecec;border-radius:6px;padding:.5rem 1rem}
.attention a{color:#c81e1e;font-weight:600}tr.problem td{background:#fdecec}
.problem-note{color:#c81e1e}
"""


def _state(state: str | None) -> str:
    text = state or "none"
    return f'<span class="state state-{escape(text)}">{escape(text)}</span>'


def _last_run_html(run: RunFigures | None) -> str:
    if run is None:
        return '<p class="empty">No run recorded yet.</p>'
    cards = [
        ("run", run.id), ("status", run.status), ("started", _when(run.started_at)),
        ("finished", _when(run.finished_at)), ("feeds ok", str(run.feeds_ok)),
        ("feeds failed", str(run.feeds_failed)), ("pages fetched", str(run.pages_fetched)),
        ("new articles", str(run.articles_new)), ("new duplicates", str(run.duplicates_new)),
        ("events touched", str(run.events_touched)),
    ]
    html = '<div class="cards">' + "".join(
        f'<div class="card">{escape(label)}<b>{escape(value)}</b></div>' for label, value in cards
    ) + "</div>"
    if run.error:
        html += f'<p>Error: <span class="error">{escape(run.error)}</span></p>'
    return html


def _quarantine_html(dashboard: Dashboard) -> str:
    total = dashboard.quarantined_total
    if not total:
        return '<p id="quarantine-count" class="empty">No record is quarantined.</p>'
    shown = len(dashboard.quarantined_latest)
    head = (
        f'<p id="quarantine-count"><b>{total}</b> record{"s" if total != 1 else ""} failed to load '
        f"and {'are' if total != 1 else 'is'} quarantined"
        + (f" (the latest {shown} below)" if shown < total else "")
        + f'. Retry with <code>{escape(RETRY_COMMAND)}</code>; one that loads leaves the quarantine.</p>'
    )
    table = _table(
        ("kind", "URL / feed", "error", "attempts", "last failed"),
        [
            (escape(q.kind),
             escape(_clip(q.url)) + (f"<br><small>feed {escape(_clip(q.feed_url))}</small>"
                                     if q.feed_url else ""),
             f'<span class="error">{escape(q.error)}</span>', str(q.attempts),
             escape(_when(q.last_failed_at)))
            for q in dashboard.quarantined_latest
        ],
        "",
        "quarantine",
    )
    return head + table


def _tries_html(tries: tuple[TaskTry, ...]) -> str:
    return ", ".join(
        _link(t.log_link, f"{t.label} try {t.try_number}/{t.max_tries + 1}") for t in tries
    ) or "—"


def _airflow_html(dashboard: Dashboard) -> str:
    if dashboard.airflow_error:
        return f'<p class="error" id="airflow-error">{escape(dashboard.airflow_error)}</p>'
    rows = []
    for run in dashboard.airflow_runs:
        record = dashboard.warehouse_runs.get(run.run_id)
        if record is None:
            warehouse = '<span class="empty">no record</span>'
        else:
            warehouse = _state(record.status) + f"<br><small>{counted(record.articles_new, 'new article')}"
            warehouse += f", {counted(record.feeds_failed, 'feed')} failed</small>"
            if record.error:
                warehouse += f'<br><span class="error">{escape(_clip(record.error))}</span>'
        rows.append((
            escape(run.dag_id),
            _link(run.link, run.run_id) + f"<br><small>{escape(run.run_type)}</small>",
            _state(run.state),
            escape(_when(run.start_date or run.run_after)),
            escape(_span(run.duration)),
            f"{counted(run.tasks, 'task')}, {counted(run.tries, 'try', 'tries')}",
            _tries_html(run.retried),
            _tries_html(run.failed),
            warehouse,
        ))
    return _table(
        ("DAG", "run", "Airflow state", "started", "duration", "tasks", "retried (log)",
         "failed (log)", "warehouse run"),
        rows, "No run of the wirehouse DAGs in Airflow yet (or none you may read).", "airflow-runs",
    )


def _trends_html(trends: tuple[DayTrend, ...]) -> str:
    series = [
        ("runs", "runs", [(t.day, float(t.runs)) for t in trends], "runs"),
        ("pages", "pages fetched", [(t.day, float(t.pages_fetched)) for t in trends], "pages"),
        ("articles", "new articles", [(t.day, float(t.articles_new)) for t in trends], "articles"),
        ("failures", "failures (failed runs + feed failures)",
         [(t.day, float(t.failed_runs + t.feed_failures)) for t in trends], "failures"),
        ("duration", "mean run duration", [(t.day, t.minutes or 0.0) for t in trends], "min"),
    ]
    charts = '<div class="trends">' + "".join(_bars(*s) for s in series) + "</div>"
    table = _table(
        ("day", "runs", "failed runs", "pages fetched", "new articles", "feed failures",
         "mean duration"),
        [
            (t.day.isoformat(), str(t.runs), str(t.failed_runs), str(t.pages_fetched),
             str(t.articles_new), str(t.feed_failures),
             "—" if t.minutes is None else f"{t.minutes:.1f} min")
            for t in reversed(trends)
        ],
        "",
        "trends",
    )
    return charts + table


def _feeds_html(dashboard: Dashboard) -> str:
    now = dashboard.generated_at
    rows = []
    for f in dashboard.feeds:
        name = escape(f.title or f.source or f.url)
        if f.title or f.source:
            name += f"<br><small>{escape(_clip(f.url))}</small>"
        if f.last_error:
            name += f'<br><span class="error">{escape(_clip(f.last_error, 300))}</span>'
        if f.state == "inactive":
            next_fetch = "never (inactive)"
        elif f.in_backoff:
            next_fetch = f"{_when(f.next_fetch_at)} (back-off, in {_span(f.next_fetch_at - now)})" \
                if f.next_fetch_at else "next run"
        else:
            next_fetch = "next run"
        rows.append((
            name,
            _state(f.state) + (f"<br><small>{f.quarantined} quarantined</small>" if f.quarantined else ""),
            escape(str(f.last_status or "—")),
            escape(_when(f.last_success_at)),
            escape(_span(f.stale_for) if f.last_success_at else "never succeeded"),
            "—" if f.entry_count is None else str(f.entry_count),
            str(f.consecutive_failures),
            escape(next_fetch),
        ))
    failing = sum(1 for f in dashboard.feeds if f.state == "failing")
    backoff = sum(1 for f in dashboard.feeds if f.in_backoff)
    head = (f'<p id="feed-summary">{counted(len(dashboard.feeds), "feed")}: {failing} failing, '
            f"{backoff} in back-off.</p>")
    return head + _table(
        ("feed", "health", "last status", "last success", "stale for", "items per fetch",
         "failures in a row", "next fetch"),
        rows, "No feed yet: set WIREHOUSE_FEEDS or run `wirehouse feeds import`.", "feeds",
    )


def _quality_html(dashboard: Dashboard) -> str:
    rows = [
        (escape(q.name),
         f"{q.value:.1%}" if q.unit == "share" else str(int(q.value)),
         f"≤ {q.limit:.0%}" if q.unit == "share" else "0",
         _state("ok" if q.ok else "broken"))
        for q in dashboard.quality
    ]
    measured = (f'<p id="quality-time">Measured {escape(_when(dashboard.quality_measured_at))} '
                "(WIREHOUSE_PAGE_QUALITY_MAX_AGE); a run fails its quality step on any broken check.</p>")
    return measured + _table(("check", "value", "allowed", "result"), rows, "", "quality")


def _alerts_html(dashboard: Dashboard) -> str:
    alerts = dashboard.alerts
    if not alerts.webhook:
        return ('<p id="alerts">Alerts: <b>off</b>. WIREHOUSE_ALERT_WEBHOOK_URL is not set: '
                "failures and WebSub subscriptions needing attention are only logged.</p>")
    failed = [(run, t) for run in dashboard.airflow_runs for t in run.failed]
    text = (f'<p id="alerts">Alerts: <b>on</b>, posted to {escape(alerts.webhook)} '
            f"(WIREHOUSE_ALERT_WEBHOOK_URL, {alerts.timeout:g} s timeout) on every failed task "
            "and DAG run, and on every lease renewal check while a WebSub subscription needs "
            "attention. Alerts are not stored: the failed tasks below each sent one.</p>")
    return text + _table(
        ("DAG run", "task (log)"),
        [(_link(run.link, run.run_id), _link(t.log_link, t.label)) for run, t in failed],
        "No failed task in the recent runs.",
        "alerted",
    )


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} s"


def _attention_html(dashboard: Dashboard) -> str:
    """A banner at the top of the page while a subscription failed to verify or lapsed."""
    problems = dashboard.subscription_problems
    if not problems:
        return ""
    needs = "subscriptions need" if len(problems) != 1 else "subscription needs"
    items = "".join(f"<li>{escape(_clip(s.topic_url))}: {escape(s.problem or '')}</li>"
                    for s in problems)
    return (f'<div class="attention" id="push-attention"><b>{len(problems)} WebSub {needs} '
            f'attention</b> (<a href="#subscriptions">push subscriptions</a>)<ul>{items}</ul>'
            "</div>")


def _push_html(dashboard: Dashboard) -> str:
    latency = dashboard.push_latency
    if latency.measured:
        figures = (f"p50 <b>{_seconds(latency.p50)}</b>, p95 <b>{_seconds(latency.p95)}</b> "
                   f"over {counted(latency.measured, 'push', 'pushes')} that brought new articles")
    else:
        figures = "no push brought new articles"
    head = (f'<p id="push-latency">Last 24 hours, from receipt of a push to its articles in the '
            f"warehouse: {figures}; {counted(latency.pushes, 'push', 'pushes')} received, "
            f"{latency.failed} failed, {latency.waiting} waiting to be drained.</p>")
    rows = []
    for s in dashboard.subscriptions:
        state = _state(s.state)
        if s.problem:
            state += f'<br><span class="problem-note">{escape(s.problem)}</span>'
        rows.append((
            escape(_clip(s.hub_url)),
            escape(_clip(s.topic_url)),
            state,
            escape(_when(s.lease_expires_at)),
            escape(_when(s.last_push_at)),
            str(s.pushes_today),
            f'<span class="error">{escape(_clip(s.last_error, 300))}</span>' if s.last_error else "—",
        ))
    return head + _table(
        ("hub", "topic", "state", "lease expires", "last push", "pushes today", "last error"),
        rows, "No WebSub subscription: see `wirehouse websub subscribe`.", "subscriptions",
        frozenset(i for i, s in enumerate(dashboard.subscriptions) if s.problem),
    )


def render(dashboard: Dashboard) -> str:
    """The whole page as HTML; every value drawn from the warehouse or Airflow is escaped."""
    share = (
        f"{dashboard.duplicate_share:.1%} of {dashboard.articles_total} articles are duplicates "
        f"({dashboard.duplicates_total})"
    )
    events = _table(
        ("event", "articles", "last published", "sources"),
        [
            (escape(e.title), str(e.article_count), escape(_when(e.last_published_at)),
             escape(", ".join(e.sources)))
            for e in dashboard.top_events
        ],
        "No events in the window.",
        "events",
    )
    days = len(dashboard.trends)
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>Wirehouse</title><style>{_STYLE}</style></head><body>"
        f"<h1>Wirehouse</h1><p>As of {escape(_when(dashboard.generated_at))}</p>"
        f"{_attention_html(dashboard)}"
        f"<h2>Last run</h2>{_last_run_html(dashboard.last_run)}"
        f"<h2>Quarantine</h2>{_quarantine_html(dashboard)}"
        f"<h2>Airflow runs</h2>{_airflow_html(dashboard)}"
        f"<h2>Last {days} days</h2>{_trends_html(dashboard.trends)}"
        f"<h2>Feeds</h2>{_feeds_html(dashboard)}"
        f'<section id="push"><h2>Push</h2>{_push_html(dashboard)}</section>'
        f"<h2>Quality</h2>{_quality_html(dashboard)}"
        f"<h2>Alerts</h2>{_alerts_html(dashboard)}"
        f'<h2>Duplicates</h2><p id="duplicate-share">{escape(share)}</p>'
        f"<h2>Top events</h2>{events}"
        "</body></html>"
    )
