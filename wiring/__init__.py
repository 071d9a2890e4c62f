"""The wiring: settings from the environment, the shared Celery app, the storage they name,
the mail server that carries letters.

One neutral place that web, worker and commands all build on, so that none of the shells
needs another: the web process never loads the worker's parsers, and the worker never
builds the web app.
"""

from wiring._helper_status import read_helper_status, write_helper_status
from wiring._mail import send_email
from wiring._queue import (
    DELIVER_LETTER,
    MAKE_DECISION_PDF,
    PROCESS_EVIDENCE,
    RECONCILE,
    SWEEP_COMPLIANCE,
    make_celery,
    queue_delivery,
    queue_evidence,
)
from wiring._sending import send_decision_pdf, send_evidence
from wiring._settings import (
    MAX_DELIVERY_RETRIES,
    MAX_RETRY_WAIT_SECONDS,
    VARIABLES,
    ConfigError,
    Settings,
    SmtpSettings,
    load_settings,
    retry_wait,
)
from wiring._storage import storage_for

__all__ = [
    "DELIVER_LETTER",
    "MAKE_DECISION_PDF",
    "MAX_DELIVERY_RETRIES",
    "MAX_RETRY_WAIT_SECONDS",
    "PROCESS_EVIDENCE",
    "RECONCILE",
    "SWEEP_COMPLIANCE",
    "VARIABLES",
    "ConfigError",
    "Settings",
    "SmtpSettings",
    "load_settings",
    "make_celery",
    "queue_delivery",
    "queue_evidence",
    "read_helper_status",
    "retry_wait",
    "send_decision_pdf",
    "send_evidence",
    "send_email",
    "storage_for",
    "write_helper_status",
]
