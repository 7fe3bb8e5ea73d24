"""Canonical article URLs: one key per article however it was linked.

``canonicalize_url`` normalizes one URL (scheme/host case, IDNA, default port, fragment,
tracking parameters, query order). ``choose_canonical`` decides which of the URLs a page is
known by is its key: the page's own rel=canonical (or og:url) when it stays on the same site.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3lib_canonicalize

from wirehouse.settings import Settings

# Always stripped, whatever the configuration says: campaign and click identifiers.
BUILTIN_TRACKING_PARAMS: tuple[str, ...] = ("utm_*", "fbclid", "gclid", "at_*", "mc_*")
# Host prefixes that name the same site (desktop, mobile, AMP cache-less variants).
SITE_PREFIXES: tuple[str, ...] = ("www.", "m.", "mobile.", "amp.")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class InvalidURLError(ValueError):
    """Not an absolute http(s) URL, or not parsable as one."""


def _split(url: str):
    if not isinstance(url, str) or not url.strip():
        raise InvalidURLError(f"empty URL: {url!r}")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise InvalidURLError(f"unparsable URL {url!r}: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise InvalidURLError(f"not an http(s) URL: {url!r}")
    if not parts.hostname:
        raise InvalidURLError(f"URL has no host: {url!r}")
    return parts, scheme, port


# What no host name may hold (the WHATWG URL Standard's forbidden domain code points: C0
# controls, DEL and these): a browser refuses such a URL, where "http://a b/" was queued,
# stored and fetched as the host "a%20b". A ":" is an IPv6 literal's (urlsplit drops its
# brackets); a "%" may escape an IDN's letters, which the standard decodes first.
_FORBIDDEN_IN_HOST = frozenset(" #/<>?@[\\]^|\x7f").union(map(chr, range(0x20)))


def forbidden_in_host(hostname: str) -> str | None:
    """The first character of ``hostname`` that no host name may hold, if any."""
    return next((c for c in hostname if c in _FORBIDDEN_IN_HOST), None)


def _host(hostname: str, url: str) -> str:
    if (bad := forbidden_in_host(hostname)) is not None:
        raise InvalidURLError(f"host of {url!r} holds {bad!r}, which no host name may")
    host = hostname.rstrip(".").lower()
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidURLError(f"host of {url!r} is not a valid IDNA name") from None


def _netloc(host: str, scheme: str, port: int | None) -> str:
    """``host[:port]``, the port only when it is not the scheme's default."""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    return host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"


def _is_tracking(name: str, patterns: Sequence[str]) -> bool:
    lowered = name.lower()
    return any(fnmatch.fnmatchcase(lowered, p.lower()) for p in patterns)


def canonicalize_url(url: str, tracking_params: Sequence[str] = Settings.tracking_params) -> str:
    """Normalize an absolute http(s) URL to its comparison form.

    Lowercases scheme and host, encodes the host as IDNA, drops the default port, the
    fragment and every query parameter matching ``tracking_params`` (``*`` wildcards) or the
    built-in tracking list, sorts what remains and percent-encodes the path consistently.
    """
    parts, scheme, port = _split(url)
    netloc = _netloc(_host(parts.hostname or "", url), scheme, port)
    patterns = tuple(tracking_params) + BUILTIN_TRACKING_PARAMS
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(k, patterns)
    ]
    rebuilt = urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))
    return _w3lib_canonicalize(rebuilt, keep_fragments=False)


def domain_of(url: str) -> str:
    """The URL's host, lowercase, IDNA-encoded, without a leading ``www.``, with its port when
    that is not the default (two sites on one host but different ports are two publishers)."""
    parts, scheme, port = _split(url)
    return _netloc(_host(parts.hostname or "", url).removeprefix("www."), scheme, port)


def site_of(url: str) -> str:
    """The host with one desktop/mobile/AMP prefix (``www.``, ``m.``, ``amp.``...) removed."""
    host = domain_of(url)
    for prefix in SITE_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix) :]
    return host


def _candidate(url: str | None, fetched: str, tracking_params: Sequence[str]) -> str | None:
    if not url:
        return None
    try:
        canonical = canonicalize_url(urljoin(fetched, url.strip()), tracking_params)
    except ValueError:  # InvalidURLError, or urljoin's own complaint
        return None  # a broken declaration is ignored, the fetched URL still stands
    return canonical if site_of(canonical) == site_of(fetched) else None


def choose_canonical(
    fetched_url: str,
    declared_canonical: str | None = None,
    og_url: str | None = None,
    tracking_params: Sequence[str] = Settings.tracking_params,
) -> str:
    """The key URL of a page.

    The page's declared rel=canonical wins when it is an http(s) URL on the same site as the
    fetched URL (hosts equal up to a ``www.``/``m.``/``amp.`` prefix), so AMP and mobile
    variants resolve to the article they copy; og:url is the fallback declaration. A
    declaration pointing to another site (syndication, misconfiguration) is ignored, and the
    host variants are never unified on our own: without an agreeing declaration the fetched
    URL, normalized, is the key. Raises ``InvalidURLError`` when ``fetched_url`` is not http(s).
    """
    fetched = canonicalize_url(fetched_url, tracking_params)
    for declared in (declared_canonical, og_url):
        chosen = _candidate(declared, fetched, tracking_params)
        if chosen is not None:
            return chosen
    return fetched


__all__ = [
    "BUILTIN_TRACKING_PARAMS",
    "InvalidURLError",
    "canonicalize_url",
    "choose_canonical",
    "domain_of",
    "forbidden_in_host",
    "site_of",
]
