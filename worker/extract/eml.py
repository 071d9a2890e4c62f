"""Emails saved as .eml (RFC 5322/MIME) with the standard library's email package.

The body is the plain-text part when there is one with text in it, else the HTML part as
text. Every other leaf part that a mail program would show as an attachment is returned as
an Attachment, and so is each forwarded message (as a .eml of its own, not opened here):
the pipeline makes each one child evidence of this email. Pictures embedded in the HTML body
(logos, signatures) are part of the body, not attachments.
"""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from worker.extract.errors import ExtractionError
from worker.extract.filenames import fallback_name, safe_filename
from worker.extract.html_text import html_to_text
from worker.extract.limits import MAX_ATTACHMENTS
from worker.extract.message_page import HEADERS, iso_date, message_page, one_line
from worker.extract.result import Attachment, Extraction


def extract_eml(content: bytes) -> Extraction:
    """One page (headers, body, attachment names), the headers as metadata, the attachments."""
    if not content.strip():
        raise ExtractionError("empty: the file has no content")
    try:
        message = email.message_from_bytes(content, policy=email.policy.default)
        metadata = _headers(message)
        body_part = message.get_body(preferencelist=("plain", "html"))
        if body_part is not None and not _text_of(body_part).strip():
            # Some mail programs send an empty plain part beside the real HTML one.
            body_part = message.get_body(preferencelist=("html", "plain"))
        body = _text_of(body_part) if body_part is not None else ""
        attachments = _attachments(message, body_part)
    except RecursionError as error:
        raise ExtractionError("damaged: the email's parts are nested too deeply") from error
    names = [attachment.filename for attachment in attachments]
    return Extraction(
        pages=(message_page(metadata, body, names),),
        attachments=tuple(attachments),
        metadata=metadata,
    )


def _headers(message: EmailMessage) -> dict:
    found = {}
    for name, key in HEADERS:
        value = _header(message, name)
        if value:
            found[key] = iso_date(value) if key == "date" else value
    return found


def _header(message: EmailMessage, name: str) -> str:
    try:
        return one_line(message[name])
    except Exception:  # the header parser can fail on malformed headers: use the raw value
        raw = next((value for key, value in message.raw_items() if key.lower() == name.lower()), "")
        return one_line(raw)


def _text_of(part: EmailMessage) -> str:
    try:
        text = part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError):
        # An unknown or lying charset: the bytes as UTF-8, damage shown as U+FFFD.
        payload = part.get_payload(decode=True) or b""
        text = payload.decode("utf-8", "replace")
    if not isinstance(text, str):
        return ""
    return html_to_text(text) if part.get_content_type() == "text/html" else text


def _attachments(message: EmailMessage, body_part: EmailMessage | None) -> list[Attachment]:
    found: list[Attachment] = []
    for part in _leaf_parts(message):
        if part is body_part or not _is_attachment(part):
            continue
        if len(found) == MAX_ATTACHMENTS:
            raise ExtractionError(
                f"too many files: the email has more than {MAX_ATTACHMENTS} attachments"
            )
        found.append(_attachment(part, len(found) + 1))
    return found


def _leaf_parts(part: EmailMessage):
    """Leaf parts in order; a forwarded message counts as a leaf, not opened here."""
    if part.is_multipart() and part.get_content_type() != "message/rfc822":
        for child in part.iter_parts():
            yield from _leaf_parts(child)
    else:
        yield part


def _is_attachment(part: EmailMessage) -> bool:
    if part.get_content_type() == "message/rfc822":
        return True
    if part.get_content_disposition() == "attachment":
        return True
    if part.get_filename():
        return part.get("Content-ID") is None or part.get_content_disposition() != "inline"
    # Unnamed parts: alternative bodies are text; embedded pictures have a Content-ID.
    return part.get_content_maintype() != "text" and part.get("Content-ID") is None


def _attachment(part: EmailMessage, number: int) -> Attachment:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload(0) if part.is_multipart() else None
        content = inner.as_bytes() if inner is not None else part.get_payload(decode=True) or b""
        # A subject is no path: "Re: 3/4 meeting" must not lose "Re: 3".
        subject = one_line(inner["Subject"]).replace("/", "-") if inner is not None else ""
        name = safe_filename(part.get_filename() or (subject and subject + ".eml"),
                             f"forwarded-message-{number}.eml")
        return Attachment(name, content)
    content = part.get_payload(decode=True) or b""
    name = safe_filename(part.get_filename(), fallback_name(number, part.get_content_type()))
    return Attachment(name, content)
