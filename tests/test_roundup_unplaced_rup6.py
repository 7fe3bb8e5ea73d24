"""Round-ups whose sides the gazetteer does not place (held_out_43's chairlift round-up): a
small town whose name begins with an article is read in any language, a title listing it
beside a name the gazetteer lacks is a round-up, the small town's country is a place of the
side that names it, and another happening's paragraph keeps its unplaced towns out of a
report's own places."""

from __future__ import annotations

from event_terms import countries_in, terms_of

from transform import event_scoring as sc
from transform import events as ev
from transform.entities import _tells_of_another, country_codes, find_mentions

_SMALL_TOWN = "place:town:les angles"


def _place_keys(text: str, language: str) -> set[str]:
    return {m.entity.key for m in find_mentions("", text, language) if m.entity.kind == "place"}


def test_a_small_town_named_with_its_article_is_read_in_any_language() -> None:
    assert _SMALL_TOWN in _place_keys("Un alud sepultó dos coches en Les Angles el lunes.", "es")
    assert _SMALL_TOWN in _place_keys("Skiers were stranded at Les Angles on Sunday.", "en")
    assert _SMALL_TOWN in _place_keys("Un télésiège est tombé en panne à Les Angles.", "fr")


def test_a_name_with_an_article_before_another_capitalised_word_is_not_read_as_the_town() -> None:
    assert _SMALL_TOWN not in _place_keys("Skiers met at Les Angles Tourist Office.", "en")


def test_a_phenomenon_named_like_a_village_is_not_read_after_of_or_the_text_s_own_de() -> None:
    village = "place:town:el nino"
    assert village not in _place_keys("Floods blamed on the return of El Nino this year.", "en")
    assert village not in _place_keys("Lluvias atribuidas al regreso de El Niño este año.", "es")
    assert _SMALL_TOWN in _place_keys("La estación francesa de Les Angles cerró.", "es")


_ROUND_UP_TITLE = "Telecabinas detenidas por el viento en Les Angles y Sierra Alta"
_ROUND_UP_TEXT = (
    "BARCELONA, 3 ene (Agencia de Prueba) - Unos 60 esquiadores quedaron colgados este sábado "
    "en dos estaciones, la francesa de Les Angles y la andaluza de Sierra Alta.\n\n"
    "En Les Angles, una ráfaga detuvo la telecabina a media mañana y los pisteros bajaron a "
    "los pasajeros uno a uno.\n\n"
    "Horas después, en Sierra Alta, otra telecabina quedó parada por un corte de luz."
)


def test_a_title_listing_sides_the_gazetteer_does_not_place_is_a_round_up() -> None:
    terms = terms_of(_ROUND_UP_TITLE, _ROUND_UP_TEXT, "es")
    assert f"{ev.PLACE_PREFIX}-:town:les angles" in terms
    assert f"{ev.PLACE_PREFIX}-:name:sierra alta" not in terms
    assert f"{ev.ELSEWHERE_PREFIX}-:name:sierra alta" in terms


def _term(key: str, code: str) -> str:
    return ev.entity_term("place", key, code)


def test_a_small_town_makes_its_country_a_placed_one_not_a_bare_one() -> None:
    france = next(key for key, code in country_codes().items() if code == "FR")
    spanish = [m.entity for m in find_mentions("", "in Barcelona and Girona", "en")]
    weight = ev.TermWeights().who_where
    raw = {
        f"{ev.PLACE_PREFIX}-:town:les angles": 3 * weight,
        _term(france, "FR"): 3 * weight,
        **{_term(e.key, e.country_code): weight for e in spanish},
    }
    assert len(spanish) == 2
    assert sc.roles(raw, weight).place_country == "fr"


def test_a_paragraph_opening_on_the_same_weekday_tells_of_another_happening() -> None:
    assert _tells_of_another("El mismo martes, otro telesilla se detuvo en Andorra.", "es")
    assert _tells_of_another("Le même mardi, un autre télésiège s'est arrêté en Andorre.", "fr")


def test_a_small_town_named_only_in_another_happening_s_paragraph_is_elsewhere() -> None:
    title = "Un andamio se desploma en una obra de Zaragoza"
    text = (
        "ZARAGOZA, 3 ene (Agencia de Prueba) - Un andamio se desplomó este martes en una obra "
        "del barrio de Delicias y hirió a un albañil.\n\n"
        "El mismo martes, otro andamio cayó en Les Angles, en Francia, sin causar heridos."
    )
    terms = terms_of(title, text, "es")
    assert f"{ev.PLACE_PREFIX}-:town:les angles" not in terms
    assert f"{ev.ELSEWHERE_PREFIX}-:town:les angles" in terms


_LEAD_TITLE = "Frozen pipes flood a school and a museum as cold grips Europe"
_LEAD_TEXT = (
    "PARIS, Jan 4 (Test Wire) - Hard frost has burst water pipes in public buildings in "
    "Belgium and Italy, closing a primary school in the Ardennes and a museum in one of "
    "Italy's coldest towns.\n\n"
    "In the Belgian town of Bastogne, water from a split pipe ran through two floors of the "
    "school overnight, and 300 pupils were sent home.\n\n"
    "{italy} the town museum shut after a pipe burst in its cellar, officials said.\n\n"
    "Firefighters in both countries said they had answered dozens of calls."
)


def test_a_lead_listing_sides_each_told_in_a_paragraph_of_its_own_is_a_round_up() -> None:
    terms = terms_of(_LEAD_TITLE, _LEAD_TEXT.format(italy="In Aosta, in northern Italy,"), "en")
    assert "be" in countries_in(terms)
    assert "it" not in countries_in(terms)
    assert "it" in countries_in(terms, ev.ELSEWHERE_PREFIX)


def test_a_lead_listing_sides_not_each_told_on_its_own_is_no_round_up() -> None:
    terms = terms_of(_LEAD_TITLE, _LEAD_TEXT.format(italy="In the afternoon"), "en")
    assert {"be", "it"} <= countries_in(terms)
