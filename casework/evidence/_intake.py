"""Intake: accepting uploads safely. Bytes are stored, then the row; once the caller has
committed it, the caller queues the file."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import TooLarge, UnsupportedMediaType, ValidationFailed
from casework.evidence._media import sniff_media_type, supported_labels_text
from storage.db import insert_unless_present
from storage.models import Case, Evidence, User, next_evidence_number
from storage.objects import ObjectStore
from vocabulary import EvidenceStatus

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Upload:
    filename: str
    stream: BinaryIO


ORIGINALS = "originals/"
# Far longer than any upload takes between storing its bytes and committing its rows.
STRAY_AFTER = timedelta(days=1)


def original_key(sha256: str) -> str:
    """Content-addressed: the same bytes are stored once, whatever they are called."""
    return f"{ORIGINALS}{sha256[:2]}/{sha256}"


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
    max_bytes: int,
) -> list[Evidence]:
    """Store each upload's bytes, then add its row; the caller commits, then queues the
    evidence that is `queued` (see `to_process`).

    Every file is checked before any is stored, so a refused batch leaves nothing behind.
    """
    uploads = list(uploads)
    if not uploads:
        raise ValidationFailed("Select at least one file", field="file")
    checked = []
    for upload in uploads:
        media_type = sniff_media_type(upload.stream, upload.filename)
        if media_type is None:
            raise UnsupportedMediaType(
                f"{clean_filename(upload.filename)} is not a supported type. "
                f"Supported types: {supported_labels_text()}"
            )
        sha256, size = measure_stream(upload.stream, max_bytes)
        if size == 0:
            raise ValidationFailed(f"{clean_filename(upload.filename)} is empty", field="file")
        checked.append((upload, media_type, sha256, size))
    return [
        store_evidence(session, store, case, actor, upload.filename, upload.stream,
                       media_type, sha256, size)
        for upload, media_type, sha256, size in checked
    ]


def to_process(items: Iterable[Evidence]) -> list[int]:
    """The ids among `items` that wait for the worker: queue them once their rows are
    committed, or a worker could look for a row that is not there yet."""
    return [evidence.id for evidence in items if evidence.status is EvidenceStatus.QUEUED]


def _hold_numbering(session: Session, case: Case) -> None:
    """Number the case's files one upload at a time: on PostgreSQL the case's row is locked
    until the upload commits, so two uploads at once never take the same number. (SQLite has
    one writer at a time, and the number is read within the INSERT that takes it: see
    `next_evidence_number`.)"""
    session.execute(select(Case.id).where(Case.id == case.id).with_for_update())


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
    """Write the bytes, then add the row: queued, or linked to an earlier copy in the case.

    Never a row without its bytes: they are stored first, under a key their hash decides.
    """
    key = original_key(sha256)
    # Bytes no committed row holds may be a failed upload's, which remove_stray_originals
    # deletes once old: written again, they are new and stay.
    if not (_referenced(session, key) and store.exists(key)):
        store.put(key, stream, size, media_type or "application/octet-stream")
    row = {
        "parent_id": parent.id if parent is not None else None,
        "filename": clean_filename(filename),
        "media_type": media_type or "application/octet-stream",
        "sha256": sha256,
        "size": size,
        "object_key": key,
        "uploaded_by_id": actor.id if actor is not None else None,
    }
    _hold_numbering(session, case)
    row["number"] = next_evidence_number(case.id)
    first_copy = _first_copy(session, case, sha256)
    evidence = None
    if first_copy is None:
        # Whichever of two uploads of the same bytes at once comes second finds the first
        # copy made when its own insert does nothing.
        failed = media_type is None
        inserted = insert_unless_present(
            session, Evidence.__table__, row | {
                "case_id": case.id,
                "status": EvidenceStatus.FAILED if failed else EvidenceStatus.QUEUED,
                "error": f"unsupported type: supported types are {supported_labels_text()}"
                if failed else None},
            unique=["case_id", "sha256"], where=Evidence.duplicate_of_id.is_(None))
        if inserted is not None:
            evidence = session.get(Evidence, inserted)
            session.expire(case, ["evidence"])
        else:
            first_copy = _first_copy(session, case, sha256)
    if evidence is None:
        if first_copy is None:  # the insert found a first copy that this session cannot see
            raise RuntimeError(f"no first copy of {sha256} in case {case.id}, nor a new one")
        # The same bytes were already examined: no second set of pages, entities or events.
        evidence = Evidence(**row, case=case, status=EvidenceStatus.DUPLICATE,
                            duplicate_of=first_copy)
        session.add(evidence)
        session.flush()
    # The file's fingerprint, size and type, never its name: filenames often name people.
    record_event(
        session, actor, "evidence.uploaded", evidence,
        case_id=case.id, sha256=sha256, size=size, media_type=evidence.media_type,
        parent_id=parent.id if parent is not None else None,
        duplicate_of=first_copy.id if first_copy is not None else None,
    )
    return evidence


def _referenced(session: Session, key: str) -> bool:
    return session.scalar(select(Evidence.id).where(Evidence.object_key == key).limit(1)) \
        is not None


def remove_stray_originals(session: Session, store: ObjectStore,
                           now: datetime | None = None) -> int:
    """Delete the stored originals no evidence refers to, written over STRAY_AFTER ago; how
    many. They are left by an upload that failed between its bytes and its rows (the
    database down, the request cut off), which saved nothing a person could see."""
    cutoff = (now or datetime.now(UTC)) - STRAY_AFTER
    removed = 0
    for item in store.listing(ORIGINALS):
        # Looked up one at a time, just before the delete, so an upload of the same bytes
        # committed since the listing keeps them. (One still between its write and its
        # commit at that instant could lose them: a window of one lookup, on bytes that
        # nobody had uploaded for a day.)
        if item.modified < cutoff and not _referenced(session, item.key):
            store.delete(item.key)
            removed += 1
    return removed


def _first_copy(session: Session, case: Case, sha256: str) -> Evidence | None:
    return session.scalar(
        select(Evidence)
        .where(Evidence.case_id == case.id, Evidence.sha256 == sha256,
               Evidence.duplicate_of_id.is_(None))
        .order_by(Evidence.id)
    )
