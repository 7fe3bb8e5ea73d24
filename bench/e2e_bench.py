"""End-to-end benchmark: the scaled demo corpus through one whole `wirehouse run`, per backend.

    .venv/bin/python bench/e2e_bench.py [--pages 5000] [--hosts 50] [--sizes 1000,5000,20000]
        [--backends sqlite,postgresql] [--runs 1] [--json PATH]

bench/demo_scale.py builds a corpus of N pages over H loopback hosts and serves it from this
process. Each run gets a fresh, migrated warehouse (a SQLite file, or a PostgreSQL database
created for the run and dropped after it) and runs ``run_once`` in a child Python process with
``WIREHOUSE_HOST_DELAY=0``; the child prints its RunSummary as JSON, and the parent reads the
child's CPU time and peak RSS from ``wait4``. The child also reports the CPU it spent before
the run (interpreter start and imports), which is subtracted from the per-page CPU figure.

Figures per backend at ``--pages``: pages/s, CPU ms per page, peak RSS, share of run time per
stage. Growth: run seconds per page and peak RSS at every ``--sizes`` entry, ratio
largest/smallest (goal <= 1.2 for the time per page). Baseline in the same run: one plain
HTTP client per host fetching the same pages.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psycopg

REPO = Path(__file__).resolve().parent.parent
for entry in (REPO, REPO / "bench"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from demo_scale import scaled_corpus

from load.db import upgrade
from load.pg_admin import create_database, drop_database
from wirehouse.demo.corpus import CORPUS_DIR, load_corpus
from wirehouse.demo.expectations import expected_articles
from wirehouse.demo.server import DemoSites
from wirehouse.pipeline import STAGES

DEFAULT_PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


class BenchError(RuntimeError):
    """A benchmark run did not complete (child failed, database unavailable, pages lost)."""


@dataclasses.dataclass(frozen=True)
class RunResult:
    backend: str
    pages: int  # corpus size the run was made at
    pages_fetched: int
    articles_new: int
    run_seconds: float  # wall time of run_once inside the child
    process_seconds: float  # wall time of the whole child process
    cpu_seconds: float  # child user+sys, minus what it spent before run_once
    peak_rss_mib: float
    stage_seconds: dict[str, float]

    @property
    def seconds_per_page(self) -> float:
        return self.run_seconds / self.pages_fetched

    @property
    def stage_share(self) -> dict[str, float]:
        shares = {s: self.stage_seconds.get(s, 0.0) / self.run_seconds for s in STAGES}
        shares["other"] = max(0.0, 1.0 - sum(shares.values()))
        return shares


def child_main() -> int:
    """Inside the child: one run_once with settings from the environment, summary as JSON."""
    from wirehouse.pipeline import run_once

    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    summary = run_once()
    seconds = time.perf_counter() - started
    payload = dataclasses.asdict(summary) | {
        "run_seconds": seconds,
        "startup_cpu_seconds": before.ru_utime + before.ru_stime,
    }
    print(json.dumps(payload, default=str))
    return 0


def run_child(env: dict[str, str], workdir: Path) -> tuple[dict, float, resource.struct_rusage]:
    """Run the child, returning its summary, its wall time and its own rusage (via wait4)."""
    out_path, err_path = workdir / "summary.json", workdir / "child.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, __file__, "--child"], stdout=out, stderr=err, env=env, cwd=REPO
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = err_path.read_text(errors="replace").strip().splitlines()[-5:]
        raise BenchError(f"wirehouse run exited {process.returncode}: " + " | ".join(tail))
    return json.loads(out_path.read_text()), wall, usage


def one_run(backend: str, pages: int, fetchable: int, opml: Path, pg_admin: str) -> RunResult:
    """A fresh warehouse, one child run over the served corpus, the warehouse removed after."""
    with tempfile.TemporaryDirectory(prefix="e2e_bench_") as tmp:
        workdir = Path(tmp)
        database = None
        if backend == "sqlite":
            db_url = f"sqlite:///{workdir / 'warehouse.db'}"
        else:
            database = f"wirehouse_bench_e2e_{uuid.uuid4().hex[:10]}"
            db_url = create_database(pg_admin, database)
        try:
            upgrade(db_url)
            env = {k: v for k, v in os.environ.items() if not k.startswith("WIREHOUSE_")}
            env |= {
                "WIREHOUSE_DATA_DIR": str(workdir / "data"),
                "WIREHOUSE_DB_URL": db_url,
                "WIREHOUSE_FEEDS": str(opml),
                "WIREHOUSE_ALLOW_PRIVATE_HOSTS": "1",
                "WIREHOUSE_HOST_DELAY": "0",
            }
            summary, wall, usage = run_child(env, workdir)
        finally:
            if database is not None:
                drop_database(pg_admin, database)
    if summary["pages_fetched"] < fetchable:
        raise BenchError(f"{backend}: fetched {summary['pages_fetched']} of {fetchable} pages")
    return RunResult(
        backend=backend,
        pages=pages,
        pages_fetched=summary["pages_fetched"],
        articles_new=summary["articles_new"],
        run_seconds=summary["run_seconds"],
        process_seconds=wall,
        cpu_seconds=usage.ru_utime + usage.ru_stime - summary["startup_cpu_seconds"],
        peak_rss_mib=usage.ru_maxrss / 1024,
        stage_seconds=summary["stage_seconds"],
    )


def plain_fetch_rate(urls: list[str]) -> float:
    """Baseline: pages/s of one plain httpx client per host fetching every page once."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(urlsplit(url).netloc, []).append(url)

    def fetch(host_urls: list[str]) -> int:
        with httpx.Client(timeout=30) as client:
            return sum(client.get(u).status_code == 200 for u in host_urls)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(by_host)) as pool:
        ok = sum(pool.map(fetch, by_host.values()))
    elapsed = time.perf_counter() - started
    if ok != len(urls):
        raise BenchError(f"baseline fetch got {ok} of {len(urls)} pages")
    return len(urls) / elapsed


def measure_size(
    pages: int,
    hosts: int,
    corpus_dir: Path,
    backends: list[str],
    runs: int,
    pg_admin: str,
    with_baseline: bool,
) -> tuple[list[RunResult], list[float], list[str]]:
    """Serve a corpus of ``pages`` pages and run every backend ``runs`` times over it.

    A failed run is reported and recorded in the returned errors; the other runs go on."""
    corpus = scaled_corpus(load_corpus(corpus_dir), pages, hosts)
    results, baseline, errors = [], [], []
    with DemoSites(0, corpus=corpus) as demo, tempfile.TemporaryDirectory() as tmp:
        opml = demo.write_opml(Path(tmp) / "scaled.opml")
        urls = [e.url for e in expected_articles(demo.base_urls, corpus) if not e.robots_disallowed]
        for _ in range(runs):
            if with_baseline:
                baseline.append(plain_fetch_rate(urls))
            for backend in backends:  # interleaved, so load from elsewhere hits both alike
                try:
                    result = one_run(backend, pages, len(urls), opml, pg_admin)
                except (BenchError, psycopg.Error) as exc:
                    errors.append(f"{backend} at {pages} pages: {exc}")
                    print(f"  {backend:<10} {pages:>6} pages  FAILED: {exc}", flush=True)
                    continue
                results.append(result)
                print(
                    f"  {backend:<10} {pages:>6} pages  {result.run_seconds:7.1f} s  "
                    f"{result.pages_fetched / result.run_seconds:6.1f} pages/s  "
                    f"{1000 * result.cpu_seconds / result.pages_fetched:6.2f} CPU ms/page  "
                    f"peak {result.peak_rss_mib:6.0f} MiB",
                    flush=True,
                )
    return results, baseline, errors


def _median(values: list[float]) -> float:
    return statistics.median(values)


def summarize(
    results: list[RunResult], baseline: list[float], headline: int, sizes: list[int]
) -> dict:
    """Medians and spreads (min, max) per backend; ratios taken within the same invocation."""
    out: dict = {
        "pages": headline,
        "sizes": sizes,
        "backends": {},
        "baseline_fetch_pages_per_s": _spread(baseline),
    }
    for backend in sorted({r.backend for r in results}):
        mine = [r for r in results if r.backend == backend]
        at = [r for r in mine if r.pages == headline]
        growth = {
            size: _spread([r.seconds_per_page for r in mine if r.pages == size]) for size in sizes
        }
        rss = {size: _spread([r.peak_rss_mib for r in mine if r.pages == size]) for size in sizes}
        entry: dict = {
            "seconds_per_page": {str(size): v for size, v in growth.items() if v},
            "peak_rss_mib_by_size": {str(size): v for size, v in rss.items() if v},
        }
        if at:
            entry |= {
                "pages_per_s": _spread([r.pages_fetched / r.run_seconds for r in at]),
                "cpu_ms_per_page": _spread([1000 * r.cpu_seconds / r.pages_fetched for r in at]),
                "peak_rss_mib": _spread([r.peak_rss_mib for r in at]),
                "startup_seconds": _spread([r.process_seconds - r.run_seconds for r in at]),
                "stage_share": {
                    s: _median([r.stage_share[s] for r in at]) for s in (*STAGES, "other")
                },
            }
        if len(sizes) > 1 and growth[sizes[0]] and growth[sizes[-1]]:
            entry["growth_ratio"] = growth[sizes[-1]]["median"] / growth[sizes[0]]["median"]
        out["backends"][backend] = entry
    return out


def _spread(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    return {"median": _median(values), "min": min(values), "max": max(values), "n": len(values)}


def report(summary: dict) -> None:
    pages, sizes = summary["pages"], summary["sizes"]
    base = summary["baseline_fetch_pages_per_s"]
    print(f"\nend-to-end, {pages} pages (median of runs, [min-max]):")
    for backend, entry in summary["backends"].items():
        if "pages_per_s" not in entry:
            print(f"{backend:<10} no successful run at {pages} pages")
            continue
        rate, cpu, rss = entry["pages_per_s"], entry["cpu_ms_per_page"], entry["peak_rss_mib"]
        print(
            f"{backend:<10} {rate['median']:7.1f} pages/s [{rate['min']:.1f}-{rate['max']:.1f}]"
            f"  {cpu['median']:6.2f} CPU ms/page  peak RSS {rss['median']:.0f} MiB  "
            f"child start-up {entry['startup_seconds']['median']:.1f} s (not in pages/s)"
        )
        shares = "  ".join(f"{s} {100 * v:.0f}%" for s, v in entry["stage_share"].items())
        print(f"{'':<10} time share: {shares}")
        if base:
            print(
                f"{'':<10} pages/s vs plain parallel fetch ({base['median']:.0f} pages/s): "
                f"{rate['median'] / base['median']:.2f}x"
            )
        if "growth_ratio" in entry:
            per_page = "  ".join(
                f"{size}: {1000 * v['median']:.2f}" for size, v in entry["seconds_per_page"].items()
            )
            print(
                f"{'':<10} ms/page by size: {per_page};  ratio {sizes[-1]}/{sizes[0]} = "
                f"{entry['growth_ratio']:.2f} (goal <= 1.2)"
            )
            peaks = "  ".join(
                f"{size}: {v['median']:.0f}" for size, v in entry["peak_rss_mib_by_size"].items()
            )
            print(f"{'':<10} peak RSS MiB by size: {peaks}")
    backends = summary["backends"]
    if all("pages_per_s" in backends.get(b, {}) for b in ("sqlite", "postgresql")):
        ratio = (
            backends["postgresql"]["pages_per_s"]["median"]
            / backends["sqlite"]["pages_per_s"]["median"]
        )
        print(f"pages/s postgresql / sqlite = {ratio:.2f}x")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=5000, help="size of the headline figures")
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--sizes", default="1000,5000,20000", help="sizes for the growth figure")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--growth-backends",
        default="sqlite",
        help="backends also run at the --sizes other than --pages",
    )
    parser.add_argument("--runs", type=int, default=1, help="runs per backend and size")
    parser.add_argument("--data", type=Path, default=CORPUS_DIR, help="demo corpus to scale")
    parser.add_argument(
        "--pg-admin-url",
        default=os.environ.get("WIREHOUSE_BENCH_PG_ADMIN_URL") or DEFAULT_PG_ADMIN,
        help="server on which a database is made per run",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main()
    if not (args.data / "sites.yaml").is_file():
        print(f"e2e bench: no demo corpus at {args.data} (expected sites.yaml); nothing measured")
        return 2
    backends = [b for b in args.backends.split(",") if b]
    unknown = set(backends) - {"sqlite", "postgresql"}
    if unknown:
        parser.error(f"unknown backends: {', '.join(sorted(unknown))}")
    sizes = sorted({int(s) for s in args.sizes.split(",") if s} | {args.pages})
    growth = set(args.growth_backends.split(","))
    print(
        f"e2e bench: {args.pages} pages on {backends}, growth sizes {sizes} on "
        f"{sorted(growth & set(backends))}, {args.hosts} hosts, {args.runs} run(s) each, "
        "WIREHOUSE_HOST_DELAY=0"
    )
    results, baseline, errors = [], [], []
    for size in sizes:
        chosen = backends if size == args.pages else [b for b in backends if b in growth]
        if not chosen:
            continue
        found, rates, failed = measure_size(
            size,
            args.hosts,
            args.data,
            chosen,
            args.runs,
            args.pg_admin_url,
            with_baseline=size == args.pages,
        )
        results += found
        baseline += rates
        errors += failed
    summary = summarize(results, baseline, args.pages, sizes) | {"errors": errors}
    report(summary)
    for error in errors:
        print(f"FAILED: {error}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
