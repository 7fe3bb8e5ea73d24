"""The bundled demo: four invented news sites served on loopback, and what ingesting them yields.

``DemoSites`` runs the sites; ``expected_articles`` says what the warehouse should hold.
"""

from wirehouse.demo.corpus import (
    Corpus,
    CorpusError,
    DemoArticle,
    DemoSite,
    default_corpus,
    load_corpus,
)
from wirehouse.demo.expectations import (
    ExpectedArticle,
    ExpectedFeed,
    expected_articles,
    expected_events,
    expected_feeds,
    manifest_json,
)
from wirehouse.demo.server import (
    DemoServerError,
    DemoSites,
    LoggedRequest,
    ServedSite,
)

__all__ = [
    "Corpus", "CorpusError", "DemoArticle", "DemoServerError", "DemoSite", "DemoSites",
    "ExpectedArticle", "ExpectedFeed", "LoggedRequest", "ServedSite", "default_corpus",
    "expected_articles", "expected_events", "expected_feeds", "load_corpus", "manifest_json",
]
