"""The daily compliance sweep as the schedule (and `casework compliance sweep`) runs it: one
unit of work, then the reminders' emails queued for the letter task to send; and, with it,
the removal of stored files that no upload finished."""

from __future__ import annotations

from datetime import date

from celery import Celery

from casework.compliance import SweepResult, sweep
from casework.evidence import remove_stray_originals
from storage.runtime import Storage
from wiring import Settings, queue_delivery


def run_sweep(storage: Storage, celery: Celery, settings: Settings, as_of: date) -> SweepResult:
    """Sweep as of `as_of` and commit; then queue each email, so a worker never looks for a
    delivery not yet saved (one lost between the two is queued again when a worker starts)."""
    with storage.sessions() as session:
        result = sweep(session, as_of, reminder_days=settings.reminder_days,
                       outbox_dir=settings.outbox_dir, by_email=settings.smtp is not None)
        session.commit()
    for delivery_id in result.emails:
        queue_delivery(celery, delivery_id)
    return result


def run_object_sweep(storage: Storage) -> int:
    """Delete the stored originals of uploads that failed before their rows were saved."""
    with storage.sessions() as session:
        return remove_stray_originals(session, storage.objects)
