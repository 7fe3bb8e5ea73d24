"""Every bad invocation of `wirehouse` ends in one clear line and a distinct exit status.

Each case runs the command as the console script does (``wirehouse.cli.main``, called in the
test process by tests/cli_call.py with the case's environment, working directory and captured
output): 2 when what was given is wrong (arguments, input files, settings), 1 when the work
failed (warehouse missing or unreachable, port taken). argparse's usage lines may come before
the error line; nothing else may (no traceback). A few cases also run as real `wirehouse`
processes, which must end exactly as the call in the test process did.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gzip
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cli_call import CliOutcome, call_wirehouse

from extract.archive import ArchiveWriter
from extract.http import FetchResult
from load.db import upgrade
from load.errors import database_reason
from load.schema_files import head_revision
from wirehouse import cli

USAGE, RUNTIME = 2, 1
PG_NOWHERE = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"

# (id, arguments, extra environment, exit status, text the error line must contain).
# "{work}" is the scratch directory of the module fixture, "{busy}" a port someone listens on.
CASES: list[tuple[str, tuple[str, ...], dict[str, str], int, str]] = [
    ("no command", (), {}, USAGE, "required: command"),
    ("unknown command", ("fetch",), {}, USAGE, "invalid choice"),
    # was "the following arguments are required: command"
    ("an unknown option, no command", ("--verbose",), {}, USAGE, "unrecognized arguments"),
    ("db with an unknown option", ("db", "--verbose"), {}, USAGE, "unrecognized arguments"),
    ("feeds without its command", ("feeds",), {}, USAGE, "wirehouse feeds: error: the following"),
    ("unknown option", ("stats", "--jsn"), {}, USAGE, "unrecognized arguments"),
    ("extract without a file", ("extract",), {}, USAGE, "required: FILE"),
    ("extract a missing file", ("extract", "{work}/missing.html"), {}, USAGE, "no such file"),
    ("extract a directory", ("extract", "{work}"), {}, USAGE, "is a directory"),
    (
        "extract --url with two files",
        ("extract", "--url", "https://orrin.example/a", "{work}/page.html", "{work}/page.html"),
        {},
        USAGE,
        "exactly one FILE",
    ),
    ("extract a broken .gz", ("extract", "{work}/broken.html.gz"), {}, USAGE, "gzip"),
    # were a JSON object of empty fields and status 0
    ("extract an empty file", ("extract", "{work}/empty.html"), {}, USAGE, "empty: no HTML"),
    ("extract an empty .gz", ("extract", "{work}/empty.html.gz"), {}, USAGE, "empty: no HTML"),
    ("cluster a missing file", ("cluster", "{work}/missing.jsonl"), {}, USAGE, "no such file"),
    # an empty name was the working directory: "argument FILE.jsonl:  is a directory"
    ("cluster an empty name", ("cluster", ""), {}, USAGE, "FILE.jsonl: an empty argument names"),
    ("extract an empty name", ("extract", ""), {}, USAGE, "FILE: an empty argument names no file"),
    ("export to an empty name", ("feeds", "export", ""), {}, USAGE, "an empty argument names"),
    ("cluster a directory", ("cluster", "{work}"), {}, USAGE, "is a directory"),
    ("cluster bad JSON", ("cluster", "{work}/bad.jsonl"), {}, USAGE, "line 2: not JSON"),
    (
        "cluster a record without source",
        ("cluster", "{work}/nosource.jsonl"),
        {},
        USAGE,  # named neither file nor line
        "nosource.jsonl line 3: record lacks field 'source'",
    ),
    (
        "cluster published_at yesterday",
        ("cluster", "{work}/yesterday.jsonl"),
        {},
        USAGE,
        "yesterday.jsonl line 1: record '1': bad published_at 'yesterday'",
    ),
    ("cluster a JSON list", ("cluster", "{work}/list.jsonl"), {}, USAGE, "not a JSON object"),
    (
        "cluster a published_at past the year 9999 in UTC",
        ("cluster", "{work}/year10000.jsonl"),
        {},
        USAGE,  # was "unexpected StatementError: (builtins.OverflowError) date value out of range"
        "published_at '9999-12-31T23:00-14:00' is out of range: its event window (3 days",
    ),
    (
        "cluster a published_at whose window passes the year 9999",
        ("cluster", "{work}/lastday.jsonl"),
        {},
        USAGE,  # was "unexpected OverflowError: date value out of range"
        "published_at '9999-12-31' is out of range",
    ),
    (
        "cluster repeated ids",
        ("cluster", "{work}/twice.jsonl"),
        {},
        USAGE,  # was "record ids must be unique", naming neither file nor line
        "twice.jsonl line 2: record id '7' was given on line 1 already",
    ),
    ("cluster Latin-1 text", ("cluster", "{work}/latin1.jsonl"), {}, USAGE, "not UTF-8"),
    ("cluster a cut .gz", ("cluster", "{work}/cut.jsonl.gz"), {}, USAGE, "a gzip file cut short"),
    (
        "cluster a .gz whose check fails",
        ("cluster", "{work}/crc.jsonl.gz"),
        {},
        USAGE,
        "crc.jsonl.gz: not a readable gzip file (CRC check failed",
    ),
    (  # opened, but its read fails: was "Input/output error" naming nothing, status 1
        "extract a file whose read fails",
        ("extract", "/proc/self/mem"),
        {},
        USAGE,
        "cannot read /proc/self/mem: input/output error",
    ),
    (
        "cluster a file whose read fails",
        ("cluster", "/proc/self/mem"),
        {},
        USAGE,
        "cannot read /proc/self/mem: input/output error",
    ),
    (
        "cluster an empty file",  # printed nothing and ended 0
        ("cluster", "{work}/empty.html"),
        {},
        USAGE,
        "empty.html: the file is empty: no JSON records",
    ),
    (
        "cluster a file of blank lines",
        ("cluster", "{work}/blank.jsonl"),
        {},
        USAGE,
        "blank.jsonl: the file is empty: no JSON records",
    ),
    ("feeds without subcommand", ("feeds",), {}, USAGE, "required: feeds_command"),
    (
        "feeds export to a missing directory",
        ("feeds", "export", "{work}/no/such/feeds.opml"),
        {},
        USAGE,
        "no directory",
    ),
    ("feeds export to a directory", ("feeds", "export", "{work}"), {}, USAGE, "is a directory"),
    (
        "feeds import a missing file",
        ("feeds", "import", "{work}/missing.opml"),
        {},
        USAGE,
        "no such file",
    ),
    ("feeds import broken OPML", ("feeds", "import", "{work}/broken.opml"), {}, USAGE, "OPML"),
    (
        "feeds import an empty YAML file",
        ("feeds", "import", "{work}/empty.yaml"),
        {},
        USAGE,  # was "expected a mapping with a 'sources' list"
        "empty.yaml: the file is empty: no feed list",
    ),
    (
        "feeds import a feed URL longer than the warehouse stores",
        ("feeds", "import", "{work}/long.opml"),
        {},
        USAGE,
        "cannot be stored: over 2048 characters",
    ),
    ("feeds discover a non-URL", ("feeds", "discover", "not a url"), {}, USAGE, "http(s) URL"),
    # bytes that are no UTF-8 in an argument (kept as surrogates): was "unexpected
    # UnicodeEncodeError" (push) and the SSRF guard's "Invalid IDNA hostname" (discover)
    (
        "push a URL that is no UTF-8",
        ("push", os.fsdecode(b"http://news.example/\xff")),
        {},
        USAGE,
        "is not an http(s) URL: not UTF-8",
    ),
    (
        "feeds discover a host that is no domain name",
        ("feeds", "discover", "http://xn--a.example/"),
        {},
        RUNTIME,  # was "unexpected InvalidCodepoint" (and "unexpected UnicodeError" for a..b)
        "no feeds found at http://xn--a.example/: the site could not be reached: host is no valid",
    ),
    (
        "feeds import an OPML of no feeds",  # was "imported 0 feeds", status 0
        ("feeds", "import", "{work}/nofeeds.opml"),
        {},
        USAGE,
        "nofeeds.opml: no feeds in it: no <outline> with an xmlUrl",
    ),
    (
        "run on a WIREHOUSE_FEEDS of no feeds",  # was "no active feeds: set WIREHOUSE_FEEDS ..."
        ("run",),
        {"WIREHOUSE_FEEDS": "{work}/nofeeds.opml"},
        USAGE,
        "nofeeds.opml: no feeds in it",
    ),
    (
        "feeds discover a dotted quad past 255",
        ("feeds", "discover", "http://256.256.256.256/"),
        {},
        RUNTIME,  # was "unexpected InvalidURL", from httpx
        "the site could not be reached: host is no valid domain name (Invalid IPv4 address",
    ),
    (
        "websub subscribe a dotted quad past 255",
        ("websub", "subscribe", "http://10.1.1.300/feed.xml"),
        {"WIREHOUSE_WEBSUB_CALLBACK_URL": "https://push.fennick.example/websub"},
        RUNTIME,  # was "unexpected InvalidURL", from httpx
        "host is no valid domain name (Invalid IPv4 address: '10.1.1.300')",
    ),
    (
        "feeds discover a host that is no UTF-8",
        ("feeds", "discover", os.fsdecode(b"http://news\xff.example/")),
        {},
        USAGE,
        "is not an http(s) URL: not UTF-8",
    ),
    ("reprocess without --since", ("reprocess",), {}, USAGE, "--since"),
    ("reprocess --since yesterday", ("reprocess", "--since", "yesterday"), {}, USAGE, "ISO date"),
    (
        "ingest-warc a missing file",
        ("ingest-warc", "{work}/missing.warc.gz"),
        {},
        USAGE,
        "no such file",
    ),
    (
        "ingest-warc a non-WARC file",
        ("ingest-warc", "{work}/page.html"),
        {},
        USAGE,
        "page.html: not a WARC file: it begins b'<html><bod', not with a WARC/1.x header",
    ),
    (
        "extract a page past WIREHOUSE_MAX_BODY_BYTES",
        ("extract", "{work}/page.html"),
        {"WIREHOUSE_MAX_BODY_BYTES": "16"},
        USAGE,  # read whole: `extract /dev/zero` took all the machine's memory
        "page.html: larger than 16 bytes, the most a page may be (WIREHOUSE_MAX_BODY_BYTES)",
    ),
    (
        "extract a .gz inflating past WIREHOUSE_MAX_BODY_BYTES",
        ("extract", "{work}/wide.html.gz"),
        {"WIREHOUSE_MAX_BODY_BYTES": "64"},
        USAGE,
        "wide.html.gz: inflates to more than 64 bytes, the most a page may be",
    ),
    (
        "extract a gzipped WARC",
        ("extract", "{work}/whole.warc.gz"),
        {},
        USAGE,  # was its records' text as one page's, and status 0
        "whole.warc.gz: a WARC file, not an HTML page: load it with `wirehouse ingest-warc`",
    ),
    ("extract a WARC", ("extract", "{work}/status.warc"), {}, USAGE, "status.warc: a WARC file"),
    (
        "extract a WARC past WIREHOUSE_MAX_BODY_BYTES",
        ("extract", "{work}/whole.warc.gz"),
        {"WIREHOUSE_MAX_BODY_BYTES": "64"},
        USAGE,  # what the file is comes before its size: a page's limit says nothing of a WARC
        "whole.warc.gz: a WARC file, not an HTML page",
    ),
    (
        "cluster a line past WIREHOUSE_MAX_BODY_BYTES",
        ("cluster", "{work}/bad.jsonl"),
        {"WIREHOUSE_MAX_BODY_BYTES": "16"},
        USAGE,  # read to its end: `cluster /dev/zero` took all the machine's memory
        "bad.jsonl line 1: longer than 16 characters, the most a record may be",
    ),
    (
        "cluster past WIREHOUSE_CLUSTER_MAX_RECORDS",
        ("cluster", "{work}/three.jsonl"),
        {"WIREHOUSE_CLUSTER_MAX_RECORDS": "2"},
        USAGE,  # held in memory to the end of the input: an endless stream grew without bound
        "three.jsonl: more than 2 records, the most `cluster` holds at once",
    ),
    (
        "cluster past WIREHOUSE_CLUSTER_MAX_CHARS",
        ("cluster", "{work}/three.jsonl"),
        {"WIREHOUSE_CLUSTER_MAX_CHARS": "150"},
        USAGE,
        "three.jsonl: more than 150 characters, the most `cluster` holds at once",
    ),
    (
        "ingest-warc /dev/zero",
        ("ingest-warc", "/dev/zero"),
        {},
        USAGE,  # warcio read the zeros for the end of a line: it never ended
        "/dev/zero: not a WARC file: it begins b'\\x00",
    ),
    (
        "ingest-warc a file of a WARC header's first line",
        ("ingest-warc", "{work}/first-line.warc"),
        {},
        USAGE,  # was "the file is empty: no WARC records"
        "first-line.warc@0: the file ends inside a record: truncated",
    ),
    ("events --since yesterday", ("events", "--since", "yesterday"), {}, USAGE, "ISO date"),
    (
        "ingest-warc an empty file",
        ("ingest-warc", "{work}/empty.html"),
        {},
        USAGE,  # was "1 WARC files, 0 pages: ..." and status 0
        "empty.html: the file is empty: no WARC records",
    ),
    (
        "ingest-warc /dev/null",
        ("ingest-warc", "/dev/null"),
        {},
        USAGE,  # a file of no size to tell, as a pipe: was "1 WARC file, 0 pages" and status 0
        "/dev/null: the file is empty: no WARC records",
    ),
    (
        "ingest-warc a response of status 2OO",
        ("ingest-warc", "{work}/status.warc"),
        {},
        USAGE,  # was "unexpected ValueError: invalid literal for int() with base 10: '2OO'", 1
        "status.warc@0: malformed WARC record (bad HTTP status '2OO')",
    ),
    (
        "ingest-warc a WARC cut short",
        ("ingest-warc", "{work}/cut.warc.gz"),
        {},
        USAGE,  # was "1 page: 1 new", an article of the page's first bytes, and status 0
        "cut.warc.gz@",
    ),
    (
        "ingest-warc a gzip cut short after its header",
        ("ingest-warc", "{work}/header.warc.gz"),
        {},
        USAGE,  # inflated to nothing, it was "the file is empty: no WARC records"
        "header.warc.gz: the file ends inside a record: truncated",
    ),
    (
        "ingest-warc a gzip of a blank line",
        ("ingest-warc", "{work}/empty.html.gz"),
        {},
        USAGE,  # warcio reads blank lines as a record of no type: was "0 pages" and status 0
        "empty.html.gz: the file is empty: no WARC records",
    ),
    (
        "events --since a moment after 9999 in UTC",
        ("events", "--since", "9999-12-31T23:59-14:00"),
        {},
        USAGE,  # was the table's header, then "unexpected OverflowError: date value out of range"
        "is out of range: in UTC it falls outside the years 1 to 9999",
    ),
    (
        "demo run from a port too high for every site",
        ("demo", "run", "--port", "65535"),
        {},
        RUNTIME,  # was "...beyond 65535: give a lower first port: give another first port ..."
        "need ports 65535-65538, beyond 65535: give another first port with --port (0: free",
    ),
    ("events --limit 0", ("events", "--limit", "0"), {}, USAGE, "at least 1"),
    ("articles --event abc", ("articles", "--event", "abc"), {}, USAGE, "whole number"),
    ("articles of an unknown event", ("articles", "--event", "999"), {}, USAGE, "no event"),
    ("demo run --port http", ("demo", "run", "--port", "http"), {}, USAGE, "port number"),
    ("demo run --port 70000", ("demo", "run", "--port", "70000"), {}, USAGE, "0-65535"),
    (
        "demo serve on a busy port",
        ("demo", "serve", "--port", "{busy}"),
        {},
        RUNTIME,
        "give another first port with --port",
    ),
    (
        "WIREHOUSE_DB_URL=nonsense",
        ("stats",),
        {"WIREHOUSE_DB_URL": "nonsense"},
        USAGE,
        "WIREHOUSE_DB_URL",
    ),
    (
        "WIREHOUSE_DB_URL blank",
        ("stats",),
        {"WIREHOUSE_DB_URL": " "},
        USAGE,
        # was "not a database URL: " with nothing after the colon
        "WIREHOUSE_DB_URL=' ' begins or ends with white space",
    ),
    (
        "WIREHOUSE_DB_URL with a port that is no number",
        ("stats",),
        {"WIREHOUSE_DB_URL": "postgresql://wh@127.0.0.1:pg/wh"},
        USAGE,
        "WIREHOUSE_DB_URL: not a database URL",
    ),
    (
        "WIREHOUSE_DB_URL with a port beyond 65535",
        ("stats",),
        {"WIREHOUSE_DB_URL": "postgresql://wh@127.0.0.1:65536/wh"},
        USAGE,  # was status 1: "warehouse unavailable at ...: invalid port number"
        "WIREHOUSE_DB_URL: not a database URL: 'postgresql://wh@127.0.0.1:65536/wh': port 65536",
    ),
    (
        "WIREHOUSE_DB_URL with port 0",
        ("db", "upgrade"),
        {"WIREHOUSE_DB_URL": "postgresql://wh@127.0.0.1:0/wh"},
        USAGE,  # was a connection to port 5432, libpq's default
        "port 0 is no port number (1-65535)",
    ),
    (
        "WIREHOUSE_DB_URL with an unclosed IPv6 bracket",
        ("events",),
        {"WIREHOUSE_DB_URL": "postgresql://wh@[::1/wh"},
        USAGE,
        "WIREHOUSE_DB_URL: not a database URL",
    ),
    (
        "WIREHOUSE_DB_URL of SQLite naming no file, read",
        ("stats",),
        {"WIREHOUSE_DB_URL": "sqlite:///"},
        USAGE,
        "names no database file",
    ),
    (
        "WIREHOUSE_DB_URL of SQLite in memory, upgraded",
        ("db", "upgrade"),
        {"WIREHOUSE_DB_URL": "sqlite:///:memory:"},
        USAGE,
        "names no database file",
    ),
    (
        "WIREHOUSE_DB_URL with a driver no one ships",
        ("stats",),
        {"WIREHOUSE_DB_URL": "postgresql+nosuchdriver://wh@127.0.0.1:1/wh"},
        USAGE,  # was "unexpected NoSuchModuleError: Can't load plugin", status 1
        "WIREHOUSE_DB_URL: unsupported postgresql driver 'nosuchdriver'",
    ),
    (
        "WIREHOUSE_DB_URL with an async driver",
        ("events",),
        {"WIREHOUSE_DB_URL": "postgresql+asyncpg://wh@127.0.0.1:1/wh"},
        USAGE,  # was a RuntimeWarning's three lines, then "greenlet_spawn has not been called"
        "use postgresql+psycopg:// or postgresql://",
    ),
    (
        "WIREHOUSE_DB_URL of another engine",
        ("stats",),
        {"WIREHOUSE_DB_URL": "mysql://db/x"},
        USAGE,
        "unsupported",
    ),
    (
        "a number setting not a number",
        ("stats",),
        {"WIREHOUSE_LOAD_BATCH_SIZE": "many"},
        USAGE,
        "WIREHOUSE_LOAD_BATCH_SIZE",
    ),
    (
        "WIREHOUSE_FEEDS missing",
        ("run",),
        {"WIREHOUSE_FEEDS": "{work}/missing.opml"},
        USAGE,
        "WIREHOUSE_FEEDS",
    ),
    (
        "WIREHOUSE_FEEDS a directory",
        ("run",),
        {"WIREHOUSE_FEEDS": "{work}/empty"},
        USAGE,
        "empty, a directory: name the feed list file",
    ),
    (
        "data directory not writable",
        ("run",),
        {"WIREHOUSE_DATA_DIR": "{work}/page.html/data", "WIREHOUSE_DB_URL": "{warehouse}"},
        USAGE,
        "WIREHOUSE_DATA_DIR",
    ),
    (
        "demo with a data directory not writable",
        ("demo", "run"),
        {"WIREHOUSE_DATA_DIR": "{work}/page.html/data"},
        USAGE,
        "WIREHOUSE_DATA_DIR",
    ),
    (
        "stats without a warehouse",
        ("stats",),
        {"WIREHOUSE_DATA_DIR": "{work}/empty"},
        RUNTIME,
        "wirehouse db upgrade",
    ),
    (
        "feeds list without a warehouse",
        ("feeds", "list"),
        {"WIREHOUSE_DATA_DIR": "{work}/empty"},
        RUNTIME,
        "wirehouse db upgrade",
    ),
    (
        "stats with a data directory below a file",
        ("stats",),
        {"WIREHOUSE_DATA_DIR": "{work}/page.html/data"},
        RUNTIME,
        "page.html is a file, not a directory",
    ),
    (
        "events on an unmigrated warehouse",
        ("events",),
        {"WIREHOUSE_DB_URL": "sqlite:///{work}/unmigrated.db"},
        RUNTIME,
        "schema revision",
    ),
    (
        "stats on a warehouse path that is a directory",
        ("stats",),
        {"WIREHOUSE_DB_URL": "sqlite:///{work}/empty"},
        RUNTIME,
        "empty is a directory, not a database file",
    ),
    (
        "db upgrade of a warehouse path that is a directory",
        ("db", "upgrade"),
        {"WIREHOUSE_DB_URL": "sqlite:///{work}/empty"},
        RUNTIME,
        "empty is a directory, not a database file",
    ),
    (
        "stats on a warehouse a newer version migrated",
        ("stats",),
        {"WIREHOUSE_DB_URL": "sqlite:///{work}/newer.db"},
        RUNTIME,
        "revision 0999_from_a_newer_version, which this Wirehouse does not know",
    ),
    (
        "db upgrade of a warehouse a newer version migrated",
        ("db", "upgrade"),
        {"WIREHOUSE_DB_URL": "sqlite:///{work}/newer.db"},
        RUNTIME,
        "migrated by a newer version, use that one",
    ),
    (
        "feeds export from a warehouse a newer version migrated",
        ("feeds", "export", "-"),
        {"WIREHOUSE_DB_URL": "sqlite:///{work}/newer.db"},
        RUNTIME,
        "which this Wirehouse does not know",
    ),
    (
        "WIREHOUSE_DB_URL with an sslmode libpq does not take",
        ("stats",),
        {"WIREHOUSE_DB_URL": f"{PG_NOWHERE}?sslmode=bogus"},
        USAGE,  # was status 1: "warehouse unavailable at ...: invalid sslmode value"
        'invalid sslmode value: "bogus"',
    ),
    (
        "stats with a PGSSLMODE libpq does not take",
        ("stats",),
        {"WIREHOUSE_DB_URL": PG_NOWHERE, "PGSSLMODE": "bogus"},
        USAGE,  # read with psycopg alone (a plain URL), worded as through SQLAlchemy
        'or a PG* environment variable\'s): invalid sslmode value: "bogus"',
    ),
    (
        "WIREHOUSE_DB_URL with a connection option libpq does not know",
        ("db", "upgrade"),
        {"WIREHOUSE_DB_URL": f"{PG_NOWHERE}?sslmod=require"},
        USAGE,
        'environment variable\'s): invalid connection option "sslmod"',
    ),
    (
        "WIREHOUSE_DB_URL with a connect_timeout that is no number",
        ("feeds", "list"),
        {"WIREHOUSE_DB_URL": f"{PG_NOWHERE}?connect_timeout=soon"},
        USAGE,
        "bad value for connect_timeout",
    ),
    (
        "stats with a keepalives that is no integer",
        ("stats",),
        {"WIREHOUSE_DB_URL": f"{PG_NOWHERE}?keepalives=often"},
        USAGE,  # was status 1: libpq reads it only on trying the server and names the attempt
        "connection option keepalives must be an integer, got 'often'",
    ),
    (
        "stats with a negative keepalives_idle",
        ("stats",),
        {"WIREHOUSE_DB_URL": f"{PG_NOWHERE}?keepalives_idle=-1"},
        USAGE,  # was status 1: Linux refuses it as libpq tries the server, named as the attempt
        "connection option keepalives_idle must be 1-32767 on Linux, got -1",
    ),
    (
        "db upgrade with a tcp_user_timeout past a C int",
        ("db", "upgrade"),
        {"WIREHOUSE_DB_URL": f"{PG_NOWHERE}?tcp_user_timeout=3000000000"},
        USAGE,
        "connection option tcp_user_timeout must be an integer, got '3000000000'",
    ),
    (
        "stats on a PostgreSQL socket directory with no server",
        ("stats",),
        {"WIREHOUSE_DB_URL": "postgresql+psycopg://postgres@/nowhere?host=/nonexistent"},
        RUNTIME,  # libpq refuses it before any poll too, but it names the attempt
        "nowhere?host=%2Fnonexistent: connection is bad: connection to server on socket",
    ),
    (
        "stats on an unreachable PostgreSQL",
        ("stats",),
        {"WIREHOUSE_DB_URL": PG_NOWHERE},
        RUNTIME,
        "warehouse unavailable",
    ),
    (
        "extract --url not a URL",
        ("extract", "--url", "orrin dot example", "{work}/page.html"),
        {},
        USAGE,
        "http(s) URL",
    ),
    ("cluster a title that is a number", ("cluster", "{work}/title5.jsonl"), {}, USAGE, "title"),
    ("cluster an id that is an object", ("cluster", "{work}/idobj.jsonl"), {}, USAGE, "id must"),
    ("cluster a text that is a list", ("cluster", "{work}/textlist.jsonl"), {}, USAGE, "text"),
    (
        "ingest-warc a malformed WARC record",
        ("ingest-warc", "{work}/nouri.warc"),
        {},
        USAGE,
        "malformed WARC record (ArchiveLoadFailed: a response record without WARC-Target-URI)",
    ),
    (
        "ingest-warc a page of one line",  # was "1 WARC file, 0 pages" (warcio read it as ARC)
        ("ingest-warc", "{work}/oneline.html"),
        {},
        USAGE,
        "oneline.html: not a WARC file: it begins b'<p>Orrin f'",
    ),
    (
        "ingest-warc without a warehouse",
        ("ingest-warc", "{work}/nouri.warc"),
        {"WIREHOUSE_DATA_DIR": "{work}/empty"},
        RUNTIME,
        "wirehouse db upgrade",
    ),
    (
        "reprocess without a warehouse",
        ("reprocess", "--since", "2026-11-01"),
        {"WIREHOUSE_DATA_DIR": "{work}/empty"},
        RUNTIME,
        "wirehouse db upgrade",
    ),
    (
        "reprocess --quarantined on an unmigrated warehouse",
        ("reprocess", "--quarantined"),
        {"WIREHOUSE_DB_URL": "sqlite:///{work}/unmigrated.db"},
        RUNTIME,
        "schema revision",
    ),
    ("demo run past the last port", ("demo", "run", "--port", "65534"), {}, RUNTIME, "65535"),
    (
        "feeds discover on loopback with the SSRF guard on",
        ("feeds", "discover", "http://127.0.0.1:{busy}/"),
        {},
        RUNTIME,
        "SSRF guard",
    ),
    ("serve on a busy port", ("serve", "--port", "{busy}"), {}, RUNTIME, "cannot listen"),
    ("push with nothing to do", ("push",), {}, USAGE, "push needs"),
    (
        "an event window of 1e15 days",
        ("cluster", "{work}/ok.jsonl"),
        {"WIREHOUSE_EVENT_WINDOW_DAYS": "1e15"},
        USAGE,  # was "unexpected OverflowError: Python int too large to convert to C int"
        "WIREHOUSE_EVENT_WINDOW_DAYS must be at most a century",
    ),
    (
        "a load batch of 10**20 articles",
        ("run",),
        {"WIREHOUSE_LOAD_BATCH_SIZE": "100000000000000000000"},
        USAGE,  # was "unexpected OverflowError: ... convert to SQLite INTEGER" after fetching
        "WIREHOUSE_LOAD_BATCH_SIZE must be at most 2**53",
    ),
    ("push --listen without Redis", ("push", "--listen"), {}, USAGE, "WIREHOUSE_PUSH_REDIS_URL"),
    ("db without subcommand", ("db",), {}, USAGE, "required: db_command"),
    (
        "a boolean setting not a boolean",
        ("stats",),
        {"WIREHOUSE_EVENT_ENTITIES": "maybe"},
        USAGE,
        "WIREHOUSE_EVENT_ENTITIES",
    ),
    (
        "stats on a file that is no database",
        ("stats",),
        {"WIREHOUSE_DB_URL": "sqlite:///{work}/page.html"},
        RUNTIME,
        "not a database",
    ),
    (
        "db upgrade with a data directory that is a file",
        ("db", "upgrade"),
        {"WIREHOUSE_DATA_DIR": "{work}/page.html"},
        USAGE,
        "page.html is not a writable directory",
    ),
    (  # root passes every file mode, but /proc takes no new entry: was status 1, after a
        # warehouse was tried ("cannot create its directory ([Errno 2] ...")
        "db upgrade with a data directory under /proc",
        ("db", "upgrade"),
        {"WIREHOUSE_DATA_DIR": "/proc/wirehouse-data"},
        USAGE,
        "WIREHOUSE_DATA_DIR=/proc/wirehouse-data is not a writable directory",
    ),
    (  # was SQLite's "unable to open database file" as root
        "db upgrade of a warehouse file under /proc",
        ("db", "upgrade"),
        {"WIREHOUSE_DB_URL": "sqlite:////proc/wirehouse.db"},
        RUNTIME,
        "warehouse unavailable at sqlite:////proc/wirehouse.db: cannot create it",
    ),
    (  # was "No such file or directory: /proc/feeds.opml", status 1, as root
        "feeds export to a file under /proc",
        ("feeds", "export", "/proc/feeds.opml"),
        {},
        USAGE,
        "cannot write /proc/feeds.opml: ",
    ),
    (  # was "unexpected RuntimeError: Symlink loop from ...", status 1
        "stats with a data directory that is a symlink loop",
        ("stats",),
        {"WIREHOUSE_DATA_DIR": "{work}/loop"},
        USAGE,
        "/loop is not a usable directory: ",
    ),
    (  # was "File exists: {work}/dangling", status 1
        "demo run with a data directory that is a dangling symlink",
        ("demo", "run", "--port", "0"),
        {"WIREHOUSE_DATA_DIR": "{work}/dangling"},
        USAGE,
        "/dangling is a symbolic link that leads nowhere",
    ),
    (
        "run with /proc as its data directory",
        ("run",),
        {"WIREHOUSE_DATA_DIR": "/proc"},
        USAGE,
        "WIREHOUSE_DATA_DIR=/proc is not a writable directory",
    ),
    (
        "db upgrade where no directory can be made",
        ("db", "upgrade"),
        {"WIREHOUSE_DB_URL": "sqlite:///{work}/page.html/x.db"},
        RUNTIME,
        "cannot create",
    ),
    (
        "WIREHOUSE_DATA_DIR empty",
        ("stats",),
        {"WIREHOUSE_DATA_DIR": ""},
        USAGE,
        "DATA_DIR is empty",
    ),
    (
        "WIREHOUSE_PUSH_REDIS_URL not a Redis URL",
        ("push", "--listen"),
        {"WIREHOUSE_PUSH_REDIS_URL": "localhost:6379"},
        USAGE,
        "WIREHOUSE_PUSH_REDIS_URL must start with redis://",
    ),
    (
        "events --limit past the largest integer",
        ("events", "--limit", "99999999999999999999"),
        {},
        USAGE,
        "too large",
    ),
    (
        "articles --event past the largest integer",
        ("articles", "--event", "99999999999999999999"),
        {},
        USAGE,
        "too large",
    ),
    (
        "feeds discover an unclosed IPv6 address",
        ("feeds", "discover", "http://[::1"),
        {},
        USAGE,
        "not an http(s) URL: Invalid IPv6",
    ),
    (
        "WIREHOUSE_SERVE_HOST empty",
        ("stats",),
        {"WIREHOUSE_SERVE_HOST": ""},
        USAGE,
        "SERVE_HOST is empty",
    ),
    ("serve --host empty", ("serve", "--host", ""), {}, USAGE, "--host: empty"),
    (
        "ingest-warc a binary file",
        ("ingest-warc", "{work}/noise.warc.gz"),
        {},
        USAGE,
        "noise.warc.gz: not a WARC file: it begins b'\\x00\\x01",  # not warcio's quote of it
    ),
    (
        "feeds discover a port past 65535",
        ("feeds", "discover", "http://orrin.example:99999/"),
        {},
        USAGE,
        "Port out of range",
    ),
    (
        "WIREHOUSE_ALERT_WEBHOOK_URL without a scheme",
        ("stats",),
        {"WIREHOUSE_ALERT_WEBHOOK_URL": "hooks.example/services/fennick"},
        USAGE,
        "WIREHOUSE_ALERT_WEBHOOK_URL must be an http(s) URL",
    ),
    (
        "WIREHOUSE_ALERT_WEBHOOK_URL naming no host, its password masked",
        ("run",),
        {"WIREHOUSE_ALERT_WEBHOOK_URL": "https://alerts:hunter2@/hook"},
        USAGE,
        "got 'https://alerts:***@/hook'",
    ),
    (
        "push --listen --check on a heartbeat never written",
        ("push", "--listen", "--check"),
        {"WIREHOUSE_PUSH_LISTEN_HEARTBEAT": "{work}/no-heartbeat"},
        RUNTIME,
        "no listener heartbeat at",
    ),
    (
        "push --listen --check on a heartbeat that is a directory",
        ("push", "--listen", "--check"),
        {"WIREHOUSE_PUSH_LISTEN_HEARTBEAT": "{work}/empty"},
        RUNTIME,
        "is a directory, not a listener's heartbeat",
    ),
    (
        "push --listen with its heartbeat a directory",
        ("push", "--listen"),
        {
            "WIREHOUSE_PUSH_LISTEN_HEARTBEAT": "{work}/empty",
            "WIREHOUSE_PUSH_REDIS_URL": "redis://127.0.0.1:1/0",
        },
        USAGE,
        "/empty is a directory: name the heartbeat file",
    ),
    (
        "run with an archive directory that is a file",
        ("run",),
        {"WIREHOUSE_DATA_DIR": "{work}/archive-a-file"},
        USAGE,  # was status 1 after the feeds were fetched: "Not a directory: DATA/archive/RUN"
        "its archive directory /",  # then the path: where pytest put it
    ),
    (
        "demo serve with an archive directory that is a file",
        ("demo", "serve"),
        {"WIREHOUSE_DATA_DIR": "{work}/archive-a-file"},
        USAGE,
        "archive-a-file/archive is not a writable directory: ",
    ),
    (
        "stats with the data directory a device",
        ("stats",),
        {"WIREHOUSE_DATA_DIR": "/dev/null"},
        RUNTIME,  # was "run `wirehouse db upgrade` to create it", which refuses /dev/null
        "no warehouse at /dev/null/warehouse.db: /dev/null is not a directory",
    ),
    (
        "push --listen with its heartbeat in a missing directory",  # checked before the warehouse
        ("push", "--listen"),
        {
            "WIREHOUSE_PUSH_LISTEN_HEARTBEAT": "{work}/gone/heartbeat",
            "WIREHOUSE_PUSH_REDIS_URL": "redis://127.0.0.1:1/0",
            "WIREHOUSE_DATA_DIR": "{work}/empty",
        },
        USAGE,
        "/heartbeat cannot be written: no directory /",
    ),
]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Input files of every kind of wrong, and a migrated SQLite warehouse in ``data/``."""
    work = tmp_path_factory.mktemp("cli-errors")
    (work / "page.html").write_text("<html><body><p>Not much here.</p></body></html>")
    (work / "oneline.html").write_text("<p>Orrin ferry runs again after the gale, crews say</p>")
    (work / "broken.html.gz").write_bytes(gzip.compress(b"<html></html>")[:12])
    (work / "empty.html").write_bytes(b"")
    (work / "first-line.warc").write_bytes(b"WARC/1.0\r\n")
    (work / "wide.html.gz").write_bytes(gzip.compress(b"<p>" + b" " * 4096 + b"</p>"))
    (work / "empty.html.gz").write_bytes(gzip.compress(b" \n"))
    (work / "header.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\n")[:10])  # gzip's header
    (work / "empty.yaml").write_text("\n")
    (work / "archive-a-file").mkdir()
    (work / "archive-a-file" / "archive").write_text("")
    (work / "blank.jsonl").write_text("\n  \n\n")
    (work / "nofeeds.opml").write_text(
        '<opml version="2.0"><body><outline text="News"/></body></opml>'
    )
    (work / "bad.jsonl").write_text(
        '{"id": 1, "title": "a", "source": "s", "published_at": "2026-11-20"}\n{"id": 2,\n'
    )
    (work / "yesterday.jsonl").write_text(
        '{"id": 1, "title": "Flood", "source": "Post", "published_at": "yesterday"}\n'
    )
    (work / "list.jsonl").write_text("[1, 2, 3]\n")
    record = '{"id": 7, "title": "Flood", "source": "Post", "published_at": "2026-11-20"}\n'
    (work / "ok.jsonl").write_text(record)
    (work / "nosource.jsonl").write_text(  # the bad record after a good one and a blank line
        record + "\n" + '{"id": 1, "title": "Flood", "published_at": "2026-11-20T10:00:00"}\n'
    )
    (work / "year10000.jsonl").write_text(record.replace("2026-11-20", "9999-12-31T23:00-14:00"))
    (work / "lastday.jsonl").write_text(record.replace("2026-11-20", "9999-12-31"))
    (work / "twice.jsonl").write_text(record * 2)
    packed = gzip.compress(record.encode())
    (work / "cut.jsonl.gz").write_bytes(packed[:-10])
    (work / "crc.jsonl.gz").write_bytes(packed[:-8] + bytes(4) + packed[-4:])  # CRC-32 zeroed
    (work / "three.jsonl").write_text("".join(record.replace("7", n, 1) for n in "123"))
    (work / "latin1.jsonl").write_bytes(record.replace("Flood", "Fl\u00f6od").encode("latin-1"))
    (work / "title5.jsonl").write_text(record.replace('"Flood"', "5"))
    (work / "idobj.jsonl").write_text(record.replace("7", '{"n": 7}', 1))
    (work / "textlist.jsonl").write_text(record.replace('"title"', '"text": ["a"], "title"'))
    # a response record without WARC-Target-URI (warcio itself fails on it with AttributeError)
    (work / "nouri.warc").write_bytes(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nshort\r\n\r\n"
    )
    (work / "broken.opml").write_text("<opml><body><outline")
    long_url = "https://orrin.example/feeds/" + "deep/" * 500 + "rss.xml"
    (work / "long.opml").write_text(
        f'<opml version="2.0"><body><outline text="Orrin" xmlUrl="{long_url}"/></body></opml>'
    )
    (work / "noise.warc.gz").write_bytes(bytes(range(256)) * 4)
    with ArchiveWriter(work / "whole.warc.gz") as writer:  # then cut short, as a download can be
        writer.write(
            FetchResult(
                url="https://orrin.example/gale",
                final_url="https://orrin.example/gale",
                status_code=200,
                headers=(("Content-Type", "text/html"),),
                body=b"<p>" + b"The gale closed the Orrin ferry for a third day. " * 30 + b"</p>",
                fetched_at=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
                elapsed_ms=5,
            )
        )
    whole = (work / "whole.warc.gz").read_bytes()
    gale = b"HTTP/1.1 2OO OK\r\nContent-Type: text/html\r\n\r\n<p>Gale warning.</p>"
    (work / "status.warc").write_bytes(  # a foreign writer's status line, "2OO" for 200
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://orrin.example/w\r\n"
        b"WARC-Date: 2026-11-20T08:00:00Z\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n"
        % (len(gale), gale)
    )
    (work / "cut.warc.gz").write_bytes(whole[: len(whole) - 40])
    (work / "unmigrated.db").write_bytes(b"")
    (work / "empty").mkdir()
    (work / "loop").symlink_to(work / "loop")
    (work / "dangling").symlink_to(work / "nothing-here")
    upgrade(f"sqlite:///{work / 'data' / 'warehouse.db'}")
    upgrade(f"sqlite:///{work / 'newer.db'}")
    with sqlite3.connect(work / "newer.db") as newer:  # as a later release's migration leaves it
        newer.execute("UPDATE alembic_version SET version_num = '0999_from_a_newer_version'")
    return work


@pytest.fixture(scope="module")
def busy_port() -> Iterator[int]:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def _fill(text: str, work: Path, busy: int) -> str:
    warehouse = f"sqlite:///{work / 'data' / 'warehouse.db'}"
    return text.format(work=work, busy=busy, warehouse=warehouse)


def _environment(data_dir: Path) -> dict[str, str]:
    """This process's environment without its WIREHOUSE_* settings, data in ``data_dir``, and
    no progress line (on a loaded machine a slow command would add one to its stderr)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREHOUSE_")}
    env["WIREHOUSE_DATA_DIR"] = str(data_dir)
    env["WIREHOUSE_PROGRESS_INTERVAL"] = "3600"
    return env


def _case_env(case: tuple, work: Path, busy: int) -> dict[str, str]:
    """The case's WIREHOUSE_* variables: its own, and the scratch directory's ``data/``."""
    env = {"WIREHOUSE_DATA_DIR": str(work / "data")}
    env.update({name: _fill(value, work, busy) for name, value in case[2].items()})
    return env


def _case_args(case: tuple, work: Path, busy: int) -> list[str]:
    return [_fill(a, work, busy) for a in case[1]]


def _wirehouse(
    args: list[str], env: dict[str, str], cwd: Path | None = None, timeout: int = 240
) -> subprocess.CompletedProcess[str]:
    """``wirehouse ARGS`` as a process of its own, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "wirehouse.cli", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def results(work: Path, busy_port: int) -> dict[str, CliOutcome]:
    """Every case's outcome by name."""
    return {
        case[0]: call_wirehouse(
            _case_args(case, work, busy_port), _case_env(case, work, busy_port), cwd=work
        )
        for case in CASES
    }


@pytest.mark.parametrize(
    ("name", "status", "expected"),
    [pytest.param(case[0], case[3], case[4], id=case[0]) for case in CASES],
)
def test_bad_invocation_ends_in_one_line_and_its_status(
    results: dict[str, CliOutcome], name: str, status: int, expected: str
) -> None:
    result = results[name]
    lines = result.stderr.strip().splitlines()
    assert lines, f"no error line; stdout: {result.stdout!r}"
    *usage, error = lines
    assert all(line.startswith(("usage:", " ")) for line in usage), result.stderr
    assert error.startswith("wirehouse") and ": error: " in error, result.stderr
    assert expected in error, error
    assert result.returncode == status, result.stderr


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="no /dev/full here")
def test_an_export_the_disk_cannot_hold_names_its_file(work: Path) -> None:
    """A write that fails (a full disk: /dev/full) raises an OSError naming no file."""
    result = call_wirehouse(
        ["feeds", "export", "/dev/full"], {"WIREHOUSE_DATA_DIR": str(work / "data")}, cwd=work
    )
    assert result.stderr.splitlines() == ["wirehouse: error: No space left on device: /dev/full"], (
        result.stderr
    )
    assert result.returncode == RUNTIME


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="no /dev/full here")
@pytest.mark.parametrize("command", ["run", "serve"])
def test_a_demo_feed_list_the_disk_cannot_hold_names_its_file(tmp_path: Path, command: str) -> None:
    """`demo run` on a full disk ended in "wirehouse: error: No space left on device" alone."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "demo-feeds.opml").symlink_to("/dev/full")
    result = call_wirehouse(
        ["demo", command, "--port", "0"], {"WIREHOUSE_DATA_DIR": str(data)}, cwd=tmp_path
    )
    named = {"run": data / "demo-feeds.opml", "serve": Path("/dev/full")}[command]  # resolved
    assert result.stderr.splitlines()[-1:] == [
        f"wirehouse: error: No space left on device: {named}"
    ], result.stderr
    assert result.returncode == RUNTIME


@pytest.mark.parametrize(("errno_", "status"), [(errno.ENOENT, USAGE), (errno.ENOSPC, RUNTIME)])
def test_a_data_directory_taking_no_new_entry_is_refused_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errno_: int, status: int
) -> None:
    """Where nothing can be made (as /proc, whatever the mode says) the data directory is what
    was given wrong; on a full disk the work failed: either way one line before any work, and
    the directory tried is left as it was."""
    made = []

    def refuse(path: Path, *args: object, **kwargs: object) -> None:
        made.append(path)
        raise OSError(errno_, os.strerror(errno_), str(path))

    monkeypatch.setattr(Path, "mkdir", refuse)
    result = call_wirehouse(
        ["db", "upgrade"], {"WIREHOUSE_DATA_DIR": str(tmp_path / "data")}, cwd=tmp_path
    )
    assert [path.parent for path in made] == [tmp_path]
    reason = os.strerror(errno_)
    assert result.stderr.splitlines() == [
        {
            USAGE: f"wirehouse: error: WIREHOUSE_DATA_DIR={tmp_path / 'data'} is not a writable "
            f"directory: nothing can be created in {tmp_path} ({reason.lower()})",
            RUNTIME: f"wirehouse: error: {reason}: {tmp_path}",
        }[status]
    ], result.stderr
    assert result.returncode == status
    assert list(tmp_path.iterdir()) == []


def test_a_heartbeat_where_nothing_can_be_created_is_refused(work: Path) -> None:
    """Root passes every mode, but /proc takes no new entry: `push --listen` listened on (here
    retrying an unreachable Redis for good), warning at every beat it could not write."""
    env = _environment(work / "data")
    env["WIREHOUSE_PUSH_LISTEN_HEARTBEAT"] = "/proc/wirehouse-heartbeat"
    env["WIREHOUSE_PUSH_REDIS_URL"] = "redis://127.0.0.1:1/0"
    result = _wirehouse(["push", "--listen"], env, work, timeout=120)
    assert result.stderr.splitlines()[-1].startswith(
        "wirehouse: error: WIREHOUSE_PUSH_LISTEN_HEARTBEAT=/proc/wirehouse-heartbeat cannot be "
        "written: "
    ), result.stderr
    assert result.returncode == USAGE


@pytest.mark.parametrize(
    "args",
    [("lease",), ("lease", "--release"), ("push", "https://orrin.example/a"),
     ("reprocess", "--quarantined")],
    ids=" ".join,
)
def test_a_file_that_holds_no_warehouse_is_left_as_it_was(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """The commands that open the warehouse through SQLAlchemy set WAL on its first connection,
    before its revision was read: an empty file became a 4 KiB database, and another program's
    database was switched to WAL for good, by a command that then said "schema revision none"."""
    empty, foreign = tmp_path / "empty.db", tmp_path / "foreign.db"
    empty.write_bytes(b"")
    with contextlib.closing(sqlite3.connect(foreign)) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
        connection.commit()
    before = foreign.read_bytes()
    for warehouse in (empty, foreign):
        result = call_wirehouse(
            args, {"WIREHOUSE_DB_URL": f"sqlite:///{warehouse}"}, cwd=tmp_path
        )
        expected = (f"wirehouse: error: warehouse sqlite:///{warehouse} is at schema revision "
                    f"none, not {head_revision()}: run `wirehouse db upgrade`")
        assert result.stderr.splitlines() == [expected], result.stderr
        assert result.returncode == RUNTIME
    assert empty.read_bytes() == b""
    assert foreign.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["empty.db", "foreign.db"]


def _ferry_warc(warc: Path) -> Path:
    """A WARC file at ``warc`` holding one article page."""
    page = (
        "<html><head><title>Ferry to Brancaster resumes after storm</title></head><body>"
        "<article><h1>Ferry to Brancaster resumes after storm</h1>"
        + "<p>The morning ferry left the harbour on time for the first day this week, its "
        "skipper Ilse Marrow said, after the storm had kept every boat in port.</p>"
        * 4
        + "</article></body></html>"
    ).encode()
    url = "https://brancaster-tide.example/ferry"
    with ArchiveWriter(warc) as writer:
        writer.write(
            FetchResult(
                url=url,
                final_url=url,
                status_code=200,
                headers=(("Content-Type", "text/html; charset=utf-8"),),
                body=page,
                fetched_at=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
                elapsed_ms=5,
            )
        )
    return warc


def test_ingest_warc_reads_a_pipe(work: Path, tmp_path: Path) -> None:
    """`wirehouse ingest-warc <(zcat ...)`: a pipe has no size, and was refused as an empty
    file ("the file is empty: no WARC records")."""
    warc = _ferry_warc(tmp_path / "ferry.warc.gz")
    result = _ingest_warc_from_a_pipe(tmp_path, warc.read_bytes())
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 WARC file, 1 page: 1 new,"), result.stdout


_FERRY_PAGE = (
    "<html><head><title>Ferry to Brancaster resumes</title></head><body><article><p>The "
    "morning ferry left the harbour on time, its skipper Ilse Marrow said.</p></article>"
    "</body></html>"
)
_FERRY_RECORDS = "".join(
    f'{{"id": "{n}", "title": "Brancaster ferry resumes after the storm", "text": "The ferry to '
    f'Brancaster left on time, skipper Ilse Marrow said.", "source": "Post {n}", '
    '"published_at": "2026-11-20"}\n'
    for n in (1, 2)
)


def _from_stdin(
    args: list[str], stdin: bytes, data_dir: Path, closed: bool = False
) -> subprocess.CompletedProcess[str]:
    """``wirehouse ARGS`` as a process of its own, ``stdin`` on its standard input (with
    ``closed``, none at all: its descriptor 0 closed)."""
    process = subprocess.run(
        [sys.executable, "-m", "wirehouse.cli", *args],
        env=_environment(data_dir),
        input=None if closed else stdin,
        capture_output=True,
        preexec_fn=(lambda: os.close(0)) if closed else None,
        timeout=240,
        check=False,
    )
    return subprocess.CompletedProcess(
        process.args, process.returncode, process.stdout.decode(), process.stderr.decode()
    )


@pytest.mark.parametrize(
    ("args", "stdin", "printed"),
    [
        (["cluster", "-"], _FERRY_RECORDS.encode(), "1\tevent-1\n2\tevent-1\n"),
        # was "not UTF-8 text"
        (["cluster", "-"], gzip.compress(_FERRY_RECORDS.encode()), "1\tevent-1\n2\tevent-1\n"),
        (["extract", "-"], _FERRY_PAGE.encode(), '"title": "Ferry to Brancaster resumes"'),
        # told compressed by its first bytes, as a page saved without inflating it
        (["extract", "-"], gzip.compress(_FERRY_PAGE.encode()), '"Ferry to Brancaster resumes"'),
        (
            ["feeds", "import", "-"],
            b"sources:\n  - name: Tide\n    feeds:\n      - https://brancaster-tide.example/f\n",
            "imported 1 feed from ",
        ),
        (["ingest-warc", "-"], None, "1 WARC file, 1 page: 1 new,"),
    ],
    ids=["cluster", "cluster gzip", "extract", "extract gzip", "feeds import", "ingest-warc"],
)
def test_dash_reads_standard_input(
    tmp_path: Path, args: list[str], stdin: bytes | None, printed: str
) -> None:
    """Every command reading files takes `-` for standard input, as `feeds export` writes `-`
    to stdout; each was "no such file: -"."""
    data = tmp_path / "data"
    upgrade(f"sqlite:///{data / 'warehouse.db'}")
    if stdin is None:
        stdin = _ferry_warc(tmp_path / "ferry.warc.gz").read_bytes()
    result = _from_stdin(args, stdin, data)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    assert printed in result.stdout, result.stdout


def test_extract_reads_a_page_saved_compressed_under_any_name(tmp_path: Path) -> None:
    """A page saved as it came (gzip, `curl` without --compressed) named `.html`: its
    compressed bytes were read as the page, and no title was found."""
    page = tmp_path / "ferry.html"
    page.write_bytes(gzip.compress(_FERRY_PAGE.encode()))
    result = call_wirehouse(["extract", str(page)], {}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"title": "Ferry to Brancaster resumes"' in result.stdout


@pytest.mark.parametrize("command", ["extract", "ingest-warc"])
def test_dash_given_twice_is_one_line(tmp_path: Path, command: str) -> None:
    """The second read of standard input finds it empty: "the file is empty" was wrong."""
    result = _from_stdin([command, "-", "-"], _FERRY_PAGE.encode(), tmp_path / "data")
    assert result.returncode == USAGE
    assert result.stderr == "wirehouse: error: - (standard input) can be read once: give it once\n"


def test_dash_on_a_closed_standard_input_is_one_line(tmp_path: Path) -> None:
    result = _from_stdin(["cluster", "-"], b"", tmp_path / "data", closed=True)
    assert result.returncode == USAGE
    assert result.stderr.splitlines()[-1] == (
        "wirehouse cluster: error: argument FILE.jsonl: -: standard input is closed"
    )


def test_ingest_warc_of_a_pipe_that_delivers_nothing_is_one_line(tmp_path: Path) -> None:
    """`wirehouse ingest-warc <(zcat missing.gz)`: the pipe closes with nothing in it; this was
    "1 WARC file, 0 pages" and status 0."""
    result = _ingest_warc_from_a_pipe(tmp_path, b"")
    assert result.returncode == USAGE, result.stdout
    fifo = tmp_path / "pipe"
    assert result.stderr == f"wirehouse: error: {fifo}: the file is empty: no WARC records\n"


def test_cluster_of_a_stream_past_its_bound_stops_there(tmp_path: Path) -> None:
    """`wirehouse cluster <(a generator)`: every record valid, the input goes on (here four
    times the bound, so that a command without one ends, clustering them all); an endless
    one was held in memory until the machine's ran out."""
    fifo = tmp_path / "records"
    os.mkfifo(fifo)

    def feed() -> None:
        with contextlib.suppress(BrokenPipeError), open(fifo, "w") as pipe:
            pipe.writelines(
                f'{{"id": {number}, "title": "Orrin gale day {number}", "source": "Post", '
                '"published_at": "2026-11-20"}\n'
                for number in range(2000)
            )

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    result = call_wirehouse(
        ["cluster", str(fifo)], {"WIREHOUSE_CLUSTER_MAX_RECORDS": "500"}, cwd=tmp_path
    )
    feeder.join(timeout=10)
    assert result.returncode == USAGE, result.stdout
    assert result.stderr == (
        f"wirehouse: error: {fifo}: more than 500 records, the most `cluster` holds at once "
        "(WIREHOUSE_CLUSTER_MAX_RECORDS)\n"
    )
    assert not feeder.is_alive()


def _ingest_warc_from_a_pipe(tmp_path: Path, payload: bytes) -> CliOutcome:
    """`wirehouse ingest-warc` of a named pipe that delivers ``payload`` and closes."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as pipe:
            pipe.write(payload)

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    data = tmp_path / "data"
    upgrade(f"sqlite:///{data / 'warehouse.db'}")
    result = call_wirehouse(
        ["ingest-warc", str(fifo)], {"WIREHOUSE_DATA_DIR": str(data)}, cwd=tmp_path
    )
    feeder.join(timeout=10)
    return result


def test_an_empty_file_among_warcs_is_refused_before_any_is_loaded(
    work: Path, tmp_path: Path
) -> None:
    """Read in turn, the WARC before it was loaded, and its run recorded failed, before the
    empty file was met."""
    data = tmp_path / "data"
    upgrade(f"sqlite:///{data / 'warehouse.db'}")
    result = call_wirehouse(
        ["ingest-warc", str(work / "whole.warc.gz"), str(work / "empty.html")],
        {"WIREHOUSE_DATA_DIR": str(data)},
        cwd=tmp_path,
    )
    assert result.returncode == USAGE, result.stdout
    assert result.stderr.endswith("empty.html: the file is empty: no WARC records\n")
    with sqlite3.connect(data / "warehouse.db") as warehouse:
        assert warehouse.execute("SELECT count(*) FROM runs").fetchone() == (0,)


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("/dev/null", "/dev/null: the file is empty: no WARC records"),  # a character device
        ("{work}/page.html", "page.html: not a WARC file: it begins b'<html><bod'"),
    ],
)
def test_ingest_warc_refuses_what_is_no_warc_before_recording_a_run(
    work: Path, tmp_path: Path, name: str, said: str
) -> None:
    """/dev/null has no size to tell it empty by: it was refused only once the run was
    recorded, which `stats` then showed as the last run, failed."""
    data = tmp_path / "data"
    upgrade(f"sqlite:///{data / 'warehouse.db'}")
    result = call_wirehouse(
        ["ingest-warc", name.format(work=work)], {"WIREHOUSE_DATA_DIR": str(data)}, cwd=tmp_path
    )
    assert result.returncode == USAGE, result.stdout
    assert result.stderr.count("\n") == 1 and said in result.stderr, result.stderr
    with sqlite3.connect(data / "warehouse.db") as warehouse:
        assert warehouse.execute("SELECT count(*) FROM runs").fetchone() == (0,)


# The warehouse layer and the WARC reader: most of a writing command's start-up (feeds import
# of /dev/null took 0.6 s of CPU, 2.5 s of wall time on a busy machine, against 0.12 s and 0.55 s)
_LOADING_MODULES = ["sqlalchemy", "psycopg", "load.db", "load.models", "warcio", "wirehouse.replay"]


def _status_and_loading_modules(
    work: Path, args: tuple[str, ...], data: Path | None = None
) -> dict[str, object]:
    """The command's exit status, and which of ``_LOADING_MODULES`` it had imported by then
    (its data in ``data``, else in ``work``'s, with a warehouse)."""
    probe = (
        "import json, sys\n"
        "from wirehouse.cli import main\n"
        "try:\n    status = main(sys.argv[2:])\nexcept SystemExit as exit_:\n    status = exit_.code\n"
        "loaded = [m for m in json.loads(sys.argv[1]) if m in sys.modules]\n"
        "sys.stderr.write(json.dumps({'status': status, 'loaded': loaded}))\n"
    )
    import json

    done = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(_LOADING_MODULES),
         *(arg.format(work=work) for arg in args)],
        env=_environment(data or work / "data"),
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "args",
    [("ingest-warc", "/dev/null"), ("ingest-warc", "{work}/page.html"),
     ("feeds", "import", "/dev/null"), ("feeds", "import", "{work}/nofeeds.opml"),
     ("reprocess",)],  # neither --since nor --quarantined: 5.8 s on a busy machine, now 0.3 s
)
def test_bad_input_is_refused_before_the_loading_modules_are_imported(
    work: Path, args: tuple[str, ...]
) -> None:
    assert _status_and_loading_modules(work, args) == {"status": USAGE, "loaded": []}


@pytest.mark.parametrize(
    "args",
    [("run",), ("reprocess", "--quarantined"), ("feeds", "retry"), ("lease", "--release"),
     ("push", "https://example.org/a"), ("websub", "renew"), ("serve", "--port", "0"),
     ("ingest-warc", "{work}/whole.warc.gz")],
)
def test_a_missing_warehouse_is_said_before_the_commands_modules_are_imported(
    work: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    """"no warehouse" came after each command's imports: up to 1 s of CPU, 10 s on a busy
    machine (`run`'s pipeline, `reprocess`'s replay, `push`'s fetchers)."""
    outcome = _status_and_loading_modules(work, args, data=tmp_path / "data")
    assert outcome == {"status": RUNTIME, "loaded": []}


def test_reprocess_over_archives_a_crash_left_says_so_and_goes_on(
    work: Path, tmp_path: Path
) -> None:
    """A run that crashed before its archive's first record leaves an empty ``.warc.gz``, one
    that crashed inside a record a cut one; `reprocess` read the first as a WARC of no pages,
    saying nothing. Each is one warning naming it, and the whole archives are replayed."""
    data = tmp_path / "data"
    upgrade(f"sqlite:///{data / 'warehouse.db'}")
    empty = data / "archive" / "run-1-crashed" / "0.warc.gz"
    cut = data / "archive" / "run-2-crashed" / "0.warc.gz"
    whole = data / "archive" / "run-3" / "0.warc.gz"
    for path in (empty, cut, whole):
        path.parent.mkdir(parents=True)
    empty.write_bytes(b"")
    cut.write_bytes((work / "cut.warc.gz").read_bytes())
    shutil.copy(work / "whole.warc.gz", whole)
    result = call_wirehouse(
        ["reprocess", "--since", "2020-01-01"], {"WIREHOUSE_DATA_DIR": str(data)}, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    on_empty, on_cut = result.stderr.splitlines()
    assert on_empty == (
        f"wirehouse: warning: {empty}: the file is empty: no WARC records; "
        "going on with the next file"
    )
    assert on_cut.startswith(f"wirehouse: warning: {cut}@"), on_cut
    assert on_cut.endswith(
        ": the file ends inside a record: truncated (a download or copy cut "
        "short?); going on with the next file"
    ), on_cut
    assert result.stdout.startswith("3 WARC files, 1 page:"), result.stdout


def test_a_full_sqlite_warehouse_says_disk_full(sqlite_full_error: Exception) -> None:
    """SQLite's SQLITE_FULL (here its page limit, as a full disk gives it) was "warehouse error:
    database or disk is full", which did not say which one."""
    assert cli._report(sqlite_full_error) == (
        "warehouse error: disk full: database or disk is full",
        RUNTIME,
    )


def test_an_io_error_on_a_disk_with_no_space_left_says_disk_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite reports a WAL index that cannot grow on a full disk as "disk I/O error"."""
    io_error = sqlite3.OperationalError("disk I/O error")
    io_error.sqlite_errorcode = 4874  # SQLITE_IOERR_SHMSIZE
    database = str(tmp_path / "warehouse.db")
    assert database_reason(io_error, database) == "disk I/O error"  # space left: some other
    full = os.statvfs_result((4096, 4096, 5, 0, 0, 10, 0, 0, 0, 255))
    monkeypatch.setattr(os, "statvfs", lambda _path: full)
    assert database_reason(io_error, database) == "disk full: disk I/O error"
    assert database_reason(io_error) == "disk I/O error"  # no file to look at


def test_serve_on_a_host_that_does_not_resolve_says_why(work: Path) -> None:
    """getaddrinfo's error has a negative errno, which os.strerror calls "Unknown error -2"."""
    result = call_wirehouse(
        ["serve", "--host", "no-such-host.invalid", "--port", "0"],
        {"WIREHOUSE_DATA_DIR": str(work / "data")},
        cwd=work,
    )
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith("wirehouse: error: cannot listen on no-such-host.invalid:0: ")
    assert "Unknown error" not in error and result.returncode == RUNTIME


@pytest.mark.parametrize("host", ["::1", "[::1]"])
def test_serve_listens_on_an_ipv6_address(host: str) -> None:
    """Was "cannot listen on ::1:0: Address family for hostname not supported": the socket was
    IPv4 whatever the host."""
    from wirehouse.push_app import listening_socket

    with listening_socket(host, 0) as sock:
        assert sock.family == socket.AF_INET6 and sock.getsockname()[0] == "::1"


def test_the_table_covers_at_least_30_distinct_bad_invocations() -> None:
    assert len({case[0] for case in CASES}) == len(CASES) >= 30


# One case of each way a command ends: argparse's usage error (SystemExit in the test process),
# a failure main reports after opening the warehouse.
IN_A_PROCESS = ("unknown option", "events on an unmigrated warehouse")


@pytest.mark.parametrize("name", IN_A_PROCESS)
def test_a_real_process_ends_as_the_call_in_the_test_process(
    results: dict[str, CliOutcome], work: Path, busy_port: int, name: str
) -> None:
    case = next(case for case in CASES if case[0] == name)
    env = _environment(work / "data")
    env.update(_case_env(case, work, busy_port))
    process = _wirehouse(_case_args(case, work, busy_port), env, work)
    assert (process.returncode, process.stdout, process.stderr) == (
        results[name].returncode,
        results[name].stdout,
        results[name].stderr,
    )


def test_a_librarys_warning_is_one_line(work: Path) -> None:
    """A Python warning SQLAlchemy gives (here: a URL option pysqlite ignores) is one
    `wirehouse: warning:` line, not Python's two (the file and the line of code that warned)."""
    env = _environment(work / "data")
    env["WIREHOUSE_DB_URL"] = f"sqlite:///{work / 'data' / 'warehouse.db'}?mode=ro"
    result = _wirehouse(["stats"], env)
    assert result.returncode == 0, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("wirehouse: warning: ") and "'mode'" in line


# A thread the interpreter joins at exit (as a feed parse that outlived its timeout is), saying
# on stderr when the main thread has finished and the interpreter is shutting down; then, with
# {kill}, it is the thread the kernel gives Ctrl-C to (any thread of the process may get it).
_THREAD_AT_EXIT = """
import os, signal, sys, threading, time
def outlive_main():
    while threading.main_thread().is_alive():
        time.sleep(0.01)
    os.write(2, b"shutting down\\n")
    {kill}
    time.sleep(60)
threading.Thread(target=outlive_main).start()
from wirehouse.cli import console
sys.argv[1:] = ["stats"]
console()
"""


def test_ctrl_c_while_the_interpreter_shuts_down_is_the_one_line_and_130(work: Path) -> None:
    """Was "Exception ignored in: <module 'threading'>", a traceback and status 0."""
    process = subprocess.Popen(
        [sys.executable, "-c", _THREAD_AT_EXIT.format(kill="")],
        env=_environment(work / "data"),
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr.readline() == "shutting down\n"
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert (process.returncode, err) == (130, "wirehouse: interrupted\n")
    assert out.startswith("sources ")  # what the command printed before is kept


def _python_script(
    work: Path, script: str, *args: str, timeout: float = 240
) -> subprocess.CompletedProcess[str]:
    """``python -c SCRIPT ARGS`` run as a command is (in ``work``, its data under it)."""
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        env=_environment(work / "data"),
        cwd=work,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_ctrl_c_given_to_the_thread_the_interpreter_joins_ends_at_once(work: Path) -> None:
    """Python runs a signal's handler in the main thread, which, joining the other thread at
    exit, ran it only when that thread ended (60 s here): the kernel had given it Ctrl-C."""
    kill = "signal.pthread_kill(threading.get_ident(), signal.SIGINT)"
    result = _python_script(work, _THREAD_AT_EXIT.format(kill=kill), timeout=30)
    assert (result.returncode, result.stderr) == (130, "shutting down\nwirehouse: interrupted\n")
    assert result.stdout.startswith("sources ")


PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"  # names the entry point

# Ctrl-C delivered while `wirehouse.cli` is being imported: when its first import (argparse) is
# looked up, as a user's Ctrl-C right after Enter arrives on a busy machine. Python's own
# handler is set first, as a command started from a terminal has it: a test run started as a
# shell's background job (`make test &`) passes SIGINT on ignored, and the command then, rightly,
# never hears it.
_CTRL_C_WHILE_LOADING = """
import os, signal, sys, tomllib
signal.signal(signal.SIGINT, signal.default_int_handler)
class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == "argparse":
            os.kill(os.getpid(), signal.SIGINT)
        return None
with open(sys.argv[1], "rb") as project:
    module, function = tomllib.load(project)["project"]["scripts"]["wirehouse"].split(":")
sys.meta_path.insert(0, CtrlC())
sys.argv[1:] = ["stats"]
getattr(__import__(module, fromlist=[function]), function)()
"""


def test_ctrl_c_while_the_command_loads_is_the_one_line_and_130(work: Path) -> None:
    """The console script's entry point catches it: the traceback of `from wirehouse.cli import
    console` was all Ctrl-C printed in the first tenth of a second."""
    result = _python_script(work, _CTRL_C_WHILE_LOADING, str(PYPROJECT))
    assert (result.returncode, result.stderr) == (130, "wirehouse: interrupted\n")


def test_the_environment_starts_without_the_editable_install_finder() -> None:
    """setuptools installs a flat layout as editable through a finder its ``.pth`` imports, with
    pathlib, re and urllib.parse, in every start of the environment's Python, before any
    wirehouse code (`python -c pass` took 0.16 s, now 0.05 s, on a busy machine): a Ctrl-C then
    was the interpreter's fatal error and a traceback. ``package-dir`` in pyproject.toml makes
    the ``.pth`` a plain path line."""
    probe = "import sys; print(sorted(m for m in sys.modules if m.startswith('__editable__')))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout == "[]\n", "reinstall: make install (or uv pip install --no-deps -e .)"


# Ctrl-C delivered once the command is done, as soon as its exit imports a module (it imported
# `signal` to set the handler that reports a Ctrl-C during the interpreter's shut-down, time
# enough on a busy machine for Ctrl-C to land in).
_CTRL_C_AT_EXIT = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
from wirehouse import cli
class CtrlC:
    def find_spec(self, name, path=None, target=None):
        os.kill(os.getpid(), signal.SIGINT)
        return None
def main():
    sys.modules.pop("signal", None)  # as a reading command on SQLite has not imported it
    sys.meta_path.insert(0, CtrlC())
    return 0
cli.main = main
cli.console()
"""


def test_the_command_ends_without_loading_a_module_ctrl_c_could_interrupt(work: Path) -> None:
    """Was the traceback of a KeyboardInterrupt in `import signal`: the exit now loads nothing
    (the C module under `signal` is loaded with the interpreter), so no Ctrl-C comes here."""
    result = _python_script(work, _CTRL_C_AT_EXIT)
    assert (result.returncode, result.stderr) == (0, "")


def test_ctrl_c_while_the_command_loads_with_stderr_closed_leaves_stdout_clean(
    work: Path,
) -> None:
    """With ``2>&-`` Python leaves sys.stderr None, where print() writes to stdout: the line
    went into what a script reads."""
    result = subprocess.run(
        [sys.executable, "-c", _CTRL_C_WHILE_LOADING, str(PYPROJECT)],
        env=_environment(work / "data"),
        cwd=work,
        stdout=subprocess.PIPE,
        text=True,
        timeout=240,
        check=False,
        preexec_fn=lambda: os.close(2),
    )
    assert (result.returncode, result.stdout) == (130, "")


def test_failing_replays_leave_no_warehouse_behind(tmp_path: Path) -> None:
    """Without a warehouse, `reprocess` says so and creates none (nor an empty SQLite file)."""
    env = _environment(tmp_path / "data")
    result = _wirehouse(["reprocess", "--quarantined"], env)
    assert result.returncode == RUNTIME and "wirehouse db upgrade" in result.stderr
    assert not (tmp_path / "data").exists()


# stdout as Python sets it up: block-buffered (a file, a pipe) or unbuffered (python -u,
# PYTHONUNBUFFERED): a write fails while the command prints, or only at the final flush.
BUFFERING = [pytest.param("", id="buffered"), pytest.param("1", id="unbuffered")]
# A command of each kind: argparse's help, a reading command, the OPML export to stdout.
PRINTING = [("--help",), ("events",), ("feeds", "export", "-")]


def _run_printing(
    args: tuple[str, ...],
    work: Path,
    unbuffered: str,
    stdout: int | None,
    close_stdout: bool = False,
) -> subprocess.CompletedProcess[str]:
    """``wirehouse ARGS`` as a process writing to ``stdout`` (or with stdout closed: ``>&-``)."""
    env = _environment(work / "data")
    env.pop("PYTHONUNBUFFERED", None)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = unbuffered
    return subprocess.run(
        [sys.executable, "-m", "wirehouse.cli", *args],
        env=env,
        cwd=work,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=240,
        check=False,
        preexec_fn=(lambda: os.close(1)) if close_stdout else None,
    )


@pytest.mark.parametrize("unbuffered", BUFFERING)
@pytest.mark.parametrize("args", PRINTING, ids=" ".join)
def test_a_reader_that_stops_reading_is_no_error(
    work: Path, args: tuple[str, ...], unbuffered: str
) -> None:
    """`wirehouse events | head -0`: the closed pipe ends the command quietly, as SIGPIPE would.
    Was, when stdout was buffered, "Exception ignored in: <_io.TextIOWrapper ...>" and 120."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = _run_printing(args, work, unbuffered, stdout=write_end)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (128 + 13, "")


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="no /dev/full here")
@pytest.mark.parametrize("unbuffered", BUFFERING)
@pytest.mark.parametrize("args", PRINTING, ids=" ".join)
def test_a_full_stdout_is_the_one_line_and_1(
    work: Path, args: tuple[str, ...], unbuffered: str
) -> None:
    """`wirehouse --help > /dev/full` was status 0 and silent, `events > /dev/full` 120 and
    "Exception ignored" (buffered) or an error line that did not say what was full."""
    with open("/dev/full", "w") as full:
        result = _run_printing(args, work, unbuffered, stdout=full.fileno())
    assert result.stderr.splitlines() == [
        "wirehouse: error: cannot write to standard output: No space left on device"
    ], result.stderr
    assert result.returncode == RUNTIME


@pytest.mark.parametrize("unbuffered", BUFFERING)
@pytest.mark.parametrize("args", PRINTING, ids=" ".join)
def test_a_closed_stdout_is_the_one_line_and_1(
    work: Path, args: tuple[str, ...], unbuffered: str
) -> None:
    """`wirehouse events >&-` ended with status 0 having printed nowhere (`feeds export -`:
    "unexpected AttributeError")."""
    result = _run_printing(args, work, unbuffered, stdout=None, close_stdout=True)
    assert result.stderr.splitlines() == [
        "wirehouse: error: cannot write to standard output: Bad file descriptor"
    ], result.stderr
    assert result.returncode == RUNTIME


def test_a_closed_stdout_is_no_error_to_a_command_printing_nothing(work: Path) -> None:
    """`wirehouse websub list >&-` with no subscription writes nothing to stdout (its one line
    saying so goes to stderr): nothing failed."""
    result = _run_printing(("websub", "list"), work, "", stdout=None, close_stdout=True)
    assert (result.returncode, result.stderr) == (
        0,
        "wirehouse: no WebSub subscriptions (`wirehouse websub subscribe URL` adds one)\n",
    )


@pytest.mark.parametrize(
    ("args", "status"), [(("events", "--since", "x"), USAGE), (("websub", "list"), 0)]
)
def test_a_closed_stderr_keeps_stdout_clean(work: Path, args: tuple[str, ...], status: int) -> None:
    """`wirehouse ... 2>&-`: Python leaves sys.stderr None, and print(..., file=None) wrote the
    error line (argparse's usage too) or the "no WebSub subscriptions" line to stdout."""
    result = subprocess.run(
        [sys.executable, "-m", "wirehouse.cli", *args],
        env=_environment(work / "data"),
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=None,
        text=True,
        timeout=240,
        check=False,
        preexec_fn=lambda: os.close(2),
    )
    assert (result.returncode, result.stdout) == (status, "")


# Permissions bind no root: as root, these run as `nobody` (setpriv), in a scratch directory
# every user may enter, holding a directory and a file nobody may write or read.
# (id, arguments, extra environment, exit status, text the error line must contain).
NOBODY = 65534
AS_ANOTHER_USER: list[tuple[str, tuple[str, ...], dict[str, str], int, str]] = [
    ("extract an unreadable file", ("extract", "{work}/secret.html"), {}, USAGE, "permission"),
    (
        "db upgrade in a read-only directory",
        ("db", "upgrade"),
        {"WIREHOUSE_DATA_DIR": "{work}/locked"},
        USAGE,
        "WIREHOUSE_DATA_DIR={work}/locked is not a writable directory",
    ),
    (
        "feeds export into a read-only directory",
        ("feeds", "export", "{work}/locked/feeds.opml"),
        {},
        USAGE,
        "cannot write {work}/locked/feeds.opml: permission denied",
    ),
    (
        "run with a read-only data directory",
        ("run",),
        {"WIREHOUSE_DATA_DIR": "{work}/locked"},
        USAGE,
        "WIREHOUSE_DATA_DIR",
    ),
    (
        "stats on a warehouse file that may not be read",
        ("stats",),
        {"WIREHOUSE_DB_URL": "sqlite:///{work}/unreadable.db"},
        RUNTIME,  # was SQLite's "unable to open database file"
        "permission denied reading {work}/unreadable.db",
    ),
    (
        "db upgrade of a warehouse file that may not be read",
        ("db", "upgrade"),
        {"WIREHOUSE_DB_URL": "sqlite:///{work}/unreadable.db"},
        RUNTIME,
        "permission denied reading {work}/unreadable.db",
    ),
    # below a directory that may not be searched, stat() itself fails (a traceback before)
    (
        "extract a file in a sealed directory",
        ("extract", "{work}/sealed/page.html"),
        {},
        USAGE,
        "cannot read {work}/sealed/page.html: permission denied",
    ),
    (
        "feeds export into a sealed directory",
        ("feeds", "export", "{work}/sealed/feeds.opml"),
        {},
        USAGE,
        "cannot write {work}/sealed/feeds.opml: permission denied",
    ),
    (
        "db upgrade with the data directory in a sealed one",
        ("db", "upgrade"),
        {"WIREHOUSE_DATA_DIR": "{work}/sealed/data"},
        USAGE,  # was "Permission denied: ..." and status 1
        "WIREHOUSE_DATA_DIR={work}/sealed/data is not a writable directory",
    ),
    (
        "run with the feed list in a sealed directory",
        ("run",),
        {"WIREHOUSE_FEEDS": "{work}/sealed/feeds.opml"},
        USAGE,  # was "Permission denied: ..." and status 1
        "WIREHOUSE_FEEDS points at {work}/sealed/feeds.opml, which cannot be read",
    ),
]
# Root without the capabilities that pass over file modes (it then obeys the owner's bits of
# the files it made): where the interpreter lies in a directory only root may enter.
WITHOUT_DAC = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


@pytest.fixture(scope="module")
def unprivileged() -> Iterator[tuple[list[str], Path]]:
    """The command prefix running a process without root's rights, and its scratch directory
    (a migrated warehouse in ``data/``, a read-only ``locked/``, a ``sealed/`` directory no one
    may search, an unreadable file)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        as_nobody = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        prefix = next(
            (
                candidate
                for candidate in (as_nobody, WITHOUT_DAC)
                if subprocess.run(
                    [*candidate, sys.executable, "-c", "import wirehouse"],
                    check=False,
                    capture_output=True,
                ).returncode
                == 0
            ),
            [],
        )
        if not prefix:
            pytest.skip("cannot run this interpreter without root's rights")
    work = Path(tempfile.mkdtemp(prefix="wirehouse-perm-"))  # not under pytest's 0700 root
    work.chmod(0o755)
    (work / "locked").mkdir(mode=0o555)
    (work / "sealed").mkdir(mode=0)
    (work / "data").mkdir()
    upgrade(f"sqlite:///{work / 'data' / 'warehouse.db'}")
    if os.geteuid() == 0 and prefix != WITHOUT_DAC:
        for path in (work / "data", *(work / "data").iterdir()):
            os.chown(path, NOBODY, NOBODY)
    secret = work / "secret.html"
    secret.write_text("<html><body><p>Private.</p></body></html>")
    secret.chmod(0)
    shutil.copy(work / "data" / "warehouse.db", work / "unreadable.db")
    (work / "unreadable.db").chmod(0)
    yield prefix, work
    (work / "locked").chmod(0o755)
    (work / "sealed").chmod(0o755)
    shutil.rmtree(work)


@pytest.mark.parametrize("case", [pytest.param(case, id=case[0]) for case in AS_ANOTHER_USER])
def test_what_a_user_may_not_touch_ends_in_one_line(
    unprivileged: tuple[list[str], Path], case: tuple
) -> None:
    prefix, work = unprivileged
    env = _environment(work / "data")
    env["WIREHOUSE_CACHE_DIR"] = ""  # nobody's home is no directory
    env.update({name: value.format(work=work) for name, value in case[2].items()})
    process = subprocess.run(
        [*prefix, sys.executable, "-m", "wirehouse.cli", *(a.format(work=work) for a in case[1])],
        env=env,
        cwd=work,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    *usage, error = process.stderr.strip().splitlines() or [""]
    assert all(line.startswith(("usage:", " ")) for line in usage), process.stderr
    assert error.startswith("wirehouse") and ": error: " in error, process.stderr
    assert case[4].format(work=work) in error, error
    assert process.returncode == case[3], process.stderr


def _read_only_mount(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every path reported on a file system mounted read-only (statvfs's ST_RDONLY flag)."""
    real = os.statvfs

    def statvfs(path: str | Path) -> os.statvfs_result:
        fields = list(real(path))
        fields[8] |= os.ST_RDONLY  # f_flag
        return os.statvfs_result(fields)

    monkeypatch.setattr(os, "statvfs", statvfs)


def test_a_warehouse_on_a_read_only_file_system_is_read_as_it_stands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`stats`, `events`... on a read-only mount ended in "unable to open database file":
    reading a WAL database, SQLite creates its WAL index (-shm) beside it, which no one can
    there; and nothing can change the file there either, so it is read as immutable."""
    from load.reading import sqlite_reader, unchangeable_sqlite_file

    database = tmp_path / "warehouse.db"
    upgrade(f"sqlite:///{database}")
    for leftover in tmp_path.glob("warehouse.db-*"):
        leftover.unlink()  # as the last connection closing leaves a WAL database
    _read_only_mount(monkeypatch)
    with sqlite_reader(str(database), f"sqlite:///{database}") as reader:
        assert list(reader.rows("feed_list")) == []
        assert not list(tmp_path.glob("warehouse.db-*"))  # no WAL index made: read immutable
    (tmp_path / "warehouse.db-wal").write_bytes(b"\0" * 32)  # an unmerged log: read as usual
    assert not unchangeable_sqlite_file(str(database))


def test_a_warehouse_that_cannot_open_on_a_read_only_file_system_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command writing the warehouse (`feeds retry`, `push`) said only "unable to open
    database file"."""
    cannot_open = sqlite3.OperationalError("unable to open database file")
    cannot_open.sqlite_errorcode = 14  # SQLITE_CANTOPEN
    database = str(tmp_path / "warehouse.db")
    assert database_reason(cannot_open, database) == "unable to open database file"
    with monkeypatch.context() as patched:  # another user's directory, a file readable
        patched.setattr(os, "access", lambda _path, _mode: False)
        assert database_reason(cannot_open, database) == (
            "unable to open database file: SQLite cannot create the WAL index beside it, "
            f"{tmp_path} is not writable"
        )
    _read_only_mount(monkeypatch)
    assert database_reason(cannot_open, database) == (
        f"unable to open database file: {tmp_path} is on a read-only file system"
    )


def test_a_full_postgresql_disk_says_disk_full() -> None:
    """A tablespace on a full disk (a 3.7 MB tmpfs under `wirehouse run`) ended the run in
    "warehouse error: could not extend file ...: wrote only 4096 of 8192 bytes at block 0",
    PostgreSQL leaving the cause to its SQLSTATE (disk_full) and a hint."""
    import psycopg.errors

    full = psycopg.errors.DiskFull(
        'could not extend file "pg_tblspc/1/PG_15/2/3": wrote only 4096 of 8192 bytes at block 0'
        "\nHINT:  Check free disk space."
    )
    assert database_reason(full) == (
        'disk full: could not extend file "pg_tblspc/1/PG_15/2/3": wrote only 4096 of 8192 '
        "bytes at block 0"
    )
    assert database_reason(psycopg.errors.QueryCanceled("canceling statement")) == (
        "canceling statement"
    )


def test_a_url_argument_whose_host_holds_a_space_is_refused() -> None:
    """`wirehouse push "http://fennick ledger.example/"` queued it (status 0), and `feeds
    discover` went looking for the host "fennick%20ledger.example"."""
    import argparse

    with pytest.raises(argparse.ArgumentTypeError, match="its host holds ' '"):
        cli._http_url("http://fennick ledger.example/flood.html")
    assert cli._http_url("http://fennick.example/a b") == "http://fennick.example/a b"


def _every_subcommand(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Each subcommand's words (`feeds retry`) and parser, its groups (`feeds`) included."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name), sub
                yield from _every_subcommand(sub, (*path, name))


def _required_positionals(parser: argparse.ArgumentParser, tmp_path: Path) -> list[str]:
    """Valid values of ``parser``'s required positional arguments, so only the option is wrong."""
    values = {
        cli._input_file: str(tmp_path / "input.txt"),
        cli._output_file: str(tmp_path / "output.opml"),
        cli._http_url: "https://news.example/feed",
    }
    return [
        values[action.type]
        for action in parser._actions
        if not action.option_strings
        and action.nargs not in ("*", "?", argparse.PARSER)
        and action.type in values
    ]


@pytest.mark.parametrize(
    "words",
    [pytest.param(words, id=" ".join(words)) for words, _ in _every_subcommand(cli.build_parser())],
)
def test_an_unknown_option_is_the_error_of_its_subcommand(
    tmp_path: Path, words: tuple[str, ...]
) -> None:
    """`wirehouse stats --bogus` was reported by the top-level parser, with the usage of
    `wirehouse` and a message naming no subcommand."""
    (tmp_path / "input.txt").write_text("<p>invented</p>\n")
    parser = dict(_every_subcommand(cli.build_parser()))[words]
    argv = [*words, *_required_positionals(parser, tmp_path), "--bogus"]
    result = call_wirehouse(argv, {"WIREHOUSE_DATA_DIR": str(tmp_path)}, cwd=tmp_path)
    command = " ".join(("wirehouse", *words))
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"usage: {command} "), result.stderr
    assert lines[-1] == f"{command}: error: unrecognized arguments: --bogus", result.stderr
    assert result.returncode == USAGE


@pytest.mark.parametrize("command", ["run", "serve"])
@pytest.mark.parametrize(
    ("port", "reason"),
    [("-5", "-5 is not a port number (0-65535)"), ("70000", "70000 is not a port number (0-65535)"),
     ("x", "'x' is not a port number")],
)
def test_a_demo_port_that_is_no_port_is_a_wrong_argument(
    tmp_path: Path, command: str, port: str, reason: str
) -> None:
    """`demo serve --port -5` was refused by the command, after the parser, with no usage
    line: it is a wrong argument, refused by the parser as `serve --port -5` is."""
    result = call_wirehouse(
        ["demo", command, "--port", port], {"WIREHOUSE_DATA_DIR": str(tmp_path)}, cwd=tmp_path
    )
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"usage: wirehouse demo {command} "), result.stderr
    assert lines[-1] == f"wirehouse demo {command}: error: argument --port: {reason}", lines
    assert result.returncode == USAGE


def test_ctrl_c_that_lands_in_a_finalizer_is_raised_after_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Ctrl-C the garbage collector's callback took (SQLAlchemy's `_collection_gced`) was
    printed as "Exception ignored in" and lost: the run went on and ended 0."""

    class Finalized:
        def __del__(self) -> None:
            raise KeyboardInterrupt

    monkeypatch.setattr(sys, "unraisablehook", cli._ctrl_c_out_of_finalizers)
    with pytest.raises(KeyboardInterrupt):
        Finalized()  # unreferenced at once: finalized here
        for _ in range(1000):  # raised while this thread waits (ten seconds at most)
            time.sleep(0.01)
