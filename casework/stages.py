"""A case's stage: where it is in its life, moved forward one step at a time, on record."""

from __future__ import annotations

from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import Conflict
from storage.models import Case, User
from vocabulary import CaseStage

# Each stage and the stages it may move to.
NEXT = {
    CaseStage.INVESTIGATION: {CaseStage.PROVISIONAL_ISSUED},
    CaseStage.PROVISIONAL_ISSUED: {CaseStage.FINAL_ISSUED},
    CaseStage.FINAL_ISSUED: {CaseStage.FOLLOW_UP, CaseStage.CLOSED},
    CaseStage.FOLLOW_UP: {CaseStage.CLOSED},
    CaseStage.CLOSED: set(),
}

# Once the final decision is issued its findings, recommendations and points are settled.
SETTLED = frozenset({CaseStage.FINAL_ISSUED, CaseStage.FOLLOW_UP, CaseStage.CLOSED})


def move_case(session: Session, actor: User | None, case: Case, stage: CaseStage) -> None:
    """Move the case to `stage`, which must follow its present one."""
    if stage not in NEXT[case.stage]:
        raise Conflict(f"A case at {case.stage.label.lower()} cannot move to "
                       f"{stage.label.lower()}")
    record_event(session, actor, "case.stage_changed", case, case_id=case.id,
                 **{"from": case.stage.value, "to": stage.value})
    case.stage = stage


def check_editable(case: Case) -> None:
    """Refuse a change to what the issued final decision said."""
    if case.stage in SETTLED:
        raise Conflict(f"The final decision on {case.reference} has been issued: its "
                       "complaint points, findings and recommendations can no longer change")
