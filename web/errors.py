"""HTTP status for each domain error, and the error pages people see."""

from __future__ import annotations

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.exceptions import NotFound as PageNotFound

from casework.errors import DomainError, NotFound
from web.api.responses import error_response

STATUS_BY_CODE = {
    "not_found": 404,
    "validation_failed": 422,
    "unsupported_media_type": 415,
    "too_large": 413,
    "forbidden": 403,
    # LibreOffice is missing or could not convert: the service, not the request, is at fault.
    "conversion_unavailable": 503,
    # The anonymised document still identifies someone: publication is blocked.
    "leak_found": 409,
    # Publication waits for the investigator to approve the anonymisation map.
    "not_approved": 409,
    "not_publishable": 409,
}


def http_status(error: DomainError) -> int:
    return STATUS_BY_CODE.get(error.code, 400)


def init_app(app: Flask) -> None:
    @app.errorhandler(NotFound)
    def record_not_found(error: NotFound):
        # A page naming a record that does not exist, or not in this case. (The API answers
        # its own NotFound in JSON: a blueprint's handler comes first.)
        return http_error(PageNotFound(error.message))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if isinstance(error, RequestEntityTooLarge):
            limit = app.extensions["casework.settings"].max_upload_mb
            error.description = f"The upload is larger than the {limit} MB limit."
        if request.path.startswith("/api/"):
            return error_response(error.code, _api_code(error), error.description)
        return render_template("error.html", error=error), error.code


def _api_code(error: HTTPException) -> str:
    # The same codes as the domain's errors, so a client handles each case once.
    for code, status in STATUS_BY_CODE.items():
        if status == error.code:
            return code
    return (error.name or "error").lower().replace(" ", "_")
