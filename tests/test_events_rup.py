"""Round-ups whose sides are told by adjective or by a town the gazetteer's floor leaves out
(held_out_39 and held_out_40, helper rup)."""

from __future__ import annotations

from event_terms import countries_in, terms_of

from transform import events as ev
from transform.entity_places import title_countries_listed_by_adjective


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
    terms = terms_of(
        "Power fails in Italian and Austrian towns after a substation fire", _HAIL, "en"
    )
    assert not countries_in(terms, ev.ELSEWHERE_PREFIX)


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
    terms = terms_of("Hail smashes greenhouses in Italian and Austrian towns", _HAIL, "en")
    assert countries_in(terms, ev.ELSEWHERE_PREFIX) == {"at"}
    assert "it" in countries_in(terms, ev.PLACE_PREFIX)
    assert "at" not in countries_in(terms, ev.PLACE_PREFIX)


def test_report_of_one_happening_with_one_adjective_is_no_round_up() -> None:
    terms = terms_of("Hail smashes greenhouses in Italian town", _HAIL, "en")
    assert "at" in countries_in(terms, ev.PLACE_PREFIX)


def test_round_up_own_side_is_the_leads_first_small_town() -> None:
    # Sirmione lies under the gazetteer's floor, but GeoNames' smaller set holds it in Italy
    # alone: the lead tells Italy's happening first, though it names only Austria as a country
    title = "Hail wrecks vineyards in Italy and Austria"
    text = (
        "VIENNA, May 4 (Wire) - Hail wrecked vineyards around the lakeside town of Sirmione "
        "overnight, while growers in eastern Austria also counted their losses.\n\n"
        "Farmers in Italy said the storm lasted twenty minutes."
    )
    terms = terms_of(title, text, "en")
    assert "at" in countries_in(terms, ev.ELSEWHERE_PREFIX)
    assert "it" not in countries_in(terms, ev.ELSEWHERE_PREFIX)
    assert "it" in countries_in(terms, ev.PLACE_PREFIX)
