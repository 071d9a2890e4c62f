"""The insight figures in the API: what the dashboard shows, as JSON."""

from __future__ import annotations

from dataclasses import asdict

from casework.insight import insight_figures, period_filter
from casework.organisations import get_organisation
from web.api import bp, schemas
from web.api.refusals import refusals
from web.runtime import get_db, get_settings, today


@bp.get("/insight")
@bp.arguments(schemas.InsightQuery, location="query")
@bp.response(200, schemas.Insight)
@refusals(401, 403, 404, 422)
def insight(query):
    """Outcomes by organisation and theme, the uphold rate by quarter, payments against the
    remedy scale, time to final decision, compliance and evidence throughput, for the final
    decisions issued in the period; staff only"""
    db = get_db()
    organisation = (get_organisation(db, query["organisation_id"])
                    if query["organisation_id"] is not None else None)
    criteria = period_filter(today(), query["start"], query["end"], query["organisation_id"],
                             query["theme"], [theme.slug for theme in get_settings().themes])
    figures = insight_figures(db, criteria, get_settings().remedy_scale, today())
    return {
        "start": criteria.start, "end": criteria.end, "theme": criteria.theme,
        "organisation": {"id": organisation.id, "name": organisation.name}
        if organisation else None,
        "figures": [{"name": f.name, "title": f.title, "summary": f.summary,
                     "available": f.available, "columns": [asdict(c) for c in f.columns],
                     "rows": f.as_dicts()} for f in figures],
    }
