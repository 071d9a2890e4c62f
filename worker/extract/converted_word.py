"""Old Word (.doc), RTF and OpenDocument text: converted to .docx by LibreOffice, then read
as Word documents are (docx.py), with every check a .docx gets.

LibreOffice runs as a child of the process reading the file, inside its process group and
under its memory limit: in the isolated reader (isolation.py) the wall clock that ends the
reader ends LibreOffice with it. soffice.bin is run directly, not through its launcher, so
that the conversion's own time limit ends LibreOffice itself, not only a shell script.

Each conversion has a fresh profile of its own, in a folder removed afterwards: it never
shares (or locks) the profile of the warm office that makes decision PDFs, nor another
conversion's. The profile turns off macros and the updating of links before LibreOffice
first starts, so a hostile document can neither run code nor fetch a URL while converting.

Where LibreOffice is not installed the file is kept with an empty page and a flag, as a scan
is where Tesseract is missing: the investigator is told why there is no text.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from casework.evidence import DOC, LIBREOFFICE_UNAVAILABLE, ODT, RTF
from casework.office import RESTART_REQUESTED, convert_command, office_binary, office_program
from worker.extract.docx import extract_docx
from worker.extract.errors import ExtractionError
from worker.extract.limits import MAX_CONTENT_BYTES, OFFICE_CONVERSION_TIMEOUT_S
from worker.extract.result import Extraction

# What each format is called in messages, and the name LibreOffice reads it by.
_FORMATS = {
    DOC: ("the old Word document", "document.doc"),
    RTF: ("the RTF document", "document.rtf"),
    ODT: ("the OpenDocument text", "document.odt"),
}
_TO_DOCX = "docx:MS Word 2007 XML"
# Settings of the private profile, written before LibreOffice first reads it: no macros at
# all (the highest security level, and execution off), links never updated (0: never).
_SCRIPTING = "/org.openoffice.Office.Common/Security/Scripting"
_LOCKED_DOWN = (
    (_SCRIPTING, "MacroSecurityLevel", "3"),
    (_SCRIPTING, "DisableMacrosExecution", "true"),
    (_SCRIPTING, "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),
)


def converted_extractor(media_type: str) -> Callable[[bytes], Extraction]:
    """The extractor for one of the formats LibreOffice converts."""
    what, source_name = _FORMATS[media_type]

    def extract_converted(content: bytes) -> Extraction:
        if not content:
            raise ExtractionError("empty: the file has no content")
        program = office_program()
        if program is None:
            return Extraction(pages=("",), flags=(LIBREOFFICE_UNAVAILABLE,))
        extraction = extract_docx(convert_to_docx(program, content, source_name, what))
        return Extraction(pages=extraction.pages, flags=extraction.flags,
                          metadata=extraction.metadata | {"converted_by": "LibreOffice"})

    extract_converted.__name__ = f"extract_{source_name.rsplit('.', 1)[1]}"
    return extract_converted


def convert_to_docx(program: str, content: bytes, source_name: str, what: str) -> bytes:
    """The .docx LibreOffice makes of `content`; ExtractionError when it makes none."""
    with tempfile.TemporaryDirectory(prefix="casework-convert-") as folder:
        work = Path(folder)
        profile = work / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_registry(_LOCKED_DOWN))
        source = work / "in" / source_name
        source.parent.mkdir()
        source.write_bytes(content)
        command = convert_command(office_binary(program), profile, _TO_DOCX, source)
        for _start in range(2):  # the first start on a new profile asks for a second
            code = _run(command)
            if code != RESTART_REQUESTED:
                break
        result = source.with_suffix(".docx")
        if not result.is_file():
            raise ExtractionError(
                f"damaged: LibreOffice could not convert {what} (exit code {code})")
        if result.stat().st_size > MAX_CONTENT_BYTES:
            raise ExtractionError(
                f"too large: {what} converts to more than {MAX_CONTENT_BYTES // 2**20} MB")
        return result.read_bytes()


def _registry(settings: tuple[tuple[str, str, str], ...]) -> str:
    """A profile's registrymodifications.xcu holding `settings` (path, name, value)."""
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{value}</value></prop></item>\n"
        for path, name, value in settings
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry">\n'
            f"{items}</oor:items>\n")


def _run(command: list[str]) -> int:
    try:
        finished = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=OFFICE_CONVERSION_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise ExtractionError(
            f"timed out: LibreOffice took more than {OFFICE_CONVERSION_TIMEOUT_S} s "
            "to convert the document") from None
    return finished.returncode
