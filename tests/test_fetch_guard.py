"""The SSRF guard: URL literals in every form, resolution, and the connection-level check."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest

from extract.errors import BlockedAddress, MalformedURL
from extract.guard import (
    AddressPolicy,
    check_url,
    is_public_address,
    parse_ip_host,
    parse_ipv4_host,
    resolve_checked,
)

STRICT = AddressPolicy()


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.0x10.1", "10.16.0.1"),
        ("0177.0.0.01", "127.0.0.1"),
        ("192.168.1.1.", "192.168.1.1"),
        ("0", "0.0.0.0"),
        ("0x", "0.0.0.0"),  # as WHATWG URL and glibc read it: refused, not a name
    ],
)
def test_parse_ipv4_host_reads_every_inet_aton_form(host: str, expected: str) -> None:
    assert parse_ipv4_host(host) == ipaddress.IPv4Address(expected)


@pytest.mark.parametrize("host", ["example.com", "1.2.3.4.5", "256.1.1.1", "08", "1..2",
                                  "4294967296", "", "12.example"])
def test_parse_ipv4_host_rejects_names_and_out_of_range(host: str) -> None:
    assert parse_ipv4_host(host) is None


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "169.254.169.254", "0.0.0.0",
     "224.0.0.1", "240.0.0.1", "255.255.255.255", "100.64.0.1", "::1", "::", "fe80::1",
     "fc00::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::7f00:1",
     "2002:7f00:1::1", "2001:db8::1"],
)
def test_non_public_addresses_are_refused(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111",
                                     "::ffff:8.8.8.8", "64:ff9b::808:808"])
def test_public_addresses_pass(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/", "http://2130706433/", "http://0x7f.1/", "http://017700000001/",
     "http://[::1]/", "http://[::ffff:127.0.0.1]:8080/x", "https://169.254.169.254/latest/",
     "http://[0:0:0:0:0:ffff:7f00:1]/", "http://10.0.0.1:9200/", "http://0/"],
)
def test_check_url_refuses_private_literals(url: str) -> None:
    with pytest.raises(BlockedAddress, match="not public"):
        check_url(url, STRICT)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://x/",
                                 "javascript:alert(1)", "//example.com/"])
def test_check_url_refuses_other_schemes(url: str) -> None:
    with pytest.raises(BlockedAddress, match="scheme"):
        check_url(url, STRICT)


@pytest.mark.parametrize(
    "url", ["http://a..example/", "http://xn--a.example/feed", f"https://{'x' * 64}.example/",
            "http://256.256.256.256/feed.xml", "https://10.0.0.300/"]
)
def test_check_url_refuses_a_host_that_is_no_domain_name(url: str) -> None:
    """Neither the resolver (empty or overlong labels) nor httpx (an xn-- label that decodes to
    nothing valid, a dotted quad with a number past 255) could request it: they raised
    UnicodeError or httpx.InvalidURL, which ended `feeds discover` as an unexpected error."""
    with pytest.raises(MalformedURL, match="no valid domain name"):
        check_url(url, STRICT)


def test_check_url_allows_public_and_names() -> None:
    check_url("https://93.184.216.34/", STRICT)
    check_url("https://news.example.org/feed", STRICT)  # names are checked at connect time


def test_allow_list_admits_exactly_one_endpoint() -> None:
    policy = AddressPolicy(allowed_endpoints=frozenset({("127.0.0.1", 8080)}))
    check_url("http://127.0.0.1:8080/feed", policy)
    with pytest.raises(BlockedAddress):
        check_url("http://127.0.0.1:8081/feed", policy)
    with pytest.raises(BlockedAddress):
        check_url("http://0x7f.1:80/", policy)


def test_allow_private_admits_everything_http() -> None:
    check_url("http://10.0.0.1/", AddressPolicy(allow_private=True))
    with pytest.raises(BlockedAddress):
        check_url("file:///etc/passwd", AddressPolicy(allow_private=True))


def test_resolution_refuses_names_pointing_inside() -> None:
    with pytest.raises(BlockedAddress, match="not public"):
        asyncio.run(resolve_checked("localhost", 80, STRICT))


def test_resolution_returns_checked_literals() -> None:
    assert asyncio.run(resolve_checked("0x7f.1", 80, AddressPolicy(allow_private=True))) == [
        "127.0.0.1"]
    assert parse_ip_host("[::1]") == ipaddress.IPv6Address("::1")
