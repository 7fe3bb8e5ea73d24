"""Bad input for extract_page: empty, binary, truncated, huge, deeply nested, mis-encoded.

Time limits here are generous hang guards, not performance assertions.
"""

from __future__ import annotations

import gc
import gzip
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from bs4.builder._lxml import LXMLTreeBuilder
from bs4.element import AttributeDict

from transform.html_extract import (
    ExtractionError,
    _DirectTreeBuilder,
    _TreeSink,
    extract_page,
    parse_html,
)
from transform.records import ExtractedPage
from wirehouse.settings import ConfigError, load_settings

FIXTURES = Path(__file__).parent / "fixtures" / "html"
# CPU seconds (this process), not wall time: a loaded machine stretches wall time, not the
# work done; a hang or a quadratic walk would exceed this by far (about 2.3 s for 10 MB).
HANG_GUARD = 60.0
PROSE = ("The committee met on a wet Thursday evening to argue about the budget for the "
         "new library, and nobody left before the last item on the agenda was settled.")


@pytest.mark.parametrize("value", [b"", "", b"   \n\t ", "  \r\n  "])
def test_empty_input_gives_an_empty_page(value: bytes | str) -> None:
    assert extract_page(value) == ExtractedPage()


@pytest.mark.parametrize("value", [
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    gzip.compress(b"<html><body><p>compressed</p></body></html>", mtime=0),  # same id each run
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    b"<html>\x00\x01\x02\x03binary\x00junk" * 50,
])
def test_binary_input_raises(value: bytes) -> None:
    with pytest.raises(ExtractionError):
        extract_page(value)


def test_binary_decoded_as_text_raises() -> None:
    junk = bytes(range(1, 32)).decode("latin-1") * 40
    with pytest.raises(ExtractionError):
        extract_page(junk)


@pytest.mark.parametrize("content_type", ["image/png", "application/pdf",
                                          "application/octet-stream"])
def test_non_html_content_type_raises(content_type: str) -> None:
    with pytest.raises(ExtractionError, match="not HTML"):
        extract_page(f"<p>{PROSE}</p>".encode(), content_type=content_type)


def test_content_type_from_headers_is_checked() -> None:
    with pytest.raises(ExtractionError):
        extract_page(b"<p>x</p>", http_headers={"Content-Type": "video/mp4"})


def test_xhtml_content_type_is_accepted() -> None:
    page = extract_page(f"<html><body><p>{PROSE}</p></body></html>".encode(),
                        content_type="application/xhtml+xml; charset=utf-8")
    assert page.text == PROSE


def test_truncated_html_keeps_what_arrived() -> None:
    raw = (FIXTURES / "nav_footer.html").read_text(encoding="utf-8")
    cut = raw[: raw.index("The skipper") + 40]  # ends inside the third paragraph
    page = extract_page(cut)
    assert "The little green ferry" in page.text
    assert page.text.endswith("crossed the harbour")


def test_truncated_inside_a_tag() -> None:
    page = extract_page(f"<html><body><article><p>{PROSE}</p><p>{PROSE[:50]}<a hre")
    assert page.text.startswith(PROSE)


def test_ten_megabytes_is_cut_and_finishes() -> None:
    paragraphs = "".join(f"<p>Paragraph {i}: {PROSE}</p>\n" for i in range(60_000))
    html = f"<html><body><article>{paragraphs}</article></body></html>"
    assert len(html) > 10_000_000
    start = time.process_time()
    page = extract_page(html.encode())
    assert time.process_time() - start < HANG_GUARD
    limit = load_settings().extract_max_html_chars
    assert page.text.startswith("Paragraph 0: ")
    assert 0 < len(page.text) <= limit
    assert "Paragraph 59999" not in page.text


def test_limit_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREHOUSE_EXTRACT_MAX_HTML_CHARS", "300")
    html = f"<html><body><p>first {PROSE}</p><p>second {PROSE}</p><p>third {PROSE}</p>"
    page = extract_page(html)
    assert "first" in page.text
    assert "third" not in page.text


def test_limit_must_be_positive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREHOUSE_EXTRACT_MAX_HTML_CHARS", "0")
    with pytest.raises(ConfigError, match="EXTRACT_MAX_HTML_CHARS"):
        extract_page(f"<p>{PROSE}</p>")


@pytest.mark.parametrize("closed", [True, False])
def test_ten_thousand_levels_deep(closed: bool) -> None:
    depth = 10_000
    close = "</div>" * depth if closed else ""
    html = f"<html><body>{'<div>' * depth}<p>{PROSE}</p>{close}</body></html>"
    start = time.process_time()
    page = extract_page(html)  # no RecursionError
    assert time.process_time() - start < HANG_GUARD
    assert page.text == PROSE


def test_deeply_nested_json_ld() -> None:
    nested = "[" * 100_000 + "]" * 100_000
    lists = '{"@type": "NewsArticle", "headline": ' + "[" * 500 + '"H"' + "]" * 500 + "}"
    html = (f'<script type="application/ld+json">{nested}</script>'
            f'<script type="application/ld+json">{lists}</script><title>Kept</title>'
            f"<p>{PROSE}</p>")
    page = extract_page(html)
    assert (page.title, page.text) == ("Kept", PROSE)


def test_deep_inline_nesting() -> None:
    html = f"<p>{'<span><b>' * 5000}{PROSE}{'</b></span>' * 5000}</p>"
    assert extract_page(html).text == PROSE


def test_misencoded_bytes_do_not_crash() -> None:
    # Declared UTF-8, actually windows-1252: decoding falls back instead of failing.
    body = ("<html><head><meta charset='utf-8'></head><body><p>Caf\xe9 owners met on the "
            "square to discuss the new parking rules and the market days.</p></body></html>")
    page = extract_page(body.encode("cp1252"))
    assert "owners met on the square" in page.text


def test_declared_legacy_charset_is_decoded() -> None:
    body = ("<html><head><meta charset='windows-1252'></head><body><p>The caf\xe9 on the "
            "corner reopened with a new terrace and a na\xefve mural.</p></body></html>")
    assert "café on the corner" in extract_page(body.encode("cp1252")).text


def test_markup_without_text() -> None:
    page = extract_page("<html><head><script>var a = 1;</script></head><body><img src=x></body>")
    assert page.text == ""


def test_class_hints_that_remove_everything_are_ignored() -> None:
    second = "The library will open in the spring if the builders keep to their schedule."
    html = f'<html><body><div class="share-story"><p>{PROSE}</p><p>{second}</p></div></body>'
    assert extract_page(html).text == f"{PROSE}\n\n{second}"


def test_plain_text_is_extracted() -> None:
    assert extract_page(PROSE).text == PROSE


# Markup that takes the builder's less common paths: a doctype, processing instructions,
# comments (empty, blank), the string classes of <script>/<style>/<template>/ruby, blank text kept
# in <pre>/<textarea> and collapsed elsewhere, the charset placeholders of <meta>, and ends that
# lxml reports for elements it closed itself.
ODD_MARKUP = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "xhtml1-strict.dtd">
<?xml version="1.0"?><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta charset="latin1"><style> p {} </style><script>var a = "<p>";</script></head>
<body><!----><!-- x --><!--

--><p>one<b>two<i>three</b>four</i><pre>

 keep  <b>  </b>
</pre><textarea>  </textarea><template><p> t </p><div><span>x</span>   </div></template>
<ruby>kan<rp>(</rp><rt>k</rt><rp>)</rp></ruby><table><tr><td>a<td>b</table><ul><li>1<li>2</ul>
<svg><x:y x:a="1"/><title>t</title></svg><p>unclosed <div>block</p></div></em><?php echo 1 ?>
</body></html> trailing"""


def _tree_signature(soup: BeautifulSoup) -> list[tuple[object, ...]]:
    """Every node in document order: its class, text or name, attributes and other fields,
    and where each of its links (parent, neighbours, children) points, as node positions."""
    nodes = [soup, *soup.descendants]
    position = {id(node): i for i, node in enumerate(nodes)}

    def at(node: object) -> int | None:
        return None if node is None else position.get(id(node), -1)

    rows: list[tuple[object, ...]] = []
    for node in nodes[1:]:
        fields = dict(vars(node))
        links = tuple(at(fields.pop(name)) for name in (
            "parent", "previous_element", "next_element", "previous_sibling", "next_sibling"))
        if isinstance(node, str):
            rows.append((type(node), str(node), links, sorted(fields.items())))
            continue
        children = [at(child) for child in fields.pop("contents")]
        attrs = [(key, type(value), value) for key, value in fields.pop("attrs").items()]
        fields.pop("parser_class")
        rows.append((type(node), node.name, links, children, attrs,
                     sorted((key, repr(value)) for key, value in fields.items())))
    return rows


@pytest.mark.parametrize("name", ["odd_markup", *sorted(p.stem for p in FIXTURES.glob("*.html"))])
def test_lean_builder_builds_the_stock_tree(name: str) -> None:
    text = ODD_MARKUP if name == "odd_markup" else (FIXTURES / f"{name}.html").read_text(
        encoding="utf-8")
    stock = BeautifulSoup(text, "lxml", multi_valued_attributes=None)
    assert _tree_signature(parse_html(text)) == _tree_signature(stock)


def _tree_from_events(builder: LXMLTreeBuilder,
                      target: Callable[[LXMLTreeBuilder, BeautifulSoup], object],
                      events: list[tuple[object, ...]]) -> BeautifulSoup:
    """The tree ``target`` builds from parser events given by hand, finished as
    ``BeautifulSoup`` finishes a parse."""
    soup = BeautifulSoup("", builder=builder)
    soup.reset()
    builder.initialize_soup(soup)
    receiver = target(builder, soup)
    for name, *args in events:
        getattr(receiver, name)(*args)  # type: ignore[arg-type]
    soup.endData()
    while soup.currentTag is not None and soup.currentTag.name != soup.ROOT_TAG_NAME:
        soup.popTag()
    return soup


def test_lean_builder_closes_misnested_ends_as_the_stock_one() -> None:
    # lxml reports well-nested ends; should it not, an end closes up to the innermost open
    # element of its name (here <p> also closes <b>) and an end of no open element is ignored.
    events: list[tuple[object, ...]] = [
        ("start", "html", {}), ("start", "body", {}), ("start", "p", {}), ("data", "a"),
        ("start", "b", {}), ("data", "x"), ("end", "p"), ("data", "y"), ("end", "q"),
        ("start", "i", {}), ("end", "body"), ("data", " "), ("close",)]
    options = {"multi_valued_attributes": None, "attribute_dict_class": AttributeDict}
    stock = _tree_from_events(LXMLTreeBuilder(**options), lambda builder, _soup: builder, events)
    lean = _tree_from_events(_DirectTreeBuilder(**options), _TreeSink, events)
    assert str(lean) == "<html><body><p>a<b>x</b></p>y<i></i></body> </html>"
    assert _tree_signature(lean) == _tree_signature(stock)


def test_tree_is_freed_without_the_cycle_collector() -> None:
    html = (FIXTURES / "comments.html").read_bytes()
    gc.collect()
    gc.disable()
    try:
        for _ in range(5):
            extract_page(html)
        leftover = gc.collect()
    finally:
        gc.enable()
    # A parse of this page alone makes thousands of cyclic objects; only the parser's own
    # handful of objects (lxml target, builder) may be left for the collector.
    assert leftover < 5 * 50


@pytest.mark.parametrize("enabled", [True, False])
def test_collector_state_is_restored(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    try:
        extract_page(f"<p>{PROSE}</p>")
        with pytest.raises(ExtractionError):
            extract_page(b"\x89PNG\r\n\x1a\n")
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
