"""Which kinds of file we accept, judged by their content; by their name only where the
content cannot tell (a CSV file is plain text)."""

from __future__ import annotations

import codecs
import re
import zipfile
from typing import BinaryIO

import olefile

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EML = "message/rfc822"
MSG = "application/vnd.ms-outlook"
DOC = "application/msword"
RTF = "application/rtf"
ODT = "application/vnd.oasis.opendocument.text"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
TEXT = "text/plain"
HTML = "text/html"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
ZIP = "application/zip"

SUPPORTED = {
    PDF: "PDF",
    DOCX: "Word (.docx)",
    DOC: "Word 97-2003 document (.doc)",
    RTF: "Rich Text document (.rtf)",
    ODT: "OpenDocument text (.odt)",
    XLSX: "Excel spreadsheet (.xlsx)",
    CSV: "CSV spreadsheet (.csv)",
    EML: "email (.eml)",
    MSG: "Outlook email (.msg)",
    TEXT: "plain text",
    HTML: "web page (HTML)",
    PNG: "PNG image",
    JPEG: "JPEG image",
    TIFF: "TIFF image",
    ZIP: "zip archive",
}

# Flag of a file that LibreOffice must convert before it is read, on a machine without it.
LIBREOFFICE_UNAVAILABLE = "libreoffice_unavailable"
_CONVERTED_BY_LIBREOFFICE = {DOC: "old Word document", RTF: "RTF document",
                             ODT: "OpenDocument text"}


# Enough to see any format's signature and an email's first headers.
_HEAD_BYTES = 8192
# The PDF spec lets a header follow up to 1 KB of junk, and real files do.
_PDF_HEADER_WINDOW = 1024

_ZIP_MAGIC = b"PK\x03\x04"
_CONTENT_TYPES = "[Content_Types].xml"
_WORD_MAIN_CONTENT_TYPE = b"wordprocessingml.document.main+xml"
_EXCEL_MAIN_CONTENT_TYPE = b"spreadsheetml.sheet.main+xml"
_OPENDOCUMENT_MIMETYPE = "mimetype"
# An OpenDocument file's first member names its kind in a few dozen bytes.
_MIMETYPE_MAX_BYTES = 256
# A real [Content_Types].xml is a few kilobytes.
_CONTENT_TYPES_MAX_BYTES = 1024 * 1024
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RTF_MAGIC = b"{\\rtf"
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
)

_HTML_START = re.compile(rb"\s*(<!doctype\s+html|<html[\s>])", re.IGNORECASE)
# A header field: a name of printable ASCII without spaces or colon, then a colon.
_HEADER_LINE = re.compile(rb"([!-9;-~]+):")
_MAIL_HEADERS = frozenset({
    b"from", b"to", b"cc", b"subject", b"date", b"received", b"mime-version", b"message-id",
    b"return-path", b"delivered-to", b"reply-to", b"sender", b"content-type", b"x-mailer",
})
# Written only by mail software: one of them, in a block of nothing but headers, is enough.
_TRANSPORT_HEADERS = frozenset({
    b"received", b"return-path", b"mime-version", b"message-id", b"delivered-to",
})
# Control characters other than tab, newline, form feed and carriage return mark binary data.
_BINARY_BYTES = bytes(set(range(32)) - {9, 10, 12, 13}) + b"\x7f"


def supported_labels_text() -> str:
    """For people: 'PDF, Word (.docx), ...'."""
    return ", ".join(SUPPORTED.values())


def libreoffice_missing_reason(media_type: str) -> str:
    """What the investigator is told when LibreOffice is missing for a file of this type."""
    what = _CONVERTED_BY_LIBREOFFICE.get(media_type, "document")
    return f"LibreOffice is not installed here, so this {what} cannot be read"


def sniff_media_type(stream: BinaryIO, filename: str = "") -> str | None:
    """The media type of a seekable stream's content, or None when we do not accept it.

    `filename` tells a CSV file from other plain text, and nothing else.
    """
    start = stream.tell()
    try:
        head = stream.read(_HEAD_BYTES)
        if not head:
            return None
        # A zip is judged by its structure before any first-bytes signature: a zip stored
        # without compression shows its first member's bytes (%PDF-...) near its start, and
        # taking it for that member would drop every other member unseen.
        stream.seek(start)
        archive = _open_zip(stream)
        if archive is not None:
            with archive:
                return _zip_kind(archive)
        if head.startswith(_ZIP_MAGIC):
            return None  # a damaged zip: never read as the member it begins with
        if b"%PDF-" in head[:_PDF_HEADER_WINDOW]:
            return PDF
        if head.startswith(_OLE2_MAGIC):
            stream.seek(start)
            return _ole2_kind(stream)
        for signature, media_type in _SIGNATURES:
            if head.startswith(signature):
                return media_type
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(_RTF_MAGIC):
            return RTF
        kind = _text_kind(head, truncated=len(head) == _HEAD_BYTES)
        return CSV if kind == TEXT and filename.lower().endswith(".csv") else kind
    finally:
        stream.seek(start)


def _open_zip(stream: BinaryIO) -> zipfile.ZipFile | None:
    """The archive, when the stream is a zip by its structure, whatever its first bytes are.

    The end record must lead to a central directory whose every member has its local header
    where the directory says. An empty archive counts only when the whole file is its end
    record: other formats may hold those four bytes by chance.
    """
    start = stream.tell()
    try:
        if not zipfile.is_zipfile(stream):
            return None
        stream.seek(start)
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None
    members = archive.infolist()
    if not members:
        found = archive.start_dir == 0
    else:
        found = all(_local_header_at(stream, member.header_offset) for member in members)
    if not found:
        archive.close()
        return None
    return archive


def _local_header_at(stream: BinaryIO, offset: int) -> bool:
    stream.seek(offset)
    return stream.read(4) == _ZIP_MAGIC


def _zip_kind(archive: zipfile.ZipFile) -> str | None:
    """Word, Excel, OpenDocument text, a bundle, or an office format we do not read, judged
    by the parts it holds.

    A zip with bytes before its first member (a PDF with a zip appended, a self-extracting
    program) is a polyglot: it is read as a bundle, never as Office, because the bundle
    yields those bytes as a file of their own and so neither reading hides the other.
    """
    members = archive.infolist()
    if members and min(member.header_offset for member in members) > 0:
        return ZIP
    names = {member.filename for member in members}
    if _CONTENT_TYPES in names:
        # Office Open XML: Word and Excel we read; PowerPoint we do not, and its parts are
        # no bundle of evidence either. The main part may have any name: its content type
        # says what it is.
        declared = _small_member(archive, _CONTENT_TYPES, _CONTENT_TYPES_MAX_BYTES)
        if declared.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            declared = declared.decode("utf-16", "replace").encode()
        if "word/document.xml" in names or _WORD_MAIN_CONTENT_TYPE in declared:
            return DOCX
        if "xl/workbook.xml" in names or _EXCEL_MAIN_CONTENT_TYPE in declared:
            return XLSX
        return None
    if _OPENDOCUMENT_MIMETYPE in names and any(name.startswith("META-INF/") for name in names):
        # OpenDocument: text we read; spreadsheets and presentations are not a bundle either.
        kind = _small_member(archive, _OPENDOCUMENT_MIMETYPE, _MIMETYPE_MAX_BYTES)
        return ODT if kind.strip() == ODT.encode() else None
    return ZIP


def _small_member(archive: zipfile.ZipFile, name: str, max_bytes: int) -> bytes:
    """A member that says what the archive is, as bytes parsed by nothing; empty when it is
    larger than such a member ever is, damaged or encrypted (the extractor will say so)."""
    info = archive.getinfo(name)
    if info.file_size > max_bytes:
        return b""
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError,
            RuntimeError):
        return b""


def _ole2_kind(stream: BinaryIO) -> str | None:
    """An OLE2 file is an Outlook message, a Word 97-2003 document, or an Excel, PowerPoint
    or other file we do not read: the names of the streams inside it say which."""
    try:
        with olefile.OleFileIO(stream) as ole:
            entries = ole.listdir(streams=True, storages=False)
    except Exception:  # olefile fails in many ways on damaged files; none of them is ours
        return None
    names = [entry[-1] for entry in entries]
    if "__properties_version1.0" in names and any(
        name.startswith("__substg1.0_") for name in names
    ):
        return MSG  # MAPI property streams
    # Word's own stream is at the root; a message with a .doc attached holds it deeper.
    if ["WordDocument"] in entries:
        return DOC
    return None


def _text_kind(head: bytes, truncated: bool) -> str | None:
    text = _decode_head(head)
    if text is None:
        return None
    sample = text.lstrip("\ufeff").encode("utf-8", "replace")
    if _HTML_START.match(sample):
        return HTML
    if _looks_like_mail(sample, truncated):
        return EML
    return TEXT


def _decode_head(head: bytes) -> str | None:
    """The head as text, or None when it looks binary (NULs, control characters)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Windows tools still write UTF-16 text; its NULs are not binary.
        decoder = codecs.getincrementaldecoder("utf-16")(errors="strict")
        try:
            text = decoder.decode(head, final=False)
        except UnicodeDecodeError:
            return None
        return None if any(c in text for c in _BINARY_BYTES.decode("latin-1")) else text
    if any(byte in _BINARY_BYTES for byte in head):
        return None
    # Not final: the head may end inside a multi-byte character.
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        return decoder.decode(head, final=False)
    except UnicodeDecodeError:
        # Windows-1252 and Latin-1 text: every byte is a character once control bytes are out.
        return head.decode("latin-1")


def _looks_like_mail(sample: bytes, truncated: bool) -> bool:
    """RFC 822 headers from the first line: two of the usual ones, or one only mail has."""
    lines = sample.splitlines()
    if truncated:
        lines = lines[:-1]  # the head may end inside a header line
    if lines and lines[0].startswith(b"From "):
        lines = lines[1:]  # an mbox separator line, as some mail programs save messages
    names = set()
    for line in lines:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            continue  # a folded continuation of the previous header
        match = _HEADER_LINE.match(line)
        if match is None:
            return False
        names.add(match.group(1).lower())
    return len(names & _MAIL_HEADERS) >= 2 or bool(names & _TRANSPORT_HEADERS)
