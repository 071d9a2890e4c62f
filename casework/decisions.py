"""Decisions: the outcome a case's findings add up to, and the drafted Word document."""

from __future__ import annotations

import hashlib
from datetime import date

from docxtpl import Listing
from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.documents import DOCX_MEDIA_TYPE, LETTERS_DIR, pounds, render_docx, uk_date
from casework.errors import NotFound, ValidationFailed
from casework.pdf_conversion import docx_to_pdf
from storage.models import (
    Case,
    Conclusion,
    Decision,
    DecisionStatus,
    DecisionVersion,
    Finding,
    Outcome,
    Recommendation,
    User,
)
from storage.objects import ObjectStore, put_bytes

OUTCOME_LABELS = {
    Outcome.UPHELD: "Upheld",
    Outcome.PARTLY_UPHELD: "Partly upheld",
    Outcome.NOT_UPHELD: "Not upheld",
}
CONCLUSION_LABELS = {
    Conclusion.MALADMINISTRATION: "Maladministration",
    Conclusion.SERVICE_FAILURE: "Service failure",
    Conclusion.NO_FAILING: "No failing",
}
KIND_LABELS = {
    "apology": "Acknowledgement and apology",
    "explanation": "Explanation",
    "payment": "Payment",
    "service_improvement": "Service improvement",
}


def point_upheld(finding: Finding) -> bool:
    """A complaint point is upheld when we found a failing."""
    return finding.conclusion is not Conclusion.NO_FAILING


def case_outcome(findings: list[Finding]) -> Outcome:
    """Upheld when every point is, partly upheld when some are, not upheld when none are."""
    if not findings:
        raise ValidationFailed("Add at least one finding before drafting a decision")
    upheld = sum(point_upheld(f) for f in findings)
    if upheld == len(findings):
        return Outcome.UPHELD
    return Outcome.PARTLY_UPHELD if upheld else Outcome.NOT_UPHELD


# The fields people type paragraphs into: Word must keep their line breaks.
FREE_TEXT = ("summary",)
FREE_TEXT_IN_ITEMS = {
    "findings": ("complaint_point", "what_happened", "what_should_have_happened", "injustice"),
    "recommendations": ("text", "compliance_evidence"),
}


def decision_context(case: Case, today: date) -> dict:
    """What the templates render: the plain context with free text keeping its line breaks."""
    return with_line_breaks(plain_decision_context(case, today))


def with_line_breaks(context: dict) -> dict:
    """The context with each free-text value wrapped so Word shows its line breaks."""
    wrapped = dict(context) | {key: _lines(context[key]) for key in FREE_TEXT}
    for group, keys in FREE_TEXT_IN_ITEMS.items():
        wrapped[group] = [{**item, **{key: _lines(item[key]) for key in keys}}
                          for item in context[group]]
    return wrapped


def plain_decision_context(case: Case, today: date) -> dict:
    """Everything the decision template may show, as plain strings and lists."""
    evidence_numbers = {e.id: n for n, e in enumerate(case.evidence, start=1)}
    outcome = case_outcome(case.findings)
    return {
        "reference": case.reference,
        "status": "Draft",
        "date": uk_date(today),
        "organisation": case.organisation.name,
        "complainant": case.complainant_name,
        "summary": case.summary,
        "outcome": OUTCOME_LABELS[outcome],
        "outcome_phrase": OUTCOME_LABELS[outcome].lower(),
        "evidence": [
            {"number": evidence_numbers[e.id], "filename": e.filename,
             "pages": _count(e.page_count or 0, "page")}
            for e in case.evidence
        ],
        "findings": [
            {
                "number": n,
                "title": f.title,
                "complaint_point": f.complaint_point,
                "what_happened": f.what_happened,
                "what_should_have_happened": f.what_should_have_happened,
                "conclusion": CONCLUSION_LABELS[f.conclusion],
                "upheld": "Upheld" if point_upheld(f) else "Not upheld",
                "injustice": f.injustice,
                "citations": [
                    {
                        "reference": f"Evidence {evidence_numbers[c.evidence_id]}, page {c.page}",
                        "quote": c.quote,
                    }
                    for c in f.citations
                ],
            }
            for n, f in enumerate(case.findings, start=1)
        ],
        "recommendations": [_recommendation_context(r) for r in case.recommendations],
    }


LETTER_TEMPLATES = {
    "complainant": "complainant_letter.docx",
    "organisation": "organisation_letter.docx",
}


def letter_key(version_key: str, recipient: str) -> str:
    """Where a version's letter to `recipient` is kept, beside the decision itself."""
    if recipient not in LETTER_TEMPLATES:
        raise NotFound(f"no letter to {recipient}")
    return version_key.removesuffix(".docx") + f"-{recipient}-letter.docx"


def letter_filename(decision: Decision, version: DecisionVersion, recipient: str) -> str:
    return f"{decision.case.reference}-letter-to-{recipient}-v{version.version}.docx"


def _lines(text: str) -> Listing | str:
    """Free text keeps its line breaks in Word (a bare newline would read as a space).

    Empty text stays an empty string: a Listing is always true in the template's `if`.
    """
    return Listing(text) if text else ""


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _recommendation_context(recommendation: Recommendation) -> dict:
    return {
        "kind": KIND_LABELS[recommendation.kind.value],
        "text": recommendation.text,
        "from_whom": recommendation.from_whom or "",
        "compliance_evidence": recommendation.compliance_evidence or "",
        "amount": pounds(recommendation.amount_pence)
        if recommendation.amount_pence is not None else "",
        "due": uk_date(recommendation.due_date) if recommendation.due_date else "",
    }


def _current_draft(session: Session, case: Case) -> Decision | None:
    # FOR UPDATE (PostgreSQL) makes a second click wait for the first to commit its version.
    return session.scalar(
        select(Decision)
        .where(Decision.case_id == case.id, Decision.status == DecisionStatus.DRAFT)
        .order_by(Decision.id.desc())
        .with_for_update()
    )


def draft_decision(
    session: Session, store: ObjectStore, case: Case, actor: User | None, today: date
) -> DecisionVersion:
    """Render the case's decision as a new version of its draft, frozen in object storage."""
    context = decision_context(case, today)
    decision = _current_draft(session, case)
    outcome = case_outcome(case.findings)
    if decision is None:
        decision = Decision(case=case, outcome=outcome,
                            created_by_id=actor.id if actor is not None else None)
        session.add(decision)
        session.flush()
    decision.outcome = outcome
    document = render_docx(LETTERS_DIR / "decision.docx", context)
    sha256 = hashlib.sha256(document).hexdigest()
    number = len(decision.versions) + 1
    key = f"decisions/{case.id}/{decision.id}/v{number}-{sha256}.docx"
    # The letters are frozen with the version they go out with.
    for recipient, template in LETTER_TEMPLATES.items():
        put_bytes(store, letter_key(key, recipient), render_docx(LETTERS_DIR / template, context),
                  DOCX_MEDIA_TYPE)
    put_bytes(store, key, document, DOCX_MEDIA_TYPE)
    version = DecisionVersion(
        decision=decision,
        version=number,
        object_key=key,
        sha256=sha256,
        size=len(document),
        created_by_id=actor.id if actor is not None else None,
    )
    session.add(version)
    session.flush()
    record_event(session, actor, "decision.drafted", decision,
                 case_id=case.id, version=number, sha256=sha256)
    session.commit()
    return version


def get_decision(session: Session, decision_id: int) -> Decision:
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound(f"no decision with id {decision_id}")
    return decision


def list_decisions(session: Session, case: Case) -> list[Decision]:
    return list(session.scalars(
        select(Decision).where(Decision.case_id == case.id).order_by(Decision.id)
    ))


def get_version(decision: Decision, number: int | None = None) -> DecisionVersion:
    """Version `number` of the decision's document, or the latest when None."""
    if not decision.versions:
        raise NotFound(f"decision {decision.id} has no document yet")
    if number is None:
        return decision.versions[-1]
    for version in decision.versions:
        if version.version == number:
            return version
    raise NotFound(f"decision {decision.id} has no version {number}")


def document_filename(decision: Decision, version: DecisionVersion, suffix: str = "docx") -> str:
    return f"{decision.case.reference}-decision-v{version.version}.{suffix}"


def version_pdf_key(store: ObjectStore, version: DecisionVersion) -> str:
    """Where the frozen version's PDF is: converted on first request, then kept beside it."""
    key = version.object_key.removesuffix(".docx") + ".pdf"
    if not store.exists(key):
        put_bytes(store, key, docx_to_pdf(store.get(version.object_key)), "application/pdf")
    return key
