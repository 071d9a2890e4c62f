"""Putting evidence right: a failed file queued again, a document type an investigator corrects."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import ValidationFailed
from storage.models import Evidence, User
from vocabulary import DocType, EvidenceStatus, TypeSource


def retry_evidence(session: Session, evidence: Evidence, actor: User | None) -> None:
    """Make a failed file queued again, for instance after a fix to the pipeline; the caller
    commits, then queues it."""
    if evidence.status is not EvidenceStatus.FAILED:
        raise ValidationFailed("Only evidence that failed can be retried", field="status")
    evidence.status = EvidenceStatus.QUEUED
    evidence.error = None
    evidence.attempts = 0
    record_event(session, actor, "evidence.retried", evidence, case_id=evidence.case_id)


def correct_doc_type(session: Session, evidence: Evidence, actor: User | None,
                     doc_type: str) -> None:
    """An investigator's word on the type; it also becomes training data for the classifier."""
    # "unclassified" is what the classifier says when unsure, never a person's answer.
    choices = [t.value for t in DocType.assignable()]
    if doc_type not in choices:
        raise ValidationFailed(f"doc_type must be one of {', '.join(choices)}", field="doc_type")
    previous = evidence.doc_type
    evidence.doc_type = DocType(doc_type)
    evidence.doc_type_confidence = 1.0
    evidence.doc_type_source = TypeSource.INVESTIGATOR
    evidence.needs_review = False
    record_event(session, actor, "evidence.type_corrected", evidence,
                 case_id=evidence.case_id, previous=previous, doc_type=doc_type)


def type_corrections(session: Session) -> list[tuple[str, str]]:
    """(text, type) for every file whose type an investigator set: training data."""
    rows = session.scalars(select(Evidence)
                           .where(Evidence.doc_type_source == TypeSource.INVESTIGATOR))
    return [("\n".join(p.text for p in e.pages), e.doc_type) for e in rows if e.pages]
