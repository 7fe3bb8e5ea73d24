"""Feed lists: OPML 2.0 and YAML in, OPML out, typed errors naming the file."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest

from extract import feedlist
from extract.feedlist import FeedListError, FeedSpec, read_feed_list
from extract.opml import write_opml

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="World">
      <outline text="Europe">
        <outline type="rss" text="Alpine Post" title="Alpine Post - Top"
                 xmlUrl="https://alpine.example.ch/rss" htmlUrl="https://alpine.example.ch/"/>
      </outline>
      <outline type="rss" text="Global Desk" xmlUrl="https://desk.example.com/atom.xml"/>
    </outline>
    <outline type="rss" text="Uncategorised" xmlUrl="http://plain.example.org/feed"
             category="/Science/Space"/>
    <outline type="rss" text="Duplicate" xmlUrl="https://desk.example.com/atom.xml"/>
  </body>
</opml>
"""

YAML = """
sources:
  - name: Example Daily
    site: https://daily.example.com/
    category: national
    feeds:
      - https://daily.example.com/rss.xml
      - url: https://daily.example.com/tech/atom.xml
        title: Example Daily - Tech
        category: tech
  - name: Lone Blog
    feeds: [https://blog.example.net/feed.json]
"""


def test_read_opml_nested_categories(tmp_path: Path) -> None:
    path = tmp_path / "feeds.opml"
    path.write_text(OPML, encoding="utf-8")
    assert read_feed_list(path) == [
        FeedSpec(
            "https://alpine.example.ch/rss",
            "Alpine Post - Top",
            "Alpine Post",
            "https://alpine.example.ch/",
            "World/Europe",
        ),
        FeedSpec("https://desk.example.com/atom.xml", "Global Desk", "Global Desk", None, "World"),
        FeedSpec(
            "http://plain.example.org/feed", "Uncategorised", "Uncategorised", None, "Science/Space"
        ),
    ]


def test_read_yaml(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(YAML, encoding="utf-8")
    assert read_feed_list(path) == [
        FeedSpec(
            "https://daily.example.com/rss.xml",
            None,
            "Example Daily",
            "https://daily.example.com/",
            "national",
        ),
        FeedSpec(
            "https://daily.example.com/tech/atom.xml",
            "Example Daily - Tech",
            "Example Daily",
            "https://daily.example.com/",
            "tech",
        ),
        FeedSpec("https://blog.example.net/feed.json", None, "Lone Blog", None, None),
    ]


def test_opml_round_trip(tmp_path: Path) -> None:
    specs = [
        FeedSpec(
            "https://a.example.com/rss", "A Top", "A News", "https://a.example.com/", "World/Europe"
        ),
        FeedSpec("https://b.example.com/rss", 'B & "Co" <news>', "B", None, "World"),
        FeedSpec("https://c.example.com/rss", "C", "C Source", None, None),
    ]
    feeds = [dataclasses.asdict(spec) for spec in specs]
    path = tmp_path / "out.opml"
    write_opml(feeds, path)
    assert read_feed_list(path) == specs
    buffer = io.BytesIO()
    write_opml(feeds, buffer)
    assert buffer.getvalue() == path.read_bytes()
    text = io.StringIO()
    write_opml(feeds, text)
    assert text.getvalue().encode("utf-8") == path.read_bytes()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.opml", "<opml><body><outline", "not well-formed"),
        ("bad.opml", "<html><body/></html>", "not <opml>"),
        ("bad.opml", '<opml version="2.0"><head/></opml>', "no <body>"),
        ("bad.opml", '<opml><body><outline xmlUrl="ftp://x/f"/></body></opml>', "http(s)"),
        ("bad.opml", '<opml version="2.0"><body/></opml>', "no feeds in it: no <outline>"),
        # a reader's own attribute spelling is no OPML feed: the list holds none
        (
            "bad.opml",
            '<opml><body><outline xmlurl="https://x.example/f"/></body></opml>',
            "no feeds in it: no <outline> with an xmlUrl",
        ),
        ("bad.yaml", "sources: []", "no feeds in it: no source with feeds"),
        ("bad.yaml", "sources: [unclosed", "not valid YAML"),
        ("bad.yaml", "feeds: []", "'sources' list"),
        ("bad.yaml", "sources:\n  - feeds: [https://x.example.com/f]", "'name' is required"),
        ("bad.yaml", "sources:\n  - name: X\n    feeds: []", "non-empty list"),
        ("bad.yaml", "sources:\n  - name: X\n    feeds: [relative/path]", "absolute http(s)"),
        # refused by the loader then, in words naming no file and no outline
        (
            "bad.opml",
            '<opml><body><outline text="Ledger" xmlUrl="https://a b.example/f"/></body></opml>',
            "outline 'Ledger': 'https://a b.example/f' is not an http(s) URL: its host holds ' '",
        ),
        ("bad.yaml", "sources:\n  - name: X\n    feeds: [{title: no url}]", "URL missing"),
        (
            "bad.yaml",
            "sources:\n  - name: X\n    site: nope\n    feeds: [https://x.example/f]",
            "site",
        ),
    ],
)
def test_malformed_lists_raise_naming_the_file(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FeedListError, match="bad") as info:
        read_feed_list(path)
    assert message in str(info.value)
    assert info.value.path == str(path)


def test_a_file_past_the_feed_list_cap_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read whole, WIREHOUSE_FEEDS=/dev/zero (or `feeds import` of it) took all the memory."""
    monkeypatch.setattr(feedlist, "MAX_FEED_LIST_BYTES", 64)
    path = tmp_path / "wide.opml"
    path.write_text(OPML, encoding="utf-8")
    with pytest.raises(FeedListError) as refused:
        read_feed_list(path)
    assert str(refused.value) == f"{path}: larger than 64 bytes: no feed list (OPML or YAML)"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FeedListError, match="cannot read"):
        read_feed_list(tmp_path / "absent.yaml")


def test_opml_external_entities_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.opml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<opml version="2.0"><body><outline text="&x;" '
        'xmlUrl="https://e.example.com/f"/></body></opml>',
        encoding="utf-8",
    )
    with pytest.raises(FeedListError, match="external entity"):
        read_feed_list(path)


def test_opml_entity_expansion_stays_bounded(tmp_path: Path) -> None:
    levels = ['<!ENTITY l0 "lol lol lol lol lol lol lol lol lol lol">']
    levels += [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)]
    path = tmp_path / "laughs.opml"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE opml [{"".join(levels)}]>'
        '<opml version="2.0"><body><outline text="&l9;" '
        'xmlUrl="https://e.example.com/f"/></body></opml>',
        encoding="utf-8",
    )
    try:
        specs = read_feed_list(path)
    except FeedListError:
        return
    assert len(specs[0].title or "") < 100_000
