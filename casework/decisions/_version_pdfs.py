"""A frozen version's PDF: made by a worker, never in a request, and kept beside its Word
document in the object store.

A worker is asked for the PDF when the version is frozen, and again whenever someone wants it
before it is there; making it is idempotent, so asking twice costs one look at the store.
A document LibreOffice fails to convert try after try is noted as failed in a small object
beside it, holding the reason, so that nobody waits for it for ever; a worker with no
LibreOffice notes that instead. Only a worker's word counts: the web server may have no
LibreOffice where the workers do (services mode), so it never judges by its own. The PDF and
the note both live in the store, next to the document they are of: no table records either.
A request lost on its way (the broker down as the version was frozen, a worker killed while
converting) is sent again by the reconciler, for versions frozen within PDF_FOLLOW_DAYS.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.decisions._office import START_TIMEOUT_S, WarmOffice
from casework.decisions._pdf import (
    CONVERSION_TIMEOUT_S,
    ColdOffice,
    ConversionUnavailable,
    docx_to_pdf,
    office_program,
)
from casework.errors import DomainError
from storage.models import DecisionVersion
from storage.objects import ObjectNotFound, ObjectStore, put_bytes
from vocabulary import PdfStatus

PDF_MEDIA_TYPE = "application/pdf"
# Tries of one version before its failure is noted for good: a hung or killed office is
# started again for the next try, so one bad moment does not condemn a document.
PDF_TRIES = 3
PDF_RETRY_SECONDS = 30
# A worker's limit for one try: a first start of the warm office, the document's own limit,
# and a margin for reading and writing the store. The conversion's own limits end it first;
# this one only catches what they could not.
PDF_TIME_LIMIT_S = START_TIMEOUT_S + CONVERSION_TIMEOUT_S + 30
# Said for a version whose worker has no LibreOffice: trying again there would not help.
NO_OFFICE_IN_WORKER = ("LibreOffice is not installed where PDFs are made (Debian package: "
                       "libreoffice-writer-nogui)")
# How far back the reconciler looks for versions still waiting for their PDF: each costs it
# a look at the store a pass, and an older wait has been answered by someone asking since.
PDF_FOLLOW_DAYS = 7


class ConversionFailed(DomainError):
    """LibreOffice could not convert this version, try after try."""

    code = "conversion_failed"


class PdfTryFailed(Exception):
    """This try did not convert the version; a later one may."""


@dataclass(frozen=True)
class VersionPdf:
    """Where one version's PDF stands, and where it is (or will be) in the store."""

    status: PdfStatus
    key: str
    # Why it will not come: LibreOffice's failure, or its absence.
    reason: str | None = None

    @property
    def refusal(self) -> DomainError | None:
        """The error to answer when the PDF will not come; None when it is here or coming."""
        if self.status is PdfStatus.FAILED:
            return ConversionFailed(f"The PDF could not be made: {self.reason}. The Word "
                                    "document is available.")
        if self.status is PdfStatus.UNAVAILABLE:
            return ConversionUnavailable(self.reason)
        return None


def _pdf_key(version: DecisionVersion) -> str:
    """Where the version's PDF is kept: beside its .docx, under the same name."""
    return version.object_key.removesuffix(".docx") + ".pdf"


def _failure_key(version: DecisionVersion) -> str:
    return version.object_key.removesuffix(".docx") + ".pdf-failed.txt"


def version_pdf(store: ObjectStore, version: DecisionVersion) -> VersionPdf:
    """Whether the version's PDF is ready, being made, failed for good, or cannot be made
    where the workers are (no LibreOffice), as the workers have left word in the store."""
    key = _pdf_key(version)
    if store.exists(key):
        return VersionPdf(PdfStatus.READY, key)
    return _noted(store, version) or VersionPdf(PdfStatus.MAKING, key)


def versions_awaiting_pdf(session: Session, store: ObjectStore, *, frozen_after: datetime,
                          frozen_before: datetime) -> list[int]:
    """Ids of versions frozen in the window whose PDF is neither made nor refused: those
    whose request may have been lost."""
    versions = session.scalars(select(DecisionVersion).where(
        DecisionVersion.created_at > frozen_after, DecisionVersion.created_at <= frozen_before)
        .order_by(DecisionVersion.id))
    return [v.id for v in versions if version_pdf(store, v).status is PdfStatus.MAKING]


def make_version_pdf(store: ObjectStore, version: DecisionVersion, *, last_try: bool = True,
                     office: WarmOffice | ColdOffice | None = None,
                     timeout_s: int = CONVERSION_TIMEOUT_S) -> PdfStatus:
    """Convert the version and keep its PDF beside it, unless it is there already or its
    failure was noted: READY, FAILED, or UNAVAILABLE (noted at once) where this process has no
    LibreOffice. A failed conversion is noted on the `last_try`; otherwise PdfTryFailed.

    `office` converts (by default this process's warm office); `timeout_s` bounds it.
    """
    key = _pdf_key(version)
    if store.exists(key):
        return PdfStatus.READY
    noted = _noted(store, version)
    if noted is not None:
        return noted.status
    if office is None and office_program() is None:
        record_pdf_failure(store, version, NO_OFFICE_IN_WORKER)
        return PdfStatus.UNAVAILABLE
    try:
        pdf = docx_to_pdf(store.get(version.object_key), timeout_s, office)
    except ConversionUnavailable as error:
        if last_try:
            record_pdf_failure(store, version, error.message)
            return PdfStatus.FAILED
        raise PdfTryFailed(error.message) from None
    put_bytes(store, key, pdf, PDF_MEDIA_TYPE)
    return PdfStatus.READY


def record_pdf_failure(store: ObjectStore, version: DecisionVersion, reason: str) -> None:
    """Note, beside the version, that its PDF cannot be made, and why."""
    put_bytes(store, _failure_key(version), reason.encode(), "text/plain; charset=utf-8")


def forget_pdf_failure(store: ObjectStore, version: DecisionVersion) -> None:
    """Let the version's PDF be tried again (LibreOffice mended or installed, or a bad day
    behind it)."""
    store.delete(_failure_key(version))


def _noted(store: ObjectStore, version: DecisionVersion) -> VersionPdf | None:
    """The note a worker left that the PDF will not come (failed, or no LibreOffice), if any."""
    try:
        reason = store.get(_failure_key(version)).decode(errors="replace")
    except ObjectNotFound:
        return None
    status = PdfStatus.UNAVAILABLE if reason == NO_OFFICE_IN_WORKER else PdfStatus.FAILED
    return VersionPdf(status, _pdf_key(version), reason)
