"""Pick the article body out of a walked page (:func:`body_paragraphs`).

The container holding the most prose and the least clutter is chosen
(:mod:`transform.html_container`), and the text around it that the choice leaves out or misplaces
is taken back (:mod:`transform.html_rescue`). Its blocks then pass through line-level filters
(:func:`transform.html_container.is_clutter`), and the rules of this module drop the boxes around
and after the text: teaser lists of other pages inside it (:func:`teaser_blocks`), single boxes
set into the running text that point away from it (:func:`inset_boxes`: a titled teaser, a "more
on this" or support box) or appended below its last paragraph (:func:`closing_boxes`: a support
call, a disclaimer; :func:`styled_apart_closing`: a note in a style of its own), the labels and
prompts of widgets (:func:`widget_blocks`: the text of a small box around a form control or an
image), the run of short linked lines closing the text, a last line announcing what was dropped
below it, and the repeats that are page furniture. The result is compared with the page's one marked article
(:func:`marked_article`), which wins when it holds over twice the text.

Embedded social posts (a tweet's ``<blockquote class="twitter-tweet">``, Instagram and similar
embeds) are kept on purpose, as quotations: without their scripts they are the quoted post and
its attribution line, which the article cites the way it cites any other source. Share widgets
and embed chrome around them are clutter like any other (class hints, link density).
"""

from __future__ import annotations

from dataclasses import dataclass

from transform.html_container import (
    _EXTRA_LINKS,
    _PARA_MIN,
    _PARA_TAGS,
    _PROSE_MIN,
    _PROSE_TAGS,
    _RUN_END,
    _key,
    choose_blocks,
    is_clutter,
    junk_flags,
    text_weight,
)
from transform.html_rescue import (
    header_lead,
    headline_check,
    lead_run,
    paragraph_run,
    quoted_posts,
    stated_lines,
    story_opening,
    subheadings,
)
from transform.html_walk import HEADING_TAGS, Block, Container, Walk

_LEAD_PARAGRAPHS = 3
_MARKED_RATIO = 2.0  # the marked article replaces a choice holding under half its text
_TEASER_ITEMS = 3  # sibling items that make a teaser list (teaser_blocks)
_TEASER_BLOCKS = 4  # an item of a teaser list holds a linked title and a line or two
_TEASER_WEIGHT = 400  # ...of an excerpt's length, not an article section's
_WIDGET_BLOCKS = 4  # a box this small around a form control is its label or prompt (widget_blocks)
_WIDGET_WEIGHT = 500  # ...in weighted characters; half of both around an image (its caption)
_APPENDIX_WEIGHT = 600  # a box below the text this short is a notice, not a part (closing_boxes)
_STYLE_MIN = 3  # paragraphs sharing a class make it the text's style (styled_apart_closing)
_POINTER_WEIGHT = 120  # a linked line shorter than this ends no article (_without_closing_links)
_LIST_ITEMS = frozenset({"li", "dd", "dt", "tr"})  # items of one list or table
_ITEM_TAGS = frozenset({"li", "tr", "td", "dd", "dt", "ul", "ol", "table", "tbody"})


def body_paragraphs(
    w: Walk, *, title: str = "", use_classes: bool = True, recipe: tuple[str, ...] = ()
) -> list[str]:
    """The article's paragraphs, in order, clutter and repeats removed.

    Only repeats that are demonstrably page furniture are dropped: the headline repeated in the
    body, and at the very top a teaser or standfirst repeated as the first paragraphs (a repeat
    while fewer than ``_LEAD_PARAGRAPHS`` paragraphs are out). Repeats further down stay, even
    of the paragraph before: recipes, lists, poems and quoted replies repeat lines on purpose.

    The result is compared with a simpler extraction, the page's marked article
    (:func:`marked_article`), and that is taken instead when it holds more than
    ``_MARKED_RATIO`` times the text and no more of it inside links than ``_EXTRA_LINKS``.

    ``recipe`` holds the lines the page's data states as a recipe's ingredients and steps: the
    blocks stating them are taken into the text (:func:`transform.html_rescue.stated_lines`).
    """
    if not w.blocks:
        return []
    junk = junk_flags(w, use_classes=use_classes)
    title_key = _key(title) if title else ""
    chosen = story_opening(w, junk, paragraph_run(w, junk, choose_blocks(w, junk)), title_key)
    if title_key:
        chosen = headline_check(w, junk, chosen, title_key)
    standfirst = header_lead(w, junk, chosen) + lead_run(w, junk, chosen)
    if standfirst:
        taken = {id(block) for block in chosen} | {id(block) for block in standfirst}
        chosen = [block for block in w.blocks if id(block) in taken]
    stated = {id(block) for block in stated_lines(w, chosen, recipe)}
    if stated:
        taken = {id(block) for block in chosen} | stated
        chosen = [block for block in w.blocks if id(block) in taken]
    rescued = (
        {id(block) for block in standfirst}
        | subheadings(w, junk, chosen)
        | quoted_posts(w, junk, chosen)
        | stated
    )
    teasers = teaser_blocks(w) | widget_blocks(w)
    flow = text_flow(w.containers, junk, chosen)
    if flow is not None:
        teasers |= inset_boxes(w, flow) | closing_boxes(w, flow) | styled_apart_closing(w, flow)
    out = _paragraphs(
        chosen,
        teasers - stated,
        w.containers,
        junk,
        rescued,
        title_key,
        announced_links(w, junk, chosen) | stated,
    )
    marked = marked_article(w, junk)
    if marked:
        baseline = _paragraphs(marked, teasers, w.containers, junk, set(), title_key, set())
        length = sum(map(len, baseline))
        links = sum(block.link_chars for block in marked if not junk[block.owner])
        if length > _MARKED_RATIO * sum(map(len, out)) and links < _EXTRA_LINKS * length:
            return baseline
    return out


def announced_links(w: Walk, junk: list[int], chosen: list[Block]) -> set[int]:
    """Ids of the chosen paragraphs that are an address the running text announces.

    A paragraph mostly inside a link is usually a pointer away (a "read also" line, a list of
    links). A paragraph that is one address (a link's URL or e-mail address written out: no
    spaces), introduced by the paragraph before it with a colon ("send your reports to:") and
    followed by more running text, all ``<p>`` of one element, is the text's own line: the
    address the sentence gives. (Any linked line after a colon was tried too: it takes "GET
    THE QUIZ" style calls along on the Zyte set.)
    """
    containers = w.containers
    blocks = w.blocks
    index = {id(block): i for i, block in enumerate(blocks)}
    found: set[int] = set()
    for block in chosen:
        i = index[id(block)]
        if (
            block.tag != "p"
            or junk[block.owner]
            or not 0 < i < len(blocks) - 1
            or blocks[i - 1].text[-1] != ":"
            or any(map(str.isspace, block.text))
        ):
            continue
        home = containers[block.owner].parent
        if all(
            b.tag == "p"
            and not junk[b.owner]
            and containers[b.owner].parent == home
            and b.link_chars < _EXTRA_LINKS * len(b.text)
            and not is_clutter(b)
            for b in (blocks[i - 1], blocks[i + 1])
        ):
            found.add(id(block))
    return found


def teaser_blocks(w: Walk) -> set[int]:
    """Ids of the blocks of teaser lists: other pages announced by title and excerpt.

    A list of other pages repeats one shape: at least ``_TEASER_ITEMS`` sibling elements of one
    tag, each a linked title (a block mostly inside a link, first or second in the item) and a
    short excerpt or date outside links, at most ``_TEASER_BLOCKS`` blocks and
    ``_TEASER_WEIGHT`` weighted characters in all. An article's own sections are longer, and
    its link lists have no excerpts (those are dropped by link density already).
    """
    containers = w.containers
    items: dict[tuple[int, str], list[int]] = {}
    for idx in range(1, len(containers)):
        c = containers[idx]
        if not 2 <= c.end_block - c.first_block <= _TEASER_BLOCKS:
            continue
        span = w.blocks[c.first_block : c.end_block]
        if not any(block.link_chars * 2 > len(block.text) for block in span[:2]):
            continue
        if not any(
            block.link_chars * 2 < len(block.text) and len(block.text) > _PARA_MIN for block in span
        ):
            continue
        if sum(text_weight(block.text) for block in span) <= _TEASER_WEIGHT:
            items.setdefault((c.parent, c.tag), []).append(idx)
    found: set[int] = set()
    for siblings in items.values():
        if len(siblings) >= _TEASER_ITEMS:
            for idx in siblings:
                c = containers[idx]
                found.update(id(block) for block in w.blocks[c.first_block : c.end_block])
    return found


def inset_boxes(w: Walk, flow: Flow) -> set[int]:
    """Ids of the blocks of boxes set into the article's running text: a teaser of another
    page, a "more on this" box, a sign-up or support call.

    The article runs as the paragraphs of one element (the flow, :class:`Flow`). A child of the flow that is not a paragraph but a box of its own,
    opened by a title (a heading, or a short line that ends no sentence), short in all (at
    most ``_TEASER_WEIGHT`` weighted characters) and pointing away (a line below its title
    mostly inside a link), placed after some of the flow's paragraphs, interrupts the text
    rather than continuing it. Only a box whose shape is unique in the flow is taken: an
    article divided into titled parts repeats that shape. A quotation (an embedded post and
    its attribution) is not a box: it is kept as the article cites it.
    """
    containers = w.containers
    first_paragraph = min(containers[block.owner].first_block for block in flow.paragraphs)
    end = containers[flow.index].end_block
    boxes: dict[str, int] = {}  # per tag: the box that points away
    shapes: dict[str, int] = {}  # per tag: how many children of the flow open with a title
    for idx in range(flow.index + 1, len(containers)):
        c = containers[idx]
        if c.first_block >= end:
            break
        if c.parent != flow.index or c.tag in _PROSE_TAGS or c.tag in _ITEM_TAGS:
            continue
        span = w.blocks[c.first_block : c.end_block]
        if len(span) < 2 or not (
            span[0].tag in HEADING_TAGS
            or (text_weight(span[0].text) < _PROSE_MIN and span[0].text[-1] not in ".!?")
        ):
            continue
        shapes[c.tag] = shapes.get(c.tag, 0) + 1
        if (
            c.first_block > first_paragraph
            and sum(text_weight(block.text) for block in span) <= _TEASER_WEIGHT
            and any(block.link_chars * 2 > len(block.text) for block in span[1:])
            and not any(_in_quotation(containers, block) for block in span)
        ):
            boxes[c.tag] = idx
    found: set[int] = set()
    for tag, idx in boxes.items():
        if shapes[tag] == 1:
            c = containers[idx]
            found.update(id(block) for block in w.blocks[c.first_block : c.end_block])
    return found


def closing_boxes(w: Walk, flow: Flow) -> set[int]:
    """Ids of the blocks of boxes that follow the article's last paragraph in its flow.

    The article's text is written as the paragraphs of its flow (:class:`Flow`); what the site
    appends below them comes as boxes of its own: a support or sign-up call, a disclaimer, a
    rating prompt, a "more on this" teaser. A child of the flow that is not a paragraph, starts
    after the flow's last chosen ``<p>``, holds a link and is no longer than a notice
    (``_APPENDIX_WEIGHT`` weighted characters) points away from the text, and is dropped. The
    article's own closing lines are paragraphs of the flow and are not touched.
    """
    containers = w.containers
    last_paragraph = max(containers[block.owner].end_block for block in flow.paragraphs)
    end = containers[flow.index].end_block
    found: set[int] = set()
    for idx in range(flow.index + 1, len(containers)):
        c = containers[idx]
        if c.first_block >= end:
            break
        if (
            c.parent != flow.index
            or c.tag in _PROSE_TAGS
            or c.tag in _ITEM_TAGS
            or c.first_block < last_paragraph
        ):
            continue
        span = w.blocks[c.first_block : c.end_block]
        if (
            any(block.link_chars for block in span)
            and sum(text_weight(block.text) for block in span) <= _APPENDIX_WEIGHT
        ):
            found.update(id(block) for block in span)
    return found


def styled_apart_closing(w: Walk, flow: Flow) -> set[int]:
    """Ids of the paragraphs closing the article's flow in a style of their own.

    The paragraphs of an article's text share one style: the class most of the flow's chosen
    ``<p>`` carry (digits dropped: "p1", "line862" are serial names), when at least
    ``_STYLE_MIN`` carry it, none included. A run of paragraphs closing the flow, each with a
    class that shares no class word with that style, is set apart from the text by the site: a
    note below it, a rights notice, a source or "first published" line, a comment-rule notice.
    A variant of the text's style ("text last", "para para--final") is the text.
    """
    containers = w.containers
    paragraphs = flow.paragraphs
    styles: dict[str, int] = {}
    for block in paragraphs:
        style = containers[block.owner].style
        styles[style] = styles.get(style, 0) + 1
    usual = max(styles, key=styles.__getitem__)
    if styles[usual] < _STYLE_MIN:
        return set()
    words = set(usual.split())
    found: set[int] = set()
    for block in reversed(paragraphs):
        style = containers[block.owner].style
        if not style or style == usual or not words.isdisjoint(style.split()):
            break
        found.add(id(block))
    return found


@dataclass(frozen=True)
class Flow:
    """The element the article runs in (``index``, the parent of the most chosen ``<p>`` text)
    and the chosen ``<p>`` blocks whose parent it is, in order: what the box rules measure
    the text's own paragraphs by."""

    index: int
    paragraphs: list[Block]


def text_flow(containers: list[Container], junk: list[int], chosen: list[Block]) -> Flow | None:
    """The article's :class:`Flow` among the ``chosen`` blocks; None when no unhinted ``<p>``
    was chosen (the box rules then have nothing to measure by)."""
    flow_chars: dict[int, int] = {}
    for block in chosen:
        if block.tag == "p" and not junk[block.owner]:
            home = containers[block.owner].parent
            flow_chars[home] = flow_chars.get(home, 0) + len(block.text)
    if not flow_chars:
        return None
    index = max(flow_chars, key=flow_chars.__getitem__)
    return Flow(
        index,
        [block for block in chosen if block.tag == "p" and containers[block.owner].parent == index],
    )


def widget_blocks(w: Walk) -> set[int]:
    """Ids of the blocks that label an image or a form control: text that belongs to a widget.

    What shares a small box with a form control (a button, a text field, a choice) is the
    control's label or prompt: a sign-up or newsletter box, a poll, a comment or contact form,
    a consent prompt. What shares a small box with an image is its caption or credit, unless
    it is a paragraph (a ``<p>``, a list item) that ends a sentence: text set beside a picture
    rather than under it. The box is the nearest container around the image or control that holds text;
    it is small when it holds at most ``_WIDGET_BLOCKS`` blocks and ``_WIDGET_WEIGHT`` weighted
    characters (half of each for an image's). A box that is a list item or a table part is not
    taken: one control or picture per item is a list (ingredients to tick, products).
    """
    containers = w.containers
    found: set[int] = set()
    for owners, share, caption in ((w.control_owners, 1, False), (w.image_owners, 2, True)):
        for owner in set(owners):
            box = owner
            while box > 0 and containers[box].first_block == containers[box].end_block:
                box = containers[box].parent
            c = containers[box]
            if (
                box <= 0
                or c.tag in _ITEM_TAGS
                or c.end_block - c.first_block > _WIDGET_BLOCKS // share
            ):
                continue
            span = w.blocks[c.first_block : c.end_block]
            if sum(text_weight(block.text) for block in span) > _WIDGET_WEIGHT // share:
                continue
            found.update(
                id(block)
                for block in span
                if block.tag not in _ITEM_TAGS
                and block.tag not in HEADING_TAGS
                and not (caption and block.tag in _PARA_TAGS and block.text[-1] in _RUN_END)
            )
    return found


def marked_article(w: Walk, junk: list[int]) -> list[Block]:
    """The blocks of the page's explicitly marked article: the outermost ``<article>`` or
    body-marked container not under a hint, when the page has exactly one and it holds at most
    one other ``<article>`` not under a hint (several are a list or a stream of stories, and
    say nothing about which is the page's)."""
    containers = w.containers
    found: list[int] = []
    inside_end = -1  # end block of the last outermost candidate: nested ones are skipped
    for idx in range(1, len(containers)):
        c = containers[idx]
        if junk[idx] or not (c.tag == "article" or c.body_marker) or c.first_block < inside_end:
            continue
        if any(not junk[block.owner] for block in w.blocks[c.first_block : c.end_block]):
            inside_end = c.end_block
            found.append(idx)
    if len(found) != 1:
        return []
    c = containers[found[0]]
    nested = sum(
        1
        for idx in range(found[0] + 1, len(containers))
        if containers[idx].tag == "article"
        and not junk[idx]
        and containers[idx].first_block < c.end_block
        and containers[idx].end_block <= c.end_block
    )
    return w.blocks[c.first_block : c.end_block] if nested < 2 else []


def _paragraphs(
    blocks: list[Block],
    dropped: set[int],
    containers: list[Container],
    junk: list[int],
    rescued: set[int],
    title_key: str,
    announced: set[int],
) -> list[str]:
    """The text of ``blocks`` less the ``dropped`` ones (by id), the hinted ones not
    ``rescued``, clutter (but for the ``announced`` addresses, :func:`announced_links`), the
    title and repeats at the top, the links closing the text and the line announcing what was
    dropped after it (:func:`_without_lead_in`)."""
    lead: set[str] = set()
    kept: list[Block] = []
    for block in blocks:
        if (
            id(block) in dropped
            or (junk[block.owner] and id(block) not in rescued)
            or is_clutter(block, announced=id(block) in announced)
        ):
            continue
        key = _key(block.text)
        if key == title_key:
            continue
        if len(kept) < _LEAD_PARAGRAPHS:
            if key in lead:
                continue
            lead.add(key)
        kept.append(block)
    kept = _without_lead_in(_without_closing_links(kept, containers), blocks)
    # Soft hyphens are invisible break hints (hyphenated German, Dutch), not text.
    return [
        block.text.replace("\xad", "") if "\xad" in block.text else block.text
        for block in _without_orphan_headings(kept)
    ]


def _without_closing_links(blocks: list[Block], containers: list[Container]) -> list[Block]:
    """The blocks less the run of short linked lines that closes them.

    Where the article's text ends, lines that each hold a link and are too short to be a
    paragraph (under ``_POINTER_WEIGHT`` weighted characters) point away from it: a sign-up or
    app prompt, "more on this at", a source or licence link, a contact line. Headings inside
    the run go with it. A line of a quotation stays (an embedded post's attribution and date),
    and so does the first block: a page that is only such lines is left to the other filters.
    The run does not split a list: items of a list (or table) whose earlier items are kept stay
    with them, the last step of a recipe that links its basic recipe, say.
    """
    end = len(blocks)
    while end > 1:
        block = blocks[end - 1]
        if block.tag not in HEADING_TAGS and not (
            block.link_chars
            and text_weight(block.text) < _POINTER_WEIGHT
            and not _in_quotation(containers, block)
        ):
            break
        end -= 1
    # A list ends where it ends: items of a list whose earlier items are text stay with them.
    while (
        end < len(blocks)
        and blocks[end].tag in _LIST_ITEMS
        and blocks[end].tag == blocks[end - 1].tag
        and containers[blocks[end].owner].parent == containers[blocks[end - 1].owner].parent
    ):
        end += 1
    return blocks[:end]


def _without_lead_in(kept: list[Block], chosen: list[Block]) -> list[Block]:
    """The kept blocks less a last line that announces what was dropped below it.

    A short line without a link ending with a colon ("Contact:", "Read more in our series:")
    introduces what follows it. When it closes the kept text and the ``chosen`` blocks below it
    that were dropped hold links, what it introduced was dropped as clutter (a link list, a
    contact box, a teaser), and the line introduces nothing.
    """
    if len(kept) < 2:
        return kept
    line = kept[-1]
    if line.link_chars or line.text[-1] != ":" or text_weight(line.text) >= _POINTER_WEIGHT:
        return kept
    below = chosen[next(i for i, block in enumerate(chosen) if block is line) + 1 :]
    return kept[:-1] if any(block.link_chars for block in below) else kept


def _in_quotation(containers: list[Container], block: Block) -> bool:
    """Whether the block's element or its parent is a ``<blockquote>``."""
    owner = containers[block.owner]
    return owner.tag == "blockquote" or containers[owner.parent].tag == "blockquote"


def _without_orphan_headings(blocks: list[Block]) -> list[Block]:
    """The blocks less the headings that head nothing.

    A heading introduces what follows it, up to the next heading of its rank or higher. When
    nothing of that is left (the body ends, or the next heading of the same rank follows at
    once), what it headed was removed: the title of a related-links list, a share box or a
    comment form ("More on this topic", "Leave a reply"), not a part of the article. A heading
    element as long as running text (``_PROSE_MIN``) is a paragraph set in large type, and
    counts as text.
    """
    out: list[Block] = []
    following = 0  # what the next kept block is: 0 nothing, 1-6 a heading's rank, 7 text
    for block in reversed(blocks):
        if block.tag in HEADING_TAGS and text_weight(block.text) < _PROSE_MIN:
            rank = int(block.tag[1])
            if following <= rank:
                continue
            following = rank
        else:
            following = 7
        out.append(block)
    out.reverse()
    return out


__all__ = [
    "Flow",
    "announced_links",
    "body_paragraphs",
    "closing_boxes",
    "inset_boxes",
    "marked_article",
    "styled_apart_closing",
    "teaser_blocks",
    "text_flow",
    "widget_blocks",
]
