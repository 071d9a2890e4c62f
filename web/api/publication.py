"""Publication in the API: the anonymisation map to review and approve, and the anonymised
decision made from it."""

from __future__ import annotations

from flask import g

from casework.cases import get_case, record_case_access
from casework.decisions import DOCX_MEDIA_TYPE, get_decision
from casework.publication import (
    PersonEdit,
    ReviewedMap,
    approve_review,
    publication_document,
    publication_filename,
    reviewed_map,
    save_review,
)
from web.api import bp, schemas
from web.api.refusals import refusals
from web.downloads import send_bytes
from web.runtime import commit, get_db, get_store, today


def _anonymisation(case_id: int, reviewed: ReviewedMap) -> dict:
    identifiers: dict[str, list[str]] = {}
    for identifier in reviewed.identifiers:
        identifiers.setdefault(identifier.kind.value, []).append(identifier.value)
    return {
        "case_id": case_id, "people": reviewed.people, "identifiers": identifiers,
        "saved": reviewed.saved, "approved": reviewed.approved,
        "fingerprint": reviewed.fingerprint,
        "approved_by": reviewed.approved_by.email if reviewed.approved_by else None,
        "approved_at": reviewed.approved_at, "stale": reviewed.stale,
    }


@bp.get("/cases/<int:case_id>/anonymisation")
@bp.response(200, schemas.Anonymisation)
@refusals(401, 403, 404)
def get_anonymisation(case_id: int):
    """The anonymisation map as reviewed: labels, kinds, identifiers"""
    db = get_db()
    case = get_case(db, case_id)
    # The map lists the real names of everyone in the case: reading it is recorded.
    record_case_access(db, g.api_user, case, "anonymisation_viewed")
    commit()
    return _anonymisation(case_id, reviewed_map(db, case, today()))


@bp.put("/cases/<int:case_id>/anonymisation")
@bp.arguments(schemas.AnonymisationIn)
@bp.response(200, schemas.Anonymisation)
@refusals(401, 403, 404)
def put_anonymisation(body, case_id: int):
    """Save labels and kinds, or add a missed person; any change withdraws the approval"""
    db = get_db()
    case = get_case(db, case_id)
    edits = [PersonEdit(person["original"], person.get("kind"), person["label"],
                        tuple(person["aliases"] or ())) for person in body["people"]]
    reviewed = save_review(db, case, g.api_user, today(), edits)
    commit()
    return _anonymisation(case.id, reviewed)


@bp.post("/cases/<int:case_id>/anonymisation/approve")
@bp.arguments(schemas.Approval)
@bp.response(200, schemas.Anonymisation)
@refusals(401, 403, 404, 409)
def approve_anonymisation(body, case_id: int):
    """Approve the map as it now stands, so that the decision may be published"""
    db = get_db()
    # The fingerprint of the map the caller read: a map changed since is not approved unseen.
    reviewed = approve_review(db, get_case(db, case_id), g.api_user, today(),
                              seen=body["fingerprint"])
    commit()
    return _anonymisation(case_id, reviewed)


@bp.get("/decisions/<int:decision_id>/publication.docx")
@bp.response(200, schemas.BINARY, content_type=DOCX_MEDIA_TYPE,
             description="A Word document that names nobody")
@refusals(401, 403, 404, 409)
def decision_publication(decision_id: int):
    """The final decision anonymised for publication, checked for leaks"""
    db = get_db()
    decision = get_decision(db, decision_id)
    document = publication_document(db, get_store(), decision, g.api_user, today())
    commit()
    return send_bytes(document, publication_filename(decision), DOCX_MEDIA_TYPE)
