"""Which kinds of file we accept, judged by their content, never by their name."""

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
TEXT = "text/plain"
HTML = "text/html"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
ZIP = "application/zip"

SUPPORTED = {
    PDF: "PDF",
    DOCX: "Word (.docx)",
    EML: "email (.eml)",
    MSG: "Outlook email (.msg)",
    TEXT: "plain text",
    HTML: "web page (HTML)",
    PNG: "PNG image",
    JPEG: "JPEG image",
    TIFF: "TIFF image",
    ZIP: "zip archive",
}


# Enough to see any format's signature and an email's first headers.
_HEAD_BYTES = 8192
# The PDF spec lets a header follow up to 1 KB of junk, and real files do.
_PDF_HEADER_WINDOW = 1024

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
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


def supported_types_text() -> str:
    """For error messages: each type's name and media type."""
    return ", ".join(f"{label} ({media_type})" for media_type, label in SUPPORTED.items())


def supported_labels_text() -> str:
    """For people: 'PDF, Word (.docx), ...'."""
    return ", ".join(SUPPORTED.values())


def sniff_media_type(stream: BinaryIO) -> str | None:
    """The media type of a seekable stream's content, or None when we do not accept it."""
    start = stream.tell()
    try:
        head = stream.read(_HEAD_BYTES)
        if not head:
            return None
        if b"%PDF-" in head[:_PDF_HEADER_WINDOW]:
            return PDF
        if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            stream.seek(start)
            return _zip_kind(stream)
        if head.startswith(_OLE2_MAGIC):
            stream.seek(start)
            return MSG if _is_outlook_message(stream) else None
        for signature, media_type in _SIGNATURES:
            if head.startswith(signature):
                return media_type
        return _text_kind(head, truncated=len(head) == _HEAD_BYTES)
    finally:
        stream.seek(start)


def _zip_kind(stream: BinaryIO) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if "[Content_Types].xml" in names:
        # Office Open XML: Word we read; Excel and PowerPoint we do not, and their parts are
        # no bundle of evidence either.
        return DOCX if "word/document.xml" in names else None
    if "mimetype" in names and any(name.startswith("META-INF/") for name in names):
        return None  # OpenDocument (.odt, .ods): not supported, and not a bundle
    return ZIP


def _is_outlook_message(stream: BinaryIO) -> bool:
    """An OLE2 file is also a .doc or .xls; an Outlook message has MAPI property streams."""
    try:
        with olefile.OleFileIO(stream) as ole:
            names = [entry[-1] for entry in ole.listdir(streams=True, storages=False)]
    except Exception:  # olefile fails in many ways on damaged files; none of them is ours
        return False
    return "__properties_version1.0" in names and any(
        name.startswith("__substg1.0_") for name in names
    )


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
