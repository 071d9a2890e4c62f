"""The case's evidence as a list of its own, a page at a time, and the summary of it that the
case page shows (polled by htmx while files are processed)."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from casework.cases import get_case
from casework.evidence import EvidenceQuery, list_case_evidence, summarise_evidence
from casework.permissions import STAFF
from vocabulary import DocType, EvidenceSort, EvidenceStatus
from web.auth import roles_required
from web.forms import EvidenceListForm
from web.paging import page_url
from web.runtime import get_db

bp = Blueprint("evidence_list", __name__, url_prefix="/cases/<int:case_id>")


@bp.get("/evidence")
@roles_required(STAFF)
def index(case_id: int):
    case = get_case(get_db(), case_id)
    form = EvidenceListForm(request.args)
    # A filter the address got wrong is shown beside it and left out, never a failed page.
    form.validate()
    listed = list_case_evidence(get_db(), case, _query(form))
    return render_template("evidence/list.html", case=case, form=form, listed=listed,
                           page_url=page_url)


@bp.get("/evidence-summary")
@roles_required(STAFF)
def summary(case_id: int):
    """The case page's evidence summary alone."""
    case = get_case(get_db(), case_id)
    return render_template("cases/_evidence_summary.html", case=case,
                           summary=summarise_evidence(get_db(), case))


def _query(form: EvidenceListForm) -> EvidenceQuery:
    def chosen(field, vocabulary):
        return vocabulary(field.data) if field.data in vocabulary.values() else None

    def flag(field):
        return {"true": True, "false": False}.get(field.data or "")

    def day(field):
        return None if field.errors else field.data

    return EvidenceQuery(
        page=form.page.data if not form.page.errors and form.page.data else 1,
        status=chosen(form.status, EvidenceStatus), doc_type=chosen(form.doc_type, DocType),
        needs_review=flag(form.needs_review), mentioning=(form.mentioning.data or "").strip(),
        uploaded_from=day(form.uploaded_from), uploaded_to=day(form.uploaded_to),
        sort=chosen(form.sort, EvidenceSort) or EvidenceSort.NUMBER,
        descending=flag(form.descending) or False)
