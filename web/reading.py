"""Reading across a case's evidence: the chronology (page and CSV) and search."""

from __future__ import annotations

import csv
import io

from flask import (
    Blueprint,
    Response,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)

from casework.audit import record_search
from casework.cases import get_case, record_case_access
from casework.drafting import quote_from_snippet
from casework.evidence import (
    SearchResults,
    case_chronology,
    choose_for_decision,
    chronology_page,
    evidence_by_id,
    evidence_numbers,
    numbers_and_names,
    search_case,
)
from casework.formats import spreadsheet_cell
from casework.paging import PER_PAGE
from casework.permissions import DRAFTERS, STAFF
from vocabulary import DocType
from web.auth import current_actor, roles_required
from web.chronology_forms import NewEventForm
from web.highlight import highlight_snippet
from web.ids import record_id
from web.paging import page_url
from web.runtime import commit, get_db

bp = Blueprint("reading", __name__, url_prefix="/cases/<int:case_id>")


@bp.get("/chronology")
@roles_required(STAFF)
def chronology(case_id: int):
    case = get_case(get_db(), case_id)
    record_case_access(get_db(), current_actor(), case, "chronology_viewed")
    commit()
    return chronology_with(case, NewEventForm())


def chronology_with(case, form: NewEventForm) -> str:
    """The page of the chronology the address asks for, the dismissed events apart, with the
    form that adds an event (holding what was sent, and its errors, when one was refused)."""
    dismissed = request.args.get("dismissed") == "yes"
    listed = chronology_page(get_db(), case, record_id(request.args.get("page")) or 1,
                             dismissed=dismissed)
    # Only the files this page's events are told in: a large case holds thousands.
    shown = {source for entry in listed.items
             for source, _page in [(entry.evidence_id, entry.page), *entry.also_in]}
    return render_template("reading/chronology.html", case=case, listed=listed,
                           page_url=page_url, numbers=evidence_numbers(get_db(), case, shown),
                           dismissed=dismissed, form=form)


@bp.post("/chronology/<int:event_id>/decision")
@roles_required(DRAFTERS)
def choose_event(case_id: int, event_id: int):
    """Put an event in the decision's "What happened", or take it out again."""
    case = get_case(get_db(), case_id)
    chosen = request.form.get("in_decision") == "yes"
    choose_for_decision(get_db(), case, current_actor(), event_id, chosen)
    commit()
    return back_to_event(case, event_id)


def back_to_event(case, event_id: int, **args):
    """Back to the page of the chronology the event was changed on (the form's "page"), at
    the event."""
    page = record_id(request.form.get("page")) or 1
    return redirect(url_for("reading.chronology", case_id=case.id, _anchor=f"event-{event_id}",
                            **({"page": page} if page > 1 else {}), **args))


@bp.get("/chronology.csv")
@roles_required(STAFF)
def chronology_csv(case_id: int):
    case = get_case(get_db(), case_id)
    record_case_access(get_db(), current_actor(), case, "chronology_downloaded")
    commit()
    files = numbers_and_names(get_db(), case)

    def evidence(evidence_id: int) -> str:
        return f"Evidence {files[evidence_id][0]}"

    def lines():
        # Written as it is read: every event of a large case, never all of them in memory.
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["date", "event", "evidence", "file", "page", "also in"])
        for entry in case_chronology(get_db(), case):
            writer.writerow([
                entry.date.isoformat(), spreadsheet_cell(entry.text),
                evidence(entry.evidence_id), spreadsheet_cell(files[entry.evidence_id][1]),
                entry.page, "; ".join(f"{evidence(i)}, page {p}" for i, p in entry.also_in),
            ])
            yield out.getvalue()
            out.seek(0)
            out.truncate()
        yield out.getvalue()

    return Response(stream_with_context(lines()), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{case.reference}-chronology.csv"'})


@bp.get("/search")
@roles_required(STAFF)
def search(case_id: int):
    case = get_case(get_db(), case_id)
    query = request.args.get("q", "").strip()
    doc_type = request.args.get("doc_type") or None
    entity = request.args.get("entity", "").strip() or None
    listed = SearchResults([], 0, 1, PER_PAGE)
    if query:
        record_search(get_db(), current_actor(), case, doc_type=doc_type, entity=entity)
        commit()
        listed = search_case(get_db(), case, query, doc_type=doc_type, entity=entity,
                             page=record_id(request.args.get("page")) or 1)
    # Only the files the hits are in: a large case holds thousands.
    files = evidence_by_id(get_db(), case, {hit.evidence_id for hit in listed.items})
    return render_template(
        "reading/search.html", case=case, query=query, doc_type=doc_type, entity=entity or "",
        doc_types=DocType.assignable(), numbers=evidence_numbers(get_db(), case, files),
        listed=listed, page_url=page_url,
        hits=[(hit, files[hit.evidence_id], highlight_snippet(hit.snippet),
               quote_from_snippet(hit.snippet)) for hit in listed.items],
    )
