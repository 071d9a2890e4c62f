"""Celery tasks: thin. Take an id, call the pipeline, let it record the outcome."""

from __future__ import annotations

from celery import shared_task
from flask import current_app

from worker.celery_app import current_storage
from worker.pipeline import run_pipeline

PROCESS_EVIDENCE = "casework.process_evidence"


@shared_task(name=PROCESS_EVIDENCE, ignore_result=True)
def process_evidence(evidence_id: int) -> str:
    storage = current_storage()
    settings = current_app.extensions["casework.settings"]
    with storage.sessions() as session:
        return run_pipeline(session, storage.objects, evidence_id, process_evidence.delay,
                            settings.max_upload_bytes, settings.classifier_dir)
