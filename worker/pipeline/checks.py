"""The first steps: the stored bytes are the uploaded bytes, and of a type we read."""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace

from casework.media import SUPPORTED, sniff_media_type
from worker.pipeline.document import Document, StopPipeline


class VerifyStored:
    """The original in object storage still hashes to what was uploaded."""

    name = "store"

    def run(self, document: Document) -> Document:
        if hashlib.sha256(document.content).hexdigest() != document.sha256:
            raise StopPipeline("the stored file does not match its checksum; upload it again")
        return document

    def summary(self, document: Document) -> str | None:
        return f"{len(document.content):,} bytes, checksum verified"


class SniffType:
    """Judge the type again from the content, as the extractors will trust it."""

    name = "sniff"

    def run(self, document: Document) -> Document:
        media_type = sniff_media_type(io.BytesIO(document.content))
        if media_type is None:
            raise StopPipeline("unsupported type: the content is not a kind of file we read")
        return replace(document, media_type=media_type)

    def summary(self, document: Document) -> str | None:
        return SUPPORTED.get(document.media_type, document.media_type)
