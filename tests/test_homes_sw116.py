"""Homes told without a person's noun of the list (sw116): an apposition set off by commas
("The Belgian cyclist, from Namur, ...") and someone from a group set in a town ("swimmers
from a club in Tilburg"); a German small town placed by "im" and an adjective ("im
thüringischen Apolda"); a namesake in a passing paragraph read as the article reads it."""

from transform import events as ev
from transform.entities import home_places, recognize_entities


def test_a_home_between_commas_after_any_noun():
    text = "The Belgian cyclist, from Namur, thanked the marshals after the fall."
    assert home_places(text, "en")["namur"] == 1
    text = "Der belgische Radfahrer, aus Namur, dankte den Helfern."
    assert home_places(text, "de")["namur"] == 1
    text = "Le cycliste belge, originaire de Namur, a remercié les secours."
    assert home_places(text, "fr")["namur"] == 1
    text = "El ciclista belga, originario de Namur, agradeció la ayuda."
    assert home_places(text, "es")["namur"] == 1


def test_a_route_or_an_open_phrase_is_no_apposition():
    assert not home_places("The convoy drove on, from Namur to Dinant.", "en")["namur"]
    assert not home_places("Smoke was seen from Namur on Tuesday.", "en")["namur"]


def test_someone_from_a_group_set_in_a_town():
    text = "The swimmers, all from a club in Tilburg, were pulled from the lake."
    assert home_places(text, "en")["tilburg"] == 1
    text = "Die Schwimmer stammten aus einem Verein in Tilburg."
    assert home_places(text, "de")["tilburg"] == 1


def test_a_group_in_a_town_without_from_is_where_it_happened():
    text = "A fire broke out at a club in Tilburg on Sunday night."
    assert not home_places(text, "en")["tilburg"]


def test_a_german_town_after_im_and_an_adjective():
    found = recognize_entities("", "Der Markt fand im thüringischen Apolda statt.", "de")
    assert any(m.entity.name == "Apolda" and m.entity.kind == "place" for m in found)
    found = recognize_entities("", "Im vergangenen Jahr kamen mehr Gäste.", "de")
    assert not [m for m in found if m.entity.kind == "place"]


def test_a_namesake_told_as_another_happening_keeps_the_article_reading():
    title = "Scheune in den Niederlanden abgebrannt"
    text = (
        "ASSEN, 3. März - In Assen in den Niederlanden ist eine Scheune abgebrannt. Die "
        "Feuerwehr von Assen war mit vierzig Kräften im Einsatz, verletzt wurde niemand.\n\n"
        "Am selben Tag brannte in Emmen eine Lagerhalle."
    )
    mentions = recognize_entities(title, text, "de")
    terms = ev.article_terms(title, text, ev.TermWeights(), "de", mentions)
    (emmen,) = {m.entity.key.removeprefix("place:") for m in mentions if m.entity.name == "Emmen"}
    assert f"{ev.ELSEWHERE_PREFIX}nl:{emmen}" in terms
    assert f"{ev.PLACE_PREFIX}nl:{emmen}" not in terms
