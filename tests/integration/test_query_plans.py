"""Every filter and sort of the evidence list, a page of the chronology and a page of search
hits are served by an index, on SQLite and on PostgreSQL: the plan of the very statement the
list sends names the index it uses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from casework.cases import create_case, list_cases
from casework.evidence import EvidenceQuery, chronology_page, list_case_evidence, search_case
from casework.insight import CaseSearch, search_cases
from storage.models import ComplaintPoint, ComplaintPointTheme, User
from tests.evidence_rows import a_case, add_files, add_read_file, statements_with_parameters
from vocabulary import DocType, EvidenceSort, EvidenceStatus, Role

pytestmark = pytest.mark.integration

ASKED_AND_INDEX = [
    (EvidenceQuery(status=EvidenceStatus.FAILED), "ix_evidence_case_status"),
    (EvidenceQuery(doc_type=DocType.CLINICAL_RECORD), "ix_evidence_case_doc_type"),
    (EvidenceQuery(sort=EvidenceSort.FILENAME, descending=True), "ix_evidence_case_filename"),
    (EvidenceQuery(sort=EvidenceSort.UPLOADED), "ix_evidence_case_created_at"),
    (EvidenceQuery(sort=EvidenceSort.STATUS), "ix_evidence_case_status"),
    (EvidenceQuery(sort=EvidenceSort.TYPE), "ix_evidence_case_doc_type"),
]


def plan(session, statement: str, parameters) -> str:
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return "\n".join(row[-1] for row in rows)
    # With so few rows a scan and a sort are cheapest: forbid both, so the plan shows which
    # index PostgreSQL would read a page of a real case from, or that there is none; and
    # give it the table's statistics, as autovacuum would.
    connection.exec_driver_sql("ANALYZE cases, evidence, evidence_events, evidence_pages, "
                               "complaint_point_themes")
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    connection.exec_driver_sql("SET LOCAL enable_sort = off")
    rows = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
    return "\n".join(row[0] for row in rows)


@pytest.mark.parametrize(("asked", "index"), ASKED_AND_INDEX,
                         ids=[index.removeprefix("ix_evidence_") + f"-{n}"
                              for n, (_, index) in enumerate(ASKED_AND_INDEX)])
def test_each_filter_and_sort_of_the_evidence_list_uses_its_index(storage, asked, index):
    with storage.sessions() as session:
        case = a_case(session)
        add_files(session, case, 40)
        add_files(session, case, 5, status=EvidenceStatus.FAILED,
                  doc_type=DocType.CLINICAL_RECORD)
        with statements_with_parameters(session) as sent:
            list_case_evidence(session, case, asked)
        [(statement, parameters)] = [(s, p) for s, p in sent if " LIMIT " in s]
        shown = plan(session, statement, parameters)
        assert index in shown, shown


def test_a_page_of_the_chronology_is_read_from_its_index(storage):
    with storage.sessions() as session:
        case = a_case(session)
        day = date(2026, 1, 1)
        for colour in ("red", "green", "blue"):
            add_read_file(session, storage.objects, case, f"{colour}.pdf", [
                (day + timedelta(days=d), f"Event {d} told in the {colour} file.", 1)
                for d in range(20)])
        with statements_with_parameters(session) as sent:
            listed = chronology_page(session, case, page=2, per_page=10)
        assert listed.total == 60 and len(listed.items) == 10
        [(statement, parameters)] = [(s, p) for s, p in sent if " LIMIT " in s]
        shown = plan(session, statement, parameters)
        assert "ix_evidence_events_chronology" in shown, shown


def test_search_pages_its_hits_and_reads_them_from_the_full_text_index(storage):
    with storage.sessions() as session:
        case = a_case(session)
        add_read_file(session, storage.objects, case, "notes.pdf", [],
                      pages=[f"Page {n}: the district nurse visited." for n in range(1, 8)])
        with statements_with_parameters(session) as sent:
            found = search_case(session, case, "district nurse", page=2, per_page=3)
        assert (found.total, found.more) == (7, False)
        assert [hit.page for hit in found.items] == [4, 5, 6]
        [(statement, parameters)] = [(s, p) for s, p in sent if " OFFSET " in s]
        shown = plan(session, statement, parameters)
        # Ranking sorts the matches, whichever way they are found. PostgreSQL reaches them by
        # the full-text index or by the case's files' pages, as its statistics make cheaper:
        # either way through an index, never a scan of every page.
        assert "Seq Scan" not in shown and "SCAN p" not in shown, shown
        if session.get_bind().dialect.name == "sqlite":
            assert "evidence_pages_fts VIRTUAL TABLE INDEX" in shown, shown


def test_search_across_cases_reads_the_readers_pages_from_the_full_text_index(storage):
    with storage.sessions() as session:
        reader = User(email="first@example.org", password_hash="not used",
                      role=Role.INVESTIGATOR)
        session.add(reader)
        session.flush()
        for _ in range(3):
            case = create_case(session, reader, "Mrs A Example", "A Trust")
            add_read_file(session, storage.objects, case, f"notes-{case.id}.pdf", [],
                          pages=[f"Page {n}: the district nurse visited." for n in range(1, 4)])
        with statements_with_parameters(session) as sent:
            found = search_cases(session, reader, CaseSearch("district nurse",
                                                             theme="treatment-and-care"),
                                 page=1, per_page=3)
        assert found.total == 0
        with statements_with_parameters(session) as sent:
            found = search_cases(session, reader, CaseSearch("district nurse"), page=2,
                                 per_page=4)
        assert (found.total, len(found.items)) == (9, 4)
        [(statement, parameters)] = [(s, p) for s, p in sent if " ORDER BY " in s]
        shown = plan(session, statement, parameters)
        assert "Seq Scan on evidence_pages" not in shown and "SCAN evidence_pages " not in shown, \
            shown
        if session.get_bind().dialect.name == "sqlite":
            assert "evidence_pages_fts VIRTUAL TABLE INDEX" in shown, shown


def test_the_case_list_filter_by_theme_reads_its_index(storage):
    with storage.sessions() as session:
        case = a_case(session)
        for number in range(1, 6):
            point = ComplaintPoint(case=case, number=number, text="A point.")
            point.themes.append(ComplaintPointTheme(theme="delay", case_id=case.id))
            session.add(point)
        session.flush()
        with statements_with_parameters(session) as sent:
            assert list_cases(session, theme="delay") == [case]
        statement, parameters = sent[0]
        shown = plan(session, statement, parameters)
        assert "ix_complaint_point_themes_theme_case" in shown, shown
