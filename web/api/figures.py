"""Compliance figures by organisation in the API."""

from __future__ import annotations

from flask import g

from casework.compliance import compliance_figures
from casework.errors import NotFound
from web.api import bp, schemas
from web.api.refusals import refusals
from web.runtime import commit, get_db, today


@bp.get("/organisations/<int:organisation_id>/compliance")
@bp.response(200, schemas.OrganisationCompliance)
@refusals(401, 403, 404)
def organisation_compliance(organisation_id: int):
    """An organisation's recommendations made, complied with on time and late, and overdue;
    staff see every organisation's, an organisation user its own"""
    db = get_db()
    try:
        [figures] = compliance_figures(db, g.api_user, today(), organisation_id)
    except NotFound:
        commit()  # the refusal stays on record although the request fails
        raise
    return {"organisation": {"id": figures.organisation_id, "name": figures.organisation},
            "made": figures.made, "complied_on_time": figures.complied_on_time,
            "complied_late": figures.complied_late, "overdue": figures.overdue,
            "rate": figures.rate}
