"""What the anonymisation needs from one evidence file: the people it names, each with the
title written before them, and its identifiers in normal form.

Found once, when the worker finishes the file, and stored with it
(`Evidence.identifying_facts`): the proposal then reads one row per file instead of every
page and entity of the case, which for a case of thousands of pages took seconds on every
view and save. A file processed before the facts were stored is read from its pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casework.names import TITLE_PATTERN
from casework.publication._identifiers import Identifier, identifiers_of_case
from casework.publication._people import PersonMention
from storage.models import Case, Evidence
from vocabulary import EntityLabel, EvidenceStatus, IdentifierKind

# Room enough before a name for the longest title ("Staff Nurse", "Councillor").
_TITLE_REACH = 24


class EntityOnPage(Protocol):
    """What we read of an evidence entity: storage's EvidenceEntity fits."""

    label: str
    text: str
    value: str | None
    page: int
    start: int


@dataclass(frozen=True)
class FileFacts:
    """The people one file names, in the order it names them, and its identifiers."""

    people: tuple[PersonMention, ...] = ()
    identifiers: tuple[Identifier, ...] = ()

    def stored(self) -> dict:
        """The form kept in the database: plain JSON."""
        return {"people": [[p.name, p.title] for p in self.people],
                "identifiers": [[i.kind.value, i.value] for i in self.identifiers]}

    @classmethod
    def from_stored(cls, stored: dict) -> FileFacts:
        return cls(tuple(PersonMention(name, title=title) for name, title in stored["people"]),
                   tuple(Identifier(IdentifierKind(kind), value)
                         for kind, value in stored["identifiers"]))


def facts_of_file(pages: Mapping[int, str], entities: Iterable[EntityOnPage]) -> FileFacts:
    """The facts of a file from its page texts (by page number) and the pipeline's entities.

    People are the PERSON entities, with the title written just before each, each once;
    identifiers are those the entities name and those found by shape in the pages (dates of
    birth and addresses, which the pipeline does not label).
    """
    entities = list(entities)
    people = [PersonMention(entity.value or entity.text,
                            title=_title_before(pages.get(entity.page, ""), entity.start))
              for entity in entities if entity.label == EntityLabel.PERSON]
    return FileFacts(tuple(dict.fromkeys(people)),
                     tuple(identifiers_of_case(entities, pages.values())))


def facts_of_evidence(evidence: Evidence) -> FileFacts:
    """The stored facts of a file, or, for one processed before they were stored, its pages
    and entities read again."""
    if evidence.identifying_facts is not None:
        return FileFacts.from_stored(evidence.identifying_facts)
    return facts_of_file({page.number: page.text for page in evidence.pages}, evidence.entities)


def case_file_facts(session: Session, case: Case) -> list[FileFacts]:
    """The facts of each processed file of the case, in the order of its files.

    One query reads the stored facts; one more reads the pages and entities of the files
    processed before facts were stored, if there are any.
    """
    processed = (Evidence.case_id == case.id, Evidence.status == EvidenceStatus.PROCESSED)
    rows = session.execute(select(Evidence.id, Evidence.identifying_facts)
                           .where(*processed).order_by(Evidence.id)).all()
    older = {}
    if any(facts is None for _, facts in rows):
        older = {evidence.id: facts_of_evidence(evidence) for evidence in session.scalars(
            select(Evidence).where(*processed, Evidence.identifying_facts.is_(None))
            .options(selectinload(Evidence.pages), selectinload(Evidence.entities)))}
    return [older[id_] if facts is None else FileFacts.from_stored(facts) for id_, facts in rows]


def _title_before(page_text: str, start: int) -> str | None:
    match = re.search(rf"({TITLE_PATTERN})\s+$", page_text[max(0, start - _TITLE_REACH):start])
    return match[1] if match else None
