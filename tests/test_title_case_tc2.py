"""The Title Case test counts the words a sentence writes small, never names (ent75, tc2)."""

from __future__ import annotations

import pytest

from transform import entity_gazetteer
from transform.entities import recognize_entities
from transform.entity_tokens import _title_case_sentences, _tokens


def _first_names() -> frozenset[str]:
    return entity_gazetteer.loaded_lexicon().common_first_names


@pytest.mark.parametrize(
    "sentence",
    [
        "Entró Marta Inés Quiroga.",
        "Llamó a Marta Inés Quiroga.",
        "Entra por Marta Inés Quiroga.",
    ],
)
def test_a_short_sentence_of_names_is_no_title_case(sentence: str) -> None:
    assert not _title_case_sentences(_tokens(sentence), 0.8, 4, _first_names(), "es")


def test_a_headline_with_a_name_stays_title_case() -> None:
    headline = "Marta Quiroga Wins Regional Chess Title After Long Final"
    assert _title_case_sentences(_tokens(headline), 0.7, 3, _first_names(), "en")


def test_a_headline_of_names_alone_is_no_title_case() -> None:
    assert not _title_case_sentences(
        _tokens("Marta Inés Quiroga Y Jorge Pelayo"), 0.7, 3, _first_names(), "es"
    )


@pytest.mark.parametrize(
    "text",
    [
        "El partido siguió. Entró Marta Inés Quiroga.",
        "Entra por Marta Inés Quiroga.",
        "Llamó a Marta Inés Quiroga.",
    ],
)
def test_a_three_word_name_in_a_short_sentence_is_found_whole(text: str) -> None:
    names = [m.entity.name for m in recognize_entities("", text, "es")]
    assert "Marta Inés Quiroga" in names


def test_a_frequent_word_in_the_first_name_lists_is_no_name() -> None:
    # "The" stands in the lists of first names; it is English's article, written small.
    headline = "The Harbour Juan Pablo Tickets"
    assert _title_case_sentences(_tokens(headline), 0.7, 3, _first_names(), "en")
