"""Full-text search over evidence pages: SQLite FTS5 embedded, PostgreSQL full text in services.

Snippets mark each hit between MARK_START and MARK_END, characters that never occur in
extracted text, so the web layer can escape the text and then highlight safely.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from storage.models import EvidencePage

MARK_START, MARK_END = "\x02", "\x03"


@dataclass(frozen=True)
class SearchHit:
    evidence_id: int
    page: int
    snippet: str


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def index_pages(session: Session, pages: Iterable[EvidencePage]) -> None:
    """Make the pages searchable (PostgreSQL's expression index needs nothing from us)."""
    if _is_sqlite(session):
        session.execute(
            text("INSERT INTO evidence_pages_fts (rowid, text) VALUES (:id, :text)"),
            [{"id": page.id, "text": page.text} for page in pages],
        )


def unindex_evidence(session: Session, evidence_id: int) -> None:
    """Forget an evidence file's pages; call before deleting the pages themselves."""
    if _is_sqlite(session):
        session.execute(
            text("DELETE FROM evidence_pages_fts WHERE rowid IN "
                 "(SELECT id FROM evidence_pages WHERE evidence_id = :id)"),
            {"id": evidence_id},
        )


def _terms(query: str) -> list[str]:
    return re.findall(r"\w+", query)


def _matching(session: Session, case_id: int, terms: list[str], doc_type: str | None,
              entity: str | None) -> tuple[str, str, dict]:
    """The FROM and WHERE that find the case's pages holding every term, the expression that
    ranks them (ascending), and their parameters: one statement for the hits, one to count."""
    filters = ""
    params: dict = {"case_id": case_id}
    if doc_type:
        filters += " AND e.doc_type = :doc_type"
        params["doc_type"] = doc_type
    if entity:
        filters += (" AND EXISTS (SELECT 1 FROM evidence_entities n WHERE n.evidence_id = e.id"
                    " AND (lower(n.text) = lower(:entity) OR lower(n.value) = lower(:entity)))")
        params["entity"] = entity
    if _is_sqlite(session):
        # Each word quoted: FTS5 syntax in a user's query must not be read as operators.
        params["match"] = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        return ((" FROM evidence_pages_fts JOIN evidence_pages p ON p.id = evidence_pages_fts.rowid"
                 " JOIN evidence e ON e.id = p.evidence_id"
                 " WHERE evidence_pages_fts MATCH :match AND e.case_id = :case_id" + filters),
                "bm25(evidence_pages_fts)", params)
    params["query"] = " ".join(terms)
    return ((" FROM evidence_pages p JOIN evidence e ON e.id = p.evidence_id"
             " WHERE to_tsvector('english', p.text) @@ plainto_tsquery('english', :query)"
             " AND e.case_id = :case_id" + filters),
            "-ts_rank(to_tsvector('english', p.text), plainto_tsquery('english', :query))",
            params)


def search_pages(
    session: Session,
    case_id: int,
    query: str,
    *,
    doc_type: str | None = None,
    entity: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> list[SearchHit]:
    """Pages of the case's evidence that contain every word of `query`, best first, from the
    `offset`th on.

    Ranking scores every matching page of the case before the best are taken (the index finds
    the matches, not their order), so its cost grows with how many pages match, not with how
    deep the page is: a later page sorts only a few more.
    """
    terms = _terms(query)
    if not terms:
        return []
    matching, rank, params = _matching(session, case_id, terms, doc_type, entity)
    params |= {"offset": offset, "limit": limit}
    if _is_sqlite(session):
        snippet = "snippet(evidence_pages_fts, 0, :start, :end, '…', 16)"
        params |= {"start": MARK_START, "end": MARK_END}
    else:
        snippet = "ts_headline('english', p.text, plainto_tsquery('english', :query), :options)"
        params["options"] = (f"StartSel={MARK_START}, StopSel={MARK_END}, "
                             "MaxWords=24, MinWords=8, MaxFragments=1")
    rows = session.execute(text(
        f"SELECT p.evidence_id, p.number, {snippet}{matching}"
        f" ORDER BY {rank}, p.evidence_id, p.number LIMIT :limit OFFSET :offset"), params)
    return [SearchHit(evidence_id, page, " ".join(snippet.split())) for evidence_id, page, snippet
            in rows]


def count_matches(session: Session, case_id: int, query: str, *, doc_type: str | None = None,
                  entity: str | None = None, most: int) -> int:
    """How many of the case's pages contain every word of `query`, counting no further than
    `most` + 1: past `most` a caller says "more than" rather than read every match again."""
    terms = _terms(query)
    if not terms:
        return 0
    matching, _rank, params = _matching(session, case_id, terms, doc_type, entity)
    return session.scalar(text(
        f"SELECT count(*) FROM (SELECT 1{matching} LIMIT :most) AS counted"),
        params | {"most": most + 1}) or 0


def plain_snippet(snippet: str) -> str:
    """The snippet without its hit markers."""
    return snippet.replace(MARK_START, "").replace(MARK_END, "")
