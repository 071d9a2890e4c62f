"""PDF page text with pypdfium2; ruled tables as tab-separated rows; scanned pages OCR'd.

pdfium reads text about fifty times faster than pdfminer (under pdfplumber) and copes with
more damaged files. Tables are rebuilt from the page's ruling lines (pdf_tables), which costs
little more than reading the text. A page with no text layer but something drawn on it is a
scan: it is rendered at print resolution and read by Tesseract.
"""

from __future__ import annotations

import math
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from worker.extract.errors import ExtractionError
from worker.extract.limits import MAX_IMAGE_PIXELS, MAX_PAGES, MAX_TEXT_CHARS, OCR_DPI
from worker.extract.ocr import OCR_UNAVAILABLE, read_image_text
from worker.extract.pdf_metadata import pdf_properties
from worker.extract.pdf_tables import find_tables, page_text_with_tables
from worker.extract.result import Extraction

TABLES = "tables"
_ENCRYPTED = "encrypted: the PDF needs a password to open"
# pdfium marks a hyphen that split a word across lines with U+FFFE (and it joins the lines):
# dropping it gives back the word, which is what search and entity recognition need.
_PDFIUM_MARKS = str.maketrans({"\ufffe": None, "\x02": None})
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def extract_pdf(content: bytes) -> Extraction:
    """Each page's text; OCR for scanned pages; ExtractionError for encrypted or damaged files."""
    if not content.strip():
        raise ExtractionError("empty: the file has no content")
    document = open_pdf(content)
    try:
        page_count = checked_page_count(document)
        pages: list[str] = []
        ocr_pages: list[int] = []
        flags: set[str] = set()
        total_chars = 0
        for number in range(1, page_count + 1):
            text, how = _page_text(document, number)
            if how == "ocr":
                ocr_pages.append(number)
            elif how in (TABLES, OCR_UNAVAILABLE):
                flags.add(how)
            total_chars += len(text)
            if total_chars > MAX_TEXT_CHARS:
                raise ExtractionError(
                    f"too large: more than {MAX_TEXT_CHARS:,} characters of text by page {number}"
                )
            pages.append(text)
        return Extraction(
            pages=tuple(pages), ocr_pages=tuple(ocr_pages), flags=tuple(sorted(flags)),
            metadata=pdf_properties(document),
        )
    finally:
        document.close()


def open_pdf(content: bytes) -> pdfium.PdfDocument:
    """The PDF opened; ExtractionError for an encrypted or damaged one."""
    try:
        return pdfium.PdfDocument(content)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ExtractionError(_ENCRYPTED) from error
        if error.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise ExtractionError(
                "encrypted: the PDF uses an encryption scheme that cannot be opened"
            ) from error
        raise ExtractionError(f"damaged: the PDF could not be read ({error})") from error


def checked_page_count(document: pdfium.PdfDocument) -> int:
    """How many pages the PDF has; ExtractionError for none, or more than MAX_PAGES."""
    page_count = len(document)
    if page_count == 0:
        raise ExtractionError("damaged: the PDF has no pages")
    if page_count > MAX_PAGES:
        raise ExtractionError(
            f"too many pages: the PDF has {page_count} pages; the limit is {MAX_PAGES}"
        )
    return page_count


def _page_text(document: pdfium.PdfDocument, number: int) -> tuple[str, str]:
    """The page's text and how it was read: "text", "tables", "ocr" or "ocr_unavailable"."""
    try:
        page = document[number - 1]
    except pdfium.PdfiumError as error:
        raise ExtractionError(f"damaged: page {number} could not be read ({error})") from error
    try:
        textpage = page.get_textpage()
        try:
            if textpage.count_chars() == 0:
                return _scanned_page_text(page, number)
            tables = find_tables(page)
            if tables:
                text, written = page_text_with_tables(textpage, tables)
                return _tidy(text), TABLES if written else "text"
            return _tidy(textpage.get_text_range()), "text"
        finally:
            textpage.close()
    except pdfium.PdfiumError as error:
        raise ExtractionError(f"damaged: page {number} could not be read ({error})") from error
    finally:
        page.close()


def _scanned_page_text(page: pdfium.PdfPage, number: int) -> tuple[str, str]:
    if not _draws_anything(page):
        return "", "text"  # a blank page: nothing to read, nothing missing
    width, height = page.get_size()
    # Huge pages (posters, maps, hostile files) are rendered smaller, never above the pixel cap.
    scale = min(OCR_DPI / 72, math.sqrt(MAX_IMAGE_PIXELS / max(width * height, 1)))
    image = page.render(scale=scale, grayscale=True).to_pil()
    text = read_image_text(image, f"page {number}")
    if text is None:
        return "", OCR_UNAVAILABLE
    return text, "ocr"


def _draws_anything(page: pdfium.PdfPage) -> bool:
    """Whether the page has images, drawings or shadings that might be a picture of text."""
    return any(True for _ in page.get_objects(max_depth=2))


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_PDFIUM_MARKS)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip("\n")
