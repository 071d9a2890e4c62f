"""Recommendations in the API: add one to a finding, change it, withdraw it."""

from __future__ import annotations

from flask import g

from casework.cases import get_case
from casework.drafting import (
    KIND_DETAILS,
    RecommendationInput,
    add_recommendation,
    change_recommendation,
    get_recommendation,
    remove_recommendation,
)
from web.api import bp, schemas
from web.api.refusals import refusals
from web.runtime import commit, get_db, get_settings, today

# What a recommendation is made of, as a request gives it.
FIELDS = tuple(schemas.RecommendationIn().fields)


@bp.post("/cases/<int:case_id>/recommendations")
@bp.arguments(schemas.RecommendationIn)
@bp.response(201, schemas.Recommendation)
@refusals(401, 403, 404, 409)
def create_recommendation(body, case_id: int):
    """Add a recommendation to one of the case's findings"""
    db = get_db()
    recommendation = add_recommendation(db, get_case(db, case_id), g.api_user,
                                        _recommendation_input(body), today(),
                                        get_settings().remedy_scale)
    commit()
    return recommendation


@bp.patch("/cases/<int:case_id>/recommendations/<int:recommendation_id>")
@bp.arguments(schemas.RecommendationChanges(partial=True))
@bp.response(200, schemas.Recommendation)
@refusals(401, 403, 404, 409)
def update_recommendation(changes, case_id: int, recommendation_id: int):
    """Change a recommendation: fields left out keep their value (a past due date must change)"""
    db = get_db()
    recommendation = get_recommendation(db, get_case(db, case_id), recommendation_id)
    version = changes.pop("version", None)
    current = {name: getattr(recommendation, name) for name in FIELDS}
    if changes.get("kind", recommendation.kind) != recommendation.kind:
        # Another kind of remedy: what belonged to the old kind goes unless given again.
        current = {name: value for name, value in current.items() if name not in KIND_DETAILS}
    change_recommendation(db, recommendation, g.api_user,
                          _recommendation_input(current | changes), today(),
                          get_settings().remedy_scale, expected_version=version)
    commit()
    return recommendation


@bp.delete("/cases/<int:case_id>/recommendations/<int:recommendation_id>")
@bp.response(204)
@refusals(401, 403, 404, 409)
def delete_recommendation(case_id: int, recommendation_id: int):
    """Withdraw a recommendation; drafted versions keep it"""
    db = get_db()
    remove_recommendation(db, get_case(db, case_id), g.api_user, recommendation_id)
    commit()


def _recommendation_input(body: dict) -> RecommendationInput:
    """The domain's input: text fields as strings (empty when absent), choices as words."""
    def text(name: str) -> str:
        return body.get(name) or ""

    return RecommendationInput(
        kind=body["kind"].value, text=text("text"), finding_id=body["finding_id"],
        due_date=body.get("due_date"), amount_pence=body.get("amount_pence"),
        from_whom=text("from_whom"),
        basis=body["basis"].value if body.get("basis") else None,
        severity_level=body.get("severity_level"), justification=text("justification"),
        compliance_evidence=text("compliance_evidence"),
    )
