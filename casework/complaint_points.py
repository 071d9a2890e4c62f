"""Complaint points: what the complainant says went wrong, one record per point."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import NotFound, ValidationFailed
from storage.models import Case, ComplaintPoint, User


def add_complaint_point(session: Session, case: Case, actor: User | None,
                        text: str) -> ComplaintPoint:
    """Add the next numbered point to the case; the caller commits."""
    text = (text or "").strip()
    if not text:
        raise ValidationFailed("Enter the complaint point", field="complaint_point")
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
    point = session.get(ComplaintPoint, point_id)
    if point is None or point.case_id != case.id:
        raise NotFound(f"no complaint point with id {point_id} in case {case.reference}")
    return point
