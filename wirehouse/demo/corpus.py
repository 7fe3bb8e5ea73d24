"""Load the bundled demo corpus: ``corpus/sites.yaml`` and one YAML file per article.

Articles live in ``corpus/articles/<site>/<slug>.yaml``; the article id is ``<site>/<slug>``.
A syndicated copy names its original (``syndicated_from``) and how many of its paragraphs it
keeps; its text, title and byline are taken from the original so nothing is typed twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

CORPUS_DIR = Path(__file__).parent / "corpus"

TEMPLATES = ("jsonld", "opengraph", "microdata", "oddbyline")
FEED_FORMATS = ("rss2", "rdf", "atom")
FEED_LINK_KINDS = ("plain", "tracking", "amp")
EXTRA_FEED_KINDS = ("error500", "malformed")


class CorpusError(ValueError):
    """The corpus data is inconsistent; the message names the file and field."""


@dataclass(frozen=True)
class DemoSite:
    key: str
    name: str
    template: str  # one of TEMPLATES
    language: str
    feed_format: str  # one of FEED_FORMATS
    feed_path: str
    path_pattern: str  # str.format fields: yyyy, mm, dd, slug, section
    disallow: tuple[str, ...]  # robots.txt Disallow lines for every user agent
    gzip: bool  # compress responses when the client accepts gzip
    extra_feeds: tuple[tuple[str, str], ...]  # (path, kind) with kind in EXTRA_FEED_KINDS
    tagline: str
    sections: tuple[str, ...]
    cookie_notice: str
    newsletter: str
    copyright_holder: str
    comments: tuple[tuple[str, str], ...]  # (commenter, text) pool for comment sections


@dataclass(frozen=True)
class DemoArticle:
    id: str  # "<site>/<slug>"
    site: str
    slug: str
    path: str
    title: str
    authors: tuple[str, ...]
    published: datetime  # tz-aware, in the zone the site publishes in
    event: str | None
    section: str
    summary: str
    paragraphs: tuple[str, ...]
    image_caption: str
    image_credit: str
    feed_link: str  # one of FEED_LINK_KINDS
    syndicated_from: str | None  # article id of the original

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


@dataclass(frozen=True)
class Corpus:
    sites: tuple[DemoSite, ...]
    articles: tuple[DemoArticle, ...]

    def site(self, key: str) -> DemoSite:
        for site in self.sites:
            if site.key == key:
                return site
        raise CorpusError(f"no site {key!r} in the corpus")

    def article(self, article_id: str) -> DemoArticle:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise CorpusError(f"no article {article_id!r} in the corpus")

    @cached_property
    def _by_site(self) -> dict[str, tuple[DemoArticle, ...]]:
        grouped: dict[str, list[DemoArticle]] = {site.key: [] for site in self.sites}
        for article in sorted(self.articles, key=lambda a: a.published, reverse=True):
            grouped[article.site].append(article)
        return {key: tuple(items) for key, items in grouped.items()}

    def articles_of(self, site_key: str) -> tuple[DemoArticle, ...]:
        """A site's articles, newest first (feed and home page order)."""
        return self._by_site[site_key]


def _require(data: dict[str, Any], key: str, where: str) -> Any:
    if key not in data or data[key] in (None, ""):
        raise CorpusError(f"{where}: missing {key!r}")
    return data[key]


def _choice(value: str, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise CorpusError(f"{where}: {value!r} is not one of {allowed}")
    return value


def _load_site(key: str, data: dict[str, Any]) -> DemoSite:
    where = f"sites.yaml:{key}"
    extra = tuple(
        (str(_require(item, "path", where)), _choice(str(item.get("kind")), EXTRA_FEED_KINDS, where))
        for item in data.get("extra_feeds", ())
    )
    return DemoSite(
        key=key,
        name=_require(data, "name", where),
        template=_choice(_require(data, "template", where), TEMPLATES, where),
        language=_require(data, "language", where),
        feed_format=_choice(_require(data, "feed_format", where), FEED_FORMATS, where),
        feed_path=_require(data, "feed_path", where),
        path_pattern=_require(data, "path_pattern", where),
        disallow=tuple(data.get("disallow", ())),
        gzip=bool(data.get("gzip", False)),
        extra_feeds=extra,
        tagline=_require(data, "tagline", where),
        sections=tuple(_require(data, "sections", where)),
        cookie_notice=_require(data, "cookie_notice", where),
        newsletter=_require(data, "newsletter", where),
        copyright_holder=_require(data, "copyright_holder", where),
        comments=tuple((c["name"], c["text"]) for c in _require(data, "comments", where)),
    )


def _paragraphs(body: str) -> tuple[str, ...]:
    return tuple(" ".join(block.split()) for block in body.split("\n\n") if block.strip())


def _parse_time(raw: object, where: str) -> datetime:
    try:
        value = datetime.fromisoformat(str(raw))
    except ValueError:
        raise CorpusError(f"{where}: published {raw!r} is not ISO 8601") from None
    if value.tzinfo is None:
        raise CorpusError(f"{where}: published {raw!r} has no UTC offset")
    return value


def _load_article(path: Path, site: DemoSite, raw: dict[str, Any]) -> dict[str, Any]:
    """The article's own fields; syndicated copies are completed in a second pass."""
    where = str(path.relative_to(path.parents[2]))
    slug = path.stem
    published = _parse_time(_require(raw, "published", where), where)
    fields: dict[str, Any] = {
        "id": f"{site.key}/{slug}",
        "site": site.key,
        "slug": slug,
        "published": published,
        "event": raw.get("event"),
        "feed_link": _choice(raw.get("feed_link", "plain"), FEED_LINK_KINDS, where),
        "syndicated_from": raw.get("syndicated_from"),
        "keep_paragraphs": raw.get("keep_paragraphs"),
        "image_caption": raw.get("image_caption", ""),
        "image_credit": raw.get("image_credit", ""),
        "where": where,
    }
    if fields["syndicated_from"] is None:
        fields.update(
            title=_require(raw, "title", where),
            authors=tuple(_require(raw, "authors", where)),
            section=_require(raw, "section", where),
            summary=" ".join(str(_require(raw, "summary", where)).split()),
            paragraphs=_paragraphs(_require(raw, "body", where)),
        )
    elif "body" in raw or "title" in raw:
        raise CorpusError(f"{where}: a syndicated copy takes its title and body from the original")
    fields["raw_path"] = raw.get("path")
    return fields


def _article_path(site: DemoSite, fields: dict[str, Any]) -> str:
    if fields["raw_path"]:
        return str(fields["raw_path"])
    day = fields["published"]
    return site.path_pattern.format(
        yyyy=f"{day.year:04d}", mm=f"{day.month:02d}", dd=f"{day.day:02d}",
        slug=fields["slug"], section=fields["section"].lower(),
    )


def _complete_copies(items: dict[str, dict[str, Any]], sites: dict[str, DemoSite]) -> None:
    for fields in items.values():
        original_id = fields["syndicated_from"]
        if original_id is None:
            continue
        original = items.get(original_id)
        if original is None or original["syndicated_from"] is not None:
            raise CorpusError(f"{fields['where']}: syndicated_from {original_id!r} is not an original")
        keep = fields["keep_paragraphs"]
        if not isinstance(keep, int) or not 0 < keep < len(original["paragraphs"]):
            raise CorpusError(f"{fields['where']}: keep_paragraphs must trim the original's ending")
        note = f"This story first appeared in the {sites[original['site']].name}."
        fields.update(
            title=original["title"],
            authors=original["authors"],
            section=original["section"],
            summary=original["summary"],
            paragraphs=original["paragraphs"][:keep] + (note,),
        )


def load_corpus(corpus_dir: Path = CORPUS_DIR) -> Corpus:
    """Read and check every site and article under ``corpus_dir``."""
    with open(corpus_dir / "sites.yaml", encoding="utf-8") as fh:
        site_data = yaml.safe_load(fh)
    sites = {key: _load_site(key, data) for key, data in site_data.items()}
    items: dict[str, dict[str, Any]] = {}
    for path in sorted((corpus_dir / "articles").glob("*/*.yaml")):
        site_key = path.parent.name
        if site_key not in sites:
            raise CorpusError(f"{path}: folder {site_key!r} is not a site in sites.yaml")
        with open(path, encoding="utf-8") as fh:
            fields = _load_article(path, sites[site_key], yaml.safe_load(fh))
        items[fields["id"]] = fields
    _complete_copies(items, sites)
    articles = []
    seen_paths: set[tuple[str, str]] = set()
    for fields in items.values():
        site = sites[fields["site"]]
        path = _article_path(site, fields)
        if (site.key, path) in seen_paths:
            raise CorpusError(f"{fields['where']}: path {path} is used twice on {site.key}")
        seen_paths.add((site.key, path))
        articles.append(DemoArticle(
            id=fields["id"], site=site.key, slug=fields["slug"], path=path,
            title=fields["title"], authors=fields["authors"], published=fields["published"],
            event=fields["event"], section=fields["section"], summary=fields["summary"],
            paragraphs=fields["paragraphs"], image_caption=fields["image_caption"],
            image_credit=fields["image_credit"], feed_link=fields["feed_link"],
            syndicated_from=fields["syndicated_from"],
        ))
    return Corpus(sites=tuple(sites.values()), articles=tuple(articles))


@lru_cache(maxsize=1)
def default_corpus() -> Corpus:
    """The bundled corpus, read once per process."""
    return load_corpus(CORPUS_DIR)
