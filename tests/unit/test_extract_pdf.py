import pytest

from casework.media import PDF
from tests.fixtures import TABLE_ROWS, complaint_pdf, pdf_from_objects, ruled_table_pdf
from worker.extract import ExtractionError, extract


def test_ruled_tables_become_tab_separated_rows_in_place():
    extraction = extract(PDF, ruled_table_pdf())
    rows = "\n".join("\t".join(row) for row in TABLE_ROWS)
    assert extraction.pages == (
        f"Timeline of events\n\n{rows}\nSigned by the practice manager",
    )
    assert extraction.flags == ("tables",)


def test_text_without_rulings_is_plain_text():
    extraction = extract(PDF, complaint_pdf())
    assert extraction.flags == ()
    assert extraction.ocr_pages == ()
    assert "\r" not in "".join(extraction.pages)


def test_a_blank_page_is_empty_not_a_scan():
    blank = pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ])
    extraction = extract(PDF, blank)
    assert extraction.pages == ("",)
    assert extraction.ocr_pages == ()
    assert extraction.flags == ()


def test_document_properties_are_kept():
    titled = pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Title (Complaint file) /Author (Jane Smith) /CreationDate (D:20260204101500Z) >>",
        ],
        trailer=b"/Info 4 0 R ",
    )
    assert extract(PDF, titled).metadata == {
        "title": "Complaint file", "author": "Jane Smith", "created": "2026-02-04T10:15:00+00:00",
    }


def test_too_many_pages_fail_with_a_reason(monkeypatch):
    monkeypatch.setattr("worker.extract.pdf.MAX_PAGES", 1)
    with pytest.raises(ExtractionError, match="^too many pages: the PDF has 2 pages"):
        extract(PDF, complaint_pdf())


def test_an_empty_file_fails_with_a_reason():
    with pytest.raises(ExtractionError, match="^empty:"):
        extract(PDF, b"")
