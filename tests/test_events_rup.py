"""Round-ups whose sides are told by adjective or by a town the gazetteer's floor leaves out
(held_out_39 and held_out_40, helper rup)."""

from __future__ import annotations

from transform import events as ev
from transform.entities import recognize_entities
from transform.entity_places import title_countries_listed_by_adjective


def _terms(title: str, text: str, language: str) -> dict[str, float]:
    return ev.article_terms(
        title, text, language=language, mentions=recognize_entities(title, text, language)
    )


def _places(terms: dict[str, float], prefix: str) -> set[str]:
    return {t.split(":")[1] for t in terms if t.startswith(prefix)}


def test_title_lists_countries_by_adjective() -> None:
    assert title_countries_listed_by_adjective(
        "Hail flattens greenhouses in Italian and Austrian villages", "en"
    ) == ("IT", "AT")
    assert title_countries_listed_by_adjective(
        "Strikes close Spanish, Portuguese and Greek ports", "en"
    ) == ("ES", "PT", "GR")


def test_one_adjective_or_no_place_noun_lists_nothing() -> None:
    assert title_countries_listed_by_adjective("Italian village counts hail damage", "en") == ()
    assert title_countries_listed_by_adjective("Italian and Austrian ministers meet", "en") == ()
    assert title_countries_listed_by_adjective("Hagel in Italien und Österreich", "de") == ()
    # one place the two countries share is no list of places
    assert title_countries_listed_by_adjective("Storm batters French and Spanish coast", "en") == ()
    assert title_countries_listed_by_adjective("Floods swamp Belgian and Dutch cities", "en") == (
        "BE",
        "NL",
    )


def test_adjective_list_struck_after_one_cause_is_no_round_up() -> None:
    terms = _terms("Power fails in Italian and Austrian towns after a substation fire", _HAIL, "en")
    assert not _places(terms, ev.ELSEWHERE_PREFIX)


_HAIL = (
    "ROME, May 4 (Wire) - Hail the size of eggs smashed greenhouses in the northern Italian "
    "city of Verona overnight, and flattened vines around the Austrian city of Graz, officials "
    "in the two countries said on Tuesday.\n\n"
    "In Verona, growers said half of the early crop was lost.\n\n"
    "In Graz, the fire brigade pumped out cellars."
)


def test_round_up_listed_by_adjective_keeps_the_leads_first_town() -> None:
    # the title lists its sides by adjective; the lead names Verona first: Austria's places
    # are the other happening's, roles only
    terms = _terms("Hail smashes greenhouses in Italian and Austrian towns", _HAIL, "en")
    assert _places(terms, ev.ELSEWHERE_PREFIX) == {"at"}
    assert "it" in _places(terms, ev.PLACE_PREFIX)
    assert "at" not in _places(terms, ev.PLACE_PREFIX)


def test_report_of_one_happening_with_one_adjective_is_no_round_up() -> None:
    terms = _terms("Hail smashes greenhouses in Italian town", _HAIL, "en")
    assert "at" in _places(terms, ev.PLACE_PREFIX)


def test_round_up_own_side_is_the_leads_first_small_town() -> None:
    # Sirmione lies under the gazetteer's floor, but GeoNames' smaller set holds it in Italy
    # alone: the lead tells Italy's happening first, though it names only Austria as a country
    title = "Hail wrecks vineyards in Italy and Austria"
    text = (
        "VIENNA, May 4 (Wire) - Hail wrecked vineyards around the lakeside town of Sirmione "
        "overnight, while growers in eastern Austria also counted their losses.\n\n"
        "Farmers in Italy said the storm lasted twenty minutes."
    )
    terms = _terms(title, text, "en")
    assert "at" in _places(terms, ev.ELSEWHERE_PREFIX)
    assert "it" not in _places(terms, ev.ELSEWHERE_PREFIX)
    assert "it" in _places(terms, ev.PLACE_PREFIX)
