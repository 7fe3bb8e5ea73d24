"""First-level regions by their English names (GeoNames' admin1 names, pycountry's English
ISO 3166-2 names) and ISO names written with brackets or inverted
(transform/entity_gazetteer.py, `_add_admin1_regions`, `_subdivision_names`): invented
sentences, no database."""

from __future__ import annotations

from transform.entities import Entity, recognize_entities
from transform.entity_gazetteer import ADMIN1_KEY, _subdivision_names, place_keys

BAVARIA = "place:iso3166-2:DE-BY"
CATALONIA = "place:iso3166-2:ES-CT"
MADRID_REGION = "place:iso3166-2:ES-MD"
MURCIA_REGION = "place:iso3166-2:ES-MC"


def _places(text: str, language: str) -> dict[str, Entity]:
    return {
        m.entity.key: m.entity
        for m in recognize_entities("", text, language)
        if m.entity.kind == "place"
    }


def _kinds(text: str, language: str) -> dict[str, str]:
    return {m.entity.name: m.entity.kind for m in recognize_entities("", text, language)}


def test_english_exonyms_of_regions_are_places_of_their_country() -> None:
    """ "Carinthia", "Styria" and "Lower Saxony" are GeoNames' English names of an Austrian and
    a German land: places of Austria and Germany, not unread words."""
    found = _places(
        "Heavy rain closed roads in Carinthia and Styria on Sunday, and the rivers of Lower "
        "Saxony rose overnight.",
        "en",
    )
    countries = {entity.name: entity.country_code for entity in found.values()}
    assert countries.get("Carinthia") == "AT"
    assert countries.get("Styria") == "AT"
    assert countries.get("Lower Saxony") == "DE"


def test_an_english_iso_name_is_that_subdivision_not_a_person() -> None:
    """pycountry's English name of DE-BY, "Bavaria", names the land: no person "Bavaria"."""
    text = "Officers in Bavaria stopped the van on a motorway near the border."
    assert BAVARIA in _places(text, "en")
    assert _kinds(text, "en").get("Bavaria") != "person"


def test_both_names_of_a_bracketed_iso_name_name_the_subdivision() -> None:
    """ "Catalunya [Cataluña]" is two names, each found alone; "Lleida [Lérida]"'s "Lérida" is
    also the Spanish town's own other name, and the town keeps it (no Colombian Lérida)."""
    found = _places("Las lluvias cortaron dos carreteras en Cataluña y una en Lérida.", "es")
    assert CATALONIA in found
    assert _subdivision_names("Lleida [Lérida]") == ["Lleida", "Lérida"]
    assert _subdivision_names("Södermanlands län [SE-04]") == ["Södermanlands län"]
    assert any(entity.name == "Lleida" and entity.country_code == "ES" for entity in found.values())


def test_an_inverted_iso_name_is_read_both_ways() -> None:
    """ "Madrid, Comunidad de" is written "la Comunidad de Madrid"; "Murcia, Región de" so too;
    a list after the comma is no designation and the name stays whole."""
    assert _subdivision_names("Madrid, Comunidad de") == ["Madrid", "Comunidad de Madrid"]
    assert _subdivision_names("wallonne, Région") == ["Région wallonne", "wallonne"]
    assert _subdivision_names("Newry, Mourne and Down") == ["Newry, Mourne and Down"]
    found = _places(
        "El temporal dejó nieve en la Comunidad de Madrid y granizo en la Región de Murcia.",
        "es",
    )
    assert MADRID_REGION in found
    assert MURCIA_REGION in found


def test_a_region_named_by_a_frequent_word_is_no_key_of_its_own() -> None:
    """GeoNames' "Bourgogne" and "Centre" are frequent French words ("un bourgogne", "le
    centre"): no region of their own, where "Carinthia" is one."""
    assert any(key.startswith(ADMIN1_KEY) for key in place_keys("Carinthia"))
    assert not any(key.startswith(ADMIN1_KEY) for key in place_keys("Bourgogne"))
    assert not any(key.startswith(ADMIN1_KEY) for key in place_keys("Centre"))


def test_a_region_named_like_a_first_name_needs_a_preposition() -> None:
    """ "Brittany" is a given name before it is the French region: alone it is no place, after
    "in" it is."""
    assert not any(
        entity.name == "Brittany" for entity in _places("Brittany called the office twice.", "en")
    )
    found = _places("Storms cut power to farms in Brittany overnight.", "en")
    assert any(
        entity.name == "Brittany" and entity.country_code == "FR" for entity in found.values()
    )
