"""Decisions in the API: draft a version at a stage, and download what was drafted."""

from __future__ import annotations

from flask import g, jsonify, request

from casework.cases import get_case
from casework.decisions import (
    DOCX_MEDIA_TYPE,
    decision_stage,
    document_filename,
    draft_decision,
    get_decision,
    get_version,
    letter_filename,
    letter_key,
    version_pdf_key,
)
from web.api import bp
from web.api.payload import json_body, text
from web.api.responses import decision_json
from web.downloads import send_object
from web.runtime import get_db, get_store, today


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
