"""Article body extraction benchmark: Wirehouse vs trafilatura on the same pages, same run.

Data: ../shared/bench/article-extraction relative to the repository (``--data`` overrides):
``html/<id>.html.gz`` and ``ground-truth.json``. Metric as in the data's README: multisets of
4-token shingles of ``\\w+`` tokens, per-page precision and recall averaged, F1 of the means.

    .venv/bin/python bench/extraction_bench.py [--data DIR] [--only wirehouse] [--worst N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DEFAULT_DATA = REPO.parent / "shared" / "bench" / "article-extraction"
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1)))


def page_counts(truth: str, predicted: str) -> tuple[int, int, int]:
    t, p = shingles(truth), shingles(predicted)
    tp = sum((t & p).values())
    return tp, sum((p - t).values()), sum((t - p).values())


def precision_recall(counts: list[tuple[int, int, int]]) -> tuple[float, float]:
    precisions, recalls = [], []
    for tp, fp, fn in counts:
        if fp == 0 and fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        if tp + fp:
            precisions.append(tp / (tp + fp))
        if tp + fn:
            recalls.append(tp / (tp + fn))
    return sum(precisions) / len(precisions), sum(recalls) / len(recalls)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def load_pages(data: Path) -> list[tuple[str, bytes, str, str]]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        raw = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
        pages.append((key, raw, item.get("url") or "", item.get("articleBody") or ""))
    return pages


def run(
    extractors: dict[str, Callable[[bytes, str], str]], pages: list[tuple[str, bytes, str, str]]
) -> dict[str, tuple[float, list[str]]]:
    """Run every extractor on every page, alternating per page so that load from other
    processes hits them alike; returns per extractor (seconds per page, outputs)."""
    spent = dict.fromkeys(extractors, 0.0)
    outputs: dict[str, list[str]] = {name: [] for name in extractors}
    for _key, raw, url, _truth in pages:
        for name, extract in extractors.items():
            start = time.perf_counter()
            text = extract(raw, url)
            spent[name] += time.perf_counter() - start
            outputs[name].append(text)
    return {name: (spent[name] / len(pages), outputs[name]) for name in extractors}


def wirehouse_extract(raw: bytes, url: str) -> str:
    from transform.html_extract import ExtractionError, extract_page

    try:
        return extract_page(raw, url, content_type="text/html; charset=utf-8").text
    except ExtractionError:
        return ""


def trafilatura_extract(raw: bytes, url: str) -> str:
    import trafilatura

    # Comments are not article body; with them left out trafilatura scores its published 0.960.
    return trafilatura.extract(raw.decode("utf-8", "replace"), url=url,
                               include_comments=False) or ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--only", choices=("wirehouse", "trafilatura"))
    parser.add_argument("--worst", type=int, default=0, help="list the N worst Wirehouse pages")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(
            f"extraction bench: no data at {args.data} (expected ground-truth.json and html/);"
            " pass --data DIR",
            file=sys.stderr,
        )
        return 2
    pages = load_pages(args.data)
    print(f"{len(pages)} pages from {args.data}")
    extractors: dict[str, Callable[[bytes, str], str]] = {}
    if args.only != "trafilatura":
        extractors["wirehouse"] = wirehouse_extract
    if args.only != "wirehouse":
        extractors["trafilatura"] = trafilatura_extract
    for extract in extractors.values():  # warm up imports and caches outside the timing
        extract(pages[0][1], pages[0][2])
    results = run(extractors, pages)
    for name, (per_page, outputs) in results.items():
        counts = [page_counts(truth, out) for (_k, _r, _u, truth), out in zip(pages, outputs)]
        p, r = precision_recall(counts)
        print(f"{name:12s} P={p:.4f} R={r:.4f} F1={f1(p, r):.4f}  {per_page * 1000:.1f} ms/page")
        if name == "wirehouse" and args.worst:
            rows = []
            for (key, _raw, url, _truth), (tp, fp, fn) in zip(pages, counts):
                page_p = tp / (tp + fp) if tp + fp else 0.0
                page_r = tp / (tp + fn) if tp + fn else 0.0
                rows.append((f1(page_p, page_r), key[:12], tp, fp, fn, url))
            for row in sorted(rows)[: args.worst]:
                score, key, tp, fp, fn, url = row
                print(f"  f1={score:.3f} {key} tp={tp} fp={fp} fn={fn} {url}")
    if len(results) == 2:
        ratio = results["wirehouse"][0] / results["trafilatura"][0]
        print(f"time per page, wirehouse / trafilatura = {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
