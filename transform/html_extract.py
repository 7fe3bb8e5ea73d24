"""Article extraction: one HTML document in, an :class:`ExtractedPage` out.

The page is parsed once (BeautifulSoup on lxml) and walked once (:mod:`transform.html_walk`);
the body comes from :mod:`transform.html_body`, metadata from :mod:`transform.html_metadata`.

Bad input: empty or whitespace-only input gives an empty :class:`ExtractedPage` (nothing to
extract is not an error); input that is not HTML at all (binary bytes, a declared non-text
content type) raises :class:`ExtractionError`. Documents longer than
``Settings.extract_max_html_chars`` are cut to that length before parsing, so a 10 MB page costs
a bounded time; the walk is iterative, so deep nesting cannot raise RecursionError.

Speed: a BeautifulSoup tree is a mass of reference cycles (parent and sibling links), which the
cyclic garbage collector would rescan again and again while the tree is built. Parsing and
walking therefore run with the collector paused, and the tree is then torn down with
``decompose()`` so reference counting frees it at once and no collection ever has to scan it.
"""

from __future__ import annotations

import gc
import os
import re
import warnings
from collections.abc import Mapping
from functools import lru_cache

from bs4 import (
    BeautifulSoup,
    MarkupResemblesLocatorWarning,
    NavigableString,
    XMLParsedAsHTMLWarning,
)
from bs4.builder._lxml import LXMLTreeBuilder
from bs4.element import AttributeDict

from extract.encoding import decode_text
from transform.html_body import body_paragraphs
from transform.html_metadata import extract_metadata
from transform.html_walk import walk
from transform.records import ExtractedPage
from wirehouse.settings import ENV_PREFIX, load_settings


class ExtractionError(ValueError):
    """The input is not an HTML document (binary data or a non-text content type)."""


# Magic numbers of formats that reach an HTML extractor by mistake.
_BINARY_MAGIC = (b"\x1f\x8b", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04",
                 b"RIFF", b"\x00\x00\x01\x00", b"BZh", b"\xfd7zXZ", b"OggS", b"ID3", b"wOF")
_TEXT_TYPES = re.compile(r"^\s*(?:text/|application/(?:xhtml\+xml|xml)|[^;]*\+xml)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_SNIFF = 4096
_LD_BODY_RATIO = 2.0  # JSON-LD articleBody replaces an extracted body under half its length


class _HTMLBuilder(LXMLTreeBuilder):
    """BeautifulSoup's lxml HTML builder without the per-tag namespace bookkeeping.

    lxml's HTML parser does not report namespaces, so the stock builder's attribute and tag
    re-mapping (about a tenth of the parse time) changes nothing; anything namespaced still goes
    through it. tests/test_extract_bad_input.py checks that the trees are identical.
    """

    def start(self, tag, attrib, nsmap={}):  # type: ignore[no-untyped-def]  # noqa: B006
        if nsmap or len(self.nsmaps) > 1 or tag[0] == "{":
            super().start(tag, attrib, nsmap)
            return
        # lxml's attribute dict goes in as it is: the new Tag copies it into its own.
        self.soup.handle_starttag(  # type: ignore[union-attr]
            tag, None, None, attrib, namespaces=self.active_namespace_prefixes[-1])

    def end(self, tag):  # type: ignore[no-untyped-def]
        if len(self.nsmaps) > 1 or tag[0] == "{":
            super().end(tag)
            return
        self.soup.handle_endtag(tag, None)  # type: ignore[union-attr]  # ends the data too


class _Soup(BeautifulSoup):
    """BeautifulSoup whose per-string container lookup skips a runtime ``typing.cast``.

    Same result as the stock method when no ``element_classes`` are given (we give none).
    """

    def string_container(self, base_class=None):  # type: ignore[no-untyped-def]
        container = base_class or NavigableString
        if self.string_container_stack and container is NavigableString:
            container = self.builder.string_containers.get(
                self.string_container_stack[-1].name, container)
        return container


def parse_html(text: str) -> BeautifulSoup:
    """Parse once: BeautifulSoup on lxml, class attributes kept as plain strings.

    Whatever a page holds is parsed as HTML on purpose (an XHTML or XML document, a body that
    is only a URL), so BeautifulSoup's advice about it (a dozen lines on stderr) is silenced.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        # Plain attribute dicts: lxml gives every value as a string, so the value conversions
        # of the default dict class (about 3 % of the parse) never change one.
        return _Soup(text, builder=_HTMLBuilder(multi_valued_attributes=None,
                                                attribute_dict_class=AttributeDict))


@lru_cache(maxsize=8)
def _html_limit(variable: str | None) -> int:
    """``Settings.extract_max_html_chars`` for this value of its variable: all the settings are
    built once per value, not once per page (which cost about 2 % of an extraction)."""
    return load_settings().extract_max_html_chars


def _check_binary_bytes(data: bytes) -> None:
    if data.startswith(_BINARY_MAGIC):
        raise ExtractionError("input is a binary file format, not HTML")
    head = data[:_SNIFF]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExtractionError("input contains NUL bytes: binary, not HTML")


def _check_binary_text(text: str) -> None:
    head = text[:_SNIFF]
    if len(_CONTROL.findall(head)) > max(8, len(head) // 100):
        raise ExtractionError("input is mostly control characters: binary, not HTML")


def extract_page(html: str | bytes, url: str | None = None, *, content_type: str | None = None,
                 http_headers: Mapping[str, str] | None = None) -> ExtractedPage:
    """Extract body text and metadata from one page.

    ``url`` is where the page was fetched from (resolves relative canonical and image URLs and
    feeds the URL date pattern); ``content_type`` and ``http_headers`` are the response's, used
    for the charset and the Content-Language header.
    """
    headers = {k.lower(): v for k, v in (http_headers or {}).items()}
    content_type = content_type or headers.get("content-type")
    if content_type and not _TEXT_TYPES.match(content_type):
        raise ExtractionError(f"content type {content_type.split(';')[0]!r} is not HTML")
    if isinstance(html, bytes):
        if not html.strip():
            return ExtractedPage()
        _check_binary_bytes(html)
        text = decode_text(html, content_type)
    else:
        text = html
    if not text.strip():
        return ExtractedPage()
    _check_binary_text(text)
    limit = _html_limit(os.environ.get(ENV_PREFIX + "EXTRACT_MAX_HTML_CHARS"))
    text = text[:limit].replace("\x00", "")
    collecting = gc.isenabled()
    gc.disable()  # see the module docstring
    try:
        soup = parse_html(text)
        walked = walk(soup)
        meta = extract_metadata(walked, url=url,
                                content_language=headers.get("content-language"), root=soup)
        for node in list(soup.contents):
            node.decompose()  # clears every element below, breaking the tree's cycles
    finally:
        if collecting:
            gc.enable()
    paragraphs = body_paragraphs(walked, title=meta.title)
    if not paragraphs:
        # Class hints marked everything as clutter (a site that names its article wrapper
        # "post-related", say): choose again without them.
        paragraphs = body_paragraphs(walked, title=meta.title, use_classes=False)
    body = "\n\n".join(paragraphs)
    if len(meta.article_body) > _LD_BODY_RATIO * len(body):
        # The page states its article body as data (JSON-LD articleBody) and the HTML shows
        # under half of it: a body rendered by scripts, cut to a teaser, or a wrong container.
        body = meta.article_body
    return meta.page(body)


__all__ = ["ExtractionError", "extract_page", "parse_html"]
