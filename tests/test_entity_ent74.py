"""People the seventh entity sample showed missed: a surname alone as the subject of a verb of
saying, the members of a list of surnames alone or of a numbered line-up, and a name after
the title of a chancellor or a rabbi. Every text is invented."""

from __future__ import annotations

import pytest
from entity_mentions import found as _found


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        # a surname alone right before a verb of saying: the one who spoke
        ("“We will not wait for the board,” Quillfeather said.", "en", "Quillfeather"),
        ("The launch slipped again, Quillfeather said of the delay.", "en", "Quillfeather"),
        ("Sobre el acuerdo, Bramontes señaló que no habrá cambios.", "es", "Bramontes"),
        ("Pardiñas Otálora subrayó la falta de medios en la región.", "es", "Pardiñas Otálora"),
        ("Quillfeather says the rules will change", "en", "Quillfeather"),
        ("Pour la suite, Ferlandeau précise que rien n'est décidé.", "fr", "Ferlandeau"),
    ],
)
def test_surname_before_a_verb_of_saying_is_a_person(text: str, language: str, name: str) -> None:
    assert ("person", name) in _found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "kind", "name"),
    [
        # a body named with a word of its own, a people of a place, a common word: no person
        ("The Halvern Ministry said it would appeal.", "en", "person", "Halvern Ministry"),
        ("Back home, Ukrainians said they were tired.", "en", "person", "Ukrainians"),
        ("Residents said the water rose overnight.", "en", "person", "Residents"),
        ("Afterwards, Halvernix said it would appeal.", "en", "person", "Halvernix"),
        (
            "Die Augenzeugen sagten, der Wagen sei zu schnell gewesen.",
            "de",
            "person",
            "Augenzeugen",
        ),
    ],
)
def test_no_person_before_a_verb_of_saying(text: str, language: str, kind: str, name: str) -> None:
    assert (kind, name) not in _found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Le rabbin Ferlandeau a béni la foule.", "fr", "Ferlandeau"),
        ("El viaje fue contratado por la canciller Bramontes.", "es", "Bramontes"),
        ("Das betonte der Oberrabbiner Quellmann am Sonntag.", "de", "Quellmann"),
    ],
)
def test_surname_after_a_title_of_office_is_a_person(text: str, language: str, name: str) -> None:
    assert ("person", name) in _found(text, language)


def test_list_of_surnames_alone_lists_people() -> None:
    text = "Alineación: Quintela, Okafor, Brandtner, Delmasso, Vierling y Ferrandiz."
    names = {"Quintela", "Okafor", "Brandtner", "Delmasso", "Vierling"}
    assert {("person", name) for name in names} <= _found(text, "es")


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        # a country in the list, a list after a word (a firm named after its partners), a
        # list too short
        ("Viajeros: Quintela, Okafor, Francia y Brandtner.", "es", "Quintela"),
        ("She joined the firm of Quillby, Marlowe, Fenwright and Tuck.", "en", "Quillby"),
        ("Alineación: Quintela, Okafor y Brandtner.", "es", "Quintela"),
    ],
)
def test_no_surname_list(text: str, language: str, name: str) -> None:
    assert ("person", name) not in _found(text, language)


def test_numbered_and_rated_line_up_is_a_list() -> None:
    text = (
        "Suplentes: 20- Bryan Segura, 5- Esteban Granados, 22- Kennedy Rocha (8.5), "
        "58- Luis Miguel Franco (6), 21- Yostin Daly (7), 19- Jonathan Pérez (6)."
    )
    assert ("person", "Yostin Daly") in _found(text, "es")
