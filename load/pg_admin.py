"""PostgreSQL administration for the tests and benchmarks: psycopg connection parameters of a
warehouse URL, and the databases they run in, made when missing (a new machine's server has only
its own), and private schemas in them. The pipeline itself never creates databases."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql
from sqlalchemy.engine import URL

from load.db import normalize_url

CONNECT_TIMEOUT_S = 5  # an unreachable server is reported quickly, not after libpq's default


def libpq_params(url: str | URL) -> dict[str, object]:
    """psycopg.connect() keyword arguments for a SQLAlchemy URL (its ``options`` included)."""
    parsed = normalize_url(url)
    params: dict[str, object] = {
        "host": parsed.host or "127.0.0.1",
        "port": parsed.port or 5432,
        "user": parsed.username or "postgres",
        "dbname": parsed.database or "postgres",
        "connect_timeout": CONNECT_TIMEOUT_S,
    }
    if parsed.password:
        params["password"] = parsed.password
    if "options" in parsed.query:
        params["options"] = parsed.query["options"]
    return params


def _server(url: str | URL) -> dict[str, object]:
    """Parameters for the server's own ``postgres`` database, to create and drop others."""
    return libpq_params(url) | {"dbname": "postgres"}


def create_database(url: str | URL, name: str) -> str:
    """Create database ``name`` on ``url``'s server; the URL of the new database."""
    with psycopg.connect(**_server(url), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return normalize_url(url).set(database=name).render_as_string(hide_password=False)


def ensure_database(url: str | URL) -> None:
    """Create ``url``'s database when its server does not have it yet."""
    name = normalize_url(url).database or "postgres"
    with psycopg.connect(**_server(url), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists is None:
            try:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            except psycopg.errors.DuplicateDatabase:
                pass  # created meanwhile by another session (parallel test runs)


def drop_database(url: str | URL, name: str) -> None:
    """Drop database ``name`` on ``url``'s server, closing its connections."""
    with psycopg.connect(**_server(url), autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def schema_url(url: str | URL, schema: str) -> URL:
    """``url`` with its connections' search path set to ``schema``."""
    return normalize_url(url).update_query_dict({"options": f"-csearch_path={schema}"})


@contextmanager
def private_schema(url: str | URL, prefix: str) -> Iterator[str]:
    """A new schema ``<prefix>_<random hex>`` in ``url``'s database, named for the ``with``
    block (reach it through :func:`schema_url`) and dropped with all it holds at its end."""
    schema = f"{prefix}_{uuid.uuid4().hex[:16]}"
    params = libpq_params(url)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield schema
    finally:
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema))
            )


__all__ = [
    "create_database", "drop_database", "ensure_database", "libpq_params", "private_schema",
    "schema_url",
]
