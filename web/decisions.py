"""Decisions on the pages: draft a version, send it to review, review it with the changes
shown, issue it; and download what was drafted, the PDF once a worker has made it."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from casework.cases import get_case
from casework.decisions import (
    DOCX_MEDIA_TYPE,
    PDF_MEDIA_TYPE,
    approve_decision,
    decision_stage,
    document_filename,
    draft_decision,
    forget_pdf_failure,
    get_decision,
    get_letter,
    get_version,
    letter_filename,
    request_changes,
    submit_decision,
    version_changes,
    version_pdf,
)
from casework.errors import DomainError
from casework.permissions import DRAFTERS, STAFF
from vocabulary import Channel, PdfStatus
from web.access import note_refusal
from web.auth import current_actor, roles_required
from web.decision_pdfs import PDF_QUEUE_DOWN, ask_for_new_version_pdf, wanted_pdf
from web.downloads import send_object
from web.errors import http_status
from web.forms import ReviewForm
from web.issuing import issue_and_deliver
from web.runtime import commit, get_db, get_store, today

bp = Blueprint("decisions", __name__)


def _back_to(decision_or_case_id: int):
    return redirect(url_for("workspace.decision", case_id=decision_or_case_id, _anchor="decision"))


@bp.post("/cases/<int:case_id>/decisions")
@roles_required(DRAFTERS)
def generate(case_id: int):
    case = get_case(get_db(), case_id)
    try:
        stage = decision_stage(request.form.get("stage", ""))
        version = draft_decision(get_db(), get_store(), case, current_actor(), today(), stage,
                                 early_reason=request.form.get("reason"))
    except DomainError as error:
        note_refusal(error)
        flash(error.message, "error")
    else:
        commit()
        # Once committed, so the worker finds the version it is asked for.
        note = ask_for_new_version_pdf(version)
        flash(" ".join(filter(None, [f"{stage.label}, version {version.version}, generated.",
                                     note])), "success")
    return _back_to(case.id)


@bp.post("/decisions/<int:decision_id>/submit")
@roles_required(DRAFTERS)
def submit(decision_id: int):
    decision = get_decision(get_db(), decision_id)
    try:
        version = submit_decision(get_db(), decision, current_actor())
    except DomainError as error:
        note_refusal(error)
        flash(error.message, "error")
    else:
        commit()
        flash(f"{decision.stage.label}, version {version.version}, sent for review.", "success")
    return _back_to(decision.case_id)


@bp.route("/decisions/<int:decision_id>/review", methods=["GET", "POST"])
@roles_required(STAFF)
def review(decision_id: int):
    """The latest version beside what changed since the one before, section by section."""
    decision = get_decision(get_db(), decision_id)
    form = ReviewForm()
    status = 200
    if form.validate_on_submit():
        act = approve_decision if request.form.get("action") == "approve" else request_changes
        try:
            version = act(get_db(), decision, current_actor(), form.comments(),
                          seen=form.version.data)
        except DomainError as error:
            note_refusal(error)
            form.general.errors.append(error.message)
            status = http_status(error)
        else:
            commit()
            done = "approved" if act is approve_decision else "sent back with your comments"
            flash(f"{decision.stage.label}, version {version.version}, {done}.", "success")
            return _back_to(decision.case_id)
    elif form.errors:
        status = 400
    return render_template("decisions/review.html", **_review_page(decision), form=form), status


def _review_page(decision) -> dict:
    latest = get_version(decision)
    previous = decision.versions[-2] if len(decision.versions) > 1 else None
    comparable = latest.context is not None and (previous is None or previous.context)
    return {
        "decision": decision, "version": latest, "previous": previous,
        "changes": version_changes(previous.context if previous else None, latest.context)
        if comparable else None,
        "earlier_comments": [c for v in decision.versions[:-1] for c in v.comments],
    }


@bp.post("/decisions/<int:decision_id>/issue")
@roles_required(DRAFTERS)
def issue(decision_id: int):
    decision = get_decision(get_db(), decision_id)
    try:
        deliveries = issue_and_deliver(decision, current_actor())
    except DomainError as error:
        note_refusal(error)
        flash(error.message, "error")
    else:
        emails = sum(d.channel is Channel.EMAIL for d in deliveries)
        posts = len(deliveries) - emails
        flash(f"{decision.stage.label} issued: {emails} by email, {posts} to post from the "
              "outbox.", "success")
    return _back_to(decision.case_id)


@bp.get("/decisions/<int:decision_id>/document.docx")
@bp.get("/decisions/<int:decision_id>/versions/<int:version>/document.docx",
        endpoint="version_document")
@roles_required(STAFF)
def document(decision_id: int, version: int | None = None):
    decision, version = load_version(decision_id, version)
    return send_object(get_store(), version.object_key,
                       document_filename(decision, version), DOCX_MEDIA_TYPE)


@bp.get("/decisions/<int:decision_id>/versions/<int:version>/document.pdf",
        endpoint="version_pdf")
@roles_required(STAFF)
def version_pdf_document(decision_id: int, version: int):
    """The PDF when a worker has made it; else a page that says it is being made (asking a
    worker for it again) and follows it until it is ready, or says why it cannot be."""
    decision, version = load_version(decision_id, version)
    answer = wanted_pdf(version)
    pdf = answer.pdf
    if pdf.status is PdfStatus.READY:
        return send_object(get_store(), pdf.key, document_filename(decision, version, "pdf"),
                           PDF_MEDIA_TYPE)
    page = render_template("decisions/pdf.html", decision=decision, version=version, pdf=pdf,
                           queue_down=PDF_QUEUE_DOWN if answer.queued is False else None)
    return page, 202 if pdf.status is PdfStatus.MAKING else http_status(pdf.refusal)


@bp.get("/decisions/<int:decision_id>/versions/<int:version>/pdf-status")
@roles_required(STAFF)
def version_pdf_status(decision_id: int, version: int):
    """The PDF page's status panel alone, polled by htmx while the PDF is made."""
    decision, version = load_version(decision_id, version)
    return render_template("decisions/_pdf_status.html", decision=decision, version=version,
                           pdf=version_pdf(get_store(), version), queue_down=None)


@bp.post("/decisions/<int:decision_id>/versions/<int:version>/pdf-retry")
@roles_required(DRAFTERS)
def retry_version_pdf(decision_id: int, version: int):
    """Try a PDF that could not be made once more: the download asks a worker for it."""
    decision, version = load_version(decision_id, version)
    forget_pdf_failure(get_store(), version)
    return redirect(url_for("decisions.version_pdf", decision_id=decision.id,
                            version=version.version))


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
