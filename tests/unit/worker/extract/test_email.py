from casework.evidence import EML, MSG
from tests.fixtures import complaint_eml, complaint_pdf, outlook_msg
from worker.extract import extract

HEADERS = {
    "from": "Jane Smith <jane@example.org>",
    "to": "Casework <cases@ombudsman.example>",
    "date": "2026-02-04T10:15:00+00:00",
}


def test_eml_headers_body_and_attachments():
    extraction = extract(EML, complaint_eml())
    assert extraction.metadata == {
        **HEADERS,
        "cc": "Ward Manager <ward@nhs.example>",
        "subject": "Complaint \u2013 missed call back",
    }
    assert extraction.pages == (
        "From: Jane Smith <jane@example.org>\n"
        "To: Casework <cases@ombudsman.example>\n"
        "Cc: Ward Manager <ward@nhs.example>\n"
        "Date: 2026-02-04T10:15:00+00:00\n"
        "Subject: Complaint \u2013 missed call back\n\n"
        "Nobody called me back.\nJane\n\n"
        "Attachments: complaint.pdf, Re: call back 3-4.eml",
    )
    pdf, forwarded = extraction.attachments
    # The attachment's own path ("../../letters/") is dropped; the embedded logo is no attachment.
    assert (pdf.filename, pdf.content) == ("complaint.pdf", complaint_pdf())
    assert forwarded.filename == "Re: call back 3-4.eml"
    assert extract(EML, forwarded.content).pages[0].endswith("We will call her back.")


def test_eml_html_only_body_is_read_as_text():
    message = (
        b"From: a@example.org\r\nTo: b@example.org\r\nSubject: html\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n"
        b"<html><head><style>p{}</style></head><body><p>Seen</p><script>x()</script></body></html>"
    )
    assert extract(EML, message).pages[0].endswith("\n\nSeen")


def test_msg_has_the_same_shape_as_eml():
    extraction = extract(MSG, outlook_msg())
    assert extraction.metadata == {**HEADERS, "subject": "Missed call back"}
    assert extraction.pages == (
        "From: Jane Smith <jane@example.org>\n"
        "To: Casework <cases@ombudsman.example>\n"
        "Date: 2026-02-04T10:15:00+00:00\n"
        "Subject: Missed call back\n\n"
        "Nobody called me back.\nJane\n\n"
        "Attachments: letter.pdf",
    )
    [attachment] = extraction.attachments
    assert (attachment.filename, attachment.content) == ("letter.pdf", complaint_pdf())
