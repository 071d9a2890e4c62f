"""The page images step: pictures of a PDF's or image's pages, rendered after the text is
saved, so that a file is searchable while its pages are still being drawn."""

from __future__ import annotations

from casework.evidence import record_page_images
from storage.models import Evidence
from storage.objects import ObjectStore
from worker.extract import ExtractionError, can_render, render_isolated
from worker.extract.limits import MAX_RENDERED_PAGES
from worker.pipeline.document import Document, StopPipeline
from worker.pipeline.extract import EXTRACT_MEMORY_LIMIT_MB

PAGE_IMAGES_STEP = "page images"


class RenderPages:
    name = PAGE_IMAGES_STEP

    def __init__(self, store: ObjectStore, evidence: Evidence, time_limit_s: int) -> None:
        self.store, self.evidence, self.time_limit_s = store, evidence, time_limit_s

    def run(self, document: Document) -> Document:
        if not can_render(document.media_type):
            return document
        try:
            rendered = render_isolated(document.media_type, document.content,
                                       self.time_limit_s, EXTRACT_MEMORY_LIMIT_MB)
        except ExtractionError as error:
            raise StopPipeline(str(error)) from error
        # Written here, by the worker, once the child has handed back the bytes; the count
        # is committed with the step's end.
        record_page_images(self.store, self.evidence, rendered.pages)
        return document

    def summary(self, document: Document) -> str | None:
        if not can_render(document.media_type):
            return "none: only PDFs and images have pages to picture"
        rendered, pages = self.evidence.page_images, self.evidence.page_count or 0
        if rendered < pages:
            return f"the first {rendered} of {pages} pages: the limit is {MAX_RENDERED_PAGES}"
        return f"{rendered} page image{'s' if rendered != 1 else ''}"
