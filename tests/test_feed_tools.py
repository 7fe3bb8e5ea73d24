"""`feeds discover` and `feeds export` (issue 17): feeds linked with a plain <a href> are found
on every demo site, a site without feeds is explained, and export keeps http:// site URLs."""

from __future__ import annotations

import os

import pytest
from faultserver import Reply, bound_socket, loopback_policy, quick_fetch_settings

from extract.crawl import discover
from extract.feeds import linked_feed_candidates
from wirehouse import cli
from wirehouse.demo.server import DemoSites

RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
    b"<item><title>Story one</title><link>/one</link></item></channel></rss>"
)


@pytest.fixture
def wirehouse(monkeypatch, capsys):
    """The `wirehouse` command in-process: (exit status, stdout, stderr) of one invocation."""

    def run(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
        for name in [n for n in os.environ if n.startswith("WIREHOUSE_")]:
            monkeypatch.delenv(name)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        status = cli.main(list(args))
        out = capsys.readouterr()
        return status, out.out, out.err

    return run


def test_linked_candidates_are_feed_like_anchors_only():
    page = """<html><head><base href="/news/"></head><body>
    <a href="story-about-feeding-ducks">Ducks feeding on the quay</a>
    <a href="/feeds/latest.xml">Latest</a> <a href="front.rdf">x</a>
    <a href="/subscribe"><img alt="RSS"></a> <a href="/x" type="application/atom+xml">x</a>
    <a href="mailto:rss@h.test">RSS by mail</a> <a href="/atomic-energy">Atomic energy</a>
    <a href="/feeds/latest.xml">again</a></body></html>"""
    assert linked_feed_candidates(page, "http://h.test/") == [
        "http://h.test/feeds/latest.xml",
        "http://h.test/news/front.rdf",
        "http://h.test/subscribe",
        "http://h.test/x",
    ]


def test_discover_finds_the_feed_every_demo_site_links_with_a_plain_anchor(tmp_path, wirehouse):
    settings = quick_fetch_settings(allow_private_hosts=True, data_dir=tmp_path)
    with DemoSites() as demo:
        for site in demo.sites:
            found = discover(settings, site.base_url + "/")
            assert (found.feeds, found.how) == ([site.feed_urls[0]], "linked"), site.name
        env = {
            "WIREHOUSE_DATA_DIR": str(tmp_path),
            "WIREHOUSE_ALLOW_PRIVATE_HOSTS": "1",
            "WIREHOUSE_HOST_DELAY": "0",
        }
        site = demo.sites[1]
        status, out, _ = wirehouse("feeds", "discover", site.base_url + "/", env=env)
    assert (status, out) == (0, site.feed_urls[0] + "\n")


def test_linked_candidates_that_are_not_feeds_are_dropped(server):
    server.route("/robots.txt", Reply(404))
    server.route("/", Reply(200, b'<a href="/rss.html">RSS explained</a><a href="/f.xml">Feed</a>'))
    server.route("/rss.html", Reply(200, b"<html><body>What RSS is</body></html>"))
    server.route("/f.xml", Reply(200, RSS, "application/rss+xml"))
    found = discover(quick_fetch_settings(), server.url("/"), policy=loopback_policy(server))
    assert (found.feeds, found.how) == ([server.url("/f.xml")], "linked")


def test_discover_explains_why_it_found_nothing(server, tmp_path, wirehouse):
    server.route("/robots.txt", Reply(404))
    server.route("/", Reply(200, b"<html><body><a href='/about'>About us</a></body></html>"))
    none = discover(quick_fetch_settings(), server.url("/"), policy=loopback_policy(server))
    assert none.feeds == []
    assert none.reason.startswith(
        'the page advertises no feed with <link rel="alternate"> and has no link that looks '
        "like a feed; none of the usual paths (/feed, /rss.xml, /atom.xml, ...) answers a feed"
    )
    server.route("/", Reply(200, b"<a href='/rss.html'>RSS</a>"))
    not_feeds = discover(quick_fetch_settings(), server.url("/"), policy=loopback_policy(server))
    assert "none of the 1 feed-like links on it is a feed" in not_feeds.reason
    server.route("/", Reply(404))
    missing = discover(quick_fetch_settings(), server.url("/"), policy=loopback_policy(server))
    assert missing.reason.startswith("the page could not be read: HTTP 404;")

    with bound_socket() as closed:  # bound, never listening: refused while it is held
        refused = discover(quick_fetch_settings(allow_private_hosts=True),
                           f"http://127.0.0.1:{closed.getsockname()[1]}/")
    assert refused.reason.startswith("the site could not be reached: ")
    unresolvable = discover(quick_fetch_settings(), "http://no-such-host.invalid/")
    assert unresolvable.reason.startswith("the site could not be reached: ")
    assert "cannot resolve no-such-host.invalid" in unresolvable.reason
    guarded = discover(quick_fetch_settings(), server.url("/"))
    assert guarded.reason == (
        "the site could not be reached: blocked by the SSRF guard: address 127.0.0.1 is not "
        "public (WIREHOUSE_ALLOW_PRIVATE_HOSTS=1 allows it)"
    )

    env = {"WIREHOUSE_DATA_DIR": str(tmp_path)}
    status, out, err = wirehouse("feeds", "discover", server.url("/"), env=env)
    assert (status, out) == (1, "")
    assert err.strip().splitlines() == [
        f"wirehouse: error: no feeds found at {server.url('/')}: {guarded.reason}"
    ]


def test_export_keeps_the_scheme_of_http_sites(tmp_path, wirehouse):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        "sources:\n"
        "  - name: Plain Post\n    feeds: [http://plain.example/rss.xml]\n"
        "  - name: Secure Times\n    feeds: [https://secure.example/feed]\n",
        encoding="utf-8",
    )
    env = {"WIREHOUSE_DATA_DIR": str(tmp_path / "data")}
    assert wirehouse("db", "upgrade", env=env)[0] == 0
    assert wirehouse("feeds", "import", str(feeds), env=env)[0] == 0
    status, exported, err = wirehouse("feeds", "export", "-", env=env)
    assert status == 0, err
    assert 'htmlUrl="http://plain.example/"' in exported
    assert 'htmlUrl="https://secure.example/"' in exported
    assert "https://plain.example" not in exported
