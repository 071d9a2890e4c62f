"""Case pages: the list, a new case, and one case's workspace."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from casework.cases import create_case, get_case, list_cases
from casework.decisions import (
    both_sides_replied,
    case_deliveries,
    comments_due,
    list_comments,
    list_decisions,
    next_date,
    standard_label,
    version_pdf,
)
from casework.drafting import case_outcome, point_upheld
from casework.errors import DomainError
from casework.evidence import (
    Upload,
    add_evidence,
    evidence_numbers,
    summarise_evidence,
    to_process,
)
from casework.permissions import DRAFTERS, STAFF
from casework.stages import SETTLED
from vocabulary import CaseStage, DecisionStage, DecisionStatus
from web.auth import current_actor, roles_required
from web.errors import http_status
from web.forms import CaseForm, CommentsForm, FinalDecisionForm, UploadForm
from web.ids import record_id
from web.runtime import commit, get_db, get_settings, get_store, send_committed_evidence, today

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
    case = get_case(get_db(), case_id)
    return _case_page(case, UploadForm())


def _case_page(case, upload_form: UploadForm) -> str:
    db = get_db()
    try:
        outcome_label = case_outcome(case).label
    except DomainError:
        outcome_label = None
    decisions = list_decisions(db, case)
    provisional = next((d for d in decisions if d.stage is DecisionStage.PROVISIONAL), None)
    due = comments_due(db, case)
    return render_template(
        "cases/show.html", case=case, upload_form=upload_form,
        evidence_summary=summarise_evidence(db, case), decisions=decisions,
        numbers=evidence_numbers(db, case, {c.evidence_id for f in case.findings
                                            for c in f.citations}),
        comments_due=due, today=today(),
        point_upheld=point_upheld, standard_label=standard_label, outcome_label=outcome_label,
        # Ready, being made or not to be made: the link says which before it is followed.
        pdfs={version.id: version_pdf(get_store(), version)
              for decision in decisions for version in decision.versions},
        comments=list_comments(db, case), comments_form=CommentsForm(),
        final_form=FinalDecisionForm(),
        # The final decision may be drafted without a reason once the period is over or
        # both sides have replied.
        final_needs_reason=due is not None and today() <= due
        and not both_sides_replied(db, case),
        provisional_issued=provisional is not None
        and provisional.status is DecisionStatus.ISSUED,
        next_date=next_date(db, case), settled=case.stage in SETTLED,
        deliveries=case_deliveries(db, case),
    )


@bp.post("/<int:case_id>/evidence")
@roles_required(DRAFTERS)
def upload(case_id: int):
    case = get_case(get_db(), case_id)
    form = UploadForm()
    files = [f for f in request.files.getlist("files") if f and f.filename]
    if form.validate_on_submit():
        try:
            items = add_evidence(
                get_db(), get_store(), case, current_actor(),
                [Upload(f.filename, f.stream) for f in files], get_settings().max_upload_bytes,
            )
        except DomainError as error:
            form.files.errors.append(error.message)
            status = http_status(error)
        else:
            commit()
            note = send_committed_evidence(to_process(items))
            names = ", ".join(e.filename for e in items)
            flash(f"Uploaded {names}. {note or 'Processing has started.'}", "success")
            return redirect(url_for("cases.show", case_id=case.id))
    else:
        status = 400
    return _case_page(case, form), status
