"""Dead-letter table ``quarantine`` for records that fail to load, and its view.

Revision ID: 0002_quarantine
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from load.db import LATER_VIEWS, sql_text

revision: str = "0002_quarantine"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC = sa.DateTime(timezone=True)
VIEW = LATER_VIEWS[0]


def upgrade() -> None:
    op.create_table(
        "quarantine",
        sa.Column("id", ID, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=True),
        sa.Column("run_id", sa.String(64), nullable=True),
        sa.Column("ref", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("first_failed_at", UTC, nullable=False),
        sa.Column("last_failed_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_quarantine_feed_id", "quarantine", ["feed_id"])
    bind = op.get_bind()
    bind.exec_driver_sql(f"CREATE VIEW {VIEW} AS\n{sql_text('views', VIEW, bind.dialect.name)}")


def downgrade() -> None:
    op.get_bind().exec_driver_sql(f"DROP VIEW IF EXISTS {VIEW}")
    op.drop_index("ix_quarantine_feed_id", table_name="quarantine")
    op.drop_table("quarantine")
