"""The fetch stage's typed errors. Every failure of a request is one of these, never a None."""

from __future__ import annotations


class FetchError(Exception):
    """A URL could not be fetched; ``url`` names it and the message says why, briefly."""

    retryable = False

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{message} ({url})")
        self.url = url
        self.reason = message


class HTTPStatusError(FetchError):
    """The server answered with a status the caller cannot use (4xx, 5xx, unexpected 3xx)."""

    def __init__(self, url: str, status_code: int, retry_after: float | None = None) -> None:
        super().__init__(url, f"HTTP {status_code}")
        self.status_code = status_code
        self.retry_after = retry_after

    @property
    def retryable(self) -> bool:  # type: ignore[override]
        return self.status_code == 429 or self.status_code >= 500


class BlockedByRobots(FetchError):
    """robots.txt disallows the URL for our user agent."""


class RobotsUnavailable(BlockedByRobots):
    """robots.txt answered 5xx or was unreachable: RFC 9309 says assume complete disallow."""


class BlockedAddress(FetchError):
    """The URL's scheme or resolved address is refused by the SSRF guard."""


class MalformedURL(BlockedAddress):
    """The URL cannot be requested as written (malformed, no host, a host that is no valid
    domain name); no setting admits it."""


class TooLarge(FetchError):
    """The body (raw or decompressed) went over the size limit."""


class BadContentType(FetchError):
    """The response is not the kind of document that was asked for."""


class TooManyRedirects(FetchError):
    """More redirects than allowed, a redirect loop, or a redirect without a usable Location."""


class FetchTimeoutError(FetchError, TimeoutError):
    """Connect, read or total time limit exceeded."""

    retryable = True


class DeadlineExceeded(FetchTimeoutError):
    """A wall-clock deadline (per URL, per host or per run) ran out while the request was on
    the wire, or before a retry could be sent. Not retried: the time is spent."""

    retryable = False


class Skipped(FetchError):
    """The request was never sent: a deadline had already passed, or robots.txt could not be
    read. Logged in fetch_log with an error starting ``skipped:`` and counted per run."""


class FetchConnectionError(FetchError, ConnectionError):
    """Connection refused or reset, DNS failure, protocol error."""

    retryable = True


__all__ = [
    "BadContentType",
    "BlockedAddress",
    "BlockedByRobots",
    "DeadlineExceeded",
    "FetchConnectionError",
    "FetchError",
    "FetchTimeoutError",
    "HTTPStatusError",
    "RobotsUnavailable",
    "Skipped",
    "TooLarge",
    "TooManyRedirects",
]
