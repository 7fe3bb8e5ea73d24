"""Organisations on text the recognizer's rules were not written from (ent65): each test's
text is invented, and each fails without the rule it names."""

from __future__ import annotations

from transform.entities import find_mentions


def _kinds_and_surfaces(text: str, language: str) -> list[tuple[str, str]]:
    """Each mention in a text with no title, as (kind, words as written)."""
    return [(m.entity.kind, m.surface) for m in find_mentions("", text, language)]


def test_a_name_before_a_players_position_is_his_team() -> None:
    found = _kinds_and_surfaces("Late on, Steelers quarterback Dana Reyes threw wide.", "en")
    assert ("organization", "Steelers") in found, found
    assert ("person", "Dana Reyes") in found, found


def test_a_two_word_position_names_the_team_before_it() -> None:
    text = "In the end, Chargers defensive end Dana Reyes was sent off."
    found = _kinds_and_surfaces(text, "en")
    assert ("organization", "Chargers") in found, found


def test_a_verb_like_a_position_names_no_team() -> None:
    found = _kinds_and_surfaces("On Monday, Greens back Dana Reyes for mayor.", "en")
    assert ("organization", "Greens") not in found, found


def test_words_of_an_address_a_handle_or_a_tag_are_no_body() -> None:
    text = "Write to QRVX@example.org, follow @UnivMarlo4 and use #VotoLimpio today."
    assert _kinds_and_surfaces(text, "en") == []


def test_an_acronym_outside_an_address_is_still_a_body() -> None:
    found = _kinds_and_surfaces("Members of QRVX met on Monday.", "en")
    assert ("organization", "QRVX") in found, found


def test_brothers_and_press_end_a_body_name() -> None:
    text = "The Quarrel Brothers played, and the story was told by the Marlow Press agency."
    found = _kinds_and_surfaces(text, "en")
    assert ("organization", "Quarrel Brothers") in found, found
    assert ("organization", "Marlow Press") in found, found


def test_a_german_landesanstalt_and_a_uni_are_bodies() -> None:
    text = "Sie studiert an der Uni Tübingen und forscht für die Landesanstalt für Obstbau."
    found = _kinds_and_surfaces(text, "de")
    assert ("organization", "Uni Tübingen") in found, found
    assert any(kind == "organization" and "Landesanstalt" in words for kind, words in found), found


def test_an_alcaldia_of_a_town_is_a_body() -> None:
    found = _kinds_and_surfaces("El contrato firmado con la Alcaldía de Cali sigue activo.", "es")
    assert ("organization", "Alcaldía de Cali") in found, found


def test_a_name_after_an_indefinite_article_is_one_of_a_kind() -> None:
    text = "Den Kaffee brüht man am besten in einer Turkish Press auf."
    found = _kinds_and_surfaces(text, "de")
    assert not any(kind == "organization" for kind, _ in found), found


def test_a_wire_agency_and_a_platform_are_bodies_with_nothing_around_them() -> None:
    text = "The mayor wrote on Twitter that the fire was out, a clerk later told Reuters."
    found = _kinds_and_surfaces(text, "en")
    assert ("organization", "Twitter") in found, found
    assert ("organization", "Reuters") in found, found


def test_acronyms_of_things_and_units_name_no_body() -> None:
    text = "Her old PC got a faster GPU, an LED panel and a price cut of 20 VAT included."
    found = _kinds_and_surfaces(text, "en")
    assert not any(kind == "organization" for kind, _ in found), found


def test_a_name_spelled_out_across_a_preposition_of_purpose_before_its_acronym() -> None:
    text = "Lo dijo Ana Ruiz, de la Liga Andina por los Ríos Limpios (LARL), ayer."
    found = _kinds_and_surfaces(text, "es")
    assert ("organization", "Liga Andina por los Ríos Limpios") in found, found


def test_an_opera_house_and_a_choir_of_a_place_are_bodies_not_the_place() -> None:
    text = "Les danseurs de l’Opéra de Lyon et le Choeur de Radio Nantes sont en grève."
    found = _kinds_and_surfaces(text, "fr")
    assert ("organization", "Opéra de Lyon") in found, found
    assert ("organization", "Choeur de Radio Nantes") in found, found


def test_an_acronym_that_names_no_body_names_none_written_with_dots() -> None:
    found = _kinds_and_surfaces("She moved to Washington, D.C., last spring.", "en")
    assert not any(kind == "organization" for kind, _ in found), found


def test_every_name_listed_after_a_plural_kind_of_body_is_one() -> None:
    found = _kinds_and_surfaces("Las empresas Montecon, Farvel y Quorlix cerraron ayer.", "es")
    for name in ("Montecon", "Farvel", "Quorlix"):
        assert ("organization", name) in found, found


def test_a_german_plural_kind_of_body_inside_the_chunk_opens_the_list() -> None:
    text = "Bekannt sind die Sektmarken Vorlet & Chanzy, Veuve Marlot, Ruinot und Dom Perlo."
    found = _kinds_and_surfaces(text, "de")
    for name in ("Veuve Marlot", "Ruinot", "Dom Perlo"):
        assert ("organization", name) in found, found
    assert ("organization", "Vorlet") not in found, found  # the "&" goes on: one name cut


def test_one_name_after_a_noun_plural_and_singular_alike_is_no_list() -> None:
    found = _kinds_and_surfaces("Das Unternehmen Anfang Oktober meldete Verluste.", "de")
    assert ("organization", "Anfang Oktober") not in found, found


def test_a_list_with_no_kind_of_body_before_it_names_no_body() -> None:
    found = _kinds_and_surfaces("Later on, Vexo, Pelvaro and Quorlix sat down.", "en")
    assert not any(kind == "organization" for kind, _ in found), found
