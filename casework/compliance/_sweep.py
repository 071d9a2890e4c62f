"""The daily sweep: recommendations of an issued final decision that are due soon get a
reminder to the organisation; those whose due date has passed are marked overdue and get
another.

Each reminder is a row made once (unique by recommendation, kind and due date), and only the
sweep that makes it sends it and marks the recommendation overdue: a sweep run twice, or two
at the same moment, sends nothing twice. A new due date agreed earns reminders of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from casework.audit import record_event
from casework.compliance._queries import issued_final
from casework.decisions import deliver_reminder
from storage.db import change_if, insert_unless_present
from storage.models import Case, ComplianceEntry, Recommendation, Reminder
from vocabulary import (
    ComplianceStatus,
    ComplianceStep,
    ReminderKind,
)


@dataclass
class SweepResult:
    """What one sweep did: the recommendations it marked overdue, the reminders it made, and
    the email deliveries the caller queues once it has committed."""

    overdue: list[int] = field(default_factory=list)
    reminders: list[int] = field(default_factory=list)
    emails: list[int] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{len(self.overdue)} marked overdue, {len(self.reminders)} reminder(s) made, "
                f"{len(self.emails)} email(s) queued")


def _due_by(session: Session, last_day: date) -> list[Recommendation]:
    """Recommendations not yet complied with, due by `last_day`, whose case's final decision
    has been issued (before that, nothing is owed)."""
    return list(session.scalars(
        select(Recommendation)
        .where(issued_final(),
               Recommendation.due_date.is_not(None),
               Recommendation.due_date <= last_day,
               Recommendation.compliance_status != ComplianceStatus.COMPLIED)
        .options(joinedload(Recommendation.case).joinedload(Case.organisation))
        .order_by(Recommendation.due_date, Recommendation.id)))


def _make_reminder(session: Session, recommendation: Recommendation,
                   kind: ReminderKind) -> Reminder | None:
    """The reminder of this kind for the recommendation's due date, made now; None when one
    was made before (by an earlier sweep, or one running at the same moment)."""
    made = insert_unless_present(
        session, Reminder.__table__,
        {"recommendation_id": recommendation.id, "kind": kind,
         "due_date": recommendation.due_date},
        unique=["recommendation_id", "kind", "due_date"])
    if made is None:
        return None
    reminder = session.get(Reminder, made)
    record_event(session, None, "reminder.made", reminder, case_id=recommendation.case_id,
                 recommendation_id=recommendation.id, kind=kind.value,
                 due=recommendation.due_date.isoformat())
    return reminder


def _mark_overdue(session: Session, recommendation: Recommendation) -> bool:
    """Mark the recommendation overdue, unless it is complied with (or already overdue)."""
    previous = recommendation.compliance_status
    # Only from a state the organisation can still act in: an acceptance committed since
    # the recommendation was read is not undone.
    still_owed = [s for s in ComplianceStatus
                  if s not in (ComplianceStatus.COMPLIED, ComplianceStatus.OVERDUE)]
    if not change_if(session, recommendation, "compliance_status", ComplianceStatus.OVERDUE,
                     only_from=still_owed):
        return False
    session.add(ComplianceEntry(recommendation=recommendation,
                                step=ComplianceStep.MARKED_OVERDUE,
                                due_date=recommendation.due_date, evidence_ids=[]))
    record_event(session, None, "compliance.marked_overdue", recommendation,
                 case_id=recommendation.case_id, due=recommendation.due_date.isoformat(),
                 **{"from": previous.value})
    return True


def sweep(session: Session, as_of: date, *, reminder_days: int, outbox_dir: Path,
          by_email: bool) -> SweepResult:
    """Remind of every recommendation due within `reminder_days` of `as_of`, and mark
    overdue and remind of every one whose due date is before it. The caller commits, then
    queues the result's emails."""
    result = SweepResult()
    for recommendation in _due_by(session, as_of + timedelta(days=reminder_days)):
        overdue = recommendation.due_date < as_of
        reminder = _make_reminder(session, recommendation,
                                  ReminderKind.OVERDUE if overdue else ReminderKind.DUE_SOON)
        if reminder is None:
            continue
        if overdue and _mark_overdue(session, recommendation):
            result.overdue.append(recommendation.id)
        result.reminders.append(reminder.id)
        emails = deliver_reminder(session, reminder, outbox_dir=outbox_dir, by_email=by_email)
        result.emails.extend(delivery.id for delivery in emails)
    session.flush()
    return result
