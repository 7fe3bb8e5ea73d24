"""Rows written into a warehouse at an earlier schema revision, for the tests that migrate it
and check that every row is kept."""

from __future__ import annotations

from sqlalchemy import Connection, text


def insert_source_and_article(connection: Connection) -> None:
    """Source 1 ('A', a.test) and its article 1, in the columns every revision has."""
    connection.execute(text("INSERT INTO sources (id, name, domain) VALUES (1, 'A', 'a.test')"))
    connection.execute(
        text(
            "INSERT INTO articles (id, url, canonical_url, source_id, title, author, text, "
            "word_count, content_hash, first_seen_at) VALUES (1, 'https://a.test/1', "
            "'https://a.test/1', 1, 'T', '', 'the body', 2, :h, :t)"
        ),
        {"h": "0" * 64, "t": "2024-03-04 06:00:00"},
    )
