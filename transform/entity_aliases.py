"""Organisation aliases: the ways reports of one story write one firm's name.

One report writes "Mt. Gox", the next "MtGox" or just "Gox"; one "Electronic Arts", the next
"EA"; one "Chiquita Brands", the next "Chiquita". An organisation's term holds the words of its
name as :func:`organization_words` reads them, and :func:`same_organization` says whether two
such names may be one organisation.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from transform.entity_words import (
    BUILDING_KIND_WORDS,
    CLUB_WORDS,
    CONNECTORS,
    NOT_A_LETTER,
    SAINT_WORDS,
    fold,
    international_body,
    legal_form,
)

# a small letter followed by a capital inside a word: where a name written as one word
# ("MtGox", "PonoMusic") joins its words
_CAMEL_HUMP = re.compile(r"(?<=[^\W\d_])(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ])")
MIN_SHORT_FORM_LETTERS = 3  # a shorter word alone ("Mt", "Co") names no firm
MAX_ACRONYM_LETTERS = 5
MIN_TICKER_LETTERS = 4  # fewer letters picked from a long name match too many names
MIN_BUILDING_NAME_WORDS = 2  # a building's proper name beside its kind word (building_name)
MIN_CLUB_NAME_WORDS = 2  # a club's proper name beside its club words (club_name)
# The kind word of a public body's name as each language writes it (folded), in English: a
# university is named "Université de Lille" in French reports and "University of Lille" in
# English ones, with the same proper words in any order ("Université Grenoble Alpes",
# "Grenoble Alpes University"); so is a building's institution ("Institut Sainte-Julienne",
# "St Julienne Institute"), and so is a country's legislature ("Congreso de Perú",
# "Congress of Peru").
_KIND_TRANSLATIONS = {
    **BUILDING_KIND_WORDS,
    **dict.fromkeys(
        ("ministry", "ministere", "ministerio", "ministerium", "ministero"), "ministry"
    ),
    **dict.fromkeys(("congress", "congreso", "congres", "kongress"), "congress"),
    **dict.fromkeys(("parliament", "parlamento", "parlement", "parlament"), "parliament"),
    **dict.fromkeys(("senate", "senado", "senat"), "senate"),
}


def organization_words(name: str) -> str:
    """The words of an organisation's name, space-separated, as any report writes them:
    folded (case, accents), punctuation read as a space ("Mt. Gox", "Mt.Gox" -> "mt gox"), a
    name written as one word split where a capital follows a small letter ("MtGox" ->
    "mt gox", "BoE" -> "bo e"), and without the legal form it ends with ("Chiquita Brands
    Inc" -> "chiquita brands"); an international body's under its first name whichever
    language names it (:func:`international_body`: "OMS" -> "world health organization")."""
    words = _name_words(name)
    body = international_body(words)
    return _name_words(body) if body else words


def _name_words(name: str) -> str:
    spaced = NOT_A_LETTER.sub(" ", _CAMEL_HUMP.sub(" ", name))
    words = fold(spaced).split()
    while len(words) > 1 and legal_form(words[-1]):
        words.pop()
    return " ".join(words)


def _initials(words: list[str]) -> set[str]:
    """The acronyms a name of several words may be written as: the first letters of all its
    words ("Bank of England" -> "boe") and of its words other than connectors ("be")."""
    return {
        "".join(w[0] for w in words),
        "".join(w[0] for w in words if w not in CONNECTORS),
    }


def _short_form_of(short: str, words: list[str]) -> bool:
    """Whether a one-word name is the first or last word of a longer name ("Chiquita" of
    "Chiquita Brands", "Gox" of "Mt Gox"), not a connector or a word too short to name a firm."""
    return (
        len(short) >= MIN_SHORT_FORM_LETTERS
        and short not in CONNECTORS
        and short in (words[0], words[-1])
    )


def same_organization(a: str, b: str, in_play: Collection[str] = ()) -> bool:
    """Whether two organisation names (:func:`organization_words`) may name one organisation:
    they are spelled alike but for their spacing ("MtGox", "Mt. Gox"), or one stands for the
    other (:func:`_stands_for`: "Gox" for "Mt Gox", "EA" for "Electronic Arts", "BoE" for "Bank
    of England"), as written or with its kind word in English (:func:`_in_english`: a report
    that writes "Peru's Congress" names the "Congreso de Perú" of another language's). A short
    name stands for that organisation only while no other name ``in_play`` (those both sides
    name) may also be what it stands for: beside "Warner Music" and "Time Warner", "Warner"
    could be either."""
    if _compact(a) == _compact(b):
        return True
    translated = _translated(a)
    if translated and translated == _translated(b):
        return True
    if same_club(a, b):
        return True
    english = [_in_english(other) for other in in_play]
    for names, others in (((a, b), in_play), ((_in_english(a), _in_english(b)), english)):
        for short, full in (names, names[::-1]):
            if _stands_for(short, full) and not any(
                _compact(other) not in (_compact(full), _compact(short))
                and _stands_for(short, other)
                and not _acronym_told(short, full, other)
                for other in others
            ):
                return True
    return False


def _acronym_told(short: str, full: str, other: str) -> bool:
    """Whether ``other`` is the acronym ``short`` of ``full`` (its initials) written beside a
    word that tells what it is ("verkehrsbehorde dgt", "the traffic agency DGT" of the
    "Direccion General de Trafico"): the acronym itself, no other body it may stand for. A
    short word that is no one's initials ("Warner" beside "Warner Music" and "Time Warner")
    still stands for either."""
    letters = _compact(short)
    return letters in _initials(full.split()) and letters in other.split()


def _in_english(name: str) -> str:
    """A name (:func:`organization_words`) with each kind word of :data:`_KIND_TRANSLATIONS`
    in English: "congreso de peru" is "congress de peru"."""
    return " ".join(_KIND_TRANSLATIONS.get(word, word) for word in name.split())


def _translated(name: str) -> frozenset[str]:
    """The words of a name that holds a kind word of :data:`_KIND_TRANSLATIONS`, that word in
    English, a saint's title as "saint" (:data:`SAINT_WORDS`), without its linking words ("de",
    "of"): "universite de lille" and "university of lille" are {"university", "lille"}. Empty
    for a name without such a word, or one with no other word (a kind word alone names no
    body)."""
    words = name.split()
    if _KIND_TRANSLATIONS.keys().isdisjoint(words):
        return frozenset()
    kept = frozenset(
        "saint" if w in SAINT_WORDS else _KIND_TRANSLATIONS.get(w, w)
        for w in words
        if w not in CONNECTORS
    )
    return kept if len(kept) > 1 else frozenset()


def building_name(name: str) -> frozenset[str]:
    """The words of an organisation's name (:func:`organization_words`) that names a building
    by its proper name (a kind word of :data:`BUILDING_KIND_WORDS` and two other words or
    more), as :func:`_translated` reads them: "institut sainte julienne" and "st julienne
    institute" are {"institute", "saint", "julienne"}. Empty for any other name: a firm's, an
    authority's, or one of a single proper word ("Hôpital Nord", "Institut Pasteur"), which
    many buildings share or a national body bears, whose reports of every case name it."""
    words = name.split()
    if BUILDING_KIND_WORDS.keys().isdisjoint(words):
        return frozenset()
    translated = _translated(name)
    kinds = frozenset(BUILDING_KIND_WORDS[w] for w in words if w in BUILDING_KIND_WORDS)
    return translated if len(translated - kinds) >= MIN_BUILDING_NAME_WORDS else frozenset()


def club_name(name: str) -> frozenset[str]:
    """The proper words of a sports club's name (:func:`organization_words`) that holds a
    club word of :data:`transform.entity_words.CLUB_WORDS`: "club deportivo cacereno norte" is
    {"cacereno", "norte"}, as an English report writes the club ("football club Cacereno
    Norte"). Empty for any other name, or one of fewer than ``MIN_CLUB_NAME_WORDS`` proper
    words ("FC Barcelona"): a club named by its town alone is as common as the town."""
    if CLUB_WORDS.isdisjoint(name.split()):
        return frozenset()
    proper = _proper_words(name)
    return proper if len(proper) >= MIN_CLUB_NAME_WORDS else frozenset()


def same_club(a: str, b: str) -> bool:
    """Whether two organisation names (:func:`organization_words`) name one sports club: one
    is a club's name (:func:`club_name`) and the other has the same proper words."""
    club = club_name(a) or club_name(b)
    return bool(club) and club == _proper_words(a) == _proper_words(b)


def _proper_words(name: str) -> frozenset[str]:
    """The words of a name other than club words and connectors."""
    return frozenset(w for w in name.split() if w not in CLUB_WORDS and w not in CONNECTORS)


def _compact(name: str) -> str:
    """A name without its spacing and punctuation: an organization term stored before
    :func:`organization_words` read punctuation as a space ("pt. vorla") still matches."""
    return NOT_A_LETTER.sub("", name)


def _stands_for(short: str, name: str) -> bool:
    """Whether ``short`` is a short form of the name of several words ``name``: one word that
    is its first or last (:func:`_short_form_of`), or, written without spaces, up to
    ``MAX_ACRONYM_LETTERS`` letters that are its initials (:func:`_initials`) or its ticker
    (:func:`_ticker_of`)."""
    words = name.split()
    if len(words) < 2 or len(short.split()) >= len(words):
        return False
    letters = _compact(short)
    if len(letters) <= MAX_ACRONYM_LETTERS and (
        letters in _initials(words) or _ticker_of(letters, _compact(name))
    ):
        return True
    return " " not in short and _short_form_of(short, words)


def _ticker_of(letters: str, compact_name: str) -> bool:
    """Whether ``letters`` (``MIN_TICKER_LETTERS`` or more) are a ticker or abbreviation of
    a name written without spaces: its first letter, then letters of the name in their order
    ("URBN" of Urban Outfitters, "FNMA" of Fannie Mae)."""
    if len(letters) < MIN_TICKER_LETTERS or letters[0] != compact_name[0]:
        return False
    rest = iter(compact_name[1:])
    return all(letter in rest for letter in letters[1:])


__all__ = ["club_name", "organization_words", "same_club", "same_organization"]
