"""The case's evidence page: the upload, a summary of the files (polled by htmx while they
are read), and the list of them, a page at a time, sorted and filtered."""

from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for

from casework.cases import get_case
from casework.errors import DomainError, UnsupportedMediaType
from casework.evidence import (
    EvidenceQuery,
    Upload,
    add_evidence,
    list_case_evidence,
    summarise_evidence,
    supported_labels_text,
    to_process,
)
from casework.permissions import DRAFTERS, STAFF
from vocabulary import DocType, EvidenceSort, EvidenceStatus
from web.auth import current_actor, roles_required
from web.errors import http_status
from web.forms import EvidenceListForm, UploadForm
from web.paging import page_url
from web.runtime import commit, get_db, get_settings, get_store, send_committed_evidence

bp = Blueprint("evidence_list", __name__, url_prefix="/cases/<int:case_id>")


@bp.get("/evidence")
@roles_required(STAFF)
def index(case_id: int):
    return _evidence_page(get_case(get_db(), case_id), UploadForm(formdata=None))


@bp.post("/evidence")
@roles_required(DRAFTERS)
def upload(case_id: int):
    """Files sent with the form, or one at a time by the page's drag-and-drop, which asks
    for JSON so that it can show each file's progress and result beside it."""
    case = get_case(get_db(), case_id)
    form = UploadForm()
    files = [f for f in request.files.getlist("files") if f and f.filename]
    if form.validate_on_submit():
        try:
            items = add_evidence(
                get_db(), get_store(), case, current_actor(),
                [Upload(f.filename, f.stream) for f in files], get_settings().max_upload_bytes,
            )
        except DomainError as error:
            form.files.errors.append(_plain(error))
            status = http_status(error)
        else:
            commit()
            note = send_committed_evidence(to_process(items))
            if _wants_json():
                # The page shows each file's result beside it: no banner on the next page.
                return jsonify({"uploaded": [e.filename for e in items], "note": note}), 201
            names = ", ".join(e.filename for e in items)
            flash(f"Uploaded {names}. {note or 'Processing has started.'}", "success")
            return redirect(url_for("evidence_list.index", case_id=case.id))
    else:
        status = 400
    if _wants_json():
        message = form.files.errors[0] if form.files.errors else "The upload was refused"
        return jsonify({"error": {"code": "upload_refused", "message": message}}), status
    return _evidence_page(case, form), status


def _wants_json() -> bool:
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) \
        == "application/json"


def _plain(error: DomainError) -> str:
    """The refusal in the words of the page: the domain's message for an unsupported type
    lists media types, which API clients want and people cannot read."""
    name, found, _media_types = error.message.partition(" is not a supported type")
    if isinstance(error, UnsupportedMediaType) and found:
        return (f"{name} is not a kind of file we can read. Upload one of these instead: "
                f"{supported_labels_text()}")
    return error.message


def _evidence_page(case, upload_form: UploadForm):
    form = EvidenceListForm(request.args)
    # A filter the address got wrong is shown beside it and left out, never a failed page.
    form.validate()
    listed = list_case_evidence(get_db(), case, _query(form))
    return render_template("evidence/list.html", case=case, filters=form, listed=listed,
                           upload_form=upload_form, form=upload_form,
                           summary=summarise_evidence(get_db(), case), page_url=page_url)


@bp.get("/evidence-summary")
@roles_required(STAFF)
def summary(case_id: int):
    """The evidence page's summary alone."""
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
