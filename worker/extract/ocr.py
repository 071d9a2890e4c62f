"""Text from pictures of text, with the Tesseract program through pytesseract.

Tesseract is a system package (Debian's tesseract-ocr) that a machine may lack. Then OCR is
unavailable, not an error: callers leave the page empty and flag the file, so the investigator
is told that the text was not read rather than seeing a failure.
"""

from __future__ import annotations

import os
import shutil

import pytesseract
from PIL import Image

from worker.extract.errors import ExtractionError
from worker.extract.limits import OCR_PAGE_TIMEOUT_S

LANGUAGE = "eng"
# Flag on an Extraction when some page needed OCR that this machine could not do.
OCR_UNAVAILABLE = "ocr_unavailable"


def ocr_available() -> bool:
    """Whether the Tesseract program can be found."""
    return shutil.which(pytesseract.pytesseract.tesseract_cmd) is not None


def read_image_text(image: Image.Image, what: str) -> str | None:
    """The text Tesseract reads in the image, or None when Tesseract is not installed.

    `what` names the image in error messages, e.g. "page 3".
    """
    if not ocr_available():
        return None
    # Tesseract's OpenMP threads make one page slower, not faster (twice as slow on two cores),
    # and workers already read pages in parallel. An operator's own setting wins.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if image.mode not in ("1", "L", "RGB"):
        image = image.convert("RGB")
    try:
        text = pytesseract.image_to_string(image, lang=LANGUAGE, timeout=OCR_PAGE_TIMEOUT_S)
    except pytesseract.TesseractNotFoundError:
        return None
    except RuntimeError as error:
        # pytesseract reports its own time-out as a RuntimeError with this wording.
        if "timeout" in str(error).lower():
            raise ExtractionError(
                f"timed out: reading the text of {what} took more than {OCR_PAGE_TIMEOUT_S} s"
            ) from error
        raise ExtractionError(f"OCR failed on {what}: {error}") from error
    return tidy_ocr_text(text)


def tidy_ocr_text(text: str) -> str:
    """Tesseract ends every block with blank lines and the page with a form feed."""
    lines = [line.rstrip() for line in text.replace("\f", "").splitlines()]
    tidied: list[str] = []
    for line in lines:
        if line or (tidied and tidied[-1]):
            tidied.append(line)
    return "\n".join(tidied).strip()
