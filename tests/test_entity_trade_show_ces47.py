"""A name a report writes as a trade show's ("at the ... electronics show", "auf der
Elektronikmesse ...", "au salon ...", "en la feria de ...") is no organisation: the show is
where firms show their goods, not who acts (held_out_47: two firms' robots shown at one show
made one event, the show's acronym every report's main organization)."""

from __future__ import annotations

from entity_mentions import organizations

_EN_TITLE = "Brellum shows drone at HGX"
_EN_TEXT = (
    "Appliance maker Brellum Home unveiled a window-cleaning drone at {where} in Denver on "
    "Monday. HGX visitors queued for hours."
)


def test_an_english_show_is_no_organization_anywhere_in_the_report() -> None:
    # invented
    shown = organizations(_EN_TITLE, _EN_TEXT.format(where="the HGX gadget show"), "en")
    assert "HGX" not in shown
    assert "Brellum Home" in shown
    assert "HGX" in organizations(_EN_TITLE, _EN_TEXT.format(where="HGX"), "en")


def test_a_german_french_and_spanish_show_is_no_organization() -> None:
    # invented
    for text, language in (
        ("Der Hersteller Brellum Home zeigte auf der Technikmesse HGX eine Drohne.", "de"),
        ("Le fabricant Brellum Home a présenté au salon HGX un drone.", "fr"),
        ("El fabricante Brellum Home presentó en la feria de tecnología HGX un dron.", "es"),
    ):
        assert "HGX" not in organizations("", text, language)


def test_a_name_before_a_show_it_is_not_set_at_stays_an_organization() -> None:
    # invented: a broadcaster's programme ("the HGX show" said of it) is no trade show the
    # report is set at
    text = "Appliance maker Brellum Home said HGX visitors queued. It spoke on the HGX show."
    assert "HGX" in organizations("", text, "en")
