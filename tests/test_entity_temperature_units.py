"""A temperature's unit is no person: German capitalises its noun for a degree ("35 Grad
Celsius"), and "Grad" is also a given name the name lists hold, so the two words read as a
first name and a surname. The strangers rule (a person both reports name in full places a
report that names no town) made such a false person link two German weather reports. Every
text is invented."""

from __future__ import annotations

import pytest
from entity_mentions import found as _found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Am Montag stiegen die Temperaturen auf 35 Grad Celsius, warnte der Wetterdienst.", "de"),
        ("In der Nacht fielen die Werte auf minus zwölf Grad Celsius.", "de"),
        ("Im Hafen maß die Station 95 Grad Fahrenheit, sagte ein Sprecher.", "de"),
    ],
)
def test_a_temperature_unit_is_no_person(text: str, language: str) -> None:
    assert not [name for kind, name in _found(text, language) if kind == "person"]


def test_a_given_name_grad_before_a_surname_is_still_a_person() -> None:
    found = _found("Grad Novak, the coach, said the team would recover.", "en")
    assert ("person", "Grad Novak") in found
