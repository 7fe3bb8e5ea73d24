"""The `wirehouse` command: the pipeline without Airflow."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from wirehouse import __version__
from wirehouse.console import interrupted
from wirehouse.writable import creation_refused, os_reason, unwritable_reason

# What only a running command needs is imported where it is used: `--help` and a wrong argument
# end before settings, logging and the warehouse are loaded (tests/test_cli_reading.py).
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see load.reading)
if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime
    from typing import Any

    from sqlalchemy import Engine

    from extract.warc_start import ReplayedStream
    from wirehouse.progress import ProgressDisplay
    from wirehouse.settings import Settings

# The setting of the demo's first port (settings.demo_port), as `make run DEMO_PORT=N` passes it
DEMO_PORT_VARIABLE = "WIREHOUSE_DEMO_PORT"

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


def _cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    _check_data_dir(settings)
    _check_sqlite_file_exists(settings)
    from wirehouse.pipeline import run_once

    with _progress(settings) as display:
        summary = run_once(settings, progress=display)
    _print_summary(summary, settings)
    return 0


def _progress(settings: Settings) -> ProgressDisplay:
    from wirehouse.progress import ProgressDisplay

    return ProgressDisplay(sys.stderr, settings.progress_interval)


def _check_sqlite_file_exists(settings: Settings) -> None:
    """Raise unless a plain SQLite warehouse's file exists, before a command imports what its work
    needs: `run`, `reprocess`, `push` and `websub renew` said "no warehouse" after their imports,
    1 s of CPU (10 s on a busy machine). Its revision and the rest are checked as the warehouse is
    opened (a missing file's error is the same)."""
    from load.reading import plain_sqlite_path

    path = plain_sqlite_path(settings.warehouse_url)
    if path is not None and not Path(path).exists():
        from load.errors import missing_sqlite_file

        raise missing_sqlite_file(path)


def _check_data_dir(settings: Settings) -> None:
    """Raise ConfigError unless the data directory and its archive directory (where a run, the
    demo and `serve` write their WARC files) are, or can be made, writable directories: an
    ``archive`` that is a file failed the run after its feeds were fetched, status 1, with only
    "Not a directory: DATA/archive/RUN" to say why."""
    from wirehouse.settings import ConfigError

    _check_writable_dir(settings.data_dir, "WIREHOUSE_DATA_DIR")
    reason = unwritable_reason(settings.archive_dir)
    if reason is not None:
        raise ConfigError(
            f"WIREHOUSE_DATA_DIR={settings.data_dir}: its archive directory "
            f"{settings.archive_dir} is not a writable directory: {reason}"
        )


def _check_writable_dir(path: Path, variable: str) -> None:
    """Raise ConfigError naming ``variable`` unless ``path`` is, or can be made, a writable
    directory (:func:`wirehouse.writable.unwritable_reason`: under /proc the run failed later,
    status 1); nothing is left created (a run that fails first must leave no directory behind).
    """
    from wirehouse.settings import ConfigError

    reason = unwritable_reason(path)
    if reason is not None:
        raise ConfigError(f"{variable}={path} is not a writable directory: {reason}")


def _print_summary(summary, settings: Settings) -> None:
    from datetime import datetime

    from wirehouse.redact import mask_secrets
    from wirehouse.wording import counted, without_url

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
            f"  quarantined:         {counted(summary.pages_quarantined, 'page')} failed to load "
            "(`wirehouse reprocess --quarantined` retries them)"
        )
    for url, error in summary.failed_feeds:
        lines.append(f"  failed feed: {url}: {without_url(error, url)}")
    if summary.feeds_in_backoff:
        lines.append(
            f"  feeds skipped in back-off (still failing): {summary.feeds_in_backoff} "
            "(`wirehouse feeds retry` has the next run fetch them)"
        )
    for url, next_fetch in summary.backoff_feeds:  # as `feeds list` writes it, to the minute
        lines.append(f"  in back-off until {_when(datetime.fromisoformat(next_fetch))}: {url}")
    lines.append(f"warehouse: {settings.warehouse_url}")
    print(mask_secrets("\n".join(lines)))


def _cmd_lease(args: argparse.Namespace, warehouse_url: str) -> int:
    """`wirehouse lease`: whose the run lease is and how it stands, read as `stats` reads."""
    from wirehouse.lease_words import describe, read_lease, state
    from wirehouse.listing import open_reader

    with open_reader(warehouse_url) as reader:
        current = read_lease(reader)
    if current is None:
        print("the run lease is free")
    else:
        print(f"{describe(current)}\n  {state(current)}")
    return 0


def _cmd_release_lease(args: argparse.Namespace, settings: Settings) -> int:
    """`wirehouse lease --release`: give the run lease back, saying whose it was."""
    _check_sqlite_file_exists(settings)
    from wirehouse import lease

    engine = _open(settings)
    try:
        freed = lease.free(engine)
    finally:
        engine.dispose()
    print(lease.released_message(freed) if freed is not None
          else "the run lease is free: nothing to release")
    return 0


def _cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from load import db
    from wirehouse.warehouse import warehouse_url

    if not settings.db_url:  # the warehouse file is made in the data directory
        _check_writable_dir(settings.data_dir, "WIREHOUSE_DATA_DIR")
    engine = db.make_engine(warehouse_url(settings))
    db.check_connection(engine)
    db.upgrade(engine)
    print(f"warehouse at revision {db.current_revision(engine)}: {db.safe_url(engine.url)}")
    return 0


def _cmd_feeds_import(args: argparse.Namespace, settings: Settings) -> int:
    from extract.feedlist import read_feed_list

    specs = read_feed_list(args.file)  # refused before the warehouse layer is imported
    _check_sqlite_file_exists(settings)
    from load import db
    from load.upsert import upsert_feeds
    from wirehouse.wording import counted

    engine = _open(settings)
    with db.session_scope(engine) as session:
        ids = upsert_feeds(session, specs)
    print(f"imported {counted(len(ids), 'feed')} from {args.file}")
    return 0


def _cmd_feeds_export(args: argparse.Namespace, warehouse_url: str) -> int:
    from extract.opml import write_opml
    from wirehouse.listing import exported_feeds, open_reader
    from wirehouse.wording import counted

    with open_reader(warehouse_url) as reader:
        feeds = list(exported_feeds(reader))
    if args.file == "-":
        write_opml(feeds, sys.stdout)
    else:
        try:
            write_opml(feeds, Path(args.file))
        except OSError as exc:  # a failed write names no file: "No space left on device"
            exc.filename = exc.filename or args.file
            raise
        print(f"exported {counted(len(feeds), 'feed')} to {args.file}", file=sys.stderr)
    return 0


def _cmd_feeds_list(args: argparse.Namespace, warehouse_url: str) -> int:
    from datetime import UTC, datetime

    from wirehouse.listing import feeds, open_reader, quarantined_by_feed
    from wirehouse.wording import counted, without_url

    now = datetime.now(UTC)
    waiting = 0  # feeds in back-off
    with open_reader(warehouse_url) as reader:
        quarantined = quarantined_by_feed(reader)
        print(
            f"{'health':8} {'status':6} {'fails':5} {'last fetched':20} {'next fetch':20} url / last error"
        )
        listed = 0
        for listed, feed in enumerate(feeds(reader), start=1):
            if not feed["active"]:
                health = "inactive"
            elif feed["last_fetched_at"] is None:
                health = "new"
            elif feed["last_error"] or feed["consecutive_failures"]:
                health = "failing"
            else:
                health = "ok"
            next_fetch_at = feed["next_fetch_at"]
            in_backoff = feed["active"] and next_fetch_at is not None and next_fetch_at > now
            next_fetch = (
                _when(next_fetch_at) if in_backoff else "next run" if feed["active"] else "-"
            )
            print(
                f"{health:8} {feed['last_status'] or '-'!s:6} {feed['consecutive_failures'] or 0:<5} "
                f"{_when(feed['last_fetched_at']):20} {next_fetch:20} {feed['url']}"
            )
            if feed["last_error"]:
                print(f"{'':62} {without_url(feed['last_error'], feed['url'])}")
            if in_backoff:
                waiting += 1
                print(f"{'':62} back-off until {_when(next_fetch_at)}: runs skip it until then")
            if quarantined.get(feed["id"]):
                print(f"{'':62} quarantined: {counted(quarantined[feed['id']], 'record')}")
    if not listed:
        _none_listed("no feeds (`wirehouse feeds import FILE.opml` adds them)")
    if waiting:
        print(
            f"{counted(waiting, 'feed')} in back-off (`wirehouse feeds retry` has the next run "
            "fetch them)"
        )
    total = sum(quarantined.values())
    if total:
        print(
            f"{counted(total, 'record')} quarantined (view quarantined_records; "
            "retry with `wirehouse reprocess --quarantined`)"
        )
    return 0


def _cmd_feeds_retry(args: argparse.Namespace, settings: Settings) -> int:
    _check_sqlite_file_exists(settings)
    from wirehouse.feed_retry import end_backoff
    from wirehouse.wording import counted

    try:
        ended = end_backoff(_open(settings), args.urls)
    except LookupError as exc:
        raise UsageError(f"{exc.args[0]} (`wirehouse feeds list` lists the feeds)") from None
    for url in ended:
        print(f"due at the next run: {url}")
    print(f"ended the back-off of {counted(len(ended), 'feed')}")
    return 0


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "-"


def _cmd_feeds_discover(args: argparse.Namespace, settings: Settings) -> int:
    from extract.crawl import discover
    from wirehouse.errors import PipelineError

    found = discover(settings, args.url)
    if not found.feeds:
        raise PipelineError(f"no feeds found at {args.url}: {found.reason}")
    print("\n".join(found.feeds))
    return 0


def _cmd_stats(args: argparse.Namespace, warehouse_url: str) -> int:
    from wirehouse.listing import STAT_LABELS, open_reader, warehouse_stats

    with open_reader(warehouse_url) as reader:
        stats = warehouse_stats(reader)
    if args.json:
        import json  # only here: the table needs none

        print(json.dumps(stats, indent=2))
        return 0
    for column, label in STAT_LABELS.items():
        print(f"{label:24} {stats['counts'][column]}")
    if stats["last_run"]:
        last = stats["last_run"]
        failure = f": {last['error']}" if last["status"] == "failed" and last["error"] else ""
        print(f"{'last run':24} {last['id']} ({last['status']}{failure})")
    print(f"{'warehouse':24} {stats['warehouse']}")
    return 0


def _cmd_events(args: argparse.Namespace, warehouse_url: str) -> int:
    from wirehouse.listing import events, open_reader

    with open_reader(warehouse_url) as reader:
        rows = events(reader, since=args.since, limit=args.limit)
        if args.json:
            listed = _print_json_lines(rows)
        else:
            print(f"{'id':>6} {'last article':16} {'articles':>8} {'sources':>7}  title")
            listed = 0
            for listed, row in enumerate(rows, start=1):
                print(
                    f"{row['id']:>6} {_short_time(row['last_published_at']):16} "
                    f"{row['article_count']:>8} {row['source_count']:>7}  {row['title']}"
                )
    if not listed:
        from datetime import UTC  # loaded already: --since is read as a datetime

        since = f" with an article since {_when(args.since.astimezone(UTC))}" if args.since else ""
        _none_listed(f"no events{since}")
    return 0


def _cmd_articles(args: argparse.Namespace, warehouse_url: str) -> int:
    from wirehouse.listing import articles, open_reader

    with open_reader(warehouse_url) as reader:
        try:
            rows = articles(reader, event_id=args.event, limit=args.limit)
        except LookupError as exc:
            raise UsageError(f"--event {args.event}: {exc.args[0]}") from None
        if args.json:
            listed = _print_json_lines(rows)
        else:
            print(f"{'id':>6} {'published':16} {'event':>6} {'source':20}  title")
            listed = 0
            for listed, row in enumerate(rows, start=1):
                event = "-" if row["event_id"] is None else row["event_id"]
                source = (row["source"] or "-")[:20]
                print(
                    f"{row['id']:>6} {_short_time(row['published_at']):16} {event!s:>6} "
                    f"{source:20}  {row['title']}"
                )
    if not listed:
        _none_listed("no articles")
    return 0


def _print_json_lines(rows: Iterable[dict[str, Any]]) -> int:
    """One JSON object per line (JSON Lines), so large listings stream; how many."""
    import json

    listed = 0
    for listed, row in enumerate(rows, start=1):
        print(json.dumps(row, ensure_ascii=False))
    return listed


def _none_listed(what: str) -> None:
    """Say in one line on stderr that a listing has no rows (it printed nothing, or a header
    alone); stdout keeps its format for scripts: JSON Lines, tab-separated lines, a table.
    What stdout holds goes first: after a header, and not at all when stdout fails."""
    sys.stdout.flush()
    print(f"wirehouse: {what}", file=sys.stderr)


def _short_time(iso: str | None) -> str:
    return iso[:16].replace("T", " ") if iso else "-"


def _cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    if args.url and len(args.files) != 1:
        raise UsageError("--url gives the address of a single file; pass exactly one FILE with it")
    import json

    from extract.inflate import InflatedTooLarge, InflateError, inflate
    from transform.html_extract import ExtractionError, extract_page

    _stdin_once(args.files)
    cap = settings.max_body_bytes  # a page the pipeline fetches is cut there too
    for path in args.files:
        raw = _read_input(path, cap)
        if _begins_a_warc(raw):  # else its records' text, as one page's, and status 0
            raise UsageError(
                f"{path}: a WARC file, not an HTML page: load it with `wirehouse ingest-warc`"
            )
        if len(raw) > cap:
            raise UsageError(f"{path}: larger than {_page_cap(cap)}")
        if path.suffix == ".gz" or raw.startswith(_GZIP_MAGIC):  # a page saved compressed
            try:
                raw = inflate(raw, "gzip", cap)
            except InflateError as exc:
                raise UsageError(f"{path}: not a readable gzip file ({exc})") from None
            except InflatedTooLarge:
                raise UsageError(f"{path}: inflates to more than {_page_cap(cap)}") from None
        if not raw.strip():
            raise UsageError(f"{path}: the file is empty: no HTML")
        try:
            page = extract_page(raw, url=args.url)
        except ExtractionError as exc:
            raise UsageError(f"{path}: {exc}") from None
        print(
            json.dumps(
                {
                    "path": str(path),
                    "url": args.url,
                    "canonical_url": page.canonical_url,
                    "title": page.title,
                    "authors": list(page.authors),
                    "published_at": page.published_at.isoformat() if page.published_at else None,
                    "published_on": page.published_on.isoformat() if page.published_on else None,
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
    import json

    from transform.story_input import StoryInputError, checked_story_record
    from wirehouse.wording import counted

    records = []
    line_of_id: dict[str, int] = {}  # a repeated id names the line that gave it first
    cap = settings.max_body_bytes  # a record's text is a page's at most
    read_chars = 0
    with args.file.open("rb") as raw:
        try:  # a line read to its end however long: /dev/zero took all the machine's memory
            handle = _records_text(raw)
            for number, line in enumerate(iter(lambda: handle.readline(cap + 1), ""), start=1):
                if len(line) > cap and not line.endswith("\n"):
                    raise UsageError(
                        f"{args.file} line {number}: longer than {cap} characters, the most a "
                        "record may be (WIREHOUSE_MAX_BODY_BYTES)"
                    )
                read_chars += len(line)  # an endless stream of records grew without bound
                if read_chars > settings.cluster_max_chars:
                    raise UsageError(
                        f"{args.file}: more than {settings.cluster_max_chars} characters, the "
                        "most `cluster` holds at once (WIREHOUSE_CLUSTER_MAX_CHARS)"
                    )
                if not line.strip():
                    continue
                if len(records) == settings.cluster_max_records:
                    most = counted(settings.cluster_max_records, "record")
                    raise UsageError(
                        f"{args.file}: more than {most}, the most `cluster` holds at once "
                        "(WIREHOUSE_CLUSTER_MAX_RECORDS)"
                    )
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise UsageError(f"{args.file} line {number}: not JSON ({exc.msg})") from None
                if not isinstance(record, dict):
                    raise UsageError(f"{args.file} line {number}: not a JSON object")
                try:  # checked again by cluster_records, which library callers call directly
                    record_id = checked_story_record(record, settings.event_window_days).record_id
                except StoryInputError as exc:
                    raise UsageError(f"{args.file} line {number}: {exc}") from None
                if record_id in line_of_id:
                    raise UsageError(
                        f"{args.file} line {number}: record id {record_id!r} was given on line "
                        f"{line_of_id[record_id]} already (record ids must be unique)"
                    )
                line_of_id[record_id] = number
                records.append(record)
        except UnicodeDecodeError:
            raise UsageError(f"{args.file}: not UTF-8 text") from None
        except EOFError:  # gzip's: the stream ends inside a member
            raise UsageError(f"{args.file}: a gzip file cut short") from None
        except OSError as exc:  # a read error names no file
            gzip = sys.modules.get("gzip")  # loaded when the file is gzipped
            if gzip is not None and isinstance(exc, gzip.BadGzipFile):  # a CRC that fails
                raise UsageError(f"{args.file}: not a readable gzip file ({exc})") from None
            raise _unreadable(args.file, exc) from None
    if not records:  # a broken download or a wrong file: it printed nothing and ended 0
        raise UsageError(f"{args.file}: the file is empty: no JSON records")
    from load.stories import cluster_records  # clustering's imports cost seconds: input first

    for record_id, event_key in cluster_records(records, settings):
        print(f"{record_id}\t{event_key}")
    return 0


def _records_text(raw: io.BufferedReader) -> io.TextIOWrapper:
    """``raw`` as UTF-8 text, a BOM first skipped (as Windows tools write it); gunzipped when it
    begins as gzip does (`records.jsonl.gz`, as `extract` reads a page saved compressed: it was
    "not UTF-8 text"). Its size is bounded by what `cluster` reads, not by the file's."""
    if raw.peek(len(_GZIP_MAGIC)).startswith(_GZIP_MAGIC):
        import gzip

        return io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8-sig")
    return io.TextIOWrapper(raw, encoding="utf-8-sig")


def _cmd_reprocess(args: argparse.Namespace, settings: Settings) -> int:
    if args.since is None and not args.quarantined:  # before the replay's imports (seconds)
        raise UsageError("reprocess needs --since DATE, --quarantined, or both")
    _check_sqlite_file_exists(settings)
    from wirehouse.replay import reprocess, retry_quarantine
    from wirehouse.wording import counted

    if args.quarantined:
        counts = retry_quarantine(settings)
        print(
            f"retried {counted(counts['retried'], 'quarantined record')}: {counts['inserted']} new, "
            f"{counts['updated']} updated, {counts['no_text'] + counts['not_html']} without "
            f"article text; {counts['still_quarantined']} still quarantined"
        )
        if args.since is None:
            return 0
    with _progress(settings) as display:
        counts = reprocess(settings, args.since, progress=display)
    _print_replay(counts)
    return 0


def _cmd_ingest_warc(args: argparse.Namespace, settings: Settings) -> int:
    _stdin_once(args.files)
    opened = _checked_warcs(args.files)
    _check_sqlite_file_exists(settings)
    from extract.archive import ArchiveError
    from wirehouse.replay import ingest_warc

    try:
        with _progress(settings) as display:
            counts = ingest_warc(settings, args.files, progress=display, opened=opened)
    except ArchiveError as exc:
        raise UsageError(str(exc)) from None
    _print_replay(counts)
    return 0


def _checked_warcs(paths: Sequence[Path]) -> dict[Path, ReplayedStream]:
    """Check that each file's start can begin a WARC, before the loader is imported or a run
    recorded (/dev/null, a character device, passed the check of a regular file's size and
    ended as a failed run); UsageError for the first that cannot. What cannot be read twice (a
    pipe, standard input) is returned open, its start to be read again."""
    import stat

    from extract.warc_start import ReplayedStream, read_start, start_problem

    opened: dict[Path, ReplayedStream] = {}
    try:
        for path in dict.fromkeys(paths):
            stream = None
            try:
                stream = path.open("rb")
                start = read_start(stream)
                if problem := start_problem(path, start):
                    raise UsageError(problem)
                if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                    opened[path], stream = ReplayedStream(start, stream), None
            except OSError as exc:
                raise _unreadable(path, exc) from None
            finally:
                if stream is not None:  # a regular file is opened again to be loaded
                    stream.close()
    except BaseException:
        for replayed in opened.values():
            replayed.close()
        raise
    return opened


def _print_replay(counts: dict) -> None:
    from wirehouse.wording import counted

    stories = counts["stories"]
    unchanged = counted(counts["unchanged"], "unchanged article")
    duplicates = counted(stories["exact_duplicates"] + stories["near_duplicates"], "duplicate")
    print(
        f"{counted(counts['files'], 'WARC file')}, {counted(counts['pages'], 'page')}: "
        f"{counts['inserted']} new, {counts['updated']} updated, {unchanged}, "
        f"{counts['no_text'] + counts['not_html']} without article text; "
        f"{duplicates}, {counted(stories['events_created'], 'new event')}"
    )


def _cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    # A first port asked for, with --port or WIREHOUSE_DEMO_PORT (`make run DEMO_PORT=N` sets
    # it), must be served on or is an error naming how it was given; only the default falls
    # back to free ports when taken.
    base_port, port_name = args.port, "--port"
    if base_port is None and DEMO_PORT_VARIABLE in os.environ:
        base_port, port_name = settings.demo_port, DEMO_PORT_VARIABLE
    _check_data_dir(settings)
    from wirehouse.demo_run import run_demo, serve_demo

    if args.demo_command == "serve":
        return serve_demo(settings, base_port, port_name)
    return run_demo(settings, base_port, port_name)


def _cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import replace

    if args.port is not None:
        settings = replace(settings, serve_port=args.port)
    if args.host is not None:
        settings = replace(settings, serve_host=args.host)
    _check_data_dir(settings)
    _check_sqlite_file_exists(settings)
    from wirehouse.push_app import serve

    engine = _open(settings)

    def listening(base: str) -> None:
        print(
            f"wirehouse: WebSub callback on {base}/websub/<id>, draining the push outbox",
            file=sys.stderr,
            flush=True,
        )
        if settings.push_redis_url:
            print(
                f"wirehouse: taking URL submissions on Redis channel "
                f"{settings.push_submit_channel}",
                file=sys.stderr,
                flush=True,
            )

    serve(settings, engine, listening)
    return 0


def _cmd_push(args: argparse.Namespace, settings: Settings) -> int:
    if args.check and not args.listen:
        raise UsageError("--check goes with --listen (push --listen --check)")
    if args.listen:
        if args.urls or args.drain:
            raise UsageError("push --listen takes no URLs and no --drain")
        if args.check:
            return _check_listener(settings)
        return _listen_for_submissions(settings)
    if not args.urls and not args.drain:
        raise UsageError("push needs article URLs, --drain, or both")
    _check_sqlite_file_exists(settings)
    from wirehouse.push import drain, submit_urls
    from wirehouse.wording import counted

    engine = _open(settings)
    if args.urls:
        ids = submit_urls(engine, settings, args.urls)
        print(f"queued {counted(len(ids), 'URL')} in the push outbox")
    if args.drain:
        summary = drain(engine, settings)
        counts = summary.counts
        missed = summary.pages_not_fetched
        print(
            f"drained {counted(summary.rows, 'outbox row')} ({summary.failed} failed): "
            f"{counted(summary.pages_wanted, 'new page')} wanted"
            f"{f' ({len(missed)} not fetched)' if missed else ''}, "
            f"{counted(counts.get('inserted', 0), 'new article')}"
        )
        # a page that could not be fetched said nothing: "1 new page wanted, 0 new articles"
        for url, why in missed[:_PAGES_NOT_FETCHED_SHOWN]:  # a fetch error names its URL
            print(f"  page not fetched: {_one_line(why if url in why else f'{url}: {why}')}")
        if len(missed) > _PAGES_NOT_FETCHED_SHOWN:
            print(f"  and {len(missed) - _PAGES_NOT_FETCHED_SHOWN} more (fetch_log has each)")
    return 0


# Pages a drain could not fetch that `push --drain` names one by one.
_PAGES_NOT_FETCHED_SHOWN = 10


def _listen_for_submissions(settings: Settings) -> int:
    """`wirehouse push --listen`: queue the URLs submitted on Redis until SIGINT or SIGTERM."""
    import signal

    from wirehouse.push_submit import SubmissionListener, check_redis_accepts
    from wirehouse.wording import counted

    if not settings.push_redis_url:
        raise UsageError("push --listen needs WIREHOUSE_PUSH_REDIS_URL (the Redis to listen on)")
    heartbeat = Path(settings.push_listen_heartbeat) if settings.push_listen_heartbeat else None
    if heartbeat is not None:
        _check_heartbeat_file(heartbeat)
        heartbeat.unlink(missing_ok=True)  # a previous listener's beat is no sign of this one
    engine = _open(settings)
    check_redis_accepts(settings)
    listener = SubmissionListener(engine, settings, heartbeat=heartbeat)
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    stopped_by: list[int] = []

    def stop(sig: int, _frame: object) -> None:
        stopped_by.append(sig)
        listener.stop()

    for sig in previous:
        signal.signal(sig, stop)
    print(
        f"wirehouse: taking URL submissions on Redis channel {settings.push_submit_channel} "
        "(until interrupted)",
        file=sys.stderr,
        flush=True,
    )
    try:
        listener.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if heartbeat is not None:  # a stopped listener's beat passed the check for a minute
            heartbeat.unlink(missing_ok=True)
    print(
        f"wirehouse: queued {counted(listener.queued, 'submitted URL')}, dropped "
        f"{counted(listener.dropped, 'malformed message')}",
        file=sys.stderr,
        flush=True,
    )
    if stopped_by[:1] == [signal.SIGINT]:  # ends as serve and every command's Ctrl-C: 130
        raise KeyboardInterrupt
    return 0


def _check_heartbeat_file(path: Path) -> None:
    """Raise ConfigError unless the listener can keep its heartbeat at ``path``: no directory,
    in a writable directory that exists. Otherwise it listened on, warning each second, while
    its health check failed (or passed, on a directory's time)."""
    from wirehouse.settings import ConfigError

    variable = "WIREHOUSE_PUSH_LISTEN_HEARTBEAT"
    try:
        is_directory, parent_exists = path.is_dir(), path.parent.is_dir()
    except OSError as exc:  # a directory on the way that may not be searched
        raise ConfigError(f"{variable}={path} cannot be written: {os_reason(exc)}") from None
    if is_directory:
        raise ConfigError(f"{variable}={path} is a directory: name the heartbeat file")
    if not parent_exists:
        raise ConfigError(f"{variable}={path} cannot be written: no directory {path.parent}")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise ConfigError(f"{variable}={path} cannot be written: {path.parent} is read-only")
    refused = creation_refused(path.parent)
    if refused is not None:  # it listened on, warning at every beat
        raise ConfigError(
            f"{variable}={path} cannot be written: nothing can be created in {path.parent} "
            f"({os_reason(refused)})"
        )


def _check_listener(settings: Settings) -> int:
    """`wirehouse push --listen --check`: exit 0 while a listener's heartbeat is fresh. A health
    check run every few seconds: it loads neither the warehouse nor Redis."""
    from wirehouse.push_heartbeat import check_heartbeat

    if not settings.push_listen_heartbeat:
        raise UsageError(
            "push --listen --check needs WIREHOUSE_PUSH_LISTEN_HEARTBEAT "
            "(the file the listener touches)"
        )
    age = check_heartbeat(Path(settings.push_listen_heartbeat), settings.push_listen_stale_after)
    print(f"listener alive: heartbeat {age:.0f} s old")
    return 0


def _cmd_websub(args: argparse.Namespace, settings: Settings) -> int:
    if args.websub_command == "subscribe":  # every subscription asks a hub, naming the callback
        from wirehouse.settings import websub_callback_base

        websub_callback_base(settings)
    _check_sqlite_file_exists(settings)
    from wirehouse import push
    from wirehouse.wording import counted

    engine = _open(settings)
    if args.websub_command == "subscribe":
        for url in args.urls:
            sub = push.subscribe(engine, settings, url)
            print(
                f"subscription {sub.id}: {sub.topic_url} at {sub.hub_url}: {sub.state}"
                f"{' (verification pending)' if sub.pending_mode else ''}"
            )
    elif args.websub_command == "unsubscribe":
        for url in args.urls:
            for sub in push.unsubscribe(engine, settings, url):
                print(
                    f"subscription {sub.id}: {sub.topic_url} at {sub.hub_url}: {sub.state}"
                    f"{' (unsubscribe pending)' if sub.pending_mode else ''}"
                )
    else:  # renew
        result = push.renew_due(engine, settings)
        print(
            f"renewed {result['due'] - len(result['failed'])} of "
            f"{counted(result['due'], 'due lease')}"
        )
        return 1 if result["failed"] else 0
    return 0


def _cmd_websub_list(args: argparse.Namespace, warehouse_url: str) -> int:
    """`wirehouse websub list`: one tab-separated line per subscription."""
    from wirehouse.listing import open_reader, subscriptions

    listed = 0
    with open_reader(warehouse_url) as reader:
        for listed, sub in enumerate(subscriptions(reader), start=1):
            error = " ".join(sub["last_error"].split()) if sub["last_error"] else ""
            print(
                f"{sub['id']}\t{sub['state']}\t{_when(sub['lease_expires_at'])}\t"
                f"{sub['pushes']}\t{_when(sub['last_push_at'])}\t{sub['topic_url']}\t"
                f"{sub['hub_url']}{chr(9) + error if error else ''}"
            )
    if not listed:
        _none_listed("no WebSub subscriptions (`wirehouse websub subscribe URL` adds one)")
    return 0


def _open(settings: Settings) -> Engine:
    from wirehouse.warehouse import open_warehouse

    return open_warehouse(settings)


# What `-` reads, as every command reading files takes it (feeds export writes `-` to stdout).
STDIN = Path("/dev/stdin")


def _input_file(name: str) -> Path:
    """An argparse type: an existing, readable file (checked before anything is imported);
    ``-`` is standard input, read through :data:`STDIN` as any file is."""
    if name == "-":
        try:
            os.fstat(0)
        except OSError:  # `<&-`: /dev/stdin names nothing
            raise argparse.ArgumentTypeError("-: standard input is closed") from None
        return STDIN
    _named(name)
    path = Path(name)
    try:
        found, directory = path.exists(), path.is_dir()
    except OSError as exc:  # a directory on the way that may not be searched
        raise argparse.ArgumentTypeError(f"cannot read {name}: {os_reason(exc)}") from None
    if not found:
        raise argparse.ArgumentTypeError(f"no such file: {name}")
    if directory:
        raise argparse.ArgumentTypeError(f"{name} is a directory, not a file")
    if not os.access(path, os.R_OK):
        raise argparse.ArgumentTypeError(f"cannot read {name}: permission denied")
    return path


def _named(name: str) -> None:
    """Refuse an empty file name (`wirehouse extract "$UNSET"`): read as a path it is the
    working directory, and the error said " is a directory"."""
    if not name:
        raise argparse.ArgumentTypeError("an empty argument names no file")


def _stdin_once(paths: Sequence[Path]) -> None:
    """Raise UsageError when ``-`` is given more than once: the second read finds nothing."""
    if list(paths).count(STDIN) > 1:
        raise UsageError("- (standard input) can be read once: give it once")


def _read_input(path: Path, cap: int) -> bytes:
    """An input page's bytes, at most ``cap + 1`` of them (more than ``cap``: too large, which
    the caller says once it has told what the file is); a read that fails (an I/O error) is one
    line naming the file, as an unreadable one is. Read whole, a path to an endless file
    (/dev/zero) took all the machine's memory."""
    try:
        with path.open("rb") as stream:
            return stream.read(cap + 1)
    except OSError as exc:
        raise _unreadable(path, exc) from None


# Bytes of a file read to tell a WARC: its first record's version line, after blank lines.
_WARC_PEEK_BYTES = 4096


# The first bytes of every gzip member.
_GZIP_MAGIC = b"\x1f\x8b"


def _begins_a_warc(raw: bytes) -> bool:
    """Whether a file's bytes, plain or gzipped, begin as a WARC record does (``WARC/1.1``)."""
    start = raw[:_WARC_PEEK_BYTES]
    if start.startswith(_GZIP_MAGIC):
        import zlib

        try:
            start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(start, _WARC_PEEK_BYTES)
        except zlib.error:
            return False  # not gzip after all: the gzip reader's own line says so
    return start.lstrip().upper().startswith(b"WARC/")


def _page_cap(cap: int) -> str:
    return f"{cap} bytes, the most a page may be (WIREHOUSE_MAX_BODY_BYTES)"


def _unreadable(path: Path, exc: OSError) -> UsageError:
    """The one line for an input file whose read failed: the error names no file."""
    return UsageError(f"cannot read {path}: {os_reason(exc)}")


def _output_file(name: str) -> str:
    """An argparse type: ``-`` (stdout) or a file path whose directory exists."""
    if name == "-":
        return name
    _named(name)
    path = Path(name)
    try:
        directory, parent, found = path.is_dir(), path.parent.is_dir(), path.exists()
    except OSError as exc:  # a directory on the way that may not be searched
        raise argparse.ArgumentTypeError(f"cannot write {name}: {os_reason(exc)}") from None
    if directory:
        raise argparse.ArgumentTypeError(f"{name} is a directory: name the file to write")
    if not parent:
        raise argparse.ArgumentTypeError(f"cannot write {name}: no directory {path.parent}")
    if not os.access(path if found else path.parent, os.W_OK):
        raise argparse.ArgumentTypeError(f"cannot write {name}: permission denied")
    if not found:
        try:
            refused = creation_refused(path.parent)
        except OSError:  # a full disk: the write fails, naming the file (status 1)
            refused = None
        if refused is not None:  # /proc as root: "No such file or directory", status 1
            raise argparse.ArgumentTypeError(f"cannot write {name}: {os_reason(refused)}")
    return name


def _iso_date(text_: str) -> datetime:
    """An argparse type: an ISO date or datetime, UTC when it names no zone."""
    from datetime import UTC, datetime

    try:
        moment = datetime.fromisoformat(text_)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text_!r} is not an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
        ) from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    try:
        moment.astimezone(UTC)  # what the queries compare with
    except OverflowError:  # 9999-12-31T23:59-14:00 is in the year 10000 in UTC
        raise argparse.ArgumentTypeError(
            f"{text_!r} is out of range: in UTC it falls outside the years 1 to 9999"
        ) from None
    return moment


def _port(text_: str) -> int:
    """An argparse type: a TCP port number (0 asks for free ports)."""
    try:
        port = int(text_)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text_!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0-65535)")
    return port


def _host(text_: str) -> str:
    """An argparse type: an address to listen on; empty is refused (it means every interface)."""
    if not text_.strip():
        raise argparse.ArgumentTypeError("empty: name an address (0.0.0.0 for every interface)")
    return text_


def _http_url(text_: str) -> str:
    """An argparse type: an absolute http(s) URL, its port (if any) a port number."""
    try:
        text_.encode("utf-8")  # an argument's bytes that are no UTF-8 are kept as surrogates
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(f"{text_!r} is not an http(s) URL: not UTF-8") from None
    try:
        parts = urlsplit(text_)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number or past 65535
    except ValueError as exc:  # an unclosed IPv6 bracket, a port out of range
        raise argparse.ArgumentTypeError(f"{text_!r} is not an http(s) URL: {exc}") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise argparse.ArgumentTypeError(f"{text_!r} is not an http(s) URL")
    from transform.urls import forbidden_in_host

    if (bad := forbidden_in_host(parts.hostname or "")) is not None:
        raise argparse.ArgumentTypeError(
            f"{text_!r} is not an http(s) URL: its host holds {bad!r}, which no host name may"
        )
    return text_


def _positive(text_: str) -> int:
    """An argparse type: a whole number from 1 to what the database can compare with."""
    from load.reading import LARGEST_COUNT

    try:
        value = int(text_)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text_!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    if value > LARGEST_COUNT:
        raise argparse.ArgumentTypeError(f"{value} is too large (at most {LARGEST_COUNT})")
    return value


def _command_group(
    parser: argparse.ArgumentParser, dest: str, metavar: str | None = None
) -> argparse._SubParsersAction:
    """``parser``'s subcommands, one of which must be given: checked by
    :meth:`_Parser.parse_args` once the arguments are parsed, as argparse's ``required=True``
    checked it before unknown options (`wirehouse --verbose`, `wirehouse db --verbose`: "the
    following arguments are required")."""
    parser.set_defaults(command_group=(parser, dest))  # the innermost group given wins
    return parser.add_subparsers(dest=dest, metavar=metavar, parser_class=_SubcommandParser)


def _add_db(db_parser: argparse.ArgumentParser) -> None:
    db_sub = _command_group(db_parser, "db_command")
    db_sub.add_parser("upgrade", help="migrate the warehouse to the latest schema").set_defaults(
        func=_cmd_db_upgrade
    )


def _add_feeds(feeds: argparse.ArgumentParser) -> None:
    feeds_sub = _command_group(feeds, "feeds_command")
    imp = feeds_sub.add_parser("import", help="add the feeds of an OPML or YAML file")
    imp.add_argument("file", type=_input_file)
    imp.set_defaults(func=_cmd_feeds_import)
    exp = feeds_sub.add_parser("export", help="write the feed list as OPML 2.0 (- for stdout)")
    exp.add_argument("file", type=_output_file)
    exp.set_defaults(func=_cmd_feeds_export)
    feeds_sub.add_parser("list", help="each feed with its health").set_defaults(
        func=_cmd_feeds_list
    )
    retry = feeds_sub.add_parser(
        "retry",
        help="end the back-off of failing feeds (all, or those named): the next run fetches them",
    )
    retry.add_argument("urls", nargs="*", type=_http_url, metavar="URL")
    retry.set_defaults(func=_cmd_feeds_retry)
    disc = feeds_sub.add_parser("discover", help="find a site's feeds from its homepage")
    disc.add_argument("url", type=_http_url)
    disc.set_defaults(func=_cmd_feeds_discover)


def _add_stats(stats: argparse.ArgumentParser) -> None:
    stats.add_argument("--json", action="store_true", help="one JSON object")
    stats.set_defaults(func=_cmd_stats)


def _add_events(evs: argparse.ArgumentParser) -> None:
    evs.add_argument(
        "--since",
        type=_iso_date,
        metavar="DATE",
        help="only events with an article since DATE (UTC)",
    )
    evs.add_argument("--limit", type=_positive, metavar="N", help="at most N events")
    evs.add_argument("--json", action="store_true", help="one JSON object per line")
    evs.set_defaults(func=_cmd_events)


def _add_articles(arts: argparse.ArgumentParser) -> None:
    arts.add_argument("--event", type=_positive, metavar="ID", help="only the articles of event ID")
    arts.add_argument("--limit", type=_positive, metavar="N", help="at most N articles")
    arts.add_argument("--json", action="store_true", help="one JSON object per line")
    arts.set_defaults(func=_cmd_articles)


def _add_extract(ext: argparse.ArgumentParser) -> None:
    ext.add_argument("files", nargs="+", type=_input_file, metavar="FILE")
    ext.add_argument("--url", type=_http_url, help="the page's address (single file only)")
    ext.set_defaults(func=_cmd_extract)


def _add_cluster(clu: argparse.ArgumentParser) -> None:
    clu.add_argument("file", type=_input_file, metavar="FILE.jsonl")
    clu.set_defaults(func=_cmd_cluster)


def _add_reprocess(rep: argparse.ArgumentParser) -> None:
    rep.add_argument("--since", type=_iso_date, metavar="DATE", help="ISO date or datetime (UTC)")
    rep.add_argument(
        "--quarantined", action="store_true", help="retry the records quarantined by earlier runs"
    )
    rep.set_defaults(func=_cmd_reprocess)


def _add_ingest_warc(warc: argparse.ArgumentParser) -> None:
    warc.add_argument("files", nargs="+", type=_input_file, metavar="FILE")
    warc.set_defaults(func=_cmd_ingest_warc)


def _add_serve(srv: argparse.ArgumentParser) -> None:
    srv.add_argument(
        "--host", type=_host, help="address to listen on (default: WIREHOUSE_SERVE_HOST)"
    )
    srv.add_argument("--port", type=_port, help="port (default: WIREHOUSE_SERVE_PORT, 8480)")
    srv.set_defaults(func=_cmd_serve)


def _add_push(psh: argparse.ArgumentParser) -> None:
    psh.add_argument("urls", nargs="*", type=_http_url, metavar="URL")
    psh.add_argument("--drain", action="store_true", help="then drain the outbox now")
    psh.add_argument(
        "--listen",
        action="store_true",
        help="queue the URLs published on WIREHOUSE_PUSH_SUBMIT_CHANNEL until interrupted",
    )
    psh.add_argument(
        "--check",
        action="store_true",
        help="with --listen: exit 0 while the running listener's heartbeat "
        "(WIREHOUSE_PUSH_LISTEN_HEARTBEAT) is fresh, else 1 (a health check)",
    )
    psh.set_defaults(func=_cmd_push)


def _add_websub(ws: argparse.ArgumentParser) -> None:
    ws_sub = _command_group(ws, "websub_command")
    for name, text_ in (
        ("subscribe", "subscribe to feeds at the hub they announce"),
        ("unsubscribe", "end the subscriptions to topics"),
    ):
        cmd = ws_sub.add_parser(name, help=text_)
        cmd.add_argument("urls", nargs="+", type=_http_url, metavar="URL")
        cmd.set_defaults(func=_cmd_websub)
    ws_sub.add_parser("renew", help="renew leases ending soon").set_defaults(func=_cmd_websub)
    ws_sub.add_parser(
        "list", help="subscriptions: id, state, lease end, pushes, last push, topic, hub"
    ).set_defaults(func=_cmd_websub_list)


def _add_demo(demo: argparse.ArgumentParser) -> None:
    demo_sub = _command_group(demo, "demo_command")
    for name, text_ in (
        ("run", "serve the demo sites and run the pipeline over them once"),
        ("serve", "serve the demo sites until interrupted"),
    ):
        cmd = demo_sub.add_parser(name, help=text_)
        cmd.add_argument(
            "--port",
            type=_port,
            help="first port, one per site; taken ports are an error, as with WIREHOUSE_DEMO_PORT "
            "(default: 8470, or free ports when that is taken; 0: free ports)",
        )
        cmd.set_defaults(func=_cmd_demo)


def _add_run(run: argparse.ArgumentParser) -> None:
    run.set_defaults(func=_cmd_run)


def _add_lease(lease: argparse.ArgumentParser) -> None:
    lease.add_argument(
        "--release", action="store_const", dest="func", const=_cmd_release_lease,
        help="give the lease back, saying whose it was (refused while its process runs on "
        "this host): for a run that is gone, such as a DAG run of an Airflow stopped with Ctrl-C",
    )
    lease.set_defaults(func=_cmd_lease)


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, as argparse asks it, without importing shutil
    (and the compression modules it loads: a few percent of a reading command's start-up)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _HelpFormatter(argparse.HelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_columns() - 2)  # argparse's own margin


class _Parser(argparse.ArgumentParser):
    """argparse's parser with :class:`_HelpFormatter`, for itself and its subcommands' parsers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> argparse.Namespace:
        """argparse's, then the subcommand a group lacks (see :func:`_command_group`)."""
        parsed = super().parse_args(*args, **kwargs)
        group, dest = getattr(parsed, "command_group", (None, ""))
        if group is not None and getattr(parsed, dest) is None:
            group.error(f"the following arguments are required: {dest}")
        return parsed


class _SubcommandParser(_Parser):
    """A subcommand's parser: what it does not know is its error, with its own usage line.

    argparse hands everything after a subcommand's name to that subcommand's parser and lets
    the top parser report what was left over, so `wirehouse stats --bogus` printed the usage
    of `wirehouse` and named no subcommand.
    """

    def parse_known_args(self, *args: Any, **kwargs: Any) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(*args, **kwargs)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras


# Each subcommand: its help line and what adds its arguments (or its own subcommands).
_SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "run": ("one whole nightly run in-process", _add_run),
    "lease": ("who holds the run lease (--release: give it back)", _add_lease),
    "db": ("warehouse schema", _add_db),
    "feeds": ("the feed list", _add_feeds),
    "stats": ("warehouse counts and the last run", _add_stats),
    "events": ("events, latest first", _add_events),
    "articles": ("articles, newest first, with outlet and event", _add_articles),
    "extract": ("extract articles from HTML files, one JSON line each", _add_extract),
    "cluster": ("group JSON Lines articles into events: id<TAB>event_key", _add_cluster),
    "reprocess": ("extract and load again from the raw archive, offline", _add_reprocess),
    "ingest-warc": ("extract and load the HTML pages of WARC files", _add_ingest_warc),
    "serve": ("the WebSub callback; drains the push outbox", _add_serve),
    "push": ("queue article URLs in the push outbox", _add_push),
    "websub": ("WebSub subscriptions of the feeds", _add_websub),
    "demo": ("the bundled demo news sites on loopback", _add_demo),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command's parser; with ``only``, a subcommand's name, the others are left out.

    Building all 15 took about a tenth of a reading command's start-up, so :func:`main` builds
    the one named subcommand only. Its usage line still lists them all, so what it prints
    (help, errors) is the same either way.
    """
    parser = _Parser(prog="wirehouse", description=__doc__)
    parser.add_argument("--version", action="version", version=f"wirehouse {__version__}")
    # the full list in the usage line of a parser holding one (argparse would show that one)
    every = "{" + ",".join(_SUBCOMMANDS) + "}" if only is not None else None
    sub = _command_group(parser, "command", metavar=every)
    for name, (help_, add_arguments) in _SUBCOMMANDS.items():
        if only is None or name == only:
            add_arguments(sub.add_parser(name, help=help_))
    return parser


def _named_subcommand(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` starts with, if it starts with one (not an option, a typo)."""
    return argv[0] if argv and argv[0] in _SUBCOMMANDS else None


def _one_line(text_: str, limit: int = 500) -> str:
    line = " ".join(text_.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _report(exc: BaseException) -> tuple[str, int]:
    """The one line and exit status reporting ``exc``."""
    if isinstance(exc, UsageError):
        return str(exc), 2
    if isinstance(exc, OSError) and exc.filename == _STDOUT:
        return f"cannot write to standard output: {exc.strerror or exc}", 1
    from wirehouse.reporting import report

    return report(exc)


def _stdout_reader_gone() -> bool:
    """Whether stdout is a pipe or socket whose reading end was closed (poll reports POLLERR)."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):
        return False
    import select

    poller = select.poll()
    poller.register(descriptor, 0)  # POLLERR and POLLHUP are reported whatever is asked
    return any(events & select.POLLERR for _, events in poller.poll(0))


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(_named_subcommand(argv)).parse_args(argv)
    from wirehouse.settings import checked_warehouse_url, load_settings, unknown_variables

    if not _reads_only(args) or unknown_variables(os.environ):
        _log_to_stderr()
    try:
        if not _reads_only(args):
            return args.func(args, load_settings())
        from load.reading import plain_sqlite_path

        warehouse_url = checked_warehouse_url()
        if plain_sqlite_path(warehouse_url) is None:
            _log_to_stderr()  # read through SQLAlchemy, whose engines and drivers log
        return args.func(args, warehouse_url)
    except KeyboardInterrupt:
        return interrupted()
    except BrokenPipeError as exc:
        if not _stdout_reader_gone():
            return _fail(exc)  # a socket's broken pipe, not the reader's
        # the reader stopped reading (`wirehouse events | head`): nothing went wrong to report;
        # stdout goes to /dev/null so the interpreter's final flush stays quiet too
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return _reader_gone_status()
    except Exception as exc:  # noqa: BLE001 - every failure ends in one line and a status
        return _fail(exc)


def _reads_only(args: argparse.Namespace) -> bool:
    """Whether the command only reads the warehouse. It is given the warehouse's URL, not the
    settings (checked all the same), and on a plain SQLite file it runs sqlite3 queries, which
    log nothing, so it starts without importing logging (a tenth of its time)."""
    return args.func in (
        _cmd_stats,
        _cmd_lease,
        _cmd_events,
        _cmd_articles,
        _cmd_feeds_list,
        _cmd_feeds_export,
        _cmd_websub_list,
    )


def _log_to_stderr() -> None:
    """The process's warnings and errors on stderr, one line each, passwords masked."""
    from wirehouse.redact import install_log_masking
    from wirehouse.stderr_log import log_to_stderr

    install_log_masking()
    log_to_stderr()


def _fail(exc: BaseException) -> int:
    """Print ``exc`` as the one error line; its exit status."""
    from wirehouse.redact import mask_secrets

    message, status = _report(exc)
    print(f"wirehouse: error: {_one_line(mask_secrets(message))}", file=sys.stderr)
    return status


def console() -> None:
    """The `wirehouse` command (through :func:`wirehouse.console.console`, and ``python -m
    wirehouse.cli``): :func:`main`, then an exit that Ctrl-C cannot turn into a traceback.
    After :func:`main` returns the interpreter still joins threads (a feed parse that outlived
    its timeout) and runs exit handlers; a KeyboardInterrupt there printed "Exception ignored
    in: <module 'threading'>" and its traceback."""
    stdout = _watch_stdout()
    _silence_closed_stderr()
    sys.unraisablehook = _ctrl_c_out_of_finalizers
    try:
        status = main()
    except KeyboardInterrupt:  # before main's own handler: while arguments are parsed
        status = interrupted()
    except SystemExit as exc:  # argparse, after --help, --version or a wrong argument
        if not isinstance(exc.code, int | None):  # a message to print: the interpreter's job
            raise
        status = exc.code or 0
    if stdout is not None:
        status = _output_written(stdout, status)
    # through _signal, the C module under signal, loaded with the interpreter: importing signal
    # (its enums) here was time enough for a Ctrl-C to land in it and print a traceback
    import _signal

    _signal.signal(_signal.SIGINT, _exit_interrupted)
    _hear_ctrl_c_in_any_thread()
    sys.exit(status)


# What a failed write to stdout names as its file (an OSError from a write names none).
_STDOUT = "<stdout>"


class _StdoutFile(io.FileIO):
    """File descriptor 1 under ``sys.stdout``. The first write that fails raises its OSError,
    naming stdout, and is kept in :attr:`failure`; later writes are dropped, so the failure is
    reported once, by the command, and not again by the interpreter's final flush (as
    "Exception ignored" and status 120). On a stdout closed when the command started, every
    write fails as on a closed descriptor."""

    def __init__(self, closed_at_start: bool) -> None:
        super().__init__(1, "w", closefd=False)
        self.closed_at_start = closed_at_start
        self.failure: OSError | None = None

    def write(self, data: Any) -> int:
        if self.failure is not None:
            return memoryview(data).nbytes
        try:
            if self.closed_at_start:
                import errno

                raise OSError(errno.EBADF, os.strerror(errno.EBADF))
            return super().write(data)
        except OSError as exc:
            exc.filename = _STDOUT
            self.failure = exc
            raise


def _watch_stdout() -> _StdoutFile | None:
    """Put ``sys.stdout`` on a :class:`_StdoutFile`, as buffered as it was; its raw file.

    A closed stdout (``>&-``, where Python leaves ``sys.stdout`` None and prints nowhere) gets
    /dev/null as descriptor 1, so that no file the command opens takes it. Left alone: a
    ``sys.stdout`` that is no longer the interpreter's own."""
    original = sys.stdout
    if original is not sys.__stdout__:
        return None
    if original is None:
        null = os.open(os.devnull, os.O_WRONLY)
        if null != 1:
            os.dup2(null, 1)
            os.close(null)
    else:
        original.flush()
    raw = _StdoutFile(closed_at_start=original is None)
    unbuffered = original is not None and isinstance(original.buffer, io.FileIO)  # python -u
    sys.stdout = io.TextIOWrapper(
        raw if unbuffered else io.BufferedWriter(raw),
        encoding=original.encoding if original else "utf-8",
        errors=original.errors if original else "strict",
        newline="\n",
        line_buffering=original.line_buffering if original else False,
        write_through=unbuffered,
    )
    return raw


def _silence_closed_stderr() -> None:
    """On a stderr closed when the command started (``2>&-``) Python leaves ``sys.stderr``
    None, and ``print(..., file=sys.stderr)`` printed the error and note lines to stdout, into
    what a script reads: they go nowhere, as the shell was told (descriptor 2 on /dev/null, so
    that no file the command opens takes it)."""
    if sys.stderr is not None or sys.__stderr__ is not None:
        return
    null = os.open(os.devnull, os.O_WRONLY)
    if null != 2:
        os.dup2(null, 2)
        os.close(null)
    sys.stderr = io.TextIOWrapper(
        io.FileIO(2, "w", closefd=False),
        encoding="utf-8",
        errors="backslashreplace",
        line_buffering=True,
    )


def _output_written(stdout: _StdoutFile, status: int) -> int:
    """``status``, once what the command printed has left the process; if it could not, and
    the command reported no failure of its own, the failure's status after its one line (a
    reader that stopped reading: 141, quietly, as in :func:`main`)."""
    try:
        sys.stdout.flush()
    except OSError:  # kept in stdout.failure
        pass
    if stdout.failure is None or status != 0:
        return status
    if isinstance(stdout.failure, BrokenPipeError):
        return _reader_gone_status()
    return _fail(stdout.failure)


def _reader_gone_status() -> int:
    """The status when stdout's reader stopped reading: a shell's for a program SIGPIPE ended."""
    import signal

    return 128 + signal.SIGPIPE


def _ctrl_c_out_of_finalizers(unraisable: Any) -> None:
    """``sys.unraisablehook``: a Ctrl-C that landed in a finalizer (a ``__del__``, a weakref
    callback such as SQLAlchemy's, run by the garbage collector anywhere) is given to the main
    thread again, to be raised once the finalizer has returned. Python ignores what a finalizer
    raises: the run went on to the end, status 0, after a traceback. Anything else is reported
    as Python reports it."""
    if unraisable.exc_type is KeyboardInterrupt:
        import _thread

        # from a thread of its own, which runs once this one lets go of the interpreter: made
        # here, the Ctrl-C would be raised inside this hook, and ignored again
        _thread.start_new_thread(_thread.interrupt_main, ())
        return
    sys.__unraisablehook__(unraisable)


def _exit_interrupted(_signal: int, _frame: object) -> None:
    """Ctrl-C while the interpreter shuts down: the same line and status, at once (what is
    written so far flushed), as no exception raised there can be reported."""
    status = interrupted()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed reader, a closed stream: nothing to keep
            pass
    os._exit(status)


def _hear_ctrl_c_in_any_thread() -> None:
    """While other threads run, hear Ctrl-C through a wakeup pipe too, read by a daemon thread.

    The kernel gives a process's signal to any of its threads, and Python runs the handler in
    the main thread only, once that runs Python code: the interpreter joining a thread at exit
    (a feed parse past its timeout) runs none, so Ctrl-C given to that thread waited for it to
    end. Whichever of the handler and the reader comes first reports it."""
    threading = sys.modules.get("threading")
    if threading is None or threading.active_count() == 1:  # no thread but this one
        return
    import signal

    reporting = threading.Lock()

    def report(_signal: int = signal.SIGINT, _frame: object = None) -> None:
        if reporting.acquire(blocking=False):  # else the other one is ending the process
            _exit_interrupted(_signal, _frame)

    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    signal.signal(signal.SIGINT, report)
    signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)

    def read_signals() -> None:
        while os.read(read_end, 1) != bytes([signal.SIGINT]):  # one byte per signal handled
            pass
        report()

    threading.Thread(target=read_signals, name="wirehouse-ctrl-c", daemon=True).start()


if __name__ == "__main__":
    console()
