"""Complaint points: what the complainant says went wrong, one record per point."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from casework.audit import record_event
from casework.cases import get_in_case
from casework.errors import ValidationFailed
from casework.stages import check_editable
from storage.models import Case, ComplaintPoint, User

MAX_POINT_LENGTH = 5000


def _checked_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationFailed("Enter the complaint point", field="complaint_point")
    if len(text) > MAX_POINT_LENGTH:
        raise ValidationFailed(f"A complaint point must be {MAX_POINT_LENGTH:,} characters or "
                               "fewer: split a long complaint into several points",
                               field="complaint_point")
    return text


def list_complaint_points(session: Session, case: Case) -> list[ComplaintPoint]:
    """The case's points in number order, with their findings, in two queries however many.

    Not paged: a complaint has tens of points, and a decision sets out every one of them.
    """
    return list(session.scalars(
        select(ComplaintPoint).where(ComplaintPoint.case_id == case.id)
        .order_by(ComplaintPoint.number).options(selectinload(ComplaintPoint.findings))))


def add_complaint_point(session: Session, case: Case, actor: User | None,
                        text: str) -> ComplaintPoint:
    """Add the next numbered point to the case; the caller commits."""
    check_editable(case)
    text = _checked_text(text)
    # Numbered from the table, not the loaded list, so two sessions cannot reuse a number
    # silently: the unique constraint refuses the second.
    last = session.scalar(
        select(func.max(ComplaintPoint.number)).where(ComplaintPoint.case_id == case.id)
    )
    point = ComplaintPoint(case=case, number=(last or 0) + 1, text=text,
                           created_by_id=actor.id if actor is not None else None)
    session.add(point)
    session.flush()
    record_event(session, actor, "complaint_point.added", point, case_id=case.id,
                 number=point.number)
    return point


def get_complaint_point(session: Session, case: Case, point_id: int) -> ComplaintPoint:
    return get_in_case(session, ComplaintPoint, case, point_id, "complaint point")


def reword_complaint_point(session: Session, point: ComplaintPoint, actor: User | None,
                           text: str) -> ComplaintPoint:
    check_editable(point.case)
    point.text = _checked_text(text)
    record_event(session, actor, "complaint_point.reworded", point, case_id=point.case_id,
                 number=point.number)
    session.flush()
    return point


def remove_complaint_point(session: Session, point: ComplaintPoint, actor: User | None) -> None:
    """Remove a point no finding is on; the points after it move up a number."""
    check_editable(point.case)
    if point.findings:
        raise ValidationFailed(
            f"Complaint point {point.number} has findings: move them to another point or "
            "remove them first", field="complaint_point")
    case = point.case
    record_event(session, actor, "complaint_point.removed", point, case_id=case.id,
                 number=point.number)
    case.complaint_points.remove(point)
    session.delete(point)
    session.flush()
    # In ascending order, each number a point moves to has just been freed.
    for number, remaining in enumerate(case.complaint_points, start=1):
        if remaining.number != number:
            remaining.number = number
            session.flush()
    session.flush()
