"""held_out_38's round-up of two bus fires and its sand thefts (helper sw114)."""

from __future__ import annotations

from event_terms import countries_in, terms_of

from transform import event_scoring as scoring
from transform import events as ev


def test_round_up_own_side_is_a_province_named_like_its_town() -> None:
    # "Bergame" reads as the province of Bergamo, which bears its capital's name: the lead's
    # first town, so the round-up's own side; Aarhus is the other happening's.
    title = "Deux entrepôts détruits par le feu en une nuit, à Bergame et à Aarhus"
    text = (
        "BRUXELLES, 3 novembre (Agence) - Un entrepôt de meubles a brûlé dans la nuit à "
        "Bergame, en Lombardie, la même nuit qu'un autre incendie a détruit un entrepôt à "
        "Aarhus, au Danemark.\n\nLes pompiers de Bergame ont lutté quatre heures contre le feu."
    )
    terms = terms_of(title, text, "fr")
    assert countries_in(terms, ev.ELSEWHERE_PREFIX) == {"dk"}
    assert "it" in countries_in(terms, ev.PLACE_PREFIX)
    assert "dk" not in countries_in(terms, ev.PLACE_PREFIX)


def test_round_up_own_side_a_plain_town_unchanged() -> None:
    title = "Deux entrepôts détruits par le feu en une nuit, à Lyon et à Aarhus"
    text = (
        "BRUXELLES, 3 novembre (Agence) - Un entrepôt de meubles a brûlé dans la nuit à "
        "Lyon, la même nuit qu'un autre incendie a détruit un entrepôt à Aarhus, au Danemark."
        "\n\nLes pompiers de Lyon ont lutté quatre heures contre le feu."
    )
    terms = terms_of(title, text, "fr")
    assert countries_in(terms, ev.ELSEWHERE_PREFIX) == {"dk"}
    assert "fr" in countries_in(terms, ev.PLACE_PREFIX)


_TARIFA = "g:es:geonames:2510599"


def _side(**kw: object) -> scoring.Roles:
    fields: dict = {"actor": None, "place_country": None}
    fields |= {"people": frozenset(), "countries": frozenset()} | kw
    return scoring.Roles(**fields)


def test_a_venue_without_a_town_tells_of_another_happening() -> None:
    at_a_beach = _side(venue="g:-:venue:cala nera", elsewhere=frozenset({_TARIFA}))
    at_tarifa = _side(town=_TARIFA, towns=frozenset({_TARIFA}), place_country="es")
    assert scoring.held_apart(at_a_beach, at_tarifa)
    assert scoring.held_apart(at_tarifa, at_a_beach)


def test_no_setting_at_all_is_still_not_held_apart() -> None:
    nowhere = _side(elsewhere=frozenset({_TARIFA}))
    at_tarifa = _side(town=_TARIFA, towns=frozenset({_TARIFA}), place_country="es")
    assert not scoring.held_apart(nowhere, at_tarifa)
