"""Places the recognizer misread in the same-window corpus (issue 15), each read by a general
rule: a country's foreign name that a bigger town bears too ("Granada", "Grenade"), a river
named bare after its feature word named it ("el río Duero" ... "en el Duero"), a town named
again after its settlement noun placed it ("the resort of Sunny Beach" ... "in Sunny Beach"),
a family-name-shaped word after a place preposition ("en Trevélez") and a French region's
upper or lower part ("le Haut-Jura") (transform/entity_places.py _bigger_town_of_that_name,
_choose, _upper_or_lower_region; transform/entities.py find_mentions, _places_named_again;
transform/entity_people.py). Invented text about real places, invented people; no database."""

from __future__ import annotations

import pytest

from transform.entities import find_mentions

GRENADA = "GD"


def _readings(text: str, language: str, title: str = "") -> list[tuple[str, str, str | None]]:
    """(words, key, country) of every mention, in order."""
    return [
        (m.surface, m.entity.key, m.entity.country_code)
        for m in find_mentions(title, text, language)
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The choir from Granada, Spain, sang at the festival on Sunday.", "en"),
        ("La nieve cortó la carretera entre Granada y Jaén el lunes por la mañana.", "es"),
        ("Une avalanche a bloqué la route au sud de Grenade, en Espagne.", "fr"),
        ("GRANADA, 4 ene (Agencia Sur) - El ayuntamiento de Granada abrió un albergue.", "es"),
    ],
)
def test_a_countrys_foreign_name_borne_by_a_bigger_town_is_the_town(
    text: str, language: str
) -> None:
    # "Granada" is Grenada's Spanish name and the own name of a Spanish city twice its size
    countries = {
        country
        for words, _, country in _readings(text, language)
        if fold(words) in ("granada", "grenade")
    }
    assert countries == {"ES"}


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        ("The hurricane flattened banana farms across Grenada on Tuesday.", "en", "Grenada"),
        ("Das Kreuzfahrtschiff legte in Jamaika und in Mexiko an.", "de", "Mexiko"),
    ],
)
def test_a_countrys_own_name_stays_the_country(text: str, language: str, word: str) -> None:
    readings = [
        (key, country) for words, key, country in _readings(text, language) if words == word
    ]
    assert readings and all(key.startswith("place:geonames:") for key, _ in readings)
    if word != "Mexiko":
        assert {country for _, country in readings} == {GRENADA}


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        (
            (
                "Un barco de recreo volcó el sábado en el río Tajuña. Los bomberos rescataron "
                "a los tres ocupantes, y la navegación en el Tajuña quedó prohibida hasta el "
                "lunes."
            ),
            "es",
            "Tajuña",
        ),
        (
            (
                "Un kayakiste a chaviré dimanche sur la rivière Sioule. Les secours ont "
                "interdit la descente de la Sioule jusqu'à lundi."
            ),
            "fr",
            "Sioule",
        ),
        (
            (
                "Une baleine a remonté mardi le fleuve Douro jusqu'à Porto. Les bateaux de "
                "croisière sur le Douro restent à quai."
            ),
            "fr",
            "Douro",
        ),
    ],
)
def test_a_river_named_bare_after_its_feature_word_named_it_is_no_body(
    text: str, language: str, name: str
) -> None:
    kinds = {key.split(":")[0] for words, key, _ in _readings(text, language) if words == name}
    assert "organization" not in kinds


def test_a_lone_body_after_its_article_stays_a_body_where_no_feature_word_names_it() -> None:
    text = (
        "La Fnorbel, une enseigne de jardinage, a fermé samedi. Le directeur de la Fnorbel a "
        "confirmé la fermeture du magasin de Lyon."
    )
    kinds = {key.split(":")[0] for words, key, _ in _readings(text, "fr") if words == "Fnorbel"}
    assert "place" not in kinds


def test_a_town_its_settlement_noun_placed_is_no_person_where_named_again() -> None:
    readings = _readings(
        "A fire broke out overnight at a hotel in the Bulgarian seaside resort of Sunny Beach, "
        "police said. About 300 guests left the building. Sunny Beach, on the Black Sea, has "
        "some 800 hotels, and the mayor of Sunny Beach said checks would follow.",
        "en",
        "Hotel fire in Sunny Beach forces 300 guests out",
    )
    keys = {key for words, key, _ in readings if words == "Sunny Beach"}
    assert keys == {"place:town:sunny beach"}


def test_a_person_named_like_no_town_of_the_article_stays_a_person() -> None:
    readings = _readings(
        "The fire at a hotel in the resort of Sunny Beach was put out by dawn, said Sunny "
        "Marsh, a spokeswoman for the fire service. Sunny Marsh said nobody was hurt.",
        "en",
    )
    assert {key for words, key, _ in readings if words == "Sunny Marsh"} == {"person:sunny marsh"}


def fold(words: str) -> str:
    return words.casefold()


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        (
            "La nieve superó los 70 centímetros en Trevélez el martes por la noche.",
            "es",
            "Trevélez",
        ),
        ("The road to the village was cut, and in Trevelez the snow lay deep.", "en", "Trevelez"),
    ],
)
def test_a_family_name_shaped_word_after_a_place_preposition_is_no_person(
    text: str, language: str, word: str
) -> None:
    assert all(
        not key.startswith("person:")
        for words, key, _ in _readings(text, language)
        if words == word
    )


def test_a_family_name_shaped_word_said_to_speak_stays_a_person() -> None:
    readings = _readings("El plan, según explicó Ballesteros, era sólido.", "es")
    assert ("Ballesteros", "person:ballesteros", None) in readings


@pytest.mark.parametrize(
    ("text", "region"),
    [
        (
            (
                "Les routes du Haut-Jura, au-dessus de Lons-le-Saunier, sont fermées par la "
                "neige depuis lundi."
            ),
            "place:iso3166-2:FR-39",
        ),
        ("Trois villages de la Haute-Ariège restent privés de courant.", "place:iso3166-2:FR-09"),
    ],
)
def test_a_french_regions_upper_or_lower_part_is_in_that_region(text: str, region: str) -> None:
    assert region in {key for _, key, _ in _readings(text, "fr")}


def test_a_department_named_with_haut_is_read_whole() -> None:
    keys = {key for _, key, _ in _readings("Un incendie a touché un entrepôt du Haut-Rhin.", "fr")}
    assert keys == {"place:iso3166-2:FR-68"}
