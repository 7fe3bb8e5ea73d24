"""Named vessels: ships, ferries, tankers, warships (pure functions).

A ship's name is a name like a person's ("the cruise ship Aurora Meridian" reads as a first
name and a surname) but names neither a person nor a firm: the ship's operator ("Meridian
Voyages") is the organisation. A report introduces the ship by a noun saying what it is,
right before the name ("the cruise ship ...", "das Kreuzfahrtschiff ‚...'", "le paquebot
...", "el crucero estadounidense ..."), after it in apposition ("the ..., a cruise ship"), by
a prefix ("MV ...", "HMS ..."), or in English by a name after "the" that the sentence then
calls "the ship" ("meet the ... when the cruise ship returns": English sets no article before
a person's name). Once introduced, every mention of the name in the report is the ship.

Aircraft and trains are left out: their names ("Air Force One", "the Flying Scotsman") are
rare in news and their nouns ("the jet", "the train") stand before a person's name as often
("the train driver Anna ...").
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from dataclasses import dataclass

from transform.entity_words import FEATURE_WORDS, _common, fold

# The nouns of vessels, singular, as each language writes them right before a name.
VESSEL_NOUNS = {
    # fishing boats too: a trawler, longliner or seiner is named as a ship is
    # a coaster is a small cargo ship that keeps to the coast; not a roller coaster
    "en": r"(?:ship|vessel|liner|ferry|tanker|supertanker|freighter|trawler|longliner|seiner"
    r"|yacht|superyacht|boat|tugboat|towboat|barge|icebreaker|frigate|destroyer|submarine"
    r"|schooner|catamaran|(?<!roller )coaster)",
    # German compounds end in the noun ("Kreuzfahrtschiff", "Autofähre", "Öltanker",
    # "Schubboot"), also in the genitive ("des Containerschiffs"); not a flagship, which is a
    # firm's product ("das Flaggschiff ..."), nor any "-träger" or "-brecher" but the carrier
    # and the icebreaker ("Preisträger", "Streikbrecher" are people)
    "de": r"(?:(?!Flaggschiff)[A-ZÄÖÜ][a-zäöüß]*(?:schiff|boot|fähre|dampfer|frachter|tanker"
    r"|kutter|jacht|yacht|fregatte|zerstörer|flugzeugträger|eisbrecher)(?:e?s)?"
    r"|Schiff(?:e?s)?|Boot(?:e?s)?|Fähre|Dampfers?|Frachters?|Tankers?|Kutters?|Trawlers?"
    r"|Jacht|Yacht|Fregatte|Zerstörers?|Eisbrechers?)",
    # a "caboteur" is the French coaster, a "vraquier" a bulk carrier ("granelero")
    "fr": r"(?:paquebot|navire|ferry|cargo|caboteur|vraquier|pétrolier|méthanier|chalutier"
    r"|thonier|palangrier"
    r"|senneur|voilier|yacht|porte-avions|porte-conteneurs|frégate|remorqueur|pousseur"
    r"|péniche|brise-glace|sous-marin|bateau)(?: de (?:croisière|pêche|guerre|passagers))?",
    "es": r"(?:crucero|buque|barco|ferri|ferry|petrolero|carguero|granelero|pesquero|atunero"
    r"|arrastrero"
    r"|palangrero|cerquero|velero|yate|portaaviones|portacontenedores|fragata|remolcador"
    r"|rompehielos|submarino|transbordador|mercante)"
    r"(?: (?:de|con) (?:cruceros?|pasajeros|pesca|guerra|carga))?",
}
# A nationality or origin adjective that French and Spanish write between the noun and the
# name ("el crucero estadounidense ...", "le paquebot britannique ...").
_ORIGIN_ADJECTIVE = {
    "fr": r"(?:[a-zéè]+(?:ais|aise|ain|aine|ien|ienne|ique|ois|oise|and|ande|ol|ole|sque))",
    "es": r"(?:[a-záéíóúñ]+(?:ense|ano|ana|és|esa|ino|ina|eño|eña|ico|ica|ol|ola|ego|ega"
    r"|sco|sca))",
}
# German gives every ship's name the feminine article, so a crew member or owner "der" a name
# is of a ship ("der Maschinist der Warnow Trader", "die Besatzung der Aurora"): the name
# follows in the genitive, as a person's name never does after these nouns.
_CREW_OF = {
    "de": r"\b(?:Kapitän(?:in)?|Maschinist(?:in)?|Besatzung|Crew|Matrosen?|Steuermann"
    r"|Eigner(?:in)?) der"
}
# A ship belongs to a shipping line: German names its owner in the genitive right after the
# ship's quoted name ("die „Nordstern" der Kieler Reederei Baltica"), as it never does a
# person's; unquoted, the name may be a spokesman's noun ("Sprecherin der Reederei").
_OWNED_BY_LINE = {"de": r" der (?:[A-ZÄÖÜ][\w-]* )?Reederei\b"}
# Only a ship has a deck: English "the promenade deck of the ..." and "the ...'s sun deck", the
# name after "the", which English never sets before a person's name.
_DECK = r"\bdecks?"
# Prefixes of a ship's name (motor vessel, Her/His Majesty's Ship, United States Ship, ...).
_PREFIXES = r"(?:MV|M/V|HMS|HMCS|HMAS|USS|RMS)"
# In English, only a ship flies a flag: "the Liberian-flagged Helena Kross".
_FLAGGED = r"\b[A-Z][a-z]+-(?:flagged|registered)"
# In English, a ship is introduced by its length: "The 38-metre Nuevo Amanecer, based in ...",
# the name closed by punctuation; a lower-case word after it may be the noun it qualifies
# ("the 2.5-metre Morelet's crocodile").
_MEASURED = r"\b[Tt]he \d+(?:[.,]\d+)?-(?:metre|meter|foot|ft)"
_WORD = r"[A-ZÀ-ÞŒ][\w'’-]*"
_NAME = rf"{_WORD}(?:(?: (?:of the|of|de la|de|del|da|do|di|von|der|du|des))? (?:{_WORD}|\d+))*"
_OPEN_QUOTE = "[„‚\"'«‹“‘] ?"
_CLOSE_QUOTE = " ?[“‘\"'»›”’]"
MAX_NAME_WORDS = 5
# In English, one travels on board a vehicle: "travelling on the Aurora Meridian", "aboard
# the ...": in a report that names a vessel by its noun, the vessel it calls by its name
# alone. Not one sailed on ("sailing on the Baltic"), nor a train, plane or road named so
# ("on board the Eurostar train", "travelling on the M4 motorway").
_ON_BOARD = r"\b(?:[Aa]board|[Oo]n ?board|(?:[Tt]ravell?ing|[Pp]assengers?) on) the"
_NOT_A_SHIP_AFTER = r"(?:train|express|flight|plane|jet|bus|coach|line|route|road|motorway)\b"
# The words that make a boarded name no ship's: a natural feature's ("travelling on the Gulf
# of ..."), a station's, a train line's, a road's, an airline's.
_NOT_SHIP_WORDS = FEATURE_WORDS | frozenset(
    "station line express railway road street motorway highway airport airlines airways".split()  # noqa: SIM905
)
# the whole run of capitals, or none: "the Harwick Express train" boards no "Harwick"
_BOARDED = re.compile(rf"{_ON_BOARD} (?P<name>(?>{_NAME}))(?! {_NOT_A_SHIP_AFTER})")
# Words that end a name the pattern ran into: days and months ("the ship Aurora Monday").
_NOT_NAME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    montag dienstag mittwoch donnerstag freitag samstag sonntag
    lundi mardi mercredi jeudi vendredi samedi dimanche
    lunes martes miércoles jueves viernes sábado domingo
    """.split()  # noqa: SIM905
)
_ARTICLES = frozenset("the der die das le la el".split())  # noqa: SIM905
_ARTICLES_BEFORE_APPOSITION = r"(?:a|an|the|ein|eine|einem|un|une|el|le|la)"
# The definite articles a language sets before a ship's name in apposition to its noun ("the
# push boat, the Rheinfalke, ...", "le pousseur, le Rhône, ...").
_DEFINITE = {"en": "the", "de": "(?:der|die|das)", "fr": "(?:le|la|l')", "es": "(?:el|la)"}


def _introductions(language: str) -> tuple[list[re.Pattern[str]], re.Pattern[str] | None]:
    """The patterns that introduce a vessel's name (group ``name``) in ``language``, and in
    English the weaker one of a name after "the" that the sentence calls a ship: only the
    name is matched, the rest of the sentence looked ahead at."""
    noun = VESSEL_NOUNS[language]
    origin = _ORIGIN_ADJECTIVE.get(language)
    between = rf"(?: {origin})?" if origin else ""
    quoted = rf"(?:{_OPEN_QUOTE})?(?P<name>{_NAME})(?:{_CLOSE_QUOTE})?"
    # "capitán de fragata", "capitaine de frégate": a naval rank, not the ship
    rank = r"(?<!\bde )" if language in ("fr", "es") else ""
    before = rf"(?<![\w-]){rank}{noun}{between} {quoted}"
    after = (
        rf"(?<![\w-])(?:{_OPEN_QUOTE})?(?P<name>{_NAME})(?:{_CLOSE_QUOTE})?, "
        rf"{_ARTICLES_BEFORE_APPOSITION}(?: [\w,.-]+){{0,3}} {noun}(?![\w-])"
    )
    # the noun, then the name in apposition, closed by a comma: "The push boat, the
    # Rheinfalke, belongs to ..."
    named_after = rf"(?<![\w-]){noun}, {_DEFINITE[language]} ?{quoted}(?=, )"
    prefixed = rf"\b{_PREFIXES} (?P<name>{_NAME})"
    patterns = [re.compile(p) for p in (before, after, named_after, prefixed)]
    if language in _CREW_OF:
        patterns.append(re.compile(rf"{_CREW_OF[language]} {quoted}"))
    if language in _OWNED_BY_LINE:
        patterns.append(
            re.compile(
                rf"(?<![\w-]){_OPEN_QUOTE}(?P<name>{_NAME}){_CLOSE_QUOTE}"
                rf"(?={_OWNED_BY_LINE[language]})"
            )
        )
    if language == "en":
        patterns.append(re.compile(rf"{_FLAGGED} (?P<name>{_NAME})"))
        patterns.append(
            re.compile(rf"{_MEASURED} (?!{_FLAGGED})(?P<name>{_NAME})(?![\w'’-])(?! [a-z])")
        )
        patterns.append(re.compile(rf"{_DECK} of the (?P<name>{_NAME})"))
        patterns.append(re.compile(rf"\b[Tt]he (?P<name>{_NAME})['’]s (?:[a-z-]+ )?{_DECK}\b"))
    called = None
    if language == "en":  # "meet the Aurora Meridian when the cruise ship returns"
        called = re.compile(
            rf"\b[Tt]he (?P<name>{_NAME})(?=(?![\w'’-])[^.!?;:\n]{{0,100}}?"
            rf"\b(?:the|its|her) (?:[a-z-]+ )?{noun}(?![\w-]))"
        )
    return patterns, called


_PATTERNS = {language: _introductions(language) for language in VESSEL_NOUNS}
# A cheap first look: most reports name no vessel noun nor prefix, and need no other pattern.
_CUES = {
    language: re.compile(
        rf"(?<![\w-]){noun}(?![\w-])|\b{_PREFIXES} "
        + (f"|{_FLAGGED}|{_MEASURED}" if language == "en" else "")
        + (f"|{_CREW_OF[language]} " if language in _CREW_OF else "")
        + (f"|{_OWNED_BY_LINE[language]}" if language in _OWNED_BY_LINE else "")
        + (f"|{_DECK}" if language == "en" else "")
    )
    for language, noun in VESSEL_NOUNS.items()
}
_POSSESSIVE = re.compile(r"['’]s?$")
_QUOTES = "„‚\"'«‹“‘"

Span = tuple[bool, int, int]  # in title, start, end


@dataclass(frozen=True, slots=True)
class VesselMention:
    """A vessel's name where a report writes it: its name (as introduced) and the span."""

    name: str
    start: int
    end: int
    in_title: bool


def _clean(name: str) -> str | None:
    """The name as introduced, without a possessive or trailing day or month words, or None
    when nothing of a name is left or it is too long to be one."""
    words = name.split()
    if len(words) > 1 and words[0].casefold() in _ARTICLES:
        words = words[1:]  # "The Tessa Morrow, a tanker": the article opens the sentence
    words[-1] = _POSSESSIVE.sub("", words[-1])
    while words and words[-1].casefold() in _NOT_NAME_WORDS:
        words.pop()
    if not words or words[0].casefold() in _NOT_NAME_WORDS or len(words) > MAX_NAME_WORDS:
        return None
    return " ".join(words)


def vessel_names(
    title: str,
    text: str,
    language: str,
    places: Container[str],
    first_names: Container[str],
    claimed: list[Span],
) -> list[str]:
    """The names of the vessels a report introduces (:data:`VESSEL_NOUNS`, :data:`_PREFIXES`), in
    the order first introduced. A name that is a place the gazetteer knows (``places``: folded
    place names) is left to the place rules ("the tanker Iran seized": the country); in
    German, whose nouns all have capitals, an unquoted name opened by a common German word
    ("das Schiff Kurs auf Kiel") is the sentence going on; a name after "the" that the
    sentence calls a ship is one only when it reads like a person's, opened by a first name
    (``first_names``, folded), where no organisation was read (``claimed``: their spans):
    "the Coast Guard said the vessel ..." names the coast guard."""
    found: dict[str, None] = {}
    language = language if language in _PATTERNS else "en"
    if not any(_CUES[language].search(body) for body in (title, text)):
        return []
    patterns, called = _PATTERNS[language]
    for in_title, body in ((True, title), (False, text)):
        matches = [(m, "") for p in patterns for m in p.finditer(body)]
        if called is not None:
            matches.extend((m, "called") for m in called.finditer(body))
        if language == "en":
            matches.extend((m, "boarded") for m in _BOARDED.finditer(body))
        for match, weak in sorted(matches, key=lambda pair: pair[0].start("name")):
            name = _clean(match.group("name"))
            if name is None or fold(name) in places:
                continue
            start = match.start("name")
            if weak and (
                (weak == "called" and name.split()[0].casefold() not in first_names)
                or (weak == "boarded" and not _NOT_SHIP_WORDS.isdisjoint(name.casefold().split()))
                or any(t == in_title and a < start + len(name) and start < b for t, a, b in claimed)
            ):
                continue
            quoted = start > 0 and body[start - 1] in _QUOTES
            if (
                language == "de"
                and not quoted
                and _common(name.split()[0], "de", zipf=3.5, margin=1.0)
            ):
                continue
            found.setdefault(name, None)
    return list(found)


def vessel_mentions(title: str, text: str, names: list[str]) -> Iterator[VesselMention]:
    """Every mention of the introduced ``names`` in the title and text, a longer name before
    any name it contains ("Aurora Meridian II" before "Aurora Meridian")."""
    if not names:
        return
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    for in_title, body in ((True, title), (False, text)):
        for match in pattern.finditer(body):
            yield VesselMention(match.group(), match.start(), match.end(), in_title)
