"""Decisions on the pages: draft a version, send it to review, review it with the changes
shown, issue it; and download what was drafted."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from casework.cases import get_case
from casework.decisions import (
    DOCX_MEDIA_TYPE,
    ConversionUnavailable,
    approve_decision,
    decision_stage,
    document_filename,
    draft_decision,
    get_decision,
    get_letter,
    get_version,
    letter_filename,
    request_changes,
    submit_decision,
    version_changes,
    version_pdf_key,
)
from casework.errors import DomainError
from casework.permissions import DRAFTERS, STAFF
from vocabulary import Channel
from web.access import note_refusal
from web.auth import current_actor, roles_required
from web.downloads import send_object
from web.errors import http_status
from web.forms import ReviewForm
from web.issuing import issue_and_deliver
from web.runtime import commit, get_db, get_store, today

bp = Blueprint("decisions", __name__)


def _back_to(decision_or_case_id: int):
    return redirect(url_for("cases.show", case_id=decision_or_case_id, _anchor="decision"))


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
        flash(f"{stage.label}, version {version.version}, generated.", "success")
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


@bp.get("/decisions/<int:decision_id>/versions/<int:version>/document.pdf")
@roles_required(STAFF)
def version_pdf(decision_id: int, version: int):
    decision, version = load_version(decision_id, version)
    try:
        key = version_pdf_key(get_store(), version)
    except ConversionUnavailable as error:
        flash(error.message, "error")
        return _back_to(decision.case_id)
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
