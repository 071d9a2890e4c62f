"""Outlook .msg emails with extract-msg: the same page, metadata and attachments as a .eml.

A .msg is an OLE2 compound file of MAPI properties. The body is the plain-text property, else
the HTML one as text. Attached files are returned as Attachments; an attached Outlook message
is returned as a .msg file of its own, which becomes child evidence like any attachment.
Links to files on the web are not fetched.
"""

from __future__ import annotations

import extract_msg
from extract_msg.enums import AttachmentType

from worker.extract.errors import ExtractionError
from worker.extract.filenames import fallback_name, safe_filename
from worker.extract.html_text import html_to_text
from worker.extract.limits import MAX_ATTACHMENTS
from worker.extract.message_page import iso_date, message_page, one_line
from worker.extract.result import Attachment, Extraction

_WHAT = "the Outlook message"
_EMBEDDED = (AttachmentType.MSG, AttachmentType.SIGNED_EMBEDDED)


def extract_msg_file(content: bytes) -> Extraction:
    """One page (headers, body, attachment names), the headers as metadata, the attachments."""
    if not content:
        raise ExtractionError("empty: the file has no content")
    try:
        message = extract_msg.openMsg(content)
    except MemoryError:
        raise  # not damage: the memory limit, reported as such by run_isolated
    except Exception as error:  # extract-msg and olefile raise many kinds for a broken file
        raise ExtractionError(f"damaged: {_WHAT} could not be read ({error})") from error
    try:
        metadata = _headers(message)
        body = _body(message)
        attachments = _attachments(message)
    except (ExtractionError, MemoryError):
        raise
    except Exception as error:  # a property or stream that is missing or malformed
        raise ExtractionError(f"damaged: {_WHAT} could not be read ({error})") from error
    finally:
        message.close()
    names = [attachment.filename for attachment in attachments]
    return Extraction(
        pages=(message_page(metadata, body, names),),
        attachments=tuple(attachments),
        metadata=metadata,
    )


def _headers(message) -> dict:
    date = message.date.isoformat() if message.date else iso_date(message.header["Date"])
    found = {
        "from": one_line(message.sender),
        "to": one_line(message.to),
        "cc": one_line(message.cc),
        "date": date,
        "subject": one_line(message.subject),
    }
    return {key: value for key, value in found.items() if value}


def _body(message) -> str:
    if message.body and message.body.strip():
        return message.body.replace("\r\n", "\n")
    html = message.htmlBody
    if html:
        return html_to_text(html.decode("utf-8", "replace"))
    return ""


def _attachments(message) -> list[Attachment]:
    found: list[Attachment] = []
    for item in message.attachments:
        if len(found) == MAX_ATTACHMENTS:
            raise ExtractionError(
                f"too many files: the email has more than {MAX_ATTACHMENTS} attachments"
            )
        number = len(found) + 1
        if item.type in _EMBEDDED:
            inner = item.data
            subject = one_line(getattr(inner, "subject", "")).replace("/", "-")
            name = safe_filename(subject and subject + ".msg", f"attached-message-{number}.msg")
            found.append(Attachment(name, inner.exportBytes()))
        elif isinstance(item.data, bytes):
            fallback = fallback_name(number, getattr(item, "mimetype", None))
            name = safe_filename(item.longFilename or item.shortFilename or item.displayName,
                                 fallback)
            found.append(Attachment(name, item.data))
        # Web links and unreadable attachments carry no bytes to keep.
    return found
