"""Acronyms that name no body (ent73): a unit's symbol or a time zone after a number, and an
acronym the text spells out in small letters, a term's."""

from __future__ import annotations

import pytest
from entity_mentions import found

from transform.entities import find_mentions


@pytest.mark.parametrize(
    ("text", "language", "acronym"),
    [
        ("Die neue Anlage im Hafen von Kiel soll bis 2031 rund 12 GW liefern.", "de", "GW"),
        ("The new drive from Valtrix stores 24 TB on one platter.", "en", "TB"),
        ("At 0915 AEST on Tuesday the Kestrel fund was trading lower.", "en", "AEST"),
        ("Le réseau livrait 40 MWh par jour à Brivanne.", "fr", "MWh"),
    ],
)
def test_a_unit_or_time_zone_after_a_number_is_no_body(
    text: str, language: str, acronym: str
) -> None:
    assert ("organization", acronym) not in found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "acronym"),
    [
        ("La deuda equivale al 90 % del ingreso nacional disponible (IND) del país.", "es", "IND"),
        ("Les frais de garde partagée (FGP) de la famille Morvan ont doublé.", "fr", "FGP"),
        ("Chronic kidney fatigue (CKF) is rarely diagnosed early, doctors said.", "en", "CKF"),
    ],
)
def test_an_acronym_spelled_out_in_small_letters_is_a_term(
    text: str, language: str, acronym: str
) -> None:
    assert ("organization", acronym) not in found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "acronym"),
    [
        ("Selon l'Office national des forêts (ONF), la coupe est légale.", "fr", "ONF"),
        ("The Northern Rail Alliance (NRA) said 12 trains were late.", "en", "NRA"),
        ("Die Grünen verloren 3 SPD-Wähler nicht; die SPD gewann in Kiel.", "de", "SPD"),
        ("The 27 EU members met in Brussels on Monday.", "en", "EU"),
    ],
)
def test_a_body_s_acronym_stays_one(text: str, language: str, acronym: str) -> None:
    assert ("organization", acronym) in found(text, language)


def test_a_body_read_in_a_run_no_rule_took_is_read_once() -> None:
    """Words an international body's name takes in a run no rule took are no leftovers: the
    body is one mention, with nothing read again inside its span."""
    text = "Die Kampagne lief auf Facebook und Twitter, sagte Lena Morvik in Kiel."
    spans = [(m.start, m.end) for m in find_mentions("", text, "de")]
    assert len(spans) == len(set(spans))
    read = {(m.entity.kind, m.surface) for m in find_mentions("", text, "de")}
    assert {("organization", "Facebook"), ("organization", "Twitter")} <= read
