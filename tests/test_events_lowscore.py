"""A report naming no one, set in one small town with another language's report (lowscore)."""

from __future__ import annotations

import pytest

from transform import event_scoring as scoring

_SMALL = "g:pl:geonames:3093524"  # a gazetteer town of about 64,000 people
_CITY = "g:de:geonames:3247449"  # a city of about 265,000 people
_ABROAD = "g:cz:geonames:3067696"  # a city in another country


def _side(**kw: object) -> scoring.Roles:
    fields: dict = {"actor": None, "place_country": None}
    fields |= {"people": frozenset(), "countries": frozenset()} | kw
    return scoring.Roles(**fields)


def _in(town: str, **kw: object) -> scoring.Roles:
    country = town.split(":")[1]
    base: dict = {
        "town": town,
        "towns": frozenset({town}),
        "named_towns": frozenset({town}),
        "place_country": country,
        "countries": frozenset({country}),
        "named_countries": frozenset({country}),
    }
    return _side(**(base | kw))


_SPOKESWOMAN = frozenset({"p:ilse vogt"})


@pytest.mark.parametrize(
    ("brief", "quoting", "expected"),
    [
        # a brief naming no one, set in the small town the other report quotes its voices in
        (_in(_SMALL), _in(_SMALL, named_people=_SPOKESWOMAN), True),
        # one figure both titles give
        (
            _in(_SMALL, figures=frozenset({"n:46"})),
            _in(_SMALL, named_people=_SPOKESWOMAN, figures=frozenset({"n:46", "n:300"})),
            True,
        ),
        # a city: two happenings of one kind there on one day are common
        (_in(_CITY), _in(_CITY, named_people=_SPOKESWOMAN), False),
        # the brief names a person: both quote people, the strangers rule's case
        (_in(_SMALL, named_people=frozenset({"p:jan nowak"})), _in(_SMALL), False),
        # each title's count is another happening's
        (
            _in(_SMALL, figures=frozenset({"n:312"})),
            _in(_SMALL, named_people=_SPOKESWOMAN, figures=frozenset({"n:184"})),
            False,
        ),
        # the other report is about a firm the brief never names
        (_in(_SMALL), _in(_SMALL, organization="o:kowalski foods"), False),
        # the brief is set abroad and names the small town once, in passing
        (
            _in(_ABROAD, named_towns=frozenset({_ABROAD, _SMALL})),
            _in(_SMALL, named_people=_SPOKESWOMAN),
            False,
        ),
    ],
)
def test_one_town_beside_no_person(
    brief: scoring.Roles, quoting: scoring.Roles, expected: bool
) -> None:
    assert scoring._one_town_beside_no_person(brief, quoting, 100_000) is expected


def test_a_brief_that_never_names_the_small_town() -> None:
    # the brief is set in a city of its own and never names the other's small town
    brief = _in(_CITY, named_towns=frozenset({_CITY}))
    assert not scoring._one_town_beside_no_person(brief, _in(_SMALL), 100_000)


def test_name_link_takes_the_places_alone_when_one_side_names_no_one() -> None:
    brief = {_SMALL: 1.0, "g:pl:geonames:756135": 0.5}
    quoting = {_SMALL: 1.0, "g:pl:geonames:756135": 0.5, "p:ilse vogt": 3.0}
    without = scoring.name_link(brief, quoting)
    with_rule = scoring.name_link(brief, quoting, one_town_unvoiced=True)
    assert without < 0.4
    assert with_rule == pytest.approx(1.0)


def test_name_link_places_alone_need_the_rule() -> None:
    brief = {"g:pl:geonames:756135": 1.0}
    quoting = {"g:pl:geonames:756135": 1.0, "p:ilse vogt": 3.0}
    assert scoring.name_link(brief, quoting) == 0.0
    assert scoring.name_link(brief, quoting, one_town_unvoiced=True) == pytest.approx(1.0)
