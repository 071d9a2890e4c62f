"""The case's evidence a page at a time: filters, sorts, numbers that stay the case's, the
summary the case page shows, and a fixed number of queries whatever the case's size."""

from __future__ import annotations

from datetime import date

from casework.evidence import (
    EvidenceQuery,
    any_unfinished,
    list_case_evidence,
    summarise_evidence,
)
from tests.evidence_rows import a_case, add_files, statements
from vocabulary import DocType, EvidenceSort, EvidenceStatus


def test_a_page_holds_its_share_and_each_file_keeps_its_number_in_the_case(db):
    case = a_case(db)
    add_files(db, case, 7)
    failed = add_files(db, case, 3, status=EvidenceStatus.FAILED, doc_type=None)

    first = list_case_evidence(db, case, EvidenceQuery(per_page=4))
    assert (first.total, first.pages, first.has_next) == (10, 3, True)
    assert [row.number for row in first.items] == [1, 2, 3, 4]
    last = list_case_evidence(db, case, EvidenceQuery(page=3, per_page=4))
    assert [row.number for row in last.items] == [9, 10] and not last.has_next

    only_failed = list_case_evidence(db, case, EvidenceQuery(status=EvidenceStatus.FAILED))
    assert [row.evidence.id for row in only_failed.items] == [e.id for e in failed]
    assert [row.number for row in only_failed.items] == [8, 9, 10]  # not 1, 2, 3
    assert only_failed.items[0].mentions == "Person 7"


def test_filters_and_sorts_as_asked(db):
    case = a_case(db)
    files = add_files(db, case, 6)
    files[4].doc_type, files[4].needs_review = DocType.CLINICAL_RECORD, True
    db.commit()

    def ids(**asked) -> list[int]:
        return [row.evidence.id for row in list_case_evidence(db, case,
                                                              EvidenceQuery(**asked)).items]

    every = [e.id for e in files]
    assert ids(sort=EvidenceSort.FILENAME, descending=True) == every[::-1]
    assert ids(doc_type=DocType.CLINICAL_RECORD) == ids(needs_review=True) == [files[4].id]
    assert ids(needs_review=False) == every[:4] + every[5:]
    assert ids(mentioning="person 3") == [files[3].id]
    assert ids(mentioning="100%") == []  # a wildcard is a character to look for
    # Days are the office's, both ends included: uploads on 2, 3 ... 7 March 2026.
    assert ids(uploaded_from=date(2026, 3, 3), uploaded_to=date(2026, 3, 4)) == every[1:3]
    assert ids(page=99) == [] and ids(per_page=0) == every[:1]


def test_the_summary_counts_everything_and_shows_the_latest(db):
    case = a_case(db)
    add_files(db, case, 8)
    add_files(db, case, 2, status=EvidenceStatus.QUEUED, doc_type=None)
    add_files(db, case, 1, status=EvidenceStatus.PROCESSED, doc_type=DocType.COMPLAINT,
              needs_review=True)

    summary = summarise_evidence(db, case)
    assert summary.total == 11 and summary.unfinished == 2 and summary.needs_review == 1
    assert summary.by_status == {EvidenceStatus.PROCESSED: 9, EvidenceStatus.QUEUED: 2}
    assert summary.by_type == [(DocType.CORRESPONDENCE, 8), (DocType.COMPLAINT, 1)]
    assert [row.number for row in summary.latest] == [11, 10, 9, 8, 7]
    assert any_unfinished(db, case)
    assert not any_unfinished(db, a_case(db))


def test_a_page_costs_the_same_queries_at_any_size_of_case(db):
    small, large = a_case(db), a_case(db)
    add_files(db, small, 3)
    add_files(db, large, 120)
    db.expire_all()

    def cost(read, case) -> int:
        with statements(db) as sent:
            read(case)
        db.expire_all()
        return len(sent)

    def a_page(case) -> None:
        for row in list_case_evidence(db, case, EvidenceQuery(per_page=100)).items:
            _ = row.evidence.steps, row.evidence.parent, row.mentions  # all a list shows

    assert cost(a_page, small) == cost(a_page, large)
    assert cost(lambda case: summarise_evidence(db, case).latest[0].evidence.steps, small) \
        == cost(lambda case: summarise_evidence(db, case).latest[0].evidence.steps, large)
