"""The real-pages event benchmark's pure helpers and its parser in the benchmark driver."""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import real_pages_events_bench as bench
import run_all


def test_judged_pairs_and_their_chains_share_one_story_every_other_page_its_own() -> None:
    gold = bench.judged_gold(["a", "b", "c", "d", "e"], [("a", "b"), ("c", "b"), ("x", "e")])
    assert gold["a"] == gold["b"] == gold["c"]
    assert len({gold["a"], gold["d"], gold["e"]}) == 3  # a pair naming an absent page: no-op


def test_joins_count_events_of_two_or_more_and_their_pages() -> None:
    assert bench.joins({"a": "e1", "b": "e1", "c": "e1", "d": "e2", "e": "e3", "f": "e3"}) == (2, 5)
    assert bench.joins({"a": "e1"}) == (0, 0)


def test_times_fall_in_the_window_in_order_and_depend_on_the_seed_only() -> None:
    records = [{"id": str(n), "title": "", "text": ""} for n in range(50)]
    timed = bench.spread_in_window(records, 7)
    assert timed == bench.spread_in_window(records, 7) != bench.spread_in_window(records, 8)
    moments = [bench.datetime.fromisoformat(r["published_at"]) for r in timed]
    assert moments == sorted(moments)
    assert all(bench.WINDOW_START <= m <= bench.WINDOW_START + timedelta(hours=36)
               for m in moments)
    assert sorted(r["id"] for r in timed) == sorted(r["id"] for r in records)


def test_a_page_named_without_a_url_is_its_own_source() -> None:
    assert bench.source_of("https://www.example.org/a/b.html") == "example.org"
    assert bench.source_of("hard::newsdesk.invalid-floods.html") == "newsdesk.invalid"


def test_the_committed_judgements_name_two_pages_and_a_reason_each() -> None:
    judged = json.loads((REPO / "bench" / "real_pages_same_story.json").read_text())
    for entry in judged["same_story"]:
        assert len(entry["pages"]) == 2 and entry["pages"][0] != entry["pages"][1]
        assert entry["reason"].strip()


def test_an_absent_data_directory_says_so(tmp_path, capsys) -> None:
    assert bench.main(["--data", str(tmp_path)]) == 2
    assert "benchmark data absent" in capsys.readouterr().out


def test_driver_reads_the_all_pages_block_not_the_ground_truth_ones() -> None:
    out = (
        "extracted 1170 pages in 60s, seed 7\n"
        "all pages, extracted text: 1170 pages, 1169 judged stories\n"
        "  TF-IDF single pass                 events of 2+=   8  pages in them=1112  B3 P=0.056 R=1.000  (9.0s)\n"
        "  wirehouse, words only              events of 2+=  40  pages in them=  90  B3 P=0.950 R=1.000  (9.0s)\n"
        "  wirehouse                          events of 2+=  30  pages in them=  64  B3 P=0.970 R=1.000  (9.0s)\n"
        "article-extraction pages, extracted text: 181 pages, 181 judged stories\n"
        "  wirehouse                          events of 2+=   1  pages in them=   2  B3 P=0.990 R=1.000  (9.0s)\n"
    )
    ctx = run_all.Context(quick=True, data=Path("/data"), workdir=Path("/tmp"))
    figures, _ = run_all.parse_real_pages(out, ctx)
    assert [(f.name, f.value, f.baseline) for f in figures] == [
        ("B-cubed precision", 0.97, 0.95),
        ("pages in events of 2+", 64, 90),
        ("TF-IDF single pass B-cubed precision", 0.056, None),
    ]


def test_a_false_join_is_explained_by_its_entities_and_shared_terms(capsys) -> None:
    records = [
        {"id": "s/a", "title": "Ferry Aurelia runs aground near Tromsø",
         "text": "The ferry Aurelia ran aground near Tromsø on Monday, the coast guard said.",
         "language": "en", "source": "one.invalid"},
        {"id": "s/b", "title": "Tromsø harbour reopens after ferry grounding",
         "text": "Tromsø harbour reopened on Tuesday after the ferry grounding, officials said.",
         "language": "en", "source": "two.invalid"},
        {"id": "s/c", "title": "Muffin recipe", "text": "Mix flour, butter and sugar.",
         "language": "en", "source": "three.invalid"},
    ]
    vectors, mentions = bench.page_vectors(records)
    bench.explain_join(["s/a", "s/b"], vectors, mentions)
    out = capsys.readouterr().out
    assert "entities a:" in out and "entities b:" in out
    pair = next(line for line in out.splitlines() if "a ~ b" in line)
    assert "cosine" in pair and "troms" in pair  # the shared town, by its word or its key
