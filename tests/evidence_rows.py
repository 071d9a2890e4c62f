"""Processed evidence rows written straight to the database, as many as a test needs, and a
count of the SQL statements a block of code sends: for lists that must not grow with a case."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import event, select

from casework.cases import create_case
from casework.evidence import record_results
from storage.models import (
    Case,
    Evidence,
    EvidenceEntity,
    EvidenceEvent,
    EvidencePage,
    EvidenceStep,
    User,
)
from vocabulary import DocType, EntityLabel, EvidenceStatus, StepStatus

UPLOADED = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def a_case(db, investigator: str = "investigator@example.org") -> Case:
    """A new case, opened by the project's own code: by the investigator, where the database
    has one, who is then assigned it."""
    actor = db.scalar(select(User).where(User.email == investigator))
    case = create_case(db, actor, "Mrs A Example", "A Trust")
    db.commit()
    return case


def add_files(db, case: Case, count: int, **overrides) -> list[Evidence]:
    """`count` processed files, a day apart, each with two steps and a name it mentions;
    `overrides` set columns on every one."""
    start = db.query(Evidence).filter_by(case_id=case.id).count()
    files = []
    for n in range(start, start + count):
        columns = {"filename": f"file-{n:05d}.pdf", "status": EvidenceStatus.PROCESSED,
                   "doc_type": DocType.CORRESPONDENCE, "page_count": 1,
                   "created_at": UPLOADED + timedelta(days=n)} | overrides
        files.append(Evidence(
            case=case, media_type="application/pdf", sha256=f"{case.id:08d}{n:056d}", size=1,
            object_key=f"k{n}", **columns,
            steps=[EvidenceStep(position=i, name=name, status=StepStatus.DONE)
                   for i, name in enumerate(("extract", "read"))],
            entities=[EvidenceEntity(label=EntityLabel.PERSON, text=f"Dr Person {n}",
                                     value=f"Person {n}", page=1, start=0, end=5)]))
    db.add_all(files)
    db.commit()
    return files


def add_read_file(db, store, case: Case, name: str, events, pages=("",)) -> Evidence:
    """A file whose reading found these pages' text and (date, text, page) events, recorded
    as the worker records them: folded into the case's chronology and searchable."""
    evidence = Evidence(case=case, filename=name, media_type="application/pdf", sha256=name,
                        size=1, object_key=name, number=len(case.evidence) + 1)
    db.add(evidence)
    db.flush()
    record_results(
        db, store, evidence,
        pages=[EvidencePage(evidence_id=evidence.id, number=n, text=text)
               for n, text in enumerate(pages, start=1)],
        entities=[], events=[EvidenceEvent(evidence_id=evidence.id, date=d, text=t, page=p)
                             for d, t, p in events],
        doc_type=None, doc_type_confidence=None, media_type="application/pdf")
    db.commit()
    return evidence


@contextmanager
def statements(db):
    """The SQL statements the block sends, as a list filled in when it ends."""
    with statements_with_parameters(db) as sent:
        texts: list[str] = []
        yield texts
    texts.extend(statement for statement, _ in sent)


@contextmanager
def statements_with_parameters(db):
    """(statement, parameters) for each SQL statement the block sends, filled in as it ends."""
    sent: list[tuple[str, object]] = []
    engine = db.get_bind()

    def count(_conn, _cursor, statement, parameters, *_args):
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", count)
