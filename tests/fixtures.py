"""Evidence files the tests generate, so the suite carries no binary fixtures."""

from __future__ import annotations

import io
import zipfile

from casework.demo_files import text_docx, text_pdf

COMPLAINT_PAGES = [
    [
        "Complaint about Riverside Surgery",
        "On 4 February 2026 the surgery cancelled my appointment.",
    ],
    ["Nobody called me back for three weeks.", "I want an apology."],
]


def complaint_pdf() -> bytes:
    return text_pdf(COMPLAINT_PAGES)


def response_docx() -> bytes:
    return text_docx(
        ["Riverside Surgery complaint response", "We accept that the call back was missed."],
        table=[["Date", "Event"], ["4 February 2026", "Appointment cancelled"]],
    )


def corrupt_pdf() -> bytes:
    """Starts like a PDF, then stops: the worker must fail it, not crash."""
    return complaint_pdf()[:200]


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "not a Word document")
    return out.getvalue()
