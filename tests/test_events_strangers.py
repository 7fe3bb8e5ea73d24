"""A report in another language that names no town at all links to its happening's event by
the person both name in full (transform/event_scoring.py, name_links and
_one_person_beside_no_town): invented term vectors, no database."""

from __future__ import annotations

from scoring_vectors import POLICY

from transform import event_scoring
from transform.events import TermWeights

_W = TermWeights().who_where
_VILLAGE = "g:de:geonames:2858245"  # a German gazetteer town of under 20,000 people
_TYROL = "g:at:iso3166-2:AT-7"  # a region of another country


def _links(english: dict[str, float], german: dict[str, float]) -> dict[int, float]:
    """The name links of an English report (``english``) to the event (7) of one German
    report (``german``, article 1)."""
    own = event_scoring.roles(english, _W)
    theirs = event_scoring.roles(german, _W)
    return event_scoring.name_links(
        english, "en", {1: german}, {1: "de"}, {1: 7}, own, {1: theirs}, {7: theirs}
    )


# "Imkerin Hedwig Sauerbrunn" in the village's report, with the village in its title and
# text; "beekeeper Hedwig Sauerbrunn ... in a village in southern Germany" in the English
# wire, whose village the gazetteer cannot read
_GERMAN = {
    _VILLAGE: _W * 2,
    "p:hedwig sauerbrunn": _W * 2,
    "bienenstöcke": 2.0,
    "gestohlen": 1.5,
}
_ENGLISH = {"p:hedwig sauerbrunn": _W * 2, "beehives": 2.0, "stolen": 1.5, "village": 1.0}


def test_a_wire_naming_no_town_links_by_the_person_both_name() -> None:
    """The English wire names no town, so no place both name: the beekeeper both name in
    full is its only place, and the link reaches the name-link threshold."""
    assert _links(_ENGLISH, _GERMAN).get(7, 0.0) >= POLICY.name_link_threshold


def test_a_person_named_by_one_side_only_makes_no_link() -> None:
    """Another beekeeper's theft, told by the English wire with its own beekeeper: no person
    in common, no link, whatever the kind shares."""
    other = {"p:konrad willsberger": _W * 2, "beehives": 2.0, "stolen": 1.5}
    assert _links(other, _GERMAN).get(7, 0.0) == 0.0


def test_a_side_set_in_another_country_makes_no_link() -> None:
    """The English wire sets itself in Tyrol (another country than the German village's):
    a namesake there, not the village's beekeeper; the person alone links nothing."""
    abroad = {**_ENGLISH, _TYROL: _W * 2}
    assert _links(abroad, _GERMAN).get(7, 0.0) < POLICY.name_link_threshold


def test_both_sides_naming_towns_keep_asking_for_a_place() -> None:
    """Two reports that each name a town, none the same, are not placed by the person
    alone: the rule is for a side that names no town at all."""
    elsewhere = {**_ENGLISH, "g:de:geonames:2853928": _W * 2}
    assert not event_scoring._one_person_beside_no_town(
        event_scoring.roles(elsewhere, _W), event_scoring.roles(_GERMAN, _W)
    )
    assert event_scoring._one_person_beside_no_town(
        event_scoring.roles(_ENGLISH, _W), event_scoring.roles(_GERMAN, _W)
    )


def test_a_person_who_speaks_for_two_firms_places_neither() -> None:
    """A regulator's president, named in full by a French report on one firm's fine (naming
    no town) and by an English report on another firm's fine in Lyon, speaks for both
    happenings: each side's main firm is one the other never names, and the president alone
    links nothing."""
    president = "p:odile castagnier"
    french = {president: _W * 2, "o:velocourse": _W * 3, "amende": 2.0}
    english = {
        president: _W * 2,
        "o:mutuaprix": _W * 3,
        "g:fr:geonames:2996944": _W * 2,
        "fine": 2.0,
    }
    own = event_scoring.roles(french, _W)
    theirs = event_scoring.roles(english, _W)
    assert own.organization == "o:velocourse" and theirs.organization == "o:mutuaprix"
    assert not event_scoring._one_person_beside_no_town(own, theirs)
    links = event_scoring.name_links(
        french, "fr", {1: english}, {1: "en"}, {1: 7}, own, {1: theirs}, {7: theirs}
    )
    assert links.get(7, 0.0) < POLICY.name_link_threshold


def test_counts_none_the_same_keep_a_spokeswoman_from_placing_two_mishaps() -> None:
    """One coast guard spokeswoman quoted on a ferry aground with 312 aboard (the German
    report, in its village) and on a catamaran with 184 aboard (the English wire, whose
    island the gazetteer cannot read): each title's count is its own happening's."""
    spokeswoman = "p:ioanna markaki"
    german = {_VILLAGE: _W * 2, spokeswoman: _W * 2, "n:312": _W, "fähre": 2.0}
    english = {spokeswoman: _W * 2, "n:184": _W, "catamaran": 2.0}
    own, theirs = event_scoring.roles(english, _W), event_scoring.roles(german, _W)
    assert own.figures == {"n:184"} and theirs.figures == {"n:312"}
    assert not event_scoring._one_person_beside_no_town(own, theirs)
    same_count = event_scoring.roles({**english, "n:312": _W}, _W)
    assert event_scoring._one_person_beside_no_town(same_count, theirs)


def test_a_ship_the_other_names_in_passing_is_not_its_subject() -> None:
    """A German report on the ferry Kykladia Star that names no town, and an
    English report on a catamaran whose own name the recognizer misses but which names the
    ferry once, in passing ("hours after the Kykladia Star ran aground"): the ship is the
    German side's subject, not the English side's, so the spokeswoman both quote places
    neither; a ship both sides are about still lets her place the German report."""
    spokeswoman = "p:ioanna markaki"
    ferry = "v:kykladia star"
    german = {ferry: _W * 3, spokeswoman: _W * 2, "fähre": 2.0}
    english = {ferry: _W * 0.5, spokeswoman: _W * 2, "catamaran": 2.0}
    own, theirs = event_scoring.roles(german, _W), event_scoring.roles(english, _W)
    assert own.vessel == ferry and ferry in theirs.named_vessels and theirs.vessel is None
    assert not event_scoring._one_person_beside_no_town(own, theirs)
    same_ship = event_scoring.roles({**english, ferry: _W * 3}, _W)
    assert event_scoring._one_person_beside_no_town(own, same_ship)
