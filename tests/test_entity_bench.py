"""The entity benchmark's scoring and its parser in the benchmark driver (no timing asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import entity_bench
import run_all

# Two snippets written for this test, each with its labels.
SAMPLE = [
    {
        "id": "t-1",
        "language": "en",
        "text": "Mayor Lena Hartwell met Barclays Bank in Leeds.",
        "entities": [
            {"kind": "person", "text": "Lena Hartwell"},
            {"kind": "organization", "text": "Barclays Bank"},
            {"kind": "place", "text": "Leeds"},
        ],
    },
    {
        "id": "t-2",
        "language": "de",
        "text": "Anna Weber's Rede in Dresden.",
        "entities": [{"kind": "person", "text": "Anna Weber"}],
    },
]


def fixed(answers: dict[str, list[tuple[str, str]]]) -> entity_bench.Recognizer:
    return lambda text, language: answers[text]


def test_scores_count_kind_and_words_case_accent_and_possessive_insensitively() -> None:
    answers = {
        SAMPLE[0]["text"]: [
            ("person", "LENA HARTWELL"),
            ("place", "Barclays Bank"),
            ("place", "Leeds."),
        ],
        SAMPLE[1]["text"]: [("person", "Anna Weber's"), ("place", "Dresden")],
    }
    counts, mistakes = entity_bench.score(fixed(answers), SAMPLE, errors=10)
    assert counts[("all", "")] == [3, 2, 1]  # Barclays as a place is one extra and one missed
    assert counts[("kind", "organization")] == [0, 0, 1]
    assert counts[("kind", "place")] == [1, 2, 0]
    assert counts[("language", "de")] == [1, 1, 0]
    assert sorted(mistakes) == [
        "t-1: extra place 'barclays bank'",
        "t-1: missed organization 'barclays bank'",
        "t-2: extra place 'dresden'",
    ]
    assert entity_bench.prf(3, 2, 1) == pytest.approx((0.6, 0.75, 2 / 3))
    assert entity_bench.prf(0, 0, 0) == (0.0, 0.0, 0.0)


# the samples in the order they were written: each blind one is new against all before it
SAMPLES = (
    "entity_sample.json",
    "entity_sample_multilingual.json",
    "entity_sample_unseen.json",
    "entity_sample_unseen_2.json",
    "entity_sample_unseen_3.json",
    "entity_sample_unseen_4.json",
    "entity_sample_unseen_5.json",
    "entity_sample_unseen_6.json",
    "entity_sample_unseen_7.json",
)


@pytest.mark.parametrize("name", SAMPLES)
def test_the_committed_sample_is_well_formed(name: str) -> None:
    import json

    sample = json.loads((REPO / "bench" / name).read_text(encoding="utf-8"))
    assert sum(len(s["entities"]) for s in sample) >= 200
    assert {s["language"] for s in sample} == {"en", "de", "fr", "es"}
    for snippet in sample:
        for entity in snippet["entities"]:
            assert entity["kind"] in entity_bench.KINDS
            assert entity["text"] in snippet["text"], (snippet["id"], entity)


def test_the_held_out_sample_shares_no_page_with_the_first() -> None:
    import json

    def sources(name: str) -> set[str]:
        sample = json.loads((REPO / "bench" / name).read_text(encoding="utf-8"))
        return {snippet["source"] for snippet in sample}

    assert not sources("entity_sample.json") & sources("entity_sample_multilingual.json")


@pytest.mark.parametrize(
    ("sample", "earlier", "new_page_languages"),
    [
        (SAMPLES[2], SAMPLES[:2], ("en", "de")),
        (SAMPLES[3], SAMPLES[:3], ("en", "de")),
        (SAMPLES[4], SAMPLES[:4], ("en", "de")),
        (SAMPLES[5], SAMPLES[:5], ("de",)),
        (SAMPLES[6], SAMPLES[:6], ("de",)),
        (SAMPLES[7], SAMPLES[:7], ("de",)),
        (SAMPLES[8], SAMPLES[:8], ("en",)),
    ],
)
def test_a_blind_sample_is_well_formed_and_new(
    sample: str, earlier: tuple[str, ...], new_page_languages: tuple[str, ...]
) -> None:
    """Ids unique, kinds valid, every label in its snippet; against every sample before it,
    pages of ``new_page_languages`` are new, and a snippet of another language on an earlier
    sample's page is a new sentence naming nothing labelled on that page before (the sixth
    sample reuses English pages too: the English pages no sample used had run out)."""
    import json

    def load(name: str) -> list[dict]:
        return json.loads((REPO / "bench" / name).read_text(encoding="utf-8"))

    unseen = load(sample)
    before = [snippet for name in earlier for snippet in load(name)]
    assert len({s["id"] for s in unseen}) == len(unseen) >= 240
    assert sum(len(s["entities"]) for s in unseen) >= 250
    assert {s["language"] for s in unseen} == set(entity_bench.LANGUAGES)
    named: dict[str, set[str]] = {}
    for snippet in before:
        named.setdefault(snippet["source"], set()).update(
            e["text"].casefold() for e in snippet["entities"]
        )
    texts = {s["text"] for s in before}
    for snippet in unseen:
        assert snippet["text"] not in texts, snippet["id"]
        for entity in snippet["entities"]:
            assert entity["kind"] in entity_bench.KINDS, (snippet["id"], entity)
            assert entity["text"] in snippet["text"], (snippet["id"], entity)
        if snippet["language"] in new_page_languages:
            assert snippet["source"] not in named, snippet["id"]
        folded = snippet["text"].casefold()
        assert not any(name in folded for name in named.get(snippet["source"], ())), snippet["id"]


OUTPUT = """sample: 2 snippets, 4 labelled mentions; gazetteers loaded in 1.00 s; timing over 3 articles
load wirehouse: 1.50 s, RSS 120 MB (+110 MB for import and warm, fresh process)
wirehouse  P=0.800 R=0.600 F1=0.686  12.00 ms/article
  wirehouse kind person        P=0.900 R=0.700 F1=0.788  (tp 7, fp 1, fn 3)
  wirehouse kind organization  P=0.700 R=0.400 F1=0.509  (tp 4, fp 2, fn 6)
  wirehouse kind place         P=0.800 R=0.850 F1=0.824  (tp 8, fp 2, fn 1)
baseline   P=0.400 R=0.500 F1=0.444  1.50 ms/article
"""


def test_run_all_reads_the_entity_figures() -> None:
    ctx = run_all.Context(quick=False, data=Path("/data"), workdir=Path("/tmp"))
    figures, points = run_all.parse_entities(OUTPUT, ctx)
    by_name = {f.name: f for f in figures}
    assert points == []
    assert by_name["entity F1"].value == pytest.approx(0.686)
    assert by_name["entity F1"].ratio == pytest.approx(0.686 / 0.444)
    assert by_name["organization recall"].value == pytest.approx(0.4)
    assert by_name["time per article"].ratio == pytest.approx(8.0)
    assert by_name["recognizer load"].value == pytest.approx(1.5)
    assert by_name["recognizer RSS"].value == pytest.approx(120)
    with pytest.raises(run_all.OutputError):
        run_all.parse_entities("nothing here\n", ctx)


def test_load_line_reads_as_run_all_expects() -> None:
    line = entity_bench.load_line(
        "wirehouse", {"load_seconds": 2.5, "rss_before": 10.0, "rss_after": 130.4, "ms": 12.345}
    )
    assert line == (
        "load wirehouse: 2.50 s, RSS 130 MB (+120 MB for import and warm, fresh process); "
        "12.35 ms/article there"
    )
    ctx = run_all.Context(quick=False, data=Path("/data"), workdir=Path("/tmp"))
    figures, _ = run_all.parse_entities(OUTPUT.replace(OUTPUT.splitlines()[1], line), ctx)
    assert {f.name: f.value for f in figures}["recognizer RSS"] == pytest.approx(130)
