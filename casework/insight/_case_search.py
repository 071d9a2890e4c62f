"""One search over every case a person may read, page by page, with filters: learning from
what other cases hold.

Which cases the reader may read (casework.access) is a condition of the one statement that
finds, ranks and counts the pages, so a page in a case they may not read is never found and
never counted. The words sought are never logged: they may name people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, not_, select
from sqlalchemy.orm import Session, aliased

from casework.access import sees_case
from casework.audit import record_event
from casework.cases import has_theme
from casework.evidence import MOST_COUNTED, SearchResults, uploaded_between
from casework.paging import PER_PAGE, bounded
from storage.models import Case, Decision, Evidence, Organisation, User
from storage.search import count_matches_across, search_pages_across
from vocabulary import DecisionStage, DecisionStatus, DocType, Outcome


@dataclass(frozen=True)
class CaseSearch:
    """What to look for, and in which cases and files."""

    words: str
    organisation_id: int | None = None
    theme: str | None = None
    # The outcome of the case's latest issued decision (the final one once it is issued).
    outcome: Outcome | None = None
    doc_type: DocType | None = None
    # The day the file was uploaded, in the office's days, both ends included.
    uploaded_from: date | None = None
    uploaded_to: date | None = None


def decided_as(outcome: Outcome) -> ColumnElement[bool]:
    """The condition on `Case` that holds when its latest issued decision has `outcome`: the
    final decision's once issued, else the provisional one's."""
    final = aliased(Decision)
    superseded = exists().where(final.case_id == Case.id, final.stage == DecisionStage.FINAL,
                                final.status == DecisionStatus.ISSUED)
    return exists().where(
        Decision.case_id == Case.id, Decision.status == DecisionStatus.ISSUED,
        Decision.outcome == outcome,
        not_(and_(Decision.stage == DecisionStage.PROVISIONAL, superseded)))


def _conditions(reader: User, search: CaseSearch) -> list:
    conditions = [sees_case(reader)]
    if search.organisation_id is not None:
        conditions.append(Case.organisation_id == search.organisation_id)
    if search.theme:
        conditions.append(has_theme(search.theme))
    if search.outcome is not None:
        conditions.append(decided_as(search.outcome))
    if search.doc_type is not None:
        conditions.append(Evidence.doc_type == search.doc_type)
    return conditions + uploaded_between(search.uploaded_from, search.uploaded_to)


def search_cases(session: Session, reader: User, search: CaseSearch, *, page: int = 1,
                 per_page: int = PER_PAGE) -> SearchResults:
    """One page of the pages, in every case `reader` may read, holding every word sought,
    best first, and how many match (up to MOST_COUNTED)."""
    page, per_page = bounded(page, per_page)
    conditions = _conditions(reader, search)
    counted = count_matches_across(session, search.words, conditions, most=MOST_COUNTED)
    hits = search_pages_across(session, search.words, conditions,
                               offset=(page - 1) * per_page, limit=per_page) if counted else []
    return SearchResults(hits, min(counted, MOST_COUNTED), page, per_page,
                         more=counted > MOST_COUNTED)


def record_case_search(session: Session, reader: User, search: CaseSearch) -> None:
    """Log a search across cases: that it happened and its filters, never the words."""
    record_event(session, reader, "cases.searched", reader,
                 organisation_id=search.organisation_id, theme=search.theme,
                 outcome=search.outcome and search.outcome.value,
                 doc_type=search.doc_type and search.doc_type.value,
                 uploaded_from=search.uploaded_from and search.uploaded_from.isoformat(),
                 uploaded_to=search.uploaded_to and search.uploaded_to.isoformat())


def readable_organisations(session: Session, reader: User) -> list[Organisation]:
    """The organisations of the cases `reader` may read, by name: the search's choices."""
    return list(session.scalars(
        select(Organisation).where(exists().where(Case.organisation_id == Organisation.id,
                                                  sees_case(reader)))
        .order_by(Organisation.name)))
