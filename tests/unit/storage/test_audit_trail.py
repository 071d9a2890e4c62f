"""The audit trail is append-only in the database itself: whatever code runs, an UPDATE or a
DELETE of an audit event is refused, and the row stays as it was."""

import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from storage.db import upgrade_database
from tests.unit.storage.test_migrations import SERVER_URL_VARIABLE, scratch_postgresql_database

ROW = {"action": "case.created", "subject_type": "case", "subject_id": 7,
       "detail": '{"reference": "CW-2026-00007"}'}


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request) -> Iterator[sa.Engine]:
    """The app's own migrated SQLite database, or a migrated scratch PostgreSQL one."""
    if request.param == "sqlite":
        yield request.getfixturevalue("app").extensions["casework.storage"].engine
        return
    server_url = os.environ.get(SERVER_URL_VARIABLE, "").strip()
    if not server_url:
        pytest.skip(f"{SERVER_URL_VARIABLE} names no PostgreSQL server")
    databases = scratch_postgresql_database(server_url)
    try:
        url = next(databases)
        upgrade_database(url)
        engine = sa.create_engine(url, poolclass=sa.NullPool)
        yield engine
        engine.dispose()
    finally:
        databases.close()  # drops the scratch database


@pytest.fixture
def event_id(engine) -> int:
    with engine.begin() as connection:
        return connection.execute(sa.text(
            "INSERT INTO audit_events (at, action, subject_type, subject_id, detail) "
            "VALUES (CURRENT_TIMESTAMP, :action, :subject_type, :subject_id, :detail) "
            "RETURNING id"), ROW).scalar_one()


def stored(engine, event_id: int) -> tuple:
    with engine.connect() as connection:
        return connection.execute(sa.text(
            "SELECT action, subject_type, subject_id FROM audit_events WHERE id = :id"),
            {"id": event_id}).one()


@pytest.mark.parametrize("statement", [
    "UPDATE audit_events SET action = 'case.nothing_happened' WHERE id = :id",
    "DELETE FROM audit_events WHERE id = :id",
])
def test_changing_or_removing_an_event_is_refused(engine, event_id, statement):
    with pytest.raises(sa.exc.DBAPIError, match="audit events are append-only"), \
            engine.begin() as connection:
        connection.execute(sa.text(statement), {"id": event_id})
    assert stored(engine, event_id) == (ROW["action"], ROW["subject_type"], ROW["subject_id"])


def test_postgresql_refuses_truncate_too(engine, event_id):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    with pytest.raises(sa.exc.DBAPIError, match="audit events are append-only"), \
            engine.begin() as connection:
        connection.execute(sa.text("TRUNCATE audit_events CASCADE"))
    assert stored(engine, event_id) == (ROW["action"], ROW["subject_type"], ROW["subject_id"])


def test_adding_events_is_still_allowed(engine, event_id):
    with engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO audit_events (at, action, subject_type, subject_id, detail) "
            "VALUES (CURRENT_TIMESTAMP, 'case.stage_changed', 'case', 7, '{}')"))
        count = connection.execute(sa.text("SELECT COUNT(*) FROM audit_events "
                                           "WHERE subject_id = 7")).scalar_one()
    assert count == 2
