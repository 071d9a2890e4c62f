"""Publication in the API: the anonymisation map to review and approve, and the anonymised
decision made from it."""

from __future__ import annotations

from flask import g, jsonify

from casework.cases import get_case, record_case_access
from casework.decisions import DOCX_MEDIA_TYPE, get_decision
from casework.errors import ValidationFailed
from casework.publication import (
    PersonEdit,
    ReviewedMap,
    approve_review,
    person_kind,
    publication_document,
    publication_filename,
    reviewed_map,
    save_review,
)
from web.api import bp
from web.api.payload import json_body, text
from web.downloads import send_bytes
from web.runtime import get_db, get_store, today


def anonymisation_json(case_id: int, reviewed: ReviewedMap) -> dict:
    identifiers: dict[str, list[str]] = {}
    for identifier in reviewed.identifiers:
        identifiers.setdefault(identifier.kind.value, []).append(identifier.value)
    return {
        "case_id": case_id,
        "people": [
            {"original": p.original, "aliases": list(p.aliases), "label": p.label,
             "kind": p.kind.value, "added": p.added, "new": p.unreviewed}
            for p in reviewed.people
        ],
        "identifiers": identifiers,
        "saved": reviewed.saved,
        "approved": reviewed.approved,
        "fingerprint": reviewed.fingerprint,
        "approved_by": reviewed.approved_by.email if reviewed.approved_by else None,
        "approved_at": reviewed.approved_at.isoformat() if reviewed.approved_at else None,
        "stale": reviewed.stale,
    }


def _person_edit(number: int, entry: object) -> PersonEdit:
    if not isinstance(entry, dict):
        raise ValidationFailed(f"people[{number}] must be an object", field="people")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValidationFailed(f"people[{number}].aliases must be a list of strings",
                               field="aliases")
    kind = text(entry, "kind", required=False)
    # An absent label asks for one to be chosen; an empty one is refused by the domain.
    label = text(entry, "label") if entry.get("label") is not None else None
    return PersonEdit(text(entry, "original"), person_kind(kind) if kind else None, label,
                      tuple(aliases))


@bp.get("/cases/<int:case_id>/anonymisation")
def get_anonymisation(case_id: int):
    db = get_db()
    case = get_case(db, case_id)
    # The map lists the real names of everyone in the case: reading it is recorded.
    record_case_access(db, g.api_user, case, "anonymisation_viewed")
    return jsonify(anonymisation_json(case_id, reviewed_map(db, case, today())))


@bp.put("/cases/<int:case_id>/anonymisation")
def put_anonymisation(case_id: int):
    db = get_db()
    case = get_case(db, case_id)
    people = json_body().get("people")
    if not isinstance(people, list):
        raise ValidationFailed("people must be a list", field="people")
    edits = [_person_edit(number, entry) for number, entry in enumerate(people)]
    reviewed = save_review(db, case, g.api_user, today(), edits)
    db.commit()
    return jsonify(anonymisation_json(case.id, reviewed))


@bp.post("/cases/<int:case_id>/anonymisation/approve")
def approve_anonymisation(case_id: int):
    db = get_db()
    # The fingerprint of the map the caller read: a map changed since is not approved unseen.
    seen = text(json_body(), "fingerprint")
    reviewed = approve_review(db, get_case(db, case_id), g.api_user, today(), seen=seen)
    db.commit()
    return jsonify(anonymisation_json(case_id, reviewed))


@bp.get("/decisions/<int:decision_id>/publication.docx")
def decision_publication(decision_id: int):
    db = get_db()
    decision = get_decision(db, decision_id)
    document = publication_document(db, get_store(), decision, g.api_user, today())
    return send_bytes(document, publication_filename(decision), DOCX_MEDIA_TYPE)
