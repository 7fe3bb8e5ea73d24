"""Readings that kept a report from its happening's other reports (held_out_49, held_out_50,
held_out_45; the texts here are invented): a country's short name read as a cape, a home
written "installé à", a town abroad beside the country a title names, and one lake spelt in
two languages."""

from __future__ import annotations

import pytest
from event_terms import terms_of

from transform import event_scoring as sc
from transform import events as ev
from transform.entities import find_mentions, home_places

# a country's short name that is neither its ISO name nor GeoNames' ("Cabo Verde",
# "Timor-Leste", "Eswatini", "Myanmar"), with the country it names
SHORT_NAMES = [
    ("The boat was towed to Cape Verde on Friday.", "en", "CV"),
    ("Das Boot wurde am Freitag auf die Kapverden geschleppt.", "de", "CV"),
    ("Aid workers flew to East Timor on Friday.", "en", "TL"),
    ("Die Helfer flogen am Freitag nach Osttimor.", "de", "TL"),
    ("The king of Swaziland opened the fair.", "en", "SZ"),
    ("El rey de Suazilandia inauguró la feria.", "es", "SZ"),
    ("The envoy left Burma on Friday.", "en", "MM"),
]


@pytest.mark.parametrize(("text", "language", "country"), SHORT_NAMES)
def test_a_countrys_short_name_is_the_country(text: str, language: str, country: str) -> None:
    places = [m.entity for m in find_mentions("", text, language) if m.entity.kind == "place"]
    assert [p.country_code for p in places] == [country]
    assert not any(p.key.startswith("place:name:") for p in places)  # no cape, no feature


# where someone lives, written by a word that says so whatever noun it follows
RESIDENTS = [
    ("Le vidéaste, originaire de Nantes et installé à Dubaï, a fait appel.", "fr", "dubai"),
    ("La créatrice, installée à Lisbonne, a fait appel.", "fr", "lisbon"),
    ("El youtuber, afincado en Andorra, recurrirá la multa.", "es", "andorra"),
    ("La empresaria, radicada en Miami, recurrirá la multa.", "es", "miami"),
    ("Der Influencer, der seit Jahren in Dubai lebt, will klagen.", "de", None),
    ("Der Influencer lebt in Dubai und will klagen.", "de", "dubai"),
    ("Die Sängerin wohnt seit 2019 in Wien und will klagen.", "de", "vienna"),
]


@pytest.mark.parametrize(("text", "language", "home"), RESIDENTS)
def test_a_residence_word_names_a_home(text: str, language: str, home: str | None) -> None:
    homes = home_places(text, language)
    if home is None:  # the town before the verb: no pattern of a word before the town
        assert not homes
    else:
        assert homes[home] == 1


def test_a_thing_installed_is_no_home() -> None:
    assert not home_places("Un radar a été installé sur la route de Lyon.", "fr")


# invented: a French watchdog fines a French influencer who lives in Dubai; the report is
# filed from Paris and names no other town
FINE_FR = (
    "PARIS, 4 mars (Test Wire) - La DGCCRF a infligé une amende de 50 000 euros à "
    "l'influenceur Lucas Marnier pour des publicités non signalées, a annoncé Bercy.\n\n"
    "Le vidéaste de 28 ans, installé à Dubaï, vantait des paris sportifs à ses abonnés.\n\n"
    "Lucas Marnier peut faire appel de la sanction, a indiqué son avocat."
)


def test_a_home_abroad_is_no_town_of_the_happening() -> None:
    terms = terms_of("L'influenceur Lucas Marnier sanctionné par la DGCCRF", FINE_FR, "fr")
    roles = sc.roles(terms, ev.TermWeights().who_where)
    assert not any(t.startswith("g:ae:") for t in terms)
    assert roles.town is None


W = ev.TermWeights().who_where
AOSTA = "g:it:geonames:3182997"
LYON = "g:fr:geonames:2996944"
ITALY = "g:it:geonames:3175395"
FRANCE = "g:fr:geonames:3017382"


@pytest.mark.parametrize(
    ("titled", "town"),
    [
        (ITALY, None),  # "trois grimpeurs lyonnais blessés en Italie": Lyon is their home
        (FRANCE, LYON),  # a title naming the town's own country leaves the town its own
    ],
)
def test_a_titled_country_sets_a_town_abroad_aside(titled: str, town: str | None) -> None:
    # a title mention weighs 2 * weight (transform.events.entity_terms); the town, once, in
    # the body
    raw = {titled: 2.0 * W, LYON: W}
    assert sc.roles(raw, W).town == town


def test_a_titled_town_is_kept() -> None:
    assert sc.roles({ITALY: 2.0 * W, AOSTA: W}, W).town == AOSTA


@pytest.mark.parametrize("other", [FRANCE, "g:at:geonames:2782113"])
def test_a_title_naming_two_countries_keeps_the_town(other: str) -> None:
    # "un mort en Italie, un rescapé en France", of a man from Lyon found alive; "recall
    # widens to Italy and Austria", of a Lyon firm's recall
    assert sc.roles({ITALY: 2.0 * W, other: 2.0 * W, LYON: W}, W).town == LYON


LAKE_EN = "g:-:name:lake peipus"
LAKE_DE = "g:-:name:peipussee"
TAMM = "p:kadri tamm"
MUSTVEE = "g:ee:iso3166-2:EE-486"


def test_one_lake_spelt_in_two_languages_is_one_name() -> None:
    english = {LAKE_EN: 1.35, TAMM: 0.5, MUSTVEE: 0.5}
    german = {LAKE_DE: 1.55, TAMM: 0.5, MUSTVEE: 0.5}
    written = sc._as_the_feature_named(english, german), sc._as_the_feature_named(german, english)
    assert written[0].keys() == written[1].keys()
    link = sc.name_link(english, german, features=frozenset({LAKE_DE}))
    assert link > 0.9
    other = {"g:-:name:lake simcoe": 1.55, TAMM: 0.5, MUSTVEE: 0.5}
    assert sc.name_link(english, other, features=frozenset({LAKE_EN})) < 0.5
