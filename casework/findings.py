"""Findings: for one complaint point, what happened against what should have, cited to pages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import NotFound, ValidationFailed
from storage.models import Case, Citation, Conclusion, Evidence, EvidencePage, Finding, User


@dataclass(frozen=True)
class CitationInput:
    evidence_id: int
    page: int
    quote: str = ""


@dataclass(frozen=True)
class FindingInput:
    title: str
    complaint_point: str
    what_happened: str
    what_should_have_happened: str
    conclusion: str
    injustice: str = ""
    citations: tuple[CitationInput, ...] = ()


def _comparable(text: str) -> str:
    # Extracted text breaks lines and hyphenates words where the page did; quotes do not.
    text = re.sub(r"-\s*\n\s*", "", text)
    return " ".join(text.split()).casefold()


def quote_on_page(quote: str, page_text: str) -> bool:
    """Whether `quote` occurs in `page_text`, ignoring case, line breaks and hyphenation."""
    return _comparable(quote) in _comparable(page_text)


def _check_citation(session: Session, case: Case, index: int, citation: CitationInput) -> None:
    label = f"citation {index}"
    evidence = session.get(Evidence, citation.evidence_id)
    if evidence is None or evidence.case_id != case.id:
        raise ValidationFailed(
            f"{label}: evidence {citation.evidence_id} is not part of this case", field="citations"
        )
    page = session.query(EvidencePage).filter_by(
        evidence_id=evidence.id, number=citation.page
    ).one_or_none()
    if page is None:
        raise ValidationFailed(
            f"{label}: {evidence.filename} has no page {citation.page}", field="citations"
        )
    if citation.quote.strip() and not quote_on_page(citation.quote, page.text):
        raise ValidationFailed(
            f"{label}: the quote does not appear on page {citation.page} of {evidence.filename}",
            field="citations",
        )


def add_finding(session: Session, case: Case, actor: User | None, data: FindingInput) -> Finding:
    """Check and save a finding with its citations."""
    for field, label in (
        ("title", "title"),
        ("complaint_point", "complaint point"),
        ("what_happened", "what happened"),
        ("what_should_have_happened", "what should have happened"),
    ):
        if not getattr(data, field).strip():
            raise ValidationFailed(f"Enter {label}", field=field)
    try:
        conclusion = Conclusion(data.conclusion)
    except ValueError:
        choices = ", ".join(c.value for c in Conclusion)
        raise ValidationFailed(f"conclusion must be one of {choices}", field="conclusion") from None
    for index, citation in enumerate(data.citations, start=1):
        _check_citation(session, case, index, citation)
    finding = Finding(
        case=case,
        title=data.title.strip()[:200],
        complaint_point=data.complaint_point.strip(),
        what_happened=data.what_happened.strip(),
        what_should_have_happened=data.what_should_have_happened.strip(),
        conclusion=conclusion,
        injustice=data.injustice.strip(),
        created_by_id=actor.id if actor is not None else None,
        citations=[
            Citation(evidence_id=c.evidence_id, page=c.page, quote=c.quote.strip())
            for c in data.citations
        ],
    )
    session.add(finding)
    session.flush()
    record_event(session, actor, "finding.added", finding, case_id=case.id, title=finding.title)
    session.commit()
    return finding


def get_finding(session: Session, case: Case, finding_id: int) -> Finding:
    finding = session.get(Finding, finding_id)
    if finding is None or finding.case_id != case.id:
        raise NotFound(f"no finding with id {finding_id} in case {case.reference}")
    return finding
