"""Common nouns read as given names (transform/entity_people.py, entity_places.py): a German
nationality noun with an umlaut, a German noun after a dative adjective, a canal or river
named after its French or Spanish generic noun. Invented sentences, no database."""

from __future__ import annotations

from transform.entities import recognize_entities
from transform.entity_gazetteer import loaded_lexicon
from transform.entity_people import _first_name


def _keys(title: str, text: str, language: str, kind: str) -> set[str]:
    return {
        m.entity.key for m in recognize_entities(title, text, language) if m.entity.kind == kind
    }


def test_an_umlauted_german_noun_is_no_first_name() -> None:
    """ "Däne" (a Dane) folds to the given name "Dane"; German names with umlauts are listed
    as written and stay names."""
    lexicon = loaded_lexicon()
    assert not _first_name("Däne", lexicon)
    assert _first_name("Dane", lexicon)
    assert _first_name("Jürgen", lexicon)
    assert _first_name("Éric", lexicon)


def test_a_nationality_noun_before_a_surname_is_no_given_name() -> None:
    people = _keys(
        "Herzstillstand auf dem Platz: Däne Kjeldsen wiederbelebt",
        "Der dänische Fußballprofi Mads Kjeldsen ist nach seinem Herzstillstand wiederbelebt "
        "worden. Kjeldsen kam noch auf dem Rasen zu Bewusstsein.",
        "de",
        "person",
    )
    assert "person:dane kjeldsen" not in people
    assert "person:mads kjeldsen" in people


def test_a_german_noun_after_a_dative_adjective_is_no_person() -> None:
    """ "auf nassem Hang": a wet slope, though "Hang" is a given name."""
    title = "Pilzsammler wohl auf nassem Hang ausgerutscht"
    assert "person:hang" not in _keys(title, "", "de", "person")
    # the old case: a name after a noun that a dative declines for is still a person
    kin = _keys("", "Sie kam mit ihrem Mann Christophe nach Hause.", "de", "person")
    assert "person:christophe" in kin


def test_a_name_after_a_french_or_spanish_feature_noun_is_the_feature() -> None:
    spanish = "El tráfico se reanudó este jueves en el canal Alberto, en el norte de Bélgica."
    assert "person:alberto" not in _keys("", spanish, "es", "person")
    assert "place:name:alberto" in _keys("", spanish, "es", "place")
    french = "La navigation était interrompue sur le canal Albert, qui relie Anvers à Liège."
    assert "person:albert" not in _keys("", french, "fr", "person")
    assert "place:name:duero" in _keys("", "El río Duero crece en Zamora.", "es", "place")


def test_a_country_after_a_feature_noun_stays_the_country() -> None:
    """ "l'île Maurice" is Mauritius, which the gazetteer holds; "Albert" after "le prince"
    is still the person."""
    assert "place:geonames:934292" in _keys("", "Vacances sur l'île Maurice.", "fr", "place")
    prince = _keys("", "Le prince Albert a visité Monaco mardi.", "fr", "person")
    assert any("albert" in key for key in prince)
