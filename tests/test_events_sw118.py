"""A visitor's home town named again by its mayor, and a place named only where a report tells
of another happening (transform/entities.py, transform/events.py): invented reports, no
database."""

from __future__ import annotations

import pytest
from event_terms import countries_in, terms_of

from transform import event_scoring
from transform.entities import home_places
from transform.events import TermWeights

# an invented jet-ski accident off Tenerife whose victims come from Heilbronn; the German
# report names the family's home town three times: in its title, as the family's home, and
# as the seat of the mayor who mourns them, and names Friedrichshafen where it tells of another
# accident that day
_TITLE = "Teneriffa: Trauer um Urlauberin aus Heilbronn nach Jetski-Unfall"
_TEXT = (
    "SANTA CRUZ, 12. Juli (Testdienst) - Nach dem tödlichen Jetski-Unfall vor dem Strand von "
    "Los Cristianos auf Teneriffa ist der Fahrer festgenommen worden. Ein Gericht in Arona "
    "ordnete Untersuchungshaft an.\n\n"
    "Der Jetski hatte am Freitag eine Familie aus Heilbronn erfasst, die vor dem Strand "
    "schwamm. Die zwölfjährige Tochter starb. Die Eltern liegen im Krankenhaus in Arona.\n\n"
    "Der Oberbürgermeister von Heilbronn sprach der Familie sein Beileid aus.\n\n"
    "Am selben Tag waren auch am Bodensee bei Friedrichshafen zwei Schwimmer von einem Motorboot "
    "verletzt worden."
)


@pytest.mark.parametrize(
    ("language", "text", "home"),
    [
        ("en", "a family from Heilbronn was hit. The mayor of Heilbronn sent condolences.", 2),
        ("de", "eine Familie aus Heilbronn. Der Oberbürgermeister von Heilbronn trauert.", 2),
        ("fr", "une famille de Heilbronn. Le maire de Heilbronn a présenté ses condoléances.", 2),
        ("es", "una familia de Heilbronn. El alcalde de Heilbronn dio el pésame.", 2),
        # the mayor alone is as often the happening's own town's
        ("en", "The mayor of Heilbronn said the pool would reopen.", 0),
    ],
)
def test_a_home_towns_mayor_names_the_home_again(language: str, text: str, home: int) -> None:
    assert home_places(text, language)["heilbronn"] == home


def test_a_visitors_home_named_by_its_mayor_is_no_place_of_the_happening() -> None:
    """The home town, abroad, is dropped: the report's places are Spain's (Friedrichshafen, in
    Germany too, is another happening's, and settles no country of the report's own)."""
    terms = terms_of(_TITLE, _TEXT, "de")
    assert "es" in countries_in(terms)
    assert "de" not in countries_in(terms)
    roles = event_scoring.roles(terms, TermWeights().who_where)
    assert roles.place_country != "de"


def test_without_the_mayor_the_home_stays_a_home() -> None:
    """Unchanged from before: named twice as a home, the town is dropped too."""
    text = _TEXT.replace(
        "Der Oberbürgermeister von Heilbronn sprach der Familie sein Beileid aus.\n\n", ""
    )
    assert "de" not in countries_in(terms_of(_TITLE, text, "de"))
