"""Merge a page's extraction with its feed entry into the record the warehouse stores."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from transform.fingerprint import content_hash
from transform.records import ArticleRecord, ExtractedPage, FeedEntry
from transform.urls import canonicalize_url, choose_canonical, domain_of

SITE_NAME_MAX = 300  # sources.name is String(300)


class EmptyArticleError(ValueError):
    """The page has no article text worth storing (an index page, a paywall stub, an error page)."""


def build_article_record(
    *,
    fetched_url: str,
    final_url: str,
    page: ExtractedPage,
    entry: FeedEntry | None,
    fetched_at: datetime,
    tracking_params: Sequence[str],
) -> ArticleRecord:
    """The page's own metadata wins; the feed entry fills what the page lacks."""
    text = page.text.strip()
    if not text:
        raise EmptyArticleError(f"no article text found at {final_url}")
    final = canonicalize_url(final_url, tracking_params)
    canonical = choose_canonical(final, page.canonical_url, tracking_params=tracking_params)
    aliases = tuple(
        dict.fromkeys((canonicalize_url(fetched_url, tracking_params), final, canonical))
    )
    title = page.title or (entry.title if entry else "")
    authors = page.authors or (entry.authors if entry else ())
    published = page.published_at or (entry.published_at if entry else None)
    return ArticleRecord(
        url=final,
        canonical_url=canonical,
        domain=domain_of(canonical),
        title=title.strip(),
        author=", ".join(authors),
        published_at=published,
        language=page.language,
        text=text,
        word_count=len(text.split()),
        content_hash=content_hash(text),
        fetched_at=fetched_at,
        aliases=aliases,
        site_name=" ".join((page.site_name or "").split())[:SITE_NAME_MAX] or None,
    )
