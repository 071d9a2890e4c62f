"""The SQLAlchemy engine and sessions, and Alembic migrations run from code."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import ColumnElement, Engine, NullPool, Table, create_engine, event, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# The key of the PostgreSQL advisory lock every process takes around its upgrade: any fixed
# number, the same in all of them ("case" in ASCII).
MIGRATION_LOCK_KEY = 0x63617365


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite is tuned so a web server and a worker can share the file."""
    if url.startswith("postgresql"):
        # A server that does not answer is said within seconds (a health check, a page),
        # not after the operating system's minutes-long connect timeout.
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    path = url.removeprefix("sqlite:///")
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        # WAL lets the worker write while the web server reads; foreign keys are off by default.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded attributes after commit, so views can render them."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_database(url: str) -> None:
    """Bring the database at `url` up to the newest migration.

    On PostgreSQL one process at a time: workers started together each upgrade at start, and
    two creating the same tables at once left all but one failing on a duplicate type. The
    later ones wait for the lock, then find the database up to date.
    """
    if not url.startswith("postgresql"):
        command.upgrade(alembic_config(url), "head")
        return
    engine = create_engine(url, poolclass=NullPool)
    try:
        # A session-level lock, held by this connection while Alembic works on its own.
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"),
                               {"key": MIGRATION_LOCK_KEY})
            try:
                command.upgrade(alembic_config(url), "head")
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"),
                                   {"key": MIGRATION_LOCK_KEY})
    finally:
        engine.dispose()


INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def insert_unless_present(session: Session, table: Table, values: dict, *,
                          unique: list[str], where: ColumnElement[bool] | None = None
                          ) -> int | None:
    """INSERT a row unless the unique index on `unique` (partial: `where`) already holds one
    like it; the new row's id, or None.

    One statement decides, so two writers at the same moment never both insert: the database
    makes the later one wait for the earlier and then do nothing.
    """
    dialect = session.get_bind().dialect.name
    if dialect not in INSERTS:
        raise ValueError(f"no INSERT ... ON CONFLICT for {dialect}")
    statement = (INSERTS[dialect](table).values(**values)
                 .on_conflict_do_nothing(index_elements=unique, index_where=where)
                 .returning(table.c.id))
    return session.execute(statement).scalar()


def change_if(session: Session, row: object, column: str, value: object, *,
              only_from: Iterable[object]) -> bool:
    """Set `row`'s `column` to `value` only while the stored value is one of `only_from`;
    whether it changed.

    One conditional UPDATE decides, so of two requests that read the same state at once, the
    second waits for the first to commit, then changes no row: it must not act on what it
    read.
    """
    model = type(row)
    moved = session.execute(
        update(model)
        .where(model.id == row.id, getattr(model, column).in_(list(only_from)))
        .values({column: value}).execution_options(synchronize_session=False))
    if moved.rowcount != 1:
        return False
    set_committed_value(row, column, value)
    return True
