"""The case's chronology: dated events from all its evidence, in order, near-duplicates folded."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Case, Evidence, EvidenceEvent

# Two sentences on the same day that share this much of their wording tell one event.
FOLD_SIMILARITY = 0.8


@dataclass
class ChronologyEntry:
    date: date
    text: str
    evidence_id: int
    page: int
    # Where else the same event is told: (evidence id, page) pairs.
    also_in: list[tuple[int, int]] = field(default_factory=list)


_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
           "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _words(text: str) -> set[str]:
    """The wording without the date itself: the date is compared apart, and "3 March 2026"
    and "03/03/2026" must not make one event look like two."""
    return {word for word in re.findall(r"[^\W\d_]+", text.casefold())
            if word not in _MONTHS and word not in {"st", "nd", "rd", "th"}}


def _similar(a: set[str], b: set[str]) -> bool:
    return bool(a or b) and len(a & b) / len(a | b) >= FOLD_SIMILARITY


def case_chronology(session: Session, case: Case) -> list[ChronologyEntry]:
    """Every dated event in the case's evidence, oldest first."""
    rows = session.scalars(
        select(EvidenceEvent)
        .join(Evidence)
        .where(Evidence.case_id == case.id)
        .order_by(EvidenceEvent.date, EvidenceEvent.evidence_id, EvidenceEvent.page,
                  EvidenceEvent.id)
    )
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
        entry = ChronologyEntry(row.date, row.text, row.evidence_id, row.page)
        entries.append(entry)
        same_day.append((entry, words))
    return entries
