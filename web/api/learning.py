"""Learning across cases in the API: the themes, each complaint point's, and the search
across every case the account may read."""

from __future__ import annotations

from flask import g

from casework.cases import get_case
from casework.drafting import confirm_point_themes, get_complaint_point, suggest_themes
from casework.insight import (
    CaseSearch,
    record_case_search,
    search_cases,
    similar_decided_cases,
)
from storage.search import plain_snippet
from web.api import bp, schemas
from web.api.refusals import refusals
from web.paging import page_answer
from web.runtime import commit, get_db, get_settings


@bp.get("/themes")
@bp.response(200, schemas.Themes)
@refusals(401, 403)
def themes_index():
    """The themes complaint points are grouped by"""
    themes = get_settings().themes
    return {"name": themes.name, "items": list(themes)}


def _point_themes(point) -> dict:
    return {"confirmed": [row.theme for row in point.themes],
            "suggested": suggest_themes(get_settings().themes, point)}


@bp.get("/cases/<int:case_id>/complaint-points/<int:point_id>/themes")
@bp.response(200, schemas.PointThemes)
@refusals(401, 403, 404)
def point_themes(case_id: int, point_id: int):
    """The point's confirmed themes, and those its words suggest"""
    db = get_db()
    return _point_themes(get_complaint_point(db, get_case(db, case_id), point_id))


@bp.put("/cases/<int:case_id>/complaint-points/<int:point_id>/themes")
@bp.arguments(schemas.ThemeChoice)
@bp.response(200, schemas.PointThemes)
@refusals(401, 403, 404, 422)
def confirm_themes(body, case_id: int, point_id: int):
    """Confirm the point's themes: exactly those listed"""
    db = get_db()
    point = get_complaint_point(db, get_case(db, case_id), point_id)
    confirm_point_themes(db, point, g.api_user, body["themes"], get_settings().themes)
    commit()
    return _point_themes(point)


@bp.get("/cases/<int:case_id>/complaint-points/<int:point_id>/similar")
@bp.response(200, schemas.SimilarCases)
@refusals(401, 403, 404)
def similar_cases(case_id: int, point_id: int):
    """Decided cases with points of the same themes and close words, closest first, each
    with its outcome and the remedies made on that point"""
    db = get_db()
    point = get_complaint_point(db, get_case(db, case_id), point_id)
    return {"items": similar_decided_cases(db, g.api_user, point, get_settings().themes)}


@bp.get("/search")
@bp.arguments(schemas.CaseSearchQuery, location="query")
@bp.response(200, schemas.CaseSearchHits)
@refusals(401, 403, 422)
def search_across_cases(query):
    """Pages of evidence, in every case this account may read, containing every word of q,
    best first, a page at a time"""
    db = get_db()
    asked = CaseSearch(query["q"], organisation_id=query["organisation_id"],
                       theme=query["theme"], outcome=query["outcome"],
                       doc_type=query["doc_type"], uploaded_from=query["uploaded_from"],
                       uploaded_to=query["uploaded_to"])
    record_case_search(db, g.api_user, asked)
    commit()
    found = search_cases(db, g.api_user, asked, page=query["page"], per_page=query["per_page"])
    return page_answer(found, [
        {"case_id": hit.case_id, "case_reference": hit.case_reference,
         "evidence_id": hit.evidence_id, "page": hit.page,
         "snippet": plain_snippet(hit.snippet)} for hit in found.items]) | {"more": found.more}
