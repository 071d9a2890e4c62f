"""Drafting the decision document and downloading its versions."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for

from casework.cases import get_case
from casework.decisions import (
    DOCX_MEDIA_TYPE,
    ConversionUnavailable,
    decision_stage,
    document_filename,
    draft_decision,
    get_decision,
    get_letter,
    get_version,
    letter_filename,
    version_pdf_key,
)
from casework.errors import DomainError
from casework.permissions import DRAFTERS, STAFF
from web.auth import current_actor, roles_required
from web.downloads import send_object
from web.runtime import commit, get_db, get_store, today

bp = Blueprint("decisions", __name__)


@bp.post("/cases/<int:case_id>/decisions")
@roles_required(DRAFTERS)
def generate(case_id: int):
    case = get_case(get_db(), case_id)
    try:
        stage = decision_stage(request.form.get("stage", ""))
        version = draft_decision(get_db(), get_store(), case, current_actor(), today(), stage)
    except DomainError as error:
        flash(error.message, "error")
    else:
        commit()
        flash(f"{stage.label}, version {version.version}, generated.", "success")
    return redirect(url_for("cases.show", case_id=case.id, _anchor="decision"))


@bp.get("/decisions/<int:decision_id>/document.docx")
@bp.get("/decisions/<int:decision_id>/versions/<int:version>/document.docx",
        endpoint="version_document")
@roles_required(STAFF)
def document(decision_id: int, version: int | None = None):
    decision, version = load_version(decision_id, version)
    return send_object(get_store(), version.object_key,
                       document_filename(decision, version), DOCX_MEDIA_TYPE)


@bp.get("/decisions/<int:decision_id>/versions/<int:version>/document.pdf")
@roles_required(STAFF)
def version_pdf(decision_id: int, version: int):
    decision, version = load_version(decision_id, version)
    try:
        key = version_pdf_key(get_store(), version)
    except ConversionUnavailable as error:
        flash(error.message, "error")
        return redirect(url_for("cases.show", case_id=decision.case_id, _anchor="decision"))
    return send_object(get_store(), key, document_filename(decision, version, "pdf"),
                       "application/pdf")


@bp.get("/decisions/<int:decision_id>/versions/<int:version>/letters/<recipient>.docx")
@roles_required(STAFF)
def version_letter(decision_id: int, version: int, recipient: str):
    decision, version = load_version(decision_id, version)
    key = get_letter(version, recipient).object_key
    return send_object(get_store(), key, letter_filename(decision, version, recipient),
                       DOCX_MEDIA_TYPE)


def load_version(decision_id: int, number: int | None):
    decision = get_decision(get_db(), decision_id)
    return decision, get_version(decision, number)
