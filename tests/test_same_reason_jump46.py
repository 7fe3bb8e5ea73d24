"""A paragraph telling of a case done "for the same reason" tells of another happening of the
report's kind (held_out_46: two ski jumpers disqualified over their suits on one hill, a report
on the second closing on the first, "pour la même raison")."""

from __future__ import annotations

from event_terms import terms_of

from transform import event_scoring as scoring
from transform import events as ev
from transform.entities import places_of_another_happening

KINDS = ("place", "person")

# invented: a speed skater disqualified, the report's last paragraph on another the day before
FRENCH = (
    "HAMAR (Norvège), 12 janv (Test Wire) - La patineuse Ilse Vandermolen a été disqualifiée "
    "mercredi pour une lame non conforme.\n\n"
    "Vandermolen, 24 ans, avait pris la deuxième place. Son équipe fait appel.\n\n"
    "Mardi, la Polonaise Agata Wierzbicka avait été exclue pour la même raison à Trondheim."
)
OTHERS = {
    "en": "On Tuesday, Agata Wierzbicka was excluded for the same reason in Trondheim.",
    "de": "Am Dienstag war Agata Wierzbicka aus demselben Grund in Trondheim ausgeschlossen worden.",
    "es": "El martes, Agata Wierzbicka fue excluida por el mismo motivo en Trondheim.",
}


def _people(counted: dict[str, int]) -> set[str]:
    return {key for key in counted if key.startswith("person:")}


def test_the_same_reason_tells_another_happening_in_each_language() -> None:
    french = places_of_another_happening(FRENCH.partition("\n\n")[2], "fr", KINDS)
    assert any("wierzbicka" in key for key in _people(french))
    assert not any("vandermolen" in key for key in french)
    for language, paragraph in OTHERS.items():
        counted = places_of_another_happening(paragraph, language, KINDS)
        assert any("wierzbicka" in key for key in _people(counted)), language


def test_a_paragraph_without_it_stays_the_reports_own() -> None:
    own = "Mardi, la Polonaise Agata Wierzbicka avait pris la première place à Trondheim."
    assert not places_of_another_happening(own, "fr", KINDS)


def test_the_other_skater_is_marked_as_another_happenings() -> None:
    terms = terms_of("Patinage : Vandermolen disqualifiée pour sa lame", FRENCH, "fr")
    side = scoring.roles(terms, ev.TermWeights().who_where)
    assert any(person.endswith("zbicka") for person in side.other_happening_people)
