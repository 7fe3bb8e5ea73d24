"""A round-up whose lead lists the countries of the happenings it counts (helper sw120)."""

from __future__ import annotations

from event_terms import countries_in, terms_of

from transform import events as ev


def test_a_lead_listing_the_counted_happenings_countries_keeps_its_first() -> None:
    # the lead lists the three fires by their countries, its own first (rup4: wire round-ups
    # name their own happening first; sw120 had made none its own)
    title = "Blitzschlag: drei Kirchtürme brennen in einer Nacht"
    text = (
        "WIEN, 5. Mai (Agentur) - Blitze haben in der Nacht drei Kirchtürme in Brand gesetzt, "
        "in Österreich, in Italien und in Spanien, wie die Feuerwehren mitteilten.\n\n"
        "In Salzburg brannte der Turm der Pfarrkirche bis auf die Mauern nieder, die Glocke "
        "stürzte in das Kirchenschiff. Die Feuerwehr von Salzburg war mit 80 Leuten im "
        "Einsatz.\n\nIn Florenz und in Sevilla wurden die Brände rasch gelöscht."
    )
    terms = terms_of(title, text, "de")
    assert "at" in countries_in(terms, ev.PLACE_PREFIX)
    assert not countries_in(terms, ev.PLACE_PREFIX) & {"it", "es"}
    assert {"it", "es"} <= countries_in(terms, ev.ELSEWHERE_PREFIX)


def test_a_lead_round_up_keeps_the_side_whose_town_it_names_first() -> None:
    title = "Three church towers set ablaze by lightning in one night"
    text = (
        "LONDON, May 5 (Agency) - Lightning set a church tower ablaze in Salzburg overnight, "
        "one of three such fires within 24 hours, in Austria, Italy and Spain.\n\n"
        "The firefighters of Salzburg fought the blaze for five hours."
    )
    terms = terms_of(title, text, "en")
    assert "at" in countries_in(terms, ev.PLACE_PREFIX)
    assert not countries_in(terms, ev.PLACE_PREFIX) & {"it", "es"}


def test_a_lead_listing_countries_without_a_count_keeps_them() -> None:
    # one storm felt in three countries, no count of happenings: nothing changes
    title = "Storm topples church towers across central Europe"
    text = (
        "LONDON, May 5 (Agency) - A storm toppled church towers overnight in Austria, Italy "
        "and Spain, officials said.\n\nIn Salzburg the tower of the parish church fell onto "
        "a car, and in Salzburg's old town roofs were torn off."
    )
    terms = terms_of(title, text, "en")
    assert "at" in countries_in(terms, ev.PLACE_PREFIX)
    assert not countries_in(terms, ev.ELSEWHERE_PREFIX) & {"at", "it", "es"}
