"""A report with no place of its own that tells of another happening in a town's locality is
held apart from a report set in that town (held_out_35's cheese round-up, helper rup4)."""

from __future__ import annotations

from transform import event_scoring as scoring
from transform import events as ev
from transform.entities import recognize_entities


def _report_roles(title: str, text: str) -> scoring.Roles:
    weights = ev.TermWeights()
    terms = ev.article_terms(title, text, weights, "en", recognize_entities(title, text, "en"))
    return scoring.roles(terms, weights.who_where)


_CHEESE = (
    "PARIS, Oct 13 (Test Wire) - Thieves stole 180 wheels of Comte from a cellar in France's "
    "Jura region overnight, on the same night as a gang took Parmesan from a dairy in Italy.\n\n"
    "The thieves forced the door of a cooperative dairy near Poligny, gendarmes said.\n\n"
    "In Italy, police near Modena said 420 wheels of Parmesan were taken."
)


def test_a_placeless_round_up_is_held_apart_from_the_other_sides_locality() -> None:
    roundup = _report_roles("Cheese thieves hit French and Italian dairies on same night", _CHEESE)
    castelfranco = _report_roles(
        "Thieves steal 420 wheels of Parmesan from Italian dairy",
        "ROME, Oct 13 (Test Wire) - Thieves took 420 wheels of Parmesan from a dairy in "
        "Castelfranco Emilia overnight. Police in Castelfranco Emilia are looking for a lorry. "
        "Cheese makers in France were hit the same night.",
    )
    # the round-up tells of Modena, 25 km from Castelfranco Emilia: one locality
    assert roundup.town is None and castelfranco.town is not None
    assert scoring.held_apart(roundup, castelfranco) and scoring.held_apart(castelfranco, roundup)
