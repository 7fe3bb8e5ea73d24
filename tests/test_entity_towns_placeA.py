"""Towns misread (issue 15, placeA): a foreign name of a city is no reading where a town
bears the words as its own name and the article gives no sign of the city's country
(Arrecife is no Recife); a saint's town in capitals atop a wire ("ST. ULRICH") is a place,
not two organisations. Invented sentences, no database."""

from __future__ import annotations

from transform.entities import recognize_entities

RECIFE = "place:geonames:3390760"


def _keys(title: str, text: str, language: str) -> set[str]:
    return {
        m.entity.key for m in recognize_entities(title, text, language) if m.entity.kind == "place"
    }


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
