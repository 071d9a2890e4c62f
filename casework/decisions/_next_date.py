"""The next date that matters on a case: what the case list shows and sorts by."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from casework.decisions._versions import comments_due
from storage.models import Case
from vocabulary import CaseStage, ComplianceStatus


@dataclass(frozen=True)
class NextDate:
    what: str
    on: date


def next_date(session: Session, case: Case) -> NextDate | None:
    """Comments due while the comment period is open; the first recommendation still to be
    complied with while the organisation is complying; else nothing."""
    if case.stage is CaseStage.PROVISIONAL_ISSUED:
        due = comments_due(session, case)
        return NextDate("Comments due", due) if due is not None else None
    if case.stage is CaseStage.FOLLOW_UP:
        dates = [r.due_date for r in case.recommendations if r.due_date is not None
                 and r.compliance_status is not ComplianceStatus.COMPLIED]
        return NextDate("Recommendation due", min(dates)) if dates else None
    return None
