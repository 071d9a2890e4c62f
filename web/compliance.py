"""The investigator's side of compliance: accept the evidence, ask for more, agree a new due date.

The forms are on the case's recommendations page, beside each recommendation
(cases/_compliance.html); each posts here and goes back there, saying what happened or why
not.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, request, url_for

from casework.compliance import (
    accept_compliance,
    agree_due_date,
    get_recommendation_for,
    request_more,
)
from casework.errors import DomainError, ValidationFailed
from casework.permissions import DRAFTERS
from web.access import note_refusal
from web.auth import current_actor, roles_required
from web.date_input import DateInputError, read_date
from web.errors import http_status
from web.runtime import commit, get_db, today
from web.workspace import render_recommendations

bp = Blueprint("compliance", __name__, url_prefix="/recommendations")


@bp.post("/<int:recommendation_id>/accept")
@roles_required(DRAFTERS)
def accept(recommendation_id: int):
    return _act(recommendation_id, "Recommendation accepted as complied with.", lambda r: (
        accept_compliance(get_db(), r, current_actor(),
                          _day("complied_on", "The date complied with") or today(),
                          today=today())))


@bp.post("/<int:recommendation_id>/request-more")
@roles_required(DRAFTERS)
def more(recommendation_id: int):
    return _act(recommendation_id, "More evidence requested from the organisation.",
                lambda r: request_more(get_db(), r, current_actor(),
                                       request.form.get("comment", "")))


@bp.post("/<int:recommendation_id>/due-date")
@roles_required(DRAFTERS)
def due_date(recommendation_id: int):
    def agree(recommendation):
        due = _day("due_date", "The new due date")
        if due is None:
            raise ValidationFailed("Enter the new due date", field="due_date")
        return agree_due_date(get_db(), recommendation, current_actor(), due,
                              request.form.get("reason", ""), today=today())

    return _act(recommendation_id, "New due date agreed.", agree)


def _act(recommendation_id: int, done: str, step):
    """Take one step on the recommendation and go back to the case's recommendations; when
    it is refused, show them again with the refusal beside the control it is about."""
    recommendation = get_recommendation_for(get_db(), current_actor(), recommendation_id)
    try:
        step(recommendation)
    except DomainError as error:
        get_db().rollback()
        note_refusal(error)
        control = CONTROLS.get(error.field or "")
        problem = (error.message, control.format(recommendation.id) if control else None)
        return render_recommendations(recommendation.case, [problem],
                                      opened=recommendation.id), http_status(error)
    commit()
    flash(done, "success")
    return redirect(url_for("workspace.recommendations", case_id=recommendation.case_id,
                            _anchor=f"recommendation-{recommendation.id}"))


# The controls of cases/_compliance.html, by the name of the value each sends.
CONTROLS = {"complied_on": "complied-on-{}-day", "due_date": "due-date-{}-day",
            "reason": "due-reason-{}", "comment": "more-comment-{}"}


def _day(name: str, label: str) -> date | None:
    """A date from the form's day, month and year boxes; None when all are empty."""
    try:
        return read_date(request.form, name, label)
    except DateInputError as error:
        raise ValidationFailed(error.message, field=name) from None
