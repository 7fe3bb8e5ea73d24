"""Page metadata from the raw sources one walk collected.

Precedence, first source with a usable value wins:

- title: JSON-LD ``headline``, ``og:title``, ``twitter:title``, the first ``<h1>``, ``<title>``
  (:func:`choose_title`: a source naming only the site, a headline that does not agree with
  the page's ``<title>``/og:title and a one-word logo ``<h1>`` are passed over); a site suffix
  or prefix ("Headline | Site", "Site - Headline", "見出し｜サイト", "【Site】Headline") is
  stripped when one side is the site name, the page's domain or its logo heading; when another
  source (the ``<h1>``, og:title, one of the first ``<h2>``) states one run of segments on its
  own, that run is the title, and a date segment before or after the headline is dropped, as
  is a trailing segment without letters or digits ("☆☆☆☆☆").
- published: JSON-LD ``datePublished`` (article objects, then WebPage objects; scripts wrapped
  in CDATA or comments are read), ``article:published_time`` (and og:/other article meta),
  other meta tags (``pubdate``, ``dc.date``, ``parsely-pub-date``, ...), microdata
  ``itemprop=datePublished`` (then ``dateCreated``), ``<time pubdate>`` then the first
  ``<time>``, the URL date pattern, then a date-classed element ("entry-date", "post-meta",
  hAtom ``abbr.published``), read in words when need be (elements inside comments, related
  lists, sidebars and teasers are other items'; such a class on the layout around the
  ``<h1>`` is not), then a date line in the visible text around the headline (a short line
  or a paragraph's start; one saying "updated"/"Stand" only when no other states a date).
  Every value must state day, month and year. Modified: the same chain
  with the modified names (no URL or date-classed fallback).
- published day (:func:`publication_day`): the calendar day of that value in the zone it is
  written in (a value without an offset is the publisher's wall clock); a moment given in UTC
  takes the day another published value or the URL states for it.
- language: ``<html lang>``, the HTTP ``Content-Language`` header, ``<meta http-equiv>``,
  ``og:locale``, JSON-LD ``inLanguage``, then detection on the body text.
- canonical URL: ``<link rel=canonical>``, ``og:url``, JSON-LD ``url``/``mainEntityOfPage``.
- authors: JSON-LD ``author``, microdata ``itemprop=author``, ``meta name=author``,
  ``article:author`` (names only, not profile URLs), ``rel=author`` and byline/author-classed
  elements, then a credit line ("Reporting by A; additional reporting by B"). Names lose "By",
  roles, dates, handles and labels, and are split on "and", "&" and commas.
- site name: ``og:site_name``, JSON-LD ``publisher.name``, ``application-name``.
- top image: ``og:image`` (secure URL first), ``twitter:image``, JSON-LD ``image``,
  ``<link rel=image_src>``, microdata ``image``, the first ``<img>`` from the headline on.
- section: ``article:section`` and similar meta, JSON-LD ``articleSection``; keywords:
  ``article:tag``, ``news_keywords``, ``keywords`` meta, JSON-LD ``keywords`` (merged, deduplicated).

All datetimes are UTC (:mod:`transform.html_dates`); URLs are made absolute against the
canonical URL or the fetch URL, and only http(s) URLs are returned.
"""

from __future__ import annotations

import html
import json
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urljoin, urlsplit

from bs4 import Tag

from transform.html_dates import stated_date, text_date, to_utc, url_date
from transform.html_lang import detect_language, normalize_language
from transform.html_walk import Container, Walk
from transform.records import ExtractedPage

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenews",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "socialmediaposting",
        "liveblogposting",
        "techarticle",
        "scholarlyarticle",
        "webpage",
        "report",
        "posting",
        "askpublicnewsarticle",
        "satiricalarticle",
        "medicalwebpage",
    }
)
_PAGE_TYPES = frozenset({"webpage", "medicalwebpage"})
# Microdata properties naming a recipe's ingredients (recipeIngredient, formerly ingredients).
_RECIPE_PROPS = ("recipeingredient", "ingredients")
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "citation_publication_date",
    "date",
    "article_date_original",
    "cxenseparse:recs:publishtime",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "article:modified",
    "og:article:modified_time",
    "modified_time",
    "datemodified",
    "lastmod",
    "last-modified",
    "article.updated",
    "dcterms.modified",
    "dc.date.modified",
    "updated_time",
)
# Title segments: separators with spaces around them; full-width ones and 【】 brackets (CJK
# titles) also without; ASCII "|", "-" and "_" without spaces only next to a CJK character.
_TITLE_SEPARATORS = re.compile(
    r"\s+[|\-–—:·•»›/~]\s+|\s+::\s+|\s*[｜︱丨－―]\s*|\s*[【】]\s*"
    r"|(?<=[\u3000-\u9fff\uac00-\ud7af\uff01-\uff5e])\s*[|_\-–—]\s*"
    r"|\s*[|_\-–—]\s*(?=[\u3000-\u9fff\uac00-\ud7af])"
)
# Words for comparing titles: each character of a script written without spaces is one.
_TITLE_WORDS = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]"
    r"|[^\W_\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]+"
)
_ENDS_IN_NUMBER = re.compile(r"\d\.?\s*$")
_LD_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")
# Classes and ids of elements stating a page's date in words ("Posted on 5. März 2021").
_DATE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:date|datum|fecha|data|published|pubdate|posted"
    r"|postdate|post-date|entry-date|dateline|timestamp|time|created|meta"
    r"|byline|datetime|date-header|article-date|postmeta|post-meta)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)
# Ancestors whose dates are not the page's: a class word naming comments, related or recent
# items, a sidebar or a teaser ("comment-block", "related_posts"; not "no-sidebar").
_DATE_CONTEXT_JUNK = re.compile(
    r"(?:^|\s)(?!no-|has-|with-)[\w-]*?(?:^|[_-]|\b)(?:comments?"
    r"|commentlist|related|sidebar|recent|teaser)(?:$|[_\s-])",
    re.IGNORECASE,
)
# Elements that hold a date line, not a page section around it.
_DATE_HOLDERS_NOT = frozenset(
    {
        "html",
        "body",
        "article",
        "main",
        "section",
        "input",
        "script",
        "style",
        "img",
        "meta",
        "link",
        "select",
        "option",
        "form",
        "ul",
        "ol",
        "table",
        "tbody",
        "nav",
        "header",
        "footer",
        "aside",
    }
)
_DATE_ELEMENTS_EXAMINED = 40
_SUBHEADS = 3  # <h2> headings that may state which segment of the <title> is the headline
# A numeric date with the year last and both other numbers up to 12: day or month first?
_AMBIGUOUS_NUMERIC = re.compile(r"(?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)\d{2}\b")
_OWN_TIMES = 3  # <time> elements outside other items' blocks examined for the published date
# Visible date lines (_line_date): blocks examined from the headline on, what counts as a
# short line, and how much of a longer paragraph's start can hold a dateline.
_LINE_DATE_BLOCKS = 200
_LINE_DATE_CHARS = 160
_DATE_LEAD_CHARS = 40
_DATELINE_BLOCKS = 2  # blocks right below and above the headline that may hold its dateline
_UPDATED_WORDS = re.compile(
    r"\b(?:updated?|aktualisiert|geändert|stand|last\s+edited|modifi"
    r"|mis\s+à\s+jour|actualizad|aggiornat)",
    re.IGNORECASE,
)
_DATE_HOLDER_NODES = 60
_BLOCKS_INSIDE = frozenset(
    {"p", "h1", "h2", "h3", "article", "section", "ul", "ol", "table", "div"}
)
_BY_PREFIX = re.compile(
    r"^\s*(?:written\s+by|posted\s+by|reported\s+by|by|von|par|por|di|door"
    r"|av|autor(?:in)?|author)\s*[:\-]?\s+",
    re.IGNORECASE,
)
_AUTHOR_SPLIT = re.compile(
    r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\||/)\s*", re.IGNORECASE
)
_AUTHOR_JUNK = re.compile(
    r"\d|@|https?:|www\.|\b(?:updated|published|posted|staff|min read"
    r"|am|pm|gmt|utc|edt|est)\b",
    re.IGNORECASE,
)
# A credit line ending an article, and the reporters in it.
CREDIT_LINE = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|reported|writing|written|words)"
    r"\s+by\s",
    re.IGNORECASE,
)
_CREDIT_PART = re.compile(
    r"(?:^|[;.(]\s*)(?:additional\s+)?(?:reporting|reported|writing|written"
    r"|words)\s+by\s+([^;.()]+)",
    re.IGNORECASE,
)
# Labels that bylines put before or between names.
_LABELS = frozenset(
    {
        "words",
        "text",
        "author",
        "authors",
        "by",
        "written by",
        "reporter",
        "reporters",
        "contributor",
        "contributors",
        "writer",
    }
)
# Where a byline stops being names: "By Jane Doe Updated 10:30 AM" or "Jane Doe 4 March".
_AUTHOR_TAIL = re.compile(
    r"\s*\b(?:updated|published|posted|last\s+updated)\b|\s+\d", re.IGNORECASE
)
_ROLE_SUFFIX = re.compile(
    r"\s*[,|–—-]\s*(?:[\w.]+\s+){0,3}(?:writer|reporter|correspondent|"
    r"editor|contributor|columnist|journalist|photographer|producer)\b.*$"
    r"|\s*[,|–—-]\s*(?:for|at)\s+.+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Metadata:
    """Metadata fields of an :class:`ExtractedPage`, plus JSON-LD ``articleBody`` if any."""

    title: str = ""
    authors: tuple[str, ...] = ()
    published_at: datetime | None = None
    published_on: date | None = None
    modified_at: datetime | None = None
    language: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    top_image: str | None = None
    section: str | None = None
    keywords: tuple[str, ...] = ()
    article_body: str = ""
    # A recipe's ingredients and steps (JSON-LD), then its microdata ingredients, in order.
    recipe_lines: tuple[str, ...] = ()

    def page(self, text: str) -> ExtractedPage:
        """The :class:`ExtractedPage` with body ``text``; an undeclared language is detected
        from the text (or the title when there is no text)."""
        return ExtractedPage(
            title=self.title,
            authors=self.authors,
            published_at=self.published_at,
            published_on=self.published_on,
            modified_at=self.modified_at,
            language=self.language or detect_language(text or self.title),
            canonical_url=self.canonical_url,
            site_name=self.site_name,
            text=text,
            top_image=self.top_image,
            section=self.section,
            keywords=self.keywords,
        )


def _ld_objects(raw_scripts: Iterable[str]) -> Iterator[dict[str, object]]:
    """Every JSON object in the JSON-LD scripts, flattening lists and ``@graph``; iterative.
    A script wrapped in ``<![CDATA[ ... ]]>`` or an HTML comment (with or without ``//`` in
    front of the markers, as XHTML pages write them) is read as the JSON inside."""
    pending: deque[object] = deque()
    for raw in raw_scripts:
        try:
            pending.append(json.loads(_LD_WRAPPER.sub("", raw).strip().rstrip(";")))
        except (ValueError, RecursionError):  # not JSON, or nested too deep for the decoder
            continue
    while pending:
        item = pending.popleft()
        if isinstance(item, list):
            pending.extendleft(reversed(item))
        elif isinstance(item, dict):
            graph = item.get("@graph")
            if isinstance(graph, list):
                pending.extendleft(reversed(graph))
            yield item


def _types(obj: dict[str, object]) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.lower() for v in values if isinstance(v, str)}


def _first_str(value: object) -> str:
    """A string from a JSON-LD value that may be a string, list or object with a name/url."""
    for item in value if isinstance(value, list) else [value]:  # one level of list only
        if isinstance(item, str) and item.strip():
            return item.strip()
        if isinstance(item, dict):
            for key in ("url", "name", "@id", "contentUrl"):
                found = item.get(key)
                if isinstance(found, str) and found.strip():
                    return found.strip()
    return ""


def _names(value: object) -> list[str]:
    """Author names from a JSON-LD author value (string, object, or a list of them)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            names.append(item["name"])  # type: ignore[arg-type]
    return names


def clean_authors(raw_names: Iterable[str]) -> tuple[str, ...]:
    """Names without "By", roles, dates, handles or URLs; split on "and"/","; de-duplicated."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in raw_names:
        text = re.sub(r"\s+", " ", raw).strip()
        if not text or text.lower().startswith(("http:", "https:")):
            continue
        text = _BY_PREFIX.sub("", _AUTHOR_TAIL.split(text, maxsplit=1)[0])
        text = _ROLE_SUFFIX.sub("", text)
        for part in _AUTHOR_SPLIT.split(text):
            name = _BY_PREFIX.sub("", part).strip(" .:-–—")
            if (
                not name
                or name.casefold() in _LABELS
                or _AUTHOR_JUNK.search(name)
                or len(name) > 60
            ):
                continue
            if len(name.split()) > 5 or not any(ch.isupper() for ch in name[:1]):
                continue
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                out.append(name)
    return tuple(out)


def credit_names(text: str) -> str:
    """The reporters named in a credit line, as one comma-separated string: "Reporting by A;
    additional reporting by B and C. Editing by D" gives "A, B and C" (editors are left out)."""
    names = [m.group(1) for m in _CREDIT_PART.finditer(text)]
    return ", ".join(name.strip() for name in names)


def strip_site_name(title: str, site_name: str | None, url: str | None, logo: str = "") -> str:
    """``title`` without a leading or trailing site name segment (``logo``: a heading found to
    name the site)."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title.strip()
    markers = _site_markers(site_name, url) | ({_squash(logo)} - {""})

    def is_site(segment: str) -> bool:
        squashed = _squash(segment)
        return bool(squashed) and any(
            m == squashed or (len(m) > 3 and m in squashed and len(squashed) < len(m) + 12)
            for m in markers
        )

    # "Headline | Site | Section": cut from the last site segment when only short ones follow.
    for idx in range(len(parts) - 1, 0, -1):
        if is_site(parts[idx]) and all(len(_title_words(p)) <= 3 for p in parts[idx + 1 :]):
            parts = parts[:idx]
            break
    # "Section | Site | Headline": likewise at the front.
    for idx in range(len(parts) - 1):
        if is_site(parts[idx]) and all(len(_title_words(p)) <= 3 for p in parts[:idx]):
            parts = parts[idx + 1 :]
            break
    if len(parts) == 1:
        return parts[0].strip()
    # Keep the original separators of what remains.
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else title.strip()


def _title_words(text: str) -> list[str]:
    """Words of a title, a character of a script without spaces counting as one."""
    return _TITLE_WORDS.findall(text.casefold())


def _agrees(candidate: str, reference: str) -> bool:
    """Most of ``candidate``'s words are in ``reference``."""
    words = _title_words(candidate)
    if not words:
        return False
    known = set(_title_words(reference))
    return sum(word in known for word in words) >= 0.5 * len(words)


def choose_title(
    headline: str,
    social: Iterable[str],
    h1: str,
    page_title: str,
    site_name: str | None,
    url: str | None,
    subheads: Iterable[str] = (),
) -> str:
    """The page's title from its sources, in order of trust: the JSON-LD ``headline``, the
    og:/twitter: titles, the first ``<h1>``, ``<title>``; a site segment is then stripped.

    A source naming only the site (equal to the site name or the domain) is passed over; so is
    a JSON-LD headline that shares no more than half its words with ``<title>`` or og:title (a
    generic type label such as "Wikimedia list article"), and an ``<h1>`` of one word when the
    ``<title>`` has more (a logo heading).
    """
    headline, page_title, h1 = _unescaped(headline), _unescaped(page_title), _unescaped(h1)
    social = [_unescaped(s) for s in social if s]
    references = [r for r in (page_title, *social) if r]
    markers = _site_markers(site_name, url)

    def names_site(candidate: str) -> bool:
        return _squash(candidate) in markers

    candidates: list[str] = []
    if (
        headline
        and not names_site(headline)
        and (not references or any(_agrees(headline, r) for r in references))
    ):
        candidates.append(headline)
    candidates += [s for s in social if not names_site(s)]
    title_words = len(_title_words(strip_site_name(page_title, site_name, url)))
    logo = ""
    if h1 and (names_site(h1) or len(_title_words(h1)) == 1 and title_words > 1):
        logo = h1
    elif h1:
        candidates.append(h1)
    candidates.append(page_title)
    for candidate in candidates:
        if candidate:
            title = strip_site_name(candidate, site_name, url, logo)
            sources = (headline, *social, h1, page_title, *map(_unescaped, subheads))
            return _stated_twice(title, sources) or title
    return ""


def _first_subheads(w: Walk) -> list[str]:
    """The first ``<h2>`` headings: on a page without an ``<h1>`` one of them is the article's."""
    found: list[str] = []
    for block in w.blocks:
        if block.tag == "h2":
            found.append(block.text)
            if len(found) == _SUBHEADS:
                break
    return found


def _stated_twice(title: str, sources: Iterable[str]) -> str:
    """The run of ``title``'s segments that another source states on its own, or its segments
    without a trailing or leading date ("Headline : 31.10.2023, 10.19 Uhr"); "" when neither
    applies. A page that names its article both in ``<h1>`` and as one segment of a decorated
    ``<title>`` ("Blog - Headline - Tagline") says which segment the title is."""
    parts = [part for part in _TITLE_SEPARATORS.split(title) if part.strip()]
    while len(parts) > 1 and not _title_words(parts[-1]):
        parts.pop()  # a decoration without letters or digits ("☆☆☆☆☆") is no part of a title
    if len(parts) < 2:
        return _span(title, parts) if parts else ""
    whole = _squash(title)
    for source in sources:
        wanted = _squash(source)
        if not wanted or wanted == whole or len(_title_words(source)) < 2:
            continue
        for start in range(len(parts)):
            for end in range(start + 1, len(parts) + 1):
                if (start, end) != (0, len(parts)) and _squash(
                    " ".join(parts[start:end])
                ) == wanted:
                    return _span(title, parts[start:end])
    # A date after a number is the end of a range ("Report 14. - 20. Januar 2022"): kept.
    while len(parts) > 1 and _is_date_segment(parts[-1]) and not _ENDS_IN_NUMBER.search(parts[-2]):
        parts.pop()
    while len(parts) > 1 and _is_date_segment(parts[0]):
        parts.pop(0)
    return _span(title, parts)


def _is_date_segment(segment: str) -> bool:
    return len(_title_words(segment)) <= 6 and text_date(segment) is not None


def _span(title: str, parts: list[str]) -> str:
    """The text of ``title`` from ``parts[0]`` to ``parts[-1]``, separators kept."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else ""


def _unescaped(text: str) -> str:
    """A title once more unescaped: pages escape entities twice in meta content ("&amp;#8211;")."""
    return html.unescape(text).strip() if "&" in text else text.strip()


def _site_markers(site_name: str | None, url: str | None) -> set[str]:
    """Squashed forms the site's name takes in titles: its name, its domain's labels."""
    markers = set()
    if site_name:
        markers.add(_squash(site_name))
    if url:
        host = urlsplit(url).hostname or ""
        labels = [label for label in host.split(".") if label not in {"www", "m", "amp"}]
        if labels:
            markers.add(_squash(labels[0]))
            markers.add(_squash("".join(labels[:-1])))
            markers.add(_squash(".".join(labels)))
    markers.discard("")
    return markers


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _absolute(href: str | None, base: str | None) -> str | None:
    if not href:
        return None
    href = href.strip()
    resolved = urljoin(base, href) if base else href
    try:
        parts = urlsplit(resolved)
        has_host = bool(parts.hostname)
    except ValueError:  # a malformed port or bracketed host
        return None
    return resolved if parts.scheme in {"http", "https"} and has_host else None


def _itemprop_value(tag: Tag) -> str:
    attrs = (
        ("content", "datetime", "title")
        if tag.name == "abbr"
        else ("content", "datetime", "href", "src")
    )
    for attr in attrs:
        value = tag.attrs.get(attr)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return tag.get_text(" ", strip=True)


def publication_day(
    stated: datetime | None, url: str | None, others: Iterable[str] = ()
) -> date | None:
    """The day ``stated`` falls on in the publisher's calendar: its own day in the offset it
    states. A moment given in UTC says nothing of the publisher's zone, so the day another
    source states for it is taken: one of ``others`` (the page's other published values)
    giving the same moment with an offset ("Sat, 19 Oct 2019 00:04 +0200" beside
    "2019-10-18T22:04Z") or a bare day next to it, else the URL's day next to it
    ("2020-02-25T02:25Z" at /2020/02/24/)."""
    if stated is None:
        return None
    day = stated.date()
    if stated.utcoffset() != timedelta(0) or (stated.hour, stated.minute) == (0, 0):
        return day  # a wall-clock time (naive or with its offset) or a bare day
    for raw in others:
        other = stated_date(raw, complete=True)
        if other is None or other.date() == day:
            continue
        offset = other.utcoffset()
        bare_day = (other.hour, other.minute) == (0, 0) and not offset
        same_moment = bool(offset) and abs(to_utc(other) - stated) < timedelta(minutes=1)
        if same_moment or bare_day and abs(other.date() - day) == timedelta(days=1):
            return other.date()
    in_url = url_date(url)
    if in_url is not None and abs(in_url.date() - day) == timedelta(days=1):
        return in_url.date()
    return day


def _first_date(candidates: Iterable[str]) -> datetime | None:
    """The first complete date among ``candidates``, in the offset it states."""
    for raw in candidates:
        parsed = stated_date(raw, complete=True)
        if parsed is not None:
            return parsed
    return None


def _layout(root: Tag) -> set[int]:
    """Ids of the elements around the first ``<h1>``: page layout, whatever their classes say
    ("pageLayout--related", "one-sidebar"), as they hold the article itself."""
    headline = root.find("h1")
    return {id(a) for a in headline.parents} if headline is not None else set()


def _in_other_item(tag: Tag, layout: set[int]) -> bool:
    """Whether ``tag`` lies in a block whose class names comments, related items, a sidebar
    or a teaser, other than the page layout around the headline."""
    return any(
        _DATE_CONTEXT_JUNK.search(_class_and_id(a))
        for a in tag.parents
        if isinstance(a, Tag) and id(a) not in layout
    )


def _stated_date(root: Tag, month_first: bool) -> datetime | None:
    """The date in the first elements classed as a date or post meta ("entry-date",
    "post-meta", hAtom's ``<abbr class="published" title=...>``) outside comments, related
    lists and sidebars: its machine-readable attribute first, else its words."""
    layout = _layout(root)
    for element in _date_elements(root):
        if _in_other_item(element, layout):
            continue
        for attr in ("datetime", "content", "title"):
            value = element.attrs.get(attr)
            if isinstance(value, str) and any(map(str.isdigit, value)):
                found = stated_date(value, complete=True)
                if found is not None:
                    return found
        found = text_date(element.get_text(" ", strip=True)[:300], month_first=month_first)
        if found is not None:
            return found
    return None


def _own_times(root: Tag) -> list[str]:
    """The values of the first ``<time>`` elements outside comments, related lists, sidebars
    and teasers (the dates of other items), ``pubdate``/"published" ones first."""
    found: list[tuple[bool, str]] = []
    layout: set[int] | None = None
    for tag in root.descendants:
        if type(tag) is not Tag or tag.name != "time":
            continue
        if layout is None:
            layout = _layout(root)
        if _in_other_item(tag, layout):
            continue
        value = tag.attrs.get("datetime")
        if not isinstance(value, str) or _AMBIGUOUS_NUMERIC.match(value.strip()):
            # No machine value, or one whose day and month order is a guess ("01-11-2023"):
            # the words ("1. November 2023") say which, when they state a date.
            words = tag.get_text(" ", strip=True)
            value = words if not isinstance(value, str) or text_date(words) else value
        published = "pubdate" in tag.attrs or "published" in _class_and_id(tag).split()
        found.append((not published, value))
        if len(found) == _OWN_TIMES:
            break
    return [value for _later, value in sorted(found, key=lambda item: item[0])]


def _line_date(w: Walk, month_first: bool) -> datetime | None:
    """The date a page states in its visible text, when no element names one: the first
    complete date in a short line (a byline, "am 25.08.2015 22:30") or at the start of a
    paragraph ("29.11.2022 – Die Branche..."), searched in the lines right below the headline,
    right above it, further below and then above it nearest first (a masthead's "today" at
    the top comes last), outside comments and related lists (a line
    between the headline and the text is its dateline whatever its class). A line saying the
    page was updated or checked ("Stand:", "last edited") counts only when no other line
    states a date: a published date is preferred over a modified one."""
    blocks = w.blocks
    containers = w.containers
    headline = next((i for i, b in enumerate(blocks) if b.tag == "h1"), None)
    start = headline or 0
    below = range(start, min(len(blocks), start + _LINE_DATE_BLOCKS))
    # The lines right above the headline (a kicker with the date) come after those right below.
    above = range(start - 1, max(-1, start - 1 - _DATELINE_BLOCKS), -1) if headline else range(0)
    order = [
        *below[: _DATELINE_BLOCKS + 1],
        *above,
        *below[_DATELINE_BLOCKS + 1 :],
        *range(start - _DATELINE_BLOCKS - 1, -1, -1),
    ]
    updated: datetime | None = None
    for idx in order:
        text = blocks[idx].text
        head = text if len(text) <= _LINE_DATE_CHARS else text[:_DATE_LEAD_CHARS]
        if not any(map(str.isdigit, head)):
            continue
        found = text_date(head, month_first=month_first)
        if found is None:
            continue
        # A line between the headline and the text is its dateline whatever its class says
        # ("subtitle", "byline"); after the text starts, a clutter class means another item's.
        under_headline = (
            headline is not None
            and 0 < idx - headline <= _DATELINE_BLOCKS
            and all(_in_clutter(containers, b.owner) for b in blocks[headline + 1 : idx])
        )
        if not under_headline and _in_clutter(containers, blocks[idx].owner):
            continue
        if _UPDATED_WORDS.search(head) is None:
            return found
        updated = updated or found
    return updated


def _in_clutter(containers: list[Container], idx: int) -> bool:
    """Whether a container lies in one a strong class hint names clutter (comments, related
    items, share bars)."""
    while idx > 0:
        if containers[idx].junk == 2:
            return True
        idx = containers[idx].parent
    return False


def _date_elements(root: Tag) -> Iterator[Tag]:
    """Date-classed elements in document order that hold a line, not a section: none of the
    tags in ``_BLOCKS_INSIDE`` below them, and few descendants. The number examined is
    bounded, so a page of thousands of nested "date" spans costs linear time."""
    examined = 0
    for tag in root.descendants:
        if type(tag) is not Tag or not tag.attrs or tag.name in _DATE_HOLDERS_NOT:
            continue
        names = _class_and_id(tag)
        if not names or _DATE_CLASS.search(names) is None:
            continue
        examined += 1
        if examined > _DATE_ELEMENTS_EXAMINED:
            return
        for below, node in enumerate(tag.descendants):
            if below >= _DATE_HOLDER_NODES or type(node) is Tag and node.name in _BLOCKS_INSIDE:
                break
        else:
            yield tag


def _class_and_id(tag: Tag) -> str:
    cls, ident = tag.attrs.get("class"), tag.attrs.get("id")
    if not isinstance(cls, str):
        return ident if isinstance(ident, str) else ""
    return f"{cls} {ident}" if isinstance(ident, str) else cls


def extract_metadata(
    w: Walk, *, url: str | None = None, content_language: str | None = None, root: Tag | None = None
) -> Metadata:
    """Metadata from one walk, with the precedence in the module docstring; ``root`` is the
    parsed document, searched for a date written in words when no other source states one."""
    metas: dict[str, list[str]] = {}
    for key, value in w.metas:
        if value:
            metas.setdefault(key, []).append(value)

    def meta(*keys: str) -> str:
        for key in keys:
            if key in metas:
                return metas[key][0]
        return ""

    ld = list(_ld_objects(w.json_ld))
    articles = [o for o in ld if _types(o) & _ARTICLE_TYPES - _PAGE_TYPES]
    articles += [o for o in ld if _types(o) & _PAGE_TYPES and o.get("headline")]
    article = articles[0] if articles else {}

    def ld_get(key: str, objects: list[dict[str, object]] = articles) -> object:
        for obj in objects:
            if obj.get(key):
                return obj[key]
        return None

    # Dates may sit on the WebPage object alone (Yoast's @graph): pages after articles.
    dated = articles + [o for o in ld if _types(o) & _PAGE_TYPES and o not in articles]

    props: dict[str, list[Tag]] = {}
    for name, tag in w.itemprops:
        for part in name.split():
            props.setdefault(part, []).append(tag)

    publisher = article.get("publisher") if article else None
    site_name = (
        meta("og:site_name")
        or _first_str(publisher if isinstance(publisher, dict) else None)
        or meta("application-name", "al:android:app_name")
    ).strip() or None
    canonical = None
    for rel, href in w.links:
        if "canonical" in rel.split():
            canonical = _absolute(href, url)
            if canonical:
                break
    canonical = (
        canonical
        or _absolute(meta("og:url"), url)
        or _absolute(
            _first_str(article.get("mainEntityOfPage")) or _first_str(article.get("url")), url
        )
    )
    base = canonical or url

    title = choose_title(
        _first_str(article.get("headline")),
        (meta("og:title"), meta("twitter:title")),
        w.h1,
        w.title,
        site_name,
        base,
        _first_subheads(w),
    )

    authors = clean_authors(_names(ld_get("author")))
    if not authors:
        authors = clean_authors(
            _itemprop_value(t.find(attrs={"itemprop": "name"}) or t)
            for t in props.get("author", [])[:4]
        )
    if not authors:
        authors = clean_authors(
            metas.get("author", [])
            + metas.get("article:author", [])
            + metas.get("sailthru.author", [])
            + metas.get("parsely-author", [])
            + metas.get("dc.creator", [])
        )
    if not authors:
        authors = clean_authors(
            line for t in w.bylines[:4] for line in t.get_text("\n", strip=True).split("\n")
        )
    if not authors:
        authors = clean_authors(credit_names(b.text) for b in w.blocks if CREDIT_LINE.match(b.text))

    times = sorted(w.times, key=lambda t: (not t[1], t[2]))
    modified = (
        _first_date(_names_or_str(ld_get("dateModified", dated)))
        or _first_date(metas.get(k, [""])[0] for k in _MODIFIED_META)
        or _first_date(_itemprop_value(t) for t in props.get("datemodified", []))
    )
    month_first = (w.html_lang or "").lower().replace("_", "-") in {"en-us", "en"}
    published_meta = [metas[k][0] for k in _PUBLISHED_META if k in metas]
    published_props = [_itemprop_value(t) for t in props.get("datepublished", [])]
    first_times = [value for value, _pub, _muted in times[:3]]
    published = (
        _first_date(_names_or_str(ld_get("datePublished", dated)))
        or _first_date(published_meta)
        or _first_date(published_props)
        or _first_date(_itemprop_value(t) for t in props.get("datecreated", []))
        or _first_date(_own_times(root) if root is not None else first_times)
        or url_date(url)
        or (_stated_date(root, month_first) if root is not None else None)
        or _line_date(w, month_first)
    )

    language = (
        normalize_language(w.html_lang)
        or normalize_language(content_language)
        or normalize_language(meta("content-language", "language", "dc.language"))
        or normalize_language(meta("og:locale"))
        or normalize_language(_first_str(article.get("inLanguage")))
    )

    image = (
        meta(
            "og:image:secure_url", "og:image", "og:image:url", "twitter:image", "twitter:image:src"
        )
        or _first_str(ld_get("image"))
        or next((href for rel, href in w.links if rel == "image_src"), "")
        or (_itemprop_value(props["image"][0]) if "image" in props else "")
        or _first_image(w)
    )
    section = (
        meta(
            "article:section", "og:article:section", "section", "parsely-section", "article.section"
        )
        or _first_str(ld_get("articleSection"))
        or None
    )
    keyword_values = (
        metas.get("article:tag", [])
        + metas.get("og:article:tag", [])
        + metas.get("news_keywords", [])
        + metas.get("keywords", [])
    )
    ld_keywords = ld_get("keywords")
    if isinstance(ld_keywords, list):
        keyword_values += [k for k in ld_keywords if isinstance(k, str)]
    elif isinstance(ld_keywords, str):
        keyword_values.append(ld_keywords)
    body = ld_get("articleBody")
    return Metadata(
        title=title,
        authors=authors,
        published_at=to_utc(published) if published else None,
        published_on=publication_day(
            published, url, (*published_meta, *published_props, *first_times)
        ),
        modified_at=to_utc(modified) if modified else None,
        language=language,
        canonical_url=canonical,
        site_name=site_name,
        top_image=_absolute(image, base),
        section=section,
        keywords=_split_keywords(keyword_values),
        article_body=_clean_article_body(body) if isinstance(body, str) else "",
        recipe_lines=_recipe_lines(ld)
        + tuple(
            " ".join(_itemprop_value(tag).split())
            for name in _RECIPE_PROPS
            for tag in props.get(name, ())
        ),
    )


def _recipe_lines(ld: list[dict[str, object]]) -> tuple[str, ...]:
    """The lines a JSON-LD ``Recipe`` states as its content: each ``recipeIngredient`` and
    each step of ``recipeInstructions`` (a text, a list of texts, ``HowToStep`` objects or
    ``HowToSection`` objects holding them), whitespace tidied, in order."""
    lines: list[str] = []
    for obj in ld:
        if "recipe" not in _types(obj):
            continue
        pending: list[object] = [obj.get("recipeIngredient"), obj.get("recipeInstructions")]
        while pending:
            item = pending.pop(0)
            if isinstance(item, str):
                lines.extend(" ".join(line.split()) for line in item.splitlines() if line.strip())
            elif isinstance(item, list):
                pending[:0] = item
            elif isinstance(item, dict):
                pending.insert(0, item.get("text") or item.get("itemListElement"))
    return tuple(lines)


def _first_image(w: Walk) -> str:
    """The first <img> from the headline on (logos and menus come before it)."""
    start = next((i for i, b in enumerate(w.blocks) if b.tag == "h1"), 0)
    return next((src for src, position in w.images if position >= start), "")


def _names_or_str(value: object) -> list[str]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return [value] if isinstance(value, str) else []


def _split_keywords(values: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        for part in re.split(r"[,;]", value):
            word = part.strip()
            if word and word.casefold() not in seen and len(word) <= 80:
                seen.add(word.casefold())
                out.append(word)
    return tuple(out)


def _clean_article_body(body: str) -> str:
    """JSON-LD articleBody as paragraphs: tags dropped, whitespace tidied."""
    text = re.sub(r"<br\s*/?>|</p>", "\n\n", body, flags=re.IGNORECASE)
    text = html.unescape(re.sub(r"<[^>]{0,2000}>", "", text))
    paragraphs = [re.sub(r"[ \t\r\f\v]+", " ", p).strip() for p in re.split(r"\n\s*\n|\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


__all__ = [
    "CREDIT_LINE",
    "Metadata",
    "choose_title",
    "clean_authors",
    "credit_names",
    "extract_metadata",
    "strip_site_name",
]
