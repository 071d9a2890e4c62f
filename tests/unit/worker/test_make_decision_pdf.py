"""The PDF task, as a worker runs it: nothing to do for a version that is gone, made already or
failed for good; a worker without LibreOffice says so at once instead of trying again."""

from __future__ import annotations

import os

import pytest

from casework.decisions import make_version_pdf, record_pdf_failure, version_pdf
from tests.pdfs import StandInOffice, drafted_version
from vocabulary import PdfStatus
from wiring import MAKE_DECISION_PDF


@pytest.fixture
def store(app):
    return app.extensions["casework.storage"].objects


@pytest.fixture
def make_pdf(settings):
    """Run the worker's task in this process, on the test's own installation."""
    from worker import celery_app
    from worker.celery_app import create_worker

    task = create_worker(settings).tasks[MAKE_DECISION_PDF]
    yield lambda version_id: task.apply(args=[version_id]).get()
    storage = celery_app._storage_by_process.pop(os.getpid(), None)
    if storage is not None:
        storage.engine.dispose()


def test_a_version_that_is_not_there_has_no_pdf_to_make(make_pdf):
    assert make_pdf(999_999) == "missing"


def test_a_pdf_made_already_is_left_as_it_is(db, store, make_pdf):
    version = drafted_version(db, store)
    make_version_pdf(store, version, office=StandInOffice())
    made = store.get(version_pdf(store, version).key)

    assert make_pdf(version.id) == "ready"
    assert store.get(version_pdf(store, version).key) == made


def test_a_failure_noted_is_not_tried_again(db, store, make_pdf):
    version = drafted_version(db, store)
    record_pdf_failure(store, version, "LibreOffice could not open the document")

    assert make_pdf(version.id) == "failed"
    assert version_pdf(store, version).reason == "LibreOffice could not open the document"


def test_a_worker_without_libreoffice_notes_it_for_good(db, store, make_pdf, monkeypatch):
    version = drafted_version(db, store)
    monkeypatch.setenv("PATH", "/nonexistent")

    assert make_pdf(version.id) == "unavailable"
    monkeypatch.undo()
    # Said to the pages whatever the web server has.
    pdf = version_pdf(store, version)
    assert pdf.status is PdfStatus.UNAVAILABLE
    assert "not installed where PDFs are made" in pdf.reason
