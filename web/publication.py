"""The anonymised version for publication: the investigator reviews and approves the
anonymisation map, then downloads the decision made from it."""

from __future__ import annotations

import re

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import FieldList

from casework.cases import record_case_access
from casework.decisions import DOCX_MEDIA_TYPE
from casework.errors import DomainError, ValidationFailed
from casework.permissions import DRAFTERS
from casework.publication import (
    LeakFound,
    NotApproved,
    NotPublishable,
    PersonEdit,
    ReviewedMap,
    add_missed_person,
    approve_review,
    draft_summary,
    person_kind,
    publication_document,
    publication_filename,
    publication_of,
    publish_decision,
    reviewed_map,
    save_review,
    withdraw_publication,
)
from web.auth import current_actor, roles_required
from web.decisions import load_version
from web.downloads import send_bytes
from web.forms import AnonymisationReviewForm, MissedPersonForm
from web.runtime import commit, get_db, get_store, today

bp = Blueprint("publication", __name__, url_prefix="/decisions/<int:decision_id>")


@bp.get("/publication")
@roles_required(DRAFTERS)
def review(decision_id: int):
    """The anonymisation map to review and approve before the published version is made."""
    decision, _version = load_version(decision_id, None)
    # The map lists the real names of everyone in the case: reading it is recorded.
    record_case_access(get_db(), current_actor(), decision.case, "anonymisation_viewed")
    commit()
    return _publication_page(decision, reviewed_map(get_db(), decision.case, today()))


@bp.get("/publication.docx")
@roles_required(DRAFTERS)
def document(decision_id: int):
    decision, _version = load_version(decision_id, None)
    try:
        document = publication_document(get_db(), get_store(), decision, current_actor(),
                                        today())
    except (NotApproved, NotPublishable) as error:
        flash(error.message, "error")
        return redirect(url_for("publication.review", decision_id=decision.id))
    except LeakFound as error:
        # Shown on the page, not flashed: the message quotes the real names that leaked, and
        # flashed messages travel in the session cookie.
        page, _status = _publication_page(decision, reviewed_map(get_db(), decision.case,
                                                                 today()), leak=error.message)
        return page, 409
    commit()
    return send_bytes(document, publication_filename(decision), DOCX_MEDIA_TYPE)


@bp.post("/publication/labels")
@roles_required(DRAFTERS)
def save_labels(decision_id: int):
    decision, _version = load_version(decision_id, None)
    form = AnonymisationReviewForm()
    if form.validate_on_submit():
        edits = [PersonEdit(row.original.data or "", person_kind(row.kind.data),
                            row.published_as.data or "") for row in form.people]
        try:
            save_review(get_db(), decision.case, current_actor(), today(), edits)
        except DomainError as error:
            _show_problem(form, error)
        else:
            commit()
            flash("Labels saved. Approve the map when every label is right.", "success")
            return _back_to_publication(decision)
    return _publication_page(decision, reviewed_map(get_db(), decision.case, today()),
                             review_form=form)


@bp.post("/publication/people")
@roles_required(DRAFTERS)
def add_person(decision_id: int):
    decision, _version = load_version(decision_id, None)
    form = MissedPersonForm()
    if form.validate_on_submit():
        try:
            reviewed = add_missed_person(get_db(), decision.case, current_actor(), today(),
                                         form.name.data, (form.aliases.data or "").split(","),
                                         person_kind(form.kind.data))
        except DomainError as error:
            _show_problem(form, error)
        else:
            commit()
            # The label, never the name: flashed messages travel in the session cookie.
            flash(f"Person added, published as “{reviewed.people[-1].label}”.", "success")
            return _back_to_publication(decision)
    return _publication_page(decision, reviewed_map(get_db(), decision.case, today()),
                             person_form=form)


@bp.post("/publication/approve")
@roles_required(DRAFTERS)
def approve_map(decision_id: int):
    decision, _version = load_version(decision_id, None)
    try:
        approve_review(get_db(), decision.case, current_actor(), today(),
                       seen=request.form.get("seen", ""))
    except NotApproved as error:
        flash(error.message, "error")
        return _back_to_publication(decision)
    except DomainError as error:
        # A label that would not do: shown beside it rather than flashed, as it names people.
        reviewed = reviewed_map(get_db(), decision.case, today())
        review_form = _review_form(reviewed)
        _show_problem(review_form, error)
        return _publication_page(decision, reviewed, review_form=review_form)
    commit()
    flash("Anonymisation map approved. The anonymised version can now be downloaded.",
          "success")
    return _back_to_publication(decision)


@bp.get("/publish")
@roles_required(DRAFTERS)
def publish_form(decision_id: int):
    """The case summary to publish the issued final decision with: a draft from the decision,
    or what was published before."""
    decision, _version = load_version(decision_id, None)
    publication = publication_of(get_db(), decision)
    return _publish_page(decision, publication.summary if publication else
                         draft_summary(decision), [])


@bp.post("/publish")
@roles_required(DRAFTERS)
def publish(decision_id: int):
    """Publish the issued final decision with the case summary as the investigator wrote it."""
    decision, _version = load_version(decision_id, None)
    summary = request.form.get("summary", "")
    try:
        publication = publish_decision(get_db(), get_store(), decision, current_actor(),
                                       summary, today())
    except DomainError as error:  # LeakFound among them: its message lists each leak
        get_db().rollback()
        return _publish_page(decision, summary, [(error.message, "summary")])
    commit()
    flash("Published. Anyone can now read the summary and download the anonymised decision.",
          "success")
    return redirect(url_for("published.show", publication_id=publication.id))


@bp.post("/withdraw-publication")
@roles_required(DRAFTERS)
def withdraw(decision_id: int):
    decision, _version = load_version(decision_id, None)
    publication = publication_of(get_db(), decision)
    try:
        if publication is None:
            raise ValidationFailed("This decision has not been published", field="reason")
        withdraw_publication(get_db(), publication, current_actor(),
                             request.form.get("reason", ""))
    except DomainError as error:
        get_db().rollback()
        return _publish_page(decision, publication.summary if publication else "",
                             [(error.message, "reason")])
    commit()
    flash("Withdrawn: the decision and its summary are no longer published.", "success")
    return redirect(url_for("publication.publish_form", decision_id=decision.id))


def _publish_page(decision, summary: str, problems: list[tuple[str, str]]):
    return render_template(
        "published/publish.html", decision=decision, case=decision.case, summary=summary,
        publication=publication_of(get_db(), decision), problems=problems,
    ), 422 if problems else 200


def _back_to_publication(decision):
    return redirect(url_for("publication.review", decision_id=decision.id))


def _review_form(reviewed: ReviewedMap) -> AnonymisationReviewForm:
    return AnonymisationReviewForm(formdata=None, data={"people": [
        {"original": p.original, "kind": p.kind.value, "published_as": p.label}
        for p in reviewed.people]})


def _show_problem(form, error: DomainError) -> None:
    """Put a domain error beside its control: the person's label, or the name of someone
    being added."""
    if isinstance(form, AnonymisationReviewForm):
        row = re.fullmatch(r"people\.(\d+)\.label", error.field or "")
        index = int(row[1]) if row and int(row[1]) < len(form.people.entries) else 0
        field = form.people.entries[index].published_as if form.people.entries \
            else form.csrf_token
        # A row's error does not reach the form's own errors, which mark the page title.
        form.form_errors.append(error.message)
    else:
        field = form.kind if error.field == "kind" else form.name
    field.errors = [*field.errors, error.message]


def _problems(form) -> list[tuple[str, str]]:
    """Every error on a form, its rows' included, with the id of the control to go to."""
    problems = []
    for field in form:
        if isinstance(field, FieldList):
            for entry in field.entries:
                problems += _problems(entry.form)
        else:
            problems += [(message, field.id) for message in field.errors
                         if isinstance(message, str)]
    return problems


def _publication_page(decision, reviewed: ReviewedMap, review_form=None, person_form=None,
                      leak: str | None = None):
    if review_form is None:
        review_form = _review_form(reviewed)
    if person_form is None:
        person_form = MissedPersonForm(formdata=None)
    people = {p.original: p for p in reviewed.people}
    for row in review_form.people:
        # Each row's controls are labelled with the person, for screen readers.
        row.kind.label.text = f"Kind of person: {row.original.data}"
        row.published_as.label.text = f"Published label for {row.original.data}"
    problems = _problems(review_form) + _problems(person_form)
    if leak:
        problems.append((leak, "people"))
    return render_template(
        "decisions/publication.html", decision=decision, case=decision.case, reviewed=reviewed,
        people=people, review_form=review_form, person_form=person_form,
        approve_form=FlaskForm(formdata=None), problems=problems,
    ), 422 if problems else 200
