from casework.evidence import ZIP
from tests.fixtures import bundle_zip, complaint_pdf, response_docx
from worker.extract import extract


def test_each_file_in_a_bundle_becomes_an_attachment():
    extraction = extract(ZIP, bundle_zip())
    assert [(a.filename, a.content) for a in extraction.attachments] == [
        ("complaint.pdf", complaint_pdf()),
        ("notes.txt", b"Call the surgery on Monday."),
        ("notes (2).txt", b"A second file with the same name."),
        # The path "../../etc/" is written by whoever made the zip: only the name is kept.
        ("response.docx", response_docx()),
    ]
    assert extraction.pages == (
        "The zip archive holds 6 files:\n"
        "bundle/complaint.pdf\nbundle/notes.txt\nother/notes.txt\n../../etc/response.docx\n"
        "__MACOSX/bundle/._complaint.pdf (not extracted: a macOS resource fork)\n"
        "bundle/.DS_Store (not extracted: a hidden file)",
    )
    # Nothing is dropped unseen: what is not evidence is listed, flagged and said why.
    assert extraction.flags == ("skipped_members",)
    assert extraction.metadata["skipped"] == [
        {"file": "__MACOSX/bundle/._complaint.pdf", "reason": "a macOS resource fork"},
        {"file": "bundle/.DS_Store", "reason": "a hidden file"},
    ]


def test_an_empty_zip_says_so():
    assert extract(ZIP, b"PK\x05\x06" + bytes(18)).pages == ("The zip archive is empty.",)
