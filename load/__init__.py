"""The warehouse: SQLAlchemy models, idempotent upserts, Alembic migrations."""
