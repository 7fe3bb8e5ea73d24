"""Two happenings of one kind in two small towns, or at two natural features, of one region
(held_out_55): each report set in a village the gazetteer lacks is held apart from a report
set in another such village (`event_scoring._other_villages`), and a report that names the
other side's main natural feature only where it tells of another happening is held apart
from it as from a region so named (`event_scoring._region_told_as_another`)."""

from __future__ import annotations

import pytest
from event_terms import terms_of

from transform import event_scoring as sc
from transform import events as ev

W = ev.TermWeights().who_where

# invented: two amateur clubs knock top-flight sides out of one cup on one evening, each
# report filed from its club's small town (names the gazetteer lacks)
KERVADEC_TITLE = "Coupe nationale : Kervadec renverse l'Olympique Maritime"
KERVADEC_TEXT = (
    "KERVADEC (Test Presse) - L'Union Kervadec, club amateur, s'est qualifiée mardi pour les "
    "demi-finales de la Coupe nationale en battant l'Olympique Maritime 2-1 devant 3 000 "
    "spectateurs.\n\n"
    "Le capitaine Yoann Trebaol a égalisé d'une tête avant que Gwendal Morvezen ne marque "
    'dans la prolongation. "Ces garçons travaillent la journée", a dit l\'entraîneur.\n\n'
    "Plus tôt dans la soirée, un autre club amateur avait lui aussi éliminé un club de "
    "première division."
)
SAINT_ORBEC_TITLE = "Coupe nationale : Plouhinec-sur-Aff sort le Racing Littoral aux tirs au but"
SAINT_ORBEC_TEXT = (
    "PLOUHINEC-SUR-AFF (Test Presse) - Le club amateur de Plouhinec-sur-Aff a éliminé mardi "
    "le Racing Littoral, club de première division, en quart de finale de la Coupe nationale "
    "aux tirs au but.\n\n"
    'Le gardien Loïc Hervouet a arrêté deux tirs au but. "Il nous a sauvés dix fois", a dit '
    "l'entraîneur Denis Quemener.\n\n"
    "Dans la soirée, un autre club amateur a lui aussi éliminé un club de première division."
)
# a follow-up of the Kervadec upset, filed from the same town
KERVADEC_FOLLOW_TITLE = "Kervadec fête ses héros de la Coupe nationale"
KERVADEC_FOLLOW_TEXT = (
    "KERVADEC (Test Presse) - Toute la ville de Kervadec fêtait mercredi ses joueurs, "
    "qualifiés la veille pour les demi-finales de la Coupe nationale.\n\n"
    "Gwendal Morvezen, auteur du but de la victoire, a été porté en triomphe devant la "
    "mairie."
)


def _roles(title: str, text: str, language: str = "fr") -> sc.Roles:
    return sc.roles(terms_of(title, text, language), W)


def test_reports_set_in_two_villages_are_two_happenings() -> None:
    kervadec = _roles(KERVADEC_TITLE, KERVADEC_TEXT)
    other = _roles(SAINT_ORBEC_TITLE, SAINT_ORBEC_TEXT)
    assert kervadec.villages and other.villages  # each set in a village the gazetteer lacks
    assert kervadec.town is None and other.town is None  # no town of a known country
    assert sc.conflict(kervadec, other) and sc.conflict(other, kervadec)


def test_reports_set_in_one_village_are_not_held_apart_by_it() -> None:
    first = _roles(KERVADEC_TITLE, KERVADEC_TEXT)
    follow = _roles(KERVADEC_FOLLOW_TITLE, KERVADEC_FOLLOW_TEXT)
    assert first.villages & follow.villages
    assert not sc._other_villages(first, follow)


def _side(**fields: object) -> sc.Roles:
    base = {"actor": None, "place_country": None, "people": frozenset(), "countries": frozenset()}
    return sc.Roles(**{**base, **fields})  # type: ignore[arg-type]


_A = "g:-:town:kervadec"
_B = "g:-:town:plouhinec-sur-aff"


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        # two villages, neither named by the other side: two places
        (
            {"villages": frozenset({_A}), "named_villages": frozenset({_A})},
            {"villages": frozenset({_B}), "named_villages": frozenset({_B})},
            True,
        ),
        # the other side names the village too (a report telling of both): left to other rules
        (
            {"villages": frozenset({_A}), "named_villages": frozenset({_A})},
            {"villages": frozenset({_B}), "named_villages": frozenset({_A, _B})},
            False,
        ),
        # the other side writes the village in its title or lead, unread as a place
        (
            {"villages": frozenset({_A}), "named_villages": frozenset({_A})},
            {
                "villages": frozenset({_B}),
                "named_villages": frozenset({_B}),
                "phrases": frozenset({"l'union kervadec"}),
            },
            False,
        ),
        # a hyphenated name holds the village's ("l'us kervadec-penmarch")
        (
            {"villages": frozenset({_A}), "named_villages": frozenset({_A})},
            {
                "villages": frozenset({_B}),
                "named_villages": frozenset({_B}),
                "phrases": frozenset({"l'us kervadec-penmarch"}),
            },
            False,
        ),
        # one side set in no village: nothing to set against
        (
            {"villages": frozenset({_A}), "named_villages": frozenset({_A})},
            {"named_villages": frozenset({_B})},
            False,
        ),
    ],
)
def test_other_villages(a: dict, b: dict, apart: bool) -> None:
    assert sc._other_villages(_side(**a), _side(**b)) is apart
    assert sc._other_villages(_side(**b), _side(**a)) is apart


_RIDGE = "g:-:name:monte penedo grande"
_LUGO = "g:es:geonames:3117814"
_VIGO = "g:es:geonames:3105976"


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        # a names b's main feature only where it tells of another happening: apart
        ({"elsewhere": frozenset({_RIDGE})}, {"features": frozenset({_RIDGE})}, True),
        # ... with other towns each: still apart
        (
            {"elsewhere": frozenset({_RIDGE}), "named_towns": frozenset({_VIGO})},
            {"features": frozenset({_RIDGE}), "named_towns": frozenset({_LUGO})},
            True,
        ),
        # a town both name says the feature's happening may be the one a tells
        (
            {"elsewhere": frozenset({_RIDGE}), "named_towns": frozenset({_LUGO})},
            {"features": frozenset({_RIDGE}), "named_towns": frozenset({_LUGO})},
            False,
        ),
        # a names the feature, but not as another happening's: nothing said
        ({"elsewhere": frozenset()}, {"features": frozenset({_RIDGE})}, False),
    ],
)
def test_feature_told_as_another(a: dict, b: dict, apart: bool) -> None:
    assert sc._region_told_as_another(_side(**a), _side(**b)) is apart
    assert sc.conflict(_side(**a), _side(**b)) is apart
