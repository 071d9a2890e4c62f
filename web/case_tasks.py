"""The case overview's task list: each part of the work, where it stands and what is next.

Worded for the investigator reading the overview (the GOV.UK task list pattern); the facts
come from the records the sub-pages show, so the list never disagrees with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from casework.formats import uk_date
from vocabulary import ComplianceStatus, DecisionStage, DecisionStatus

# The task list pattern's statuses, and the tag each is shown in ("Completed" is plain text,
# so that what still needs doing stands out).
NOT_STARTED = "Not yet started"
IN_PROGRESS = "In progress"
COMPLETED = "Completed"
CANNOT_START = "Cannot start yet"
STATUS_CLASSES = {
    NOT_STARTED: "govuk-tag govuk-tag--blue",
    IN_PROGRESS: "govuk-tag govuk-tag--light-blue",
    COMPLETED: "",
    CANNOT_START: "",
}


@dataclass(frozen=True)
class Task:
    """One line of the task list: the part of the case, its sub-page, where it stands and
    the next thing to do there."""

    name: str
    endpoint: str
    status: str
    next_step: str

    @property
    def status_classes(self) -> str:
        return STATUS_CLASSES[self.status]

    @property
    def slug(self) -> str:
        return self.endpoint.rsplit(".", 1)[-1]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def evidence_task(summary) -> Task:
    """From the evidence summary (casework.evidence.EvidenceSummary)."""
    def task(status, next_step):
        return Task("Evidence", "evidence_list.index", status, next_step)

    if not summary.total:
        return task(NOT_STARTED, "Upload the complaint, the organisation's response and "
                                 "the records")
    files = _plural(summary.total, "file")
    if summary.unfinished:
        return task(IN_PROGRESS, f"{files}: {summary.unfinished} still being read")
    if summary.failed:
        return task(IN_PROGRESS, f"{files}: {summary.failed} could not be read; "
                                 "try again or upload another copy")
    if summary.needs_review:
        return task(IN_PROGRESS, f"{files}: check the type of {summary.needs_review}")
    return task(COMPLETED, f"{files}, all read. Upload more as they arrive")


def findings_task(case, outcome_label: str | None) -> Task:
    def task(status, next_step):
        return Task("Complaint points and findings", "workspace.findings", status, next_step)

    points = case.complaint_points
    if not points:
        return task(NOT_STARTED, "Set out each thing the complainant says went wrong")
    awaiting = [p for p in points if p.upheld_override is None and not p.findings]
    if awaiting:
        done = len(points) - len(awaiting)
        return task(IN_PROGRESS, f"{done} of {_plural(len(points), 'complaint point')} "
                                 "with a finding")
    return task(COMPLETED, f"Outcome: {(outcome_label or 'not decided').lower()}")


def recommendations_task(case, settled: bool) -> Task:
    def task(status, next_step):
        return Task("Recommendations", "workspace.recommendations", status, next_step)

    recommendations = case.recommendations
    if settled and recommendations:
        complied = sum(r.compliance_status is ComplianceStatus.COMPLIED
                       for r in recommendations)
        overdue = sum(r.compliance_status is ComplianceStatus.OVERDUE for r in recommendations)
        status = COMPLETED if complied == len(recommendations) else IN_PROGRESS
        note = f", {overdue} overdue" if overdue else ""
        return task(status, f"{complied} of {len(recommendations)} complied with{note}")
    if not case.findings:
        return task(CANNOT_START, "Add a finding first")
    if not recommendations:
        return task(NOT_STARTED, "Recommend how to put things right, where a point is upheld")
    return task(COMPLETED, _plural(len(recommendations), "recommendation"))


def decision_task(decisions, outcome_label: str | None, comments_due) -> Task:
    def task(status, next_step):
        return Task("Decision", "workspace.decision", status, next_step)

    if not decisions:
        if outcome_label is None:
            return task(CANNOT_START, "Every complaint point needs a finding first")
        return task(NOT_STARTED, "Generate the provisional decision")
    latest = decisions[-1]
    stage = latest.stage.label
    versions = len(latest.versions)
    if latest.status is DecisionStatus.ISSUED:
        if latest.stage is DecisionStage.FINAL:
            return task(COMPLETED, f"{stage} issued on {uk_date(latest.issued_at)}")
        due = f": comments due by {uk_date(comments_due)}" if comments_due else ""
        return task(IN_PROGRESS, f"{stage} issued{due}. Then draft the final decision")
    return task(IN_PROGRESS, {
        DecisionStatus.DRAFT: f"{stage}, version {versions}: submit it for review",
        DecisionStatus.SUBMITTED: f"{stage}, version {versions}: waiting for a reviewer",
        DecisionStatus.CHANGES_REQUESTED: f"{stage}: the reviewer asked for changes",
        DecisionStatus.APPROVED: f"{stage}, version {versions}: approved, ready to issue",
    }[latest.status])


def publication_task(decisions) -> Task:
    def task(status, next_step):
        return Task("Publication", "workspace.publication", status, next_step)

    if any(d.stage is DecisionStage.FINAL and d.status is DecisionStatus.ISSUED
           for d in decisions):
        return task(NOT_STARTED, "Approve the anonymisation map, then download the "
                                 "anonymised decision")
    return task(CANNOT_START, "After the final decision is issued")
