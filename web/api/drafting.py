"""Findings, recommendations and decisions in the API."""

from __future__ import annotations

from flask import g, jsonify, request

from casework.cases import get_case
from casework.complaint_points import add_complaint_point, get_complaint_point
from casework.decisions import (
    decision_stage,
    document_filename,
    draft_decision,
    get_decision,
    get_version,
    letter_filename,
    letter_key,
    version_pdf_key,
)
from casework.documents import DOCX_MEDIA_TYPE
from casework.errors import ValidationFailed
from casework.findings import CitationInput, FindingInput, add_citation, add_finding, get_finding
from casework.outcomes import override_case_outcome, override_point
from casework.recommendations import RecommendationInput, add_recommendation
from web.api import bp
from web.api.payload import integer, iso_date, json_body, text
from web.api.responses import (
    case_json,
    complaint_point_json,
    decision_json,
    finding_json,
    recommendation_json,
)
from web.downloads import send_object
from web.runtime import get_db, get_settings, get_store, today


def _citations(body: dict) -> tuple[CitationInput, ...]:
    raw = body.get("citations") or []
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        raise ValidationFailed("citations must be a list of objects", field="citations")
    return tuple(
        CitationInput(integer(c, "evidence_id"), integer(c, "page"),
                      text(c, "quote", required=False))
        for c in raw
    )


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


@bp.put("/cases/<int:case_id>/complaint-points/<int:point_id>/outcome")
def set_point_outcome(case_id: int, point_id: int):
    db = get_db()
    point = get_complaint_point(db, get_case(db, case_id), point_id)
    body = json_body()
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
    override_case_outcome(db, case, g.api_user, text(body, "outcome", required=False) or None,
                          text(body, "reason", required=False))
    return jsonify(case_json(case))


@bp.post("/cases/<int:case_id>/findings")
def create_finding(case_id: int):
    db = get_db()
    case = get_case(db, case_id)
    body = json_body()
    data = FindingInput(
        title=text(body, "title"),
        complaint_point_id=integer(body, "complaint_point_id", required=False),
        complaint_point=text(body, "complaint_point", required=False),
        what_happened=text(body, "what_happened"),
        what_should_have_happened=text(body, "what_should_have_happened"),
        principle=text(body, "principle", required=False),
        guidance=text(body, "guidance", required=False),
        conclusion=text(body, "conclusion"),
        injustice=text(body, "injustice", required=False),
        citations=_citations(body),
    )
    return jsonify(finding_json(add_finding(db, case, g.api_user, data))), 201


@bp.post("/cases/<int:case_id>/findings/<int:finding_id>/citations")
def create_citation(case_id: int, finding_id: int):
    db = get_db()
    finding = get_finding(db, get_case(db, case_id), finding_id)
    body = json_body()
    add_citation(db, finding, g.api_user,
                 CitationInput(integer(body, "evidence_id"), integer(body, "page"),
                               text(body, "quote", required=False)))
    return jsonify(finding_json(finding)), 201


@bp.post("/cases/<int:case_id>/recommendations")
def create_recommendation(case_id: int):
    db = get_db()
    case = get_case(db, case_id)
    body = json_body()
    data = RecommendationInput(
        kind=text(body, "kind"),
        text=text(body, "text"),
        finding_id=integer(body, "finding_id"),
        due_date=iso_date(body, "due_date"),
        amount_pence=integer(body, "amount_pence", required=False),
        from_whom=text(body, "from_whom", required=False),
        basis=text(body, "basis", required=False) or None,
        severity_level=integer(body, "severity_level", required=False),
        justification=text(body, "justification", required=False),
        compliance_evidence=text(body, "compliance_evidence", required=False),
    )
    recommendation = add_recommendation(db, case, g.api_user, data, today(),
                                        get_settings().remedy_scale)
    return jsonify(recommendation_json(recommendation)), 201


@bp.post("/cases/<int:case_id>/decisions")
def create_decision(case_id: int):
    db = get_db()
    body = request.get_json(silent=True) or {}
    stage = decision_stage(text(body, "stage", required=False) if isinstance(body, dict) else "")
    version = draft_decision(db, get_store(), get_case(db, case_id), g.api_user, today(), stage)
    return jsonify(decision_json(version.decision)), 201


@bp.get("/decisions/<int:decision_id>")
def show_decision(decision_id: int):
    return jsonify(decision_json(get_decision(get_db(), decision_id)))


@bp.get("/decisions/<int:decision_id>/document.docx")
def decision_document(decision_id: int):
    decision = get_decision(get_db(), decision_id)
    version = get_version(decision)
    return send_object(get_store(), version.object_key,
                       document_filename(decision, version), DOCX_MEDIA_TYPE)


@bp.get("/decisions/<int:decision_id>/letters/<recipient>.docx")
def decision_letter(decision_id: int, recipient: str):
    decision = get_decision(get_db(), decision_id)
    version = get_version(decision)
    return send_object(get_store(), letter_key(version.object_key, recipient),
                       letter_filename(decision, version, recipient), DOCX_MEDIA_TYPE)


@bp.get("/decisions/<int:decision_id>/document.pdf")
def decision_pdf(decision_id: int):
    decision = get_decision(get_db(), decision_id)
    version = get_version(decision)
    return send_object(get_store(), version_pdf_key(get_store(), version),
                       document_filename(decision, version, "pdf"), "application/pdf")
