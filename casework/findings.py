"""Findings: for one complaint point, what happened against what should have, cited to pages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.cases import get_in_case
from casework.complaint_points import add_complaint_point, get_complaint_point
from casework.errors import NotFound, ValidationFailed, one_of
from storage.models import (
    Case,
    Citation,
    Conclusion,
    Evidence,
    EvidencePage,
    Finding,
    Principle,
    Recommendation,
    User,
)
from storage.search import MARK_END, MARK_START


@dataclass(frozen=True)
class CitationInput:
    evidence_id: int
    page: int
    quote: str = ""

    def row(self) -> Citation:
        """The citation as a record, its quote trimmed."""
        return Citation(evidence_id=self.evidence_id, page=self.page, quote=self.quote.strip())


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
    return one_of(Principle, value.strip(), "principle") if value.strip() else None


def _checked_fields(data: FindingInput) -> dict:
    """The finding's own fields from `data`, checked; citations and the point are apart."""
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
    conclusion = one_of(Conclusion, data.conclusion, "conclusion")
    if len(data.guidance.strip()) > 300:
        raise ValidationFailed("The guidance document's name must be 300 characters or fewer",
                               field="guidance")
    return {
        "title": data.title.strip()[:200],
        "what_happened": data.what_happened.strip(),
        "what_should_have_happened": data.what_should_have_happened.strip(),
        "principle": _principle(data.principle),
        "guidance": data.guidance.strip() or None,
        "conclusion": conclusion,
        "injustice": data.injustice.strip(),
    }


def _point_for(session: Session, case: Case, actor: User | None, data: FindingInput):
    if data.complaint_point_id is not None:
        return get_complaint_point(session, case, data.complaint_point_id)
    return add_complaint_point(session, case, actor, data.complaint_point)


def add_finding(session: Session, case: Case, actor: User | None, data: FindingInput) -> Finding:
    """Check and save a finding with its citations, on its complaint point."""
    fields = _checked_fields(data)
    for index, citation in enumerate(data.citations, start=1):
        _check_citation(session, case, index, citation)
    finding = Finding(
        case=case,
        complaint_point=_point_for(session, case, actor, data),
        created_by_id=actor.id if actor is not None else None,
        citations=[c.row() for c in data.citations],
        **fields,
    )
    session.add(finding)
    session.flush()
    # No title in the audit log: free text may name people.
    record_event(session, actor, "finding.added", finding, case_id=case.id,
                 complaint_point=finding.complaint_point.number)
    session.commit()
    return finding


def change_finding(session: Session, finding: Finding, actor: User | None,
                   data: FindingInput) -> Finding:
    """Replace a finding's fields and point; `data.citations` are added to those it has.

    A finding that recommendations rest on must keep a failing and an injustice: remove the
    recommendations first.
    """
    fields = _checked_fields(data)
    remedies = session.scalars(
        select(Recommendation.id).where(Recommendation.finding_id == finding.id)).all()
    if remedies and (fields["conclusion"] is Conclusion.NO_FAILING or not fields["injustice"]):
        raise ValidationFailed(
            f"{len(remedies)} recommendation(s) rest on this finding and need a failing and an "
            "injustice; remove them before changing that", field="conclusion")
    start = len(finding.citations) + 1
    for index, citation in enumerate(data.citations, start=start):
        _check_citation(session, finding.case, index, citation)
    point = _point_for(session, finding.case, actor, data)
    changed = sorted(key for key, value in fields.items() if getattr(finding, key) != value)
    if point.id != finding.complaint_point_id:
        changed.append("complaint_point")
    for key, value in fields.items():
        setattr(finding, key, value)
    finding.complaint_point = point
    finding.citations.extend(c.row() for c in data.citations)
    if changed or data.citations:
        record_event(session, actor, "finding.changed", finding, case_id=finding.case_id,
                     fields=changed, citations_added=len(data.citations) or None)
    session.commit()
    return finding


def remove_citation(session: Session, finding: Finding, actor: User | None,
                    citation_id: int) -> None:
    citation = next((c for c in finding.citations if c.id == citation_id), None)
    if citation is None:
        raise NotFound(f"finding {finding.id} has no citation with id {citation_id}")
    finding.citations.remove(citation)
    record_event(session, actor, "finding.citation_removed", finding, case_id=finding.case_id,
                 evidence_id=citation.evidence_id, page=citation.page)
    session.commit()


def add_citation(session: Session, finding: Finding, actor: User | None,
                 citation: CitationInput) -> Citation:
    """Cite one more page of evidence in a finding (the workspace's "cite this")."""
    _check_citation(session, finding.case, 1, citation)
    added = citation.row()
    finding.citations.append(added)
    session.flush()
    record_event(session, actor, "finding.cited", finding, case_id=finding.case_id,
                 evidence_id=citation.evidence_id, page=citation.page)
    session.commit()
    return added


def get_finding(session: Session, case: Case, finding_id: int) -> Finding:
    return get_in_case(session, Finding, case, finding_id, "finding")
