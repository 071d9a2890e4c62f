import codecs
import io

import pytest

from casework.evidence import (
    DOCX,
    EML,
    HTML,
    JPEG,
    MSG,
    PDF,
    PNG,
    SUPPORTED,
    TEXT,
    TIFF,
    ZIP,
    sniff_media_type,
    supported_labels_text,
    supported_types_text,
)
from tests.fixtures import (
    bundle_zip,
    complaint_eml,
    complaint_pdf,
    html_page,
    outlook_msg,
    plain_zip,
    response_docx,
    text_image,
)


def sniff(data: bytes):
    stream = io.BytesIO(data)
    result = sniff_media_type(stream)
    assert stream.tell() == 0, "sniffing must leave the stream where it was"
    return result


def other_ole_file() -> bytes:
    """An OLE2 compound file that is not an Outlook message, as a .doc or .xls is."""
    from extract_msg.ole_writer import OleWriter

    writer = OleWriter()
    writer.addEntry("WordDocument", b"\x00" * 4096)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_types_are_judged_by_content():
    assert sniff(complaint_pdf()) == PDF
    assert sniff(response_docx()) == DOCX
    # A PDF header may follow some junk bytes, as in files from some scanners.
    assert sniff(b"\r\n junk" + complaint_pdf()) == PDF


@pytest.mark.parametrize(("make", "expected"), [
    (complaint_eml, EML),
    (outlook_msg, MSG),
    (html_page, HTML),
    (lambda: text_image(["x"], "PNG"), PNG),
    (lambda: text_image(["x"], "JPEG"), JPEG),
    (lambda: text_image(["x"], "TIFF"), TIFF),
    (bundle_zip, ZIP),
    (plain_zip, ZIP),
])
def test_every_supported_format_is_recognised(make, expected):
    assert sniff(make()) == expected


@pytest.mark.parametrize("data", [
    b"Dear Ombudsman,\nI complain.\n",
    "Caf\u00e9 cr\u00e8me, \u00a3300".encode(),
    "Caf\u00e9 cr\u00e8me, \u00a3300".encode("cp1252"),
    codecs.BOM_UTF8 + b"with a byte-order mark",
    "UTF-16 from an old Windows tool".encode("utf-16"),
    b"Subject: only one mail header\nand then prose.",
])
def test_text_in_any_common_encoding_is_plain_text(data):
    assert sniff(data) == TEXT


@pytest.mark.parametrize("data", [
    b"  <!DOCTYPE html><p>hi",
    codecs.BOM_UTF8 + b"\n<HTML lang='en'><body>hi",
])
def test_html_is_recognised_after_whitespace_and_bom(data):
    assert sniff(data) == HTML


def test_email_needs_mail_headers_from_the_first_line():
    assert sniff(b"From: a@example.org\nTo: b@example.org\n\nHello") == EML
    assert sniff(b"From a@example.org Mon Feb  2 10:00:00 2026\nReceived: x\nDate: y\n\nHi") == EML
    assert sniff(b"Hello\nFrom: a@example.org\nTo: b@example.org\n") == TEXT
    # Long Received: chains push the blank line far beyond what sniffing reads.
    received = b"".join(b"Received: from relay%d.example.org\n\tby mx.example\n" % n
                        for n in range(400))
    assert sniff(received + b"From: a@example.org\n\nHi") == EML


def test_a_pdf_named_docx_is_a_pdf():
    # The name plays no part: the upload "letter.docx" holding PDF bytes is sniffed as a PDF.
    assert sniff(complaint_pdf()) == PDF


def office_zip(names: list[str]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


def test_office_files_we_cannot_read_are_not_bundles():
    assert sniff(office_zip(["[Content_Types].xml", "xl/workbook.xml"])) is None
    assert sniff(office_zip(["mimetype", "META-INF/manifest.xml", "content.xml"])) is None


def test_other_content_is_refused():
    assert sniff(b"MZ\x90\x00 an executable") is None
    assert sniff(b"PK\x03\x04 truncated zip") is None
    assert sniff(b"\x7fELF\x02\x01\x01\x00") is None
    assert sniff(other_ole_file()) is None
    assert sniff(b"") is None


def test_every_type_is_listed_for_people():
    assert len(SUPPORTED) == 10
    for media_type, label in SUPPORTED.items():
        assert label in supported_labels_text()
        assert f"{label} ({media_type})" in supported_types_text()


def test_a_zip_is_judged_by_its_structure_not_its_first_member():
    from tests import hazards

    stored = hazards.stored_zip_starting_with_pdf()
    assert sniff(stored) == ZIP
    # Damaged, it is still no PDF: reading its first member would hide the rest.
    assert sniff(stored[:600]) is None
    # A PDF with a zip appended is read as the zip, which yields the PDF as a file of its own.
    assert sniff(hazards.pdf_with_zip_appended()) == ZIP


def test_a_pdf_holding_an_end_record_by_chance_is_a_pdf():
    assert sniff(complaint_pdf() + b"PK\x05\x06" + bytes(18)) == PDF


def test_word_is_known_by_its_declared_main_part_whatever_its_name():
    from tests import hazards

    assert sniff(hazards.renamed_main_part_docx()) == DOCX
