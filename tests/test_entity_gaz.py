"""Small towns the gazetteer's floor leaves out, set by a place preposition, and a town's short
name (transform/entities.py): invented sentences, no database."""

from __future__ import annotations

import pytest

from transform.entities import Entity, recognize_entities

MEDINA_DEL_CAMPO = "place:geonames:3117010"


def _entities(title: str, text: str, language: str) -> dict[str, tuple[Entity, int]]:
    return {m.entity.key: (m.entity, m.mentions) for m in recognize_entities(title, text, language)}


@pytest.fixture
def small_towns(monkeypatch: pytest.MonkeyPatch) -> None:
    """The small towns' rule is off by default (docs/entities.md): on for its tests."""
    monkeypatch.setenv("WIREHOUSE_ENTITY_SMALL_TOWNS_AFTER_PREPOSITIONS", "1")


LANGENLOIS = (
    "Winzer in Langenlois tot aufgefunden",
    (
        "WIEN, 15. September - Ein Winzer ist am Mittwoch in Langenlois tot in seinem Keller "
        "aufgefunden worden. Die Feuerwehr Langenlois holte den Mann aus dem Keller, sagte "
        "der Sprecher Herbert Stangl in Wien."
    ),
    "de",
)


def test_the_small_towns_rule_is_off_by_default() -> None:
    assert "place:town:langenlois" not in _entities(*LANGENLOIS)


@pytest.mark.usefixtures("small_towns")
def test_a_small_town_after_in_is_a_town_of_the_country_the_report_names() -> None:
    """ "in Langenlois" (4,800 people, under the gazetteer's floor): GeoNames' smallest set
    holds only an Austrian Langenlois, and the report names Austria's Vienna; the fire
    brigade's "Langenlois" is the same town (a town of no country, as a dateline's)."""
    found = _entities(*LANGENLOIS)
    assert found["place:town:langenlois"][1] == 3


@pytest.mark.usefixtures("small_towns")
def test_a_small_town_read_as_a_person_in_the_title_is_the_town() -> None:
    """The French title "Étretat : ..." read the name as a person; "à Étretat
    (Seine-Maritime)" sets it as a French town, and so it is wherever the report names it."""
    found = _entities(
        "Étretat : un étudiant meurt en chutant de la falaise",
        "ROUEN, 5 octobre - Un étudiant est mort mardi après avoir chuté de la falaise d'Aval, "
        "à Étretat (Seine-Maritime), a indiqué la préfecture. Le maire d'Étretat, Pascal "
        "Lemonnier, a rappelé les risques.",
        "fr",
    )
    assert found["place:town:etretat"][1] == 3
    assert "person:etretat" not in found


@pytest.mark.usefixtures("small_towns")
def test_a_small_town_of_a_country_the_report_does_not_name_is_not_read() -> None:
    """The same sentence in a report that names only France: GeoNames' Langenlois is
    Austrian, so nothing sets the word in a country of the report."""
    found = _entities(
        "Winzer tot aufgefunden",
        "PARIS, 15. September - Ein Winzer ist am Mittwoch in Langenlois tot in seinem Keller "
        "aufgefunden worden, sagte ein Sprecher in Paris.",
        "de",
    )
    assert "place:town:langenlois" not in found


@pytest.mark.usefixtures("small_towns")
def test_a_common_word_after_in_is_no_small_town() -> None:
    """German capitalises every noun: "in Kraft" is the noun, whatever town bears the name."""
    found = _entities(
        "Neue Regel in Kraft",
        "BERLIN - Die Regel ist seit Montag in Kraft, sagte die Sprecherin Anna Weber in Berlin.",
        "de",
    )
    assert not any(key.startswith("place:town:kraft") for key in found)


def test_a_towns_first_word_is_the_town_the_report_names_in_full() -> None:
    """ "entre Medina y Zamora": the report names Medina del Campo in full, so "Medina" alone
    is that town, not left unread."""
    found = _entities(
        "Restablecida la vía entre Medina y Zamora",
        "ZAMORA - Los trenes volvieron a circular el jueves por la vía de Medina del Campo, en "
        "Valladolid, tras once horas de corte.",
        "es",
    )
    assert found[MEDINA_DEL_CAMPO][1] == 2


def test_a_towns_first_word_alone_without_the_full_name_stays_unread() -> None:
    """Without the full name in the report, "Medina" is not Medina del Campo."""
    found = _entities(
        "Restablecida la vía entre Medina y Zamora",
        "ZAMORA - Los trenes volvieron a circular el jueves tras once horas de corte.",
        "es",
    )
    assert MEDINA_DEL_CAMPO not in found
