"""Recommendations in the API: add one to a finding, change it, withdraw it."""

from __future__ import annotations

from flask import g, jsonify

from casework.cases import get_case
from casework.drafting import (
    KIND_DETAILS,
    RecommendationInput,
    add_recommendation,
    change_recommendation,
    get_recommendation,
    remove_recommendation,
)
from casework.errors import ValidationFailed
from web.api import bp
from web.api.payload import integer, iso_date, json_body, text
from web.api.responses import recommendation_json
from web.runtime import get_db, get_settings, today


@bp.post("/cases/<int:case_id>/recommendations")
def create_recommendation(case_id: int):
    db = get_db()
    case = get_case(db, case_id)
    recommendation = add_recommendation(db, case, g.api_user, _recommendation_input(json_body()),
                                        today(), get_settings().remedy_scale)
    return jsonify(recommendation_json(recommendation)), 201


@bp.patch("/cases/<int:case_id>/recommendations/<int:recommendation_id>")
def update_recommendation(case_id: int, recommendation_id: int):
    """Change the fields given; the others keep their value (a past due date must change)."""
    db = get_db()
    recommendation = get_recommendation(db, get_case(db, case_id), recommendation_id)
    changes = json_body()
    if "due_date" in changes and changes["due_date"] is None:
        raise ValidationFailed("due_date cannot be emptied; give the new date", field="due_date")
    current = recommendation_json(recommendation)
    if changes.get("kind", current["kind"]) != current["kind"]:
        # Another kind of remedy: what belonged to the old kind goes unless given again.
        current = {key: value for key, value in current.items() if key not in KIND_DETAILS}
    body = current | changes
    change_recommendation(db, recommendation, g.api_user, _recommendation_input(body), today(),
                          get_settings().remedy_scale)
    return jsonify(recommendation_json(recommendation))


def _recommendation_input(body: dict) -> RecommendationInput:
    return RecommendationInput(
        kind=text(body, "kind"),
        text=text(body, "text"),
        finding_id=integer(body, "finding_id"),
        due_date=iso_date(body, "due_date"),
        amount_pence=integer(body, "amount_pence", required=False, largest=None),
        from_whom=text(body, "from_whom", required=False),
        basis=text(body, "basis", required=False) or None,
        severity_level=integer(body, "severity_level", required=False),
        justification=text(body, "justification", required=False),
        compliance_evidence=text(body, "compliance_evidence", required=False),
    )


@bp.delete("/cases/<int:case_id>/recommendations/<int:recommendation_id>")
def delete_recommendation(case_id: int, recommendation_id: int):
    db = get_db()
    remove_recommendation(db, get_case(db, case_id), g.api_user, recommendation_id)
    return "", 204
