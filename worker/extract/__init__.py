"""Text extractors, one module per format, chosen by sniffed media type."""

from __future__ import annotations

from collections.abc import Callable

from casework.media import DOCX, PDF
from worker.extract.docx import extract_docx_pages
from worker.extract.errors import ExtractionError
from worker.extract.pdf import extract_pdf_pages

EXTRACTORS: dict[str, Callable[[bytes], list[str]]] = {
    PDF: extract_pdf_pages,
    DOCX: extract_docx_pages,
}


def extract_pages(media_type: str, content: bytes) -> list[str]:
    """Page texts, page 1 first; raises ExtractionError with a reason a user can read."""
    extractor = EXTRACTORS.get(media_type)
    if extractor is None:
        raise ExtractionError(f"no extractor for {media_type}")
    return extractor(content)


__all__ = ["EXTRACTORS", "ExtractionError", "extract_pages"]
