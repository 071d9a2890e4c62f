"""Runs the steps over one evidence file and records the outcome on its row."""

from __future__ import annotations

import json
import logging

from sqlalchemy.orm import Session

from casework.evidence import mark_failed, mark_processing, pages_key, record_pages
from storage.models import Evidence, EvidenceStatus
from storage.objects import ObjectStore, put_bytes
from worker.pipeline.document import Document, Step, StopPipeline
from worker.pipeline.extract import ExtractText

log = logging.getLogger(__name__)

STEPS: tuple[Step, ...] = (ExtractText(),)


def run_pipeline(session: Session, store: ObjectStore, evidence_id: int) -> str:
    """Process one evidence file; returns its final status. Safe to run twice."""
    evidence = session.get(Evidence, evidence_id)
    if evidence is None:
        log.warning("evidence %s no longer exists; nothing to do", evidence_id)
        return "missing"
    if evidence.status is EvidenceStatus.PROCESSED:
        return evidence.status.value
    mark_processing(session, evidence)
    try:
        document = Document(
            evidence_id=evidence.id,
            media_type=evidence.media_type,
            content=store.get(evidence.object_key),
        )
        for step in STEPS:
            document = step.run(document)
    except StopPipeline as stop:
        mark_failed(session, evidence, stop.reason)
        return evidence.status.value
    except Exception as error:
        # An unexpected fault in one file must not take the worker down with it.
        log.exception("processing evidence %s failed", evidence_id)
        session.rollback()
        mark_failed(session, evidence, f"unexpected error while processing: {error}")
        return evidence.status.value
    put_bytes(store, pages_key(evidence.sha256),
              json.dumps({"pages": list(document.pages)}).encode(), "application/json")
    record_pages(session, evidence, list(document.pages))
    return evidence.status.value
