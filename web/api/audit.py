"""A case's audit trail, as JSON or CSV."""

from __future__ import annotations

from casework.audit import case_trail_page
from casework.cases import get_case
from web.api import bp, schemas
from web.api.refusals import refusals
from web.history import send_trail
from web.paging import page_answer
from web.runtime import get_db


@bp.get("/cases/<int:case_id>/audit")
@bp.arguments(schemas.AuditQuery, location="query")
@bp.response(200, schemas.AuditTrail)
@bp.alt_response(200, schema={"type": "string"}, content_type="text/csv", success=True,
                 description="The trail; with format=csv, a CSV download")
@refusals(401, 403, 404, 422)
def case_audit(query, case_id: int):
    """Who did what to the case and its records, and when, oldest first, a page at a time

    `format=csv` downloads the whole trail.
    """
    db = get_db()
    case = get_case(db, case_id)
    if query["format"] == "csv":
        return send_trail(db, case)
    return page_answer(case_trail_page(db, case, query["page"], query["per_page"]))
