"""Evidence once it is in: finding it again, numbering it, who it names, looks at it on record."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import NotFound
from storage.models import Case, Evidence, EvidenceEntity, EvidenceEvent, EvidencePage, User
from vocabulary import EntityLabel


def numbered_files(files: Iterable[Evidence]) -> dict[int, int]:
    """Evidence id -> its number ("Evidence 3") for files already loaded."""
    return {file.id: file.number for file in files}


def evidence_numbers(session: Session, case: Case,
                     ids: Iterable[int] | None = None) -> dict[int, int]:
    """The numbers of the case's files, or of those of `ids` alone: what a page shows."""
    query = select(Evidence.id, Evidence.number).where(Evidence.case_id == case.id)
    if ids is not None:
        wanted = set(ids)
        if not wanted:
            return {}
        query = query.where(Evidence.id.in_(wanted))
    return {file_id: number for file_id, number in session.execute(query)}


def numbers_and_names(session: Session, case: Case) -> dict[int, tuple[int, str]]:
    """Evidence id -> (number, file name) of the case's files that tell a dated event: what
    the chronology's download names, read as two columns rather than as whole files."""
    return {file_id: (number, name) for file_id, number, name in session.execute(
        select(Evidence.id, Evidence.number, Evidence.filename).where(
            Evidence.case_id == case.id,
            select(EvidenceEvent.id).where(EvidenceEvent.evidence_id == Evidence.id).exists()))}


def evidence_numbered(session: Session, case: Case, number: int) -> Evidence | None:
    """The case's file with this number, or None."""
    return session.scalar(select(Evidence).where(Evidence.case_id == case.id,
                                                 Evidence.number == number))


def evidence_by_id(session: Session, case: Case, ids: set[int]) -> dict[int, Evidence]:
    """These files of the case by id, and no others (search shows the files its hits are in)."""
    if not ids:
        return {}
    return {e.id: e for e in session.scalars(
        select(Evidence).where(Evidence.case_id == case.id, Evidence.id.in_(ids)))}


def evidence_page(session: Session, case: Case, evidence_id: int, number: int) -> tuple[
        Evidence, EvidencePage]:
    """The file of the case and its page with this number, or NotFound."""
    found = session.execute(
        select(Evidence, EvidencePage).join(EvidencePage.evidence)
        .where(Evidence.case_id == case.id, Evidence.id == evidence_id,
               EvidencePage.number == number)).first()
    if found is None:
        raise NotFound(f"no page {number} of evidence {evidence_id} in this case")
    return found[0], found[1]


def get_evidence(session: Session, evidence_id: int) -> Evidence:
    evidence = session.get(Evidence, evidence_id)
    if evidence is None:
        raise NotFound(f"no evidence with id {evidence_id}")
    return evidence


def record_access(session: Session, actor: User | None, evidence: Evidence, action: str) -> None:
    """Log a look at evidence: it holds health data, and every access must be on record."""
    record_event(session, actor, f"evidence.{action}", evidence, case_id=evidence.case_id)


def names_mentioned(session: Session, evidence_ids: list[int], limit: int = 4) -> dict[int, str]:
    """Per evidence id, the people and organisations the file names most often, in one query
    for all of them (a list shows them for the page of files it shows)."""
    if not evidence_ids:
        return {}
    name = func.coalesce(EvidenceEntity.value, EvidenceEntity.text)
    rows = session.execute(
        select(EvidenceEntity.evidence_id, name, func.count())
        .where(EvidenceEntity.evidence_id.in_(evidence_ids),
               EvidenceEntity.label.in_((EntityLabel.PERSON, EntityLabel.ORG)))
        .group_by(EvidenceEntity.evidence_id, name)
    )
    counts: dict[int, list[tuple[int, str]]] = {}
    for evidence_id, named, times in rows:
        counts.setdefault(evidence_id, []).append((-times, named))
    mentions = {}
    for evidence_id, named in counts.items():
        shown = [n for _times, n in sorted(named)]
        mentions[evidence_id] = "; ".join(shown[:limit]) + (
            f" and {len(shown) - limit} more" if len(shown) > limit else "")
    return mentions
