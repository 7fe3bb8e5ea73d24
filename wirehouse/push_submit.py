"""Article URLs submitted over Redis: other systems PUBLISH ``{"urls": [...]}`` on
``push_submit_channel`` (format and rules: transform/submission.py) and the listener here puts
them in the push outbox with :func:`wirehouse.push.submit_urls`, the path of `wirehouse push
URL...`; drains then take them like any push. `wirehouse serve` runs a listener in a thread
when ``push_redis_url`` is set; `wirehouse push --listen` runs one alone (with Airflow, whose
``wirehouse_push`` DAG drains what it queues).

Redis pub/sub is at-most-once: a message published while no listener is subscribed (none
running, or Redis restarted and the listener not yet back) is lost. A malformed message is
logged and dropped; a lost connection is retried with a growing pause, up to
``RECONNECT_MAX`` seconds, until stopped.

A listener given a heartbeat file touches it each time it is subscribed and done waiting for a
message (at least every ``_POLL`` seconds while Redis is there):
:func:`wirehouse.push_heartbeat.check_heartbeat`, the health check of `wirehouse push --listen`,
reads its age.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from transform.records import clean_text
from transform.submission import SubmissionError, parse_submission
from wirehouse import push
from wirehouse.redact import mask_secrets
from wirehouse.settings import Settings
from wirehouse.wording import counted

log = logging.getLogger(__name__)

RECONNECT_MIN = 0.5  # seconds before the first attempt to reconnect, doubled each failure
RECONNECT_MAX = 30.0
CLIENT_NAME = "wirehouse-submit"  # the listener's connection in Redis's CLIENT LIST
_POLL = 1.0  # seconds a wait for a message lasts, so a stop is seen within it
_HEALTH_CHECK = 15  # seconds of silence after which the connection is checked with a PING


def check_redis_accepts(settings: Settings) -> None:
    """Raise ConfigError when the Redis at ``push_redis_url`` answers that it refuses what the
    URL asks (a database index it does not have, a wrong user or password): waiting does not
    change that, and the listener retried it for ever, a warning each time. A Redis that cannot
    be reached passes: the listener waits for it to come up."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    from wirehouse.settings import ConfigError

    client = redis.Redis.from_url(
        settings.push_redis_url, socket_connect_timeout=settings.connect_timeout,
        client_name=CLIENT_NAME, retry=Retry(NoBackoff(), 0))
    try:
        client.ping()
    except (redis.ResponseError, redis.AuthenticationError) as exc:
        raise ConfigError(
            f"WIREHOUSE_PUSH_REDIS_URL {mask_secrets(settings.push_redis_url)}: the Redis server "
            f"refuses it: {mask_secrets(str(exc))}"
        ) from None
    except (redis.RedisError, OSError):
        pass  # unreachable for now: the listener retries
    finally:
        client.close()


class SubmissionListener:
    """Subscribes to ``push_submit_channel`` on ``push_redis_url`` and queues the URLs of each
    valid message in the outbox (``on_queued`` hears of it, e.g. to drain at once), touching
    ``heartbeat`` (when given) while subscribed. Run it with :meth:`run` (until :meth:`stop`)
    or in a thread of its own with :meth:`start`."""

    def __init__(self, engine: Engine, settings: Settings,
                 on_queued: Callable[[], None] | None = None,
                 heartbeat: Path | None = None, client_name: str = CLIENT_NAME) -> None:
        """``client_name``: its connection's name in Redis's CLIENT LIST, which tells several
        listeners on one Redis apart."""
        if not settings.push_redis_url:
            raise ValueError("a submission listener needs push_redis_url")
        self._engine = engine
        self._settings = settings
        self._on_queued = on_queued
        self._heartbeat = heartbeat
        self._client_name = client_name
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.dropped = 0  # malformed messages
        self.queued = 0  # URLs put in the outbox

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run, name="push-submit", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End :meth:`run` within ``_POLL`` seconds. Safe in a signal handler of the thread that
        runs it: it takes no lock (setting a threading.Event takes the Event's, which a wait of
        that same thread may hold when the signal lands, and the handler then never returns)."""
        self._stopping = True
        if self._thread is not None:
            self._thread.join()

    def run(self) -> None:
        """Listen until stopped, reconnecting whenever Redis goes away."""
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        pause = RECONNECT_MIN
        where = f"{self._settings.push_submit_channel} on {mask_secrets(self._settings.push_redis_url)}"
        while not self._stopping:
            client = redis.Redis.from_url(
                self._settings.push_redis_url,
                socket_connect_timeout=self._settings.connect_timeout,
                health_check_interval=_HEALTH_CHECK, client_name=self._client_name,
                retry=Retry(NoBackoff(), 0))  # reconnecting (and resubscribing) is done here
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            subscribed = False
            try:
                pubsub.subscribe(self._settings.push_submit_channel)
                subscribed = True
                log.info("listening for URL submissions on %s", where)
                pause = RECONNECT_MIN
                while not self._stopping:
                    message = pubsub.get_message(timeout=_POLL)
                    if message is not None and message.get("type") == "message":
                        self.handle(message["data"])
                    self._beat()
            except (redis.RedisError, OSError) as exc:
                log.warning("URL submissions on %s: %s (%s); retrying in %.1f s", where,
                            "connection lost" if subscribed else "cannot connect",
                            mask_secrets(str(exc)), pause)
                self._pause(pause)
                pause = min(pause * 2, RECONNECT_MAX)
            finally:
                _close(pubsub, client)

    def _pause(self, seconds: float) -> None:
        """Wait ``seconds`` before reconnecting, or until stopped."""
        deadline = time.monotonic() + seconds
        while not self._stopping and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, _POLL))

    def _beat(self) -> None:
        if self._heartbeat is None:
            return
        try:
            self._heartbeat.touch()
        except OSError as exc:  # the health check reports the stale file; listening goes on
            log.warning("heartbeat %s not written: %s", self._heartbeat, exc)

    def handle(self, data: Any) -> list[int]:
        """Queue one message's URLs; the outbox rows made (none for a dropped message)."""
        try:
            urls = parse_submission(data if isinstance(data, bytes | str) else repr(data),
                                    self._settings.push_submit_max_urls,
                                    self._settings.push_submit_max_bytes,
                                    self._settings.tracking_params)
        except SubmissionError as exc:
            self.dropped += 1
            log.warning("URL submission on %s dropped: %s", self._settings.push_submit_channel,
                        clean_text(str(exc), 500))
            return []
        try:
            ids = push.submit_urls(self._engine, self._settings, urls)
        except Exception:  # the listener outlives a warehouse error; the message is lost
            log.exception("URL submission of %s on %s not stored", counted(len(urls), "URL"),
                          self._settings.push_submit_channel)
            return []
        self.queued += len(ids)
        log.info("queued %s in the push outbox", counted(len(ids), "submitted URL"))
        if self._on_queued is not None:
            self._on_queued()
        return ids


def _close(pubsub: Any, client: Any) -> None:
    import redis

    for thing in (pubsub, client):
        try:
            thing.close()
        except (redis.RedisError, OSError):
            log.debug("closing a lost Redis connection failed", exc_info=True)


__all__ = [
    "CLIENT_NAME",
    "RECONNECT_MAX",
    "RECONNECT_MIN",
    "SubmissionListener",
]
