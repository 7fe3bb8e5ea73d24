"""A town the gazetteer held but the recognizer never read (helper p42): a German town whose
GeoNames name carries the river or land it lies on."""

from __future__ import annotations

from transform.entities import recognize_entities


def _places(title: str, text: str, language: str) -> list[tuple[str, str | None]]:
    return [
        (m.entity.name, m.entity.country_code)
        for m in recognize_entities(title, text, language)
        if m.entity.kind == "place"
    ]


def test_a_small_town_is_read_without_its_locating_tail_unless_it_is_a_word() -> None:
    # GeoNames names it "Rüsselsheim am Main"; the press writes "Rüsselsheim". "Weil am
    # Rhein" keeps its tail: "weil" is a German conjunction
    text = (
        "In Rüsselsheim ist am Montag eine Scheune abgebrannt, teilte die Feuerwehr mit. "
        "Die Straße blieb gesperrt, weil am Morgen Glatteis herrschte."
    )
    places = _places("", text, "de")
    assert ("Rüsselsheim am Main", "DE") in places
    assert not [name for name, _ in places if name.startswith("Weil")]
