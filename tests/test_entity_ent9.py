"""ent9: a town named with the river or land it lies on after a German preposition
(entities._town_with_locating_phrase)."""

from __future__ import annotations

import pytest

from transform.entities import find_mentions


def _places(text: str, language: str) -> list[tuple[str, str]]:
    return [
        (m.surface, m.entity.name)
        for m in find_mentions("", text, language)
        if m.entity.kind == "place"
    ]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Der Bus aus Frankfurt an der Oder kam am Morgen mit zwei Stunden Verspätung an.",
            "de",
            [("Frankfurt an der Oder", "Frankfurt (Oder)")],
        ),
        (
            "Die Stadtwerke in Halle an der Saale erhöhen die Preise.",
            "de",
            [("Halle an der Saale", "Halle (Saale)")],
        ),
        (
            "Police in Landau in der Pfalz said two men were held.",
            "en",
            [("Landau in der Pfalz", "Landau in der Pfalz")],
        ),
        # the phrase is the sentence's where no town is named so
        ("Ein Fahrer wurde in Berlin am Montag angehalten.", "de", [("Berlin", "Berlin")]),
    ],
)
def test_a_town_takes_its_locating_phrase(
    text: str, language: str, expected: list[tuple[str, str]]
) -> None:
    assert _places(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # a body's short name written as a word, drawn from the words before the bracket
        (
            "La denuncia llegó a la Oficina Nacional de Pesca Artesanal (Onapa) el lunes.",
            "es",
            True,
        ),
        (
            "Les chercheurs du laboratoire de glaciologie alpine (Laglap) ont mesuré la neige.",
            "fr",
            True,
        ),
        # a person in brackets is no acronym of the words before
        ("La revue a été fondée par un Français (Quenardel) en 1965.", "fr", False),
    ],
)
def test_a_short_name_in_brackets_is_an_organisation(
    text: str, language: str, expected: bool
) -> None:
    start, end = text.index("(") + 1, text.index(")")
    found = {(m.entity.kind, m.surface) for m in find_mentions("", text, language)}
    assert (("organization", text[start:end]) in found) is expected


def test_a_dateline_town_keeps_its_river_after_a_slash() -> None:
    text = "Halle/Saale (dpa) - Ein Lastwagen ist am Morgen in eine Tankstelle gefahren."
    assert _places(text, "de") == [("Halle/Saale", "Halle (Saale)")]
    two_towns = "Görlitz/Breslau (dpa) - Ein Lastwagen ist am Morgen umgekippt."
    assert [surface for surface, _ in _places(two_towns, "de")] == ["Görlitz", "Breslau"]
