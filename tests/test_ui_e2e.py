"""The Wirehouse page inside a real Airflow API server, looked at by headless Chromium.

The warehouse is built by the demo pipeline (`wirehouse demo run`, SQLite in tmp) plus one event
whose title carries a ``<script>`` tag. Airflow runs as `airflow api-server` (after `airflow db
migrate`) with this repo's dags/ and plugins/, on an ephemeral loopback port; the test logs in as
a SimpleAuthManager user (password from the generated password file, JWT from ``/auth/token``,
handed to the browser as Airflow's ``_token`` cookie). Every figure on the page is compared with
what the test reads from the warehouse itself. The screenshot lands in
test-artifacts/wirehouse-page.png.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from browser import CHROMIUM, Browser, Page, chromium, stop_process_group
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from load.db import make_engine
from load.models import Article, Event, EventArticle, Feed, Run, Source

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ARTIFACTS = REPO / "test-artifacts"
SCRIPT_TITLE = "Harbour notice <script>alert(1)</script> posted on the quay"
USER = "e2e"
DAYS, TOP = 14, 10  # the page's chart window and number of events (wirehouse_dashboard.collect)

pytestmark = [
    pytest.mark.airflow,
    pytest.mark.timeout(240),
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason=f"{CHROMIUM} is not installed (apt-get install chromium chromium-driver); "
        "under CI this test runs regardless",
    ),
]


@dataclass(frozen=True)
class Stack:
    base_url: str  # http://127.0.0.1:<port>
    token: str  # a SimpleAuthManager JWT for USER
    warehouse: Engine


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "WIREHOUSE_"))}
    env.update(extra)
    return env


def _add_script_event(engine: Engine, now: datetime) -> None:
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


def _wait_for_port(log: Path, process: subprocess.Popen, timeout: float) -> int:
    """The port uvicorn reports after binding port 0."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"airflow api-server exited with {process.returncode}:\n"
                        f"{log.read_text(errors='replace')[-3000:]}")
        found = re.search(r"Uvicorn running on http://127\.0\.0\.1:(\d+)", log.read_text(errors="replace"))
        if found:
            return int(found.group(1))
        time.sleep(0.5)
    pytest.fail(f"airflow api-server did not listen within {timeout:.0f} s:\n"
                f"{log.read_text(errors='replace')[-3000:]}")


def _wait_for_health(base_url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            response = httpx.get(f"{base_url}/api/v2/monitor/health", timeout=5)
            if response.status_code == 200 and response.json()["metadatabase"]["status"] == "healthy":
                return
            last = f"{response.status_code} {response.text[:200]}"
        except httpx.HTTPError as exc:
            last = repr(exc)
        time.sleep(0.5)
    pytest.fail(f"{base_url} not healthy within {timeout:.0f} s: {last}")


def _token(base_url: str, home: Path) -> str:
    passwords = json.loads((home / "simple_auth_manager_passwords.json.generated").read_text())
    response = httpx.post(f"{base_url}/auth/token",
                          json={"username": USER, "password": passwords[USER]}, timeout=10)
    assert response.status_code == 201, response.text
    return response.json()["access_token"]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Demo warehouse + migrated Airflow metadata (built side by side), then the API server."""
    root = tmp_path_factory.mktemp("ui_e2e")
    home, data = root / "airflow_home", root / "data"
    warehouse_url = f"sqlite:///{data / 'warehouse.db'}"
    airflow_env = _env(
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__DAGS_FOLDER=str(REPO / "dags"),
        AIRFLOW__CORE__PLUGINS_FOLDER=str(REPO / "plugins"),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__CORE__EXECUTOR="LocalExecutor",
        AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS=f"{USER}:viewer",
        AIRFLOW__API__HOST="127.0.0.1",
        PYTHONPATH=str(REPO),
        WIREHOUSE_DB_URL=warehouse_url,
    )
    home.mkdir()
    migrate_log = root / "migrate.log"
    with migrate_log.open("wb") as log:
        migrate = subprocess.Popen([str(BIN / "airflow"), "db", "migrate"], env=airflow_env,
                                   cwd=root, stdout=log, stderr=subprocess.STDOUT)
    try:
        demo = subprocess.run(
            [str(BIN / "wirehouse"), "demo", "run", "--port", "0"], cwd=root, timeout=150,
            env=_env(WIREHOUSE_DATA_DIR=str(data), WIREHOUSE_DB_URL=warehouse_url),
            capture_output=True, text=True, check=False,
        )
        assert demo.returncode == 0, demo.stdout[-2000:] + demo.stderr[-3000:]
        assert migrate.wait(timeout=150) == 0, migrate_log.read_text(errors="replace")[-3000:]
    finally:
        if migrate.poll() is None:
            migrate.kill()
            migrate.wait()
    engine = make_engine(warehouse_url)
    _add_script_event(engine, datetime.now(UTC))

    server_log = root / "api-server.log"
    with server_log.open("wb") as log:
        server = subprocess.Popen(
            [str(BIN / "airflow"), "api-server", "--host", "127.0.0.1", "--port", "0",
             "--workers", "1", "--apps", "core"],
            env=airflow_env, cwd=root, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        base_url = f"http://127.0.0.1:{_wait_for_port(server_log, server, timeout=120)}"
        _wait_for_health(base_url, timeout=60)
        yield Stack(base_url, _token(base_url, home), engine)
    finally:
        stop_process_group(server)
        engine.dispose()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing under CI: .ci/run installs chromium with apt-get")
    with chromium(tmp_path_factory.mktemp("chromium") / "profile") as running:
        yield running


def _signed_in_page(browser: Browser, stack: Stack) -> Page:
    page = browser.new_page()
    page.set_cookie(f"{stack.base_url}/", "_token", stack.token)
    return page


# Everything the assertions need from the rendered DOM, read in one go.
READ_PAGE = """(() => {
  const after = (name) => [...document.querySelectorAll('h2')]
      .find((h) => h.textContent.startsWith(name)).nextElementSibling;
  const rows = (el) => el.tagName === 'TABLE' ? [...el.tBodies[0].rows] : [];
  const chart = document.querySelector('svg.chart');
  return {
    asOf: document.querySelector('h1 + p').textContent,
    cards: Object.fromEntries([...document.querySelectorAll('.card')]
        .map((c) => [c.firstChild.textContent, c.querySelector('b').textContent])),
    chartBox: chart ? [chart.getBoundingClientRect().width, chart.getBoundingClientRect().height] : null,
    bars: [...document.querySelectorAll('svg.chart rect')]
        .map((r) => [r.querySelector('title').textContent, r.getBoundingClientRect().height]),
    dayLabels: [...document.querySelectorAll('svg.chart text')].map((t) => t.textContent),
    duplicates: document.getElementById('duplicate-share').textContent,
    events: rows(after('Top events')).map((tr) => [...tr.cells].map((td) => td.textContent)),
    feeds: rows(after('Failing feeds')).map((tr) => ({
      url: (tr.cells[0].querySelector('small') || tr.cells[0]).textContent,
      failures: tr.cells[1].textContent,
      error: tr.cells[4].textContent,
    })),
    scripts: document.scripts.length,
    text: document.body.innerText,
  };
})()"""


def _when(moment: datetime | None) -> str:
    return "—" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def _expected_events(s: Session, now: datetime) -> list[list[str]]:
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
        rows.append([event.title, str(event.article_count), _when(event.last_published_at),
                     ", ".join(sorted(sources))])
    return rows


def test_the_page_shows_the_warehouse_figures(browser: Browser, stack: Stack) -> None:
    page = _signed_in_page(browser, stack)
    page.goto(f"{stack.base_url}/wirehouse/")
    shown = page.evaluate(READ_PAGE)
    page.screenshot(ARTIFACTS / "wirehouse-page.png")

    # The server's own clock, as printed on the page, sets the window (minute precision).
    now = datetime.strptime(shown["asOf"], "As of %Y-%m-%d %H:%M UTC").replace(tzinfo=UTC)
    with Session(stack.warehouse) as s:
        run = s.scalars(select(Run).order_by(Run.started_at.desc()).limit(1)).one()
        first_day = now.date() - timedelta(days=DAYS - 1)
        per_day: dict[date, int] = {first_day + timedelta(days=i): 0 for i in range(DAYS)}
        for seen in s.scalars(select(Article.first_seen_at)):
            if seen.date() in per_day:
                per_day[seen.date()] += 1
        total = s.scalar(select(func.count()).select_from(Article))
        duplicates = s.scalar(
            select(func.count()).select_from(Article).where(Article.duplicate_of_id.is_not(None)))
        events = _expected_events(s, now)
        feeds = s.scalars(
            select(Feed).where(Feed.active, Feed.last_error.is_not(None))
            .order_by(Feed.consecutive_failures.desc(), Feed.url)
        ).all()

    assert run.status == "completed" and run.articles_new > 0 and run.feeds_failed > 0
    assert shown["cards"] == {
        "run": run.id, "status": run.status, "started": _when(run.started_at),
        "finished": _when(run.finished_at), "feeds ok": str(run.feeds_ok),
        "feeds failed": str(run.feeds_failed), "pages fetched": str(run.pages_fetched),
        "new articles": str(run.articles_new), "new duplicates": str(run.duplicates_new),
        "events touched": str(run.events_touched),
    }

    width, height = shown["chartBox"]
    assert width > 300 and height > 100
    assert [title for title, _ in shown["bars"]] == [
        f"{day.isoformat()}: {count} articles" for day, count in sorted(per_day.items())
    ]
    assert per_day[now.date()] > 0
    for (_, bar_height), count in zip(shown["bars"], [per_day[d] for d in sorted(per_day)], strict=True):
        assert (bar_height > 0) == (count > 0)
    assert now.strftime("%m-%d") in shown["dayLabels"]  # today's bar is labelled

    assert duplicates > 0
    assert shown["duplicates"] == (
        f"{duplicates / total:.1%} of {total} articles are duplicates ({duplicates})"
    )

    assert SCRIPT_TITLE in [row[0] for row in events]
    assert shown["events"] == events
    assert all(row[3] for row in shown["events"])  # every top event names its sources

    assert len(feeds) >= 2  # the demo's broken feeds
    assert shown["feeds"] == [
        {"url": f.url, "failures": str(f.consecutive_failures), "error": f.last_error} for f in feeds
    ]
    for feed in feeds:
        assert feed.last_error in shown["text"]  # visible, not only in the DOM


def test_markup_in_titles_renders_as_text(browser: Browser, stack: Stack) -> None:
    page = _signed_in_page(browser, stack)
    page.goto(f"{stack.base_url}/wirehouse/")
    shown = page.evaluate(READ_PAGE)
    assert shown["scripts"] == 0  # no <script> element made it into the DOM
    assert page.dialogs() == []  # and nothing called alert()
    assert SCRIPT_TITLE in shown["text"]  # the literal text is what the reader sees
    assert [row[0] for row in shown["events"]].count(SCRIPT_TITLE) == 1
    problems = [e for e in page.log_entries() if e["level"] == "error"]
    assert problems == []  # no CSP violation, no failed load


def test_the_page_refuses_anonymous_visitors(browser: Browser, stack: Stack) -> None:
    page = browser.new_page()
    page.goto(f"{stack.base_url}/wirehouse/")
    assert json.loads(page.evaluate("document.body.innerText")) == {"detail": "Not authenticated"}
    assert SCRIPT_TITLE not in page.evaluate("document.documentElement.outerHTML")


def test_the_airflow_ui_embeds_the_page(browser: Browser, stack: Stack) -> None:
    page = _signed_in_page(browser, stack)
    page.goto(f"{stack.base_url}/plugin/wirehouse")
    heading = page.wait_until(
        "(() => { const f = document.querySelector('iframe');"
        " const h = f && f.contentDocument && f.contentDocument.querySelector('h1');"
        " return h && f.getAttribute('src') + ' ' + h.textContent; })()",
        timeout=60,
    )
    assert heading.endswith("/wirehouse/ Wirehouse")
    nav_links = page.evaluate("[...document.querySelectorAll('a[href$=\"/plugin/wirehouse\"]')]"
                              ".map((a) => a.textContent.trim())")
    assert "Wirehouse" in nav_links  # the navigation entry of external_views
    page.screenshot(ARTIFACTS / "wirehouse-in-airflow.png")
