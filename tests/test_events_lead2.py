"""A report's lead is recognized once however many of its rules read it (helper lead2): the
round-up rules, the countries of a report's own and the places after a count share one
reading (transform.entities.TextReading)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from event_terms import countries_in, terms_of

from transform import entities
from transform import events as ev
from transform.entities import Mention, TextReading


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """How often the recognizer reads each text as a body with no title, every caller of
    :func:`transform.entities.find_mentions` counted (the events stage and the entities
    module's own readers)."""
    counted: Counter[str] = Counter()
    recognize = entities.find_mentions

    def counting(
        title: str, text: str, language: str | None, source: str | None = None
    ) -> list[Mention]:
        if not title:
            counted[text] += 1
        return recognize(title, text, language, source)

    monkeypatch.setattr(entities, "find_mentions", counting)
    monkeypatch.setattr(ev, "find_mentions", counting)
    yield counted


def test_a_lead_round_up_reads_its_lead_once(reads: Counter[str]) -> None:
    # the lead lists the sides and names the first one's town: both rules read that lead
    lead = (
        "LONDON, May 5 (Agency) - Floods swept away a footbridge in Salzburg overnight, "
        "one of three such collapses within 24 hours, in Austria, Italy and Spain."
    )
    text = f"{lead}\n\nThe firefighters of Salzburg searched the river banks until dawn."
    terms = terms_of("Three footbridges swept away by floods in one night", text, "en")
    assert "at" in countries_in(terms, ev.PLACE_PREFIX)
    assert not countries_in(terms, ev.PLACE_PREFIX) & {"it", "es"}
    assert reads[lead] == 1


def test_a_title_round_up_reads_its_lead_once(reads: Counter[str]) -> None:
    # a title listing two countries: the countries of its own and its first side both ask
    lead = (
        "BERLIN, May 5 (Agency) - Hail flattened vineyards near Mainz on Friday, hours after "
        "a storm tore the roofs off barns in Burgundy, France."
    )
    text = (
        f"{lead}\n\nIn Mainz the growers counted their losses. Mainz officials said the "
        "harvest of three villages was lost."
    )
    terms = terms_of("Hail and storm ruin vineyards in Germany and France", text, "en")
    assert "de" in countries_in(terms, ev.PLACE_PREFIX)
    assert reads[lead] == 1


def test_a_text_reading_recognizes_its_text_once(reads: Counter[str]) -> None:
    lead = TextReading("Police in Porto said a road caved in near Braga on Monday.", "en")
    assert lead.found == lead.found
    assert {m.entity.name for m in lead.found} >= {"Porto", "Braga"}
    assert reads[lead.text] == 1
