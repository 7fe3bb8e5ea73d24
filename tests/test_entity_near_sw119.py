"""A town the gazetteer lacks, read after the word for "near" (transform/entity_places.py
near_unknown): one is near a place only. Invented sentences, no database."""

from __future__ import annotations

from transform.entities import recognize_entities


def _keys(title: str, text: str, language: str, kind: str = "place") -> set[str]:
    return {
        m.entity.key for m in recognize_entities(title, text, language) if m.entity.kind == kind
    }


def test_a_rare_name_after_near_is_a_town_in_each_language() -> None:
    french = "Une grange a brûlé dans la nuit près de Vorsigny, a indiqué la gendarmerie."
    assert "place:town:vorsigny" in _keys("", french, "fr")
    elided = "Un tracteur a été volé près d'Orvaunay, selon les gendarmes."
    assert "place:town:orvaunay" in _keys("", elided, "fr")
    spanish = "Un incendio calcinó un granero cerca de Valdequesor, según la Guardia Civil."
    assert "place:town:valdequesor" in _keys("", spanish, "es")
    english = "A barn burned down overnight near Threlkirby, firefighters said."
    assert "place:town:threlkirby" in _keys("", english, "en")


def test_a_report_repeating_its_small_town_makes_it_a_main_place() -> None:
    """Title and text name the town: a report set there, with one key for it."""
    mentions = recognize_entities(
        "Vol de fromages près de Vorsigny",
        "Des meules ont été volées dans une cave près de Vorsigny. La gendarmerie de Vorsigny "
        "a ouvert une enquête.",
        "fr",
    )
    (town,) = [m for m in mentions if m.entity.key == "place:town:vorsigny"]
    assert town.in_title and town.mentions >= 2


def test_a_common_word_or_a_known_place_after_near_is_no_unknown_town() -> None:
    """ "près de Noël" is a time; a gazetteer town keeps its own reading and country; German
    "bei" also says at whose ("bei Vorsigny" could be a firm), so German is left out."""
    assert not any(
        k.startswith("place:town:") for k in _keys("", "Le marché ouvre près de Noël.", "fr")
    )
    lyon = _keys("", "Un entrepôt a brûlé près de Lyon.", "fr")
    assert lyon and not any(k.startswith("place:town:") for k in lyon)
    german = "Ein Lager brannte bei Vorsigny nieder."
    assert "place:town:vorsigny" not in _keys("", german, "de")
