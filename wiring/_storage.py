"""The database and object store the settings name, opened for one process."""

from __future__ import annotations

from dataclasses import replace

from storage.objects import WORKER_PATIENCE, Patience, make_store
from storage.runtime import Storage, open_storage
from wiring._settings import Settings


def storage_for(settings: Settings, patience: Patience = WORKER_PATIENCE) -> Storage:
    """This installation's database engine, sessions and object store (nothing dialled yet).

    Each process opens its own: connections must not cross a fork. `patience` is how long
    the object store waits for S3 before it says the store is unavailable: a worker can wait
    a little; a process answering people passes REQUEST_PATIENCE and answers at once.
    """
    storage = open_storage(settings.database_url, settings.s3, settings.objects_dir)
    if patience == WORKER_PATIENCE:  # open_storage's own store
        return storage
    return replace(storage, objects=make_store(settings.s3, settings.objects_dir, patience))
