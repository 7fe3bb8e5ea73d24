"""A venue named after its town is the town's own, as its bodies are: a report datelined in
the town that names the venue is set there, not filed from there about elsewhere (held_out_48:
"MELBOURNE ... a quarter-finalist at Melbourne Park", whose only other places were the
player's home region and clinic in Spain)."""

from __future__ import annotations

from event_terms import terms_of

from transform import events as ev
from transform.entities import recognize_entities

BRISBANE = "g:au:geonames:2174003"
TITLE = "Kestrel pulls out of tournament with knee injury"
# invented: a player's withdrawal told from the tournament's town, his home clinic abroad
TEXT = (
    "BRISBANE, Jan 5 (Test Wire) - Norwegian player Ivar Kestrel withdrew from the tournament "
    "on Wednesday with a knee injury, after a scan at Brisbane Park.\n\n"
    '"My knee needs rest," Kestrel said. Kestrel will have more scans in Bergen and hopes to '
    "play again in February."
)


def test_a_venue_named_after_its_town_names_the_towns_own() -> None:
    mentions = recognize_entities(TITLE, TEXT, "en")
    assert "brisbane" in ev._local_bodies(mentions)


def test_the_dateline_town_of_a_venue_named_after_it_is_the_happenings() -> None:
    assert BRISBANE in terms_of(TITLE, TEXT, "en")
    # without the venue the dateline is only where the wire filed from
    assert BRISBANE not in terms_of(TITLE, TEXT.replace("at Brisbane Park", "at the venue"), "en")
