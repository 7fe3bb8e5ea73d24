"""The `wirehouse` command: the pipeline without Airflow."""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from wirehouse import __version__
from wirehouse.redact import install_log_masking, mask_secrets
from wirehouse.settings import ConfigError, Settings, load_settings

EXAMPLE_QUERIES = (
    (
        "-- the biggest events, with how many outlets covered them\n"
        "SELECT id, title, article_count, source_count, first_published_at\n"
        "FROM events ORDER BY source_count DESC, article_count DESC LIMIT 10;"
    ),
    (
        "-- every original article with its outlet, newest first\n"
        "SELECT s.name, a.published_at, a.title FROM articles a\n"
        "JOIN sources s ON s.id = a.source_id WHERE a.duplicate_of_id IS NULL\n"
        "ORDER BY a.published_at DESC LIMIT 20;"
    ),
)


class UsageError(ValueError):
    """A command-line argument is wrong."""


class _StderrLog(logging.Handler):
    """The command's warnings and errors on stderr, one line each.

    psycopg reports a second failure met while the first is on its way up ("error ignored
    terminating <Pipeline>: the connection is lost") as a warning of its own; the command
    reports that first failure in one line, so those reports are left out.
    """

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def filter(self, record: logging.LogRecord) -> bool:
        secondary = record.name.partition(".")[0] == "psycopg" and str(record.msg).startswith(
            "error ignored"
        )
        return not secondary and bool(super().filter(record))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage().strip().replace("\n", " ")
            sys.stderr.write(f"wirehouse: {record.levelname.lower()}: {message}\n")
        except Exception:  # noqa: BLE001 - logging must not break the command
            self.handleError(record)


def _log_to_stderr() -> None:
    root = logging.getLogger()
    if not any(isinstance(handler, _StderrLog) for handler in root.handlers):
        root.addHandler(_StderrLog())


def _cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from wirehouse.pipeline import run_once

    _print_summary(run_once(settings), settings)
    return 0


def _print_summary(summary, settings: Settings) -> None:
    stories = summary.stories
    duplicates = stories.get("exact_duplicates", 0) + stories.get("near_duplicates", 0)
    lines = [
        f"run {summary.run_id}",
        (
            f"  feeds ok / failed:   {summary.feeds_ok} / {summary.feeds_failed}"
            f" ({summary.feeds_not_modified} not modified)"
        ),
        f"  pages fetched:       {summary.pages_fetched} ({summary.pages_failed} failed)",
        f"  articles:            {summary.articles_new} new, {summary.articles_updated} updated",
        (
            f"  duplicates:          {duplicates} ({stories.get('exact_duplicates', 0)} exact, "
            f"{stories.get('near_duplicates', 0)} near)"
        ),
        (
            f"  events:              {stories.get('events_created', 0)} new, "
            f"{stories.get('events_updated', 0)} updated"
        ),
    ]
    if summary.pages_quarantined:
        lines.append(
            f"  quarantined:         {summary.pages_quarantined} pages failed to load "
            "(`wirehouse reprocess --quarantined` retries them)"
        )
    for url, error in summary.failed_feeds:
        lines.append(f"  failed feed: {url}: {error}")
    if summary.feeds_in_backoff:
        lines.append(f"  feeds skipped in back-off (still failing): {summary.feeds_in_backoff}")
    for url, next_fetch in summary.backoff_feeds:
        lines.append(f"  in back-off until {next_fetch}: {url}")
    lines.append(f"warehouse: {settings.warehouse_url}")
    print(mask_secrets("\n".join(lines)))


def _cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from load import db

    engine = db.make_engine(settings.warehouse_url)
    db.check_connection(engine)
    db.upgrade(engine)
    print(f"warehouse at revision {db.current_revision(engine)}: {db.safe_url(engine.url)}")
    return 0


def _cmd_feeds_import(args: argparse.Namespace, settings: Settings) -> int:
    from extract.feedlist import read_feed_list
    from load import db
    from load.upsert import upsert_feeds

    specs = read_feed_list(Path(args.file))
    engine = _open(settings)
    with db.session_scope(engine) as session:
        ids = upsert_feeds(session, specs)
    print(f"imported {len(ids)} feeds from {args.file}")
    return 0


def _cmd_feeds_export(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy import select

    from extract.feedlist import FeedSpec, write_opml
    from load import db
    from load.models import Feed, Source

    engine = _open(settings)
    with db.session_scope(engine) as session:
        rows = session.execute(
            select(Feed.url, Feed.title, Source.name, Source.domain)
            .outerjoin(Source, Source.id == Feed.source_id)
            .order_by(Source.name, Feed.url)
        ).all()
    # The warehouse keeps a source's domain, not its site URL: the site gets the scheme of the
    # feed it serves (an http:// feed's site is not rewritten to https://).
    specs = [
        FeedSpec(
            url=url,
            title=title or "",
            source_name=name or "",
            site_url=f"{url.split(':', 1)[0]}://{domain}/" if domain else "",
        )
        for url, title, name, domain in rows
    ]
    if args.file == "-":
        write_opml(specs, sys.stdout)
    else:
        write_opml(specs, Path(args.file))
        print(f"exported {len(specs)} feeds to {args.file}", file=sys.stderr)
    return 0


def _cmd_feeds_list(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy import func, select

    from load import db
    from load.models import Feed, QuarantinedRecord

    engine = _open(settings)
    now = datetime.now(UTC)
    with db.session_scope(engine) as session:
        feeds = session.scalars(select(Feed).order_by(Feed.url)).all()
        quarantined: dict[int | None, int] = dict(
            session.execute(
                select(QuarantinedRecord.feed_id, func.count()).group_by(QuarantinedRecord.feed_id)
            ).all()
        )
        print(f"{'health':8} {'status':6} {'fails':5} {'last fetched':20} {'next fetch':20} url / last error")
        for feed in feeds:
            if not feed.active:
                health = "inactive"
            elif feed.last_fetched_at is None:
                health = "new"
            elif feed.last_error or feed.consecutive_failures:
                health = "failing"
            else:
                health = "ok"
            in_backoff = feed.active and feed.next_fetch_at is not None and feed.next_fetch_at > now
            next_fetch = _when(feed.next_fetch_at) if in_backoff else "next run" if feed.active else "-"
            print(
                f"{health:8} {feed.last_status or '-'!s:6} {feed.consecutive_failures or 0:<5} "
                f"{_when(feed.last_fetched_at):20} {next_fetch:20} {feed.url}"
            )
            if feed.last_error:
                print(f"{'':62} {feed.last_error}")
            if in_backoff:
                print(f"{'':62} back-off until {_when(feed.next_fetch_at)}: runs skip it until then")
            if quarantined.get(feed.id):
                print(f"{'':62} quarantined: {quarantined[feed.id]} records")
        total = sum(quarantined.values())
    if total:
        print(
            f"{total} records quarantined (view quarantined_records; "
            "retry with `wirehouse reprocess --quarantined`)"
        )
    return 0


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "-"


def _cmd_feeds_discover(args: argparse.Namespace, settings: Settings) -> int:
    from extract.crawl import discover

    found = discover(settings, args.url)
    if not found.feeds:
        print(f"wirehouse: no feeds found at {args.url}: {found.reason}", file=sys.stderr)
        return 1
    print("\n".join(found.feeds))
    return 0


def _cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy import text

    engine = _open(settings)
    queries = {
        "sources": "SELECT COUNT(*) FROM sources",
        "feeds": "SELECT COUNT(*) FROM feeds",
        "feeds failing": "SELECT COUNT(*) FROM feeds WHERE last_error IS NOT NULL",
        "articles": "SELECT COUNT(*) FROM articles",
        "originals": "SELECT COUNT(*) FROM articles WHERE duplicate_of_id IS NULL",
        "duplicates": "SELECT COUNT(*) FROM articles WHERE duplicate_of_id IS NOT NULL",
        "events": "SELECT COUNT(*) FROM events",
        "events with 2+ sources": "SELECT COUNT(*) FROM events WHERE source_count >= 2",
        "runs": "SELECT COUNT(*) FROM runs",
        "requests logged": "SELECT COUNT(*) FROM fetch_log",
        "records quarantined": "SELECT COUNT(*) FROM quarantine",
    }
    with engine.connect() as conn:
        for label, sql in queries.items():
            print(f"{label:24} {conn.execute(text(sql)).scalar_one()}")
        latest = conn.execute(
            text("SELECT id, status, started_at, error FROM runs ORDER BY started_at DESC LIMIT 1")
        ).first()
    if latest:
        failure = f": {latest.error}" if latest.status == "failed" and latest.error else ""
        print(f"{'last run':24} {latest.id} ({latest.status}{failure})")
    print(f"{'warehouse':24} {mask_secrets(settings.warehouse_url)}")
    return 0


def _cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    from transform.html_extract import extract_page

    if args.url and len(args.files) != 1:
        raise UsageError("--url gives the address of a single file; pass exactly one FILE with it")
    for name in args.files:
        path = Path(name)
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        page = extract_page(raw, url=args.url)
        print(
            json.dumps(
                {
                    "path": str(path),
                    "url": args.url,
                    "canonical_url": page.canonical_url,
                    "title": page.title,
                    "authors": list(page.authors),
                    "published_at": page.published_at.isoformat() if page.published_at else None,
                    "modified_at": page.modified_at.isoformat() if page.modified_at else None,
                    "language": page.language,
                    "site_name": page.site_name,
                    "text": page.text,
                },
                ensure_ascii=False,
            )
        )
    return 0


def _cmd_cluster(args: argparse.Namespace, settings: Settings) -> int:
    from load.stories import cluster_records

    with open(args.file, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    for record_id, event_key in cluster_records(records, settings):
        print(f"{record_id}\t{event_key}")
    return 0


def _cmd_reprocess(args: argparse.Namespace, settings: Settings) -> int:
    from wirehouse.replay import reprocess, retry_quarantine

    if args.quarantined:
        counts = retry_quarantine(settings)
        print(
            f"retried {counts['retried']} quarantined records: {counts['inserted']} new, "
            f"{counts['updated']} updated, {counts['no_text'] + counts['not_html']} without "
            f"article text; {counts['still_quarantined']} still quarantined"
        )
        if args.since is None:
            return 0
    if args.since is None:
        raise UsageError("reprocess needs --since DATE, --quarantined, or both")
    try:
        since = datetime.fromisoformat(args.since)
    except ValueError:
        raise UsageError(f"--since {args.since!r} is not an ISO date (YYYY-MM-DD)") from None
    _print_replay(reprocess(settings, since))
    return 0


def _cmd_ingest_warc(args: argparse.Namespace, settings: Settings) -> int:
    from wirehouse.replay import ingest_warc

    paths = [Path(name) for name in args.files]
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        raise UsageError(f"no such WARC file: {', '.join(missing)}")
    _print_replay(ingest_warc(settings, paths))
    return 0


def _print_replay(counts: dict) -> None:
    stories = counts["stories"]
    print(
        f"{counts['files']} WARC files, {counts['pages']} pages: {counts['inserted']} new, "
        f"{counts['updated']} updated, {counts['unchanged']} unchanged articles, "
        f"{counts['no_text'] + counts['not_html']} without article text; "
        f"{stories['exact_duplicates'] + stories['near_duplicates']} duplicates, "
        f"{stories['events_created']} new events"
    )


def _cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from wirehouse.demo_run import run_demo, serve_demo

    if args.demo_command == "serve":
        return serve_demo(settings, args.port)
    return run_demo(settings, args.port)


def _open(settings: Settings):
    from wirehouse.pipeline import open_warehouse

    return open_warehouse(settings)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wirehouse", description=__doc__)
    parser.add_argument("--version", action="version", version=f"wirehouse {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("run", help="one whole nightly run in-process").set_defaults(func=_cmd_run)

    db_parser = sub.add_parser("db", help="warehouse schema")
    db_sub = db_parser.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="migrate the warehouse to the latest schema").set_defaults(
        func=_cmd_db_upgrade
    )

    feeds = sub.add_parser("feeds", help="the feed list")
    feeds_sub = feeds.add_subparsers(dest="feeds_command", required=True)
    imp = feeds_sub.add_parser("import", help="add the feeds of an OPML or YAML file")
    imp.add_argument("file")
    imp.set_defaults(func=_cmd_feeds_import)
    exp = feeds_sub.add_parser("export", help="write the feed list as OPML 2.0 (- for stdout)")
    exp.add_argument("file")
    exp.set_defaults(func=_cmd_feeds_export)
    feeds_sub.add_parser("list", help="each feed with its health").set_defaults(func=_cmd_feeds_list)
    disc = feeds_sub.add_parser("discover", help="find a site's feeds from its homepage")
    disc.add_argument("url")
    disc.set_defaults(func=_cmd_feeds_discover)

    sub.add_parser("stats", help="warehouse counts").set_defaults(func=_cmd_stats)

    ext = sub.add_parser("extract", help="extract articles from HTML files, one JSON line each")
    ext.add_argument("files", nargs="+", metavar="FILE")
    ext.add_argument("--url", help="the page's address (single file only)")
    ext.set_defaults(func=_cmd_extract)

    clu = sub.add_parser("cluster", help="group JSON Lines articles into events: id<TAB>event_key")
    clu.add_argument("file", metavar="FILE.jsonl")
    clu.set_defaults(func=_cmd_cluster)

    rep = sub.add_parser("reprocess", help="extract and load again from the raw archive, offline")
    rep.add_argument("--since", metavar="DATE", help="ISO date or datetime (UTC)")
    rep.add_argument(
        "--quarantined", action="store_true", help="retry the records quarantined by earlier runs"
    )
    rep.set_defaults(func=_cmd_reprocess)

    warc = sub.add_parser("ingest-warc", help="extract and load the HTML pages of WARC files")
    warc.add_argument("files", nargs="+", metavar="FILE")
    warc.set_defaults(func=_cmd_ingest_warc)

    demo = sub.add_parser("demo", help="the bundled demo news sites on loopback")
    demo_sub = demo.add_subparsers(dest="demo_command", required=True)
    for name, text_ in (("run", "serve the demo sites and run the pipeline over them once"),
                        ("serve", "serve the demo sites until interrupted")):
        cmd = demo_sub.add_parser(name, help=text_)
        cmd.add_argument("--port", type=int, default=8470, help="first port (one port per site)")
        cmd.set_defaults(func=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    install_log_masking()
    _log_to_stderr()
    from sqlalchemy.exc import DBAPIError

    from extract.feedlist import FeedListError
    from load.db import WarehouseError
    from transform.urls import InvalidURLError
    from wirehouse.errors import PipelineError

    usage_errors = (ConfigError, UsageError, FeedListError, InvalidURLError)
    try:
        settings = load_settings()
        return args.func(args, settings)
    except (*usage_errors, WarehouseError, PipelineError) as exc:
        print(f"wirehouse: error: {mask_secrets(str(exc))}", file=sys.stderr)
        return 2 if isinstance(exc, usage_errors) else 1
    except DBAPIError as exc:  # the database went away mid-run; the next run catches up
        reason = (str(exc.orig).strip().splitlines() or [type(exc.orig).__name__])[0]
        print(f"wirehouse: error: warehouse connection lost: {mask_secrets(reason)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
