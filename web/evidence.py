"""Evidence pages: the text page by page with what was found in it, live progress, the original."""

from __future__ import annotations

from collections import defaultdict

from flask import Blueprint, flash, redirect, render_template, request, url_for

from casework.errors import DomainError
from casework.evidence import (
    LIBREOFFICE_UNAVAILABLE,
    SUPPORTED,
    correct_doc_type,
    describe_evidence,
    description_of,
    get_evidence,
    libreoffice_missing_reason,
    listable,
    listed_in_decision,
    marks_on_page,
    record_access,
    retry_evidence,
    suggested_description,
)
from casework.permissions import DRAFTERS, STAFF
from vocabulary import DocType, EntityLabel
from web.auth import current_actor, roles_required
from web.downloads import send_object
from web.highlight import highlight_spans
from web.runtime import commit, get_db, get_store, send_committed_evidence

bp = Blueprint("evidence", __name__, url_prefix="/evidence")

# Names are listed in their normalised form (no titles, one spelling); identifiers, dates
# and amounts as the document wrote them.
NORMALISED_LABELS = {EntityLabel.PERSON, EntityLabel.ORG, EntityLabel.GPE}


@bp.get("/<int:evidence_id>")
@roles_required(STAFF)
def show(evidence_id: int):
    evidence = get_evidence(get_db(), evidence_id)
    record_access(get_db(), current_actor(), evidence, "viewed")
    commit()
    return _evidence_page(evidence)


def _evidence_page(evidence, description_error: str | None = None):
    spans = defaultdict(list)
    entities = defaultdict(set)
    for entity in evidence.entities:
        spans[entity.page].append((entity.start, entity.end, entity.label.label))
        shown = entity.value if entity.label in NORMALISED_LABELS and entity.value else entity.text
        entities[entity.label].add(shown)
    pages = [(page, highlight_spans(page.text, spans[page.number])) for page in evidence.pages]
    # Opened from a citation (?page=2&quote=...): the quoted passage is marked on the page.
    cited_page = request.args.get("page", type=int)
    cited_quote = request.args.get("quote", "")
    marks = marks_on_page(get_store(), evidence, cited_page, cited_quote) if cited_page else []
    return render_template(
        "evidence/show.html", evidence=evidence, case=evidence.case, pages=pages,
        # Headings in the vocabulary's order: people first, postcodes last.
        entities={label.label: sorted(entities[label]) for label in EntityLabel
                  if label in entities},
        doc_types=DocType.assignable(), number=evidence.number,
        cited_page=cited_page, cited_quote=cited_quote, marks=marks,
        suggestion=suggested_description(evidence), description=description_of(evidence),
        listed=listed_in_decision(evidence), listable=listable(evidence),
        description_error=description_error,
        problems=[(description_error, "description")] if description_error else [],
        file_type=SUPPORTED.get(evidence.media_type, evidence.media_type),
        # Said above the (empty) text, not only among the processing steps.
        unread_reason=libreoffice_missing_reason(evidence.media_type)
        if LIBREOFFICE_UNAVAILABLE in evidence.flags else None,
    ), 422 if description_error else 200


@bp.post("/<int:evidence_id>/description")
@roles_required(DRAFTERS)
def describe(evidence_id: int):
    """The investigator's description of the file, and whether the decision lists it."""
    evidence = get_evidence(get_db(), evidence_id)
    try:
        describe_evidence(get_db(), evidence, current_actor(), request.form.get("description", ""),
                          request.form.get("listed") == "yes")
    except DomainError as error:
        get_db().rollback()
        return _evidence_page(evidence, error.message)
    commit()
    flash("Description saved.", "success")
    return redirect(url_for("evidence.show", evidence_id=evidence.id, _anchor="in-the-decision"))


@bp.get("/<int:evidence_id>/status")
@roles_required(STAFF)
def status(evidence_id: int):
    """The status panel alone, polled by htmx until processing ends."""
    return render_template("evidence/_status.html", evidence=get_evidence(get_db(), evidence_id))


@bp.get("/<int:evidence_id>/original")
@roles_required(STAFF)
def original(evidence_id: int):
    evidence = get_evidence(get_db(), evidence_id)
    record_access(get_db(), current_actor(), evidence, "downloaded")
    commit()
    return send_object(get_store(), evidence.object_key, evidence.filename, evidence.media_type)


@bp.post("/<int:evidence_id>/retry")
@roles_required(DRAFTERS)
def retry(evidence_id: int):
    evidence = get_evidence(get_db(), evidence_id)
    try:
        retry_evidence(get_db(), evidence, current_actor())
    except DomainError as error:
        flash(error.message, "error")
    else:
        commit()
        note = send_committed_evidence([evidence.id])
        flash(" ".join(filter(None, [f"{evidence.filename} is queued again.", note])),
              "success")
    return redirect(url_for("evidence.show", evidence_id=evidence.id))


@bp.post("/<int:evidence_id>/type")
@roles_required(DRAFTERS)
def correct_type(evidence_id: int):
    evidence = get_evidence(get_db(), evidence_id)
    doc_type = request.form.get("doc_type", "")
    if not doc_type:
        flash("Choose the document type.", "error")
        return redirect(url_for("evidence.show", evidence_id=evidence.id))
    try:
        correct_doc_type(get_db(), evidence, current_actor(), doc_type)
    except DomainError as error:
        flash(error.message, "error")
    else:
        commit()
        flash("Document type saved.", "success")
    return redirect(url_for("evidence.show", evidence_id=evidence.id))
