"""Decided cases written as rows, with the dates the figures read: opened, issued, due and
complied. Each test counts its expected figures by hand from these."""

from __future__ import annotations

from datetime import UTC, date, datetime

from casework.cases import create_case
from storage.models import Case, ComplaintPoint, Decision, Evidence, Finding, Recommendation
from vocabulary import (
    ComplianceStatus,
    Conclusion,
    DecisionStage,
    DecisionStatus,
    EvidenceStatus,
    Outcome,
    PaymentBasis,
    RecommendationKind,
)

NORTHTOWN, RIVERSIDE = "Northtown NHS Trust", "Riverside Surgery"


def noon(day: date) -> datetime:
    # Midday UTC is the same day in London, summer or winter.
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def decided_case(db, organisation: str, opened: date, issued: date, outcome: Outcome, *,
                 status: DecisionStatus = DecisionStatus.ISSUED, points: int = 1) -> Case:
    case = create_case(db, None, "Mrs Ada Example", organisation, "Not called back.")
    case.created_at = noon(opened)
    for number in range(1, points + 1):
        point = ComplaintPoint(case=case, number=number, text=f"Point {number}.")
        db.add(Finding(case=case, complaint_point=point, title="No call back",
                       what_happened="Happened.", what_should_have_happened="Standard.",
                       conclusion=Conclusion.SERVICE_FAILURE))
    db.add(Decision(case=case, stage=DecisionStage.FINAL, outcome=outcome, status=status,
                    issued_at=noon(issued) if status is DecisionStatus.ISSUED else None))
    db.flush()
    return case


def recommend(db, case: Case, kind: RecommendationKind, *, due: date | None = None,
              complied_on: date | None = None, amount_pence: int | None = None,
              severity_level: int | None = None) -> Recommendation:
    basis = None
    if kind is RecommendationKind.PAYMENT:
        basis = PaymentBasis.INJUSTICE if severity_level else PaymentBasis.FINANCIAL_LOSS
    recommendation = Recommendation(
        case=case, finding=case.findings[0], kind=kind, text="Put it right.", due_date=due,
        amount_pence=amount_pence, basis=basis, severity_level=severity_level,
        compliance_status=ComplianceStatus.COMPLIED if complied_on else ComplianceStatus.OPEN,
        complied_on=complied_on)
    db.add(recommendation)
    db.flush()
    return recommendation


def upload(db, case: Case, number: int, on: date, status: EvidenceStatus) -> Evidence:
    evidence = Evidence(case=case, number=number, filename=f"file-{number}.pdf",
                        media_type="application/pdf", sha256=f"{case.id:032d}{number:032d}",
                        size=10, object_key=f"evidence/{case.id}/{number}", status=status,
                        created_at=noon(on))
    db.add(evidence)
    db.flush()
    return evidence


def the_casework(db) -> dict[str, Case]:
    """Four cases decided in the first half of 2026, one before it and one not yet issued:

    | case | organisation | opened | issued | days | outcome |
    | one | Northtown | 5 Jan | 4 Feb | 30 | upheld |
    | two | Northtown | 10 Jan | 21 Mar | 70 | partly upheld |
    | three | Riverside | 1 Mar | 10 Apr | 40 | not upheld |
    | four | Riverside | 1 Feb | 12 May | 100 | upheld |
    """
    one = decided_case(db, NORTHTOWN, date(2026, 1, 5), date(2026, 2, 4), Outcome.UPHELD)
    recommend(db, one, RecommendationKind.PAYMENT, amount_pence=20_000, severity_level=1)
    recommend(db, one, RecommendationKind.APOLOGY, due=date(2026, 3, 4),
              complied_on=date(2026, 3, 1))
    two = decided_case(db, NORTHTOWN, date(2026, 1, 10), date(2026, 3, 21),
                       Outcome.PARTLY_UPHELD, points=2)
    recommend(db, two, RecommendationKind.PAYMENT, amount_pence=100_000, severity_level=2)
    recommend(db, two, RecommendationKind.APOLOGY, due=date(2026, 4, 21),
              complied_on=date(2026, 5, 1))
    three = decided_case(db, RIVERSIDE, date(2026, 3, 1), date(2026, 4, 10), Outcome.NOT_UPHELD)
    four = decided_case(db, RIVERSIDE, date(2026, 2, 1), date(2026, 5, 12), Outcome.UPHELD)
    recommend(db, four, RecommendationKind.PAYMENT, amount_pence=12_345)
    recommend(db, four, RecommendationKind.SERVICE_IMPROVEMENT, due=date(2026, 6, 1))
    before = decided_case(db, NORTHTOWN, date(2025, 11, 1), date(2025, 12, 20), Outcome.UPHELD)
    recommend(db, before, RecommendationKind.PAYMENT, amount_pence=10_000, severity_level=1)
    decided_case(db, NORTHTOWN, date(2026, 1, 1), date(2026, 6, 1), Outcome.NOT_UPHELD,
                 status=DecisionStatus.APPROVED)
    upload(db, one, 1, date(2026, 1, 6), EvidenceStatus.PROCESSED)
    upload(db, one, 2, date(2026, 1, 7), EvidenceStatus.PROCESSED)
    upload(db, three, 1, date(2026, 3, 2), EvidenceStatus.FAILED)
    upload(db, four, 1, date(2026, 4, 2), EvidenceStatus.QUEUED)
    upload(db, before, 1, date(2025, 11, 2), EvidenceStatus.PROCESSED)
    db.commit()
    return {"one": one, "two": two, "three": three, "four": four}
