"""Places the gazetteer read abroad while the report is set elsewhere (transform/entity_places.py
_set_elsewhere, town_of_qualifier, lake_compounds_in; transform/entities.py
find_mentions) and a German lake's one-word name (transform/event_scoring.py feature_name).
Invented reports about real places, invented people and bodies; no database."""

from __future__ import annotations

from transform.entities import find_mentions
from transform.event_scoring import feature_name


def _places(title: str, text: str, language: str) -> dict[str, tuple[str, str | None]]:
    """Each place mention's words -> (key, country) of its last reading."""
    return {
        m.surface: (m.entity.key, m.entity.country_code)
        for m in find_mentions(title, text, language)
        if m.entity.kind == "place"
    }


def test_a_translated_region_abroad_is_a_local_name_in_a_report_set_elsewhere() -> None:
    # pycountry's Spanish names of Caribbean parishes: "San Jorge" is Saint George (AG, BB, ...)
    places = _places(
        "Arde la sacristía de la parroquia de San Jorge en Alcoy",
        (
            "ALCOY, 3 mar (Agencia Levante) - Un incendio destruyó la madrugada del jueves la "
            "sacristía de la parroquia de San Jorge, en el centro de Alcoy, informaron los "
            "bomberos de Alicante. El párroco, Tomeu Ferrandis, pidió ayuda a los vecinos."
        ),
        "es",
    )
    assert places["San Jorge"] == ("place:name:san jorge", None)


def test_a_translated_region_is_read_where_the_report_names_its_country() -> None:
    places = _places(
        "Huracán en Antigua: daños en la parroquia de San Jorge",
        (
            "El huracán arrancó tejados en la parroquia de San Jorge, en Antigua y Barbuda, "
            "dijo el primer ministro."
        ),
        "es",
    )
    assert places["San Jorge"][1] == "AG"


def test_a_village_its_dateline_places_in_a_region_is_that_village_when_named_again() -> None:
    # Carlingford: a village of County Louth in GeoNames' smallest set; the gazetteer holds
    # only the Sydney suburb
    places = _places(
        "Ferry runs aground off Carlingford",
        (
            "CARLINGFORD, Louth, March 3 (Liffey Wire) - A car ferry ran aground near "
            "Carlingford on Thursday, and its 60 passengers were taken ashore, the coast guard "
            "said."
        ),
        "en",
    )
    assert places["CARLINGFORD"] == ("place:town:carlingford", "IE")
    assert places["Carlingford"] == ("place:town:carlingford", "IE")


def test_a_german_lake_compound_is_the_lake_other_languages_name() -> None:
    places = _places(
        "Eisangler auf dem Inarisee gerettet",
        (
            "Rettungskräfte haben am Mittwoch zwölf Eisangler vom Inarisee in Finnland geholt, "
            "teilte die Polizei mit. Ein Stausee in der Nähe blieb gesperrt."
        ),
        "de",
    )
    assert places["Inarisee"] == ("place:name:inarisee", None)
    assert "Stausee" not in places  # a kind of lake, no name
    assert feature_name("g:-:name:inarisee") == feature_name("g:-:name:lake inari")
    assert feature_name("g:-:name:inarisee") == feature_name("g:-:name:lac inari")
    assert feature_name("g:-:name:genfer see") == feature_name("g:-:name:lake genf")
