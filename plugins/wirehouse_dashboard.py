"""The figures on the Wirehouse page of the Airflow UI, read from the warehouse, and their HTML.

:func:`collect` runs a handful of small queries (portable between SQLite and PostgreSQL: dates
are bucketed in Python, in UTC); :func:`render` turns the result into one self-contained page
(inline CSS, an inline SVG chart). Every piece of warehouse text is HTML-escaped: titles and
feed errors come from the open web.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from load.models import Article, Event, EventArticle, Feed, QuarantinedRecord, Run, Source
from wirehouse.redact import mask_secrets

RETRY_COMMAND = "wirehouse reprocess --quarantined"


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


@dataclass(frozen=True)
class EventFigures:
    id: int
    title: str
    article_count: int
    last_published_at: datetime | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class FailingFeed:
    url: str
    title: str
    consecutive_failures: int
    last_status: int | None
    last_error: str
    last_fetched_at: datetime | None


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
class Dashboard:
    generated_at: datetime
    last_run: RunFigures | None
    articles_per_day: tuple[tuple[date, int], ...]  # oldest first, every day of the window
    articles_total: int
    duplicates_total: int
    top_events: tuple[EventFigures, ...]
    failing_feeds: tuple[FailingFeed, ...]
    quarantined_total: int
    quarantined_latest: tuple[QuarantinedFigures, ...]  # latest failure first

    @property
    def duplicate_share(self) -> float:
        return self.duplicates_total / self.articles_total if self.articles_total else 0.0


def collect(
    engine: Engine, now: datetime, days: int = 14, top: int = 10, quarantine_rows: int = 10
) -> Dashboard:
    """Everything the page shows; ``now`` is tz-aware UTC, ``days`` the chart's window."""
    first_day = now.date() - timedelta(days=days - 1)
    window_start = datetime.combine(first_day, datetime.min.time(), tzinfo=now.tzinfo)
    with Session(engine) as session:
        run = session.scalars(select(Run).order_by(Run.started_at.desc()).limit(1)).first()
        seen = session.scalars(
            select(Article.first_seen_at).where(Article.first_seen_at >= window_start)
        ).all()
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
        feeds = session.scalars(
            select(Feed)
            .where(Feed.last_error.is_not(None), Feed.active)
            .order_by(Feed.consecutive_failures.desc(), Feed.url)
        ).all()
        quarantined_total = session.scalar(select(func.count()).select_from(QuarantinedRecord)) or 0
        quarantined = session.execute(
            select(QuarantinedRecord, Feed.url)
            .outerjoin(Feed, Feed.id == QuarantinedRecord.feed_id)
            .order_by(QuarantinedRecord.last_failed_at.desc(), QuarantinedRecord.id.desc())
            .limit(quarantine_rows)
        ).all()
        counts = {first_day + timedelta(days=i): 0 for i in range(days)}
        for moment in seen:
            day = moment.date()
            if day in counts:
                counts[day] += 1
        return Dashboard(
            generated_at=now,
            last_run=_run_figures(run) if run is not None else None,
            articles_per_day=tuple(sorted(counts.items())),
            articles_total=total,
            duplicates_total=duplicates,
            top_events=tuple(
                EventFigures(e.id, e.title, e.article_count, e.last_published_at, sources.get(e.id, ()))
                for e in events
            ),
            failing_feeds=tuple(
                FailingFeed(f.url, f.title or "", f.consecutive_failures or 0, f.last_status,
                            f.last_error or "", f.last_fetched_at)
                for f in feeds
            ),
            quarantined_total=quarantined_total,
            quarantined_latest=tuple(
                QuarantinedFigures(q.kind, mask_secrets(q.url), feed_url and mask_secrets(feed_url),
                                   first_line(q.error), q.attempts, q.last_failed_at)
                for q, feed_url in quarantined
            ),
        )


def first_line(text: str | None) -> str:
    """The first non-blank line of ``text``, secrets masked (errors can quote URLs)."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return mask_secrets(lines[0]) if lines else ""


def _run_figures(run: Run) -> RunFigures:
    return RunFigures(
        run.id, run.status, run.started_at, run.finished_at, run.feeds_ok, run.feeds_failed,
        run.pages_fetched, run.articles_new, run.duplicates_new, run.events_touched,
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


# --- HTML ------------------------------------------------------------------------------------


def _when(moment: datetime | None) -> str:
    return "—" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def _chart(per_day: tuple[tuple[date, int], ...]) -> str:
    """Articles per day as an inline SVG bar chart, with a title on each bar for hovering."""
    width, height, pad = 640, 180, 24
    peak = max((n for _, n in per_day), default=0) or 1
    step = (width - 2 * pad) / max(len(per_day), 1)
    parts = [
        (
            f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
            'aria-label="articles first seen per day">'
        )
    ]
    for i, (day, count) in enumerate(per_day):
        bar = (height - 2 * pad) * count / peak
        x, y = pad + i * step, height - pad - bar
        label = escape(f"{day.isoformat()}: {count} articles")
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{step - 4:.1f}" height="{bar:.1f}">'
            f"<title>{label}</title></rect>"
        )
        parts.append(
            f'<text x="{x + step / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{count}</text>'
        )
        if (len(per_day) - 1 - i) % 2 == 0 or len(per_day) <= 8:  # today always labelled
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{height - pad + 14:.1f}" text-anchor="middle">'
                f"{escape(day.strftime('%m-%d'))}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _clip(text: str, width: int = 200) -> str:
    """``text`` cut to ``width`` characters (a quarantined URL can be 100,000 long)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]], empty: str) -> str:
    if not rows:
        return f'<p class="empty">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1f2933}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
.cards{display:flex;gap:1rem;flex-wrap:wrap}
.card{border:1px solid #d9e2ec;border-radius:6px;padding:.6rem 1rem;min-width:8rem}
.card b{display:block;font-size:1.3rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;
border-bottom:1px solid #e4e7eb;vertical-align:top}
.chart{display:block;width:100%;max-width:760px}
.chart rect{fill:#2f80ed}.chart text{font-size:10px;fill:#52606d}
.error{font-family:monospace;white-space:pre-wrap;word-break:break-all}
code{background:#f0f4f8;padding:0 .2rem}.empty{color:#7b8794}
"""


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
    )
    return head + table


def render(dashboard: Dashboard) -> str:
    """The whole page as HTML; every value drawn from the warehouse is escaped."""
    run = dashboard.last_run
    if run is None:
        run_html = '<p class="empty">No run recorded yet.</p>'
    else:
        cards = [
            ("run", run.id), ("status", run.status), ("started", _when(run.started_at)),
            ("finished", _when(run.finished_at)), ("feeds ok", str(run.feeds_ok)),
            ("feeds failed", str(run.feeds_failed)), ("pages fetched", str(run.pages_fetched)),
            ("new articles", str(run.articles_new)), ("new duplicates", str(run.duplicates_new)),
            ("events touched", str(run.events_touched)),
        ]
        run_html = '<div class="cards">' + "".join(
            f'<div class="card">{escape(label)}<b>{escape(value)}</b></div>' for label, value in cards
        ) + "</div>"
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
    )
    feeds = _table(
        ("feed", "failures in a row", "last status", "last fetched", "last error"),
        [
            (escape(f.title or f.url) + (f"<br><small>{escape(f.url)}</small>" if f.title else ""),
             str(f.consecutive_failures), escape(str(f.last_status or "—")),
             escape(_when(f.last_fetched_at)), f'<span class="error">{escape(f.last_error)}</span>')
            for f in dashboard.failing_feeds
        ],
        "No failing feeds.",
    )
    quarantine = _quarantine_html(dashboard)
    days = len(dashboard.articles_per_day)
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>Wirehouse</title><style>{_STYLE}</style></head><body>"
        f"<h1>Wirehouse</h1><p>As of {escape(_when(dashboard.generated_at))}</p>"
        f"<h2>Last run</h2>{run_html}"
        f"<h2>Quarantine</h2>{quarantine}"
        f"<h2>Articles first seen per day (last {days} days)</h2>{_chart(dashboard.articles_per_day)}"
        f'<h2>Duplicates</h2><p id="duplicate-share">{escape(share)}</p>'
        f"<h2>Top events</h2>{events}"
        f"<h2>Failing feeds</h2>{feeds}"
        "</body></html>"
    )
