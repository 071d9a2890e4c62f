"""Recommendations and decisions in the API."""

from __future__ import annotations

from flask import g, jsonify, request

from casework.cases import get_case
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
from casework.recommendations import (
    KIND_DETAILS,
    RecommendationInput,
    add_recommendation,
    change_recommendation,
    get_recommendation,
    remove_recommendation,
)
from web.api import bp
from web.api.payload import integer, iso_date, json_body, text
from web.api.responses import decision_json, recommendation_json
from web.downloads import send_object
from web.runtime import get_db, get_settings, get_store, today


@bp.post("/cases/<int:case_id>/recommendations")
def create_recommendation(case_id: int):
    db = get_db()
    case = get_case(db, case_id)
    recommendation = add_recommendation(db, case, g.api_user, _recommendation_input(json_body()),
                                        today(), get_settings().remedy_scale)
    return jsonify(recommendation_json(recommendation)), 201


@bp.patch("/cases/<int:case_id>/recommendations/<int:recommendation_id>")
def update_recommendation(case_id: int, recommendation_id: int):
    """Change the fields given; the others keep their value (a past due date must change)."""
    db = get_db()
    recommendation = get_recommendation(db, get_case(db, case_id), recommendation_id)
    changes = json_body()
    if "due_date" in changes and changes["due_date"] is None:
        raise ValidationFailed("due_date cannot be emptied; give the new date", field="due_date")
    current = recommendation_json(recommendation)
    if changes.get("kind", current["kind"]) != current["kind"]:
        # Another kind of remedy: what belonged to the old kind goes unless given again.
        current = {key: value for key, value in current.items() if key not in KIND_DETAILS}
    body = current | changes
    change_recommendation(db, recommendation, g.api_user, _recommendation_input(body), today(),
                          get_settings().remedy_scale)
    return jsonify(recommendation_json(recommendation))


def _recommendation_input(body: dict) -> RecommendationInput:
    return RecommendationInput(
        kind=text(body, "kind"),
        text=text(body, "text"),
        finding_id=integer(body, "finding_id"),
        due_date=iso_date(body, "due_date"),
        amount_pence=integer(body, "amount_pence", required=False, largest=None),
        from_whom=text(body, "from_whom", required=False),
        basis=text(body, "basis", required=False) or None,
        severity_level=integer(body, "severity_level", required=False),
        justification=text(body, "justification", required=False),
        compliance_evidence=text(body, "compliance_evidence", required=False),
    )


@bp.delete("/cases/<int:case_id>/recommendations/<int:recommendation_id>")
def delete_recommendation(case_id: int, recommendation_id: int):
    db = get_db()
    remove_recommendation(db, get_case(db, case_id), g.api_user, recommendation_id)
    return "", 204


@bp.post("/cases/<int:case_id>/decisions")
def create_decision(case_id: int):
    db = get_db()
    # The body is optional (a provisional decision); when there is one it must be an object.
    body = json_body() if request.get_data() else {}
    stage = decision_stage(text(body, "stage", required=False))
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
