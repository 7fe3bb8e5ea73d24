"""Dump the extractor's full output for every bench page, to diff two commits byte for byte.

A change meant to make extraction faster and nothing else should leave every field of every
page as it was. This writes one JSON line per page (set, page, every ``ExtractedPage`` field)
for the extractor of ``--tree`` (default: this checkout) and prints the CPU seconds per page of
each set, so two runs compare output and cost:

    git archive main transform extract wirehouse | tar -x -C /tmp/main-tree
    .venv/bin/python bench/extraction_dump.py --tree /tmp/main-tree --out /tmp/main.jsonl
    .venv/bin/python bench/extraction_dump.py --out /tmp/branch.jsonl
    cmp /tmp/main.jsonl /tmp/branch.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "bench"


def pages(data: Path) -> Iterator[tuple[str, str, bytes, str]]:
    """(set, page id, raw bytes, url) of every page of both extraction sets, in a fixed order."""
    zyte = data / "article-extraction"
    truth = json.loads((zyte / "ground-truth.json").read_text(encoding="utf-8"))
    for key, item in sorted(truth.items()):
        raw = gzip.decompress((zyte / "html" / f"{key}.html.gz").read_bytes())
        yield "zyte", key, raw, item.get("url") or ""
    multi = data / "article-extraction-multilingual"
    annotations = json.loads((multi / "annotations.json").read_text(encoding="utf-8"))
    for url, item in sorted(annotations.items()):
        raw = gzip.decompress((multi / "pages" / item["file"]).read_bytes())
        yield "multilingual", item["file"], raw, url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tree",
        type=Path,
        default=REPO,
        help="directory holding the transform/extract/wirehouse packages to run",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.tree.resolve()))
    from transform.html_extract import ExtractionError, extract_page

    cpu: dict[str, float] = {}
    count: dict[str, int] = {}
    with args.out.open("w", encoding="utf-8") as out:
        for set_name, key, raw, url in pages(args.data):
            started = time.process_time()
            try:
                fields = dataclasses.asdict(
                    extract_page(raw, url, content_type="text/html; charset=utf-8")
                )
            except ExtractionError as exc:
                fields = {"error": str(exc)}
            cpu[set_name] = cpu.get(set_name, 0.0) + time.process_time() - started
            count[set_name] = count.get(set_name, 0) + 1
            out.write(
                json.dumps(
                    {"set": set_name, "page": key, **fields}, default=str, ensure_ascii=False
                )
                + "\n"
            )
    for set_name, seconds in cpu.items():
        print(
            f"{set_name}: {count[set_name]} pages, {1000 * seconds / count[set_name]:.2f} ms CPU"
            " per page"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
