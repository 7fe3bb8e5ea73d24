"""A common surname alone that the article writes after an article is a thing's name (sur3)."""

from __future__ import annotations

from transform.entities import recognize_entities


def _people(text: str, language: str) -> list[str]:
    return [
        m.entity.name for m in recognize_entities("", text, language) if m.entity.kind == "person"
    ]


def test_a_surname_the_article_also_writes_after_an_article_is_not_read() -> None:
    alone = "The port runs at 60fps, while Lindqvist output seems to be aiming for 30."
    assert _people(alone, "en") == ["Lindqvist"]
    thing = f"Players of the Lindqvist browser see drops. {alone}"
    assert _people(thing, "en") == []


def test_an_article_of_the_report_s_own_language_counts_in_french_and_spanish() -> None:
    assert _people("Au conseil, seul Brunet a voté contre le budget.", "fr") == ["Brunet"]
    assert _people("La Brunet reste chère. Au conseil, seul Brunet a voté contre.", "fr") == []
    text = "La propuesta llegó tarde y Villalobos la rechazó sin leerla."
    assert _people(text, "es") == ["Villalobos"]
    assert _people(f"El Villalobos cerró. {text}", "es") == []
