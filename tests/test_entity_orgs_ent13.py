"""Organisations of several words the recognizer cut short or missed (ent13): a body's head
written in small letters in French and Spanish ("l'université de Lorient", "el ministerio de
Cultura"), a school by the name it bears ("le lycée Victor Hugo"), a ministry's portfolios of
two words ("Obras Públicas"), German's suspended hyphen ("Forst- und Umweltverwaltung"),
Spanish "Departamento", German "Arbeitsgemeinschaft", and names longer than six words after
their head. Every sentence is invented."""

from __future__ import annotations

import pytest
from entity_mentions import found

BODIES = [
    # (text, language, the organisation read whole)
    (
        "Selon une étude de l’université de Lorient, les algues prolifèrent.",
        "fr",
        "université de Lorient",
    ),
    ("La cour d’appel de Colmar a confirmé la peine mardi.", "fr", "cour d’appel de Colmar"),
    ("Le ministère de l’Agriculture a publié un communiqué.", "fr", "ministère de l’Agriculture"),
    ("Les élèves du lycée Victor Hugo manifestaient.", "fr", "lycée Victor Hugo"),
    ("Les élèves ont été reçus au rectorat de Grenoble.", "fr", "rectorat de Grenoble"),
    (
        "Des chercheurs de l’université Libre de Bruxelles ont mesuré la hausse.",
        "fr",
        "université Libre de Bruxelles",
    ),
    (
        "Según la universidad de Salamanca, el estudio se publicó en marzo.",
        "es",
        "universidad de Salamanca",
    ),
    (
        "El estudio fue financiado por el ministerio de Cultura y Deporte.",
        "es",
        "ministerio de Cultura y Deporte",
    ),
    (
        "El Ministerio de Vivienda, Obras Públicas y Desarrollo Urbano anunció medidas.",
        "es",
        "Ministerio de Vivienda, Obras Públicas y Desarrollo Urbano",
    ),
    (
        "Die Forst- und Umweltverwaltung (FUV) teilte am Montag mit, dass der Wald leidet.",
        "de",
        "Forst- und Umweltverwaltung",
    ),
    (
        "Die Gesundheits-, Bildungs- und Kulturdirektion (GBK) prüft den Antrag.",
        "de",
        "Gesundheits-, Bildungs- und Kulturdirektion",
    ),
    (
        "Un portavoz del Departamento de Comercio confirmó la cifra.",
        "es",
        "Departamento de Comercio",
    ),
    (
        "Ein Sprecher der Arbeitsgemeinschaft Wasserkraft sagte, die Pegel seien niedrig.",
        "de",
        "Arbeitsgemeinschaft Wasserkraft",
    ),
    (
        "El Tribunal Segundo de Sentencia Penal de la Provincia de Oruro fijó la audiencia.",
        "es",
        "Tribunal Segundo de Sentencia Penal de la Provincia de Oruro",
    ),
]


@pytest.mark.parametrize(("text", "language", "name"), BODIES)
def test_a_body_is_read_whole(text: str, language: str, name: str) -> None:
    assert ("organization", name) in found(text, language)


NOT_BODIES = [
    # (text, language, a surface no organisation may have)
    # a person after the link: the minister's office, no body's name
    (
        "El informe llegó al ministerio de Pedro Castillo en marzo.",
        "es",
        "ministerio de Pedro Castillo",
    ),
    # English writes a body's head with its capital: small, it is a common noun
    (
        "Researchers at the university of Leeds said the data were incomplete.",
        "en",
        "university of Leeds",
    ),
    # a suspended hyphen between common nouns joins them, but names no body
    ("Der Rad- und Fußweg ist seit Montag gesperrt.", "de", "Rad- und Fußweg"),
    # countries after a ministry are no portfolios
    (
        "The Ministry of Defence, Britain and France agreed on Monday.",
        "en",
        "Ministry of Defence, Britain and France",
    ),
    # people after a ministry are no portfolios, even with two words each
    (
        "El Ministerio de Salud, Juan Pérez y Ana Gómez firmaron el acuerdo.",
        "es",
        "Ministerio de Salud, Juan Pérez y Ana Gómez",
    ),
]


@pytest.mark.parametrize(("text", "language", "surface"), NOT_BODIES)
def test_no_body_is_made_of(text: str, language: str, surface: str) -> None:
    assert ("organization", surface) not in found(text, language)


def test_the_small_head_takes_the_place_into_its_name() -> None:
    # the town names the body's seat: no place of its own beside the body
    assert found("La cour d’appel de Colmar a confirmé la peine.", "fr") == {
        ("organization", "cour d’appel de Colmar")
    }
