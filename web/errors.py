"""HTTP status for each domain error, the error pages people see, and the API's errors.

Every API error has one shape, `{"error": {"code": "...", "message": "..."}}`, whether the
domain refused the request, its body did not fit the schema, or the server said no.
"""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge, ServiceUnavailable
from werkzeug.exceptions import NotFound as PageNotFound

from casework.errors import DomainError, NotFound
from storage.objects import ObjectNotFound, StorageUnavailable
from web.access import record_refusal

log = logging.getLogger(__name__)

STATUS_BY_CODE = {
    "not_found": 404,
    "validation_failed": 422,
    "unsupported_media_type": 415,
    "too_large": 413,
    "forbidden": 403,
    # Not from the record's present state: a decision not yet approved, a stage frozen.
    "conflict": 409,
    # LibreOffice is missing: the service, not the request, is at fault.
    "conversion_unavailable": 503,
    # LibreOffice failed on this document, try after try: asking again will not change that.
    "conversion_failed": 422,
    # The anonymised document still identifies someone: publication is blocked.
    "leak_found": 409,
    # Publication waits for the investigator to approve the anonymisation map.
    "not_approved": 409,
    "not_publishable": 409,
    # S3 did not answer: nothing is wrong with the request, and the same one may work soon.
    "storage_unavailable": 503,
}


def http_status(error: DomainError) -> int:
    return STATUS_BY_CODE.get(error.code, 400)


def error_response(status: int, code: str, message: str):
    return jsonify({"error": {"code": code, "message": message}}), status


def init_app(app: Flask) -> None:
    @app.errorhandler(NotFound)
    def record_not_found(error: NotFound):
        # A page naming a record that does not exist, or not in this case. (The API answers
        # its own NotFound in JSON: a blueprint's handler comes first.)
        return http_error(PageNotFound(error.message))

    @app.errorhandler(ObjectNotFound)
    def object_not_found(_error: ObjectNotFound):
        # A row whose bytes are not in storage: a letter from before letters were kept, or an
        # object store that lost something. Said plainly, not a server error.
        return http_error(PageNotFound("The file is not in storage."))

    @app.errorhandler(StorageUnavailable)
    def storage_unavailable(error: StorageUnavailable):
        # Uploads store their bytes before their rows and commit last, so a request that
        # met a silent store saved nothing (a page that only reads had nothing to save).
        log.warning("the object store is not answering: %s", error)
        message = _storage_unavailable_message(request.method)
        if request.path.startswith("/api/"):
            return error_response(503, "storage_unavailable", message)
        return http_error(ServiceUnavailable(message))

    @app.errorhandler(CSRFError)
    def csrf_refused(error: CSRFError):
        # A form replayed without its token, or from another site: refused, and on record.
        record_refusal("csrf")
        return http_error(error)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if isinstance(error, RequestEntityTooLarge):
            limit = app.extensions["casework.settings"].max_upload_mb
            error.description = f"The upload is larger than the {limit} MB limit."
        if request.path.startswith("/api/"):
            messages = (getattr(error, "data", None) or {}).get("messages")
            if messages:
                # The request did not fit its schema: say what, as the domain would.
                return error_response(error.code, "validation_failed",
                                      first_problem(messages))
            return error_response(error.code, _api_code(error), error.description)
        return render_template("error.html", error=error), error.code


def _storage_unavailable_message(method: str) -> str:
    """What people are told when the object store does not answer their request."""
    if method in {"GET", "HEAD"}:
        return "The evidence store is not answering; try again shortly."
    return "The evidence store is not answering; nothing was saved; try again shortly."


def first_problem(messages: dict) -> str:
    """The first thing wrong with a request, from the schema's messages: "title must be a
    string", "citations.0.page is required", or the body itself."""
    # webargs files the messages under where they were read: the body, the query, the files.
    path, problem = _first(next(iter(messages.values())))
    if path and path[-1] == "_schema":
        path = path[:-1]
    if not path:
        return "the request body must be a JSON object" if problem == "must be an object" \
            else problem
    # List positions as a reader writes them: people[0].label.
    written = "".join(f"[{part}]" if part.isdigit() else f".{part}" for part in path)
    return f"{written.lstrip('.')} {problem}"


def _first(messages) -> tuple[list[str], str]:
    if isinstance(messages, dict):
        key, inner = next(iter(messages.items()))
        path, problem = _first(inner)
        return [str(key), *path], problem
    if isinstance(messages, list) and messages and not isinstance(messages[0], str):
        return _first(messages[0])
    return [], messages[0] if isinstance(messages, list) else str(messages)


def _api_code(error: HTTPException) -> str:
    # The same codes as the domain's errors, so a client handles each case once.
    for code, status in STATUS_BY_CODE.items():
        if status == error.code:
            return code
    return (error.name or "error").lower().replace(" ", "_")
