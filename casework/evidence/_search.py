"""Search across a case's evidence, a page of hits at a time, with how many pages match."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from casework.paging import PER_PAGE, Paged, bounded
from storage.models import Case
from storage.search import SearchHit, count_matches, search_pages

# Counting every match of a common word in a case of 10,000 files reads them all a second
# time, after ranking has read them once: the count stops here and the page says "more than
# 1,000" instead. Nobody reads past that many hits; they narrow the search.
MOST_COUNTED = 1000


@dataclass(frozen=True)
class SearchResults(Paged[SearchHit]):
    # More pages match than `total`, which stops at MOST_COUNTED.
    more: bool = False


def search_case(session: Session, case: Case, query: str, *, doc_type: str | None = None,
                entity: str | None = None, page: int = 1,
                per_page: int = PER_PAGE) -> SearchResults:
    """One page of the pages of the case's evidence holding every word of `query`, best
    first, and how many match (up to MOST_COUNTED)."""
    page, per_page = bounded(page, per_page)
    counted = count_matches(session, case.id, query, doc_type=doc_type, entity=entity,
                            most=MOST_COUNTED)
    hits = search_pages(session, case.id, query, doc_type=doc_type, entity=entity,
                        offset=(page - 1) * per_page, limit=per_page) if counted else []
    return SearchResults(hits, min(counted, MOST_COUNTED), page, per_page,
                         more=counted > MOST_COUNTED)
