"""Recording what each side said about the provisional decision, typed or as a file."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for

from casework.cases import get_case
from casework.decisions import record_comment
from casework.errors import DomainError
from casework.evidence import Upload, to_process
from casework.permissions import DRAFTERS
from web.access import note_refusal
from web.auth import current_actor, roles_required
from web.forms import CommentsForm
from web.runtime import commit, get_db, get_settings, get_store, send_committed_evidence

bp = Blueprint("comments", __name__)


@bp.post("/cases/<int:case_id>/comments")
@roles_required(DRAFTERS)
def record(case_id: int):
    case = get_case(get_db(), case_id)
    form = CommentsForm()
    back = redirect(url_for("workspace.decision", case_id=case.id, _anchor="comments"))
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(errors[0], "error")
        return back
    sent = request.files.get("file")
    try:
        comment = record_comment(
            get_db(), get_store(), case, current_actor(), form.sender.data,
            text=form.text.data,
            upload=Upload(sent.filename, sent.stream) if sent and sent.filename else None,
            max_bytes=get_settings().max_upload_bytes)
    except DomainError as error:
        note_refusal(error)
        flash(error.message, "error")
        return back
    commit()
    send_committed_evidence(to_process([comment.evidence] if comment.evidence else []))
    flash(f"Comments from the {comment.sender.label.lower()} recorded.", "success")
    return back
