"""Extraction steps: page text in an isolated process, then what OCR had to do."""

from __future__ import annotations

import re
from dataclasses import replace

from casework.evidence import LIBREOFFICE_UNAVAILABLE, libreoffice_missing_reason
from worker.extract import ExtractionError, run_isolated
from worker.pipeline.document import Document, StopPipeline

# One hostile file must not exhaust the worker's memory.
EXTRACT_MEMORY_LIMIT_MB = 1536


# Control characters other than tab and newline: PostgreSQL refuses NUL in text, and the
# search snippets use two of them as hit markers. Removed before any offsets are taken.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _printable(text: str) -> str:
    return _CONTROL.sub("", text)


class ExtractText:
    name = "extract"

    def __init__(self, time_limit_s: int = 240) -> None:
        self.time_limit_s = time_limit_s

    def run(self, document: Document) -> Document:
        try:
            extraction = run_isolated(document.media_type, document.content,
                                      self.time_limit_s, EXTRACT_MEMORY_LIMIT_MB,
                                      depth=document.depth)
        except ExtractionError as error:
            raise StopPipeline(str(error)) from error
        pages = tuple(_printable(page) for page in extraction.pages)
        return replace(document, extraction=replace(extraction, pages=pages))

    def summary(self, document: Document) -> str | None:
        if LIBREOFFICE_UNAVAILABLE in document.extraction.flags:
            return libreoffice_missing_reason(document.media_type)
        count = len(document.pages)
        attachments = len(document.extraction.attachments)
        text = f"{count} page{'s' if count != 1 else ''}"
        return text + (f", {attachments} attached file(s)" if attachments else "")


class ReportOcr:
    """OCR runs inside extraction, page by page where a page has no text layer."""

    name = "ocr"

    def run(self, document: Document) -> Document:
        return document

    def summary(self, document: Document) -> str | None:
        extraction = document.extraction
        if "ocr_unavailable" in extraction.flags:
            return "OCR was needed but Tesseract is not installed: some text may be missing"
        if extraction.ocr_pages:
            return "OCR on page " + ", ".join(str(n) for n in extraction.ocr_pages)
        return "not needed: every page has a text layer"
