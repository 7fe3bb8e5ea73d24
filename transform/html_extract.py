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
walking therefore run with the collector paused, and the tree is then torn down (every node
emptied, as ``decompose()`` does) so reference counting frees it at once and no collection ever
has to scan it. The tree itself is built by :class:`_TreeSink`, the same tree as BeautifulSoup's
own lxml builder makes, in about half the time.
"""

from __future__ import annotations

import gc
import os
import re
import unicodedata
import warnings
from collections.abc import Mapping
from functools import lru_cache

from bs4 import (
    BeautifulSoup,
    Comment,
    Doctype,
    MarkupResemblesLocatorWarning,
    NavigableString,
    Tag,
    XMLParsedAsHTMLWarning,
)
from bs4.builder._lxml import LXMLTreeBuilder
from bs4.element import AttributeDict, PageElement
from lxml import etree

from extract.encoding import decode_text
from transform.html_body import body_paragraphs
from transform.html_metadata import extract_metadata
from transform.html_walk import walk
from transform.records import ExtractedPage
from wirehouse.settings import ENV_PREFIX, load_settings


class ExtractionError(ValueError):
    """The input is not an HTML document (binary data or a non-text content type)."""


# Magic numbers of formats that reach an HTML extractor by mistake.
_BINARY_MAGIC = (
    b"\x1f\x8b",
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"RIFF",
    b"\x00\x00\x01\x00",
    b"BZh",
    b"\xfd7zXZ",
    b"OggS",
    b"ID3",
    b"wOF",
)
_TEXT_TYPES = re.compile(r"^\s*(?:text/|application/(?:xhtml\+xml|xml)|[^;]*\+xml)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_SNIFF = 4096
_LD_BODY_RATIO = 2.0  # JSON-LD articleBody replaces an extracted body under half its length


_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"  # what BeautifulSoup collapses in a blank string


class _TreeSink:
    """An lxml parser target that builds BeautifulSoup's tree itself.

    lxml reports a page as a stream of start/data/end events. The stock builder turns each into
    two or three Python calls and runs the bookkeeping of every parser bs4 supports (namespace
    maps, element filters, a structural comparison per closed tag, a linkage fix-up per string).
    Here each event is one method that links the new node exactly as BeautifulSoup's
    ``handle_starttag``, ``endData`` and ``_popToTag`` do, and text chunks go straight into a
    list (lxml calls its ``append`` with no Python frame). lxml's HTML parser reports no
    namespaces and no namespaced tags, so the stock namespace handling had nothing to do.
    tests/test_extract_bad_input.py checks that the trees, with all their links, are the stock
    builder's.

    The soup and every node made are also listed, so that :func:`_discard` can break the tree's
    reference cycles in one pass without walking it.
    """

    __slots__ = (
        "builder",
        "cdata_lists",
        "containers",
        "current",
        "data",
        "empty_element",
        "keep_blank",
        "last",
        "namespaces",
        "nodes",
        "open_tags",
        "parser_class",
        "preserved",
        "soup",
        "string_classes",
        "text",
        "value_lists",
    )

    def __init__(self, builder: LXMLTreeBuilder, soup: BeautifulSoup) -> None:
        self.builder = builder
        self.soup = soup
        self.current: Tag = soup  # the innermost open element
        self.last: PageElement | None = None  # the node made last
        self.open_tags: list[Tag] = [soup]
        self.text: list[str] = []  # text reported since the last node
        self.data = self.text.append
        self.string_classes: list[type[NavigableString]] = []  # of open <script>, <style>...
        self.preserved = 0  # open elements whose blank strings are kept (<pre>, <textarea>)
        self.nodes: list[PageElement] = [soup]
        self.parser_class = type(soup)
        self.containers = builder.string_containers
        self.keep_blank = builder.preserve_whitespace_tags
        self.empty_element = builder.empty_element_tags
        self.namespaces = builder.active_namespace_prefixes[-1]
        self.cdata_lists = builder.cdata_list_attributes
        self.value_lists = builder.attribute_value_list_class

    def add_string(self, string_class: type[NavigableString] | None = None) -> None:
        """``BeautifulSoup.endData``: the pending text becomes one string node."""
        text = self.text
        value = "".join(text) if len(text) != 1 else text[0]
        text.clear()
        if not self.preserved and not value.strip(_ASCII_SPACES):
            value = "\n" if "\n" in value else " "
        if string_class is None:
            classes = self.string_classes
            string_class = classes[-1] if classes else NavigableString
        node = str.__new__(string_class, value)
        parent = self.current
        siblings = parent.contents
        before = siblings[-1] if siblings else None
        last = self.last
        node.__dict__.update(
            hidden=False,
            parent=parent,
            previous_element=last,
            next_element=None,
            next_sibling=None,
            previous_sibling=before,
        )
        if last is not None:
            last.next_element = node
        if before is not None:
            before.next_sibling = node
        siblings.append(node)
        self.nodes.append(node)
        self.last = node

    def start(self, name: str, attrib: dict[str, str], nsmap: object = None) -> None:
        if self.text:
            self.add_string()
        parent = self.current
        siblings = parent.contents
        before = siblings[-1] if siblings else None
        last = self.last
        # Attributes set one by one, in Tag.__init__'s order: the instance keeps them in its
        # compact per-class layout (no per-tag dict), which is faster to build and to read.
        tag = Tag.__new__(Tag)
        tag.parser_class = self.parser_class
        tag.name = name
        tag.namespace = None
        tag._namespaces = self.namespaces
        tag.prefix = None
        tag.sourceline = None
        tag.sourcepos = None
        tag.attribute_value_list_class = self.value_lists
        tag.attrs = AttributeDict(attrib)
        tag.known_xml = False
        tag.contents = []
        tag.parent = parent
        tag.previous_element = last
        tag.next_element = None
        tag.next_sibling = None
        tag.previous_sibling = before
        tag.hidden = False
        tag.can_be_empty_element = name in self.empty_element
        tag.cdata_list_attributes = self.cdata_lists
        tag.preserve_whitespace_tags = self.keep_blank
        tag.interesting_string_types = Tag.MAIN_CONTENT_STRING_TYPES
        if last is not None:
            last.next_element = tag
        if before is not None:
            before.next_sibling = tag
        if name == "meta":
            self.builder.set_up_substitutions(tag)  # the charset placeholders of <meta>
        siblings.append(tag)
        self.nodes.append(tag)
        self.open_tags.append(tag)
        self.current = self.last = tag
        if name in self.keep_blank:
            self.preserved += 1
        string_class = self.containers.get(name)
        if string_class is not None:
            tag.interesting_string_types = {string_class}
            self.string_classes.append(string_class)

    def close_tag(self) -> None:
        """``BeautifulSoup.popTag``."""
        open_tags = self.open_tags
        name = open_tags.pop().name
        if name in self.keep_blank:
            self.preserved -= 1
        if name in self.containers:
            self.string_classes.pop()
        self.current = open_tags[-1]

    def end(self, name: str) -> None:
        if self.text:
            self.add_string()
        if self.current.name == name:
            self.close_tag()
            return
        # ``BeautifulSoup._popToTag``: close up to the innermost open element of this name, if
        # there is one (lxml reports well-nested ends, so this is a safeguard).
        open_tags = self.open_tags
        if any(tag.name == name for tag in open_tags[1:]):
            while open_tags[-1].name != name:
                self.close_tag()
            self.close_tag()

    def add_special_string(self, value: str, string_class: type[NavigableString]) -> None:
        if self.text:
            self.add_string()
        self.text.append(value)
        self.add_string(string_class)

    def comment(self, value: str) -> None:
        self.add_special_string(value, Comment)

    def doctype(self, name: str, pubid: str, system: str) -> None:
        self.add_special_string(Doctype._string_for_name_and_ids(name, pubid, system), Doctype)

    def pi(self, target: str, data: str) -> None:
        self.add_special_string(target + " " + data, self.builder.processing_instruction_class)

    def close(self) -> None:
        if self.text:
            self.add_string()
        self.soup._most_recent_element = self.last

    def release(self) -> list[PageElement]:
        """The soup and the nodes made; the sink lets go of the tree (the lxml parser, which keeps its
        target until the cycle collector frees it, would otherwise keep the tree alive)."""
        nodes = self.nodes
        self.nodes = []
        self.builder = self.soup = self.current = self.last = None  # type: ignore[assignment]
        self.open_tags = []
        return nodes


class _DirectTreeBuilder(LXMLTreeBuilder):
    """BeautifulSoup's lxml HTML builder with :class:`_TreeSink` as the parser's target."""

    sink: _TreeSink | None = None

    def parser_for(self, encoding: str | None) -> etree.HTMLParser:  # type: ignore[override]
        self.sink = _TreeSink(self, self.soup)  # type: ignore[arg-type]
        return etree.HTMLParser(
            target=self.sink, recover=True, huge_tree=self.huge_tree, encoding=encoding
        )


def _parse(text: str) -> tuple[BeautifulSoup, list[PageElement]]:
    """The parsed page and all its nodes, the page's root first (for :func:`_discard`)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        # Plain attribute dicts: lxml gives every value as a string, so the value conversions
        # of the default dict class (about 3 % of the parse) never change one.
        builder = _DirectTreeBuilder(
            multi_valued_attributes=None, attribute_dict_class=AttributeDict
        )
        soup = BeautifulSoup(text, builder=builder)
    assert builder.sink is not None  # BeautifulSoup always feeds the parser at least once
    return soup, builder.sink.release()


def parse_html(text: str) -> BeautifulSoup:
    """Parse once: BeautifulSoup on lxml, class attributes kept as plain strings.

    Whatever a page holds is parsed as HTML on purpose (an XHTML or XML document, a body that
    is only a URL), so BeautifulSoup's advice about it (a dozen lines on stderr) is silenced.
    """
    return _parse(text)[0]


def _discard(nodes: list[PageElement]) -> None:
    """Break a parsed tree's reference cycles so that reference counting frees it at once.

    Every cycle in the tree runs through a link that points back in document order (a node's
    parent, previous element or previous sibling); with those cut, what is left (children,
    next element, next sibling) only points forward. The root also refers to itself (its stack
    of open elements) and is emptied. Cheaper than ``decompose()``, which walks the tree and
    empties every node.
    """
    for node in nodes:
        node.parent = node.previous_element = node.previous_sibling = None
    nodes[0].__dict__.clear()


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


def extract_page(
    html: str | bytes,
    url: str | None = None,
    *,
    content_type: str | None = None,
    http_headers: Mapping[str, str] | None = None,
) -> ExtractedPage:
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
        soup, nodes = _parse(text)
        walked = walk(soup)
        meta = extract_metadata(
            walked, url=url, content_language=headers.get("content-language"), root=soup
        )
        _discard(nodes)
    finally:
        if collecting:
            gc.enable()
    paragraphs = body_paragraphs(walked, title=meta.title, recipe=meta.recipe_lines)
    if not paragraphs:
        # Class hints marked everything as clutter (a site that names its article wrapper
        # "post-related", say): choose again without them.
        paragraphs = body_paragraphs(
            walked, title=meta.title, use_classes=False, recipe=meta.recipe_lines
        )
    body = "\n\n".join(paragraphs)
    if not body.isascii() and not unicodedata.is_normalized("NFC", body):
        # One spelling per text: a page may write a letter as a base and a combining mark
        # ("ড" + nukta, "e" + acute), another page or a search the composed form.
        body = unicodedata.normalize("NFC", body)
    if len(meta.article_body) > _LD_BODY_RATIO * len(body):
        # The page states its article body as data (JSON-LD articleBody) and the HTML shows
        # under half of it: a body rendered by scripts, cut to a teaser, or a wrong container.
        body = meta.article_body
    return meta.page(body)


__all__ = ["ExtractionError", "extract_page", "parse_html"]
