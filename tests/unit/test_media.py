import io

from casework.media import DOCX, PDF, sniff_media_type
from tests.fixtures import complaint_pdf, plain_zip, response_docx


def sniff(data: bytes):
    stream = io.BytesIO(data)
    result = sniff_media_type(stream)
    assert stream.tell() == 0, "sniffing must leave the stream where it was"
    return result


def test_types_are_judged_by_content():
    assert sniff(complaint_pdf()) == PDF
    assert sniff(response_docx()) == DOCX
    # A PDF header may follow some junk bytes, as in files from some scanners.
    assert sniff(b"\r\n junk" + complaint_pdf()) == PDF


def test_other_content_is_refused():
    assert sniff(b"MZ\x90\x00 an executable") is None
    assert sniff(plain_zip()) is None
    assert sniff(b"PK\x03\x04 truncated zip") is None
    assert sniff(b"") is None
