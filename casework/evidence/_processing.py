"""Recording what the pipeline did to an evidence file: steps, results, failure, children.

Reading a file again replaces what the worker found, but never what an investigator did to
its chronology: events they added, corrected or dismissed are kept as they are, and an event
the new reading finds again as the worker first found it (date, wording, page) is not added
beside the investigator's version of it.

Nothing here commits: the worker's runner commits after each call, so that a claim is seen by
other workers at once and progress shows on the page while the run goes on.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import TooLarge
from casework.evidence._chronology import refold_days
from casework.evidence._event_people import people_by_page, people_named
from casework.evidence._intake import clean_filename, measure_stream, store_evidence
from casework.evidence._media import sniff_media_type
from storage.models import (
    UNTOUCHED_EVENT,
    Evidence,
    EvidenceEntity,
    EvidenceEvent,
    EvidencePage,
    EvidenceStep,
)
from storage.objects import ObjectStore, put_bytes
from storage.search import index_pages, unindex_evidence
from vocabulary import DocType, EvidenceStatus, StepStatus, TypeSource


def derived_key(sha256: str, name: str) -> str:
    """Where what the worker made from a file is kept: named by the file's hash, so that every
    copy of the same bytes shares it, and outside originals/, which the stray sweep lists."""
    return f"derived/{sha256[:2]}/{sha256}/{name}"


def pages_key(sha256: str) -> str:
    return derived_key(sha256, "pages.json")


# A file whose run was lost with its worker this many times is given up on: it is most
# likely what killed the worker.
MAX_ATTEMPTS = 3


def claim_for_processing(session: Session, evidence: Evidence, lease_seconds: int) -> bool:
    """Take the file for this run, unless another run has it; forget any earlier run's results.

    One atomic UPDATE decides, so two deliveries of the same message (a redelivery under
    acks_late, a requeue after a restart) never process one file at once. A file that has
    lost its worker too often is marked failed instead. Commit straight after.
    """
    now = datetime.now(UTC)
    claimed = session.execute(
        update(Evidence)
        .where(Evidence.id == evidence.id)
        .where(or_(
            Evidence.status == EvidenceStatus.QUEUED,
            and_(Evidence.status == EvidenceStatus.PROCESSING,
                 Evidence.processing_started_at < now - timedelta(seconds=lease_seconds)),
        ))
        .values(status=EvidenceStatus.PROCESSING, processing_started_at=now, error=None,
                attempts=Evidence.attempts + 1)
    ).rowcount
    if not claimed:
        return False
    session.refresh(evidence)
    if evidence.attempts > MAX_ATTEMPTS:
        mark_failed(session, evidence, f"stopped: processing was interrupted {MAX_ATTEMPTS} "
                                       "times, so this file may be what stops the worker")
        return False
    _clear_results(session, evidence)
    session.execute(delete(EvidenceStep).where(EvidenceStep.evidence_id == evidence.id))
    return True


def stalled_evidence(session: Session, lease_seconds: int,
                     sent_within_seconds: int = 0) -> list[int]:
    """Files whose message may be lost: queued and never sent, or sent longer ago than
    `sent_within_seconds` (0: every queued file); or whose run outlived its lease.

    Sending one again never counts against the file: only a claim does (MAX_ATTEMPTS), and a
    message for a file another run holds within its lease does nothing.
    """
    now = datetime.now(UTC)
    lease_cutoff = now - timedelta(seconds=lease_seconds)
    sent_cutoff = now - timedelta(seconds=sent_within_seconds)
    return list(session.scalars(
        select(Evidence.id).where(or_(
            and_(Evidence.status == EvidenceStatus.QUEUED,
                 or_(Evidence.enqueued_at.is_(None), Evidence.enqueued_at <= sent_cutoff)),
            and_(Evidence.status == EvidenceStatus.PROCESSING,
                 Evidence.processing_started_at < lease_cutoff),
        )).order_by(Evidence.id)
    ))


def release_lost_runs(session: Session) -> int:
    """Put back in the queue every file marked processing; how many were. Only for when the
    one worker there is starts: none of those runs can still be alive. The attempt each
    lost stays counted, so a file that keeps killing its worker still ends failed."""
    return session.execute(update(Evidence)
                           .where(Evidence.status == EvidenceStatus.PROCESSING)
                           .values(status=EvidenceStatus.QUEUED)).rowcount


def mark_enqueued(session: Session, evidence_ids: Iterable[int]) -> None:
    """Their messages reached the broker now: the reconciler leaves them be for a while."""
    ids = list(evidence_ids)
    if ids:
        session.execute(update(Evidence).where(Evidence.id.in_(ids))
                        .values(enqueued_at=datetime.now(UTC)))


def record_step(session: Session, evidence: Evidence, position: int, name: str,
                status: StepStatus, duration_ms: int | None = None,
                detail: str | None = None) -> None:
    """One step's progress, for the UI to show while the run goes on."""
    step = session.query(EvidenceStep).filter_by(evidence_id=evidence.id, name=name).one_or_none()
    if step is None:
        step = EvidenceStep(evidence_id=evidence.id, name=name, position=position)
        session.add(step)
    step.status, step.duration_ms, step.detail = status, duration_ms, detail
    session.flush()


def _clear_results(session: Session, evidence: Evidence) -> None:
    unindex_evidence(session, evidence.id)
    evidence.identifying_facts = None
    # Rendered again after the text; until then the page shows the text alone.
    evidence.page_images = 0
    for model in (EvidencePage, EvidenceEntity):
        session.execute(delete(model).where(model.evidence_id == evidence.id))
    session.execute(delete(EvidenceEvent).where(EvidenceEvent.evidence_id == evidence.id,
                                                *UNTOUCHED_EVENT))


def record_results(
    session: Session,
    store: ObjectStore,
    evidence: Evidence,
    *,
    pages: list[EvidencePage],
    entities: list[EvidenceEntity],
    events: list[EvidenceEvent],
    doc_type: str | None,
    doc_type_confidence: float | None,
    media_type: str,
    flags: Iterable[str] = (),
    details: dict | None = None,
    identifying_facts: dict | None = None,
) -> None:
    """Everything the run found, and the file marked processed: commit it as one.

    `identifying_facts` are what publication will need from the file, found by the worker
    from these pages and entities (casework.publication's `facts_of_file`).
    """
    # Beside the original, a copy of the page text that survives a database restore.
    put_bytes(store, pages_key(evidence.sha256),
              json.dumps({"pages": [p.text for p in pages]}).encode(), "application/json")
    # The days the file's chronology told before and tells now: their events are folded again.
    days = set(session.scalars(select(EvidenceEvent.date).distinct()
                               .where(EvidenceEvent.evidence_id == evidence.id)))
    _clear_results(session, evidence)
    kept = list(session.scalars(select(EvidenceEvent)
                                .where(EvidenceEvent.evidence_id == evidence.id)))
    found_before = {event.as_found for event in kept}
    events = [event for event in events if (event.date, event.text, event.page)
              not in found_before]
    on_pages = people_by_page(entities)
    for event in [*kept, *events]:
        event.case_id = evidence.case_id
        event.people = people_named(event.text, on_pages.get(event.page, []))
    session.add_all([*pages, *entities, *events])
    session.flush()
    refold_days(session, evidence.case_id, days | {event.date for event in events})
    index_pages(session, pages)
    evidence.media_type = media_type
    evidence.page_count = len(pages)
    if evidence.doc_type_source is not TypeSource.INVESTIGATOR:
        evidence.doc_type = DocType(doc_type) if doc_type is not None else None
        evidence.doc_type_confidence = doc_type_confidence
        evidence.doc_type_source = TypeSource.MODEL
        evidence.needs_review = doc_type == DocType.UNCLASSIFIED
    evidence.flags = sorted(set(flags))
    evidence.details = details or {}
    evidence.identifying_facts = identifying_facts
    evidence.status = EvidenceStatus.PROCESSED
    evidence.error = None
    evidence.processed_at = datetime.now(UTC)
    record_event(session, None, "evidence.processed", evidence, case_id=evidence.case_id,
                 pages=len(pages), entities=len(entities), events=len(events))


def mark_failed(session: Session, evidence: Evidence, reason: str) -> None:
    """The run stopped: the reason is shown to the user; the original stays downloadable.

    The caller rolls back what the run had begun to save before calling this.
    """
    evidence.status = EvidenceStatus.FAILED
    evidence.error = reason
    # The kind of failure only ("damaged", "zip bomb"): the full reason may quote the names
    # of files inside an archive, which often name people.
    record_event(session, None, "evidence.failed", evidence,
                 case_id=evidence.case_id, reason=reason.partition(":")[0])
    session.flush()


def add_child_evidence(
    session: Session,
    store: ObjectStore,
    parent: Evidence,
    attachments: Iterable[tuple[str, bytes]],
    max_bytes: int,
) -> tuple[list[Evidence], list[str]]:
    """Files found inside a file (email attachments, zip members) become evidence of their own.

    Unsupported ones are kept too, marked failed, so nothing an investigator was sent is lost;
    returns the children and the names of any too large to accept. The caller commits, then
    queues the children that are `queued` (a re-run finds the first run's children again).
    """
    children, too_large = [], []
    for filename, content in attachments:
        stream = io.BytesIO(content)
        try:
            sha256, size = measure_stream(stream, max_bytes)
        except TooLarge:
            too_large.append(filename)
            continue
        # A re-run (a redelivered task, a retry) finds the children of the first run.
        existing = session.scalar(select(Evidence).where(
            Evidence.parent_id == parent.id, Evidence.sha256 == sha256,
            Evidence.filename == clean_filename(filename)))
        if existing is None:
            existing = store_evidence(session, store, parent.case, None, filename, stream,
                                      sniff_media_type(stream, filename), sha256, size,
                                      parent=parent)
        children.append(existing)
    return children, too_large
