"""Listed companies a connector joins to a noun or a date in one run of capitals (know2):
"die Zukunftschancen von Volkswagen", "Blue Byte und Ubisoft im April"."""

from __future__ import annotations

import pytest
from entity_mentions import found


@pytest.mark.parametrize(
    ("text", "language", "company"),
    [
        ("Er sprach über die Zukunftschancen von Volkswagen in Niedersachsen.", "de", "Volkswagen"),
        ("Mit Anno 1800 bringen Blue Byte und Ubisoft im April ein Spiel.", "de", "Ubisoft"),
    ],
)
def test_a_listed_company_joined_by_a_connector_is_one(
    text: str, language: str, company: str
) -> None:
    assert ("organization", company) in found(text, language)
