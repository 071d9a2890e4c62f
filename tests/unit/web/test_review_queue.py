"""The files to review: flagged files across the cases a person sees, a page at a time."""

from __future__ import annotations

from tests.evidence_rows import a_case, add_files
from vocabulary import DocType


def _flagged(db, case, count):
    return add_files(db, case, count, doc_type=DocType.UNCLASSIFIED, needs_review=True,
                     doc_type_confidence=0.3)


def test_the_queue_lists_flagged_files_of_ones_own_cases_a_page_at_a_time(app, db, auth, client):
    mine, elsewhere = a_case(db), a_case(db, "admin@example.org")
    _flagged(db, mine, 52)
    add_files(db, mine, 3)  # typed with confidence: not waiting
    _flagged(db, elsewhere, 2)
    auth.login()

    first = client.get("/files-to-review").text
    assert "Files 1 to 50 of 52" in first and mine.reference in first
    assert elsewhere.reference not in first
    assert "Unclassified (30% confidence)" in first
    assert 'href="/files-to-review"' in client.get("/").text  # in the navigation
    second = client.get("/files-to-review?page=2").text
    assert "Files 51 to 52 of 52" in second and "file-00051.pdf" in second


def test_typing_a_file_takes_it_off_the_queue(app, db, auth, client):
    [evidence] = _flagged(db, a_case(db), 1)
    auth.login()
    client.post(f"/evidence/{evidence.id}/type", data={"doc_type": "correspondence"})
    assert "No file in your cases is waiting for its type." in client.get("/files-to-review").text
