"""Organisations (and a few people) the sixth entity sample showed missed or misread: a lone
name listed with an organisation, known bodies listed in one run or before a company
officer's acronym, a German name its acronym spells by its compounds' parts, the German article "den" after a full name, a person's name after "von"
in a body's complement, trade abbreviations in brackets, and the kind of body a few more
nouns say. Every text is invented."""

from __future__ import annotations

import pytest
from entity_mentions import found as _found

from transform.entities import recognize_entities


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        # listed with an acronym read as a body: by a conjunction, after an additive particle
        ("Zwar werden Quorvex und auch LG die Displays liefern.", "de", "Quorvex"),
        ("Trabaja con empresas como Quorvex y GBM en el país.", "es", "Quorvex"),
        ("Les chiffres sont collectés par l'OCDE et Quorvex chaque année.", "fr", "Quorvex"),
        # a comma alone, in a list a conjunction ends
        ("Quorvex, EA, and Brindlecast have a lot riding on the launch.", "en", "Quorvex"),
        ("Quorvex, EA, and Brindlecast have a lot riding on the launch.", "en", "Brindlecast"),
        # known bodies listed in one run of capitalised words, or before an officer's acronym
        ("Die meisten Follower hat er auf Facebook und Twitter.", "de", "Facebook"),
        ("Die meisten Follower hat er auf Facebook und Twitter.", "de", "Twitter"),
        ("The deal was struck after Facebook CEO Dana Reyes met the minister.", "en", "Facebook"),
        # a body's kind before its name
        ("Tous deux sont parus aux éditions Quorvex en 2016.", "fr", "Quorvex"),
        ("Publicado por la editorial Quorvex en 2010.", "es", "Quorvex"),
        ("Lo dijo a la red Quorvex ayer por la tarde.", "es", "Quorvex"),
        ("It is not what the console seller Quorvex is hoping for.", "en", "Quorvex"),
        # an acronym in capitals that spells a German compound's parts defines the name
        ("Mit Entsetzen hat das Forum Jagdrecht (FJR) reagiert.", "de", "Forum Jagdrecht"),
        (
            "Das Alfred-Brenner-Institut (ABI) in Kiel rechnet nicht damit.",
            "de",
            "Alfred-Brenner-Institut",
        ),
    ],
)
def test_organization_is_found(text: str, language: str, name: str) -> None:
    assert ("organization", name) in _found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        # "den" after a full name is the article of the object, no particle of the name
        (
            "Für seinen Roman hat Frank Wessler den Deutschen Buchpreis erhalten.",
            "de",
            "Frank Wessler",
        ),
        # a person's name after "von" ends the complement of the body's word
        ("Mitte November wird sie das Amt von Peter Nehrkorn übernehmen.", "de", "Peter Nehrkorn"),
    ],
)
def test_person_is_found(text: str, language: str, name: str) -> None:
    assert ("person", name) in _found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        # a word an ampersand joins to another is a name's, not one of the list
        ("Die Zeitschriften Angelpost, Kutter & Küste und viele mehr.", "de", {"Küste"}),
        # a comma alone sets an apposition or an address, not a list
        ("Seit Android 6.0 Marshmallow, Google entwickelt neue Systeme.", "de", {"Marshmallow"}),
        ("Autor: Landesanstalt für Landwirtschaft, Köllitsch (Deutschland).", "de", {"Köllitsch"}),
        # a German compound noun in a list is a noun, whatever is listed beside it
        (
            "Der Neubau steht dem Technischen Dienst, Hausdienst und der Elektronik offen.",
            "de",
            {"Hausdienst"},
        ),
        # a trade's abbreviation in brackets after a body's name
        ("Siehe die Datenschutzerklärung der Universität Wien (PDF) hier.", "de", {"PDF"}),
        ("Er bietet Filme (per Stream und in HD) an.", "de", {"HD"}),
        # an acronym in mixed case after a name is a law's short title
        (
            "Es gilt die Seeschifffahrtsstraßen-Ordnung (SeeSchStrO) dort.",
            "de",
            {"Seeschifffahrtsstraßen-Ordnung"},
        ),
        # "red" says a body's kind in Spanish only
        ("He drove the red Ferrari home.", "en", {"Ferrari"}),
    ],
)
def test_no_organization(text: str, language: str, names: set[str]) -> None:
    found = {name for kind, name in _found(text, language) if kind == "organization"}
    assert not found & names


@pytest.mark.parametrize(
    ("text", "language", "kind", "name"),
    [
        # the old cases these rules border on are unchanged
        ("Ursula von der Leyen sprach in Brüssel.", "de", "person", "Ursula von der Leyen"),
        (
            "Er traf den Leiter des Servicio Antártico del Reino Unido.",
            "de",
            "organization",
            "Servicio Antártico del Reino Unido",
        ),
        ("The Bank of England Governor spoke on Monday.", "en", "organization", "Bank of England"),
    ],
)
def test_unchanged(text: str, language: str, kind: str, name: str) -> None:
    assert (kind, name) in _found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "name", "mentions"),
    [
        ("Users post on Facebook every day.", "en", "organization:facebook", 1),
        (
            "Die Nutzer posten auf Facebook und Twitter. Facebook sagte am Montag nichts.",
            "de",
            "organization:facebook",
            2,
        ),
    ],
)
def test_a_name_read_once_is_counted_once(
    text: str, language: str, name: str, mentions: int
) -> None:
    """A lone body the first pass reads is not found again by the leftover pass: one span, one
    mention (it was counted twice, doubling article_entities.mentions)."""
    counts = {e.entity.key: e.mentions for e in recognize_entities("", text, language)}
    assert counts[name] == mentions
