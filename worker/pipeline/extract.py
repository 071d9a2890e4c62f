"""The extract step: page text from the original, by its sniffed media type."""

from __future__ import annotations

from dataclasses import replace

from worker.extract import ExtractionError, extract_pages
from worker.pipeline.document import Document, StopPipeline


class ExtractText:
    name = "extract"

    def run(self, document: Document) -> Document:
        try:
            pages = extract_pages(document.media_type, document.content)
        except ExtractionError as error:
            raise StopPipeline(str(error)) from error
        return replace(document, pages=tuple(pages))
