"""Celery tasks: thin. Take an id, call the pipeline, let it record the outcome."""

from __future__ import annotations

from celery import shared_task
from flask import current_app

from casework.config import Settings
from worker.celery_app import current_storage
from worker.nlp.model_store import PUBLISHED_MODEL
from worker.pipeline import PipelineSettings, run_pipeline

PROCESS_EVIDENCE = "casework.process_evidence"


@shared_task(name=PROCESS_EVIDENCE, ignore_result=True)
def process_evidence(evidence_id: int) -> str:
    storage = current_storage()
    settings = pipeline_settings(current_app.extensions["casework.settings"])
    # A classifier trained on another machine reaches this one through the object store.
    PUBLISHED_MODEL.refresh(storage.objects, settings.classifier_dir)
    with storage.sessions() as session:
        return run_pipeline(session, storage.objects, evidence_id, process_evidence.delay,
                            settings)


def pipeline_settings(settings: Settings) -> PipelineSettings:
    return PipelineSettings(max_child_bytes=settings.max_upload_bytes,
                            classifier_dir=settings.classifier_dir,
                            task_time_limit=settings.task_time_limit)
