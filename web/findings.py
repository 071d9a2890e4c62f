"""Drafting pages: complaint points and their outcomes, findings and their citations."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from wtforms.fields.choices import SelectChoice

from casework.cases import get_case
from casework.drafting import (
    CitationInput,
    EditConflict,
    FindingInput,
    add_citation,
    add_complaint_point,
    add_finding,
    change_finding,
    derived_case_outcome,
    derived_point_upheld,
    get_complaint_point,
    get_finding,
    override_case_outcome,
    override_point,
    remove_citation,
    remove_complaint_point,
    reword_complaint_point,
)
from casework.errors import DomainError, ValidationFailed
from casework.evidence import (
    evidence_numbered,
    evidence_numbers,
    evidence_page,
    record_access,
)
from casework.permissions import DRAFTERS
from web.auth import current_actor, roles_required
from web.forms import (
    NEW_FINDING,
    NEW_POINT,
    NO_PRINCIPLE,
    CaseOutcomeForm,
    CiteForm,
    ComplaintPointForm,
    FindingForm,
    PointOutcomeForm,
    show_conflict,
    show_error,
)
from web.ids import record_id
from web.runtime import commit, get_db
from web.themes import learning_for_point
from web.workspace import render_findings, render_removal

bp = Blueprint("findings", __name__, url_prefix="/cases/<int:case_id>")


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


@bp.post("/complaint-points")
@roles_required(DRAFTERS)
def add_point(case_id: int):
    case = get_case(get_db(), case_id)
    form = ComplaintPointForm()
    if form.validate_on_submit():
        try:
            point = add_complaint_point(get_db(), case, current_actor(), form.text.data)
        except DomainError as error:
            show_error(form, error, "text")
        else:
            commit()
            flash(f"Complaint point {point.number} added.", "success")
            return redirect(url_for("workspace.findings", case_id=case.id,
                                    _anchor=f"point-{point.number}"))
    return render_findings(case, form), 422


@bp.route("/complaint-points/<int:point_id>/edit", methods=["GET", "POST"])
@roles_required(DRAFTERS)
def edit_point(case_id: int, point_id: int):
    case = get_case(get_db(), case_id)
    point = get_complaint_point(get_db(), case, point_id)
    form = ComplaintPointForm(obj=point)
    if form.validate_on_submit():
        try:
            reword_complaint_point(get_db(), point, current_actor(), form.text.data)
        except DomainError as error:
            show_error(form, error, "text")
        else:
            commit()
            flash(f"Complaint point {point.number} saved.", "success")
            return redirect(url_for("workspace.findings", case_id=case.id,
                                    _anchor=f"point-{point.number}"))
    return render_template("findings/point.html", case=case, point=point, form=form,
                           **learning_for_point(point)), 422 if form.errors else 200


@bp.route("/complaint-points/<int:point_id>/remove", methods=["GET", "POST"])
@roles_required(DRAFTERS)
def remove_point(case_id: int, point_id: int):
    """Asks first; removes when the answer is posted."""
    case = get_case(get_db(), case_id)
    point = get_complaint_point(get_db(), case, point_id)
    back = url_for("workspace.findings", case_id=case.id, _anchor=f"point-{point.number}")
    if request.method == "GET":
        return render_removal(case, f"complaint point {point.number}", point.text, back)
    number = point.number
    try:
        remove_complaint_point(get_db(), point, current_actor())
    except DomainError as error:
        flash(error.message, "error")
        return redirect(back)
    commit()
    flash(f"Complaint point {number} removed; the points after it were renumbered.",
          "success")
    return redirect(url_for("workspace.findings", case_id=case.id))


@bp.route("/complaint-points/<int:point_id>/outcome", methods=["GET", "POST"])
@roles_required(DRAFTERS)
def point_outcome(case_id: int, point_id: int):
    case = get_case(get_db(), case_id)
    point = get_complaint_point(get_db(), case, point_id)
    form = PointOutcomeForm()
    if request.method == "GET" and point.upheld_override is not None:
        form.upheld.data = "yes" if point.upheld_override else "no"
        form.reason.data = point.override_reason
    if form.validate_on_submit():
        upheld = {"yes": True, "no": False}.get(form.upheld.data)
        try:
            override_point(get_db(), point, current_actor(), upheld, form.reason.data or "")
        except DomainError as error:
            show_error(form, error, "reason")
        else:
            commit()
            flash(f"Outcome of complaint point {point.number} saved.", "success")
            return redirect(url_for("workspace.findings", case_id=case.id))
    return render_template("findings/point_outcome.html", case=case, point=point, form=form,
                           derived=derived_point_upheld(point)), 422 if form.errors else 200


@bp.route("/outcome", methods=["GET", "POST"])
@roles_required(DRAFTERS)
def case_outcome_page(case_id: int):
    case = get_case(get_db(), case_id)
    form = CaseOutcomeForm()
    if request.method == "GET" and case.outcome_override is not None:
        form.outcome.data = case.outcome_override.value
        form.reason.data = case.outcome_override_reason
    if form.validate_on_submit():
        chosen = None if form.outcome.data == "derived" else form.outcome.data
        try:
            override_case_outcome(get_db(), case, current_actor(), chosen,
                                  form.reason.data or "")
        except DomainError as error:
            show_error(form, error, "reason")
        else:
            commit()
            flash("Outcome of the case saved.", "success")
            return redirect(url_for("workspace.findings", case_id=case.id))
    try:
        derived = derived_case_outcome(case).label
    except DomainError as error:
        derived = None
        if request.method == "GET":
            flash(error.message, "info")
    return render_template("findings/case_outcome.html", case=case, form=form,
                           derived=derived), 422 if form.errors else 200


@bp.route("/cite", methods=["GET", "POST"])
@roles_required(DRAFTERS)
def cite(case_id: int):
    """Cite a page, or a passage of it, from a search hit or the evidence viewer.

    The passage comes by POST, never in the address: quotes from clinical records must not
    end up in access logs or browser history. A POST without `finding_id` opens the form with
    the passage filled in; one with it adds the citation.
    """
    case = get_case(get_db(), case_id)
    form = CiteForm(request.form if request.method == "POST" else request.args)
    evidence, page = _cited_page(case, form.evidence_id.data, form.page.data)
    form.finding_id.choices = [
        SelectChoice(str(f.id), f"Complaint point {p.number}: {f.title}")
        for p in case.complaint_points for f in p.findings
    ] + [SelectChoice(NEW_FINDING, "A new finding")]
    if request.method == "GET":
        form.quote.data = ""
    elif not form.validate():
        abort(400)
    elif "finding_id" in request.form:
        quote = form.quote.data or ""
        if form.finding_id.data == NEW_FINDING:
            return _finding_page(case, _finding_form(case, cited=(evidence, page, quote)))
        finding = get_finding(get_db(), case, record_id(form.finding_id.data) or 0)
        try:
            add_citation(get_db(), finding, current_actor(),
                         CitationInput(evidence.id, page.number, quote))
        except DomainError as error:
            show_error(form, error, "quote")
        else:
            commit()
            # No title in the message: flashed messages travel in the session cookie.
            flash("Citation added.", "success")
            return redirect(url_for("workspace.findings", case_id=case.id,
                                    _anchor=f"finding-{finding.id}"))
    # The page's whole text is shown beside the form: a read of the evidence.
    record_access(get_db(), current_actor(), evidence, "viewed")
    commit()
    return render_template("findings/cite.html", case=case, form=form, evidence=evidence,
                           page=page, number=evidence.number), \
        422 if form.errors else 200


def _cited_page(case, evidence_id: str | None, number: str | None):
    """The evidence and page a "cite this" names, which must belong to the case."""
    evidence_id, number = record_id(evidence_id), record_id(number)
    if evidence_id is None or number is None:
        abort(404)
    return evidence_page(get_db(), case, evidence_id, number)


def _finding_form(case, finding=None, cited=None, stored=False) -> FindingForm:
    """The finding form for `case`: empty, filled from `finding`, or citing `cited`, an
    (evidence, page, quote) that "cite this" brought; `stored` fills it from `finding` as
    stored even on a POST."""
    if stored:
        form = FindingForm(formdata=None, obj=finding)
    else:
        form = FindingForm(obj=finding) if finding is not None else FindingForm()
    form.complaint_point_id.choices = [
        SelectChoice(str(p.id), f"{p.number}. {_shorten(p.text)}") for p in case.complaint_points
    ] + [SelectChoice(NEW_POINT, "A new complaint point")]
    if cited is not None:
        evidence, page, quote = cited
        form.process(formdata=None, data={"citation_number": evidence.number,
                                          "citation_page": page.number,
                                          "citation_quote": quote})
    elif (stored or request.method == "GET") and finding is not None:
        form.complaint_point_id.data = str(finding.complaint_point_id)
        form.principle.data = finding.principle.value if finding.principle else NO_PRINCIPLE
        form.conclusion.data = finding.conclusion.value
    return form


def _finding_input(case, form: FindingForm) -> FindingInput:
    citations = ()
    number = form.citation_number.data
    if number is not None:
        evidence = evidence_numbered(get_db(), case, number)
        if evidence is None:
            raise ValidationFailed(f"There is no evidence {number} in this case: the evidence "
                                   "list shows each file's number", field="citation_number")
        citations = (CitationInput(evidence.id, form.citation_page.data or 1,
                                   form.citation_quote.data or ""),)
    return FindingInput(
        title=form.title.data,
        complaint_point_id=record_id(form.complaint_point_id.data),
        complaint_point=form.new_complaint_point.data or "",
        what_happened=form.what_happened.data,
        what_should_have_happened=form.what_should_have_happened.data,
        principle="" if form.principle.data in (None, NO_PRINCIPLE) else form.principle.data,
        guidance=form.guidance.data or "",
        conclusion=form.conclusion.data, injustice=form.injustice.data or "",
        citations=citations,
    )


def _finding_page(case, form: FindingForm, finding=None, unsaved=None):
    """The finding form: a new finding, or `finding` to change; 422 with errors on it; 409
    with `unsaved`, the form the person sent, when someone else saved first."""
    status = 409 if unsaved is not None else 422 if form.errors else 200
    return render_template("findings/form.html", case=case, form=form, finding=finding,
                           numbers=evidence_numbers(get_db(), case, {
                               c.evidence_id for c in (finding.citations if finding else ())}),
                           unsaved=unsaved), status


@bp.route("/findings/new", methods=["GET", "POST"])
@roles_required(DRAFTERS)
def new_finding(case_id: int):
    case = get_case(get_db(), case_id)
    form = _finding_form(case)
    if request.method == "GET" and record_id(request.args.get("point")):
        # Arriving from a complaint point's "Add a finding".
        form.complaint_point_id.data = request.args["point"]
    if form.validate_on_submit():
        try:
            finding = add_finding(get_db(), case, current_actor(), _finding_input(case, form))
        except DomainError as error:
            show_error(form, error, "citation_quote")
        else:
            commit()
            flash("Finding added.", "success")
            return redirect(url_for("workspace.findings", case_id=case.id,
                                    _anchor=f"finding-{finding.id}"))
    return _finding_page(case, form)


@bp.route("/findings/<int:finding_id>/edit", methods=["GET", "POST"])
@roles_required(DRAFTERS)
def edit_finding(case_id: int, finding_id: int):
    case = get_case(get_db(), case_id)
    finding = get_finding(get_db(), case, finding_id)
    form = _finding_form(case, finding)
    if form.validate_on_submit():
        try:
            change_finding(get_db(), finding, current_actor(), _finding_input(case, form),
                           expected_version=form.version.data)
        except EditConflict as error:
            get_db().rollback()
            show_conflict(error)
            return _finding_page(case, _finding_form(case, finding, stored=True), finding,
                                 unsaved=form)
        except DomainError as error:
            get_db().rollback()
            show_error(form, error, "citation_quote")
        else:
            commit()
            flash("Finding saved.", "success")
            return redirect(url_for("workspace.findings", case_id=case.id,
                                    _anchor=f"finding-{finding.id}"))
    return _finding_page(case, form, finding)


@bp.route("/findings/<int:finding_id>/citations/<int:citation_id>/remove",
          methods=["GET", "POST"])
@roles_required(DRAFTERS)
def remove_finding_citation(case_id: int, finding_id: int, citation_id: int):
    """Asks first; removes when the answer is posted."""
    case = get_case(get_db(), case_id)
    finding = get_finding(get_db(), case, finding_id)
    back = url_for("workspace.findings", case_id=case.id, _anchor=f"finding-{finding.id}")
    if request.method == "GET":
        citation = next((c for c in finding.citations if c.id == citation_id), None)
        if citation is None:
            abort(404)
        number = evidence_numbers(get_db(), case, {citation.evidence_id})[citation.evidence_id]
        return render_removal(case, f"the citation of evidence {number}, page {citation.page}",
                              f"From the finding “{finding.title}”.", back)
    remove_citation(get_db(), finding, current_actor(), citation_id)
    commit()
    flash("Citation removed.", "success")
    return redirect(back)
