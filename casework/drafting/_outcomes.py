"""Outcomes: each complaint point upheld or not, and what that makes the case.

Both are derived from the findings (DOMAIN.md) unless an investigator overrides them; an
override always carries its reason, and both are audited.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import ValidationFailed, one_of
from casework.stages import check_editable
from storage.models import Case, ComplaintPoint, User
from vocabulary import Conclusion, Outcome


def derived_point_upheld(point: ComplaintPoint) -> bool:
    """A point is upheld when any of its findings found a failing."""
    return any(f.conclusion is not Conclusion.NO_FAILING for f in point.findings)


def point_upheld(point: ComplaintPoint) -> bool:
    if point.upheld_override is not None:
        return point.upheld_override
    return derived_point_upheld(point)


def decided_points(case: Case) -> list[ComplaintPoint]:
    """The points a decision can be drafted on; every point needs a finding first."""
    if not case.complaint_points:
        raise ValidationFailed("Add a complaint point and a finding before drafting a decision")
    for point in case.complaint_points:
        if not point.findings:
            raise ValidationFailed(
                f"Complaint point {point.number} has no finding yet; add one before drafting"
            )
    return list(case.complaint_points)


def derived_case_outcome(case: Case) -> Outcome:
    """Upheld when every point is, partly upheld when some are, not upheld when none are."""
    points = decided_points(case)
    upheld = sum(point_upheld(p) for p in points)
    if upheld == len(points):
        return Outcome.UPHELD
    return Outcome.PARTLY_UPHELD if upheld else Outcome.NOT_UPHELD


def case_outcome(case: Case) -> Outcome:
    if case.outcome_override is not None:
        decided_points(case)
        return case.outcome_override
    return derived_case_outcome(case)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("Give the reason for overriding the outcome", field="reason")
    return reason


def override_point(session: Session, point: ComplaintPoint, actor: User | None,
                   upheld: bool | None, reason: str = "") -> None:
    """Set (or, with None, clear) whether the point is upheld regardless of its findings."""
    check_editable(point.case)
    if upheld is None:
        point.upheld_override, point.override_reason = None, None
    else:
        point.upheld_override, point.override_reason = upheld, _reason(reason)
    # The reason is kept on the point; the audit log holds no free text that may name people.
    record_event(session, actor, "complaint_point.outcome_overridden", point,
                 case_id=point.case_id, upheld=upheld)
    session.flush()


def override_case_outcome(session: Session, case: Case, actor: User | None,
                          outcome: str | None, reason: str = "") -> None:
    """Set (or, with None, clear) the case's outcome regardless of its points."""
    check_editable(case)
    if outcome is None:
        case.outcome_override, case.outcome_override_reason = None, None
    else:
        chosen = one_of(Outcome, outcome, "outcome")
        case.outcome_override, case.outcome_override_reason = chosen, _reason(reason)
    record_event(session, actor, "case.outcome_overridden", case, case_id=case.id,
                 outcome=outcome)
    session.flush()
