"""Evidence: accepting uploads safely and recording what the pipeline found."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import NotFound, TooLarge, UnsupportedMediaType, ValidationFailed
from casework.media import sniff_media_type, supported_types_text
from storage.models import Case, Evidence, EvidencePage, EvidenceStatus, User
from storage.objects import ObjectStore

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Upload:
    filename: str
    stream: BinaryIO


def original_key(sha256: str) -> str:
    """Content-addressed: the same bytes are stored once, whatever they are called."""
    return f"originals/{sha256[:2]}/{sha256}"


def pages_key(sha256: str) -> str:
    return f"derived/{sha256[:2]}/{sha256}/pages.json"


def clean_filename(filename: str) -> str:
    # Browsers on Windows send full paths; keep the last part only.
    name = os.path.basename(filename.replace("\\", "/")).strip()
    name = "".join(ch for ch in name if ch.isprintable())
    return name[:255] or "unnamed"


def _measure(stream: BinaryIO, max_bytes: int) -> tuple[str, int]:
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
        sha256, size = _measure(upload.stream, max_bytes)
        if size == 0:
            raise ValidationFailed(f"{clean_filename(upload.filename)} is empty", field="file")
        checked.append((upload, media_type, sha256, size))

    items = []
    for upload, media_type, sha256, size in checked:
        key = original_key(sha256)
        if not store.exists(key):
            store.put(key, upload.stream, size, media_type)
        evidence = Evidence(
            case=case,
            filename=clean_filename(upload.filename),
            media_type=media_type,
            sha256=sha256,
            size=size,
            object_key=key,
            status=EvidenceStatus.QUEUED,
            uploaded_by_id=actor.id if actor is not None else None,
        )
        session.add(evidence)
        session.flush()
        record_event(
            session, actor, "evidence.uploaded", evidence,
            case_id=case.id, filename=evidence.filename, sha256=sha256,
        )
        session.commit()
        items.append(evidence)
    for evidence in items:
        enqueue(evidence.id)
    return items


def get_evidence(session: Session, evidence_id: int) -> Evidence:
    evidence = session.get(Evidence, evidence_id)
    if evidence is None:
        raise NotFound(f"no evidence with id {evidence_id}")
    return evidence


def record_access(session: Session, actor: User | None, evidence: Evidence, action: str) -> None:
    """Log a look at evidence: it holds health data, and every access must be on record."""
    record_event(session, actor, f"evidence.{action}", evidence, case_id=evidence.case_id)
    session.commit()


def list_evidence(session: Session, case: Case) -> list[Evidence]:
    return list(session.scalars(select(Evidence).where(Evidence.case_id == case.id)
                                .order_by(Evidence.id)))


def mark_processing(session: Session, evidence: Evidence) -> None:
    evidence.status = EvidenceStatus.PROCESSING
    evidence.error = None
    session.commit()


def record_pages(session: Session, evidence: Evidence, texts: list[str]) -> None:
    """Replace the evidence's pages with `texts` (page 1 first) and mark it processed."""
    # Re-running after a crash must not duplicate pages: delete, then insert, in one commit.
    for page in list(evidence.pages):
        session.delete(page)
    session.flush()
    evidence.pages = [EvidencePage(number=n, text=t) for n, t in enumerate(texts, start=1)]
    evidence.page_count = len(texts)
    evidence.status = EvidenceStatus.PROCESSED
    evidence.error = None
    evidence.processed_at = datetime.now(UTC)
    record_event(session, None, "evidence.processed", evidence,
                 case_id=evidence.case_id, pages=len(texts))
    session.commit()


def mark_failed(session: Session, evidence: Evidence, reason: str) -> None:
    """The run stopped: the reason is shown to the user; the original stays downloadable."""
    evidence.status = EvidenceStatus.FAILED
    evidence.error = reason
    record_event(session, None, "evidence.failed", evidence,
                 case_id=evidence.case_id, reason=reason)
    session.commit()
