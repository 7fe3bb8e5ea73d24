"""What the warehouse should contain after ingesting the demo sites, derived from the corpus.

Nothing here is typed by hand: every value comes from the same article files the server
renders, so the manifest cannot drift from the pages.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC

from protego import Protego

from wirehouse.demo.corpus import Corpus, DemoArticle, default_corpus
from wirehouse.demo.render import canonical_url, feed_link, feed_url, render_robots


@dataclass(frozen=True)
class ExpectedArticle:
    id: str  # "<site>/<slug>"
    site: str
    path: str
    url: str  # the article's own page
    canonical_url: str  # what its rel=canonical says (always its own page)
    feed_url: str  # the link as the feed gives it
    event: str | None  # event key; None for standalone stories
    syndicated_from: str | None  # id of the original when this is a syndicated copy
    has_tracking_params: bool  # the feed link carries utm_* parameters
    is_amp: bool  # the feed link is the AMP variant
    robots_disallowed: bool  # robots.txt forbids the page: it must never be fetched
    title: str
    authors: tuple[str, ...]
    published_at: str  # UTC, ISO 8601
    paragraphs: tuple[str, ...]  # the article text a good extractor returns
    word_count: int


@dataclass(frozen=True)
class ExpectedFeed:
    site: str
    url: str
    kind: str  # "rss2", "rdf", "atom", "error500" or "malformed"


def _robots_disallowed(corpus: Corpus, article: DemoArticle, base_url: str) -> bool:
    parser = Protego.parse(render_robots(corpus.site(article.site)))
    return not parser.can_fetch(canonical_url(base_url, article), "wirehouse")


def expected_articles(base_urls: Mapping[str, str],
                      corpus: Corpus | None = None) -> tuple[ExpectedArticle, ...]:
    """One entry per article, with URLs built on ``base_urls`` (site key to base URL)."""
    corpus = corpus if corpus is not None else default_corpus()
    out = []
    for a in corpus.articles:
        base = base_urls[a.site]
        out.append(ExpectedArticle(
            id=a.id, site=a.site, path=a.path, url=canonical_url(base, a),
            canonical_url=canonical_url(base, a), feed_url=feed_link(base, a), event=a.event,
            syndicated_from=a.syndicated_from, has_tracking_params=a.feed_link == "tracking",
            is_amp=a.feed_link == "amp", robots_disallowed=_robots_disallowed(corpus, a, base),
            title=a.title, authors=a.authors,
            published_at=a.published.astimezone(UTC).isoformat(),
            paragraphs=a.paragraphs, word_count=a.word_count,
        ))
    return tuple(out)


def expected_feeds(base_urls: Mapping[str, str], corpus: Corpus | None = None) -> tuple[ExpectedFeed, ...]:
    corpus = corpus if corpus is not None else default_corpus()
    feeds = []
    for site in corpus.sites:
        base = base_urls[site.key]
        feeds.append(ExpectedFeed(site.key, feed_url(base, site), site.feed_format))
        feeds += [ExpectedFeed(site.key, base + path, kind) for path, kind in site.extra_feeds]
    return tuple(feeds)


def expected_events(corpus: Corpus | None = None) -> dict[str, tuple[str, ...]]:
    """Event key to the ids of its articles (syndicated copies included)."""
    corpus = corpus if corpus is not None else default_corpus()
    events: dict[str, list[str]] = {}
    for a in corpus.articles:
        if a.event is not None:
            events.setdefault(a.event, []).append(a.id)
    return {key: tuple(ids) for key, ids in sorted(events.items())}


def manifest_json(base_urls: Mapping[str, str], corpus: Corpus | None = None) -> str:
    """The whole manifest as JSON, for tools outside Python."""
    return json.dumps({
        "articles": [asdict(a) for a in expected_articles(base_urls, corpus)],
        "feeds": [asdict(f) for f in expected_feeds(base_urls, corpus)],
        "events": expected_events(corpus),
    }, indent=2, ensure_ascii=False)
