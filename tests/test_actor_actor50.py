"""Person-centred happenings sharing a venue (held_out_49, held_out_50): a person news calls by
the first of two surnames, or by a name that opens the longer one the article gives, is one
person; an event whose only people in common with an article are those the article tells as
another happening's is that other happening, not the article's."""

from __future__ import annotations

import pytest
from event_terms import terms_of

from transform import event_scoring as scoring
from transform import events as ev
from transform.entities import recognize_entities

# invented reports, one per language, each naming a Spanish lawmaker in full once and then by
# his first surname alone
SURNAME_CASES = [
    (
        "en",
        "Spanish lawmaker Quirós loses immunity",
        (
            "MADRID, May 4 (Test Wire) - Parliament lifted the immunity of lawmaker Tomás Quirós "
            "Albarrán on Tuesday.\n\nQuirós, 48, denies wrongdoing. Quirós said he would testify."
        ),
    ),
    (
        "de",
        "Spanischer Abgeordneter verliert Immunität",
        (
            "MADRID, 4. Mai (Testdienst) - Das Parlament hat die Immunität des Abgeordneten "
            "Tomás Quirós Albarrán aufgehoben.\n\nQuirós wies die Vorwürfe zurück. Quirós will "
            "aussagen."
        ),
    ),
    (
        "es",
        "El Congreso levanta la inmunidad de Tomás Quirós",
        (
            "MADRID, 4 may (Agencia Prueba) - El Congreso levantó el martes la inmunidad del "
            'diputado Tomás Quirós Albarrán.\n\n"No tengo nada que esconder", dijo Quirós.'
        ),
    ),
]


def _people(title: str, text: str, language: str) -> dict[str, int]:
    return {
        m.entity.key: m.mentions
        for m in recognize_entities(title, text, language)
        if m.entity.kind == "person"
    }


@pytest.mark.parametrize(("language", "title", "text"), SURNAME_CASES)
def test_a_first_surname_alone_and_a_shorter_name_are_the_person(
    language: str, title: str, text: str
) -> None:
    people = _people(title, text, language)
    assert set(people) == {"person:tomas quiros albarran"}
    assert people["person:tomas quiros albarran"] >= 3


def test_a_name_opening_two_longer_ones_is_left_alone() -> None:
    people = _people(
        "Ana García wins",
        "Ana García López and Ana García Ruiz, two sisters, both ran. Ana García won.",
        "en",
    )
    assert "person:ana garcia lopez" in people and "person:ana garcia ruiz" in people


def test_mep_is_a_title_not_an_organization() -> None:
    mentions = recognize_entities(
        "Spanish MEP Quirós loses immunity",
        "BRUSSELS, May 4 (Test Wire) - Parliament lifted the immunity of Spanish MEP Tomás "
        "Quirós Albarrán on Tuesday. Dutch MEP Femke Hoogendijk drafted the report; MEPs "
        "voted 489 to 102.",
        "en",
    )
    assert not [m for m in mentions if m.entity.key in ("organization:mep", "organization:meps")]


COLONEL = "p:pascal morand"
PROSECUTOR = "p:nathalie corbiere"

# invented: gendarmes break up a ring, the prosecutor named only for another ring's arrests
FAKE_POLICE = (
    "LYON, Jan 19 (Test Wire) - French gendarmes on Wednesday arrested five people suspected of "
    "posing as police officers on the phone to rob elderly people, Colonel Pascal Morand "
    'told reporters.\n\n"They pick people who live alone," Morand said.\n\n'
    "Lyon prosecutor Nathalie Corbiere had announced in the morning the arrest of seven members "
    "of a separate fake bank adviser ring. She said the two groups were not linked."
)


def _event(*people: str) -> scoring.Roles:
    return scoring.Roles(
        actor=None,
        place_country="fr",
        people=frozenset(),
        countries=frozenset({"fr"}),
        named_people=frozenset(people),
    )


def test_the_event_of_the_happening_an_article_tells_as_another_is_not_its_own() -> None:
    terms = terms_of("Gendarmes arrest fake police gang", FAKE_POLICE, "en")
    own = scoring.roles(terms, ev.TermWeights().who_where)
    assert PROSECUTOR in own.other_happening_people
    assert COLONEL in own.named_people
    # the bank adviser ring's event names the prosecutor alone
    assert scoring._its_other_happening(own, _event(PROSECUTOR))
    # an event naming a witness of its own beside the prosecutor, the colonel too, or only
    # the colonel may be the article's own
    assert not scoring._its_other_happening(own, _event(PROSECUTOR, "p:marie lambert"))
    assert not scoring._its_other_happening(own, _event(PROSECUTOR, COLONEL))
    assert not scoring._its_other_happening(own, _event(COLONEL))
    # an event naming neither shares no one with it: other rules decide
    assert not scoring._its_other_happening(own, _event("p:someone else"))
