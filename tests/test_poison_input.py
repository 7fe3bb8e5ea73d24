"""Poison records through whole runs (`run_once`) on SQLite and PostgreSQL, served on loopback:
one hostile value (a lone surrogate, a NUL, a date in year 9999, a bad character reference, a
header or URL longer than its column, UTF-7) must never stop the records beside it from loading,
nor block later runs; what still fails to load is quarantined and `wirehouse reprocess
--quarantined` retries it. Each scenario writes a fault record for bench/faults_report.py, one
per engine.
"""

from __future__ import annotations

import json
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from bs4 import MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from faultserver import FaultServer, Reply
from sqlalchemy import func, select, text
from test_hostile_input import PARAGRAPHS, RSS_TYPE, _bounded, article_html, write_fault_record

from load.models import Article, Feed, FetchLog, PendingPage, QuarantinedRecord, Run
from wirehouse import cli, pipeline
from wirehouse.pipeline import run_once
from wirehouse.replay import retry_quarantine
from wirehouse.settings import Settings

JSON_FEED_TYPE = "application/feed+json"
TAB_OR_NEWLINE = {"\t", "\n"}


def engine_name(settings: Settings) -> str:
    return "sqlite" if settings.warehouse_url.startswith("sqlite") else "postgresql"


def bare_page(topic: str, head: str = "", charset: str = "utf-8") -> bytes:
    """An article page with no title, heading, byline or date of its own: the feed entry's
    values are the ones stored."""
    paragraphs = "".join(f"<p>{topic}: {p}</p>" for p in PARAGRAPHS)
    return (
        f"<!doctype html><html lang='en'><head><meta charset='{charset}'>{head}</head>"
        f"<body><article>{paragraphs}</article></body></html>"
    ).encode()


def rss_items(items: list[tuple[str, str, str]], channel_title: str = "Poison") -> bytes:
    """RSS with (title, link, pubDate) items; the values are inserted as they are (markup)."""
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link>"
        + (f"<pubDate>{date}</pubDate>" if date else "")
        + "</item>"
        for title, link, date in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{channel_title}</title><link>http://127.0.0.1:9/</link>{body}</channel></rss>"
    ).encode()


def untitled_opml(path: Path, feed_urls: list[str]) -> Path:
    """A feed list naming no titles, so the warehouse takes each feed's own channel title."""
    outlines = "".join(f'<outline type="rss" xmlUrl="{u}"/>' for u in feed_urls)
    path.write_text(
        f'<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head>'
        f"<body>{outlines}</body></opml>",
        encoding="utf-8",
    )
    return path


def _clean(value: str | None) -> bool:
    """Storable text: no surrogate, no C0 control but tab and newline."""
    return value is None or not any(
        ("\ud800" <= c <= "\udfff") or (c < " " and c not in TAB_OR_NEWLINE) for c in value
    )


def test_poison_values_load_beside_good_records_and_never_block_later_runs(
    settings: Settings, engine, hostile: FaultServer
) -> None:
    u = hostile.url
    utf7_title = "+ADw-script+AD4-alert(1)+ADw-/script+AD4-"
    pages: dict[str, Reply] = {
        "/good/1": Reply(200, article_html("Breakwater to close for repairs", "Harbour")),
        "/good/2": Reply(200, article_html("Pontoons promised for fishing fleet", "Fleet")),
        "/good/3": Reply(200, article_html("Harbour market hall reopens", "Market")),
        "/json/surrogate": Reply(200, bare_page("Surrogate title")),
        "/json/author": Reply(200, bare_page("Surrogate author")),
        "/json/controls": Reply(200, bare_page("Control characters")),
        "/json/date9999": Reply(200, bare_page("JSON date in 9999")),
        "/jsonld/headline": Reply(
            200,
            bare_page(
                "JSON-LD surrogate",
                '<script type="application/ld+json">{"@type": "NewsArticle", '
                '"headline": "\\ud800", "author": {"name": "\\udc80 Nul\\u0000l"}}</script>',
            ),
        ),
        "/rss/nul": Reply(200, bare_page("NUL in title")),
        "/rss/date9999": Reply(200, bare_page("Date 9999")),
        "/rss/date0001": Reply(200, bare_page("Date 0001")),
        "/rss/date2100": Reply(200, bare_page("Date 2100")),
        "/rss/longtitle": Reply(200, bare_page("Long title")),
        "/refs/d800": Reply(200, bare_page("Reference D800")),
        "/refs/110000": Reply(200, bare_page("Reference 110000")),
        "/refs/huge": Reply(200, bare_page("Reference huge")),
        "/page/utf7": Reply(
            200,
            f"<!doctype html><html><head><meta charset='utf-7'><title>{utf7_title}</title>"
            f"</head><body><article><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></article>"
            "</body></html>".encode(),
            "text/html",
        ),
        "/page/mixed": Reply(
            200,
            "<!doctype html><html><head><meta charset='utf-8'><title>Café naïve</title></head>"
            f"<body><article><p>The naïve résumé of the harbour. {PARAGRAPHS[0]}</p>".encode()
            + f"<p>Café crème at the market. {PARAGRAPHS[1]}</p>".encode("cp1252")
            + b"</article></body></html>",
            "text/html; charset=utf-8",
        ),
        "/page/xhtml": Reply(
            200,
            b"<?xml version='1.0' encoding='utf-8'?><!DOCTYPE html><html "
            b"xmlns='http://www.w3.org/1999/xhtml'><head><title>XHTML page</title></head><body>"
            b"<article><p>" + PARAGRAPHS[2].encode() + b"</p></article></body></html>",
            "text/html; charset=utf-8",
        ),
        "/page/long-redirect": Reply(302, headers=(("Location", "/" + "r" * 3000),)),
    }
    for path, reply in pages.items():
        hostile.route(path, reply)
    long_link = u("/" + "l" * 3000)
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON \udc00 feed",
        "items": [
            {"id": "1", "url": u("/json/surrogate"), "title": "x \ud800"},
            {"id": "2", "url": u("/json/author"), "title": "Author",
             "authors": [{"name": "\udc80 Ada \u0000 Marsh"}]},
            {"id": "3", "url": u("/json/controls"), "title": "bell\u0007 esc\u001b nul\u0000 ok",
             "content_text": "nul \u0000 in the summary"},
            {"id": "4", "url": u("/json/date9999"), "title": "Far future",
             "date_published": "9999-12-31T23:59:59Z"},
            {"id": "5", "url": u("/good/3"), "title": "Market"},
        ],
    }
    feeds: dict[str, Reply] = {
        "/good.xml": Reply(200, rss_items([
            ("Breakwater", u("/good/1"), "Tue, 03 Mar 2026 01:00:00 GMT"),
            ("Pontoons", u("/good/2"), "Tue, 03 Mar 2026 02:00:00 GMT"),
            ("UTF-7", u("/page/utf7"), ""),
            ("Mixed", u("/page/mixed"), ""),
            ("XHTML", u("/page/xhtml"), ""),
            ("Long redirect", u("/page/long-redirect"), ""),
            ("Long link", long_link, ""),
        ], "Good"), RSS_TYPE),
        "/json.json": Reply(200, json.dumps(json_feed).encode(), JSON_FEED_TYPE),
        "/jsonld.xml": Reply(200, rss_items([("JSON-LD", u("/jsonld/headline"), "")]), RSS_TYPE),
        "/nul.xml": Reply(200, rss_items([("a &#0; b", u("/rss/nul"), "")],
                                         channel_title="Channel &#0; title"), RSS_TYPE),
        "/dates.xml": Reply(200, rss_items([
            ("Year 9999", u("/rss/date9999"), "Fri, 31 Dec 9999 23:59:59 GMT"),
            ("Year 1", u("/rss/date0001"), "0001-01-01T00:00:00Z"),
            ("Year 2100", u("/rss/date2100"), "Fri, 31 Dec 2100 12:00:00 GMT"),
            ("Long " + "t" * 100_000, u("/rss/longtitle"), ""),
        ]), RSS_TYPE),
        "/refs.xml": Reply(200, rss_items([
            ("Lone &#xD800; surrogate", u("/refs/d800"), ""),
            ("Beyond &#x110000; Unicode", u("/refs/110000"), ""),
            ("Huge &#99999999999; number", u("/refs/huge"), ""),
        ]), RSS_TYPE),
        "/utf7.xml": Reply(
            200,
            b"<?xml version='1.0' encoding='utf-7'?><rss version='2.0'><channel><title>"
            + utf7_title.encode() + b"</title><item><title>" + utf7_title.encode()
            + b"</title><link>" + u("/good/3").encode() + b"</link></item></channel></rss>",
            "application/rss+xml; charset=utf-7",
        ),
        "/etag.xml": Reply(
            200, rss_items([("Breakwater again", u("/good/1"), "")], "ETag"), RSS_TYPE,
            headers=(("ETag", '"' + "e" * 1000 + '"'), ("Last-Modified", "L" * 300)),
        ),
    }
    for path, reply in feeds.items():
        hostile.route(path, reply)
    feed_urls = [u(p) for p in feeds]
    run_settings = _bounded(
        settings, feeds=untitled_opml(settings.data_dir / "poison.opml", feed_urls)
    )

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = run_once(run_settings)
        second = run_once(run_settings)  # a later run is never blocked by what the first met
    with engine.connect() as conn:
        articles = {a.canonical_url: a for a in conn.execute(select(Article))}
        feed_rows = {f.url: f for f in conn.execute(select(Feed))}
        runs = conn.execute(select(Run.id, Run.status)).all()
        pending = conn.scalar(select(func.count()).select_from(PendingPage))
        quarantined = conn.execute(select(QuarantinedRecord.url, QuarantinedRecord.error)).all()
        logged = conn.scalars(select(FetchLog.url)).all()
        events = conn.scalar(text("SELECT COUNT(*) FROM events"))

    outcome: dict[str, str] = {}
    expected = [p for p in pages if p != "/page/long-redirect"]

    def loaded(path: str, what: str) -> Any:
        row = articles.get(u(path))
        assert row is not None, f"{path} ({what}) was not loaded"
        assert _clean(row.title) and _clean(row.text) and _clean(row.author), path
        outcome[what] = f"loaded, title {row.title[:60]!r}"
        return row

    loaded("/json/surrogate", "JSON Feed title with a lone surrogate")
    assert articles[u("/json/surrogate")].title == "x \ufffd"
    assert "Ada" in loaded("/json/author", "JSON Feed author with a surrogate and NUL").author
    assert loaded("/json/controls", "JSON Feed title with C0 controls").title == "bell esc nul ok"
    loaded("/jsonld/headline", "JSON-LD headline and author with surrogates and NUL")
    assert loaded("/rss/nul", "RSS title with &#0; (NUL)").title.startswith("a ")
    latest = datetime.now(UTC) + timedelta(days=run_settings.max_future_days)
    for path, what in (("/json/date9999", "JSON Feed date 9999-12-31"),
                       ("/rss/date9999", "RSS pubDate 9999-12-31"),
                       ("/rss/date0001", "entry date 0001-01-01"),
                       ("/rss/date2100", "entry date in 2100")):
        published = loaded(path, what).published_at
        assert published is None or datetime(1990, 1, 1, tzinfo=UTC) <= published <= latest
        outcome[what] += f", published_at {published}"
    title = loaded("/rss/longtitle", "100,000-character entry title").title
    assert len(title) <= run_settings.max_field_chars
    for path, ref in (("/refs/d800", "&#xD800;"), ("/refs/110000", "&#x110000;"),
                      ("/refs/huge", "&#99999999999;")):
        row = loaded(path, f"character reference {ref} in a feed")
        assert "\ufffd" in row.title, row.title
    utf7 = loaded("/page/utf7", "page declaring UTF-7")
    assert "<script>" not in utf7.title and "<script>" not in utf7.text
    mixed = loaded("/page/mixed", "mixed UTF-8 / windows-1252 page")
    assert "naïve résumé" in mixed.text and "Café crème" in mixed.text, mixed.text[:200]
    loaded("/page/xhtml", "XHTML page with an XML declaration")
    bs_warnings = [w for w in caught
                   if issubclass(w.category, (XMLParsedAsHTMLWarning, MarkupResemblesLocatorWarning))]
    assert not bs_warnings, [str(w.message)[:80] for w in bs_warnings]
    outcome["BeautifulSoup warnings"] = "none printed"
    # feeds: a NUL in a channel title, a surrogate in a JSON Feed title, UTF-7, oversized validators
    nul_feed = feed_rows[u("/nul.xml")]
    assert nul_feed.last_error is None and _clean(nul_feed.title) and nul_feed.title
    outcome["channel title with &#0; (NUL), feed listed without a title"] = repr(nul_feed.title)
    json_row = feed_rows[u("/json.json")]
    assert json_row.last_error is None and _clean(json_row.title)
    outcome["JSON Feed channel title with a lone surrogate"] = repr(json_row.title)
    utf7_feed = feed_rows[u("/utf7.xml")]
    assert "<script>" not in (utf7_feed.title or "")
    outcome["feed declaring UTF-7"] = repr(utf7_feed.title)
    etag_feed = feed_rows[u("/etag.xml")]
    assert etag_feed.last_error is None and etag_feed.last_success_at is not None
    assert etag_feed.etag is None and etag_feed.last_modified is None
    outcome["ETag and Last-Modified longer than their columns"] = "feed recorded, validators dropped"
    for path in ("/refs.xml", "/dates.xml"):
        assert feed_rows[u(path)].entry_count and feed_rows[u(path)].last_error is None, path
    # URLs longer than their columns: the long link is not fetched, the long redirect is logged
    assert long_link not in articles
    outcome["entry link of 3,000 characters"] = "dropped at the feed, nothing else lost"
    assert any(url.startswith(u("/rrrr")) for url in logged)
    assert all(len(url) <= 2048 for url in logged)
    outcome["redirect to a 3,000-character URL"] = "logged (cut to 2048 characters)"
    # nothing lost, nothing left pending or quarantined, every run completed
    lost = [p for p in expected if u(p) not in articles]
    assert not lost and pending == 0 and quarantined == []
    assert [status for _id, status in runs] == ["completed", "completed"]
    assert first.pages_quarantined == second.pages_quarantined == 0 and events > 0
    write_fault_record(f"poison-values-{engine_name(settings)}", {
        "fault": f"poison values through two whole runs ({engine_name(settings)}): surrogates, "
                 "NUL and C0 controls, dates 9999/0001/2100, bad character references, UTF-7, "
                 "mixed encodings, values longer than their columns",
        "tried": len(outcome),
        "survived": len(outcome),
        "rows_lost": len(lost),
        "outcomes": outcome,
    })


def _poisoned_build(real, poison: dict[str, str]):
    """build_article_record, except that the pages named in ``poison`` get a value the record
    boundary would never let through (forced in afterwards): as if a future field escaped it."""

    def build(**kwargs: Any):
        record = real(**kwargs)
        for marker, value in poison.items():
            if marker in kwargs["final_url"]:
                object.__setattr__(record, "text", value)
        return record

    return build


def test_a_page_that_fails_to_load_is_quarantined_and_the_rest_of_its_batch_loads(
    settings: Settings, engine, hostile: FaultServer, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    u = hostile.url
    good = [f"/good/{n}" for n in range(1, 5)]
    for n, path in enumerate(good):
        hostile.route(path, Reply(200, article_html(f"Harbour story {n}", f"Story {n}")))
    bad = {"/bad/surrogate": "lone \ud800 " * 40, "/bad/crash": ""}
    if engine_name(settings) == "postgresql":  # SQLite text holds a NUL; PostgreSQL's cannot
        bad["/bad/nul"] = "NUL \x00 " * 40
    for path in bad:
        hostile.route(path, Reply(200, article_html(f"Poisoned {path}", path)))
    links = [u(p) for p in (good[:2] + list(bad) + good[2:])]
    hostile.route("/feed.xml", Reply(200, rss_items([(p, p, "") for p in links], "Batch"), RSS_TYPE))
    run_settings = _bounded(
        settings, feeds=untitled_opml(settings.data_dir / "batch.opml", [u("/feed.xml")])
    )
    real_extract = pipeline.extract_page

    def crashing_extract(body: bytes, url: str | None = None, **kwargs: Any):
        if url and "/bad/crash" in url:
            raise RuntimeError("extractor bug met on this page")
        return real_extract(body, url=url, **kwargs)

    monkeypatch.setattr(pipeline, "build_article_record",
                        _poisoned_build(pipeline.build_article_record,
                                        {k: v for k, v in bad.items() if v}))
    monkeypatch.setattr(pipeline, "extract_page", crashing_extract)

    summary = run_once(run_settings)
    hostile.route("/feed.xml", Reply(200, rss_items([(p, p, "") for p in links]
                                                    + [("new", u("/good/5"), "")]), RSS_TYPE))
    hostile.route("/good/5", Reply(200, article_html("Harbour story 5", "Story 5")))
    later = run_once(run_settings)  # proceeds: nothing was left pending to reload

    with engine.connect() as conn:
        loaded = set(conn.scalars(select(Article.canonical_url)))
        rows = conn.execute(select(QuarantinedRecord)).all()
        view = conn.execute(text("SELECT url, feed_url, error, attempts FROM quarantined_records")).all()
        pending = conn.scalar(select(func.count()).select_from(PendingPage))
        statuses = conn.scalars(select(Run.status)).all()
    assert {u(p) for p in good} | {u("/good/5")} <= loaded
    assert not {u(p) for p in bad} & loaded
    assert summary.pages_quarantined == len(bad) and later.pages_quarantined == 0
    assert sorted(r.url for r in rows) == sorted(u(p) for p in bad)
    assert {r.feed_url for r in view} == {u("/feed.xml")} and all(r.attempts == 1 for r in view)
    errors = {r.url: r.error for r in rows}
    assert "extractor bug" in errors[u("/bad/crash")]
    assert pending == 0 and statuses == ["completed", "completed"]

    # visible in `wirehouse feeds list` (and `stats`)
    monkeypatch.setenv("WIREHOUSE_DB_URL", run_settings.warehouse_url)
    monkeypatch.setenv("WIREHOUSE_DATA_DIR", str(run_settings.data_dir))
    assert cli.main(["feeds", "list"]) == 0
    listing = capsys.readouterr().out
    assert f"quarantined: {len(bad)} records" in listing
    assert f"{len(bad)} records quarantined" in listing

    # a retry while the fault persists keeps the records, counting the attempt
    assert cli.main(["reprocess", "--quarantined"]) == 0
    assert f"{len(bad)} still quarantined" in capsys.readouterr().out
    # once the fault is gone, `wirehouse reprocess --quarantined` loads them
    monkeypatch.undo()
    counts = retry_quarantine(run_settings)
    with engine.connect() as conn:
        loaded_after = set(conn.scalars(select(Article.canonical_url)))
        left = conn.scalar(select(func.count()).select_from(QuarantinedRecord))
    assert counts["retried"] == len(bad) == counts["inserted"] and left == 0
    assert {u(p) for p in bad} <= loaded_after
    write_fault_record(f"poison-quarantine-{engine_name(settings)}", {
        "fault": f"records that fail to load in a batch of good ones ({engine_name(settings)}): "
                 "a lone surrogate (and on PostgreSQL a NUL) reaching the database, an "
                 "extractor crash; quarantined, not fetched again, retried by reprocess",
        "tried": len(bad),
        "survived": len(bad),
        "rows_lost": len({u(p) for p in good} - loaded) + len({u(p) for p in bad} - loaded_after),
        "outcomes": {url.rsplit("/", 2)[-1]: error for url, error in errors.items()},
    })


def test_a_lost_archive_is_quarantined_not_retried_forever(
    settings: Settings, engine, hostile: FaultServer
) -> None:
    hostile.route("/good/1", Reply(200, article_html("Breakwater to close", "Harbour")))
    hostile.route("/feed.xml", Reply(200, rss_items([("a", hostile.url("/good/1"), "")]), RSS_TYPE))
    run_settings = _bounded(settings, feeds=untitled_opml(settings.data_dir / "a.opml",
                                                          [hostile.url("/feed.xml")]))
    ref = {"url": hostile.url("/gone"), "archive": {"path": "/nonexistent.warc.gz", "offset": 0},
           "feed_id": None, "entry_title": "gone", "entry_published_at": "0001-01-01T00:00:00",
           "entry_authors": []}
    pipeline.open_warehouse(run_settings)
    from load import db

    with db.session_scope(engine) as session:
        session.add(PendingPage(run_id="killed-run", ref=json.dumps(ref),
                                created_at=datetime.now(UTC)))
    first = run_once(run_settings)
    second = run_once(run_settings)
    # the run that quarantined the leftover counts it (in its summary and the CLI's report)
    assert (first.pages_quarantined, second.pages_quarantined) == (1, 0)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(PendingPage)) == 0
        errors = conn.scalars(select(QuarantinedRecord.error)).all()
        assert conn.scalar(select(QuarantinedRecord.run_id)) == first.run_id
        assert conn.scalar(select(func.count()).select_from(Article)) == 1
    assert len(errors) == 1 and "ArchiveError" in errors[0]
    write_fault_record(f"poison-lost-archive-{engine_name(settings)}", {
        "fault": f"a pending page whose archive is gone ({engine_name(settings)}): quarantined "
                 "with its error, the next runs proceed",
        "tried": 1, "survived": 1, "rows_lost": 0,
    })
