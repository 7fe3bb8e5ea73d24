"""Who and where, read from cues in the text (held_out_42 and held_out_40): a German noun
for what someone does before a first name and a common word; a housing estate named after a
place abroad; a small town placed by its province in brackets; a German settlement noun
before a town's name; and a village outweighing the city its dateline names. Invented
sentences, no database."""

from __future__ import annotations

from event_terms import terms_of

from transform import event_scoring as sc
from transform import events as ev
from transform.entities import recognize_entities


def _names(title: str, text: str, language: str, kind: str) -> set[str]:
    return {
        m.entity.name for m in recognize_entities(title, text, language) if m.entity.kind == kind
    }


def _keys(title: str, text: str, language: str, kind: str = "place") -> set[str]:
    return {
        m.entity.key for m in recognize_entities(title, text, language) if m.entity.kind == kind
    }


def test_a_german_person_noun_makes_a_common_word_after_a_first_name_a_surname() -> None:
    text = "„Das ging sehr schnell“, sagte Rettungssanitäterin Petra Kurz."
    assert "Petra Kurz" in _names("", text, "de", "person")
    crane = "„Alle weg“, rief der Kranführer Dieter Lange noch."
    assert "Dieter Lange" in _names("", crane, "de", "person")


def test_no_person_noun_leaves_a_common_word_after_a_first_name_alone() -> None:
    # a month and a known town are no person nouns; with no noun, no cue either
    for text in (
        "Im Oktober Robert Lange getroffen.",
        "„Das ging schnell“, sagte Petra Kurz.",
    ):
        assert not _names("", text, "de", "person"), text


def test_a_housing_estate_is_a_district_not_a_place_abroad() -> None:
    text = (
        "SEGOVIA, 30 nov (Agencia Test) - Los vecinos de la urbanización de Nueva Esparta "
        "vieron un jabalí junto a los chalés."
    )
    keys = _keys("", text, "es")
    assert not any("VE" in k or k.endswith("VE-O") for k in keys), keys
    assert not {m.entity.country_code for m in recognize_entities("", text, "es")} & {"VE"}


def test_the_state_abroad_is_still_read_without_an_estate_word() -> None:
    text = "Las lluvias inundaron varias casas en el estado de Nueva Esparta, en Venezuela."
    assert "place:iso3166-2:VE-O" in _keys("", text, "es")


def test_a_rare_name_before_its_province_in_brackets_is_a_town() -> None:
    spanish = "El circo guarda sus animales en una finca de Vallcorbera (Girona) en invierno."
    assert "place:town:vallcorbera" in _keys("", spanish, "es")
    french = "Une grange a brûlé à Lescourbat (Pyrénées-Atlantiques) dans la nuit."
    assert "place:town:lescourbat" in _keys("", french, "fr")


def test_a_name_before_a_country_in_brackets_or_after_no_preposition_is_no_town() -> None:
    # a rider and his country; a name with its party: no town
    assert "place:town:pogacar" not in _keys("", "Il a devancé Pogacar (Slovénie).", "fr")
    assert "place:town:vallcorbera" not in _keys(
        "", "Lo dijo Vallcorbera (Girona) ayer por la tarde.", "es"
    )


def test_a_german_settlement_noun_before_a_name_is_no_part_of_it() -> None:
    text = "Im südwestenglischen Fischerdorf Porthkellis steckte ein Lastwagen fest."
    assert "place:town:porthkellis" in _keys("", text, "de")
    assert not _names("", text, "de", "person")
    resident = "„Es krachte“, sagte die Bewohnerin Morwenna Pengelly der Zeitung."
    assert _names("", resident, "de", "person") == {"Morwenna Pengelly"}


def test_a_settlement_noun_before_a_known_town_leaves_the_gazetteer_reading() -> None:
    text = "Im Dorf Tirol oberhalb von Meran wurde ein Fest gefeiert."
    assert "place:town:tirol" not in _keys("", text, "de")


VILLAGE_TITLE = "La Generalitat inspeccionará la granja de Vallcorbera tras la fuga de caballos"
VILLAGE_TEXT = (
    "BARCELONA, 1 dic (Agencia Test) - La Generalitat inspeccionará la granja de Vallcorbera "
    '(Girona) de la que se escaparon cinco caballos el martes. "Queremos comprobarlo", '
    "dijo en Barcelona la directora general, Montse Vidal Roca. El alcalde de Vallcorbera, "
    "Pere Soler Casas, pidió calma. Entidades de Girona y Barcelona reclamaron un santuario."
)


def test_a_village_of_no_known_country_outweighs_the_city_of_the_dateline() -> None:
    terms = terms_of(VILLAGE_TITLE, VILLAGE_TEXT, "es")
    assert any(t.startswith(f"{ev.PLACE_PREFIX}-:town:vallcorbera") for t in terms)
    weight = ev.TermWeights().who_where
    barcelona = max(v for t, v in terms.items() if t.startswith(f"{ev.PLACE_PREFIX}es:geonames"))
    assert barcelona >= sc.main_level(weight)  # a main place: the town without the rule
    roles = sc.roles(terms, weight)
    assert roles.town is None
    assert roles.place_country == "es"


def test_a_village_named_once_leaves_the_city_its_main_town() -> None:
    text = (
        "BARCELONA, 1 dic (Agencia Test) - Un incendio destruyó un almacén en Barcelona. Los "
        "bomberos de Barcelona trabajaron toda la noche; uno de ellos vive en una finca de "
        "Vallcorbera (Girona)."
    )
    roles = sc.roles(terms_of("Incendio en un almacén de Barcelona", text, "es"), 0.5)
    assert roles.town is not None and roles.town.startswith(f"{ev.PLACE_PREFIX}es:")


def _village_and_city(phrases: frozenset[str], sole_town: bool = True) -> tuple[sc.Roles, sc.Roles]:
    village = "g:fr:town:vorsigny"  # a village the gazetteer lacks, read from "(Rhône)"
    city = "g:fr:geonames:2968748"  # Villefranche-sur-Saône, named once by the follow-up
    first = sc.Roles(
        None, "fr", frozenset(), frozenset({"fr"}), town=village, towns=frozenset({village})
    )
    follow_up = sc.Roles(
        None,
        None,
        frozenset(),
        frozenset(),
        town=city,
        towns=frozenset({city}),
        named_towns=frozenset({city}),
        sole_town=sole_town,
        phrases=phrases,
    )
    return first, follow_up


def test_a_small_town_written_in_the_other_title_is_no_other_town() -> None:
    first, follow_up = _village_and_city(frozenset({"vorsigny", "depeches test"}))
    assert not sc.conflict(first, follow_up)
    assert not sc.conflict(follow_up, first)


def test_a_small_town_the_other_never_writes_is_still_another_town() -> None:
    first, follow_up = _village_and_city(frozenset({"depeches test"}))
    assert sc.conflict(first, follow_up)
    # a town named twice or more is where the other side is set, whatever it writes
    first, set_there = _village_and_city(frozenset({"vorsigny"}), sole_town=False)
    assert sc.conflict(first, set_there)
