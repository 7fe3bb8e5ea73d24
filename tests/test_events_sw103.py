"""A report that counts the happenings of its kind in a short span ("the third sinkhole of the
day", "der dritte Erdfall binnen Stunden", "le troisième effondrement de la journée", "el
tercer socavón del día") names the others' places there: they are not its own
(:data:`transform.entities._COUNT_OF_THE_SPAN`)."""

from __future__ import annotations

import pytest

from transform.entities import TextReading, places_after_a_count, recognize_entities
from transform.events import article_terms, entity_term


def _kept_places(title: str, text: str, language: str) -> set[str]:
    mentions = recognize_entities(title, text, language)
    terms = article_terms(title, text, language=language, mentions=mentions)
    return {
        m.entity.name
        for m in mentions
        if m.entity.kind == "place"
        and entity_term("place", m.entity.key, m.entity.country_code) in terms
    }


def _named_places(title: str, text: str, language: str) -> set[str]:
    return {m.entity.name for m in recognize_entities(title, text, language)}


@pytest.mark.parametrize(
    ("language", "title", "lead", "counted", "plain"),
    [
        (
            "en",
            "Sinkhole swallows car in Lüneburg",
            "A sinkhole opened under a parked car in Lüneburg on Tuesday, police in Lüneburg said.",
            ("It was the third sinkhole of the day, after a road caved in at Ghent in Belgium."),
            "A road caved in at Ghent in Belgium last year.",
        ),
        (
            "de",
            "Erdfall in Lüneburg verschluckt Auto",
            (
                "In Lüneburg hat sich am Dienstag unter einem geparkten Auto ein Erdfall aufgetan,"
                " teilte die Polizei in Lüneburg mit."
            ),
            (
                "Es war bereits der dritte Erdfall binnen Stunden, nachdem in Gent in Belgien eine"
                " Straße eingebrochen war."
            ),
            "Im vergangenen Jahr war in Gent in Belgien eine Straße eingebrochen.",
        ),
        (
            "fr",
            "Un trou engloutit une voiture à Lyon",
            (
                "Un effondrement de chaussée a englouti mardi une voiture garée à Lyon, a indiqué la"
                " police de Lyon."
            ),
            (
                "C'est le troisième effondrement de la journée, après celui d'une route à Gand, en"
                " Belgique."
            ),
            "Une route s'était effondrée à Gand, en Belgique, l'an dernier.",
        ),
        (
            "es",
            "Un socavón se traga un coche en Zaragoza",
            (
                "Un socavón se tragó el martes un coche aparcado en Zaragoza, según la policía de"
                " Zaragoza."
            ),
            "Es el tercer socavón del día, tras el hundimiento de una calle en Gante, en Bélgica.",
            "El año pasado se hundió una calle en Gante, en Bélgica.",
        ),
    ],
)
def test_a_paragraph_that_counts_the_days_happenings_names_the_others_places(
    language: str, title: str, lead: str, counted: str, plain: str
) -> None:
    counted_kept = _kept_places(title, f"{lead}\n\n{counted}", language)
    plain_kept = _kept_places(title, f"{lead}\n\n{plain}", language)
    own = plain_kept & counted_kept
    assert own, (plain_kept, counted_kept)
    assert not counted_kept - own, counted_kept
    assert plain_kept - own, plain_kept  # without the count, the places stay


def test_a_lead_names_the_other_happenings_after_its_count() -> None:
    """The lead tells of its own sinkhole first and of the day's others after the count."""
    title = "Sinkhole swallows car in Lüneburg"
    text = (
        "A sinkhole swallowed a car in Lüneburg on Tuesday, the third on the same day in Europe"
        " after roads caved in at Ghent in Belgium and Porto in Portugal.\n\nPolice in Lüneburg"
        " closed the street."
    )
    assert {"Porto", "Portugal", "Belgium"} <= _named_places(title, text, "en")
    kept = _kept_places(title, text, "en")
    assert "Lüneburg" in kept
    assert not kept & {"Porto", "Portugal", "Belgium"}, kept


def test_places_after_a_count_are_those_of_the_counts_sentence_only() -> None:
    lead = (
        "Police in Porto said a road caved in on Tuesday. It was the second collapse of the day"
        " after one in Ghent."
    )
    found = {m.entity.key: m.entity.name for m in recognize_entities("", lead, "en")}
    assert {found[key] for key in places_after_a_count(TextReading(lead, "en"))} == {"Gent"}
    assert not places_after_a_count(
        TextReading("Police in Porto said a road caved in at Ghent.", "en")
    )


def test_a_count_of_the_days_happenings_that_lists_their_places_names_the_others() -> None:
    title = "Sinkhole swallows car in Lüneburg"
    lead = "A sinkhole swallowed a car in Lüneburg on Tuesday, police in Lüneburg said."
    counted = (
        "The collapses of three streets on Tuesday at Lüneburg, at Ghent in Belgium and at Porto"
        " in Portugal have alarmed engineers."
    )
    assert _kept_places(title, f"{lead}\n\n{counted}", "en") == {"Lüneburg"}


@pytest.mark.parametrize(
    "later",
    [
        # a count of people, not of happenings: no list of places
        "Three people were treated on Tuesday at a hospital in Hamburg.",
        # an ordinal with a weekday but no "after": the same happening's second victim
        "The second victim died in hospital in Hamburg on Tuesday.",
    ],
)
def test_a_count_of_the_reports_own_keeps_its_places(later: str) -> None:
    title = "Sinkhole swallows car in Lüneburg"
    text = f"A sinkhole swallowed a car in Lüneburg on Tuesday, police in Lüneburg said.\n\n{later}"
    assert _kept_places(title, text, "en") == {"Lüneburg", "Hamburg"}
