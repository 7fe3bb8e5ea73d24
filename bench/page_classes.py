"""Failure classes of benchmark pages, read off each page's HTML (never off its annotations).

Each class names a kind of page on which article extraction is known to go wrong (issue 14);
a page may be in several classes or in none. The tests are structural and set once for every
page of every set, so a per-class score says how an extractor does on that kind of page, not
on pages picked for it:

- ``no-space-script``: at least 30 % of the body's letters are in a script written without
  spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar).
- ``pre-code-math``: ``<pre>``, ``<code>`` or ``<math>`` elements hold 80 characters or more.
- ``wrapping-header-nav-aside``: one ``<header>``, ``<nav>``, ``<aside>`` or ``<figcaption>``
  holds at least half of the body text (typically an unclosed tag that swallowed the page).
- ``jsonld-cdata-comment``: a JSON-LD script wrapped in ``<![CDATA[`` or an HTML comment.
- ``split-siblings``: the element holding most of the page's paragraph text has it spread over
  sibling children: none holds 60 % of it and two or more hold 15 % each.
- ``repeated-paragraph``: two paragraphs of 40 characters or more with the same text.
- ``link-dense-prose``: two or more paragraphs of 100 characters or more, 30 % or more of it
  inside links.
- ``data-table``: tables without nested tables hold 30 % or more of the body text.
- ``comment-block``: an element classed or named ``comment...`` holding 500 characters or more.
"""

from __future__ import annotations

import re
from collections import Counter

import lxml.html
from lxml import etree

CLASSES = (
    "no-space-script",
    "pre-code-math",
    "wrapping-header-nav-aside",
    "jsonld-cdata-comment",
    "split-siblings",
    "repeated-paragraph",
    "link-dense-prose",
    "data-table",
    "comment-block",
)
NONE = "none of these"

_NO_SPACE = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"
)
_LETTER = re.compile(r"[^\W\d_]")
_WS = re.compile(r"\s+")
_WRAPPED_JSON = re.compile(r"\s*(?://\s*)?(?:<!\[CDATA\[|<!--)")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_COMMENT_NAME = re.compile(r"(?:^|[\s_-])comments?(?:$|[\s_-])|^comments?", re.IGNORECASE)


def _text(element: etree._Element) -> str:
    return _WS.sub(" ", element.text_content()).strip()


def _paragraph_text(root: etree._Element) -> dict[etree._Element, int]:
    """Characters of ``<p>`` text under every element (each paragraph credited to all its
    ancestors)."""
    below: Counter[etree._Element] = Counter()
    for p in root.iter("p"):
        size = len(_text(p))
        if not size:
            continue
        for ancestor in p.iterancestors():
            below[ancestor] += size
    return below


def _split_over_siblings(body: etree._Element) -> bool:
    below = _paragraph_text(body)
    total = below.get(body, 0)
    if total < 500:
        return False
    # The deepest element still holding 60 % of the paragraph text.
    node = body
    while True:
        children = [c for c in node if isinstance(c.tag, str)]
        heavy = [c for c in children if below.get(c, 0) >= 0.6 * total]
        if not heavy:
            break
        node = heavy[0]
    shares = sorted((below.get(c, 0) / below[node] for c in node if isinstance(c.tag, str)
                     and below.get(node)), reverse=True)
    return len([s for s in shares if s >= 0.15]) >= 2


def page_classes(raw: bytes) -> frozenset[str]:
    """The failure classes of one HTML page (``NONE`` alone when it is in none)."""
    # lxml refuses a str that still declares its encoding (<?xml ... encoding=...?>).
    text = _XML_DECLARATION.sub("", raw.decode("utf-8", "replace"), count=1)
    try:
        doc = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return frozenset({NONE})
    found: set[str] = set()
    for script in doc.iter("script"):
        kind = (script.get("type") or "").lower()
        if "ld+json" in kind and _WRAPPED_JSON.match(script.text or ""):
            found.add("jsonld-cdata-comment")
    etree.strip_elements(doc, "script", "style", "noscript", "template", etree.Comment,
                         with_tail=False)
    body = doc.find("body")
    if body is None:
        return frozenset(found or {NONE})
    body_text = _text(body)
    size = len(body_text) or 1
    letters = len(_LETTER.findall(body_text)) or 1
    if len(_NO_SPACE.findall(body_text)) >= 0.3 * letters:
        found.add("no-space-script")
    code = sum(len(_text(e)) for e in body.iter("pre", "code", "math")
               if not any(a.tag in {"pre", "code", "math"} for a in e.iterancestors()))
    if code >= 80:
        found.add("pre-code-math")
    if any(len(_text(e)) >= 0.5 * size for e in body.iter("header", "nav", "aside", "figcaption")):
        found.add("wrapping-header-nav-aside")
    if _split_over_siblings(body):
        found.add("split-siblings")
    paragraphs = [_text(p) for p in body.iter("p")]
    repeats = Counter(p for p in paragraphs if len(p) >= 40)
    if any(n >= 2 for n in repeats.values()):
        found.add("repeated-paragraph")
    dense = 0
    for p in body.iter("p"):
        p_size = len(_text(p))
        if p_size >= 100 and sum(len(_text(a)) for a in p.iter("a")) >= 0.3 * p_size:
            dense += 1
    if dense >= 2:
        found.add("link-dense-prose")
    tables = sum(len(_text(t)) for t in body.iter("table") if t.find(".//table") is None)
    if tables >= 0.3 * size:
        found.add("data-table")
    for element in body.iter():
        names = f"{element.get('id') or ''} {element.get('class') or ''}".strip()
        if names and _COMMENT_NAME.search(names) and len(_text(element)) >= 500:
            found.add("comment-block")
            break
    return frozenset(found or {NONE})


__all__ = ["CLASSES", "NONE", "page_classes"]
