"""Pick the article body out of a walked page.

Every text block gets a value: long, link-free prose is positive, link lists, short fragments and
text inside clutter-classed containers are negative, and every wrapper element costs a little.
Values are summed bottom-up over the container tree, discounted per level, and the container with
the largest score wins: it holds as much prose and as little clutter as possible (see
:func:`select_blocks` for how an article split into sibling sections is rejoined). Its blocks then
pass through line-level filters (labels like "Advertisement", "Also read" promos, copyright lines,
lone datelines), teaser lists of other pages inside it are dropped (:func:`teaser_blocks`), so
are single boxes set into the running text that point away from it (:func:`inset_boxes`: a
titled teaser, a "more on this" or support box) or appended below its last paragraph
(:func:`closing_boxes`: a support call, a disclaimer), the labels and prompts of widgets (:func:`widget_blocks`: the text of a small box around a
form control or an image) and the run of short linked lines closing the text, and repeats that
are page furniture are dropped (:func:`body_paragraphs`).

No hint is final: class hints inside an article that would leave it mostly empty are overruled
by its own prose (:func:`junk_flags`); the page's headline picks its story among several marked
ones (:func:`headline_check`); the article's ``<header>`` gives its standfirst
(:func:`header_lead`); a heading between two paragraphs of one container heads the article's
next part, whatever its own class says (:func:`subheadings`); the marked story around the
choice gives its opening lines (:func:`story_opening`); and the result is compared with the page's one marked article
(:func:`marked_article`), which wins when it holds over twice the text.

Embedded social posts (a tweet's ``<blockquote class="twitter-tweet">``, Instagram and similar
embeds) are kept on purpose, as quotations: without their scripts they are the quoted post and
its attribution line, which the article cites the way it cites any other source. Share widgets
and embed chrome around them are clutter like any other (class hints, link density).
"""

from __future__ import annotations

import re
from itertools import pairwise

from transform.html_dates import parse_date
from transform.html_metadata import CREDIT_LINE
from transform.html_walk import HEADING_TAGS, Block, Container, Walk

_SENTENCE_END = frozenset(".!?\"'”»:;…)")
_RUN_END = _SENTENCE_END | frozenset("“。！？")  # also a German closing quote, CJK stops
# Whole-block clutter: labels and promos that survive class-based muting, also when dashes or
# brackets frame them ("- Advertisement -", "[ Anzeige ]").
_CLUTTER_LINE = re.compile(
    r"""^\W*(?:
        (?:advertisement|advertising|anzeige|publicité|publicidad|pubblicità|sponsored(?:\s+content)?
           |ad|ads|story\s+continues\s+below(?:\s+advertisement)?|scroll\s+to\s+continue.*
           |continue\s+reading(?:\s+below)?|skip\s+advert(?:isement)?)\W*
      | (?:also\s+read|read\s+(?:more|also|next)|see\s+also|more\s+(?:on\s+this|stories)
           |related(?:\s+(?:articles?|stories|coverage|news|posts?|content|links|reading))?
           |recommended(?:\s+(?:for\s+you|reading|stories))?|you\s+may\s+also\s+like
           |most\s+(?:read|popular|viewed)|editor'?s\s+picks?|trending(?:\s+now)?)\b\W*
      | (?:also\s+read|read\s+(?:more|also|next)|see\s+also|related(?:\s+\w+)?
           |recommended(?:\s+for\s+you)?|more\s+from|you\s+may\s+also\s+like|most\s+read
           |editor'?s\s+picks?|watch|listen|click\s+here)\b\s*[:|>»\-–—].*
      | (?:\d+\s*(?:min(?:ute)?s?|m)\.?\s+read|reading\s+time\s*:?.*|lesezeit.*)
      | (?:share|share\s+this(?:\s+(?:article|story|post))?|tweet|email|print|facebook|twitter
           |linkedin|whatsapp|pinterest|reddit|copy\s+link|comments?|\d+\s+comments?
           |leave\s+a\s+(?:comment|reply)|sign\s+up|subscribe(?:\s+now)?|log\s*in|register)
        (?:\s*[|·•/,]\s*(?:share|tweet|email|print|facebook|twitter|linkedin|whatsapp|pinterest
           |reddit|copy\s+link|comments?))*\W*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Short blocks containing these are clutter (bounded by _SHORT): notices, credits, and calls to
# follow or subscribe ("Follow <anyone> on Twitter", "Subscribe to <site>'s newsletters"). A
# copyright sign anywhere in a short block marks a credit, whatever the language: a caption
# ending "| © Agency/Photographer" or a rights notice; running text cites no rights holder.
_CLUTTER_PHRASE = re.compile(
    r"all\s+rights\s+reserved|©|^\s*(?:\(c\)|copyright\b)|we\s+use\s+cookies|cookie\s+policy"
    r"|sign\s+up\s+(?:for|to)\s+(?:our|the)\b.*newsletter|subscribe\s+to\s+(?:our|the|[\w.]+['’]s)\b"
    r"|newsletter\s+sign[\s-]?up|^(?:photo|image|picture|illustration|graphic|video)s?"
    r"(?:\s+credits?)?\s*[:©/|]|\((?:getty\s+images|ap\s+photo|reuters|afp)[^)]*\)\s*$"
    r"|\bfollow\b[^.!?]{0,60}\bon\s+(?:twitter|facebook|instagram|linkedin|youtube|tiktok|x)\b"
    r"|^photo(?:graph)?\s+by\s|\bon\s+unsplash\s*$|^this\s+(?:article|story)\s+(?:was\s+)?"
    r"(?:originally\s+)?(?:appeared|published)",
    re.IGNORECASE,
)
_SHORT = 220
_WORDS = re.compile(r"\w+")
_LEAD_PARAGRAPHS = 3
_DATE_PREFIX = re.compile(r"^\s*(?:published|updated|posted|last\s+updated|modified|on)\b\s*:?\s*",
                          re.IGNORECASE)
CLASS_JUNK, SUSPECT = 1, 2  # junk_flags values
_WRAPPER_SHARE = 0.4  # a weak clutter hint on a container with this share of the text is layout
_DECAY = 0.9  # weight of a child container's score in its parent's
_SIBLING_LEVELS = 2  # how many branching levels up siblings are taken along
_SIBLING_MIN = 50.0  # a sibling's summed value must exceed this
_SIBLING_PROSE = 0.6  # share of a sibling's text that must be in paragraph-like tags
_WRAP_COST = 10.0  # every non-paragraph container costs this: teaser grids are many wrappers
_EXTRA_LINKS = 0.25  # evidence-found text with more of it in links is not taken (choose_blocks)
_LEAD_LEVELS = 3  # ancestors of the body searched for the article's <header> (header_lead)
_PROSE_MIN = 80  # weighted characters of a block that reads as running text (_is_prose)
_MARKED_RATIO = 2.0  # the marked article replaces a choice holding under half its text
_CUT_SHORT = ("…", "...", "[…]", "[...]")  # an excerpt's end
_TRUSTED_PROSE = 0.5  # a hinted container this much prose is trusted when its article is mostly hinted
_PROSE_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr"})
_TEASER_ITEMS = 3  # sibling items that make a teaser list (teaser_blocks)
_TEASER_BLOCKS = 4  # an item of a teaser list holds a linked title and a line or two
_TEASER_WEIGHT = 400  # ...of an excerpt's length, not an article section's
_WIDGET_BLOCKS = 4  # a box this small around a form control is its label or prompt (widget_blocks)
_WIDGET_WEIGHT = 500  # ...in weighted characters; half of both around an image (its caption)
_APPENDIX_WEIGHT = 600  # a box below the text this short is a notice, not a part (closing_boxes)
_STYLE_MIN = 3  # paragraphs sharing a class make it the text's style (styled_apart_closing)
_POINTER_WEIGHT = 120  # a linked line shorter than this ends no article (_without_closing_links)
_DESCRIBED_PARAGRAPHS = 2  # an itemprop="description" this many paragraphs long is the text
_LIST_ITEMS = frozenset({"li", "dd", "dt", "tr"})  # items of one list or table
_ITEM_TAGS = frozenset({"li", "tr", "td", "dd", "dt", "ul", "ol", "table", "tbody"})


def block_value(block: Block) -> float:
    """How much a block looks like article prose (positive) or clutter (negative)."""
    length = len(block.text)
    density = block.link_chars / length
    if density > 0.5:
        return -float(length)
    if block.tag in HEADING_TAGS:
        return 0.0
    value = length * (1.0 - density) - 25.0
    if block.text[-1] in _SENTENCE_END:
        value += 15.0
    return value


def is_clutter(block: Block, *, announced: bool = False) -> bool:
    """Block-level filter applied inside the chosen container. An ``announced`` block is a
    line the text introduces (:func:`announced_links`): its link does not make it clutter."""
    text = block.text
    length = len(text)
    if text[0] == "<" and text[-1] == ">":
        return True  # markup as text: <noscript> content a parser kept verbatim
    if block.link_chars / length > 0.6 and block.tag not in HEADING_TAGS and not announced:
        return True
    if length <= 120 and _CLUTTER_LINE.match(text):
        return True
    if length <= _SHORT and _CLUTTER_PHRASE.search(text) is not None:
        return True
    if length <= _SHORT and CREDIT_LINE.match(text):
        return True  # a byline at the end: its names go to the authors
    return length <= 60 and _is_dateline(text)


def _is_dateline(text: str) -> bool:
    """A block that is only a date ("November 2, 2021", "Updated: 14.03.2024 10:15")."""
    if not any(map(str.isdigit, text)):
        return False
    return parse_date(_DATE_PREFIX.sub("", text)) is not None


def junk_flags(w: Walk, *, use_classes: bool = True) -> list[int]:
    """Per container: 0 keep, ``CLASS_JUNK`` when a class/id hint makes it clutter,
    ``SUSPECT`` when it lies in a suspect element (``<header>``, ``<nav>``, ``<aside>``,
    ``<figure>``). Hints and suspect elements are reversed on containers that hold an element
    named as the article body ("ad_body wrapper" around "article_body"); weak hints ("sidebar",
    "menu") and page furniture (``<header>``, ``<nav>``, ``<aside>``) also on containers
    holding a large share of the page's text: those are layout wrappers (an unclosed
    ``<header>`` around the whole page)."""
    containers = w.containers
    count = len(containers)
    flags = [0] * count
    size = [0] * count
    marked = [c.body_marker for c in containers]
    for block in w.blocks:
        size[block.owner] += len(block.text)
    for idx in range(count - 1, 0, -1):
        parent = containers[idx].parent
        size[parent] += size[idx]
        marked[parent] = marked[parent] or marked[idx]
    large = _WRAPPER_SHARE * size[0]
    trusted = _described_texts(w)
    for _round in range(2):
        for idx in range(1, count):
            c = containers[idx]
            flags[idx] = flags[c.parent]
            if flags[idx] or marked[idx] or idx in trusted:
                continue
            if use_classes and (c.junk == 2 or (c.junk == 1 and size[idx] < large)):
                flags[idx] = CLASS_JUNK
            elif c.suspect == 2 or (c.suspect == 1 and size[idx] < large):
                flags[idx] = SUSPECT
        if not use_classes:
            break
        overruled = _overruled_hints(w, flags)
        if not overruled:
            break
        trusted |= overruled
    return flags


def _described_texts(w: Walk) -> set[int]:
    """Containers marked ``itemprop="description"`` that hold the item's text itself.

    The mark is taken as a standfirst (a teaser of the text, not the text), and is one when it
    is a paragraph. A description of two or more paragraphs of running text (``_is_prose``) is
    not a line above the text but the text: a product's description, a post whose whole body
    the theme marks as its description.
    """
    containers = w.containers
    described = [idx for idx in range(1, len(containers)) if containers[idx].description]
    found: set[int] = set()
    for idx in described:
        c = containers[idx]
        prose = 0
        for block in w.blocks[c.first_block:c.end_block]:
            prose += _is_prose(block)
            if prose >= _DESCRIBED_PARAGRAPHS:
                found.add(idx)
                break
    return found


def _is_prose(block: Block) -> bool:
    """A block that reads as running text: long enough and mostly outside links."""
    return block.tag not in HEADING_TAGS and text_weight(block.text) >= _PROSE_MIN \
        and block.link_chars < _EXTRA_LINKS * len(block.text)


def _overruled_hints(w: Walk, flags: list[int]) -> set[int]:
    """Containers whose class hint the article's own evidence overrules.

    A clutter class ("share", "ads", a nested ``<article>``) is a guess about a widget; an
    article (an ``<article>`` element or a container named as the body) cannot be mostly
    widgets. When the prose under such hints inside an article outweighs the article's
    unhinted prose, the hinted containers that are themselves mostly prose are trusted, except
    a single excerpt under a linked heading or cut short with an ellipsis (a teaser of another
    page).
    """
    containers = w.containers
    count = len(containers)
    origin = [-1] * count  # the container whose own hint put this one under CLASS_JUNK
    anchor = [-1] * count  # nearest enclosing article or body-marked container
    for idx in range(1, count):
        c = containers[idx]
        parent = c.parent
        anchor[idx] = anchor[parent]
        if flags[idx] == CLASS_JUNK:
            origin[idx] = origin[parent] if flags[parent] == CLASS_JUNK else idx
        elif (c.tag == "article" or c.body_marker) and not flags[idx]:
            anchor[idx] = idx
    kept = [0] * count  # per anchor: prose outside hinted containers
    hinted = [0] * count  # per anchor: prose inside them
    own_prose = [0] * count  # per hint origin: its prose
    own_blocks = [0] * count  # per hint origin: its prose blocks
    teaser = [False] * count  # per hint origin: a linked heading or an excerpt cut short
    own_chars = [0] * count
    for block in w.blocks:
        owner = block.owner
        start = origin[owner] if flags[owner] == CLASS_JUNK else owner
        home = anchor[start]
        prose = len(block.text) if _is_prose(block) else 0
        if flags[owner] == CLASS_JUNK:
            own_chars[start] += len(block.text)
            own_prose[start] += prose
            own_blocks[start] += prose > 0
            if (block.tag in HEADING_TAGS and block.link_chars * 2 > len(block.text)) \
                    or (prose and block.text.endswith(_CUT_SHORT)):
                teaser[start] = True
            if home >= 0:
                hinted[home] += prose
        elif home >= 0 and not flags[owner]:
            kept[home] += prose
    candidates = [idx for idx in range(1, count)
                  if origin[idx] == idx and anchor[idx] >= 0
                  and hinted[anchor[idx]] > kept[anchor[idx]]
                  and own_prose[idx] >= _TRUSTED_PROSE * own_chars[idx] and own_blocks[idx]]
    # One excerpt under a linked title or cut short is a teaser of another page.
    return {idx for idx in candidates if own_blocks[idx] > 1 or not teaser[idx]}


def select_blocks(w: Walk, junk: list[int]) -> list[Block]:
    """The blocks of the best container, plus prose-rich sibling containers around it.

    The best container maximizes the sum of its blocks' values, each level up the tree
    discounted by ``_DECAY`` so a tight container of paragraphs beats a page-wide sum of teasers.
    An article split into sibling sections (text, figure, text) is then rejoined: siblings with
    a positive sum whose text is mostly in paragraph-like tags are taken along, level by level.
    A section made of a heading and the chosen text counts as one with it; its siblings are then
    taken only when they open with a heading too (the article's other parts, not the teaser of
    the next story after them).
    """
    containers = w.containers
    count = len(containers)
    own = [0.0] * count
    prose = [0] * count
    chars = [0] * count
    for block in w.blocks:
        owner = block.owner
        length = len(block.text)
        chars[owner] += length
        if junk[owner]:
            if junk[owner] == CLASS_JUNK:
                own[owner] -= length  # suspect elements weigh nothing, as if absent
            continue
        own[owner] += block_value(block)
        if block.tag in _PROSE_TAGS:
            prose[owner] += length
    for idx, c in enumerate(containers):
        if c.tag not in _PROSE_TAGS:
            own[idx] -= _WRAP_COST
    scores = own[:]
    sums = own[:]
    for idx in range(count - 1, 0, -1):
        parent = containers[idx].parent
        scores[parent] += scores[idx] * _DECAY
        sums[parent] += sums[idx]
        prose[parent] += prose[idx]
        chars[parent] += chars[idx]
    best = max(range(count), key=scores.__getitem__)
    chosen = [best]
    node = best
    for _level in range(_SIBLING_LEVELS):
        parent = containers[node].parent
        # Plain wrappers do not count as a level: no text of their own beside the node's, or
        # only the heading of the section the node is the text of (a marked story's heading is
        # its title: what lies beside the story is other stories).
        sections = False  # the node is a heading with its text: its siblings must be too
        while parent > 0 and _section_of(w, containers[parent], containers[node]):
            sections = sections or containers[parent].first_block != containers[node].first_block
            node, parent = parent, containers[parent].parent
        if parent < 0:
            break
        extra = [c for c in range(parent + 1, count) if containers[c].parent == parent
                 and c != node and sums[c] > _SIBLING_MIN
                 and prose[c] >= _SIBLING_PROSE * chars[c]
                 and (not sections or _heading_led(w, containers[c]))]
        if not extra:
            break
        if sections:
            chosen = [node]  # the node's section with its heading (it holds what was chosen)
        chosen.extend(extra)
        node = parent
    if len(chosen) == 1:
        c = containers[best]
        return w.blocks[c.first_block:c.end_block]
    spans = sorted((containers[c].first_block, containers[c].end_block) for c in chosen)
    return [block for start, end in spans for block in w.blocks[start:end]]


def _heading_led(w: Walk, c: Container) -> bool:
    """Whether the container opens with a heading (a section of a sectioned article)."""
    return c.first_block < c.end_block and w.blocks[c.first_block].tag in HEADING_TAGS


def _section_of(w: Walk, outer: Container, inner: Container) -> bool:
    """Whether ``outer`` only wraps ``inner``: no text beside it, or, when ``outer`` is not a
    marked story, only headings before it (a section made of its heading and its text)."""
    if outer.end_block != inner.end_block:
        return False
    if outer.first_block == inner.first_block:
        return True
    if outer.tag == "article" or outer.body_marker:
        return False
    return all(block.tag in HEADING_TAGS for block in w.blocks[outer.first_block:inner.first_block])


def choose_blocks(w: Walk, junk: list[int]) -> list[Block]:
    """The article's blocks from two extractions compared by a stated rule.

    The primary one (:func:`select_blocks`) is exact about where an article's paragraphs sit;
    the evidence one (:func:`evidence_select`) sees text spread over the tree that the first
    leaves out (an intro above the container, an article over sibling sections). What the
    evidence adds is taken only as a whole and only when it reads as prose: a positive summed
    value and under ``_EXTRA_LINKS`` of its text inside links. Otherwise the primary stands.
    """
    primary = select_blocks(w, junk)
    taken = {id(block) for block in primary}
    containers = w.containers
    extra = [block for c in evidence_select(w, junk)
             for block in w.blocks[containers[c].first_block:containers[c].end_block]
             if id(block) not in taken and not junk[block.owner]]
    if not extra:
        return primary
    length = sum(len(block.text) for block in extra)
    links = sum(block.link_chars for block in extra)
    if links >= _EXTRA_LINKS * length or sum(map(block_value, extra)) <= 0.0:
        return primary
    taken.update(id(block) for block in extra)
    return [block for block in w.blocks if id(block) in taken]


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
        gap = blocks[start + 1:end]
        if _home(containers, blocks[end]) == home and all(
                not junk[block.owner] and _home(containers, block) == home for block in gap):
            added.extend(gap)
    home = _home(containers, blocks[spots[-1]])
    for block in blocks[spots[-1] + 1:]:
        if block.tag != "p" or junk[block.owner] or block.link_chars \
                or _home(containers, block) != home or block.text[-1] not in _RUN_END:
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
    extra = [block for block in w.blocks[start:end]
             if id(block) not in taken and not junk[block.owner] and not is_clutter(block)]
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
        span = w.blocks[c.first_block:c.end_block]
        if not any(id(block) in taken for block in span) \
                and any(_is_prose(block) and not junk[block.owner] for block in span):
            if _parts_of_one_article(containers, junk, story, other) \
                    or _continues(w, junk, story, other):
                taken.update(id(block) for block in span)
                return [block for block in w.blocks if id(block) in taken]
            return span
    return chosen


def _parts_of_one_article(containers: list[Container], junk: list[int], one: int,
                          other: int) -> bool:
    """Whether two marked stories are parts of one ``<article>``: neither is an ``<article>``
    itself (a body-marked block, as "article-content" around the opening and again around the
    text) and an ``<article>`` not under a hint holds both."""
    if containers[one].tag == "article" or containers[other].tag == "article":
        return False
    around = set(_ancestors(containers, other))
    return any(containers[idx].tag == "article" and not junk[idx]
               for idx in _ancestors(containers, one) if idx in around)


def _continues(w: Walk, junk: list[int], story: int, other: int) -> bool:
    """Whether marked story ``other`` continues ``story``: it starts below it and opens with
    running text, not with a heading of its own (the next story of a stream has its headline)."""
    later = w.containers[other]
    if later.first_block < w.containers[story].end_block:
        return False
    for block in w.blocks[later.first_block:later.end_block]:
        if junk[block.owner] or is_clutter(block):
            continue
        return block.tag not in HEADING_TAGS
    return False


def _headline(w: Walk, junk: list[int], title_key: str) -> int:
    """Index of the first heading block stating the page's title, not under a hint (-1)."""
    if not title_key:
        return -1
    return next((i for i, block in enumerate(w.blocks) if block.tag in HEADING_TAGS
                 and junk[block.owner] != CLASS_JUNK and _key(block.text) == title_key), -1)


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
        headers = [c for c in range(node - 1, parent, -1)
                   if containers[c].parent == parent and containers[c].tag == "header"
                   and containers[c].end_block <= first]
        if headers:
            header = containers[headers[0]]
            between = w.blocks[header.end_block:first]
            if any(_is_prose(block) and not junk[block.owner] for block in between):
                return []
            return [block for block in w.blocks[header.first_block:header.end_block]
                    if block.tag == "p" and junk[block.owner] != CLASS_JUNK
                    and _is_prose(block) and not is_clutter(block)]
        if containers[parent].tag == "article" or containers[parent].body_marker:
            break
        node = parent
    return []


def lead_run(w: Walk, junk: list[int], chosen: list[Block]) -> list[Block]:
    """The running text directly above the chosen blocks: a lead in an element of its own.

    The chosen container often starts one element below the article's opening: a lead
    paragraph in its own ``<div>`` beside the text's container, a first paragraph set apart for
    a drop cap. The blocks right above the first chosen one that read as running text
    (:func:`_is_prose`: long enough, mostly outside links, not a heading), not under a hint and
    not clutter, continue the text upward; the run stops at the first block that does not (the
    headline, a date or byline, a caption, a link list). This is :func:`paragraph_run`'s
    continuation below the text, upward.
    """
    if not chosen:
        return []
    first = chosen[0]
    start = next(i for i, block in enumerate(w.blocks) if block is first)
    top = start
    while top > 0:
        block = w.blocks[top - 1]
        if junk[block.owner] or not _is_prose(block) or is_clutter(block):
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
        if junk[owner] != CLASS_JUNK or containers[owner].tag != block.tag \
                or junk[containers[owner].parent] \
                or not (block.tag in HEADING_TAGS or _set_as_heading(containers[owner], block)):
            continue
        home = containers[owner].parent
        if all(_is_prose(b) and not junk[b.owner] and not is_clutter(b)
               and _home(containers, b) == home for b in (chosen[i - 1], chosen[i + 1])):
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
        while j < len(parts) and parts[j][0] >= 0 and home > 0 and not junk[home] \
                and containers[parts[j][0]].parent == home \
                and all(_quoted(containers, b.owner, parts[j][0]) for b in parts[j][1]):
            j += 1
        if j > i and i > 0 and j < len(parts) and all(
                origin < 0 and blocks[0].tag == "p" and not junk[blocks[0].owner]
                and not is_clutter(blocks[0]) and _home(containers, blocks[0]) == home
                for origin, blocks in (parts[i - 1], parts[j])):
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
    return c.end_block - c.first_block == 1 and not block.link_chars \
        and text_weight(block.text) < _PROSE_MIN


def _home(containers: list[Container], block: Block) -> int:
    """The container a block's text runs in: a paragraph's parent, else its own element."""
    owner = block.owner
    return containers[owner].parent if block.tag in _PARA_TAGS else owner


def body_paragraphs(w: Walk, *, title: str = "", use_classes: bool = True) -> list[str]:
    """The article's paragraphs, in order, clutter and repeats removed.

    Only repeats that are demonstrably page furniture are dropped: the headline repeated in the
    body, and at the very top a teaser or standfirst repeated as the first paragraphs (a repeat
    while fewer than ``_LEAD_PARAGRAPHS`` paragraphs are out). Repeats further down stay, even
    of the paragraph before: recipes, lists, poems and quoted replies repeat lines on purpose.

    The result is compared with a simpler extraction, the page's marked article
    (:func:`marked_article`), and that is taken instead when it holds more than
    ``_MARKED_RATIO`` times the text and no more of it inside links than ``_EXTRA_LINKS``.
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
    rescued = {id(block) for block in standfirst} | subheadings(w, junk, chosen) \
        | quoted_posts(w, junk, chosen)
    teasers = teaser_blocks(w) | widget_blocks(w) | inset_boxes(w, junk, chosen) \
        | closing_boxes(w, junk, chosen) | styled_apart_closing(w, junk, chosen)
    out = _paragraphs(chosen, teasers, w.containers, junk, rescued, title_key,
                      announced_links(w, junk, chosen))
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
        if block.tag != "p" or junk[block.owner] or not 0 < i < len(blocks) - 1 \
                or blocks[i - 1].text[-1] != ":" or any(map(str.isspace, block.text)):
            continue
        home = containers[block.owner].parent
        if all(b.tag == "p" and not junk[b.owner] and containers[b.owner].parent == home
               and b.link_chars < _EXTRA_LINKS * len(b.text) and not is_clutter(b)
               for b in (blocks[i - 1], blocks[i + 1])):
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
        span = w.blocks[c.first_block:c.end_block]
        if not any(block.link_chars * 2 > len(block.text) for block in span[:2]):
            continue
        if not any(block.link_chars * 2 < len(block.text) and len(block.text) > _PARA_MIN
                   for block in span):
            continue
        if sum(text_weight(block.text) for block in span) <= _TEASER_WEIGHT:
            items.setdefault((c.parent, c.tag), []).append(idx)
    found: set[int] = set()
    for siblings in items.values():
        if len(siblings) >= _TEASER_ITEMS:
            for idx in siblings:
                c = containers[idx]
                found.update(id(block) for block in w.blocks[c.first_block:c.end_block])
    return found


def inset_boxes(w: Walk, junk: list[int], chosen: list[Block]) -> set[int]:
    """Ids of the blocks of boxes set into the article's running text: a teaser of another
    page, a "more on this" box, a sign-up or support call.

    The article runs as the paragraphs of one element (the flow, :func:`_flow`). A child of the flow that is not a paragraph but a box of its own,
    opened by a title (a heading, or a short line that ends no sentence), short in all (at
    most ``_TEASER_WEIGHT`` weighted characters) and pointing away (a line below its title
    mostly inside a link), placed after some of the flow's paragraphs, interrupts the text
    rather than continuing it. Only a box whose shape is unique in the flow is taken: an
    article divided into titled parts repeats that shape. A quotation (an embedded post and
    its attribution) is not a box: it is kept as the article cites it.
    """
    containers = w.containers
    flow = _flow(containers, junk, chosen)
    if flow < 0:
        return set()
    first_paragraph = min(containers[block.owner].first_block for block in chosen
                          if block.tag == "p" and containers[block.owner].parent == flow)
    boxes: dict[str, int] = {}  # per tag: the box that points away
    shapes: dict[str, int] = {}  # per tag: how many children of the flow open with a title
    for idx in range(flow + 1, len(containers)):
        c = containers[idx]
        if c.first_block >= containers[flow].end_block:
            break
        if c.parent != flow or c.tag in _PROSE_TAGS or c.tag in _ITEM_TAGS:
            continue
        span = w.blocks[c.first_block:c.end_block]
        if len(span) < 2 or not (span[0].tag in HEADING_TAGS or (
                text_weight(span[0].text) < _PROSE_MIN and span[0].text[-1] not in ".!?")):
            continue
        shapes[c.tag] = shapes.get(c.tag, 0) + 1
        if c.first_block > first_paragraph \
                and sum(text_weight(block.text) for block in span) <= _TEASER_WEIGHT \
                and any(block.link_chars * 2 > len(block.text) for block in span[1:]) \
                and not any(_in_quotation(containers, block) for block in span):
            boxes[c.tag] = idx
    found: set[int] = set()
    for tag, idx in boxes.items():
        if shapes[tag] == 1:
            c = containers[idx]
            found.update(id(block) for block in w.blocks[c.first_block:c.end_block])
    return found


def closing_boxes(w: Walk, junk: list[int], chosen: list[Block]) -> set[int]:
    """Ids of the blocks of boxes that follow the article's last paragraph in its flow.

    The article's text is written as the paragraphs of its flow (:func:`_flow`); what the site
    appends below them comes as boxes of its own: a support or sign-up call, a disclaimer, a
    rating prompt, a "more on this" teaser. A child of the flow that is not a paragraph, starts
    after the flow's last chosen ``<p>``, holds a link and is no longer than a notice
    (``_APPENDIX_WEIGHT`` weighted characters) points away from the text, and is dropped. The
    article's own closing lines are paragraphs of the flow and are not touched.
    """
    flow = _flow(w.containers, junk, chosen)
    if flow < 0:
        return set()
    containers = w.containers
    last_paragraph = max(containers[block.owner].end_block for block in chosen
                         if block.tag == "p" and containers[block.owner].parent == flow)
    found: set[int] = set()
    for idx in range(flow + 1, len(containers)):
        c = containers[idx]
        if c.first_block >= containers[flow].end_block:
            break
        if c.parent != flow or c.tag in _PROSE_TAGS or c.tag in _ITEM_TAGS \
                or c.first_block < last_paragraph:
            continue
        span = w.blocks[c.first_block:c.end_block]
        if any(block.link_chars for block in span) \
                and sum(text_weight(block.text) for block in span) <= _APPENDIX_WEIGHT:
            found.update(id(block) for block in span)
    return found


def styled_apart_closing(w: Walk, junk: list[int], chosen: list[Block]) -> set[int]:
    """Ids of the paragraphs closing the article's flow in a style of their own.

    The paragraphs of an article's text share one style: the class most of the flow's chosen
    ``<p>`` carry (digits dropped: "p1", "line862" are serial names), when at least
    ``_STYLE_MIN`` carry it, none included. A run of paragraphs closing the flow, each with a
    class that shares no class word with that style, is set apart from the text by the site: a
    note below it, a rights notice, a source or "first published" line, a comment-rule notice.
    A variant of the text's style ("text last", "para para--final") is the text.
    """
    flow = _flow(w.containers, junk, chosen)
    if flow < 0:
        return set()
    containers = w.containers
    paragraphs = [block for block in chosen
                  if block.tag == "p" and containers[block.owner].parent == flow]
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


def _flow(containers: list[Container], junk: list[int], chosen: list[Block]) -> int:
    """The element the article runs in: the parent of the most chosen ``<p>`` text (-1: none)."""
    flow_chars: dict[int, int] = {}
    for block in chosen:
        if block.tag == "p" and not junk[block.owner]:
            home = containers[block.owner].parent
            flow_chars[home] = flow_chars.get(home, 0) + len(block.text)
    if not flow_chars:
        return -1
    return max(flow_chars, key=flow_chars.__getitem__)


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
            if box <= 0 or c.tag in _ITEM_TAGS \
                    or c.end_block - c.first_block > _WIDGET_BLOCKS // share:
                continue
            span = w.blocks[c.first_block:c.end_block]
            if sum(text_weight(block.text) for block in span) > _WIDGET_WEIGHT // share:
                continue
            found.update(id(block) for block in span
                         if block.tag not in _ITEM_TAGS and block.tag not in HEADING_TAGS
                         and not (caption and block.tag in _PARA_TAGS
                                  and block.text[-1] in _RUN_END))
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
        if any(not junk[block.owner] for block in w.blocks[c.first_block:c.end_block]):
            inside_end = c.end_block
            found.append(idx)
    if len(found) != 1:
        return []
    c = containers[found[0]]
    nested = sum(1 for idx in range(found[0] + 1, len(containers))
                 if containers[idx].tag == "article" and not junk[idx]
                 and containers[idx].first_block < c.end_block
                 and containers[idx].end_block <= c.end_block)
    return w.blocks[c.first_block:c.end_block] if nested < 2 else []


def _paragraphs(blocks: list[Block], dropped: set[int], containers: list[Container],
                junk: list[int], rescued: set[int], title_key: str,
                announced: set[int]) -> list[str]:
    """The text of ``blocks`` less the ``dropped`` ones (by id), the hinted ones not
    ``rescued``, clutter (but for the ``announced`` addresses, :func:`announced_links`), the
    title and repeats at the top, the links closing the text and the line announcing what was
    dropped after it (:func:`_without_lead_in`)."""
    lead: set[str] = set()
    kept: list[Block] = []
    for block in blocks:
        if id(block) in dropped or (junk[block.owner] and id(block) not in rescued) \
                or is_clutter(block, announced=id(block) in announced):
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
    return [block.text.replace("\xad", "") if "\xad" in block.text else block.text
            for block in _without_orphan_headings(kept)]


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
                block.link_chars and text_weight(block.text) < _POINTER_WEIGHT
                and not _in_quotation(containers, block)):
            break
        end -= 1
    # A list ends where it ends: items of a list whose earlier items are text stay with them.
    while end < len(blocks) and blocks[end].tag in _LIST_ITEMS \
            and blocks[end].tag == blocks[end - 1].tag \
            and containers[blocks[end].owner].parent == containers[blocks[end - 1].owner].parent:
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
    below = chosen[next(i for i, block in enumerate(chosen) if block is line) + 1:]
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


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


__all__ = ["CLASS_JUNK", "SUSPECT", "block_value", "body_paragraphs", "choose_blocks",
           "closing_boxes", "evidence_select", "header_lead", "headline_check", "inset_boxes",
           "is_clutter", "junk_flags", "lead_run", "marked_article", "paragraph_run",
           "select_blocks", "story_opening", "styled_apart_closing", "subheadings",
           "teaser_blocks", "text_weight", "widget_blocks"]


# --- Container from evidence spread over the tree (Readability's scheme) ---------------------
_PARA_MIN = 25  # a block shorter than this (in weighted characters) gives no evidence
_COMMAS = re.compile("[,，、،;；]")
_WIDE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef\u3000-\u303f]")
_TAG_PRIOR = {"div": 5.0, "article": 8.0, "section": 3.0, "main": 3.0, "pre": 3.0, "td": 3.0,
              "blockquote": 3.0, "form": -3.0, "ol": -3.0, "ul": -3.0, "dl": -3.0, "li": -3.0,
              "address": -3.0, "h1": -5.0, "h2": -5.0, "h3": -5.0, "h4": -5.0, "h5": -5.0,
              "h6": -5.0, "th": -5.0}
_CLASS_WEIGHT = 25.0
_TOP_SHARE = 0.75  # candidates within this share of the best may pull the choice up
_SHARED_MIN = 3  # ...when this many of the top five share an ancestor
_SIBLING_SHARE = 0.2  # siblings scoring this share of the best are taken along
_PARA_TAGS = frozenset({"p", "pre", "blockquote", "li", "td", "tr", "dd"})


def text_weight(text: str) -> int:
    """Length of a text for scoring: characters, with each CJK or full-width character counted
    three times (one such character carries about as much as a short word)."""
    if text.isascii():
        return len(text)
    return len(text) + 2 * len(_WIDE.findall(text))


def evidence_select(w: Walk, junk: list[int]) -> list[int]:
    """Containers holding the article by evidence spread over the tree.

    Each paragraph-sized block scores 1 + its commas + its length / 100 (at most 3), credited in
    full to its container, half to the grandparent level and a third above (Readability's rule);
    a container's score is that credit plus a tag prior and +-25 for an explicit body marker or a
    clutter hint, times (1 - its link density). The best is then moved up to the ancestor most
    top candidates share and its siblings scoring a fair share of it are taken along.
    """
    containers = w.containers
    count = len(containers)
    credit = [0.0] * count
    chars = [0] * count
    links = [0] * count
    for block in w.blocks:
        owner = block.owner
        chars[owner] += len(block.text)
        links[owner] += block.link_chars
        if junk[owner]:
            continue
        weight = text_weight(block.text)
        if weight < _PARA_MIN:
            continue
        score = 1.0 + len(_COMMAS.findall(block.text)) + min(weight / 100.0, 3.0)
        score *= 1.0 - block.link_chars / len(block.text)
        node = owner if block.tag not in _PARA_TAGS else containers[owner].parent
        level = 0
        while node > 0 and level < 3:
            credit[node] += score / (1 if level == 0 else 2 if level == 1 else level * 3)
            node = containers[node].parent
            level += 1
    for idx in range(count - 1, 0, -1):
        parent = containers[idx].parent
        chars[parent] += chars[idx]
        links[parent] += links[idx]
    scores = [0.0] * count
    for idx in range(1, count):
        if credit[idx] <= 0.0:
            continue
        c = containers[idx]
        score = credit[idx] + _TAG_PRIOR.get(c.tag, 0.0)
        if c.body_marker:
            score += _CLASS_WEIGHT
        if c.junk:
            score -= _CLASS_WEIGHT
        scores[idx] = score * (1.0 - links[idx] / chars[idx] if chars[idx] else 1.0)
    ranked = sorted((i for i in range(1, count) if scores[i] > 0.0), key=scores.__getitem__,
                    reverse=True)
    if not ranked:
        return [0]
    best = ranked[0]
    top = scores[best]
    close = [i for i in ranked[1:5] if scores[i] >= _TOP_SHARE * top]
    if len(close) >= _SHARED_MIN - 1:
        ancestors = _ancestors(containers, best)
        for anc in ancestors:
            if sum(anc in _ancestors(containers, i) for i in close) >= _SHARED_MIN - 1:
                best = anc
                break
    # Climb while the parent scores about as well: the article continues beside the candidate.
    last = scores[best]
    parent = containers[best].parent
    while parent > 0 and scores[parent] >= top / 3.0:
        if scores[parent] > last:
            best = parent
        last = scores[parent]
        parent = containers[parent].parent
    # A wrapper that only holds the candidate says nothing new: take the wrapper.
    parent = containers[best].parent
    while parent > 0 and (containers[parent].first_block, containers[parent].end_block) \
            == (containers[best].first_block, containers[best].end_block):
        best, parent = parent, containers[parent].parent
    if parent < 0:
        return [best]
    floor = max(10.0, scores[best] * _SIBLING_SHARE)
    chosen = []
    for idx in range(parent + 1, count):
        c = containers[idx]
        if c.first_block >= containers[parent].end_block:
            break
        if c.parent != parent:
            continue
        if idx == best or scores[idx] >= floor:
            chosen.append(idx)
        elif c.tag in _PARA_TAGS and not junk[idx] and chars[idx]:
            density = links[idx] / chars[idx]
            weight = text_weight("".join(b.text for b in w.blocks[c.first_block:c.end_block]))
            if (weight > 80 and density < 0.25) or (density == 0.0 and 0 < weight <= 80
                    and w.blocks[c.end_block - 1].text[-1] in ".。!?"):
                chosen.append(idx)
    return chosen


def _ancestors(containers: list[Container], idx: int) -> list[int]:
    out: list[int] = []
    idx = containers[idx].parent
    while idx > 0:
        out.append(idx)
        idx = containers[idx].parent
    return out
