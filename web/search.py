"""Search across cases: one search over every case the person may read, with filters."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from wtforms.fields.choices import SelectChoice

from casework.evidence import SearchResults
from casework.insight import CaseSearch, readable_organisations, record_case_search, search_cases
from casework.paging import PER_PAGE
from casework.permissions import STAFF
from vocabulary import DocType, Outcome
from web.auth import current_actor, roles_required
from web.forms import CaseSearchForm
from web.highlight import highlight_snippet
from web.ids import record_id
from web.paging import page_url
from web.runtime import commit, get_db, get_settings

bp = Blueprint("search", __name__, url_prefix="/search")


def _asked(form: CaseSearchForm) -> CaseSearch:
    """What the form asks for; choices it does not offer are read as no filter."""
    themes = get_settings().themes
    return CaseSearch(
        (form.q.data or "").strip(),
        organisation_id=record_id(form.organisation.data),
        theme=form.theme.data if themes.get(form.theme.data or "") else None,
        outcome=Outcome(form.outcome.data) if form.outcome.data in Outcome.values() else None,
        doc_type=DocType(form.doc_type.data) if form.doc_type.data in DocType.values() else None,
        uploaded_from=form.uploaded_from.data, uploaded_to=form.uploaded_to.data)


@bp.get("/")
@roles_required(STAFF)
def index():
    db, reader = get_db(), current_actor()
    form = CaseSearchForm(request.args)
    form.validate()  # a date that does not parse is shown beside its field, and ignored
    form.organisation.choices = [SelectChoice("", "Any organisation")] + [
        SelectChoice(str(o.id), o.name) for o in readable_organisations(db, reader)]
    form.theme.choices = [SelectChoice("", "Any theme")] + [
        SelectChoice(theme.slug, theme.name) for theme in get_settings().themes]
    asked = _asked(form)
    listed = SearchResults([], 0, 1, PER_PAGE)
    if asked.words:
        record_case_search(db, reader, asked)
        commit()
        listed = search_cases(db, reader, asked, page=record_id(request.args.get("page")) or 1)
    return render_template("search/index.html", form=form, asked=asked, listed=listed,
                           page_url=page_url,
                           hits=[(hit, highlight_snippet(hit.snippet)) for hit in listed.items])
