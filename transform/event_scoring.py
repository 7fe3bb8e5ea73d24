"""The event policy as pure functions: which terms find candidates, how a stored article
links a new one to its event, how an event is scored, which event an article joins and which
events it bridges into one, and which member titles an event.

load/stories.py retrieves the rows (postings, stored vectors, centroids) and keeps the state;
every decision on them is taken here. Vectors are TF-IDF weighted (transform/events.py).
"""

from __future__ import annotations

import functools
import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

from transform import entities, entity_aliases
from transform import events as ev
from transform.entity_words import (
    GERMAN_FEATURE_WORDS,
    KIND_VENUE_WORDS_BEFORE,
    NAME_PARTICLES,
    fold,
)
from transform.html_lang import normalize_language
from wirehouse.settings import DEFAULTS

if TYPE_CHECKING:
    from wirehouse.settings import Settings

Vector = Mapping[str, float]
# the entity terms that can take a role (str.startswith takes them all at once)
_ROLE_PREFIXES = (ev.PERSON_PREFIX, ev.ORGANIZATION_PREFIX, ev.PLACE_PREFIX, ev.VESSEL_PREFIX)
# the names every language writes alike: people, vessels and places
_NAME_PREFIXES = (ev.PERSON_PREFIX, ev.VESSEL_PREFIX, ev.PLACE_PREFIX)
# a place no gazetteer holds, named with a feature word ("Farewell Spit", "River Waal")
_FEATURE_PREFIX = f"{ev.PLACE_PREFIX}{ev.NO_COUNTRY}:name:"
# a town's district, named by a district word ("le quartier des Chartrons", "Stadtteil X")
_DISTRICT_PREFIX = f"{ev.PLACE_PREFIX}{ev.NO_COUNTRY}:district:"
# a venue in a town, named by a German compound ("am Osthafen", "des Südbahnhofs")
_VENUE_PREFIX = f"{ev.PLACE_PREFIX}{ev.NO_COUNTRY}:venue:"
_REGION_MARK = ":iso3166-2:"  # in a region's place term ("g:es:iso3166-2:ES-GA")


# a venue named by its kind and its town ("Liege Airport", "Flughafen Lüttich"): named for
# its town, it says which town more than where in it, and takes no part in Roles.venue
_KIND_VENUE_PREFIXES = tuple(f"{_VENUE_PREFIX}{kind}:" for kind in KIND_VENUE_WORDS_BEFORE)
_LOCAL_PREFIXES = (_DISTRICT_PREFIX, _VENUE_PREFIX)  # places within a town
# the particles that join a venue's name to its town's ("Santa Lucía de Haro", "San Pietro di
# Bologna", "Saint-Louis du Havre"): _venues_without_their_town
_TOWN_PARTICLES = frozenset({"de", "del", "di", "du", "da", "do", "of"})
# names that, shared, say "the same happening" as a person's full name does: a place within a
# town, a named vessel
# a town no gazetteer holds, read by a dateline, a settlement word or a saint's name ("near
# St. Goar"): as rare a name as a venue's
_UNKNOWN_TOWN_PREFIX = f"{ev.PLACE_PREFIX}{ev.NO_COUNTRY}:town:"
_SPECIFIC_PREFIXES = (*_LOCAL_PREFIXES, _UNKNOWN_TOWN_PREFIX, ev.VESSEL_PREFIX)
COMMUTE_KM = float(DEFAULTS["event_commute_km"])  # WIREHOUSE_EVENT_COMMUTE_KM's default
_LAST_DAY = 31  # a figure up to this may be a day of the month (Roles.figures)
_FIRST_YEAR, _LAST_YEAR = 1900, 2100  # one within these may be a year
_SPLIT_ROUNDS = 10  # two-means rounds of second_community (it settles in a few)
_SPLIT_SEEDS = 3  # members second_community starts a part from
# how far from a city's centre its districts lie (Madrid's Chamberí 2 km, Carabanchel 3 km):
# a town further out is a neighbour, which reports of one happening may place it by
# (Salamanca, 20 km from Irapuato, for a pipeline blast at Valtierrilla)
_CITY_PART_KM = 10.0


@dataclass(frozen=True, slots=True)
class Roles:
    """Who and where an article (or event) is about, read from its raw entity terms: its main
    actor, main organization and main place (the heaviest person/organization/place, if it
    weighs at least :func:`main_level`), and every person, organization and country of a place
    it names that weighs that much too. A name said once, in passing ("hours after an
    avalanche in Austria killed two"), is not what the article is about, and says nothing of
    which happening it reports."""

    actor: str | None
    place_country: str | None
    people: frozenset[str]
    countries: frozenset[str]
    town: str | None = None  # the heaviest main place that is a town (entities.town_keys, or
    # one it lacks: _unknown_town) or a region named like one (_town_of), else the only town
    # named, in the body (_sole_town)
    towns: frozenset[str] = frozenset()  # every main place that is a town, and that town
    named_people: frozenset[str] = frozenset()  # every person named, however often
    named_countries: frozenset[str] = frozenset()  # every country of a place named
    organization: str | None = None  # the heaviest main organization
    organizations: frozenset[str] = frozenset()  # every main organization
    named_organizations: frozenset[str] = frozenset()  # every organization named
    named_towns: frozenset[str] = frozenset()  # every town named, however often
    # with no main place and no town, the country of most places named (_country_of_most), else
    # the one country its titles name by adjective (_titled_country)
    most_country: str | None = None
    features: frozenset[str] = frozenset()  # every main place named as a natural feature
    # where in its town: the district it names most, when it outweighs every other district
    # it names (_local_place)
    local: str | None = None
    # every district named twice or more: a district or street named once is as often an
    # address in passing (a strike union's depot, a shelter opened elsewhere) as where a
    # happening was
    districts: frozenset[str] = frozenset()
    venue: str | None = None  # the venue it names most, as for local (_local_place)
    venues: frozenset[str] = frozenset()  # every venue named twice or more
    sole_town: bool = False  # its town is no main place, only the one town it names
    vessel: str | None = None  # the heaviest main vessel: the ship the happening is on
    vessels: frozenset[str] = frozenset()  # every main vessel
    named_vessels: frozenset[str] = frozenset()  # every vessel named
    towns_twice: frozenset[str] = frozenset()  # every town named twice or more (_town_of)
    # the towns, features and regions it names only where it tells of another happening, none of them
    # a main place of its own (transform.events.elsewhere_terms): where its happening is not
    elsewhere: frozenset[str] = frozenset()
    # every organization named whose every naming only quotes it as a source
    # (transform.events.quoted_terms): its words, not what it did
    quoted_organizations: frozenset[str] = frozenset()
    # every person and organization named whose every naming is a voice of the town a report
    # was filed from, elsewhere (transform.events.bureau_terms): not the happening's own
    bureau_voices: frozenset[str] = frozenset()
    # its town is only a region it names that bears a town's name ("County Cork" read as Cork:
    # _town_of), not the town itself
    regional_town: bool = False
    # every venue named by its kind and its town (_KIND_VENUE_PREFIXES), however often
    sites: frozenset[str] = frozenset()
    # every capitalised phrase of its title and lead (ev.ENTITY_PREFIX terms, folded), a name
    # recognized or not: "a hamlet in Semanu" names a district no word marks as one
    phrases: frozenset[str] = frozenset()
    # every country it names as often as a main place but bare (_bare_country): none of its
    # towns named, beside another country's; where its happening came from ("a puppy smuggled
    # from Morocco" in a report set in Mérignac) or one it is compared with
    origins: frozenset[str] = frozenset()
    # its country (most_country) is only the one its titles name by adjective (_titled_country)
    country_by_title: bool = False
    # every person and organization named whose every naming gives an office that speaks for a
    # town or a state (transform.events.authority_terms): a mayor, a prosecutor, a governor
    authorities: frozenset[str] = frozenset()
    # every figure of its title and lead (ev.NUMBER_PREFIX terms: "38 farm workers freed"),
    # written alike in every language; none that may be a date's day or year (_date_like)
    figures: frozenset[str] = frozenset()
    # every main place that is a region (a state, province or district: _REGION_MARK)
    regions: frozenset[str] = frozenset()
    # every person named whose every naming introduces them as an academic
    # (transform.events.expert_terms): a professor, a historian at a university
    experts: frozenset[str] = frozenset()
    # every person named whose every naming is in a paragraph that tells of another happening
    # (transform.events.other_happening_people): that happening's actor, not this one's
    other_happening_people: frozenset[str] = frozenset()
    # every main place that is a town of no known country (a ``town:`` key the gazetteer
    # lacks, read from a dateline or a settlement noun, whose name GeoNames places in no one
    # country: "LAMBALLE (...) -"), and every such town named, however often
    villages: frozenset[str] = frozenset()
    named_villages: frozenset[str] = frozenset()


def _date_like(figure: str) -> bool:
    """Whether a figure may be a date's day or year ("Dec 25", "am 25. Dezember", "2027"):
    two reports of one day share it, whatever happened."""
    if not figure.isdigit():
        return False
    value = int(figure)
    return value <= _LAST_DAY or _FIRST_YEAR <= value <= _LAST_YEAR


def main_level(weight: float) -> float:
    """The least raw weight of a main role: an entity named three times, or named in a title
    and once more (:func:`transform.events.entity_terms`). A name said once, even in a
    headline, makes no main role: a headline alone does not say who leads the story."""
    return weight * (1.0 + math.log(3.0)) - 1e-9


def roles(raw: Vector, weight: float, commute_km: float = COMMUTE_KM) -> Roles:
    """The :class:`Roles` of a raw (un-weighted) term vector or centroid; ``weight`` is the
    entity weight the vectors were built with, ``commute_km`` how near two towns are one
    locality (:attr:`EventPolicy.commute_km`)."""
    level = main_level(weight)
    venue_level = weight * (1.0 + math.log(2.0)) - 1e-9  # a venue named twice
    actor, actor_weight = None, 0.0
    place_country, place_weight = None, 0.0
    town, town_weight = None, 0.0
    organization, organization_weight = None, 0.0
    people, countries, towns, organizations, features = set(), set(), set(), set(), set()
    regions: set[str] = set()
    districts: set[str] = set()
    venues: set[str] = set()
    sites: set[str] = set()
    named_districts: dict[str, float] = {}  # district term -> its weight
    named_venues: dict[str, float] = {}
    named_people, named_countries, named_organizations = set(), set(), set()
    vessel, vessel_weight = None, 0.0
    vessels: set[str] = set()
    named_vessels: set[str] = set()
    towns_twice: set[str] = set()
    named_towns: dict[str, str] = {}  # place term -> the town it stands for (_town_of)
    place_votes: dict[str, int] = defaultdict(int)  # country -> places named there
    # countries of a place named twice in the text, not once in a title (a headline's one
    # mention says nothing), and too seldom for a main place
    repeated: set[str] = set()
    inside: dict[str, int] = defaultdict(int)  # country -> its towns and regions named
    main_countries: list[tuple[float, str]] = []  # main places that are countries: see below
    told_elsewhere: set[str] = set()
    quoted: dict[str, float] = {}  # organization term -> the weight of its source term
    bureau: dict[str, float] = {}  # person or organization term -> the weight of its bureau term
    authority: dict[str, float] = {}  # the same, for its authority term
    expert: dict[str, float] = {}  # the same, for its expert term
    told_apart: dict[str, float] = {}  # the same, for its other-happening person term
    phrases: set[str] = set()
    titled: set[str] = set()  # countries its titles name by their adjective
    figures: set[str] = set()
    places: dict[str, float] = {}  # raw's place terms: all that the town checks below read
    villages: set[str] = set()
    named_villages: set[str] = set()
    for term, value in raw.items():
        if ":" not in term:  # a plain word (most terms): every tagged term's prefix has ":"
            continue
        if term.startswith(ev.NUMBER_PREFIX):
            if not _date_like(term[len(ev.NUMBER_PREFIX) :]):
                figures.add(term)
            continue
        if term.startswith(ev.ENTITY_PREFIX):
            phrases.add(fold(term[len(ev.ENTITY_PREFIX) :]))
            continue
        if term.startswith(ev.BUREAU_PREFIX):
            bureau[term[len(ev.BUREAU_PREFIX) :]] = value
            continue
        if term.startswith(ev.AUTHORITY_PREFIX):
            authority[term[len(ev.AUTHORITY_PREFIX) :]] = value
            continue
        if term.startswith(ev.EXPERT_PREFIX):
            expert[term[len(ev.EXPERT_PREFIX) :]] = value
            continue
        if term.startswith(ev.OTHER_HAPPENING_PERSON_PREFIX):
            told_apart[term[len(ev.OTHER_HAPPENING_PERSON_PREFIX) :]] = value
            continue
        if term.startswith(ev.ELSEWHERE_PREFIX):
            told_elsewhere.add(ev.PLACE_PREFIX + term[len(ev.ELSEWHERE_PREFIX) :])
            continue
        if term.startswith(ev.SEAT_PREFIX):  # its own government's seat: a place inside it
            inside[_country(ev.PLACE_PREFIX + term[len(ev.SEAT_PREFIX) :])] += 1
            continue
        if term.startswith(ev.SOURCE_PREFIX):
            quoted[ev.ORGANIZATION_PREFIX + term[len(ev.SOURCE_PREFIX) :]] = value
            continue
        if term.startswith(ev.TITLE_COUNTRY_PREFIX):
            titled.add(term[len(ev.TITLE_COUNTRY_PREFIX) :])
            continue
        if not term.startswith(_ROLE_PREFIXES):  # most terms are words: they take no role
            continue
        if term.startswith(ev.PLACE_PREFIX):
            places[term] = value
        is_country = False
        if term.startswith(ev.PERSON_PREFIX):
            named_people.add(term)
        elif term.startswith(ev.ORGANIZATION_PREFIX):
            named_organizations.add(term)
        elif term.startswith(ev.VESSEL_PREFIX):
            named_vessels.add(term)
        elif (named_country := _country(term)) != ev.NO_COUNTRY:
            named_countries.add(named_country)
            place_votes[named_country] += 1
            if venue_level <= value < 2.0 * weight - 1e-9:
                repeated.add(named_country)
            is_country = term in _country_terms()
            if not is_country:
                inside[named_country] += 1
            as_town = _town_of(term)
            if as_town is not None and (value >= venue_level or not _unknown_town(term)):
                named_towns[term] = as_town
                if value >= venue_level:
                    towns_twice.add(as_town)
        elif term.startswith(_UNKNOWN_TOWN_PREFIX):
            named_villages.add(term)
            if value >= level:
                villages.add(term)
            if (small_town_country := _small_town_country(term)) is not None:
                inside[small_town_country] += 1
        elif term.startswith(_DISTRICT_PREFIX):
            named_districts[term] = value
            if value >= venue_level:
                districts.add(term)
        elif term.startswith(_VENUE_PREFIX):
            if term.startswith(_KIND_VENUE_PREFIXES):
                sites.add(term)
            else:
                named_venues[term] = value
            if value >= venue_level:
                venues.add(term)
        if value < level:
            continue
        if term.startswith(ev.PERSON_PREFIX):
            people.add(term)
            if (value, term) > (actor_weight, actor or ""):
                actor, actor_weight = term, value
        elif term.startswith(ev.ORGANIZATION_PREFIX):
            organizations.add(term)
            if (value, term) > (organization_weight, organization or ""):
                organization, organization_weight = term, value
        elif term.startswith(ev.VESSEL_PREFIX):
            vessels.add(term)
            if (value, term) > (vessel_weight, vessel or ""):
                vessel, vessel_weight = term, value
        elif term.startswith(ev.PLACE_PREFIX):
            country = _country(term)
            if country == ev.NO_COUNTRY:
                if term.startswith(_FEATURE_PREFIX):
                    features.add(term)
                continue
            if is_country:
                main_countries.append((value, term))
                continue
            countries.add(country)
            if _REGION_MARK in term:
                regions.add(term)
            if (value, term) > (place_weight, place_country or ""):
                place_country, place_weight = country, value
            as_town = named_towns.get(term)
            if as_town is not None:
                towns.add(as_town)
                if (value, as_town) > (town_weight, town or ""):
                    town, town_weight = as_town, value
    placing = [(v, t) for v, t in main_countries if not _bare_country(_country(t), inside)]
    countries.update(_country(t) for _, t in placing)
    heaviest = max(placing, default=None)
    if (
        heaviest
        and heaviest > (place_weight, place_country or "")
        and not _tied_countries(placing, heaviest[0])
    ):
        place_country, place_weight = _country(heaviest[1]), heaviest[0]
    if named_venues:
        named_venues, venues = _venues_without_their_town(
            named_venues, venues, phrases, venue_level
        )
    if town is not None and _outweighed_by_a_town_of_no_country(places, town_weight, level):
        towns.discard(town)
        town = None
    sole_town = False
    if town is None and not _unknown_main_town(places, level):
        town = _sole_town(named_towns, places, weight, commute_km)
        if town and place_country and _country(town) != place_country:
            town = None  # "the foreign office in Berlin said" in a report on Albania
        sole_town = town is not None
        towns.update((town,) if town else ())
    most_country = (
        _country_of_most(place_votes, repeated) if place_country is None and town is None else None
    )
    by_title = place_country is None and town is None and most_country is None
    if by_title:
        most_country = _titled_country(titled)
    return Roles(
        actor,
        place_country,
        frozenset(people),
        frozenset(countries),
        town,
        frozenset(towns),
        frozenset(named_people),
        frozenset(named_countries),
        organization,
        frozenset(organizations),
        frozenset(named_organizations),
        frozenset(named_towns.values()),
        most_country,
        frozenset(features),
        _local_place(named_districts),
        frozenset(districts),
        _local_place(named_venues),
        frozenset(venues),
        sole_town,
        vessel,
        frozenset(vessels),
        frozenset(named_vessels),
        frozenset(towns_twice),
        frozenset(told_elsewhere - towns - features - regions - {town}),
        _marked_throughout(quoted, raw),
        _marked_throughout(bureau, raw),
        town is not None and town not in raw,
        frozenset(sites),
        frozenset(phrases),
        frozenset(t for _, t in main_countries) - {t for _, t in placing},
        by_title and most_country is not None,
        _marked_throughout(authority, raw),
        frozenset(figures),
        frozenset(regions),
        _marked_throughout(expert, raw),
        _marked_throughout(told_apart, raw),
        frozenset(villages),
        frozenset(named_villages),
    )


def _venues_without_their_town(
    named: Mapping[str, float], twice: set[str], phrases: set[str], venue_level: float
) -> tuple[dict[str, float], set[str]]:
    """The venues a side names (``named``, with their weights; ``twice``: those named twice or
    more), each named with a particle and a name the side writes on its own (one of its
    ``phrases``, a capitalised name of its title or lead) read without them: "la Cooperativa
    Vinícola Santa Lucía de Haro" in a report titled "... en una bodega de Haro" is the
    venue Santa Lucía, of Haro, which the first report names "la Cooperativa Vinícola Santa
    Lucía" in a report from Haro. The tail is the town the venue lies in, which a report adds
    or leaves out as it likes (the recognizer reads it so when it knows the town:
    :func:`transform.entities._venues_of_their_towns`; a town below the gazetteer's floor it
    does not know)."""
    out: dict[str, float] = {}
    for term, value in named.items():
        short = _venue_without_its_town(term, phrases)
        out[short] = out.get(short, 0.0) + value
    shortened = {_venue_without_its_town(t, phrases) for t in twice}
    return out, shortened | {t for t, value in out.items() if value >= venue_level}


def _venue_without_its_town(term: str, phrases: set[str]) -> str:
    """A venue term (:data:`_VENUE_PREFIX`) less a tail of a particle and one of ``phrases``
    (:func:`_venues_without_their_town`), else ``term``."""
    if term.startswith(_KIND_VENUE_PREFIXES):
        return term
    words = term[len(_VENUE_PREFIX) :].split()
    for k in range(1, len(words) - 1):
        if words[k] in _TOWN_PARTICLES and " ".join(words[k + 1 :]) in phrases:
            return _VENUE_PREFIX + " ".join(words[:k])
    return term


def _titled_country(titled: set[str]) -> str | None:
    """The one country a side's titles name by its nation's adjective (``titled``: the
    countries of its :data:`transform.events.TITLE_COUNTRY_PREFIX` terms), for a side whose
    places settle none (no main place, no town, no country of most places): "French Riviera
    resort bans swimming", over a report that names Toulon once and, in its last paragraph,
    the day's other closures in Torrevieja, Spain, and in Italy. Titles naming two say none."""
    return next(iter(titled)) if len(titled) == 1 else None


def _marked_throughout(marked: Mapping[str, float], raw: Vector) -> frozenset[str]:
    """The terms of ``marked`` (a term -> the weight of its mark) whose mark weighs what the
    term weighs in ``raw``: summed over an event's reports, every report naming it marks it."""
    return frozenset(
        t for t, value in marked.items() if value >= raw.get(t, math.inf) * (1.0 - 1e-9)
    )


@functools.cache
def _country_terms() -> frozenset[str]:
    """The place terms of the gazetteer's countries."""
    return frozenset(
        ev.entity_term("place", key, code) for key, code in entities.country_codes().items()
    )


def _bare_country(country: str, inside: Mapping[str, int]) -> bool:
    """Whether a country a side names often enough to be its main place is only the country
    of another happening: the side names none of its towns and regions (``inside``: country
    -> its towns and regions named) and two or more of another country's. A report places its
    own happening by town or region; a country named bare beside them is one it compares
    ("Mexico fuel pipeline blast toll rises to 11, echoing Nigeria disaster", a report that
    names Guanajuato, Salamanca and León), where its citizens come from, or who reacted."""
    return not inside.get(country) and any(
        count >= 2 for other, count in inside.items() if other != country
    )


def _tied_countries(placing: Sequence[tuple[float, str]], heaviest: float) -> bool:
    """Whether two or more of the countries a side makes main places (``placing``: weight and
    term) weigh as much as the heaviest: a report that names them alike ("recall widens to
    Austria and Denmark", "storms hit France and Spain") is about neither one, and the town
    it names, if any (:func:`_sole_town`), says where it is: the Hamburg firm's recall."""
    return sum(1 for value, _ in placing if value >= heaviest - 1e-9) > 1


def _local_place(named: Mapping[str, float]) -> str | None:
    """Where in its town a side (an article or an event) is set: of the districts (or venues)
    it names, ``named`` with their weights, the one it names most (read from "le quartier des
    Chartrons" or "the Bastide district"), when it outweighs every other. A report that names
    two districts alike (its own and, in passing, the other hold-up's) says nothing of which
    is its own."""
    weights = sorted(((value, term) for term, value in named.items()), reverse=True)
    if not weights or (len(weights) > 1 and weights[1][0] >= weights[0][0] - 1e-9):
        return None
    return weights[0][1]


def _unknown_main_town(raw: Vector, level: float) -> bool:
    """Whether a side makes a town the gazetteer lacks one of its main places (a
    ``town:`` term, read from "à Deauville" or "the Deauville stud": a town under its
    population floor; with no country, so no town of :func:`roles`): it is set there, and a
    town it names once in passing (the racing town of another yard's outbreak) is not its
    one town (:func:`_sole_town`)."""
    return any(
        value >= level and _unknown_town(term)
        for term, value in raw.items()
        if term.startswith(ev.PLACE_PREFIX)
    )


def _outweighed_by_a_town_of_no_country(raw: Vector, town_weight: float, level: float) -> bool:
    """Whether a side makes a town of no known country (a ``town:`` key the gazetteer lacks,
    read from "la finca de Vilafant (Girona)" or "the village of Vilafant") one of its main
    places, and names it more than its heaviest town of the gazetteer: the happening is in the
    village, and the city (the bureau a dateline names, where an official spoke: "BARCELONA,
    1 dic - ... dijo en Barcelona la directora general") is a place in passing, no town of its
    own that would hold it apart from the village's other reports (:func:`conflict`)."""
    return any(
        value >= level and value > town_weight + 1e-9
        for term, value in raw.items()
        if term.startswith(_UNKNOWN_TOWN_PREFIX)
    )


def _sole_town(
    named_towns: Mapping[str, str], raw: Vector, weight: float, commute_km: float
) -> str | None:
    """The one locality an article names (``named_towns``: each place term of its vector
    ``raw`` that stands for a town, and that town): its heaviest town, when every other town
    it names lies within ``commute_km`` of it (:func:`_one_locality`: a plant in Vénissieux,
    south of Lyon) and it names that town in its body: where the happening is, however seldom
    the report repeats it (a strike report that says "Bilbao" twice and no other town). A
    headline alone still makes no role: a title mention weighs ``2 * weight`` at least
    (:func:`transform.events.entity_terms`)."""
    if not named_towns:
        return None
    term = max(named_towns, key=lambda t: (raw[t], t))
    town = named_towns[term]
    if not all(_one_locality(town, other, commute_km) for other in named_towns.values()):
        return None
    if (
        raw[term] >= 2.0 * weight - 1e-9
        or _another_town_titled(town, raw, weight, commute_km)
        or _another_country_titled(town, raw, weight)
    ):
        return None
    return town


def _another_town_titled(
    town: str, raw: Mapping[str, float], weight: float, commute_km: float
) -> bool:
    """Whether the title of a side (``raw``) names a town (of the gazetteer, or one it
    lacks, of a known country or none: "Diebstahl in St. Florian") that is not ``town`` and
    not of its locality: the headline says where the happening is, and the one town its body
    names, once ("the university in Kraków he claimed to come from"), is a place in passing."""
    for term, value in raw.items():
        if value < 2.0 * weight - 1e-9 or not term.startswith(ev.PLACE_PREFIX) or term == town:
            continue
        titled = _town_of(term) or (term if _unknown_town(term) else None)
        if titled is None or titled == town:
            continue
        if _country(titled) == ev.NO_COUNTRY or _country(titled) != _country(town):
            return True
        if not _one_locality(titled, town, commute_km):
            return True
    return False


def _another_country_titled(town: str, raw: Mapping[str, float], weight: float) -> bool:
    """Whether the title of a side (``raw``) names one country by its name, not ``town``'s:
    the headline says the happening is there ("Trois alpinistes grenoblois blessés ... en
    Italie"), and the one town its body names in another country, once (the climbers' home, the
    bureau a dateline names), is a place in passing, as beside a country named often enough to
    be its main place (:func:`roles`) or a town the title names (:func:`_another_town_titled`).
    A title naming two countries or more ("recall widens to Austria and Denmark", "un mort en
    Italie, une rescapée en Pologne") names where the goods went or a round-up's sides, and
    the one town says where the report is."""
    countries = _country_terms()
    titled = {
        _country(term)
        for term, value in raw.items()
        if value >= 2.0 * weight - 1e-9 and term in countries
    }
    return len(titled) == 1 and _country(town) not in titled


def _country_of_most(votes: Mapping[str, int], repeated: frozenset[str] | set[str]) -> str | None:
    """The country of most of the places a side names (``votes``: country -> places of it
    named), none of them often enough to be its main place: two or more of its places (towns,
    regions, the country itself) lie there and more than in every other country together. A
    report on Belgian controllers' sick notes names Brussels, Liège and Charleroi once or
    twice each, and Paris and Amsterdam once, where flights were cancelled: it is about
    Belgium, not about a strike in France. So is a side every place of which lies in one
    country, one of them named twice in its text (``repeated``: the countries of such places;
    not a headline's one mention, which says nothing of where a story is: held to that too,
    UCI seed 7 fell 0.820 to 0.806): a turbine's fall near a town the gazetteer lacks, told by
    a report that names only Scotland, twice, is no turbine's fall in Germany."""
    if not votes:
        return None
    country = max(votes, key=lambda c: (votes[c], c))
    most = votes[country]
    if len(votes) == 1 and country in repeated:
        return country
    return country if most >= 2 and 2 * most > sum(votes.values()) else None


def same_person(a: str, b: str, in_play: frozenset[str] = frozenset()) -> bool:
    """Two person terms name one person when they are equal or one is the other's surname
    alone: an article that only says "President Obama" names "p:obama", one that gives the
    full name once names "p:barack obama" (the recognizer reads a later surname alone as
    the full name of the same article, but cannot across articles). The surname is that
    person only while no other full name ``in_play`` (the people both sides name) ends in it:
    beside "p:helene lefevre" and "p:marc lefevre", "p:lefevre" could be either."""
    if a == b:
        return True
    short, full = (a, b) if len(a) < len(b) else (b, a)
    ending = " " + short[len(ev.PERSON_PREFIX) :]
    if " " in short or not full.endswith(ending):
        return False
    return not any(name != full and name.endswith(ending) for name in in_play)


def _one_named(a: str, b: str, in_play: frozenset[str]) -> bool:
    """Whether two main actors may be one person: :func:`same_person`, or one's name of two
    words or more is the other's with words more after it (:func:`_in_full`: a Spanish
    title's "Jordi Casals", which its report keeps for the lead's "Jordi Casals Ferrer", and
    another report's "Jordi Casals Ferrer") or before it (:func:`_surnames_of`: both surnames
    alone, "Cebrián Lozano"; a word the recognizer read into the name, "l'ouvreur du XV de
    France Théo Mauriac" as "France Théo Mauriac"). Two names of two words are a first name and
    a surname each, or both surnames: one more word before or after them is the same person's
    name written in full, not another person."""
    return (
        same_person(a, b, in_play)
        or _in_full(a, b, in_play)
        or _in_full(b, a, in_play)
        or _surnames_of(a, b)
        or _surnames_of(b, a)
    )


def _in_full(short: str, full: str, in_play: frozenset[str]) -> bool:
    """Whether a person term of two words or more is another's first words (``full``), and no
    other person in play (``in_play``) begins with them: "p:jordi casals" of "p:jordi casals
    ferrer", not beside "p:jordi casals pujol". One word alone (a first name) is not read so."""
    if " " not in short[len(ev.PERSON_PREFIX) :] or not full.startswith(short + " "):
        return False
    return not any(name != full and name.startswith(short + " ") for name in in_play)


def _names(actor: str, people: frozenset[str], in_play: frozenset[str]) -> bool:
    """Whether ``people`` name ``actor`` (:func:`same_person`, whose tests this loop makes
    without a call per person: conflicts ask it of every pair of candidate roles)."""
    if actor in people:
        return True
    surname = " " + actor[len(ev.PERSON_PREFIX) :]  # actor, when it is the shorter one
    actor_spaced = " " in actor
    for person in people:
        if len(actor) < len(person):  # the actor a surname alone, the person in full?
            found = not actor_spaced and person.endswith(surname)
            full, ending = person, surname
        else:  # the person a surname alone, the actor in full?
            ending = " " + person[len(ev.PERSON_PREFIX) :]
            found = " " not in person and actor.endswith(ending)
            full = actor
        if found and not any(name != full and name.endswith(ending) for name in in_play):
            return True
    return False


def _town_of(place_term: str) -> str | None:
    """The town a place term of a known country stands for: itself when it names a town of
    the gazetteer or one it lacks (:func:`_unknown_town`), the town whose name a region bears
    when it names such a region (the district of Porto is Porto:
    :func:`transform.entities.namesake_towns`), else None."""
    if not place_term.startswith(ev.PLACE_PREFIX) or _country(place_term) == ev.NO_COUNTRY:
        return None
    if _is_town(place_term) or _unknown_town(place_term):
        return place_term
    country, key = place_term[len(ev.PLACE_PREFIX) :].split(":", 1)
    town = entities.namesake_towns().get(f"place:{key}")
    return None if town is None else f"{ev.PLACE_PREFIX}{country}:{town.removeprefix('place:')}"


def _unknown_town(place_term: str) -> bool:
    """Whether a place term names a town the gazetteer lacks (a ``town:`` key, read from a
    dateline that gives the country, "HAMMERFEST, Norway, March 5 -", or after a settlement
    noun). Of a known country, it is a town for :func:`roles` as a gazetteer town is, once
    its side names it twice or more: a village's lab raid is set in the village, not nowhere,
    and is another happening than a raid in a town of the gazetteer (:func:`_one_locality`).
    A name said once (a dateline alone, a headline) says no more than a gazetteer town's."""
    return place_term[len(ev.PLACE_PREFIX) :].split(":", 2)[1:2] == ["town"]


def _small_town_country(place_term: str) -> str | None:
    """The country, as place terms write it, of a town of no country a side names (a
    ``town:`` key the gazetteer lacks: "MALMEDY, 19 mars -", "aux Angles", "en Les Angles")
    when GeoNames' smaller set puts every town of its name in that one
    (:func:`transform.entities.small_town_country`): a town inside the country its report
    names as often (:func:`transform.events.entity_terms`), which is then no bare country
    (:func:`_bare_country`). None for any other term."""
    if not place_term.startswith(_UNKNOWN_TOWN_PREFIX):
        return None
    country = entities.small_town_country(place_term[len(_UNKNOWN_TOWN_PREFIX) :])
    return None if country is None else entities.country_codes()[country].lower()


# WIREHOUSE_EVENT_SPECIFIC_TOWN_POPULATION's default
SPECIFIC_TOWN_POPULATION = int(DEFAULTS["event_specific_town_population"])


def _specific_town(place_term: str, population: int) -> bool:
    """Whether a place term of a known country names a gazetteer town of fewer than
    ``population`` people: a name as rare as a venue's (:func:`name_link`)."""
    if not place_term.startswith(ev.PLACE_PREFIX) or _country(place_term) == ev.NO_COUNTRY:
        return False
    key = "place:" + place_term[len(ev.PLACE_PREFIX) :].split(":", 1)[1]
    people = entities.town_populations().get(key)
    return people is not None and people < population


def _placed_in(side: Roles) -> frozenset[str]:
    """The countries a side sets itself in: those of its main places and of every town it
    names twice or more. A country or town it names once, beside them, is where its people
    came from (German tourists hurt in Croatia, "a couple from Rosenheim"), not where it
    happened. A side set nowhere (its own town unread: a village the gazetteer lacks) may be
    in any country it names: a Spanish report on a wind turbine fallen in an unread Galician
    town that names a German town's fallen turbine once is not set there."""
    placed = side.countries | frozenset(_country(town) for town in side.towns_twice)
    return placed or side.named_countries


def _is_town(place_term: str) -> bool:
    """Whether a place term ("g:<country>:<key>") names a town of the gazetteer."""
    key = place_term[len(ev.PLACE_PREFIX) :].split(":", 1)[1]
    return f"place:{key}" in entities.town_keys()


def conflict(
    a: Roles, b: Roles, *, in_passing: bool = False, commute_km: float = COMMUTE_KM
) -> bool:
    """Two articles (or events) report different happenings when their main actors differ
    (:func:`_one_named`) and neither makes the other's one of its main people, or likewise
    their main organizations (two Hamburg firms recalling a product each), or their main
    vessels (:func:`_other_vessels`), or, unless both name one vessel (a ship sails between
    the ports each report finds it in), their main
    places lie in different countries and neither makes a place in the other's country one of
    its main places (:class:`Roles`), unless each names the other's country and one is about
    a person the other names (a cyclist's doping ban told from his home town and, by the
    reports that name it most, from the country where he says he ate tainted beef), or both
    are about one natural feature on their countries' border (:func:`_one_border_feature`); or
    their main towns lie in one country, are not one
    locality (:func:`_one_locality`: one town, or two within commuting distance), and neither
    makes the other's one of its main places (two house fires in Leipzig and Stuttgart on one
    night), nor is a town one side names once only, and the other names too
    (:func:`_passing_town_named_by_the_other`). Whatever else they share (the kind of
    happening, its vocabulary) then comes from the kind, not the happening. ``in_passing``
    lets any name lift the actor and country conflicts, as for two events that an article
    bridges (:func:`decide`): an event's centroid sums its reports, and a name one of them
    says still belongs to what the event covers. A side's main town stands for its country when
    no place is named often enough to make one its main place: the one town a report names says
    where it is (an avalanche near Grenoble is not one above Sion), and with no town either, the
    country of most places it names (:func:`_country_of_most`: Belgian controllers' sick notes
    told with Brussels, Liège and Charleroi, and Paris once, are no French strike). Two
    such events also conflict when one is about a person the other, about a town and no one,
    never names (:func:`_unnamed_actor`). Two sides about one main actor, each naming the
    other's main organization, do not conflict by their main organizations: each tells that
    person's happening through another body (the university that stripped a state
    secretary's doctorate, the party he belongs to). One person's two happenings, each with
    its own firm the other never names, still conflict (on the real pages, 0.959 against
    0.956). They never conflict by their organizations: an event's main organization is only
    the firm its reports name most, and two events of one story (a merger, a trial) each lead
    with one of its firms (held there too, UCI seed 7 fell 0.817 to 0.811)."""
    a_people, b_people = (a.named_people, b.named_people) if in_passing else (a.people, b.people)
    in_play = a.named_people | b.named_people
    if (
        a.actor
        and b.actor
        and not _one_named(a.actor, b.actor, in_play)
        and not _names(a.actor, b_people, in_play)
        and not _names(b.actor, a_people, in_play)
    ):
        return True
    if in_passing and (_unnamed_actor(a, b, in_play) or _unnamed_actor(b, a, in_play)):
        return True
    if _other_vessels(a, b, in_passing):
        return True
    if (
        not in_passing
        and a.organization
        and b.organization
        and not _one_organization(a.organization, b.organization, a, b)
        and not (
            a.actor
            and b.actor
            and same_person(a.actor, b.actor, in_play)
            and _names_organization(a, b.organization)
            and _names_organization(b, a.organization)
        )
    ):
        return True
    a_countries, b_countries = (
        (a.named_countries, b.named_countries) if in_passing else (a.countries, b.countries)
    )
    a_country = a.place_country or (_country(a.town) if a.town else a.most_country)
    b_country = b.place_country or (_country(b.town) if b.town else b.most_country)
    countries_differ = bool(a_country and b_country and a_country != b_country)
    if _one_vessel(a, b):
        return False  # one ship, which sails between the ports and countries each names
    if (
        countries_differ
        and a_country not in b_countries
        and b_country not in a_countries
        and not _homonym_readings(a, b)
        and not _one_border_feature(a, b, a_country, b_country, commute_km)
        and not _titled_beside_its_town(a, b)
        and not _titled_beside_its_town(b, a)
        and not (
            a_country in b.named_countries
            and b_country in a.named_countries
            and _about_a_person_named_by_the_other(a, b)
        )
    ):
        return True
    if _no_country_in_common(a, a_country, b) or _no_country_in_common(b, b_country, a):
        return True
    if _country_told_as_another(a, a_country, b_country) or _country_told_as_another(
        b, b_country, a_country
    ):
        return True
    if (
        _other_features(a, b)
        or _other_districts(a, b, commute_km)
        or _other_parts_of_a_city(a, b)
        or _told_as_another(a, b)
        or _told_as_another(b, a)
        or _unknown_town_led_as_another(a, b)
        or _unknown_town_led_as_another(b, a)
        or _region_told_as_another(a, b)
        or _region_told_as_another(b, a)
        or _other_villages(a, b, commute_km)
    ):
        return True
    a_town, b_town = a.town, b.town
    if not a_town or not b_town or _country(a_town) != _country(b_town):
        return False
    if (
        _one_locality(a_town, b_town, commute_km)
        or _one_place_and_person(a, b, commute_km)
        or _seat_and_region(a_town, b_town)
        or _small_town_of_a_region(a, b)
        or _small_town_of_a_region(b, a)
        or _one_person_in_passing_towns(a, b, in_play)
        or _passing_town_named_by_the_other(a, b)
        or _passing_town_named_by_the_other(b, a)
        or _passing_town_and_its_people(a, b)
        or _passing_town_and_its_people(b, a)
        or _small_town_written(a, b)
        or _small_town_written(b, a)
    ):
        return False
    return a_town not in b.towns and b_town not in a.towns


def _one_border_feature(
    a: Roles, b: Roles, a_country: str, b_country: str, commute_km: float
) -> bool:
    """Whether two sides set in two neighbouring countries (``a_country``, ``b_country``:
    GeoNames' land borders) make one natural feature their main place (:attr:`Roles.features`)
    and neither has a main town the other's lies apart from: a lake or river on a border lies
    in both, and a report told from its other shore places it by that shore's towns (a wreck
    found in a border lake, told from the far shore with its cantons' archaeologists). Two
    happenings on one river far apart are still apart by their towns (both sides' towns within
    ``commute_km``, :func:`_one_locality`), and a feature alone joins nothing."""
    if not _features_of(a) & _features_of(b):
        return False
    if b_country not in entities.neighbouring_countries().get(a_country, frozenset()):
        return False
    return not (a.town and b.town) or _one_locality(a.town, b.town, commute_km)


def _titled_beside_its_town(a: Roles, b: Roles) -> bool:
    """Whether ``a``, placed only by its headline's adjective (:attr:`Roles.country_by_title`),
    names the one town ``b`` is set by, named once there (:attr:`Roles.sole_town`): the
    headline's country is weaker than a town both name, as where the ship's owner is ("Danish
    feeder ship" and the Hamburg shipowner both reports name)."""
    return a.country_by_title and b.sole_town and b.town in a.named_towns


def _features_of(side: Roles) -> frozenset[str]:
    """A side's main features, each by :func:`feature_name`."""
    return frozenset(feature_name(f) for f in side.features)


# The feature words of one kind in English, German, French and Spanish (folded), singular and
# plural: "Lake Bled", "Bleder See" and "lac de Bled" name one lake.
_FEATURE_KINDS = {
    word: kind
    for kind, written in {
        "lake": "lake lakes see seen lac lacs lago lagos",
        "river": "river rivers fluss fleuve riviere rio",
        "sea": "sea meer mer mar",
        "island": "island islands insel inseln ile iles isla islas",
        "bay": "bay bucht baie bahia",
        "gulf": "gulf golf golfe golfo",
        "valley": "valley tal vallee valle",
    }.items()
    for word in written.split()
}


_LAKE = "see"  # German's lake, which ends a lake's one-word name ("Peipussee")


def feature_name(feature: str) -> str:
    """A natural feature's name as any of four languages writes it: its kind
    (:data:`_FEATURE_KINDS`) and the words of its name without particles, each without a
    plural "-s", a German town adjective's "-er" before a German feature word and a final
    "-e" ("Lake Bled" and "Bleder See", "Steinhuder Meer" of Steinhude), a German lake's
    one-word name read as its name and "see" ("Peipussee" as "Peipus See", as "Lake Peipus").
    A feature word of no kind there stays one of its words ("Farewell Spit")."""
    words = [
        part
        for word in fold(feature.removeprefix(_FEATURE_PREFIX)).split()
        for part in _lake_compound_parts(word)
    ]
    kinds = [_FEATURE_KINDS[w] for w in words if w in _FEATURE_KINDS]
    german = any(w in GERMAN_FEATURE_WORDS for w in words)
    name = []
    for word in words:
        if word in _FEATURE_KINDS or word in NAME_PARTICLES or word == "of":
            continue
        if german and word.endswith("er"):
            word = word[:-2]
        name.append(word.removesuffix("s").removesuffix("e"))
    return f"{kinds[0] if kinds else ''}:{' '.join(name)}"


def _lake_compound_parts(word: str) -> tuple[str, ...]:
    """A German lake's one-word name (folded) as its name and "see" ("peipussee": "peipus",
    "see"); any other word alone."""
    name = word.removesuffix(_LAKE)
    return (name, _LAKE) if len(name) >= 3 and name != word else (word,)


def _no_country_in_common(a: Roles, a_country: str | None, b: Roles) -> bool:
    """Whether ``a``, placed in no country of its own (``a_country``: no main place, town or
    country of most places), names places of countries all unlike those ``b``, placed in a
    country, names: a French report of glass eels seized at an airport the gazetteer lacks,
    datelined from its bureau and naming France's rivers and the smugglers' destination, is
    no report of otters seized in Bangkok, which it never names, nor Thailand; reports of one
    happening share at least its country. A person both name is one happening's voice across
    that silence (a follow-up filed from Brussels that names only the other happenings'
    countries, and the prosecutors' spokesman of the Belgian club's fixing probe). One country
    named alone is no such evidence: a headline names where a firm acts, not where it is
    (UCI headlines, seed 7: 0.8204 -> 0.8159 with one)."""
    if a_country is not None or len(a.named_countries) < 2:
        return False
    b_country = b.place_country or (_country(b.town) if b.town else b.most_country)
    if b_country is None or b_country in a.named_countries:
        return False
    in_play = a.named_people | b.named_people
    return a.named_countries.isdisjoint(b.named_countries) and not any(
        _names(person, b.named_people, in_play) for person in a.named_people
    )


def _country_told_as_another(a: Roles, a_country: str | None, b_country: str | None) -> bool:
    """Whether ``a``, placed in no country of its own (``a_country``: no main place, town or
    country of most places) though it names places of some (:attr:`Roles.named_countries`),
    names places of ``b``'s country only where it tells of another happening
    (:attr:`Roles.elsewhere`), and of no other country there: a round-up of two resorts shut
    for lack of snow, its own Spanish one named once, its French one's region read as the
    other happening's, is no report of the French resort's happening, however many of its
    words it shares. Other happenings told in several countries say less: a follow-up that
    names where its own happening was in a sentence that adds the day's others ("The
    accident in County Offaly came hours after ... near Kempten, and on the same day as ...
    in France's Cantal") has its own place among them. A side placed in a country of its own
    is held apart by the countries rule (:func:`conflict`)."""
    if a_country is not None or b_country is None or not a.named_countries:
        return False
    told = {_country(term) for term in a.elsewhere} - {ev.NO_COUNTRY}
    return told == {b_country} and b_country not in a.named_countries


def _told_as_another(a: Roles, b: Roles) -> bool:
    """Whether ``a``, set in a town of its own, tells of another happening at the place ``b``
    is about (its town or a main natural feature: :attr:`Roles.elsewhere`), a place ``a``
    makes none of its own and ``b`` does not share ``a``'s town: "The attack came less than an
    hour after another cash machine was blown up in Bocholt, a town in the same district" in
    a Gronau report, 50 km from Bocholt, one locality for the towns rule, one police spokesman
    for both blasts. A report says so of another happening, not of its own. A report set at
    a venue of a town the gazetteer lacks ("Is Arutas beach ... mayor of Cabras") has no town,
    yet its venue is its own setting as a town is: "In Spain, thieves dug up a protected dune
    at Tarifa ... on the same night" tells of another happening there too."""
    if (a.town is None and a.venue is None) or not a.elsewhere:
        return False
    theirs = b.features | ({b.town} if b.town else set())
    return bool(theirs & a.elsewhere) and a.town != b.town and a.town not in b.towns


def _unknown_town_led_as_another(a: Roles, b: Roles) -> bool:
    """Whether ``a``, set in no town of its own, writes in its title or lead (its
    :attr:`Roles.phrases`) the name of a town the gazetteer lacks that ``b`` tells only as
    another happening's place (:attr:`Roles.elsewhere`), and names no town of ``b``'s: a
    report leads with where its happening is. A village too small for the gazetteer is read
    as a town only after a settlement noun ("the felling came on the same night as that of a
    plane tree in the village of Lourmarin", in a report on a Bavarian lime tree); its own
    reports write it bare ("the main square of Lourmarin, a village in Provence"), so
    :func:`_told_as_another`, which needs ``a``'s town, never sees it."""
    if a.town is not None or not b.elsewhere or not a.phrases or a.named_towns & b.towns:
        return False
    return any(
        term.startswith(_UNKNOWN_TOWN_PREFIX) and term[len(_UNKNOWN_TOWN_PREFIX) :] in a.phrases
        for term in b.elsewhere
    )


def _other_villages(a: Roles, b: Roles, commute_km: float = COMMUTE_KM) -> bool:
    """Whether two sides are each set in a town of no known country (:attr:`Roles.villages`:
    a village the gazetteer lacks, whose name GeoNames gives no one country, read from a
    dateline that its title names again: "LAMBALLE (...) - L'US Lamballe-Penthièvre ...",
    "VIRE (...) - L'AS Vire Bocage ...") and neither names the other's at all, nor writes its
    name in its title or lead (:attr:`Roles.phrases`): two cup upsets one evening, each report
    filed from its own small town, share the cup's words and nothing of their own places. A
    village, like a town (:func:`conflict`), says where a happening is; with no coordinates,
    two names are two places. A report that names both villages tells of both, and is left to
    the other rules."""
    if not a.villages or not b.villages:
        return False
    if a.villages & b.named_villages or b.villages & a.named_villages:
        return False
    if any(_villages_near(x, y, commute_km) for x in a.villages for y in b.villages):
        return False
    return not _village_written(a.villages, b.phrases) and not _village_written(
        b.villages, a.phrases
    )


def _villages_near(a: str, b: str, commute_km: float) -> bool:
    """Whether two towns of no known country (``town:`` place terms) lie within
    ``commute_km`` of each other, by the one GeoNames town of each name in the one country
    GeoNames' smaller set gives it (:func:`transform.entities.small_town_country`); unknown,
    they are two places."""
    names = [a[len(_UNKNOWN_TOWN_PREFIX) :], b[len(_UNKNOWN_TOWN_PREFIX) :]]
    keys = [entities.small_town_country(name) for name in names]
    if keys[0] is None or keys[1] is None:
        return False
    codes = entities.country_codes()
    distance = entities.small_town_distance_km(
        (codes[keys[0]], names[0]), (codes[keys[1]], names[1])
    )
    return distance is not None and distance <= commute_km


def _village_written(villages: frozenset[str], phrases: frozenset[str]) -> bool:
    """Whether one of ``phrases`` (folded) holds the name of one of ``villages`` (``town:``
    place terms) as a word, or as a part of a hyphenated word ("l'us lamballe-penthievre")."""
    names = {fold(v[len(_UNKNOWN_TOWN_PREFIX) :]) for v in villages}
    for phrase in phrases:
        words = set(phrase.replace("'", " ").replace("\u2019", " ").split())
        words |= {part for word in list(words) for part in word.split("-")}
        if names & words or any(name in phrase for name in names if " " in name):
            return True
    return False


def _region_told_as_another(a: Roles, b: Roles) -> bool:
    """Whether ``a`` names the region ``b`` is about (one of its main places:
    :attr:`Roles.regions`) only where it tells of another happening (:attr:`Roles.elsewhere`:
    "The sinking was one of three encounters ... a British yacht was disabled off Galicia on
    Saturday" in a report on a sinking off Andalusia), and the two name no town in common: a
    report says so of another happening than its own, as of a town (:func:`_told_as_another`).
    A town both name would say the region's happening may be the one ``a`` tells. So with a
    natural feature ``b`` is about (:attr:`Roles.features`), ``a`` set in no town of its own
    or in one (:func:`_told_as_another` asks for one): "Es la segunda sentencia del día
    contra un parque eólico gallego: por la mañana el tribunal anuló el de Monte Penedo
    Grande" closes a report on another wind farm, whose own ridge the recognizer misses."""
    return bool((b.regions | b.features) & a.elsewhere) and a.named_towns.isdisjoint(b.named_towns)


def _one_vessel(a: Roles, b: Roles) -> bool:
    """Whether two sides both name one vessel, however seldom."""
    return not a.named_vessels.isdisjoint(b.named_vessels)


def _other_vessels(a: Roles, b: Roles, in_passing: bool) -> bool:
    """Whether two sides are each about a ship of their own: their main vessels differ and
    neither makes the other's one of its main vessels (with ``in_passing``, names it at all),
    as for two main actors (:func:`conflict`). A ship is where a happening on board is, as a
    person is who it is about: two cruise ships' outbreaks in one week share the virus, the
    ports and the kind's words, never the ship. Unlike an organization, which one story's
    events may each lead with another of (a merger's two firms), a vessel names one
    happening's place; and unlike a person, a ship has no surname alone to be matched."""
    if not a.vessel or not b.vessel or a.vessel == b.vessel:
        return False
    a_vessels, b_vessels = (
        (a.named_vessels, b.named_vessels) if in_passing else (a.vessels, b.vessels)
    )
    return a.vessel not in b_vessels and b.vessel not in a_vessels


def _passing_town_named_by_the_other(a: Roles, b: Roles) -> bool:
    """Whether ``a``'s town is one it names once only (:attr:`Roles.sole_town`) and ``b``
    names it too: a follow-up on a walker shot near a village the gazetteer lacks names only
    the city of the hospital he lies in, which the first reports named as where he was flown.
    A town said once says where a side is only when the other side never speaks of it."""
    return a.sole_town and a.town is not None and a.town in b.named_towns


def _small_town_written(a: Roles, b: Roles) -> bool:
    """Whether ``a``'s town is one the gazetteer lacks (a ``town:`` key, read from a cue: "un
    domaine de Chiroubles (Rhône)") and ``b``, whose town is one it names once only
    (:attr:`Roles.sole_town`), writes that town's name in its title or lead where no cue lets
    it be read (:attr:`Roles.phrases`: "Cuve rompue à Chiroubles"): ``b`` is set in the
    village too, and the town it names once (where the firemen came from) is a place in
    passing."""
    if not (b.sole_town and a.town is not None and _unknown_town(a.town)):
        return False
    return a.town.split(":", 3)[-1] in b.phrases


def vouched_from_a_passing_town(
    own: Roles, event: Roles, owned: frozenset[str], commute_km: float = COMMUTE_KM
) -> bool:
    """Whether an article held apart from an event only by its town, one it names once only
    and no main place (its country is that town's alone), in another country than the event's,
    which the event names too
    (:func:`_passing_town_named_by_the_other`), is vouched for by the event's own people
    (:func:`vouched`): a follow-up on an Alpine hut's fire names no place but the German city
    of the club that owns the hut, which the first reports named as the club's seat, and the
    hut's keeper, whom only they name. A report about a person set in his home town, and
    naming no other place, is not vouched for by the town alone: it needs a name only the
    event says."""
    if (
        own.place_country is not None
        or not _passing_town_named_by_the_other(own, event)
        or _country(own.town or "") == _country_of_event(event)
    ):
        return False  # in one country, conflict itself lets such a town pass
    placeless = replace(own, town=None, towns=frozenset(), sole_town=False)
    return not held_apart(placeless, event, commute_km) and vouched(own, event, owned, commute_km)


def _passing_town_and_its_people(a: Roles, b: Roles) -> bool:
    """Whether ``a``'s town is one it names seldom (:attr:`Roles.sole_town`: no place is one
    of its main places) and ``b`` names people, each of whom ``a`` names in full: a national
    exam's leak told from a regional office's town by one report, and its arrest, told from
    the capital by a follow-up that quotes only the minister the first reports quoted. A
    happening of another town has people of its own (the fire chief, a witness) beside any
    official it shares."""
    full = _full_names(b.named_people)
    return (
        a.sole_town
        and a.town is not None
        and bool(full)
        and full == b.named_people
        and full <= a.named_people
    )


def _seat_and_region(a: str, b: str) -> bool:
    """Whether one of two town terms bears the name of the first-level region the other lies
    in (:func:`transform.entities.region_seats`): a report that says "Guanajuato" three
    times, for the state ("la gobernadora de Guanajuato"), read as its capital, places the
    pipeline blast at Salamanca, 50 km from the capital in the state, no less than the
    report that names Salamanca."""
    seats = entities.region_seats()
    a_key, b_key = _place_key(a), _place_key(b)
    return b_key in seats.get(a_key, ()) or a_key in seats.get(b_key, ())


def _small_town_of_a_region(a: Roles, b: Roles) -> bool:
    """Whether ``a``'s town is one the gazetteer lacks (:func:`_unknown_town`) and ``b``'s is
    only a region named like a town (:attr:`Roles.regional_town`): the small town may lie in
    that region, as a town of the gazetteer in it may (:func:`_seat_and_region`), and no
    coordinates say it does not. A trawler's bail hearing told from Bantry, in County Cork,
    is the detention that the first report, "off Cork", "Castletownbere, County Cork", tells."""
    return a.town is not None and _unknown_town(a.town) and b.regional_town


def _other_features(a: Roles, b: Roles) -> bool:
    """Whether two sides each make natural features their main places (:attr:`Roles.features`:
    a spit, a bay, islands, a river) and none of one side's is the other's: pilot whales
    stranded at Farewell Spit and on the Chatham Islands on one day, both in New Zealand,
    where no town is named often enough to set them apart. A feature named in the singular is
    one of those named in the plural ("Chatham Island" of the Chatham Islands)."""
    if not a.features or not b.features:
        return False
    return _features_of(a).isdisjoint(_features_of(b))


def _other_districts(a: Roles, b: Roles, commute_km: float) -> bool:
    """Whether two sides in one locality (:func:`_one_locality` of their towns) are set in
    two districts within it (:attr:`Roles.local`), or at two venues (:attr:`Roles.venue`),
    one named twice or more by its side and neither named so by the other
    (:func:`_other_places`): an armed hold-up at a bank in the Chartrons and a vault emptied
    in the Bastide, both in Bordeaux on one morning, told with one prosecutor; a bomb found in
    the Main at the Osthafen the morning after one was defused near the Südbahnhof, both in
    Frankfurt, one bomb disposal chief for both; a cash van blown open on the A7 (in the
    title and the body) and a cash box snatched outside the Prado shopping centre, both in
    Marseille; a club fire in Sector 1 and a bar fire in the Old Town, both in Bucharest, one
    spokesman for both. A side that names no such place (a follow-up that names only the
    city) is set nowhere in particular, and two that each name theirs once are too: a street
    each report of a city-wide strike names once (the depot's address, a stop no bus served),
    or the arrondissement of a night shelter opened the day after a death in another."""
    if not _in_one_locality(a, b, commute_km):
        return False
    a_districts = a.districts | _district_as_town(a, b.local) | _written_in_lead(a, b.local)
    b_districts = b.districts | _district_as_town(b, a.local) | _written_in_lead(b, a.local)
    a_venues = a.venues | _written_in_lead(a, b.venue)
    b_venues = b.venues | _written_in_lead(b, a.venue)
    return _other_places(a.local, b.local, a_districts, b_districts) or _other_places(
        a.venue, b.venue, a_venues, b_venues
    )


def _written_in_lead(side: Roles, place: str | None) -> frozenset[str]:
    """``place`` (the other side's district or venue) when ``side`` writes its name in its
    title or lead (:attr:`Roles.phrases`), though no word there marks it as a place within a
    town: a German report titled "A45-Talbrücke bei Siegen gesperrt" names the motorway the
    English report's "the A45 motorway" names, beside the viaduct it names itself. A name a
    report puts in its title or lead is no place named in passing."""
    if place is None or not place.startswith(_LOCAL_PREFIXES):
        return frozenset()
    name = place.split(":", 3)[3]
    return frozenset({place}) if name in side.phrases else frozenset()


def _district_as_town(side: Roles, district: str | None) -> frozenset[str]:
    """``district`` when ``side`` makes a town the gazetteer holds under that district's name
    one of its main places: the German report of a theft "im Neapler Stadtteil Posillipo"
    and the English arrest follow-up set "in Posillipo" (a town to the gazetteer) both name
    Posillipo, where the follow-up's gold buyer in another district, named once, is not."""
    if district is None or not district.startswith(_DISTRICT_PREFIX):
        return frozenset()
    readings = entities.place_keys(district[len(_DISTRICT_PREFIX) :])
    named = any(_place_key(town) in readings for town in _main_towns(side))
    return frozenset({district}) if named else frozenset()


def _other_parts_of_a_city(a: Roles, b: Roles) -> bool:
    """Whether two sides that both name one city are each set in a part of it
    (:func:`_parts_of`), one the other does not set itself in (:func:`_set_in`): a mother
    and son hurt in a lift in Carabanchel and a courier killed in one in Chamberí, both
    districts of Madrid that the gazetteer holds as towns, one fire-service spokesman for
    both; a relic stolen from a basilica in the Sanità district (named so twice) and silver
    from a church in Posillipo (a town to the gazetteer), both in Naples on one night. Two
    towns within commuting distance are one locality (:func:`_one_locality`) because reports
    of one happening may place it by either (the factory in Jumet, "the Charleroi fire"); a
    report that names the city and, more often, a part of it other than the other side's
    says which part, as a district does (:func:`_other_districts`). A town further out than a
    city's districts lie (:data:`_CITY_PART_KM`) is a neighbour, not a part."""
    for city in a.named_towns & b.named_towns:
        a_parts, b_parts = _parts_of(a, city), _parts_of(b, city)
        if any(
            not _one_part(x, y) and not _set_in(b, x) and not _set_in(a, y)
            for x in a_parts
            for y in b_parts
        ):
            return True
    return False


def _parts_of(side: Roles, city: str) -> frozenset[str]:
    """The main towns of ``side`` other than ``city`` that are smaller than it and within
    :data:`_CITY_PART_KM` of it, and the district it is set in (:attr:`Roles.local`, named
    twice or more) unless that district is the city itself: where in the city the side is
    set."""
    populations = entities.town_populations()
    size = populations.get(_place_key(city), 0)
    parts = {
        town
        for town in _main_towns(side)
        if town != city
        and _country(town) == _country(city)
        and populations.get(_place_key(town), size) < size
        and _one_locality(town, city, _CITY_PART_KM)
    }
    if side.local in side.districts and not _one_part(side.local, city):
        parts.add(side.local)
    return frozenset(parts)


def _part_keys(part: str) -> frozenset[str]:
    """The gazetteer keys a part of a city may be: a town's own, or those of the towns named
    like a district (:data:`_DISTRICT_PREFIX`), which a report in another language may read
    as a town."""
    if part.startswith(_DISTRICT_PREFIX):
        return entities.place_keys(part[len(_DISTRICT_PREFIX) :]) | {part}
    return frozenset({_place_key(part)})


def _one_part(a: str, b: str) -> bool:
    """Whether two towns or districts may be one part of a city (:func:`_part_keys`)."""
    return a == b or bool(_part_keys(a) & _part_keys(b))


def _set_in(side: Roles, part: str) -> bool:
    """Whether ``side`` makes ``part`` of a city (a town or a district) one of its main
    places or a district it names twice or more."""
    return any(_one_part(part, place) for place in _main_towns(side) | side.districts)


def _in_one_locality(a: Roles, b: Roles, commute_km: float) -> bool:
    """Whether two sides are set in one locality: their towns are one (:func:`_one_locality`),
    or one side has no town of its own and names the other's, though too seldom to make it a
    main place: the Spanish report of tiles smashed at a city's square names the city once,
    beside the four provinces whose benches were hit, and is still set in that city."""
    if a.town is not None and b.town is not None:
        return _one_locality(a.town, b.town, commute_km)
    if a.town is None and b.town is not None:
        a, b = b, a
    return a.town is not None and b.town is None and a.town in b.named_towns


def _other_places(
    a: str | None, b: str | None, a_twice: frozenset[str], b_twice: frozenset[str]
) -> bool:
    """Whether two sides' places within their town (``a``, ``b``: districts, or venues) are
    two, one of them named twice or more by its side, neither named so by the other side
    (``a_twice``, ``b_twice``: each side's places of that kind named twice or more). A venue
    is never set against a district: it may lie in it (a station in the district)."""
    if a is None or b is None or a == b:
        return False
    return (a in a_twice or b in b_twice) and a not in b_twice and b not in a_twice


def _homonym_readings(a: Roles, b: Roles) -> bool:
    """Whether two sides' countries are two readings of one town's name: each side's country
    is that of its main town, and the towns share their own name (Valencia, Spain and
    Valencia, Venezuela: :func:`transform.entities.homonym_towns`). A report that gives no
    country is read by its other places ("Madrid" beside "Valencia"), so two reports of one
    flood may place it in two countries; the name they share says nothing of two. So, too,
    when one side reads as no town a name it makes a main place and the other's main town
    bears that very name abroad (:func:`_name_read_abroad`)."""
    if _name_read_abroad(a, b) or _name_read_abroad(b, a):
        return True
    if a.town is None or b.town is None:
        return False
    if a.place_country not in (None, _country(a.town)):
        return False
    if b.place_country not in (None, _country(b.town)):
        return False
    abroad = entities.homonym_towns().get(_place_key(a.town), frozenset())
    return _place_key(b.town) in abroad


def _name_read_abroad(a: Roles, b: Roles) -> bool:
    """Whether ``a``, set in no town, makes a name one of its main places that it reads as no
    town (a place of no country, :attr:`Roles.features`: "im französischen Trainingszentrum
    Chantilly", a town under the gazetteer's floor), and ``b``'s main town, in the country
    ``b`` is set in, bears that very name (:func:`transform.entities.town_names`: the
    Chantilly in Virginia a French report's dateline was read as): one name, two readings."""
    if a.town is not None or b.town is None or not a.features:
        return False
    if b.place_country not in (None, _country(b.town)):
        return False
    names = {feature[len(_FEATURE_PREFIX) :] for feature in a.features}
    return entities.town_names().get(_place_key(b.town)) in names


def _one_place_and_person(a: Roles, b: Roles, commute_km: float = COMMUTE_KM) -> bool:
    """Whether two sides with different main towns of one country each name the other's
    town, or one in its locality (:func:`_one_locality`), and one is about a person (its main
    actor, named in full) whom the other names: a verdict on a former mayor told from the
    court's city and from the suburb he ran; a painting's recovery told from the capital,
    where the minister spoke and the dealer was offered it, as found "near Valencia", and by
    the reports set in Paterna, 6 km out, that name the capital's museum. Two happenings in
    two towns may name each other's town in passing ("hours after a fire in Bremen") and
    people of both (the minister who visited both, the other's owner), but are each about
    their own."""
    if a.town is None or b.town is None:
        return False
    if not _names_locality(b.named_towns, a.town, commute_km) or not _names_locality(
        a.named_towns, b.town, commute_km
    ):
        return False
    return _about_a_person_named_by_the_other(a, b)


def _names_locality(towns: frozenset[str], town: str, commute_km: float) -> bool:
    """Whether one of ``towns`` is ``town`` or lies in its locality (:func:`_one_locality`)."""
    return town in towns or any(_one_locality(town, other, commute_km) for other in towns)


def _one_person_in_passing_towns(a: Roles, b: Roles, in_play: frozenset[str]) -> bool:
    """Whether two sides are about one person (their main actors: :func:`same_person`) and
    each names one town only, too seldom to make it a main place (:attr:`Roles.sole_town`):
    a minister's resignation told from Paris, where the palace announced it, and from
    Marseille, where she once ran a theatre. The person is what each report is about, the
    town it names once a detail of it; a side that makes its town a main place (the mayor
    of Rouen who resigned the same morning) is still held to that town."""
    return bool(
        a.sole_town
        and b.sole_town
        and a.actor
        and b.actor
        and same_person(a.actor, b.actor, in_play)
    )


def _about_a_person_named_by_the_other(a: Roles, b: Roles) -> bool:
    """Whether one side is about a person (its main actor, named in full) whom the other
    names."""
    return any(
        side.actor in _full_names(side.people) and side.actor in other.named_people
        for side, other in ((a, b), (b, a))
    )


def _full_names(people: frozenset[str]) -> frozenset[str]:
    """The person terms of two words or more: a full name, not a surname alone."""
    return frozenset(p for p in people if " " in p[len(ev.PERSON_PREFIX) :])


def strangers_in_one_town(a: Roles, b: Roles, commute_km: float = COMMUTE_KM) -> bool:
    """Whether two articles (or an article and an event) about one town each name people or
    organizations and none the same (:func:`_may_be_one`), or none but people beside whom
    each has a voice of its own (:func:`_own_voices`): a rail strike's union leader and
    a wildfire's civil protection minister in Athens on one day, a museum's curator and a
    chemical plant's operator in Antwerp. Reports of one happening name its own officials,
    witnesses and firms; the town they share says where two happenings were, not that they
    are one. A side that names no one says nothing either way (a brief that quotes nobody).
    "One town" is any main town of each side (a storm report filed from Lisbon, which it names
    three times, and a Lisbon rail strike), or two within commuting distance
    (:func:`_one_locality`: factory fires in Braga and Guimarães on one night), or two readings
    of one town's name that :func:`conflict` lets through as maybe one (:func:`_homonym_readings`:
    burst mains in Boston, Lincolnshire and in Boston read as Massachusetts's, each report
    quoting its own council and engineers). Sides giving one figure in their titles or leads
    (:attr:`Roles.figures`: 38 farm workers freed, told in English and in French, each agency
    quoting its own officer) tell one happening's count, not two. Sides naming one
    institution, one writing it by
    its namesake's name (:func:`_named_after`), are no strangers; the people and bodies that
    speak only for the town a report was filed from, elsewhere, are no voices of either side
    (:func:`_without_bureau`); a side naming no one but the town's or the state's authorities
    (a mayor, a prosecutor, a governor, a minister: :attr:`Roles.authorities`) names no one
    of its own, though an authority both name is a name in common."""
    towns_a, towns_b = _main_towns(a), _main_towns(b)
    a, b = _without_bureau(a), _without_bureau(b)
    shared = {
        town for x in towns_a for y in towns_b if _one_locality(x, y, commute_km) for town in (x, y)
    }
    if not _homonym_readings(a, b) and not shared:
        return False
    if not _names_its_own(a) or not _names_its_own(b):
        return False
    if (
        _one_journey_through(shared, a, b)
        or _one_place_within(a, b)
        or a.figures & b.figures
        or _one_vessel(a, b)
        or _named_after(a.named_people, b.named_organizations)
        or _named_after(b.named_people, a.named_organizations)
        or _firm_written(a, b)
        or _firm_written(b, a)
    ):
        return False
    in_play = a.named_people | b.named_people
    if any(_may_be_one(x, y, in_play) for x in a.named_people for y in b.named_people) and not (
        _own_voices(a, b, in_play) or _own_voices(b, a, in_play)
    ):
        return False
    firms = a.named_organizations | b.named_organizations
    return not any(
        same_organization(x, y, firms) for x in a.named_organizations for y in b.named_organizations
    )


def _one_journey_through(towns: set[str], a: Roles, b: Roles) -> bool:
    """Whether two sides set in one of ``towns`` both name the same towns elsewhere, in two
    countries or more besides the towns' own: the ends of one journey that came through it
    (a holiday flight from Düsseldorf to Hurghada that landed in Athens, each report quoting
    its own airline or police), which two happenings in one town do not both name. The
    docstring of :func:`strangers_in_one_town` lists why a shared town alone says nothing."""
    own = {_country(town) for town in towns}
    elsewhere = {
        _country(town)
        for town in a.named_towns & b.named_towns
        if not _unknown_town(town) and _country(town) not in own
    }
    return len(elsewhere) >= 2


def _firm_written(a: Roles, b: Roles) -> bool:
    """Whether ``b`` writes in its title or lead, as a name it does not recognize as an
    organization (:attr:`Roles.phrases`), the name of an organization ``a`` names that speaks
    for no town or state (:attr:`Roles.authorities`): a German report reads "der
    Supermarktkette Brennwald" as the chain, the English follow-up says "the Brennwald chain",
    a capitalised word no organization word marks. One firm named by both sides is one
    happening's setting, as an organization both recognize is (:func:`same_organization`);
    the next day's report quotes the police chief where the first quoted the spokesman."""
    voices = a.authorities | a.quoted_organizations | a.bureau_voices
    return any(
        org[len(ev.ORGANIZATION_PREFIX) :] in b.phrases for org in a.named_organizations - voices
    )


def _names_its_own(side: Roles) -> bool:
    """Whether ``side`` names a person or an organization other than an authority of a town
    or a state (:attr:`Roles.authorities`): a next-day follow-up quoting only the prosecutor
    and the mayor, where the first report quoted the fire commander, is a brief to the
    strangers rule, as a report quoting no one is. An authority the side is about (a main
    person or organization: a deputy mayor held for bribery) is its own."""
    voices = side.authorities - side.people - side.organizations
    return bool((side.named_people | side.named_organizations) - voices)


def _one_place_within(a: Roles, b: Roles) -> bool:
    """Whether two sides are set in one district or at one venue of their town
    (:attr:`Roles.local`, :attr:`Roles.venue`): a school ceiling's collapse in Drumchapel told
    by an English report quoting the council and a German one quoting the minister; or one
    names as a town elsewhere the name of the other's district (:func:`_district_read_abroad`).
    """
    return (
        (a.local is not None and a.local == b.local)
        or (a.venue is not None and a.venue == b.venue)
        or any(site in a.venues | b.venues for site in a.sites & b.sites)
        or _district_read_abroad(a, b)
        or _district_read_abroad(b, a)
        or _district_written(a, b)
        or _district_written(b, a)
    )


def _district_written(a: Roles, b: Roles) -> bool:
    """Whether ``b``, naming no district of its own, writes in its title or lead, as a name
    no word marks as a district, the name of ``a``'s district (:attr:`Roles.phrases`): "the
    outbreak in Semanu district" and a follow-up's "a hamlet in Semanu" name one place within
    the town their reports share, a village no gazetteer holds."""
    if b.local is not None or a.local is None or not a.local.startswith(_DISTRICT_PREFIX):
        return False
    return a.local[len(_DISTRICT_PREFIX) :] in b.phrases


def _without_bureau(side: Roles) -> Roles:
    """``side`` without the people and organizations that speak only for the town its report
    was filed from (:attr:`Roles.bureau_voices`): the Osnabrück police, whom a German report
    on a drug lab in Emmen quotes, are no voice of any happening in Emmen."""
    voices = side.bureau_voices
    if not voices:
        return side
    return replace(
        side,
        actor=None if side.actor in voices else side.actor,
        people=side.people - voices,
        named_people=side.named_people - voices,
        organization=None if side.organization in voices else side.organization,
        organizations=side.organizations - voices,
        named_organizations=side.named_organizations - voices,
    )


def _named_after(people: frozenset[str], organizations: frozenset[str]) -> bool:
    """Whether the surname of one of ``people`` is a word of the name of one of
    ``organizations``: an institution named after a person (a prison, a hospital, an
    airport) that one report writes in full ("the Kgosi Mampuru II Correctional Centre")
    and another by its namesake's name alone ("the Kgosi Mampuru prison riot"), which reads
    as a person. Two sides naming one institution name where the happening was, as two
    naming one venue do (:func:`_one_place_within`)."""
    words = {word for org in organizations for word in org[len(ev.ORGANIZATION_PREFIX) :].split()}
    return any(person.rsplit(" ", 1)[-1] in words for person in people if " " in person)


def _district_read_abroad(a: Roles, b: Roles) -> bool:
    """Whether ``b`` names, other than as its main town, a town whose name (one of the
    gazetteer's spellings of it) is the name of ``a``'s district: a report of a tram derailment
    in Lisbon's Graça district that says "the Graca district" and a follow-up that says "the
    accident in Graca" (one of Graz's alternate names) name one district, not Graz. A report
    about one town that names a place once by its district's name names that district."""
    if a.local is None or not a.local.startswith(_DISTRICT_PREFIX):
        return False
    readings = entities.place_keys(a.local[len(_DISTRICT_PREFIX) :])
    return any(_place_key(t) in readings for t in b.named_towns - _main_towns(b))


def _own_voices(a: Roles, b: Roles, in_play: frozenset[str]) -> bool:
    """Whether two sides in one town that name a person in common each have a voice of their
    own: ``a`` is about a person (one of its main people, named three times or more) whom
    ``b`` never names, and ``b`` names in full a person whom ``a`` never names. A city's
    police spokesman speaks of each of its happenings; two escapes from two Berlin zoos on one
    day share him, while each zoo's own spokesperson, whom every report of its escape quotes,
    is never named by the other's reports. A report of a happening names the people its
    event's reports keep quoting, or quotes no one new."""
    return any(not _names_one(person, b.named_people, in_play) for person in a.people) and any(
        not _names_one(person, a.named_people, in_play) for person in _full_names(b.named_people)
    )


def _names_one(person: str, people: frozenset[str], in_play: frozenset[str]) -> bool:
    """Whether one of ``people`` may be ``person`` (:func:`_may_be_one`)."""
    return any(_may_be_one(person, other, in_play) for other in people)


def same_organization(a: str, b: str, in_play: frozenset[str] = frozenset()) -> bool:
    """Whether two organization terms may name one organization, however each report writes
    its name (:func:`transform.entity_aliases.same_organization`: "MtGox" and "Gox", "EA" and
    "Electronic Arts"); ``in_play`` are the organization terms both sides name."""
    if a == b:
        return True
    prefix = len(ev.ORGANIZATION_PREFIX)
    return entity_aliases.same_organization(
        a[prefix:], b[prefix:], [term[prefix:] for term in in_play]
    )


def _one_organization(a_main: str, b_main: str, a: Roles, b: Roles) -> bool:
    """Whether two sides' main organizations (``a_main``, ``b_main``) may be one
    (:func:`same_organization`), or either side makes the other's one of its main
    organizations."""
    firms = a.named_organizations | b.named_organizations
    return (
        same_organization(a_main, b_main, firms)
        or any(same_organization(a_main, o, firms) for o in b.organizations)
        or any(same_organization(b_main, o, firms) for o in a.organizations)
    )


def _one_locality(a: str, b: str, commute_km: float) -> bool:
    """Whether two town terms name one town, or two within ``commute_km`` of each other
    (:attr:`EventPolicy.commute_km`): a paint factory in Jumet is the Charleroi fire, the town
    a takeover's Belgian report names (Ghent) the place the deal's other reports name
    (Brussels)."""
    if a == b:
        return True
    if _unknown_town(a) or _unknown_town(b):
        # a village the gazetteer lacks has the coordinates of the one GeoNames town of its
        # name and country below the floor, if any ("BAARLE-NASSAU, Netherlands", near
        # Breda); without them two names are two towns
        if not _unknown_town(a):
            a, b = b, a
        other = _small_town(b) if _unknown_town(b) else _place_key(b)
        distance = entities.small_town_distance_km(_small_town(a), other)
        return distance is not None and distance <= commute_km
    return entities.town_distance_km(_place_key(a), _place_key(b)) <= commute_km


def _small_town(place_term: str) -> tuple[str, str]:
    """The country code and name of a ``town:`` place term (:func:`_unknown_town`)."""
    country, _, name = place_term[len(ev.PLACE_PREFIX) :].split(":", 2)
    return country, name


def _place_key(place_term: str) -> str:
    return "place:" + place_term[len(ev.PLACE_PREFIX) :].split(":", 1)[1]


def _main_towns(side: Roles) -> frozenset[str]:
    """Every main town of a side, and its town (which may be its only town, named in its
    body: :func:`_sole_town`)."""
    return side.towns | {side.town} if side.town else side.towns


def held_apart(a: Roles, b: Roles, commute_km: float = COMMUTE_KM) -> bool:
    """Whether two sides are kept from linking, joining or merging: their roles conflict
    (:func:`conflict`) or they are strangers in one town (:func:`strangers_in_one_town`)."""
    return conflict(a, b, commute_km=commute_km) or strangers_in_one_town(a, b, commute_km)


def strangers_in_one_small_town(
    a: Roles,
    b: Roles,
    commute_km: float = COMMUTE_KM,
    town_population: int = SPECIFIC_TOWN_POPULATION,
) -> bool:
    """Whether two sides, told in different languages, are held apart only as strangers in
    one town (:func:`strangers_in_one_town`, no :func:`conflict`) that is a small one: a
    gazetteer town of fewer than ``town_population`` people (:func:`_specific_town`) that one
    side is about (a main town) and the other names. Each agency quotes its own voices (the
    English wire the fire service's spokeswoman, the French one the air show's organiser), so
    across languages the strangers rule cannot tell two happenings from one; in one language
    the words retell a happening (:func:`strangers_retold`), across languages only the names
    can (:func:`name_link`). Two happenings of one kind in one city on one day are common (two
    zoo escapes in Berlin), in one small town rare: there a name link over the town may join
    them, as a shared venue's would. The caller knows the languages differ."""
    if not strangers_in_one_town(a, b, commute_km) or conflict(a, b, commute_km=commute_km):
        return False
    shared = (_main_towns(a) & b.named_towns) | (_main_towns(b) & a.named_towns)
    return any(_specific_town(town, town_population) for town in shared)


def _may_be_one(a: str, b: str, in_play: frozenset[str]) -> bool:
    """Whether two person terms may name one person: :func:`same_person`, or one begins the
    other: a single word ("Firmenchef Henrik Lange" read as "Henrik" where the German word
    "Lange" follows) or a full name (the English wire's "Ramiro Garza" of the Spanish
    report's "Ramiro Garza Treviño", who gives both surnames). Only ever a reason not to keep
    two reports apart."""
    short, full = (a, b) if len(a) < len(b) else (b, a)
    return same_person(a, b, in_play) or full.startswith(short + " ")


def _unnamed_actor(a: Roles, b: Roles, in_play: frozenset[str]) -> bool:
    """Whether ``a`` is about a person whom ``b``, about a town and no one, never names
    though its reports name people: a footballer's transfer to a Dresden club and the Elbe
    flooding Dresden share the city, not the happening; the flood's reports name who is
    involved, and a report of the flood would name the footballer if he were part of it. An
    event about no town, or one whose reports name no one (headlines on a town's bankruptcy),
    may be a fragment of the person's story that leaves him out (held against those too, UCI
    seed 7 fell 0.817 to 0.795, seed 8 0.797 to 0.796). A report names who is involved in
    full (:func:`_full_names`, as :func:`_unnamed_firm` asks): one word read as a person (a
    common surname alone, "the Chrome browser" read once as "Chrome") says nothing of whom
    the other's reports name."""
    return bool(
        a.actor
        and b.town
        and not b.actor
        and _full_names(b.named_people)
        and not _names(a.actor, b.named_people, in_play)
    )


def _unnamed_firm(
    vector: Vector,
    own: Roles,
    event: Roles,
    words_as_names: Callable[[], frozenset[str]] | None = None,
) -> bool:
    """Whether an event is about a firm (its main organization) and no one, and an article
    (its term ``vector`` and roles ``own``) names people in full, none of whom the event
    names, and neither an organization the event names nor the firm's name as words: a
    town's ransomware attack, told with its director's name, shares the kind's words and the
    country's adjective with a logistics firm's attack, whose reports name the firm. A report
    of a firm's happening names the firm, or one of the people the event quotes; one that
    names someone else and never the firm is about another happening; a person it names by
    surname alone whom the event names in full is one of those ("Polizeisprecher Hübler" of
    the bank siege's "Florian Hübler"), or a ship the event names (a push boat's barges
    against a bridge, "Schubverband" read as a firm). The firm's name read as words counts
    ("Brightwell board begins search", where the recognizer finds no firm); an event about a
    person too (a chief executive's resignation) is left to the actor rules, and so is one
    whose reports only quote the firm as their source ("según ha informado Adif", "an Adif
    spokesman said": :attr:`Roles.quoted_organizations`): a tunnel breakdown the rail
    operator's follow-up tells, naming its chairman, is not a happening of the infrastructure
    firm whose spokesman the first reports quoted."""
    if (
        event.organization is None
        or event.actor is not None
        or event.organization in event.quoted_organizations
    ):
        return False
    if own.named_organizations & event.named_organizations or _one_vessel(own, event):
        return False
    firm = event.organization[len(ev.ORGANIZATION_PREFIX) :]
    firm_words = ev.words(firm)
    if firm_words and all(word in vector for word in firm_words):
        return False
    if set(firm.split()) <= (words_as_names or partial(_words_as_names, vector))():
        return False
    full = _full_names(own.named_people)
    in_play = own.named_people | event.named_people
    return bool(full) and not any(
        _may_be_one(person, theirs, in_play)
        if person in full
        else same_person(person, theirs, in_play)
        for person in own.named_people
        for theirs in event.named_people
    )


def _words_as_names(vector: Vector) -> frozenset[str]:
    """The words of ``vector`` (its plain word terms) spelled as an organization's term spells
    the words of its name (:func:`transform.events.entity_term`: folded, spelling-blind): a
    German follow-up's "Füchtorf" is the word of the organization "o:fuchtorf" its first
    report read."""
    return frozenset(
        ev.entity_term("organization", entity_aliases.organization_words(term), None)[
            len(ev.ORGANIZATION_PREFIX) :
        ]
        for term in vector
        if ":" not in term
    )


def _country(place_term: str) -> str:
    return place_term[len(ev.PLACE_PREFIX) :].split(":", 1)[0]


@dataclass(frozen=True, slots=True)
class EventPolicy:
    """The thresholds of event assignment (from wirehouse.settings)."""

    similarity_threshold: float
    merge_threshold: float
    link_share: float
    min_shared_words: int
    identity_terms: int
    identity_share: float
    commute_km: float = COMMUTE_KM
    name_link_threshold: float = float(DEFAULTS["event_name_link_threshold"])
    specific_town_population: int = SPECIFIC_TOWN_POPULATION

    @classmethod
    def from_settings(cls, settings: Settings) -> EventPolicy:
        return cls(
            similarity_threshold=settings.event_similarity_threshold,
            merge_threshold=settings.event_merge_threshold,
            link_share=settings.event_link_share,
            min_shared_words=settings.event_min_shared_words,
            identity_terms=settings.event_identity_terms,
            identity_share=settings.event_identity_share,
            commute_km=settings.event_commute_km,
            name_link_threshold=settings.event_name_link_threshold,
            specific_town_population=settings.event_specific_town_population,
        )


@dataclass(frozen=True, slots=True)
class Decision:
    """Where a new article goes: ``events`` empty means a new event; otherwise it joins
    ``events[0]`` with ``score`` and every further event listed merges with it, in order."""

    score: float
    events: tuple[int, ...]


def lookup_terms(
    vector: Vector, document_counts: Mapping[str, int], count: int, names: int = 0
) -> list[str]:
    """The article's strongest terms that some earlier article has: they retrieve candidate
    articles. A term seen for the first time has the highest IDF of all and would crowd the
    shared ones out of the lookup, yet can find nothing. Up to ``names`` of the ``count`` go
    to its strongest people and places (setting ``event_lookup_names``): a report in another
    language shares a happening's names, not its words, and a name weighs less than the
    words around it (:class:`transform.events.TermWeights`), so the words would take every
    slot: an English wire on a Medellín collapse finds the Spanish report through the town
    and the official both name."""
    known = [t for t in vector if document_counts.get(t, 0)]
    strongest = heapq.nlargest(
        min(names, count),
        (t for t in known if t.startswith(_NAME_PREFIXES)),
        key=lambda t: (vector[t], t),
    )
    taken = set(strongest)
    words = (t for t in known if t not in taken)
    return strongest + heapq.nlargest(count - len(strongest), words, key=lambda t: (vector[t], t))


def nearest_candidates(partial: Mapping[int, float], count: int) -> list[int]:
    """The ``count`` articles with the highest partial dot products (ties: lower id)."""
    return heapq.nlargest(count, partial, key=lambda a: (partial[a], -a))


def link(vector: Vector, member: Vector, policy: EventPolicy) -> float:
    """How strongly a stored article links a new one to its event: their cosine, or 0 when
    they share fewer than ``min_shared_words`` words (one word in common is a coincidence more
    often than a story; the event is then still scored on its centroid)."""
    if ev.shared_words(vector, member) < policy.min_shared_words:
        return 0.0
    return ev.cosine(vector, member)


def best_links(
    vector: Vector,
    members: Mapping[int, Vector],
    event_of: Mapping[int, int],
    policy: EventPolicy,
    own: Roles,
    member_roles: Mapping[int, Roles],
) -> dict[int, float]:
    """Per event, the strongest link any of its candidate ``members`` makes; a member whose
    roles hold it apart from the article's (:func:`held_apart`) makes none (and is not read:
    ``members`` may weigh a vector when it is read, load.stories' ``_Weighed``)."""
    out: dict[int, float] = {}
    for article_id in members:
        event_id = event_of[article_id]
        apart = held_apart(own, member_roles[article_id], policy.commute_km)
        strength = 0.0 if apart else link(vector, members[article_id], policy)
        out[event_id] = max(out.get(event_id, 0.0), strength)
    return out


def name_link(
    vector: Vector,
    member: Vector,
    commute_km: float = COMMUTE_KM,
    one_body: bool = False,
    venues: frozenset[str] = frozenset(),
    one_building: bool = False,
    features: frozenset[str] = frozenset(),
    origins: frozenset[str] = frozenset(),
    town_population: int = SPECIFIC_TOWN_POPULATION,
    figures: frozenset[str] = frozenset(),
    placed: frozenset[str] | None = None,
    one_person_unplaced: bool = False,
    one_town_unvoiced: bool = False,
) -> float:
    """How strongly two articles in different languages are linked by their names alone: the
    cosine of their people, vessels and places, once they name one person in full (or one
    venue within a town that one of them names twice or in its title, of ``venues``: the A-4
    of a tanker crash told in Spanish and English, neither quoting anyone the other does; or
    one named ship) and one place of a known country both,
    or two towns of one locality (:func:`_one_locality`: a university's campus town and its
    city; a region named like a town is that town, :func:`_as_the_town_named`), or
    (``one_body``) one organization (the Université de Lille and the University of Lille,
    whose French report names its town only in the organization's name and a dateline).
    A building's institution both name in one town (``one_building``, :func:`_one_building`)
    is a shared setting as a venue is: one school, hospital or prison. So are a town the
    gazetteer lacks, read with its country (:func:`_unknown_town`: as rare a name as a
    venue's), a gazetteer town of fewer than ``town_population`` people when neither is set in
    another country (:func:`_specific_town`: a village well's rescue told in French and
    English; a round-up of two such rescues abroad names two countries; ``placed``, the
    countries the two sides are set in, :func:`_placed_in`, else every country of a place they
    name: a German report of a waterspout in Croatia says once that its hurt tourists came
    from Bavaria), and a natural
    feature one of them is about (of ``features``: its
    :attr:`Roles.features`, "Fox Glacier" in a New Zealand ice fall's title and text; one
    feature however each language spells it, :func:`_as_the_feature_named`), and so
    is a figure both give in their titles or leads (``figures``: "38 farm workers freed" in
    English, "38 ouvriers agricoles" in French), written alike in every language.
    Their words cannot meet (German and English say "Brand" and "fire"), and a report's
    own-language words would drown the names both share;
    one shared town alone is any happening there, one shared name alone a coincidence. A
    venue both name once each is often another happening's, named in passing (a roundup's
    "and at Liege Airport the day before"), not a shared setting. When one of them names no
    town at all (``one_person_unplaced``, :func:`_one_person_beside_no_town`), the people they
    both name are its only place: the cosine of their people alone links them too. When one of
    them names no one at all in one small town both set the happening in
    (``one_town_unvoiced``, :func:`_one_town_beside_no_person`), the places they name are its
    only names: the cosine of their places alone links them too."""
    names = {t: w for t, w in vector.items() if t.startswith(_NAME_PREFIXES)}
    theirs = {t: w for t, w in member.items() if t.startswith(_NAME_PREFIXES)}
    names, theirs = _as_written_in_full(names, theirs), _as_written_in_full(theirs, names)
    names, theirs = _as_the_town_named(names, theirs), _as_the_town_named(theirs, names)
    # one side naming no one: the places they both name are its only names
    by_places = _cosine_of(ev.PLACE_PREFIX, names, theirs) if one_town_unvoiced else 0.0
    names, theirs = _as_the_district_named(names, theirs), _as_the_district_named(theirs, names)
    names, theirs = _as_the_feature_named(names, theirs), _as_the_feature_named(theirs, names)
    shared = names.keys() & theirs.keys()
    about = frozenset(feature_name(f) for f in features)  # a feature spelt either way
    countries = (
        placed
        if placed is not None
        else frozenset(_country(t) for t in (*names, *theirs) if t.startswith(ev.PLACE_PREFIX))
        - {ev.NO_COUNTRY}
    )
    if (
        not one_building
        and not figures
        and not any(
            (t.startswith(ev.PERSON_PREFIX) and " " in t)
            or (
                t.startswith(_SPECIFIC_PREFIXES)
                and (t in venues or not t.startswith(_VENUE_PREFIX))
            )
            or (t.startswith(ev.PLACE_PREFIX) and _unknown_town(t))
            or (_specific_town(t, town_population) and countries <= {_country(t)})
            or t in features
            or (t.startswith(_FEATURE_PREFIX) and feature_name(t) in about)
            or t in origins
            for t in shared
        )
    ):
        return by_places
    # one side naming no town: the people they both name are its only place
    by_people = _cosine_of(ev.PERSON_PREFIX, names, theirs) if one_person_unplaced else 0.0
    place = (
        one_body
        or any(t.startswith(ev.PLACE_PREFIX) and _country(t) != ev.NO_COUNTRY for t in shared)
        or _village_and_person(shared)
    )
    if not place:
        towns, their_towns = ({_town_of(t) for t in side} - {None} for side in (names, theirs))
        place = any(
            _country(a) == _country(b) and _one_locality(a, b, commute_km)
            for a in towns
            for b in their_towns
        )
    return max(ev.cosine(names, theirs) if place else 0.0, by_people, by_places)


def _village_and_person(shared: Iterable[str]) -> bool:
    """Whether two articles' shared names hold a town the gazetteer lacks (:func:`_unknown_town`,
    read after a settlement noun, "a cooperative dairy near the town of Poligny", or from a
    dateline) and a person named in full: the place :func:`name_link` asks for. Its country is
    unknown, but a village too small for the gazetteer that both reports name beside one
    person's full name (the dairy's president) sets them in one place as a known town would:
    an English round-up that tells the Poligny cheese theft first shares the village and the
    president with the French report and nothing else (the Italian theft it adds is another
    happening's, :func:`transform.events.elsewhere_terms`)."""
    shared = tuple(shared)
    return any(t.startswith(ev.PLACE_PREFIX) and _unknown_town(t) for t in shared) and any(
        t.startswith(ev.PERSON_PREFIX) and " " in t[len(ev.PERSON_PREFIX) :] for t in shared
    )


def _as_written_in_full(names: Vector, theirs: Vector) -> dict[str, float]:
    """``names`` with each full name (two words or more) that begins exactly one longer
    person term of ``theirs`` written as that one: a Spanish report names the mayor with both
    his surnames, "Ramiro Garza Treviño", the English wire with the first, "Ramiro Garza";
    one person, one term for the name link."""
    out: dict[str, float] = {}
    for term, value in names.items():
        longer = (
            [t for t in theirs if t.startswith(term + " ")]
            if term.startswith(ev.PERSON_PREFIX) and " " in term[len(ev.PERSON_PREFIX) :]
            else []
        )
        key = longer[0] if len(longer) == 1 else term
        out[key] = out.get(key, 0.0) + value
    return out


def _as_the_town_named(names: Vector, theirs: Vector) -> dict[str, float]:
    """``names`` with each region named like a town (:func:`_town_of`) written as that town
    where ``theirs`` names the town: a German report says "der Provinz Nevşehir", the English
    wire "hospitals in Nevsehir"; one place, one term for the name link."""
    out: dict[str, float] = {}
    for term, value in names.items():
        town = None if term in theirs else _town_of(term)
        key = town if town is not None and town in theirs else term
        out[key] = out.get(key, 0.0) + value
    return out


def _as_the_district_named(names: Vector, theirs: Vector) -> dict[str, float]:
    """``names`` with each town of the gazetteer written as the district of ``theirs`` that
    bears its name (:func:`_part_keys`): a German report says "im Stadtteil Kadıköy" (a
    district, read by its district word), the English wire "the Kadikoy district", which the
    gazetteer holds as a town of its own; one part of one city, one term for the name link,
    where a district both name is a shared setting as a venue is."""
    districts = [t for t in theirs if t.startswith(_DISTRICT_PREFIX)]
    out: dict[str, float] = {}
    for term, value in names.items():
        key = term
        if (
            districts
            and term not in theirs
            and term.startswith(ev.PLACE_PREFIX)
            and _country(term) != ev.NO_COUNTRY
            and _is_town(term)
        ):
            named = [d for d in districts if _place_key(term) in _part_keys(d)]
            key = named[0] if len(named) == 1 else term
        out[key] = out.get(key, 0.0) + value
    return out


def _as_the_feature_named(names: Vector, theirs: Vector) -> dict[str, float]:
    """``names`` with each natural feature that is the one feature of ``theirs`` of its name in
    another language (:func:`feature_name`) written as the first of the two spellings: a German
    report says "Peipussee", the English wire "Lake Peipus"; one lake, one term for the name
    link, as for conflicts (both sides are written alike, whichever is read first)."""
    features = [t for t in theirs if t.startswith(_FEATURE_PREFIX)]
    out: dict[str, float] = {}
    for term, value in names.items():
        key = term
        if features and term not in theirs and term.startswith(_FEATURE_PREFIX):
            named = [f for f in features if feature_name(f) == feature_name(term)]
            key = min(term, named[0]) if len(named) == 1 else term
        out[key] = out.get(key, 0.0) + value
    return out


def placed_by_its_event(
    vector: Vector,
    best: Mapping[int, float],
    centroids: Mapping[int, Vector],
    policy: EventPolicy,
) -> Vector:
    """The vector an article's name links are read from (:func:`name_links`): its own, or,
    when it names no place of a known country, its own with the places of known countries
    of the event a member of which links to it most strongly, at the join threshold at least
    (``best``: per event, its strongest member link, :func:`best_links`; ``centroids``: the
    events' weighted centroids). A follow-up that says "the Belgian port" and names the fire
    commander is where its words place it, the Antwerp plant fire, and meets there the French
    report that names the commander and Antwerp: the same person in the same place."""
    if any(t.startswith(ev.PLACE_PREFIX) and _country(t) != ev.NO_COUNTRY for t in vector):
        return vector
    linked = [(value, e) for e, value in best.items() if e in centroids]
    if not linked:
        return vector
    value, event_id = max(linked)
    if value < policy.similarity_threshold:
        return vector
    places = {
        t: w
        for t, w in centroids[event_id].items()
        if t.startswith(ev.PLACE_PREFIX) and _country(t) != ev.NO_COUNTRY
    }
    return {**vector, **places} if places else vector


def name_links(
    vector: Vector,
    language: str | None,
    members: Mapping[int, Vector],
    member_languages: Mapping[int, str | None],
    event_of: Mapping[int, int],
    own: Roles,
    member_roles: Mapping[int, Roles],
    event_roles: Mapping[int, Roles],
    commute_km: float = COMMUTE_KM,
    town_population: int = SPECIFIC_TOWN_POPULATION,
) -> dict[int, float]:
    """Per event of ``event_roles``, the strongest :func:`name_link` that one of its
    candidate ``members`` written in another language than the article makes (both languages
    known; an organization both name, :func:`same_organization`, counts as a place); a member
    whose roles hold it apart from the article's (:func:`held_apart`) makes none, nor does
    any member of an event about a town the article, naming towns of its own, never names
    (:func:`_names_town_of`). A member is read only once it may link (as in
    :func:`best_links`)."""
    out: dict[int, float] = {}
    own_language = normalize_language(language)
    if not own_language:
        return out
    for article_id in members:
        other = normalize_language(member_languages.get(article_id))
        if not other or other == own_language:
            continue
        event_id = event_of[article_id]
        event = event_roles.get(event_id)
        if event is None or not _names_town_of(own, event, commute_km):
            continue
        theirs = member_roles[article_id]
        if held_apart(own, theirs, commute_km) and not strangers_in_one_small_town(
            own, theirs, commute_km, town_population
        ):
            continue
        firms = own.named_organizations | theirs.named_organizations
        one_body = any(
            same_organization(a, b, firms)
            for a in own.named_organizations
            for b in theirs.named_organizations
        )
        link = name_link(
            vector,
            members[article_id],
            commute_km,
            one_body,
            own.venues | theirs.venues,
            _one_building(own, theirs, commute_km) or _one_club(own, theirs, commute_km),
            own.features | theirs.features,
            own.origins & theirs.origins,
            town_population,
            own.figures & theirs.figures,
            _placed_in(own) | _placed_in(theirs),
            _one_person_beside_no_town(own, theirs) or _one_person_beside_no_town(theirs, own),
            _one_town_beside_no_person(own, theirs, town_population)
            or _one_town_beside_no_person(theirs, own, town_population),
        )
        out[event_id] = max(out.get(event_id, 0.0), link)
    return out


def _one_person_beside_no_town(a: Roles, b: Roles) -> bool:
    """Whether a side that names no town at all (``a``) names in full a person the other names
    too (:func:`same_person`), neither setting itself in a second country (:func:`_placed_in`),
    and neither tells of the person only as another happening's
    (:attr:`Roles.other_happening_people`), nor is about a firm or a ship the other never
    names (:func:`_subject_unnamed_by`), nor gives figures in its title or lead none of which
    the other gives (:attr:`Roles.figures`: a ferry aground with 312 aboard, a catamaran
    with 184, one coast guard spokeswoman quoted on both). A wire in another language may name the
    happening's village in no form the gazetteer reads ("der Kamptaler Winzer", "un pueblo
    bávaro") or not at all, and then the person it tells of is its only place: :func:`name_link`
    asks for one place both name, which a side naming none cannot give, and the words of two
    languages cannot meet."""
    if a.named_towns or len(_placed_in(a) | _placed_in(b)) > 1:
        return False
    if _subject_unnamed_by(a, b) or _subject_unnamed_by(b, a):
        return False
    if a.figures and b.figures and not a.figures & b.figures:
        return False  # each title's count is another happening's (312 aboard, 184 aboard)
    told = a.other_happening_people | b.other_happening_people
    in_play = a.named_people | b.named_people
    return any(
        " " in person[len(ev.PERSON_PREFIX) :]
        and any(same_person(person, theirs, in_play) for theirs in b.named_people - told)
        for person in a.named_people - told
    )


def _cosine_of(prefix: str, names: Mapping[str, float], theirs: Mapping[str, float]) -> float:
    """The cosine of two sides' names of one kind alone (``prefix``: their places, or their
    people)."""
    return ev.cosine(
        *({t: w for t, w in side.items() if t.startswith(prefix)} for side in (names, theirs))
    )


def _one_town_beside_no_person(a: Roles, b: Roles, town_population: int) -> bool:
    """Whether a side that names no person at all (``a``) is set in one small town with the
    other: a gazetteer town of fewer than ``town_population`` people (:func:`_specific_town`)
    or one it lacks (:func:`_unknown_town`) that one side is about (a main town) and the
    other names, neither side setting itself in a second country (:func:`_countries_set_in`),
    neither about a firm or a ship the other never names (:func:`_subject_unnamed_by`) nor
    giving figures in its title or lead none of which the other gives (:attr:`Roles.figures`). A wire that quotes no one (a brief: "police said")
    and the report in another language that quotes the spokeswoman cannot share a person,
    and their words cannot meet: the small town both set the happening in is what they
    share, as a venue is. Two happenings of one kind in one small town on the same days
    are rare; in a city common, and a city is no small town. The strangers rule still
    holds two sides that each quote their own people (:func:`strangers_in_one_town`)."""
    if a.named_people:
        return False
    shared = (_main_towns(a) & b.named_towns) | (_main_towns(b) & a.named_towns)
    towns = [t for t in shared if _specific_town(t, town_population) or _unknown_town(t)]
    if not towns:
        return False
    placed = _countries_set_in(a) | _countries_set_in(b)
    if len(placed) > 1 or not any(placed <= {_country(t)} for t in towns):
        return False  # a side set in a second country: a round-up, or a namesake abroad
    if _subject_unnamed_by(a, b) or _subject_unnamed_by(b, a):
        return False
    return not (a.figures and b.figures and not a.figures & b.figures)


def _countries_set_in(side: Roles) -> frozenset[str]:
    """The countries a side sets itself in (:func:`_placed_in`), or, set nowhere, the
    country of most places it names (:attr:`Roles.most_country`) when there is one: a German
    brief that names a Polish town twice and once its old German name."""
    placed = side.countries | frozenset(_country(town) for town in side.towns_twice)
    if placed:
        return placed
    return frozenset({side.most_country}) if side.most_country else side.named_countries


def _subject_unnamed_by(side: Roles, other: Roles) -> bool:
    """Whether a side's main organization is one the other never names, or its main vessel
    none of the other's main vessels: each of two fines one watchdog imposes is about its own
    firm, each of two ferry mishaps about its own ship, which the other report may name in
    passing ("hours after the Aigaio Express ran aground"). The person both name then speaks
    for both happenings and places neither."""
    firms = side.named_organizations | other.named_organizations
    if side.organization is not None and not any(
        same_organization(side.organization, theirs, firms) for theirs in other.named_organizations
    ):
        return True
    return side.vessel is not None and side.vessel not in other.vessels


def _names_organization(side: Roles, organization: str) -> bool:
    """Whether a side names ``organization`` (:func:`same_organization`), however often."""
    firms = side.named_organizations | {organization}
    return any(
        same_organization(organization, theirs, firms) for theirs in side.named_organizations
    )


def _one_building(a: Roles, b: Roles, commute_km: float) -> bool:
    """Whether two sides name one building's institution by its proper name
    (:func:`transform.entity_aliases.building_name`: "Institut Sainte-Julienne" in a French
    report and an English one, or "St Julienne Institute") and a town of one locality
    (:func:`_one_locality`). A school, hospital or prison stands at one place: two reports
    that name it in its town tell of what happened there, as two naming one venue do, though
    neither quotes anyone the other does. Two schools of one city have two names. An
    institution a side only quotes (:attr:`Roles.quoted_organizations`: an institute that
    reports the figures of every outbreak) or that speaks for its bureau's town
    (:attr:`Roles.bureau_voices`) is a voice, not where the happening was."""
    prefix = len(ev.ORGANIZATION_PREFIX)

    def buildings(side: Roles) -> set[frozenset[str]]:
        voices = side.quoted_organizations | side.bureau_voices
        named = side.named_organizations - voices
        return {entity_aliases.building_name(o[prefix:]) for o in named} - {frozenset()}

    if buildings(a).isdisjoint(buildings(b)):
        return False
    return _names_one_locality(a, b, commute_km)


def _names_one_locality(a: Roles, b: Roles, commute_km: float) -> bool:
    """Whether a town ``a`` names and one ``b`` names lie in one locality (:func:`_one_locality`)."""
    return any(_one_locality(x, y, commute_km) for x in a.named_towns for y in b.named_towns)


def _one_club(a: Roles, b: Roles, commute_km: float) -> bool:
    """Whether two sides name one sports club by its proper name, one of them with its club
    words (:func:`transform.entity_aliases.club_name`: "Club Deportivo Cacereño Norte" in a
    Spanish report, "Cacereno Norte" in an English one), and a town of one locality
    (:func:`_one_locality`). A club of two proper words is as rare a name as a building's: two
    reports that name it in its town tell of its happening, as two naming one school do,
    though neither quotes anyone the other does. A club quoted only, or speaking for a
    bureau's town, is a voice, as for :func:`_one_building`."""
    prefix = len(ev.ORGANIZATION_PREFIX)

    def named(side: Roles) -> frozenset[str]:
        voices = side.quoted_organizations | side.bureau_voices
        return frozenset(o[prefix:] for o in side.named_organizations - voices)

    if not any(entity_aliases.same_club(x, y) for x in named(a) for y in named(b)):
        return False
    return _names_one_locality(a, b, commute_km)


def _names_town_of(own: Roles, event: Roles, commute_km: float) -> bool:
    """Whether an article that names towns names the one an event is about, or one in its
    locality (:func:`_one_locality`); true too when the event is about no town. A name
    link says "the same people in the same place": a German follow-up on a Hamburg dairy's
    recall and an English brief on a Lübeck bakery's recall that names the dairy's manager
    and Hamburg in passing share a person and a town, but not the bakery's town, which the
    follow-up, naming its own towns, never names. A report naming no town at all (a small
    village the gazetteer lacks, and the country) places itself nowhere else. Nor does one
    naming only a town the gazetteer lacks (:func:`_unknown_town`) when the event's town is
    only a region named like a town (:attr:`Roles.regional_town`): the small town may lie in
    that region, as :func:`_small_town_of_a_region` lets two sides be one (the Spanish report
    of a trawler taken into "el puerto irlandés de Castletownbere" and the first report's
    "off Cork", "Castletownbere, County Cork"). Nor does one set at the event's own venue
    (:attr:`Roles.venue`, both sides'): the German report of an elephant attack "im
    Hwange-Nationalpark", naming the tour operator's Hamburg and the ministry's Harare, is set
    where the English "Hwange park" is, whose town it never names apart from the park."""
    if event.town is None or not own.named_towns:
        return True
    if own.venue is not None and own.venue == event.venue:
        return True
    if event.regional_town and all(_unknown_town(town) for town in own.named_towns):
        return True
    return any(_one_locality(event.town, town, commute_km) for town in own.named_towns)


def owned_names(
    vector: Vector,
    members: Mapping[int, Vector],
    event_of: Mapping[int, int],
    document_counts: Mapping[str, int],
) -> dict[int, frozenset[str]]:
    """Per candidate event, the people, vessels and places the article names that the event
    owns: every stored article naming them is one of its candidate ``members``. A name that
    only one happening's reports use (the flooded village's river, a witness) says which
    happening an article speaks of; a name several events share (a region, a city, a firm)
    does not."""
    named = [t for t in vector if t.startswith(_NAME_PREFIXES) and document_counts.get(t, 0)]
    if not named:
        return {}
    namers: dict[str, dict[int, int]] = defaultdict(dict)  # name -> event -> members naming it
    for article_id, member in members.items():
        for term in named:
            if term in member:
                per_event = namers[term]
                event_id = event_of[article_id]
                per_event[event_id] = per_event.get(event_id, 0) + 1
    owned: dict[int, set[str]] = defaultdict(set)
    for term, per_event in namers.items():
        if len(per_event) == 1:
            ((event_id, count),) = per_event.items()
            if count >= document_counts[term]:
                owned[event_id].add(term)
    return {event_id: frozenset(terms) for event_id, terms in owned.items()}


LINK_TERMS = int(DEFAULTS["event_link_terms"])  # WIREHOUSE_EVENT_LINK_TERMS's default
LINK_SUPPORT = int(DEFAULTS["event_link_support"])  # WIREHOUSE_EVENT_LINK_SUPPORT's default
CONTEXT_TERMS = int(DEFAULTS["event_context_terms"])  # WIREHOUSE_EVENT_CONTEXT_TERMS's default
CONTEXT_SHARE = float(DEFAULTS["event_context_share"])  # WIREHOUSE_EVENT_CONTEXT_SHARE's default


def linked_terms(
    vector: Vector,
    links: Mapping[str, Mapping[str, int]],
    document_counts: Mapping[str, int],
    documents: int,
) -> dict[str, float]:
    """The terms the stream links to a headline as a whole: short-text expansion from the
    events earlier headlines joined (``links``: term -> term -> joins that paired them,
    load.story_state.TermLinks). A term counts when at least two of the headline's terms
    link to it (one word's links drift to its other stories: "stocks" to every market
    report) and it follows a headline term more often than it occurs at all (positive
    pointwise mutual information). Its weight sums, over the headline terms linking to it,
    the term's weight times the share of its reports whose event held the linked term, times
    the linked term's IDF. Two headlines of one story often share one word or none ("Fed's
    Plosser sees high bar for taper change", "Stocks fall after Fed official hints at
    tapering"); the words their story's reports use together fill in what each leaves out."""
    found: dict[str, float] = defaultdict(float)
    sources: dict[str, int] = defaultdict(int)
    for term, weight in vector.items():
        count = document_counts.get(term, 0)
        if not count:
            continue
        for other, together in links.get(term, {}).items():
            if other in vector:
                continue
            other_count = document_counts.get(other, 0)
            given = min(1.0, together / count)
            if not other_count or given <= other_count / max(1, documents):
                continue
            found[other] += weight * given * ev.idf(other_count, documents)
            sources[other] += 1
    return {t: w for t, w in found.items() if sources[t] >= 2}


def in_context(
    vector: Vector,
    linked: Mapping[str, float],
    terms: int = CONTEXT_TERMS,
    share: float = CONTEXT_SHARE,
) -> dict[str, float]:
    """A headline's vector with its ``terms`` strongest :func:`linked_terms`, scaled so that
    together they weigh ``share`` of the headline's own length: what the headline leaves out
    counts, less than what it says."""
    strongest = ev.strongest(linked, terms)
    size, length = ev.norm(strongest), ev.norm(vector)
    out = dict(vector)
    if size and length:
        scale = share * length / size
        out.update((term, weight * scale) for term, weight in strongest.items())
    return out


def identity_share(vector: Vector, centroid: Vector, count: int) -> float:
    """How much of an event's identity an article repeats: the share of the squared weight
    of the event's ``count`` heaviest terms that the article's vector holds too, however
    little the article weighs them (a report whose main subject is another may still name the
    happening's place, its cause and its effects in passing)."""
    top = ev.strongest(centroid, count)
    total = sum(w * w for w in top.values())
    if not total:
        return 0.0
    return sum(w * w for t, w in top.items() if t in vector) / total


def speaks_of(vector: Vector, centroid: Vector, count: int) -> bool:
    """Whether an article holds any of an event's ``count`` heaviest terms. One that holds
    none of them links to the event through its generic words only ("closes lower"), and two
    events it bridged would merge on their own drifting likeness, not on a report of both."""
    return any(term in vector for term in ev.strongest(centroid, count))


def event_score(
    vector: Vector,
    best_link: float,
    centroid: Vector,
    policy: EventPolicy,
    owns_a_name: bool,
    context: Vector | None = None,
) -> float:
    """The blend of an event's nearest-member link and its centroid cosine; the cosine is
    taken with ``context`` when given (a headline with its linked terms, :func:`in_context`).
    An event that owns a person or place the article names (:func:`owned_names`) scores at
    least the article's :func:`identity_share` of it when that share reaches
    ``identity_share``: the same specific name, in the same window, with most of the
    happening's own words."""
    near = ev.cosine(vector if context is None else context, centroid)
    score = ev.event_similarity(best_link, near, policy.link_share)
    if owns_a_name:
        share = identity_share(vector, centroid, policy.identity_terms)
        if share >= policy.identity_share:
            return max(score, share)
    return score


def vouched(
    own: Roles, event: Roles, owned: frozenset[str], commute_km: float = COMMUTE_KM
) -> bool:
    """Whether an event's own people vouch for an article in its town: the article is about
    the event's town or one in its locality (:func:`_one_locality`: a collapse in Medellín
    told by a report that names Envigado as often) (or, naming no town, about the event's
    country, :func:`_country_of_event`; or, with no place of its own, names the event's town
    among others: a recall's firm town and a depot's; not once beside a town abroad it names
    twice: an agency's wire on a Madrid theft, from The Hague, naming Liège's in passing), names in
    full a person or a vessel only this event's reports name (:func:`owned_names`: a
    hijacked tanker's owners' report, which quotes none of the crew) or is set in the
    event's district (:attr:`Roles.local`), which only this event's reports name (a follow-up
    on "Graz-Lend" after a bank siege in Graz's Lend district), and every person it is about
    (:attr:`Roles.people`: named three times, or in its title and again) the event names
    too. A report in another language than the event's shares few of its words but its
    names (the bank siege's police spokesman, the town); one more person it names once is
    someone who spoke in passing (the minister who praised the police, a city official). A
    report of another happening in that town is about its own people, whom the event does
    not name, beside any it borrows in passing. An academic it quotes (:attr:`Roles.experts`,
    none of its main people: a professor who decries a dinosaur's sale) vouches for
    nothing: one is asked about every happening of a kind, and once an event vouches, the
    others in other towns score nothing (:func:`score_events`)."""
    if own.town is None:
        if own.place_country is None:
            if event.town is None or event.town not in own.named_towns:
                return False
            if event.town not in own.towns_twice and any(
                _country(town) != _country(event.town) for town in own.towns_twice
            ):
                return False  # named once, beside a town abroad named twice: in passing
        elif own.place_country != _country_of_event(event):
            return False
    elif not any(_one_locality(own.town, town, commute_km) for town in _main_towns(event)) and not (
        _passing_town_and_its_people(event, own) or _passing_town_named_by_the_other(own, event)
    ):
        return False
    full = _full_names(own.named_people - (own.experts - own.people))
    own_district = own.local is not None and own.local == event.local and own.local in owned
    return (
        bool((full | own.named_vessels) & owned or own_district)
        and _full_names(own.people) <= event.named_people
    )


def _country_of_event(event: Roles) -> str | None:
    """The country an event is about: its main place's or, with no main place and no town,
    the one country of every place it names. A first report datelined at its bureau names
    the plant's district once ("le réacteur de Flamanville (Manche)"), too seldom for a main
    place, yet names no other country: an English report from the capital about France,
    quoting the site director both name in full, is about that happening."""
    if event.place_country is not None or event.town is not None:
        return event.place_country
    return next(iter(event.named_countries)) if len(event.named_countries) == 1 else None


def strangers_retold(
    vector: Vector, centroid: Vector, policy: EventPolicy, own: Roles, event: Roles
) -> bool:
    """Whether an article that only the strangers rule holds apart from an event
    (:func:`strangers_in_one_town`) is another report of the event's happening that quotes
    other people: it is about the event's own town, not about a person the event never names
    (:func:`_unnamed_actor`), and its words alone make it the event's: its centroid cosine
    reaches the join threshold and it holds ``identity_share`` of the event's identity
    (:func:`identity_share`). A prison escape's first wire quotes a union delegate, its second
    the fugitives' names and the prosecutor; two happenings in one town, even of one kind (two
    recalls by two firms), each have their own heaviest words (the firm, the product) and
    repeat few of the other's. The event may be about a person the article never names: the
    fire brigade's spokesman every first report quoted is no one a next day's report, quoting
    the minister and the mayor, must name again."""
    if own.town is None or own.town not in _main_towns(event):
        return False
    if not strangers_in_one_town(own, event, policy.commute_km) or conflict(
        own, event, commute_km=policy.commute_km
    ):
        return False
    return _retells(vector, centroid, policy, own, event)


def _retells(
    vector: Vector, centroid: Vector, policy: EventPolicy, own: Roles, event: Roles
) -> bool:
    """Whether an article's words alone make it the event's: it is not about a person the
    event never names (:func:`_unnamed_actor`), its centroid cosine reaches the join threshold
    and it holds ``identity_share`` of the event's identity (:func:`identity_share`)."""
    if _unnamed_actor(own, event, own.named_people | event.named_people):
        return False
    return (
        ev.cosine(vector, centroid) >= policy.similarity_threshold
        and identity_share(vector, centroid, policy.identity_terms) >= policy.identity_share
    )


def retold_from_elsewhere(
    vector: Vector, centroid: Vector, policy: EventPolicy, own: Roles, event: Roles
) -> bool:
    """Whether an article that only its town holds apart from an event (another town of the
    event's country, not of its locality: :func:`conflict`) is a follow-up sent from
    elsewhere: it names the event's town, which names not the article's (the first reports
    of a happening cannot know where a later one is filed from, while two happenings of one
    day name each other's towns: the minister who visited the Bremen fire "before travelling
    on to Hannover"), is not about a person the event never names
    (:func:`_unnamed_actor`), and its words alone make it the event's, as for
    :func:`strangers_retold`, and the event's words make it too: the event holds
    ``identity_share`` of the article's own identity. News of a happening moves on to where
    its reactions are: the capital where a federation speaks, the court that hears the
    appeal, the bureau the wire files from; such a report names where the happening was and
    retells it (its firms, its figures), while the first reports never name the town of a
    later one. A report of another happening of the kind in its own town may name the first
    one's town, owner and visiting minister in its lead, and so hold much of its identity,
    but is mostly about its own: its own heaviest words (the paper mill, its manager) are
    not the event's."""
    if own.town is None or event.town is None or own.town in _main_towns(event):
        return False
    if not _names_locality(own.named_towns, event.town, policy.commute_km):
        return False
    if _names_locality(event.named_towns, own.town, policy.commute_km):
        return False  # the event knows the article's town: two happenings that name each other
    placeless = replace(own, town=None, towns=frozenset())
    if not conflict(own, event, commute_km=policy.commute_km) or held_apart(
        placeless, event, policy.commute_km
    ):
        return False
    return (
        _retells(vector, centroid, policy, own, event)
        and identity_share(centroid, vector, policy.identity_terms) >= policy.identity_share
    )


def _retold_score(vector: Vector, best_link: float, centroid: Vector, policy: EventPolicy) -> float:
    """The score of an event that retells an article's happening (:func:`strangers_retold`):
    its centroid cosine at least, since its members' links were held apart
    (:func:`best_links`)."""
    score = event_score(vector, best_link, centroid, policy, owns_a_name=False)
    return max(score, ev.cosine(vector, centroid))


def _most_owning(vouching: set[int], owned: Mapping[int, frozenset[str]]) -> set[int]:
    """Of the events that vouch for an article (:func:`vouched`), those that own most of the
    names it says (:func:`owned_names`): a brief on a Lübeck bakery's recall names the
    Hamburg dairy's manager in passing, whom only the dairy's reports name, and the bakery's
    spokeswoman and Lübeck, which only the bakery's reports name. Each event's own names say
    it is the one the article speaks of; the one with more of them is. A tie keeps both."""
    most = max((len(owned.get(e, ())) for e in vouching), default=0)
    return {e for e in vouching if len(owned.get(e, ())) == most}


def _elsewhere(event: Roles, vouching: Sequence[Roles], policy: EventPolicy) -> bool:
    """Whether an event is about a town (:attr:`Roles.town`) in no locality
    (:func:`_one_locality`) of the towns of the events that vouch for an article
    (:func:`vouched`): the people who vouch place the article in their own town."""
    if event.town is None:
        return False
    towns = [v.town for v in vouching if v.town is not None]
    return bool(towns) and not any(
        _country(t) == _country(event.town) and _one_locality(t, event.town, policy.commute_km)
        for t in towns
    )


def events_to_score(best: Mapping[int, float], count: int) -> list[int]:
    """The ``count`` events with the strongest links, in id order."""
    return sorted(heapq.nlargest(count, best, key=lambda e: (best[e], -e)))


def score_events(
    vector: Vector,
    best: Mapping[int, float],
    centroids: Mapping[int, Vector],
    policy: EventPolicy,
    own: Roles,
    event_roles: Mapping[int, Roles],
    owned: Mapping[int, frozenset[str]],
    named: Mapping[int, float] | None = None,
    context: Vector | None = None,
) -> list[tuple[float, int]]:
    """``(score, event)`` for each event of ``centroids``, best first (:func:`event_score`;
    ``owned`` from :func:`owned_names`; ``context`` from :func:`in_context`); 0 for an event whose
    roles conflict with the article's. An event one of whose members in another language reaches the
    policy's ``name_link_threshold`` on names alone (``named``, from :func:`name_links`) scores the
    join threshold at least: the same people in the same place, told in two languages. Once an event
    vouches for the article (:func:`vouched`), an event about a person the article never names
    scores 0 too: a blast report that names the mayor who visited shares "Lille", "Sophie" and
    "mayor" with a deputy mayor's arrest, not the happening its own mayor's name belongs to. So does
    an event about a town in no locality of the vouching events' towns (:func:`_elsewhere`): an
    English brief on a Lübeck bakery's recall, naming no place of its own, shares its English recall
    words with the Hamburg dairy's report it names in passing, but its spokeswoman, whom only the
    bakery's reports name, places it in Lübeck; of two events that vouch, the one owning more of its
    names does (:func:`_most_owning`). An event about a firm whose name and people the article never
    names, naming people of its own, scores 0 (:func:`_unnamed_firm`), and so does an event
    whose people the article names only where it tells of another happening
    (:func:`_its_other_happening`)."""
    vouching = _most_owning(
        {
            e
            for e in centroids
            if vouched(own, event_roles[e], owned.get(e, frozenset()), policy.commute_km)
        },
        owned,
    )
    # the names in play matter only once an event vouches: no union over every event's
    # people for each article otherwise
    in_play = (
        own.named_people | frozenset(p for r in event_roles.values() for p in r.people)
        if vouching
        else frozenset()
    )
    # the article's words as names, worked out for the first event that asks, once
    words_as_names = functools.cache(partial(_words_as_names, vector))
    scored = [
        (
            _retold_score(vector, best.get(e, 0.0), c, policy)
            if strangers_retold(vector, c, policy, own, event_roles[e])
            or retold_from_elsewhere(vector, c, policy, own, event_roles[e])
            else 0.0
            if held_apart(own, event_roles[e], policy.commute_km)
            and not vouched_from_a_passing_town(
                own, event_roles[e], owned.get(e, frozenset()), policy.commute_km
            )
            and not _named_in_one_small_town(own, event_roles[e], (named or {}).get(e, 0.0), policy)
            and not _firm_written_in_words(own, event_roles[e], policy, words_as_names)
            or _unnamed_firm(vector, own, event_roles[e], words_as_names)
            or _told_side_by_side(own, event_roles[e], event_roles.values(), policy.commute_km)
            or _its_other_happening(own, event_roles[e])
            or _about_its_other_happening(own, event_roles[e])
            or _headlined_apart(own, event_roles[e])
            or (
                vouching
                and e not in vouching
                and (
                    (actor := event_roles[e].actor) is not None
                    and not _names(actor, own.named_people, in_play)
                    or _elsewhere(event_roles[e], [event_roles[v] for v in vouching], policy)
                )
            )
            else max(
                event_score(vector, best.get(e, 0.0), c, policy, bool(owned.get(e)), context),
                policy.similarity_threshold
                if e in vouching or (named or {}).get(e, 0.0) >= policy.name_link_threshold
                else 0.0,
            ),
            e,
        )
        for e, c in centroids.items()
    ]
    # of two events that score alike (the join threshold both reach on names alone), the one
    # whose reports share more of the article's names
    scored.sort(key=lambda se: (-se[0], -(named or {}).get(se[1], 0.0), se[1]))
    return scored


def _its_other_happening(own: Roles, event: Roles) -> bool:
    """Whether every person an event names is one an article names only where it tells of
    another happening (:attr:`Roles.other_happening_people`), and the article names people of
    its own (none of them there) whom the event never names: the event is that other
    happening. A report on gendarmes breaking up a fake-police ring in Lyon, quoting their
    colonel, that closes "Lyon prosecutor Nathalie Corbiere ... had announced in the morning
    the arrest of seven members of a separate fake bank adviser ring" is not a report of the
    bank-adviser ring's event, whose reports quote the prosecutor alone: its own names are
    the colonel's. An event naming someone else too has people the article does not tell as
    another's: a follow-up retelling the first hours of its own happening ("hours after the
    blast, fire chief ... said") names some of them only there. An organization both name is
    a name in common, which the rule leaves to the others."""
    told = own.other_happening_people
    if not told or not event.named_people or own.named_organizations & event.named_organizations:
        return False
    in_play = own.named_people | event.named_people
    if not all(_names(p, told, in_play) for p in event.named_people):
        return False
    return any(
        not any(_may_be_one(p, theirs, in_play) for theirs in event.named_people)
        for p in own.named_people - told
    )


def _about_its_other_happening(own: Roles, event: Roles) -> bool:
    """Whether an event is about a person (its main actor) whom an article names only where it
    tells of another happening (:attr:`Roles.other_happening_people`): "Am Morgen hatte
    bereits Gesundheitsministerin Helena Sarmento ihren Rücktritt erklärt" closes a report on
    the housing minister who resigned in the afternoon, and the health minister's event is
    that other happening, not the report's, whatever words of the kind and the city they share.
    The actor must be one the event's titles or leads name (:func:`_headlined`): a person at
    the centre of a happening is named up front, while an official quoted lower down, who may
    also speak of a neighbouring happening ("Miroslav Hudec ... said investigators were
    checking ... Hungary, where a separate outbreak was found"), is a voice of both. A report
    about the event's actor too (its own actor) tells no other happening of them."""
    actor = event.actor
    if actor is None or not own.other_happening_people or not _headlined(actor, event):
        return False
    in_play = own.named_people | event.named_people
    if own.actor is not None and _one_person(own.actor, actor, in_play):
        return False
    return _told_of(actor, own.other_happening_people, in_play)


def _one_person(a: str, b: str, in_play: frozenset[str]) -> bool:
    """Whether two person terms name one person (:func:`same_person`), or one is the other's
    name less its first name (:func:`_surnames_of`)."""
    return same_person(a, b, in_play) or _surnames_of(a, b) or _surnames_of(b, a)


def _told_of(actor: str, people: frozenset[str], in_play: frozenset[str]) -> bool:
    """Whether ``people`` name ``actor`` (:func:`_names`), or one of them in full whom the
    actor's term writes by both surnames alone (:func:`_surnames_of`)."""
    return _names(actor, people, in_play) or any(_surnames_of(actor, p) for p in people)


def _surnames_of(short: str, full: str) -> bool:
    """Whether a person term of two words or more is another's name less its first name: a
    Spanish report heads and leads on a referee's two surnames ("El CTA aparta a Cebrián
    Lozano"), the event's actor "p:cebrian lozano", and a report that names "Alvaro Cebrian
    Lozano" once, among the others stood down, names him. :func:`same_person` reads a surname
    of one word alone (two words may be a first name and a surname, in play by themselves);
    the rules that tell another happening's people (:func:`_about_its_other_happening`,
    :func:`_actor_of_another_happening`) read both surnames too."""
    name = short[len(ev.PERSON_PREFIX) :]
    return " " in name and full.endswith(" " + name) and full.startswith(ev.PERSON_PREFIX)


def _headlined(person: str, side: Roles) -> bool:
    """Whether a side's titles or leads (:attr:`Roles.phrases`) name a person, in full or by
    surname."""
    name = person[len(ev.PERSON_PREFIX) :]
    return name in side.phrases or name.rsplit(" ", 1)[-1] in side.phrases


def _name_key(term: str) -> str:
    """A person or organization term as a name alone, written as a person's is
    (:func:`transform.events.entity_term`): one report reads "Sokol Wroclaw" as a person,
    another as a club, and both write one name."""
    return ev.spelling_blind(term.split(":", 1)[1]).replace("w", "v")


def _headliners(side: Roles) -> frozenset[str]:
    """The name keys (:func:`_name_key`) of the people and organizations a side names in its
    titles or leads (:attr:`Roles.phrases`, whose German phrases run on over capitalised
    nouns: "Französischer Jockey Lebrun"), in full or, a person, by surname; not an
    authority's (:attr:`Roles.authorities`: the prosecutors, the police), which speaks of
    what happened and is no one it happened to."""
    phrases = [f" {_name_key('x:' + entity_aliases.organization_words(p))} " for p in side.phrases]
    found = set()
    for term in (side.named_people | side.named_organizations) - side.authorities:
        key = _name_key(term)
        surname = key.rsplit(" ", 1)[-1] if term.startswith(ev.PERSON_PREFIX) else key
        if any(f" {key} " in p or f" {surname} " in p for p in phrases):
            found.add(key)
    return frozenset(found)


def _one_name(key: str, keys: Iterable[str]) -> bool:
    """Whether a name key is one of ``keys`` or its words run inside one of theirs, or
    theirs inside its ("france galop", "galopprenn verband france galop")."""
    spaced = f" {key} "
    return any(spaced in f" {k} " or f" {k} " in spaced for k in keys)


def _headlined_apart(a: Roles, b: Roles) -> bool:
    """Whether each side headlines one of its main people or organizations (:func:`_headliners`:
    its titles or leads name them) whom the other names only in passing (:func:`_in_passing`):
    three clubs fined in one UEFA ruling, each report headlining its own club and the body
    ("UEFA fines Polish club Sokol Wroclaw") and closing "The same UEFA ruling also punished
    Greek club Poseidon Kavala"; the body, the venue and the kind are shared, the subject is
    not. A name both headline (the body) says nothing either way. A follow-up headlining
    someone new (the official who signs an order to capture a bear, the studio pausing a
    series) names the first reports' subject in passing, and they name the official or the
    studio in passing too, but not as a main one of the follow-up: named once or twice, in its
    title or lead, the newcomer is what the follow-up adds to its happening, and a subject of
    its own is named again and again."""
    a_heads, b_heads = _headliners(a), _headliners(b)
    return _own_headliner(a, a_heads, b, b_heads) and _own_headliner(b, b_heads, a, a_heads)


def _own_headliner(a: Roles, a_heads: frozenset[str], b: Roles, b_heads: frozenset[str]) -> bool:
    """Whether ``a`` headlines (``a_heads``, :func:`_headliners`) a main person or
    organization of its own whom ``b`` (headlining ``b_heads``) names only in passing
    (:func:`_in_passing`)."""
    main = {_name_key(t) for t in a.people | a.organizations}
    return any(k in main and _in_passing(k, b, b_heads) for k in a_heads - b_heads)


def _in_passing(key: str, side: Roles, side_heads: frozenset[str]) -> bool:
    """Whether a side names a name key (:func:`_name_key`), under any writing of it
    (:func:`_one_name`), though not among its headliners (``side_heads``,
    :func:`_headliners`) nor its main people and organizations."""
    if _one_name(key, side_heads):
        return False
    named = {_name_key(t) for t in side.named_people | side.named_organizations}
    main = {_name_key(t) for t in side.people | side.organizations}
    return _one_name(key, named) and not _one_name(key, main)


def _firm_written_in_words(
    own: Roles, event: Roles, policy: EventPolicy, words_as_names: Callable[[], frozenset[str]]
) -> bool:
    """Whether an article that only the strangers rule holds apart from an event
    (:func:`strangers_in_one_town`, no :func:`conflict`) writes among its words
    (``words_as_names``: :func:`_words_as_names`), where the recognizer found no organization,
    the name of the firm the event is about (its main organization), one that speaks for no
    town or state and is not only quoted as a source (:attr:`Roles.authorities`,
    :attr:`Roles.quoted_organizations`): a toll operator's outage is told as "the
    concessionaire Vialusa" and "the operator Vialusa", the regulator's follow-up, quoting its
    president, writes "asked Vialusa to explain". One organization both sides name is one
    happening's setting (:func:`strangers_in_one_town` lets it through); a name the recognizer
    missed is still that name. A firm only quoted (a hospital's statement, the police) speaks
    for every happening it is asked about."""
    firm = event.organization
    if firm is None or firm in (
        event.quoted_organizations | event.authorities | event.bureau_voices
    ):
        return False
    if firm in own.named_organizations or conflict(own, event, commute_km=policy.commute_km):
        return False
    return set(firm[len(ev.ORGANIZATION_PREFIX) :].split()) <= words_as_names()


def _named_in_one_small_town(own: Roles, event: Roles, named: float, policy: EventPolicy) -> bool:
    """Whether a member of an event in another language links to an article on names alone
    (``named``, :func:`name_links`, at ``name_link_threshold``) while only the strangers rule
    holds them apart in one small town (:func:`strangers_in_one_small_town`)."""
    return named >= policy.name_link_threshold and strangers_in_one_small_town(
        own, event, policy.commute_km, policy.specific_town_population
    )


def decide(
    vector: Vector,
    scored: Sequence[tuple[float, int]],
    centroids: Mapping[int, Vector],
    policy: EventPolicy,
    event_roles: Mapping[int, Roles],
    named: Mapping[int, float] | None = None,
    own: Roles | None = None,
) -> Decision:
    """Join the best event if it reaches the threshold, else start a new one. The event as it
    will be with this article bridges to another candidate when that one also takes the
    article, the two centroids are alike, the article speaks of each (:func:`speaks_of`) and
    their roles do not conflict, names said in passing included (:func:`conflict`), nor does
    the article (its roles ``own``) set them at two venues (:func:`_tells_two_venues`), nor
    does either tell the other's people as another happening's (:func:`_its_other_happening`):
    they merge. An event in another language than the one joined has other words: it is alike
    enough when the article's link to it on names alone (``named``, :func:`name_links`)
    reaches the policy's ``name_link_threshold``."""
    if not scored or scored[0][0] < policy.similarity_threshold:
        return Decision(1.0, ())
    score, event_id = scored[0]
    if (
        not speaks_of(vector, centroids[event_id], policy.identity_terms)
        and (named or {}).get(event_id, 0.0) < policy.name_link_threshold
    ):
        return Decision(score, (event_id,))
    joined = ev.combine(centroids[event_id], vector)
    chosen = [event_id]
    for other_score, other_id in scored[1:]:
        if other_score < policy.similarity_threshold:
            break
        if not speaks_of(vector, centroids[other_id], policy.identity_terms):
            continue
        if any(
            conflict(
                event_roles[e],
                event_roles[other_id],
                in_passing=True,
                commute_km=policy.commute_km,
            )
            or _strangers_to_the_bridge(event_roles[e], event_roles[other_id], own, policy)
            or (own is not None and _tells_two_venues(own, event_roles[e], event_roles[other_id]))
            or _tells_its_other_happening(event_roles[e], event_roles[other_id])
            or _tells_its_other_happening(event_roles[other_id], event_roles[e])
            or _actor_of_another_happening(own, event_roles[e], event_roles[other_id])
            or _its_other_happening(event_roles[e], event_roles[other_id])
            or _its_other_happening(event_roles[other_id], event_roles[e])
            or _about_its_other_happening(event_roles[e], event_roles[other_id])
            or _about_its_other_happening(event_roles[other_id], event_roles[e])
            or _headlined_apart(event_roles[e], event_roles[other_id])
            for e in chosen
        ):
            continue
        if (
            ev.cosine(joined, centroids[other_id]) >= policy.merge_threshold
            or (named or {}).get(other_id, 0.0) >= policy.name_link_threshold
        ):
            chosen.append(other_id)
            joined = ev.combine(joined, centroids[other_id])
    return Decision(score, tuple(chosen))


def _strangers_to_the_bridge(
    event: Roles, other: Roles, own: Roles | None, policy: EventPolicy
) -> bool:
    """Whether two events an article would bridge are strangers in one town
    (:func:`strangers_in_one_town`) and the article does not show them one: it does unless it
    is a stranger to one of them or shares no name with it. A report naming a person or
    organization of each (the tourist one event's French report names, the civil protection
    chief the other's Spanish report quotes) tells one happening, as it would have joined
    both had it come first. ``own`` None (no article's roles): strangers hold apart."""
    if not strangers_in_one_town(event, other, policy.commute_km):
        return False
    return own is None or any(
        strangers_in_one_town(own, side, policy.commute_km)
        or not (side.named_people | side.named_organizations)
        & (own.named_people | own.named_organizations)
        for side in (event, other)
    )


def _told_side_by_side(
    own: Roles, event: Roles, others: Iterable[Roles], commute_km: float = COMMUTE_KM
) -> bool:
    """Whether an article with no town of its own (:attr:`Roles.town`) names an event's town
    twice or more and, as often, the town of another event held apart from it
    (:func:`held_apart`): it tells of both happenings side by side ("hauliers call for
    lorry-only sat-navs after two bridge strikes, in Retford and Tonbridge", each strike's town
    named twice, one operator for both) and is a report of neither. A report of one of them
    names its own town more (three times, or in its title and again) and the other's in
    passing; an article that words alone would put with one of them, since each strike's
    follow-ups share the kind's words and the operator, joins neither and starts its own
    event. Two towns of one locality held apart are two happenings' towns too (cash machines
    blown up in Bocholt and in Gronau, 50 km apart, one police spokesman for both, each
    town's reports telling of the other's blast as another)."""
    town = event.town
    if own.town is not None or town is None or town not in own.towns_twice:
        return False
    return any(
        other is not event
        and other.town is not None
        and other.town in own.towns_twice
        and other.town != town
        and held_apart(event, other, commute_km)
        for other in others
    )


def _tells_its_other_happening(side: Roles, event: Roles) -> bool:
    """Whether a side with no town of its own names an event's town twice or more and, as
    often, a town the event tells of as another happening's (:attr:`Roles.elsewhere`): a
    roundup of two cash machines blown up on one night, in Bocholt and in Gronau, and the
    Gronau event, whose reports tell of "another cash machine blown up in Bocholt". It tells
    of both side by side (:func:`_told_side_by_side`), and an article that takes both to be
    its own does not make it the Gronau event's."""
    town = event.town
    if side.town is not None or town is None or town not in side.towns_twice:
        return False
    return any(t != town and t in side.towns_twice for t in event.elsewhere)


def _actor_of_another_happening(own: Roles | None, a: Roles, b: Roles) -> bool:
    """Whether two events are about two people (their main actors, :func:`same_person`) and
    an article names one of them only where it tells of another happening
    (:attr:`Roles.other_happening_people`): a report on a second minister placed under
    investigation in Rome that closes "Earlier on Wednesday, Infrastructure Minister Paolo
    Ferraresi confirmed he was under investigation ... The two cases are unrelated" says that
    the first minister's event is not its own. An event sums its reports, and each names the
    other's minister in passing often enough to lift :func:`conflict`'s actor conflict."""
    if own is None or not a.actor or not b.actor:
        return False
    in_play = a.named_people | b.named_people | own.named_people
    if _one_person(a.actor, b.actor, in_play):
        return False
    return any(_told_of(actor, own.other_happening_people, in_play) for actor in (a.actor, b.actor))


def _tells_two_venues(own: Roles, a: Roles, b: Roles) -> bool:
    """Whether two events are set at two venues (:attr:`Roles.venue`) and an article names
    both twice or more (:attr:`Roles.venues`), or is set at one of them itself: a report that
    police are looking into whether graffiti on a city's tower and tiles smashed at its
    square, one night, are linked tells of two happenings side by side, and a report of the
    tower's graffiti is not one of the square's; neither says the two are one. An event sums
    its reports, so each names the other's venue in passing often enough to hide it from
    :func:`conflict`. So with two districts of one town (:attr:`Roles.local`): the city's
    order to check balconies "after two collapses", in the old town and in another district,
    each named twice, tells of both, and the event of one district, whose reports name the
    other's in passing, is not the other's."""
    return _tells_two_places(own.venue, own.venues, a.venue, b.venue) or _tells_two_places(
        own.local, own.districts, a.local, b.local
    )


def _tells_two_places(
    own: str | None, own_twice: frozenset[str], a: str | None, b: str | None
) -> bool:
    """Whether two events' places within a town (``a``, ``b``: venues, or districts) are two,
    and an article names both twice or more (``own_twice``) or is set at one (``own``)."""
    places = {a, b}
    if None in places or len(places) < 2:
        return False
    return places <= own_twice or (own in own_twice and own in places)


def kept_waiting(lone: Roles, event: Roles, commute_km: float = COMMUTE_KM) -> bool:
    """Whether a lone article stays out of the event it waits on, however near the event
    grows: their roles hold them apart (:func:`held_apart`), or the lone article is about a
    person the event, about a town, never names though it names people
    (:func:`_unnamed_actor`): a deputy mayor's arrest in Lille waiting on the Lille blast,
    whose new report names the mayor who visited, shares the town and "mayor", not the
    happening."""
    in_play = lone.named_people | event.named_people
    return held_apart(lone, event, commute_km) or _unnamed_actor(lone, event, in_play)


def rejoins(lone: Vector, best_link: float, centroid: Vector, policy: EventPolicy) -> bool:
    """Whether a lone article, scored again against the event that was its nearest (its
    strongest link to the event's members so far, the event's centroid as it now is), reaches
    the join threshold: the event grew towards it after it arrived."""
    score = ev.event_similarity(best_link, ev.cosine(lone, centroid), policy.link_share)
    return score >= policy.similarity_threshold


def least_central(members: Mapping[int, Vector], centroid: Vector, count: int) -> list[int]:
    """The ``count`` members least like their event without them (the cosine of each to
    ``centroid``, the event's weighted centroid, less its own vector; ties: lower id), in id
    order: those another event is likeliest to take (:func:`moves_to`). The centroid is the
    sum of its members, so each cosine costs the member's own terms only."""
    whole = sum(w * w for w in centroid.values())

    def without(member: int) -> float:
        vector = members[member]
        dot = sum(w * centroid.get(t, 0.0) for t, w in vector.items())
        own = sum(w * w for w in vector.values())
        rest = whole - 2 * dot + own
        return (dot - own) / math.sqrt(own * rest) if own > 0 and rest > 1e-12 else 0.0

    return sorted(heapq.nsmallest(count, members, key=lambda m: (without(m), m)))


def moves_to(scored: Sequence[tuple[float, int]], own_event: int, policy: EventPolicy) -> int:
    """Where a member of a grown event belongs now: ``scored`` (:func:`score_events`, best
    first) holds the events retrieval finds for it, its own event's centroid and links taken
    without it. The best other event takes it when that event reaches the join threshold and
    scores above its own, which it would then not have joined (one step of k-means from the
    incremental result: a member that joined while its event was small may lie nearer an
    event that grew since); else it stays. An event whose roles hold it apart scores 0."""
    mine = next((score for score, event_id in scored if event_id == own_event), 0.0)
    for score, event_id in scored:
        if event_id != own_event:
            if score >= policy.similarity_threshold and score > mine:
                return event_id
            break
    return own_event


def _unit(vector: Vector) -> dict[str, float]:
    length = ev.norm(vector) or 1.0
    return {t: v / length for t, v in vector.items()}


def _sum(vectors: Sequence[Vector]) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for vector in vectors:
        for term, value in vector.items():
            out[term] += value
    return dict(out)


def _two_means(units: Mapping[int, Vector], seed: int) -> set[int]:
    """The smaller of two parts of ``units`` found by spherical two-means, one part started
    from ``seed`` alone and the other from every other member."""
    centres = [_sum([u for m, u in units.items() if m != seed]), dict(units[seed])]
    part: set[int] = {seed}
    for _ in range(_SPLIT_ROUNDS):
        now = {m for m, u in units.items() if ev.cosine(u, centres[1]) > ev.cosine(u, centres[0])}
        if now == part or not now or len(now) == len(units):
            break
        part = now
        centres = [
            _sum([u for m, u in units.items() if m not in part]),
            _sum([units[m] for m in part]),
        ]
    return part if len(part) * 2 <= len(units) else set(units) - part


def _cut_share(part: set[int], members: Mapping[int, Vector], policy: EventPolicy) -> float:
    """The links (:func:`link`) of ``part``'s members to the other members over their links
    among themselves (infinite when they have none among themselves)."""
    inside = outside = 0.0
    for m in part:
        for other, vector in members.items():
            if other != m:
                strength = link(members[m], vector, policy)
                if other in part:
                    inside += strength
                else:
                    outside += strength
    return outside / inside if inside else math.inf


def second_community(members: Mapping[int, Vector], policy: EventPolicy) -> frozenset[int]:
    """The members of an event that form a second story within it, or none. The members are
    parted in two by spherical two-means, started from each of the ``_SPLIT_SEEDS`` members
    least like the event's centroid; a smaller part is a second story when it holds two
    members or more, the two parts taken as events of their own are less alike than two
    events an article may bridge (their centroids' cosine below ``merge_threshold``, as in
    :func:`decide`: the pipeline would not have merged them, only a few members grew each
    towards the other), and it is a community of the members' link graph (:func:`link`):
    its members' links among themselves outweigh their links to the rest. Of such parts, the
    one cut away most cleanly (least linked out for its links within) is taken."""
    units = {m: _unit(v) for m, v in members.items()}
    if len(units) < 4:  # two parts of two members at least
        return frozenset()
    whole = _sum(list(units.values()))
    seeds = heapq.nsmallest(_SPLIT_SEEDS, units, key=lambda m: (ev.cosine(units[m], whole), m))
    best: tuple[float, frozenset[int]] = (1.0, frozenset())
    parts = {frozenset(_two_means(units, seed)) for seed in seeds}
    for part in sorted(parts, key=sorted):
        if len(part) < 2:
            continue
        rest = [members[m] for m in members if m not in part]
        if ev.cosine(_sum(rest), _sum([members[m] for m in part])) >= policy.merge_threshold:
            continue
        share = _cut_share(set(part), members, policy)
        if share < best[0]:
            best = (share, part)
    return best[1]


def central_member(members: Mapping[int, Vector], centroid: Vector) -> int:
    """The member closest to the event's centroid (ties: lower id): its headline titles the
    event."""
    return max(members, key=lambda a: (ev.cosine(members[a], centroid), -a))


__all__ = [
    "Decision",
    "EventPolicy",
    "Roles",
    "best_links",
    "central_member",
    "conflict",
    "decide",
    "event_score",
    "events_to_score",
    "held_apart",
    "identity_share",
    "in_context",
    "kept_waiting",
    "least_central",
    "link",
    "linked_terms",
    "lookup_terms",
    "main_level",
    "moves_to",
    "name_link",
    "name_links",
    "nearest_candidates",
    "owned_names",
    "rejoins",
    "roles",
    "same_organization",
    "same_person",
    "score_events",
    "speaks_of",
    "strangers_in_one_small_town",
    "strangers_in_one_town",
    "vouched",
]
