"""The message other systems publish on the Redis submission channel (``push_submit_channel``)
to have article URLs ingested, and its rules, as a pure function.

A message is a JSON object (UTF-8, at most ``max_bytes`` bytes) whose member ``urls`` is a
list of 1 to ``max_urls`` absolute http(s) URLs, each a string of at most ``MAX_URL_CHARS``
characters: ``{"urls": ["https://news.example/a.html"]}``. Other members are ignored. A
message breaking any rule is refused whole (no URL of it is taken), so a sender never has half
a message ingested.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from urllib.parse import urlsplit

from transform.records import clean_text
from transform.urls import canonicalize_url

MAX_URL_CHARS = 2048


class SubmissionError(ValueError):
    """A submission message breaks the format; the message says how."""


def _shown(value: object) -> str:
    return clean_text(repr(value), 120)


def parse_submission(
    data: bytes | str, max_urls: int, max_bytes: int, tracking_params: Sequence[str]
) -> tuple[str, ...]:
    """The canonical article URLs of one submission message, each once, in message order.
    Raises SubmissionError naming the first rule broken."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if len(raw) > max_bytes:
        raise SubmissionError(f"message of {len(raw)} bytes is over the limit of {max_bytes}")
    try:
        message = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SubmissionError("message is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise SubmissionError(f"message is not JSON: {exc.msg} at character {exc.pos}") from None
    if not isinstance(message, dict):
        raise SubmissionError(f"message is a JSON {type(message).__name__}, not an object")
    if "urls" not in message:
        raise SubmissionError('message has no "urls" member')
    urls = message["urls"]
    if not isinstance(urls, list):
        raise SubmissionError(f'"urls" is a {type(urls).__name__}, not a list')
    if not urls:
        raise SubmissionError('"urls" is empty')
    if len(urls) > max_urls:
        raise SubmissionError(f'"urls" has {len(urls)} entries, over the limit of {max_urls}')
    canonical: dict[str, None] = {}
    for index, url in enumerate(urls):
        if not isinstance(url, str):
            raise SubmissionError(f"urls[{index}] is not a string: {_shown(url)}")
        if len(url) > MAX_URL_CHARS:
            raise SubmissionError(f"urls[{index}] is over {MAX_URL_CHARS} characters")
        try:
            parts = urlsplit(url)
            if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
                raise SubmissionError(
                    f"urls[{index}] is not an absolute http(s) URL: {_shown(url)}"
                )
            canonical.setdefault(canonicalize_url(url, tracking_params), None)
        except SubmissionError:
            raise
        except ValueError as exc:  # InvalidURLError, or urlsplit's own (a bad port, a bad [])
            raise SubmissionError(
                f"urls[{index}] is not a valid URL: {_shown(url)} ({clean_text(str(exc), 200)})"
            ) from None
    return tuple(canonical)


__all__ = ["MAX_URL_CHARS", "SubmissionError", "parse_submission"]
