"""A town a report's wire dateline names is no surname of a person named in full elsewhere
(a dateline names a town, never a person): each of its namings alone is the town ("LINARES
(Jaén), 5 ene - ... la cabalgata de Reyes de Linares": held_out_47's Spanish report read
"Reyes de Linares" as its main actor, Linares, its dateline and "en Linares", as her
surname, and its town became Jaén, the province)."""

from __future__ import annotations

import pytest

from transform.entities import recognize_entities

_FEAST = (
    "ÚBEDA (Jaén), 5 ene (Agencia Test) - Tres personas resultaron heridas este miércoles en "
    "Úbeda cuando una carroza de la cabalgata de Reyes de Úbeda perdió el control.\n\n"
    "El alcalde, Tomás Ruiz, suspendió el desfile."
)


def _named(title: str, text: str, language: str) -> dict[tuple[str, str], int]:
    return {
        (m.entity.kind, m.entity.name): m.mentions
        for m in recognize_entities(title, text, language)
    }


@pytest.mark.parametrize(
    ("title", "text", "language", "town", "full"),
    [
        # invented: the dateline writes the town; the feast's name ends on it
        ("Heridos en la cabalgata de Reyes de Úbeda", _FEAST, "es", "Úbeda", 2),
        # invented: a seaside town named "of" its town, the dateline's
        (
            "",
            (
                "PISA, Italy, Aug 21 (Test Wire) - A waterspout hit the beach of Marina di Pisa "
                "on Monday. Two women were treated in Pisa."
            ),
            "en",
            "Pisa",
            1,
        ),
    ],
)
def test_a_town_written_as_one_is_no_surname(
    title: str, text: str, language: str, town: str, full: int
) -> None:
    named = _named(title, text, language)
    assert named[("place", town)] == 2
    # the full name is read where it is written in full, no longer by the town's namings
    assert [n for (kind, name), n in named.items() if kind == "person" and town in name] == [full]


def test_a_surname_the_report_never_writes_as_a_town_stays_the_persons() -> None:
    # invented: "Linares" is a town too, but here only a surname, the dateline another town
    text = (
        "MADRID, 5 ene (Agencia Test) - La ministra Carmen Linares presentó el plan este "
        "miércoles. Linares dijo que el Gobierno lo aprobará en marzo."
    )
    named = _named("", text, "es")
    assert named[("person", "Carmen Linares")] == 2
    assert ("place", "Linares") not in named
