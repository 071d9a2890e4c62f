"""The Celery app both shells share: the broker from the settings, the tasks' names, and the
schedule `casework beat` keeps.

The web process sends tasks by name and never imports the worker's code; the worker
registers its tasks under the same names (worker/tasks.py).
"""

from __future__ import annotations

from celery import Celery
from celery.schedules import crontab

from casework.formats import OFFICE_TIME_ZONE
from wiring._settings import Settings

PROCESS_EVIDENCE = "casework.process_evidence"
# Sends one delivery's email: an issued letter's or a reminder's.
DELIVER_LETTER = "casework.deliver_letter"
SWEEP_COMPLIANCE = "casework.sweep_compliance"
# Queues again the files and letters whose message was lost (worker/reconcile.py).
RECONCILE = "casework.reconcile"
# Makes one decision version's PDF, beside its Word document.
MAKE_DECISION_PDF = "casework.make_decision_pdf"


def celery_config(settings: Settings) -> dict:
    config = {
        "broker_url": settings.broker_url,
        "broker_connection_retry_on_startup": True,
        # JSON only: a pickled message from a compromised broker could run code.
        "task_serializer": "json",
        "accept_content": ["json"],
        "task_ignore_result": True,
        # A task is acknowledged after it ran, and requeued if its worker died mid-way.
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        # Parsers leak; a fresh child process now and then keeps memory flat.
        "worker_max_tasks_per_child": 200,
        "task_time_limit": settings.task_time_limit,
        "task_soft_time_limit": max(1, settings.task_time_limit - 10),
        "worker_hijack_root_logger": False,
        # Dates are the office's, so the daily sweep runs at a time of the office's day.
        "timezone": OFFICE_TIME_ZONE.key,
        "beat_schedule": {
            "compliance-sweep": {
                "task": SWEEP_COMPLIANCE,
                "schedule": crontab(hour=settings.sweep_at.hour,
                                    minute=settings.sweep_at.minute),
                # A sweep missed while nothing ran is not worth running twice in a row.
                "options": {"expires": 12 * 3600},
            },
            "reconcile": {
                "task": RECONCILE,
                "schedule": float(settings.reconcile_seconds),
                # Passes piled up while no worker ran would each look again at the same rows.
                "options": {"expires": settings.reconcile_seconds},
            },
        },
    }
    if settings.embedded_broker:
        # kombu's filesystem transport: messages are files in one folder that both the
        # web process and the worker process read and write.
        queue = settings.broker_dir / "queue"
        queue.mkdir(parents=True, exist_ok=True)
        config["broker_transport_options"] = {
            "data_folder_in": str(queue),
            "data_folder_out": str(queue),
            "store_processed": False,
            # Broadcast (control) messages too, or kombu writes them under the current directory.
            "control_folder": str(settings.broker_dir / "control"),
            # The worker looks for its next message only once it has finished the last one,
            # so every file waited half a poll on average: at 0.1 s, 70 ms between files
            # (benchmarks/throughput.py), more than reading a one-page letter takes. A look
            # is one listing of a small folder.
            "polling_interval": 0.02,
        }
    else:
        # Checked at start-up to outlast every task, lease and letter's retry wait.
        config["broker_transport_options"] = {"visibility_timeout": settings.visibility_timeout}
    return config


def make_celery(settings: Settings) -> Celery:
    """A Celery app on the installation's broker, with no tasks of its own."""
    celery = Celery("casework")
    celery.config_from_object(celery_config(settings))
    return celery


def queue_evidence(celery: Celery, evidence_id: int) -> None:
    """Ask a worker to process one evidence file."""
    celery.send_task(PROCESS_EVIDENCE, args=[evidence_id])


def queue_delivery(celery: Celery, delivery_id: int) -> None:
    """Ask a worker to email one issued letter or reminder."""
    celery.send_task(DELIVER_LETTER, args=[delivery_id])
