"""The case's chronology: dated events from all its evidence, in order, near-duplicates folded."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.dates import MONTH_WORDS
from casework.errors import NotFound
from casework.stages import check_editable
from storage.models import Case, Evidence, EvidenceEvent, User

# Two sentences on the same day that share this much of their wording tell one event.
FOLD_SIMILARITY = 0.8


@dataclass
class ChronologyEntry:
    date: date
    text: str
    evidence_id: int
    page: int
    # The event row that stands for the entry, and whether it is in the decision.
    event_id: int | None = None
    in_decision: bool = False
    # Where else the same event is told: (evidence id, page) pairs.
    also_in: list[tuple[int, int]] = field(default_factory=list)




def _words(text: str) -> set[str]:
    """The wording without the date itself: the date is compared apart, and "3 March 2026"
    and "03/03/2026" must not make one event look like two."""
    return {word for word in re.findall(r"[^\W\d_]+", text.casefold())
            if word not in MONTH_WORDS and word not in {"st", "nd", "rd", "th"}}


def _similar(a: set[str], b: set[str]) -> bool:
    return bool(a or b) and len(a & b) / len(a | b) >= FOLD_SIMILARITY


def case_chronology(session: Session, case: Case) -> list[ChronologyEntry]:
    """Every dated event in the case's evidence, oldest first."""
    return fold_events(session.scalars(
        select(EvidenceEvent)
        .join(Evidence)
        .where(Evidence.case_id == case.id)
        .order_by(EvidenceEvent.date, EvidenceEvent.evidence_id, EvidenceEvent.page,
                  EvidenceEvent.id)
    ))


def fold_events(rows: Iterable[EvidenceEvent]) -> list[ChronologyEntry]:
    """Events in date order, each told once: a retelling on the same day joins `also_in`."""
    entries: list[ChronologyEntry] = []
    same_day: list[tuple[ChronologyEntry, set[str]]] = []
    for row in rows:
        if same_day and same_day[0][0].date != row.date:
            same_day = []
        words = _words(row.text)
        twin = next((entry for entry, seen in same_day if _similar(words, seen)), None)
        if twin is not None:
            twin.also_in.append((row.evidence_id, row.page))
            continue
        entry = ChronologyEntry(row.date, row.text, row.evidence_id, row.page, row.id,
                                bool(row.in_decision))
        entries.append(entry)
        same_day.append((entry, words))
    return entries


def key_events(case: Case) -> list[ChronologyEntry]:
    """The events an investigator chose for the decision, folded and in date order."""
    rows = sorted((row for evidence in case.evidence for row in evidence.events),
                  key=lambda row: (row.date, row.evidence_id, row.page, row.id or 0))
    return [entry for entry in fold_events(rows) if entry.in_decision]


def choose_for_decision(session: Session, case: Case, actor: User | None, event_id: int,
                        chosen: bool) -> EvidenceEvent:
    """Put an event in the decision's "What happened", or take it out."""
    check_editable(case)
    event = session.get(EvidenceEvent, event_id)
    if event is None or event.evidence.case_id != case.id:
        raise NotFound(f"no chronology event with id {event_id} in case {case.reference}")
    event.in_decision = chosen
    record_event(session, actor, "chronology.chosen" if chosen else "chronology.unchosen",
                 event, case_id=case.id)
    session.flush()
    return event
