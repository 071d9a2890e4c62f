"""Which kinds of file we accept, judged by their content, never by their name."""

from __future__ import annotations

import zipfile
from typing import BinaryIO

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

SUPPORTED = {
    PDF: "PDF",
    DOCX: "Word (.docx)",
}

# The PDF spec lets a header follow up to 1 KB of junk, and real files do.
_PDF_HEADER_WINDOW = 1024


def supported_types_text() -> str:
    """For error messages: each type's name and media type."""
    return ", ".join(f"{label} ({media_type})" for media_type, label in SUPPORTED.items())


def supported_labels_text() -> str:
    """For people: 'PDF, Word (.docx)'."""
    return ", ".join(SUPPORTED.values())


def sniff_media_type(stream: BinaryIO) -> str | None:
    """The media type of a seekable stream's content, or None when we do not accept it."""
    start = stream.tell()
    try:
        head = stream.read(_PDF_HEADER_WINDOW)
        if b"%PDF-" in head:
            return PDF
        if head.startswith(b"PK\x03\x04") and _is_docx(stream, start):
            return DOCX
        return None
    finally:
        stream.seek(start)


def _is_docx(stream: BinaryIO, start: int) -> bool:
    stream.seek(start)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "word/document.xml" in names and "[Content_Types].xml" in names
