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
# the database connections (or the object-store client's sockets) its parent opened. Keyed
# by process id, so that even a process forked without worker_process_init opens its own.
_storage_by_process: dict[int, Storage] = {}


def process_storage(settings: Settings) -> Storage:
    """This process's database and object store, opened on first use."""
    pid = os.getpid()
    if pid not in _storage_by_process:
        _storage_by_process[pid] = storage_for(settings)
    return _storage_by_process[pid]


def forget_inherited_storage() -> None:
    """Drop, in a newly forked process, the storage its parent had opened.

    close=False: the connections are the parent's too; closing them here would end the
    parent's sessions (PostgreSQL's "INTRANS", "DuplicatePreparedStatement" when two
    processes talk over one socket). The pool just forgets them.
    """
    pid = os.getpid()
    for owner in [p for p in _storage_by_process if p != pid]:
        _storage_by_process.pop(owner).engine.dispose(close=False)


@worker_process_init.connect
def start_pool_process(**_kwargs) -> None:
    """Give this pool process its own storage, and start its extraction server now, not on
    its first file."""
    forget_inherited_storage()
    start_fork_server()
