"""Which recommendations a person sees: an organisation those made to it in an issued final
decision, staff those of the cases they may see once the final decision is issued.

A recommendation is followed up only once the final decision that makes it is issued:
before that it is a draft, which an organisation never sees.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session, joinedload

from casework.access import check_reach, sees_case
from casework.audit import record_event
from casework.errors import NotFound
from storage.models import Case, ComplianceEntry, Decision, Evidence, Recommendation, User
from vocabulary import ComplianceStatus, DecisionStage, DecisionStatus, Role


def issued_final(case_id=Recommendation.case_id) -> ColumnElement[bool]:
    """Whether the case's final decision is issued: by default the condition on
    `Recommendation` for its own case."""
    return exists().where(Decision.case_id == case_id,
                          Decision.stage == DecisionStage.FINAL,
                          Decision.status == DecisionStatus.ISSUED)


def _reaches(user: User) -> ColumnElement[bool]:
    """The condition on `Case` (joined to the recommendation) for the cases `user` reaches."""
    if user.role is Role.ORGANISATION:
        return Case.organisation_id == user.organisation_id
    return sees_case(user)


def visible_recommendations(session: Session, user: User, *,
                            status: ComplianceStatus | None = None,
                            organisation_id: int | None = None) -> list[Recommendation]:
    """The recommendations under follow-up that `user` may see, soonest due first."""
    query = (select(Recommendation).join(Case, Case.id == Recommendation.case_id)
             .where(issued_final(), _reaches(user))
             .options(joinedload(Recommendation.case).joinedload(Case.organisation))
             .order_by(Recommendation.due_date, Recommendation.id))
    if status is not None:
        query = query.where(Recommendation.compliance_status == status)
    if organisation_id is not None:
        query = query.where(Case.organisation_id == organisation_id)
    return list(session.scalars(query))


def get_recommendation_for(session: Session, user: User,
                           recommendation_id: int) -> Recommendation:
    """The recommendation, when `user` may see it; otherwise "not found", the attempt
    audited (the caller commits it although the request fails)."""
    recommendation = session.get(Recommendation, recommendation_id)
    if recommendation is None:
        raise NotFound(f"no recommendation with id {recommendation_id}")
    if user.role is not Role.ORGANISATION:
        check_reach(session, user, "recommendation", recommendation_id)
        return recommendation
    theirs = recommendation.case.organisation_id == user.organisation_id
    if not theirs or not is_followed_up(session, recommendation):
        record_event(session, user, "access.refused", user, case_id=recommendation.case_id,
                     record="recommendation", record_id=recommendation_id)
        raise NotFound(f"no recommendation with id {recommendation_id}")
    return recommendation


def is_followed_up(session: Session, recommendation: Recommendation) -> bool:
    """Whether the final decision making `recommendation` has been issued."""
    return session.scalar(select(issued_final(recommendation.case_id)))


def entry_evidence(session: Session, entry: ComplianceEntry) -> list[Evidence]:
    """The evidence files sent with a compliance step, in the order they were sent."""
    found = {evidence.id: evidence for evidence in session.scalars(
        select(Evidence).where(Evidence.id.in_(entry.evidence_ids)))}
    return [found[evidence_id] for evidence_id in entry.evidence_ids if evidence_id in found]
