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


def search_pages(
    session: Session,
    case_id: int,
    query: str,
    *,
    doc_type: str | None = None,
    entity: str | None = None,
    limit: int = 50,
) -> list[SearchHit]:
    """Pages of the case's evidence that contain every word of `query`, best first."""
    terms = _terms(query)
    if not terms:
        return []
    filters = ""
    params: dict = {"case_id": case_id, "limit": limit}
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
        sql = (
            "SELECT p.evidence_id, p.number, snippet(evidence_pages_fts, 0, :start, :end, '…', 16)"
            " FROM evidence_pages_fts JOIN evidence_pages p ON p.id = evidence_pages_fts.rowid"
            " JOIN evidence e ON e.id = p.evidence_id"
            " WHERE evidence_pages_fts MATCH :match AND e.case_id = :case_id" + filters +
            " ORDER BY bm25(evidence_pages_fts), p.evidence_id, p.number LIMIT :limit"
        )
        params |= {"start": MARK_START, "end": MARK_END}
    else:
        params["query"] = " ".join(terms)
        params["options"] = (f"StartSel={MARK_START}, StopSel={MARK_END}, "
                             "MaxWords=24, MinWords=8, MaxFragments=1")
        sql = (
            "SELECT p.evidence_id, p.number,"
            " ts_headline('english', p.text, plainto_tsquery('english', :query), :options)"
            " FROM evidence_pages p JOIN evidence e ON e.id = p.evidence_id"
            " WHERE to_tsvector('english', p.text) @@ plainto_tsquery('english', :query)"
            " AND e.case_id = :case_id" + filters +
            " ORDER BY ts_rank(to_tsvector('english', p.text),"
            " plainto_tsquery('english', :query)) DESC, p.evidence_id, p.number LIMIT :limit"
        )
    rows = session.execute(text(sql), params)
    return [SearchHit(evidence_id, page, " ".join(snippet.split())) for evidence_id, page, snippet
            in rows]


def plain_snippet(snippet: str) -> str:
    """The snippet without its hit markers."""
    return snippet.replace(MARK_START, "").replace(MARK_END, "")
