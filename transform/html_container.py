"""Choose the container holding the article body in a walked page.

Every text block gets a value (:func:`block_value`): long, link-free prose is positive, link
lists, short fragments and text inside clutter-classed containers are negative, and every wrapper
element costs a little. Values are summed bottom-up over the container tree, discounted per level,
and the container with the largest score wins: it holds as much prose and as little clutter as
possible (see :func:`select_blocks` for how an article split into sibling sections is rejoined).
A second extraction, by evidence spread over the tree (:func:`evidence_select`, Readability's
scheme), adds what the first leaves out when it reads as prose (:func:`choose_blocks`).

No hint is final: class hints inside an article that would leave it mostly empty are overruled by
its own prose (:func:`junk_flags`). The line-level filter (:func:`is_clutter`: labels like
"Advertisement", "Also read" promos and their forms in other languages, copyright, credit and
advertising notices, lone datelines) and the measures of a block
the other body modules share (:func:`text_weight`, ``_is_prose``) are here too:
:mod:`transform.html_rescue` and :mod:`transform.html_body` build on this module, and it on
neither.
"""

from __future__ import annotations

import re

from transform.html_dates import parse_date, written_date_only
from transform.html_metadata import CREDIT_LINE
from transform.html_walk import HEADING_TAGS, Block, Container, Walk

_SENTENCE_END = frozenset(".!?\"'”»:;…)")
_RUN_END = _SENTENCE_END | frozenset("“。！？")  # also a German closing quote, CJK stops
# Whole-block clutter: labels and promos that survive class-based muting, also when dashes or
# brackets frame them ("- Advertisement -", "[ Anzeige ]"). A line opened by a pointer to other
# pages in another language ("Lesen Sie auch", "À lire aussi", "Lee también", "MIRA:") is one
# whatever follows it: the pointed-to headline. So are a widget's labels in those languages
# ("Teilen", "Kommentare", "Imprimer"), a table of contents' title, the placeholder of an
# embed the reader has not let load ("Externer Inhalt") and the label alone of the apparatus
# after the text ("Weitere Informationen:", "Quellenangaben:", "Literatur", "References").
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
      | (?:lesen\s+sie\s+(?:auch|mehr|hier|weiter)|lies\s+(?:auch|mehr)|auch\s+interessant
           |(?:das\s+)?(?:könnte|dürfte)\s+(?:sie|dich|euch)\s+auch\s+interessieren|schon\s+gelesen
           |(?:zum\s+)?weiterlesen|mehr\s+zum\s+thema|mehr\s+themen|siehe\s+auch|passend\s+dazu
           |(?:à\s+|a\s+)?lire\s+(?:aussi|également|encore)|voir\s+aussi|sur\s+le\s+même\s+sujet
           |le[ae]\s+(?:también|más)|leer\s+más|ver\s+también|te\s+puede\s+interesar|mira\s*:
           |leggi\s+(?:anche|ancora)|vedi\s+anche|potrebbe\s+interessarti|leia\s+(?:também|mais)
           |veja\s+também|czytaj\s+(?:też|także|więcej)|zobacz\s+(?:też|także)|lees\s+(?:ook|meer)
           |zie\s+ook)(?:\W.*)?
      | (?:\d+\s*(?:min(?:ute)?s?|m)\.?\s+read|reading\s+time\s*:?.*|lesezeit.*)
      | (?:(?:möchten\s+sie\s+)?(?:den|diesen)\s+(?:artikel|beitrag)\s+teilen|(?:artikel|beitrag|jetzt)
           \s+teilen|teilen|drucken|\d*\s*kommentare|partager|compartir|condividi|udostępnij
           |imprimer|imprimir|stampa|\d*\s*(?:commentaires|comentarios|commenti)
           |inhaltsverzeichnis|table\s+of\s+contents|sommaire|índice|indice|spis\s+treści
           |externer\s+inhalt)\W*
      | (?:(?:weitere|mehr)\s+informationen|zusatzinformationen|further\s+(?:reading|information)
           |more\s+information|plus\s+d['’]informations|más\s+información|quellen(?:angaben)?
           |sources?|references|literatur|bibliography|originalpublikation|original\s+publication
           |weiterführende\s+links|external\s+links|links)\s*:?\W*
      | (?:share|share\s+this(?:\s+(?:article|story|post))?|tweet|email|print|facebook|twitter
           |linkedin|whatsapp|pinterest|reddit|copy\s+link|comments?|\d+\s+comments?
           |leave\s+a\s+(?:comment|reply)|sign\s+up|subscribe(?:\s+now)?|log\s*in|register)
        (?:\s*[|·•/,]\s*(?:share|tweet|email|print|facebook|twitter|linkedin|whatsapp|pinterest
           |reddit|copy\s+link|comments?))*\W*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# The English words a picture's credit label is made of ("Photo", "Images"); _CREDIT_LABEL adds
# the other languages' words.
_PICTURE_WORD = r"(?:photo|image|picture|illustration|graphic|video)s?"
# Short blocks containing these are clutter (bounded by _SHORT): notices, credits, and calls to
# follow or subscribe ("Follow <anyone> on Twitter", "Subscribe to <site>'s newsletters"). A
# copyright sign anywhere in a short block marks a credit, whatever the language: a caption
# ending "| © Agency/Photographer" or a rights notice; running text cites no rights holder.
# An advertising disclosure is such a notice too ("This post contains affiliate links",
# "*Werbung. Dieser Beitrag enthält Werbung für ...", "Anzeige, enthält Affiliate Links").
# A block opened by an English picture label ("Photo:", "Image credit |") is a credit even
# when it runs over several lines (a credit above its caption), unlike a credit by
# _CREDIT_PHRASE, which is one line.
_CLUTTER_PHRASE = re.compile(
    r"all\s+rights\s+reserved|©|^\s*(?:\(c\)|copyright\b)|we\s+use\s+cookies|cookie\s+policy"
    r"|sign\s+up\s+(?:for|to)\s+(?:our|the)\b.*newsletter|subscribe\s+to\s+(?:our|the|[\w.]+['’]s)\b"
    rf"|newsletter\s+sign[\s-]?up|^{_PICTURE_WORD}(?:\s+credits?)?\s*[:©/|]"
    r"|\((?:getty\s+images|ap\s+photo|reuters|afp)[^)]*\)\s*$"
    r"|\bfollow\b[^.!?]{0,60}\bon\s+(?:twitter|facebook|instagram|linkedin|youtube|tiktok|x)\b"
    r"|^photo(?:graph)?\s+by\s|\bon\s+unsplash\s*$|^this\s+(?:article|story)\s+(?:was\s+)?"
    r"(?:originally\s+)?(?:appeared|published)"
    r"|affiliate[\s-]?links?|enthält\s+(?:werbung|affiliate)|werbende\s+inhalte"
    r"|^\W*(?:werbung|anzeige)\s*[.,:|–-]",
    re.IGNORECASE,
)
_SHORT = 220
# The label of a picture credit in the languages of the pages read ("Photo:", "Foto:", "Bild:",
# "Titelbild:", "Crédits photos :", "Credit:").
_CREDIT_LABEL = (
    rf"(?:{_PICTURE_WORD}|(?:foto|grafik)s?)"
    r"(?:\s+credits?|nachweis|quelle)?"
    r"|(?:titel|beitrags|header|aufmacher|vorschau)?bild(?:er|quelle|nachweis)?"
    r"|cr[ée]dits?(?:\s+photos?)?"
)
# A one-line block is a picture credit when such a label opens it, follows a caption's last word
# after a separator on the line ("Jane Doe, photo: Agency", "... ein Unfall. Bild: dpa") or
# closes it in brackets ("... im Überblick. (Foto: Getty)"): running text names no photographer
# that way. A line opened by a source label ("Quelle: dpa", "Source: CDC") credits a text or a
# table the same way (a source in brackets closing a sentence is the sentence's own). A block
# of several lines (<br>) holds more than the credit, and is left whole.
_CREDIT_PHRASE = re.compile(
    r"^\(?\s*(?:quellen?|sources?|fuentes?|fontes?|źródło|bron)\s*:|"
    rf"^\(?\s*(?:{_CREDIT_LABEL})\s*[:©/|]|[,.;|/–—][ \t\xa0]*(?:{_CREDIT_LABEL})[ \t\xa0]*:[ \t\xa0]*\S"
    rf"|\(\s*(?:{_CREDIT_LABEL})\s*:[^)]*\)\s*$",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\w+")
# What a date line says before its date, in the languages of the pages read.
_DATE_PREFIX = re.compile(
    r"^\s*(?:published|updated|posted|last\s+updated|modified|on"
    r"|(?:zuletzt\s+)?aktualisiert(?:\s+am)?|stand(?:\s+vom)?|publiziert(?:\s+am)?"
    r"|veröffentlicht(?:\s+am)?|erstellt(?:\s+am)?|datum|publié(?:\s+le)?|mis\s+à\s+jour(?:\s+le)?"
    r"|publicado(?:\s+el)?|actualizado(?:\s+el)?|pubblicato(?:\s+il)?|aggiornato(?:\s+il)?)"
    r"\b\s*:?\s*",
    re.IGNORECASE,
)
CLASS_JUNK, SUSPECT = 1, 2  # junk_flags values
_WRAPPER_SHARE = 0.4  # a weak clutter hint on a container with this share of the text is layout
_DECAY = 0.9  # weight of a child container's score in its parent's
_SIBLING_LEVELS = 2  # how many branching levels up siblings are taken along
_SIBLING_MIN = 50.0  # a sibling's summed value must exceed this
_SIBLING_PROSE = 0.6  # share of a sibling's text that must be in paragraph-like tags
_TEASER_EXCERPTS = 2  # a sibling holding this many excerpts cut short is a teaser list
_WRAP_COST = 10.0  # every non-paragraph container costs this: teaser grids are many wrappers
_EXTRA_LINKS = 0.25  # evidence-found text with more of it in links is not taken (choose_blocks)
_PROSE_MIN = 80  # weighted characters of a block that reads as running text (_is_prose)
_CUT_SHORT = ("…", "...", "[…]", "[...]")  # an excerpt's end
_TRUSTED_PROSE = (
    0.5  # a hinted container this much prose is trusted when its article is mostly hinted
)
_PROSE_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr"})
_DESCRIBED_PARAGRAPHS = 2  # an itemprop="description" this many paragraphs long is the text


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
    line the text introduces (:func:`transform.html_body.announced_links`): its link does not
    make it clutter."""
    text = block.text
    length = len(text)
    if text[0] == "<" and text[-1] == ">":
        return True  # markup as text: <noscript> content a parser kept verbatim
    if block.link_chars / length > 0.6 and block.tag not in HEADING_TAGS and not announced:
        return True
    if length <= 120 and _CLUTTER_LINE.match(text):
        return True
    if (length <= _SHORT and _CLUTTER_PHRASE.search(text) is not None) or is_credit(block):
        return True
    if length <= _SHORT and CREDIT_LINE.match(text):
        return True  # a byline at the end: its names go to the authors
    return length <= 60 and _is_dateline(text)


def is_credit(block: Block) -> bool:
    """A picture's caption or credit line (``_CREDIT_PHRASE``): one short line naming who took
    the picture."""
    text = block.text
    return len(text) <= _SHORT and "\n" not in text and _CREDIT_PHRASE.search(text) is not None


def _is_dateline(text: str) -> bool:
    """A block that is only a date ("November 2, 2021", "Updated: 14.03.2024 10:15",
    "Stand: 5. Februar 2020")."""
    if not any(map(str.isdigit, text)):
        return False
    date = _DATE_PREFIX.sub("", text)
    return parse_date(date) is not None or written_date_only(date)


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
    size, _links = _text_under(w)
    marked = [c.body_marker for c in containers]
    for idx in range(count - 1, 0, -1):
        parent = containers[idx].parent
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


def _text_under(w: Walk) -> tuple[list[int], list[int]]:
    """Per container: the characters of all the text inside it, and of the text inside its
    links, hinted and suspect elements included."""
    containers = w.containers
    chars = [0] * len(containers)
    links = [0] * len(containers)
    for block in w.blocks:
        chars[block.owner] += len(block.text)
        links[block.owner] += block.link_chars
    for idx in range(len(containers) - 1, 0, -1):
        parent = containers[idx].parent
        chars[parent] += chars[idx]
        links[parent] += links[idx]
    return chars, links


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
        for block in w.blocks[c.first_block : c.end_block]:
            prose += _is_prose(block)
            if prose >= _DESCRIBED_PARAGRAPHS:
                found.add(idx)
                break
    return found


def _is_prose(block: Block) -> bool:
    """A block that reads as running text: long enough and mostly outside links."""
    return (
        block.tag not in HEADING_TAGS
        and text_weight(block.text) >= _PROSE_MIN
        and block.link_chars < _EXTRA_LINKS * len(block.text)
    )


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
            if (block.tag in HEADING_TAGS and block.link_chars * 2 > len(block.text)) or (
                prose and block.text.endswith(_CUT_SHORT)
            ):
                teaser[start] = True
            if home >= 0:
                hinted[home] += prose
        elif home >= 0 and not flags[owner]:
            kept[home] += prose
    candidates = [
        idx
        for idx in range(1, count)
        if origin[idx] == idx
        and anchor[idx] >= 0
        and hinted[anchor[idx]] > kept[anchor[idx]]
        and own_prose[idx] >= _TRUSTED_PROSE * own_chars[idx]
        and own_blocks[idx]
    ]
    # One excerpt under a linked title or cut short is a teaser of another page.
    return {idx for idx in candidates if own_blocks[idx] > 1 or not teaser[idx]}


def select_blocks(w: Walk, junk: list[int], chars: list[int]) -> list[Block]:
    """The blocks of the best container, plus prose-rich sibling containers around it.

    The best container maximizes the sum of its blocks' values, each level up the tree
    discounted by ``_DECAY`` so a tight container of paragraphs beats a page-wide sum of teasers.
    An article split into sibling sections (text, figure, text) is then rejoined: siblings with
    a positive sum whose text is mostly in paragraph-like tags are taken along, level by level,
    except a sibling holding ``_TEASER_EXCERPTS`` or more excerpts cut short with an ellipsis (a
    list of teasers of other pages). A level beside which lie only hinted boxes (a share bar,
    an ad slot) is no boundary of the text: the search goes on a level up, where the lead or
    the other parts of the article may sit.
    A section made of a heading and the chosen text counts as one with it; its siblings are then
    taken only when they open with a heading too (the article's other parts, not the teaser of
    the next story after them). ``chars`` is the text under each container (``_text_under``).
    """
    containers = w.containers
    count = len(containers)
    own = [0.0] * count
    prose = [0] * count
    plain = [0] * count  # characters outside hinted and suspect elements
    excerpts = [0] * count  # blocks cut short with an ellipsis: teasers of other pages
    for block in w.blocks:
        owner = block.owner
        length = len(block.text)
        if junk[owner]:
            if junk[owner] == CLASS_JUNK:
                own[owner] -= length  # suspect elements weigh nothing, as if absent
            continue
        plain[owner] += length
        excerpts[owner] += block.text.endswith(_CUT_SHORT)
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
        plain[parent] += plain[idx]
        excerpts[parent] += excerpts[idx]
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
        beside = [
            c for c in range(parent + 1, count) if containers[c].parent == parent and c != node
        ]
        extra = [
            c
            for c in beside
            if sums[c] > _SIBLING_MIN
            and prose[c] >= _SIBLING_PROSE * chars[c]
            and excerpts[c] < _TEASER_EXCERPTS
            and (not sections or _heading_led(w, containers[c]))
        ]
        if not extra:
            if any(plain[c] for c in beside):
                break
            node = parent  # only hinted boxes beside it (a share bar): the text goes on above
            continue
        if sections:
            chosen = [node]  # the node's section with its heading (it holds what was chosen)
        chosen.extend(extra)
        node = parent
    if len(chosen) == 1:
        c = containers[best]
        return w.blocks[c.first_block : c.end_block]
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
    return all(
        block.tag in HEADING_TAGS for block in w.blocks[outer.first_block : inner.first_block]
    )


def choose_blocks(w: Walk, junk: list[int]) -> list[Block]:
    """The article's blocks from two extractions compared by a stated rule.

    The primary one (:func:`select_blocks`) is exact about where an article's paragraphs sit;
    the evidence one (:func:`evidence_select`) sees text spread over the tree that the first
    leaves out (an intro above the container, an article over sibling sections). What the
    evidence adds is taken only as a whole and only when it reads as prose: a positive summed
    value and under ``_EXTRA_LINKS`` of its text inside links. Otherwise the primary stands.
    Both read the text under each container, counted once here.
    """
    chars, links = _text_under(w)
    primary = select_blocks(w, junk, chars)
    taken = {id(block) for block in primary}
    containers = w.containers
    extra = [
        block
        for c in evidence_select(w, junk, chars, links)
        for block in w.blocks[containers[c].first_block : containers[c].end_block]
        if id(block) not in taken and not junk[block.owner]
    ]
    if not extra:
        return primary
    length = sum(len(block.text) for block in extra)
    links = sum(block.link_chars for block in extra)
    if links >= _EXTRA_LINKS * length or sum(map(block_value, extra)) <= 0.0:
        return primary
    taken.update(id(block) for block in extra)
    return [block for block in w.blocks if id(block) in taken]


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


# --- Container from evidence spread over the tree (Readability's scheme) ---------------------
_PARA_MIN = 25  # a block shorter than this (in weighted characters) gives no evidence
_COMMAS = re.compile("[,，、،;；]")
_WIDE = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef\u3000-\u303f]"
)
_TAG_PRIOR = {
    "div": 5.0,
    "article": 8.0,
    "section": 3.0,
    "main": 3.0,
    "pre": 3.0,
    "td": 3.0,
    "blockquote": 3.0,
    "form": -3.0,
    "ol": -3.0,
    "ul": -3.0,
    "dl": -3.0,
    "li": -3.0,
    "address": -3.0,
    "h1": -5.0,
    "h2": -5.0,
    "h3": -5.0,
    "h4": -5.0,
    "h5": -5.0,
    "h6": -5.0,
    "th": -5.0,
}
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


def evidence_select(w: Walk, junk: list[int], chars: list[int], links: list[int]) -> list[int]:
    """Containers holding the article by evidence spread over the tree.

    Each paragraph-sized block scores 1 + its commas + its length / 100 (at most 3), credited in
    full to its container, half to the grandparent level and a third above (Readability's rule);
    a container's score is that credit plus a tag prior and +-25 for an explicit body marker or a
    clutter hint, times (1 - its link density). The best is then moved up to the ancestor most
    top candidates share and its siblings scoring a fair share of it are taken along. ``chars``
    and ``links`` are the text and link text under each container (``_text_under``).
    """
    containers = w.containers
    count = len(containers)
    credit = [0.0] * count
    for block in w.blocks:
        owner = block.owner
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
    ranked = sorted(
        (i for i in range(1, count) if scores[i] > 0.0), key=scores.__getitem__, reverse=True
    )
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
    while parent > 0 and (containers[parent].first_block, containers[parent].end_block) == (
        containers[best].first_block,
        containers[best].end_block,
    ):
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
            weight = text_weight("".join(b.text for b in w.blocks[c.first_block : c.end_block]))
            if (weight > 80 and density < 0.25) or (
                density == 0.0
                and 0 < weight <= 80
                and w.blocks[c.end_block - 1].text[-1] in ".。!?"
            ):
                chosen.append(idx)
    return chosen


def _ancestors(containers: list[Container], idx: int) -> list[int]:
    out: list[int] = []
    idx = containers[idx].parent
    while idx > 0:
        out.append(idx)
        idx = containers[idx].parent
    return out


__all__ = [
    "CLASS_JUNK",
    "SUSPECT",
    "block_value",
    "choose_blocks",
    "evidence_select",
    "is_clutter",
    "is_credit",
    "junk_flags",
    "select_blocks",
    "text_weight",
]
