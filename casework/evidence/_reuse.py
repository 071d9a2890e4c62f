"""The same bytes read once: a file already read for another case gives its reading to a new
upload of it, instead of being extracted, OCR'd and read by the language steps again.

What is copied is the reading alone (pages, entities, dated events, type, the facts
publication needs, the pages' images), into rows of the new file in its own case: nothing
of the other case, not even that there is one, is shown to whoever reads this one. A file
with files inside (an email's attachments, an archive's members) is read again, since its
members must become evidence of this case too; so is one read without OCR, which may be
here now.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casework.evidence._media import LIBREOFFICE_UNAVAILABLE
from casework.evidence._processing import record_results
from storage.models import Evidence, EvidenceEntity, EvidenceEvent, EvidencePage
from storage.objects import ObjectStore
from vocabulary import EventSource, EvidenceStatus

# A few candidates are enough: any earlier reading of the same bytes is as good as another.
_CANDIDATES = 5
# Flags of a reading that a program missing on its machine left without some text.
_READ_WITHOUT_A_PROGRAM = {"ocr_unavailable", LIBREOFFICE_UNAVAILABLE}


def earlier_reading(session: Session, evidence: Evidence) -> Evidence | None:
    """Another file of the same bytes, already read, whose reading can be copied."""
    candidates = session.scalars(
        select(Evidence)
        .where(Evidence.sha256 == evidence.sha256, Evidence.id != evidence.id,
               Evidence.status == EvidenceStatus.PROCESSED)
        .order_by(Evidence.id).limit(_CANDIDATES))
    return next((c for c in candidates
                 if not c.details.get("attachments") and not c.details.get("attachments_too_large")
                 and not _READ_WITHOUT_A_PROGRAM.intersection(c.flags)), None)


def reuse_reading(session: Session, store: ObjectStore, evidence: Evidence,
                  source: Evidence) -> None:
    """Save `source`'s reading as `evidence`'s own and mark it processed; the caller commits."""
    source = session.scalars(
        select(Evidence).where(Evidence.id == source.id)
        .options(selectinload(Evidence.pages), selectinload(Evidence.entities),
                 selectinload(Evidence.events))).one()
    record_results(
        session, store, evidence,
        pages=[EvidencePage(evidence_id=evidence.id, number=p.number, text=p.text, ocr=p.ocr)
               for p in source.pages],
        entities=[EvidenceEntity(evidence_id=evidence.id, label=e.label, text=e.text,
                                 value=e.value, page=e.page, start=e.start, end=e.end)
                  for e in source.entities],
        # What the worker found there, as it found it: the other case's investigators'
        # additions, corrections and dismissals are theirs alone.
        events=[EvidenceEvent(evidence_id=evidence.id, date=found_date, text=found_text,
                              page=page)
                for found_date, found_text, page in (e.as_found for e in source.events
                                                     if e.source is EventSource.MACHINE)],
        # The type as it stands: a person's correction there is a better guess than the
        # model's first one.
        doc_type=source.doc_type,
        doc_type_confidence=source.doc_type_confidence,
        media_type=source.media_type,
        flags=source.flags,
        details=source.details,
        identifying_facts=source.identifying_facts,
    )
    # The page images are named by the bytes' hash: the earlier reading's are this file's.
    evidence.page_images = source.page_images
