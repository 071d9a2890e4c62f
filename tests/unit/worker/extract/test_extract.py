import pytest

from casework.evidence import DOCX, PDF
from commands.sample_files import text_docx
from tests.fixtures import COMPLAINT_PAGES, complaint_pdf, corrupt_pdf, response_docx
from worker.extract import ExtractionError, extract


def test_pdf_text_page_by_page():
    pages = list(extract(PDF, complaint_pdf()).pages)
    assert pages == ["\n".join(lines) for lines in COMPLAINT_PAGES]


def test_docx_paragraphs_and_tables_in_order():
    pages = list(extract(DOCX, response_docx()).pages)
    assert pages == [
        "Riverside Surgery complaint response\n"
        "We accept that the call back was missed.\n"
        "Date\tEvent\n4 February 2026\tAppointment cancelled"
    ]


def test_docx_page_breaks_start_pages():
    import io

    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document(io.BytesIO(text_docx(["first page"])))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("second page")
    out = io.BytesIO()
    document.save(out)
    assert list(extract(DOCX, out.getvalue()).pages) == ["first page", "second page"]


def test_damaged_files_fail_with_a_reason():
    with pytest.raises(ExtractionError, match="damaged"):
        extract(PDF, corrupt_pdf())
    with pytest.raises(ExtractionError, match="damaged"):
        extract(DOCX, b"PK\x03\x04 not really a zip")


def test_public_names_are_complete():
    import worker.extract

    assert set(worker.extract.__all__) == {
        "EXTRACTORS", "Attachment", "Extraction", "ExtractionError", "extract",
        "run_isolated", "start_fork_server", "PageImages", "can_render", "render_isolated",
        "render_pages",
    }
    for name in worker.extract.__all__:
        assert hasattr(worker.extract, name)


def test_every_supported_type_has_an_extractor():
    from casework.evidence import SUPPORTED
    from worker.extract import EXTRACTORS

    assert set(EXTRACTORS) == set(SUPPORTED)


def test_unknown_types_fail_with_a_reason():
    with pytest.raises(ExtractionError, match="^unsupported: no extractor for application/x-foo"):
        extract("application/x-foo", b"data")
