"""A report placed in no country of its own that names a country's places only where it tells
of another happening is no report of a happening in that country (held_out_45: the English
"No snow for Christmas as resorts close on both sides of the Pyrenees", its Spanish resort
named once, the French resort's region read as the other happening's, joined the French
resort's English report on its words)."""

from __future__ import annotations

import pytest
from event_terms import terms_of

from transform import event_scoring as sc
from transform import events as ev

# invented: two open-air rinks shut by one warm spell, told side by side; the Austrian rink's
# village is one the gazetteer lacks, so the round-up names Austria once and places nothing
ROUND_UP_TITLE = "Warm spell shuts open-air ice rinks on both sides of the Alps"
ROUND_UP_TEXT = (
    "GENEVA, Jan 5 (Test Wire) - Two open-air ice rinks on either side of the Alps closed on "
    "Thursday as a warm spell melted the ice days before a holiday weekend.\n\n"
    "In Austria, the lakeside rink at Seewinkelhof shut its gates after the ice turned to "
    'slush. "We cannot let skaters onto water," said its manager, Anton Gruber.\n\n'
    "In Italy, the rink below the Marmolada glacier closed the same morning. Its director, "
    "Paola Zanetti, said the Veneto region had offered help to seasonal staff.\n\n"
    "Forecasters expect no frost before the middle of the month."
)
# the same round-up telling a third rink, in a third country: its other happenings' places
# span two countries, one of which may be its own misread, and it holds apart from neither
THREE_SIDES_TEXT = ROUND_UP_TEXT.replace(
    "\n\nForecasters",
    "\n\nIn Slovenia, a third rink near Bled shut its gates on the same day.\n\nForecasters",
)

ITALIAN_TITLE = "Italian Alpine ice rink closes as warm spell melts ice"
ITALIAN_TEXT = (
    "ROME, Jan 5 (Test Wire) - An open-air ice rink in northern Italy closed on Thursday as "
    "a warm spell melted the ice, its director said.\n\n"
    '"The ice is water," said Paola Zanetti, director of the rink below the Marmolada '
    "glacier in the Veneto. Skaters were offered refunds.\n\n"
    "Forecasters expect no frost before the middle of the month."
)
AUSTRIAN_TITLE = "Austrian lakeside ice rink shuts in warm spell"
AUSTRIAN_TEXT = (
    "VIENNA, Jan 5 (Test Wire) - A lakeside ice rink in Austria shut its gates on Thursday "
    "as a warm spell turned the ice to slush.\n\n"
    '"We cannot let skaters onto water," said its manager, Anton Gruber. The rink at '
    "Seewinkelhof, in Austria's Burgenland, hoped to reopen next week."
)

# a round-up's text, a report of one side, and whether the round-up is held apart from it
CASES = [
    pytest.param(
        ROUND_UP_TEXT,
        ITALIAN_TITLE,
        ITALIAN_TEXT,
        True,
        id="the other side's report: its country told only as another happening's",
    ),
    pytest.param(
        ROUND_UP_TEXT,
        AUSTRIAN_TITLE,
        AUSTRIAN_TEXT,
        False,
        id="its own side's report: a country it names as its own",
    ),
    pytest.param(
        THREE_SIDES_TEXT,
        ITALIAN_TITLE,
        ITALIAN_TEXT,
        False,
        id="other happenings told in two countries: none held apart",
    ),
]


def _roles(title: str, text: str) -> sc.Roles:
    return sc.roles(terms_of(title, text, "en"), ev.TermWeights().who_where)


@pytest.mark.parametrize(("round_up_text", "title", "text", "apart"), CASES)
def test_a_round_up_is_held_apart_from_the_side_it_tells_as_another(
    round_up_text: str, title: str, text: str, apart: bool
) -> None:
    round_up, report = _roles(ROUND_UP_TITLE, round_up_text), _roles(title, text)
    assert round_up.place_country is None and round_up.most_country is None  # no country
    assert sc.conflict(round_up, report) is apart
    assert sc.conflict(report, round_up) is apart
