"""The surname loops of the recognizer (transform.entities.find_mentions) share one check
(_add_surname): a word a report's wire dateline names as a town is no surname of a person
named in full elsewhere, whether it is the person's last name, a titled name, or the first of
two Spanish surnames ("LINARES (Jaén) - ... el concejal Álvaro Linares Torrent": each "Linares"
alone is the town the report was filed from, not the councillor)."""

from __future__ import annotations

import pytest

from transform.entities import recognize_entities

# invented: a councillor whose first surname is the dateline's town
_DATELINED = {
    "es": (
        "LINARES (Jaén), 5 ene (Agencia Test) - El concejal Álvaro Linares Torrent presentó "
        "este miércoles el plan de obras en el pleno.\n\nEl alcalde dijo que las obras "
        "empezarán en Linares en marzo."
    ),
    "en": (
        "LINARES, Spain, Jan 5 (Test Wire) - Councillor Álvaro Linares Torrent presented the "
        "works plan on Wednesday.\n\nThe mayor said works would begin in Linares in March."
    ),
}


def _named(text: str, language: str) -> dict[tuple[str, str], int]:
    return {
        (m.entity.kind, m.entity.name): m.mentions for m in recognize_entities("", text, language)
    }


@pytest.mark.parametrize("language", sorted(_DATELINED))
def test_a_first_surname_the_dateline_names_is_the_town(language: str) -> None:
    named = _named(_DATELINED[language], language)
    assert named[("place", "Linares")] == 2  # the dateline and "en Linares"
    assert named[("person", "Álvaro Linares Torrent")] == 1  # only where written in full


def test_a_first_surname_under_another_dateline_stays_the_persons() -> None:
    # invented: the same councillor, filed from Madrid: "Linares" alone is his
    text = (
        "MADRID, 5 ene (Agencia Test) - El concejal Álvaro Linares Torrent presentó el plan "
        "este miércoles.\n\nLinares dijo que las obras empezarán en marzo."
    )
    named = _named(text, "es")
    assert named[("person", "Álvaro Linares Torrent")] == 2
    assert ("place", "Linares") not in named
