"""A recommendation's compliance: evidence sent, more asked for, accepted, a new due date.

Each step is a `ComplianceEntry` and an audit event. Only a recommendation of an issued final
decision is followed up, and one accepted as complied takes no more steps. The organisation
sends; the investigator (anyone who may draft and sees the case) decides. The caller commits,
then queues the evidence sent (`to_process`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy.orm import Session

from casework.access import check_reach
from casework.audit import record_event
from casework.compliance._queries import get_recommendation_for, is_followed_up
from casework.errors import Conflict, Forbidden, ValidationFailed
from casework.evidence import Upload, add_evidence
from casework.formats import office_today, uk_date
from casework.permissions import can_draft
from casework.stages import move_case
from storage.db import change_if
from storage.models import ComplianceEntry, Recommendation, User
from vocabulary import CaseStage, ComplianceStatus, ComplianceStep, DocType, Role, TypeSource

# The organisation's note, the investigator's comment, the reason for a new date.
MAX_NOTE_LENGTH = 10_000


def submit_compliance(session: Session, store, recommendation: Recommendation, actor: User,
                      uploads: Iterable[Upload], note: str, max_bytes: int) -> ComplianceEntry:
    """The organisation sends evidence that it did what it was asked: files (each stored as
    evidence of the case) and a note."""
    if actor.role is not Role.ORGANISATION:
        raise Forbidden("Only the organisation sends evidence of compliance")
    # Another organisation's recommendation is "not found", and the attempt is on record.
    get_recommendation_for(session, actor, recommendation.id)
    _check_open(session, recommendation)
    note = _text(note, "note", required=False)
    items = add_evidence(session, store, recommendation.case, actor, uploads, max_bytes)
    for evidence in items:
        # Known by how it arrived, so the classifier's guess never replaces it.
        evidence.doc_type = DocType.EVIDENCE_OF_COMPLIANCE
        evidence.doc_type_source = TypeSource.INVESTIGATOR
        evidence.doc_type_confidence = None
    # A file sent before is its first copy: that is the evidence the investigator reads.
    evidence_ids = [evidence.duplicate_of_id or evidence.id for evidence in items]
    return _step(session, recommendation, actor, ComplianceStep.SUBMITTED,
                 ComplianceStatus.EVIDENCE_SUBMITTED, note=note, evidence_ids=evidence_ids)


def request_more(session: Session, recommendation: Recommendation, actor: User,
                 comment: str) -> ComplianceEntry:
    """Ask the organisation for more evidence, saying what is missing; it sees the comment."""
    _check_decider(session, recommendation, actor)
    _check_open(session, recommendation)
    comment = _text(comment, "comment", required=True,
                    missing="Say what more the organisation must send")
    if not any(entry.step is ComplianceStep.SUBMITTED
               for entry in recommendation.compliance_entries):
        raise Conflict("The organisation has sent no evidence for this recommendation yet")
    return _step(session, recommendation, actor, ComplianceStep.MORE_REQUESTED,
                 ComplianceStatus.MORE_REQUESTED, note=comment)


def accept_compliance(session: Session, recommendation: Recommendation, actor: User,
                      on: date, *, today: date | None = None) -> ComplianceEntry:
    """Accept that the organisation has complied, on `on`; once every recommendation of the
    case is complied with, the case is closed."""
    _check_decider(session, recommendation, actor)
    _check_open(session, recommendation)
    if on > (today or office_today()):
        raise ValidationFailed("The date complied cannot be in the future", field="complied_on")
    recommendation.complied_on = on
    entry = _step(session, recommendation, actor, ComplianceStep.ACCEPTED,
                  ComplianceStatus.COMPLIED)
    case = recommendation.case
    if case.stage is CaseStage.FOLLOW_UP and all(
            other.compliance_status is ComplianceStatus.COMPLIED
            for other in case.recommendations):
        move_case(session, actor, case, CaseStage.CLOSED)
        session.flush()
    return entry


def agree_due_date(session: Session, recommendation: Recommendation, actor: User, due: date,
                   reason: str, *, today: date | None = None) -> ComplianceEntry:
    """Agree a new due date with the organisation, for a reason that is kept; a recommendation
    that was overdue is open again."""
    _check_decider(session, recommendation, actor)
    _check_open(session, recommendation)
    reason = _text(reason, "reason", required=True,
                   missing="Give the reason for the new due date")
    if due <= (today or office_today()):
        raise ValidationFailed("The new due date must be in the future", field="due_date")
    if due == recommendation.due_date:
        raise ValidationFailed(f"The recommendation is already due on {uk_date(due)}",
                               field="due_date")
    recommendation.due_date = due
    status = ComplianceStatus.OPEN if recommendation.compliance_status \
        is ComplianceStatus.OVERDUE else recommendation.compliance_status
    return _step(session, recommendation, actor, ComplianceStep.DUE_DATE_AGREED, status,
                 note=reason, due_date=due)


def _check_decider(session: Session, recommendation: Recommendation, actor: User) -> None:
    if not can_draft(actor):
        raise Forbidden(f"A {actor.role.label.lower()} does not decide on compliance: the "
                        "investigator does")
    check_reach(session, actor, "recommendation", recommendation.id)


def _check_open(session: Session, recommendation: Recommendation) -> None:
    if not is_followed_up(session, recommendation):
        raise Conflict("The final decision making this recommendation has not been issued: "
                       "there is nothing to comply with yet")
    if recommendation.compliance_status is ComplianceStatus.COMPLIED:
        raise Conflict("This recommendation has been accepted as complied with: it takes no "
                       "more steps")


def _text(value: str | None, field: str, *, required: bool, missing: str = "") -> str | None:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(missing, field=field)
    if len(value) > MAX_NOTE_LENGTH:
        raise ValidationFailed(f"The {field} must be {MAX_NOTE_LENGTH:,} characters or fewer",
                               field=field)
    return value or None


def _step(session: Session, recommendation: Recommendation, actor: User,
          step: ComplianceStep, status: ComplianceStatus, *, note: str | None = None,
          evidence_ids: list[int] | None = None, due_date: date | None = None
          ) -> ComplianceEntry:
    """Record the step and move the status on, from the status this request saw: of two
    clicks at once, the second changes no row and is refused."""
    before = recommendation.compliance_status
    if not change_if(session, recommendation, "compliance_status", status, only_from=[before]):
        raise Conflict("The recommendation changed while you were working: reload it to see "
                       "where it stands")
    entry = ComplianceEntry(recommendation=recommendation, step=step, note=note,
                            evidence_ids=evidence_ids or [], due_date=due_date,
                            created_by_id=actor.id)
    session.add(entry)
    session.flush()
    # Ids and fixed words only: the note may name people.
    record_event(session, actor, f"compliance.{step.value}", recommendation,
                 case_id=recommendation.case_id, entry_id=entry.id, evidence=evidence_ids,
                 due_date=due_date.isoformat() if due_date else None,
                 **{"from": before.value, "to": status.value})
    return entry
