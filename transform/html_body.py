"""Pick the article body out of a walked page.

Every text block gets a value: long, link-free prose is positive, link lists, short fragments and
text inside clutter-classed containers are negative, and every wrapper element costs a little.
Values are summed bottom-up over the container tree, discounted per level, and the container with
the largest score wins: it holds as much prose and as little clutter as possible (see
:func:`select_blocks` for how an article split into sibling sections is rejoined). Its blocks then
pass through line-level filters (labels like "Advertisement", "Also read" promos, copyright lines,
lone datelines) and repeats that are page furniture are dropped (:func:`body_paragraphs`).

Embedded social posts (a tweet's ``<blockquote class="twitter-tweet">``, Instagram and similar
embeds) are kept on purpose, as quotations: without their scripts they are the quoted post and
its attribution line, which the article cites the way it cites any other source. Share widgets
and embed chrome around them are clutter like any other (class hints, link density).
"""

from __future__ import annotations

import re

from transform.html_dates import parse_date
from transform.html_metadata import CREDIT_LINE
from transform.html_walk import HEADING_TAGS, Block, Walk

_SENTENCE_END = frozenset(".!?\"'”»:;…)")
# Whole-block clutter: labels and promos that survive class-based muting.
_CLUTTER_LINE = re.compile(
    r"""^(?:
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
# Short blocks containing these are clutter (bounded by _SHORT).
_CLUTTER_PHRASE = re.compile(
    r"all\s+rights\s+reserved|^\s*(?:©|\(c\)|copyright\b)|we\s+use\s+cookies|cookie\s+policy"
    r"|sign\s+up\s+(?:for|to)\s+(?:our|the)\b.*newsletter|subscribe\s+to\s+(?:our|the)\b"
    r"|newsletter\s+sign[\s-]?up|^(?:photo|image|picture|illustration|graphic|video)s?"
    r"(?:\s+credits?)?\s*[:©/|]|\((?:getty\s+images|ap\s+photo|reuters|afp)[^)]*\)\s*$"
    r"|\bfollow\s+(?:us|him|her|them|me)\s+on\s+(?:twitter|facebook|instagram|linkedin|x)\b"
    r"|^photo(?:graph)?\s+by\s|\bon\s+unsplash\s*$|^this\s+(?:article|story)\s+(?:was\s+)?"
    r"(?:originally\s+)?(?:appeared|published)",
    re.IGNORECASE,
)
_SHORT = 220
_LEAD_PARAGRAPHS = 3
_DATE_PREFIX = re.compile(r"^\s*(?:published|updated|posted|last\s+updated|modified|on)\b\s*:?\s*",
                          re.IGNORECASE)
_WRAPPER_SHARE = 0.4  # a weak clutter hint on a container with this share of the text is layout
_DECAY = 0.9  # weight of a child container's score in its parent's
_SIBLING_LEVELS = 2  # how many branching levels up siblings are taken along
_SIBLING_MIN = 50.0  # a sibling's summed value must exceed this
_SIBLING_PROSE = 0.6  # share of a sibling's text that must be in paragraph-like tags
_WRAP_COST = 10.0  # every non-paragraph container costs this: teaser grids are many wrappers
_PROSE_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr"})


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


def is_clutter(block: Block) -> bool:
    """Block-level filter applied inside the chosen container."""
    text = block.text
    length = len(text)
    if text[0] == "<" and text[-1] == ">":
        return True  # markup as text: <noscript> content a parser kept verbatim
    if block.link_chars / length > 0.6 and block.tag not in HEADING_TAGS:
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
    if not any(ch.isdigit() for ch in text):
        return False
    return parse_date(_DATE_PREFIX.sub("", text)) is not None


def junk_flags(w: Walk, *, use_classes: bool = True) -> list[bool]:
    """Per container: does a class/id hint make it clutter? Hints are ignored on containers that
    hold an element named as the article body ("ad_body wrapper" around "article_body"), and
    weak hints ("sidebar", "menu") on containers holding a large share of the page's text:
    those are layout wrappers."""
    containers = w.containers
    count = len(containers)
    flags = [False] * count
    if not use_classes:
        return flags
    size = [0] * count
    marked = [c.body_marker for c in containers]
    for block in w.blocks:
        size[block.owner] += len(block.text)
    for idx in range(count - 1, 0, -1):
        parent = containers[idx].parent
        size[parent] += size[idx]
        marked[parent] = marked[parent] or marked[idx]
    large = _WRAPPER_SHARE * size[0]
    for idx in range(1, count):
        c = containers[idx]
        flags[idx] = flags[c.parent] or (not marked[idx] and (
            c.junk == 2 or (c.junk == 1 and size[idx] < large)))
    return flags


def select_blocks(w: Walk, junk: list[bool]) -> list[Block]:
    """The blocks of the best container, plus prose-rich sibling containers around it.

    The best container maximizes the sum of its blocks' values, each level up the tree
    discounted by ``_DECAY`` so a tight container of paragraphs beats a page-wide sum of teasers.
    An article split into sibling sections (text, figure, text) is then rejoined: siblings with
    a positive sum whose text is mostly in paragraph-like tags are taken along, level by level.
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
            own[owner] -= length
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
        # Plain wrappers (one child container, no text of their own) do not count as a level.
        while parent > 0 and (containers[parent].first_block, containers[parent].end_block) \
                == (containers[node].first_block, containers[node].end_block):
            node, parent = parent, containers[parent].parent
        if parent < 0:
            break
        extra = [c for c in range(parent + 1, count) if containers[c].parent == parent
                 and c != node and sums[c] > _SIBLING_MIN
                 and prose[c] >= _SIBLING_PROSE * chars[c]]
        if not extra:
            break
        chosen.extend(extra)
        node = parent
    if len(chosen) == 1:
        c = containers[best]
        return w.blocks[c.first_block:c.end_block]
    spans = sorted((containers[c].first_block, containers[c].end_block) for c in chosen)
    return [block for start, end in spans for block in w.blocks[start:end]]


def body_paragraphs(w: Walk, *, title: str = "", use_classes: bool = True) -> list[str]:
    """The article's paragraphs, in order, clutter and repeats removed.

    Repeats are dropped where they are page furniture, not text: the headline repeated in the
    body, a paragraph repeating the one before it, and in the lead a teaser repeated as the
    first paragraph. Later repeats stay (recipes and lists repeat lines on purpose).
    """
    if not w.blocks:
        return []
    junk = junk_flags(w, use_classes=use_classes)
    title_key = _key(title) if title else None
    lead: set[str] = set()
    previous = None
    out: list[str] = []
    for block in select_blocks(w, junk):
        if junk[block.owner] or is_clutter(block):
            continue
        key = _key(block.text)
        if key == title_key or key == previous or key in lead:
            continue
        if len(out) < _LEAD_PARAGRAPHS:
            lead.add(key)
        previous = key
        out.append(block.text)
    return out


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


__all__ = ["block_value", "body_paragraphs", "is_clutter", "junk_flags", "select_blocks"]
