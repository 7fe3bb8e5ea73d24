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


def test_a_replay_of_one_warc_file_says_one_warc_file(capsys):
    stories = {"exact_duplicates": 1, "near_duplicates": 0, "events_created": 1}
    counts = {"files": 1, "pages": 1, "inserted": 1, "updated": 0, "unchanged": 0,
              "no_text": 0, "not_html": 0, "stories": stories}
    cli._print_replay(counts)
    assert capsys.readouterr().out == (
        "1 WARC file, 1 page: 1 new, 0 updated, 0 unchanged articles, 0 without article text; "
        "1 duplicate, 1 new event\n"
    )


def test_a_failed_feed_is_named_once_in_the_run_summary(tmp_path: Path, capsys):
    """Was "failed feed: URL: HTTP 500 (URL)"; a redirect's hop, another URL, is kept."""
    feed, hop = "https://orrin.example/rss.xml", "https://cdn.orrin.example/rss.xml"
    summary = RunSummary(run_id="r", warehouse_url="sqlite://", failed_feeds=[
        (feed, f"HTTP 500 ({feed})"), ("https://orrin.example/moved.xml", f"HTTP 502 ({hop})")])
    cli._print_summary(summary, load_settings(env={}, data_dir=tmp_path))
    printed = capsys.readouterr().out
    assert f"  failed feed: {feed}: HTTP 500\n" in printed
    assert f"  failed feed: https://orrin.example/moved.xml: HTTP 502 ({hop})\n" in printed
