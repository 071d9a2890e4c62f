"""Evidence pages: the extracted text page by page, live status, and the original."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from casework.audit import record_event
from casework.errors import NotFound
from casework.evidence import get_evidence
from web.auth import STAFF, current_actor, roles_required
from web.downloads import send_object
from web.requests import get_db, get_store

bp = Blueprint("evidence", __name__, url_prefix="/evidence")


def load_evidence(evidence_id: int):
    try:
        return get_evidence(get_db(), evidence_id)
    except NotFound:
        abort(404)


@bp.get("/<int:evidence_id>")
@roles_required(STAFF)
def show(evidence_id: int):
    evidence = load_evidence(evidence_id)
    db = get_db()
    # Evidence holds health data: every look at it is on the record.
    record_event(db, current_actor(), "evidence.viewed", evidence, case_id=evidence.case_id)
    db.commit()
    return render_template("evidence/show.html", evidence=evidence, case=evidence.case)


@bp.get("/<int:evidence_id>/status")
@roles_required(STAFF)
def status(evidence_id: int):
    """The status panel alone, polled by htmx until processing ends."""
    return render_template("evidence/_status.html", evidence=load_evidence(evidence_id))


@bp.get("/<int:evidence_id>/original")
@roles_required(STAFF)
def original(evidence_id: int):
    evidence = load_evidence(evidence_id)
    db = get_db()
    record_event(db, current_actor(), "evidence.downloaded", evidence, case_id=evidence.case_id)
    db.commit()
    return send_object(get_store(), evidence.object_key, evidence.filename, evidence.media_type)
