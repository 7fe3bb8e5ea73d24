"""Analyst views from one definition per view (issue 17): exact lag_hours, ordered rows,
source_daily counting failed requests (plus failed_attempts), feed_health.in_backoff,
unique_articles without the article text.

Only views change: they are dropped and created again from ``sql/views``, so no row of any
table is touched.

Revision ID: 0004_views
Revises: 0003_run_lease
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from load.db import replace_views

revision: str = "0004_views"
down_revision: str | None = "0003_run_lease"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    replace_views(op.get_bind())


def downgrade() -> None:
    # The views are generated from the sql/ files of the code in use, which 0001 also creates;
    # they read only 0001's tables, so the same definitions stand after a downgrade.
    replace_views(op.get_bind())
