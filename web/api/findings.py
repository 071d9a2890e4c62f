"""Complaint points, their outcomes, findings and citations in the API."""

from __future__ import annotations

from flask import g

from casework.cases import get_case
from casework.drafting import (
    CitationInput,
    FindingInput,
    add_citation,
    add_complaint_point,
    add_finding,
    change_finding,
    get_complaint_point,
    get_finding,
    list_complaint_points,
    override_point,
    remove_citation,
    remove_complaint_point,
    reword_complaint_point,
)
from storage.models import Finding
from web.api import bp, schemas
from web.api.refusals import refusals
from web.runtime import commit, get_db


@bp.get("/cases/<int:case_id>/complaint-points")
@bp.response(200, schemas.ComplaintPoints)
@refusals(401, 403, 404)
def complaint_points(case_id: int):
    """The case's complaint points, numbered, with their outcomes"""
    db = get_db()
    return {"items": list_complaint_points(db, get_case(db, case_id))}


@bp.post("/cases/<int:case_id>/complaint-points")
@bp.arguments(schemas.NewComplaintPoint)
@bp.response(201, schemas.ComplaintPoint)
@refusals(401, 403, 404, 409)
def create_complaint_point(body, case_id: int):
    """Add the next complaint point"""
    db = get_db()
    point = add_complaint_point(db, get_case(db, case_id), g.api_user, body["text"])
    commit()
    return point


@bp.patch("/cases/<int:case_id>/complaint-points/<int:point_id>")
@bp.arguments(schemas.NewComplaintPoint)
@bp.response(200, schemas.ComplaintPoint)
@refusals(401, 403, 404, 409)
def reword_point(body, case_id: int, point_id: int):
    """Reword a complaint point"""
    db = get_db()
    point = get_complaint_point(db, get_case(db, case_id), point_id)
    reword_complaint_point(db, point, g.api_user, body["text"])
    commit()
    return point


@bp.delete("/cases/<int:case_id>/complaint-points/<int:point_id>")
@bp.response(204)
@refusals(401, 403, 404, 409, 422)
def delete_point(case_id: int, point_id: int):
    """Remove a point no finding is on; the points after it are renumbered"""
    db = get_db()
    point = get_complaint_point(db, get_case(db, case_id), point_id)
    remove_complaint_point(db, point, g.api_user)
    commit()


@bp.put("/cases/<int:case_id>/complaint-points/<int:point_id>/outcome")
@bp.arguments(schemas.PointOutcome)
@bp.response(200, schemas.ComplaintPoint)
@refusals(401, 403, 404, 409)
def set_point_outcome(body, case_id: int, point_id: int):
    """Override whether the point is upheld, with a reason (null clears it)"""
    db = get_db()
    point = get_complaint_point(db, get_case(db, case_id), point_id)
    override_point(db, point, g.api_user, body["upheld"], body["reason"])
    commit()
    return point


@bp.post("/cases/<int:case_id>/findings")
@bp.arguments(schemas.FindingIn)
@bp.response(201, schemas.Finding)
@refusals(401, 403, 404, 409)
def create_finding(body, case_id: int):
    """Add a finding; quotes must occur on the cited page"""
    db = get_db()
    finding = add_finding(db, get_case(db, case_id), g.api_user, _finding_input(body))
    commit()
    return finding


# Partial at the top level only: partial=True would reach into the citations too, and let
# one through without the evidence or page it cites (a 500, not a 422).
@bp.patch("/cases/<int:case_id>/findings/<int:finding_id>")
@bp.arguments(schemas.FindingChanges(partial=tuple(schemas.FindingChanges().fields)))
@bp.response(200, schemas.Finding)
@refusals(401, 403, 404, 409)
def update_finding(body, case_id: int, finding_id: int):
    """Change a finding: fields left out keep their value; citations given are added"""
    db = get_db()
    finding = get_finding(db, get_case(db, case_id), finding_id)
    version = body.pop("version", None)
    change_finding(db, finding, g.api_user, _finding_input(body, finding),
                   expected_version=version)
    commit()
    return finding


@bp.post("/cases/<int:case_id>/findings/<int:finding_id>/citations")
@bp.arguments(schemas.CitationIn)
@bp.response(201, schemas.Finding)
@refusals(401, 403, 404, 409)
def create_citation(body, case_id: int, finding_id: int):
    """Cite one more page in a finding; the quote must occur on the page"""
    db = get_db()
    finding = get_finding(db, get_case(db, case_id), finding_id)
    add_citation(db, finding, g.api_user, CitationInput(**body))
    commit()
    return finding


@bp.delete("/cases/<int:case_id>/findings/<int:finding_id>/citations/<int:citation_id>")
@bp.response(204)
@refusals(401, 403, 404, 409)
def delete_citation(case_id: int, finding_id: int, citation_id: int):
    """Remove a citation from a finding"""
    db = get_db()
    finding = get_finding(db, get_case(db, case_id), finding_id)
    remove_citation(db, finding, g.api_user, citation_id)
    commit()


def _finding_input(body: dict, current: Finding | None = None) -> FindingInput:
    """A finding from a request body; with `current`, the fields left out keep their value."""
    fields = _current_fields(current) if current is not None else {}
    fields |= {name: value if name == "complaint_point_id" else _plain(value)
               for name, value in body.items() if name != "citations"}
    if current is not None and not {"complaint_point_id", "complaint_point"} & body.keys():
        fields["complaint_point_id"] = current.complaint_point_id
    return FindingInput(**fields, citations=tuple(CitationInput(**c)
                                                  for c in body.get("citations") or ()))


def _plain(value) -> str:
    # The domain reads text and choices (string enums) as the words sent; null means none.
    return "" if value is None else value


def _current_fields(finding: Finding) -> dict:
    return {
        "title": finding.title,
        "what_happened": finding.what_happened,
        "what_should_have_happened": finding.what_should_have_happened,
        "principle": finding.principle.value if finding.principle else "",
        "guidance": finding.guidance or "",
        "conclusion": finding.conclusion.value,
        "injustice": finding.injustice,
    }
