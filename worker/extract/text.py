"""Plain text and HTML files: decoded with the encoding they carry, or the likeliest one.

UTF-8 (with or without a byte-order mark) and UTF-16 with a mark are certain; anything else
that is not valid UTF-8 is Windows-1252 (a superset of Latin-1's printable characters), the
usual encoding of older British office files. A form feed starts a new page,
as printers and many report generators intend.
"""

from __future__ import annotations

import codecs

from worker.extract.errors import ExtractionError
from worker.extract.html_text import html_to_text
from worker.extract.limits import MAX_PAGES, MAX_TEXT_CHARS
from worker.extract.result import Extraction


def extract_text(content: bytes) -> Extraction:
    """The text, split into pages at form feeds."""
    text, encoding = decode_text(content)
    pages = [page.strip("\n") for page in text.replace("\r\n", "\n").split("\f")]
    return _checked(pages, encoding)


def extract_html(content: bytes) -> Extraction:
    """The text a browser would show, as one page."""
    html, encoding = decode_text(content)
    return _checked([html_to_text(html)], encoding)


def decode_text(content: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read with."""
    if not content:
        raise ExtractionError("empty: the file has no content")
    if content.startswith(codecs.BOM_UTF8):
        return content[len(codecs.BOM_UTF8):].decode("utf-8", "replace"), "utf-8"
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16", "replace"), "utf-16"
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # The five bytes Windows-1252 leaves undefined become U+FFFD, visibly unreadable.
        return content.decode("cp1252", errors="replace"), "windows-1252"


def _checked(pages: list[str], encoding: str) -> Extraction:
    if len(pages) > MAX_PAGES:
        raise ExtractionError(
            f"too many pages: the text has {len(pages)}; the limit is {MAX_PAGES}"
        )
    if sum(map(len, pages)) > MAX_TEXT_CHARS:
        raise ExtractionError(f"too large: more than {MAX_TEXT_CHARS:,} characters of text")
    return Extraction(pages=tuple(pages), metadata={"encoding": encoding})
