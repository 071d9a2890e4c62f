"""Reading across what the pipeline found, in the API: entities, the chronology, search."""

from __future__ import annotations

from flask import g

from casework.audit import record_search
from casework.cases import get_case, record_case_access
from casework.evidence import (
    add_event,
    case_event,
    choose_for_decision,
    chronology_page,
    correct_event,
    dismiss_event,
    get_evidence,
    record_access,
    search_case,
)
from storage.search import plain_snippet
from web.api import bp, schemas
from web.api.refusals import refusals
from web.paging import page_answer
from web.runtime import commit, get_db


@bp.get("/evidence/<int:evidence_id>/entities")
@bp.response(200, schemas.Entities)
@refusals(401, 403, 404)
def evidence_entities(evidence_id: int):
    """People, organisations, identifiers, dates and amounts, with page offsets"""
    db = get_db()
    evidence = get_evidence(db, evidence_id)
    record_access(db, g.api_user, evidence, "entities_viewed")
    commit()
    return {"items": evidence.entities}


@bp.get("/cases/<int:case_id>/chronology")
@bp.arguments(schemas.ChronologyQuery, location="query")
@bp.response(200, schemas.Chronology)
@refusals(401, 403, 404, 422)
def case_chronology_view(query, case_id: int):
    """Dated events across the case's evidence, oldest first, a page at a time"""
    db = get_db()
    case = get_case(db, case_id)
    record_case_access(db, g.api_user, case, "chronology_viewed")
    commit()
    return page_answer(chronology_page(db, case, query["page"], query["per_page"],
                                       dismissed=query["dismissed"]))


@bp.put("/cases/<int:case_id>/chronology/<int:event_id>")
@bp.arguments(schemas.EventChoice)
@bp.response(200, schemas.ChosenEvent)
@refusals(401, 403, 404, 409)
def choose_chronology_event(body, case_id: int, event_id: int):
    """Include the event in the decision's What happened, or leave it out"""
    db = get_db()
    event = choose_for_decision(db, get_case(db, case_id), g.api_user, event_id,
                                body["in_decision"])
    commit()
    return event


@bp.post("/cases/<int:case_id>/chronology")
@bp.arguments(schemas.NewEvent)
@bp.response(201, schemas.ChronologyEvent)
@refusals(401, 403, 404, 409, 422)
def add_chronology_event(body, case_id: int):
    """Add an event the evidence tells on a page, which reading the file again keeps"""
    db = get_db()
    event = add_event(db, get_case(db, case_id), g.api_user, when=body["date"],
                      text=body["text"], evidence_id=body["evidence_id"],
                      page=body["page"])
    commit()
    return event


@bp.patch("/cases/<int:case_id>/chronology/<int:event_id>")
@bp.arguments(schemas.EventChanges)
@bp.response(200, schemas.ChronologyEvent)
@refusals(401, 403, 404, 409, 422)
def change_chronology_event(body, case_id: int, event_id: int):
    """Correct an event's date or wording, or dismiss it as noise (dismissed: true) or
    restore it; fields left out keep their value, and reading the file again keeps them"""
    db = get_db()
    case = get_case(db, case_id)
    event = case_event(db, case, event_id)
    if "date" in body or "text" in body:
        correct_event(db, case, g.api_user, event_id, when=body.get("date", event.date),
                      text=body.get("text", event.text))
    if "dismissed" in body:
        dismiss_event(db, case, g.api_user, event_id, body["dismissed"])
    commit()
    return event


@bp.get("/cases/<int:case_id>/search")
@bp.arguments(schemas.SearchQuery, location="query")
@bp.response(200, schemas.SearchHits)
@refusals(401, 403, 404, 422)
def case_search(query, case_id: int):
    """Pages of the case's evidence containing every word of q, best first, a page at a time"""
    db = get_db()
    case = get_case(db, case_id)
    doc_type, entity = query.get("doc_type") or None, query.get("entity") or None
    record_search(db, g.api_user, case, doc_type=doc_type, entity=entity)
    commit()
    found = search_case(db, case, query["q"], doc_type=doc_type, entity=entity,
                        page=query["page"], per_page=query["per_page"])
    return page_answer(found, [{"evidence_id": h.evidence_id, "page": h.page,
                                "snippet": plain_snippet(h.snippet)} for h in found.items]
                       ) | {"more": found.more}
