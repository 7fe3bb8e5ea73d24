"""The WebSub subscriber's HTTP side: read a feed for its hub and self URL, and send a
subscription request to a hub. Both go through the SSRF guard and the fetch limits.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import httpx

from extract.errors import FetchError
from extract.guard import AddressPolicy, check_url
from extract.http import Fetcher, _GuardedTransport
from transform.websub import TopicLinks, discover_links
from wirehouse.settings import Settings


class HubRequestError(Exception):
    """A hub could not be reached or refused a subscription request; says which and why."""


@dataclass(frozen=True)
class Discovered:
    """A feed's WebSub announcement: the topic to subscribe to and its hubs."""

    feed_url: str  # the URL that answered
    topic_url: str  # rel="self", else the feed's URL
    hubs: tuple[str, ...]


async def discover_async(settings: Settings, feed_url: str, *,
                         policy: AddressPolicy | None = None) -> Discovered:
    """Fetch ``feed_url`` and read its hubs and self URL (HTTP Link headers, then the feed's
    own links). Raises FetchError when the feed cannot be fetched."""
    async with Fetcher(settings, policy) as fetcher:
        result = await fetcher.fetch(feed_url, kind="feed")
    links: TopicLinks = discover_links(
        [value for key, value in result.headers if key.lower() == "link"],
        result.body, result.final_url)
    return Discovered(result.final_url, links.self_url or result.final_url, links.hubs)


def discover(settings: Settings, feed_url: str, *,
             policy: AddressPolicy | None = None) -> Discovered:
    return asyncio.run(discover_async(settings, feed_url, policy=policy))


async def send_request_async(settings: Settings, hub_url: str, form: dict[str, str], *,
                             policy: AddressPolicy | None = None) -> int:
    """POST a subscription request to ``hub_url``; returns the hub's 2xx status (the spec's is
    202 Accepted). Raises :class:`HubRequestError` on any other answer or none."""
    policy = policy or AddressPolicy(allow_private=settings.allow_private_hosts)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=0)
    try:
        check_url(hub_url, policy)
        async with httpx.AsyncClient(
            transport=_GuardedTransport(policy, limits),
            timeout=httpx.Timeout(connect=settings.connect_timeout, read=settings.read_timeout,
                                  write=settings.read_timeout, pool=settings.total_timeout),
            follow_redirects=False, trust_env=False,
            headers={"User-Agent": settings.user_agent},
        ) as client:
            response = await asyncio.wait_for(client.post(hub_url, data=form),
                                              settings.total_timeout)
    except FetchError as exc:
        raise HubRequestError(f"hub {hub_url}: {exc}") from None
    except (httpx.HTTPError, TimeoutError, OSError) as exc:
        raise HubRequestError(f"hub {hub_url} unreachable: {exc or type(exc).__name__}") from None
    if not 200 <= response.status_code < 300:
        detail = " ".join(response.text[:200].split())
        raise HubRequestError(f"hub {hub_url} refused the {form.get('hub.mode')} request: "
                              f"HTTP {response.status_code} {detail}".rstrip())
    return response.status_code


def send_request(settings: Settings, hub_url: str, form: dict[str, str], *,
                 policy: AddressPolicy | None = None) -> int:
    return asyncio.run(send_request_async(settings, hub_url, form, policy=policy))


__all__ = ["Discovered", "HubRequestError", "discover", "discover_async", "send_request",
           "send_request_async"]
