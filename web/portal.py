"""The organisation's own pages: its issued decisions and letters, its recommendations and the
evidence it sends, comments on a provisional decision.

Organisation users see no case pages; staff see none of these. The edge's per-case check is
for staff, so every id named here is checked by the domain against the user's organisation
(`casework.compliance`): another organisation's record is not found, and on record.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from casework.compliance import (
    comments_open_until,
    get_issued_decision_for,
    get_recommendation_for,
    organisation_decisions,
    portal_download,
    record_portal_view,
    send_portal_comments,
    submit_compliance,
    visible_recommendations,
)
from casework.decisions import DOCX_MEDIA_TYPE
from casework.errors import DomainError, NotFound
from casework.evidence import Upload, to_process
from storage.models import Evidence
from vocabulary import ComplianceStatus, Role
from web.access import record_refusal
from web.auth import current_actor, roles_required
from web.downloads import send_object
from web.errors import http_status
from web.portal_forms import ComplianceForm, PortalCommentsForm
from web.runtime import commit, get_db, get_settings, get_store, send_committed_evidence, today

bp = Blueprint("portal", __name__, url_prefix="/portal")

ORGANISATIONS = {Role.ORGANISATION}
# The staff's front pages: an organisation's user who asks for them is sent here instead.
STAFF_FRONT_PAGES = {"index", "cases.index"}


@bp.before_app_request
def send_organisations_to_portal():
    """An organisation's user lands on the portal, not on a "Forbidden" staff page."""
    if request.endpoint in STAFF_FRONT_PAGES and current_user.is_authenticated \
            and current_user.role is Role.ORGANISATION:
        return redirect(url_for("portal.index"))
    return None


@bp.get("")
@roles_required(ORGANISATIONS)
def index():
    """The decisions issued to my organisation, and the recommendations made to it."""
    db, user = get_db(), current_actor()
    decisions = organisation_decisions(db, user)
    recommendations = visible_recommendations(db, user)
    record_portal_view(db, user, user.organisation)
    commit()
    return render_template("portal/index.html", organisation=user.organisation,
                           decisions=decisions, recommendations=recommendations,
                           today=today())


@bp.get("/decisions/<int:decision_id>")
@roles_required(ORGANISATIONS)
def decision(decision_id: int):
    found = _issued_decision(decision_id)
    record_portal_view(get_db(), current_actor(), found)
    commit()
    return _decision_page(found, PortalCommentsForm())


@bp.get("/decisions/<int:decision_id>/<any(letter, decision):document>.docx")
@roles_required(ORGANISATIONS)
def download(decision_id: int, document: str):
    found = _issued_decision(decision_id)
    sent = portal_download(get_db(), current_actor(), found, document)
    commit()
    return send_object(get_store(), sent.object_key, sent.filename, DOCX_MEDIA_TYPE)


@bp.post("/decisions/<int:decision_id>/comments")
@roles_required(ORGANISATIONS)
def comments(decision_id: int):
    found = _issued_decision(decision_id)
    form = PortalCommentsForm()
    if not form.validate_on_submit():
        return _decision_page(found, form), 400
    sent = request.files.get("file")
    try:
        comment = send_portal_comments(
            get_db(), get_store(), current_actor(), found, today(), text=form.text.data,
            upload=Upload(sent.filename, sent.stream) if sent and sent.filename else None,
            max_bytes=get_settings().max_upload_bytes)
    except DomainError as error:
        record_refusal(error.code)
        sent_file = sent is not None and bool(sent.filename)
        field = form.file if sent_file and error.field != "text" else form.text
        field.errors.append(error.message)
        return _decision_page(found, form), http_status(error)
    commit()
    send_committed_evidence(to_process([comment.evidence] if comment.evidence else []))
    flash("Your comments have been sent.", "success")
    return redirect(url_for("portal.decision", decision_id=found.id))


@bp.get("/recommendations/<int:recommendation_id>")
@roles_required(ORGANISATIONS)
def recommendation(recommendation_id: int):
    found = _recommendation(recommendation_id)
    record_portal_view(get_db(), current_actor(), found)
    commit()
    return _recommendation_page(found, ComplianceForm())


@bp.post("/recommendations/<int:recommendation_id>/compliance")
@roles_required(ORGANISATIONS)
def compliance(recommendation_id: int):
    found = _recommendation(recommendation_id)
    form = ComplianceForm()
    if not form.validate_on_submit():
        return _recommendation_page(found, form), 400
    files = [f for f in request.files.getlist("files") if f and f.filename]
    db = get_db()
    try:
        entry = submit_compliance(db, get_store(), found, current_actor(),
                                  [Upload(f.filename, f.stream) for f in files],
                                  form.note.data or "", get_settings().max_upload_bytes)
    except DomainError as error:
        # A hostile or oversized file, a recommendation not yet taking evidence: nothing is
        # kept, and the attempt is on record.
        record_refusal(error.code)
        field = form.note if error.field == "note" else form.files
        field.errors.append(error.message)
        return _recommendation_page(found, form), http_status(error)
    commit()
    send_committed_evidence(to_process(db.get(Evidence, i) for i in entry.evidence_ids))
    flash("Your evidence has been sent to the investigator.", "success")
    return redirect(url_for("portal.recommendation", recommendation_id=found.id))


def _issued_decision(decision_id: int):
    try:
        return get_issued_decision_for(get_db(), current_actor(), decision_id)
    except NotFound:
        commit()  # the refusal stays on record although the request fails
        raise


def _recommendation(recommendation_id: int):
    try:
        return get_recommendation_for(get_db(), current_actor(), recommendation_id)
    except NotFound:
        commit()  # as above
        raise


def _decision_page(decision, form: PortalCommentsForm):
    return render_template("portal/decision.html", decision=decision, form=form,
                           comments_until=comments_open_until(get_db(), decision, today()))


def _recommendation_page(recommendation, form: ComplianceForm):
    return render_template("portal/recommendation.html", recommendation=recommendation,
                           form=form, takes_evidence=recommendation.compliance_status
                           is not ComplianceStatus.COMPLIED)
