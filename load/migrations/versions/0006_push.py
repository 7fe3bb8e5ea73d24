"""Push ingestion (issue 16): ``websub_subscriptions`` and ``push_outbox``.

Revision ID: 0006_push
Revises: 0005_entities
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_push"
down_revision: str | None = "0005_entities"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = sa.DateTime(timezone=True)
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "websub_subscriptions",
        sa.Column("id", ID, nullable=False),
        sa.Column("topic_url", sa.String(2048), nullable=False),
        sa.Column("hub_url", sa.String(2048), nullable=False),
        sa.Column("callback_url", sa.String(2048), nullable=False),
        sa.Column("secret", sa.String(200), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("pending_mode", sa.String(16), nullable=True),
        sa.Column("lease_seconds", sa.Integer(), nullable=True),
        sa.Column("lease_expires_at", UTC, nullable=True),
        sa.Column("requested_at", UTC, nullable=False),
        sa.Column("verified_at", UTC, nullable=True),
        sa.Column("last_push_at", UTC, nullable=True),
        sa.Column("pushes", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("topic_url", "hub_url", name="uq_websub_topic_hub"),
    )
    op.create_table(
        "push_outbox",
        sa.Column("id", ID, nullable=False),
        sa.Column("received_at", UTC, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=True),
        sa.Column("topic_url", sa.String(2048), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("archive_path", sa.Text(), nullable=True),
        sa.Column("archive_offset", sa.BigInteger(), nullable=True),
        sa.Column("body_sha256", sa.String(64), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", UTC, nullable=True),
        sa.Column("processed_at", UTC, nullable=True),
        sa.Column("pages_fetched", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_push_outbox_state", "push_outbox", ["state", "id"])
    op.create_index("ix_push_outbox_digest", "push_outbox", ["subscription_id", "body_sha256"])


def downgrade() -> None:
    op.drop_index("ix_push_outbox_digest", table_name="push_outbox")
    op.drop_index("ix_push_outbox_state", table_name="push_outbox")
    op.drop_table("push_outbox")
    op.drop_table("websub_subscriptions")
