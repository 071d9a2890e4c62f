"""Cases with recommendations, written as rows: the figures and work queues read them back
without the drafting walk in front of every test."""

from __future__ import annotations

from datetime import date

from casework.cases import create_case
from storage.models import Case, ComplaintPoint, Decision, Finding, Recommendation, User
from vocabulary import (
    ComplianceStatus,
    Conclusion,
    DecisionStage,
    DecisionStatus,
    Outcome,
    RecommendationKind,
)


def case_for(db, organisation: str, assignee: User | None = None, *,
             final_issued: bool = True) -> Case:
    """A case about `organisation` assigned to `assignee`, with one finding; its final
    decision issued unless told otherwise (then only approved)."""
    case = create_case(db, assignee, "Mrs Ada Example", organisation, "Not called back.")
    point = ComplaintPoint(case=case, number=1, text="Nobody called back.")
    db.add(Finding(case=case, complaint_point=point, title="No call back",
                   what_happened="Happened.", what_should_have_happened="Standard.",
                   conclusion=Conclusion.SERVICE_FAILURE))
    db.add(Decision(case=case, stage=DecisionStage.FINAL, outcome=Outcome.UPHELD,
                    status=DecisionStatus.ISSUED if final_issued else DecisionStatus.APPROVED))
    db.flush()
    return case


def recommend(db, case: Case, due: date | None, *, complied_on: date | None = None,
              kind: RecommendationKind = RecommendationKind.APOLOGY) -> Recommendation:
    """A recommendation in `case` due on `due`; accepted as complied with on `complied_on`
    when that is given."""
    recommendation = Recommendation(
        case=case, finding=case.findings[0], kind=kind, text="Apologise.", due_date=due,
        compliance_status=ComplianceStatus.COMPLIED if complied_on else ComplianceStatus.OPEN,
        complied_on=complied_on)
    db.add(recommendation)
    db.flush()
    return recommendation
