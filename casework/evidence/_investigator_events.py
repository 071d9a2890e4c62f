"""An investigator's hand in the chronology: events added, corrected and dismissed.

Each is on the audit record (never the event's words: they may name people) and survives the
file being read again (casework.evidence._processing says how).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import ValidationFailed
from casework.evidence._chronology import case_event, refold_days
from casework.evidence._event_people import people_named, people_on_page
from casework.evidence._records import evidence_by_id, evidence_numbered
from casework.stages import check_editable
from storage.models import Case, Evidence, EvidenceEvent, User
from vocabulary import EventSource

# The longest event an investigator may write: a chronology line, not a note.
LONGEST_WRITTEN_EVENT = 1000


def _checked_text(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationFailed("Enter what happened", field="text")
    if len(text) > LONGEST_WRITTEN_EVENT:
        raise ValidationFailed(f"What happened must be {LONGEST_WRITTEN_EVENT} characters or "
                               f"fewer (it is {len(text)})", field="text")
    return text


def _told_in(session: Session, case: Case, evidence_id: int | None,
             evidence_number: int | None) -> Evidence:
    """The case's file an added event is told in, by its id (the API) or number (the page)."""
    if evidence_id is not None:
        evidence = evidence_by_id(session, case, {evidence_id}).get(evidence_id)
        if evidence is None:
            raise ValidationFailed(f"There is no evidence with id {evidence_id} in this case",
                                   field="evidence_id")
        return evidence
    evidence = evidence_numbered(session, case, evidence_number or 0)
    if evidence is None:
        raise ValidationFailed(f"There is no Evidence {evidence_number} in this case",
                               field="evidence_number")
    return evidence


def add_event(session: Session, case: Case, actor: User | None, *, when: date, text: str,
              page: int, evidence_id: int | None = None,
              evidence_number: int | None = None) -> EvidenceEvent:
    """Add an event the worker missed, told on `page` of the case's file with this id or
    number."""
    check_editable(case)
    text = _checked_text(text)
    evidence = _told_in(session, case, evidence_id, evidence_number)
    if not 1 <= page <= (evidence.page_count or 0):
        raise ValidationFailed(f"Evidence {evidence.number} has {evidence.page_count or 0} "
                               f"page(s): enter one of them", field="page")
    event = EvidenceEvent(evidence_id=evidence.id, case_id=case.id, date=when, text=text,
                          page=page, source=EventSource.INVESTIGATOR,
                          people=people_named(text, people_on_page(session, evidence.id, page)))
    session.add(event)
    session.flush()
    refold_days(session, case.id, {when})
    record_event(session, actor, "chronology.added", event, case_id=case.id,
                 evidence_id=evidence.id, page=page)
    session.flush()
    return event


def correct_event(session: Session, case: Case, actor: User | None, event_id: int, *,
                  when: date, text: str) -> EvidenceEvent:
    """Put right an event's date or wording; what the worker found is kept beside it."""
    check_editable(case)
    event = case_event(session, case, event_id)
    text = _checked_text(text)
    changed = [name for name, old, new in (("date", event.date, when), ("text", event.text, text))
               if old != new]
    if not changed:
        return event
    if event.source is EventSource.MACHINE and event.found_text is None:
        event.found_date, event.found_text = event.date, event.text
    days = {event.date, when}
    event.date, event.text = when, text
    event.people = people_named(text, people_on_page(session, event.evidence_id, event.page))
    session.flush()
    refold_days(session, case.id, days)
    record_event(session, actor, "chronology.corrected", event, case_id=case.id,
                 changed=changed)
    session.flush()
    return event


def dismiss_event(session: Session, case: Case, actor: User | None, event_id: int,
                  dismissed: bool) -> EvidenceEvent:
    """Hide an event that is noise, with every retelling of it, or bring them back."""
    check_editable(case)
    event = case_event(session, case, event_id)
    if event.dismissed == dismissed:
        return event
    tellings = [event, *session.scalars(select(EvidenceEvent)
                                        .where(EvidenceEvent.retelling_of == event.id))]
    for telling in tellings:
        telling.dismissed = dismissed
    session.flush()
    refold_days(session, case.id, {event.date})
    record_event(session, actor, "chronology.dismissed" if dismissed else "chronology.restored",
                 event, case_id=case.id)
    session.flush()
    return event
