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

from transform.entity_gazetteer import _Lexicon, place_of_note
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
    ARTICLES,
    ATTRIBUTION_VERBS,
    DETERMINERS,
    LANGUAGES,
    MONTHS,
    ORG_WORDS,
    PRESENT_SAYING_VERBS,
    REPORTING_VERBS,
    SMALL_TOWN_LOCATIVES,
    SUBJECT_SAYING_VERBS,
    WEEKDAYS,
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


# A Gaelic surname's prefix and the capital after it ("McCarthy", "MacLeod", "O'Brien",
# "O’Neill" with a typographic apostrophe): a name's shape, though not a capital and small
# letters alone.
_GAELIC_SURNAME = re.compile(r"(?:Mc|Mac|O['’])[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?")


def _name_word(word: str, language: str) -> bool:
    """A word written as a name's (a capital, then small letters, or a Gaelic surname's shape:
    :data:`_GAELIC_SURNAME`) that is no frequent word of the language, title or organisation
    word."""
    letters = word.replace("-", "")
    return (
        (
            _GAELIC_SURNAME.fullmatch(word) is not None
            or letters.isalpha()
            and word[:1].isupper()
            and letters[1:].islower()
        )
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
    return not place_of_note(lexicon, fold(" ".join(words)))


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


def _rare_in_every_language(word: str) -> bool:
    """Whether no language read writes ``word`` as often as :data:`SENTENCE_START_NAME_ZIPF`:
    a capitalised word that opens a sentence, or joins a pair, is a name then."""
    return all(_zipf(word.casefold(), other) < SENTENCE_START_NAME_ZIPF for other in LANGUAGES)


def _could_name_a_person(words: list[str], before: str, language: str, lexicon: _Lexicon) -> bool:
    """Whether ``words`` (``before`` the word before them, folded) could be a person's name a
    cue after it makes one: one to three name words (:func:`_name_word`), not after an
    article or determiner, and no country, region or well-known city."""
    if not 1 <= len(words) <= MAX_RELATIVE_WORDS or before in DETERMINERS:
        return False
    if not all(_name_word(w, language) for w in words):
        return False
    return not place_of_note(lexicon, fold(" ".join(words)))


# What only a person has, in English after a name's possessive ("Okafor's widow"), a
# small-letter word perhaps between ("Okafor's former wife"): kin and partners. A body has
# lawyers, a voice (an assistant's), supporters and defenders (a team's) and associates (a law
# firm's) as well as a person does: those were left out.
PERSON_POSSESSIONS = frozenset(
    """
    wife husband widow widower son sons daughter daughters brother brothers sister sisters
    father mother parents grandson granddaughter grandfather grandmother uncle aunt
    nephew niece cousin stepson stepdaughter girlfriend boyfriend fiance fiancee fiancé fiancée
    """.split()  # noqa: SIM905
)
_POSSESSED_AFTER = re.compile(r"['’]s\s+([a-zé]+)\b(?:\s+([a-zé]+)\b)?")


def person_by_possession(
    body: str,
    run: tuple[int, int],
    words: list[str],
    before: str,
    language: str,
    lexicon: _Lexicon,
    sentence_start: bool,
) -> bool:
    """Whether the unread name at ``run`` (its ``words``, ``before`` the word before it,
    folded) is a person's because, in English, its possessive names what only a person has
    (:data:`PERSON_POSSESSIONS`: "Okafor's widow", "Quill's late father"), and it could be
    a person's name (:func:`_could_name_a_person`) and is no place the gazetteer holds
    ("Bedford's children"); opening a sentence, a word no language writes often
    (:data:`SENTENCE_START_NAME_ZIPF`)."""
    if language != "en":
        return False
    possessed = _POSSESSED_AFTER.match(body, run[1])
    if possessed is None or not PERSON_POSSESSIONS.intersection(possessed.groups()):
        return False
    last = words[-1]
    if any(stem in lexicon.places for stem in place_stems(last)):
        return False
    if sentence_start and len(words) == 1 and not _rare_in_every_language(last):
        return False
    return _could_name_a_person(words, before, language, lexicon)


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


# The verbs of saying whose subject a name right before them is ("…,” Okafor said.", "Ruiz
# señaló que", "Lemaire précise"): the news of every language tells who spoke so, and a body
# that speaks is named with a word of its own (a ministry, the police) or is one the other
# rules know. Not German, which capitalises its nouns ("Augenzeugen sagten"): the languages
# whose lists are read (:data:`LIST_LANGUAGES`), for the same reason.
_SAYING_AFTER = re.compile(
    r"\s+(?:"
    + "|".join(
        sorted(ATTRIBUTION_VERBS | REPORTING_VERBS | SUBJECT_SAYING_VERBS | PRESENT_SAYING_VERBS)
    )
    + r")\b"
)
# English "it" opening the reported clause: a body spoke ("Quorvex said it would appeal"),
# the day it spoke between ("Korvalen Robotics said on Wednesday it had been approached").
_WEEKDAY_RE = "|".join(sorted(day.capitalize() for day in WEEKDAYS))
_SAID_IT = re.compile(
    rf"\s+\w+\s+(?:(?:late\s+|early\s+)?(?:on\s+)?(?:{_WEEKDAY_RE}|today|yesterday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\s+)?(?:that\s+)?it\b"
)


def person_by_saying(
    body: str,
    run: tuple[int, int],
    words: list[str],
    before: str,
    language: str,
    lexicon: _Lexicon,
    sentence_start: bool,
) -> bool:
    """Whether the unread name at ``run`` (its ``words``, ``before`` the word before it,
    folded) is a person's because a verb of saying follows it as its subject
    (:data:`_SAYING_AFTER`), not before "it" ("Quorvex said it would") nor after a word that
    places it ("police in Bavaria said", :data:`SMALL_TOWN_LOCATIVES`), and it could be a
    person's name (:func:`_could_name_a_person`), no people of a place ("Ukrainians said");
    opening a sentence, where every word is capitalised, a word no language writes often
    (:data:`SENTENCE_START_NAME_ZIPF`) and no plural of a common one ("Residents said")."""
    if language not in LIST_LANGUAGES or _SAYING_AFTER.match(body, run[1]) is None:
        return False
    if language == "en" and _SAID_IT.match(body, run[1]):
        return False
    if before in SMALL_TOWN_LOCATIVES.get(language, ()):
        return False  # "police in Bavaria said": the place of who spoke
    last = words[-1]
    if any(stem in lexicon.places for stem in place_stems(last)):
        return False
    if (
        sentence_start
        and len(words) == 1
        and (
            _zipf(last.casefold(), language) >= SENTENCE_START_NAME_ZIPF
            or last.endswith("s")
            and _zipf(last[:-1].casefold(), language) >= RARE_ZIPF
        )
    ):
        return False
    return _could_name_a_person(words, before, language, lexicon)


# A capitalised word joined to the name by a comma or a conjunction, before or after it: the
# name is a list's member, whose kind the other members tell (:func:`listed_person`; "the law
# firm of Sheppard, Mullin, Richter, and Hampton" names a firm).
_JOINED_AFTER = re.compile(rf"(?:,? (?:{_CONJUNCTION_RE})|,) [A-ZÀ-Þ]")
# Before it, the capitalised word must follow a word: one opening the sentence is no member
# ("Posteriormente, Berríos emitió").
_JOINED_BEFORE = re.compile(rf"\w[,;]?\s+[A-ZÀ-Þ][\w'’.-]*(?:,? (?:{_CONJUNCTION_RE})|,) $")
# A figure beside the name: a unit after its number ("120 Hertz"), a model or a tally before
# one ("Mac 2", "Springer 4": "Elsevier édite 15 des 57 revues, Blackwell 9 …").
_NUMBER_BEFORE = re.compile(r"\d\s$")
_NUMBER_AFTER = re.compile(r"\s\d")
# A sentence's end right before the name, whatever the tokens made of it ("on April 22. Junior
# minister …": a date's figure and its full stop are one token).
_SENTENCE_END_BEFORE = re.compile(r"[.!?…:][\"'»”’)]*\s+$")
# "de" before a lone name is a surname's particle or a place's preposition as often ("vecino de
# Haro", "la base de Marambio"): no evidence for a person.
_PARTICLE_OR_PREPOSITION = frozenset({"de", "d"})
# A contracted article before it: a person's name takes none ("la vega del Segura", "la gare
# du Midi").
_CONTRACTED_ARTICLES = frozenset({"du", "des", "au", "aux", "del", "al"})
# "&" beside it joins a firm's partners ("Ashcombe & Lyle"); a full stop and a figure after it
# make it an abbreviation ("Jan. 14", "Dec. 12").
_AMPERSAND_AFTER = re.compile(r"\s*&")
_AMPERSAND_BEFORE = re.compile(r"&\s*$")
_ABBREVIATION_AFTER = re.compile(r"\.\s*\d")
# Spanish and French "until" and "since", which the place or time prepositions hold in English
# only: "hasta Caicedo", "desde Brunet" name a place or a time as often.
_UNTIL_OR_SINCE = frozenset({"hasta", "desde", "depuis"})


def _written_with_an_article(word: str, article: str, language: str) -> bool:
    """Whether the ``article`` (title and text) writes ``word`` after an article of its
    ``language`` anywhere: a person's name takes none, a thing's does ("the Chrome browser",
    where "while Chrome browser output" alone looks like a surname)."""
    articles = "|".join(sorted(ARTICLES[language], key=len, reverse=True))
    return bool(re.search(rf"(?<!\w)(?i:{articles})\s+{re.escape(word)}(?!\w)", article))


def _month_abbreviation(word: str, body: str, end: int) -> bool:
    """A month's name cut short before its full stop ("a scheduled Dec.", "Jan. 14")."""
    folded = word.casefold()
    return (
        body[end : end + 1] == "."
        and len(folded) >= 3
        and any(month.startswith(folded) for month in MONTHS["en"])
    )


def person_by_surname(
    body: str,
    run: tuple[int, int],
    words: list[str],
    before: str,
    language: str,
    lexicon: _Lexicon,
    sentence_start: bool,
    surnames: frozenset[str],
    article: str,
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
    ``article`` (title and text) also writes in small letters ("junior"): a common word, nor
    one it writes after an article anywhere (:func:`_written_with_an_article`): a thing."""
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
        or _written_with_an_article(word, article, language)
    ):
        return False
    return _could_name_a_person(words, before, language, lexicon)


# The prepositions by which a report cites who told it, right before the name: "according to",
# "laut", "selon", "d'après", "según", "de acuerdo con". A body is cited so as often as a
# person ("según Adif", "selon Mediapart"), so only a common surname is read a person's there.
_CITED_BEFORE = {
    "en": re.compile(r"\baccording\s+to\s+$"),
    "de": re.compile(r"\b[Ll]aut\s+$"),
    "fr": re.compile(r"\b(?:[Ss]elon|[Dd]['’]après)\s+$"),
    "es": re.compile(r"\b(?:[Ss]egún|[Dd]e\s+acuerdo\s+(?:con|a))\s+$"),
}


def person_by_citation(
    body: str,
    run: tuple[int, int],
    words: list[str],
    before: str,
    language: str,
    lexicon: _Lexicon,
    surnames: frozenset[str],
) -> bool:
    """Whether the unread name at ``run`` (its ``words``, ``before`` the word before it,
    folded) is a person's because the report cites it as its source (:data:`_CITED_BEFORE`:
    "según Pimentel", "laut Okafor") and it is one common surname
    (:func:`transform.entity_gazetteer.common_surnames`) that could be a person's name
    (:func:`_could_name_a_person`: no country, region or well-known city; a small town of the
    same name, which no report cites so, is no bar), not a list's first member ("según Ruiz y
    Asociados", a firm: :data:`_JOINED_AFTER`). In German too: its nouns are capitalised, but a
    common surname no frequent word (:func:`_name_word`) after "laut" is cited as a person."""
    cited = _CITED_BEFORE.get(language)
    if cited is None or len(words) != 1 or words[0].casefold() not in surnames:
        return False
    if cited.search(body, max(0, run[0] - 20), run[0]) is None:
        return False
    if _JOINED_AFTER.match(body, run[1]) or _AMPERSAND_AFTER.match(body, run[1]):
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
            and not place_of_note(lexicon, word.casefold())
            and word.casefold() not in MONTHS.get(language, ())
            for word in words
        ):
            members.extend((match.start() + a, match.start() + b) for a, b in spans)
    return members


# Two names alone joined by "and" ("y", "e", "et") and followed by a verb in the plural: the
# pair is the sentence's subject, two people ("Both Vandrell and Okafor are spending", "Ruiz y
# Okafor se declararon culpables", "Ruiz et Okafor ont signé"). A firm named after its
# founders takes a singular verb ("Procter and Gamble is"), in British English a plural too,
# so each member is a word no language writes often (:data:`SENTENCE_START_NAME_ZIPF`: not
# "Marks and Spencer", "Barnes and Noble"). Not German, whose nouns are capitalised
# (:data:`LIST_LANGUAGES`); Spanish and French present plurals are read only after "se" or
# with their ending that no adverb has ("se encuentran", "affirment", not "souvent").
_PAIR_MEMBER = r"(?:Mc|Mac|O['’])?[A-ZÀ-Þ][^\W\d_]+"
_PLURAL_VERB_AFTER = {
    "en": r"(?:are|were|have|had|say|both|each|themselves)",
    "es": r"(?:(?:se\s+)?(?:son|están|estaban|eran|fueron|han|habían|tienen|\w{3,}(?:aron|ieron))"
    r"|se\s+\w+(?:an|en))",
    "fr": r"(?:sont|ont|étaient|avaient|seront|auront|\w{3,}(?<!m)ent)",
}
_PLURAL_PAIR = {
    language: re.compile(
        rf"(?<![\w'’-])(?P<a>{_PAIR_MEMBER}) (?:{conjunctions}) (?P<b>{_PAIR_MEMBER})"
        rf"\s+(?:also\s+|también\s+|aussi\s+)?{verb}\b"
    )
    for language, conjunctions, verb in (
        ("en", "and", _PLURAL_VERB_AFTER["en"]),
        ("es", "y|e", _PLURAL_VERB_AFTER["es"]),
        ("fr", "et", _PLURAL_VERB_AFTER["fr"]),
    )
}
# the word before the pair, and what stands before that word
_WORD_BEFORE = re.compile(r"(\S+)\s+$")


def plural_pair_members(body: str, language: str, lexicon: _Lexicon) -> list[tuple[int, int]]:
    """The start and end in ``body`` of each of two names alone a conjunction joins before a
    verb in the plural (:data:`_PLURAL_PAIR`): each a word that could name a person
    (:func:`_could_name_a_person`: a name word, no country, region or well-known city) and
    that no language writes often (:func:`_rare_in_every_language`); not after an article, a
    determiner or a capitalised word inside the sentence."""
    pattern = _PLURAL_PAIR.get(language)
    if pattern is None:
        return []
    members: list[tuple[int, int]] = []
    for match in pattern.finditer(body):
        before = _WORD_BEFORE.search(body, max(0, match.start() - 40), match.start())
        if before is not None and _not_a_pair_opening(body, before):
            continue
        words = [match.group("a"), match.group("b")]
        if all(
            _could_name_a_person([word], "", language, lexicon) and _rare_in_every_language(word)
            for word in words
        ):
            members.extend([match.span("a"), match.span("b")])
    return members


def _not_a_pair_opening(body: str, before: re.Match[str]) -> bool:
    """Whether the word before a pair (``before``) makes it no subject of two people: an
    article or a determiner ("the Vandrell and Okafor families"), or a capitalised word inside
    the sentence, whose name the pair ends ("Bank of Vandrell and Okafor"); a capitalised word
    opening the sentence is its capital only ("Both Vandrell and Okafor are")."""
    word = before.group(1).strip("\"“«'‘(")
    if word.casefold() in DETERMINERS or any(word.casefold() in a for a in ARTICLES.values()):
        return True
    if not word[:1].isupper():
        return False
    head = body[: before.start()]
    return bool(head.strip()) and _SENTENCE_END_BEFORE.search(head) is None
