"""The insight dashboard and the reports page, for staff: the figures across cases, each as a
chart drawn from its table, and each table as CSV; the insight report as a Word document.

The figures are counts about organisations, never about people, so everyone on staff sees
them all; an organisation's users have the compliance figures of their own portal instead.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request
from wtforms.fields.choices import SelectChoice

from casework.decisions import DOCX_MEDIA_TYPE
from casework.errors import ValidationFailed
from casework.insight import (
    InsightFilter,
    default_filter,
    figure_csv,
    insight_figure,
    insight_figures,
    period_filter,
    render_insight_report,
    report_filename,
)
from casework.organisations import get_organisation, list_organisations
from casework.permissions import STAFF
from web.auth import roles_required
from web.downloads import send_bytes
from web.forms import InsightFilterForm
from web.runtime import get_db, get_settings, today

bp = Blueprint("insight", __name__)


def _criteria() -> tuple[InsightFilterForm, InsightFilter]:
    """The filters in the address, and what they ask for. A filter the address got wrong is
    shown beside its field and left out, never a failed page."""
    form = InsightFilterForm(request.args)
    form.organisation_id.choices = [SelectChoice("", "All organisations")] + [
        SelectChoice(str(o.id), o.name) for o in list_organisations(get_db())]
    form.validate()
    organisation = form.organisation_id.data
    try:
        criteria = period_filter(
            today(), None if form.start.errors else form.start.data,
            None if form.end.errors else form.end.data,
            int(organisation) if (organisation or "").isdigit() else None, form.theme.data,
            [theme.slug for theme in get_settings().themes])
    except ValidationFailed as refused:
        field = {"to": form.end, "theme": form.theme}.get(refused.field, form.start)
        field.errors = [*field.errors, refused.message]
        criteria = default_filter(today())
    # The fields say which period the figures are of, also when it is the default.
    for field, day in ((form.start, criteria.start), (form.end, criteria.end)):
        if not field.errors and not field.raw_data:
            field.data = day
    return form, criteria


@bp.get("/dashboard")
@roles_required(STAFF)
def dashboard():
    form, criteria = _criteria()
    figures = insight_figures(get_db(), criteria, get_settings().remedy_scale, today())
    organisation = (get_organisation(get_db(), criteria.organisation_id)
                    if criteria.organisation_id is not None else None)
    return render_template("insight/dashboard.html", form=form, criteria=criteria,
                           figures=figures, organisation=organisation, query=request.args.to_dict())


@bp.get("/dashboard/<figure>.csv")
@roles_required(STAFF)
def figure_download(figure: str):
    """One figure's table, as the dashboard shows it, for a spreadsheet."""
    _, criteria = _criteria()
    counted = insight_figure(get_db(), figure, criteria, get_settings().remedy_scale, today())
    return send_bytes(figure_csv(counted).encode(),
                      f"{figure}-{criteria.start.isoformat()}-to-{criteria.end.isoformat()}.csv",
                      "text/csv")


@bp.get("/reports")
@roles_required(STAFF)
def reports():
    form, criteria = _criteria()
    return render_template("insight/reports.html", form=form, criteria=criteria)


@bp.get("/reports/insight.docx")
@roles_required(STAFF)
def insight_report():
    """The insight report of the period asked for, as a Word document."""
    _, criteria = _criteria()
    figures = insight_figures(get_db(), criteria, get_settings().remedy_scale, today())
    document = render_insight_report(get_db(), criteria, figures, today())
    return send_bytes(document, report_filename(criteria), DOCX_MEDIA_TYPE)
