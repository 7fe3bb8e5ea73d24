"""A gazetteer town's short name (transform/entities.py, `_town_head`): invented sentences, no
database."""

from __future__ import annotations

from transform.entities import Entity, recognize_entities

MEDINA_DEL_CAMPO = "place:geonames:3117010"


def _entities(title: str, text: str, language: str) -> dict[str, tuple[Entity, int]]:
    return {m.entity.key: (m.entity, m.mentions) for m in recognize_entities(title, text, language)}


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
