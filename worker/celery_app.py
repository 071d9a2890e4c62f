"""The Celery app, bound to the settings; every task runs inside the Flask app's context."""

from __future__ import annotations

from celery import Celery, Task
from celery.signals import worker_process_init
from flask import Flask, current_app

from casework.config import Settings
from storage.runtime import Storage
from worker.extract import start_fork_server


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
            # The default one-second poll would dominate a small file's processing time.
            "polling_interval": 0.1,
        }
    else:
        config["broker_transport_options"] = {"visibility_timeout": settings.task_time_limit * 4}
    return config


def celery_init_app(app: Flask, settings: Settings) -> Celery:
    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    celery = Celery("casework", task_cls=FlaskTask)
    celery.config_from_object(celery_config(settings))
    celery.set_default()
    # Importing the tasks registers them with this app.
    celery.autodiscover_tasks(["worker"], related_name="tasks", force=True)
    app.extensions["celery"] = celery
    return celery


@worker_process_init.connect
def warm_up_extraction(**_kwargs) -> None:
    """Start this pool process's extraction server now, not on its first file."""
    start_fork_server()


def current_storage() -> Storage:
    """The storage of the app whose context the running task is in."""
    return current_app.extensions["casework.storage"]
