"""A count's share placed in a country ("davon etwa 9.000 in Österreich") and a firm's markets
("vor allem in Polen, Österreich und Ungarn") are no place of the happening (held_out_46: a
Swedish carmaker's recall set in Germany by the German report alone)."""

from __future__ import annotations

from event_terms import terms_of

from transform import events as ev

SHARES = {
    "en": ("It recalls 31,000 bikes, of which about 9,000 in Austria.", "Austria"),
    "de": ("Es ruft 31.000 Räder zurück, davon etwa 9.000 in Österreich.", "Österreich"),
    "fr": ("Elle rappelle 31 000 vélos, dont environ 9 000 en Autriche.", "Autriche"),
    "es": ("Retira 31.000 bicicletas, de ellas unas 9.000 en Austria.", "Austria"),
}
MARKETS = {
    "en": (
        "Velorna sold 60,000 bikes last year, mainly in Poland, Austria and Hungary.",
        "Poland, Austria and Hungary",
    ),
    "de": (
        "Velorna verkaufte 60.000 Räder, vor allem in Polen, Österreich und Ungarn.",
        "Polen, Österreich und Ungarn",
    ),
    "fr": (
        "Velorna a vendu 60 000 vélos, surtout en Pologne et en Autriche.",
        "Pologne et en Autriche",
    ),
    "es": (
        "Velorna vendió 60.000 bicicletas, sobre todo en Polonia y Austria.",
        "Polonia y Austria",
    ),
}

# invented: a Czech bike maker's recall told by an Austrian wire, Austria named only as the
# recall's share and among the firm's markets
GERMAN = (
    "PRAG, 4. März (Test Wire) - Der tschechische Fahrradhersteller Velorna ruft rund 31.000 "
    "E-Bikes zurück, davon etwa 9.000 in Österreich. Ein Fehler am Akku könne einen Brand "
    "auslösen, teilte das Unternehmen mit.\n\n"
    "Betroffen sind die Modelle V2 und V4 aus dem Jahr 2025. Verletzte gab es nicht.\n\n"
    "Velorna hatte im vergangenen Jahr rund 60.000 Räder verkauft, vor allem in Polen, "
    "Österreich und Ungarn."
)


def _named(text: str, language: str) -> list[str]:
    return [text[start:end] for start, end in ev.shares_and_markets(text, language)]


def test_a_counts_share_is_read_in_each_language() -> None:
    for language, (text, place) in SHARES.items():
        assert _named(text, language) == [place], language


def test_a_firms_markets_are_read_in_each_language() -> None:
    for language, (text, places) in MARKETS.items():
        assert _named(text, language) == [places], language


def test_mainly_in_without_trade_is_the_happenings() -> None:
    assert not _named("Flights were cancelled, mainly in Vienna and Graz.", "en")
    assert not _named("The storm killed 40, including 12 in a single village.", "en")


def test_a_country_named_as_share_and_market_weighs_as_named_once() -> None:
    terms = terms_of("Velorna ruft 31.000 E-Bikes zurück", GERMAN, "de")
    austria = [weight for term, weight in terms.items() if term.startswith("g:at:")]
    poland = [weight for term, weight in terms.items() if term.startswith("g:pl:")]
    assert austria == poland  # named twice, but both times as a share or a market
