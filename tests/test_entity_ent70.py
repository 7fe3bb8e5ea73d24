"""Organisations and German and French names read by rules of their language's grammar and
typography: an ampersand inside capitals, the formal "Ihr" and clause words that open no
name, a German body's seat written after it, French and Spanish plurals of a body's word, a
second French complement after "et", a currency's code by an amount, and titles ("Papst",
"-manager"). Every text is invented."""

from __future__ import annotations

import pytest
from entity_mentions import found as _found


@pytest.mark.parametrize(
    ("text", "language", "kind", "name"),
    [
        # an ampersand between capitals joins one company's letters
        ("Shares of QX&V fell after the results on Monday.", "en", "organization", "QX&V"),
        # a German body's seat or region written apart after it names its branch
        ("Gestern hat die KLV Sachsen davor gewarnt.", "de", "organization", "KLV Sachsen"),
        (
            "Gestern hat die Verbraucherzentrale Sachsen davor gewarnt.",
            "de",
            "organization",
            "Verbraucherzentrale Sachsen",
        ),
        (
            "Morgen prüft die Handwerkskammer Koblenz die Anträge.",
            "de",
            "organization",
            "Handwerkskammer Koblenz",
        ),
        # a French or Spanish plural of an organisation word names bodies with its complement
        (
            "Il a dirigé les Mutuelles de Normandie pendant dix ans.",
            "fr",
            "organization",
            "Mutuelles de Normandie",
        ),
        (
            "El acuerdo une a los Ministerios de Hacienda y de Trabajo.",
            "es",
            "organization",
            "Ministerios de Hacienda",
        ),
        # a second complement coordinated by "et" is the French name's
        (
            "Elle a rejoint l'Agence régionale de la pêche et de la navigation fluviale hier.",
            "fr",
            "organization",
            "Agence régionale de la pêche et de la navigation fluviale",
        ),
        # titles: "Papst", a German compound ending in "-manager"
        ("Gestern besuchte Papst Veltrinus die Stadt.", "de", "person", "Veltrinus"),
        ("Das ergebe für Vertriebsmanager Quandtner wenig Sinn.", "de", "person", "Quandtner"),
    ],
)
def test_name_read_by_its_languages_rules(text: str, language: str, kind: str, name: str) -> None:
    assert (kind, name) in _found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        # the formal "Ihr" and a clause word opening the sentence are no name's words
        ("Wenn Sie mit Ihrer Bank sprechen, sinkt die Rate.", "de", "Ihrer"),
        ("Als Landesverband mit Sitz in Kassel beraten wir Vereine.", "de", "Als"),
        # a common noun written with an ampersand
        ("The R&D budget grew by a tenth last year.", "en", "R&D"),
        # a currency's code by an amount
        ("Die Anlage kostet zwischen CHF 80 000 und 100 000.", "de", "CHF"),
        ("Der Eintritt kostet 12 EUR für Erwachsene.", "de", "EUR"),
    ],
)
def test_word_that_names_no_body(text: str, language: str, word: str) -> None:
    assert not any(word in surface.split() for _, surface in _found(text, language))


def test_plural_body_word_alone_names_no_body() -> None:
    assert _found("Los Tribunales están llenos desde marzo.", "es") == set()

