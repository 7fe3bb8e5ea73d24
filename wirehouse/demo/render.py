"""Render the demo corpus: one hand-written page template per site, feeds, robots.txt, OPML.

Every function is pure: corpus data plus the site's real base URL in, text out. The four page
templates differ on purpose (JSON-LD, OpenGraph-only div soup, microdata, bylines at the
foot) and all carry the clutter real pages have, so extraction is tested against it.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from itertools import islice
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from wirehouse.demo.corpus import Corpus, DemoArticle, DemoSite

TRACKING_QUERY = "utm_source=rss&utm_medium=feed&utm_campaign={site}_daily&utm_content=headline"


# --- URLs shared by pages, feeds and the expectations manifest -------------------------------

def canonical_url(base_url: str, article: DemoArticle) -> str:
    return base_url + article.path


def amp_path(article: DemoArticle) -> str:
    return "/amp" + article.path


def image_path(article: DemoArticle) -> str:
    return f"/img/{article.slug}.jpg"


def feed_link(base_url: str, article: DemoArticle) -> str:
    """The link a feed gives for an article: plain, with tracking parameters, or the AMP page."""
    if article.feed_link == "tracking":
        return canonical_url(base_url, article) + "?" + TRACKING_QUERY.format(site=article.site)
    if article.feed_link == "amp":
        return base_url + amp_path(article)
    return canonical_url(base_url, article)


def feed_url(base_url: str, site: DemoSite) -> str:
    return base_url + site.feed_path


# --- shared page pieces ----------------------------------------------------------------------

def _reading_minutes(article: DemoArticle) -> int:
    return max(1, math.ceil(article.word_count / 200))


def _pick(article: DemoArticle, pool: Sequence[tuple[str, str]], count: int) -> list[tuple[str, str]]:
    start = zlib.crc32(article.id.encode()) % len(pool)
    return [pool[(start + i) % len(pool)] for i in range(min(count, len(pool)))]


def _others(corpus: Corpus, article: DemoArticle) -> list[DemoArticle]:
    """Up to four other stories of the same site, for promos and related links."""
    return list(islice((a for a in corpus.articles_of(article.site) if a.id != article.id), 4))


def _human_date(moment: datetime) -> str:
    offset = moment.strftime("%z")
    zone = "GMT" if offset == "+0000" else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{moment.strftime('%A %-d %B %Y, %H:%M')} {zone}"


def _names(authors: Sequence[str]) -> str:
    if len(authors) == 1:
        return authors[0]
    return ", ".join(authors[:-1]) + " and " + authors[-1]


def _body(article: DemoArticle, promo: str) -> str:
    """Paragraphs with an inline promo after the second one."""
    parts = [f"<p>{escape(p)}</p>" for p in article.paragraphs]
    parts.insert(min(2, len(parts)), promo)
    return "\n".join(parts)


def _amphtml_link(base_url: str, article: DemoArticle) -> str:
    if article.feed_link != "amp":
        return ""
    return f'<link rel="amphtml" href="{escape(base_url + amp_path(article))}">'


def _comments(site: DemoSite, article: DemoArticle, wrapper: str, item: str) -> str:
    picked = _pick(article, site.comments, 2)
    rows = "\n".join(
        f'<div class="{item}"><p class="commenter">{escape(who)}</p><p>{escape(text)}</p></div>'
        for who, text in picked
    )
    return f'<section class="{wrapper}"><h2>Comments ({len(picked)})</h2>\n{rows}\n</section>'


def _nav_links(site: DemoSite) -> list[str]:
    return [f'<a href="/section/{s.lower()}">{escape(s)}</a>' for s in site.sections]


def _nav(site: DemoSite, sep: str = "") -> str:
    return sep.join(_nav_links(site))


def _footer(site: DemoSite, moment: datetime) -> str:
    return (f"<footer><p>&copy; {moment.year} {escape(site.copyright_holder)}. All rights reserved."
            ' <a href="/about">About us</a> <a href="/privacy">Privacy</a>'
            ' <a href="/contact">Contact</a></p></footer>')


# --- the four page templates -----------------------------------------------------------------

def _page_jsonld(site: DemoSite, article: DemoArticle, corpus: Corpus, base_url: str) -> str:
    canonical = canonical_url(base_url, article)
    others = _others(corpus, article)
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "datePublished": article.published.isoformat(),
        "dateModified": article.published.isoformat(),
        "author": [{"@type": "Person", "name": n} for n in article.authors],
        "publisher": {"@type": "Organization", "name": site.name},
        "mainEntityOfPage": canonical,
        "image": base_url + image_path(article),
        "inLanguage": site.language,
        "articleSection": article.section,
    }
    byline = " and ".join(f'<a rel="author" href="/authors/{escape(n.lower().replace(" ", "-"))}">'
                          f"{escape(n)}</a>" for n in article.authors)
    promo = (f'<aside class="also-read"><strong>Also read:</strong> '
             f'<a href="{escape(others[0].path)}">{escape(others[0].title)}</a></aside>')
    related = "\n".join(f'<li><a href="{escape(a.path)}">{escape(a.title)}</a></li>' for a in others[1:4])
    ld_json = json.dumps(ld, ensure_ascii=False).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="{site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(article.title)} | {escape(site.name)}</title>
<meta name="description" content="{escape(article.summary)}">
<link rel="canonical" href="{escape(canonical)}">
{_amphtml_link(base_url, article)}
<script type="application/ld+json">{ld_json}</script>
</head>
<body>
<div class="cookie-banner" role="dialog"><p>{escape(site.cookie_notice)}</p>
<button>Accept all</button> <button>Settings</button></div>
<header class="masthead"><a class="logo" href="/">{escape(site.name)}</a>
<p class="tagline">{escape(site.tagline)}</p>
<nav class="primary">{_nav(site)}</nav></header>
<div class="ad ad-leaderboard"><span class="ad-label">Advertisement</span>
<p>Tarrow Motors: winter tyre fitting from 29.99. Book online today.</p></div>
<main>
<article class="story">
<p class="kicker">{escape(article.section)}</p>
<h1>{escape(article.title)}</h1>
<p class="standfirst">{escape(article.summary)}</p>
<div class="meta"><p class="byline">By {byline}</p>
<time datetime="{article.published.isoformat()}">{_human_date(article.published)}</time>
<span class="reading-time">{_reading_minutes(article)} min read</span></div>
<div class="share-bar"><span>Share this story</span> <a href="#share-email">Email</a>
<a href="#share-post">Post</a> <a href="#copy">Copy link</a></div>
<figure><img src="{image_path(article)}" alt="">
<figcaption>{escape(article.image_caption)} <span class="credit">Photo: {escape(article.image_credit)}</span></figcaption></figure>
<div class="story-body">
{_body(article, promo)}
</div>
<ul class="tags"><li><a href="/section/{article.section.lower()}">{escape(article.section)}</a></li></ul>
</article>
<aside class="related"><h2>More from the Courier</h2><ul>
{related}
</ul></aside>
<div class="ad ad-mpu"><span class="ad-label">Advertisement</span><p>Estuary Lettings: find your next home by the water.</p></div>
<section class="newsletter"><h2>Morning Brief</h2><p>{escape(site.newsletter)}</p>
<form><input type="email" placeholder="Your email"><button>Sign up</button></form></section>
{_comments(site, article, "comments", "comment")}
</main>
{_footer(site, article.published)}
</body>
</html>
"""


def _page_opengraph(site: DemoSite, article: DemoArticle, corpus: Corpus, base_url: str) -> str:
    canonical = canonical_url(base_url, article)
    others = _others(corpus, article)
    authors_meta = "\n".join(f'<meta property="article:author" content="{escape(n)}">'
                             for n in article.authors)
    promo = (f'<p class="promo">ALSO ON THE LEDGER: <a href="{escape(others[0].path)}">'
             f"{escape(others[0].title)}</a></p>")
    related = "<br>\n".join(f'<a href="{escape(a.path)}">{escape(a.title)}</a>' for a in others[1:4])
    return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{escape(article.title)} - {escape(site.name)}</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{escape(article.title)}">
<meta property="og:description" content="{escape(article.summary)}">
<meta property="og:url" content="{escape(canonical)}">
<meta property="og:site_name" content="{escape(site.name)}">
<meta property="og:image" content="{escape(base_url + image_path(article))}">
<meta property="og:locale" content="en_GB">
<meta property="article:published_time" content="{article.published.isoformat()}">
<meta property="article:section" content="{escape(article.section)}">
{authors_meta}
<meta name="author" content="{escape(', '.join(article.authors))}">
<link rel="canonical" href="{escape(canonical)}">
{_amphtml_link(base_url, article)}
</head>
<body>
<div id="cookie-consent" class="overlay"><div class="small">{escape(site.cookie_notice)}</div>
<div class="btn">OK</div></div>
<div id="wrap">
<div class="top"><div class="logo"><a href="/">{escape(site.name)}</a></div>
<div class="slogan">{escape(site.tagline)}</div>
<div class="menu">{_nav(site, " | ")}</div></div>
<div class="adbox"><div class="lbl">Advertisement</div><div>Fennick Feed and Seed: winter hay now in stock.</div></div>
<div class="row">
<div class="col-main">
<div class="crumbs"><a href="/">Home</a> &gt; <a href="/section/{article.section.lower()}">{escape(article.section)}</a></div>
<div class="headline-big">{escape(article.title)}</div>
<div class="sub">{escape(article.summary)}</div>
<div class="info-row"><span class="who">By {escape(_names(article.authors))}</span> &middot;
<span class="when">{_human_date(article.published)}</span> &middot;
<span class="rt">{_reading_minutes(article)} min read</span></div>
<div class="sharebox"><a href="#s1">Share</a> <a href="#s2">Email a friend</a> <a href="#s3">Print</a></div>
<div class="pic"><img src="{image_path(article)}" width="640" height="360">
<div class="pic-cap">{escape(article.image_caption)}</div>
<div class="pic-credit">Picture: {escape(article.image_credit)}</div></div>
<div class="txt">
{_body(article, promo)}
</div>
<div class="letters-box"><div class="hd">Ledger Letters</div><div>{escape(site.newsletter)}</div>
<div><input type="text" value="email address"> <span class="btn">Go</span></div></div>
{_comments(site, article, "comment-list", "c")}
</div>
<div class="col-side">
<div class="side-hd">Most read</div>
<div class="side-links">{related}</div>
<div class="adbox"><div class="lbl">Advertisement</div><div>Marrick and Daughters, family solicitors since 1952.</div></div>
</div>
</div>
<div class="foot">&copy; {article.published.year} {escape(site.copyright_holder)}. Registered society no. 30441.</div>
</div>
</body>
</html>
"""


def _page_microdata(site: DemoSite, article: DemoArticle, corpus: Corpus, base_url: str) -> str:
    canonical = canonical_url(base_url, article)
    others = _others(corpus, article)
    authors = ", ".join(
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        f'<span itemprop="name">{escape(n)}</span></span>' for n in article.authors)
    promo = (f'<div class="inline-promo"><span class="label">Also read</span> '
             f'<a href="{escape(others[0].path)}">{escape(others[0].title)}</a></div>')
    related = "\n".join(f'<li><a href="{escape(a.path)}">{escape(a.title)}</a></li>' for a in others[1:4])
    return f"""<!doctype html>
<html lang="{site.language}">
<head>
<meta charset="utf-8">
<title>{escape(article.title)} &mdash; {escape(site.name)}</title>
<link rel="canonical" href="{escape(canonical)}">
{_amphtml_link(base_url, article)}
<meta name="description" content="{escape(article.summary)}">
</head>
<body>
<div class="consent-modal"><p>{escape(site.cookie_notice)}</p><button>Accept</button> <button>Manage choices</button></div>
<header class="site-header"><a href="/" class="brand">{escape(site.name)}</a>
<nav>{_nav(site, " ")}</nav><a class="subscribe" href="/subscribe">Subscribe</a></header>
<div class="ad-slot"><p class="ad-label">Advertisement</p><p>Velmouth Ice Rink opens for the season. Skates for hire.</p></div>
<main>
<div class="story" itemscope itemtype="https://schema.org/NewsArticle">
<meta itemprop="mainEntityOfPage" content="{escape(canonical)}">
<meta itemprop="inLanguage" content="{site.language}">
<a class="section-tag" href="/{article.section.lower()}/" itemprop="articleSection">{escape(article.section)}</a>
<h1 itemprop="headline">{escape(article.title)}</h1>
<p class="dek" itemprop="description">{escape(article.summary)}</p>
<div class="byline">By {authors}
<time itemprop="datePublished" datetime="{article.published.isoformat()}">{_human_date(article.published)}</time>
<span class="reading">{_reading_minutes(article)}-minute read</span></div>
<div itemprop="publisher" itemscope itemtype="https://schema.org/Organization"><meta itemprop="name" content="{escape(site.name)}"></div>
<figure itemprop="image" itemscope itemtype="https://schema.org/ImageObject">
<img itemprop="url" src="{escape(base_url + image_path(article))}" alt="">
<figcaption itemprop="caption">{escape(article.image_caption)}</figcaption>
<small class="credit">Credit: {escape(article.image_credit)}</small></figure>
<div class="share"><button>Share</button> <button>Save</button> <button>Gift this article</button></div>
<div class="body" itemprop="articleBody">
{_body(article, promo)}
</div>
</div>
<section class="related"><h2>Related coverage</h2><ul>
{related}
</ul></section>
<div class="newsletter-signup"><h3>Evening Digest</h3><p>{escape(site.newsletter)}</p><input type="email"></div>
<div class="ad-slot"><p class="ad-label">Advertisement</p><p>Skarra Island holidays: off-season breaks from two nights.</p></div>
{_comments(site, article, "comments", "comment")}
</main>
{_footer(site, article.published)}
</body>
</html>
"""


def _page_oddbyline(site: DemoSite, article: DemoArticle, corpus: Corpus, base_url: str) -> str:
    canonical = canonical_url(base_url, article)
    others = _others(corpus, article)
    card = "<br>".join(escape(n) for n in article.authors)
    endnote = f"Reporting by {escape(article.authors[0])}"
    if len(article.authors) > 1:
        endnote += f"; additional reporting by {escape(_names(article.authors[1:]))}"
    promo = (f'<p class="promo"><b>READ MORE:</b> <a href="{escape(others[0].path)}">'
             f"{escape(others[0].title)}</a></p>")
    related = "\n".join(f'<li><a href="{escape(a.path)}">{escape(a.title)}</a></li>' for a in others[1:4])
    stamp = article.published.strftime("%d/%m/%Y %H:%M")
    offset = article.published.strftime("%z")
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{escape(article.title)} :: {escape(site.name)}</title>
<meta name="dcterms.created" content="{article.published.isoformat()}">
<meta name="dcterms.title" content="{escape(article.title)}">
<meta name="keywords" content="{escape(article.section)}, Thistlecombe, news">
<link rel="canonical" href="{escape(canonical)}">
{_amphtml_link(base_url, article)}
</head>
<body>
<div id="gdpr"><p>{escape(site.cookie_notice)}</p><a href="#ok">Accept</a> <a href="#no">Reject optional</a></div>
<div class="masthead"><a href="/">{escape(site.name.upper())}</a><span>{escape(site.tagline)}</span></div>
<ul class="menu">{"".join(f"<li>{link}</li>" for link in _nav_links(site))}</ul>
<div class="page">
<div class="sidebar-left">
<div class="contributor-card"><span class="label">Words</span><br>{card}</div>
<div class="ad"><span>Advertisement</span><p>Orla Bay Tea Rooms: cream teas all winter.</p></div>
<ul class="popular">{related}</ul>
</div>
<div class="content">
<h1 class="title">{escape(article.title)}</h1>
<div class="dateline">Posted {stamp} (UTC{offset[:3]}:{offset[3:]}) in <a href="/section/{article.section.lower()}">{escape(article.section)}</a></div>
<div class="reading-time">Reading time: {_reading_minutes(article)} minutes</div>
<div class="photo"><img src="{image_path(article)}" alt="">
<p class="caption">{escape(article.image_caption)} (Credit: {escape(article.image_credit)})</p></div>
<div class="bodytext">
{_body(article, promo)}
</div>
<p class="endnote">{endnote}. Edited by the Gazette news desk.</p>
<div class="share">Share: <a href="#e">email</a> | <a href="#p">post</a> | <a href="#l">link</a></div>
<div class="newsletter"><b>Gazette Weekender.</b> {escape(site.newsletter)}</div>
{_comments(site, article, "comments", "comment")}
</div>
</div>
<div class="footer">&copy; {article.published.year} {escape(site.copyright_holder)}. Printed and published in Thistlecombe.</div>
</body>
</html>
"""


PageRenderer = Callable[[DemoSite, DemoArticle, Corpus, str], str]

PAGE_TEMPLATES: dict[str, PageRenderer] = {
    "jsonld": _page_jsonld,
    "opengraph": _page_opengraph,
    "microdata": _page_microdata,
    "oddbyline": _page_oddbyline,
}


def render_article(corpus: Corpus, article: DemoArticle, base_url: str) -> str:
    """The article's normal page in its site's own template."""
    site = corpus.site(article.site)
    return PAGE_TEMPLATES[site.template](site, article, corpus, base_url)


def render_amp(corpus: Corpus, article: DemoArticle, base_url: str) -> str:
    """A minimal AMP variant whose canonical link points at the normal page."""
    site = corpus.site(article.site)
    ld = json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
        "datePublished": article.published.isoformat(),
        "author": [{"@type": "Person", "name": n} for n in article.authors],
    }, ensure_ascii=False).replace("</", "<\\/")
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
    return f"""<!doctype html>
<html \u26a1 lang="{site.language}">
<head>
<meta charset="utf-8">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<script async custom-element="amp-ad" src="https://cdn.ampproject.org/v0/amp-ad-0.1.js"></script>
<title>{escape(article.title)}</title>
<link rel="canonical" href="{escape(canonical_url(base_url, article))}">
<meta name="viewport" content="width=device-width">
<script type="application/ld+json">{ld}</script>
<style amp-boilerplate>body{{visibility:hidden}}</style><noscript><style amp-boilerplate>body{{visibility:visible}}</style></noscript>
<style amp-custom>body{{font-family:serif;margin:0 1rem}}.ad-label{{font-size:.7rem}}</style>
</head>
<body>
<header><a href="/">{escape(site.name)}</a></header>
<article>
<h1>{escape(article.title)}</h1>
<p class="byline">By {escape(_names(article.authors))}</p>
<time datetime="{article.published.isoformat()}">{_human_date(article.published)}</time>
<amp-img src="{image_path(article)}" width="640" height="360" layout="responsive" alt=""></amp-img>
{paragraphs}
</article>
<div class="ad-label">Advertisement</div>
<amp-ad width="300" height="250" type="demo" data-slot="/velmouth/amp"></amp-ad>
<footer>&copy; {article.published.year} {escape(site.copyright_holder)}</footer>
</body>
</html>
"""


def render_home(corpus: Corpus, site: DemoSite) -> str:
    items = "\n".join(f'<li><a href="{escape(a.path)}">{escape(a.title)}</a></li>'
                      for a in corpus.articles_of(site.key))
    return f"""<!DOCTYPE html>
<html lang="{site.language}"><head><meta charset="utf-8"><title>{escape(site.name)}</title></head>
<body><h1>{escape(site.name)}</h1><p>{escape(site.tagline)}</p>
<nav>{_nav(site, " ")}</nav>
<ul class="latest">
{items}
</ul>
<p><a href="{escape(site.feed_path)}">Feed</a></p>
</body></html>
"""


# --- feeds -----------------------------------------------------------------------------------

def _x(text: str) -> str:
    return xml_escape(text)


def _latest(articles: Sequence[DemoArticle]) -> datetime:
    return max(a.published for a in articles).astimezone(UTC)


def _rss2(site: DemoSite, articles: Sequence[DemoArticle], base_url: str) -> str:
    items = []
    for a in articles:
        creators = "".join(f"<dc:creator>{_x(n)}</dc:creator>" for n in a.authors)
        items.append(
            f"<item><title>{_x(a.title)}</title><link>{_x(feed_link(base_url, a))}</link>"
            f'<guid isPermaLink="false">{_x(site.key)}-{_x(a.slug)}</guid>'
            f"<pubDate>{format_datetime(a.published)}</pubDate>{creators}"
            f"<category>{_x(a.section)}</category><description>{_x(a.summary)}</description></item>")
    joined = "\n".join(items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{_x(site.name)}</title>
<link>{_x(base_url)}/</link>
<description>{_x(site.tagline)}</description>
<language>{site.language}</language>
<lastBuildDate>{format_datetime(_latest(articles), usegmt=True)}</lastBuildDate>
<atom:link href={quoteattr(feed_url(base_url, site))} rel="self" type="application/rss+xml"/>
{joined}
</channel>
</rss>
"""


def _rdf_items(articles: Sequence[DemoArticle], base_url: str) -> str:
    items = []
    for a in articles:
        link = feed_link(base_url, a)
        creators = "".join(f"<dc:creator>{_x(n)}</dc:creator>" for n in a.authors)
        items.append(
            f"<item rdf:about={quoteattr(link)}><title>{_x(a.title)}</title><link>{_x(link)}</link>"
            f"<description>{_x(a.summary)}</description><dc:date>{a.published.isoformat()}</dc:date>"
            f"{creators}<dc:subject>{_x(a.section)}</dc:subject></item>")
    return "\n".join(items)


def _rdf(site: DemoSite, articles: Sequence[DemoArticle], base_url: str) -> str:
    seq = "".join(f"<rdf:li rdf:resource={quoteattr(feed_link(base_url, a))}/>" for a in articles)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about={quoteattr(feed_url(base_url, site))}>
<title>{_x(site.name)}</title>
<link>{_x(base_url)}/</link>
<description>{_x(site.tagline)}</description>
<dc:language>{site.language}</dc:language>
<items><rdf:Seq>{seq}</rdf:Seq></items>
</channel>
{_rdf_items(articles, base_url)}
</rdf:RDF>
"""


def _atom(site: DemoSite, articles: Sequence[DemoArticle], base_url: str) -> str:
    entries = []
    for a in articles:
        authors = "".join(f"<author><name>{_x(n)}</name></author>" for n in a.authors)
        entries.append(
            f"<entry><title>{_x(a.title)}</title>"
            f'<link rel="alternate" type="text/html" href={quoteattr(feed_link(base_url, a))}/>'
            f"<id>tag:{site.key}.demo,{a.published.year}:{_x(a.slug)}</id>"
            f"<published>{a.published.isoformat()}</published><updated>{a.published.isoformat()}</updated>"
            f'{authors}<category term={quoteattr(a.section)}/><summary type="text">{_x(a.summary)}</summary></entry>')
    joined = "\n".join(entries)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{site.language}">
<title>{_x(site.name)}</title>
<subtitle>{_x(site.tagline)}</subtitle>
<link rel="alternate" type="text/html" href={quoteattr(base_url + "/")}/>
<link rel="self" type="application/atom+xml" href={quoteattr(feed_url(base_url, site))}/>
<id>tag:{site.key}.demo,2026:feed</id>
<updated>{_latest(articles).isoformat()}</updated>
{joined}
</feed>
"""


FEED_RENDERERS: dict[str, Callable[[DemoSite, Sequence[DemoArticle], str], str]] = {
    "rss2": _rss2, "rdf": _rdf, "atom": _atom,
}
FEED_CONTENT_TYPES = {
    "rss2": "application/rss+xml", "rdf": "application/rdf+xml", "atom": "application/atom+xml",
}


def render_feed(corpus: Corpus, site: DemoSite, base_url: str) -> str:
    """The site's good feed in its format, newest entry first."""
    return FEED_RENDERERS[site.feed_format](site, corpus.articles_of(site.key), base_url)


def render_malformed_feed(corpus: Corpus, site: DemoSite, base_url: str) -> str:
    """An RSS 1.0 document that is not well-formed: a bare ampersand and no closing tags."""
    articles = corpus.articles_of(site.key)[:2]
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="{base_url}/rss/opinion.rdf">
<title>Letters & Opinion - {_x(site.name)}</title>
<link>{_x(base_url)}/</link>
<description>Your views on the valley
</channel>
{_rdf_items(articles, base_url)}
<item><title>Unfinished entry
"""


def render_robots(site: DemoSite) -> str:
    lines = [f"# robots.txt for {site.name}", "User-agent: *"]
    lines += [f"Disallow: {path}" for path in site.disallow]
    return "\n".join(lines) + "\n"


def render_opml(title: str, outlines: Sequence[tuple[str, str, Sequence[str]]]) -> str:
    """OPML 2.0 with one outline per site (``name, html_url, feed_urls``) nesting its feeds.

    As in feed readers' exports, each feed outline carries the publication's name.
    """
    groups = []
    for name, html_url, feeds in outlines:
        children = "\n".join(
            f'    <outline type="rss" text={quoteattr(name)} '
            f"xmlUrl={quoteattr(url)} htmlUrl={quoteattr(html_url)}/>" for url in feeds)
        groups.append(f"  <outline text={quoteattr(name)} title={quoteattr(name)}>\n{children}\n  </outline>")
    body = "\n".join(groups)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
<head><title>{_x(title)}</title></head>
<body>
{body}
</body>
</opml>
"""
