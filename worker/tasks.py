"""Celery tasks: thin. Take an id, call the pipeline, let it record the outcome."""

from __future__ import annotations

from celery import shared_task

from wiring import PROCESS_EVIDENCE, Settings
from worker.celery_app import process_storage
from worker.nlp.model_store import PUBLISHED_MODEL
from worker.pipeline import PipelineSettings, run_pipeline


@shared_task(name=PROCESS_EVIDENCE, bind=True, ignore_result=True)
def process_evidence(self, evidence_id: int) -> str:
    settings: Settings = self.app.casework_settings
    storage = process_storage(settings)
    pipeline = pipeline_settings(settings)
    # A classifier trained on another machine reaches this one through the object store.
    PUBLISHED_MODEL.refresh(storage.objects, pipeline.classifier_dir)
    with storage.sessions() as session:
        return run_pipeline(session, storage.objects, evidence_id, process_evidence.delay,
                            pipeline)


def pipeline_settings(settings: Settings) -> PipelineSettings:
    return PipelineSettings(max_child_bytes=settings.max_upload_bytes,
                            classifier_dir=settings.classifier_dir,
                            task_time_limit=settings.task_time_limit)
