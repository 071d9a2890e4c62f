"""Full-text search over evidence pages: SQLite FTS5 embedded, PostgreSQL full text in services.

Snippets mark each hit between MARK_START and MARK_END, characters that never occur in
extracted text, so the web layer can escape the text and then highlight safely.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, column, func, literal_column, select, table, text
from sqlalchemy.orm import Session

from storage.models import Case, Evidence, EvidencePage

MARK_START, MARK_END = "\x02", "\x03"
# PostgreSQL's snippet: about as long as SQLite's, one fragment, hits marked.
HEADLINE_OPTIONS = (f"StartSel={MARK_START}, StopSel={MARK_END}, "
                    "MaxWords=24, MinWords=8, MaxFragments=1")


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


def _fts_match(terms: list[str]) -> str:
    # Each word quoted: FTS5 syntax in a user's query must not be read as operators.
    return " ".join('"' + t.replace('"', "") + '"' for t in terms)


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
        params["match"] = _fts_match(terms)
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
        params["options"] = HEADLINE_OPTIONS
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


# --- Across cases ----------------------------------------------------------------------------
# One statement over every case at once, built with SQLAlchemy so the caller's conditions
# (which cases the reader may see, the filters) are part of it: a page the reader may not
# see is never read, ranked or counted.


@dataclass(frozen=True)
class CaseSearchHit:
    case_id: int
    case_reference: str
    evidence_id: int
    evidence_number: int | None
    page: int
    snippet: str


def _across(session: Session, terms: list[str], conditions) -> tuple[Select, ColumnElement,
                                                                     ColumnElement]:
    """The select of matching pages of the cases and files that meet `conditions` (on Case
    and Evidence), the expression that ranks them (ascending) and their snippet."""
    if _is_sqlite(session):
        fts = table("evidence_pages_fts", column("rowid"))
        matching = (select().select_from(fts)
                    .join(EvidencePage, EvidencePage.id == fts.c.rowid)
                    .where(text("evidence_pages_fts MATCH :match").bindparams(
                        match=_fts_match(terms))))
        rank = literal_column("bm25(evidence_pages_fts)")
        snippet = func.snippet(literal_column("evidence_pages_fts"), 0, MARK_START, MARK_END,
                               "…", 16)
    else:
        # Written as the expression index is ('english' a literal, not a parameter), so the
        # planner can use it.
        english = literal_column("'english'")
        vector = func.to_tsvector(english, EvidencePage.text)
        wanted = func.plainto_tsquery(english, " ".join(terms))
        matching = select().select_from(EvidencePage).where(vector.op("@@")(wanted))
        rank = -func.ts_rank(vector, wanted)
        snippet = func.ts_headline(english, EvidencePage.text, wanted, HEADLINE_OPTIONS)
    matching = (matching.join(Evidence, Evidence.id == EvidencePage.evidence_id)
                .join(Case, Case.id == Evidence.case_id).where(*conditions))
    return matching, rank, snippet


def search_pages_across(session: Session, query: str, conditions, *, offset: int = 0,
                        limit: int = 50) -> list[CaseSearchHit]:
    """Pages holding every word of `query`, in the cases and files that meet `conditions`,
    best first, from the `offset`th on."""
    terms = _terms(query)
    if not terms:
        return []
    matching, rank, snippet = _across(session, terms, conditions)
    rows = session.execute(matching.add_columns(
        Case.id, Case.reference, Evidence.id, Evidence.number, EvidencePage.number, snippet)
        .order_by(rank, Evidence.id, EvidencePage.number).limit(limit).offset(offset))
    return [CaseSearchHit(case_id, reference, evidence_id, number, page, " ".join(snip.split()))
            for case_id, reference, evidence_id, number, page, snip in rows]


def count_matches_across(session: Session, query: str, conditions, *, most: int) -> int:
    """How many pages `search_pages_across` would find, counting no further than `most` + 1."""
    terms = _terms(query)
    if not terms:
        return 0
    matching, _rank, _snippet = _across(session, terms, conditions)
    counted = matching.add_columns(EvidencePage.id).limit(most + 1).subquery()
    return session.scalar(select(func.count()).select_from(counted)) or 0
