"""Evidence in the API: upload, status, page text, the original bytes, retries and type
corrections."""

from __future__ import annotations

from flask import g, jsonify, request

from casework.cases import get_case
from casework.evidence import (
    Upload,
    add_evidence,
    correct_doc_type,
    get_evidence,
    list_evidence,
    record_access,
    retry_evidence,
)
from web.api import bp
from web.api.payload import json_body, text
from web.api.responses import evidence_json
from web.downloads import send_object
from web.runtime import enqueue_evidence, get_db, get_settings, get_store


@bp.post("/cases/<int:case_id>/evidence")
def evidence_upload(case_id: int):
    db = get_db()
    case = get_case(db, case_id)
    uploads = [Upload(f.filename or "unnamed", f.stream) for f in request.files.getlist("file")]
    items = add_evidence(db, get_store(), case, g.api_user, uploads, enqueue_evidence,
                         get_settings().max_upload_bytes)
    return jsonify({"items": [
        {"id": e.id, "filename": e.filename, "sha256": e.sha256, "status": e.status.value}
        for e in items
    ]}), 202


@bp.get("/cases/<int:case_id>/evidence")
def evidence_index(case_id: int):
    db = get_db()
    return jsonify({"items": [evidence_json(e) for e in list_evidence(db, get_case(db, case_id))]})


@bp.get("/evidence/<int:evidence_id>")
def evidence_show(evidence_id: int):
    return jsonify(evidence_json(get_evidence(get_db(), evidence_id)))


@bp.get("/evidence/<int:evidence_id>/pages")
def evidence_pages(evidence_id: int):
    db = get_db()
    evidence = get_evidence(db, evidence_id)
    record_access(db, g.api_user, evidence, "viewed")
    return jsonify({"items": [{"number": p.number, "text": p.text} for p in evidence.pages]})


@bp.get("/evidence/<int:evidence_id>/original")
def evidence_original(evidence_id: int):
    db = get_db()
    evidence = get_evidence(db, evidence_id)
    record_access(db, g.api_user, evidence, "downloaded")
    return send_object(get_store(), evidence.object_key, evidence.filename, evidence.media_type)


@bp.patch("/evidence/<int:evidence_id>")
def evidence_update(evidence_id: int):
    db = get_db()
    evidence = get_evidence(db, evidence_id)
    correct_doc_type(db, evidence, g.api_user, text(json_body(), "doc_type"))
    return jsonify(evidence_json(evidence))


@bp.post("/evidence/<int:evidence_id>/retry")
def evidence_retry(evidence_id: int):
    db = get_db()
    evidence = get_evidence(db, evidence_id)
    retry_evidence(db, evidence, g.api_user, enqueue_evidence)
    return jsonify(evidence_json(evidence)), 202
