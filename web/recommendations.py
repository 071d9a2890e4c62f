"""Recommendation pages: add one to a finding, change it, withdraw it."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from wtforms.fields.choices import SelectChoice

from casework.cases import get_case
from casework.drafting import (
    EditConflict,
    RecommendationInput,
    add_recommendation,
    change_recommendation,
    earlier_payments,
    get_recommendation,
    remove_recommendation,
)
from casework.errors import DomainError
from casework.permissions import DRAFTERS
from vocabulary import RecommendationKind
from web.auth import current_actor, roles_required
from web.forms import RecommendationForm, show_conflict, show_error
from web.ids import record_id
from web.runtime import commit, get_db, get_settings, today
from web.workspace import render_removal

bp = Blueprint("recommendations", __name__, url_prefix="/cases/<int:case_id>/recommendations")


@bp.route("/new", methods=["GET", "POST"])
@roles_required(DRAFTERS)
def new(case_id: int):
    case = get_case(get_db(), case_id)
    if not case.findings:
        flash("Add a finding before making a recommendation.", "info")
        return redirect(url_for("workspace.findings", case_id=case.id))
    form = _form(case)
    if form.validate_on_submit():
        try:
            add_recommendation(get_db(), case, current_actor(), _input(form), today(),
                               get_settings().remedy_scale)
        except DomainError as error:
            show_error(form, error, "text")
        else:
            commit()
            flash("Recommendation added.", "success")
            return _back_to_case(case)
    return _page(case, form, None)


@bp.route("/<int:recommendation_id>/edit", methods=["GET", "POST"])
@roles_required(DRAFTERS)
def edit(case_id: int, recommendation_id: int):
    case = get_case(get_db(), case_id)
    recommendation = get_recommendation(get_db(), case, recommendation_id)
    form = _form(case, recommendation)
    if form.validate_on_submit():
        try:
            change_recommendation(get_db(), recommendation, current_actor(), _input(form),
                                  today(), get_settings().remedy_scale,
                                  expected_version=form.version.data)
        except EditConflict as error:
            get_db().rollback()
            show_conflict(error)
            return _page(case, _form(case, recommendation, stored=True), recommendation,
                         unsaved=form)
        except DomainError as error:
            get_db().rollback()
            show_error(form, error, "text")
        else:
            commit()
            flash("Recommendation saved.", "success")
            return _back_to_case(case)
    return _page(case, form, recommendation)


@bp.route("/<int:recommendation_id>/remove", methods=["GET", "POST"])
@roles_required(DRAFTERS)
def remove(case_id: int, recommendation_id: int):
    """Asks first; withdraws the recommendation when the answer is posted."""
    case = get_case(get_db(), case_id)
    if request.method == "GET":
        recommendation = get_recommendation(get_db(), case, recommendation_id)
        return render_removal(case, f"the {recommendation.kind.label.lower()} recommendation",
                              recommendation.text,
                              url_for("workspace.recommendations", case_id=case.id))
    remove_recommendation(get_db(), case, current_actor(), recommendation_id)
    commit()
    flash("Recommendation removed.", "success")
    return _back_to_case(case)


def _form(case, recommendation=None, stored=False) -> RecommendationForm:
    """The form, filled from what was sent, or from `recommendation` as stored (`stored`, or
    before anything was sent)."""
    form = RecommendationForm(formdata=None, obj=recommendation) if stored \
        else RecommendationForm(obj=recommendation)
    if recommendation is not None and (stored or not form.is_submitted()):
        form.finding_id.data = str(recommendation.finding_id)
        form.kind.data = recommendation.kind.value
        form.basis.data = recommendation.basis or ""
        form.severity_level.data = str(recommendation.severity_level or "")
        form.amount.data = (f"{recommendation.amount_pence / 100:.2f}"
                            if recommendation.amount_pence is not None else "")
    form.finding_id.choices = [SelectChoice(str(f.id), f.title) for f in case.findings]
    form.severity_level.choices = [SelectChoice("", "Not on the scale")] + [
        SelectChoice(str(level.level), f"Level {level.level}: {level.description} "
                                       f"({level.band})")
        for level in get_settings().remedy_scale.levels
    ]
    return form


def _input(form: RecommendationForm) -> RecommendationInput:
    """What was sent, with only the chosen kind's own answers: a question of another kind,
    hidden once the kind changed, may still hold what was typed into it."""
    kind = form.kind.data
    payment = kind == RecommendationKind.PAYMENT.value
    return RecommendationInput(
        kind=kind, text=form.text.data,
        finding_id=record_id(form.finding_id.data) or 0,
        due_date=form.due_date.data,
        amount_pence=form.amount_pence() if payment else None,
        from_whom=(form.from_whom.data or "") if kind == RecommendationKind.APOLOGY.value
        else "",
        basis=(form.basis.data or None) if payment else None,
        severity_level=record_id(form.severity_level.data) if payment else None,
        justification=(form.justification.data or "") if payment else "",
        compliance_evidence=(form.compliance_evidence.data or "")
        if kind == RecommendationKind.SERVICE_IMPROVEMENT.value else "",
    )


def _page(case, form: RecommendationForm, recommendation, unsaved=None):
    """The form; 422 with errors on it; 409 with `unsaved`, the form the person sent, when
    someone else saved first."""
    scale = get_settings().remedy_scale
    earlier = {level.level: earlier_payments(get_db(), case, level.level)
               for level in scale.levels}
    status = 409 if unsaved is not None else 422 if form.errors else 200
    return render_template("recommendations/form.html", case=case, form=form,
                           scale=scale, earlier=earlier, recommendation=recommendation,
                           unsaved=unsaved), status


def _back_to_case(case):
    return redirect(url_for("workspace.recommendations", case_id=case.id))
