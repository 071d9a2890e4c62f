"""The wiring: settings from the environment, the shared Celery app, the storage they name,
the mail server that carries letters.

One neutral place that web, worker and commands all build on, so that none of the shells
needs another: the web process never loads the worker's parsers, and the worker never
builds the web app.
"""

from wiring._mail import send_email
from wiring._queue import (
    DELIVER_LETTER,
    PROCESS_EVIDENCE,
    SWEEP_COMPLIANCE,
    make_celery,
    queue_delivery,
    queue_evidence,
)
from wiring._settings import VARIABLES, ConfigError, Settings, SmtpSettings, load_settings
from wiring._storage import storage_for

__all__ = [
    "DELIVER_LETTER",
    "PROCESS_EVIDENCE",
    "SWEEP_COMPLIANCE",
    "VARIABLES",
    "ConfigError",
    "Settings",
    "SmtpSettings",
    "load_settings",
    "make_celery",
    "queue_delivery",
    "queue_evidence",
    "send_email",
    "storage_for",
]
