"""The page an email becomes, the same for .eml and Outlook .msg files.

The headers an investigator needs come first, as they would read them in a mail program, so
that names, addresses and the date are searchable and citable like the body; the names of
the attachments (each extracted as its own evidence) come last.
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime

# The headers kept, in the order shown, with their keys in Extraction.metadata.
HEADERS = (("From", "from"), ("To", "to"), ("Cc", "cc"), ("Date", "date"), ("Subject", "subject"))


def message_page(metadata: dict, body: str, attachment_names: list[str]) -> str:
    """Headers, a blank line, the body, and a last line naming the attachments."""
    lines = [f"{label}: {metadata[key]}" for label, key in HEADERS if metadata.get(key)]
    page = "\n".join(lines) + "\n\n" + body.strip()
    if attachment_names:
        page += "\n\nAttachments: " + ", ".join(attachment_names)
    return page.strip()


def iso_date(value: str | None) -> str | None:
    """An RFC 5322 date as ISO 8601, or the text as written when it cannot be read."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return " ".join(value.split())


def one_line(value) -> str:
    """A header value on one line, whatever folding or line breaks it came with."""
    return " ".join(str(value).split()) if value is not None else ""
