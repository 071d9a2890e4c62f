"""Both sides' comments on the provisional decision, in the API: typed (JSON) or a file
(multipart), and the list."""

from __future__ import annotations

from flask import g, request
from marshmallow import ValidationError as MarshmallowError

from casework.cases import get_case
from casework.decisions import list_comments, record_comment
from casework.errors import ValidationFailed
from casework.evidence import Upload, to_process
from web.api import bp, schemas
from web.api.refusals import refusals
from web.errors import first_problem
from web.runtime import commit, get_db, get_settings, get_store, send_committed_evidence


@bp.post("/cases/<int:case_id>/comments")
@bp.doc(requestBody={"required": True, "content": {
    "application/json": {"schema": schemas.CommentIn},
    "multipart/form-data": {"schema": schemas.CommentUpload}}})
@bp.response(201, schemas.Comment)
@refusals(401, 403, 404, 409, 413, 415, 422)
def comments_create(case_id: int):
    """Record one side's comments on the provisional decision: JSON `{"from", "text"}`, or a
    multipart `file` with a `from` field, which is processed as evidence"""
    db = get_db()
    case = get_case(db, case_id)
    if request.mimetype == "multipart/form-data":
        sent = request.files.get("file")
        if sent is None:
            raise ValidationFailed("file is required: the file the side sent", field="file")
        sender, text = request.form.get("from", ""), None
        upload = Upload(sent.filename or "comments", sent.stream)
    else:
        try:
            body = schemas.CommentIn().load(request.get_json(force=True, silent=True) or {})
        except MarshmallowError as error:
            raise ValidationFailed(first_problem({"json": error.messages})) from None
        sender, text, upload = body["sender"], body["text"], None
    comment = record_comment(db, get_store(), case, g.api_user, sender, text=text,
                             upload=upload, max_bytes=get_settings().max_upload_bytes)
    commit()
    send_committed_evidence(to_process([comment.evidence] if comment.evidence else []))
    return comment


@bp.get("/cases/<int:case_id>/comments")
@bp.response(200, schemas.Comments)
@refusals(401, 403, 404)
def comments_index(case_id: int):
    """The comments recorded on the case, oldest first"""
    db = get_db()
    return {"items": list_comments(db, get_case(db, case_id))}
