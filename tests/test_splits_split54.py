"""Person-centred happenings told through other bodies and other places (held_out_54,
held_out_53): a person named by both surnames is the person the article names in full; two
reports about one main actor do not conflict by the body each leads with; a German name after
"vor" is in no genitive."""

from __future__ import annotations

import dataclasses

import pytest

from transform import event_scoring as scoring
from transform.entities import recognize_entities

# invented reports, one per language: a Spanish referee named in full once, then by his two
# surnames alone (title and text)
BOTH_SURNAMES = [
    (
        "fr",
        "Espagne : l'arbitre Urquiola Betelu écarté",
        (
            "MADRID (Test Presse) - L'arbitre vidéo Gorka Urquiola Betelu a été écarté mardi. "
            "Urquiola Betelu a reconnu une erreur."
        ),
    ),
    (
        "en",
        "Spanish referee Urquiola Betelu dropped",
        (
            "MADRID, March 3 (Test Wire) - Video assistant Gorka Urquiola Betelu was dropped on "
            "Tuesday. Urquiola Betelu admitted a mistake."
        ),
    ),
    (
        "es",
        "Urquiola Betelu, apartado una jornada",
        (
            "MADRID, 3 mar (Agencia Prueba) - El videoárbitro Gorka Urquiola Betelu fue apartado "
            "el martes. Urquiola Betelu reconoció el error."
        ),
    ),
    (
        "de",
        "Spanischer Videoassistent Urquiola Betelu gesperrt",
        (
            "MADRID, 3. März (Testdienst) - Der Videoassistent Gorka Urquiola Betelu ist am "
            "Dienstag gesperrt worden. Urquiola Betelu räumte einen Fehler ein."
        ),
    ),
]


def _people(title: str, text: str, language: str) -> dict[str, int]:
    return {
        m.entity.key: m.mentions
        for m in recognize_entities(title, text, language)
        if m.entity.kind == "person"
    }


@pytest.mark.parametrize(("language", "title", "text"), BOTH_SURNAMES)
def test_both_surnames_alone_are_the_person_named_in_full(
    language: str, title: str, text: str
) -> None:
    people = _people(title, text, language)
    assert set(people) == {"person:gorka urquiola betelu"}
    assert people["person:gorka urquiola betelu"] >= 3


def test_two_words_closing_two_longer_names_are_left_alone() -> None:
    people = _people(
        "García López wins",
        "Ana García López and Marta García López, two sisters, both ran. García López won.",
        "en",
    )
    assert "person:ana garcia lopez" in people and "person:marta garcia lopez" in people


MINISTER = "p:anton greiml"


def _side(actor: str | None, organization: str, also: str | None = None) -> scoring.Roles:
    """A side about ``actor`` led by ``organization``, naming ``also`` once besides."""
    named = frozenset({organization, also} - {None})
    return scoring.Roles(
        actor=actor,
        place_country=None,
        people=frozenset({actor} if actor else ()),
        countries=frozenset(),
        named_people=frozenset({actor} if actor else ()),
        named_countries=frozenset({"de"}),
        organization=organization,
        organizations=frozenset({organization}),
        named_organizations=named,
        most_country="de",
    )


def test_one_main_actor_lifts_the_main_organization_conflict() -> None:
    # the university that stripped the doctorate, the party the minister belongs to, each
    # side naming the other's body too
    university = _side(MINISTER, "o:universitat passau", "o:christian social union")
    party = _side(MINISTER, "o:christian social union", "o:universitat passau")
    assert not scoring.conflict(university, party)
    # one person's two happenings, each about a firm the other never names: two happenings
    assert scoring.conflict(
        _side(MINISTER, "o:universitat passau"), _side(MINISTER, "o:christian social union")
    )
    # two bodies and no one, or two people: still two happenings
    assert scoring.conflict(_side(None, "o:universitat passau"), _side(None, "o:csu"))
    assert scoring.conflict(university, _side("p:lena kessler", "o:christian social union"))
    # one person but another place: the organizations were never the only reason
    elsewhere = dataclasses.replace(party, most_country="at", named_countries=frozenset({"at"}))
    assert scoring.conflict(university, elsewhere)


def test_a_german_name_after_vor_is_in_no_genitive() -> None:
    keys = {
        m.entity.key
        for m in recognize_entities(
            "Havarie vor Paros",
            "Die Fähre lief vor Paros auf ein Riff. Vor Paros war 2000 eine Fähre gesunken.",
            "de",
        )
    }
    assert not any(key.startswith("place:iso3166-2:BT") for key in keys)
