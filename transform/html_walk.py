"""One iterative pass over a parsed page: text blocks for body scoring plus raw metadata sources.

The walk never recurses (pages can nest 10,000 levels deep) and visits each node once. Clutter
elements (``<footer>``, ``<menu>``, hidden elements, inline elements with a strong clutter
class, or a weak one on an inline element that is not part of running text) are walked in
"muted" mode: their text is dropped but metadata inside them (``<time>``, ``itemprop``,
bylines) is still collected. Block containers with a clutter class ("share-bar",
"related-posts") and suspect elements (``<header>``, ``<nav>``, ``<aside>``, ``<noscript>``,
``<figure>``; not the ``<header>`` of an ``<article>``, its headline and lead) keep their text
but carry a junk or suspect level, which :mod:`transform.html_container` weighs against an
article-body marker inside them and how much of the page they hold: no removal is final.
``<pre>`` keeps its line breaks; MathML keeps its presentation text (not its TeX annotation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bs4 import BeautifulSoup, NavigableString, Tag

# Elements whose subtree never contributes text and never holds metadata worth a visit.
_DROP_TAGS = frozenset(
    {
        "style",
        "template",
        "svg",
        "annotation",
        "annotation-xml",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "select",
        "option",
        "textarea",
        "input",
        "button",
        "map",
        "amp-ad",
        "amp-embed",
        "amp-analytics",
        "amp-sticky-ad",
        "amp-sidebar",
        "amp-social-share",
        "amp-iframe",
        "amp-consent",
        "amp-geo",
        "amp-pixel",
        "amp-auto-ads",
        "amp-lightbox",
    }
)
# Form controls among them: where one sits is recorded (Walk.control_owners), since the text
# beside it is its label or prompt.
_CONTROL_TAGS = frozenset({"button", "input", "select", "textarea"})
# Elements whose text is clutter but which may hold metadata (bylines, dates).
_MUTE_TAGS = frozenset({"footer", "menu", "dialog"})
# Elements whose text is suspect, not dropped: they get a clutter level like a class hint, which
# :func:`transform.html_container.junk_flags` reverses when they hold the article body (an unclosed
# <header> wrapping the whole page, an article inside <aside>). Level 1 (page furniture) is also
# reversed by holding most of the page's text; level 2 (captions) only by a body marker.
# A <noscript> is page furniture too ("enable JavaScript"), except on a page that serves its
# whole article there for clients without scripts.
SUSPECT_TAGS = {"header": 1, "nav": 1, "aside": 1, "noscript": 1, "figure": 2, "figcaption": 2}
# Elements that start a new text block.
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "body",
        "html",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "caption",
        "address",
        "hr",
        "center",
        "details",
        "summary",
        "form",
        "fieldset",
        "legend",
        "figure",
        "figcaption",
        "header",
        "footer",
        "nav",
        "aside",
        "amp-story",
        "picture",
        "noscript",
    }
)
_CELL_TAGS = frozenset({"td", "th"})
_COUNTED = frozenset({"a", "article", "pre"})  # the walk keeps a depth count of these
# Inline elements that are part of running text (custom and unknown elements are not).
_PHRASING = frozenset(
    {
        "a",
        "span",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "s",
        "small",
        "mark",
        "sub",
        "sup",
        "abbr",
        "cite",
        "q",
        "dfn",
        "code",
        "kbd",
        "samp",
        "var",
        "time",
        "font",
        "bdi",
        "bdo",
        "ins",
        "del",
        "label",
        "data",
    }
)
# Elements handled on their own in the walk: metadata carriers and line breaks.
_SPECIAL = frozenset({"br", "meta", "script", "link", "title", "img", "amp-img", "head"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Containers never muted because of a class name: a body class like "has-sidebar" says nothing.
_STRUCTURAL = frozenset({"html", "body", "main", "article"})
_F_DROP, _F_MUTE, _F_BLOCK, _F_CELL, _F_STRUCTURAL = 1, 2, 4, 8, 16
_TAG_FLAGS: dict[str, int] = {}
for _flag, _names in (
    (_F_DROP, _DROP_TAGS),
    (_F_MUTE, _MUTE_TAGS),
    (_F_BLOCK, BLOCK_TAGS),
    (_F_CELL, _CELL_TAGS),
    (_F_STRUCTURAL, _STRUCTURAL),
):
    for _name in _names:
        _TAG_FLAGS[_name] = _TAG_FLAGS.get(_name, 0) | _flag
# Attributes that need a closer look: microdata, rel=author, hiding.
_NOTABLE_ATTRS = frozenset({"itemprop", "rel", "hidden", "aria-hidden", "style"})

# Class/id tokens (split on non-alphanumerics) that mark clutter. Strong tokens mute an element
# whatever else its class says; weak ones only when no content token ("article", "body", ...) is
# there too, so "entry-content read-more" or "article modal-enabled" keep their text.
_STRONG_JUNK = frozenset(
    {
        "ad",
        "ads",
        "adv",
        "advert",
        "adverts",
        "advertisement",
        "advertising",
        "adslot",
        "adunit",
        "dfp",
        "sponsor",
        "sponsored",
        "promo",
        "outbrain",
        "taboola",
        "share",
        "sharing",
        "social",
        "sharebar",
        "socialshare",
        "sharetools",
        "newsletter",
        "subscribe",
        "related",
        "recommended",
        "recommendations",
        "comment",
        "comments",
        "disqus",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "breadcrumb",
        "breadcrumbs",
        "caption",
        "figcaption",
        "credit",
        "credits",
        "byline",
        "readmore",
        "readtime",
        "newsletters",
        "standfirst",
        "dek",
        "subtitle",
        "subheadline",  # the teaser above the text
    }
)
_WEAK_JUNK = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "footer",
        "sidebar",
        "modal",
        "popup",
        "overlay",
        "banner",
        "more",
        "trending",
        "popular",
        "tags",
        "tag",
        "tagcloud",
        "keywords",
        "topics",
        "author",
        "authors",
        "bio",
        "avatar",
        "meta",
        "tools",
        "toolbar",
        "widget",
        "masthead",
        "skip",
        "jump",
        "pagination",
        "pager",
        "timestamp",
        "dateline",
        "discussion",
        "respond",
        "replies",
        "signup",
        "subscription",
        "regwall",
        "paywall",
        "promotion",
        "print",
        "rating",
        "ratings",
        "disclaimer",
        "disclosure",
        "affiliate",  # star widgets, legal notes
        "factbox",
        "infobox",  # a box of facts beside the running text
    }
)
_STATE_WORDS = frozenset({"has", "with", "enabled", "no"})
_CONTENT_TOKENS = frozenset(
    {
        "article",
        "body",
        "content",
        "main",
        "story",
        "entry",
        "post",
        "text",
        "column",
        "prose",
        "enabled",
        "has",
        "with",
    }
)
# Words found inside run-together class names.
_STRONG_STEMS = re.compile(
    "related|sharing|social|newsletter|comment|advert|sponsor|outbrain"
    "|taboola|recommend|breadcrumb|cookie|disqus|sharethis"
    "|kommentar"
)  # German "comment" ("kommentare", "kommentarModul")
_WEAK_STEMS = re.compile("sidebar|footer|navigation|navbar|widget|popular|trending|author")
_CONTENT_STEMS = re.compile("article|content|story|entry")
# Names of the article body: "article-body", "entry-content", "storytext", ...
_BODY_OWNERS = frozenset({"article", "post", "entry", "story", "news", "blog", "single"})
_BODY_PARTS = frozenset({"body", "content", "text", "copy"})
_BODY_WORDS = frozenset(
    {
        "articlebody",
        "articlecontent",
        "articletext",
        "postbody",
        "postcontent",
        "entrycontent",
        "entrybody",
        "storybody",
        "storycontent",
        "storytext",
        "bodytext",
        "newstext",
        "newscontent",
    }
)
_HIDDEN_CLASSES = frozenset(
    {
        "hidden",
        "sr-only",
        "visually-hidden",
        "visuallyhidden",
        "screen-reader-text",
        "screenreader-only",
        "offscreen",
    }
)
# Class/id tokens of elements that name the authors.
_BYLINE_TOKENS = frozenset({"byline", "author", "authors", "contributor", "contributors", "writer"})
# Digits say nothing about clutter; dropping them lets "post-1234" and "post-5678" share a cache
# entry.
_NO_DIGITS = str.maketrans("", "", "0123456789")
# Class names split into tokens at every ASCII character that is not a letter or digit.
_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})
# The same two tables for ASCII text as bytes: bytes.translate is a plain table lookup, several
# times faster than str.translate, and class names are nearly always ASCII.
_SEPARATOR_BYTES = bytes(c if chr(c).isalnum() else 32 for c in range(128)) + bytes(range(128, 256))
_DIGIT_BYTES = b"0123456789"
# A utility class that shows the element again from some screen width on ("hidden lg:flex",
# "d-none d-md-block"): the element is visible on a desktop, where pages are read.
_SHOWN_AT = re.compile(
    r"^(?:[a-z0-9]+:(?:block|flex|grid|inline|table|contents)|"
    r"d-[a-z]{2,3}-(?:block|flex|grid|inline|table))"
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WS = re.compile(r"\s+")
_BR_MARK = "\x00"  # stands for <br> until a block is flushed
_BLANK = " \t\n\r\f\v\xa0\x00"
_BR_RUN = re.compile(r" ?\x00 ?(?:\x00 ?)+")
_BR = re.compile(r" ?\x00 ?")


@dataclass(slots=True)
class Block:
    """A run of text inside one block element."""

    text: str
    link_chars: int
    owner: int  # index into Walk.containers
    tag: str  # tag name of the owning element


@dataclass(slots=True)
class Container:
    """A block-level element: its parent container and the range of blocks it holds."""

    tag: str
    parent: int  # -1 for the root
    first_block: int
    end_block: int = -1
    junk: int = 0  # class/id clutter hint: 0 none, 1 weak, 2 strong (see junk_level)
    body_marker: bool = False  # class/id/itemprop names it the article body
    suspect: int = 0  # a suspect element (SUSPECT_TAGS): 1 page furniture, 2 caption
    description: bool = False  # junk only as itemprop="description" (see html_container.junk_flags)
    style: str = ""  # a <p>'s class attribute, digits dropped (how the paragraph is styled)


@dataclass
class Walk:
    """Everything one pass over the document collected."""

    blocks: list[Block] = field(default_factory=list)
    containers: list[Container] = field(default_factory=list)
    metas: list[tuple[str, str]] = field(default_factory=list)  # (lowercased key, content)
    links: list[tuple[str, str]] = field(default_factory=list)  # (lowercased rel, href)
    json_ld: list[str] = field(default_factory=list)
    title: str = ""
    h1: str = ""  # the first <h1>, muted or not
    html_lang: str = ""
    times: list[tuple[str, bool, bool]] = field(default_factory=list)  # (value, pubdate, muted)
    itemprops: list[tuple[str, Tag]] = field(default_factory=list)
    bylines: list[Tag] = field(default_factory=list)
    images: list[tuple[str, int]] = field(default_factory=list)  # (src, blocks before it)
    image_owners: list[int] = field(default_factory=list)  # container of each image
    control_owners: list[int] = field(default_factory=list)  # container of each form control


@dataclass(frozen=True, slots=True)
class ClassInfo:
    """What an element's class and id say about it."""

    tokens: frozenset[str]
    junk: int  # 2 strong clutter hint, 1 weak, 0 none
    body: bool  # names the article body ("article-body", "entry-content")
    hidden: bool  # a hiding utility class ("sr-only", "visually-hidden")


_NO_CLASS = ClassInfo(frozenset(), 0, False, False)


def _name_tokens(name: str) -> list[str]:
    """``name`` split at every ASCII character that is not a letter or digit (and whitespace)."""
    if name.isascii():
        return name.encode().translate(_SEPARATOR_BYTES).decode().split()
    return name.translate(_SEPARATORS).split()


def _without_digits(name: str) -> str:
    if name.isascii():
        return name.encode().translate(None, _DIGIT_BYTES).decode()
    return name.translate(_NO_DIGITS)


@lru_cache(maxsize=8192)
def _name_info(name: str) -> tuple[frozenset[str], frozenset[int], frozenset[str]]:
    """Tokens of one class or id value, their clutter kinds, and its whitespace-split words.

    Each word is one role name ("entry-byline" is a byline of the entry). Some evidence is only
    weak, never dropped: a clutter word after ``--`` or next to "has"/"with" describes a variant
    or a state ("TestReport__Section--Ads", "has-sharing": a section that carries ads, not an
    ad), and a strong clutter word beside a separate content word ("entry themeform share",
    "sc-ad-container article-content") is a mixed signal. Both count as weak hints, which the
    page's text distribution can reverse. A weak clutter word and a content word joined in one
    class word name one role, the clutter's ("entry-meta", "post-author": the meta line and
    author box of the entry), so the content word does not cancel the hint there; only a
    separate content word does ("entry-content read-more").
    """
    lowered = name.lower()
    words = lowered.split()
    tokens = frozenset(_name_tokens(lowered))
    kinds = set(map(_token_kind, tokens))
    if 2 in kinds:
        word_kinds = set(map(_word_kind, words))
        if 2 not in word_kinds or -1 in word_kinds:
            kinds -= {2, -1}
            kinds.add(1)
    elif 1 in kinds and -1 in kinds and -1 not in set(map(_word_kind, words)):
        kinds.discard(-1)
    return tokens, frozenset(kinds), frozenset(words)


@lru_cache(maxsize=4096)
def _word_kind(word: str) -> int:
    """The kind of one class word: 2 when it names a clutter role, 1 a weak or variant one,
    -1 a content role ("entry-content"), else 0."""
    role, _, variant = word.partition("--")
    parts = _name_tokens(role)
    kinds = set(map(_token_kind, parts))
    if 2 in kinds and _STATE_WORDS.isdisjoint(parts):
        return 2
    if kinds & {1, 2} or variant:
        return 1  # "post-author": a role inside the post, not the post's content
    return -1 if -1 in kinds else 0


def _junk_from_kinds(kinds: frozenset[int]) -> int:
    if 2 in kinds:
        return 2
    if 1 in kinds and -1 not in kinds:
        return 1
    return 0


@lru_cache(maxsize=8192)
def class_info(cls: str, ident: str) -> ClassInfo:
    """Classify a class/id pair. Class and id are tokenized separately (each cached: classes
    repeat all over a page, ids repeat across pages of a site) and then combined."""
    tokens, kinds, words = _name_info(cls)
    if ident:
        id_tokens, id_kinds, _ = _name_info(ident)
        tokens, kinds = tokens | id_tokens, kinds | id_kinds
    body = not tokens.isdisjoint(_BODY_WORDS) or (
        not tokens.isdisjoint(_BODY_OWNERS) and not tokens.isdisjoint(_BODY_PARTS)
    )
    hidden = not words.isdisjoint(_HIDDEN_CLASSES) and not any(map(_SHOWN_AT.match, words))
    return ClassInfo(tokens, _junk_from_kinds(kinds), body, hidden)


@lru_cache(maxsize=4096)
def _token_kind(token: str) -> int:
    """2 strong clutter, 1 weak clutter, -1 content, 0 neutral; long run-together tokens
    ("relatedposts", "postcontent") are matched by the words inside them."""
    if token in _STRONG_JUNK:
        return 2
    if token in _CONTENT_TOKENS:
        return -1
    if token in _WEAK_JUNK:
        return 1
    if len(token) >= 8:
        if _STRONG_STEMS.search(token):
            return 2
        if _CONTENT_STEMS.search(token):
            return -1
        if _WEAK_STEMS.search(token):
            return 1
    return 0


@lru_cache(maxsize=8192)
def _raw_class_info(cls: str, ident: str) -> ClassInfo:
    """:func:`class_info` of a class/id pair as written, digits dropped (cached as written
    too, so a page's repeated classes are not translated again)."""
    return class_info(_without_digits(cls), _without_digits(ident))


def junk_level(tokens: frozenset[str]) -> int:
    """2 when class/id tokens say clutter outright, 1 when they hint at it, else 0."""
    return _junk_from_kinds(frozenset(map(_token_kind, tokens)))


def _hidden_attrs(attrs: dict[str, object]) -> bool:
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    return (
        isinstance(style, str)
        and ("none" in style or "hidden" in style)
        and _HIDDEN_STYLE.search(style) is not None
    )


def walk(soup: BeautifulSoup) -> Walk:
    """Walk ``soup`` once, iteratively (an explicit stack with exit records, no recursion)."""
    out = Walk()
    blocks = out.blocks
    containers = out.containers
    containers.append(Container("#root", -1, 0))
    buf: list[str] = []
    link_chars = 0
    link_depth = 0
    article_depth = 0
    suspect_depth = 0  # open suspect elements: a <time> inside one is not the article's
    pre_depth = 0
    owner = 0
    muted = False

    def flush() -> None:
        nonlocal link_chars
        if buf:
            text = " ".join("".join(buf).split())
            if _BR_MARK in text:
                text = _BR.sub("\n", _BR_RUN.sub("\n\n", text)).strip()
            buf.clear()
            if text:
                blocks.append(Block(text, min(link_chars, len(text)), owner, containers[owner].tag))
        link_chars = 0

    # Items are nodes still to visit, or exit records (muted before, container, tag name)
    # pushed under an element's children and popped once they are all done.
    stack: list[object] = list(reversed(soup.contents))
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        item = pop()
        kind = type(item)
        if kind is NavigableString:
            if not muted:
                if pre_depth:  # preformatted: its line breaks are part of the text
                    item = item.replace("\n", _BR_MARK)  # type: ignore[attr-defined]
                buf.append(item)  # type: ignore[arg-type]
                if link_depth:
                    link_chars += len(item.strip())  # type: ignore[attr-defined]
            continue
        if kind is tuple:
            was_muted, cidx, name = item  # type: ignore[misc]
            if name == "a":
                link_depth -= 1
            elif name == "pre":
                pre_depth -= 1
            elif name == "article":
                article_depth -= 1
            elif name in SUSPECT_TAGS:
                suspect_depth -= 1
            if cidx >= 0:
                if not muted:
                    flush()
                containers[cidx].end_block = len(blocks)
                owner = containers[cidx].parent
            muted = was_muted
            continue
        if kind is not Tag:
            continue  # comments, doctype, CDATA, script and style text
        child: Tag = item  # type: ignore[assignment]
        name = child.name
        attrs = child.attrs
        if name in _SPECIAL:
            if name == "br":
                if not muted:
                    buf.append(_BR_MARK)
            elif name == "meta":
                key = (
                    attrs.get("property")
                    or attrs.get("name")
                    or attrs.get("itemprop")
                    or attrs.get("http-equiv")
                )
                content = attrs.get("content")
                if isinstance(key, str) and isinstance(content, str):
                    out.metas.append((key.strip().lower(), content.strip()))
            elif name == "script":
                if str(attrs.get("type", "")).lower().startswith("application/ld+json"):
                    out.json_ld.append(child.get_text())
            elif name == "link":
                rel, href = attrs.get("rel"), attrs.get("href")
                if isinstance(rel, str) and isinstance(href, str):
                    out.links.append((rel.strip().lower(), href.strip()))
            elif name == "title":
                if not out.title:
                    out.title = _WS.sub(" ", child.get_text()).strip()
            elif name == "img" or name == "amp-img":
                src = attrs.get("src") or attrs.get("data-src")
                if isinstance(src, str) and src.strip():
                    out.images.append((src.strip(), len(blocks)))
                    out.image_owners.append(owner)
            elif name == "head":  # muted, but meta/link/title/ld+json inside are collected
                push((muted, -1, name))
                muted = True
                extend(reversed(child.contents))
            continue
        flags = _TAG_FLAGS.get(name, 0)
        if flags & _F_DROP:
            if name in _CONTROL_TAGS and attrs.get("type") != "hidden":
                out.control_owners.append(owner)
            continue
        if flags & _F_CELL and not muted:
            buf.append(" ")  # a table row is one block; keep its cells apart
        info = _NO_CLASS
        child_muted = muted or bool(flags & _F_MUTE)
        if attrs:
            cls, ident = attrs.get("class"), attrs.get("id")
            if cls.__class__ is str or ident.__class__ is str:
                info = _raw_class_info(
                    cls if isinstance(cls, str) else "", ident if isinstance(ident, str) else ""
                )
                child_muted = child_muted or info.hidden
            if not _NOTABLE_ATTRS.isdisjoint(attrs):
                child_muted = child_muted or _hidden_attrs(attrs)
                prop = attrs.get("itemprop")
                if isinstance(prop, str):
                    out.itemprops.append((prop.lower(), child))
                rel = attrs.get("rel")
                if isinstance(rel, str) and rel.lower() == "author":
                    out.bylines.append(child)
            if not info.tokens.isdisjoint(_BYLINE_TOKENS):
                out.bylines.append(child)
            if name == "html" and not out.html_lang:
                lang = attrs.get("lang") or attrs.get("xml:lang")
                if isinstance(lang, str):
                    out.html_lang = lang.strip()
        if name == "h1" and not out.h1:
            out.h1 = _WS.sub(" ", child.get_text(" ")).strip()
        if name == "time":
            value = attrs.get("datetime")
            text = value if isinstance(value, str) else child.get_text(" ", strip=True)
            out.times.append(
                (text, "pubdate" in attrs or "published" in info.tokens, muted or suspect_depth > 0)
            )
        junk = 0 if flags & _F_STRUCTURAL else info.junk
        suspect = SUSPECT_TAGS.get(name, 0)
        if suspect and name == "header" and article_depth:
            suspect = 0  # an <article>'s own header: its headline and lead, not page furniture
        if suspect:
            suspect_depth += 1
        if (
            junk
            and not flags & _F_BLOCK
            and (junk == 2 or name not in _PHRASING or not "".join(buf).strip(_BLANK))
        ):
            # Inline clutter is small: drop it now, but a phrasing element inside running text
            # only on a strong hint. Text before it in its block makes it part of a sentence
            # ("which the <a class=popup>port authority</a> closed"), which a weak hint alone
            # cannot outweigh; the block filters judge the line.
            child_muted = True
        if name == "a":
            link_depth += 1
        elif name == "pre":
            pre_depth += 1
        elif name == "article":
            # An <article> inside another is a separate item: a comment, a related post.
            if article_depth and not junk:
                junk = 1
            article_depth += 1
        cidx = -1
        if flags & _F_BLOCK:
            if not muted:
                flush()
            prop = attrs.get("itemprop")
            body = info.body or prop == "articleBody"
            described = prop == "description" and not junk
            if described:
                junk = 2  # a standfirst: the teaser, not the text
            elif isinstance(prop, str) and "author" in prop.lower().split() and not body:
                junk = 2  # the author's item: name, photo and bio, not the text
            style = attrs.get("class") if name == "p" else None
            containers.append(
                Container(
                    name,
                    owner,
                    len(blocks),
                    junk=junk,
                    body_marker=body,
                    suspect=suspect,
                    description=described,
                    style=_without_digits(style).strip() if isinstance(style, str) else "",
                )
            )
            cidx = len(containers) - 1
            owner = cidx
        if cidx >= 0 or child_muted != muted or name in _COUNTED or suspect:
            push((muted, cidx, name))  # something to undo once the children are done
            muted = child_muted
        extend(reversed(child.contents))
    flush()
    containers[0].end_block = len(blocks)
    return out


__all__ = [
    "BLOCK_TAGS",
    "HEADING_TAGS",
    "Block",
    "ClassInfo",
    "Container",
    "Walk",
    "class_info",
    "junk_level",
    "walk",
]
