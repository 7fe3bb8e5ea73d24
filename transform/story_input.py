"""The plain records clustered by :func:`load.stories.cluster_records` (and `wirehouse cluster`),
checked one by one: id, title, text, published_at, source and language.

Light on purpose (``datetime`` only): `wirehouse cluster` checks each line as it reads it, so a
bad record is reported with its file and line before the clustering's imports (seconds) load.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


class StoryInputError(ValueError):
    """A record given to :func:`load.stories.cluster_records` lacks a field or has a malformed
    one."""


@dataclass(frozen=True)
class StoryRecord:
    """A record's fields, each of the type it must have."""

    record_id: str
    title: str
    source: str
    text: str
    language: str | None
    published_at: datetime


def checked_story_record(record: dict, window_days: float) -> StoryRecord:
    """``record``'s fields, checked: a number or a title where a string belongs is a mistake in
    the input, not something to coerce; ``window_days`` is the event window its time needs."""
    if "id" not in record:
        raise StoryInputError(f"record lacks field 'id': {record!r:.200}")
    raw_id = record["id"]
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or raw_id == "":
        raise StoryInputError(f"record {raw_id!r:.80}: id must be a string or a whole number")
    record_id = str(raw_id)
    for name in ("title", "source"):
        if name not in record:
            raise StoryInputError(f"record lacks field {name!r}: {record!r:.200}")
        if not isinstance(record[name], str):
            raise StoryInputError(f"record {record_id!r}: {name} must be a string")
    for name in ("text", "language"):
        if record.get(name) is not None and not isinstance(record[name], str):
            raise StoryInputError(f"record {record_id!r}: {name} must be a string or null")
    return StoryRecord(
        record_id=record_id,
        title=record["title"],
        source=record["source"],
        text=record.get("text") or "",
        language=record.get("language"),
        published_at=_published_at(record.get("published_at"), record_id, window_days),
    )


def _published_at(value: object, record_id: str, window_days: float) -> datetime:
    """A record's published_at, UTC when it names no zone; its event window (``window_days``
    either side, in UTC) must lie within the years 1 to 9999 that times can be stored in."""
    if not isinstance(value, str) or not value:
        raise StoryInputError(f"record {record_id!r}: published_at must be an ISO string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise StoryInputError(f"record {record_id!r}: bad published_at {value!r}") from None
    moment = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed
    window = timedelta(days=window_days)
    try:
        in_utc = moment.astimezone(UTC)
        in_utc - window, in_utc + window
    except OverflowError:
        raise StoryInputError(
            f"record {record_id!r}: published_at {value!r} is out of range: its event window "
            f"({window_days:g} days either side, in UTC) leaves the years 1 to 9999"
        ) from None
    return moment


__all__ = ["StoryInputError", "StoryRecord", "checked_story_record"]
