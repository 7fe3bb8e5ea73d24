from __future__ import annotations

import pytest

from transform.urls import (
    InvalidURLError,
    canonicalize_url,
    choose_canonical,
    domain_of,
    site_of,
)


def test_scheme_host_case_default_port_and_fragment_are_folded() -> None:
    assert (
        canonicalize_url("HTTPS://News.Example.ORG:443/World/Story-1#comments")
        == "https://news.example.org/World/Story-1"
    )
    assert canonicalize_url("http://example.org:80") == "http://example.org/"


def test_non_default_port_is_kept() -> None:
    assert canonicalize_url("http://example.org:8080/a") == "http://example.org:8080/a"


def test_tracking_parameters_are_removed_and_the_rest_sorted() -> None:
    url = (
        "https://example.org/a?utm_source=feed&page=2&fbclid=abc&gclid=1"
        "&at_medium=x&mc_cid=9&id=7&utm_campaign=spring"
    )
    assert canonicalize_url(url) == "https://example.org/a?id=7&page=2"


def test_configured_tracking_list_supports_wildcards() -> None:
    url = "https://example.org/a?pk_source=x&pk_medium=y&keep=1&sessionid=3"
    assert canonicalize_url(url, ("pk_*", "sessionid")) == "https://example.org/a?keep=1"
    # The built-in campaign parameters are stripped even with an empty configuration.
    assert (
        canonicalize_url("https://example.org/a?utm_term=z&q=1", ()) == "https://example.org/a?q=1"
    )


def test_prefix_match_is_not_a_substring_match() -> None:
    assert canonicalize_url("https://example.org/a?reference=5&ref=rss") == (
        "https://example.org/a?reference=5"
    )


def test_idna_host() -> None:
    assert canonicalize_url("https://Bücher.example/neu") == "https://xn--bcher-kva.example/neu"


def test_path_encoding_is_consistent() -> None:
    assert canonicalize_url("https://example.org/a b/ü") == canonicalize_url(
        "https://example.org/a%20b/%C3%BC"
    )


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/file",
        "mailto:desk@example.org",
        "no scheme at all",
        "http://",
        "",
        "https://[::1/x",
    ],
)
def test_invalid_urls_raise(url: str) -> None:
    with pytest.raises(InvalidURLError):
        canonicalize_url(url)


def test_domain_of_strips_www_only() -> None:
    assert domain_of("https://WWW.Example.org/x") == "example.org"
    assert domain_of("https://m.example.org/x") == "m.example.org"
    assert domain_of("https://www.example.org:443/x") == "example.org"
    assert domain_of("http://127.0.0.1:8571/x") == "127.0.0.1:8571"
    assert domain_of("http://[::1]:8080/") == "[::1]:8080"
    assert site_of("https://amp.example.org/x") == "example.org"
    with pytest.raises(InvalidURLError):
        domain_of("javascript:alert(1)")


def test_amp_page_resolves_through_its_declared_canonical() -> None:
    chosen = choose_canonical(
        "https://amp.example.org/2026/harbour-strike.amp?utm_source=social",
        declared_canonical="https://www.example.org/2026/harbour-strike#top",
    )
    assert chosen == "https://www.example.org/2026/harbour-strike"


def test_og_url_is_the_fallback_declaration() -> None:
    chosen = choose_canonical(
        "https://m.example.org/story?id=4&fbclid=q", og_url="https://www.example.org/story?id=4"
    )
    assert chosen == "https://www.example.org/story?id=4"


def test_relative_canonical_is_resolved_against_the_page() -> None:
    assert choose_canonical("https://example.org/a/b?page=1", "/a/b") == "https://example.org/a/b"


def test_cross_site_canonical_is_ignored() -> None:
    chosen = choose_canonical(
        "https://daily.example.net/wire/ferry-delays",
        declared_canonical="https://agency.example.com/ferry-delays",
    )
    assert chosen == "https://daily.example.net/wire/ferry-delays"


def test_host_variants_are_not_unified_without_a_declaration() -> None:
    assert choose_canonical("https://m.example.org/story") == "https://m.example.org/story"
    assert choose_canonical("https://www.example.org/story") == "https://www.example.org/story"


def test_broken_or_non_http_declarations_fall_back_to_the_fetched_url() -> None:
    fetched = "https://example.org/story?utm_medium=email"
    assert choose_canonical(fetched, "ftp://example.org/story") == "https://example.org/story"
    assert choose_canonical(fetched, "https://[broken/") == "https://example.org/story"


def test_fetched_url_must_be_http() -> None:
    with pytest.raises(InvalidURLError):
        choose_canonical("file:///etc/passwd", "https://example.org/")


@pytest.mark.parametrize(
    "url", ["http://fennick ledger.example/flood.html", "https://velmouth|signal.example/"]
)
def test_a_host_no_browser_would_take_is_refused(url: str) -> None:
    """A space or "|" in the host: `wirehouse push` queued "http://fennick ledger.example/",
    stored it so and fetched the host "fennick%20ledger.example" (a browser refuses it)."""
    with pytest.raises(InvalidURLError, match="which no host name may"):
        canonicalize_url(url)


def test_hosts_browsers_take_are_kept() -> None:
    assert canonicalize_url("http://fennick_ledger.example/a b") == (
        "http://fennick_ledger.example/a%20b"
    )
    assert canonicalize_url("http://[::1]:8470/feed.xml") == "http://[::1]:8470/feed.xml"
