"""Entity recognition, driven by the hand-written cases in tests/fixtures/entities/cases.json.

Each case carries its expectations: entities that must be found (matched on the fields given)
and display names that must not be found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transform.entities import Entity, EntityMention, find_mentions, fold, recognize_entities

CASES = json.loads((Path(__file__).parent / "fixtures" / "entities" / "cases.json").read_text())


def _matches(found: EntityMention, expected: dict) -> bool:
    fields = {
        "kind": found.entity.kind,
        "name": found.entity.name,
        "key": found.entity.key,
        "country_code": found.entity.country_code,
        "mentions": found.mentions,
        "in_title": found.in_title,
    }
    return all(fields[name] == value for name, value in expected.items())


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case(case: dict) -> None:
    found = recognize_entities(case["title"], case["text"], case["language"])
    for expected in case["expect"]:
        assert any(_matches(item, expected) for item in found), (expected, found)
    names = {fold(item.entity.name) for item in found}
    for absent in case["absent"]:
        assert fold(absent) not in names, (absent, found)
    if case.get("exact"):
        assert len(found) == len(case["expect"]), found


def test_places_carry_coordinates_and_countries_none() -> None:
    found = {m.entity.name: m.entity for m in recognize_entities("", "From Lyon to France.", "fr")}
    assert found["Lyon"].lat == pytest.approx(45.75, abs=0.1)
    assert found["Lyon"].lon == pytest.approx(4.85, abs=0.1)
    assert found["France"].country_code == "FR" and found["France"].lat is None


def test_mentions_point_at_their_words() -> None:
    title, text = "Lena Hartwell in Leeds", "Hartwell stayed in Leeds."
    for mention in find_mentions(title, text, "en"):
        source = title if mention.in_title else text
        assert source[mention.start : mention.end] == mention.surface


def test_entities_are_hashable_values() -> None:
    first = recognize_entities("", "Angela Novak visited Oslo.", "en")
    second = recognize_entities("", "Angela Novak visited Oslo.", None)
    assert {m.entity for m in first} == {m.entity for m in second}
    assert all(isinstance(m.entity, Entity) for m in first)


@pytest.mark.parametrize("language", [None, "", "xx", "de-AT", "EN"])
def test_any_language_code_is_accepted(language: str | None) -> None:
    found = recognize_entities("", "Protest in Madrid.", language)
    assert [m.entity.name for m in found] == ["Madrid"]
