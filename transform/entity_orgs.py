"""Evidence in the words around a lone capitalised word that it names an organisation.

A one-word company or body ("Gannett", "Anses", "Herbalife") has no organisation word to
give it away, and its name is a rare word like a surname. What tells the two apart is the
sentence around it: an organisation takes an article where a person does not ("the
Chiefs", "l'Anses", "las Farc"), has shares and a chief executive ("Apple's chief
executive", "shares of Herbalife"), and is described as a company in an apposition
("Chiquita, the banana company"). These functions read that evidence from the text around
the word's span; :mod:`transform.entities` decides first that the word is no common word,
place, first name or title.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Definite articles before a name inside a sentence: a person's name takes none in English,
# French or Spanish ("the Chiefs", "le Medef", "los Gunners"). German puts articles before
# common nouns, which it capitalises too, so a capital after one says nothing there; French
# capitalises the nouns of nations and people ("les Tchèques", "des Parisiens"), so not its
# plural articles.
DEFINITE_ARTICLES = {
    "en": frozenset({"the"}),
    "fr": frozenset({"le", "la", "du", "au"}),
    "es": frozenset({"el", "la", "los", "las", "del", "al"}),
}
_ELIDED_ARTICLE = ("l'", "l’")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")
# English capitalises the adjectives of nations and creeds too ("the Uruguayan company", "the
# Republican plan"): after "the", the word must end its phrase, before punctuation or a verb
# that has it as subject ("the Pentagon said"); not before a possessive, which products take
# as often ("the Sentra's design").
_ENDS_PHRASE_EN = re.compile(
    r"(?:\s*[,.;:!?)\"”]|\s+(?:said|says|has|had|is|was|will|would|announced)\b|\s*$)"
)
# Endings that make a nation's people or a place's plural of its name ("Ukrainians",
# "Americas", "Syrians"), and what the name ends with instead.
DEMONYM_ENDINGS = ("ians", "ans", "ns", "s", "ese", "i")
PLACE_ENDINGS = ("", "e", "a", "ia")


def place_stems(word: str) -> list[str]:
    """The names a people's or plural word could come from: "Ukrainians" -> "Ukraine"."""
    lowered = word.casefold()
    return [
        lowered[: -len(ending)] + tail
        for ending in DEMONYM_ENDINGS
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 3
        for tail in PLACE_ENDINGS
    ]


# What a company has and a person has not, after a possessive ("Apple's shares", "Gannett's
# chief executive").
BUSINESS_NOUNS = frozenset(
    """
    shares stock stake ceo chief chairman board headquarters shareholders investors earnings
    revenue revenues profit profits sales subsidiary subsidiaries customers stores
    """.split()  # noqa: SIM905
)
_POSSESSIVE_NOUN = re.compile(r"['’]s\s+([^\W\d_]+)")

# English names a body's officer with the body's name before the role and the officer's name
# after it ("Chargers coach Anthony Lynn", "Quorlix founder Dana Reyes", "Vexo spokesman Tim
# Hart"): a role a body has and a person has not.
BODY_ROLES = frozenset(
    "coach chairman chairwoman spokesman spokeswoman spokesperson founder co-founder".split()  # noqa: SIM905
)
_ROLE_THEN_NAME = re.compile(r"\s+([^\W\d_]+(?:-[^\W\d_]+)?)\s+[A-ZÀ-Þ][^\W\d_]")

# Shares are a company's: "shares of Herbalife", "les actions d'Alstom", "Aktien von Bayer".
_SHARES_OF = re.compile(
    r"(?:\bshares\s+(?:of|in)|\bactions?\s+(?:de|d['’])|\bacciones\s+de|\bAktien?\s+von)\s*$",
    re.IGNORECASE,
)

# An apposition right after the name, opened by an article: "Chiquita, the banana company,",
# "Montecon, una empresa uruguaya", up to the next punctuation.
_APPOSITION = re.compile(
    r",\s+(?:the|a|an|le|la|l['’]|un|une|el|una|der|die|das|ein|eine)\s+([^,.;:()!?\"]{1,60})",
    re.IGNORECASE,
)
MAX_APPOSITION_WORDS = 5


def after_article(body: str, start: int, end: int, language: str) -> bool:
    """A definite article stands right before the word at ``start:end``. In English the word
    also ends its phrase (:data:`_ENDS_PHRASE_EN`) and is a plural: "the Chiefs", "the
    Conservatives" name a team or party, while "the Stadia", "the Gateway" name a product or
    a thing as often as a body."""
    articles = DEFINITE_ARTICLES.get(language)
    if articles is None:
        return False
    if language == "fr" and body[max(0, start - 2) : start] in _ELIDED_ARTICLE:
        return True
    match = _WORD_BEFORE.search(body, max(0, start - 12), start)
    if match is None or match.group(1).casefold() not in articles:
        return False
    if language != "en":
        return True
    word = body[start:end]
    plural = word.endswith("s") and not word.endswith("ss")
    return plural and _ENDS_PHRASE_EN.match(body, end) is not None


def business_possessive(body: str, end: int, language: str) -> bool:
    """An English possessive after the word, then a noun of :data:`BUSINESS_NOUNS`."""
    if language != "en":
        return False
    match = _POSSESSIVE_NOUN.match(body, end)
    return match is not None and match.group(1).casefold() in BUSINESS_NOUNS


def role_before_name(body: str, end: int, language: str) -> bool:
    """In English, a role of :data:`BODY_ROLES` right after the word, then a capitalised
    name: "Chargers coach Anthony Lynn"."""
    if language != "en":
        return False
    match = _ROLE_THEN_NAME.match(body, end)
    return match is not None and match.group(1).casefold() in BODY_ROLES


def shares_of(body: str, start: int) -> bool:
    """The word comes right after "shares of" or its French, Spanish or German forms."""
    return _SHARES_OF.search(body, max(0, start - 20), start) is not None


def classified_apposition(body: str, end: int, classifier: Callable[[str], bool]) -> bool:
    """An apposition after the word ("X, the carmaker, said") whose first words hold a noun
    that ``classifier`` says names a kind of organisation."""
    match = _APPOSITION.match(body, end)
    if match is None:
        return False
    words = match.group(1).split()[:MAX_APPOSITION_WORDS]
    return any(classifier(word) for word in words)


# A ministry or department is named by its portfolios, listed with commas and a last "and"
# ("Ministry of Agriculture, Fisheries and Food", "Ministerio de Ganadería, Agricultura y
# Pesca", "Bundesministerium für Bildung, Forschung und Technologie"); a name found up to its
# first portfolio goes on to the end of the list.
PORTFOLIO_HEADS = frozenset(
    """
    ministry department secretariat ministerio departamento secretaría ministère secrétariat
    ministerium
    """.split()  # noqa: SIM905
)
PORTFOLIO_LINKS = frozenset({"of", "for", "de", "del", "für", "du", "des", "d"})
_PORTFOLIO_WORD = r"[A-ZÀ-Þ][^\W\d_]+"
_PORTFOLIO_LIST = re.compile(
    rf",\s+((?:{_PORTFOLIO_WORD},\s+){{0,3}}{_PORTFOLIO_WORD},?\s+(?:and|y|e|et|und)\s+"
    rf"{_PORTFOLIO_WORD})"
)
_LIST_WORD = re.compile(_PORTFOLIO_WORD)


def portfolio_head(words: list[str]) -> bool:
    """The name's words open with a ministry or department ("Bundesministerium" too) and a
    link to its portfolio ("of", "de", "für"): "Ministerio de Ganadería"."""
    if len(words) < 3:
        return False
    head = words[0].casefold()
    link = words[1].casefold().rstrip("'’")
    return (head in PORTFOLIO_HEADS or head.endswith("ministerium")) and link in PORTFOLIO_LINKS


def portfolio_list_end(body: str, end: int, named: Callable[[str], bool]) -> int | None:
    """Where the list of further portfolios right after ``end`` stops, or None when none
    follows or one of its words is a name of its own (``named``: "Ministry of Defence,
    Britain and France" lists countries, not portfolios)."""
    match = _PORTFOLIO_LIST.match(body, end)
    if match is None or any(named(word) for word in _LIST_WORD.findall(match.group(1))):
        return None
    return match.end()
