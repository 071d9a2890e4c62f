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
