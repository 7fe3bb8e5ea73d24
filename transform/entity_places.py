"""Places: the rules that find them and the choice among places of one name.

Gazetteer places in a chunk (longest match, with the rules that keep a town named like a word or
a person out), German town adjectives, natural features and venues, US state codes after a town,
wire datelines; then which reading of an ambiguous name the article means (:func:`_choose`: the
population as the prior plus the article's evidence, :class:`_Evidence`), and the publisher's
country as part of that evidence (:func:`source_country`).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from transform import entity_gazetteer
from transform.entity_gazetteer import _Lexicon, _named, _Place, distance_km
from transform.entity_people import RARE_ZIPF, _german_compound, _rare_name, german_noun_marker
from transform.entity_tokens import _Candidate, _Found, _org_tail, _surface, _Token
from transform.entity_words import (
    _PLACE_ACRONYMS,
    BRACKETED_TOWN_PREPOSITIONS,
    COAST_HEADS,
    COAST_TAILS,
    DEFINITE,
    DETERMINERS,
    DISTRICT_ARTICLES,
    DISTRICT_NOUNS_AFTER,
    DISTRICT_WORD_LANGUAGES,
    DISTRICT_WORDS,
    DISTRICT_WORDS_HELD,
    FEATURE_WORD_BEFORE_LANGUAGES,
    FEATURE_WORDS,
    GERMAN_CASE_PREPOSITIONS,
    GERMAN_DISTRICT_WORDS,
    GERMAN_FEATURE_WORDS,
    GERMAN_IN_DEM,
    GERMAN_REGION_WORDS,
    GERMAN_SETTLEMENT_WORDS,
    HOME_COUNTRIES,
    IN_TOWN_PREPOSITIONS,
    INDEFINITE,
    KIND_VENUE_WORDS_AFTER,
    KIND_VENUE_WORDS_BEFORE,
    LANGUAGES,
    LOCATING_WORDS_BY_LANGUAGE,
    LOCATIVES,
    MONTHS,
    NAME_PARTICLES,
    NEAR_WORDS,
    PARK_KIND_WORDS,
    PARTICLE_TAIL,
    REGION_NOUNS_AFTER,
    REGION_NOUNS_BEFORE,
    ROAD_LETTER_WORDS,
    ROAD_WORDS,
    SETTLEMENT_WORDS,
    SETTLEMENT_WORDS_BY_LANGUAGE,
    SMALL_TOWN,
    SMALL_TOWN_LOCATIVES,
    STREET_NOUNS_AFTER,
    STREET_WORDS,
    TITLES,
    VALLEY_HEADS,
    VENUE_WORDS_AFTER,
    VENUE_WORDS_BEFORE,
    WEEKDAYS,
    WELL_KNOWN,
    _common,
    _zipf,
    fold,
    plain,
    plain_spellings,
)
from transform.html_lang import function_words
from wirehouse.settings import load_settings

MAX_PLACE_WORDS = 5
BIG_CITY = 1_000_000  # a one-word city this big is a name even where it is also a word
HOME_WORD_ZIPF = 5.0  # a home-country city's name this frequent in its language is a word
GERMAN_NOUN_ZIPF = 4.0  # a German word this frequent is a noun before a small town abroad
SHORT_TOWN_LETTERS = 3  # a town's name this short is read only right after a locative
SHORT_TOWN_ZIPF = 4.0  # ... and only where no language of the four uses it this often ("Gap")
# a name's abbreviated first word and an initial after it ("Jos. A. Bank"): no town
_ABBREVIATED_NAME = re.compile(r"\.\s?[A-Z]\.")


_GERMAN_WORD_BEFORE = re.compile(r"(\w+)\s+$")


def _may_be_genitive(text: str, chunk: list[_Token], start: int, end: int) -> bool:
    """Whether the German name ``chunk[start:end]`` may stand in the genitive, its final "s"
    an ending ("Deutschlands Küste", "die Hauptstadt Deutschlands"): not right after a
    preposition of the dative or the accusative ("den Hafen von Sines") unless a noun follows
    it ("aus Deutschlands Norden")."""
    before = _GERMAN_WORD_BEFORE.search(text, max(0, chunk[start].start - 20), chunk[start].start)
    if before is None or before.group(1).casefold() not in GERMAN_CASE_PREPOSITIONS:
        return True
    return end < len(chunk) and chunk[end].capitalized


def _places_in(
    text: str,
    chunk: list[_Token],
    lexicon: _Lexicon,
    language: str,
    loose_caps: bool,
    locative: bool,
    after_article: bool = False,
    settled: bool = False,
) -> Iterator[_Candidate]:
    """The gazetteer's places the capitalised words of ``chunk`` name. ``after_article``: a
    German article or a preposition fused with one stands right before the chunk, so its first
    word alone is no town (:func:`_no_town_after_article`), as a word after one opening a
    sentence, inside the chunk, is none. ``settled``: an English settlement noun and "of"
    stand right before the chunk ("the Bavarian town of Hof"), which name a town whatever
    its name means in a language (:func:`_short_town_placed`)."""
    for i in range(len(chunk)):
        if not chunk[i].capitalized:
            continue
        for length in range(min(MAX_PLACE_WORDS, len(chunk) - i), 0, -1):
            if not chunk[i + length - 1].capitalized:
                continue
            surface = _surface(text, chunk, i, i + length).casefold().replace("’", "'")
            places = (
                lexicon.places.get(surface)
                or lexicon.places.get(" ".join(t.text for t in chunk[i : i + length]).casefold())
                or lexicon.places.get(plain(surface))  # "Bogotá" where the gazetteer has "Bogota"
            )
            if (
                not places
                and language == "de"
                and surface.endswith("s")
                and _may_be_genitive(text, chunk, i, i + length)
            ):
                places = lexicon.places.get(surface[:-1])  # genitive: "Deutschlands"
            if not places and language == "fr" and length == 1:
                places = _upper_or_lower_region(chunk[i].text, lexicon)
            if not places and language == "de" and length == 1:
                town = town_before_district(chunk[i].text, lexicon)
                if town is not None:  # "in Graz-Lend": Graz, and its district Lend
                    end = i + 1  # "Stuttgart-Bad Cannstatt": the district's words go with it
                    while end < len(chunk) and chunk[end].capitalized:
                        end += 1
                    yield _Candidate(i, end, "place", (town,))
                    break
            # a town adjective qualifies the noun after it: alone, an "-er" word is a noun
            # ("die Becher", a cup, not Vienna's alternate name "Bech")
            before_noun = i + 1 < len(chunk) and chunk[i + 1].capitalized
            if not places and language == "de" and length == 1 and before_noun:
                town = _town_of_adjective(chunk[i].text, lexicon, before_noun=True)
                if town is not None:
                    yield _Candidate(i, i + 1, "place", (town,))
                    break
            if (
                places
                and length == 1
                and language == "de"
                # the article opens the chunk where it opens a sentence: "Der Rest des Hauses"
                and (after_article if i == 0 else german_noun_marker(chunk[i - 1].text))
                and not _opens_a_longer_name(text, chunk[i].end)
            ):
                places = _no_town_after_article(chunk[i].text, places)
            if not places:
                continue
            place = places[0]
            word = chunk[i].text
            biggest = _biggest_own(places, surface)
            if (
                length > 1
                and place.rank < 3
                and word.casefold() in DETERMINERS
                and biggest < WELL_KNOWN
                and all(
                    _zipf(t.text.casefold(), language) >= 4.0 for t in chunk[i + 1 : i + length]
                )
            ):
                continue  # "The Valley", "La Plaza": an article and a word name a small town
            if length == 1 and place.rank < 3:
                if (
                    len(word) <= SHORT_TOWN_LETTERS
                    and not word.isupper()
                    and not (settled and i == 0 and len(chunk) == 1)
                    and not _short_town_placed(text, chunk, i, locative and not after_article)
                    or word.casefold() in DETERMINERS
                ):
                    continue
                if word.isupper() and len(word) <= 3:
                    continue
                if _german_noun_abroad(word, places, language):
                    continue
                if before_noun and _german_kind_before_name(word, chunk[i + 1].text, language):
                    continue
                if (
                    place.rank == 1
                    and biggest < WELL_KNOWN
                    and word.casefold() in MONTHS.get(language, ())
                ):
                    continue  # "in March", "im Mai": a month, not the Fenland town
                # a city of the language's own countries is named more in that language than
                # in others because it is near, not because it is a word ("Toulouse :", "à
                # Rouen"): when it is no small town (not "zu Füßen"), only a word as frequent as
                # "Essen" or "Sens" is a word first there
                home = place.rank == 1 and any(
                    p.country_code in HOME_COUNTRIES[language] and _named(p, fold(word))
                    for p in places
                )
                word_zipf = HOME_WORD_ZIPF if home and biggest >= SMALL_TOWN else 4.0
                after_bare_preposition = (
                    (locative and not after_article)
                    if i == 0
                    else chunk[i - 1].text.casefold() in LOCATIVES
                    and not german_noun_marker(chunk[i - 1].text)
                )
                if (
                    place.rank == 1
                    and biggest < BIG_CITY
                    and _common(word, language, zipf=word_zipf, margin=2.0)
                    and not (
                        after_bare_preposition
                        and not (chunk[i].sentence_start or loose_caps)
                        and _exonym_of_a_big_city(word, places)
                    )
                ):
                    continue
                if (
                    (chunk[i].sentence_start or loose_caps)
                    and not home
                    and _common(word, language, zipf=4.5, margin=1.0)
                ):
                    continue
                after_preposition = (
                    locative if i == 0 else chunk[i - 1].text.casefold() in LOCATIVES
                )
                # a region or town, unless a city of that very name is well known
                region = place.key.startswith("place:iso3166-2:") and biggest < WELL_KNOWN
                small = place.rank == 1 and biggest < WELL_KNOWN
                qualified = i + 1 == len(chunk) and _region_follows(text, chunk[i], places, lexicon)
                if (
                    region
                    and after_preposition
                    and _word_opening_a_name(chunk, i, places, language)
                ):
                    continue  # "in East Anglia", "in Eastern Ukraine": no region abroad
                if (
                    region
                    and after_preposition
                    and _after_definite_article(text, chunk[i].start)
                    and _zipf(word.casefold(), language) >= 4.0
                    and not any(p.country_code in HOME_COUNTRIES[language] for p in places)
                ):
                    continue  # "un tour de l'Atlantique", "le long du Littoral": the word
                if (small or region) and not after_preposition and not qualified:
                    # a small town or region named like a word or a person needs "in", "à"...
                    lowered = word.casefold()
                    if lowered in lexicon.first_names:
                        continue  # "Mary", "Virginia" alone are people first
                    if small and _zipf(lowered, language) >= 4.5:
                        continue
                    if small and biggest < SMALL_TOWN:
                        continue  # "Fajardo", "Quintero": surnames before they are towns
                    beside = (
                        i > 0
                        and chunk[i - 1].capitalized
                        and not after_preposition
                        and chunk[i - 1].text.casefold() not in DETERMINERS
                    ) or (i + 1 < len(chunk) and chunk[i + 1].capitalized)
                    # "Ryoyu Kobayashi", "Carney:" - a name beside a name, or a town opening a
                    # sentence; one big enough to be named without "in", neither a word nor a
                    # given name nor a name of towns of other countries too, is a place there
                    # ("Graz police said", "The Graz branch"; not "Benfica", Angola or Lisbon)
                    if small and (
                        beside
                        or (
                            chunk[i].sentence_start
                            and (biggest < SMALL_TOWN or len(_countries_of(places)) > 1)
                        )
                    ):
                        continue
                    if (
                        region
                        and _zipf(lowered, language) >= 4.0
                        and not any(p.country_code in HOME_COUNTRIES[language] for p in places)
                    ):
                        continue  # "Eastern Michigan", "el Paro": regions abroad named by words
                    if (
                        region
                        and i + 1 < len(chunk)
                        and chunk[i + 1].capitalized
                        and max(_zipf(lowered, other) for other in LANGUAGES) >= 4.0
                    ):
                        # a word of another language opening a longer name: "le chalutier
                        # Northern Endeavour" names no Fijian division
                        continue
                    if (
                        region
                        and i > 0
                        and chunk[i - 1].capitalized
                        and chunk[i - 1].text.casefold() not in DETERMINERS
                        and _zipf(lowered, language) < 4.0
                        and max(_zipf(lowered, other) for other in LANGUAGES) >= 4.0
                    ):
                        # a word of another language closing a longer name: "an der
                        # Causeway Coast" names no Tanzanian region
                        continue
            yield _Candidate(i, i + length, "place", places)
            break


_DEFINITE_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(DEFINITE)) + r")(?:['’]|\s+)$", re.IGNORECASE
)


def _after_definite_article(text: str, start: int) -> bool:
    """Whether a definite article, elided or whole, stands right before ``start`` ("de
    l'Atlantique", "du Littoral"): there a region abroad named by a word of the language is
    the word (the ocean, the coast), as a bare name after a preposition is the region."""
    return _DEFINITE_BEFORE.search(text, max(0, start - 8), start) is not None


# French names the upper or lower part of a region by "Haut-", "Haute-", "Bas-" or "Basse-"
# before the region's name ("le Haut-Jura", "la Haute-Ariège"): an area inside that region
_UPPER_OR_LOWER_FR = re.compile(r"(?:Haut|Haute|Bas|Basse)-(?P<region>[A-ZÀ-Þ][^\W\d_]+)")


def _upper_or_lower_region(word: str, lexicon: _Lexicon) -> tuple[_Place, ...]:
    """The regions a French word for a region's upper or lower part (:data:`_UPPER_OR_LOWER_FR`)
    is inside, where no place bears the word whole ("Haute-Savoie", "Bas-Rhin" are
    départements of their own, found first): "Haut-Jura" is in the Jura, whichever Jura the
    article's other places settle (:func:`_choose`). None for a town's or a country's name
    ("Haut-Karabakh" is no part of a region the gazetteer holds)."""
    match = _UPPER_OR_LOWER_FR.fullmatch(word)
    if match is None:
        return ()
    return tuple(p for p in lexicon.places.get(match["region"].casefold(), ()) if p.rank == 2)


def _short_town_placed(text: str, chunk: list[_Token], i: int, bare_locative: bool) -> bool:
    """Whether a town's name of :data:`SHORT_TOWN_LETTERS` letters ("Pau", "Ica") stands alone
    right after a locative preposition ("à Pau", "in Ica"), no frequent word of any of the four
    languages ("à Gap", "in Bar" stay words) and no abbreviated first name ("Jos. A. Bank").
    Shorter names, and such a name anywhere else, name a town too rarely to be read."""
    word = chunk[i].text
    return (
        bare_locative
        and i == 0
        and (len(chunk) == 1 or not chunk[1].capitalized)
        and len(word) == SHORT_TOWN_LETTERS
        and word[1:].islower()
        and _ABBREVIATED_NAME.match(text, chunk[i].end) is None
        and max(_zipf(word.casefold(), language) for language in LANGUAGES) < SHORT_TOWN_ZIPF
    )


def _opens_a_longer_name(text: str, end: int) -> bool:
    """Whether a Romance particle that is none of German's own words and a capitalised name
    follow ``end`` ("in der Serra de Tramuntana"): the word after the article opens a longer
    name (read whole by ``entities._longer_names``), not a German noun."""
    found = PARTICLE_TAIL.match(text, end)
    return found is not None and found["particle"] not in function_words("de")


def _no_town_after_article(word: str, places: tuple[_Place, ...]) -> tuple[_Place, ...]:
    """The readings of one German ``word`` right after an article or a preposition fused with
    one ("am Hang", "in den Bergen", "im Iran") that may stand there: German names a town bare
    ("in Bergen") and capitalises every noun, so a word an article opens is a noun (the slope,
    the mountains), not Hangzhou or Bergen, unless it names a country or region, which German
    names with an article ("im Iran", "in der Schweiz", "im Tessin"), or a part of a German-
    speaking town, named with one too ("im Wedding", "im Westend"), when the word is no German
    noun (:data:`GERMAN_NOUN_ZIPF`: "im Hof" is a yard, not Hof). A town adjective ("die Bremer
    Polizei") is no gazetteer name and keeps its own rule."""
    noun = _zipf(word.casefold(), "de") >= GERMAN_NOUN_ZIPF
    return tuple(
        p for p in places if p.rank >= 2 or not noun and p.country_code in HOME_COUNTRIES["de"]
    )


def _word_opening_a_name(
    chunk: list[_Token], i: int, places: tuple[_Place, ...], language: str
) -> bool:
    """Whether the region ``places`` read from ``chunk[i]`` is only a word of the language
    (as frequent as "east" or "central") opening a longer name the gazetteers do not hold
    whole, and lies abroad: "in East Anglia" is no Cameroonian region East, "in Eastern
    Ukraine" no Fijian division, "in Central Park" no region Central. A preposition before
    the name says it is a place, not that its first word alone is one."""
    return (
        i + 1 < len(chunk)
        and chunk[i + 1].capitalized
        and _zipf(chunk[i].text.casefold(), language) >= 4.0
        and not any(p.country_code in HOME_COUNTRIES[language] for p in places)
    )


# Words of direction between a locative and a place ("in south Tulsa", "near downtown Leeds").
COMPASS_WORDS = frozenset(
    """
    north south east west northern southern eastern western central downtown
    north-east north-west south-east south-west northeast northwest southeast southwest
    north-eastern north-western south-eastern south-western
    northeastern northwestern southeastern southwestern
    """.split()  # noqa: SIM905
)


def placed_by_locative(
    before: _Token | None, previous: dict[int, _Token], language: str = "en"
) -> bool:
    """Does a locative place the capitalised words after ``before`` (the token before them;
    ``previous`` maps a token's start to the token before it): "in Lyon", a locative and a
    word of direction, which narrows the place, not its kind ("in south Tulsa"), or, in a
    ``language`` that writes a country's adjective small, that adjective ("im polnischen
    Sandomierz", which says where the small town is, as "in" alone does), or a settlement
    noun and "of" (:data:`SETTLEMENT_WORDS`: "the town of Wittlich", "the city of Avellino",
    though "Avellino" is a given name too), or in German "im" and any declined adjective
    (:func:`_german_adjective_in_dem`: "im sächsischen Grimma")."""
    if before is None:
        return False
    if before.text in LOCATIVES:
        return True
    earlier = previous.get(before.start)
    if earlier is None:
        return False
    if before.text == "of":
        return earlier.text.casefold() in SETTLEMENT_WORDS
    if earlier.text not in LOCATIVES:
        return False
    return (
        before.text.casefold() in COMPASS_WORDS
        or _small_country_adjective(before.text, language)
        or _german_adjective_in_dem(earlier.text, before.text, language)
    )


def _german_adjective_in_dem(earlier: str, word: str, language: str) -> bool:
    """Whether ``word`` is a German adjective declined after "im" (:data:`GERMAN_IN_DEM`:
    "im sächsischen Grimma"): written small and ending in "-en", as after "dem"."""
    return (
        language == "de"
        and earlier.casefold() == GERMAN_IN_DEM
        and word.islower()
        and word.endswith("en")
    )


# French "de" elided before a vowel ("près d'Avignon", "la périphérie d'Andria"): the
# tokenizer strips it from the name's first word, so no token stands before the name for it.
_ELIDED_DE = re.compile(r"(?<![^\W\d_])d['’]$", re.IGNORECASE)


def placed_by_elided_de(text: str, start: int, language: str) -> bool:
    """Whether the name starting at ``start`` in ``text`` follows the elided French "de"
    ("le moulin d'Andria"): a locative as "de" is (:data:`LOCATIVES`), which the tokenizer
    leaves no token of (:func:`placed_by_locative` sees the noun before it)."""
    return language == "fr" and _ELIDED_DE.search(text, max(0, start - 3), start) is not None


def _small_country_adjective(word: str, language: str) -> bool:
    """Whether ``word`` is a country's adjective written small in ``language`` (German,
    French, Spanish: "polnischen", "française"; :data:`_NATIONALITY_ADJECTIVES`)."""
    adjectives = _nationality_adjectives(language) if language != "en" else None
    return adjectives is not None and adjectives[0].fullmatch(word) is not None


def settled_unknown(
    chunk: list[_Token], before: _Token | None, previous: dict[int, _Token]
) -> Iterator[_Candidate]:
    """The name (the chunk's capitalised words from its start) that an English settlement
    noun and "of" place (:data:`SETTLEMENT_WORDS`: "the Austrian town of Bischofshofen", "the
    village of Grindleton"), as a town without a country; the gazetteer's reading of the
    same words, found first, wins the tie. A town too small for the gazetteer is still where
    a report is set, and a name its other reports (the dateline of a local wire) share."""
    if before is None or before.text != "of":
        return
    earlier = previous.get(before.start)
    if earlier is None or earlier.text not in SETTLEMENT_WORDS:
        return
    end = 0
    while end < len(chunk) and chunk[end].capitalized:
        end += 1
    if end:
        yield _Candidate(0, end, "place", town=True)


# An English apposition that says what kind of settlement the name before it is ("Le
# Lavandou, a town of about 6,000 people", "Torrevieja, a resort in Alicante province",
# "Ripon, the small cathedral city in"): up to three words before a settlement noun
# (:data:`SETTLEMENT_WORDS`), which a preposition, a comma or a stop then ends ("Anna Berg,
# a town councillor" is a person; "councillor" ends no apposition of a place); the words
# before the noun are small ("According to Digital Foundry, the Stadia port of ..." opens a
# clause on a game's port, no apposition), and a noun followed by "of" and a name names that
# other town ("In Portugal, the town of Viseu sent ...": Viseu is the town, not "In Portugal").
_APPOSED_SETTLEMENT = re.compile(
    r",\s+(?:a|an|the)\s+(?:[a-z][\w-]*\s+){0,3}?(?P<noun>[a-z]+)"
    r"(?:\s+(?:of(?!\s+[A-ZÀ-ÖØ-Þ])|in|on|near|between|about|some|north|south|east|west|and|with"
    r"|popular)\b|[,.;])"
)


def apposed_unknown(body: str, chunk: list[_Token]) -> Iterator[_Candidate]:
    """The capitalised words that an English apposition describes as a settlement
    (:data:`_APPOSED_SETTLEMENT`: "Le Lavandou, a town of about 6,000 people", "Trzebinia, a
    town of about 20,000 people in the Lesser Poland province"), as a town without a country:
    a writer introduces so the town the report is set in, and a town too small for the
    gazetteer is still a place, the name the report's other languages write with their own
    settlement nouns. A name the gazetteer holds is left to its own reading."""
    if not chunk or not chunk[0].capitalized or chunk[0].text.casefold() in LOCATIVES:
        return  # "In Portugal, ..." opens a sentence with a locative, not a town's name
    end = 0
    while end < len(chunk) and chunk[end].capitalized:
        end += 1
    if end < len(chunk):
        return  # the apposition follows the whole run, never a name inside it
    if entity_gazetteer.place_keys(" ".join(t.text for t in chunk)):
        return  # the gazetteer's own reading
    match = _APPOSED_SETTLEMENT.match(body, chunk[end - 1].end)
    if match is not None and match.group("noun") in SETTLEMENT_WORDS:
        yield _Candidate(0, end, "place", town=True)


# What follows a town to say where in a country or region it lies ("in Kapuvar in the
# northwest of the country", "near Tarnow, in southern Poland"): a locative and a word of
# direction (:data:`COMPASS_WORDS`), with "the" only before "of" ("in the north of").
_LOCATED_BY_DIRECTION = re.compile(
    r",?\s+in\s+(?:the\s+(?P<part>[\w-]+)\s+of\b|(?P<side>[\w-]+)\s+(?-i:[A-ZÀ-ÖØ-Þ]))"
)
# ... and in French, Spanish and German, an apposition with a locative, an article and a
# word of :data:`LOCATING_WORDS_BY_LANGUAGE` ("à Lapouyade, dans le nord de la Gironde",
# "cerca de Putre, en la región de Arica", "in Trzebinia im Süden Polens")
_LOCATED_IN_AREA = {
    "fr": re.compile(r",\s+(?:dans|en)\s+(?:le|la|l['’])\s*(?P<part>[\w-]+)\s+(?:de|du|des|d['’])"),
    "es": re.compile(r",\s+en\s+(?:el|la)\s+(?P<part>[\w-]+)\s+(?:de|del)\b"),
    "de": re.compile(r",?\s+(?:im|in\s+der)\s+(?P<part>\w+)\b"),
}


def located_unknown(
    body: str, chunk: list[_Token], before: _Token | None, locative: bool, language: str = "en"
) -> Iterator[_Candidate]:
    """The capitalised words a locative places (:func:`placed_by_locative`) and a word of
    direction then places inside a country or region (:data:`_LOCATED_BY_DIRECTION`: "a farm
    in Kapuvar in the northwest of the country"; in French, Spanish and German also a
    region's noun, :data:`_LOCATED_IN_AREA`: "à Lapouyade, dans le nord de la Gironde",
    "cerca de Putre, en la región de Arica"), as a town without a country: only a place
    lies in the north, or in the region, of another, and a town too small for the gazetteer
    is still where a report is set, the name its other reports share. The gazetteer's
    reading of the same words, found first, wins the tie."""
    if not locative or before is None or not chunk or not chunk[0].capitalized:
        return
    end = 0
    while end < len(chunk) and chunk[end].capitalized:
        end += 1
    if language == "en":
        match = _LOCATED_BY_DIRECTION.match(body, chunk[end - 1].end)
        words = COMPASS_WORDS
    elif language in _LOCATED_IN_AREA:
        match = _LOCATED_IN_AREA[language].match(body, chunk[end - 1].end)
        words = LOCATING_WORDS_BY_LANGUAGE[language]
    else:
        return
    if match is None:
        return
    direction = match.group("part") or match.groupdict().get("side") or ""
    if direction.casefold() in words:
        yield _Candidate(0, end, "place", town=True)


def near_unknown(
    chunk: list[_Token], before: _Token | None, previous: dict[int, _Token], language: str
) -> Iterator[_Candidate]:
    """The capitalised words right after the language's word for "near" (:data:`NEAR_WORDS`:
    "near Poligny", "près de Poligny", "près d'Arbois", "cerca de Ryes"), each a word no
    language uses (:func:`transform.entity_people._rare_name`), as a town without a country:
    one is near a place only, and a town too small for the gazetteer is still where a report
    is set, a name its other reports share. The gazetteer's and the people's readings of the
    same words, found first, win the tie."""
    near = NEAR_WORDS.get(language)
    if near is None or before is None or not chunk:
        return
    if before.text.casefold() != near:  # "près d'Arbois": the tokenizer leaves no "d'"
        earlier = previous.get(before.start)
        if language == "en" or before.text != "de" or earlier is None:
            return
        if earlier.text.casefold() != near:
            return
    end = 0
    while end < len(chunk) and chunk[end].capitalized and _rare_name(chunk[end].text):
        end += 1
    if end and (end == len(chunk) or not chunk[end].capitalized):
        yield _Candidate(0, end, "place", town=True)


# A province or region in brackets right after a name: "Vilafant (Girona)".
_BRACKETED_PLACE = re.compile(r"\s?\((?P<place>[^\W\d_][^()\d,;]{1,40})\)")


def bracketed_unknown(
    body: str, chunk: list[_Token], before: _Token | None, lexicon: _Lexicon
) -> Iterator[_Candidate]:
    """The capitalised words, each a word no language uses (:func:`_rare_name`), after a
    preposition of place (:data:`BRACKETED_TOWN_PREPOSITIONS`) and before a town or region the
    gazetteer holds, in brackets ("la finca de Vilafant (Girona)", "à Lons
    (Pyrénées-Atlantiques)"), as a town without a country: the press so places a town too
    small for the gazetteer in its province, and the other reports of the happening name the
    same town. A country in brackets follows a person or a team as often ("Pogačar
    (Slovenia)"), so only a town or region places it. The gazetteer's and the people's
    readings of the same words, found first, win the tie."""
    if before is None or before.text.casefold() not in BRACKETED_TOWN_PREPOSITIONS or not chunk:
        return
    if any(not (t.capitalized and _rare_name(t.text)) for t in chunk):
        return
    match = _BRACKETED_PLACE.match(body, chunk[-1].end)
    if match is None:
        return
    places = lexicon.places.get(match.group("place").strip().casefold(), ())
    if any(p.rank < 3 and _named(p, fold(match.group("place").strip())) for p in places):
        yield _Candidate(0, len(chunk), "place", town=True)


def small_town_unknown(
    body: str,
    chunk: list[_Token],
    before: _Token | None,
    previous: dict[int, _Token],
    language: str,
) -> Iterator[_Candidate]:
    """The capitalised words right after a word that sets them in a place
    (:data:`SMALL_TOWN_LOCATIVES`: "in Freistadt", "bei Lauterbach", "à Domdidier", "près de
    ...") that GeoNames' smaller set, under the gazetteer's floor, holds as a town of one
    country only (:func:`transform.entity_gazetteer.small_town_countries`, its spellings
    without marks too: "Hoechstadt an der Aisch"), as a town without a country: news names
    small towns as its settings, and the other reports of the happening name the same town.
    The longest such name of the chunk's first words wins, and no language of the four
    writes it as often as a word (:data:`SHORT_TOWN_ZIPF`: not "in Stein", nor Spanish
    "en Antigua"), and none of its words is a place the gazetteer holds: the port or the
    quarter of a known town ("at Port de Pollenca") is named by that town in the other
    reports. A sentence opening on the locative ("In Hermannsburg, a village ...") holds it in
    the chunk. The town is read only where the article names its country too (see
    :func:`transform.entities.find_mentions`): GeoNames' small towns are named like regions
    and towns abroad ("en Normandía", a town in Brazil). One rare word right after the German,
    French or Spanish preposition that sets a thing in a town (:data:`IN_TOWN_PREPOSITIONS`:
    "in Gérardmer", "à Gérardmer", "en Gérardmer") is that town without the country named:
    these languages write no "the town of" before it, and a word no language uses
    (:func:`_rare_name`) after it is no region's name in one of them. The gazetteer's and the
    people's readings of the same words, found first, win the tie."""
    words = SMALL_TOWN_LOCATIVES.get(language)
    if words is None or not chunk:
        return
    start = 0
    if chunk[0].sentence_start and chunk[0].text.casefold() in words:
        start, locative = 1, chunk[0].text.casefold()
    elif before is None:
        return
    else:
        locative = before.text.casefold()
        if locative == "de" and language in ("fr", "es"):  # "près de", "cerca de"
            earlier = previous.get(before.start)
            locative = "" if earlier is None else earlier.text.casefold()
    if locative not in words or start >= len(chunk) or not chunk[start].capitalized:
        return
    for end in range(min(len(chunk), start + MAX_PLACE_WORDS), start, -1):
        if not chunk[end - 1].capitalized or (end < len(chunk) and chunk[end].capitalized):
            continue
        name = body[chunk[start].start : chunk[end - 1].end]
        countries = entity_gazetteer.small_town_countries(name)
        if len(countries) != 1:
            continue
        if (
            entity_gazetteer.place_keys(name)
            or any(_zipf(name.casefold(), other) >= SHORT_TOWN_ZIPF for other in LANGUAGES)
            or any(entity_gazetteer.place_keys(token.text) for token in chunk[start:end])
        ):
            return
        (country,) = countries
        if end - start == 1 and locative == IN_TOWN_PREPOSITIONS.get(language) and _rare_name(name):
            yield _Candidate(start, end, "place", town=True, country=country)
        else:
            yield _Candidate(start, end, "place", town=True, small_town_country=country)
        return


def adjective_town(
    chunk: list[_Token], before: _Token | None, previous: dict[int, _Token], language: str
) -> Iterator[_Candidate]:
    """The name that a country's adjective, written small, places in that country as a town
    the gazetteer lacks: in German after a locative ("im ungarischen Kapuvár", its first
    word, when no German noun: :func:`_german_noun`) or a settlement noun (one ending in
    :data:`GERMAN_SETTLEMENT_WORDS`, "die irische Hafenstadt Castletownbere": the word after
    it, unless the gazetteer holds a place of that name, which its own rules read), in French and Spanish after a settlement noun, the adjective and "de"
    (:data:`SETTLEMENT_WORDS_BY_LANGUAGE`: "le village hongrois de Kapuvár", "el puerto
    irlandés de Castletownbere", its capitalised words). The adjective says which country, as
    a dateline's qualifier does (:func:`town_of_qualifier`): the report names the town its
    other reports' dateline names, with its country. The gazetteer's reading of the same
    words, found first, wins the tie."""
    if before is None or not chunk or language == "en":
        return
    if language == "de" and len(chunk) > 1 and _settlement_noun(chunk[0].text):
        country = _adjective_country(before.text, language)
        name = chunk[1].text
        if _german_noun(name) or entity_gazetteer.place_keys(name):
            return
        if country:
            yield _Candidate(1, 2, "place", town=True, country=country)
        elif _rare_name(name) and (len(chunk) == 2 or not chunk[2].capitalized):
            # no country's adjective ("im südwestenglischen Fischerdorf Mousehole", "im
            # elsässischen Weindorf Eguisheim"): still the town the noun says it is
            yield _Candidate(1, 2, "place", town=True)
        return
    earlier = previous.get(before.start)
    if earlier is None:
        return
    if language == "de":
        adjective, end = before, 1
        if earlier.text not in LOCATIVES or _german_noun(chunk[0].text):
            return
    else:
        nouns = SETTLEMENT_WORDS_BY_LANGUAGE.get(language, frozenset())
        noun = previous.get(earlier.start)
        if before.text != "de" or noun is None or noun.text.casefold() not in nouns:
            return
        adjective, end = earlier, 0
        while end < len(chunk) and chunk[end].capitalized:
            end += 1
    country = _adjective_country(adjective.text, language)
    if country is not None and end:
        yield _Candidate(0, end, "place", town=True, country=country)


def _german_noun(word: str) -> bool:
    """Whether a capitalised word is a German noun, not a name (German capitalises every
    noun): a frequent word ("nach norwegischen Angaben"), or a compound ending in a settlement
    noun (:data:`GERMAN_SETTLEMENT_WORDS`: "in niederländischem Grenzdorf") or a division's
    (:data:`GERMAN_REGION_WORDS`: "im indischen Bundesstaat Kerala"), which names the kind of
    place, not which."""
    folded = word.casefold()
    return (
        _zipf(folded, "de") >= GERMAN_NOUN_ZIPF
        or _settlement_noun(word)
        or any(folded.endswith(noun) for noun in GERMAN_REGION_WORDS)
    )


def _settlement_noun(word: str) -> bool:
    """Whether a German word is a settlement noun or a compound ending in one
    (:data:`GERMAN_SETTLEMENT_WORDS`: "Dorf", "Grenzdorf", "Hafenstadt")."""
    folded = word.casefold()
    return any(folded.endswith(noun) for noun in GERMAN_SETTLEMENT_WORDS)


def _adjective_country(word: str, language: str) -> str | None:
    """The country whose adjective, written small in ``language``, ``word`` is, if any."""
    adjectives = _nationality_adjectives(language)
    if adjectives is None:
        return None
    pattern, by_form = adjectives
    match = pattern.fullmatch(word)
    return None if match is None else by_form[match.group(1)]


# The words that open a town named after a saint in the recognizer's languages ("St. Goar",
# "Sankt Goar", "Saint-Goar", "Sainte-Foy"), as tokenized.
SAINT_WORDS = frozenset({"St", "Ste", "Sankt", "Saint", "Sainte"})
_SAINT_HEAD = re.compile(r"^(?:Saint|Sainte|Sankt)-(?=[^\W\d_])")


def saint_town(
    chunk: list[_Token], before: _Token | None, previous: dict[int, _Token], locative: bool
) -> Iterator[_Candidate]:
    """The name a locative places (:func:`placed_by_locative`; French "de" only after
    "près": "la fête de Saint-Jean" is a feast) that opens with a saint's word ("near St.
    Goar", "bei St. Goar", "près de Saint-Goar"), as a town without a country: a saint names
    many small towns the gazetteer lacks, and the report's other names for it are one key
    (:func:`transform.entities._key_name` writes every "St."/"Sankt"/"Saint-" alike). The
    gazetteer's reading of the same words, found first, wins the tie."""
    if not locative or before is None or not chunk:
        return
    if before.text.casefold() in ("de", "a"):
        earlier = previous.get(before.start)
        if earlier is None or earlier.text.casefold() != "près":
            return
    head = chunk[0].text
    if head in SAINT_WORDS and len(chunk) > 1 and chunk[1].capitalized:
        yield _Candidate(0, 2, "place", town=True)  # "bei St. Goar Öl": the saint's name
    elif _SAINT_HEAD.match(head):
        yield _Candidate(0, 1, "place", town=True)


def town_before_district(word: str, lexicon: _Lexicon) -> _Place | None:
    """The town a German hyphenated name "<town>-<district>" begins with ("Graz-Lend",
    "Frankfurt-Sachsenhausen"): the biggest place named by the part before the hyphen, when
    it is a town of a German-speaking country big enough to be named without "in", before a
    capitalised name no gazetteer holds whole (not "Baden-Baden", a town of that name)."""
    head, _, tail = word.partition("-")
    if not tail[:1].isupper() or "-" in tail or lexicon.places.get(word.casefold()):
        return None
    places = lexicon.places.get(head.casefold(), ())
    if places and _german_speaking_town(places[0], SMALL_TOWN):
        return places[0]
    return None


def _german_speaking_town(place: _Place, least: int) -> bool:
    """Whether ``place`` is a town of a German-speaking country (its name's first reading)
    big enough to be named without "in": ``least`` people or more."""
    return (
        place.rank == 1 and place.country_code in HOME_COUNTRIES["de"] and place.population >= least
    )


def _german_kind_before_name(word: str, following: str, language: str) -> bool:
    """Is a capitalised German word the kind of the place whose name (``following``, no German
    noun: :func:`_german_noun`) follows it, a division's or a settlement's noun
    (:data:`GERMAN_REGION_WORDS`, :data:`GERMAN_SETTLEMENT_WORDS`, or a compound ending in one:
    "im Kanton Tessin", "die Kreisstadt Pirna"), not a place itself, though a city's German
    exonym may be that very word ("Kanton" is also Guangzhou)? German writes the kind
    capitalised right before the name; before a noun ("nach Kanton Anfang Mai") it may be
    the city."""
    return (
        language == "de"
        and not _german_noun(following)
        and (
            _settlement_noun(word)
            or any(word.casefold().endswith(noun) for noun in GERMAN_REGION_WORDS)
        )
    )


def _german_noun_abroad(word: str, places: tuple[_Place, ...], language: str) -> bool:
    """Is a capitalised German word only a German noun, though towns abroad too small to be
    named without "in" bear it (every reading such a town)? German capitalises every noun, so
    neither its capital nor a preposition before it says it is a name: "im Keller" is no
    Keller, Texas, "zu Ende" no Ende, Indonesia. A region ("Texas") or a city's exonym
    ("Mailand") is no such town."""
    return (
        language == "de"
        and all(
            p.rank == 1 and p.population < SMALL_TOWN and p.country_code not in HOME_COUNTRIES["de"]
            for p in places
        )
        and _zipf(word.casefold(), "de") >= GERMAN_NOUN_ZIPF
    )


def _town_of_adjective(
    word: str,
    lexicon: _Lexicon,
    least: int = SMALL_TOWN,
    *,
    word_elsewhere: bool = False,
    before_noun: bool = False,
) -> _Place | None:
    """The town a German town adjective names ("Leipziger" Leipzig, "Münchner" München):
    the word less "-er" (or "-ner" for "-en") is a name of a German-speaking town big
    enough to be named without "in" (``least`` people), and, unless ``word_elsewhere``
    (where the word is German for sure), no word of the other languages ("Hammer",
    "Hamburger" are). When ``before_noun`` (the word qualifies the capitalised noun after
    it), "-er" may stand for a town's "-en" too ("Bremer Hafen" Bremen, "Göttinger Polizei"
    Göttingen): only there, for "der Sieger" is no Siegen."""
    if len(word) < 6 or not word.endswith("er") or not word[:1].isupper():
        return None
    if not word_elsewhere and any(
        _zipf(word.casefold(), other) > 0 for other in LANGUAGES if other != "de"
    ):
        return None
    stems = [word[:-2]]
    if word.endswith("ner"):
        stems.append(word[:-3] + "en")
    if before_noun:
        stems.append(word[:-2] + "en")
    for stem in stems:
        for place in lexicon.places.get(stem.casefold(), ()):
            if _german_speaking_town(place, least):
                return place
    return None


_REGION_AFTER = re.compile(r",\s*([^\W\d_]+(?:[ -][^\W\d_]+)?)")


def _region_follows(
    text: str, token: _Token, places: tuple[_Place, ...], lexicon: _Lexicon
) -> bool:
    """Is a region of a country where the name has a reading written right after it ("Tulsa,
    Oklahoma")? Such a qualifier says a town is meant, not a person of that first name."""
    after = _REGION_AFTER.match(text, token.end)
    if after is None or not after.group(1)[:1].isupper():
        return False
    codes = _countries_of(places)
    words = after.group(1)
    names = {words.casefold(), words.split()[0].casefold()}  # "Illinois police"
    return any(
        p.rank == 2 and p.country_code in codes
        for name in names
        for p in lexicon.places.get(name, ())
    )


def _exonym_of_a_big_city(word: str, places: tuple[_Place, ...]) -> bool:
    """Whether ``word`` names its first reading, a city of :data:`WELL_KNOWN` people or more,
    by another name than the city's own: a language's own name for a big city abroad ("Athen",
    "Nürnberg" for Nuremberg) is frequent in that language because the city is, not because
    it is a word. The caller asks this only right after a bare preposition ("nach Athen"),
    where a common noun would take an article ("im Ofen")."""
    city = places[0]
    return city.rank == 1 and city.population >= WELL_KNOWN and not _named(city, fold(word))


def _biggest_own(places: tuple[_Place, ...], surface: str) -> int:
    """The population of the biggest city whose own name these words are (not an alternate
    name: "Victoria" is not Hong Kong's own name); the first reading's when none is."""
    if len(places) == 1:
        return places[0].population
    own = fold(surface)
    sizes = [p.population for p in places if p.rank == 1 and _named(p, own)]
    return max(sizes, default=places[0].population)


def _features_in(chunk: list[_Token], loose_caps: bool) -> Iterator[_Candidate]:
    """Natural features named with a feature word before or after a name: "River Thames",
    "Hudson River", "Mar del Plata" is a city the gazetteer finds first (longer or equal
    matches go to the gazetteer). A feature word alone ("the Valley") names nothing, and a
    German settlement noun before the name is none of it ("im Dorf Fox Glacier"). A coast
    word opens or closes a coast's name (:data:`COAST_HEADS`, :data:`COAST_TAILS`: "Costa
    Brava", "Amalfi Coast"), never after a capitalised word ("Antonio Costa Silva")."""
    for i, token in enumerate(chunk):
        folded = token.text.casefold()
        if folded in COAST_HEADS and not (i > 0 and _feature_name_word(chunk[i - 1])):
            end = _org_tail(chunk, i + 1, head_first=True, limit=1 if loose_caps else 3)
            if end > i + 1 and chunk[end - 1].capitalized:
                yield _Candidate(i, end, "place")
            continue
        if folded in COAST_TAILS and (i + 1 == len(chunk) or not chunk[i + 1].capitalized):
            start = i
            while start > 0 and i - start < 2 and _feature_name_word(chunk[start - 1]):
                start -= 1
            if start < i:
                yield _Candidate(start, i + 1, "place")
            continue
        if folded not in FEATURE_WORDS and not _valley_head(chunk, i):
            continue
        start = i
        while (
            start > 0
            and i - start < (1 if loose_caps else 2)
            and chunk[start - 1].capitalized
            and chunk[start - 1].text.casefold() not in DETERMINERS
            and chunk[start - 1].text.casefold() not in TITLES
            and chunk[start - 1].text.casefold() not in LOCATIVES
            and chunk[start - 1].text.casefold() not in GERMAN_SETTLEMENT_WORDS
        ):
            start -= 1
        end = _org_tail(chunk, i + 1, head_first=start == i, limit=1 if loose_caps else 3)
        while end > i + 1 and chunk[end - 1].text.casefold() in WEEKDAYS:
            end -= 1  # "off Cape Finisterre Friday": the day, no word of the name
        if end - start > 1:
            yield _Candidate(start, end, "place")


def _valley_head(chunk: list[_Token], i: int) -> bool:
    """Whether ``chunk[i]`` is a Romance valley word heading its valley's name, a particle
    right after it ("Val di Fassa", not "Val Kilmer")."""
    return (
        chunk[i].text.casefold() in VALLEY_HEADS
        and i + 2 < len(chunk)
        and not chunk[i + 1].capitalized
        and chunk[i + 1].text.casefold() in NAME_PARTICLES
        and chunk[i + 2].capitalized
    )


def _feature_name_word(token: _Token) -> bool:
    """Whether a word before a feature word may be part of the feature's name."""
    folded = token.text.casefold()
    return token.capitalized and not (
        folded in DETERMINERS or folded in TITLES or folded in LOCATIVES
    )


def _district_in(
    chunk: list[_Token],
    before: _Token | None,
    previous: dict[int, _Token],
    after: _Token | None,
    lexicon: _Lexicon,
    language: str,
) -> _Candidate | None:
    """The local place a district word names (``before`` and ``after``: the tokens around the
    chunk, ``previous`` maps a token's start to the token before it): a :data:`DISTRICT_WORDS`
    noun right before the chunk, or before an article right before it ("barrio Belén", "le
    quartier des Chartrons"); a :data:`GERMAN_DISTRICT_WORDS` noun inside it ("im Grazer Bezirk
    Lend"); or, in English, a :data:`DISTRICT_NOUNS_AFTER` noun right after a name no gazetteer
    holds as its own name and no word ("the Bastide district", "the Graca district", though
    "Graca" is one of Graz's alternate names; not "a Tulsa neighborhood", "the Portuguese
    district"). Its capitalised words up to a particle ("barrio Belén de Medellín" is Belén, of
    Medellín): a place without a country the gazetteer could mistake for a town abroad."""
    cue, after_cue = before, chunk[0]
    for _ in range(2):  # "quartier de la Bastide": back over the articles to the noun
        if cue is None or cue.text.casefold() not in DISTRICT_ARTICLES or _apart(cue, after_cue):
            break
        cue, after_cue = previous.get(cue.start), cue
    word = cue.text.casefold() if cue is not None else ""
    if (
        cue is not None
        and word in DISTRICT_WORDS
        and DISTRICT_WORD_LANGUAGES.get(word, language) == language
        and not _apart(cue, after_cue)
    ):
        found = _capitalised_from(chunk, 0)
        if found is not None and word in DISTRICT_WORDS_HELD:
            words = fold(" ".join(t.text for t in chunk[found.start : found.end]))
            if any(_named(p, words) for p in lexicon.places.get(words, ())):
                return None
        return found
    if language == "de":
        for k, token in enumerate(chunk[:-1]):
            if token.text.casefold() in GERMAN_DISTRICT_WORDS:
                found = _capitalised_from(chunk, k + 1)
                return found and replace(found, end=_german_name_end(chunk, found.start, found.end))
    if language != "en" or after is None or after.text.casefold() not in DISTRICT_NOUNS_AFTER:
        return None
    start = 1 if chunk[0].text.casefold() in DETERMINERS else 0  # "The Sanita district"
    if start == len(chunk) or after.start - chunk[-1].end != 1:
        return None
    words = " ".join(t.text for t in chunk[start:]).casefold()
    readings = (*lexicon.places.get(words, ()), *lexicon.places.get(plain(words), ()))
    if any(_named(p, fold(words)) for p in readings) or _zipf(words, "en") >= 3.0:
        return None
    return _Candidate(start, len(chunk), "place", district=True)


def _german_name_end(chunk: list[_Token], start: int, end: int) -> int:
    """Where a foreign name read in a German run of capitals ends: before a frequent German
    noun (:data:`GERMAN_NOUN_ZIPF`) right after a word German does not write (under
    :data:`transform.entity_people.RARE_ZIPF`). German writes every noun with a capital, so
    the run may go on past the name: "im Stadtteil Libertà Wäsche auf" names Libertà, not
    "Libertà Wäsche"; a German name keeps its words ("Bezirk Innere Stadt")."""
    for k in range(start + 1, end):
        before, word = chunk[k - 1].text.casefold(), chunk[k].text.casefold()
        if _zipf(before, "de") < RARE_ZIPF and _zipf(word, "de") >= GERMAN_NOUN_ZIPF:
            return k
    return end


def feature_after_word(
    chunk: list[_Token], before: _Token | None, language: str
) -> _Candidate | None:
    """The natural feature a generic noun written small right before the chunk names, in a
    language that writes it so (:data:`FEATURE_WORD_BEFORE_LANGUAGES`): "le canal Albert",
    "el canal Alberto", "el río Duero" name a canal and a river, whose names are given names
    too ("Albert", "Alberto"); the English "Albert Canal" reads as one name
    (:func:`_features_in`). None when no such word stands there."""
    if (
        language not in FEATURE_WORD_BEFORE_LANGUAGES
        or before is None
        or not before.text.islower()
        or before.text not in FEATURE_WORDS
        or before.text in GERMAN_FEATURE_WORDS
        or _apart(before, chunk[0])
    ):
        return None
    found = _capitalised_from(chunk, 0)
    return found and replace(found, district=False)


def _apart(token: _Token, following: _Token) -> bool:
    """Whether more than one space parts two tokens ("del barrio. El consejero")."""
    return following.start - token.end != 1


def _capitalised_from(chunk: list[_Token], start: int) -> _Candidate | None:
    end = start
    while end < len(chunk) and chunk[end].capitalized:
        end += 1
    return _Candidate(start, end, "place", district=True) if end > start else None


# German names a venue by joining its name to what it is with a hyphen ("Wembley-Stadion",
# "Kennedy-Platz", "Olympia-Halle"): a place, as the venue's own name is.
GERMAN_VENUE_WORDS = frozenset(
    "stadion arena halle platz park brücke bahnhof flughafen straße strasse allee".split()  # noqa: SIM905
)


def _venues_in(chunk: list[_Token], lexicon: _Lexicon, language: str) -> Iterator[_Candidate]:
    """A German word of a name, a hyphen and a :data:`GERMAN_VENUE_WORDS` noun: the name a
    place the gazetteers know or a word no language uses ("Wembley-Stadion"; not
    "Bundesliga-Stadion", a kind of stadium)."""
    if language != "de":
        return
    for k, token in enumerate(chunk):
        name, _, venue = token.text.rpartition("-")
        if not name or venue.casefold() not in GERMAN_VENUE_WORDS or not venue[:1].isupper():
            continue
        if name.casefold() in lexicon.places or _rare_name(name):
            yield _Candidate(k, k + 1, "place")


# German nouns that end the one-word name of a venue in a town ("Osthafen", "Südbahnhof",
# "Lendplatz", "Honsellbrücke", "Osterstraße": a street, as "Lipscani Street" is), in any
# language's report (an English wire writes "Osterstrasse").
VENUE_SUFFIXES = ("hafen", "bahnhof", "platz", "brücke", "stadion", "straße", "strasse")
# A compound German writes this often is a kind of venue ("Flughafen", "Hauptbahnhof",
# "Marktplatz"), found in every town, not the name of one.
GENERIC_VENUE_ZIPF = 3.0
_VENUE_END = re.compile(rf"\w\w\w({'|'.join(VENUE_SUFFIXES)})(?:e?s)?$", re.IGNORECASE)


# An indefinite article before a venue compound makes it a kind of venue, not one named
# ("in einer Seitenstraße", "a Binnenhafen"): a named venue is the one the town has. English's
# counts here, as English writes no town's name alone after one either.
_INDEFINITE = INDEFINITE | {"a", "an"}


def _compound_venues_in(
    chunk: list[_Token], lexicon: _Lexicon, before: _Token | None = None
) -> Iterator[_Candidate]:
    """A one-word name that a :data:`VENUE_SUFFIXES` noun ends, a word German seldom writes
    and no gazetteer place, not after an indefinite article (``before``, the word before the
    chunk): a venue of the report's town ("am Osthafen", "des Südbahnhofs", "near the
    Osthafen"), where in its town a happening was, as a district is."""
    for k, token in enumerate(chunk):
        name = venue_name(token.text)
        if name is None or name.casefold() in lexicon.places:
            continue
        if k == 0 and before is not None and before.text.casefold() in _INDEFINITE:
            continue
        if _zipf(name.casefold(), "de") >= GENERIC_VENUE_ZIPF:
            continue
        yield _Candidate(k, k + 1, "place", venue=True)


# A German compound of a name and "See" (lake), less a genitive "-s" ("Peipussee", "des
# Peipussees", "Titicacasee"): the lake of that name, as "Lake Peipus" and "lac Peipous" are.
_LAKE_COMPOUND = re.compile(r"([A-ZÄÖÜ][a-zäöüß]{2,})(see)s?")


def lake_compounds_in(
    chunk: list[_Token], lexicon: _Lexicon, language: str
) -> Iterator[_Candidate]:
    """A one-word German name of a lake (:data:`_LAKE_COMPOUND`), a natural feature without a
    country, when German seldom writes the compound (:data:`GENERIC_VENUE_ZIPF`: not
    "Stausee", "Übersee", "Chaussee") and its name is no German word ("Bodensee", "Tiefsee")
    nor a place the gazetteer holds (a town named after its lake is the gazetteer's): a German
    report names a lake abroad so where the others write "Lake Peipus"."""
    if language != "de":
        return
    for k, token in enumerate(chunk):
        match = _LAKE_COMPOUND.fullmatch(token.text)
        if match is None or token.text.casefold() in lexicon.places:
            continue
        name = match.group(1).casefold()
        compound = name + match.group(2)
        if _zipf(compound, "de") < GENERIC_VENUE_ZIPF and _zipf(name, "de") < GENERIC_VENUE_ZIPF:
            yield _Candidate(k, k + 1, "place")


def venue_name(word: str) -> str | None:
    """The venue a word names, less a genitive ending ("Osthafens" is the Osthafen), if a
    :data:`VENUE_SUFFIXES` noun ends it after a name of three letters or more."""
    match = _VENUE_END.search(word)
    if match is None or "-" in word or not word[:1].isupper():
        return None
    return word[: match.end(1)]


def _alternatives(words: tuple[str, ...]) -> str:
    """A regex alternation of ``words``, a hyphen in one any white space between its words."""
    return "|".join(word.replace("-", r"\s+") for word in words)


_NAME_WORD = r"[^\W\d_][\w'’]*"
_VENUE_BEFORE = re.compile(
    rf"\b(?P<word>{_alternatives(VENUE_WORDS_BEFORE)})\s+"
    r"(?P<particle>(?:de\s+la|de\s+los|de\s+las|del|de|des|du)\s+|d['’])?"
    rf"(?P<name>{_NAME_WORD}(?:[ -]{_NAME_WORD}){{0,2}})",
    re.IGNORECASE,
)
# German joins a name to a compound of a park's or a street's kind with a hyphen
# ("Hwange-Nationalpark", "Kennedy-Hauptstraße"): the name's park or street, as "Hwange
# National Park" and "parc national de Hwange" are
_GERMAN_COMPOUND_VENUE = r"(?<=-)[A-ZÄÖÜ][a-zäöüß]+(?:park|straße|strasse|allee)"
_VENUE_AFTER = re.compile(
    rf"(?P<name>(?:{_NAME_WORD}[ -]){{1,3}})"
    rf"(?:{_alternatives(VENUE_WORDS_AFTER)}|{_GERMAN_COMPOUND_VENUE})\b"
)


def _after_indefinite(text: str, start: int) -> bool:
    """Whether the word before ``start`` of ``text`` is an indefinite article
    (:data:`_INDEFINITE`): "un parque de Alcobendas", "une rue de Lyon" is a park or a street
    of that town, no venue of that name, which takes the definite article ("el parque de
    Andalucía") or none."""
    before = text[:start].split()
    return bool(before) and before[-1].casefold() in _INDEFINITE


def street_venues(
    text: str, lexicon: _Lexicon, article: str = ""
) -> Iterator[tuple[int, int, str]]:
    """The venues within a town that ``text`` names by a street, park or shopping centre word
    before or after a capitalised name (:data:`VENUE_WORDS_BEFORE`, :data:`VENUE_WORDS_AFTER`:
    "Lipscani Street", "rue Lipscani", "parc Herăstrău", "avenue du Prado"; a German compound
    of a park's or street's kind hyphened to the name, one word: "Hwange-Nationalpark" is the
    park "Hwange", as "Hwange National Park" is): the start and end
    of the words (the venue word with them) and the name, the same in every language. A
    venue word in lower case after a name (a park) must follow no "a" ("a Bucharest park" is
    a park in Bucharest), a name the gazetteer does not hold and no country's adjective
    ("Danish park" is a park in Denmark); a venue word before a name
    may begin a town's own name, which the gazetteer holds ("Torre del Greco", "Torre del
    Oro" is a tower), and follow no indefinite article (:func:`_after_indefinite`). A name
    before a venue word that ``text`` or the rest of its ``article``
    (its title and text) also writes in lower case before that word is a common noun, not a
    name: "Car park dig" at a title's start is the "underground car park" of its text."""
    for match in _VENUE_BEFORE.finditer(text):
        words = re.split(r"([ -])", match["name"])
        end = 1
        while end < len(words) and words[end + 1][:1].isupper():
            end += 2
        stop = match.start("name") + len("".join(words[:end]))
        if (
            (
                words[0][:1].isupper()
                or match["particle"] is not None
                and _capitalised_within_sentence(text, match.start())
            )
            and words[0].casefold() not in DETERMINERS
            and not match["word"].isupper()  # "DE LA CALLE Boric": a heading, then a name
            and not _after_indefinite(text, match.start())  # "un parque de Alcobendas"
            and " ".join(text[match.start() : stop].split()).casefold() not in lexicon.places
        ):
            yield match.start(), stop, "".join(words[:end])
    for match in _VENUE_AFTER.finditer(text):
        words = match["name"].split()
        start = len(words)
        while start > 0 and words[start - 1][:1].isupper():
            start -= 1
        if match["name"].endswith("-"):  # German hyphens every word of a name joined to a
            start = max(start, len(words) - 1)  # noun: "Karl-Marx-Straße", not "Im Hwange"
        while start < len(words) and words[start].casefold() in DETERMINERS:
            start += 1
        start += _owner_before_name(words[start:], lexicon)
        end = len(words)
        while end - start > 1 and words[end - 1].casefold() in PARK_KIND_WORDS:
            end -= 1
        if start == end:
            continue
        name = " ".join(words[start:end]).removesuffix("-")
        lower_case = match.group()[match.end("name") - match.start() :][:1].islower()
        before = text[max(0, match.start() - 3) : match.start()].casefold()
        if lower_case and (
            fold(name) in lexicon.places
            or name.casefold() in lexicon.places
            or before.endswith(("a ", "an "))
            and start == 0
            or name in _english_adjectives()
        ):
            continue
        if _written_as_common_noun(
            name, match.group()[match.end("name") - match.start() :], f"{text}\n{article}"
        ):
            continue
        offset = match.start() + len(" ".join(match["name"].split()[:start])) + (start > 0)
        yield offset, match.end(), name


def _written_as_common_noun(name: str, venue_word: str, article: str) -> bool:
    """Whether ``article`` writes ``name`` and the ``venue_word`` after it in lower case
    ("car park"): a compound noun, capitalised only at a sentence's or title's start."""
    common = f"{name} {venue_word}".lower()
    return re.search(rf"(?<!\w){re.escape(common)}(?!\w)", article) is not None


def _capitalised_within_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` is capitalised within a sentence, not at its start: a
    venue word so written begins the venue's own name, whose words after its particle French
    writes in lower case ("au Jardin des plantes" is the Jardin des Plantes)."""
    before = text[:start].rstrip()
    return text[start : start + 1].isupper() and before[-1:].isalpha()


def _owner_before_name(words: list[str], lexicon: _Lexicon) -> int:
    """1 if the first of a venue's ``words`` is a place's possessive before its name ("Chile's
    Queulat National Park", "Nantes' Procé park"): the country or town the venue lies in, not
    part of its name; 0 otherwise."""
    if len(words) < 2:
        return 0
    owner = re.sub(r"['’]s?$", "", words[0])
    return int(
        owner != words[0] and (fold(owner) in lexicon.places or owner.casefold() in lexicon.places)
    )


KIND_WORDS = frozenset(  # every word of a kind, folded: no name of a venue ("Airport", Ohio)
    word.casefold()
    for words in (*KIND_VENUE_WORDS_BEFORE.values(), *KIND_VENUE_WORDS_AFTER.values())
    for word in words
)
# German's kind words: a capitalised noun, so a name after one is one word, and a word before
# one is the town's adjective ("Frankfurter Flughafen") or no name at all ("Am Flughafen")
_GERMAN_KIND_WORDS = frozenset({"flughafen", "flughafens"})
_KIND_BEFORE = {
    kind: re.compile(
        rf"\b(?P<word>{'|'.join(words)})\s+(?:international\s+|internacional\s+)?"
        r"(?:de\s+la\s+|de\s+|del\s+|du\s+|des\s+|d['’]|von\s+|of\s+)?"
        rf"(?P<name>{_NAME_WORD}(?:-{_NAME_WORD})*(?:\s+{_NAME_WORD}(?:-{_NAME_WORD})*){{0,2}})",
        re.IGNORECASE,
    )
    for kind, words in KIND_VENUE_WORDS_BEFORE.items()
}
_KIND_AFTER = {
    kind: re.compile(
        rf"(?P<name>(?:{_NAME_WORD}(?:-{_NAME_WORD})*\s+){{1,3}})"
        rf"(?:International\s+|international\s+)?(?P<word>{'|'.join(words)})\b"
    )
    for kind, words in KIND_VENUE_WORDS_AFTER.items()
}


def _may_name_a_kind(text: str) -> bool:
    """A cheap first look for :func:`kind_venues`: whether ``text`` holds a kind word in any
    case. Substring tests of the lower-cased text, several times faster than a case-blind
    alternation over it, and no narrower than the patterns: the words read case-blind have no
    "i" and no "s" but "Flughafens" after "Flughafen", the letters whose odd capitals ("İ",
    "ſ") lower() leaves apart, and the words read after a name are read in their own case."""
    lowered = text.lower()
    return any(word in lowered for word in KIND_WORDS)


def kind_venues(text: str) -> Iterator[tuple[int, int, str, int, int]]:
    """The venues ``text`` names by a word of their kind (:data:`KIND_VENUE_WORDS_BEFORE`,
    :data:`KIND_VENUE_WORDS_AFTER`) and a capitalised name: "l'aéroport de Liège", "Flughafen
    Lüttich" and "Liege Airport" are one airport in three languages. Yields the start and end
    of the words, the kind, and the start and end of the venue's own name. The words begin
    with the town a name written after its own may follow ("Madrid's Barajas airport",
    "des Madrider Flughafens Barajas": the venue's name is Barajas, its town Madrid). A
    German name after its noun is one word (every German noun is capitalised: "Flughafens
    Barajas Luxusuhren"), and a German name before it is its town's adjective, no name of
    its own (an empty name: "Am Flughafen" is no airport's name)."""
    if not _may_name_a_kind(text):  # most texts name no such venue: skip the patterns
        return
    for kind, pattern in _KIND_BEFORE.items():
        named_after: set[int] = set()
        for match in pattern.finditer(text):
            words = list(re.finditer(r"\S+", match["name"]))
            end = 1 if match["word"].casefold() in _GERMAN_KIND_WORDS else len(words)
            for index, word in enumerate(words[:end]):
                if not word.group()[:1].isupper() or word.group().casefold() in DETERMINERS:
                    end = index
                    break
            if end == 0 or match["word"].isupper():
                continue
            named_after.add(match.start("word"))
            stop = match.start("name") + words[end - 1].end()
            before = re.search(rf"(?<![\w'’-])({_NAME_WORD})\s+$", text[: match.start()])
            start = before.start(1) if before and before[1][:1].isupper() else match.start()
            yield start, stop, kind, match.start("name"), stop
        for match in _KIND_AFTER[kind].finditer(text):
            if match.start("word") in named_after:
                continue
            words = [
                word
                for word in re.finditer(r"\S+", match["name"])
                if word.group().casefold() != "international"
            ]
            start = len(words)
            while start > 0 and words[start - 1].group()[:1].isupper():
                start -= 1
            while start < len(words) and words[start].group().casefold() in DETERMINERS:
                start += 1
            own = start
            while own < len(words) - 1 and re.search(r"['’]s$", words[own].group()):
                own += 1
            if start == len(words):
                continue
            first = match.start("name") + words[start].start()
            name_start = match.start("name") + words[own].start()
            name_end = match.start("name") + words[-1].end()
            if match["word"].casefold() in _GERMAN_KIND_WORDS:  # "Frankfurter Flughafen"
                name_start = name_end
            yield first, match.end(), kind, name_start, name_end


# A town's district named by its number ("Sector 1", "im 1. Bezirk", "le 15e
# arrondissement", "the 14th arrondissement", "el distrito 3") ...
_NUMBERED_DISTRICT = re.compile(
    r"\b(?:Sector|District|Sektor|Bezirk|secteur|distrito|sector)\s+(?P<after>[1-9]\d?)\b"
    r"|\b(?P<before>[1-9]\d?)(?:\.|st|nd|rd|th|e|er|ème)\s+"
    r"(?:arrondissement|district|Bezirk|secteur|distrito)\b"
)
# ... and the historic centre every town has, one district whatever the language calls it
_OLD_TOWN = re.compile(
    r"\b(?:Old Town|old town|historic cent(?:re|er)|vieille ville|centre historique"
    r"|Altstadt|casco (?:antiguo|histórico|viejo)|centro histórico)\b"
)
OLD_TOWN = "old town"  # the name that keys every language's historic centre
# a rare word after it ending in a German noun this frequent ("Zapfen") is that noun, no name
OLD_TOWN_NOUN_TAIL_ZIPF = 3.0
# the one capitalised word right after the historic centre's word, its name ("in der Altstadt
# Alfama", "the old town Alfama")
_OLD_TOWN_NAME = re.compile(r"[ \u00a0](?P<name>[^\W\d_]+)\b(?![-'’])")


def local_districts(text: str) -> Iterator[tuple[int, int, str]]:
    """The districts of a town that ``text`` names by their number (:data:`_NUMBERED_DISTRICT`:
    "Sector 1" and "im 1. Bezirk" are one) or as its historic centre (:data:`_OLD_TOWN`: "the
    Old Town", "la vieille ville", "die Altstadt"): their start, end and the name that keys
    them in every language (the number, or :data:`OLD_TOWN`)."""
    for match in _NUMBERED_DISTRICT.finditer(text):
        yield match.start(), match.end(), match["after"] or match["before"]
    for match in _OLD_TOWN.finditer(text):
        yield match.start(), match.end(), OLD_TOWN


def old_town_name(text: str, end: int) -> tuple[int, str] | None:
    """The end and name of the one capitalised word right after a historic centre's word
    ending at ``end`` (:data:`_OLD_TOWN_NAME`: "in der Altstadt Alfama"), when it is a rare
    word (:func:`transform.entity_people._rare_name`) the gazetteer holds as no place, and
    no German compound ending in a noun (:data:`OLD_TOWN_NOUN_TAIL_ZIPF`: "in der Altstadt
    Eiszapfen ab", icicles): a town's name there ("Old Town Alexandria") is the town's
    centre."""
    named = _OLD_TOWN_NAME.match(text, end)
    if named is None or not _rare_name(named["name"]):
        return None
    if _german_compound(named["name"], OLD_TOWN_NOUN_TAIL_ZIPF):  # "Altstadt Eiszapfen ab"
        return None
    if entity_gazetteer.place_keys(named["name"]):
        return None
    return named.end(), named["name"]


_ROAD_NUMBER = r"[A-Z]{1,2}-?[1-9]\d{0,2}"
_ROAD_WORD = "|".join(sorted(ROAD_WORDS))
_ROAD = re.compile(
    rf"\b(?:{_ROAD_WORD})\s+(?P<before>{_ROAD_NUMBER})\b"
    rf"|\b(?P<after>{_ROAD_NUMBER})\s+(?:{_ROAD_WORD})\b",
    re.IGNORECASE,
)
_ROAD_NUMBER_ALONE = re.compile(rf"(?<![\w-])({_ROAD_NUMBER})(?![\w-])")
_ROAD_SPELLED = re.compile(
    rf"\b(?P<word>{'|'.join(sorted(ROAD_LETTER_WORDS))})\s+(?P<number>[1-9]\d{{0,2}})(?![\w-])",
    re.IGNORECASE,
)


def _spelled_roads(text: str) -> Iterator[tuple[int, int, str]]:
    """Every road ``text`` names by a word that spells its class and its number without the
    letter (:data:`ROAD_LETTER_WORDS`: "auf der Europastraße 16"): its start, end and number
    as the other languages write it (E16)."""
    for match in _ROAD_SPELLED.finditer(text):
        letter = ROAD_LETTER_WORDS[match["word"].casefold()]
        yield match.start(), match.end(), f"{letter}{match['number']}"


def road_numbers(text: str) -> frozenset[str]:
    """The numbers of the roads ``text`` names with a road word beside them
    (:data:`ROAD_WORDS`: "sur l'autoroute A7", "the A7 motorway", "la autovía A-4"), without
    their hyphen ("A-4" is the A4). A number alone ("A4 paper", "the G7") names no road."""
    written = frozenset(
        number.replace("-", "").upper()
        for match in _ROAD.finditer(text)
        for number in [match["before"] or match["after"]]
        if number[:1].isupper()
    )
    return written | {number for _, _, number in _spelled_roads(text)}


def road_venues(text: str, numbers: frozenset[str]) -> Iterator[tuple[int, int, str]]:
    """Every mention in ``text`` of a road of ``numbers`` (:func:`road_numbers` of the whole
    article), with its road word or without ("sur l'A7" in a title): its start, end and
    number. Where on its road a happening was tells it from another in the same town as a
    street does."""
    if not numbers:
        return
    for match in _ROAD_NUMBER_ALONE.finditer(text):
        number = match.group(1).replace("-", "")
        if number in numbers:
            yield match.start(), match.end(), number
    yield from _spelled_roads(text)


# A street named after a place: the word that makes it a street before the name ("calle
# Córdoba", "rue de Paris", "avenida de Madrid") or after it ("London Road", "Berliner Straße").
_STREET_BEFORE = re.compile(
    rf"\b(?:{'|'.join(sorted(STREET_WORDS))})\s+"
    r"(?:(?:de\s+la|de\s+los|de\s+las|del|de|des|du)\s+|d['’])?$",
    re.IGNORECASE,
)
# Capitalised ("a Tulsa street" is a street in Tulsa): STREET_NOUNS_AFTER and "Lane", "Platz",
# "Weg", "Damm", which it leaves out ("Lane" and "Damm" are surnames too): after a place's
# name they make a street.
_STREET_NOUNS = sorted(
    word.capitalize() for word in STREET_NOUNS_AFTER | {"lane", "platz", "weg", "damm"}
)
_STREET_AFTER = re.compile(rf"[ -]?(?:{'|'.join(_STREET_NOUNS)})\b")


def in_street_name(text: str, chunk: list[_Token], candidate: _Candidate) -> bool:
    """Whether a place candidate names a street, not the place: a shop "on calle Córdoba" in
    Rosario is not in Córdoba, and a fire in the "Berliner Straße" of Leipzig is not in
    Berlin."""
    start, end = chunk[candidate.start].start, chunk[candidate.end - 1].end
    return bool(
        _STREET_BEFORE.search(text, max(0, start - 40), start)
        or _STREET_AFTER.match(text, end, end + 20)
    )


_AFTER_TOWN = re.compile(r"[^\W\d_][\w.'’-]*,\s*$")


# The Associated Press's abbreviations of the US states, which American news writes after a
# town and a comma ("Chantilly, Va.", "Camden, N.J."), with the state's postal code; AP
# writes the other eight states (Alaska, Hawaii, Idaho, Iowa, Maine, Ohio, Texas, Utah) out.
AP_STATE_ABBREVIATIONS = {
    "Ala.": "AL",
    "Ariz.": "AZ",
    "Ark.": "AR",
    "Calif.": "CA",
    "Colo.": "CO",
    "Conn.": "CT",
    "Del.": "DE",
    "Fla.": "FL",
    "Ga.": "GA",
    "Ill.": "IL",
    "Ind.": "IN",
    "Kan.": "KS",
    "Ky.": "KY",
    "La.": "LA",
    "Md.": "MD",
    "Mass.": "MA",
    "Mich.": "MI",
    "Minn.": "MN",
    "Miss.": "MS",
    "Mo.": "MO",
    "Mont.": "MT",
    "Neb.": "NE",
    "Nev.": "NV",
    "N.H.": "NH",
    "N.J.": "NJ",
    "N.M.": "NM",
    "N.Y.": "NY",
    "N.C.": "NC",
    "N.D.": "ND",
    "Okla.": "OK",
    "Ore.": "OR",
    "Pa.": "PA",
    "R.I.": "RI",
    "S.C.": "SC",
    "S.D.": "SD",
    "Tenn.": "TN",
    "Vt.": "VT",
    "Va.": "VA",
    "Wash.": "WA",
    "W.Va.": "WV",
    "Wis.": "WI",
    "Wyo.": "WY",
}


def _state_codes_in(
    text: str, chunk: list[_Token], lexicon: _Lexicon, language: str
) -> Iterator[_Candidate]:
    """A US state's postal code or its AP abbreviation (:data:`AP_STATE_ABBREVIATIONS`) in
    English right after a town and a comma ("Camden, NJ", "Noblesville, IN", "Chantilly,
    Va."): the state, which says which of a name's towns is meant, not an acronym or a word.
    Alone the letters are as often one ("VA" the Veterans Affairs, "CT" a scan, "Miss.")."""
    if language != "en" or len(chunk) != 1:
        return
    token = chunk[0]
    written = token.text if token.text.endswith(".") else text[token.start : token.end + 1]
    code = AP_STATE_ABBREVIATIONS.get(written, token.text)
    state = lexicon.state_codes.get(code)
    if state is None or code.casefold() in _PLACE_ACRONYMS:
        return
    if _AFTER_TOWN.search(text, 0, token.start) is not None:
        places = tuple(p for p in lexicon.places.get(state, ()) if p.rank == 2)
        if places:
            yield _Candidate(0, 1, "place", places)


# Weights of the evidence that picks the reading of an ambiguous place name, in orders of
# magnitude of population (the prior): a reading is scored log10(population) plus these.
EVIDENCE_SPECIFIC = 0.75  # per other city or region of that country the article names (two at most)
EVIDENCE_COUNTRY = 0.5  # the article names that country ("US" is named in much English news)
EVIDENCE_HOME = 0.5  # the country is one where the article's language is spoken
ALTERNATE_ONLY = -1.0  # the words are only an alternate name of that city, not its own name
EVIDENCE_SOURCE = 0.75  # the publisher's site is under that country's top-level domain
REGION_PRIOR = WELL_KNOWN  # population assumed for a region, which the gazetteers give none
# A reading of a name this near a town the article names (unambiguously) is the one meant
# among the readings in its country: "Portland" beside "Biddeford" is the one in Maine.
NEARBY_KM = 150.0
# Country-code top-level domains that sites everywhere use for their letters (".tv", ".io"),
# which say nothing of where the publisher is.
GENERIC_CCTLDS = frozenset("ai cc co fm io ly me nu tk to tv ws".split())  # noqa: SIM905


@dataclass(frozen=True, slots=True)
class _Evidence:
    """What an article says about where it is, for :func:`_choose`."""

    countries: frozenset[str]  # countries it names
    specific: dict[str, int]  # country -> distinct unambiguous cities and regions it names there
    home: frozenset[str]  # countries where its language is spoken
    source: str | None = None  # the publisher's country, from its site's domain
    # (latitude, longitude) of the towns it names that have one reading only
    anchors: tuple[tuple[float, float], ...] = ()
    # (country, folded name) of the names it gives with readings in several countries whose
    # well-known cities all lie in that one ("Madrid": Madrid, Colombia is a town the world
    # does not mean unless told): evidence of that country for the other names
    settled: tuple[tuple[str, str], ...] = ()
    # (country, folded name) of the names it gives with readings in several countries, for
    # each country where a reading would be chosen with the help of one more name read there
    # (:func:`_plausible_countries`): read jointly, two such names lean to a country they share
    plausible: tuple[tuple[str, str], ...] = ()


@lru_cache(maxsize=1)
def _shared_country_weight() -> float:
    """``entity_shared_country_weight``, read once per process (the settings are parsed anew
    on each read)."""
    return float(load_settings().entity_shared_country_weight)


def _prior(place: _Place) -> float:
    population = place.population if place.rank == 1 else max(place.population, REGION_PRIOR)
    return math.log10(max(population, 1000))


def _choose(
    places: tuple[_Place, ...],
    evidence: _Evidence,
    surface: str,
    qualifier: frozenset[str] = frozenset(),
) -> _Place:
    """The place an ambiguous name means. A country always, unless the name is only another
    language's name of it that a bigger town abroad bears (:func:`_bigger_town_of_that_name`);
    else, when the name is qualified
    ("Bristol, Connecticut", "Córdoba (Argentina)"), a reading in the qualifying place's
    country; else the reading of the best score: population as the prior (log10, a region
    counted as a well-known city), plus evidence from the article (its other places, the
    countries it names, its language), less a penalty where the words are only an alternate
    name of that city ("Victoria" for Hong Kong), which is no reading at all in a country
    the article gives no sign of while a town where its language is spoken bears the words
    as its own name (:func:`_unsupported_alternate`). That picks the country; within it the
    reading nearest a town the article names with no other reading, where one is within
    :data:`NEARBY_KM` ("Portland" beside "Biddeford" is Portland, Maine), else a well-known city,
    else a region or a town of that very name, a region first ("Wien" is Vienna, "Porto" the
    district of Porto, "Bristol" in the US Bristol, not Independence, of which it is an
    alternate name)."""
    own = fold(surface)
    countries = [p for p in places if p.rank == 3]
    if countries and not _bigger_town_of_that_name(countries[0], places, surface):
        return countries[0]
    places = tuple(p for p in places if p.rank < 3)
    qualified = [p for p in places if p.country_code in qualifier]
    candidates = qualified or list(places)
    if any(p.rank == 1 and p.country_code in evidence.home and _named(p, own) for p in candidates):
        candidates = [p for p in candidates if not _unsupported_alternate(p, own, evidence)]

    weight = _shared_country_weight()

    def score(place: _Place) -> tuple[float, int, int]:
        return (round(_score(place, evidence, own, weight), 6), place.rank, place.population)

    country = max(candidates, key=score).country_code
    within = [p for p in candidates if p.country_code == country]
    nearest = _nearest(within, evidence.anchors)
    region_named = any(p.rank == 2 and _named(p, own) for p in within)
    # within that country the reading by the article's towns, else a well-known city (not one
    # named after a region the words name: :func:`_named_after`), else a region before a town,
    # the biggest first
    return max(
        within,
        key=lambda p: (
            p is nearest,
            p.rank == 1
            and p.population >= WELL_KNOWN
            and not (region_named and _named_after(p, own)),
            p.rank > 1 or _named(p, own),
            p.rank,
            p.population,
        ),
    )


def _bigger_town_of_that_name(country: _Place, places: tuple[_Place, ...], surface: str) -> bool:
    """Whether the words (``surface``) are only another language's name of ``country``
    while a town of another country, with more people than the whole country, bears them too:
    Spanish "Granada" is Grenada's name in Spanish and the own name of a city of 230,000 in
    Spain, twice Grenada's people; French "Grenade" is both's French name. As with any other
    name that several places bear, the bigger one is meant unless the article says otherwise,
    and a country's foreign name is no sign of its own; "Grenada", its own name, stays the
    country. ``places`` are the readings left (a region's only where written as a region:
    "Granada province"), the words' every reading in the gazetteer counts too."""
    own = fold(surface)
    if _named(country, own):
        return False
    every = entity_gazetteer.loaded_lexicon().places.get(" ".join(surface.split()).casefold(), ())
    return any(
        p.rank == 1 and p.country_code != country.country_code and p.population > country.population
        for p in (*places, *every)
    )


def _score(place: _Place, evidence: _Evidence, own: str, weight: float) -> float:
    """How likely a reading of the words (folded: ``own``) is meant: population as the prior
    plus the article's evidence (:func:`_choose`). Another name with a reading in the same
    country that would be chosen with that help (:attr:`_Evidence.plausible`) counts ``weight``
    (``entity_shared_country_weight``), as a place named there counts
    :data:`EVIDENCE_SPECIFIC`: two at most in all."""
    value = _prior(place)
    code = place.country_code or ""
    settled = {name for country, name in evidence.settled if country == code} - {own}
    shared = {name for country, name in evidence.plausible if country == code} - settled - {own}
    named = min(2, evidence.specific.get(code, 0) + len(settled))
    value += EVIDENCE_SPECIFIC * named + weight * min(2 - named, len(shared))
    value += EVIDENCE_COUNTRY * (code in evidence.countries)
    value += EVIDENCE_HOME * (code in evidence.home)
    value += EVIDENCE_SOURCE * (code == evidence.source)
    if place.rank == 1 and not _named(place, own):
        value += ALTERNATE_ONLY
    return value


def _plausible_countries(places: tuple[_Place, ...], evidence: _Evidence, own: str) -> set[str]:
    """The countries of a name's readings (folded: ``own``) whose best reading would be
    chosen with the help of one more name read in that country: with the name's own country
    always, those close enough to it that the article's other names may settle the name."""
    weight = _shared_country_weight()
    best: dict[str, float] = {}
    for place in places:
        code = place.country_code or ""
        best[code] = max(best.get(code, -math.inf), _score(place, evidence, own, weight))
    top = max(best.values())
    return {code for code, value in best.items() if code and value + weight >= top}


def _unsupported_alternate(place: _Place, own: str, evidence: _Evidence) -> bool:
    """Whether the words (folded: ``own``) are only an alternate name of a city in a country
    the article gives no sign of: it names neither that country nor another place there,
    nor is published there. :func:`_choose` drops such a reading when a town of a country
    where the article's language is spoken bears the words as its own name: a Spanish report
    naming "el club de montaña de Alzira" means the Valencian town, not Algiers, one of whose
    many foreign names is "Alzira"; a French report naming "Valence" beside Séville and Bilbao
    still means Valencia, its French name."""
    code = place.country_code or ""
    return (
        place.rank == 1
        and not _named(place, own)
        and code not in evidence.countries
        and not evidence.specific.get(code)
        and all(country != code for country, _ in evidence.settled)
        and code != evidence.source
    )


def _named_after(city: _Place, own: str) -> bool:
    """Are these words (folded: ``own``) a proper part of a city's own name, the city smaller
    than :data:`BIG_CITY`? Then the city is named after the region of that name ("Oklahoma
    City", "Johor Bahru", "San Miguel de Tucumán"), and the words alone name the region; a
    city that big is meant by its short name all the same ("New York")."""
    name = fold(city.name)
    return city.population < BIG_CITY and name != own and f" {own} " in f" {name} "


def _nearest(places: list[_Place], anchors: tuple[tuple[float, float], ...]) -> _Place | None:
    """The one of several readings nearest one of ``anchors``, when within
    :data:`NEARBY_KM` of it."""
    if len(places) < 2 or not anchors:
        return None
    distances = [
        (min(distance_km((p.lat, p.lon), anchor) for anchor in anchors), index)
        for index, p in enumerate(places)
        if p.lat is not None and p.lon is not None
    ]
    best = min(distances, default=None)
    return places[best[1]] if best is not None and best[0] <= NEARBY_KM else None


def _signs(evidence: _Evidence) -> dict[str, int]:
    """Per country, the signs an article gives of being set there: the places it names that
    have no other reading, the well-known cities whose readings all lie there
    (:attr:`_Evidence.settled`), the country named or its adjective."""
    signs: dict[str, int] = defaultdict(int)
    for country, count in evidence.specific.items():
        signs[country] += count
    for country, _ in evidence.settled:
        signs[country] += 1
    for country in evidence.countries:
        signs[country] += 1
    return signs


def _set_elsewhere(
    place: _Place, places: tuple[_Place, ...], evidence: _Evidence, surface: str
) -> bool:
    """Is ``place`` a town too small to be named without "in" in a country the article gives
    no sign of (:func:`_signs`), while it is set in another (two signs there)? Or a region the
    words (``surface``) are only a translated or other name of, among readings in several
    countries, in a country it gives no sign of, while it gives one of another? Then the name
    is a local place the gazetteer lacks ("el barrio Belén" of Medellín is no Belén of Peru; a
    racing yard in Chantilly, "the heart of French flat racing", in a report from Paris, is no
    town of Virginia; "la parroquia de San Pablo" in a report from Zaragoza is no parish of
    Antigua, whose Saint Paul pycountry's Spanish names so), not that place abroad. A region's
    own name ("Kerala" in a Spanish report) is left to its reading: a region is named alone
    abroad as a well-known city is."""
    small_town = place.rank == 1 and place.population < SMALL_TOWN
    other_name = (
        place.rank == 2
        and not _named(place, fold(surface))
        and len(_countries_of(places)) > 1  # "the Canaries" name no other place
    )
    if not (small_town or other_name):
        return False
    code = place.country_code or ""
    own = _countries_of(places) == {code}  # counted as a specific place there itself
    signs = _signs(evidence)
    if signs.get(code, 0) > own:
        return False
    needed = 2 if small_town else 1
    return any(count >= needed for country, count in signs.items() if country != code)


# French puts the contracted article before a region or a country, never before a city
# (whose name may hold one: "Le Havre", "au Havre"): "au Québec" is the province, "à Québec"
# the city.
_FRENCH_CONTRACTED_ARTICLE = re.compile(r"\b(?:au|du)\s+$", re.IGNORECASE)


def _after_french_article(
    text: str, start: int, places: tuple[_Place, ...], language: str
) -> tuple[_Place, ...]:
    """The readings of a name at ``start`` of ``text``: only its regions and countries after
    the French contracted article, where it has such readings."""
    if language != "fr" or not _FRENCH_CONTRACTED_ARTICLE.search(text, max(0, start - 4), start):
        return places
    return tuple(p for p in places if p.rank >= 2) or places


def _countries_of(places: tuple[_Place, ...]) -> set[str]:
    return {p.country_code for p in places if p.country_code}


def source_country(domain: str | None) -> str | None:
    """The ISO 3166-1 country of a publisher's site by its country-code top-level domain
    ("bbc.co.uk" -> "GB", "lemonde.fr" -> "FR"); None for ".com", ".org" and the country
    codes used as generic ones (:data:`GENERIC_CCTLDS`)."""
    if not domain:
        return None
    label = domain.rsplit(":", 1)[0].rstrip(".").rsplit(".", 1)[-1].casefold()
    if len(label) != 2 or not label.isalpha() or label in GENERIC_CCTLDS:
        return None
    code = "GB" if label == "uk" else label.upper()
    return code if code in entity_gazetteer.loaded_lexicon().countries else None


# The adjectives of the most newsworthy nations (no installed package gives demonyms): per
# country, the English form (capitalised) and the German, French and Spanish stems (written
# small, inflected by :data:`_ADJECTIVE_ENDINGS`).
_NATIONALITY_ADJECTIVES: dict[str, tuple[str, str, str, str]] = {
    "AR": ("Argentine", "argentinisch", "argentin", "argentin"),
    "AT": ("Austrian", "österreichisch", "autrichien", "austriac"),
    "AU": ("Australian", "australisch", "australien", "australian"),
    "BE": ("Belgian", "belgisch", "belge", "belg"),
    "BR": ("Brazilian", "brasilianisch", "brésilien", "brasileñ"),
    "CA": ("Canadian", "kanadisch", "canadien", "canadiens"),
    "CH": ("Swiss", "schweizerisch", "suisse", "suiz"),
    "CL": ("Chilean", "chilenisch", "chilien", "chilen"),
    "CN": ("Chinese", "chinesisch", "chinois", "chin"),
    "CO": ("Colombian", "kolumbianisch", "colombien", "colombian"),
    "CZ": ("Czech", "tschechisch", "tchèque", "chec"),
    "DE": ("German", "deutsch", "allemand", "alemán"),
    "DK": ("Danish", "dänisch", "danois", "danés"),
    "EG": ("Egyptian", "ägyptisch", "égyptien", "egipci"),
    "ES": ("Spanish", "spanisch", "espagnol", "español"),
    "FI": ("Finnish", "finnisch", "finlandais", "finlandés"),
    "FR": ("French", "französisch", "français", "francés"),
    "GB": ("British", "britisch", "britannique", "británic"),
    "GR": ("Greek", "griechisch", "grec", "grieg"),
    "HU": ("Hungarian", "ungarisch", "hongrois", "húngar"),
    "IE": ("Irish", "irisch", "irlandais", "irlandés"),
    "IL": ("Israeli", "israelisch", "israélien", "israelí"),
    "IN": ("Indian", "indisch", "indien", "indi"),
    "IR": ("Iranian", "iranisch", "iranien", "iraní"),
    "IT": ("Italian", "italienisch", "italien", "italian"),
    "JP": ("Japanese", "japanisch", "japonais", "japonés"),
    "KE": ("Kenyan", "kenianisch", "kényan", "kenian"),
    "MA": ("Moroccan", "marokkanisch", "marocain", "marroquí"),
    "MX": ("Mexican", "mexikanisch", "mexicain", "mexican"),
    "NG": ("Nigerian", "nigerianisch", "nigérian", "nigerian"),
    "NL": ("Dutch", "niederländisch", "néerlandais", "neerlandés"),
    "NO": ("Norwegian", "norwegisch", "norvégien", "norueg"),
    "NZ": ("New Zealand", "neuseeländisch", "néo-zélandais", "neozelandés"),
    "PE": ("Peruvian", "peruanisch", "péruvien", "peruan"),
    "PH": ("Filipino", "philippinisch", "philippin", "filipin"),
    "PK": ("Pakistani", "pakistanisch", "pakistanais", "paquistaní"),
    "PL": ("Polish", "polnisch", "polonais", "polac"),
    "PT": ("Portuguese", "portugiesisch", "portugais", "portugués"),
    "RO": ("Romanian", "rumänisch", "roumain", "ruman"),
    "RU": ("Russian", "russisch", "russe", "rus"),
    "SE": ("Swedish", "schwedisch", "suédois", "suec"),
    "SO": ("Somali", "somalisch", "somalien", "somalí"),
    "TR": ("Turkish", "türkisch", "turc", "turc"),
    "UA": ("Ukrainian", "ukrainisch", "ukrainien", "ucranian"),
    "US": ("American", "amerikanisch", "américain", "estadounidense"),
    "ZA": ("South African", "südafrikanisch", "sud-africain", "sudafrican"),
}
_ADJECTIVE_LANGUAGES = ("en", "de", "fr", "es")
# the endings of gender, number and case the German, French and Spanish stems take
_ADJECTIVE_ENDINGS = r"(?:e|er|en|es|em|s|a|as|o|os|ne|nes)?"


@lru_cache(maxsize=4)
def _nationality_adjectives(language: str) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """The country adjectives of ``language`` that qualify a common noun (in English before
    a word written small, "a Spanish tuna boat", not "the Indian Ocean"; elsewhere written
    small themselves, "un atunero español", "ein deutscher Frachter", not "Deutsche Bahn"),
    and the country of each form the pattern's group 1 matches."""
    if language not in _ADJECTIVE_LANGUAGES:
        return None
    column = _ADJECTIVE_LANGUAGES.index(language)
    by_form = {forms[column]: code for code, forms in _NATIONALITY_ADJECTIVES.items()}
    alternatives = "|".join(re.escape(f) for f in sorted(by_form, key=len, reverse=True))
    if language == "en":
        return re.compile(rf"\b({alternatives}) (?=[a-z])"), by_form
    return re.compile(rf"\b({alternatives}){_ADJECTIVE_ENDINGS}\b"), by_form


@lru_cache(maxsize=1)
def _english_adjectives() -> frozenset[str]:
    """The English country adjectives (:data:`_NATIONALITY_ADJECTIVES`): alone before a
    venue word written small, one qualifies a common noun ("swans killed in Danish park"),
    it names no venue."""
    return frozenset(forms[0] for forms in _NATIONALITY_ADJECTIVES.values())


def countries_by_adjective(text: str, language: str) -> frozenset[str]:
    """The countries ``text`` names by the adjective of their nation qualifying a noun: where
    the happening's ship, firm or people are from is evidence of that country for the
    article's other names (a small town "based in Bermeo" beside "a Spanish tuna boat"), as
    a country named outright is; it is no place the article names."""
    adjectives = _nationality_adjectives(language)
    if adjectives is None:
        return frozenset()
    pattern, by_form = adjectives
    return frozenset(by_form[match.group(1)] for match in pattern.finditer(text))


# What an English headline's adjective of a nation qualifies, when it places the happening: a
# settlement, a resort, a coast ("French Riviera resort", "Italian Adriatic resort", "Danish
# fishing port"), not the people, firms or ships it is about ("French rider", "Danish ship")
_TITLE_PLACE_NOUNS = SETTLEMENT_WORDS | frozenset(
    "resort port harbour harbor island coast region province capital".split()  # noqa: SIM905
)
# above this share of capitalised words a headline is in title case: no word is told apart
_TITLE_CASE_SHARE = 0.6


def _adjective_before_place_noun(
    between: str, after: str
) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """An English nation's adjective, then ``between`` (the words it may stand apart by), then a
    place noun (:data:`_TITLE_PLACE_NOUNS`) and ``after``; with each adjective's country."""
    adjectives = _nationality_adjectives("en")
    if adjectives is None:
        return None
    _, by_form = adjectives
    forms = "|".join(re.escape(f) for f in sorted(by_form, key=len, reverse=True))
    nouns = "|".join(sorted(_TITLE_PLACE_NOUNS))
    return re.compile(rf"\b({forms}){between} (?:{nouns}){after}"), by_form


@lru_cache(maxsize=1)
def _title_place_pattern() -> tuple[re.Pattern[str], dict[str, str]] | None:
    return _adjective_before_place_noun(r"(?: [\w'’-]+){0,2}?", r"s?\b")


def title_countries_by_adjective(title: str, language: str) -> frozenset[str]:
    """The countries an English headline names by the adjective of their nation before a
    place it qualifies, within three words (:data:`_TITLE_PLACE_NOUNS`: "French Riviera resort
    bans swimming", "Danish fishing port"): where its happening is. A headline in title case,
    or in another language, names none so."""
    words = title.split()
    pattern = _title_place_pattern() if language == "en" else None
    if pattern is None or sum(w[:1].isupper() for w in words) > _TITLE_CASE_SHARE * len(words):
        return frozenset()
    found, by_form = pattern
    return frozenset(by_form[m.group(1)] for m in found.finditer(title))


@lru_cache(maxsize=1)
def _one_place_by_adjective_pattern() -> tuple[re.Pattern[str], dict[str, str]] | None:
    return _adjective_before_place_noun(r"(?: (?!(?:and|or)\b)[\w'’-]+){0,2}?", r"(?![\w'’-])")


def one_place_countries_by_adjective(text: str, language: str) -> list[tuple[int, str]]:
    """Where English prose names one place by the adjective of its nation, within three words
    before a place noun in the singular ("In the German town of Bocholt", "the French Alpine
    town of Gap", "the southern Austrian province of Carinthia"), and that nation's country:
    (start, ISO code), in the text's order. The place is of that country whether or not a
    gazetteer knows its name. A plural or a list ("in French and German towns") sums several
    up, and another language's adjectives follow the noun: none are read."""
    pattern = _one_place_by_adjective_pattern() if language == "en" else None
    if pattern is None:
        return []
    found, by_form = pattern
    return [(m.start(), by_form[m.group(1)]) for m in found.finditer(text)]


@lru_cache(maxsize=1)
def _title_adjective_list_pattern() -> (
    tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, str]] | None
):
    adjectives = _nationality_adjectives("en")
    if adjectives is None:
        return None
    _, by_form = adjectives
    forms = "|".join(re.escape(f) for f in sorted(by_form, key=len, reverse=True))
    plurals = "|".join(sorted(map(_plural, _TITLE_PLACE_NOUNS)))
    nouns = "|".join(sorted({*_TITLE_PLACE_NOUNS, *map(_plural, _TITLE_PLACE_NOUNS)}))
    each = rf"(?:{forms})(?: [\w'’-]+)? (?:{nouns})"  # "Spanish province", "Austrian ski towns"
    adjectives_and = rf"\b(?:{forms})(?:\s*,\s*(?:{forms}))*,?\s+and\s+(?:{forms})"
    listed = re.compile(
        rf"{adjectives_and}(?: [\w'’-]+){{0,2}}? (?:{plurals})\b"
        rf"|\b{each}\s+and\s+(?:the\s+)?{each}\b"
    )
    any_plural = re.compile(rf"{adjectives_and}(?: [\w'’-]+){{0,2}}? [\w'’-]+s\b")
    return listed, any_plural, re.compile(rf"\b({forms})\b"), by_form


def _plural(noun: str) -> str:
    """The English plural of a place noun ("town" -> "towns", "city" -> "cities")."""
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("sh", "ch", "s")) else "s")


def title_countries_listed_by_adjective(
    title: str, language: str, *, in_one_span: bool = False
) -> tuple[str, ...]:
    """The countries an English headline lists by the adjectives of their nations, joined by
    "and", before the places they qualify, a plural ("Arsonists torch cars in French and German
    towns"), or each before its own place ("Austrian towns and Spanish province run low on
    salt"): a round-up's sides named by adjective, as "in France and Germany" names them by
    place (:func:`title_countries_by_adjective` reads one adjective, where one happening is).
    One place shared ("Storm batters French and Spanish coast") is no list. With
    ``in_one_span`` (the headline says the happenings fell in one span: "on same night"), any
    plural they qualify lists them ("Cheese thieves hit French and Italian dairies on same
    night"), as "Italian and Austrian ministers meet" does not. In the title's order; none in a
    headline in title case or in another language (their adjectives follow the noun)."""
    words = title.split()
    pattern = _title_adjective_list_pattern() if language == "en" else None
    if pattern is None or sum(w[:1].isupper() for w in words) > _TITLE_CASE_SHARE * len(words):
        return ()
    listed, any_plural, adjective, by_form = pattern
    found = (any_plural.search(title) if in_one_span else None) or listed.search(title)
    if found is None:
        return ()
    return tuple(dict.fromkeys(by_form[m.group(1)] for m in adjective.finditer(found.group(0))))


# A journey's destination: after a vehicle's noun or a verb of heading somewhere ("flights to
# New York, Boston and Chicago", "a flight from Manchester to Orlando", "crossing into Greece",
# "bound for Lisbon", "der Zug nach Graz", "un vol à destination de Montréal", "rumbo a Cádiz"),
# and every name listed after it. Where a journey was to end says nothing of where the article
# is, so it is no evidence for the reading of its other names; the departure ("from
# Manchester") and where a journey was turned ("diverted to Shannon") are. Grammatical.
_DEPARTURE = r"(?P<departure>{0}\s*(?-i:[A-ZÀ-Þ][\w'’\-]*(?:\s+[A-ZÀ-Þ][\w'’\-]*){{0,3}})\s+)?"
_JOURNEY_NOUNS = {
    "en": r"(?:flights?|jets?|planes?|aircraft|airliners?|trains?|express|services?|ferry|ferries"
    r"|ships?|vessels?|bus|buses|coach|coaches|lorry|lorries|trucks?|routes?|crossings?"
    r"|journeys?|trips?|voyages?)",
    "de": r"\w*(?:zug|zuges|züge|flug|fluges|flüge|flugzeug|flieger|maschine|schiff|bus|busse[ns]?"
    r"|fähre|fähren|lkw|verbindung)",
    "fr": r"(?:trains?|vols?|avions?|navires?|bus|cars?|camions?|ferrys?|liaisons?|trajets?"
    r"|voyages?)",
    "es": r"(?:trenes|tren|vuelos?|aviones|avión|barcos?|buques?|autobús|autobuses|camión"
    r"|camiones|ferris?|trayectos?|viajes?)",
}
# per language: the departure's preposition, the destination's after a vehicle's noun, and
# the cues that name a destination alone
_JOURNEY_CUES = {
    "en": (
        r"(?:from)",
        r"(?:to|into)",
        (
            r"(?:bound|headed|destined)\s+for|en\s+route\s+to|heading\s+(?:to|for)"
            r"|continued?\s+to|continuing\s+to"
        ),
    ),
    "de": (r"(?:von|aus)", r"nach", r"unterwegs\s+nach|weiter\s+nach|in\s+Richtung|Richtung"),
    "fr": (
        r"(?:de|d['’])",
        r"(?:vers|pour|à\s+destination\s+(?:de\s+|d['’]))",
        r"à\s+destination\s+(?:de\s+|d['’])|en\s+direction\s+(?:de\s+|d['’])|en\s+route\s+vers",
    ),
    "es": (
        r"(?:de|desde)",
        r"(?:a|hacia|con\s+destino\s+a)",
        r"con\s+destino\s+a|rumbo\s+a|en\s+dirección\s+a",
    ),
}
_DESTINATION_NAME = r"(?:the\s+)?(?-i:[A-ZÀ-Þ][\w'’\-]*(?:\s+[A-ZÀ-Þ][\w'’\-]*)*)"
_DESTINATION_RUN = (
    rf"(?P<run>{_DESTINATION_NAME}(?:(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|und|oder|et|ou|y|o)\s+)"
    rf"{_DESTINATION_NAME})*)"
)
_DESTINATION_PATTERNS = {
    lang: re.compile(
        rf"\b(?:{nouns}\s+{_DEPARTURE.format(_JOURNEY_CUES[lang][0])}{_JOURNEY_CUES[lang][1]}"
        rf"|{_JOURNEY_CUES[lang][2]})\s*{_DESTINATION_RUN}",
        re.IGNORECASE,
    )
    for lang, nouns in _JOURNEY_NOUNS.items()
}
# "an Orlando-bound jet", "a Florida flight", "ein Mallorca-Flug": the name before it is a
# flight's end, named for the journey, not for where the article is (a town's own bus or train
# runs in it: "a London bus" stays London's)
_FLIGHT_END_AFTER = re.compile(
    r"^(?:-bound\b|\s+flights?\b|-(?:flug|fluges|flüge|flügen)\b)", re.IGNORECASE
)


@lru_cache(maxsize=256)
def destination_spans(body: str, language: str) -> tuple[tuple[int, int], ...]:
    """Where ``body`` names a journey's destinations (:data:`_DESTINATION_PATTERNS`), as
    (start, end) offsets of each run of names after the cue."""
    pattern = _DESTINATION_PATTERNS.get(language, _DESTINATION_PATTERNS["en"])
    return tuple(match.span("run") for match in pattern.finditer(body))


# A journey turned somewhere on the way ("desviar un avión a Ponta Delgada", "forced to divert
# the plane to Shannon", "die Maschine nach Athen umleiten"): where it was turned is where the
# happening is, no journey's end.
_TURNED = re.compile(
    r"\b(?:divert|diverted|diverting|diverts|reroute[ds]?|rerouting|umgeleitet|umleiten"
    r"|umleitete|dérout\w*|détourn\w*|desvi\w*)\b",
    re.IGNORECASE,
)
# how near a journey's noun (before it, or after its destination in German) such a verb turns it
_TURNED_WITHIN = 12
# A name right before a flight's end cue ("an Orlando-bound jet", "on Florida flight").
_FLIGHT_END_NAME = re.compile(
    r"(?-i:[A-ZÀ-Þ][\w'’]*(?:\s+[A-ZÀ-Þ][\w'’]*)?)(?=-bound\b|\s+flights?\b"
    r"|-(?:flug|fluges|flüge|flügen)\b)",
    re.IGNORECASE,
)


def journey_end_spans(body: str, language: str) -> tuple[tuple[int, int], ...]:
    """Where ``body`` names a journey's ends: the departure and the destinations a journey's
    noun or cue names (:data:`_DESTINATION_PATTERNS`: "a flight from Manchester to Orlando",
    "bound for Lisbon"), unless a verb of turning the journey stands right before it
    (:data:`_TURNED`), and a flight's end named before its cue (:data:`_FLIGHT_END_NAME`:
    "Orlando-bound", "a Florida flight"). Where a journey began or was to end is not where
    its happening is (a disturbance aboard, a landing where it was turned)."""
    pattern = _DESTINATION_PATTERNS.get(language, _DESTINATION_PATTERNS["en"])
    spans = [
        (
            match.start("departure") if match.group("departure") else match.start("run"),
            match.end("run"),
        )
        for match in pattern.finditer(body)
        if not _TURNED.search(body, max(0, match.start() - _TURNED_WITHIN), match.start() + 1)
        and not _TURNED.search(body, match.end("run"), match.end("run") + _TURNED_WITHIN)
    ]
    for match in _FLIGHT_END_NAME.finditer(body):
        first, _, rest = match.group(0).partition(" ")
        if first.casefold() not in DETERMINERS:
            spans.append(match.span())
        elif rest:  # "The Orlando-bound jet": the name after the article
            spans.append((match.end() - len(rest), match.end()))
    return tuple(spans)


def _named_as_destination(item: _Found, language: str) -> bool:
    """Whether the place ``item`` is named as a journey's destination (:func:`destination_spans`)
    or a flight's end ("Orlando-bound", "a Florida flight")."""
    start = item.chunk[item.candidate.start].start
    end = item.chunk[item.candidate.end - 1].end
    if _FLIGHT_END_AFTER.match(item.body[end:]):
        return True
    return any(low <= start < high for low, high in destination_spans(item.body, language))


def _article_evidence(
    found: list[_Found],
    language: str,
    source: str | None = None,
    by_adjective: frozenset[str] = frozenset(),
) -> _Evidence:
    """The countries an article names, outright or by their adjective (``by_adjective``,
    :func:`countries_by_adjective`); per country how many distinct places it names there
    that have one reading only (or all of whose readings lie in that country); the names
    whose well-known cities all lie in one (:attr:`_Evidence.settled`); and where the towns
    with one reading only are."""
    countries: set[str] = set(by_adjective)
    specific: dict[str, set[str]] = {}
    anchors: list[tuple[float, float]] = []
    settled: set[tuple[str, str]] = set()
    ambiguous: dict[str, tuple[_Place, ...]] = {}  # folded name -> its readings
    for item in found:
        places = item.candidate.places
        if item.candidate.kind != "place" or not places or _named_as_destination(item, language):
            continue
        if places[0].rank == 3:
            surface = _surface(item.body, item.chunk, item.candidate.start, item.candidate.end)
            if not _bigger_town_of_that_name(places[0], places, surface):
                countries.update(_countries_of(places[:1]))
                continue
            places = tuple(p for p in places if p.rank < 3)  # "Granada": the towns'
        codes = _countries_of(places)
        if len(codes) == 1:
            specific.setdefault(codes.pop(), set()).add(places[0].key)
        else:
            own = fold(_surface(item.body, item.chunk, item.candidate.start, item.candidate.end))
            ambiguous.setdefault(own, places)
            known = _countries_of(tuple(p for p in places if _well_known_own(p, own)))
            if len(known) == 1:
                settled.add((known.pop(), own))
        if len(places) == 1 and places[0].lat is not None and places[0].lon is not None:
            anchors.append((places[0].lat, places[0].lon))
    evidence = _Evidence(
        frozenset(countries),
        {code: len(keys) for code, keys in specific.items()},
        HOME_COUNTRIES[language],
        source,
        tuple(anchors),
        tuple(sorted(settled)),
    )
    if _shared_country_weight() <= 0 or len(ambiguous) < 2:
        return evidence
    plausible = {
        (code, own)
        for own, places in ambiguous.items()
        for code in _plausible_countries(places, evidence, own)
    }
    return replace(evidence, plausible=tuple(sorted(plausible)))


def _well_known_own(place: _Place, own: str) -> bool:
    """A well-known city whose own name the words are (folded: ``own``)."""
    return place.rank == 1 and place.population >= WELL_KNOWN and _named(place, own)


_QUALIFIER_GAP = re.compile(r"^\s*[,(]\s*(?:(?P<article>[^\W\d_]+)\s+|[lL]['’])?$")
# "Cordoba in southern Spain", "Lucena in Spain": a town placed in a country by "in", the
# country's part named or not
_IN_COUNTRY_GAP = re.compile(
    r"^\s+in\s+(?:(?:the\s+)?(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+"
    r"|central\s+)?$",
    re.IGNORECASE,
)


def _qualifier(found: list[_Found], index: int) -> frozenset[str]:
    """The countries of a region or country written right after a place ("Bristol,
    Connecticut", "Córdoba (Argentina)", "Saint-Paul (La Réunion)": an article may open the
    qualifier), or of a country the place is said to be in, where it has a reading ("Cordoba
    in southern Spain"), which say which reading is meant."""
    item = found[index]
    if index + 1 >= len(found):
        return frozenset()
    following = found[index + 1]
    if following.in_title != item.in_title or following.candidate.kind != "place":
        return frozenset()
    end = item.chunk[item.candidate.end - 1].end
    start = following.chunk[following.candidate.start].start
    gap = _QUALIFIER_GAP.match(item.body[end:start])
    article = gap.group("article") if gap else None
    if _IN_COUNTRY_GAP.match(item.body[end:start]):
        # a country it has a reading in; else "in" says where it happened, not which it is
        countries = _countries_of(tuple(p for p in following.candidate.places if p.rank == 3))
        return frozenset(countries & _countries_of(item.candidate.places))
    if not gap or (article and article.casefold() not in DETERMINERS):
        return frozenset()
    return frozenset(
        p.country_code for p in following.candidate.places if p.rank >= 2 and p.country_code
    )


def town_of_qualifier(found: list[_Found], index: int, qualifier: frozenset[str]) -> str | None:
    """The country of a town whose qualifier names a country none of its readings lies in
    ("Saint-Gilles (La Réunion)": the gazetteer knows only the Brussels commune; "CHATEAU-D'OEX,
    Switzerland, Jan 29 -": it knows no town of that name): a town there the gazetteer lacks.
    The qualifier is one country, named as a country or in brackets, or a region of a country
    where GeoNames' smaller sets hold a town of that very name ("Chantilly, Oise": the
    gazetteer holds only Chantilly, Virginia; "Glastonbury, Somerset"; "BEAVERTON, Ontario",
    a village of 3,000 in the smallest set, not the Oregon city), and every reading of
    the name is a town, none well known: "Tokyo, France and Italy" and "Sweden, Denmark and
    Germany" are lists. ``qualifier`` is what :func:`_qualifier` reads for ``found[index]``."""
    item = found[index]
    places = item.candidate.places
    if len(qualifier) != 1 or any(p.country_code in qualifier for p in places):
        return None
    if any(p.rank > 1 or p.population >= WELL_KNOWN for p in places):
        return None
    following = found[index + 1]
    (country,) = qualifier
    end = item.chunk[item.candidate.end - 1].end
    start = following.chunk[following.candidate.start].start
    bracketed = "(" in item.body[end:start]
    named = any(p.rank == 3 and p.country_code == country for p in following.candidate.places)
    surface = _surface(item.body, item.chunk, item.candidate.start, item.candidate.end)
    small = country in entity_gazetteer.small_town_countries(surface) or (
        entity_gazetteer.small_town_in(country, surface)
    )
    return country if bracketed or named or small else None


_REGION_NOUN_BEFORE = re.compile(
    rf"\b(?:{'|'.join(sorted(REGION_NOUNS_BEFORE))})\s+(?:(?:[^\W\d_]+\s+)?"
    r"(?:of|de|del|du|de\s+la|d['’])\s*)?$",
    re.IGNORECASE,
)
_REGION_NOUN_AFTER = re.compile(rf"^\s+(?:{'|'.join(sorted(REGION_NOUNS_AFTER))})\b")


def town_of_its_name(name: str, places: tuple[_Place, ...]) -> bool:
    """Whether one of the readings (``places``) of ``name`` is a town of that very name. A town
    that bears a region's name as its own (Lagos, Puebla, Salzburg) is meant by the name alone
    as often as its region ("the Lagos state government", "the port of Lagos"); a name that is
    only an old or alternate name of a city (Recife, once "Pernambuco") is not."""
    own = fold(name)
    return any(p.rank == 1 and _named(p, own) for p in places)


def old_name_of_a_town(name: str, places: tuple[_Place, ...]) -> bool:
    """Whether every reading (``places``) of ``name`` is a town that bears it only as an old
    or alternate name, none as its own ("Hispalis", Seville's Latin name). A region's short
    name ("Shetland" for the Shetland Islands) is its own in all but the gazetteer's spelling."""
    own = fold(name)
    return all(p.rank == 1 and not _named(p, own) for p in places)


def town_of_its_own_name(name: str, places: tuple[_Place, ...], evidence: _Evidence) -> str | None:
    """The country of a town GeoNames' smallest set holds under ``name`` as its own name, when
    every reading (``places``) is a town that holds the name only among the other names a
    bilingual country's towns keep as their own (``other_names``: "Levi" is one of Lévis,
    Quebec's), not as its name or a plain spelling of it, and the article gives more signs of
    that country (:func:`_signs`) than of any reading's (of several such countries, the one it
    gives most signs of), the name's own reading not counted: a place is called by its own
    name at home, and the article says where home is ("near the ski resort of Levi in Finnish
    Lapland"). A reading by its own name (Chantilly, Virginia; Lindau) is never so moved, nor
    one by a mere alternate name (Graz's "Graca", Breda's "Brenta"), which the rules for a
    place set elsewhere read already (:func:`_set_elsewhere`)."""
    folded = fold(name)
    if not places or any(
        p.rank != 1
        or folded not in p.other_names
        or folded == fold(p.name)
        or folded in plain_spellings(p.name)
        for p in places
    ):
        return None
    theirs = _countries_of(places)
    signs = _signs(evidence)
    if len(theirs) == 1:  # the name's one reading counts as a specific place there
        signs[next(iter(theirs))] -= 1
    rival = max((signs.get(c, 0) for c in theirs), default=0)
    homes = [
        c
        for c in signs
        if c not in theirs and signs[c] > rival and entity_gazetteer.small_town_in(c, name)
    ]
    return max(homes, key=lambda c: (signs[c], c), default=None)


def written_as_region(body: str, start: int, end: int, places: tuple[_Place, ...]) -> bool:
    """Whether the name from ``start`` to ``end`` of ``body`` is written with a region noun
    (:data:`REGION_NOUNS_BEFORE`: "the state of Pernambuco", "im Bundesstaat Pernambuco",
    "the province of Alicante"; :data:`REGION_NOUNS_AFTER`: "Brazil's Pernambuco state",
    "Alicante province") and one of its readings (``places``) is a region of that very name:
    there, the region, even where a town bears its name ("Orihuela, in the province of
    Alicante" names no second town)."""
    if all(p.rank != 2 for p in places):  # a cheap first look: most names read no region
        return False
    own = fold(body[start:end])
    if not any(p.rank == 2 and _named(p, own) for p in places):
        return False
    before = body[max(0, start - 40) : start]
    return bool(
        _REGION_NOUN_BEFORE.search(before) or _REGION_NOUN_AFTER.match(body[end : end + 12])
    )


def _as_qualifier(found: list[_Found], index: int, surface: str) -> tuple[_Place, ...]:
    """The readings of a place; only its regions and countries where it qualifies the place
    before it ("Tulsa, Oklahoma" is the state, not Oklahoma City, of which "Oklahoma" is only
    an alternate name; "Albany, New York" and "Saguenay, Quebec" the state and the province,
    though well-known cities have those very names), unless both are well-known cities: a list
    ("Madrid, Barcelona")."""
    places = found[index].candidate.places
    previous = found[index - 1] if index > 0 else None
    if (
        previous is None
        or previous.candidate.kind != "place"
        or not previous.candidate.places
        or not _qualifier(found, index - 1)
    ):
        return places
    before = max((p.population for p in previous.candidate.places if p.rank == 1), default=0)
    if _biggest_own(places, surface) >= WELL_KNOWN and before >= WELL_KNOWN:
        return places
    return tuple(p for p in places if p.rank >= 2) or places


_DATELINE_WORD = (
    r"(?:S[Tt][Ee]?\.(?=[ \u00a0][A-ZÀ-ÖØ-Þ])|[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’.-][^\W\d_]+)*)"
)
_DATELINE_PLACE = (
    rf"{_DATELINE_WORD}(?:[ \u00a0](?:(?:de|del|da|do|am|an|la|le|el|sur)[ \u00a0])?"
    rf"{_DATELINE_WORD}){{0,3}}"
)
# A wire dateline at the start of the text or of a paragraph: the town (or towns) the report
# was filed from (a saint's abbreviation inside its name: "ST. GOAR (RRD) -"), a date and/or
# the agency in brackets, a dash ("OSLO, Nov 10 (Reuters) -", "MÜNCHEN (dpa) -", "Lima, 10
# nov (EFE) -").
_DATELINE = re.compile(
    rf"^[ \t]*(?P<places>{_DATELINE_PLACE}(?:\s*/\s*{_DATELINE_PLACE})*)"
    rf"(?:\s*\((?P<area>{_DATELINE_PLACE})\)(?=\s*,))?"
    rf"(?:\s*,\s*(?P<region>{_DATELINE_PLACE}))?"
    r"(?:\s*,\s*(?P<date>[^\W_][\w. ]{0,22}?))?"
    r"\s*(?:\((?P<agency>[^\n()]{2,40})\))?"
    r"\s*[-–—]{1,2}\s",
    re.MULTILINE,
)


def qualified_town_places(lexicon: _Lexicon, town: str, qualifier: str) -> tuple[_Place, ...]:
    """The towns a German name and the river or region written after a slash name
    ("Frankfurt/Oder", "Halle/Saale"): the gazetteer's "Frankfurt (Oder)", "... am ..." or
    "... an der ...", none when it holds no town so named."""
    town, qualifier = town.casefold(), qualifier.casefold()
    for written in (
        f"{town} ({qualifier})",
        f"{town} am {qualifier}",
        f"{town} an der {qualifier}",
    ):
        places = lexicon.places.get(written)
        if places:
            return places
    return ()


def is_dateline(match: re.Match[str]) -> bool:
    """Whether a :data:`_DATELINE` match is a wire dateline: it holds a date with a figure or
    an agency in brackets ("OSLO, Nov 10 -", "MÜNCHEN (dpa) -"); a sentence that only opens
    like one ("In Paris, ten people - ...") is prose."""
    date, agency = match.group("date"), match.group("agency")
    return bool(agency) or bool(date and any(c.isdigit() for c in date))


def _datelines(
    text: str, tokens: list[_Token], lexicon: _Lexicon, language: str
) -> Iterator[tuple[int, int, list[_Candidate], list[_Token]]]:
    """The datelines of ``text``: (start, end, the places as candidates over the dateline's
    tokens, those tokens). A dateline needs a date with a figure or an agency in brackets; its
    towns are places (the gazetteer's, looked up in their usual case, else a place of that name
    when written in capitals, as datelines are, and no common word), never organisations. The
    agency names the report's source, not what it tells of, so it is no mention. A country or
    region after the town ("SHENZHEN, China, Nov 10 -", "SAINT-PAUL (La Réunion), 29 janv -")
    is a place too."""
    for match in _DATELINE.finditer(text):
        if not is_dateline(match):
            continue
        start, end = match.start("places"), match.end("places")
        inside = [t for t in tokens if start <= t.start and t.end <= end]
        candidates: list[_Candidate] = []
        first = 0
        for index in range(len(inside) + 1):
            if index < len(inside) and "/" not in text[inside[first].end : inside[index].start]:
                continue
            words = text[inside[first].start : inside[index - 1].end]
            places = lexicon.places.get(" ".join(words.split()).casefold()) or (
                lexicon.places.get(plain(words))
            )
            qualified = (
                qualified_town_places(
                    lexicon, text[inside[candidates[-1].start].start : inside[first - 1].end], words
                )
                if places is None and candidates
                else ()
            )
            if qualified:  # "Frankfurt/Main (dpa) -": one town, its river after the slash
                candidates[-1] = _Candidate(candidates[-1].start, index, "place", qualified)
                first = index
                continue
            if places is None and (
                not words.isupper()
                or (
                    # a saint's word before the name makes a town of it, a saint's name
                    # that is a common word or first name too ("ST. ULRICH", "ST. GOAR")
                    words.split()[0].rstrip(".").title() not in SAINT_WORDS
                    and any(
                        _zipf(word.casefold(), language) >= 4.0
                        for word in words.split()
                        if word.rstrip(".").title() not in SAINT_WORDS  # "PORT ST. LUCIE"
                    )
                )
            ):
                break  # "In Paris, 10 people ... -", "UPDATE (Reuters) -": no town
            candidates.append(_Candidate(first, index, "place", places or (), town=not places))
            first = index
        else:
            # "SHENZHEN, China, Nov 10 -", "SAINT-PAUL (La Réunion), 29 janv -": its country
            side = "area" if match.group("area") else "region"
            if match.group(side):
                words, at_start, at_end = match.group(side), *match.span(side)
                region = [t for t in tokens if at_start <= t.start and t.end <= at_end]
                areas = tuple(
                    p
                    for p in lexicon.places.get(" ".join(words.split()).casefold(), ())
                    if p.rank > 1
                )
                if areas:
                    at = len(inside)
                    inside = inside + region
                    candidates.append(_Candidate(at, len(inside), "place", areas))
            yield match.start("places"), match.end(), candidates, inside
