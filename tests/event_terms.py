"""An invented article's event terms, for the event tests that each pin one rule: the terms
and the countries of its places' terms."""

from __future__ import annotations

from transform import events as ev
from transform.entities import recognize_entities


def terms_of(title: str, text: str, language: str) -> dict[str, float]:
    """:func:`transform.events.article_terms` of the article, with the recognizer's mentions."""
    return ev.article_terms(
        title, text, language=language, mentions=recognize_entities(title, text, language)
    )


def countries_in(article_terms: dict[str, float], prefix: str = ev.PLACE_PREFIX) -> set[str]:
    """The country codes of the terms under ``prefix`` (the article's own places by default;
    :data:`transform.events.ELSEWHERE_PREFIX` for another happening's)."""
    return {t.split(":")[1] for t in article_terms if t.startswith(prefix)}
