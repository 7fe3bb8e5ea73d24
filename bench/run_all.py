"""Run every Wirehouse benchmark, several times each, and write bench/RESULTS.md and the chart.

    .venv/bin/python bench/run_all.py                  # everything; RESULTS.md + scaling.png
    .venv/bin/python bench/run_all.py --quick          # small sizes, one run: a smoke run
    .venv/bin/python bench/run_all.py --only crawl     # one benchmark, table on stdout
    .venv/bin/python bench/run_all.py --list

Each benchmark script runs as a subprocess; its figures are read from its stdout (or from the
JSON file it writes, for e2e) and every figure is reported as the median of the runs with its
spread. A benchmark whose data is missing, whose script is absent or which fails is reported
as such in the table, never dropped.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from results import (
    BenchOutcome,
    Figure,
    ResultsError,
    ScalePoint,
    Spread,
    machine_description,
    median_points,
    render_markdown,
    write_chart,
)

DEFAULT_DATA = REPO.parent / "shared" / "bench"
NUMBER = r"([0-9][0-9,]*\.?[0-9]*)"


class OutputError(ValueError):
    """A benchmark's output did not contain the lines its parser expects."""


@dataclass(frozen=True)
class Context:
    quick: bool
    data: Path
    workdir: Path  # a scratch directory for files the benchmarks write (JSON)


Parsed = tuple[list[Figure], list[ScalePoint]]


@dataclass(frozen=True)
class Bench:
    name: str
    script: str  # file name in bench/
    args: Callable[[Context], list[str]]
    parse: Callable[[str, Context], Parsed]
    data: tuple[str, ...] = ()  # paths under --data that must exist
    runs: int = 3  # default runs in a full run (--runs overrides)
    per_run: Callable[[int], list[str]] = lambda _: []  # extra arguments of the i-th run
    timeout: float = 3600  # seconds one run may take in a full run (--timeout overrides)
    markdown: bool = False  # the script prints a RESULTS.md section: include it as such


def _num(text: str) -> float:
    return float(text.replace(",", ""))


def _search(pattern: str, text: str, what: str) -> re.Match[str]:
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        raise OutputError(f"no {what} line in the output")
    return match


# Issue 14's goals: the multilingual corpus is trafilatura's own; time against trafilatura's.
_EXTRACTION_GOALS = {
    ("zyte", "body F1"): ">= 0.975",
    ("multilingual", "body F1"): ">= 0.94",
    ("multilingual", "recall"): ">= 0.93",
    ("zyte", "time per page"): "<= 0.9x",
    ("multilingual", "time per page"): "<= 0.9x",
}


def parse_extraction(out: str, ctx: Context) -> Parsed:
    """Per set: body F1, P, R and time per page against trafilatura; on sets stating them,
    same-day published-date and exact-title accuracy against trafilatura's."""
    rows = {
        (m[1], m[2]): m
        for m in re.finditer(
            rf"^(\w+) (\S+)\s+P={NUMBER} R={NUMBER} F1={NUMBER}\s+{NUMBER} ms/page",
            out,
            re.MULTILINE,
        )
    }
    sets = sorted({s for s, _name in rows}, key=lambda s: (s != "zyte", s))
    figures = []
    for set_name in sets:
        if {(set_name, "wirehouse"), (set_name, "trafilatura")} - rows.keys():
            raise OutputError(f"no wirehouse and trafilatura score lines for {set_name}")
        ours, theirs = rows[(set_name, "wirehouse")], rows[(set_name, "trafilatura")]
        for label, group, unit in (("body F1", 5, ""), ("precision", 3, ""),
                                   ("recall", 4, ""), ("time per page", 6, "ms")):
            value, base = _num(ours[group]), _num(theirs[group])
            figures.append(Figure(f"{set_name} {label}", value, unit, base, "trafilatura",
                                  value / base if base else None,
                                  _EXTRACTION_GOALS.get((set_name, label), "")))
        for what in ("published date same day", "title exact"):
            found = re.search(
                rf"^{set_name} {what}, (\d+) pages stating one: wirehouse {NUMBER}"
                rf"\s+trafilatura {NUMBER}",
                out,
                re.MULTILINE,
            )
            if found:
                value, base = _num(found[2]), _num(found[3])
                figures.append(Figure(f"{set_name} {what} accuracy ({found[1]} pages)", value,
                                      "", base, "trafilatura", value / base if base else None))
    if not figures:
        raise OutputError("no wirehouse and trafilatura score lines in the output")
    return figures, []


def parse_entities(out: str, ctx: Context) -> Parsed:
    line = rf"P={NUMBER} R={NUMBER} F1={NUMBER}\s+{NUMBER} ms/article"
    ours = _search(r"^wirehouse\s+" + line, out, "wirehouse entity score")
    base = _search(r"^baseline\s+" + line, out, "baseline entity score")
    baseline = "capitalised runs"
    figures = [
        Figure(
            name, _num(ours[i]), "", _num(base[i]), baseline, _num(ours[i]) / _num(base[i])
        )
        for name, i in (("entity F1", 3), ("entity precision", 1), ("entity recall", 2))
    ]
    for kind in ("person", "organization", "place"):
        row = _search(rf"^  wirehouse kind {kind}\s+P={NUMBER} R={NUMBER}", out, kind)
        figures.append(Figure(f"{kind} precision", _num(row[1]), "", None, "", None))
        figures.append(Figure(f"{kind} recall", _num(row[2]), "", None, "", None))
    ms, base_ms = _num(ours[4]), _num(base[4])
    figures.append(Figure("time per article", ms, "ms", base_ms, baseline, ms / base_ms))
    load = _search(
        rf"^load wirehouse: {NUMBER} s, RSS {NUMBER} MB \(\+{NUMBER} MB", out, "recognizer load"
    )
    figures.append(Figure("recognizer load", _num(load[1]), "s", None, "", None))
    figures.append(Figure("recognizer RSS", _num(load[2]), "MB", None, "", None))
    return figures, []


def parse_clustering(out: str, ctx: Context) -> Parsed:
    line = rf"B3 P={NUMBER} R={NUMBER} F1={NUMBER}\s+pairwise F1={NUMBER}"
    base = _search(r"^TF-IDF single pass.*?" + line, out, "TF-IDF baseline")
    ours = _search(r"^wirehouse.*?" + line, out, "wirehouse clustering")
    return [
        Figure(
            "B-cubed F1",
            _num(ours[3]),
            "",
            _num(base[3]),
            "TF-IDF single pass",
            _num(ours[3]) / _num(base[3]),
            ">= 0.80",
        ),
        Figure(
            "pairwise F1",
            _num(ours[4]),
            "",
            _num(base[4]),
            "TF-IDF single pass",
            _num(ours[4]) / _num(base[4]),
        ),
    ], []


def parse_same_window(out: str, ctx: Context) -> Parsed:
    line = rf"pairs apart=\s*{NUMBER}/{NUMBER}\s+whole=\s*{NUMBER}/{NUMBER}.*?F1={NUMBER}"
    words = _search(r"^wirehouse, words only\s+" + line, out, "words-only pipeline")
    ours = _search(r"^wirehouse\s+" + line, out, "wirehouse")
    base = "wirehouse, words only"
    return [
        Figure(
            "pairs kept apart",
            _num(ours[1]),
            f"of {ours[2]}",
            _num(words[1]),
            base,
            _num(ours[1]) / max(_num(words[1]), 1.0),
            "all",
        ),
        Figure(
            "happenings kept whole",
            _num(ours[3]),
            f"of {ours[4]}",
            _num(words[3]),
            base,
            _num(ours[3]) / max(_num(words[3]), 1.0),
            "all",
        ),
        Figure(
            "B-cubed F1", _num(ours[5]), "", _num(words[5]), base, _num(ours[5]) / _num(words[5])
        ),
    ], []


def parse_real_pages(out: str, ctx: Context) -> Parsed:
    """B-cubed precision and pages in false-join events, all pages with their extracted text;
    the words-only pipeline is the baseline."""
    block = _search(r"^all pages, extracted text: .*(?:\n  .*)+", out, "all-pages block")[0]
    line = rf"events of 2\+=\s*{NUMBER}\s+pages in them=\s*{NUMBER}\s+B3 P={NUMBER}"
    ours = _search(r"^  wirehouse\s+" + line, block, "wirehouse")
    words = _search(r"^  wirehouse, words only\s+" + line, block, "words-only pipeline")
    tfidf = _search(r"^  TF-IDF single pass\s+" + line, block, "TF-IDF baseline")
    base = "wirehouse, words only"
    return [
        Figure("B-cubed precision", _num(ours[3]), "", _num(words[3]), base,
               _num(ours[3]) / _num(words[3])),
        Figure("pages in events of 2+", _num(ours[2]), "pages", _num(words[2]), base,
               _num(ours[2]) / max(_num(words[2]), 1.0)),
        Figure("TF-IDF single pass B-cubed precision", _num(tfidf[3]), ""),
    ], []


def parse_story_scale(out: str, ctx: Context) -> Parsed:
    costs: dict[str, dict[int, float]] = {}
    spreads: dict[tuple[str, int], Spread] = {}
    line = (
        rf"^(\w+)\s+stored=\s*(\d+)\s+{NUMBER} ms/new article"
        rf"(?:.*?median of (\d+) \[{NUMBER}-{NUMBER}\])?"
    )
    for m in re.finditer(line, out, re.MULTILINE):
        costs.setdefault(m[1], {})[int(m[2])] = _num(m[3])
        if m[4]:
            spreads[m[1], int(m[2])] = Spread(_num(m[3]), _num(m[5]), _num(m[6]), int(m[4]))
    if not costs:
        raise OutputError("no 'stored=N ... ms/new article' lines in the output")
    # the growth the benchmark measured pass by pass (both sizes in the same minutes), where
    # it printed one: a ratio of medians would mix passes run under different loads
    growth_line = rf"^(\w+)\s+ratio \d+/\d+ = {NUMBER} wall"
    growth = {m[1]: _num(m[2]) for m in re.finditer(growth_line, out, re.MULTILINE)}
    figures, points = [], []
    for backend, by_size in costs.items():
        small, large = min(by_size), max(by_size)
        figures.append(
            Figure(
                f"{backend} ms per new article at {large:,} stored",
                by_size[large],
                "ms",
                by_size[small],
                f"at {small:,} stored",
                growth.get(backend, by_size[large] / by_size[small]),
                "<= 1.3x",
                spread=spreads.get((backend, large)),
                baseline_spread=spreads.get((backend, small)),
            )
        )
        points += [
            ScalePoint(f"stories {backend} (ms/article vs stored)", size, cost)
            for size, cost in by_size.items()
        ]
    return figures, points


def parse_crawl(out: str, ctx: Context) -> Parsed:
    limit = _num(_search(rf"physical limit {NUMBER}s", out, "physical limit")[1])
    base = _search(rf"^baseline: 1 host\s+(\d+)/(\d+)\s+{NUMBER}", out, "baseline")
    many = _search(rf"^(\d+) hosts\s+(\d+)/(\d+)\s+{NUMBER}", out, "many-hosts")
    hosts, wall, base_wall = int(many[1]), _num(many[4]), _num(base[3])
    return [
        Figure(
            f"{hosts} hosts wall time / politeness limit",
            wall / limit,
            "x",
            base_wall / limit,
            "1 host",
            wall / base_wall,
            "<= 1.25x limit",
        ),
        Figure(
            f"{hosts} hosts pages fetched",
            100 * _num(many[2]) / _num(many[3]),
            "%",
            100 * _num(base[1]) / _num(base[2]),
            "1 host",
        ),
    ], [
        ScalePoint("crawl (wall/limit vs hosts)", 1, base_wall / limit),
        ScalePoint("crawl (wall/limit vs hosts)", hosts, wall / limit),
    ]


def parse_warc_memory(out: str, ctx: Context) -> Parsed:
    rows = [
        m
        for m in re.finditer(
            rf"^\s*(\d+)\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}\s*$", out, re.MULTILINE
        )
    ]
    if len(rows) < 2:
        raise OutputError("no two 'records ... peak' table rows in the output")
    small, large = rows[0], rows[-1]
    n_small, n_large = int(small[1]), int(large[1])
    rss, base_rss = _num(large[4]), _num(small[4])
    traced, base_traced = _num(large[5]), _num(small[5])
    return [
        Figure(
            f"RSS peak at {n_large:,} records",
            rss,
            "MiB",
            base_rss,
            f"{n_small:,} records",
            rss / base_rss,
            "<= 1.2x",
        ),
        Figure(
            f"traced peak at {n_large:,} records",
            traced,
            "MiB",
            base_traced,
            f"{n_small:,} records",
            traced / base_traced,
            "<= 1.2x",
        ),
    ], [
        ScalePoint("WARC streaming (RSS peak vs records)", n_small, base_rss),
        ScalePoint("WARC streaming (RSS peak vs records)", n_large, rss),
    ]


def parse_load(out: str, ctx: Context) -> Parsed:
    figures = []
    for block in re.split(r"\n(?=\w+: [\d,]+ articles)", out):
        head = re.match(r"(\w+): ([\d,]+) articles", block.strip())
        if head is None:
            continue
        engine = head[1]
        rates = {
            m[1].strip(): _num(m[3])
            for m in re.finditer(rf"^\s+(.+?)\s+{NUMBER}\s+{NUMBER}\s*$", block, re.MULTILINE)
        }
        baseline_name = next((k for k in rates if not k.startswith("upsert_articles")), None)
        first, again = (
            rates.get("upsert_articles (first load)"),
            rates.get("upsert_articles (re-load)"),
        )
        if baseline_name is None or first is None or again is None:
            raise OutputError(f"{engine}: no baseline/upsert rate lines in the output")
        base = rates[baseline_name]
        figures.append(
            Figure(
                f"{engine} upsert first load",
                first,
                "rows/s",
                base,
                baseline_name,
                first / base,
                ">= 0.5x",
            )
        )
        figures.append(
            Figure(
                f"{engine} upsert re-load (unchanged)",
                again,
                "rows/s",
                base,
                baseline_name,
                again / base,
            )
        )
    if not figures:
        raise OutputError("no 'ENGINE: N articles' blocks in the output")
    return figures, []


def parse_demo_scale(out: str, ctx: Context) -> Parsed:
    base = _num(
        _search(
            rf"^baseline, one sequential client:\s+{NUMBER} pages/s", out, "sequential baseline"
        )[1]
    )
    parallel = _num(
        _search(rf"^one client per host \(parallel\):\s+{NUMBER} pages/s", out, "parallel")[1]
    )
    return [
        Figure(
            "demo servers, one client per host",
            parallel,
            "pages/s",
            base,
            "one sequential client",
            parallel / base,
        )
    ], []


def parse_e2e(out: str, ctx: Context) -> Parsed:
    path = ctx.workdir / "e2e.json"
    if not path.is_file():
        raise OutputError(f"e2e bench wrote no {path.name}")
    summary = json.loads(path.read_text())
    path.unlink()
    backends, pages = summary["backends"], summary["pages"]
    fetch = summary["baseline_fetch_pages_per_s"]
    figures, points = [], []
    for backend, entry in backends.items():
        if "pages_per_s" in entry:
            rate = entry["pages_per_s"]["median"]
            figures.append(
                Figure(
                    f"{backend} pages/s at {pages:,} pages",
                    rate,
                    "pages/s",
                    fetch.get("median"),
                    "plain parallel fetch",
                    rate / fetch["median"] if fetch else None,
                )
            )
            figures.append(
                Figure(f"{backend} CPU per page", entry["cpu_ms_per_page"]["median"], "ms")
            )
            figures.append(
                Figure(f"{backend} peak RSS (child)", entry["peak_rss_mib"]["median"], "MiB")
            )
            figures.append(
                Figure(
                    f"{backend} child start-up before run_once",
                    entry["startup_seconds"]["median"],
                    "s",
                )
            )
            figures += [
                Figure(f"{backend} time share: {stage}", 100 * share, "%")
                for stage, share in entry["stage_share"].items()
            ]
        by_size = {int(size): v["median"] for size, v in entry["seconds_per_page"].items()}
        if len(by_size) > 1:
            small, large = min(by_size), max(by_size)
            figures.append(
                Figure(
                    f"{backend} run ms/page at {large:,} pages",
                    1000 * by_size[large],
                    "ms",
                    1000 * by_size[small],
                    f"at {small:,} pages",
                    by_size[large] / by_size[small],
                    "<= 1.2x",
                )
            )
        points += [
            ScalePoint(f"e2e {backend} (ms/page vs pages)", size, 1000 * cost)
            for size, cost in by_size.items()
        ]
        peaks = {int(size): v["median"] for size, v in entry["peak_rss_mib_by_size"].items()}
        if len(peaks) > 1:
            points += [
                ScalePoint(f"e2e {backend} (peak RSS vs pages)", size, mib)
                for size, mib in peaks.items()
            ]
            small, large = min(peaks), max(peaks)
            figures.append(
                Figure(
                    f"{backend} peak RSS at {large:,} pages",
                    peaks[large],
                    "MiB",
                    peaks[small],
                    f"at {small:,} pages",
                    peaks[large] / peaks[small],
                )
            )
    if all("pages_per_s" in backends.get(b, {}) for b in ("sqlite", "postgresql")):
        pg, lite = (backends[b]["pages_per_s"]["median"] for b in ("postgresql", "sqlite"))
        figures.append(
            Figure(
                f"postgresql vs sqlite pages/s at {pages:,} pages",
                pg,
                "pages/s",
                lite,
                "sqlite",
                pg / lite,
            )
        )
    return figures, points


def parse_faults(out: str, ctx: Context) -> Parsed:
    found = _search(
        rf"^{NUMBER} of {NUMBER} injected faults survived.*?, {NUMBER} warehouse rows lost",
        out,
        "faults summary",
    )
    survived, tried, lost = _num(found[1]), _num(found[2]), _num(found[3])
    return [
        Figure("injected faults survived", 100 * survived / tried, "%", goal="100 %"),
        Figure("warehouse rows lost to faults", lost, "rows", goal="0"),
    ], []


def parse_deadline(out: str, ctx: Context) -> Parsed:
    found = _search(rf"^run deadline {NUMBER} s, wall {NUMBER} s", out, "deadline figures")
    pages = _search(rf"^healthy pages loaded {NUMBER} of {NUMBER}", out, "healthy pages")
    deadline, wall = _num(found[1]), _num(found[2])
    return [
        Figure(
            "run wall time among hostile hosts",
            wall,
            "s",
            baseline=deadline,
            baseline_name="run deadline",
            ratio=wall / deadline,
            goal="<= 1.1x",
        ),
        Figure("healthy pages loaded", 100 * _num(pages[1]) / _num(pages[2]), "%", goal="100 %"),
    ], []


def parse_push(out: str, ctx: Context) -> Parsed:
    article = _search(rf"^publish to article p50: {NUMBER} s .*?, p95: {NUMBER} s", out,
                      "publish to article")
    event = _search(rf"^publish to event p50: {NUMBER} s, p95: {NUMBER} s", out,
                    "publish to event")
    rtt = _num(_search(rf"^hub publish round trip p50 \(baseline\): {NUMBER} s", out,
                       "hub round trip")[1])
    group = _num(_search(rf"^callback: {NUMBER} signed pushes/s", out, "pushes/s")[1])
    alone = _num(_search(rf"^callback storing each push alone \(baseline\): {NUMBER} pushes/s",
                         out, "pushes/s alone")[1])
    cpu = _search(rf"^serve CPU per push: {NUMBER} ms with group commit, {NUMBER} ms alone",
                  out, "CPU per push")
    killed = _search(rf"^SIGKILL during a burst: {NUMBER} acknowledged, {NUMBER} in the outbox, "
                     rf"{NUMBER} lost", out, "SIGKILL figures")
    p50, p95 = _num(article[1]), _num(article[2])
    return [
        Figure("publish to article row p50 (serve)", p50, "s", rtt, "hub publish round trip",
               p50 / rtt, "<= 5 s"),
        Figure("publish to article row p95 (serve)", p95, "s", rtt, "hub publish round trip",
               p95 / rtt),
        Figure("publish to event row p95 (serve)", _num(event[2]), "s"),
        Figure("signed pushes acknowledged per second", group, "pushes/s", alone,
               "one transaction + fsync per push", group / alone, ">= 200/s"),
        Figure("serve CPU per push", _num(cpu[1]), "ms", _num(cpu[2]),
               "one transaction + fsync per push", _num(cpu[1]) / _num(cpu[2])),
        Figure("acknowledged pushes lost to SIGKILL", _num(killed[3]), "pushes",
               goal=f"0 (of {int(_num(killed[1]))})"),
    ], []


def parse_startup(out: str, ctx: Context) -> Parsed:
    line = (
        rf"^{{name}}\s+median {NUMBER} s \[{NUMBER}-{NUMBER}\]\s+ratio {NUMBER}x"
        rf"\s+cpu {NUMBER} s \({NUMBER}x\)\s+goal (\S+ ?\S*)"
    )
    runs = int(_search(r"(\d+) runs each", out, "runs")[1])

    def row(name: str) -> tuple[float, Spread, str]:
        found = _search(line.format(name=re.escape(name)), out, name)
        spread = Spread(_num(found[1]), _num(found[2]), _num(found[3]), runs)
        return _num(found[1]), spread, found[7].strip()

    base, base_spread, _ = row("baseline")
    figures = []
    for name in ("wirehouse --help", "wirehouse stats", "wirehouse events", "wirehouse feeds list"):
        value, spread, goal = row(name)
        figures.append(
            Figure(
                f"`{name}` wall time",
                value,
                "s",
                base,
                "a minimal standard-library command line (argparse, sqlite3)",
                value / base,
                goal,
                spread=spread,
                baseline_spread=base_spread,
            )
        )
    one_liner, one_liner_spread, _ = row("trafilatura one-liner")
    value, spread, goal = row("wirehouse extract")
    figures.append(
        Figure(
            "`wirehouse extract PAGE` wall time",
            value,
            "s",
            one_liner,
            "trafilatura one-liner on PAGE",
            value / one_liner,
            goal,
            spread=spread,
            baseline_spread=one_liner_spread,
        )
    )
    return figures, []


def _e2e_args(ctx: Context) -> list[str]:
    json_arg = ["--json", str(ctx.workdir / "e2e.json"), "--runs", "1"]
    if ctx.quick:
        return ["--pages", "500", "--hosts", "10", "--sizes", "200,500", *json_arg]
    return ["--pages", "5000", "--hosts", "50", "--sizes", "1000,5000,20000", *json_arg]


# the two shared sets of real pages with their labels, read by the extraction and real-pages benches
_EXTRACTION_SETS = (
    "article-extraction/ground-truth.json",
    "article-extraction-multilingual/annotations.json",
)
def _entity_sample_bench(name: str, sample: str) -> Bench:
    """The entity benchmark on one of the blind samples in bench/ (``--sample``)."""
    return Bench(
        name,
        "entity_bench.py",
        lambda c: ["--data", str(c.data / "article-extraction"), "--sample", str(BENCH / sample)],
        parse_entities,
        data=("article-extraction/ground-truth.json",),
    )


BENCHES: tuple[Bench, ...] = (
    Bench(
        "startup",
        "startup_bench.py",
        lambda c: ["--repeats", "3" if c.quick else "9"],
        parse_startup,
        runs=1,  # the script repeats and interleaves the commands itself
        timeout=600,
    ),
    Bench(
        "crawl",
        "crawl_bench.py",
        lambda c: ["--hosts", "10", "--pages", "10", "--delay", "0.1"] if c.quick else [],
        parse_crawl,
    ),
    Bench(
        "demo-scale",
        "demo_scale.py",
        lambda c: (
            ["--pages", "600", "--hosts", "6"] if c.quick else ["--pages", "5000", "--hosts", "50"]
        ),
        parse_demo_scale,
    ),
    Bench(
        "warc-memory",
        "warc_memory_bench.py",
        lambda c: (
            ["--data", str(c.data / "article-extraction" / "html")]
            + (["--small", "200", "--large", "2000"] if c.quick else [])
        ),
        parse_warc_memory,
        data=("article-extraction/html",),
        runs=2,
    ),
    Bench(
        "extraction",
        "extraction_bench.py",
        lambda c: ["--data", str(c.data)],
        parse_extraction,
        data=_EXTRACTION_SETS,
    ),
    Bench(
        "entities",
        "entity_bench.py",
        lambda c: ["--data", str(c.data / "article-extraction")],
        parse_entities,
        data=("article-extraction/ground-truth.json",),
    ),
    Bench(
        "entities-held-out",
        "entity_bench.py",
        lambda c: ["--data", str(c.data / "article-extraction"), "--multilingual"],
        parse_entities,
        data=("article-extraction/ground-truth.json",),
    ),
    _entity_sample_bench("entities-unseen", "entity_sample_unseen.json"),
    _entity_sample_bench("entities-unseen-2", "entity_sample_unseen_2.json"),
    _entity_sample_bench("entities-unseen-3", "entity_sample_unseen_3.json"),
    _entity_sample_bench("entities-unseen-4", "entity_sample_unseen_4.json"),
    _entity_sample_bench("entities-unseen-5", "entity_sample_unseen_5.json"),
    _entity_sample_bench("entities-unseen-6", "entity_sample_unseen_6.json"),
    _entity_sample_bench("entities-unseen-7", "entity_sample_unseen_7.json"),
    Bench(
        "load",
        "load_bench.py",
        lambda c: ["--data", str(c.data)] + (["--rows", "5000"] if c.quick else []),
        parse_load,
        data=("story-clustering", "article-extraction/ground-truth.json"),
        runs=2,
    ),
    Bench(
        "clustering",
        "clustering_bench.py",
        lambda c: (
            ["--data", str(c.data / "story-clustering")] + (["--limit", "1500"] if c.quick else [])
        ),
        parse_clustering,
        data=("story-clustering",),
        runs=3,
        per_run=lambda run: ["--seed", str(7 + run)],  # each run its own shuffle and times
    ),
    Bench("same-window", "same_window_bench.py", lambda c: [], parse_same_window, runs=1),
    Bench(
        "real-pages",
        "real_pages_events_bench.py",
        lambda c: ["--data", str(c.data)],
        parse_real_pages,
        data=_EXTRACTION_SETS,
        runs=1,
    ),
    # Each run serves every size afresh and runs each backend once per size (about 7 minutes).
    Bench("e2e", "e2e_bench.py", _e2e_args, parse_e2e, runs=3),
    Bench(
        "story-scale",
        "story_scale_bench.py",
        lambda c: ["--sizes", "500,2000", "--new", "50"] if c.quick else [],
        parse_story_scale,
        runs=1,
    ),
    # WebSub pushes through flask-websub's hub into `wirehouse serve` (about 10 minutes).
    Bench(
        "push",
        "push_bench.py",
        lambda c: ["--pushes", "20", "--feeds", "4", "--sites", "2", "--burst", "300",
                   "--rounds", "1"] if c.quick else [],
        parse_push,
        runs=1,
    ),
    # A run among a 1-byte/s host and ten-year Retry-Afters, against its configured deadline.
    Bench(
        "deadline",
        "deadline_bench.py",
        lambda c: ["--deadline", "15" if c.quick else "30"],
        parse_deadline,
        runs=1,
    ),
    Bench(
        "faults",
        "faults_report.py",
        lambda c: ["--markdown"] if c.quick else ["--run", "--markdown"],
        parse_faults,
        runs=1,
        markdown=True,
    ),
)
BY_NAME = {b.name: b for b in BENCHES}


def run_bench(
    bench: Bench,
    ctx: Context,
    runs: int,
    python: str = sys.executable,
    timeout: float | None = None,
) -> BenchOutcome:
    """Run one benchmark ``runs`` times and collect its figures; failures become its status."""
    script = BENCH / bench.script
    command = " ".join(["python", f"bench/{bench.script}", *bench.args(ctx)])
    outcome = BenchOutcome(bench.name, command, "ok", markdown=bench.markdown)
    if not script.is_file():
        outcome.status = f"not present (bench/{bench.script})"
        return outcome
    missing = [str(ctx.data / p) for p in bench.data if not (ctx.data / p).exists()]
    if missing:
        outcome.status = f"data absent: {', '.join(missing)} (pass --data)"
        return outcome
    started = time.perf_counter()
    for run in range(runs):
        try:
            done = _run_in_own_group(
                [python, str(script), *bench.args(ctx), *bench.per_run(run)],
                timeout or bench.timeout,
            )
        except subprocess.TimeoutExpired as exc:
            outcome.status = f"failed: timed out after {exc.timeout:.0f} s"
            break
        outcome.runs += 1
        outcome.output = done.stdout + (f"\n[stderr]\n{done.stderr}" if done.returncode else "")
        try:
            figures, points = bench.parse(done.stdout, ctx)
        except (OutputError, ValueError, KeyError) as exc:
            outcome.status = f"failed: exit {done.returncode}; output not understood ({exc})"
            break
        outcome.figures.append(figures)
        outcome.points += points
        if done.returncode != 0:
            outcome.status = f"exit {done.returncode}: {_last_line(done.stdout + done.stderr)}"
    outcome.seconds = time.perf_counter() - started
    return outcome


def _run_in_own_group(command: list[str], timeout: float) -> subprocess.CompletedProcess:
    """Run a benchmark in its own process group, so that on timeout the processes it started
    (servers, child runs) are killed with it instead of running on beside the next benchmark."""
    with subprocess.Popen(
        command,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no output"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="comma-separated benchmark names (see --list)")
    parser.add_argument("--quick", action="store_true", help="small sizes, one run each")
    parser.add_argument("--runs", type=int, help="runs per benchmark (default: each one's own)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared bench data")
    parser.add_argument(
        "--out",
        type=Path,
        help="RESULTS.md to write (default: bench/RESULTS.md for a full run; stdout with --only)",
    )
    parser.add_argument(
        "--chart", type=Path, help="PNG chart (default: bench/scaling.png for a full run)"
    )
    parser.add_argument(
        "--timeout", type=float, help="seconds one benchmark run may take (default: its own)"
    )
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)
    if args.list:
        for bench in BENCHES:
            print(f"{bench.name:<12} bench/{bench.script}")
        return 0
    names = args.only.split(",") if args.only else [b.name for b in BENCHES]
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; --list shows them")
    out = args.out or (None if args.only else BENCH / "RESULTS.md")
    chart = args.chart or (None if args.only else BENCH / "scaling.png")
    notes = []
    if not args.data.is_dir():
        notes.append(
            f"Benchmark data directory {args.data} is absent: the benchmarks that "
            "need it are reported as 'data absent'."
        )
    load_1m = os.getloadavg()[0]
    notes.append(
        f"Load average when the run started: {load_1m:.1f} on {os.cpu_count()} CPUs"
        + (
            " (other work was running: timings are inflated and noisier)."
            if load_1m > (os.cpu_count() or 1)
            else "."
        )
    )
    if args.quick:
        notes.append("Quick mode: small sizes and one run each; a smoke run, not a measurement.")
    started_at = datetime.now(UTC)
    given = sys.argv[1:] if argv is None else argv
    command = " ".join(["python bench/run_all.py", *given])
    outcomes = [
        BenchOutcome(n, f"python bench/{BY_NAME[n].script}", "pending: not run yet") for n in names
    ]

    def write() -> None:
        markdown = render_markdown(outcomes, machine_description(), started_at, command, notes)
        if out is None:
            print(markdown)
        else:
            out.write_text(markdown, encoding="utf-8")
        if chart is not None:
            try:
                write_chart(
                    median_points([p for o in outcomes for p in o.points]),
                    chart,
                    goals={"e2e goal 1.2": 1.2, "stories goal 1.3": 1.3},
                )
            except ResultsError as exc:
                print(f"no chart yet: {exc}")

    with tempfile.TemporaryDirectory(prefix="run_all_") as tmp:
        ctx = Context(quick=args.quick, data=args.data, workdir=Path(tmp))
        for index, name in enumerate(names):
            bench = BY_NAME[name]
            runs = args.runs or (1 if args.quick else bench.runs)
            print(f"== {name}: {runs} run(s) of bench/{bench.script}", flush=True)
            outcomes[index] = run_bench(bench, ctx, runs, timeout=args.timeout)
            print(f"   {outcomes[index].status} ({outcomes[index].seconds:.0f} s)", flush=True)
            if out is not None:
                write()  # after every benchmark, so an interrupted run leaves readable files
    write()
    for path in (out, chart):
        if path is not None and path.is_file():
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
