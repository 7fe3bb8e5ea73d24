"""Towns misread (issue 15, placeA): a saint's town in capitals atop a wire ("ST. ULRICH")
is a place, not two organisations. Invented sentences, no database."""

from __future__ import annotations

from transform.entities import recognize_entities


def test_a_saints_town_in_capitals_atop_a_wire_is_a_place() -> None:
    text = (
        "ST. ULRICH, 3. Juni (Alpen-Nachrichten) - Eine Mure hat in der Nacht die Straße "
        "ins Tal verschüttet, verletzt wurde niemand."
    )
    found = recognize_entities("Mure verschüttet Talstraße", text, "de")
    assert any(m.entity.kind == "place" and m.entity.name == "ST. ULRICH" for m in found)
    assert not any(m.entity.kind == "organization" for m in found)
