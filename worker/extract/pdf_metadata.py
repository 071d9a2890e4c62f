"""A PDF's document properties (the Info dictionary), JSON-safe, dates in ISO 8601."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

import pypdfium2 as pdfium

_PDF_DATE = re.compile(
    r"(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([+\-Z])(\d{2})?'?(\d{2})?'?)?"
)
_METADATA_KEYS = {"Title": "title", "Author": "author", "Subject": "subject",
                  "CreationDate": "created", "ModDate": "modified"}


def pdf_properties(document: pdfium.PdfDocument) -> dict:
    """Title, author, subject and dates, where the PDF records them; dates in ISO 8601."""
    try:
        found = document.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError:
        return {}
    metadata = {}
    for theirs, ours in _METADATA_KEYS.items():
        if theirs in found:
            value = found[theirs]
            metadata[ours] = _iso_date(value) if theirs.endswith("Date") else value
    return metadata


def _iso_date(value: str) -> str:
    """A PDF date ("D:20260204101500+01'00'") as ISO 8601; as written when it will not parse."""
    match = _PDF_DATE.match(value)
    if match is None:
        return value
    year, month, day, hour, minute, second, sign, zone_hours, zone_minutes = match.groups()
    try:
        when = datetime(int(year), int(month or 1), int(day or 1), int(hour or 0),
                        int(minute or 0), int(second or 0))
    except ValueError:
        return value
    if sign in ("+", "-"):
        offset = timedelta(hours=int(zone_hours or 0), minutes=int(zone_minutes or 0))
        when = when.replace(tzinfo=timezone(offset if sign == "+" else -offset))
    elif sign == "Z":
        when = when.replace(tzinfo=UTC)
    return when.isoformat()
