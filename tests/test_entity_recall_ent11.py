"""Lone names the recognizer reads by a cue in the text (ent11): a title of office or trade
before the name ("le professeur Raoult", "Representative Quelvane"), an English possessive
before a noun of kin ("Brennholt's widow"), a Gaelic surname's shape ("O’Neill", "MacLeod")
for the rules that read a lone name word, two names before a verb in the plural, a company
before its shares or investors, a title inside a run ("Dr Anton Best") and a listed company
before a headline's verb. Every text is invented."""

from __future__ import annotations

import pytest
from entity_mentions import found as _found

from transform.entities import find_mentions


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Vive le professeur Quelvaro et ses élèves !", "fr", "Quelvaro"),
        ("La promesse du candidat Brennholt a déçu ses partisans.", "fr", "Brennholt"),
        ("El proyecto del diputado Quelvaro fue rechazado ayer.", "es", "Quelvaro"),
        ("La propuesta de la candidata Quelvaro fue rechazada ayer.", "es", "Quelvaro"),
        ("The roundtable was co-hosted by Representative Quelvane on Monday.", "en", "Quelvane"),
        ("The lecture was given by Professor Quelvane on Monday.", "en", "Quelvane"),
    ],
)
def test_lone_name_after_a_title_is_a_person(text: str, language: str, name: str) -> None:
    assert ("person", name) in _found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        # a preposition between the title and the name: a place or a body, not the title's
        ("A representative from Quelvaro attended the hearing.", "en", "Quelvaro"),
        ("Un professeur de Quelvaro a été entendu lundi.", "fr", "Quelvaro"),
        # the plural chamber is no title before a name
        ("The House of Representatives voted on Monday.", "en", "Representatives"),
    ],
)
def test_title_word_does_not_make_a_person(text: str, language: str, word: str) -> None:
    assert not any(kind == "person" and word in surface for kind, surface in _found(text, language))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Some of Brennholt's relatives said that Brennholt's widow would speak.", "Brennholt"),
        ("The flat was sold after Quelvane’s late father died in May.", "Quelvane"),
        ("Brennholt's daughter was not at the hearing on Monday.", "Brennholt"),
    ],
)
def test_possessive_before_kin_is_a_person(text: str, name: str) -> None:
    assert ("person", name) in _found(text, "en")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a body has lawyers, a voice, defenders as well as a person does
        ("The court heard that Quorvex's lawyers had filed the appeal.", "Quorvex"),
        ("On Monday Quorvex's voice assistant stopped working.", "Quorvex"),
        ("The cup was lost when Ridgeback's defenders fell asleep.", "Ridgeback"),
        # a place's children are its people
        ("Many of Bedford's children walk to school.", "Bedford"),
        # no possessive: the noun of kin says nothing of the word
        ("The board of Quorvex and its son company met.", "Quorvex"),
    ],
)
def test_possessive_before_other_nouns_is_no_person(text: str, word: str) -> None:
    assert not any(kind == "person" and word in surface for kind, surface in _found(text, "en"))


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("The vote was close, and O’Neill, who chairs the panel, was there.", "en", "O’Neill"),
        ("The board met on Monday and O'Brien said he would stay.", "en", "O'Brien"),
        ("MacLeod said the plan would go ahead.", "en", "MacLeod"),
        ("McTavish said the plan would go ahead.", "en", "McTavish"),
        ("La reunión acabó tarde y O’Neill detalló que no habría acuerdo.", "es", "O’Neill"),
    ],
)
def test_gaelic_surname_is_a_name_word(text: str, language: str, name: str) -> None:
    assert ("person", name) in _found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        # the shape alone is no cue: nothing around the word says it is a person
        ("The new MacBook sold well in the spring.", "en", "MacBook"),
        # a company says "it"
        ("McVarrow said it would appeal the ruling.", "en", "McVarrow"),
        # "Mac" and a small letter: no surname's shape, as frequent as a word
        ("Macaroni, which sold well, is cheap.", "en", "Macaroni"),
    ],
)
def test_gaelic_shape_without_a_cue_is_no_person(text: str, language: str, word: str) -> None:
    assert not any(kind == "person" and word in surface for kind, surface in _found(text, language))


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("Both Vandrell and Okafor are spending more on ads.", "en", ("Vandrell", "Okafor")),
        ("Last week Vandrell and Okafor had signed the deal.", "en", ("Vandrell", "Okafor")),
        ("Mientras que Jarjury y Quelvaro se declararon culpables.", "es", ("Jarjury", "Quelvaro")),
        ("Jarjury y Quelvaro se encuentran presos desde mayo.", "es", ("Jarjury", "Quelvaro")),
        ("Lundi, Vandrell et Okafor ont signé l'accord.", "fr", ("Vandrell", "Okafor")),
    ],
)
def test_pair_before_a_plural_verb_is_two_people(
    text: str, language: str, names: tuple[str, str]
) -> None:
    read = _found(text, language)
    assert all(("person", name) in read for name in names)


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        # a singular verb: a firm named after two people
        ("Vandrell and Okafor is hiring lawyers this year.", "en", "Okafor"),
        # members a language writes as words: a firm's name as often ("Marks and Spencer")
        ("Marks and Spencer are closing stores this year.", "en", "Spencer"),
        # after an article: a thing of theirs
        ("The Vandrell and Okafor families have a plan.", "en", "Okafor"),
        # no verb after the pair
        ("La empresa Jarjury y Quelvaro en Madrid cerró.", "es", "Quelvaro"),
        # German capitalises its nouns
        ("Vandrell und Okafor haben unterschrieben.", "de", "Okafor"),
    ],
)
def test_pair_without_a_plural_verb_is_no_person(text: str, language: str, word: str) -> None:
    assert not any(kind == "person" and word in surface for kind, surface in _found(text, language))


@pytest.mark.parametrize(
    "text",
    [
        "Amazon is now letting you listen, and Quorvex investors are already nervous.",
        "The news sent Quorvex shares down by a tenth on Monday.",
    ],
)
def test_name_before_shares_or_investors_is_a_company(text: str) -> None:
    assert ("organization", "Quorvex") in _found(text, "en")


@pytest.mark.parametrize(
    "text",
    [
        # a person has staff and supporters, a team fans
        "The rally drew supporters, and Quorvex staff stood by.",
        "The final drew Quorvex fans from all over the country.",
        # another language: the compound is English's
        "El anuncio asustó a los inversores y Quorvex investors dijo nada.",
    ],
)
def test_name_before_other_nouns_is_no_company(text: str) -> None:
    language = "es" if text.startswith("El") else "en"
    assert ("organization", "Quorvex") not in _found(text, language)


def test_title_inside_a_run_keeps_a_common_word_as_the_surname() -> None:
    text = "The report was signed by Acting Chief Medical Officer Dr Anton Best on Monday."
    read = _found(text, "en")
    assert ("person", "Anton Best") in read
    assert ("person", "Anton") not in read


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # the word after a title inside the run is no first name: no person begins there
        ("The report was signed by the Chief Medical Officer on Monday.", "Officer"),
        ("The report was signed by Acting Chief Medical Officer Dr Anton Best.", "Medical"),
    ],
)
def test_title_inside_a_run_before_no_first_name_reads_no_person(text: str, word: str) -> None:
    assert not any(kind == "person" and word in surface for kind, surface in _found(text, "en"))


def _title_organizations(title: str) -> set[str]:
    return {m.surface for m in find_mentions(title, "", "en") if m.entity.kind == "organization"}


def test_listed_company_before_a_headline_verb_is_read() -> None:
    assert "Apple" in _title_organizations("Apple Releases New iPhone Today")


@pytest.mark.parametrize(
    ("title", "word"),
    [
        # a word of the language, as a headline's first word: the word
        ("Target Cuts Prices Again", "Target"),
        # no verb in "-s" after it: the run is not cut
        ("Apple Valley Road Closed After Crash", "Apple"),
    ],
)
def test_headline_run_before_a_verb_stays_a_word(title: str, word: str) -> None:
    assert word not in _title_organizations(title)
