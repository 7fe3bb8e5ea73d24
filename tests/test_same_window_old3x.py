"""Rules of helper old3x (issue 15): a name link placed by a village the gazetteer lacks and a
person both name in full; a paragraph telling of others of the kind reported on the same day."""

from __future__ import annotations

from transform import event_scoring as scoring
from transform.entities import places_of_another_happening

# The English round-up of the Poligny cheese theft and the French report of it: the dairy's
# president, the village (read after "near the town of"), the dairy; the round-up also names
# France's Jura region and an unknown single word read as a person.
ROUND_UP = {
    "p:comte": 0.85,
    "p:jean-claude vuillet": 0.5,
    "g:fr:geonames:3017382": 0.5,
    "g:-:town:poligny": 0.5,
    "g:-:name:monts de vaux": 0.5,
}
FRENCH = {"g:-:town:poligny": 1.55, "p:jean-claude vuillet": 0.5, "g:-:name:monts de vaux": 0.5}


def test_village_and_full_name_place_the_link() -> None:
    assert scoring.name_link(ROUND_UP, FRENCH, placed=frozenset({"fr"})) >= 0.4


def test_village_alone_places_no_link() -> None:
    without_person = {t: w for t, w in ROUND_UP.items() if not t.startswith("p:")}
    french = {t: w for t, w in FRENCH.items() if not t.startswith("p:")}
    assert scoring.name_link(without_person, french) == 0.0


def test_a_name_of_no_kind_is_no_village() -> None:
    # "Monts de Vaux" (g:-:name:) and the full name shared, but no town: still no link
    round_up = {t: w for t, w in ROUND_UP.items() if not t.startswith("g:-:town:")}
    french = {t: w for t, w in FRENCH.items() if not t.startswith("g:-:town:")}
    assert scoring.name_link(round_up, french) == 0.0


def test_one_word_person_and_village_place_no_link() -> None:
    round_up = {"p:vuillet": 0.5, "g:-:town:poligny": 0.5}
    french = {"p:vuillet": 0.5, "g:-:town:poligny": 1.5}
    assert not scoring._village_and_person(round_up.keys() & french.keys())


# The closing line of a French follow-up on a school's tuberculosis cases in Vénissieux.
TB_CLOSE = (
    "Des cas de tuberculose ont été signalés le même jour dans des écoles de Hambourg, en "
    "Allemagne, et de Séville, en Espagne."
)


def _another(text: str, language: str) -> set[str]:
    return set(places_of_another_happening(text, language))


def test_cases_signalled_the_same_day_are_another_happenings() -> None:
    assert _another("Le dépistage débutera lundi.\n\n" + TB_CLOSE, "fr")


def test_reported_on_the_same_day_in_english_and_spanish() -> None:
    english = "Tuberculosis cases were reported on the same day at schools in Hamburg, Germany."
    spanish = "Se registraron el mismo día casos de tuberculosis en colegios de Hamburgo, Alemania."
    assert _another(english, "en")
    assert _another(spanish, "es")


def test_the_reports_own_cases_signalled_are_its_own() -> None:
    assert not _another("Trois cas ont été signalés au collège de Vénissieux, en France.", "fr")
    assert not _another("Three cases were reported at a school in Hamburg, Germany.", "en")
    assert not _another("Se registraron tres casos en un colegio de Hamburgo, Alemania.", "es")


def test_a_span_from_the_reports_own_moment_is_its_own() -> None:
    text = (
        "The amateur athlete from Clermont-Ferrand was found unresponsive in the water by a "
        "safety kayaker about 25 minutes after the 7 a.m. start."
    )
    assert not _another(text, "en")
    assert not _another("Die Retter bargen ihn in Grimma zehn Stunden nach dem Einsturz.", "de")
    assert not _another("Lo rescataron en Lucena diez horas después del derrumbe.", "es")


def test_a_span_from_another_happening_still_turns() -> None:
    tram = "The accident came about ten hours after a tram and a lorry collided in Duesseldorf."
    assert _another(tram, "en")
    assert _another("The blast came hours after the collapse of a stage in Grimma.", "en")
    assert _another("About 40 minutes later a second cash machine was blown up in Gronau.", "en")
