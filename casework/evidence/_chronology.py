"""The case's chronology: dated events from all its evidence, in order, near-duplicates folded.

Events an investigator dismissed are listed apart (`dismissed=True`) and fold only with each
other, so dismissing an event hides every telling of it and restoring brings them back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.dates import MONTH_WORDS
from casework.errors import NotFound
from casework.paging import PER_PAGE, Paged, paged
from casework.stages import check_editable
from storage.models import CHRONOLOGY_ORDER, Case, EvidenceEvent, User
from vocabulary import EventSource

# Two sentences on the same day that share this much of their wording tell one event.
FOLD_SIMILARITY = 0.8
# Rows the download reads at a time: its memory stays the same whatever the case's size.
_BATCH = 1000


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
    # The people the event names; who put it in; whether an investigator changed or hid it.
    people: list[str] = field(default_factory=list)
    source: EventSource = EventSource.MACHINE
    corrected: bool = False
    dismissed: bool = False


def _words(text: str) -> set[str]:
    """The wording without the date itself: the date is compared apart, and "3 March 2026"
    and "03/03/2026" must not make one event look like two."""
    return {word for word in re.findall(r"[^\W\d_]+", text.casefold())
            if word not in MONTH_WORDS and word not in {"st", "nd", "rd", "th"}}


def _similar(a: set[str], b: set[str]) -> bool:
    return bool(a or b) and len(a & b) / len(a | b) >= FOLD_SIMILARITY


def chronology_page(session: Session, case: Case, page: int, per_page: int = PER_PAGE,
                    *, dismissed: bool = False) -> Paged[ChronologyEntry]:
    """A page of the case's chronology, oldest first: its first tellings in SQL, read from
    ix_evidence_events_chronology, and then where else each is told. With `dismissed`, the
    events an investigator dismissed instead."""
    told = paged(session, select(EvidenceEvent).where(
        EvidenceEvent.case_id == case.id, EvidenceEvent.retelling_of.is_(None),
        EvidenceEvent.dismissed.is_(dismissed))
        .order_by(*CHRONOLOGY_ORDER), page, per_page)
    retold: dict[int, list[EvidenceEvent]] = {}
    if told.items:
        for row in session.scalars(select(EvidenceEvent).where(
                EvidenceEvent.retelling_of.in_([event.id for event in told.items]))
                .order_by(*CHRONOLOGY_ORDER)):
            retold.setdefault(row.retelling_of, []).append(row)
    return Paged([_entry(event, retold.get(event.id, [])) for event in told.items],
                 told.total, told.page, told.per_page)


def case_chronology(session: Session, case: Case) -> Iterator[ChronologyEntry]:
    """Every event of the case but the dismissed, oldest first, as the download lists them
    all: read in one pass a batch at a time, each retelling joining its first telling."""
    rows = session.execute(
        select(EvidenceEvent.id, EvidenceEvent.date, EvidenceEvent.text,
               EvidenceEvent.evidence_id, EvidenceEvent.page, EvidenceEvent.in_decision,
               EvidenceEvent.retelling_of, EvidenceEvent.people, EvidenceEvent.source,
               EvidenceEvent.found_text, EvidenceEvent.dismissed)
        .where(EvidenceEvent.case_id == case.id, EvidenceEvent.dismissed.is_(False))
        .order_by(*CHRONOLOGY_ORDER)
        .execution_options(yield_per=_BATCH))
    day: dict[int, ChronologyEntry] = {}
    for row in rows:
        if day and next(iter(day.values())).date != row.date:
            yield from day.values()
            day = {}
        if row.retelling_of in day:
            day[row.retelling_of].also_in.append((row.evidence_id, row.page))
        else:
            day[row.id] = _entry(row, [])
    yield from day.values()


def refold_days(session: Session, case_id: int, days: Iterable[date]) -> None:
    """Fold the case's events on these days again, after a file's events came or went, and
    keep which event each one retells: the chronology's pages read the fold, never redo it."""
    days = set(days)
    if not days:
        return
    # One fold of a case at a time: two files read at once must each see the other's events
    # (on PostgreSQL the case's row is locked until the worker commits; SQLite has one writer).
    session.execute(select(Case.id).where(Case.id == case_id).with_for_update())
    rows = session.scalars(select(EvidenceEvent).where(
        EvidenceEvent.case_id == case_id, EvidenceEvent.date.in_(days))
        .order_by(*CHRONOLOGY_ORDER))
    for first, retellings in _fold(rows):
        first.retelling_of = None
        for row in retellings:
            row.retelling_of = first.id
    session.flush()


def _fold(rows: Iterable[EvidenceEvent]) -> list[tuple[EvidenceEvent, list[EvidenceEvent]]]:
    """Events in date order, grouped: each first telling with the retellings of it that follow
    on the same day."""
    groups: list[tuple[EvidenceEvent, list[EvidenceEvent]]] = []
    same_day: list[tuple[tuple[EvidenceEvent, list[EvidenceEvent]], set[str]]] = []
    for row in rows:
        if same_day and same_day[0][0][0].date != row.date:
            same_day = []
        words = _words(row.text)
        twin = next((group for group, seen in same_day
                     if group[0].dismissed == row.dismissed and _similar(words, seen)), None)
        if twin is not None:
            twin[1].append(row)
            continue
        group: tuple[EvidenceEvent, list[EvidenceEvent]] = (row, [])
        groups.append(group)
        same_day.append((group, words))
    return groups


def _entry(first, retellings: Iterable) -> ChronologyEntry:
    return ChronologyEntry(first.date, first.text, first.evidence_id, first.page, first.id,
                           bool(first.in_decision),
                           [(row.evidence_id, row.page) for row in retellings],
                           list(first.people or []), EventSource(first.source),
                           first.found_text is not None, bool(first.dismissed))


def fold_events(rows: Iterable[EvidenceEvent]) -> list[ChronologyEntry]:
    """Events in date order, each told once: a retelling on the same day joins `also_in`."""
    return [_entry(first, retellings) for first, retellings in _fold(rows)]


def key_events(case: Case) -> list[ChronologyEntry]:
    """The events an investigator chose for the decision, folded and in date order."""
    rows = sorted((row for evidence in case.evidence for row in evidence.events
                   if not row.dismissed),
                  key=lambda row: (row.date, row.evidence_id, row.page, row.id or 0))
    return [entry for entry in fold_events(rows) if entry.in_decision]


def choose_for_decision(session: Session, case: Case, actor: User | None, event_id: int,
                        chosen: bool) -> EvidenceEvent:
    """Put an event in the decision's "What happened", or take it out."""
    check_editable(case)
    event = case_event(session, case, event_id)
    event.in_decision = chosen
    record_event(session, actor, "chronology.chosen" if chosen else "chronology.unchosen",
                 event, case_id=case.id)
    session.flush()
    return event


def case_event(session: Session, case: Case, event_id: int) -> EvidenceEvent:
    """The case's chronology event with this id, or NotFound."""
    event = session.get(EvidenceEvent, event_id)
    if event is None or event.case_id != case.id:
        raise NotFound(f"no chronology event with id {event_id} in case {case.reference}")
    return event
