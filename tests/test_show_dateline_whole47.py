"""A report whose lead tells of a trade show ("unveiled ... at the CES electronics show") and
names no town but its dateline's was filed from the show: the dateline's town is where the
happening is, not a bureau's (held_out_47: "LAS VEGAS, Jan 5 - Korvalen Robotics said ... after
demonstrating its robot at the CES show" took Tallinn, its contract maker's town, as its own).
And "X said on Wednesday it ..." speaks for a body, as "X said it ..." does."""

from __future__ import annotations

import pytest
from entity_mentions import found
from event_terms import terms_of

DENVER = "g:us:geonames:5419384"
TITLE = "Brellum Home shows window-cleaning drone"
# invented: a firm's launch told from the show's town, its home and market abroad
TEXT = (
    "DENVER, Jan 5 (Test Wire) - Appliance maker Brellum Home unveiled a window-cleaning "
    "drone at the HGX gadget show on Monday, saying it would go on sale in Japan in May.\n\n"
    '"Nobody likes cleaning windows," Brellum Home president Kenji Arata said. Brellum, '
    "based in Osaka, makes rice cookers."
)


def test_the_dateline_of_a_report_from_a_show_is_the_happenings_town() -> None:
    assert DENVER in terms_of(TITLE, TEXT, "en")


@pytest.mark.parametrize(
    "show",
    [
        # no show: the dateline is only where the wire filed from
        "",
        # the show's own town named: a report from a bureau elsewhere
        " at the HGX gadget show in Austin",
    ],
)
def test_a_dateline_without_the_show_or_beside_its_town_is_the_bureaus(show: str) -> None:
    text = TEXT.replace(" at the HGX gadget show", show)
    assert DENVER not in terms_of(TITLE, text, "en")


@pytest.mark.parametrize(
    "text",
    [
        "Brellum Robotics said on Wednesday it had been approached by retailers.",
        "Brellum Robotics said on Tuesday evening that it would open pre-orders.",
    ],
)
def test_a_name_said_to_speak_of_it_after_a_day_is_no_person(text: str) -> None:
    assert not any(kind == "person" for kind, _ in found(text, "en"))
