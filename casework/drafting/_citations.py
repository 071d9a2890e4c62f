"""Citations: a page of evidence, and perhaps a quote that must stand on it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import NotFound, ValidationFailed
from casework.stages import check_editable
from storage.models import Case, Citation, Evidence, EvidencePage, Finding, User
from storage.search import MARK_END, MARK_START


@dataclass(frozen=True)
class CitationInput:
    evidence_id: int
    page: int
    quote: str = ""

    def row(self) -> Citation:
        """The citation as a record, its quote trimmed."""
        return Citation(evidence_id=self.evidence_id, page=self.page, quote=self.quote.strip())


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


def check_citation(session: Session, case: Case, index: int, citation: CitationInput) -> None:
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


def remove_citation(session: Session, finding: Finding, actor: User | None,
                    citation_id: int) -> None:
    check_editable(finding.case)
    citation = next((c for c in finding.citations if c.id == citation_id), None)
    if citation is None:
        raise NotFound(f"finding {finding.id} has no citation with id {citation_id}")
    finding.citations.remove(citation)
    record_event(session, actor, "finding.citation_removed", finding, case_id=finding.case_id,
                 evidence_id=citation.evidence_id, page=citation.page)
    session.flush()


def add_citation(session: Session, finding: Finding, actor: User | None,
                 citation: CitationInput) -> Citation:
    """Cite one more page of evidence in a finding (the workspace's "cite this")."""
    check_editable(finding.case)
    check_citation(session, finding.case, 1, citation)
    added = citation.row()
    finding.citations.append(added)
    session.flush()
    record_event(session, actor, "finding.cited", finding, case_id=finding.case_id,
                 evidence_id=citation.evidence_id, page=citation.page)
    session.flush()
    return added


