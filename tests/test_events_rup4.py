"""A round-up's own side is the one its lead names first, by a country too; a lead that lists
the sides of a title that lists none keeps its first; a headline may list its countries by
adjectives each before its own place (held_out_42, helper rup4)."""

from __future__ import annotations

import pytest
from event_terms import countries_in, terms_of

from transform import events as ev
from transform.entity_places import title_countries_listed_by_adjective

_CIRCUS = (
    "LONDON, Dec 1 (Test Wire) - Circus animals broke out of their winter quarters in Germany "
    "and Spain on Tuesday, police in both countries said.\n\n"
    "Two elephants walked out of their enclosure near Figueres and onto a road, where police "
    "in Girona stopped traffic. Figueres council said the fence had failed.\n\n"
    "In a village near Celle, three camels roamed the main street for two hours."
)


_TREES = (
    "BERLIN, Dec 1 (Test Wire) - Towns in Germany, Spain and France were scrambling on "
    "Wednesday to replace Christmas trees that fell on Tuesday.\n\n"
    "In Hanau, near Frankfurt, a 22-metre spruce slipped from a crane strap in the market "
    "square.\n\n"
    "In the Spanish city of Logrono, a gust toppled a tree onto a bar terrace. In Angers, in "
    "western France, a fir fell onto a tram shelter."
)


def test_adjectives_each_before_its_own_place_list_the_sides() -> None:
    title = "Austrian towns and Spanish province run low on road salt"
    assert title_countries_listed_by_adjective(title, "en") == ("AT", "ES")
    assert title_countries_listed_by_adjective("French town and the German city count", "en") == (
        "FR",
        "DE",
    )
    # one place shared is still no list
    assert title_countries_listed_by_adjective("Storm batters French and Spanish coast", "en") == ()


_SALT = (
    "VIENNA, Nov 30 (Test Wire) - Towns in northern Austria and the Spanish province of Soria "
    "were rationing road salt on Tuesday, officials said.\n\n"
    "In Linz, depots were spreading grit instead of salt on local roads.\n\n"
    "In Spain, the provincial authorities in Soria kept salt for main roads."
)


def test_adjectives_before_any_plural_list_the_sides_of_one_span() -> None:
    title = "Cheese thieves hit French and Italian dairies on same night"
    assert title_countries_listed_by_adjective(title, "en", in_one_span=True) == ("FR", "IT")
    # without the span a plural of no place lists nothing
    assert title_countries_listed_by_adjective(title, "en") == ()
    assert title_countries_listed_by_adjective("Italian and Austrian ministers meet", "en") == ()


_CHEESE = (
    "PARIS, Oct 13 (Test Wire) - Thieves stole 180 wheels of Comte from a cellar in France's "
    "Jura region overnight, on the same night as a gang took Parmesan from a dairy in Italy.\n\n"
    "The thieves forced the door of a cooperative dairy near Poligny, gendarmes said.\n\n"
    "In Italy, police near Modena said 420 wheels of Parmesan were taken."
)


@pytest.mark.parametrize(
    ("title", "text", "own", "others"),
    [
        # the lead names Germany first; the body tells Figueres first and names it most
        ("Circus animals loose in Germany and Spain on same day", _CIRCUS, "de", {"es"}),
        # no title list: the lead's count and list make it a round-up, Germany its own side
        (
            "Christmas trees crash down in three European cities in one day",
            _TREES,
            "de",
            {"es", "fr"},
        ),
        ("Austrian towns and Spanish province run low on road salt", _SALT, "at", {"es"}),
        ("Cheese thieves hit French and Italian dairies on same night", _CHEESE, "fr", {"it"}),
    ],
)
def test_round_up_keeps_the_side_its_lead_names_first(
    title: str, text: str, own: str, others: set[str]
) -> None:
    terms = terms_of(title, text, "en")
    assert own in countries_in(terms, ev.PLACE_PREFIX)
    assert countries_in(terms, ev.PLACE_PREFIX).isdisjoint(others)
    assert others <= countries_in(terms, ev.ELSEWHERE_PREFIX)
