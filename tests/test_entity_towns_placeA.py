"""Towns written as towns (issue 15, placeA): a name a wire dateline gives, or one written
with a town's noun, French "à" or an airport's word, is the town, not the province or
département named after it (Castellón, Vienne); a foreign name of a city is no reading
where a town bears the words as its own name and the article gives no sign of the city's
country (Arrecife is no Recife); a saint's town in capitals atop a wire ("ST. ULRICH") is a
place, not two organisations. Invented sentences, no database."""

from __future__ import annotations

from transform.entities import recognize_entities

CASTELLO = "place:geonames:2519752"  # Castelló de la Plana, the town
CASTELLON_PROVINCE = "place:iso3166-2:ES-CS"
VIENNA = "place:geonames:2761369"
VIENNE_DEPARTEMENT = "place:iso3166-2:FR-86"
VIENNE_TOWN = "place:geonames:2969284"  # Vienne, Isère
RECIFE = "place:geonames:3390760"


def _keys(title: str, text: str, language: str) -> set[str]:
    return {
        m.entity.key for m in recognize_entities(title, text, language) if m.entity.kind == "place"
    }


def test_a_dateline_makes_the_town_of_a_name_a_province_bears_too() -> None:
    title = "Arde una nave de reciclaje en Castellón"
    text = (
        "CASTELLÓN, 4 mar (Agencia Levante) - Un incendio ha calcinado una nave de reciclaje "
        "junto al puerto de Castellón esta madrugada, sin causar heridos."
    )
    keys = _keys(title, text, "es")
    assert CASTELLO in keys
    assert CASTELLON_PROVINCE not in keys


def test_a_region_noun_keeps_the_province() -> None:
    # written with "provincia", the name is the province, dateline or not
    text = (
        "VALENCIA, 4 mar (Agencia Levante) - Los bomberos de la provincia de Castellón "
        "sofocaron tres incendios forestales durante la noche."
    )
    assert CASTELLON_PROVINCE in _keys("", text, "es")


def test_french_a_and_la_ville_de_make_vienne_a_town_not_the_departement() -> None:
    title = "Vienne : un tramway déraille dans le quartier de Favoriten"
    text = (
        "VIENNE, 12 mai (Dépêches Europe) - Un tramway a déraillé jeudi soir à Vienne, dans "
        "le quartier de Favoriten, blessant quatre passagers, a indiqué la police autrichienne. "
        "La ville de Vienne a ouvert une enquête.\n\n"
        "Le même jour, un tramway a heurté un bus à Nice, en France, sans faire de blessés."
    )
    keys = _keys(title, text, "fr")
    assert VIENNE_DEPARTEMENT not in keys
    assert keys & {VIENNA, VIENNE_TOWN}


def test_the_departement_stays_after_dans_la() -> None:
    text = "Des orages ont privé d'électricité 3 000 foyers dans la Vienne, près de Poitiers."
    assert VIENNE_DEPARTEMENT in _keys("", text, "fr")


def test_a_foreign_name_of_a_city_abroad_is_no_reading_beside_a_town_of_that_own_name() -> None:
    # "Arrecife" is Lanzarote's capital by its own name, and only an old name of Recife,
    # in a country the report gives no sign of
    text = (
        "Mrs Parry said she had felt unwell at Arrecife airport but boarded the flight to "
        "Cardiff all the same."
    )
    keys = _keys("Mother thanks cabin crew after mid-air birth", text, "en")
    assert RECIFE not in keys


def test_a_saints_town_in_capitals_atop_a_wire_is_a_place() -> None:
    text = (
        "ST. ULRICH, 3. Juni (Alpen-Nachrichten) - Eine Mure hat in der Nacht die Straße "
        "ins Tal verschüttet, verletzt wurde niemand."
    )
    found = recognize_entities("Mure verschüttet Talstraße", text, "de")
    assert any(m.entity.kind == "place" and m.entity.name == "ST. ULRICH" for m in found)
    assert not any(m.entity.kind == "organization" for m in found)
