"""People- and firm-centred reports (held_out_46 kinds): a province written as one where a town
bears its name, a dateline's town named in its own bodies' names in the article's language, a
firm's product named like a person, Spanish clubs' abbreviations, and of two events that score
alike on names, the one that shares more. Invented reports; each fixture carries what a reader
takes from it."""

from __future__ import annotations

import pytest
from scoring_vectors import POLICY, W

from transform import event_scoring as scoring
from transform import events as ev
from transform.entities import find_mentions, recognize_entities

ALICANTE_PROVINCE = "place:iso3166-2:ES-A"


@pytest.mark.parametrize(
    ("language", "text", "key"),
    [
        # a province written with its noun, though a town bears its name: the province there
        (
            "en",
            "Police arrested the mayor of Villena, in the inland province of Alicante, on Monday.",
            ALICANTE_PROVINCE,
        ),
        ("en", "It was the second such arrest in Alicante province this year.", ALICANTE_PROVINCE),
        (
            "es",
            "La Guardia Civil detuvo al alcalde de Villena, en la provincia de Alicante.",
            ALICANTE_PROVINCE,
        ),
    ],
)
def test_a_region_written_with_its_noun_is_the_region_there(
    language: str, text: str, key: str
) -> None:
    found = [m.entity.key for m in find_mentions("", text, language) if m.surface == "Alicante"]
    assert found == [key]


@pytest.mark.parametrize(
    ("language", "title", "text", "town"),
    [
        # the Spanish report names Rome's prosecutors by the town's own name, "Roma"
        (
            "es",
            "Investigan al director de un museo por la venta de dos cuadros",
            (
                "ROMA, 3 mar (Agencia Ibérica) - La Fiscalía de Roma investiga al director de un "
                "museo, Carlo Bettanin, por la venta de dos cuadros de la colección.\n\n"
                "Bettanin, de 58 años, niega cualquier irregularidad."
            ),
            ev.entity_term("place", "place:geonames:3169070", "IT"),
        ),
        # the German report names Cologne's police as "Polizei Köln"
        (
            "de",
            "Juwelier überfallen: Täter flüchten mit Schmuck",
            (
                "KÖLN, 3. März (Nordwest Agentur) - Unbekannte haben am Dienstag einen Juwelier "
                "überfallen, teilte die Polizei Köln mit.\n\nDie Täter flüchteten zu Fuß."
            ),
            ev.entity_term("place", "place:geonames:2886242", "DE"),
        ),
    ],
)
def test_a_datelined_town_whose_bodies_the_article_names_is_its_place(
    language: str, title: str, text: str, town: str
) -> None:
    mentions = recognize_entities(title, text, language)
    assert town in ev.article_terms(title, text, language=language, mentions=mentions)


@pytest.mark.parametrize(
    ("title", "text", "firm"),
    [
        # the car model opens with its maker's name: the maker, wherever the model is named
        (
            "Rappel de la Sirelle : Corvane ouvre une ligne d'urgence",
            (
                "LYON, 3 mars (Dépêches Europe) - Corvane Automobiles a ouvert mardi une ligne "
                "d'urgence après le rappel de 12 000 Corvane Sirelle. Une Sirelle avait pris feu "
                "en février à Vénissieux."
            ),
            "organization:corvane automobiles",
        ),
    ],
)
def test_a_product_named_after_its_maker_is_no_person(title: str, text: str, firm: str) -> None:
    found = find_mentions(title, text, "fr")
    assert not [m.surface for m in found if m.entity.kind == "person"]
    assert {m.surface for m in found if m.entity.key == firm} >= {"Corvane Sirelle", "Sirelle"}


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        # French "-ppelle" is the verb "appeler"'s, no adjective of the firm's name
        (
            "fr",
            "Le constructeur Corvane Automobiles rappelle 12 000 voitures.",
            "Corvane Automobiles",
        ),
        # a Spanish club's abbreviation after or before its name: one club
        ("es", "El Écija CF destituyó el lunes a su entrenador.", "Écija CF"),
        ("es", "El UD Tormes destituyó el lunes a su entrenador.", "UD Tormes"),
        ("es", "El SD Moncayo destituyó el lunes a su entrenador.", "SD Moncayo"),
    ],
)
def test_a_firm_or_club_name_ends_where_a_reader_ends_it(
    language: str, text: str, name: str
) -> None:
    organizations = [m.surface for m in find_mentions("", text, language)]
    assert organizations[0] == name


def test_of_two_events_scored_alike_the_one_sharing_more_names_leads() -> None:
    """A report on the second minister investigated reaches the join threshold with both
    ministers' events on names alone (its own minister, and the first one it recalls); the
    event whose reports share more of its names is the one it joins, whatever its id."""
    vector = {"investigacion": 2.0}
    centroid = {"indagine": 2.0}
    own, event = scoring.roles(vector, W), scoring.roles(centroid, W)
    named = {10: POLICY.name_link_threshold + 0.05, 20: POLICY.name_link_threshold + 0.4}
    scored = scoring.score_events(
        vector, {}, {10: centroid, 20: centroid}, POLICY, own, {10: event, 20: event}, {}, named
    )
    assert [e for _, e in scored] == [20, 10]
    assert scored[0][0] == scored[1][0] == POLICY.similarity_threshold
