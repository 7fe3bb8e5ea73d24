"""Places within a town read alike by every report of one happening (held_out_49, held_out_51):
a district named beside a numbered one with its own article, and a venue one report marks
while another writes its name bare in its title or lead."""

from __future__ import annotations

from transform import event_scoring as scoring
from transform.entities import recognize_entities

SIEGEN = "g:de:geonames:2832495"
A45 = f"{scoring._VENUE_PREFIX}a45"
VIADUCT = f"{scoring._VENUE_PREFIX}talbrucke"
LYON = "g:fr:geonames:2996944"
NINTH = f"{scoring._DISTRICT_PREFIX}9"
CROIX_ROUSSE = f"{scoring._DISTRICT_PREFIX}croix-rousse"


def _side(**fields: object) -> scoring.Roles:
    return scoring.Roles(
        actor=None, place_country="de", people=frozenset(), countries=frozenset({"de"}), **fields
    )


def _siegen(venue: str, phrases: frozenset[str]) -> scoring.Roles:
    return _side(
        town=SIEGEN,
        towns=frozenset({SIEGEN}),
        named_towns=frozenset({SIEGEN}),
        venue=venue,
        venues=frozenset({venue}),
        phrases=phrases,
    )


# the English report: "closed a viaduct on the A45 near Siegen ... the A45 motorway"
ENGLISH = _siegen(A45, frozenset({"a45", "siegen"}))


def test_a_venue_written_bare_in_the_other_lead_is_one_place() -> None:
    # the German report: "A45-Talbrücke bei Siegen" (title), "die Talbrücke Wilnsdorf"
    german = _siegen(VIADUCT, frozenset({"a45", "siegen", "talbrücke wilnsdorf"}))
    assert not scoring._other_districts(german, ENGLISH, scoring.COMMUTE_KM)
    assert not scoring._other_districts(ENGLISH, german, scoring.COMMUTE_KM)
    assert not scoring.conflict(german, ENGLISH)


def test_a_venue_the_other_never_writes_still_holds_apart() -> None:
    # a viaduct closed in Siegen whose report never names the A45: two places in one town
    other = _siegen(VIADUCT, frozenset({"siegen", "talbrücke wilnsdorf"}))
    assert scoring._other_districts(other, ENGLISH, scoring.COMMUTE_KM)
    assert scoring.conflict(other, ENGLISH)


def test_a_district_written_bare_in_the_other_lead_is_one_place() -> None:
    # the event names the 9th district twice and writes "Croix-Rousse" in a lead; the German
    # report names the Croix-Rousse once, by a district word
    once = _side(town=LYON, local=CROIX_ROUSSE)
    writes = _side(
        town=LYON, local=NINTH, districts=frozenset({NINTH}), phrases=frozenset({"croix-rousse"})
    )
    assert not scoring._other_districts(writes, once, scoring.COMMUTE_KM)
    assert not scoring._other_districts(once, writes, scoring.COMMUTE_KM)
    silent = _side(town=LYON, local=NINTH, districts=frozenset({NINTH}))
    assert scoring._other_districts(silent, once, scoring.COMMUTE_KM)


def _districts(language: str, text: str) -> set[str]:
    found = recognize_entities("", text, language)
    return {m.entity.key for m in found if m.entity.key.startswith("place:district:")}


def test_a_quarter_with_its_article_beside_a_numbered_district_is_a_district() -> None:
    french = (
        "Les interpellations ont eu lieu à Lyon, dans le 9e arrondissement et à la "
        "Croix-Rousse, où un receleur faisait fondre l'or."
    )
    english = (
        "The arrests took place in Lyon's 9th district and in the Croix-Rousse, where a "
        "fence melted down gold."
    )
    german = "Bei den Durchsuchungen im Stadtteil Croix-Rousse stellten die Beamten Schmuck sicher."
    for language, text in (("fr", french), ("en", english), ("de", german)):
        assert "place:district:croix-rousse" in _districts(language, text), language


def test_a_quarter_named_first_then_the_numbered_district() -> None:
    text = "Les perquisitions ont visé la Croix-Rousse et le 9e arrondissement de Lyon."
    assert "place:district:croix-rousse" in _districts("fr", text)


def test_no_district_without_article_or_without_a_district_beside() -> None:
    # a town joined to a district has no article; an article alone names no district
    town = "Les interpellations ont eu lieu dans le 9e arrondissement et à Villeurbanne."
    assert _districts("fr", town) == {"place:district:9"}
    alone = "Les interpellations ont eu lieu à Lyon et à la Croix-Rousse, selon le parquet."
    assert _districts("fr", alone) == set()
