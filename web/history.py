"""A case's audit trail, on a page and as CSV."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from sqlalchemy.orm import Session

from casework.audit import action_label, case_trail, case_trail_page, record_label, trail_csv
from casework.cases import get_case
from casework.formats import uk_moment
from casework.permissions import STAFF
from storage.models import Case
from web.auth import roles_required
from web.downloads import send_bytes
from web.ids import record_id
from web.paging import page_url
from web.runtime import get_db

bp = Blueprint("history", __name__, url_prefix="/cases")


@bp.get("/<int:case_id>/history")
@roles_required(STAFF)
def show(case_id: int):
    """Who did what to the case and its records, and when, oldest first."""
    db = get_db()
    case = get_case(db, case_id)
    listed = case_trail_page(db, case, record_id(request.args.get("page")) or 1)
    return render_template("cases/history.html", case=case, listed=listed, page_url=page_url,
                           action_label=action_label, record_label=record_label,
                           uk_moment=uk_moment)


@bp.get("/<int:case_id>/history.csv")
@roles_required(STAFF)
def download(case_id: int):
    db = get_db()
    return send_trail(db, get_case(db, case_id))


def send_trail(db: Session, case: Case) -> Response:
    """The case's trail as a CSV download, for the page and the API alike."""
    return send_bytes(trail_csv(case_trail(db, case)).encode(), f"{case.reference}-history.csv",
                      "text/csv")
