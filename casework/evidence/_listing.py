"""The case's evidence a page at a time, and the summary the case page shows instead of it.

A large case holds thousands of files: no list here loads more rows than it shows, and each
costs a fixed number of queries whatever the case's size (the page's rows with their steps and
containers, the total, the names they mention).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from casework.evidence._records import evidence_numbers, names_mentioned
from casework.formats import OFFICE_TIME_ZONE
from casework.paging import PER_PAGE, Paged, bounded, paged
from storage.models import Case, Evidence, EvidenceEntity
from vocabulary import DocType, EntityLabel, EvidenceSort, EvidenceStatus

LATEST = 5
UNFINISHED = (EvidenceStatus.QUEUED, EvidenceStatus.PROCESSING)


_COLUMNS = {
    EvidenceSort.NUMBER: (Evidence.id,),
    EvidenceSort.UPLOADED: (Evidence.created_at, Evidence.id),
    EvidenceSort.FILENAME: (Evidence.filename, Evidence.id),
    EvidenceSort.TYPE: (Evidence.doc_type, Evidence.id),
    EvidenceSort.STATUS: (Evidence.status, Evidence.id),
}


@dataclass(frozen=True)
class EvidenceQuery:
    """Which of the case's files to list, in which order, and which page of them."""

    page: int = 1
    per_page: int = PER_PAGE
    status: EvidenceStatus | None = None
    doc_type: DocType | None = None
    needs_review: bool | None = None
    mentioning: str | None = None
    uploaded_from: date | None = None  # office days, both included
    uploaded_to: date | None = None
    sort: EvidenceSort = EvidenceSort.NUMBER
    descending: bool = False

    def __post_init__(self) -> None:
        page, per_page = bounded(self.page, self.per_page)
        object.__setattr__(self, "page", page)
        object.__setattr__(self, "per_page", per_page)


@dataclass(frozen=True)
class Listed:
    """One file in a list, with its number in the case and the names it mentions most."""

    evidence: Evidence
    number: int
    mentions: str


@dataclass(frozen=True)
class EvidenceList(Paged[Listed]):
    query: EvidenceQuery


def list_case_evidence(session: Session, case: Case, query: EvidenceQuery) -> EvidenceList:
    """One page of the case's evidence, filtered and sorted as asked."""
    order = [c.desc() if query.descending else c.asc() for c in _COLUMNS[query.sort]]
    page = paged(session, select(Evidence)
                 .where(Evidence.case_id == case.id, *_filters(case, query)).order_by(*order)
                 .options(selectinload(Evidence.steps), joinedload(Evidence.parent)),
                 query.page, query.per_page)
    # "Evidence 7" is the file's place among all the case's files, whatever the list shows.
    numbers = evidence_numbers(session, case, [e.id for e in page.items])
    mentions = names_mentioned(session, [e.id for e in page.items])
    return EvidenceList([Listed(e, numbers[e.id], mentions.get(e.id, "")) for e in page.items],
                        page.total, page.page, page.per_page, query)


def _filters(case: Case, query: EvidenceQuery) -> list:
    conditions = []
    if query.status is not None:
        conditions.append(Evidence.status == query.status)
    if query.doc_type is not None:
        conditions.append(Evidence.doc_type == query.doc_type)
    if query.needs_review is not None:
        conditions.append(Evidence.needs_review.is_(query.needs_review))
    conditions += uploaded_between(query.uploaded_from, query.uploaded_to)
    if query.mentioning:
        conditions.append(Evidence.id.in_(mentioning(case, query.mentioning)))
    return conditions


def uploaded_between(first: date | None, last: date | None) -> list:
    """Conditions on `Evidence`: uploaded on or after the office's day `first` and on or
    before `last` (both included; None leaves that end open)."""
    conditions = []
    if first is not None:
        conditions.append(Evidence.created_at >= _office_midnight(first))
    if last is not None:
        conditions.append(Evidence.created_at < _office_midnight(last + timedelta(days=1)))
    return conditions


def _office_midnight(day: date) -> datetime:
    """The moment the office's day begins, as the UTC time uploads are stored in."""
    return datetime.combine(day, time(), OFFICE_TIME_ZONE).astimezone(UTC)


def mentioning(case: Case, name: str):
    """The ids of the case's files that name this person or organisation (a subquery)."""
    written = func.lower(func.coalesce(EvidenceEntity.value, EvidenceEntity.text))
    return (select(EvidenceEntity.evidence_id).join(Evidence)
            .where(Evidence.case_id == case.id,
                   EvidenceEntity.label.in_((EntityLabel.PERSON, EntityLabel.ORG)),
                   written.contains(name.strip().lower(), autoescape=True)))


@dataclass(frozen=True)
class EvidenceSummary:
    """What the case page says about the evidence instead of listing every file."""

    total: int
    by_status: dict[EvidenceStatus, int]
    by_type: list[tuple[DocType | None, int]]
    needs_review: int
    latest: list[Listed] = field(default_factory=list)

    @property
    def unfinished(self) -> int:
        return sum(self.by_status.get(status, 0) for status in UNFINISHED)

    @property
    def failed(self) -> int:
        return self.by_status.get(EvidenceStatus.FAILED, 0)


def summarise_evidence(session: Session, case: Case) -> EvidenceSummary:
    """Counts by status and type, how many need review, and the latest files uploaded."""
    rows = session.execute(
        select(Evidence.status, Evidence.doc_type, Evidence.needs_review, func.count())
        .where(Evidence.case_id == case.id)
        .group_by(Evidence.status, Evidence.doc_type, Evidence.needs_review)
    ).all()
    by_status: dict[EvidenceStatus, int] = {}
    by_type: dict[DocType | None, int] = {}
    review = 0
    for status, doc_type, needs_review, count in rows:
        by_status[status] = by_status.get(status, 0) + count
        if status is EvidenceStatus.PROCESSED:
            by_type[doc_type] = by_type.get(doc_type, 0) + count
        review += count if needs_review else 0
    latest = list_case_evidence(session, case, EvidenceQuery(
        per_page=LATEST, sort=EvidenceSort.NUMBER, descending=True)).items
    return EvidenceSummary(
        total=sum(by_status.values()), by_status=by_status,
        by_type=sorted(by_type.items(), key=lambda item: (-item[1], item[0] or "")),
        needs_review=review, latest=latest)


def any_unfinished(session: Session, case: Case) -> bool:
    """Whether any of the case's files is still waiting or being processed."""
    return session.scalar(select(
        select(Evidence.id).where(Evidence.case_id == case.id,
                                  Evidence.status.in_(UNFINISHED)).exists())) or False
