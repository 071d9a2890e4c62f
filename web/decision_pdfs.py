"""A decision version's PDF, for the pages and the API alike: where it stands, and a worker
asked for it whenever it is wanted and not there yet. No request converts anything."""

from __future__ import annotations

from dataclasses import dataclass

from casework.decisions import VersionPdf, version_pdf
from storage.models import DecisionVersion
from vocabulary import PdfStatus
from web.runtime import get_store, send_pdf_request

# A warm office converts a decision in well under a second and a cold one in a few; the wait
# is mostly for the worker to take the message. The pages look again sooner.
ASK_AGAIN_AFTER_S = 5

PDF_BEING_MADE = "The PDF is being made: ask again in a few seconds."
# Said when the broker did not take the request: nothing will make the PDF until someone
# asks for it again.
PDF_QUEUE_DOWN = ("The processing queue is not answering, so the PDF cannot be made yet: "
                  "ask for it again in a few minutes.")


@dataclass(frozen=True)
class PdfAnswer:
    pdf: VersionPdf
    # Whether a worker was asked for it now: None when it is not to be made.
    queued: bool | None = None


def wanted_pdf(version: DecisionVersion) -> PdfAnswer:
    """The version's PDF as someone asks to download it: asked of a worker again if it is
    still to be made (the worker does nothing when it is already made)."""
    pdf = version_pdf(get_store(), version)
    if pdf.status is not PdfStatus.MAKING:
        return PdfAnswer(pdf)
    return PdfAnswer(pdf, send_pdf_request(version.id))


def ask_for_new_version_pdf(version: DecisionVersion) -> str | None:
    """Ask a worker for the PDF of a version just frozen (whether this server has LibreOffice
    or not: the workers may); PDF_QUEUE_DOWN when the broker did not take the request."""
    return None if send_pdf_request(version.id) else PDF_QUEUE_DOWN
