"""A common surname alone that the article writes after an article is a thing's name (sur3)."""

from __future__ import annotations

from entity_mentions import people


def test_a_surname_the_article_also_writes_after_an_article_is_not_read() -> None:
    alone = "The port runs at 60fps, while Lindqvist output seems to be aiming for 30."
    assert people(alone, "en") == ["Lindqvist"]
    thing = f"Players of the Lindqvist browser see drops. {alone}"
    assert people(thing, "en") == []


def test_an_article_of_the_report_s_own_language_counts_in_french_and_spanish() -> None:
    assert people("Au conseil, seul Brunet a voté contre le budget.", "fr") == ["Brunet"]
    assert people("La Brunet reste chère. Au conseil, seul Brunet a voté contre.", "fr") == []
    text = "La propuesta llegó tarde y Villalobos la rechazó sin leerla."
    assert people(text, "es") == ["Villalobos"]
    assert people(f"El Villalobos cerró. {text}", "es") == []
