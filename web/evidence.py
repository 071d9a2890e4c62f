"""Evidence pages: the text page by page with what was found in it, live progress, the original."""

from __future__ import annotations

from collections import defaultdict

from flask import Blueprint, flash, redirect, render_template, request, url_for

from casework.errors import DomainError
from casework.evidence import (
    correct_doc_type,
    get_evidence,
    record_access,
    retry_evidence,
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
    spans = defaultdict(list)
    entities = defaultdict(set)
    for entity in evidence.entities:
        spans[entity.page].append((entity.start, entity.end, entity.label.label))
        shown = entity.value if entity.label in NORMALISED_LABELS and entity.value else entity.text
        entities[entity.label].add(shown)
    pages = [(page, highlight_spans(page.text, spans[page.number])) for page in evidence.pages]
    return render_template(
        "evidence/show.html", evidence=evidence, case=evidence.case, pages=pages,
        # Headings in the vocabulary's order: people first, postcodes last.
        entities={label.label: sorted(entities[label]) for label in EntityLabel
                  if label in entities},
        doc_types=DocType.assignable(), number=evidence.number,
    )


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
