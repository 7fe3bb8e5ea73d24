"""Data-driven extraction tests: every tests/fixtures/html/<name>.html has <name>.json beside it.

The JSON may hold: ``url``, ``content_type``, ``headers`` (passed to extract_page); ``expect``
(ExtractedPage fields; datetimes as ISO 8601 in UTC, days as YYYY-MM-DD, lists for tuples,
null for None);
``paragraphs`` (exact count of "\\n\\n"-separated paragraphs); ``must_contain`` /
``must_not_contain`` (snippets of the body text); ``text_starts_with``; ``count`` (snippet ->
exact number of occurrences in the text).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from transform.html_extract import extract_page

FIXTURES = Path(__file__).parent / "fixtures" / "html"
CASES = sorted(p.stem for p in FIXTURES.glob("*.html"))


def _load(name: str) -> tuple[bytes, dict]:
    spec = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return (FIXTURES / f"{name}.html").read_bytes(), spec


def _actual(value: object) -> object:
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def test_every_fixture_has_an_expectation() -> None:
    assert len(CASES) >= 20
    missing = [name for name in CASES if not (FIXTURES / f"{name}.json").is_file()]
    assert missing == []


@pytest.mark.parametrize("name", CASES)
def test_fixture(name: str) -> None:
    raw, spec = _load(name)
    page = extract_page(raw, spec.get("url"), content_type=spec.get("content_type"),
                        http_headers=spec.get("headers"))
    for field, expected in spec.get("expect", {}).items():
        assert _actual(getattr(page, field)) == expected, field
    text = page.text
    if "paragraphs" in spec:
        assert len(text.split("\n\n")) == spec["paragraphs"], text
    for snippet in spec.get("must_contain", []):
        assert snippet in text
    for snippet in spec.get("must_not_contain", []):
        assert snippet not in text
    if "text_starts_with" in spec:
        assert text.startswith(spec["text_starts_with"])
    for snippet, times in spec.get("count", {}).items():
        assert text.count(snippet) == times, snippet
    for dt in (page.published_at, page.modified_at):
        assert dt is None or dt.utcoffset() is not None and dt.utcoffset().total_seconds() == 0


@pytest.mark.parametrize("name", CASES)
def test_fixture_as_text_matches_bytes(name: str) -> None:
    """A str input (already decoded) extracts the same page as the bytes."""
    raw, spec = _load(name)
    from_bytes = extract_page(raw, spec.get("url"), http_headers=spec.get("headers"))
    from_text = extract_page(raw.decode("utf-8"), spec.get("url"),
                             http_headers=spec.get("headers"))
    assert from_text == from_bytes
