"""Metadata rules: date parsing and precedence, language, authors, titles."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from transform.html_dates import parse_date, stated_date, text_date, url_date
from transform.html_extract import extract_page
from transform.html_lang import detect_language, normalize_language
from transform.html_metadata import (
    choose_title,
    clean_authors,
    credit_names,
    publication_day,
    strip_site_name,
)

BODY = ("<article><p>The ferry timetable changes next month, with an extra crossing in the "
        "evening and a later last boat on Fridays and Saturdays through the summer.</p></article>")


def _page(head: str = "", body: str = BODY, url: str | None = None, **kwargs: object):
    return extract_page(f"<html><head>{head}</head><body>{body}</body></html>", url, **kwargs)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2024-03-05T09:30:00Z", datetime(2024, 3, 5, 9, 30, tzinfo=UTC)),
    ("2024-03-05T09:30:00+01:00", datetime(2024, 3, 5, 8, 30, tzinfo=UTC)),
    ("2024-03-05T09:30:00.123-0500", datetime(2024, 3, 5, 14, 30, 0, 123000, tzinfo=UTC)),
    ("2024-03-05 09:30", datetime(2024, 3, 5, 9, 30, tzinfo=UTC)),  # naive: taken as UTC
    ("2024-03-05", datetime(2024, 3, 5, tzinfo=UTC)),
    ("Tue, 05 Mar 2024 09:30:00 GMT", datetime(2024, 3, 5, 9, 30, tzinfo=UTC)),
    ("March 5, 2024 10:00 EST", datetime(2024, 3, 5, 15, 0, tzinfo=UTC)),
    ("1709631000", datetime(2024, 3, 5, 9, 30, tzinfo=UTC)),
    ("1709631000000", datetime(2024, 3, 5, 9, 30, tzinfo=UTC)),
])
def test_parse_date_normalizes_to_utc(raw: str, expected: datetime) -> None:
    parsed = parse_date(raw)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo == UTC


@pytest.mark.parametrize("raw", ["", "soon", "Copyright 1887", "9999-01-01", "2024-13-45",
                                 "x" * 200, "2999-01-01T00:00:00Z"])
def test_parse_date_rejects_junk(raw: str) -> None:
    assert parse_date(raw) is None


@pytest.mark.parametrize(("url", "expected"), [
    ("https://a.example/2023/07/14/story/", datetime(2023, 7, 14, tzinfo=UTC)),
    ("https://a.example/news/2023-7-4-storm-hits.html", datetime(2023, 7, 4, tzinfo=UTC)),
    ("https://a.example/archive/20230714/story", datetime(2023, 7, 14, tzinfo=UTC)),
    ("https://a.example/2023/02/30/not-a-day/", None),
    ("https://a.example/news/story-2023", None),
    ("https://a.example/meldungen/29-10-2021", datetime(2021, 10, 29, tzinfo=UTC)),
    ("https://a.example/meldungen/29-10-2021/?page=2", datetime(2021, 10, 29, tzinfo=UTC)),
    ("https://a.example/29-10-2021/story", None),  # day first only as the last segment
    (None, None),
])
def test_url_date(url: str | None, expected: datetime | None) -> None:
    assert url_date(url) == expected


# Published-date precedence: each row removes the winner of the row before.
JSON_LD = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H", '
           '"datePublished": "2024-01-01T10:00:00Z"}</script>')
OG = '<meta property="article:published_time" content="2024-01-02T10:00:00Z">'
META = '<meta name="pubdate" content="2024-01-03T10:00:00Z">'
MICRO = '<span itemprop="datePublished" content="2024-01-04T10:00:00Z"></span>'
TIME = '<time datetime="2024-01-05T10:00:00Z">5 January</time>'
URL = "https://a.example/2024/01/06/ferry/"


@pytest.mark.parametrize(("head", "extra_body", "day"), [
    (JSON_LD + OG + META, MICRO + TIME, 1),
    (OG + META, MICRO + TIME, 2),
    (META, MICRO + TIME, 3),
    ("", MICRO + TIME, 4),
    ("", TIME, 5),
    ("", "", 6),
])
def test_published_precedence(head: str, extra_body: str, day: int) -> None:
    page = _page(head, extra_body + BODY, url=URL)
    assert page.published_at == datetime(2024, 1, day, 10 if day < 6 else 0, tzinfo=UTC)


def test_time_with_pubdate_beats_earlier_time() -> None:
    body = ('<aside><time datetime="2020-01-01">old</time></aside>'
            '<time datetime="2024-02-02T08:00:00Z" pubdate>2 Feb</time>' + BODY)
    assert _page(body=body).published_at == datetime(2024, 2, 2, 8, tzinfo=UTC)


def test_unparseable_source_falls_through() -> None:
    head = '<meta property="article:published_time" content="sometime last week">' + META
    assert _page(head).published_at == datetime(2024, 1, 3, 10, tzinfo=UTC)


def test_modified_date_sources() -> None:
    head = '<meta property="article:modified_time" content="2024-01-09T12:00:00+02:00">'
    page = _page(head)
    assert page.modified_at == datetime(2024, 1, 9, 10, tzinfo=UTC)
    assert page.published_at is None


def test_no_dates_at_all() -> None:
    page = _page(url="https://a.example/news/ferry")
    assert (page.published_at, page.modified_at) == (None, None)


@pytest.mark.parametrize(("html_lang", "headers", "head", "expected"), [
    ("pt-BR", {"Content-Language": "fr"}, '<meta http-equiv="content-language" content="de">',
     "pt"),
    ("", {"Content-Language": "fr, en"}, '<meta http-equiv="content-language" content="de">',
     "fr"),
    ("", {}, '<meta http-equiv="content-language" content="de">', "de"),
    ("", {}, '<meta property="og:locale" content="es_ES">', "es"),
    ("", {}, "", "en"),  # detected from the body
    ("not a code!", {}, "", "en"),
])
def test_language_precedence(html_lang: str, headers: dict[str, str], head: str,
                             expected: str) -> None:
    html = (f'<html lang="{html_lang}"><head>{head}</head><body>{BODY}</body></html>'
            if html_lang else f"<html><head>{head}</head><body>{BODY}</body></html>")
    assert extract_page(html, http_headers=headers).language == expected


@pytest.mark.parametrize(("code", "expected"), [
    ("en-US", "en"), ("EN", "en"), ("zh_Hant_TW", "zh"), ("deu", "de"), ("", None),
    (None, None), ("x", None), ("english", None),
])
def test_normalize_language(code: str | None, expected: str | None) -> None:
    assert normalize_language(code) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (("The council said that it was not going to change the plan for the bridge, which has "
      "been in the works for years and will be built by the end of the decade."), "en"),
    (("Der Stadtrat hat am Montag beschlossen, dass die Brücke nicht vor dem Sommer gebaut "
      "wird, weil die Pläne noch einmal geprüft werden müssen."), "de"),
    (("Le conseil municipal a décidé que le pont ne sera pas construit avant l'été, car les "
      "plans doivent être vérifiés par les services de la ville."), "fr"),
    (("El ayuntamiento ha decidido que el puente no se construirá antes del verano, porque "
      "los planos deben ser revisados por los técnicos de la ciudad."), "es"),
    (("Il consiglio comunale ha deciso che il ponte non sarà costruito prima dell'estate, "
      "perché i progetti devono essere controllati dai tecnici della città."), "it"),
    (("De gemeenteraad heeft besloten dat de brug niet voor de zomer wordt gebouwd, omdat de "
      "plannen nog een keer moeten worden bekeken door de gemeente."), "nl"),
    (("Городской совет решил, что мост не будет построен до лета, потому что планы ещё "
      "должны проверить специалисты."), "ru"),
    ("市議会は、計画の見直しが必要なため、橋の建設は夏以降になると発表しました。", "ja"),
    ("Hi there", None),
    ("1234 5678 %%% ----", None),
])
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    (["By Jane Doe and John Roe"], ("Jane Doe", "John Roe")),
    (["Jane Doe, John Roe & Ana Lima"], ("Jane Doe", "John Roe", "Ana Lima")),
    (["BY JANE DOE"], ("JANE DOE",)),
    (["Jane Doe | Staff Writer"], ("Jane Doe",)),
    (["Ruth Ellis, Transport Correspondent"], ("Ruth Ellis",)),
    (["By Jane Doe Updated 10:30 AM EST, Mon March 4, 2024"], ("Jane Doe",)),
    (["https://social.example/jane", "@janedoe", "jane@example.org"], ()),
    (["Jane Doe", "jane doe", "By Jane Doe"], ("Jane Doe",)),
    (["Von Lena Vogt und Max Kurz"], ("Lena Vogt", "Max Kurz")),
])
def test_clean_authors(raw: list[str], expected: tuple[str, ...]) -> None:
    assert clean_authors(raw) == expected


@pytest.mark.parametrize(("title", "site", "url", "expected"), [
    ("Ferry back in service | Coastline Courier", "Coastline Courier", None,
     "Ferry back in service"),
    ("Coastline Courier - Ferry back in service", "Coastline Courier", None,
     "Ferry back in service"),
    ("Ferry back in service - The Courier", None, "https://www.thecourier.example/a",
     "Ferry back in service"),
    ("Ferry back in service – Courier | News", "Courier", None, "Ferry back in service"),
    ("Q&A: the ferry - what changes", "Coastline Courier", None,
     "Q&A: the ferry - what changes"),
    ("Plain title", "Site", None, "Plain title"),
])
def test_strip_site_name(title: str, site: str | None, url: str | None, expected: str) -> None:
    assert strip_site_name(title, site, url) == expected


@pytest.mark.parametrize(("headline", "social", "h1", "page_title", "site", "expected"), [
    # a one-word logo heading loses to the page's longer title
    ("", (), "Ferrywatch", "Night crossings return | Ferrywatch", None, "Night crossings return"),
    # a generic schema headline shares no words with the real title
    ("Local list article", (), "", "Ferries of the western isles - Harbourpedia", "Harbourpedia",
     "Ferries of the western isles"),
    # a headline (or og:title) that is only the site name
    ("Harbour Post", ("Harbour Post",), "Pier two reopens after repairs", "Harbour Post",
     "Harbour Post", "Pier two reopens after repairs"),
    # entities escaped twice in meta content (content="Ferries &amp;#8211; what changes")
    ("", ("Ferries &#8211; what changes",), "", "", None, "Ferries – what changes"),
    # a CJK headline is many words: it is kept
    ("", (), "渡轮时刻表下月调整", "渡轮时刻表下月调整｜港口日报", "港口日报", "渡轮时刻表下月调整"),
])
def test_choose_title(headline: str, social: tuple[str, ...], h1: str, page_title: str,
                      site: str | None, expected: str) -> None:
    assert choose_title(headline, social, h1, page_title, site,
                        "https://harbour.example/a") == expected


@pytest.mark.parametrize(("title", "site", "expected"), [
    ("渡轮时刻表下月调整｜港口日报", "港口日报", "渡轮时刻表下月调整"),
    ("【港口日报】渡轮时刻表下月调整", "港口日报", "渡轮时刻表下月调整"),
    ("渡轮时刻表下月调整_港口日报", "港口日报", "渡轮时刻表下月调整"),
    ("フェリーの時刻表が変わる－港湾新聞", "港湾新聞", "フェリーの時刻表が変わる"),
    ("Ferry-timetable changes | Harbour Post", "Harbour Post", "Ferry-timetable changes"),
])
def test_strip_site_name_in_cjk_titles(title: str, site: str, expected: str) -> None:
    assert strip_site_name(title, site, None) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("Samstag, 5. Oktober 2013", datetime(2013, 10, 5, tzinfo=UTC)),
    ("am 25.08.2015 22:30", datetime(2015, 8, 25, tzinfo=UTC)),
    ("05.11.2021", datetime(2021, 11, 5, tzinfo=UTC)),  # dots: day first
    ("22 de mayo de 2019", datetime(2019, 5, 22, tzinfo=UTC)),
    ("30 septembre 2018", datetime(2018, 9, 30, tzinfo=UTC)),
    ("2019年10月5日", datetime(2019, 10, 5, tzinfo=UTC)),
    ("26/10/2018", datetime(2018, 10, 26, tzinfo=UTC)),
    ("15 августа 2016, 13:43", datetime(2016, 8, 15, tzinfo=UTC)),  # ru, genitive
    ("3 листопада 2021", datetime(2021, 11, 3, tzinfo=UTC)),  # uk
    ("Von: Jana Roth | 31.10.23", datetime(2023, 10, 31, tzinfo=UTC)),  # two-digit year
])
def test_complete_dates_in_words(raw: str, expected: datetime) -> None:
    assert parse_date(raw, complete=True) == expected


@pytest.mark.parametrize("raw", ["21:11", "March 2020", "2019", "10:52 Uhr", "31.02.2020",
                                 "version 1.2.10.4", "31.13.23"])
def test_incomplete_dates_are_no_dates(raw: str) -> None:
    assert parse_date(raw, complete=True) is None


def test_slashes_are_month_first_only_in_us_english() -> None:
    assert text_date("03/04/2020") == datetime(2020, 4, 3, tzinfo=UTC)
    assert text_date("03/04/2020", month_first=True) == datetime(2020, 3, 4, tzinfo=UTC)
    assert text_date("13/04/2020", month_first=True) == datetime(2020, 4, 13, tzinfo=UTC)


def test_title_precedence() -> None:
    head = ('<title>Title tag | Site</title><meta property="og:title" content="OG title">'
            '<meta name="twitter:title" content="Twitter title">')
    assert _page(head, "<h1>Heading</h1>" + BODY).title == "OG title"
    head = '<title>Title tag | Site</title><meta name="twitter:title" content="Twitter title">'
    assert _page(head, "<h1>Heading</h1>" + BODY).title == "Twitter title"
    assert _page("<title>Title tag</title>", "<h1>The heading</h1>" + BODY).title == \
        "The heading"
    assert _page("<title>Tag</title>", "<h1>Heading</h1>" + BODY).title == "Heading"
    assert _page("<title>Title tag</title>").title == "Title tag"
    header = "<header><h1>Heading in a header</h1></header>"
    assert _page("<title>Other | Site</title>", header + BODY).title == "Heading in a header"


def test_canonical_precedence_and_resolution() -> None:
    head = ('<link rel="canonical" href="/a/canonical"><meta property="og:url" '
            'content="https://b.example/og">')
    assert _page(head, url="https://a.example/x/y?z=1").canonical_url == \
        "https://a.example/a/canonical"
    head = '<meta property="og:url" content="https://b.example/og">'
    assert _page(head, url="https://a.example/x").canonical_url == "https://b.example/og"
    assert _page('<link rel="canonical" href="javascript:void(0)">').canonical_url is None
    assert _page(url="https://a.example/x").canonical_url is None


def test_keywords_and_section() -> None:
    head = ('<meta property="article:section" content="Transport">'
            '<meta property="article:tag" content="ferries">'
            '<meta name="keywords" content="Ferries, timetable ,, summer">')
    page = _page(head)
    assert page.section == "Transport"
    assert page.keywords == ("ferries", "timetable", "summer")


def test_author_sources() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Article", "author": '
          '{"@type": "Person", "name": "Ld Author"}}</script>')
    meta = '<meta name="author" content="Meta Author">'
    byline = '<div class="byline">By Byline Author</div>'
    assert _page(ld + meta, byline + BODY).authors == ("Ld Author",)
    assert _page(meta, byline + BODY).authors == ("Meta Author",)
    assert _page("", byline + BODY).authors == ("Byline Author",)
    assert _page("<meta name='author' content='https://x.example/me'>").authors == ()


def test_broken_json_ld_is_ignored() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
    page = _page(head + "<title>Fallback</title>")
    assert page.title == "Fallback"


@pytest.mark.parametrize(("line", "expected"), [
    ("Reporting by Ann Bell; additional reporting by Cy Dunn and Eve Fox. Editing by Gil Hart",
     "Ann Bell, Cy Dunn and Eve Fox"),
    ("(Reporting by Ann Bell; Editing by Gil Hart)", "Ann Bell"),
    ("Written by Ann Bell.", "Ann Bell"),
    ("Editing by Gil Hart", ""),
])
def test_credit_names(line: str, expected: str) -> None:
    assert credit_names(line) == expected


def test_credit_line_is_an_author_source_and_not_text() -> None:
    body = BODY + "<p>(Reporting by Ann Bell; additional reporting by Cy Dunn; Editing by Gil Hart)</p>"
    page = _page(body=body)
    assert page.authors == ("Ann Bell", "Cy Dunn")
    assert "Reporting by" not in page.text


LONG = ("<p>The ferry timetable changes next month, with an extra crossing in the evening and a "
        "later last boat on Fridays and Saturdays through the summer.</p>")


@pytest.mark.parametrize(("body", "day"), [
    # a byline line under the headline, no element naming it a date
    (f"<article><h1>Ferry</h1><p>am 12.03.2024 um 10:30</p>{LONG}</article>", 12),
    # a dateline opening the first paragraph
    (("<article><h1>Ferry</h1><p>14. März 2024 – The ferry timetable changes next month, with "
     "an extra crossing in the evening and a later last boat on Fridays.</p></article>"), 14),
    # a line saying the page was updated loses to one stating the date
    ((f"<article><h1>Ferry</h1><p>Updated 20 March 2024</p><p>Posted 11 March 2024</p>{LONG}"
     "</article>"), 11),
    # ...but counts when it is the only one
    (f"<article><h1>Ferry</h1><p>Stand: 21.03.2024</p>{LONG}</article>", 21),
    # a kicker line right above the headline beats a date further down the text
    ((f"<article><p>12. März 2024 | Presse</p><h1>Ferry</h1>{LONG}{LONG}"
      "<ul><li>Old timetable (valid until 28.03.2024)</li></ul></article>"), 12),
    # above the headline, the date nearest to it beats the masthead's "today" at the top
    (("<div><p>Donnerstag, 20. März 2024</p><ul><li>Home</li><li>News</li></ul>"
      "<p>15. März 2024</p><p>Politik</p><p>Inland</p></div>"
      f"<article><h1>Ferry</h1>{LONG}</article>"), 15),
    # a date in the comments is not the page's
    ((f"<article><h1>Ferry</h1>{LONG}</article><div class='comments'><p>Ann, 2 April 2024</p>"
     "</div>"), None),
])
def test_published_from_a_visible_date_line(body: str, day: int | None) -> None:
    page = _page(body=body)
    assert page.published_at == (datetime(2024, 3, day, tzinfo=UTC) if day else None)


def test_structured_date_beats_a_visible_line() -> None:
    body = f"<article><h1>Ferry</h1><p>am 12.03.2024</p>{LONG}</article>"
    assert _page(META, body=body).published_at == datetime(2024, 1, 3, 10, tzinfo=UTC)


@pytest.mark.parametrize(("social", "h1", "page_title", "expected"), [
    # og:title decorated with blog name and tagline; <h1> states the segment alone
    (("Harbour blog - Harbour works resume - News from the quay",), "Harbour works resume", "",
     "Harbour works resume"),
    # a one-word <h1> does not pick a segment (a logo), the decorated title stays
    (("Harbour works resume - Harbour blog",), "Harbour", "", "Harbour works resume - Harbour blog"),
    # a publication date after the headline is not part of it
    ((), "", "Harbour works resume : 31.10.2023, 10.19 Uhr", "Harbour works resume"),
    ((), "", "23.01.2022 - Harbour works resume", "Harbour works resume"),
    # ...but the end of a date range is
    ((), "", "Tide report 14. - 20. Januar 2022", "Tide report 14. - 20. Januar 2022"),
])
def test_title_segment_stated_elsewhere(social: tuple[str, ...], h1: str, page_title: str,
                                        expected: str) -> None:
    assert choose_title("", social, h1, page_title, None, None) == expected


@pytest.mark.parametrize(("raw", "offset"), [
    ("2022-05-03T22:46:08-03:00", timedelta(hours=-3)),
    ("Sat, 19 Oct 2019 00:04:00 +0200", timedelta(hours=2)),
    ("2019-10-18T22:04:00Z", timedelta(0)),
    ("2023-11-09T04:00:00", None),  # no offset stated: a wall-clock time, kept naive
])
def test_stated_date_keeps_the_stated_offset(raw: str, offset: timedelta | None) -> None:
    found = stated_date(raw, complete=True)
    assert found is not None and found.utcoffset() == offset
    as_utc = found if offset is not None else found.replace(tzinfo=UTC)
    assert parse_date(raw, complete=True) == as_utc


@pytest.mark.parametrize(("stated", "url", "others", "expected"), [
    # A stated offset or none at all: the value's own day, whatever the URL says.
    ("2022-05-03T22:46:08-03:00", "https://x.example/2022/05/04/a", (), date(2022, 5, 3)),
    ("2023-11-09T04:00:00", None, ("2023-11-08",), date(2023, 11, 9)),
    # A UTC moment: another source giving the same moment with an offset names the day ...
    ("2019-10-18T22:04:00Z", None, ("Sat, 19 Oct 2019 00:04:00 +0200",), date(2019, 10, 19)),
    # ... or a bare day next to it, or the URL's day next to it.
    ("2022-05-04T00:25:56Z", None, ("3 de mayo de 2022",), date(2022, 5, 3)),
    ("2020-02-25T02:25:54Z", "https://x.example/2020/02/24/a", (), date(2020, 2, 24)),
    # Other items' moments and days further away say nothing of this one.
    ("2020-08-14T21:30:04Z", None, ("2020-08-15T09:35:53-07:00",), date(2020, 8, 14)),
    ("2020-02-25T02:25:54Z", "https://x.example/2020/02/21/a", ("2020-02-27",),
     date(2020, 2, 25)),
])
def test_publication_day(stated: str, url: str | None, others: tuple[str, ...],
                         expected: date) -> None:
    assert publication_day(stated_date(stated, complete=True), url, others) == expected


def test_publication_day_of_a_page_without_a_zone() -> None:
    head = ('<meta property="article:published_time" content="2020-02-25T02:25:54Z">'
            '<meta name="date" content="Mon, 24 Feb 2020 21:25:54 -0500">')
    page = _page(head)
    assert page.published_at == datetime(2020, 2, 25, 2, 25, 54, tzinfo=UTC)
    assert page.published_on == date(2020, 2, 24)


@pytest.mark.parametrize(("page_title", "subheads", "expected"), [
    # No <h1>: an <h2> stating one segment of the <title> on its own says which is the title,
    # whichever side the site's name or tagline stands on.
    ("Ferry timetable changes - Harbour Community Forum", ("Ferry timetable changes",),
     "Ferry timetable changes"),
    ("Jo Lund's Digital Garden | Porting the ferry app to Python 3",
     ("Porting the ferry app to Python 3", "Why port at all"),
     "Porting the ferry app to Python 3"),
    # An <h2> that states no segment leaves the <title> as it is.
    ("Ferry timetable changes - Harbour Community Forum", ("Latest posts",),
     "Ferry timetable changes - Harbour Community Forum"),
])
def test_a_subhead_names_the_title_segment(page_title: str, subheads: tuple[str, ...],
                                           expected: str) -> None:
    assert choose_title("", (), "", page_title, None, None, subheads) == expected


def test_a_wordless_decoration_is_no_part_of_the_title() -> None:
    social = ("Ferry timetable changes » ☆☆☆☆☆ - Harbour Post",)
    assert choose_title("", social, "", "", "Harbour Post", None) == "Ferry timetable changes"


def test_time_words_settle_an_ambiguous_machine_value() -> None:
    body = ('<article><h1>Ferry</h1><p>Von Ann Bell, <time datetime="01-11-2023 10:29">'
            f'1. November 2023 10:29</time></p>{LONG}</article>')
    assert _page(body=body).published_on == date(2023, 11, 1)
    # words that state no date leave the machine value as it is read
    body = (f'<article><h1>Ferry</h1><p><time datetime="2023-11-01T10:29">vor 2 Tagen</time>'
            f'</p>{LONG}</article>')
    assert _page(body=body).published_on == date(2023, 11, 1)


def test_recipe_lines_from_json_ld() -> None:
    """A JSON-LD Recipe's ingredients and steps, in order, from every shape its instructions
    take: one text (a line per step), plain texts, HowToStep and HowToSection objects."""
    from transform.html_extract import parse_html
    from transform.html_metadata import extract_metadata
    from transform.html_walk import walk

    ld = ('{"@type": ["Recipe"], "recipeIngredient": ["2  eggs", "1 cup milk"], '
          '"recipeInstructions": [{"@type": "HowToSection", "itemListElement": '
          '[{"@type": "HowToStep", "text": "Whisk the eggs."}]}, "Pour in the milk.\\r\\n'
          'Bake it."]}')
    page = f'<html><head><script type="application/ld+json">{ld}</script></head>{BODY}</html>'
    meta = extract_metadata(walk(parse_html(page)))
    assert meta.recipe_lines == ("2 eggs", "1 cup milk", "Whisk the eggs.", "Pour in the milk.",
                                 "Bake it.")
    assert extract_metadata(walk(parse_html(f"<html>{BODY}</html>"))).recipe_lines == ()


def test_recipe_lines_from_microdata_ingredients() -> None:
    """Microdata ingredients (recipeIngredient, or the older ingredients) are recipe lines too."""
    from transform.html_extract import parse_html
    from transform.html_metadata import extract_metadata
    from transform.html_walk import walk

    page = ('<html><body><div itemscope itemtype="https://schema.org/Recipe"><table><tr '
            'itemprop="ingredients"><td>200 g</td><td>rye  flour</td></tr><tr '
            'itemprop="recipeIngredient"><td>1 pinch</td><td>salt</td></tr></table></div>'
            f'{BODY}</body></html>')
    assert extract_metadata(walk(parse_html(page))).recipe_lines == ("1 pinch salt", "200 g rye flour")
