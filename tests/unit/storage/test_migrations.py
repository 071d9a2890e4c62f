import os
import subprocess
import sys
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic import command

from storage.db import alembic_config, upgrade_database

SERVER_URL_VARIABLE = "CASEWORK_TEST_DATABASE_URL"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> Iterator[str]:
    """An empty database: a SQLite file, or a scratch PostgreSQL database dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'casework.db'}"
        return
    server_url = os.environ.get(SERVER_URL_VARIABLE, "").strip()
    if not server_url:
        pytest.skip(f"{SERVER_URL_VARIABLE} names no PostgreSQL server")
    yield from scratch_postgresql_database(server_url)


def scratch_postgresql_database(server_url: str) -> Iterator[str]:
    """Yield the URL of a new database on the server, then drop it with its connections."""
    server = sa.make_url(server_url).set(drivername="postgresql+psycopg")
    name = f"casework_migrations_{uuid.uuid4().hex[:12]}"
    # CREATE and DROP DATABASE cannot run inside a transaction.
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def engine(database_url) -> Iterator[sa.Engine]:
    engine = sa.create_engine(database_url, poolclass=sa.NullPool)
    yield engine
    engine.dispose()


def seed_cases(connection: sa.Connection, *case_ids: int) -> None:
    connection.execute(sa.text("INSERT INTO organisations (id, name, created_at) "
                               "VALUES (1, 'A Trust', '2026-01-01')"))
    for case_id in case_ids:
        connection.execute(sa.text(
            "INSERT INTO cases (id, reference, complainant_name, organisation_id, summary, "
            "status, created_at) VALUES (:id, :reference, 'Mrs A', 1, '', 'open', "
            "'2026-01-01')"), {"id": case_id, "reference": f"CW-2026-{case_id:05d}"})


def seed_findings(connection: sa.Connection, findings: list[tuple[int, int, str]]) -> None:
    """Insert findings given as (finding id, case id, complaint point text)."""
    for finding_id, case_id, point in findings:
        connection.execute(sa.text(
            "INSERT INTO findings (id, case_id, title, complaint_point, what_happened, "
            "what_should_have_happened, conclusion, injustice, created_at) VALUES "
            "(:id, :case_id, 'T', :point, 'H', 'S', 'no_failing', '', '2026-01-01')"),
            {"id": finding_id, "case_id": case_id, "point": point})


def points_of_findings(connection: sa.Connection) -> list[tuple]:
    rows = connection.execute(sa.text(
        "SELECT f.id, p.case_id, p.number, p.text FROM findings f "
        "JOIN complaint_points p ON p.id = f.complaint_point_id ORDER BY f.id")).all()
    return [tuple(row) for row in rows]


def test_migrations_match_the_models(database_url):
    upgrade_database(database_url)
    # Raises when the models hold a change that no migration makes.
    command.check(alembic_config(database_url))


def test_upgrade_twice_is_harmless(database_url):
    upgrade_database(database_url)
    upgrade_database(database_url)


def test_each_existing_finding_keeps_its_complaint_point(database_url, engine):
    config = alembic_config(database_url)
    command.upgrade(config, "0003")
    with engine.begin() as connection:
        seed_cases(connection, 1)
        seed_findings(connection, [(1, 1, "Not called back."), (2, 1, "Rude on the phone.")])
    command.upgrade(config, "head")
    with engine.connect() as connection:
        assert points_of_findings(connection) == [(1, 1, 1, "Not called back."),
                                                  (2, 1, 2, "Rude on the phone.")]
    command.downgrade(config, "0003")
    with engine.connect() as connection:
        assert connection.execute(sa.text(
            "SELECT complaint_point FROM findings ORDER BY id")).scalars().all() == [
            "Not called back.", "Rude on the phone."]


def test_findings_about_the_same_point_share_it(database_url, engine):
    config = alembic_config(database_url)
    command.upgrade(config, "0003")
    with engine.begin() as connection:
        seed_cases(connection, 1, 2)
        seed_findings(connection, [
            (1, 1, "Not called back."),
            (2, 1, "Rude on the phone."),
            (3, 1, "  not called\n back. "),
            (4, 2, "Not called back."),
        ])
    command.upgrade(config, "head")
    with engine.connect() as connection:
        # Each case has one point per text, so a point counts once towards the outcome.
        assert points_of_findings(connection) == [
            (1, 1, 1, "Not called back."),
            (2, 1, 2, "Rude on the phone."),
            (3, 1, 1, "Not called back."),
            (4, 2, 1, "Not called back."),
        ]
        assert connection.execute(sa.text(
            "SELECT COUNT(*) FROM complaint_points")).scalar_one() == 3


def seed_decision(connection: sa.Connection, decision_id: int, status: str,
                  versions: list[tuple[int, int, str]]) -> None:
    """Insert a decision on case 1 with versions given as (id, version, created_at)."""
    connection.execute(sa.text(
        "INSERT INTO decisions (id, case_id, status, outcome, created_at) "
        "VALUES (:id, 1, :status, 'upheld', '2026-01-01')"),
        {"id": decision_id, "status": status})
    for version_id, version, created_at in versions:
        connection.execute(sa.text(
            "INSERT INTO decision_versions (id, decision_id, version, object_key, sha256, size, "
            "created_at) VALUES (:id, :decision_id, :version, :key, 'abc', 1, :at)"),
            {"id": version_id, "decision_id": decision_id, "version": version,
             "key": f"decisions/{version_id}.docx", "at": created_at})


def decisions_and_versions(connection: sa.Connection) -> tuple[list[tuple], list[tuple]]:
    decisions = connection.execute(sa.text(
        "SELECT id, status FROM decisions ORDER BY id")).all()
    versions = connection.execute(sa.text(
        "SELECT id, decision_id, version, object_key FROM decision_versions "
        "ORDER BY decision_id, version")).all()
    return [tuple(row) for row in decisions], [tuple(row) for row in versions]


def test_a_case_with_two_drafts_keeps_the_newest_with_all_versions(database_url, engine):
    config = alembic_config(database_url)
    command.upgrade(config, "0003")
    with engine.begin() as connection:
        seed_cases(connection, 1)
        seed_decision(connection, 1, "submitted", [(1, 1, "2026-01-01 09:00:00")])
        # Two drafts opened by a race, their versions made turn about.
        seed_decision(connection, 2, "draft", [(2, 1, "2026-01-02 09:00:00"),
                                               (3, 2, "2026-01-02 11:00:00")])
        seed_decision(connection, 3, "draft", [(4, 1, "2026-01-02 10:00:00"),
                                               (5, 2, "2026-01-02 12:00:00")])
    # 0004 merges the two drafts; 0006 leaves one decision per case and stage, so the
    # "submitted" one of before 0004 joins them too.
    expected = (
        [(3, "draft")],
        [(1, 3, 1, "decisions/1.docx"),
         (2, 3, 2, "decisions/2.docx"),
         (4, 3, 3, "decisions/4.docx"),
         (3, 3, 4, "decisions/3.docx"),
         (5, 3, 5, "decisions/5.docx")],
    )
    command.upgrade(config, "head")
    with engine.connect() as connection:
        assert decisions_and_versions(connection) == expected
    command.downgrade(config, "0003")
    command.upgrade(config, "head")
    with engine.connect() as connection:
        assert decisions_and_versions(connection) == expected


def test_two_first_copies_of_the_same_bytes_become_one(database_url, engine):
    config = alembic_config(database_url)
    command.upgrade(config, "0003")
    with engine.begin() as connection:
        seed_cases(connection, 1)
        for evidence_id, sha256 in ((1, "a" * 64), (2, "a" * 64), (3, "b" * 64)):
            connection.execute(sa.text(
                "INSERT INTO evidence (id, case_id, filename, media_type, sha256, size, "
                "object_key, status, created_at) VALUES (:id, 1, 'f.pdf', 'application/pdf', "
                ":sha, 1, 'k', 'processed', '2026-01-01')"), {"id": evidence_id, "sha": sha256})
    command.upgrade(config, "head")
    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT id, status, duplicate_of_id FROM evidence ORDER BY id")).all()
    # The race that made two first copies of one file is settled for the earlier.
    assert [tuple(row) for row in rows] == [(1, "processed", None), (2, "duplicate", 1),
                                            (3, "processed", None)]


def test_the_letters_earlier_versions_froze_get_rows_at_their_keys(database_url, engine):
    config = alembic_config(database_url)
    command.upgrade(config, "0004")
    with engine.begin() as connection:
        seed_cases(connection, 1)
        seed_decision(connection, 1, "draft", [(1, 1, "2026-01-01 09:00:00")])
    command.upgrade(config, "head")
    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT version_id, recipient, object_key, sha256 FROM decision_letters "
            "ORDER BY recipient")).all()
        fingerprints = connection.execute(sa.text(
            "SELECT context_sha256 FROM decision_versions")).scalars().all()
    # Their hashes were never recorded; nor was what the version was made from.
    assert [tuple(row) for row in rows] == [
        (1, "complainant", "decisions/1-complainant-letter.docx", None),
        (1, "organisation", "decisions/1-organisation-letter.docx", None)]
    assert fingerprints == [None]
    command.downgrade(config, "0004")
    command.upgrade(config, "head")


def test_files_already_in_keep_the_numbers_they_were_shown_with(database_url, engine):
    config = alembic_config(database_url)
    command.upgrade(config, "0005")
    with engine.begin() as connection:
        seed_cases(connection, 1, 2)
    command.upgrade(config, "0010")
    with engine.begin() as connection:
        for evidence_id, case_id in ((1, 1), (2, 2), (3, 1), (4, 2), (5, 1)):
            connection.execute(sa.text(
                "INSERT INTO evidence (id, case_id, filename, media_type, sha256, size, "
                "object_key, status, created_at) VALUES (:id, :case, 'f.pdf', "
                "'application/pdf', :sha, 1, 'k', 'processed', '2026-01-01')"),
                {"id": evidence_id, "case": case_id, "sha": str(evidence_id) * 64})
    command.upgrade(config, "head")
    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT id, case_id, number FROM evidence ORDER BY id")).all()
    assert [tuple(row) for row in rows] == [(1, 1, 1), (2, 2, 1), (3, 1, 2), (4, 2, 2),
                                            (5, 1, 3)]


def test_two_upgrades_started_at_once_on_postgresql_both_succeed(database_url):
    # Two workers starting together: each upgrades the new database at start.
    if not database_url.startswith("postgresql"):
        pytest.skip("the migration lock is PostgreSQL's")
    upgrade = "import sys; from storage.db import upgrade_database; upgrade_database(sys.argv[1])"
    upgrades = [subprocess.Popen([sys.executable, "-c", upgrade, database_url],
                                 stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [upgrade.communicate(timeout=120)[1] for upgrade in upgrades]
    assert [upgrade.returncode for upgrade in upgrades] == [0, 0], errors
    command.check(alembic_config(database_url))
