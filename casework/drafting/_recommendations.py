"""Recommendations: how the organisation must put things right, checked kind by kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.cases import get_in_case
from casework.drafting._findings import get_finding
from casework.drafting._remedy_scale import RemedyScale
from casework.drafting._versions import check_version, raise_version
from casework.errors import NotFound, ValidationFailed, one_of
from casework.formats import pounds
from casework.stages import check_editable
from storage.models import Case, Decision, Finding, Recommendation, User
from vocabulary import Conclusion, PaymentBasis, RecommendationKind

# Far above any ombudsman payment, far below what a database integer holds.
MAX_PAYMENT_PENCE = 100_000_000_00
# The length of the column that holds who must apologise.
MAX_ROLE_LENGTH = 200


# The details that belong to one kind of recommendation: another kind keeps none of them.
KIND_DETAILS = ("amount_pence", "basis", "severity_level", "justification", "from_whom",
                "compliance_evidence")


@dataclass(frozen=True)
class RecommendationInput:
    kind: str
    text: str
    finding_id: int
    due_date: date | None = None
    amount_pence: int | None = None
    from_whom: str = ""
    basis: str | None = None
    severity_level: int | None = None
    justification: str = ""
    compliance_evidence: str = ""


def _kind(value: str) -> RecommendationKind:
    return one_of(RecommendationKind, value, "kind")


def _check_finding(finding: Finding) -> None:
    # A remedy puts right an injustice caused by a failing: without both, nothing needs it.
    if finding.conclusion is Conclusion.NO_FAILING:
        raise ValidationFailed("The finding found no failing, so there is nothing to put right",
                               field="finding_id")
    if not finding.injustice.strip():
        raise ValidationFailed("The finding records no injustice, so there is nothing to put "
                               "right", field="finding_id")


def _check_amount(amount: int | None) -> int:
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
    return amount


def _check_payment(data: RecommendationInput, scale: RemedyScale) -> None:
    amount = _check_amount(data.amount_pence)
    if data.basis not in PaymentBasis.values():
        raise ValidationFailed("Choose whether the payment is for financial loss or for "
                               "injustice", field="basis")
    if data.basis != PaymentBasis.INJUSTICE:
        return
    level = scale.level(data.severity_level) if data.severity_level is not None else None
    if level is None:
        raise ValidationFailed("Choose the severity level of the injustice",
                               field="severity_level")
    if not level.contains(amount) and not data.justification.strip():
        raise ValidationFailed(
            f"{pounds(amount)} is outside level {level.level}'s band ({level.band}): "
            "record why", field="justification")


def add_recommendation(
    session: Session, case: Case, actor: User | None, data: RecommendationInput, today: date,
    scale: RemedyScale,
) -> Recommendation:
    """Check and save a recommendation tied to one of the case's findings."""
    check_editable(case)
    recommendation = Recommendation(case=case,
                                    created_by_id=actor.id if actor is not None else None,
                                    **_checked_fields(session, case, data, today, scale))
    session.add(recommendation)
    session.flush()
    record_event(session, actor, "recommendation.added", recommendation,
                 case_id=case.id, kind=recommendation.kind.value)
    session.flush()
    return recommendation


def change_recommendation(
    session: Session, recommendation: Recommendation, actor: User | None,
    data: RecommendationInput, today: date, scale: RemedyScale,
    expected_version: int | None = None,
) -> Recommendation:
    """Replace a recommendation's details, checked as a new one would be (a new due date
    included: it must be today or later).

    `expected_version` is the version the change was made from (None: the one read now);
    another is refused with `EditConflict`.
    """
    check_editable(recommendation.case)
    check_version(recommendation, "recommendation", expected_version)
    fields = _checked_fields(session, recommendation.case, data, today, scale)
    changed = sorted(key for key, value in fields.items()
                     if getattr(recommendation, key) != value)
    if changed:
        raise_version(session, recommendation, "recommendation")
    for key, value in fields.items():
        setattr(recommendation, key, value)
    if changed:
        record_event(session, actor, "recommendation.changed", recommendation,
                     case_id=recommendation.case_id, fields=changed)
    session.flush()
    return recommendation


def get_recommendation(session: Session, case: Case, recommendation_id: int) -> Recommendation:
    return get_in_case(session, Recommendation, case, recommendation_id, "recommendation")


def _checked_fields(session: Session, case: Case, data: RecommendationInput, today: date,
                    scale: RemedyScale) -> dict:
    kind = _kind(data.kind)
    if not data.text.strip():
        raise ValidationFailed("Enter what the organisation must do", field="text")
    try:
        finding = get_finding(session, case, data.finding_id)
    except NotFound:
        raise ValidationFailed("Choose one of this case's findings", field="finding_id") from None
    _check_finding(finding)
    if kind is RecommendationKind.PAYMENT:
        _check_payment(data, scale)
    elif data.amount_pence is not None:
        raise ValidationFailed("Only a payment has an amount", field="amount_pence")
    if kind is RecommendationKind.APOLOGY and not data.from_whom.strip():
        raise ValidationFailed("Enter who must apologise, for example the chief executive",
                               field="from_whom")
    if len(data.from_whom.strip()) > MAX_ROLE_LENGTH:
        raise ValidationFailed(f"Who must apologise must be {MAX_ROLE_LENGTH} characters or "
                               "fewer: name the role", field="from_whom")
    if kind is RecommendationKind.SERVICE_IMPROVEMENT and not data.compliance_evidence.strip():
        raise ValidationFailed("Enter what the organisation must send to show it has complied",
                               field="compliance_evidence")
    if data.due_date is not None and data.due_date < today:
        raise ValidationFailed("The due date must be today or later", field="due_date")
    payment = kind is RecommendationKind.PAYMENT
    return {
        "finding": finding,
        "kind": kind,
        "text": data.text.strip(),
        "due_date": data.due_date or scale.default_due_date(kind.value, today),
        "amount_pence": data.amount_pence if payment else None,
        "from_whom": (data.from_whom.strip() or None)
        if kind is RecommendationKind.APOLOGY else None,
        "basis": PaymentBasis(data.basis) if payment else None,
        "severity_level": data.severity_level
        if payment and data.basis == PaymentBasis.INJUSTICE else None,
        "justification": (data.justification.strip() or None) if payment else None,
        "compliance_evidence": (data.compliance_evidence.strip() or None)
        if kind is RecommendationKind.SERVICE_IMPROVEMENT else None,
    }


def remove_recommendation(session: Session, case: Case, actor: User | None,
                          recommendation_id: int) -> None:
    """Withdraw a recommendation; documents already drafted keep it in their versions."""
    check_editable(case)
    recommendation = get_recommendation(session, case, recommendation_id)
    session.delete(recommendation)
    record_event(session, actor, "recommendation.removed", recommendation, case_id=case.id,
                 kind=recommendation.kind.value)
    session.flush()


def earlier_payments(session: Session, case: Case, level: int) -> list[int]:
    """Amounts (pence) recommended for injustice at `level` in other cases already decided on,
    so that like injustice is put right alike."""
    return list(session.scalars(
        select(Recommendation.amount_pence)
        .join(Decision, Decision.case_id == Recommendation.case_id)
        .where(Recommendation.case_id != case.id, Recommendation.severity_level == level,
               Recommendation.basis == PaymentBasis.INJUSTICE)
        .distinct()
        .order_by(Recommendation.amount_pence)
    ))
