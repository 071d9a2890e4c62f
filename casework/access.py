"""Who sees which case: health data is special-category data, seen on a need basis.

Investigators see the cases assigned to them; reviewers the cases with a version awaiting
review or reviewed by them; admins every case. Any other case, and every record in it, is
"not found" to them, and the attempt is audited.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, func, or_, select, true
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import NotFound
from storage.models import (
    Case,
    Citation,
    ComplaintPoint,
    Decision,
    DecisionLetter,
    DecisionVersion,
    Delivery,
    Evidence,
    EvidenceEvent,
    Finding,
    Recommendation,
    Reminder,
    User,
)
from vocabulary import DecisionStatus, Role


def sees_case(user: User) -> ColumnElement[bool]:
    """The condition on `Case` that holds for the cases `user` may see."""
    if user.role is Role.ADMIN:
        return true()
    if user.role is Role.INVESTIGATOR:
        return Case.assignee_id == user.id
    if user.role is Role.REVIEWER:
        awaiting = exists().where(Decision.case_id == Case.id,
                                  Decision.status == DecisionStatus.SUBMITTED)
        reviewed = exists().where(Decision.case_id == Case.id,
                                  DecisionVersion.decision_id == Decision.id,
                                  DecisionVersion.reviewed_by_id == user.id)
        return or_(awaiting, reviewed)
    return Case.id.is_(None)  # organisations see no case files


def can_see(session: Session, user: User, case_id: int) -> bool:
    return session.scalar(select(exists().where(Case.id == case_id, sees_case(user))))


def case_id_of(session: Session, noun: str, record_id: int) -> int | None:
    """The case that the `noun` record with `record_id` belongs to; None when there is none."""
    model, column = _OWNERS[noun]
    query = select(column).select_from(model).where(model.id == record_id)
    if model is Citation:
        query = query.join(Finding, Finding.id == Citation.finding_id)
    elif model is EvidenceEvent:
        query = query.join(Evidence, Evidence.id == EvidenceEvent.evidence_id)
    elif model is Delivery:
        # A delivery carries a letter of a decision or a reminder of a recommendation.
        query = (select(func.coalesce(Decision.case_id, Recommendation.case_id))
                 .select_from(Delivery).where(Delivery.id == record_id)
                 .outerjoin(DecisionLetter, DecisionLetter.id == Delivery.letter_id)
                 .outerjoin(DecisionVersion, DecisionVersion.id == DecisionLetter.version_id)
                 .outerjoin(Decision, Decision.id == DecisionVersion.decision_id)
                 .outerjoin(Reminder, Reminder.id == Delivery.reminder_id)
                 .outerjoin(Recommendation, Recommendation.id == Reminder.recommendation_id))
    return session.scalar(query)


# The records a request may name by id, and the column that holds each one's case.
_OWNERS = {
    "case": (Case, Case.id),
    "evidence": (Evidence, Evidence.case_id),
    "finding": (Finding, Finding.case_id),
    "point": (ComplaintPoint, ComplaintPoint.case_id),
    "recommendation": (Recommendation, Recommendation.case_id),
    "decision": (Decision, Decision.case_id),
    "citation": (Citation, Finding.case_id),
    "event": (EvidenceEvent, Evidence.case_id),
    "delivery": (Delivery, Decision.case_id),
}
NOUNS = frozenset(_OWNERS)


def check_reach(session: Session, user: User, noun: str, record_id: int) -> None:
    """Refuse, as not found, a record in a case `user` may not see, auditing the attempt.
    A record that does not exist is left to the caller's own "not found"."""
    case_id = case_id_of(session, noun, record_id)
    if case_id is None or can_see(session, user, case_id):
        return
    record_event(session, user, "access.refused", user, case_id=case_id,
                 record=noun, record_id=record_id)
    raise NotFound(f"no {noun} with id {record_id}")
