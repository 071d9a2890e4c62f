"""Learning on a complaint point's page: its themes (the taxonomy's, the suggested ones
marked, saved only when the investigator confirms them) and the decided cases like it."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for

from casework.cases import get_case
from casework.drafting import confirm_point_themes, get_complaint_point, suggest_themes
from casework.errors import DomainError
from casework.insight import similar_decided_cases
from casework.permissions import DRAFTERS
from storage.models import ComplaintPoint
from web.auth import current_actor, roles_required
from web.forms import ComplaintPointForm, PointThemesForm, show_error
from web.runtime import commit, get_db, get_settings

bp = Blueprint("themes", __name__, url_prefix="/cases/<int:case_id>")


def learning_for_point(point: ComplaintPoint, form: PointThemesForm | None = None) -> dict:
    """What the point's page shows of its themes: every theme, the suggested ones with the
    words that suggested them, and which are ticked (the confirmed ones; the suggested ones
    while none is confirmed, to confirm or untick); and the decided cases like it."""
    themes = get_settings().themes
    suggested = {s.theme.slug: s.found for s in suggest_themes(themes, point)}
    confirmed = [row.theme for row in point.themes]
    form = form or PointThemesForm(themes=confirmed or list(suggested))
    return {"themes_form": form, "themes": list(themes), "suggested": suggested,
            "ticked": set(form.themes.data or ()),
            "similar": similar_decided_cases(get_db(), current_actor(), point, themes),
            "theme_names": {theme.slug: theme.name for theme in themes}}


@bp.post("/complaint-points/<int:point_id>/themes")
@roles_required(DRAFTERS)
def confirm(case_id: int, point_id: int):
    case = get_case(get_db(), case_id)
    point = get_complaint_point(get_db(), case, point_id)
    form = PointThemesForm()
    if form.validate_on_submit():
        try:
            chosen = confirm_point_themes(get_db(), point, current_actor(), form.themes.data or (),
                                          get_settings().themes)
        except DomainError as error:
            show_error(form, error, "themes")
        else:
            commit()
            flash(f"Themes of complaint point {point.number} saved: "
                  f"{len(chosen)} confirmed.", "success")
            return redirect(url_for("findings.edit_point", case_id=case.id, point_id=point.id))
    return render_template("findings/point.html", case=case, point=point,
                           form=ComplaintPointForm(obj=point),
                           **learning_for_point(point, form)), 422
