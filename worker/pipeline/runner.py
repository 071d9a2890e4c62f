"""Runs the steps over one evidence file and records each step and the outcome on its row.

This is the task's unit of work, committed piece by piece: the claim at once (so that no
other worker takes the file), each step's progress as it happens (the page shows it), then
the results and the children together, and only then are the children queued.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from sqlalchemy.orm import Session

from casework.evidence import (
    add_child_evidence,
    claim_for_processing,
    earlier_reading,
    mark_enqueued,
    mark_failed,
    record_results,
    record_step,
    reuse_reading,
    to_process,
)
from casework.publication import facts_of_file
from storage.models import Evidence, EvidenceEntity, EvidenceEvent, EvidencePage
from storage.objects import ObjectStore, StorageUnavailable
from vocabulary import EvidenceStatus, StepStatus
from worker.extract.limits import RENDER_TIME_LIMIT_S
from worker.pipeline.checks import SniffType, VerifyStored
from worker.pipeline.document import Document, Step, StopPipeline
from worker.pipeline.extract import ExtractText, ReportOcr
from worker.pipeline.language import Classify, FindEntities, FindEvents
from worker.pipeline.page_images import PAGE_IMAGES_STEP, RenderPages

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class PipelineSettings:
    """What one installation decides about every run."""

    max_child_bytes: int = 100 * 1024 * 1024
    classifier_dir: Path | None = None
    # The Celery task's own limit: extraction gets most of it, the language steps the rest.
    task_time_limit: int = 300
    # A run older than this was lost with its worker (longer than the time limit: checked
    # by the wiring).
    lease_seconds: int = 600

    @property
    def extraction_time_limit(self) -> int:
        return max(30, self.task_time_limit - 60)

    @property
    def render_time_limit(self) -> int:
        # What the text leaves of the task's time, most often; the task's own limit decides.
        return min(RENDER_TIME_LIMIT_S, self.extraction_time_limit)


def build_steps(store: ObjectStore | None = None,
                settings: PipelineSettings = PipelineSettings()) -> tuple[Step, ...]:
    """The steps in order; the classifier reads the model trained for this installation."""
    return (VerifyStored(store), SniffType(), ExtractText(settings.extraction_time_limit),
            ReportOcr(), Classify(settings.classifier_dir), FindEntities(), FindEvents())


# The index step saves and indexes what the others found; it needs the database. The page
# images are drawn after it, so the text is searchable first.
INDEX_STEP = "index"
STEP_NAMES = (*(step.name for step in build_steps()), INDEX_STEP, PAGE_IMAGES_STEP)
# The one step of a file whose bytes were read before: their reading is copied.
REUSE_STEP = "reuse"


def _millis(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)


class SaveResults:
    """The index step: pages, entities, events and search rows saved in one transaction."""

    name = INDEX_STEP

    def __init__(self, session: Session, store: ObjectStore, evidence: Evidence,
                 enqueue: Callable[[int], None], max_child_bytes: int) -> None:
        self.session, self.store, self.evidence = session, store, evidence
        self.enqueue, self.max_child_bytes = enqueue, max_child_bytes

    def run(self, document: Document) -> Document:
        children = _save(self.session, self.store, self.evidence, document,
                         self.max_child_bytes)
        self.session.commit()
        sent = []
        for evidence_id in to_process(children):
            try:
                self.enqueue(evidence_id)
            except SoftTimeLimitExceeded:
                raise
            except Exception:  # the broker's faults are many; none of them undoes this file
                # The child is saved as queued and never sent: the reconciler sends it.
                log.exception("could not queue evidence %s, found in %s", evidence_id,
                              self.evidence.id)
            else:
                sent.append(evidence_id)
        # Without this the reconciler would take the children's messages as lost; committed
        # with the step's end.
        mark_enqueued(self.session, sent)
        return document

    def summary(self, document: Document) -> str | None:
        return f"{len(document.pages)} page(s) searchable"


def run_pipeline(
    session: Session,
    store: ObjectStore,
    evidence_id: int,
    enqueue: Callable[[int], None],
    settings: PipelineSettings = PipelineSettings(),
) -> str:
    """Process one evidence file; returns its final status. Safe to run twice, even at once."""
    evidence = session.get(Evidence, evidence_id)
    if evidence is None:
        log.warning("evidence %s no longer exists; nothing to do", evidence_id)
        return "missing"
    if evidence.status in {EvidenceStatus.PROCESSED, EvidenceStatus.DUPLICATE}:
        return evidence.status.value
    if not claim_for_processing(session, evidence, settings.lease_seconds):
        session.commit()
        return evidence.status.value
    source = earlier_reading(session, evidence)
    if source is not None:
        return _reuse(session, store, evidence, source)
    steps = (*build_steps(store, settings),
             SaveResults(session, store, evidence, enqueue, settings.max_child_bytes),
             RenderPages(store, evidence, settings.render_time_limit))
    document = Document(evidence.id, evidence.media_type, evidence.sha256, evidence.object_key,
                        filename=evidence.filename, depth=_depth(evidence))
    for position, step in enumerate(steps):
        record_step(session, evidence, position, step.name, StepStatus.RUNNING)
        # One commit a step: the claim, or the last step's end, with this one's start. Each
        # is seen at once by a page showing the file's progress (and on SQLite no write is
        # held open while a step runs).
        session.commit()
        started = time.perf_counter()
        try:
            document = step.run(document)
        except StopPipeline as stop:
            return _fail(session, evidence, position, step.name, started, stop.reason)
        except SoftTimeLimitExceeded:
            return _fail(session, evidence, position, step.name, started,
                         "timed out: processing took longer than the task time limit")
        except StorageUnavailable as error:
            # The store's own retries are spent: nothing is wrong with the file itself.
            return _fail(session, evidence, position, step.name, started,
                         f"{error}; use Retry once the evidence store is back")
        except Exception as error:
            # An unexpected fault in one file must not take the worker down with it.
            log.exception("step %s failed on evidence %s", step.name, evidence_id)
            return _fail(session, evidence, position, step.name, started,
                         f"unexpected error in {step.name}: {error}")
        record_step(session, evidence, position, step.name, StepStatus.DONE,
                    _millis(started), step.summary(document))
    session.commit()
    return evidence.status.value


def _reuse(session: Session, store: ObjectStore, evidence: Evidence, source: Evidence) -> str:
    """The same bytes were read before (for another case): their reading is copied."""
    record_step(session, evidence, 0, REUSE_STEP, StepStatus.RUNNING)
    session.commit()
    started = time.perf_counter()
    try:
        reuse_reading(session, store, evidence, source)
    except StorageUnavailable as error:
        return _fail(session, evidence, 0, REUSE_STEP, started,
                     f"{error}; use Retry once the evidence store is back")
    record_step(session, evidence, 0, REUSE_STEP, StepStatus.DONE, _millis(started),
                f"read before: {evidence.page_count} page(s) searchable")
    session.commit()
    return evidence.status.value


def _depth(evidence: Evidence) -> int:
    depth, parent = 0, evidence.parent
    while parent is not None:
        depth, parent = depth + 1, parent.parent
    return depth


def _fail(session: Session, evidence: Evidence, position: int, name: str, started: float,
          reason: str) -> str:
    # Whatever the run had begun to save goes; the failure and its reason stay.
    session.rollback()
    session.refresh(evidence)
    if evidence.status is EvidenceStatus.PROCESSED:
        # The results were saved before the fault (the time limit, queueing the children):
        # the file is done, and its children wait as queued for a worker to take them.
        record_step(session, evidence, position, name, StepStatus.DONE, _millis(started),
                    f"saved; then {reason}")
        session.commit()
        return evidence.status.value
    mark_failed(session, evidence, reason)
    record_step(session, evidence, position, name, StepStatus.FAILED, _millis(started), reason)
    session.commit()
    return evidence.status.value


def _save(session: Session, store: ObjectStore, evidence: Evidence, document: Document,
          max_child_bytes: int) -> list[Evidence]:
    """Save the run's results and the files found inside; returns those children."""
    extraction = document.extraction
    ocr_pages = set(extraction.ocr_pages)
    flags = list(extraction.flags)
    children, too_large = add_child_evidence(
        session, store, evidence,
        [(a.filename, a.content) for a in extraction.attachments], max_child_bytes,
    )
    if too_large:
        flags.append("attachments_too_large")
    pages = [EvidencePage(evidence_id=evidence.id, number=n, text=text, ocr=n in ocr_pages)
             for n, text in enumerate(document.pages, start=1)]
    entities = [EvidenceEntity(evidence_id=evidence.id, label=e.label, text=e.text[:500],
                               value=(e.value or None) and str(e.value)[:500], page=e.page,
                               start=e.start, end=e.end) for e in document.entities]
    record_results(
        session, store, evidence,
        pages=pages,
        entities=entities,
        events=[EvidenceEvent(evidence_id=evidence.id, date=e.date, text=e.text, page=e.page)
                for e in document.events],
        doc_type=document.doc_type,
        doc_type_confidence=document.doc_type_confidence,
        media_type=document.media_type,
        flags=flags,
        details={**extraction.metadata, "attachments": [c.id for c in children],
                 "attachments_too_large": too_large},
        identifying_facts=facts_of_file({p.number: p.text for p in pages}, entities).stored(),
    )
    return children
