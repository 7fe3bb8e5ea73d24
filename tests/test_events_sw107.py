"""A town's or a state's police force speaks for the town, as its prosecutor does, and a home
written by a German compound noun (transform/events.py, transform/entities.py): invented
reports, no database."""

from __future__ import annotations

import pytest

from transform import event_scoring
from transform.entities import home_places, recognize_entities
from transform.events import AUTHORITY_PREFIX, TermWeights, article_terms, entity_term

# an invented jewellery robbery in Ghent, told in four languages, each report quoting only a
# police force
_POLICE_REPORTS = {
    "en": (
        "Jewellery shop robbed in Ghent",
        (
            "GHENT, May 3 (Test Wire) - Two men robbed a jewellery shop in Ghent on Friday. The "
            "Federal Judicial Police said the men fled on a scooter."
        ),
        "federal judicial police",
    ),
    "de": (
        "Juwelier in Gent überfallen",
        (
            "GENT, 3. Mai (Testdienst) - Zwei Männer haben am Freitag einen Juwelier in Gent "
            "überfallen. Ein Sprecher der Polizei Gent sagte, die Täter seien auf einem Roller "
            "geflohen."
        ),
        "polizei gent",
    ),
    "fr": (
        "Braquage d'une bijouterie à Gand",
        (
            "GAND, 3 mai (Test) - Deux hommes ont braqué vendredi une bijouterie à Gand. La Police "
            "judiciaire fédérale a indiqué que les suspects avaient fui à scooter."
        ),
        "police judiciaire federale",
    ),
    "es": (
        "Atraco a una joyería en Gante",
        (
            "GANTE, 3 may (Test) - Dos hombres atracaron el viernes una joyería en Gante. La "
            "Policía Judicial informó de que los autores huyeron en un patinete."
        ),
        "policia judicial",
    ),
}


@pytest.mark.parametrize("language", sorted(_POLICE_REPORTS))
def test_a_police_force_is_an_authority(language: str) -> None:
    """A police force named as an organization investigates every crime in its town, as the
    prosecutor's office does (:func:`transform.events.authority_terms`)."""
    title, text, police = _POLICE_REPORTS[language]
    terms = article_terms(
        title, text, language=language, mentions=recognize_entities(title, text, language)
    )
    force = entity_term("organization", police, None)
    assert force in terms
    assert AUTHORITY_PREFIX + force in terms


@pytest.mark.parametrize(
    ("language", "strangers"),
    [
        # the English report quotes the shop's owner, the Spanish one only the police: no
        # stranger, one happening's reports in two languages
        ("es", False),
        # the German one quotes the police and another shop's owner: another happening's own
        ("de", True),
    ],
)
def test_a_report_quoting_only_the_police_is_no_stranger(language: str, strangers: bool) -> None:
    weights = TermWeights()
    title, text, _ = _POLICE_REPORTS["en"]
    text += " Shop owner Wim Claerhout said the men took rings worth 40,000 euros."
    first = article_terms(
        title, text, language="en", mentions=recognize_entities(title, text, "en")
    )
    title, text, _ = _POLICE_REPORTS[language]
    if strangers:
        text += " Ladenbesitzer Jonas Verbruggen sagte, die Männer hätten Uhren mitgenommen."
    other = article_terms(
        title, text, language=language, mentions=recognize_entities(title, text, language)
    )
    a = event_scoring.roles(first, weights.who_where)
    b = event_scoring.roles(other, weights.who_where)
    assert a.town is not None and a.town == b.town
    assert event_scoring.strangers_in_one_town(a, b) == strangers


@pytest.mark.parametrize(
    ("text", "language", "home"),
    [
        ("Verletzt wurde ein Ehepaar aus Dresden.", "de", "dresden"),
        ("Eine Urlauberfamilie aus Kassel blieb unverletzt.", "de", "kassel"),
        ("Auch ein Rentnerpaar aus Erfurt wurde verletzt.", "de", "erfurt"),
        ("Resultó herido un matrimonio de Valladolid.", "es", "valladolid"),
    ],
)
def test_home_places_read_a_couple_or_a_family_written_as_one_noun(
    text: str, language: str, home: str
) -> None:
    """German writes a couple or a family with what they are in one word ("ein Ehepaar", "eine
    Urlauberfamilie"), Spanish a married couple as "un matrimonio": their town is a home."""
    assert home_places(text, language)[home] == 1


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        (
            "Überfall auf Spielhalle",
            '"Sie gingen sehr ruhig vor", sagte ein Sprecher. Die Angestellten wurden betreut.',
            "de",
        ),
        (
            "Atraco a un salón de juegos",
            "Así lo explicó el portavoz. Los Empleados fueron atendidos por psicólogos.",
            "es",
        ),
    ],
)
def test_a_title_ending_a_sentence_introduces_no_name_in_the_next(
    title: str, text: str, language: str
) -> None:
    """A title ("Sprecher", "portavoz") introduces the name beside it, not the
    capitalised words that open the next sentence: German capitalises every noun ("Die
    Angestellten"), and a noun that opens a sentence is capitalised in every language."""
    people = [m.entity.name for m in recognize_entities(title, text, language)]
    assert people == []


def test_a_title_still_introduces_the_name_beside_it() -> None:
    text = "Das sagte Sprecher Kowalczyk. Später sprach Dr. Okonjo mit Kanzlerin Marquardt."
    names = {m.entity.name for m in recognize_entities("Überfall", text, "de")}
    assert {"Kowalczyk", "Okonjo", "Marquardt"} <= names
