"""People in Title Case headlines and in Spanish sentences: a first name known everywhere in a
headline, two rare words opening an English Title Case headline that speaks of "he" or "she", the
Spanish patronymics in "-guez" and "-quez", a rare name after a kinship noun, a name shared
with a small town after a verb of saying, a rare surname listed with a person. Every text is
invented."""

from __future__ import annotations

import pytest
from entity_mentions import found as _found


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        # a Title Case headline: "George" is as frequent as a word in English, but as a name
        # in every language alike
        ("George Pemberton Wins The County Vote By A Mile", "en", "George Pemberton"),
        # two words no list of first names holds opening a Title Case headline, then "He"
        ("Tavrin Brockmire Says He Will Run Again", "en", "Tavrin Brockmire"),
        ("Tavrin Brockmire Performs In His Old Band Again", "en", "Tavrin Brockmire"),
        # the patronymic ending after the silent "u" of "gu"
        ("Mientras tanto, Domínguez negaba todo ante la prensa.", "es", "Domínguez"),
        # a kinship noun before a rare word, as a rank before one
        ("Desde la tribuna saludó a su madre Yolenda con la mano.", "es", "Yolenda"),
        ("She thanked her son Tavrin for the help.", "en", "Tavrin"),
        # after a verb of saying, a name a small town shares
        ("«Vamos a ganar», afirmó Rosales en la radio.", "es", "Rosales"),
        # a surname no language uses as a word, listed with a person
        ("Ayer hablaron Quoltari y Méndez con la prensa.", "es", "Quoltari"),
    ],
)
def test_person_is_found(text: str, language: str, name: str) -> None:
    assert ("person", name) in _found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        # "Will" is an English word far more than a name elsewhere
        ("Will Taxes Rise Again In The Spring", "en", "Will Taxes"),
        # a thing is "it"
        ("Golem Vexley Says It Will Run On Old Phones", "en", "Golem Vexley"),
        # a town of that name, a frequent word, a third name word
        ("Tavrin Holloway Says He Will Run Again", "en", "Tavrin Holloway"),
        ("Morning Glory Says She Will Run Again", "en", "Morning Glory"),
        ("Rapper Tavrin Brockmire Says He Will Run Again", "en", "Rapper Tavrin"),
    ],
)
def test_no_person_is_found(text: str, language: str, word: str) -> None:
    assert ("person", word) not in _found(text, language)
