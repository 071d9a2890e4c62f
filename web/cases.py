"""Case pages: the list, a new case, and one case's overview (web/workspace.py)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from casework.cases import create_case, get_case, list_cases
from casework.decisions import next_date
from casework.errors import DomainError
from casework.permissions import DRAFTERS, STAFF
from vocabulary import CaseStage
from web.auth import current_actor, roles_required
from web.forms import CaseForm
from web.ids import record_id
from web.runtime import commit, get_db, get_settings
from web.workspace import render_overview

bp = Blueprint("cases", __name__, url_prefix="/cases")


@bp.get("/")
@roles_required(STAFF)
def index():
    """The cases this person may see, with stage, investigator and the next date that
    matters; filtered by stage and investigator."""
    db = get_db()
    stage = request.args.get("stage") or None
    if stage not in CaseStage.values():
        stage = None
    assignee_id = record_id(request.args.get("assignee"))
    organisation_id = record_id(request.args.get("organisation"))
    themes = get_settings().themes
    theme = request.args.get("theme") if themes.get(request.args.get("theme", "")) else None
    visible = list_cases(db, current_actor())
    shown = list_cases(db, current_actor(), stage=stage and CaseStage(stage),
                       assignee_id=assignee_id, organisation_id=organisation_id, theme=theme)
    assignees = sorted({c.assignee for c in visible if c.assignee is not None},
                       key=lambda user: (user.name or user.email).lower())
    organisations = sorted({(c.organisation.id, c.organisation.name) for c in visible},
                           key=lambda option: option[1].lower())
    return render_template("cases/index.html", cases=shown,
                           next_dates={c.id: next_date(db, c) for c in shown},
                           stages=list(CaseStage), assignees=assignees, chosen_stage=stage,
                           chosen_assignee=assignee_id, organisations=organisations,
                           chosen_organisation=organisation_id,
                           themes=[(theme.slug, theme.name) for theme in themes],
                           chosen_theme=theme,
                           filtered=bool(stage or assignee_id or organisation_id or theme))


@bp.route("/new", methods=["GET", "POST"])
@roles_required(DRAFTERS)
def new():
    form = CaseForm()
    if form.validate_on_submit():
        try:
            case = create_case(get_db(), current_actor(), form.complainant_name.data,
                               form.organisation_name.data, form.summary.data,
                               form.complainant_email.data or "",
                               form.complainant_address.data or "")
        except DomainError as error:
            getattr(form, error.field or "summary").errors.append(error.message)
        else:
            commit()
            flash(f"Case {case.reference} created.", "success")
            return redirect(url_for("cases.show", case_id=case.id))
    return render_template("cases/new.html", form=form), 400 if form.errors else 200


@bp.get("/<int:case_id>")
@roles_required(STAFF)
def show(case_id: int):
    """The case's overview: its details and the task list of its parts."""
    return render_overview(get_case(get_db(), case_id))
