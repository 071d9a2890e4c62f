"""Cases in the API."""

from __future__ import annotations

from flask import g, jsonify

from casework.cases import create_case, get_case, list_cases
from web.api import bp
from web.api.payload import json_body, text
from web.api.responses import case_json
from web.runtime import get_db


@bp.post("/cases")
def cases_create():
    body = json_body()
    case = create_case(
        get_db(), g.api_user,
        text(body, "complainant_name"), text(body, "organisation_name"),
        text(body, "summary", required=False),
    )
    return jsonify(case_json(case)), 201


@bp.get("/cases")
def cases_index():
    return jsonify({"items": [case_json(c) for c in list_cases(get_db())]})


@bp.get("/cases/<int:case_id>")
def cases_show(case_id: int):
    return jsonify(case_json(get_case(get_db(), case_id)))
