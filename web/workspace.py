"""The case laid out as work: its overview (a task list) and a page for each part of it, all
under the case's sub-navigation. The evidence page is web/evidence_list.py."""

from __future__ import annotations

from flask import Blueprint, render_template

from casework.cases import get_case
from casework.decisions import (
    both_sides_replied,
    case_deliveries,
    comments_due,
    list_comments,
    list_decisions,
    next_date,
    standard_label,
    version_pdf,
)
from casework.drafting import case_outcome, point_upheld
from casework.errors import DomainError
from casework.evidence import evidence_numbers, summarise_evidence
from casework.permissions import STAFF
from casework.stages import SETTLED
from vocabulary import DecisionStage, DecisionStatus
from web import case_tasks
from web.auth import roles_required
from web.forms import CommentsForm, ComplaintPointForm, FinalDecisionForm
from web.runtime import get_db, get_store, today

bp = Blueprint("workspace", __name__, url_prefix="/cases/<int:case_id>")


def outcome_label(case) -> str | None:
    """The case's outcome in words, or None while a complaint point has no finding."""
    try:
        return case_outcome(case).label
    except DomainError:
        return None


def render_overview(case) -> str:
    """The overview: the case's details and the task list of its parts."""
    db = get_db()
    decisions = list_decisions(db, case)
    settled = case.stage in SETTLED
    label = outcome_label(case)
    tasks = [
        case_tasks.evidence_task(summarise_evidence(db, case)),
        case_tasks.findings_task(case, label),
        case_tasks.recommendations_task(case, settled),
        case_tasks.decision_task(decisions, label, comments_due(db, case)),
        case_tasks.publication_task(decisions),
    ]
    return render_template("cases/show.html", case=case, tasks=tasks, settled=settled,
                           next_date=next_date(db, case))


@bp.get("/findings")
@roles_required(STAFF)
def findings(case_id: int):
    return render_findings(get_case(get_db(), case_id), ComplaintPointForm(formdata=None))


def render_findings(case, point_form: ComplaintPointForm) -> str:
    """The complaint points with their findings and citations, the case's outcome, and the
    form for a new point (`point_form`, with its errors when one was refused)."""
    point_form.text.label.text = "New complaint point"
    return render_template(
        "cases/findings.html", case=case, settled=case.stage in SETTLED, form=point_form,
        numbers=evidence_numbers(get_db(), case, {c.evidence_id for f in case.findings
                                                  for c in f.citations}),
        point_upheld=point_upheld, standard_label=standard_label,
        outcome_label=outcome_label(case))


@bp.get("/recommendations")
@roles_required(STAFF)
def recommendations(case_id: int):
    return render_recommendations(get_case(get_db(), case_id))


def render_recommendations(case, problems=(), opened: int | None = None) -> str:
    """The recommendations and, once the final decision is issued, compliance with each;
    `problems` are (message, control id) pairs from a refused compliance form, whose
    recommendation (`opened`) shows its forms open."""
    return render_template("cases/recommendations.html", case=case,
                           settled=case.stage in SETTLED, problems=list(problems),
                           opened=opened)


@bp.get("/decision")
@roles_required(STAFF)
def decision(case_id: int):
    case = get_case(get_db(), case_id)
    db = get_db()
    decisions = list_decisions(db, case)
    provisional = next((d for d in decisions if d.stage is DecisionStage.PROVISIONAL), None)
    due = comments_due(db, case)
    return render_template(
        "cases/decision.html", case=case, settled=case.stage in SETTLED, decisions=decisions,
        comments_due=due, today=today(),
        # Ready, being made or not to be made: the link says which before it is followed.
        pdfs={version.id: version_pdf(get_store(), version)
              for decision in decisions for version in decision.versions},
        comments=list_comments(db, case), comments_form=CommentsForm(),
        final_form=FinalDecisionForm(),
        # The final decision may be drafted without a reason once the period is over or
        # both sides have replied.
        final_needs_reason=due is not None and today() <= due
        and not both_sides_replied(db, case),
        provisional_issued=provisional is not None
        and provisional.status is DecisionStatus.ISSUED,
        deliveries=case_deliveries(db, case),
    )


@bp.get("/publication")
@roles_required(STAFF)
def publication(case_id: int):
    case = get_case(get_db(), case_id)
    finals = [d for d in list_decisions(get_db(), case) if d.stage is DecisionStage.FINAL]
    return render_template("cases/publication.html", case=case, settled=case.stage in SETTLED,
                           final=finals[-1] if finals else None)


def render_removal(case, what: str, detail: str, back: str) -> str:
    """The page that asks before `what` is removed from the case: a "Yes" posts back to the
    address it was asked from; "No" goes `back`."""
    return render_template("cases/confirm_removal.html", case=case, what=what, detail=detail,
                           back=back)
