"""Lone reports waiting on their nearest event across runs (issue 15): ``event_waits``. Until
this revision the waiting lasted one run of the events stage (held in memory), so a report
left alone last night was never scored again as its story's event grew tonight.

Only adds a table: no existing row is touched. Reports left alone before this revision do
not wait (which event was nearest to them was not kept).

Revision ID: 0011_event_waits
Revises: 0010_articles_first_run
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_event_waits"
down_revision: str | None = "0010_articles_first_run"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "event_waits",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("event_id", ID, nullable=False),
        sa.Column("best_link", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"]),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.PrimaryKeyConstraint("article_id"),
    )
    op.create_index("ix_event_waits_event_id", "event_waits", ["event_id"])


def downgrade() -> None:
    op.drop_index("ix_event_waits_event_id", table_name="event_waits")
    op.drop_table("event_waits")
