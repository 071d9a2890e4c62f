"""Text extractors, one module per format, chosen by sniffed media type.

`extract` reads a file in this process; `run_isolated` reads it in a child process under a
time and memory limit, so that a hostile file costs a failed extraction, not a worker.
`render_pages` and `render_isolated` do the same for pictures of a file's pages.
"""

from __future__ import annotations

from collections.abc import Callable

from casework.evidence import (
    CSV,
    DOC,
    DOCX,
    EML,
    HTML,
    JPEG,
    MSG,
    ODT,
    PDF,
    PNG,
    RTF,
    TEXT,
    TIFF,
    XLSX,
    ZIP,
)
from worker.extract.converted_word import converted_extractor
from worker.extract.csv_table import extract_csv
from worker.extract.docx import extract_docx
from worker.extract.eml import extract_eml
from worker.extract.errors import ExtractionError
from worker.extract.image import extract_image
from worker.extract.isolation import render_isolated, run_isolated, start_fork_server
from worker.extract.limits import MAX_CONTENT_BYTES, MAX_NESTING_DEPTH
from worker.extract.outlook_msg import extract_msg_file
from worker.extract.page_images import PageImages, can_render, render_pages
from worker.extract.pdf import extract_pdf
from worker.extract.result import Attachment, Extraction
from worker.extract.text import extract_html, extract_text
from worker.extract.xlsx import extract_xlsx
from worker.extract.zip_bundle import extract_zip

EXTRACTORS: dict[str, Callable[[bytes], Extraction]] = {
    PDF: extract_pdf,
    DOCX: extract_docx,
    DOC: converted_extractor(DOC),
    RTF: converted_extractor(RTF),
    ODT: converted_extractor(ODT),
    XLSX: extract_xlsx,
    CSV: extract_csv,
    EML: extract_eml,
    MSG: extract_msg_file,
    TEXT: extract_text,
    HTML: extract_html,
    PNG: extract_image,
    JPEG: extract_image,
    TIFF: extract_image,
    ZIP: extract_zip,
}


def extract(media_type: str, content: bytes, *, depth: int = 0) -> Extraction:
    """Pages, attachments, flags and metadata; raises ExtractionError with a reason to show.

    `depth` is how many containers (zips, emails) the file was found inside: 0 for an upload.
    A container at MAX_NESTING_DEPTH is refused rather than yielding yet more children.
    """
    extractor = EXTRACTORS.get(media_type)
    if extractor is None:
        raise ExtractionError(f"unsupported: no extractor for {media_type}")
    if len(content) > MAX_CONTENT_BYTES:
        raise ExtractionError(
            f"too large: {len(content) // 2**20} MB; the limit is {MAX_CONTENT_BYTES // 2**20} MB"
        )
    try:
        extraction = extractor(content)
    except (ExtractionError, MemoryError):
        raise
    except RecursionError as error:
        raise ExtractionError("damaged: the file is nested too deeply to read") from error
    except Exception as error:  # a library's bug on a strange file is still a reason to show
        raise ExtractionError(
            f"damaged: the file could not be read ({type(error).__name__}: {error})"
        ) from error
    if extraction.attachments and depth >= MAX_NESTING_DEPTH:
        raise ExtractionError(
            f"nested too deep: this file was found {depth} files deep and holds more files; "
            f"the limit is {MAX_NESTING_DEPTH}"
        )
    return extraction


__all__ = [
    "EXTRACTORS",
    "Attachment",
    "Extraction",
    "ExtractionError",
    "PageImages",
    "can_render",
    "render_isolated",
    "render_pages",
    "extract",
    "run_isolated",
    "start_fork_server",
]
