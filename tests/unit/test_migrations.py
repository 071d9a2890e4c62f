import sqlalchemy as sa
from alembic import command

from storage.db import alembic_config, upgrade_database


def test_migrations_match_the_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'check.db'}"
    upgrade_database(url)
    # Raises when the models hold a change that no migration makes.
    command.check(alembic_config(url))


def test_upgrade_twice_is_harmless(tmp_path):
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    upgrade_database(url)
    upgrade_database(url)


def test_each_existing_finding_keeps_its_complaint_point(tmp_path):
    url = f"sqlite:///{tmp_path / 'points.db'}"
    config = alembic_config(url)
    command.upgrade(config, "0003")
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("INSERT INTO organisations (id, name, created_at) "
                                   "VALUES (1, 'A Trust', '2026-01-01')"))
        connection.execute(sa.text(
            "INSERT INTO cases (id, reference, complainant_name, organisation_id, summary, "
            "status, created_at) VALUES (1, 'CW-2026-00001', 'Mrs A', 1, '', 'open', "
            "'2026-01-01')"))
        for finding_id, point in ((1, "Not called back."), (2, "Rude on the phone.")):
            connection.execute(sa.text(
                "INSERT INTO findings (id, case_id, title, complaint_point, what_happened, "
                "what_should_have_happened, conclusion, injustice, created_at) VALUES "
                "(:id, 1, 'T', :point, 'H', 'S', 'no_failing', '', '2026-01-01')"),
                {"id": finding_id, "point": point})
    command.upgrade(config, "head")
    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT f.id, p.number, p.text FROM findings f "
            "JOIN complaint_points p ON p.id = f.complaint_point_id ORDER BY f.id")).all()
    assert [tuple(row) for row in rows] == [(1, 1, "Not called back."),
                                            (2, 2, "Rude on the phone.")]
    command.downgrade(config, "0003")
    with engine.connect() as connection:
        assert connection.execute(sa.text(
            "SELECT complaint_point FROM findings ORDER BY id")).scalars().all() == [
            "Not called back.", "Rude on the phone."]
    engine.dispose()
