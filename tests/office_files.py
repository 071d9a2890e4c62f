"""Spreadsheets, CSV, RTF, old Word and OpenDocument evidence, made by code for the tests.

openpyxl writes the .xlsx and a CSV is text; LibreOffice converts a python-docx document to
.doc and .odt, and tests that need one skip, saying why, where LibreOffice is missing.
"""

from __future__ import annotations

import datetime
import functools
import io
import subprocess
import tempfile
from pathlib import Path

import pytest

from casework.office import convert_command, office_program
from commands.sample_files import text_docx

OLD_WORD_LINES = ["Riverside Surgery complaint file note",
                  "Mrs Lovelace telephoned on 3 March 2026 about the missed call back."]
PAYMENT_ROWS = [["Date", "Payee", "Amount"],
                [datetime.datetime(2026, 3, 3), "Mrs Lovelace", 450.0],
                [datetime.datetime(2026, 4, 1), "Riverside Surgery refund", 12.5]]


@functools.cache
def payments_xlsx() -> bytes:
    """Two sheets: the payments, and a hidden one with a note."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Payments"
    for row in PAYMENT_ROWS:
        sheet.append(row)
    notes = workbook.create_sheet("Notes")
    notes.sheet_state = "hidden"
    notes["B2"] = "Approved by the practice manager"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def payments_csv() -> bytes:
    """As Excel on a British machine saves CSV: Windows-1252, CRLF, a quoted comma."""
    return ('Date,Payee,Amount\r\n2026-03-03,"Lovelace, Ada",£450\r\n'
            "2026-04-01,Riverside Surgery,£12.50\r\n").encode("cp1252")


def complaint_rtf() -> bytes:
    """RTF is text: written by hand."""
    return (rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}"
            rb"\f0\pard Complaint about Riverside Surgery, received 3 March 2026.\par}")


def needs_libreoffice() -> str:
    """The LibreOffice command; skips the test, saying why, where there is none."""
    program = office_program()
    if program is None:
        pytest.skip("LibreOffice (soffice) is not installed: no .doc or .odt can be made")
    return program


@functools.cache
def old_word_doc() -> bytes:
    """A Word 97-2003 .doc of OLD_WORD_LINES."""
    return _converted(text_docx(OLD_WORD_LINES), "doc:MS Word 97", "doc")


@functools.cache
def opendocument_odt() -> bytes:
    """An OpenDocument text of OLD_WORD_LINES."""
    return _converted(text_docx(OLD_WORD_LINES), "odt", "odt")


def _converted(docx: bytes, convert_to: str, suffix: str) -> bytes:
    program = needs_libreoffice()
    with tempfile.TemporaryDirectory(prefix="casework-test-convert-") as folder:
        source = Path(folder) / "document.docx"
        source.write_bytes(docx)
        command = convert_command(program, Path(folder) / "profile", convert_to, source)
        subprocess.run(command, capture_output=True, timeout=180, check=True)
        return source.with_suffix(f".{suffix}").read_bytes()
