"""A given name of names-dataset's common ones opens a person's name (ent8:
entity_people._listed_given_name, entity_gazetteer.common_given_names)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from entity_mentions import people

from transform import entity_gazetteer
from transform.entity_gazetteer import (
    GIVEN_NAMES_CACHE_FILE,
    SURNAMES_CACHE_FILE,
    load_common_given_names,
    load_common_surnames,
)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # given names gender-guesser's list lacks, before a surname that is a common word
        (
            "El empate llegó al minuto 80, cuando Keyner Brown remató de cabeza al segundo palo.",
            "es",
            ["Keyner Brown"],
        ),
        (
            "La portería quedó a cargo de Jeancarlo Vega, que atajó dos penales.",
            "es",
            ["Jeancarlo Vega"],
        ),
        # after another capitalised word the listed name is a model's: no person
        ("Vor dem Rathaus parkte ein Toyota Yaris Cross mit offenem Fenster.", "de", []),
    ],
)
def test_a_listed_given_name_opens_a_person_s_name(
    text: str, language: str, expected: list[str]
) -> None:
    assert people(text, language) == expected


def test_the_given_names_hold_a_country_s_frequent_names_only() -> None:
    names = entity_gazetteer.common_given_names()
    assert {"keyner", "jeancarlo", "raheem"} <= names
    assert "rubeus" not in names  # a novel's, no country's


@pytest.mark.parametrize(
    ("builder", "load", "file_name", "name"),
    [
        ("_build_common_given_names", load_common_given_names, GIVEN_NAMES_CACHE_FILE, "keyner"),
        ("_build_common_surnames", load_common_surnames, SURNAMES_CACHE_FILE, "lindqvist"),
    ],
)
def test_a_names_list_is_cached_and_rebuilt_when_its_file_is_damaged(
    builder: str,
    load: Callable[[Path | None], frozenset[str]],
    file_name: str,
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    builds: list[int] = []

    def build() -> frozenset[str]:
        builds.append(1)
        return frozenset({name})

    monkeypatch.setattr(entity_gazetteer, builder, build)
    assert load(tmp_path) == {name}
    assert load(tmp_path) == {name}
    assert len(builds) == 1  # the second load read the file
    (tmp_path / file_name).write_bytes(b"damaged")
    assert load(tmp_path) == {name}
    assert len(builds) == 2
