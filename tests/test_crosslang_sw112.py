"""Reports of one happening in another language (sw112): figures grouped by spaces, an
acronym beside its kind word, and German homes told by age nouns and demonyms."""

from transform.entities import home_places
from transform.entity_aliases import same_organization
from transform.events import numbers


def test_thousands_grouped_by_a_space_are_one_figure_outside_english():
    assert numbers("jusqu'à 3 000 euros par candidat", "fr") == ["3000"]
    assert numbers("3\u202f000 euros et 1 200 000 habitants", "fr") == ["3000", "1200000"]
    assert numbers("hasta 3.000 euros", "es") == ["3000"]


def test_english_and_dates_keep_their_figures_apart():
    assert numbers("in 2027 300 people", "en") == ["2027", "300"]
    assert numbers("le 21 août 2027 300 personnes", "fr") == ["21", "2027", "300"]


def test_an_acronym_beside_its_kind_word_is_no_rival_reading():
    named = ["dgt", "direccion general de trafico", "verkehrsbehorde dgt", "verkehrsministerium"]
    assert same_organization("dgt", "direccion general de trafico", named)


def test_a_short_name_that_is_no_acronym_stays_ambiguous():
    assert not same_organization("warner", "warner music", ["warner music", "time warner"])
    rival = ["dgt", "direccion general de trafico", "deutsche gas trust"]
    assert not same_organization("dgt", "direccion general de trafico", rival)


def test_a_german_age_noun_compound_is_a_person_from_a_town():
    title = "Mallorca: Trauer um Zehnjährigen aus Ludwigsburg"
    assert home_places(title, "de", people_only=True)["ludwigsburg"] == 1
    assert home_places("Ein 34-Jähriger aus Ludwigsburg", "de", people_only=True)["ludwigsburg"]


def test_a_demonym_names_again_people_told_as_from_that_town():
    text = (
        "Verletzt wurde ein Ehepaar aus Dresden. "
        "Die Dresdner, ein Rentnerpaar, kamen mit Prellungen davon."
    )
    assert home_places(text, "de")["dresden"] == 2


def test_a_demonym_alone_is_no_home():
    text = "Bei dem Mann handelt es sich um einen Grazer, der seit Monaten stritt."
    assert not home_places(text, "de")["graz"]
    assert not home_places("Die Dresdner Polizei ermittelt.", "de")["dresden"]
