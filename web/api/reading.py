"""Reading across what the pipeline found, in the API: entities, the chronology, search."""

from __future__ import annotations

from flask import g, jsonify, request

from casework.cases import get_case, record_case_access
from casework.errors import ValidationFailed
from casework.evidence import case_chronology, choose_for_decision, get_evidence, record_access
from storage.search import plain_snippet, search_pages
from web.api import bp
from web.api.payload import json_body
from web.runtime import get_db


@bp.get("/evidence/<int:evidence_id>/entities")
def evidence_entities(evidence_id: int):
    db = get_db()
    evidence = get_evidence(db, evidence_id)
    record_access(db, g.api_user, evidence, "entities_viewed")
    return jsonify({"items": [
        {"label": e.label, "text": e.text, "value": e.value, "page": e.page, "start": e.start,
         "end": e.end}
        for e in evidence.entities
    ]})


@bp.get("/cases/<int:case_id>/chronology")
def case_chronology_view(case_id: int):
    db = get_db()
    case = get_case(db, case_id)
    record_case_access(db, g.api_user, case, "chronology_viewed")
    return jsonify({"items": [
        {"event_id": e.event_id, "date": e.date.isoformat(), "text": e.text,
         "evidence_id": e.evidence_id, "page": e.page, "in_decision": e.in_decision,
         "also_in": [{"evidence_id": i, "page": p} for i, p in e.also_in]}
        for e in case_chronology(db, case)
    ]})


@bp.put("/cases/<int:case_id>/chronology/<int:event_id>")
def choose_chronology_event(case_id: int, event_id: int):
    """Include the event in the decision's "What happened" (or leave it out)."""
    db = get_db()
    chosen = json_body().get("in_decision")
    if not isinstance(chosen, bool):
        raise ValidationFailed("in_decision must be true or false", field="in_decision")
    event = choose_for_decision(db, get_case(db, case_id), g.api_user, event_id, chosen)
    return jsonify({"event_id": event.id, "in_decision": event.in_decision})


@bp.get("/cases/<int:case_id>/search")
def case_search(case_id: int):
    db = get_db()
    case = get_case(db, case_id)
    query = request.args.get("q", "")
    doc_type = request.args.get("doc_type") or None
    entity = request.args.get("entity") or None
    record_case_access(db, g.api_user, case, "searched", query=query, doc_type=doc_type,
                       entity=entity)
    hits = search_pages(db, case.id, query, doc_type=doc_type, entity=entity)
    return jsonify({"items": [
        {"evidence_id": h.evidence_id, "page": h.page, "snippet": plain_snippet(h.snippet)}
        for h in hits
    ]})
