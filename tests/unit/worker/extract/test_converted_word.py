"""Old Word, RTF and OpenDocument text: converted by LibreOffice, then read as Word is."""

import pytest

from casework.evidence import DOC, ODT, RTF
from tests.office_files import (
    OLD_WORD_LINES,
    complaint_rtf,
    needs_libreoffice,
    old_word_doc,
    opendocument_odt,
)
from worker.extract import ExtractionError, extract, run_isolated

OLD_WORD_TEXT = "\n".join(OLD_WORD_LINES)


@pytest.mark.parametrize(("media_type", "make"), [(DOC, old_word_doc), (ODT, opendocument_odt)])
def test_old_word_and_opendocument_are_read_as_word(media_type, make):
    extraction = extract(media_type, make())
    assert extraction.pages == (OLD_WORD_TEXT,)
    assert extraction.metadata["converted_by"] == "LibreOffice"


def test_rtf_written_by_hand_is_read():
    needs_libreoffice()
    assert extract(RTF, complaint_rtf()).pages == (
        "Complaint about Riverside Surgery, received 3 March 2026.",)


def test_the_isolated_reader_converts_under_its_limits():
    # LibreOffice runs inside the reader's memory limit and process group.
    assert run_isolated(DOC, old_word_doc(), 120, 1536).pages == (OLD_WORD_TEXT,)


def test_the_time_limit_of_the_isolated_reader_covers_libreoffice():
    needs_libreoffice()
    with pytest.raises(ExtractionError, match="^timed out: reading the file took more than 0.5 s$"):
        run_isolated(ODT, opendocument_odt(), time_limit_s=0.5, memory_limit_mb=1536)


def test_a_file_libreoffice_cannot_convert_fails_with_a_reason():
    needs_libreoffice()
    with pytest.raises(ExtractionError, match="^damaged: LibreOffice could not convert the "
                                              "OpenDocument text"):
        extract(ODT, b"PK\x03\x04 not really a zip")


@pytest.mark.parametrize("media_type", [DOC, RTF, ODT])
def test_without_libreoffice_the_file_is_kept_and_flagged(monkeypatch, media_type):
    monkeypatch.setattr("worker.extract.converted_word.office_program", lambda: None)
    extraction = extract(media_type, complaint_rtf())
    assert extraction.pages == ("",)
    assert extraction.flags == ("libreoffice_unavailable",)


def test_an_empty_file_is_refused():
    with pytest.raises(ExtractionError, match="^empty: "):
        extract(DOC, b"")
