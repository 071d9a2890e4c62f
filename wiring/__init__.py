"""The wiring: settings from the environment, the shared Celery app, the storage they name.

One neutral place that web, worker and commands all build on, so that none of the shells
needs another: the web process never loads the worker's parsers, and the worker never
builds the web app.
"""

from wiring._queue import PROCESS_EVIDENCE, make_celery, queue_evidence
from wiring._settings import VARIABLES, ConfigError, Settings, load_settings
from wiring._storage import storage_for

__all__ = [
    "PROCESS_EVIDENCE",
    "VARIABLES",
    "ConfigError",
    "Settings",
    "load_settings",
    "make_celery",
    "queue_evidence",
    "storage_for",
]
