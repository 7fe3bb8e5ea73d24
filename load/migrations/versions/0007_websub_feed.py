"""The feed a WebSub subscription was made from: ``websub_subscriptions.feed_url`` (issue 16),
so the subscription is ended when that feed leaves the feed list.

Revision ID: 0007_websub_feed
Revises: 0006_push
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_websub_feed"
down_revision: str | None = "0006_push"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("websub_subscriptions") as batch:
        batch.add_column(sa.Column("feed_url", sa.String(2048), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("websub_subscriptions") as batch:
        batch.drop_column("feed_url")
