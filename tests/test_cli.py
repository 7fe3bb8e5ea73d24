"""The `wirehouse` command as scripts and operators use it: exit codes and one-line errors."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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


def wirehouse(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("WIREHOUSE_")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "wirehouse.cli", *args],
        env=full_env, cwd=cwd, capture_output=True, text=True, timeout=180, check=False,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"WIREHOUSE_DATA_DIR": str(tmp_path / "data"), "WIREHOUSE_ALLOW_PRIVATE_HOSTS": "1",
            "WIREHOUSE_HOST_DELAY": "0", "WIREHOUSE_RETRY_BASE_DELAY": "0.01"}


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    # a run slower than WIREHOUSE_PROGRESS_INTERVAL (a loaded machine) prints progress lines first
    lines = [
        line
        for line in result.stderr.strip().splitlines()
        if not line.startswith("wirehouse: progress: ")
    ]
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
    assert "every feed failed" in one_error_line(result)
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
        assert {"path", "title", "authors", "published_at", "language", "canonical_url", "text"} <= set(obj)
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
    result = wirehouse("extract", "--url", "https://x.example/", str(page), str(page), env=env, cwd=tmp_path)
    assert result.returncode == 2
    one_error_line(result)
