"""Drafting pages: a finding with a citation, and a recommendation."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from wtforms.fields.choices import SelectChoice

from casework.errors import DomainError
from casework.findings import CitationInput, FindingInput, add_finding
from casework.permissions import DRAFTERS
from casework.recommendations import RecommendationInput, add_recommendation, earlier_payments
from web.auth import current_actor, roles_required
from web.cases import load_case
from web.forms import FindingForm, RecommendationForm
from web.runtime import get_db, get_settings, today

bp = Blueprint("findings", __name__, url_prefix="/cases/<int:case_id>")


def _show_error(form, error: DomainError, fallback: str) -> None:
    field = getattr(form, error.field or "", None) or getattr(form, fallback)
    field.errors = list(field.errors) + [error.message]


@bp.route("/findings/new", methods=["GET", "POST"])
@roles_required(DRAFTERS)
def new_finding(case_id: int):
    case = load_case(case_id)
    form = FindingForm()
    form.citation_evidence.choices = [SelectChoice("", "No citation")] + [
        SelectChoice(str(e.id), f"Evidence {n}: {e.filename}")
        for n, e in enumerate(case.evidence, start=1)
    ]
    if form.validate_on_submit():
        citations = ()
        if form.citation_evidence.data and form.citation_evidence.data.isdigit():
            citations = (CitationInput(int(form.citation_evidence.data),
                                       form.citation_page.data or 1,
                                       form.citation_quote.data or ""),)
        data = FindingInput(
            title=form.title.data, complaint_point=form.complaint_point.data,
            what_happened=form.what_happened.data,
            what_should_have_happened=form.what_should_have_happened.data,
            conclusion=form.conclusion.data, injustice=form.injustice.data or "",
            citations=citations,
        )
        try:
            add_finding(get_db(), case, current_actor(), data)
        except DomainError as error:
            _show_error(form, error, "citation_quote")
        else:
            flash("Finding added.", "success")
            return redirect(url_for("cases.show", case_id=case.id, _anchor="findings"))
    return render_template("findings/new.html", case=case, form=form), \
        422 if form.errors else 200


@bp.route("/recommendations/new", methods=["GET", "POST"])
@roles_required(DRAFTERS)
def new_recommendation(case_id: int):
    case = load_case(case_id)
    form = RecommendationForm()
    scale = get_settings().remedy_scale
    form.finding_id.choices = [SelectChoice(str(f.id), f.title) for f in case.findings]
    form.severity_level.choices = [SelectChoice("", "Not on the scale")] + [
        SelectChoice(str(level.level), f"Level {level.level}: {level.description} "
                                       f"({level.band})")
        for level in scale.levels
    ]
    if not case.findings:
        flash("Add a finding before making a recommendation.", "info")
        return redirect(url_for("cases.show", case_id=case.id, _anchor="findings"))
    if form.validate_on_submit():
        level = form.severity_level.data
        data = RecommendationInput(
            kind=form.kind.data, text=form.text.data, finding_id=form.finding_id.data,
            due_date=form.due_date.data, amount_pence=form.amount_pence(),
            from_whom=form.from_whom.data or "", basis=form.basis.data or None,
            severity_level=int(level) if level and level.isdigit() else None,
            justification=form.justification.data or "",
            compliance_evidence=form.compliance_evidence.data or "",
        )
        try:
            add_recommendation(get_db(), case, current_actor(), data, today(), scale)
        except DomainError as error:
            field = "amount" if error.field == "amount_pence" else error.field
            _show_error(form, DomainError(error.message, field=field), "text")
        else:
            flash("Recommendation added.", "success")
            return redirect(url_for("cases.show", case_id=case.id, _anchor="recommendations"))
    earlier = {level.level: earlier_payments(get_db(), case, level.level)
               for level in scale.levels}
    return render_template("findings/new_recommendation.html", case=case, form=form,
                           scale=scale, earlier=earlier), 422 if form.errors else 200
