"""The case overview's task list: where each part stands and what is next."""

from types import SimpleNamespace as Record

from casework.evidence import EvidenceSummary
from vocabulary import ComplianceStatus, DecisionStage, DecisionStatus, EvidenceStatus
from web import case_tasks
from web.case_tasks import CANNOT_START, COMPLETED, IN_PROGRESS, NOT_STARTED


def summary(**by_status) -> EvidenceSummary:
    counts = {EvidenceStatus(status): count for status, count in by_status.items()}
    return EvidenceSummary(total=sum(counts.values()), by_status=counts, by_type=[],
                           needs_review=0)


def test_evidence_is_done_once_every_file_is_read():
    assert case_tasks.evidence_task(summary()).status == NOT_STARTED
    reading = case_tasks.evidence_task(summary(processed=2, queued=1))
    assert (reading.status, reading.next_step) == (IN_PROGRESS, "3 files: 1 still being read")
    failed = case_tasks.evidence_task(summary(processed=2, failed=1))
    assert failed.status == IN_PROGRESS and "1 could not be read" in failed.next_step
    assert case_tasks.evidence_task(summary(processed=3)).status == COMPLETED


def test_findings_count_the_points_still_waiting_for_one():
    def point(findings=(), override=None):
        return Record(findings=list(findings), upheld_override=override)

    assert case_tasks.findings_task(Record(complaint_points=[]), None).status == NOT_STARTED
    waiting = case_tasks.findings_task(Record(complaint_points=[point(["f"]), point()]), None)
    assert waiting.next_step == "1 of 2 complaint points with a finding"
    done = case_tasks.findings_task(Record(complaint_points=[point(["f"]), point(override=False)]),
                                    "Partly upheld")
    assert (done.status, done.next_step) == (COMPLETED, "Outcome: partly upheld")


def test_recommendations_wait_for_a_finding_and_then_for_compliance():
    def case(findings, *statuses):
        return Record(findings=findings, recommendations=[
            Record(compliance_status=status) for status in statuses])

    assert case_tasks.recommendations_task(case([]), False).status == CANNOT_START
    assert case_tasks.recommendations_task(case(["f"]), False).status == NOT_STARTED
    followed = case_tasks.recommendations_task(
        case(["f"], ComplianceStatus.COMPLIED, ComplianceStatus.OVERDUE), True)
    assert (followed.status, followed.next_step) == (IN_PROGRESS,
                                                     "1 of 2 complied with, 1 overdue")


def test_the_decision_says_the_next_step_of_the_latest():
    def decision(stage, status):
        return Record(stage=stage, status=status, versions=[1, 2], issued_at=None)

    assert case_tasks.decision_task([], None, None).status == CANNOT_START
    assert case_tasks.decision_task([], "Upheld", None).next_step == \
        "Generate the provisional decision"
    waiting = case_tasks.decision_task(
        [decision(DecisionStage.PROVISIONAL, DecisionStatus.SUBMITTED)], "Upheld", None)
    assert waiting.next_step == "Provisional decision, version 2: waiting for a reviewer"
    assert case_tasks.publication_task(
        [decision(DecisionStage.FINAL, DecisionStatus.ISSUED)]).status == NOT_STARTED
