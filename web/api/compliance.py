"""Recommendations and their compliance in the API: the list each person may see, the
evidence an organisation sends, and the investigator's answer to it."""

from __future__ import annotations

from flask import g, request

from casework.compliance import (
    accept_compliance,
    entry_evidence,
    get_recommendation_for,
    request_more,
    submit_compliance,
    visible_recommendations,
)
from casework.errors import DomainError, NotFound
from casework.evidence import Upload, to_process
from storage.models import Recommendation
from web.access import record_refusal
from web.api import bp, schemas
from web.api.refusals import refusals
from web.errors import http_status
from web.runtime import commit, get_db, get_settings, get_store, send_committed_evidence, today


@bp.get("/recommendations")
@bp.arguments(schemas.RecommendationFilter, location="query")
@bp.response(200, schemas.FollowedRecommendations)
@refusals(401, 403, 422)
def recommendations_index(query):
    """The recommendations of issued final decisions: an organisation's own, or those of the
    cases a member of staff may see; soonest due first"""
    return {"items": visible_recommendations(get_db(), g.api_user, status=query["status"],
                                             organisation_id=query["organisation_id"])}


@bp.post("/recommendations/<int:recommendation_id>/compliance")
@bp.doc(requestBody={"required": True, "content": {
    "multipart/form-data": {"schema": schemas.ComplianceUpload}}})
@bp.response(202, schemas.UploadedItems)
@refusals(401, 403, 404, 409, 413, 415, 422)
def compliance_submit(recommendation_id: int):
    """Send evidence of compliance (the organisation's users only): files (field `file`,
    repeatable), each processed as evidence of the case, and a `note`"""
    db = get_db()
    recommendation = _recommendation(recommendation_id)
    uploads = [Upload(sent.filename or "unnamed", sent.stream)
               for sent in request.files.getlist("file")]
    try:
        entry = submit_compliance(db, get_store(), recommendation, g.api_user, uploads,
                                  request.form.get("note", ""),
                                  get_settings().max_upload_bytes)
    except DomainError as error:
        # A hostile or oversized file is on record too (refusals the handler does not
        # record itself); nothing of the upload is kept.
        if http_status(error) not in {403, 409}:
            record_refusal(error.code)
        raise
    commit()
    items = entry_evidence(db, entry)
    return {"items": items, "note": send_committed_evidence(to_process(items))}


@bp.post("/recommendations/<int:recommendation_id>/accept")
@bp.arguments(schemas.Acceptance)
@bp.response(200, schemas.ComplianceRecord)
@refusals(401, 403, 404, 409, 422)
def compliance_accept(body, recommendation_id: int):
    """Accept that the organisation has complied, on `complied_on` (today when left out);
    the case closes once every recommendation is complied with"""
    recommendation = _recommendation(recommendation_id)
    accept_compliance(get_db(), recommendation, g.api_user, body["complied_on"] or today(),
                      today=today())
    commit()
    return recommendation


@bp.post("/recommendations/<int:recommendation_id>/request-more")
@bp.arguments(schemas.MoreRequested)
@bp.response(200, schemas.ComplianceRecord)
@refusals(401, 403, 404, 409, 422)
def compliance_request_more(body, recommendation_id: int):
    """Ask the organisation for more evidence; it sees the `comment`"""
    recommendation = _recommendation(recommendation_id)
    request_more(get_db(), recommendation, g.api_user, body["comment"])
    commit()
    return recommendation


def _recommendation(recommendation_id: int) -> Recommendation:
    try:
        return get_recommendation_for(get_db(), g.api_user, recommendation_id)
    except NotFound:
        commit()  # the refusal stays on record although the request fails
        raise
