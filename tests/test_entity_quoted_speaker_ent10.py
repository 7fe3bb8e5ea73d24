"""The one who spoke, named right beside a closed quotation: in English the name before the
verb that ends the attribution, whatever verb it is ("…," Menear continued.), and in every
language the name after a verb right after the quotation and its comma ("», glisse Zineb",
"“, fügte Domracheva hinzu"), which no list of verbs of saying holds whole."""

from __future__ import annotations

import pytest
from entity_mentions import found

SPEAKERS = [
    # (text, language, the speaker): invented sentences
    ('"The plan will take longer than we thought," Quennell continued.', "en", "Quennell"),
    ('"The point of the campaign is awareness," Ardagh tweeted.', "en", "Ardagh"),
    (
        "« Nous ne voulions pas de victimes », glisse Zaynaba, étudiante en lettres.",
        "fr",
        "Zaynaba",
    ),
    (
        "Sie sagte: „Wir wollen uns eine eigene Meinung bilden“, fügte Domrachova hinzu.",
        "de",
        "Domrachova",
    ),
    ("“No vamos a ceder”, insistió Quelmaga ante la prensa.", "es", "Quelmaga"),
]
NOT_SPEAKERS = [
    # the same names with no quotation closed before them: nothing tells who they are
    ("The plan will take longer than we thought, Quennell continued.", "en", "Quennell"),
    ("Nous ne voulions pas de victimes, glisse Zaynaba, étudiante en lettres.", "fr", "Zaynaba"),
    # a source cited, no verb of saying: a body as often as a person
    ("« Le fisc a saisi la commission », selon Marvedia.", "fr", "Marvedia"),
]


@pytest.mark.parametrize(("text", "language", "name"), SPEAKERS)
def test_a_name_beside_a_closed_quotation_is_its_speaker(
    text: str, language: str, name: str
) -> None:
    assert ("person", name) in found(text, language)


@pytest.mark.parametrize(("text", "language", "name"), NOT_SPEAKERS)
def test_no_quotation_or_a_cited_source_makes_no_speaker(
    text: str, language: str, name: str
) -> None:
    assert ("person", name) not in found(text, language)
