"""Published casework for anyone, without a token: the index of published decisions with
their case summaries, and each anonymised decision in Word."""

from __future__ import annotations

from flask import url_for

from casework.decisions import DOCX_MEDIA_TYPE
from casework.publication import (
    PublishedFilter,
    get_published,
    publication_filename,
    publication_themes,
    published_casework,
)
from web.api import bp, schemas
from web.api.refusals import refusals
from web.downloads import send_object
from web.paging import page_answer
from web.published import theme_names
from web.runtime import get_db, get_store


@bp.get("/published")
@bp.arguments(schemas.PublishedQuery, location="query")
@bp.response(200, schemas.PublishedDecisions)
@refusals(422)
def published_index(query):
    """Published decisions, latest issued first, a page at a time: no token needed

    Only final decisions whose anonymised version was approved and published, and not
    withdrawn, with their anonymised case summaries.
    """
    listed = published_casework(get_db(), PublishedFilter(
        organisation=query["organisation"], outcome=query["outcome"], theme=query["theme"],
        decided_from=query["decided_from"], decided_to=query["decided_to"]),
        query["page"], query["per_page"])
    themes = theme_names(publication_themes(get_db(), listed.items))
    return page_answer(listed, [
        {"id": p.id, "organisation": p.organisation, "outcome": p.outcome,
         "themes": themes.get(p.id, []), "decided_on": p.decided_on,
         "public_summary": p.public_summary,
         "document_url": url_for("api.published_document", publication_id=p.id)}
        for p in listed.items])


@bp.get("/published/<int:publication_id>/decision.docx")
@bp.alt_response(200, schema=schemas.BINARY, content_type=DOCX_MEDIA_TYPE, success=True,
                 description="The anonymised decision")
@refusals(404)
def published_document(publication_id: int):
    """A published decision, anonymised, in Word: no token needed"""
    publication = get_published(get_db(), publication_id)
    return send_object(get_store(), publication.published_version.object_key,
                       publication_filename(publication.decision), DOCX_MEDIA_TYPE)
