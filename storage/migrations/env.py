"""Alembic environment: the URL comes from the caller (storage.db.upgrade_database)."""

from alembic import context
from sqlalchemy import create_engine, pool

from storage.models import Base

config = context.config
target_metadata = Base.metadata

# Full-text search lives outside the models: SQLite's FTS5 tables and PostgreSQL's
# expression index are created by migration 0002 and must not look like drift.
UNMODELLED = ("evidence_pages_fts", "ix_evidence_pages_fulltext")


def include_name(name, type_, parent_names) -> bool:
    return not (name or "").startswith(UNMODELLED)


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as connection:
        # Batch mode lets later migrations alter SQLite tables, which lack ALTER COLUMN.
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True,
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
