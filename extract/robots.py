"""robots.txt per RFC 9309, parsed with protego, fetched once per host per run.

* 2xx: the rules apply (only the first 512 KiB are parsed, as the RFC allows);
* 4xx other than 429: no rules, everything is allowed;
* 429, 5xx, a network error, a timeout or a refused address: the host is treated as completely
  disallowed for the rest of the run (RFC 9309 section 2.3.1.4; 429 is treated like 5xx, as the
  server is asking us to go away).

Only article pages obey robots. Feeds are fetched regardless: a feed is published precisely for
automated readers, feed readers conventionally ignore robots.txt, and the subscriber list is a
human decision. The ``Crawl-delay`` of the group matching our product token raises that host's
request spacing (capped at ``max_crawl_delay``) for pages and feeds alike.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from extract.encoding import decode_text
from extract.errors import BlockedByRobots, FetchError, HTTPStatusError, RobotsUnavailable
from extract.http import AttemptCallback, Fetcher

ROBOTS_MAX_BYTES = 512 * 1024


@dataclass(frozen=True)
class RobotsPolicy:
    """The rules of one host. ``unavailable`` means nothing may be fetched this run."""

    rules: Protego | None = None
    unavailable: str | None = None  # why, when robots.txt could not be read

    def allowed(self, url: str, user_agent: str) -> bool:
        if self.unavailable is not None:
            return False
        if self.rules is None:
            return True
        return bool(self.rules.can_fetch(url, product_token(user_agent)))

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.rules is None:
            return None
        delay = self.rules.crawl_delay(product_token(user_agent))
        return float(delay) if delay is not None else None


def product_token(user_agent: str) -> str:
    """``wirehouse/0.1.0 (+https://...)`` -> ``wirehouse``: robots groups match on this."""
    return user_agent.split("/", 1)[0].split()[0].strip().lower() if user_agent.strip() else "*"


def parse_robots(body: bytes, content_type: str | None = None) -> RobotsPolicy:
    return RobotsPolicy(rules=Protego.parse(decode_text(body[:ROBOTS_MAX_BYTES], content_type)))


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def policy_for_error(error: FetchError) -> RobotsPolicy:
    """What a failed robots.txt fetch means for the host (module docstring)."""
    if isinstance(error, HTTPStatusError) and 400 <= error.status_code < 500 \
            and error.status_code != 429:
        return RobotsPolicy()
    return RobotsPolicy(unavailable=str(error))


class RobotsCache:
    """robots.txt of each origin, fetched at most once per run even under concurrency."""

    def __init__(self, fetcher: Fetcher, max_crawl_delay: float) -> None:
        self._fetcher = fetcher
        self._max_crawl_delay = max_crawl_delay
        self._policies: dict[str, asyncio.Task[RobotsPolicy]] = {}

    async def policy(self, url: str, on_attempt: AttemptCallback | None = None) -> RobotsPolicy:
        key = robots_url(url)
        task = self._policies.get(key)
        if task is None:
            task = asyncio.ensure_future(self._load(key, on_attempt))
            self._policies[key] = task
        return await asyncio.shield(task)

    async def check(self, url: str, on_attempt: AttemptCallback | None = None) -> None:
        """Raise :class:`BlockedByRobots` (or :class:`RobotsUnavailable`) unless allowed."""
        policy = await self.policy(url, on_attempt)
        if policy.unavailable is not None:
            raise RobotsUnavailable(url, f"robots.txt unavailable: {policy.unavailable}")
        if not policy.allowed(url, self._fetcher.settings.user_agent):
            raise BlockedByRobots(url, "disallowed by robots.txt")

    async def _load(self, key: str, on_attempt: AttemptCallback | None) -> RobotsPolicy:
        try:
            result = await self._fetcher.fetch(key, kind="robots", on_attempt=on_attempt)
        except FetchError as exc:
            return policy_for_error(exc)
        policy = parse_robots(result.body, result.content_type)
        delay = policy.crawl_delay(self._fetcher.settings.user_agent)
        if delay is not None:
            self._fetcher.set_host_delay(key, min(delay, self._max_crawl_delay))
        return policy


__all__ = [
    "ROBOTS_MAX_BYTES",
    "RobotsCache",
    "RobotsPolicy",
    "parse_robots",
    "policy_for_error",
    "product_token",
    "robots_url",
]
