"""WARC streaming memory benchmark: peak memory must not grow with the number of records.

Writes two gzip WARCs with ``ArchiveWriter`` (``--small`` and ``--large`` records, default 2,000
and 20,000), whose bodies cycle through the real news pages of the article-extraction bench
(``--data``, default ../shared/bench/article-extraction/html relative to the repo), then streams
each file in a fresh subprocess through ``iter_archive`` plus a realistic per-record step
(charset decoding, lxml HTML parse, text length, SHA-256 of the text). The child reports its
peak RSS (ru_maxrss) and the tracemalloc peak of the loop; the ratio large/small should stay
near 1 (goal <= 1.2). The small file is the baseline.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lxml import html as lxml_html

from extract.archive import ArchiveWriter, iter_archive
from extract.encoding import decode_text
from extract.http import FetchResult

DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "article-extraction" / "html"


def load_pages(data: Path) -> list[bytes]:
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(data.glob("*.html.gz"))]
    pages += [p.read_bytes() for p in sorted(data.glob("*.html"))]
    return pages


def write_warc(path: Path, records: int, pages: list[bytes]) -> None:
    now = datetime.now(UTC)
    with ArchiveWriter(path) as writer:
        for i, body in zip(range(records), itertools.cycle(pages)):
            url = f"https://news.example.com/{i}"
            writer.write(FetchResult(url=url, final_url=url, status_code=200,
                                     headers=(("Content-Type", "text/html; charset=utf-8"),),
                                     body=body, fetched_at=now, elapsed_ms=1))


def stream(path: Path) -> dict[str, float]:
    """The measured step, run in a child process: returns its counts and peaks."""
    tracemalloc.start()
    started = time.perf_counter()
    count = chars = 0
    digest = hashlib.sha256()
    for response in iter_archive(path):
        text = decode_text(response.body, response.content_type)
        document = lxml_html.fromstring(text.encode("utf-8")) if text.strip() else None
        content = document.text_content() if document is not None else ""
        chars += len(content)
        digest.update(hashlib.sha256(content.encode("utf-8")).digest())
        count += 1
    elapsed = time.perf_counter() - started
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"records": count, "chars": chars, "seconds": elapsed,
            "traced_peak_mib": traced_peak / 2**20,
            "rss_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure(path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", str(path)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="directory of *.html.gz / *.html pages used as record bodies")
    parser.add_argument("--small", type=int, default=2_000)
    parser.add_argument("--large", type=int, default=20_000)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(stream(args.child)))
        return 0

    pages = load_pages(args.data) if args.data.is_dir() else []
    if not pages:
        print(f"warc memory benchmark: no HTML pages found at {args.data}; pass --data DIR "
              "(a directory of *.html.gz or *.html files). Nothing measured.")
        return 2
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for records in (args.small, args.large):
            path = Path(tmp) / f"bench-{records}.warc.gz"
            write_warc(path, records, pages)
            results[records] = measure(path) | {"file_mib": path.stat().st_size / 2**20}
            path.unlink()

    print(f"warc memory benchmark: {len(pages)} distinct pages from {args.data}")
    print(f"{'records':>8}{'file MiB':>10}{'seconds':>9}{'RSS peak MiB':>14}"
          f"{'traced peak MiB':>17}")
    for records, r in results.items():
        print(f"{records:>8}{r['file_mib']:>10.1f}{r['seconds']:>9.1f}{r['rss_peak_mib']:>14.1f}"
              f"{r['traced_peak_mib']:>17.2f}")
    small, large = results[args.small], results[args.large]
    print(f"ratio {args.large}/{args.small} records: RSS peak "
          f"{large['rss_peak_mib'] / small['rss_peak_mib']:.2f}x, traced peak "
          f"{large['traced_peak_mib'] / small['traced_peak_mib']:.2f}x (goal <= 1.2) for "
          f"{args.large / args.small:.0f}x the records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
