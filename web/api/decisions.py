"""Decisions in the API: draft a version at a stage, send it through review, issue it, and
download what was drafted."""

from __future__ import annotations

from flask import Response, g, jsonify, url_for

from casework.cases import get_case
from casework.decisions import (
    DOCX_MEDIA_TYPE,
    PDF_MEDIA_TYPE,
    SectionComment,
    document_filename,
    draft_decision,
    get_decision,
    get_letter,
    get_version,
    letter_filename,
    submit_decision,
)
from casework.decisions import approve_decision as approve
from casework.decisions import request_changes as send_back
from storage.models import Decision, DecisionVersion
from vocabulary import DecisionStage, PdfStatus, Recipient, Section
from web.api import bp, schemas
from web.api.refusals import refusals
from web.decision_pdfs import (
    ASK_AGAIN_AFTER_S,
    PDF_BEING_MADE,
    PDF_QUEUE_DOWN,
    ask_for_new_version_pdf,
    wanted_pdf,
)
from web.downloads import send_object
from web.issuing import issue_and_deliver
from web.runtime import commit, get_db, get_store, today


@bp.post("/cases/<int:case_id>/decisions")
@bp.arguments(schemas.NewDecision, required=False)
@bp.response(201, schemas.Decision)
@refusals(401, 403, 404, 409)
def create_decision(body, case_id: int):
    """Draft the decision at a stage: a new version of that stage's draft"""
    db = get_db()
    stage = body.get("stage") or DecisionStage.PROVISIONAL  # null asks for the default too
    version = draft_decision(db, get_store(), get_case(db, case_id), g.api_user, today(), stage,
                             early_reason=body.get("reason"))
    commit()
    # A queue that does not answer now is asked again by the first download of the PDF.
    ask_for_new_version_pdf(version)
    return version.decision


@bp.post("/decisions/<int:decision_id>/submit")
@bp.response(200, schemas.Decision)
@refusals(401, 403, 404, 409)
def submit_for_review(decision_id: int):
    """Send the latest version to review"""
    decision = get_decision(get_db(), decision_id)
    submit_decision(get_db(), decision, g.api_user)
    commit()
    return decision


@bp.post("/decisions/<int:decision_id>/approve")
@bp.arguments(schemas.ReviewIn, required=False)
@bp.response(200, schemas.Decision)
@refusals(401, 403, 404, 409)
def approve_decision(body, decision_id: int):
    """Approve the version under review (a reviewer who did not draft it)"""
    decision = get_decision(get_db(), decision_id)
    approve(get_db(), decision, g.api_user, _comments(body), seen=body.get("version"))
    commit()
    return decision


@bp.post("/decisions/<int:decision_id>/request-changes")
@bp.arguments(schemas.ReviewIn)
@bp.response(200, schemas.Decision)
@refusals(401, 403, 404, 409, 422)
def request_changes(body, decision_id: int):
    """Send the version under review back, with comments"""
    decision = get_decision(get_db(), decision_id)
    send_back(get_db(), decision, g.api_user, _comments(body), seen=body.get("version"))
    commit()
    return decision


def _comments(body: dict) -> list[SectionComment]:
    comments = [SectionComment(Section(key), text)
                for key, text in (body.get("sections") or {}).items()]
    return [*comments, SectionComment(Section.GENERAL, body.get("comment") or "")]


@bp.post("/decisions/<int:decision_id>/issue")
@bp.response(200, schemas.Decision)
@refusals(401, 403, 404, 409)
def issue_decision(decision_id: int):
    """Issue the approved version: its letters are delivered"""
    decision = get_decision(get_db(), decision_id)
    issue_and_deliver(decision, g.api_user)
    return decision


@bp.get("/decisions/<int:decision_id>/letters")
@bp.response(200, schemas.Letters)
@refusals(401, 403, 404)
def decision_letters(decision_id: int):
    """The letters of the issued version (before issue, of the latest), with their delivery"""
    decision = get_decision(get_db(), decision_id)
    if not decision.versions:
        return {"items": []}
    version = get_version(decision)
    return {"items": [_letter(decision, version, letter) for letter in version.letters]}


def _letter(decision, version, letter) -> dict:
    delivered = [d.delivered_at for d in letter.deliveries if d.delivered_at is not None]
    return {"id": letter.id, "recipient": letter.recipient, "version": version.version,
            "filename": letter_filename(decision, version, letter.recipient.value),
            "channel": letter.deliveries[0].channel if letter.deliveries else None,
            "delivered_at": max(delivered) if delivered else None,
            "deliveries": letter.deliveries}


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


RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before asking again",
                               "schema": {"type": "integer"}, "required": True}}


@bp.get("/decisions/<int:decision_id>/document.pdf")
@bp.response(200, schemas.BINARY, content_type=PDF_MEDIA_TYPE, description="A PDF")
@bp.alt_response(202, schema=schemas.PdfPending, success=True, headers=RETRY_AFTER,
                 description="Not made yet: a worker is making it")
@refusals(401, 403, 404, 422, 503)
def decision_pdf(decision_id: int):
    """The latest version of the decision as PDF, made by a worker where LibreOffice is
    installed

    Until the PDF is made the answer is 202, with `Retry-After`; each such call asks a worker
    for it again (which does nothing when it is on its way). 422 `conversion_failed` when
    LibreOffice could not convert the document; 503 `conversion_unavailable` where
    LibreOffice is not installed. The Word document is there from the start.
    """
    decision = get_decision(get_db(), decision_id)
    version = get_version(decision)
    answer = wanted_pdf(version)
    if answer.pdf.refusal is not None:
        raise answer.pdf.refusal
    if answer.pdf.status is PdfStatus.READY:
        return send_object(get_store(), answer.pdf.key,
                           document_filename(decision, version, "pdf"), PDF_MEDIA_TYPE)
    return _pdf_pending(decision, version, queued=answer.queued)


def _pdf_pending(decision: Decision, version: DecisionVersion, *, queued: bool) -> Response:
    message = PDF_BEING_MADE if queued else PDF_QUEUE_DOWN
    response = jsonify(schemas.PdfPending().dump({
        "status": PdfStatus.MAKING.value, "version": version.version, "message": message,
        "queued": queued, "retry_after": ASK_AGAIN_AFTER_S,
        "word_document": url_for("api.decision_document", decision_id=decision.id)}))
    response.status_code = 202
    response.headers["Retry-After"] = str(ASK_AGAIN_AFTER_S)
    return response
