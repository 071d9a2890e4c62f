"""What an extractor returns: the contract between extract/ and the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Attachment:
    """A file found inside another (an email attachment, a zip member): becomes child evidence."""

    filename: str
    content: bytes


@dataclass(frozen=True)
class Extraction:
    # Page texts, page 1 first. Formats without pages (text, email, docx without breaks) give one.
    pages: tuple[str, ...]
    # Numbers of the pages whose text came from OCR.
    ocr_pages: tuple[int, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    # Facts worth showing the investigator: "tracked_changes", "ocr_unavailable", "tables", ...
    flags: tuple[str, ...] = ()
    # Format-specific details, JSON-safe: email headers, document properties.
    metadata: dict = field(default_factory=dict)
