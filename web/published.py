"""Published casework on the public pages: the index and each published decision, for anyone,
signed in or not. (Publishing and withdrawing are the investigator's: web/publication.py.)"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, render_template, request

from casework.decisions import DOCX_MEDIA_TYPE
from casework.publication import (
    PublishedFilter,
    get_published,
    publication_filename,
    publication_themes,
    published_casework,
    published_organisations,
)
from vocabulary import Outcome
from web.downloads import send_object
from web.paging import page_url
from web.runtime import get_db, get_settings, get_store

bp = Blueprint("published", __name__)

PER_PAGE = 20


@bp.get("/published")
def index():
    """Every published decision, latest first, filtered by organisation, outcome and date."""
    problems, chosen = _filter(request.args)
    listed = published_casework(get_db(), chosen, request.args.get("page", 1, type=int),
                                PER_PAGE)
    return render_template(
        "published/index.html", listed=listed, chosen=chosen, problems=problems,
        themes=theme_names(publication_themes(get_db(), listed.items)),
        all_themes=list(get_settings().themes),
        organisations=published_organisations(get_db()), outcomes=list(Outcome),
        page_url=page_url,
    ), 400 if problems else 200


@bp.get("/published/<int:publication_id>")
def show(publication_id: int):
    publication = get_published(get_db(), publication_id)
    return render_template("published/show.html", publication=publication,
                           themes=theme_names(publication_themes(get_db(), [publication])).get(
                               publication.id, []))


def theme_names(by_publication: dict[int, list[str]]) -> dict[int, list[str]]:
    """The themes' names, as the taxonomy gives them, for their slugs."""
    names = {theme.slug: theme.name for theme in get_settings().themes}
    return {key: [names.get(slug, slug) for slug in slugs]
            for key, slugs in by_publication.items()}


@bp.get("/published/<int:publication_id>/decision.docx")
def document(publication_id: int):
    publication = get_published(get_db(), publication_id)
    return send_object(get_store(), publication.published_version.object_key,
                       publication_filename(publication.decision), DOCX_MEDIA_TYPE)


def _filter(args) -> tuple[list[tuple[str, str]], PublishedFilter]:
    """The index's filters as chosen, and what is wrong with them."""
    problems = []
    dates = {}
    for name, label in (("from", "From"), ("to", "To")):
        raw = args.get(name, "").strip()
        try:
            dates[name] = date.fromisoformat(raw) if raw else None
        except ValueError:
            dates[name] = None
            problems.append((f"{label} must be a real date, like 2026-03-31", name))
    outcome = args.get("outcome") or None
    if outcome not in {None, *(o.value for o in Outcome)}:
        problems.append(("Choose an outcome from the list", "outcome"))
        outcome = None
    return problems, PublishedFilter(
        organisation=args.get("organisation") or None, theme=args.get("theme") or None,
        outcome=Outcome(outcome) if outcome else None,
        decided_from=dates["from"], decided_to=dates["to"])
