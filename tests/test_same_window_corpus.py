"""The same-window benchmark's corpus (bench/same_window) is what its README says it is, and the
bench scores a part of it against the whole run."""

from __future__ import annotations

import functools
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import clustering_bench
import run_all
import same_window_bench

from transform.entities import LANGUAGES
from wirehouse.settings import load_settings

DATA = REPO / "bench" / "same_window"
WINDOW = timedelta(hours=36)  # the held-out set's: every group's happenings within it
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it


@functools.cache
def _groups() -> tuple[tuple[str, dict], ...]:
    """Every group with its part's file name, read once: the corpus is over 2 MB of YAML, and
    the per-part tests each read all of it (36 parts read three times each took minutes)."""
    return tuple(
        (path.name, group)
        for path in sorted(DATA.glob("*.yaml"))
        for group in yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    )


@pytest.mark.parametrize(
    ("part", "group"), _groups(), ids=lambda v: v if isinstance(v, str) else v["kind"]
)
def test_each_group_is_happenings_of_one_kind_in_one_window(part, group):
    happenings = group["happenings"]
    assert len(happenings) >= 2
    times = []
    for happening in happenings:
        reports = happening["reports"]
        assert len(reports) >= 3, happening["key"]
        assert len({r["title"] for r in reports}) == len(reports)
        for report in reports:
            assert report.get("language", "en") in LANGUAGES
            assert report["text"].strip() and report["source"].strip()
            times.append(datetime.fromisoformat(report["at"]))
    assert max(times) - min(times) <= WINDOW


def test_the_busy_day_part_has_what_the_readme_promises():
    """At least ten groups, some of three happenings, reports in every language, full-text
    length (several paragraphs for some reports)."""
    groups = [g for part, g in _groups() if part == "busy_day.yaml"]
    reports = [r for g in groups for h in g["happenings"] for r in h["reports"]]
    assert len(groups) >= 10
    assert sum(1 for g in groups if len(g["happenings"]) >= 3) >= 3
    assert {r.get("language", "en") for r in reports} == set(LANGUAGES)
    assert sum(1 for r in reports if r["text"].count("\n\n") >= 2) >= 20


def test_the_full_text_part_has_what_the_readme_promises():
    """Four groups of two happenings at full-text length (150 to 300 words, in paragraphs),
    one of whose reports names its actor by surname only; then wire-length groups (250 to 600
    words: at least eight groups, eighteen happenings, sixty reports, some groups of three
    happenings); every language, every report in paragraphs."""
    groups = [g for part, g in _groups() if part == "full_text.yaml"]
    reports = [r for g in groups for h in g["happenings"] for r in h["reports"]]
    short, wire = groups[:4], groups[4:]
    short_reports = [r for g in short for h in g["happenings"] for r in h["reports"]]
    wire_reports = [r for g in wire for h in g["happenings"] for r in h["reports"]]
    assert all(len(g["happenings"]) == 2 for g in short)
    assert all(150 <= len(r["text"].split()) <= 300 for r in short_reports)
    assert any("Lefèvre" in r["text"] and "Hélène" not in r["text"] for r in short_reports)
    assert len(wire) >= 8 and sum(len(g["happenings"]) for g in wire) >= 18
    assert len(wire_reports) >= 60 and any(len(g["happenings"]) >= 3 for g in wire)
    assert all(250 <= len(r["text"].split()) <= 600 for r in wire_reports)
    assert all(r["text"].count("\n\n") >= 3 for r in reports)
    assert {r.get("language", "en") for r in reports} == set(LANGUAGES)
    assert {r.get("language", "en") for r in wire_reports} == set(LANGUAGES)


HELD_OUT = (
    "held_out.yaml",
    "held_out_2.yaml",
    "held_out_3.yaml",
    "held_out_4.yaml",
    "held_out_5.yaml",
    "held_out_6.yaml",
    "held_out_7.yaml",
    "held_out_8.yaml",
    "held_out_9.yaml",
    "held_out_10.yaml",
    "held_out_11.yaml",
    "held_out_12.yaml",
    "held_out_13.yaml",
    "held_out_14.yaml",
    "held_out_15.yaml",
    "held_out_16.yaml",
    "held_out_17.yaml",
    "held_out_18.yaml",
    "held_out_19.yaml",
    "held_out_20.yaml",
    "held_out_21.yaml",
    "held_out_22.yaml",
    "held_out_23.yaml",
    "held_out_24.yaml",
    "held_out_25.yaml",
    "held_out_26.yaml",
    "held_out_27.yaml",
    "held_out_28.yaml",
    "held_out_29.yaml",
    "held_out_30.yaml",
    "held_out_31.yaml",
    "held_out_32.yaml",
    "held_out_33.yaml",
    "held_out_34.yaml",
    "held_out_35.yaml",
    "held_out_36.yaml",
    "held_out_37.yaml",
    "held_out_38.yaml",
    "held_out_39.yaml",
    "held_out_40.yaml",
    "held_out_41.yaml",
    "held_out_42.yaml",
    "held_out_43.yaml",
    "held_out_44.yaml",
    "held_out_45.yaml",
    "held_out_46.yaml",
    "held_out_47.yaml",
    "held_out_48.yaml",
    "held_out_49.yaml",
    "held_out_50.yaml",
    "held_out_51.yaml",
    "held_out_52.yaml",
    "held_out_53.yaml",
    "held_out_54.yaml",
    "held_out_55.yaml",
    "held_out_56.yaml",
    "held_out_57.yaml",
    "held_out_58.yaml",
)  # in the order written


@pytest.mark.parametrize(
    ("part", "min_groups"),
    [
        (HELD_OUT[0], 10),
        (HELD_OUT[1], 6),
        (HELD_OUT[2], 8),
        (HELD_OUT[3], 8),
        (HELD_OUT[4], 8),
        (HELD_OUT[5], 8),
        (HELD_OUT[6], 8),
        (HELD_OUT[7], 8),
        (HELD_OUT[8], 8),
        (HELD_OUT[9], 8),
        (HELD_OUT[10], 8),
        (HELD_OUT[11], 8),
        (HELD_OUT[12], 8),
        (HELD_OUT[13], 7),
        (HELD_OUT[14], 8),
        (HELD_OUT[15], 8),
        (HELD_OUT[16], 8),
        (HELD_OUT[17], 8),
        (HELD_OUT[18], 8),
        (HELD_OUT[19], 8),
        (HELD_OUT[20], 8),
        (HELD_OUT[21], 8),
        (HELD_OUT[22], 8),
        (HELD_OUT[23], 8),
        (HELD_OUT[24], 8),
        (HELD_OUT[25], 8),
        (HELD_OUT[26], 8),
        (HELD_OUT[27], 8),
        (HELD_OUT[28], 8),
        (HELD_OUT[29], 8),
        (HELD_OUT[30], 8),
        (HELD_OUT[31], 8),
        (HELD_OUT[32], 8),
        (HELD_OUT[33], 8),
        (HELD_OUT[34], 8),
        (HELD_OUT[35], 8),
        (HELD_OUT[36], 8),
        (HELD_OUT[37], 8),
        (HELD_OUT[38], 8),
        (HELD_OUT[39], 8),
        (HELD_OUT[40], 8),
        (HELD_OUT[41], 8),
        (HELD_OUT[42], 8),
        (HELD_OUT[43], 8),
        (HELD_OUT[44], 8),
        (HELD_OUT[45], 8),
        (HELD_OUT[46], 8),
        (HELD_OUT[47], 8),
        (HELD_OUT[48], 8),
        (HELD_OUT[49], 8),
        (HELD_OUT[50], 8),
        (HELD_OUT[51], 8),
        (HELD_OUT[52], 8),
        (HELD_OUT[53], 8),
        (HELD_OUT[54], 8),
        (HELD_OUT[55], 8),
        (HELD_OUT[56], 8),
        (HELD_OUT[57], 8),
    ],
)
def test_a_held_out_part_has_what_the_readme_promises(part: str, min_groups: int):
    """Groups of kinds no other part holds, some of three happenings, every report 150 to 300
    words in paragraphs, every language, a week after the parts written before it (beyond the
    event window, so no event of theirs can take its reports)."""
    groups = [g for name, g in _groups() if name == part]
    others = [g for name, g in _groups() if name != part]
    earlier = [g for name, g in _groups() if name not in HELD_OUT[HELD_OUT.index(part) :]]
    reports = [r for g in groups for h in g["happenings"] for r in h["reports"]]
    kinds = {g["kind"].split(",")[0] for g in groups}
    assert len(groups) >= min_groups and any(len(g["happenings"]) >= 3 for g in groups)
    assert not kinds & {g["kind"].split(",")[0] for g in others}
    assert all(150 <= len(r["text"].split()) <= 300 for r in reports)
    assert all(r["text"].count("\n\n") >= 2 for r in reports)
    assert {r.get("language", "en") for r in reports} == set(LANGUAGES)
    first = min(datetime.fromisoformat(r["at"]) for r in reports)
    last_earlier = max(
        datetime.fromisoformat(r["at"])
        for g in earlier
        for h in g["happenings"]
        for r in h["reports"]
    )
    assert first - last_earlier > timedelta(days=load_settings().event_window_days)


def test_corpus_counts_every_pair_of_a_group_and_every_part():
    corpus = same_window_bench.load_corpus(DATA)
    keys = set(corpus.gold.values())
    assert set().union(*corpus.parts.values()) == keys
    assert len(keys) == sum(len(p) for p in corpus.parts.values())  # no key in two parts
    sizes = [len(g["happenings"]) for _, g in _groups()]
    assert len(corpus.pairs) == sum(n * (n - 1) // 2 for n in sizes)
    assert len(corpus.records) == len(corpus.gold)


def test_a_part_pays_for_a_merge_with_another_parts_happening():
    gold = {"a/0": "a", "a/1": "a", "b/0": "b", "x/0": "x"}
    apart = {"a/0": "e1", "a/1": "e1", "b/0": "e2", "x/0": "e3"}
    merged = {**apart, "x/0": "e1"}  # another part's report joins a's event
    within = {"a/0", "a/1", "b/0"}
    assert clustering_bench.bcubed(gold, apart, within) == (1.0, 1.0, 1.0)
    precision, recall, _ = clustering_bench.bcubed(gold, merged, within)
    assert precision == pytest.approx((2 / 3 + 2 / 3 + 1) / 3) and recall == 1.0


def test_driver_reads_the_whole_corpus_lines_not_a_parts():
    out = (
        "210 reports, 70 happenings in 47 same-kind pairs (busy_day: 30, reports: 40)\n"
        "TF-IDF single pass                       pairs apart= 10/47  whole=40/70  B3 P=0.5 R=0.9 F1=0.600  (1.0s)\n"
        "wirehouse, words only                    pairs apart= 30/47  whole=60/70  B3 P=0.8 R=0.9 F1=0.850  (9.0s)\n"
        "wirehouse                                pairs apart= 40/47  whole=65/70  B3 P=0.9 R=0.9 F1=0.900  (9.0s)\n"
        "  busy_day: wirehouse                    pairs apart= 20/27  whole=25/30  B3 P=0.8 R=0.9 F1=0.800\n"
    )
    ctx = run_all.Context(quick=True, data=Path("/data"), workdir=Path("/tmp"))
    figures, _ = run_all.parse_same_window(out, ctx)
    assert [(f.name, f.value, f.baseline) for f in figures] == [
        ("pairs kept apart", 40, 30),
        ("happenings kept whole", 65, 60),
        ("B-cubed F1", 0.9, 0.85),
    ]


def test_show_split_lists_happenings_split_or_merged_with_their_reports_events(capsys):
    records = [
        {"id": f"{key}/{n}", "title": f"{key} {n}", "language": "en", "published_at": at}
        for key, n, at in (("a", 0, "2026-11-10T01:00"), ("a", 1, "2026-11-10T02:00"))
        + (("b", 0, "2026-11-10T03:00"), ("c", 0, "2026-11-10T04:00"), ("d", 0, "2026-11-10T05:00"))
    ]
    corpus = same_window_bench.Corpus(
        records,
        {r["id"]: r["id"].split("/")[0] for r in records},
        [("a", "b"), ("c", "d")],
        {"part": frozenset("abcd")},
    )
    predicted = {"a/0": "e1", "a/1": "e2", "b/0": "e2", "c/0": "e3", "d/0": "e4"}
    same_window_bench.show_split(corpus, predicted)
    out = capsys.readouterr().out
    assert "  a: 2 events\n" in out and "  b: 1 events\n" in out  # split, and merged with a
    assert "e2         en 2026-11-10T02:00 a 1  (with b)" in out
    assert "  c:" not in out and "  d:" not in out  # whole and apart
