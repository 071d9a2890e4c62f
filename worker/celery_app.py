"""The worker's Celery app: the shared queue, the evidence tasks, and each process's storage.

No Flask here: a task takes the installation's settings from the app it runs in and opens
its own storage in the process that runs it.
"""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import worker_process_init

from storage.runtime import Storage
from wiring import Settings, make_celery, storage_for
from worker.extract import start_fork_server


def create_worker(settings: Settings) -> Celery:
    """The Celery app a worker runs, with the evidence tasks registered on it."""
    celery = make_celery(settings)
    # Beside the app, not in its configuration: `celery inspect conf` shows that to anyone
    # on the broker, and the settings hold the database's password.
    celery.casework_settings = settings
    celery.set_default()
    # Importing the tasks registers them with this app.
    celery.autodiscover_tasks(["worker"], related_name="tasks", force=True)
    return celery


# Each process keeps its own storage: a pool process forked from the worker must not use
# the database connections (or the object-store client) its parent opened.
_storage_by_process: dict[int, Storage] = {}


def process_storage(settings: Settings) -> Storage:
    """This process's database and object store, opened on first use."""
    pid = os.getpid()
    if pid not in _storage_by_process:
        _storage_by_process[pid] = storage_for(settings)
    return _storage_by_process[pid]


@worker_process_init.connect
def warm_up_extraction(**_kwargs) -> None:
    """Start this pool process's extraction server now, not on its first file."""
    start_fork_server()
