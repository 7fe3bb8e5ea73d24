"""Another happening told of by a similar one in the lead, or by a comparison with a place
"where" it happened (rup2): its places are not the report's own."""

from __future__ import annotations

import pytest

from transform.entities import (
    TextReading,
    places_after_a_count,
    places_of_another_happening,
    recognize_entities,
)


def _names(text: str, language: str, keys: object) -> set[str]:
    found = {m.entity.key: m.entity.name for m in recognize_entities("", text, language)}
    return {found[key] for key in keys}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("lead", "language", "other"),
    [
        (
            (
                "Customs officers in Rotterdam seized a tonne of cocaine in banana crates on Monday,"
                " days after a similar haul in Antwerp."
            ),
            "en",
            "Antwerp",
        ),
        (
            (
                "Der Zoll in Rotterdam stellte am Montag eine Tonne Kokain sicher, nachdem ein"
                " ähnlicher Fund in Antwerpen gemeldet worden war."
            ),
            "de",
            "Antwerp",
        ),
        (
            (
                "Les douaniers de Rotterdam ont saisi lundi une tonne de cocaïne, après une saisie"
                " similaire à Anvers."
            ),
            "fr",
            "Antwerp",
        ),
        (
            (
                "Los aduaneros de Rotterdam incautaron el lunes una tonelada de cocaína, días después"
                " de un alijo similar en Amberes."
            ),
            "es",
            "Antwerp",
        ),
    ],
)
def test_places_after_a_similar_one_in_the_lead_are_the_others(
    lead: str, language: str, other: str
) -> None:
    assert _names(lead, language, places_after_a_count(TextReading(lead, language))) == {other}


def test_a_lead_of_similar_manner_names_no_other_happening() -> None:
    lead = "Customs officers in Rotterdam worked in a similar way at the port of Antwerp."
    assert not places_after_a_count(TextReading(lead, "en"))


@pytest.mark.parametrize(
    ("paragraph", "language"),
    [
        (
            (
                "Such seizures are still rare in Portugal compared with Belgium, where customs in"
                " Antwerp found two tonnes on Sunday."
            ),
            "en",
        ),
        (
            (
                "In Portugal sind solche Funde selten, anders als in Belgien, wo der Zoll in Antwerpen"
                " am Sonntag zwei Tonnen fand."
            ),
            "de",
        ),
        (
            (
                "Ces saisies restent rares au Portugal par rapport à la Belgique, où les douaniers"
                " d'Anvers ont trouvé deux tonnes dimanche."
            ),
            "fr",
        ),
        (
            (
                "Estas incautaciones son raras en Portugal en comparación con Bélgica, donde la aduana"
                " de Amberes halló dos toneladas el domingo."
            ),
            "es",
        ),
    ],
)
def test_a_comparison_with_a_place_where_it_happened_tells_of_another(
    paragraph: str, language: str
) -> None:
    lead = "Customs officers in Porto seized a tonne of cocaine on Monday."
    passing = places_of_another_happening(f"{lead}\n\n{paragraph}", language)
    assert "Antwerp" in _names(paragraph, language, passing)
    assert not places_of_another_happening(lead, language)


def test_a_comparison_with_a_time_is_no_other_happening() -> None:
    paragraph = "Seizures in Antwerp rose by a third compared with last year, customs said."
    assert not places_of_another_happening(paragraph, "en")
