"""The run that first stored each article: ``articles.first_run_id``, so a run's
``articles_new`` is counted from the rows it inserted (pages an interrupted run left pending and
the next run loads, retried DAG tasks), not from counters held in memory. Articles stored
before this revision keep NULL: which run stored them is not known.

Revision ID: 0010_articles_first_run
Revises: 0009_event_merges_survivor
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_articles_first_run"
down_revision: str | None = "0009_event_merges_survivor"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # a nullable column and an index: both engines add them in place, the table is not rebuilt
    op.add_column("articles", sa.Column("first_run_id", sa.String(length=64), nullable=True))
    op.create_index("ix_articles_first_run_id", "articles", ["first_run_id"])


def downgrade() -> None:
    # in place too (SQLite 3.35+ drops a column): rebuilding articles, which other tables
    # reference, would fail SQLite's foreign key check
    op.drop_index("ix_articles_first_run_id", table_name="articles")
    op.drop_column("articles", "first_run_id")
