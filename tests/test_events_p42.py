"""Towns the gazetteer held but the recognizer never read (helper p42): a German town whose
GeoNames name carries the river or land it lies on, and a town of three letters."""

from __future__ import annotations

from transform.entities import recognize_entities


def _places(title: str, text: str, language: str) -> list[tuple[str, str | None]]:
    return [
        (m.entity.name, m.entity.country_code)
        for m in recognize_entities(title, text, language)
        if m.entity.kind == "place"
    ]


def test_a_small_town_is_read_without_its_locating_tail_unless_it_is_a_word() -> None:
    # GeoNames names it "Rüsselsheim am Main"; the press writes "Rüsselsheim". "Weil am
    # Rhein" keeps its tail: "weil" is a German conjunction
    text = (
        "In Rüsselsheim ist am Montag eine Scheune abgebrannt, teilte die Feuerwehr mit. "
        "Die Straße blieb gesperrt, weil am Morgen Glatteis herrschte."
    )
    places = _places("", text, "de")
    assert ("Rüsselsheim am Main", "DE") in places
    assert not [name for name, _ in places if name.startswith("Weil")]


def test_a_three_letter_town_after_a_preposition_is_a_place_not_a_word_or_a_name() -> None:
    text = "Un incendie a détruit mardi un entrepôt à Pau, a indiqué la préfecture."
    assert ("Pau", "FR") in _places("", text, "fr")
    # "Gap" is a French town and an English word; "Pau" opening a longer name is a person
    assert not _places("", "The gap in Gap was wide. She passed to Pau Molina.", "en")


def test_a_three_letter_town_read_once_is_the_town_in_the_title_too() -> None:
    title = "Pau : un camion de pompiers volé devant la caserne"
    text = (
        "BORDEAUX, 3 mai (Agence) - Un camion de pompiers a été volé lundi devant la caserne "
        "à Pau, puis abandonné dans un champ, a indiqué la police."
    )
    mentions = [m for m in recognize_entities(title, text, "fr") if m.entity.name == "Pau"]
    assert mentions and mentions[0].entity.country_code == "FR" and mentions[0].in_title
