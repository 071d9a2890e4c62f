"""Pictures of the pages of a PDF or image, for the evidence viewer to show beside the text.

Run in the isolated child like extraction (isolation.py), after the text is saved. Every
page is rendered to PAGE_IMAGE_LONG_SIDE pixels on its long side whatever size it claims, so
a poster-sized page costs what a letter does; an image is checked against MAX_IMAGE_PIXELS
before it is decoded, as for OCR. Only the first MAX_RENDERED_PAGES pages are rendered.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image

from casework.evidence import JPEG, PDF, PNG, TIFF, PageImage
from worker.extract.errors import ExtractionError
from worker.extract.image import frame_count, load_frame, open_image
from worker.extract.limits import (
    MAX_RENDERED_PAGES,
    PAGE_IMAGE_LONG_SIDE,
    PAGE_IMAGE_QUALITY,
    THUMBNAIL_LONG_SIDE,
)
from worker.extract.pdf import checked_page_count, open_pdf
from worker.extract.pdf_layout import page_layout


@dataclass(frozen=True)
class PageImages:
    """The rendered pages, page 1 first, and how many pages the file has."""

    pages: tuple[PageImage, ...]
    page_count: int


def can_render(media_type: str) -> bool:
    """Whether files of this type have pages to picture."""
    return media_type in _RENDERERS


def render_pages(media_type: str, content: bytes) -> PageImages:
    """The first MAX_RENDERED_PAGES pages as images; ExtractionError with a reason to show."""
    renderer = _RENDERERS.get(media_type)
    if renderer is None:
        raise ExtractionError(f"unsupported: no page images for {media_type}")
    try:
        return renderer(content)
    except (ExtractionError, MemoryError):
        raise
    except Exception as error:  # a library's bug on a strange file is still a reason to show
        raise ExtractionError(
            f"damaged: the pages could not be rendered ({type(error).__name__}: {error})"
        ) from error


def _render_pdf(content: bytes) -> PageImages:
    document = open_pdf(content)
    try:
        page_count = checked_page_count(document)
        pages = []
        for index in range(min(page_count, MAX_RENDERED_PAGES)):
            page = document[index]
            try:
                pages.append(_pdf_page(page))
            finally:
                page.close()
        return PageImages(tuple(pages), page_count)
    finally:
        document.close()


def _pdf_page(page: pdfium.PdfPage) -> PageImage:
    width, height = page.get_size()
    scale = PAGE_IMAGE_LONG_SIDE / max(width, height, 1)
    image = page.render(scale=scale).to_pil()
    textpage = page.get_textpage()
    try:
        layout = page_layout(page, textpage)
    finally:
        textpage.close()
    return PageImage(*_encoded(image), layout=layout)


def _render_image(content: bytes) -> PageImages:
    with open_image(content) as image:
        frames = frame_count(image)
        if image.format == "JPEG":
            # Decoded at a fraction of its size when that is enough: far less time and memory.
            image.draft("RGB", (PAGE_IMAGE_LONG_SIDE, PAGE_IMAGE_LONG_SIDE))
        pages = tuple(PageImage(*_encoded(load_frame(image, number)))
                      for number in range(1, min(frames, MAX_RENDERED_PAGES) + 1))
    return PageImages(pages, frames)


def _encoded(image: Image.Image) -> tuple[bytes, bytes]:
    """The readable image and the thumbnail, as JPEG."""
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGBA").convert("RGB") if "A" in image.mode or image.mode == "P" \
            else image.convert("RGB")
    readable = image.copy()
    readable.thumbnail((PAGE_IMAGE_LONG_SIDE, PAGE_IMAGE_LONG_SIDE))
    thumbnail = readable.copy()
    thumbnail.thumbnail((THUMBNAIL_LONG_SIDE, THUMBNAIL_LONG_SIDE))
    return _jpeg(readable), _jpeg(thumbnail)


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=PAGE_IMAGE_QUALITY)
    return buffer.getvalue()


_RENDERERS = {PDF: _render_pdf, PNG: _render_image, JPEG: _render_image, TIFF: _render_image}
