"""A firm named after a family ("le fabricant de pâtes Pastificio Ferrante") beside a person of
that family ("le directeur général, Luca Ferrante") leaves the name alone ambiguous: news
writes it for the firm as often as for the person ("Pâtes Ferrante : le fabricant italien
dénonce ..."), so it is no surname of the person. held_out_47's French follow-up read its
title's "Ferrante" as the firm's chief, who became the report's main actor and held it apart
from the retailer's reports, whose actor is the retailer's chairman."""

from __future__ import annotations

from transform.entities import recognize_entities

# invented: a pasta maker and its chief, both named
_FIRM_AND_CHIEF = (
    "Pâtes Ferrante : le fabricant italien accuse un distributeur",
    (
        "LYON, 5 jan (Agence Test) - Le fabricant italien de pâtes Pastificio Ferrante a "
        "accusé mercredi le distributeur Marché Vert de « chantage ».\n\n« C'est du "
        "chantage », a déclaré le directeur général, Luca Ferrante, dans un communiqué."
    ),
)


def _people(title: str, text: str, language: str) -> dict[str, int]:
    return {
        m.entity.name: m.mentions
        for m in recognize_entities(title, text, language)
        if m.entity.kind == "person"
    }


def test_the_family_name_of_a_firm_named_is_not_its_chiefs_alone() -> None:
    people = _people(*_FIRM_AND_CHIEF, "fr")
    assert people.get("Luca Ferrante") == 1  # where written in full only, not the title's


def test_a_surname_no_firm_bears_stays_the_persons() -> None:
    # invented: the same chief, his firm named otherwise
    title = "Ferrante accuse un distributeur"
    text = (
        "LYON, 5 jan (Agence Test) - Le fabricant italien de pâtes Pastificio Gragnanese a "
        "accusé mercredi un distributeur de « chantage », a déclaré son directeur général, "
        "Luca Ferrante."
    )
    assert _people(title, text, "fr").get("Luca Ferrante") == 2
