"""How requests and extractions cross process boundaries: frames of JSON and raw bytes.

A frame is a JSON header and a binary payload, each preceded by its length. JSON rather than
pickle because the bytes come back from a process that has just parsed a hostile file: if a
parser were ever subverted, the worst it could send is wrong text, never code to run.
"""

from __future__ import annotations

import json
import struct
from typing import BinaryIO

from casework.evidence import PageImage
from worker.extract.page_images import PageImages
from worker.extract.result import Attachment, Extraction

_LENGTHS = struct.Struct(">IQ")  # header length, payload length
# A request's "task" when the file's pages are to be rendered as images, not its text read.
RENDER = "render"


def write_frame(stream: BinaryIO, header: dict, payload: bytes = b"") -> None:
    """Write one frame and flush it."""
    encoded = json.dumps(header).encode()
    stream.write(_LENGTHS.pack(len(encoded), len(payload)))
    stream.write(encoded)
    stream.write(payload)
    stream.flush()


def read_frame(stream: BinaryIO) -> tuple[dict, bytes] | None:
    """The next frame, or None at a clean end of stream; ValueError for a broken one."""
    lengths = _read_exactly(stream, _LENGTHS.size, allow_end=True)
    if lengths is None:
        return None
    header_length, payload_length = _LENGTHS.unpack(lengths)
    header = json.loads(_read_exactly(stream, header_length))
    payload = _read_exactly(stream, payload_length)
    if not isinstance(header, dict):
        raise ValueError("a frame's header must be a JSON object")
    return header, payload


def decode_frame(data: bytes) -> tuple[dict, bytes]:
    """One complete frame held in memory; ValueError if it is cut short or malformed."""
    if len(data) < _LENGTHS.size:
        raise ValueError("frame cut short")
    header_length, payload_length = _LENGTHS.unpack_from(data)
    if len(data) != _LENGTHS.size + header_length + payload_length:
        raise ValueError("frame cut short")
    header = json.loads(data[_LENGTHS.size:_LENGTHS.size + header_length])
    if not isinstance(header, dict):
        raise ValueError("a frame's header must be a JSON object")
    return header, data[_LENGTHS.size + header_length:]


def extraction_to_frame(extraction: Extraction) -> tuple[dict, bytes]:
    """The extraction as a header, with the attachments' bytes one after another as payload."""
    header = {
        "outcome": "ok",
        "pages": list(extraction.pages),
        "ocr_pages": list(extraction.ocr_pages),
        "flags": list(extraction.flags),
        "metadata": extraction.metadata,
        "attachments": [
            {"filename": item.filename, "size": len(item.content)}
            for item in extraction.attachments
        ],
    }
    return header, b"".join(item.content for item in extraction.attachments)


def extraction_from_frame(header: dict, payload: bytes) -> Extraction:
    """The extraction back from its frame; KeyError, TypeError or ValueError if malformed."""
    attachments = []
    offset = 0
    for item in header["attachments"]:
        attachments.append(Attachment(item["filename"], payload[offset:offset + item["size"]]))
        offset += item["size"]
    if offset != len(payload):
        raise ValueError("attachment sizes do not add up to the payload")
    return Extraction(
        pages=tuple(header["pages"]),
        ocr_pages=tuple(header["ocr_pages"]),
        attachments=tuple(attachments),
        flags=tuple(header["flags"]),
        metadata=header["metadata"],
    )


def page_images_to_frame(rendered: PageImages) -> tuple[dict, bytes]:
    """The rendered pages as a header of sizes and layouts, their images as payload."""
    header = {
        "outcome": "ok",
        "page_count": rendered.page_count,
        "pages": [{"image": len(page.image), "thumbnail": len(page.thumbnail),
                   "layout": page.layout} for page in rendered.pages],
    }
    return header, b"".join(page.image + page.thumbnail for page in rendered.pages)


def page_images_from_frame(header: dict, payload: bytes) -> PageImages:
    """The rendered pages back from their frame; KeyError, TypeError or ValueError if
    malformed."""
    pages = []
    offset = 0
    for item in header["pages"]:
        image_end = offset + item["image"]
        thumbnail_end = image_end + item["thumbnail"]
        layout = item["layout"]
        if len(layout["words"]) != len(layout["boxes"]):
            raise ValueError("a page's layout has words without boxes")
        pages.append(PageImage(payload[offset:image_end], payload[image_end:thumbnail_end],
                               layout))
        offset = thumbnail_end
    if offset != len(payload):
        raise ValueError("image sizes do not add up to the payload")
    return PageImages(tuple(pages), int(header["page_count"]))


def _read_exactly(stream: BinaryIO, size: int, allow_end: bool = False) -> bytes | None:
    chunks = []
    remaining = size
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            if allow_end and remaining == size:
                return None
            raise ValueError("stream ended inside a frame")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
