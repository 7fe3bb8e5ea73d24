"""Feed lists: OPML 2.0 and the project's YAML format, read into :class:`FeedSpec` (written
as OPML by :mod:`extract.opml`).

OPML: every ``<outline>`` with an ``xmlUrl`` is a feed; ``title`` (else ``text``) is its title
and source name, ``htmlUrl`` its site. Its category is its own ``category`` attribute if present,
else the path of the enclosing outlines' ``text``/``title`` joined by ``/`` (``World/Europe``).

YAML (``.yaml``/``.yml``)::

    sources:
      - name: Example Daily            # required: the publisher
        site: https://example.com/     # optional
        category: world                # optional, default for its feeds
        feeds:                         # required, at least one
          - https://example.com/rss.xml            # a bare URL, or
          - url: https://example.com/tech/atom.xml # a mapping
            title: Example Daily - Tech            # optional
            category: tech                         # optional, overrides the source's

Feed URLs must be absolute http(s). A URL listed twice keeps its first entry. A list of no
feeds, or anything else malformed, raises :class:`FeedListError` naming the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from lxml import etree

from transform.records import clean_text, clean_url, unstorable_url_reason
from transform.urls import forbidden_in_host

# The largest feed list read: some 100,000 feeds of OPML. Read whole, a list is held in memory;
# a path to an endless file (/dev/zero, a pipe from `yes`) took all the machine's memory.
MAX_FEED_LIST_BYTES = 32 * 1024 * 1024


class FeedListError(ValueError):
    """A feed list file is missing, unreadable or malformed; the message names the file."""

    def __init__(self, path: str | Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = str(path)


@dataclass(frozen=True)
class FeedSpec:
    """One feed to subscribe to."""

    url: str
    title: str | None = None
    source_name: str | None = None
    site_url: str | None = None
    category: str | None = None


def _check_url(path: Path, url: object, where: str) -> str:
    if not isinstance(url, str) or not url.strip():
        raise FeedListError(path, f"{where}: feed URL missing")
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FeedListError(path, f"{where}: malformed URL {url!r}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FeedListError(path, f"{where}: {url!r} is not an absolute http(s) URL")
    if (bad := forbidden_in_host(parts.hostname)) is not None:
        raise FeedListError(
            path,
            f"{where}: {url!r} is not an http(s) URL: its host holds {bad!r}, which no "
            "host name may",
        )
    if clean_url(url) is None:  # the database would refuse it, or the run's records drop it
        raise FeedListError(
            path, f"{where}: feed URL {clean_text(url, 80)!r} {unstorable_url_reason()}"
        )
    return url


def _optional_text(path: Path, value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, (str, int, float)):
        raise FeedListError(path, f"{where}: expected text, got {type(value).__name__}")
    return str(value).strip() or None


def _dedupe(specs: Iterator[FeedSpec]) -> list[FeedSpec]:
    kept: dict[str, FeedSpec] = {}
    for spec in specs:
        kept.setdefault(spec.url, spec)
    return list(kept.values())


def _opml_specs(path: Path, node: Any, trail: tuple[str, ...]) -> Iterator[FeedSpec]:
    for index, outline in enumerate(node.iterfind("outline")):
        label = (outline.get("title") or outline.get("text") or "").strip()
        xml_url = outline.get("xmlUrl")
        if xml_url is not None:
            where = f"outline {label or index + 1!r}"
            own = (outline.get("category") or "").split(",")[0].strip().strip("/")
            yield FeedSpec(
                url=_check_url(path, xml_url, where),
                title=label or None,
                source_name=(outline.get("text") or outline.get("title") or "").strip() or None,
                site_url=(outline.get("htmlUrl") or "").strip() or None,
                category=own or ("/".join(trail) or None),
            )
        yield from _opml_specs(path, outline, trail + ((label,) if label and not xml_url else ()))


def _read_opml(path: Path, data: bytes) -> list[FeedSpec]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedListError(path, f"not well-formed OPML: {exc}") from None
    if root.tag != "opml":
        raise FeedListError(path, f"root element is <{root.tag}>, not <opml>")
    body = root.find("body")
    if body is None:
        raise FeedListError(path, "OPML has no <body>")
    return _dedupe(_opml_specs(path, body, ()))


def _yaml_specs(path: Path, doc: object) -> Iterator[FeedSpec]:
    if not isinstance(doc, dict) or not isinstance(doc.get("sources"), list):
        raise FeedListError(path, "expected a mapping with a 'sources' list")
    for index, source in enumerate(doc["sources"]):
        where = f"sources[{index}]"
        if not isinstance(source, dict):
            raise FeedListError(path, f"{where}: expected a mapping")
        name = _optional_text(path, source.get("name"), where)
        if name is None:
            raise FeedListError(path, f"{where}: 'name' is required")
        site = source.get("site")
        site_url = _check_url(path, site, f"{where}.site") if site is not None else None
        category = _optional_text(path, source.get("category"), where)
        feeds = source.get("feeds")
        if not isinstance(feeds, list) or not feeds:
            raise FeedListError(path, f"{where} ({name}): 'feeds' must be a non-empty list")
        for j, feed in enumerate(feeds):
            feed_where = f"{where}.feeds[{j}]"
            if isinstance(feed, dict):
                yield FeedSpec(
                    url=_check_url(path, feed.get("url"), feed_where),
                    title=_optional_text(path, feed.get("title"), feed_where),
                    source_name=name,
                    site_url=site_url,
                    category=_optional_text(path, feed.get("category"), feed_where) or category,
                )
            else:
                yield FeedSpec(
                    url=_check_url(path, feed, feed_where),
                    source_name=name,
                    site_url=site_url,
                    category=category,
                )


def _read_yaml(path: Path, data: bytes) -> list[FeedSpec]:
    try:
        doc = yaml.safe_load(data)
    except yaml.YAMLError as exc:
        raise FeedListError(path, f"not valid YAML: {exc}") from None
    return _dedupe(_yaml_specs(path, doc))


def read_feed_list(path: str | Path) -> list[FeedSpec]:
    """Read an OPML or YAML feed list; the format is chosen by extension, else by content."""
    path = Path(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FEED_LIST_BYTES + 1)
    except OSError as exc:
        raise FeedListError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FEED_LIST_BYTES:
        raise FeedListError(
            path, f"larger than {MAX_FEED_LIST_BYTES} bytes: no feed list (OPML or YAML)"
        )
    if not data.strip():  # YAML's message would be "expected a mapping", OPML's "not well-formed"
        raise FeedListError(path, "the file is empty: no feed list (OPML or YAML)")
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml") and (
        suffix in (".opml", ".xml") or data.lstrip().startswith(b"<")
    ):
        specs, none_found = _read_opml(path, data), "no <outline> with an xmlUrl"
    else:
        specs, none_found = _read_yaml(path, data), "no source with feeds"
    if not specs:  # as WIREHOUSE_FEEDS, a list of none: every WebSub subscription ended
        raise FeedListError(path, f"no feeds in it: {none_found}")
    return specs


__all__ = ["FeedListError", "FeedSpec", "read_feed_list"]
