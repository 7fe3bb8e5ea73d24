"""An index on ``event_merges.survivor_id``: merging an event and deleting an emptied one look
up the merges naming it as survivor, a scan of the whole merge history without it (issue 15).

Revision ID: 0009_event_merges_survivor
Revises: 0008_websub_alerted
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009_event_merges_survivor"
down_revision: str | None = "0008_websub_alerted"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_event_merges_survivor", "event_merges", ["survivor_id"])


def downgrade() -> None:
    op.drop_index("ix_event_merges_survivor", table_name="event_merges")
