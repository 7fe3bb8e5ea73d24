"""What the command prints reads as English: counts ("1 feed", never "1 feeds"), each URL once."""

from __future__ import annotations

from pathlib import Path

from cli_call import call_wirehouse

from load.db import upgrade
from wirehouse import cli
from wirehouse.pipeline import RunSummary
from wirehouse.settings import load_settings
from wirehouse.wording import counted


def test_one_is_singular_and_every_other_count_plural():
    assert counted(1, "feed") == "1 feed"
    assert counted(0, "feed") == "0 feeds"
    assert counted(2, "new article") == "2 new articles"
    assert counted(1, "entry", "entries") == "1 entry"
    assert counted(3, "entry", "entries") == "3 entries"


def test_importing_one_feed_says_one_feed_and_exporting_two_says_two(tmp_path: Path):
    env = {"WIREHOUSE_DATA_DIR": str(tmp_path / "data")}
    upgrade(f"sqlite:///{tmp_path / 'data' / 'warehouse.db'}")
    one = tmp_path / "one.opml"
    one.write_text('<opml version="2.0"><body>'
                   '<outline text="Orrin Post" xmlUrl="https://orrin.example/rss.xml"/>'
                   "</body></opml>")
    imported = call_wirehouse(["feeds", "import", str(one)], env, cwd=tmp_path)
    assert imported.stdout == f"imported 1 feed from {one}\n", imported.stderr
    two = tmp_path / "two.opml"
    two.write_text(one.read_text().replace(
        "</body>", '<outline text="Orrin Post" xmlUrl="https://orrin.example/more.xml"/></body>'))
    call_wirehouse(["feeds", "import", str(two)], env, cwd=tmp_path)
    exported = call_wirehouse(["feeds", "export", str(tmp_path / "out.opml")], env, cwd=tmp_path)
    assert exported.stderr == f"exported 2 feeds to {tmp_path / 'out.opml'}\n"


def test_an_empty_warc_file_says_one_warc_file(tmp_path: Path):
    env = {"WIREHOUSE_DATA_DIR": str(tmp_path / "data")}
    upgrade(f"sqlite:///{tmp_path / 'data' / 'warehouse.db'}")
    (tmp_path / "empty.warc").write_bytes(b"")
    done = call_wirehouse(["ingest-warc", str(tmp_path / "empty.warc")], env, cwd=tmp_path)
    assert done.stdout.startswith("1 WARC file, 0 pages: "), done.stderr
    assert "0 unchanged articles" in done.stdout and "0 new events" in done.stdout


def test_a_failed_feed_is_named_once_in_the_run_summary(tmp_path: Path, capsys):
    """Was "failed feed: URL: HTTP 500 (URL)"; a redirect's hop, another URL, is kept."""
    feed, hop = "https://orrin.example/rss.xml", "https://cdn.orrin.example/rss.xml"
    summary = RunSummary(run_id="r", warehouse_url="sqlite://", failed_feeds=[
        (feed, f"HTTP 500 ({feed})"), ("https://orrin.example/moved.xml", f"HTTP 502 ({hop})")])
    cli._print_summary(summary, load_settings(env={}, data_dir=tmp_path))
    printed = capsys.readouterr().out
    assert f"  failed feed: {feed}: HTTP 500\n" in printed
    assert f"  failed feed: https://orrin.example/moved.xml: HTTP 502 ({hop})\n" in printed
