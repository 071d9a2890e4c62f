"""An issued decision, built through the domain as people would: drafted by one person,
approved by another, then issued."""

from __future__ import annotations

from sqlalchemy.orm import Session

from casework.cases import create_case
from casework.decisions import approve_decision, draft_decision, mark_issued, submit_decision
from casework.drafting import FindingInput, add_finding
from casework.formats import office_today
from storage.models import DecisionVersion, User
from storage.objects import ObjectStore


def issued_version(session: Session, store: ObjectStore, drafter: User, reviewer: User, *,
                   complainant_email: str | None = None,
                   contact_emails: tuple[str, ...] = (),
                   organisation: str = "Northtown Hospitals NHS Trust") -> DecisionVersion:
    """A case with one upheld complaint point, its provisional decision issued (flushed, not
    committed)."""
    case = create_case(session, drafter, "Mrs Ada Lovelace", organisation)
    case.complainant_email = complainant_email
    case.organisation.contact_emails = list(contact_emails)
    add_finding(session, case, drafter, FindingInput(
        title="Communication", what_happened="Nobody called the family.",
        what_should_have_happened="The family is told within four hours.",
        conclusion="service_failure", complaint_point="Mrs Lovelace was not told.",
        injustice="Distress."))
    version = draft_decision(session, store, case, drafter, office_today())
    submit_decision(session, version.decision, drafter)
    approve_decision(session, version.decision, reviewer)
    return mark_issued(session, version.decision, drafter)
