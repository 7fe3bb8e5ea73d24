"""A small town's name in another language, read where the article names its country
(transform/entity_gazetteer.py _foreign_names, transform/entities.py _foreign_name_unplaced),
and a historic centre named after its word (transform/entity_places.py old_town_name).
Invented sentences, no database."""

from __future__ import annotations

from transform.entities import recognize_entities


def _places(text: str, language: str) -> dict[str, str | None]:
    return {
        m.entity.key: m.entity.country_code
        for m in recognize_entities("", text, language)
        if m.entity.kind == "place"
    }


def _named(text: str, language: str, name: str) -> set[str | None]:
    return {
        m.entity.country_code
        for m in recognize_entities("", text, language)
        if m.entity.kind == "place" and m.entity.name == name
    }


def test_a_french_name_of_an_italian_town_is_that_town_where_italy_is_named() -> None:
    text = (
        "Deux skieurs ont été blessés dans la région italienne du Val d'Aoste. "
        "Ils ont été transportés vers l'hôpital d'Aoste, ont indiqué les secours."
    )
    assert _named(text, "fr", "Aosta") == {"IT"}


def test_a_foreign_name_without_its_country_is_not_read_as_that_town() -> None:
    text = "Le camion est arrivé à Aoste dans la nuit, selon la gendarmerie de Lyon."
    assert not _named(text, "fr", "Aosta")


def test_a_name_another_town_bears_stays_that_towns() -> None:
    """Karviná's German name is Freistadt, an Austrian town's own name: "in Freistadt" in an
    Austrian report is the Austrian town, never the Czech city."""
    text = "Der Bauhof in Freistadt hat kein Streusalz mehr, als letzte Gemeinde in Österreich."
    places = _places(text, "de")
    assert "CZ" not in places.values()
    assert "place:town:freistadt" in places


def test_a_historic_centre_with_its_name_is_that_district() -> None:
    text = (
        "Der Minister soll die Miete für drei Wohnungen in der Altstadt Alfama erhöht haben, "
        "berichtete eine Lissabonner Zeitung."
    )
    places = _places(text, "de")
    assert "place:district:alfama" in places
    assert "place:town:alfama" not in places
    assert "place:district:old town" not in places


def test_a_noun_or_a_town_after_the_historic_centre_is_no_district_name() -> None:
    german = "Die Feuerwehr schlug an mehreren Häusern in der Altstadt Eiszapfen ab."
    assert not any("eiszapfen" in key and "district" in key for key in _places(german, "de"))
    english = "Crowds filled the Old Town Alexandria waterfront for the parade on Sunday."
    places = _places(english, "en")
    assert "place:district:old town" in places
    assert "place:district:alexandria" not in places
