"""SSRF guard: which URLs and addresses the crawler may connect to.

Two checks, both needed:

* :func:`check_url` looks at the URL alone: only http/https, and a host written as an IP address
  in any form a resolver would accept (``127.0.0.1``, ``2130706433``, ``0x7f.1``,
  ``017700000001``, ``[::ffff:127.0.0.1]``) is checked without any DNS lookup.
* :class:`GuardedBackend` is the httpcore network backend the HTTP client connects through. It
  resolves every host name itself, refuses the connection if *any* resolved address is not
  public, and then connects to the address it checked. Because the check and the connection use
  the same address, DNS rebinding (a second lookup answering 127.0.0.1) cannot slip through.
  TLS still verifies the certificate against the host name, as httpcore passes the name for SNI.

Both run on every redirect hop, since each hop is a new request through the same client.
:class:`AddressPolicy` carries ``allow_private`` (the ``allow_private_hosts`` setting) and an
allow-list of exact ``(ip, port)`` endpoints, so tests can allow their loopback server while
still seeing every other private address refused.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpcore
import httpx

from extract.errors import BlockedAddress, MalformedURL

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_SIX_TO_FOUR = ipaddress.IPv6Network("2002::/16")


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses may be connected to besides public unicast ones."""

    allow_private: bool = False
    allowed_endpoints: frozenset[tuple[str, int]] = field(default_factory=frozenset)

    def permits(self, address: IPAddress, port: int) -> bool:
        if self.allow_private or is_public_address(address):
            return True
        return (str(address), port) in self.allowed_endpoints


def _parse_ipv4_part(part: str) -> int:
    if part.lower().startswith("0x"):
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part, 8)
    return int(part, 10)


def parse_ipv4_host(host: str) -> ipaddress.IPv4Address | None:
    """An IPv4 address written the way inet_aton reads it (1 to 4 parts, each decimal, octal with a
    leading 0 or hex with 0x, the last part filling the remaining bytes), or None if ``host`` is
    not such a number."""
    parts = host.rstrip(".").split(".") if host else []
    if not parts or len(parts) > 4 or any(not p for p in parts):
        return None
    try:
        numbers = [_parse_ipv4_part(p) for p in parts]
    except ValueError:
        return None
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last
    for i, n in enumerate(head):
        value += n << (8 * (3 - i))
    return ipaddress.IPv4Address(value)


def parse_ip_host(host: str) -> IPAddress | None:
    """The address a URL host stands for when it is an IP literal (any IPv4 form, or IPv6 with or
    without brackets), else None for a host name."""
    bare = host.strip("[]")
    if ":" in bare:
        try:
            return ipaddress.IPv6Address(bare.split("%", 1)[0])
        except ValueError:
            return None
    return parse_ipv4_host(bare)


def is_public_address(address: IPAddress) -> bool:
    """True for globally routable unicast addresses. IPv6 forms that embed an IPv4 address
    (mapped, NAT64, 6to4) are judged by the embedded address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return is_public_address(address.ipv4_mapped)
        if address in _NAT64:
            return is_public_address(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if address in _SIX_TO_FOUR:
            embedded = address.sixtofour
            return embedded is not None and is_public_address(embedded)
    return not (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def check_url(url: str, policy: AddressPolicy) -> None:
    """Refuse ``url`` if its scheme is not http(s), its host is a refused IP literal or no
    valid domain name."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise MalformedURL(url, "malformed URL") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise BlockedAddress(url, f"scheme {parts.scheme or '(none)'!r} not allowed")
    host = parts.hostname
    if not host:
        raise MalformedURL(url, "URL has no host")
    address = parse_ip_host(host)
    if address is None:
        try:
            host.encode("idna")  # as the resolver encodes it: no empty or overlong label
            httpx.URL(url).host  # noqa: B018 - as httpx reads it: each xn-- label decodes
        except (UnicodeError, httpx.InvalidURL) as exc:  # InvalidURL: a dotted quad past 255
            raise MalformedURL(url, f"host is no valid domain name ({exc})") from None
    if port is None:
        port = 443 if parts.scheme.lower() == "https" else 80
    if address is not None and not policy.permits(address, port):
        raise BlockedAddress(url, f"address {address} is not public")


async def resolve_checked(host: str, port: int, policy: AddressPolicy) -> list[str]:
    """Resolve ``host`` and return its addresses, refusing if any of them is not permitted."""
    literal = parse_ip_host(host)
    if literal is not None:
        addresses: list[IPAddress] = [literal]
    else:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
        addresses = _unique(ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos)
    for address in addresses:
        if not policy.permits(address, port):
            raise BlockedAddress(f"{host}:{port}", f"address {address} is not public")
    return [str(a) for a in addresses]


def _unique(addresses: Iterable[IPAddress]) -> list[IPAddress]:
    seen: dict[IPAddress, None] = {}
    for address in addresses:
        seen.setdefault(address, None)
    return list(seen)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore backend that connects only to checked addresses (see the module docstring)."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[tuple] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await resolve_checked(host, port, self.policy)
        last_error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        assert last_error is not None  # resolve_checked never returns an empty list
        raise last_error

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Iterable[tuple] | None = None,
                                  ) -> httpcore.AsyncNetworkStream:
        raise BlockedAddress(path, "unix sockets are not allowed")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


__all__ = [
    "AddressPolicy",
    "GuardedBackend",
    "check_url",
    "is_public_address",
    "parse_ip_host",
    "parse_ipv4_host",
    "resolve_checked",
]
