"""Scans and photos read by Tesseract. CI installs it; elsewhere these tests say it is missing."""

import os

import pytest

from casework.evidence import JPEG, PDF, PNG, TIFF
from tests.fixtures import SCANNED_LINES, scanned_pdf, text_image
from worker.extract import extract
from worker.extract.ocr import ocr_available

needs_tesseract = pytest.mark.skipif(
    not ocr_available() and not os.environ.get("CI"),
    reason="the tesseract program is not installed (Debian: apt-get install tesseract-ocr)",
)


def words(text: str) -> list[str]:
    return text.split()


@needs_tesseract
def test_a_scanned_pdf_page_is_read_by_ocr():
    extraction = extract(PDF, scanned_pdf())
    assert words(extraction.pages[0]) == words(" ".join(SCANNED_LINES))
    assert extraction.ocr_pages == (1,)
    assert "ocr_unavailable" not in extraction.flags


@needs_tesseract
@pytest.mark.parametrize("image_format", ["PNG", "JPEG"])
def test_photos_of_letters_are_read(image_format):
    media_type = {"PNG": PNG, "JPEG": JPEG}[image_format]
    extraction = extract(media_type, text_image(SCANNED_LINES, image_format))
    assert words(extraction.pages[0]) == words(" ".join(SCANNED_LINES))
    assert extraction.ocr_pages == (1,)


@needs_tesseract
def test_every_tiff_frame_is_a_page():
    extraction = extract(TIFF, text_image(SCANNED_LINES, "TIFF", frames=2))
    assert len(extraction.pages) == 2
    assert "page 2" in extraction.pages[1]
    assert extraction.ocr_pages == (1, 2)


def test_without_tesseract_pages_are_empty_and_flagged(monkeypatch):
    monkeypatch.setattr("pytesseract.pytesseract.tesseract_cmd", "/nonexistent/tesseract")
    for media_type, content in [(PDF, scanned_pdf()), (PNG, text_image(["x"]))]:
        extraction = extract(media_type, content)
        assert extraction.pages == ("",)
        assert extraction.ocr_pages == ()
        assert extraction.flags == ("ocr_unavailable",)
