"""Refusing XML with a document type declaration, before any XML parser builds a tree.

Office files never need a DOCTYPE; in a hostile file it carries external entities (XXE: the
parser reads a file of ours or a URL) or nested entities that expand to gigabytes (the
billion laughs). Every part is scanned, whatever its name: python-docx reaches parts through
relationships, so "word/document.bin" can be the main part, and .rels, customXml and
[Content_Types].xml are parsed too. Each part is scanned with expat only up to its root
element, which is where a DOCTYPE must be, so the scan is cheap; a part that is not XML
fails at its first bytes. Expat also reads the encoding declaration, so a DOCTYPE cannot hide
in UTF-16. A part that begins like XML but that expat cannot read up to its root (an encoding
expat lacks, such as EBCDIC or UCS-4, which libxml2 would still read) is refused: unchecked
is not safe.
"""

from __future__ import annotations

import codecs
import xml.parsers.expat
import zipfile

from worker.extract.errors import ExtractionError
from worker.extract.zip_limits import member_errors

_CHUNK = 16 * 1024
# How XML may begin (XML 1.0 appendix F): byte-order marks, then "<" or "<?xm" in UTF-8,
# UTF-16 and UCS-4 of either byte order, and EBCDIC.
_XML_STARTS = (
    codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE, b"<", b"\x00\x00\x00<", b"<\x00\x00\x00", b"\x00\x00<\x00",
    b"\x00<\x00\x00", b"\x00<", b"<\x00", b"\x4c\x6f\xa7\x94",
)


class _RootReached(Exception):
    """The root element started: no DOCTYPE can follow."""


class _DoctypeFound(Exception):
    pass


def refuse_doctype_in_parts(archive: zipfile.ZipFile, what: str) -> None:
    """Raise ExtractionError("unsafe XML: ...") if any part of the archive has a DOCTYPE."""
    for member in archive.infolist():
        if member.is_dir():
            continue
        with member_errors(member, what), archive.open(member) as stream:
            found, unreadable = _scan(stream)
        if found:
            raise ExtractionError(
                f"unsafe XML: {member.filename!r} in {what} declares a document type "
                f"(DOCTYPE), which can hide external or expanding entities"
            )
        if unreadable is not None:
            raise ExtractionError(
                f"unsafe XML: {member.filename!r} in {what} looks like XML but could not be "
                f"checked for a document type ({unreadable})"
            )


def _scan(stream) -> tuple[bool, str | None]:
    """(DOCTYPE found, why an XML-looking part could not be scanned up to its root)."""
    parser = xml.parsers.expat.ParserCreate()

    def on_doctype(*_args) -> None:
        raise _DoctypeFound

    def on_element(*_args) -> None:
        raise _RootReached

    parser.StartDoctypeDeclHandler = on_doctype
    parser.StartElementHandler = on_element
    first = b""
    try:
        while chunk := stream.read(_CHUNK):
            first = first or chunk
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _DoctypeFound:
        return True, None
    except _RootReached:
        return False, None
    except (xml.parsers.expat.ExpatError, LookupError, UnicodeError) as error:
        # Not XML at all (an image) has no DOCTYPE for any parser to find.
        looks_like_xml = first.lstrip(b" \t\r\n").startswith(_XML_STARTS)
        return False, (str(error) or type(error).__name__) if looks_like_xml else None
    return False, None
