"""Listed companies named alone: knowledge where the sentence gives no cue.

A company is often named with nothing around it that says it is one ("Siemens said",
"Inditex opened 30 stores", "bei Volkswagen"): no organisation word, no legal form, no article.
The gazetteer holds the names the press writes of the companies of twenty stock indices
(pytickersymbols: :func:`transform.entity_gazetteer.company_forms`), and a run of capitalised
words that is one of them is that company, where nothing says it is a word, a place or a
person:

- the run is the name whole: the whole chunk, the chunk less the capital that opens its
  sentence ("Shares of Home Depot"), in a Title Case line the words before its first verb in
  "-s" ("Apple Releases iOS 7.1"), or a side of a list or of a body's role inside it
  ("Siemens and Inditex", "Siemens CEO ..."), or a part of any of these that a connector
  joins to a noun or a date ("Zukunftschancen von Volkswagen", "Ubisoft im April"). A name
  that goes on is another name ("Apple Valley Road", "Toyota Yaris", "Fox News"); so is one a
  model number follows ("Boeing 737");
- no place of the gazetteer ("Toyota", "Phoenix", "Carrefour" are towns too: the place rules
  read them), no common first name ("Dana"), nor a first name and one more word, a person's
  name as often ("Walt Disney", "Ralph Lauren");
- one word is no word of the article's language: none more frequent than any brand's name is
  written (:data:`transform.entity_words.COMPANY_WORD_ZIPF`: "Next", "City", "News"); opening
  a sentence or in a Title Case line, where capitals say nothing, none its language uses more
  than the others (the test of :func:`transform.entity_words._common` at
  :data:`transform.entity_orgs.COMMON_NOUN_ZIPF`: "Target", "Booking", "Ventas"; "Microsoft",
  "Apple" are as frequent in all four languages); in German, which capitalises every noun,
  none of its frequent nouns after an article ("am Pool", "ins Match", "der Bayer",
  :data:`transform.entity_places.GERMAN_NOUN_ZIPF`) and no word a number counts ("120
  Hertz");
- no town's address: a comma and a region or US state after it ("Bristow, VA");
- nothing before it makes it one of a kind or a person: an indefinite article ("a Toyota",
  "ein Porsche": a car), in English "the", which English sets before no company's name ("the
  Amazon"), across one small-letter word too ("the red Ferrari"), or a title ("Representative
  Waters").

A person the article names in full whose surname the word is stays that person
(:func:`transform.entities.find_mentions`). The company's home country is no place of the
article: nothing of it is added.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from transform.entity_gazetteer import _Lexicon, company_key
from transform.entity_orgs import _MODEL_NUMBER, COMMON_NOUN_ZIPF, listed_sides
from transform.entity_people import _inflected, german_noun_marker
from transform.entity_places import AP_STATE_ABBREVIATIONS, GERMAN_NOUN_ZIPF
from transform.entity_tokens import _Candidate, _surface, _Token
from transform.entity_words import (
    COMPANY_WORD_ZIPF,
    CONNECTORS,
    INDEFINITE,
    _common,
    _is_title,
    _zipf,
)

# what English sets before an item of a kind, never before a company's name alone, and up to
# one small-letter word between ("the Amazon", "the red Ferrari", "a new Tesla")
_ENGLISH_ITEM_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?:[a-z][\w-]*\s+)?$")
# a comma and the region or US state a town's address names after it ("Bristow, VA",
# "Bristow, Virginia"); one word or two ("New Mexico")
_REGION_AFTER = re.compile(r",\s+([A-ZÀ-Þ][\w.-]*)(?:\s+([A-ZÀ-Þ][\w-]*))?")
# a number right before a word: German capitalises the noun it counts ("120 Hertz")
_NUMBER_BEFORE = re.compile(r"\d\s+$")


def listed_companies_in(
    body: str,
    chunk: list[_Token],
    lexicon: _Lexicon,
    language: str,
    loose_caps: bool,
    before: _Token | None,
) -> Iterator[_Candidate]:
    """The listed companies a chunk names whole (see the module's rules). ``before`` is the
    token before the chunk; ``loose_caps``: the chunk is in a Title Case line."""
    spans = _whole_spans(chunk)
    if loose_caps:
        spans = [*spans, *_before_headline_verb(chunk, lexicon, language)]
    for start, end in spans:
        surface = " ".join(_surface(body, chunk, start, end).split())
        if company_key(surface) not in lexicon.companies:
            continue
        preceding = chunk[start - 1] if start > 0 else before
        if _names_the_company(
            body, chunk, start, end, surface, lexicon, language, loose_caps, preceding
        ):
            yield _Candidate(start, end, "organization")


def _whole_spans(chunk: list[_Token]) -> list[tuple[int, int]]:
    """The chunk, the chunk less the word that opens its sentence (and the small words after
    it), the sides of the lists and roles inside either
    (:func:`transform.entity_orgs.listed_sides`), and the parts of each that a connector joins
    (:func:`_connected_parts`)."""
    runs = [(0, len(chunk))]
    if chunk[0].sentence_start:
        start = 1
        while start < len(chunk) and not chunk[start].capitalized:
            start += 1
        if start < len(chunk):
            runs.append((start, len(chunk)))
    wholes = [*runs, *(side for run in runs for side in listed_sides(chunk, *run))]
    return [
        *wholes,
        *(part for whole in wholes for part in _connected_parts(chunk, *whole)),
    ]


def _before_headline_verb(
    chunk: list[_Token], lexicon: _Lexicon, language: str
) -> list[tuple[int, int]]:
    """In a Title Case line, the words before its first capitalised verb in "-s"
    (:func:`transform.entity_people._inflected`: "Apple Releases iOS 7.1", "Netflix Speeds
    Improve"): the verb's subject, a name whole, as a small-letter verb would end it in
    prose. None when the chunk opens with the verb."""
    for k in range(1, len(chunk)):
        if _inflected(chunk[k].text, language, lexicon):
            return [(0, k)]
    return []


def _connected_parts(chunk: list[_Token], start: int, end: int) -> list[tuple[int, int]]:
    """The parts of ``chunk[start:end]`` that its small-letter connectors (:data:`CONNECTORS`)
    part: a run joins a noun and a name through one as often as it is one name ("die
    Zukunftschancen von Volkswagen", "Blue Byte und Ubisoft im April"); none when it has
    none."""
    cuts = [
        k
        for k in range(start + 1, end - 1)
        if chunk[k].text in CONNECTORS and not chunk[k].capitalized
    ]
    if not cuts:
        return []
    edges = [start - 1, *cuts, end]
    return [(a + 1, b) for a, b in itertools.pairwise(edges) if b > a + 1]


def _names_the_company(
    body: str,
    chunk: list[_Token],
    start: int,
    end: int,
    surface: str,
    lexicon: _Lexicon,
    language: str,
    loose_caps: bool,
    preceding: _Token | None,
) -> bool:
    """Is the listed name ``surface`` (``chunk[start:end]``) the company here: no place, first
    name or word of the language, nothing before it making it an item of a kind?"""
    lowered = surface.casefold()
    if lowered in lexicon.places or company_key(surface) in lexicon.places:
        return False
    first, *rest = lowered.split()
    if first in lexicon.common_first_names or (len(rest) == 1 and first in lexicon.first_names):
        return False  # "Dana", "Walt Disney", "Ralph Lauren": a person's name as often
    if _MODEL_NUMBER.match(body, chunk[end - 1].end):
        return False  # "the Boeing 737": a product and its model number
    if _addressed(body, chunk[end - 1].end, lexicon):
        return False  # "Jiffy Lube Live, Bristow, VA": a town
    start_at = chunk[start].start
    if preceding is not None:
        word_before = preceding.text.casefold()
        if (
            word_before in INDEFINITE
            or (
                language == "en"
                and _ENGLISH_ITEM_BEFORE.search(body, max(0, start_at - 40), start_at)
            )
            or _is_title(preceding.text, language)  # "Representative Waters": a person
        ):
            return False
    if end - start > 1:
        return True
    if _zipf(lowered, language) >= COMPANY_WORD_ZIPF:
        return False
    if language == "de":
        return not (
            _NUMBER_BEFORE.search(body, max(0, chunk[start].start - 12), chunk[start].start)
            or preceding is not None
            and german_noun_marker(preceding.text)
            and _zipf(lowered, language) >= GERMAN_NOUN_ZIPF
        )
    opening = loose_caps or chunk[start].sentence_start
    return not (opening and _common(surface, language, zipf=COMMON_NOUN_ZIPF, margin=1.0))


def _addressed(body: str, end: int, lexicon: _Lexicon) -> bool:
    """Does a region of the gazetteer or a US state's code follow the name after a comma, as
    in a town's address ("Bristow, VA", "Bristow, Virginia"; not "…, Bavaria's largest")?"""
    match = _REGION_AFTER.match(body, end)
    if match is None or body[match.end() : match.end() + 1] in ("'", "’"):
        return False
    first = match.group(1)
    if AP_STATE_ABBREVIATIONS.get(first, first) in lexicon.state_codes:
        return True
    first = first.rstrip(".")
    names = [first, f"{first} {match.group(2)}"] if match.group(2) else [first]
    return any(
        place.rank == 2 for name in names for place in lexicon.places.get(name.casefold(), ())
    )
