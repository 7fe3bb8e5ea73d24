"""Two people or clubs, each the subject of their own happening at one venue or body
(held_out_52): a report telling of the other's happening, and reports each headlining their own
subject, are kept apart (venue52)."""

from __future__ import annotations

from transform import entities
from transform import event_scoring as sc


def _roles(**fields) -> sc.Roles:
    base = {"actor": None, "place_country": None, "people": frozenset(), "countries": frozenset()}
    base.update({k: frozenset(v) if isinstance(v, set) else v for k, v in fields.items()})
    return sc.Roles(**base)


# --- "Am Morgen hatte bereits ...": a paragraph telling of an earlier happening -------------


def test_earlier_happening_told_in_the_pluperfect_with_already() -> None:
    told = {
        "de": "Am Morgen hatte bereits Gesundheitsministerin Helena Sarmento ihren Rücktritt "
        "erklärt, nachdem zwei Patienten gestorben waren.",
        "en": "Earlier, health minister Helena Sarmento had already resigned.",
        "fr": "Plus tôt, la ministre de la Santé, Helena Sarmento, avait déjà démissionné.",
        "es": "Por la mañana, la ministra de Sanidad, Helena Sarmento, ya había dimitido.",
    }
    for language, paragraph in told.items():
        assert entities._tells_of_another(paragraph, language), language
    assert entities._tells_of_another(
        "Zuvor hatte bereits der neapolitanische Sänger Ciro Amendola abgesagt.", "de"
    )


def test_own_background_without_already_is_no_other_happening() -> None:
    assert not entities._tells_of_another(
        "Zuvor hatte die Polizei die Straße gesperrt und Anwohner gewarnt.", "de"
    )
    assert not entities._tells_of_another("Der Verein hatte bereits 14 Anhänger gesperrt.", "de")
    assert not entities._tells_of_another("Earlier, police closed the road to traffic.", "en")


# --- an event about a person the report tells only as another happening's --------------------


def test_event_of_a_person_told_as_another_happening_is_not_joined() -> None:
    own = _roles(
        named_people={"p:duarte lobo antunes", "p:helena sarmento"},
        other_happening_people={"p:helena sarmento"},
    )
    health = _roles(
        actor="p:helena sarmento",
        people={"p:helena sarmento"},
        named_people={"p:helena sarmento"},
        phrases={"helena sarmento", "portugal"},
    )
    assert sc._about_its_other_happening(own, health)


def test_a_voice_of_both_or_the_reports_own_actor_still_joins() -> None:
    own = _roles(
        named_people={"p:miroslav hudec", "p:ladislav nagy"},
        other_happening_people={"p:miroslav hudec"},
    )
    # the event's actor is an official its titles and leads never name: a voice of both
    quoted = _roles(
        actor="p:miroslav hudec",
        people={"p:miroslav hudec"},
        named_people={"p:miroslav hudec"},
        phrases={"slovakia", "bratislava"},
    )
    assert not sc._about_its_other_happening(own, quoted)
    about_him = _roles(
        actor="p:miroslav hudec",
        named_people={"p:miroslav hudec"},
        other_happening_people={"p:miroslav hudec"},
    )
    headlined = _roles(actor="p:miroslav hudec", phrases={"miroslav hudec"})
    assert not sc._about_its_other_happening(about_him, headlined)


# --- two reports each headlining their own subject ------------------------------------------

_SOKOL = _roles(
    actor="p:sokol wroclaw",
    people={"p:sokol wroclaw"},
    named_people={"p:sokol wroclaw", "p:tomasz radecki"},
    organizations={"o:uefa"},
    named_organizations={"o:uefa", "o:poseidon kavala"},
    phrases={"uefa", "sokol wroclaw", "polish"},
)
_POSEIDON = _roles(
    named_people={"p:sokol wroclaw", "p:nikos theodorakis"},
    organizations={"o:uefa", "o:poseidon kavala"},
    named_organizations={"o:uefa", "o:poseidon kavala"},
    phrases={"uefa", "poseidon kavala", "greece's"},
)


def test_two_clubs_of_one_ruling_each_headlined_are_apart() -> None:
    assert sc._headlined_apart(_SOKOL, _POSEIDON)
    assert sc._headlined_apart(_POSEIDON, _SOKOL)


def test_a_follow_up_headlining_a_newcomer_named_once_is_not_apart() -> None:
    # the order to capture the bear: the official headlined but no main person of the
    # follow-up, the victim of the first reports named there in passing
    follow_up = _roles(
        named_people={"p:stefano dallapiccola", "p:giorgio bertolini"},
        phrases={"stefano dallapiccola", "trentino"},
    )
    attack = _roles(
        actor="p:giorgio bertolini",
        people={"p:giorgio bertolini"},
        named_people={"p:giorgio bertolini", "p:stefano dallapiccola"},
        phrases={"giorgio bertolini", "trentino"},
    )
    assert not sc._headlined_apart(follow_up, attack)
    assert not sc._headlined_apart(attack, follow_up)


def test_one_subject_headlined_by_both_is_not_apart() -> None:
    other = _roles(
        actor="p:sokol wroclaw",
        people={"p:sokol wroclaw"},
        named_people={"p:sokol wroclaw"},
        organizations={"o:uefa"},
        named_organizations={"o:uefa", "o:poseidon kavala"},
        phrases={"uefa", "sokol wroclaw"},
    )
    assert not sc._headlined_apart(_SOKOL, other)
    # a German title runs the name on over its nouns: still the same headliner
    german = _roles(
        people={"p:maxime lebrun"},
        named_people={"p:maxime lebrun"},
        named_organizations={"o:galopprennverband france galop"},
        phrases={"franzosischer jockey lebrun", "galopprennverband france galop"},
    )
    english = _roles(
        people={"p:maxime lebrun", "p:france galop"},
        named_people={"p:maxime lebrun", "p:france galop"},
        phrases={"maxime lebrun", "france galop"},
    )
    assert not sc._headlined_apart(german, english)
    assert not sc._headlined_apart(english, german)
