"""Who and where (issue 15): ``entities``, ``article_entities``, ``event_entities`` and the
views ``event_who_where`` and ``entity_coverage``.

Only adds tables and views: no existing row is touched. Articles loaded before this revision
get their entities when they are loaded again (``wirehouse reprocess``).

Revision ID: 0005_entities
Revises: 0004_views
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from load.db import ENTITY_VIEWS, drop_views, replace_views

revision: str = "0005_entities"
down_revision: str | None = "0004_views"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("id", ID, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("country_code", sa.String(2), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_entities_country_code", "entities", ["country_code"])
    op.create_table(
        "article_entities",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("entity_id", ID, nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("in_title", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"]),
        sa.PrimaryKeyConstraint("article_id", "entity_id"),
    )
    op.create_index("ix_article_entities_entity_id", "article_entities", ["entity_id"])
    op.create_table(
        "event_entities",
        sa.Column("event_id", ID, nullable=False),
        sa.Column("entity_id", ID, nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"]),
        sa.PrimaryKeyConstraint("event_id", "entity_id"),
    )
    op.create_index("ix_event_entities_entity_id", "event_entities", ["entity_id"])
    replace_views(op.get_bind(), ENTITY_VIEWS)


def downgrade() -> None:
    drop_views(op.get_bind(), ENTITY_VIEWS)
    op.drop_index("ix_event_entities_entity_id", table_name="event_entities")
    op.drop_table("event_entities")
    op.drop_index("ix_article_entities_entity_id", table_name="article_entities")
    op.drop_table("article_entities")
    op.drop_index("ix_entities_country_code", table_name="entities")
    op.drop_table("entities")
