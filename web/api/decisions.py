"""Decisions in the API: draft a version at a stage, and download what was drafted."""

from __future__ import annotations

from flask import g

from casework.cases import get_case
from casework.decisions import (
    DOCX_MEDIA_TYPE,
    document_filename,
    draft_decision,
    get_decision,
    get_letter,
    get_version,
    letter_filename,
    version_pdf_key,
)
from vocabulary import DecisionStage, Recipient
from web.api import bp, schemas
from web.api.refusals import refusals
from web.downloads import send_object
from web.runtime import commit, get_db, get_store, today


@bp.post("/cases/<int:case_id>/decisions")
@bp.arguments(schemas.NewDecision, required=False)
@bp.response(201, schemas.Decision)
@refusals(401, 403, 404)
def create_decision(body, case_id: int):
    """Draft the decision at a stage: a new version of that stage's draft"""
    db = get_db()
    stage = body.get("stage") or DecisionStage.PROVISIONAL  # null asks for the default too
    version = draft_decision(db, get_store(), get_case(db, case_id), g.api_user, today(), stage)
    commit()
    return version.decision


@bp.get("/decisions/<int:decision_id>")
@bp.response(200, schemas.Decision)
@refusals(401, 403, 404)
def show_decision(decision_id: int):
    """One decision"""
    return get_decision(get_db(), decision_id)


@bp.get("/decisions/<int:decision_id>/document.docx")
@bp.response(200, schemas.BINARY, content_type=DOCX_MEDIA_TYPE, description="A Word document")
@refusals(401, 403, 404)
def decision_document(decision_id: int):
    """The latest version of the decision as Word"""
    decision = get_decision(get_db(), decision_id)
    version = get_version(decision)
    return send_object(get_store(), version.object_key,
                       document_filename(decision, version), DOCX_MEDIA_TYPE)


@bp.get("/decisions/<int:decision_id>/letters/<recipient>.docx", parameters=[
    {"in": "path", "name": "recipient", "schema": {"type": "string",
                                                   "enum": Recipient.values()}}])
@bp.response(200, schemas.BINARY, content_type=DOCX_MEDIA_TYPE, description="A Word document")
@refusals(401, 403, 404)
def decision_letter(decision_id: int, recipient: str):
    """The latest version's letter to the complainant or the organisation"""
    decision = get_decision(get_db(), decision_id)
    version = get_version(decision)
    return send_object(get_store(), get_letter(version, recipient).object_key,
                       letter_filename(decision, version, recipient), DOCX_MEDIA_TYPE)


@bp.get("/decisions/<int:decision_id>/document.pdf")
@bp.response(200, schemas.BINARY, content_type="application/pdf", description="A PDF")
@refusals(401, 403, 404, 503)
def decision_pdf(decision_id: int):
    """The latest version of the decision as PDF, where LibreOffice is installed"""
    decision = get_decision(get_db(), decision_id)
    version = get_version(decision)
    return send_object(get_store(), version_pdf_key(get_store(), version),
                       document_filename(decision, version, "pdf"), "application/pdf")
