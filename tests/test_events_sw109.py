"""A journey's ends are no report's main place, and two reports of one journey through a town
are no strangers there (transform/events.py, transform/event_scoring.py): invented reports
and hand-made vectors, no database."""

from __future__ import annotations

from scoring_vectors import MAIN, ONCE, W

from transform import event_scoring as scoring
from transform import events as ev
from transform.entities import recognize_entities
from transform.entity_places import journey_end_spans

ATHENS = ev.entity_term("place", "place:geonames:264371", "GR")
DUESSELDORF = ev.entity_term("place", "place:geonames:2934246", "DE")
HURGHADA = ev.entity_term("place", "place:geonames:361291", "EG")
LARNACA = ev.entity_term("place", "place:geonames:146400", "CY")
# an invented diversion: the German report quotes the airline, the English one the police
AIRLINE_VOICE = ev.entity_term("person", "wiebke anholt", None)
POLICE_VOICE = ev.entity_term("person", "kostas pelagidis", None)
ORLANDO = ev.entity_term("place", "place:geonames:4167147", "US")
LEEDS = ev.entity_term("place", "place:geonames:2644688", "GB")


def _spans(text: str, language: str) -> list[str]:
    return [text[a:b] for a, b in journey_end_spans(text, language)]


def test_a_journeys_ends_are_found_and_a_turned_journey_names_none() -> None:
    assert _spans("A flight from Leeds to Orlando landed early.", "en") == ["from Leeds to Orlando"]
    assert _spans("The Orlando-bound jet landed.", "en") == ["Orlando"]
    assert _spans("A flight attendant was hurt.", "en") == []
    assert _spans("Der Ferienflieger von Köln nach Antalya landete in Sofia.", "de") == [
        "von Köln nach Antalya"
    ]
    # where the crew turned the plane is where the happening is
    assert _spans("La tripulación decidió desviar un avión a Lajes.", "es") == []
    assert _spans("Die Crew musste die Maschine nach Sofia umleiten.", "de") == []


def test_a_journeys_end_makes_no_main_place() -> None:
    """An invented diversion told from where it landed: Leeds and Orlando, the flight's ends,
    are named in the title and again in the body, all as the journey's ends, and weigh far
    less than Cork, where it landed (without the rule, Orlando weighed almost as much)."""
    title = "Leeds flight to Orlando diverts to Cork after passenger attacks crew"
    text = (
        "CORK, June 3 - A flight from Leeds to Orlando landed in Cork on Thursday after a "
        "passenger attacked two crew members, police in Cork said.\n\n"
        "The plane continued to Orlando three hours later."
    )
    mentions = recognize_entities(title, text, "en")
    terms = ev.article_terms(title, text, language="en", mentions=mentions)
    cork = max(value for term, value in terms.items() if term.startswith("g:ie:"))
    assert terms[LEEDS] == ev.TermWeights().who_where  # as a place named once
    assert terms[ORLANDO] < cork / 1.5


def test_two_reports_of_one_journey_through_a_town_are_no_strangers() -> None:
    german = scoring.roles(
        {ATHENS: MAIN, DUESSELDORF: ONCE, HURGHADA: ONCE, AIRLINE_VOICE: ONCE}, W
    )
    english = scoring.roles(
        {ATHENS: MAIN, DUESSELDORF: ONCE, HURGHADA: ONCE, POLICE_VOICE: ONCE}, W
    )
    assert not scoring.strangers_in_one_town(german, english)
    # one town elsewhere in common is no journey: two happenings in Athens may both name it
    other = scoring.roles({ATHENS: MAIN, DUESSELDORF: ONCE, POLICE_VOICE: ONCE}, W)
    assert scoring.strangers_in_one_town(german, other)
    elsewhere = scoring.roles({ATHENS: MAIN, LARNACA: ONCE, POLICE_VOICE: ONCE}, W)
    assert scoring.strangers_in_one_town(german, elsewhere)
