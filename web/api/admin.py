"""What an admin changes through the API: who investigates a case."""

from __future__ import annotations

from flask import g

from casework.assignment import assign_case, assignee_by_id
from casework.cases import get_case
from web.api import bp, schemas
from web.api.refusals import refusals
from web.runtime import commit, get_db


@bp.put("/cases/<int:case_id>/assignee")
@bp.arguments(schemas.Assignment)
@bp.response(200, schemas.Case)
@refusals(401, 403, 404, 422)
def set_case_assignee(body, case_id: int):
    """Assign the case to an active investigator (admins only)"""
    db = get_db()
    case = get_case(db, case_id)
    assign_case(db, g.api_user, case, assignee_by_id(db, body["user_id"]))
    commit()
    return case
