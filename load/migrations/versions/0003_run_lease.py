"""Run lease and truthful run records: the ``run_lease`` table shared by command-line and DAG
runs, and ``runs.error``, ``runs.feeds_skipped``, ``runs.pages_skipped``.

Revision ID: 0003_run_lease
Revises: 0002_quarantine
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_run_lease"
down_revision: str | None = "0002_quarantine"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "run_lease",
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("run_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=True),
        sa.Column("acquired_at", UTC, nullable=False),
        sa.Column("expires_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("error", sa.Text(), nullable=True))
        batch.add_column(
            sa.Column("feeds_skipped", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("pages_skipped", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("pages_skipped")
        batch.drop_column("feeds_skipped")
        batch.drop_column("error")
    op.drop_table("run_lease")
