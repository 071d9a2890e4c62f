"""The one place that writes audit events. Callers commit with their own change."""

from __future__ import annotations

from sqlalchemy.orm import Session

from storage.models import AuditEvent, User


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
