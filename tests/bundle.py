"""A mixed bundle as an investigator receives it: email with a PDF, a zip, a Word file."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage

from commands.sample_files import text_docx, text_pdf

NHS_NUMBER = "943 476 5919"  # a valid modulus-11 check digit

REFERRAL_LETTER = [[
    "Riverside Surgery",
    "Referral letter, 4 February 2026",
    f"Patient: Mr Ben Example, NHS number {NHS_NUMBER}.",
    "Dr Sarah Jones referred Mr Example to Northtown Hospitals NHS Foundation Trust.",
    "The referral was sent on 4 February 2026 and the hospital did not reply.",
]]


def referral_pdf() -> bytes:
    return text_pdf(REFERRAL_LETTER)


def complaint_email() -> bytes:
    message = EmailMessage()
    message["From"] = "Ben Example <ben@example.org>"
    message["To"] = "complaints@riverside.example"
    message["Subject"] = "Complaint about my referral"
    message["Date"] = "Mon, 2 Mar 2026 09:30:00 +0000"
    message.set_content(
        "I am complaining about Riverside Surgery.\n"
        "On 4 February 2026 my GP referred me to the hospital, and nobody contacted me.\n"
        "I spent £250 on private physiotherapy while I waited.\n"
    )
    message.add_attachment(referral_pdf(), maintype="application", subtype="pdf",
                           filename="referral.pdf")
    return message.as_bytes()


def response_docx() -> bytes:
    return text_docx([
        "Riverside Surgery complaint response",
        "Dear Mr Example, thank you for your complaint of 2 March 2026.",
        "We are sorry that the referral of 4 February 2026 was not followed up.",
    ])


def bundle_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bundle/response.docx", response_docx())
        archive.writestr("bundle/notes.txt",
                         "Telephone note, 10 March 2026: Mr Example called about the referral.")
    return out.getvalue()
