"""Article extraction benchmark: Wirehouse vs trafilatura on the same pages, same run.

Two sets under ``--data`` (the shared bench directory, default ../shared/bench):

- ``zyte``: ``article-extraction/`` (``html/<id>.html.gz``, ``ground-truth.json``); metric as
  in its README: multisets of 4-token shingles of ``\\w+`` tokens, per-page precision and
  recall averaged, F1 of the means.
- ``multilingual``: ``article-extraction-multilingual/`` (``pages/*.html.gz``,
  ``annotations.json``); metric as in its README: ``with``/``without`` snippets found in the
  whitespace-normalised output, counted over all pages. Its annotations also state a published
  date and a title for most pages: same-day date accuracy (Wirehouse's ``published_on``, the
  day in the publisher's zone, as the annotations and trafilatura give it) and exact-title
  accuracy are reported for both extractors (trafilatura's from
  ``trafilatura.extract_metadata``, outside the timing).

Every page is also put in failure classes read off its HTML (``bench/page_classes.py``), and
P/R/F1 is printed per set and class. ``--compare-ref GITREF`` runs the extractor of another
commit (``transform``, ``extract`` and ``wirehouse`` of that commit, in a child process) on the
same pages in the same run, so every table has its "before" column.

    .venv/bin/python bench/extraction_bench.py [--data DIR] [--sets zyte,multilingual]
        [--only wirehouse|trafilatura] [--compare-ref GITREF] [--worst N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
for entry in (REPO, BENCH):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from gitref import RefError, unpack_ref
from page_classes import CLASSES, NONE, page_classes

DEFAULT_DATA = REPO.parent / "shared" / "bench"
SET_DIRS = {"zyte": "article-extraction", "multilingual": "article-extraction-multilingual"}
SET_FILES = {"zyte": "ground-truth.json", "multilingual": "annotations.json"}
_TOKEN = re.compile(r"\w+")
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Page:
    """One benchmark page and what its set states about it."""

    key: str
    raw: bytes
    url: str
    truth: str = ""  # zyte: the article body
    with_: tuple[str, ...] = ()  # multilingual: snippets of the main text
    without: tuple[str, ...] = ()  # multilingual: boilerplate snippets
    date: str = ""  # multilingual: the stated published date, YYYY-MM-DD
    title: str = ""
    classes: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Output:
    """What one extractor made of one page."""

    text: str
    title: str = ""
    date: str = ""  # YYYY-MM-DD, "" when none was found


# ---- metrics ---------------------------------------------------------------------------------


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1)))


def page_counts(truth: str, predicted: str) -> tuple[int, int, int]:
    t, p = shingles(truth), shingles(predicted)
    tp = sum((t & p).values())
    return tp, sum((p - t).values()), sum((t - p).values())


def precision_recall(counts: list[tuple[int, int, int]]) -> tuple[float, float]:
    """Per-page precision and recall averaged (the zyte metric)."""
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
    return _mean(precisions), _mean(recalls)


def snippet_counts(page: Page, predicted: str) -> tuple[int, int, int]:
    """(tp, fp, fn) of the snippet metric on one page."""
    text = _WS.sub(" ", predicted)
    found = [_WS.sub(" ", s).strip() in text for s in page.with_]
    leaked = [_WS.sub(" ", s).strip() in text for s in page.without]
    return sum(found), sum(leaked), len(found) - sum(found)


def snippet_precision_recall(counts: list[tuple[int, int, int]]) -> tuple[float, float]:
    """Precision and recall of the summed snippet counts (the multilingual metric)."""
    tp = sum(c[0] for c in counts)
    fp = sum(c[1] for c in counts)
    fn = sum(c[2] for c in counts)
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def scores(set_name: str, pages: Sequence[Page], outputs: Sequence[Output]) -> tuple[float, float]:
    """(precision, recall) of ``outputs`` on ``pages`` by the set's own metric."""
    if set_name == "zyte":
        return precision_recall([page_counts(p.truth, o.text) for p, o in zip(pages, outputs)])
    return snippet_precision_recall([snippet_counts(p, o.text) for p, o in zip(pages, outputs)])


def _same_title(stated: str, found: str) -> bool:
    return _WS.sub(" ", stated).strip().casefold() == _WS.sub(" ", found).strip().casefold()


# ---- data ------------------------------------------------------------------------------------


def load_zyte(directory: Path) -> list[Page]:
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        raw = gzip.decompress((directory / "html" / f"{key}.html.gz").read_bytes())
        pages.append(Page(key, raw, item.get("url") or "", truth=item.get("articleBody") or "",
                          classes=page_classes(raw)))
    return pages


def load_multilingual(directory: Path) -> list[Page]:
    annotations = json.loads((directory / "annotations.json").read_text(encoding="utf-8"))
    pages = []
    for url, item in sorted(annotations.items()):
        raw = gzip.decompress((directory / "pages" / item["file"]).read_bytes())
        pages.append(Page(item["file"], raw, url, with_=tuple(item.get("with") or ()),
                          without=tuple(item.get("without") or ()), date=item.get("date") or "",
                          title=item.get("title") or "", classes=page_classes(raw)))
    return pages


LOADERS: dict[str, Callable[[Path], list[Page]]] = {
    "zyte": load_zyte, "multilingual": load_multilingual,
}


# ---- extractors ------------------------------------------------------------------------------


def wirehouse_extract(raw: bytes, url: str) -> Output:
    from transform.html_extract import ExtractionError, extract_page

    try:
        page = extract_page(raw, url, content_type="text/html; charset=utf-8")
    except ExtractionError:
        return Output("")
    published = page.published_on.isoformat() if page.published_on else ""
    return Output(page.text, page.title, published)


def trafilatura_extract(raw: bytes, url: str) -> Output:
    import trafilatura

    # Comments are not article body; with them left out trafilatura scores its published 0.960.
    return Output(trafilatura.extract(raw.decode("utf-8", "replace"), url=url,
                                      include_comments=False) or "")


def trafilatura_metadata(raw: bytes, url: str) -> tuple[str, str]:
    """trafilatura's (title, published date) of a page, outside the timed extraction."""
    import trafilatura

    document = trafilatura.extract_metadata(raw.decode("utf-8", "replace"), default_url=url)
    return (document.title or "", document.date or "") if document else ("", "")


def run(extractors: dict[str, Callable[[bytes, str], Output]],
        pages: Sequence[Page]) -> dict[str, tuple[float, list[Output]]]:
    """Run every extractor on every page, alternating per page so that load from other
    processes hits them alike; returns per extractor (seconds per page, outputs)."""
    spent = dict.fromkeys(extractors, 0.0)
    outputs: dict[str, list[Output]] = {name: [] for name in extractors}
    for page in pages:
        for name, extract in extractors.items():
            start = time.perf_counter()
            found = extract(page.raw, page.url)
            spent[name] += time.perf_counter() - start
            outputs[name].append(found)
    return {name: (spent[name] / len(pages), outputs[name]) for name in extractors}


# The child that runs another commit's extractor: its tree comes first on sys.path, so its
# `transform`, `extract` and `wirehouse` packages are the ones imported.
_REF_CHILD = """
import json, pickle, sys, time
sys.path.insert(0, sys.argv[1])
import transform
assert transform.__file__.startswith(sys.argv[1]), transform.__file__
from transform.html_extract import ExtractionError, extract_page
with open(sys.argv[2], "rb") as handle:
    pages = pickle.load(handle)
results, spent = [], 0.0
for raw, url in pages:
    started = time.perf_counter()
    try:
        page = extract_page(raw, url, content_type="text/html; charset=utf-8")
        # The stated day; a commit older than ExtractedPage.published_on gives its UTC day.
        day = getattr(page, "published_on", None) or (
            page.published_at.date() if page.published_at else None)
        found = [page.text, page.title, day.isoformat() if day else ""]
    except ExtractionError:
        found = ["", "", ""]
    spent += time.perf_counter() - started
    results.append(found)
with open(sys.argv[3], "w", encoding="utf-8") as handle:
    json.dump({"seconds": spent, "results": results}, handle)
"""





def run_reference(tree: Path, pages: Sequence[Page], scratch: Path) -> tuple[float, list[Output]]:
    """(seconds per page, outputs) of the reference extractor in a child process."""
    pages_file, out_file = scratch / "pages.pickle", scratch / "ref-out.json"
    with pages_file.open("wb") as handle:
        pickle.dump([(p.raw, p.url) for p in pages], handle)
    subprocess.run([sys.executable, "-c", _REF_CHILD, str(tree), str(pages_file), str(out_file)],
                   check=True, cwd=tree)
    found = json.loads(out_file.read_text(encoding="utf-8"))
    outputs = [Output(text, title, date) for text, title, date in found["results"]]
    return found["seconds"] / len(pages), outputs


# ---- report ----------------------------------------------------------------------------------


def _prf(set_name: str, pages: Sequence[Page], outputs: Sequence[Output]) -> str:
    if not pages:
        return "-"
    p, r = scores(set_name, pages, outputs)
    return f"{p:.3f} / {r:.3f} / {f1(p, r):.3f}"


def class_table(results: dict[str, dict[str, tuple[float, list[Output]]]],
                sets: dict[str, list[Page]]) -> list[str]:
    """Markdown rows: per set and failure class, pages and P / R / F1 of every extractor."""
    names = list(next(iter(results.values())))
    lines = [f"| set | class | pages | {' | '.join(names)} |",
             "|" + " --- |" * (3 + len(names))]
    for set_name, pages in sets.items():
        for cls in ("all pages", *CLASSES, NONE):
            chosen = [i for i, p in enumerate(pages) if cls == "all pages" or cls in p.classes]
            cells = [_prf(set_name, [pages[i] for i in chosen],
                          [results[set_name][name][1][i] for i in chosen]) for name in names]
            lines.append(f"| {set_name} | {cls} | {len(chosen)} | {' | '.join(cells)} |")
    return lines


def metadata_lines(set_name: str, pages: Sequence[Page],
                   outputs: dict[str, list[Output]]) -> list[str]:
    """Same-day published-date and exact-title accuracy on the pages that state one."""
    lines = []
    dated = [i for i, p in enumerate(pages) if p.date]
    titled = [i for i, p in enumerate(pages) if p.title]
    for what, chosen, right in (
        ("published date same day", dated,
         lambda page, out: out.date == page.date[:10]),
        ("title exact", titled, lambda page, out: _same_title(page.title, out.title)),
    ):
        if not chosen:
            continue
        cells = [f"{name} {sum(right(pages[i], outs[i]) for i in chosen) / len(chosen):.3f}"
                 for name, outs in outputs.items()]
        lines.append(f"{set_name} {what}, {len(chosen)} pages stating one: {'  '.join(cells)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="the shared bench directory holding the sets")
    parser.add_argument("--sets", default="zyte,multilingual",
                        help=f"comma-separated, of: {', '.join(SET_DIRS)}")
    parser.add_argument("--only", choices=("wirehouse", "trafilatura"))
    parser.add_argument("--compare-ref", metavar="GITREF",
                        help="also run the extractor of this commit (the 'before' column)")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst Wirehouse pages")
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SET_DIRS]
    if unknown or not chosen:
        print(f"extraction bench: unknown set {', '.join(unknown) or '(none)'};"
              f" choose from {', '.join(SET_DIRS)}", file=sys.stderr)
        return 2
    for set_name in chosen:
        expected = args.data / SET_DIRS[set_name] / SET_FILES[set_name]
        if not expected.is_file():
            print(f"extraction bench: no {set_name} data at {expected.parent}"
                  f" (expected {SET_FILES[set_name]}); pass --data DIR", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="extraction-bench-") as scratch_name:
        scratch = Path(scratch_name)
        ref_name, tree = "", scratch / "tree"
        if args.compare_ref:
            try:
                short = unpack_ref(args.compare_ref, ["transform", "extract", "wirehouse"], tree)
                ref_name = f"ref@{short}"
            except RefError as exc:
                print(f"extraction bench: {exc}", file=sys.stderr)
                return 2
        return _bench(args, chosen, ref_name, tree, scratch)


def _bench(args: argparse.Namespace, chosen: list[str], ref_name: str, tree: Path,
           scratch: Path) -> int:
    extractors: dict[str, Callable[[bytes, str], Output]] = {}
    if args.only != "trafilatura":
        extractors["wirehouse"] = wirehouse_extract
    if args.only != "wirehouse":
        extractors["trafilatura"] = trafilatura_extract
    sets: dict[str, list[Page]] = {}
    results: dict[str, dict[str, tuple[float, list[Output]]]] = {}
    for set_name in chosen:
        directory = args.data / SET_DIRS[set_name]
        pages = sets[set_name] = LOADERS[set_name](directory)
        print(f"set {set_name}: {len(pages)} pages from {directory}")
        for extract in extractors.values():  # warm up imports and caches outside the timing
            extract(pages[0].raw, pages[0].url)
        results[set_name] = run(extractors, pages)
        if ref_name:
            results[set_name][ref_name] = run_reference(tree, pages, scratch)
        if "trafilatura" in results[set_name] and any(p.date or p.title for p in pages):
            per_page, texts = results[set_name]["trafilatura"]
            with_metadata = []
            for page, out in zip(pages, texts):
                title, date = trafilatura_metadata(page.raw, page.url)
                with_metadata.append(Output(out.text, title, date[:10]))
            results[set_name]["trafilatura"] = (per_page, with_metadata)
        for name, (per_page, outputs) in results[set_name].items():
            p, r = scores(set_name, pages, outputs)
            print(f"{set_name} {name:12s} P={p:.4f} R={r:.4f} F1={f1(p, r):.4f}"
                  f"  {per_page * 1000:.1f} ms/page")
        if {"wirehouse", "trafilatura"} <= results[set_name].keys():
            ratio = results[set_name]["wirehouse"][0] / results[set_name]["trafilatura"][0]
            print(f"{set_name} time per page, wirehouse / trafilatura = {ratio:.2f}x")
        for line in metadata_lines(set_name, pages,
                                   {n: o for n, (_t, o) in results[set_name].items()}):
            print(line)
        if "wirehouse" in results[set_name] and args.worst:
            _print_worst(set_name, pages, results[set_name]["wirehouse"][1], args.worst)
    print("\nper failure class (bench/page_classes.py), precision / recall / F1:\n")
    for line in class_table(results, sets):
        print(line)
    return 0


def _print_worst(set_name: str, pages: Sequence[Page], outputs: Sequence[Output],
                 count: int) -> None:
    rows = []
    for page, out in zip(pages, outputs):
        p, r = scores(set_name, [page], [out])
        rows.append((f1(p, r), page.key[:40], ",".join(sorted(page.classes)), page.url))
    for score, key, classes, url in sorted(rows)[:count]:
        print(f"  f1={score:.3f} {key} [{classes}] {url}")


if __name__ == "__main__":
    raise SystemExit(main())
