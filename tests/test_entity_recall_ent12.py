"""Lone names the recognizer reads by a cue in the text (ent12): a name behind a frequent word
opening the sentence ("Ahora Bustos aseguró"), before a Spanish verb of saying in the present
("Osorio asegura"), cited as a source ("según Pimentel", "laut Alvarado"), a German genitive
before its noun ("Johnsons Vorgängerin"); and a name after a word that places it before a verb
of saying ("police in Bavaria said") is no speaker. Every text is invented."""

from __future__ import annotations

import pytest
from entity_mentions import found as _found
from entity_mentions import people


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        # a small town of the same name is no bar where the text makes a person of it
        ("Ahora Bustos aseguró que el puente no estaba terminado.", "es", "Bustos"),
        ("Entonces Osorio explicó que la obra seguía parada.", "es", "Osorio"),
        ("Later Quelvane said that the bridge was unfinished.", "en", "Quelvane"),
        ("Ensuite Brennholt affirme que le pont est inachevé.", "fr", "Brennholt"),
    ],
)
def test_name_behind_a_frequent_opening_word(text: str, language: str, name: str) -> None:
    assert ("person", name) in _found(text, language)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("En la reunión de ayer, Osorio asegura que el puente no estaba terminado.", "Osorio"),
        ("Durante la visita, Alvarado explica que la obra sigue parada.", "Alvarado"),
    ],
)
def test_spanish_present_verb_of_saying(text: str, name: str) -> None:
    assert ("person", name) in _found(text, "es")


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("El puente costará 40 millones más, según Pimentel.", "es", "Pimentel"),
        ("De acuerdo con Osorio, la obra seguirá parada hasta mayo.", "es", "Osorio"),
        ("Die Brücke wird laut Alvarado erst im Mai fertig.", "de", "Alvarado"),
        ("Le pont coûtera plus cher, selon Pimentel.", "fr", "Pimentel"),
    ],
)
def test_common_surname_cited_as_source(text: str, language: str, name: str) -> None:
    assert ("person", name) in _found(text, language)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a firm named after its partners, and a word no surname list holds: a body as often
        ("El puente costará más, según Pimentel y Asociados.", "Pimentel"),
        ("El puente costará más, según Quorvexa.", "Quorvexa"),
    ],
)
def test_citation_reads_no_firm_as_a_person(text: str, word: str) -> None:
    assert not any(kind == "person" and word in s for kind, s in _found(text, "es"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Johnsons Vorgängerin im Amt hatte die Brücke noch eröffnet.", "Johnson"),
        ("Die Partei wollte Merkels Nachfolger erst im Mai wählen.", "Merkel"),
    ],
)
def test_german_genitive_of_a_name(text: str, name: str) -> None:
    assert name in people(text, "de")


@pytest.mark.parametrize(
    "text",
    [
        "Die Krone des Königs Ludwig lag im Museum.",  # an article: a noun's genitive
        "Die Zahl des Landes Bayern stieg im Mai.",
    ],
)
def test_german_genitive_of_a_noun_is_no_person(text: str) -> None:
    assert people(text, "de") == []


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        ("Police in Bavaria said the suspect had fled on foot.", "en", "Bavaria"),
        ("Officials in Normandy said the storm had passed by noon.", "en", "Normandy"),
        ("La policía en Baviera dijo que el sospechoso huyó.", "es", "Baviera"),
    ],
)
def test_placed_name_before_saying_is_no_person(text: str, language: str, word: str) -> None:
    assert not any(kind == "person" and word in s for kind, s in _found(text, language))
