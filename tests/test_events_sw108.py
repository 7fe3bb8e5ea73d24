"""A round-up's own side is the one its lead tells of first, and a port or resort "of" a name
places it (transform/events.py, transform/entity_words.py): invented reports."""

from __future__ import annotations

import pytest

from transform import events as ev
from transform.entities import dateline_end, find_mentions, recognize_entities

W = ev.TermWeights()


def _place_terms(title: str, text: str, language: str) -> set[str]:
    terms = ev.article_terms(title, text, W, language, recognize_entities(title, text, language))
    return {t for t in terms if t.startswith((ev.PLACE_PREFIX, "x:"))}


@pytest.mark.parametrize(
    ("language", "title", "text", "own", "other"),
    [
        (
            # the lead names Slovenia by name but tells of Austria first, by its town
            "en",
            "Flash floods hit campsites in Slovenia and Austria",
            (
                "VIENNA, Aug 9 (Alpine Wire) - Flash floods swept through a campsite near the "
                "Carinthian town of Villach on Sunday, forcing 300 holidaymakers to flee, as heavy "
                "rain also flooded campsites in Slovenia.\n\n"
                "Firefighters in Villach pumped water from caravans all night, fire chief "
                "Herwig Lassnitz said. Villach's mayor opened a school as a shelter.\n\n"
                "In Slovenia, a campsite on the Soca river near Bovec was cleared."
            ),
            "at",
            "si",
        ),
        (
            "de",
            "Unwetter überflutet Campingplätze in Slowenien und Österreich",
            (
                "WIEN, 9. August (Alpenwelle) - Ein Unwetter hat am Sonntag einen Campingplatz bei "
                "Villach in Kärnten überflutet, 300 Urlauber mussten fliehen, während auch in "
                "Slowenien Campingplätze unter Wasser standen.\n\n"
                "Die Feuerwehr Villach pumpte die ganze Nacht Wasser aus Wohnwagen, sagte "
                "Einsatzleiter Herwig Lassnitz. In Villach öffnete die Stadt eine Schule.\n\n"
                "In Slowenien wurde ein Campingplatz bei Bovec geräumt."
            ),
            "at",
            "si",
        ),
    ],
)
def test_a_round_ups_own_side_is_the_one_its_lead_tells_of_first(
    language: str, title: str, text: str, own: str, other: str
) -> None:
    """The title lists Slovenia first, and the lead names Slovenia by name but Austria only by
    its town; the lead's first side after the dateline is Austria's, so the Austrian town is
    the round-up's own place and Slovenia's places are another happening's (``x:`` terms)."""
    places = _place_terms(title, text, language)
    assert any(t.startswith(f"{ev.PLACE_PREFIX}{own}:") for t in places)
    assert not any(t.startswith(f"{ev.PLACE_PREFIX}{other}:") for t in places)


def test_a_round_ups_dateline_names_no_side() -> None:
    """A round-up filed from one side's capital, whose lead tells of the other side's town
    first: the dateline is where the desk sits, not the side the report is about."""
    title = "Ferries hit piers in Greece and Italy"
    text = (
        "ROME, Aug 9 (Coast Wire) - A ferry slammed into a pier in the Greek port of Patras on "
        "Sunday, injuring four people, hours after another ferry hit a quay in Italy.\n\n"
        "The Patras harbour master, Stavros Kalogirou, said the ferry's engine failed. Patras "
        "port police held the captain for questioning.\n\n"
        "In Italy, no one was hurt."
    )
    places = _place_terms(title, text, "en")
    assert any(t.startswith(f"{ev.PLACE_PREFIX}gr:") for t in places)
    assert not any(t.startswith(f"{ev.PLACE_PREFIX}it:") for t in places)


def test_dateline_end() -> None:
    assert dateline_end("OSLO, Nov 10 (Fjord Wire) - A fire broke out.") == len(
        "OSLO, Nov 10 (Fjord Wire) - "
    )
    assert dateline_end("In Oslo, ten people - all tourists - were hurt.") == 0


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A trawler sank off the port of Kiel on Sunday.", "Kiel"),
        ("Tourists fled a hotel fire in the Turkish resort of Side on Sunday.", "Side"),
    ],
)
def test_a_port_or_resort_of_a_name_places_it(text: str, name: str) -> None:
    """A port or resort "of" a name ("the port of", "the resort of") places the name as "the
    town of" does: a town's name that is also a common word (a keel, a side) is the town."""
    assert [f.entity.name for f in find_mentions("", text, "en") if f.entity.kind == "place"] == [
        name
    ]
