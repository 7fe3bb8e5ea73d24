"""A name a report writes with a compass point's adjective in lower case ("the eastern
Pyrenees", "el Pirineo oriental") is an area, no organisation: a body that acts has no east or
west (held_out_45: a round-up of two ski resorts' closures made the mountain range between them
its main organization, which conflicted with the resort its own report is about)."""

from __future__ import annotations

from entity_mentions import organizations

_EN_TITLE = "No snow as resorts close on both sides of the Varnelles"
_EN_TEXT = (
    "Two ski resorts in the {where} have shut their lifts for lack of snow. The Varnelles "
    "have had no snowfall since November, and the Brodvik Lift Company sent staff home."
)


def test_an_english_area_is_no_organization_anywhere_in_the_report() -> None:
    # invented
    named = organizations(_EN_TITLE, _EN_TEXT.format(where="eastern Varnelles"), "en")
    assert "Varnelles" not in named
    assert "Brodvik Lift Company" in named
    assert "Varnelles" in organizations(_EN_TITLE, _EN_TEXT.format(where="Varnelles"), "en")


def test_a_french_and_spanish_area_is_no_organization() -> None:
    # invented: the adjective follows the name
    for text, language, name, compass in (
        (
            "Dans les Varnelles{}, la société Brodvik a fermé ses pistes.",
            "fr",
            "Varnelles",
            " orientales",
        ),
        ("En el Varnel{}, la empresa Brodvik cerró sus pistas.", "es", "Varnel", " oriental"),
    ):
        assert name not in organizations("", text.format(compass), language)
        assert name in organizations("", text.format(""), language)
