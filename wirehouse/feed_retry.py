"""`wirehouse feeds retry`: failing feeds made due at the next run, their back-off cut short.

A feed that failed is skipped until its back-off ends (``WIREHOUSE_FEED_FAILURE_BACKOFF_HOURS``,
doubling up to 48 hours). When the operator knows the cause is gone (a site back up, a proxy
fixed, the demo served again), waiting for it helps no one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Engine, select, update

from load import db
from load.models import Feed


def end_backoff(engine: Engine, urls: Sequence[str]) -> list[str]:
    """End the back-off of the active feeds at ``urls`` (of every active feed, when empty), so
    the next run fetches them; the URLs whose back-off ended, in order. The failure streak is
    kept: a feed that fails again backs off as long as it would have, and stays failing in
    `feeds list` until a fetch succeeds.

    Raises LookupError naming the URLs that are no active feed: retrying them would do nothing.
    """
    now = datetime.now(UTC)
    with db.session_scope(engine) as session:
        if urls:
            active = set(session.scalars(select(Feed.url).where(Feed.active, Feed.url.in_(urls))))
            unknown = [url for url in urls if url not in active]
            if unknown:
                raise LookupError(f"no active feed at {', '.join(unknown)}")
        waiting = [Feed.active, Feed.next_fetch_at > now]
        if urls:
            waiting.append(Feed.url.in_(urls))
        ended = list(session.scalars(select(Feed.url).where(*waiting).order_by(Feed.url)))
        session.execute(update(Feed).where(*waiting).values(next_fetch_at=None))
    return ended
