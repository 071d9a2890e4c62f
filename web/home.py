"""Each person's home page: their work queue, and compliance by organisation."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import login_required

from casework.compliance import (
    DUE_SOON_DAYS,
    awaiting_review,
    cases_by_stage,
    compliance_figures,
    figures_csv,
    overdue_recommendations,
    recommendations_due,
)
from casework.decisions import next_date
from casework.permissions import STAFF, can_draft, can_read_cases
from web.auth import current_actor, roles_required
from web.downloads import send_bytes
from web.runtime import get_db, today

bp = Blueprint("home", __name__)


@login_required
def show():
    """The home page ("/", the app's "index"): what waits for this person, and the figures.
    Organisations have pages of their own."""
    actor = current_actor()
    if not can_read_cases(actor):
        return redirect(url_for("portal.index"))
    db, as_of = get_db(), today()
    stages = cases_by_stage(db, actor)
    drafter = can_draft(actor)
    return render_template(
        "home/show.html", stages=stages,
        next_dates={c.id: next_date(db, c) for _, cases in stages for c in cases},
        drafter=drafter, due_soon_days=DUE_SOON_DAYS,
        due=recommendations_due(db, actor, as_of) if drafter else [],
        overdue=overdue_recommendations(db, actor, as_of) if drafter else [],
        awaiting=awaiting_review(db, actor),
        figures=compliance_figures(db, actor, as_of),
    )


@bp.get("/compliance.csv")
@roles_required(STAFF)
def compliance_csv():
    """Compliance by organisation, as the home page shows it, for a spreadsheet."""
    figures = compliance_figures(get_db(), current_actor(), today())
    return send_bytes(figures_csv(figures).encode(), f"compliance-{today().isoformat()}.csv",
                      "text/csv")
