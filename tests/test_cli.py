"""The `wirehouse` command as scripts and operators use it: exit codes and one-line errors.

The commands run as the console script runs them, ``wirehouse.cli.main`` with the given
environment and working directory, in the test process (tests/cli_call.py); test_cli_errors.py
checks that a real `wirehouse` process ends as such a call does.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from cli_call import CliOutcome, call_wirehouse

from wirehouse.demo.server import DemoSites

ARTICLE_HTML = """<!doctype html><html lang="en"><head>
<title>Lantern festival returns to Orrin Quay - The Orrin Post</title>
<link rel="canonical" href="https://orrin.example/news/lantern-festival">
<meta property="article:published_time" content="2026-11-20T18:30:00+01:00">
<meta name="author" content="Pell Varga">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Lantern festival returns to Orrin Quay</h1>
<p>The lantern festival returned to Orrin Quay on Friday evening after a three-year pause, with
more than four thousand paper lanterns carried along the harbour wall by families and schools.</p>
<p>Organisers said the route had been shortened to keep the procession clear of the repaired
slipway, and volunteers handed out lanterns made by pupils at the two primary schools in town.</p>
<p>The harbour master thanked residents for their patience while the quay was closed to traffic,
and said the festival would return to its full route next year once the works were complete.</p>
</article><footer>Copyright 2026 The Orrin Post. All rights reserved.</footer></body></html>"""


def wirehouse(*args: str, env: dict[str, str], cwd: Path) -> CliOutcome:
    return call_wirehouse(args, env, cwd)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    # progress lines an hour apart: a run's error stays the only line on stderr however long
    # a loaded machine makes the run (they come every 10 s by default)
    return {
        "WIREHOUSE_DATA_DIR": str(tmp_path / "data"),
        "WIREHOUSE_ALLOW_PRIVATE_HOSTS": "1",
        "WIREHOUSE_HOST_DELAY": "0",
        "WIREHOUSE_RETRY_BASE_DELAY": "0.01",
        "WIREHOUSE_PROGRESS_INTERVAL": "3600",
    }


def one_error_line(result: CliOutcome) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("wirehouse: error: ")
    return lines[0]


def test_run_without_a_warehouse_fails_in_one_line_and_creates_nothing(env, tmp_path):
    result = wirehouse("run", env=env, cwd=tmp_path)
    assert result.returncode == 1
    assert "wirehouse db upgrade" in one_error_line(result)
    assert not (tmp_path / "data").exists()


def test_run_with_an_unreachable_warehouse_fails_in_one_line(env, tmp_path):
    env["WIREHOUSE_DB_URL"] = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"
    result = wirehouse("run", env=env, cwd=tmp_path)
    assert result.returncode == 1
    assert "warehouse unavailable" in one_error_line(result)


@pytest.mark.parametrize(
    ("variable", "value", "mentioned"),
    [
        ("WIREHOUSE_HOST_DELAY", "soon", "WIREHOUSE_HOST_DELAY"),
        ("WIREHOUSE_FEEDS", "/no/such/feeds.opml", "WIREHOUSE_FEEDS"),
        ("WIREHOUSE_ALLOW_PRIVATE_HOSTS", "perhaps", "WIREHOUSE_ALLOW_PRIVATE_HOSTS"),
    ],
)
def test_configuration_errors_exit_2_naming_the_variable(env, tmp_path, variable, value, mentioned):
    env[variable] = value
    result = wirehouse("run", env=env, cwd=tmp_path)
    assert result.returncode == 2
    assert mentioned in one_error_line(result)


def test_run_with_no_feeds_is_a_configuration_error(env, tmp_path):
    assert wirehouse("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
    result = wirehouse("run", env=env, cwd=tmp_path)
    assert result.returncode == 2
    assert "WIREHOUSE_FEEDS" in one_error_line(result)


def test_run_fails_when_every_feed_fails(env, tmp_path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("sources:\n  - name: Nowhere\n    feeds: [http://127.0.0.1:1/feed.xml]\n")
    env["WIREHOUSE_FEEDS"] = str(feeds)
    assert wirehouse("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
    result = wirehouse("run", env=env, cwd=tmp_path)
    assert result.returncode == 1
    line = one_error_line(result)
    assert "every feed failed" in line
    # the feed named once: "first error: URL: why (URL)" named it twice
    assert line.count("127.0.0.1:1/feed.xml") == 1, line
    listing = wirehouse("feeds", "list", env=env, cwd=tmp_path)
    assert listing.returncode == 0
    assert "failing" in listing.stdout and "127.0.0.1:1/feed.xml" in listing.stdout


def test_demo_feeds_import_list_export_run_and_stats(env, tmp_path):
    with DemoSites() as demo:
        opml = demo.write_opml(tmp_path / "demo.opml")
        assert wirehouse("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
        imported = wirehouse("feeds", "import", str(opml), env=env, cwd=tmp_path)
        assert imported.returncode == 0, imported.stderr
        assert f"imported {len(demo.feed_urls)} feeds" in imported.stdout
        # stderr is no terminal here: progress comes as log lines, every one with interval 0
        run = wirehouse("run", env={**env, "WIREHOUSE_PROGRESS_INTERVAL": "0"}, cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        assert "feeds ok / failed:   4 / 2" in run.stdout
        progress = [line.split()[2] for line in run.stderr.splitlines() if "progress:" in line]
        assert {"feeds", "pages", "extract", "events"} <= set(progress)
        assert f"feeds [########################] {len(demo.feed_urls)}/" in run.stderr
        listing = wirehouse("feeds", "list", env=env, cwd=tmp_path)
        for url in demo.feed_urls:
            assert url in listing.stdout
        assert listing.stdout.count("failing") == 2
        exported = wirehouse("feeds", "export", "-", env=env, cwd=tmp_path)
        assert exported.returncode == 0
        assert all(url in exported.stdout for url in demo.feed_urls)
    stats = wirehouse("stats", env=env, cwd=tmp_path)
    assert stats.returncode == 0
    counts = dict(line.rsplit(None, 1) for line in stats.stdout.splitlines()[:10])
    assert int(counts["articles"]) >= 29 and int(counts["events"]) >= 6


def test_extract_prints_one_json_object_per_file(env, tmp_path):
    plain = tmp_path / "a.html"
    plain.write_text(ARTICLE_HTML, encoding="utf-8")
    packed = tmp_path / "b.html.gz"
    packed.write_bytes(gzip.compress(ARTICLE_HTML.encode()))
    result = wirehouse("extract", str(plain), str(packed), env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["path"] for o in objects] == [str(plain), str(packed)]
    for obj in objects:
        assert {
            "path",
            "title",
            "authors",
            "published_at",
            "language",
            "canonical_url",
            "text",
        } <= set(obj)
        assert obj["title"] == "Lantern festival returns to Orrin Quay"
        assert obj["authors"] == ["Pell Varga"]
        assert obj["published_at"] == "2026-11-20T17:30:00+00:00"
        assert obj["language"] == "en"
        assert obj["canonical_url"] == "https://orrin.example/news/lantern-festival"
        assert "four thousand paper lanterns" in obj["text"]
        assert "All rights reserved" not in obj["text"] and "Home" not in obj["text"]


def test_extract_url_needs_a_single_file(env, tmp_path):
    page = tmp_path / "a.html"
    page.write_text(ARTICLE_HTML)
    result = wirehouse(
        "extract", "--url", "https://x.example/", str(page), str(page), env=env, cwd=tmp_path
    )
    assert result.returncode == 2
    one_error_line(result)


def test_a_demo_on_other_ports_retires_the_demo_feeds_of_earlier_ports(engine) -> None:
    """`make run` again while the usual ports are busy serves the demo on free ports: the feeds
    of the earlier ports must not be fetched (they fail, failing the quality gate), and the
    earlier ports' feeds come back when the demo is on them again. Other feeds are left alone."""
    from sqlalchemy import insert, select

    from load.models import Feed, Source
    from wirehouse.demo_run import follow_demo_ports

    earlier = ["http://127.0.0.1:8470/feeds/latest.xml", "http://127.0.0.1:8471/rss/front.rdf"]
    now = ["http://127.0.0.1:40001/feeds/latest.xml", "http://127.0.0.1:40002/rss/front.rdf"]
    others = ["http://127.0.0.1:9000/my/feed.xml", "https://news.example/feeds/latest.xml"]
    with engine.begin() as connection:
        source = connection.execute(
            insert(Source).values(name="demo", domain="127.0.0.1").returning(Source.id)
        ).scalar_one()
        connection.execute(
            insert(Feed), [{"url": u, "source_id": source} for u in earlier + now + others]
        )

    def active() -> set[str]:
        with engine.connect() as connection:
            return set(connection.scalars(select(Feed.url).where(Feed.active)))

    assert follow_demo_ports(engine, now) == 2
    assert active() == set(now + others)
    assert follow_demo_ports(engine, earlier) == 2
    assert active() == set(earlier + others)


def test_a_demo_feed_that_failed_without_an_answer_is_due_when_the_demo_serves_it(engine) -> None:
    """`wirehouse run` while no demo served its feeds (or without WIREHOUSE_ALLOW_PRIVATE_HOSTS)
    put them in back-off: every `make run` for hours failed the quality gate ("feed failure
    share 100%"). A feed that answered an error (the demo's HTTP 500 feed) keeps its back-off."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import insert, select

    from load.models import Feed, Source
    from wirehouse.demo_run import follow_demo_ports

    later = datetime.now(UTC) + timedelta(hours=1)
    refused, answered = "http://127.0.0.1:8470/feeds/latest.xml", "http://127.0.0.1:8473/b.xml"
    with engine.begin() as connection:
        source = connection.execute(
            insert(Source).values(name="demo", domain="127.0.0.1").returning(Source.id)
        ).scalar_one()
        connection.execute(insert(Feed), [
            {"url": refused, "source_id": source, "next_fetch_at": later, "last_status": None,
             "last_error": "ConnectError: connection refused"},
            {"url": answered, "source_id": source, "next_fetch_at": later, "last_status": 500,
             "last_error": "HTTP 500"},
        ])
    follow_demo_ports(engine, [refused, answered])
    with engine.connect() as connection:
        due = dict(connection.execute(select(Feed.url, Feed.next_fetch_at)).all())
    assert due[refused] is None and due[answered] is not None


def _ctrl_c_default() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_demo_serve_on_a_busy_port_names_the_port_and_how_it_was_asked_for(
        env, tmp_path: Path) -> None:
    """A first port asked for and taken ends in one line naming it and how it was asked for:
    --port, or WIREHOUSE_DEMO_PORT (which `make run DEMO_PORT=N` sets; it fell back to free
    ports, as only the default 8470 does: tests/test_cli_reading.py)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        busy = listener.getsockname()[1]
        error = one_error_line(
            wirehouse("demo", "serve", "--port", str(busy), env=env, cwd=tmp_path)
        )
        assert f"port {busy} on 127.0.0.1" in error, error
        assert error.endswith("give another first port with --port (0: free ports)"), error
        asked_by_setting = wirehouse(
            "demo", "serve", env={**env, "WIREHOUSE_DEMO_PORT": str(busy)}, cwd=tmp_path
        )
        error = one_error_line(asked_by_setting)
        assert asked_by_setting.returncode == 1
        assert f"port {busy} on 127.0.0.1" in error, error
        assert error.endswith(
            "give another first port with WIREHOUSE_DEMO_PORT (0: free ports)"
        ), error


def _until_serving(process: subprocess.Popen[str]) -> list[str]:
    """The lines `demo serve` printed before it said it serves (failing if it ended first)."""
    served = []
    while (line := process.stdout.readline()) not in ("", "serving until Ctrl-C\n"):
        served.append(line)
    assert line, "demo serve ended before serving"
    return served


def test_demo_serve_ends_on_ctrl_c_as_every_command_does(env, tmp_path: Path) -> None:
    """Ctrl-C ends `demo serve` with `wirehouse: interrupted` and status 130, as it ends
    `wirehouse run`; it was status 0 and no line."""
    process = subprocess.Popen(
        [sys.executable, "-m", "wirehouse.cli", "demo", "serve"],
        env={**os.environ, **env, "WIREHOUSE_DEMO_PORT": "0"},
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # as from a terminal: a suite started as a shell's background job ignores SIGINT,
        # its children inherit that, and Python then installs no KeyboardInterrupt handler
        # (the function only resets one signal, taking no lock a thread could hold)
        preexec_fn=_ctrl_c_default,  # noqa: PLW1509
    )
    try:
        served = _until_serving(process)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130, err
    assert out == ""
    sites = [line for line in served if not line.startswith("feed list: ")]
    assert len(sites) == len(DemoSites().corpus.sites)
    assert all("http://127.0.0.1:" in line for line in sites)
    assert err.strip() == "wirehouse: interrupted", err


def test_demo_serve_stops_on_sigterm_with_status_0_as_serve_does(env, tmp_path: Path) -> None:
    """SIGTERM (a service manager's or `kill`'s stop) ends `demo serve` as it ends `serve` and
    `push --listen`: status 0, the sites closed. It was killed by the signal."""
    process = subprocess.Popen(
        [sys.executable, "-m", "wirehouse.cli", "demo", "serve", "--port", "0"],
        env={**os.environ, **env}, cwd=tmp_path, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )
    try:
        _until_serving(process)
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert err == ""


def test_cluster_reads_a_file_beginning_with_a_byte_order_mark(env, tmp_path):
    """JSON Lines saved by Windows tools (Notepad, PowerShell) begin with a UTF-8 BOM: valid
    UTF-8 text, refused as "not JSON (Unexpected UTF-8 BOM ...)" on its first line."""
    records = tmp_path / "bom.jsonl"
    lines = [
        {"id": "a", "title": "Gale shuts the Orrin ferry", "source": "Post"},
        {"id": "b", "title": "Orrin ferry shut by the gale", "source": "Courier"},
    ]
    text = "".join(
        json.dumps(line | {"published_at": "2026-11-20T08:00"}) + "\r\n" for line in lines
    )
    records.write_bytes(b"\xef\xbb\xbf" + text.encode())
    result = wirehouse("cluster", str(records), env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["a", "b"]
