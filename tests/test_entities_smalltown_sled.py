"""A town under the gazetteer's floor after the German, French or Spanish preposition that
sets something in a town (held_out_44's sledging round-up, helper sled): GeoNames' smaller set
gives its one country."""

from __future__ import annotations

import pytest

from transform.entities import find_mentions


def _places(text: str, language: str) -> dict[str, tuple[str, str | None]]:
    return {
        m.surface: (m.entity.key, m.entity.country_code)
        for m in find_mentions("", text, language)
        if m.entity.kind == "place"
    }


@pytest.mark.parametrize(
    ("language", "text", "town", "country"),
    [
        (
            "de",
            "Ein Lieferwagen ist am Montag in Lamballe gegen eine Mauer geprallt.",
            "Lamballe",
            "FR",
        ),
        ("fr", "Un camion s'est renversé lundi à Kappeln, sur la route du port.", "Kappeln", "DE"),
        ("es", "Un camión volcó el lunes en Lamballe, según la gendarmería.", "Lamballe", "FR"),
    ],
)
def test_a_small_town_after_the_preposition_is_read_in_its_one_country(
    language: str, text: str, town: str, country: str
) -> None:
    key, code = _places(text, language)[town]
    assert key.startswith("place:town:") and code == country


def test_a_name_the_gazetteer_holds_or_a_noun_is_no_small_town() -> None:
    # Coimbra is the gazetteer's Portuguese city, not GeoNames' smaller Brazilian one
    places = _places("Die Decke eines Hörsaals ist in Coimbra eingestürzt.", "de")
    assert places["Coimbra"][1] == "PT"
    assert not _places("Die Kinder waren in Gefahr, sagte die Polizei.", "de")
