"""A feast of the year written like a name ("the German Christmas market", "le marché de Noël
de Montbéliard", "los Reyes Magos del belén") is no person; a person named after one ("Noël
Mamère") still is (held_out_41 and 42: Christmas-market fires, tree thefts and nativity thefts
split, each report's feast read as a different main actor)."""

from __future__ import annotations

import pytest
from entity_mentions import people

from transform.entity_people import names_a_feast

# invented sentences: (text, language, what no person's name may hold, a person still read)
FEASTS = [
    (
        (
            "A fire destroyed six stalls at a German Christmas market in Lueneburg, "
            "said fire chief Heike Brammer."
        ),
        "en",
        "Christmas",
        "Heike Brammer",
    ),
    (
        (
            "Un incendie a ravagé quatre chalets du marché de Noël de Montbéliard, a indiqué "
            "le capitaine Sylvain Perrot."
        ),
        "fr",
        "Noël",
        "Sylvain Perrot",
    ),
    (
        (
            "Quelque 400 sapins de Noël du Morvan ont été volés, a indiqué le producteur "
            "Thierry Guyot."
        ),
        "fr",
        "Noël",
        "Thierry Guyot",
    ),
    (
        (
            "Unos desconocidos robaron dos Reyes Magos del belén de Lorca, informó el alcalde, "
            "Diego José Mateos."
        ),
        "es",
        "Reyes",
        "Diego José Mateos",
    ),
]


@pytest.mark.parametrize(("text", "language", "feast", "person"), FEASTS)
def test_a_feast_is_no_person(text: str, language: str, feast: str, person: str) -> None:
    named = people(text, language)
    assert person in named
    assert not [name for name in named if feast in name]


def test_a_person_named_after_a_feast_is_still_one() -> None:
    named = people("L'ancien député Noël Mamère a annoncé qu'il quittait la politique.", "fr")
    assert "Noël Mamère" in named


@pytest.mark.parametrize(
    ("surface", "before", "feast"),
    [
        ("German Christmas", "a", True),
        ("Reyes Magos", "dos", True),
        ("Noël", "", True),
        ("Noël de Montbéliard", "de", True),
        ("Père Noël", "le", True),
        ("Noël Mamère", "député", False),
        ("Marie Noël", "poétesse", False),
        ("Diego Reyes", "alcalde", False),
    ],
)
def test_names_a_feast(surface: str, before: str, feast: bool) -> None:
    assert names_a_feast(surface, before) is feast
