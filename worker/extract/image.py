"""Photos and scans of letters (PNG, JPEG, TIFF): each frame's text by OCR.

An image file is a page (a TIFF may hold many, as fax and scanner software writes them). The
pixel count is checked from the header before any pixel is decoded: a small file can declare
an enormous image, and decoding it would take gigabytes.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from worker.extract.errors import ExtractionError
from worker.extract.limits import MAX_IMAGE_PIXELS, MAX_PAGES, MAX_TEXT_CHARS
from worker.extract.ocr import OCR_UNAVAILABLE, read_image_text
from worker.extract.result import Extraction


def extract_image(content: bytes) -> Extraction:
    """One page per frame, read by OCR; empty pages and a flag when OCR is unavailable."""
    if not content:
        raise ExtractionError("empty: the file has no content")
    image = open_image(content)
    pages: list[str] = []
    ocr_pages: list[int] = []
    flags: set[str] = set()
    total_chars = 0
    with image:
        for number in range(1, frame_count(image) + 1):
            frame = load_frame(image, number)
            text = read_image_text(frame, f"page {number}" if number > 1 else "the image")
            if text is None:
                flags.add(OCR_UNAVAILABLE)
                text = ""
            else:
                ocr_pages.append(number)
            total_chars += len(text)
            if total_chars > MAX_TEXT_CHARS:
                raise ExtractionError(f"too large: more than {MAX_TEXT_CHARS:,} characters of text")
            pages.append(text)
        metadata = {"width": image.width, "height": image.height, "format": image.format}
    return Extraction(
        pages=tuple(pages), ocr_pages=tuple(ocr_pages), flags=tuple(sorted(flags)),
        metadata=metadata,
    )


def open_image(content: bytes) -> Image.Image:
    """The image, its header read and its pixels counted, none yet decoded."""
    try:
        with warnings.catch_warnings():
            # We apply our own, lower limit below; Pillow's warning would only repeat it.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(content))
    except Image.DecompressionBombError as error:
        raise ExtractionError(f"image too large: {error}") from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise ExtractionError(f"damaged: the image could not be read ({error})") from error
    _check_pixels(image, 1)
    return image


def frame_count(image: Image.Image) -> int:
    """How many pages (frames) the image has; ExtractionError past MAX_PAGES."""
    frames = getattr(image, "n_frames", 1)
    if frames > MAX_PAGES:
        raise ExtractionError(
            f"too many pages: the image has {frames} frames; the limit is {MAX_PAGES}"
        )
    return frames


def load_frame(image: Image.Image, number: int) -> Image.Image:
    """The frame, decoded, upright (phone photos record their rotation separately)."""
    try:
        image.seek(number - 1)
        _check_pixels(image, number)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            frame = ImageOps.exif_transpose(image)
            frame.load()
    except Image.DecompressionBombError as error:
        raise ExtractionError(f"image too large: {error}") from error
    except (OSError, ValueError, SyntaxError, EOFError) as error:
        raise ExtractionError(
            f"damaged: page {number} of the image could not be read ({error})"
        ) from error
    return frame


def _check_pixels(image: Image.Image, number: int) -> None:
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        where = "the image" if number == 1 else f"page {number} of the image"
        raise ExtractionError(
            f"image too large: {where} is {width} x {height} pixels; the limit is "
            f"{MAX_IMAGE_PIXELS:,} pixels"
        )
