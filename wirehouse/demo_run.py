"""`wirehouse demo run|serve`: the bundled demo sites, served on loopback, through the real pipeline."""

from __future__ import annotations

import dataclasses
import logging
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import Engine, select, update

from load import db
from wirehouse.demo.server import HOST, DemoServerError, DemoSites
from wirehouse.settings import Settings
from wirehouse.warehouse import warehouse_url

log = logging.getLogger(__name__)

# How often `demo serve` looks whether SIGTERM asked it to stop, in seconds.
_STOP_POLL = 0.1


def _demo_settings(settings: Settings, opml_path: Path) -> Settings:
    """The demo's sites live on loopback and belong to us, so private hosts are allowed and the
    politeness delay is the demo's own."""
    return dataclasses.replace(
        settings,
        feeds=opml_path,
        allow_private_hosts=True,
        host_delay=settings.demo_host_delay,
    )


@contextmanager
def _sites(
    settings: Settings, base_port: int | None, port_name: str = "--port"
) -> Iterator[DemoSites]:
    """The demo sites, serving: from ``base_port`` as asked (an error naming ``port_name``, how
    it was given, when taken), else from the default ``settings.demo_port``, falling back to
    free ports when that one is taken."""
    sites = DemoSites(base_port=settings.demo_port if base_port is None else base_port)
    try:
        sites.__enter__()
    except DemoServerError as exc:
        if base_port is not None:
            raise DemoServerError(
                f"{exc}: give another first port with {port_name} (0: free ports)"
            ) from exc
        log.warning(
            "%s; serving the demo sites on free ports instead (--port or "
            "WIREHOUSE_DEMO_PORT sets the first port)",
            exc,
        )
        sites = DemoSites(base_port=0)
        sites.__enter__()
    try:
        yield sites
    finally:
        sites.__exit__(None, None, None)


def follow_demo_ports(engine: Engine, feed_urls: list[str]) -> int:
    """Make the demo's feeds on its current ports the active ones: the same feeds on the ports
    of earlier demo runs (free ports taken when the usual ones were busy) would fail, and fail
    the run's quality gate. Only feeds on the demo's host and paths are touched; returns how
    many were retired. A feed of the current ports that failed without an answer (refused, or
    blocked by the SSRF guard: a `wirehouse run` while no demo served it, or without
    WIREHOUSE_ALLOW_PRIVATE_HOSTS) is due at once: its back-off would fail every demo run's
    quality gate for hours, though the demo serves it now. One that answered an error keeps its
    back-off, as any feed does."""
    from load.models import Feed

    paths = {urlsplit(url).path for url in feed_urls}
    with db.session_scope(engine) as session:
        earlier = [
            feed_id
            for feed_id, url in session.execute(
                select(Feed.id, Feed.url).where(Feed.url.startswith(f"http://{HOST}:"))
            )
            if url not in feed_urls and urlsplit(url).path in paths
        ]
        session.execute(update(Feed).where(Feed.id.in_(earlier)).values(active=False))
        session.execute(update(Feed).where(Feed.url.in_(feed_urls)).values(active=True))
        session.execute(
            update(Feed)
            .where(
                Feed.url.in_(feed_urls), Feed.last_error.is_not(None), Feed.last_status.is_(None)
            )
            .values(next_fetch_at=None)
        )
    return len(earlier)


def run_demo(settings: Settings, base_port: int | None, port_name: str) -> int:
    from wirehouse.cli import EXAMPLE_QUERIES, _print_summary
    from wirehouse.pipeline import run_once
    from wirehouse.progress import ProgressDisplay
    from wirehouse.runlock import run_lock
    from wirehouse.wording import counted

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = db.make_engine(warehouse_url(settings))
    db.check_connection(engine)
    # Another run at work is said before the sites are served: a second `demo run` served them
    # on free ports and set the running demo's feeds inactive, then failed on the lock. (The
    # run takes the lock itself below; one taking it meanwhile is still refused there.)
    with run_lock(settings, wait=settings.run_lock_wait):
        pass
    db.upgrade(engine)
    with _sites(settings, base_port, port_name) as sites:
        opml_path = settings.data_dir / "demo-feeds.opml"
        sites.write_opml(opml_path)
        follow_demo_ports(engine, sites.feed_urls)
        demo = _demo_settings(settings, opml_path)
        started = time.monotonic()
        with ProgressDisplay(sys.stderr, settings.progress_interval) as display:
            summary = run_once(demo, progress=display)
        elapsed = time.monotonic() - started
    _print_summary(summary, demo)
    print(f"took {elapsed:.1f} s over {counted(len(sites.feed_urls), 'demo feed')}")
    if demo.warehouse_url.startswith("sqlite:///"):
        path = demo.warehouse_url.removeprefix("sqlite:///")
        print(f"\nopen it with:  sqlite3 {path}\n")
    print("try:\n")
    print("\n\n".join(EXAMPLE_QUERIES))
    return 0


def serve_demo(settings: Settings, base_port: int | None, port_name: str) -> int:
    with _sites(settings, base_port, port_name) as sites:
        opml_path = (settings.data_dir / "demo-feeds.opml").resolve()
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        sites.write_opml(opml_path)
        for name, base_url, feed_urls in sites.sites:
            print(f"{name:28} {base_url}  feeds: {' '.join(feed_urls)}")
        print(
            f"feed list: {opml_path}  (WIREHOUSE_FEEDS={opml_path} WIREHOUSE_ALLOW_PRIVATE_HOSTS=1)"
        )
        # Ctrl-C ends it as it ends every command (`wirehouse run` too): `wirehouse: interrupted`
        # and status 130, from the CLI; caught here, it was status 0 and no line. SIGTERM, a
        # stop asked for, ends it with status 0 as it ends `serve` (it was killed by the signal).
        # The handler only records it: one setting a threading.Event deadlocks when the signal
        # lands while Event.wait() holds the Event's lock (CI saw demo serve hang after SIGTERM),
        # and a wait with no timeout can miss a signal landing just before it blocks; polled,
        # neither can happen
        stop_signals: list[int] = []
        signal.signal(signal.SIGTERM, lambda sig, _frame: stop_signals.append(sig))
        print("serving until Ctrl-C", flush=True)
        while not stop_signals:
            time.sleep(_STOP_POLL)
    return 0
