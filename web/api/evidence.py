"""Evidence in the API: upload, status, page text, the original bytes, retries and type
corrections."""

from __future__ import annotations

from flask import g

from casework.cases import get_case
from casework.evidence import (
    EvidenceQuery,
    Upload,
    add_evidence,
    correct_doc_type,
    get_evidence,
    list_case_evidence,
    record_access,
    retry_evidence,
    to_process,
)
from web.api import bp, schemas
from web.api.refusals import refusals
from web.downloads import send_object
from web.paging import page_answer
from web.runtime import commit, get_db, get_settings, get_store, send_committed_evidence


@bp.post("/cases/<int:case_id>/evidence")
@bp.arguments(schemas.Upload, location="files")
@bp.response(202, schemas.UploadedItems)
@refusals(401, 403, 404, 413, 415, 422, 503)
def evidence_upload(files, case_id: int):
    """Upload evidence files (field `file`, repeatable); each is processed in the background.

    Saved files are answered 202 even while the queue is down: they stay `queued` and are
    processed once it is back. 503 when the object store does not answer: nothing is saved.
    """
    db = get_db()
    case = get_case(db, case_id)
    uploads = [Upload(f.filename or "unnamed", f.stream) for f in files.get("file", [])]
    items = add_evidence(db, get_store(), case, g.api_user, uploads,
                         get_settings().max_upload_bytes)
    commit()
    return {"items": items, "note": send_committed_evidence(to_process(items))}


@bp.get("/cases/<int:case_id>/evidence")
@bp.arguments(schemas.EvidenceFilter, location="query")
@bp.response(200, schemas.EvidenceItems)
@refusals(401, 403, 404, 422)
def evidence_index(args, case_id: int):
    """The case's evidence, a page at a time, filtered and sorted as asked.

    `next` is the address of the next page with the same filters, null on the last.
    """
    db = get_db()
    listed = list_case_evidence(db, get_case(db, case_id), EvidenceQuery(**args))
    return page_answer(listed, [row.evidence for row in listed.items])


@bp.get("/evidence/<int:evidence_id>")
@bp.response(200, schemas.Evidence)
@refusals(401, 403, 404)
def evidence_show(evidence_id: int):
    """One evidence file and its processing status"""
    return get_evidence(get_db(), evidence_id)


@bp.get("/evidence/<int:evidence_id>/pages")
@bp.response(200, schemas.Pages)
@refusals(401, 403, 404)
def evidence_pages(evidence_id: int):
    """Extracted text, page by page"""
    db = get_db()
    evidence = get_evidence(db, evidence_id)
    record_access(db, g.api_user, evidence, "viewed")
    commit()
    return {"items": evidence.pages}


@bp.get("/evidence/<int:evidence_id>/original")
@bp.response(200, schemas.BINARY, content_type="*/*",
             description="The bytes as uploaded, as an attachment")
@refusals(401, 403, 404)
def evidence_original(evidence_id: int):
    """The original file as uploaded"""
    db = get_db()
    evidence = get_evidence(db, evidence_id)
    record_access(db, g.api_user, evidence, "downloaded")
    commit()
    return send_object(get_store(), evidence.object_key, evidence.filename, evidence.media_type)


@bp.patch("/evidence/<int:evidence_id>")
@bp.arguments(schemas.TypeCorrection)
@bp.response(200, schemas.Evidence)
@refusals(401, 403, 404)
def evidence_update(body, evidence_id: int):
    """Correct the document type"""
    db = get_db()
    evidence = get_evidence(db, evidence_id)
    correct_doc_type(db, evidence, g.api_user, body["doc_type"])
    commit()
    return evidence


@bp.post("/evidence/<int:evidence_id>/retry")
@bp.response(202, schemas.Evidence)
@refusals(401, 403, 404, 422)
def evidence_retry(evidence_id: int):
    """Queue failed evidence for processing again (once the queue is back, if it is down)"""
    db = get_db()
    evidence = get_evidence(db, evidence_id)
    retry_evidence(db, evidence, g.api_user)
    commit()
    send_committed_evidence([evidence.id])
    return evidence
