"""Recommendations: how the organisation must put things right."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.documents import pounds
from casework.errors import ValidationFailed
from casework.findings import get_finding
from storage.models import Case, Recommendation, RecommendationKind, User

# Far above any ombudsman payment, far below what a database integer holds.
MAX_PAYMENT_PENCE = 100_000_000_00


@dataclass(frozen=True)
class RecommendationInput:
    kind: str
    text: str
    finding_id: int
    due_date: date | None = None
    amount_pence: int | None = None


def add_recommendation(
    session: Session, case: Case, actor: User | None, data: RecommendationInput, today: date
) -> Recommendation:
    """Check and save a recommendation tied to one of the case's findings."""
    try:
        kind = RecommendationKind(data.kind)
    except ValueError:
        choices = ", ".join(k.value for k in RecommendationKind)
        raise ValidationFailed(f"kind must be one of {choices}", field="kind") from None
    if not data.text.strip():
        raise ValidationFailed("Enter what the organisation must do", field="text")
    finding = get_finding(session, case, data.finding_id)
    amount = data.amount_pence
    if kind is RecommendationKind.PAYMENT:
        if amount is None:
            raise ValidationFailed("Enter the amount of the payment", field="amount_pence")
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            raise ValidationFailed(
                "The amount must be a positive whole number of pence", field="amount_pence"
            )
        if amount > MAX_PAYMENT_PENCE:
            raise ValidationFailed(
                f"The amount must be at most {pounds(MAX_PAYMENT_PENCE)}", field="amount_pence"
            )
    elif amount is not None:
        raise ValidationFailed("Only a payment has an amount", field="amount_pence")
    if data.due_date is not None and data.due_date < today:
        raise ValidationFailed("The due date must be today or later", field="due_date")
    recommendation = Recommendation(
        case=case,
        finding=finding,
        kind=kind,
        text=data.text.strip(),
        due_date=data.due_date,
        amount_pence=amount,
        created_by_id=actor.id if actor is not None else None,
    )
    session.add(recommendation)
    session.flush()
    record_event(session, actor, "recommendation.added", recommendation,
                 case_id=case.id, kind=kind.value)
    session.commit()
    return recommendation
