"""The files waiting for their type, across the cases the signed-in person may see."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from casework.evidence import files_to_review
from casework.permissions import STAFF
from web.auth import current_actor, roles_required
from web.paging import page_url
from web.runtime import get_db

bp = Blueprint("review_queue", __name__)


@bp.get("/files-to-review")
@roles_required(STAFF)
def index():
    listed = files_to_review(get_db(), current_actor(), request.args.get("page", 1, type=int))
    return render_template("evidence/to_review.html", listed=listed, page_url=page_url)
