"""The people a chronology event names: those found on its page whose words are in its text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import EvidenceEntity
from vocabulary import EntityLabel

# (the words on the page, the person they name) for each person found on a page.
PagePeople = list[tuple[str, str]]


def people_by_page(entities: Iterable[EvidenceEntity]) -> dict[int, PagePeople]:
    """The people found on each page of a file, from its entities."""
    pages: dict[int, PagePeople] = {}
    for entity in entities:
        if entity.label == EntityLabel.PERSON:
            pages.setdefault(entity.page, []).append((entity.text, entity.value or entity.text))
    return pages


def people_on_page(session: Session, evidence_id: int, page: int) -> PagePeople:
    """The people found on one page of a file: for an event an investigator adds there."""
    return people_by_page(session.scalars(select(EvidenceEntity).where(
        EvidenceEntity.evidence_id == evidence_id, EvidenceEntity.page == page,
        EvidenceEntity.label == EntityLabel.PERSON)).all()).get(page, [])


def people_named(text: str, on_page: PagePeople) -> list[str]:
    """The page's people whose words are in `text`, each once, in the order the text names
    them (the page's entity spans are of the page, not of the event's cut sentence)."""
    found: dict[str, int] = {}
    for words, person in on_page:
        match = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, re.IGNORECASE)
        if match and words.strip():
            found[person] = min(found.get(person, match.start()), match.start())
    return sorted(found, key=found.__getitem__)
