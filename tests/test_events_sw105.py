"""A journey's ends (where it was to go, where it came from) are no report's own place."""

from __future__ import annotations

import pytest

from transform.entities import journey_ends, recognize_entities
from transform.entity_places import destination_spans
from transform.event_scoring import roles
from transform.events import TermWeights, article_terms

_WEIGHTS = TermWeights()


def _roles(title: str, text: str, language: str):
    mentions = recognize_entities(title, text, language)
    terms = article_terms(title, text, _WEIGHTS, language, mentions)
    return roles(terms, _WEIGHTS.who_where)


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        (
            "Jet bound for Lisbon lands in Reykjavik after passenger attacks crew",
            (
                "A flight from Warsaw to Lisbon landed in Reykjavik on Tuesday after a passenger"
                " attacked two stewards, police in Reykjavik said. The man was held at the"
                " airport. The flight was due to continue to Lisbon in the evening."
            ),
            "en",
        ),
        (
            "Lissabon-Flug landet nach Angriff auf Crew in Reykjavik",
            (
                "Ein Flugzeug von Warschau nach Lissabon ist am Dienstag in Reykjavik gelandet,"
                " nachdem ein Passagier zwei Flugbegleiter angegriffen hatte, teilte die Polizei"
                " in Reykjavik mit. Die Maschine sollte am Abend weiter nach Lissabon fliegen."
            ),
            "de",
        ),
    ],
)
def test_a_flights_destination_makes_no_main_place(title: str, text: str, language: str) -> None:
    """A flight diverted to Reykjavik, named three times with its destination (in the title
    too): the destination would be the report's main place; the report is about Iceland."""
    side = _roles(title, text, language)
    assert side.place_country == "is"
    assert "pt" not in side.countries


def test_a_destination_the_report_names_as_its_own_place_too_stays_its_place() -> None:
    """A lorry "bound for Gdansk" that burned in Gdansk: its other mentions keep the town."""
    title = "Lorry fire blocks Gdansk port road"
    text = (
        "A lorry bound for Gdansk caught fire on the port road in Gdansk on Monday, firefighters"
        " in Gdansk said. Nobody was hurt."
    )
    assert _roles(title, text, "en").place_country == "pl"


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("A coach from Verona to Graz and Linz broke down.", "en", {"verona", "graz", "linz"}),
        ("Ein Ferienflieger nach Varna musste umkehren.", "de", {"varna"}),
        ("The Varna-bound ferry turned back.", "en", {"varna"}),
        ("Un camion à destination de Gênes a été arrêté.", "fr", {"genoa"}),
    ],
)
def test_journey_ends_read_departures_destinations_and_flight_ends(
    text: str, language: str, names: set[str]
) -> None:
    ends = journey_ends(text, language)
    assert all(any(end.names_place(name) for end in ends) for name in names)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Un pasajero obligó a desviar un avión a Varna.", "es"),
        ("The crew decided to divert the plane to Varna.", "en"),
    ],
)
def test_a_vehicle_turned_somewhere_names_no_destination(text: str, language: str) -> None:
    """Where a plane was diverted to is where its happening ends, no journey's destination."""
    assert destination_spans(text, language) == ()
