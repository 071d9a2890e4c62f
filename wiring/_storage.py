"""The database and object store the settings name, opened for one process."""

from __future__ import annotations

from storage.runtime import Storage, open_storage
from wiring._settings import Settings


def storage_for(settings: Settings) -> Storage:
    """This installation's database engine, sessions and object store (nothing dialled yet).

    Each process opens its own: connections must not cross a fork.
    """
    return open_storage(settings.database_url, settings.s3, settings.objects_dir)
