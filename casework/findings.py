"""Findings: for one complaint point, what happened against what should have, cited to pages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.complaint_points import add_complaint_point, get_complaint_point
from casework.errors import NotFound, ValidationFailed
from storage.models import (
    Case,
    Citation,
    Conclusion,
    Evidence,
    EvidencePage,
    Finding,
    Principle,
    User,
)
from storage.search import MARK_END, MARK_START


@dataclass(frozen=True)
class CitationInput:
    evidence_id: int
    page: int
    quote: str = ""


@dataclass(frozen=True)
class FindingInput:
    """A finding on an existing complaint point (`complaint_point_id`) or on a new one, whose
    text is `complaint_point`."""

    title: str
    what_happened: str
    what_should_have_happened: str
    conclusion: str
    complaint_point_id: int | None = None
    complaint_point: str = ""
    injustice: str = ""
    principle: str = ""
    guidance: str = ""
    citations: tuple[CitationInput, ...] = ()


PRINCIPLE_LABELS = {
    Principle.GETTING_IT_RIGHT: "Getting it right",
    Principle.BEING_CUSTOMER_FOCUSED: "Being customer focused",
    Principle.BEING_OPEN_AND_ACCOUNTABLE: "Being open and accountable",
    Principle.ACTING_FAIRLY_AND_PROPORTIONATELY: "Acting fairly and proportionately",
    Principle.PUTTING_THINGS_RIGHT: "Putting things right",
    Principle.SEEKING_CONTINUOUS_IMPROVEMENT: "Seeking continuous improvement",
}


def _comparable(text: str) -> str:
    # Extracted text breaks lines and hyphenates words where the page did; quotes do not.
    text = re.sub(r"-\s*\n\s*", "", text)
    return " ".join(text.split()).casefold()


def quote_on_page(quote: str, page_text: str) -> bool:
    """Whether `quote` occurs in `page_text`, ignoring case, line breaks and hyphenation."""
    return _comparable(quote) in _comparable(page_text)


def quote_from_snippet(snippet: str) -> str:
    """The longest unbroken stretch of a search snippet (markers removed), fit to be quoted.

    Snippets elide the text around a hit with "…" (SQLite) or " ... " (PostgreSQL), so only
    the words between two elisions are known to stand together on the page.
    """
    plain = snippet.replace(MARK_START, "").replace(MARK_END, "")
    stretches = re.split(r"…|\.\.\.", plain)
    return max((" ".join(s.split()) for s in stretches), key=len, default="")


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


def _principle(value: str) -> Principle | None:
    if not value.strip():
        return None
    try:
        return Principle(value.strip())
    except ValueError:
        choices = ", ".join(p.value for p in Principle)
        raise ValidationFailed(f"principle must be one of {choices}", field="principle") from None


def add_finding(session: Session, case: Case, actor: User | None, data: FindingInput) -> Finding:
    """Check and save a finding with its citations, on its complaint point."""
    for field, label in (
        ("title", "title"),
        ("what_happened", "what happened"),
        ("what_should_have_happened", "what should have happened"),
    ):
        if not getattr(data, field).strip():
            raise ValidationFailed(f"Enter {label}", field=field)
    if data.complaint_point_id is None and not data.complaint_point.strip():
        raise ValidationFailed("Choose a complaint point or enter a new one",
                               field="complaint_point")
    try:
        conclusion = Conclusion(data.conclusion)
    except ValueError:
        choices = ", ".join(c.value for c in Conclusion)
        raise ValidationFailed(f"conclusion must be one of {choices}", field="conclusion") from None
    principle = _principle(data.principle)
    if len(data.guidance.strip()) > 300:
        raise ValidationFailed("The guidance document's name must be 300 characters or fewer",
                               field="guidance")
    for index, citation in enumerate(data.citations, start=1):
        _check_citation(session, case, index, citation)
    if data.complaint_point_id is not None:
        point = get_complaint_point(session, case, data.complaint_point_id)
    else:
        point = add_complaint_point(session, case, actor, data.complaint_point)
    finding = Finding(
        case=case,
        complaint_point=point,
        title=data.title.strip()[:200],
        what_happened=data.what_happened.strip(),
        what_should_have_happened=data.what_should_have_happened.strip(),
        principle=principle,
        guidance=data.guidance.strip() or None,
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


def add_citation(session: Session, finding: Finding, actor: User | None,
                 citation: CitationInput) -> Citation:
    """Cite one more page of evidence in a finding (the workspace's "cite this")."""
    _check_citation(session, finding.case, 1, citation)
    added = Citation(finding=finding, evidence_id=citation.evidence_id, page=citation.page,
                     quote=citation.quote.strip())
    session.add(added)
    session.flush()
    record_event(session, actor, "finding.cited", finding, case_id=finding.case_id,
                 evidence_id=citation.evidence_id, page=citation.page)
    session.commit()
    return added


def get_finding(session: Session, case: Case, finding_id: int) -> Finding:
    finding = session.get(Finding, finding_id)
    if finding is None or finding.case_id != case.id:
        raise NotFound(f"no finding with id {finding_id} in case {case.reference}")
    return finding
