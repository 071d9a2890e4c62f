"""The one place that writes audit events, and a case's trail read back. Callers commit with
their own change; nothing updates or deletes an event (the database refuses it too).

Details hold ids, counts and fixed names only: never search terms, filenames or other free
text, which may name people.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from casework.formats import spreadsheet_cell
from casework.paging import PER_PAGE, Paged, paged
from storage.models import AuditEvent, Case, User
from vocabulary import DocType

TRAIL_COLUMNS = ("at", "actor", "action", "record", "detail")


def record_event(
    session: Session,
    actor: User | None,
    action: str,
    subject: object,
    *,
    case_id: int | None = None,
    **detail: object,
) -> AuditEvent:
    """Add an audit event for `action` on `subject` (a mapped object) to the session."""
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        action=action,
        subject_type=type(subject).__name__.lower(),
        subject_id=getattr(subject, "id", None),
        case_id=case_id,
        detail={key: value for key, value in detail.items() if value is not None},
    )
    session.add(event)
    return event


def record_search(session: Session, actor: User | None, case: Case, *,
                  doc_type: str | None, entity: str | None) -> None:
    """Log a search of the case's evidence: that it happened, and its type filter when that
    is a known type. Never the words or the name sought: they may name people."""
    record_event(session, actor, "case.searched", case, case_id=case.id,
                 doc_type=doc_type if doc_type in DocType.values() else None,
                 by_entity=True if entity else None)


def case_trail(session: Session, case: Case) -> list[AuditEvent]:
    """Every event recorded on `case`, oldest first, each with its actor loaded (the CSV)."""
    return list(session.scalars(_trail(case)))


def case_trail_page(session: Session, case: Case, page: int,
                    per_page: int = PER_PAGE) -> Paged[AuditEvent]:
    """A page of the case's trail: every look at its evidence is on it, so it runs long."""
    return paged(session, _trail(case), page, per_page)


def _trail(case: Case):
    return (select(AuditEvent).where(AuditEvent.case_id == case.id)
            .options(joinedload(AuditEvent.actor)).order_by(AuditEvent.at, AuditEvent.id))


def action_label(action: str) -> str:
    """The action in plain words: "decision.changes_requested" is "Decision changes
    requested"."""
    words = action.replace(".", " ").replace("_", " ")
    return words[:1].upper() + words[1:]


# Events name their record by its model's class, lower-cased; these read better apart.
RECORD_NAMES = {
    "complaintpoint": "complaint point", "decisionversion": "decision version",
    "decisionletter": "letter", "casecomment": "comments", "reviewcomment": "review comment",
    "anonymisationreview": "anonymisation map", "publishedversion": "published version",
    "evidenceevent": "chronology event", "apitoken": "API token",
}


def record_label(event: AuditEvent) -> str:
    """Which record the event is about: "evidence 12", or the kind alone when it has no id."""
    name = RECORD_NAMES.get(event.subject_type, event.subject_type)
    return name if event.subject_id is None else f"{name} {event.subject_id}"


def actor_email(event: AuditEvent) -> str:
    """Who acted: their email, or "system" for the worker and the service itself."""
    return event.actor.email if event.actor is not None else "system"


def trail_csv(events: list[AuditEvent]) -> str:
    """The events as CSV: when (ISO 8601, UTC), who, what, which record, and the detail as
    JSON with sorted keys."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TRAIL_COLUMNS)
    for event in events:
        writer.writerow([
            event.at.astimezone(UTC).isoformat(),
            spreadsheet_cell(actor_email(event)),
            event.action,
            record_label(event),
            json.dumps(event.detail or {}, sort_keys=True),
        ])
    return out.getvalue()
