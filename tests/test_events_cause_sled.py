"""A headline's bare cause that its lead retells bare (held_out_42's road salt, helper sled):
"after early snow" is no one thing that struck every place the headline lists."""

from __future__ import annotations

from event_terms import countries_in, terms_of

from transform import events as ev

_FROST_TITLE = "Czech towns and Polish province ration heating oil after early frost"
_FROST = (
    "PRAGUE, Nov 3 (Coast Wire) - Towns in the northern Czech Republic and the Polish province "
    "of Opole were rationing heating oil on Tuesday after unusually hard frost in early "
    "November emptied their tanks, officials said.\n\n"
    "In Liberec, the mayor, Dagmar Vorlickova, said deliveries would resume on Friday. Liberec "
    "schools stayed open.\n\n"
    "In Poland, officials in Opole said they were keeping oil for hospitals."
)


def test_a_bare_cause_retold_bare_in_the_lead_is_no_one_cause() -> None:
    assert not ev._after_one_cause(_FROST_TITLE, 0, "en", _FROST)
    # the headline alone drops its articles: "after early frost" may be one frost
    assert ev._after_one_cause(_FROST_TITLE, 0, "en")


def test_a_bare_cause_the_lead_retells_with_an_article_stays_one_cause() -> None:
    lead = (
        "ACCRA, Mar 2 (Coast Wire) - Internet connections slowed in Ghana and Togo on Tuesday "
        "after an undersea cable was cut off the Ghanaian coast, operators said."
    )
    title = "Internet slows in Ghana and Togo after undersea cable cut"
    assert ev._after_one_cause(title, 0, "en", lead)


def test_a_lead_after_naming_a_storm_keeps_the_headlines_reading() -> None:
    lead = (
        "LONDON, Feb 2 (Coast Wire) - Ferries between Ireland and Wales stayed in port on "
        "Sunday after Storm Kellan brought gusts of 120 km/h, operators said."
    )
    assert ev._after_one_cause("Ferries halted in Ireland and Wales after storm", 0, "en", lead)


def test_a_round_up_struck_after_a_bare_mass_noun_keeps_its_leads_first_side() -> None:
    terms = terms_of(_FROST_TITLE, _FROST, "en")
    assert countries_in(terms, ev.ELSEWHERE_PREFIX) == {"pl"}
    assert "cz" in countries_in(terms)
    assert "pl" not in countries_in(terms)
