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
from transform.entity_orgs import place_stems
from transform.entity_people import (
    _NAME_POSSESSIVE_BEFORE,
    _PLACE_OR_TIME_BEFORE,
    LONE_FIRST_NAME_ZIPF,
    RARE_ZIPF,
    SENTENCE_START_NAME_ZIPF,
    _rare_name,
)
from transform.entity_places import _adjective_country, _english_adjectives
from transform.entity_words import (
    ATTRIBUTION_VERBS,
    DETERMINERS,
    LANGUAGES,
    MONTHS,
    ORG_WORDS,
    REPORTING_VERBS,
    SUBJECT_SAYING_VERBS,
    WELL_KNOWN,
    _is_title,
    _zipf,
    fold,
)

# The words that join the members of a list, in the four languages.
LIST_CONJUNCTIONS = frozenset("and or und oder sowie et ou y e o ni".split())  # noqa: SIM905
_CONJUNCTION_RE = "|".join(sorted(LIST_CONJUNCTIONS, key=len, reverse=True))
# A line-up numbers its players and rates them ("20- Ana Ruiz (6.5), 5- Eva Gil"): a shirt
# number before a member and a mark in brackets after one stand in the list's joins.
_AFTER_MEMBER = re.compile(
    rf"(?: \(\d{{1,2}}(?:[.,]\d)?\))?"
    rf"(?:, (?:(?P<after_comma>{_CONJUNCTION_RE}) )?|,? (?P<alone>{_CONJUNCTION_RE}) )"
    r"(?:\d{1,3} ?- ?)?"
)
MAX_LISTED_WORDS = 2  # a given name and a surname
LIST_LANGUAGES = frozenset({"en", "fr", "es"})
LONE_LISTED_NAME_ZIPF = 4.0  # a first name alone as frequent as "Mac" or "Ann" is a word too
# A common surname alone as frequent as this in any of the four languages is a word there too
# ("Brown", "Petit", "Lange"): the bar a known first name alone meets outside German.
SURNAME_WORD_ZIPF = 5.0

_Named = tuple[int, int, str]  # start, end and kind of a mention


def _joined(body: str, left: _Named, right: _Named) -> bool | None:
    """Whether the text between two names joins them as list members: True by a conjunction
    (with or without a comma), False by a comma alone, None not at all."""
    match = _AFTER_MEMBER.fullmatch(body, left[1], right[0])
    return None if match is None else bool(match.group("after_comma") or match.group("alone"))


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
    """Whether the unread name at ``run`` (its ``words``, ``before`` the word before it,
    folded) is a person's because it is one common surname
    (:func:`transform.entity_gazetteer.common_surnames`) that no language writes as a word
    (:data:`SURNAME_WORD_ZIPF`), no place the gazetteer holds under any reading nor a nation's
    adjective, and it could be a person's name (:func:`_could_name_a_person`). Not a list's
    member (:data:`_JOINED_AFTER`), beside a figure (:data:`_NUMBER_AFTER`), after a place or
    time preposition, as a first name alone ("new to Mac"), nor after "de"
    (:data:`_PARTICLE_OR_PREPOSITION`), a contracted article, a name's possessive ("Spain's
    Almaraz", as for a first name alone), nor beside "&" or before an abbreviation's full stop
    and a figure. Never in German, which capitalises its nouns ("Taucher", divers; as
    :data:`LIST_LANGUAGES`), never a sentence's or headline's first word, where every word is
    capitalised ("Souffrant, il …"; :data:`_SENTENCE_END_BEFORE`), and never a word the
    ``article`` (title and text) also writes in small letters ("junior"): a common word."""
    if len(words) != 1 or language not in LIST_LANGUAGES or sentence_start:
        return False
    word = words[0]
    if word.casefold() not in surnames:
        return False
    if any(_zipf(word.casefold(), other) >= SURNAME_WORD_ZIPF for other in LANGUAGES):
        return False
    if fold(word) in lexicon.places or any(stem in lexicon.places for stem in place_stems(word)):
        return False
    if word in _english_adjectives() or _adjective_country(word.casefold(), language):
        return False  # a nation's adjective ("German", a surname in Russia)
    head = body[max(0, run[0] - 40) : run[0]]
    if (
        _JOINED_AFTER.match(body, run[1])
        or _JOINED_BEFORE.search(head)
        or _NUMBER_BEFORE.search(head)
        or _NUMBER_AFTER.match(body, run[1])
        or before in _PLACE_OR_TIME_BEFORE
        or before in _UNTIL_OR_SINCE
        or _month_abbreviation(word, body, run[1])
        or before in _PARTICLE_OR_PREPOSITION
        or before in _CONTRACTED_ARTICLES
        or _AMPERSAND_AFTER.match(body, run[1])
        or _AMPERSAND_BEFORE.search(head)
        or _ABBREVIATION_AFTER.match(body, run[1])
        or _NAME_POSSESSIVE_BEFORE.search(head)
        or not head.strip()
        or _SENTENCE_END_BEFORE.search(head)
        or re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", article)
    ):
        return False
    return _could_name_a_person(words, before, language, lexicon)


# A list of surnames alone that opens its sentence or follows a colon ("Brighton: Ruiz, Okafor,
# Delmas y Quintela", a team's line-up): as many members as this at least, each one
# capitalised word, joined by commas and a last conjunction. Not after a word ("the law firm of
# Ruiz, Okafor, Delmas and Quintela": a firm named after its partners) nor within a longer
# list. Lists of countries and towns the gazetteers know, of common nouns (German, which
# capitalises them, is left out) and of products named like words are kept out by the
# members' own tests.
MIN_SURNAME_LIST = 4
_LIST_MEMBER = r"[A-ZÀ-Þ][^\W\d_]+"
_SURNAME_LIST = re.compile(
    rf"(?<![\w,] )(?<![\w-]){_LIST_MEMBER}(?:, {_LIST_MEMBER}){{{MIN_SURNAME_LIST - 2},}},?"
    rf" (?:{_CONJUNCTION_RE}) {_LIST_MEMBER}\b"
)


def surname_list_members(body: str, language: str, lexicon: _Lexicon) -> list[tuple[int, int]]:
    """The start and end in ``body`` of each member of a list of surnames alone
    (:data:`_SURNAME_LIST`; each member a name word no language writes as a word
    (:func:`_name_word`), no country, region or well-known city and no month of the
    language): the members, people, are named so in a line-up. Not in German."""
    if language not in LIST_LANGUAGES:
        return []
    members: list[tuple[int, int]] = []
    for match in _SURNAME_LIST.finditer(body):
        spans = [(m.start(), m.end()) for m in re.finditer(_LIST_MEMBER, match.group())]
        words = [match.group()[a:b] for a, b in spans]
        if all(
            _name_word(word, language)
            and not any(
                place.rank > 1 or place.population >= WELL_KNOWN
                for place in lexicon.places.get(word.casefold(), ())
            )
            and word.casefold() not in MONTHS.get(language, ())
            for word in words
        ):
            members.extend((match.start() + a, match.start() + b) for a, b in spans)
    return members
