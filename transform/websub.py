"""WebSub (W3C Recommendation) rules, as pure functions: discovery of a topic's hub and self URL,
the subscriber's request form, the verification of intent, signature checks and bounded inflating
of pushed bodies. The HTTP side is extract/websub.py, the stored state load/websub.py.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import feedparser

from extract.inflate import ENCODINGS as INFLATED_ENCODINGS
from extract.inflate import InflatedTooLarge, InflateError
from extract.inflate import inflate as bounded_inflate

SIGNATURE_METHODS = ("sha1", "sha256", "sha384", "sha512")
MAX_SECRET_BYTES = 199  # the spec: hub.secret MUST be less than 200 bytes

_LINK_VALUE = re.compile(r"<([^>]*)>\s*((?:;\s*[^;,]*)*)")
_LINK_REL = re.compile(r"""(?i)\brel\s*=\s*(?:"([^"]*)"|([^\s;,"]+))""")


class WebSubError(ValueError):
    """A WebSub message breaks the spec; the message says how."""


class SignatureError(WebSubError):
    """A push's X-Hub-Signature is missing, malformed or does not match the body."""


class VerificationRefused(WebSubError):
    """A hub's verification request matches no request of ours: answer 404."""


class BodyTooLarge(WebSubError):
    """A pushed body (raw or inflated) is over the limit."""


@dataclass(frozen=True)
class TopicLinks:
    """What a topic announces: its hubs (in order) and its self URL, if any."""

    hubs: tuple[str, ...]
    self_url: str | None


def parse_link_header(values: Iterable[str], base_url: str) -> list[tuple[str, frozenset[str]]]:
    """The (absolute URL, relation types) of each link in HTTP ``Link`` header values (RFC 8288)."""
    links: list[tuple[str, frozenset[str]]] = []
    for value in values:
        for match in _LINK_VALUE.finditer(value):
            target, params = match.group(1).strip(), match.group(2)
            rel = _LINK_REL.search(params or "")
            if rel is None or not target:
                continue
            rels = frozenset((rel.group(1) or rel.group(2) or "").lower().split())
            links.append((urljoin(base_url, target), rels))
    return links


def _http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def discover_links(header_links: Iterable[str], body: bytes, base_url: str) -> TopicLinks:
    """The hubs and self URL of a topic: from its HTTP ``Link`` headers when they name a hub (the
    spec's preferred place), else from the document's links (Atom ``link``, RSS ``atom:link``)."""
    hubs: list[str] = []
    self_url: str | None = None
    for url, rels in parse_link_header(header_links, base_url):
        if "hub" in rels and _http_url(url):
            hubs.append(url)
        if "self" in rels and self_url is None and _http_url(url):
            self_url = url
    if not hubs:
        parsed = feedparser.parse(body, response_headers={"content-location": base_url})
        for link in parsed.feed.get("links", []):
            href = urljoin(base_url, str(link.get("href") or "").strip())
            rel = str(link.get("rel") or "").lower()
            if rel == "hub" and _http_url(href):
                hubs.append(href)
            elif rel == "self" and self_url is None and _http_url(href):
                self_url = href
    return TopicLinks(tuple(dict.fromkeys(hubs)), self_url)


def subscription_form(
    mode: str, topic_url: str, callback_url: str, lease_seconds: int | None, secret: str | None
) -> dict[str, str]:
    """The form body of a subscriber's request to a hub (hub.mode subscribe or unsubscribe)."""
    if mode not in ("subscribe", "unsubscribe"):
        raise WebSubError(f"hub.mode must be subscribe or unsubscribe, not {mode!r}")
    form = {"hub.callback": callback_url, "hub.mode": mode, "hub.topic": topic_url}
    if mode == "subscribe":
        if lease_seconds is not None:
            form["hub.lease_seconds"] = str(lease_seconds)
        if secret:
            if len(secret.encode()) > MAX_SECRET_BYTES:
                raise WebSubError("hub.secret must be under 200 bytes")
            form["hub.secret"] = secret
    return form


@dataclass(frozen=True)
class Verification:
    """A hub's verification request we accept: echo ``challenge`` (none for a denial)."""

    mode: str  # subscribe, unsubscribe or denied
    challenge: str
    lease_seconds: int | None  # granted by the hub (subscribe only)
    reason: str | None  # hub.reason of a denial


def check_verification(
    params: Mapping[str, str], topic_url: str, pending_mode: str | None
) -> Verification:
    """Accept a hub's GET to our callback only for the request we made: the same topic and the
    mode we asked for (the spec's verification of intent); a denial only for our topic.
    Raises :class:`VerificationRefused` (answer 404) otherwise."""
    mode = params.get("hub.mode", "")
    topic = params.get("hub.topic", "")
    if topic != topic_url:
        raise VerificationRefused(f"hub.topic {topic[:200]!r} is not this subscription's topic")
    if mode == "denied":
        return Verification("denied", "", None, params.get("hub.reason", "")[:500] or None)
    if mode not in ("subscribe", "unsubscribe"):
        raise VerificationRefused(f"unknown hub.mode {mode[:50]!r}")
    if mode != pending_mode:
        raise VerificationRefused(f"no {mode} request of ours is pending")
    challenge = params.get("hub.challenge", "")
    if not challenge:
        raise VerificationRefused("no hub.challenge")
    lease: int | None = None
    if mode == "subscribe":
        raw = params.get("hub.lease_seconds", "")
        if not raw.isdigit() or int(raw) < 1:
            raise VerificationRefused(f"hub.lease_seconds {raw[:30]!r} is not a positive integer")
        lease = int(raw)
    return Verification(mode, challenge, lease, None)


def check_signature(header: str | None, secret: str, body: bytes) -> str:
    """Check ``X-Hub-Signature: method=hexdigest`` against the HMAC of the raw ``body`` keyed
    with ``secret`` (constant-time); returns the method. Raises :class:`SignatureError`."""
    if not header:
        raise SignatureError("no X-Hub-Signature")
    method, sep, digest = header.strip().partition("=")
    method = method.strip().lower()
    if not sep or method not in SIGNATURE_METHODS:
        raise SignatureError(f"unsupported X-Hub-Signature method {method[:20]!r}")
    expected = hmac.new(secret.encode(), body, getattr(hashlib, method)).hexdigest()
    if not hmac.compare_digest(expected, digest.strip().lower()):
        raise SignatureError(f"X-Hub-Signature ({method}) does not match the body")
    return method


def sign(secret: str, body: bytes, method: str = "sha256") -> str:
    """The ``X-Hub-Signature`` value a hub sends for ``body``."""
    if method not in SIGNATURE_METHODS:
        raise WebSubError(f"unsupported signature method {method!r}")
    return f"{method}={hmac.new(secret.encode(), body, getattr(hashlib, method)).hexdigest()}"


def inflate(body: bytes, encoding: str, limit: int) -> bytes:
    """``body`` decoded from its Content-Encoding (identity, gzip or deflate), never producing
    more than ``limit`` bytes (:mod:`extract.inflate`: every gzip member is read, a compression
    bomb stops at the limit with BodyTooLarge)."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        if len(body) > limit:
            raise BodyTooLarge(f"body over {limit} bytes")
        return body
    if encoding not in INFLATED_ENCODINGS:
        raise WebSubError(f"unsupported Content-Encoding {encoding[:30]!r}")
    try:
        return bounded_inflate(body, encoding, limit)
    except InflatedTooLarge:
        raise BodyTooLarge(f"inflated body over {limit} bytes") from None
    except InflateError as exc:
        raise WebSubError(f"{encoding} body: {exc}") from None


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


__all__ = [
    "SIGNATURE_METHODS",
    "BodyTooLarge",
    "SignatureError",
    "TopicLinks",
    "Verification",
    "VerificationRefused",
    "WebSubError",
    "body_digest",
    "check_signature",
    "check_verification",
    "discover_links",
    "inflate",
    "parse_link_header",
    "sign",
    "subscription_form",
]
