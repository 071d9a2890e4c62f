"""Complaint points, their outcomes, findings and citations in the API."""

from __future__ import annotations

from flask import g, jsonify

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
    override_case_outcome,
    override_point,
    remove_citation,
    remove_complaint_point,
    reword_complaint_point,
)
from casework.errors import ValidationFailed
from storage.models import Finding
from web.api import bp
from web.api.payload import integer, json_body, text
from web.api.responses import case_json, complaint_point_json, finding_json
from web.runtime import get_db


@bp.get("/cases/<int:case_id>/complaint-points")
def list_complaint_points(case_id: int):
    case = get_case(get_db(), case_id)
    return jsonify({"items": [complaint_point_json(p) for p in case.complaint_points]})


@bp.post("/cases/<int:case_id>/complaint-points")
def create_complaint_point(case_id: int):
    db = get_db()
    point = add_complaint_point(db, get_case(db, case_id), g.api_user,
                                text(json_body(), "text"))
    db.commit()
    return jsonify(complaint_point_json(point)), 201


@bp.patch("/cases/<int:case_id>/complaint-points/<int:point_id>")
def reword_point(case_id: int, point_id: int):
    db = get_db()
    point = get_complaint_point(db, get_case(db, case_id), point_id)
    reword_complaint_point(db, point, g.api_user, text(json_body(), "text"))
    return jsonify(complaint_point_json(point))


@bp.delete("/cases/<int:case_id>/complaint-points/<int:point_id>")
def delete_point(case_id: int, point_id: int):
    db = get_db()
    point = get_complaint_point(db, get_case(db, case_id), point_id)
    remove_complaint_point(db, point, g.api_user)
    return "", 204


@bp.put("/cases/<int:case_id>/complaint-points/<int:point_id>/outcome")
def set_point_outcome(case_id: int, point_id: int):
    db = get_db()
    point = get_complaint_point(db, get_case(db, case_id), point_id)
    body = json_body()
    if "upheld" not in body:
        raise ValidationFailed("upheld is required: true, false, or null to go back to the "
                               "derived outcome", field="upheld")
    upheld = body.get("upheld")
    if upheld is not None and not isinstance(upheld, bool):
        raise ValidationFailed("upheld must be true, false or null", field="upheld")
    override_point(db, point, g.api_user, upheld, text(body, "reason", required=False))
    return jsonify(complaint_point_json(point))


@bp.put("/cases/<int:case_id>/outcome")
def set_case_outcome(case_id: int):
    db = get_db()
    case = get_case(db, case_id)
    body = json_body()
    if "outcome" not in body:
        raise ValidationFailed("outcome is required: an outcome, or null to go back to the "
                               "derived one", field="outcome")
    override_case_outcome(db, case, g.api_user, text(body, "outcome", required=False) or None,
                          text(body, "reason", required=False))
    return jsonify(case_json(case))


@bp.post("/cases/<int:case_id>/findings")
def create_finding(case_id: int):
    db = get_db()
    case = get_case(db, case_id)
    return jsonify(finding_json(add_finding(db, case, g.api_user,
                                            _finding_input(json_body())))), 201


@bp.patch("/cases/<int:case_id>/findings/<int:finding_id>")
def update_finding(case_id: int, finding_id: int):
    """Change the fields given; any `citations` given are added to those the finding has."""
    db = get_db()
    finding = get_finding(db, get_case(db, case_id), finding_id)
    change_finding(db, finding, g.api_user, _finding_input(json_body(), finding))
    return jsonify(finding_json(finding))


@bp.post("/cases/<int:case_id>/findings/<int:finding_id>/citations")
def create_citation(case_id: int, finding_id: int):
    db = get_db()
    finding = get_finding(db, get_case(db, case_id), finding_id)
    add_citation(db, finding, g.api_user, _citation(json_body()))
    return jsonify(finding_json(finding)), 201


@bp.delete("/cases/<int:case_id>/findings/<int:finding_id>/citations/<int:citation_id>")
def delete_citation(case_id: int, finding_id: int, citation_id: int):
    db = get_db()
    finding = get_finding(db, get_case(db, case_id), finding_id)
    remove_citation(db, finding, g.api_user, citation_id)
    return "", 204


REQUIRED = {"title", "what_happened", "what_should_have_happened", "conclusion"}


def _finding_input(body: dict, current: Finding | None = None) -> FindingInput:
    """A finding from a request body; with `current`, the fields left out keep their value."""
    kept = _current_fields(current) if current is not None else {}

    def field(name: str) -> str:
        if name in kept and name not in body:
            return kept[name]
        return text(body, name, required=current is None and name in REQUIRED)

    point_id = integer(body, "complaint_point_id", required=False)
    if current is not None and not {"complaint_point_id", "complaint_point"} & body.keys():
        point_id = current.complaint_point_id
    return FindingInput(
        title=field("title"),
        complaint_point_id=point_id,
        complaint_point=text(body, "complaint_point", required=False),
        what_happened=field("what_happened"),
        what_should_have_happened=field("what_should_have_happened"),
        principle=field("principle"),
        guidance=field("guidance"),
        conclusion=field("conclusion"),
        injustice=field("injustice"),
        citations=_citations(body),
    )


def _current_fields(finding: Finding) -> dict[str, str]:
    return {
        "title": finding.title,
        "what_happened": finding.what_happened,
        "what_should_have_happened": finding.what_should_have_happened,
        "principle": finding.principle.value if finding.principle else "",
        "guidance": finding.guidance or "",
        "conclusion": finding.conclusion.value,
        "injustice": finding.injustice,
    }


def _citation(body: dict) -> CitationInput:
    return CitationInput(integer(body, "evidence_id"), integer(body, "page"),
                         text(body, "quote", required=False))


def _citations(body: dict) -> tuple[CitationInput, ...]:
    raw = body.get("citations") or []
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        raise ValidationFailed("citations must be a list of objects", field="citations")
    return tuple(_citation(c) for c in raw)
