"""Each person's work queue: the cases they work, the recommendations coming due and
overdue in them, and the versions waiting for their review.

Whose cases: an investigator's (and an admin's) are those assigned to them; a reviewer works
no case of their own, so theirs are the cases they review (`casework.access`).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from casework.access import sees_case
from casework.cases import list_cases
from casework.compliance._figures import complied, overdue_on
from casework.compliance._queries import issued_final
from casework.permissions import can_draft, can_review
from storage.models import Case, Decision, DecisionVersion, Recommendation, User
from vocabulary import CaseStage, DecisionStatus

# How far ahead a recommendation counts as coming due on the home page.
DUE_SOON_DAYS = 14


def cases_by_stage(session: Session, user: User) -> list[tuple[CaseStage, list[Case]]]:
    """The cases `user` works, grouped by stage in the order of a case's life; stages with
    none are left out."""
    cases = list_cases(session, user, assignee_id=user.id if can_draft(user) else None)
    return [(stage, grouped) for stage in CaseStage
            if (grouped := [c for c in cases if c.stage is stage])]


def _outstanding(user: User):
    """The recommendations in force in the cases assigned to `user`, not yet complied
    with, soonest due first."""
    return (select(Recommendation).join(Case, Case.id == Recommendation.case_id)
            .where(Case.assignee_id == user.id, sees_case(user), issued_final(),
                   ~complied(), Recommendation.due_date.is_not(None))
            .options(selectinload(Recommendation.case))
            .order_by(Recommendation.due_date, Recommendation.id))


def recommendations_due(session: Session, user: User, as_of: date, *,
                        within_days: int = DUE_SOON_DAYS) -> list[Recommendation]:
    """Recommendations in `user`'s cases due from `as_of` to `within_days` after it."""
    query = _outstanding(user).where(Recommendation.due_date >= as_of,
                                     Recommendation.due_date <= as_of
                                     + timedelta(days=within_days))
    return list(session.scalars(query))


def overdue_recommendations(session: Session, user: User, as_of: date) -> list[Recommendation]:
    """Recommendations in `user`'s cases whose due date passed before `as_of`."""
    return list(session.scalars(_outstanding(user).where(overdue_on(as_of))))


def awaiting_review(session: Session, reviewer: User) -> list[DecisionVersion]:
    """The versions submitted for review that `reviewer` may review (someone else drafted
    and submitted them), the longest waiting first; none for those who do not review."""
    if not can_review(reviewer):
        return []
    sibling = aliased(DecisionVersion)
    latest = (select(func.max(sibling.version))
              .where(sibling.decision_id == DecisionVersion.decision_id).scalar_subquery())
    query = (
        select(DecisionVersion).join(Decision, Decision.id == DecisionVersion.decision_id)
        # No check of case access here: a reviewer sees every case with a version awaiting
        # review (casework.access), and an admin every case.
        .where(Decision.status == DecisionStatus.SUBMITTED, DecisionVersion.version == latest,
               or_(DecisionVersion.created_by_id.is_(None),
                   DecisionVersion.created_by_id != reviewer.id),
               or_(DecisionVersion.submitted_by_id.is_(None),
                   DecisionVersion.submitted_by_id != reviewer.id))
        .options(selectinload(DecisionVersion.decision).selectinload(Decision.case))
        .order_by(DecisionVersion.submitted_at, DecisionVersion.id)
    )
    return list(session.scalars(query))
