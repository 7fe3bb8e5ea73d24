"""The benchmark driver's plumbing: aggregation, RESULTS.md, the chart, output parsers, --only.

Nothing here measures or asserts performance.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import faults_report
import gitref
import run_all
from results import (
    BenchOutcome,
    Figure,
    ResultsError,
    ScalePoint,
    aggregate,
    median_points,
    render_markdown,
    write_chart,
)

from load.pg_admin import (
    create_database,
    drop_database,
    ensure_database,
    libpq_params,
    private_schema,
    schema_url,
)

WHEN = datetime(2026, 3, 4, 5, 6, tzinfo=UTC)


def test_every_bench_script_imports(tmp_path):
    """A script's top level (its imports from tests/ and bench/) runs without its main: a helper
    renamed or moved elsewhere breaks `make bench` long after the suite last ran it."""
    scripts = sorted(str(path) for path in (REPO / "bench").glob("*.py"))
    check = (
        "import runpy, sys\n"
        "for path in sys.argv[1:]:\n"
        "    runpy.run_path(path, run_name='bench_import_check')\n"
    )
    done = subprocess.run([sys.executable, "-c", check, *scripts], check=False, cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_reference_commit_unpacks_its_packages_or_is_a_typed_error(tmp_path):
    short = gitref.unpack_ref("HEAD", ["transform"], tmp_path / "ref")
    assert short and (tmp_path / "ref" / "transform" / "events.py").is_file()
    assert not (tmp_path / "ref" / "load").exists()
    with pytest.raises(gitref.RefError, match="--compare-ref no-such-ref"):
        gitref.unpack_ref("no-such-ref", ["transform"], tmp_path / "other")


@pytest.mark.parametrize("script", ["entity_bench.py", "extraction_bench.py",
                                    "story_scale_bench.py"])
def test_an_unknown_reference_commit_ends_in_one_line(script, tmp_path):
    args = ["--compare-ref", "no-such-ref"]
    if script == "story_scale_bench.py":
        args += ["--sizes", "10", "--new", "2", "--no-pg"]
    else:
        (tmp_path / "article-extraction").mkdir()
        (tmp_path / "article-extraction" / "ground-truth.json").write_text("{}")
        (tmp_path / "article-extraction-multilingual").mkdir()
        (tmp_path / "article-extraction-multilingual" / "annotations.json").write_text("{}")
        data = tmp_path if script == "extraction_bench.py" else tmp_path / "article-extraction"
        args += ["--data", str(data)]
    done = subprocess.run([sys.executable, str(REPO / "bench" / script), *args], check=False,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr.strip().count("\n") == 0 and "no-such-ref" in done.stderr


def test_an_unknown_first_distance_reference_ends_in_one_line():
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "entity_bench.py"), "--first-distance",
         "--distance-ref", "no-such-ref"],
        check=False, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr.strip().count("\n") == 0 and "no-such-ref" in done.stderr


def test_aggregate_takes_medians_and_spreads_per_figure():
    runs = [
        [Figure("rate", 10.0, "pages/s", 20.0, "plain", 0.5, ">= 0.4x"), Figure("rss", 7, "MiB")],
        [Figure("rate", 30.0, "pages/s", 40.0, "plain", 0.75, ">= 0.4x")],
        [Figure("rate", 20.0, "pages/s", 25.0, "plain", 0.8, ">= 0.4x")],
    ]
    rate, rss = aggregate("e2e", runs)
    assert (rate.value.median, rate.value.low, rate.value.high, rate.value.runs) == (20, 10, 30, 3)
    assert rate.baseline.median == 25.0
    assert rate.ratio.median == 0.75  # median of the per-run ratios, not a ratio of medians
    assert rate.goal == ">= 0.4x"
    assert rss.value.runs == 1 and rss.baseline is None and rss.ratio is None


def test_aggregate_rejects_a_figure_with_mixed_units():
    with pytest.raises(ResultsError, match="mixed units"):
        aggregate("x", [[Figure("t", 1, "ms")], [Figure("t", 1, "s")]])


def test_markdown_table_has_every_column_and_reports_absent_benchmarks():
    ok = BenchOutcome(
        "crawl",
        "python bench/crawl_bench.py",
        "ok",
        seconds=12.0,
        runs=2,
        figures=[
            [Figure("wall/limit", 1.1, "x", 1.3, "1 host", 0.85, "<= 1.25x")],
            [Figure("wall/limit", 1.3, "x", 1.3, "1 host", 1.0, "<= 1.25x")],
        ],
        output="crawl benchmark: 10 hosts\n",
    )
    absent = BenchOutcome(
        "extraction",
        "python bench/extraction_bench.py",
        "data absent: /nowhere/article-extraction (pass --data)",
    )
    section = BenchOutcome(
        "faults",
        "python bench/faults_report.py",
        "ok",
        output="## Faults\n\nall good\n",
        markdown=True,
    )
    text = render_markdown(
        [ok, absent, section], "test box, 2 CPUs", WHEN, "python bench/run_all.py"
    )
    assert "\n## Faults\n\nall good\n" in text and "<summary>faults</summary>" not in text
    assert "| figure | value | baseline | ratio | goal | machine | date |" in text
    row = next(line for line in text.splitlines() if line.startswith("| crawl: wall/limit"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1] == "1.20x [1.10–1.30, n=2]"
    assert cells[2] == "1 host: 1.30x [1.30–1.30, n=2]"
    assert cells[3] == "0.925x [0.850–1.00, n=2]"
    assert cells[4:] == ["<= 1.25x", "test box, 2 CPUs", "2026-03-04 05:06 UTC"]
    assert "| extraction: **data absent: /nowhere/article-extraction (pass --data)** |" in text
    assert "crawl benchmark: 10 hosts" in text


def test_median_points_and_chart(tmp_path):
    points = [
        ScalePoint("e2e", 1000, 10.0),
        ScalePoint("e2e", 1000, 14.0),
        ScalePoint("e2e", 20000, 11.0),
        ScalePoint("lonely", 5, 1.0),
    ]
    series = median_points(points)
    assert series == {"e2e": [(1000, 12.0), (20000, 11.0)], "lonely": [(5, 1.0)]}
    path = write_chart(series, tmp_path / "chart.png", goals={"goal": 1.2})
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ResultsError):
        write_chart({"lonely": [(5, 1.0)]}, tmp_path / "none.png")


CRAWL_OUTPUT = """\
crawl benchmark: 4 hosts x 5 pages, host_delay 0.1s, physical limit 0.50s (serial would be 2s)
run                     pages ok    wall s   / limit
baseline: 1 host             5/5      0.60      1.20
4 hosts                    19/20      0.55      1.10
4 hosts / 1 host: 0.92x wall time for 4x the pages; 24 fetch-log entries; goal: <= 1.25x limit
"""

LOAD_OUTPUT = """\
5,000 records built from /data (batch 500 rows/transaction)

SQLite: 5,000 articles (+10,000 URL rows)
  load                                seconds     rows/s
  bare executemany (sqlite3)             0.50     10,000
  upsert_articles (first load)           2.00      2,500
  upsert_articles (re-load)              1.00      5,000
  ratio upsert/baseline = 0.25 (MISSES the >= 0.5 goal)
"""


def test_parsers_read_the_scripts_output_formats():
    ctx = run_all.Context(quick=True, data=Path("/data"), workdir=Path("/tmp"))
    figures, points = run_all.parse_crawl(CRAWL_OUTPUT, ctx)
    assert figures[0].value == pytest.approx(1.10) and figures[0].ratio == pytest.approx(0.55 / 0.6)
    assert figures[1].value == pytest.approx(95.0) and figures[1].baseline == 100.0
    assert [(p.scale, p.cost) for p in points] == [(1, pytest.approx(1.2)), (4, pytest.approx(1.1))]
    figures, _ = run_all.parse_load(LOAD_OUTPUT, ctx)
    assert [(f.name, f.value, f.baseline, f.ratio) for f in figures] == [
        ("SQLite upsert first load", 2500, 10000, 0.25),
        ("SQLite upsert re-load (unchanged)", 5000, 10000, 0.5),
    ]
    with pytest.raises(run_all.OutputError):
        run_all.parse_crawl("something else entirely\n", ctx)


FAULTS_OUTPUT = """\
## Faults

11 of 12 injected faults survived (92%), 3 warehouse rows lost: GOAL MISSED (goal: every ...).
"""


STORY_SCALE_OUTPUT = """\
sqlite     stored=  10000    18.51 ms/new article (median of 3 [13.45-18.77] processes, each the median of 3 runs; cpu 18.30 ms [13.40-18.70])  x
postgresql stored=  10000    30.12 ms/new article (median of 3 [28.52-33.42] processes, each the median of 3 runs; cpu 21.65 ms [21.00-22.00] = client 15.00 + server 6.65)  x
ref@125b6e5 sqlite stored=  10000    9.00 ms/new article (median of 3 [8.00-9.50] processes, each the median of 3 runs; cpu 9.00 ms [8.00-9.50])  x
sqlite     stored= 100000    29.18 ms/new article (median of 3 [27.05-29.73] processes, each the median of 3 runs; cpu 28.66 ms [27.00-29.00]; wall not queued for a CPU 28.90 ms)  x
postgresql stored= 100000    35.20 ms/new article (median of 3 [33.63-36.82] processes, each the median of 3 runs; cpu 28.07 ms [28.00-29.00] = client 20.00 + server 8.07)  x
ref@125b6e5 sqlite stored= 100000    9.50 ms/new article (median of 3 [9.00-9.90] processes, each the median of 3 runs; cpu 9.40 ms [9.00-9.90])  x
sqlite     vs ref@125b6e5 stored=100000: 3.05x cpu [2.90-3.20], 3.07x wall [2.95-3.30] (median of 3 same-pass process pairs; goal <= 1.2)
sqlite     ratio 100000/10000 = 1.41 wall [1.30-2.10], 1.40 cpu [1.35-2.00] (median of 3 same-pass process pairs; goal <= 1.3)
ref@125b6e5 sqlite ratio 100000/10000 = 1.05 wall [1.00-1.10], 1.04 cpu [1.00-1.10] (median of 3 same-pass process pairs; goal <= 1.3)
"""


def test_story_scale_figures_keep_the_spread_of_the_benchmarks_own_processes():
    """This tree's lines are the figures; a --compare-ref commit's lines are not read as ours."""
    ctx = run_all.Context(quick=False, data=Path("/data"), workdir=Path("/tmp"))
    figures, points = run_all.parse_story_scale(STORY_SCALE_OUTPUT, ctx)
    (summary, _) = aggregate("story-scale", [figures])
    assert summary.name == "sqlite ms per new article at 100,000 stored"
    assert (summary.value.median, summary.value.low, summary.value.high) == (29.18, 27.05, 29.73)
    assert summary.value.runs == 3 and summary.baseline.low == 13.45
    # the growth is the benchmark's own pass-by-pass ratio, not a ratio of the two medians
    assert summary.ratio.median == 1.41 and summary.ratio.runs == 1
    (postgresql,) = [f for f in figures if f.name.startswith("postgresql")]
    assert postgresql.ratio == pytest.approx(35.20 / 30.12)  # no ratio line printed: medians
    assert len(points) == 4
    # Several runs of the benchmark: the spread is over the runs, as for every other figure.
    (over_runs, _) = aggregate("story-scale", [figures, figures])
    assert over_runs.value.runs == 2


def test_faults_parser_reads_the_section_summary():
    ctx = run_all.Context(quick=True, data=Path("/data"), workdir=Path("/tmp"))
    survived, lost = run_all.parse_faults(FAULTS_OUTPUT, ctx)[0]
    assert survived.value == pytest.approx(100 * 11 / 12) and survived.goal == "100 %"
    assert (lost.value, lost.unit, lost.goal) == (3, "rows", "0")


def test_faults_report_prints_only_its_section_after_running_the_tests(
    tmp_path, monkeypatch, capfd
):
    """run_all puts the report's stdout into RESULTS.md: pytest's progress must not be in it."""
    fault_test = tmp_path / "test_fault.py"
    records = tmp_path / "records"
    records.mkdir()
    fault_test.write_text(
        "import json, pathlib\n"
        "def test_writes_a_record():\n"
        f"    pathlib.Path({str(records)!r}, 'kill.json').write_text(json.dumps(\n"
        "        {'fault': 'kill', 'tried': 2, 'survived': 2, 'rows_lost': 0}))\n"
    )
    monkeypatch.setattr(faults_report, "FAULT_TESTS", (str(fault_test),))
    assert faults_report.main(["--run", "--markdown", "--data", str(records)]) == 0
    out, err = capfd.readouterr()
    assert out.startswith("## Faults\n") and "2 of 2 injected faults survived" in out
    assert "1 passed" not in out and "1 passed" in err


def _spread(value: float) -> dict[str, float]:
    return {"median": value, "min": value, "max": value, "n": 1}


def test_e2e_parser_reads_the_json_summary(tmp_path):
    headline = {
        "seconds_per_page": {"100": _spread(0.04), "400": _spread(0.05)},
        "pages_per_s": _spread(20.0),
        "cpu_ms_per_page": _spread(30.0),
        "peak_rss_mib": _spread(150.0),
        "peak_rss_mib_by_size": {"100": _spread(120.0), "400": _spread(150.0)},
        "startup_seconds": _spread(3.0),
        "stage_share": {"fetch": 0.2, "dedup": 0.1, "events": 0.6, "other": 0.1},
        "growth_ratio": 1.25,
    }
    summary = {
        "pages": 400,
        "sizes": [100, 400],
        "errors": [],
        "baseline_fetch_pages_per_s": _spread(200.0),
        "backends": {
            "sqlite": headline,
            "postgresql": headline
            | {
                "pages_per_s": _spread(10.0),
                "seconds_per_page": {"400": _spread(0.1)},
                "peak_rss_mib_by_size": {"400": _spread(160.0)},
            },
        },
    }
    (tmp_path / "e2e.json").write_text(json.dumps(summary))
    ctx = run_all.Context(quick=False, data=tmp_path, workdir=tmp_path)
    figures, points = run_all.parse_e2e("", ctx)
    by_name = {f.name: f for f in figures}
    rate = by_name["sqlite pages/s at 400 pages"]
    assert (rate.value, rate.baseline, rate.ratio) == (20.0, 200.0, 0.1)
    growth = by_name["sqlite run ms/page at 400 pages"]
    assert (growth.value, growth.baseline) == (50.0, 40.0)
    assert growth.ratio == pytest.approx(1.25) and growth.goal == "<= 1.2x"
    assert "postgresql run ms/page at 400 pages" not in by_name  # one size only: no growth
    memory = by_name["sqlite peak RSS at 400 pages"]
    assert (memory.value, memory.baseline, memory.ratio) == (150.0, 120.0, 1.25)
    assert "postgresql peak RSS at 400 pages" not in by_name
    assert by_name["postgresql vs sqlite pages/s at 400 pages"].ratio == 0.5
    assert by_name["sqlite time share: events"].value == pytest.approx(60.0)
    assert sorted((p.series, p.scale) for p in points) == [
        ("e2e postgresql (ms/page vs pages)", 400),
        ("e2e sqlite (ms/page vs pages)", 100),
        ("e2e sqlite (ms/page vs pages)", 400),
        ("e2e sqlite (peak RSS vs pages)", 100),
        ("e2e sqlite (peak RSS vs pages)", 400),
    ]


def test_data_absent_is_reported_without_running(tmp_path):
    ctx = run_all.Context(quick=True, data=tmp_path / "missing", workdir=tmp_path)
    outcome = run_all.run_bench(run_all.BY_NAME["extraction"], ctx, runs=1)
    assert outcome.status.startswith("data absent:") and outcome.runs == 0


def test_driver_quick_only_writes_results(tmp_path):
    out = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run_all.py"),
            "--quick",
            "--only",
            "crawl",
            "--data",
            str(tmp_path / "no-data"),
            "--out",
            str(out),
        ],
        check=False,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    assert "| crawl: 10 hosts wall time / politeness limit |" in text
    assert f"Benchmark data directory {tmp_path / 'no-data'} is absent" in text
    assert "Quick mode" in text


def test_a_timed_out_benchmark_takes_its_children_with_it(tmp_path):
    pid_file = tmp_path / "grandchild.pid"
    script = (
        "import os, subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
        f"open({str(pid_file) + '.new'!r}, 'w').write(str(child.pid))\n"
        f"os.replace({str(pid_file) + '.new'!r}, {str(pid_file)!r})\n"  # whole, or absent
        "time.sleep(600)\n"
    )
    # The timeout must fall after the child was started, which a loaded machine may delay
    # past any fixed figure: a run timed out before that proves nothing, so the test tries
    # again with a longer timeout until the child was there to be killed.
    for timeout in (3, 10, 30, 120):
        with pytest.raises(subprocess.TimeoutExpired):
            run_all._run_in_own_group([sys.executable, "-c", script], timeout=timeout)
        if pid_file.exists():
            break
    grandchild = int(pid_file.read_text())
    deadline = time.monotonic() + 60  # ends early: only a loaded machine waits long
    stat = Path(f"/proc/{grandchild}/stat")
    while time.monotonic() < deadline:
        try:
            if stat.read_text().split(")")[-1].split()[0] == "Z":
                return  # killed, waiting only to be reaped by whoever adopted it
        except FileNotFoundError:
            return
        time.sleep(0.1)
    pytest.fail(f"the benchmark's child {grandchild} outlived the timeout")


def test_scaled_demo_corpus_has_known_events_copies_and_every_host():
    from demo_scale import scaled_corpus

    from wirehouse.demo.corpus import CORPUS_DIR, load_corpus

    base = load_corpus(CORPUS_DIR)
    corpus = scaled_corpus(base, 600, 12)
    assert corpus == scaled_corpus(base, 600, 12)  # deterministic for a seed
    assert len(corpus.articles) == 600 and len({a.path for a in corpus.articles}) == 600
    assert {a.site for a in corpus.articles} == {s.key for s in corpus.sites}
    by_id = {a.id: a for a in corpus.articles}
    copies = [a for a in corpus.articles if a.syndicated_from]
    assert copies
    for copy in copies:
        original = by_id[copy.syndicated_from]
        assert copy.site != original.site and copy.event == original.event
        assert copy.published > original.published
        assert copy.paragraphs[:-1] == original.paragraphs[: len(copy.paragraphs) - 1]
    sizes = Counter(a.event for a in corpus.articles if not a.syndicated_from)
    assert 20 < len(sizes) < 300 and max(sizes.values()) > 2
    # A larger corpus covers more days at the same rate, ending where the demo's week ends.
    larger = scaled_corpus(base, 1800, 12)
    span = max(a.published for a in corpus.articles) - min(a.published for a in corpus.articles)
    wider = max(a.published for a in larger.articles) - min(a.published for a in larger.articles)
    assert wider > 2 * span


def test_benchmark_databases_are_made_when_missing(_postgres_base_url):
    """A new machine's server has none of the benchmarks' databases: they make their own."""
    name = f"wirehouse_bench_probe_{time.time_ns()}"
    url = _postgres_base_url.set(database=name)
    try:
        ensure_database(url)
        ensure_database(url)  # already there: nothing to do
        with psycopg.connect(**libpq_params(url)) as connection:
            assert connection.execute("SELECT current_database()").fetchone() == (name,)
    finally:
        drop_database(url, name)
    made = create_database(url, name)
    try:
        with psycopg.connect(**libpq_params(made)) as connection:
            assert connection.execute("SELECT current_database()").fetchone() == (name,)
    finally:
        drop_database(url, name)
    with psycopg.connect(**libpq_params(_postgres_base_url)) as connection:
        gone = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        assert gone.fetchone() is None


def test_a_private_schema_holds_its_tables_and_goes_with_them(_postgres_base_url):
    """Tests and benchmarks each work in a schema of their own, dropped with what they made."""
    with private_schema(_postgres_base_url, "probe") as schema:
        assert schema.startswith("probe_")
        with psycopg.connect(**libpq_params(schema_url(_postgres_base_url, schema))) as conn:
            conn.execute("CREATE TABLE ledger (entry integer)")
            conn.commit()
            assert conn.execute("SELECT current_schema()").fetchone() == (schema,)
    with psycopg.connect(**libpq_params(_postgres_base_url)) as connection:
        gone = connection.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,))
        assert gone.fetchone() is None
