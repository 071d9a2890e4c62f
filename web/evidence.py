"""Evidence pages: the extracted text page by page, live status, and the original."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from casework.errors import NotFound
from casework.evidence import get_evidence, record_access
from web.auth import STAFF, current_actor, roles_required
from web.downloads import send_object
from web.runtime import get_db, get_store

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
    record_access(get_db(), current_actor(), evidence, "viewed")
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
    record_access(get_db(), current_actor(), evidence, "downloaded")
    return send_object(get_store(), evidence.object_key, evidence.filename, evidence.media_type)
