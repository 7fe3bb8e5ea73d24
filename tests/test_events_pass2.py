"""Places named in passing about another happening (helper pass2): a sentence that opens on a
town and its country abroad tells another happening, wherever it stands in its paragraph."""

from __future__ import annotations

import pytest

from transform.entities import places_of_another_happening

CHEMNITZ = "place:geonames:2940132"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            (
                "La direction de l'hôpital a annoncé une barrière. À Chemnitz, en Allemagne, "
                "un autre homme avait dérobé une ambulance la nuit précédente."
            ),
            "fr",
        ),
        ("Police added a barrier. In Chemnitz, Germany, another man stole one.", "en"),
    ],
)
def test_a_sentence_opening_on_a_town_and_its_country_abroad_is_another_happening(
    text: str, language: str
) -> None:
    assert places_of_another_happening(text, language, ("place",), {"FR"})[CHEMNITZ] == 1


def test_a_town_of_the_reports_own_country_or_without_its_country_stays_its_own() -> None:
    own = "Police added a barrier. In Lyon, France, a second ambulance was locked."
    assert not places_of_another_happening(own, "en", ("place",), {"FR"})
    bare = "Police added a barrier. In Chemnitz, another man stole one."
    assert not places_of_another_happening(bare, "en", ("place",), {"FR"})
