import codecs
import io

import pytest

from casework.evidence import (
    CSV,
    DOC,
    DOCX,
    EML,
    HTML,
    JPEG,
    MSG,
    ODT,
    PDF,
    PNG,
    RTF,
    SUPPORTED,
    TEXT,
    TIFF,
    XLSX,
    ZIP,
    libreoffice_missing_reason,
    sniff_media_type,
    supported_labels_text,
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
from tests.office_files import complaint_rtf, payments_csv, payments_xlsx


def sniff(data: bytes, filename: str = ""):
    stream = io.BytesIO(data)
    result = sniff_media_type(stream, filename)
    assert stream.tell() == 0, "sniffing must leave the stream where it was"
    return result


def ole_file(stream_name: str) -> bytes:
    """An OLE2 compound file holding one stream: "WordDocument" in a .doc, "Workbook" in a .xls."""
    from extract_msg.ole_writer import OleWriter

    writer = OleWriter()
    writer.addEntry(stream_name, b"\x00" * 4096)
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
    (lambda: ole_file("WordDocument"), DOC),
    (complaint_rtf, RTF),
    (payments_xlsx, XLSX),
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


def opendocument_zip(kind: str) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", kind)
        archive.writestr("META-INF/manifest.xml", "<x/>")
        archive.writestr("content.xml", "<x/>")
    return out.getvalue()


def test_office_files_we_cannot_read_are_not_bundles():
    assert sniff(office_zip(["[Content_Types].xml", "ppt/presentation.xml"])) is None
    assert sniff(opendocument_zip("application/vnd.oasis.opendocument.spreadsheet")) is None
    assert sniff(office_zip(["mimetype", "META-INF/manifest.xml", "content.xml"])) is None


def test_excel_and_opendocument_text_are_told_by_their_parts():
    assert sniff(office_zip(["[Content_Types].xml", "xl/workbook.xml"])) == XLSX
    assert sniff(opendocument_zip("application/vnd.oasis.opendocument.text")) == ODT
    # A Word document is still Word, whatever else its archive holds.
    assert sniff(office_zip(["[Content_Types].xml", "word/document.xml", "xl/x.xml"])) == DOCX


def test_an_ole2_file_is_a_message_an_old_word_document_or_refused():
    assert sniff(outlook_msg()) == MSG
    assert sniff(ole_file("WordDocument")) == DOC
    assert sniff(ole_file("Workbook")) is None  # Excel 97-2003: not read


def test_rtf_is_told_by_its_first_bytes_whatever_its_name():
    assert sniff(complaint_rtf(), "letter.txt") == RTF
    assert sniff(b"\xef\xbb\xbf\r\n" + complaint_rtf()) == RTF
    assert sniff(b"Notes on {\\rtf1 in prose") == TEXT


def test_csv_is_text_with_a_csv_name():
    # CSV has no signature: the name says it is meant as a table, the content that it is text.
    assert sniff(payments_csv(), "payments.CSV") == CSV
    assert sniff(payments_csv()) == TEXT
    assert sniff(payments_csv(), "payments.txt") == TEXT
    assert sniff(complaint_pdf(), "payments.csv") == PDF
    assert sniff(b"\x00\x01binary", "payments.csv") is None


def test_the_reason_a_converted_format_is_unread_names_it():
    assert libreoffice_missing_reason(DOC) == (
        "LibreOffice is not installed here, so this old Word document cannot be read")
    assert "OpenDocument text" in libreoffice_missing_reason(ODT)


def test_other_content_is_refused():
    assert sniff(b"MZ\x90\x00 an executable") is None
    assert sniff(b"PK\x03\x04 truncated zip") is None
    assert sniff(b"\x7fELF\x02\x01\x01\x00") is None
    assert sniff(ole_file("Workbook")) is None
    assert sniff(b"") is None


def test_every_type_is_listed_for_people_by_name_not_media_type():
    assert len(SUPPORTED) == 15
    for media_type, label in SUPPORTED.items():
        assert label in supported_labels_text()
        assert media_type not in supported_labels_text()
    assert "Word 97-2003 document (.doc)" in supported_labels_text()
    assert "Excel spreadsheet (.xlsx)" in supported_labels_text()
    assert "CSV spreadsheet (.csv)" in supported_labels_text()


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
