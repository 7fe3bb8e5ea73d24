"""A common surname alone is a person (names-dataset's ranks, entity_lists.person_by_surname)."""

from __future__ import annotations

from pathlib import Path

import pytest

from transform import entity_gazetteer
from transform.entities import recognize_entities
from transform.entity_gazetteer import SURNAMES_CACHE_FILE, load_common_surnames, loaded_lexicon
from transform.entity_lists import person_by_surname


def _people(text: str, language: str) -> list[str]:
    return [
        m.entity.name for m in recognize_entities("", text, language) if m.entity.kind == "person"
    ]


@pytest.mark.parametrize(
    ("text", "language", "surname"),
    [
        (
            "Asked about the delay, Lindqvist blamed the weather and the supplier.",
            "en",
            "Lindqvist",
        ),
        ("Le dossier a été confié à Brunet après la réunion du conseil.", "fr", "Brunet"),
        ("Am Abend sprach Hauser lange mit den Gästen.", "de", "Hauser"),
        ("La propuesta llegó tarde y Villalobos la rechazó sin leerla.", "es", "Villalobos"),
    ],
)
def test_common_surname_alone_is_a_person(text: str, language: str, surname: str) -> None:
    assert _people(text, language) == [surname]


def test_the_common_surnames_hold_a_country_s_frequent_surnames_only() -> None:
    surnames = entity_gazetteer.common_surnames()
    assert {"lindqvist", "brunet", "villalobos"} <= surnames
    assert "porsche" not in surnames  # Germany's 6,501st: a firm's name far more often


_SURNAMES = frozenset({"castillo", "mullin", "hauser", "sheppard", "ferreira"})


def _by_surname(body: str, word: str, language: str, *, sentence_start: bool = False) -> bool:
    start = body.index(word)
    before = body[:start].split()[-1].strip(",").casefold() if body[:start].strip() else ""
    return person_by_surname(
        body,
        (start, start + len(word)),
        [word],
        before,
        language,
        loaded_lexicon(),
        sentence_start,
        _SURNAMES,
    )


def test_a_surname_the_sentence_makes_a_subject_is_read() -> None:
    assert _by_surname("El plan, dijo la prensa, lo firmó Castillo ayer.", "Castillo", "es")


def test_opening_a_sentence_a_surname_as_frequent_as_a_word_is_not() -> None:
    # "castillo" is a Spanish word too (a castle): every sentence's first word is capitalised
    assert not _by_surname("Castillo firmó el plan ayer.", "Castillo", "es", sentence_start=True)


def test_a_list_member_is_not_read_by_its_surname() -> None:
    body = "The deal went to the law firm of Sheppard, Mullin and Ferreira last year."
    assert not _by_surname(body, "Mullin", "en")
    assert not _by_surname(body, "Sheppard", "en")


def test_a_word_after_a_number_or_a_german_article_is_no_surname() -> None:
    assert not _by_surname("The line runs at 120 Hauser a second.", "Hauser", "en")
    assert not _by_surname("Er baute einem Hauser eine Hütte.", "Hauser", "de")


def test_a_name_outside_the_common_surnames_is_not_read() -> None:
    assert not _by_surname("Asked about it, Quorvane blamed the weather.", "Quorvane", "en")


def test_the_surnames_are_cached_and_rebuilt_when_the_file_is_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds: list[int] = []

    def build() -> frozenset[str]:
        builds.append(1)
        return frozenset({"lindqvist"})

    monkeypatch.setattr(entity_gazetteer, "_build_common_surnames", build)
    assert load_common_surnames(tmp_path) == {"lindqvist"}
    assert load_common_surnames(tmp_path) == {"lindqvist"}
    assert len(builds) == 1  # the second load read the file
    (tmp_path / SURNAMES_CACHE_FILE).write_bytes(b"damaged")
    assert load_common_surnames(tmp_path) == {"lindqvist"}
    assert len(builds) == 2
