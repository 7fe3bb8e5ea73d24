"""A big city named by its own name in the article's language (transform/entity_places.py):
invented sentences, no database."""

from __future__ import annotations

from transform.entities import recognize_entities

ATHENS = "place:geonames:264371"
NUREMBERG = "place:geonames:2861650"
BUDA = "place:geonames:3054667"


def _place_keys(title: str, text: str, language: str) -> set[str]:
    return {
        m.entity.key for m in recognize_entities(title, text, language) if m.entity.kind == "place"
    }


def test_a_german_exonym_after_a_bare_preposition_is_the_city() -> None:
    """ "Athen" is frequent in German because Athens is; after "in", "nach", "aus" without an
    article it is the city, as "Nürnberg" (Nuremberg's German name) is."""
    keys = _place_keys(
        "Fähre nach Athen verspätet",
        "Die Fähre aus Kreta erreichte Athen erst am Abend. Die Hafenpolizei in Athen prüft "
        "den Motor. Eine Reisegruppe aus Nürnberg wartete stundenlang.",
        "de",
    )
    assert ATHENS in keys
    assert NUREMBERG in keys


def test_a_common_noun_after_a_fused_article_is_no_exonym() -> None:
    """ "Ofen" (an oven) is a German name of Buda too; after "im", a preposition fused with an
    article, it is the noun."""
    keys = _place_keys(
        "Brot verbrannt",
        "Das Brot blieb zu lange im Ofen, sagte die Bäckerin Marlene Quast.",
        "de",
    )
    assert BUDA not in keys
