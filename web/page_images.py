"""The pictures of a file's pages, shown beside their text on the evidence page."""

from __future__ import annotations

from flask import Blueprint, Response

from casework.evidence import PAGE_IMAGE_TYPE, get_evidence, page_image
from casework.permissions import STAFF
from web.auth import roles_required
from web.runtime import get_db, get_store

bp = Blueprint("page_images", __name__, url_prefix="/evidence")

# A file's bytes never change, nor do pictures drawn from them: the browser may keep them
# (privately: they show health records) instead of asking again on every visit.
_CACHE = "private, max-age=31536000, immutable"


@bp.get("/<int:evidence_id>/pages/<int:page>/image")
@roles_required(STAFF)
def image(evidence_id: int, page: int):
    return _send(evidence_id, page, thumbnail=False)


@bp.get("/<int:evidence_id>/pages/<int:page>/thumbnail")
@roles_required(STAFF)
def thumbnail(evidence_id: int, page: int):
    return _send(evidence_id, page, thumbnail=True)


def _send(evidence_id: int, page: int, *, thumbnail: bool) -> Response:
    # Looking at the evidence page is on record; the pictures it shows are part of that look.
    evidence = get_evidence(get_db(), evidence_id)
    data = page_image(get_store(), evidence, page, thumbnail=thumbnail)
    response = Response(data, mimetype=PAGE_IMAGE_TYPE)
    response.headers["Cache-Control"] = _CACHE
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
