"""Take back the article text that the container choice leaves out or misplaces.

The chosen container (:mod:`transform.html_container`) often starts below the article's opening,
stops before its closing line, or loses a part to a class hint of its own. The rules here widen or
correct the choice: the paragraphs that continue its run of text (:func:`paragraph_run`) and the
running text directly above it (:func:`lead_run`); the page's headline picks its story among
several marked ones (:func:`headline_check`); the marked story around the choice gives its opening
lines (:func:`story_opening`); the article's ``<header>`` gives its standfirst
(:func:`header_lead`); a heading between two paragraphs of one container heads the article's next
part, whatever its own class says (:func:`subheadings`); and embedded posts in a hinted wrapper
are the quotations the article cites (:func:`quoted_posts`).
"""

from __future__ import annotations

from itertools import pairwise

from transform.html_container import (
    _EXTRA_LINKS,
    _PARA_TAGS,
    _PROSE_MIN,
    _PROSE_TAGS,
    _RUN_END,
    _SIBLING_PROSE,
    CLASS_JUNK,
    _ancestors,
    _is_prose,
    _key,
    is_clutter,
    is_credit,
    text_weight,
)
from transform.html_walk import HEADING_TAGS, Block, Container, Walk

_LEAD_LEVELS = 3  # ancestors of the body searched for the article's <header> (header_lead)
_STATED_WORDS = 3  # a stated line matches a block inside a longer one from this many words
_STATED_ITEMS = 2  # items of one list matching stated lines make the list the stated one
_ITEM_TAGS = frozenset({"li", "tr", "dd", "dt"})


def paragraph_run(w: Walk, junk: list[int], chosen: list[Block]) -> list[Block]:
    """The chosen blocks plus the paragraphs that continue their run of text.

    Siblings of the chosen container are taken by their own value (``_SIBLING_MIN``), which a
    short paragraph never reaches, nor one that links every name it mentions. Where the text
    runs is evidence too: blocks of the chosen paragraphs' container lying between two of them
    are part of the text whatever their score, and so are the ``<p>`` right after the last one
    that hold no link and end a sentence (a closing line; a label or a caption below the text
    ends none). Class hints and the block filters still apply to what is added.
    """
    if not chosen:
        return chosen
    containers = w.containers
    blocks = w.blocks
    index = {id(block): i for i, block in enumerate(blocks)}
    spots = sorted(index[id(block)] for block in chosen)
    added: list[Block] = []
    for start, end in pairwise(spots):
        if end - start < 2:
            continue
        home = _home(containers, blocks[start])
        gap = blocks[start + 1 : end]
        if _home(containers, blocks[end]) == home and all(
            not junk[block.owner] and _home(containers, block) == home for block in gap
        ):
            added.extend(gap)
    home = _home(containers, blocks[spots[-1]])
    for block in blocks[spots[-1] + 1 :]:
        if (
            block.tag != "p"
            or junk[block.owner]
            or block.link_chars
            or _home(containers, block) != home
            or block.text[-1] not in _RUN_END
        ):
            break
        added.append(block)
    if not added:
        return chosen
    taken = {id(block) for block in chosen} | {id(block) for block in added}
    return [block for block in blocks if id(block) in taken]


def story_opening(w: Walk, junk: list[int], chosen: list[Block], title_key: str) -> list[Block]:
    """The chosen blocks plus what their marked story holds above them (and between them).

    The densest container often starts below the article's own opening: a lead or subheading
    in the story's ``<header>``, an intro in a ``<div>`` beside the text, short lines the
    scores find too small. The story starts at the nearest ``<article>`` or body-marked
    container around all the chosen blocks (:func:`_story`), or, on a page without one, at the
    heading that states the page's title. Everything from there to the last chosen block that
    is not under a hint and not clutter is taken, as a whole, when it reads as article text:
    under ``_EXTRA_LINKS`` of it in links and at least ``_SIBLING_PROSE`` of it in
    paragraph-like tags or running text. What lies below the text is not taken: there sit the
    notices, subscription boxes and "more on this" lists. (Zyte's annotations leave most
    standfirsts out, so this costs a little precision there; the multilingual annotations and
    readers count them as the article.)
    """
    if not chosen:
        return chosen
    containers = w.containers
    last = chosen[-1]
    end = next(i for i in range(len(w.blocks) - 1, -1, -1) if w.blocks[i] is last)
    node = chosen[0].owner
    while node > 0 and containers[node].end_block <= end:
        node = containers[node].parent  # the smallest container around every chosen block
    story = _story(containers, node)
    if story > 0 and not junk[story]:
        start = containers[story].first_block
    else:
        start = _headline(w, junk, title_key)
        if start < 0:
            return chosen
    taken = {id(block) for block in chosen}
    extra = [
        block
        for block in w.blocks[start:end]
        if id(block) not in taken and not junk[block.owner] and not is_clutter(block)
    ]
    length = sum(len(block.text) for block in extra)
    if not length or sum(block.link_chars for block in extra) >= _EXTRA_LINKS * length:
        return chosen
    prose = sum(len(block.text) for block in extra if block.tag in _PROSE_TAGS or _is_prose(block))
    if prose < _SIBLING_PROSE * length:
        return chosen
    taken.update(id(block) for block in extra)
    return [block for block in w.blocks if id(block) in taken]


def headline_check(w: Walk, junk: list[int], chosen: list[Block], title_key: str) -> list[Block]:
    """The chosen blocks, or the article under the page's own headline when they lie elsewhere.

    The page's title names its article. When a heading states that title and lies in one
    marked story (an ``<article>`` or body-marked container) while the chosen blocks lie in
    another, the choice fell on another story (the next one of an endless scroll, a longer
    teaser): the headline's story is taken instead, if it holds prose (``_is_prose``, not under
    a hint). Two marked stories are one article split in parts, and both are taken, when they
    are parts of one ``<article>`` (:func:`_parts_of_one_article`) or when the chosen story
    follows the headline's and opens with running text rather than a heading of its own
    (:func:`_continues`: an intro part and a text part, each an ``<article>``). Otherwise the
    choice stands. (Adding all the prose between the headline and the
    chosen blocks as the article's lead was tried: it helps the multilingual set and hurts the
    Zyte set, whose annotations leave most standfirsts out; only the opening of a marked story
    is added, by :func:`story_opening`.)
    """
    containers = w.containers
    found = _headline(w, junk, title_key)
    if found < 0 or not chosen:
        return chosen
    heading = w.blocks[found]
    taken = {id(block) for block in chosen}
    if id(heading) in taken:
        return chosen
    story, other = _story(containers, heading.owner), _story(containers, chosen[0].owner)
    if story > 0 and other > 0 and story != other:
        c = containers[story]
        span = w.blocks[c.first_block : c.end_block]
        if not any(id(block) in taken for block in span) and any(
            _is_prose(block) and not junk[block.owner] for block in span
        ):
            if _parts_of_one_article(containers, junk, story, other) or _continues(
                w, junk, story, other
            ):
                taken.update(id(block) for block in span)
                return [block for block in w.blocks if id(block) in taken]
            return span
    return chosen


def _parts_of_one_article(
    containers: list[Container], junk: list[int], one: int, other: int
) -> bool:
    """Whether two marked stories are parts of one ``<article>``: neither is an ``<article>``
    itself (a body-marked block, as "article-content" around the opening and again around the
    text) and an ``<article>`` not under a hint holds both."""
    if containers[one].tag == "article" or containers[other].tag == "article":
        return False
    around = set(_ancestors(containers, other))
    return any(
        containers[idx].tag == "article" and not junk[idx]
        for idx in _ancestors(containers, one)
        if idx in around
    )


def _continues(w: Walk, junk: list[int], story: int, other: int) -> bool:
    """Whether marked story ``other`` continues ``story``: it starts below it and opens with
    running text, not with a heading of its own (the next story of a stream has its headline)."""
    later = w.containers[other]
    if later.first_block < w.containers[story].end_block:
        return False
    for block in w.blocks[later.first_block : later.end_block]:
        if junk[block.owner] or is_clutter(block):
            continue
        return block.tag not in HEADING_TAGS
    return False


def _headline(w: Walk, junk: list[int], title_key: str) -> int:
    """Index of the first heading block stating the page's title, not under a hint (-1)."""
    if not title_key:
        return -1
    return next(
        (
            i
            for i, block in enumerate(w.blocks)
            if block.tag in HEADING_TAGS
            and junk[block.owner] != CLASS_JUNK
            and _key(block.text) == title_key
        ),
        -1,
    )


def _story(containers: list[Container], idx: int) -> int:
    """The nearest ``<article>`` or body-marked container holding container ``idx`` (-1)."""
    while idx > 0 and not (containers[idx].tag == "article" or containers[idx].body_marker):
        idx = containers[idx].parent
    return idx if idx > 0 else -1


def header_lead(w: Walk, junk: list[int], chosen: list[Block]) -> list[Block]:
    """The standfirst in the article's ``<header>``, directly above the chosen blocks.

    A ``<header>`` is suspect (page furniture), but the one opening the article holds its
    headline and often the lead paragraph. Up to ``_LEAD_LEVELS`` ancestors of the first chosen
    block (stopping at the article element), a ``<header>`` child ending before that block, with
    no prose between the two, gives its prose paragraphs (``<p>`` reading as running text; not
    under a class hint).
    """
    if not chosen:
        return []
    containers = w.containers
    index = {id(block): i for i, block in enumerate(w.blocks)}
    first = index[id(chosen[0])]
    node = chosen[0].owner
    for _level in range(_LEAD_LEVELS):
        parent = containers[node].parent
        if parent <= 0:
            break
        headers = [
            c
            for c in range(node - 1, parent, -1)
            if containers[c].parent == parent
            and containers[c].tag == "header"
            and containers[c].end_block <= first
        ]
        if headers:
            header = containers[headers[0]]
            between = w.blocks[header.end_block : first]
            if any(_is_prose(block) and not junk[block.owner] for block in between):
                return []
            return [
                block
                for block in w.blocks[header.first_block : header.end_block]
                if block.tag == "p"
                and junk[block.owner] != CLASS_JUNK
                and _is_prose(block)
                and not is_clutter(block)
            ]
        if containers[parent].tag == "article" or containers[parent].body_marker:
            break
        node = parent
    return []


def lead_run(w: Walk, junk: list[int], chosen: list[Block]) -> list[Block]:
    """The running text directly above the chosen blocks: a lead in an element of its own.

    The chosen container often starts one element below the article's opening: a lead
    paragraph in its own ``<div>`` beside the text's container, a first paragraph set apart for
    a drop cap. The blocks right above the first chosen one that read as running text
    (:func:`transform.html_container._is_prose`: long enough, mostly outside links, not a
    heading), not under a hint and not clutter, continue the text upward; the run stops at the
    first block that does not (the headline, a date or byline, a link list). A picture's credit
    line (:func:`transform.html_container.is_credit`) does not stop it: a captioned picture often
    stands between the lead and the text (it is taken along and dropped as clutter). This is
    :func:`paragraph_run`'s continuation below the text, upward.
    """
    if not chosen:
        return []
    first = chosen[0]
    start = next(i for i, block in enumerate(w.blocks) if block is first)
    top = start
    while top > 0:
        block = w.blocks[top - 1]
        if (
            junk[block.owner]
            or not is_credit(block)
            and (not _is_prose(block) or is_clutter(block))
        ):
            break
        top -= 1
    return w.blocks[top:start]


def subheadings(w: Walk, junk: list[int], chosen: list[Block]) -> set[int]:
    """Ids of the headings inside the chosen text that a class hint of their own would drop.

    A heading element whose own class or id reads as clutter ("subheadline", an id starting
    "nav_" for a table of contents) is one hint; where it stands is more: between two paragraphs
    of the article's running text (``_is_prose``, kept) in the same container, it heads the next
    part of the article. A block of another element set as a heading counts too
    (:func:`_set_as_heading`: a ``<div class="subheadline">`` alone in its element). Only the
    heading's own hint is overruled, never one of a container around it (a "related" box with
    its title).
    """
    containers = w.containers
    found: set[int] = set()
    for i in range(1, len(chosen) - 1):
        block = chosen[i]
        owner = block.owner
        if (
            junk[owner] != CLASS_JUNK
            or containers[owner].tag != block.tag
            or junk[containers[owner].parent]
            or not (block.tag in HEADING_TAGS or _set_as_heading(containers[owner], block))
        ):
            continue
        home = containers[owner].parent
        if all(
            _is_prose(b)
            and not junk[b.owner]
            and not is_clutter(b)
            and _home(containers, b) == home
            for b in (chosen[i - 1], chosen[i + 1])
        ):
            found.add(id(block))
    return found


def quoted_posts(w: Walk, junk: list[int], chosen: list[Block]) -> set[int]:
    """Ids of the chosen blocks of quotations that a hinted wrapper would drop.

    An embedded post (a tweet, an Instagram post) is a ``<blockquote>`` that embed code often
    wraps in a container classed "social-embed" or "embed-share". Between two paragraphs of the
    article (``<p>``, kept) in the same container, hinted wrappers (one or several in a row)
    whose text all lies in ``<blockquote>`` elements hold quotations the article cites, not a
    share widget (which quotes nothing): their blocks are kept. Only a wrapper's own hint is
    overruled, not one of a box around it.
    """
    containers = w.containers
    parts: list[tuple[int, list[Block]]] = []  # (hint origin or -1, its blocks), in order
    for block in chosen:
        origin = -1
        if junk[block.owner] == CLASS_JUNK:
            origin = block.owner
            while junk[containers[origin].parent] == CLASS_JUNK:
                origin = containers[origin].parent
        if origin >= 0 and parts and parts[-1][0] == origin:
            parts[-1][1].append(block)
        else:
            parts.append((origin, [block]))
    found: set[int] = set()
    i = 0
    while i < len(parts):
        j = i
        home = containers[parts[i][0]].parent if parts[i][0] >= 0 else -1
        while (
            j < len(parts)
            and parts[j][0] >= 0
            and home > 0
            and not junk[home]
            and containers[parts[j][0]].parent == home
            and all(_quoted(containers, b.owner, parts[j][0]) for b in parts[j][1])
        ):
            j += 1
        if (
            j > i
            and i > 0
            and j < len(parts)
            and all(
                origin < 0
                and blocks[0].tag == "p"
                and not junk[blocks[0].owner]
                and not is_clutter(blocks[0])
                and _home(containers, blocks[0]) == home
                for origin, blocks in (parts[i - 1], parts[j])
            )
        ):
            found.update(id(b) for _origin, blocks in parts[i:j] for b in blocks)
        i = max(j, i + 1)
    return found


def _quoted(containers: list[Container], idx: int, outer: int) -> bool:
    """Whether container ``idx`` lies in a ``<blockquote>`` inside container ``outer``."""
    while idx >= outer:
        if containers[idx].tag == "blockquote":
            return True
        idx = containers[idx].parent
    return False


def _set_as_heading(c: Container, block: Block) -> bool:
    """Whether a block of another element is set as a heading (a ``<div class="subheadline">``):
    the only text of its element, outside links and shorter than a line of running text."""
    return (
        c.end_block - c.first_block == 1
        and not block.link_chars
        and text_weight(block.text) < _PROSE_MIN
    )


def _home(containers: list[Container], block: Block) -> int:
    """The container a block's text runs in: a paragraph's parent, else its own element."""
    owner = block.owner
    return containers[owner].parent if block.tag in _PARA_TAGS else owner


def stated_lines(w: Walk, chosen: list[Block], lines: tuple[str, ...]) -> list[Block]:
    """The blocks, outside the chosen ones, that state the lines the page's data gives as its
    content (a recipe's ingredients and steps, :attr:`Metadata.recipe_lines`).

    A recipe page often shows its steps as the densest text and its ingredients as a list of
    short lines (a table, a list, a box with a class hint) that no prose measure takes. The
    page's structured data names both; a block whose words are one of those lines (or hold one
    of at least ``_STATED_WORDS`` words: a step with its number) is the text, whatever its hint
    or its links. A block holding only a part of a line is not taken (a quantity set apart
    from its ingredient). Each line is taken where it first appears, the chosen
    text first: a repeat (a print view, a shopping list) adds nothing. A list of which at least
    ``_STATED_ITEMS`` items match is the ingredient list, and its other items come along (the
    data spells an item differently: "1 large chicken" for "1 large or 1200 g whole chicken").
    A heading outside links right above a block so taken is its title ("For the filling:").
    """
    keys = {_key(line) for line in lines} - {""}
    if not keys:
        return []
    claimed: set[str] = set()
    taken = {id(block) for block in chosen}
    for block in chosen:
        claimed |= _matches(_key(block.text), keys)
    found: list[Block] = []
    for block in w.blocks:
        if id(block) in taken:
            continue
        matched = _matches(_key(block.text), keys) - claimed
        if matched:
            claimed |= matched
            found.append(block)
    containers = w.containers
    lists: dict[int, int] = {}
    for block in found:
        if block.tag in _ITEM_TAGS:
            parent = containers[block.owner].parent
            lists[parent] = lists.get(parent, 0) + 1
    ids = {id(block) for block in found}
    for parent, count in lists.items():
        if count >= _STATED_ITEMS:
            ids.update(
                id(block)
                for block in w.blocks[containers[parent].first_block : containers[parent].end_block]
                if block.tag in _ITEM_TAGS
                and containers[block.owner].parent == parent
                and id(block) not in taken
            )
    for i in range(1, len(w.blocks)):
        before = w.blocks[i - 1]
        if (
            id(w.blocks[i]) in ids
            and before.tag in HEADING_TAGS
            and not before.link_chars
            and id(before) not in taken
        ):
            ids.add(id(before))
    return [block for block in w.blocks if id(block) in ids]


def _matches(key: str, keys: set[str]) -> set[str]:
    """The stated line keys that block text ``key`` states (see :func:`stated_lines`)."""
    if not key:
        return set()
    if key in keys:
        return {key}
    padded = f" {key} "
    return {line for line in keys if line.count(" ") + 1 >= _STATED_WORDS and f" {line} " in padded}


__all__ = [
    "header_lead",
    "headline_check",
    "lead_run",
    "paragraph_run",
    "quoted_posts",
    "stated_lines",
    "story_opening",
    "subheadings",
]
