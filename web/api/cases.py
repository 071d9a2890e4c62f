"""Cases in the API."""

from __future__ import annotations

from flask import g

from casework.cases import create_case, get_case, list_cases
from casework.drafting import override_case_outcome
from web.api import bp, schemas
from web.api.refusals import refusals
from web.runtime import commit, get_db


@bp.post("/cases")
@bp.arguments(schemas.NewCase)
@bp.response(201, schemas.Case)
@refusals(401, 403)
def cases_create(body):
    """Open a case"""
    case = create_case(get_db(), g.api_user, body["complainant_name"],
                       body["organisation_name"], body["summary"], body["complainant_email"],
                       body["complainant_address"])
    commit()
    return case


@bp.get("/cases")
@bp.arguments(schemas.CaseFilter, location="query")
@bp.response(200, schemas.Cases)
@refusals(401, 403, 422)
def cases_index(query):
    """The cases this account may see, optionally at one stage, with one investigator, about
    one organisation or of one theme"""
    return {"items": list_cases(get_db(), g.api_user, stage=query["stage"],
                                assignee_id=query["assignee"],
                                organisation_id=query["organisation_id"],
                                theme=query["theme"])}


@bp.get("/cases/<int:case_id>")
@bp.response(200, schemas.Case)
@refusals(401, 403, 404)
def cases_show(case_id: int):
    """One case"""
    return get_case(get_db(), case_id)


@bp.put("/cases/<int:case_id>/outcome")
@bp.arguments(schemas.CaseOutcome)
@bp.response(200, schemas.Case)
@refusals(401, 403, 404, 409)
def set_case_outcome(body, case_id: int):
    """Override the case's outcome, with a reason (null clears it)"""
    db = get_db()
    case = get_case(db, case_id)
    override_case_outcome(db, case, g.api_user, body["outcome"], body["reason"])
    commit()
    return case
