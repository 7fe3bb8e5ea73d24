"""Towns of three letters (helper pass2): read right after a locative preposition only, and a
region too short to be read still seats its namesake town's region."""

from __future__ import annotations

import pytest

from transform.entities import recognize_entities
from transform.entity_gazetteer import region_seats

PAU = "place:geonames:2988358"
ICA = "place:geonames:3938527"
NAZCA = "place:geonames:3934356"


def _place_keys(text: str, language: str) -> set[str]:
    return {
        m.entity.key for m in recognize_entities("", text, language) if m.entity.kind == "place"
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Un homme a volé une ambulance à Pau mardi.", "fr"),
        ("A man stole an ambulance in Pau on Tuesday.", "en"),
        ("Auch im südfranzösischen Pau wurde ein Rettungswagen gestohlen.", "de"),
    ],
)
def test_a_three_letter_town_after_a_locative_is_read(text: str, language: str) -> None:
    assert PAU in _place_keys(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pau said the ambulance was gone.", "en"),  # no locative before it
        ("Il a dîné à Pau Gasol Avenue hier.", "fr"),  # it opens a longer name
        ("The suit was bought in Jos. A. Bank stores.", "en"),  # an abbreviated first name
        ("The band played in Bar on Friday.", "en"),  # a frequent word ("bar") of the four
    ],
)
def test_a_three_letter_name_elsewhere_is_no_town(text: str, language: str) -> None:
    keys = _place_keys(text, language)
    assert PAU not in keys
    assert not any(k.startswith("place:geonames:") for k in keys), keys


def test_a_town_named_like_a_region_too_short_to_read_seats_the_region() -> None:
    """Peru's Ica region is named "Ica" (three letters: never read as a region); its capital
    Ica still stands for it, as Guanajuato does for its state: Nazca lies in it."""
    assert NAZCA in region_seats()[ICA]
