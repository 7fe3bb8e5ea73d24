"""After an office, the French elided "de" names what the office is of, not the person: "le
maire d'Avignon" is Avignon's mayor (held_out_46: "le maire d'Orihuela" read as a person
"Orihuela" took the town from its report); after an honorific it opens a name."""

from __future__ import annotations

from transform.entities import recognize_entities


def _kinds(text: str) -> dict[str, str]:
    return {m.entity.name: m.entity.kind for m in recognize_entities("", text, "fr")}


def test_an_office_before_an_elided_de_names_a_place() -> None:
    # invented
    found = _kinds("Le maire d'Avignon a été entendu mardi par les enquêteurs.")
    assert found.get("Avignon") == "place"


def test_an_honorific_before_an_elided_de_still_opens_a_name() -> None:
    # invented
    assert _kinds("Mme d'Arcy a été entendue mardi par les enquêteurs.").get("Arcy") == "person"
