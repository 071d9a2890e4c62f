"""Refusing XML with a document type declaration, before any XML parser builds a tree.

Office files never need a DOCTYPE; in a hostile file it carries external entities (XXE: the
parser reads a file of ours or a URL) or nested entities that expand to gigabytes (the
billion laughs). Each part is scanned with expat only up to its root element, which is where
a DOCTYPE must be, so the scan is cheap. Expat also reads the encoding declaration, so a
DOCTYPE cannot hide in UTF-16.
"""

from __future__ import annotations

import xml.parsers.expat
import zipfile

from worker.extract.errors import ExtractionError
from worker.extract.zip_limits import ZIP_READ_ERRORS

_CHUNK = 16 * 1024


class _RootReached(Exception):
    """The root element started: no DOCTYPE can follow."""


class _DoctypeFound(Exception):
    pass


def refuse_doctype_in_parts(archive: zipfile.ZipFile, what: str) -> None:
    """Raise ExtractionError("unsafe XML: ...") if any XML part of the archive has a DOCTYPE."""
    for member in archive.infolist():
        if member.filename.endswith((".xml", ".rels")) and not member.is_dir():
            try:
                with archive.open(member) as stream:
                    found = _has_doctype(stream)
            except ZIP_READ_ERRORS as error:
                raise ExtractionError(
                    f"damaged: {member.filename!r} in {what} could not be read ({error})"
                ) from error
            if found:
                raise ExtractionError(
                    f"unsafe XML: {member.filename!r} in {what} declares a document type "
                    f"(DOCTYPE), which can hide external or expanding entities"
                )


def _has_doctype(stream) -> bool:
    parser = xml.parsers.expat.ParserCreate()

    def on_doctype(*_args) -> None:
        raise _DoctypeFound

    def on_element(*_args) -> None:
        raise _RootReached

    parser.StartDoctypeDeclHandler = on_doctype
    parser.StartElementHandler = on_element
    try:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _DoctypeFound:
        return True
    except (_RootReached, xml.parsers.expat.ExpatError):
        # Malformed XML is for the document parser to report; it has no DOCTYPE before here.
        return False
    return False
