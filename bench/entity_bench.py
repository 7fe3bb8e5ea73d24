"""Entity recognition benchmark: transform.entities against a naive gazetteer baseline.

Quality: the hand-checked sample ``bench/entity_sample.json`` (196 snippets of the shared real
pages in English, German, French and Spanish, 443 labelled mentions: people, organisations,
places; see bench/README.md for how it was labelled). Per snippet, the distinct (kind, words)
pairs found are compared with the labelled ones: words compared case- and accent-insensitively,
a trailing possessive or full stop ignored. Precision, recall and F1 per kind and per language.

Speed: milliseconds per article over the full texts of the shared article-extraction pages
(``--data``), after the gazetteers are loaded (their load time is reported apart) and the sample
read once, as the child processes below read it before they time.

Load: a fresh child process imports ``transform.entities`` and calls ``warm()``; the seconds
that takes and the resident memory (VmRSS) it adds are reported, first with an empty cache
directory (``load wirehouse, no cache``: the gazetteer index is built and written), then in
another fresh process reading that cache (``load wirehouse``, what every later process pays),
and their ratio. ``--compare-ref GITREF`` runs
the recognizer of another commit (its ``transform`` package from ``git archive``) in the same
way, scored on the same sample and timed on the same articles, so one run gives the "before"
and "after" of every figure.

First distance (``--first-distance``, only this): the first small-town distance a process asks
for (``small_town_distance_km``: a town the gazetteer lacks, Doussard, to Annecy), in a fresh
process whose gazetteer index is already cached and loaded: its wall time, the peak resident
memory it adds (VmHWM reset before it, through /proc/self/clear_refs; else ru_maxrss) and the
memory it leaves held. Each ``--distance-ref GITREF`` (default ``main``, repeatable) runs that
commit's code with its own settings; this tree's runs with the small towns' cache file removed
before each (``no cache``: the table built and written) and then read (``cache``), for the
500 set (the default) and the 5,000 set (WIREHOUSE_ENTITY_SMALL_TOWN_COORDINATES_MIN_POPULATION).
Runs interleave, ``--repeats`` times (medians); ratios are to the first ref's.

The baseline in the same run reads every run of capitalised words that does not open a
sentence as one entity: a place when the gazetteer knows the whole run, a person when it
starts with a known first name, else an organisation. It shares the recognizer's gazetteers,
so the difference is the recognizer's rules.

``--multilingual`` scores the second, held-out sample instead,
``bench/entity_sample_multilingual.json`` (196 snippets of other pages of the multilingual set,
218 mentions, labelled after the first sample's rules before its misses were read; see
bench/README.md); it is the same as ``--sample`` with that file.

A third sample, ``bench/entity_sample_unseen.json`` (246 snippets, 261 mentions, labelled blind
after both samples' rules; see bench/README.md), is scored with ``--sample`` and that path.

    .venv/bin/python bench/entity_bench.py [--data DIR] [--sample FILE] [--errors N]
        [--compare-ref GITREF] [--multilingual]
    .venv/bin/python bench/entity_bench.py --sample bench/entity_sample_unseen.json
    .venv/bin/python bench/entity_bench.py --first-distance [--distance-ref GITREF ...]
        [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
for entry in (REPO, BENCH):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from gitref import RefError, unpack_ref

from transform import entities, entity_gazetteer

DEFAULT_DATA = REPO.parent / "shared" / "bench" / "article-extraction"
DEFAULT_SAMPLE = Path(__file__).resolve().parent / "entity_sample.json"
MULTILINGUAL_SAMPLE = Path(__file__).resolve().parent / "entity_sample_multilingual.json"
KINDS = ("person", "organization", "place")
LANGUAGES = ("en", "de", "fr", "es")

Found = set[tuple[str, str]]
Recognizer = Callable[[str, str], list[tuple[str, str]]]  # (text, language) -> (kind, words)


def normalize(words: str) -> str:
    folded = entities.fold(words).rstrip(".,;:")
    return re.sub(r"['\u2019]s?$", "", folded)


def wirehouse(text: str, language: str) -> list[tuple[str, str]]:
    return [(m.entity.kind, m.surface) for m in entities.find_mentions("", text, language)]


_CAPITAL_RUN = re.compile(r"[A-ZÀ-Þ][\w'’-]*(?:\s+[A-ZÀ-Þ][\w'’-]*)*")


def baseline(text: str, language: str) -> list[tuple[str, str]]:
    lexicon = entity_gazetteer.loaded_lexicon()
    found = []
    for match in _CAPITAL_RUN.finditer(text):
        before = text[: match.start()].rstrip()
        if not before or before[-1] in '.!?:"“«(':
            continue  # opens a sentence: its capital says nothing
        words = match.group().rstrip(".")
        if words.casefold() in lexicon.places:
            kind = "place"
        elif words.split()[0].casefold() in lexicon.first_names and " " in words:
            kind = "person"
        else:
            kind = "organization"
        found.append((kind, words))
    return found


def score(
    recognizer: Recognizer, samples: list[dict], errors: int
) -> tuple[dict[tuple[str, str], list[int]], list[str]]:
    """Counts [tp, fp, fn] by ("kind", k) and ("language", l) and ("all", ""), and the first
    ``errors`` mistakes as text."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    mistakes: list[str] = []
    for sample in samples:
        gold: Found = {(e["kind"], normalize(e["text"])) for e in sample["entities"]}
        got: Found = {(k, normalize(w)) for k, w in recognizer(sample["text"], sample["language"])}
        for kind, words in got | gold:
            slot = (
                0
                if (kind, words) in gold and (kind, words) in got
                else 1
                if (kind, words) in got
                else 2
            )
            for key in (("kind", kind), ("language", sample["language"]), ("all", "")):
                counts[key][slot] += 1
            if slot and len(mistakes) < errors:
                what = "extra" if slot == 1 else "missed"
                mistakes.append(f"{sample['id']}: {what} {kind} {words!r}")
    return counts, mistakes


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def article_texts(data: Path) -> list[tuple[str, str]]:
    from transform.html_lang import detect_language

    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    return [(v["articleBody"], detect_language(v["articleBody"]) or "en") for v in truth.values()]


def ms_per_article(recognizer: Recognizer, articles: list[tuple[str, str]]) -> float:
    started = time.perf_counter()
    for text, language in articles:
        recognizer(text, language)
    return (time.perf_counter() - started) * 1000 / max(1, len(articles))


# Run in a fresh process with the package root first on sys.path: measures what importing and
# warming the recognizer costs, then finds the mentions of every sample snippet and times the
# full articles. Writes JSON to argv[4].
_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])

def rss_mb():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

before = rss_mb()
started = time.perf_counter()
from transform import entities
entities.warm()
load_seconds = time.perf_counter() - started
after = rss_mb()
samples = json.loads(open(sys.argv[2], encoding="utf-8").read())
articles = json.loads(open(sys.argv[3], encoding="utf-8").read())
found = {
    s["id"]: [[m.entity.kind, m.surface] for m in entities.find_mentions("", s["text"], s["language"])]
    for s in samples
}
started = time.perf_counter()
for text, language in articles:
    entities.find_mentions("", text, language)
ms = (time.perf_counter() - started) * 1000 / max(1, len(articles))
with open(sys.argv[4], "w", encoding="utf-8") as handle:
    json.dump({"load_seconds": load_seconds, "rss_before": before, "rss_after": after,
               "found": found, "ms": ms}, handle)
"""


def run_child(
    tree: Path, sample: Path, articles: list[tuple[str, str]], scratch: Path, cache: Path
) -> tuple[dict, Recognizer]:
    """Run the recognizer under ``tree`` in a fresh process, its gazetteer cache in ``cache``:
    its load figures and a recognizer answering from what it found on the sample."""
    articles_file, out_file = scratch / "articles.json", scratch / f"out-{tree.name}.json"
    articles_file.write_text(json.dumps(articles), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-c", _CHILD, str(tree), str(sample), str(articles_file), str(out_file)],
        check=True,
        cwd=tree,
        env={**os.environ, "WIREHOUSE_CACHE_DIR": str(cache)},
    )
    result = json.loads(out_file.read_text(encoding="utf-8"))
    by_text = {
        s["text"]: result["found"][s["id"]] for s in json.loads(sample.read_text(encoding="utf-8"))
    }
    return result, lambda text, language: [(k, w) for k, w in by_text[text]]


# Run in a fresh process with the package root first on sys.path: loads the gazetteer index
# (cached by a run before), then times the first small-town distance. Writes JSON to argv[2].
_DISTANCE_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])

def status_mb(field):
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0

from transform import entity_gazetteer as gazetteer
gazetteer.loaded_lexicon()
annecy = min(k for k in gazetteer.place_keys("Annecy") if k in gazetteer.town_keys())
gazetteer.town_distance_km(annecy, annecy)  # the gazetteer's own towns' coordinates
try:
    with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
        clear.write("5")  # resets VmHWM, the peak
    peak_field = "VmHWM"
except OSError:
    peak_field = ""
before = status_mb("VmRSS")
started = time.perf_counter()
distance = gazetteer.small_town_distance_km(("FR", "Doussard"), annecy)
seconds = time.perf_counter() - started
peak = status_mb(peak_field) if peak_field else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
with open(sys.argv[2], "w", encoding="utf-8") as handle:
    json.dump({"seconds": seconds, "peak_added": peak - before,
               "held_added": status_mb("VmRSS") - before, "distance": distance}, handle)
"""
# The small towns' sets this tree's runs read (WIREHOUSE_ENTITY_SMALL_TOWN_COORDINATES_MIN_POPULATION).
DISTANCE_SETS = (500, 5000)


def first_distance(tree: Path, scratch: Path, cache: Path, env: dict[str, str]) -> dict:
    """The first small-town distance's figures in a fresh process running ``tree``'s code,
    its gazetteer cache in ``cache``."""
    out = scratch / "distance.json"
    subprocess.run(
        [sys.executable, "-c", _DISTANCE_CHILD, str(tree), str(out)],
        check=True,
        cwd=tree,
        env={**os.environ, **env, "WIREHOUSE_CACHE_DIR": str(cache)},
    )
    return json.loads(out.read_text(encoding="utf-8"))


def first_distance_bench(refs: list[str], repeats: int, scratch: Path) -> int:
    """Time the first small-town distance (see the module's docstring) and print the table."""
    from statistics import median

    floor = "WIREHOUSE_ENTITY_SMALL_TOWN_COORDINATES_MIN_POPULATION"
    # name -> (code tree, cache directory, environment, whether the small towns' file goes)
    runs: dict[str, tuple[Path, Path, dict[str, str], bool]] = {}
    for ref in refs:
        try:
            short = unpack_ref(ref, ["transform", "wirehouse"], scratch / f"ref-{ref}")
        except RefError as exc:
            print(f"entity bench: {exc}", file=sys.stderr)
            return 2
        runs[f"{ref}@{short}"] = (scratch / f"ref-{ref}", scratch / f"cache-{ref}", {}, False)
    for size in DISTANCE_SETS:
        cache, env = scratch / f"cache-{size}", {floor: str(size)}
        runs[f"{size:,} set, no cache"] = (REPO, cache, env, True)
        runs[f"{size:,} set, cache"] = (REPO, cache, env, False)
    for tree, cache, env, _fresh in runs.values():  # the gazetteer index, cached: untimed
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from transform import entity_gazetteer as g; g.loaded_lexicon()",
            ],
            check=True,
            cwd=tree,
            env={**os.environ, **env, "WIREHOUSE_CACHE_DIR": str(cache), "PYTHONPATH": str(tree)},
        )
    results: dict[str, list[dict]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, (tree, cache, env, fresh) in runs.items():
            if fresh:
                (cache / entity_gazetteer.SMALL_TOWNS_CACHE_FILE).unlink(missing_ok=True)
            results[name].append(first_distance(tree, scratch, cache, env))
    print(
        f"first small-town distance (Doussard to Annecy), fresh process, gazetteer index "
        f"cached and loaded; median of {repeats}; ratios to {next(iter(runs))}"
    )
    base: dict[str, float] = {}
    for name, figures in results.items():
        row = {
            key: median(f[key] for f in figures) for key in ("seconds", "peak_added", "held_added")
        }
        base = base or row
        distance = figures[0]["distance"]
        print(
            f"  {name:<28} {row['seconds']:7.3f} s ({row['seconds'] / base['seconds']:.3f}x)"
            f"  peak +{row['peak_added']:6.1f} MB ({row['peak_added'] / base['peak_added']:.3f}x)"
            f"  held +{row['held_added']:6.1f} MB ({row['held_added'] / base['held_added']:.3f}x)"
            f"  distance {'none' if distance is None else f'{distance:.1f} km'}"
        )
    return 0


def report(
    name: str, recognizer: Recognizer, samples: list[dict], errors: int, speed: float
) -> None:
    counts, mistakes = score(recognizer, samples, errors)
    p, r, f = prf(*counts[("all", "")])
    print(f"{name:<10} P={p:.3f} R={r:.3f} F1={f:.3f}  {speed:.2f} ms/article")
    for group, members in (("kind", KINDS), ("language", LANGUAGES)):
        for member in members:
            p, r, f = prf(*counts[(group, member)])
            tp, fp, fn = counts[(group, member)]
            print(
                f"  {name} {group} {member:<13} P={p:.3f} R={r:.3f} F1={f:.3f}"
                f"  (tp {tp}, fp {fp}, fn {fn})"
            )
    for line in sorted(mistakes):
        print(f"    {line}")


def load_line(name: str, result: dict, *, timed: bool = True) -> str:
    added = result["rss_after"] - result["rss_before"]
    line = (
        f"load {name}: {result['load_seconds']:.2f} s, RSS {result['rss_after']:.0f} MB "
        f"(+{added:.0f} MB for import and warm, fresh process)"
    )
    return f"{line}; {result['ms']:.2f} ms/article there" if timed else line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    parser.add_argument(
        "--multilingual",
        action="store_true",
        help=f"score the held-out sample {MULTILINGUAL_SAMPLE.name} (overrides --sample)",
    )
    parser.add_argument("--errors", type=int, default=0, help="print the first N mistakes")
    parser.add_argument(
        "--compare-ref", metavar="GITREF", help="also run the recognizer of this commit"
    )
    parser.add_argument(
        "--first-distance",
        action="store_true",
        help="time only the first small-town distance, cold and warm cache, against refs",
    )
    parser.add_argument(
        "--distance-ref",
        metavar="GITREF",
        action="append",
        help="a commit whose first distance --first-distance times too (default: main)",
    )
    parser.add_argument("--repeats", type=int, default=3, help="--first-distance's runs of each")
    args = parser.parse_args(argv)
    if args.first_distance:
        with tempfile.TemporaryDirectory(prefix="entity-bench-") as scratch_name:
            return first_distance_bench(
                args.distance_ref or ["main"], args.repeats, Path(scratch_name)
            )
    if not (args.data / "ground-truth.json").is_file():
        print(f"no ground-truth.json in {args.data}", file=sys.stderr)
        return 2
    if args.multilingual:
        args.sample = MULTILINGUAL_SAMPLE
    samples = json.loads(args.sample.read_text(encoding="utf-8"))
    mentions = sum(len(s["entities"]) for s in samples)
    articles = article_texts(args.data)
    with tempfile.TemporaryDirectory(prefix="entity-bench-") as scratch_name:
        scratch = Path(scratch_name)
        cache = scratch / "cache"
        short = ""
        if args.compare_ref:  # a bad ref ends the run before anything is measured
            try:
                short = unpack_ref(args.compare_ref, ["transform"], scratch / "ref")
            except RefError as exc:
                print(f"entity bench: {exc}", file=sys.stderr)
                return 2
        cold, _ = run_child(REPO, args.sample.resolve(), [], scratch, cache)  # builds the cache
        ours, _ = run_child(REPO, args.sample.resolve(), articles, scratch, cache)
        reference = None
        if args.compare_ref:
            reference = (
                f"ref@{short}",
                *run_child(
                    scratch / "ref", args.sample.resolve(), articles, scratch, scratch / "ref-cache"
                ),
            )
    started = time.perf_counter()
    entities.warm()
    load_seconds = time.perf_counter() - started
    print(
        f"sample: {len(samples)} snippets, {mentions} labelled mentions; "
        f"gazetteers loaded in {load_seconds:.2f} s; timing over {len(articles)} articles"
    )
    print(load_line("wirehouse, no cache", cold, timed=False))
    print(load_line("wirehouse", ours))
    print(
        f"load from cache / no cache: {ours['load_seconds'] / cold['load_seconds']:.2f} "
        f"time, {ours['rss_after'] / cold['rss_after']:.2f} RSS (same run)"
    )
    if reference is not None:
        print(load_line(reference[0], reference[1]))
    for sample in samples:  # the first pass the children make before they time the articles
        wirehouse(sample["text"], sample["language"])
    report("wirehouse", wirehouse, samples, args.errors, ms_per_article(wirehouse, articles))
    report("baseline", baseline, samples, args.errors, ms_per_article(baseline, articles))
    if reference is not None:
        name, result, recognizer = reference
        report(name, recognizer, samples, args.errors, result["ms"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
