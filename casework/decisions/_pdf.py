"""Word documents to PDF with LibreOffice, run headless in a subprocess.

LibreOffice is a system program (Debian's libreoffice-writer-nogui), not a Python package:
where it is missing the service says so plainly instead of failing.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from casework.errors import DomainError

# A decision of a few dozen pages converts in a few seconds; a stuck office suite must not
# hold a web request for ever.
CONVERSION_TIMEOUT_S = 120


class ConversionUnavailable(DomainError):
    code = "conversion_unavailable"


def office_program() -> str | None:
    """The LibreOffice command on this machine, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(document: bytes, timeout_s: int = CONVERSION_TIMEOUT_S) -> bytes:
    """The PDF of a .docx; raises ConversionUnavailable when LibreOffice cannot do it."""
    program = office_program()
    if program is None:
        raise ConversionUnavailable(
            "PDF needs LibreOffice, which is not installed here "
            "(Debian package: libreoffice-writer-nogui); the Word document is available"
        )
    with tempfile.TemporaryDirectory(prefix="casework-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(document)
        # A profile of its own: concurrent conversions, and a user's own LibreOffice, never
        # share (and lock) one.
        profile = (work / "profile").as_uri()
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout_s, check=False,
                           start_new_session=True)
        except subprocess.TimeoutExpired:
            raise ConversionUnavailable(
                f"LibreOffice did not finish the PDF within {timeout_s} s"
            ) from None
        result = work / "document.pdf"
        if not result.exists():
            raise ConversionUnavailable("LibreOffice could not convert the document to PDF")
        return result.read_bytes()
