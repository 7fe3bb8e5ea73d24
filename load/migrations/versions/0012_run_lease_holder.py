"""The run lease names its holder: ``run_lease.holder``, the command (`wirehouse run`) or the
DAG and task (`wirehouse_events.stories`) that took it, so a run it blocks and `wirehouse lease`
can say whose it is. For a DAG run, ``run_lease.pid`` is now the Airflow scheduler's on the
holder's host (LocalExecutor), which outlives the run's tasks, or none.

Only adds a nullable column: a lease taken before this revision names no holder.

Revision ID: 0012_run_lease_holder
Revises: 0011_event_waits
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_run_lease_holder"
down_revision: str | None = "0011_event_waits"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("run_lease") as batch:
        batch.add_column(sa.Column("holder", sa.String(255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("run_lease") as batch:
        batch.drop_column("holder")
