"""A club named after a city's old name is the club where the article names it alone, and a
weekday after "on" opens no name (held_out_46: a Seville club called by the city's Latin
name, "ante el Hispalis", read as Seville)."""

from __future__ import annotations

from transform.entities import find_mentions

# invented: a club that took Lyon's Latin name (Lugdunum, an alternate name GeoNames holds)
CLUB = (
    "Lugdunum FC sacked its coach on Friday. Next week the team plays at home to Lugdunum, "
    "a day after its rivals train in Lugdunum."
)


def _read(text: str, language: str) -> list[tuple[str, str, str]]:
    return [(m.entity.kind, m.entity.key, m.surface) for m in find_mentions("", text, language)]


def test_the_old_name_alone_is_the_club() -> None:
    read = _read(CLUB, "en")
    assert read[:2] == [
        ("organization", "organization:lugdunum fc", "Lugdunum FC"),
        ("organization", "organization:lugdunum fc", "Lugdunum"),
    ]
    spanish = _read("El Lugdunum CF destituyó a su entrenador. Jugará ante el Lugdunum.", "es")
    assert {key for _, key, _ in spanish} == {"organization:lugdunum cf"}


def test_after_in_it_is_the_city() -> None:
    assert _read(CLUB, "en")[-1][0] == "place"


def test_without_the_club_it_is_the_city() -> None:
    assert [kind for kind, _, _ in _read("The fans travelled to Lugdunum.", "en")] == ["place"]


def test_a_weekday_after_on_opens_no_name() -> None:
    read = _read("On Monday Lugdunum FC sacked its coach; on Tuesday Lakeside FC did.", "en")
    assert [key for _, key, _ in read] == ["organization:lugdunum fc", "organization:lakeside fc"]
    assert ("organization", "organization:sunday times", "Sunday Times") in _read(
        "The Sunday Times said so on Sunday.", "en"
    )
