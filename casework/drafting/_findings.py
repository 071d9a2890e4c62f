"""Findings: for one complaint point, what happened against what should have, cited to pages."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.cases import get_in_case
from casework.drafting._citations import CitationInput, check_citation
from casework.drafting._complaint_points import add_complaint_point, get_complaint_point
from casework.drafting._versions import check_version, raise_version
from casework.errors import ValidationFailed, one_of
from casework.stages import check_editable
from storage.models import Case, Finding, Recommendation, User
from vocabulary import Conclusion, Principle

# The lengths of the columns that hold them.
MAX_TITLE_LENGTH = 200
MAX_GUIDANCE_LENGTH = 300


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
    if len(data.title.strip()) > MAX_TITLE_LENGTH:
        raise ValidationFailed(f"The title must be {MAX_TITLE_LENGTH} characters or fewer",
                               field="title")
    if len(data.guidance.strip()) > MAX_GUIDANCE_LENGTH:
        raise ValidationFailed(f"The guidance document's name must be {MAX_GUIDANCE_LENGTH} "
                               "characters or fewer", field="guidance")
    return {
        "title": data.title.strip(),
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
    check_editable(case)
    fields = _checked_fields(data)
    for index, citation in enumerate(data.citations, start=1):
        check_citation(session, case, index, citation)
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
    session.flush()
    return finding


def change_finding(session: Session, finding: Finding, actor: User | None,
                   data: FindingInput, expected_version: int | None = None) -> Finding:
    """Replace a finding's fields and point; `data.citations` are added to those it has.

    `expected_version` is the version the change was made from (None: the one read now);
    another is refused with `EditConflict`. A finding that recommendations rest on must keep
    a failing and an injustice: remove the recommendations first.
    """
    check_editable(finding.case)
    check_version(finding, "finding", expected_version)
    fields = _checked_fields(data)
    remedies = session.scalars(
        select(Recommendation.id).where(Recommendation.finding_id == finding.id)).all()
    if remedies and (fields["conclusion"] is Conclusion.NO_FAILING or not fields["injustice"]):
        raise ValidationFailed(
            f"{len(remedies)} recommendation(s) rest on this finding and need a failing and an "
            "injustice; remove them before changing that", field="conclusion")
    start = len(finding.citations) + 1
    for index, citation in enumerate(data.citations, start=start):
        check_citation(session, finding.case, index, citation)
    changed = sorted(key for key, value in fields.items() if getattr(finding, key) != value)
    new_point = data.complaint_point_id is None or \
        data.complaint_point_id != finding.complaint_point_id
    if changed or new_point or data.citations:
        # Before anything is written, so a refused save leaves no new point behind.
        raise_version(session, finding, "finding")
    point = _point_for(session, finding.case, actor, data)
    if point.id != finding.complaint_point_id:
        changed.append("complaint_point")
    for key, value in fields.items():
        setattr(finding, key, value)
    finding.complaint_point = point
    finding.citations.extend(c.row() for c in data.citations)
    if changed or data.citations:
        record_event(session, actor, "finding.changed", finding, case_id=finding.case_id,
                     fields=changed, citations_added=len(data.citations) or None)
    session.flush()
    return finding


def get_finding(session: Session, case: Case, finding_id: int) -> Finding:
    return get_in_case(session, Finding, case, finding_id, "finding")
