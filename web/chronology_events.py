"""An investigator's changes to the chronology: an event added, corrected, dismissed or
restored. The domain (casework.evidence) checks them and puts each on the audit record."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from casework.cases import get_case
from casework.errors import ValidationFailed
from casework.evidence import add_event, case_event, correct_event, dismiss_event
from casework.permissions import DRAFTERS
from web.auth import current_actor, roles_required
from web.chronology_forms import CorrectEventForm, NewEventForm
from web.forms import show_error
from web.ids import record_id
from web.reading import back_to_event, chronology_with
from web.runtime import commit, get_db

bp = Blueprint("chronology_events", __name__, url_prefix="/cases/<int:case_id>/chronology")


@bp.post("/events")
@roles_required(DRAFTERS)
def add(case_id: int):
    case = get_case(get_db(), case_id)
    form = NewEventForm()
    if form.validate_on_submit():
        try:
            event = add_event(get_db(), case, current_actor(), when=form.date.data,
                              text=form.text.data, evidence_number=form.evidence_number.data,
                              page=form.page.data)
        except ValidationFailed as error:
            show_error(form, error, "text")
        else:
            commit()
            flash("Event added.", "success")
            return redirect(url_for("reading.chronology", case_id=case.id,
                                    _anchor=f"event-{event.id}"))
    return chronology_with(case, form)


@bp.route("/<int:event_id>/change", methods=["GET", "POST"])
@roles_required(DRAFTERS)
def change(case_id: int, event_id: int):
    case = get_case(get_db(), case_id)
    event = case_event(get_db(), case, event_id)
    form = CorrectEventForm(obj=event)
    if form.validate_on_submit():
        try:
            correct_event(get_db(), case, current_actor(), event.id, when=form.date.data,
                          text=form.text.data)
        except ValidationFailed as error:
            show_error(form, error, "text")
        else:
            commit()
            flash("Event corrected.", "success")
            return back_to_event(case, event.id)
    return render_template("reading/event_form.html", case=case, event=event, form=form,
                           page=record_id(request.values.get("page")) or 1)


@bp.post("/<int:event_id>/dismiss")
@roles_required(DRAFTERS)
def dismiss(case_id: int, event_id: int):
    """Dismiss an event as noise ("dismissed" is "yes"), or restore it."""
    case = get_case(get_db(), case_id)
    dismissed = request.form.get("dismissed") == "yes"
    dismiss_event(get_db(), case, current_actor(), event_id, dismissed)
    commit()
    flash("Event dismissed: it is listed under the dismissed events." if dismissed
          else "Event restored to the chronology.", "success")
    return back_to_event(case, event_id, **({"dismissed": "yes"} if not dismissed else {}))
