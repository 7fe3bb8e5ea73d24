"""The problem last alerted for a WebSub subscription: ``websub_subscriptions.alerted_problem``
(issue 16), so a lapsed or unverified subscription is alerted once, not at every renewal check.

Revision ID: 0008_websub_alerted
Revises: 0007_websub_feed
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_websub_alerted"
down_revision: str | None = "0007_websub_feed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("websub_subscriptions") as batch:
        batch.add_column(sa.Column("alerted_problem", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("websub_subscriptions") as batch:
        batch.drop_column("alerted_problem")
