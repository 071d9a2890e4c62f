"""Intake: accepting uploads safely. Bytes are stored, then the row, then the file is queued."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import TooLarge, UnsupportedMediaType, ValidationFailed
from casework.evidence._media import sniff_media_type, supported_labels_text, supported_types_text
from storage.models import Case, Evidence, User
from storage.objects import ObjectStore
from vocabulary import EvidenceStatus

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Upload:
    filename: str
    stream: BinaryIO


def original_key(sha256: str) -> str:
    """Content-addressed: the same bytes are stored once, whatever they are called."""
    return f"originals/{sha256[:2]}/{sha256}"


def clean_filename(filename: str) -> str:
    # Browsers on Windows send full paths; keep the last part only.
    name = os.path.basename(filename.replace("\\", "/")).strip()
    name = "".join(ch for ch in name if ch.isprintable())
    return name[:255] or "unnamed"


def measure_stream(stream: BinaryIO, max_bytes: int) -> tuple[str, int]:
    """The sha256 and size of a seekable stream, refusing more than `max_bytes`."""
    start = stream.tell()
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"the file is larger than the {max_bytes // (1024 * 1024)} MB limit")
        digest.update(chunk)
    stream.seek(start)
    return digest.hexdigest(), size


def add_evidence(
    session: Session,
    store: ObjectStore,
    case: Case,
    actor: User | None,
    uploads: Iterable[Upload],
    enqueue: Callable[[int], None],
    max_bytes: int,
) -> list[Evidence]:
    """Store each upload's bytes, then commit its row, then queue it for processing.

    Every file is checked before any is stored, so a refused batch leaves nothing behind.
    """
    uploads = list(uploads)
    if not uploads:
        raise ValidationFailed("Select at least one file", field="file")
    checked = []
    for upload in uploads:
        media_type = sniff_media_type(upload.stream)
        if media_type is None:
            raise UnsupportedMediaType(
                f"{clean_filename(upload.filename)} is not a supported type. "
                f"Supported types: {supported_types_text()}"
            )
        sha256, size = measure_stream(upload.stream, max_bytes)
        if size == 0:
            raise ValidationFailed(f"{clean_filename(upload.filename)} is empty", field="file")
        checked.append((upload, media_type, sha256, size))

    items = [
        store_evidence(session, store, case, actor, upload.filename, upload.stream,
                       media_type, sha256, size)
        for upload, media_type, sha256, size in checked
    ]
    for evidence in items:
        if evidence.status is EvidenceStatus.QUEUED:
            enqueue(evidence.id)
    return items


def store_evidence(
    session: Session,
    store: ObjectStore,
    case: Case,
    actor: User | None,
    filename: str,
    stream: BinaryIO,
    media_type: str | None,
    sha256: str,
    size: int,
    parent: Evidence | None = None,
) -> Evidence:
    """Write the bytes, then commit the row: queued, or linked to an earlier copy in the case."""
    key = original_key(sha256)
    if not store.exists(key):
        store.put(key, stream, size, media_type or "application/octet-stream")
    try:
        return _add_row(session, case, actor, filename, media_type, sha256, size, key, parent)
    except IntegrityError:
        # The same bytes became the case's first copy a moment ago (two uploads at once):
        # the database refused a second first copy, so this one is linked to it. Nothing of
        # the caller's is lost: every call commits before the next.
        session.rollback()
        return _add_row(session, case, actor, filename, media_type, sha256, size, key, parent)


def _add_row(session: Session, case: Case, actor: User | None, filename: str,
             media_type: str | None, sha256: str, size: int, key: str,
             parent: Evidence | None) -> Evidence:
    first_copy = session.scalar(
        select(Evidence)
        .where(Evidence.case_id == case.id, Evidence.sha256 == sha256,
               Evidence.duplicate_of_id.is_(None))
        .order_by(Evidence.id)
    )
    evidence = Evidence(
        case=case,
        parent=parent,
        filename=clean_filename(filename),
        media_type=media_type or "application/octet-stream",
        sha256=sha256,
        size=size,
        object_key=key,
        status=EvidenceStatus.QUEUED,
        uploaded_by_id=actor.id if actor is not None else None,
    )
    if first_copy is not None:
        # The same bytes were already examined: no second set of pages, entities or events.
        evidence.status = EvidenceStatus.DUPLICATE
        evidence.duplicate_of = first_copy
    elif media_type is None:
        evidence.status = EvidenceStatus.FAILED
        evidence.error = f"unsupported type: supported types are {supported_labels_text()}"
    session.add(evidence)
    session.flush()
    record_event(
        session, actor, "evidence.uploaded", evidence,
        case_id=case.id, filename=evidence.filename, sha256=sha256,
        parent_id=parent.id if parent is not None else None,
        duplicate_of=first_copy.id if first_copy is not None else None,
    )
    session.commit()
    return evidence
