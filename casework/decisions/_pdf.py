"""Word documents to PDF with LibreOffice: the process's warm office when it can start (see
_office.py), else a cold one started for the document.

LibreOffice is a system program (Debian's libreoffice-writer-nogui, and python3-uno for the
warm office), not a Python package: where it is missing the service says so plainly instead
of failing.
"""

from __future__ import annotations

import subprocess
import tempfile
import threading
from pathlib import Path

from casework.decisions._office import OfficeFailed, OfficeNotStarted, WarmOffice
from casework.errors import DomainError
from casework.office import convert_command, office_program

# A decision of a few dozen pages converts in a few seconds; a stuck office suite must not
# hold the worker converting it for ever.
CONVERSION_TIMEOUT_S = 120

NO_OFFICE = ("PDF needs LibreOffice, which is not installed here "
             "(Debian package: libreoffice-writer-nogui); the Word document is available")


class ConversionUnavailable(DomainError):
    code = "conversion_unavailable"


_warm_offices: dict[str, WarmOffice] = {}
_warm_offices_lock = threading.Lock()


def warm_office(program: str) -> WarmOffice:
    """This process's warm office for `program`, made (not started) on first use."""
    with _warm_offices_lock:
        if program not in _warm_offices:
            _warm_offices[program] = WarmOffice(program)
        return _warm_offices[program]


def docx_to_pdf(document: bytes, timeout_s: int = CONVERSION_TIMEOUT_S,
                office: WarmOffice | ColdOffice | None = None) -> bytes:
    """The PDF of a .docx; raises ConversionUnavailable when LibreOffice cannot do it.

    Converted by `office` when one is given (it needs no `soffice` on the PATH then), else by
    this process's warm office; by a cold one where the warm one cannot start.
    """
    program = office_program()
    if program is None and office is None:
        raise ConversionUnavailable(NO_OFFICE)
    with tempfile.TemporaryDirectory(prefix="casework-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(document)
        result = work / "document.pdf"
        try:
            try:
                (office or warm_office(program)).convert(source, result, timeout_s)
            except OfficeNotStarted:
                if program is None:
                    raise ConversionUnavailable(NO_OFFICE) from None
                ColdOffice(program).convert(source, result, timeout_s)
        except OfficeFailed as failure:
            raise ConversionUnavailable(str(failure)) from None
        if not result.exists():
            raise ConversionUnavailable("LibreOffice could not convert the document to PDF")
        return result.read_bytes()


class ColdOffice:
    """A LibreOffice started for each document: slow, but needs nothing beyond LibreOffice."""

    def __init__(self, program: str) -> None:
        self.program = program

    def convert(self, source: Path, target: Path, timeout_s: float) -> None:
        """Write the PDF of `source` to `target`, beside it, within `timeout_s` seconds."""
        command = convert_command(self.program, target.parent / "profile", "pdf", source)
        try:
            subprocess.run(command, capture_output=True, timeout=timeout_s, check=False,
                           start_new_session=True)
        except subprocess.TimeoutExpired:
            raise OfficeFailed(f"LibreOffice did not finish the PDF within {timeout_s} s") from None
        written = target.with_name(source.stem + ".pdf")
        if written.exists() and written != target:
            written.replace(target)
