"""A version's PDF: made once and kept beside its Word document, tried again after a failed
try, noted as failed after the last one (and tried again when asked), and said at once to
be unavailable by a worker with no LibreOffice."""

from __future__ import annotations

import pytest

from casework.decisions import (
    ConversionFailed,
    ConversionUnavailable,
    PdfTryFailed,
    forget_pdf_failure,
    make_version_pdf,
    version_pdf,
)
from tests.pdfs import RefusingOffice, StandInOffice, drafted_version
from vocabulary import PdfStatus


@pytest.fixture
def store(app):
    return app.extensions["casework.storage"].objects


@pytest.fixture
def version(db, store):
    return drafted_version(db, store)


@pytest.fixture
def without_libreoffice(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")


def test_the_pdf_is_made_once_and_kept_beside_the_word_document(store, version):
    assert version_pdf(store, version).status is PdfStatus.MAKING
    office = StandInOffice()

    assert make_version_pdf(store, version, office=office) is PdfStatus.READY

    ready = version_pdf(store, version)
    assert (ready.status, ready.refusal) == (PdfStatus.READY, None)
    assert ready.key == version.object_key.removesuffix(".docx") + ".pdf"
    assert store.get(ready.key).startswith(b"%PDF")
    # Asked again (a second message, a second download): nothing is converted again.
    assert make_version_pdf(store, version, office=office) is PdfStatus.READY
    assert office.calls == 1


def test_a_failed_try_leaves_it_to_the_next_and_the_last_is_noted_for_good(store, version):
    office = RefusingOffice()
    with pytest.raises(PdfTryFailed, match="could not convert"):
        make_version_pdf(store, version, last_try=False, office=office)
    assert version_pdf(store, version).status is PdfStatus.MAKING

    assert make_version_pdf(store, version, last_try=True, office=office) is PdfStatus.FAILED

    failed = version_pdf(store, version)
    assert failed.status is PdfStatus.FAILED
    assert isinstance(failed.refusal, ConversionFailed)
    assert failed.refusal.message == ("The PDF could not be made: LibreOffice could not "
                                      "convert the document to PDF. The Word document is "
                                      "available.")
    # A message still in the queue for it does not try again.
    assert make_version_pdf(store, version, office=office) is PdfStatus.FAILED
    assert office.calls == 2
    assert not store.exists(failed.key)


def test_a_failure_forgotten_is_tried_again(store, version):
    make_version_pdf(store, version, office=RefusingOffice())
    forget_pdf_failure(store, version)
    assert version_pdf(store, version).status is PdfStatus.MAKING
    assert make_version_pdf(store, version, office=StandInOffice()) is PdfStatus.READY


def test_a_worker_without_libreoffice_says_so_for_good(store, version, without_libreoffice):
    # Until a worker has tried, the PDF is being made, whatever this server has: the web
    # server may have no LibreOffice where the workers do.
    assert version_pdf(store, version).status is PdfStatus.MAKING

    # Trying again there would not help: said at once, on the first try.
    assert make_version_pdf(store, version, last_try=False) is PdfStatus.UNAVAILABLE

    unavailable = version_pdf(store, version)
    assert unavailable.status is PdfStatus.UNAVAILABLE
    assert isinstance(unavailable.refusal, ConversionUnavailable)
    assert "not installed where PDFs are made" in unavailable.refusal.message
    assert make_version_pdf(store, version) is PdfStatus.UNAVAILABLE


def test_once_libreoffice_is_installed_the_pdf_can_be_asked_for_again(store, version,
                                                                      monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    make_version_pdf(store, version)
    monkeypatch.undo()
    forget_pdf_failure(store, version)
    assert version_pdf(store, version).status is PdfStatus.MAKING
    assert make_version_pdf(store, version, office=StandInOffice()) is PdfStatus.READY


def test_a_pdf_made_earlier_is_served_without_libreoffice(store, version, monkeypatch):
    make_version_pdf(store, version, office=StandInOffice())
    monkeypatch.setenv("PATH", "/nonexistent")
    assert version_pdf(store, version).status is PdfStatus.READY
