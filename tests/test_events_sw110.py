"""Regions told of as another happening's, and swimming pools named as venues
(transform/events.py, transform/event_scoring.py, transform/entity_places.py): invented
reports and hand-made vectors, no database."""

from __future__ import annotations

from scoring_vectors import MAIN, ONCE, W

from transform import event_scoring as scoring
from transform import events as ev
from transform.entities import recognize_entities

GALICIA = ev.entity_term("place", "place:iso3166-2:ES-GA", "ES")
SPAIN = ev.entity_term("place", "place:geonames:2510769", "ES")
BARBATE = ev.entity_term("place", "place:geonames:2521335", "ES")
VIGO = ev.entity_term("place", "place:geonames:3105976", "ES")
TOLD_GALICIA = ev.ELSEWHERE_PREFIX + GALICIA[len(ev.PLACE_PREFIX) :]

_BARN_FIRE = """AREZZO, June 3 (Wire) - Fire destroyed a hay barn on a farm near Arezzo on \
Tuesday, killing forty sheep, firefighters in Arezzo said.

The blaze started in the early afternoon and spread to a tractor shed, said Marco Tellini, \
the farmer.

The fire came hours after another barn burned down in Umbria, where a farmer was hurt."""


def _place_terms(title: str, text: str, language: str) -> dict[str, float]:
    mentions = recognize_entities(title, text, language)
    terms = ev.article_terms(title, text, ev.TermWeights(), language, mentions)
    prefixes = (ev.PLACE_PREFIX, ev.ELSEWHERE_PREFIX)
    return {t: w for t, w in terms.items() if t.startswith(prefixes)}


def test_a_region_of_its_own_country_named_only_of_another_happening_is_told_elsewhere() -> None:
    terms = _place_terms("Barn fire kills forty sheep near Arezzo", _BARN_FIRE, "en")
    umbria = "it:iso3166-2:IT-55"
    assert ev.ELSEWHERE_PREFIX + umbria in terms
    assert ev.PLACE_PREFIX + umbria not in terms  # no place of its own
    titled = _place_terms("Barn fires in Arezzo and Umbria", _BARN_FIRE, "en")
    assert ev.PLACE_PREFIX + umbria in titled  # a title's region is its own


def test_a_main_region_the_other_tells_of_as_another_happening_conflicts() -> None:
    """A yacht disabled off Galicia, and a report on a sinking off Barbate that closes on
    "a British yacht was disabled off Galicia on Saturday"."""
    galicia_report = scoring.roles({SPAIN: MAIN, GALICIA: MAIN}, W)
    barbate_report = scoring.roles({SPAIN: MAIN, BARBATE: MAIN, TOLD_GALICIA: ONCE}, W)
    assert galicia_report.regions == frozenset({GALICIA})
    assert ev.PLACE_PREFIX + TOLD_GALICIA[len(ev.ELSEWHERE_PREFIX) :] in barbate_report.elsewhere
    assert scoring.conflict(galicia_report, barbate_report)
    assert scoring.conflict(barbate_report, galicia_report)
    # a town both name: the region's happening may be the one the other tells of
    sharing = scoring.roles({SPAIN: MAIN, GALICIA: MAIN, VIGO: ONCE}, W)
    telling = scoring.roles({SPAIN: MAIN, BARBATE: MAIN, VIGO: ONCE, TOLD_GALICIA: ONCE}, W)
    assert not scoring.conflict(sharing, telling)
    # a region named as its own is no other happening's
    own = scoring.roles({SPAIN: MAIN, BARBATE: MAIN, GALICIA: ONCE}, W)
    assert not scoring.conflict(galicia_report, own)


def _venues(title: str, text: str, language: str) -> set[str]:
    return {
        m.entity.key
        for m in recognize_entities(title, text, language)
        if m.entity.key.startswith("place:venue:")
    }


def test_a_swimming_pool_named_by_its_name_is_a_venue() -> None:
    german = "Im Freibad Lindenkuhle sind am Freitag zwölf Kinder verletzt worden."
    assert _venues("Chlorgas ausgetreten", german, "de") == {"place:venue:lindenkuhle"}
    french = "Une fuite de chlore a eu lieu à la piscine Lindenkuhle vendredi matin."
    assert _venues("Fuite de chlore", french, "fr") == {"place:venue:lindenkuhle"}
    spanish = "Una fuga de cloro obligó a desalojar la piscina Lindenkuhle el viernes."
    assert _venues("Fuga de cloro", spanish, "es") == {"place:venue:lindenkuhle"}
