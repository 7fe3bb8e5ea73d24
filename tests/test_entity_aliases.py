"""Organisation aliases (transform/entity_aliases.py) on invented firm names."""

from __future__ import annotations

import pytest

from transform.entities import _key_name
from transform.entity_aliases import (
    building_name,
    club_name,
    organization_words,
    same_club,
    same_organization,
)
from transform.entity_words import international_body


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Pt. Vorla", "pt vorla"),  # punctuation read as a space
        ("Pt.Vorla", "pt vorla"),
        ("PtVorla", "pt vorla"),  # one word split where a capital follows a small letter
        ("KelmBank", "kelm bank"),
        ("Brünnwald Kabel", "brunnwald kabel"),  # folded
        ("Quillon Foods Inc.", "quillon foods"),  # without the legal form it ends with
        ("QRSK", "qrsk"),  # capitals alone are one word
    ],
)
def test_organization_words_read_a_name_as_any_report_writes_it(name: str, words: str) -> None:
    assert organization_words(name) == words


def _same(a: str, b: str, *in_play: str) -> bool:
    return same_organization(
        organization_words(a), organization_words(b), [organization_words(n) for n in in_play]
    )


def test_names_spelled_alike_but_for_spacing_are_one_organization() -> None:
    assert _same("PtVorla", "Pt. Vorla")
    assert _same("KelmBank", "Kelmbank")  # "Kelm Bank" and "kelmbank" as one word
    assert not _same("Pt. Vorla", "Pt. Varlo")


def test_the_first_or_last_word_alone_stands_for_a_longer_name() -> None:
    assert _same("Quillon", "Quillon Foods Inc")
    assert _same("Vorla", "PtVorla") and _same("PtVorla", "Vorla")
    assert not _same("Foodsy", "Quillon Foods")  # not one of its words
    assert not _same("Pt", "Pt Vorla")  # too short to name a firm
    assert not _same("Marlow", "Bank of Marlow Teller")  # a word inside, not first or last


def test_initials_stand_for_a_name_of_several_words() -> None:
    assert _same("QF", "Quillon Foods")
    assert _same("BoT", "Bank of Tessaly")  # the connector's letter written small
    assert _same("BT", "Bank of Tessaly")  # or left out
    assert not _same("QX", "Quillon Foods")
    assert not _same("QFABCD", "Quillon Foods Aaa Bbb Ccc Ddd")  # too long for an acronym


def test_a_ticker_picks_letters_of_the_name_in_order() -> None:
    assert _same("QLNF", "Quillon Foods")
    assert not _same("QFLN", "Quillon Foods")  # out of order
    assert not _same("ULNF", "Quillon Foods")  # not its first letter
    assert not _same("QLN", "Quillon Foods")  # three letters match too many names


def test_a_short_name_two_names_in_play_could_stand_for_is_neither() -> None:
    """Beside "Marsh Kabel" and "Dorn Kabel", "Kabel" could be either firm."""
    assert _same("Kabel", "Marsh Kabel")
    assert not _same("Kabel", "Marsh Kabel", "Dorn Kabel")
    assert _same("Kabel", "Marsh Kabel", "Marsh Kabel", "Kabel")  # the two themselves
    assert not _same("MK", "Marsh Kabel", "Mora Kent")


def test_punctuation_left_in_a_stored_name_does_not_part_it() -> None:
    """A term stored before names were read as any report writes them kept its full stop."""
    assert same_organization("pt. vorla", "ptvorla")


def test_a_body_named_in_another_language_is_one_organization() -> None:
    """A university's name in a French and an English report: its kind word translated, its
    linking words left out, its proper words in any order."""
    assert same_organization("universite de brevaux", "university of brevaux")
    assert same_organization("universite brevaux nord", "brevaux nord university")
    assert same_organization("ministerio de pesca", "ministry of pesca")
    assert not same_organization("universite de brevaux", "university of ostrand")
    assert not same_organization("universite", "university")  # a kind word alone is no body


def test_a_building_named_for_a_saint_is_one_in_any_language() -> None:
    """A school a French report calls "l'Institut Sainte-Morvane" and an English one "the St
    Morvane Institute": its kind word translated, the saint's title read as one word."""
    assert same_organization("institut sainte morvane", "st morvane institute")
    assert same_organization("hopital san carlin", "saint carlin hospital")
    assert not same_organization("institut sainte morvane", "st dorlane institute")


def test_a_building_name_is_an_institution_at_one_place_not_a_firm_or_an_authority() -> None:
    assert building_name("institut sainte morvane") == {"institute", "saint", "morvane"}
    assert building_name("klinikum brevaux nord") == {"clinic", "brevaux", "nord"}
    assert building_name("ministerio de pesca") == frozenset()  # an authority
    assert building_name("brevaux logistics") == frozenset()  # a firm
    assert building_name("prison") == frozenset()  # a kind word alone names no building
    assert building_name("institut varonne") == frozenset()  # one proper word: many share it


def test_a_sports_club_is_one_with_its_club_words_or_without() -> None:
    """A Spanish report names "el Club Deportivo Ribanova Sur", an English one "football club
    Ribanova Sur": one club. Its proper words are its name, two at least: a club named by its
    town alone ("FC Brevaux") is as common as the town; a firm's name holds no club word."""
    assert club_name("club deportivo ribanova sur") == {"ribanova", "sur"}
    assert club_name("ribanova sur fc") == {"ribanova", "sur"}
    assert club_name("fc brevaux") == frozenset()
    assert club_name("ribanova sur logistics") == frozenset()
    assert same_club("club deportivo ribanova sur", "ribanova sur")
    assert same_organization("club deportivo ribanova sur", "ribanova sur")
    assert not same_club("club deportivo ribanova sur", "ribanova norte")
    assert not same_club("ribanova sur", "ribanova sur logistics")


def test_an_international_body_has_one_name_in_every_language() -> None:
    assert organization_words("ACNUR") == organization_words("UNHCR") == "unhcr"
    assert organization_words("Roten Kreuzes") == organization_words("Croix-Rouge") == "red cross"
    assert _same("EU-Kommission", "Comisión Europea")
    assert not _same("Croix-Rouge", "UNHCR")


@pytest.mark.parametrize(
    "name",
    [
        "UN-Kinderhilfswerk",
        "UN Kinderhilfswerk",
        "un kinderhilfswerk",
        "Fonds des Nations unies pour l'enfance",
    ],
)
def test_keys_and_terms_find_one_body_however_its_name_is_spaced(name: str) -> None:
    """Entity keys and organisation terms fold a body's name differently (the keys keep its
    punctuation); both find the body, hyphen, apostrophe or space."""
    assert international_body(name) == "UNICEF"
    assert _key_name("organization", name) == "unicef"
    assert organization_words(name) == "unicef"


def test_a_legislature_named_alone_stands_for_its_full_name_in_another_language() -> None:
    """A report that writes "Varnesia's Congress" names the legislature another language's
    report writes "Congreso de Varnesia": the kind word alone stands for the full name as a
    first word does, read in English, and only while no other legislature is in play."""
    assert same_organization("congress", "congreso de varnesia")
    assert same_organization("parlement de varnesia", "parliament")
    assert same_organization("senado de varnesia", "senate of varnesia")
    assert not same_organization("congress", "congreso de varnesia", ["congreso de ostria"])
    assert not same_organization("congress", "senado de varnesia")
