"""Archives read by their structure: every member is a file of its own or a listed failure."""

import io
import struct
import zipfile

import pytest

from casework.evidence import DOCX, PDF, ZIP, sniff_media_type
from tests import hazards
from tests.fixtures import complaint_pdf, response_docx
from worker.extract import ExtractionError, extract
from worker.extract.zip_limits import ZipBudget, read_member


def test_a_stored_zip_whose_first_member_is_a_pdf_yields_every_member():
    content = hazards.stored_zip_starting_with_pdf()
    assert b"%PDF-" in content[:1024]
    assert sniff_media_type(io.BytesIO(content)) == ZIP
    extraction = extract(ZIP, content)
    assert [(a.filename, a.content) for a in extraction.attachments] == [
        ("complaint.pdf", complaint_pdf()),
        ("notes.txt", b"Call the surgery on Monday."),
    ]
    assert extraction.flags == ()


def test_a_pdf_with_a_zip_appended_yields_both_the_pdf_and_the_members():
    content = hazards.pdf_with_zip_appended()
    assert content.startswith(b"%PDF-")
    assert sniff_media_type(io.BytesIO(content)) == ZIP
    extraction = extract(ZIP, content)
    assert [(a.filename, a.content) for a in extraction.attachments] == [
        ("notes.txt", b"Call the surgery on Monday."),
        ("data-before-the-archive", complaint_pdf()),
    ]
    assert sniff_media_type(io.BytesIO(extraction.attachments[1].content)) == PDF
    assert extraction.pages[0].endswith(
        f"{len(complaint_pdf()):,} bytes before the archive, extracted as data-before-the-archive")


def test_members_that_cannot_be_evidence_are_listed_with_their_reasons():
    extraction = extract(ZIP, hazards.zip_with_unreadable_members())
    assert [(a.filename, a.content) for a in extraction.attachments] == [
        ("letter.txt", b"We accept the complaint."),
    ]
    assert extraction.flags == ("skipped_members",)
    assert extraction.metadata == {"files": 4, "skipped": [
        {"file": "damaged.txt", "reason": "damaged: 'damaged.txt' in the zip archive could not "
                                          "be read (Bad CRC-32 for file 'damaged.txt')"},
        {"file": ".hidden", "reason": "a hidden file"},
        {"file": "__MACOSX/._letter.txt", "reason": "a macOS resource fork"},
    ]}
    assert "damaged.txt (not extracted: damaged:" in extraction.pages[0]


def test_a_locked_member_is_flagged_as_encrypted_and_skipped():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("open.txt", "readable")
        archive.writestr("locked.txt", "secret")
    data = bytearray(out.getvalue())
    central = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 4)
    struct.pack_into("<H", data, central + 8, 0x1)  # general purpose flags: encrypted
    extraction = extract(ZIP, bytes(data))
    assert [a.filename for a in extraction.attachments] == ["open.txt"]
    assert extraction.flags == ("encrypted_members", "skipped_members")
    assert extraction.metadata["skipped"] == [
        {"file": "locked.txt", "reason": "locked with a password"}]


def test_a_member_declaring_less_than_it_holds_inflates_no_more_than_it_declares():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("liar.txt", b"spam " * 100_000)
    data = bytearray(out.getvalue())
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 1000)  # declared uncompressed size
    struct.pack_into("<I", data, 22, 1000)  # the same in the local header
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    budget = ZipBudget("the zip archive")
    with pytest.raises(ExtractionError, match="^damaged: 'liar.txt' in the zip archive"):
        read_member(archive, archive.getinfo("liar.txt"), "the zip archive", budget)
    assert budget.read_bytes <= 1000


def test_many_small_members_compressed_a_thousand_times_are_a_bomb_too():
    body = (b"spam " * 2**18)[: 2**20 - 8]  # each just under the one-member ratio check
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for number in range(20):
            archive.writestr(f"page-{number}.txt", b"%d\n" % number + body)
    with pytest.raises(ExtractionError, match=r"^zip bomb: the members of the zip archive "
                                              r"are compressed [\d,]+ to 1 together"):
        extract(ZIP, out.getvalue())


def _docx_plus(name: str, data: bytes) -> bytes:
    out = io.BytesIO(response_docx())
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(name, data)
    return out.getvalue()


def test_a_part_that_looks_like_xml_but_cannot_be_checked_is_refused():
    ebcdic = "<?xml version='1.0' encoding='cp037'?><!DOCTYPE x><x/>".encode("cp037")
    content = _docx_plus("customXml/item9.xml", ebcdic)
    assert sniff_media_type(io.BytesIO(content)) == DOCX
    with pytest.raises(ExtractionError, match="^unsafe XML: 'customXml/item9.xml' in the Word "
                                              "document looks like XML but could not be checked"):
        extract(DOCX, content)


def test_binary_parts_of_a_docx_are_not_taken_for_xml():
    content = _docx_plus("word/media/image9.png", hazards.image_bomb_png(10, 10))
    assert extract(DOCX, content).pages[0].startswith("Riverside Surgery complaint response")
