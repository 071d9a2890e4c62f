"""The extract step's one line on the evidence page."""

from casework.evidence import DOC, XLSX
from worker.extract import Extraction
from worker.pipeline.document import Document
from worker.pipeline.extract import ExtractText


def document(media_type: str, extraction: Extraction) -> Document:
    return Document(1, media_type, "0" * 64, "originals/x", extraction=extraction)


def test_a_file_left_unread_without_libreoffice_says_why():
    unread = Extraction(pages=("",), flags=("libreoffice_unavailable",))
    assert ExtractText().summary(document(DOC, unread)) == (
        "LibreOffice is not installed here, so this old Word document cannot be read")


def test_a_read_file_counts_its_pages():
    sheets = Extraction(pages=("[Sheet] A", "[Sheet] B"))
    assert ExtractText().summary(document(XLSX, sheets)) == "2 pages"
