"""The words of a small town whose country a report does not name (transform/entity_places.py
small_town_unknown, checked in transform/entities.py find_mentions) are left to the readings
after it, not dropped with the small town's reading: a German report filed from the town names
it again without naming Germany. Invented reports, no database; each case carries whether its
title reads the town."""

from __future__ import annotations

import pytest

from transform.entities import recognize_entities

# (language, title, text, the town's key, whether the title reads it)
_CASES = [
    (  # filed from the town, names no Germany: the title's town is the dateline's
        "de",
        "Sessellift in Berchtesgaden steht still: 40 Skifahrer abgeseilt",
        (
            "BERCHTESGADEN, 3. Feb (Südwest Dienst) - Bergretter haben am Dienstag in "
            "Berchtesgaden 40 Skifahrer aus einem stehengebliebenen Sessellift abgeseilt. "
            "Ein Getriebe war ausgefallen.\n\nBürgermeister Korbinian Staudacher dankte den "
            "Helfern."
        ),
        "place:town:berchtesgaden",
        True,
    ),
    (  # names Germany: the small town's own reading
        "de",
        "Sessellift in Berchtesgaden steht still: 40 Skifahrer abgeseilt",
        (
            "Bergretter haben am Dienstag in Berchtesgaden 40 Skifahrer aus einem "
            "stehengebliebenen Sessellift abgeseilt. Es war der dritte Ausfall in Deutschland "
            "in diesem Winter."
        ),
        "place:town:berchtesgaden",
        True,
    ),
    (  # no dateline, no Germany: nothing reads the town
        "de",
        "Sessellift in Berchtesgaden steht still: 40 Skifahrer abgeseilt",
        (
            "Bergretter haben am Dienstag 40 Skifahrer aus einem stehengebliebenen Sessellift "
            "abgeseilt."
        ),
        "place:town:berchtesgaden",
        False,
    ),
]


@pytest.mark.parametrize(("language", "title", "text", "key", "titled"), _CASES)
def test_the_title_reads_the_small_town_where_the_report_places_it(
    language: str, title: str, text: str, key: str, titled: bool
) -> None:
    in_title = {m.entity.key for m in recognize_entities(title, text, language) if m.in_title}
    assert (key in in_title) == titled
