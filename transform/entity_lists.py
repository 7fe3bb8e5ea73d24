"""People named where no rule took the name: in a list of people, or before a pronoun of people.

A list joins like with like ("Mesalina Fernández, Mercedes Aguirre y Gloria Hermosa", "Prince
Harry and Meghan"): when a list's other members were read as people, a name between them
that no rule took ("Mesalina": no first name the lists know) is one too. A comma alone joins
an apposition as often ("Ana Weber, Chief Executive"), so a neighbour across a comma counts
only when it is itself listed with a person. Lists of organisations were tried and left out:
their members are as often products, parts of one name ("Securities and Exchange
Commission") or people (bench/README.md). English "who" and Spanish "quien" after a comma
follow a person only ("Barbosa Delgado, quien asumió ...").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from transform.entity_gazetteer import _Lexicon
from transform.entity_people import LONE_FIRST_NAME_ZIPF, _rare_name
from transform.entity_words import (
    DETERMINERS,
    LANGUAGES,
    MONTHS,
    ORG_WORDS,
    WELL_KNOWN,
    _is_title,
    _zipf,
    fold,
)

# The words that join the members of a list, in the four languages.
LIST_CONJUNCTIONS = frozenset("and or und oder sowie et ou y e o ni".split())  # noqa: SIM905
_CONJUNCTION_RE = "|".join(sorted(LIST_CONJUNCTIONS, key=len, reverse=True))
_AFTER_MEMBER = re.compile(rf", (?:(?:{_CONJUNCTION_RE}) )?|,? (?:{_CONJUNCTION_RE}) ")
MAX_LISTED_WORDS = 2  # a given name and a surname
LIST_LANGUAGES = frozenset({"en", "fr", "es"})
LONE_LISTED_NAME_ZIPF = 4.0  # a first name alone as frequent as "Mac" or "Ann" is a word too

_Named = tuple[int, int, str]  # start, end and kind of a mention


def _joined(body: str, left: _Named, right: _Named) -> bool | None:
    """Whether the text between two names joins them as list members: True by a conjunction
    (with or without a comma), False by a comma alone, None not at all."""
    match = _AFTER_MEMBER.fullmatch(body, left[1], right[0])
    return None if match is None else match.group().strip(" ,") != ""


def _listed_neighbour(
    body: str, named: Sequence[_Named], run: _Named, index: int, step: int
) -> str | None:
    """The kind of the name ``named[index]`` if a list joins it to ``run`` (``step`` -1: it
    stands before the run, 1: after): by a conjunction, or by a comma when a name of its own
    kind is listed beyond it."""
    if not 0 <= index < len(named):
        return None
    near = named[index]
    joined = _joined(body, near, run) if step < 0 else _joined(body, run, near)
    if joined is None:
        return None
    if not joined:
        beyond = index + step
        if not 0 <= beyond < len(named) or named[beyond][2] != near[2]:
            return None
        far = named[beyond]
        if (_joined(body, far, near) if step < 0 else _joined(body, near, far)) is None:
            return None
    return near[2]


def _name_word(word: str, language: str) -> bool:
    """A word written as a name's (a capital, then small letters) that is no frequent word of
    the language, title or organisation word."""
    letters = word.replace("-", "")
    return (
        letters.isalpha()
        and word[:1].isupper()
        and letters[1:].islower()
        and _zipf(word.casefold(), language) < LONE_FIRST_NAME_ZIPF[language]
        and not _is_title(word, language)
        and word.casefold() not in ORG_WORDS
    )


def _rare_first_name(word: str, lexicon: _Lexicon) -> bool:
    """A known first name no language writes as often as :data:`LONE_LISTED_NAME_ZIPF`."""
    return word in lexicon.first_names and all(
        _zipf(word, language) < LONE_LISTED_NAME_ZIPF for language in LANGUAGES
    )


def listed_person(
    body: str,
    run: tuple[int, int],
    words: list[str],
    named: Sequence[_Named],
    language: str,
    lexicon: _Lexicon,
) -> bool:
    """Whether the unread name at ``run`` (start and end in ``body``; its ``words``) is a
    person's because a list joins it to people named in ``body`` (``named``: start, end and
    kind of each mention of that body, in order, none overlapping the run) and nothing else.
    The name is a given name and a surname, or a known given name alone ("Harry and
    Meghan") that no language writes as often as a word ("Mac", "Ann"), or a surname alone
    that no language uses as a word ("Okafor y Ramírez"), each no frequent
    word of the language, and no country, region or well-known city. Not in German, whose
    lists of nouns are capitalised as names are ("Wüsten Gobi und Takla Makan")."""
    if language not in LIST_LANGUAGES:
        return False
    if not 1 <= len(words) <= MAX_LISTED_WORDS or not all(_name_word(w, language) for w in words):
        return False
    if len(words) == 1 and not (
        _rare_first_name(words[0].casefold(), lexicon) or _rare_name(words[0])
    ):
        return False
    start, end = run
    index = bisect_left(named, (start,))
    kinds = {
        _listed_neighbour(body, named, (start, end, ""), index - 1, -1),
        _listed_neighbour(body, named, (start, end, ""), index, 1),
    } - {None}
    if kinds != {"person"}:
        return False
    return not any(
        place.rank > 1 or place.population >= WELL_KNOWN
        for place in lexicon.places.get(fold(" ".join(words)), ())
    )


# A relative pronoun that only a person takes, after a comma: "Ana Weber, who", "Barbosa
# Delgado, quien". French "qui" and German "der" take things too; English teams take "who"
# after "the" ("the Thunder, who"), which the article before the name rules out.
_PERSON_RELATIVE = {
    "en": re.compile(r", who\b"),
    "es": re.compile(r", quien(?:es)?\b"),
}
MAX_RELATIVE_WORDS = 3


def person_by_relative(
    body: str,
    run: tuple[int, int],
    words: list[str],
    before: str,
    language: str,
    lexicon: _Lexicon,
) -> bool:
    """Whether the unread name at ``run`` (its ``words``, ``before`` the word before it,
    folded) is a person's because a relative pronoun only people take follows it, and it
    could be a person's name (:func:`_could_name_a_person`); it may open a sentence."""
    relative = _PERSON_RELATIVE.get(language)
    if relative is None or relative.match(body, run[1]) is None:
        return False
    return _could_name_a_person(words, before, language, lexicon)


def _could_name_a_person(words: list[str], before: str, language: str, lexicon: _Lexicon) -> bool:
    """Whether ``words`` (``before`` the word before them, folded) could be a person's name a
    cue after it makes one: one to three name words (:func:`_name_word`), not after an
    article or determiner, and no country, region or well-known city."""
    if not 1 <= len(words) <= MAX_RELATIVE_WORDS or before in DETERMINERS:
        return False
    if not all(_name_word(w, language) for w in words):
        return False
    return not any(
        place.rank > 1 or place.population >= WELL_KNOWN
        for place in lexicon.places.get(fold(" ".join(words)), ())
    )


# A person's age in apposition right after the name, as each language's news writes it: "Ana
# Weber, 45, said", "Barbosa, de 61 años,", "Lemaire, 52 ans,", "Weber (45)". A place or a
# body is never given an age so; a year has four figures. In brackets two figures at least:
# one alone numbers an equation, a footnote or a sense ("Gleichung (6)") or rates a player
# ("Medina (7)"). German's age before the name ("der 33-jährige Frenzel") was left out: the
# same words come before a role noun as often ("der 33-jährige Angeklagte"), which no
# frequency tells from a surname.
_PERSON_AGE = {
    "en": re.compile(r"(?:, (?:aged )?\d{1,3}(?=,|\.(?!\d))| \(\d{2,3}\))"),
    "es": re.compile(r"(?:, de \d{1,3} años\b| \(\d{2,3}\))"),
    "fr": re.compile(r"(?:, (?:âgée? de )?\d{1,3} ans\b| \(\d{2,3}\))"),
    "de": re.compile(r"(?: \(\d{2,3}\)|, \d{1,3} Jahre alt\b)"),
}
# The months a date writes after a name and a comma ("am 27. März, 15. Mai"), in every
# language that capitalises them.
_MONTH_NAMES = frozenset().union(*MONTHS.values())


def person_by_age(
    body: str, run: tuple[int, int], words: list[str], before: str, language: str, lexicon: _Lexicon
) -> bool:
    """Whether the unread name at ``run`` (its ``words``, ``before`` the word before it,
    folded) is a person's because an age follows it in apposition (:data:`_PERSON_AGE`), it
    holds no month, and it could be a person's name (:func:`_could_name_a_person`); it may
    open a sentence."""
    age = _PERSON_AGE.get(language)
    if age is None or age.match(body, run[1]) is None:
        return False
    if any(w.casefold() in _MONTH_NAMES for w in words):
        return False
    return _could_name_a_person(words, before, language, lexicon)
