"""The JSON API under /api/v1: bearer tokens, JSON errors, an OpenAPI document generated from
the schemas in `web/api/schemas/`.

Each handler is one unit of work: the domain flushes what it changes, the handler commits.
"""

from __future__ import annotations

from flask import g, request
from flask_smorest import Blueprint
from webargs import core
from webargs.flaskparser import FlaskParser, abort

from casework.errors import DomainError
from casework.permissions import can_administer, can_draft, can_read_cases, can_review
from casework.users import InvalidToken, authenticate_token
from vocabulary import Role
from web.access import check_named_records, record_refusal
from web.errors import error_response, http_status
from web.runtime import get_db


class JsonBodies(FlaskParser):
    """A body is read as JSON whatever its Content-Type says: one that is not a JSON object
    is refused with the usual message, never quietly taken for no body at all."""

    def _raw_load_json(self, req):
        body = req.get_data(cache=True)
        return core.parse_json(body) if body else core.missing

    def _handle_invalid_json_error(self, error, req, *args, **kwargs):
        abort(422, exc=error, messages={"json": {"_schema": ["must be an object"]}})


class ApiBlueprint(Blueprint):
    ARGUMENTS_PARSER = JsonBodies()


bp = ApiBlueprint("api", __name__, url_prefix="/api/v1",
                  description="Cases, evidence, drafting, decisions and publication")

# Published casework is for anyone: it holds only what was anonymised and approved.
PUBLIC_ENDPOINTS = {"api.health", "api.published_index", "api.published_document"}
# What a reviewer may change: the review (the domain checks who may review what).
REVIEW_ENDPOINTS = {"api.approve_decision", "api.request_changes"}
# What only an admin may change: who investigates a case.
ADMIN_ENDPOINTS = {"api.set_case_assignee"}
# What an organisation's users may call: the recommendations made to it, and sending evidence
# that it complied (which only they do). Which records they reach is checked by the
# compliance room, since they see no case files.
ORGANISATION_ENDPOINTS = {"api.recommendations_index", "api.compliance_submit",
                          "api.organisation_compliance"}
ORGANISATION_ONLY_ENDPOINTS = {"api.compliance_submit"}


@bp.before_request
def require_token():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return error_response(401, "unauthorized", "send an Authorization: Bearer <token> header")
    try:
        user = authenticate_token(get_db(), token.strip())
    except InvalidToken as invalid:
        return error_response(401, "unauthorized", invalid.message)
    g.api_user = user
    refusal = _role_refusal(user)
    if refusal is not None:
        record_refusal("forbidden")
        return error_response(403, "forbidden", refusal)
    if user.role is not Role.ORGANISATION:
        check_named_records(user)
    return None


def _role_refusal(user) -> str | None:
    """Why this account's role may not make the call, or None when it may; which records it
    may reach is checked next."""
    if user.role is Role.ORGANISATION:
        return None if request.endpoint in ORGANISATION_ENDPOINTS else \
            "this account cannot read case files"
    if request.endpoint in ORGANISATION_ONLY_ENDPOINTS:
        return "only the organisation's own users can do this"
    if not can_read_cases(user):
        return "this account cannot read case files"
    if request.endpoint in ADMIN_ENDPOINTS:
        return None if can_administer(user) else "only an administrator can do this"
    if request.endpoint in REVIEW_ENDPOINTS:
        return None if can_review(user) else \
            f"a {user.role.value} does not review decisions: a reviewer does"
    # Every other call that changes something is drafting work, which reviewers leave to
    # others.
    if request.method not in {"GET", "HEAD"} and not can_draft(user):
        return f"a {user.role.value} cannot make changes"
    return None


@bp.errorhandler(DomainError)
def domain_error(error: DomainError):
    status = http_status(error)
    if status in {403, 409}:
        record_refusal(error.code)
    return error_response(status, error.code, error.message)


# The route modules add their views to `bp`.
from web.api import (  # noqa: E402,F401
    admin,
    audit,
    cases,
    comments,
    compliance,
    decisions,
    evidence,
    figures,
    findings,
    health,
    insight,
    learning,
    publication,
    published,
    reading,
    recommendations,
)
