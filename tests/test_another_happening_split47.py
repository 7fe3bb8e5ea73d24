"""A paragraph that opens on a country with an "also", and a happening a report "mirrors",
tell of another happening like the report's own: their places are not the report's
(split47)."""

from __future__ import annotations

import pytest

from transform.entities import places_of_another_happening, recognize_entities


def _names(text: str, language: str, keys: object) -> set[str]:
    found = {m.entity.key: m.entity.name for m in recognize_entities("", text, language)}
    return {found[key] for key in keys}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("lead", "paragraph", "language", "own"),
    [
        (
            "Die Bäckereikette Krumbholt hat am Montag alle Filialen in Kassel geschlossen.",
            (
                "Auch in Italien hatte am Montag die Kette Fornelli aus Verona ihre Läden "
                "geschlossen. Krumbholt beschäftigt 400 Leute."
            ),
            "de",
            ["DE"],
        ),
        (
            "La chaîne Boulanges a fermé lundi ses boutiques de Nantes.",
            "En Italie aussi, la chaîne Fornelli a fermé lundi ses boutiques de Vérone.",
            "fr",
            ["FR"],
        ),
        (
            "The bakery chain Crumbhold shut all its shops in Leeds on Monday.",
            "Also in Italy, the chain Fornelli shut its shops in Verona on Monday.",
            "en",
            ["GB"],
        ),
        (
            "La cadena Panaderías Olmo cerró el lunes sus tiendas de Valladolid.",
            "También en Italia, la cadena Fornelli cerró el lunes sus tiendas de Verona.",
            "es",
            ["ES"],
        ),
    ],
)
def test_a_paragraph_opening_also_on_another_country_is_another_happening(
    lead: str, paragraph: str, language: str, own: list[str]
) -> None:
    passing = places_of_another_happening(f"{lead}\n\n{paragraph}", language, own_countries=own)
    names = _names(paragraph, language, passing)
    assert {"Verona", "Vérone"} & names
    assert not places_of_another_happening(lead, language, own_countries=own)


def test_a_paragraph_opening_also_on_the_own_country_is_the_report_s() -> None:
    paragraph = "Auch in Deutschland hatte die Kette Krumbholt aus Kassel Läden geschlossen."
    assert not places_of_another_happening(paragraph, "de", own_countries=["DE"])


def test_a_happening_the_report_mirrors_is_another() -> None:
    paragraph = (
        "The closure mirrored a dispute in Italy, where the chain Fornelli shut its shops in "
        "Verona."
    )
    passing = places_of_another_happening(paragraph, "en")
    assert "Verona" in _names(paragraph, "en", passing)
    assert not places_of_another_happening("The chain shut its shops in Verona.", "en")
