"""A country's possessive right before a person's or a firm's name ("Norway's Ivar Kestrel")
tells the person's nationality or the firm's home, not where the happening is: a Norwegian
player withdrawing in Brisbane is no happening in Norway."""

from __future__ import annotations

from event_terms import countries_in, terms_of

TITLE = "Norway's Kestrel pulls out of tournament with knee injury"
# invented: a player's withdrawal told from the tournament's town, by his nationality only
TEXT = (
    "BRISBANE, Jan 5 (Test Wire) - Norway's Ivar Kestrel withdrew from the tournament on "
    "Wednesday with a knee injury, a week before his first match at Brisbane Park.\n\n"
    '"My knee needs rest," Kestrel said. He hopes to play again in February.'
)


def test_a_countrys_possessive_before_a_person_is_no_place_of_the_happening() -> None:
    terms = terms_of(TITLE, TEXT, "en")
    assert "p:ivar kestrel" in terms
    assert "no" not in countries_in(terms)
    assert "au" in countries_in(terms)


def test_a_country_named_otherwise_too_stays() -> None:
    text = TEXT.replace("He hopes", "He will have scans in Norway and hopes")
    assert "no" in countries_in(terms_of(TITLE, text, "en"))


def test_a_firms_home_by_the_possessive_is_no_place_of_the_happening() -> None:
    title = "Heater maker recalls 20,000 units"
    text = (
        "Sweden's Holmgrenvik Varme recalled 20,000 heaters sold in Austria on Tuesday after "
        "two fires in Graz.\n\nHolmgrenvik Varme said no one was hurt."
    )
    assert countries_in(terms_of(title, text, "en")) - {"-"} == {"at"}


def test_a_state_body_named_by_common_words_keeps_its_country() -> None:
    title = "Whales stranded on beach"
    text = (
        "Rangers from New Zealand's Department of Conservation refloated 40 whales on "
        "Tuesday.\n\nThe Department of Conservation said three died."
    )
    assert "nz" in countries_in(terms_of(title, text, "en"))
