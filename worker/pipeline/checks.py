"""The first steps: the stored bytes are the uploaded bytes, and of a type we read."""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace

from casework.evidence import SUPPORTED, sniff_media_type
from storage.objects import ObjectNotFound, ObjectStore
from worker.pipeline.document import Document, StopPipeline


class VerifyStored:
    """Fetch the original from object storage and check it hashes to what was uploaded."""

    name = "store"

    def __init__(self, store: ObjectStore) -> None:
        self.store = store

    def run(self, document: Document) -> Document:
        try:
            content = self.store.get(document.object_key)
        except ObjectNotFound:
            raise StopPipeline("the stored file is missing; upload it again") from None
        if hashlib.sha256(content).hexdigest() != document.sha256:
            raise StopPipeline("the stored file does not match its checksum; upload it again")
        return replace(document, content=content)

    def summary(self, document: Document) -> str | None:
        return f"{len(document.content):,} bytes, checksum verified"


class SniffType:
    """Judge the type again from the content, as the extractors will trust it."""

    name = "sniff"

    def run(self, document: Document) -> Document:
        media_type = sniff_media_type(io.BytesIO(document.content), document.filename)
        if media_type is None:
            raise StopPipeline("unsupported type: the content is not a kind of file we read")
        return replace(document, media_type=media_type)

    def summary(self, document: Document) -> str | None:
        return SUPPORTED.get(document.media_type, document.media_type)
