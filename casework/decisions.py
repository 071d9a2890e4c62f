"""Decisions: what the decision and letters say (their context), and the drafted versions,
provisional then final, frozen in object storage."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from docxtpl import Listing
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.chronology import key_events
from casework.documents import (
    DOCX_MEDIA_TYPE,
    LETTERS_DIR,
    office_date,
    pounds,
    render_docx,
    uk_date,
)
from casework.errors import NotFound, ValidationFailed, one_of
from casework.evidence import evidence_numbers
from casework.findings import PRINCIPLE_LABELS
from casework.outcomes import OUTCOME_LABELS, case_outcome, decided_points, point_upheld
from casework.pdf_conversion import docx_to_pdf
from storage.models import (
    Case,
    Conclusion,
    Decision,
    DecisionStage,
    DecisionStatus,
    DecisionVersion,
    Finding,
    Outcome,
    Recommendation,
    User,
)
from storage.objects import ObjectStore, put_bytes

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
STAGE_TITLES = {
    DecisionStage.PROVISIONAL: "Provisional decision",
    DecisionStage.FINAL: "Final decision",
}
# Both sides are usually given two weeks to comment on a provisional decision.
COMMENT_PERIOD = timedelta(days=14)

# The fields people type paragraphs into, wherever they sit in the context: Word must keep
# their line breaks.
FREE_TEXT = frozenset({"summary", "text", "what_happened", "what_should_have_happened",
                       "injustice", "compliance_evidence"})


def decision_context(case: Case, today: date, stage: DecisionStage) -> dict:
    """What the templates render: the plain context with free text keeping its line breaks."""
    return with_line_breaks(plain_decision_context(case, today, stage))


def with_line_breaks(value):
    """The context with each free-text value wrapped so Word shows its line breaks."""
    if isinstance(value, list):
        return [with_line_breaks(item) for item in value]
    if isinstance(value, dict):
        return {key: _lines(item) if key in FREE_TEXT and isinstance(item, str)
                else with_line_breaks(item) for key, item in value.items()}
    return value


def decision_stage(value: str) -> DecisionStage:
    """The stage named in a request; provisional unless said otherwise."""
    return one_of(DecisionStage, value, "stage") if value else DecisionStage.PROVISIONAL


def standard_label(finding: Finding) -> str:
    """The named standard a finding measured against: a Principle and/or guidance."""
    return "; ".join(_standards(finding))


def _standards(finding: Finding) -> list[str]:
    named = []
    if finding.principle is not None:
        named.append(f"the Principle of {PRINCIPLE_LABELS[finding.principle]}")
    if finding.guidance:
        named.append(finding.guidance)
    return named


def plain_decision_context(case: Case, today: date, stage: DecisionStage) -> dict:
    """Everything the decision and letter templates may show, as plain strings and lists."""
    numbers = evidence_numbers(case)
    outcome = case_outcome(case)
    numbered = {f.id: n for n, f in enumerate(
        (f for p in case.complaint_points for f in p.findings), start=1)}
    provisional = stage is DecisionStage.PROVISIONAL
    return {
        "reference": case.reference,
        "title": STAGE_TITLES[stage],
        "stage": stage.value,
        "provisional": provisional,
        "status": "Provisional, for comment" if provisional else "Final",
        "comments_due": uk_date(today + COMMENT_PERIOD) if provisional else "",
        "date": uk_date(today),
        "organisation": case.organisation.name,
        "complainant": case.complainant_name,
        "summary": case.summary,
        "outcome": OUTCOME_LABELS[outcome],
        "outcome_phrase": OUTCOME_LABELS[outcome].lower(),
        "evidence": [
            {"number": numbers[e.id], "filename": e.filename,
             "pages": _count(e.page_count or 0, "page")}
            for e in case.evidence
        ],
        "events": [
            {"date": uk_date(entry.date), "text": entry.text,
             "references": "; ".join(
                 f"Evidence {numbers[evidence_id]}, page {page}"
                 for evidence_id, page in [(entry.evidence_id, entry.page), *entry.also_in])}
            for entry in key_events(case)
        ],
        "standards": list(dict.fromkeys(
            label for point in case.complaint_points for f in point.findings
            for label in _standards(f))),
        "points": [
            {
                "number": point.number,
                "text": point.text,
                "upheld": "Upheld" if point_upheld(point) else "Not upheld",
                "findings": [_finding_context(f, numbered[f.id], numbers)
                             for f in point.findings],
            }
            for point in decided_points(case)
        ],
        "recommendations": [_recommendation_context(r) for r in case.recommendations],
    }


def _finding_context(finding: Finding, number: int, evidence_numbers: dict[int, int]) -> dict:
    return {
        "number": number,
        "title": finding.title,
        "what_happened": finding.what_happened,
        "what_should_have_happened": finding.what_should_have_happened,
        "standard": standard_label(finding),
        "conclusion": CONCLUSION_LABELS[finding.conclusion],
        "injustice": finding.injustice,
        "citations": [
            {"reference": f"Evidence {evidence_numbers[c.evidence_id]}, page {c.page}",
             "quote": c.quote}
            for c in finding.citations
        ],
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
    return (f"{decision.case.reference}-{decision.stage.value}-letter-to-{recipient}"
            f"-v{version.version}.docx")


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
        # The templates follow it with "By <date>." or "The apology should come from ...".
        "text": _sentence(recommendation.text),
        "from_whom": recommendation.from_whom or "",
        "compliance_evidence": recommendation.compliance_evidence or "",
        "amount": pounds(recommendation.amount_pence)
        if recommendation.amount_pence is not None else "",
        "due": uk_date(recommendation.due_date) if recommendation.due_date else "",
    }


def _sentence(text: str) -> str:
    """`text` ending as a sentence does, so that the next sentence can follow it."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?" else text + "."


def _current_draft(session: Session, case: Case, stage: DecisionStage) -> Decision | None:
    # FOR UPDATE (PostgreSQL) makes a second click wait for the first to commit its version.
    return session.scalar(
        select(Decision)
        .where(Decision.case_id == case.id, Decision.stage == stage,
               Decision.status == DecisionStatus.DRAFT)
        .order_by(Decision.id.desc())
        .with_for_update()
    )


def version_date(version: DecisionVersion) -> date:
    """The date the version's document bears."""
    return version.dated or office_date(version.created_at)


def comments_due(session: Session, case: Case) -> date | None:
    """When comments on the latest provisional decision are due; None before there is one."""
    latest = session.scalar(
        select(DecisionVersion).join(Decision)
        .where(Decision.case_id == case.id, Decision.stage == DecisionStage.PROVISIONAL)
        .order_by(DecisionVersion.created_at.desc(), DecisionVersion.id.desc())
        .limit(1)
    )
    return version_date(latest) + COMMENT_PERIOD if latest is not None else None


def draft_decision(
    session: Session, store: ObjectStore, case: Case, actor: User | None, today: date,
    stage: DecisionStage = DecisionStage.PROVISIONAL,
) -> DecisionVersion:
    """Render the case's decision at `stage` as a new version of its draft, frozen in storage.

    A final decision comes after a provisional one has gone out for comment (DOMAIN.md).
    """
    provisional_drafted = comments_due(session, case) is not None
    if stage is DecisionStage.FINAL and not provisional_drafted:
        raise ValidationFailed("Share a provisional decision for comment before the final one",
                               field="stage")
    _check_deadlines(case, today)
    context = decision_context(case, today, stage)
    outcome = case_outcome(case)
    document = render_docx(LETTERS_DIR / "decision.docx", context)
    # The letters are frozen with the version they go out with.
    letters = {recipient: render_docx(LETTERS_DIR / template, context)
               for recipient, template in LETTER_TEMPLATES.items()}
    attempt = 1
    while True:
        try:
            return _save_version(session, store, case, actor, stage, outcome, document, letters,
                                 today)
        except (IntegrityError, OperationalError) as error:
            # Two drafts of one case at the same moment chose the same version number, or both
            # opened a draft: the database refused the later one (PostgreSQL by the unique
            # constraints, SQLite by refusing a write from a reader that is out of date). It
            # tries again and takes the next number.
            session.rollback()
            if attempt == VERSION_ATTEMPTS or not _lost_a_race(error):
                raise
            attempt += 1


VERSION_ATTEMPTS = 3


def _check_deadlines(case: Case, today: date) -> None:
    """Refuse a decision that would ask for something by a date already gone.

    A decision drafted some time after its recommendations were made must not carry a due
    date that has passed. Numbers follow the decision's own list of recommendations.
    """
    for number, recommendation in enumerate(case.recommendations, start=1):
        due = recommendation.due_date
        if due is not None and due < today:
            raise ValidationFailed(
                f"Recommendation {number} ({KIND_LABELS[recommendation.kind.value]}) is due on "
                f"{uk_date(due)}, which has passed: change its due date",
                field="recommendations")


def _lost_a_race(error: IntegrityError | OperationalError) -> bool:
    return isinstance(error, IntegrityError) or "database is locked" in str(error.orig)


def _save_version(session: Session, store: ObjectStore, case: Case, actor: User | None,
                  stage: DecisionStage, outcome: Outcome, document: bytes,
                  letters: dict[str, bytes], dated: date) -> DecisionVersion:
    decision = _current_draft(session, case, stage)
    if decision is None:
        decision = Decision(case=case, stage=stage, outcome=outcome,
                            created_by_id=actor.id if actor is not None else None)
        session.add(decision)
        session.flush()
    decision.outcome = outcome
    latest = session.scalar(select(func.max(DecisionVersion.version))
                            .where(DecisionVersion.decision_id == decision.id))
    number = (latest or 0) + 1
    sha256 = hashlib.sha256(document).hexdigest()
    key = f"decisions/{case.id}/{decision.id}/v{number}-{sha256}.docx"
    version = DecisionVersion(
        decision=decision,
        version=number,
        object_key=key,
        sha256=sha256,
        size=len(document),
        dated=dated,
        created_by_id=actor.id if actor is not None else None,
    )
    session.add(version)
    # The row is claimed before anything is written to storage, so a refused number
    # leaves no stray objects behind.
    session.flush()
    for recipient, letter in letters.items():
        put_bytes(store, letter_key(key, recipient), letter, DOCX_MEDIA_TYPE)
    put_bytes(store, key, document, DOCX_MEDIA_TYPE)
    record_event(session, actor, "decision.drafted", decision,
                 case_id=case.id, stage=stage.value, version=number, sha256=sha256)
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
    return (f"{decision.case.reference}-{decision.stage.value}-decision-v{version.version}"
            f".{suffix}")


def version_pdf_key(store: ObjectStore, version: DecisionVersion) -> str:
    """Where the frozen version's PDF is: converted on first request, then kept beside it."""
    key = version.object_key.removesuffix(".docx") + ".pdf"
    if not store.exists(key):
        put_bytes(store, key, docx_to_pdf(store.get(version.object_key)), "application/pdf")
    return key
